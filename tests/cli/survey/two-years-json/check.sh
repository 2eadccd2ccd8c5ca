# The year-against-year tests against R (1e-9 relative), values from tests/oracle/rank_sum.csv
# (the last rows) and R 4.2: fisher.test(matrix(c(12, 9, 19, 5), 2)),
# wilcox.test(<satisfaction 2023>, <satisfaction 2024>), prop.test(32, 43, correct = FALSE).
set -e
check() { # key expected: the first non-null value of key in the JSON output
    got=$(grep -o "\"$1\": [0-9.e-]*" actual.stdout | sed 's/.*: //' | grep . | head -1)
    awk -v g="$got" -v w="$2" -v k="$1" 'BEGIN { d = g - w; if (d < 0) d = -d;
        if (g == "" || d > 1e-9 * w) { print k ": " g ", R " w; exit 1 } }'
}
check p_mann_whitney 0.17617264185759388
check p_fisher 0.19608774968956474
grep -o '"p_mann_whitney": [0-9.e-]*' actual.stdout | tail -1 | grep -q '0.000282354754759' || { echo "satisfaction"; exit 1; }
check total_ci_low 59.761596501153325
check total_ci_high 85.070482876191755
