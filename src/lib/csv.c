/* csv.c: streaming CSV reading over libcsv with encoding and separator detection. */
#include "finsam/csv.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include <strings.h>

#include "finsam/text.h"

#define CHUNK 65536
#define MAX_RECORD_BYTES (4u * FS_CSV_MAX_FIELD)

fs_error fs_encoding_parse(const char *s, fs_encoding *out)
{
    if (!strcmp(s, "auto"))
        *out = FS_ENC_AUTO;
    else if (!strcasecmp(s, "utf-8") || !strcasecmp(s, "utf8"))
        *out = FS_ENC_UTF8;
    else if (!strcasecmp(s, "cp1252") || !strcasecmp(s, "windows-1252") ||
             !strcasecmp(s, "latin1") || !strcasecmp(s, "iso-8859-1"))
        *out = FS_ENC_CP1252;
    else
        return FS_ERR_USAGE;
    return FS_OK;
}

typedef struct reader {
    const char *name;
    FILE *fp;
    crypto_hash_sha256_state *sha; /* opt->sha256: the bytes as read */
    const char *mem;
    size_t mem_len, mem_pos;

    fs_encoding enc;  /* FS_ENC_AUTO until decided */
    iconv_t cd;
    unsigned char carry[4]; /* an incomplete UTF-8 sequence at the end of a chunk */
    size_t carry_len;
    char *conv;             /* iconv output buffer */
    size_t conv_cap;

    struct csv_parser parser;
    int parser_ready;
    char separator;
    unsigned long line;      /* newlines fed so far */
    unsigned long seg_line;  /* line of the segment being fed */
    unsigned long rec_line;  /* line where the current record starts */
    size_t bytes_since_record;
    int mid_record;          /* libcsv holds part of a record (a multi-line quoted field) */
    fs_buf partial;          /* a line not yet complete at the end of a chunk */

    fs_buf fields;      /* current record's fields, NUL-separated */
    size_t *offsets;
    size_t *lens;
    char **ptrs;
    size_t n_fields, cap_fields;

    fs_csv_record_fn fn;
    void *user;
    int stopped;
    fs_error err;
    fs_msg *msg;
    fs_csv_info info;
} reader;

