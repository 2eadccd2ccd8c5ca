/* cmd_paired.c: `finsam-stats paired`: numeric or ordered items answered at start and at
 * exit, compared per item on linked participants with an exact sign test (and Wilcoxon). */
#include <string.h>

#include "finsam/i18n.h"
#include "quest_cli.h"

static const char usage[] =
    "Usage: finsam-stats paired [OPTIONS] FILE [FILE2]\n"
    "\n"
    "Compares questionnaire items answered at start and at exit, linked by participant id.\n"
    "FILE is in long form (id, Tillfälle = Start/Avslut, Före/Efter, Inskrivning/Utskrivning\n"
    "or 1/2, then one column per item), or FILE is the start and FILE2 the exit. Per item:\n"
    "linked answers, worse / unchanged / better, median and mean at start and exit, and the\n"
    "exact sign-test p-value (unchanged left out). One table per sex when the file has a Kön\n"
    "column or with --participants.\n"
    "\n"
    "Options:\n"
    "  --test T              sign (default), wilcoxon or both (the sign test is always shown)\n"
    "  --alternative A       two-sided (default), greater (better) or less (worse)\n"
    "  --higher-is-better    a higher answer at exit is better (default)\n"
    "  --lower-is-better     a lower answer at exit is better\n"
    "  --scale MIN..MAX      answers outside are errors (e.g. 1..10)\n"
    "  --items A,B,...       only these item columns (headers or their keys), in this order\n"
    "  --participants EXPORT sex of each participant from a SUS export (joined on id)\n"
    "  --suppress N          show counts 1..N-1 as <N (cells, notes and warnings)\n"
    "  --lang sv|en          labels and notes (default sv)\n"
    "  --format FORMAT       text, csv, json or xlsx (default text, or from -o's extension)\n"
    "  -o, --output FILE     write to FILE (replaced only when the run succeeds)\n"
    "  --csv-dialect D       rfc4180 (default) or excel-sv (;, decimal comma, BOM)\n"
    "  --config FILE         INI file: [columns] id, personnummer, sex; [defaults]\n"
    "  --separator C         input separator ; , tab (default: detected)\n"
    "  --encoding E          input encoding auto, utf-8, cp1252 (default auto)\n"
    "  --created DATE        xlsx creation date (reproducible files); also SOURCE_DATE_EPOCH\n"
    "  --quiet               no warnings on standard error\n"
    "  --help                this text\n"
    "\n"
    "--period, --insats, --by, --strict, --as-of, --rounding and --decimals do not apply\n"
    "to paired (usage errors).\n"
    "\n"
    "Exit status: 0 success, 1 data or runtime error, 2 usage error. See finsam-stats-paired(1).\n";

/* --test sign|wilcoxon|both */
static int parse_test(qcli *qc, const char *arg)
{
    if (strcmp(arg, "sign") == 0)
        qc->tests = QCLI_TEST_SIGN;
    else if (strcmp(arg, "wilcoxon") == 0 || strcmp(arg, "both") == 0)
        qc->tests = QCLI_TEST_SIGN | QCLI_TEST_WILCOXON;
    else
        return fs_cli_usage_error(&qc->cli, "--test: '%s' is not sign, wilcoxon or both", arg);
    return 0;
}

static int own(qcli *qc, int opt, const char *arg, void *user)
{
    (void)user;
    switch (opt) {
    case QCLI_OPT_TEST: return parse_test(qc, arg);
    case QCLI_OPT_SCALE: return qcli_parse_scale(qc, arg);
    case QCLI_OPT_HIGHER: qc->higher_is_better = 1; return 0;
    case QCLI_OPT_LOWER: qc->higher_is_better = 0; return 0;
    default: return -1;
    }
}

int cmd_paired(int argc, char **argv)
{
    static const struct option longopts[] = {
        FS_CLI_COMMON_LONGOPTS,
        QCLI_LONGOPTS,
        {"test", required_argument, NULL, QCLI_OPT_TEST},
        {"scale", required_argument, NULL, QCLI_OPT_SCALE},
        {"higher-is-better", no_argument, NULL, QCLI_OPT_HIGHER},
        {"lower-is-better", no_argument, NULL, QCLI_OPT_LOWER},
        {NULL, 0, NULL, 0},
    };
    qcli qc;
    int status;
    qcli_init(&qc, "finsam-stats paired", "paired", usage);
    qc.qo.coding = FS_QC_NUMERIC;
    if ((status = qcli_parse(&qc, argc, argv, longopts, own, NULL)) != 0) {
        status = status < 0 ? FS_EXIT_OK : status;
        goto cleanup;
    }
    if ((status = qcli_load(&qc)) != 0)
        goto cleanup;
    if ((status = qcli_item_tables(&qc, "items",
                                   fs_tr(qc.cli.lang, "Answers at start and at exit, per item"),
                                   NULL)) != 0)
        goto cleanup;
    status = qcli_write(&qc);
cleanup:
    qcli_free(&qc);
    return status;
}
