/* breakdowns.c: the registry of breakdowns (breakdowns.h) and the layouts that turn the
 * engine's counts into tables. */
#include "finsam/breakdowns.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/i18n.h"
#include "finsam/sextable.h"
#include "finsam/strmap.h"
#include "finsam/text.h"
#include "finsam/vocab.h"

#define N_(s) s /* a text translated where it is used, with fs_tr() */

/* ---- populations ---- */

static const struct {
    const char *cli;    /* --of NAME */
    const char *title;  /* in a title: "Referrer, ended participants" */
    const char *base;   /* in a note: "percentages of the ended participants" */
    const char *count;  /* "Ended participants: 92 (women ...)" */
    const char *none;   /* a table with nobody */
    const char *sheet;  /* a sheet name's suffix, short */
} pops[FS_FLOW_N] = {
    [FS_FLOW_DURING] = {"during", N_("participants during the period"),
                        N_("the participants during the period"), N_("Participants during the period"),
                        N_("No participants during the period."), N_("during")},
    [FS_FLOW_ONGOING_AT_START] = {"ongoing-start", N_("ongoing at the start of the period"),
                                  N_("those ongoing at the start of the period"),
                                  N_("Ongoing at the start of the period"),
                                  N_("No participants ongoing at the start of the period."), N_("start")},
    [FS_FLOW_NEW] = {"new", N_("new participants"), N_("the new participants"), N_("New participants"),
                     N_("No new participants in the period."), N_("new")},
    [FS_FLOW_ENDED] = {"ended", N_("ended participants"), N_("the ended participants"),
                       N_("Ended participants"), N_("No ended participants in the period."), N_("ended")},
    [FS_FLOW_ONGOING_AT_END] = {"ongoing-end", N_("ongoing at the end of the period"),
                                N_("those ongoing at the end of the period"),
                                N_("Ongoing at the end of the period"),
                                N_("No participants ongoing at the end of the period."), N_("end")},
};

int fs_population_parse(const char *s)
{
    for (int r = 0; r < FS_FLOW_N; r++)
        if (strcmp(s, pops[r].cli) == 0)
            return r;
    return -1;
}

/* ---- the registry ---- */

typedef enum layout {
    L_FLOW,     /* the flow classes as rows, shares of the row */
    L_CATEGORY, /* categories as rows, women/men/unknown/total with column shares */
    L_EXITS,    /* L_CATEGORY with the exit-reason notes (key shares, women versus men) */
    L_CROSS,    /* rows by columns, each row with a detail row per sex */
    L_MONTHS,   /* months as rows with referrer detail; intakes and exits by sex */
    L_POPS,     /* one row per value; columns during, new, ended, ongoing at end by sex */
    L_DAYS      /* quartiles of days in the programme by sex */
} layout;

typedef struct tctx tctx;
typedef fs_error (*note_fn)(const tctx *c, fs_table *t);

/* flags */
#define IN_ALL 1u    /* part of --all */
#define WHOLE 2u     /* only for the whole selection, not per insats */
#define MULTI 4u     /* several categories per episode: shares do not sum to 100 */
#define CHOOSE_POP 8u /* --of applies */

typedef struct fs_breakdown {
    const char *name;  /* --breakdown NAME; JSON "breakdown" */
    const char *key;   /* table key */
    layout layout;
    fs_dim_kind row, col;
    int collapse;      /* values matching nothing in one "other" row/column */
    fs_flow_row pop;   /* the population counted (the default with CHOOSE_POP) */
    unsigned flags;
    const char *title; /* msgid */
    const char *sheet, *sheet_short; /* msgids: alone, and after an insats name */
    const char *chart; /* msgid of the chart's title, or NULL */
    int horizontal;
    note_fn notes;     /* notes of its own, before the notes on shares */
} fs_breakdown;

static fs_error note_referrer(const tctx *c, fs_table *t);
static fs_error note_income(const tctx *c, fs_table *t);
static fs_error note_age(const tctx *c, fs_table *t);
static fs_error note_bands(const tctx *c, fs_table *t);

static const fs_breakdown registry[] = {
    {"flow", "flow", L_FLOW, FS_DIM_FLOW, FS_DIM_NONE, 0, FS_FLOW_DURING, 0, N_("Participant flow"),
     N_("Participant flow"), N_("Flow"), N_("Participant flow by sex"), 0, NULL},
    {"exit-reason", "exits", L_EXITS, FS_DIM_EXIT_REASON, FS_DIM_NONE, 0, FS_FLOW_ENDED,
     IN_ALL | CHOOSE_POP, N_("Exit reasons"), N_("Exit reasons"), N_("Exit reason"), N_("Exit reasons by sex"), 1,
     NULL},
    {"referrer", "referrer", L_CATEGORY, FS_DIM_REFERRER, FS_DIM_NONE, 0, FS_FLOW_DURING,
     IN_ALL | CHOOSE_POP, N_("Referrer"), N_("Referrer"), N_("Referrer"), N_("Referrer by sex"), 1, note_referrer},
    {"income", "income_start", L_CATEGORY, FS_DIM_INCOME_START, FS_DIM_NONE, 0, FS_FLOW_DURING,
     IN_ALL | CHOOSE_POP, N_("Income support at entry"), N_("Income support"), N_("Income"),
     N_("Income support at entry by sex"), 1, note_income},
    {"income-end", "income_end", L_CATEGORY, FS_DIM_INCOME_END, FS_DIM_NONE, 0, FS_FLOW_ENDED,
     CHOOSE_POP, N_("Income support at exit"), N_("Income support at exit"), N_("Income end"),
     N_("Income support at exit by sex"), 1, note_income},
    {"income", "income_cross", L_CROSS, FS_DIM_INCOME_START, FS_DIM_INCOME_END, 1, FS_FLOW_ENDED,
     IN_ALL, N_("Income support at exit by income support at entry"), N_("Income before-after"),
     N_("Income exit"), NULL, 0, NULL},
    {"target-group", "target_group", L_CATEGORY, FS_DIM_TARGET_GROUP, FS_DIM_NONE, 0,
     FS_FLOW_DURING, IN_ALL | CHOOSE_POP | MULTI, N_("Target group"), N_("Target group"), N_("Target group"),
     NULL, 0, NULL},
    {"municipality", "municipality", L_CATEGORY, FS_DIM_MUNICIPALITY, FS_DIM_NONE, 0,
     FS_FLOW_DURING, IN_ALL | CHOOSE_POP, N_("Municipality"), N_("Municipality"), N_("Municipality"), NULL, 0,
     NULL},
    {"age", "age", L_CATEGORY, FS_DIM_AGE, FS_DIM_NONE, 0, FS_FLOW_DURING, IN_ALL | CHOOSE_POP,
     N_("Age at the end of the period"), N_("Age"), N_("Age"), NULL, 0, note_age},
    {"entry-year", "entry_year", L_CATEGORY, FS_DIM_ENTRY_YEAR, FS_DIM_NONE, 0, FS_FLOW_DURING,
     IN_ALL | CHOOSE_POP, N_("Year of entry"), N_("Year of entry"), N_("Entry year"), NULL, 0, NULL},
    {"month", "month", L_MONTHS, FS_DIM_ENTRY_MONTH, FS_DIM_REFERRER, 1, FS_FLOW_NEW, IN_ALL,
     N_("Intakes and exits by month"), N_("Month"), N_("Month"), NULL, 0, NULL},
    {"exit-month", "exit_month", L_CATEGORY, FS_DIM_EXIT_MONTH, FS_DIM_NONE, 0, FS_FLOW_ENDED,
     IN_ALL, N_("Month of exit"), N_("Month of exit"), N_("Exit month"), NULL, 0, NULL},
    {"duration", "duration", L_DAYS, FS_DIM_DURATION, FS_DIM_NONE, 0, FS_FLOW_ENDED, IN_ALL,
     N_("Time in the programme (days)"), N_("Time in programme, days"), N_("Time in days"), NULL, 0, NULL},
    {"duration", "duration_bands", L_CATEGORY, FS_DIM_DURATION, FS_DIM_NONE, 0, FS_FLOW_ENDED,
     IN_ALL, N_("Time in the programme"), N_("Time in programme, bands"), N_("Time bands"), NULL, 0,
     note_bands},
    {"flow-by-insats", "flow_by_insats", L_POPS, FS_DIM_INSATS, FS_DIM_NONE, 0, FS_FLOW_DURING,
     IN_ALL | WHOLE, N_("Participant flow by insats"), N_("Participant flow by insats"),
     N_("Flow by insats"), NULL, 0,
     NULL},
    {"column:", "column", L_CATEGORY, FS_DIM_COLUMN, FS_DIM_NONE, 0, FS_FLOW_DURING,
     CHOOSE_POP | MULTI, NULL, NULL, NULL, NULL, 1, NULL},
};
#define N_REGISTRY (sizeof registry / sizeof registry[0])

