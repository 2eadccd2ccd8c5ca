/* cmd_participants.c: `finsam-stats participants`: participant flow over a period by sex,
 * and the report breakdowns (referrer, income support, target group, municipality, age,
 * month, time in the programme).
 *
 * Streaming: each episode is classified and counted as it is read. What is kept grows only
 * with the number of distinct category values (municipalities, target groups, unknown
 * referrer or income values, insatser with --by insats), with the months of the period and,
 * for the duration breakdown, with the longest time in the programme (a histogram of days
 * per sex, from which the quartiles are exact): never with the number of rows. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "finsam/bykey.h"
#include "finsam/dayhist.h"
#include "finsam/flow.h"
#include "finsam/intake.h"
#include "finsam/sextable.h"
#include "finsam/strmap.h"
#include "finsam/text.h"
#include "finsam/vocab.h"

static const char usage[] =
    "Usage: finsam-stats participants --period P [OPTIONS] FILE...\n"
    "\n"
    "Participant flow in the period by sex: participants during the period, ongoing at its\n"
    "start, new, ended, ongoing at its end (ongoing at start + new = ended + ongoing at end),\n"
    "and the report breakdowns. Felregistrering is excluded and reported. Several files are\n"
    "one data set; each episode counts.\n"
    "\n"
    "Options:\n"
    "  --period P            2024, 2024H1, 2024Q3, 2024-05 or FROM..TO (required)\n"
    "  --breakdown NAME      also this breakdown (repeatable): referrer, income, target-group,\n"
    "                        municipality, age, month, duration\n"
    "  --all                 every breakdown\n"
    "  --income-grouping G   detail (default: the categories as recorded) or scb (Ohälsa,\n"
    "                        Arbetsmarknadsstöd, Ekonomiskt bistånd, Ingen offentlig\n"
    "                        försörjning, Lön/studier)\n"
    "  --insats NAME         only this insats (repeatable)\n"
    "  --by insats           tables per insats, then the total\n"
    "  --rounding METHOD     largest-remainder (default), half-even or half-up\n"
    "  --decimals N          decimals of printed shares, 0-3 (default 0)\n"
    "  --suppress N          show counts 1..N-1 as <N and hide their shares\n"
    "  --lang sv|en          labels and notes (default sv)\n"
    "  --format FORMAT       text, csv, json or xlsx (default text, or from -o's extension)\n"
    "  -o, --output FILE     write to FILE (replaced only when the run succeeds)\n"
    "  --csv-dialect D       rfc4180 (default) or excel-sv (;, decimal comma, BOM)\n"
    "  --config FILE         INI file: columns, synonyms ([referrers], [income]), [age] bands\n"
    "  --separator C         input separator ; , tab (default: detected)\n"
    "  --encoding E          input encoding auto, utf-8, cp1252 (default auto)\n"
    "  --strict              a bad row is an error instead of being excluded\n"
    "  --created DATE        xlsx creation date (reproducible files); also SOURCE_DATE_EPOCH\n"
    "  --quiet               no warnings on standard error\n"
    "  --help                this text\n"
    "\n"
    "Exit status: 0 success, 1 data or runtime error, 2 usage error.\n"
    "See finsam-stats-participants(1).\n";

enum { OPT_BREAKDOWN = FS_OPT_COMMAND_BASE, OPT_ALL, OPT_INCOME_GROUPING };

enum { BD_REFERRER, BD_INCOME, BD_TARGET, BD_MUNICIPALITY, BD_AGE, BD_MONTH, BD_DURATION, BD_N };
static const char *const bd_names[BD_N] = {"referrer", "income", "target-group", "municipality",
                                           "age", "month", "duration"};

#define REF_SETS (1u << FS_REF_N_BASE) /* 0 = not recorded, 1..31 = sets of base referrers */
#define REF_UNKNOWN REF_SETS           /* a value that matched nothing (month table) */
#define REF_SLOTS (REF_SETS + 1)
#define INC_UNKNOWN FS_INC_N_DETAIL    /* cross table: a value that matched nothing */

typedef struct counts {
    unsigned long n[FS_SEX_N];
} counts;

/* A row keyed by a category value (municipality, target group, an unknown value): the
 * payload of an fs_bykey entry, whose label is the value made safe to print. Values are
 * kept in fs_bykey maps (NULL until the first value), found in constant time however many
 * distinct values there are. */
typedef struct valrow {
    counts c;
    unsigned long episode; /* target groups: the episode counted last, to count it once */
} valrow;

/* An unknown referrer or income value, for the warnings. */
typedef struct unknown {
    unsigned long rows, first_line;
    const char *file; /* the file first seen in (a command-line argument) */
} unknown;

/* Unknown values listed in the warnings, per column; the rest are counted in one line. */
#define WARN_VALUES_MAX 50

/* Everything counted for one selection (the total, or one insats). */
typedef struct agg {
    fs_flow_counts flow;
    unsigned long felreg;
    counts ref[REF_SETS];
    fs_bykey *ref_unknown;
    counts inc[FS_INC_N_DETAIL];
    fs_bykey *inc_unknown;
    unsigned long cross[FS_INC_N_DETAIL + 1][FS_INC_N_DETAIL + 1][FS_SEX_N];
    fs_bykey *target;
    counts target_missing;
    fs_bykey *muni;
    counts muni_missing;
    counts age[FS_AGE_MAX_BANDS];
    counts age_outside, age_unknown;
    unsigned long *month; /* [n_months][REF_SLOTS][2 (intake, exit)][FS_SEX_N] */
    fs_dayhist days[FS_SEX_N]; /* ended episodes: days from entry to exit */
    counts dur[FS_DUR_N];
} agg;

typedef struct state {
    fs_cli *cli;
    int want[BD_N];
    int scb;
    fs_bykey *insats_filter; /* --insats: the insatser to keep (no payload), or NULL */
    fs_referrer_map *refmap;
    fs_catmap *incmap;
    fs_age_bands ages;
    int n_months;
    int end_year;
    agg total;
    fs_bykey *per;           /* --by insats: an agg per insats */
    fs_bykey *warn_ref, *warn_inc, *warn_inc_end; /* unknown values (struct unknown) */
    unsigned long episode; /* serial number of the episode being counted, from 1 */
    int failed; /* memory */
} state;

static unsigned long sum(const counts *c)
{
    return c->n[0] + c->n[1] + c->n[2];
}

/* ---- aggregation ---- */

/* The row of a value in *b (made on first use); NULL on memory failure. fs_bykey keys it by
 * the folded safe text: spelling variants of case and Unicode form share a row, and anything
 * shaped like a personnummer becomes the one row "(personnummer)" instead of being printed. */
static valrow *value_row(fs_bykey **b, const char *value)
{
    if (!*b && !(*b = fs_bykey_new(sizeof(valrow))))
        return NULL;
    fs_bykey_entry *e = fs_bykey_get(*b, value);
    return e ? e->data : NULL;
}

static unsigned long *month_cell(const state *st, agg *a, int month, unsigned ref, int is_exit)
{
    (void)st;
    return &a->month[(((size_t)month * REF_SLOTS + ref) * 2 + (size_t)is_exit) * FS_SEX_N];
}

/* Target groups of one episode: each distinct value once, however many the cell holds (a
 * row remembers the last episode it counted). */
