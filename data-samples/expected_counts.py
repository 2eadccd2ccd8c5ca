#!/usr/bin/env python3
"""Independent check of data-samples/export.csv: validates it and prints expected counts.

Python 3 standard library only; does not import make_samples.py. It reads the CSV the way a
user's tool would and applies the rules of finsam-stats-exits(1):

  * exit reasons grouped case-insensitively into the published rows; `Felregistrering`
    excluded from every count (and counted separately); any other value gets its own row;
  * sex from Kön (Kvinna/Man/K/M, any case), else from the personnummer (second-to-last
    digit odd = Man, even = Kvinna), else "Uppgift saknas";
  * an episode has ended in [from, to] when from <= exit date <= to (both inclusive).

Usage:
    python3 data-samples/expected_counts.py [FILE] [FROM TO]
    (defaults: export.csv next to this script, 2024-01-01 2024-06-30)

With --ini it also shows the exit table with the [exit_reasons] mapping of finsam.ini;
with --questionnaires it summarises the linked questionnaire samples (HLS-EU-Q16, OGQ,
Hälsobarometer) per item: worse / unchanged / better and the exact two-sided sign test.
"""

import csv
import datetime as dt
import io
import math
import os
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))

GROUP_ORDER = ["work_studies", "job_seeking", "continued_rehab", "illness", "moved",
               "other", "not_measured"]
GROUP_SV = {"work_studies": "Arbete, studier", "job_seeking": "Arbetssökande",
            "continued_rehab": "Fortsatt rehabilitering", "illness": "Sjukdom",
            "moved": "Flytt", "other": "Övrigt", "not_measured": "Utan mätning"}
RAW = {
    "work_studies": ["Arbete", "Studier", "Arbete, studier", "Anställning",
                     "Påbörjat studier"],
    "job_seeking": ["Arbetssökande", "Aktivt arbetssökande"],
    "continued_rehab": ["Fortsatt rehabilitering", "Förstärkt samverkan FK/AF",
                        "Arbetsträning", "Praktik"],
    "illness": ["Sjukdom", "Utskrivning pga sjukdom", "Försämrat hälsotillstånd"],
    "moved": ["Flytt"],
    "other": ["Övrigt", "Föräldraledighet", "Pension", "Ålderspension"],
    "not_measured": ["Utan mätning"],
}
SEXES = ["Kvinna", "Man", "Uppgift saknas"]


def norm(s):
    return " ".join(s.strip().split()).casefold()


def base_mapping():
    m = {norm(v): g for g, vals in RAW.items() for v in vals}
    m[norm("Felregistrering")] = "excluded"
    return m


def ini_mapping(path):
    m = base_mapping()
    section = None
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            line = line.strip()
            if not line or line[0] in ";#":
                continue
            if line.startswith("["):
                section = line.strip("[]").strip()
            elif section == "exit_reasons" and "=" in line:
                k, v = line.split("=", 1)
                m[norm(k)] = v.strip()
    return m


def parse_date(s):
    s = s.strip()
    if not s:
        return None
    if len(s) >= 10 and s[4] == "-":
        return dt.date.fromisoformat(s[:10])
    if len(s) == 8 and s.isdigit():
        return dt.date(int(s[:4]), int(s[4:6]), int(s[6:]))
    raise ValueError("bad date %r" % s)


def luhn_ok(ten):
    s = 0
    for i, ch in enumerate(ten[:9]):
        p = int(ch) * (2 if i % 2 == 0 else 1)
        s += p // 10 + p % 10
    return (10 - s % 10) % 10 == int(ten[9])


def pnr_digits(pnr):
    d = "".join(c for c in pnr if c.isdigit())
    return d if len(d) in (10, 12) else None


def sex_of(row):
    k = norm(row["Kön"])
    if k in ("kvinna", "k"):
        return "Kvinna"
    if k in ("man", "m"):
        return "Man"
    if k:
        raise ValueError("unknown Kön %r" % row["Kön"])
    d = pnr_digits(row["Personnummer"])
    if d:
        return "Man" if int(d[-2]) % 2 else "Kvinna"
    return "Uppgift saknas"


