/* Unit tests: the SVG charts of the HTML writer (svg.h). A known table is drawn and the
 * drawing read back: every bar's length is its value times one scale (within a pixel),
 * every bar has its value as text, a hidden count has no bar, and the axis is round. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "finsam/svg.h"
#include "finsam/table.h"

/* The table of exits: women and men by group, a total row. */
static fs_table *known_table(void)
{
    static const struct {
        const char *key, *label;
        double women, men;
    } rows[] = {
        {"work", "Arbete, studier", 9, 16},  {"seeking", "Arbetssökande", 6, 2},
        {"rehab", "Fortsatt rehabilitering", 12345, 8}, {"ill", "Sjukdom", 0, 5},
        {"moved", "Flytt", 1, 1},
    };
    fs_table *t = fs_table_new("exits", "Avslutsanledning");
    assert_non_null(t);
    assert_true(fs_table_add_col(t, "women", "Kvinnor", FS_COL_COUNT, 0, -1) == 0);
    assert_true(fs_table_add_col(t, "men", "Män", FS_COL_COUNT, 0, -1) == 1);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        fs_row *r = fs_table_add_row(t, rows[i].key, rows[i].label, 0, 0);
        assert_non_null(r);
        fs_row_set(t, r, "women", rows[i].women);
        fs_row_set(t, r, "men", rows[i].men);
    }
    fs_row *total = fs_table_add_row(t, "total", "Totalt", 0, 1);
    fs_row_set(t, total, "women", 12361);
    fs_row_set(t, total, "men", 32);
    assert_int_equal(fs_table_set_chart(t, "Avslutsanledning efter kön", 1, "women", "men"), FS_OK);
    return t;
}

/* What fp holds, from its start, as a string (tmpfile: open_memstream is not everywhere). */
static char *slurp(FILE *fp)
{
    long len = ftell(fp);
    assert_true(len >= 0);
    char *buf = malloc((size_t)len + 1);
    assert_non_null(buf);
    rewind(fp);
    assert_int_equal(fread(buf, 1, (size_t)len, fp), (size_t)len);
    buf[len] = '\0';
    fclose(fp);
    return buf;
}

static char *draw(const fs_table *t, double max, int compact)
{
    FILE *fp = tmpfile();
    assert_non_null(fp);
    fs_numfmt f = fs_numfmt_text("sv", 2, 0);
    fs_svg_options o = {&f, "c1", max, compact};
    assert_int_equal(fs_svg_chart(fp, t, &o), FS_OK);
    return slurp(fp);
}

/* The number in attribute name="..." of the element starting at p (before its '>'). */
static double attr(const char *p, const char *name)
{
    char pat[32];
    snprintf(pat, sizeof pat, " %s=\"", name);
    const char *end = strchr(p, '>'), *a = strstr(p, pat);
    assert_true(a && a < end);
    return strtod(a + strlen(pat), NULL);
}

typedef struct bar {
    double width, y;
    char text[32];
} bar;

/* The bars of svg in order, each with the text of the value label after it. */
static size_t read_bars(const char *svg, bar *out, size_t max)
{
    size_t n = 0;
    for (const char *p = strstr(svg, "<rect class=\"bar\""); p; p = strstr(p + 1, "<rect class=\"bar\"")) {
        assert_true(n < max);
        out[n].width = attr(p, "width");
        out[n].y = attr(p, "y");
        const char *v = strstr(p, "<text class=\"value\"");
        assert_non_null(v);
        /* no other bar between a bar and its label */
        const char *next = strstr(p + 1, "<rect class=\"bar\"");
        assert_true(!next || v < next);
        v = strchr(v, '>') + 1;
        size_t k = (size_t)(strchr(v, '<') - v);
        assert_true(k < sizeof out[n].text);
        memcpy(out[n].text, v, k);
        out[n].text[k] = '\0';
        n++;
    }
    return n;
}

static void test_bars_proportional(void **state)
{
    (void)state;
    fs_table *t = known_table();
    /* a scale that makes every bar visible: the largest group small */
    t->rows[2].cells[0].value = 12;
    char *svg = draw(t, 0, 0);
    bar b[16];
    size_t n = read_bars(svg, b, 16);
    /* 5 groups x 2 series; the total row is not drawn */
    assert_int_equal(n, 10);
    static const double values[] = {9, 16, 6, 2, 12, 8, 0, 5, 1, 1};
    static const char *const texts[] = {"9", "16", "6", "2", "12", "8", "0", "5", "1", "1"};
    /* the axis is 20 (16 rounded up to steps of 5): the plot width is the 16-bar's / 0.8 */
    double step, axis = fs_svg_axis_max(16, &step);
    assert_true(axis == 20 && step == 5);
    double scale = b[1].width / 16;
    for (size_t i = 0; i < n; i++) {
        if (fabs(b[i].width - values[i] * scale) > 1.0)
            fail_msg("bar %zu: width %g for value %g (scale %g)", i, b[i].width, values[i], scale);
        assert_string_equal(b[i].text, texts[i]);
    }
    /* series of a group are stacked, groups in the order of the table */
    for (size_t i = 1; i < n; i++)
        assert_true(b[i].y > b[i - 1].y);
    /* accessible: an image with a title, no namespace URL, the pattern ids prefixed */
    assert_non_null(strstr(svg, "role=\"img\""));
    assert_non_null(strstr(svg, "<title id=\"c1-t\">Avslutsanledning efter kön</title>"));
    assert_null(strstr(svg, "http"));
    assert_null(strstr(svg, "//"));
    assert_non_null(strstr(svg, "id=\"c1-p1\""));
    assert_non_null(strstr(svg, "url(#c1-p1)"));
    free(svg);
    fs_table_free(t);
}

