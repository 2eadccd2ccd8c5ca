# Personnummer stand in the Remittent, Kommun, Målgrupp, Insats and both Försörjning
# columns (and in Personnummer, where they belong). No digits of any of them may appear in
# any format, on standard error or in the warnings; each column's personnummer-shaped
# values share one "(personnummer)" row, and the two insatser named by one share a table.
set -e
for f in text csv json; do
    "$FINSAM_STATS" participants export.csv --period 2024 --all --by insats --format $f \
        >out.$f 2>>err.txt
done
"$FINSAM_STATS" participants export.csv --period 2024 --all --by insats -o out.xlsx 2>>err.txt
mkdir x && (cd x && unzip -q ../out.xlsx)
for needle in 7381 5835 9270 3657 5918 4766 8145 6530 \
              710917 630228 540611 820704 770123 680815 590330 910402; do
    if grep -rqF -- "$needle" out.text out.csv out.json err.txt actual.stdout actual.stderr x; then
        echo "personnummer digits $needle found in output"; exit 1
    fi
done
# one table per insats: A, B and "(personnummer)" (Q06 and Q07), each with a flow table
n=$(grep '"key": "flow_' out.json | grep -vc '"flow_by_insats')
[ "$n" = 3 ] || { echo "expected 3 insats flow tables, got $n"; exit 1; }
grep -q '"key": "flow_personnummer"' out.json || { echo "no (personnummer) insats"; exit 1; }
grep -q '"title": "Deltagarflöde, (personnummer), 2024-01-01–2024-12-31"' out.json ||
    { echo "insats title"; exit 1; }
grep -q '<sheet name="(personnumm…, Flöde"' x/xl/workbook.xml || { echo "sheet name"; exit 1; }
# one warning per column for its personnummer-shaped values
[ "$(grep -c '"(personnummer)" matches no referrer (2 rows' err.txt)" = 4 ] ||
    { echo "referrer warning"; cat err.txt; exit 1; }
