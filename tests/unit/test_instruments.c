/* test_instruments.c: the questionnaire modules beside the reader: occasions (any number,
 * the config's order, spellings folded once), the coding cache and the table of scales,
 * survey distributions and tests, KASAM scoring, EQ-5D Pareto classes, index and value sets,
 * and the Friedman table over every occasion. Table-driven: each case names its input and
 * its expected value or error. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "finsam/eq5d.h"
#include "finsam/kasam.h"
#include "finsam/paired.h"
#include "finsam/quest.h"
#include "finsam/survey.h"
#include "finsam/text.h"

static fs_error read1(const char *a, const fs_quest_options *o, fs_quest *q, fs_msg *m)
{
    return fs_quest_read_buffers("a.csv", a, strlen(a), NULL, NULL, 0, o, q, m);
}

/* Occasions: which ones a file has, in order, and the errors. */
static void test_occasions(void **state)
{
    (void)state;
    static const struct {
        const char *data;
        const char *config_order; /* [occasions] order, or NULL */
        const char *labels;       /* the occasions, joined by ' ' */
        const char *err;          /* prefix of the error, or NULL */
    } cases[] = {
        {"ID;Tillfälle;Q\nA;Avslut;1\nA;Start;2\n", NULL, "Start Avslut", NULL},
        {"ID;Tillfälle;Q\nA;avslut;1\nA;Halvvägs;2\nA;START;3\n", NULL, "START Halvvägs avslut", NULL},
        {"ID;Tillfälle;Q\nA;Före;1\nB;Start;2\nA;Efter;2\n", NULL, "Före Efter", NULL},
        {"ID;Tillfälle;Q\nA;1;1\nA;2;2\n", NULL, "1 2", NULL},
        {"ID;Tillfälle;Q\nA;Före;1\nA;Start;2\n", NULL, NULL,
         "a.csv:3: id \"A\" appears twice at occasion start (also at a.csv:2)"},
        {"ID;Tillfälle;Q\nA;Mitt;1\n", NULL, NULL, "a.csv:2:2: column \"Tillfälle\": \"Mitt\" is not an occasion"},
        {"ID;Tillfälle;Q\nA;Efter;1\nA;Mitt;2\nA;Före;2\n", "Före, Mitt, Efter", "Före Mitt Efter", NULL},
        {"ID;Tillfälle;Q\nA;Start;1\n", "Före, Mitt, Efter", NULL,
         "a.csv:2:2: column \"Tillfälle\": \"Start\" is not an occasion of the config's [occasions] order (före, mitt, efter)"},
        {"ID;Tillfälle;Q\nA;Mitt;1\nA;mitt;2\n", "Före, Mitt", NULL,
         "a.csv:3: id \"A\" appears twice at occasion mitt (also at a.csv:2)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fs_quest_options o = {0};
        fs_config cfg = {0};
        fs_config_entry en = {"occasions", "order", (char *)cases[i].config_order, 1};
        fs_quest q;
        fs_msg m = {""};
        if (cases[i].config_order) {
            cfg.entries = &en;
            cfg.n = 1;
            o.config = &cfg;
        }
        fs_error e = read1(cases[i].data, &o, &q, &m);
        if (cases[i].err) {
            if (e != FS_ERR_DATA || strncmp(m.text, cases[i].err, strlen(cases[i].err)) != 0)
                fail_msg("case %zu: %d \"%s\"", i, e, m.text);
        } else {
            fs_buf b = {0};
            if (e)
                fail_msg("case %zu: %s", i, m.text);
            for (size_t k = 0; k < q.n_occ; k++)
                fs_buf_printf(&b, "%s%s", k ? " " : "", q.occ_label[k]);
            if (strcmp(b.data ? b.data : "", cases[i].labels) != 0)
                fail_msg("case %zu: occasions \"%s\", want \"%s\"", i, b.data, cases[i].labels);
            fs_buf_free(&b);
        }
        fs_quest_free(&q);
    }
    /* --from / --to names: a label, or a spelling of a built-in occasion */
    fs_quest_options o = {0};
    fs_quest q;
    fs_msg m = {""};
    assert_int_equal(read1("ID;Tillfälle;Q\nA;Start;1\nA;Halvvägs;2\nA;Avslut;3\n", &o, &q, &m), FS_OK);
    assert_int_equal(fs_quest_occasion_find(&q, "halvvägs"), 1);
    assert_int_equal(fs_quest_occasion_find(&q, "Efter"), 2);
    assert_int_equal(fs_quest_occasion_find(&q, "Före"), 0);
    assert_int_equal(fs_quest_occasion_find(&q, "Mitt"), -1);
    /* pairs of any two occasions, and every occasion */
    fs_paired_item it;
    assert_int_equal(fs_quest_paired(&q, 0, 0, 1, FS_QUEST_ALL_SEXES, 1, FS_ALT_TWO_SIDED, 0, &it), FS_OK);
    assert_true(it.n == 1 && it.better == 1 && it.median_start == 1 && it.median_end == 2);
    assert_int_equal(fs_quest_paired(&q, 0, 2, 1, FS_QUEST_ALL_SEXES, 1, FS_ALT_TWO_SIDED, 0, &it), FS_OK);
    assert_true(it.n == 1 && it.worse == 1);
    fs_occasions_item oi;
    assert_int_equal(fs_quest_occasions(&q, 0, FS_QUEST_ALL_SEXES, &oi), FS_OK);
    assert_int_equal(oi.n, 1);
    assert_true(oi.median[0] == 1 && oi.median[1] == 2 && oi.median[2] == 3);
    assert_true(oi.has_test); /* one person, ranks 1 2 3: R gives chi-square 2, p = e^-1 */
    assert_float_equal(oi.friedman.statistic, 2, 1e-12);
    assert_float_equal(oi.friedman.p_value, exp(-1), 1e-12);
    fs_quest_free(&q);
    /* the config's [occasions] is checked as a section */
    fs_config_entry bad[] = {{"occasions", "order", "Start", 4}, {"occasions", "ordning", "a, b", 5},
                             {"occasions", "order", "a, A", 6}};
    for (size_t i = 0; i < 3; i++) {
        fs_config cfg = {.path = "f.ini", .entries = &bad[i], .n = 1};
        assert_int_equal(fs_occasions_config_check(&cfg, &m), FS_ERR_DATA);
        assert_int_equal(strncmp(m.text, "f.ini:", 6), 0);
    }
}

/* The cache of coded spellings gives what coding gives, and keeps at most its maximum. */
static void test_coding_cache(void **state)
{
    (void)state;
    fs_answer_cache *c = fs_answer_cache_new();
    int rc;
    double v;
    assert_non_null(c);
    assert_false(fs_answer_cache_get(c, "Ganska lätt", strlen("Ganska lätt"), &rc, &v));
    fs_answer_cache_put(c, "Ganska lätt", strlen("Ganska lätt"), FS_ANS_OK, 3);
    fs_answer_cache_put(c, "Vet inte", strlen("Vet inte"), FS_ANS_DONT_KNOW, NAN);
    assert_true(fs_answer_cache_get(c, "Ganska lätt", strlen("Ganska lätt"), &rc, &v) && rc == FS_ANS_OK && v == 3);
    assert_true(fs_answer_cache_get(c, "Vet inte", strlen("Vet inte"), &rc, &v) && rc == FS_ANS_DONT_KNOW);
    assert_false(fs_answer_cache_get(c, "ganska lätt", strlen("ganska lätt"), &rc, &v)); /* byte for byte */
    for (int i = 0; i < 2 * FS_ANSWER_CACHE_MAX; i++) {
        char k[16];
        snprintf(k, sizeof k, "%d", i);
        fs_answer_cache_put(c, k, strlen(k), FS_ANS_OK, i);
    }
    int kept = 0;
    for (int i = 0; i < 2 * FS_ANSWER_CACHE_MAX; i++) {
        char k[16];
        snprintf(k, sizeof k, "%d", i);
        if (fs_answer_cache_get(c, k, strlen(k), &rc, &v)) {
            kept++;
            assert_true(v == i);
        }
    }
    assert_int_equal(kept, FS_ANSWER_CACHE_MAX - 2);
    fs_answer_cache_free(c);
}

/* The scale of an item from its answers: config first, built in, numbers, as found. */
static void test_scales(void **state)
{
    (void)state;
    static const struct {
        const char *answers[4]; /* folded */
        const char *scale, *first;
        int ordered;
        size_t n, pos0;
    } cases[] = {
        {{"instämmer inte alls", "instämmer helt"}, "agree4", "Instämmer helt", 1, 4, 3},
        {{"varken eller"}, "agree5", "Instämmer helt", 1, 5, 2},
        {{"ja", "nej"}, "yes-no", "Ja", 0, 2, 0},
        {{"mycket svårt"}, "easy", "Mycket lätt", 1, 4, 3},
        {{"7", "3"}, "numbers", "1", 1, 10, 6},
        {{"0", "12"}, "numbers", "0", 1, 13, 0},
        {{"fk", "af"}, "nojd", "Mycket nöjd", 1, 4, 0}, /* replaced below: the config scale */
        {{"blå", "röd"}, "as-found", "Blå", 0, 2, 0},
    };
    fs_config_entry en = {"scales", "aktor", "unordered: FK | AF | Kommun", 2};
    fs_config cfg = {.path = "f.ini", .entries = &en, .n = 1};
    fs_scale_set set;
    fs_msg m = {""};
    assert_int_equal(fs_scale_set_load(&cfg, &set, &m), FS_OK);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *labels[4];
        size_t n = 0, pos[4];
        for (; n < 4 && cases[i].answers[n]; n++)
            labels[n] = i == 7 ? (n ? "Röd" : "Blå") : cases[i].answers[n];
        fs_scale s;
        assert_int_equal(fs_scale_match(&set, cases[i].answers, labels, n, &s, pos), FS_OK);
        if (i == 6) { /* the config's scale comes first */
            if (strcmp(s.name, "aktor") != 0 || s.ordered || s.n != 3 || pos[0] != 0 || pos[1] != 1)
                fail_msg("config scale: %s", s.name);
        } else if (strcmp(s.name, cases[i].scale) != 0 || strcmp(s.label[0], cases[i].first) != 0 ||
                   s.ordered != cases[i].ordered || s.n != cases[i].n || pos[0] != cases[i].pos0) {
            fail_msg("case %zu: %s %s n %zu pos %zu", i, s.name, s.label[0], s.n, pos[0]);
        }
        fs_scale_free(&s);
    }
    fs_scale_set_free(&set);
    static const char *const bad[] = {"A", "A | a", "unordered:", " | B"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fs_config_entry b = {"scales", "x", (char *)bad[i], 7};
        fs_config c = {.path = "f.ini", .entries = &b, .n = 1};
        if (fs_scales_config_check(&c, &m) != FS_ERR_DATA || strncmp(m.text, "f.ini:7: [scales] x", 19))
            fail_msg("bad %zu: %s", i, m.text);
    }
}

