# Properties that must hold in every exit table, on the sample export for several periods,
# per insats and in total, with largest-remainder rounding at 0 and 1 decimals:
#  - each printed share column sums to exactly 100 over the group rows (detail rows aside);
#  - women + men (+ sex not recorded) = total in every row;
#  - the group rows add up to the total row in every count column.
set -e
for period in 2023 2024 2024H1 2024H2 2024Q3 2024-05; do
  for dec in 0 1; do
    "$FINSAM_STATS" exits samples/export.csv --period $period --by insats --decimals $dec \
        --quiet --format csv > t.csv
    awk -F, -v period=$period -v dec=$dec '
      function check_table() {
        if (!ncols) return
        for (c = 2; c <= ncols; c++) {
          if (is_share[c] && rows > 0 && tot[c] != "" && (sum[c] < 99.9999 || sum[c] > 100.0001) && tot[c] > 0) {
            printf "%s dec %s: share column %d sums to %s\n", period, dec, c, sum[c]; bad = 1 }
          if (!is_share[c] && sum[c] != tot[c]) {
            printf "%s dec %s: count column %d: rows %s, total %s\n", period, dec, c, sum[c], tot[c]; bad = 1 }
        }
      }
      { sub(/\r$/, "") }
      # the quoted "Arbete, studier" label: join it back
      { gsub(/"Arbete, studier"/, "Arbete studier"); gsub(/"[^"]*"/, "title") }
      $0 == "" { check_table(); ncols = 0; next }
      $2 == "Kvinnor" || $2 == "Women" {
        check_table(); ncols = NF; rows = 0
        for (c = 2; c <= NF; c++) { is_share[c] = ($c ~ /Andel|Share/); sum[c] = 0; tot[c] = "" }
        has_unknown = ($6 ~ /saknas|recorded/); next }
      {
        if ($1 == "Totalt" || $1 == "Total") { for (c = 2; c <= NF; c++) tot[c] = $c }
        else { rows++; for (c = 2; c <= NF; c++) sum[c] += $c }
        w = $2; m = $4; u = has_unknown ? $6 : 0; t = has_unknown ? $8 : $6
        if (w + m + u != t) { printf "%s: row %s: %s + %s + %s != %s\n", period, $1, w, m, u, t; bad = 1 }
      }
      END { check_table(); exit bad }' t.csv
  done
done
