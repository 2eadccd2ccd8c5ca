# No personnummer of the input, in any of its forms, appears in any output byte of any
# format (stdout, stderr, files), including the rows whose sex was derived from it.
set -e
for f in text csv json; do
    "$FINSAM_STATS" exits data/exits-small.csv --period 2024H1 --detail --format $f >out.$f 2>>err.txt
done
"$FINSAM_STATS" exits data/exits-small.csv --period 2024H1 --detail --by insats -o out.xlsx 2>>err.txt
mkdir x && (cd x && unzip -q ../out.xlsx)
while read -r p; do
    full=$(echo "$p" | tr -d -- '-')          # 198503122429
    short=$(echo "$full" | cut -c3-)          # 8503122429
    dashed=$(echo "$short" | sed 's/^\(......\)/\1-/')   # 850312-2429
    for needle in "$p" "$full" "$short" "$dashed"; do
        if grep -rqF -- "$needle" out.text out.csv out.json err.txt actual.stdout actual.stderr x; then
            echo "personnummer found in output"; exit 1
        fi
    done
done < data/pnr-exits-small.txt
