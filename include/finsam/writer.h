/* writer.h: one writer per output format, all over the table model, and the safe output
 * file (written to a temporary name in the target directory, renamed only on success). */
#ifndef FINSAM_WRITER_H
#define FINSAM_WRITER_H

#include <stdio.h>

#include "finsam/error.h"
#include "finsam/table.h"

typedef enum fs_format { FS_FMT_TEXT, FS_FMT_CSV, FS_FMT_JSON, FS_FMT_XLSX } fs_format;
typedef enum fs_csv_dialect { FS_DIALECT_RFC4180, FS_DIALECT_EXCEL_SV } fs_csv_dialect;

fs_error fs_format_parse(const char *s, fs_format *out);
/* The format implied by a file name's extension (.txt .csv .json .xlsx); FS_ERR_USAGE if none. */
fs_error fs_format_from_path(const char *path, fs_format *out);
fs_error fs_csv_dialect_parse(const char *s, fs_csv_dialect *out);

typedef struct fs_write_options {
    fs_format format;
    fs_csv_dialect dialect;
    const char *path; /* NULL or "-": standard output (not for xlsx) */
} fs_write_options;

/* Writes the report. On failure nothing is left at path and an existing file there is
 * untouched; err names the file. Standard output is flushed and checked for errors. */
fs_error fs_write_report(const fs_report *r, const fs_write_options *o, fs_msg *err);

/* The writers, each to an open stream (xlsx to a file name). */
fs_error fs_write_text(const fs_report *r, FILE *fp);
fs_error fs_write_csv(const fs_report *r, fs_csv_dialect dialect, FILE *fp);
fs_error fs_write_json(const fs_report *r, FILE *fp);
fs_error fs_write_xlsx(const fs_report *r, const char *path, fs_msg *err);

/* Writes s as a JSON string, quotes included: " and \ escaped, control characters as \n,
 * \r, \t or \u00XX, and each byte that is not part of valid UTF-8 as \ufffd, so that the
 * result is always valid JSON. The one JSON string escaper: every JSON output uses it. */
void fs_json_write_string(FILE *fp, const char *s);

#endif