const char *fs_plan_names(void)
{
    return "flow, exit-reason, referrer, income, income-end, target-group, municipality, age, "
           "entry-year, month, exit-month, duration, flow-by-insats, column:HEADER, all";
}

/* ---- the plan ---- */

typedef struct request {
    const fs_breakdown *b;
    fs_flow_row pop;
    char *column;  /* column:HEADER */
    int tally[4];  /* engine tallies: L_MONTHS two, L_POPS four */
} request;

struct fs_plan {
    request *req;
    size_t n, cap;
};

fs_plan *fs_plan_new(void)
{
    return calloc(1, sizeof(fs_plan));
}

void fs_plan_free(fs_plan *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        free(p->req[i].column);
    free(p->req);
    free(p);
}

static fs_error add_request(fs_plan *p, const fs_breakdown *b, fs_flow_row pop, const char *column)
{
    for (size_t i = 0; i < p->n; i++)
        if (p->req[i].b == b && p->req[i].pop == pop &&
            (!column || strcmp(p->req[i].column, column) == 0))
            return FS_OK;
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 16;
        request *r = realloc(p->req, cap * sizeof *r);
        if (!r)
            return FS_ERR_MEMORY;
        p->req = r;
        p->cap = cap;
    }
    request *r = &p->req[p->n];
    memset(r, 0, sizeof *r);
    r->b = b;
    r->pop = pop;
    if (column && !(r->column = fs_strdup(column)))
        return FS_ERR_MEMORY;
    p->n++;
    return FS_OK;
}

static fs_error add_breakdown(fs_plan *p, const fs_breakdown *b, unsigned want, const char *column)
{
    if (!(b->flags & CHOOSE_POP) || !want)
        return add_request(p, b, b->pop, column);
    for (int r = 0; r < FS_FLOW_N; r++)
        if (want & FS_FLOW_BIT(r)) {
            fs_error e = add_request(p, b, (fs_flow_row)r, column);
            if (e)
                return e;
        }
    return FS_OK;
}

fs_error fs_plan_add(fs_plan *p, const char *name, unsigned want, fs_msg *err)
{
    int found = 0;
    fs_error e = FS_OK;
    if (strncmp(name, "column:", 7) == 0) {
        const char *h = name + 7;
        while (*h == ' ')
            h++;
        if (!*h) {
            fs_msg_set(err, "column: needs a column header, e.g. "
                            "'column:Gått vidare till'");
            return FS_ERR_USAGE;
        }
        e = add_breakdown(p, &registry[N_REGISTRY - 1], want, h);
        if (e)
            fs_msg_set(err, "out of memory");
        return e;
    }
    for (size_t i = 0; i < N_REGISTRY && !e; i++) {
        const fs_breakdown *b = &registry[i];
        if (strcmp(name, "all") == 0 ? (b->flags & IN_ALL) : strcmp(name, b->name) == 0) {
            found = 1;
            e = add_breakdown(p, b, want, NULL);
        }
    }
    if (e) {
        fs_msg_set(err, "out of memory");
        return e;
    }
    if (!found) {
        char safe[FS_SAFE_TEXT_MAX * 4 + 8];
        fs_safe_text(name, safe, sizeof safe);
        fs_msg_set(err, "unknown breakdown '%s' (expected: %s)", safe, fs_plan_names());
        return FS_ERR_USAGE;
    }
    return FS_OK;
}

static fs_tally_spec spec_of(fs_flow_row pop, fs_dim_kind row, fs_dim_kind col, int collapse,
                             const char *column)
{
    fs_tally_spec s;
    memset(&s, 0, sizeof s);
    s.pop = pop;
    s.row.kind = row;
    s.row.column = column;
    s.row.collapse = collapse;
    s.col.kind = col;
    s.col.collapse = collapse;
    return s;
}

fs_error fs_plan_register(fs_plan *p, fs_engine *e, fs_msg *err)
{
    for (size_t i = 0; i < p->n; i++) {
        request *r = &p->req[i];
        const fs_breakdown *b = r->b;
        fs_tally_spec s = spec_of(r->pop, b->row, b->col, b->collapse, r->column);
        int n = 1;
        if (b->row == FS_DIM_DURATION)
            s.days = 1; /* the quartiles' tally: the bands' table reads the same one */
        if (b->layout == L_CROSS)
            s.col_totals = 1;
        r->tally[0] = fs_engine_tally(e, &s, err);
        if (b->layout == L_EXITS) {
            /* the key shares, a person counted once in each however many episodes */
            fs_tally_spec x = spec_of(r->pop, FS_DIM_KEY_SHARE, FS_DIM_NONE, 0, NULL);
            r->tally[n++] = fs_engine_tally(e, &x, err);
        } else if (b->layout == L_MONTHS) {
            fs_tally_spec x = spec_of(FS_FLOW_ENDED, FS_DIM_EXIT_MONTH, b->col, 1, NULL);
            r->tally[n++] = fs_engine_tally(e, &x, err);
        } else if (b->layout == L_POPS) {
            static const fs_flow_row more[] = {FS_FLOW_NEW, FS_FLOW_ENDED, FS_FLOW_ONGOING_AT_END};
            for (int k = 0; k < 3; k++) {
                fs_tally_spec x = spec_of(more[k], b->row, FS_DIM_NONE, 0, NULL);
                r->tally[n++] = fs_engine_tally(e, &x, err);
            }
        }
        for (int k = 0; k < n; k++)
            if (r->tally[k] < 0)
                return FS_ERR_DATA;
    }
    return FS_OK;
}

