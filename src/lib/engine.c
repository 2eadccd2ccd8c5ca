/* engine.c: the aggregation engine (engine.h): dimensions, tallies, slices, persons. */
#include "finsam/engine.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/bykey.h"
#include "finsam/i18n.h"
#include "finsam/persons.h"
#include "finsam/text.h"
#include "finsam/vocab.h"

/* ---- dimensions ---- */

/* A value from the data: the payload of an entry of fs_dim.values. */
typedef struct dynval {
    int cat;
} dynval;

/* Values of a column that match no category, for the warnings: one set per column, shared
 * by every dimension reading it, so that a value is reported once with the rows of the
 * selection it was found in. */
typedef struct unknown {
    unsigned long rows, first_line, serial;
    const char *file; /* a command-line argument: lives as long as the run */
} unknown;

typedef struct warnset {
    const char *header; /* the column */
    const char *what;   /* "referrer", "income-support category", "group" */
    fs_bykey *values;   /* payload unknown */
} warnset;

struct fs_dim {
    fs_dim_spec spec;
    char *column; /* FS_DIM_COLUMN: a copy of the header */
    fs_cat *cats;
    const char **fold; /* per category: the folded text of a value (its sort key), or NULL */
    size_t n_cats, cap_cats;
    fs_bykey *values;  /* values from the data (payload dynval) */
    int missing, other, outside; /* categories, or -1 */
    int setcat[1u << FS_REF_N_BASE];  /* FS_DIM_REFERRER: referrer set -> category */
    int groupcat[FS_INC_N_DETAIL];    /* income and exit reasons: group -> category */
    const char *prefix;  /* JSON key prefix of values from the data */
    const char *warn;    /* values matching nothing are warnings: "referrer", ... */
    const char *header;  /* the column named in those warnings */
    warnset *warns;      /* where they are counted (the engine's), or NULL */
    /* kind state */
    fs_catmap *catmap;   /* a column's groups, or NULL */
    int n_groups;        /* FS_DIM_COLUMN: fixed group categories */
    fs_age_bands ages;
    int age_year;
    size_t extra;        /* FS_DIM_COLUMN: index among the reader's extra columns */
    /* the episode classified last */
    unsigned long serial;
    int *codes;
    size_t n_codes, cap_codes;
};

/* ---- tallies ---- */

typedef struct cell {
    unsigned long n[FS_SEX_N];
    uint32_t id; /* counting persons: the cell's number in the pair set, from 1; 0 = none */
} cell;

typedef struct crow {
    cell *c; /* indexed by b + 1 */
    size_t n;
} crow;

struct fs_tally {
    fs_tally_spec spec;
    fs_dim *row, *col;
    int persons;
    crow *rows; /* indexed by a + 1 */
    size_t n_rows;
    unsigned long episodes[FS_SEX_N];
    fs_dayhist days[FS_SEX_N];
    /* counting persons */
    fs_pairset pairs;  /* person index << 32 | cell id */
    int32_t *id_a, *id_b; /* per cell id: the cell */
    size_t n_ids, cap_ids;
    unsigned long multi;
};

typedef struct slice {
    fs_tally *tallies;
    unsigned long felreg[FS_FLOW_N];
    unsigned long unidentified;
} slice;

typedef struct spec_entry {
    fs_tally_spec spec;
    int row, col; /* dimension indexes, col -1 */
} spec_entry;

struct fs_engine {
    fs_engine_options o;
    fs_period period;
    fs_dim **dims;
    size_t n_dims;
    spec_entry *specs;
    size_t n_specs;
    int started;
    fs_bykey *insats_filter;
    slice whole;
    fs_bykey *per;     /* insats -> slice */
    size_t *order;     /* slices in order, after finish: indexes into per, then the whole */
    fs_persons *persons;
    fs_person_secret secret;
    const char **extra; /* column names for the reader */
    size_t n_extra;
    warnset **warns; /* one per column */
    size_t n_warns;
    /* what several dimensions read of one episode, looked up once (the referrer and income
     * tables and the month and cross tables that collapse them read the same values) */
    fs_referrer_map *refmap;
    fs_catmap *incmap;
    unsigned long ref_serial, inc_serial[2];
    unsigned ref_set;
    int ref_unknown, inc[2];
    unsigned long serial;
    int failed;
};

static int add_cat(fs_dim *d, const char *key, const char *label, int parent, int always,
                   int tail)
{
    if (d->n_cats == d->cap_cats) {
        size_t cap = d->cap_cats ? 2 * d->cap_cats : 16;
        fs_cat *c = realloc(d->cats, cap * sizeof *c);
        if (!c)
            return -1;
        d->cats = c;
        const char **f = realloc(d->fold, cap * sizeof *f);
        if (!f)
            return -1;
        d->fold = f;
        d->cap_cats = cap;
    }
    fs_cat *c = &d->cats[d->n_cats];
    memset(c, 0, sizeof *c);
    c->key = key ? fs_strdup(key) : NULL;
    c->label = fs_strdup(label);
    c->parent = parent;
    c->always = (unsigned char)always;
    c->tail = (unsigned char)tail;
    d->fold[d->n_cats] = NULL;
    if ((key && !c->key) || !c->label) {
        free(c->key);
        free(c->label);
        return -1;
    }
    return (int)d->n_cats++;
}

