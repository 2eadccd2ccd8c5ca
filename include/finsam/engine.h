/* engine.h: the one aggregation engine: every count of the export commands.
 *
 * Three ideas:
 *  - a *dimension* maps an episode to zero, one or several categories (exit-reason group
 *    with its raw values as detail, referrer, income at start or end, target groups, ...,
 *    any named column). Its categories are fixed ones (the report groups, the age
 *    bands, the months of the period) and the values seen in the data;
 *  - a *population* is a flow class of the period (fs_flow_row: during, ongoing at start,
 *    new, ended, ongoing at end);
 *  - a *unit* is episodes or distinct persons.
 * A *tally* counts one population by one dimension, optionally crossed with a second
 * (detail rows or columns), by sex, in cells (a, b): a category of the first dimension or
 * FS_ALL, and of the second or FS_ALL. (FS_ALL, FS_ALL) is the population itself.
 *
 * The engine streams: fs_engine_add takes one episode at a time, and what it keeps grows
 * with the distinct categories (and, counting persons, with distinct persons and the cells
 * each is in), never with the rows. With --by insats every tally is kept per insats (a
 * *slice*) as well as for the whole selection. Felregistrering is counted per population
 * and counted in nothing else. */
#ifndef FINSAM_ENGINE_H
#define FINSAM_ENGINE_H

#include <stddef.h>

#include "finsam/config.h"
#include "finsam/dayhist.h"
#include "finsam/export.h"
#include "finsam/flow.h"

typedef enum fs_unit { FS_UNIT_EPISODES, FS_UNIT_PERSONS } fs_unit;

typedef enum fs_dim_kind {
    FS_DIM_NONE = -1,
    FS_DIM_FLOW,          /* the flow classes of the episode (several) */
    FS_DIM_EXIT_REASON,   /* exit-reason group; raw values as detail rows (exit_detail) */
    FS_DIM_REFERRER,      /* five referrers, joint referrals as one row each */
    FS_DIM_INCOME_START,  /* income support at entry (detail or SCB grouping) */
    FS_DIM_INCOME_END,    /* income support at exit */
    FS_DIM_TARGET_GROUP,  /* several values separated by '|' */
    FS_DIM_MUNICIPALITY,
    FS_DIM_AGE,           /* age at the period's end, in the [age] bands */
    FS_DIM_DURATION,      /* time in the programme, bands (ended episodes) */
    FS_DIM_ENTRY_YEAR,
    FS_DIM_ENTRY_MONTH,   /* months of the period */
    FS_DIM_EXIT_MONTH,
    FS_DIM_INSATS,
    FS_DIM_COLUMN,        /* any named column; several values separated by '|'; groups from
                           * the config's [column "HEADER"] section */
    FS_DIM_KEY_SHARE,     /* the key shares of ended episodes: to work or studies (group
                           * work_studies), approached the labour market (that, job seeking
                           * or continued rehabilitation): a person counts once in each */
    FS_DIM_N
} fs_dim_kind;

#define FS_ALL (-1)

typedef struct fs_dim_spec {
    fs_dim_kind kind;
    const char *column; /* FS_DIM_COLUMN: the header (kept by the caller) */
    int collapse;       /* values that match no category count in one "other" category */
} fs_dim_spec;

typedef struct fs_tally_spec {
    fs_flow_row pop;
    fs_dim_spec row;
    fs_dim_spec col; /* kind FS_DIM_NONE: no second dimension */
    int col_totals;  /* also the cells (FS_ALL, b): totals of the second dimension */
    int days;        /* also a histogram of days from entry to exit, by sex */
} fs_tally_spec;

/* A category of a dimension: a row (or column) of its tables. */
typedef struct fs_cat {
    char *key;    /* the row's JSON key; for a value from the data, made from the label
                   * when the table is built (see fs_cat.dynamic) */
    char *label;  /* safe to print */
    int parent;   /* the category this one is a detail row under, or -1 */
    unsigned char always;  /* shown in a table even when 0 */
    unsigned char tail;    /* after the values from the data (e.g. "not recorded") */
    unsigned char dynamic; /* a value from the data */
} fs_cat;

typedef struct fs_engine fs_engine;
typedef struct fs_dim fs_dim;
typedef struct fs_tally fs_tally;

