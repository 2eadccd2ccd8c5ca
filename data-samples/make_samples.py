#!/usr/bin/env python3
"""Deterministic generator for the synthetic sample files in data-samples/.

Python 3 standard library only. Run from anywhere:

    python3 data-samples/make_samples.py

It (re)writes, next to this script:

    export.csv          SUS-style export, UTF-8 with BOM, ';', CRLF (about 400 episodes)
    export-cp1252.csv   the same text in Windows-1252 (no BOM, ';', CRLF)
    hls-q16.csv         HLS-EU-Q16 answers, long form (Start / Avslut)
    ogq-start.csv       OGQ gap codes at start, wide form
    ogq-avslut.csv      OGQ gap codes at exit, wide form
    barometer.csv       Hälsobarometer 1-10 self-ratings, long form (Före / Efter)

All people, personnummer and answers are invented: personnummer are random birth dates
and birth numbers with a correct Luhn check digit, not derived from any real person.
The expected counts used by tests are computed independently from the written files by
expected_counts.py (it does not import this script).
"""

import datetime as dt
import os
import random
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20240630

HEADER = ["Deltagar-ID", "Personnummer", "Kön", "Födelseår", "Insats",
          "Inskrivningsdatum", "Avslutsdatum", "Avslutsanledning",
          "Försörjning vid inskrivning", "Försörjning vid avslut", "Remittent",
          "Målgrupp", "Kommun"]

FIRST_ENTRY = dt.date(2023, 1, 1)
LAST_ENTRY = dt.date(2024, 12, 31)
EXPORT_DAY = dt.date(2024, 12, 31)        # nothing ends after the export was taken
H1_FROM, H1_TO = dt.date(2024, 1, 1), dt.date(2024, 6, 30)

N_PERSONS = 360
N_SECOND = 40                              # persons with a second episode -> 400 rows
N_FELREG = 8
N_UNMATCHED = 2                            # "Avliden"
N_EMPTY_SEX = 15                           # Kön empty, personnummer present
N_UNKNOWN_SEX = 4                          # neither Kön nor personnummer

INSATSER = [("Steget vidare", 35), ("Hälsokraft", 25), ("Unga in", 20),
            ("Arbetsnära stöd", 20)]
KOMMUNER = [("Kungsbacka", 35), ("Varberg", 30), ("Falkenberg", 22), ("Hylte", 13)]

# Exit-reason groups (finsam-stats-exits(1)) with the raw spellings used and their weights.
GROUPS = [
    ("work_studies", 30, [("Arbete", 40), ("Studier", 20), ("Arbete, studier", 20),
                          ("Anställning", 10), ("Påbörjat studier", 10)]),
    ("job_seeking", 12, [("Arbetssökande", 65), ("Aktivt arbetssökande", 35)]),
    ("continued_rehab", 22, [("Fortsatt rehabilitering", 45),
                             ("Förstärkt samverkan FK/AF", 20),
                             ("Arbetsträning", 20), ("Praktik", 15)]),
    ("illness", 14, [("Sjukdom", 50), ("Utskrivning pga sjukdom", 25),
                     ("Försämrat hälsotillstånd", 25)]),
    ("moved", 4, [("Flytt", 100)]),
    ("other", 9, [("Övrigt", 45), ("Föräldraledighet", 25), ("Pension", 15),
                  ("Ålderspension", 15)]),
    ("not_measured", 9, [("Utan mätning", 100)]),
]

INCOME_START = {
    "Steget vidare": [("Försörjningsstöd", 30), ("Sjukpenning", 15),
                      ("Rehabiliteringspenning", 5), ("Arbetslöshetsersättning", 10),
                      ("Aktivitetsstöd", 15), ("Etableringsersättning", 8),
                      ("Sjukersättning", 5), ("Ingen offentlig försörjning", 7),
                      ("Uppgift saknas", 5)],
    "Hälsokraft": [("Sjukpenning", 35), ("Rehabiliteringspenning", 15),
                   ("Sjukersättning", 12), ("Försörjningsstöd", 15),
                   ("Aktivitetsersättning", 5), ("Lön", 5),
                   ("Ingen offentlig försörjning", 8), ("Uppgift saknas", 5)],
    "Unga in": [("Försörjningsstöd", 30), ("Aktivitetsersättning", 20),
                ("Aktivitetsstöd", 15), ("Studiemedel", 5),
                ("Ingen offentlig försörjning", 20), ("Uppgift saknas", 10)],
    "Arbetsnära stöd": [("Aktivitetsstöd", 30), ("Arbetslöshetsersättning", 15),
                        ("Försörjningsstöd", 25), ("Etableringsersättning", 10),
                        ("Sjukpenning", 8), ("Ingen offentlig försörjning", 7),
                        ("Uppgift saknas", 5)],
}

