echo old > report.csv
chmod 444 report.csv
