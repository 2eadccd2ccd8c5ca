/* stats.c: the statistics of stats.h, matching R's stats package (R 4.x).
 *
 * Conventions used throughout:
 *  - NULL result pointers are programming errors and trigger FS_BUG.
 *  - Arguments outside a function's domain (conf_level not in (0, 1), x > n, a count sum
 *    that overflows) return FS_ERR_RANGE.
 *  - GSL runs with its error handler off (fs_stats_init); every GSL result is checked and
 *    a NaN (or otherwise impossible value) is returned as FS_ERR_RANGE instead of being
 *    propagated.
 * The R behaviour each function reproduces is cited in its comment; "R" below means the R
 * sources of src/library/stats/R/<name>.R and src/nmath/. */
#include "finsam/stats.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>

/* Relative tolerance R uses when comparing probabilities of outcomes (binom.test and the
 * 2 x 2 branch of fisher.test: relErr <- 1 + 10^(-7)). */
#define FS_REL_ERR 1e-7

/* Tolerance of R's FEXACT (fisher.test for tables larger than 2 x 2, src/library/stats/
 * src/fexact.c: "tol = 3.45254e-7"), added to the observed log-probability: tables with
 * log P <= log P(observed) + FS_FEXACT_TOL count as no more likely than the observed. */
#define FS_FEXACT_TOL 3.45254e-7

/* ---------------------------------------------------------------------------------------
 * Small helpers */

/* 1 when v is a usable probability-like result (finite, not NaN). */
static int is_ok(double v)
{
    return isfinite(v);
}

/* Clamps a probability computed in floating point to [0, 1]. */
static double clamp01(double p)
{
    if (p < 0.0)
        return 0.0;
    if (p > 1.0)
        return 1.0;
    return p;
}

/* A Neumaier-compensated sum (Kahan summation that also handles terms larger than the
 * running sum). */
typedef struct ksum {
    double sum, comp;
} ksum;

static void ksum_add(ksum *k, double v)
{
    double t = k->sum + v;
    if (fabs(k->sum) >= fabs(v))
        k->comp += (k->sum - t) + v;
    else
        k->comp += (v - t) + k->sum;
    k->sum = t;
}

static double ksum_value(const ksum *k)
{
    return k->sum + k->comp;
}

/* Validates a confidence level: 0 < conf_level < 1. */
static fs_error check_conf_level(double conf_level)
{
    if (!(conf_level > 0.0 && conf_level < 1.0))
        return FS_ERR_RANGE;
    return FS_OK;
}

/* ---------------------------------------------------------------------------------------
 * Alternatives and initialisation */

/* Parses the alternative hypothesis; R spells two-sided "two.sided", we accept both. */
fs_error fs_alternative_parse(const char *s, fs_alternative *out)
{
    if (!out)
        FS_BUG("fs_alternative_parse: out is NULL");
    if (!s)
        return FS_ERR_USAGE;
    if (strcmp(s, "two-sided") == 0 || strcmp(s, "two.sided") == 0)
        *out = FS_ALT_TWO_SIDED;
    else if (strcmp(s, "greater") == 0)
        *out = FS_ALT_GREATER;
    else if (strcmp(s, "less") == 0)
        *out = FS_ALT_LESS;
    else
        return FS_ERR_USAGE;
    return FS_OK;
}

/* Canonical name of an alternative (R's "two.sided" is spelt "two-sided"). A value outside
 * the enum is a programming error (FS_BUG). */
const char *fs_alternative_name(fs_alternative alt)
{
    switch (alt) {
    case FS_ALT_TWO_SIDED:
        return "two-sided";
    case FS_ALT_GREATER:
        return "greater";
    case FS_ALT_LESS:
        return "less";
    }
    FS_BUG("fs_alternative_name: invalid alternative");
    return "";
}

/* Turns GSL's abort-on-error handler off: GSL functions then return NaN / error codes,
 * which every function below checks. */
void fs_stats_init(void)
{
    gsl_set_error_handler_off();
}

/* ---------------------------------------------------------------------------------------
 * Beta quantiles (Clopper-Pearson) */

/* log of the Beta(a, b) density at q, 0 < q < 1. */
static double beta_log_pdf(double q, double a, double b)
{
    return (a - 1.0) * log(q) + (b - 1.0) * log1p(-q) - gsl_sf_lnbeta(a, b);
}

/* Starting point for beta_quantile: the normal approximation mean +- z sd, or 1/2 when
 * that falls outside (0, 1) (small a or b; the safeguarded iteration copes). */
static double beta_quantile_seed(double prob, double a, double b, int upper)
{
    double mean = a / (a + b);
    double sd = sqrt(a / (a + b) * (b / (a + b)) / (a + b + 1.0));
    double z = gsl_cdf_ugaussian_Pinv(prob);
    double q = upper ? mean - z * sd : mean + z * sd;

    return q > 0.0 && q < 1.0 ? q : 0.5;
}

/* Quantile of Beta(a, b): the q in [0, 1] with P(B <= q) = prob (upper == 0) or
 * P(B > q) = prob (upper == 1), as R's qbeta(prob, a, b, lower.tail = !upper).
 *
 * gsl_cdf_beta_Pinv is not used: it is not accurate to 1e-9 relative for every (a, b) of
 * interest, and for a = b = 2^31 it does not return at all. Instead a safeguarded Newton
 * iteration runs on gsl_cdf_beta_P / gsl_cdf_beta_Q: the root is kept bracketed and a
 * Newton step that leaves the bracket is replaced by bisection. The loop ends when a step
 * no longer changes q or the bracket is a few ulps wide (relative to q), so the answer is
 * as accurate as the CDF itself. Returns FS_ERR_RANGE when GSL produces NaN. */
static fs_error beta_quantile(double prob, double a, double b, int upper, double *out)
{
    double lo = 0.0, hi = 1.0, q;
    int iter;

    if (!(prob > 0.0 && prob < 1.0) || !(a > 0.0) || !(b > 0.0))
        return FS_ERR_RANGE;

    q = beta_quantile_seed(prob, a, b, upper);

    for (iter = 0; iter < 2000; iter++) {
        /* f is increasing in q for both tails once the sign is arranged. */
        double f = upper ? prob - gsl_cdf_beta_Q(q, a, b) : gsl_cdf_beta_P(q, a, b) - prob;
        double next;

        if (isnan(f))
            return FS_ERR_RANGE;
        if (f == 0.0)
            break;
        if (f < 0.0)
            lo = q;
        else
            hi = q;
        if (hi - lo <= 4.0 * DBL_EPSILON * lo || hi - lo <= DBL_MIN)
            break;

        next = q - f / exp(beta_log_pdf(q, a, b));
        if (!(next > lo && next < hi) || isnan(next))
            next = 0.5 * (lo + hi);
        if (next == q)
            break;
        q = next;
    }
    if (!(q >= 0.0 && q <= 1.0))
        return FS_ERR_RANGE;
    *out = q;
    return FS_OK;
}

