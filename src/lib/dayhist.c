#include "finsam/dayhist.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void fs_dayhist_init(fs_dayhist *h)
{
    memset(h, 0, sizeof *h);
}

void fs_dayhist_free(fs_dayhist *h)
{
    free(h->count);
    fs_dayhist_init(h);
}

fs_error fs_dayhist_add(fs_dayhist *h, long days)
{
    if (days < 0 || days > FS_DAYHIST_MAX_DAYS)
        return FS_ERR_RANGE;
    size_t d = (size_t)days;
    if (d >= h->cap) {
        /* Doubling keeps the number of reallocations logarithmic when values arrive in
         * increasing order; a single outlier gets exactly what it needs. */
        size_t cap = h->cap ? 2 * h->cap : 256;
        if (cap < d + 1)
            cap = d + 1;
        unsigned long *p = realloc(h->count, cap * sizeof *p);
        if (!p)
            return FS_ERR_MEMORY;
        memset(p + h->cap, 0, (cap - h->cap) * sizeof *p);
        h->count = p;
        h->cap = cap;
    }
    h->count[d]++;
    if (d >= h->len)
        h->len = d + 1;
    h->n++;
    return FS_OK;
}

unsigned long fs_dayhist_n(const fs_dayhist *h, size_t k)
{
    unsigned long n = 0;
    for (size_t i = 0; i < k; i++)
        n += h[i].n;
    return n;
}

/* The values at 0-based ranks lo <= hi of h[0..k) sorted, into *x_lo and *x_hi. The ranks
 * are below the number of values. */
static void order_stats(const fs_dayhist *h, size_t k, size_t lo, size_t hi, double *x_lo,
                        double *x_hi)
{
    size_t len = 0, cum = 0;
    int have_lo = 0;
    for (size_t i = 0; i < k; i++)
        if (h[i].len > len)
            len = h[i].len;
    for (size_t d = 0; d < len; d++) {
        for (size_t i = 0; i < k; i++)
            if (d < h[i].len)
                cum += h[i].count[d];
        /* cum values are <= d: rank r is d when cum > r */
        if (!have_lo && cum > lo) {
            *x_lo = (double)d;
            have_lo = 1;
        }
        if (cum > hi) {
            *x_hi = (double)d;
            return;
        }
    }
    FS_BUG("dayhist: rank beyond the values");
}

double fs_dayhist_quantile(const fs_dayhist *h, size_t k, double prob)
{
    /* The same arithmetic as fs_quantile_sorted (stats.c), step by step, so that the result
     * is the same double. */
    size_t n = fs_dayhist_n(h, k);
    double hh, frac, x_lo = 0.0, x_hi = 0.0;
    size_t lo, hi;

    if (n == 0 || !(prob >= 0.0 && prob <= 1.0))
        return NAN;
    hh = (double)(n - 1) * prob;
    lo = (size_t)floor(hh);
    hi = (size_t)ceil(hh);
    if (hi >= n)
        hi = n - 1;
    if (lo > hi)
        lo = hi;
    frac = hh - (double)lo;
    order_stats(h, k, lo, hi, &x_lo, &x_hi);
    if (!(frac > 0.0) || x_hi == x_lo)
        return x_lo;
    return (1.0 - frac) * x_lo + frac * x_hi;
}
