/* Unit tests: the writer registry (format names and extensions), cell text, error texts. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "finsam/cellfmt.h"
#include "finsam/text.h"
#include "finsam/error.h"
#include "finsam/writer.h"

static void test_format_parse(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int ok;
        fs_format f;
    } cases[] = {
        {"text", 1, FS_FMT_TEXT}, {"csv", 1, FS_FMT_CSV}, {"json", 1, FS_FMT_JSON},
        {"xlsx", 1, FS_FMT_XLSX}, {"txt", 0, 0},          {"XLSX", 0, 0},
        {"", 0, 0},               {"html", 1, FS_FMT_HTML}, {"HTML", 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fs_format f = FS_FMT_COUNT;
        fs_error e = fs_format_parse(cases[i].name, &f);
        if (cases[i].ok) {
            assert_int_equal(e, FS_OK);
            assert_int_equal(f, cases[i].f);
            assert_string_equal(fs_format_name(f), cases[i].name);
        } else {
            assert_int_equal(e, FS_ERR_USAGE);
        }
    }
}

static void test_format_from_path(void **state)
{
    (void)state;
    static const struct {
        const char *path;
        int ok;
        fs_format f;
    } cases[] = {
        {"out.txt", 1, FS_FMT_TEXT},     {"out.text", 1, FS_FMT_TEXT},
        {"a.b/out.csv", 1, FS_FMT_CSV},  {"out.json", 1, FS_FMT_JSON},
        {"out.xlsx", 1, FS_FMT_XLSX},    {"out.tar.csv", 1, FS_FMT_CSV},
        {"out", 0, 0},                   {"a.csv/out", 0, 0},
        {"out.pdf", 0, 0},               {"out.", 0, 0},
        {"out.CSV", 0, 0},               {"rapport.md", 1, FS_FMT_MD},
        {"rapport.markdown", 1, FS_FMT_MD}, {"tavla.html", 1, FS_FMT_HTML},
        {"tavla.htm", 1, FS_FMT_HTML},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fs_format f = FS_FMT_COUNT;
        fs_error e = fs_format_from_path(cases[i].path, &f);
        if (e != (cases[i].ok ? FS_OK : FS_ERR_USAGE) || (cases[i].ok && f != cases[i].f))
            fail_msg("%s: got error %d, format %d", cases[i].path, e, f);
    }
}

static void test_format_names(void **state)
{
    (void)state;
    char buf[128], small[8];
    fs_format_names(buf, sizeof buf);
    assert_string_equal(buf, "text, csv, json, xlsx, md, html");
    fs_format_names(small, sizeof small);
    assert_string_equal(small, "text, c"); /* cut, still terminated */
    assert_int_equal(fs_format_needs_file(FS_FMT_XLSX), 1);
    assert_int_equal(fs_format_needs_file(FS_FMT_TEXT), 0);
    assert_int_equal(fs_format_needs_file(FS_FMT_JSON), 0);
}

