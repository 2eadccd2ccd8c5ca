echo old > report.csv
chmod 600 report.csv
