/* cmd_kasam.c: `finsam-stats kasam`: KASAM / SOC-13 at two occasions: the total 13-91 per
 * person (reversed items scored 8 - answer), paired with the sign and Wilcoxon tests, medians
 * and the share improved; then the items, reverse-scored. */
#include <stdlib.h>

#include "finsam/i18n.h"
#include "finsam/kasam.h"
#include "finsam/text.h"
#include "quest_cli.h"

static const char usage[] =
    "Usage: finsam-stats kasam [OPTIONS] FILE [FILE2]\n"
    "\n"
    "KASAM / SOC-13 (Antonovsky's sense of coherence) at two occasions, linked by\n"
    "participant id. FILE is in long form (id, Tillfälle, then the 13 items in\n"
    "questionnaire order), or FILE is the start and FILE2 the exit. Answers 1-7;\n"
    "items 1, 2, 3, 7 and 10 are reverse-scored (8 - answer); the total is 13-91,\n"
    "higher = a stronger sense of coherence, valid when all 13 are answered ([kasam]\n"
    "max_missing = N allows N missing, replaced by the mean of the person's answers).\n"
    "Per participant with a valid total at both occasions: worse / unchanged /\n"
    "better, medians and means, the shares better and worse with Wilson 95 %\n"
    "intervals, the sign test and the Wilcoxon signed-rank test. Then the items,\n"
    "reverse-scored, compared one by one.\n"
    "\n"
    "Options:\n";

static const struct option longopts[] = {
    {NULL, 0, NULL, 0},
};

static int init(qcli *qc)
{
    qc->qo.has_scale = 1;
    qc->qo.scale_min = 1;
    qc->qo.scale_max = 7;
    qc->wilcoxon = 1;
    return 0;
}

static fs_table *total_table(qcli *qc, const fs_kasam_rules *r, const fs_kasam_summary *s)
{
    const char *lang = qc->cli.lang;
    fs_table *t = fs_table_new("kasam", fs_tr(lang, "KASAM (SOC-13): total at start and at exit"));
    fs_buf rev = {0};
    for (int i = 0; i < FS_KASAM_ITEMS; i++)
        if (r->reversed[i])
            fs_buf_printf(&rev, "%s%d", rev.len ? ", " : "", i + 1);
    char a[16], b[16], c[16], d[16], e[16];
    if (!t || fs_table_set_sheet(t, "KASAM") || fs_quest_item_columns(t, &qc->to) ||
        fs_quest_item_row(t, "total", fs_tr(lang, "KASAM total (13-91)"), &s->total) ||
        fs_table_add_note(t, fs_tr(lang, "Participants with a valid total at both occasions: %s of "
                                         "%s linked (invalid: %s at start, %s at exit); %s with "
                                         "missing answers replaced by their mean."),
                          qcli_count(qc, s->valid_both, a), qcli_count(qc, s->linked, b),
                          qcli_count(qc, s->invalid_start, c), qcli_count(qc, s->invalid_exit, d),
                          qcli_count(qc, s->imputed, e)) ||
        fs_table_add_note(t, fs_tr(lang, "Items %s reverse-scored (8 - answer); total 13-91, higher "
                                         "= a stronger sense of coherence; valid with at most %u of "
                                         "13 answers missing."),
                          rev.data ? rev.data : "-", r->max_missing) ||
        fs_table_add_note(t, fs_tr(lang, "Better = a higher total at exit; exact sign test and "
                                         "Wilcoxon signed-rank test, %s."),
                          fs_quest_alt_text(lang, qc->alt)) ||
        fs_quest_share_note(t, &qc->to, !s->total.has_test)) {
        fs_buf_free(&rev);
        fs_table_free(t);
        return NULL;
    }
    fs_buf_free(&rev);
    return t;
}

static int run(qcli *qc)
{
    fs_msg msg = {""};
    fs_kasam_rules rules;
    fs_kasam_summary sum;
    if (qc->q.n_items != FS_KASAM_ITEMS) {
        fs_cli_error(&qc->cli, "%s: %zu items; KASAM (SOC-13) has %d (choose them with --items)",
                     qc->cli.files[0], qc->q.n_items, FS_KASAM_ITEMS);
        return FS_EXIT_FAILURE;
    }
    fs_error e = fs_kasam_rules_from_config(&qc->cli.config, &rules, &msg);
    if (e) {
        fs_cli_error(&qc->cli, "%s", msg.text);
        return fs_cli_status(e);
    }
    fs_kasam_reverse(&qc->q, &rules);
    if (fs_kasam_summarise(&qc->q, &rules, qc->to.from, qc->to.to, FS_QUEST_ALL_SEXES, qc->alt,
                           &sum))
        return qcli_oom(qc);
    int rc = qcli_add(qc, total_table(qc, &rules, &sum));
    if (rc)
        return rc;
    if (fs_quest_item_tables(&qc->q, &qc->to, qc->by_sex, "items",
                             fs_tr(qc->cli.lang, "KASAM items, reverse-scored, at start and at exit"),
                             NULL, qc->rep))
        return qcli_oom(qc);
    return 0;
}

static const fs_quest_command kasam = {
    .name = "kasam",
    .prog = "finsam-stats kasam",
    .usage = usage,
    .config_help = "[kasam] reversed, max_missing;\n"
                   "                        [occasions] order",
    .longopts = longopts,
    .flags = QCMD_PAIRED,
    .coding = FS_QC_NUMERIC,
    .init = init,
    .run = run,
};

int cmd_kasam(int argc, char **argv)
{
    return fs_quest_main(&kasam, argc, argv);
}