/* The category of a value from the data (made when new), or -1 on memory failure. */
static int value_cat(fs_dim *d, const char *raw, int parent, const fs_episode *ep,
                     unsigned long serial)
{
    if (!d->values && !(d->values = fs_bykey_new(sizeof(dynval))))
        return -1;
    fs_bykey_entry *e = fs_bykey_get(d->values, raw);
    if (!e)
        return -1;
    dynval *v = e->data;
    (void)ep;
    (void)serial;
    if (!v->cat) {
        int c = add_cat(d, NULL, e->label, parent, 0, 0);
        if (c < 0)
            return -1;
        d->cats[c].dynamic = 1;
        d->fold[c] = e->key;
        v->cat = c + 1;
    }
    return v->cat - 1;
}

/* Counts raw in the warnings of d's column: once per episode. -1 on memory failure. */
static int note_unknown(fs_dim *d, const char *raw, const fs_episode *ep, unsigned long serial)
{
    warnset *w = d->warns;
    if (!w)
        return 0;
    if (!w->values && !(w->values = fs_bykey_new(sizeof(unknown))))
        return -1;
    fs_bykey_entry *e = fs_bykey_get(w->values, raw);
    if (!e)
        return -1;
    unknown *u = e->data;
    if (!u->rows) {
        u->first_line = ep->line;
        u->file = ep->file;
    }
    if (u->serial != serial || !u->rows) {
        u->serial = serial;
        u->rows++;
    }
    return 0;
}

static int push(fs_dim *d, int code)
{
    for (size_t i = 0; i < d->n_codes; i++)
        if (d->codes[i] == code)
            return 0; /* a value given twice in one cell counts once */
    if (d->n_codes == d->cap_codes) {
        size_t cap = d->cap_codes ? 2 * d->cap_codes : 8;
        int *c = realloc(d->codes, cap * sizeof *c);
        if (!c)
            return -1;
        d->codes = c;
        d->cap_codes = cap;
    }
    d->codes[d->n_codes++] = code;
    return 0;
}

/* A value that matches no fixed category: its own category, or "other" when collapsed. */
static int unmatched(fs_dim *d, const char *raw, const fs_episode *ep, unsigned long serial)
{
    if (note_unknown(d, raw, ep, serial))
        return -1;
    if (d->other >= 0)
        return push(d, d->other);
    int c = value_cat(d, raw, -1, ep, serial);
    return c < 0 ? -1 : push(d, c);
}

/* Each '|'-separated value of raw once; missing when there is none. */
static int multi_values(fs_dim *d, const char *raw, const fs_episode *ep, unsigned long serial)
{
    char stack[256], *copy = strlen(raw) < sizeof stack ? strcpy(stack, raw) : fs_strdup(raw);
    char *save = NULL;
    int any = 0, rc = 0;
    if (!copy)
        return -1;
    for (char *tok = strtok_r(copy, "|", &save); tok && !rc; tok = strtok_r(NULL, "|", &save)) {
        fs_trim(tok);
        if (!*tok)
            continue;
        any = 1;
        int g = d->catmap ? fs_catmap_lookup(d->catmap, tok) : FS_CAT_NONE;
        rc = g != FS_CAT_NONE ? push(d, g) : unmatched(d, tok, ep, serial);
    }
    if (copy != stack)
        free(copy);
    if (!any && !rc)
        rc = push(d, d->missing);
    return rc;
}

/* Fills d->codes with the categories of ep (cl: its flow classes), once per episode (see
 * codes_of). -1 on memory failure. */
static int classify(fs_engine *e, fs_dim *d, const fs_episode *ep, int cl)
{
    unsigned long serial = e->serial;
    d->serial = serial;
    d->n_codes = 0;
    switch (d->spec.kind) {
    case FS_DIM_FLOW:
        for (int r = 0; r < FS_FLOW_N; r++)
            if (cl & FS_FLOW_BIT(r) && push(d, r))
                return -1;
        return 0;
    case FS_DIM_EXIT_REASON:
        if (ep->reason_group >= 0 && ep->reason_group < FS_EXIT_N_GROUPS) {
            if (push(d, d->groupcat[ep->reason_group]))
                return -1;
            if (!e->o.exit_detail)
                return 0;
            int c = value_cat(d, ep->reason, d->groupcat[ep->reason_group], ep, serial);
            return c < 0 ? -1 : push(d, c);
        }
        return *ep->reason ? unmatched(d, ep->reason, ep, serial) : push(d, d->missing);
    case FS_DIM_REFERRER:
        if (e->ref_serial != serial) {
            e->ref_serial = serial;
            e->ref_set = fs_referrer_lookup(e->refmap, ep->referrer, &e->ref_unknown);
        }
        if (e->ref_unknown)
            return unmatched(d, ep->referrer, ep, serial);
        return push(d, e->ref_set ? d->setcat[e->ref_set] : d->missing);
    case FS_DIM_INCOME_START:
    case FS_DIM_INCOME_END: {
        int end = d->spec.kind == FS_DIM_INCOME_END;
        const char *raw = end ? ep->income_end : ep->income_start;
        if (e->inc_serial[end] != serial) {
            e->inc_serial[end] = serial;
            e->inc[end] = fs_income_lookup(e->incmap, raw);
        }
        int g = e->inc[end];
        if (g == FS_CAT_NONE)
            return unmatched(d, raw, ep, serial);
        return push(d, d->groupcat[e->o.income_scb ? fs_income_scb_of(g) : g]);
    }
    case FS_DIM_TARGET_GROUP:
        return multi_values(d, ep->target_group, ep, serial);
    case FS_DIM_MUNICIPALITY:
        if (!*ep->municipality)
            return push(d, d->missing);
        return unmatched(d, ep->municipality, ep, serial);
    case FS_DIM_AGE: {
        if (!ep->birth_year)
            return push(d, d->missing);
        int b = fs_age_band(&d->ages, d->age_year - ep->birth_year);
        return push(d, b == FS_AGE_OUTSIDE ? d->outside : b);
    }
    case FS_DIM_DURATION:
        return ep->has_exit ? push(d, (int)fs_duration_band_of(ep->entry, ep->exit)) : 0;
    case FS_DIM_ENTRY_YEAR: {
        int y, m, dd;
        char text[16];
        fs_date_to_ymd(ep->entry, &y, &m, &dd);
        snprintf(text, sizeof text, "%04d", y);
        int c = value_cat(d, text, -1, ep, serial);
        return c < 0 ? -1 : push(d, c);
    }
    case FS_DIM_ENTRY_MONTH:
    case FS_DIM_EXIT_MONTH: {
        int exit = d->spec.kind == FS_DIM_EXIT_MONTH;
        if (!e->o.has_period || (exit && !ep->has_exit))
            return 0;
        int m = fs_period_month_index(&e->o.period, exit ? ep->exit : ep->entry);
        return m < 0 ? 0 : push(d, m);
    }
    case FS_DIM_INSATS: {
        int c = value_cat(d, *ep->insats ? ep->insats : "(ingen insats)", -1, ep, serial);
        return c < 0 ? -1 : push(d, c);
    }
    case FS_DIM_COLUMN:
        return multi_values(d, ep->extra ? ep->extra[d->extra] : "", ep, serial);
    case FS_DIM_NONE:
    case FS_DIM_N:
        break;
    }
    FS_BUG("a dimension of no kind");
    return -1;
}

