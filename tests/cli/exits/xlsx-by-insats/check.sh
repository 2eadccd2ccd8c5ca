# one sheet per insats, then the total, each with its own chart; the per-insats counts read
# back from the workbook are the hand-worked ones (Hälsokraft 4 women, 2 men, 1 unknown)
set -e
unzip -p report.xlsx xl/workbook.xml | grep -o '<sheet name="[^"]*"' > sheets.txt
printf '%s\n' '<sheet name="Hälsokraft"' '<sheet name="Steget"' '<sheet name="Avslutsanledning"' | cmp -s - sheets.txt || { cat sheets.txt; exit 1; }
[ "$(unzip -l report.xlsx | grep -c 'xl/charts/chart')" = 3 ] || { unzip -l report.xlsx; exit 1; }
ssconvert -S --export-type=Gnumeric_stf:stf_csv report.xlsx 'sheet%n.csv' >/dev/null 2>&1
grep -Eq '^Totalt,4,1,2,1,1,1,7,1(,|$)' sheet0.csv || { cat sheet0.csv; exit 1; }
grep -Eq '^Totalt,4,1,3,1,7,1(,|$)' sheet1.csv || { cat sheet1.csv; exit 1; }
grep -Eq '^Totalt,8,1,5,1,1,1,14,1(,|$)' sheet2.csv || { cat sheet2.csv; exit 1; }
