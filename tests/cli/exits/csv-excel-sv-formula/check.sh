# Exit reasons from the data that Excel would evaluate (= + - @) are row labels: excel-sv
# writes them with a leading ' (inside the quotes when the field is quoted); numbers and
# ordinary labels are untouched. rfc4180 (for scripts) writes every label as it is.
set -e
for l in "'=1+2;" "'+46 70;" "'-minus;" "'@SUM(A1);" "\"'=A1;B1\";" "Arbete, studier;0;"; do
    grep -qF -- "$l" actual.stdout || { echo "excel-sv: no line starting $l"; exit 1; }
done
"$FINSAM_STATS" exits formula.csv --period 2024 --format csv --quiet >rfc.csv
for l in "=1+2" "+46 70" "-minus" "@SUM(A1)" "=A1;B1"; do
    cut -d, -f1 rfc.csv | tr -d '\r' | grep -qxF -- "$l" || { echo "rfc4180: $l changed"; exit 1; }
done
if grep -q "^'" rfc.csv; then echo "rfc4180: a label was prefixed"; exit 1; fi
