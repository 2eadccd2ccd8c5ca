/* test_flow.c: participant flow classification at every boundary of a period, the flow
 * identity, age bands, duration bands and the months of a period. Table-driven: each case
 * names its episode and the expected set of flow rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "finsam/flow.h"

#define D FS_FLOW_BIT(FS_FLOW_DURING)
#define S FS_FLOW_BIT(FS_FLOW_ONGOING_AT_START)
#define N FS_FLOW_BIT(FS_FLOW_NEW)
#define E FS_FLOW_BIT(FS_FLOW_ENDED)
#define O FS_FLOW_BIT(FS_FLOW_ONGOING_AT_END)

typedef struct flow_case {
    const char *name;
    const char *entry, *exit; /* exit NULL: still open */
    int expected;             /* set of rows, 0 not during, FS_FLOW_INVALID */
} flow_case;

/* Period 2024H1: 2024-01-01..2024-06-30. */
static const flow_case cases[] = {
    {"entry on the first day, open", "2024-01-01", NULL, D | N | O},
    {"entry on the last day, open", "2024-06-30", NULL, D | N | O},
    {"entry the day after the period", "2024-07-01", NULL, 0},
    {"entry the day after, exit later", "2024-07-01", "2024-08-01", 0},
    {"entry before, open", "2023-05-01", NULL, D | S | O},
    {"entry before, exit on the first day", "2023-05-01", "2024-01-01", D | S | E},
    {"entry before, exit on the last day", "2023-05-01", "2024-06-30", D | S | E},
    {"entry before, exit the day before the period", "2023-05-01", "2023-12-31", 0},
    {"entry before, exit the day after the period", "2023-05-01", "2024-07-01", D | S | O},
    {"entry and exit on the first day", "2024-01-01", "2024-01-01", D | N | E},
    {"entry and exit on the last day", "2024-06-30", "2024-06-30", D | N | E},
    {"entry in, exit on the last day", "2024-03-01", "2024-06-30", D | N | E},
    {"entry in, exit the day after", "2024-03-01", "2024-07-01", D | N | O},
    {"entry the day before the period, open", "2023-12-31", NULL, D | S | O},
    {"entry and exit before the period", "2023-01-01", "2023-06-30", 0},
    {"entry and exit after the period", "2024-08-01", "2024-09-01", 0},
    {"spans the whole period", "2023-12-31", "2024-07-01", D | S | O},
    {"exit before entry is rejected", "2024-03-01", "2024-02-01", FS_FLOW_INVALID},
    {"exit before entry outside the period is rejected", "2022-03-01", "2022-02-01",
     FS_FLOW_INVALID},
};

static fs_date date(const char *s)
{
    fs_date d;
    assert_int_equal(fs_date_parse(s, &d), 0);
    return d;
}

static void test_classify(void **state)
{
    (void)state;
    fs_period p;
    assert_int_equal(fs_period_parse("2024H1", &p), FS_OK);
    int failed = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const flow_case *c = &cases[i];
        int got = fs_flow_classify(date(c->entry), c->exit != NULL, c->exit ? date(c->exit) : 0, &p);
        if (got != c->expected) {
            print_error("case \"%s\": expected %d, got %d\n", c->name, c->expected, got);
            failed = 1;
        }
    }
    assert_false(failed);
}

/* The identity over all cases (the valid ones), by sex, and a broken count detected. */
static void test_identity(void **state)
{
    (void)state;
    fs_period p;
    assert_int_equal(fs_period_parse("2024H1", &p), FS_OK);
    fs_flow_counts c;
    memset(&c, 0, sizeof c);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const flow_case *k = &cases[i];
        int cl = fs_flow_classify(date(k->entry), k->exit != NULL, k->exit ? date(k->exit) : 0, &p);
        if (cl >= 0)
            fs_flow_add(&c, cl, (fs_sex)(i % FS_SEX_N));
    }
    assert_true(fs_flow_identity_holds(&c));
    unsigned long during = 0, start = 0, nw = 0, ended = 0, end = 0;
    for (int s = 0; s < FS_SEX_N; s++) {
        during += c.n[FS_FLOW_DURING][s];
        start += c.n[FS_FLOW_ONGOING_AT_START][s];
        nw += c.n[FS_FLOW_NEW][s];
        ended += c.n[FS_FLOW_ENDED][s];
        end += c.n[FS_FLOW_ONGOING_AT_END][s];
    }
    assert_int_equal(during, 12);
    assert_int_equal(start, 6);
    assert_int_equal(nw, 6);
    assert_int_equal(ended, 5);
    assert_int_equal(end, 7);
    c.n[FS_FLOW_ENDED][FS_SEX_MAN]++;
    assert_false(fs_flow_identity_holds(&c));
}

