/* report.c: the halvårs- and årsrapport (report.h): the plan of sheets, one reading of the
 * exports into an engine per period, and the report's own tables (summary, comparison,
 * trend, about); the breakdown sheets are the tables of breakdowns.c. */
#include "finsam/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/i18n.h"
#include "finsam/intake.h"
#include "finsam/pnr.h"
#include "finsam/sextable.h"
#include "finsam/stats.h"
#include "finsam/text.h"

#define N_(s) s /* a text translated where it is used, with fs_tr() */

/* ---- the plan ---- */

/* The sheets a report can have: [report] sheets = names from this list. A breakdown sheet
 * holds one or more breakdowns (names of breakdowns.c) for the populations given. */
static const struct {
    const char *name;
    fs_rsheet_kind kind;
    const char *title; /* msgid: the sheet's default name */
    const char *items[FS_RSHEET_MAX_ITEMS];
    unsigned pops[FS_RSHEET_MAX_ITEMS];
    int by_default;
} sheet_kinds[] = {
    {"summary", FS_RSHEET_SUMMARY, N_("Summary"), {NULL}, {0}, 1},
    {"flow", FS_RSHEET_BREAKDOWN, N_("Participants"), {"flow", "flow-by-insats"}, {0}, 1},
    {"exit-reason", FS_RSHEET_BREAKDOWN, N_("Reasons for exit"), {"exit-reason"}, {0}, 1},
    {"referrer", FS_RSHEET_BREAKDOWN, N_("Referrer"), {"referrer"}, {0}, 1},
    /* income before and after: at entry and at exit of the ended, and the cross table */
    {"income", FS_RSHEET_BREAKDOWN, N_("Income support"), {"income", "income-end"},
     {FS_FLOW_BIT(FS_FLOW_ENDED), 0}, 1},
    {"target-group", FS_RSHEET_BREAKDOWN, N_("Target group"), {"target-group"}, {0}, 1},
    {"age", FS_RSHEET_BREAKDOWN, N_("Age"), {"age"}, {0}, 1},
    {"municipality", FS_RSHEET_BREAKDOWN, N_("Municipality"), {"municipality"}, {0}, 0},
    {"entry-year", FS_RSHEET_BREAKDOWN, N_("Year of entry"), {"entry-year"}, {0}, 0},
    {"month", FS_RSHEET_BREAKDOWN, N_("Month"), {"month"}, {0}, 0},
    {"duration", FS_RSHEET_BREAKDOWN, N_("Time in the programme"), {"duration"}, {0}, 0},
    {"comparison", FS_RSHEET_COMPARISON, N_("Comparison"), {NULL}, {0}, 1},
    {"trend", FS_RSHEET_TREND, N_("Trend"), {NULL}, {0}, 1},
    {"about", FS_RSHEET_ABOUT, N_("About the report"), {NULL}, {0}, 1},
};
#define N_SHEET_KINDS (sizeof sheet_kinds / sizeof sheet_kinds[0])

/* The questionnaires, in the order of their sheets: the command, and key, and the sheet. */
static const struct {
    const char *name;
    const char *title; /* msgid: the sheet's name */
    size_t max_files;
} quests[FS_RQUEST_N] = {
    {"hls", N_("HLS-EU"), 2},
    {"ogq", N_("OGQ"), 2},
    {"barometer", N_("Health barometer"), 2},
    {"survey", N_("Survey"), 1},
};

const char *fs_rquest_name(fs_rquest q)
{
    return quests[q].name;
}

size_t fs_rquest_max_files(fs_rquest q)
{
    return quests[q].max_files;
}

static void sheet_free(fs_rsheet *s)
{
    free(s->name);
    free(s->title);
    for (size_t i = 0; i < s->n_items; i++)
        free(s->breakdown[i]);
}

void fs_report_plan_free(fs_report_plan *p)
{
    for (size_t i = 0; i < p->n_sheets; i++)
        sheet_free(&p->sheets[i]);
    free(p->sheets);
    free(p->trend);
    for (int q = 0; q < FS_RQUEST_N; q++)
        for (int k = 0; k < 2; k++)
            free(p->quest[q][k]);
    memset(p, 0, sizeof *p);
}

fs_error fs_report_plan_quest(fs_report_plan *p, fs_rquest q, const char *path1,
                              const char *path2)
{
    char *a = path1 ? fs_strdup(path1) : NULL, *b = path2 ? fs_strdup(path2) : NULL;
    if ((path1 && !a) || (path2 && !b)) {
        free(a);
        free(b);
        return FS_ERR_MEMORY;
    }
    free(p->quest[q][0]);
    free(p->quest[q][1]);
    p->quest[q][0] = a;
    p->quest[q][1] = b;
    return FS_OK;
}

/* [report] hls = FILE[, FILE]: the files of questionnaire q; FS_ERR_USAGE when the value
 * names none or too many. */
static fs_error config_quest(fs_report_plan *p, fs_rquest q, const char *value)
{
    char *copy = fs_strdup(value), *save = NULL, *f[3] = {NULL, NULL, NULL};
    size_t n = 0;
    if (!copy)
        return FS_ERR_MEMORY;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        fs_trim(tok);
        if (!*tok || n == 3)
            n = 3;
        else
            f[n++] = tok;
    }
    fs_error e = n == 0 || n > quests[q].max_files ? FS_ERR_USAGE
                                                   : fs_report_plan_quest(p, q, f[0], f[1]);
    free(copy);
    return e;
}

/* Adds the sheet called name (a kind of sheet_kinds, or column:HEADER); FS_ERR_USAGE when
 * there is no such sheet. */
static fs_error add_sheet(fs_report_plan *p, const char *name)
{
    fs_rsheet s;
    memset(&s, 0, sizeof s);
    int column = strncmp(name, "column:", 7) == 0 && name[7];
    size_t k = 0;
    while (!column && k < N_SHEET_KINDS && strcmp(sheet_kinds[k].name, name) != 0)
        k++;
    if (!column && k == N_SHEET_KINDS)
        return FS_ERR_USAGE;
    s.kind = column ? FS_RSHEET_BREAKDOWN : sheet_kinds[k].kind;
    if (!(s.name = fs_strdup(name)))
        return FS_ERR_MEMORY;
    for (size_t i = 0; i < FS_RSHEET_MAX_ITEMS; i++) {
        const char *item = column ? (i == 0 ? name : NULL) : sheet_kinds[k].items[i];
        if (!item)
            break;
        if (!(s.breakdown[i] = fs_strdup(item))) {
            sheet_free(&s);
            return FS_ERR_MEMORY;
        }
        s.pops[i] = column ? 0 : sheet_kinds[k].pops[i];
        s.n_items++;
    }
    fs_rsheet *n = realloc(p->sheets, (p->n_sheets + 1) * sizeof *n);
    if (!n) {
        sheet_free(&s);
        return FS_ERR_MEMORY;
    }
    p->sheets = n;
    p->sheets[p->n_sheets++] = s;
    return FS_OK;
}

fs_error fs_report_plan_default(fs_report_plan *p)
{
    memset(p, 0, sizeof *p);
    p->unit = FS_UNIT_PERSONS;
    p->compare = FS_COMPARE_PREVIOUS;
    for (size_t k = 0; k < N_SHEET_KINDS; k++)
        if (sheet_kinds[k].by_default && add_sheet(p, sheet_kinds[k].name))
            return FS_ERR_MEMORY;
    return FS_OK;
}

fs_error fs_report_plan_compare(fs_report_plan *p, const char *arg, fs_date today, fs_msg *err)
{
    if (strcmp(arg, "previous") == 0)
        p->compare = FS_COMPARE_PREVIOUS;
    else if (strcmp(arg, "last-year") == 0)
        p->compare = FS_COMPARE_LAST_YEAR;
    else if (strcmp(arg, "none") == 0)
        p->compare = FS_COMPARE_NONE;
    else if (fs_period_parse_at(arg, today, &p->compare_period) == FS_OK)
        p->compare = FS_COMPARE_PERIOD;
    else {
        fs_msg_set(err, "'%s' is not previous, last-year, none or a period", arg);
        return FS_ERR_USAGE;
    }
    return FS_OK;
}

