# No personnummer of the fixture (12 or 10 digits, with or without the separator) appears
# in the output, and the input is unchanged.
set -e
while read -r p; do
    d=$(printf '%s' "$p" | tr -d -- '-+')
    short=$(printf '%s' "$d" | cut -c3-)
    for s in "$p" "$d" "$short" "$(printf '%s' "$p" | cut -c3-)"; do
        if grep -qF -- "$s" actual.stdout actual.stderr; then echo "personnummer printed"; exit 1; fi
    done
done < data/check/personnummer.txt
