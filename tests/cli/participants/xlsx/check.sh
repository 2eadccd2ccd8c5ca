# One sheet per table (flow + 13 breakdown tables with --all) with its short name, native
# charts for the flow, exit-reason, referrer and income-at-entry tables, the fixed creation time
# and the flow cells.
set -e
test -f report.xlsx
ls .fs-* report.xlsx.* 2>/dev/null && { echo "temporary file left"; exit 1; } || true
n=$(unzip -l report.xlsx | grep -c 'xl/worksheets/sheet[0-9]*\.xml')
[ "$n" = 14 ] || { echo "expected 14 sheets, got $n"; exit 1; }
unzip -p report.xlsx xl/workbook.xml | grep -o '<sheet name="[^"]*"' > sheets.txt
printf '<sheet name="%s"\n' 'Deltagarflöde' 'Avslutsanledning' 'Remittent' 'Försörjning' \
    'Försörjning före-efter' 'Målgrupp' 'Kommun' 'Ålder' 'Inskrivningsår' 'Månad' \
    'Avslutsmånad' 'Tid i insats, dagar' 'Tid i insats, grupper' 'Deltagarflöde per insats' |
    cmp -s - sheets.txt || { echo "sheet names"; cat sheets.txt; exit 1; }
c=$(unzip -l report.xlsx | grep -c 'xl/charts/chart[0-9]*\.xml')
[ "$c" = 4 ] || { echo "expected 4 charts, got $c"; exit 1; }
unzip -p report.xlsx docProps/core.xml | grep -q '2024-07-01T00:00:00Z' || { echo "creation time not fixed"; exit 1; }
if command -v ssconvert >/dev/null 2>&1; then
    ssconvert --export-type=Gnumeric_stf:stf_csv -O 'sheet=0' report.xlsx flow.csv >/dev/null 2>&1 || true
    if [ -f flow.csv ]; then
        grep -q '^Deltagare under perioden,6,' flow.csv || { echo "flow cells"; cat flow.csv; exit 1; }
        grep -q '^Pågående vid periodens slut,3,' flow.csv || { echo "flow cells"; cat flow.csv; exit 1; }
    fi
fi