/* The period of the same kind (a year, half or quarter: kind 'Y', 'H', 'Q') after q. */
static fs_period next_period(const fs_period *q, char kind)
{
    char name[32];
    int y, m, d;
    fs_period n = *q;
    fs_date_to_ymd(q->to + 1, &y, &m, &d);
    if (kind == 'Y')
        snprintf(name, sizeof name, "%04d", y % 10000);
    else if (kind == 'H')
        snprintf(name, sizeof name, "%04dH%d", y % 10000, m <= 6 ? 1 : 2);
    else
        snprintf(name, sizeof name, "%04dQ%d", y % 10000, (m + 2) / 3);
    (void)fs_period_parse(name, &n);
    return n;
}

fs_error fs_report_plan_trend(fs_report_plan *p, const char *arg, fs_msg *err)
{
    /* FROM..TO where both are years, halves or quarters of the same kind: 2019..2024 */
    const char *dots = strstr(arg, "..");
    char a[16], b[16];
    fs_period pa, pb;
    if (!dots || (size_t)(dots - arg) >= sizeof a || strlen(dots + 2) >= sizeof b)
        goto bad;
    snprintf(a, sizeof a, "%.*s", (int)(dots - arg), arg);
    snprintf(b, sizeof b, "%s", dots + 2);
    size_t len = strlen(a);
    char kind = len == 4 ? 'Y' : len == 6 ? (char)(a[4] & ~0x20) : 0;
    if (!kind || strlen(b) != len || (len == 6 && (char)(b[4] & ~0x20) != kind) ||
        fs_period_parse(a, &pa) || fs_period_parse(b, &pb) || pb.from < pa.from)
        goto bad;
    free(p->trend);
    p->trend = NULL;
    p->n_trend = 0;
    for (fs_period q = pa; q.from <= pb.from; q = next_period(&q, kind)) {
        if (p->n_trend == 60) {
            fs_msg_set(err, "--trend '%s': more than 60 periods", arg);
            return FS_ERR_USAGE;
        }
        fs_period *n = realloc(p->trend, (p->n_trend + 1) * sizeof *n);
        if (!n) {
            fs_msg_set(err, "out of memory");
            return FS_ERR_MEMORY;
        }
        p->trend = n;
        p->trend[p->n_trend++] = q;
    }
    return FS_OK;
bad:
    fs_msg_set(err, "--trend '%s' is not FROM..TO of years, halves or quarters (2019..2024, "
                    "2022H1..2024H2)", arg);
    return FS_ERR_USAGE;
}

/* ---- [report] ---- */

static int parse_pops(const char *v, unsigned *out)
{
    unsigned pops = 0;
    char *copy = fs_strdup(v), *save = NULL;
    if (!copy)
        return -1;
    for (char *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
        int r = strcmp(tok, "all") == 0 ? FS_FLOW_N : fs_population_parse(tok);
        if (r < 0) {
            free(copy);
            return -1;
        }
        pops |= r == FS_FLOW_N ? (1u << FS_FLOW_N) - 1 : FS_FLOW_BIT(r);
    }
    free(copy);
    *out = pops;
    return pops ? 0 : -1;
}

static fs_rsheet *find_sheet(fs_report_plan *p, const char *name)
{
    for (size_t i = 0; i < p->n_sheets; i++)
        if (strcmp(p->sheets[i].name, name) == 0)
            return &p->sheets[i];
    return NULL;
}

fs_error fs_report_plan_config(fs_report_plan *p, const fs_config *cfg, fs_msg *err)
{
    fs_date today = fs_date_today();
    /* sheets first: of.NAME and title.NAME name sheets of the list */
    for (size_t i = 0; cfg && i < cfg->n; i++) {
        const fs_config_entry *e = &cfg->entries[i];
        if (strcmp(e->section, "report") != 0 || strcmp(e->key, "sheets") != 0)
            continue;
        for (size_t k = 0; k < p->n_sheets; k++)
            sheet_free(&p->sheets[k]);
        p->n_sheets = 0;
        char *copy = fs_strdup(e->value), *save = NULL;
        if (!copy)
            return FS_ERR_MEMORY;
        for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
            fs_trim(tok);
            fs_error ae = add_sheet(p, tok);
            if (ae == FS_ERR_USAGE) {
                fs_config_fail(cfg, e, err, "[report] sheets: \"%s\" is not a sheet (summary, "
                                            "flow, exit-reason, referrer, income, target-group, "
                                            "age, municipality, entry-year, month, duration, "
                                            "column:HEADER, comparison, trend, about)", tok);
                free(copy);
                return FS_ERR_DATA;
            }
            if (ae) {
                free(copy);
                return ae;
            }
        }
        free(copy);
    }
    for (size_t i = 0; cfg && i < cfg->n; i++) {
        const fs_config_entry *e = &cfg->entries[i];
        if (strcmp(e->section, "report") != 0 || strcmp(e->key, "sheets") == 0)
            continue;
        fs_msg m = {""};
        int q = 0;
        while (q < FS_RQUEST_N && strcmp(e->key, quests[q].name) != 0)
            q++;
        if (q < FS_RQUEST_N) {
            fs_error qe = config_quest(p, (fs_rquest)q, e->value);
            if (qe == FS_ERR_USAGE)
                return fs_config_fail(cfg, e, err, "[report] %s: \"%s\" is not %s", e->key,
                                      e->value, quests[q].max_files > 1 ? "FILE or FILE, FILE"
                                                                        : "one FILE");
            if (qe)
                return qe;
        } else if (strcmp(e->key, "unit") == 0) {
            if (strcmp(e->value, "persons") != 0 && strcmp(e->value, "episodes") != 0)
                return fs_config_fail(cfg, e, err, "[report] unit: \"%s\" is not persons or "
                                                   "episodes", e->value);
            p->unit = strcmp(e->value, "persons") == 0 ? FS_UNIT_PERSONS : FS_UNIT_EPISODES;
        } else if (strcmp(e->key, "compare") == 0) {
            if (fs_report_plan_compare(p, e->value, today, &m))
                return fs_config_fail(cfg, e, err, "[report] compare: %s", m.text);
        } else if (strcmp(e->key, "trend") == 0) {
            if (fs_report_plan_trend(p, e->value, &m))
                return fs_config_fail(cfg, e, err, "[report] trend: %s", m.text);
        } else if (strncmp(e->key, "of.", 3) == 0 || strncmp(e->key, "title.", 6) == 0) {
            int of = e->key[0] == 'o';
            const char *name = e->key + (of ? 3 : 6);
            fs_rsheet *s = find_sheet(p, name);
            if (!s || (of && s->kind != FS_RSHEET_BREAKDOWN))
                return fs_config_fail(cfg, e, err, "[report] %s: \"%s\" is not a %ssheet of "
                                                   "the report", e->key, name,
                                      of ? "breakdown " : "");
            if (of) {
                unsigned pops;
                if (parse_pops(e->value, &pops))
                    return fs_config_fail(cfg, e, err, "[report] %s: \"%s\" is not a list of "
                                                       "populations (during, ongoing-start, "
                                                       "new, ended, ongoing-end, all)",
                                          e->key, e->value);
                for (size_t k = 0; k < s->n_items; k++)
                    s->pops[k] = pops;
            } else {
                free(s->title);
                if (!(s->title = fs_strdup(e->value)))
                    return FS_ERR_MEMORY;
            }
        } else {
            return fs_config_fail(cfg, e, err, "[report] unknown key \"%s\" (sheets, unit, "
                                               "compare, trend, of.SHEET, title.SHEET, hls, "
                                               "ogq, barometer, survey)", e->key);
        }
    }
    return FS_OK;
}

fs_error fs_report_config_check(const fs_config *cfg, fs_msg *err)
{
    fs_report_plan p;
    fs_error e = fs_report_plan_default(&p);
    if (!e)
        e = fs_report_plan_config(&p, cfg, err);
    fs_report_plan_free(&p);
    return e;
}

/* ---- one reading, an engine per period ---- */

