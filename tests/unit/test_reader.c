/* Unit tests of the CSV reader: separators, quoting, encodings, BOM, line numbers, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "finsam/csv.h"
#include "finsam/text.h"
#include "finsam/utf8.h"

/* Collects records as "line:field|field|..." lines. */
typedef struct collected {
    fs_buf out;
} collected;

static int collect(const fs_csv_record *rec, void *user)
{
    collected *c = user;
    fs_buf_printf(&c->out, "%lu:", rec->line);
    for (size_t i = 0; i < rec->n_fields; i++)
        fs_buf_printf(&c->out, "%s%s", i ? "|" : "", rec->fields[i]);
    fs_buf_puts(&c->out, "\n");
    return 0;
}

typedef struct reader_case {
    const char *name;
    const char *input;
    size_t len;          /* 0: strlen(input) */
    fs_encoding encoding;
    char separator;      /* forced, or 0 */
    fs_error expect_err;
    const char *expect;  /* records, or the error message */
    char expect_sep;     /* detected separator, or 0 to skip */
    fs_encoding expect_enc;
} reader_case;

static const reader_case cases[] = {
    {"semicolon, CRLF", "a;b;c\r\n1;2;3\r\n", 0, FS_ENC_AUTO, 0, FS_OK, "1:a|b|c\n2:1|2|3\n", ';', FS_ENC_UTF8},
    {"comma", "a,b\n1,2\n", 0, FS_ENC_AUTO, 0, FS_OK, "1:a|b\n2:1|2\n", ',', FS_ENC_UTF8},
    {"tab", "a\tb\n1\t2\n", 0, FS_ENC_AUTO, 0, FS_OK, "1:a|b\n2:1|2\n", '\t', FS_ENC_UTF8},
    {"separator inside quotes is not counted", "\"a;b\",c,d\n1,2,3\n", 0, FS_ENC_AUTO, 0, FS_OK,
     "1:a;b|c|d\n2:1|2|3\n", ',', FS_ENC_UTF8},
    {"forced separator", "a;b,c\n", 0, FS_ENC_AUTO, ',', FS_OK, "1:a;b|c\n", ',', FS_ENC_UTF8},
    {"quoted fields, doubled quotes", "a;b\n\"x \"\"y\"\"\";\"1;2\"\n", 0, FS_ENC_AUTO, 0, FS_OK,
     "1:a|b\n2:x \"y\"|1;2\n", ';', FS_ENC_UTF8},
    {"multi-line field keeps the start line", "a;b\n\"one\ntwo\";x\nz;w\n", 0, FS_ENC_AUTO, 0, FS_OK,
     "1:a|b\n2:one\ntwo|x\n4:z|w\n", ';', FS_ENC_UTF8},
    {"blank lines are skipped, line numbers kept", "a;b\n\n1;2\r\n\r\n3;4", 0, FS_ENC_AUTO, 0, FS_OK,
     "1:a|b\n3:1|2\n5:3|4\n", ';', FS_ENC_UTF8},
    {"UTF-8 BOM stripped", "\xEF\xBB\xBFK\xC3\xB6n;x\n1;2\n", 0, FS_ENC_AUTO, 0, FS_OK,
     "1:K\xC3\xB6n|x\n2:1|2\n", ';', FS_ENC_UTF8},
    {"Windows-1252 detected and converted", "K\xF6n;x\nH\xE4lsa;\xC5\n", 0, FS_ENC_AUTO, 0, FS_OK,
     "1:K\xC3\xB6n|x\n2:H\xC3\xA4lsa|\xC3\x85\n", ';', FS_ENC_CP1252},
    {"Windows-1252 forced", "a;b\n\xE5;\x80\n", 0, FS_ENC_CP1252, 0, FS_OK,
     "1:a|b\n2:\xC3\xA5|\xE2\x82\xAC\n", ';', FS_ENC_CP1252},
    {"invalid UTF-8 when UTF-8 is forced", "a;b\n1;2\n\xE5;x\n", 0, FS_ENC_UTF8, 0, FS_ERR_PARSE,
     "t.csv:3: invalid UTF-8 (byte 0xE5); if the file is Windows-1252, use --encoding cp1252", 0, 0},
    {"UTF-8 then an invalid byte", "a;b\n\xC3\xA5;1\n\xE5;2\n", 0, FS_ENC_AUTO, 0, FS_ERR_PARSE,
     "t.csv:3: invalid UTF-8 (byte 0xE5); if the file is Windows-1252, use --encoding cp1252", 0, 0},
    {"undefined Windows-1252 byte", "a;b\n\x81;1\n", 0, FS_ENC_CP1252, 0, FS_ERR_PARSE,
     "t.csv:2: byte 0x81 is not a Windows-1252 character", 0, 0},
    {"unbalanced quote", "a;b\n1;\"2\n3;4\n", 0, FS_ENC_AUTO, 0, FS_ERR_PARSE,
     "t.csv:2: unbalanced quote: a quoted field is not closed before the end of the file", 0, 0},
    {"stray quote", "a;b\n1;x\"y\n", 0, FS_ENC_AUTO, 0, FS_ERR_PARSE,
     "t.csv:2: malformed CSV: a quote inside an unquoted field or after a closing quote", 0, 0},
    {"NUL byte", "a;b\n1;\0\n", 7, FS_ENC_AUTO, 0, FS_ERR_PARSE,
     "t.csv:2: binary data (a NUL byte): not a CSV text file", 0, 0},
    {"empty", "", 0, FS_ENC_AUTO, 0, FS_ERR_PARSE, "t.csv: the file is empty", 0, 0},
    {"BOM only", "\xEF\xBB\xBF", 0, FS_ENC_AUTO, 0, FS_ERR_PARSE, "t.csv: the file is empty", 0, 0},
    {"UTF-16", "\xFF\xFE" "a\0", 4, FS_ENC_AUTO, 0, FS_ERR_PARSE,
     "t.csv: the file is UTF-16; save it as UTF-8 or \"CSV (;)\"", 0, 0},
    {"no final newline", "a;b\n1;2", 0, FS_ENC_AUTO, 0, FS_OK, "1:a|b\n2:1|2\n", ';', FS_ENC_UTF8},
    {"CR-only line ends (old Mac) are refused", "a;b\r1;2\r3;4\r", 0, FS_ENC_AUTO, 0, FS_ERR_PARSE,
     "t.csv: line ends are CR only (old Mac format); save the file with CRLF or LF line ends", 0, 0},
    {"CR-only line ends in Windows-1252", "K\xF6n;b\r\xE5;2\r", 0, FS_ENC_AUTO, 0, FS_ERR_PARSE,
     "t.csv: line ends are CR only (old Mac format); save the file with CRLF or LF line ends", 0, 0},
    {"CR-only line ends without a final CR", "a;b\r1;2", 0, FS_ENC_AUTO, 0, FS_ERR_PARSE,
     "t.csv: line ends are CR only (old Mac format); save the file with CRLF or LF line ends", 0, 0},
    {"one line ending in CR is a line", "a;b\r", 0, FS_ENC_AUTO, 0, FS_OK, "1:a|b\n", ';', FS_ENC_UTF8},
    {"a bare CR inside a line is refused", "a;b\n1;2\r3;4\n5;6\n", 0, FS_ENC_AUTO, 0, FS_ERR_PARSE,
     "t.csv:2: a carriage return inside a line (mixed line ends?); save the file with CRLF or "
     "LF line ends", 0, 0},
    {"a bare CR after a quoted field is refused", "a;b\n\"x\"\r;2\n", 0, FS_ENC_AUTO, 0, FS_ERR_PARSE,
     "t.csv:2: a carriage return inside a line (mixed line ends?); save the file with CRLF or "
     "LF line ends", 0, 0},
    {"a CR inside a quoted field is data", "a;b\n\"x\ry\";2\r\n", 0, FS_ENC_AUTO, 0, FS_OK,
     "1:a|b\n2:x\ry|2\n", ';', FS_ENC_UTF8},
    {"a CR in a quoted field that goes on from the line before", "a;b\n\"x\n\ry \"\"z\"\"\";2\n3;4\n",
     0, FS_ENC_AUTO, 0, FS_OK, "1:a|b\n2:x\n\ry \"z\"|2\n4:3|4\n", ';', FS_ENC_UTF8},
    {"CR CR LF line ends are line ends", "a;b\r\r\n1;2\r\r\n", 0, FS_ENC_AUTO, 0, FS_OK,
     "1:a|b\n2:1|2\n", ';', FS_ENC_UTF8},
    {"spaces around fields are trimmed, on both paths", "a; b \n\"x\" ; y\n", 0, FS_ENC_AUTO, 0, FS_OK,
     "1:a|b\n2:x|y\n", ';', FS_ENC_UTF8},
    /* the one-pass scanner: every edge of the fast path */
    {"empty fields, a trailing separator", "a;b;c\n;;\nx;;\n;y;\n", 0, FS_ENC_AUTO, 0, FS_OK,
     "1:a|b|c\n2:||\n3:x||\n4:|y|\n", ';', FS_ENC_UTF8},
    {"a line of spaces is a record of one empty field", "a\n   \nb\n", 0, FS_ENC_AUTO, ';', FS_OK,
     "1:a\n2:\n3:b\n", ';', FS_ENC_UTF8},
    {"other separators are data on the fast path", "a;b\n1,2\t3;4\n", 0, FS_ENC_AUTO, 0, FS_OK,
     "1:a|b\n2:1,2\t3|4\n", ';', FS_ENC_UTF8},
    {"a quote in a later field sends the line to libcsv", "a;b;c\n1;2;\"x;y\"\n3;4;5\n", 0,
     FS_ENC_AUTO, 0, FS_OK, "1:a|b|c\n2:1|2|x;y\n3:3|4|5\n", ';', FS_ENC_UTF8},
    {"a quoted empty field", "a;b\n\"\";x\n", 0, FS_ENC_AUTO, 0, FS_OK, "1:a|b\n2:|x\n", ';', FS_ENC_UTF8},
    {"quoted fields on the fast path: spaces kept, separators inside, CR LF after",
     "a;b;c\n\" x \";\"1;2\";\"\"\r\n\"p\";q;\"r\"\n", 0, FS_ENC_AUTO, 0, FS_OK,
     "1:a|b|c\n2: x |1;2|\n3:p|q|r\n", ';', FS_ENC_UTF8},
    {"a quoted field read on the fast path is where a later unclosed quote is reported",
     "\n\n\"\"\n\r\r\n\"a\n\r;\"b;; ", 0, FS_ENC_AUTO, ';', FS_ERR_PARSE,
     "t.csv:3: unbalanced quote: the quoted field that opens on this line is not closed (the CSV "
     "breaks at line 6)", 0, 0},
    {"CR LF, LF and CR CR LF mixed", "a;b\r\n1;2\n3;4\r\r\n5;6\r\n", 0, FS_ENC_AUTO, 0, FS_OK,
     "1:a|b\n2:1|2\n3:3|4\n4:5|6\n", ';', FS_ENC_UTF8},
    {"a CR at the very end of the file ends the line", "a;b\n1;2\r", 0, FS_ENC_AUTO, 0, FS_OK,
     "1:a|b\n2:1|2\n", ';', FS_ENC_UTF8},
    {"a line of exactly 64 bytes, then one across the 64-byte mark",
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\nc;d;e\n", 0, FS_ENC_AUTO, 0,
     FS_OK, "1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n2:c|d|e\n", ';',
     FS_ENC_UTF8},
    {"the record callback sees NUL-terminated fields cut in place", "K\xC3\xB6n;\xC3\xA5r\n"
     "\xC3\xA4;\xE2\x82\xAC\n", 0, FS_ENC_AUTO, 0, FS_OK, "1:K\xC3\xB6n|\xC3\xA5r\n2:\xC3\xA4|\xE2\x82\xAC\n",
     ';', FS_ENC_UTF8},
    {"invalid UTF-8: the line of the byte, lines before it read", "a;b\n1;2\n3;\xC3\xA5\n4;\xC3\x28\n", 0,
     FS_ENC_UTF8, 0, FS_ERR_PARSE,
     "t.csv:4: invalid UTF-8 (byte 0xC3); if the file is Windows-1252, use --encoding cp1252", 0, 0},
    {"an overlong form is invalid", "a;b\n\xC0\xAF;1\n", 0, FS_ENC_UTF8, 0, FS_ERR_PARSE,
     "t.csv:2: invalid UTF-8 (byte 0xC0); if the file is Windows-1252, use --encoding cp1252", 0, 0},
    {"a surrogate is invalid", "a;b\n1;\xED\xA0\x80\n", 0, FS_ENC_UTF8, 0, FS_ERR_PARSE,
     "t.csv:2: invalid UTF-8 (byte 0xED); if the file is Windows-1252, use --encoding cp1252", 0, 0},
    {"a sequence cut off by the end of the file", "a;b\n1;\xE2\x82", 0, FS_ENC_UTF8, 0, FS_ERR_PARSE,
     "t.csv:2: invalid UTF-8 (byte 0xE2); if the file is Windows-1252, use --encoding cp1252", 0, 0},
    {"after a BOM, no hint about Windows-1252", "\xEF\xBB\xBF" "a;b\n\xE5;1\n", 0, FS_ENC_AUTO, 0,
     FS_ERR_PARSE, "t.csv:2: invalid UTF-8 (byte 0xE5)", 0, 0},
    {"BOM then a quoted first field", "\xEF\xBB\xBF\"a\";b\n1;2\n", 0, FS_ENC_AUTO, 0, FS_OK,
     "1:a|b\n2:1|2\n", ';', FS_ENC_UTF8},
    {"an unclosed quote is reported where it opens, not at the next quote",
     "a;b\n1;\"x\n2;y\n3;z\n4;\"w\"\n", 0, FS_ENC_AUTO, 0, FS_ERR_PARSE,
     "t.csv:2: unbalanced quote: the quoted field that opens on this line is not closed (the CSV "
     "breaks at line 5)", 0, 0},
    {"an unclosed quote after a closed multi-line field: where it opens", "a;b\n\"x\ny\";\"z\n1;2\n",
     0, FS_ENC_AUTO, 0, FS_ERR_PARSE,
     "t.csv:3: unbalanced quote: a quoted field is not closed before the end of the file", 0, 0},
    {"a doubled quote inside a multi-line field does not open one", "a;b\n\"x\ny \"\"q\"\" \"z;1\n", 0,
     FS_ENC_AUTO, 0, FS_ERR_PARSE,
     "t.csv:2: unbalanced quote: the quoted field that opens on this line is not closed (the CSV "
     "breaks at line 3)", 0, 0},
    {"UTF-16 little-endian without BOM", "a\0;\0b\0\n\0", 8, FS_ENC_AUTO, 0, FS_ERR_PARSE,
     "t.csv: the file is UTF-16 (without a byte-order mark); save it as UTF-8 or \"CSV (;)\"", 0, 0},
    {"UTF-16 big-endian without BOM", "\0a\0;\0b\0\n", 8, FS_ENC_AUTO, 0, FS_ERR_PARSE,
     "t.csv: the file is UTF-16 (without a byte-order mark); save it as UTF-8 or \"CSV (;)\"", 0, 0},
    {"one NUL byte is binary data", "a;b\n1;\0;2\n", 10, FS_ENC_AUTO, 0, FS_ERR_PARSE,
     "t.csv:2: binary data (a NUL byte): not a CSV text file", 0, 0},
};

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const reader_case *c = &cases[i];
        collected col = {{0}};
        fs_msg msg = {""};
        fs_csv_info info;
        fs_csv_options opt = {c->separator, c->encoding, 0, 0};
        size_t len = c->len ? c->len : strlen(c->input);
        fs_error e = fs_csv_read_buffer("t.csv", c->input, len, &opt, collect, &col, &info, &msg);
        if (e != c->expect_err)
            fail_msg("%s: error %d, expected %d (%s)", c->name, e, c->expect_err, msg.text);
        const char *got = e ? msg.text : (col.out.data ? col.out.data : "");
        if (strcmp(got, c->expect) != 0)
            fail_msg("%s:\n got: [%s]\nwant: [%s]", c->name, got, c->expect);
        if (!e && c->expect_sep && info.separator != c->expect_sep)
            fail_msg("%s: separator '%c'", c->name, info.separator);
        if (!e && info.encoding != c->expect_enc)
            fail_msg("%s: encoding %d", c->name, info.encoding);
        fs_buf_free(&col.out);
    }
}

