/* dims.c: the dimensions of the engine (dims.h): categories and classification. */
#include "dims.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/i18n.h"
#include "finsam/text.h"

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
    if (d->n_noted < sizeof d->noted / sizeof d->noted[0])
        d->noted[d->n_noted] = u;
    d->n_noted++;
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

/* The text a dimension classifies by, or NULL for a dimension that does not read one
 * column's text alone; *no: the reader's number of that text (valnum.h), or
 * FS_VALNUM_NONE. */
static const char *memo_key(const fs_dim *d, const fs_episode *ep, uint32_t *no)
{
    fs_field f;
    const char *raw;
    switch (d->spec.kind) {
    case FS_DIM_EXIT_REASON: /* the reason's group is the reader's look-up of the same text */
        f = FS_FIELD_REASON, raw = ep->reason;
        break;
    case FS_DIM_REFERRER:
        f = FS_FIELD_REFERRER, raw = ep->referrer;
        break;
    case FS_DIM_INCOME_START:
        f = FS_FIELD_INCOME_START, raw = ep->income_start;
        break;
    case FS_DIM_INCOME_END:
        f = FS_FIELD_INCOME_END, raw = ep->income_end;
        break;
    case FS_DIM_TARGET_GROUP:
        f = FS_FIELD_TARGET_GROUP, raw = ep->target_group;
        break;
    case FS_DIM_MUNICIPALITY:
        f = FS_FIELD_MUNICIPALITY, raw = ep->municipality;
        break;
    case FS_DIM_INSATS:
        f = FS_FIELD_INSATS, raw = ep->insats;
        break;
    case FS_DIM_COLUMN:
        *no = ep->numbering && ep->extra_no ? ep->extra_no[d->extra] : FS_VALNUM_NONE;
        return ep->extra ? ep->extra[d->extra] : "";
    default:
        *no = FS_VALNUM_NONE;
        return NULL;
    }
    *no = fs_episode_no(ep, f);
    return raw;
}

/* The memo entry of raw (number no), or FS_STRMAP_NONE; by number when it has one. */
static size_t memo_find(memo *m, const char *raw, uint32_t no, const void *numbering)
{
    uint32_t *kept = NULL;
    if (no != FS_VALNUM_NONE && (m->by_no || (m->by_no = calloc(FS_VALNUM_MAX, sizeof *m->by_no)))) {
        if (fs_valnum_reader_changed(&m->numbering, numbering))
            memset(m->by_no, 0, FS_VALNUM_MAX * sizeof *m->by_no);
        kept = &m->by_no[no];
        if (*kept)
            return *kept - 1;
    }
    size_t k = m->raw ? fs_strmap_find(m->raw, raw) : FS_STRMAP_NONE;
    if (kept && k != FS_STRMAP_NONE)
        *kept = (uint32_t)k + 1;
    return k;
}

/* Values memoised per dimension: past this many distinct ones, the rest are classified
 * each time (a column of free text must not grow memory with the rows). */
#define MEMO_MAX 4096

/* Remembers what the episode just classified made of raw; a failure only costs speed. */
static void memo_store(fs_dim *d, const char *raw)
{
    memo *m = &d->memo;
    size_t k;
    int added;
    if (d->n_noted > sizeof d->noted / sizeof d->noted[0] ||
        (m->raw && fs_strmap_count(m->raw) >= MEMO_MAX))
        return;
    if (m->n_codes + d->n_codes > m->cap_codes) {
        size_t cap = m->cap_codes ? 2 * m->cap_codes : 64;
        while (cap < m->n_codes + d->n_codes)
            cap *= 2;
        int *c = realloc(m->codes, cap * sizeof *c);
        if (!c)
            return;
        m->codes = c;
        m->cap_codes = cap;
    }
    if (m->n_unk + d->n_noted > m->cap_unk) {
        size_t cap = m->cap_unk ? 2 * m->cap_unk : 16;
        while (cap < m->n_unk + d->n_noted)
            cap *= 2;
        unknown **u = realloc(m->unk, cap * sizeof *u);
        if (!u)
            return;
        m->unk = u;
        m->cap_unk = cap;
    }
    if (!m->raw && !(m->raw = fs_strmap_new()))
        return;
    if (fs_strmap_count(m->raw) == m->cap_entries) {
        size_t cap = m->cap_entries ? 2 * m->cap_entries : 16;
        memo_entry *en = realloc(m->entries, cap * sizeof *en);
        if (!en)
            return;
        m->entries = en;
        m->cap_entries = cap;
    }
    if (fs_strmap_add(m->raw, raw, &k, &added) || !added)
        return;
    m->entries[k] = (memo_entry){(uint32_t)m->n_codes, (uint32_t)d->n_codes, (uint32_t)m->n_unk,
                                 (uint32_t)d->n_noted};
    if (d->n_codes)
        memcpy(m->codes + m->n_codes, d->codes, d->n_codes * sizeof *d->codes);
    m->n_codes += d->n_codes;
    if (d->n_noted)
        memcpy(m->unk + m->n_unk, d->noted, d->n_noted * sizeof *d->noted);
    m->n_unk += d->n_noted;
}

