/* cmd_exits.c: `finsam-stats exits`: the exit-reason breakdown of the ended population. */
#include <string.h>

#include "cli.h"

static const char usage[] =
    "Usage: finsam-stats exits [OPTIONS] FILE...\n"
    "\n"
    "Counts ended episodes (exit date in the period) by exit-reason group and sex, with\n"
    "shares. Felregistrering is excluded and reported. Several files are one data set.\n"
    "\n"
    "Options:\n"
    "  --period P            2024, 2024H1, 2024Q3, 2024-05 or FROM..TO (default: all exits)\n"
    "  --insats NAME         only this insats (repeatable)\n"
    "  --by insats           one table per insats, then the total\n"
    "  --count UNIT          episodes (default) or persons: each person once per row, across\n"
    "                        insatser in the total (personnummer, else participant id)\n"
    "  --detail              raw exit reasons as rows under their group\n"
    "  --rounding METHOD     largest-remainder (default), half-even or half-up\n"
    "  --decimals N          decimals of printed shares, 0-3 (default 0)\n"
    "  --suppress N          show counts 1..N-1 as <N and hide their shares\n"
    "  --lang sv|en          labels and notes (default sv)\n"
    "  --format FORMAT       text, csv, json or xlsx (default text, or from -o's extension)\n"
    "  -o, --output FILE     write to FILE (replaced only when the run succeeds)\n"
    "  --csv-dialect D       rfc4180 (default) or excel-sv (;, decimal comma, BOM)\n"
    "  --config FILE         INI file: column names, exit-reason synonyms, defaults\n"
    "  --separator C         input separator ; , tab (default: detected)\n"
    "  --encoding E          input encoding auto, utf-8, cp1252 (default auto)\n"
    "  --strict              a bad row is an error instead of being excluded\n"
    "  --created DATE        xlsx creation date (reproducible files); also SOURCE_DATE_EPOCH\n"
    "  --quiet               no warnings on standard error\n"
    "  --help                this text\n"
    "\n"
    "Exit status: 0 success, 1 data or runtime error, 2 usage error. See finsam-stats-exits(1).\n";

enum { OPT_DETAIL = FS_OPT_COMMAND_BASE };

typedef struct state {
    fs_cli *cli;
    fs_count_opts count;
} state;

static int own_option(int opt, const char *arg, void *user)
{
    state *st = user;
    if (opt == OPT_DETAIL)
        return st->count.exit_detail = 1, 0;
    return opt == FS_OPT_OF ? -1 : fs_count_option(st->cli, &st->count, opt, arg);
}

int cmd_exits(int argc, char **argv)
{
    static const struct option longopts[] = {
        FS_CLI_COMMON_LONGOPTS,
        {"detail", no_argument, NULL, OPT_DETAIL},
        {"count", required_argument, NULL, FS_OPT_COUNT},
        {NULL, 0, NULL, 0},
    };
    fs_cli cli;
    state st;
    fs_plan *plan = NULL;
    fs_msg msg = {""};
    int status;
    memset(&st, 0, sizeof st);
    fs_cli_init(&cli, "finsam-stats exits", usage);
    st.cli = &cli;
    if ((status = fs_cli_getopt(&cli, argc, argv, longopts, own_option, &st)) >= 0)
        goto cleanup;
    if ((status = fs_cli_finish(&cli, argc, argv, optind, 1)) != 0)
        goto cleanup;
    status = FS_EXIT_FAILURE;
    if (!(plan = fs_plan_new()) || fs_plan_add(plan, "exit-reason", 0, &msg)) {
        fs_cli_error(&cli, "out of memory");
        goto cleanup;
    }
    status = fs_cli_count(&cli, "exits", plan, &st.count,
                          FS_FIELD_BIT(FS_FIELD_ENTRY) | FS_FIELD_BIT(FS_FIELD_EXIT) |
                              FS_FIELD_BIT(FS_FIELD_REASON));
cleanup:
    fs_plan_free(plan);
    fs_cli_free(&cli);
    return status;
}
