/* sextable.h: the sex-disaggregated table layout every export command uses: columns
 * women, women_pct, men, men_pct, unknown, unknown_pct (only when any), total, total_pct,
 * and the women-versus-men test note. */
#ifndef FINSAM_SEXTABLE_H
#define FINSAM_SEXTABLE_H

#include "finsam/category.h"
#include "finsam/table.h"

/* Adds the columns. with_unknown adds the unknown-sex pair; with_shares the _pct columns. */
fs_error fs_sex_columns(fs_table *t, const char *lang, int with_unknown, int with_shares);

/* Appends a row holding n[FS_SEX_N] counts and their total; NULL on memory failure. */
fs_row *fs_sex_add_row(fs_table *t, const char *key, const char *label, int level, int is_total,
                       const unsigned long n[FS_SEX_N]);

/* Fills each _pct cell as a percentage of the same column in the total row. */
void fs_sex_column_shares(fs_table *t);
/* Fills each _pct cell as a percentage of the row's total. */
void fs_sex_row_shares(fs_table *t);

#define FS_FISHER_MAX_N 5000 /* larger tables get chi-square only */

/* When both women and men are present: Pearson chi-square and Fisher's exact test of the
 * women and men counts over the level-0, non-total rows, added as a note. */
fs_error fs_sex_test_note(fs_table *t, const char *lang);

/* A count for a note: "<N" when 0 < n < threshold (small-number suppression, threshold > 1),
 * else the number. */
void fs_count_text(unsigned long n, int threshold, char *out, size_t outsz);

/* "27,2 %" (sv) or "27.2 %" (en), one decimal, into out. */
void fs_pct_text(double pct, const char *lang, char *out, size_t outsz);

#endif