/* The [column "HEADER"] section of header, or NULL: the section name is matched as headers
 * are (case, spaces and Unicode form ignored). */
static char *column_section(const fs_config *cfg, const char *header)
{
    char *want = fs_fold(header), *found = NULL;
    for (size_t i = 0; want && cfg && i < cfg->n && !found; i++) {
        char *name = fs_config_column_header(cfg->entries[i].section);
        char *f = name ? fs_fold(name) : NULL;
        if (f && strcmp(f, want) == 0)
            found = fs_strdup(cfg->entries[i].section);
        free(name);
        free(f);
    }
    free(want);
    return found;
}

fs_error fs_column_config_check(const fs_config *cfg, fs_msg *err)
{
    for (size_t i = 0; cfg && i < cfg->n; i++) {
        const fs_config_entry *ce = &cfg->entries[i];
        char *header = fs_config_column_header(ce->section);
        free(header);
        if (header && !*ce->value)
            return fs_config_fail(cfg, ce, err, "[%s] %s: no group given (write: value = group)",
                                  ce->section, ce->key);
    }
    return FS_OK;
}

static fs_error column_groups(fs_dim *d, const fs_config *cfg)
{
    char *section = column_section(cfg, d->column);
    if (!section)
        return FS_OK;
    fs_error e = FS_OK;
    if (!(d->catmap = fs_catmap_new()))
        e = FS_ERR_MEMORY;
    for (size_t i = 0; !e && i < cfg->n; i++) {
        const fs_config_entry *ce = &cfg->entries[i];
        if (strcmp(ce->section, section) != 0)
            continue;
        int g = -1;
        for (int c = 0; c < d->n_groups; c++)
            if (strcmp(d->cats[c].label, ce->value) == 0)
                g = c;
        if (g < 0) {
            char *slug = fs_slug(ce->value);
            g = slug ? add_cat(d, slug, ce->value, -1, 1, 0) : -1;
            free(slug);
            if (g < 0) {
                e = FS_ERR_MEMORY;
                break;
            }
            d->n_groups++;
        }
        if (fs_catmap_add(d->catmap, ce->key, g))
            e = FS_ERR_MEMORY;
    }
    free(section);
    if (!e && d->n_groups) {
        d->warn = "group in the config";
        d->header = d->column;
    }
    return e;
}

static warnset *engine_warnset(fs_engine *e, const char *header, const char *what)
{
    for (size_t i = 0; i < e->n_warns; i++)
        if (strcmp(e->warns[i]->header, header) == 0)
            return e->warns[i];
    warnset **ws = realloc(e->warns, (e->n_warns + 1) * sizeof *ws);
    if (!ws)
        return NULL;
    e->warns = ws;
    warnset *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->header = header;
    w->what = what;
    e->warns[e->n_warns++] = w;
    return w;
}

static void dim_free(fs_dim *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n_cats; i++) {
        free(d->cats[i].key);
        free(d->cats[i].label);
    }
    free(d->cats);
    free(d->fold);
    fs_bykey_free(d->values);
    fs_catmap_free(d->catmap);
    free(d->codes);
    free(d->column);
    free(d);
}

