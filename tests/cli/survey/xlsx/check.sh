# Read the workbook back (Gnumeric's ssconvert): the first question's counts by year in scale
# order, Vet inte apart, a diverging stacked bar chart per question (a bar per year and the
# total; the agreeing shares positive, the others negative in its data block), and the sheet
# of the share agreeing with the year-against-year test.
set -e
ssconvert -S --export-type=Gnumeric_stf:stf_csv survey.xlsx cells.csv >/dev/null 2>&1
grep -q '^"Instämmer helt",6,0.3,10,0.44,16,0.37,' cells.csv.0 || { echo "Instämmer helt"; exit 1; }
grep -q '^"Instämmer inte alls",4,0.2,1,0.04,5,0.12,' cells.csv.0 || { echo "Instämmer inte alls"; exit 1; }
grep -q '^"  Vet inte",1,,1,,2,' cells.csv.0 || { echo "Vet inte"; exit 1; }
grep -q '^"Jag har fått det stöd jag behövt",20,13,0.65,0.43,0.82,23,19,0.83,0.63,0.93,43,32,0.74,0.6,0.85,0.1761726418575' cells.csv.3 || { echo "agreeing"; exit 1; }
for n in 1 2 3; do
    unzip -p survey.xlsx xl/charts/chart$n.xml | grep -q '<c:barDir val="bar"/>' || { echo "chart $n"; exit 1; }
done
unzip -p survey.xlsx xl/charts/chart1.xml | grep -q '<c:grouping val="stacked"/>' || { echo "stacked"; exit 1; }
unzip -p survey.xlsx xl/charts/chart1.xml | grep -q '<c:overlap val="100"/>' || { echo "overlap"; exit 1; }
grep -q '^"2023 (%)",0.3,0.35,-0.15,-0.2' cells.csv.0 || grep -q '^"2023 (%)",30,35,-15,-20' cells.csv.0 ||
    { echo "chart data"; grep '2023 (%)' cells.csv.0; exit 1; }
unzip -p survey.xlsx xl/workbook.xml | grep -q 'sheet name="Instämmer"' || { echo "sheet name"; exit 1; }
