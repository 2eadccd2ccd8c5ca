/* test_stats_rank.c: the rank-sum (Mann-Whitney) and Friedman tests and the Wilson interval
 * of the share improved against R (tests/oracle/rank_sum.csv, friedman.csv, wilson.csv, made
 * by tests/oracle/make_quest_oracle.R), and the median without a sort against a sorted
 * median. */
#include "oracle.h"

/* rank_sum.csv: x,y,alternative,W,p_value,method */
static void test_oracle_rank_sum(void **state)
{
    (void)state;
    oracle o;
    char *f[MAX_FIELDS];
    double *x = malloc(MAX_VALUES * sizeof *x), *y = malloc(MAX_VALUES * sizeof *y);
    assert_non_null(x);
    assert_non_null(y);
    oracle_open(&o, "rank_sum.csv");
    while (oracle_next(&o, f)) {
        size_t nx = parse_double_list(&o, f[0], x), ny = parse_double_list(&o, f[1], y);
        fs_ranksum_result r;
        fs_error e = fs_wilcoxon_rank_sum(x, nx, y, ny, parse_alt(&o, f[2]), &r);
        check_ok(&o, "fs_wilcoxon_rank_sum", e);
        if (e)
            continue;
        check(&o, "W", parse_double(&o, f[3]), r.W);
        check(&o, "p_value", parse_double(&o, f[4]), r.p_value);
        if (r.exact != (strcmp(f[5], "exact") == 0)) {
            o.failures++;
            print_error("%s:%zu: method %s, got exact = %d\n", o.name, o.line_no, f[5], r.exact);
        }
    }
    oracle_finish(&o);
    free(x);
    free(y);
}

/* friedman.csv: rows ("|" between blocks),statistic,df,p_value */
static void test_oracle_friedman(void **state)
{
    (void)state;
    oracle o;
    char *f[MAX_FIELDS];
    double *y = malloc(MAX_VALUES * sizeof *y);
    assert_non_null(y);
    oracle_open(&o, "friedman.csv");
    while (oracle_next(&o, f)) {
        size_t n = 0, k = 0, total = 0;
        for (char *block = strtok(f[0], "|"); block; block = strtok(NULL, "|")) {
            size_t m = parse_double_list(&o, block, y + total);
            if (k && m != k)
                fail_msg("%s:%zu: blocks of unequal length", o.name, o.line_no);
            k = m;
            total += m;
            n++;
        }
        fs_friedman_result r;
        fs_error e = fs_friedman(y, n, k, &r);
        check_ok(&o, "fs_friedman", e);
        if (e)
            continue;
        check(&o, "statistic", parse_double(&o, f[1]), r.statistic);
        check(&o, "df", parse_double(&o, f[2]), r.df);
        check(&o, "p_value", parse_double(&o, f[3]), r.p_value);
    }
    oracle_finish(&o);
    free(y);
}

/* wilson.csv: x,n,conf_level,low,high */
static void test_oracle_wilson(void **state)
{
    (void)state;
    oracle o;
    char *f[MAX_FIELDS];
    oracle_open(&o, "wilson.csv");
    while (oracle_next(&o, f)) {
        double lo, hi;
        fs_error e = fs_wilson_ci(parse_uint(&o, f[0]), parse_uint(&o, f[1]),
                                  parse_double(&o, f[2]), &lo, &hi);
        check_ok(&o, "fs_wilson_ci", e);
        if (e)
            continue;
        check(&o, "low", parse_double(&o, f[3]), lo);
        check(&o, "high", parse_double(&o, f[4]), hi);
    }
    oracle_finish(&o);
}

/* What R cannot test: refusals and the tied-throughout Friedman. */
static void test_rank_edges(void **state)
{
    (void)state;
    static const double one[] = {1}, two[] = {1, 2}, inf[] = {1, INFINITY};
    static const double same[] = {3, 3, 3, 3, 3, 3};
    fs_ranksum_result r;
    fs_friedman_result fr;
    static const struct {
        const double *x, *y;
        size_t nx, ny;
        fs_error want;
    } rs[] = {
        {one, two, 0, 2, FS_ERR_RANGE},   /* an empty sample */
        {one, inf, 1, 2, FS_ERR_DATA},    /* not finite */
        {same, same, 3, 3, FS_ERR_RANGE}, /* all tied: no exact test, variance 0 (R: NaN) */
    };
    for (size_t i = 0; i < sizeof rs / sizeof rs[0]; i++) {
        fs_error e = fs_wilcoxon_rank_sum(rs[i].x, rs[i].nx, rs[i].y, rs[i].ny, FS_ALT_TWO_SIDED, &r);
        if (e != rs[i].want)
            fail_msg("rank-sum case %zu: %d, want %d", i, e, rs[i].want);
    }
    assert_int_equal(fs_friedman(same, 3, 2, &fr), FS_OK);
    assert_true(isnan(fr.statistic) && isnan(fr.p_value));
    assert_int_equal(fr.df, 1);
    assert_int_equal(fs_friedman(same, 6, 1, &fr), FS_ERR_RANGE);
    assert_int_equal(fs_friedman(same, 0, 3, &fr), FS_ERR_RANGE);
    assert_int_equal(fs_friedman(inf, 1, 2, &fr), FS_ERR_DATA);
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median by counting (small whole numbers) and by selection, against a sorted median,
 * on hand cases and on pseudo-random vectors of every length up to 60. */
static void test_median(void **state)
{
    (void)state;
    static const struct {
        double v[8];
        size_t n;
        double want;
    } cases[] = {
        {{5}, 1, 5},
        {{2, 1}, 2, 1.5},
        {{3, 1, 2}, 3, 2},
        {{4, 4, 1, 1}, 4, 2.5},
        {{7, 7, 7, 7, 7}, 5, 7},
        {{0.5, -2, 9.25, 3}, 4, 1.75},
        {{255, 0, 255, 0, 255}, 5, 255},
        {{256, 1, 2}, 3, 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double v[8];
        memcpy(v, cases[i].v, sizeof v);
        double m = fs_median_inplace(v, cases[i].n);
        if (m != cases[i].want)
            fail_msg("case %zu: %g, want %g", i, m, cases[i].want);
    }
    assert_true(isnan(fs_median_inplace(NULL, 0)));
    unsigned long s = 12345;
    for (size_t n = 1; n <= 60; n++)
        for (int kind = 0; kind < 3; kind++) {
            double v[60], sorted[60];
            for (size_t i = 0; i < n; i++) {
                s = s * 6364136223846793005UL + 1442695040888963407UL;
                unsigned r = (unsigned)(s >> 33);
                v[i] = kind == 0 ? (double)(r % 11) : kind == 1 ? (double)(r % 5) - 2.5
                                                                : (double)(r % 1000) / 7;
                sorted[i] = v[i];
            }
            qsort(sorted, n, sizeof *sorted, cmp);
            double want = fs_quantile_sorted(sorted, n, 0.5), got = fs_median_inplace(v, n);
            if (fabs(got - want) > 1e-12)
                fail_msg("n %zu kind %d: %g, want %g", n, kind, got, want);
        }
}

int main(void)
{
    fs_stats_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oracle_rank_sum),
        cmocka_unit_test(test_oracle_friedman),
        cmocka_unit_test(test_oracle_wilson),
        cmocka_unit_test(test_rank_edges),
        cmocka_unit_test(test_median),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