/* Clopper-Pearson limits as R's binom.test:
 *   p.L(x, alpha) = x == 0 ? 0 : qbeta(alpha, x, n - x + 1)
 *   p.U(x, alpha) = x == n ? 1 : qbeta(1 - alpha, x + 1, n - x)
 * two-sided: [p.L(x, (1 - conf)/2), p.U(x, (1 - conf)/2)];
 * less: [0, p.U(x, 1 - conf)]; greater: [p.L(x, 1 - conf), 1]. n == 0 gives [0, 1]. */
static fs_error clopper_pearson(unsigned x, unsigned n, fs_alternative alt,
                                double conf_level, double *low, double *high)
{
    double alpha = 1.0 - conf_level;
    double lo = 0.0, hi = 1.0;
    fs_error err;

    if (alt == FS_ALT_TWO_SIDED)
        alpha /= 2.0;
    if (n == 0)
        goto done;
    if (alt != FS_ALT_LESS && x > 0) {
        err = beta_quantile(alpha, (double)x, (double)(n - x) + 1.0, 0, &lo);
        if (err != FS_OK)
            return err;
    }
    if (alt != FS_ALT_GREATER && x < n) {
        /* qbeta(1 - alpha, ...) computed as the upper-tail quantile at alpha. */
        err = beta_quantile(alpha, (double)x + 1.0, (double)(n - x), 1, &hi);
        if (err != FS_OK)
            return err;
    }
done:
    *low = lo;
    *high = hi;
    return FS_OK;
}

/* ---------------------------------------------------------------------------------------
 * Binomial, sign and McNemar tests */

/* P(X <= x) for X ~ Binomial(n, 1/2), R's pbinom(x, n, 0.5).
 *
 * gsl_cdf_binomial_P loses accuracy as n grows (relative error 6e-11 at n = 1e5, 7e-10 at
 * n = 1e6, measured against exact rational sums), so the distribution is summed directly:
 * t_i = C(n, i) / C(n, m) relative to the mode m = floor(n/2), by the recurrences
 * t_{i-1} = t_i * i / (n - i + 1) and t_{i+1} = t_i * (n - i) / (i + 1), walking outwards
 * until the terms drop below DBL_MIN (beyond that they cannot change a double). The result
 * is sum_{i <= x} t_i / sum_i t_i: normalising by the computed total makes an accurate value
 * of C(n, m) / 2^n unnecessary, and the rounding error grows only with the number of steps
 * from the mode (about 20 sqrt(n) at most, a few milliseconds for n near UINT_MAX). */
static double binom_half_cdf(unsigned x, unsigned n)
{
    ksum total = { 0.0, 0.0 }, tail = { 0.0, 0.0 };
    unsigned m = n / 2, i;
    double t;

    if (x >= n)
        return 1.0;
    /* The mode and below. */
    for (i = m, t = 1.0;;) {
        ksum_add(&total, t);
        if (i <= x)
            ksum_add(&tail, t);
        if (i == 0)
            break;
        t *= (double)i / ((double)n - (double)i + 1.0);
        i--;
        if (t < DBL_MIN)
            break;
    }
    /* Above the mode. */
    for (i = m, t = 1.0; i < n;) {
        t *= ((double)n - (double)i) / ((double)i + 1.0);
        i++;
        if (t < DBL_MIN)
            break;
        ksum_add(&total, t);
        if (i <= x)
            ksum_add(&tail, t);
    }
    return ksum_value(&tail) / ksum_value(&total);
}

/* p-value of the exact binomial test of x successes in n trials (x <= n) against
 * p = 0.5, as R's binom.test(x, n, 0.5, alternative)$p.value:
 *   less:      P(X <= x)           greater: P(X >= x)
 *   two-sided: min(1, 2 * min(P(X <= x), P(X >= x)))   (R's "outcomes no more likely
 *              than the observed one" rule, which reduces to this for p = 0.5).
 * n == 0 gives 1. The tails come from binom_half_cdf, not GSL, for accuracy at large n. */
static fs_error binom_half_p_value(unsigned x, unsigned n, fs_alternative alt,
                                   double *p_value)
{
    double p_le, p_ge, p;

    if (n == 0) {
        *p_value = 1.0;
        return FS_OK;
    }
    /* P(X >= x) = P(X <= n - x) by symmetry; both tails are summed directly. */
    p_le = binom_half_cdf(x, n);
    p_ge = binom_half_cdf(n - x, n);
    if (!is_ok(p_le) || !is_ok(p_ge))
        return FS_ERR_RANGE;

    switch (alt) {
    case FS_ALT_LESS:
        p = p_le;
        break;
    case FS_ALT_GREATER:
        p = p_ge;
        break;
    case FS_ALT_TWO_SIDED:
        p = 2.0 * (p_le < p_ge ? p_le : p_ge);
        break;
    default:
        return FS_ERR_RANGE;
    }
    *p_value = clamp01(p);
    return FS_OK;
}

/* Exact binomial test against p = 0.5 as R's binom.test(x, n, 0.5, alternative): the
 * p-value of binom_half_p_value and the Clopper-Pearson interval of clopper_pearson()
 * (one-sided for one-sided alternatives). n == 0: p = 1, [0, 1]. */
fs_error fs_binom_test(unsigned x, unsigned n, fs_alternative alt, double conf_level,
                       fs_binom_result *out)
{
    fs_error err;

    if (!out)
        FS_BUG("fs_binom_test: out is NULL");
    if (x > n)
        return FS_ERR_RANGE;
    err = check_conf_level(conf_level);
    if (err != FS_OK)
        return err;

    out->x = x;
    out->n = n;
    err = binom_half_p_value(x, n, alt, &out->p_value);
    if (err != FS_OK)
        return err;
    return clopper_pearson(x, n, alt, conf_level, &out->ci_low, &out->ci_high);
}

/* Exact sign test: binom.test(better, better + worse, 0.5, alternative). */
fs_error fs_sign_test(unsigned worse, unsigned better, fs_alternative alt, double conf_level,
                      fs_binom_result *out)
{
    if (!out)
        FS_BUG("fs_sign_test: out is NULL");
    if (worse > UINT_MAX - better)
        return FS_ERR_RANGE;
    return fs_binom_test(better, worse + better, alt, conf_level, out);
}

fs_error fs_sign_test_p(unsigned worse, unsigned better, fs_alternative alt, double *p)
{
    if (!p)
        FS_BUG("fs_sign_test_p: p is NULL");
    if (worse > UINT_MAX - better)
        return FS_ERR_RANGE;
    if (alt != FS_ALT_TWO_SIDED && alt != FS_ALT_GREATER && alt != FS_ALT_LESS)
        return FS_ERR_RANGE;
    return binom_half_p_value(better, worse + better, alt, p);
}

