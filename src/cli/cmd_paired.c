/* cmd_paired.c: `finsam-stats paired`: numeric or ordered items answered at two or more
 * occasions, compared per item on linked participants with an exact sign test (and
 * Wilcoxon), the share improved, and with three or more occasions the Friedman test. */
#include <string.h>

#include "finsam/i18n.h"
#include "quest_cli.h"

static const char usage[] =
    "Usage: finsam-stats paired [OPTIONS] FILE [FILE2]\n"
    "\n"
    "Compares questionnaire items answered at two occasions, linked by participant\n"
    "id. FILE is in long form (id, Tillfälle = Start/Avslut, Före/Efter,\n"
    "Inskrivning/Utskrivning or 1/2, also Halvvägs, or the config's [occasions]\n"
    "order; then one column per item), or FILE is the start and FILE2 the exit. Per\n"
    "item: linked answers, worse / unchanged / better, median and mean at both\n"
    "occasions, the shares better and worse with Wilson 95 % intervals, and the exact\n"
    "sign-test p-value (unchanged left out). One table per sex when the file has a\n"
    "Kön column or with --participants. With three or more occasions, also per item\n"
    "the median at each occasion and the Friedman test on the participants who\n"
    "answered at every one.\n"
    "\n"
    "Options:\n"
    "  --test T              sign (default), wilcoxon or both (the sign test is\n"
    "                        always shown)\n"
    "  --higher-is-better    a higher answer at exit is better (default)\n"
    "  --lower-is-better     a lower answer at exit is better\n"
    "  --scale MIN..MAX      answers outside are errors (e.g. 1..10)\n";

static const struct option longopts[] = {
    {"test", required_argument, NULL, QCLI_OPT_TEST},
    {"scale", required_argument, NULL, QCLI_OPT_SCALE},
    {"higher-is-better", no_argument, NULL, QCLI_OPT_HIGHER},
    {"lower-is-better", no_argument, NULL, QCLI_OPT_LOWER},
    {NULL, 0, NULL, 0},
};

static int own(qcli *qc, int opt, const char *arg)
{
    switch (opt) {
    case QCLI_OPT_TEST:
        if (strcmp(arg, "sign") == 0)
            qc->wilcoxon = 0;
        else if (strcmp(arg, "wilcoxon") == 0 || strcmp(arg, "both") == 0)
            qc->wilcoxon = 1;
        else
            return fs_cli_usage_error(&qc->cli, "--test: '%s' is not sign, wilcoxon or both", arg);
        return 0;
    case QCLI_OPT_SCALE: return qcli_parse_scale(qc, arg);
    case QCLI_OPT_HIGHER: qc->higher_is_better = 1; return 0;
    case QCLI_OPT_LOWER: qc->higher_is_better = 0; return 0;
    default: return -1;
    }
}

static int run(qcli *qc)
{
    if (fs_quest_item_tables(&qc->q, &qc->to, qc->by_sex, "items",
                             fs_tr(qc->cli.lang, "Answers at start and at exit, per item"), NULL,
                             qc->rep))
        return qcli_oom(qc);
    return qc->q.n_occ > 2 ? qcli_add(qc, fs_quest_occasions_table(&qc->q, &qc->to)) : 0;
}

static const fs_quest_command paired = {
    .name = "paired",
    .prog = "finsam-stats paired",
    .usage = usage,
    .config_help = "[occasions] order",
    .longopts = longopts,
    .flags = QCMD_PAIRED,
    .coding = FS_QC_NUMERIC,
    .own = own,
    .run = run,
};

int cmd_paired(int argc, char **argv)
{
    return fs_quest_main(&paired, argc, argv);
}
