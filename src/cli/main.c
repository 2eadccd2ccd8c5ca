/* main.c: finsam-stats, one program with several commands.
 *
 * The command table. To add a command:
 *   1. write src/cli/cmd_<name>.c exporting int cmd_<name>(int argc, char **argv) and
 *      declare it in cli.h; it parses its options, calls the library, hands an fs_report
 *      to fs_cli_write() and holds no CSV parsing or statistics of its own (a counting
 *      command is an fs_count_command row run by count.c, a questionnaire command an
 *      fs_quest_command row run by quest_cli.c);
 *   2. add its row to commands[] below;
 *   3. write man/finsam-stats-<name>.1 and list it in man/finsam-stats.1;
 *   4. add command tests under tests/cli/<name>/<case>/;
 *   5. describe it in README.md.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "finsam/platform.h"
#include "finsam/pnr.h"
#include "finsam/stats.h"

static const struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"exits", cmd_exits, "exit reasons of ended participants, by sex"},
    {"participants", cmd_participants, "participant flow and report breakdowns, by sex"},
    {"check", cmd_check, "validate an export: one line per problem, then a summary"},
    {"signtest", cmd_signtest, "exact sign test from counts of worse, unchanged, better"},
    {"paired", cmd_paired, "questionnaire items at start and at exit, paired tests"},
    {"hls", cmd_hls, "HLS-EU-Q16/Q6 health literacy at start and at exit"},
    {"ogq", cmd_ogq, "OGQ activity gaps at start and at exit, McNemar"},
    {"barometer", cmd_barometer, "hälsobarometer self-ratings at start and at exit"},
    {"survey", cmd_survey, "questionnaires answered once: distributions, share agreeing, by year"},
    {"eq5d", cmd_eq5d, "EQ-5D-5L at start and at exit: levels, Paretian change, EQ VAS, index"},
    {"kasam", cmd_kasam, "KASAM / SOC-13 sense of coherence at start and at exit"},
    {"report", cmd_report, "the half-year or annual report, per insats and association"},
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *fp)
{
    fputs("Usage: finsam-stats COMMAND [OPTIONS] FILE...\n"
          "       finsam-stats --help | --version\n"
          "\n"
          "Outcome statistics for Finsam (samordningsförbund) programmes, from SUS-style\n"
          "CSV exports and questionnaire files, as text, Markdown, CSV, JSON, Excel or\n"
          "HTML (a page with its charts; the report as a board for a wall screen).\n"
          "\n"
          "Commands:\n",
          fp);
    for (size_t i = 0; i < N_COMMANDS; i++) {
        /* at most 80 columns: a summary that does not fit goes on under itself, broken at
         * a space (bytes counted, so a line with ä breaks a little early, never late) */
        const char *s = commands[i].summary;
        fprintf(fp, "  %-13s ", commands[i].name);
        while (strlen(s) > 80 - 16) {
            const char *cut = s + (80 - 16);
            while (cut > s && *cut != ' ')
                cut--;
            if (cut == s)
                break;
            fprintf(fp, "%.*s\n%16s", (int)(cut - s), s, "");
            s = cut + 1;
        }
        fprintf(fp, "%s\n", s);
    }
    fputs("\n"
          "Run 'finsam-stats COMMAND --help' for a command's options; see finsam-stats(1).\n"
          "Exit status: 0 success, 1 data or runtime error, 2 usage error.\n",
          fp);
}

/* The status after writing --help or --version: standard output must have taken it. */
static int stdout_status(void)
{
    if (fflush(stdout) == 0 && !ferror(stdout))
        return FS_EXIT_OK;
    fprintf(stderr, "finsam-stats: cannot write to standard output: %s\n", strerror(errno));
    return FS_EXIT_FAILURE;
}

int main(int argc, char **argv)
{
    fs_platform_init();
    fs_stats_init();
    if (argc < 2) {
        usage(stderr);
        return FS_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return stdout_status();
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("finsam-stats %s\n", FS_VERSION);
        return stdout_status();
    }
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].fn(argc - 1, argv + 1);
    char *safe = fs_safe_name(argv[1]); /* as every message: masked, controls escaped */
    fprintf(stderr, "finsam-stats: '%s' is not a command\nTry 'finsam-stats --help'.\n",
            safe ? safe : "?");
    free(safe);
    return FS_EXIT_USAGE;
}