def read(path):
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def validate(rows):
    problems = []
    by_insats = {}
    for n, r in enumerate(rows, 2):
        e, x = parse_date(r["Inskrivningsdatum"]), parse_date(r["Avslutsdatum"])
        if x and x < e:
            problems.append("line %d: exit before entry" % n)
        if bool(x) != bool(r["Avslutsanledning"].strip()):
            problems.append("line %d: exit date and exit reason disagree" % n)
        if not x and r["Försörjning vid avslut"].strip():
            problems.append("line %d: income at end on an open episode" % n)
        d = pnr_digits(r["Personnummer"])
        if r["Personnummer"] and not d:
            problems.append("line %d: malformed personnummer" % n)
        if d:
            ten = d[-10:]
            if not luhn_ok(ten):
                problems.append("line %d: bad Luhn digit" % n)
            if r["Kön"].strip():
                derived = "Man" if int(d[-2]) % 2 else "Kvinna"
                if derived != sex_of(r):
                    problems.append("line %d: Kön disagrees with personnummer" % n)
            if r["Födelseår"] and len(d) == 12 and d[:4] != r["Födelseår"]:
                problems.append("line %d: Födelseår disagrees with personnummer" % n)
        by_insats.setdefault((r["Deltagar-ID"], r["Insats"]), []).append((e, x))
    for key, eps in by_insats.items():
        eps.sort()
        for (e1, x1), (e2, _) in zip(eps, eps[1:]):
            if x1 is None or e2 <= x1:
                problems.append("%s: overlapping episodes in %s" % key)
    return problems


def exit_table(rows, lo, hi, mapping):
    table = {}
    excluded = Counter()
    unmatched = Counter()
    for r in rows:
        x = parse_date(r["Avslutsdatum"])
        if not x or not (lo <= x <= hi):
            continue
        raw = r["Avslutsanledning"]
        g = mapping.get(norm(raw))
        if g == "excluded":
            excluded[sex_of(r)] += 1
            continue
        if g is None:
            g = "unmatched:" + raw.strip()
            unmatched[raw.strip()] += 1
        table.setdefault(g, Counter())[sex_of(r)] += 1
    return table, excluded, unmatched


def print_exit_table(table, excluded, unmatched):
    keys = [g for g in GROUP_ORDER] + sorted(k for k in table if k not in GROUP_ORDER)
    print("  %-26s %7s %5s %15s %6s" % ("Avslutsanledning", "Kvinna", "Man",
                                       "Uppgift saknas", "Totalt"))
    tot = Counter()
    for g in keys:
        c = table.get(g, Counter())
        label = GROUP_SV.get(g, g.replace("unmatched:", "") + " (ingen grupp)")
        print("  %-26s %7d %5d %15d %6d" % (label, c["Kvinna"], c["Man"],
                                           c["Uppgift saknas"], sum(c.values())))
        tot.update(c)
    print("  %-26s %7d %5d %15d %6d" % ("Totalt", tot["Kvinna"], tot["Man"],
                                       tot["Uppgift saknas"], sum(tot.values())))
    ws = sum(table.get("work_studies", Counter()).values())
    near = ws + sum(table.get("job_seeking", Counter()).values()) + \
        sum(table.get("continued_rehab", Counter()).values())
    n = sum(tot.values())
    if n:
        print("  till arbete eller studier: %d/%d = %.1f %%; närmat sig arbetsmarknaden: "
              "%d/%d = %.1f %%" % (ws, n, 100.0 * ws / n, near, n, 100.0 * near / n))
    print("  excluded (Felregistrering): %d (Kvinna %d, Man %d, Uppgift saknas %d)"
          % (sum(excluded.values()), excluded["Kvinna"], excluded["Man"],
             excluded["Uppgift saknas"]))
    print("  unmatched values: %s" % (dict(unmatched) or "none"))


def flow(rows, lo, hi, mapping):
    """Participant flow by sex; Felregistrering episodes left out entirely."""
    out = {k: Counter() for k in ("ongoing_start", "new", "ended", "ongoing_end",
                                  "during")}
    for r in rows:
        if mapping.get(norm(r["Avslutsanledning"])) == "excluded":
            continue
        e, x = parse_date(r["Inskrivningsdatum"]), parse_date(r["Avslutsdatum"])
        s = sex_of(r)
        during = e <= hi and (x is None or x >= lo)
        if not during:
            continue
        out["during"][s] += 1
        if e < lo:
            out["ongoing_start"][s] += 1
        if lo <= e <= hi:
            out["new"][s] += 1
        if x is not None and lo <= x <= hi:
            out["ended"][s] += 1
        else:
            out["ongoing_end"][s] += 1
    return out


