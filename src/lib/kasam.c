/* kasam.c: KASAM / SOC-13 scoring and its paired change. See kasam.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/kasam.h"
#include "finsam/text.h"

void fs_kasam_rules_default(fs_kasam_rules *r)
{
    static const int rev[] = {1, 2, 3, 7, 10};
    memset(r, 0, sizeof *r);
    for (size_t i = 0; i < sizeof rev / sizeof rev[0]; i++)
        r->reversed[rev[i] - 1] = 1;
}

fs_error fs_kasam_rules_from_config(const fs_config *cfg, fs_kasam_rules *r, fs_msg *err)
{
    fs_kasam_rules_default(r);
    for (size_t i = 0; cfg && i < cfg->n; i++) {
        const fs_config_entry *e = &cfg->entries[i];
        if (strcmp(e->section, "kasam") != 0)
            continue;
        if (strcmp(e->key, "max_missing") == 0) {
            char *end;
            long v = strtol(e->value, &end, 10);
            if (end == e->value || *end || v < 0 || v > FS_KASAM_ITEMS - 1)
                return fs_config_fail(cfg, e, err, "[kasam] max_missing: \"%s\" is not a whole "
                                                   "number from 0 to %d", e->value,
                                      FS_KASAM_ITEMS - 1);
            r->max_missing = (unsigned)v;
        } else if (strcmp(e->key, "reversed") == 0) {
            int rev[FS_KASAM_ITEMS] = {0};
            char *buf = fs_strdup(e->value), *save = NULL;
            if (!buf)
                return FS_ERR_MEMORY;
            for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
                char *end;
                fs_trim(tok);
                long v = strtol(tok, &end, 10);
                if (!*tok || *end || v < 1 || v > FS_KASAM_ITEMS) {
                    free(buf);
                    return fs_config_fail(cfg, e, err, "[kasam] reversed: \"%s\" is not item "
                                                       "numbers 1-%d separated by commas",
                                          e->value, FS_KASAM_ITEMS);
                }
                rev[v - 1] = 1;
            }
            free(buf);
            memcpy(r->reversed, rev, sizeof rev);
        } else {
            return fs_config_fail(cfg, e, err, "[kasam] unknown key \"%s\" (reversed, "
                                               "max_missing)", e->key);
        }
    }
    return FS_OK;
}

fs_error fs_kasam_config_check(const fs_config *cfg, fs_msg *err)
{
    fs_kasam_rules r;
    return fs_kasam_rules_from_config(cfg, &r, err);
}

void fs_kasam_reverse(fs_quest *q, const fs_kasam_rules *r)
{
    for (size_t row = 0; row < q->n_rows; row++)
        for (size_t i = 0; i < FS_KASAM_ITEMS && i < q->n_items; i++) {
            double *v = &q->answers[row * q->n_items + i];
            if (r->reversed[i] && !isnan(*v))
                *v = 8 - *v;
        }
}

int fs_kasam_score(const fs_kasam_rules *r, const double *answers, double *score)
{
    unsigned answered = 0;
    double sum = 0;
    for (size_t i = 0; i < FS_KASAM_ITEMS; i++)
        if (!isnan(answers[i])) {
            answered++;
            sum += answers[i];
        }
    if (answered == 0 || FS_KASAM_ITEMS - answered > r->max_missing)
        return -1;
    *score = answered == FS_KASAM_ITEMS ? sum : sum / answered * FS_KASAM_ITEMS;
    return 0;
}

fs_error fs_kasam_summarise(const fs_quest *q, const fs_kasam_rules *r, size_t from, size_t to,
                            int sex, fs_alternative alt, fs_kasam_summary *out)
{
    double *s = malloc((q->n_persons + 1) * sizeof *s), *e = malloc((q->n_persons + 1) * sizeof *e);
    size_t n = 0;
    fs_error err = FS_ERR_MEMORY;
    memset(out, 0, sizeof *out);
    if (!s || !e)
        goto done;
    for (size_t k = 0; k < q->n_persons; k++) {
        const fs_quest_person *p = &q->p[k];
        if (!fs_quest_linked(p, from, to, sex))
            continue;
        out->linked++;
        const double *va = fs_quest_answers(q, p, from), *vb = fs_quest_answers(q, p, to);
        double a = NAN, b = NAN; /* set by fs_kasam_score when it returns 0 */
        int ia = fs_kasam_score(r, va, &a), ib = fs_kasam_score(r, vb, &b);
        out->invalid_start += ia != 0;
        out->invalid_exit += ib != 0;
        if (ia || ib)
            continue;
        for (size_t i = 0; i < FS_KASAM_ITEMS; i++)
            if (isnan(va[i]) || isnan(vb[i])) {
                out->imputed++;
                break;
            }
        s[n] = a;
        e[n++] = b;
    }
    out->valid_both = (unsigned)n;
    err = fs_paired_summary(s, e, n, 1, alt, 1, &out->total);
done:
    free(s);
    free(e);
    return err;
}
