# With two exports, the questionnaire sheet joins both for sex (--participants for each):
# its tables are the barometer command's with both exports, and the participants found only
# in the second export are counted as women and men, not in the total only.
set -e
"$FINSAM_STATS" barometer b.csv --participants samples/export.csv --participants steg.csv \
    --suppress 0 --lang en --quiet --format json >barometer.json
python3 - <<'PY'
import json, sys
rep = json.load(open("r.json"))["tables"]
want = json.load(open("barometer.json"))["tables"]
got = [t for t in rep if any(t["key"] == w["key"] for w in want)]
if got != want:
    sys.exit(f"the report's barometer tables differ from the command's: {[t['key'] for t in got]}")
women = next(t for t in want if t["key"].endswith("women"))
n = women["rows"][0]["values"]["n"]
if n != 2:  # D0001 from the first export, X0002 from the second
    sys.exit(f"linked women: {n}, expected 2")
PY
