/* cmd_report.c: `finsam-stats report`: the halvårs- or årsrapport, per insats and for the
 * association, in one workbook (report.h). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "finsam/pnr.h"
#include "quest_cli.h"
#include "finsam/report.h"
#include "finsam/text.h"

static const char usage[] =
    "Usage: finsam-stats report --period P [OPTIONS] -o FILE EXPORT...\n"
    "\n"
    "The half-year or annual report in one workbook: a summary per insats and for the\n"
    "association (persons, each counted once however many insatser), participants,\n"
    "exit reasons, referrer, income support, target group and age (the association,\n"
    "then each insats), the comparison with another period (key shares with Fisher's\n"
    "exact test), the trend over several periods, and what the report was made from\n"
    "(inputs with SHA-256, exclusions, warnings). The exports are read once. As HTML\n"
    "(-o tavla.html), a board: the key figures large, flow and exit reasons per\n"
    "insats side by side, the tables.\n"
    "\n"
    "Options:\n"
    "  --period P            2024H1, 2024, ... or last-half, last-year, last-quarter,\n"
    "                        last-month, year-to-date (relative to today or --as-of)\n"
    "  --compare C           previous (default: the period of the same length\n"
    "                        before), last-year (the same period a year before),\n"
    "                        none, or a period\n"
    "  --trend FROM..TO      a trend sheet over years or halves: 2019..2024,\n"
    "                        2022H1..2024H2\n"
    "  --count UNIT          persons (default) or episodes, in the breakdown sheets\n"
    "  --hls FILE, --ogq FILE, --barometer FILE\n"
    "                        a sheet with the tables of that command for FILE (given\n"
    "                        twice: the start and the exit file), joined to the\n"
    "                        EXPORTs for sex (the first episode that records one)\n"
    "  --survey FILE         a sheet of the tables of survey for FILE, joined so too\n"
    "  --insats NAME         only this insats (repeatable)\n"
    "  -o, --output FILE     the report (.xlsx, .html, .json, .md, .txt, .csv);\n"
    "                        placeholders %P (the period: 2024H1), %F and %T (its\n"
    "                        first and last day)\n"
    "  --format FORMAT       xlsx, html, json, md, text or csv (default: from the\n"
    "                        extension of -o)\n"
    "  --refresh SECONDS     html: the page reloads itself (a board on a wall screen)\n"
    "  --config FILE         INI file; [report] names the sheets, their populations\n"
    "                        and titles, the unit, the comparison, the trend and the\n"
    "                        questionnaire files (hls, ogq, barometer, survey)\n"
    "  --rounding, --decimals, --suppress, --lang, --cell, --hide-empty, --p-digits,\n"
    "  --csv-dialect, --separator, --encoding, --created, --as-of, --strict, --quiet,\n"
    "  --allow-duplicate-files\n"
    "                        as for every command (finsam-stats(1))\n"
    "  --help                this text\n"
    "\n"
    "Exit status: 0 success (warnings may have been printed), 1 data or runtime error\n"
    "(the previous report is left as it was), 2 usage error.\n"
    "See finsam-stats-report(1).\n";

enum { OPT_COMPARE = FS_OPT_COMMAND_BASE, OPT_TREND, OPT_QUEST };

typedef struct state {
    fs_cli *cli;
    const char *compare, *trend, *count;
    const char *quest[FS_RQUEST_N][2]; /* --hls FILE ... as given */
} state;

/* The commands of the questionnaire sheets, by fs_rquest. */
static const fs_quest_command *const quest_cmd[FS_RQUEST_N] = {
    &fs_quest_hls, &fs_quest_ogq, &fs_quest_barometer, &fs_quest_survey};

/* --hls FILE and the others (option code OPT_QUEST + fs_rquest): the first or the second
 * file. */
static int quest_option(state *st, int q, const char *arg)
{
    const char *name = fs_rquest_name((fs_rquest)q);
    size_t k = st->quest[q][0] ? 1 : 0;
    if (k == 1 && (st->quest[q][1] || fs_rquest_max_files((fs_rquest)q) < 2))
        return fs_cli_usage_error(st->cli, "--%s: given too many times (%s)", name,
                                  fs_rquest_max_files((fs_rquest)q) < 2
                                      ? "one file"
                                      : "one long-form file, or the start and the exit file");
    st->quest[q][k] = arg;
    return 0;
}

