/* breakdowns.h: the registry of breakdowns, and the tables made from the engine's counts.
 *
 * A breakdown is one row of a table (breakdowns.c, `registry[]`, as git's commands[]): its
 * name on the command line and in JSON, the dimensions it counts (engine.h), the
 * population it counts by default (and whether --of may change it), its title, sheet name,
 * chart and its own notes. Adding a breakdown is adding a row, its labels in the message
 * catalogue, a line in finsam-stats-participants(1) and a test.
 *
 * A command makes a plan (what to compute: breakdowns and populations), registers it with
 * the engine before reading, and after reading turns the counts into tables: for each
 * insats (with --by insats) and then for the whole selection, each table of the plan in
 * order. The standard notes (unit, excluded records, shares and rounding, suppression) are
 * added here, once for every command. */
#ifndef FINSAM_BREAKDOWNS_H
#define FINSAM_BREAKDOWNS_H

#include "finsam/engine.h"
#include "finsam/intake.h"
#include "finsam/table.h"

typedef struct fs_plan fs_plan;

fs_plan *fs_plan_new(void); /* NULL on memory failure */
void fs_plan_free(fs_plan *p);

/* Adds a breakdown by name ("referrer", "column:Gått vidare till"; "all" adds every named
 * breakdown) for the populations in pops (FS_FLOW_BIT()s; 0 = the breakdown's own).
 * A breakdown whose population is fixed ignores pops. FS_ERR_USAGE with err set for an
 * unknown name; a breakdown asked for twice is made once. */
fs_error fs_plan_add(fs_plan *p, const char *name, unsigned pops, fs_msg *err);

/* The names accepted by fs_plan_add, for --help and messages ("referrer, income, ..."). */
const char *fs_plan_names(void);

/* Parses a population name (during, ongoing-start, new, ended, ongoing-end); -1 if none. */
int fs_population_parse(const char *s);

/* Registers the plan's counts with the engine (before reading). err set on failure. */
fs_error fs_plan_register(fs_plan *p, fs_engine *e, fs_msg *err);

typedef struct fs_table_options {
    const char *lang;
    fs_rounding rounding;
    int decimals;
    int suppress;
    const fs_intake *intake; /* for the notes on excluded rows */
    int p_digits;            /* p-values in notes (fs_format_p) */
    int whole_first;         /* the whole selection's tables before each insats's */
    const char *sheet;       /* every table on one sheet of this name (a report's sheet) */
    int multiples;           /* each insats's table with a chart is also one of the small
                              * multiples "TITLE per insats" (fs_table.multiples) */
} fs_table_options;

/* Appends the count columns "WHAT_women", "WHAT_men", ("WHAT_unknown" when unknown),
 * "WHAT_total", labelled "LABEL: Kvinnor", ... in lang: a group of columns by sex. */
fs_error fs_table_add_sex_group(fs_table *t, const char *what, const char *label, int unknown,
                                const char *lang);

/* Sets that group's cells of row from counts v by sex (the total their sum). */
void fs_row_set_sex_group(fs_table *t, fs_row *row, const char *what,
                          const unsigned long v[FS_SEX_N], int unknown);

/* Builds every table of the plan from the engine's counts into rep. */
fs_error fs_plan_tables(const fs_plan *p, const fs_engine *e, const fs_table_options *o,
                        fs_report *rep);

#endif