typedef struct period_engine {
    fs_period period;
    fs_engine *e;
    int flow, keys; /* tallies: the flow classes (during), the key shares (ended) */
} period_engine;

typedef struct reading {
    period_engine *pe;
    size_t n;
    fs_engine *breakdowns; /* the breakdown sheets' engine when its unit differs, or NULL */
} reading;

static int add_all(const fs_episode *ep, void *user)
{
    reading *rd = user;
    for (size_t i = 0; i < rd->n; i++)
        if (fs_engine_add(ep, rd->pe[i].e))
            return 1;
    return rd->breakdowns && fs_engine_add(ep, rd->breakdowns);
}

static fs_engine *new_engine(const fs_report_run *run, const fs_period *p, fs_unit unit,
                             fs_msg *err)
{
    fs_engine_options o = {
        .has_period = 1,
        .period = *p,
        .unit = unit,
        .by_insats = 1,
        .insats = run->insats,
        .n_insats = run->n_insats,
        .config = run->config,
        .lang = run->table.lang,
        .as_of = run->as_of,
    };
    return fs_engine_new(&o, err);
}

static fs_error period_tallies(period_engine *pe, fs_msg *err)
{
    fs_tally_spec s;
    memset(&s, 0, sizeof s);
    s.pop = FS_FLOW_DURING;
    s.row.kind = FS_DIM_FLOW;
    s.col.kind = FS_DIM_NONE;
    pe->flow = fs_engine_tally(pe->e, &s, err);
    s.pop = FS_FLOW_ENDED;
    s.row.kind = FS_DIM_KEY_SHARE;
    pe->keys = fs_engine_tally(pe->e, &s, err);
    return pe->flow < 0 || pe->keys < 0 ? FS_ERR_DATA : FS_OK;
}

/* The slice of e named insats (NULL: the whole), or -1 when the engine saw no such insats. */
static long slice_of(const fs_engine *e, const char *insats)
{
    size_t n = fs_engine_slices(e);
    if (!insats)
        return (long)n - 1;
    for (size_t i = 0; i + 1 < n; i++)
        if (strcmp(fs_engine_slice_name(e, i), insats) == 0)
            return (long)i;
    return -1;
}

/* What the summary and the comparison show of one slice of one period. */
typedef struct figures {
    unsigned long flow[FS_FLOW_N][FS_SEX_N];
    unsigned long episodes;    /* during, whatever the unit */
    unsigned long work, near;  /* persons of the ended */
    unsigned long work_sex[FS_SEX_N], near_sex[FS_SEX_N];
    int present;
} figures;

static unsigned long sum3(const unsigned long n[FS_SEX_N])
{
    return n[0] + n[1] + n[2];
}

static figures figures_of(const period_engine *pe, const char *insats)
{
    figures f;
    memset(&f, 0, sizeof f);
    long s = pe && pe->e ? slice_of(pe->e, insats) : -1;
    if (s < 0)
        return f;
    f.present = 1;
    const fs_tally *flow = fs_engine_get(pe->e, (size_t)s, pe->flow);
    const fs_tally *keys = fs_engine_get(pe->e, (size_t)s, pe->keys);
    for (int r = 0; r < FS_FLOW_N; r++)
        fs_tally_cell(flow, r, FS_ALL, f.flow[r]);
    unsigned long ep[FS_SEX_N];
    fs_tally_episodes(flow, ep);
    f.episodes = sum3(ep);
    fs_tally_cell(keys, 0, FS_ALL, f.work_sex);
    f.work = sum3(f.work_sex);
    fs_tally_cell(keys, 1, FS_ALL, f.near_sex);
    f.near = sum3(f.near_sex);
    return f;
}

static double pct(unsigned long n, unsigned long of)
{
    return of ? 100.0 * (double)n / (double)of : NAN;
}

/* ---- the report's own tables ---- */

typedef struct rctx {
    const fs_report_run *run;
    const char *lang;
    const period_engine *cur, *cmp; /* cmp NULL: no comparison */
    char period[48], cmp_period[48]; /* "2024-01-01–2024-06-30" */
    char period_name[32], cmp_name[32];
    int unknown; /* any participant of any period without a recorded sex */
    const fs_intake *in;
} rctx;

static const char *const sex_keys[FS_SEX_N + 1] = {"women", "men", "unknown", "total"};
static const char *const flow_what[] = {"during", "new", "ended", "ongoing_at_end"};
static const fs_flow_row flow_rows[] = {FS_FLOW_DURING, FS_FLOW_NEW, FS_FLOW_ENDED,
                                        FS_FLOW_ONGOING_AT_END};
static const char *const flow_labels[] = {N_("During"), N_("New"), N_("Ended"),
                                          N_("Ongoing at end")};

static void period_text(const fs_period *p, char *out, size_t outsz)
{
    char a[11], b[11];
    fs_date_format(p->from, a);
    fs_date_format(p->to, b);
    snprintf(out, outsz, "%s\xE2\x80\x93%s", a, b);
}

static fs_table *new_table(const char *key, const char *title)
{
    fs_table *t = fs_table_new(key, title);
    if (t && fs_table_set_counts(t, key, NULL, "persons")) {
        fs_table_free(t);
        return NULL;
    }
    return t;
}

/* The summary's cells of one period's figures, or of the change from b to a. */
static void summary_cells(const rctx *c, fs_table *t, fs_row *row, const figures *a,
                          const figures *b)
{
    for (size_t w = 0; w < 4; w++) {
        unsigned long n[FS_SEX_N];
        for (int s = 0; s < FS_SEX_N; s++)
            n[s] = a->flow[flow_rows[w]][s];
        fs_row_set_sex_group(t, row, flow_what[w], n, c->unknown);
        if (b) { /* the change: counts may fall */
            char k[64];
            for (int s = 0; s <= FS_SEX_N; s++) {
                if (s == FS_SEX_UNKNOWN && !c->unknown)
                    continue;
                double x = s < FS_SEX_N ? (double)a->flow[flow_rows[w]][s]
                                        : (double)sum3(a->flow[flow_rows[w]]);
                double y = s < FS_SEX_N ? (double)b->flow[flow_rows[w]][s]
                                        : (double)sum3(b->flow[flow_rows[w]]);
                snprintf(k, sizeof k, "%s_%s", flow_what[w], sex_keys[s]);
                fs_row_set(t, row, k, x - y);
            }
        }
    }
    unsigned long ended = sum3(a->flow[FS_FLOW_ENDED]);
    if (!b) {
        fs_row_set(t, row, "episodes", (double)a->episodes);
        fs_row_set(t, row, "work", (double)a->work);
        fs_row_set(t, row, "work_pct", pct(a->work, ended));
        fs_row_set(t, row, "near", (double)a->near);
        fs_row_set(t, row, "near_pct", pct(a->near, ended));
        return;
    }
    unsigned long ended_b = sum3(b->flow[FS_FLOW_ENDED]);
    fs_row_set(t, row, "episodes", (double)a->episodes - (double)b->episodes);
    fs_row_set(t, row, "work", (double)a->work - (double)b->work);
    fs_row_set(t, row, "work_pct", pct(a->work, ended) - pct(b->work, ended_b));
    fs_row_set(t, row, "near", (double)a->near - (double)b->near);
    fs_row_set(t, row, "near_pct", pct(a->near, ended) - pct(b->near, ended_b));
}

/* --suppress: counts 1..N-1 hidden, the percentages of hidden counts too, and a change
 * whose either side is hidden (it would tell the hidden count). */
static void suppress_summary(fs_table *t, int threshold)
{
    if (threshold <= 1)
        return;
    fs_table_suppress(t, threshold);
    int w = fs_table_col(t, "work"), wp = fs_table_col(t, "work_pct");
    int n = fs_table_col(t, "near"), np = fs_table_col(t, "near_pct");
    for (size_t r = 0; r < t->n_rows; r++) {
        fs_cell *cells = t->rows[r].cells;
        if (cells[w].suppressed)
            cells[wp].suppressed = 1;
        if (cells[n].suppressed)
            cells[np].suppressed = 1;
    }
    /* a change row follows its comparison row, which follows the period's row */
    for (size_t r = 2; r < t->n_rows; r++) {
        if (t->rows[r].level != 1 || t->rows[r - 1].level != 1 || t->rows[r - 2].level != 0)
            continue;
        for (size_t col = 0; col < t->n_cols; col++) {
            double a = t->rows[r - 2].cells[col].value, b = t->rows[r - 1].cells[col].value;
            int hidden = t->rows[r - 2].cells[col].suppressed ||
                         t->rows[r - 1].cells[col].suppressed ||
                         (t->cols[col].kind == FS_COL_COUNT &&
                          ((a > 0 && a < threshold) || (b > 0 && b < threshold)));
            if (hidden)
                t->rows[r].cells[col].suppressed = 1;
        }
    }
}