/* ---- building tables ---- */

struct tctx {
    const fs_table_options *o;
    const fs_engine *e;
    const request *r;
    size_t slice;
    const char *insats; /* the slice's insats, or NULL */
    int one_per_slice;  /* the plan makes one table per slice: sheets are named by insats */
    const char *lang;
};

typedef struct count_text {
    char s[24];
} count_text;

static count_text ct(const tctx *c, unsigned long n)
{
    count_text t;
    fs_count_text(n, c->o->suppress, t.s, sizeof t.s);
    return t;
}

static unsigned long sum3(const unsigned long n[FS_SEX_N])
{
    return n[0] + n[1] + n[2];
}

static const fs_tally *tally(const tctx *c, int k)
{
    return fs_engine_get(c->e, c->slice, c->r->tally[k]);
}

static int persons(const tctx *c)
{
    return fs_engine_opts(c->e)->unit == FS_UNIT_PERSONS;
}

/* xlsx sheet names. The writer keeps at most SHEET_CHARS characters of a name (the rest of
 * Excel's 31 is room for " (2)" when two sheets would have the same name). With --by insats
 * a sheet is "insats, short name": the insats cut to SHEET_INSATS_CHARS characters (ending in
 * "…" when cut), the same on every sheet of the insats. */
#define SHEET_CHARS 26
#define SHEET_INSATS_CHARS 12

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Bytes of the first max characters of UTF-8 s, without trailing spaces. */
static size_t utf8_prefix(const char *s, size_t max)
{
    size_t i = 0, chars = 0;
    for (; s[i]; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > max)
            break;
    while (i > 0 && s[i - 1] == ' ')
        i--;
    return i;
}

static fs_error set_sheet(const tctx *c, fs_table *t)
{
    const fs_breakdown *b = c->r->b;
    const char *column = c->r->column;
    const char *full = column ? column : fs_tr(c->lang, b->sheet);
    const char *shrt = column ? column : fs_tr(c->lang, b->sheet_short);
    const char *pop = (b->flags & CHOOSE_POP) && c->r->pop != b->pop
                          ? fs_tr(c->lang, pops[c->r->pop].sheet)
                          : NULL;
    char *name;
    if (c->one_per_slice && c->insats) {
        name = fs_strdup(c->insats);
    } else if (!c->insats) {
        name = pop ? fs_asprintf("%s (%s)", full, pop) : fs_strdup(full);
    } else {
        /* the short name in what is left of SHEET_CHARS, cut if a column header is long */
        size_t room = SHEET_CHARS - 2 - SHEET_INSATS_CHARS - (pop ? utf8_chars(pop) + 3 : 0);
        size_t slen = utf8_prefix(shrt, room);
        int cut = utf8_chars(c->insats) > SHEET_INSATS_CHARS;
        size_t len = utf8_prefix(c->insats, cut ? SHEET_INSATS_CHARS - 1 : SHEET_INSATS_CHARS);
        name = pop ? fs_asprintf("%.*s%s, %.*s (%s)", (int)len, c->insats, cut ? "…" : "",
                                 (int)slen, shrt, pop)
                   : fs_asprintf("%.*s%s, %.*s", (int)len, c->insats, cut ? "…" : "", (int)slen,
                                 shrt);
    }
    fs_error e = name ? fs_table_set_sheet(t, name) : FS_ERR_MEMORY;
    free(name);
    return e;
}

/* "Title, population, insats, 2024-01-01–2024-06-30", key "key[_population][_insats]". */
static fs_table *new_table(const tctx *c, int with_pop)
{
    const fs_breakdown *b = c->r->b;
    const fs_engine_options *eo = fs_engine_opts(c->e);
    char period[40] = "";
    if (eo->has_period) {
        char a[11], z[11];
        fs_date_format(eo->period.from, a);
        fs_date_format(eo->period.to, z);
        snprintf(period, sizeof period, "%s\xE2\x80\x93%s", a, z);
    }
    char *slug_col = c->r->column ? fs_slug(c->r->column) : NULL;
    char *slug_ins = c->insats ? fs_slug(c->insats) : NULL;
    int other_pop = (b->flags & CHOOSE_POP) && c->r->pop != b->pop;
    fs_buf key = {0}, title = {0};
    fs_buf_puts(&key, b->key);
    if (slug_col)
        fs_buf_printf(&key, "_%s", slug_col);
    if (other_pop)
        fs_buf_printf(&key, "_%s", fs_flow_key(c->r->pop));
    if (slug_ins)
        fs_buf_printf(&key, "_%s", slug_ins);
    fs_buf_puts(&title, c->r->column ? c->r->column : fs_tr(c->lang, b->title));
    if (with_pop)
        fs_buf_printf(&title, ", %s", fs_tr(c->lang, pops[c->r->pop].title));
    if (c->insats)
        fs_buf_printf(&title, ", %s", c->insats);
    if (*period)
        fs_buf_printf(&title, ", %s", period);
    fs_table *t = !key.failed && !title.failed ? fs_table_new(key.data, title.data) : NULL;
    free(slug_col);
    free(slug_ins);
    fs_buf_free(&key);
    fs_buf_free(&title);
    char *name = c->r->column ? fs_asprintf("column:%s", c->r->column) : fs_strdup(b->name);
    int several = b->layout == L_MONTHS || b->layout == L_POPS;
    if (t && (!name || set_sheet(c, t) ||
              fs_table_set_counts(t, name, several ? NULL : fs_flow_key(c->r->pop),
                                  persons(c) ? "persons" : "episodes"))) {
        fs_table_free(t);
        t = NULL;
    }
    free(name);
    return t;
}

static int single_valued(fs_dim_kind k);

/* ---- notes ---- */

