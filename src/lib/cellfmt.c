/* cellfmt.c: the text of a table cell, shared by the writers. */
#include "finsam/cellfmt.h"

#include <math.h>
#include <stdio.h>

#include "finsam/text.h"

void fs_cell_text(const fs_table *t, size_t row, size_t col, int decimal_comma, char *out,
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
        fs_format_fixed(out, outsz, cell->value, 0, decimal_comma);
        break;
    case FS_COL_SHARE:
        fs_format_fixed(out, outsz, isnan(cell->shown) ? cell->value : cell->shown, c->decimals,
                        decimal_comma);
        break;
    case FS_COL_NUMBER:
        fs_format_fixed(out, outsz, cell->value, c->decimals, decimal_comma);
        break;
    case FS_COL_PVALUE:
        fs_format_significant(out, outsz, cell->value, 6, decimal_comma);
        break;
    }
}
