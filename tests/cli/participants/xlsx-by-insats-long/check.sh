# --by insats with insats names longer than 12 characters: cut to 11 and "…" (a trailing
# space dropped), the same on every sheet of the insats; then the total's sheets.
set -e
unzip -p report.xlsx xl/workbook.xml | grep -o '<sheet name="[^"]*"' > sheets.txt
for i in 'Arbetsnära…' 'Steget fram…'; do
    printf '<sheet name="%s, %s"\n' "$i" 'Flöde' "$i" 'Avslutsorsak' "$i" 'Remittent' \
        "$i" 'Försörjning' "$i" 'Förs. avslut' "$i" 'Målgrupp' "$i" 'Kommun' "$i" 'Ålder' \
        "$i" 'Inskr.år' "$i" 'Månad' "$i" 'Avslutsmånad' "$i" 'Tid i dagar' "$i" 'Tidsgrupper'
done > expected.txt
printf '<sheet name="%s"\n' 'Deltagarflöde' 'Avslutsanledning' 'Remittent' 'Försörjning' \
    'Försörjning före-efter' 'Målgrupp' 'Kommun' 'Ålder' 'Inskrivningsår' 'Månad' \
    'Avslutsmånad' 'Tid i insats, dagar' 'Tid i insats, grupper' 'Deltagarflöde per insats' \
    >> expected.txt
cmp -s expected.txt sheets.txt || { diff expected.txt sheets.txt; exit 1; }
