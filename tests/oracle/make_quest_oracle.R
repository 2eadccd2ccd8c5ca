# make_quest_oracle.R: reference values from R for the questionnaire statistics, written into
# tests/oracle/ beside this script. The tests read the CSV files; they never need R.
#
#   Rscript tests/oracle/make_quest_oracle.R        (from the top of the tree, or anywhere)
#
# Files (17 significant digits, "." decimal point, "," between fields, lists space-separated):
#   rank_sum.csv     x, y, alternative, W, p_value, method
#                    wilcox.test(x, y, alternative) with R's defaults: exact when both samples
#                    are under 50 and there are no ties, else the normal approximation with
#                    continuity and tie correction ("exact" or "normal-cc")
#   friedman.csv     rows (blocks separated by "|", a block's values by spaces), statistic,
#                    df, p_value: friedman.test(matrix) (blocks = persons, groups = occasions)
#   wilson.csv       x, n, conf_level, low, high: prop.test(x, n, conf.level,
#                    correct = FALSE)$conf.int (the share improved: better of the linked)
# The samples are drawn with set.seed() so that a rerun gives the same files.
args <- commandArgs(trailingOnly = FALSE)
me <- sub("^--file=", "", args[grep("^--file=", args)])
out <- if (length(me)) dirname(normalizePath(me)) else "tests/oracle"
fmt <- function(v) sprintf("%.17g", v)
lst <- function(v) paste(fmt(v), collapse = " ")
set.seed(20240612)

## ---- Wilcoxon rank-sum (Mann-Whitney), two samples ----
rs <- list()
add_rs <- function(x, y) {
  for (alt in c("two.sided", "less", "greater")) {
    t <- suppressWarnings(wilcox.test(x, y, alternative = alt))
    exact <- length(x) < 50 && length(y) < 50 && length(unique(c(x, y))) == length(c(x, y))
    rs[[length(rs) + 1]] <<- data.frame(x = lst(x), y = lst(y), alternative = alt,
                                        W = fmt(unname(t$statistic)), p_value = fmt(t$p.value),
                                        method = if (exact) "exact" else "normal-cc")
  }
}
# exact: distinct values, small and up to 49 each
add_rs(c(1.5, 3.2, 4.8), c(2.1, 5.5, 6.0, 7.3))
add_rs(c(10, 11, 12, 13, 14), c(1, 2, 3, 4, 5))
add_rs(c(0.3), c(0.1, 0.2))
for (k in 1:6) {
  nx <- sample(2:49, 1); ny <- sample(2:49, 1)
  v <- sample(1:100000, nx + ny) / 7
  add_rs(v[1:nx], v[(nx + 1):(nx + ny)] + (k - 3))
}
add_rs(sample(1:1000, 49) / 3, sample(1:1000, 49) / 3 + 0.001)
# normal approximation: ties (answer codes on a 4- or 5-point scale), or 50 and more
add_rs(c(1, 2, 2, 3, 4), c(2, 3, 3, 4, 4, 4))
add_rs(sample(1:4, 20, TRUE), sample(1:4, 25, TRUE))
add_rs(sample(1:5, 60, TRUE), sample(2:5, 45, TRUE))
add_rs(sample(1:10, 120, TRUE), sample(1:10, 80, TRUE))
add_rs(rnorm(55), rnorm(60) + 0.4)
add_rs(c(1, 1, 1, 2), c(2, 2, 2, 2, 2))
# the exit survey of tests/cli/survey (year against year), codes 1 = Instämmer helt .. 4
add_rs(c(1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4),
       c(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4))
write.csv(do.call(rbind, rs), file.path(out, "rank_sum.csv"), row.names = FALSE, quote = FALSE)

## ---- Friedman ----
fr <- list()
add_fr <- function(m) {
  t <- friedman.test(m)
  rows <- paste(apply(m, 1, lst), collapse = "|")
  fr[[length(fr) + 1]] <<- data.frame(rows = rows, statistic = fmt(unname(t$statistic)),
                                      df = unname(t$parameter), p_value = fmt(t$p.value))
}
add_fr(matrix(c(1, 2, 3, 2, 3, 1, 3, 1, 2, 1, 3, 2), ncol = 3, byrow = TRUE))
add_fr(matrix(c(4, 5, 7, 3, 5, 6, 5, 5, 8, 2, 4, 4, 6, 6, 6), ncol = 3, byrow = TRUE))
add_fr(matrix(c(1, 2, 2, 1), ncol = 2, byrow = TRUE))
add_fr(matrix(sample(1:10, 3 * 40, TRUE), ncol = 3))
add_fr(matrix(sample(1:4, 4 * 25, TRUE), ncol = 4))
add_fr(matrix(rnorm(5 * 30), ncol = 5))
add_fr(matrix(sample(1:7, 3 * 200, TRUE), ncol = 3))
# the three-occasion file of tests/cli/paired/three-occasions, item Ork (persons with all three)
add_fr(matrix(c(3, 5, 6, 4, 4, 7, 2, 3, 5, 5, 6, 6, 6, 5, 8), ncol = 3, byrow = TRUE))
write.csv(do.call(rbind, fr), file.path(out, "friedman.csv"), row.names = FALSE, quote = FALSE)

## ---- Wilson (share improved) ----
wl <- list()
for (n in c(1, 2, 5, 10, 23, 45, 96, 100, 297, 1000)) {
  for (x in unique(round(c(0, 1, n / 3, n / 2, 0.7 * n, n - 1, n)))) {
    if (x < 0 || x > n) next
    for (cl in c(0.95, 0.9, 0.99)) {
      ci <- suppressWarnings(prop.test(x, n, conf.level = cl, correct = FALSE))$conf.int
      wl[[length(wl) + 1]] <- data.frame(x = x, n = n, conf_level = cl, low = fmt(ci[1]),
                                         high = fmt(ci[2]))
    }
  }
}
wl[[length(wl) + 1]] <- data.frame(x = 21, n = 96, conf_level = 0.95,
  low = fmt(suppressWarnings(prop.test(21, 96, correct = FALSE))$conf.int[1]),
  high = fmt(suppressWarnings(prop.test(21, 96, correct = FALSE))$conf.int[2]))
write.csv(suppressWarnings(do.call(rbind, wl)), file.path(out, "wilson.csv"), row.names = FALSE,
          quote = FALSE)
cat("wrote rank_sum.csv, friedman.csv and wilson.csv to", out, "with", R.version.string, "\n")
