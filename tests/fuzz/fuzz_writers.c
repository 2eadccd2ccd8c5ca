/* libFuzzer target: every writer, through fs_write_report (the one way a report reaches a
 * writer), on random reports: strings of any bytes (not UTF-8, control characters, U+FFFE,
 * personnummer), numbers of any value (NaN, infinities, huge), suppressed cells, detail and
 * total rows, notes, charts, warnings. Each output is then checked:
 *   - text, Markdown and HTML: valid UTF-8;
 *   - JSON: parses (a strict RFC 8259 check below);
 *   - CSV (rfc4180): the CSV reader reads back exactly the cells that were written;
 *   - xlsx: a zip whose every part parses as XML (libxml2), after inflating it (zlib).
 * A write that fails, or an output that does not pass, aborts. */
#define _XOPEN_SOURCE 700
#include <libxml/parser.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "finsam/cellfmt.h"
#include "finsam/csv.h"
#include "finsam/pnr.h"
#include "finsam/table.h"
#include "finsam/text.h"
#include "finsam/writer.h"

/* ---- the input as a source of choices ---- */

typedef struct src {
    const uint8_t *p;
    size_t n;
} src;

static unsigned byte(src *s)
{
    if (!s->n)
        return 0;
    s->n--;
    return *s->p++;
}

/* A string of 0-31 bytes of the input, NUL bytes left out. Caller frees. */
static char *string(src *s)
{
    size_t len = byte(s) % 32, o = 0;
    char *str = malloc(len + 1);
    if (!str)
        abort();
    for (size_t i = 0; i < len && s->n; i++) {
        unsigned c = byte(s);
        if (c)
            str[o++] = (char)c;
    }
    str[o] = '\0';
    return str;
}

static double number(src *s)
{
    static const double special[] = {0.0, -0.0, 1.0, 0.5, 1e300, -1e300, 1e-300, 12345.678};
    unsigned k = byte(s);
    if (k < 16)
        return k < 8 ? special[k] : k < 10 ? NAN : k < 12 ? INFINITY : -INFINITY;
    if (k < 128)
        return (double)(k - 64);
    uint64_t bits = 0;
    for (int i = 0; i < 8; i++)
        bits = bits << 8 | byte(s);
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

static fs_table *random_table(src *s)
{
    char *key = string(s), *title = string(s);
    fs_table *t = fs_table_new(key, title);
    free(key);
    free(title);
    if (!t)
        abort();
    if (byte(s) & 1) {
        char *sheet = string(s);
        if (fs_table_set_sheet(t, sheet))
            abort();
        free(sheet);
    }
    size_t n_cols = byte(s) % 6, n_rows = byte(s) % 12;
    for (size_t c = 0; c < n_cols; c++) {
        char *k = string(s), *l = string(s);
        unsigned kind = byte(s) % 4;
        int count_col = kind == FS_COL_SHARE && c > 0 ? (int)(byte(s) % c) : -1;
        if (fs_table_add_col(t, k, l, (fs_col_kind)kind, (int)(byte(s) % 8) - 1, count_col) < 0)
            abort();
        free(k);
        free(l);
    }
    for (size_t r = 0; r < n_rows; r++) {
        char *k = string(s), *l = string(s);
        unsigned flags = byte(s);
        fs_row *row = fs_table_add_row(t, k, l, (flags & 1) && r > 0, (flags & 2) != 0);
        free(k);
        free(l);
        if (!row)
            abort();
        for (size_t c = 0; c < n_cols; c++) {
            row->cells[c].value = number(s);
            row->cells[c].shown = (byte(s) & 1) ? number(s) : row->cells[c].value;
        }
    }
    unsigned how = byte(s);
    fs_table_round(t, (fs_rounding)(how % 3), (int)(how / 3 % 4), (how >> 5) & 1);
    fs_table_suppress(t, (int)(byte(s) % 6));
    for (size_t i = byte(s) % 4; i > 0; i--) {
        char *note = string(s);
        if (fs_table_add_note(t, "%s", note))
            abort();
        free(note);
    }
    if (n_rows && (byte(s) & 3) == 3) { /* a line chart of rows over the columns */
        const char *keys[FS_CHART_MAX_SERIES];
        size_t n = 1 + byte(s) % (n_rows < FS_CHART_MAX_SERIES ? n_rows : FS_CHART_MAX_SERIES);
        for (size_t i = 0; i < n; i++)
            keys[i] = t->rows[byte(s) % n_rows].key;
        char *ct = string(s);
        if (fs_table_set_line_chart(t, ct, keys, n))
            abort();
        free(ct);
    } else if (n_cols && (byte(s) & 1)) {
        char *ct = string(s);
        const char *s1 = t->cols[byte(s) % n_cols].key;
        const char *s2 = (byte(s) & 1) ? t->cols[byte(s) % n_cols].key : NULL;
        if (fs_table_set_chart(t, ct, byte(s) & 1, s1, s2))
            abort();
        free(ct);
    }
    return t;
}

static fs_report *random_report(src *s)
{
    fs_report *r = fs_report_new("fuzz", (byte(s) & 1) ? "en" : "sv");
    if (!r)
        abort();
    for (size_t i = 1 + byte(s) % 3; i > 0; i--) {
        fs_table *t = random_table(s);
        t->continues = r->n_tables > 0 && (byte(s) & 1); /* below the one before, same sheet */
        unsigned board = byte(s);
        t->figures = board & 1; /* HTML: key-figure tiles */
        if (board & 2) {         /* HTML: one of the small multiples */
            char *h = string(s), *l = string(s);
            if (fs_table_set_multiple(t, h, l))
                abort();
            free(h);
            free(l);
        }
        if (fs_report_add_table(r, t))
            abort();
    }
    if (byte(s) & 1) {
        r->doc_title = string(s);
        r->doc_subject = string(s);
        r->doc_comments = string(s);
    }
    for (size_t i = byte(s) % 3; i > 0; i--) {
        char *w = string(s);
        if (fs_report_add_warning(r, w))
            abort();
        free(w);
    }
    if (byte(s) & 1)
        r->source = string(s);
    r->has_period = byte(s) & 1;
    r->period.from = 19723;
    r->period.to = 19904;
    r->created = 1719792000;
    return r;
}

/* ---- reading an output back ---- */

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        abort();
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, fp) != (size_t)n)
        abort();
    fclose(fp);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

