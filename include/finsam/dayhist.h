/* dayhist.h: a histogram of whole-day counts (time in the programme), so that medians and
 * quartiles need counts, not one value per episode. Memory grows with the largest value
 * seen, not with how many values were added. */
#ifndef FINSAM_DAYHIST_H
#define FINSAM_DAYHIST_H

#include <stddef.h>

#include "finsam/error.h"

/* The largest value fs_dayhist_add accepts: dates run 1900..2199 (date.h), about 110,000
 * days apart; this leaves room and keeps one histogram below 8 MB. */
#define FS_DAYHIST_MAX_DAYS 1000000L

typedef struct fs_dayhist {
    unsigned long *count; /* count[d]: how many values equal d, for d < len */
    size_t len;           /* 1 + the largest value added (0 when empty) */
    size_t cap;           /* allocated entries of count */
    unsigned long n;      /* values added */
} fs_dayhist;

/* An empty histogram; a zeroed struct is one too. */
void fs_dayhist_init(fs_dayhist *h);
void fs_dayhist_free(fs_dayhist *h);

/* Adds one value. FS_ERR_RANGE when days < 0 or days > FS_DAYHIST_MAX_DAYS, FS_ERR_MEMORY
 * when the array cannot grow; h is unchanged on error. */
fs_error fs_dayhist_add(fs_dayhist *h, long days);

/* Values in h[0..k) together. */
unsigned long fs_dayhist_n(const fs_dayhist *h, size_t k);

/* The type 7 quantile (R's default) at prob of the values of h[0..k) taken together,
 * exactly as fs_quantile_sorted over those values sorted as doubles: h = (N - 1) * prob,
 * the order statistics at ranks floor(h) and ceil(h), interpolated. NaN when there are no
 * values or prob is not in [0, 1]. */
double fs_dayhist_quantile(const fs_dayhist *h, size_t k, double prob);

#endif
