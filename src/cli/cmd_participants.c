/* cmd_participants.c: `finsam-stats participants`: participant flow over a period by sex,
 * and the breakdowns of any population (breakdowns.h), in episodes or persons. */
#include "cli.h"

/* The command's own part of --help; count.c adds the options all counting commands share. */
static const char usage[] =
    "Usage: finsam-stats participants --period P [OPTIONS] FILE...\n"
    "\n"
    "Participant flow in the period by sex: participants during the period, ongoing\n"
    "at its start, new, ended, ongoing at its end\n"
    "(ongoing at start + new = ended + ongoing at end), and the report breakdowns.\n"
    "Felregistrering is excluded and reported. Several files are one data set; each\n"
    "episode counts (or, with --count persons, each person).\n"
    "\n"
    "Options:\n"
    "  --period P            2024, 2024H1, 2024Q3, 2024-05 or FROM..TO (required)\n"
    "  --breakdown NAME      also this breakdown (repeatable): exit-reason, referrer,\n"
    "                        income, target-group, municipality, age, entry-year,\n"
    "                        month, exit-month, duration, flow-by-insats, or\n"
    "                        column:HEADER (any column)\n"
    "  --all                 every breakdown but column:\n"
    "  --of POPULATION       count the breakdowns of: during (default),\n"
    "                        ongoing-start, new, ended, ongoing-end, or all\n"
    "                        (one table each); repeatable\n"
    "  --income-grouping G   detail (default: the categories as recorded) or scb\n"
    "                        (Ohälsa, Arbetsmarknadsstöd, Ekonomiskt bistånd, Ingen\n"
    "                        offentlig försörjning, Lön/studier)\n";

static const struct option longopts[] = {
    FS_CLI_COMMON_LONGOPTS,
    {"count", required_argument, NULL, FS_OPT_COUNT},
    {"of", required_argument, NULL, FS_OPT_OF},
    {"breakdown", required_argument, NULL, FS_OPT_BREAKDOWN},
    {"all", no_argument, NULL, FS_OPT_ALL},
    {"income-grouping", required_argument, NULL, FS_OPT_INCOME_GROUPING},
    {NULL, 0, NULL, 0},
};

static const fs_count_command participants = {
    .name = "participants",
    .prog = "finsam-stats participants",
    .usage = usage,
    .longopts = longopts,
    .base = "flow",
    .need_period = 1,
    .required = FS_FIELD_BIT(FS_FIELD_ENTRY) | FS_FIELD_BIT(FS_FIELD_EXIT),
};

int cmd_participants(int argc, char **argv)
{
    return fs_count_main(&participants, argc, argv);
}
