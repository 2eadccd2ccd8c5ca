# The generated rows of generated-bad-rows in Windows-1252 (BOM dropped; the decomposed
# diaeresis, which Windows-1252 cannot hold, dropped by iconv -c): the conversion path on a
# file of many chunks. Expected output recorded before the reader was rewritten for speed.
awk -v n=20000 -f data/gen_bad_export.awk | tail -c +4 | iconv -c -f UTF-8 -t WINDOWS-1252 > bad1252.csv