/* A strict JSON checker (RFC 8259): returns the position after one value, or NULL. */
static const char *ws(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    return p;
}

static const char *json_value(const char *p, int depth);

static const char *json_string(const char *p)
{
    if (*p++ != '"')
        return NULL;
    while (*p != '"') {
        unsigned char c = (unsigned char)*p;
        unsigned long cp;
        if (c < 0x20)
            return NULL;
        if (c == '\\') {
            p++;
            if (*p == 'u') {
                for (int i = 1; i <= 4; i++)
                    if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
                        return NULL;
                p += 5;
            } else if (*p && strchr("\"\\/bfnrt", *p)) {
                p++;
            } else {
                return NULL;
            }
            continue;
        }
        size_t k = fs_utf8_decode((const unsigned char *)p, strlen(p), &cp);
        if (!k)
            return NULL;
        p += k;
    }
    return p + 1;
}

static const char *json_number(const char *p)
{
    if (*p == '-')
        p++;
    if (*p == '0')
        p++;
    else if (*p >= '1' && *p <= '9')
        while (*p >= '0' && *p <= '9')
            p++;
    else
        return NULL;
    if (*p == '.') {
        p++;
        if (!(*p >= '0' && *p <= '9'))
            return NULL;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!(*p >= '0' && *p <= '9'))
            return NULL;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return p;
}

static const char *json_value(const char *p, int depth)
{
    if (depth > 64)
        return NULL;
    p = ws(p);
    if (*p == '{' || *p == '[') {
        char close = *p == '{' ? '}' : ']';
        p = ws(p + 1);
        if (*p == close)
            return p + 1;
        for (;;) {
            if (close == '}') {
                if (!(p = json_string(ws(p))) || *(p = ws(p)) != ':')
                    return NULL;
                p++;
            }
            if (!(p = json_value(p, depth + 1)))
                return NULL;
            p = ws(p);
            if (*p == ',') {
                p++;
                continue;
            }
            return *p == close ? p + 1 : NULL;
        }
    }
    if (*p == '"')
        return json_string(p);
    if (strncmp(p, "true", 4) == 0 || strncmp(p, "null", 4) == 0)
        return p + 4;
    if (strncmp(p, "false", 5) == 0)
        return p + 5;
    return json_number(p);
}

static void check_json(const char *buf, size_t len)
{
    const char *end = json_value(buf, 0);
    if (!end || strlen(buf) != len || *ws(end) != '\0') {
        fprintf(stderr, "invalid JSON at byte %ld\n", end ? (long)(end - buf) : -1L);
        abort();
    }
}

/* The CSV read back: every non-empty record must be the next expected one. */
typedef struct csv_back {
    const fs_report *r; /* the report as the writer saw it: strings made safe */
    char **want;        /* expected records, fields joined by \x1F, empty ones left out */
    size_t n_want, next;
} csv_back;

