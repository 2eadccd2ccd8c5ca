# the same export, once UTF-8 with BOM and once Windows-1252, under the same name
mkdir utf8 cp1252
cp samples/export.csv utf8/export.csv
cp samples/export-cp1252.csv cp1252/export.csv