static int add_targets(agg *a, const char *raw, fs_sex sex, unsigned long episode)
{
    char *copy = fs_strdup(raw), *save = NULL;
    int any = 0;
    if (!copy)
        return -1;
    for (char *tok = strtok_r(copy, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
        fs_trim(tok);
        if (!*tok)
            continue;
        valrow *v = value_row(&a->target, tok);
        if (!v) {
            free(copy);
            return -1;
        }
        if (v->episode == episode)
            continue;
        v->episode = episode;
        v->c.n[sex]++;
        any = 1;
    }
    free(copy);
    if (!any)
        a->target_missing.n[sex]++;
    return 0;
}

static int add(state *st, agg *a, const fs_episode *ep, int cl, unsigned ref, int ref_unknown,
               int inc_start, int inc_end)
{
    fs_sex sex = ep->sex;
    fs_flow_add(&a->flow, cl, sex);
    if (st->want[BD_REFERRER]) {
        if (ref_unknown) {
            valrow *v = value_row(&a->ref_unknown, ep->referrer);
            if (!v)
                return -1;
            v->c.n[sex]++;
        } else {
            a->ref[ref].n[sex]++;
        }
    }
    if (st->want[BD_INCOME]) {
        if (inc_start == FS_CAT_NONE) {
            valrow *v = value_row(&a->inc_unknown, ep->income_start);
            if (!v)
                return -1;
            v->c.n[sex]++;
        } else {
            a->inc[inc_start].n[sex]++;
        }
        if (cl & FS_FLOW_BIT(FS_FLOW_ENDED))
            a->cross[inc_start == FS_CAT_NONE ? INC_UNKNOWN : inc_start]
                    [inc_end == FS_CAT_NONE ? INC_UNKNOWN : inc_end][sex]++;
    }
    if (st->want[BD_TARGET] && add_targets(a, ep->target_group, sex, st->episode))
        return -1;
    if (st->want[BD_MUNICIPALITY]) {
        if (!*ep->municipality) {
            a->muni_missing.n[sex]++;
        } else {
            valrow *v = value_row(&a->muni, ep->municipality);
            if (!v)
                return -1;
            v->c.n[sex]++;
        }
    }
    if (st->want[BD_AGE]) {
        if (!ep->birth_year) {
            a->age_unknown.n[sex]++;
        } else {
            int b = fs_age_band(&st->ages, st->end_year - ep->birth_year);
            if (b == FS_AGE_OUTSIDE)
                a->age_outside.n[sex]++;
            else
                a->age[b].n[sex]++;
        }
    }
    if (st->want[BD_MONTH]) {
        if (!a->month && !(a->month = calloc((size_t)st->n_months * REF_SLOTS * 2 * FS_SEX_N,
                                             sizeof *a->month)))
            return -1;
        unsigned slot = ref_unknown ? REF_UNKNOWN : ref;
        if (cl & FS_FLOW_BIT(FS_FLOW_NEW))
            month_cell(st, a, fs_period_month_index(&st->cli->period, ep->entry), slot, 0)[sex]++;
        if (cl & FS_FLOW_BIT(FS_FLOW_ENDED))
            month_cell(st, a, fs_period_month_index(&st->cli->period, ep->exit), slot, 1)[sex]++;
    }
    if (st->want[BD_DURATION] && (cl & FS_FLOW_BIT(FS_FLOW_ENDED))) {
        fs_error e = fs_dayhist_add(&a->days[sex], ep->exit - ep->entry);
        if (e == FS_ERR_RANGE)
            FS_BUG("time in the programme outside the dates the reader accepts");
        if (e)
            return -1;
        a->dur[fs_duration_band_of(ep->entry, ep->exit)].n[sex]++;
    }
    return 0;
}

/* An unknown value for the warnings. */
static int note_unknown(fs_bykey **b, const char *value, const fs_episode *ep)
{
    if (!*b && !(*b = fs_bykey_new(sizeof(unknown))))
        return -1;
    fs_bykey_entry *e = fs_bykey_get(*b, value);
    if (!e)
        return -1;
    unknown *u = e->data;
    if (u->rows++ == 0) {
        u->first_line = ep->line;
        u->file = ep->file;
    }
    return 0;
}

static int on_episode(const fs_episode *ep, void *user)
{
    state *st = user;
    st->episode++;
    int cl = fs_flow_classify(ep->entry, ep->has_exit, ep->exit, &st->cli->period);
    if (cl == FS_FLOW_INVALID)
        FS_BUG("the export reader passed an episode with exit before entry");
    if (cl == 0)
        return 0;
    /* An insats is matched as it is grouped, by its folded safe text (fs_bykey): the name is
     * data, and it titles tables and names sheets. */
    if (st->insats_filter && !fs_bykey_find(st->insats_filter, ep->insats))
        return 0;
    agg *per = NULL;
    if (st->per) {
        fs_bykey_entry *e = fs_bykey_get(st->per, *ep->insats ? ep->insats : "(ingen insats)");
        if (!e)
            goto oom;
        per = e->data;
    }
    if (ep->reason_group == FS_EXIT_EXCLUDED) {
        st->total.felreg++;
        if (per)
            per->felreg++;
        return 0;
    }
    int ref_unknown = 0, inc_start = FS_INC_MISSING, inc_end = FS_INC_MISSING;
    unsigned ref = 0;
    if (st->want[BD_REFERRER] || st->want[BD_MONTH]) {
        ref = fs_referrer_lookup(st->refmap, ep->referrer, &ref_unknown);
        if (ref_unknown && note_unknown(&st->warn_ref, ep->referrer, ep))
            goto oom;
    }
    if (st->want[BD_INCOME]) {
        inc_start = fs_income_lookup(st->incmap, ep->income_start);
        if (inc_start == FS_CAT_NONE &&
            note_unknown(&st->warn_inc, ep->income_start, ep))
            goto oom;
        if (cl & FS_FLOW_BIT(FS_FLOW_ENDED)) {
            inc_end = fs_income_lookup(st->incmap, ep->income_end);
            if (inc_end == FS_CAT_NONE &&
                note_unknown(&st->warn_inc_end, ep->income_end, ep))
                goto oom;
        }
    }
    if (add(st, &st->total, ep, cl, ref, ref_unknown, inc_start, inc_end))
        goto oom;
    if (per && add(st, per, ep, cl, ref, ref_unknown, inc_start, inc_end))
        goto oom;
    return 0;
oom:
    st->failed = 1;
    return 1;
}

/* ---- tables ---- */

static int is_en(const state *st)
{
    return strcmp(st->cli->lang, "en") == 0;
}

/* xlsx sheet names. The writer keeps at most SHEET_CHARS characters of a name (the rest of
 * Excel's 31 is room for " (2)" when two sheets would have the same name), so every name
 * here fits in that whole. With --by insats a sheet is "insats, short name": the insats cut
 * to SHEET_INSATS_CHARS characters (ending in "…" when cut), the same on every sheet of the
 * insats, and a short name of at most SHEET_CHARS - 2 - SHEET_INSATS_CHARS characters. */
#define SHEET_CHARS 26
#define SHEET_INSATS_CHARS 12
static const struct {
    const char *key;
    const char *sv, *en, *sv_short, *en_short;
} sheet_names[] = {
    {"flow", "Deltagarflöde", "Participant flow", "Flöde", "Flow"},
    {"referrer", "Remittent", "Referrer", "Remittent", "Referrer"},
    {"income_start", "Försörjning", "Income support", "Försörjning", "Income"},
    {"income_cross", "Försörjning före-efter", "Income before-after", "Förs. avslut",
     "Income exit"},
    {"target_group", "Målgrupp", "Target group", "Målgrupp", "Target group"},
    {"municipality", "Kommun", "Municipality", "Kommun", "Municipality"},
    {"age", "Ålder", "Age", "Ålder", "Age"},
    {"month", "Månad", "Month", "Månad", "Month"},
    {"duration", "Tid i insats, dagar", "Time in programme, days", "Tid i dagar",
     "Time in days"},
    {"duration_bands", "Tid i insats, grupper", "Time in programme, bands", "Tidsgrupper",
     "Time bands"},
};

/* Characters (code points) of UTF-8 s. */
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

static fs_error set_sheet_name(const state *st, fs_table *t, const char *key, const char *insats)
{
    size_t i = 0, n = sizeof sheet_names / sizeof sheet_names[0];
    while (i < n && strcmp(sheet_names[i].key, key) != 0)
        i++;
    if (i == n)
        FS_BUG("a participants table without a sheet name");
    if (!insats)
        return fs_table_set_sheet(t, is_en(st) ? sheet_names[i].en : sheet_names[i].sv);
    const char *name = is_en(st) ? sheet_names[i].en_short : sheet_names[i].sv_short;
    if (utf8_chars(name) > SHEET_CHARS - 2 - SHEET_INSATS_CHARS)
        FS_BUG("a participants short sheet name is too long");
    int cut = utf8_chars(insats) > SHEET_INSATS_CHARS;
    size_t len = utf8_prefix(insats, cut ? SHEET_INSATS_CHARS - 1 : SHEET_INSATS_CHARS);
    char *sheet = fs_asprintf("%.*s%s, %s", (int)len, insats, cut ? "…" : "", name);
    fs_error e = sheet ? fs_table_set_sheet(t, sheet) : FS_ERR_MEMORY;
    free(sheet);
    return e;
}

/* "Title, insats, 2024-01-01–2024-06-30", and its sheet name */
static fs_table *new_table(const state *st, const char *key, const char *suffix,
                           const char *sv, const char *en, const char *insats)
{
    char period[40];
    fs_cli_period_text(st->cli, period, sizeof period);
    char *k = suffix ? fs_asprintf("%s_%s", key, suffix) : fs_strdup(key);
    char *title = fs_asprintf("%s%s%s, %s", is_en(st) ? en : sv, insats ? ", " : "",
                              insats ? insats : "", period);
    fs_table *t = k && title ? fs_table_new(k, title) : NULL;
    free(k);
    free(title);
    if (t && set_sheet_name(st, t, key, insats)) {
        fs_table_free(t);
        t = NULL;
    }
    return t;
}

/* A count for a note: like the table cells, "<N" when --suppress N hides it. */
typedef struct count_text {
    char s[24];
} count_text;

static count_text ct(const state *st, unsigned long n)
{
    count_text c;
    fs_count_text(n, st->cli->suppress, c.s, sizeof c.s);
    return c;
}

static fs_error felreg_note(const state *st, fs_table *t, const agg *a, const fs_intake *in)
{
    fs_error e = FS_OK;
    if (a->felreg)
        e = is_en(st) ? fs_table_add_note(t, "Excluded as registered in error (Felregistrering): "
                                             "%s.", ct(st, a->felreg).s)
                      : fs_table_add_note(t, "Exkluderade felregistreringar (Felregistrering): "
                                             "%s.", ct(st, a->felreg).s);
    return e ? e : fs_intake_add_notes(in, t, st->cli->lang, 0, st->cli->suppress);
}

static fs_error suppress_note(const state *st, fs_table *t)
{
    if (st->cli->suppress <= 1)
        return FS_OK;
    fs_table_suppress(t, st->cli->suppress);
    return is_en(st) ? fs_table_add_note(t, "Counts below %d are shown as <%d (small-number "
                                            "suppression).", st->cli->suppress, st->cli->suppress)
                     : fs_table_add_note(t, "Antal under %d visas som <%d (röjandeskydd).",
                                         st->cli->suppress, st->cli->suppress);
}

/* The notes every breakdown table ends with: what was excluded, then the suppression
 * (which also hides the small cells). */
static fs_error closing_notes(const state *st, fs_table *t, const agg *a, const fs_intake *in)
{
    fs_error e = felreg_note(st, t, a, in);
    return e ? e : suppress_note(st, t);
}

static fs_error column_share_note(const state *st, fs_table *t, const char *base_sv,
                                  const char *base_en, unsigned long n)
{
    count_text c = ct(st, n);
    const char *cn = c.s;
    if (st->cli->rounding == FS_ROUND_LARGEST_REMAINDER)
        return is_en(st) ? fs_table_add_note(t, "Shares are percentages of %s (n = %s) in each "
                                                "column, rounded by largest remainder so that each "
                                                "column sums to 100.", base_en, cn)
                         : fs_table_add_note(t, "Andelar i procent av %s (n = %s) i varje kolumn, "
                                                "avrundade med största-restmetoden så att varje "
                                                "kolumn summerar till 100.", base_sv, cn);
    return is_en(st) ? fs_table_add_note(t, "Shares are percentages of %s (n = %s) in each "
                                            "column, each rounded on its own (%s).", base_en, cn,
                                         fs_rounding_name(st->cli->rounding))
                     : fs_table_add_note(t, "Andelar i procent av %s (n = %s) i varje kolumn, "
                                            "var för sig avrundade (%s).", base_sv, cn,
                                         fs_rounding_name(st->cli->rounding));
}

static int has_unknown_sex(const agg *a)
{
    return a->flow.n[FS_FLOW_DURING][FS_SEX_UNKNOWN] > 0;
}

static fs_table *flow_table(const state *st, const agg *a, const char *suffix,
                            const char *insats, const fs_intake *in)
{
    const char *lang = st->cli->lang;
    int en = is_en(st);
    fs_flow_assert_identity(&a->flow);
    fs_table *t = new_table(st, "flow", suffix, "Deltagarflöde", "Participant flow", insats);
    if (!t || fs_sex_columns(t, lang, has_unknown_sex(a), 1))
        goto fail;
    for (int r = 0; r < FS_FLOW_N; r++)
        if (!fs_sex_add_row(t, fs_flow_key(r), fs_flow_label(r, lang), 0, 0, a->flow.n[r]))
            goto fail;
    fs_sex_row_shares(t);
    fs_table_round(t, st->cli->rounding, st->cli->decimals, 1);
    counts s = {{0}}, nw = {{0}}, x = {{0}}, o = {{0}};
    memcpy(s.n, a->flow.n[FS_FLOW_ONGOING_AT_START], sizeof s.n);
    memcpy(nw.n, a->flow.n[FS_FLOW_NEW], sizeof nw.n);
    memcpy(x.n, a->flow.n[FS_FLOW_ENDED], sizeof x.n);
    memcpy(o.n, a->flow.n[FS_FLOW_ONGOING_AT_END], sizeof o.n);
    count_text cs = ct(st, sum(&s)), cnw = ct(st, sum(&nw)), cx = ct(st, sum(&x)),
               co = ct(st, sum(&o)), call = ct(st, sum(&s) + sum(&nw));
    fs_error e = en ? fs_table_add_note(t, "Ongoing at start + new = ended + ongoing at end: "
                                           "%s + %s = %s + %s = %s.", cs.s, cnw.s, cx.s, co.s,
                                        call.s)
                    : fs_table_add_note(t, "Pågående vid start + nya = avslutade + pågående vid "
                                           "slut: %s + %s = %s + %s = %s.", cs.s, cnw.s, cx.s,
                                        co.s, call.s);
    if (!e)
        e = en ? fs_table_add_note(t, "Episodes are counted: a person in two insatser, or with "
                                      "two episodes, counts twice.")
               : fs_table_add_note(t, "Episoder räknas: en person i två insatser, eller med två "
                                      "episoder, räknas två gånger.");
    if (!e)
        e = felreg_note(st, t, a, in);
    if (!e)
        e = en ? fs_table_add_note(t, "Shares are percentages of the row total.")
               : fs_table_add_note(t, "Andelar i procent av radens totalt.");
    if (!e)
        e = suppress_note(st, t);
    if (e || fs_table_set_chart(t, en ? "Participant flow by sex" : "Deltagarflöde efter kön", 0,
                                "women", "men"))
        goto fail;
    return t;
fail:
    fs_table_free(t);
    return NULL;
}

/* The common finish of a category table: total row, column shares, notes. */
static fs_table *finish_category(const state *st, fs_table *t, const agg *a, const counts *total,
                                 const char *base_sv, const char *base_en, const fs_intake *in,
                                 const char *chart_sv, const char *chart_en)
{
    int en = is_en(st);
    if (!fs_sex_add_row(t, "total", en ? "Total" : "Totalt", 0, 1, total->n))
        goto fail;
    fs_sex_column_shares(t);
    fs_table_round(t, st->cli->rounding, st->cli->decimals, 0);
    fs_error e = column_share_note(st, t, base_sv, base_en, sum(total));
    if (!e)
        e = closing_notes(st, t, a, in);
    if (!e && chart_sv)
        e = fs_table_set_chart(t, en ? chart_en : chart_sv, 1, "women", "men");
    if (e)
        goto fail;
    return t;
fail:
    fs_table_free(t);
    return NULL;
}

static fs_table *referrer_table(const state *st, agg *a, const char *suffix, const char *insats,
                                const fs_intake *in)
{
    const char *lang = st->cli->lang;
    int en = is_en(st);
    counts total = {{0}};
    fs_table *t = new_table(st, "referrer", suffix, "Remittent, deltagare under perioden",
                            "Referrer, participants during the period", insats);
    if (!t || fs_sex_columns(t, lang, has_unknown_sex(a), 1))
        goto fail;
    /* The five referrers always, then joint referrals present, in canonical order. */
    for (unsigned pass = 0; pass < 2; pass++)
        for (unsigned set = 1; set < REF_SETS; set++) {
            int single = !(set & (set - 1));
            if ((pass == 0) != single || (!single && !sum(&a->ref[set])))
                continue;
            char key[64], label[128];
            fs_referrer_key(set, key, sizeof key);
            fs_referrer_label(set, lang, label, sizeof label);
            if (!fs_sex_add_row(t, key, label, 0, 0, a->ref[set].n))
                goto fail;
            for (int s = 0; s < FS_SEX_N; s++)
                total.n[s] += a->ref[set].n[s];
        }
    if (fs_sex_add_value_rows(t, a->ref_unknown, "other_", 0, total.n))
        goto fail;
    if (!fs_sex_add_row(t, "missing", en ? "Not recorded" : "Uppgift saknas", 0, 0, a->ref[0].n))
        goto fail;
    for (int s = 0; s < FS_SEX_N; s++)
        total.n[s] += a->ref[0].n[s];
    if (sum(&total) != sum(&(counts){{a->flow.n[FS_FLOW_DURING][0], a->flow.n[FS_FLOW_DURING][1],
                                      a->flow.n[FS_FLOW_DURING][2]}}))
        FS_BUG("referrer rows do not add up to the participants during the period");
    if (en ? fs_table_add_note(t, "A joint referral (such as FK/Kommun) is one row and counts once.")
           : fs_table_add_note(t, "En gemensam remiss (t.ex. FK/Kommun) är en egen rad och räknas en gång."))
        goto fail;
    return finish_category(st, t, a, &total, "deltagarna under perioden",
                           "the participants during the period", in, "Remittent efter kön",
                           "Referrer by sex");
fail:
    fs_table_free(t);
    return NULL;
}

/* Income category rows in the chosen grouping: index -> row. */
static int n_income_rows(const state *st)
{
    return st->scb ? FS_SCB_N : FS_INC_N_DETAIL;
}

static const fs_group *income_group(const state *st, int row)
{
    return st->scb ? &fs_income_scb_groups[row] : &fs_income_groups[row];
}

static int income_row_of(const state *st, int detail)
{
    return st->scb ? fs_income_scb_of(detail) : detail;
}

static fs_table *income_table(const state *st, agg *a, const char *suffix, const char *insats,
                              const fs_intake *in)
{
    const char *lang = st->cli->lang;
    counts rows[FS_INC_N_DETAIL], total = {{0}};
    memset(rows, 0, sizeof rows);
    for (int d = 0; d < FS_INC_N_DETAIL; d++)
        for (int s = 0; s < FS_SEX_N; s++)
            rows[income_row_of(st, d)].n[s] += a->inc[d].n[s];
    fs_table *t = new_table(st, "income_start", suffix,
                            "Försörjning vid inskrivning, deltagare under perioden",
                            "Income support at entry, participants during the period", insats);
    if (!t || fs_sex_columns(t, lang, has_unknown_sex(a), 1))
        goto fail;
    int missing_row = st->scb ? FS_SCB_MISSING : FS_INC_MISSING;
    for (int r = 0; r < n_income_rows(st); r++) {
        if (r == missing_row)
            continue;
        if (!fs_sex_add_row(t, income_group(st, r)->key, fs_group_label(income_group(st, r), lang),
                            0, 0, rows[r].n))
            goto fail;
        for (int s = 0; s < FS_SEX_N; s++)
            total.n[s] += rows[r].n[s];
    }
    if (fs_sex_add_value_rows(t, a->inc_unknown, "other_", 0, total.n))
        goto fail;
    if (!fs_sex_add_row(t, "missing", fs_group_label(income_group(st, missing_row), lang), 0, 0,
                        rows[missing_row].n))
        goto fail;
    for (int s = 0; s < FS_SEX_N; s++)
        total.n[s] += rows[missing_row].n[s];
    if (st->scb && (is_en(st) ? fs_table_add_note(t, "Grouped as SCB: Ill health = sickness and "
                                                     "rehabilitation benefit, sickness and activity "
                                                     "compensation; Labour market support = "
                                                     "unemployment benefit, activity support, "
                                                     "establishment allowance.")
                              : fs_table_add_note(t, "Grupperat som SCB: Ohälsa = sjukpenning, "
                                                     "rehabiliteringspenning, sjuk- och "
                                                     "aktivitetsersättning; Arbetsmarknadsstöd = "
                                                     "a-kassa, aktivitetsstöd, "
                                                     "etableringsersättning.")))
        goto fail;
    return finish_category(st, t, a, &total, "deltagarna under perioden",
                           "the participants during the period", in,
                           "Försörjning vid inskrivning efter kön", "Income support at entry by sex");
fail:
    fs_table_free(t);
    return NULL;
}

/* Ended participants: income at start (rows, with women/men/unknown detail rows) by income
 * at end (columns). Only categories that occur are shown. */
static fs_table *income_cross_table(const state *st, agg *a, const char *suffix,
                                    const char *insats, const fs_intake *in)
{
    const char *lang = st->cli->lang;
    int en = is_en(st);
    int nr = n_income_rows(st);
    /* grouped[start][end][sex], with the unknown bucket at index nr */
    unsigned long g[FS_INC_N_DETAIL + 1][FS_INC_N_DETAIL + 1][FS_SEX_N];
    memset(g, 0, sizeof g);
    for (int i = 0; i <= FS_INC_N_DETAIL; i++)
        for (int j = 0; j <= FS_INC_N_DETAIL; j++)
            for (int s = 0; s < FS_SEX_N; s++) {
                int gi = i == INC_UNKNOWN ? nr : income_row_of(st, i);
                int gj = j == INC_UNKNOWN ? nr : income_row_of(st, j);
                g[gi][gj][s] += a->cross[i][j][s];
            }
    unsigned long row_tot[FS_INC_N_DETAIL + 1] = {0}, col_tot[FS_INC_N_DETAIL + 1] = {0};
    unsigned long sex_tot[FS_SEX_N] = {0}, all = 0;
    for (int i = 0; i <= nr; i++)
        for (int j = 0; j <= nr; j++)
            for (int s = 0; s < FS_SEX_N; s++) {
                row_tot[i] += g[i][j][s];
                col_tot[j] += g[i][j][s];
                sex_tot[s] += g[i][j][s];
                all += g[i][j][s];
            }
    const char *other_label = en ? "Other value (see warnings)" : "Annat värde (se varningar)";
    fs_table *t = new_table(st, "income_cross", suffix,
                            "Försörjning vid avslut efter försörjning vid inskrivning, avslutade deltagare",
                            "Income support at exit by income support at entry, ended participants",
                            insats);
    if (!t)
        goto fail;
    for (int j = 0; j <= nr; j++)
        if (col_tot[j] && fs_table_add_col(t, j == nr ? "other" : income_group(st, j)->key,
                                           j == nr ? other_label
                                                   : fs_group_label(income_group(st, j), lang),
                                           FS_COL_COUNT, 0, -1) < 0)
            goto fail;
    if (fs_table_add_col(t, "total", en ? "Total" : "Totalt", FS_COL_COUNT, 0, -1) < 0)
        goto fail;
    static const char *const sex_key[FS_SEX_N] = {"women", "men", "unknown"};
    const char *sex_label[FS_SEX_N] = {en ? "Women" : "Kvinnor", en ? "Men" : "Män",
                                       en ? "Sex not recorded" : "Uppgift saknas"};
    for (int i = 0; i <= nr; i++) {
        if (!row_tot[i])
            continue;
        const char *rkey = i == nr ? "other" : income_group(st, i)->key;
        fs_row *row = fs_table_add_row(t, rkey, i == nr ? other_label
                                                      : fs_group_label(income_group(st, i), lang),
                                       0, 0);
        if (!row)
            goto fail;
        for (int j = 0; j <= nr; j++)
            if (col_tot[j])
                fs_row_set(t, row, j == nr ? "other" : income_group(st, j)->key,
                           (double)(g[i][j][0] + g[i][j][1] + g[i][j][2]));
        fs_row_set(t, row, "total", (double)row_tot[i]);
        for (int s = 0; s < FS_SEX_N; s++) {
            unsigned long rs = 0;
            for (int j = 0; j <= nr; j++)
                rs += g[i][j][s];
            if (s == FS_SEX_UNKNOWN && !has_unknown_sex(a))
                continue;
            char *k = fs_asprintf("%s_%s", rkey, sex_key[s]);
            fs_row *d = k ? fs_table_add_row(t, k, sex_label[s], 1, 0) : NULL;
            free(k);
            if (!d)
                goto fail;
            for (int j = 0; j <= nr; j++)
                if (col_tot[j])
                    fs_row_set(t, d, j == nr ? "other" : income_group(st, j)->key,
                               (double)g[i][j][s]);
            fs_row_set(t, d, "total", (double)rs);
        }
    }
    fs_row *tr = fs_table_add_row(t, "total", en ? "Total" : "Totalt", 0, 1);
    if (!tr)
        goto fail;
    for (int j = 0; j <= nr; j++)
        if (col_tot[j])
            fs_row_set(t, tr, j == nr ? "other" : income_group(st, j)->key, (double)col_tot[j]);
    fs_row_set(t, tr, "total", (double)all);
    count_text call = ct(st, all), cw = ct(st, sex_tot[FS_SEX_WOMAN]),
               cm = ct(st, sex_tot[FS_SEX_MAN]), cu = ct(st, sex_tot[FS_SEX_UNKNOWN]);
    fs_error e = en ? fs_table_add_note(t, "Rows: income support at entry; columns: at exit. "
                                           "Ended participants: %s (women %s, men %s, sex not "
                                           "recorded %s).", call.s, cw.s, cm.s, cu.s)
                    : fs_table_add_note(t, "Rader: försörjning vid inskrivning; kolumner: vid "
                                           "avslut. Avslutade deltagare: %s (kvinnor %s, män %s, "
                                           "uppgift om kön saknas %s).", call.s, cw.s, cm.s,
                                        cu.s);
    if (!e)
        e = closing_notes(st, t, a, in);
    if (e)
        goto fail;
    if (all != sum(&(counts){{a->flow.n[FS_FLOW_ENDED][0], a->flow.n[FS_FLOW_ENDED][1],
                               a->flow.n[FS_FLOW_ENDED][2]}}))
        FS_BUG("income cross-table does not add up to the ended participants");
    return t;
fail:
    fs_table_free(t);
    return NULL;
}

static fs_table *target_table(const state *st, agg *a, const char *suffix, const char *insats,
                              const fs_intake *in)
{
    const char *lang = st->cli->lang;
    int en = is_en(st);
    counts total = {{a->flow.n[FS_FLOW_DURING][0], a->flow.n[FS_FLOW_DURING][1],
                     a->flow.n[FS_FLOW_DURING][2]}};
    fs_table *t = new_table(st, "target_group", suffix, "Målgrupp, deltagare under perioden",
                            "Target group, participants during the period", insats);
    if (!t || fs_sex_columns(t, lang, has_unknown_sex(a), 1) ||
        fs_sex_add_value_rows(t, a->target, "", 0, NULL) ||
        !fs_sex_add_row(t, "missing", en ? "Not recorded" : "Uppgift saknas", 0, 0,
                        a->target_missing.n) ||
        !fs_sex_add_row(t, "total", en ? "Participants" : "Deltagare", 0, 1, total.n))
        goto fail;
    fs_sex_column_shares(t);
    /* Shares of a multi-valued variable do not sum to 100: round each on its own. */
    fs_table_round(t, st->cli->rounding == FS_ROUND_LARGEST_REMAINDER ? FS_ROUND_HALF_UP
                                                                      : st->cli->rounding,
                   st->cli->decimals, 0);
    count_text cn = ct(st, sum(&total));
    fs_error e = en ? fs_table_add_note(t, "A participant may belong to several target groups, so "
                                           "the rows add up to more than the participants (n = "
                                           "%s) and the shares to more than 100 %%. Each share "
                                           "is rounded on its own.", cn.s)
                    : fs_table_add_note(t, "En deltagare kan tillhöra flera målgrupper, så raderna "
                                           "summerar till mer än antalet deltagare (n = %s) och "
                                           "andelarna till mer än 100 %%. Varje andel avrundas "
                                           "för sig.", cn.s);
    if (!e)
        e = closing_notes(st, t, a, in);
    if (e)
        goto fail;
    return t;
fail:
    fs_table_free(t);
    return NULL;
}

static fs_table *municipality_table(const state *st, agg *a, const char *suffix,
                                    const char *insats, const fs_intake *in)
{
    const char *lang = st->cli->lang;
    counts total = {{0}};
    fs_table *t = new_table(st, "municipality", suffix, "Kommun, deltagare under perioden",
                            "Municipality, participants during the period", insats);
    if (!t || fs_sex_columns(t, lang, has_unknown_sex(a), 1) ||
        fs_sex_add_value_rows(t, a->muni, "", 0, total.n) ||
        !fs_sex_add_row(t, "missing", is_en(st) ? "Not recorded" : "Uppgift saknas", 0, 0,
                        a->muni_missing.n))
        goto fail;
    for (int s = 0; s < FS_SEX_N; s++)
        total.n[s] += a->muni_missing.n[s];
    return finish_category(st, t, a, &total, "deltagarna under perioden",
                           "the participants during the period", in, NULL, NULL);
fail:
    fs_table_free(t);
    return NULL;
}

static fs_table *age_table(const state *st, agg *a, const char *suffix, const char *insats,
                           const fs_intake *in)
{
    const char *lang = st->cli->lang;
    int en = is_en(st);
    counts total = {{0}};
    fs_table *t = new_table(st, "age", suffix, "Ålder vid periodens slut, deltagare under perioden",
                            "Age at the end of the period, participants during the period", insats);
    if (!t || fs_sex_columns(t, lang, has_unknown_sex(a), 1))
        goto fail;
    for (int b = 0; b < st->ages.n; b++) {
        char key[24];
        snprintf(key, sizeof key, "age_%d%s", st->ages.lo[b], st->ages.hi[b] < 0 ? "_plus" : "");
        if (st->ages.hi[b] >= 0)
            snprintf(key, sizeof key, "age_%d_%d", st->ages.lo[b], st->ages.hi[b]);
        if (!fs_sex_add_row(t, key, st->ages.label[b], 0, 0, a->age[b].n))
            goto fail;
        for (int s = 0; s < FS_SEX_N; s++)
            total.n[s] += a->age[b].n[s];
    }
    if (sum(&a->age_outside) &&
        !fs_sex_add_row(t, "outside", en ? "Outside the bands" : "Utanför åldersgrupperna", 0, 0,
                        a->age_outside.n))
        goto fail;
    if (!fs_sex_add_row(t, "unknown", en ? "Not recorded" : "Uppgift saknas", 0, 0,
                        a->age_unknown.n))
        goto fail;
    for (int s = 0; s < FS_SEX_N; s++)
        total.n[s] += a->age_outside.n[s] + a->age_unknown.n[s];
    int ey = st->end_year;
    if (en ? fs_table_add_note(t, "Age = %d minus the birth year (Födelseår, else from the "
                                  "personnummer).", ey)
           : fs_table_add_note(t, "Ålder = %d minus födelseåret (Födelseår, annars ur "
                                  "personnumret).", ey))
        goto fail;
    return finish_category(st, t, a, &total, "deltagarna under perioden",
                           "the participants during the period", in, NULL, NULL);
fail:
    fs_table_free(t);
    return NULL;
}

/* Months (rows) with referrer detail rows; columns intakes and exits by sex. */
static fs_table *month_table(const state *st, agg *a, const char *suffix, const char *insats,
                             const fs_intake *in)
{
    const char *lang = st->cli->lang;
    int en = is_en(st);
    int unk = has_unknown_sex(a);
    static const char *const what[2] = {"intake", "exit"};
    static const char *const sk[FS_SEX_N] = {"women", "men", "unknown"};
    const char *sl[FS_SEX_N] = {en ? "Women" : "Kvinnor", en ? "Men" : "Män",
                                en ? "Sex not recorded" : "Uppgift saknas"};
    const char *wl[2] = {en ? "Intakes" : "Inskrivna", en ? "Exits" : "Utskrivna"};
    char key[64], label[160];
    unsigned long tot[2][FS_SEX_N] = {{0}};
    fs_table *t = new_table(st, "month", suffix, "Inskrivningar och utskrivningar per månad",
                            "Intakes and exits by month", insats);
    if (!t)
        goto fail;
    for (int w = 0; w < 2; w++) {
        for (int s = 0; s < FS_SEX_N; s++) {
            if (s == FS_SEX_UNKNOWN && !unk)
                continue;
            snprintf(key, sizeof key, "%s_%s", what[w], sk[s]);
            snprintf(label, sizeof label, "%s: %s", wl[w], sl[s]);
            if (fs_table_add_col(t, key, label, FS_COL_COUNT, 0, -1) < 0)
                goto fail;
        }
        snprintf(key, sizeof key, "%s_total", what[w]);
        snprintf(label, sizeof label, "%s: %s", wl[w], en ? "Total" : "Totalt");
        if (fs_table_add_col(t, key, label, FS_COL_COUNT, 0, -1) < 0)
            goto fail;
    }
    /* The month row itself (REF_SLOTS), then by referrer: the five single referrers, joint
     * ones, other values, not recorded. */
    unsigned order[REF_SLOTS + 1], n_order = 0;
    order[n_order++] = REF_SLOTS;
    for (unsigned pass = 0; pass < 2; pass++)
        for (unsigned set = 1; set < REF_SETS; set++)
            if ((pass == 0) == !(set & (set - 1)))
                order[n_order++] = set;
    order[n_order++] = REF_UNKNOWN;
    order[n_order++] = 0;
    for (int m = 0; m < st->n_months; m++) {
        char month[8];
        fs_period_month_text(&st->cli->period, m, month);
        for (unsigned oi = 0; oi < n_order; oi++) {
            unsigned slot = order[oi];
            unsigned ref = slot == REF_SLOTS ? 0 : slot;
            unsigned long v[2][FS_SEX_N] = {{0}};
            for (int w = 0; w < 2; w++)
                for (int s = 0; s < FS_SEX_N; s++) {
                    if (slot == REF_SLOTS) {
                        for (unsigned r = 0; r < REF_SLOTS; r++)
                            v[w][s] += a->month ? month_cell(st, a, m, r, w)[s] : 0;
                    } else {
                        v[w][s] = a->month ? month_cell(st, a, m, ref, w)[s] : 0;
                    }
                }
            unsigned long any = 0;
            for (int w = 0; w < 2; w++)
                for (int s = 0; s < FS_SEX_N; s++)
                    any += v[w][s];
            fs_row *row;
            if (slot == REF_SLOTS) {
                snprintf(key, sizeof key, "m%s", month);
                row = fs_table_add_row(t, key, month, 0, 0);
                for (int w = 0; w < 2; w++)
                    for (int s = 0; s < FS_SEX_N; s++)
                        tot[w][s] += v[w][s];
            } else {
                if (!any)
                    continue;
                if (ref == REF_UNKNOWN) {
                    snprintf(key, sizeof key, "m%s_other", month);
                    snprintf(label, sizeof label, "%s", en ? "Other value (see warnings)"
                                                           : "Annat värde (se varningar)");
                } else if (ref == 0) {
                    snprintf(key, sizeof key, "m%s_missing", month);
                    snprintf(label, sizeof label, "%s", en ? "Referrer not recorded"
                                                           : "Remittent saknas");
                } else {
                    char rk[48];
                    fs_referrer_key(ref, rk, sizeof rk);
                    snprintf(key, sizeof key, "m%s_%s", month, rk);
                    fs_referrer_label(ref, lang, label, sizeof label);
                }
                row = fs_table_add_row(t, key, label, 1, 0);
            }
            if (!row)
                goto fail;
            for (int w = 0; w < 2; w++) {
                unsigned long all = 0;
                for (int s = 0; s < FS_SEX_N; s++) {
                    all += v[w][s];
                    if (s == FS_SEX_UNKNOWN && !unk)
                        continue;
                    snprintf(key, sizeof key, "%s_%s", what[w], sk[s]);
                    fs_row_set(t, row, key, (double)v[w][s]);
                }
                snprintf(key, sizeof key, "%s_total", what[w]);
                fs_row_set(t, row, key, (double)all);
            }
        }
    }
    fs_row *tr = fs_table_add_row(t, "total", en ? "Total" : "Totalt", 0, 1);
    if (!tr)
        goto fail;
    for (int w = 0; w < 2; w++) {
        unsigned long all = 0;
        for (int s = 0; s < FS_SEX_N; s++) {
            all += tot[w][s];
            if (s == FS_SEX_UNKNOWN && !unk)
                continue;
            snprintf(key, sizeof key, "%s_%s", what[w], sk[s]);
            fs_row_set(t, tr, key, (double)tot[w][s]);
        }
        snprintf(key, sizeof key, "%s_total", what[w]);
        fs_row_set(t, tr, key, (double)all);
        unsigned long want = 0;
        for (int s = 0; s < FS_SEX_N; s++)
            want += a->flow.n[w ? FS_FLOW_ENDED : FS_FLOW_NEW][s];
        if (all != want)
            FS_BUG("monthly intakes or exits do not add up to the flow table");
    }
    fs_error e = en ? fs_table_add_note(t, "Intakes = new episodes (entry date in the month); "
                                           "exits = ended episodes (exit date in the month); "
                                           "under each month by referrer.")
                    : fs_table_add_note(t, "Inskrivna = nya episoder (inskrivningsdatum i "
                                           "månaden); utskrivna = avslutade episoder "
                                           "(avslutsdatum i månaden); under varje månad per "
                                           "remittent.");
    if (!e)
        e = closing_notes(st, t, a, in);
    if (e)
        goto fail;
    return t;
fail:
    fs_table_free(t);
    return NULL;
}

static fs_table *duration_table(const state *st, agg *a, const char *suffix, const char *insats,
                                const fs_intake *in)
{
    int en = is_en(st);
    int unk = has_unknown_sex(a);
    const char *sl[FS_SEX_N] = {en ? "Women" : "Kvinnor", en ? "Men" : "Män",
                                en ? "Sex not recorded" : "Uppgift saknas"};
    static const char *const sk[FS_SEX_N] = {"women", "men", "unknown"};
    fs_table *t = new_table(st, "duration", suffix, "Tid i insatsen (dagar), avslutade deltagare",
                            "Time in the programme (days), ended participants", insats);
    if (!t || fs_table_add_col(t, "n", "n", FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "q1", en ? "Lower quartile" : "Nedre kvartil", FS_COL_NUMBER, 1, -1) < 0 ||
        fs_table_add_col(t, "median", "Median", FS_COL_NUMBER, 1, -1) < 0 ||
        fs_table_add_col(t, "q3", en ? "Upper quartile" : "Övre kvartil", FS_COL_NUMBER, 1, -1) < 0)
        goto fail;
    for (int s = 0; s <= FS_SEX_N; s++) {
        if (s == FS_SEX_UNKNOWN && !unk)
            continue;
        /* one sex, or (the total row) the histograms of all three together */
        const fs_dayhist *h = s < FS_SEX_N ? &a->days[s] : a->days;
        size_t k = s < FS_SEX_N ? 1 : FS_SEX_N;
        unsigned long n = fs_dayhist_n(h, k);
        fs_row *row = fs_table_add_row(t, s < FS_SEX_N ? sk[s] : "total",
                                       s < FS_SEX_N ? sl[s] : en ? "Total" : "Totalt", 0,
                                       s == FS_SEX_N);
        if (!row)
            goto fail;
        fs_row_set(t, row, "n", (double)n);
        if (n && n < (unsigned long)st->cli->suppress) {
            /* a count below the threshold is hidden, and so are the quartiles of so few
             * (of one person, the exact duration): never computed into the table */
            for (size_t c = 1; c < t->n_cols; c++)
                row->cells[c].suppressed = 1;
        } else if (n) {
            fs_row_set(t, row, "q1", fs_dayhist_quantile(h, k, 0.25));
            fs_row_set(t, row, "median", fs_dayhist_quantile(h, k, 0.5));
            fs_row_set(t, row, "q3", fs_dayhist_quantile(h, k, 0.75));
        }
    }
    fs_error e = en ? fs_table_add_note(t, "Days from entry date to exit date. Quartiles as R's "
                                           "quantile() type 7.")
                    : fs_table_add_note(t, "Dagar från inskrivningsdatum till avslutsdatum. "
                                           "Kvartiler som R:s quantile() typ 7.");
    if (!e)
        e = closing_notes(st, t, a, in);
    if (e)
        goto fail;
    return t;
fail:
    fs_table_free(t);
    return NULL;
}

static fs_table *duration_band_table(const state *st, agg *a, const char *suffix,
                                     const char *insats, const fs_intake *in)
{
    const char *lang = st->cli->lang;
    counts total = {{0}};
    fs_table *t = new_table(st, "duration_bands", suffix, "Tid i insatsen, avslutade deltagare",
                            "Time in the programme, ended participants", insats);
    if (!t || fs_sex_columns(t, lang, has_unknown_sex(a), 1))
        goto fail;
    for (int b = 0; b < FS_DUR_N; b++) {
        if (!fs_sex_add_row(t, fs_duration_key(b), fs_duration_label(b, lang), 0, 0, a->dur[b].n))
            goto fail;
        for (int s = 0; s < FS_SEX_N; s++)
            total.n[s] += a->dur[b].n[s];
    }
    if (is_en(st) ? fs_table_add_note(t, "Calendar months from the entry date: under 3 months "
                                         "means an exit before entry + 3 months; 3-6 from entry "
                                         "+ 3 months up to entry + 6 months; and so on.")
                  : fs_table_add_note(t, "Kalendermånader från inskrivningsdatum: under 3 "
                                         "månader betyder avslut före inskrivning + 3 månader; "
                                         "3-6 från inskrivning + 3 månader till inskrivning + 6 "
                                         "månader; och så vidare."))
        goto fail;
    return finish_category(st, t, a, &total, "de avslutade deltagarna",
                           "the ended participants", in, NULL, NULL);
fail:
    fs_table_free(t);
    return NULL;
}

static fs_error add_tables(state *st, fs_report *rep, agg *a, const char *suffix,
                           const char *insats, const fs_intake *in)
{
    fs_table *t = flow_table(st, a, suffix, insats, in);
    if (!t || fs_report_add_table(rep, t))
        return FS_ERR_MEMORY;
    typedef fs_table *(*builder)(const state *, agg *, const char *, const char *,
                                 const fs_intake *);
    static const struct {
        int bd;
        builder fn;
    } builders[] = {
        {BD_REFERRER, referrer_table}, {BD_INCOME, income_table},
        {BD_INCOME, income_cross_table}, {BD_TARGET, target_table},
        {BD_MUNICIPALITY, municipality_table}, {BD_AGE, age_table},
        {BD_MONTH, month_table}, {BD_DURATION, duration_table},
        {BD_DURATION, duration_band_table},
    };
    for (size_t i = 0; i < sizeof builders / sizeof builders[0]; i++) {
        if (!st->want[builders[i].bd])
            continue;
        t = builders[i].fn(st, a, suffix, insats, in);
        if (!t || fs_report_add_table(rep, t))
            return FS_ERR_MEMORY;
    }
    return FS_OK;
}

static void free_agg(agg *a)
{
    fs_bykey_free(a->ref_unknown);
    fs_bykey_free(a->inc_unknown);
    fs_bykey_free(a->target);
    fs_bykey_free(a->muni);
    free(a->month);
    for (int s = 0; s < FS_SEX_N; s++)
        fs_dayhist_free(&a->days[s]);
}


/* One warning per unknown referrer or income value, with its count, in the order first
 * seen; after WARN_VALUES_MAX values one line counts the rest. */
static void emit_unknown(state *st, fs_report *rep, fs_bykey *b, const char *column,
                         const char *what)
{
    fs_cli_sink sink = {st->cli, rep};
    size_t n = b ? fs_bykey_count(b) : 0;
    unsigned long more_rows = 0;
    for (size_t i = 0; i < n; i++) {
        const fs_bykey_entry *e = fs_bykey_at(b, i);
        const unknown *v = e->data;
        if (i >= WARN_VALUES_MAX) {
            more_rows += v->rows;
            continue;
        }
        char *line = v->rows == 1
                         ? fs_asprintf("%s:%lu: column \"%s\": \"%s\" matches no %s", v->file,
                                       v->first_line, column, e->label, what)
                         : fs_asprintf("%s: column \"%s\": \"%s\" matches no %s (%lu rows, "
                                       "first at line %lu)", v->file, column, e->label, what,
                                       v->rows, v->first_line);
        if (line)
            fs_cli_warning(line, &sink);
        free(line);
    }
    if (n > WARN_VALUES_MAX) {
        char *line = fs_asprintf("column \"%s\": and %zu more distinct values that match no %s "
                                 "(%lu rows)", column, n - WARN_VALUES_MAX, what, more_rows);
        if (line)
            fs_cli_warning(line, &sink);
        free(line);
    }
}

static int own_option(int opt, const char *arg, void *user)
{
    state *st = user;
    switch (opt) {
    case OPT_BREAKDOWN:
        for (int b = 0; b < BD_N; b++)
            if (strcmp(arg, bd_names[b]) == 0)
                return st->want[b] = 1, 0;
        return fs_cli_usage_error(st->cli, "--breakdown: unknown breakdown '%s' (expected: "
                                           "referrer, income, target-group, municipality, "
                                           "age, month, duration)", arg);
    case OPT_ALL:
        for (int b = 0; b < BD_N; b++)
            st->want[b] = 1;
        return 0;
    case OPT_INCOME_GROUPING:
        if (strcmp(arg, "scb") != 0 && strcmp(arg, "detail") != 0)
            return fs_cli_usage_error(st->cli, "--income-grouping: '%s' is not scb or detail", arg);
        st->scb = strcmp(arg, "scb") == 0;
        return 0;
    }
    return -1;
}

int cmd_participants(int argc, char **argv)
{
    static const struct option longopts[] = {
        FS_CLI_COMMON_LONGOPTS,
        {"breakdown", required_argument, NULL, OPT_BREAKDOWN},
        {"all", no_argument, NULL, OPT_ALL},
        {"income-grouping", required_argument, NULL, OPT_INCOME_GROUPING},
        {NULL, 0, NULL, 0},
    };
    fs_cli cli;
    state st;
    fs_intake in;
    fs_report *rep = NULL;
    fs_msg msg = {""};
    int status = FS_EXIT_FAILURE;
    memset(&st, 0, sizeof st);
    memset(&in, 0, sizeof in);
    fs_cli_init(&cli, "finsam-stats participants", usage);
    st.cli = &cli;
    if ((status = fs_cli_getopt(&cli, argc, argv, longopts, own_option, &st)) >= 0)
        goto cleanup;
    if ((status = fs_cli_finish(&cli, argc, argv, optind, 1)) != 0)
        goto cleanup;
    if (!cli.has_period) {
        status = fs_cli_usage_error(&cli, "--period is required (examples: 2024, 2024H1, "
                                          "2024Q3, 2024-05, 2024-01-01..2024-06-30)");
        goto cleanup;
    }
    status = FS_EXIT_FAILURE;
    if (cli.n_insats && !(st.insats_filter = fs_bykey_new(0)))
        goto oom;
    for (size_t i = 0; i < cli.n_insats; i++)
        if (!fs_bykey_get(st.insats_filter, cli.insats[i]))
            goto oom;
    if (cli.by_insats && !(st.per = fs_bykey_new(sizeof(agg))))
        goto oom;
    if (fs_age_bands_from_config(&cli.config, &st.ages, &msg) ||
        !(st.refmap = fs_referrer_map_new(&cli.config, &msg)) ||
        !(st.incmap = fs_income_map_new(&cli.config, &msg))) {
        fs_cli_error(&cli, "%s", msg.text);
        goto cleanup;
    }
    {
        int y, m, d;
        fs_date_to_ymd(cli.period.to, &y, &m, &d);
        st.end_year = y;
        st.n_months = fs_period_months(&cli.period);
    }

    fs_export_options eo = {.csv = cli.csv, .config = &cli.config, .required = FS_FIELD_BIT(FS_FIELD_ENTRY) | FS_FIELD_BIT(FS_FIELD_EXIT), .as_of = cli.as_of};
    fs_error e = fs_intake_run(cli.files, cli.n_files, &eo, cli.strict, on_episode, &st, &in, &msg);
    if (!e && st.failed)
        e = FS_ERR_MEMORY, fs_msg_set(&msg, "out of memory");
    if (e) {
        fs_cli_error(&cli, "%s", msg.text);
        status = fs_cli_status(e);
        goto cleanup;
    }
    rep = fs_report_new("participants", cli.lang);
    if (!rep)
        goto oom;
    fs_cli_sink sink = {&cli, rep};
    fs_intake_each_warning(&in, fs_cli_warning, &sink);
    emit_unknown(&st, rep, st.warn_ref, "Remittent", "referrer");
    emit_unknown(&st, rep, st.warn_inc, fs_field_default_header(FS_FIELD_INCOME_START),
                 "income-support category");
    emit_unknown(&st, rep, st.warn_inc_end, fs_field_default_header(FS_FIELD_INCOME_END),
                 "income-support category");
    if (st.per) {
        fs_bykey_sort(st.per);
        for (size_t i = 0; i < fs_bykey_count(st.per); i++) {
            fs_bykey_entry *p = fs_bykey_at(st.per, i);
            char *slug = fs_slug(p->label);
            fs_error te = slug ? add_tables(&st, rep, p->data, slug, p->label, &in) : FS_ERR_MEMORY;
            free(slug);
            if (te)
                goto oom;
        }
    }
    if (add_tables(&st, rep, &st.total, NULL, NULL, &in))
        goto oom;
    status = fs_cli_write(&cli, rep);
    goto cleanup;
oom:
    fs_cli_error(&cli, "out of memory");
    status = FS_EXIT_FAILURE;
cleanup:
    for (size_t i = 0; st.per && i < fs_bykey_count(st.per); i++)
        free_agg(fs_bykey_at(st.per, i)->data);
    fs_bykey_free(st.per);
    free_agg(&st.total);
    fs_bykey_free(st.warn_ref);
    fs_bykey_free(st.warn_inc);
    fs_bykey_free(st.warn_inc_end);
    fs_bykey_free(st.insats_filter);
    fs_referrer_map_free(st.refmap);
    fs_catmap_free(st.incmap);
    fs_intake_free(&in);
    fs_report_free(rep);
    fs_cli_free(&cli);
    return status;
}
