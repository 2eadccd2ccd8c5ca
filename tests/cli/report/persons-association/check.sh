# The summary of data/persons (three insatser, 8 persons in 14 episodes; the arithmetic is
# in tests/cli/participants/persons-by-insats/check.sh): per insats its persons, for the
# association each person once, with the episodes beside.
#   association: 8 persons (women 5, men 3), 14 episodes; new 7, ended 6, ongoing 7
#   A: 4 persons (5 episodes), B: 4 (4), C: 5 (5)
#   to work or studies (Arbete, Studier): p2 (A), p3 (B) and p1 (B, Studier) = 3 of 6 ended
#   approached: those and p7 (C, Arbetssökande) = 4 of 6
set -e
python3 - <<'PY'
import json
rep = json.load(open("actual.stdout"))
s = next(t for t in rep["tables"] if t["key"] == "summary")
rows = {r["key"]: r["values"] for r in s["rows"]}
a = rows["association"]
assert (a["during_women"], a["during_men"], a["during_total"], a["episodes"]) == (5, 3, 8, 14), a
assert (a["new_total"], a["ended_total"], a["ongoing_at_end_total"]) == (7, 6, 7), a
assert (a["work"], a["near"]) == (3, 4), a
assert abs(a["work_pct"] - 50) < 1e-9 and abs(a["near_pct"] - 100 * 4 / 6) < 1e-9, a
assert (rows["a"]["during_total"], rows["a"]["episodes"]) == (4, 5), rows["a"]
assert (rows["b"]["during_total"], rows["b"]["episodes"]) == (4, 4), rows["b"]
assert (rows["c"]["during_total"], rows["c"]["episodes"]) == (5, 5), rows["c"]
assert sum(rows[k]["during_total"] for k in "abc") == 13  # not the association's 8
print("persons: association 8, insatser 4 + 4 + 5")
PY
