echo old > report.csv