/* The fast path reads quoted fields as libcsv does: texts made of pieces (fields plain,
 * padded and quoted, a separator inside quotes, doubled quotes, a space outside quotes, a
 * quote in a plain field, quoted line breaks and an unclosed quote, CR LF and a bare CR),
 * read with ';' and with ',' as the separator, give the same records (with lengths) or the
 * same error, message included, as with every line through libcsv. */
static int collect_lengths(const fs_csv_record *rec, void *user)
{
    collected *c = user;
    fs_buf_printf(&c->out, "%lu:", rec->line);
    for (size_t i = 0; i < rec->n_fields; i++) {
        fs_buf_printf(&c->out, "%s[%zu]", i ? "|" : "", rec->lens[i]);
        fs_buf_append(&c->out, rec->fields[i], rec->lens[i]);
    }
    fs_buf_puts(&c->out, "\n");
    return 0;
}

static void read_all(const char *in, size_t len, char sep, int libcsv_only, fs_buf *out)
{
    collected col = {{0}};
    fs_msg msg = {""};
    fs_csv_info info;
    fs_csv_options opt = {sep, FS_ENC_UTF8, 0, libcsv_only};
    fs_error e = fs_csv_read_buffer("t.csv", in, len, &opt, collect_lengths, &col, &info, &msg);
    fs_buf_printf(out, "error %d %s\n%s", (int)e, e ? msg.text : "",
                  col.out.data ? col.out.data : "");
    fs_buf_free(&col.out);
}

