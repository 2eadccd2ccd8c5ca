/* flow.c: participant flow classification, age and duration bands, months of a period. */
#include "finsam/flow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/i18n.h"

#define N_(s) s /* translated where it is used, with fs_tr() */

static const char *const flow_keys[FS_FLOW_N] = {"during", "ongoing_at_start", "new", "ended",
                                                 "ongoing_at_end"};
static const char *const flow_labels[FS_FLOW_N] = {
    N_("Participants during the period"), N_("Ongoing at the start of the period"),
    N_("New during the period"), N_("Ended during the period"),
    N_("Ongoing at the end of the period")};

const char *fs_flow_key(fs_flow_row r)
{
    return flow_keys[r];
}

const char *fs_flow_label(fs_flow_row r, const char *lang)
{
    return fs_tr(lang, flow_labels[r]);
}

int fs_flow_classify(fs_date entry, int has_exit, fs_date exit, const fs_period *p)
{
    if (has_exit && exit < entry)
        return FS_FLOW_INVALID;
    int open_at_start = !has_exit || exit >= p->from;
    if (!(entry <= p->to && open_at_start))
        return 0;
    int c = FS_FLOW_BIT(FS_FLOW_DURING);
    if (entry < p->from)
        c |= FS_FLOW_BIT(FS_FLOW_ONGOING_AT_START);
    else
        c |= FS_FLOW_BIT(FS_FLOW_NEW); /* during implies entry <= to */
    if (has_exit && exit >= p->from && exit <= p->to)
        c |= FS_FLOW_BIT(FS_FLOW_ENDED);
    else
        c |= FS_FLOW_BIT(FS_FLOW_ONGOING_AT_END);
    return c;
}

void fs_flow_add(fs_flow_counts *c, int classes, fs_sex sex)
{
    for (int r = 0; r < FS_FLOW_N; r++)
        if (classes & FS_FLOW_BIT(r))
            c->n[r][sex]++;
}

int fs_flow_identity_holds(const fs_flow_counts *c)
{
    for (int s = 0; s < FS_SEX_N; s++) {
        unsigned long in = c->n[FS_FLOW_ONGOING_AT_START][s] + c->n[FS_FLOW_NEW][s];
        if (in != c->n[FS_FLOW_ENDED][s] + c->n[FS_FLOW_ONGOING_AT_END][s] ||
            in != c->n[FS_FLOW_DURING][s])
            return 0;
    }
    return 1;
}

void fs_flow_assert_identity(const fs_flow_counts *c)
{
    if (!fs_flow_identity_holds(c))
        FS_BUG("participant flow: ongoing at start + new != ended + ongoing at end");
}

/* ---- age bands ---- */

fs_error fs_age_bands_parse(const char *s, fs_age_bands *out)
{
    memset(out, 0, sizeof *out);
    const char *p = s;
    int prev_hi = -1;
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        if (!*p)
            break;
        if (out->n == FS_AGE_MAX_BANDS || prev_hi < -1)
            return FS_ERR_USAGE;
        char *end;
        long lo = strtol(p, &end, 10), hi;
        if (end == p || lo < 0 || lo > 150 || lo <= prev_hi)
            return FS_ERR_USAGE;
        p = end;
        while (*p == ' ')
            p++;
        if (*p == '+') {
            hi = -1;
            p++;
            prev_hi = -2; /* nothing may follow an open band */
        } else if (*p == '-') {
            p++;
            hi = strtol(p, &end, 10);
            if (end == p || hi < lo || hi > 150)
                return FS_ERR_USAGE;
            p = end;
            prev_hi = (int)hi;
        } else {
            return FS_ERR_USAGE;
        }
        while (*p == ' ')
            p++;
        if (*p && *p != ',')
            return FS_ERR_USAGE;
        out->lo[out->n] = (int)lo;
        out->hi[out->n] = (int)hi;
        if (hi < 0)
            snprintf(out->label[out->n], sizeof out->label[0], "%ld+", lo);
        else
            snprintf(out->label[out->n], sizeof out->label[0], "%ld-%ld", lo, hi);
        out->n++;
    }
    return out->n ? FS_OK : FS_ERR_USAGE;
}

