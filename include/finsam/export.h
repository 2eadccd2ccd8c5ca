/* export.h: reading SUS-style exports into participant episodes.
 *
 * Maps the header (default names and aliases, see finsam-stats-exits(1), or the [columns] of the config)
 * to fields, parses each row into an fs_episode and reports every problem it sees through a
 * callback, as data (kind, file, line, column) with a ready message. The personnummer is
 * used to derive sex and birth year and is never passed on. */
#ifndef FINSAM_EXPORT_H
#define FINSAM_EXPORT_H

#include "finsam/category.h"
#include "finsam/config.h"
#include "finsam/csv.h"
#include "finsam/date.h"
#include "finsam/persons.h"
#include "finsam/pnr.h"
#include "finsam/valnum.h"

typedef enum fs_field {
    FS_FIELD_ID,
    FS_FIELD_PNR,
    FS_FIELD_SEX,
    FS_FIELD_BIRTH_YEAR,
    FS_FIELD_INSATS,
    FS_FIELD_ENTRY,
    FS_FIELD_EXIT,
    FS_FIELD_REASON,
    FS_FIELD_INCOME_START,
    FS_FIELD_INCOME_END,
    FS_FIELD_REFERRER,
    FS_FIELD_TARGET_GROUP,
    FS_FIELD_MUNICIPALITY,
    FS_FIELD_COUNT
} fs_field;

#define FS_FIELD_BIT(f) (1u << (f))

/* The config name of a field ("exit_reason"); static. */
const char *fs_field_name(fs_field f);
/* The field of a config name, or -1. */
int fs_field_by_name(const char *name);
/* Checks the [columns] section (an fs_config_check_fn): each key is a field name. */
fs_error fs_export_config_check(const fs_config *cfg, fs_msg *err);
/* The default header of a field ("Avslutsanledning"); static. */
const char *fs_field_default_header(fs_field f);
/* The NULL-terminated list of headers accepted by default for f; static. */
const char *const *fs_field_aliases(fs_field f);

/* One episode. Strings are "" when absent, and for a column the command did not ask for
 * (fs_export_options: id and insats, and the category columns, are read when wanted or
 * required, the id also when persons are counted); valid only during the callback. */
typedef struct fs_episode {
    const char *file;
    unsigned long line;
    const char *id, *insats, *reason, *income_start, *income_end, *referrer, *target_group,
        *municipality;
    fs_sex sex;
    int birth_year;   /* 0 when unknown */
    fs_date entry, exit;
    int has_exit;
    int reason_group; /* FS_EXIT_* group, FS_EXIT_EXCLUDED, or FS_CAT_NONE (unmatched/empty) */
    int excluded;     /* a row-level error was reported: do not count this row */
    uint64_t person;  /* with opt.persons: the keyed hash of the person (personnummer, else
                       * participant id); 0 when the row has neither */
    const char *const *extra; /* the values of opt.extra[0..n_extra), "" when absent */
    /* The reader's numbers of the text values of the category fields it reads (valnum.h),
     * per FS_FIELD_*, and of the extra columns: in one reader, equal numbers are equal
     * texts. FS_VALNUM_NONE for a field not numbered and past the first values of a
     * column: then go by the text. numbering tells one reader's numbers from another's. */
    uint32_t no[FS_FIELD_COUNT];
    const uint32_t *extra_no;
    const void *numbering; /* NULL: no numbers (an episode made by hand) */
    /* (the export reader sets every field of a row's episode one by one: a new field is
     * added last, and set there too) */
} fs_episode;

/* The reader's number of field f's value, FS_VALNUM_NONE when there is none. */
static inline uint32_t fs_episode_no(const fs_episode *ep, fs_field f)
{
    return ep->numbering ? ep->no[f] : FS_VALNUM_NONE;
}

