/* kasam.h: KASAM / SOC-13, Antonovsky's sense of coherence (kasam.c). 13 items answered
 * 1-7; items 1, 2, 3, 7 and 10 are reverse-scored (8 - answer); the total is 13-91, higher
 * = a stronger sense of coherence. A form is valid when all 13 are answered; the config may
 * allow up to N missing answers, each replaced by the mean of the person's answered items
 * (the total is then the mean times 13). Both rules are in [kasam]:
 *
 *     [kasam]
 *     reversed = 1, 2, 3, 7, 10
 *     max_missing = 0
 */
#ifndef FINSAM_KASAM_H
#define FINSAM_KASAM_H

#include "finsam/paired.h"

#define FS_KASAM_ITEMS 13

typedef struct fs_kasam_rules {
    int reversed[FS_KASAM_ITEMS]; /* 1: item i (0-based) is reverse-scored */
    unsigned max_missing;         /* 0..12 */
} fs_kasam_rules;
void fs_kasam_rules_default(fs_kasam_rules *r);
/* [kasam] over the defaults; FS_ERR_DATA naming FILE:LINE for an unknown key or a bad value. */
fs_error fs_kasam_rules_from_config(const fs_config *cfg, fs_kasam_rules *r, fs_msg *err);
fs_error fs_kasam_config_check(const fs_config *cfg, fs_msg *err);

/* Reverse-scores the reversed items of q in place (8 - answer), so that every item reads
 * higher = stronger. q must have FS_KASAM_ITEMS items. */
void fs_kasam_reverse(fs_quest *q, const fs_kasam_rules *r);

/* The total of one form (answers already reverse-scored, NAN = missing): 0 and *score, or
 * -1 when more than max_missing answers are missing. */
int fs_kasam_score(const fs_kasam_rules *r, const double *answers, double *score);

typedef struct fs_kasam_summary {
    unsigned linked, valid_both, invalid_start, invalid_exit, imputed;
    fs_paired_item total; /* higher = better, with the Wilcoxon test */
} fs_kasam_summary;
fs_error fs_kasam_summarise(const fs_quest *q, const fs_kasam_rules *r, size_t from, size_t to,
                            int sex, fs_alternative alt, fs_kasam_summary *out);

#endif
