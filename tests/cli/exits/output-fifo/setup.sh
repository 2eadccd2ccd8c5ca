mkfifo report.csv
