# The sample [report]: the sheets it names, in its order; referrer of those during and of
# the ended; entry years of those ongoing at start on a sheet of its own name; compared
# with the same half a year earlier (2023H1).
set -e
python3 - <<'PY'
import json
rep = json.load(open("actual.stdout"))
keys = [t["key"] for t in rep["tables"]]
assert keys[:2] == ["key_figures", "summary"] and keys[-1] == "about", keys[:3]
assert "referrer" in keys and "referrer_ended" in keys, keys
assert "entry_year_ongoing_at_start" in keys, keys
assert "entry_year" not in keys
cmp = next(t for t in rep["tables"] if t["key"] == "compare_work")
assert "2023H1" in cmp["title"], cmp["title"]
PY
