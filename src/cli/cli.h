/* cli.h: what the commands share: the command functions, and the options common to the
 * export commands (parsed once here, so every command spells and checks them alike). */
#ifndef FINSAM_CLI_H
#define FINSAM_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "finsam/config.h"
#include "finsam/csv.h"
#include "finsam/date.h"
#include "finsam/table.h"
#include "finsam/writer.h"

/* Exit statuses, documented in finsam-stats(1). */
enum { FS_EXIT_OK = 0, FS_EXIT_FAILURE = 1, FS_EXIT_USAGE = 2 };

int cmd_exits(int argc, char **argv);
int cmd_participants(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_signtest(int argc, char **argv);
int cmd_paired(int argc, char **argv);
int cmd_hls(int argc, char **argv);
int cmd_ogq(int argc, char **argv);
int cmd_barometer(int argc, char **argv);
int cmd_survey(int argc, char **argv);
int cmd_eq5d(int argc, char **argv);
int cmd_kasam(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* Common options. A command lists FS_CLI_COMMON_LONGOPTS in its long options and passes
 * every option it does not handle itself to fs_cli_option().
 *
 * A common option that means nothing to a command is refused, not ignored: the command sets
 * c->unsupported, after fs_cli_init() and before fs_cli_getopt(), to a list of the option
 * codes it does not use (FS_OPT_* or 'o' for -o/--output) ended by 0, e.g.
 *
 *     static const int unsupported[] = {FS_OPT_ROUNDING, FS_OPT_DECIMALS, 'o', 0};
 *     cli.unsupported = unsupported;
 *
 * and fs_cli_getopt() answers any of them with the usage error "--rounding does not apply
 * to check" (exit status 2). NULL, the default, accepts every common option. A value for
 * such an option in the config's [defaults] is shared by all commands and not an error. */
enum {
    FS_OPT_PERIOD = 1000, FS_OPT_INSATS, FS_OPT_BY, FS_OPT_ROUNDING, FS_OPT_DECIMALS,
    FS_OPT_SUPPRESS, FS_OPT_LANG, FS_OPT_FORMAT, FS_OPT_CSV_DIALECT, FS_OPT_QUIET,
    FS_OPT_STRICT, FS_OPT_CONFIG, FS_OPT_SEPARATOR, FS_OPT_ENCODING, FS_OPT_CREATED,
    FS_OPT_AS_OF, FS_OPT_HELP, FS_OPT_P_DIGITS, FS_OPT_CELL, FS_OPT_HIDE_EMPTY,
    FS_OPT_REFRESH, FS_OPT_ALLOW_DUPLICATE_FILES,
    /* the counting commands' options, handled in count.c */
    FS_OPT_COUNT = 1050, FS_OPT_OF, FS_OPT_DETAIL, FS_OPT_BREAKDOWN, FS_OPT_ALL,
    FS_OPT_INCOME_GROUPING,
    FS_OPT_COMMAND_BASE = 1100
};

#define FS_CLI_COMMON_LONGOPTS                                                                \
    {"period", required_argument, NULL, FS_OPT_PERIOD},                                       \
        {"insats", required_argument, NULL, FS_OPT_INSATS},                                   \
        {"by", required_argument, NULL, FS_OPT_BY},                                           \
        {"rounding", required_argument, NULL, FS_OPT_ROUNDING},                               \
        {"decimals", required_argument, NULL, FS_OPT_DECIMALS},                               \
        {"suppress", required_argument, NULL, FS_OPT_SUPPRESS},                               \
        {"lang", required_argument, NULL, FS_OPT_LANG},                                       \
        {"format", required_argument, NULL, FS_OPT_FORMAT},                                   \
        {"output", required_argument, NULL, 'o'},                                             \
        {"csv-dialect", required_argument, NULL, FS_OPT_CSV_DIALECT},                         \
        {"quiet", no_argument, NULL, FS_OPT_QUIET},                                           \
        {"strict", no_argument, NULL, FS_OPT_STRICT},                                         \
        {"config", required_argument, NULL, FS_OPT_CONFIG},                                   \
        {"separator", required_argument, NULL, FS_OPT_SEPARATOR},                             \
        {"encoding", required_argument, NULL, FS_OPT_ENCODING},                               \
        {"created", required_argument, NULL, FS_OPT_CREATED},                                 \
        {"as-of", required_argument, NULL, FS_OPT_AS_OF},                                     \
        {"allow-duplicate-files", no_argument, NULL, FS_OPT_ALLOW_DUPLICATE_FILES},           \
        {"p-digits", required_argument, NULL, FS_OPT_P_DIGITS},                               \
        {"cell", required_argument, NULL, FS_OPT_CELL},                                       \
        {"hide-empty", no_argument, NULL, FS_OPT_HIDE_EMPTY},                                 \
        {"refresh", required_argument, NULL, FS_OPT_REFRESH},                                 \
        {"help", no_argument, NULL, FS_OPT_HELP}

#define FS_CLI_MAX_INSATS 32

typedef struct fs_cli {
    const char *prog;  /* "finsam-stats exits", prefix of every message */
    const char *usage; /* the command's --help text */
    const int *unsupported; /* common options refused by this command, 0-terminated; or NULL */

    /* as given on the command line (NULL: not given) */
    const char *period_arg, *rounding_arg, *decimals_arg, *suppress_arg, *lang_arg,
        *format_arg, *dialect_arg, *config_arg, *separator_arg, *encoding_arg, *created_arg,
        *as_of_arg, *p_digits_arg, *cell_arg, *refresh_arg;
    int hide_empty;
    const char *insats[FS_CLI_MAX_INSATS];
    size_t n_insats;
    int by_insats;
    const char *output;
    char *output_expanded; /* -o with its placeholders filled in (owned) */
    int quiet, strict;
    int allow_duplicate_files; /* the same content given twice is read twice */

    /* resolved by fs_cli_finish: command line, then [defaults] of the config, then built-in */
    int has_period;
    fs_period period;
    fs_rounding rounding;
    int decimals;
    int suppress;
    const char *lang;
    fs_write_options write;
    fs_csv_options csv;
    fs_config config;
    const char *source;
    time_t created;
    fs_date as_of;

    char **files;
    size_t n_files;
    char **inputs; /* every file named on the command line but -o's: none may be the output */
    size_t n_inputs;
} fs_cli;

void fs_cli_init(fs_cli *c, const char *prog, const char *usage);
/* Parses argv with longopts (FS_CLI_COMMON_LONGOPTS plus the command's own). own() sees
 * each option first and returns -1 when it is not the command's, 0 when handled, or an exit
 * status after printing a message; the common options are handled here, --help prints
 * c->usage, an option in c->unsupported is a usage error. Returns -1 when the options are done (optind is at the first file), else the
 * exit status to return: FS_EXIT_OK after --help, FS_EXIT_USAGE after a usage message. */
int fs_cli_getopt(fs_cli *c, int argc, char **argv, const struct option *longopts,
                  int (*own)(int opt, const char *arg, void *user), void *user);
/* Handles a common option. Returns -1 when opt is not a common option, 0 when handled, or
 * FS_EXIT_USAGE after printing a usage message. */
int fs_cli_option(fs_cli *c, int opt, const char *arg);
/* Fills the placeholders of -o (%P, %F, %T, %%); -1 after a usage message. */
int fs_cli_expand_output(fs_cli *c);
/* Handles what getopt returned for an unknown option or missing argument. */
int fs_cli_bad_option(fs_cli *c, char **argv);
/* Resolves the options (loads the config) and takes the remaining arguments as input
 * files. Returns 0, or an exit status after printing the message. */
int fs_cli_finish(fs_cli *c, int argc, char **argv, int optind_, int min_files);
void fs_cli_free(fs_cli *c);
/* Checks a loaded config: every section is one the program knows, and each is checked by
 * the module that owns it (the table in common.c). FS_OK, or FS_ERR_DATA with err set to
 * "FILE:LINE: ..." for the first problem: an unknown section first, then by section. */
fs_error fs_cli_config_check(const fs_config *cfg, fs_msg *err);

/* Messages, each prefixed with the program and command name. */
void fs_cli_error(const fs_cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int fs_cli_usage_error(const fs_cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void fs_cli_warn(const fs_cli *c, const char *text);

/* Where a command's warnings go: standard error (unless --quiet) and the report's
 * "warnings". fs_cli_warning has the shape of fs_intake_each_warning's callback. */
typedef struct fs_cli_sink {
    const fs_cli *cli;
    fs_report *report;
} fs_cli_sink;
void fs_cli_warning(const char *line, void *sink);

/* Maps a library error to an exit status. */
int fs_cli_status(fs_error e);

/* Finishes a report: source line, creation time, then writes it. Returns an exit status. */
int fs_cli_write(fs_cli *c, fs_report *r);

/* ---- The counting commands (exits, participants): count.c ---- */

#include "finsam/breakdowns.h"

#define FS_COUNT_MAX_BREAKDOWNS 64

/* A counting command is data: its name and --help, the options it accepts (the common
 * ones and those of count.c it lists), the breakdown it always makes, whether it needs a
 * period, and the columns it needs. fs_count_main does the rest. */
typedef struct fs_count_command {
    const char *name;               /* "exits" */
    const char *prog;               /* "finsam-stats exits" */
    const char *usage;
    const struct option *longopts;  /* FS_CLI_COMMON_LONGOPTS and its own, ended by {0} */
    const char *base;               /* the breakdown always made: "exit-reason", "flow" */
    int need_period;
    unsigned required;              /* FS_FIELD_BIT()s */
} fs_count_command;

int fs_count_main(const fs_count_command *cmd, int argc, char **argv);

/* "2024-01-01–2024-06-30" (or "" without a period) into out[32]. */
void fs_cli_period_text(const fs_cli *c, char *out, size_t outsz);

#endif
