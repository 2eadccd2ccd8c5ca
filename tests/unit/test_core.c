/* Unit tests: periods and dates, personnummer, category matching, overlapping episodes, share
 * rounding. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "finsam/category.h"
#include "finsam/date.h"
#include "finsam/overlap.h"
#include "finsam/pnr.h"
#include "finsam/text.h"
#include "finsam/table.h"

static fs_date D(int y, int m, int d)
{
    return fs_date_from_ymd(y, m, d);
}

static void test_dates(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int ok, y, m, d;
    } cases[] = {
        {"2024-03-15", 1, 2024, 3, 15},
        {"20240315", 1, 2024, 3, 15},
        {"2024-03-15 00:00:00", 1, 2024, 3, 15},
        {"2024-03-15T08:30", 1, 2024, 3, 15},
        {"2024-02-29", 1, 2024, 2, 29},
        {"2023-02-29", 0, 0, 0, 0},
        {"2024-13-01", 0, 0, 0, 0},
        {"2024-00-10", 0, 0, 0, 0},
        {"2024-04-31", 0, 0, 0, 0},
        {"15/03/2024", 0, 0, 0, 0},
        {"2024-03-15x", 0, 0, 0, 0},
        {"2024-3-5", 0, 0, 0, 0},
        {"", 0, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fs_date d;
        int ok = fs_date_parse(cases[i].in, &d) == 0;
        if (ok != cases[i].ok)
            fail_msg("%s: parsed %d", cases[i].in, ok);
        if (ok)
            assert_int_equal(d, D(cases[i].y, cases[i].m, cases[i].d));
    }
    char buf[11];
    fs_date_format(D(1999, 12, 31), buf);
    assert_string_equal(buf, "1999-12-31");
    assert_int_equal(D(1970, 1, 1), 0);
    assert_int_equal(D(2024, 3, 1) - D(2024, 2, 28), 2);
}

/* Relative periods for scheduled runs, a period's name, and the period to compare with. */
static void test_relative_periods(void **state)
{
    (void)state;
    static const struct {
        const char *in, *today, *from, *to, *name;
    } cases[] = {
        {"last-half", "2024-07-15", "2024-01-01", "2024-06-30", "2024H1"},
        {"last-half", "2024-06-30", "2023-07-01", "2023-12-31", "2023H2"},
        {"last-half", "2024-01-01", "2023-07-01", "2023-12-31", "2023H2"},
        {"last-quarter", "2024-04-01", "2024-01-01", "2024-03-31", "2024Q1"},
        {"last-quarter", "2024-02-29", "2023-10-01", "2023-12-31", "2023Q4"},
        {"last-month", "2024-03-01", "2024-02-01", "2024-02-29", "2024-02"},
        {"last-month", "2024-01-31", "2023-12-01", "2023-12-31", "2023-12"},
        {"last-year", "2024-12-31", "2023-01-01", "2023-12-31", "2023"},
        {"year-to-date", "2024-05-17", "2024-01-01", "2024-05-17", "2024-01-01..2024-05-17"},
        {"2024Q3", "2024-05-17", "2024-07-01", "2024-09-30", "2024Q3"},
        {"2024-02-01..2024-02-29", "2024-05-17", "2024-02-01", "2024-02-29", "2024-02"},
        {"2024-02-01..2024-03-31", "2024-05-17", "2024-02-01", "2024-03-31",
         "2024-02-01..2024-03-31"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fs_date today, from, to;
        fs_period p;
        char name[32];
        assert_int_equal(fs_date_parse(cases[i].today, &today), 0);
        assert_int_equal(fs_date_parse(cases[i].from, &from), 0);
        assert_int_equal(fs_date_parse(cases[i].to, &to), 0);
        if (fs_period_parse_at(cases[i].in, today, &p) != FS_OK)
            fail_msg("%s: not parsed", cases[i].in);
        if (p.from != from || p.to != to)
            fail_msg("%s at %s: wrong dates", cases[i].in, cases[i].today);
        fs_period_name(&p, name, sizeof name);
        assert_string_equal(name, cases[i].name);
    }
    static const struct {
        const char *in;
        int years;
        const char *want;
    } shifts[] = {
        {"2024H1", 0, "2023H2"}, {"2024H2", 0, "2024H1"}, {"2024", 0, "2023"},
        {"2024Q1", 0, "2023Q4"}, {"2024-03", 0, "2024-02"}, {"2024H1", 1, "2023H1"},
        {"2024-02", 1, "2023-02"}, /* 29 February a year back is the 28th */
        {"2024-02-10..2024-02-19", 0, "2024-01-31..2024-02-09"},
    };
    for (size_t i = 0; i < sizeof shifts / sizeof shifts[0]; i++) {
        fs_period p, q;
        char name[32];
        assert_int_equal(fs_period_parse(shifts[i].in, &p), FS_OK);
        q = fs_period_shift(&p, shifts[i].years);
        fs_period_name(&q, name, sizeof name);
        if (strcmp(name, shifts[i].want) != 0)
            fail_msg("%s shifted %d years: %s, want %s", shifts[i].in, shifts[i].years, name,
                     shifts[i].want);
    }
}

static void test_periods(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int ok;
        int fy, fm, fd, ty, tm, td;
    } cases[] = {
        {"2024", 1, 2024, 1, 1, 2024, 12, 31},
        {"2024H1", 1, 2024, 1, 1, 2024, 6, 30},
        {"2024H2", 1, 2024, 7, 1, 2024, 12, 31},
        {"2024Q1", 1, 2024, 1, 1, 2024, 3, 31},
        {"2024Q3", 1, 2024, 7, 1, 2024, 9, 30},
        {"2024Q4", 1, 2024, 10, 1, 2024, 12, 31},
        {"2024-02", 1, 2024, 2, 1, 2024, 2, 29},
        {"2023-02", 1, 2023, 2, 1, 2023, 2, 28},
        {"2024-01-01..2024-06-30", 1, 2024, 1, 1, 2024, 6, 30},
        {"2024-06-30..2024-06-30", 1, 2024, 6, 30, 2024, 6, 30},
        {"2024-07-01..2024-06-30", 0, 0, 0, 0, 0, 0, 0},
        {"2024H3", 0, 0, 0, 0, 0, 0, 0},
        {"2024Q5", 0, 0, 0, 0, 0, 0, 0},
        {"2024-13", 0, 0, 0, 0, 0, 0, 0},
        {"24", 0, 0, 0, 0, 0, 0, 0},
        {"2024..", 0, 0, 0, 0, 0, 0, 0},
        {"last year", 0, 0, 0, 0, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fs_period p;
        int ok = fs_period_parse(cases[i].in, &p) == FS_OK;
        if (ok != cases[i].ok)
            fail_msg("%s: parsed %d", cases[i].in, ok);
        if (ok) {
            assert_int_equal(p.from, D(cases[i].fy, cases[i].fm, cases[i].fd));
            assert_int_equal(p.to, D(cases[i].ty, cases[i].tm, cases[i].td));
        }
    }
}

static void test_personnummer(void **state)
{
    (void)state;
    fs_date today = D(2026, 11, 22);
    static const struct {
        const char *in;
        fs_pnr_status st;
        int year;
        fs_sex sex;
    } cases[] = {
        {"19850312-2429", FS_PNR_OK, 1985, FS_SEX_WOMAN},
        {"198503122429", FS_PNR_OK, 1985, FS_SEX_WOMAN},
        {"850312-2429", FS_PNR_OK, 1985, FS_SEX_WOMAN},
        {"8503122429", FS_PNR_OK, 1985, FS_SEX_WOMAN},
        {"19870303-9118", FS_PNR_OK, 1987, FS_SEX_MAN},
        {"19850312-2428", FS_PNR_BAD_CHECKSUM, 1985, FS_SEX_WOMAN},
        {"19850230-2425", FS_PNR_BAD_DATE, 0, FS_SEX_WOMAN}, /* no age from an impossible date */
        {"19850372-2426", FS_PNR_OK, 1985, FS_SEX_WOMAN}, /* samordningsnummer: day + 60 */
        {"215203120208", FS_PNR_BAD_DATE, 0, FS_SEX_WOMAN}, /* born after today: no age */
        {"20300101-1234", FS_PNR_BAD_DATE, 0, FS_SEX_MAN},
        {"120101+1234", FS_PNR_OK, 1912, FS_SEX_MAN},          /* "+": 100 years or older */
        {"120101+1235", FS_PNR_BAD_CHECKSUM, 1912, FS_SEX_MAN},
        {"250101-1234", FS_PNR_BAD_CHECKSUM, 2025, FS_SEX_MAN},
        {"300101-1234", FS_PNR_BAD_CHECKSUM, 1930, FS_SEX_MAN},
        /* every spelling of one number */
        {"19850312 2429", FS_PNR_OK, 1985, FS_SEX_WOMAN},
        {"850312 2429", FS_PNR_OK, 1985, FS_SEX_WOMAN},
        {"850312\xE2\x80\x93" "2429", FS_PNR_OK, 1985, FS_SEX_WOMAN}, /* en dash */
        {"19850312.2429", FS_PNR_OK, 1985, FS_SEX_WOMAN},
        {"850312 - 2429", FS_PNR_OK, 1985, FS_SEX_WOMAN},
        {" 850312-2429 ", FS_PNR_OK, 1985, FS_SEX_WOMAN},
        {"850312--+-2429", FS_PNR_BAD_FORMAT, 0, FS_SEX_UNKNOWN}, /* four separators */
        {"8503-12-2429", FS_PNR_BAD_FORMAT, 0, FS_SEX_UNKNOWN},
        {"1985-03-12", FS_PNR_BAD_FORMAT, 0, FS_SEX_UNKNOWN},
        {"12345", FS_PNR_BAD_FORMAT, 0, FS_SEX_UNKNOWN},
        {"19850312-242", FS_PNR_BAD_FORMAT, 0, FS_SEX_UNKNOWN},
        {"abc", FS_PNR_BAD_FORMAT, 0, FS_SEX_UNKNOWN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fs_pnr p;
        fs_pnr_status st = fs_pnr_parse(cases[i].in, today, &p);
        if (st != cases[i].st)
            fail_msg("case %zu: status %d, expected %d", i, st, cases[i].st);
        assert_int_equal(p.birth_year, cases[i].year);
        assert_int_equal(p.sex, cases[i].sex);
    }
    /* one spelling for the person hash: every form of one number gives the same twelve
     * digits (the '+' century included); a bad format gives none */
    static const struct {
        const char *in, *canon;
    } canon[] = {
        {"198503122429", "198503122429"}, {"850312-2429", "198503122429"},
        {"8503122429", "198503122429"},   {"19850312-2429", "198503122429"},
        {"120101+1234", "191201011234"},  {"19850230-2425", "198502302425"},
        {"1985-03-12", ""},
    };
    for (size_t i = 0; i < sizeof canon / sizeof canon[0]; i++) {
        fs_pnr p;
        (void)fs_pnr_parse(canon[i].in, today, &p);
        assert_string_equal(p.canon, canon[i].canon);
    }
}

static void test_safe_text(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"Avliden", "Avliden"},
        {"19900101-1239", "(personnummer)"},
        {"199001011239", "(personnummer)"},
        {"900101-1239", "(personnummer)"},
        {"900101+1239", "(personnummer)"},
        {"9001011239", "(personnummer)"},
        {"Avliden 19900101-1239 enligt FK", "(personnummer)"},
        {"2024-03-15", "2024-03-15"},
        {"20240315", "20240315"},
        {"1234567890123", "1234567890123"}, /* 13 digits: not a personnummer */
        {"D0001", "D0001"},
        {"a\nb\x1b", "a\\x0Ab\\x1B"},
        {"Övrigt", "Övrigt"},
        /* every spelling, 10 and 12 digits, coordination numbers */
        {"19900101 1239", "(personnummer)"},
        {"900101 1239", "(personnummer)"},
        {"900101\xE2\x80\x93" "1239", "(personnummer)"},   /* en dash */
        {"900101\xE2\x88\x92" "1239", "(personnummer)"},   /* minus sign */
        {"900101\xC2\xA0" "1239", "(personnummer)"},        /* no-break space */
        {"19900101.1239", "(personnummer)"},
        {"19900101_1239", "(personnummer)"},               /* a slug of one */
        {"900101 - 1239", "(personnummer)"},
        {"19900161-1239", "(personnummer)"},               /* day + 60 */
        {"9001611239", "(personnummer)"},
        {"19900230-1239", "(personnummer)"},               /* a typing error is someone's too */
        {"P-199001011239-x", "(personnummer)"},
        {"1234567890", "1234567890"},                     /* month 56: no date */
        {"19901301-1239", "19901301-1239"},               /* month 13 */
        {"17900101-1239", "17900101-1239"},               /* century 17 */
        {"900101-12390", "900101-12390"},                 /* five digits after */
        {"2024-01-01\xE2\x80\x93" "2024-06-30", "2024-01-01\xE2\x80\x93" "2024-06-30"}, /* a period */
        {"20240315 00:00:00", "20240315 00:00:00"},
        {"a\xEF\xBF\xBE" "b", "a\xEF\xBF\xBD" "b"},            /* U+FFFE: XML forbids it */
        {"a\xC2\x9B[31m", "a\\xC2\\x9B[31m"},             /* C1 CSI */
        {"r\xE4kning", "r\\xE4kning"},                    /* not UTF-8 */
        {"\x02" "0115 1234", "(personnummer)"},            /* "\x020115 1234" */
    };
    char out[128];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fs_safe_text(cases[i].in, out, sizeof out);
        if (strcmp(out, cases[i].want) != 0)
            fail_msg("%s: got [%s]", cases[i].in, out);
    }
    char longv[300];
    memset(longv, 'x', sizeof longv - 1);
    longv[sizeof longv - 1] = '\0';
    fs_safe_text(longv, out, sizeof out);
    assert_int_equal(strlen(out), FS_SAFE_TEXT_MAX + 3);
    char small[6];
    fs_safe_text("\xC3\xA5\xC3\xA5\xC3\xA5", small, sizeof small); /* "ååå" into 6 bytes */
    assert_string_equal(small, "\xC3\xA5\xC3\xA5");
}

