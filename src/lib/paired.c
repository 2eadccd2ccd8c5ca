/* paired.c: paired item summaries, the share improved and the Friedman test over every
 * occasion. See paired.h. Medians come from fs_median_inplace (counting or selection), not
 * from a full sort. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/paired.h"

fs_error fs_paired_summary(const double *s, const double *e, size_t n, int higher_is_better,
                           fs_alternative alt, int wilcoxon, fs_paired_item *out)
{
    fs_error err = FS_OK;
    double *buf = NULL;
    memset(out, 0, sizeof *out);
    out->median_start = out->median_end = out->mean_start = out->mean_end = NAN;
    out->better_low = out->better_high = out->worse_low = out->worse_high = NAN;
    out->sign.p_value = out->sign.ci_low = out->sign.ci_high = NAN;
    out->wilcoxon.p_value = NAN;
    out->n = (unsigned)n;
    if (n == 0)
        return FS_OK; /* nothing linked: nothing tested */
    if (!(buf = malloc(n * sizeof *buf)))
        return FS_ERR_MEMORY;
    double ss = 0, se = 0;
    for (size_t i = 0; i < n; i++) {
        double d = higher_is_better ? e[i] - s[i] : s[i] - e[i];
        out->better += d > 0;
        out->worse += d < 0;
        out->unchanged += d == 0;
        ss += s[i];
        se += e[i];
    }
    out->mean_start = ss / (double)n;
    out->mean_end = se / (double)n;
    memcpy(buf, s, n * sizeof *buf);
    out->median_start = fs_median_inplace(buf, n);
    memcpy(buf, e, n * sizeof *buf);
    out->median_end = fs_median_inplace(buf, n);
    out->has_test = 1;
    /* the p-value only: no questionnaire table shows the sign test's interval */
    out->sign.x = out->better;
    out->sign.n = out->worse + out->better;
    err = fs_sign_test_p(out->worse, out->better, alt, &out->sign.p_value);
    if (!err)
        err = fs_wilson_ci(out->better, out->n, 0.95, &out->better_low, &out->better_high);
    if (!err)
        err = fs_wilson_ci(out->worse, out->n, 0.95, &out->worse_low, &out->worse_high);
    if (!err && wilcoxon) {
        for (size_t i = 0; i < n; i++)
            buf[i] = higher_is_better ? e[i] - s[i] : s[i] - e[i];
        err = fs_wilcoxon_signed_rank(buf, n, alt, &out->wilcoxon);
        out->has_wilcoxon = !err;
    }
    free(buf);
    return err;
}

fs_error fs_quest_paired(const fs_quest *q, size_t item, size_t from, size_t to, int sex,
                         int higher_is_better, fs_alternative alt, int wilcoxon,
                         fs_paired_item *out)
{
    size_t n = 0;
    unsigned missing = 0;
    double *s = malloc((q->n_persons + 1) * sizeof *s), *e = malloc((q->n_persons + 1) * sizeof *e);
    fs_error err = FS_ERR_MEMORY;
    if (!s || !e)
        goto done;
    for (size_t k = 0; k < q->n_persons; k++) {
        const fs_quest_person *p = &q->p[k];
        if (!fs_quest_linked(p, from, to, sex))
            continue;
        double a = fs_quest_answers(q, p, from)[item], b = fs_quest_answers(q, p, to)[item];
        if (isnan(a) || isnan(b)) {
            missing++;
            continue;
        }
        s[n] = a;
        e[n++] = b;
    }
    err = fs_paired_summary(s, e, n, higher_is_better, alt, wilcoxon, out);
    out->missing = missing;
done:
    free(s);
    free(e);
    return err;
}

