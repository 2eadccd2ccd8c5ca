/* write_text.c: aligned columns for a terminal. */
#include <stdlib.h>
#include <string.h>

#include "finsam/cellfmt.h"
#include "finsam/table.h"
#include "finsam/text.h"
#include "finsam/writers.h"

static void pad(FILE *fp, size_t n)
{
    while (n--)
        fputc(' ', fp);
}

static fs_error write_table(const fs_table *t, const fs_numfmt *f, FILE *fp)
{
    size_t nc = t->n_cols;
    size_t label_w = 0;
    size_t *w = calloc(nc + 1, sizeof *w);
    char cell[FS_CELL_TEXT_MAX];
    if (!w)
        return FS_ERR_MEMORY;
    for (size_t r = 0; r < t->n_rows; r++) {
        size_t lw = fs_utf8_width(t->rows[r].label) + 2 * (size_t)t->rows[r].level;
        if (lw > label_w)
            label_w = lw;
    }
    for (size_t c = 0; c < nc; c++) {
        w[c] = fs_utf8_width(t->cols[c].label);
        for (size_t r = 0; r < t->n_rows; r++) {
            fs_cell_text(t, r, c, f, cell, sizeof cell);
            if (fs_utf8_width(cell) > w[c])
                w[c] = fs_utf8_width(cell);
        }
    }
    size_t line_w = label_w;
    for (size_t c = 0; c < nc; c++)
        if (fs_column_written(t, c, f))
            line_w += 2 + w[c];

    fprintf(fp, "%s\n\n", t->title);
    pad(fp, label_w);
    for (size_t c = 0; c < nc; c++) {
        if (!fs_column_written(t, c, f))
            continue;
        pad(fp, 2 + w[c] - fs_utf8_width(t->cols[c].label));
        fputs(t->cols[c].label, fp);
    }
    fputc('\n', fp);
    for (size_t i = 0; i < line_w; i++)
        fputc('-', fp);
    fputc('\n', fp);
    for (size_t r = 0; r < t->n_rows; r++) {
        const fs_row *row = &t->rows[r];
        if (row->is_total && r > 0) {
            for (size_t i = 0; i < line_w; i++)
                fputc('-', fp);
            fputc('\n', fp);
        }
        pad(fp, 2 * (size_t)row->level);
        fputs(row->label, fp);
        pad(fp, label_w - fs_utf8_width(row->label) - 2 * (size_t)row->level);
        for (size_t c = 0; c < nc; c++) {
            if (!fs_column_written(t, c, f))
                continue;
            fs_cell_text(t, r, c, f, cell, sizeof cell);
            pad(fp, 2 + w[c] - fs_utf8_width(cell));
            fputs(cell, fp);
        }
        fputc('\n', fp);
    }
    if (t->n_notes)
        fputc('\n', fp);
    for (size_t i = 0; i < t->n_notes; i++)
        fprintf(fp, "%s\n", t->notes[i]);
    free(w);
    return FS_OK;
}

fs_error fs_write_text(const fs_report *r, const fs_write_options *o, FILE *fp, const char *path,
                       fs_msg *err)
{
    (void)path, (void)err;
    fs_numfmt f = fs_numfmt_text(r->lang, o->p_digits, o->n_pct);
    for (size_t i = 0; i < r->n_tables; i++) {
        if (i)
            fputc('\n', fp);
        fs_error e = write_table(r->tables[i], &f, fp);
        if (e)
            return e;
    }
    if (r->source)
        fprintf(fp, "\n%s\n", r->source);
    return ferror(fp) ? FS_ERR_OUTPUT : FS_OK;
}
