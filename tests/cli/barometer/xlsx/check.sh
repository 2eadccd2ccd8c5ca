# Read back: one sheet per sex and the total; the chart of the means at start and exit on the
# total sheet (series = mean columns H and I of the six item rows); fixed creation time.
set -e
unzip -p barometer.xlsx xl/workbook.xml | grep -q 'sheet name="Frågor, kvinnor"' || { echo "sheet women"; exit 1; }
unzip -p barometer.xlsx xl/workbook.xml | grep -q 'sheet name="Frågor, totalt"' || { echo "sheet total"; exit 1; }
c=$(unzip -p barometer.xlsx xl/charts/chart1.xml)
echo "$c" | grep -q 'Medelvärde vid start och avslut' || { echo "chart title"; exit 1; }
echo "$c" | grep -q "'Frågor, totalt'!\$H\$4:\$H\$9" || { echo "series mean_start"; exit 1; }
echo "$c" | grep -q "'Frågor, totalt'!\$I\$4:\$I\$9" || { echo "series mean_end"; exit 1; }
unzip -p barometer.xlsx docProps/core.xml | grep -q '2024-07-01T00:00:00Z' || { echo "creation time"; exit 1; }