static fs_error closing(const rctx *c, fs_table *t, fs_flow_row pop)
{
    fs_error e = fs_intake_add_notes(c->in, t, c->lang,
                                     fs_engine_felreg(c->cur->e, fs_engine_slices(c->cur->e) - 1,
                                                      pop),
                                     c->run->table.suppress);
    if (!e)
        e = fs_table_note_suppressed(t, c->run->table.suppress, c->lang);
    return e;
}

/* The slices to show: the whole (the association) first, then each insats of the report
 * period, by name. */
static size_t slice_names(const rctx *c, const char ***out)
{
    size_t n = fs_engine_slices(c->cur->e);
    const char **names = malloc(n * sizeof *names);
    *out = names;
    if (!names)
        return 0;
    names[0] = NULL;
    for (size_t i = 0; i + 1 < n; i++)
        names[i + 1] = fs_engine_slice_name(c->cur->e, i);
    return n;
}

static fs_table *summary_table(const rctx *c, const char *sheet)
{
    char *title = fs_asprintf("%s, %s", fs_tr(c->lang, "Summary"), c->period);
    fs_table *t = title ? new_table("summary", title) : NULL;
    const char **names = NULL;
    free(title);
    if (!t || fs_table_set_sheet(t, sheet))
        goto fail;
    for (size_t w = 0; w < 4; w++)
        if (fs_table_add_sex_group(t, flow_what[w], fs_tr(c->lang, flow_labels[w]), c->unknown, c->lang))
            goto fail;
    if (fs_table_add_col(t, "episodes", fs_tr(c->lang, "Episodes during"), FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "work", fs_tr(c->lang, "To work or studies"), FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "work_pct", fs_tr(c->lang, "Of the ended (%)"), FS_COL_NUMBER, 1, -1) < 0 ||
        fs_table_add_col(t, "near", fs_tr(c->lang, "Approached the labour market"), FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "near_pct", fs_tr(c->lang, "Of the ended (%)"), FS_COL_NUMBER, 1, -1) < 0)
        goto fail;
    size_t n = slice_names(c, &names);
    if (!names)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        figures a = figures_of(c->cur, names[i]);
        char *key = names[i] ? fs_slug(names[i]) : fs_strdup("association");
        fs_row *row = key ? fs_table_add_row(t, key, names[i] ? names[i]
                                                              : fs_tr(c->lang, "The association, all insatser"),
                                             0, 0)
                          : NULL;
        if (!row) {
            free(key);
            goto fail;
        }
        summary_cells(c, t, row, &a, NULL);
        if (c->cmp) {
            figures b = figures_of(c->cmp, names[i]);
            char *k1 = fs_asprintf("%s_compare", key), *k2 = fs_asprintf("%s_change", key);
            char *l1 = fs_asprintf("%s %s", fs_tr(c->lang, "Comparison period"), c->cmp_name);
            fs_row *r1 = k1 && l1 ? fs_table_add_row(t, k1, l1, 1, 0) : NULL;
            if (r1 && b.present)
                summary_cells(c, t, r1, &b, NULL);
            fs_row *r2 = r1 && k2 ? fs_table_add_row(t, k2, fs_tr(c->lang, "Change"), 1, 0) : NULL;
            if (r2 && b.present)
                summary_cells(c, t, r2, &a, &b);
            free(k1);
            free(k2);
            free(l1);
            if (!r2) {
                free(key);
                goto fail;
            }
        }
        free(key);
    }
    fs_error e = fs_table_add_note(t, fs_tr(c->lang, "Persons are counted: once in each insats, "
                                                     "and once for the association however many "
                                                     "insatser they were in; Episodes during "
                                                     "counts their episodes."));
    if (!e)
        e = fs_table_add_note(t, fs_tr(c->lang, "To work or studies and approached the labour "
                                                "market (work, studies, job seeking, continued "
                                                "rehabilitation): persons of the ended, and their "
                                                "share of the ended."));
    if (!e && c->cmp)
        e = fs_table_add_note(t, fs_tr(c->lang, "Comparison period %s (%s); Change is this "
                                                "period minus it, in percentage points for "
                                                "shares."),
                              c->cmp_name, c->cmp_period);
    if (!e)
        e = closing(c, t, FS_FLOW_DURING);
    suppress_summary(t, c->run->table.suppress);
    free(names);
    if (e)
        goto fail;
    return t;
fail:
    free(names);
    fs_table_free(t);
    return NULL;
}

/* The association's key figures, one row each (participants, new, ended, to work or
 * studies, approached the labour market): the total first (a board shows it large), by sex,
 * the share of the ended, and the comparison period's figures with the change. */
static fs_table *key_figures_table(const rctx *c, const char *sheet)
{
    char *title = fs_asprintf("%s, %s", fs_tr(c->lang, "Key figures"), c->period);
    fs_table *t = title ? new_table("key_figures", title) : NULL;
    free(title);
    if (!t || fs_table_set_sheet(t, sheet))
        goto fail;
    t->figures = 1;
    char *cmp = fs_asprintf("%s %s", fs_tr(c->lang, "Comparison period"), c->cmp_name);
    char *cmp_pct = fs_asprintf(fs_tr(c->lang, "%s, of the ended (%%)"), c->cmp_name);
    int ok = cmp && cmp_pct &&
             fs_table_add_col(t, "total", fs_tr(c->lang, "Total"), FS_COL_COUNT, 0, -1) >= 0 &&
             fs_table_add_col(t, "pct", fs_tr(c->lang, "Of the ended (%)"), FS_COL_NUMBER, 1, -1) >= 0 &&
             fs_table_add_col(t, "women", fs_tr(c->lang, "Women"), FS_COL_COUNT, 0, -1) >= 0 &&
             fs_table_add_col(t, "men", fs_tr(c->lang, "Men"), FS_COL_COUNT, 0, -1) >= 0 &&
             (!c->unknown || fs_table_add_col(t, "unknown", fs_tr(c->lang, "Sex not recorded"),
                                              FS_COL_COUNT, 0, -1) >= 0) &&
             (!c->cmp || (fs_table_add_col(t, "compare", cmp, FS_COL_COUNT, 0, -1) >= 0 &&
                          fs_table_add_col(t, "compare_pct", cmp_pct, FS_COL_NUMBER, 1, -1) >= 0 &&
                          fs_table_add_col(t, "change", fs_tr(c->lang, "Change"), FS_COL_NUMBER, 0, -1) >= 0 &&
                          fs_table_add_col(t, "change_pct", fs_tr(c->lang, "Change (percentage points)"),
                                           FS_COL_NUMBER, 1, -1) >= 0));
    free(cmp);
    free(cmp_pct);
    if (!ok)
        goto fail;
    static const struct {
        const char *key, *label;
    } rows[] = {
        {"during", N_("Participants during the period")}, {"new", N_("New")},
        {"ended", N_("Ended")}, {"work", N_("To work or studies")},
        {"near", N_("Approached the labour market")},
    };
    figures a = figures_of(c->cur, NULL), b = figures_of(c->cmp, NULL);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        fs_row *row = fs_table_add_row(t, rows[i].key, fs_tr(c->lang, rows[i].label), 0, 0);
        if (!row)
            goto fail;
        const unsigned long *na = i == 0 ? a.flow[FS_FLOW_DURING] : i == 1 ? a.flow[FS_FLOW_NEW]
                                : i == 2 ? a.flow[FS_FLOW_ENDED] : i == 3 ? a.work_sex : a.near_sex;
        const unsigned long *nb = i == 0 ? b.flow[FS_FLOW_DURING] : i == 1 ? b.flow[FS_FLOW_NEW]
                                : i == 2 ? b.flow[FS_FLOW_ENDED] : i == 3 ? b.work_sex : b.near_sex;
        fs_row_set(t, row, "total", (double)sum3(na));
        fs_row_set(t, row, "women", (double)na[FS_SEX_WOMAN]);
        fs_row_set(t, row, "men", (double)na[FS_SEX_MAN]);
        if (c->unknown)
            fs_row_set(t, row, "unknown", (double)na[FS_SEX_UNKNOWN]);
        if (i >= 3)
            fs_row_set(t, row, "pct", pct(sum3(na), sum3(a.flow[FS_FLOW_ENDED])));
        if (!c->cmp || !b.present)
            continue;
        fs_row_set(t, row, "compare", (double)sum3(nb));
        fs_row_set(t, row, "change", (double)sum3(na) - (double)sum3(nb));
        if (i >= 3) {
            double pb = pct(sum3(nb), sum3(b.flow[FS_FLOW_ENDED]));
            fs_row_set(t, row, "compare_pct", pb);
            fs_row_set(t, row, "change_pct", pct(sum3(na), sum3(a.flow[FS_FLOW_ENDED])) - pb);
        }
    }
    int threshold = c->run->table.suppress;
    if (threshold > 1) {
        /* a share, or a change, of a hidden count would tell it */
        fs_table_suppress(t, threshold);
        int tc = fs_table_col(t, "total"), pc = fs_table_col(t, "pct");
        int cc = fs_table_col(t, "compare"), cp = fs_table_col(t, "compare_pct");
        int dc = fs_table_col(t, "change"), dp = fs_table_col(t, "change_pct");
        for (size_t r = 0; r < t->n_rows; r++) {
            fs_cell *cell = t->rows[r].cells;
            cell[pc].suppressed |= cell[tc].suppressed;
            if (cc < 0)
                continue;
            cell[cp].suppressed |= cell[cc].suppressed;
            cell[dc].suppressed |= cell[tc].suppressed || cell[cc].suppressed;
            cell[dp].suppressed |= cell[tc].suppressed || cell[cc].suppressed;
        }
    }
    if (fs_table_add_note(t, fs_tr(c->lang, "The association: persons, each counted once "
                                            "however many insatser they were in. To work or "
                                            "studies and approached the labour market are "
                                            "persons of the ended; the share is of the ended.")))
        goto fail;
    if (c->cmp && fs_table_add_note(t, fs_tr(c->lang, "Comparison period %s (%s); Change is this "
                                                      "period minus it, in percentage points for "
                                                      "shares."),
                                    c->cmp_name, c->cmp_period))
        goto fail;
    if (closing(c, t, FS_FLOW_DURING))
        goto fail;
    return t;