static fs_dim *dim_new(fs_engine *e, const fs_dim_spec *spec, fs_msg *err)
{
    const char *lang = e->o.lang;
    fs_dim *d = calloc(1, sizeof *d);
    if (!d)
        goto oom;
    d->spec = *spec;
    d->missing = d->other = d->outside = -1;
    d->prefix = "";
    d->serial = ULONG_MAX;
    char key[64], label[160];
    switch (spec->kind) {
    case FS_DIM_FLOW:
        for (int r = 0; r < FS_FLOW_N; r++)
            if (add_cat(d, fs_flow_key(r), fs_flow_label(r, lang), -1, 1, 0) < 0)
                goto oom;
        break;
    case FS_DIM_EXIT_REASON:
        for (int g = 0; g < FS_EXIT_N_GROUPS; g++)
            if ((d->groupcat[g] = add_cat(d, fs_exit_groups[g].key,
                                          fs_group_label(&fs_exit_groups[g], lang), -1, 1, 0)) < 0)
                goto oom;
        if ((d->missing = add_cat(d, "missing", fs_tr(lang, "Exit reason not recorded"), -1, 0,
                                  1)) < 0)
            goto oom;
        break;
    case FS_DIM_REFERRER:
        if (!e->refmap && !(e->refmap = fs_referrer_map_new(e->o.config, err)))
            goto fail;
        /* the five referrers always, then joint referrals present, in canonical order */
        for (unsigned pass = 0; pass < 2; pass++)
            for (unsigned set = 1; set < (1u << FS_REF_N_BASE); set++) {
                int single = !(set & (set - 1));
                if ((pass == 0) != single)
                    continue;
                fs_referrer_key(set, key, sizeof key);
                fs_referrer_label(set, lang, label, sizeof label);
                if ((d->setcat[set] = add_cat(d, key, label, -1, single, 0)) < 0)
                    goto oom;
            }
        if ((d->missing = add_cat(d, "missing", fs_tr(lang, "Not recorded"), -1, 1, 1)) < 0)
            goto oom;
        d->prefix = "other_";
        d->warn = "referrer";
        d->header = fs_field_default_header(FS_FIELD_REFERRER);
        break;
    case FS_DIM_INCOME_START:
    case FS_DIM_INCOME_END: {
        if (!e->incmap && !(e->incmap = fs_income_map_new(e->o.config, err)))
            goto fail;
        int n = e->o.income_scb ? FS_SCB_N : FS_INC_N_DETAIL;
        int missing = e->o.income_scb ? FS_SCB_MISSING : FS_INC_MISSING;
        for (int g = 0; g < n; g++) {
            const fs_group *grp = e->o.income_scb ? &fs_income_scb_groups[g] : &fs_income_groups[g];
            if ((d->groupcat[g] = add_cat(d, grp->key, fs_group_label(grp, lang), -1, 1,
                                          g == missing)) < 0)
                goto oom;
        }
        d->missing = d->groupcat[missing];
        d->prefix = "other_";
        d->warn = "income-support category";
        d->header = fs_field_default_header(spec->kind == FS_DIM_INCOME_START
                                                ? FS_FIELD_INCOME_START
                                                : FS_FIELD_INCOME_END);
        break;
    }
    case FS_DIM_TARGET_GROUP:
    case FS_DIM_MUNICIPALITY:
        if ((d->missing = add_cat(d, "missing", fs_tr(lang, "Not recorded"), -1, 1, 1)) < 0)
            goto oom;
        break;
    case FS_DIM_AGE: {
        if (fs_age_bands_from_config(e->o.config, &d->ages, err))
            goto fail;
        int m, dd;
        fs_date_to_ymd(e->o.has_period ? e->o.period.to : e->o.as_of, &d->age_year, &m, &dd);
        for (int b = 0; b < d->ages.n; b++) {
            if (d->ages.hi[b] >= 0)
                snprintf(key, sizeof key, "age_%d_%d", d->ages.lo[b], d->ages.hi[b]);
            else
                snprintf(key, sizeof key, "age_%d_plus", d->ages.lo[b]);
            if (add_cat(d, key, d->ages.label[b], -1, 1, 0) < 0)
                goto oom;
        }
        if ((d->outside = add_cat(d, "outside", fs_tr(lang, "Outside the bands"), -1, 0, 1)) < 0 ||
            (d->missing = add_cat(d, "unknown", fs_tr(lang, "Not recorded"), -1, 1, 1)) < 0)
            goto oom;
        break;
    }
    case FS_DIM_DURATION:
        for (int b = 0; b < FS_DUR_N; b++)
            if (add_cat(d, fs_duration_key(b), fs_duration_label(b, lang), -1, 1, 0) < 0)
                goto oom;
        break;
    case FS_DIM_ENTRY_YEAR:
        d->prefix = "year_";
        break;
    case FS_DIM_ENTRY_MONTH:
    case FS_DIM_EXIT_MONTH:
        for (int m = 0; e->o.has_period && m < fs_period_months(&e->o.period); m++) {
            char month[8];
            fs_period_month_text(&e->o.period, m, month);
            snprintf(key, sizeof key, "m%s", month);
            if (add_cat(d, key, month, -1, 1, 0) < 0)
                goto oom;
        }
        break;
    case FS_DIM_INSATS:
        break;
    case FS_DIM_COLUMN: {
        if (!spec->column || !(d->column = fs_strdup(spec->column)))
            goto oom;
        d->spec.column = d->column;
        if (column_groups(d, e->o.config))
            goto oom;
        if ((d->missing = add_cat(d, "missing", fs_tr(lang, "Not recorded"), -1, 1, 1)) < 0)
            goto oom;
        size_t x = 0;
        while (x < e->n_extra && strcmp(e->extra[x], d->column) != 0)
            x++;
        if (x == e->n_extra) {
            const char **n = realloc(e->extra, (x + 1) * sizeof *n);
            if (!n)
                goto oom;
            e->extra = n;
            e->extra[e->n_extra++] = d->column;
        }
        d->extra = x;
        break;
    }
    case FS_DIM_NONE:
    case FS_DIM_N:
        FS_BUG("a dimension of no kind");
    }
    if (d->warn && !(d->warns = engine_warnset(e, d->header, d->warn)))
        goto oom;
    /* "other": values matching nothing, in one category, after the fixed ones */
    if (spec->collapse && (d->other = add_cat(d, "other", fs_tr(lang, "Other value (see warnings)"),
                                              -1, 0, 1)) < 0)
        goto oom;
    if (spec->collapse && d->missing >= 0) {
        /* keep "not recorded" last */
        d->cats[d->missing].tail = 1;
    }
    return d;
oom:
    fs_msg_set(err, "out of memory");
fail:
    dim_free(d);
    return NULL;
}

