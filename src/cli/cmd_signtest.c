/* cmd_signtest.c: `finsam-stats signtest`: the exact sign test from counts, as R's
 * binom.test(better, better + worse, 0.5), with its Clopper-Pearson interval. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "finsam/i18n.h"
#include "finsam/stats.h"
#include "finsam/text.h"

static const char usage[] =
    "Usage: finsam-stats signtest --worse W --better B [--unchanged U] [OPTIONS]\n"
    "\n"
    "The exact sign test from counts of linked answers that got worse, stayed\n"
    "unchanged and got better: binom.test(B, B + W, 0.5) in R. Unchanged answers are\n"
    "left out of the test and counted in n. Prints n, the counts, the p-value and the\n"
    "Clopper-Pearson interval of the share better among the changed, and the method.\n"
    "\n"
    "Options:\n"
    "  --worse W             answers that got worse (required)\n"
    "  --better B            answers that got better (required)\n"
    "  --unchanged U         answers that did not change (default 0)\n"
    "  --alternative A       two-sided (default), greater (better more likely) or\n"
    "                        less\n"
    "  --conf-level L        confidence level of the interval, 0 < L < 1\n"
    "                        (default 0.95)\n"
    "  --lang sv|en          labels and notes (default sv)\n"
    "  --format FORMAT       text, csv, json, xlsx, md or html (default text, or from\n"
    "                        the extension of -o)\n"
    "  -o, --output FILE     write to FILE (replaced only when the run succeeds)\n"
    "  --csv-dialect D       rfc4180 (default) or excel-sv (;, decimal comma, BOM)\n"
    "  --created DATE        xlsx creation date (reproducible files); also\n"
    "                        SOURCE_DATE_EPOCH\n"
    "  --quiet               no warnings on standard error\n"
    "  --help                this text\n"
    "\n"
    "Options of the other commands (--config, --period, --insats, --by, --rounding,\n"
    "--decimals, --suppress, --strict, --separator, --encoding, --as-of) do not apply\n"
    "to signtest and are usage errors.\n"
    "\n"
    "Exit status: 0 success, 1 runtime error, 2 usage error.\n"
    "See finsam-stats-signtest(1).\n";

enum { OPT_WORSE = FS_OPT_COMMAND_BASE, OPT_BETTER, OPT_UNCHANGED, OPT_ALTERNATIVE, OPT_CONF };

static int parse_count(const fs_cli *c, const char *name, const char *s, unsigned *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *end || *s == '-' || *s == '+' || v > 1000000000ul)
        return fs_cli_usage_error(c, "--%s: '%s' is not a count (a whole number from 0)", name, s);
    *out = (unsigned)v;
    return 0;
}

typedef struct signtest_args {
    const fs_cli *cli;
    unsigned worse, better, unchanged;
    int have_w, have_b;
    fs_alternative alt;
    double conf;
} signtest_args;

static int own_option(int opt, const char *arg, void *user)
{
    signtest_args *a = user;
    switch (opt) {
    case OPT_WORSE:
        a->have_w = 1;
        return parse_count(a->cli, "worse", arg, &a->worse);
    case OPT_BETTER:
        a->have_b = 1;
        return parse_count(a->cli, "better", arg, &a->better);
    case OPT_UNCHANGED:
        return parse_count(a->cli, "unchanged", arg, &a->unchanged);
    case OPT_ALTERNATIVE:
        if (fs_alternative_parse(arg, &a->alt))
            return fs_cli_usage_error(a->cli, "--alternative: '%s' is not two-sided, greater or "
                                              "less", arg);
        return 0;
    case OPT_CONF: {
        char *end;
        a->conf = strtod(arg, &end);
        if (end == arg || *end || !(a->conf > 0 && a->conf < 1))
            return fs_cli_usage_error(a->cli, "--conf-level: '%s' is not a number between 0 and 1",
                                      arg);
        return 0;
    }
    }
    return -1;
}

int cmd_signtest(int argc, char **argv)
{
    static const struct option longopts[] = {
        FS_CLI_COMMON_LONGOPTS,
        {"worse", required_argument, NULL, OPT_WORSE},
        {"better", required_argument, NULL, OPT_BETTER},
        {"unchanged", required_argument, NULL, OPT_UNCHANGED},
        {"alternative", required_argument, NULL, OPT_ALTERNATIVE},
        {"conf-level", required_argument, NULL, OPT_CONF},
        {NULL, 0, NULL, 0},
    };
    fs_cli cli;
    fs_report *rep = NULL;
    unsigned worse = 0, better = 0, unchanged = 0;
    int have_w = 0, have_b = 0, status = FS_EXIT_FAILURE;
    fs_alternative alt = FS_ALT_TWO_SIDED;
    double conf = 0.95;
    /* the options that mean nothing without data are refused, not ignored */
    static const int unsupported[] = {FS_OPT_CONFIG, FS_OPT_PERIOD, FS_OPT_INSATS, FS_OPT_BY,
                                      FS_OPT_ROUNDING, FS_OPT_DECIMALS, FS_OPT_SUPPRESS,
                                      FS_OPT_STRICT, FS_OPT_SEPARATOR, FS_OPT_ENCODING,
                                      FS_OPT_AS_OF, 0};
    fs_cli_init(&cli, "finsam-stats signtest", usage);
    cli.unsupported = unsupported;
    signtest_args a = {&cli, 0, 0, 0, 0, 0, FS_ALT_TWO_SIDED, 0.95};
    if ((status = fs_cli_getopt(&cli, argc, argv, longopts, own_option, &a)) >= 0)
        goto cleanup;
    worse = a.worse, better = a.better, unchanged = a.unchanged;
    have_w = a.have_w, have_b = a.have_b, alt = a.alt, conf = a.conf;
    if ((status = fs_cli_finish(&cli, argc, argv, optind, 0)) != 0)
        goto cleanup;
    if (cli.n_files) {
        status = fs_cli_usage_error(&cli, "signtest takes counts, not files ('%s')", cli.files[0]);
        goto cleanup;
    }
    if (!have_w || !have_b) {
        status = fs_cli_usage_error(&cli, "--worse and --better are required");
        goto cleanup;
    }
    if ((unsigned long)worse + better + unchanged > UINT_MAX / 2) {
        status = fs_cli_usage_error(&cli, "the counts are too large");
        goto cleanup;
    }
    status = FS_EXIT_FAILURE;
    fs_binom_result br;
    fs_error e = fs_sign_test(worse, better, alt, conf, &br);
    if (e) {
        fs_cli_error(&cli, "sign test: %s", fs_strerror(e));
        goto cleanup;
    }
    const char *lang = cli.lang;
    int en = fs_lang_en(lang); /* decimal point rather than comma */
    const char *side = alt == FS_ALT_GREATER ? fs_tr(lang, "one-sided, better")
                       : alt == FS_ALT_LESS  ? fs_tr(lang, "one-sided, worse")
                                             : fs_tr(lang, "two-sided");
    char pcol[80], lo[80], hi[80], lvl[32];
    /* the level in percent with as few decimals as it needs (95, 97,5), at most 4 */
    double pct = conf * 100;
    int dec = 0;
    while (dec < 4 && fabs(pct * pow(10, dec) - round(pct * pow(10, dec))) > 1e-6)
        dec++;
    fs_format_fixed(lvl, sizeof lvl, pct, dec, !en);
    snprintf(pcol, sizeof pcol, fs_tr(lang, "p (sign test, %s)"), side);
    snprintf(lo, sizeof lo, fs_tr(lang, "%s %% CI, lower"), lvl);
    snprintf(hi, sizeof hi, fs_tr(lang, "%s %% CI, upper"), lvl);
    rep = fs_report_new("signtest", cli.lang);
    fs_table *t = rep ? fs_table_new("signtest", fs_tr(lang, "Exact sign test")) : NULL;
    if (!t)
        goto oom;
    if (fs_table_set_sheet(t, fs_tr(lang, "Sign test")) ||
        fs_table_add_col(t, "n", fs_tr(lang, "Linked answers"), FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "worse", fs_tr(lang, "Worse"), FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "unchanged", fs_tr(lang, "Unchanged"), FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "better", fs_tr(lang, "Better"), FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "p_sign", pcol, FS_COL_PVALUE, 0, -1) < 0 ||
        fs_table_add_col(t, "ci_low", lo, FS_COL_NUMBER, 4, -1) < 0 ||
        fs_table_add_col(t, "ci_high", hi, FS_COL_NUMBER, 4, -1) < 0)
        goto oom_t;
    fs_row *r = fs_table_add_row(t, "result", fs_tr(lang, "Result"), 0, 0);
    if (!r)
        goto oom_t;
    fs_row_set(t, r, "n", (double)worse + unchanged + better);
    fs_row_set(t, r, "worse", worse);
    fs_row_set(t, r, "unchanged", unchanged);
    fs_row_set(t, r, "better", better);
    fs_row_set(t, r, "p_sign", br.p_value);
    fs_row_set(t, r, "ci_low", br.ci_low);
    fs_row_set(t, r, "ci_high", br.ci_high);
    e = fs_table_add_note(t, fs_tr(lang, "Method: exact sign test, binomial test of %u better among "
                                         "%u changed against p = 0.5 (R: binom.test(%u, %u, 0.5)); "
                                         "%u unchanged left out; %s."),
                          better, worse + better, better, worse + better, unchanged, side);
    if (!e && alt == FS_ALT_TWO_SIDED)
        e = fs_table_add_note(t, fs_tr(lang, "Interval: Clopper-Pearson %s %% for the share better "
                                             "among the changed."),
                              lvl);
    else if (!e)
        e = fs_table_add_note(t, fs_tr(lang, "Interval: Clopper-Pearson %s %% for the share better "
                                             "among the changed, one-sided."),
                              lvl);
    if (!e && worse + better == 0)
        e = fs_table_add_note(t, fs_tr(lang, "No changed answers: p = 1 by definition."));
    if (e)
        goto oom_t;
    if (fs_report_add_table(rep, t))
        goto oom;
    status = fs_cli_write(&cli, rep);
    goto cleanup;
oom_t:
    fs_table_free(t);
oom:
    fs_cli_error(&cli, "out of memory");
    status = FS_EXIT_FAILURE;
cleanup:
    fs_report_free(rep);
    fs_cli_free(&cli);
    return status;
}
