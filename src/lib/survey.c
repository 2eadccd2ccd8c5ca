/* survey.c: single-occasion questionnaires: distributions per question in scale order, by
 * sex or period, the share agreeing with a Wilson interval, and the test between two groups.
 * See survey.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/i18n.h"
#include "finsam/sextable.h"
#include "finsam/stats.h"
#include "finsam/survey.h"
#include "finsam/text.h"

fs_error fs_survey_by_parse(const char *s, fs_survey_by *out)
{
    if (strcmp(s, "year") == 0)
        *out = FS_SURVEY_BY_YEAR;
    else if (strcmp(s, "half") == 0)
        *out = FS_SURVEY_BY_HALF;
    else if (strcmp(s, "quarter") == 0)
        *out = FS_SURVEY_BY_QUARTER;
    else
        return FS_ERR_USAGE;
    return FS_OK;
}

fs_error fs_survey_rules_from_config(const fs_config *cfg, fs_survey_rules *out, fs_msg *err)
{
    out->agree_top = 2;
    for (size_t i = 0; cfg && i < cfg->n; i++) {
        const fs_config_entry *e = &cfg->entries[i];
        if (strcmp(e->section, "survey") != 0)
            continue;
        if (strcmp(e->key, "date") == 0)
            continue;
        if (strcmp(e->key, "agree_top") != 0)
            return fs_config_fail(cfg, e, err, "[survey] unknown key \"%s\" (agree_top, date)",
                                  e->key);
        char *end;
        long v = strtol(e->value, &end, 10);
        if (end == e->value || *end || v < 1 || v > 10)
            return fs_config_fail(cfg, e, err, "[survey] agree_top: \"%s\" is not a whole number "
                                               "from 1 to 10", e->value);
        out->agree_top = (unsigned)v;
    }
    return FS_OK;
}

fs_error fs_survey_config_check(const fs_config *cfg, fs_msg *err)
{
    fs_survey_rules r;
    return fs_survey_rules_from_config(cfg, &r, err);
}

void fs_survey_free(fs_survey *s)
{
    if (!s)
        return;
    for (size_t g = 0; g < s->n_groups; g++) {
        if (s->group_key)
            free(s->group_key[g]);
        if (s->group_label)
            free(s->group_label[g]);
    }
    free(s->group_key);
    free(s->group_label);
    free(s->responses);
    for (size_t i = 0; s->items && i < s->n_items; i++) {
        fs_survey_item *it = &s->items[i];
        fs_scale_free(&it->scale);
        free(it->count);
        free(it->valid);
        free(it->dont_know);
        free(it->missing);
        free(it->agree);
        free(it->agree_low);
        free(it->agree_high);
    }
    free(s->items);
    memset(s, 0, sizeof *s);
}

/* "2024", "2024H1", "2024Q3" for a date. */
static void period_key(fs_survey_by by, fs_date d, char *out, size_t outsz)
{
    int y, m, day;
    fs_date_to_ymd(d, &y, &m, &day);
    if (by == FS_SURVEY_BY_HALF)
        snprintf(out, outsz, "%04dH%d", y, m <= 6 ? 1 : 2);
    else if (by == FS_SURVEY_BY_QUARTER)
        snprintf(out, outsz, "%04dQ%d", y, (m - 1) / 3 + 1);
    else
        snprintf(out, outsz, "%04d", y);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The groups: periods found (sorted), or women and men; then the total. grp[k] gets the
 * group of response k, or -1 for the total only. */
static fs_error make_groups(const fs_quest *q, fs_survey *s, int *grp)
{
    size_t n = 0, cap = 8;
    char **keys = malloc(cap * sizeof *keys), key[16];
    if (!keys)
        return FS_ERR_MEMORY;
    if (s->by != FS_SURVEY_BY_NONE) {
        for (size_t k = 0; k < q->n_persons; k++) {
            if (!q->p[k].has_date)
                continue;
            period_key(s->by, q->p[k].date, key, sizeof key);
            size_t j;
            for (j = 0; j < n && strcmp(keys[j], key) != 0; j++)
                ;
            if (j < n)
                continue;
            if (n == cap) {
                char **nk = realloc(keys, (cap *= 2) * sizeof *nk);
                if (!nk)
                    goto oom;
                keys = nk;
            }
            if (!(keys[n++] = fs_strdup(key)))
                goto oom;
        }
        qsort(keys, n, sizeof *keys, cmp_str);
    } else if (s->by_sex) {
        if (!(keys[n++] = fs_strdup("women")) || !(keys[n++] = fs_strdup("men")))
            goto oom;
    }
    s->n_groups = n + 1;
    s->group_key = calloc(n + 1, sizeof *s->group_key);
    s->group_label = calloc(n + 1, sizeof *s->group_label);
    s->responses = calloc(n + 1, sizeof *s->responses);
    if (!s->group_key || !s->group_label || !s->responses)
        goto oom;
    for (size_t g = 0; g < n; g++) {
        s->group_key[g] = keys[g];
        keys[g] = NULL;
    }
    if (!(s->group_key[n] = fs_strdup("total")))
        goto oom;
    free(keys);
    keys = NULL;
    for (size_t k = 0; k < q->n_persons; k++) {
        const fs_quest_person *p = &q->p[k];
        grp[k] = -1;
        if (s->by != FS_SURVEY_BY_NONE) {
            if (!p->has_date) {
                s->no_date++;
                continue;
            }
            period_key(s->by, p->date, key, sizeof key);
            for (size_t g = 0; g < n; g++)
                if (strcmp(s->group_key[g], key) == 0)
                    grp[k] = (int)g;
        } else if (s->by_sex) {
            if (p->sex == FS_SEX_WOMAN || p->sex == FS_SEX_MAN)
                grp[k] = p->sex == FS_SEX_WOMAN ? 0 : 1;
            else
                s->unknown_sex++;
        }
        if (grp[k] >= 0)
            s->responses[grp[k]]++;
        s->responses[n]++;
    }
    if (n >= 2) {
        s->has_cmp = 1;
        s->cmp_a = n - 2;
        s->cmp_b = n - 1;
    }
    return FS_OK;
oom:
    for (size_t g = 0; keys && g < n; g++)
        free(keys[g]);
    free(keys);
    return FS_ERR_MEMORY;
}

/* The test between the groups cmp_a and cmp_b of item it. */
static fs_error item_test(const fs_survey *s, fs_survey_item *it)
{
    size_t nc = it->scale.n;
    const unsigned long *a = it->count + s->cmp_a * nc, *b = it->count + s->cmp_b * nc;
    it->p_value = it->W = NAN;
    if (!s->has_cmp)
        return FS_OK;
    if (!it->scale.ordered) {
        unsigned *ra = malloc(nc * sizeof *ra), *rb = malloc(nc * sizeof *rb);
        double p;
        if (!ra || !rb) {
            free(ra);
            free(rb);
            return FS_ERR_MEMORY;
        }
        for (size_t c = 0; c < nc; c++) {
            ra[c] = (unsigned)a[c];
            rb[c] = (unsigned)b[c];
        }
        fs_error e = fs_fisher_2xk(ra, rb, nc, &p);
        free(ra);
        free(rb);
        if (e == FS_ERR_MEMORY)
            return e;
        if (e == FS_OK) {
            it->test = FS_SURVEY_TEST_FISHER;
            it->p_value = p;
        }
        return FS_OK;
    }
    size_t na = 0, nb = 0;
    for (size_t c = 0; c < nc; c++) {
        na += a[c];
        nb += b[c];
    }
    if (!na || !nb)
        return FS_OK;
    double *x = malloc(na * sizeof *x), *y = malloc(nb * sizeof *y);
    if (!x || !y) {
        free(x);
        free(y);
        return FS_ERR_MEMORY;
    }
    size_t i = 0, j = 0;
    for (size_t c = 0; c < nc; c++) {
        for (unsigned long k = 0; k < a[c]; k++)
            x[i++] = (double)(c + 1);
        for (unsigned long k = 0; k < b[c]; k++)
            y[j++] = (double)(c + 1);
    }
    fs_ranksum_result r;
    fs_error e = fs_wilcoxon_rank_sum(x, na, y, nb, FS_ALT_TWO_SIDED, &r);
    free(x);
    free(y);
    if (e == FS_ERR_MEMORY)
        return e;
    if (e == FS_OK) {
        it->test = FS_SURVEY_TEST_MANN_WHITNEY;
        it->p_value = r.p_value;
        it->W = r.W;
        it->exact = r.exact;
    }
    return FS_OK;
}

/* One item: its scale from the answers given, the counts per group, agreeing, the test. */
static fs_error summarise_item(const fs_quest *q, size_t item, const fs_scale_set *set,
                               const fs_survey_rules *r, const int *grp, fs_survey *s,
                               fs_survey_item *it)
{
    size_t nd = q->cats.n, ng = s->n_groups, n = 0;
    long *pos = malloc((nd ? nd : 1) * sizeof *pos);          /* category -> scale position */
    size_t *seen = malloc((nd ? nd : 1) * sizeof *seen);      /* the categories used, in order */
    const char **folded = malloc((nd ? nd : 1) * sizeof *folded);
    const char **labels = malloc((nd ? nd : 1) * sizeof *labels);
    size_t *at = malloc((nd ? nd : 1) * sizeof *at);
    fs_error e = FS_ERR_MEMORY;
    if (!pos || !seen || !folded || !labels || !at)
        goto done;
    for (size_t c = 0; c < nd; c++)
        pos[c] = -1;
    for (size_t k = 0; k < q->n_persons; k++) {
        double v = fs_quest_answers(q, &q->p[k], 0)[item];
        if (isnan(v) || v < 0)
            continue;
        size_t c = (size_t)v;
        if (pos[c] == -1) {
            pos[c] = -2; /* seen */
            seen[n] = c;
            folded[n] = q->cats.folded[c];
            labels[n] = q->cats.label[c];
            n++;
        }
    }
    if ((e = fs_scale_match(set, folded, labels, n, &it->scale, at)) != FS_OK)
        goto done;
    for (size_t i = 0; i < n; i++)
        pos[seen[i]] = (long)at[i];
    size_t nc = it->scale.n;
    e = FS_ERR_MEMORY;
    it->count = calloc(ng * (nc ? nc : 1), sizeof *it->count);
    it->valid = calloc(ng, sizeof *it->valid);
    it->dont_know = calloc(ng, sizeof *it->dont_know);
    it->missing = calloc(ng, sizeof *it->missing);
    it->agree = calloc(ng, sizeof *it->agree);
    it->agree_low = malloc(ng * sizeof *it->agree_low);
    it->agree_high = malloc(ng * sizeof *it->agree_high);
    if (!it->count || !it->valid || !it->dont_know || !it->missing || !it->agree ||
        !it->agree_low || !it->agree_high)
        goto done;
    for (size_t k = 0; k < q->n_persons; k++) {
        double v = fs_quest_answers(q, &q->p[k], 0)[item];
        size_t gs[2] = {ng - 1, grp[k] >= 0 ? (size_t)grp[k] : ng - 1};
        for (int t = 0; t < (gs[0] == gs[1] ? 1 : 2); t++) {
            size_t g = gs[t];
            if (isnan(v) || v < 0) {
                if (isnan(v))
                    it->missing[g]++;
                else
                    it->dont_know[g]++;
                continue;
            }
            it->count[g * nc + (size_t)pos[(size_t)v]]++;
            it->valid[g]++;
        }
    }
    size_t top = r->agree_top;
    if (it->scale.ordered) {
        it->agree_n = top < nc / 2 ? top : nc / 2;
        it->agree_from = it->scale.agree_first ? 0 : nc - it->agree_n;
    } else if (nc == 2) {
        it->agree_n = 1;
        it->agree_from = 0;
    }
    for (size_t g = 0; g < ng; g++) {
        for (size_t c = it->agree_from; c < it->agree_from + it->agree_n; c++)
            it->agree[g] += it->count[g * nc + c];
        it->agree_low[g] = it->agree_high[g] = NAN;
        if (it->agree_n && it->valid[g] &&
            (e = fs_wilson_ci((unsigned)it->agree[g], (unsigned)it->valid[g], 0.95,
                              &it->agree_low[g], &it->agree_high[g])) != FS_OK)
            goto done;
    }
    e = item_test(s, it);
done:
    free(pos);
    free(seen);
    free(folded);
    free(labels);
    free(at);
    return e;
}

fs_error fs_survey_summarise(const fs_quest *q, const fs_scale_set *scales, fs_survey_by by,
                             int by_sex, const fs_survey_rules *r, fs_survey *out, fs_msg *err)
{
    fs_error e = FS_ERR_MEMORY;
    int *grp = NULL;
    memset(out, 0, sizeof *out);
    out->by = by;
    out->by_sex = by_sex;
    if (by != FS_SURVEY_BY_NONE && !q->has_date_column) {
        fs_msg_set(err, "no answer date column (Datum, Svarsdatum, Besvarad, or [survey] date) "
                        "for --by");
        return FS_ERR_DATA;
    }
    if (!(grp = malloc((q->n_persons + 1) * sizeof *grp)) || make_groups(q, out, grp))
        goto done;
    if (!(out->items = calloc(q->n_items, sizeof *out->items)))
        goto done;
    out->n_items = q->n_items;
    for (size_t i = 0; i < q->n_items; i++)
        if ((e = summarise_item(q, i, scales, r, grp, out, &out->items[i])) != FS_OK)
            goto done;
    e = FS_OK;
done:
    if (e == FS_ERR_MEMORY)
        fs_msg_set(err, "out of memory");
    free(grp);
    return e;
}

/* ---- tables ---- */

static const char *group_label(const fs_survey *s, size_t g, const char *lang)
{
    if (g == s->n_groups - 1)
        return fs_tr(lang, "Total");
    if (s->by == FS_SURVEY_BY_NONE)
        return g == 0 ? fs_tr(lang, "Women") : fs_tr(lang, "Men");
    return s->group_key[g];
}

static fs_table *item_table(const fs_survey *s, const fs_quest *q, size_t i, const char *lang,
                            fs_rounding rounding, int decimals)
{
    const fs_survey_item *it = &s->items[i];
    char *key = fs_asprintf("q_%s", q->item_key[i]), ck[64], *label = NULL;
    fs_table *t = key ? fs_table_new(key, q->item_label[i]) : NULL;
    free(key);
    if (!t)
        return NULL;
    char sheet[32];
    snprintf(sheet, sizeof sheet, "%s %zu", fs_tr(lang, "Question"), i + 1);
    if (fs_table_set_sheet(t, sheet))
        goto fail;
    for (size_t g = 0; g < s->n_groups; g++) {
        int cc;
        snprintf(ck, sizeof ck, "%s", s->group_key[g]);
        if ((cc = fs_table_add_col(t, ck, group_label(s, g, lang), FS_COL_COUNT, 0, -1)) < 0)
            goto fail;
        snprintf(ck, sizeof ck, "%s_pct", s->group_key[g]);
        label = fs_asprintf("%s (%%)", group_label(s, g, lang));
        if (!label || fs_table_add_col(t, ck, label, FS_COL_SHARE, decimals, cc) < 0)
            goto fail;
        free(label);
        label = NULL;
    }
    for (size_t c = 0; c < it->scale.n; c++) {
        char *rk = fs_slug(it->scale.label[c]);
        fs_row *row = rk ? fs_table_add_row(t, rk, it->scale.label[c], 0, 0) : NULL;
        free(rk);
        if (!row)
            goto fail;
        for (size_t g = 0; g < s->n_groups; g++) {
            unsigned long n = it->count[g * it->scale.n + c];
            snprintf(ck, sizeof ck, "%s", s->group_key[g]);
            fs_row_set(t, row, ck, n);
            snprintf(ck, sizeof ck, "%s_pct", s->group_key[g]);
            fs_row_set(t, row, ck, it->valid[g] ? 100.0 * n / it->valid[g] : NAN);
        }
    }
    fs_row *tot = fs_table_add_row(t, "answers", fs_tr(lang, "Answers on the scale"), 0, 1);
    if (!tot)
        goto fail;
    for (size_t g = 0; g < s->n_groups; g++) {
        snprintf(ck, sizeof ck, "%s", s->group_key[g]);
        fs_row_set(t, tot, ck, it->valid[g]);
        snprintf(ck, sizeof ck, "%s_pct", s->group_key[g]);
        fs_row_set(t, tot, ck, it->valid[g] ? 100 : NAN);
    }
    size_t last = s->n_groups - 1;
    fs_table_round(t, rounding, decimals, 0);
    if (fs_table_note_rounding(t, lang))
        goto fail;
    /* "Vet inte" and no answer, apart: counts without shares */
    fs_row *dk = fs_table_add_row(t, "dont_know", fs_tr(lang, "Vet inte"), 1, 0);
    fs_row *na = dk ? fs_table_add_row(t, "no_answer", fs_tr(lang, "No answer"), 1, 0) : NULL;
    if (!na)
        goto fail;
    for (size_t g = 0; g < s->n_groups; g++) {
        snprintf(ck, sizeof ck, "%s", s->group_key[g]);
        fs_row_set(t, dk, ck, it->dont_know[g]);
        fs_row_set(t, na, ck, it->missing[g]);
    }
    if (it->agree_n) {
        char lo[32], hi[32], pc[32];
        fs_pct_text(it->valid[last] ? 100.0 * it->agree[last] / it->valid[last] : NAN, lang, pc,
                    sizeof pc);
        fs_pct_text(100 * it->agree_low[last], lang, lo, sizeof lo);
        fs_pct_text(100 * it->agree_high[last], lang, hi, sizeof hi);
        fs_buf cats = {0};
        for (size_t c = it->agree_from; c < it->agree_from + it->agree_n; c++)
            fs_buf_printf(&cats, "%s%s", c > it->agree_from ? ", " : "", it->scale.label[c]);
        char nv[16];
        fs_count_text(it->valid[last], 0, nv, sizeof nv);
        fs_error e = fs_table_add_note(t, fs_tr(lang, "Agreeing (%s): %s of %s answers on the "
                                                      "scale (Wilson 95 %% CI %s to %s)."),
                                       cats.data ? cats.data : "", pc, nv, lo, hi);
        fs_buf_free(&cats);
        if (e)
            goto fail;
    }
    /* a diverging stacked bar per group (the last FS_CHART_MAX_SERIES groups, the total
     * last): the agreeing categories right of zero, the others left */
    char keys[FS_CHART_MAX_SERIES][64];
    const char *kp[FS_CHART_MAX_SERIES];
    size_t g0 = s->n_groups > FS_CHART_MAX_SERIES ? s->n_groups - FS_CHART_MAX_SERIES : 0;
    for (size_t g = g0; g < s->n_groups; g++) {
        snprintf(keys[g - g0], sizeof keys[0], "%s_pct", s->group_key[g]);
        kp[g - g0] = keys[g - g0];
    }
    if (fs_table_set_diverging_chart(t, q->item_label[i], kp, s->n_groups - g0, it->agree_from,
                                     it->agree_n))
        goto fail;
    if (fs_table_add_note(t, fs_tr(lang, "Shares of the answers on the scale, in scale order; Vet "
                                         "inte and no answer are counted apart, not in the "
                                         "shares.")))
        goto fail;
    if (!it->scale.ordered &&
        fs_table_add_note(t, fs_tr(lang, "The answers have no order (%s).") , it->scale.name))
        goto fail;
    return t;
fail:
    free(label);
    fs_table_free(t);
    return NULL;
}

static fs_table *summary_table(const fs_survey *s, const fs_quest *q, const char *lang)
{
    fs_table *t = fs_table_new("agreeing", fs_tr(lang, "Share agreeing, per question"));
    char ck[64], *label = NULL;
    unsigned untested = 0;
    if (!t || fs_table_set_sheet(t, fs_tr(lang, "Agreeing")))
        goto fail;
    for (size_t g = 0; g < s->n_groups; g++) {
        const char *gl = group_label(s, g, lang);
        int nc, ac;
        snprintf(ck, sizeof ck, "%s_n", s->group_key[g]);
        label = fs_asprintf(fs_tr(lang, "%s, answers"), gl);
        if (!label || (nc = fs_table_add_col(t, ck, label, FS_COL_COUNT, 0, -1)) < 0)
            goto fail;
        free(label);
        snprintf(ck, sizeof ck, "%s_agree", s->group_key[g]);
        label = fs_asprintf(fs_tr(lang, "%s, agreeing"), gl);
        if (!label || (ac = fs_table_add_col(t, ck, label, FS_COL_COUNT, 0, -1)) < 0)
            goto fail;
        free(label);
        snprintf(ck, sizeof ck, "%s_pct", s->group_key[g]);
        label = fs_asprintf("%s (%%)", gl);
        if (!label || fs_table_add_col(t, ck, label, FS_COL_SHARE, 0, ac) < 0)
            goto fail;
        free(label);
        snprintf(ck, sizeof ck, "%s_ci_low", s->group_key[g]);
        label = fs_asprintf(fs_tr(lang, "%s, 95 %% CI low"), gl);
        if (!label || fs_table_add_col(t, ck, label, FS_COL_SHARE, 0, ac) < 0)
            goto fail;
        free(label);
        snprintf(ck, sizeof ck, "%s_ci_high", s->group_key[g]);
        label = fs_asprintf(fs_tr(lang, "%s, 95 %% CI high"), gl);
        if (!label || fs_table_add_col(t, ck, label, FS_COL_SHARE, 0, ac) < 0)
            goto fail;
        free(label);
        label = NULL;
        (void)nc;
    }
    if (s->has_cmp &&
        (fs_table_add_col(t, "p_mann_whitney", fs_tr(lang, "p (Mann-Whitney)"), FS_COL_PVALUE, 0, -1) < 0 ||
         fs_table_add_col(t, "p_fisher", fs_tr(lang, "p (Fisher)"), FS_COL_PVALUE, 0, -1) < 0))
        goto fail;
    for (size_t i = 0; i < s->n_items; i++) {
        const fs_survey_item *it = &s->items[i];
        fs_row *r = fs_table_add_row(t, q->item_key[i], q->item_label[i], 0, 0);
        if (!r)
            goto fail;
        for (size_t g = 0; g < s->n_groups; g++) {
            snprintf(ck, sizeof ck, "%s_n", s->group_key[g]);
            fs_row_set(t, r, ck, it->valid[g]);
            if (!it->agree_n)
                continue;
            snprintf(ck, sizeof ck, "%s_agree", s->group_key[g]);
            fs_row_set(t, r, ck, it->agree[g]);
            snprintf(ck, sizeof ck, "%s_pct", s->group_key[g]);
            fs_row_set(t, r, ck, it->valid[g] ? 100.0 * it->agree[g] / it->valid[g] : NAN);
            snprintf(ck, sizeof ck, "%s_ci_low", s->group_key[g]);
            fs_row_set(t, r, ck, 100 * it->agree_low[g]);
            snprintf(ck, sizeof ck, "%s_ci_high", s->group_key[g]);
            fs_row_set(t, r, ck, 100 * it->agree_high[g]);
        }
        if (s->has_cmp) {
            if (it->test == FS_SURVEY_TEST_MANN_WHITNEY)
                fs_row_set(t, r, "p_mann_whitney", it->p_value);
            else if (it->test == FS_SURVEY_TEST_FISHER)
                fs_row_set(t, r, "p_fisher", it->p_value);
            untested += it->test == FS_SURVEY_TEST_NONE;
        }
    }
    if (fs_table_add_note(t, fs_tr(lang, "Agreeing: the top categories of each scale (at most "
                                         "half of it); shares of the answers on the scale with "
                                         "Wilson 95 %% confidence intervals. A question without an "
                                         "order has no share agreeing (except Ja/Nej: Ja).")))
        goto fail;
    if (s->has_cmp &&
        fs_table_add_note(t, fs_tr(lang, "Test of %s against %s, two-sided: Mann-Whitney (Wilcoxon "
                                         "rank-sum; exact without ties for fewer than 50 in each "
                                         "group, else normal approximation with continuity and tie "
                                         "correction; R's wilcox.test) for an ordered scale, "
                                         "Fisher's exact test for answers without an order."),
                          group_label(s, s->cmp_a, lang), group_label(s, s->cmp_b, lang)))
        goto fail;
    if (untested && fs_table_add_note(t, fs_tr(lang, "No test where a group has no answers or all "
                                                     "answers are the same (the cell is empty).")))
        goto fail;
    char n1[16];
    if (s->no_date &&
        (fs_count_text(s->no_date, 0, n1, sizeof n1),
         fs_table_add_note(t, fs_tr(lang, "%s responses without an answer date are in the total "
                                          "only."), n1)))
        goto fail;
    if (s->unknown_sex &&
        (fs_count_text(s->unknown_sex, 0, n1, sizeof n1),
         fs_table_add_note(t, fs_tr(lang, "%s responses without a recorded sex are in the total "
                                          "only."), n1)))
        goto fail;
    return t;
fail:
    free(label);
    fs_table_free(t);
    return NULL;
}

fs_error fs_survey_tables(const fs_survey *s, const fs_quest *q, const char *lang,
                          fs_rounding rounding, int decimals, fs_report *rep)
{
    for (size_t i = 0; i < s->n_items; i++) {
        fs_table *t = item_table(s, q, i, lang, rounding, decimals);
        if (!t || fs_report_add_table(rep, t))
            return FS_ERR_MEMORY;
    }
    fs_table *t = summary_table(s, q, lang);
    if (!t || fs_report_add_table(rep, t))
        return FS_ERR_MEMORY;
    return FS_OK;
}