/* Messages, file names and report strings: each personnummer-shaped part is masked, the
 * rest is kept. */
static void test_safe_name_output(void **state)
{
    (void)state;
    static const struct {
        const char *in, *name, *output;
    } cases[] = {
        {"19730415-2389.csv", "(personnummer).csv", "(personnummer).csv"},
        {"a/730415 2389/b.csv", "a/(personnummer)/b.csv", "a/(personnummer)/b.csv"},
        {"x:42: 7304152389 and 19730475.2389", "x:42: (personnummer) and (personnummer)",
         "x:42: (personnummer) and (personnummer)"},
        {"evil\x1b[2J.csv", "evil\\x1B[2J.csv", "evil\xEF\xBF\xBD[2J.csv"},
        {"tab\there", "tab\\x09here", "tab\there"},
        {"\xFF\xFE", "\\xFF\\xFE", "\xEF\xBF\xBD\xEF\xBF\xBD"},
        {"\xEF\xBF\xBF", "\xEF\xBF\xBD", "\xEF\xBF\xBD"},
        {"K\xC3\xA4lla: 2024-01-01\xE2\x80\x93" "2024-06-30", "K\xC3\xA4lla: 2024-01-01\xE2\x80\x93" "2024-06-30",
         "K\xC3\xA4lla: 2024-01-01\xE2\x80\x93" "2024-06-30"},
        /* an escape's digits next to the data's would read as a number: masked too */
        {"\x02" "0115 1234", "\\x(personnummer)", "\xEF\xBF\xBD" "0115 1234"},
        {"", "", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *n = fs_safe_name(cases[i].in), *o = fs_safe_output(cases[i].in);
        assert_non_null(n);
        assert_non_null(o);
        if (strcmp(n, cases[i].name) != 0)
            fail_msg("case %zu: fs_safe_name gave [%s]", i, n);
        if (strcmp(o, cases[i].output) != 0)
            fail_msg("case %zu: fs_safe_output gave [%s]", i, o);
        free(n);
        free(o);
    }
    size_t a = 9, b = 9;
    assert_int_equal(fs_pnr_find("id 850312+2429;", 15, &a, &b), 1);
    assert_int_equal(a, 3);
    assert_int_equal(b, 14);
    assert_int_equal(fs_pnr_find("850312+2429", 10, &a, &b), 0); /* len is respected */
}

/* Values no real data gives, but a table may hold (fuzz_writers found both under UBSan):
 * an infinite p-value, and a share column of NaN rounded by largest remainder. */
static void test_not_finite(void **state)
{
    (void)state;
    char out[64];
    fs_format_p(out, sizeof out, INFINITY, 2, 0);
    assert_string_equal(out, "inf");
    fs_format_p(out, sizeof out, NAN, 2, 0);
    assert_string_equal(out, "");
    fs_table *t = fs_table_new("k", "T");
    assert_non_null(t);
    assert_int_equal(fs_table_add_col(t, "pct", "%", FS_COL_SHARE, 0, -1), 0);
    fs_row *r = fs_table_add_row(t, "a", "A", 0, 0);
    assert_non_null(r);
    static const double values[] = {INFINITY, NAN, 1e300, -1e300};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        r->cells[0].value = values[i];
        fs_table_round(t, FS_ROUND_LARGEST_REMAINDER, 0, 0);
        assert_int_equal(t->cols[0].shown_off, 0);
    }
    fs_table_free(t);
}

