/* test_stats.c: unit tests of stats.h against the R reference values in $FS_ORACLE_DIR
 * (every row of every oracle file) plus hand-worked cases and a brute-force cross-check of
 * the pruned Fisher enumeration.
 *
 * Tolerance: relative 1e-9, or absolute 1e-12 when |expected| < 1e-12. A failing value is
 * reported as file:line, column, expected and actual; all rows are checked before the
 * test fails, and each oracle test prints its row count and worst relative error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/stats.h"
#include "oracle.h"

/* ---------------------------------------------------------------------------------------
 * Oracle tests */

/* sign_test.csv: worse,better,alternative,p_value,ci_low,ci_high. */
static void test_oracle_sign_test(void **state)
{
    oracle o;
    char *f[MAX_FIELDS];

    (void)state;
    oracle_open(&o, "sign_test.csv");
    while (oracle_next(&o, f) == 6) {
        fs_binom_result r;
        unsigned worse = parse_uint(&o, f[0]), better = parse_uint(&o, f[1]);
        fs_error err = fs_sign_test(worse, better, parse_alt(&o, f[2]), 0.95, &r);

        check_ok(&o, "fs_sign_test", err);
        if (err != FS_OK)
            continue;
        check(&o, "p_value", parse_double(&o, f[3]), r.p_value);
        check(&o, "ci_low", parse_double(&o, f[4]), r.ci_low);
        check(&o, "ci_high", parse_double(&o, f[5]), r.ci_high);
        check(&o, "n", (double)worse + better, (double)r.n);
    }
    oracle_finish(&o);
}

/* mcnemar.csv: b,c,chisq_cc,p_chisq_cc,p_exact. */
static void test_oracle_mcnemar(void **state)
{
    oracle o;
    char *f[MAX_FIELDS];

    (void)state;
    oracle_open(&o, "mcnemar.csv");
    while (oracle_next(&o, f) == 5) {
        fs_mcnemar_result r;
        fs_error err = fs_mcnemar(parse_uint(&o, f[0]), parse_uint(&o, f[1]), &r);

        check_ok(&o, "fs_mcnemar", err);
        if (err != FS_OK)
            continue;
        check(&o, "chisq_cc", parse_double(&o, f[2]), r.chisq_cc);
        check(&o, "p_chisq_cc", parse_double(&o, f[3]), r.p_chisq_cc);
        check(&o, "p_exact", parse_double(&o, f[4]), r.p_exact);
    }
    oracle_finish(&o);
}

/* wilcoxon.csv: differences,alternative,V,p_value,method (exact | normal-cc). */
static void test_oracle_wilcoxon(void **state)
{
    oracle o;
    char *f[MAX_FIELDS];
    double *d = malloc(MAX_VALUES * sizeof *d);

    (void)state;
    assert_non_null(d);
    oracle_open(&o, "wilcoxon.csv");
    while (oracle_next(&o, f) == 5) {
        fs_wilcoxon_result r;
        size_t n = parse_double_list(&o, f[0], d), nonzero = 0, i;
        fs_error err = fs_wilcoxon_signed_rank(d, n, parse_alt(&o, f[1]), &r);
        double exact = -1.0; /* set below; fail_msg does not return */

        if (strcmp(f[4], "exact") == 0)
            exact = 1.0;
        else if (strcmp(f[4], "normal-cc") == 0)
            exact = 0.0;
        else
            fail_msg("%s:%zu: unknown method '%s'", o.name, o.line_no, f[4]);
        for (i = 0; i < n; i++)
            nonzero += d[i] != 0.0;

        check_ok(&o, "fs_wilcoxon_signed_rank", err);
        if (err != FS_OK)
            continue;
        check(&o, "V", parse_double(&o, f[2]), r.V);
        check(&o, "p_value", parse_double(&o, f[3]), r.p_value);
        check(&o, "method (1 exact, 0 normal-cc)", exact, (double)r.exact);
        check(&o, "n_used", (double)nonzero, (double)r.n_used);
    }
    free(d);
    oracle_finish(&o);
}