typedef enum fs_problem_kind {
    /* errors: the row is excluded (or, with --strict, the run fails) */
    FS_PROB_MISSING_ENTRY,
    FS_PROB_BAD_DATE,
    FS_PROB_EXIT_BEFORE_ENTRY,
    /* warnings: the row is counted */
    FS_PROB_EXIT_WITHOUT_REASON,
    FS_PROB_REASON_WITHOUT_EXIT,
    FS_PROB_UNKNOWN_REASON,
    FS_PROB_UNKNOWN_SEX,
    FS_PROB_NO_SEX,
    FS_PROB_BAD_PNR,
    FS_PROB_SEX_CONTRADICTS_PNR,
    FS_PROB_BAD_BIRTH_YEAR,
    FS_PROB_FUTURE_DATE,
    FS_PROB_FIELD_COUNT,        /* a row with more or fewer fields than the header */
    FS_PROB_ABSENT_COLUMN,      /* a column the command uses is not in the header */
    FS_PROB_DUPLICATE_COLUMN,   /* a column the reader reads is in the header twice: the
                                 * file is not read (an error, as a missing column) */
    FS_PROB_ALIAS_COLUMN,       /* a column headed by another accepted name of a column the
                                 * reader reads (Kon beside Kön; of the names present, the
                                 * first in the list is read): it is not read (a warning
                                 * naming both) */
    FS_PROB_N_READER_KINDS,
    /* reported by `check` itself, listed here so that every kind has one name */
    FS_PROB_UNKNOWN_REFERRER = FS_PROB_N_READER_KINDS,
    FS_PROB_UNKNOWN_INCOME,
    FS_PROB_OVERLAP,
    FS_PROB_MISSING_COLUMN,
    FS_PROB_N_KINDS
} fs_problem_kind;

/* A stable short name of a kind ("bad_date"), for JSON and summaries; static. */
const char *fs_problem_kind_name(fs_problem_kind k);
/* 1 when the kind excludes the row. */
int fs_problem_is_error(fs_problem_kind k);

typedef struct fs_problem {
    fs_problem_kind kind;
    const char *file;
    unsigned long line;
    const char *column;  /* the header as written in the file; NULL for file-level problems */
    const char *value;   /* the offending value; NULL when it must not be shown (personnummer) */
    const char *message; /* `column "Avslutsdatum": "2024-13-01" is not a date` */
} fs_problem;

typedef struct fs_export_options {
    fs_csv_options csv;
    const fs_config *config; /* may be NULL */
    unsigned required;       /* FS_FIELD_BIT()s of the columns the command needs */
    fs_date as_of;           /* dates after it are reported (when check_future) */
    int check_future;
    unsigned wanted;         /* FS_FIELD_BIT()s of optional columns the command uses: each
                              * one absent from a file's header is a warning */
    unsigned listed;         /* FS_FIELD_BIT()s of optional columns only looked for: an
                              * absent one is a warning, as a wanted one, but their values
                              * are not read (check, for the reports' columns) */
    unsigned numbered;       /* FS_FIELD_BIT()s of the category fields whose values the
                              * command looks up by number (fs_episode.no); sex and exit
                              * reason always are, the extra columns too */
    const fs_person_secret *persons; /* non-NULL: fill ep->person */
    const char *const *extra; /* other columns by header (matched as every header is): their
                               * values are passed in ep->extra; an absent one is a warning */
    size_t n_extra;
} fs_export_options;

typedef struct fs_export_callbacks {
    /* Every data row, excluded ones too (ep->excluded). Return non-zero to stop. */
    int (*episode)(const fs_episode *ep, void *user);
    void (*problem)(const fs_problem *p, void *user);
    void *user;
} fs_export_callbacks;

typedef struct fs_export_reader fs_export_reader;

/* NULL on memory failure. opt and cb are copied; opt->config must outlive the reader. */
fs_export_reader *fs_export_reader_new(const fs_export_options *opt, const fs_export_callbacks *cb);
void fs_export_reader_free(fs_export_reader *r);

/* Reads one file. A file that cannot be read as a whole (I/O, malformed CSV, a missing
 * required column, no data rows) returns an error with err set; row problems do not.
 * Several files may be read in turn as one data set. */
fs_error fs_export_reader_read(fs_export_reader *r, const char *path, fs_msg *err);
/* The same over a memory buffer. */
fs_error fs_export_reader_read_buffer(fs_export_reader *r, const char *name, const char *data,
                                      size_t len, fs_msg *err);

/* What the CSV reader found of the file read last: bytes, encoding, its SHA-256 (with
 * opt.csv.sha256). */
const fs_csv_info *fs_export_reader_info(const fs_export_reader *r);
/* Data rows of the file read last (empty rows aside). */
unsigned long fs_export_reader_data_rows(const fs_export_reader *r);

/* Rows that were entirely empty (e.g. ";;;;" lines Excel leaves at the end), skipped. */
unsigned long fs_export_reader_empty_rows(const fs_export_reader *r);

#endif
