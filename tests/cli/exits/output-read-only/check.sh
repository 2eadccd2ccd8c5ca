# refused even for root: untouched, still read-only
[ "$(cat report.csv)" = old ] || exit 1
[ "$(stat -c %a report.csv)" = 444 ] || exit 1
[ "$(ls | grep -c "^report")" = 1 ] || { ls; exit 1; }
