/* quest_tables.c: the paired item tables and the table over every occasion. See
 * quest_tables.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/i18n.h"
#include "finsam/quest_tables.h"
#include "finsam/sextable.h"
#include "finsam/text.h"

const char *fs_quest_alt_text(const char *lang, fs_alternative alt)
{
    switch (alt) {
    case FS_ALT_GREATER:
        return fs_tr(lang, "one-sided, better");
    case FS_ALT_LESS:
        return fs_tr(lang, "one-sided, worse");
    default:
        return fs_tr(lang, "two-sided");
    }
}

const char *fs_quest_sex_text(const char *lang, int sex)
{
    if (sex == FS_SEX_WOMAN)
        return fs_tr(lang, "women");
    if (sex == FS_SEX_MAN)
        return fs_tr(lang, "men");
    return fs_tr(lang, "total");
}

static const char *count_text(const fs_quest_table_options *o, unsigned long n, char *buf)
{
    fs_count_text(n, o->suppress, buf, 16);
    return buf;
}

fs_error fs_quest_item_columns(fs_table *t, const fs_quest_table_options *o)
{
    const char *lang = o->lang, *alt = fs_quest_alt_text(lang, o->alt);
    char *ps = fs_asprintf(fs_tr(lang, "p (sign test, %s)"), alt);
    char *pw = fs_asprintf(fs_tr(lang, "p (Wilcoxon, %s)"), alt);
    int bad = !ps || !pw, c;
    bad |= fs_table_add_col(t, "n", fs_tr(lang, "Linked answers"), FS_COL_COUNT, 0, -1) < 0;
    bad |= (c = fs_table_add_col(t, "worse", fs_tr(lang, "Worse"), FS_COL_COUNT, 0, -1)) < 0;
    int cw = c;
    bad |= fs_table_add_col(t, "unchanged", fs_tr(lang, "Unchanged"), FS_COL_COUNT, 0, -1) < 0;
    bad |= (c = fs_table_add_col(t, "better", fs_tr(lang, "Better"), FS_COL_COUNT, 0, -1)) < 0;
    int cb = c;
    bad |= fs_table_add_col(t, "median_start", fs_tr(lang, "Median, start"), FS_COL_NUMBER, 1, -1) < 0;
    bad |= fs_table_add_col(t, "median_end", fs_tr(lang, "Median, exit"), FS_COL_NUMBER, 1, -1) < 0;
    bad |= fs_table_add_col(t, "mean_start", fs_tr(lang, "Mean, start"), FS_COL_NUMBER, 2, -1) < 0;
    bad |= fs_table_add_col(t, "mean_end", fs_tr(lang, "Mean, exit"), FS_COL_NUMBER, 2, -1) < 0;
    bad |= fs_table_add_col(t, "better_pct", fs_tr(lang, "Better (%)"), FS_COL_SHARE, 0, cb) < 0;
    bad |= fs_table_add_col(t, "better_ci_low", fs_tr(lang, "Better, 95 % CI low"), FS_COL_SHARE, 0, cb) < 0;
    bad |= fs_table_add_col(t, "better_ci_high", fs_tr(lang, "Better, 95 % CI high"), FS_COL_SHARE, 0, cb) < 0;
    bad |= fs_table_add_col(t, "worse_pct", fs_tr(lang, "Worse (%)"), FS_COL_SHARE, 0, cw) < 0;
    bad |= fs_table_add_col(t, "worse_ci_low", fs_tr(lang, "Worse, 95 % CI low"), FS_COL_SHARE, 0, cw) < 0;
    bad |= fs_table_add_col(t, "worse_ci_high", fs_tr(lang, "Worse, 95 % CI high"), FS_COL_SHARE, 0, cw) < 0;
    bad |= !ps || fs_table_add_col(t, "p_sign", ps, FS_COL_PVALUE, 0, -1) < 0;
    if (o->wilcoxon)
        bad |= !pw || fs_table_add_col(t, "p_wilcoxon", pw, FS_COL_PVALUE, 0, -1) < 0;
    free(ps);
    free(pw);
    return bad ? FS_ERR_MEMORY : FS_OK;
}

fs_error fs_quest_item_row(fs_table *t, const char *key, const char *label, const fs_paired_item *it)
{
    fs_row *r = fs_table_add_row(t, key, label, 0, 0);
    if (!r)
        return FS_ERR_MEMORY;
    fs_row_set(t, r, "n", it->n);
    fs_row_set(t, r, "worse", it->worse);
    fs_row_set(t, r, "unchanged", it->unchanged);
    fs_row_set(t, r, "better", it->better);
    fs_row_set(t, r, "median_start", it->median_start);
    fs_row_set(t, r, "median_end", it->median_end);
    fs_row_set(t, r, "mean_start", it->mean_start);
    fs_row_set(t, r, "mean_end", it->mean_end);
    double n = it->n;
    fs_row_set(t, r, "better_pct", n ? 100.0 * it->better / n : NAN);
    fs_row_set(t, r, "better_ci_low", 100.0 * it->better_low);
    fs_row_set(t, r, "better_ci_high", 100.0 * it->better_high);
    fs_row_set(t, r, "worse_pct", n ? 100.0 * it->worse / n : NAN);
    fs_row_set(t, r, "worse_ci_low", 100.0 * it->worse_low);
    fs_row_set(t, r, "worse_ci_high", 100.0 * it->worse_high);
    fs_row_set(t, r, "p_sign", it->has_test ? it->sign.p_value : NAN);
    if (fs_table_col(t, "p_wilcoxon") >= 0)
        fs_row_set(t, r, "p_wilcoxon", it->has_wilcoxon ? it->wilcoxon.p_value : NAN);
    return FS_OK;
}

fs_error fs_quest_share_note(fs_table *t, const fs_quest_table_options *o, unsigned none_tested)
{
    fs_error e = fs_table_add_note(t, fs_tr(o->lang, "Better (%%) and Worse (%%): shares of the "
                                                     "linked answers, with Wilson 95 %% "
                                                     "confidence intervals."));
    if (!e && none_tested)
        e = fs_table_add_note(t, fs_tr(o->lang, "An item without linked answers has no "
                                                "p-value (the cell is empty)."));
    return e;
}

fs_error fs_quest_participation_note(const fs_quest *q, const fs_quest_table_options *o,
                                     fs_table *t, int sex)
{
    fs_quest_counts n;
    char a[16], b[16], c[16], d[16], e[16];
    fs_quest_count(q, o->from, o->to, &n);
    if (sex >= 0)
        return fs_table_add_note(t, fs_tr(o->lang, "Linked participants (%s): %s."),
                                 fs_quest_sex_text(o->lang, sex),
                                 count_text(o, n.by_sex_linked[sex], a));
    count_text(o, n.start, a);
    count_text(o, n.exit, b);
    count_text(o, n.linked, c);
    count_text(o, n.start_only, d);
    count_text(o, n.exit_only, e);
    if (q->n_occ > 2)
        return fs_table_add_note(t, fs_tr(o->lang, "Participants: %s at %s, %s at %s, %s linked; "
                                                   "%s only at %s and %s only at %s are not "
                                                   "compared."),
                                 a, q->occ_label[o->from], b, q->occ_label[o->to], c, d,
                                 q->occ_label[o->from], e, q->occ_label[o->to]);
    return fs_table_add_note(t, fs_tr(o->lang, "Participants: %s at start, %s at exit, %s "
                                               "linked; %s only at start and %s only at exit "
                                               "are not compared."),
                             a, b, c, d, e);
}

static fs_table *item_table(const fs_quest *q, const fs_quest_table_options *o, const char *key,
                            const char *title, int sex)
{
    const char *lang = o->lang;
    unsigned none = 0;
    fs_table *t = fs_table_new(key, title);
    fs_paired_item *its = malloc((q->n_items + 1) * sizeof *its);
    if (!t || !its || fs_quest_item_columns(t, o) ||
        fs_quest_paired_items(q, o->from, o->to, sex, o->higher_is_better, o->alt, o->wilcoxon,
                              its))
        goto fail;
    for (size_t i = 0; i < q->n_items; i++) {
        const fs_paired_item *it = &its[i];
        if (fs_quest_item_row(t, q->item_key[i], q->item_label[i], it))
            goto fail;
        none += !it->has_test;
        char m[16];
        count_text(o, it->missing, m);
        if (it->missing &&
            fs_table_add_note(t, fs_tr(lang, "%s: %s linked participants without an answer at start "
                                             "or exit (empty or Vet inte), not compared."),
                              q->item_label[i], m))
            goto fail;
    }
    if (fs_quest_participation_note(q, o, t, sex))
        goto fail;
    const char *dir = o->higher_is_better ? fs_tr(lang, "a higher answer at exit")
                                          : fs_tr(lang, "a lower answer at exit");
    const char *alt = fs_quest_alt_text(lang, o->alt);
    if (fs_table_add_note(t, fs_tr(lang, "Better = %s. p (sign test): exact sign test (binomial test "
                                         "of better against worse, p = 0.5, unchanged left out), %s."),
                          dir, alt))
        goto fail;
    if (o->wilcoxon && fs_table_add_note(t, fs_tr(lang, "p (Wilcoxon): Wilcoxon signed-rank test of exit - "
                                                        "start (exact without ties and zeros for n < 50, else "
                                                        "normal approximation with continuity correction), %s."),
                                         alt))
        goto fail;
    if (fs_quest_share_note(t, o, none))
        goto fail;
    free(its);
    return t;
fail:
    free(its);
    fs_table_free(t);
    return NULL;
}

/* "Title" or, with more than two occasions, "Title: Start → Halvvägs". */
static char *pair_title(const fs_quest *q, const fs_quest_table_options *o, const char *title)
{
    if (q->n_occ <= 2)
        return fs_strdup(title);
    return fs_asprintf("%s: %s \xE2\x86\x92 %s", title, q->occ_label[o->from], q->occ_label[o->to]);
}

