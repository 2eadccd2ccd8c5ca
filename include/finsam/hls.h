/* hls.h: HLS-EU-Q16 / Q6 health literacy scoring (hls.c). Answers are coded 1-4, 4 = very
 * easy (quest_coding.h). */
#ifndef FINSAM_HLS_H
#define FINSAM_HLS_H

#include "finsam/paired.h"

typedef enum fs_hls_version { FS_HLS_NONE = 0, FS_HLS_Q16, FS_HLS_Q6 } fs_hls_version;
fs_error fs_hls_version_parse(const char *s, fs_hls_version *out); /* "q16", "q6" */

enum { FS_HLS_INADEQUATE = 0, FS_HLS_PROBLEMATIC, FS_HLS_SUFFICIENT, FS_HLS_N_CATEGORIES };

/* Validity and thresholds (finsam-stats-hls(1)): Q16 score = number of answers fairly or very easy,
 * valid with >= 14 answered, <= 8 inadequate, <= 12 problematic, else sufficient. Q6 score =
 * mean of the 1-4 codes, valid with >= 5 answered, <= 2 inadequate, <= 3 problematic, else
 * sufficient. */
typedef struct fs_hls_rules {
    unsigned min_answered;
    double inadequate_max, problematic_max;
} fs_hls_rules;
void fs_hls_rules_default(fs_hls_version v, fs_hls_rules *out);
/* Reads [hls] q16_min_answered, q16_inadequate_max, q16_problematic_max (q6_ likewise) from
 * cfg over the defaults; a bad or unknown key, or a value out of range (min_answered 1..16
 * for q16, 1..6 for q6; thresholds 0..16 and 0..4), is FS_ERR_DATA naming FILE:LINE. */
fs_error fs_hls_rules_from_config(const fs_config *cfg, fs_hls_version v, fs_hls_rules *out,
                                  fs_msg *err);
/* Checks the [hls] section (an fs_config_check_fn) as fs_hls_rules_from_config reads it,
 * for both versions whichever one a run uses. Defined in quest_config.c. */
fs_error fs_hls_config_check(const fs_config *cfg, fs_msg *err);

/* Score of one answer set (codes 1-4, NAN = missing). Returns 0 and sets *score, or -1 when
 * too few answers. */
int fs_hls_score(fs_hls_version v, const fs_hls_rules *r, const double *answers, size_t n,
                 double *score);
int fs_hls_category(const fs_hls_rules *r, double score);

typedef struct fs_hls_summary {
    unsigned linked;          /* linked participants of the selection */
    unsigned valid_both;      /* with a valid score at both occasions */
    unsigned invalid_start, invalid_exit; /* of the linked: too few answers */
    unsigned cat[2][FS_HLS_N_CATEGORIES]; /* [0] from, [1] to */
    fs_paired_item score;     /* paired score (higher = better) */
    fs_paired_item category;  /* paired category change */
} fs_hls_summary;
fs_error fs_hls_summarise(const fs_quest *q, fs_hls_version v, const fs_hls_rules *r,
                          size_t from, size_t to, int sex, fs_alternative alt,
                          fs_hls_summary *out);

#endif