static void test_categories(void **state)
{
    (void)state;
    fs_catmap *m = fs_exit_reason_map_new();
    assert_non_null(m);
    static const struct {
        const char *in;
        int group;
    } cases[] = {
        {"Arbete", FS_EXIT_WORK_STUDIES},
        {"arbete", FS_EXIT_WORK_STUDIES},
        {"  ARBETE ", FS_EXIT_WORK_STUDIES},
        {"Arbete, studier", FS_EXIT_WORK_STUDIES},
        {"Påbörjat studier", FS_EXIT_WORK_STUDIES},
        {"Pa\xCC\x8A" "bo\xCC\x88rjat studier", FS_EXIT_WORK_STUDIES}, /* decomposed */
        {"Anställning", FS_EXIT_WORK_STUDIES},
        {"Aktivt arbetssökande", FS_EXIT_JOB_SEEKING},
        {"Förstärkt samverkan FK/AF", FS_EXIT_CONTINUED_REHAB},
        {"PRAKTIK", FS_EXIT_CONTINUED_REHAB},
        {"Försämrat hälsotillstånd", FS_EXIT_ILLNESS},
        {"Flytt", FS_EXIT_MOVED},
        {"Ålderspension", FS_EXIT_OTHER},
        {"Föräldraledighet", FS_EXIT_OTHER},
        {"Utan mätning", FS_EXIT_NOT_MEASURED},
        {"Felregistrering", FS_EXIT_EXCLUDED},
        {"felregistrering", FS_EXIT_EXCLUDED},
        {"Avliden", FS_CAT_NONE},
        {"Arbete studier", FS_CAT_NONE},
    };
    for (int round = 0; round < 2; round++) /* the second round hits the raw-value cache */
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
            if (fs_catmap_lookup(m, cases[i].in) != cases[i].group)
                fail_msg("%s: group %d, expected %d", cases[i].in, fs_catmap_lookup(m, cases[i].in),
                         cases[i].group);
    assert_int_equal(fs_catmap_add(m, "Avliden", FS_EXIT_OTHER), FS_OK);
    assert_int_equal(fs_catmap_lookup(m, "Avliden"), FS_EXIT_OTHER); /* cache was reset */
    fs_catmap_free(m);

    /* many values (past the first allocations), each its own group; a later add replaces */
    fs_catmap *g = fs_catmap_new();
    char v[32];
    assert_non_null(g);
    for (int i = 0; i < 1000; i++) {
        snprintf(v, sizeof v, "Värde %d", i);
        assert_int_equal(fs_catmap_add(g, v, i), FS_OK);
    }
    assert_int_equal(fs_catmap_add(g, "VÄRDE 7", 2000), FS_OK);
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 1000; i++) {
            snprintf(v, sizeof v, "värde %d", i);
            assert_int_equal(fs_catmap_lookup(g, v), i == 7 ? 2000 : i);
        }
    assert_int_equal(fs_catmap_lookup(g, "Värde 1000"), FS_CAT_NONE);
    fs_catmap_free(g);

    fs_catmap *s = fs_sex_map_new();
    assert_int_equal(fs_catmap_lookup(s, "Kvinna"), FS_SEX_WOMAN);
    assert_int_equal(fs_catmap_lookup(s, "k"), FS_SEX_WOMAN);
    assert_int_equal(fs_catmap_lookup(s, "MAN"), FS_SEX_MAN);
    assert_int_equal(fs_catmap_lookup(s, "m"), FS_SEX_MAN);
    assert_int_equal(fs_catmap_lookup(s, "x"), FS_CAT_NONE);
    fs_catmap_free(s);
}

