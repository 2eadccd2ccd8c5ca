#include "finsam/sextable.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/i18n.h"
#include "finsam/stats.h"
#include "finsam/strmap.h"
#include "finsam/text.h"

static const char *const count_keys[FS_SEX_N + 1] = {"women", "men", "unknown", "total"};
static const char *const pct_keys[FS_SEX_N + 1] = {"women_pct", "men_pct", "unknown_pct",
                                                   "total_pct"};

fs_error fs_sex_columns(fs_table *t, const char *lang, int with_unknown, int with_shares)
{
    const char *labels[FS_SEX_N + 1] = {fs_tr(lang, "Women"), fs_tr(lang, "Men"),
                                        fs_tr(lang, "Sex not recorded"), fs_tr(lang, "Total")};
    const char *share = fs_tr(lang, "Share (%)");
    for (int s = 0; s <= FS_SEX_N; s++) {
        if (s == FS_SEX_UNKNOWN && !with_unknown)
            continue;
        int c = fs_table_add_col(t, count_keys[s], labels[s], FS_COL_COUNT, 0, -1);
        if (c < 0 || (with_shares && fs_table_add_col(t, pct_keys[s], share, FS_COL_SHARE, 0, c) < 0))
            return FS_ERR_MEMORY;
    }
    return FS_OK;
}

fs_row *fs_sex_add_row(fs_table *t, const char *key, const char *label, int level, int is_total,
                       const unsigned long n[FS_SEX_N])
{
    fs_row *row = fs_table_add_row(t, key, label, level, is_total);
    if (!row)
        return NULL;
    unsigned long total = 0;
    for (int s = 0; s < FS_SEX_N; s++) {
        total += n[s];
        int c = fs_table_col(t, count_keys[s]);
        if (c >= 0)
            row->cells[c].value = (double)n[s];
        else if (n[s])
            FS_BUG("a count for a sex column the table does not have");
    }
    row->cells[fs_table_col(t, "total")].value = (double)total;
    return row;
}

static const fs_row *total_row(const fs_table *t)
{
    for (size_t r = t->n_rows; r-- > 0;)
        if (t->rows[r].is_total)
            return &t->rows[r];
    return NULL;
}

void fs_sex_column_shares(fs_table *t)
{
    const fs_row *tot = total_row(t);
    for (int s = 0; s <= FS_SEX_N && tot; s++) {
        int cc = fs_table_col(t, count_keys[s]), pc = fs_table_col(t, pct_keys[s]);
        if (cc < 0 || pc < 0)
            continue;
        double base = tot->cells[cc].value;
        for (size_t r = 0; r < t->n_rows; r++)
            t->rows[r].cells[pc].value = base > 0 ? 100.0 * t->rows[r].cells[cc].value / base : NAN;
    }
}

void fs_sex_row_shares(fs_table *t)
{
    int tc = fs_table_col(t, "total");
    for (int s = 0; s <= FS_SEX_N; s++) {
        int cc = fs_table_col(t, count_keys[s]), pc = fs_table_col(t, pct_keys[s]);
        if (cc < 0 || pc < 0)
            continue;
        for (size_t r = 0; r < t->n_rows; r++) {
            double base = t->rows[r].cells[tc].value;
            t->rows[r].cells[pc].value = base > 0 ? 100.0 * t->rows[r].cells[cc].value / base : NAN;
        }
    }
}

void fs_count_text(unsigned long n, int threshold, char *out, size_t outsz)
{
    if (threshold > 1 && n > 0 && n < (unsigned long)threshold)
        snprintf(out, outsz, "<%d", threshold);
    else
        snprintf(out, outsz, "%lu", n);
}

void fs_pct_text(double pct, const char *lang, char *out, size_t outsz)
{
    char num[32];
    fs_format_fixed(num, sizeof num, pct, 1, strcmp(lang, "en") != 0);
    snprintf(out, outsz, "%s %%", num);
}

