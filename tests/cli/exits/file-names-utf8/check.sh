# File names with å, ä and ö (on Windows through the manifest's UTF-8 code page): the
# export is read and named as UTF-8 in the warnings (stderr) and in the text report's
# source line, the report is written under its own name, an xlsx too (libxlsxwriter opens
# it by name), a missing file is named, and no temporary file is left.
set -e
[ -f "Avslut för Kön, åäö.csv" ] || { ls; echo "no report under its name"; exit 1; }
"$FINSAM_STATS" exits "Hälsosteget-2024 åäö.csv" --period 2024H1 --quiet --format csv >same.csv
cmp same.csv "Avslut för Kön, åäö.csv"
"$FINSAM_STATS" exits "Hälsosteget-2024 åäö.csv" --period 2024H1 --quiet | tail -n 1 >source.txt
[ "$(cat source.txt)" = "Källa: Hälsosteget-2024 åäö.csv" ] || { cat source.txt; exit 1; }
"$FINSAM_STATS" exits "Hälsosteget-2024 åäö.csv" --period 2024H1 --quiet -o "Avslut åäö.xlsx"
unzip -p "Avslut åäö.xlsx" xl/workbook.xml | grep -q 'sheet name="Avslutsanledning"'
st=0
"$FINSAM_STATS" exits "Saknas åäö.csv" --period 2024H1 2>err.txt || st=$?
[ "$st" = 1 ] || { echo "missing file: exit status $st"; exit 1; }
[ "$(cat err.txt)" = "finsam-stats exits: Saknas åäö.csv: cannot open: No such file or directory" ] ||
    { cat err.txt; exit 1; }
[ "$(ls | grep -c 'åäö')" = 3 ] || { ls; echo "a temporary file is left"; exit 1; }
