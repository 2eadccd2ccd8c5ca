# Read the workbook back (Gnumeric's ssconvert): hand-checked rows (Aktivitet 01: 10 closed,
# 1 opened, p = 2 * 12/2048; Aktivitet 07: the published-style drop 30 -> 3), the shares
# closed and opened with Wilson 95 % intervals as printed (R: prop.test(10, 39, correct =
# FALSE) = 14.57 % to 41.08 %), the native
# clustered column chart with its title, the sheet names and the fixed creation time.
set -e
ssconvert --export-type=Gnumeric_stf:stf_csv gap.xlsx cells.csv >/dev/null 2>&1
grep -qx '"Aktivitet 01",39,11,2,10,0.26,0.15,0.41,1,0.03,0,0.13,0.01171875,*' cells.csv || { echo "Aktivitet 01"; exit 1; }
grep -q '^"Aktivitet 07",40,30,3,29,0.73,0.57,0.84,2,0.05,[0-9.]*,0.17,4.6286731958' cells.csv || { echo "Aktivitet 07"; exit 1; }
grep -q '^,"Antal svar","Gap, start","Gap, avslut","Gap stängt","Gap stängt (%)","Stängt, 95 % KI nedre","Stängt, 95 % KI övre","Gap öppnat","Gap öppnat (%)","Öppnat, 95 % KI nedre","Öppnat, 95 % KI övre","p (McNemar exakt, tvåsidigt)"' cells.csv || { echo header; exit 1; }
unzip -p gap.xlsx xl/charts/chart1.xml | grep -q '<c:barDir val="col"/>' || { echo "not a column chart"; exit 1; }
unzip -p gap.xlsx xl/charts/chart1.xml | grep -q '<c:grouping val="clustered"/>' || { echo "not clustered"; exit 1; }
unzip -p gap.xlsx xl/charts/chart1.xml | grep -q 'Antal aktivitetsgap före och efter' || { echo "chart title"; exit 1; }
unzip -p gap.xlsx xl/workbook.xml | grep -q 'sheet name="Gap per deltagare"' || { echo "sheet name"; exit 1; }
unzip -p gap.xlsx docProps/core.xml | grep -q '2024-07-01T00:00:00Z' || { echo "creation time not fixed"; exit 1; }
