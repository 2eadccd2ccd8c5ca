# 20,000 generated rows with bad ones among them (tests/data/gen_bad_export.awk); the expected
# output was recorded before the reader was rewritten for speed and must not change.
awk -v n=20000 -f data/gen_bad_export.awk > bad.csv