static void test_quoted_fast_path(void **state)
{
    (void)state;
    static const char *const piece[] = {
        "abc", " a ", "\"x;y\"", "\"\"", "\"q\"", "\"a\"\"b\"", "\" s \"", "x\"y", "\"u\" ",
        " \"v\"", ";", ";", ";", "\n", "\r\n", "\"m\nn\"", "\"p", "\r", "\"x,y\"", ",",
        "a field of forty bytes, so lines cross 64", /* the scan's 64-byte blocks */
    };
    const size_t n_pieces = sizeof piece / sizeof piece[0];
    uint64_t seed = 1;
    unsigned long quoted_records = 0;
    for (int t = 0; t < 40000; t++) {
        char in[1024];
        size_t len = 0;
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        size_t k = 1 + (seed >> 33) % 16;
        for (size_t i = 0; i < k; i++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            const char *p = piece[(seed >> 33) % n_pieces];
            memcpy(in + len, p, strlen(p));
            len += strlen(p);
        }
        for (int sep = 0; sep < 2; sep++) {
            fs_buf fast = {0}, ref = {0};
            read_all(in, len, sep ? ',' : ';', 0, &fast);
            read_all(in, len, sep ? ',' : ';', 1, &ref);
            if (strcmp(fast.data, ref.data) != 0)
                fail_msg("case %d (%.*s):\nfast: %s\nlibcsv: %s", t, (int)len, in, fast.data,
                         ref.data);
            quoted_records += strncmp(fast.data, "error 0", 7) == 0 && memchr(in, '"', len);
            fs_buf_free(&fast);
            fs_buf_free(&ref);
        }
    }
    assert_true(quoted_records > 5000); /* quoted texts read, not only refused (7,361) */
}

