#!/bin/sh
# xlsx_pdf.sh FINSAM_STATS SAMPLES_DIR WORK_DIR: the workbook of every breakdown, printed to
# PDF by a real spreadsheet program (Gnumeric's ssconvert), lays each sheet out on A4
# landscape pages one page wide, with each table's chart on the same page as the table's
# title (so the chart prints whole, beside the table). Skipped (status 77) without ssconvert
# or pdftotext.
set -u
bin=$1 S=$2 work=$3
for tool in ssconvert pdftotext pdfinfo; do
    command -v $tool >/dev/null 2>&1 || { echo "skipped: $tool is not installed"; exit 77; }
done
mkdir -p "$work" && cd "$work" || exit 1
rm -f all.xlsx all.pdf
"$bin" participants "$S/export.csv" --period 2024 --all --quiet --created 2024-07-01 -o all.xlsx || exit 1
ssconvert -T Gnumeric_pdf:pdf_assistant all.xlsx all.pdf >/dev/null 2>&1 || { echo "ssconvert failed"; exit 1; }
info=$(pdfinfo all.pdf)
pages=$(printf '%s\n' "$info" | awk '/^Pages:/ {print $2}')
printf '%s\n' "$info" | grep -q 'Page size: *841.89 x 595.276 pts (A4)' ||
    { echo "not A4 landscape:"; printf '%s\n' "$info" | grep 'Page size'; exit 1; }
bad=0
# each chart's title on the page of its table's title
for pair in 'Deltagarflöde, 2024|Deltagarflöde efter kön' \
            'Avslutsanledning, avslutade|Avslutsanledning efter kön' \
            'Remittent, deltagare|Remittent efter kön' \
            'Försörjning vid inskrivning, deltagare|Försörjning vid inskrivning efter kön'; do
    title=${pair%%|*} chart=${pair#*|}
    found=0
    p=1
    while [ $p -le "$pages" ]; do
        text=$(pdftotext -f $p -l $p -layout all.pdf - 2>/dev/null)
        if printf '%s\n' "$text" | grep -q "^$title\|^ *$title"; then
            found=1
            printf '%s\n' "$text" | grep -q "$chart" || { echo "page $p: \"$title\" without its chart \"$chart\""; bad=1; }
        fi
        p=$((p + 1))
    done
    [ $found = 1 ] || { echo "no page with \"$title\""; bad=1; }
done
# one page wide: no page holds a table's columns without its row labels, i.e. every page
# that shows a "Totalt" count row shows its label column too (a sheet split across pages
# side by side would leave a page of bare numbers)
p=1
while [ $p -le "$pages" ]; do
    text=$(pdftotext -f $p -l $p -layout all.pdf - 2>/dev/null)
    if printf '%s\n' "$text" | grep -qE '^ *[0-9 %]+$' && ! printf '%s\n' "$text" | grep -q '[A-Za-zåäö]'; then
        echo "page $p has numbers and no labels: a sheet split across the page width"; bad=1
    fi
    p=$((p + 1))
done
[ $bad = 0 ] && echo "$pages A4 landscape pages, every chart beside its table"
exit $bad
