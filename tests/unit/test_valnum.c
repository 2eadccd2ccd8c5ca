/* test_valnum.c: value numbers: first-seen order, equal texts equal numbers whatever
 * buffer they sit in, values the cache cannot tell apart by length and end words alone
 * (longer than 16 bytes, the same first and last eight bytes), the empty value, lengths
 * around the cache's word boundaries, cache slots shared by many values, and the cap. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "finsam/strmap.h"
#include "finsam/valnum.h"

static uint32_t no_of(fs_valnum *v, const char *s)
{
    return fs_valnum_of(v, s, strlen(s));
}

static void test_order_and_equality(void **state)
{
    (void)state;
    fs_valnum *v = fs_valnum_new();
    assert_non_null(v);
    assert_int_equal(no_of(v, "Kvinna"), 0);
    assert_int_equal(no_of(v, "Man"), 1);
    assert_int_equal(no_of(v, ""), 2);
    assert_int_equal(no_of(v, "Kvinna"), 0); /* from the cache */
    assert_int_equal(no_of(v, ""), 2);
    assert_int_equal(no_of(v, "man"), 3);    /* exact bytes: no folding */
    char buf[] = "xxManyy";                  /* not NUL-terminated where it ends */
    assert_int_equal(fs_valnum_of(v, buf + 2, 3), 1);
    assert_int_equal(fs_valnum_of(v, buf + 2, 4), 4); /* "Many" */
    fs_valnum_free(v);
}

static void test_long_values(void **state)
{
    (void)state;
    fs_valnum *v = fs_valnum_new();
    /* same length, same first and last eight bytes: only the middle tells them apart */
    const char *a = "Arbetsförmedlingen A mitten slutet";
    const char *b = "Arbetsförmedlingen B mitten slutet";
    assert_int_equal(strlen(a), strlen(b));
    assert_int_equal(no_of(v, a), 0);
    assert_int_equal(no_of(v, b), 1);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(no_of(v, a), 0);
        assert_int_equal(no_of(v, b), 1);
    }
    /* every length from 1 to 40, two values per length differing in one byte each time */
    char x[64], y[64];
    uint32_t next = 2;
    for (size_t len = 1; len <= 40; len++) {
        for (size_t at = 0; at < len; at++) {
            memset(x, 'a', len);
            memcpy(y, x, len);
            y[at] = 'b';
            x[len] = y[len] = '\0';
            uint32_t nx = no_of(v, x), ny = no_of(v, y);
            assert_int_not_equal(nx, ny);
            assert_int_equal(no_of(v, x), nx);
            assert_int_equal(no_of(v, y), ny);
            if (at == 0)
                assert_int_equal(nx, next++); /* "aaa..." is new once per length */
            if (ny >= next)
                next = ny + 1;
        }
    }
    fs_valnum_free(v);
}

static void test_many_and_cap(void **state)
{
    (void)state;
    fs_valnum *v = fs_valnum_new();
    char key[32];
    for (int i = 0; i < FS_VALNUM_MAX; i++) { /* far more values than cache slots */
        snprintf(key, sizeof key, "insats %d", i);
        assert_int_equal(no_of(v, key), (uint32_t)i);
    }
    for (int i = FS_VALNUM_MAX - 1; i >= 0; i--) {
        snprintf(key, sizeof key, "insats %d", i);
        assert_int_equal(no_of(v, key), (uint32_t)i);
    }
    /* past the cap: no number, and values numbered before keep theirs */
    assert_int_equal(no_of(v, "one too many"), FS_VALNUM_NONE);
    assert_int_equal(no_of(v, "one too many"), FS_VALNUM_NONE);
    assert_int_equal(no_of(v, "insats 7"), 7);
    fs_valnum_free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_and_equality),
        cmocka_unit_test(test_long_values),
        cmocka_unit_test(test_many_and_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