/* A record spanning the reader's 64 KiB chunks, and a multi-byte character split by the
 * chunk boundary, still come out whole. */
static void test_chunk_boundaries(void **state)
{
    (void)state;
    size_t n = 200000;
    char *data = malloc(n + 64);
    assert_non_null(data);
    size_t k = 0;
    k += (size_t)sprintf(data, "a;b\n");
    while (k < 65535 - 1)
        data[k++] = 'x';
    data[k++] = ';';
    for (int i = 0; i < 20000; i++) { /* "å" repeated across the boundary at 65536 */
        data[k++] = '\xC3';
        data[k++] = '\xA5';
    }
    data[k++] = '\n';
    collected col = {{0}};
    fs_msg msg = {""};
    fs_csv_info info;
    fs_csv_options opt = {0, FS_ENC_AUTO, 0, 0};
    assert_int_equal(fs_csv_read_buffer("big", data, k, &opt, collect, &col, &info, &msg), FS_OK);
    assert_int_equal(info.encoding, FS_ENC_UTF8);
    assert_int_equal(info.records, 2);
    assert_non_null(strstr(col.out.data, "x;") == NULL ? col.out.data : NULL);
    /* the second field is 20000 "å" */
    const char *second = strchr(strstr(col.out.data, "\n2:"), '|') + 1;
    assert_int_equal(strlen(second), 40001); /* plus the newline of the collected line */
    fs_buf_free(&col.out);
    free(data);
}