static void fail(reader *r, fs_error e, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void fail(reader *r, fs_error e, unsigned long line, const char *fmt, ...)
{
    if (r->err)
        return;
    char detail[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    r->err = e;
    if (line)
        fs_msg_set(r->msg, "%s:%lu: %s", r->name, line, detail);
    else
        fs_msg_set(r->msg, "%s: %s", r->name, detail);
}

static unsigned long count_newlines(const char *s, size_t n)
{
    unsigned long k = 0;
    for (const char *p = s; (p = memchr(p, '\n', n - (size_t)(p - s))) != NULL; p++)
        k++;
    return k;
}

/* Room for one more field in the record arrays. */
static int grow_fields(reader *r)
{
    if (r->n_fields < r->cap_fields)
        return 0;
    size_t cap = r->cap_fields ? 2 * r->cap_fields : 32;
    size_t *o = realloc(r->offsets, cap * sizeof *o);
    if (o)
        r->offsets = o;
    size_t *l = o ? realloc(r->lens, cap * sizeof *l) : NULL;
    if (l)
        r->lens = l;
    char **p = l ? realloc(r->ptrs, cap * sizeof *p) : NULL;
    if (!p) {
        fail(r, FS_ERR_MEMORY, r->rec_line, "out of memory");
        return -1;
    }
    r->ptrs = p;
    r->cap_fields = cap;
    return 0;
}

static void on_field(void *s, size_t len, void *ctx)
{
    reader *r = ctx;
    if (r->err || r->stopped)
        return;
    if (r->n_fields == 0)
        r->rec_line = r->seg_line - (s ? count_newlines(s, len) : 0);
    if (len > FS_CSV_MAX_FIELD) {
        fail(r, FS_ERR_PARSE, r->rec_line, "field %zu is longer than %u bytes", r->n_fields + 1,
             FS_CSV_MAX_FIELD);
        return;
    }
    if (grow_fields(r))
        return;
    r->offsets[r->n_fields] = r->fields.len;
    r->lens[r->n_fields++] = len;
    fs_buf_append(&r->fields, s ? s : "", len);
    fs_buf_append(&r->fields, "", 1); /* the NUL terminator is part of the record buffer */
    if (r->fields.failed)
        fail(r, FS_ERR_MEMORY, r->rec_line, "out of memory");
}

static void on_record(int c, void *ctx)
{
    reader *r = ctx;
    (void)c;
    if (r->err || r->stopped) {
        r->n_fields = 0;
        r->fields.len = 0;
        return;
    }
    for (size_t i = 0; i < r->n_fields; i++)
        r->ptrs[i] = r->fields.data + r->offsets[i];
    fs_csv_record rec = {r->ptrs, r->lens, r->n_fields, r->rec_line};
    r->info.records++;
    if (r->n_fields && r->fn(&rec, r->user))
        r->stopped = 1;
    r->n_fields = 0;
    r->fields.len = 0;
    r->bytes_since_record = 0;
}

static char detect_separator(const char *s, size_t n)
{
    size_t counts[3] = {0, 0, 0};
    const char cands[3] = {';', ',', '\t'};
    int quoted = 0;
    for (size_t i = 0; i < n && (quoted || s[i] != '\n'); i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted)
            for (int k = 0; k < 3; k++)
                counts[k] += s[i] == cands[k];
    }
    int best = 0;
    for (int k = 1; k < 3; k++)
        if (counts[k] > counts[best])
            best = k;
    return cands[best];
}

/* Only ' ' counts as padding around fields (libcsv's default also strips TAB, which can be
 * the separator). Callers trim fields themselves. */
static int is_space(unsigned char c)
{
    return c == ' ';
}

/* The fast path for the common line: outside any record, no quote and no CR but before the
 * final LF. Such a line means the same to every CSV reader, so it is split here with
 * memchr instead of byte by byte through libcsv; everything else goes to libcsv. */
static int fast_line(reader *r, const char *s, size_t n)
{
    if (r->mid_record || memchr(s, '"', n))
        return 0;
    size_t len = n;
    if (len && s[len - 1] == '\n')
        len--;
    if (len && s[len - 1] == '\r')
        len--;
    if (memchr(s, '\r', len))
        return 0;
    if (len == 0)
        return 1; /* a blank line: libcsv skips it too */
    r->rec_line = r->seg_line;
    r->n_fields = 0;
    r->fields.len = 0;
    fs_buf_append(&r->fields, s, len); /* one copy; separators become NULs */
    fs_buf_append(&r->fields, "", 1);
    if (r->fields.failed) {
        fail(r, FS_ERR_MEMORY, r->rec_line, "out of memory");
        return 1;
    }
    char *p = r->fields.data, *end = p + len;
    for (;;) {
        char *q = memchr(p, r->separator, (size_t)(end - p));
        char *e = q ? q : end;
        while (p < e && *p == ' ') /* padding, as libcsv with is_space() */
            p++;
        char *t = e;
        while (t > p && t[-1] == ' ')
            t--;
        if ((size_t)(t - p) > FS_CSV_MAX_FIELD) {
            fail(r, FS_ERR_PARSE, r->rec_line, "field %zu is longer than %u bytes",
                 r->n_fields + 1, FS_CSV_MAX_FIELD);
            return 1;
        }
        if (grow_fields(r))
            return 1;
        *t = '\0';
        r->offsets[r->n_fields] = (size_t)(p - r->fields.data);
        r->lens[r->n_fields++] = (size_t)(t - p);
        if (!q)
            break;
        p = q + 1;
    }
    on_record(-1, r);
    return 1;
}

/* 1 when the line holds a CR that is neither part of its end (CR LF, or CR CR LF) nor
 * inside a quoted field. libcsv would end the record there, so that the rest of the line
 * became a record of its own with the wrong line number: mixed line ends, refused. */
static int bare_cr(const reader *r, const char *s, size_t n)
{
    size_t end = n;
    if (end && s[end - 1] == '\n')
        end--;
    while (end && s[end - 1] == '\r')
        end--;
    if (!memchr(s, '\r', end))
        return 0;
    int quoted = r->mid_record; /* a quoted field from the line before goes on */
    for (size_t i = 0; i < end; i++) {
        if (s[i] == '"')
            quoted = !quoted; /* a doubled quote toggles twice */
        else if (s[i] == '\r' && !quoted)
            return 1;
    }
    return 0;
}

/* One physical line (with its LF, unless the file ends without one). */
static void feed_line(reader *r, const char *s, size_t seg, int has_nl)
{
    r->seg_line = r->line + 1;
    if (!fast_line(r, s, seg)) {
        if (bare_cr(r, s, seg)) {
            fail(r, FS_ERR_PARSE, r->seg_line,
                 "a carriage return inside a line (mixed line ends?); save the file with "
                 "CRLF or LF line ends");
            return;
        }
        unsigned long before = r->info.records;
        if (csv_parse(&r->parser, s, seg, on_field, on_record, r) != seg) {
            fail(r, FS_ERR_PARSE, r->seg_line,
                 "malformed CSV: a quote inside an unquoted field or after a closing quote");
            return;
        }
        if (r->info.records != before)
            r->mid_record = 0;
        else if (seg > (size_t)has_nl + (seg > 1 && s[seg - 2] == '\r'))
            r->mid_record = 1; /* a quoted field goes on on the next line */
        r->bytes_since_record = r->mid_record ? r->bytes_since_record + seg : 0;
        if (r->bytes_since_record > MAX_RECORD_BYTES)
            fail(r, FS_ERR_PARSE, r->rec_line ? r->rec_line : r->seg_line,
                 "record longer than %u bytes (an unbalanced quote?)", MAX_RECORD_BYTES);
    }
    if (has_nl)
        r->line++;
}

/* Feeds UTF-8 text one physical line at a time, counting lines. */
static void feed(reader *r, const char *s, size_t n)
{
    if (!r->parser_ready) {
        if (n == 0)
            return;
        /* Old Mac files end lines with CR alone: libcsv would read them, but every line
         * would be "line 1" in messages. A CR as the very last byte may be the first half
         * of a CR LF split by the chunk boundary. */
        if (!memchr(s, '\n', n) && n > 1 && memchr(s, '\r', n - 1)) {
            fail(r, FS_ERR_PARSE, 0, "line ends are CR only (old Mac format); save the file "
                                     "with CRLF or LF line ends");
            return;
        }
        r->separator = r->separator ? r->separator : detect_separator(s, n);
        r->info.separator = r->separator;
        if (csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)) {
            fail(r, FS_ERR_MEMORY, 0, "out of memory");
            return;
        }
        csv_set_delim(&r->parser, (unsigned char)r->separator);
        /* libcsv grows its field buffer by a fixed block; the default 128 bytes makes a
         * long quoted field cost quadratic time in reallocations */
        csv_set_blk_size(&r->parser, 65536);
        csv_set_space_func(&r->parser, is_space);
        r->parser_ready = 1;
    }
    const char *nul = memchr(s, '\0', n);
    if (nul) {
        fail(r, FS_ERR_PARSE, r->line + 1 + count_newlines(s, (size_t)(nul - s)),
             "binary data (a NUL byte): not a CSV text file");
        return;
    }
    /* a line split across chunks is put together first; run() feeds the last one */
    size_t pos = 0;
    while (pos < n && !r->err && !r->stopped) {
        const char *nl = memchr(s + pos, '\n', n - pos);
        size_t seg = nl ? (size_t)(nl - (s + pos)) + 1 : n - pos;
        if (!nl) {
            /* keep the partial line for the next chunk */
            if (r->partial.len + seg > MAX_RECORD_BYTES) {
                fail(r, FS_ERR_PARSE, r->line + 1,
                     "line longer than %u bytes", MAX_RECORD_BYTES);
                return;
            }
            fs_buf_append(&r->partial, s + pos, seg);
            if (r->partial.failed)
                fail(r, FS_ERR_MEMORY, r->line + 1, "out of memory");
            return;
        }
        if (r->partial.len) {
            fs_buf_append(&r->partial, s + pos, seg);
            if (r->partial.failed) {
                fail(r, FS_ERR_MEMORY, r->line + 1, "out of memory");
                return;
            }
            feed_line(r, r->partial.data, r->partial.len, nl != NULL);
            r->partial.len = 0;
        } else {
            feed_line(r, s + pos, seg, nl != NULL);
        }
        pos += seg;
    }
}

