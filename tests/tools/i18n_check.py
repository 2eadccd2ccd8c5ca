#!/usr/bin/env python3
"""Every text given to fs_tr() in src/ has its Swedish in src/lib/i18n_sv.h, and the
catalogue holds no text that no code uses. Prints what is missing or unused; exit 1 if any."""
import pathlib
import re
import sys

top = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
literal = r'"((?:[^"\\]|\\.)*)"'
call = re.compile(r'fs_tr\(\s*[^,()]+,\s*((?:' + literal + r'\s*)+)\)')
used = set()
for path in sorted((top / "src").rglob("*.c")):
    text = path.read_text(encoding="utf-8")
    for m in call.finditer(text):
        used.add("".join(re.findall(literal, m.group(1))))
# registry msgids: string fields of rows in breakdowns.c are marked N_("...")
for path in sorted((top / "src").rglob("*.c")):
    for m in re.finditer(r'N_\(' + literal + r'\)', path.read_text(encoding="utf-8")):
        used.add(m.group(1))
catalogue = {}
entry = re.compile(r'^\{' + literal + r',\s*' + literal + r'\},$')
for line in (top / "src/lib/i18n_sv.h").read_text(encoding="utf-8").splitlines():
    m = entry.match(line.strip())
    if m:
        if m.group(1) in catalogue:
            print(f"duplicate: {m.group(1)!r}")
            sys.exit(1)
        catalogue[m.group(1)] = m.group(2)
missing = sorted(used - catalogue.keys())
unused = sorted(catalogue.keys() - used)
for s in missing:
    print(f"missing: {s!r}")
for s in unused:
    print(f"unused: {s!r}")
print(f"{len(used)} texts used, {len(catalogue)} in the catalogue")
sys.exit(1 if missing or unused else 0)
