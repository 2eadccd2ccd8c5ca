/* ogq.c: OGQ activity gaps between two occasions. See ogq.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/ogq.h"

fs_error fs_ogq_item_summary(const fs_quest *q, size_t item, size_t from, size_t to, int sex,
                             fs_ogq_item *out)
{
    memset(out, 0, sizeof *out);
    out->mcnemar.chisq_cc = out->mcnemar.p_chisq_cc = out->mcnemar.p_exact = NAN;
    out->closed_low = out->closed_high = out->opened_low = out->opened_high = NAN;
    for (size_t k = 0; k < q->n_persons; k++) {
        const fs_quest_person *p = &q->p[k];
        if (!fs_quest_linked(p, from, to, sex))
            continue;
        double a = fs_quest_answers(q, p, from)[item], b = fs_quest_answers(q, p, to)[item];
        if (isnan(a) || isnan(b))
            continue;
        out->n++;
        out->gaps_start += a != 0;
        out->gaps_end += b != 0;
        out->closed += a != 0 && b == 0;
        out->opened += a == 0 && b != 0;
    }
    if (out->n == 0)
        return FS_OK; /* nothing linked: nothing tested */
    out->has_test = 1;
    fs_error e = fs_mcnemar(out->closed, out->opened, &out->mcnemar);
    if (!e)
        e = fs_wilson_ci(out->closed, out->n, 0.95, &out->closed_low, &out->closed_high);
    if (!e)
        e = fs_wilson_ci(out->opened, out->n, 0.95, &out->opened_low, &out->opened_high);
    return e;
}

fs_error fs_ogq_totals(const fs_quest *q, size_t from, size_t to, int sex, fs_alternative alt,
                       fs_paired_item *out)
{
    size_t n = 0;
    double *s = malloc((q->n_persons + 1) * sizeof *s), *e = malloc((q->n_persons + 1) * sizeof *e);
    fs_error err = FS_ERR_MEMORY;
    if (!s || !e)
        goto done;
    for (size_t k = 0; k < q->n_persons; k++) {
        const fs_quest_person *p = &q->p[k];
        if (!fs_quest_linked(p, from, to, sex))
            continue;
        const double *va = fs_quest_answers(q, p, from), *vb = fs_quest_answers(q, p, to);
        double a = 0, b = 0;
        size_t both = 0;
        for (size_t i = 0; i < q->n_items; i++) {
            if (isnan(va[i]) || isnan(vb[i]))
                continue;
            both++;
            a += va[i] != 0;
            b += vb[i] != 0;
        }
        if (!both)
            continue;
        s[n] = a;
        e[n++] = b;
    }
    err = fs_paired_summary(s, e, n, 0, alt, 0, out);
done:
    free(s);
    free(e);
    return err;
}
