# The published Aktiv Nordost table: of 297 ended, 138 = 47 %, 99 = 33 %, 18 = 6 %,
# 2 = 1 %, 15 = 5 %, 25 = 8 % (largest remainder: 46.46 -> 47 and 0.67 -> 1 take the two
# units left after the floors). Women and men alternate.
awk 'BEGIN {
    print "Deltagar-ID;Kön;Inskrivningsdatum;Avslutsdatum;Avslutsanledning"
    split("138 99 18 2 15 25", n, " ")
    split("Arbete|Arbetssökande|Fortsatt rehabilitering|Sjukdom|Flytt|Övrigt", r, "|")
    id = 0
    for (g = 1; g <= 6; g++)
        for (k = 0; k < n[g]; k++) {
            id++
            printf "N%03d;%s;2023-09-01;2024-03-15;%s\n", id, id % 2 ? "Kvinna" : "Man", r[g]
        }
}' > export.csv
