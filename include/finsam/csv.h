/* csv.h: the one CSV adapter over libcsv.
 *
 * Streams a file (or a memory buffer) in chunks: strips a UTF-8 BOM, detects or applies the
 * encoding (UTF-8 or Windows-1252, converted to UTF-8 with iconv), detects the separator
 * among ';' ',' TAB from the header line, and hands each record to a callback with the
 * physical line number on which the record starts. Lines end with LF or CR LF; a CR
 * elsewhere is data only inside a quoted field (old Mac CR-only files are refused). Memory is bounded by the longest record,
 * which is capped (FS_CSV_MAX_FIELD per field). */
#ifndef FINSAM_CSV_H
#define FINSAM_CSV_H

#include <stddef.h>

#include "finsam/error.h"

#define FS_CSV_MAX_FIELD (1024u * 1024u) /* bytes in one field after conversion */

typedef enum fs_encoding {
    FS_ENC_AUTO = 0, /* UTF-8 when the bytes are valid UTF-8, else Windows-1252 */
    FS_ENC_UTF8,
    FS_ENC_CP1252
} fs_encoding;

/* Parses "auto", "utf-8"/"utf8", "cp1252"/"windows-1252"/"latin1"; FS_ERR_USAGE otherwise. */
fs_error fs_encoding_parse(const char *s, fs_encoding *out);

typedef struct fs_csv_options {
    char separator;       /* 0: detect from the header line */
    fs_encoding encoding; /* FS_ENC_AUTO: detect */
    int sha256;           /* also the SHA-256 of the bytes read (fs_csv_info.sha256) */
    int libcsv_only;      /* tests: every line through libcsv, the reference the fast path
                           * must read alike */
} fs_csv_options;

/* One record. Fields are NUL-terminated UTF-8 (not yet validated as NFC); valid only during
 * the callback. */
typedef struct fs_csv_record {
    char **fields;
    const size_t *lens; /* byte length of each field */
    size_t n_fields;
    unsigned long line; /* physical line where the record starts, 1-based */
} fs_csv_record;

/* Return 0 to go on, non-zero to stop reading (fs_csv_read then returns FS_OK). */
typedef int (*fs_csv_record_fn)(const fs_csv_record *rec, void *user);

/* What the reader found, for messages and tests. */
typedef struct fs_csv_info {
    char separator;
    fs_encoding encoding; /* the encoding actually used */
    int had_bom;
    unsigned long records; /* records delivered, header included */
    unsigned long long bytes; /* bytes read */
    unsigned char sha256[32]; /* with opt->sha256, when the whole input was read */
    int has_sha256;
} fs_csv_info;

/* Reads path ("-" for standard input); messages name the file by path, as given.
 * Errors: FS_ERR_IO (cannot open or read), FS_ERR_PARSE (empty file, malformed CSV,
 * unbalanced quote, invalid encoding, NUL byte, field too long, CR-only line ends, a CR
 * inside a line outside quotes). info may be NULL. */
fs_error fs_csv_read_file(const char *path, const fs_csv_options *opt, fs_csv_record_fn fn,
                          void *user, fs_csv_info *info, fs_msg *err);

/* The same over a memory buffer (tests, fuzzing). */
fs_error fs_csv_read_buffer(const char *name, const char *data, size_t len,
                            const fs_csv_options *opt, fs_csv_record_fn fn, void *user,
                            fs_csv_info *info, fs_msg *err);

#endif
