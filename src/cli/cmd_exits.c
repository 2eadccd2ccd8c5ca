/* cmd_exits.c: `finsam-stats exits`: the exit-reason breakdown of the ended population. */
#include "cli.h"

/* The command's own part of --help; count.c adds the options all counting commands share. */
static const char usage[] =
    "Usage: finsam-stats exits [OPTIONS] FILE...\n"
    "\n"
    "Counts ended episodes (exit date in the period) by exit-reason group and sex,\n"
    "with shares. Felregistrering is excluded and reported. Several files are one\n"
    "data set.\n"
    "\n"
    "Options:\n"
    "  --period P            2024, 2024H1, 2024Q3, 2024-05 or FROM..TO\n"
    "                        (default: all exits)\n"
    "  --detail              raw exit reasons as rows under their group\n";

static const struct option longopts[] = {
    FS_CLI_COMMON_LONGOPTS,
    {"detail", no_argument, NULL, FS_OPT_DETAIL},
    {"count", required_argument, NULL, FS_OPT_COUNT},
    {NULL, 0, NULL, 0},
};

static const fs_count_command exits = {
    .name = "exits",
    .prog = "finsam-stats exits",
    .usage = usage,
    .longopts = longopts,
    .base = "exit-reason",
    .need_period = 0, /* without a period: every ended episode */
    .required = FS_FIELD_BIT(FS_FIELD_ENTRY) | FS_FIELD_BIT(FS_FIELD_EXIT) |
                FS_FIELD_BIT(FS_FIELD_REASON),
};

int cmd_exits(int argc, char **argv)
{
    return fs_count_main(&exits, argc, argv);
}
