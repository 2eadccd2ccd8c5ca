cp samples/export.csv export.csv
