# The same percentages in the workbook's cells as in the text: the rounded share itself,
# not a fraction that Excel rounds on its own (46.46 % would show as 46 %). Cells are read
# back with Gnumeric; a share cell holds the percentage / 100 (0.47, shown as 47 %).
set -e
"$FINSAM_STATS" exits export.csv --period 2024H1 --quiet -o t.xlsx --created 2024-07-01
ssconvert --export-type=Gnumeric_stf:stf_csv t.xlsx cells.csv >/dev/null 2>&1
awk -F, '
    { sub(/,+$/, ""); sub(/^"Arbete/, "Arbete"); sub(/^"Fortsatt rehabilitering"/, "Fortsatt") }
    $0 ~ /^(Arbete|Arbetssökande|Fortsatt|Sjukdom|Flytt|Övrigt|Totalt)/ {
        n = NF; got[$1] = $(n - 1) " " int($n * 100 + 0.5) }
    END {
        split("Arbete 138 47|Arbetssökande 99 33|Fortsatt 18 6|Sjukdom 2 1|Flytt 15 5|Övrigt 25 8|Totalt 297 100", want, "|")
        for (i in want) {
            split(want[i], w, " ")
            if (got[w[1]] != w[2] " " w[3]) { print "xlsx: " w[1] ": " got[w[1]] ", want " w[2] " " w[3]; bad = 1 }
        }
        exit bad
    }' cells.csv
for row in 'Arbete, studier .* 138 +47$' 'Arbetssökande .* 99 +33$' 'Sjukdom .* 2 +1$' \
           'Flytt .* 15 +5$' 'Övrigt .* 25 +8$'; do
    grep -Eq "^$row" actual.stdout || { echo "text: no row $row"; exit 1; }
done
