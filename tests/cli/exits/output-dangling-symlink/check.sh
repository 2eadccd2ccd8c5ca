[ -L report.csv ] || exit 1
[ ! -e nowhere ] || exit 1
