/* hls.c: HLS-EU-Q16 / Q6 scores, categories and their paired change. See hls.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/hls.h"

fs_error fs_hls_version_parse(const char *s, fs_hls_version *out)
{
    if (strcmp(s, "q16") == 0 || strcmp(s, "Q16") == 0)
        *out = FS_HLS_Q16;
    else if (strcmp(s, "q6") == 0 || strcmp(s, "Q6") == 0)
        *out = FS_HLS_Q6;
    else
        return FS_ERR_USAGE;
    return FS_OK;
}

void fs_hls_rules_default(fs_hls_version v, fs_hls_rules *out)
{
    if (v == FS_HLS_Q6) {
        out->min_answered = 5;
        out->inadequate_max = 2;
        out->problematic_max = 3;
    } else {
        out->min_answered = 14;
        out->inadequate_max = 8;
        out->problematic_max = 12;
    }
}

fs_error fs_hls_rules_from_config(const fs_config *cfg, fs_hls_version v, fs_hls_rules *out,
                                  fs_msg *err)
{
    static const char *const other_keys[] = {"coding", "version", NULL};
    fs_hls_rules_default(v, out);
    if (!cfg)
        return FS_OK;
    for (size_t i = 0; i < cfg->n; i++) {
        const fs_config_entry *en = &cfg->entries[i];
        if (strcmp(en->section, "hls") != 0)
            continue;
        int known = 0;
        for (const char *const *k = other_keys; *k; k++)
            known |= strcmp(en->key, *k) == 0;
        if (known)
            continue;
        const char *pre = strncmp(en->key, "q16_", 4) == 0 ? "q16_" : strncmp(en->key, "q6_", 3) == 0 ? "q6_" : NULL;
        const char *rest = pre ? en->key + strlen(pre) : "";
        int which = strcmp(rest, "min_answered") == 0 ? 0 : strcmp(rest, "inadequate_max") == 0 ? 1
                  : strcmp(rest, "problematic_max") == 0 ? 2 : -1;
        double x;
        if (!pre || which < 0) {
            fs_msg_set(err, "%s:%u: [hls] unknown key \"%s\" (q16_ or q6_ followed by "
                            "min_answered, inadequate_max, problematic_max; coding; version)",
                       cfg->path ? cfg->path : "config", en->line, en->key);
            return FS_ERR_DATA;
        }
        if (fs_parse_answer_number(en->value, &x) || x < 0 || (which == 0 && x != floor(x))) {
            fs_msg_set(err, "%s:%u: [hls] %s: \"%s\" is not a %s", cfg->path ? cfg->path : "config",
                       en->line, en->key, en->value, which == 0 ? "whole number" : "number");
            return FS_ERR_DATA;
        }
        /* in range for its version, checked whichever version is read */
        double hi = strcmp(pre, "q16_") == 0 ? 16 : (which == 0 ? 6 : 4);
        double lo = which == 0 ? 1 : 0;
        if (x < lo || x > hi) {
            fs_msg_set(err, "%s:%u: [hls] %s: %s is outside %g..%g", cfg->path ? cfg->path : "config",
                       en->line, en->key, en->value, lo, hi);
            return FS_ERR_DATA;
        }
        if ((strcmp(pre, "q16_") == 0) != (v == FS_HLS_Q16))
            continue;
        if (which == 0)
            out->min_answered = (unsigned)x;
        else if (which == 1)
            out->inadequate_max = x;
        else
            out->problematic_max = x;
    }
    if (out->inadequate_max > out->problematic_max) {
        const char *pre = v == FS_HLS_Q16 ? "q16_" : "q6_";
        char k1[32], k2[32];
        snprintf(k1, sizeof k1, "%sinadequate_max", pre);
        snprintf(k2, sizeof k2, "%sproblematic_max", pre);
        const fs_config_entry *e1 = fs_config_find(cfg, "hls", k1), *e2 = fs_config_find(cfg, "hls", k2);
        unsigned line = e1 && e2 ? (e1->line > e2->line ? e1->line : e2->line) : e1 ? e1->line
                        : e2 ? e2->line : 0;
        fs_msg_set(err, "%s:%u: [hls] %s is above %s", cfg->path ? cfg->path : "config", line,
                   k1, k2);
        return FS_ERR_DATA;
    }
    return FS_OK;
}

int fs_hls_score(fs_hls_version v, const fs_hls_rules *r, const double *answers, size_t n,
                 double *score)
{
    unsigned answered = 0;
    double sum = 0, easy = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(answers[i]))
            continue;
        answered++;
        sum += answers[i];
        easy += answers[i] >= 3;
    }
    if (answered < r->min_answered || answered == 0)
        return -1;
    *score = v == FS_HLS_Q6 ? sum / answered : easy;
    return 0;
}

int fs_hls_category(const fs_hls_rules *r, double score)
{
    return score <= r->inadequate_max ? FS_HLS_INADEQUATE
           : score <= r->problematic_max ? FS_HLS_PROBLEMATIC : FS_HLS_SUFFICIENT;
}

fs_error fs_hls_summarise(const fs_quest *q, fs_hls_version v, const fs_hls_rules *r,
                          size_t from, size_t to, int sex, fs_alternative alt,
                          fs_hls_summary *out)
{
    size_t cap = q->n_persons + 1, n = 0;
    double *s = malloc(cap * sizeof *s), *e = malloc(cap * sizeof *e);
    double *cs = malloc(cap * sizeof *cs), *ce = malloc(cap * sizeof *ce);
    fs_error err = FS_ERR_MEMORY;
    memset(out, 0, sizeof *out);
    if (!s || !e || !cs || !ce)
        goto done;
    for (size_t k = 0; k < q->n_persons; k++) {
        const fs_quest_person *p = &q->p[k];
        if (!fs_quest_linked(p, from, to, sex))
            continue;
        out->linked++;
        double a, b;
        int va = fs_hls_score(v, r, fs_quest_answers(q, p, from), q->n_items, &a);
        int vb = fs_hls_score(v, r, fs_quest_answers(q, p, to), q->n_items, &b);
        out->invalid_start += va != 0;
        out->invalid_exit += vb != 0;
        if (va || vb)
            continue;
        int ca = fs_hls_category(r, a), cb = fs_hls_category(r, b);
        out->cat[0][ca]++;
        out->cat[1][cb]++;
        s[n] = a;
        e[n] = b;
        cs[n] = ca + 1;
        ce[n++] = cb + 1;
    }
    out->valid_both = (unsigned)n;
    err = fs_paired_summary(s, e, n, 1, alt, 0, &out->score);
    if (!err)
        err = fs_paired_summary(cs, ce, n, 1, alt, 0, &out->category);
done:
    free(s);
    free(e);
    free(cs);
    free(ce);
    return err;
}
