# The HTML page: a chart per question drawn as inline SVG from the table model (the shares
# of the two years compared), and the table of the share agreeing with the test.
set -e
[ "$(grep -o '<svg' survey.html | wc -l)" -eq 3 ] || { echo "three charts"; exit 1; }
grep -q 'Andel som instämmer, per fråga' survey.html || { echo "agreeing table"; exit 1; }
grep -q '0,18' survey.html || { echo "p"; exit 1; }
