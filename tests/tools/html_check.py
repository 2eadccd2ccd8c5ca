#!/usr/bin/env python3
"""Every command's HTML: valid HTML5 (html5lib in strict mode: any parse error fails), no
reference outside the file (no "http:", "https:" or "//" anywhere), lang from --lang, and
the numbers of its tables equal to the JSON of the same run: each table's caption, column
and row labels, and every cell (a count exactly, a share as JSON's "shown", any other
number within half a unit of the last digit printed, a hidden cell as null). The key
figures of a report board are checked the same way, tile by tile.

usage: html_check.py FINSAM_STATS SAMPLES_DIR TESTS_DIR WORK_DIR"""
import json
import pathlib
import re
import subprocess
import sys

import html5lib

binary, samples, tests, work = (sys.argv[1], pathlib.Path(sys.argv[2]),
                                pathlib.Path(sys.argv[3]), pathlib.Path(sys.argv[4]))
work.mkdir(parents=True, exist_ok=True)
S = str(samples)
RUNS = [
    ["exits", f"{S}/export.csv", "--period", "2024H1", "--by", "insats"],
    ["exits", f"{S}/export.csv", "--period", "2024", "--cell", "n-pct", "--decimals", "1",
     "--lang", "en"],
    ["participants", f"{S}/export.csv", "--period", "2024", "--all"],
    ["participants", f"{S}/export.csv", "--period", "2024", "--count", "persons", "--by",
     "insats", "--breakdown", "flow-by-insats", "--suppress", "3"],
    ["participants", str(tests / "data/promise-hjo/export.csv"), "--period", "2022", "--of",
     "ended", "--breakdown", "column:Gått vidare till"],
    ["signtest", "--worse", "9", "--better", "21", "--unchanged", "66"],
    ["paired", str(tests / "cli/paired/csv/svar.csv")],
    ["hls", f"{S}/hls-q16.csv"],
    ["ogq", f"{S}/ogq-start.csv", f"{S}/ogq-avslut.csv"],
    ["barometer", f"{S}/barometer.csv", "--participants", f"{S}/export.csv", "--lang", "en"],
    ["survey", str(tests / "cli/survey/two-years/exit-survey.csv"), "--by", "year"],
    ["eq5d", str(tests / "cli/eq5d/hand-scored-json/eq5d.csv"), "--value-set",
     str(tests / "cli/eq5d/hand-scored-json/value-set.csv"), "--lang", "en"],
    ["kasam", str(tests / "cli/kasam/max-missing-json/kasam.csv"), "--config",
     str(tests / "cli/kasam/max-missing-json/kasam.ini")],
    ["report", f"{S}/export.csv", "--period", "2024H1", "--config", f"{S}/finsam.ini"],
    ["report", f"{S}/export.csv", "--period", "2024", "--trend", "2023H1..2024H2", "--lang",
     "en", "--suppress", "3", "--count", "episodes"],
]

bad = []
cells = 0
SVG = "{http://www.w3.org/2000/svg}"  # the parser's name for inline SVG (not in the file)


def text(el):
    return "".join(el.itertext()).strip()


def number(s):
    """(value, decimals) of a printed number, None for an empty or hidden cell."""
    s = s.replace("\u00a0", "").replace(" ", "")
    if s in ("", "..") or re.fullmatch(r"<\d+", s):
        return None
    if s.startswith("<"):  # a p-value below the smallest printed
        return ("below", float(s[1:].replace(",", ".")))
    s = s.replace(",", ".")
    d = len(s.split(".")[1]) if "." in s else 0
    return (float(s), d)


def same_number(printed, value, shown, where):
    global cells
    cells += 1
    got = number(printed)
    want = shown if shown is not None else value
    if got is None or want is None:
        if (got is None) != (want is None):
            bad.append(f"{where}: HTML {printed!r}, JSON {want!r}")
        return
    if got[0] == "below":
        if not want < got[1]:
            bad.append(f"{where}: HTML {printed!r}, JSON {want!r}")
        return
    h, d = got
    if d == 0 and float(want).is_integer():
        ok = h == want
    else:
        ok = abs(h - want) <= 0.5 * 10 ** -d + 1e-9
    if not ok:
        bad.append(f"{where}: HTML {printed!r}, JSON {want!r}")


