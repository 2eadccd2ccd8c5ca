/* test_engine.c: the aggregation engine. Table-driven: each dimension case names the
 * episodes it counts (a one-letter sex, dates, the field the dimension reads) and the
 * counts it expects in the categories it names, by key or label; then populations,
 * slices, Felregistrering, crossed dimensions, and persons. Every figure is worked by hand
 * in the case. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/engine.h"
#include "finsam/persons.h"

/* One episode: sex W/M/U, entry, exit ("" open), and the value of the dimension's field. */
typedef struct ep_spec {
    char sex;
    const char *entry, *exit;
    const char *value;
    const char *insats;
    int reason_group; /* for FS_DIM_EXIT_REASON and Felregistrering; -2 = from value */
    uint64_t person;
} ep_spec;

#define END {0, NULL, NULL, NULL, NULL, 0, 0}

/* An expected count: the category with this key (or, for values from the data, label) has
 * women, men, unknown. "*" is the whole population (FS_ALL). */
typedef struct want {
    const char *cat;
    unsigned long w, m, u;
} want;

typedef struct dim_case {
    const char *name;
    fs_dim_kind kind;
    fs_flow_row pop;
    ep_spec eps[12];
    want want[10];
} dim_case;

static fs_date date(const char *s)
{
    fs_date d = 0;
    if (*s && fs_date_parse(s, &d) != 0)
        fail_msg("bad date in a test case: %s", s);
    return d;
}

static const char *extra_values[1];

static fs_episode make(const ep_spec *s, fs_dim_kind kind, unsigned long line)
{
    fs_episode ep;
    memset(&ep, 0, sizeof ep);
    ep.file = "test.csv";
    ep.line = line;
    ep.id = ep.reason = ep.income_start = ep.income_end = ep.referrer = ep.target_group =
        ep.municipality = "";
    ep.insats = s->insats ? s->insats : "";
    ep.sex = s->sex == 'W' ? FS_SEX_WOMAN : s->sex == 'M' ? FS_SEX_MAN : FS_SEX_UNKNOWN;
    ep.entry = date(s->entry);
    ep.has_exit = *s->exit != '\0';
    ep.exit = ep.has_exit ? date(s->exit) : 0;
    ep.reason_group = s->reason_group;
    ep.person = s->person;
    const char *v = s->value ? s->value : "";
    switch (kind) {
    case FS_DIM_EXIT_REASON: ep.reason = v; break;
    case FS_DIM_REFERRER: ep.referrer = v; break;
    case FS_DIM_INCOME_START: ep.income_start = v; break;
    case FS_DIM_INCOME_END: ep.income_end = v; break;
    case FS_DIM_TARGET_GROUP: ep.target_group = v; break;
    case FS_DIM_MUNICIPALITY: ep.municipality = v; break;
    case FS_DIM_AGE: ep.birth_year = *v ? atoi(v) : 0; break;
    case FS_DIM_COLUMN:
        extra_values[0] = v;
        ep.extra = extra_values;
        break;
    default: break;
    }
    if (kind != FS_DIM_EXIT_REASON && s->reason_group != FS_EXIT_EXCLUDED)
        ep.reason_group = FS_CAT_NONE;
    return ep;
}

/* The category of d whose key or label is name; fails the test when there is none. */
static int cat(const fs_dim *d, const char *name)
{
    if (strcmp(name, "*") == 0)
        return FS_ALL;
    for (size_t i = 0; i < fs_dim_count(d); i++) {
        const fs_cat *c = fs_dim_cat(d, (int)i);
        if ((c->key && strcmp(c->key, name) == 0) || strcmp(c->label, name) == 0)
            return (int)i;
    }
    fail_msg("no category '%s'", name);
    return FS_ALL;
}

static const fs_period h1 = {19723, 19904}; /* 2024-01-01..2024-06-30 */