/* proportion_ci.csv: x,n,wilson_low,wilson_high,cp_low,cp_high. */
static void test_oracle_proportion_ci(void **state)
{
    oracle o;
    char *f[MAX_FIELDS];

    (void)state;
    oracle_open(&o, "proportion_ci.csv");
    while (oracle_next(&o, f) == 6) {
        unsigned x = parse_uint(&o, f[0]), n = parse_uint(&o, f[1]);
        double lo = NAN, hi = NAN;
        fs_error err = fs_wilson_ci(x, n, 0.95, &lo, &hi);

        check_ok(&o, "fs_wilson_ci", err);
        if (err == FS_OK) {
            check(&o, "wilson_low", parse_double(&o, f[2]), lo);
            check(&o, "wilson_high", parse_double(&o, f[3]), hi);
        }
        err = fs_clopper_pearson_ci(x, n, 0.95, &lo, &hi);
        check_ok(&o, "fs_clopper_pearson_ci", err);
        if (err == FS_OK) {
            check(&o, "cp_low", parse_double(&o, f[4]), lo);
            check(&o, "cp_high", parse_double(&o, f[5]), hi);
        }
    }
    oracle_finish(&o);
}

/* sex_by_category.csv: women,men (space-separated counts),chisq,df,p_chisq,p_fisher. */
static void test_oracle_sex_by_category(void **state)
{
    oracle o;
    char *f[MAX_FIELDS];
    unsigned *women = malloc(MAX_VALUES * sizeof *women);
    unsigned *men = malloc(MAX_VALUES * sizeof *men);

    (void)state;
    assert_non_null(women);
    assert_non_null(men);
    oracle_open(&o, "sex_by_category.csv");
    while (oracle_next(&o, f) == 6) {
        size_t k = parse_uint_list(&o, f[0], women);
        fs_chisq_result chi;
        double p = NAN;
        fs_error err;

        if (parse_uint_list(&o, f[1], men) != k)
            fail_msg("%s:%zu: rows of different length", o.name, o.line_no);
        err = fs_chisq_2xk(women, men, k, &chi);
        check_ok(&o, "fs_chisq_2xk", err);
        if (err == FS_OK) {
            check(&o, "chisq", parse_double(&o, f[2]), chi.statistic);
            check(&o, "df", parse_double(&o, f[3]), (double)chi.df);
            check(&o, "p_chisq", parse_double(&o, f[4]), chi.p_value);
        }
        err = fs_fisher_2xk(women, men, k, &p);
        check_ok(&o, "fs_fisher_2xk", err);
        if (err == FS_OK)
            check(&o, "p_fisher", parse_double(&o, f[5]), p);
    }
    free(women);
    free(men);
    oracle_finish(&o);
}

/* ---------------------------------------------------------------------------------------
 * Hand-worked cases */