/* A CR LF split by the first chunk boundary (a first line of 64 KiB): the CR at the very
 * end of the first chunk is not taken for an old Mac line end. */
static void test_crlf_split_by_first_chunk(void **state)
{
    (void)state;
    size_t n = 65535;
    char *data = malloc(n + 16);
    assert_non_null(data);
    memset(data, 'x', n);
    memcpy(data + n, "\r\n1\r\n", 5);
    collected col = {{0}};
    fs_msg msg = {""};
    fs_error e = fs_csv_read_buffer("t.csv", data, n + 5, NULL, collect, &col, NULL, &msg);
    if (e)
        fail_msg("error %d: %s", e, msg.text);
    assert_non_null(col.out.data);
    const char *second = strchr(col.out.data, '\n');
    assert_non_null(second);
    assert_string_equal(second + 1, "2:1\n");
    fs_buf_free(&col.out);
    free(data);
}


/* "xx;yy" CR LF lines, shifted by 0..6 bytes: over the 64 KiB blocks every place of a
 * line end, CR and LF in different blocks included, falls on a block boundary. */
static void test_crlf_split_by_later_blocks(void **state)
{
    (void)state;
    for (int shift = 0; shift < 7; shift++) {
        fs_buf in = {0};
        fs_buf_puts(&in, "a;b\r\n");
        for (int i = 0; i < shift; i++)
            fs_buf_puts(&in, "\r\n"); /* blank lines: no record, one line each */
        for (int i = 0; i < 40000; i++)
            fs_buf_puts(&in, "xx;yy\r\n");
        collected col = {{0}};
        fs_msg msg = {""};
        fs_csv_info info;
        assert_int_equal(fs_csv_read_buffer("t.csv", in.data, in.len, NULL, collect, &col, &info, &msg),
                         FS_OK);
        assert_int_equal(info.records, 40001);
        /* every record but the header is "xx|yy", on the line after the one before */
        unsigned long want = 2 + (unsigned long)shift;
        for (const char *p = strchr(col.out.data, '\n') + 1; *p; p = strchr(p, '\n') + 1) {
            char expect[32];
            snprintf(expect, sizeof expect, "%lu:xx|yy\n", want++);
            if (strncmp(p, expect, strlen(expect)) != 0)
                fail_msg("shift %d: [%.20s] where [%s] was expected", shift, p, expect);
        }
        fs_buf_free(&col.out);
        fs_buf_free(&in);
    }
}

