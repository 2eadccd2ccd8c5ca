# 62 participants of 2024. Each has a Remittent of its own that matches no referrer, but
# the first two share one ("Okänd 1", written two ways): 61 distinct unknown values, more
# than the 50 the warnings list. Participant 1's Målgrupp holds 70 groups and repeats
# G1, G65 and G70 (as g70) after them: each counts once.
awk 'BEGIN {
    print "Deltagar-ID;Kön;Födelseår;Insats;Inskrivningsdatum;Avslutsdatum;Avslutsanledning;Försörjning vid inskrivning;Försörjning vid avslut;Remittent;Målgrupp;Kommun"
    tg = ""
    for (g = 1; g <= 70; g++) tg = tg (g > 1 ? "|" : "") "G" g
    tg = tg "|G1|G65| g70 "
    for (i = 1; i <= 62; i++) {
        ref = i == 2 ? "OKÄND 1" : "Okänd " (i == 1 ? 1 : i - 1)
        printf "P%d;%s;1980;A;2024-03-01;;;Lön;;%s;%s;Varberg\n", i, i % 2 ? "Kvinna" : "Man", ref, i == 1 ? tg : "G1"
    }
}' >export.csv
