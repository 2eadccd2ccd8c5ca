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

/* The text of cell (row, col) of t into out[outsz]: a count as a whole number ("12"); a
 * share as its rounded `shown` value with the column's decimals ("46", "45,5"); a number
 * with the column's decimals; a p-value with 6 significant digits; a suppressed count as
 * "<N" and any other suppressed cell as ".."; an empty (NAN) cell as "". decimal_comma
 * writes ',' for the decimal point (excel-sv). The text is cut to fit outsz. */
void fs_cell_text(const fs_table *t, size_t row, size_t col, int decimal_comma, char *out,
                  size_t outsz);

#endif
