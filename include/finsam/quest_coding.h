/* quest_coding.h: answer codings and the table of scales (quest_coding.c).
 *
 * A coding turns the raw text of an answer into a number as the questionnaire is read. Each
 * distinct raw spelling is coded once: fs_answer_cache keeps the results of the spellings
 * seen (the answers of a questionnaire are a few dozen spellings repeated on every row), so
 * neither case folding nor number parsing runs per cell.
 *
 * A scale is a list of answer categories in scale order, as a report prints them: the
 * agreeing or easy end first for text scales (Instämmer helt ... Instämmer inte alls,
 * Mycket lätt ... Mycket svårt), ascending for numbers (1 ... 10), or unordered (Ja/Nej, or
 * categories with no order). The built-in scales are in quest_coding.c; the config's
 * [scales] adds its own, tried first:
 *
 *     [scales]
 *     nojd = Mycket nöjd | Ganska nöjd | Ganska missnöjd | Mycket missnöjd
 *     aktor = unordered: Försäkringskassan | Arbetsförmedlingen | Kommunen
 */
#ifndef FINSAM_QUEST_CODING_H
#define FINSAM_QUEST_CODING_H

#include <stddef.h>

#include "finsam/config.h"
#include "finsam/error.h"

typedef enum fs_quest_coding {
    FS_QC_NUMERIC = 0,  /* numbers (decimal point or comma); "Vet inte" = missing */
    FS_QC_HLS_TEXT,     /* Mycket svårt 1, Ganska svårt 2, Ganska lätt 3, Mycket lätt 4;
                           Vet inte = missing; numbers are an error */
    FS_QC_HLS_EASY_HIGH,/* text as above, or numbers 1..4 with 4 = very easy */
    FS_QC_HLS_EASY_LOW, /* text as above, or numbers 1..4 with 1 = very easy (stored as 5 - x) */
    FS_QC_OGQ,          /* response types (text or codes 1-4), stored as a gap indicator:
                           1 does and wants, 4 neither -> 0; 2 does not but wants,
                           3 does but does not want -> 1 */
    FS_QC_OGQ_GAP,      /* a 0/1 gap indicator (1 = gap) */
    FS_QC_CATEGORY      /* any text: the value is the answer's index among the distinct
                           answers (fs_quest_categories), for a scale found afterwards */
} fs_quest_coding;

/* The result of coding one answer. */
enum { FS_ANS_OK, FS_ANS_MISSING, FS_ANS_DONT_KNOW, FS_ANS_BAD };

/* The distinct answers of a questionnaire read with FS_QC_CATEGORY, numbered as first seen:
 * label[i] is the first spelling (safe to print), folded[i] its matching form. */
typedef struct fs_quest_categories {
    size_t n, cap;
    char **label, **folded;
    void *by_fold; /* private: fs_strmap of folded -> number */
} fs_quest_categories;
void fs_quest_categories_free(fs_quest_categories *c);

/* How answers are coded. scale: numeric answers must lie in [lo, hi] when has_scale. */
typedef struct fs_coder {
    fs_quest_coding coding;
    int has_scale;
    double scale_min, scale_max;
    fs_quest_categories *cats; /* FS_QC_CATEGORY: where new answers are added */
} fs_coder;

/* Codes raw into *v (NAN unless FS_ANS_OK). On FS_ANS_BAD, why[] says what was expected;
 * FS_ERR_MEMORY is returned as FS_ANS_BAD with why "out of memory" and *oom set. */
int fs_code_answer(const fs_coder *c, const char *raw, double *v, char *why, size_t whysz,
                   int *oom);

/* A cache of coded spellings in front of fs_code_answer: the results of at most
 * FS_ANSWER_CACHE_MAX spellings are kept (then the rest are coded each time), and the
 * numbering of spellings behind them holds the text of up to FS_VALNUM_MAX. Only answers
 * coded without error are kept. */
#define FS_ANSWER_CACHE_MAX 512
typedef struct fs_answer_cache fs_answer_cache;
fs_answer_cache *fs_answer_cache_new(void); /* NULL on memory failure */
void fs_answer_cache_free(fs_answer_cache *c);
/* 1 and *rc, *v when raw[0..len) was coded before; else 0. The spellings are numbered by
 * an fs_valnum (valnum.h), whose small cache answers most cells without hashing the text. */
int fs_answer_cache_get(fs_answer_cache *c, const char *raw, size_t len, int *rc, double *v);
/* Remembers the result of raw[0..len) (ignored when full or out of memory). */
void fs_answer_cache_put(fs_answer_cache *c, const char *raw, size_t len, int rc, double v);

/* 0 and *out when s is a number (decimal point or comma, surrounding space allowed). */
int fs_parse_answer_number(const char *s, double *out);

/* ---- scales ---- */

typedef struct fs_scale {
    char *name;
    int ordered;      /* 0: unordered (Fisher's exact test instead of Mann-Whitney) */
    int agree_first;  /* 1: the agreeing end is listed first; 0: last (numbers) */
    size_t n;
    char **label;     /* in scale order, as printed */
    char **folded;    /* matching forms (several spellings of a label are separate scales) */
} fs_scale;

typedef struct fs_scale_set {
    fs_scale *s;
    size_t n;
} fs_scale_set;

/* The config's [scales] and then the built-in ones, into set (free with
 * fs_scale_set_free). A bad [scales] entry is FS_ERR_DATA naming FILE:LINE. */
fs_error fs_scale_set_load(const fs_config *cfg, fs_scale_set *set, fs_msg *err);
void fs_scale_set_free(fs_scale_set *set);
/* Checks [scales] (an fs_config_check_fn). */
fs_error fs_scales_config_check(const fs_config *cfg, fs_msg *err);

/* The scale of an item whose distinct answers are folded[0..n): the first scale of set that
 * holds them all; else, when all are whole numbers, an ordered numeric scale from the
 * smallest to the largest (1..10 when they lie within it); else an unordered scale of the
 * answers as first seen (labels[]). out is owned by the caller (fs_scale_free).
 * pos[i] gets the position in the scale of answer i. FS_ERR_MEMORY. */
fs_error fs_scale_match(const fs_scale_set *set, const char *const *folded,
                        const char *const *labels, size_t n, fs_scale *out, size_t *pos);
void fs_scale_free(fs_scale *s);

#endif
