/* stats_rank.c: rank tests on more than the paired differences (the Wilcoxon rank-sum /
 * Mann-Whitney test of two samples, the Friedman test of k related samples) and the median
 * without a full sort. See stats.h; R means the R sources of src/library/stats/R/
 * wilcox.test.R and friedman.test.R. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "finsam/stats.h"

/* ---- ranks ---- */

typedef struct ranked {
    double v;
    size_t at; /* index in the pooled sample */
} ranked;

static int ranked_cmp(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;
    if (a->v != b->v)
        return (a->v > b->v) - (a->v < b->v);
    return (a->at > b->at) - (a->at < b->at);
}

/* Average ranks (1-based) of v[0..n) into rank[], as R's rank(ties.method = "average");
 * *tie_sum = sum over groups of equal values of t^3 - t. 0 or FS_ERR_MEMORY. */
static fs_error average_ranks(const double *v, size_t n, double *rank, double *tie_sum)
{
    ranked *r = malloc((n ? n : 1) * sizeof *r);
    if (!r)
        return FS_ERR_MEMORY;
    for (size_t i = 0; i < n; i++) {
        r[i].v = v[i];
        r[i].at = i;
    }
    qsort(r, n, sizeof *r, ranked_cmp);
    *tie_sum = 0;
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && r[j].v == r[i].v; j++)
            ;
        double avg = ((double)i + (double)j + 1.0) / 2.0, t = (double)(j - i);
        *tie_sum += t * t * t - t;
        for (size_t q = i; q < j; q++)
            rank[r[q].at] = avg;
    }
    free(r);
    return FS_OK;
}

/* ---- Wilcoxon rank-sum ---- */

#define FS_RANKSUM_EXACT_MAX 49 /* R: exact when n.x < 50 and n.y < 50 */

/* counts[u], u = 0..m*n: the number of ways the statistic U of m against n (no ties) takes
 * the value u, as R's cwilcox. Subsets of size m of the ranks 1..m+n, built up rank by
 * rank: a rank j taken as the s-th smallest of the subset adds j - s to U. Only additions,
 * so the counts are exact up to one rounding each (they exceed 2^53 only near the middle
 * of the distribution, never in the tails that p-values sum). */
static fs_error ranksum_counts(unsigned m, unsigned n, double **out)
{
    size_t w = (size_t)m * n + 1;
    double *dp = calloc((size_t)(m + 1) * w, sizeof *dp);
    if (!dp)
        return FS_ERR_MEMORY;
    dp[0] = 1;
    for (unsigned j = 1; j <= m + n; j++) {
        unsigned top = j < m ? j : m;
        for (unsigned s = top; s >= 1; s--) {
            unsigned add = j - s; /* at most n: j <= s + n for a subset of size m */
            if (add > n)
                continue;
            double *to = dp + (size_t)s * w, *from = dp + (size_t)(s - 1) * w;
            for (size_t u = w - 1 - add + 1; u-- > 0;)
                if (from[u] != 0)
                    to[u + add] += from[u];
        }
    }
    double *c = malloc(w * sizeof *c);
    if (!c) {
        free(dp);
        return FS_ERR_MEMORY;
    }
    memcpy(c, dp + (size_t)m * w, w * sizeof *c);
    free(dp);
    *out = c;
    return FS_OK;
}

/* P(U <= q) (lower) or P(U >= q) (upper) from the counts, summing the tail asked for. */
static double ranksum_tail(const double *c, size_t w, double q, int upper)
{
    double tail = 0, total = 0;
    for (size_t u = 0; u < w; u++) {
        total += c[u];
        if (upper ? (double)u >= q : (double)u <= q)
            tail += c[u];
    }
    return tail / total;
}

fs_error fs_wilcoxon_rank_sum(const double *x, size_t nx, const double *y, size_t ny,
                              fs_alternative alt, fs_ranksum_result *out)
{
    fs_error err;
    double *pool = NULL, *rank = NULL, *counts = NULL, tie_sum = 0, W = 0, p;
    if (!out)
        FS_BUG("fs_wilcoxon_rank_sum: out is NULL");
    if (alt != FS_ALT_TWO_SIDED && alt != FS_ALT_GREATER && alt != FS_ALT_LESS)
        return FS_ERR_RANGE;
    if (nx == 0 || ny == 0)
        return FS_ERR_RANGE;
    for (size_t i = 0; i < nx; i++)
        if (!isfinite(x[i]))
            return FS_ERR_DATA;
    for (size_t i = 0; i < ny; i++)
        if (!isfinite(y[i]))
            return FS_ERR_DATA;
    size_t n = nx + ny;
    pool = malloc(n * sizeof *pool);
    rank = malloc(n * sizeof *rank);
    if (!pool || !rank) {
        err = FS_ERR_MEMORY;
        goto cleanup;
    }
    memcpy(pool, x, nx * sizeof *x);
    memcpy(pool + nx, y, ny * sizeof *y);
    if ((err = average_ranks(pool, n, rank, &tie_sum)) != FS_OK)
        goto cleanup;
    for (size_t i = 0; i < nx; i++)
        W += rank[i];
    double dx = (double)nx, dy = (double)ny;
    W -= dx * (dx + 1) / 2;
    out->W = W;
    if (nx <= FS_RANKSUM_EXACT_MAX && ny <= FS_RANKSUM_EXACT_MAX && tie_sum == 0) {
        size_t w = nx * ny + 1;
        if ((err = ranksum_counts((unsigned)nx, (unsigned)ny, &counts)) != FS_OK)
            goto cleanup;
        double le = ranksum_tail(counts, w, W, 0), ge = ranksum_tail(counts, w, W, 1);
        switch (alt) {
        case FS_ALT_LESS: p = le; break;
        case FS_ALT_GREATER: p = ge; break;
        default: p = 2 * (W > dx * dy / 2 ? ge : le); break;
        }
        out->exact = 1;
    } else {
        double z = W - dx * dy / 2;
        double var = (dx * dy / 12) * ((dx + dy + 1) - tie_sum / ((dx + dy) * (dx + dy - 1)));
        if (!(var > 0)) {
            err = FS_ERR_RANGE;
            goto cleanup;
        }
        double corr = alt == FS_ALT_LESS ? -0.5 : alt == FS_ALT_GREATER ? 0.5
                      : z > 0 ? 0.5 : z < 0 ? -0.5 : 0;
        z = (z - corr) / sqrt(var);
        double lo = gsl_cdf_ugaussian_P(z), hi = gsl_cdf_ugaussian_Q(z);
        p = alt == FS_ALT_LESS ? lo : alt == FS_ALT_GREATER ? hi : 2 * (lo < hi ? lo : hi);
        out->exact = 0;
    }
    if (!isfinite(p)) {
        err = FS_ERR_RANGE;
        goto cleanup;
    }
    out->p_value = p > 1 ? 1 : p < 0 ? 0 : p;
    err = FS_OK;
cleanup:
    free(pool);
    free(rank);
    free(counts);
    return err;
}

