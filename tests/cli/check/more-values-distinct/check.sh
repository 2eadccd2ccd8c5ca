"$FINSAM_STATS" check many.csv --as-of 2025-01-01 >many.out 2>many.err
grep -q '^      "R1000": 3$' many.out || { echo "R1000 not listed with 3 rows"; exit 1; }
grep -q '^      "R1001"' many.out && { echo "R1001 listed beyond the cap"; exit 1; }
grep -q '^      (5 more values)$' many.out || { grep 'more values' many.out; exit 1; }