/* Exit-reason groups: 0 work_studies ... 6 not_measured; -1 = unmatched or empty. */
static const dim_case dim_cases[] = {
    {"exit reasons of the ended, raw values under their group", FS_DIM_EXIT_REASON, FS_FLOW_ENDED,
     {{'W', "2024-01-10", "2024-02-01", "Arbete", NULL, 0, 0},
      {'W', "2024-01-10", "2024-03-01", "Studier", NULL, 0, 0},
      {'M', "2024-01-10", "2024-03-01", "Sjukdom", NULL, 3, 0},
      {'U', "2024-01-10", "2024-03-01", "Avliden", NULL, -1, 0},
      {'M', "2024-01-10", "2024-03-01", "", NULL, -1, 0},
      {'M', "2024-01-10", "", "", NULL, -1, 0},                  /* open: not ended */
      {'W', "2024-01-10", "2024-08-01", "Arbete", NULL, 0, 0},   /* ended after the period */
      END},
     {{"work_studies", 2, 0, 0}, {"Arbete", 1, 0, 0}, {"Studier", 1, 0, 0}, {"illness", 0, 1, 0},
      {"Avliden", 0, 0, 1}, {"missing", 0, 1, 0}, {"moved", 0, 0, 0}, {"*", 2, 2, 1}, {NULL, 0, 0, 0}}},
    {"referrer: synonyms, a joint referral once, unknown values, not recorded", FS_DIM_REFERRER,
     FS_FLOW_DURING,
     {{'W', "2024-02-01", "", "FK", NULL, 0, 0},
      {'W', "2024-02-01", "", "Försäkringskassan", NULL, 0, 0},
      {'M', "2024-02-01", "", "FK/K", NULL, 0, 0},
      {'M', "2024-02-01", "", "Kommun + FK", NULL, 0, 0},
      {'W', "2024-02-01", "", "Skolan", NULL, 0, 0},
      {'U', "2024-02-01", "", "", NULL, 0, 0},
      END},
     {{"fk", 2, 0, 0}, {"fk_kommun", 0, 2, 0}, {"kommun", 0, 0, 0}, {"Skolan", 1, 0, 0},
      {"missing", 0, 0, 1}, {"*", 3, 2, 1}, {NULL, 0, 0, 0}}},
    {"income at start: categories, an unknown value, empty is not recorded", FS_DIM_INCOME_START,
     FS_FLOW_DURING,
     {{'W', "2024-02-01", "", "A-kassa", NULL, 0, 0},
      {'M', "2024-02-01", "", "Arbetslöshetsersättning", NULL, 0, 0},
      {'W', "2024-02-01", "", "Bidrag", NULL, 0, 0},
      {'W', "2024-02-01", "", "", NULL, 0, 0},
      {'M', "2024-02-01", "", "Uppgift saknas", NULL, 0, 0},
      END},
     {{"a_kassa", 1, 1, 0}, {"Bidrag", 1, 0, 0}, {"missing", 1, 1, 0}, {"*", 3, 2, 0},
      {NULL, 0, 0, 0}}},
    {"target groups: several a cell, each once", FS_DIM_TARGET_GROUP, FS_FLOW_DURING,
     {{'W', "2024-02-01", "", "Unga|Psykisk ohälsa", NULL, 0, 0},
      {'W', "2024-02-01", "", "Unga | unga", NULL, 0, 0},
      {'M', "2024-02-01", "", "", NULL, 0, 0},
      {'M', "2024-02-01", "", "|", NULL, 0, 0},
      END},
     {{"Unga", 2, 0, 0}, {"Psykisk ohälsa", 1, 0, 0}, {"missing", 0, 2, 0}, {"*", 2, 2, 0},
      {NULL, 0, 0, 0}}},
    {"municipality: values as written, case folded", FS_DIM_MUNICIPALITY, FS_FLOW_DURING,
     {{'W', "2024-02-01", "", "Hjo", NULL, 0, 0},
      {'M', "2024-02-01", "", "HJO", NULL, 0, 0},
      {'M', "2024-02-01", "", "Tibro", NULL, 0, 0},
      END},
     {{"Hjo", 1, 1, 0}, {"Tibro", 0, 1, 0}, {"missing", 0, 0, 0}, {NULL, 0, 0, 0}}},
    {"age at the end of 2024H1 in the default bands", FS_DIM_AGE, FS_FLOW_DURING,
     {{'W', "2024-02-01", "", "2008", NULL, 0, 0},  /* 16 */
      {'W', "2024-02-01", "", "1995", NULL, 0, 0},  /* 29 */
      {'M', "2024-02-01", "", "1994", NULL, 0, 0},  /* 30 */
      {'M', "2024-02-01", "", "1959", NULL, 0, 0},  /* 65 */
      {'M', "2024-02-01", "", "2010", NULL, 0, 0},  /* 14: outside */
      {'U', "2024-02-01", "", "", NULL, 0, 0},      /* unknown */
      END},
     {{"age_16_29", 2, 0, 0}, {"age_30_39", 0, 1, 0}, {"age_65_plus", 0, 1, 0},
      {"outside", 0, 1, 0}, {"unknown", 0, 0, 1}, {NULL, 0, 0, 0}}},
    {"time in the programme of the ended, calendar months", FS_DIM_DURATION, FS_FLOW_ENDED,
     {{'W', "2024-01-31", "2024-04-30", NULL, NULL, 0, 0}, /* 3 months: 2024-04-30 */
      {'W', "2024-01-31", "2024-04-29", NULL, NULL, 0, 0}, /* under 3 */
      {'M', "2023-01-01", "2024-01-01", NULL, NULL, 0, 0}, /* 12 months */
      END},
     {{"under_3m", 1, 0, 0}, {"3_6m", 1, 0, 0}, {"over_12m", 0, 1, 0}, {NULL, 0, 0, 0}}},
    {"year of entry of those ongoing at start", FS_DIM_ENTRY_YEAR, FS_FLOW_ONGOING_AT_START,
     {{'W', "2019-05-01", "", NULL, NULL, 0, 0},
      {'W', "2021-05-01", "2024-03-01", NULL, NULL, 0, 0},
      {'M', "2021-12-31", "", NULL, NULL, 0, 0},
      {'M', "2024-01-01", "", NULL, NULL, 0, 0}, /* new, not ongoing at start */
      END},
     {{"2019", 1, 0, 0}, {"2021", 1, 1, 0}, {"*", 2, 1, 0}, {NULL, 0, 0, 0}}},
    {"month of exit", FS_DIM_EXIT_MONTH, FS_FLOW_ENDED,
     {{'W', "2023-05-01", "2024-01-31", NULL, NULL, 0, 0},
      {'M', "2023-05-01", "2024-06-30", NULL, NULL, 0, 0},
      {'M', "2023-05-01", "2024-06-01", NULL, NULL, 0, 0},
      END},
     {{"m2024-01", 1, 0, 0}, {"m2024-02", 0, 0, 0}, {"m2024-06", 0, 2, 0}, {NULL, 0, 0, 0}}},
    {"insats, empty named", FS_DIM_INSATS, FS_FLOW_DURING,
     {{'W', "2024-02-01", "", NULL, "Steget", 0, 0},
      {'M', "2024-02-01", "", NULL, "steget", 0, 0},
      {'M', "2024-02-01", "", NULL, "", 0, 0},
      END},
     {{"Steget", 1, 1, 0}, {"(ingen insats)", 0, 1, 0}, {NULL, 0, 0, 0}}},
    {"a named column: several values, each once", FS_DIM_COLUMN, FS_FLOW_DURING,
     {{'W', "2024-02-01", "", "Studier|Arbetsträning", NULL, 0, 0},
      {'W', "2024-02-01", "", "Studier", NULL, 0, 0},
      {'M', "2024-02-01", "", "", NULL, 0, 0},
      END},
     {{"Studier", 2, 0, 0}, {"Arbetsträning", 1, 0, 0}, {"missing", 0, 1, 0}, {"*", 2, 1, 0},
      {NULL, 0, 0, 0}}},
    {"flow classes of 2024H1", FS_DIM_FLOW, FS_FLOW_DURING,
     {{'W', "2023-05-01", "", NULL, NULL, 0, 0},
      {'W', "2023-05-01", "2024-02-01", NULL, NULL, 0, 0},
      {'M', "2024-02-01", "2024-03-01", NULL, NULL, 0, 0},
      {'M', "2024-07-01", "", NULL, NULL, 0, 0}, /* after the period */
      END},
     {{"during", 2, 1, 0}, {"ongoing_at_start", 2, 0, 0}, {"new", 0, 1, 0}, {"ended", 1, 1, 0},
      {"ongoing_at_end", 1, 0, 0}, {NULL, 0, 0, 0}}},
};

