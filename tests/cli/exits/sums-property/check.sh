# Properties that must hold in every exit table, on the sample export for several periods,
# per insats and in total, with largest-remainder rounding at 0 and 1 decimals:
#  - equal counts in a column have equal shares;
#  - each printed share column sums to exactly 100 over the group rows (detail rows aside),
#    unless equal counts straddle the last unit: then it sums to within a unit or two of
#    100 (one unit for each pair of tied rows at most) and the text output says so;
#  - women + men (+ sex not recorded) = total in every row;
#  - the group rows add up to the total row in every count column.
set -e
for period in 2023 2024 2024H1 2024H2 2024Q3 2024-05; do
  for dec in 0 1; do
    "$FINSAM_STATS" exits samples/export.csv --period $period --by insats --decimals $dec \
        --quiet --format csv > t.csv
    "$FINSAM_STATS" exits samples/export.csv --period $period --by insats --decimals $dec \
        --quiet > t.txt
    notes=$(grep -c 'summerar inte till 100' t.txt || true)
    awk -F, -v period=$period -v dec=$dec -v notes="$notes" '
      function check_table() {
        if (!ncols) return
        for (c = 2; c <= ncols; c++) {
          unit = dec == 0 ? 1 : 0.1
          if (is_share[c] && rows > 0 && tot[c] != "" && tot[c] > 0) {
            off = sum[c] - 100; if (off < 0) off = -off
            if (off > 0.0001) off_tables++
            if (off > 2 * unit + 0.0001) {
              printf "%s dec %s: share column %d sums to %s\n", period, dec, c, sum[c]; bad = 1 }
          }
          if (!is_share[c] && sum[c] != tot[c]) {
            printf "%s dec %s: count column %d: rows %s, total %s\n", period, dec, c, sum[c], tot[c]; bad = 1 }
        }
        for (k in share_of) delete share_of[k]
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
        else {
          rows++
          for (c = 2; c <= NF; c++) {
            sum[c] += $c
            if (is_share[c]) {   # equal counts (the column before), equal shares
              k = c SUBSEP $(c - 1)
              if ((k in share_of) && share_of[k] != $c) {
                printf "%s dec %s: count %s has shares %s and %s\n", period, dec, $(c - 1), share_of[k], $c; bad = 1 }
              share_of[k] = $c
            }
          }
        }
        w = $2; m = $4; u = has_unknown ? $6 : 0; t = has_unknown ? $8 : $6
        if (w + m + u != t) { printf "%s: row %s: %s + %s + %s != %s\n", period, $1, w, m, u, t; bad = 1 }
      }
      END {
        check_table()
        if (off_tables && !notes) { printf "%s dec %s: a column off 100 and no note\n", period, dec; bad = 1 }
        exit bad }' t.csv
  done
done
