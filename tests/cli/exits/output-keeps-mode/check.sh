# replaced, and still readable by its owner only
[ "$(stat -c %a report.csv)" = 600 ] || { stat -c %a report.csv; exit 1; }
grep -q Arbete report.csv || exit 1