static void test_common_scale_and_grouping(void **state)
{
    (void)state;
    fs_table *t = known_table();
    /* small multiples: a scale given from outside; values written as the table writes them */
    char *svg = draw(t, 20000, 1);
    bar b[16];
    size_t n = read_bars(svg, b, 16);
    assert_int_equal(n, 10);
    /* 12345 of an axis of 20000 */
    double step, axis = fs_svg_axis_max(20000, &step);
    assert_true(axis == 20000 && step == 5000);
    assert_string_equal(b[4].text, "12 345");
    double scale = b[4].width / 12345;
    for (size_t i = 0; i < n; i++) {
        double v = t->rows[i / 2].cells[i % 2].value;
        if (fabs(b[i].width - v * scale) > 1.0)
            fail_msg("bar %zu: width %g for value %g", i, b[i].width, v);
    }
    /* no title line in a small multiple, but the title element names it */
    assert_null(strstr(svg, "font-weight=\"bold\""));
    free(svg);
    fs_table_free(t);
}

static void test_suppressed_and_empty(void **state)
{
    (void)state;
    fs_table *t = known_table();
    fs_table_suppress(t, 3); /* 1 and 2 hidden */
    t->rows[3].cells[0].value = NAN; /* an empty cell: neither bar nor text */
    char *svg = draw(t, 0, 0);
    bar b[16];
    size_t n = read_bars(svg, b, 16);
    /* 10 cells: one empty, three hidden (2, 1, 1) */
    assert_int_equal(n, 6);
    /* the hidden counts are written as the table writes them, without a bar */
    size_t hidden = 0;
    for (const char *p = strstr(svg, ">&lt;3</text>"); p; p = strstr(p + 1, ">&lt;3</text>"))
        hidden++;
    assert_int_equal(hidden, 3);
    free(svg);
    fs_table_free(t);
}

static void test_line_chart(void **state)
{
    (void)state;
    fs_table *t = fs_table_new("trend", "Trend");
    assert_non_null(t);
    const char *periods[] = {"2022", "2023", "2024"};
    for (int i = 0; i < 3; i++)
        assert_true(fs_table_add_col(t, periods[i], periods[i], FS_COL_COUNT, 0, -1) == i);
    fs_row *a = fs_table_add_row(t, "during", "Deltagare", 0, 0);
    fs_row *b = fs_table_add_row(t, "ended", "Avslutade", 0, 0);
    for (int i = 0; i < 3; i++) {
        a->cells[i].value = 100 + 50 * i;
        b->cells[i].value = 10 * (i + 1);
    }
    const char *keys[] = {"during", "ended"};
    assert_int_equal(fs_table_set_line_chart(t, "Flöde", keys, 2), FS_OK);
    char *svg = draw(t, 0, 0);
    /* two lines of three points, each point with its value */
    size_t lines = 0, values = 0;
    for (const char *p = strstr(svg, "<polyline"); p; p = strstr(p + 1, "<polyline"))
        lines++;
    for (const char *p = strstr(svg, "class=\"value\""); p; p = strstr(p + 1, "class=\"value\""))
        values++;
    assert_int_equal(lines, 2);
    assert_int_equal(values, 6);
    assert_non_null(strstr(svg, ">200</text>"));
    assert_non_null(strstr(svg, ">30</text>"));
    /* the scale: 200 is the axis maximum, in steps of 50 */
    double step, axis = fs_svg_axis_max(200, &step);
    assert_true(axis == 200 && step == 50);
    free(svg);
    fs_table_free(t);
}