REMITTENT = {
    "Steget vidare": [("Försäkringskassan", 30), ("Arbetsförmedlingen", 25),
                      ("Kommun", 25), ("FK/AF", 10), ("FK/K", 5), ("Egen anmälan", 5)],
    "Hälsokraft": [("Region", 40), ("Försäkringskassan", 30), ("Egen anmälan", 15),
                   ("Kommun", 10), ("FK/K", 5)],
    "Unga in": [("Kommun", 45), ("Arbetsförmedlingen", 25), ("Egen anmälan", 15),
                ("FK/K", 10), ("Region", 5)],
    "Arbetsnära stöd": [("Arbetsförmedlingen", 45), ("FK/AF", 20), ("Kommun", 25),
                        ("Försäkringskassan", 10)],
}

MALGRUPP_ADULT = [("Långtidssjukskrivna", 35), ("Långtidsarbetslösa", 30),
                  ("Utrikesfödda", 20), ("Psykisk ohälsa", 15)]


def wchoice(rng, pairs):
    """Weighted choice from [(value, weight), ...]."""
    total = sum(w for _, w in pairs)
    r = rng.uniform(0, total)
    acc = 0
    for value, w in pairs:
        acc += w
        if r < acc:
            return value
    return pairs[-1][0]


def luhn_digit(nine):
    """Check digit for the 9 digits YYMMDDNNN (weights 2,1,2,...)."""
    s = 0
    for i, ch in enumerate(nine):
        p = int(ch) * (2 if i % 2 == 0 else 1)
        s += p // 10 + p % 10
    return str((10 - s % 10) % 10)


def make_pnr(rng, birth, is_man, used):
    while True:
        serial2 = rng.randrange(0, 100)
        third = rng.choice([1, 3, 5, 7, 9] if is_man else [0, 2, 4, 6, 8])
        nnn = "%02d%d" % (serial2, third)
        nine = birth.strftime("%y%m%d") + nnn
        ten = nine + luhn_digit(nine)
        if ten not in used:
            used.add(ten)
            return birth, ten


def fmt_date(rng, d):
    r = rng.random()
    if r < 0.04:
        return d.strftime("%Y%m%d")
    if r < 0.08:
        return d.strftime("%Y-%m-%d") + " 00:00:00"
    return d.isoformat()


def vary_case(rng, s):
    r = rng.random()
    if r < 0.08:
        return s.lower()
    if r < 0.12:
        return s.upper()
    return s


def csv_line(fields, force_quote=()):
    out = []
    for i, f in enumerate(fields):
        if i in force_quote or any(c in f for c in ';"\r\n'):
            out.append('"' + f.replace('"', '""') + '"')
        else:
            out.append(f)
    return ";".join(out)


def write_text(name, lines, bom=True, encoding="utf-8"):
    text = "\r\n".join(lines) + "\r\n"
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)
    return text


# --------------------------------------------------------------------------- export

def random_day(rng, lo, hi):
    return lo + dt.timedelta(days=rng.randrange((hi - lo).days + 1))


