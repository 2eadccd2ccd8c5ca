/* csv.c: streaming CSV reading with encoding and separator detection.
 *
 * The text is read in blocks into one buffer that holds the line not yet complete from the
 * block before, then the new bytes. Each block is checked as UTF-8 as a whole
 * (fs_utf8_valid(); fs_utf8_valid_prefix() walks the bytes only to locate an error) or
 * converted from Windows-1252 with iconv. One pass over the text then finds every
 * separator, quote, CR and LF (64 bytes at a time, SSE2 where there is SSE2). A line
 * without a quote and without a CR other than the one before its LF means the same to
 * every CSV reader: its fields are cut out in place (separators become NULs) and handed to
 * the callback from the buffer, with no copy. Any other line, and every line of a record
 * that goes on over several lines, goes to libcsv, the parser of record, as one segment. */
#include "finsam/csv.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include <strings.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "finsam/platform.h"
#include "finsam/text.h"
#include "finsam/utf8.h"

#define CHUNK 65536 /* bytes read at a time: the block stays in the L2 cache for the passes */
#define SLACK 64    /* bytes after the text: the scanner reads 64 bytes at a time */
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

    int libcsv_only;  /* fs_csv_options.libcsv_only */
    fs_encoding enc;  /* FS_ENC_AUTO until decided */
    fs_cp1252 *cd;
    unsigned char *raw; /* Windows-1252: the block read, before conversion */

    char *text;     /* UTF-8 text: the incomplete line from the block before, then new text */
    size_t len;     /* bytes of text */
    size_t cap;     /* bytes allocated, SLACK more */
    size_t checked; /* text[0..checked) is valid UTF-8 (the rest: a sequence cut by a block) */

    struct csv_parser parser;
    int parser_ready;
    char separator;
    unsigned long line;      /* newlines fed so far */
    unsigned long seg_line;  /* line of the segment being fed */
    unsigned long rec_line;  /* line where the current record starts */
    unsigned long open_line; /* line where the quoted field still open at a line end opened */
    size_t bytes_since_record;
    int mid_record;          /* libcsv holds part of a record (a multi-line quoted field) */

    fs_buf fields;      /* libcsv's record: its fields, NUL-separated */
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

/* Room for field number n (from 0) in the record arrays. */
static int grow_fields(reader *r, size_t n)
{
    if (n < r->cap_fields)
        return 0;
    size_t cap = r->cap_fields ? 2 * r->cap_fields : 32;
    while (cap <= n)
        cap *= 2;
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
    if (grow_fields(r, r->n_fields))
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

/* The 64 bytes at p, by bit (bit i for p[i]): the separators, LFs, quotes and CRs. */
typedef struct marks {
    uint64_t sep, lf, quote, cr;
} marks;

static inline marks find_marks(const char *p, char sep)
{
    marks m = {0, 0, 0, 0};
#if defined(__SSE2__)
    const __m128i vs = _mm_set1_epi8(sep), vq = _mm_set1_epi8('"');
    const __m128i vn = _mm_set1_epi8('\n'), vr = _mm_set1_epi8('\r');
    for (int k = 0; k < 4; k++) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
        m.sep |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, vs)) << (16 * k);
        m.lf |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, vn)) << (16 * k);
        m.quote |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, vq)) << (16 * k);
        m.cr |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, vr)) << (16 * k);
    }
#else
    for (int i = 0; i < 64; i++) {
        m.sep |= (uint64_t)(p[i] == sep) << i;
        m.lf |= (uint64_t)(p[i] == '\n') << i;
        m.quote |= (uint64_t)(p[i] == '"') << i;
        m.cr |= (uint64_t)(p[i] == '\r') << i;
    }
#endif
    return m;
}

/* A line of the fast path: fields begin at r->ptrs[0..nf), each ends before the next one's
 * separator, the last at the line's end (LF, CR LF, or the end of the file). Cut out in
 * place, padding spaces dropped, as libcsv with is_space() does; a field whose bit is set
 * in quoted is a quoted one, a quote at each end and no other (scan() saw to that): its
 * text between them, spaces kept, as libcsv reads it. */
