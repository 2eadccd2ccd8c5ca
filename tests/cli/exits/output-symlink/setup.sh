mkdir reports
echo old > reports/2024.csv
chmod 640 reports/2024.csv
ln -s reports/2024.csv report.csv
