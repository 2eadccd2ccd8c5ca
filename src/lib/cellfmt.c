/* cellfmt.c: the text of a table cell, shared by the writers. */
#include "finsam/cellfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "finsam/i18n.h"
#include "finsam/text.h"

fs_numfmt fs_numfmt_text(const char *lang, int p_digits, int n_pct)
{
    fs_numfmt f = {!fs_lang_en(lang), 1, p_digits > 0 ? p_digits : 2, n_pct};
    return f;
}

int fs_column_written(const fs_table *t, size_t col, const fs_numfmt *f)
{
    return !f->n_pct || t->cols[col].kind != FS_COL_SHARE || t->cols[col].count_col < 0;
}

int fs_share_of(const fs_table *t, size_t col)
{
    for (size_t c = 0; c < t->n_cols; c++)
        if (t->cols[c].kind == FS_COL_SHARE && t->cols[c].count_col == (int)col)
            return (int)c;
    return -1;
}

/* The cell's own text, without the share of n_pct. */
static void plain_text(const fs_table *t, size_t row, size_t col, const fs_numfmt *f, char *out,
                       size_t outsz)
{
    const fs_column *c = &t->cols[col];
    const fs_cell *cell = &t->rows[row].cells[col];
    if (cell->suppressed) {
        if (c->kind == FS_COL_COUNT)
            snprintf(out, outsz, "<%d", t->suppress_below);
        else
            snprintf(out, outsz, "..");
        return;
    }
    if (isnan(cell->value)) {
        out[0] = '\0';
        return;
    }
    switch (c->kind) {
    case FS_COL_COUNT:
        if (f->grouped)
            fs_format_grouped(out, outsz, cell->value, 0, f->decimal_comma);
        else
            fs_format_fixed(out, outsz, cell->value, 0, f->decimal_comma);
        break;
    case FS_COL_SHARE:
        fs_format_fixed(out, outsz, isnan(cell->shown) ? cell->value : cell->shown, c->decimals,
                        f->decimal_comma);
        break;
    case FS_COL_NUMBER:
        if (f->grouped)
            fs_format_grouped(out, outsz, cell->value, c->decimals, f->decimal_comma);
        else
            fs_format_fixed(out, outsz, cell->value, c->decimals, f->decimal_comma);
        break;
    case FS_COL_PVALUE:
        if (f->p_digits)
            fs_format_p(out, outsz, cell->value, f->p_digits, f->decimal_comma);
        else
            fs_format_significant(out, outsz, cell->value, 6, f->decimal_comma);
        break;
    }
}

void fs_cell_text(const fs_table *t, size_t row, size_t col, const fs_numfmt *f, char *out,
                  size_t outsz)
{
    plain_text(t, row, col, f, out, outsz);
    int share = f->n_pct && t->cols[col].kind == FS_COL_COUNT ? fs_share_of(t, col) : -1;
    if (share < 0 || !*out)
        return;
    char pct[FS_CELL_TEXT_MAX];
    plain_text(t, row, (size_t)share, f, pct, sizeof pct);
    size_t len = strlen(out);
    if (*pct && strcmp(pct, "..") != 0)
        snprintf(out + len, outsz > len ? outsz - len : 0, " (%s %%)", pct);
}
