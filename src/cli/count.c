/* count.c: what the counting commands share: --count and --of, and the pipeline read ->
 * select -> aggregate -> table -> write over the engine (engine.h) and a plan of breakdowns
 * (breakdowns.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "finsam/intake.h"
#include "finsam/text.h"

/* What the options of a counting command ask for. */
typedef struct count_opts {
    const fs_cli *cli;
    fs_unit unit;           /* --count episodes|persons */
    unsigned pops;          /* --of: FS_FLOW_BIT()s, 0 = each breakdown's own */
    int exit_detail;        /* --detail */
    int income_scb;         /* --income-grouping scb */
    const char *breakdowns[FS_COUNT_MAX_BREAKDOWNS]; /* --breakdown, --all */
    size_t n_breakdowns;
} count_opts;

static int count_option(int opt, const char *arg, void *user)
{
    count_opts *o = user;
    const fs_cli *c = o->cli;
    switch (opt) {
    case FS_OPT_COUNT:
        if (strcmp(arg, "episodes") != 0 && strcmp(arg, "persons") != 0)
            return fs_cli_usage_error(c, "--count: '%s' is not episodes or persons", arg);
        o->unit = strcmp(arg, "persons") == 0 ? FS_UNIT_PERSONS : FS_UNIT_EPISODES;
        return 0;
    case FS_OPT_OF: {
        int r = strcmp(arg, "all") == 0 ? FS_FLOW_N : fs_population_parse(arg);
        if (r < 0)
            return fs_cli_usage_error(c, "--of: '%s' is not a population (during, "
                                         "ongoing-start, new, ended, ongoing-end, all)", arg);
        o->pops |= r == FS_FLOW_N ? (1u << FS_FLOW_N) - 1 : FS_FLOW_BIT(r);
        return 0;
    }
    case FS_OPT_DETAIL:
        o->exit_detail = 1;
        return 0;
    case FS_OPT_BREAKDOWN:
    case FS_OPT_ALL:
        if (o->n_breakdowns == FS_COUNT_MAX_BREAKDOWNS)
            return fs_cli_usage_error(c, "too many --breakdown (at most %d)",
                                      FS_COUNT_MAX_BREAKDOWNS);
        o->breakdowns[o->n_breakdowns++] = opt == FS_OPT_ALL ? "all" : arg;
        return 0;
    case FS_OPT_INCOME_GROUPING:
        if (strcmp(arg, "scb") != 0 && strcmp(arg, "detail") != 0)
            return fs_cli_usage_error(c, "--income-grouping: '%s' is not scb or detail", arg);
        o->income_scb = strcmp(arg, "scb") == 0;
        return 0;
    }
    return -1;
}

/* Reads the files through the engine, counting what plan asks for, and writes the report.
 * Returns the exit status. */
static int count(fs_cli *c, const char *command, fs_plan *plan, const count_opts *o,
                 unsigned required)
{
    fs_msg msg = {""};
    fs_intake in;
    fs_report *rep = NULL;
    int status = FS_EXIT_FAILURE;
    memset(&in, 0, sizeof in);
    fs_engine_options eo = {
        .has_period = c->has_period,
        .period = c->period,
        .unit = o->unit,
        .by_insats = c->by_insats,
        .insats = c->insats,
        .n_insats = c->n_insats,
        .config = &c->config,
        .lang = c->lang,
        .exit_detail = o->exit_detail,
        .income_scb = o->income_scb,
        .as_of = c->as_of,
    };
    fs_engine *e = fs_engine_new(&eo, &msg);
    if (!e || fs_plan_register(plan, e, &msg)) {
        fs_cli_error(c, "%s", msg.text);
        goto cleanup;
    }
    fs_export_options xo = {.csv = c->csv, .config = &c->config, .required = required,
                            .as_of = c->as_of};
    fs_engine_export_options(e, &xo);
    fs_error err = fs_intake_run(c->files, c->n_files, &xo, c->strict, fs_engine_add, e, &in, &msg);
    if (!err && (err = fs_engine_finish(e)) != FS_OK)
        fs_msg_set(&msg, "out of memory");
    if (err) {
        fs_cli_error(c, "%s", msg.text);
        status = fs_cli_status(err);
        goto cleanup;
    }
    if (!(rep = fs_report_new(command, c->lang)))
        goto oom;
    fs_cli_sink sink = {c, rep};
    fs_intake_each_warning(&in, fs_cli_warning, &sink);
    fs_engine_each_warning(e, fs_cli_warning, &sink);
    size_t conflicts = fs_engine_sex_conflicts(e);
    if (conflicts) {
        char line[200];
        snprintf(line, sizeof line, "%zu person%s recorded as a woman in one episode and as a man "
                 "in another; each is counted under the sex recorded first", conflicts,
                 conflicts == 1 ? " is" : "s are");
        fs_cli_warning(line, &sink);
    }
    fs_table_options to = {.lang = c->lang, .rounding = c->rounding, .decimals = c->decimals,
                           .suppress = c->suppress, .intake = &in,
                           .p_digits = c->write.p_digits};
    if (fs_plan_tables(plan, e, &to, rep))
        goto oom;
    status = fs_cli_write(c, rep);
    goto cleanup;
oom:
    fs_cli_error(c, "out of memory");
    status = FS_EXIT_FAILURE;
cleanup:
    fs_engine_free(e);
    fs_intake_free(&in);
    fs_report_free(rep);
    return status;
}

