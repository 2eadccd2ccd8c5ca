#!/usr/bin/python3
"""quest_peer.py: the same query as `finsam-stats paired` / `hls` in pandas, as a peer for
bench/quest.sh. Usage: quest_peer.py paired|hls FILE

Reads the long-form file (Deltagar-ID;Tillfälle;Kön;items), codes the answers (numbers, or
the HLS texts case-insensitively, "Vet inte" and empty as missing), pairs Start with Avslut
by id and prints per item: linked answers, worse / unchanged / better, medians and means at
both occasions, and the exact sign-test p-value (scipy's binomtest when scipy is there).
Not a reimplementation of every check finsam-stats makes (no personnummer screening, no
per-cell validation messages): a floor for the arithmetic, not an equivalent program."""
import sys

import numpy as np
import pandas as pd

try:
    from scipy.stats import binomtest
except ImportError:  # pragma: no cover
    binomtest = None

HLS = {"mycket svårt": 1, "ganska svårt": 2, "ganska lätt": 3, "mycket lätt": 4}


def main():
    kind, path = sys.argv[1], sys.argv[2]
    df = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False)
    items = [c for c in df.columns if c not in ("Deltagar-ID", "Tillfälle", "Kön")]
    if kind == "hls":
        for c in items:
            df[c] = df[c].str.lower().map(HLS)
    else:
        for c in items:
            df[c] = pd.to_numeric(df[c].str.replace(",", ".", regex=False), errors="coerce")
    start = df[df["Tillfälle"] == "Start"].set_index("Deltagar-ID")
    end = df[df["Tillfälle"] == "Avslut"].set_index("Deltagar-ID")
    both = start[items].join(end[items], how="inner", lsuffix="_s", rsuffix="_e")
    for c in items:
        s, e = both[c + "_s"], both[c + "_e"]
        ok = s.notna() & e.notna()
        d = (e[ok] - s[ok]).to_numpy()
        better, worse = int((d > 0).sum()), int((d < 0).sum())
        p = binomtest(better, better + worse).pvalue if binomtest and better + worse else 1.0
        print(c, int(ok.sum()), worse, int((d == 0).sum()), better, np.median(s[ok]),
              np.median(e[ok]), s[ok].mean(), e[ok].mean(), p, sep=";")


if __name__ == "__main__":
    main()