size_t fs_dim_count(const fs_dim *d)
{
    return d->n_cats;
}

const fs_cat *fs_dim_cat(const fs_dim *d, int i)
{
    return &d->cats[i];
}

fs_dim_kind fs_dim_kind_of(const fs_dim *d)
{
    return d->spec.kind;
}

int fs_dim_age_year(const fs_dim *d)
{
    return d->age_year;
}

static const fs_dim *sort_dim; /* qsort has no context argument */

static int by_fold(const void *a, const void *b)
{
    const char *x = sort_dim->fold[*(const int *)a], *y = sort_dim->fold[*(const int *)b];
    return strcmp(x, y);
}

size_t fs_dim_order(const fs_dim *d, int *order)
{
    size_t n = 0, nd = 0;
    int *dyn = malloc((d->n_cats + 1) * sizeof *dyn);
    if (!dyn)
        return 0;
    for (size_t i = 0; i < d->n_cats; i++)
        if (d->cats[i].dynamic)
            dyn[nd++] = (int)i;
    sort_dim = d;
    qsort(dyn, nd, sizeof *dyn, by_fold);
    for (int tail = 0; tail < 2; tail++) {
        /* fixed categories, each followed by the values under it */
        for (size_t i = 0; i < d->n_cats; i++) {
            if (d->cats[i].dynamic || d->cats[i].tail != tail || (int)i == d->other)
                continue;
            order[n++] = (int)i;
            for (size_t k = 0; k < nd; k++)
                if (d->cats[dyn[k]].parent == (int)i)
                    order[n++] = dyn[k];
        }
        if (tail)
            break;
        /* then the values of their own, and "other" */
        for (size_t k = 0; k < nd; k++)
            if (d->cats[dyn[k]].parent < 0)
                order[n++] = dyn[k];
        if (d->other >= 0)
            order[n++] = d->other;
    }
    free(dyn);
    return n;
}

/* ---- tallies ---- */

static cell *get_cell(fs_tally *t, int a, int b)
{
    size_t ia = (size_t)(a + 1), ib = (size_t)(b + 1);
    if (ia >= t->n_rows) {
        size_t n = ia + 8;
        crow *r = realloc(t->rows, n * sizeof *r);
        if (!r)
            return NULL;
        memset(r + t->n_rows, 0, (n - t->n_rows) * sizeof *r);
        t->rows = r;
        t->n_rows = n;
    }
    crow *r = &t->rows[ia];
    if (ib >= r->n) {
        size_t n = ib + (t->col ? 8 : 1);
        cell *c = realloc(r->c, n * sizeof *c);
        if (!c)
            return NULL;
        memset(c + r->n, 0, (n - r->n) * sizeof *c);
        r->c = c;
        r->n = n;
    }
    return &r->c[ib];
}

static const cell *peek_cell(const fs_tally *t, int a, int b)
{
    size_t ia = (size_t)(a + 1), ib = (size_t)(b + 1);
    if (ia >= t->n_rows || ib >= t->rows[ia].n)
        return NULL;
    return &t->rows[ia].c[ib];
}

static int touch_slow(fs_tally *t, int a, int b, fs_sex sex, long person);

/* Counts the episode (person < 0) or the person in cell (a, b). -1 on memory failure. */
static inline int touch(fs_tally *t, int a, int b, fs_sex sex, long person)
{
    size_t ia = (size_t)(a + 1), ib = (size_t)(b + 1);
    if (person < 0 && ia < t->n_rows && ib < t->rows[ia].n) {
        t->rows[ia].c[ib].n[sex]++; /* the common case: an episode in a cell seen before */
        return 0;
    }
    return touch_slow(t, a, b, sex, person);
}

static int touch_slow(fs_tally *t, int a, int b, fs_sex sex, long person)
{
    cell *c = get_cell(t, a, b);
    if (!c)
        return -1;
    if (person < 0) {
        c->n[sex]++;
        return 0;
    }
    if (!c->id) {
        if (t->n_ids == UINT32_MAX - 1)
            return -1;
        if (t->n_ids == t->cap_ids) {
            size_t cap = t->cap_ids ? 2 * t->cap_ids : 64;
            int32_t *x = realloc(t->id_a, cap * sizeof *x), *y;
            if (!x)
                return -1;
            t->id_a = x;
            if (!(y = realloc(t->id_b, cap * sizeof *y)))
                return -1;
            t->id_b = y;
            t->cap_ids = cap;
        }
        t->id_a[t->n_ids] = a;
        t->id_b[t->n_ids] = b;
        c->id = (uint32_t)++t->n_ids;
    }
    return fs_pairset_add(&t->pairs, (uint64_t)person << 32 | c->id) < 0 ? -1 : 0;
}

