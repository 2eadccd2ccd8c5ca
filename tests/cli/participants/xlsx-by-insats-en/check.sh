# --by insats --lang en: each insats's tables, then the total's, with English sheet names;
# the per-insats names are "insats, short name" within the 26 characters the writer keeps.
set -e
unzip -p report.xlsx xl/workbook.xml | grep -o '<sheet name="[^"]*"' > sheets.txt
for i in A B; do
    printf '<sheet name="%s, %s"\n' "$i" 'Flow' "$i" 'Exit reason' "$i" 'Referrer' "$i" 'Income' \
        "$i" 'Income exit' "$i" 'Target group' "$i" 'Municipality' "$i" 'Age' "$i" 'Entry year' \
        "$i" 'Month' "$i" 'Exit month' "$i" 'Time in days' "$i" 'Time bands'
done > expected.txt
printf '<sheet name="%s"\n' 'Participant flow' 'Exit reasons' 'Referrer' 'Income support' \
    'Income before-after' 'Target group' 'Municipality' 'Age' 'Year of entry' 'Month' \
    'Month of exit' 'Time in programme, days' 'Time in programme, bands' 'Participant flow by insats' \
    >> expected.txt
cmp -s expected.txt sheets.txt || { diff expected.txt sheets.txt; exit 1; }