/* Asserts agreement under the oracle tolerance, with a readable message. */
#define assert_close(expected, actual)                                                     \
    do {                                                                                   \
        double e_ = (expected), a_ = (actual);                                             \
        if (!agrees(e_, a_))                                                               \
            fail_msg("%s: expected %.17g, got %.17g", #actual, e_, a_);                    \
    } while (0)

/* The domain documents' example: 9 worse, 21 better; R: binom.test(21, 30). */
static void test_sign_test_documented_example(void **state)
{
    fs_binom_result r;

    (void)state;
    assert_int_equal(fs_sign_test(9, 21, FS_ALT_TWO_SIDED, 0.95, &r), FS_OK);
    assert_int_equal(r.x, 21);
    assert_int_equal(r.n, 30);
    assert_close(0.04277394525706768, r.p_value);
    /* One-sided: P(X >= 21) is half the two-sided value for p = 0.5. */
    assert_int_equal(fs_sign_test(9, 21, FS_ALT_GREATER, 0.95, &r), FS_OK);
    assert_close(0.04277394525706768 / 2.0, r.p_value);
    assert_close(1.0, r.ci_high);
}

/* Tiny p-values keep their relative accuracy (the oracle tolerance is absolute below
 * 1e-12, so they are checked here, relative 1e-12): for n = 100, P(X <= 0) = 2^-100 and
 * P(X <= 1) = 101 * 2^-100; for n = 60, P(X <= 5) = sum_{i <= 5} C(60, i) / 2^60, where
 * every C(60, i) is below 2^53 and so exact in a double. */
static void test_sign_test_tiny_p(void **state)
{
    fs_binom_result r;
    double sum = 0.0, c = 1.0;
    unsigned i;

    (void)state;
    assert_int_equal(fs_sign_test(100, 0, FS_ALT_LESS, 0.95, &r), FS_OK);
    assert_true(fabs(r.p_value / ldexp(1.0, -100) - 1.0) < 1e-12);
    assert_int_equal(fs_sign_test(0, 100, FS_ALT_TWO_SIDED, 0.95, &r), FS_OK);
    assert_true(fabs(r.p_value / ldexp(1.0, -99) - 1.0) < 1e-12);
    assert_int_equal(fs_sign_test(99, 1, FS_ALT_LESS, 0.95, &r), FS_OK);
    assert_true(fabs(r.p_value / ldexp(101.0, -100) - 1.0) < 1e-12);
    /* n = 60, 5 better: C(60, i) < 2^53 for i <= 5, so the sum is exact. */
    for (i = 0; i <= 5; i++) {
        sum += c;
        c = c * (60 - i) / (i + 1);
    }
    assert_int_equal(fs_sign_test(55, 5, FS_ALT_LESS, 0.95, &r), FS_OK);
    assert_true(fabs(r.p_value / ldexp(sum, -60) - 1.0) < 1e-12);
}

/* Every pair tied: n = 0, p = 1, interval [0, 1]. */
static void test_sign_test_all_tied(void **state)
{
    fs_binom_result r;

    (void)state;
    assert_int_equal(fs_sign_test(0, 0, FS_ALT_TWO_SIDED, 0.95, &r), FS_OK);
    assert_int_equal(r.n, 0);
    assert_true(r.p_value == 1.0);
    assert_true(r.ci_low == 0.0 && r.ci_high == 1.0);
}

/* Closed forms: x = 0 of n, two-sided: upper = 1 - (alpha/2)^(1/n); x = n: lower =
 * (alpha/2)^(1/n). Exercises the quantile refinement at large n. */
static void test_clopper_pearson_closed_forms(void **state)
{
    unsigned ns[] = { 1, 7, 100, 100000, 1000000 };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof ns / sizeof ns[0]; i++) {
        double n = ns[i], lo, hi;
        assert_int_equal(fs_clopper_pearson_ci(0, ns[i], 0.95, &lo, &hi), FS_OK);
        assert_true(lo == 0.0);
        assert_close(-expm1(log(0.025) / n), hi);
        assert_int_equal(fs_clopper_pearson_ci(ns[i], ns[i], 0.95, &lo, &hi), FS_OK);
        assert_close(exp(log(0.025) / n), lo);
        assert_true(hi == 1.0);
    }
}

/* Invalid arguments are rejected, not computed. */
static void test_invalid_arguments(void **state)
{
    fs_binom_result r;
    double lo, hi;

    (void)state;
    assert_int_equal(fs_binom_test(3, 2, FS_ALT_TWO_SIDED, 0.95, &r), FS_ERR_RANGE);
    assert_int_equal(fs_binom_test(1, 2, FS_ALT_TWO_SIDED, 1.0, &r), FS_ERR_RANGE);
    assert_int_equal(fs_binom_test(1, 2, FS_ALT_TWO_SIDED, NAN, &r), FS_ERR_RANGE);
    assert_int_equal(fs_wilson_ci(3, 2, 0.95, &lo, &hi), FS_ERR_RANGE);
    assert_int_equal(fs_clopper_pearson_ci(1, 2, 0.0, &lo, &hi), FS_ERR_RANGE);
    assert_int_equal(fs_sign_test(0xffffffffu, 1, FS_ALT_LESS, 0.95, &r), FS_ERR_RANGE);
}

/* Inputs the other tests cannot take: non-finite differences, overflowing counts, a
 * Fisher table whose bound tables would be too large. */
static void test_invalid_inputs(void **state)
{
    const double bad[] = { 1.0, NAN, 2.0 }, inf[] = { INFINITY, 1.0 };
    const unsigned big_a[] = { 3000000, 3000000 }, big_b[] = { 3000000, 3000000 };
    fs_wilcoxon_result w;
    fs_mcnemar_result mc;
    fs_chisq_result chi;
    double p;

    (void)state;
    assert_int_equal(fs_wilcoxon_signed_rank(bad, 3, FS_ALT_TWO_SIDED, &w), FS_ERR_DATA);
    assert_int_equal(fs_wilcoxon_signed_rank(inf, 2, FS_ALT_TWO_SIDED, &w), FS_ERR_DATA);
    assert_int_equal(fs_mcnemar(0xffffffffu, 1, &mc), FS_ERR_RANGE);
    assert_int_equal(fs_fisher_2xk(big_a, big_b, 2, &p), FS_ERR_RANGE);
    /* chi-square has no such limit: every cell equals its expectation. */
    assert_int_equal(fs_chisq_2xk(big_a, big_b, 2, &chi), FS_OK);
    assert_close(0.0, chi.statistic);
    assert_close(1.0, chi.p_value);
}