static fs_error note_unit(const tctx *c, fs_table *t, const fs_tally *ty)
{
    if (!persons(c))
        return FS_OK;
    unsigned long n[FS_SEX_N], ep[FS_SEX_N];
    fs_tally_cell(ty, FS_ALL, FS_ALL, n);
    fs_tally_episodes(ty, ep);
    count_text cn = ct(c, sum3(n)), ce = ct(c, sum3(ep));
    fs_error e;
    if (!c->insats && (fs_engine_opts(c->e)->by_insats || c->r->b->layout == L_POPS))
        e = fs_table_add_note(t, fs_tr(c->lang, "Persons are counted, once for the whole "
                                                "association across insatser: %s persons "
                                                "(%s episodes)."), cn.s, ce.s);
    else
        e = fs_table_add_note(t, fs_tr(c->lang, "Persons are counted, each once in each row: %s "
                                                "persons (%s episodes)."), cn.s, ce.s);
    unsigned long multi = single_valued(fs_dim_kind_of(fs_tally_row_dim(ty))) ? fs_tally_multi(ty) : 0;
    if (!e && multi)
        e = fs_table_add_note(t, fs_tr(c->lang, "Persons with episodes in more than one row, "
                                                "counted in each: %s."), ct(c, multi).s);
    unsigned long anon = fs_engine_unidentified(c->e, c->slice);
    if (!e && anon)
        e = fs_table_add_note(t, fs_tr(c->lang, "Episodes without personnummer and participant "
                                                "id, each counted as a person: %s."),
                              ct(c, anon).s);
    return e;
}

/* --suppress: hides the small cells, and says so. */
static fs_error suppression_note(const tctx *c, fs_table *t)
{
    if (c->o->suppress <= 1)
        return FS_OK;
    fs_table_suppress(t, c->o->suppress);
    return fs_table_note_suppressed(t, c->o->suppress, c->lang);
}

/* What was excluded (Felregistrering of the table's population, rows with errors), then
 * the suppression. */
static fs_error closing_notes(const tctx *c, fs_table *t, fs_flow_row pop)
{
    fs_error e = fs_intake_add_notes(c->o->intake, t, c->lang,
                                     fs_engine_felreg(c->e, c->slice, pop), c->o->suppress);
    return e ? e : suppression_note(c, t);
}

static fs_error share_note(const tctx *c, fs_table *t, unsigned long n)
{
    const char *base = fs_tr(c->lang, pops[c->r->pop].base);
    if (c->o->rounding == FS_ROUND_LARGEST_REMAINDER) {
        fs_error e = fs_table_add_note(t, fs_tr(c->lang, "Shares are percentages of %s (n = %s) "
                                                         "in each column, rounded by largest "
                                                         "remainder so that each column sums to "
                                                         "100."),
                                       base, ct(c, n).s);
        return e ? e : fs_table_note_rounding(t, c->lang);
    }
    return fs_table_add_note(t, fs_tr(c->lang, "Shares are percentages of %s (n = %s) in each "
                                               "column, each rounded on its own (%s)."),
                             base, ct(c, n).s, fs_rounding_name(c->o->rounding));
}

static fs_error note_referrer(const tctx *c, fs_table *t)
{
    return fs_table_add_note(t, fs_tr(c->lang, "A joint referral (such as FK/Kommun) is one row "
                                               "and counts once."));
}

static fs_error note_income(const tctx *c, fs_table *t)
{
    if (!fs_engine_opts(c->e)->income_scb)
        return FS_OK;
    return fs_table_add_note(t, fs_tr(c->lang, "Grouped as SCB: Ill health = sickness and "
                                               "rehabilitation benefit, sickness and activity "
                                               "compensation; Labour market support = "
                                               "unemployment benefit, activity support, "
                                               "establishment allowance."));
}

static fs_error note_age(const tctx *c, fs_table *t)
{
    int year = fs_dim_age_year(fs_tally_row_dim(tally(c, 0)));
    return fs_table_add_note(t, fs_tr(c->lang, "Age = %d minus the birth year (Födelseår, else "
                                               "from the personnummer)."), year);
}

static fs_error note_bands(const tctx *c, fs_table *t)
{
    return fs_table_add_note(t, fs_tr(c->lang, "Calendar months from the entry date: under 3 "
                                               "months means an exit before entry + 3 months; "
                                               "3-6 from entry + 3 months up to entry + 6 "
                                               "months; and so on."));
}

/* ---- rows ---- */

/* Row keys of values from the data: prefix + the slug of the label, made unique in the
 * table with "_2", "_3", ... */
typedef struct keys {
    fs_strmap *used;
    fs_strmap *next; /* base -> the next suffix to try (unsigned long *) */
    unsigned long *slots;
    size_t n_slots;
} keys;

static fs_error keys_init(keys *k, const fs_dim *d, size_t n)
{
    memset(k, 0, sizeof *k);
    if (!(k->used = fs_strmap_new()) || !(k->next = fs_strmap_new()) ||
        !(k->slots = calloc(n + 1, sizeof *k->slots)) || fs_strmap_put(k->used, "missing", k) ||
        fs_strmap_put(k->used, "total", k))
        return FS_ERR_MEMORY;
    for (size_t i = 0; i < fs_dim_count(d); i++) {
        const fs_cat *cat = fs_dim_cat(d, (int)i);
        if (cat->key && fs_strmap_put(k->used, cat->key, k))
            return FS_ERR_MEMORY;
    }
    return FS_OK;
}

static void keys_free(keys *k)
{
    fs_strmap_free(k->used);
    fs_strmap_free(k->next);
    free(k->slots);
}

/* The key of category cat (caller frees), NULL on memory failure. */
static char *cat_key(keys *k, const fs_dim *d, int cat, const char *prefix)
{
    const fs_cat *c = fs_dim_cat(d, cat);
    if (c->key)
        return fs_strdup(c->key);
    char *slug = fs_slug(c->label);
    char *base = slug ? fs_asprintf("%s%s", prefix, slug) : NULL;
    char *key = base ? fs_strdup(base) : NULL;
    free(slug);
    if (key && fs_strmap_get(k->used, key)) {
        unsigned long *next = fs_strmap_get(k->next, base);
        if (!next && k->n_slots <= fs_dim_count(d)) {
            next = &k->slots[k->n_slots++];
            *next = 2;
            if (fs_strmap_put(k->next, base, next))
                next = NULL;
        }
        for (free(key), key = NULL; next; (*next)++) {
            free(key);
            key = fs_asprintf("%s_%lu", base, *next);
            if (!key || !fs_strmap_get(k->used, key))
                break;
        }
    }
    free(base);
    if (key && fs_strmap_put(k->used, key, k)) {
        free(key);
        key = NULL;
    }
    return key;
}

static const char *dim_prefix(fs_dim_kind kind)
{
    return kind == FS_DIM_REFERRER || kind == FS_DIM_INCOME_START || kind == FS_DIM_INCOME_END
               ? "other_"
           : kind == FS_DIM_ENTRY_YEAR ? "year_"
                                       : "";
}

/* The shown categories of d in table order (caller frees *out); a category is shown when
 * it is always shown or nonzero(cat). */
static size_t shown_cats(const fs_dim *d, int **out, int (*nonzero)(const tctx *, int),
                         const tctx *c)
{
    size_t n = fs_dim_count(d), k = 0;
    int *order = malloc((n + 1) * sizeof *order);
    *out = order;
    if (!order)
        return 0;
    n = fs_dim_order(d, order);
    for (size_t i = 0; i < n; i++)
        if (fs_dim_cat(d, order[i])->always || nonzero(c, order[i]))
            order[k++] = order[i];
    return k;
}