typedef struct band_case {
    const char *bands;
    int age;
    int expected; /* band index, FS_AGE_OUTSIDE, or -100 for a parse error */
} band_case;

static void test_age_bands(void **state)
{
    (void)state;
    static const band_case bc[] = {
        {FS_AGE_DEFAULT_BANDS, 16, 0}, {FS_AGE_DEFAULT_BANDS, 29, 0},
        {FS_AGE_DEFAULT_BANDS, 30, 1}, {FS_AGE_DEFAULT_BANDS, 64, 4},
        {FS_AGE_DEFAULT_BANDS, 65, 5}, {FS_AGE_DEFAULT_BANDS, 99, 5},
        {FS_AGE_DEFAULT_BANDS, 15, FS_AGE_OUTSIDE}, {"18-24, 25-34", 40, FS_AGE_OUTSIDE},
        {"18-24, 25-34", 25, 1}, {"30-39,20-29", 0, -100}, {"65+,70-80", 0, -100},
        {"abc", 0, -100}, {"", 0, -100}, {"20-10", 0, -100},
    };
    for (size_t i = 0; i < sizeof bc / sizeof bc[0]; i++) {
        fs_age_bands b;
        fs_error e = fs_age_bands_parse(bc[i].bands, &b);
        if (bc[i].expected == -100) {
            assert_int_equal(e, FS_ERR_USAGE);
            continue;
        }
        assert_int_equal(e, FS_OK);
        assert_int_equal(fs_age_band(&b, bc[i].age), bc[i].expected);
    }
    fs_age_bands b;
    assert_int_equal(fs_age_bands_parse(FS_AGE_DEFAULT_BANDS, &b), FS_OK);
    assert_int_equal(b.n, 6);
    assert_string_equal(b.label[0], "16-29");
    assert_string_equal(b.label[5], "65+");
}

static void test_duration(void **state)
{
    (void)state;
    static const struct {
        const char *entry, *exit;
        fs_duration_band expected;
    } dc[] = {
        {"2024-01-15", "2024-01-15", FS_DUR_UNDER_3M},
        {"2024-01-15", "2024-04-14", FS_DUR_UNDER_3M},
        {"2024-01-15", "2024-04-15", FS_DUR_3_6M},
        {"2024-01-15", "2024-07-14", FS_DUR_3_6M},
        {"2024-01-15", "2024-07-15", FS_DUR_6_12M},
        {"2024-01-15", "2025-01-14", FS_DUR_6_12M},
        {"2024-01-15", "2025-01-15", FS_DUR_OVER_12M},
        {"2023-11-30", "2024-02-29", FS_DUR_3_6M}, /* + 3 months clamps to 2024-02-29 */
    };
    for (size_t i = 0; i < sizeof dc / sizeof dc[0]; i++)
        assert_int_equal(fs_duration_band_of(date(dc[i].entry), date(dc[i].exit)), dc[i].expected);
    assert_int_equal(fs_date_add_months(date("2024-01-31"), 1), date("2024-02-29"));
    assert_int_equal(fs_date_add_months(date("2023-12-31"), 2), date("2024-02-29"));
    /* the bounds the engine keeps per entry day are entry + 3, 6 and 12 months, every day
     * of 2023-2025 (month ends, leap days) */
    for (fs_date d = date("2023-01-01"); d <= date("2025-12-31"); d++) {
        fs_date b[3];
        fs_duration_bounds(d, b);
        assert_int_equal(b[0], fs_date_add_months(d, 3));
        assert_int_equal(b[1], fs_date_add_months(d, 6));
        assert_int_equal(b[2], fs_date_add_months(d, 12));
    }
}

static void test_months(void **state)
{
    (void)state;
    fs_period p;
    char buf[8];
    assert_int_equal(fs_period_parse("2024H2", &p), FS_OK);
    assert_int_equal(fs_period_months(&p), 6);
    assert_int_equal(fs_period_month_index(&p, date("2024-07-01")), 0);
    assert_int_equal(fs_period_month_index(&p, date("2024-12-31")), 5);
    assert_int_equal(fs_period_month_index(&p, date("2024-06-30")), -1);
    fs_period_month_text(&p, 5, buf);
    assert_string_equal(buf, "2024-12");
    assert_int_equal(fs_period_parse("2023-11-15..2024-02-10", &p), FS_OK);
    assert_int_equal(fs_period_months(&p), 4);
    fs_period_month_text(&p, 2, buf);
    assert_string_equal(buf, "2024-01");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_classify), cmocka_unit_test(test_identity),
        cmocka_unit_test(test_age_bands), cmocka_unit_test(test_duration),
        cmocka_unit_test(test_months),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
