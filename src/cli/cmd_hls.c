/* cmd_hls.c: `finsam-stats hls`: HLS-EU-Q16 / Q6 health literacy at start and at exit:
 * the paired item table (easier = better), the score categories and their paired change. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/i18n.h"
#include "finsam/text.h"
#include "finsam/hls.h"
#include "quest_cli.h"

static const char usage[] =
    "Usage: finsam-stats hls [OPTIONS] FILE [FILE2]\n"
    "\n"
    "HLS-EU-Q16 or HLS-EU-Q6 answered at two occasions, linked by participant id.\n"
    "FILE is in long form (id, Tillfälle = Start/Avslut, ..., then one column per\n"
    "item), or FILE is the start and FILE2 the exit. Answers: Mycket lätt, Ganska\n"
    "lätt, Ganska svårt, Mycket svårt, Vet inte (= missing), any case; numbers with\n"
    "--coding. Per item: linked answers, worse / unchanged / better\n"
    "(easier = better), median and mean of the 1-4 coding (4 = very easy), the shares\n"
    "better and worse with Wilson 95 % intervals, exact sign test. Then the score\n"
    "categories at both occasions for participants with valid scores at both, and the\n"
    "paired change with a sign test.\n"
    "\n"
    "Options:\n"
    "  --coding C            numeric answers: easy-high (4 = very easy) or easy-low\n"
    "                        (1 = very easy); without it numbers are an error\n"
    "  --version V           q16 or q6 (default: from the number of items, 16 or 6)\n";

static const struct option longopts[] = {
    {"coding", required_argument, NULL, QCLI_OPT_CODING},
    {"version", required_argument, NULL, QCLI_OPT_VERSION},
    {NULL, 0, NULL, 0},
};

/* The options of hls itself, filled by own(). */
typedef struct hls_args {
    const char *coding, *version;
    fs_hls_version ver;
} hls_args;

static hls_args args;

static int init(qcli *qc)
{
    (void)qc;
    memset(&args, 0, sizeof args);
    return 0;
}

static int own(qcli *qc, int opt, const char *arg)
{
    hls_args *a = &args;
    (void)qc;
    switch (opt) {
    case QCLI_OPT_CODING: a->coding = arg; return 0;
    case QCLI_OPT_VERSION: a->version = arg; return 0;
    default: return -1;
    }
}

#define N_(s) s /* translated where it is used, with fs_tr() */

static const char *const cat_key[FS_HLS_N_CATEGORIES] = {"inadequate", "problematic", "sufficient"};
static const char *const cat_label[FS_HLS_N_CATEGORIES] = {N_("Inadequate"), N_("Problematic"),
                                                           N_("Sufficient")};

static void num(char *out, size_t n, double v, int en)
{
    fs_format_fixed(out, n, v, v == floor(v) ? 0 : 1, !en);
}

static fs_table *score_table(qcli *qc, fs_hls_version v, const fs_hls_rules *r,
                             const fs_hls_summary *s)
{
    const char *lang = qc->cli.lang;
    int en = fs_lang_en(lang); /* decimal point rather than comma */
    const char *ver = v == FS_HLS_Q16 ? "HLS-EU-Q16" : "HLS-EU-Q6";
    char *title = fs_asprintf(fs_tr(lang, "%s: health literacy at start and at exit"), ver);
    fs_table *t = title ? fs_table_new("hls_scores", title) : NULL;
    free(title);
    if (!t || fs_table_set_sheet(t, fs_tr(lang, "Scores")) ||
        fs_table_add_col(t, "start", "Start", FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "start_pct", fs_tr(lang, "Share, start"), FS_COL_SHARE, 0, 0) < 0 ||
        fs_table_add_col(t, "end", fs_tr(lang, "Exit"), FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "end_pct", fs_tr(lang, "Share, exit"), FS_COL_SHARE, 0, 2) < 0)
        goto fail;
    for (int c = 0; c <= FS_HLS_N_CATEGORIES; c++) {
        int tot = c == FS_HLS_N_CATEGORIES;
        fs_row *row = fs_table_add_row(t, tot ? "total" : cat_key[c],
                                       tot ? fs_tr(lang, "Total") : fs_tr(lang, cat_label[c]), 0, tot);
        if (!row)
            goto fail;
        double a = tot ? s->valid_both : s->cat[0][c], b = tot ? s->valid_both : s->cat[1][c];
        fs_row_set(t, row, "start", a);
        fs_row_set(t, row, "end", b);
        if (s->valid_both) {
            fs_row_set(t, row, "start_pct", 100.0 * a / s->valid_both);
            fs_row_set(t, row, "end_pct", 100.0 * b / s->valid_both);
        }
    }
    fs_table_round(t, qc->cli.rounding, qc->cli.decimals, 0);
    char mn[32], lo[32], hi[32];
    num(mn, sizeof mn, r->min_answered, en);
    num(lo, sizeof lo, r->inadequate_max, en);
    num(hi, sizeof hi, r->problematic_max, en);
    fs_error e;
    if (v == FS_HLS_Q16)
        e = fs_table_add_note(t, fs_tr(lang, "Score: number of items answered fairly or very easy; "
                                             "valid with at least %s of %zu answered. Inadequate "
                                             "0-%s, problematic up to %s, sufficient above."),
                              mn, qc->q.n_items, lo, hi);
    else
        e = fs_table_add_note(t, fs_tr(lang, "Score: mean of the answers coded 1-4 (4 = very easy); "
                                             "valid with at least %s of %zu answered. Inadequate up "
                                             "to %s, problematic up to %s, sufficient above."),
                              mn, qc->q.n_items, lo, hi);
    if (!e)
        e = fs_table_note_rounding(t, lang);
    char cv[16], cl[16], cs[16], ce[16];
    qcli_count(qc, s->valid_both, cv);
    qcli_count(qc, s->linked, cl);
    qcli_count(qc, s->invalid_start, cs);
    qcli_count(qc, s->invalid_exit, ce);
    if (!e)
        e = fs_table_add_note(t, fs_tr(lang, "Participants with a valid score at start and at exit: "
                                             "%s of %s linked (too few answers: %s at start, %s at "
                                             "exit)."),
                              cv, cl, cs, ce);
    if (e)
        goto fail;
    return t;
fail:
    fs_table_free(t);
    return NULL;
}