static int row_nonzero(const tctx *c, int cat)
{
    return fs_tally_nonzero(tally(c, 0), cat, FS_ALL);
}

static int has_unknown(const fs_tally *ty)
{
    unsigned long n[FS_SEX_N];
    fs_tally_cell(ty, FS_ALL, FS_ALL, n);
    return n[FS_SEX_UNKNOWN] > 0;
}

/* 1 when each episode falls in exactly one level-0 category of the dimension. */
static int single_valued(fs_dim_kind k)
{
    return k == FS_DIM_EXIT_REASON || k == FS_DIM_REFERRER || k == FS_DIM_INCOME_START ||
           k == FS_DIM_INCOME_END || k == FS_DIM_MUNICIPALITY || k == FS_DIM_AGE ||
           k == FS_DIM_ENTRY_YEAR || k == FS_DIM_INSATS;
}

/* ---- layouts ---- */

static fs_table *layout_flow(const tctx *c)
{
    const fs_tally *ty = tally(c, 0);
    const fs_dim *d = fs_tally_row_dim(ty);
    fs_flow_counts fc;
    for (int r = 0; r < FS_FLOW_N; r++)
        fs_tally_cell(ty, r, FS_ALL, fc.n[r]);
    if (!persons(c))
        fs_flow_assert_identity(&fc);
    fs_table *t = new_table(c, 0);
    if (!t || fs_sex_columns(t, c->lang, has_unknown(ty), 1))
        goto fail;
    for (int r = 0; r < FS_FLOW_N; r++)
        if (!fs_sex_add_row(t, fs_dim_cat(d, r)->key, fs_dim_cat(d, r)->label, 0, 0, fc.n[r]))
            goto fail;
    fs_sex_row_shares(t);
    fs_table_round(t, c->o->rounding, c->o->decimals, 1);
    fs_error e;
    if (persons(c)) {
        e = note_unit(c, t, ty);
        if (!e)
            e = fs_table_add_note(t, fs_tr(c->lang, "Ongoing at start + new = ended + ongoing at "
                                                    "end holds for episodes; a person with two "
                                                    "episodes may be in several rows."));
    } else {
        count_text cs = ct(c, sum3(fc.n[FS_FLOW_ONGOING_AT_START])),
                   cnw = ct(c, sum3(fc.n[FS_FLOW_NEW])), cx = ct(c, sum3(fc.n[FS_FLOW_ENDED])),
                   co = ct(c, sum3(fc.n[FS_FLOW_ONGOING_AT_END])),
                   call = ct(c, sum3(fc.n[FS_FLOW_DURING]));
        e = fs_table_add_note(t, fs_tr(c->lang, "Ongoing at start + new = ended + ongoing at "
                                                "end: %s + %s = %s + %s = %s."),
                              cs.s, cnw.s, cx.s, co.s, call.s);
        if (!e)
            e = fs_table_add_note(t, fs_tr(c->lang, "Episodes are counted: a person in two "
                                                    "insatser, or with two episodes, counts "
                                                    "twice."));
    }
    if (!e)
        e = fs_intake_add_notes(c->o->intake, t, c->lang,
                                fs_engine_felreg(c->e, c->slice, FS_FLOW_DURING), c->o->suppress);
    if (!e)
        e = fs_table_add_note(t, fs_tr(c->lang, "Shares are percentages of the row total."));
    if (!e)
        e = fs_table_note_rounding(t, c->lang);
    if (!e)
        e = suppression_note(c, t);
    if (e || fs_table_set_chart(t, fs_tr(c->lang, c->r->b->chart), 0, "women", "men"))
        goto fail;
    return t;
fail:
    fs_table_free(t);
    return NULL;
}

/* Rows of one dimension by sex, in table order, and the total row. */
static fs_error category_rows(const tctx *c, fs_table *t, const fs_tally *ty, const char *total)
{
    const fs_dim *d = fs_tally_row_dim(ty);
    int *order;
    size_t n = shown_cats(d, &order, row_nonzero, c);
    keys k;
    fs_error e = order ? keys_init(&k, d, fs_dim_count(d)) : FS_ERR_MEMORY;
    unsigned long sum[FS_SEX_N] = {0, 0, 0}, all[FS_SEX_N];
    for (size_t i = 0; !e && i < n; i++) {
        const fs_cat *cat = fs_dim_cat(d, order[i]);
        unsigned long v[FS_SEX_N];
        fs_tally_cell(ty, order[i], FS_ALL, v);
        char *key = cat_key(&k, d, order[i], dim_prefix(fs_dim_kind_of(d)));
        if (!key || !fs_sex_add_row(t, key, cat->label, cat->parent >= 0, 0, v))
            e = FS_ERR_MEMORY;
        free(key);
        for (int s = 0; s < FS_SEX_N && cat->parent < 0; s++)
            sum[s] += v[s];
    }
    if (order)
        keys_free(&k);
    free(order);
    fs_tally_cell(ty, FS_ALL, FS_ALL, all);
    if (!e && !persons(c) && single_valued(fs_dim_kind_of(d)) && sum3(sum) != sum3(all))
        FS_BUG("the rows of a breakdown do not add up to its population");
    if (!e && !fs_sex_add_row(t, "total", total, 0, 1, all))
        e = FS_ERR_MEMORY;
    return e;
}

/* The notes of the exit-reason breakdown: n by sex, the two key shares, what was excluded,
 * women versus men, how shares were rounded. */
