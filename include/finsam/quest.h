/* quest.h: questionnaire files and the questionnaire reader (quest_read.c).
 *
 * Three shapes of input:
 * - long form: an id column, an occasion column (Tillfälle/Mättillfälle) and one column per
 *   item; any number of named occasions (at most FS_QUEST_MAX_OCC). Built in, in this order:
 *   Start (also Före, Inskrivning, 1), Halvvägs (also Halvtid) and Avslut (also Efter,
 *   Efteråt, Utskrivning, Slut, 2); spellings of one occasion are one occasion. The config's
 *   [occasions] order = A, B, C names the occasions and their order instead (then only
 *   those). Occasion values are folded once per distinct spelling, not per row.
 * - two files: the first the start, the second the exit (two occasions, Start and Avslut).
 * - single (opt->single, `survey`): one occasion, every data row one response; the id column
 *   is optional (anonymous files), ids may repeat; an answer date column (Datum, Svarsdatum,
 *   Besvarad, or [survey] date) gives each response its date.
 * The id column is Deltagar-ID or one of its aliases (or [columns] id of the config); a
 * personnummer column may be the key instead: it is kept in memory only and never appears in
 * a message or an output. When the id values themselves look like personnummer, the file is
 * treated as keyed by personnummer too (pnr_key): ids are then never printed. A Kön column
 * gives each participant's sex. Items are the other columns in file order, or those chosen
 * by name; the id, occasion, sex, date and personnummer columns are never items, and an item
 * column holding a value shaped like a personnummer is an error naming FILE:LINE:COLUMN (not
 * the value).
 *
 * Every value from the data that a message or an output echoes (ids, answers, headers) goes
 * through fs_safe_text (pnr.h): item_label is the header made safe.
 *
 * Answers are coded to numbers as they are read (quest_coding.h), each distinct raw spelling
 * once; a value that cannot be coded, or lies outside the scale, is an error naming
 * FILE:LINE:COLUMN. Missing answers (empty, or "Vet inte") are counted per item and
 * occasion, never dropped silently.
 *
 * Nothing here prints. Everything a command reports (counts, what was unmatched or missing)
 * is returned as data. */
#ifndef FINSAM_QUEST_H
#define FINSAM_QUEST_H

#include <stddef.h>
#include <stdint.h>

#include "finsam/category.h"
#include "finsam/config.h"
#include "finsam/csv.h"
#include "finsam/date.h"
#include "finsam/error.h"
#include "finsam/quest_coding.h"

/* The first occasion; the last is q->n_occ - 1 (fs_quest_last). */
enum { FS_OCC_START = 0 };

/* The most occasions a questionnaire may have. */
#define FS_QUEST_MAX_OCC 8

/* A "Vet inte" answer read with FS_QC_CATEGORY (other codings store NAN, as for an empty
 * answer). */
#define FS_QUEST_DONT_KNOW (-1.0)

/* "No answer row" in fs_quest_person.row. */
#define FS_QUEST_NO_ROW UINT32_MAX

typedef struct fs_quest_options {
    fs_csv_options csv;
    const fs_config *config;   /* may be NULL: [columns] id / personnummer / sex, [occasions],
                                  [survey] date */
    fs_quest_coding coding;
    int has_scale;             /* numeric answers must lie in [scale_min, scale_max] */
    double scale_min, scale_max;
    const char *const *items;  /* NULL: every other column; else headers (matched folded) or
                                  their keys; two naming the same column are an error */
    size_t n_items;
    int refuse_pnr_key;        /* a questionnaire keyed by personnummer is FS_ERR_DATA, found
                                  as early as possible: at the header, or at the first id
                                  shaped like a personnummer (before the rest is read) */
    int single;                /* one occasion, every row a response (survey) */
} fs_quest_options;

typedef struct fs_quest_person {
    char *id;             /* the key; a personnummer when pnr_key, never to be printed; NULL
                             in a single-occasion file without an id column */
    fs_sex sex;
    fs_date date;         /* single: the answer date, or 0 when none */
    int has_date;
    uint32_t row[FS_QUEST_MAX_OCC]; /* answer row per occasion, FS_QUEST_NO_ROW = none */
} fs_quest_person;