/* McNemar without discordant pairs, and b == c (no continuity correction, as R). */
static void test_mcnemar_edge_cases(void **state)
{
    fs_mcnemar_result r;

    (void)state;
    assert_int_equal(fs_mcnemar(0, 0, &r), FS_OK);
    assert_true(r.chisq_cc == 0.0 && r.p_chisq_cc == 1.0 && r.p_exact == 1.0);
    assert_int_equal(fs_mcnemar(5, 5, &r), FS_OK);
    assert_true(r.chisq_cc == 0.0);
    assert_close(1.0, r.p_chisq_cc);
    assert_close(1.0, r.p_exact);
    /* b = 0, c = 4: (4 - 1)^2 / 4 = 2.25; exact p = 2 * 0.5^4 = 0.125. */
    assert_int_equal(fs_mcnemar(0, 4, &r), FS_OK);
    assert_close(2.25, r.chisq_cc);
    assert_close(0.125, r.p_exact);
}

/* All differences zero: nothing to test, p = 1. */
static void test_wilcoxon_all_zero(void **state)
{
    const double d[] = { 0.0, 0.0, -0.0 };
    fs_wilcoxon_result r;

    (void)state;
    assert_int_equal(fs_wilcoxon_signed_rank(d, 3, FS_ALT_TWO_SIDED, &r), FS_OK);
    assert_int_equal(r.n_used, 0);
    assert_true(r.V == 0.0 && r.p_value == 1.0);
    assert_int_equal(fs_wilcoxon_signed_rank(NULL, 0, FS_ALT_LESS, &r), FS_OK);
    assert_true(r.p_value == 1.0);
}

/* d = 1..5: V = 15, the largest of 32 equally likely sign patterns:
 * greater p = 1/32, two-sided 2/32, less 1. A negative 1 gives V = 14, P(V' >= 14) = 2/32. */
static void test_wilcoxon_exact_by_hand(void **state)
{
    double d[] = { 1, 2, 3, 4, 5 };
    fs_wilcoxon_result r;

    (void)state;
    assert_int_equal(fs_wilcoxon_signed_rank(d, 5, FS_ALT_TWO_SIDED, &r), FS_OK);
    assert_int_equal(r.exact, 1);
    assert_true(r.V == 15.0);
    assert_close(0.0625, r.p_value);
    assert_int_equal(fs_wilcoxon_signed_rank(d, 5, FS_ALT_GREATER, &r), FS_OK);
    assert_close(1.0 / 32.0, r.p_value);
    assert_int_equal(fs_wilcoxon_signed_rank(d, 5, FS_ALT_LESS, &r), FS_OK);
    assert_close(1.0, r.p_value);
    d[0] = -1;
    assert_int_equal(fs_wilcoxon_signed_rank(d, 5, FS_ALT_GREATER, &r), FS_OK);
    assert_true(r.V == 14.0);
    assert_close(2.0 / 32.0, r.p_value);
}

/* The exact distribution is used up to n = 49 and the normal approximation from n = 50
 * (R: exact <- n < 50). d = 1..n, all positive: V = n(n+1)/2. Exact: P(V' >= V) = 2^-n.
 * Normal, n = 50: z = (1275 - 637.5 - 0.5) / sqrt(50 * 51 * 101 / 24), p = erfc(z/sqrt 2). */
