# Every common option that means nothing to check is refused with exit status 2, under
# its long name whichever spelling was used; the ones check uses are still accepted.
set -e
for o in "--period=2024:period" "--insats=A:insats" "--by=insats:by" "--rounding=half-up:rounding" \
         "--decimals=1:decimals" "--suppress=5:suppress" "--lang=en:lang" \
         "--csv-dialect=excel-sv:csv-dialect" "--quiet:quiet" "--created=2024-07-01:created" \
         "--round=half-up:rounding"; do
    arg=${o%:*} name=${o##*:}
    st=0
    "$FINSAM_STATS" check "$arg" data/check/export.csv >out 2>err || st=$?
    [ "$st" = 2 ] || { echo "$arg: exit status $st, expected 2"; exit 1; }
    [ ! -s out ] || { echo "$arg: wrote to standard output"; exit 1; }
    grep -qx -- "finsam-stats check: --$name does not apply to check" err ||
        { echo "$arg: message"; cat err; exit 1; }
done
# -o is for the HTML page only: with text or JSON it is a usage error, and nothing written
for arg in -ox.txt --output=x.txt; do
    st=0
    "$FINSAM_STATS" check "$arg" data/check/export.csv >out 2>err || st=$?
    [ "$st" = 2 ] && grep -q -- "-o is for its HTML page" err || { echo "$arg: $st"; exit 1; }
done
[ ! -e x.txt ]
st=0
"$FINSAM_STATS" check --as-of 2025-01-31 --strict --format text --separator ';' \
    --encoding utf-8 --config samples/finsam.ini data/participants/export.csv \
    >out 2>err || st=$?
[ "$st" = 1 ] && [ ! -s err ] || { echo "check refused an option it uses ($st)"; cat err; exit 1; }
