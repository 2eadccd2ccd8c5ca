#include "finsam/intake.h"

#include <stdlib.h>
#include <string.h>

#include "finsam/i18n.h"
#include "finsam/sextable.h"
#include "finsam/text.h"

#define N_(s) s /* translated where it is used, with fs_tr() */

struct fs_intake_warning {
    fs_problem_kind kind;
    char *file;
    char *message;
    unsigned long first_line;
    unsigned long count;
};

#define MAX_DISTINCT_WARNINGS 500

typedef struct ctx {
    fs_intake *in;
    int strict;
    fs_intake_fn fn;
    void *user;
    fs_error err;
    fs_msg *msg;
    int row_has_error;
} ctx;

static fs_intake_warning *add_warning(fs_intake *in, const fs_problem *p)
{
    if (in->n_w == in->cap_w) {
        size_t cap = in->cap_w ? 2 * in->cap_w : 16;
        fs_intake_warning *w = realloc(in->w, cap * sizeof *w);
        if (!w)
            return NULL;
        in->w = w;
        in->cap_w = cap;
    }
    fs_intake_warning *w = &in->w[in->n_w];
    w->kind = p->kind;
    w->file = fs_strdup(p->file);
    w->message = fs_strdup(p->message);
    w->first_line = p->line;
    w->count = 1;
    if (!w->file || !w->message) {
        free(w->file);
        free(w->message);
        return NULL;
    }
    in->n_w++;
    return w;
}

static void on_problem(const fs_problem *p, void *user)
{
    ctx *c = user;
    fs_intake *in = c->in;
    if (c->err)
        return;
    if (fs_problem_is_error(p->kind)) {
        if (c->strict) {
            c->err = FS_ERR_DATA;
            fs_msg_set(c->msg, "%s:%lu: %s", p->file, p->line, p->message);
            return;
        }
        if (!c->row_has_error) {
            c->row_has_error = 1;
            in->excluded_by_kind[p->kind]++;
            size_t row_errors = 0;
            for (size_t i = 0; i < in->n_w; i++)
                row_errors += fs_problem_is_error(in->w[i].kind);
            if (row_errors < FS_INTAKE_MAX_ROW_WARNINGS) {
                if (!add_warning(in, p))
                    c->err = FS_ERR_MEMORY;
            } else {
                in->dropped_row_warnings++;
            }
        }
        return;
    }
    for (size_t i = 0; i < in->n_w; i++) {
        fs_intake_warning *w = &in->w[i];
        if (w->kind == p->kind && strcmp(w->message, p->message) == 0 && strcmp(w->file, p->file) == 0) {
            w->count++;
            return;
        }
    }
    if (in->n_w >= MAX_DISTINCT_WARNINGS)
        in->dropped_warnings++;
    else if (!add_warning(in, p))
        c->err = FS_ERR_MEMORY;
}

static int on_episode(const fs_episode *ep, void *user)
{
    ctx *c = user;
    fs_intake *in = c->in;
    int had_error = c->row_has_error;
    c->row_has_error = 0;
    if (c->err)
        return 1;
    in->rows++;
    if (ep->excluded || had_error) {
        in->excluded++;
        return 0;
    }
    if (ep->reason_group == FS_EXIT_EXCLUDED)
        in->felreg++;
    else
        in->counted++;
    return c->fn ? c->fn(ep, c->user) : 0;
}