static void test_wilcoxon_exact_limit(void **state)
{
    double d[50];
    fs_wilcoxon_result r;
    size_t i;

    (void)state;
    for (i = 0; i < 50; i++)
        d[i] = (double)(i + 1);
    assert_int_equal(fs_wilcoxon_signed_rank(d, 49, FS_ALT_TWO_SIDED, &r), FS_OK);
    assert_int_equal(r.exact, 1);
    assert_true(r.V == 1225.0);
    assert_close(ldexp(1.0, -48), r.p_value);
    assert_int_equal(fs_wilcoxon_signed_rank(d, 50, FS_ALT_TWO_SIDED, &r), FS_OK);
    assert_int_equal(r.exact, 0);
    assert_true(r.V == 1275.0);
    assert_close(erfc((637.5 - 0.5) / sqrt(50.0 * 51.0 * 101.0 / 24.0) / sqrt(2.0)),
                 r.p_value);
}

/* Ties force the normal approximation: d = 1, 1, 2, -3. |d| ranks 1.5, 1.5, 3, 4, V = 6,
 * z = 6 - 5 = 1, sigma^2 = 4*5*9/24 - 6/48 = 7.375, two-sided z' = 0.5 / sqrt(7.375),
 * p = 2 * Q(z') = erfc(z' / sqrt(2)). */
static void test_wilcoxon_ties_by_hand(void **state)
{
    const double d[] = { 1, 1, 2, -3 };
    fs_wilcoxon_result r;
    double z = 0.5 / sqrt(7.375);

    (void)state;
    assert_int_equal(fs_wilcoxon_signed_rank(d, 4, FS_ALT_TWO_SIDED, &r), FS_OK);
    assert_int_equal(r.exact, 0);
    assert_true(r.V == 6.0);
    assert_close(erfc(z / sqrt(2.0)), r.p_value);
    assert_int_equal(fs_wilcoxon_signed_rank(d, 4, FS_ALT_LESS, &r), FS_OK);
    assert_close(0.5 * erfc(-(1.0 + 0.5) / sqrt(7.375) / sqrt(2.0)), r.p_value);
}

/* R's quantile(type = 7). */
static void test_quantile_type7(void **state)
{
    const double x[] = { 1, 2, 3, 4 };
    const double y[] = { 10, 20, 30, 40, 50 };
    const double one[] = { 42 };
    const double same[] = { 0.1, 0.1, 0.1 };

    (void)state;
    assert_close(1.0, fs_quantile_sorted(x, 4, 0.0));
    assert_close(1.75, fs_quantile_sorted(x, 4, 0.25));   /* quantile(1:4, .25) */
    assert_close(2.5, fs_quantile_sorted(x, 4, 0.5));
    assert_close(3.25, fs_quantile_sorted(x, 4, 0.75));
    assert_close(4.0, fs_quantile_sorted(x, 4, 1.0));
    assert_close(14.0, fs_quantile_sorted(y, 5, 0.1));     /* quantile(c(10,...,50), .1) */
    assert_close(46.0, fs_quantile_sorted(y, 5, 0.9));
    assert_close(30.0, fs_quantile_sorted(y, 5, 0.5));
    assert_close(42.0, fs_quantile_sorted(one, 1, 0.3));
    assert_true(fs_quantile_sorted(same, 3, 0.37) == 0.1); /* no interpolation rounding */
    assert_true(isnan(fs_quantile_sorted(x, 4, 1.5)));
    assert_true(isnan(fs_quantile_sorted(x, 0, 0.5)));
}

/* Parsing and naming of alternatives. */
static void test_alternative_names(void **state)
{
    fs_alternative alt;

    (void)state;
    assert_int_equal(fs_alternative_parse("two-sided", &alt), FS_OK);
    assert_int_equal(alt, FS_ALT_TWO_SIDED);
    assert_int_equal(fs_alternative_parse("two.sided", &alt), FS_OK);
    assert_int_equal(alt, FS_ALT_TWO_SIDED);
    assert_int_equal(fs_alternative_parse("greater", &alt), FS_OK);
    assert_int_equal(alt, FS_ALT_GREATER);
    assert_int_equal(fs_alternative_parse("less", &alt), FS_OK);
    assert_int_equal(alt, FS_ALT_LESS);
    assert_int_equal(fs_alternative_parse("two_sided", &alt), FS_ERR_USAGE);
    assert_int_equal(fs_alternative_parse("", &alt), FS_ERR_USAGE);
    assert_int_equal(fs_alternative_parse("Greater", &alt), FS_ERR_USAGE);
    assert_string_equal(fs_alternative_name(FS_ALT_TWO_SIDED), "two-sided");
    assert_string_equal(fs_alternative_name(FS_ALT_GREATER), "greater");
    assert_string_equal(fs_alternative_name(FS_ALT_LESS), "less");
}