def make_export():
    rng = random.Random(SEED)
    used_pnr = set()

    persons = []
    for _ in range(N_PERSONS):
        insats = wchoice(rng, INSATSER)
        is_man = rng.random() < 0.45
        entry = random_day(rng, FIRST_ENTRY, LAST_ENTRY)
        if insats == "Unga in":
            year = rng.randint(1995, 2006)
        else:
            year = min(2006, max(1960, int(rng.triangular(1958, 2004, 1985))))
        birth = random_day(rng, dt.date(year, 1, 1), dt.date(year, 12, 31))
        birth, pnr10 = make_pnr(rng, birth, is_man, used_pnr)
        persons.append({
            "is_man": is_man, "birth": birth, "pnr10": pnr10,
            "pnr_long": rng.random() < 0.85,
            "kommun": wchoice(rng, KOMMUNER),
            "first": {"insats": insats, "entry": entry},
        })
    # Ids follow the order of first entry, as a register numbering people when they start.
    persons.sort(key=lambda p: (p["first"]["entry"], p["pnr10"]))
    for i, p in enumerate(persons, 1):
        p["id"] = "D%04d" % i

    def duration(rng):
        return min(900, max(14, int(rng.lognormvariate(5.2, 0.6))))

    episodes = []
    for p in persons:
        ep = dict(p["first"])
        ep["person"] = p
        d = ep["entry"] + dt.timedelta(days=duration(rng))
        ep["exit"] = d if d <= EXPORT_DAY else None
        episodes.append(ep)

    # Second episodes: another insats (may overlap in time), or the same insats after
    # the first one ended (never overlapping in the same insats).
    firsts = list(episodes)
    for ep1 in rng.sample(firsts, N_SECOND):
        p = ep1["person"]
        same = ep1["exit"] is not None and rng.random() < 0.5 and \
            ep1["exit"] + dt.timedelta(days=30) <= LAST_ENTRY
        if same:
            insats = ep1["insats"]
            entry = ep1["exit"] + dt.timedelta(days=rng.randint(1, 120))
            entry = min(entry, LAST_ENTRY)
        else:
            insats = wchoice(rng, [x for x in INSATSER if x[0] != ep1["insats"]])
            lo = ep1["entry"] + dt.timedelta(days=1)
            hi = min(LAST_ENTRY, ep1["entry"] + dt.timedelta(days=300))
            if lo > hi:
                lo = hi = LAST_ENTRY
            entry = random_day(rng, lo, hi)
        d = entry + dt.timedelta(days=duration(rng))
        episodes.append({"insats": insats, "entry": entry,
                         "exit": d if d <= EXPORT_DAY else None, "person": p})

    # Exit reasons.
    group_weights = [(g, w) for g, w, _ in GROUPS]
    variants = {g: v for g, _, v in GROUPS}
    for ep in episodes:
        if ep["exit"] is None:
            ep["group"] = ep["reason"] = None
            continue
        weights = group_weights
        if ep["insats"] == "Unga in":
            weights = [(g, w * (1.3 if g == "work_studies" else 1.0)) for g, w in weights]
        if ep["exit"].year - ep["person"]["birth"].year >= 58:
            weights = [(g, w * (3.0 if g == "other" else 1.0)) for g, w in weights]
        g = wchoice(rng, weights)
        ep["group"] = g
        choices = variants[g]
        if g == "other":
            age = ep["exit"].year - ep["person"]["birth"].year
            if age >= 55:
                choices = [("Övrigt", 40), ("Pension", 35), ("Ålderspension", 25)]
            else:
                choices = [(v, w) for v, w in choices
                           if v not in ("Pension", "Ålderspension")
                           and not (v == "Föräldraledighet" and age > 45)]
        ep["reason"] = vary_case(rng, wchoice(rng, choices))

    # Every raw spelling of finsam-stats-exits(1) appears at least once (pensions only for people 55+).
    for g, _, vals in GROUPS:
        for v, _ in vals:
            seen = Counter(e["reason"].casefold() for e in episodes if e["reason"])
            if seen[v.casefold()]:
                continue
            pool = [e for e in episodes if e["reason"] and seen[e["reason"].casefold()] > 1
                    and (e["group"] == g if "ension" not in v
                         else e["exit"].year - e["person"]["birth"].year >= 55)]
            ep = rng.choice(pool)
            ep["group"], ep["reason"] = g, v

    # Special rows, placed so that the 2024H1 exit table exercises every case.
    def ended_in_h1(ep):
        return ep["exit"] is not None and H1_FROM <= ep["exit"] <= H1_TO

    def pick(pool, k, taken):
        pool = [e for e in pool if id(e) not in taken]
        chosen = rng.sample(pool, k)
        taken.update(id(e) for e in chosen)
        return chosen

    taken = set()
    ended = [e for e in episodes if e["exit"] is not None]
    h1 = [e for e in ended if ended_in_h1(e)]
    not_h1 = [e for e in ended if not ended_in_h1(e)]
    for ep in pick(h1, 3, taken) + pick(not_h1, N_FELREG - 3, taken):
        ep["group"], ep["reason"] = "excluded", "Felregistrering"
    for ep in pick(h1, 1, taken) + pick(not_h1, N_UNMATCHED - 1, taken):
        ep["group"], ep["reason"] = "unmatched", "Avliden"

    count = {}
    for ep in episodes:
        count[id(ep["person"])] = count.get(id(ep["person"]), 0) + 1
    single = [e for e in episodes if count[id(e["person"])] == 1]
    for ep in pick([e for e in single if ended_in_h1(e)], 2, taken) + \
            pick([e for e in single if not ended_in_h1(e)], N_UNKNOWN_SEX - 2, taken):
        ep["unknown_sex"] = True
    for ep in pick(h1, 5, taken) + pick(episodes, N_EMPTY_SEX - 5, taken):
        ep["empty_sex"] = True

    # Render rows.
    episodes.sort(key=lambda e: (e["person"]["id"], e["entry"]))
    lines = [";".join(HEADER)]
    for ep in episodes:
        p = ep["person"]
        unknown = ep.get("unknown_sex", False)
        if unknown:
            pnr = ""
        elif p["pnr_long"]:
            pnr = p["birth"].strftime("%Y%m%d") + "-" + p["pnr10"][6:]
        else:
            pnr = p["pnr10"][:6] + "-" + p["pnr10"][6:]
        if unknown or ep.get("empty_sex"):
            kon = ""
        else:
            r = rng.random()
            if r < 0.70:
                kon = "Man" if p["is_man"] else "Kvinna"
            elif r < 0.88:
                kon = "M" if p["is_man"] else "K"
            else:
                kon = "man" if p["is_man"] else "kvinna"
        fodelsear = str(p["birth"].year) if rng.random() < 0.92 else ""
        insats = ep["insats"]
        income_start = wchoice(rng, INCOME_START[insats])
        income_end = ""
        if ep["exit"] is not None:
            g, raw = ep["group"], ep["reason"].lower()
            if g == "work_studies":
                if "studier" in raw:
                    income_end = wchoice(rng, [("Studiemedel", 80), ("Lön", 10),
                                               ("Ingen offentlig försörjning", 10)])
                else:
                    income_end = wchoice(rng, [("Lön", 85),
                                               ("Ingen offentlig försörjning", 10),
                                               ("Uppgift saknas", 5)])
            elif g == "job_seeking":
                income_end = wchoice(rng, [("Arbetslöshetsersättning", 30),
                                           ("Aktivitetsstöd", 35), ("Försörjningsstöd", 25),
                                           ("Uppgift saknas", 10)])
            elif g == "illness":
                income_end = wchoice(rng, [("Sjukpenning", 45), ("Sjukersättning", 25),
                                           ("Rehabiliteringspenning", 10),
                                           (income_start, 15), ("Uppgift saknas", 5)])
            elif g == "continued_rehab":
                income_end = wchoice(rng, [(income_start, 60), ("Aktivitetsstöd", 20),
                                           ("Rehabiliteringspenning", 10),
                                           ("Uppgift saknas", 10)])
            else:
                income_end = wchoice(rng, [(income_start, 60), ("Uppgift saknas", 25),
                                           ("Ingen offentlig försörjning", 15)])
        remittent = wchoice(rng, REMITTENT[insats])
        age = ep["entry"].year - p["birth"].year
        groups = []
        if 16 <= age <= 29:
            groups.append("Unga 16-29")
        if insats != "Unga in" or not groups:
            groups.append(wchoice(rng, MALGRUPP_ADULT))
        if rng.random() < 0.2:
            extra = wchoice(rng, MALGRUPP_ADULT)
            if extra not in groups:
                groups.append(extra)
        malgrupp = "|".join(groups)
        fields = [p["id"], pnr, kon, fodelsear, insats, fmt_date(rng, ep["entry"]),
                  fmt_date(rng, ep["exit"]) if ep["exit"] else "",
                  ep["reason"] or "", income_start, income_end, remittent, malgrupp,
                  p["kommun"]]
        quote = set()
        if ep["reason"] and "," in ep["reason"] and rng.random() < 0.6:
            quote.add(7)
        if rng.random() < 0.03:
            quote.add(4)
        if "|" in malgrupp and rng.random() < 0.3:
            quote.add(11)
        lines.append(csv_line(fields, quote))

    text = write_text("export.csv", lines, bom=True)
    write_text("export-cp1252.csv", lines, bom=False, encoding="cp1252")
    return persons, episodes, text