static int own_option(int opt, const char *arg, void *user)
{
    state *st = user;
    switch (opt) {
    case OPT_COMPARE: st->compare = arg; return 0;
    case OPT_TREND: st->trend = arg; return 0;
    case OPT_QUEST + FS_RQUEST_HLS:
    case OPT_QUEST + FS_RQUEST_OGQ:
    case OPT_QUEST + FS_RQUEST_BAROMETER:
    case OPT_QUEST + FS_RQUEST_SURVEY: return quest_option(st, opt - OPT_QUEST, arg);
    case FS_OPT_COUNT:
        if (strcmp(arg, "persons") != 0 && strcmp(arg, "episodes") != 0)
            return fs_cli_usage_error(st->cli, "--count: '%s' is not episodes or persons", arg);
        st->count = arg;
        return 0;
    }
    return -1;
}

/* The command line for "Om rapporten", each word made safe to print. */
static char *command_line(int argc, char **argv)
{
    fs_buf b = {0};
    fs_buf_puts(&b, "finsam-stats");
    for (int i = 0; i < argc; i++) {
        char safe[FS_SAFE_TEXT_MAX * 4 + 8];
        fs_safe_text(argv[i], safe, sizeof safe);
        fs_buf_printf(&b, " %s", safe);
    }
    if (b.failed) {
        fs_buf_free(&b);
        return NULL;
    }
    return b.data;
}

/* The tables of questionnaire q, made by its command run as
 *     NAME FILE [FILE2] --participants EXPORT... --lang L --suppress N --p-digits N
 *          [--rounding R --decimals N] [--config F] [--separator S] [--encoding E] [--quiet]
 * (--participants once for each export: the sex from the first episode with the id that
 * records one), into *out; its warnings, already printed, go to rep's too. 0 or an exit
 * status after the message. */
static int quest_tables(fs_cli *cli, const fs_report_plan *plan, fs_rquest q, fs_report *rep,
                        fs_report **out)
{
    const fs_quest_command *cmd = quest_cmd[q];
    char sup[16], dec[16], pd[16], lang[8];
    char **argv = calloc(32 + 2 * cli->n_files, sizeof *argv); /* 32: the rest, with room */
    int argc = 0;
    if (!argv) {
        fs_cli_error(cli, "out of memory");
        return FS_EXIT_FAILURE;
    }
    snprintf(sup, sizeof sup, "%d", cli->suppress);
    snprintf(dec, sizeof dec, "%d", cli->decimals);
    snprintf(pd, sizeof pd, "%d", cli->write.p_digits);
    snprintf(lang, sizeof lang, "%s", cli->lang);
#define ARG(s) (argv[argc++] = (char *)(s))
    ARG(cmd->name);
    ARG(plan->quest[q][0]);
    if (plan->quest[q][1])
        ARG(plan->quest[q][1]);
    for (size_t i = 0; i < cli->n_files; i++) {
        ARG("--participants");
        ARG(cli->files[i]);
    }
    ARG("--lang");
    ARG(lang);
    ARG("--suppress");
    ARG(sup);
    ARG("--p-digits");
    ARG(pd);
    if (cmd->flags & QCMD_SHARES) {
        ARG("--rounding");
        ARG(fs_rounding_name(cli->rounding));
        ARG("--decimals");
        ARG(dec);
    }
    const char *pass[][2] = {{"--config", cli->config_arg}, {"--separator", cli->separator_arg},
                             {"--encoding", cli->encoding_arg}};
    for (size_t i = 0; i < sizeof pass / sizeof pass[0]; i++)
        if (pass[i][1]) {
            ARG(pass[i][0]);
            ARG(pass[i][1]);
        }
    if (cli->quiet)
        ARG("--quiet");
#undef ARG
    argv[argc] = NULL;
    int status = fs_quest_build(cmd, cli->prog, argc, argv, out);
    free(argv);
    for (size_t i = 0; status == 0 && i < (*out)->n_warnings; i++)
        if (fs_report_add_warning(rep, (*out)->warnings[i])) {
            fs_cli_error(cli, "out of memory");
            status = FS_EXIT_FAILURE;
        }
    return status;
}

