/* eq5d.c: EQ-5D-5L levels, Pareto classification, EQ VAS and the index from a user's value
 * set. See eq5d.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/eq5d.h"
#include "finsam/pnr.h"
#include "finsam/quest_coding.h"
#include "finsam/text.h"

fs_error fs_eq5d_check(const fs_quest *q, const char *file, fs_msg *err)
{
    if (q->n_items < FS_EQ5D_DIMS) {
        fs_msg_set(err, "%s: %zu items; EQ-5D needs the five dimensions (and EQ VAS) in order",
                   file, q->n_items);
        return FS_ERR_DATA;
    }
    size_t n = q->n_items > FS_EQ5D_DIMS ? FS_EQ5D_DIMS + 1 : FS_EQ5D_DIMS;
    for (size_t row = 0; row < q->n_rows; row++)
        for (size_t i = 0; i < n; i++) {
            double v = q->answers[row * q->n_items + i];
            if (isnan(v))
                continue;
            int bad = i < FS_EQ5D_DIMS ? (v != floor(v) || v < 1 || v > FS_EQ5D_LEVELS)
                                       : (v < 0 || v > 100);
            if (bad) {
                fs_msg_set(err, "%s:%lu: column \"%s\": %g is not %s", file, q->row_line[row],
                           q->item_label[i], v, i < FS_EQ5D_DIMS ? "a level 1-5" : "an EQ VAS 0-100");
                return FS_ERR_DATA;
            }
        }
    return FS_OK;
}

/* ---- value sets ---- */

typedef struct vs_reader {
    fs_eq5d_value_set *vs;
    const char *name;
    int header_done, col[4]; /* dimension, level, decrement, constant */
    int have[FS_EQ5D_DIMS][FS_EQ5D_LEVELS], has_constant;
    fs_msg *err;
    fs_error e;
} vs_reader;

static int vs_fail(vs_reader *r, unsigned long line, const char *fmt, const char *what)
{
    char safe[FS_SAFE_TEXT_MAX * 4 + 8];
    fs_safe_text(what, safe, sizeof safe);
    fs_msg_set(r->err, "%s:%lu: ", r->name, line);
    size_t n = strlen(r->err->text);
    snprintf(r->err->text + n, sizeof r->err->text - n, fmt, safe);
    r->e = FS_ERR_DATA;
    return 1;
}

static int dim_of(const char *s)
{
    static const char *const codes[FS_EQ5D_DIMS] = {"mo", "sc", "ua", "pd", "ad"};
    char *f = fs_fold(s);
    int d = -1;
    for (int k = 0; f && k < FS_EQ5D_DIMS; k++)
        if (strcmp(f, codes[k]) == 0 || (f[0] == '1' + k && !f[1]))
            d = k;
    free(f);
    return d;
}

static int vs_record(const fs_csv_record *rec, void *user)
{
    vs_reader *r = user;
    static const char *const names[4] = {"dimension", "level", "decrement", "constant"};
    if (!r->header_done) {
        r->header_done = 1;
        for (int k = 0; k < 4; k++) {
            r->col[k] = -1;
            for (size_t c = 0; c < rec->n_fields; c++) {
                char *f = fs_fold(rec->fields[c]);
                if (f && strcmp(f, names[k]) == 0 && r->col[k] < 0)
                    r->col[k] = (int)c;
                free(f);
            }
            if (k < 3 && r->col[k] < 0)
                return vs_fail(r, rec->line, "no column \"%s\" (dimension, level, decrement, "
                                             "constant)", names[k]);
        }
        return 0;
    }
    const char *f[4];
    for (int k = 0; k < 4; k++)
        f[k] = r->col[k] >= 0 && (size_t)r->col[k] < rec->n_fields ? rec->fields[r->col[k]] : "";
    double lv, dec, cst;
    int d = dim_of(f[0]);
    if (d < 0)
        return vs_fail(r, rec->line, "\"%s\" is not a dimension (MO, SC, UA, PD, AD)", f[0]);
    if (fs_parse_answer_number(f[1], &lv) || lv != floor(lv) || lv < 1 || lv > 5)
        return vs_fail(r, rec->line, "\"%s\" is not a level 1-5", f[1]);
    if (fs_parse_answer_number(f[2], &dec))
        return vs_fail(r, rec->line, "\"%s\" is not a decrement", f[2]);
    if (r->have[d][(int)lv - 1])
        return vs_fail(r, rec->line, "%s: the dimension and level are given twice", f[0]);
    r->have[d][(int)lv - 1] = 1;
    r->vs->decrement[d][(int)lv - 1] = dec;
    const char *cs = f[3];
    while (*cs == ' ')
        cs++;
    if (*cs) {
        if (fs_parse_answer_number(cs, &cst))
            return vs_fail(r, rec->line, "\"%s\" is not a constant", f[3]);
        if (r->has_constant && cst != r->vs->constant)
            return vs_fail(r, rec->line, "constant %s differs from the one given before", f[3]);
        r->vs->constant = cst;
        r->has_constant = 1;
    }
    return 0;
}

