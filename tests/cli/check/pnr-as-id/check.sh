# The id column holds personnummer here (12 digits, with and without '-'), and so do a
# referrer and an income value: none of them, in any spelling, may appear in the output.
set -e
for s in 19850312-2429 198503122429 850312-2429 8503122429 19900101-0132 900101-0132; do
    if grep -qF -- "$s" actual.stdout actual.stderr; then echo "personnummer $s printed"; exit 1; fi
done
# the same in JSON
"$FINSAM_STATS" check ids.csv --as-of 2025-01-31 --format json >json.out 2>&1 || true
for s in 19850312-2429 198503122429 850312-2429 8503122429 19900101-0132 900101-0132; do
    if grep -qF -- "$s" json.out; then echo "personnummer $s printed in JSON"; exit 1; fi
done