int cmd_report(int argc, char **argv)
{
    static const struct option longopts[] = {
        FS_CLI_COMMON_LONGOPTS,
        {"compare", required_argument, NULL, OPT_COMPARE},
        {"trend", required_argument, NULL, OPT_TREND},
        {"count", required_argument, NULL, FS_OPT_COUNT},
        {"hls", required_argument, NULL, OPT_QUEST + FS_RQUEST_HLS},
        {"ogq", required_argument, NULL, OPT_QUEST + FS_RQUEST_OGQ},
        {"barometer", required_argument, NULL, OPT_QUEST + FS_RQUEST_BAROMETER},
        {"survey", required_argument, NULL, OPT_QUEST + FS_RQUEST_SURVEY},
        {NULL, 0, NULL, 0},
    };
    static const int unsupported[] = {FS_OPT_BY, 0}; /* always by insats */
    fs_cli cli;
    state st;
    fs_report_plan plan;
    fs_report *rep = NULL;
    fs_msg msg = {""};
    char *cmdline = NULL;
    fs_report *quests[FS_RQUEST_N] = {NULL};
    int status;
    memset(&plan, 0, sizeof plan);
    memset(&st, 0, sizeof st);
    st.cli = &cli;
    fs_cli_init(&cli, "finsam-stats report", usage);
    cli.unsupported = unsupported;
    if ((status = fs_cli_getopt(&cli, argc, argv, longopts, own_option, &st)) >= 0)
        goto cleanup;
    if ((status = fs_cli_finish(&cli, argc, argv, optind, 1)) != 0)
        goto cleanup;
    if (!cli.has_period) {
        status = fs_cli_usage_error(&cli, "--period is required (examples: 2024H1, 2024, "
                                          "last-half, last-year)");
        goto cleanup;
    }
    status = FS_EXIT_FAILURE;
    if (fs_report_plan_default(&plan) || fs_report_plan_config(&plan, &cli.config, &msg)) {
        fs_cli_error(&cli, "%s", msg.text[0] ? msg.text : "out of memory");
        goto cleanup;
    }
    if (st.compare && fs_report_plan_compare(&plan, st.compare, cli.as_of, &msg)) {
        status = fs_cli_usage_error(&cli, "--compare: %s", msg.text);
        goto cleanup;
    }
    if (st.trend && fs_report_plan_trend(&plan, st.trend, &msg)) {
        status = fs_cli_usage_error(&cli, "%s", msg.text);
        goto cleanup;
    }
    if (st.count)
        plan.unit = strcmp(st.count, "persons") == 0 ? FS_UNIT_PERSONS : FS_UNIT_EPISODES;
    for (int q = 0; q < FS_RQUEST_N; q++)
        if (st.quest[q][0] && fs_report_plan_quest(&plan, (fs_rquest)q, st.quest[q][0],
                                                   st.quest[q][1])) {
            fs_cli_error(&cli, "out of memory");
            goto cleanup;
        }
    if (!(cmdline = command_line(argc - 1, argv + 1)) || !(rep = fs_report_new("report", cli.lang))) {
        fs_cli_error(&cli, "out of memory");
        goto cleanup;
    }
    fs_report_run run = {
        .files = cli.files,
        .n_files = cli.n_files,
        .period = cli.period,
        .config = &cli.config,
        .csv = cli.csv,
        .as_of = cli.as_of,
        .strict = cli.strict,
        .insats = cli.insats,
        .n_insats = cli.n_insats,
        .table = {.lang = cli.lang, .rounding = cli.rounding, .decimals = cli.decimals,
                  .suppress = cli.suppress, .p_digits = cli.write.p_digits},
        .command_line = cmdline,
        .version = FS_VERSION,
    };
    for (int q = 0; q < FS_RQUEST_N; q++)
        if (plan.quest[q][0] && (status = quest_tables(&cli, &plan, (fs_rquest)q, rep,
                                                       &quests[q])) != 0)
            goto cleanup;
    memcpy(run.quest, quests, sizeof quests);
    status = FS_EXIT_FAILURE;
    fs_cli_sink sink = {&cli, rep};
    fs_error e = fs_report_make(&plan, &run, rep, fs_cli_warning, &sink, &msg);
    if (e) {
        fs_cli_error(&cli, "%s", msg.text);
        status = fs_cli_status(e);
        goto cleanup;
    }
    status = fs_cli_write(&cli, rep);
cleanup:
    for (int q = 0; q < FS_RQUEST_N; q++)
        fs_report_free(quests[q]);
    free(cmdline);
    fs_report_free(rep);
    fs_report_plan_free(&plan);
    fs_cli_free(&cli);
    return status;
}
