/* cmd_survey.c: `finsam-stats survey`: single-occasion questionnaires (the national
 * indicators, exit surveys): the distribution per question in scale order, by sex or by
 * period, the share agreeing with its interval, and the test between two groups. */
#include <string.h>

#include "finsam/i18n.h"
#include "finsam/survey.h"
#include "quest_cli.h"

static const char usage[] =
    "Usage: finsam-stats survey [OPTIONS] FILE\n"
    "\n"
    "Questionnaires answered once (the national indicators, exit surveys), anonymous\n"
    "or with a participant id. One row per response, one column per question; a Kön\n"
    "column (or --participants) gives the sex, an answer date column (Datum,\n"
    "Svarsdatum, Besvarad, or [survey] date) the period. Per question: the answer\n"
    "categories in scale order (the config's [scales], else Instämmer helt ...\n"
    "Instämmer inte alls, Mycket lätt ... Mycket svårt, Mycket nöjd ... Mycket\n"
    "missnöjd, Ja/Nej, numbers such as 1-10, else the answers as found, without\n"
    "order), counts and shares of the answers on the scale, Vet inte and no answer\n"
    "counted apart; for women, men and the total, or per period with --by. Then per\n"
    "question the share agreeing (the top two categories; [survey] agree_top) with a\n"
    "Wilson 95 % interval, and the test of women against men, or of the last two\n"
    "periods: Mann-Whitney for an ordered scale, Fisher's exact test for answers\n"
    "without an order.\n"
    "\n"
    "Options:\n"
    "  --by PERIOD           year, half or quarter of the answer date: columns per\n"
    "                        period\n";

static const struct option longopts[] = {
    {NULL, 0, NULL, 0},
};

static fs_survey_by by = FS_SURVEY_BY_NONE;

static int init(qcli *qc)
{
    (void)qc;
    by = FS_SURVEY_BY_NONE;
    return 0;
}

static int own(qcli *qc, int opt, const char *arg)
{
    if (opt != FS_OPT_BY)
        return -1;
    if (fs_survey_by_parse(arg, &by))
        return fs_cli_usage_error(&qc->cli, "--by: '%s' is not year, half or quarter", arg);
    return 0;
}

static int run(qcli *qc)
{
    fs_msg msg = {""};
    fs_scale_set scales;
    fs_survey_rules rules;
    fs_survey s;
    int status = FS_EXIT_FAILURE;
    memset(&s, 0, sizeof s);
    fs_error e = fs_scale_set_load(&qc->cli.config, &scales, &msg);
    if (!e)
        e = fs_survey_rules_from_config(&qc->cli.config, &rules, &msg);
    if (!e)
        e = fs_survey_summarise(&qc->q, &scales, by, qc->by_sex, &rules, &s, &msg);
    if (e) {
        fs_cli_error(&qc->cli, "%s: %s", qc->cli.files[0], msg.text);
        status = fs_cli_status(e);
        goto done;
    }
    char n1[16];
    if (s.no_date)
        qcli_warn(qc, fs_tr(qc->cli.lang, "%s: %s responses have no answer date; they are in the "
                                          "total only"),
                  qc->cli.files[0], qcli_count(qc, s.no_date, n1));
    if (s.unknown_sex)
        qcli_warn(qc, fs_tr(qc->cli.lang, "%s: %s responses have no recorded sex; they are in the "
                                          "total only"),
                  qc->cli.files[0], qcli_count(qc, s.unknown_sex, n1));
    if (fs_survey_tables(&s, &qc->q, qc->cli.lang, qc->cli.rounding, qc->cli.decimals, qc->rep))
        status = qcli_oom(qc);
    else
        status = 0;
done:
    fs_survey_free(&s);
    fs_scale_set_free(&scales);
    return status;
}

const fs_quest_command fs_quest_survey = {
    .name = "survey",
    .prog = "finsam-stats survey",
    .usage = usage,
    .config_help = "[scales] NAME = A | B | ...;\n"
                   "                        [survey] agree_top, date",
    .longopts = longopts,
    .flags = QCMD_SINGLE | QCMD_SHARES | QCMD_OWN_BY,
    .coding = FS_QC_CATEGORY,
    .init = init,
    .own = own,
    .run = run,
};

int cmd_survey(int argc, char **argv)
{
    return fs_quest_main(&fs_quest_survey, argc, argv);
}
