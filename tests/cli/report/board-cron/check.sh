# A wall screen's board from cron: last-half on 15 July is 2024H1, the page is
# tavla-2024H1.html, it reloads every 5 minutes, it names the period, and nothing else is
# left in the directory (the page was written beside and renamed into place). A second run
# replaces it the same way.
set -e
test -f tavla-2024H1.html || { ls; exit 1; }
grep -q '<meta http-equiv="refresh" content="300">' tavla-2024H1.html || { echo "no refresh"; exit 1; }
grep -q '<h1>Rapport 2024H1</h1>' tavla-2024H1.html || { echo "no heading"; exit 1; }
grep -q '<html lang="sv">' tavla-2024H1.html
ls | grep -v -e '^tavla-2024H1.html$' -e '^args$' -e '^check.sh$' -e '^actual\.' -e '^stdout$' \
    -e '^stderr$' -e '^data$' -e '^samples$' && { echo "files left behind"; exit 1; }
cp tavla-2024H1.html before.html
"$FINSAM_STATS" report samples/export.csv --period last-half --as-of 2024-07-15 \
    --config samples/finsam.ini --quiet -o 'tavla-%P.html'
cmp -s before.html tavla-2024H1.html && { echo "not replaced"; exit 1; }
grep -q 'http-equiv' tavla-2024H1.html && { echo "refresh without --refresh"; exit 1; }
ls | grep -q 'tavla-2024H1.html\.' && { echo "a temporary file left"; exit 1; }
exit 0
