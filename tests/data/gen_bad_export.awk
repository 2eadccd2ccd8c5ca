# gen_bad_export.awk: a generated SUS-style export with bad rows, for the command tests that
# hold the export reader's output (records, counts, warnings, line numbers) byte for byte.
#
#   LC_ALL=C awk -v n=30000 -f tests/data/gen_bad_export.awk > bad.csv
#
# UTF-8 with BOM, ';', CRLF, the 13 default columns, as bench/gen_export.awk, and every
# 37th row or so spoiled in one of the ways exports are spoiled: bad and impossible dates,
# a missing entry date, exit before entry, exit without reason and reason without exit,
# unknown sex, exit reason, referrer and income values, bad personnummer, bad birth years,
# dates after --as-of, rows with too many or too few fields, empty and blank rows, quoted
# fields (separators, doubled quotes, a line break inside), padding, a personnummer in a
# free-text column, a control character, decomposed Unicode, overlapping episodes of one
# id in one insats, Felregistrering, dates with a time part or without dashes.
# Deterministic: its own random generator (Park-Miller, exact in double arithmetic), so
# mawk and gawk write the same bytes. Every personnummer is random and synthetic.

function rnd(k) {
    seed = (seed * 16807) % 2147483647
    return int(seed / 2147483647 * k)
}
function dsum(x) { return x < 10 ? x : x - 9 }
function pick(list,    parts, cnt) {
    cnt = split(list, parts, "|")
    return parts[1 + rnd(cnt)]
}
function fmtdate(day,    r) {
    r = rnd(100)
    if (r < 4) return compact[day]
    if (r < 7) return iso[day] " 00:00:00"
    if (r < 8) return iso[day] "T08:30"
    return iso[day]
}
function pnr_of(by, bm, bd, man, ten,    s2, third, chk) {
    s2 = rnd(100)
    third = 2 * rnd(5) + man
    chk = (10 - (L2[by % 100] + L2[bm] + L2[bd] + L2[s2] + dsum(2 * third)) % 10) % 10
    if (ten) return sprintf("%02d%02d%02d-%02d%d%d", by % 100, bm, bd, s2, third, chk)
    return sprintf("%04d%02d%02d-%02d%d%d", by, bm, bd, s2, third, chk)
}