/* The categories of ep in d->codes: classified by the first tally that asks. */
static inline int codes_of(fs_engine *e, fs_dim *d, const fs_episode *ep, int cl)
{
    return d->serial == e->serial ? 0 : classify(e, d, ep, cl);
}

static int tally_add(fs_engine *e, fs_tally *t, const fs_episode *ep, int cl, long person)
{
    fs_dim *rd = t->row, *cd = t->col;
    fs_sex sex = ep->sex;
    t->episodes[sex]++; /* counting episodes, this is cell (FS_ALL, FS_ALL) */
    if (t->spec.days && ep->has_exit) {
        fs_error de = fs_dayhist_add(&t->days[sex], ep->exit - ep->entry);
        if (de == FS_ERR_RANGE)
            FS_BUG("time in the programme outside the dates the reader accepts");
        if (de)
            return -1;
    }
    if ((person >= 0 && touch(t, FS_ALL, FS_ALL, sex, person)) || codes_of(e, rd, ep, cl) ||
        (cd && codes_of(e, cd, ep, cl)))
        return -1;
    for (size_t i = 0; i < rd->n_codes; i++) {
        if (touch(t, rd->codes[i], FS_ALL, sex, person))
            return -1;
        for (size_t j = 0; cd && j < cd->n_codes; j++)
            if (touch(t, rd->codes[i], cd->codes[j], sex, person))
                return -1;
    }
    for (size_t j = 0; t->spec.col_totals && j < cd->n_codes; j++)
        if (touch(t, FS_ALL, cd->codes[j], sex, person))
            return -1;
    return 0;
}

/* Counting persons: each (person, cell) pair once, under the person's sex. */
static fs_error tally_count_persons(fs_tally *t, const fs_persons *p, unsigned char *seen)
{
    const fs_pairset *s = &t->pairs;
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->slots[i])
            continue;
        uint64_t v = s->slots[i] - 1;
        size_t person = (size_t)(v >> 32);
        uint32_t id = (uint32_t)(v & 0xFFFFFFFFu) - 1;
        int a = t->id_a[id], b = t->id_b[id];
        cell *c = get_cell(t, a, b); /* exists: it has an id */
        c->n[fs_persons_sex(p, person)]++;
        if (a != FS_ALL && b == FS_ALL && t->row->cats[a].parent < 0 && seen[person] < 2 &&
            ++seen[person] == 2)
            t->multi++;
    }
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i])
            seen[(size_t)((s->slots[i] - 1) >> 32)] = 0;
    fs_pairset_free(&t->pairs);
    return FS_OK;
}

static void tally_free(fs_tally *t)
{
    for (size_t i = 0; i < t->n_rows; i++)
        free(t->rows[i].c);
    free(t->rows);
    for (int s = 0; s < FS_SEX_N; s++)
        fs_dayhist_free(&t->days[s]);
    fs_pairset_free(&t->pairs);
    free(t->id_a);
    free(t->id_b);
}

const fs_tally_spec *fs_tally_spec_of(const fs_tally *t)
{
    return &t->spec;
}

const fs_dim *fs_tally_row_dim(const fs_tally *t)
{
    return t->row;
}

const fs_dim *fs_tally_col_dim(const fs_tally *t)
{
    return t->col;
}

void fs_tally_cell(const fs_tally *t, int a, int b, unsigned long out[FS_SEX_N])
{
    if (a == FS_ALL && b == FS_ALL && !t->persons) {
        memcpy(out, t->episodes, sizeof t->episodes);
        return;
    }
    const cell *c = peek_cell(t, a, b);
    for (int s = 0; s < FS_SEX_N; s++)
        out[s] = c ? c->n[s] : 0;
}

int fs_tally_nonzero(const fs_tally *t, int a, int b)
{
    unsigned long n[FS_SEX_N];
    fs_tally_cell(t, a, b, n);
    return n[0] + n[1] + n[2] > 0;
}

void fs_tally_episodes(const fs_tally *t, unsigned long out[FS_SEX_N])
{
    memcpy(out, t->episodes, sizeof t->episodes);
}

unsigned long fs_tally_multi(const fs_tally *t)
{
    return t->multi;
}

const fs_dayhist *fs_tally_days(const fs_tally *t)
{
    return t->days;
}

/* ---- the engine ---- */

static int same_dim(const fs_dim_spec *a, const fs_dim_spec *b)
{
    return a->kind == b->kind && a->collapse == b->collapse &&
           (a->kind != FS_DIM_COLUMN || strcmp(a->column, b->column) == 0);
}

static int dim_index(fs_engine *e, const fs_dim_spec *s, fs_msg *err)
{
    for (size_t i = 0; i < e->n_dims; i++)
        if (same_dim(&e->dims[i]->spec, s))
            return (int)i;
    fs_dim **d = realloc(e->dims, (e->n_dims + 1) * sizeof *d);
    if (!d) {
        fs_msg_set(err, "out of memory");
        return -1;
    }
    e->dims = d;
    if (!(e->dims[e->n_dims] = dim_new(e, s, err)))
        return -1;
    return (int)e->n_dims++;
}