typedef struct fs_quest {
    size_t n_items;
    char **item_label;    /* headers as written, through fs_safe_text: safe to print */
    char **item_key;      /* fs_slug of the label, made unique */
    char **item_header;   /* private: headers as written (matching the second file); never print */
    fs_quest_person *p;
    size_t n_persons;
    int pnr_key;          /* the key is a personnummer: do not print ids */
    int has_sex_column, has_id_column, has_date_column;
    size_t n_occ;                           /* occasions, in order */
    char *occ_label[FS_QUEST_MAX_OCC];      /* as first written, safe to print */
    unsigned long rows[FS_QUEST_MAX_OCC];   /* answer rows per occasion */
    unsigned long *missing[FS_QUEST_MAX_OCC];   /* per item: empty answers */
    unsigned long *dont_know[FS_QUEST_MAX_OCC]; /* per item: "Vet inte" */
    unsigned long empty_rows;               /* rows entirely empty, skipped */
    double *answers;      /* answer rows of n_items values each, NAN = missing */
    unsigned long *row_line; /* per answer row: its line in its file */
    size_t n_rows;
    fs_quest_categories cats; /* FS_QC_CATEGORY: the distinct answers (values are indexes) */
    void *index;          /* private: the ids (an fs_strmap; an id's number is its index in p) */
} fs_quest;

/* The most columns a questionnaire file may have (each of two files): far above any
 * questionnaire and the 16,384 columns of a spreadsheet, low enough to bound the memory of
 * the header tables (a few hundred bytes a column). */
#define FS_QUEST_MAX_COLUMNS 200000

/* Reads one long-form file (path2 NULL) or a start and an exit file into q (zeroed by the
 * call; free with fs_quest_free even on failure). Errors (err: "FILE:LINE:COL: ..."):
 * FS_ERR_IO, FS_ERR_PARSE (CSV), FS_ERR_DATA (more than FS_QUEST_MAX_COLUMNS columns; no id
 * column; no occasion column with one file; an unknown occasion, or more than
 * FS_QUEST_MAX_OCC; an empty id; an id repeated within an occasion, naming both lines; an item
 * without a header; an item not found, named twice, or naming the id, occasion, sex or
 * personnummer column; an item value shaped like a personnummer; an answer that cannot be
 * coded or lies outside the scale; a date that is not a date; a file without data rows; the
 * two files with different items; keyed by personnummer with refuse_pnr_key; a bad
 * [occasions] section), FS_ERR_MEMORY. */
fs_error fs_quest_read(const char *path1, const char *path2, const fs_quest_options *opt,
                       fs_quest *q, fs_msg *err);
/* The same over memory buffers (tests); data2 NULL for the long form. */
fs_error fs_quest_read_buffers(const char *name1, const char *data1, size_t len1,
                               const char *name2, const char *data2, size_t len2,
                               const fs_quest_options *opt, fs_quest *q, fs_msg *err);
void fs_quest_free(fs_quest *q);

/* The answers of p at occasion occ (n_items values, NAN = missing), or NULL when p did not
 * answer then. */
static inline const double *fs_quest_answers(const fs_quest *q, const fs_quest_person *p,
                                             size_t occ)
{
    return occ < q->n_occ && p->row[occ] != FS_QUEST_NO_ROW
               ? q->answers + (size_t)p->row[occ] * q->n_items
               : NULL;
}

static inline size_t fs_quest_last(const fs_quest *q)
{
    return q->n_occ ? q->n_occ - 1 : 0;
}

/* The person with key id, or NULL. */
fs_quest_person *fs_quest_find(const fs_quest *q, const char *id);

/* The occasion named name (folded; a spelling of a built-in occasion, or the label), or -1. */
int fs_quest_occasion_find(const fs_quest *q, const char *name);

/* Checks the [occasions] section (an fs_config_check_fn): order = A, B, ... with 2 to
 * FS_QUEST_MAX_OCC distinct names. Defined in quest_read.c. */
fs_error fs_occasions_config_check(const fs_config *cfg, fs_msg *err);

/* Participation of two occasions, from and to. */
typedef struct fs_quest_counts {
    unsigned long start, exit, linked, start_only, exit_only;
    unsigned long by_sex_linked[FS_SEX_N];
} fs_quest_counts;
void fs_quest_count(const fs_quest *q, size_t from, size_t to, fs_quest_counts *out);

/* Which participants a summary covers: FS_SEX_WOMAN, FS_SEX_MAN, or -1 for all. */
#define FS_QUEST_ALL_SEXES (-1)

/* 1 when p answered at both occasions and is of sex (or sex < 0). */
static inline int fs_quest_linked(const fs_quest_person *p, size_t from, size_t to, int sex)
{
    return p->row[from] != FS_QUEST_NO_ROW && p->row[to] != FS_QUEST_NO_ROW &&
           (sex < 0 || (int)p->sex == sex);
}

#endif
