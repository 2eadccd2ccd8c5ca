/* test_strmap.c: the string map: get/put/replace, key numbers (add/find, mixed with
 * put/get), growth through many keys, keys that share a prefix, the empty key. */
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

/* One step of a script run against one map, in order. */
typedef struct step {
    enum { ADD, FIND, PUT, GET } op;
    const char *key;
    size_t number; /* ADD, FIND: the number expected (FS_STRMAP_NONE: not found) */
    int added;     /* ADD: whether the key is new */
    int value;     /* PUT: index into values[] to store; GET: expected, -1 = NULL */
    size_t count;  /* the count after the step */
} step;

static void test_numbers(void **state)
{
    (void)state;
    static const step script[] = {
        {FIND, "a", FS_STRMAP_NONE, 0, 0, 0},  /* empty map */
        {GET, "a", 0, 0, -1, 0},
        {ADD, "a", 0, 1, 0, 1},                /* numbers in insertion order */
        {ADD, "b", 1, 1, 0, 2},
        {ADD, "a", 0, 0, 0, 2},                /* present: same number, nothing added */
        {FIND, "b", 1, 0, 0, 2},
        {FIND, "B", FS_STRMAP_NONE, 0, 0, 2},  /* exact bytes */
        {GET, "a", 0, 0, -1, 2},               /* added without a value: NULL */
        {ADD, "", 2, 1, 0, 3},                 /* the empty key is a key */
        {PUT, "c", 0, 0, 0, 4},                /* put of a new key numbers it too */
        {FIND, "c", 3, 0, 0, 4},
        {GET, "c", 0, 0, 0, 4},
        {PUT, "a", 0, 0, 1, 4},                /* a value for a key added by number */
        {GET, "a", 0, 0, 1, 4},
        {FIND, "a", 0, 0, 0, 4},               /* put keeps the number */
        {ADD, "c", 3, 0, 0, 4},                /* add keeps the value */
        {GET, "c", 0, 0, 0, 4},
        {PUT, "c", 0, 0, 2, 4},                /* replaces */
        {GET, "c", 0, 0, 2, 4},
        {GET, "", 0, 0, -1, 4},
    };
    int values[3] = {10, 11, 12};
    fs_strmap *m = fs_strmap_new();
    assert_non_null(m);
    for (size_t k = 0; k < sizeof script / sizeof script[0]; k++) {
        const step *s = &script[k];
        size_t number = 12345;
        int added = -1;
        switch (s->op) {
        case ADD:
            assert_int_equal(fs_strmap_add(m, s->key, &number, &added), FS_OK);
            assert_int_equal(number, s->number);
            assert_int_equal(added, s->added);
            break;
        case FIND:
            assert_int_equal(fs_strmap_find(m, s->key), s->number);
            break;
        case PUT:
            assert_int_equal(fs_strmap_put(m, s->key, &values[s->value]), FS_OK);
            break;
        case GET:
            if (s->value < 0)
                assert_null(fs_strmap_get(m, s->key));
            else
                assert_ptr_equal(fs_strmap_get(m, s->key), &values[s->value]);
            break;
        }
        assert_int_equal(fs_strmap_count(m), s->count);
    }
    size_t number;
    assert_int_equal(fs_strmap_add(m, "d", &number, NULL), FS_OK); /* added may be NULL */
    assert_int_equal(number, 4);
    fs_strmap_free(m);
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

/* Numbers survive growth: every key keeps the number it got, adding it again adds nothing,
 * and keys that differ only in their last byte stay apart. */
static void test_many_numbers(void **state)
{
    (void)state;
    enum { N = 100000 };
    fs_strmap *m = fs_strmap_new();
    assert_non_null(m);
    char key[32];
    for (size_t i = 0; i < N; i++) {
        size_t number = FS_STRMAP_NONE;
        int added = 0;
        snprintf(key, sizeof key, "id%zu", i);
        assert_int_equal(fs_strmap_add(m, key, &number, &added), FS_OK);
        assert_int_equal(number, i);
        assert_int_equal(added, 1);
    }
    for (size_t i = N; i-- > 0;) {
        size_t number = FS_STRMAP_NONE;
        int added = 1;
        snprintf(key, sizeof key, "id%zu", i);
        assert_int_equal(fs_strmap_find(m, key), i);
        assert_int_equal(fs_strmap_add(m, key, &number, &added), FS_OK);
        assert_int_equal(number, i);
        assert_int_equal(added, 0);
        assert_null(fs_strmap_get(m, key));
    }
    assert_int_equal(fs_strmap_count(m), N);
    assert_int_equal(fs_strmap_find(m, "id"), FS_STRMAP_NONE);
    assert_int_equal(fs_strmap_find_n(m, "id17xyz", 4), 17); /* the first 4 bytes: "id17" */
    assert_string_equal(fs_strmap_key(m, 17), "id17");
    snprintf(key, sizeof key, "id%d", N);
    assert_int_equal(fs_strmap_find(m, key), FS_STRMAP_NONE);
    fs_strmap_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_many),
        cmocka_unit_test(test_many_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
