/* table.h: the one table model. Every computation produces fs_tables inside an fs_report;
 * every writer consumes them. A writer knows nothing about commands. */
#ifndef FINSAM_TABLE_H
#define FINSAM_TABLE_H

#include <stddef.h>
#include <time.h>

#include "finsam/date.h"
#include "finsam/error.h"

typedef enum fs_col_kind {
    FS_COL_COUNT,  /* whole numbers */
    FS_COL_SHARE,  /* a percentage 0-100; text/csv print the rounded `shown` value */
    FS_COL_NUMBER, /* a measurement printed with the column's decimals (medians, means) */
    FS_COL_PVALUE  /* a p-value, printed with 6 significant digits */
} fs_col_kind;

typedef enum fs_rounding {
    FS_ROUND_LARGEST_REMAINDER = 0, /* Hamilton: a column's shares sum to exactly 100 */
    FS_ROUND_HALF_EVEN,
    FS_ROUND_HALF_UP
} fs_rounding;
fs_error fs_rounding_parse(const char *s, fs_rounding *out);
const char *fs_rounding_name(fs_rounding r);

typedef struct fs_column {
    char *key;   /* stable, for JSON */
    char *label;
    fs_col_kind kind;
    int decimals;  /* FS_COL_NUMBER and FS_COL_SHARE display */
    int count_col; /* FS_COL_SHARE: the count column it is a share of (for suppression), or -1 */
    int shown_off; /* FS_COL_SHARE after fs_table_round by largest remainder: the rounded
                    * shares of the rows sum to this many units (of the last decimal) more
                    * than the total, because equal counts got equal shares (0 normally) */
} fs_column;

typedef struct fs_cell {
    double value;   /* NAN = empty (null in JSON) */
    double shown;   /* FS_COL_SHARE: the rounded percentage printed in text and csv */
    int suppressed; /* hidden for privacy: text shows "<N" for counts, nothing for shares */
} fs_cell;

typedef struct fs_row {
    char *key;
    char *label;
    int level;    /* 0 a row of the table; 1 a detail row under the row above */
    int is_total;
    fs_cell *cells; /* one per column */
} fs_row;

#define FS_CHART_MAX_SERIES 8
typedef struct fs_chart {
    char *title;
    char *series[FS_CHART_MAX_SERIES]; /* column keys of the series ("women", "men"), or,
                                        * by_row, row keys */
    size_t n_series;
    int horizontal;  /* bar (horizontal) rather than column chart */
    int line;        /* a line chart */
    int by_row;      /* each series is a row, over the columns (a trend over periods) */
    int diverging;   /* a diverging stacked bar per series (a share column): the categories
                      * (level-0 non-total rows) stacked, the agreeing ones, agree_n rows
                      * from the agree_from-th, right of zero and the others left of it */
    size_t agree_from, agree_n;
} fs_chart;

typedef struct fs_table {
    char *key;
    char *title;
    char *sheet; /* short name for an xlsx sheet (NULL: the title, shortened) */
    fs_column *cols;
    size_t n_cols;
    fs_row *rows;
    size_t n_rows, cap_rows;
    char **notes;
    size_t n_notes;
    fs_chart *chart; /* NULL: no chart; categories are the level-0, non-total rows (or, by
                      * row, the columns) */
    int continues;   /* written on the sheet of the table before it, below it (a report's
                      * sheet of several tables); its own sheet name is not used */
    int figures;        /* key figures: a board (HTML) shows each level-0 row as a tile,
                         * the first column's cell large and the others listed under it;
                         * other formats, a table like any other */
    char *multiples;    /* a board (HTML) also draws this table's chart among the small
                         * multiples under this heading, beside the other tables of the same
                         * heading and at one scale; NULL: not one of them. Owned. */
    char *multiple_label; /* its caption among them (the insats). Owned. */
    int suppress_below; /* the threshold applied, 0 = none (for the text "<N") */
    size_t rows_off;    /* after fs_table_round by rows: rows whose shares do not sum to 100
                         * because equal counts got equal shares */
    /* what the table counts, for scripts (JSON); NULL when it is not a count of the export
     * commands: the breakdown's name ("referrer", "column:Gått vidare till"), the
     * population's key ("ended", "ongoing_at_start"; NULL for a table of several), and
     * "episodes" or "persons". Owned. */
    char *breakdown, *population, *unit;
} fs_table;

/* Creates an empty table. NULL on memory failure. */
fs_table *fs_table_new(const char *key, const char *title);
/* Sets what the table counts (see fs_table.breakdown); population may be NULL. */
fs_error fs_table_set_counts(fs_table *t, const char *breakdown, const char *population,
                             const char *unit);