fs_engine *fs_engine_new(const fs_engine_options *o, fs_msg *err)
{
    fs_engine *e = calloc(1, sizeof *e);
    if (!e)
        goto oom;
    e->o = *o;
    if (!e->o.lang)
        e->o.lang = "sv";
    e->period = o->period;
    if (!o->has_period) {
        e->period.from = -100000000L;
        e->period.to = 100000000L;
    }
    if (o->n_insats) {
        if (!(e->insats_filter = fs_bykey_new(0)))
            goto oom;
        for (size_t i = 0; i < o->n_insats; i++)
            if (!fs_bykey_get(e->insats_filter, o->insats[i]))
                goto oom;
    }
    if (o->by_insats && !(e->per = fs_bykey_new(sizeof(slice))))
        goto oom;
    if (o->unit == FS_UNIT_PERSONS) {
        if (!(e->persons = fs_persons_new()))
            goto oom;
        if (fs_person_secret_init(&e->secret)) {
            fs_msg_set(err, "cannot initialise the random source for the person hash");
            fs_engine_free(e);
            return NULL;
        }
    }
    return e;
oom:
    fs_msg_set(err, "out of memory");
    fs_engine_free(e);
    return NULL;
}

int fs_engine_tally(fs_engine *e, const fs_tally_spec *s, fs_msg *err)
{
    if (e->started)
        FS_BUG("fs_engine_tally after the first episode");
    for (size_t i = 0; i < e->n_specs; i++) {
        const fs_tally_spec *x = &e->specs[i].spec;
        if (x->pop == s->pop && x->days == s->days && x->col_totals == s->col_totals &&
            same_dim(&x->row, &s->row) &&
            x->col.kind == s->col.kind && (s->col.kind == FS_DIM_NONE || same_dim(&x->col, &s->col)))
            return (int)i;
    }
    spec_entry *n = realloc(e->specs, (e->n_specs + 1) * sizeof *n);
    if (!n) {
        fs_msg_set(err, "out of memory");
        return -1;
    }
    e->specs = n;
    spec_entry *se = &e->specs[e->n_specs];
    se->spec = *s;
    se->row = dim_index(e, &s->row, err);
    se->col = s->col.kind == FS_DIM_NONE ? -1 : dim_index(e, &s->col, err);
    if (se->row < 0 || (s->col.kind != FS_DIM_NONE && se->col < 0))
        return -1;
    return (int)e->n_specs++;
}

void fs_engine_export_options(fs_engine *e, fs_export_options *eo)
{
    static const struct {
        fs_dim_kind kind;
        fs_field field;
    } reads[] = {
        {FS_DIM_REFERRER, FS_FIELD_REFERRER},         {FS_DIM_INCOME_START, FS_FIELD_INCOME_START},
        {FS_DIM_INCOME_END, FS_FIELD_INCOME_END},     {FS_DIM_TARGET_GROUP, FS_FIELD_TARGET_GROUP},
        {FS_DIM_MUNICIPALITY, FS_FIELD_MUNICIPALITY}, {FS_DIM_INSATS, FS_FIELD_INSATS},
    };
    for (size_t i = 0; i < e->n_dims; i++)
        for (size_t k = 0; k < sizeof reads / sizeof reads[0]; k++)
            if (e->dims[i]->spec.kind == reads[k].kind)
                eo->wanted |= FS_FIELD_BIT(reads[k].field);
    if (e->o.by_insats || e->o.n_insats)
        eo->wanted |= FS_FIELD_BIT(FS_FIELD_INSATS);
    eo->extra = e->extra;
    eo->n_extra = e->n_extra;
    eo->persons = e->persons ? &e->secret : NULL;
}

static int slice_init(fs_engine *e, slice *s)
{
    if (s->tallies)
        return 0;
    if (!(s->tallies = calloc(e->n_specs ? e->n_specs : 1, sizeof *s->tallies)))
        return -1;
    for (size_t i = 0; i < e->n_specs; i++) {
        s->tallies[i].spec = e->specs[i].spec;
        s->tallies[i].row = e->dims[e->specs[i].row];
        s->tallies[i].col = e->specs[i].col >= 0 ? e->dims[e->specs[i].col] : NULL;
        s->tallies[i].persons = e->persons != NULL;
    }
    return 0;
}

static int slice_add(fs_engine *e, slice *s, const fs_episode *ep, int cl, long person)
{
    if (ep->reason_group == FS_EXIT_EXCLUDED) {
        for (int r = 0; r < FS_FLOW_N; r++)
            if (cl & FS_FLOW_BIT(r))
                s->felreg[r]++;
        return 0;
    }
    if (e->persons && !ep->person)
        s->unidentified++;
    for (size_t i = 0; i < e->n_specs; i++)
        if ((cl & FS_FLOW_BIT(s->tallies[i].spec.pop)) &&
            tally_add(e, &s->tallies[i], ep, cl, person))
            return -1;
    return 0;
}

int fs_engine_add(const fs_episode *ep, void *engine)
{
    fs_engine *e = engine;
    e->started = 1;
    e->serial++;
    int cl = fs_flow_classify(ep->entry, ep->has_exit, ep->exit, &e->period);
    if (cl == FS_FLOW_INVALID)
        FS_BUG("the export reader passed an episode with exit before entry");
    if (cl == 0)
        return 0;
    if (e->insats_filter && !fs_bykey_find(e->insats_filter, ep->insats))
        return 0;
    long person = -1;
    if (e->persons && ep->reason_group != FS_EXIT_EXCLUDED) {
        person = ep->person ? fs_persons_add(e->persons, ep->person, ep->sex)
                            : fs_persons_add_anonymous(e->persons, ep->sex);
        if (person < 0)
            goto oom;
    }
    if (slice_init(e, &e->whole) || slice_add(e, &e->whole, ep, cl, person))
        goto oom;
    if (e->per) {
        fs_bykey_entry *be = fs_bykey_get(e->per, *ep->insats ? ep->insats : "(ingen insats)");
        if (!be || slice_init(e, be->data) || slice_add(e, be->data, ep, cl, person))
            goto oom;
    }
    return 0;
oom:
    e->failed = 1;
    return 1;
}

