# With --detail the chart needs a data block of its own; with --suppress it must show
# "<5", never the hidden counts, and the table cells likewise.
set -e
ssconvert --export-type=Gnumeric_stf:stf_csv report.xlsx cells.csv >/dev/null 2>&1
grep -A9 '^Diagramunderlag' cells.csv > block.csv
grep -q '^"Arbete, studier",<5,,<5,' block.csv || { cat block.csv; exit 1; }
grep -q '^Sjukdom,<5,,0,' block.csv || { cat block.csv; exit 1; }
if grep -E '^[^,]*,[1-4],' cells.csv; then echo "a count below 5 is visible"; exit 1; fi