/* McNemar's test as R's mcnemar.test(x, correct = TRUE) for a 2 x 2 table with
 * discordant cells b and c:
 *   STATISTIC = (|b - c| - YATES)^2 / (b + c), YATES = 1 if b != c else 0,
 *   p = pchisq(STATISTIC, 1, lower.tail = FALSE);
 * p_exact = binom.test(c, b + c)$p.value (two-sided).
 * b + c == 0 (R: NaN) is defined here as chisq_cc = 0, p_chisq_cc = 1, p_exact = 1. */
fs_error fs_mcnemar(unsigned b, unsigned c, fs_mcnemar_result *out)
{
    double diff, stat, p, p_exact;
    fs_error err;

    if (!out)
        FS_BUG("fs_mcnemar: out is NULL");
    if (b > UINT_MAX - c)
        return FS_ERR_RANGE;
    if (b + c == 0) {
        out->chisq_cc = 0.0;
        out->p_chisq_cc = 1.0;
        out->p_exact = 1.0;
        return FS_OK;
    }

    diff = fabs((double)b - (double)c);
    if (b != c)
        diff -= 1.0;
    stat = diff * diff / ((double)b + (double)c);
    p = gsl_cdf_chisq_Q(stat, 1.0);
    if (!is_ok(p))
        return FS_ERR_RANGE;

    err = binom_half_p_value(c, b + c, FS_ALT_TWO_SIDED, &p_exact);
    if (err != FS_OK)
        return err;

    out->chisq_cc = stat;
    out->p_chisq_cc = clamp01(p);
    out->p_exact = p_exact;
    return FS_OK;
}

/* ---------------------------------------------------------------------------------------
 * Wilcoxon signed-rank test */

/* One non-zero difference: its absolute value and whether it was positive. */
typedef struct abs_diff {
    double abs;
    int positive;
} abs_diff;

/* qsort comparator on |d|. */
static int abs_diff_cmp(const void *pa, const void *pb)
{
    const abs_diff *a = pa, *b = pb;
    return (a->abs > b->abs) - (a->abs < b->abs);
}

/* One group of equal |d| at positions i..j-1 (0-based) of the ranking, pos of them positive:
 * adds their average rank (i + j + 1) / 2 to *V once per positive one, and t^3 - t (t = j - i)
 * to *tie_sum when tied. Exact: half-integers and their sums stay below 2^53. */
static void rank_group(size_t i, size_t j, size_t pos, double *V, double *tie_sum, int *ties)
{
    double rank = ((double)i + (double)j + 1.0) / 2.0, t = (double)(j - i);
    if (j - i > 1) {
        *ties = 1;
        *tie_sum += t * t * t - t;
    }
    *V += rank * (double)pos;
}

/* Largest n for which the exact signed-rank distribution is used (R: n < 50). */
#define FS_SIGNRANK_EXACT_MAX 49
#define FS_SIGNRANK_MAX_SUM (FS_SIGNRANK_EXACT_MAX * (FS_SIGNRANK_EXACT_MAX + 1) / 2)

/* P(V <= v) for the null distribution of the signed-rank statistic V with n ranks, as R's
 * psignrank(v, n): counts[s] = number of subsets of {1..n} with sum s (by dynamic
 * programming; every count is an integer below 2^49, exact in a double), summed over the
 * smaller tail and scaled by 2^-n, so the result is exact up to one rounding. */
static double psignrank_le(double v, unsigned n)
{
    double counts[FS_SIGNRANK_MAX_SUM + 1];
    unsigned max_sum = n * (n + 1) / 2, i, s;
    double tail = 0.0;
    long u;

    v = floor(v + 1e-7);
    if (v < 0.0)
        return 0.0;
    if (v >= (double)max_sum)
        return 1.0;
    u = (long)v;

    memset(counts, 0, sizeof counts);
    counts[0] = 1.0;
    for (i = 1; i <= n; i++)
        for (s = i * (i + 1) / 2; s >= i; s--)
            counts[s] += counts[s - i];

    if (2 * u <= (long)max_sum) {
        for (s = 0; s <= (unsigned)u; s++)
            tail += counts[s];
        return ldexp(tail, -(int)n);
    }
    /* Upper half: P(V <= u) = 1 - P(V >= u + 1) = 1 - P(V <= max_sum - u - 1). */
    for (s = 0; s < max_sum - (unsigned)u; s++)
        tail += counts[s];
    return 1.0 - ldexp(tail, -(int)n);
}

/* Wilcoxon signed-rank test as R's wilcox.test(d, mu = 0, alternative, exact = NULL,
 * correct = TRUE):
 *   zeros are dropped; r = average ranks of |d|; V = sum of r over positive d;
 *   exact when n < 50 and no ties and no zeros:
 *     less: P(V' <= V); greater: P(V' >= V);
 *     two-sided: min(1, 2 * (V > n(n+1)/4 ? P(V' >= V) : P(V' <= V)));
 *   otherwise z = V - n(n+1)/4,
 *     sigma = sqrt(n(n+1)(2n+1)/24 - sum(t^3 - t)/48) over tie groups of size t,
 *     correction = two-sided: sign(z) * 0.5, greater: 0.5, less: -0.5,
 *     z = (z - correction) / sigma, p from the standard normal
 *     (two-sided: 2 * min(P(Z <= z), P(Z >= z))).
 * Non-finite differences return FS_ERR_DATA (R silently drops them). When every difference
 * is zero (n_used == 0), R has nothing to test; here V = 0, p = 1, exact = 0. */
