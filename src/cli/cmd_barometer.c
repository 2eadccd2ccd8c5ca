/* cmd_barometer.c: `finsam-stats barometer`: the hälsobarometer self-rating, compared item by
 * item as `paired` with its defaults: numeric items, higher is better, sign and Wilcoxon tests,
 * and an xlsx chart of the means at start and at exit. */
#include <stdlib.h>

#include "finsam/i18n.h"
#include "quest_cli.h"

static const char usage[] =
    "Usage: finsam-stats barometer [OPTIONS] FILE [FILE2]\n"
    "\n"
    "The hälsobarometer (self-rating) at start and at exit, linked by participant id: as\n"
    "'paired' with numeric items, higher is better, the exact sign test and the Wilcoxon\n"
    "signed-rank test. FILE is in long form (id, Tillfälle = Före/Efter, Start/Avslut, ...,\n"
    "then one column per item), or FILE is the start and FILE2 the exit. xlsx output has a\n"
    "chart of the mean at start and at exit per item.\n"
    "\n"
    "Options:\n"
    "  --scale MIN..MAX      answers outside are errors (default 1..10)\n"
    "  --lower-is-better     a lower answer at exit is better\n"
    "  --alternative A       two-sided (default), greater (better) or less (worse)\n"
    "  --items A,B,...       only these item columns, in this order\n"
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
    "to barometer (usage errors).\n"
    "\n"
    "Exit status: 0 success, 1 data or runtime error, 2 usage error. See finsam-stats-barometer(1).\n";

static int own(qcli *qc, int opt, const char *arg, void *user)
{
    (void)user;
    switch (opt) {
    case QCLI_OPT_SCALE: return qcli_parse_scale(qc, arg);
    case QCLI_OPT_LOWER: qc->higher_is_better = 0; return 0;
    default: return -1;
    }
}

int cmd_barometer(int argc, char **argv)
{
    static const struct option longopts[] = {
        FS_CLI_COMMON_LONGOPTS,
        QCLI_LONGOPTS,
        {"scale", required_argument, NULL, QCLI_OPT_SCALE},
        {"lower-is-better", no_argument, NULL, QCLI_OPT_LOWER},
        {NULL, 0, NULL, 0},
    };
    qcli qc;
    int status;
    qcli_init(&qc, "finsam-stats barometer", "barometer", usage);
    qc.qo.coding = FS_QC_NUMERIC;
    qc.qo.has_scale = 1;
    qc.qo.scale_min = 1;
    qc.qo.scale_max = 10;
    qc.tests = QCLI_TEST_SIGN | QCLI_TEST_WILCOXON;
    if ((status = qcli_parse(&qc, argc, argv, longopts, own, NULL)) != 0) {
        status = status < 0 ? FS_EXIT_OK : status;
        goto cleanup;
    }
    if ((status = qcli_load(&qc)) != 0)
        goto cleanup;
    status = qcli_item_tables(&qc, "items",
                              fs_tr(qc.cli.lang, "Hälsobarometer: self-rating at start and at exit, "
                                                 "per item"),
                              fs_tr(qc.cli.lang, "Mean at start and at exit"));
    if (!status)
        status = qcli_write(&qc);
cleanup:
    qcli_free(&qc);
    return status;
}
