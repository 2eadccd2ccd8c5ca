/* quest_cli.h: what the questionnaire commands (paired, hls, ogq, barometer) share: their
 * options, reading the files with the sex join of --participants, the warnings on unmatched
 * and missing answers, and the paired item table (one per sex when sex is known). */
#ifndef FINSAM_QUEST_CLI_H
#define FINSAM_QUEST_CLI_H

#include "cli.h"
#include "finsam/quest.h"

enum {
    QCLI_OPT_PARTICIPANTS = FS_OPT_COMMAND_BASE + 20,
    QCLI_OPT_ITEMS,
    QCLI_OPT_ALTERNATIVE,
    QCLI_OPT_TEST,
    QCLI_OPT_SCALE,
    QCLI_OPT_HIGHER,
    QCLI_OPT_LOWER,
    QCLI_OPT_CODING,
    QCLI_OPT_VERSION,
    QCLI_OPT_GAP_INDICATOR
};

#define QCLI_MAX_ITEMS 256

#define QCLI_LONGOPTS                                                                          \
    {"participants", required_argument, NULL, QCLI_OPT_PARTICIPANTS},                          \
        {"items", required_argument, NULL, QCLI_OPT_ITEMS},                                    \
        {"alternative", required_argument, NULL, QCLI_OPT_ALTERNATIVE}

#define QCLI_TEST_SIGN 1
#define QCLI_TEST_WILCOXON 2

typedef struct qcli {
    fs_cli cli;
    const char *command;       /* "paired" */
    const char *participants;  /* --participants EXPORT */
    char *item_args[32];       /* copies of the --items arguments, split in place */
    size_t n_item_args;
    const char *items[QCLI_MAX_ITEMS];
    size_t n_items;
    const char *alt_arg;
    fs_alternative alt;
    int tests;                 /* QCLI_TEST_* bits; sign always */
    int higher_is_better;
    int has_shares;            /* the command prints shares: --rounding and --decimals apply */
    fs_quest_options qo;
    fs_quest q;
    int by_sex;                /* sex known: tables for women, men and total */
    fs_report *rep;
} qcli;

void qcli_init(qcli *qc, const char *prog, const char *command, const char *usage);
void qcli_free(qcli *qc);

/* Handles --participants, --items (a name given twice, in any case, is a usage error),
 * --alternative. Returns -1 when not one of them, 0 when handled, or an exit status after a
 * message. */
int qcli_option(qcli *qc, int opt, const char *arg);

/* The getopt loop of a questionnaire command: own(qc, opt, arg, user) is called first and
 * returns -1 when the option is not its own. Then fs_cli_finish (1 or 2 files). Refuses the
 * options that mean nothing to questionnaires (--period, --insats, --by, --strict, --as-of;
 * --rounding and --decimals unless has_shares) and --items naming a personnummer column (its default
 * headers or [columns] personnummer). Returns 0 to go on, -1 after --help, or an exit status
 * (usage error). */
int qcli_parse(qcli *qc, int argc, char **argv, const struct option *longopts,
               int (*own)(qcli *qc, int opt, const char *arg, void *user), void *user);

/* Reads the files, joins --participants, creates qc->rep and emits the warnings on unmatched
 * participants (including those not found in the --participants export). With
 * --participants a questionnaire keyed by personnummer is refused as soon as it shows, before
 * the export is read. Returns 0 or an exit status after the message. */
int qcli_load(qcli *qc);

/* Applies --suppress to every count column of every table of the report (with a note), then
 * writes it. Returns an exit status. */
int qcli_write(qcli *qc);

/* A count for a note or a warning: "<N" under --suppress N (fs_count_text); into buf[16]. */
const char *qcli_count(const qcli *qc, unsigned long n, char *buf);

/* A warning: standard error (unless --quiet) and the report's warnings. */
void qcli_warn(qcli *qc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* --scale MIN..MAX into qc->qo; 0 or a usage exit status after the message. */
int qcli_parse_scale(qcli *qc, const char *arg);

/* "tvåsidigt" / "two-sided", ...; static. */
const char *qcli_alt_text(const qcli *qc);

/* Adds the item columns (n worse unchanged better median_start median_end mean_start
 * mean_end p_sign [p_wilcoxon]) to t. */
fs_error qcli_item_columns(const qcli *qc, fs_table *t, int wilcoxon);
/* Appends a row with a paired summary. */
fs_error qcli_item_row(fs_table *t, const char *key, const char *label,
                       const fs_paired_item *it);

/* Adds the paired item tables of the questionnaire to the report: one per sex (women, men)
 * and the total when qc->by_sex, else the total only. The total table has key `key` and,
 * when chart_title is given, a chart of series mean_start and mean_end. */
int qcli_item_tables(qcli *qc, const char *key, const char *title, const char *chart_title);

/* The note on participation: linked, start only, exit only; for sex, the linked of it. */
fs_error qcli_participation_note(const qcli *qc, fs_table *t, int sex);

/* "kvinnor"/"women", "män"/"men"; static. */
const char *qcli_sex_text(const qcli *qc, int sex);

#endif