static fs_error slice_finish(fs_engine *e, slice *s, unsigned char *seen)
{
    if (slice_init(e, s))
        return FS_ERR_MEMORY;
    for (size_t i = 0; e->persons && i < e->n_specs; i++)
        if (tally_count_persons(&s->tallies[i], e->persons, seen))
            return FS_ERR_MEMORY;
    return FS_OK;
}

fs_error fs_engine_finish(fs_engine *e)
{
    if (e->failed)
        return FS_ERR_MEMORY;
    size_t n = e->per ? fs_bykey_count(e->per) : 0;
    unsigned char *seen = NULL;
    if (e->persons && !(seen = calloc(fs_persons_count(e->persons) + 1, 1)))
        return FS_ERR_MEMORY;
    fs_error err = slice_finish(e, &e->whole, seen);
    if (e->per)
        fs_bykey_sort(e->per);
    for (size_t i = 0; !err && i < n; i++)
        err = slice_finish(e, fs_bykey_at(e->per, i)->data, seen);
    free(seen);
    return err;
}

void fs_engine_free(fs_engine *e)
{
    if (!e)
        return;
    size_t n = e->per ? fs_bykey_count(e->per) : 0;
    for (size_t i = 0; i <= n; i++) {
        slice *s = i < n ? fs_bykey_at(e->per, i)->data : &e->whole;
        for (size_t k = 0; s->tallies && k < e->n_specs; k++)
            tally_free(&s->tallies[k]);
        free(s->tallies);
    }
    fs_bykey_free(e->per);
    fs_bykey_free(e->insats_filter);
    for (size_t i = 0; i < e->n_dims; i++)
        dim_free(e->dims[i]);
    free(e->dims);
    free(e->specs);
    free(e->extra);
    for (size_t i = 0; i < e->n_warns; i++) {
        fs_bykey_free(e->warns[i]->values);
        free(e->warns[i]);
    }
    free(e->warns);
    fs_referrer_map_free(e->refmap);
    fs_catmap_free(e->incmap);
    fs_persons_free(e->persons);
    free(e);
}

const fs_engine_options *fs_engine_opts(const fs_engine *e)
{
    return &e->o;
}

size_t fs_engine_slices(const fs_engine *e)
{
    return 1 + (e->per ? fs_bykey_count(e->per) : 0);
}

static const slice *slice_at(const fs_engine *e, size_t i)
{
    size_t n = e->per ? fs_bykey_count(e->per) : 0;
    return i < n ? fs_bykey_at(e->per, i)->data : &e->whole;
}

const char *fs_engine_slice_name(const fs_engine *e, size_t i)
{
    size_t n = e->per ? fs_bykey_count(e->per) : 0;
    return i < n ? fs_bykey_at(e->per, i)->label : NULL;
}

const fs_tally *fs_engine_get(const fs_engine *e, size_t i, int tally)
{
    return &slice_at(e, i)->tallies[tally];
}

unsigned long fs_engine_felreg(const fs_engine *e, size_t i, fs_flow_row pop)
{
    return slice_at(e, i)->felreg[pop];
}

unsigned long fs_engine_unidentified(const fs_engine *e, size_t i)
{
    return slice_at(e, i)->unidentified;
}

size_t fs_engine_sex_conflicts(const fs_engine *e)
{
    return e->persons ? fs_persons_conflicts(e->persons) : 0;
}

size_t fs_engine_persons(const fs_engine *e)
{
    return e->persons ? fs_persons_count(e->persons) : 0;
}

/* Unknown values listed in the warnings, per column; the rest are counted in one line. */
#define WARN_VALUES_MAX 50

void fs_engine_each_warning(const fs_engine *e, void (*emit)(const char *line, void *user),
                            void *user)
{
    for (size_t i = 0; i < e->n_warns; i++) {
        const warnset *w = e->warns[i];
        size_t n = w->values ? fs_bykey_count(w->values) : 0;
        unsigned long more_rows = 0;
        for (size_t k = 0; k < n; k++) {
            const fs_bykey_entry *be = fs_bykey_at(w->values, k);
            const unknown *u = be->data;
            if (k >= WARN_VALUES_MAX) {
                more_rows += u->rows;
                continue;
            }
            char *line = u->rows == 1
                             ? fs_asprintf("%s:%lu: column \"%s\": \"%s\" matches no %s", u->file,
                                           u->first_line, w->header, be->label, w->what)
                             : fs_asprintf("%s: column \"%s\": \"%s\" matches no %s (%lu rows in "
                                           "the selection, first at line %lu)", u->file,
                                           w->header, be->label, w->what, u->rows, u->first_line);
            if (line)
                emit(line, user);
            free(line);
        }
        if (n > WARN_VALUES_MAX) {
            char *line = fs_asprintf("column \"%s\": and %zu more distinct values that match no "
                                     "%s (%lu rows in the selection)", w->header,
                                     n - WARN_VALUES_MAX, w->what, more_rows);
            if (line)
                emit(line, user);
            free(line);
        }
    }
}
