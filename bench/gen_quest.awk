# gen_quest.awk: writes a large synthetic questionnaire in long form for benchmarks.
#
#   LC_ALL=C awk -v n=200000 -v items=16 -v kind=numeric -f bench/gen_quest.awk > q.csv
#   LC_ALL=C awk -v n=200000 -v items=16 -v kind=hls -f bench/gen_quest.awk > hls.csv
#
# Header: Deltagar-ID;Tillfälle;Kön;Fråga 1;...;Fråga ITEMS. Each of n participants answers
# at Start and (about 95 %) at Avslut; Kön is Kvinna or Man (a few empty). kind=numeric:
# answers 1..10 (about 2 % empty, 1 % "Vet inte"), drifting upwards at exit; kind=hls: the
# HLS answers Mycket svårt .. Mycket lätt in mixed case (about 2 % "Vet inte"), as typed.
# UTF-8 without BOM, ';', LF. Deterministic: its own random generator (Park-Miller, exact in
# double arithmetic), no rand(), so mawk and gawk write the same bytes.

function rnd(k) {                       # uniform integer 0..k-1
    seed = (seed * 16807) % 2147483647
    return int(seed / 2147483647 * k)
}
function answer(base,    r, v) {
    r = rnd(100)
    if (kind == "hls") {
        if (r < 2) return "Vet inte"
        v = base + rnd(2)
        if (v > 4) v = 4
        return hls[v, rnd(3)]
    }
    if (r < 2) return ""
    if (r < 3) return "Vet inte"
    v = base + rnd(4)
    return v > 10 ? 10 : v
}
BEGIN {
    seed = 20240612
    if (n == "") n = 200000
    if (items == "") items = 16
    if (kind == "") kind = "numeric"
    hls[1, 0] = "Mycket svårt"; hls[1, 1] = "mycket svårt"; hls[1, 2] = "Mycket Svårt"
    hls[2, 0] = "Ganska svårt"; hls[2, 1] = "ganska svårt"; hls[2, 2] = "GANSKA SVÅRT"
    hls[3, 0] = "Ganska lätt";  hls[3, 1] = "ganska lätt";  hls[3, 2] = "Ganska Lätt"
    hls[4, 0] = "Mycket lätt";  hls[4, 1] = "mycket lätt";  hls[4, 2] = "MYCKET LÄTT"
    printf "Deltagar-ID;Tillfälle;Kön"
    for (i = 1; i <= items; i++) printf ";Fråga %d", i
    printf "\n"
    for (p = 1; p <= n; p++) {
        r = rnd(100)
        sex = r < 48 ? "Kvinna" : r < 98 ? "Man" : ""
        for (occ = 0; occ < 2; occ++) {
            if (occ == 1 && rnd(100) < 5) continue
            printf "D%07d;%s;%s", p, occ ? "Avslut" : "Start", sex
            for (i = 1; i <= items; i++) {
                base = kind == "hls" ? 1 + rnd(3) + occ * rnd(2) : 1 + rnd(6) + occ * rnd(3)
                printf ";%s", answer(base)
            }
            printf "\n"
        }
    }
}
