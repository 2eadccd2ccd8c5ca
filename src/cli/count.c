/* count.c: what the counting commands share: --count and --of, and the pipeline read ->
 * select -> aggregate -> table -> write over the engine (engine.h) and a plan of breakdowns
 * (breakdowns.h). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "finsam/intake.h"

int fs_count_option(const fs_cli *c, fs_count_opts *o, int opt, const char *arg)
{
    if (opt == FS_OPT_COUNT) {
        if (strcmp(arg, "episodes") == 0)
            o->unit = FS_UNIT_EPISODES;
        else if (strcmp(arg, "persons") == 0)
            o->unit = FS_UNIT_PERSONS;
        else
            return fs_cli_usage_error(c, "--count: '%s' is not episodes or persons", arg);
        return 0;
    }
    if (opt == FS_OPT_OF) {
        if (strcmp(arg, "all") == 0) {
            o->pops = (1u << FS_FLOW_N) - 1;
            return 0;
        }
        int r = fs_population_parse(arg);
        if (r < 0)
            return fs_cli_usage_error(c, "--of: '%s' is not a population (during, "
                                         "ongoing-start, new, ended, ongoing-end, all)", arg);
        o->pops |= FS_FLOW_BIT(r);
        return 0;
    }
    return -1;
}

int fs_cli_count(fs_cli *c, const char *command, fs_plan *plan, const fs_count_opts *o,
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
    fs_table_options to = {c->lang, c->rounding, c->decimals, c->suppress, &in};
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
