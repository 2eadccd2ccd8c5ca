mkdir report.csv
