# [report] names questionnaire files and the command line wins (the ini's ogq files do not
# exist); each questionnaire on its own sheet, after Ålder and before Jämförelse; Om
# rapporten gives each file's SHA-256.
set -e
test -f r.xlsx || { ls; exit 1; }
unzip -p r.xlsx xl/workbook.xml | grep -o '<sheet name="[^"]*"' > sheets.txt
printf '<sheet name="%s"\n' Sammanfattning Deltagare Avslutsanledningar Remittent Försörjning \
    Målgrupp Ålder HLS-EU OGQ Hälsobarometer Jämförelse 'Om rapporten' | cmp -s - sheets.txt ||
    { echo "sheets:"; cat sheets.txt; exit 1; }
for f in hls-q16.csv ogq-start.csv ogq-avslut.csv barometer.csv; do
    sum=$(sha256sum "samples/$f" | cut -d' ' -f1)
    unzip -p r.xlsx 'xl/worksheets/sheet12.xml' xl/sharedStrings.xml | grep -q "$sum" ||
        { echo "no SHA-256 of $f"; exit 1; }
done