typedef struct fs_engine_options {
    int has_period;
    fs_period period;     /* without a period, every date is in it */
    fs_unit unit;
    int by_insats;        /* a slice per insats, besides the whole */
    const char *const *insats; /* only these insatser (matched as fs_bykey does), or NULL */
    size_t n_insats;
    const fs_config *config; /* [referrers], [income], [age], [column "..."] */
    const char *lang;
    int exit_detail;      /* raw exit reasons as detail rows */
    int income_scb;       /* income support in SCB's groups */
    fs_date as_of;        /* the age's year without a period */
} fs_engine_options;

/* Checks the [column "HEADER"] sections (HEADER's value groups: raw value = group), for
 * the config's table of section owners. */
fs_error fs_column_config_check(const fs_config *cfg, fs_msg *err);

/* NULL on failure, with err set (a bad config section, or memory). */
fs_engine *fs_engine_new(const fs_engine_options *o, fs_msg *err);
void fs_engine_free(fs_engine *e);

/* Registers a tally before the first episode; the same spec twice gives the same index.
 * Returns its index, or -1 with err set (a bad config section of a dimension, memory). */
int fs_engine_tally(fs_engine *e, const fs_tally_spec *s, fs_msg *err);

/* Adds to eo what the export reader must give the engine: the optional columns its
 * dimensions read (an absent one is a warning), the named columns, and the person hash.
 * Several engines may be fed by one reading: each adds its own (one at most names
 * columns), and they share the person hash of the first that counts persons. */
void fs_engine_export_options(fs_engine *e, fs_export_options *eo);

/* Counts one episode (an fs_intake_fn). Returns 1 to stop the reading when memory ran
 * out (fs_engine_finish then reports it). */
int fs_engine_add(const fs_episode *ep, void *engine);

/* After the last episode: persons are counted into their cells, and values sorted.
 * FS_ERR_MEMORY when memory ran out at any time. */
fs_error fs_engine_finish(fs_engine *e);

/* Warnings on values that match no category, in the order first seen, with the number of
 * rows of the selection they were found in. */
void fs_engine_each_warning(const fs_engine *e, void (*emit)(const char *line, void *user),
                            void *user);

/* ---- Reading the counts ---- */

const fs_engine_options *fs_engine_opts(const fs_engine *e);
/* Slices: the insatser in the order of their names, then the whole selection (last). */
size_t fs_engine_slices(const fs_engine *e);
/* The insats of a slice (safe to print), or NULL for the whole selection. */
const char *fs_engine_slice_name(const fs_engine *e, size_t slice);
const fs_tally *fs_engine_get(const fs_engine *e, size_t slice, int tally);
/* Felregistrering episodes of a population in a slice, excluded from every count. */
unsigned long fs_engine_felreg(const fs_engine *e, size_t slice, fs_flow_row pop);
/* Episodes without personnummer and participant id in a slice (counted as persons of
 * their own when counting persons). */
unsigned long fs_engine_unidentified(const fs_engine *e, size_t slice);
/* Persons recorded with two different sexes (the first recorded is used). */
size_t fs_engine_sex_conflicts(const fs_engine *e);
size_t fs_engine_persons(const fs_engine *e);

const fs_tally_spec *fs_tally_spec_of(const fs_tally *t);
/* The tally's dimensions (NULL for no second one). */
const fs_dim *fs_tally_row_dim(const fs_tally *t);
const fs_dim *fs_tally_col_dim(const fs_tally *t);
/* The counts of cell (a, b) by sex, in the engine's unit. */
void fs_tally_cell(const fs_tally *t, int a, int b, unsigned long out[FS_SEX_N]);
/* 1 when the cell has any count. */
int fs_tally_nonzero(const fs_tally *t, int a, int b);
/* Episodes counted (whatever the unit), by sex. */
void fs_tally_episodes(const fs_tally *t, unsigned long out[FS_SEX_N]);
/* Counting persons: persons counted in more than one category of the first dimension. */
unsigned long fs_tally_multi(const fs_tally *t);
/* The day histograms (spec.days), one per sex. */
const fs_dayhist *fs_tally_days(const fs_tally *t);

size_t fs_dim_count(const fs_dim *d);
const fs_cat *fs_dim_cat(const fs_dim *d, int i);
fs_dim_kind fs_dim_kind_of(const fs_dim *d);
/* The categories in table order into order[0..fs_dim_count): fixed ones, each followed by
 * the values under it, then the values from the data (in the order of their folded text),
 * then the tail. Returns the number written. */
size_t fs_dim_order(const fs_dim *d, int *order);
/* The age bands' year (FS_DIM_AGE): age = this year minus the birth year. */
int fs_dim_age_year(const fs_dim *d);

#endif