static void fast_line(reader *r, char *line, char *end, size_t nf, uint64_t quoted)
{
    if (end > line && end[-1] == '\n')
        end--;
    if (end > line && end[-1] == '\r')
        end--;
    if (end == line)
        return; /* a blank line: libcsv skips it too */
    r->rec_line = r->seg_line;
    char **ptrs = r->ptrs;
    size_t *lens = r->lens;
    ptrs[nf] = end + 1; /* the last field ends where a next one would begin, less one */
    char *next = ptrs[0];
    for (size_t k = 0; k < nf; k++, quoted >>= 1) { /* quoted: field k's bit is bit 0 */
        /* each start read once, before the stores: a char store may alias it for the
         * compiler, which would read it again */
        char *p = next, *e;
        next = ptrs[k + 1];
        e = next - 1;
        if (quoted & 1) { /* "..." as the whole field: its text as it is */
            p++;
            e--;
        } else if (p < e && (*p == ' ' || e[-1] == ' ')) { /* rare: padding to drop */
            while (p < e && *p == ' ')
                p++;
            while (e > p && e[-1] == ' ')
                e--;
        }
        *e = '\0';
        ptrs[k] = p;
        lens[k] = (size_t)(e - p);
    }
    if ((size_t)(end - line) > FS_CSV_MAX_FIELD) /* a field may be too long */
        for (size_t k = 0; k < nf; k++)
            if (lens[k] > FS_CSV_MAX_FIELD) {
                fail(r, FS_ERR_PARSE, r->rec_line, "field %zu is longer than %u bytes", k + 1,
                     FS_CSV_MAX_FIELD);
                return;
            }
    fs_csv_record rec = {r->ptrs, r->lens, nf, r->rec_line};
    r->info.records++;
    if (r->fn(&rec, r->user))
        r->stopped = 1;
    r->bytes_since_record = 0;
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

/* Follows the quotes of a line the way a CSV parser does, to remember where a quoted field
 * that is still open at the end of the line opened (r->open_line): a quote that is never
 * closed is reported there, not where the CSV finally breaks, lines later. */
static void track_quotes(reader *r, const char *s, size_t n)
{
    int quoted = r->mid_record, at_start = !quoted;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < n && s[i + 1] == '"')
                    i++; /* a doubled quote is a quote */
                else
                    quoted = 0;
            }
        } else if (c == '"' && at_start) {
            quoted = 1;
            r->open_line = r->seg_line;
        } else if (c == r->separator) {
            at_start = 1;
        } else if (c != ' ') {
            at_start = 0;
        }
    }
}