static int classify(fs_dims *e, fs_dim *d, const fs_episode *ep, int cl);

int fs_dim_classify(fs_dims *e, fs_dim *d, const fs_episode *ep, int cl)
{
    uint32_t no;
    const char *raw = memo_key(d, ep, &no);
    if (!raw)
        return classify(e, d, ep, cl);
    size_t k = memo_find(&d->memo, raw, no, ep->numbering);
    if (k == FS_STRMAP_NONE) {
        d->n_noted = 0;
        if (classify(e, d, ep, cl))
            return -1;
        memo_store(d, raw);
        return 0;
    }
    /* as classify() would: the same categories, and a row in the same warnings */
    const memo_entry *me = &d->memo.entries[k];
    d->serial = e->serial;
    if (me->n_codes > d->cap_codes) {
        int *c = realloc(d->codes, me->n_codes * sizeof *c);
        if (!c)
            return -1;
        d->codes = c;
        d->cap_codes = me->n_codes;
    }
    for (uint32_t i = 0; i < me->n_codes; i++) /* mostly one: no memcpy call */
        d->codes[i] = d->memo.codes[me->code + i];
    d->n_codes = me->n_codes;
    for (uint32_t i = 0; i < me->n_unk; i++) {
        unknown *u = d->memo.unk[me->unk + i];
        if (u->serial != e->serial) {
            u->serial = e->serial;
            u->rows++;
        }
    }
    return 0;
}

/* fs_duration_bounds of the entry days met, in a direct-mapped cache: a few hundred entry
 * days serve a file, and working out the bounds takes four calendar conversions. */
#define DUR_SLOTS 1024
struct dur_bounds {
    fs_date entry; /* LONG_MIN: empty */
    fs_date bound[3];
};

static fs_duration_band duration_band(fs_dim *d, fs_date entry, fs_date exit)
{
    struct dur_bounds *c = &d->dur[(size_t)entry & (DUR_SLOTS - 1)];
    if (c->entry != entry) {
        c->entry = entry;
        fs_duration_bounds(entry, c->bound);
    }
    return exit < c->bound[0] ? FS_DUR_UNDER_3M
           : exit < c->bound[1] ? FS_DUR_3_6M
           : exit < c->bound[2] ? FS_DUR_6_12M
                                : FS_DUR_OVER_12M;
}

/* The year of a day, from the table of 1 January (dates the reader accepts: 1900..2199). */
static int year_of(const fs_dim *d, fs_date z)
{
    int y = 1970 + (int)((z >= 0 ? z : z - 146096) * 400 / 146097);
    if (y < 1900 || y > 2199)
        return -1;
    while (y < 2199 && d->jan1[y + 1 - 1900] <= z)
        y++;
    while (y > 1900 && d->jan1[y - 1900] > z)
        y--;
    return d->jan1[y - 1900] <= z && z < d->jan1[y + 1 - 1900] ? y : -1;
}

/* fs_period_month_index from the month starts: the month of the period d is in, or -1. */
static int month_of(const fs_dims *e, const fs_dim *d, fs_date z)
{
    if (z < e->o->period.from || z > e->o->period.to)
        return -1;
    int lo = 0, hi = d->n_months - 1; /* month_start[lo] <= z < month_start[hi + 1] */
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (d->month_start[mid] <= z)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

static int classify(fs_dims *e, fs_dim *d, const fs_episode *ep, int cl)
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
            if (!e->o->exit_detail)
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
        return push(d, d->groupcat[e->o->income_scb ? fs_income_scb_of(g) : g]);
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
        return ep->has_exit ? push(d, (int)duration_band(d, ep->entry, ep->exit)) : 0;
    case FS_DIM_ENTRY_YEAR: {
        int y = year_of(d, ep->entry), m, dd;
        if (y >= 0 && d->year_cat[y - 1900])
            return push(d, d->year_cat[y - 1900] - 1);
        char text[16];
        fs_date_to_ymd(ep->entry, &y, &m, &dd);
        snprintf(text, sizeof text, "%04d", y);
        int c = value_cat(d, text, -1, ep, serial);
        if (c >= 0 && y >= 1900 && y <= 2199)
            d->year_cat[y - 1900] = c + 1;
        return c < 0 ? -1 : push(d, c);
    }
    case FS_DIM_ENTRY_MONTH:
    case FS_DIM_EXIT_MONTH: {
        int exit = d->spec.kind == FS_DIM_EXIT_MONTH;
        if (!e->o->has_period || (exit && !ep->has_exit))
            return 0;
        int m = month_of(e, d, exit ? ep->exit : ep->entry);
        return m < 0 ? 0 : push(d, m);
    }
    case FS_DIM_INSATS: {
        int c = value_cat(d, *ep->insats ? ep->insats : "(ingen insats)", -1, ep, serial);
        return c < 0 ? -1 : push(d, c);
    }
    case FS_DIM_COLUMN:
        return multi_values(d, ep->extra ? ep->extra[d->extra] : "", ep, serial);
    case FS_DIM_KEY_SHARE:
        if (ep->reason_group == FS_EXIT_WORK_STUDIES && push(d, 0))
            return -1;
        if (ep->reason_group == FS_EXIT_WORK_STUDIES || ep->reason_group == FS_EXIT_JOB_SEEKING ||
            ep->reason_group == FS_EXIT_CONTINUED_REHAB)
            return push(d, 1);
        return 0;
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

static warnset *dims_warnset(fs_dims *e, const char *header, const char *what)
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

void fs_dim_free(fs_dim *d)
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
    fs_strmap_free(d->memo.raw);
    free(d->memo.by_no);
    free(d->memo.entries);
    free(d->memo.codes);
    free(d->memo.unk);
    free(d->jan1);
    free(d->year_cat);
    free(d->month_start);
    free(d->dur);
    free(d);
}