fs_error fs_quest_item_tables(const fs_quest *q, const fs_quest_table_options *o, int by_sex,
                              const char *key, const char *title, const char *chart_title,
                              fs_report *rep)
{
    const char *lang = o->lang;
    char *base = pair_title(q, o, title);
    if (!base)
        return FS_ERR_MEMORY;
    if (by_sex) {
        for (int s = FS_SEX_WOMAN; s <= FS_SEX_MAN; s++) {
            char *k = fs_asprintf("%s_%s", key, s == FS_SEX_WOMAN ? "women" : "men");
            char *ti = fs_asprintf("%s, %s", base, fs_quest_sex_text(lang, s));
            fs_table *t = k && ti ? item_table(q, o, k, ti, s) : NULL;
            free(k);
            free(ti);
            if (t && fs_table_set_sheet(t, s == FS_SEX_WOMAN ? fs_tr(lang, "Items, women")
                                                             : fs_tr(lang, "Items, men"))) {
                fs_table_free(t);
                t = NULL;
            }
            if (!t || fs_report_add_table(rep, t)) {
                free(base);
                return FS_ERR_MEMORY;
            }
        }
    }
    char *ti = by_sex ? fs_asprintf("%s, %s", base, fs_quest_sex_text(lang, -1)) : fs_strdup(base);
    free(base);
    fs_table *t = ti ? item_table(q, o, key, ti, FS_QUEST_ALL_SEXES) : NULL;
    free(ti);
    if (t && (fs_table_set_sheet(t, by_sex ? fs_tr(lang, "Items, total") : fs_tr(lang, "Items")) ||
              (chart_title && fs_table_set_chart(t, chart_title, 0, "mean_start", "mean_end")))) {
        fs_table_free(t);
        t = NULL;
    }
    if (!t || fs_report_add_table(rep, t))
        return FS_ERR_MEMORY;
    return FS_OK;
}