static void test_cell_text(void **state)
{
    (void)state;
    fs_table *t = fs_table_new("k", "T");
    assert_non_null(t);
    assert_int_equal(fs_table_add_col(t, "n", "N", FS_COL_COUNT, 0, -1), 0);
    assert_int_equal(fs_table_add_col(t, "pct", "%", FS_COL_SHARE, 1, 0), 1);
    assert_int_equal(fs_table_add_col(t, "m", "M", FS_COL_NUMBER, 2, -1), 2);
    assert_int_equal(fs_table_add_col(t, "p", "p", FS_COL_PVALUE, 0, -1), 3);
    fs_row *a = fs_table_add_row(t, "a", "A", 0, 0);
    fs_row *b = fs_table_add_row(t, "b", "B", 0, 0);
    assert_non_null(a);
    assert_non_null(b);
    fs_row_set(t, a, "n", 12);
    fs_row_set(t, a, "pct", 45.54);
    a->cells[1].shown = 45.5;
    fs_row_set(t, a, "m", 2.5);
    fs_row_set(t, a, "p", 0.000123456789);
    fs_row_set(t, b, "n", 3);
    fs_row_set(t, b, "pct", 10);
    b->cells[0].suppressed = b->cells[1].suppressed = 1;
    fs_row *c = fs_table_add_row(t, "c", "C", 0, 0);
    assert_non_null(c);
    fs_row_set(t, c, "n", 12345);
    fs_row_set(t, c, "pct", 46.46);
    c->cells[1].shown = 46.5;
    fs_row_set(t, c, "m", 1234567.25);
    fs_row_set(t, c, "p", 0.0427739);
    t->suppress_below = 5;
    /* rfc4180 csv; excel-sv csv; Swedish text; English text; Swedish text, n (pct) */
    const fs_numfmt csv = {0, 0, 0, 0}, xsv = {1, 0, 0, 0}, sv = fs_numfmt_text("sv", 0, 0),
                    en = fs_numfmt_text("en", 3, 0), npct = fs_numfmt_text("sv", 0, 1);
    static const struct {
        size_t row, col;
        int fmt; /* 0 csv, 1 excel-sv, 2 sv, 3 en, 4 sv n-pct */
        const char *want;
    } cases[] = {
        {0, 0, 0, "12"},          {0, 1, 0, "45.5"},         {0, 1, 1, "45,5"},
        {0, 2, 0, "2.50"},        {0, 2, 1, "2,50"},         {0, 3, 0, "0.000123457"},
        {1, 0, 0, "<5"},          {1, 1, 0, ".."},           {1, 2, 0, ""},
        {0, 3, 2, "<0,001"},      {0, 3, 3, "<0.001"},       {2, 3, 2, "0,043"},
        {2, 3, 3, "0.0428"},      {2, 3, 0, "0.0427739"},    {2, 0, 2, "12 345"},
        {2, 0, 0, "12345"},       {2, 0, 1, "12345"},        {2, 2, 2, "1 234 567,25"},
        {2, 2, 3, "1 234 567.25"}, {2, 1, 2, "46,5"},        {2, 0, 4, "12 345 (46,5 %)"},
        {0, 0, 4, "12 (45,5 %)"},  {1, 0, 4, "<5"},          {0, 2, 4, "2,50"},
    };
    const fs_numfmt *fmts[] = {&csv, &xsv, &sv, &en, &npct};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[FS_CELL_TEXT_MAX];
        fs_cell_text(t, cases[i].row, cases[i].col, fmts[cases[i].fmt], out, sizeof out);
        if (strcmp(out, cases[i].want) != 0)
            fail_msg("cell (%zu,%zu) format %d: got \"%s\", want \"%s\"", cases[i].row,
                     cases[i].col, cases[i].fmt, out, cases[i].want);
    }
    /* a huge number is written whole, not cut at a small buffer */
    fs_row_set(t, c, "m", 2e70);
    char big[FS_CELL_TEXT_MAX];
    fs_cell_text(t, 2, 2, &csv, big, sizeof big);
    assert_int_equal(strlen(big), 71 + 3); /* 2 and 70 zeros, ".00" */
    /* p-values as report authors write them */
    static const struct {
        double p;
        int digits;
        const char *want;
    } ps[] = {{0.0427739, 2, "0,043"}, {0.439, 2, "0,44"}, {1, 2, "1"}, {0.9996, 2, "1"},
              {0.00099, 2, "<0,001"}, {0.001, 2, "0,0010"}, {0.0996, 2, "0,10"},
              {0.0427739, 3, "0,0428"}, {0.5, 1, "0,5"}};
    for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++) {
        char out[32];
        fs_format_p(out, sizeof out, ps[i].p, ps[i].digits, 1);
        if (strcmp(out, ps[i].want) != 0)
            fail_msg("p %g (%d digits): got \"%s\", want \"%s\"", ps[i].p, ps[i].digits, out,
                     ps[i].want);
    }
    fs_table_free(t);
}

/* Every code has its own text, and no code's text is NULL or the fallback. */
/* Labels as a CSV reader gets them back: a field that begins or ends with white space is
 * quoted (a reader may trim an unquoted one); found by fuzz_writers. */
