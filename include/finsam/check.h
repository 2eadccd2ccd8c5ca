/* check.h: validating exports, the work of `finsam-stats check`: one line per problem as it
 * is found, then a summary by kind with the distinct unknown values.
 *
 * The export reader reports the row problems; check adds unknown referrer and income
 * values, overlapping episodes of one id in one insats (overlap.h) and missing required
 * columns. It reads the input only and never prints a personnummer: the reader never
 * passes one on, every data value check echoes itself goes through fs_safe_text(), and
 * participant ids are never printed at all (the id column may hold personnummer), only
 * line numbers.
 * Memory: the overlap index keeps every episode with an id (see overlap.h); everything
 * else is counts and the distinct unknown values. */
#ifndef FINSAM_CHECK_H
#define FINSAM_CHECK_H

#include <stdio.h>

#include "finsam/config.h"
#include "finsam/csv.h"
#include "finsam/date.h"
#include "finsam/error.h"
#include "finsam/table.h"
#include "finsam/writers.h"

typedef struct fs_check_options {
    const fs_config *config;  /* column names and synonyms, the vocabularies */
    fs_csv_options csv;
    fs_date as_of;            /* dates after it are reported */
    int strict;               /* warnings count as errors */
    fs_format format;         /* FS_FMT_TEXT, FS_FMT_JSON or FS_FMT_HTML */
    FILE *out;                /* text and JSON go here as they are found */
    const char *prog;         /* "finsam-stats check", in the text summary */
    char *const *files;       /* every file, in the order checked: a problem may name an
                               * earlier one */
    size_t n_files;
    const char *source;       /* HTML: the page's source line, or NULL */
} fs_check_options;

typedef struct fs_check fs_check;

/* Ready to check o->files (o and its strings must outlive the check); JSON: the head of
 * the output written. NULL with *err set on failure (an unusable vocabulary of the
 * config, or memory). Free with fs_check_free. */
fs_check *fs_check_new(const fs_check_options *o, fs_msg *err);
void fs_check_free(fs_check *c);

/* Checks o->files[i] (in order: i = 0, 1, ...), each problem written as it is found.
 * A file that cannot be checked at all is not a row problem: its error (FS_ERR_DATA,
 * FS_ERR_IO, ...) is returned with *err, which the caller shows, and listed in the summary.
 * FS_ERR_MEMORY: stop. */
fs_error fs_check_file(fs_check *c, size_t i, fs_msg *err);

/* After the last file: the summary written (text, JSON), or the page made (HTML: *page,
 * the caller frees it; NULL otherwise). *ok: no errors, no file that could not be checked
 * and, with strict, no warnings. FS_ERR_MEMORY on failure. */
fs_error fs_check_finish(fs_check *c, int *ok, fs_report **page);

#endif