fs_error fs_wilcoxon_signed_rank(const double *d, size_t n, fs_alternative alt,
                                 fs_wilcoxon_result *out)
{
    abs_diff *items = NULL;
    size_t m = 0, i, j;
    int zeros = 0, ties = 0;
    double V = 0.0, tie_sum = 0.0, nd, p;
    fs_error err = FS_OK;

    if (!out)
        FS_BUG("fs_wilcoxon_signed_rank: out is NULL");
    if (n > 0 && !d)
        FS_BUG("fs_wilcoxon_signed_rank: d is NULL");
    if (alt != FS_ALT_TWO_SIDED && alt != FS_ALT_GREATER && alt != FS_ALT_LESS)
        return FS_ERR_RANGE;
    for (i = 0; i < n; i++) {
        if (!isfinite(d[i]))
            return FS_ERR_DATA;
    }

    out->n_used = 0;
    out->V = 0.0;
    out->p_value = 1.0;
    out->exact = 0;
    if (n == 0)
        return FS_OK;

    /* Differences of answers on a scale: |d| whole numbers up to 255, ranked by counting. */
    size_t count[256] = {0}, positive[256] = {0};
    int small = 1;
    for (i = 0; i < n; i++) {
        double a = fabs(d[i]);
        if (d[i] == 0.0)
            zeros = 1;
        else if (a <= 255 && a == floor(a)) {
            count[(unsigned)a]++;
            positive[(unsigned)a] += d[i] > 0.0;
            m++;
        } else
            small = 0;
    }
    if (small) {
        size_t at = 0; /* differences ranked so far */
        for (unsigned a = 1; a < 256; a++) {
            if (count[a])
                rank_group(at, at + count[a], positive[a], &V, &tie_sum, &ties);
            at += count[a];
        }
    } else { /* otherwise by sorting */
        items = malloc(n * sizeof *items);
        if (!items) {
            err = FS_ERR_MEMORY;
            goto cleanup;
        }
        for (m = 0, i = 0; i < n; i++) {
            if (d[i] == 0.0)
                continue;
            items[m].abs = fabs(d[i]);
            items[m].positive = d[i] > 0.0;
            m++;
        }
        qsort(items, m, sizeof *items, abs_diff_cmp);
        for (i = 0; i < m; i = j) {
            size_t pos = items[i].positive;
            for (j = i + 1; j < m && items[j].abs == items[i].abs; j++)
                pos += items[j].positive;
            rank_group(i, j, pos, &V, &tie_sum, &ties);
        }
    }
    if (m == 0)
        goto cleanup;

    nd = (double)m;
    out->n_used = m;
    out->V = V;
    if (m <= FS_SIGNRANK_EXACT_MAX && !ties && !zeros) {
        unsigned nu = (unsigned)m;
        /* P(V' >= V) = P(V' <= n(n+1)/2 - V) by symmetry; this avoids 1 - (near 1). */
        double p_le = psignrank_le(V, nu);
        double p_ge = psignrank_le((double)(nu * (nu + 1) / 2) - V, nu);

        switch (alt) {
        case FS_ALT_LESS:
            p = p_le;
            break;
        case FS_ALT_GREATER:
            p = p_ge;
            break;
        default:
            p = 2.0 * (V > nd * (nd + 1.0) / 4.0 ? p_ge : p_le);
            break;
        }
        out->exact = 1;
    } else {
        double z = V - nd * (nd + 1.0) / 4.0;
        double var = nd * (nd + 1.0) * (2.0 * nd + 1.0) / 24.0 - tie_sum / 48.0;
        double correction;

        if (!(var > 0.0)) {
            err = FS_ERR_RANGE;
            goto cleanup;
        }
        switch (alt) {
        case FS_ALT_LESS:
            correction = -0.5;
            break;
        case FS_ALT_GREATER:
            correction = 0.5;
            break;
        default:
            correction = z > 0.0 ? 0.5 : (z < 0.0 ? -0.5 : 0.0);
            break;
        }
        z = (z - correction) / sqrt(var);
        switch (alt) {
        case FS_ALT_LESS:
            p = gsl_cdf_ugaussian_P(z);
            break;
        case FS_ALT_GREATER:
            p = gsl_cdf_ugaussian_Q(z);
            break;
        default: {
            double lower = gsl_cdf_ugaussian_P(z), upper_tail = gsl_cdf_ugaussian_Q(z);
            p = 2.0 * (lower < upper_tail ? lower : upper_tail);
            break;
        }
        }
        out->exact = 0;
    }
    if (!is_ok(p)) {
        err = FS_ERR_RANGE;
        goto cleanup;
    }
    out->p_value = clamp01(p);

cleanup:
    free(items);
    return err;
}

/* ---------------------------------------------------------------------------------------
 * Proportion intervals */

/* Wilson score interval as R's prop.test(x, n, correct = FALSE)$conf.int (k == 1 branch):
 *   z = qnorm((1 + conf)/2), z22n = z^2/(2n), p = x/n,
 *   high = p >= 1 ? 1 : (p + z22n + z sqrt(p(1-p)/n + z22n/(2n))) / (1 + 2 z22n),
 *   low  = p <= 0 ? 0 : (p + z22n - z sqrt(p(1-p)/n + z22n/(2n))) / (1 + 2 z22n),
 * clipped to [0, 1]. n == 0 (R: error) is defined as [0, 1]. */
fs_error fs_wilson_ci(unsigned x, unsigned n, double conf_level, double *low, double *high)
{
    double z, z22n, p, root, lo, hi;
    fs_error err;

    if (!low || !high)
        FS_BUG("fs_wilson_ci: NULL result pointer");
    if (x > n)
        return FS_ERR_RANGE;
    err = check_conf_level(conf_level);
    if (err != FS_OK)
        return err;
    if (n == 0) {
        *low = 0.0;
        *high = 1.0;
        return FS_OK;
    }

    z = gsl_cdf_ugaussian_Pinv((1.0 + conf_level) / 2.0);
    if (!is_ok(z))
        return FS_ERR_RANGE;
    z22n = z * z / (2.0 * n);
    p = (double)x / (double)n;
    root = z * sqrt(p * (1.0 - p) / n + z22n / (2.0 * n));
    hi = p >= 1.0 ? 1.0 : (p + z22n + root) / (1.0 + 2.0 * z22n);
    lo = p <= 0.0 ? 0.0 : (p + z22n - root) / (1.0 + 2.0 * z22n);
    if (!is_ok(lo) || !is_ok(hi))
        return FS_ERR_RANGE;
    *low = lo > 0.0 ? lo : 0.0;
    *high = hi < 1.0 ? hi : 1.0;
    return FS_OK;
}

/* Two-sided Clopper-Pearson interval as R's binom.test(x, n, conf.level)$conf.int. */
fs_error fs_clopper_pearson_ci(unsigned x, unsigned n, double conf_level, double *low,
                               double *high)
{
    fs_error err;

    if (!low || !high)
        FS_BUG("fs_clopper_pearson_ci: NULL result pointer");
    if (x > n)
        return FS_ERR_RANGE;
    err = check_conf_level(conf_level);
    if (err != FS_OK)
        return err;
    return clopper_pearson(x, n, FS_ALT_TWO_SIDED, conf_level, low, high);
}

/* ---------------------------------------------------------------------------------------
 * 2 x k tables */

/* A 2 x k table with its empty columns removed. */
typedef struct table2 {
    size_t k;          /* non-empty columns */
    unsigned *a, *b;   /* the two rows, k counts each */
    double row_a, row_b, total;
} table2;

/* Copies the non-empty columns of row1/row2 into t (t->a, t->b allocated here, freed by
 * table2_free). FS_ERR_RANGE when fewer than 2 columns remain or a row is empty. */