fs_dim *fs_dim_new(fs_dims *e, const fs_dim_spec *spec, fs_msg *err)
{
    const char *lang = e->o->lang;
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
        if (!e->refmap && !(e->refmap = fs_referrer_map_new(e->o->config, err)))
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
        if (!e->incmap && !(e->incmap = fs_income_map_new(e->o->config, err)))
            goto fail;
        int n = e->o->income_scb ? FS_SCB_N : FS_INC_N_DETAIL;
        int missing = e->o->income_scb ? FS_SCB_MISSING : FS_INC_MISSING;
        for (int g = 0; g < n; g++) {
            const fs_group *grp = e->o->income_scb ? &fs_income_scb_groups[g] : &fs_income_groups[g];
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
        if (fs_age_bands_from_config(e->o->config, &d->ages, err))
            goto fail;
        int m, dd;
        fs_date_to_ymd(e->o->has_period ? e->o->period.to : e->o->as_of, &d->age_year, &m, &dd);
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
        if (!(d->dur = malloc(DUR_SLOTS * sizeof *d->dur)))
            goto oom;
        for (size_t i = 0; i < DUR_SLOTS; i++)
            d->dur[i].entry = LONG_MIN;
        break;
    case FS_DIM_ENTRY_YEAR:
        d->prefix = "year_";
        if (!(d->jan1 = malloc(302 * sizeof *d->jan1)) ||
            !(d->year_cat = calloc(301, sizeof *d->year_cat)))
            goto oom;
        for (int y = 1900; y <= 2201; y++)
            d->jan1[y - 1900] = fs_date_from_ymd(y, 1, 1);
        break;
    case FS_DIM_ENTRY_MONTH:
    case FS_DIM_EXIT_MONTH:
        if (e->o->has_period) {
            int y0, m0, d0, months = fs_period_months(&e->o->period);
            fs_date_to_ymd(e->o->period.from, &y0, &m0, &d0);
            if (!(d->month_start = malloc(((size_t)months + 1) * sizeof *d->month_start)))
                goto oom;
            for (int m = 0; m <= months; m++) {
                int n = y0 * 12 + (m0 - 1) + m;
                d->month_start[m] = fs_date_from_ymd(n / 12, n % 12 + 1, 1);
            }
            d->n_months = months;
        }
        for (int m = 0; e->o->has_period && m < fs_period_months(&e->o->period); m++) {
            char month[8];
            fs_period_month_text(&e->o->period, m, month);
            snprintf(key, sizeof key, "m%s", month);
            if (add_cat(d, key, month, -1, 1, 0) < 0)
                goto oom;
        }
        break;
    case FS_DIM_INSATS:
        break;
    case FS_DIM_KEY_SHARE:
        if (add_cat(d, "work_studies", fs_tr(lang, "To work or studies"), -1, 1, 0) < 0 ||
            add_cat(d, "approached", fs_tr(lang, "Approached the labour market"), -1, 1, 0) < 0)
            goto oom;
        break;
    case FS_DIM_COLUMN: {
        if (!spec->column || !(d->column = fs_strdup(spec->column)))
            goto oom;
        d->spec.column = d->column;
        if (column_groups(d, e->o->config))
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
    if (d->warn && !(d->warns = dims_warnset(e, d->header, d->warn)))
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
    fs_dim_free(d);
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

int fs_dim_same(const fs_dim_spec *a, const fs_dim_spec *b)
{
    return a->kind == b->kind && a->collapse == b->collapse &&
           (a->kind != FS_DIM_COLUMN || strcmp(a->column, b->column) == 0);
}

void fs_dims_free(fs_dims *c)
{
    for (size_t i = 0; i < c->n_warns; i++) {
        fs_bykey_free(c->warns[i]->values);
        free(c->warns[i]);
    }
    free(c->warns);
    free(c->extra);
    fs_referrer_map_free(c->refmap);
    fs_catmap_free(c->incmap);
}

/* Unknown values listed in the warnings, per column; the rest are counted in one line. */
#define WARN_VALUES_MAX 50

void fs_dims_each_warning(const fs_dims *e, void (*emit)(const char *line, void *user),
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