static void check_want(const fs_tally *t, const want *w, const char *name)
{
    for (; w->cat; w++) {
        unsigned long n[FS_SEX_N];
        fs_tally_cell(t, cat(fs_tally_row_dim(t), w->cat), FS_ALL, n);
        if (n[0] != w->w || n[1] != w->m || n[2] != w->u)
            fail_msg("%s: %s: %lu/%lu/%lu, expected %lu/%lu/%lu", name, w->cat, n[0], n[1], n[2],
                     w->w, w->m, w->u);
    }
}

static fs_engine *engine(fs_unit unit, int by_insats)
{
    fs_engine_options o;
    memset(&o, 0, sizeof o);
    o.has_period = 1;
    o.period = h1;
    o.unit = unit;
    o.by_insats = by_insats;
    o.lang = "sv";
    o.exit_detail = 1;
    fs_msg msg = {""};
    fs_engine *e = fs_engine_new(&o, &msg);
    assert_non_null(e);
    return e;
}

static void test_dimensions(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof dim_cases / sizeof dim_cases[0]; i++) {
        const dim_case *dc = &dim_cases[i];
        fs_engine *e = engine(FS_UNIT_EPISODES, 0);
        fs_tally_spec s;
        memset(&s, 0, sizeof s);
        s.pop = dc->pop;
        s.row.kind = dc->kind;
        s.row.column = "Gått vidare till";
        s.col.kind = FS_DIM_NONE;
        fs_msg msg = {""};
        int t = fs_engine_tally(e, &s, &msg);
        assert_true(t >= 0);
        for (unsigned long k = 0; dc->eps[k].sex; k++) {
            fs_episode ep = make(&dc->eps[k], dc->kind, k + 2);
            assert_int_equal(fs_engine_add(&ep, e), 0);
        }
        assert_int_equal(fs_engine_finish(e), FS_OK);
        check_want(fs_engine_get(e, fs_engine_slices(e) - 1, t), dc->want, dc->name);
        fs_engine_free(e);
    }
}