static fs_error table2_init(const unsigned *row1, const unsigned *row2, size_t k, table2 *t)
{
    size_t i;

    memset(t, 0, sizeof *t);
    if (k > 0 && (!row1 || !row2))
        FS_BUG("2 x k table: NULL row");
    if (k > SIZE_MAX / sizeof *t->a)
        return FS_ERR_RANGE;
    t->a = malloc((k ? k : 1) * sizeof *t->a);
    t->b = malloc((k ? k : 1) * sizeof *t->b);
    if (!t->a || !t->b)
        return FS_ERR_MEMORY;
    for (i = 0; i < k; i++) {
        if (row1[i] == 0 && row2[i] == 0)
            continue;
        t->a[t->k] = row1[i];
        t->b[t->k] = row2[i];
        t->row_a += row1[i];
        t->row_b += row2[i];
        t->k++;
    }
    t->total = t->row_a + t->row_b;
    if (t->k < 2 || t->row_a == 0.0 || t->row_b == 0.0)
        return FS_ERR_RANGE;
    return FS_OK;
}

static void table2_free(table2 *t)
{
    free(t->a);
    free(t->b);
    t->a = t->b = NULL;
}

/* Pearson's chi-square test as R's chisq.test(tab, correct = FALSE) for a 2 x k table
 * (empty columns dropped): E = row total * column total / N,
 * statistic = sum (O - E)^2 / E, df = k' - 1, p = pchisq(statistic, df, lower = FALSE). */
fs_error fs_chisq_2xk(const unsigned *row1, const unsigned *row2, size_t k,
                      fs_chisq_result *out)
{
    table2 t;
    double stat = 0.0, p;
    size_t j;
    fs_error err;

    if (!out)
        FS_BUG("fs_chisq_2xk: out is NULL");
    err = table2_init(row1, row2, k, &t);
    if (err != FS_OK)
        goto cleanup;
    if (t.k - 1 > UINT_MAX) {
        err = FS_ERR_RANGE;
        goto cleanup;
    }

    for (j = 0; j < t.k; j++) {
        double col = (double)t.a[j] + (double)t.b[j];
        double ea = t.row_a * col / t.total, eb = t.row_b * col / t.total;
        double da = (double)t.a[j] - ea, db = (double)t.b[j] - eb;
        stat += da * da / ea + db * db / eb;
    }
    p = gsl_cdf_chisq_Q(stat, (double)(t.k - 1));
    if (!is_ok(stat) || !is_ok(p)) {
        err = FS_ERR_RANGE;
        goto cleanup;
    }
    out->statistic = stat;
    out->df = (unsigned)(t.k - 1);
    out->p_value = clamp01(p);

cleanup:
    table2_free(&t);
    return err;
}

/* Work budget of the Fisher enumeration. The per-(column, sum) tables have
 * (k + 1) x (r + 1) cells of three doubles, at most FS_FISHER_MAX_CELLS. The search runs
 * at most twice: first with a small tabulated tail (cheap to build; enough for most
 * tables) and a small node budget, then, if that budget runs out, with a large tail and
 * the full budget. A tail is an upper bound on its entries (two doubles each). Beyond the
 * cells or the second node budget fs_fisher_2xk returns FS_ERR_RANGE. */
#define FS_FISHER_MAX_CELLS ((size_t)1 << 21)
#define FS_FISHER_SMALL_TAIL ((size_t)1 << 16)
#define FS_FISHER_SMALL_NODES 2000000UL
#define FS_FISHER_MAX_TAIL ((size_t)1 << 21)
#define FS_FISHER_MAX_NODES 20000000UL

/* Slack (in log-probability) applied before trusting a bound to prune: the max bound is
 * a running sum of logs and may be off by rounding. Pruning is only ever made more
 * conservative by it; leaves are always decided exactly. */
#define FS_FISHER_PRUNE_SLACK 1e-6

/* State of the Fisher enumeration. "x_j" is the count of the smaller row in column j, so a
 * table is a vector x with 0 <= x_j <= col_j and sum x_j = r. Its probability is
 * prod C(col_j, x_j) / C(N, r); all work is on L(x) = sum lnchoose(col_j, x_j).
 *
 * Columns 0..m-1 are searched depth first with pruning (fisher_visit). Columns m..k-1, the
 * "tail", are tabulated once (meet in the middle): for every tail sum s, the sorted list of
 * tail L values and their cumulative probability mass, so that a search path reaching
 * column m with s units left is completed by one binary search instead of a subtree. */
typedef struct fisher_ctx {
    size_t k;
    const unsigned *col;   /* column totals, k */
    unsigned r;            /* total of the smaller row */
    unsigned *suffix;      /* suffix[j] = col[j] + ... + col[k-1]; suffix[k] = 0 */
    double **lnc;          /* lnc[j][x] = lnchoose(col[j], x), 0 <= x <= min(col[j], r) */
    double *max_rest;      /* [j * (r+1) + s]: max of L over columns j.. with sum s */
    double *min_rest;      /* likewise the min */
    double *lnmass;        /* [j * (r+1) + s]: lnchoose(suffix[j], s), the log of the total
                            * mass of the completions (Vandermonde) */
    size_t m;              /* first tail column, 1 <= m <= k - 1 */
    size_t *tail_start;    /* r + 2 offsets: tail vectors with sum s are entries
                            * tail_start[s] .. tail_start[s + 1] - 1 */
    size_t *tail_pos;      /* r + 1 fill cursors */
    double *tail_L;        /* L over columns m.. of each tail vector, ascending per s */
    double *tail_cum;      /* running sum of exp(L - lnmass[m][s]) per s, same order */
    double threshold;      /* tables with L <= threshold count as "no more likely" */
    double ln_total;       /* lnchoose(N, r) */
    ksum sum;              /* compensated sum of the probabilities found */
    unsigned long nodes;   /* search nodes visited in this attempt */
    unsigned long budget;  /* ... and allowed */
    int over_budget;
} fisher_ctx;

/* Adds the probability of some tables to the p-value. */
static void fisher_add(fisher_ctx *ctx, double v)
{
    ksum_add(&ctx->sum, v);
}

/* Counts of the smaller row that fit column j: at most min(col[j], s), at least
 * what the later columns cannot hold. */
static unsigned fisher_x_min(const fisher_ctx *ctx, size_t j, unsigned s)
{
    return s > ctx->suffix[j + 1] ? s - ctx->suffix[j + 1] : 0;
}

static unsigned fisher_x_max(const fisher_ctx *ctx, size_t j, unsigned s)
{
    return ctx->col[j] < s ? ctx->col[j] : s;
}

/* Fills max_rest by merging per-column marginal gains. lnchoose(c, x) is concave in x, so
 * the best way to place s units in columns j.. takes the s largest marginal gains
 * g(c, x) = ln((c - x) / (x + 1)) (greedy allocation is optimal for separable concave
 * sums); the gains of columns j.. are the sorted merge of column j's decreasing gains and
 * those of columns j+1... `gains` and `tmp` hold r values each. */