void fs_quest_round_each(fs_table *t)
{
    for (size_t c = 0; c < t->n_cols; c++) {
        if (t->cols[c].kind != FS_COL_SHARE)
            continue;
        for (size_t r = 0; r < t->n_rows; r++) {
            fs_cell *cell = &t->rows[r].cells[c];
            if (isnan(cell->value) || !isnan(cell->shown))
                continue;
            fs_round_shares(&cell->value, 1, FS_ROUND_HALF_UP, t->cols[c].decimals, &cell->shown);
        }
    }
}

fs_table *fs_quest_occasions_table(const fs_quest *q, const fs_quest_table_options *o)
{
    const char *lang = o->lang;
    fs_table *t = fs_table_new("occasions", fs_tr(lang, "Every occasion: medians and the "
                                                        "Friedman test, per item"));
    char key[32];
    unsigned none = 0;
    if (!t || fs_table_set_sheet(t, fs_tr(lang, "Occasions")) ||
        fs_table_add_col(t, "n", fs_tr(lang, "Answers at every occasion"), FS_COL_COUNT, 0, -1) < 0)
        goto fail;
    for (size_t k = 0; k < q->n_occ; k++) {
        char *label = fs_asprintf(fs_tr(lang, "Median, %s"), q->occ_label[k]);
        snprintf(key, sizeof key, "median_%zu", k + 1);
        int c = label ? fs_table_add_col(t, key, label, FS_COL_NUMBER, 1, -1) : -1;
        free(label);
        if (c < 0)
            goto fail;
    }
    if (fs_table_add_col(t, "chisq", fs_tr(lang, "Friedman chi-square"), FS_COL_NUMBER, 2, -1) < 0 ||
        fs_table_add_col(t, "df", fs_tr(lang, "df"), FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "p_friedman", fs_tr(lang, "p (Friedman)"), FS_COL_PVALUE, 0, -1) < 0)
        goto fail;
    for (size_t i = 0; i < q->n_items; i++) {
        fs_occasions_item it;
        fs_row *r;
        if (fs_quest_occasions(q, i, FS_QUEST_ALL_SEXES, &it) ||
            !(r = fs_table_add_row(t, q->item_key[i], q->item_label[i], 0, 0)))
            goto fail;
        fs_row_set(t, r, "n", it.n);
        for (size_t k = 0; k < q->n_occ; k++) {
            snprintf(key, sizeof key, "median_%zu", k + 1);
            fs_row_set(t, r, key, it.median[k]);
        }
        if (it.has_test) {
            fs_row_set(t, r, "chisq", it.friedman.statistic);
            fs_row_set(t, r, "df", it.friedman.df);
            fs_row_set(t, r, "p_friedman", it.friedman.p_value);
        }
        none += !it.has_test;
    }
    if (fs_table_add_note(t, fs_tr(lang, "Participants who answered the item at every one of the "
                                         "%zu occasions; p (Friedman): Friedman rank-sum test over "
                                         "the occasions (ties within a person get average ranks; "
                                         "R's friedman.test)."),
                          q->n_occ))
        goto fail;
    if (none && fs_table_add_note(t, fs_tr(lang, "No test where nobody answered at every occasion or "
                                                 "every answer stayed the same (the cells are "
                                                 "empty).")))
        goto fail;
    return t;
fail:
    fs_table_free(t);
    return NULL;
}
