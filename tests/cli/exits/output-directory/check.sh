[ -d report.csv ] || exit 1
[ "$(ls | grep -c "^report")" = 1 ] || { ls; exit 1; }