static fs_error exits_notes(const tctx *c, fs_table *t, const fs_tally *ty)
{
    const char *lang = c->lang;
    unsigned long all[FS_SEX_N], work[FS_SEX_N], g[FS_SEX_N];
    fs_tally_cell(ty, FS_ALL, FS_ALL, all);
    unsigned long n = sum3(all);
    fs_flow_row pop = c->r->pop;
    fs_error e = note_unit(c, t, ty);
    if (!e && n == 0) {
        e = fs_table_add_note(t, "%s", fs_tr(lang, pops[pop].none));
        return e ? e : fs_intake_add_notes(c->o->intake, t, lang,
                                           fs_engine_felreg(c->e, c->slice, pop), c->o->suppress);
    }
    count_text cn = ct(c, n), cw = ct(c, all[FS_SEX_WOMAN]), cm = ct(c, all[FS_SEX_MAN]),
               cu = ct(c, all[FS_SEX_UNKNOWN]);
    if (!e)
        e = fs_table_add_note(t, fs_tr(lang, "%s: %s (women %s, men %s, sex not recorded %s)."),
                              fs_tr(lang, pops[pop].count), cn.s, cw.s, cm.s, cu.s);
    /* key shares: work_studies; approached = that, job_seeking or continued_rehab */
    fs_tally_cell(tally(c, 1), 0, FS_ALL, work);
    fs_tally_cell(tally(c, 1), 1, FS_ALL, g);
    unsigned long near = sum3(g);
    char p1[32], p2[32];
    count_text c1 = ct(c, sum3(work)), c2 = ct(c, near);
    fs_pct_text(100.0 * (double)sum3(work) / (double)n, lang, p1, sizeof p1);
    fs_pct_text(100.0 * (double)near / (double)n, lang, p2, sizeof p2);
    if (c1.s[0] == '<' || cn.s[0] == '<')
        snprintf(p1, sizeof p1, "..");
    if (c2.s[0] == '<' || cn.s[0] == '<')
        snprintf(p2, sizeof p2, "..");
    if (!e)
        e = fs_table_add_note(t, fs_tr(lang, "To work or studies: %s of %s (%s)."), c1.s, cn.s,
                              p1);
    if (!e)
        e = fs_table_add_note(t, fs_tr(lang, "Approached the labour market (work, studies, job "
                                             "seeking, continued rehabilitation): %s of %s (%s)."),
                              c2.s, cn.s, p2);
    if (!e)
        e = fs_intake_add_notes(c->o->intake, t, lang, fs_engine_felreg(c->e, c->slice, pop),
                                c->o->suppress);
    if (!e)
        e = fs_sex_test_note(t, lang, c->o->p_digits);
    if (!e)
        e = c->o->rounding == FS_ROUND_LARGEST_REMAINDER
                ? fs_table_add_note(t, fs_tr(lang, "Shares are percentages of the column total, "
                                                   "rounded by largest remainder so that each "
                                                   "column sums to 100."))
                : fs_table_add_note(t, fs_tr(lang, "Shares are percentages of the column total, "
                                                   "each rounded on its own (%s); a column may "
                                                   "not sum to 100."),
                                    fs_rounding_name(c->o->rounding));
    if (!e && c->o->rounding == FS_ROUND_LARGEST_REMAINDER)
        e = fs_table_note_rounding(t, lang);
    return e;
}

static fs_table *layout_category(const tctx *c)
{
    const fs_breakdown *b = c->r->b;
    const fs_tally *ty = tally(c, 0);
    /* several categories per episode, or, counting persons, per person: shares do not sum
     * to 100 */
    int multi = (b->flags & MULTI) != 0;
    int person_multi = !multi && persons(c) && fs_tally_multi(ty) > 0;
    unsigned long all[FS_SEX_N];
    fs_tally_cell(ty, FS_ALL, FS_ALL, all);
    fs_table *t = new_table(c, 1);
    fs_error e = FS_OK;
    if (!t || fs_sex_columns(t, c->lang, has_unknown(ty), 1) ||
        category_rows(c, t, ty, multi ? fs_tr(c->lang, "Participants") : fs_tr(c->lang, "Total")))
        goto fail;
    fs_sex_column_shares(t);
    /* Shares of a multi-valued variable do not sum to 100: round each on its own. */
    fs_table_round(t, (multi || person_multi) && c->o->rounding == FS_ROUND_LARGEST_REMAINDER
                          ? FS_ROUND_HALF_UP
                          : c->o->rounding,
                   c->o->decimals, 0);
    if (b->layout == L_EXITS) {
        e = exits_notes(c, t, ty);
        if (!e)
            e = suppression_note(c, t);
    } else {
        if (b->notes)
            e = b->notes(c, t);
        if (!e && multi && b->row == FS_DIM_TARGET_GROUP)
            e = fs_table_add_note(t, fs_tr(c->lang, "A participant may belong to several target "
                                                    "groups, so the rows add up to more than the "
                                                    "participants (n = %s) and the shares to more "
                                                    "than 100 %%. Each share is rounded on its "
                                                    "own."), ct(c, sum3(all)).s);
        else if (!e && multi)
            e = fs_table_add_note(t, fs_tr(c->lang, "A participant may have several values, so "
                                                    "the rows add up to more than the "
                                                    "participants (n = %s) and the shares to more "
                                                    "than 100 %%. Each share is rounded on its "
                                                    "own."), ct(c, sum3(all)).s);
        else if (!e && person_multi)
            e = fs_table_add_note(t, fs_tr(c->lang, "Shares are percentages of %s (n = %s) in "
                                                    "each column; a person in several rows makes "
                                                    "them add up to more than 100, so each share "
                                                    "is rounded on its own."),
                                  fs_tr(c->lang, pops[c->r->pop].base), ct(c, sum3(all)).s);
        else if (!e)
            e = share_note(c, t, sum3(all));
        if (!e)
            e = note_unit(c, t, ty);
        if (!e)
            e = closing_notes(c, t, c->r->pop);
    }
    if (!e && b->chart)
        e = fs_table_set_chart(t, fs_tr(c->lang, b->chart), b->horizontal, "women", "men");
    if (e)
        goto fail;
    return t;
fail:
    fs_table_free(t);
    return NULL;
}

static int cross_row_nonzero(const tctx *c, int cat)
{
    return fs_tally_nonzero(tally(c, 0), cat, FS_ALL);
}

static int cross_col_nonzero(const tctx *c, int cat)
{
    return fs_tally_nonzero(tally(c, 0), FS_ALL, cat);
}