/* Bytes at the end of s[0..n) that may begin a UTF-8 sequence completed by the next chunk. */
static size_t incomplete_tail(const unsigned char *s, size_t n)
{
    for (size_t k = 1; k <= 3 && k <= n; k++) {
        unsigned char c = s[n - k];
        if ((c & 0xC0) == 0x80)
            continue;
        size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return need > k ? k : 0;
    }
    return 0;
}

static void feed_utf8(reader *r, const unsigned char *s, size_t n, int at_eof)
{
    size_t ok = fs_utf8_valid_prefix(s, n);
    if (ok == n) {
        feed(r, (const char *)s, n);
        return;
    }
    size_t tail = at_eof ? 0 : incomplete_tail(s, n);
    if (tail && ok == n - tail && fs_utf8_valid_prefix(s, ok) == ok) {
        feed(r, (const char *)s, ok);
        memcpy(r->carry, s + ok, tail);
        r->carry_len = tail;
        return;
    }
    feed(r, (const char *)s, ok);
    fail(r, FS_ERR_PARSE, r->line + 1,
         "invalid UTF-8 (byte 0x%02X)%s", s[ok],
         r->info.had_bom ? "" : "; if the file is Windows-1252, use --encoding cp1252");
}

static void feed_cp1252(reader *r, const unsigned char *s, size_t n)
{
    if (r->conv_cap < 3 * CHUNK + 16) {
        r->conv_cap = 3 * CHUNK + 16;
        r->conv = malloc(r->conv_cap);
        if (!r->conv) {
            fail(r, FS_ERR_MEMORY, 0, "out of memory");
            return;
        }
    }
    char *in = (char *)s;
    size_t inleft = n;
    while (inleft && !r->err) {
        char *out = r->conv;
        size_t outleft = r->conv_cap;
        size_t rc = iconv(r->cd, &in, &inleft, &out, &outleft);
        feed(r, r->conv, r->conv_cap - outleft);
        if (rc == (size_t)-1 && errno == EILSEQ) {
            fail(r, FS_ERR_PARSE, r->line + 1, "byte 0x%02X is not a Windows-1252 character",
                 (unsigned char)*in);
        } else if (rc == (size_t)-1 && errno != E2BIG) {
            fail(r, FS_ERR_PARSE, r->line + 1, "cannot convert from Windows-1252");
        }
    }
}