/* Fisher on R's tea-tasting table, matrix(c(3, 1, 1, 3), 2): probabilities of x = 0..4
 * are 1, 16, 36, 16, 1 over 70, so p = 34/70; an empty column changes nothing. */
static void test_fisher_by_hand(void **state)
{
    const unsigned a[] = { 3, 1 }, b[] = { 1, 3 };
    const unsigned a0[] = { 3, 0, 1 }, b0[] = { 1, 0, 3 };
    fs_chisq_result chi;
    double p;

    (void)state;
    assert_int_equal(fs_fisher_2xk(a, b, 2, &p), FS_OK);
    assert_close(34.0 / 70.0, p);
    assert_int_equal(fs_fisher_2xk(a0, b0, 3, &p), FS_OK);
    assert_close(34.0 / 70.0, p);
    /* chi-square: every (O - E)^2 / E = 1/2, statistic 2, df 1 (the empty column is
     * dropped), p = erfc(1). */
    assert_int_equal(fs_chisq_2xk(a0, b0, 3, &chi), FS_OK);
    assert_close(2.0, chi.statistic);
    assert_int_equal(chi.df, 1);
    assert_close(erfc(1.0), chi.p_value);
}

/* Tables the tests cannot handle: a single non-empty column, an empty row, no columns. */
static void test_table_errors(void **state)
{
    const unsigned one_a[] = { 0, 5, 0 }, one_b[] = { 0, 7, 0 };
    const unsigned a[] = { 3, 4 }, zero[] = { 0, 0 };
    fs_chisq_result chi;
    double p;

    (void)state;
    assert_int_equal(fs_fisher_2xk(one_a, one_b, 3, &p), FS_ERR_RANGE);
    assert_int_equal(fs_chisq_2xk(one_a, one_b, 3, &chi), FS_ERR_RANGE);
    assert_int_equal(fs_fisher_2xk(a, zero, 2, &p), FS_ERR_RANGE);
    assert_int_equal(fs_chisq_2xk(zero, a, 2, &chi), FS_ERR_RANGE);
    assert_int_equal(fs_fisher_2xk(NULL, NULL, 0, &p), FS_ERR_RANGE);
}

/* A table far too large to enumerate fails with FS_ERR_RANGE instead of running forever. */
static void test_fisher_work_budget(void **state)
{
    unsigned a[40], b[40];
    size_t j;
    double p;

    (void)state;
    for (j = 0; j < 40; j++) {
        a[j] = 200 + (unsigned)(j * 37 % 11);
        b[j] = 200 + (unsigned)(j * 53 % 13);
    }
    assert_int_equal(fs_fisher_2xk(a, b, 40, &p), FS_ERR_RANGE);
}

/* Brute force: every vector x with 0 <= x_j <= col_j and sum x_j = r, probabilities from
 * lgamma (independent of the implementation), summed when no more likely than the observed
 * table under R's rule: log P <= log P(obs) + log_tol, with log_tol = log(1 + 1e-7) for 2
 * columns (fisher.test's 2 x 2 code) and 3.45254e-7 for more (FEXACT's tol). */
static double brute_ln_choose(unsigned n, unsigned k)
{
    return lgamma(n + 1.0) - lgamma(k + 1.0) - lgamma(n - k + 1.0);
}

static void brute_visit(const unsigned *col, size_t k, size_t j, unsigned s, double acc,
                        double ln_limit, double ln_total, double *sum)
{
    unsigned x;

    if (j == k) {
        if (s == 0 && acc <= ln_limit)
            *sum += exp(acc - ln_total);
        return;
    }
    for (x = 0; x <= col[j] && x <= s; x++)
        brute_visit(col, k, j + 1, s - x, acc + brute_ln_choose(col[j], x), ln_limit,
                    ln_total, sum);
}

/* The pruned enumeration agrees with brute force on 2000 pseudo-random small tables
 * (including empty columns, ties of probability and lopsided rows). */
