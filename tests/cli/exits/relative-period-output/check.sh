# A cron job on 15 July: last-half is 2024H1, and -o 'r-%P.csv' names the file r-2024H1.csv;
# its numbers are those of --period 2024H1.
set -e
test -f r-2024H1.csv || { ls; exit 1; }
"$FINSAM_STATS" exits samples/export.csv --period 2024H1 --quiet --format csv > direct.csv
cmp -s r-2024H1.csv direct.csv || { diff direct.csv r-2024H1.csv; exit 1; }
"$FINSAM_STATS" exits samples/export.csv --period 2024Q2 --quiet -o 'from-%F-to-%T.txt'
test -f from-2024-04-01-to-2024-06-30.txt || { ls; exit 1; }
