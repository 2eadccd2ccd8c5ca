/* dims.h: the dimensions of the aggregation engine (engine.h), private to the library:
 * what an episode is counted under. A dimension holds its categories (fixed ones and the
 * values seen) and classifies one episode at a time into d->codes; the context fs_dims
 * holds what the dimensions of one run share (the options, the referrer and income maps
 * and the episode's look-ups in them, the warnings on values that match nothing, the
 * named columns the reader must pass). engine.c counts; dims.c classifies. */
#ifndef FINSAM_DIMS_H
#define FINSAM_DIMS_H

#include <stdint.h>

#include "finsam/bykey.h"
#include "finsam/strmap.h"
#include "finsam/engine.h"
#include "finsam/vocab.h"

/* A value from the data: the payload of an entry of fs_dim.values. */
typedef struct dynval {
    int cat;
} dynval;

/* Values of a column that match no category, for the warnings: one set per column, shared
 * by every dimension reading it, so that a value is reported once with the rows of the
 * selection it was found in. */
typedef struct unknown {
    unsigned long rows, first_line, serial;
    const char *file; /* a command-line argument: lives as long as the run */
} unknown;

typedef struct warnset {
    const char *header; /* the column */
    const char *what;   /* "referrer", "income-support category", "group" */
    fs_bykey *values;   /* payload unknown */
} warnset;

/* What a dimension that reads one text column made of a raw value the first times it saw
 * it (fs_dim.memo): the categories, and the warning entries that value counts a row in.
 * Classifying such a value again is one look-up. */
typedef struct memo_entry {
    uint32_t code, n_codes; /* into memo.codes */
    uint32_t unk, n_unk;    /* into memo.unk */
} memo_entry;

typedef struct memo {
    fs_strmap *raw; /* raw value -> its entry (the strmap's numbering) */
    uint32_t *by_no;        /* the reader's number of the value (valnum.h) -> entry + 1 */
    const void *numbering;  /* the reader whose numbers by_no holds */
    memo_entry *entries;
    int *codes;
    struct unknown **unk;
    size_t n_codes, cap_codes, n_unk, cap_unk, cap_entries;
} memo;

struct fs_dim {
    fs_dim_spec spec;
    char *column; /* FS_DIM_COLUMN: a copy of the header */
    fs_cat *cats;
    const char **fold; /* per category: the folded text of a value (its sort key), or NULL */
    size_t n_cats, cap_cats;
    fs_bykey *values;  /* values from the data (payload dynval) */
    int missing, other, outside; /* categories, or -1 */
    int setcat[1u << FS_REF_N_BASE];  /* FS_DIM_REFERRER: referrer set -> category */
    int groupcat[FS_INC_N_DETAIL];    /* income and exit reasons: group -> category */
    const char *prefix;  /* JSON key prefix of values from the data */
    const char *warn;    /* values matching nothing are warnings: "referrer", ... */
    const char *header;  /* the column named in those warnings */
    warnset *warns;      /* where they are counted (the engine's), or NULL */
    /* kind state */
    fs_catmap *catmap;   /* a column's groups, or NULL */
    int n_groups;        /* FS_DIM_COLUMN: fixed group categories */
    fs_age_bands ages;
    int age_year;
    size_t extra;        /* FS_DIM_COLUMN: index among the reader's extra columns */
    memo memo;           /* text dimensions: raw value -> categories, for the first values */
    struct unknown *noted[8]; /* the warning entries the episode being classified counts in */
    size_t n_noted;      /* (more than 8: the episode is not memoised) */
    fs_date *jan1;       /* FS_DIM_ENTRY_YEAR: 1 January of 1900 .. 2200 */
    int *year_cat;       /* FS_DIM_ENTRY_YEAR: per year from 1900, its category + 1 */
    fs_date *month_start; /* FS_DIM_*_MONTH: first day of each month of the period, and after */
    struct dur_bounds *dur; /* FS_DIM_DURATION: bounds by entry day (DUR_SLOTS, a cache) */
    int n_months;
    /* the episode classified last */
    unsigned long serial;
    int *codes;
    size_t n_codes, cap_codes;
};

typedef struct fs_dims {
    const fs_engine_options *o;
    unsigned long serial; /* the episode being counted, from 1 */
    warnset **warns;      /* one per column */
    size_t n_warns;
    const char **extra;   /* the named columns the reader passes (fs_dim.column) */
    size_t n_extra;
    /* what several dimensions read of one episode, looked up once (the referrer and income
     * tables and the month and cross tables that collapse them read the same values) */
    fs_referrer_map *refmap;
    fs_catmap *incmap;
    unsigned long ref_serial, inc_serial[2];
    unsigned ref_set;
    int ref_unknown, inc[2];
} fs_dims;

/* A dimension for spec (its categories made, config sections read); NULL with err set. */
fs_dim *fs_dim_new(fs_dims *c, const fs_dim_spec *spec, fs_msg *err);
void fs_dim_free(fs_dim *d);
/* 1 when two specs make the same dimension. */
int fs_dim_same(const fs_dim_spec *a, const fs_dim_spec *b);

/* Fills d->codes with the categories of ep (cl: its flow classes). -1 on memory failure. */
int fs_dim_classify(fs_dims *c, fs_dim *d, const fs_episode *ep, int cl);

/* The categories of ep in d->codes, classified by the first tally that asks. */
static inline int fs_dim_codes(fs_dims *c, fs_dim *d, const fs_episode *ep, int cl)
{
    return d->serial == c->serial ? 0 : fs_dim_classify(c, d, ep, cl);
}

/* Warnings on values that match no category (fs_engine_each_warning). */
void fs_dims_each_warning(const fs_dims *c, void (*emit)(const char *line, void *user),
                          void *user);
void fs_dims_free(fs_dims *c);

#endif