static void test_csv_quoting(void **state)
{
    (void)state;
    static const struct {
        const char *label, *line;
    } cases[] = {
        {"Arbete", "Arbete,3\r\n"},        {" Arbete", "\" Arbete\",3\r\n"},
        {"Arbete\t", "\"Arbete\t\",3\r\n"}, {"a \"b\"", "\"a \"\"b\"\"\",3\r\n"},
        {"a,b", "\"a,b\",3\r\n"},          {"a b", "a b,3\r\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[] = "/tmp/fs-test-csv-XXXXXX";
        int fd = mkstemp(path);
        assert_true(fd >= 0);
        close(fd);
        fs_report *r = fs_report_new("exits", "sv");
        fs_table *t = fs_table_new("k", "T");
        assert_non_null(r);
        assert_non_null(t);
        assert_int_equal(fs_table_add_col(t, "n", "N", FS_COL_COUNT, 0, -1), 0);
        fs_row *row = fs_table_add_row(t, "a", cases[i].label, 0, 0);
        assert_non_null(row);
        fs_row_set(t, row, "n", 3);
        assert_int_equal(fs_report_add_table(r, t), FS_OK);
        fs_write_options o = {.format = FS_FMT_CSV, .path = path};
        fs_msg err = {""};
        assert_int_equal(fs_write_report(r, &o, &err), FS_OK);
        fs_report_free(r);
        char buf[256] = "";
        FILE *fp = fopen(path, "rb");
        assert_non_null(fp);
        size_t n = fread(buf, 1, sizeof buf - 1, fp);
        buf[n] = '\0';
        fclose(fp);
        unlink(path);
        const char *second = strstr(buf, "\r\n");
        assert_non_null(second);
        if (strcmp(second + 2, cases[i].line) != 0)
            fail_msg("[%s]: written [%s]", cases[i].label, second + 2);
    }
}

/* A line chart of rows over the columns whose rows are all gone (--hide-empty), or that has
 * no column to draw over, is left out: the workbook is still written (fuzz_writers found
 * libxlsxwriter refusing the whole workbook). */
static void test_xlsx_chart_without_series(void **state)
{
    (void)state;
    for (int cols = 0; cols <= 1; cols++) {
        char path[] = "/tmp/fs-test-xlsx-XXXXXX";
        int fd = mkstemp(path);
        assert_true(fd >= 0);
        close(fd);
        fs_report *r = fs_report_new("report", "sv");
        fs_table *t = fs_table_new("trend", "Trend");
        assert_non_null(r);
        assert_non_null(t);
        if (cols)
            assert_int_equal(fs_table_add_col(t, "y2024", "2024", FS_COL_COUNT, 0, -1), 0);
        fs_row *row = fs_table_add_row(t, "kept", "Kvar", 0, 0);
        assert_non_null(row);
        const char *keys[] = {cols ? "dropped" : "kept"};
        assert_int_equal(fs_table_set_line_chart(t, "Trend", keys, 1), FS_OK);
        assert_int_equal(fs_report_add_table(r, t), FS_OK);
        fs_write_options o = {.format = FS_FMT_XLSX, .path = path};
        fs_msg err = {""};
        fs_error e = fs_write_report(r, &o, &err);
        fs_report_free(r);
        unlink(path);
        if (e != FS_OK)
            fail_msg("%d columns: %s", cols, err.text);
    }
}

static void test_strerror(void **state)
{
    (void)state;
    const char *seen[FS_ERR_RANGE + 1];
    for (int e = FS_OK; e <= FS_ERR_RANGE; e++) {
        seen[e] = fs_strerror((fs_error)e);
        assert_non_null(seen[e]);
        assert_string_not_equal(seen[e], "unknown error code");
        for (int k = 0; k < e; k++)
            assert_string_not_equal(seen[e], seen[k]);
    }
    assert_string_equal(fs_strerror((fs_error)(FS_ERR_RANGE + 1)), "unknown error code");
    assert_string_equal(fs_strerror((fs_error)-1), "unknown error code");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_parse), cmocka_unit_test(test_format_from_path),
        cmocka_unit_test(test_format_names), cmocka_unit_test(test_cell_text),
        cmocka_unit_test(test_strerror),      cmocka_unit_test(test_csv_quoting),
        cmocka_unit_test(test_xlsx_chart_without_series),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
