/* test_bykey.c: records grouped by a data value: folding, personnummer-shaped values in one
 * safe entry, zeroed and stable payloads, find without making, insertion and sorted order,
 * and a hundred thousand distinct values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/bykey.h"

typedef struct payload {
    unsigned long n[3];
    double x;
} payload;

static void test_folding_and_labels(void **state)
{
    (void)state;
    fs_bykey *b = fs_bykey_new(sizeof(payload));
    assert_non_null(b);
    fs_bykey_entry *e = fs_bykey_get(b, "  Varberg ");
    assert_non_null(e);
    assert_string_equal(e->key, "varberg");
    assert_string_equal(e->label, "  Varberg "); /* the safe text as first seen */
    payload *p = e->data;
    assert_int_equal(p->n[0] + p->n[1] + p->n[2], 0); /* zeroed */
    assert_true((uintptr_t)e->data % _Alignof(max_align_t) == 0);
    p->n[1] = 7;
    assert_ptr_equal(fs_bykey_get(b, "VARBERG"), e);
    assert_ptr_equal(fs_bykey_get(b, "varberg"), e);
    assert_ptr_equal(fs_bykey_get(b, "  Varberg "), e); /* the raw cache */
    /* Unicode form: "Malmö" precomposed and with a combining diaeresis */
    fs_bykey_entry *m1 = fs_bykey_get(b, "Malm\xc3\xb6");
    fs_bykey_entry *m2 = fs_bykey_get(b, "malmo\xcc\x88");
    assert_non_null(m1);
    assert_ptr_equal(m1, m2);
    /* personnummer in any form: one entry, never its digits */
    fs_bykey_entry *p1 = fs_bykey_get(b, "19850312-2429");
    assert_non_null(p1);
    assert_string_equal(p1->label, "(personnummer)");
    assert_ptr_equal(fs_bykey_get(b, "8503122429"), p1);
    assert_ptr_equal(fs_bykey_get(b, "Kommun 850312-2429"), p1);
    assert_ptr_equal(fs_bykey_get(b, "199205051262"), p1);
    /* control characters are escaped in the label */
    fs_bykey_entry *c = fs_bykey_get(b, "a\tb");
    assert_string_equal(c->label, "a\\x09b");
    assert_int_equal(fs_bykey_count(b), 4);
    assert_int_equal(((payload *)fs_bykey_get(b, "varberg")->data)->n[1], 7);
    fs_bykey_free(b);
    fs_bykey_free(NULL);
}

static void test_find(void **state)
{
    (void)state;
    fs_bykey *b = fs_bykey_new(0);
    assert_non_null(b);
    assert_null(fs_bykey_find(b, "A"));
    assert_null(fs_bykey_find(b, "A")); /* a cached miss */
    assert_int_equal(fs_bykey_count(b), 0);
    fs_bykey_entry *e = fs_bykey_get(b, "a");
    assert_non_null(e);
    assert_ptr_equal(fs_bykey_find(b, "A"), e); /* the cached miss is gone */
    assert_ptr_equal(fs_bykey_find(b, " a "), e);
    assert_null(fs_bykey_find(b, "b"));
    assert_int_equal(fs_bykey_count(b), 1);
    fs_bykey_free(b);
}

static void test_order(void **state)
{
    (void)state;
    fs_bykey *b = fs_bykey_new(sizeof(int));
    assert_non_null(b);
    static const char *const values[] = {"Varberg", "Falkenberg", "hylte", "Kungsbacka"};
    for (size_t i = 0; i < 4; i++)
        *(int *)fs_bykey_get(b, values[i])->data = (int)i;
    for (size_t i = 0; i < 4; i++) /* the order made */
        assert_string_equal(fs_bykey_at(b, i)->label, values[i]);
    fs_bykey_sort(b);
    static const char *const sorted[] = {"Falkenberg", "hylte", "Kungsbacka", "Varberg"};
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(fs_bykey_at(b, i)->label, sorted[i]);
    assert_int_equal(*(int *)fs_bykey_at(b, 3)->data, 0);
    fs_bykey_get(b, "Alingsås"); /* after a sort: appended */
    assert_string_equal(fs_bykey_at(b, 4)->label, "Alingsås");
    fs_bykey_free(b);
}

static void test_many(void **state)
{
    (void)state;
    enum { N = 100000 };
    fs_bykey *b = fs_bykey_new(sizeof(payload));
    assert_non_null(b);
    char raw[40];
    payload *first = NULL;
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < N; i++) {
            snprintf(raw, sizeof raw, round ? "REMITTENT %d" : "Remittent %d", i);
            fs_bykey_entry *e = fs_bykey_get(b, raw);
            assert_non_null(e);
            ((payload *)e->data)->n[0]++;
            if (i == 0 && !round)
                first = e->data;
        }
    assert_int_equal(fs_bykey_count(b), N);
    assert_ptr_equal(fs_bykey_at(b, 0)->data, first); /* payloads stay put */
    for (size_t i = 0; i < N; i++)
        assert_int_equal(((payload *)fs_bykey_at(b, i)->data)->n[0], 2);
    fs_bykey_sort(b);
    for (size_t i = 1; i < N; i++)
        assert_true(strcmp(fs_bykey_at(b, i - 1)->key, fs_bykey_at(b, i)->key) < 0);
    fs_bykey_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_folding_and_labels),
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_many),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
