#!/usr/bin/env python3
"""Every number of `report` equals the one the single commands print for the same period,
insats, population and unit: the breakdown sheets against `participants --by insats
--count persons` table by table, the summary against its flow tables and the key shares
of `exits --by insats --count persons`. On the sample export and on a generated export of
three insatser with persons in several of them.

usage: report_consistency.py FINSAM_STATS SAMPLES_DIR WORK_DIR"""
import json
import pathlib
import random
import re
import subprocess
import sys

binary, samples, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
work.mkdir(parents=True, exist_ok=True)


def luhn(d9):
    s = 0
    for i, ch in enumerate(d9):
        v = int(ch) * (2 if i % 2 == 0 else 1)
        s += v - 9 if v > 9 else v
    return str((10 - s % 10) % 10)


def generate(path):
    """Three insatser, 300 persons, a third of them in two or three insatser."""
    rnd = random.Random(20241)
    reasons = ["Arbete", "Studier", "Arbetssökande", "Fortsatt rehabilitering", "Sjukdom",
               "Flytt", "Övrigt", "Utan mätning", "Felregistrering"]
    referrers = ["FK", "AF", "Kommun", "Region", "Egen anmälan", "FK/Kommun", ""]
    with open(path, "w", encoding="utf-8") as f:
        f.write("Deltagar-ID;Personnummer;Kön;Insats;Inskrivningsdatum;Avslutsdatum;"
                "Avslutsanledning;Remittent;Målgrupp;Försörjning vid inskrivning;"
                "Försörjning vid avslut\n")
        n = 0
        for p in range(300):
            y, m, d = rnd.randint(1960, 2004), rnd.randint(1, 12), rnd.randint(1, 28)
            serial = f"{rnd.randint(10, 99)}{rnd.randint(0, 9)}"
            base = f"{y % 100:02d}{m:02d}{d:02d}{serial}"
            pnr = f"{y}{m:02d}{d:02d}-{serial}{luhn(base)}"
            sex = "Man" if int(serial[-1]) % 2 else "Kvinna"
            insatser = rnd.sample(["Steget", "Vägen", "Arbetsbron"], rnd.choice([1, 1, 2, 3]))
            for ins in insatser:
                n += 1
                entry = 19358 + rnd.randint(0, 700)  # 2023-01-01 ..
                exit_ = entry + rnd.randint(10, 400) if rnd.random() < 0.7 else None
                def date(x):
                    import datetime
                    return (datetime.date(1970, 1, 1) + datetime.timedelta(days=x)).isoformat()
                reason = rnd.choice(reasons) if exit_ else ""
                f.write(";".join([f"G{n:04d}", pnr, sex, ins, date(entry),
                                  date(exit_) if exit_ else "", reason,
                                  rnd.choice(referrers),
                                  "|".join(rnd.sample(["Unga", "Psykisk ohälsa", "Utrikesfödda"],
                                                      rnd.randint(0, 2))),
                                  rnd.choice(["Sjukpenning", "Försörjningsstöd", "Lön", ""]),
                                  rnd.choice(["Lön", "Studiemedel", "Sjukpenning", ""])]) + "\n")


def run(*args):
    out = subprocess.run([binary, *args, "--quiet", "--format", "json", "--lang", "en"],
                         capture_output=True, check=True)
    return json.loads(out.stdout)


bad, compared = [], 0


def same(a, b, where):
    global compared
    if a["rows"] != b["rows"] and [r["values"] for r in a["rows"]] != [r["values"] for r in b["rows"]]:
        bad.append(f"{where}: the rows differ")
        return
    for ra, rb in zip(a["rows"], b["rows"]):
        if ra["key"] != rb["key"] or ra["values"] != rb["values"] or ra.get("shown") != rb.get("shown"):
            bad.append(f"{where}: row {ra['key']}: {ra['values']} != {rb['values']}")
            return
    compared += sum(len(r["values"]) for r in a["rows"])


def check(export, period):
    rep = run("report", str(export), "--period", period, "--compare", "none")
    single = run("participants", str(export), "--period", period, "--by", "insats", "--count",
                 "persons", "--breakdown", "flow-by-insats", "--breakdown", "exit-reason",
                 "--breakdown", "referrer", "--breakdown", "target-group", "--breakdown", "age")
    income = run("participants", str(export), "--period", period, "--by", "insats", "--count",
                 "persons", "--breakdown", "income", "--breakdown", "income-end", "--of", "ended")
    by_key = {t["key"]: t for t in single["tables"] + income["tables"]}
    n = 0
    for t in rep["tables"]:
        if not t.get("breakdown") or t["key"] in ("summary", "key_figures") or t["key"].startswith(("compare", "trend", "about")):
            continue
        other = by_key.get(t["key"])
        if other is None:
            bad.append(f"{export.name} {period}: report table {t['key']} not made by participants")
            continue
        same(t, other, f"{export.name} {period}: {t['key']}")
        n += 1
    # the summary: flow by sex from the flow tables, key shares from exits' notes
    exits = run("exits", str(export), "--period", period, "--by", "insats", "--count", "persons")
    notes = {}
    for t in exits["tables"]:
        txt = " ".join(t["notes"])
        w = re.search(r"To work or studies: (\d+) of (\d+)", txt)
        a = re.search(r"Approached the labour market \([^)]*\): (\d+) of (\d+)", txt)
        notes[t["key"]] = (int(w.group(1)), int(a.group(1))) if w and a else (0, 0)
    summary = next(t for t in rep["tables"] if t["key"] == "summary")
    for row in summary["rows"]:
        if row["key"].endswith(("_compare", "_change")):
            continue
        slug = "" if row["key"] == "association" else "_" + row["key"]
        flow = {r["key"]: r["values"] for r in by_key["flow" + slug]["rows"]}
        v = row["values"]
        for w, fk in (("during", "during"), ("new", "new"), ("ended", "ended"),
                      ("ongoing_at_end", "ongoing_at_end")):
            for s in ("women", "men", "total"):
                if v[f"{w}_{s}"] != flow[fk][s]:
                    bad.append(f"{export.name} {period}: summary {row['key']} {w}_{s}: "
                               f"{v[w + '_' + s]} != {flow[fk][s]}")
        if (v["work"], v["near"]) != notes["exits" + slug]:
            bad.append(f"{export.name} {period}: summary {row['key']} key shares "
                       f"{(v['work'], v['near'])} != exits {notes['exits' + slug]}")
        n += 1
    # the key figures: the association's row of the summary, turned
    keyfig = next(t for t in rep["tables"] if t["key"] == "key_figures")
    assoc = next(r["values"] for r in summary["rows"] if r["key"] == "association")
    for row in keyfig["rows"]:
        v, k = row["values"], row["key"]
        if k in ("work", "near"):
            want = {"total": assoc[k], "pct": assoc[k + "_pct"]}
        else:
            want = {"total": assoc[f"{k}_total"], "women": assoc[f"{k}_women"],
                    "men": assoc[f"{k}_men"]}
        for col, x in want.items():
            compared_one()
            if v[col] != x:
                bad.append(f"{export.name} {period}: key figures {k} {col}: {v[col]} != {x}")
    n += 1
    return n


def compared_one():
    global compared
    compared += 1


gen = work / "three-insatser.csv"
generate(gen)
tables = 0
for export, period in ((samples / "export.csv", "2024H1"), (samples / "export.csv", "2024"),
                       (gen, "2024H1"), (gen, "2023")):
    tables += check(export, period)
for b in bad[:20]:
    print(b)
print(f"{tables} report tables compared, {compared} cells; {len(bad)} differences")
sys.exit(1 if bad or tables < 20 else 0)