/* Makes t one of the small multiples under heading, captioned label (fs_table.multiples). */
fs_error fs_table_set_multiple(fs_table *t, const char *heading, const char *label);
/* Sets the short xlsx sheet name (Excel allows 31 characters; longer is cut). */
fs_error fs_table_set_sheet(fs_table *t, const char *sheet);
void fs_table_free(fs_table *t);
/* Appends a column; returns its index or -1 on memory failure. */
int fs_table_add_col(fs_table *t, const char *key, const char *label, fs_col_kind kind,
                     int decimals, int count_col);
/* Index of the column with key, or -1. */
int fs_table_col(const fs_table *t, const char *key);
/* The row with key, or NULL. */
fs_row *fs_table_row(const fs_table *t, const char *key);
/* Appends a row with all cells empty (NAN); returns it, or NULL on memory failure. */
fs_row *fs_table_add_row(fs_table *t, const char *key, const char *label, int level, int is_total);
/* Sets a cell by column key; the key must exist (an internal bug otherwise). */
void fs_row_set(fs_table *t, fs_row *row, const char *col_key, double value);
fs_error fs_table_add_note(fs_table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
fs_error fs_table_set_chart(fs_table *t, const char *title, int horizontal, const char *series1,
                            const char *series2);
/* A diverging stacked bar chart (fs_chart.diverging) of the share columns col_keys[0..n),
 * n <= FS_CHART_MAX_SERIES: an answer scale's agreeing categories against the others. */
fs_error fs_table_set_diverging_chart(fs_table *t, const char *title, const char *const *col_keys,
                                      size_t n, size_t agree_from, size_t agree_n);
/* A line chart of rows over the columns (row_keys[0..n), n <= FS_CHART_MAX_SERIES). */
fs_error fs_table_set_line_chart(fs_table *t, const char *title, const char *const *row_keys,
                                 size_t n);

/* Rounds values[0..n) (percentages) to `decimals` decimals into out[0..n) with method.
 * Largest remainder: the result sums to the rounded sum of the inputs (exactly 100 for a
 * full column), giving extra units to the largest remainders (ties between different
 * values to the earlier entry) -- except that equal values always get equal results: when
 * the units left are fewer than a group of equal values, the group gets one each or none,
 * whichever lands closer to the sum (none when both are as close), and the result sums to
 * a unit or so more or less. NAN entries are skipped and stay NAN. out must not alias
 * values. */
void fs_round_shares(const double *values, size_t n, fs_rounding method, int decimals, double *out);

/* Fills `shown` of every share cell: per share column, the level-0 non-total rows are
 * rounded together (column_groups) so they sum to the total row; detail rows are rounded
 * together within their parent; total rows show their own value rounded.
 * With row_groups, the share cells of each row are rounded together instead (a row of
 * women/men/unknown shares summing to 100). */
void fs_table_round(fs_table *t, fs_rounding method, int decimals, int row_groups);

/* A note naming the columns whose rounded shares do not sum to the total because equal
 * counts got equal shares (fs_column.shown_off), in lang; nothing when there are none. */
fs_error fs_table_note_rounding(fs_table *t, const char *lang);

/* The note under a table whose counts below threshold (above 1) are hidden, in lang:
 * "Counts below 5 are shown as <5 (small-number suppression)."; nothing for threshold <= 1. */
fs_error fs_table_note_suppressed(fs_table *t, int threshold, const char *lang);

/* Hides counts 1..threshold-1 and the shares of those cells. */
void fs_table_suppress(fs_table *t, int threshold);

typedef struct fs_report {
    char *command;
    int has_period;
    fs_period period;
    fs_table **tables;
    size_t n_tables;
    char **warnings;
    size_t n_warnings;
    char *lang;      /* "sv" or "en" */
    char *source;    /* the "Källa" line */
    time_t created;  /* xlsx document creation time; 0 = now */
    char *doc_title, *doc_subject, *doc_comments; /* xlsx document properties, or NULL */
} fs_report;

fs_report *fs_report_new(const char *command, const char *lang);
void fs_report_free(fs_report *r);
/* Takes ownership of t (frees it on failure too). */
fs_error fs_report_add_table(fs_report *r, fs_table *t);
fs_error fs_report_add_warning(fs_report *r, const char *text);
/* --hide-empty: drops from every table the rows (and their detail rows) whose counts are
 * all zero, the total aside, and notes how many were dropped, in lang. Tables without
 * count columns are left as they are. */
fs_error fs_report_hide_empty(fs_report *r, const char *lang);

#endif
