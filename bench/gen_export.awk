# gen_export.awk: writes a large synthetic SUS-style export for benchmarks.
#
#   LC_ALL=C awk -v n=1000000 -f bench/gen_export.awk > export.csv
#
# Same format as data-samples/export.csv: UTF-8 with BOM, separator ';', CRLF, same header.
# n episodes (default 1,000,000) entered 2023-01-01..2024-12-31, some still open. Includes
# exit-reason spelling variants in several cases, "Arbete, studier" quoted, about 1 %
# Felregistrering, a few unmatched "Avliden", rows with empty Kön but a personnummer,
# rows with neither, 10- and 12-digit personnummer with a valid Luhn digit, and three date
# formats. Deterministic: its own random generator (Park-Miller, exact in double
# arithmetic), no rand(), no gawk extensions, so mawk and gawk write the
# same bytes. Every personnummer is random and synthetic.

function rnd(k) {                       # uniform integer 0..k-1
    seed = (seed * 16807) % 2147483647
    return int(seed / 2147483647 * k)
}
function dsum(x) { return x < 10 ? x : x - 9 }
function pick(tab, cum, cnt,    r, i) { # weighted choice; cum[] holds running totals
    r = rnd(cum[cnt])
    for (i = 1; i < cnt; i++)
        if (r < cum[i]) break
    return tab[i]
}
function table(spec, tab, cum,    parts, i, k, w, cnt) {  # "value=weight|value=weight|..."
    cnt = split(spec, parts, "|")
    w = 0
    for (i = 1; i <= cnt; i++) {
        k = index(parts[i], "=")
        tab[i] = substr(parts[i], 1, k - 1)
        w += substr(parts[i], k + 1) + 0
        cum[i] = w
    }
    return cnt
}
function fmtdate(day,    r) {
    r = rnd(100)
    if (r < 4) return compact[day]
    if (r < 8) return iso[day] " 00:00:00"
    return iso[day]
}