static fs_table *change_table(qcli *qc, const fs_hls_summary *s)
{
    const char *lang = qc->cli.lang;
    fs_quest_table_options o = qc->to;
    o.wilcoxon = 0;
    fs_table *t = fs_table_new("hls_change", fs_tr(lang, "Paired change in score and category"));
    if (!t || fs_table_set_sheet(t, fs_tr(lang, "Change")) || fs_quest_item_columns(t, &o) ||
        fs_quest_item_row(t, "score", fs_tr(lang, "Score"), &s->score) ||
        fs_quest_item_row(t, "category", fs_tr(lang, "Category"), &s->category))
        goto fail;
    if (fs_table_add_note(t, fs_tr(lang, "Category coded 1 inadequate, 2 problematic, 3 sufficient; "
                                         "better = a higher score or category at exit; exact sign "
                                         "test, %s."),
                          fs_quest_alt_text(lang, qc->alt)) ||
        fs_quest_share_note(t, &o, !s->score.has_test))
        goto fail;
    return t;
fail:
    fs_table_free(t);
    return NULL;
}

static int run(qcli *qc)
{
    fs_msg msg = {""};
    fs_hls_version ver = args.ver;
    if (ver == FS_HLS_NONE)
        ver = qc->q.n_items == 16 ? FS_HLS_Q16 : qc->q.n_items == 6 ? FS_HLS_Q6 : FS_HLS_NONE;
    else if (qc->q.n_items != (ver == FS_HLS_Q16 ? 16u : 6u)) {
        fs_cli_error(&qc->cli, "%s: %zu items, but --version %s needs %d", qc->cli.files[0],
                     qc->q.n_items, ver == FS_HLS_Q16 ? "q16" : "q6", ver == FS_HLS_Q16 ? 16 : 6);
        return FS_EXIT_FAILURE;
    }
    const char *lang = qc->cli.lang;
    if (fs_quest_item_tables(&qc->q, &qc->to, qc->by_sex, "items",
                             fs_tr(lang, "HLS-EU-Q: answers at start and at exit, per item"), NULL,
                             qc->rep))
        return qcli_oom(qc);
    fs_table *items = qc->rep->tables[qc->rep->n_tables - 1];
    if (fs_table_add_note(items, fs_tr(lang, "Answers coded 1 very difficult, 2 fairly difficult, 3 "
                                             "fairly easy, 4 very easy; Vet inte = missing. Better = "
                                             "easier at exit.")))
        return qcli_oom(qc);
    if (ver == FS_HLS_NONE)
        return fs_table_add_note(items, fs_tr(lang, "No score: %zu items is neither Q16 nor Q6 (use "
                                                    "--version)."),
                                 qc->q.n_items)
                   ? qcli_oom(qc) : 0;
    fs_hls_rules rules;
    fs_hls_summary sum;
    fs_error e = fs_hls_rules_from_config(&qc->cli.config, ver, &rules, &msg);
    if (e) {
        fs_cli_error(&qc->cli, "%s", msg.text);
        return fs_cli_status(e);
    }
    if (fs_hls_summarise(&qc->q, ver, &rules, qc->to.from, qc->to.to, FS_QUEST_ALL_SEXES, qc->alt,
                         &sum))
        return qcli_oom(qc);
    int rc = qcli_add(qc, score_table(qc, ver, &rules, &sum));
    return rc ? rc : qcli_add(qc, change_table(qc, &sum));
}

/* --coding and --version (or [hls] coding and version), before the file is read. */
static int prepare(qcli *qc)
{
    const char *coding = args.coding ? args.coding : fs_config_get(&qc->cli.config, "hls", "coding");
    const char *version = args.version ? args.version : fs_config_get(&qc->cli.config, "hls", "version");
    qc->qo.coding = FS_QC_HLS_TEXT;
    if (!coding)
        coding = "text";
    if (strcmp(coding, "easy-high") == 0)
        qc->qo.coding = FS_QC_HLS_EASY_HIGH;
    else if (strcmp(coding, "easy-low") == 0)
        qc->qo.coding = FS_QC_HLS_EASY_LOW;
    else if (strcmp(coding, "text") != 0)
        return fs_cli_usage_error(&qc->cli, "--coding: '%s' is not easy-high, easy-low or text",
                                  coding);
    args.ver = FS_HLS_NONE;
    if (version && fs_hls_version_parse(version, &args.ver))
        return fs_cli_usage_error(&qc->cli, "--version: '%s' is not q16 or q6", version);
    return 0;
}

const fs_quest_command fs_quest_hls = {
    .name = "hls",
    .prog = "finsam-stats hls",
    .usage = usage,
    .config_help = "[hls] q16_min_answered,\n"
                   "                        q16_inadequate_max, q16_problematic_max, q6_...\n"
                   "                        likewise, coding, version; [occasions] order",
    .longopts = longopts,
    .flags = QCMD_PAIRED | QCMD_SHARES,
    .coding = FS_QC_HLS_TEXT,
    .init = init,
    .own = own,
    .prepare = prepare,
    .run = run,
};

int cmd_hls(int argc, char **argv)
{
    return fs_quest_main(&fs_quest_hls, argc, argv);
}