static void fisher_fill_max(fisher_ctx *ctx, double *gains, double *tmp)
{
    size_t stride = (size_t)ctx->r + 1, n_gains = 0, s;
    size_t j = ctx->k;

    for (s = 0; s < (ctx->k + 1) * stride; s++)
        ctx->max_rest[s] = -INFINITY;   /* infeasible sums; never visited */
    ctx->max_rest[ctx->k * stride] = 0.0;
    while (j-- > 0) {
        unsigned c = ctx->col[j], x = 0;
        size_t g = 0, n_new = 0;
        double acc = 0.0;

        while (n_new < ctx->r && (x < c || g < n_gains)) {
            double own = x < c ? log((double)(c - x) / ((double)x + 1.0)) : -INFINITY;
            if (g < n_gains && gains[g] > own)
                tmp[n_new++] = gains[g++];
            else {
                tmp[n_new++] = own;
                x++;
            }
        }
        memcpy(gains, tmp, n_new * sizeof *gains);
        n_gains = n_new;
        ctx->max_rest[j * stride] = 0.0;
        for (s = 1; s <= n_gains; s++) {
            acc += gains[s - 1];
            ctx->max_rest[j * stride + s] = acc;
        }
    }
}

/* Fills min_rest. A concave function on the polytope {0 <= x_i <= c_i, sum x_i = s}
 * attains its minimum at a vertex, where every coordinate but at most one sits at a bound
 * (0 or c_i, both contributing lnchoose = 0); vertices are integral, so this is also the
 * minimum over tables. Recursively, with column j either at a bound (0 or col[j]) or the
 * free one while all later columns are at bounds (their sum t is then a subset sum of
 * col[j+1..]):
 *   min_rest[j][s] = min(min_rest[j+1][s], min_rest[j+1][s - col[j]],
 *                        min over subset sums t of lnchoose(col[j], s - t)),
 * and since lnchoose(c, y) is unimodal in y the last minimum is at the smallest or largest
 * feasible y, found from the nearest subset sums below and above. `reach` (r + 1 bytes)
 * marks subset sums, `below`/`above` (r + 1 each) are scratch. */
static void fisher_fill_min(fisher_ctx *ctx, unsigned char *reach, long *below, long *above)
{
    size_t stride = (size_t)ctx->r + 1;
    unsigned r = ctx->r, s, v;
    size_t j = ctx->k, cell;

    memset(reach, 0, stride);
    reach[0] = 1;
    for (cell = 0; cell < (ctx->k + 1) * stride; cell++)
        ctx->min_rest[cell] = INFINITY;   /* infeasible sums; never visited */
    ctx->min_rest[ctx->k * stride] = 0.0;
    while (j-- > 0) {
        unsigned c = ctx->col[j];
        unsigned s_max = ctx->suffix[j] < r ? ctx->suffix[j] : r;
        double *cur = ctx->min_rest + j * stride, *next = cur + stride;
        long last = -1;

        /* Nearest subset sums of columns j+1.. below and above each value. */
        for (v = 0; v <= r; v++) {
            if (reach[v])
                last = v;
            below[v] = last;
        }
        last = -1;
        for (v = r + 1; v-- > 0;) {
            if (reach[v])
                last = v;
            above[v] = last;
        }

        for (s = 0; s <= s_max; s++) {
            double best = INFINITY;
            unsigned lo_t = s > c ? s - c : 0;  /* t = s - y with 0 <= y <= c */

            if (s <= ctx->suffix[j + 1] && next[s] < best)
                best = next[s];
            if (s >= c && s - c <= ctx->suffix[j + 1] && next[s - c] < best)
                best = next[s - c];
            if (below[s] >= (long)lo_t) {
                double v1 = ctx->lnc[j][s - (unsigned)below[s]];
                if (v1 < best)
                    best = v1;
            }
            if (above[lo_t] >= 0 && above[lo_t] <= (long)s) {
                double v2 = ctx->lnc[j][s - (unsigned)above[lo_t]];
                if (v2 < best)
                    best = v2;
            }
            cur[s] = best;
        }

        /* Subset sums of columns j..: add col[j] (descending so each is used once). */
        if (c <= r) {
            for (v = r + 1; v-- > c;)
                if (reach[v - c])
                    reach[v] = 1;
        }
    }
}

/* qsort comparator for doubles (no NaN here). */
static int double_cmp(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return (a > b) - (a < b);
}

/* Size of a full enumeration of columns [from, to) ignoring the sum constraint:
 * prod (min(col, r) + 1), as a double (it may be astronomically large). */
static double fisher_span(const fisher_ctx *ctx, size_t from, size_t to)
{
    double size = 1.0;
    size_t j;

    for (j = from; j < to; j++)
        size *= (double)(ctx->col[j] < ctx->r ? ctx->col[j] : ctx->r) + 1.0;
    return size;
}

/* Chooses the split m: the searched head (columns 0..m-1) and the tabulated tail
 * (m..k-1) balanced so that the larger of their unpruned sizes is smallest, with the tail
 * no larger than max_tail entries. m = k - 1 (a one-column tail of at most r + 1 entries)
 * is always allowed. */
static size_t fisher_choose_split(const fisher_ctx *ctx, size_t max_tail)
{
    size_t best = ctx->k - 1, m;
    double best_cost = INFINITY;

    for (m = ctx->k - 1; m >= 1; m--) {
        double head = fisher_span(ctx, 0, m), tail = fisher_span(ctx, m, ctx->k);
        double cost = head > tail ? head : tail;

        if (m < ctx->k - 1 && tail > (double)max_tail)
            break;   /* the tail only grows as m decreases */
        if (cost < best_cost) {
            best_cost = cost;
            best = m;
        }
    }
    return best;
}

/* Walks every tail vector (columns j.. with running sum s <= r and running L) and either
 * counts it in tail_pos[sum] (fill == 0) or stores its L at tail_pos[sum]++ (fill == 1).
 * L is accumulated from column m on, in column order. */
static void fisher_tail_walk(fisher_ctx *ctx, size_t j, unsigned s, double L, int fill)
{
    unsigned x;

    if (j == ctx->k) {
        if (fill)
            ctx->tail_L[ctx->tail_pos[s]] = L;
        ctx->tail_pos[s]++;
        return;
    }
    for (x = 0; x <= ctx->col[j] && x <= ctx->r - s; x++)
        fisher_tail_walk(ctx, j + 1, s + x, L + ctx->lnc[j][x], fill);
}

/* Fills lnmass[j][s] = lnchoose(suffix[j], s) for every feasible (j, s); the search adds
 * exp(acc + lnmass - ln_total) for a whole subtree. FS_ERR_RANGE if GSL fails. */
