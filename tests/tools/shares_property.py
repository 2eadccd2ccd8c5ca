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
    """Each sheet read back; the header row is the one whose second cell is not empty."""
    d = work / "sheets"
    if d.exists():
        shutil.rmtree(d)
    d.mkdir()
    subprocess.run(["ssconvert", "-S", "--export-type=Gnumeric_stf:stf_csv", str(path),
                    str(d / "sheet%n.csv")], capture_output=True, check=True)
    out = []
    for f in sorted(d.glob("sheet*.csv"), key=lambda p: int(re.sub(r"\D", "", p.name))):
        rows = list(csv.reader(open(f, encoding="utf-8")))
        h = next(k for k, r in enumerate(rows) if len(r) > 1 and r[1])
        body = []
        for r in rows[h + 1:]:
            if not any(r[1:]):
                break
            body.append(r)
        out.append((rows[h], body))
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
