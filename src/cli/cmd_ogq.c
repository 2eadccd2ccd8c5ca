/* cmd_ogq.c: `finsam-stats ogq`: OGQ / GAP activity gaps at start and at exit: per activity
 * gaps before and after, closed and opened, exact McNemar; per person total gaps with a sign
 * test (fewer = better). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "finsam/i18n.h"
#include "finsam/text.h"
#include "finsam/ogq.h"
#include "quest_cli.h"

static const char usage[] =
    "Usage: finsam-stats ogq [OPTIONS] FILE [FILE2]\n"
    "\n"
    "Occupational Gaps Questionnaire at two occasions, linked by participant id. FILE\n"
    "is in long form (id, Tillfälle, then one column per activity), or FILE is the\n"
    "start and FILE2 the exit. Answers are the four response types, as codes 1-4\n"
    "(1 does and wants, 2 does not but wants, 3 does but does not want, 4 neither) or\n"
    "text (Gör och vill göra, Gör inte men vill göra, Gör men vill inte göra, Gör\n"
    "inte och vill inte göra); a gap is 2 or 3. With --gap-indicator the answers are\n"
    "0/1 (1 = gap). Per activity: gaps at both occasions, gaps closed and opened with\n"
    "their shares and Wilson 95 % intervals, exact McNemar p. Per person: total gaps\n"
    "over the activities answered at both, with a sign test (fewer gaps = better).\n"
    "xlsx output has a chart of gaps before and after.\n"
    "\n"
    "Options:\n"
    "  --gap-indicator       answers are 0/1 gap indicators\n";

static const struct option longopts[] = {
    {"gap-indicator", no_argument, NULL, QCLI_OPT_GAP_INDICATOR},
    {NULL, 0, NULL, 0},
};

static int own(qcli *qc, int opt, const char *arg)
{
    (void)arg;
    if (opt != QCLI_OPT_GAP_INDICATOR)
        return -1;
    qc->qo.coding = FS_QC_OGQ_GAP;
    return 0;
}

static fs_table *activity_table(qcli *qc, const char *key, const char *title, int sex, int chart)
{
    const char *lang = qc->cli.lang;
    fs_table *t = fs_table_new(key, title);
    char sheet[40];
    unsigned none = 0;
    snprintf(sheet, sizeof sheet, "%s%s%s", fs_tr(lang, "Gaps"), qc->by_sex ? ", " : "",
             qc->by_sex ? fs_quest_sex_text(lang, sex) : "");
    if (!t || fs_table_set_sheet(t, sheet) ||
        fs_table_add_col(t, "n", fs_tr(lang, "Linked answers"), FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "gaps_start", fs_tr(lang, "Gaps, start"), FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "gaps_end", fs_tr(lang, "Gaps, exit"), FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "closed", fs_tr(lang, "Gap closed"), FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "closed_pct", fs_tr(lang, "Gap closed (%)"), FS_COL_SHARE, 0, fs_table_col(t, "closed")) < 0 ||
        fs_table_add_col(t, "closed_ci_low", fs_tr(lang, "Closed, 95 % CI low"), FS_COL_SHARE, 0, fs_table_col(t, "closed")) < 0 ||
        fs_table_add_col(t, "closed_ci_high", fs_tr(lang, "Closed, 95 % CI high"), FS_COL_SHARE, 0, fs_table_col(t, "closed")) < 0 ||
        fs_table_add_col(t, "opened", fs_tr(lang, "Gap opened"), FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "opened_pct", fs_tr(lang, "Gap opened (%)"), FS_COL_SHARE, 0, fs_table_col(t, "opened")) < 0 ||
        fs_table_add_col(t, "opened_ci_low", fs_tr(lang, "Opened, 95 % CI low"), FS_COL_SHARE, 0, fs_table_col(t, "opened")) < 0 ||
        fs_table_add_col(t, "opened_ci_high", fs_tr(lang, "Opened, 95 % CI high"), FS_COL_SHARE, 0, fs_table_col(t, "opened")) < 0 ||
        fs_table_add_col(t, "p_mcnemar", fs_tr(lang, "p (McNemar exact, two-sided)"), FS_COL_PVALUE,
                         0, -1) < 0)
        goto fail;
    fs_quest_counts nc;
    unsigned long missing = 0;
    fs_quest_count(&qc->q, qc->to.from, qc->to.to, &nc);
    unsigned long linked = sex >= 0 ? nc.by_sex_linked[sex] : nc.linked;
    for (size_t i = 0; i < qc->q.n_items; i++) {
        fs_ogq_item it;
        if (fs_ogq_item_summary(&qc->q, i, qc->to.from, qc->to.to, sex, &it))
            goto fail;
        fs_row *r = fs_table_add_row(t, qc->q.item_key[i], qc->q.item_label[i], 0, 0);
        if (!r)
            goto fail;
        fs_row_set(t, r, "n", it.n);
        fs_row_set(t, r, "gaps_start", it.gaps_start);
        fs_row_set(t, r, "gaps_end", it.gaps_end);
        fs_row_set(t, r, "closed", it.closed);
        fs_row_set(t, r, "opened", it.opened);
        fs_row_set(t, r, "closed_pct", it.n ? 100.0 * it.closed / it.n : NAN);
        fs_row_set(t, r, "closed_ci_low", 100.0 * it.closed_low);
        fs_row_set(t, r, "closed_ci_high", 100.0 * it.closed_high);
        fs_row_set(t, r, "opened_pct", it.n ? 100.0 * it.opened / it.n : NAN);
        fs_row_set(t, r, "opened_ci_low", 100.0 * it.opened_low);
        fs_row_set(t, r, "opened_ci_high", 100.0 * it.opened_high);
        fs_row_set(t, r, "p_mcnemar", it.has_test ? it.mcnemar.p_exact : NAN);
        none += !it.has_test;
        missing += linked - it.n;
    }
    char cm[16], cl[16];
    qcli_count(qc, missing, cm);
    qcli_count(qc, linked, cl);
    if (missing && fs_table_add_note(t, fs_tr(lang, "%s answers of linked participants are missing "
                                                    "at start or exit (Antal svar is below %s); they "
                                                    "are not compared."),
                                     cm, cl))
        goto fail;
    if (fs_quest_participation_note(&qc->q, &qc->to, t, sex))
        goto fail;
    if (fs_table_add_note(t, fs_tr(lang, "A gap: does the activity but does not want to, or wants "
                                         "to but does not. Counted over linked participants "
                                         "answering the activity at both occasions. p: exact "
                                         "McNemar test (binomial test of gaps closed against gaps "
                                         "opened), two-sided.")) ||
        fs_table_add_note(t, fs_tr(lang, "Gap closed (%%) and Gap opened (%%): shares of the linked "
                                         "answers, with Wilson 95 %% confidence intervals.")) ||
        (none && fs_table_add_note(t, fs_tr(lang, "An item without linked answers has no "
                                                  "p-value (the cell is empty)."))))
        goto fail;
    if (chart && fs_table_set_chart(t, fs_tr(lang, "Number of activity gaps before and after"), 0,
                                    "gaps_start", "gaps_end"))
        goto fail;
    return t;
fail:
    fs_table_free(t);
    return NULL;
}

static int run(qcli *qc)
{
    const char *lang = qc->cli.lang;
    const char *title = fs_tr(lang, "Activity gaps at start and at exit");
    int rc;
    if (qc->by_sex)
        for (int s = FS_SEX_WOMAN; s <= FS_SEX_MAN; s++) {
            char *k = fs_asprintf("ogq_%s", s == FS_SEX_WOMAN ? "women" : "men");
            char *ti = fs_asprintf("%s, %s", title, fs_quest_sex_text(lang, s));
            fs_table *t = k && ti ? activity_table(qc, k, ti, s, 0) : NULL;
            free(k);
            free(ti);
            if ((rc = qcli_add(qc, t)) != 0)
                return rc;
        }
    char *ti = qc->by_sex ? fs_asprintf("%s, %s", title, fs_quest_sex_text(lang, -1)) : fs_strdup(title);
    fs_table *t = ti ? activity_table(qc, "ogq", ti, FS_QUEST_ALL_SEXES, 1) : NULL;
    free(ti);
    if ((rc = qcli_add(qc, t)) != 0)
        return rc;

    fs_paired_item tot;
    fs_quest_table_options o = qc->to;
    o.wilcoxon = 0;
    t = fs_table_new("ogq_totals", fs_tr(lang, "Total gaps per participant at start and at exit"));
    if (!t || fs_table_set_sheet(t, fs_tr(lang, "Gaps per participant")) ||
        fs_ogq_totals(&qc->q, qc->to.from, qc->to.to, FS_QUEST_ALL_SEXES, qc->alt, &tot) ||
        fs_quest_item_columns(t, &o) ||
        fs_quest_item_row(t, "total_gaps", fs_tr(lang, "Gaps per participant"), &tot) ||
        fs_table_add_note(t, fs_tr(lang, "Per linked participant: gaps over the activities answered "
                                         "at both occasions. Better = fewer gaps at exit; exact sign "
                                         "test, %s."),
                          fs_quest_alt_text(lang, qc->alt)) ||
        fs_quest_share_note(t, &o, !tot.has_test)) {
        fs_table_free(t);
        return qcli_oom(qc);
    }
    return qcli_add(qc, t);
}

static int init(qcli *qc)
{
    qc->higher_is_better = 0;
    return 0;
}

const fs_quest_command fs_quest_ogq = {
    .name = "ogq",
    .prog = "finsam-stats ogq",
    .usage = usage,
    .config_help = "[occasions] order",
    .longopts = longopts,
    .flags = QCMD_PAIRED,
    .coding = FS_QC_OGQ,
    .init = init,
    .own = own,
    .run = run,
};

int cmd_ogq(int argc, char **argv)
{
    return fs_quest_main(&fs_quest_ogq, argc, argv);
}
