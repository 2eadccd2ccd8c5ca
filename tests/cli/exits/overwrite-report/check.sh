# Writing over yesterday's report (on Windows MoveFileExW with MOVEFILE_REPLACE_EXISTING):
# the new report is whole under the old name, again on a second run, for csv and for xlsx
# (which libxlsxwriter writes by name), and no temporary file is left beside it.
set -e
"$FINSAM_STATS" exits samples/export.csv --period 2024H1 --quiet --format csv >expected.csv
cmp expected.csv rapport.csv
"$FINSAM_STATS" exits samples/export.csv --period 2024H2 --quiet -o rapport.csv
"$FINSAM_STATS" exits samples/export.csv --period 2024H2 --quiet --format csv | cmp - rapport.csv
"$FINSAM_STATS" exits samples/export.csv --period 2024H1 --quiet -o rapport.xlsx
unzip -p rapport.xlsx xl/sharedStrings.xml | grep -q '2024-01-01–2024-06-30'
"$FINSAM_STATS" exits samples/export.csv --period 2024 --quiet -o rapport.xlsx
unzip -p rapport.xlsx xl/sharedStrings.xml | grep -q '2024-01-01–2024-12-31'
[ "$(ls | grep -c '^rapport')" = 2 ] || { ls; echo "a temporary file is left"; exit 1; }
