/* writer.h: the output formats and the safe output file.
 *
 * The registry in writer.c lists every format once: its name, the file extensions that
 * imply it and its writer (writers.h). fs_format_parse, fs_format_from_path and
 * fs_write_report all read it, so adding a format is a writer file and a registry row.
 * A report written to a file goes to a temporary name in the target directory and is
 * renamed into place only on success; the file and its directory are synced, the new file
 * keeps the permission bits of the one it replaces, and SIGINT, SIGTERM and SIGHUP remove
 * the temporary file (writer.c says it all). */
#ifndef FINSAM_WRITER_H
#define FINSAM_WRITER_H

#include <stddef.h>

#include "finsam/error.h"
#include "finsam/table.h"
#include "finsam/writers.h"

/* The format named s ("text", "csv", "json", "xlsx"); FS_ERR_USAGE if none. */
fs_error fs_format_parse(const char *s, fs_format *out);
/* The format implied by a file name's extension (.txt .text .csv .json .xlsx); FS_ERR_USAGE
 * if none. */
fs_error fs_format_from_path(const char *path, fs_format *out);
/* The name of f ("xlsx"); static, do not free. */
const char *fs_format_name(fs_format f);
/* The names of all formats, "text, csv, json, xlsx", into out[outsz] (for messages). */
void fs_format_names(char *out, size_t outsz);
/* 1 when f is written by file name and so cannot go to standard output (xlsx). */
int fs_format_needs_file(fs_format f);

/* Checks o->path as fs_write_report will before writing (a no-op for standard output):
 * a symbolic link is followed (its target is replaced, the link stays; a link to nothing is
 * refused); a directory, device, FIFO or socket, a file without write permission (even
 * for root) and a file that is one of o->inputs are refused with FS_ERR_USAGE and err set.
 * For a command to refuse before it reads its inputs. */
fs_error fs_output_check(const fs_write_options *o, fs_msg *err);

/* Writes the report. Every string of it (titles, sheet names, keys, labels, notes, chart
 * titles, warnings, the source line) goes through fs_safe_output() (pnr.h) first: no writer
 * sees a personnummer-shaped text, a byte that is not UTF-8 or a character XML forbids.
 * On failure nothing is left at path and an existing file there is
 * untouched; err names the file. Standard output is flushed and checked for errors. */
fs_error fs_write_report(const fs_report *r, const fs_write_options *o, fs_msg *err);

#endif