/* ---- Friedman ---- */

fs_error fs_friedman(const double *y, size_t n, size_t k, fs_friedman_result *out)
{
    if (!out)
        FS_BUG("fs_friedman: out is NULL");
    if (n < 1 || k < 2)
        return FS_ERR_RANGE;
    for (size_t i = 0; i < n * k; i++)
        if (!isfinite(y[i]))
            return FS_ERR_DATA;
    double *rank = malloc(k * sizeof *rank), *colsum = calloc(k, sizeof *colsum);
    fs_error err = FS_ERR_MEMORY;
    double ties = 0;
    if (!rank || !colsum)
        goto cleanup;
    for (size_t i = 0; i < n; i++) {
        double t;
        if ((err = average_ranks(y + i * k, k, rank, &t)) != FS_OK)
            goto cleanup;
        ties += t;
        for (size_t j = 0; j < k; j++)
            colsum[j] += rank[j];
    }
    double dn = (double)n, dk = (double)k, ss = 0;
    for (size_t j = 0; j < k; j++) {
        double d = colsum[j] - dn * (dk + 1) / 2;
        ss += d * d;
    }
    double denom = dn * dk * (dk + 1) - ties / (dk - 1);
    out->df = (unsigned)(k - 1);
    err = FS_OK;
    if (!(denom > 0)) { /* every block tied throughout: R gives NaN */
        out->statistic = NAN;
        out->p_value = NAN;
        goto cleanup;
    }
    out->statistic = 12 * ss / denom;
    out->p_value = gsl_cdf_chisq_Q(out->statistic, dk - 1);
    if (!isfinite(out->statistic) || !isfinite(out->p_value))
        err = FS_ERR_RANGE;
cleanup:
    free(rank);
    free(colsum);
    return err;
}

/* ---- median ---- */

/* The k-th smallest of v[0..n) (0-based), by selection (Hoare partition around the median
 * of three); v is reordered so that v[0..k) <= v[k] <= v[k+1..n). */
static double select_kth(double *v, size_t n, size_t k)
{
    ptrdiff_t lo = 0, hi = (ptrdiff_t)n - 1, kk = (ptrdiff_t)k;
    while (lo < hi) {
        double a = v[lo], b = v[lo + (hi - lo) / 2], c = v[hi];
        double pivot = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
        ptrdiff_t i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i <= j) {
                double t = v[i];
                v[i++] = v[j];
                v[j--] = t;
            }
        }
        if (kk <= j)
            hi = j;
        else if (kk >= i)
            lo = i;
        else
            return v[kk]; /* between j and i: equal to the pivot */
    }
    return v[kk];
}

double fs_median_inplace(double *v, size_t n)
{
    if (n == 0)
        return NAN;
    size_t count[256] = {0};
    int small = 1;
    for (size_t i = 0; i < n && small; i++) {
        double x = v[i];
        if (x >= 0 && x <= 255 && x == floor(x))
            count[(unsigned)x]++;
        else
            small = 0;
    }
    size_t k = (n - 1) / 2; /* the lower middle; n even: and k + 1 */
    if (small) {
        double lo = NAN, hi = NAN;
        size_t seen = 0;
        for (unsigned x = 0; x < 256; x++) {
            if (!count[x])
                continue;
            if (isnan(lo) && seen + count[x] > k)
                lo = x;
            if (seen + count[x] > k + (n % 2 == 0)) {
                hi = x;
                break;
            }
            seen += count[x];
        }
        return n % 2 ? lo : (lo + hi) / 2;
    }
    double a = select_kth(v, n, k);
    if (n % 2)
        return a;
    double b = v[k + 1];
    for (size_t i = k + 2; i < n; i++) /* the smallest above the lower middle */
        if (v[i] < b)
            b = v[i];
    return (a + b) / 2;
}