# ------------------------------------------------------------------- questionnaires

HLS_ITEMS = [
    "Hitta information om behandlingar",
    "Veta var man får professionell hjälp",
    "Förstå vad läkaren säger",
    "Förstå instruktioner om medicin",
    "Bedöma när man behöver en annan åsikt",
    "Fatta beslut om sin sjukdom",
    "Följa instruktioner från vården",
    "Hitta information om psykisk ohälsa",
    "Förstå hälsovarningar",
    "Förstå varför man behöver hälsokontroller",
    "Bedöma om information i media är tillförlitlig",
    "Bestämma hur man skyddar sig mot sjukdom",
    "Hitta information om hälsosamma aktiviteter",
    "Förstå råd om hälsa från familj och vänner",
    "Förstå information i media om hälsa",
    "Bedöma vilka vanor som påverkar hälsan",
]
HLS_ANSWERS = ["Mycket svårt", "Ganska svårt", "Ganska lätt", "Mycket lätt"]  # 1..4


def make_hls(episodes):
    rng = random.Random(SEED + 1)
    ended_ids = sorted({e["person"]["id"] for e in episodes
                        if e["exit"] is not None and e["group"] != "excluded"})
    start_ids = sorted(rng.sample(ended_ids, 80))
    both = set(rng.sample(start_ids, 60))
    rest = [i for i in ended_ids if i not in start_ids]
    exit_only = set(rng.sample(rest, 3))
    difficulty = [rng.uniform(-0.6, 0.6) for _ in HLS_ITEMS]

    def answer(level, item):
        if rng.random() < 0.04:
            return "Vet inte"
        x = level - difficulty[item] + rng.gauss(0, 0.55)
        k = min(4, max(1, int(round(x))))
        return HLS_ANSWERS[k - 1]

    lines = [";".join(["Deltagar-ID", "Tillfälle"] +
                      ["Q%d %s" % (i + 1, t) for i, t in enumerate(HLS_ITEMS)])]
    for pid in sorted(set(start_ids) | exit_only):
        level = rng.gauss(2.5, 0.6)
        gain = rng.gauss(0.35, 0.35)
        if pid in start_ids:
            lines.append(csv_line([pid, "Start"] + [answer(level, i) for i in range(16)]))
        if pid in both or pid in exit_only:
            lines.append(csv_line([pid, "Avslut"] +
                                  [answer(level + gain, i) for i in range(16)]))
    write_text("hls-q16.csv", lines)


