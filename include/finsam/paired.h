/* paired.h: paired summaries of questionnaire items between two occasions, the Friedman test
 * over every occasion, and the share improved (paired.c). The building blocks of every
 * questionnaire command that compares occasions. */
#ifndef FINSAM_PAIRED_H
#define FINSAM_PAIRED_H

#include <stddef.h>

#include "finsam/quest.h"
#include "finsam/stats.h"

/* A paired item summary over the linked participants answering at both occasions.
 * better/worse follow higher_is_better; the sign test is fs_sign_test(worse, better, alt);
 * the Wilcoxon test (when asked) runs on the differences oriented so that positive = better.
 * With no linked answers (n == 0) nothing is tested: has_test is 0 and every p-value and
 * interval is NAN (never p = 1). With every pair unchanged the sign test has nothing to
 * weigh and gives p = 1, as R's binom.test(0, 0). The shares better and worse of the n
 * linked answers come with Wilson 95 % intervals (prop.test(x, n, correct = FALSE)). */
typedef struct fs_paired_item {
    unsigned n, worse, unchanged, better;
    unsigned missing;   /* linked participants without an answer at start or exit (or both) */
    double median_start, median_end, mean_start, mean_end; /* NAN when n == 0 */
    int has_test;
    fs_binom_result sign;
    int has_wilcoxon;
    fs_wilcoxon_result wilcoxon;
    double better_low, better_high, worse_low, worse_high; /* Wilson 95 %, NAN when n == 0 */
} fs_paired_item;

/* Paired summary of start values s[i] and exit values e[i], i < n (missing pairs already
 * removed). s and e are not changed. */
fs_error fs_paired_summary(const double *s, const double *e, size_t n, int higher_is_better,
                           fs_alternative alt, int wilcoxon, fs_paired_item *out);

/* fs_paired_summary of item between occasions from and to over the participants of sex (or
 * all). */
fs_error fs_quest_paired(const fs_quest *q, size_t item, size_t from, size_t to, int sex,
                         int higher_is_better, fs_alternative alt, int wilcoxon,
                         fs_paired_item *out);

/* fs_quest_paired of every item, out[0 .. q->n_items), from one pass over the answers (a
 * pass per item reads every answer row once for each item). Holds the pairs of all items at
 * once: 16 bytes per linked participant and item. */
fs_error fs_quest_paired_items(const fs_quest *q, size_t from, size_t to, int sex,
                               int higher_is_better, fs_alternative alt, int wilcoxon,
                               fs_paired_item *out);

/* Per item, over the participants of sex (or all) linked between from and to: n[i] with an
 * answer at both occasions, missing[i] without one at either (the n and missing of
 * fs_quest_paired). n and missing hold q->n_items each. One pass over the answers. */
void fs_quest_paired_counts(const fs_quest *q, size_t from, size_t to, int sex, unsigned *n,
                            unsigned *missing);

/* An item over every occasion: the participants of sex answering it at all of them, their
 * median and mean per occasion, and the Friedman test (R's friedman.test) when n >= 1 and
 * there are at least two occasions; p NAN (has_test 0) otherwise or when every answer of
 * each person is the same throughout. */
typedef struct fs_occasions_item {
    unsigned n;
    double median[FS_QUEST_MAX_OCC], mean[FS_QUEST_MAX_OCC];
    int has_test;
    fs_friedman_result friedman;
} fs_occasions_item;
fs_error fs_quest_occasions(const fs_quest *q, size_t item, int sex, fs_occasions_item *out);

#endif