static fs_error fisher_fill_mass(fisher_ctx *ctx)
{
    size_t stride = (size_t)ctx->r + 1, j;
    unsigned s;

    for (j = 0; j <= ctx->k; j++) {
        unsigned s_max = ctx->suffix[j] < ctx->r ? ctx->suffix[j] : ctx->r;
        for (s = 0; s <= ctx->r; s++) {
            double v = s <= s_max ? gsl_sf_lnchoose(ctx->suffix[j], s) : -INFINITY;
            if (s <= s_max && !is_ok(v))
                return FS_ERR_RANGE;
            ctx->lnmass[j * stride + s] = v;   /* -inf: infeasible, never visited */
        }
    }
    return FS_OK;
}

/* Builds the tail tables of fisher_ctx for the split ctx->m. */
static fs_error fisher_tail_build(fisher_ctx *ctx)
{
    size_t stride = (size_t)ctx->r + 1, total, i;
    const double *lnmass = ctx->lnmass + ctx->m * stride;
    unsigned s;

    ctx->tail_start = malloc((stride + 1) * sizeof *ctx->tail_start);
    ctx->tail_pos = calloc(stride, sizeof *ctx->tail_pos);
    if (!ctx->tail_start || !ctx->tail_pos)
        return FS_ERR_MEMORY;

    fisher_tail_walk(ctx, ctx->m, 0, 0.0, 0);
    ctx->tail_start[0] = 0;
    for (s = 0; s <= ctx->r; s++) {
        ctx->tail_start[s + 1] = ctx->tail_start[s] + ctx->tail_pos[s];
        ctx->tail_pos[s] = ctx->tail_start[s];
    }
    total = ctx->tail_start[stride];
    ctx->tail_L = malloc((total ? total : 1) * sizeof *ctx->tail_L);
    ctx->tail_cum = malloc((total ? total : 1) * sizeof *ctx->tail_cum);
    if (!ctx->tail_L || !ctx->tail_cum)
        return FS_ERR_MEMORY;
    fisher_tail_walk(ctx, ctx->m, 0, 0.0, 1);

    for (s = 0; s <= ctx->r; s++) {
        size_t lo = ctx->tail_start[s], hi = ctx->tail_start[s + 1];
        double run = 0.0;

        if (lo == hi)
            continue;   /* s > suffix[m]: unreachable */
        if (hi - lo > 1)
            qsort(ctx->tail_L + lo, hi - lo, sizeof *ctx->tail_L, double_cmp);
        /* Ascending L: the small terms are summed first. */
        for (i = lo; i < hi; i++) {
            run += exp(ctx->tail_L[i] - lnmass[s]);
            ctx->tail_cum[i] = run;
        }
    }
    return FS_OK;
}

/* Completes a search path that reaches column m with s units left and L so far acc: adds
 * the mass of the tail vectors v with acc + L(v) <= threshold (a prefix of the sorted
 * list, found by binary search on that very predicate). */
static void fisher_tail_lookup(fisher_ctx *ctx, unsigned s, double acc)
{
    size_t lo = ctx->tail_start[s], hi = ctx->tail_start[s + 1], first = lo;
    double lnmass = ctx->lnmass[ctx->m * ((size_t)ctx->r + 1) + s];

    /* Find the first entry in [lo, hi) with acc + L > threshold. */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (acc + ctx->tail_L[mid] <= ctx->threshold)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > first)
        fisher_add(ctx, exp(acc + lnmass - ctx->ln_total) * ctx->tail_cum[lo - 1]);
}

/* Visits all completions of columns j.. holding s units, the earlier columns having
 * contributed acc to L. Adds the probability of every completed table with
 * L <= threshold, pruning whole subtrees by max_rest / min_rest; the total probability of
 * a subtree is C(suffix[j], s) / C(N, r) (Vandermonde: the sum over completions of
 * prod C(col_i, x_i) is C(sum col_i, s)). At column m the tail table finishes the path. */
static void fisher_visit(fisher_ctx *ctx, size_t j, unsigned s, double acc)
{
    size_t stride = (size_t)ctx->r + 1;
    unsigned x, x_lo, x_hi;

    if (ctx->over_budget)
        return;
    if (++ctx->nodes > ctx->budget) {
        ctx->over_budget = 1;
        return;
    }
    if (acc + ctx->max_rest[j * stride + s] + FS_FISHER_PRUNE_SLACK <= ctx->threshold) {
        fisher_add(ctx, exp(acc + ctx->lnmass[j * stride + s] - ctx->ln_total));
        return;
    }
    if (acc + ctx->min_rest[j * stride + s] - FS_FISHER_PRUNE_SLACK > ctx->threshold)
        return;
    if (j == ctx->m) {
        fisher_tail_lookup(ctx, s, acc);
        return;
    }

    x_lo = fisher_x_min(ctx, j, s);
    x_hi = fisher_x_max(ctx, j, s);
    for (x = x_lo; x <= x_hi && !ctx->over_budget; x++)
        fisher_visit(ctx, j + 1, s - x, acc + ctx->lnc[j][x]);
}

/* Frees the tail tables of one attempt. */
static void fisher_tail_free(fisher_ctx *ctx)
{
    free(ctx->tail_start);
    free(ctx->tail_pos);
    free(ctx->tail_L);
    free(ctx->tail_cum);
    ctx->tail_start = ctx->tail_pos = NULL;
    ctx->tail_L = ctx->tail_cum = NULL;
}

/* One attempt of the enumeration with a tail of at most max_tail entries and at most
 * budget search nodes; x_obs is the observed table and log_tol the tolerance of "no more
 * likely". Leaves the p-value in ctx->sum. FS_ERR_RANGE when the budget runs out. */
static fs_error fisher_attempt(fisher_ctx *ctx, const unsigned *x_obs, double log_tol,
                               size_t max_tail, unsigned long budget)
{
    double L_head = 0.0, L_tail = 0.0;
    size_t j;
    fs_error err;

    fisher_tail_free(ctx);
    ctx->m = fisher_choose_split(ctx, max_tail);
    /* The observed L, accumulated exactly as fisher_visit and the tail lookup do (head
     * and tail summed separately, then added), so that the observed table compares equal
     * to itself bit for bit. */
    for (j = 0; j < ctx->m; j++)
        L_head += ctx->lnc[j][x_obs[j]];
    for (j = ctx->m; j < ctx->k; j++)
        L_tail += ctx->lnc[j][x_obs[j]];
    ctx->threshold = (L_head + L_tail) + log_tol;
    ctx->sum.sum = ctx->sum.comp = 0.0;
    ctx->nodes = 0;
    ctx->budget = budget;
    ctx->over_budget = 0;

    err = fisher_tail_build(ctx);
    if (err != FS_OK)
        return err;
    fisher_visit(ctx, 0, ctx->r, 0.0);
    return ctx->over_budget ? FS_ERR_RANGE : FS_OK;
}

