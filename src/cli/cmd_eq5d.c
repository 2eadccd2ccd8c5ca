/* cmd_eq5d.c: `finsam-stats eq5d`: EQ-5D-5L at two occasions: the levels per dimension,
 * the Pareto classification of each person's change, EQ VAS with the Wilcoxon test, and the
 * index when the user gives a value set. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "finsam/eq5d.h"
#include "finsam/i18n.h"
#include "finsam/text.h"
#include "quest_cli.h"

static const char usage[] =
    "Usage: finsam-stats eq5d [OPTIONS] FILE [FILE2]\n"
    "\n"
    "EQ-5D-5L at two occasions, linked by participant id. FILE is in long form (id,\n"
    "Tillfälle, then mobility, self-care, usual activities, pain/discomfort,\n"
    "anxiety/depression as levels 1-5, and EQ VAS 0-100 when there is a sixth item),\n"
    "or FILE is the start and FILE2 the exit. Per dimension: the levels at both\n"
    "occasions, and worse / unchanged / better (a lower level is better) with the\n"
    "shares and Wilson 95 % intervals and the sign test; per participant with all\n"
    "five dimensions at both: the Pareto classification (better, worse, mixed,\n"
    "unchanged); EQ VAS with medians, the sign test and the Wilcoxon signed-rank\n"
    "test. An index only from a value set you give.\n"
    "\n"
    "Options:\n"
    "  --value-set FILE      CSV with columns dimension (MO SC UA PD AD), level,\n"
    "                        decrement, constant: index = 1 - constant\n"
    "                        (unless 11111) - the decrements\n";

static const struct option longopts[] = {
    {"value-set", required_argument, NULL, QCLI_OPT_VALUE_SET},
    {NULL, 0, NULL, 0},
};

static const char *value_set_path;

static int init(qcli *qc)
{
    (void)qc;
    value_set_path = NULL;
    return 0;
}

static int own(qcli *qc, int opt, const char *arg)
{
    (void)qc;
    if (opt != QCLI_OPT_VALUE_SET)
        return -1;
    value_set_path = arg;
    return 0;
}

#define N_(s) s /* translated where it is used, with fs_tr() */
static const char *const dim_key[FS_EQ5D_DIMS] = {"mobility", "self_care", "usual_activities",
                                                  "pain_discomfort", "anxiety_depression"};
static const char *const change_key[FS_EQ5D_N_CHANGE] = {"better", "worse", "mixed", "unchanged"};
static const char *const change_label[FS_EQ5D_N_CHANGE] = {N_("Better"), N_("Worse"), N_("Mixed"),
                                                           N_("Unchanged")};

static fs_table *level_table(qcli *qc, const fs_eq5d_summary *s, int d)
{
    const char *lang = qc->cli.lang;
    char *key = fs_asprintf("levels_%s", dim_key[d]);
    char *title = fs_asprintf(fs_tr(lang, "%s: levels at start and at exit"), qc->q.item_label[d]);
    fs_table *t = key && title ? fs_table_new(key, title) : NULL;
    char sheet[32];
    free(key);
    free(title);
    snprintf(sheet, sizeof sheet, "%s %d", fs_tr(lang, "Dimension"), d + 1);
    if (!t || fs_table_set_sheet(t, sheet) ||
        fs_table_add_col(t, "start", "Start", FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "start_pct", fs_tr(lang, "Share, start"), FS_COL_SHARE, qc->cli.decimals, 0) < 0 ||
        fs_table_add_col(t, "end", fs_tr(lang, "Exit"), FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "end_pct", fs_tr(lang, "Share, exit"), FS_COL_SHARE, qc->cli.decimals, 2) < 0)
        goto fail;
    double n = s->answered[d];
    for (int l = 0; l <= FS_EQ5D_LEVELS; l++) {
        int tot = l == FS_EQ5D_LEVELS;
        char rk[16], rl[64];
        if (tot)
            snprintf(rk, sizeof rk, "total");
        else
            snprintf(rk, sizeof rk, "level_%d", l + 1);
        if (tot)
            snprintf(rl, sizeof rl, "%s", fs_tr(lang, "Total"));
        else
            snprintf(rl, sizeof rl, fs_tr(lang, "Level %d"), l + 1);
        fs_row *r = fs_table_add_row(t, rk, rl, 0, tot);
        if (!r)
            goto fail;
        double a = tot ? n : s->level[0][d][l], b = tot ? n : s->level[1][d][l];
        fs_row_set(t, r, "start", a);
        fs_row_set(t, r, "end", b);
        if (n) {
            fs_row_set(t, r, "start_pct", 100 * a / n);
            fs_row_set(t, r, "end_pct", 100 * b / n);
        }
    }
    fs_table_round(t, qc->cli.rounding, qc->cli.decimals, 0);
    if (fs_table_note_rounding(t, lang) ||
        fs_table_add_note(t, fs_tr(lang, "Linked participants answering the dimension at both "
                                         "occasions; level 1 = no problems, 5 = extreme problems.")))
        goto fail;
    return t;
fail:
    fs_table_free(t);
    return NULL;
}

