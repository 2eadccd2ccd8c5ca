[ "$(cat report.csv)" = old ] || exit 1
[ "$(ls | grep -c report.csv)" = 1 ] || { ls; exit 1; }