/* An engine of H1 by insats (only those of insats[0..n_insats) when n_insats) with one
 * tally of the episodes during the period by row; its number in *t. */
static fs_engine *insats_engine(const char *const *insats, size_t n_insats, fs_dim_kind row,
                                int *t)
{
    fs_engine_options o;
    memset(&o, 0, sizeof o);
    o.has_period = 1;
    o.period = h1;
    o.by_insats = 1;
    o.lang = "sv";
    o.insats = insats;
    o.n_insats = n_insats;
    fs_msg msg = {""};
    fs_engine *e = fs_engine_new(&o, &msg);
    assert_non_null(e);
    fs_tally_spec s;
    memset(&s, 0, sizeof s);
    s.pop = FS_FLOW_DURING;
    s.row.kind = row;
    s.col.kind = FS_DIM_NONE;
    *t = fs_engine_tally(e, &s, &msg);
    assert_true(*t >= 0);
    return e;
}

/* Value numbers (valnum.h): one reader's numbers pick the slice of an insats and the
 * memo of a text dimension; another reader's same numbers are other values; an episode
 * without numbers, or a value without one, goes by the text. */
static void test_numbers(void **state)
{
    (void)state;
    int t;
    fs_engine *e = insats_engine(NULL, 0, FS_DIM_MUNICIPALITY, &t);
    static const ep_spec eps[] = {
        {'W', "2024-02-01", "", NULL, "A", 0, 0},
        {'M', "2024-02-01", "", NULL, "B", 0, 0},
        {'M', "2024-02-01", "", NULL, "A", 0, 0},
        {'W', "2024-02-01", "", NULL, "B", 0, 0},
        {'M', "2024-02-01", "", NULL, "B", 0, 0},
    };
    /* readers 1 and 2 both number their first insats and municipality 0; the last
     * episode's values are past reader 1's numbers (FS_VALNUM_NONE) */
    static const char *const kommun[] = {"Hjo", "Tibro", "Hjo", "Tibro", "Tibro"};
    static const uint32_t no[] = {0, 0, 0, 0, FS_VALNUM_NONE};
    int reader1, reader2;
    const void *numbering[] = {&reader1, &reader2, &reader1, NULL, &reader1};
    for (size_t k = 0; k < sizeof eps / sizeof eps[0]; k++) {
        fs_episode ep = make(&eps[k], FS_DIM_FLOW, k + 2);
        ep.municipality = kommun[k];
        ep.numbering = numbering[k];
        for (int f = 0; f < FS_FIELD_COUNT; f++)
            ep.no[f] = no[k];
        assert_int_equal(fs_engine_add(&ep, e), 0);
    }
    assert_int_equal(fs_engine_finish(e), FS_OK);
    assert_int_equal(fs_engine_slices(e), 3); /* A, B, the whole */
    assert_string_equal(fs_engine_slice_name(e, 0), "A");
    assert_string_equal(fs_engine_slice_name(e, 1), "B");
    unsigned long n[FS_SEX_N];
    for (size_t sl = 0; sl < 2; sl++) {
        fs_tally_cell(fs_engine_get(e, sl, t), FS_ALL, FS_ALL, n);
        assert_int_equal(n[0] + n[1] + n[2], sl == 0 ? 2 : 3);
    }
    const fs_tally *whole = fs_engine_get(e, 2, t);
    const fs_dim *d = fs_tally_row_dim(whole);
    int hjo = -1, tibro = -1;
    for (int c = 0; c < (int)fs_dim_count(d); c++) {
        if (strcmp(fs_dim_cat(d, c)->label, "Hjo") == 0)
            hjo = c;
        if (strcmp(fs_dim_cat(d, c)->label, "Tibro") == 0)
            tibro = c;
    }
    assert_true(hjo >= 0 && tibro >= 0);
    fs_tally_cell(whole, hjo, FS_ALL, n);
    assert_int_equal(n[FS_SEX_WOMAN] + n[FS_SEX_MAN], 2);
    fs_tally_cell(whole, tibro, FS_ALL, n);
    assert_int_equal(n[FS_SEX_WOMAN] + n[FS_SEX_MAN], 3);
    fs_engine_free(e);
}

