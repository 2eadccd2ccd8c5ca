/* cmd_barometer.c: `finsam-stats barometer`: the hälsobarometer self-rating, compared item by
 * item as `paired` with its defaults: numeric items 1..10, higher is better, sign and
 * Wilcoxon tests, and an xlsx chart of the means at start and at exit. */
#include "finsam/i18n.h"
#include "quest_cli.h"

static const char usage[] =
    "Usage: finsam-stats barometer [OPTIONS] FILE [FILE2]\n"
    "\n"
    "The hälsobarometer (self-rating) at two occasions, linked by participant id: as\n"
    "'paired' with numeric items, higher is better, the exact sign test and the\n"
    "Wilcoxon signed-rank test, and the shares better and worse with Wilson 95 %\n"
    "intervals. FILE is in long form (id, Tillfälle = Före/Efter, Start/Avslut, ...,\n"
    "then one column per item), or FILE is the start and FILE2 the exit. xlsx output\n"
    "has a chart of the mean at start and at exit per item.\n"
    "\n"
    "Options:\n"
    "  --scale MIN..MAX      answers outside are errors (default 1..10)\n"
    "  --lower-is-better     a lower answer at exit is better\n";

static const struct option longopts[] = {
    {"scale", required_argument, NULL, QCLI_OPT_SCALE},
    {"lower-is-better", no_argument, NULL, QCLI_OPT_LOWER},
    {NULL, 0, NULL, 0},
};

static int init(qcli *qc)
{
    qc->qo.has_scale = 1;
    qc->qo.scale_min = 1;
    qc->qo.scale_max = 10;
    qc->wilcoxon = 1;
    return 0;
}

static int own(qcli *qc, int opt, const char *arg)
{
    switch (opt) {
    case QCLI_OPT_SCALE: return qcli_parse_scale(qc, arg);
    case QCLI_OPT_LOWER: qc->higher_is_better = 0; return 0;
    default: return -1;
    }
}

static int run(qcli *qc)
{
    const char *lang = qc->cli.lang;
    if (fs_quest_item_tables(&qc->q, &qc->to, qc->by_sex, "items",
                             fs_tr(lang, "Hälsobarometer: self-rating at start and at exit, per item"),
                             fs_tr(lang, "Mean at start and at exit"), qc->rep))
        return qcli_oom(qc);
    return qc->q.n_occ > 2 ? qcli_add(qc, fs_quest_occasions_table(&qc->q, &qc->to)) : 0;
}

const fs_quest_command fs_quest_barometer = {
    .name = "barometer",
    .prog = "finsam-stats barometer",
    .usage = usage,
    .config_help = "[occasions] order",
    .longopts = longopts,
    .flags = QCMD_PAIRED,
    .coding = FS_QC_NUMERIC,
    .init = init,
    .own = own,
    .run = run,
};

int cmd_barometer(int argc, char **argv)
{
    return fs_quest_main(&fs_quest_barometer, argc, argv);
}