/* A survey by year: counts, Vet inte apart, agreeing, the test of the two years. */
static void test_survey(void **state)
{
    (void)state;
    const char *f = "Datum;Kön;F\n"
                    "2023-03-01;Kvinna;Instämmer helt\n"
                    "2023-05-01;Man;Instämmer inte alls\n"
                    "2023-06-01;Man;Vet inte\n"
                    "2024-02-01;Kvinna;Instämmer helt\n"
                    "2024-02-03;Kvinna;Instämmer till stor del\n"
                    "2024-09-01;Man;\n"
                    ";Man;Instämmer helt\n";
    fs_quest_options o = {0};
    fs_quest q;
    fs_msg m = {""};
    o.single = 1;
    o.coding = FS_QC_CATEGORY;
    assert_int_equal(read1(f, &o, &q, &m), FS_OK);
    assert_int_equal(q.n_persons, 7);
    assert_false(q.has_id_column);
    fs_scale_set set;
    fs_survey_rules r = {2};
    fs_survey s;
    assert_int_equal(fs_scale_set_load(NULL, &set, &m), FS_OK);
    assert_int_equal(fs_survey_summarise(&q, &set, FS_SURVEY_BY_YEAR, 0, &r, &s, &m), FS_OK);
    assert_int_equal(s.n_groups, 3); /* 2023, 2024, total */
    assert_string_equal(s.group_key[0], "2023");
    assert_int_equal(s.no_date, 1);
    const fs_survey_item *it = &s.items[0];
    assert_string_equal(it->scale.name, "agree4");
    assert_int_equal(it->count[0 * 4 + 0], 1); /* 2023 Instämmer helt */
    assert_int_equal(it->count[0 * 4 + 3], 1); /* 2023 Instämmer inte alls */
    assert_int_equal(it->count[2 * 4 + 0], 3); /* total Instämmer helt, the undated one too */
    assert_int_equal(it->dont_know[0], 1);
    assert_int_equal(it->missing[1], 1);
    assert_int_equal(it->valid[2], 5);
    assert_int_equal(it->agree[1], 2);
    assert_int_equal(it->test, FS_SURVEY_TEST_MANN_WHITNEY);
    /* R: wilcox.test(c(1, 4), c(1, 2)): W = 2.5, p = 1 (ties: normal approximation) */
    assert_float_equal(it->W, 2.5, 0);
    assert_float_equal(it->p_value, 1, 1e-9);
    assert_false(it->exact);
    fs_survey_free(&s);
    /* by sex: women and men, no test without answers in a group */
    assert_int_equal(fs_survey_summarise(&q, &set, FS_SURVEY_BY_NONE, 1, &r, &s, &m), FS_OK);
    assert_string_equal(s.group_key[1], "men");
    assert_int_equal(s.items[0].valid[0], 3);
    fs_survey_free(&s);
    fs_scale_set_free(&set);
    fs_quest_free(&q);
    assert_int_equal(fs_survey_by_parse("month", &(fs_survey_by){0}), FS_ERR_USAGE);
}