/* The same rows read after 1..5 extra header lines (so that every block boundary falls
 * elsewhere in them) give the same records, on lines shifted by as many. */
static void test_records_do_not_depend_on_block_boundaries(void **state)
{
    (void)state;
    static const char *const rows[] = {
        "D1;\"Arbete, studier\";H\xC3\xA4lsokraft;2024-01-02\r\n",
        "D2; Flytt ;\xC3\x96vrigt;\r\n",
        "D3;\"two\nlines\";\"x \"\"y\"\"\";\r\n",
        "D4;\xE2\x82\xAC;;\"\"\n",
        "D5;a;b;c;d\r\n",
    };
    char *want = NULL;
    for (int extra = 0; extra <= 5; extra++) {
        fs_buf in = {0};
        for (int i = 0; i <= extra; i++)
            fs_buf_puts(&in, "id;x;y;z\n");
        for (int i = 0; i < 12000; i++)
            fs_buf_puts(&in, rows[(i * 7) % 5]);
        collected col = {{0}};
        fs_msg msg = {""};
        fs_csv_info info;
        if (fs_csv_read_buffer("t.csv", in.data, in.len, NULL, collect, &col, &info, &msg))
            fail_msg("extra %d: %s", extra, msg.text);
        /* drop the header lines and the line numbers */
        fs_buf norm = {0};
        const char *p = col.out.data;
        for (int i = 0; i <= extra; i++)
            p = strchr(p, '\n') + 1;
        while (*p) {
            const char *colon = strchr(p, ':');
            unsigned long line = strtoul(p, NULL, 10);
            fs_buf_printf(&norm, "%lu", line - (unsigned long)extra);
            const char *next = colon + 1;
            /* a record ends at the next "\nDIGITS:" */
            const char *end = next;
            for (;;) {
                end = strchr(end, '\n');
                if (!end[1] || (end[1] >= '0' && end[1] <= '9' && strchr(end + 1, ':') &&
                                strspn(end + 1, "0123456789") == (size_t)(strchr(end + 1, ':') - end - 1)))
                    break;
                end++;
            }
            fs_buf_append(&norm, colon, (size_t)(end + 1 - colon));
            p = end + 1;
        }
        if (!want)
            want = fs_strdup(norm.data);
        else if (strcmp(want, norm.data) != 0)
            fail_msg("%d extra header lines change the records", extra);
        fs_buf_free(&norm);
        fs_buf_free(&col.out);
        fs_buf_free(&in);
    }
    free(want);
}

