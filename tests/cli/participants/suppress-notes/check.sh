# With --suppress 3, insats B of 2024H1 has one woman and two men among the ended: every
# count in a note below 3 prints as <3, like the table cells, and the quartiles of a sex
# with fewer than 3 ended episodes are hidden (the one woman's exact time in the programme,
# 259 days, must not appear). Checked in JSON (null) and xlsx ("..") too.
set -e
args="data/participants/export.csv --period 2024H1 --insats b --all --suppress 3 --quiet"
"$FINSAM_STATS" participants $args --format json >out.json
grep -q '{"key": "women", "label": "Kvinnor", "values": {"n": null, "q1": null, "median": null, "q3": null}}' out.json ||
    { echo "women's quartiles not hidden"; exit 1; }
grep -q '{"key": "men", "label": "Män", "values": {"n": null, "q1": null, "median": null, "q3": null}}' out.json ||
    { echo "men's quartiles not hidden"; exit 1; }
grep -q 'Avslutade deltagare: 3 (kvinnor <3, män <3, uppgift om kön saknas 0)' out.json ||
    { echo "cross-table note"; exit 1; }
grep -q '4 + <3 = 3 + <3 = 5' out.json || { echo "flow identity note"; exit 1; }
# no note holds a count 1 or 2 (a number after a space, before a space, ')' or '.'); the
# women-versus-men test line holds degrees of freedom and p-values, not counts
if sed -n '/"notes": \[/,/\]/p' out.json | grep -E '[ (][12][ ).,]' |
    grep -v 'Kalendermånader\|quantile\|Pearsons chi2'; then
    echo "a note shows a count below 3"; exit 1
fi
"$FINSAM_STATS" participants $args -o out.xlsx
mkdir x && (cd x && unzip -q ../out.xlsx)
# the duration sheet (the twelfth): the quartile cells of the women (row 4) and men (row 5)
# are text (".."), not numbers
for c in C4 D4 E4 C5 D5 E5; do
    grep -qE "<c r=\"$c\"( s=\"[0-9]+\")? t=\"s\">" x/xl/worksheets/sheet12.xml ||
        { echo "quartile $c of the duration sheet is not hidden"; exit 1; }
done
grep -q '<t>\.\.</t>' x/xl/sharedStrings.xml || { echo "no .. in the xlsx"; exit 1; }