/* Decides the encoding on the first non-ASCII character: a valid UTF-8 sequence means
 * UTF-8, anything else Windows-1252 (whose bytes before it were ASCII and so the same). */
static void decide_encoding(reader *r, const unsigned char *s, size_t n, int at_eof)
{
    size_t i = 0;
    while (i < n && s[i] < 0x80)
        i++;
    if (i == n)
        return;
    size_t ok = fs_utf8_valid_prefix(s + i, n - i);
    int incomplete = !at_eof && ok == 0 && incomplete_tail(s, n) == n - i;
    if (incomplete)
        return;
    r->enc = ok > 0 ? FS_ENC_UTF8 : FS_ENC_CP1252;
}

static int open_iconv(reader *r)
{
    r->cd = iconv_open("UTF-8", "WINDOWS-1252");
    if (r->cd == (iconv_t)-1) {
        fail(r, FS_ERR_IO, 0, "iconv cannot convert from Windows-1252 on this system");
        return -1;
    }
    return 0;
}

static void process_chunk(reader *r, unsigned char *s, size_t n, int at_eof)
{
    if (r->enc == FS_ENC_AUTO)
        decide_encoding(r, s, n, at_eof);
    if (r->enc == FS_ENC_CP1252) {
        if (r->cd == (iconv_t)-1 && open_iconv(r))
            return;
        r->info.encoding = FS_ENC_CP1252;
        feed_cp1252(r, s, n);
    } else {
        /* UTF-8, or still undecided: then everything so far is ASCII except perhaps an
         * incomplete sequence at the end, which feed_utf8 carries over. */
        r->info.encoding = FS_ENC_UTF8;
        feed_utf8(r, s, n, at_eof);
    }
}

static size_t read_more(reader *r, unsigned char *buf, size_t cap)
{
    size_t got;
    if (r->fp) {
        got = fread(buf, 1, cap, r->fp);
        if (got < cap && ferror(r->fp))
            fail(r, FS_ERR_IO, 0, "read error: %s", strerror(errno));
    } else {
        got = r->mem_len - r->mem_pos < cap ? r->mem_len - r->mem_pos : cap;
        memcpy(buf, r->mem + r->mem_pos, got);
        r->mem_pos += got;
    }
    r->info.bytes += got;
    if (r->sha)
        crypto_hash_sha256_update(r->sha, buf, got);
    return got;
}