def check_table(sec, t, where):
    table = sec.find("div/table")
    caption = text(table.find("caption"))
    if caption != t["title"]:
        bad.append(f"{where}: caption {caption!r} != title {t['title']!r}")
    heads = [text(th) for th in table.findall("thead/tr/th")]
    cols = t["columns"]
    shares = {k for r in t["rows"] for k in r.get("shown", {})}
    # with n (pct) a share column is not written: its count's cell holds it
    n_pct = len(heads) < len(cols)
    shown_cols = [c for c in cols if not (n_pct and c["key"] in shares)]
    if heads != [c["label"] for c in shown_cols]:
        bad.append(f"{where}: header {heads} != {[c['label'] for c in shown_cols]}")
        return
    rows = table.findall("tbody/tr")
    if len(rows) != len(t["rows"]):
        bad.append(f"{where}: {len(rows)} rows != {len(t['rows'])}")
        return
    for tr, row in zip(rows, t["rows"]):
        label = text(tr.find("th"))
        if label != row["label"]:
            bad.append(f"{where}: row {label!r} != {row['label']!r}")
        tds = [text(td) for td in tr.findall("td")]
        for col, printed in zip(shown_cols, tds):
            k = col["key"]
            w = f"{where}: {row['key']}/{k}"
            if n_pct:
                m = re.fullmatch(r"(.*?) \((.*) %\)", printed)
                i = cols.index(col)
                share = cols[i + 1]["key"] if i + 1 < len(cols) and cols[i + 1]["key"] in shares else None
                if m and share:
                    same_number(m.group(2), None, row["shown"].get(share), w + " (share)")
                    printed = m.group(1)
            same_number(printed, row["values"].get(k), row.get("shown", {}).get(k), w)


def check_tiles(sec, t, where):
    tiles = sec.findall("div/div")
    rows = [r for r in t["rows"]]
    if len(tiles) != len(rows):
        bad.append(f"{where}: {len(tiles)} tiles != {len(rows)} rows")
        return
    labels = {c["label"]: c["key"] for c in t["columns"]}
    for tile, row in zip(tiles, rows):
        if text(tile.find("h3")) != row["label"]:
            bad.append(f"{where}: tile {text(tile.find('h3'))!r} != {row['label']!r}")
        big = text(tile.find("p"))
        same_number(big, row["values"][t["columns"][0]["key"]], None, f"{where}: {row['key']} (large)")
        dts, dds = tile.findall("dl/dt"), tile.findall("dl/dd")
        for dt, dd in zip(dts, dds):
            k = labels.get(text(dt))
            if k is None:
                bad.append(f"{where}: tile label {text(dt)!r} is no column")
                continue
            same_number(text(dd), row["values"].get(k), None, f"{where}: {row['key']}/{k}")


for i, args in enumerate(RUNS):
    name = f"{i:02d}-{args[0]}"
    html_path = work / f"{name}.html"
    r1 = subprocess.run([binary, *args, "--quiet", "-o", str(html_path)], capture_output=True)
    r2 = subprocess.run([binary, *args, "--quiet", "--format", "json"], capture_output=True)
    if r1.returncode or r2.returncode:
        bad.append(f"{name}: exit {r1.returncode}/{r2.returncode}: {r1.stderr.decode()[:200]}")
        continue
    raw = html_path.read_bytes()
    page = raw.decode("utf-8")
    for ref in ("http:", "https:", "//"):
        if ref in page.lower():
            bad.append(f"{name}: a reference outside the file ({ref!r}) at "
                       f"{page.lower().index(ref)}")
    try:
        doc = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(raw)
    except html5lib.html5parser.ParseError as e:
        bad.append(f"{name}: not valid HTML5: {e}")
        continue
    lang = "en" if "--lang" in args and args[args.index("--lang") + 1] == "en" else "sv"
    if doc.get("lang") != lang:
        bad.append(f"{name}: lang {doc.get('lang')!r}, expected {lang!r}")
    if doc.find("head/meta[@charset='utf-8']") is None:
        bad.append(f"{name}: no <meta charset='utf-8'>")
    data = json.loads(r2.stdout)
    secs = doc.findall(".//section[@class='table']")
    if len(secs) != len(data["tables"]):
        bad.append(f"{name}: {len(secs)} HTML tables != {len(data['tables'])} JSON tables")
        continue
    for sec, t in zip(secs, data["tables"]):
        check_table(sec, t, f"{name} {t['key']}")
    figures = doc.findall(".//section[@class='figures']")
    keyfig = [t for t in data["tables"] if t["key"] == "key_figures"]
    if args[0] == "report" and len(figures) != 1:
        bad.append(f"{name}: {len(figures)} key-figure sections on the board")
    for sec, t in zip(figures, keyfig):
        check_tiles(sec, t, f"{name} tiles")
    if args[0] == "report":
        multiples = doc.findall(".//section[@class='multiples']")
        if len(multiples) != 2 or not all(m.findall(f".//figure/{SVG}svg") for m in multiples):
            bad.append(f"{name}: {len(multiples)} sections of small multiples, expected 2 "
                       "with charts (flow and exit reasons per insats)")
    # every table's chart drawn, an image with a title
    charts = doc.findall(f".//{SVG}svg")
    if args[0] in ("exits", "participants", "report", "ogq") and not charts:
        bad.append(f"{name}: no chart")
    for svg in charts:
        if svg.get("role") != "img" or svg.find(f"{SVG}title") is None:
            bad.append(f"{name}: an SVG without role=img and a title")
            break

for b in bad[:30]:
    print(b)
print(f"{len(RUNS)} runs, {cells} cells compared with JSON; {len(bad)} problems")
sys.exit(1 if bad or cells < 1000 else 0)