/* An invalid byte far into the file: the records before its line are read, and the
 * message names its line. */
static void test_invalid_utf8_in_a_later_block(void **state)
{
    (void)state;
    for (int variant = 0; variant < 3; variant++) {
        fs_buf in = {0};
        fs_buf_puts(&in, "a;b\n");
        for (int i = 0; i < 30000; i++)
            fs_buf_puts(&in, "\xC3\xA5;\xE2\x82\xAC\n"); /* 9 bytes: sequences cross the boundaries */
        fs_buf_puts(&in, variant == 0 ? "x;\xFF\n" : variant == 1 ? "x;\xE2\x28\xA1\n" : "x;\xF4\x90\x80\x80\n");
        fs_buf_puts(&in, "y;z\n");
        collected col = {{0}};
        fs_msg msg = {""};
        fs_csv_info info;
        assert_int_equal(fs_csv_read_buffer("t.csv", in.data, in.len, NULL, collect, &col, &info, &msg),
                         FS_ERR_PARSE);
        assert_non_null(strstr(msg.text, "t.csv:30002: invalid UTF-8 (byte 0x"));
        assert_int_equal(info.records, 30001);
        fs_buf_free(&col.out);
        fs_buf_free(&in);
    }
}

/* The block validator says what the byte walk says: every 1- and 2-byte string at every
 * place in two 32-byte blocks, every 3-byte string across the blocks' boundary, and many
 * 4-byte strings; and a few known answers. */