BEGIN {
    if (n == "") n = 1000000
    n += 0
    seed = 20240630

    split("31 28 31 30 31 30 31 31 30 31 30 31", ml, " ")
    y = 2023; m = 1; d = 1
    for (i = 0; i <= 731; i++) {        # day 0 = 2023-01-01, day 730 = 2024-12-31
        iso[i] = sprintf("%04d-%02d-%02d", y, m, d)
        compact[i] = sprintf("%04d%02d%02d", y, m, d)
        d++
        lim = ml[m] + (m == 2 && y % 4 == 0)
        if (d > lim) { d = 1; m++; if (m > 12) { m = 1; y++ } }
    }
    for (v = 0; v < 100; v++)           # Luhn contribution of a 2-digit group (weights 2,1)
        L2[v] = dsum(2 * int(v / 10)) + v % 10

    nins = table("Steget vidare=35|Hälsokraft=25|Unga in=20|Arbetsnära stöd=20", ins, insc)
    nkom = table("Kungsbacka=35|Varberg=30|Falkenberg=22|Hylte=13", kom, komc)
    nrem = table("Försäkringskassan=25|Arbetsförmedlingen=25|Kommun=22|Region=12|" \
                 "Egen anmälan=7|FK/K=4|FK/AF=5", rem, remc)
    ninc = table("Försörjningsstöd=25|Sjukpenning=15|Rehabiliteringspenning=5|" \
                 "Aktivitetsersättning=6|Sjukersättning=5|Arbetslöshetsersättning=8|" \
                 "Aktivitetsstöd=14|Etableringsersättning=5|Lön=3|Studiemedel=2|" \
                 "Ingen offentlig försörjning=7|Uppgift saknas=5", inc, incc)
    nend = table("Lön=22|Studiemedel=8|Försörjningsstöd=15|Sjukpenning=10|" \
                 "Sjukersättning=6|Aktivitetsstöd=12|Arbetslöshetsersättning=7|" \
                 "Rehabiliteringspenning=4|Ingen offentlig försörjning=6|" \
                 "Uppgift saknas=10", endinc, endc)
    nmal = table("Långtidssjukskrivna=30|Långtidsarbetslösa=25|Utrikesfödda=18|" \
                 "Psykisk ohälsa=12|Unga 16-29=8|Långtidsarbetslösa+Utrikesfödda=3|" \
                 "Långtidssjukskrivna+Psykisk ohälsa=2|Unga 16-29+Psykisk ohälsa=2", mal, malc)
    for (i = 1; i <= nmal; i++) gsub(/\+/, "|", mal[i])   # several values joined by |
    # Exit reasons, weights per 10,000 ended episodes: the spellings of finsam-stats-exits(1), some in
    # lower or upper case, "Arbete, studier" quoted or not, Felregistrering, Avliden.
    nex = table("Arbete=1000|Studier=450|Arbete, studier=250|\"Arbete, studier\"=250|" \
                "Anställning=300|Påbörjat studier=250|arbete=80|ARBETE=40|studier=40|" \
                "\"arbete, studier\"=30|" \
                "Arbetssökande=700|Aktivt arbetssökande=400|arbetssökande=60|" \
                "ARBETSSÖKANDE=30|" \
                "Fortsatt rehabilitering=1000|Förstärkt samverkan FK/AF=400|" \
                "Arbetsträning=450|Praktik=350|fortsatt rehabilitering=60|PRAKTIK=30|" \
                "Sjukdom=700|Utskrivning pga sjukdom=350|Försämrat hälsotillstånd=300|" \
                "SJUKDOM=40|sjukdom=40|" \
                "Flytt=300|flytt=20|" \
                "Övrigt=450|Föräldraledighet=200|Pension=120|Ålderspension=100|ÖVRIGT=20|" \
                "Utan mätning=800|utan mätning=40|" \
                "Felregistrering=100|Avliden=20", ex, exc)
    nsexk = table("Kvinna=70|K=18|kvinna=12", sexk, sexkc)
    nsexm = table("Man=70|M=18|man=12", sexm, sexmc)

    printf "\357\273\277"
    printf "Deltagar-ID;Personnummer;Kön;Födelseår;Insats;Inskrivningsdatum;" \
           "Avslutsdatum;Avslutsanledning;Försörjning vid inskrivning;" \
           "Försörjning vid avslut;Remittent;Målgrupp;Kommun\r\n"

    pid = 0
    for (row = 1; row <= n; row++) {
        if (pid > 0 && !second && rnd(100) < 8) {
            # second episode of the previous person, in another insats (at most two)
            second = 1
            insi = (insi + 1 + rnd(nins - 1)) % nins
            if (insi == 0) insi = nins
        } else {
            pid++
            man = rnd(100) < 45
            by = 1960 + rnd(47)
            bm = 1 + rnd(12)
            bd = 1 + rnd(28)
            s2 = rnd(100)
            third = 2 * rnd(5) + man
            chk = (10 - (L2[by % 100] + L2[bm] + L2[bd] + L2[s2] + dsum(2 * third)) % 10) % 10
            r = rnd(1000)
            if (r < 2) pnr = ""                              # neither Kön nor pnr
            else if (r < 150) pnr = sprintf("%02d%02d%02d-%02d%d%d", by % 100, bm, bd, s2, third, chk)
            else pnr = sprintf("%04d%02d%02d-%02d%d%d", by, bm, bd, s2, third, chk)
            kommun = pick(kom, komc, nkom)
            r = rnd(insc[nins])
            for (insi = 1; insi < nins; insi++) if (r < insc[insi]) break
            second = 0
        }
        id = sprintf("D%07d", pid)
        if (pnr == "" || rnd(1000) < 15) kon = ""            # empty Kön, sex from pnr
        else kon = man ? pick(sexm, sexmc, nsexm) : pick(sexk, sexkc, nsexk)
        fy = rnd(100) < 92 ? by : ""

        entry = rnd(731)
        dur = 14 + rnd(300) + rnd(300)
        exitd = entry + dur
        if (exitd > 730) {
            xs = ""; reason = ""; incend = ""
        } else {
            xs = fmtdate(exitd)
            reason = pick(ex, exc, nex)
            incend = pick(endinc, endc, nend)
        }
        printf "%s;%s;%s;%s;%s;%s;%s;%s;%s;%s;%s;%s;%s\r\n", id, pnr, kon, fy, ins[insi],
               fmtdate(entry), xs, reason, pick(inc, incc, ninc), incend,
               pick(rem, remc, nrem), pick(mal, malc, nmal), kommun
    }
}