/* Felregistrering counts in no cell, only per population; an insats filter and slices. */
static void test_slices_and_felreg(void **state)
{
    (void)state;
    static const char *const only[] = {"A", "b"};
    int t;
    fs_engine *e = insats_engine(only, 2, FS_DIM_FLOW, &t);
    static const ep_spec eps[] = {
        {'W', "2024-02-01", "", NULL, "A", 0, 0},
        {'M', "2024-02-01", "2024-03-01", NULL, "B", 0, 0},
        {'M', "2024-02-01", "2024-03-01", NULL, "B", FS_EXIT_EXCLUDED, 0}, /* Felregistrering */
        {'W', "2024-02-01", "", NULL, "C", 0, 0},                          /* filtered out */
    };
    for (size_t k = 0; k < sizeof eps / sizeof eps[0]; k++) {
        fs_episode ep = make(&eps[k], FS_DIM_FLOW, k + 2);
        assert_int_equal(fs_engine_add(&ep, e), 0);
    }
    assert_int_equal(fs_engine_finish(e), FS_OK);
    assert_int_equal(fs_engine_slices(e), 3); /* A, B, the whole */
    assert_string_equal(fs_engine_slice_name(e, 0), "A");
    assert_string_equal(fs_engine_slice_name(e, 1), "B");
    assert_null(fs_engine_slice_name(e, 2));
    unsigned long n[FS_SEX_N];
    fs_tally_cell(fs_engine_get(e, 2, t), FS_ALL, FS_ALL, n);
    assert_int_equal(n[0] + n[1] + n[2], 2);
    fs_tally_cell(fs_engine_get(e, 1, t), FS_FLOW_ENDED, FS_ALL, n);
    assert_int_equal(n[FS_SEX_MAN], 1);
    assert_int_equal(fs_engine_felreg(e, 1, FS_FLOW_ENDED), 1);
    assert_int_equal(fs_engine_felreg(e, 2, FS_FLOW_DURING), 1);
    assert_int_equal(fs_engine_felreg(e, 0, FS_FLOW_DURING), 0);
    fs_engine_free(e);
}