void fs_quest_paired_counts(const fs_quest *q, size_t from, size_t to, int sex, unsigned *n,
                            unsigned *missing)
{
    memset(n, 0, q->n_items * sizeof *n);
    memset(missing, 0, q->n_items * sizeof *missing);
    for (size_t k = 0; k < q->n_persons; k++) {
        const fs_quest_person *p = &q->p[k];
        if (!fs_quest_linked(p, from, to, sex))
            continue;
        const double *a = fs_quest_answers(q, p, from), *b = fs_quest_answers(q, p, to);
        for (size_t i = 0; i < q->n_items; i++) {
            if (isnan(a[i]) || isnan(b[i]))
                missing[i]++;
            else
                n[i]++;
        }
    }
}

fs_error fs_quest_paired_items(const fs_quest *q, size_t from, size_t to, int sex,
                               int higher_is_better, fs_alternative alt, int wilcoxon,
                               fs_paired_item *out)
{
    size_t ni = q->n_items, cap = 1;
    if (ni == 0)
        return FS_OK;
    for (size_t k = 0; k < q->n_persons; k++)
        cap += fs_quest_linked(&q->p[k], from, to, sex);
    /* item i's pairs at s[i * cap ..], e[i * cap ..], n[i] of them: one pass over the rows */
    double *s = malloc(ni * cap * sizeof *s), *e = malloc(ni * cap * sizeof *e);
    size_t *n = calloc(ni + 1, sizeof *n);
    unsigned *missing = calloc(ni + 1, sizeof *missing);
    fs_error err = FS_ERR_MEMORY;
    if (!s || !e || !n || !missing)
        goto done;
    for (size_t k = 0; k < q->n_persons; k++) {
        const fs_quest_person *p = &q->p[k];
        if (!fs_quest_linked(p, from, to, sex))
            continue;
        const double *a = fs_quest_answers(q, p, from), *b = fs_quest_answers(q, p, to);
        for (size_t i = 0; i < ni; i++) {
            if (isnan(a[i]) || isnan(b[i])) {
                missing[i]++;
                continue;
            }
            s[i * cap + n[i]] = a[i];
            e[i * cap + n[i]++] = b[i];
        }
    }
    err = FS_OK;
    for (size_t i = 0; i < ni && !err; i++) {
        err = fs_paired_summary(s + i * cap, e + i * cap, n[i], higher_is_better, alt, wilcoxon,
                                &out[i]);
        out[i].missing = missing[i];
    }
done:
    free(s);
    free(e);
    free(n);
    free(missing);
    return err;
}

fs_error fs_quest_occasions(const fs_quest *q, size_t item, int sex, fs_occasions_item *out)
{
    size_t k = q->n_occ, n = 0;
    fs_error err = FS_ERR_MEMORY;
    memset(out, 0, sizeof *out);
    for (size_t o = 0; o < FS_QUEST_MAX_OCC; o++)
        out->median[o] = out->mean[o] = NAN;
    out->friedman.statistic = out->friedman.p_value = NAN;
    double *y = malloc((q->n_persons + 1) * (k ? k : 1) * sizeof *y);
    double *col = malloc((q->n_persons + 1) * sizeof *col);
    if (!y || !col)
        goto done;
    for (size_t i = 0; i < q->n_persons; i++) {
        const fs_quest_person *p = &q->p[i];
        if (sex >= 0 && (int)p->sex != sex)
            continue;
        size_t o;
        for (o = 0; o < k; o++) {
            const double *a = fs_quest_answers(q, p, o);
            if (!a || isnan(a[item]))
                break;
            y[n * k + o] = a[item];
        }
        n += o == k;
    }
    out->n = (unsigned)n;
    for (size_t o = 0; n && o < k; o++) {
        double sum = 0;
        for (size_t i = 0; i < n; i++)
            sum += col[i] = y[i * k + o];
        out->mean[o] = sum / (double)n;
        out->median[o] = fs_median_inplace(col, n);
    }
    err = FS_OK;
    if (n >= 1 && k >= 2) {
        err = fs_friedman(y, n, k, &out->friedman);
        out->has_test = !err && !isnan(out->friedman.p_value);
    }
done:
    free(y);
    free(col);
    return err;
}