/* A line for libcsv (with its LF, unless the file ends without one). */
static void slow_line(reader *r, const char *s, size_t seg, int has_nl)
{
    if (bare_cr(r, s, seg)) {
        fail(r, FS_ERR_PARSE, r->seg_line,
             "a carriage return inside a line (mixed line ends?); save the file with "
             "CRLF or LF line ends");
        return;
    }
    int continued = r->mid_record;
    track_quotes(r, s, seg);
    unsigned long before = r->info.records;
    if (csv_parse(&r->parser, s, seg, on_field, on_record, r) != seg) {
        if (continued && r->open_line && r->open_line < r->seg_line)
            fail(r, FS_ERR_PARSE, r->open_line,
                 "unbalanced quote: the quoted field that opens on this line is not closed "
                 "(the CSV breaks at line %lu)", r->seg_line);
        else
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

/* fast_line, and for a line with quoted fields what track_quotes() would remember of it:
 * that a quoted field opened on it (the line a later unclosed quote may be reported at). */
static void fast_quoted_line(reader *r, char *line, char *end, size_t nf, uint64_t quoted)
{
    if (quoted)
        r->open_line = r->seg_line;
    fast_line(r, line, end, nf, quoted);
}

/* After a line read up to its LF: the next one begins at next (*line, the first field).
 * 1 when reading stops there (an error, or the caller said so). */
static int next_line(reader *r, char **line, char *next)
{
    r->line++;
    *line = next;
    if (r->err || r->stopped)
        return 1;
    r->ptrs[0] = next;
    return 0;
}

/* Reads the lines of s[0..n): every line that ends with LF, and with final the last one
 * too. The separators, quotes, CRs and LFs are found in one pass; a line with a quote
 * other than two around a whole field, or a stray CR, or inside a record that goes on from
 * the line before, goes to libcsv.
 * Returns the bytes consumed: the start of the line not yet complete. */
static size_t scan(reader *r, char *s, size_t n, int final)
{
    const char sep = r->separator;
    char *line = s;
    size_t nf = 1; /* fields begun in this line */
    int special = r->mid_record || r->libcsv_only;
    int in_quote = 0;    /* inside a quoted field of the fast path */
    uint64_t quoted = 0; /* the line's quoted fields, by number (fast_line) */
    if (grow_fields(r, 0))
        return 0;
    r->ptrs[0] = line;
    for (size_t base = 0; base < n; base += 64) {
        marks k = find_marks(s + base, sep);
        if (n - base < 64) {
            uint64_t in = ~0ull >> (64 - (n - base));
            k.sep &= in, k.lf &= in, k.quote &= in, k.cr &= in;
        }
        /* the common block: separators and line ends, no quote, and a CR only right before
         * an LF: its fields without looking at each byte found */
        if (!special && !in_quote && !k.quote && !(k.cr & ~(k.lf >> 1))) {
            if (nf + 65 >= r->cap_fields && grow_fields(r, nf + 65)) /* and fast_line's end */
                return (size_t)(line - s);
            for (;;) {
                uint64_t first_lf = k.lf & -k.lf; /* 0 when none */
                uint64_t seps = first_lf ? k.sep & (first_lf - 1) : k.sep;
                k.sep ^= seps;
                for (; seps; seps &= seps - 1)
                    r->ptrs[nf++] = s + base + (size_t)__builtin_ctzll(seps) + 1;
                if (!first_lf)
                    break;
                k.lf ^= first_lf;
                size_t i = base + (size_t)__builtin_ctzll(first_lf);
                r->seg_line = r->line + 1;
                fast_quoted_line(r, line, s + i + 1, nf, quoted);
                if (next_line(r, &line, s + i + 1))
                    return (size_t)(line - s);
                nf = 1;
                quoted = 0; /* special and in_quote stay 0: a fast line leaves no record open */
            }
            continue;
        }
        uint64_t m = k.sep | k.lf | k.quote | k.cr;
        while (m) {
            size_t i = base + (size_t)__builtin_ctzll(m);
            m &= m - 1;
            char c = s[i];
            if (c == sep) {
                if (!special && !in_quote) {
                    if (nf + 1 >= r->cap_fields && grow_fields(r, nf + 1)) /* and room for fast_line's end */
                        return (size_t)(line - s);
                    r->ptrs[nf++] = s + i + 1;
                }
            } else if (c == '\n') {
                r->seg_line = r->line + 1;
                if (special || in_quote) /* a quoted field that goes on: libcsv's */
                    slow_line(r, line, (size_t)(s + i + 1 - line), 1);
                else
                    fast_quoted_line(r, line, s + i + 1, nf, quoted);
                if (next_line(r, &line, s + i + 1))
                    return (size_t)(line - s);
                nf = 1;
                special = r->mid_record || r->libcsv_only;
                in_quote = 0;
                quoted = 0;
            } else if (c == '"') {
                /* the fast path takes a quote that opens a field, and the next one when a
                 * separator or the line's end follows it; any other quote is libcsv's */
                char next = i + 1 < n ? s[i + 1] : final ? '\n' : 0;
                if (!in_quote && s + i == r->ptrs[nf - 1] && nf <= 64) {
                    in_quote = 1;
                    quoted |= 1ull << (nf - 1);
                } else if (in_quote && (next == sep || next == '\n' || next == '\r')) {
                    in_quote = 0;
                } else {
                    special = 1;
                }
            } else if (in_quote || (i + 1 < n ? s[i + 1] != '\n' : !final)) {
                special = 1; /* a CR that does not end the line, or one in quotes */
            }
        }
    }
    if (final && line < s + n) { /* the last line, without LF */
        r->seg_line = r->line + 1;
        if (special || in_quote)
            slow_line(r, line, (size_t)(s + n - line), 0);
        else
            fast_quoted_line(r, line, s + n, nf, quoted);
        line = s + n;
    }
    return (size_t)(line - s);
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
    r->cd = fs_cp1252_open();
    if (!r->cd) {
        fail(r, FS_ERR_IO, 0, "iconv cannot convert from Windows-1252 on this system");
        return -1;
    }
    return 0;
}

/* Room for n more bytes of text, and the slack after them. */
static int reserve(reader *r, size_t n)
{
    if (r->len + n + SLACK <= r->cap)
        return 0;
    size_t cap = r->cap ? r->cap : 2 * CHUNK;
    while (cap < r->len + n + SLACK)
        cap *= 2;
    char *t = realloc(r->text, cap);
    if (!t) {
        fail(r, FS_ERR_MEMORY, 0, "out of memory");
        return -1;
    }
    /* The scanner reads up to 63 bytes past the text it parses (and ignores them): keep
     * every byte of the buffer defined. */
    memset(t + r->len, 0, cap - r->len);
    r->text = t;
    r->cap = cap;
    return 0;
}

/* The first text: the separator, and CR-only line ends refused. */
static void start_parser(reader *r, const char *s, size_t n)
{
    /* Old Mac files end lines with CR alone: libcsv would read them, but every line would
     * be "line 1" in messages. A CR as the very last byte may be the first half of a CR LF
     * split by the block boundary. */
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
    /* libcsv grows its field buffer by a fixed block; the default 128 bytes makes a long
     * quoted field cost quadratic time in reallocations */
    csv_set_blk_size(&r->parser, 65536);
    csv_set_space_func(&r->parser, is_space);
    r->parser_ready = 1;
}

/* Parses what text[0..end) holds: the lines that are complete (with final, all of it).
 * text[from..end) is new and not yet looked at (a NUL byte there is refused before any of
 * its lines is read). Keeps the incomplete line at the start of the buffer. */
static void take_text(reader *r, size_t from, size_t end, int final)
{
    char *t = r->text;
    if (from > end) /* an invalid byte in a sequence carried over from the block before */
        from = end;
    if (!r->parser_ready) {
        if (end == from)
            return;
        start_parser(r, t + from, end - from);
        if (r->err)
            return;
    }
    const char *nul = memchr(t + from, '\0', end - from);
    if (nul) {
        fail(r, FS_ERR_PARSE, r->line + 1 + count_newlines(t, (size_t)(nul - t)),
             "binary data (a NUL byte): not a CSV text file");
        return;
    }
    size_t limit = end;
    if (!final) { /* up to the last LF: the line after it is not complete */
        while (limit > 0 && t[limit - 1] != '\n')
            limit--;
    }
    size_t used = scan(r, t, limit, final);
    memmove(t, t + used, r->len - used);
    r->len -= used;
    r->checked = r->checked > used ? r->checked - used : 0;
    if (!r->err && !r->stopped && !final && r->len > MAX_RECORD_BYTES)
        fail(r, FS_ERR_PARSE, r->line + 1, "line longer than %u bytes", MAX_RECORD_BYTES);
}

/* UTF-8 text at text[from..len): checked as a whole, then parsed up to the first invalid
 * byte. A sequence cut by the end of the block waits for the next one. */
static void take_utf8(reader *r, size_t from, int at_eof)
{
    const unsigned char *t = (const unsigned char *)r->text;
    size_t tail = at_eof ? 0 : incomplete_tail(t + r->checked, r->len - r->checked);
    size_t want = r->len - tail;
    if (fs_utf8_valid(t + r->checked, want - r->checked)) {
        r->checked = want;
        take_text(r, from, want, at_eof);
        return;
    }
    size_t bad = r->checked + fs_utf8_valid_prefix(t + r->checked, want - r->checked);
    unsigned char byte = t[bad];
    r->checked = bad;
    take_text(r, from, bad, 0);
    fail(r, FS_ERR_PARSE, r->line + 1, "invalid UTF-8 (byte 0x%02X)%s", byte,
         r->info.had_bom ? "" : "; if the file is Windows-1252, use --encoding cp1252");
}

/* Windows-1252 bytes at text[from..len), converted to UTF-8 in their place. */
static void take_cp1252(reader *r, size_t from, int at_eof)
{
    size_t n = r->len - from;
    if (n && !r->raw && !(r->raw = malloc(CHUNK + 8))) {
        fail(r, FS_ERR_MEMORY, 0, "out of memory");
        return;
    }
    if (n)
        memcpy(r->raw, r->text + from, n);
    r->len = from;
    char *in = (char *)r->raw;
    size_t inleft = n;
    while (inleft && !r->err) {
        if (reserve(r, 3 * inleft + 16)) /* a Windows-1252 byte is at most 3 bytes of UTF-8 */
            return;
        char *out = r->text + r->len;
        size_t room = r->cap - SLACK - r->len, outleft = room;
        size_t rc = fs_cp1252_convert(r->cd, &in, &inleft, &out, &outleft);
        size_t start = r->len;
        r->len += room - outleft;
        r->checked = r->len;
        take_text(r, start, r->len, 0);
        if (rc == (size_t)-1 && errno == EILSEQ) {
            fail(r, FS_ERR_PARSE, r->line + 1, "byte 0x%02X is not a Windows-1252 character",
                 (unsigned char)*in);
        } else if (rc == (size_t)-1 && errno != E2BIG) {
            fail(r, FS_ERR_PARSE, r->line + 1, "cannot convert from Windows-1252");
        }
    }
    if (at_eof && !r->err)
        take_text(r, r->len, r->len, 1);
}

/* Bytes that look like UTF-16 without a byte-order mark: text in Latin script has a NUL
 * in every other byte, all at even or all at odd offsets (at least two, and a quarter of
 * the first 512 bytes: a stray NUL in a CSV file is binary data). */
static int looks_utf16(const unsigned char *s, size_t n)
{
    size_t zeros[2] = {0, 0};
    if (n > 512)
        n = 512;
    for (size_t i = 0; i < n; i++)
        zeros[i & 1] += s[i] == 0;
    size_t most = zeros[0] > zeros[1] ? zeros[0] : zeros[1];
    return most >= 2 && most * 4 >= n && (!zeros[0] || !zeros[1]);
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
    int first = 1;
    r->enc = opt ? opt->encoding : FS_ENC_AUTO;
    r->separator = opt ? opt->separator : 0;
    r->libcsv_only = opt && opt->libcsv_only;
    crypto_hash_sha256_state sha;
    if (opt && opt->sha256) {
        crypto_hash_sha256_init(&sha);
        r->sha = &sha;
    }
    r->info.encoding = r->enc == FS_ENC_AUTO ? FS_ENC_UTF8 : r->enc;
    for (;;) {
        if (reserve(r, CHUNK))
            break;
        size_t from = r->len;
        unsigned char *s = (unsigned char *)r->text + from;
        size_t n = read_more(r, s, CHUNK);
        if (r->err)
            break;
        int at_eof = n == 0;
        if (first && n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
            fail(r, FS_ERR_PARSE, 0, "the file is UTF-16; save it as UTF-8 or \"CSV (;)\"");
            break;
        }
        if (first && looks_utf16(s, n)) {
            fail(r, FS_ERR_PARSE, 0, "the file is UTF-16 (without a byte-order mark); save it "
                                     "as UTF-8 or \"CSV (;)\"");
            break;
        }
        if (first && n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
            r->info.had_bom = 1;
            if (r->enc == FS_ENC_AUTO)
                r->enc = FS_ENC_UTF8;
            memmove(s, s + 3, n - 3);
            n -= 3;
        }
        first = 0;
        r->len = from + n;
        if (r->enc == FS_ENC_AUTO && r->len > r->checked)
            decide_encoding(r, (const unsigned char *)r->text + r->checked, r->len - r->checked,
                            at_eof);
        if (r->enc == FS_ENC_CP1252) {
            if (!r->cd && open_iconv(r))
                break;
            r->info.encoding = FS_ENC_CP1252;
            take_cp1252(r, r->checked < from ? r->checked : from, at_eof);
        } else {
            /* UTF-8, or still undecided: then everything so far is ASCII except perhaps a
             * sequence cut by the end of the block, which waits for the next one */
            r->info.encoding = FS_ENC_UTF8;
            take_utf8(r, from, at_eof);
        }
        if (r->err || r->stopped || at_eof)
            break;
    }
    if (!r->err && !r->stopped && r->parser_ready) {
        r->seg_line = r->line + 1;
        if (csv_fini(&r->parser, on_field, on_record, r) != 0)
            fail(r, FS_ERR_PARSE, r->open_line ? r->open_line : r->rec_line ? r->rec_line : r->line,
                 "unbalanced quote: a quoted field is not closed before the end of the file");
    }
    if (!r->err && r->info.records == 0)
        fail(r, FS_ERR_PARSE, 0, "the file is empty");
    if (r->sha && !r->err && !r->stopped) { /* the whole file was read */
        crypto_hash_sha256_final(r->sha, r->info.sha256);
        r->info.has_sha256 = 1;
    }
    r->sha = NULL;
    if (r->parser_ready)
        csv_free(&r->parser);
    fs_cp1252_close(r->cd);
    free(r->text);
    free(r->raw);
    free(r->offsets);
    free(r->ptrs);
    free(r->lens);
    fs_buf_free(&r->fields);
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
