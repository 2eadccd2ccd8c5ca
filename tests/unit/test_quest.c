/* Unit tests: questionnaire input (coding, pairing, errors), paired summaries, HLS scores and
 * validity, OGQ gaps. Table-driven: each case names its input and its expected value or error. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "finsam/hls.h"
#include "finsam/ogq.h"
#include "finsam/paired.h"
#include "finsam/quest.h"
#include "finsam/text.h"

static fs_error read2(const char *a, const char *b, const fs_quest_options *o, fs_quest *q,
                      fs_msg *m)
{
    return fs_quest_read_buffers("a.csv", a, strlen(a), "b.csv", b, b ? strlen(b) : 0, o, q, m);
}

/* One answer coded at start: the value, or the error message's tail. */
static void test_coding(void **state)
{
    (void)state;
    static const struct {
        fs_quest_coding coding;
        int scale; /* 1: scale 1..10 */
        const char *raw;
        double want; /* NAN: missing */
        const char *err; /* substring of the error, NULL = no error */
    } cases[] = {
        {FS_QC_NUMERIC, 0, "7", 7, NULL},
        {FS_QC_NUMERIC, 0, "7,5", 7.5, NULL},
        {FS_QC_NUMERIC, 0, "", NAN, NULL},
        {FS_QC_NUMERIC, 0, "Vet inte", NAN, NULL},
        {FS_QC_NUMERIC, 0, "sju", 0, "a.csv:2:3: column \"Q\": \"sju\" is not a number"},
        {FS_QC_NUMERIC, 1, "11", 0, "a.csv:2:3: column \"Q\": \"11\" is outside the scale 1..10"},
        {FS_QC_NUMERIC, 1, "10", 10, NULL},
        {FS_QC_HLS_TEXT, 0, "Mycket lätt", 4, NULL},
        {FS_QC_HLS_TEXT, 0, "GANSKA LÄTT", 3, NULL},
        {FS_QC_HLS_TEXT, 0, " ganska  svårt ", 2, NULL},
        {FS_QC_HLS_TEXT, 0, "Mycket svårt", 1, NULL},
        {FS_QC_HLS_TEXT, 0, "vet inte", NAN, NULL},
        {FS_QC_HLS_TEXT, 0, "Lätt", 0, "\"Lätt\" is not an HLS answer"},
        {FS_QC_HLS_TEXT, 0, "4", 0, "is a number: give --coding"},
        {FS_QC_HLS_EASY_HIGH, 0, "4", 4, NULL},
        {FS_QC_HLS_EASY_LOW, 0, "4", 1, NULL},
        {FS_QC_HLS_EASY_LOW, 0, "1", 4, NULL},
        {FS_QC_HLS_EASY_LOW, 0, "Ganska lätt", 3, NULL},
        {FS_QC_HLS_EASY_HIGH, 0, "5", 0, "is outside the scale 1..4"},
        {FS_QC_OGQ, 0, "1", 0, NULL},
        {FS_QC_OGQ, 0, "2", 1, NULL},
        {FS_QC_OGQ, 0, "3", 1, NULL},
        {FS_QC_OGQ, 0, "4", 0, NULL},
        {FS_QC_OGQ, 0, "Gör inte, men vill göra", 1, NULL},
        {FS_QC_OGQ, 0, "gör och vill göra", 0, NULL},
        {FS_QC_OGQ, 0, "5", 0, "outside the OGQ codes 1..4"},
        {FS_QC_OGQ_GAP, 0, "1", 1, NULL},
        {FS_QC_OGQ_GAP, 0, "0", 0, NULL},
        {FS_QC_OGQ_GAP, 0, "2", 0, "is not a gap indicator"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *buf = fs_asprintf("ID;Tillfälle;Q\nA;Start;%s\nA;Avslut;\n", cases[i].raw);
        fs_quest_options o = {0};
        fs_quest q;
        fs_msg m = {""};
        o.coding = cases[i].coding;
        o.has_scale = cases[i].scale;
        o.scale_min = 1;
        o.scale_max = 10;
        fs_error e = read2(buf, NULL, &o, &q, &m);
        if (cases[i].err) {
            if (e != FS_ERR_DATA || !strstr(m.text, cases[i].err))
                fail_msg("case %zu (%s): got %d \"%s\"", i, cases[i].raw, e, m.text);
        } else {
            if (e)
                fail_msg("case %zu (%s): %s", i, cases[i].raw, m.text);
            double v = fs_quest_answers(&q, &q.p[0], 0)[0];
            if (isnan(cases[i].want) ? !isnan(v) : v != cases[i].want)
                fail_msg("case %zu (%s): %g, want %g", i, cases[i].raw, v, cases[i].want);
        }
        fs_quest_free(&q);
        free(buf);
    }
}

/* Whole-file errors, each naming file:line(:column). */
static void test_errors(void **state)
{
    (void)state;
    static const struct {
        const char *a, *b, *err;
    } cases[] = {
        {"ID;Q\nA;1\n", NULL, "a.csv:1: no occasion column (Tillfälle or Mättillfälle); give the "
                              "exit answers as a second file"},
        {"ID;Tillfälle;Q\nA;Start;1\nB;Start;2\nA;start;3\n", NULL,
         "a.csv:4: id \"A\" appears twice at occasion start (also at a.csv:2)"},
        {"ID;Tillfälle;Q\nA;Mitt;1\n", NULL, "a.csv:2:2: column \"Tillfälle\": \"Mitt\" is not an occasion"},
        {"Namn;Tillfälle;Q\nA;Start;1\n", NULL, "a.csv:1: no id column"},
        {"ID;Tillfälle;Q;\nA;Start;1;\n", NULL, "a.csv:1:4: item column without a header"},
        {"ID;Tillfälle;Q\n;Start;1\n", NULL, "a.csv:2:1: column \"ID\": empty id"},
        {"ID;Tillfälle;Q\n", NULL, "a.csv: no answers (header only)"},
        {"ID;Tillfälle\nA;Start\n", NULL, "a.csv:1: no item columns"},
        {"ID;Q;R\nA;1;2\n", "ID;Q;S\nA;1;2\n", "b.csv:1:3: column \"S\" is not an item of the start file"},
        {"ID;Q;R\nA;1;2\n", "ID;Q\nA;1\n", "b.csv:1: 1 item columns, the start file has 2"},
        {"Personnummer;Tillfälle;Q\n19800101-1234;Start;1\n198001011234;Start;1\n", NULL,
         "a.csv:3: the same personnummer appears twice at occasion start (also at a.csv:2)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fs_quest_options o = {0};
        fs_quest q;
        fs_msg m = {""};
        fs_error e = read2(cases[i].a, cases[i].b, &o, &q, &m);
        if (e != FS_ERR_DATA || strncmp(m.text, cases[i].err, strlen(cases[i].err)) != 0)
            fail_msg("case %zu: got %d \"%s\"", i, e, m.text);
        assert_null(strstr(m.text, "1234")); /* never a personnummer */
        fs_quest_free(&q);
    }
}

/* No personnummer in any message: planted as an id, as an answer, as a header. Every digit
 * run of the planted numbers is looked for. */
static void assert_no_pnr(const char *text)
{
    static const char *const needles[] = {"19900101", "900101", "1239", "8503122429", "850312",
                                          "2429"};
    for (size_t k = 0; k < sizeof needles / sizeof needles[0]; k++)
        if (strstr(text, needles[k]))
            fail_msg("personnummer digits \"%s\" in \"%s\"", needles[k], text);
}

static void test_privacy(void **state)
{
    (void)state;
    static const struct {
        const char *a, *b, *err;
        int refuse;
    } cases[] = {
        /* an id that is a personnummer: repeated (10 and 12 digits link) */
        {"ID;Tillfälle;Q\n19900101-1239;Start;1\n9001011239;Start;2\n", NULL,
         "a.csv:3: the same personnummer appears twice at occasion start (also at a.csv:2)", 0},
        /* once the ids hold personnummer, no id is printed, not even one that is not one */
        {"ID;Tillfälle;Q\n19900101-1239;Start;1\nA;Start;2\nA;Avslut;2\nA;Avslut;3\n", NULL,
         "a.csv:5: the same id appears twice at occasion exit (also at a.csv:4)", 0},
        /* a personnummer column with a header that is not an alias is not an item */
        {"ID;Tillfälle;Pers.nr;Q\nA;Start;19900101-1239;1\n", NULL,
         "a.csv:2:3: column \"Pers.nr\": a value shaped like a personnummer", 0},
        {"ID;Tillfälle;Q\nA;Start;x 850312-2429\n", NULL,
         "a.csv:2:3: column \"Q\": a value shaped like a personnummer", 0},
        /* answers, occasions, headers are echoed safely */
        {"ID;Tillfälle;Q\nA;Start;sj\x01u\n", NULL, "a.csv:2:3: column \"Q\": \"sj\\x01u\" is not a number", 0},
        {"ID;Tillfälle;Q\nA;850312-2429;1\n", NULL,
         "a.csv:2:2: column \"Tillfälle\": \"(personnummer)\" is not an occasion", 0},
        {"ID;Q;19900101-1239\nA;1;2\n", "ID;Q;8503122429\nA;1;2\n",
         "b.csv:1:3: column \"(personnummer)\" is not an item of the start file", 0},
        /* refused as soon as the key shows to be a personnummer: the header, or the first id */
        {"Personnummer;Tillfälle;Q\n19900101-1239;Start;1\n", NULL,
         "a.csv:1:1: the questionnaire is keyed by personnummer (column \"Personnummer\")", 1},
        {"ID;Tillfälle;Q\nA;Start;1\n850312-2429;Start;1\nA;Mitt;1\n", NULL,
         "a.csv:3:1: column \"ID\" holds personnummer", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fs_quest_options o = {0};
        fs_quest q;
        fs_msg m = {""};
        o.refuse_pnr_key = cases[i].refuse;
        fs_error e = read2(cases[i].a, cases[i].b, &o, &q, &m);
        if (e != FS_ERR_DATA || strncmp(m.text, cases[i].err, strlen(cases[i].err)) != 0)
            fail_msg("case %zu: got %d \"%s\"", i, e, m.text);
        assert_no_pnr(m.text);
        fs_quest_free(&q);
    }

    /* ids that are personnummer make the file keyed by personnummer; a header that is one is
     * never a label */
    fs_quest_options o = {0};
    fs_quest q;
    fs_msg m = {""};
    assert_int_equal(read2("ID;Tillfälle;Q;19900101-1239\n19900101-1239;Start;1;2\n"
                           "9001011239;Avslut;2;2\n", NULL, &o, &q, &m), FS_OK);
    assert_true(q.pnr_key);
    assert_int_equal(q.n_persons, 1);
    assert_string_equal(q.item_label[1], "(personnummer)");
    assert_no_pnr(q.item_key[1]);
    fs_quest_free(&q);
    assert_int_equal(read2("ID;Tillfälle;Q\nA;Start;1\nA;Avslut;2\n", NULL, &o, &q, &m), FS_OK);
    assert_false(q.pnr_key);
    fs_quest_free(&q);
}

/* --items: a name twice, or a name that is the key, occasion or personnummer column. */
static void test_items(void **state)
{
    (void)state;
    static const struct {
        const char *items[3];
        size_t n;
        const char *err;
    } cases[] = {
        {{"F1", "F1"}, 2, "a.csv:1:4: items \"F1\" and \"F1\" name the same column"},
        {{"F1", "f1"}, 2, "a.csv:1:4: items \"F1\" and \"f1\" name the same column"},
        {{"F1", "Personnummer"}, 2, "a.csv:1:3: item \"Personnummer\" is the personnummer column, never an item"},
        {{"pnr"}, 1, NULL}, /* an alias that is not a header here: just not found */
        {{"ID"}, 1, "a.csv:1:1: item \"ID\" is the id column, never an item"},
        {{"Tillfälle"}, 1, "a.csv:1:2: item \"Tillfälle\" is the occasion column, never an item"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fs_quest_options o = {0};
        fs_quest q;
        fs_msg m = {""};
        o.items = cases[i].items;
        o.n_items = cases[i].n;
        fs_error e = read2("ID;Tillfälle;Personnummer;F1\nA;Start;19900101-1239;1\n", NULL, &o, &q, &m);
        const char *want = cases[i].err ? cases[i].err : "a.csv:1: no item column \"pnr\"";
        if (e != FS_ERR_DATA || strcmp(m.text, want) != 0)
            fail_msg("case %zu: got %d \"%s\"", i, e, m.text);
        fs_quest_free(&q);
    }
}

/* Item keys: the headers' slugs, a repeated one made unique with the first suffix _2, _3, ...
 * not taken, whatever the order in which the clashes come. */
static void test_item_keys(void **state)
{
    (void)state;
    static const struct {
        const char *headers; /* the item headers of "ID;Tillfälle;..." */
        const char *keys;    /* the keys, joined by ' ' */
    } cases[] = {
        {"Q;Q;Q", "q q_2 q_3"},
        {"Q;Q_2;Q", "q q_2 q_3"},
        {"Q;Q;Q_2", "q q_2 q_2_2"},
        {"Q_3;Q;Q;Q", "q_3 q q_2 q_4"},
        {"Q_2;Q_2;Q;Q", "q_2 q_2_2 q q_3"},
        {"Fråga;fraga;FRÅGA;Fr aga", "fraga fraga_2 fraga_3 fr_aga"},
        {"a b;a-b;A B", "a_b a_b_2 a_b_3"},
        {"!;?", "value value_2"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *data = fs_asprintf("ID;Tillfälle;%s\nA;Start\n", cases[i].headers);
        fs_quest_options o = {0};
        fs_quest q;
        fs_msg m = {""};
        fs_buf got = {0};
        assert_non_null(data);
        if (read2(data, NULL, &o, &q, &m))
            fail_msg("case %zu: %s", i, m.text);
        for (size_t k = 0; k < q.n_items; k++)
            fs_buf_printf(&got, "%s%s", k ? " " : "", q.item_key[k]);
        if (!got.data || strcmp(got.data, cases[i].keys) != 0)
            fail_msg("case %zu: keys \"%s\", want \"%s\"", i, got.data ? got.data : "",
                     cases[i].keys);
        fs_buf_free(&got);
        fs_quest_free(&q);
        free(data);
    }
}

/* Two files: each exit column goes to the start item with its header (folded), in any order. */
static void test_two_file_headers(void **state)
{
    (void)state;
    fs_quest_options o = {0};
    fs_quest q;
    fs_msg m = {""};
    assert_int_equal(read2("ID;Sömn;Ork;Aptit\nA;1;2;3\n", "Id;aptit;SÖMN; ork \nA;6;4;5\n", &o,
                           &q, &m), FS_OK);
    assert_int_equal(q.n_items, 3);
    static const double want_exit[] = {4, 5, 6}; /* Sömn, Ork, Aptit */
    for (size_t i = 0; i < 3; i++)
        assert_true(fs_quest_answers(&q, &q.p[0], 1)[i] == want_exit[i]);
    fs_quest_free(&q);
}

/* At most FS_QUEST_MAX_COLUMNS columns: one more is an error naming the file, found at the
 * header. */
static void test_max_columns(void **state)
{
    (void)state;
    for (size_t extra = 0; extra < 2; extra++) {
        size_t items = FS_QUEST_MAX_COLUMNS - 2 + extra; /* beside ID and Tillfälle */
        fs_buf b = {0};
        fs_buf_puts(&b, "ID;Tillfälle");
        for (size_t i = 0; i < items; i++)
            fs_buf_puts(&b, ";Q");
        fs_buf_puts(&b, "\nA;Start\n");
        assert_false(b.failed);
        fs_quest_options o = {0};
        fs_quest q;
        fs_msg m = {""};
        fs_error e = fs_quest_read_buffers("wide.csv", b.data, b.len, NULL, NULL, 0, &o, &q, &m);
        if (!extra) {
            assert_int_equal(e, FS_OK);
            assert_int_equal(q.n_items, items);
            assert_string_equal(q.item_key[items - 1], "q_199998");
        } else {
            char want[128];
            snprintf(want, sizeof want, "wide.csv:1: %d columns; a questionnaire file has at most %d",
                     FS_QUEST_MAX_COLUMNS + 1, FS_QUEST_MAX_COLUMNS);
            assert_int_equal(e, FS_ERR_DATA);
            assert_string_equal(m.text, want);
        }
        fs_quest_free(&q);
        fs_buf_free(&b);
    }
}

static void test_pairing(void **state)
{
    (void)state;
    const char *lng = "Deltagar-ID;Kön;Mättillfälle;Q1;Q2\n"
                      "A;Kvinna;Före;1;2\n"
                      "B;Man;Före;3;\n"
                      "C;K;1;2;2\n"
                      "A;Kvinna;Efter;2;2\n"
                      "B;M;Efter;3;4\n"
                      "D;;Efter;1;1\n"
                      ";;;;\n";
    fs_quest_options o = {0};
    fs_quest q;
    fs_msg m = {""};
    fs_quest_counts n;
    assert_int_equal(read2(lng, NULL, &o, &q, &m), FS_OK);
    assert_int_equal(q.n_items, 2);
    assert_string_equal(q.item_key[0], "q1");
    assert_true(q.has_sex_column);
    fs_quest_count(&q, 0, 1, &n);
    assert_int_equal(n.start, 3);
    assert_int_equal(n.exit, 3);
    assert_int_equal(n.linked, 2);
    assert_int_equal(n.start_only, 1);
    assert_int_equal(n.exit_only, 1);
    assert_int_equal(n.by_sex_linked[FS_SEX_WOMAN], 1);
    assert_int_equal(n.by_sex_linked[FS_SEX_MAN], 1);
    assert_int_equal(q.empty_rows, 1);
    assert_int_equal(q.missing[FS_OCC_START][1], 1);
    fs_paired_item it;
    assert_int_equal(fs_quest_paired(&q, 1, 0, 1, FS_QUEST_ALL_SEXES, 1, FS_ALT_TWO_SIDED, 0, &it), FS_OK);
    assert_int_equal(it.n, 1);       /* B has no start answer to Q2 */
    assert_int_equal(it.missing, 1);
    assert_int_equal(it.unchanged, 1);
    assert_int_equal(fs_quest_paired(&q, 0, 0, 1, FS_SEX_MAN, 1, FS_ALT_TWO_SIDED, 0, &it), FS_OK);
    assert_int_equal(it.n, 1);
    assert_int_equal(it.unchanged, 1);
    assert_int_equal(fs_quest_paired(&q, 0, 0, 1, FS_QUEST_ALL_SEXES, 0, FS_ALT_TWO_SIDED, 0, &it), FS_OK);
    assert_int_equal(it.worse, 1); /* A 1 -> 2 with lower is better */
    fs_quest_free(&q);

    /* two files; --items picks and orders by header or key */
    const char *items[] = {"r", "Q"};
    o.items = items;
    o.n_items = 2;
    assert_int_equal(read2("ID;Q;R\nA;1;5\nB;2;6\n", "ID;R;Q\nA;7;1\n", &o, &q, &m), FS_OK);
    assert_string_equal(q.item_label[0], "R");
    assert_true(fs_quest_answers(&q, &q.p[0], 1)[0] == 7 && fs_quest_answers(&q, &q.p[0], 1)[1] == 1);
    fs_quest_count(&q, 0, 1, &n);
    assert_int_equal(n.linked, 1);
    assert_int_equal(n.start_only, 1);
    fs_quest_free(&q);
}

/* The published example: 9 worse, 66 unchanged, 21 better -> p = 0.0427739 (two-sided). */
static void test_paired_summary(void **state)
{
    (void)state;
    double s[96], e[96];
    for (int i = 0; i < 96; i++) {
        s[i] = 2;
        e[i] = i < 9 ? 1 : i < 75 ? 2 : 3;
    }
    fs_paired_item it;
    assert_int_equal(fs_paired_summary(s, e, 96, 1, FS_ALT_TWO_SIDED, 1, &it), FS_OK);
    assert_int_equal(it.n, 96);
    assert_int_equal(it.worse, 9);
    assert_int_equal(it.unchanged, 66);
    assert_int_equal(it.better, 21);
    assert_float_equal(it.sign.p_value, 0.0427739, 5e-8);
    assert_float_equal(it.mean_end, (9 * 1 + 66 * 2 + 21 * 3) / 96.0, 1e-12);
    assert_float_equal(it.median_start, 2, 0);
    assert_true(it.has_wilcoxon);
    /* lower is better swaps the counts */
    assert_int_equal(fs_paired_summary(s, e, 96, 0, FS_ALT_TWO_SIDED, 0, &it), FS_OK);
    assert_int_equal(it.worse, 21);
    assert_int_equal(it.better, 9);
    /* the share better and worse with Wilson 95 %: 21 and 9 of 96 (R: prop.test(21, 96,
     * correct = FALSE)$conf.int, the last row of wilson.csv) */
    assert_int_equal(fs_paired_summary(s, e, 96, 1, FS_ALT_TWO_SIDED, 0, &it), FS_OK);
    assert_float_equal(it.better_low, 0.14776345080877548, 1e-12); /* wilson.csv */
    assert_float_equal(it.better_high, 0.31137906736116716, 1e-12);
    assert_true(it.worse_low > 0 && it.worse_high < 0.2);
    /* every pair unchanged: the sign test weighs nothing, p = 1 as binom.test(0, 0) */
    assert_int_equal(fs_paired_summary(s, s, 96, 1, FS_ALT_TWO_SIDED, 1, &it), FS_OK);
    assert_true(it.has_test);
    assert_float_equal(it.sign.p_value, 1, 0);
    assert_float_equal(it.better_high, 0.038475587857675665, 1e-12); /* wilson.csv */
    /* nothing linked: nothing tested, no p-value (never 1) and no interval */
    assert_int_equal(fs_paired_summary(NULL, NULL, 0, 1, FS_ALT_TWO_SIDED, 1, &it), FS_OK);
    assert_int_equal(it.n, 0);
    assert_false(it.has_test);
    assert_false(it.has_wilcoxon);
    assert_true(isnan(it.sign.p_value));
    assert_true(isnan(it.better_low) && isnan(it.better_high));
    assert_true(isnan(it.mean_start));
}

static void test_hls_scores(void **state)
{
    (void)state;
    static const struct {
        fs_hls_version v;
        double a[16];
        size_t n;
        int valid;
        double score;
        int cat;
    } cases[] = {
        /* Q16: 16 answered, 8 easy -> 8 inadequate */
        {FS_HLS_Q16, {4, 4, 3, 3, 4, 3, 3, 3, 1, 2, 1, 2, 1, 2, 1, 2}, 16, 1, 8, FS_HLS_INADEQUATE},
        /* 9 easy -> problematic */
        {FS_HLS_Q16, {4, 4, 3, 3, 4, 3, 3, 3, 3, 2, 1, 2, 1, 2, 1, 2}, 16, 1, 9, FS_HLS_PROBLEMATIC},
        /* 14 answered (2 missing), 13 easy -> sufficient */
        {FS_HLS_Q16, {4, 4, 3, 3, 4, 3, 3, 3, 3, 3, 3, 3, 3, 1, NAN, NAN}, 16, 1, 13, FS_HLS_SUFFICIENT},
        /* 13 answered: invalid */
        {FS_HLS_Q16, {4, 4, 3, 3, 4, 3, 3, 3, 3, 3, 3, 3, 3, NAN, NAN, NAN}, 16, 0, 0, 0},
        /* 12 easy -> problematic (upper bound) */
        {FS_HLS_Q16, {4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 2, 2, 2, 2}, 16, 1, 12, FS_HLS_PROBLEMATIC},
        /* Q6: mean 2.0 -> inadequate; 2.2 -> problematic; 3.0 -> problematic; 3.2 -> sufficient */
        {FS_HLS_Q6, {2, 2, 2, 2, 2, 2}, 6, 1, 2.0, FS_HLS_INADEQUATE},
        {FS_HLS_Q6, {2, 2, 2, 2, 3, NAN}, 6, 1, 2.2, FS_HLS_PROBLEMATIC},
        {FS_HLS_Q6, {3, 3, 3, 3, 3, 3}, 6, 1, 3.0, FS_HLS_PROBLEMATIC},
        {FS_HLS_Q6, {4, 3, 3, 3, 3, NAN}, 6, 1, 3.2, FS_HLS_SUFFICIENT},
        {FS_HLS_Q6, {4, 4, 4, 4, NAN, NAN}, 6, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fs_hls_rules r;
        double score = -1;
        fs_hls_rules_default(cases[i].v, &r);
        int ok = fs_hls_score(cases[i].v, &r, cases[i].a, cases[i].n, &score) == 0;
        if (ok != cases[i].valid)
            fail_msg("case %zu: valid %d", i, ok);
        if (!ok)
            continue;
        if (fabs(score - cases[i].score) > 1e-12 || fs_hls_category(&r, score) != cases[i].cat)
            fail_msg("case %zu: score %g category %d", i, score, fs_hls_category(&r, score));
    }
    assert_int_equal(fs_hls_version_parse("q6", &(fs_hls_version){0}), FS_OK);
    assert_int_equal(fs_hls_version_parse("q7", &(fs_hls_version){0}), FS_ERR_USAGE);
}

static void test_hls_summary(void **state)
{
    (void)state;
    /* Q6, three linked: A 2.0 -> 3.5 (inadequate -> sufficient), B 3.0 -> 2.5 (problematic ->
     * problematic), C too few answers at exit. */
    const char *f = "ID;Tillfälle;Q1;Q2;Q3;Q4;Q5;Q6\n"
                    "A;Start;Ganska svårt;Ganska svårt;Ganska svårt;Ganska svårt;Ganska svårt;Ganska svårt\n"
                    "A;Avslut;Mycket lätt;Ganska lätt;Mycket lätt;Ganska lätt;Mycket lätt;Ganska lätt\n"
                    "B;Start;Ganska lätt;Ganska lätt;Ganska lätt;Ganska lätt;Ganska lätt;Ganska lätt\n"
                    "B;Avslut;Ganska lätt;Ganska svårt;Ganska lätt;Ganska svårt;Ganska lätt;Ganska svårt\n"
                    "C;Start;Ganska lätt;Ganska lätt;Ganska lätt;Ganska lätt;Ganska lätt;Ganska lätt\n"
                    "C;Avslut;Vet inte;Vet inte;Ganska lätt;Ganska lätt;Ganska lätt;Ganska lätt\n";
    fs_quest_options o = {0};
    fs_quest q;
    fs_msg m = {""};
    o.coding = FS_QC_HLS_TEXT;
    assert_int_equal(read2(f, NULL, &o, &q, &m), FS_OK);
    assert_int_equal(q.dont_know[1][0], 1);
    fs_hls_rules r;
    fs_hls_summary s;
    fs_hls_rules_default(FS_HLS_Q6, &r);
    assert_int_equal(fs_hls_summarise(&q, FS_HLS_Q6, &r, 0, 1, FS_QUEST_ALL_SEXES, FS_ALT_TWO_SIDED, &s), FS_OK);
    assert_int_equal(s.linked, 3);
    assert_int_equal(s.valid_both, 2);
    assert_int_equal(s.invalid_exit, 1);
    assert_int_equal(s.cat[0][FS_HLS_INADEQUATE], 1);
    assert_int_equal(s.cat[0][FS_HLS_PROBLEMATIC], 1);
    assert_int_equal(s.cat[1][FS_HLS_SUFFICIENT], 1);
    assert_int_equal(s.cat[1][FS_HLS_PROBLEMATIC], 1);
    assert_int_equal(s.category.better, 1);
    assert_int_equal(s.category.unchanged, 1);
    assert_int_equal(s.score.better, 1);
    assert_int_equal(s.score.worse, 1);
    assert_float_equal(s.score.mean_start, 2.5, 1e-12);
    assert_float_equal(s.score.mean_end, 3.0, 1e-12);
    /* configured rules: min 6 answered makes C's start valid only; thresholds move */
    fs_quest_free(&q);
}

static void test_ogq(void **state)
{
    (void)state;
    const char *a = "ID;Akt 1;Akt 2\nA;2;1\nB;3;1\nC;1;4\nD;2;\n";
    const char *b = "ID;Akt 1;Akt 2\nA;1;2\nB;3;1\nC;2;1\nD;1;1\nE;1;1\n";
    fs_quest_options o = {0};
    fs_quest q;
    fs_msg m = {""};
    o.coding = FS_QC_OGQ;
    assert_int_equal(read2(a, b, &o, &q, &m), FS_OK);
    fs_ogq_item it;
    assert_int_equal(fs_ogq_item_summary(&q, 0, 0, 1, FS_QUEST_ALL_SEXES, &it), FS_OK);
    assert_int_equal(it.n, 4);
    assert_int_equal(it.gaps_start, 3);
    assert_int_equal(it.gaps_end, 2);
    assert_int_equal(it.closed, 2);
    assert_int_equal(it.opened, 1);
    assert_float_equal(it.mcnemar.p_exact, 1.0, 1e-12);
    assert_int_equal(fs_ogq_item_summary(&q, 1, 0, 1, FS_QUEST_ALL_SEXES, &it), FS_OK);
    assert_int_equal(it.n, 3); /* D has no start answer */
    assert_int_equal(it.opened, 1);
    fs_paired_item tot;
    assert_int_equal(fs_ogq_totals(&q, 0, 1, FS_QUEST_ALL_SEXES, FS_ALT_TWO_SIDED, &tot), FS_OK);
    /* A 1 -> 1, B 1 -> 1, C 0 -> 1 (worse), D 1 -> 0 over the one activity answered at both */
    assert_int_equal(tot.n, 4);
    assert_int_equal(tot.unchanged, 2);
    assert_int_equal(tot.worse, 1);
    assert_int_equal(tot.better, 1);
    fs_quest_free(&q);
}

static void test_hls_config(void **state)
{
    (void)state;
    fs_config cfg = {0};
    fs_config_entry en[2] = {{"hls", "q16_min_answered", "16", 3}, {"hls", "q16_bogus", "1", 4}};
    fs_hls_rules r;
    fs_msg m = {""};
    cfg.path = "f.ini";
    cfg.entries = en;
    cfg.n = 1;
    assert_int_equal(fs_hls_rules_from_config(&cfg, FS_HLS_Q16, &r, &m), FS_OK);
    assert_int_equal(r.min_answered, 16);
    assert_int_equal(fs_hls_rules_from_config(&cfg, FS_HLS_Q6, &r, &m), FS_OK);
    assert_int_equal(r.min_answered, 5);
    cfg.n = 2;
    assert_int_equal(fs_hls_rules_from_config(&cfg, FS_HLS_Q16, &r, &m), FS_ERR_DATA);
    assert_non_null(strstr(m.text, "f.ini:4: [hls] unknown key \"q16_bogus\""));

    /* out of range, whichever version is read; never cast without a bound */
    static const struct {
        const char *key, *value, *err;
    } bad[] = {
        {"q16_min_answered", "17", "f.ini:3: [hls] q16_min_answered: 17 is outside 1..16"},
        {"q16_min_answered", "4294967296", "f.ini:3: [hls] q16_min_answered: 4294967296 is outside 1..16"},
        {"q16_min_answered", "1e30", "f.ini:3: [hls] q16_min_answered: 1e30 is outside 1..16"},
        {"q16_min_answered", "0", "f.ini:3: [hls] q16_min_answered: 0 is outside 1..16"},
        {"q6_min_answered", "7", "f.ini:3: [hls] q6_min_answered: 7 is outside 1..6"},
        {"q6_problematic_max", "4,5", "f.ini:3: [hls] q6_problematic_max: 4,5 is outside 0..4"},
        {"q16_inadequate_max", "13", "f.ini:3: [hls] q16_inadequate_max is above q16_problematic_max"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fs_config_entry one = {"hls", (char *)bad[i].key, (char *)bad[i].value, 3};
        cfg.entries = &one;
        cfg.n = 1;
        if (fs_hls_rules_from_config(&cfg, FS_HLS_Q16, &r, &m) != FS_ERR_DATA ||
            strcmp(m.text, bad[i].err) != 0)
            fail_msg("case %zu: \"%s\"", i, m.text);
    }
    fs_config_entry ok = {"hls", "q6_min_answered", "6", 3};
    cfg.entries = &ok;
    assert_int_equal(fs_hls_rules_from_config(&cfg, FS_HLS_Q6, &r, &m), FS_OK);
    assert_int_equal(r.min_answered, 6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_coding),      cmocka_unit_test(test_errors),
        cmocka_unit_test(test_pairing),     cmocka_unit_test(test_paired_summary),
        cmocka_unit_test(test_hls_scores),  cmocka_unit_test(test_hls_summary),
        cmocka_unit_test(test_ogq),         cmocka_unit_test(test_hls_config),
        cmocka_unit_test(test_privacy),     cmocka_unit_test(test_items),
        cmocka_unit_test(test_item_keys),   cmocka_unit_test(test_two_file_headers),
        cmocka_unit_test(test_max_columns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