/* Fisher's exact test for a 2 x k table as R's fisher.test(tab) (two-sided):
 * p = sum of P(table) over all tables with the observed margins that are no more likely
 * than the observed one, P hypergeometric. "No more likely" follows R exactly:
 *   2 non-empty columns (R's 2 x 2 code): P(table) <= P(observed) * (1 + 1e-7);
 *   more columns (R's FEXACT):            P(table) <= P(observed) * exp(3.45254e-7).
 * (The second differs from the 1e-7 that stats.h states; the oracle contains a table where
 * that matters at the 6e-7 level.) Enumerated by fisher_visit with bound-based pruning and
 * a tabulated tail, in at most two attempts (see FS_FISHER_MAX_NODES); FS_ERR_RANGE when
 * that work budget runs out or more than FS_FISHER_MAX_CELLS table cells would be needed
 * (and, as for chi-square, when fewer than 2 non-empty columns or an empty row). Empty columns are dropped before deciding
 * between the two rules ("as if absent"; R would use FEXACT for a 2 x 3 table with an
 * empty column). */
fs_error fs_fisher_2xk(const unsigned *row1, const unsigned *row2, size_t k, double *p_value)
{
    table2 t;
    fisher_ctx ctx;
    unsigned *col = NULL, *x_obs;
    double *gains = NULL, *tmp = NULL;
    unsigned char *reach = NULL;
    long *below = NULL, *above = NULL;
    double log_tol;
    size_t j, stride, cells;
    fs_error err;

    if (!p_value)
        FS_BUG("fs_fisher_2xk: p_value is NULL");
    memset(&ctx, 0, sizeof ctx);
    err = table2_init(row1, row2, k, &t);
    if (err != FS_OK)
        goto cleanup;
    if (t.total > (double)UINT_MAX) {
        err = FS_ERR_RANGE;
        goto cleanup;
    }

    /* Enumerate the smaller row: fewer units to place, smaller bound tables. */
    x_obs = t.row_a <= t.row_b ? t.a : t.b;
    ctx.k = t.k;
    ctx.r = (unsigned)(t.row_a <= t.row_b ? t.row_a : t.row_b);
    stride = (size_t)ctx.r + 1;
    if (stride > FS_FISHER_MAX_CELLS / (t.k + 1)) {
        err = FS_ERR_RANGE;
        goto cleanup;
    }
    cells = (t.k + 1) * stride;

    col = malloc(t.k * sizeof *col);
    ctx.suffix = malloc((t.k + 1) * sizeof *ctx.suffix);
    ctx.lnc = calloc(t.k, sizeof *ctx.lnc);
    ctx.max_rest = malloc(cells * sizeof *ctx.max_rest);
    ctx.min_rest = malloc(cells * sizeof *ctx.min_rest);
    ctx.lnmass = malloc(cells * sizeof *ctx.lnmass);
    gains = malloc(stride * sizeof *gains);
    tmp = malloc(stride * sizeof *tmp);
    reach = malloc(stride);
    below = malloc(stride * sizeof *below);
    above = malloc(stride * sizeof *above);
    if (!col || !ctx.suffix || !ctx.lnc || !ctx.max_rest || !ctx.min_rest || !ctx.lnmass
        || !gains || !tmp || !reach || !below || !above) {
        err = FS_ERR_MEMORY;
        goto cleanup;
    }
    ctx.col = col;
    ctx.suffix[t.k] = 0;
    for (j = t.k; j-- > 0;) {
        col[j] = t.a[j] + t.b[j];
        ctx.suffix[j] = ctx.suffix[j + 1] + col[j];
    }
    for (j = 0; j < t.k; j++) {
        unsigned top = col[j] < ctx.r ? col[j] : ctx.r, x;
        ctx.lnc[j] = malloc(((size_t)top + 1) * sizeof **ctx.lnc);
        if (!ctx.lnc[j]) {
            err = FS_ERR_MEMORY;
            goto cleanup;
        }
        for (x = 0; x <= top; x++) {
            ctx.lnc[j][x] = gsl_sf_lnchoose(col[j], x);
            if (!is_ok(ctx.lnc[j][x])) {
                err = FS_ERR_RANGE;
                goto cleanup;
            }
        }
    }
    ctx.ln_total = gsl_sf_lnchoose((unsigned)t.total, ctx.r);
    if (!is_ok(ctx.ln_total)) {
        err = FS_ERR_RANGE;
        goto cleanup;
    }

    fisher_fill_max(&ctx, gains, tmp);
    fisher_fill_min(&ctx, reach, below, above);
    err = fisher_fill_mass(&ctx);
    if (err != FS_OK)
        goto cleanup;
    log_tol = t.k == 2 ? log1p(FS_REL_ERR) : FS_FEXACT_TOL;
    err = fisher_attempt(&ctx, x_obs, log_tol, FS_FISHER_SMALL_TAIL, FS_FISHER_SMALL_NODES);
    if (err == FS_ERR_RANGE)
        err = fisher_attempt(&ctx, x_obs, log_tol, FS_FISHER_MAX_TAIL, FS_FISHER_MAX_NODES);
    if (err != FS_OK)
        goto cleanup;
    if (!is_ok(ksum_value(&ctx.sum))) {
        err = FS_ERR_RANGE;
        goto cleanup;
    }
    *p_value = clamp01(ksum_value(&ctx.sum));

cleanup:
    if (ctx.lnc) {
        for (j = 0; j < t.k; j++)
            free(ctx.lnc[j]);
    }
    free(ctx.lnc);
    free(ctx.suffix);
    free(ctx.max_rest);
    free(ctx.min_rest);
    fisher_tail_free(&ctx);
    free(ctx.lnmass);
    free(col);
    free(gains);
    free(tmp);
    free(reach);
    free(below);
    free(above);
    table2_free(&t);
    return err;
}

/* ---------------------------------------------------------------------------------------
 * Quantiles */

/* Quantile of sorted[0..n-1] as R's quantile(x, prob, type = 7):
 * h = (n - 1) * prob, lo = floor(h), hi = ceil(h),
 * q = x[lo] if x[hi] == x[lo] or h == lo, else (1 - (h - lo)) * x[lo] + (h - lo) * x[hi].
 * Returns NaN when n == 0, sorted is NULL, or prob is not in [0, 1]. */
double fs_quantile_sorted(const double *sorted, size_t n, double prob)
{
    double h, frac;
    size_t lo, hi;

    if (n == 0 || !sorted || !(prob >= 0.0 && prob <= 1.0))
        return NAN;
    h = (double)(n - 1) * prob;
    lo = (size_t)floor(h);
    hi = (size_t)ceil(h);
    if (hi >= n)
        hi = n - 1;
    if (lo > hi)
        lo = hi;
    frac = h - (double)lo;
    if (!(frac > 0.0) || sorted[hi] == sorted[lo])
        return sorted[lo];
    return (1.0 - frac) * sorted[lo] + frac * sorted[hi];
}