/* Income at start by income at end, values matching nothing collapsed into "other". */
static void test_cross(void **state)
{
    (void)state;
    fs_engine *e = engine(FS_UNIT_EPISODES, 0);
    fs_tally_spec s;
    memset(&s, 0, sizeof s);
    s.pop = FS_FLOW_ENDED;
    s.row.kind = FS_DIM_INCOME_START;
    s.row.collapse = 1;
    s.col.kind = FS_DIM_INCOME_END;
    s.col.collapse = 1;
    s.col_totals = 1;
    fs_msg msg = {""};
    int t = fs_engine_tally(e, &s, &msg);
    static const struct {
        char sex;
        const char *start, *end;
    } rows[] = {{'W', "Sjukpenning", "Lön"}, {'M', "Sjukpenning", "Lön"},
                {'W', "Sjukpenning", "A-kassa"}, {'W', "Bidrag", "Lön"}, {'M', "", "Okänt"}};
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
        ep_spec sp = {rows[k].sex, "2024-01-10", "2024-05-01", NULL, NULL, 0, 0};
        fs_episode ep = make(&sp, FS_DIM_NONE, k + 2);
        ep.income_start = rows[k].start;
        ep.income_end = rows[k].end;
        assert_int_equal(fs_engine_add(&ep, e), 0);
    }
    assert_int_equal(fs_engine_finish(e), FS_OK);
    const fs_tally *ty = fs_engine_get(e, 0, t);
    const fs_dim *r = fs_tally_row_dim(ty), *c = fs_tally_col_dim(ty);
    unsigned long n[FS_SEX_N];
    fs_tally_cell(ty, cat(r, "sjukpenning"), cat(c, "lon"), n);
    assert_int_equal(n[0], 1);
    assert_int_equal(n[1], 1);
    fs_tally_cell(ty, cat(r, "other"), cat(c, "lon"), n);
    assert_int_equal(n[0], 1);
    fs_tally_cell(ty, cat(r, "missing"), cat(c, "missing"), n); /* "Okänt" = not recorded */
    assert_int_equal(n[1], 1);
    fs_tally_cell(ty, FS_ALL, cat(c, "lon"), n);
    assert_int_equal(n[0] + n[1], 3);
    fs_tally_cell(ty, cat(r, "sjukpenning"), FS_ALL, n);
    assert_int_equal(n[0] + n[1], 3);
    /* the order: groups, then "other", then "not recorded" */
    int order[64];
    size_t m = fs_dim_order(r, order);
    assert_string_equal(fs_dim_cat(r, order[m - 1])->key, "missing");
    assert_string_equal(fs_dim_cat(r, order[m - 2])->key, "other");
    fs_engine_free(e);
}

/* Persons: one person in two insatser counts once in the whole and once in each insats;
 * a person in two categories counts in each, and is counted as such; a person's sex is
 * the first one recorded. */
static void test_persons(void **state)
{
    (void)state;
    fs_engine *e = engine(FS_UNIT_PERSONS, 1);
    fs_tally_spec s;
    memset(&s, 0, sizeof s);
    s.pop = FS_FLOW_DURING;
    s.row.kind = FS_DIM_REFERRER;
    s.col.kind = FS_DIM_NONE;
    fs_msg msg = {""};
    int t = fs_engine_tally(e, &s, &msg);
    static const ep_spec eps[] = {
        {'W', "2024-02-01", "", "FK", "A", 0, 11},
        {'W', "2024-03-01", "", "FK", "B", 0, 11},     /* the same person in B */
        {'U', "2024-04-01", "", "Kommun", "B", 0, 11}, /* and again, another referrer */
        {'M', "2024-02-01", "", "FK", "A", 0, 22},
        {'M', "2024-02-01", "", "FK", "A", 0, 0},      /* no identity: a person of its own */
        {'M', "2024-02-01", "", "FK", "A", 0, 0},
    };
    for (size_t k = 0; k < sizeof eps / sizeof eps[0]; k++) {
        fs_episode ep = make(&eps[k], FS_DIM_REFERRER, k + 2);
        assert_int_equal(fs_engine_add(&ep, e), 0);
    }
    assert_int_equal(fs_engine_finish(e), FS_OK);
    unsigned long n[FS_SEX_N];
    const fs_tally *whole = fs_engine_get(e, 2, t), *a = fs_engine_get(e, 0, t),
                   *b = fs_engine_get(e, 1, t);
    const fs_dim *d = fs_tally_row_dim(whole);
    fs_tally_cell(whole, FS_ALL, FS_ALL, n); /* persons 11, 22 and two without identity */
    assert_int_equal(n[FS_SEX_WOMAN], 1);
    assert_int_equal(n[FS_SEX_MAN], 3);
    assert_int_equal(n[FS_SEX_UNKNOWN], 0); /* person 11 is a woman, first recorded */
    fs_tally_cell(whole, cat(d, "fk"), FS_ALL, n);
    assert_int_equal(n[0] + n[1] + n[2], 4);
    fs_tally_cell(whole, cat(d, "kommun"), FS_ALL, n);
    assert_int_equal(n[FS_SEX_WOMAN], 1);
    assert_int_equal(fs_tally_multi(whole), 1); /* person 11: FK and Kommun */
    fs_tally_episodes(whole, n);
    assert_int_equal(n[0] + n[1] + n[2], 6);
    fs_tally_cell(a, FS_ALL, FS_ALL, n);
    assert_int_equal(n[0] + n[1] + n[2], 4);
    fs_tally_cell(b, FS_ALL, FS_ALL, n);
    assert_int_equal(n[0] + n[1] + n[2], 1);
    assert_int_equal(fs_engine_unidentified(e, 2), 2);
    assert_int_equal(fs_engine_persons(e), 4);
    fs_engine_free(e);
}