fail:
    fs_table_free(t);
    return NULL;
}

/* Key share k (0 to work or studies, 1 approached) this period against the comparison, per
 * slice, with Fisher's exact test of the 2 x 2 table. */
static fs_table *key_share_table(const rctx *c, int k, const char *sheet, int first)
{
    const char *what = k ? fs_tr(c->lang, "Approached the labour market")
                         : fs_tr(c->lang, "To work or studies");
    char *title = fs_asprintf("%s, %s %s %s", what, c->period_name, fs_tr(c->lang, "against"),
                              c->cmp_name);
    fs_table *t = title ? new_table(k ? "compare_approached" : "compare_work", title) : NULL;
    const char **names = NULL;
    free(title);
    if (!t || (first && fs_table_set_sheet(t, sheet)))
        goto fail;
    t->continues = !first;
    char this_n[48], this_of[48], cmp_n[48], cmp_of[48];
    snprintf(this_n, sizeof this_n, "%s: %s", c->period_name, fs_tr(c->lang, "n"));
    snprintf(this_of, sizeof this_of, "%s: %s", c->period_name, fs_tr(c->lang, "of ended"));
    snprintf(cmp_n, sizeof cmp_n, "%s: %s", c->cmp_name, fs_tr(c->lang, "n"));
    snprintf(cmp_of, sizeof cmp_of, "%s: %s", c->cmp_name, fs_tr(c->lang, "of ended"));
    char this_pct[48], cmp_pct[48];
    snprintf(this_pct, sizeof this_pct, "%s: %s", c->period_name, fs_tr(c->lang, "share (%)"));
    snprintf(cmp_pct, sizeof cmp_pct, "%s: %s", c->cmp_name, fs_tr(c->lang, "share (%)"));
    if (fs_table_add_col(t, "n", this_n, FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "of", this_of, FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "pct", this_pct, FS_COL_NUMBER, 1, -1) < 0 ||
        fs_table_add_col(t, "compare_n", cmp_n, FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "compare_of", cmp_of, FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "compare_pct", cmp_pct, FS_COL_NUMBER, 1, -1) < 0 ||
        fs_table_add_col(t, "difference", fs_tr(c->lang, "Difference (percentage points)"),
                         FS_COL_NUMBER, 1, -1) < 0 ||
        fs_table_add_col(t, "p", fs_tr(c->lang, "p (Fisher's exact test, two-sided)"),
                         FS_COL_PVALUE, 0, -1) < 0)
        goto fail;
    size_t n = slice_names(c, &names);
    if (!names)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        figures a = figures_of(c->cur, names[i]), b = figures_of(c->cmp, names[i]);
        unsigned long x = k ? a.near : a.work, y = k ? b.near : b.work;
        unsigned long nx = sum3(a.flow[FS_FLOW_ENDED]), ny = sum3(b.flow[FS_FLOW_ENDED]);
        char *key = names[i] ? fs_slug(names[i]) : fs_strdup("association");
        fs_row *row = key ? fs_table_add_row(t, key, names[i] ? names[i]
                                                              : fs_tr(c->lang, "The association, all insatser"),
                                             0, 0)
                          : NULL;
        free(key);
        if (!row)
            goto fail;
        fs_row_set(t, row, "n", (double)x);
        fs_row_set(t, row, "of", (double)nx);
        fs_row_set(t, row, "pct", pct(x, nx));
        if (!b.present)
            continue;
        fs_row_set(t, row, "compare_n", (double)y);
        fs_row_set(t, row, "compare_of", (double)ny);
        fs_row_set(t, row, "compare_pct", pct(y, ny));
        fs_row_set(t, row, "difference", pct(x, nx) - pct(y, ny));
        unsigned r1[2] = {(unsigned)x, (unsigned)(nx - x)}, r2[2] = {(unsigned)y, (unsigned)(ny - y)};
        double p;
        if (nx && ny && fs_fisher_2xk(r1, r2, 2, &p) == FS_OK)
            fs_row_set(t, row, "p", p);
    }
    free(names);
    names = NULL;
    /* the share this period beside the comparison period's, per insats */
    char *chart = fs_asprintf(fs_tr(c->lang, "%s, of the ended (%%)"), what);
    fs_error e = chart ? fs_table_set_chart(t, chart, 1, "pct", "compare_pct") : FS_ERR_MEMORY;
    free(chart);
    if (!e)
        e = fs_table_add_note(t, fs_tr(c->lang, "Persons of the ended in each period. "
                                                     "Fisher's exact test of the 2 x 2 table "
                                                     "(reached or not, this period or the "
                                                     "comparison period), two-sided, as R's "
                                                     "fisher.test."));
    if (!e && c->run->table.suppress > 1) {
        fs_table_suppress(t, c->run->table.suppress);
        /* shares, differences and tests of hidden counts are hidden with them */
        for (size_t r = 0; r < t->n_rows; r++) {
            fs_cell *cl = t->rows[r].cells;
            int h1 = cl[0].suppressed || cl[1].suppressed, h2 = cl[3].suppressed || cl[4].suppressed;
            cl[2].suppressed |= h1;
            cl[5].suppressed |= h2;
            cl[6].suppressed |= h1 || h2;
            cl[7].suppressed |= h1 || h2;
        }
        e = fs_table_note_suppressed(t, c->run->table.suppress, c->lang);
    }
    if (e)
        goto fail;
    return t;