static fs_error run(reader *r, const fs_csv_options *opt, fs_csv_info *info)
{
    unsigned char *buf = malloc(CHUNK + 4);
    int first = 1;
    if (!buf) {
        fail(r, FS_ERR_MEMORY, 0, "out of memory");
        goto cleanup;
    }
    r->enc = opt ? opt->encoding : FS_ENC_AUTO;
    r->separator = opt ? opt->separator : 0;
    crypto_hash_sha256_state sha;
    if (opt && opt->sha256) {
        crypto_hash_sha256_init(&sha);
        r->sha = &sha;
    }
    r->info.encoding = r->enc == FS_ENC_AUTO ? FS_ENC_UTF8 : r->enc;
    for (;;) {
        memcpy(buf, r->carry, r->carry_len);
        size_t have = r->carry_len;
        r->carry_len = 0;
        size_t got = read_more(r, buf + have, CHUNK);
        if (r->err)
            break;
        int at_eof = got == 0;
        size_t n = have + got;
        unsigned char *s = buf;
        if (first && n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
            fail(r, FS_ERR_PARSE, 0, "the file is UTF-16; save it as UTF-8 or \"CSV (;)\"");
            break;
        }
        if (first && n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
            r->info.had_bom = 1;
            if (r->enc == FS_ENC_AUTO)
                r->enc = FS_ENC_UTF8;
            s += 3;
            n -= 3;
        }
        first = 0;
        if (n)
            process_chunk(r, s, n, at_eof);
        if (r->err || r->stopped || at_eof)
            break;
    }
    if (!r->err && !r->stopped && r->partial.len)
        feed_line(r, r->partial.data, r->partial.len, 0); /* no newline at the end */
    if (!r->err && !r->stopped && r->parser_ready) {
        r->seg_line = r->line + 1;
        if (csv_fini(&r->parser, on_field, on_record, r) != 0)
            fail(r, FS_ERR_PARSE, r->rec_line ? r->rec_line : r->line,
                 "unbalanced quote: a quoted field is not closed before the end of the file");
    }
    if (!r->err && r->info.records == 0)
        fail(r, FS_ERR_PARSE, 0, "the file is empty");
cleanup:
    if (r->sha && !r->err && !r->stopped) { /* the whole file was read */
        crypto_hash_sha256_final(r->sha, r->info.sha256);
        r->info.has_sha256 = 1;
    }
    r->sha = NULL;
    if (r->parser_ready)
        csv_free(&r->parser);
    if (r->cd != (iconv_t)-1)
        iconv_close(r->cd);
    free(buf);
    free(r->conv);
    free(r->offsets);
    free(r->ptrs);
    free(r->lens);
    fs_buf_free(&r->fields);
    fs_buf_free(&r->partial);
    if (info)
        *info = r->info;
    return r->err;
}

fs_error fs_csv_read_buffer(const char *name, const char *data, size_t len,
                            const fs_csv_options *opt, fs_csv_record_fn fn, void *user,
                            fs_csv_info *info, fs_msg *err)
{
    reader r = {0};
    r.name = name ? name : "(buffer)";
    r.mem = data;
    r.mem_len = len;
    r.cd = (iconv_t)-1;
    r.fn = fn;
    r.user = user;
    r.msg = err;
    return run(&r, opt, info);
}

fs_error fs_csv_read_file(const char *path, const fs_csv_options *opt, fs_csv_record_fn fn,
                          void *user, fs_csv_info *info, fs_msg *err)
{
    reader r = {0};
    r.name = path;
    r.cd = (iconv_t)-1;
    r.fn = fn;
    r.user = user;
    r.msg = err;
    int is_stdin = strcmp(path, "-") == 0;
    r.fp = is_stdin ? stdin : fopen(path, "rb");
    if (!r.fp) {
        fs_msg_set(err, "%s: cannot open: %s", path, strerror(errno));
        return FS_ERR_IO;
    }
    fs_error e = run(&r, opt, info);
    if (!is_stdin)
        fclose(r.fp);
    return e;
}
