/* writers.h: what a writer is.
 *
 * Every output format is one file, src/lib/write_<name>.c, with one function of the one
 * signature fs_writer_fn, and one row in the registry of writer.c (writer.h), keyed by its
 * fs_format constant. A writer consumes the table model (table.h) and prints cells with
 * cellfmt.h; it never calls up into the registry, and knows nothing about commands. */
#ifndef FINSAM_WRITERS_H
#define FINSAM_WRITERS_H

#include <stdio.h>

#include "finsam/error.h"
#include "finsam/table.h"

/* The formats, in the order --help lists them; each is a row of the registry. */
typedef enum fs_format {
    FS_FMT_TEXT, FS_FMT_CSV, FS_FMT_JSON, FS_FMT_XLSX, FS_FMT_MD, FS_FMT_HTML, FS_FMT_COUNT
} fs_format;
typedef enum fs_csv_dialect { FS_DIALECT_RFC4180, FS_DIALECT_EXCEL_SV } fs_csv_dialect;

/* Parses "rfc4180" or "excel-sv"; FS_ERR_USAGE otherwise. */
fs_error fs_csv_dialect_parse(const char *s, fs_csv_dialect *out);

typedef struct fs_write_options {
    fs_format format;
    fs_csv_dialect dialect; /* csv */
    const char *path;       /* NULL or "-": standard output (not for a format written by name) */
    char *const *inputs;    /* the files the run reads: path may not be one of them (same
                             * device and inode); NULL entries and names of no file are skipped */
    size_t n_inputs;
    int p_digits;           /* significant digits of p-values in text, Markdown (0: 2) */
    int n_pct;              /* text, Markdown, xlsx, HTML: "138 (46,5 %)" in one cell per count */
    int refresh;            /* HTML: reload the page every this many seconds (0: never) */
} fs_write_options;

/* The one signature of every writer. It writes r either to fp, an open stream (standard
 * output, or the temporary file `path` beside o->path), or, for a format the registry
 * marks as written by name (xlsx: libxlsxwriter opens the file itself), to the file `path`
 * with fp NULL. path is NULL on standard output. The registry flushes, fsyncs, closes and
 * renames; the writer does none of that. On failure the writer returns the error and may
 * set err to what went wrong ("cannot write the workbook: ..."); it leaves err empty when
 * the code, or the stream's errno, says it. */
typedef fs_error fs_writer_fn(const fs_report *r, const fs_write_options *o, FILE *fp,
                              const char *path, fs_msg *err);

fs_writer_fn fs_write_text; /* write_text.c: aligned columns for a terminal */
fs_writer_fn fs_write_csv;  /* write_csv.c: o->dialect */
fs_writer_fn fs_write_json; /* write_json.c: the stable JSON contract */
fs_writer_fn fs_write_xlsx; /* write_xlsx.c: written by name */
fs_writer_fn fs_write_md;   /* write_md.c: Markdown pipe tables */
fs_writer_fn fs_write_html; /* write_html.c: one self-contained page, charts as inline SVG */

/* Writes s as a JSON string, quotes included: " and \ escaped, control characters as \n,
 * \r, \t or \u00XX, and each byte that is not part of valid UTF-8 as \ufffd, so that the
 * result is always valid JSON. The one JSON string escaper: every JSON output uses it. */
void fs_json_write_string(FILE *fp, const char *s);

#endif
