/* test_dayhist.c: the day histogram's quantiles are the same doubles, bit for bit, as
 * fs_quantile_sorted over the same values sorted, for one histogram and for several taken
 * together; n = 1, ties, p = 0 and p = 1 included. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/dayhist.h"
#include "finsam/stats.h"

static const double probs[] = {0.0, 0.01, 0.1, 0.2, 0.25, 1.0 / 3.0, 0.4, 0.5, 0.6,
                               2.0 / 3.0, 0.75, 0.8, 0.9, 0.99, 1.0};

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Same bits, or both NaN. */
static int same(double a, double b)
{
    return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

/* Puts v[0..n) into k histograms (value i into h[i % k]) and compares every quantile of
 * probs, and of the union, with fs_quantile_sorted over v sorted. */
static void check(const long *v, size_t n, size_t k)
{
    fs_dayhist h[4];
    double *sorted = malloc((n ? n : 1) * sizeof *sorted);
    assert_non_null(sorted);
    assert_true(k >= 1 && k <= 4);
    for (size_t i = 0; i < k; i++)
        fs_dayhist_init(&h[i]);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(fs_dayhist_add(&h[i % k], v[i]), FS_OK);
        sorted[i] = (double)v[i];
    }
    if (n > 1)
        qsort(sorted, n, sizeof *sorted, cmp_double);
    assert_int_equal(fs_dayhist_n(h, k), n);
    for (size_t p = 0; p < sizeof probs / sizeof probs[0]; p++) {
        double want = fs_quantile_sorted(sorted, n, probs[p]);
        double got = fs_dayhist_quantile(h, k, probs[p]);
        if (!same(want, got))
            fail_msg("n = %zu, k = %zu, p = %.17g: histogram %.17g, sorted %.17g", n, k,
                     probs[p], got, want);
    }
    /* each histogram on its own against its own values */
    for (size_t i = 0; i < k && k > 1; i++) {
        size_t m = 0;
        for (size_t j = i; j < n; j += k)
            sorted[m++] = (double)v[j];
        if (m > 1)
            qsort(sorted, m, sizeof *sorted, cmp_double);
        for (size_t p = 0; p < sizeof probs / sizeof probs[0]; p++) {
            double want = fs_quantile_sorted(sorted, m, probs[p]);
            double got = fs_dayhist_quantile(&h[i], 1, probs[p]);
            if (!same(want, got))
                fail_msg("part %zu of %zu, m = %zu, p = %.17g: histogram %.17g, sorted %.17g",
                         i, k, m, probs[p], got, want);
        }
    }
    for (size_t i = 0; i < k; i++)
        fs_dayhist_free(&h[i]);
    free(sorted);
}

static void test_fixed(void **state)
{
    (void)state;
    static const long one[] = {42};
    static const long zero[] = {0};
    static const long two[] = {3, 10};
    static const long ties[] = {5, 5, 5, 5, 5};
    static const long some_ties[] = {7, 1, 7, 3, 3, 3, 9, 7, 0, 0};
    static const long r_example[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    static const long outlier[] = {1, 2, 2, 3, 100000};
    check(one, 1, 1);
    check(zero, 1, 1);
    check(two, 2, 1);
    check(two, 2, 2);
    check(ties, 5, 1);
    check(ties, 5, 3);
    check(some_ties, 10, 1);
    check(some_ties, 10, 3);
    check(r_example, 11, 1);
    check(outlier, 5, 1);
    check(outlier, 5, 2);
}

static void test_empty(void **state)
{
    (void)state;
    fs_dayhist h[3];
    for (int i = 0; i < 3; i++)
        fs_dayhist_init(&h[i]);
    assert_int_equal(fs_dayhist_n(h, 3), 0);
    assert_true(isnan(fs_dayhist_quantile(h, 3, 0.5)));
    assert_true(isnan(fs_dayhist_quantile(h, 1, 0.0)));
    /* an empty histogram next to a full one does not count */
    assert_int_equal(fs_dayhist_add(&h[1], 12), FS_OK);
    assert_true(fs_dayhist_quantile(h, 3, 0.5) == 12.0);
    assert_true(isnan(fs_dayhist_quantile(&h[0], 1, 0.5)));
    assert_true(isnan(fs_dayhist_quantile(h, 3, -0.1)));
    assert_true(isnan(fs_dayhist_quantile(h, 3, 1.1)));
    assert_true(isnan(fs_dayhist_quantile(h, 3, NAN)));
    for (int i = 0; i < 3; i++)
        fs_dayhist_free(&h[i]);
}

static void test_range(void **state)
{
    (void)state;
    fs_dayhist h;
    fs_dayhist_init(&h);
    assert_int_equal(fs_dayhist_add(&h, -1), FS_ERR_RANGE);
    assert_int_equal(fs_dayhist_add(&h, FS_DAYHIST_MAX_DAYS + 1), FS_ERR_RANGE);
    assert_int_equal(fs_dayhist_n(&h, 1), 0);
    assert_int_equal(fs_dayhist_add(&h, FS_DAYHIST_MAX_DAYS), FS_OK);
    assert_int_equal(fs_dayhist_add(&h, 0), FS_OK);
    assert_int_equal(h.len, (size_t)FS_DAYHIST_MAX_DAYS + 1);
    assert_true(fs_dayhist_quantile(&h, 1, 1.0) == (double)FS_DAYHIST_MAX_DAYS);
    assert_true(fs_dayhist_quantile(&h, 1, 0.0) == 0.0);
    fs_dayhist_free(&h);
    assert_null(h.count);
    assert_int_equal(h.n, 0);
}

/* A fixed-seed generator, so the cases are the same everywhere. */
static uint64_t rng = 0x9e3779b97f4a7c15u;
static uint32_t next_u32(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

static void test_random(void **state)
{
    (void)state;
    static const size_t sizes[] = {1, 2, 3, 4, 5, 7, 10, 11, 64, 99, 100, 101, 1000, 4097};
    static const long spans[] = {1, 2, 10, 400, 2000};
    long *v = malloc(4097 * sizeof *v);
    assert_non_null(v);
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
        for (size_t w = 0; w < sizeof spans / sizeof spans[0]; w++)
            for (size_t k = 1; k <= 3; k++) {
                for (size_t i = 0; i < sizes[s]; i++)
                    v[i] = (long)(next_u32() % (uint32_t)spans[w]);
                check(v, sizes[s], k);
            }
    free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed), cmocka_unit_test(test_empty),
        cmocka_unit_test(test_range), cmocka_unit_test(test_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
