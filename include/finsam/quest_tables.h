/* quest_tables.h: the tables of the questionnaire commands (quest_tables.c): the paired
 * item table (one row per item: linked answers, worse / unchanged / better, medians, means,
 * the share better and worse with Wilson 95 % intervals, the sign test and optionally the
 * Wilcoxon test), one per sex and the total, and the table over every occasion (medians per
 * occasion and the Friedman test). Labels and notes come from the message catalogue. */
#ifndef FINSAM_QUEST_TABLES_H
#define FINSAM_QUEST_TABLES_H

#include "finsam/paired.h"
#include "finsam/table.h"

typedef struct fs_quest_table_options {
    const char *lang;
    size_t from, to;         /* the occasions compared */
    int higher_is_better;
    fs_alternative alt;
    int wilcoxon;            /* a p (Wilcoxon) column */
    int suppress;            /* --suppress: counts in notes as "<N" */
} fs_quest_table_options;

/* "two-sided" / "tvåsidigt", ...; static. */
const char *fs_quest_alt_text(const char *lang, fs_alternative alt);
/* "women"/"kvinnor", "men"/"män", "total"/"totalt" for FS_QUEST_ALL_SEXES; static. */
const char *fs_quest_sex_text(const char *lang, int sex);

/* Adds the item columns (n worse unchanged better median_start median_end mean_start
 * mean_end better_pct better_ci_low better_ci_high worse_pct worse_ci_low worse_ci_high
 * p_sign [p_wilcoxon]) to t. */
fs_error fs_quest_item_columns(fs_table *t, const fs_quest_table_options *o);
/* Appends a row with a paired summary; an empty p-value cell when nothing was tested. */
fs_error fs_quest_item_row(fs_table *t, const char *key, const char *label,
                           const fs_paired_item *it);
/* The note on the share better and worse, and on items with no linked answers (none_tested
 * of them: no p-value). */
fs_error fs_quest_share_note(fs_table *t, const fs_quest_table_options *o, unsigned none_tested);

/* The note on participation between the two occasions: linked, only at one; for sex, the
 * linked of it. */
fs_error fs_quest_participation_note(const fs_quest *q, const fs_quest_table_options *o,
                                     fs_table *t, int sex);

/* Adds the paired item tables of q to rep: one per sex (women, men) and the total when
 * by_sex, else the total only. The total table has key `key` and, when chart_title is given,
 * a chart of series mean_start and mean_end. Titles name the two occasions when q has more
 * than two. FS_ERR_MEMORY. */
fs_error fs_quest_item_tables(const fs_quest *q, const fs_quest_table_options *o, int by_sex,
                              const char *key, const char *title, const char *chart_title,
                              fs_report *rep);

/* Fills `shown` of every share cell of t not rounded yet (an item's share better, an
 * interval), each rounded on its own to its column's decimals: what text, CSV and xlsx print
 * and JSON keeps beside the exact value. */
void fs_quest_round_each(fs_table *t);

/* With three or more occasions: per item the participants answering at every occasion,
 * the median per occasion and the Friedman test, for all sexes. NULL on memory failure. */
fs_table *fs_quest_occasions_table(const fs_quest *q, const fs_quest_table_options *o);

#endif