static void test_kasam(void **state)
{
    (void)state;
    static const struct {
        double a[FS_KASAM_ITEMS]; /* as answered */
        unsigned max_missing;
        int valid;
        double score;
    } cases[] = {
        {{4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4}, 0, 1, 52},
        {{1, 1, 1, 5, 5, 5, 1, 5, 5, 1, 5, 5, 5}, 0, 1, 75},  /* 5 x 7 reversed + 8 x 5 */
        {{7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7}, 0, 1, 61},  /* 5 x 1 + 8 x 7 */
        {{7, 6, 5, 4, 3, 2, 1, 2, 3, 4, 5, 6, 7}, 0, 1, 49},
        {{4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, NAN}, 0, 0, 0},
        {{4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, NAN}, 1, 1, 52}, /* mean 4 x 13 */
        {{1, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, NAN, NAN}, 1, 0, 0},
        {{1, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, NAN, NAN}, 2, 1, 47.0 / 11 * 13}, /* 7 + 10 x 4 */
    };
    fs_kasam_rules r;
    fs_kasam_rules_default(&r);
    assert_true(r.reversed[0] && r.reversed[1] && r.reversed[2] && r.reversed[6] && r.reversed[9]);
    assert_false(r.reversed[3] || r.reversed[12]);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double a[FS_KASAM_ITEMS], score = -1;
        for (int k = 0; k < FS_KASAM_ITEMS; k++)
            a[k] = r.reversed[k] && !isnan(cases[i].a[k]) ? 8 - cases[i].a[k] : cases[i].a[k];
        r.max_missing = cases[i].max_missing;
        int ok = fs_kasam_score(&r, a, &score) == 0;
        if (ok != cases[i].valid || (ok && fabs(score - cases[i].score) > 1e-12))
            fail_msg("case %zu: valid %d score %g", i, ok, score);
    }
    fs_config_entry en[] = {{"kasam", "reversed", "4, 5", 2}, {"kasam", "max_missing", "13", 3},
                            {"kasam", "x", "1", 4}};
    fs_config cfg = {.path = "k.ini", .entries = en, .n = 1};
    fs_msg m = {""};
    assert_int_equal(fs_kasam_rules_from_config(&cfg, &r, &m), FS_OK);
    assert_true(r.reversed[3] && r.reversed[4] && !r.reversed[0]);
    for (size_t i = 1; i < 3; i++) {
        cfg.entries = &en[i];
        assert_int_equal(fs_kasam_rules_from_config(&cfg, &r, &m), FS_ERR_DATA);
    }
}

