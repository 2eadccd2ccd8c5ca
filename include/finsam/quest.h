/* quest.h: questionnaires answered at start and at exit, linked by participant id.
 *
 * Input is one file in long form (an id column, an occasion column Tillfälle/Mättillfälle
 * whose values are Start/Avslut, Före/Efter, Inskrivning/Utskrivning or 1/2, then one column
 * per item) or two files (the first the start, the second the exit). The id column is
 * Deltagar-ID or one of its aliases (or [columns] id of the config); a personnummer column may
 * be the key instead: it is kept in memory only and never appears in a message or an output.
 * When the id values themselves look like personnummer, the file is treated as keyed by
 * personnummer too (pnr_key): ids are then never printed. A Kön column gives each
 * participant's sex. Items are the other columns in file order, or those chosen by name; the
 * id, occasion, sex and personnummer columns are never items, and an item column holding a
 * value shaped like a personnummer is an error naming FILE:LINE:COLUMN (not the value).
 *
 * Every value from the data that a message or an output echoes (ids, answers, headers) goes
 * through fs_safe_text (pnr.h): item_label is the header made safe.
 *
 * Answers are coded to numbers as they are read (see fs_quest_coding); a value that cannot be
 * coded, or lies outside the scale, is an error naming FILE:LINE:COLUMN. Missing answers
 * (empty, or "Vet inte") are counted per item and occasion, never dropped silently.
 *
 * Nothing here prints. Everything a command reports (counts, what was unmatched or missing)
 * is returned as data. */
#ifndef FINSAM_QUEST_H
#define FINSAM_QUEST_H

#include <stddef.h>

#include "finsam/category.h"
#include "finsam/config.h"
#include "finsam/csv.h"
#include "finsam/error.h"
#include "finsam/stats.h"

enum { FS_OCC_START = 0, FS_OCC_EXIT = 1, FS_OCC_N = 2 };

typedef enum fs_quest_coding {
    FS_QC_NUMERIC = 0,  /* numbers (decimal point or comma); "Vet inte" = missing */
    FS_QC_HLS_TEXT,     /* Mycket svårt 1, Ganska svårt 2, Ganska lätt 3, Mycket lätt 4;
                           Vet inte = missing; numbers are an error */
    FS_QC_HLS_EASY_HIGH,/* text as above, or numbers 1..4 with 4 = very easy */
    FS_QC_HLS_EASY_LOW, /* text as above, or numbers 1..4 with 1 = very easy (stored as 5 - x) */
    FS_QC_OGQ,          /* response types (text or codes 1-4), stored as a gap indicator:
                           1 does and wants, 4 neither -> 0; 2 does not but wants,
                           3 does but does not want -> 1 */
    FS_QC_OGQ_GAP       /* a 0/1 gap indicator (1 = gap) */
} fs_quest_coding;

typedef struct fs_quest_options {
    fs_csv_options csv;
    const fs_config *config;   /* may be NULL: [columns] id / personnummer / sex */
    fs_quest_coding coding;
    int has_scale;             /* numeric answers must lie in [scale_min, scale_max] */
    double scale_min, scale_max;
    const char *const *items;  /* NULL: every other column; else headers (matched folded) or
                                  their keys; two naming the same column are an error */
    size_t n_items;
    int refuse_pnr_key;        /* a questionnaire keyed by personnummer is FS_ERR_DATA, found
                                  as early as possible: at the header, or at the first id
                                  shaped like a personnummer (before the rest is read) */
} fs_quest_options;

typedef struct fs_quest_person {
    char *id;             /* the key; a personnummer when pnr_key, never to be printed */
    fs_sex sex;
    int has[FS_OCC_N];
    unsigned long line[FS_OCC_N];
    double *v[FS_OCC_N];  /* n_items answers each, NAN = missing; NULL when !has */
} fs_quest_person;

typedef struct fs_quest {
    size_t n_items;
    char **item_label;    /* headers as written, through fs_safe_text: safe to print */
    char **item_key;      /* fs_slug of the label, made unique */
    char **item_header;   /* private: headers as written (matching the second file); never print */
    fs_quest_person *p;
    size_t n_persons;
    int pnr_key;          /* the key is a personnummer: do not print ids */
    int has_sex_column;
    const char *occasion_label[FS_OCC_N]; /* values seen ("Start"/"Avslut", ...); static */
    unsigned long rows[FS_OCC_N];          /* answer rows per occasion */
    unsigned long *missing[FS_OCC_N];      /* per item: empty answers */
    unsigned long *dont_know[FS_OCC_N];    /* per item: "Vet inte" */
    unsigned long empty_rows;              /* rows entirely empty, skipped */
    void *index;          /* private: the ids (an fs_strmap; an id's number is its index in p) */
} fs_quest;

