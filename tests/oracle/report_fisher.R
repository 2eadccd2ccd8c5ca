# The comparison of the report's hand-worked example (tests/data/report-compare):
# to work or studies, 2024H1 8 of 12 against 2023H2 3 of 10; approached the labour market,
# 10 of 12 against 4 of 10. Fisher's exact test of each 2 x 2 table, two-sided.
# Run: Rscript tests/oracle/report_fisher.R > tests/oracle/report_fisher.csv
cat("share,this_n,this_of,compare_n,compare_of,p\n")
for (x in list(c("work", 8, 12, 3, 10), c("approached", 10, 12, 4, 10))) {
  a <- as.numeric(x[2]); n <- as.numeric(x[3]); b <- as.numeric(x[4]); m <- as.numeric(x[5])
  p <- fisher.test(matrix(c(a, b, n - a, m - b), 2))$p.value
  cat(sprintf("%s,%d,%d,%d,%d,%.17g\n", x[1], a, n, b, m, p))
}
