/* quest_cli.h: the one skeleton of the questionnaire commands (paired, hls, ogq, barometer,
 * survey, eq5d, kasam). A questionnaire command is data: its name, its own part of --help,
 * its own options, flags saying which shared options it takes and what it reads, and two
 * functions: one for its own options, one that builds its tables with the library after
 * the files are read. fs_quest_main does the rest once: the option table (common, shared,
 * own), the refusals, the shared part of --help, reading the files, the sex join of
 * --participants, the warnings on unmatched and missing answers, suppression and writing.
 *
 * To add a questionnaire command: a cmd_<name>.c with its usage text, option table, own()
 * and run(), and its fs_quest_command row; then the steps of main.c. */
#ifndef FINSAM_QUEST_CLI_H
#define FINSAM_QUEST_CLI_H

#include "cli.h"
#include "finsam/paired.h"
#include "finsam/quest_tables.h"

/* Option codes of the shared options and of the commands' own. */
enum {
    QCLI_OPT_PARTICIPANTS = FS_OPT_COMMAND_BASE + 20,
    QCLI_OPT_ITEMS,
    QCLI_OPT_ALTERNATIVE,
    QCLI_OPT_FROM,
    QCLI_OPT_TO,
    QCLI_OPT_TEST,
    QCLI_OPT_SCALE,
    QCLI_OPT_HIGHER,
    QCLI_OPT_LOWER,
    QCLI_OPT_CODING,
    QCLI_OPT_VERSION,
    QCLI_OPT_GAP_INDICATOR,
    QCLI_OPT_VALUE_SET,
    QCLI_OPT_COMPARE
};

/* What a command reads and which shared options it takes. */
enum {
    QCMD_PAIRED = 1,    /* two occasions compared: FILE [FILE2], --from, --to, --alternative;
                           the warnings on participants answering only once */
    QCMD_SINGLE = 2,    /* one occasion, every row a response (survey): FILE... */
    QCMD_SHARES = 4,    /* prints rounded shares: --rounding and --decimals apply */
    QCMD_OWN_BY = 8     /* the command's own() takes --by (FS_OPT_BY) */
};

#define QCLI_MAX_ITEMS 256

typedef struct qcli qcli;

typedef struct fs_quest_command {
    const char *name;                  /* "paired" */
    const char *prog;                  /* "finsam-stats paired" */
    const char *usage;                 /* its own part of --help: usage, description, options */
    const char *config_help;           /* the config sections it reads, for --help */
    const struct option *longopts;     /* its own options, ended by {0} */
    unsigned flags;                    /* QCMD_* */
    fs_quest_coding coding;
    int (*init)(qcli *qc);             /* defaults before the options, and the command's own
                                          state reset (may be NULL) */
    int (*own)(qcli *qc, int opt, const char *arg); /* -1: not its own; 0 or an exit status */
    int (*prepare)(qcli *qc);          /* after the options and config, before reading (may
                                          be NULL); 0 or an exit status */
    int (*run)(qcli *qc);              /* the tables, after reading; an exit status */
} fs_quest_command;

int fs_quest_main(const fs_quest_command *cmd, int argc, char **argv);
/* The same run without writing (for `report`): argv as the command's own (argv[0] its
 * name), messages prefixed with prog; on success (0) *out is the report with the command's
 * tables, rounded and suppressed, and its warnings (caller frees with fs_report_free), which
 * were also printed; otherwise *out is NULL and the return is the exit status, after the
 * message. */
int fs_quest_build(const fs_quest_command *cmd, const char *prog, int argc, char **argv,
                   fs_report **out);

/* The rows of the questionnaire commands that `report` runs (cmd_<name>.c). */
extern const fs_quest_command fs_quest_hls, fs_quest_ogq, fs_quest_barometer, fs_quest_survey;

struct qcli {
    fs_cli cli;
    const fs_quest_command *cmd;
    const char **participants; /* --participants EXPORT, each time given */
    size_t n_participants;
    char *item_args[32];       /* copies of the --items arguments, split in place */
    size_t n_item_args;
    const char *items[QCLI_MAX_ITEMS];
    size_t n_items;
    const char *from_arg, *to_arg;
    fs_alternative alt;
    int wilcoxon;              /* a Wilcoxon column in the item tables */
    int higher_is_better;
    fs_quest_options qo;
    fs_quest q;
    int by_sex;                /* sex known: tables for women, men and total */
    fs_report *rep;
    fs_quest_table_options to; /* filled after reading: lang, occasions, direction, tests */
};

/* --scale MIN..MAX into qc->qo; 0 or a usage exit status after the message. */
int qcli_parse_scale(qcli *qc, const char *arg);

/* A count for a note or a warning: "<N" under --suppress N (fs_count_text); into buf[16]. */
const char *qcli_count(const qcli *qc, unsigned long n, char *buf);

/* A warning: standard error (unless --quiet) and the report's warnings. */
void qcli_warn(qcli *qc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Adds t to the report (freeing it on failure); 0, or an exit status after "out of memory". */
int qcli_add(qcli *qc, fs_table *t);

/* "out of memory" and the failure status. */
int qcli_oom(qcli *qc);

#endif
