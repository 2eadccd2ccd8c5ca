# A cron job on 15 July: last-half is 2024H1 and the workbook is r-2024H1.xlsx; nothing on
# standard output. Read back: the sheets in order, a cell of each, the input's SHA-256 in
# "Om rapporten" and in the document's properties; Gnumeric converts it without error.
set -e
test -f r-2024H1.xlsx || { ls; exit 1; }
sum=$(sha256sum samples/export.csv | cut -d' ' -f1)
unzip -p r-2024H1.xlsx xl/workbook.xml | grep -o '<sheet name="[^"]*"' > sheets.txt
printf '<sheet name="%s"\n' Sammanfattning Deltagare Avslutsanledningar Remittent Försörjning \
    Målgrupp Ålder Jämförelse Trend 'Om rapporten' | cmp -s - sheets.txt ||
    { echo "sheets:"; cat sheets.txt; exit 1; }
unzip -p r-2024H1.xlsx docProps/core.xml | grep -q "SHA-256 $sum" || { echo "no SHA-256 in the properties"; exit 1; }
unzip -p r-2024H1.xlsx docProps/core.xml | grep -q '<dc:title>Rapport 2024H1</dc:title>' || { echo "title"; exit 1; }
ssconvert -S --export-type=Gnumeric_stf:stf_csv r-2024H1.xlsx 'sheet%n.csv' 2>err.txt ||
    { cat err.txt; exit 1; }
# the association's row of the summary: during 189 persons (103 women, 84 men, 2 unknown)
grep -q '^"Förbundet, alla insatser",103,84,2,189,' sheet0.csv || { head -5 sheet0.csv; exit 1; }
grep -q '^Totalt,103,' sheet1.csv || { echo "Deltagare"; exit 1; }
grep -q '^Totalt,47,' sheet2.csv || { echo "Avslutsanledningar"; exit 1; }
grep -q '^Totalt,103,' sheet3.csv || { echo "Remittent"; exit 1; }
grep -q 'Försörjning vid inskrivning, avslutade deltagare' sheet4.csv || { echo "Försörjning"; exit 1; }
grep -q '^Deltagare,103,' sheet5.csv || { echo "Målgrupp"; exit 1; }
grep -q '^Totalt,103,' sheet6.csv || { echo "Ålder"; exit 1; }
grep -q '^"Förbundet, alla insatser",25,90,' sheet7.csv || { echo "Jämförelse"; exit 1; }
grep -q '^"Deltagare under perioden",' sheet8.csv || { echo "Trend"; exit 1; }
grep -q "SHA-256 $sum" sheet9.csv || { echo "Om rapporten"; exit 1; }
