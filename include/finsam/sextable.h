/* sextable.h: the sex-disaggregated table layout every export command uses: columns
 * women, women_pct, men, men_pct, unknown, unknown_pct (only when any), total, total_pct,
 * and the women-versus-men test note. */
#ifndef FINSAM_SEXTABLE_H
#define FINSAM_SEXTABLE_H

#include "finsam/bykey.h"
#include "finsam/category.h"
#include "finsam/table.h"

/* Adds the columns. with_unknown adds the unknown-sex pair; with_shares the _pct columns. */
fs_error fs_sex_columns(fs_table *t, const char *lang, int with_unknown, int with_shares);

/* Appends a row holding n[FS_SEX_N] counts and their total; NULL on memory failure. */
fs_row *fs_sex_add_row(fs_table *t, const char *key, const char *label, int level, int is_total,
                       const unsigned long n[FS_SEX_N]);

/* Appends one row per entry of b, sorted by key, at level; each entry's payload must begin
 * with unsigned long n[FS_SEX_N]. Row labels are the entries' (safe) labels; JSON keys are
 * prefix + the slug of the label, made unique in the table with "_2", "_3", ... (also
 * against the "missing" and "total" rows a caller adds later). Adds the counts to total
 * when it is not NULL. */
fs_error fs_sex_add_value_rows(fs_table *t, fs_bykey *b, const char *prefix, int level,
                               unsigned long total[FS_SEX_N]);

/* Fills each _pct cell as a percentage of the same column in the total row. */
void fs_sex_column_shares(fs_table *t);
/* Fills each _pct cell as a percentage of the row's total. */
void fs_sex_row_shares(fs_table *t);

#define FS_FISHER_MAX_N 5000 /* larger tables get chi-square only */

/* When both women and men are present: Pearson chi-square and Fisher's exact test of the
 * women and men counts over the level-0, non-total rows, added as a note, the p-values
 * with p_digits significant digits (fs_format_p). */
fs_error fs_sex_test_note(fs_table *t, const char *lang, int p_digits);

/* A count for a note: "<N" when 0 < n < threshold (small-number suppression, threshold > 1),
 * else the number. */
void fs_count_text(unsigned long n, int threshold, char *out, size_t outsz);

/* "27,2 %" (sv) or "27.2 %" (en), one decimal, into out. */
void fs_pct_text(double pct, const char *lang, char *out, size_t outsz);

#endif