/* The registry and the person set on their own: dense indexes, first known sex, conflicts. */
static void test_registry(void **state)
{
    (void)state;
    fs_persons *p = fs_persons_new();
    assert_int_equal(fs_persons_add(p, 7, FS_SEX_UNKNOWN), 0);
    assert_int_equal(fs_persons_add(p, 9, FS_SEX_MAN), 1);
    assert_int_equal(fs_persons_add(p, 7, FS_SEX_WOMAN), 0);
    assert_int_equal(fs_persons_add(p, 7, FS_SEX_MAN), 0);
    assert_int_equal(fs_persons_sex(p, 0), FS_SEX_WOMAN);
    assert_int_equal(fs_persons_conflicts(p), 1);
    for (uint64_t h = 100; h < 5100; h++) /* growth keeps every index */
        assert_int_equal(fs_persons_add(p, h, FS_SEX_MAN), (long)(h - 98));
    assert_int_equal(fs_persons_add(p, 9, FS_SEX_MAN), 1);
    assert_int_equal(fs_persons_count(p), 5002);
    fs_persons_free(p);

    /* a person set against a byte per person: small, then a bitmap that grows; persons
     * in the order the rows bring them, some coming back */
    enum { N = 200000 };
    unsigned char *in = calloc(N, 1);
    assert_non_null(in);
    fs_personset s = {0};
    assert_int_equal(fs_personset_add(&s, 0), 1);
    assert_int_equal(fs_personset_add(&s, 0), 0);
    assert_non_null(s.slots); /* small */
    in[0] = 1;
    size_t want = 1;
    unsigned long long x = 88172645463325252ull;
    for (size_t next = 1; next < N; next++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        size_t person = x % 4 ? next : (size_t)(x >> 8) % next; /* one in four comes back */
        int added = fs_personset_add(&s, person);
        assert_int_equal(added, !in[person]);
        want += !in[person];
        in[person] = 1;
    }
    assert_null(s.slots); /* three in four of the persons: a bitmap */
    assert_int_equal(s.used, want);
    size_t listed = 0;
    for (size_t pos = 0, person; fs_personset_next(&s, &pos, &person);) {
        assert_true(person < N && in[person] == 1);
        in[person] = 2; /* each member once */
        listed++;
    }
    assert_int_equal(listed, want);
    fs_personset_free(&s);
    /* a sparse set stays small: 1,000 members among 10 million persons */
    for (size_t i = 0; i < 1000; i++)
        assert_int_equal(fs_personset_add(&s, i * 10000), 1);
    assert_non_null(s.slots);
    assert_int_equal(s.used, 1000);
    listed = 0;
    for (size_t pos = 0, person; fs_personset_next(&s, &pos, &person);)
        listed += person % 10000 == 0;
    assert_int_equal(listed, 1000);
    fs_personset_free(&s);
    free(in);

    /* the keyed hash: the same identity, the same hash within a run; kinds differ */
    fs_person_secret k;
    assert_int_equal(fs_person_secret_init(&k), FS_OK);
    assert_true(fs_person_hash(&k, 'p', "198503122429") == fs_person_hash(&k, 'p', "198503122429"));
    assert_true(fs_person_hash(&k, 'p', "198503122429") != fs_person_hash(&k, 'i', "198503122429"));
    assert_true(fs_person_hash(&k, 'i', "X7") != 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dimensions), cmocka_unit_test(test_slices_and_felreg),
        cmocka_unit_test(test_cross),      cmocka_unit_test(test_persons),
        cmocka_unit_test(test_registry),    cmocka_unit_test(test_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