fs_error fs_sex_test_note(fs_table *t, const char *lang, int p_digits)
{
    int en = fs_lang_en(lang); /* decimal point rather than comma */
    int wc = fs_table_col(t, "women"), mc = fs_table_col(t, "men");
    unsigned *w = calloc(t->n_rows + 1, sizeof *w), *m = calloc(t->n_rows + 1, sizeof *m);
    fs_error e = FS_OK;
    size_t k = 0;
    unsigned long tw = 0, tm = 0;
    if (!w || !m) {
        e = FS_ERR_MEMORY;
        goto cleanup;
    }
    for (size_t r = 0; r < t->n_rows; r++) {
        if (t->rows[r].level != 0 || t->rows[r].is_total)
            continue;
        w[k] = (unsigned)t->rows[r].cells[wc].value;
        m[k] = (unsigned)t->rows[r].cells[mc].value;
        tw += w[k];
        tm += m[k];
        k++;
    }
    fs_chisq_result chi;
    if (!tw || !tm || fs_chisq_2xk(w, m, k, &chi) != FS_OK)
        goto cleanup; /* one sex only, or a single category: nothing to test */
    char stat[32], p1[32], p2[32];
    fs_format_fixed(stat, sizeof stat, chi.statistic, 2, !en);
    fs_format_p(p1, sizeof p1, chi.p_value, p_digits, !en);
    double pf;
    /* Beyond a few thousand the exact test costs seconds and adds nothing over chi-square. */
    fs_error fe = tw + tm <= FS_FISHER_MAX_N ? fs_fisher_2xk(w, m, k, &pf) : FS_ERR_RANGE;
    if (fe == FS_OK) {
        fs_format_p(p2, sizeof p2, pf, p_digits, !en);
        e = fs_table_add_note(t, fs_tr(lang, "Women versus men: Pearson chi-square = %s (df = %u), "
                                             "p = %s; Fisher's exact test p = %s (two-sided)."),
                              stat, chi.df, p1, p2);
    } else {
        e = fs_table_add_note(t, fs_tr(lang, "Women versus men: Pearson chi-square = %s (df = %u), "
                                             "p = %s (two-sided); Fisher's exact test not computed "
                                             "(n > %d)."),
                              stat, chi.df, p1, FS_FISHER_MAX_N);
    }
cleanup:
    free(w);
    free(m);
    return e;
}

fs_error fs_sex_add_value_rows(fs_table *t, fs_bykey *b, const char *prefix, int level,
                               unsigned long total[FS_SEX_N])
{
    size_t n = b ? fs_bykey_count(b) : 0;
    if (!n)
        return FS_OK;
    fs_bykey_sort(b);
    int ok = 0;
    fs_strmap *used = fs_strmap_new();  /* row keys taken */
    fs_strmap *bases = fs_strmap_new(); /* base key -> the next suffix to try */
    unsigned long *next = calloc(n, sizeof *next);
    if (!used || !bases || !next ||
        fs_strmap_put(used, "missing", t) || fs_strmap_put(used, "total", t))
        goto done;
    for (size_t r = 0; r < t->n_rows; r++)
        if (fs_strmap_put(used, t->rows[r].key, t))
            goto done;
    for (size_t i = 0; i < n; i++) {
        const fs_bykey_entry *e = fs_bykey_at(b, i);
        const unsigned long *n_sex = e->data; /* the payload begins with the counts */
        char *slug = fs_slug(e->label);
        char *base = slug ? fs_asprintf("%s%s", prefix, slug) : NULL;
        char *key = base ? fs_strdup(base) : NULL;
        free(slug);
        if (key && fs_strmap_get(used, key)) {
            unsigned long *k = fs_strmap_get(bases, base);
            if (!k) {
                k = &next[i];
                *k = 2;
                if (fs_strmap_put(bases, base, k))
                    k = NULL;
            }
            for (free(key), key = NULL; k; (*k)++) {
                free(key);
                key = fs_asprintf("%s_%lu", base, *k);
                if (!key || !fs_strmap_get(used, key))
                    break;
            }
        }
        fs_row *row = key && fs_strmap_put(used, key, t) == FS_OK
                          ? fs_sex_add_row(t, key, e->label, level, 0, n_sex)
                          : NULL;
        free(base);
        free(key);
        if (!row)
            goto done;
        if (total)
            for (int s = 0; s < FS_SEX_N; s++)
                total[s] += n_sex[s];
    }
    ok = 1;
done:
    fs_strmap_free(used);
    fs_strmap_free(bases);
    free(next);
    return ok ? FS_OK : FS_ERR_MEMORY;
}