static void test_utf8_block_validator(void **state)
{
    (void)state;
    unsigned char buf[80];
    unsigned long bad = 0;
    for (int off = 0; off < 64; off++)
        for (unsigned v = 0; v < 65536; v++) {
            memset(buf, 'a', sizeof buf);
            buf[off] = (unsigned char)(v & 0xFF);
            buf[off + 1] = (unsigned char)(v >> 8);
            for (size_t len = (size_t)off + 1; len <= (size_t)off + 2; len++)
                bad += fs_utf8_valid(buf, len) != fs_utf8_valid_scalar(buf, len);
            bad += fs_utf8_valid(buf, sizeof buf) != fs_utf8_valid_scalar(buf, sizeof buf);
        }
    for (int off = 29; off <= 32; off += 3)
        for (unsigned long v = 0; v < (1ul << 24); v++) {
            memset(buf, 'a', sizeof buf);
            buf[off] = (unsigned char)(v & 0xFF);
            buf[off + 1] = (unsigned char)(v >> 8);
            buf[off + 2] = (unsigned char)(v >> 16);
            if ((buf[off] & 0xC0) != 0xC0 && (buf[off + 1] & 0xC0) != 0x80)
                continue; /* nothing that both do not see in the 2-byte strings */
            bad += fs_utf8_valid(buf, sizeof buf) != fs_utf8_valid_scalar(buf, sizeof buf);
        }
    unsigned long long x = 88172645463325252ull;
    for (int i = 0; i < 2000000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int off = (int)(x % 61);
        memset(buf, 'a', sizeof buf);
        buf[off] = (unsigned char)(0xE0 + ((x >> 8) & 0x1F));
        buf[off + 1] = (unsigned char)(0x80 + ((x >> 16) & 0x7F));
        buf[off + 2] = (unsigned char)(x >> 24);
        buf[off + 3] = (unsigned char)(x >> 32);
        bad += fs_utf8_valid(buf, sizeof buf) != fs_utf8_valid_scalar(buf, sizeof buf);
    }
    assert_int_equal(bad, 0);
    static const struct {
        const char *s;
        int valid;
    } known[] = {
        {"plain ASCII text of more than thirty-two bytes, twice over.", 1},
        {"K\xC3\xB6n, H\xC3\xA4lsokraft, \xE2\x82\xAC, \xF0\x9F\x98\x80 and so on, past 32 bytes", 1},
        {"past thirty-two bytes of ASCII, then a cut sequence \xE2\x82", 0},
        {"a lone continuation byte \x80 after ASCII", 0},
        {"overlong \xE0\x80\xAF slash", 0},
        {"beyond U+10FFFF \xF4\x90\x80\x80", 0},
        {"a surrogate \xED\xA0\x80 half", 0},
        {"Windows-1252 \xE5\xE4\xF6", 0},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        const unsigned char *k = (const unsigned char *)known[i].s;
        if (fs_utf8_valid(k, strlen(known[i].s)) != known[i].valid)
            fail_msg("fs_utf8_valid(\"%s\") != %d", known[i].s, known[i].valid);
    }
}

static void test_header_folding(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"Kön", "kön"},
        {"  KÖN ", "kön"},
        {"Ko\xCC\x88n", "kön"},            /* decomposed o + combining diaeresis */
        {"Försörjning  vid\tinskrivning", "försörjning vid inskrivning"},
        {"Deltagar-ID", "deltagar-id"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *f = fs_fold(cases[i].in);
        assert_non_null(f);
        assert_string_equal(f, cases[i].want);
        free(f);
    }
    char *s = fs_slug("Påbörjat studier!");
    assert_string_equal(s, "paborjat_studier");
    free(s);
    s = fs_slug("--");
    assert_string_equal(s, "value");
    free(s);
}

static int ignore_record(const fs_csv_record *rec, void *user)
{
    (void)rec, (void)user;
    return 0;
}

/* The bytes read and their SHA-256 (sha256sum of "a;b\n1;2\n"), only when asked. */
static void test_sha256(void **state)
{
    (void)state;
    static const char data[] = "a;b\n1;2\n";
    static const char want[] = "403bea5152c251c5bc7ef420d824d191605723f99392e83a0549ad58c6d46291";
    fs_csv_options opt = {0, FS_ENC_AUTO, 1, 0};
    fs_csv_info info;
    fs_msg msg = {""};
    assert_int_equal(fs_csv_read_buffer("t", data, sizeof data - 1, &opt, ignore_record, NULL,
                                        &info, &msg), FS_OK);
    assert_int_equal(info.bytes, sizeof data - 1);
    assert_true(info.has_sha256);
    char hex[65];
    for (int i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", info.sha256[i]);
    assert_string_equal(hex, want);
    opt.sha256 = 0;
    assert_int_equal(fs_csv_read_buffer("t", data, sizeof data - 1, &opt, ignore_record, NULL,
                                        &info, &msg), FS_OK);
    assert_false(info.has_sha256);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_chunk_boundaries),
        cmocka_unit_test(test_crlf_split_by_first_chunk),
        cmocka_unit_test(test_crlf_split_by_later_blocks),
        cmocka_unit_test(test_records_do_not_depend_on_block_boundaries),
        cmocka_unit_test(test_invalid_utf8_in_a_later_block),
        cmocka_unit_test(test_utf8_block_validator),
        cmocka_unit_test(test_header_folding),
        cmocka_unit_test(test_sha256),
        cmocka_unit_test(test_quoted_fast_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