static void test_eq5d(void **state)
{
    (void)state;
    static const struct {
        double a[5], b[5];
        int pareto;
        double index_a;
    } cases[] = {
        {{2, 1, 3, 2, 2}, {1, 1, 2, 2, 1}, FS_EQ5D_BETTER, 0.66},
        {{1, 1, 1, 1, 1}, {1, 2, 1, 1, 1}, FS_EQ5D_WORSE, 1},
        {{2, 2, 2, 3, 1}, {1, 3, 2, 2, 1}, FS_EQ5D_MIXED, 0.66},
        {{3, 3, 3, 3, 3}, {3, 3, 3, 3, 3}, FS_EQ5D_UNCHANGED, 0.4},
        {{5, 5, 5, 5, 5}, {4, 5, 5, 5, 5}, FS_EQ5D_BETTER, 1 - 0.1 - 4 * 0.25},
    };
    const char *vs_csv = "dimension;level;decrement;constant\n"
                         "MO;2;0.05;0.1\nMO;3;0.10;\nMO;4;0.15;\nMO;5;0.20;\n"
                         "SC;2;0.04;\nSC;3;0.08;\nSC;4;0.12;\nSC;5;0.16;\n"
                         "ua;2;0.03;\nua;3;0.06;\nua;4;0.09;\nua;5;0.12;\n"
                         "4;2;0.06;\n4;3;0.12;\n4;4;0.18;\n4;5;0.24;\n"
                         "AD;2;0.07;0.1\nAD;3;0.14;\nAD;4;0.21;\nAD;5;0.28;\n";
    fs_eq5d_value_set vs;
    fs_msg m = {""};
    assert_int_equal(fs_eq5d_value_set_read_buffer("vs.csv", vs_csv, strlen(vs_csv), &vs, &m), FS_OK);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (fs_eq5d_pareto(cases[i].a, cases[i].b) != cases[i].pareto)
            fail_msg("case %zu: pareto %d", i, fs_eq5d_pareto(cases[i].a, cases[i].b));
        if (fabs(fs_eq5d_index(&vs, cases[i].a) - cases[i].index_a) > 1e-12)
            fail_msg("case %zu: index %.17g", i, fs_eq5d_index(&vs, cases[i].a));
    }
    static const struct {
        const char *csv, *err;
    } bad[] = {
        {"dimension;level\nMO;2\n", "v.csv:1: no column \"decrement\""},
        {"dimension;level;decrement\nXX;2;0.1\n", "v.csv:2: \"XX\" is not a dimension"},
        {"dimension;level;decrement\nMO;6;0.1\n", "v.csv:2: \"6\" is not a level 1-5"},
        {"dimension;level;decrement\nMO;2;x\n", "v.csv:2: \"x\" is not a decrement"},
        {"dimension;level;decrement\nMO;2;0.1\nMO;2;0.1\n", "v.csv:3: MO: the dimension and level are given twice"},
        {"dimension;level;decrement;constant\nMO;2;0.1;0.1\nMO;3;0.1;0.2\n", "v.csv:3: constant 0.2 differs"},
        {"dimension;level;decrement\nMO;2;0.1\n", "v.csv: no decrement for MO level 3"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (fs_eq5d_value_set_read_buffer("v.csv", bad[i].csv, strlen(bad[i].csv), &vs, &m) !=
                FS_ERR_DATA || strncmp(m.text, bad[i].err, strlen(bad[i].err)) != 0)
            fail_msg("bad %zu: %s", i, m.text);
    /* levels are checked after reading */
    fs_quest_options o = {0};
    fs_quest q;
    assert_int_equal(read1("ID;Tillfälle;MO;SC;UA;PD;AD;VAS\nA;Start;1;2;3;4;5;101\n", &o, &q, &m), FS_OK);
    assert_int_equal(fs_eq5d_check(&q, "a.csv", &m), FS_ERR_DATA);
    assert_string_equal(m.text, "a.csv:2: column \"VAS\": 101 is not an EQ VAS 0-100");
    fs_quest_free(&q);
    assert_int_equal(read1("ID;Tillfälle;MO;SC;UA;PD;AD\nA;Start;1;2.5;3;4;5\n", &o, &q, &m), FS_OK);
    assert_int_equal(fs_eq5d_check(&q, "a.csv", &m), FS_ERR_DATA);
    assert_string_equal(m.text, "a.csv:2: column \"SC\": 2.5 is not a level 1-5");
    fs_quest_free(&q);
}

int main(void)
{
    fs_stats_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_occasions), cmocka_unit_test(test_coding_cache),
        cmocka_unit_test(test_scales),    cmocka_unit_test(test_survey),
        cmocka_unit_test(test_kasam),     cmocka_unit_test(test_eq5d),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