static fs_table *change_table(qcli *qc, const fs_eq5d_summary *s)
{
    const char *lang = qc->cli.lang;
    fs_table *t = fs_table_new("pareto", fs_tr(lang, "EQ-5D: change per participant (Pareto)"));
    char a[16], b[16];
    if (!t || fs_table_set_sheet(t, fs_tr(lang, "Change")) ||
        fs_table_add_col(t, "n", fs_tr(lang, "Participants"), FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "pct", fs_tr(lang, "Share (%)"), FS_COL_SHARE, qc->cli.decimals, 0) < 0)
        goto fail;
    for (int c = 0; c <= FS_EQ5D_N_CHANGE; c++) {
        int tot = c == FS_EQ5D_N_CHANGE;
        fs_row *r = fs_table_add_row(t, tot ? "total" : change_key[c],
                                     tot ? fs_tr(lang, "Total") : fs_tr(lang, change_label[c]), 0, tot);
        if (!r)
            goto fail;
        double v = tot ? s->complete : s->change[c];
        fs_row_set(t, r, "n", v);
        if (s->complete)
            fs_row_set(t, r, "pct", 100 * v / s->complete);
    }
    fs_table_round(t, qc->cli.rounding, qc->cli.decimals, 0);
    if (fs_table_note_rounding(t, lang) ||
        fs_table_add_note(t, fs_tr(lang, "Better: some dimension at a lower level at exit and none "
                                         "higher; worse: the reverse; mixed: some better and some "
                                         "worse; unchanged: all five the same.")) ||
        fs_table_add_note(t, fs_tr(lang, "Participants with all five dimensions at both occasions: "
                                         "%s of %s linked."),
                          qcli_count(qc, s->complete, a), qcli_count(qc, s->linked, b)))
        goto fail;
    return t;
fail:
    fs_table_free(t);
    return NULL;
}

static fs_table *paired_table(qcli *qc, const char *key, const char *title, const char *sheet,
                              int wilcoxon, int higher, const fs_paired_item *items,
                              const char *const *labels, size_t n, const char *note)
{
    const char *lang = qc->cli.lang;
    fs_quest_table_options o = qc->to;
    o.wilcoxon = wilcoxon;
    o.higher_is_better = higher;
    unsigned none = 0;
    fs_table *t = fs_table_new(key, title);
    if (!t || fs_table_set_sheet(t, sheet) || fs_quest_item_columns(t, &o))
        goto fail;
    for (size_t i = 0; i < n; i++) {
        char *rk = fs_slug(labels[i]);
        int bad = !rk || fs_quest_item_row(t, rk, labels[i], &items[i]);
        free(rk);
        if (bad)
            goto fail;
        none += !items[i].has_test;
    }
    if (fs_table_add_note(t, "%s", note) ||
        fs_table_add_note(t, fs_tr(lang, "p (sign test): exact sign test, %s%s."),
                          fs_quest_alt_text(lang, qc->alt),
                          wilcoxon ? fs_tr(lang, "; p (Wilcoxon): Wilcoxon signed-rank test") : "") ||
        fs_quest_share_note(t, &o, none))
        goto fail;
    return t;
fail:
    fs_table_free(t);
    return NULL;
}

static int run(qcli *qc)
{
    fs_msg msg = {""};
    fs_eq5d_value_set vs;
    fs_eq5d_summary s;
    const char *lang = qc->cli.lang;
    fs_error e = fs_eq5d_check(&qc->q, qc->cli.files[0], &msg);
    if (!e && value_set_path)
        e = fs_eq5d_value_set_read(value_set_path, &qc->cli.csv, &vs, &msg);
    if (e) {
        fs_cli_error(&qc->cli, "%s", msg.text);
        return fs_cli_status(e);
    }
    if (fs_eq5d_summarise(&qc->q, value_set_path ? &vs : NULL, qc->to.from, qc->to.to,
                          FS_QUEST_ALL_SEXES, qc->alt, &s))
        return qcli_oom(qc);
    int rc = 0;
    for (int d = 0; d < FS_EQ5D_DIMS && !rc; d++)
        rc = qcli_add(qc, level_table(qc, &s, d));
    if (!rc)
        rc = qcli_add(qc, change_table(qc, &s));
    if (!rc)
        rc = qcli_add(qc, paired_table(qc, "dimensions", fs_tr(lang, "EQ-5D: change per dimension"),
                                       fs_tr(lang, "Dimensions"), 0, 0, s.dim,
                                       (const char *const *)qc->q.item_label, FS_EQ5D_DIMS,
                                       fs_tr(lang, "Better = a lower level at exit.")));
    if (!rc && s.has_vas)
        rc = qcli_add(qc, paired_table(qc, "vas", fs_tr(lang, "EQ VAS at start and at exit"), "EQ VAS",
                                       1, 1, &s.vas, (const char *const *)&qc->q.item_label[FS_EQ5D_DIMS],
                                       1, fs_tr(lang, "Better = a higher EQ VAS at exit (0-100).")));
    if (!rc && s.has_index) {
        const char *label = fs_tr(lang, "EQ-5D index");
        char *note = fs_asprintf(fs_tr(lang, "Index from the value set %s: 1 - constant (unless "
                                             "11111) - the decrement of each dimension's level; "
                                             "participants with all five dimensions at both "
                                             "occasions. Better = a higher index at exit."),
                                 value_set_path);
        rc = note ? qcli_add(qc, paired_table(qc, "index", fs_tr(lang, "EQ-5D index at start and at exit"),
                                              fs_tr(lang, "Index"), 1, 1, &s.index, &label, 1, note))
                  : qcli_oom(qc);
        free(note);
    }
    return rc;
}

static const fs_quest_command eq5d = {
    .name = "eq5d",
    .prog = "finsam-stats eq5d",
    .usage = usage,
    .config_help = "[occasions] order",
    .longopts = longopts,
    .flags = QCMD_PAIRED | QCMD_SHARES,
    .coding = FS_QC_NUMERIC,
    .init = init,
    .own = own,
    .run = run,
};

int cmd_eq5d(int argc, char **argv)
{
    return fs_quest_main(&eq5d, argc, argv);
}
