/* cellfmt.h: the text of a table cell, as the writers print it.
 *
 * Below the writers and above the table model: every writer that prints a cell as text
 * (text, csv, and xlsx for suppressed cells) gets the same rounding, decimals, p-value
 * digits and suppression marks from here. Number formatting never depends on the locale
 * (the formatters of text.h). */
#ifndef FINSAM_CELLFMT_H
#define FINSAM_CELLFMT_H

#include <stddef.h>

#include "finsam/table.h"

/* How a format writes numbers. */
typedef struct fs_numfmt {
    int decimal_comma; /* ',' for the decimal point: Swedish text, excel-sv */
    int grouped;       /* a space between thousands from five digits on: text, Markdown */
    int p_digits;      /* p-values with this many significant digits and "<0,001" below
                        * 0.001 (text, Markdown); 0: six significant digits (csv) */
    int n_pct;         /* a count cell of a column with a share also shows the share,
                        * "138 (46,5 %)", and share columns are not written */
} fs_numfmt;

/* The number format of the text formats (text, Markdown) for lang and p_digits. */
fs_numfmt fs_numfmt_text(const char *lang, int p_digits, int n_pct);

/* Whether column col is written as a column of its own: every one is, except, with
 * f->n_pct, a share shown in its count's cell. */
int fs_column_written(const fs_table *t, size_t col, const fs_numfmt *f);

/* The share column of count column col, or -1. */
int fs_share_of(const fs_table *t, size_t col);

/* The text of cell (row, col) of t into out[outsz]: a count as a whole number ("12", or
 * "12 345" grouped); a share as its rounded `shown` value with the column's decimals
 * ("46", "45,5"); a number with the column's decimals; a p-value as f says; a suppressed
 * count as "<N" and any other suppressed cell as ".."; an empty (NAN) cell as "". With
 * f->n_pct a count with a share column is followed by " (46,5 %)". outsz of
 * FS_CELL_TEXT_MAX holds any cell. */
#define FS_CELL_TEXT_MAX 400
void fs_cell_text(const fs_table *t, size_t row, size_t col, const fs_numfmt *f, char *out,
                  size_t outsz);

#endif
