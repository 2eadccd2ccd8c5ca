/* cmd_check.c: `finsam-stats check`: validates exports, one line per problem, then a summary.
 * Its options; the checking is check.c's (check.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "finsam/check.h"
#include "finsam/progress.h"

static const char usage[] =
    "Usage: finsam-stats check [OPTIONS] FILE...\n"
    "\n"
    "Validates SUS-style exports: prints one line per problem,\n"
    "FILE:LINE: COLUMN: message, then a summary by kind with the distinct unknown\n"
    "values. Errors: missing required column, a column read that stands twice in the\n"
    "header, missing or unparseable date, exit before entry. Warnings: exit without\n"
    "reason, reason without exit, unknown sex, exit reason, referrer or income\n"
    "category, no sex, bad personnummer (line only, never the number), Kön\n"
    "contradicting the personnummer, bad birth year, dates after --as-of, overlapping\n"
    "episodes of one id in one insats (named by the other line: ids and\n"
    "personnummer-like values are never printed).\n"
    "\n"
    "Options:\n"
    "  --as-of DATE          dates after DATE are reported (default: today)\n"
    "  --strict              warnings count as errors (exit status 1)\n"
    "  --format text|json|html  output format (default text); html: a page of the\n"
    "                        problems and the summary, to -o FILE or standard output\n"
    "  --config FILE         INI file: column names and synonyms\n"
    "  --separator C         input separator ; , tab (default: detected)\n"
    "  --encoding E          input encoding auto, utf-8, cp1252 (default auto)\n"
    "  --help                this text\n"
    "\n"
    "Exit status: 0 no errors (warnings allowed), 1 errors (or warnings with\n"
    "--strict) or a file that cannot be read, 2 usage error.\n"
    "See finsam-stats-check(1).\n";

int cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {
        FS_CLI_COMMON_LONGOPTS,
        {NULL, 0, NULL, 0},
    };
    fs_cli cli;
    fs_check *check = NULL;
    fs_report *page = NULL;
    fs_msg msg = {""};
    int status = FS_EXIT_FAILURE, ok = 0;
    /* check reads and reports: no period, table, rounding or output file options */
    static const int unsupported[] = {FS_OPT_PERIOD,   FS_OPT_INSATS,      FS_OPT_BY,
                                      FS_OPT_ROUNDING, FS_OPT_DECIMALS,    FS_OPT_SUPPRESS,
                                      FS_OPT_LANG,     FS_OPT_CSV_DIALECT, FS_OPT_QUIET,
                                      FS_OPT_CREATED,  0};
    fs_cli_init(&cli, "finsam-stats check", usage);
    cli.unsupported = unsupported;
    if ((status = fs_cli_getopt(&cli, argc, argv, longopts, NULL, NULL)) >= 0)
        goto cleanup;
    if ((status = fs_cli_finish(&cli, argc, argv, optind, 1)) != 0)
        goto cleanup;
    if (isatty(STDOUT_FILENO))
        fs_progress_allow(0); /* problem lines on the terminal as they are found */
    if (cli.write.format != FS_FMT_TEXT && cli.write.format != FS_FMT_JSON &&
        cli.write.format != FS_FMT_HTML) {
        status = fs_cli_usage_error(&cli, "--format: check writes text, json or html");
        goto cleanup;
    }
    if (cli.output && cli.write.format != FS_FMT_HTML) {
        status = fs_cli_usage_error(&cli, "-o: check writes text and JSON to standard output; "
                                          "-o is for its HTML page");
        goto cleanup;
    }
    status = FS_EXIT_FAILURE;
    fs_check_options o = {.config = &cli.config, .csv = cli.csv, .as_of = cli.as_of,
                          .strict = cli.strict, .format = cli.write.format, .out = stdout,
                          .prog = cli.prog, .files = cli.files, .n_files = cli.n_files,
                          .source = cli.source};
    if (!(check = fs_check_new(&o, &msg))) {
        fs_cli_error(&cli, "%s", msg.text);
        goto cleanup;
    }
    for (size_t i = 0; i < cli.n_files; i++) {
        fs_error e = fs_check_file(check, i, &msg);
        if (e == FS_ERR_MEMORY)
            goto oom;
        if (e)
            fs_cli_error(&cli, "%s", msg.text); /* and on in the summary */
    }
    if (fs_check_finish(check, &ok, &page))
        goto oom;
    if (page) {
        int w = fs_cli_write(&cli, page);
        status = w ? w : ok ? FS_EXIT_OK : FS_EXIT_FAILURE;
        goto cleanup;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fs_cli_error(&cli, "cannot write to standard output");
        status = FS_EXIT_FAILURE;
        goto cleanup;
    }
    status = ok ? FS_EXIT_OK : FS_EXIT_FAILURE;
    goto cleanup;
oom:
    fs_cli_error(&cli, "out of memory");
    status = FS_EXIT_FAILURE;
cleanup:
    fs_report_free(page);
    fs_check_free(check);
    fs_cli_free(&cli);
    return status;
}
