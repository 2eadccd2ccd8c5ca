# all_tables.awk: the tables of `finsam-stats participants --all --period 2024`, counted the
# way the other awk peer counts (bench/peers.sh): raw strings, by Kön as written, no CSV
# quoting, no checks. A floor for what --all computes, as the one crosstab is for exits:
#   LC_ALL=C mawk -F';' -f bench/all_tables.awk bench/out/export-1000000.csv
# Per row: its three date spellings made YYYYMMDD; its flow classes in 2024 (during, ongoing
# at the start, new, ended, ongoing at the end); then, by Kön, the 18 tallies of --all:
# flow; exit reason and the key shares (ended); referrer, income at entry, target group
# (split on '|'), municipality, age band, entry year, insats (during); income at entry by
# income at exit with column totals (ended); entry month by flow class (new); exit month by
# flow class, and exit month (ended); time in the programme in calendar-month bands, with a
# histogram of days (ended); insats (new, ended, ongoing at the end).
function ymd(s) { # 2024-03-15, 20240315, 2024-03-15 00:00:00 -> 20240315; "" stays ""
    if (s == "") return ""
    if (substr(s, 5, 1) == "-") return substr(s, 1, 4) substr(s, 6, 2) substr(s, 9, 2)
    return substr(s, 1, 8)
}
function days(d,    y, m, a) { # days since 0000-03-01 (for the histogram of days)
    y = substr(d, 1, 4) + 0; m = substr(d, 5, 2) + 0
    if (m <= 2) { y--; m += 12 }
    return 365 * y + int(y / 4) - int(y / 100) + int(y / 400) + int((153 * (m - 3) + 2) / 5) + substr(d, 7, 2)
}
function band(a, b,    months) { # calendar months from a to b, the day compared: 0-3-6-12+
    months = (substr(b, 1, 4) - substr(a, 1, 4)) * 12 + substr(b, 5, 2) - substr(a, 5, 2)
    if (substr(b, 7, 2) < substr(a, 7, 2)) months--
    return months < 3 ? "<3" : months < 6 ? "3-6" : months < 12 ? "6-12" : "12+"
}
function age(by,    a) {
    if (by == "") return "unknown"
    a = 2024 - by
    return a < 16 ? "other" : a < 30 ? "16-29" : a < 40 ? "30-39" : a < 50 ? "40-49" : a < 65 ? "50-64" : "65+"
}
NR == 1 { next }
{
    e = ymd($6); x = ymd($7); s = $3
    if (e == "" || e > 20241231 || (x != "" && x < 20240101)) next
    during = 1; start = e < 20240101; new = !start; ended = x != "" && x <= 20241231
    ongoing = !ended
    n["flow", "during", s]++
    if (start) n["flow", "start", s]++
    if (new) n["flow", "new", s]++
    if (ended) n["flow", "ended", s]++
    if (ongoing) n["flow", "end", s]++
    n["referrer", $11, s]++
    n["income", $9, s]++
    k = split($12, g, "|")
    for (i = 1; i <= k; i++) n["target", g[i], s]++
    n["municipality", $13, s]++
    n["age", age($4), s]++
    n["entry_year", substr(e, 1, 4), s]++
    n["insats", "during", $5, s]++
    if (new) {
        n["month", substr(e, 5, 2), "new", s]++
        n["insats", "new", $5, s]++
    }
    if (ended) {
        n["reason", $8, s]++
        if ($8 ~ /^Arbete/) n["key", "work", s]++
        if ($8 ~ /^(Arbete|Aktivt|Fortsatt)/) n["key", "closer", s]++
        n["cross", $9, $10, s]++
        n["cross", "", $10, s]++
        n["exit_month", substr(x, 5, 2), "ended", s]++
        n["exit_month", substr(x, 5, 2), s]++
        n["duration", band(e, x), s]++
        dd[days(x) - days(e), s]++
        n["insats", "ended", $5, s]++
    }
    if (ongoing) n["insats", "end", $5, s]++
}
END {
    for (k in n) print k ";" n[k]
    for (k in dd) m++
    print "days;" m
}