static fs_table *layout_cross(const tctx *c)
{
    static const char *const sex_key[FS_SEX_N] = {"women", "men", "unknown"};
    const char *sex_label[FS_SEX_N] = {fs_tr(c->lang, "Women"), fs_tr(c->lang, "Men"),
                                       fs_tr(c->lang, "Sex not recorded")};
    const fs_tally *ty = tally(c, 0);
    const fs_dim *rd = fs_tally_row_dim(ty), *cd = fs_tally_col_dim(ty);
    int unk = has_unknown(ty);
    int *rows = NULL, *cols = NULL;
    size_t nr = 0, nc = 0;
    /* only the categories that occur */
    size_t n = fs_dim_count(rd);
    rows = malloc((n + 1) * sizeof *rows);
    cols = malloc((fs_dim_count(cd) + 1) * sizeof *cols);
    fs_table *t = rows && cols ? new_table(c, 1) : NULL;
    if (!t)
        goto fail;
    n = fs_dim_order(rd, rows);
    for (size_t i = 0; i < n; i++)
        if (cross_row_nonzero(c, rows[i]))
            rows[nr++] = rows[i];
    n = fs_dim_order(cd, cols);
    for (size_t i = 0; i < n; i++)
        if (cross_col_nonzero(c, cols[i]))
            cols[nc++] = cols[i];
    for (size_t j = 0; j < nc; j++)
        if (fs_table_add_col(t, fs_dim_cat(cd, cols[j])->key, fs_dim_cat(cd, cols[j])->label,
                             FS_COL_COUNT, 0, -1) < 0)
            goto fail;
    if (fs_table_add_col(t, "total", fs_tr(c->lang, "Total"), FS_COL_COUNT, 0, -1) < 0)
        goto fail;
    unsigned long v[FS_SEX_N];
    for (size_t i = 0; i < nr; i++) {
        const fs_cat *rc = fs_dim_cat(rd, rows[i]);
        fs_row *row = fs_table_add_row(t, rc->key, rc->label, 0, 0);
        if (!row)
            goto fail;
        for (size_t j = 0; j <= nc; j++) {
            fs_tally_cell(ty, rows[i], j < nc ? cols[j] : FS_ALL, v);
            fs_row_set(t, row, j < nc ? fs_dim_cat(cd, cols[j])->key : "total", (double)sum3(v));
        }
        for (int s = 0; s < FS_SEX_N; s++) {
            if (s == FS_SEX_UNKNOWN && !unk)
                continue;
            char *k = fs_asprintf("%s_%s", rc->key, sex_key[s]);
            fs_row *dr = k ? fs_table_add_row(t, k, sex_label[s], 1, 0) : NULL;
            free(k);
            if (!dr)
                goto fail;
            for (size_t j = 0; j <= nc; j++) {
                fs_tally_cell(ty, rows[i], j < nc ? cols[j] : FS_ALL, v);
                fs_row_set(t, dr, j < nc ? fs_dim_cat(cd, cols[j])->key : "total", (double)v[s]);
            }
        }
    }
    fs_row *tr = fs_table_add_row(t, "total", fs_tr(c->lang, "Total"), 0, 1);
    if (!tr)
        goto fail;
    for (size_t j = 0; j <= nc; j++) {
        fs_tally_cell(ty, FS_ALL, j < nc ? cols[j] : FS_ALL, v);
        fs_row_set(t, tr, j < nc ? fs_dim_cat(cd, cols[j])->key : "total", (double)sum3(v));
    }
    fs_tally_cell(ty, FS_ALL, FS_ALL, v);
    count_text call = ct(c, sum3(v)), cw = ct(c, v[FS_SEX_WOMAN]), cm = ct(c, v[FS_SEX_MAN]),
               cu = ct(c, v[FS_SEX_UNKNOWN]);
    fs_error e = fs_table_add_note(t, fs_tr(c->lang, "Rows: income support at entry; columns: at "
                                                     "exit. Ended participants: %s (women %s, men "
                                                     "%s, sex not recorded %s)."),
                                   call.s, cw.s, cm.s, cu.s);
    if (!e)
        e = note_unit(c, t, ty);
    if (!e)
        e = closing_notes(c, t, c->r->pop);
    if (e)
        goto fail;
    free(rows);
    free(cols);
    return t;
fail:
    free(rows);
    free(cols);
    fs_table_free(t);
    return NULL;
}

fs_error fs_table_add_sex_group(fs_table *t, const char *what, const char *label, int unknown,
                                const char *lang)
{
    static const char *const sk[FS_SEX_N + 1] = {"women", "men", "unknown", "total"};
    const char *sl[FS_SEX_N + 1] = {fs_tr(lang, "Women"), fs_tr(lang, "Men"),
                                    fs_tr(lang, "Sex not recorded"), fs_tr(lang, "Total")};
    for (int s = 0; s <= FS_SEX_N; s++) {
        if (s == FS_SEX_UNKNOWN && !unknown)
            continue;
        char *k = fs_asprintf("%s_%s", what, sk[s]), *l = fs_asprintf("%s: %s", label, sl[s]);
        int col = k && l ? fs_table_add_col(t, k, l, FS_COL_COUNT, 0, -1) : -1;
        free(k);
        free(l);
        if (col < 0)
            return FS_ERR_MEMORY;
    }
    return FS_OK;
}

void fs_row_set_sex_group(fs_table *t, fs_row *row, const char *what,
                          const unsigned long v[FS_SEX_N], int unknown)
{
    static const char *const sk[FS_SEX_N] = {"women", "men", "unknown"};
    char key[64];
    for (int s = 0; s < FS_SEX_N; s++) {
        if (s == FS_SEX_UNKNOWN && !unknown)
            continue;
        snprintf(key, sizeof key, "%s_%s", what, sk[s]);
        fs_row_set(t, row, key, (double)v[s]);
    }
    snprintf(key, sizeof key, "%s_total", what);
    fs_row_set(t, row, key, (double)(v[0] + v[1] + v[2]));
}

/* Several tallies side by side as column groups, over the categories of the first one's
 * dimension (months: intakes and exits; flow by insats: the populations), with the second
 * dimension's categories as detail rows. */
static fs_table *layout_groups(const tctx *c, size_t ng, const char *const *what,
                               const char *const *label)
{
    const fs_tally *ty[4];
    int unk = 0;
    for (size_t g = 0; g < ng; g++) {
        ty[g] = tally(c, (int)g);
        unk |= has_unknown(ty[g]);
    }
    const fs_dim *rd = fs_tally_row_dim(ty[0]), *dd = fs_tally_col_dim(ty[0]);
    int month = c->r->b->layout == L_MONTHS;
    fs_table *t = new_table(c, 0);
    int *rows = malloc((fs_dim_count(rd) + 1) * sizeof *rows);
    int *det = dd ? malloc((fs_dim_count(dd) + 1) * sizeof *det) : NULL;
    unsigned long v[FS_SEX_N];
    keys k;
    int have_keys = 0;
    if (!t || !rows || (dd && !det))
        goto fail;
    for (size_t g = 0; g < ng; g++)
        if (fs_table_add_sex_group(t, what[g], fs_tr(c->lang, label[g]), unk, c->lang))
            goto fail;
    if (keys_init(&k, rd, fs_dim_count(rd)))
        goto fail;
    have_keys = 1;
    size_t nr = fs_dim_order(rd, rows), nd = dd ? fs_dim_order(dd, det) : 0;
    for (size_t i = 0; i < nr; i++) {
        int any = 0;
        for (size_t g = 0; g < ng; g++)
            any |= fs_tally_nonzero(ty[g], rows[i], FS_ALL);
        if (!any && !fs_dim_cat(rd, rows[i])->always)
            continue;
        char *key = cat_key(&k, rd, rows[i], "");
        fs_row *row = key ? fs_table_add_row(t, key, fs_dim_cat(rd, rows[i])->label, 0, 0) : NULL;
        if (!row) {
            free(key);
            goto fail;
        }
        for (size_t g = 0; g < ng; g++) {
            fs_tally_cell(ty[g], rows[i], FS_ALL, v);
            fs_row_set_sex_group(t, row, what[g], v, unk);
        }
        for (size_t j = 0; j < nd; j++) {
            any = 0;
            for (size_t g = 0; g < ng; g++)
                any |= fs_tally_nonzero(ty[g], rows[i], det[j]);
            if (!any)
                continue;
            char *dk = fs_asprintf("%s_%s", key, fs_dim_cat(dd, det[j])->key);
            fs_row *dr = dk ? fs_table_add_row(t, dk, fs_dim_cat(dd, det[j])->label, 1, 0) : NULL;
            free(dk);
            if (!dr) {
                free(key);
                goto fail;
            }
            for (size_t g = 0; g < ng; g++) {
                fs_tally_cell(ty[g], rows[i], det[j], v);
                fs_row_set_sex_group(t, dr, what[g], v, unk);
            }
        }
        free(key);
    }
    fs_row *tr = fs_table_add_row(t, "total", fs_tr(c->lang, "Total"), 0, 1);
    if (!tr)
        goto fail;
    for (size_t g = 0; g < ng; g++) {
        fs_tally_cell(ty[g], FS_ALL, FS_ALL, v);
        fs_row_set_sex_group(t, tr, what[g], v, unk);
        if (month && !persons(c)) {
            unsigned long sum = 0, cell[FS_SEX_N];
            for (size_t i = 0; i < nr; i++) {
                fs_tally_cell(ty[g], rows[i], FS_ALL, cell);
                sum += sum3(cell);
            }
            if (sum != sum3(v))
                FS_BUG("monthly intakes or exits do not add up to the flow table");
        }
    }
    fs_error e = FS_OK;
    if (month)
        e = fs_table_add_note(t, fs_tr(c->lang, "Intakes = new episodes (entry date in the "
                                                "month); exits = ended episodes (exit date in the "
                                                "month); under each month by referrer."));
    else
        e = fs_table_add_note(t, fs_tr(c->lang, "One row per insats; the total counts the whole "
                                                "selection."));
    if (!e)
        e = note_unit(c, t, ty[0]);
    if (!e)
        e = closing_notes(c, t, FS_FLOW_DURING);
    if (e)
        goto fail;
    keys_free(&k);
    free(rows);
    free(det);
    return t;
fail:
    if (have_keys)
        keys_free(&k);
    free(rows);
    free(det);
    fs_table_free(t);
    return NULL;
}

