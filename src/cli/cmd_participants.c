/* cmd_participants.c: `finsam-stats participants`: participant flow over a period by sex,
 * and the breakdowns of any population (breakdowns.h), in episodes or persons. */
#include <string.h>

#include "cli.h"

static const char usage[] =
    "Usage: finsam-stats participants --period P [OPTIONS] FILE...\n"
    "\n"
    "Participant flow in the period by sex: participants during the period, ongoing at its\n"
    "start, new, ended, ongoing at its end (ongoing at start + new = ended + ongoing at end),\n"
    "and the report breakdowns. Felregistrering is excluded and reported. Several files are\n"
    "one data set; each episode counts (or, with --count persons, each person).\n"
    "\n"
    "Options:\n"
    "  --period P            2024, 2024H1, 2024Q3, 2024-05 or FROM..TO (required)\n"
    "  --breakdown NAME      also this breakdown (repeatable): exit-reason, referrer, income,\n"
    "                        target-group, municipality, age, entry-year, month, exit-month,\n"
    "                        duration, flow-by-insats, or column:HEADER (any column)\n"
    "  --all                 every breakdown but column:\n"
    "  --of POPULATION       count the breakdowns of: during (default), ongoing-start, new,\n"
    "                        ended, ongoing-end, or all (one table each); repeatable\n"
    "  --count UNIT          episodes (default) or persons: each person once per row, across\n"
    "                        insatser in the total (personnummer, else participant id)\n"
    "  --income-grouping G   detail (default: the categories as recorded) or scb (Ohälsa,\n"
    "                        Arbetsmarknadsstöd, Ekonomiskt bistånd, Ingen offentlig\n"
    "                        försörjning, Lön/studier)\n"
    "  --insats NAME         only this insats (repeatable)\n"
    "  --by insats           tables per insats, then the total\n"
    "  --rounding METHOD     largest-remainder (default), half-even or half-up\n"
    "  --decimals N          decimals of printed shares, 0-3 (default 0)\n"
    "  --suppress N          show counts 1..N-1 as <N and hide their shares\n"
    "  --lang sv|en          labels and notes (default sv)\n"
    "  --format FORMAT       text, csv, json or xlsx (default text, or from -o's extension)\n"
    "  -o, --output FILE     write to FILE (replaced only when the run succeeds)\n"
    "  --csv-dialect D       rfc4180 (default) or excel-sv (;, decimal comma, BOM)\n"
    "  --config FILE         INI file: columns, synonyms ([referrers], [income]), [age] bands,\n"
    "                        value groups of a column ([column \"HEADER\"])\n"
    "  --separator C         input separator ; , tab (default: detected)\n"
    "  --encoding E          input encoding auto, utf-8, cp1252 (default auto)\n"
    "  --strict              a bad row is an error instead of being excluded\n"
    "  --created DATE        xlsx creation date (reproducible files); also SOURCE_DATE_EPOCH\n"
    "  --quiet               no warnings on standard error\n"
    "  --help                this text\n"
    "\n"
    "Exit status: 0 success, 1 data or runtime error, 2 usage error.\n"
    "See finsam-stats-participants(1).\n";

enum { OPT_BREAKDOWN = FS_OPT_COMMAND_BASE, OPT_ALL, OPT_INCOME_GROUPING };

#define MAX_BREAKDOWNS 64

typedef struct state {
    fs_cli *cli;
    fs_count_opts count;
    const char *breakdowns[MAX_BREAKDOWNS];
    size_t n_breakdowns;
} state;

static int own_option(int opt, const char *arg, void *user)
{
    state *st = user;
    switch (opt) {
    case OPT_BREAKDOWN:
    case OPT_ALL:
        if (st->n_breakdowns == MAX_BREAKDOWNS)
            return fs_cli_usage_error(st->cli, "too many --breakdown (at most %d)", MAX_BREAKDOWNS);
        st->breakdowns[st->n_breakdowns++] = opt == OPT_ALL ? "all" : arg;
        return 0;
    case OPT_INCOME_GROUPING:
        if (strcmp(arg, "scb") != 0 && strcmp(arg, "detail") != 0)
            return fs_cli_usage_error(st->cli, "--income-grouping: '%s' is not scb or detail", arg);
        st->count.income_scb = strcmp(arg, "scb") == 0;
        return 0;
    }
    return fs_count_option(st->cli, &st->count, opt, arg);
}

int cmd_participants(int argc, char **argv)
{
    static const struct option longopts[] = {
        FS_CLI_COMMON_LONGOPTS,
        FS_CLI_COUNT_LONGOPTS,
        {"breakdown", required_argument, NULL, OPT_BREAKDOWN},
        {"all", no_argument, NULL, OPT_ALL},
        {"income-grouping", required_argument, NULL, OPT_INCOME_GROUPING},
        {NULL, 0, NULL, 0},
    };
    fs_cli cli;
    state st;
    fs_plan *plan = NULL;
    fs_msg msg = {""};
    int status;
    memset(&st, 0, sizeof st);
    fs_cli_init(&cli, "finsam-stats participants", usage);
    st.cli = &cli;
    if ((status = fs_cli_getopt(&cli, argc, argv, longopts, own_option, &st)) >= 0)
        goto cleanup;
    if ((status = fs_cli_finish(&cli, argc, argv, optind, 1)) != 0)
        goto cleanup;
    if (!cli.has_period) {
        status = fs_cli_usage_error(&cli, "--period is required (examples: 2024, 2024H1, "
                                          "2024Q3, 2024-05, 2024-01-01..2024-06-30)");
        goto cleanup;
    }
    status = FS_EXIT_FAILURE;
    if (!(plan = fs_plan_new())) {
        fs_cli_error(&cli, "out of memory");
        goto cleanup;
    }
    fs_error e = fs_plan_add(plan, "flow", 0, &msg);
    for (size_t i = 0; !e && i < st.n_breakdowns; i++)
        e = fs_plan_add(plan, st.breakdowns[i], st.count.pops, &msg);
    if (e) {
        status = e == FS_ERR_USAGE ? fs_cli_usage_error(&cli, "--breakdown: %s", msg.text)
                                   : (fs_cli_error(&cli, "%s", msg.text), FS_EXIT_FAILURE);
        goto cleanup;
    }
    status = fs_cli_count(&cli, "participants", plan, &st.count,
                          FS_FIELD_BIT(FS_FIELD_ENTRY) | FS_FIELD_BIT(FS_FIELD_EXIT));
cleanup:
    fs_plan_free(plan);
    fs_cli_free(&cli);
    return status;
}