/* fs_overlap_insats, fs_overlap_key_of and fs_overlap_add of one episode */
static fs_error overlap_add(fs_overlap_index *x, const char *id, const char *insats,
                           fs_date entry, int has_exit, fs_date exit, unsigned file_no,
                           unsigned long line, int *found, fs_overlap_hit *hit)
{
    uint64_t key;
    long ins = fs_overlap_insats(x, insats);
    if (ins < 0)
        return FS_ERR_MEMORY;
    fs_overlap_key_of(x, id, (uint32_t)ins, &key);
    return fs_overlap_add(x, key, entry, has_exit, exit, file_no, line, found, hit);
}

/* The cases of test_overlap, on an index that grows (reserve 0), that was given room for
 * 100,000 keys after 500 episodes (rebuilt from them) and asked for less later (1), or
 * that was given room for one key at first and grows from there (2). */
static void overlap_cases(int reserve)
{
    enum { N = 3000 }; /* ids: past the first allocations */
    fs_overlap_index *x = fs_overlap_new();
    fs_overlap_hit hit = {0, 0};
    int found = -1;
    char id[32];
    assert_non_null(x);
    for (unsigned long i = 0; i < N; i++) { /* one closed episode each, in insats "Steg 1" */
        if (reserve == 1 && (i == 500 || i == 2000))
            assert_int_equal(fs_overlap_reserve(x, i == 500 ? 100000 : 10), FS_OK);
        if (reserve == 2 && i == 0)
            assert_int_equal(fs_overlap_reserve(x, 1), FS_OK);
        snprintf(id, sizeof id, "P%lu", i);
        assert_int_equal(overlap_add(x, id, "Steg 1", D(2024, 1, 1), 1, D(2024, 3, 1), 0,
                                     i + 2, &found, &hit), FS_OK);
        assert_int_equal(found, 0);
        if (i == 10) { /* P3 re-enters on its exit day: two episodes of a key before the
                        * table grows */
            assert_int_equal(overlap_add(x, "P3", "Steg 1", D(2024, 3, 1), 1, D(2024, 6, 1), 0,
                                         900, &found, &hit), FS_OK);
            assert_int_equal(found, 0);
        }
    }
    static const struct {
        const char *id, *insats;
        fs_date entry;
        int has_exit;
        fs_date exit;
        int found;
        unsigned long line; /* of the episode overlapped */
    } cases[] = {
        {"P5", "steg 1", 0, 0, 0, 1, 7},      /* open, insats folded: overlaps */
        {"P5", "Steg 2", 0, 0, 0, 0, 0},      /* another insats */
        {"P5", "Steg 1", 0, 0, 0, 1, 7},      /* overlaps both before it: the oldest */
        {"P6", "Steg 1", 0, 1, 0, 0, 0},      /* re-entry on the exit day */
        {"P6", "Steg 1", 0, 1, 0, 1, 103},    /* overlaps the re-entry before it */
        {"P3", "Steg 1", 0, 1, 0, 1, 900},    /* overlaps its newest episode only */
        {"P2999", "Steg 1", 0, 0, 0, 1, 3001}, /* the last id added */
        {"P3000", "Steg 1", 0, 0, 0, 0, 0},   /* a new id */
        {"", "Steg 1", 0, 0, 0, 0, 0},        /* no id: never an overlap */
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        /* entry 2024-03-01 (the exit day of the first episodes) unless the case is open
         * from 2024-02-01 */
        fs_date entry = cases[k].has_exit ? D(2024, 3, 1) : D(2024, 2, 1);
        hit.line = 0;
        assert_int_equal(overlap_add(x, cases[k].id, cases[k].insats, entry, cases[k].has_exit,
                                     D(2024, 6, 1), 1, 100 + k, &found, &hit), FS_OK);
        if (found != cases[k].found || hit.line != cases[k].line)
            fail_msg("case %zu: found %d line %lu, expected %d line %lu", k, found, hit.line,
                     cases[k].found, cases[k].line);
    }
    fs_overlap_free(x);
}