/* The most columns a questionnaire file may have (each of two files): far above any
 * questionnaire and the 16,384 columns of a spreadsheet, low enough to bound the memory of
 * the header tables (a few hundred bytes a column). */
#define FS_QUEST_MAX_COLUMNS 200000

/* Reads one long-form file (path2 NULL) or a start and an exit file into q (zeroed by the
 * call; free with fs_quest_free even on failure). Errors (err: "FILE:LINE:COL: ..."):
 * FS_ERR_IO, FS_ERR_PARSE (CSV), FS_ERR_DATA (more than FS_QUEST_MAX_COLUMNS columns; no id
 * column; no occasion column with one file; an unknown occasion; an empty id; an id repeated
 * within an occasion, naming both lines; an item without a header; an item not found, named
 * twice, or naming the id, occasion, sex or personnummer column; an item value shaped like a
 * personnummer; an answer that cannot be coded or lies outside the scale; a file without data
 * rows; the two files with different items; keyed by personnummer with refuse_pnr_key),
 * FS_ERR_MEMORY. */
fs_error fs_quest_read(const char *path1, const char *path2, const fs_quest_options *opt,
                       fs_quest *q, fs_msg *err);
/* The same over memory buffers (tests); data2 NULL for the long form. */
fs_error fs_quest_read_buffers(const char *name1, const char *data1, size_t len1,
                               const char *name2, const char *data2, size_t len2,
                               const fs_quest_options *opt, fs_quest *q, fs_msg *err);
void fs_quest_free(fs_quest *q);

/* The person with key id, or NULL. */
fs_quest_person *fs_quest_find(const fs_quest *q, const char *id);

/* Participation counts. */
typedef struct fs_quest_counts {
    unsigned long start, exit, linked, start_only, exit_only;
    unsigned long by_sex_linked[FS_SEX_N];
} fs_quest_counts;
void fs_quest_count(const fs_quest *q, fs_quest_counts *out);

/* Which participants a summary covers: FS_SEX_WOMAN, FS_SEX_MAN, or -1 for all. */
#define FS_QUEST_ALL_SEXES (-1)

/* A paired item summary over the linked participants answering at both occasions.
 * better/worse follow higher_is_better; the sign test is fs_sign_test(worse, better, alt);
 * the Wilcoxon test (when asked) runs on the differences oriented so that positive = better. */
typedef struct fs_paired_item {
    unsigned n, worse, unchanged, better;
    unsigned missing;   /* linked participants without an answer at start or exit (or both) */
    double median_start, median_end, mean_start, mean_end; /* NAN when n == 0 */
    fs_binom_result sign;
    int has_wilcoxon;
    fs_wilcoxon_result wilcoxon;
} fs_paired_item;

/* Paired summary of start values s[i] and exit values e[i], i < n (missing pairs already
 * removed). The building block of every questionnaire command. */
fs_error fs_paired_summary(const double *s, const double *e, size_t n, int higher_is_better,
                           fs_alternative alt, int wilcoxon, fs_paired_item *out);

/* fs_paired_summary of item over the participants of sex (or all). */
fs_error fs_quest_paired(const fs_quest *q, size_t item, int sex, int higher_is_better,
                         fs_alternative alt, int wilcoxon, fs_paired_item *out);

/* ---- HLS-EU-Q16 / Q6 ---- */

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
    unsigned valid_both;      /* with a valid score at start and at exit */
    unsigned invalid_start, invalid_exit; /* of the linked: too few answers */
    unsigned cat[FS_OCC_N][FS_HLS_N_CATEGORIES];
    fs_paired_item score;     /* paired score (higher = better) */
    fs_paired_item category;  /* paired category change */
} fs_hls_summary;
fs_error fs_hls_summarise(const fs_quest *q, fs_hls_version v, const fs_hls_rules *r, int sex,
                          fs_alternative alt, fs_hls_summary *out);

/* ---- OGQ ---- */

typedef struct fs_ogq_item {
    unsigned n;          /* linked participants answering at both occasions */
    unsigned gaps_start, gaps_end, closed, opened;
    fs_mcnemar_result mcnemar; /* b = closed, c = opened */
} fs_ogq_item;
fs_error fs_ogq_item_summary(const fs_quest *q, size_t item, int sex, fs_ogq_item *out);

/* Per person total gaps over the activities answered at both occasions; fewer = better. */
fs_error fs_ogq_totals(const fs_quest *q, int sex, fs_alternative alt, fs_paired_item *out);

#endif
