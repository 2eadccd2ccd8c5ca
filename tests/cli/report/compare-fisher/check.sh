# The comparison of data/report-compare (README there): shares, n's, differences and
# Fisher's exact test against R's fisher.test (tests/oracle/report_fisher.csv), to 1e-9.
set -e
python3 - "$TESTDATA/../oracle/report_fisher.csv" <<'PY'
import csv, json, math, sys
rep = json.load(open("actual.stdout"))
tables = {t["key"]: t for t in rep["tables"]}
for o in csv.DictReader(open(sys.argv[1])):
    t = tables["compare_work" if o["share"] == "work" else "compare_approached"]
    for row in t["rows"]:  # the association and the one insats: the same figures
        v = row["values"]
        n, of, cn, cof = int(o["this_n"]), int(o["this_of"]), int(o["compare_n"]), int(o["compare_of"])
        assert (v["n"], v["of"], v["compare_n"], v["compare_of"]) == (n, of, cn, cof), (row, o)
        assert abs(v["pct"] - 100 * n / of) < 1e-9 and abs(v["compare_pct"] - 100 * cn / cof) < 1e-9
        assert abs(v["difference"] - (100 * n / of - 100 * cn / cof)) < 1e-9
        p = float(o["p"])
        assert abs(v["p"] - p) <= 1e-9 * p, (v["p"], p)
flow = tables["compare_flow"]["rows"]
ended = next(r for r in flow if r["key"] == "ended")["values"]
assert (ended["this_total"], ended["compare_total"], ended["change"]) == (12, 10, 2), ended
print("comparison equal to R")
PY