def sign_test_two_sided(better, worse):
    """Exact two-sided sign test, as R's binom.test(better, better + worse, 0.5)."""
    n = better + worse
    if n == 0:
        return 1.0
    k = min(better, worse)
    tail = sum(math.comb(n, i) for i in range(k + 1)) / 2 ** n
    return min(1.0, 2 * tail)


def read_plain(name):
    return read(os.path.join(HERE, name))


def questionnaires():
    """Linked start/exit summaries of the questionnaire samples (pairs by Deltagar-ID)."""
    hls_code = {"mycket svårt": 1, "ganska svårt": 2, "ganska lätt": 3, "mycket lätt": 4}
    rows = read_plain("hls-q16.csv")
    items = [c for c in rows[0].keys() if c.startswith("Q")]
    start = {r["Deltagar-ID"]: r for r in rows if r["Tillfälle"] == "Start"}
    end = {r["Deltagar-ID"]: r for r in rows if r["Tillfälle"] == "Avslut"}
    linked = sorted(set(start) & set(end))
    print("\nHLS-EU-Q16 (hls-q16.csv): %d at start, %d at exit, %d linked, %d start only, "
          "%d exit only; 'Vet inte' = missing; p two-sided exact sign test"
          % (len(start), len(end), len(linked), len(set(start) - set(end)),
             len(set(end) - set(start))))
    print("  %-4s %6s %11s %7s %10s %10s" % ("item", "Sämre", "Oförändrat", "Bättre",
                                            "Antal svar", "p"))
    for it in items:
        b = w = t = 0
        for pid in linked:
            a0 = hls_code.get(norm(start[pid][it]))
            a1 = hls_code.get(norm(end[pid][it]))
            if a0 is None or a1 is None:
                continue
            b += a1 > a0
            w += a1 < a0
            t += a1 == a0
        print("  %-4s %6d %11d %7d %10d %10.6g" % (it.split()[0], w, t, b, w + t + b,
                                                  sign_test_two_sided(b, w)))

    s_rows, e_rows = read_plain("ogq-start.csv"), read_plain("ogq-avslut.csv")
    acts = [c for c in s_rows[0].keys() if c != "Deltagar-ID"]
    s_by = {r["Deltagar-ID"]: r for r in s_rows}
    e_by = {r["Deltagar-ID"]: r for r in e_rows}
    linked = sorted(set(s_by) & set(e_by))
    print("\nOGQ (ogq-start.csv / ogq-avslut.csv): %d at start, %d at exit, %d linked; "
          "gap = code 2 or 3; linked persons with both answers only"
          % (len(s_by), len(e_by), len(linked)))
    print("  %-13s %10s %9s %11s %11s" % ("activity", "gaps start", "gaps exit",
                                         "gap closed", "gap opened"))
    for a in acts:
        gs = ge = closed = opened = 0
        for pid in linked:
            x, y = s_by[pid][a], e_by[pid][a]
            if not x or not y:
                continue
            g0, g1 = x in ("2", "3"), y in ("2", "3")
            gs += g0
            ge += g1
            closed += g0 and not g1
            opened += g1 and not g0
        print("  %-13s %10d %9d %11d %11d" % (a, gs, ge, closed, opened))

    rows = read_plain("barometer.csv")
    items = [c for c in rows[0].keys() if c not in ("Deltagar-ID", "Kön", "Tillfälle")]
    fore = {r["Deltagar-ID"]: r for r in rows if r["Tillfälle"] == "Före"}
    efter = {r["Deltagar-ID"]: r for r in rows if r["Tillfälle"] == "Efter"}
    linked = sorted(set(fore) & set(efter))
    print("\nHälsobarometer (barometer.csv): %d Före, %d Efter, %d linked"
          % (len(fore), len(efter), len(linked)))
    print("  %-20s %6s %11s %7s %10s %10s" % ("item", "Sämre", "Oförändrat", "Bättre",
                                             "Antal svar", "p"))
    for it in items:
        b = w = t = 0
        for pid in linked:
            x, y = fore[pid][it], efter[pid][it]
            if not x or not y:
                continue
            b += int(y) > int(x)
            w += int(y) < int(x)
            t += int(y) == int(x)
        print("  %-20s %6d %11d %7d %10d %10.6g" % (it, w, t, b, w + t + b,
                                                   sign_test_two_sided(b, w)))


