# A personnummer column under a header that is not one of its names ("Pers.nr"), and a
# personnummer typed as an answer: errors naming file:line:column, never the value, in every
# format and every questionnaire command.
set -e
for c in paired barometer hls ogq; do
    for f in text csv json; do
        for file in q.csv answer.csv; do
            "$FINSAM_STATS" $c $file --format $f >>out.$f 2>>err.txt && exit 1
        done
    done
done
grep -q 'q.csv:2:3: column "Pers.nr": a value shaped like a personnummer' err.txt
grep -q 'answer.csv:3:3: column "Ork": a value shaped like a personnummer' err.txt
while read -r p; do
    full=$(echo "$p" | tr -d -- '-')
    short=$(echo "$full" | cut -c3-)
    dashed=$(echo "$short" | sed 's/^\(......\)/\1-/')
    date8=$(echo "$full" | cut -c1-8)
    last4=$(echo "$full" | cut -c9-12)
    for needle in "$p" "$full" "$short" "$dashed" "$date8" "$last4"; do
        if grep -qF -- "$needle" out.text out.csv out.json err.txt actual.stdout actual.stderr; then
            echo "personnummer digits $needle found in output"; exit 1
        fi
    done
done < pnr.txt
