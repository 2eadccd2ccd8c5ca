# Read the workbook back with a real spreadsheet program (Gnumeric's ssconvert) and
# compare every cell; check the native chart and the fixed creation time.
set -e
ssconvert --export-type=Gnumeric_stf:stf_csv report.xlsx cells.csv >/dev/null 2>&1
if ! cmp -s cells.csv expected-cells.csv; then diff expected-cells.csv cells.csv; exit 1; fi
unzip -l report.xlsx | grep -q 'xl/charts/chart1.xml' || { echo "no chart"; exit 1; }
unzip -p report.xlsx xl/charts/chart1.xml | grep -q '<c:barChart>' || { echo "not a bar chart"; exit 1; }
unzip -p report.xlsx xl/charts/chart1.xml | grep -q '<c:grouping val="clustered"/>' || { echo "not clustered"; exit 1; }
unzip -p report.xlsx docProps/core.xml | grep -q '2024-07-01T00:00:00Z' || { echo "creation time not fixed"; exit 1; }
unzip -p report.xlsx xl/workbook.xml | grep -q 'sheet name="Avslutsanledning"' || { echo "sheet name"; exit 1; }
