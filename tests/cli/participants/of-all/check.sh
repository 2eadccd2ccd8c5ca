# --of all: the referrer table of each of the five populations, each saying which it is.
set -e
for p in during ongoing_at_start new ended ongoing_at_end; do
    grep -q "\"population\": \"$p\"" actual.stdout || { echo "no $p table"; exit 1; }
done
[ "$(grep -c '"breakdown": "referrer"' actual.stdout)" = 5 ]
python3 -c 'import json,sys; json.load(open("actual.stdout"))'
