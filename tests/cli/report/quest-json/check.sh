# The questionnaire sheets hold exactly the tables their commands print for the same files,
# joined to the export (--participants), language and suppression: keys, titles, columns,
# rows, values and notes, in order after Ålder and before the comparison; Om rapporten lists
# each questionnaire file.
set -e
for c in "hls samples/hls-q16.csv" "ogq samples/ogq-start.csv samples/ogq-avslut.csv" \
         "barometer samples/barometer.csv"; do
    name=${c%% *}
    # shellcheck disable=SC2086
    "$FINSAM_STATS" $c --participants samples/export.csv --suppress 3 --lang en --quiet \
        --format json >"$name.json"
done
python3 - <<'PY'
import json, sys
rep = json.load(open("r.json"))["tables"]
keys = [t["key"] for t in rep]
first = max(i for i, k in enumerate(keys) if k.startswith("age")) + 1
last = keys.index("compare_work")
want = []
for name in ("hls", "ogq", "barometer"):
    want += json.load(open(name + ".json"))["tables"]
got = rep[first:last]
if len(got) != len(want):
    sys.exit(f"{len(got)} questionnaire tables in the report, {len(want)} from the commands")
for g, w in zip(got, want):
    if g != w:
        sys.exit(f"table {g['key']} differs from the command's {w['key']}")
about = next(t for t in rep if t["key"] == "about")
labels = [r["label"] for r in about["rows"]]
for lab in ("HLS-EU: samples/hls-q16.csv", "OGQ: samples/ogq-start.csv",
            "OGQ: samples/ogq-avslut.csv", "Health barometer: samples/barometer.csv"):
    if lab not in labels:
        sys.exit(f"Om rapporten: no row {lab!r}: {labels}")
PY