static fs_error vs_finish(vs_reader *r, fs_error e)
{
    if (e)
        return e;
    if (r->e)
        return r->e;
    static const char *const codes[FS_EQ5D_DIMS] = {"MO", "SC", "UA", "PD", "AD"};
    for (int d = 0; d < FS_EQ5D_DIMS; d++)
        for (int l = 1; l < FS_EQ5D_LEVELS; l++)
            if (!r->have[d][l]) {
                fs_msg_set(r->err, "%s: no decrement for %s level %d", r->name, codes[d], l + 1);
                return FS_ERR_DATA;
            }
    return FS_OK;
}

fs_error fs_eq5d_value_set_read(const char *path, const fs_csv_options *csv,
                                fs_eq5d_value_set *out, fs_msg *err)
{
    vs_reader r = {out, path, 0, {0}, {{0}}, 0, err, FS_OK};
    memset(out, 0, sizeof *out);
    fs_csv_options o = *csv;
    return vs_finish(&r, fs_csv_read_file(path, &o, vs_record, &r, NULL, err));
}

fs_error fs_eq5d_value_set_read_buffer(const char *name, const char *data, size_t len,
                                       fs_eq5d_value_set *out, fs_msg *err)
{
    vs_reader r = {out, name, 0, {0}, {{0}}, 0, err, FS_OK};
    fs_csv_options o;
    memset(&o, 0, sizeof o);
    memset(out, 0, sizeof *out);
    return vs_finish(&r, fs_csv_read_buffer(name, data, len, &o, vs_record, &r, NULL, err));
}

double fs_eq5d_index(const fs_eq5d_value_set *vs, const double *levels)
{
    double v = 1;
    int any = 0;
    for (int d = 0; d < FS_EQ5D_DIMS; d++) {
        int l = (int)levels[d];
        v -= vs->decrement[d][l - 1];
        any |= l > 1;
    }
    return any ? v - vs->constant : v;
}

int fs_eq5d_pareto(const double *a, const double *b)
{
    int better = 0, worse = 0;
    for (int d = 0; d < FS_EQ5D_DIMS; d++) {
        better |= b[d] < a[d];
        worse |= b[d] > a[d];
    }
    return better && worse ? FS_EQ5D_MIXED : better ? FS_EQ5D_BETTER
           : worse ? FS_EQ5D_WORSE : FS_EQ5D_UNCHANGED;
}

fs_error fs_eq5d_summarise(const fs_quest *q, const fs_eq5d_value_set *vs, size_t from,
                           size_t to, int sex, fs_alternative alt, fs_eq5d_summary *out)
{
    size_t cap = q->n_persons + 1, n = 0;
    double *s = malloc(cap * sizeof *s), *e = malloc(cap * sizeof *e);
    fs_error err = FS_ERR_MEMORY;
    memset(out, 0, sizeof *out);
    if (!s || !e)
        goto done;
    for (size_t k = 0; k < q->n_persons; k++) {
        const fs_quest_person *p = &q->p[k];
        if (!fs_quest_linked(p, from, to, sex))
            continue;
        out->linked++;
        const double *a = fs_quest_answers(q, p, from), *b = fs_quest_answers(q, p, to);
        int complete = 1;
        for (int d = 0; d < FS_EQ5D_DIMS; d++) {
            if (isnan(a[d]) || isnan(b[d])) {
                complete = 0;
                continue;
            }
            out->answered[d]++;
            out->level[0][d][(int)a[d] - 1]++;
            out->level[1][d][(int)b[d] - 1]++;
        }
        if (!complete)
            continue;
        out->complete++;
        out->change[fs_eq5d_pareto(a, b)]++;
        if (vs) {
            s[n] = fs_eq5d_index(vs, a);
            e[n++] = fs_eq5d_index(vs, b);
        }
    }
    for (int d = 0; d < FS_EQ5D_DIMS; d++)
        if ((err = fs_quest_paired(q, (size_t)d, from, to, sex, 0, alt, 0, &out->dim[d])) != FS_OK)
            goto done;
    err = FS_OK;
    if (q->n_items > FS_EQ5D_DIMS) {
        out->has_vas = 1;
        if ((err = fs_quest_paired(q, FS_EQ5D_DIMS, from, to, sex, 1, alt, 1, &out->vas)) != FS_OK)
            goto done;
    }
    if (vs) {
        out->has_index = 1;
        err = fs_paired_summary(s, e, n, 1, alt, 1, &out->index);
    }
done:
    free(s);
    free(e);
    return err;
}