fs_error fs_intake_run(char *const *files, size_t n, const fs_export_options *opt, int strict,
                       fs_intake_fn fn, void *user, fs_intake *in, fs_msg *err)
{
    memset(in, 0, sizeof *in);
    ctx c = {in, strict, fn, user, FS_OK, err, 0};
    fs_export_callbacks cb = {on_episode, on_problem, &c};
    /* a date after the run's date (--as-of, default today) is a warning in every command,
     * as in check: an exit in 2099 is a typing error, not a plan */
    fs_export_options o = *opt;
    o.check_future = 1;
    fs_export_reader *r = fs_export_reader_new(&o, &cb);
    if (!r) {
        fs_msg_set(err, "out of memory");
        return FS_ERR_MEMORY;
    }
    fs_error e = FS_OK;
    if (n && !(in->files = calloc(n, sizeof *in->files)))
        e = FS_ERR_MEMORY;
    for (size_t i = 0; i < n && !e; i++) {
        e = fs_export_reader_read(r, files[i], err);
        if (!e && c.err)
            e = c.err;
        const fs_csv_info *ci = fs_export_reader_info(r);
        fs_intake_file *f = &in->files[in->n_files++];
        f->path = files[i];
        f->bytes = ci->bytes;
        f->rows = fs_export_reader_data_rows(r);
        f->has_sha256 = ci->has_sha256;
        memcpy(f->sha256, ci->sha256, sizeof f->sha256);
    }
    if (e == FS_ERR_MEMORY && !err->text[0])
        fs_msg_set(err, "out of memory");
    in->empty_rows = fs_export_reader_empty_rows(r);
    fs_export_reader_free(r);
    return e;
}

void fs_intake_free(fs_intake *in)
{
    for (size_t i = 0; i < in->n_w; i++) {
        free(in->w[i].file);
        free(in->w[i].message);
    }
    free(in->w);
    free(in->files);
    memset(in, 0, sizeof *in);
}

void fs_intake_each_warning(const fs_intake *in, void (*emit)(const char *line, void *user),
                            void *user)
{
    for (size_t i = 0; i < in->n_w; i++) {
        const fs_intake_warning *w = &in->w[i];
        char *line;
        if (fs_problem_is_error(w->kind))
            line = fs_asprintf("%s:%lu: %s; row excluded", w->file, w->first_line, w->message);
        else if (w->count == 1)
            line = fs_asprintf("%s:%lu: %s", w->file, w->first_line, w->message);
        else
            line = fs_asprintf("%s: %s (%lu rows in the file, first at line %lu)", w->file, w->message,
                               w->count, w->first_line);
        if (line)
            emit(line, user);
        free(line);
    }
    if (in->dropped_warnings) {
        char *line = fs_asprintf("%lu more rows with other warnings not listed; run `finsam-stats "
                                 "check` to list them all",
                                 in->dropped_warnings);
        if (line)
            emit(line, user);
        free(line);
    }
    if (in->dropped_row_warnings) {
        char *line = fs_asprintf("%lu more rows excluded for errors; run `finsam-stats check` "
                                 "to list them all",
                                 in->dropped_row_warnings);
        if (line)
            emit(line, user);
        free(line);
    }
}

fs_error fs_intake_add_notes(const fs_intake *in, fs_table *t, const char *lang,
                             unsigned long felreg, int suppress)
{
    static const char *const kind[] = {
        [FS_PROB_MISSING_ENTRY] = N_("missing entry date"),
        [FS_PROB_BAD_DATE] = N_("invalid date"),
        [FS_PROB_EXIT_BEFORE_ENTRY] = N_("exit before entry"),
    };
    fs_error e = FS_OK;
    char c[16];
    fs_count_text(felreg, suppress, c, sizeof c);
    if (felreg)
        e = fs_table_add_note(t, fs_tr(lang, "Excluded as registered in error (Felregistrering): "
                                             "%s."), c);
    if (!e && in->excluded) {
        fs_buf b = {0};
        for (int k = 0; k <= FS_PROB_EXIT_BEFORE_ENTRY; k++) {
            if (!in->excluded_by_kind[k])
                continue;
            fs_count_text(in->excluded_by_kind[k], suppress, c, sizeof c);
            fs_buf_printf(&b, "%s%s %s", b.len ? ", " : "", c, fs_tr(lang, kind[k]));
        }
        fs_count_text(in->excluded, suppress, c, sizeof c);
        e = fs_table_add_note(t, fs_tr(lang, "Rows of the input files excluded for errors: %s "
                                             "(%s); see the warnings."),
                              c, b.data ? b.data : "");
        if (b.failed)
            e = FS_ERR_MEMORY;
        fs_buf_free(&b);
    }
    return e;
}
