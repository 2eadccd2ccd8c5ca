# A shifted row puts personnummer in the Kön, Avslutsdatum and Avslutsanledning columns;
# no digits of any of them may appear anywhere, and the row counts are warned about.
set -e
for f in text csv json; do
    "$FINSAM_STATS" exits export.csv --period 2024 --detail --format $f >out.$f 2>>err.txt || true
done
"$FINSAM_STATS" exits export.csv --period 2024 --detail -o out.xlsx 2>>err.txt
mkdir x && (cd x && unzip -q ../out.xlsx)
for needle in 2429 9118 1262 4480 850312 870303 920505 880808; do
    if grep -rqF -- "$needle" out.text out.csv out.json err.txt actual.stdout actual.stderr x; then
        echo "personnummer digits $needle found in output"; exit 1
    fi
done
grep -q 'the row has 7 fields, the header 6' actual.stderr