static void test_axis(void **state)
{
    (void)state;
    static const struct {
        double max, axis, step;
    } cases[] = {
        {0, 4, 1}, {1, 1, 1}, {3, 3, 1}, {5, 5, 1}, {7, 8, 2}, {16, 20, 5}, {23, 25, 5},
        {103, 150, 50}, {206, 250, 50}, {1000, 1000, 200}, {2.5, 2.5, 0.5}, {0.37, 0.4, 0.1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double step, axis = fs_svg_axis_max(cases[i].max, &step);
        if (fabs(axis - cases[i].axis) > 1e-9 || fabs(step - cases[i].step) > 1e-9)
            fail_msg("max %g: axis %g step %g, expected %g and %g", cases[i].max, axis, step,
                     cases[i].axis, cases[i].step);
    }
}

static void test_html_text(void **state)
{
    (void)state;
    FILE *fp = tmpfile();
    assert_non_null(fp);
    fs_html_text(fp, "<script>\"a\" & 'b'</script>");
    char *buf = slurp(fp);
    assert_string_equal(buf, "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;");
    free(buf);
}

/* A survey question: four categories, the first two agreeing; two groups. Each group's
 * segments: the agreeing ones right of zero, the others left, each as long as its share of
 * 100 on either side (within a pixel), stacked from zero outwards without gaps, and each
 * named with its value. */
static void test_diverging(void **state)
{
    (void)state;
    static const struct {
        const char *key, *label;
        double a, b;
    } rows[] = {
        {"c1", "Instämmer helt", 30, 44}, {"c2", "Instämmer till stor del", 35, 39},
        {"c3", "Instämmer till viss del", 15, 13}, {"c4", "Instämmer inte alls", 20, 4},
    };
    fs_table *t = fs_table_new("q1", "Stöd");
    assert_non_null(t);
    assert_true(fs_table_add_col(t, "y2023_pct", "2023 (%)", FS_COL_NUMBER, 0, -1) == 0);
    assert_true(fs_table_add_col(t, "y2024_pct", "2024 (%)", FS_COL_NUMBER, 0, -1) == 1);
    for (size_t i = 0; i < 4; i++) {
        fs_row *r = fs_table_add_row(t, rows[i].key, rows[i].label, 0, 0);
        fs_row_set(t, r, "y2023_pct", rows[i].a);
        fs_row_set(t, r, "y2024_pct", rows[i].b);
    }
    const char *keys[] = {"y2023_pct", "y2024_pct"};
    assert_int_equal(fs_table_set_diverging_chart(t, "Stöd", keys, 2, 0, 2), FS_OK);
    char *svg = draw(t, 0, 0);
    /* the zero line: the one line 1.5 wide */
    const char *z = strstr(svg, "stroke=\"#000\" stroke-width=\"1.5\"");
    assert_non_null(z);
    while (z > svg && strncmp(z, "<line", 5) != 0)
        z--;
    double mid = attr(z, "x1");
    double x[8], w[8], y[8];
    char name[8][96];
    size_t n = 0;
    for (const char *p = strstr(svg, "<rect class=\"seg\""); p; p = strstr(p + 1, "<rect class=\"seg\"")) {
        assert_true(n < 8);
        x[n] = attr(p, "x"), w[n] = attr(p, "width"), y[n] = attr(p, "y");
        const char *ti = strstr(p, "<title>") + 7;
        size_t k = (size_t)(strstr(ti, "</title>") - ti);
        assert_true(k < sizeof name[0]);
        memcpy(name[n], ti, k);
        name[n][k] = '\0';
        n++;
    }
    assert_int_equal(n, 8);
    /* the scale: 30 % of the half width is segment 0's; every segment on that scale */
    double half = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t r = 0; r < 4; r++) {
            char want[96];
            double v = y[i] == y[0] ? rows[r].a : rows[r].b;
            snprintf(want, sizeof want, "%s, %s: %.0f", rows[r].label,
                     y[i] == y[0] ? "2023 (%)" : "2024 (%)", v);
            if (strcmp(name[i], want) != 0)
                continue;
            if (!half)
                half = w[i] / v * 100;
            if (fabs(w[i] - v / 100 * half) > 1.0)
                fail_msg("%s: width %g", name[i], w[i]);
            if (r < 2 && x[i] < mid - 0.01)
                fail_msg("%s: agreeing but left of zero", name[i]);
            if (r >= 2 && x[i] + w[i] > mid + 0.01)
                fail_msg("%s: not agreeing but right of zero", name[i]);
        }
    }
    assert_true(half > 0);
    /* stacked from zero: 2023's right side ends at 65 % and its left at 35 % */
    double right_end = mid, left_end = mid;
    for (size_t i = 0; i < n; i++)
        if (y[i] == y[0]) {
            right_end = fmax(right_end, x[i] + w[i]);
            left_end = fmin(left_end, x[i]);
        }
    assert_true(fabs(right_end - mid - 0.65 * half) < 1.0);
    assert_true(fabs(mid - left_end - 0.35 * half) < 1.0);
    free(svg);
    fs_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bars_proportional), cmocka_unit_test(test_common_scale_and_grouping),
        cmocka_unit_test(test_suppressed_and_empty), cmocka_unit_test(test_line_chart),
        cmocka_unit_test(test_axis), cmocka_unit_test(test_html_text),
        cmocka_unit_test(test_diverging),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