fail:
    free(names);
    fs_table_free(t);
    return NULL;
}

/* The flow of the association this period and the comparison period, side by side. */
static fs_table *flow_compare_table(const rctx *c)
{
    char *title = fs_asprintf("%s, %s %s %s", fs_tr(c->lang, "Participant flow"), c->period_name,
                              fs_tr(c->lang, "against"), c->cmp_name);
    fs_table *t = title ? new_table("compare_flow", title) : NULL;
    free(title);
    if (!t)
        return NULL;
    t->continues = 1;
    figures a = figures_of(c->cur, NULL), b = figures_of(c->cmp, NULL);
    if (fs_table_add_sex_group(t, "this", c->period_name, c->unknown, c->lang) ||
        fs_table_add_sex_group(t, "compare", c->cmp_name, c->unknown, c->lang) ||
        fs_table_add_col(t, "change", fs_tr(c->lang, "Change"), FS_COL_COUNT, 0, -1) < 0)
        goto fail;
    for (int r = 0; r < FS_FLOW_N; r++) {
        fs_row *row = fs_table_add_row(t, fs_flow_key(r), fs_flow_label(r, c->lang), 0, 0);
        if (!row)
            goto fail;
        fs_row_set_sex_group(t, row, "this", a.flow[r], c->unknown);
        fs_row_set_sex_group(t, row, "compare", b.flow[r], c->unknown);
        fs_row_set(t, row, "change", (double)sum3(a.flow[r]) - (double)sum3(b.flow[r]));
    }
    fs_error e = fs_table_add_note(t, fs_tr(c->lang, "Persons, the association."));
    if (!e && c->run->table.suppress > 1) {
        fs_table_suppress(t, c->run->table.suppress);
        int ch = fs_table_col(t, "change"), at = fs_table_col(t, "this_total"),
            ct = fs_table_col(t, "compare_total");
        for (size_t r = 0; r < t->n_rows; r++)
            t->rows[r].cells[ch].suppressed |= t->rows[r].cells[at].suppressed ||
                                               t->rows[r].cells[ct].suppressed;
        e = fs_table_note_suppressed(t, c->run->table.suppress, c->lang);
    }
    if (e)
        goto fail;
    return t;
fail:
    fs_table_free(t);
    return NULL;
}

/* The trend of one slice over the trend periods: counts (with a line chart) and shares. */
static fs_error trend_tables(const rctx *c, const period_engine *tr, size_t n_tr,
                             const char *insats, const char *sheet, int first, fs_report *rep)
{
    static const struct {
        const char *key, *label;
    } count_rows[] = {
        {"during_women", N_("Participants during the period: women")},
        {"during_men", N_("Participants during the period: men")},
        {"during_total", N_("Participants during the period")},
        {"new_total", N_("New")},
        {"ended_total", N_("Ended")},
        {"ongoing_at_end_total", N_("Ongoing at end")},
    };
    static const struct {
        const char *key, *label;
    } share_rows[] = {
        {"women_pct", N_("Women among the participants (%)")},
        {"work_pct", N_("To work or studies, of the ended (%)")},
        {"near_pct", N_("Approached the labour market, of the ended (%)")},
    };
    const char *name = insats ? insats : fs_tr(c->lang, "The association, all insatser");
    char *slug = insats ? fs_slug(insats) : fs_strdup("association");
    char *t1 = fs_asprintf("%s, %s", fs_tr(c->lang, "Trend"), name);
    char *t2 = fs_asprintf("%s, %s", fs_tr(c->lang, "Trend, shares"), name);
    char *k1 = slug ? fs_asprintf("trend_%s", slug) : NULL;
    char *k2 = slug ? fs_asprintf("trend_shares_%s", slug) : NULL;
    fs_table *a = t1 && k1 ? new_table(k1, t1) : NULL, *b = t2 && k2 ? new_table(k2, t2) : NULL;
    free(slug), free(t1), free(t2), free(k1), free(k2);
    fs_error e = a && b ? FS_OK : FS_ERR_MEMORY;
    if (!e && first)
        e = fs_table_set_sheet(a, sheet);
    if (a)
        a->continues = !first;
    if (b)
        b->continues = 1;
    for (size_t i = 0; !e && i < n_tr; i++) {
        char pk[40];
        snprintf(pk, sizeof pk, "p%zu", i);
        char label[32];
        fs_period_name(&tr[i].period, label, sizeof label);
        if (fs_table_add_col(a, pk, label, FS_COL_COUNT, 0, -1) < 0 ||
            fs_table_add_col(b, pk, label, FS_COL_NUMBER, 1, -1) < 0)
            e = FS_ERR_MEMORY;
    }
    for (size_t r = 0; !e && r < sizeof count_rows / sizeof count_rows[0]; r++) {
        fs_row *row = fs_table_add_row(a, count_rows[r].key, fs_tr(c->lang, count_rows[r].label),
                                       0, 0);
        if (!row) {
            e = FS_ERR_MEMORY;
            break;
        }
        for (size_t i = 0; i < n_tr; i++) {
            figures f = figures_of(&tr[i], insats);
            double v = r == 0 ? (double)f.flow[FS_FLOW_DURING][FS_SEX_WOMAN]
                     : r == 1 ? (double)f.flow[FS_FLOW_DURING][FS_SEX_MAN]
                     : (double)sum3(f.flow[r == 2 ? FS_FLOW_DURING : r == 3 ? FS_FLOW_NEW
                                           : r == 4 ? FS_FLOW_ENDED : FS_FLOW_ONGOING_AT_END]);
            row->cells[i].value = v;
        }
    }
    for (size_t r = 0; !e && r < sizeof share_rows / sizeof share_rows[0]; r++) {
        fs_row *row = fs_table_add_row(b, share_rows[r].key, fs_tr(c->lang, share_rows[r].label),
                                       0, 0);
        if (!row) {
            e = FS_ERR_MEMORY;
            break;
        }
        for (size_t i = 0; i < n_tr; i++) {
            figures f = figures_of(&tr[i], insats);
            unsigned long ended = sum3(f.flow[FS_FLOW_ENDED]);
            row->cells[i].value = r == 0 ? pct(f.flow[FS_FLOW_DURING][FS_SEX_WOMAN],
                                               sum3(f.flow[FS_FLOW_DURING]))
                                : r == 1 ? pct(f.work, ended) : pct(f.near, ended);
        }
    }
    static const char *const charted[] = {"during_total", "new_total", "ended_total",
                                          "ongoing_at_end_total"};
    if (!e)
        e = fs_table_set_line_chart(a, fs_tr(c->lang, "Participant flow over the periods"),
                                    charted, 4);
    if (!e)
        e = fs_table_add_note(b, fs_tr(c->lang, "Persons. Shares in percent with one decimal; "
                                                "an empty cell: no one to take a share of."));
    if (!e && c->run->table.suppress > 1) {
        fs_table_suppress(a, c->run->table.suppress);
        /* a share of so few is hidden with the counts: the column of a hidden count */
        for (size_t i = 0; i < n_tr; i++) {
            int hidden = 0;
            for (size_t r = 0; r < a->n_rows; r++)
                hidden |= a->rows[r].cells[i].suppressed;
            for (size_t r = 0; hidden && r < b->n_rows; r++)
                b->rows[r].cells[i].suppressed = 1;
        }
        e = fs_table_note_suppressed(a, c->run->table.suppress, c->lang);
    }
    if (!e) {
        e = fs_report_add_table(rep, a);
        a = NULL;
    }
    if (!e) {
        e = fs_report_add_table(rep, b);
        b = NULL;
    }
    fs_table_free(a);
    fs_table_free(b);
    return e;
}