static fs_table *layout_days(const tctx *c)
{
    const fs_tally *ty = tally(c, 0);
    const fs_dayhist *days = fs_tally_days(ty);
    int unk = has_unknown(ty);
    static const char *const sk[FS_SEX_N] = {"women", "men", "unknown"};
    const char *sl[FS_SEX_N] = {fs_tr(c->lang, "Women"), fs_tr(c->lang, "Men"),
                                fs_tr(c->lang, "Sex not recorded")};
    fs_table *t = new_table(c, 1);
    if (!t || fs_table_add_col(t, "n", "n", FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "q1", fs_tr(c->lang, "Lower quartile"), FS_COL_NUMBER, 1, -1) < 0 ||
        fs_table_add_col(t, "median", "Median", FS_COL_NUMBER, 1, -1) < 0 ||
        fs_table_add_col(t, "q3", fs_tr(c->lang, "Upper quartile"), FS_COL_NUMBER, 1, -1) < 0)
        goto fail;
    for (int s = 0; s <= FS_SEX_N; s++) {
        if (s == FS_SEX_UNKNOWN && !unk)
            continue;
        /* one sex, or (the total row) the histograms of all three together */
        const fs_dayhist *h = s < FS_SEX_N ? &days[s] : days;
        size_t k = s < FS_SEX_N ? 1 : FS_SEX_N;
        unsigned long n = fs_dayhist_n(h, k);
        fs_row *row = fs_table_add_row(t, s < FS_SEX_N ? sk[s] : "total",
                                       s < FS_SEX_N ? sl[s] : fs_tr(c->lang, "Total"), 0,
                                       s == FS_SEX_N);
        if (!row)
            goto fail;
        fs_row_set(t, row, "n", (double)n);
        if (n && n < (unsigned long)c->o->suppress) {
            /* a count below the threshold is hidden, and so are the quartiles of so few
             * (of one person, the exact duration): never computed into the table */
            for (size_t col = 1; col < t->n_cols; col++)
                row->cells[col].suppressed = 1;
        } else if (n) {
            fs_row_set(t, row, "q1", fs_dayhist_quantile(h, k, 0.25));
            fs_row_set(t, row, "median", fs_dayhist_quantile(h, k, 0.5));
            fs_row_set(t, row, "q3", fs_dayhist_quantile(h, k, 0.75));
        }
    }
    fs_error e = fs_table_add_note(t, fs_tr(c->lang, "Days from entry date to exit date. "
                                                     "Quartiles as R's quantile() type 7."));
    if (!e && persons(c))
        e = fs_table_add_note(t, fs_tr(c->lang, "Time is counted per episode, also when persons "
                                                "are counted."));
    if (!e)
        e = closing_notes(c, t, c->r->pop);
    if (e)
        goto fail;
    return t;
fail:
    fs_table_free(t);
    return NULL;
}

static fs_table *build(const tctx *c)
{
    static const char *const month_what[] = {"intake", "exit"};
    static const char *const month_label[] = {N_("Intakes"), N_("Exits")};
    static const char *const pop_what[] = {"during", "new", "ended", "ongoing_at_end"};
    static const char *const pop_label[] = {N_("During"), N_("New"), N_("Ended"),
                                             N_("Ongoing at end")};
    switch (c->r->b->layout) {
    case L_FLOW:
        return layout_flow(c);
    case L_CATEGORY:
    case L_EXITS:
        return layout_category(c);
    case L_CROSS:
        return layout_cross(c);
    case L_MONTHS:
        return layout_groups(c, 2, month_what, month_label);
    case L_POPS:
        return layout_groups(c, 4, pop_what, pop_label);
    case L_DAYS:
        return layout_days(c);
    }
    return NULL;
}

fs_error fs_plan_tables(const fs_plan *p, const fs_engine *e, const fs_table_options *o,
                        fs_report *rep)
{
    size_t n = fs_engine_slices(e);
    int one = p->n == 1 && !o->sheet;
    size_t made = 0;
    for (size_t k = 0; k < n; k++) {
        /* slices: the insatser, then the whole; or the whole first */
        size_t s = o->whole_first ? (k == 0 ? n - 1 : k - 1) : k;
        const char *insats = fs_engine_slice_name(e, s);
        for (size_t i = 0; i < p->n; i++) {
            if (insats && (p->req[i].b->flags & WHOLE))
                continue;
            tctx c = {o, e, &p->req[i], s, insats, one, o->lang};
            fs_table *t = build(&c);
            if (t && o->sheet && made)
                t->continues = 1; /* below the first table of the sheet */
            if (t && o->multiples && insats && t->chart) {
                char *heading = fs_asprintf(fs_tr(o->lang, "%s per insats"),
                                            fs_tr(o->lang, p->req[i].b->title));
                fs_error me = heading ? fs_table_set_multiple(t, heading, insats) : FS_ERR_MEMORY;
                free(heading);
                if (me) {
                    fs_table_free(t);
                    t = NULL;
                }
            }
            if (t && o->sheet && !made && fs_table_set_sheet(t, o->sheet)) {
                fs_table_free(t);
                t = NULL;
            }
            if (!t || fs_report_add_table(rep, t))
                return FS_ERR_MEMORY;
            made++;
        }
    }
    return FS_OK;
}
