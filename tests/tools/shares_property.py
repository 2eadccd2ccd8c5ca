#!/usr/bin/env python3
"""One number per cell: for every command on the sample files, each share ("Andel (%)",
"Share (%)") printed in text, Markdown, CSV (rfc4180 and excel-sv) and xlsx (read back with
Gnumeric's ssconvert) is the same, cell by cell.

usage: shares_property.py FINSAM_STATS SAMPLES_DIR WORK_DIR
Exit status 0 when every share agrees, 1 with the first disagreements listed."""
import csv
import io
import pathlib
import re
import shutil
import subprocess
import sys

binary, samples, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
S = str(samples)
T = str(pathlib.Path(__file__).resolve().parent.parent)  # tests/: the questionnaire cases
RUNS = [
    ["exits", f"{S}/export.csv", "--period", "2024H1"],
    ["exits", f"{S}/export.csv", "--period", "2024H2", "--by", "insats", "--decimals", "1"],
    ["participants", f"{S}/export.csv", "--period", "2024", "--all"],
    ["participants", f"{S}/export.csv", "--period", "2024H1", "--breakdown", "referrer",
     "--of", "all", "--count", "persons", "--lang", "en"],
    ["hls", f"{S}/hls-q16.csv"],
    ["ogq", f"{S}/ogq-start.csv", f"{S}/ogq-avslut.csv"],
    ["barometer", f"{S}/barometer.csv", "--participants", f"{S}/export.csv"],
    ["signtest", "--worse", "9", "--better", "21", "--unchanged", "66"],
    ["report", f"{S}/export.csv", "--period", "2024H1", "--config", f"{S}/finsam.ini"],
    ["survey", f"{T}/cli/survey/two-years/exit-survey.csv", "--by", "year"],
    ["eq5d", f"{T}/cli/eq5d/hand-scored-json/eq5d.csv", "--value-set",
     f"{T}/cli/eq5d/hand-scored-json/value-set.csv"],
    ["kasam", f"{T}/cli/kasam/max-missing-json/kasam.csv", "--config",
     f"{T}/cli/kasam/max-missing-json/kasam.ini"],
]
SHARE = re.compile(r"^(Andel|Share)( \(%\)$|, )")  # "Andel (%)", "Andel, start"


def run(args, fmt, extra=()):
    out = subprocess.run([binary, *args, "--quiet", "--format", fmt, *extra],
                         capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def number(s):
    s = s.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    return s


def tables_csv(text, sep):
    """[(header, rows)] of the CSV output: tables are separated by empty lines."""
    text = text.lstrip("\ufeff")
    out, cur = [], []
    for row in csv.reader(io.StringIO(text), delimiter=sep):
        if not row or all(not c for c in row):
            if cur:
                out.append(cur)
            cur = []
            continue
        cur.append(row)
    if cur:
        out.append(cur)
    return [(t[0], t[1:]) for t in out]


def tables_md(text):
    out = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        if lines[i].startswith("|"):
            block = []
            while i < len(lines) and lines[i].startswith("|"):
                block.append(lines[i])
                i += 1
            cells = [[c.strip() for c in re.split(r"(?<!\\)\|", l)[1:-1]] for l in block]
            out.append((cells[0], cells[2:]))
        i += 1
    return out


def tables_text(text):
    """The aligned text tables: the header line is the one above a line of dashes."""
    out = []
    lines = text.splitlines()
    for i, l in enumerate(lines):
        if i >= 2 and re.fullmatch(r"-{10,}", l) and lines[i - 1].strip() and \
                not lines[i - 2].strip():
            header = [""] + re.split(r"\s{2,}", lines[i - 1].strip())
            rows, j = [], i + 1
            while j < len(lines) and lines[j].strip():
                if not re.fullmatch(r"-{10,}", lines[j]):
                    rows.append(re.split(r"\s{2,}", lines[j].strip()))
                j += 1
            out.append((header, rows))
    return out


def tables_xlsx(path):
    """Each sheet read back, and each table on it (a report stacks several on a sheet): a
    table is a title row (only its first cell) above a header row (its second cell not
    empty), its rows down to the first row with nothing after the label. A chart's data
    block (titled "Diagramunderlag" / "Chart data") is not a table."""
    d = work / "sheets"
    if d.exists():
        shutil.rmtree(d)
    d.mkdir()
    subprocess.run(["ssconvert", "-S", "--export-type=Gnumeric_stf:stf_csv", str(path),
                    str(d / "sheet%n.csv")], capture_output=True, check=True)
    out = []
    for f in sorted(d.glob("sheet*.csv"), key=lambda p: int(re.sub(r"\D", "", p.name))):
        rows = list(csv.reader(open(f, encoding="utf-8")))
        h = 0
        while h < len(rows):
            r = rows[h]
            title = rows[h - 1] if h else []
            if (len(r) > 1 and r[1] and (h == 0 or not any(title[1:]))
                    and not (title and title[0] in ("Diagramunderlag", "Chart data"))):
                body, k = [], h + 1
                while k < len(rows) and any(rows[k][1:]):
                    body.append(rows[k])
                    k += 1
                out.append((r, body))
                h = k
            else:
                h += 1
    return out


def shares(tables, percent_fraction=False, n=None):
    """{(table, row, share#): value} for the share columns."""
    got = {}
    for ti, (header, rows) in enumerate(tables):
        cols = [k for k, h in enumerate(header) if SHARE.match(h.strip())]
        for ri, row in enumerate(rows):
            for si, c in enumerate(cols):
                v = row[c] if c < len(row) else ""
                v = number(v)
                if percent_fraction and re.fullmatch(r"-?[0-9.]+(e-?[0-9]+)?", v):
                    v = ("%.*f" % (n or 0, float(v) * 100))
                got[(ti, ri, si)] = v
    return got


bad = []
checked = 0
for args in RUNS:
    name = " ".join(a.replace(S + "/", "") for a in args)
    decimals = int(args[args.index("--decimals") + 1]) if "--decimals" in args else 0
    ref = shares(tables_csv(run(args, "csv"), ","))
    forms = {
        "text": shares(tables_text(run(args, "text"))),
        "md": shares(tables_md(run(args, "md"))),
        "csv excel-sv": shares(tables_csv(run(args, "csv", ["--csv-dialect", "excel-sv"]), ";")),
    }
    x = work / "out.xlsx"
    subprocess.run([binary, *args, "--quiet", "-o", str(x)], check=True, capture_output=True)
    forms["xlsx"] = shares(tables_xlsx(x), True, decimals)
    for form, got in forms.items():
        if set(got) != set(ref):
            bad.append(f"{name}: {form}: {len(got)} share cells, csv has {len(ref)}")
            continue
        for k, v in ref.items():
            if got[k] != v and not (v in ("", "..") and got[k] in ("", "..")):
                bad.append(f"{name}: {form}: table {k[0]} row {k[1]} share {k[2]}: {got[k]} != {v}")
    checked += len(ref)
    if not ref and args[0] in ("exits", "participants", "hls"):
        bad.append(f"{name}: no share cells found")

for b in bad[:30]:
    print(b)
print(f"{checked} share cells compared in 5 formats over {len(RUNS)} runs; {len(bad)} differences")
sys.exit(1 if bad else 0)