BEGIN {
    if (n == "") n = 30000
    n += 0
    seed = 19700101
    split("31 28 31 30 31 30 31 31 30 31 30 31", ml, " ")
    y = 2023; m = 1; d = 1
    for (i = 0; i <= 1100; i++) {       # day 0 = 2023-01-01
        iso[i] = sprintf("%04d-%02d-%02d", y, m, d)
        compact[i] = sprintf("%04d%02d%02d", y, m, d)
        d++
        lim = ml[m] + (m == 2 && y % 4 == 0)
        if (d > lim) { d = 1; m++; if (m > 12) { m = 1; y++ } }
    }
    for (v = 0; v < 100; v++)
        L2[v] = dsum(2 * int(v / 10)) + v % 10

    INS = "Steget vidare|Hälsokraft|Unga in|Arbetsnära stöd|STEGET VIDARE"
    KOM = "Kungsbacka|Varberg|Falkenberg|Hylte|varberg"
    REM = "Försäkringskassan|Arbetsförmedlingen|Kommun|Region|Egen anmälan|FK/K|FK/AF|FK|AF|K"
    INC = "Försörjningsstöd|Sjukpenning|Rehabiliteringspenning|Aktivitetsersättning|" \
          "Sjukersättning|Arbetslöshetsersättning|Aktivitetsstöd|Etableringsersättning|Lön|" \
          "Studiemedel|Ingen offentlig försörjning|Uppgift saknas|"
    MAL = "Långtidssjukskrivna|Långtidsarbetslösa|Utrikesfödda|Psykisk ohälsa|Unga 16-29|" \
          "Långtidsarbetslösa|Utrikesfödda|Unga 16-29|Psykisk ohälsa||"
    EXR = "Arbete|Studier|Arbete, studier|Anställning|Påbörjat studier|arbete|ARBETE|" \
          "Arbetssökande|Aktivt arbetssökande|Fortsatt rehabilitering|Arbetsträning|Praktik|" \
          "Förstärkt samverkan FK/AF|Sjukdom|Utskrivning pga sjukdom|Försämrat hälsotillstånd|" \
          "Flytt|Övrigt|Föräldraledighet|Pension|Ålderspension|Utan mätning|Felregistrering"
    SEXK = "Kvinna|K|kvinna|KVINNA|k"
    SEXM = "Man|M|man|MAN|m"

    printf "\357\273\277"
    printf "Deltagar-ID;Personnummer;Kön;Födelseår;Insats;Inskrivningsdatum;" \
           "Avslutsdatum;Avslutsanledning;Försörjning vid inskrivning;" \
           "Försörjning vid avslut;Remittent;Målgrupp;Kommun\r\n"

    for (row = 1; row <= n; row++) {
        man = rnd(100) < 45
        by = 1960 + rnd(47)
        bm = 1 + rnd(12)
        bd = 1 + rnd(28)
        r = rnd(100)
        pnr = r < 3 ? "" : pnr_of(by, bm, bd, man, r < 18)
        id = sprintf("D%06d", row - (row % 53 == 0))  # every 53rd row repeats the id before
        kon = (pnr == "" && rnd(2)) || rnd(100) < 3 ? "" : man ? pick(SEXM) : pick(SEXK)
        fy = rnd(100) < 90 ? by : ""
        ins = pick(INS)
        entry = rnd(731)
        exitd = entry + 14 + rnd(300) + rnd(300)
        if (exitd > 730) {
            xs = ""; reason = ""; incend = ""
        } else {
            xs = fmtdate(exitd); reason = pick(EXR); incend = pick(INC)
        }
        en = fmtdate(entry)
        inc = pick(INC); rem = pick(REM); mal = pick(MAL); kom = pick(KOM)
        if (index(reason, ",")) reason = "\"" reason "\""
        if (index(mal, "|") == 0 && rnd(10) == 0) mal = mal "|" pick(MAL)
        extra = ""; tail = ""; lead = ""

        if (row % 37 == 0) {
            k = int(row / 37) % 30
            if (k == 0) en = "2024-13-01"
            else if (k == 1) xs = "2024-02-30"
            else if (k == 2) en = "15/03/2024"
            else if (k == 3) en = ""
            else if (k == 4) { en = iso[400]; xs = iso[300]; reason = "Flytt" }
            else if (k == 5) { xs = iso[500]; reason = "" }
            else if (k == 6) { xs = ""; reason = "Arbete" }
            else if (k == 7) kon = "X"
            else if (k == 8) reason = "Avliden"
            else if (k == 9) rem = "Grannen"
            else if (k == 10) inc = "Bidrag"
            else if (k == 11) pnr = substr(pnr, 1, length(pnr) - 1) (substr(pnr, length(pnr)) + 1) % 10
            else if (k == 12) pnr = "12345"
            else if (k == 13) fy = "19x0"
            else if (k == 14) fy = "1850"
            else if (k == 15) { en = iso[1000]; xs = "" ; reason = "" }
            else if (k == 16) extra = ";extra"
            else if (k == 17) tail = "short"
            else if (k == 18) { lead = "empty"; }
            else if (k == 19) { lead = "blank" }
            else if (k == 20) mal = "\"Unga 16-29\nPsykisk ohälsa\""
            else if (k == 21) { kom = "\"Kungs\"\"backa\""; ins = " Unga in " }
            else if (k == 22) kom = "19800101-1234"
            else if (k == 23) reason = "Flytt\001"
            else if (k == 24) reason = "O\314\210vrigt"
            else if (k == 25) { kon = man ? "K" : "M" }
            else if (k == 26) { rem = "\"FK;AF\"" }
            else if (k == 27) { en = "  " en "  "; kom = "\tHylte" }
            else if (k == 28) { reason = "Felregistrering" }
            else if (k == 29) { xs = "2099-01-01"; reason = "Flytt" }
        }
        if (lead == "empty") { printf ";;;;;;;;;;;;\r\n"; continue }
        if (lead == "blank") { printf "\r\n"; continue }
        if (tail == "short") {
            printf "%s;%s;%s;%s;%s;%s;%s\r\n", id, pnr, kon, fy, ins, en, xs
            continue
        }
        printf "%s;%s;%s;%s;%s;%s;%s;%s;%s;%s;%s;%s;%s%s\r\n", id, pnr, kon, fy, ins, en, xs,
               reason, inc, incend, rem, mal, kom, extra
    }
}