static void test_fisher_vs_brute_force(void **state)
{
    uint64_t seed = 0x9e3779b97f4a7c15u;
    int trial, checked = 0;

    (void)state;
    for (trial = 0; trial < 2000; trial++) {
        unsigned a[6], b[6], col[6], ra = 0, rb = 0, max_count;
        double ln_obs = 0.0, ln_total, expected = 0.0, p;
        size_t k, j, nonempty = 0;
        fs_error err;

        seed = seed * 6364136223846793005u + 1442695040888963407u;
        k = 2 + (size_t)((seed >> 33) % 5);
        /* Keep the brute force affordable: wide tables get small counts. */
        max_count = 1 + (unsigned)((seed >> 45) % (k <= 3 ? 15 : k == 4 ? 9 : 5));
        for (j = 0; j < k; j++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            a[j] = (unsigned)((seed >> 33) % (max_count + 1));
            b[j] = (unsigned)((seed >> 49) % (max_count + 1));
            col[j] = a[j] + b[j];
            ra += a[j];
            rb += b[j];
        }
        err = fs_fisher_2xk(a, b, k, &p);
        for (j = 0; j < k; j++)
            nonempty += col[j] > 0;
        if (nonempty < 2 || ra == 0 || rb == 0) {
            assert_int_equal(err, FS_ERR_RANGE);
            continue;
        }
        assert_int_equal(err, FS_OK);
        for (j = 0; j < k; j++)
            ln_obs += brute_ln_choose(col[j], a[j]);
        ln_total = brute_ln_choose(ra + rb, ra);
        brute_visit(col, k, 0, ra, 0.0, ln_obs + (nonempty == 2 ? log1p(1e-7) : 3.45254e-7),
                    ln_total, &expected);
        if (expected > 1.0)
            expected = 1.0;
        if (!agrees(expected, p))
            fail_msg("trial %d (k = %zu): brute force %.17g, fs_fisher_2xk %.17g", trial, k,
                     expected, p);
        checked++;
    }
    print_message("fisher brute force: %d tables checked\n", checked);
    assert_true(checked > 1000);
}

/* fs_sign_test_p gives the very p-value of fs_sign_test (which the R oracle checks), for
 * every split of up to 60 changed answers and every alternative. */
static void test_sign_test_p_alone(void **state)
{
    (void)state;
    const fs_alternative alts[] = {FS_ALT_TWO_SIDED, FS_ALT_GREATER, FS_ALT_LESS};
    for (unsigned n = 0; n <= 60; n++)
        for (unsigned better = 0; better <= n; better++)
            for (size_t a = 0; a < 3; a++) {
                fs_binom_result full;
                double p = -1;
                assert_int_equal(fs_sign_test(n - better, better, alts[a], 0.95, &full), FS_OK);
                assert_int_equal(fs_sign_test_p(n - better, better, alts[a], &p), FS_OK);
                assert_true(p == full.p_value);
            }
    double p;
    assert_int_equal(fs_sign_test_p(UINT_MAX, 1, FS_ALT_TWO_SIDED, &p), FS_ERR_RANGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oracle_sign_test),
        cmocka_unit_test(test_sign_test_p_alone),
        cmocka_unit_test(test_oracle_mcnemar),
        cmocka_unit_test(test_oracle_wilcoxon),
        cmocka_unit_test(test_oracle_proportion_ci),
        cmocka_unit_test(test_oracle_sex_by_category),
        cmocka_unit_test(test_sign_test_documented_example),
        cmocka_unit_test(test_sign_test_tiny_p),
        cmocka_unit_test(test_sign_test_all_tied),
        cmocka_unit_test(test_clopper_pearson_closed_forms),
        cmocka_unit_test(test_invalid_arguments),
        cmocka_unit_test(test_invalid_inputs),
        cmocka_unit_test(test_mcnemar_edge_cases),
        cmocka_unit_test(test_wilcoxon_all_zero),
        cmocka_unit_test(test_wilcoxon_exact_by_hand),
        cmocka_unit_test(test_wilcoxon_exact_limit),
        cmocka_unit_test(test_wilcoxon_ties_by_hand),
        cmocka_unit_test(test_quantile_type7),
        cmocka_unit_test(test_alternative_names),
        cmocka_unit_test(test_fisher_by_hand),
        cmocka_unit_test(test_table_errors),
        cmocka_unit_test(test_fisher_work_budget),
        cmocka_unit_test(test_fisher_vs_brute_force),
    };

    fs_stats_init();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