def make_ogq(episodes):
    rng = random.Random(SEED + 2)
    ended_ids = sorted({e["person"]["id"] for e in episodes
                        if e["exit"] is not None and e["group"] != "excluded"})
    ids = sorted(rng.sample(ended_ids, 50))
    both = set(rng.sample(ids, 40))
    others = [i for i in ids if i not in both]
    start_only, exit_only = set(others[:6]), set(others[6:])
    # Per-activity probability of a gap at start and at exit; activity 07 shows a big drop.
    p_start = [rng.uniform(0.12, 0.40) for _ in range(30)]
    p_exit = [max(0.03, p - rng.uniform(0.0, 0.18)) for p in p_start]
    p_start[6], p_exit[6] = 0.70, 0.15
    header = ";".join(["Deltagar-ID"] + ["Aktivitet %02d" % (i + 1) for i in range(30)])

    def code(p_gap):
        r = rng.random()
        if r < 0.02:
            return ""                      # unanswered
        if rng.random() < p_gap:
            return "2" if rng.random() < 0.75 else "3"
        return "1" if rng.random() < 0.7 else "4"

    start_lines, exit_lines = [header], [header]
    for pid in ids:
        if pid in both or pid in start_only:
            start_lines.append(";".join([pid] + [code(p_start[i]) for i in range(30)]))
        if pid in both or pid in exit_only:
            exit_lines.append(";".join([pid] + [code(p_exit[i]) for i in range(30)]))
    write_text("ogq-start.csv", start_lines)
    write_text("ogq-avslut.csv", exit_lines)


BAROMETER_ITEMS = ["Fysisk hälsa", "Psykisk hälsa", "Sömn", "Ekonomi", "Framtidstro",
                   "Sociala relationer"]


def make_barometer(episodes):
    rng = random.Random(SEED + 3)
    by_id = {}
    for e in episodes:
        if e["exit"] is not None and e["group"] != "excluded":
            by_id.setdefault(e["person"]["id"], e)
    ids = sorted(rng.sample(sorted(by_id), 60))
    after = set(rng.sample(ids, 48))
    lines = [";".join(["Deltagar-ID", "Kön", "Tillfälle"] + BAROMETER_ITEMS)]
    for pid in ids:
        ep = by_id[pid]
        kon = "" if ep.get("unknown_sex") else ("Man" if ep["person"]["is_man"] else "Kvinna")
        base = [rng.gauss(5.0, 1.5) for _ in BAROMETER_ITEMS]
        gain = rng.gauss(1.0, 1.2)

        def score(x):
            if rng.random() < 0.04:
                return ""
            return str(min(10, max(1, int(round(x + rng.gauss(0, 1.0))))))
        lines.append(csv_line([pid, kon, "Före"] + [score(b) for b in base]))
        if pid in after:
            lines.append(csv_line([pid, kon, "Efter"] + [score(b + gain) for b in base]))
    write_text("barometer.csv", lines)


def main():
    persons, episodes, _ = make_export()
    make_hls(episodes)
    make_ogq(episodes)
    make_barometer(episodes)
    print("wrote export.csv (%d episodes, %d participants), export-cp1252.csv, "
          "hls-q16.csv, ogq-start.csv, ogq-avslut.csv, barometer.csv"
          % (len(episodes), len(persons)))


if __name__ == "__main__":
    main()
