# Ids that are personnummer: the file is keyed by personnummer (10- and 12-digit forms link)
# and no digit run of them appears in any output of any format, nor in the messages of a
# repeated id or of --participants (refused before the export is read).
set -e
for f in text csv json; do
    "$FINSAM_STATS" paired q.csv --format $f >out.$f 2>>err.txt
done
"$FINSAM_STATS" paired q.csv -o out.xlsx 2>>err.txt
mkdir x && (cd x && unzip -q ../out.xlsx)
for f in text json; do
    "$FINSAM_STATS" paired dup.csv --format $f >>out.$f 2>>err.txt && exit 1
    "$FINSAM_STATS" paired q.csv --participants no-such-export.csv --format $f >>out.$f 2>>err.txt && exit 1
done
grep -q "the same personnummer appears twice" err.txt
grep -q "keyed by personnummer" err.txt
if grep -q "no-such-export" err.txt; then echo "the export was read"; exit 1; fi
while read -r p; do
    full=$(echo "$p" | tr -d -- '-')
    short=$(echo "$full" | cut -c3-)
    dashed=$(echo "$short" | sed 's/^\(......\)/\1-/')
    date8=$(echo "$full" | cut -c1-8)
    last4=$(echo "$full" | cut -c9-12)
    for needle in "$p" "$full" "$short" "$dashed" "$date8" "$last4"; do
        if grep -rqF -- "$needle" out.text out.csv out.json err.txt actual.stdout actual.stderr x; then
            echo "personnummer digits $needle found in output"; exit 1
        fi
    done
done < pnr.txt