def main(argv):
    flags = {a for a in argv if a.startswith("--")}
    use_ini = "--ini" in flags
    argv = [a for a in argv if not a.startswith("--")]
    path = argv[0] if argv else os.path.join(HERE, "export.csv")
    lo = dt.date.fromisoformat(argv[1]) if len(argv) > 2 else dt.date(2024, 1, 1)
    hi = dt.date.fromisoformat(argv[2]) if len(argv) > 2 else dt.date(2024, 6, 30)
    rows = read(path)
    mapping = base_mapping()

    print("file: %s" % os.path.relpath(path))
    print("rows: %d episodes, %d distinct Deltagar-ID, %d ended, %d open"
          % (len(rows), len({r["Deltagar-ID"] for r in rows}),
             sum(1 for r in rows if r["Avslutsdatum"].strip()),
             sum(1 for r in rows if not r["Avslutsdatum"].strip())))
    problems = validate(rows)
    print("validation: %s" % ("ok" if not problems else "%d problems" % len(problems)))
    for p in problems:
        print("  " + p)

    print("\nsex (all rows): %s" % dict(Counter(sex_of(r) for r in rows)))
    print("Kön spellings: %s" % dict(Counter(r["Kön"] for r in rows)))
    def ids(sel, show_sex):
        hits = ["%s(%s)" % (r["Deltagar-ID"], sex_of(r)) if show_sex else r["Deltagar-ID"]
                for r in rows if sel(r)]
        more = " ... (%d in all)" % len(hits) if len(hits) > 40 else ""
        return "%d: %s%s" % (len(hits), ", ".join(hits[:40]), more)
    print("empty Kön, personnummer present: %s" % ids(
        lambda r: not r["Kön"].strip() and r["Personnummer"].strip(), True))
    print("neither Kön nor personnummer: %s" % ids(
        lambda r: not r["Kön"].strip() and not r["Personnummer"].strip(), False))
    pn = Counter(len(pnr_digits(r["Personnummer"]) or "") for r in rows)
    print("personnummer digits: %s" % dict(pn))

    ended = [r for r in rows if r["Avslutsdatum"].strip()]
    groups = Counter()
    for r in ended:
        g = mapping.get(norm(r["Avslutsanledning"]), "unmatched:" + r["Avslutsanledning"])
        groups[g] += 1
    counted = sum(v for k, v in groups.items() if k != "excluded")
    print("\nexit reasons, all ended episodes (%d, of which %d counted):"
          % (len(ended), counted))
    for g in GROUP_ORDER + sorted(k for k in groups if k not in GROUP_ORDER):
        if g in groups:
            base = "" if g == "excluded" else " (%.1f %% of counted)" % (
                100.0 * groups[g] / counted)
            print("  %-28s %4d%s" % (GROUP_SV.get(g, g), groups[g], base))
    print("raw spellings: %s" % dict(sorted(Counter(
        r["Avslutsanledning"] for r in ended).items())))

    print("\nENDED EPISODES, exit date %s..%s, by group and sex (default grouping):"
          % (lo, hi))
    print_exit_table(*exit_table(rows, lo, hi, mapping))
    if use_ini:
        print("\nsame, with [exit_reasons] of finsam.ini:")
        print_exit_table(*exit_table(rows, lo, hi,
                                     ini_mapping(os.path.join(HERE, "finsam.ini"))))

    print("\nparticipant flow %s..%s (episodes, Felregistrering left out):" % (lo, hi))
    f = flow(rows, lo, hi, mapping)
    for k in ("ongoing_start", "new", "ended", "ongoing_end", "during"):
        c = f[k]
        print("  %-14s Kvinna %3d  Man %3d  Uppgift saknas %d  Totalt %3d"
              % (k, c["Kvinna"], c["Man"], c["Uppgift saknas"], sum(c.values())))
    a = sum(f["ongoing_start"].values()) + sum(f["new"].values())
    b = sum(f["ended"].values()) + sum(f["ongoing_end"].values())
    print("  identity ongoing_start + new = ended + ongoing_end: %d = %d %s"
          % (a, b, "ok" if a == b else "FAILED"))
    if "--questionnaires" in flags:
        questionnaires()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
