# The repeated target groups count once; the warnings list 50 unknown referrers and count
# the other 11 in one line.
set -e
grep -q '^G70,1,' actual.stdout || { echo "G70 not counted once"; grep '^G70,' actual.stdout; exit 1; }
grep -q '^G65,1,' actual.stdout || { echo "G65 not counted once"; exit 1; }
grep -q '^G1,31,' actual.stdout || { echo "G1 not counted once per participant"; exit 1; }
[ "$(grep -c 'matches no referrer' actual.stderr)" = 50 ] || { echo "not 50 values listed"; exit 1; }
grep -qx 'finsam-stats participants: warning: column "Remittent": and 11 more distinct values that match no referrer (11 rows in the selection)' actual.stderr ||
    { echo "no summary line"; exit 1; }
