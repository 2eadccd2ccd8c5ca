#!/bin/sh
# report_print.sh FINSAM_STATS SAMPLES_DIR WORK_DIR: the report's workbook printed to PDF
# by LibreOffice: A4 landscape, and every page begins with a table's title, so that no
# table or chart is cut across pages (a page of a table's right-hand part, or of a chart's
# lower half, would begin with something else). Skipped (77) without LibreOffice.
set -u
bin=$1 S=$2 work=$3
for tool in soffice pdftotext pdfinfo; do
    command -v $tool >/dev/null 2>&1 || { echo "skipped: $tool is not installed"; exit 77; }
done
mkdir -p "$work" && cd "$work" || exit 1
rm -f rapport.xlsx rapport.pdf
"$bin" report "$S/export.csv" --period 2024H1 --trend 2023H1..2024H2 --quiet --created 2024-07-15 \
    -o rapport.xlsx || exit 1
HOME="$work" soffice --headless --norestore --convert-to pdf rapport.xlsx >/dev/null 2>&1 ||
    { echo "soffice failed"; exit 1; }
info=$(pdfinfo rapport.pdf) || exit 1
printf '%s\n' "$info" | grep -q 'Page size: *841.[0-9]* x 595.[0-9]* pts (A4)' ||
    { echo "not A4 landscape"; printf '%s\n' "$info" | grep 'Page size'; exit 1; }
pages=$(printf '%s\n' "$info" | awk '/^Pages:/ {print $2}')
bad=0 p=1
while [ $p -le "$pages" ]; do
    first=$(pdftotext -f $p -l $p -layout rapport.pdf - 2>/dev/null | grep -m1 -v '^[[:space:]]*$')
    case $first in
        *20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]*|*jämfört\ med*|Trend*|"Om rapporten"*) ;;
        *) echo "page $p begins with: $first"; bad=1 ;;
    esac
    p=$((p + 1))
done
[ $bad = 0 ] && echo "$pages pages, each beginning with a table's title"
exit $bad
