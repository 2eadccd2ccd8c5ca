/* write_md.c: Markdown for reports and wikis: each table a heading, a pipe table (numbers
 * right-aligned, detail rows indented with non-breaking spaces) and its notes as a list
 * under it; the source line last. Numbers as the text output writes them. */
#include <string.h>

#include "finsam/cellfmt.h"
#include "finsam/table.h"
#include "finsam/text.h"
#include "finsam/writers.h"

/* Text in a table cell or heading: '|' and '\' escaped, and every character Markdown would
 * read as markup (* _ ` [ ] < > # at the start) escaped with a backslash, so that data
 * cannot turn into links, emphasis or HTML. */
static void md_text(FILE *fp, const char *s)
{
    for (const char *p = s; *p; p++) {
        if (strchr("\\|*_`[]<>", *p) || (p == s && strchr("#+-", *p)))
            fputc('\\', fp);
        fputc(*p, fp);
    }
}

static void write_table(const fs_table *t, const fs_numfmt *f, FILE *fp)
{
    fputs("### ", fp);
    md_text(fp, t->title);
    fputs("\n\n|  |", fp);
    for (size_t c = 0; c < t->n_cols; c++)
        if (fs_column_written(t, c, f)) {
            fputc(' ', fp);
            md_text(fp, t->cols[c].label);
            fputs(" |", fp);
        }
    fputs("\n|---|", fp);
    for (size_t c = 0; c < t->n_cols; c++)
        if (fs_column_written(t, c, f))
            fputs("---:|", fp);
    fputc('\n', fp);
    for (size_t r = 0; r < t->n_rows; r++) {
        const fs_row *row = &t->rows[r];
        fputs("| ", fp);
        for (int l = 0; l < row->level; l++)
            fputs("\xC2\xA0\xC2\xA0", fp); /* indented: Markdown keeps no plain spaces */
        if (row->is_total)
            fputs("**", fp);
        md_text(fp, row->label);
        if (row->is_total)
            fputs("**", fp);
        fputs(" |", fp);
        for (size_t c = 0; c < t->n_cols; c++) {
            if (!fs_column_written(t, c, f))
                continue;
            char cell[FS_CELL_TEXT_MAX];
            fs_cell_text(t, r, c, f, cell, sizeof cell);
            fputc(' ', fp);
            md_text(fp, cell);
            fputs(" |", fp);
        }
        fputc('\n', fp);
    }
    if (t->n_notes)
        fputc('\n', fp);
    for (size_t i = 0; i < t->n_notes; i++) {
        fputs("- ", fp);
        md_text(fp, t->notes[i]);
        fputc('\n', fp);
    }
}

fs_error fs_write_md(const fs_report *r, const fs_write_options *o, FILE *fp, const char *path,
                     fs_msg *err)
{
    (void)path, (void)err;
    fs_numfmt f = fs_numfmt_text(r->lang, o->p_digits, o->n_pct);
    for (size_t i = 0; i < r->n_tables; i++) {
        if (i)
            fputc('\n', fp);
        write_table(r->tables[i], &f, fp);
    }
    if (r->source) {
        fputc('\n', fp);
        md_text(fp, r->source);
        fputc('\n', fp);
    }
    return ferror(fp) ? FS_ERR_OUTPUT : FS_OK;
}
