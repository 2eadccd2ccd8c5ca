/* stats.h: the statistics finsam-stats reports, matching R's stats package.
 *
 * Every function returns FS_OK or an fs_error and never prints. Results are written to
 * caller-owned structs. p-values follow R (see each function). GSL supplies the
 * distributions; fs_stats_init() must be called once before use (it turns off GSL's
 * abort-on-error handler so that every failure is returned as a value). */
#ifndef FINSAM_STATS_H
#define FINSAM_STATS_H

#include <stddef.h>

#include "finsam/error.h"

typedef enum fs_alternative {
    FS_ALT_TWO_SIDED = 0,
    FS_ALT_GREATER,   /* P(success) > 0.5: for a sign test, improvement more likely */
    FS_ALT_LESS
} fs_alternative;

/* Parses "two-sided"/"two.sided"/"greater"/"less"; returns FS_ERR_USAGE otherwise. */
fs_error fs_alternative_parse(const char *s, fs_alternative *out);
/* "two-sided", "greater" or "less"; static, do not free. */
const char *fs_alternative_name(fs_alternative alt);

void fs_stats_init(void);

/* Exact binomial test of x successes in n trials against p = 0.5, as R's
 * binom.test(x, n, 0.5, alternative). Two-sided p = min(1, 2 * min(P(X <= x), P(X >= x))).
 * The interval is Clopper-Pearson at conf_level for P(success), one-sided for one-sided
 * alternatives, as R. n == 0 is defined: p = 1, interval [0, 1]. */
typedef struct fs_binom_result {
    unsigned x, n;
    double p_value;
    double ci_low, ci_high;
} fs_binom_result;
fs_error fs_binom_test(unsigned x, unsigned n, fs_alternative alt, double conf_level,
                       fs_binom_result *out);

/* Exact sign test: binom.test(better, better + worse, 0.5, alt). Ties are not passed in. */
/* The p-value of fs_sign_test alone, without its interval (the questionnaire tables show
 * none; the interval's beta quantiles cost most of the test). */
fs_error fs_sign_test_p(unsigned worse, unsigned better, fs_alternative alt, double *p);
fs_error fs_sign_test(unsigned worse, unsigned better, fs_alternative alt, double conf_level,
                      fs_binom_result *out);

/* McNemar for paired yes/no: b = yes->no, c = no->yes discordant pairs.
 * chisq_cc and p_chisq_cc as R's mcnemar.test(correct = TRUE) (no correction when b == c);
 * p_exact = binom.test(c, b + c)$p.value. b + c == 0: statistic NaN-free, p = 1. */
typedef struct fs_mcnemar_result {
    double chisq_cc, p_chisq_cc, p_exact;
} fs_mcnemar_result;
fs_error fs_mcnemar(unsigned b, unsigned c, fs_mcnemar_result *out);

/* Wilcoxon signed-rank test on differences d[0..n-1] (after - before), as R's
 * wilcox.test(d, mu = 0, alternative) with defaults: zeros dropped; exact distribution when
 * the remaining n_used < 50 and there are no ties and no zeros; otherwise the normal
 * approximation with continuity and tie correction. V = sum of ranks of positive d. */
typedef struct fs_wilcoxon_result {
    size_t n_used;   /* non-zero differences */
    double V;
    double p_value;
    int exact;       /* 1 exact, 0 normal approximation with continuity correction */
} fs_wilcoxon_result;
fs_error fs_wilcoxon_signed_rank(const double *d, size_t n, fs_alternative alt,
                                 fs_wilcoxon_result *out);

/* Two-sided intervals for a proportion x/n at conf_level. Wilson as
 * prop.test(x, n, correct = FALSE)$conf.int; Clopper-Pearson as binom.test(x, n)$conf.int. */
fs_error fs_wilson_ci(unsigned x, unsigned n, double conf_level, double *low, double *high);
fs_error fs_clopper_pearson_ci(unsigned x, unsigned n, double conf_level, double *low,
                               double *high);

/* A 2 x k contingency table given as two rows of k counts. Columns whose total is 0 are
 * ignored (as if absent). Pearson chi-square without continuity correction as
 * chisq.test(tab, correct = FALSE): statistic, df = k' - 1, p. Fisher's exact test as
 * fisher.test(tab): p = sum of P(table) over tables with the same margins that are no more
 * likely than the observed one, with R's tolerance: P <= P(observed) * (1 + 1e-7) when two
 * non-empty columns remain (R's 2 x 2 code), log P <= log P(observed) + 3.45254e-7 for more
 * (R's FEXACT). Fisher returns FS_ERR_RANGE when the table is too large to enumerate within
 * a fixed work budget (the caller then reports chi-square only).
 * Both return FS_ERR_RANGE when fewer than 2 non-empty columns or an empty row. */
typedef struct fs_chisq_result {
    double statistic;
    unsigned df;
    double p_value;
} fs_chisq_result;
fs_error fs_chisq_2xk(const unsigned *row1, const unsigned *row2, size_t k,
                      fs_chisq_result *out);
fs_error fs_fisher_2xk(const unsigned *row1, const unsigned *row2, size_t k, double *p_value);

/* Quantile of sorted[0..n-1] at probability prob, R's default type 7; NaN when n == 0 or
 * prob is outside [0, 1]. */
double fs_quantile_sorted(const double *sorted, size_t n, double prob);

/* ---- rank tests and medians (stats_rank.c) ---- */

/* Wilcoxon rank-sum (Mann-Whitney) test of x[0..nx) against y[0..ny), as R's
 * wilcox.test(x, y, alternative) with its defaults (mu = 0, exact = NULL, correct = TRUE):
 * W = sum of the ranks of x in the pooled sample (average ranks for ties) - nx(nx+1)/2;
 * exact distribution when nx < 50 and ny < 50 and there are no ties; otherwise the normal
 * approximation with continuity correction and the tie correction of the variance.
 * greater: x tends to be larger than y. Non-finite values are FS_ERR_DATA; an empty sample
 * is FS_ERR_RANGE (R: "not enough observations"); every value equal (zero variance in the
 * normal approximation) is FS_ERR_RANGE (R: NaN). */
typedef struct fs_ranksum_result {
    double W;
    double p_value;
    int exact; /* 1 exact, 0 normal approximation */
} fs_ranksum_result;
fs_error fs_wilcoxon_rank_sum(const double *x, size_t nx, const double *y, size_t ny,
                              fs_alternative alt, fs_ranksum_result *out);

/* Friedman rank-sum test as R's friedman.test(y) on an n x k matrix y (row-major: y[i * k +
 * j] is block i, group j; blocks are persons, groups occasions): ranks within each block
 * (average ranks for ties), statistic = 12 sum_j (R_j - n(k+1)/2)^2 / (n k (k+1) -
 * sum(t^3 - t) / (k - 1)), df = k - 1, p from the chi-square distribution. n >= 1, k >= 2,
 * else FS_ERR_RANGE; non-finite values FS_ERR_DATA. When every block is tied throughout
 * (R: NaN), statistic and p_value are NaN and FS_OK is returned: there is nothing to test. */
typedef struct fs_friedman_result {
    double statistic;
    unsigned df;
    double p_value;
} fs_friedman_result;
fs_error fs_friedman(const double *y, size_t n, size_t k, fs_friedman_result *out);

/* The median of v[0..n) as R's median() (the mean of the two middle values for even n),
 * by counting when every value is a whole number in 0..255 (questionnaire answers) and by
 * selection otherwise: no full sort. Reorders v. NaN when n == 0. */
double fs_median_inplace(double *v, size_t n);

#endif