static void hex(const unsigned char *h, char out[65])
{
    for (int i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", h[i]);
}

static int count_record(const fs_csv_record *rec, void *user)
{
    (void)rec;
    (void)user;
    return 0;
}

/* A row of "Om rapporten" for questionnaire file k of q ("HLS-EU: hls.csv", its bytes and
 * data rows, read once more for them and its SHA-256) and a note with the SHA-256; empty
 * cells when it cannot be read now. */
static fs_error about_quest_file(const rctx *c, fs_table *t, fs_rquest q, int k,
                                 const char *path)
{
    fs_csv_options o = c->run->csv;
    fs_csv_info info;
    fs_msg m = {""};
    char safe[FS_SAFE_TEXT_MAX * 4 + 8], key[32], h[65] = "";
    memset(&info, 0, sizeof info);
    o.sha256 = 1;
    int ok = fs_csv_read_file(path, &o, count_record, NULL, &info, &m) == FS_OK;
    fs_safe_text(path, safe, sizeof safe);
    snprintf(key, sizeof key, "%s%d", quests[q].name, k + 1);
    char *label = fs_asprintf("%s: %s", fs_tr(c->lang, quests[q].title), safe);
    fs_row *row = label ? fs_table_add_row(t, key, label, 0, 0) : NULL;
    free(label);
    if (!row)
        return FS_ERR_MEMORY;
    if (ok) {
        fs_row_set(t, row, "bytes", (double)info.bytes);
        fs_row_set(t, row, "rows", (double)(info.records ? info.records - 1 : 0));
        if (info.has_sha256)
            hex(info.sha256, h);
    }
    return fs_table_add_note(t, "%s: SHA-256 %s", safe, h);
}

/* Om rapporten: the inputs (size, rows, SHA-256), the command, the version, the periods,
 * what was excluded and why, and every warning. */
static fs_table *about_table(const rctx *c, const fs_report_plan *plan, const char *sheet,
                             const fs_report *rep)
{
    fs_table *t = new_table("about", fs_tr(c->lang, "About the report"));
    if (!t || fs_table_set_sheet(t, sheet) ||
        fs_table_add_col(t, "bytes", fs_tr(c->lang, "Bytes"), FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "rows", fs_tr(c->lang, "Rows"), FS_COL_COUNT, 0, -1) < 0)
        goto fail;
    fs_error e = FS_OK;
    for (size_t i = 0; !e && i < c->in->n_files; i++) {
        const fs_intake_file *f = &c->in->files[i];
        char key[32];
        snprintf(key, sizeof key, "file%zu", i + 1);
        fs_row *row = fs_table_add_row(t, key, f->path, 0, 0);
        if (!row) {
            e = FS_ERR_MEMORY;
            break;
        }
        fs_row_set(t, row, "bytes", (double)f->bytes);
        fs_row_set(t, row, "rows", (double)f->rows);
    }
    for (size_t i = 0; !e && i < c->in->n_files; i++) {
        char h[65] = "";
        if (c->in->files[i].has_sha256)
            hex(c->in->files[i].sha256, h);
        e = fs_table_add_note(t, "%s: SHA-256 %s", c->in->files[i].path, h);
    }
    for (int q = 0; !e && q < FS_RQUEST_N; q++)
        for (int k = 0; !e && k < 2 && c->run->quest[q] && plan->quest[q][k]; k++)
            e = about_quest_file(c, t, (fs_rquest)q, k, plan->quest[q][k]);
    if (!e)
        e = fs_table_add_note(t, "%s: %s", fs_tr(c->lang, "Command"), c->run->command_line);
    if (!e)
        e = fs_table_add_note(t, "%s: finsam-stats %s", fs_tr(c->lang, "Version"), c->run->version);
    if (!e)
        e = fs_table_add_note(t, "%s: %s (%s)", fs_tr(c->lang, "Period"), c->period_name, c->period);
    if (!e)
        e = c->cmp ? fs_table_add_note(t, "%s: %s (%s)", fs_tr(c->lang, "Comparison period"),
                                       c->cmp_name, c->cmp_period)
                   : fs_table_add_note(t, "%s: %s", fs_tr(c->lang, "Comparison period"),
                                       fs_tr(c->lang, "none"));
    if (!e)
        e = fs_table_add_note(t, fs_tr(c->lang, "Rows read: %lu; counted: %lu; Felregistrering: "
                                                "%lu; excluded for errors: %lu; empty rows "
                                                "skipped: %lu."),
                              c->in->rows, c->in->counted, c->in->felreg, c->in->excluded,
                              c->in->empty_rows);
    if (!e)
        e = fs_intake_add_notes(c->in, t, c->lang, 0, 0);
    for (size_t i = 0; !e && i < rep->n_warnings; i++)
        e = fs_table_add_note(t, "%s: %s", fs_tr(c->lang, "Warning"), rep->warnings[i]);
    if (!e && !rep->n_warnings)
        e = fs_table_add_note(t, "%s", fs_tr(c->lang, "No warnings."));
    if (e)
        goto fail;
    return t;
fail:
    fs_table_free(t);
    return NULL;
}

/* ---- the report ---- */

/* The questionnaires' sheets: each one's tables, moved from its command's report, on a
 * sheet of its own. */
static fs_error quest_sheets(const fs_report_run *run, const char *lang, fs_report *rep)
{
    fs_error e = FS_OK;
    for (int q = 0; q < FS_RQUEST_N; q++) {
        fs_report *r = run->quest[q];
        for (size_t i = 0; r && i < r->n_tables; i++) {
            fs_table *t = r->tables[i];
            r->tables[i] = NULL;
            if (e) {
                fs_table_free(t);
                continue;
            }
            t->continues = i > 0;
            if (i == 0 && fs_table_set_sheet(t, fs_tr(lang, quests[q].title))) {
                fs_table_free(t);
                e = FS_ERR_MEMORY;
                continue;
            }
            e = fs_report_add_table(rep, t);
        }
        if (r)
            r->n_tables = 0;
    }
    return e;
}

/* Where the warnings go: the caller's function. */
typedef struct warn_sink {
    void (*warn)(const char *line, void *user);
    void *user;
} warn_sink;

static void emit_to_report(const char *line, void *user)
{
    const warn_sink *w = user;
    if (w->warn)
        w->warn(line, w->user);
}

fs_error fs_report_make(const fs_report_plan *plan, const fs_report_run *run, fs_report *rep,
                        void (*warn)(const char *line, void *user), void *user, fs_msg *err)
{
    const char *lang = run->table.lang;
    fs_error e = FS_OK;
    fs_intake in;
    memset(&in, 0, sizeof in);
    period_engine cur = {run->period, NULL, -1, -1}, cmp = {{0, 0}, NULL, -1, -1};
    period_engine *tr = NULL;
    fs_plan **plans = NULL;
    fs_engine *bd = NULL; /* the breakdown sheets' engine, when its unit is not persons */
    int has_cmp = plan->compare != FS_COMPARE_NONE;
    if (has_cmp)
        cmp.period = plan->compare == FS_COMPARE_PERIOD ? plan->compare_period
                     : fs_period_shift(&run->period, plan->compare == FS_COMPARE_LAST_YEAR);
    int has_trend = 0;
    for (size_t i = 0; i < plan->n_sheets; i++)
        has_trend |= plan->sheets[i].kind == FS_RSHEET_TREND;
    size_t n_tr = has_trend ? plan->n_trend : 0;
    if (n_tr && !(tr = calloc(n_tr, sizeof *tr)))
        goto oom;
    if (!(plans = calloc(plan->n_sheets + 1, sizeof *plans)))
        goto oom;
    /* engines: the period's (persons), the comparison's, each trend period's */
    if (!(cur.e = new_engine(run, &run->period, FS_UNIT_PERSONS, err)) || period_tallies(&cur, err))
        goto fail;
    if (has_cmp && (!(cmp.e = new_engine(run, &cmp.period, FS_UNIT_PERSONS, err)) ||
                    period_tallies(&cmp, err)))
        goto fail;
    for (size_t i = 0; i < n_tr; i++) {
        tr[i].period = plan->trend[i];
        if (!(tr[i].e = new_engine(run, &tr[i].period, FS_UNIT_PERSONS, err)) ||
            period_tallies(&tr[i], err))
            goto fail;
    }
    if (plan->unit != FS_UNIT_PERSONS && !(bd = new_engine(run, &run->period, plan->unit, err)))
        goto fail;
    fs_engine *bde = bd ? bd : cur.e;
    for (size_t i = 0; i < plan->n_sheets; i++) {
        const fs_rsheet *s = &plan->sheets[i];
        if (s->kind != FS_RSHEET_BREAKDOWN)
            continue;
        if (!(plans[i] = fs_plan_new()))
            goto oom;
        for (size_t k = 0; k < s->n_items; k++) {
            fs_error pe = fs_plan_add(plans[i], s->breakdown[k], s->pops[k], err);
            if (pe) {
                e = pe;
                goto fail;
            }
        }
        if ((e = fs_plan_register(plans[i], bde, err)))
            goto fail;
    }
    /* one reading for all of them */
    reading rd = {NULL, 0, bd};
    period_engine *all = calloc(2 + n_tr, sizeof *all);
    if (!all)
        goto oom;
    all[rd.n++] = cur;
    if (has_cmp)
        all[rd.n++] = cmp;
    for (size_t i = 0; i < n_tr; i++)
        all[rd.n++] = tr[i];
    rd.pe = all;
    fs_export_options xo = {.csv = run->csv, .config = run->config,
                            .required = FS_FIELD_BIT(FS_FIELD_ENTRY) | FS_FIELD_BIT(FS_FIELD_EXIT),
                            .as_of = run->as_of};
    xo.csv.sha256 = 1;
    fs_engine_export_options(bde, &xo);
    for (size_t i = 0; i < rd.n; i++)
        if (rd.pe[i].e != bde)
            fs_engine_export_options(rd.pe[i].e, &xo);
    e = fs_intake_run(run->files, run->n_files, &xo, run->strict, add_all, &rd, &in, err);
    free(all);
    for (size_t i = 0; !e && i < 1 + (size_t)has_cmp + n_tr; i++) {
        fs_engine *x = i == 0 ? cur.e : i == 1 && has_cmp ? cmp.e : tr[i - 1 - (size_t)has_cmp].e;
        if ((e = fs_engine_finish(x)))
            fs_msg_set(err, "out of memory");
    }
    if (!e && bd && (e = fs_engine_finish(bd)))
        fs_msg_set(err, "out of memory");
    if (e)
        goto fail;
    /* the warnings: the reader's, then each engine's (the breakdown engine reads the most) */
    warn_sink w = {warn, user};
    fs_intake_each_warning(&in, emit_to_report, &w);
    fs_engine_each_warning(bde, emit_to_report, &w);
    /* the tables */
    rctx c = {run, lang, &cur, has_cmp ? &cmp : NULL, "", "", "", "", 0, &in};
    period_text(&run->period, c.period, sizeof c.period);
    fs_period_name(&run->period, c.period_name, sizeof c.period_name);
    if (has_cmp) {
        period_text(&cmp.period, c.cmp_period, sizeof c.cmp_period);
        fs_period_name(&cmp.period, c.cmp_name, sizeof c.cmp_name);
    }
    for (size_t i = 0; i < 1 + (size_t)has_cmp; i++) {
        figures f = figures_of(i ? &cmp : &cur, NULL);
        for (int r = 0; r < FS_FLOW_N; r++)
            c.unknown |= f.flow[r][FS_SEX_UNKNOWN] > 0;
    }
    int quests_done = 0;
    for (size_t i = 0; i < plan->n_sheets && !e; i++) {
        const fs_rsheet *s = &plan->sheets[i];
        /* the questionnaires after the breakdowns, before comparison, trend and about */
        if (!quests_done && s->kind != FS_RSHEET_SUMMARY && s->kind != FS_RSHEET_BREAKDOWN) {
            quests_done = 1;
            if ((e = quest_sheets(run, lang, rep)))
                break;
        }
        size_t k = 0;
        while (k < N_SHEET_KINDS && strcmp(sheet_kinds[k].name, s->name) != 0)
            k++;
        const char *sheet = s->title ? s->title
                            : k < N_SHEET_KINDS ? fs_tr(lang, sheet_kinds[k].title)
                                                : s->name + 7; /* column:HEADER */
        fs_table *t = NULL;
        switch (s->kind) {
        case FS_RSHEET_SUMMARY:
            e = (t = key_figures_table(&c, sheet)) ? fs_report_add_table(rep, t) : FS_ERR_MEMORY;
            if (!e && (t = summary_table(&c, sheet)) != NULL)
                t->continues = 1;
            if (!e)
                e = t ? fs_report_add_table(rep, t) : FS_ERR_MEMORY;
            break;
        case FS_RSHEET_BREAKDOWN: {
            fs_table_options o = run->table;
            o.intake = &in;
            o.whole_first = 1;
            o.sheet = sheet;
            /* a board draws flow and exit reasons per insats side by side */
            o.multiples = strcmp(s->name, "flow") == 0 || strcmp(s->name, "exit-reason") == 0;
            e = fs_plan_tables(plans[i], bde, &o, rep);
            break;
        }
        case FS_RSHEET_COMPARISON:
            if (!has_cmp)
                break;
            for (int key = 0; key < 2 && !e; key++)
                e = (t = key_share_table(&c, key, sheet, key == 0)) ? fs_report_add_table(rep, t)
                                                                    : FS_ERR_MEMORY;
            if (!e)
                e = (t = flow_compare_table(&c)) ? fs_report_add_table(rep, t) : FS_ERR_MEMORY;
            break;
        case FS_RSHEET_TREND: {
            if (!n_tr)
                break;
            /* the association, then each insats seen in any trend period, by name */
            fs_bykey *names = fs_bykey_new(0);
            if (!names) {
                e = FS_ERR_MEMORY;
                break;
            }
            for (size_t p = 0; p < n_tr && !e; p++)
                for (size_t sl = 0; sl + 1 < fs_engine_slices(tr[p].e); sl++)
                    if (!fs_bykey_get(names, fs_engine_slice_name(tr[p].e, sl)))
                        e = FS_ERR_MEMORY;
            fs_bykey_sort(names);
            if (!e)
                e = trend_tables(&c, tr, n_tr, NULL, sheet, 1, rep);
            for (size_t sl = 0; !e && sl < fs_bykey_count(names); sl++)
                e = trend_tables(&c, tr, n_tr, fs_bykey_at(names, sl)->label, sheet, 0, rep);
            fs_bykey_free(names);
            break;
        }
        case FS_RSHEET_ABOUT:
            e = (t = about_table(&c, plan, sheet, rep)) ? fs_report_add_table(rep, t)
                                                         : FS_ERR_MEMORY;
            break;
        }
    }
    if (!e && !quests_done)
        e = quest_sheets(run, lang, rep);
    if (e) {
        fs_msg_set(err, "out of memory");
        goto fail;
    }
    /* the document's properties: what it is, and what it was made from */
    {
        fs_buf comments = {0};
        for (size_t i = 0; i < in.n_files; i++) {
            char h[65] = "";
            if (in.files[i].has_sha256)
                hex(in.files[i].sha256, h);
            fs_buf_printf(&comments, "%s%s: SHA-256 %s", i ? "; " : "", in.files[i].path, h);
        }
        rep->doc_title = fs_asprintf("%s %s", fs_tr(lang, "Report"), c.period_name);
        rep->doc_subject = has_cmp ? fs_asprintf("%s %s (%s), %s %s", fs_tr(lang, "Report"),
                                                 c.period_name, c.period,
                                                 fs_tr(lang, "against"), c.cmp_name)
                                   : fs_asprintf("%s %s (%s)", fs_tr(lang, "Report"),
                                                 c.period_name, c.period);
        rep->doc_comments = comments.data;
        if (comments.failed || !rep->doc_title || !rep->doc_subject)
            goto oom;
    }
    goto done;
oom:
    fs_msg_set(err, "out of memory");
    e = FS_ERR_MEMORY;
    goto done;
fail:
    if (!e)
        e = FS_ERR_DATA;
done:
    for (size_t i = 0; plans && i < plan->n_sheets; i++)
        fs_plan_free(plans[i]);
    free(plans);
    fs_engine_free(cur.e);
    fs_engine_free(cmp.e);
    for (size_t i = 0; i < n_tr; i++)
        fs_engine_free(tr[i].e);
    free(tr);
    fs_engine_free(bd);
    fs_intake_free(&in);
    return e;
}