static void test_overlap(void **state)
{
    (void)state;
    overlap_cases(0);
    overlap_cases(1);
    overlap_cases(2);
    fs_overlap_free(NULL);
}

static void check_rounding(const double *in, size_t n, fs_rounding method, int decimals,
                           const double *want)
{
    double out[16];
    fs_round_shares(in, n, method, decimals, out);
    for (size_t i = 0; i < n; i++)
        if (fabs(out[i] - want[i]) > 1e-9)
            fail_msg("entry %zu: %.10g, expected %.10g", i, out[i], want[i]);
}

static void test_rounding(void **state)
{
    (void)state;
    /* 1/3 each: three equal counts get equal shares; one unit more each would land 2 off
     * 100, none 1 off: none, and the column sums to 99 */
    double thirds[] = {100.0 / 3, 100.0 / 3, 100.0 / 3};
    check_rounding(thirds, 3, FS_ROUND_LARGEST_REMAINDER, 0, (double[]){33, 33, 33});
    check_rounding(thirds, 3, FS_ROUND_HALF_EVEN, 0, (double[]){33, 33, 33});
    check_rounding(thirds, 3, FS_ROUND_LARGEST_REMAINDER, 1, (double[]){33.3, 33.3, 33.3});
    /* 138/297 = 46.46 %: stays 46 (the remainders of 33.67 and 19.87 are larger) */
    double pub[] = {100.0 * 138 / 297, 100.0 * 100 / 297, 100.0 * 59 / 297};
    check_rounding(pub, 3, FS_ROUND_LARGEST_REMAINDER, 0, (double[]){46, 34, 20});
    check_rounding(pub, 3, FS_ROUND_HALF_UP, 0, (double[]){46, 34, 20});
    /* the published Aktiv Nordost column: 138 99 18 2 15 25 of 297 = 47 33 6 1 5 8 */
    double nordost[] = {100.0 * 138 / 297, 100.0 * 99 / 297, 100.0 * 18 / 297,
                        100.0 * 2 / 297,   100.0 * 15 / 297, 100.0 * 25 / 297};
    check_rounding(nordost, 6, FS_ROUND_LARGEST_REMAINDER, 0, (double[]){47, 33, 6, 1, 5, 8});
    /* ties at .5 between different values: the earlier one; equal values together: 37.5
     * first (+1, one unit left), then the three 12.5: all (101) or none (99) are as far
     * from 100, so none; half-even goes to even; half-up goes up */
    double eighths[] = {37.5, 12.5, 25, 12.5, 12.5};
    check_rounding(eighths, 5, FS_ROUND_LARGEST_REMAINDER, 0, (double[]){38, 12, 25, 12, 12});
    check_rounding(eighths, 5, FS_ROUND_HALF_EVEN, 0, (double[]){38, 12, 25, 12, 12});
    check_rounding(eighths, 5, FS_ROUND_HALF_UP, 0, (double[]){38, 13, 25, 13, 13});
    /* two equal counts at a largest-remainder tie (3 and 3 of 39, the exits 2024H2 case):
     * 7.69 each; floors 7 + 7 + 84 (33/39 = 84.6) = 98; two units left for the pair: both */
    double pair[] = {100.0 * 3 / 39, 100.0 * 3 / 39, 100.0 * 33 / 39};
    check_rounding(pair, 3, FS_ROUND_LARGEST_REMAINDER, 0, (double[]){8, 8, 84});
    /* one unit left and a pair tied for it: 101 or 99 are as far: none, sum 99 */
    double pair2[] = {100.0 * 1 / 8, 100.0 * 1 / 8, 100.0 * 6 / 8};
    check_rounding(pair2, 3, FS_ROUND_LARGEST_REMAINDER, 0, (double[]){12, 12, 75});
    /* two units left and a group of three tied for them: all (101) is closer than none (98) */
    double three[] = {100.0 / 6, 100.0 / 6, 100.0 / 6, 50};
    check_rounding(three, 4, FS_ROUND_LARGEST_REMAINDER, 0, (double[]){17, 17, 17, 50});
    /* exact values stay; NAN is skipped */
    double exact[] = {40, NAN, 60};
    double out[3];
    fs_round_shares(exact, 3, FS_ROUND_LARGEST_REMAINDER, 0, out);
    assert_true(out[0] == 40 && isnan(out[1]) && out[2] == 60);
    /* a long column of distinct values always sums to exactly 100 */
    double seven[7], rounded[7], sum = 0;
    for (int i = 0; i < 7; i++)
        seven[i] = 100.0 * (i + 1) / 28;
    fs_round_shares(seven, 7, FS_ROUND_LARGEST_REMAINDER, 0, rounded);
    for (int i = 0; i < 7; i++)
        sum += rounded[i];
    assert_true(sum == 100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_periods),
        cmocka_unit_test(test_relative_periods),
        cmocka_unit_test(test_personnummer),
        cmocka_unit_test(test_categories),
        cmocka_unit_test(test_overlap),
        cmocka_unit_test(test_safe_text),
        cmocka_unit_test(test_safe_name_output),
        cmocka_unit_test(test_not_finite),
        cmocka_unit_test(test_rounding),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
