/* test_strmap.c: the string map: get/put/replace, growth through many keys, keys that
 * share a prefix or hash neighbourhood, the empty key. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/strmap.h"

static void test_basic(void **state)
{
    (void)state;
    fs_strmap *m = fs_strmap_new();
    assert_non_null(m);
    int a = 1, b = 2, c = 3;
    assert_null(fs_strmap_get(m, "a")); /* empty map */
    assert_int_equal(fs_strmap_count(m), 0);
    assert_int_equal(fs_strmap_put(m, "a", &a), FS_OK);
    assert_int_equal(fs_strmap_put(m, "", &b), FS_OK);
    assert_ptr_equal(fs_strmap_get(m, "a"), &a);
    assert_ptr_equal(fs_strmap_get(m, ""), &b);
    assert_null(fs_strmap_get(m, "A")); /* exact bytes: no folding here */
    assert_null(fs_strmap_get(m, "ab"));
    assert_int_equal(fs_strmap_put(m, "a", &c), FS_OK); /* replaces */
    assert_ptr_equal(fs_strmap_get(m, "a"), &c);
    assert_int_equal(fs_strmap_count(m), 2);
    char key[8] = "k";
    assert_int_equal(fs_strmap_put(m, key, &a), FS_OK);
    strcpy(key, "x"); /* the map keeps its own copy */
    assert_ptr_equal(fs_strmap_get(m, "k"), &a);
    assert_null(fs_strmap_get(m, "x"));
    fs_strmap_free(m);
    fs_strmap_free(NULL);
}

static void test_many(void **state)
{
    (void)state;
    enum { N = 100000 };
    fs_strmap *m = fs_strmap_new();
    size_t *values = malloc(N * sizeof *values);
    assert_non_null(m);
    assert_non_null(values);
    char key[32];
    for (size_t i = 0; i < N; i++) {
        values[i] = i;
        snprintf(key, sizeof key, "Kommun %zu", i);
        assert_int_equal(fs_strmap_put(m, key, &values[i]), FS_OK);
    }
    assert_int_equal(fs_strmap_count(m), N);
    for (size_t i = 0; i < N; i++) {
        snprintf(key, sizeof key, "Kommun %zu", i);
        size_t *v = fs_strmap_get(m, key);
        assert_non_null(v);
        assert_int_equal(*v, i);
    }
    snprintf(key, sizeof key, "Kommun %d", N);
    assert_null(fs_strmap_get(m, key));
    fs_strmap_free(m);
    free(values);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),
        cmocka_unit_test(test_many),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
