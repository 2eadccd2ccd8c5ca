/* intake.h: reading a command's export files as one data set, the way every export command
 * does it: row errors exclude the row (or fail the run with strict), Felregistrering is
 * counted and dropped, other problems become warnings aggregated by value, and the counted
 * episodes go to the command's aggregation callback. Memory does not grow with the input. */
#ifndef FINSAM_INTAKE_H
#define FINSAM_INTAKE_H

#include "finsam/export.h"
#include "finsam/table.h"

#define FS_INTAKE_MAX_ROW_WARNINGS 20

typedef struct fs_intake_warning fs_intake_warning;

/* What was read of one input file. */
typedef struct fs_intake_file {
    const char *path;        /* as given (the caller's) */
    unsigned long long bytes;
    unsigned long rows;      /* data rows */
    unsigned char sha256[32];
    int has_sha256;          /* opt.csv.sha256 was set */
} fs_intake_file;

typedef struct fs_intake {
    unsigned long rows;      /* data rows read */
    unsigned long counted;   /* rows counted (passed to the callback, Felregistrering aside) */
    unsigned long excluded;  /* rows with an error, not counted */
    unsigned long excluded_by_kind[FS_PROB_N_KINDS];
    unsigned long felreg;    /* Felregistrering rows in the files */
    unsigned long empty_rows;
    fs_intake_warning *w;    /* private */
    size_t n_w, cap_w;
    unsigned long dropped_row_warnings; /* row errors beyond FS_INTAKE_MAX_ROW_WARNINGS */
    unsigned long dropped_warnings;     /* rows with warnings beyond the distinct ones kept */
    fs_intake_file *files;   /* one per file read, in order */
    size_t n_files;
} fs_intake;

typedef int (*fs_intake_fn)(const fs_episode *ep, void *user);

/* Reads files[0..n) in turn. fn receives each episode without a row error, Felregistrering
 * included (reason_group == FS_EXIT_EXCLUDED): the command counts those that fall in its
 * selection as excluded and counts nothing else of them. With strict, the first row error stops the run with FS_ERR_DATA and err
 * set. A file that cannot be read fails the run. in is zeroed first; free with
 * fs_intake_free. */
fs_error fs_intake_run(char *const *files, size_t n, const fs_export_options *opt, int strict,
                       fs_intake_fn fn, void *user, fs_intake *in, fs_msg *err);
void fs_intake_free(fs_intake *in);

/* The warnings as finished lines ("export.csv:42: column ..."), in the order first seen;
 * calls emit for each. */
void fs_intake_each_warning(const fs_intake *in, void (*emit)(const char *line, void *user),
                            void *user);

/* Adds the notes on what was excluded to t: felreg Felregistrering episodes of the
 * command's selection, and the rows with errors; counts below suppress (when > 1) print
 * as "<N". */
fs_error fs_intake_add_notes(const fs_intake *in, fs_table *t, const char *lang,
                             unsigned long felreg, int suppress);

#endif