static int on_record(const fs_csv_record *rec, void *user)
{
    csv_back *b = user;
    if (rec->n_fields == 1 && rec->lens[0] == 0)
        return 0;
    fs_buf got = {0};
    fs_buf_puts(&got, "");
    for (size_t i = 0; i < rec->n_fields; i++) {
        if (i)
            fs_buf_puts(&got, "\x1F");
        fs_buf_append(&got, rec->fields[i], rec->lens[i]);
    }
    if (b->next >= b->n_want || strcmp(got.data, b->want[b->next]) != 0) {
        fprintf(stderr, "CSV record %zu read back as [%s], written [%s]\n", b->next, got.data,
                b->next < b->n_want ? b->want[b->next] : "(none)");
        abort();
    }
    b->next++;
    fs_buf_free(&got);
    return 0;
}

static void want_record(csv_back *b, fs_buf *rec)
{
    if (rec->len == 0) { /* one empty field: the reader's empty line */
        fs_buf_free(rec);
        return;
    }
    b->want = realloc(b->want, (b->n_want + 1) * sizeof *b->want);
    if (!b->want)
        abort();
    b->want[b->n_want++] = rec->data;
    memset(rec, 0, sizeof *rec);
}

static void check_csv(const fs_report *safe, const char *buf, size_t len)
{
    csv_back b = {safe, NULL, 0, 0};
    char cell[FS_CELL_TEXT_MAX];
    fs_numfmt nf = {0, 0, 0, 0}; /* as write_csv.c writes rfc4180 */
    for (size_t i = 0; i < safe->n_tables; i++) {
        const fs_table *t = safe->tables[i];
        fs_buf rec = {0};
        fs_buf_puts(&rec, t->title);
        for (size_t c = 0; c < t->n_cols; c++) {
            fs_buf_puts(&rec, "\x1F");
            fs_buf_puts(&rec, t->cols[c].label);
        }
        want_record(&b, &rec);
        for (size_t r = 0; r < t->n_rows; r++) {
            fs_buf_puts(&rec, t->rows[r].label);
            for (size_t c = 0; c < t->n_cols; c++) {
                fs_cell_text(t, r, c, &nf, cell, sizeof cell);
                fs_buf_puts(&rec, "\x1F");
                fs_buf_puts(&rec, cell);
            }
            want_record(&b, &rec);
        }
    }
    /* the reader drops a byte-order mark at the start: the first title may lose one */
    if (b.n_want && strncmp(b.want[0], "\xEF\xBB\xBF", 3) == 0)
        memmove(b.want[0], b.want[0] + 3, strlen(b.want[0]) - 2);
    if (b.n_want == 0) { /* only empty lines: nothing for the reader, which calls it empty */
        if (strspn(buf, "\r\n") != len)
            abort();
        free(b.want);
        return;
    }
    fs_csv_options opt = {.separator = ',', .encoding = FS_ENC_UTF8};
    fs_msg msg = {""};
    if (fs_csv_read_buffer("out.csv", buf, len, &opt, on_record, &b, NULL, &msg) != FS_OK) {
        fprintf(stderr, "the CSV output does not read back: %s\n", msg.text);
        abort();
    }
    if (b.next != b.n_want) {
        fprintf(stderr, "CSV: %zu records read back, %zu written\n", b.next, b.n_want);
        abort();
    }
    for (size_t i = 0; i < b.n_want; i++)
        free(b.want[i]);
    free(b.want);
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

/* Every part of the zip is inflated and parsed as XML. */
static void check_xlsx(const unsigned char *z, size_t len)
{
    size_t eocd = len >= 22 ? len - 22 : 0;
    while (eocd > 0 && le32(z + eocd) != 0x06054b50)
        eocd--;
    if (len < 22 || le32(z + eocd) != 0x06054b50)
        abort();
    size_t entries = le16(z + eocd + 10), cd = le32(z + eocd + 16);
    for (size_t i = 0; i < entries; i++) {
        if (cd + 46 > len || le32(z + cd) != 0x02014b50)
            abort();
        unsigned method = le16(z + cd + 10);
        size_t csize = le32(z + cd + 20), usize = le32(z + cd + 24);
        size_t nlen = le16(z + cd + 28), xlen = le16(z + cd + 30), clen = le16(z + cd + 32);
        size_t local = le32(z + cd + 42);
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)nlen, (const char *)z + cd + 46);
        if (local + 30 > len)
            abort();
        size_t data = local + 30 + le16(z + local + 26) + le16(z + local + 28);
        if (data + csize > len)
            abort();
        unsigned char *out = malloc(usize + 1);
        if (!out)
            abort();
        if (method == 0) {
            memcpy(out, z + data, usize);
        } else {
            z_stream st;
            memset(&st, 0, sizeof st);
            if (inflateInit2(&st, -MAX_WBITS) != Z_OK)
                abort();
            st.next_in = (unsigned char *)(uintptr_t)(z + data);
            st.avail_in = (uInt)csize;
            st.next_out = out;
            st.avail_out = (uInt)usize;
            if (inflate(&st, Z_FINISH) != Z_STREAM_END || st.total_out != usize)
                abort();
            inflateEnd(&st);
        }
        size_t nl = strlen(name);
        if ((nl > 4 && strcmp(name + nl - 4, ".xml") == 0) ||
            (nl > 5 && strcmp(name + nl - 5, ".rels") == 0)) {
            xmlDocPtr doc = xmlReadMemory((const char *)out, (int)usize, name, NULL,
                                          XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
            if (!doc) {
                fprintf(stderr, "xlsx part %s is not well-formed XML\n", name);
                abort();
            }
            xmlFreeDoc(doc);
        }
        free(out);
        cd += 46 + nlen + xlen + clen;
    }
}

