/* survey.h: single-occasion questionnaires such as the national indicators (Indikatorerna),
 * answered once, often anonymously (survey.c).
 *
 * Per question: the answer categories in their scale order (quest_coding.h: the config's
 * [scales], then the built-in ones, then numbers, else the answers as found), counts and
 * shares of the answers on the scale, "Vet inte" and empty answers counted apart; by sex
 * (women, men) or by period of the answer date (year, half year, quarter), with the total;
 * the share agreeing (the top categories, [survey] agree_top, default 2, at most half the
 * scale) with a Wilson 95 % interval; and a test of the difference between two groups (women
 * and men, or the last two periods): Mann-Whitney (R's wilcox.test(x, y), two-sided) on the
 * scale positions for an ordered scale, Fisher's exact test (R's fisher.test) for an unordered
 * one. */
#ifndef FINSAM_SURVEY_H
#define FINSAM_SURVEY_H

#include "finsam/quest.h"
#include "finsam/table.h"

typedef enum fs_survey_by {
    FS_SURVEY_BY_NONE = 0, FS_SURVEY_BY_YEAR, FS_SURVEY_BY_HALF, FS_SURVEY_BY_QUARTER
} fs_survey_by;
/* "year", "half", "quarter"; FS_ERR_USAGE otherwise. */
fs_error fs_survey_by_parse(const char *s, fs_survey_by *out);

typedef struct fs_survey_rules {
    unsigned agree_top; /* categories counted as agreeing, from the agreeing end (default 2) */
} fs_survey_rules;
/* [survey] agree_top = 1..10 and date = HEADER (read by the questionnaire reader) over the
 * defaults; an unknown key or a bad value is FS_ERR_DATA naming FILE:LINE. */
fs_error fs_survey_rules_from_config(const fs_config *cfg, fs_survey_rules *out, fs_msg *err);
fs_error fs_survey_config_check(const fs_config *cfg, fs_msg *err);

enum { FS_SURVEY_TEST_NONE = 0, FS_SURVEY_TEST_MANN_WHITNEY, FS_SURVEY_TEST_FISHER };

typedef struct fs_survey_item {
    fs_scale scale;
    unsigned long *count;      /* [g * scale.n + c] */
    unsigned long *valid, *dont_know, *missing, *agree; /* per group */
    double *agree_low, *agree_high;  /* Wilson 95 %, NAN without valid answers */
    size_t agree_from, agree_n;      /* the agreeing categories; agree_n 0: none */
    int test;                        /* FS_SURVEY_TEST_* */
    double p_value, W;               /* W: Mann-Whitney only */
    int exact;
} fs_survey_item;

typedef struct fs_survey {
    size_t n_groups;           /* the groups compared, then the total (last) */
    char **group_key, **group_label;
    unsigned long *responses;  /* per group */
    unsigned long no_date;     /* by period: responses without a date (in the total only) */
    unsigned long unknown_sex; /* by sex: responses without a recorded sex (total only) */
    int has_cmp;
    size_t cmp_a, cmp_b;       /* the two groups tested */
    fs_survey_by by;
    int by_sex;
    size_t n_items;
    fs_survey_item *items;
} fs_survey;

/* Summarises q (read with FS_QC_CATEGORY, single) into out (free with fs_survey_free, on
 * failure too). Groups: periods of the answer date when by is set, else women and men when
 * by_sex, else none; always the total. FS_ERR_MEMORY, or FS_ERR_DATA with err set when by is
 * set and the file has no date column. */
fs_error fs_survey_summarise(const fs_quest *q, const fs_scale_set *scales, fs_survey_by by,
                             int by_sex, const fs_survey_rules *r, fs_survey *out, fs_msg *err);
void fs_survey_free(fs_survey *s);

/* The tables: one per question (categories by group, counts and shares), then the share
 * agreeing with its interval and the test per question. A chart per question when the
 * table model offers one. FS_ERR_MEMORY. */
fs_error fs_survey_tables(const fs_survey *s, const fs_quest *q, const char *lang,
                          fs_rounding rounding, int decimals, fs_report *rep);

#endif