/* The options every counting command has, after its own in --help. */
static const char shared_help[] =
    "  --insats NAME         only this insats (repeatable)\n"
    "  --by insats           tables per insats, then the whole selection\n"
    "  --count UNIT          episodes (default) or persons: each person once per row,\n"
    "                        across insatser in the total (personnummer, else\n"
    "                        participant id)\n"
    "  --rounding METHOD     largest-remainder (default), half-even or half-up\n"
    "  --decimals N          decimals of printed shares, 0-3 (default 0)\n"
    "  --suppress N          show counts 1..N-1 as <N and hide their shares\n"
    "  --lang sv|en          labels and notes (default sv)\n"
    "  --format FORMAT       text, csv, json, xlsx, md or html (default text, or from\n"
    "                        the extension of -o)\n"
    "  --refresh SECONDS     html: the page reloads itself (a board on a wall screen)\n"
    "  -o, --output FILE     write to FILE (replaced only when the run succeeds)\n"
    "  --csv-dialect D       rfc4180 (default) or excel-sv (;, decimal comma, BOM)\n"
    "  --cell n-pct          text, md, xlsx, html: one cell \"138 (46,5 %%)\" per count\n"
    "                        and share\n"
    "  --hide-empty          leave out rows whose counts are all 0 (the note says how\n"
    "                        many)\n"
    "  --p-digits N          significant digits of p-values in text, md, xlsx, html\n"
    "                        (default 2; below 0.001 \"<0,001\")\n"
    "  --config FILE         INI file: columns, exit reasons, referrers, income, age\n"
    "                        bands, value groups of a column ([column \"HEADER\"]),\n"
    "                        defaults\n"
    "  --separator C         input separator ; , tab (default: detected)\n"
    "  --encoding E          input encoding auto, utf-8, cp1252 (default auto)\n"
    "  --strict              a bad row is an error instead of being excluded\n"
    "  --as-of DATE          today, for last-half and the like and for dates in the\n"
    "                        future\n"
    "  --allow-duplicate-files  count a file given twice (or two with the same\n"
    "                        content) twice, instead of refusing the run\n"
    "  --created DATE        xlsx creation date (reproducible files); also\n"
    "                        SOURCE_DATE_EPOCH\n"
    "  --quiet               no warnings on standard error\n"
    "  --help                this text\n"
    "\n"
    "Exit status: 0 success, 1 data or runtime error, 2 usage error.\n"
    "See finsam-stats-%s(1).\n";

int fs_count_main(const fs_count_command *cmd, int argc, char **argv)
{
    fs_cli cli;
    count_opts o;
    fs_plan *plan = NULL;
    fs_msg msg = {""};
    int status;
    memset(&o, 0, sizeof o);
    char *tail = fs_asprintf(shared_help, cmd->name);
    char *usage = tail ? fs_asprintf("%s%s", cmd->usage, tail) : NULL;
    free(tail);
    fs_cli_init(&cli, cmd->prog, usage ? usage : cmd->usage);
    o.cli = &cli;
    if ((status = fs_cli_getopt(&cli, argc, argv, cmd->longopts, count_option, &o)) >= 0)
        goto cleanup;
    if ((status = fs_cli_finish(&cli, argc, argv, optind, 1)) != 0)
        goto cleanup;
    if (cmd->need_period && !cli.has_period) {
        status = fs_cli_usage_error(&cli, "--period is required (examples: 2024, 2024H1, "
                                          "2024Q3, 2024-05, 2024-01-01..2024-06-30)");
        goto cleanup;
    }
    status = FS_EXIT_FAILURE;
    if (!(plan = fs_plan_new())) {
        fs_cli_error(&cli, "out of memory");
        goto cleanup;
    }
    fs_error e = fs_plan_add(plan, cmd->base, o.pops, &msg);
    for (size_t i = 0; !e && i < o.n_breakdowns; i++)
        e = fs_plan_add(plan, o.breakdowns[i], o.pops, &msg);
    if (e == FS_ERR_USAGE)
        status = fs_cli_usage_error(&cli, "--breakdown: %s", msg.text);
    else if (e)
        fs_cli_error(&cli, "%s", msg.text);
    else
        status = count(&cli, cmd->name, plan, &o, cmd->required);
cleanup:
    fs_plan_free(plan);
    fs_cli_free(&cli);
    free(usage);
    return status;
}
