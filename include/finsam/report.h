/* report.h: the halvårs- and årsrapport in one run: for every insats and for the
 * association, the summary, the breakdowns, the comparison with another period, the trend
 * over several periods and the facts of the run, from one reading of the exports.
 *
 * Every count comes from the aggregation engine (engine.h), one engine per period (the
 * report's, the comparison's, each trend period's), all fed by the same pass over the
 * files; the breakdown sheets are the tables of breakdowns.h, so each number equals the one
 * `exits` and `participants` print for the same period, insats, population and unit. */
#ifndef FINSAM_REPORT_H
#define FINSAM_REPORT_H

#include "finsam/breakdowns.h"
#include "finsam/config.h"
#include "finsam/engine.h"
#include "finsam/table.h"

typedef enum fs_rsheet_kind {
    FS_RSHEET_SUMMARY,    /* one row per insats and the association, this period and the
                           * comparison period */
    FS_RSHEET_BREAKDOWN,  /* the tables of breakdowns, association first, then each insats */
    FS_RSHEET_COMPARISON, /* key shares with Fisher's exact test, flow side by side */
    FS_RSHEET_TREND,      /* one column per trend period */
    FS_RSHEET_ABOUT       /* the run: command, version, periods, inputs, exclusions */
} fs_rsheet_kind;

#define FS_RSHEET_MAX_ITEMS 4

/* A sheet of the report. */
typedef struct fs_rsheet {
    fs_rsheet_kind kind;
    char *name;                                /* its name in [report] ("referrer") */
    char *title;                               /* the sheet's name in the workbook, or NULL */
    char *breakdown[FS_RSHEET_MAX_ITEMS];      /* BREAKDOWN: breakdown names */
    unsigned pops[FS_RSHEET_MAX_ITEMS];        /* and their populations (0: its own) */
    size_t n_items;
} fs_rsheet;

typedef enum fs_compare { FS_COMPARE_PREVIOUS, FS_COMPARE_LAST_YEAR, FS_COMPARE_PERIOD,
                          FS_COMPARE_NONE } fs_compare;

/* What the report holds: the defaults, changed by [report] and the command line. */
typedef struct fs_report_plan {
    fs_rsheet *sheets;
    size_t n_sheets;
    fs_unit unit;          /* of the breakdown sheets (the summary counts persons) */
    fs_compare compare;
    fs_period compare_period; /* FS_COMPARE_PERIOD */
    fs_period *trend;      /* the trend periods, oldest first */
    size_t n_trend;
} fs_report_plan;

/* The default sheets: summary, flow, exit reasons, referrer, income, target group, age,
 * comparison, trend (when there are trend periods), about; persons; compare previous. */
fs_error fs_report_plan_default(fs_report_plan *p);
/* Applies the [report] section of cfg (keys: sheets, unit, compare, trend, of.NAME,
 * title.NAME); an unknown key or name is an error at file:line. */
fs_error fs_report_plan_config(fs_report_plan *p, const fs_config *cfg, fs_msg *err);
/* Checks [report] for the config's table of section owners. */
fs_error fs_report_config_check(const fs_config *cfg, fs_msg *err);
/* --compare previous|last-year|none|PERIOD; --trend FROM..TO (2019..2024, 2022H1..2024H2). */
fs_error fs_report_plan_compare(fs_report_plan *p, const char *arg, fs_date today, fs_msg *err);
fs_error fs_report_plan_trend(fs_report_plan *p, const char *arg, fs_msg *err);
void fs_report_plan_free(fs_report_plan *p);

/* The run the report describes. */
typedef struct fs_report_run {
    char *const *files;
    size_t n_files;
    fs_period period;
    const fs_config *config;
    fs_csv_options csv;
    fs_date as_of;
    int strict;
    const char *const *insats; /* only these (--insats), or NULL */
    size_t n_insats;
    fs_table_options table;    /* lang, rounding, decimals, suppress, p digits */
    const char *command_line;  /* for "Om rapporten" (personnummer-shaped words masked) */
    const char *version;
} fs_report_run;

/* Reads the files once and adds every sheet of the plan to rep, sets its document
 * properties; warnings (the reader's and the engine's) go to warn. On failure err says
 * why and the return is the error (FS_ERR_DATA for a bad row with strict). */
fs_error fs_report_make(const fs_report_plan *plan, const fs_report_run *run, fs_report *rep,
                        void (*warn)(const char *line, void *user), void *user, fs_msg *err);

#endif