fs_error fs_age_bands_from_config(const fs_config *cfg, fs_age_bands *out, fs_msg *msg)
{
    const fs_config_entry *e = NULL;
    for (size_t i = 0; cfg && i < cfg->n; i++) {
        const fs_config_entry *x = &cfg->entries[i];
        if (strcmp(x->section, "age") != 0)
            continue;
        if (strcmp(x->key, "bands") != 0) {
            fs_msg_set(msg, "%s:%u: unknown key \"%s\" in [age] (expected: bands)", cfg->path,
                       x->line, x->key);
            return FS_ERR_DATA;
        }
        e = x;
    }
    if (!e)
        return fs_age_bands_parse(FS_AGE_DEFAULT_BANDS, out);
    if (fs_age_bands_parse(e->value, out)) {
        fs_msg_set(msg, "%s:%u: [age] bands: \"%s\" is not a list of ascending age bands "
                        "such as 16-29,30-39,65+", cfg->path, e->line, e->value);
        return FS_ERR_DATA;
    }
    return FS_OK;
}

fs_error fs_age_config_check(const fs_config *cfg, fs_msg *msg)
{
    fs_age_bands bands;
    return fs_age_bands_from_config(cfg, &bands, msg);
}

int fs_age_band(const fs_age_bands *b, int age)
{
    for (int i = 0; i < b->n; i++)
        if (age >= b->lo[i] && (b->hi[i] < 0 || age <= b->hi[i]))
            return i;
    return FS_AGE_OUTSIDE;
}

/* ---- duration ---- */

static const char *const dur_keys[FS_DUR_N] = {"under_3m", "3_6m", "6_12m", "over_12m"};
static const char *const dur_labels[FS_DUR_N] = {N_("Under 3 months"), N_("3-6 months"),
                                                 N_("6-12 months"), N_("Over 12 months")};

const char *fs_duration_key(fs_duration_band b)
{
    return dur_keys[b];
}

const char *fs_duration_label(fs_duration_band b, const char *lang)
{
    return fs_tr(lang, dur_labels[b]);
}

fs_date fs_date_add_months(fs_date d, int months)
{
    int y, m, day;
    fs_date_to_ymd(d, &y, &m, &day);
    int idx = y * 12 + (m - 1) + months;
    y = idx / 12;
    m = idx % 12 + 1;
    int dim = fs_days_in_month(y, m);
    return fs_date_from_ymd(y, m, day > dim ? dim : day);
}

void fs_duration_bounds(fs_date entry, fs_date bound[3])
{
    /* the entry's calendar date once, not once per bound */
    static const int months[] = {3, 6, 12};
    int y, m, d;
    fs_date_to_ymd(entry, &y, &m, &d);
    for (int b = 0; b < 3; b++) {
        int idx = y * 12 + (m - 1) + months[b];
        int by = idx / 12, bm = idx % 12 + 1;
        int dim = fs_days_in_month(by, bm);
        bound[b] = fs_date_from_ymd(by, bm, d < dim ? d : dim);
    }
}

fs_duration_band fs_duration_band_of(fs_date entry, fs_date exit)
{
    fs_date bound[3];
    fs_duration_bounds(entry, bound);
    for (int b = 0; b < 3; b++)
        if (exit < bound[b])
            return (fs_duration_band)b;
    return FS_DUR_OVER_12M;
}

/* ---- months ---- */

static int month_number(fs_date d)
{
    int y, m, day;
    fs_date_to_ymd(d, &y, &m, &day);
    return y * 12 + (m - 1);
}

int fs_period_months(const fs_period *p)
{
    return month_number(p->to) - month_number(p->from) + 1;
}

int fs_period_month_index(const fs_period *p, fs_date d)
{
    if (d < p->from || d > p->to)
        return -1;
    return month_number(d) - month_number(p->from);
}

void fs_period_month_text(const fs_period *p, int i, char *out)
{
    int n = month_number(p->from) + i;
    unsigned y = (unsigned)(n / 12) % 10000u, m = (unsigned)(n % 12 + 1) % 100u;
    snprintf(out, 8, "%04u-%02u", y, m);
}