/* The report as the writers see it, for the CSV comparison: each string made safe the
 * way writer.c does. */
static void make_safe(fs_report *r)
{
    for (size_t i = 0; i < r->n_tables; i++) {
        fs_table *t = r->tables[i];
        char *s = fs_safe_output(t->title);
        free(t->title);
        t->title = s;
        for (size_t c = 0; c < t->n_cols; c++) {
            s = fs_safe_output(t->cols[c].label);
            free(t->cols[c].label);
            t->cols[c].label = s;
        }
        for (size_t rr = 0; rr < t->n_rows; rr++) {
            s = fs_safe_output(t->rows[rr].label);
            free(t->rows[rr].label);
            t->rows[rr].label = s;
        }
    }
}

static char dir[64];

static void remove_dir(void)
{
    rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0]) {
        /* tmpfs where there is one: every write is synced, which a disk makes slow */
        snprintf(dir, sizeof dir, "%s/fuzz-writers-XXXXXX",
                 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
        if (!mkdtemp(dir))
            abort();
        atexit(remove_dir);
    }
    src s = {data, size};
    fs_report *r = random_report(&s);
    if (byte(&s) & 1)
        (void)fs_report_hide_empty(r, r->lang);
    static const struct {
        fs_format format;
        fs_csv_dialect dialect;
        const char *name;
    } outs[] = {{FS_FMT_TEXT, 0, "out.txt"},
                {FS_FMT_CSV, FS_DIALECT_RFC4180, "out.csv"},
                {FS_FMT_CSV, FS_DIALECT_EXCEL_SV, "out-sv.csv"},
                {FS_FMT_JSON, 0, "out.json"},
                {FS_FMT_MD, 0, "out.md"},
                {FS_FMT_HTML, 0, "out.html"},
                {FS_FMT_XLSX, 0, "out.xlsx"}};
    unsigned presentation = byte(&s);
    for (size_t i = 0; i < sizeof outs / sizeof outs[0]; i++) {
        char path[128];
        snprintf(path, sizeof path, "%s/%s", dir, outs[i].name);
        fs_write_options o = {.format = outs[i].format, .dialect = outs[i].dialect, .path = path,
                              .p_digits = 1 + (int)(presentation % 6),
                              .n_pct = (presentation >> 3) & 1,
                              .refresh = (presentation >> 4) & 1 ? 60 : 0};
        fs_msg msg = {""};
        if (fs_write_report(r, &o, &msg) != FS_OK) {
            fprintf(stderr, "%s: %s\n", outs[i].name, msg.text);
            abort();
        }
        size_t len;
        char *buf = slurp(path, &len);
        if (outs[i].format != FS_FMT_XLSX &&
            fs_utf8_valid_prefix((const unsigned char *)buf, len) != len)
            abort();
        if (outs[i].format == FS_FMT_JSON)
            check_json(buf, len);
        else if (outs[i].format == FS_FMT_XLSX)
            check_xlsx((const unsigned char *)buf, len);
        else if (outs[i].format == FS_FMT_CSV && outs[i].dialect == FS_DIALECT_RFC4180) {
            fs_report *safe = r;
            make_safe(safe); /* the strings as the writer saw them (idempotent) */
            check_csv(safe, buf, len);
        }
        free(buf);
        unlink(path);
    }
    fs_report_free(r);
    return 0;
}
