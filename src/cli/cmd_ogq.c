/* cmd_ogq.c: `finsam-stats ogq`: OGQ / GAP activity gaps at start and at exit: per activity
 * gaps before and after, closed and opened, exact McNemar; per person total gaps with a sign
 * test (fewer = better). */
#include <stdio.h>
#include <stdlib.h>

#include "finsam/i18n.h"
#include "finsam/text.h"
#include "quest_cli.h"

static const char usage[] =
    "Usage: finsam-stats ogq [OPTIONS] FILE [FILE2]\n"
    "\n"
    "Occupational Gaps Questionnaire at start and at exit, linked by participant id. FILE is\n"
    "in long form (id, Tillfälle, then one column per activity), or FILE is the start and\n"
    "FILE2 the exit. Answers are the four response types, as codes 1-4 (1 does and wants,\n"
    "2 does not but wants, 3 does but does not want, 4 neither) or text (Gör och vill göra,\n"
    "Gör inte men vill göra, Gör men vill inte göra, Gör inte och vill inte göra); a gap is\n"
    "2 or 3. With --gap-indicator the answers are 0/1 (1 = gap). Per activity: gaps at start\n"
    "and exit, gaps closed and opened, exact McNemar p. Per person: total gaps at start and\n"
    "exit over the activities answered at both, with a sign test (fewer gaps = better).\n"
    "\n"
    "Options:\n"
    "  --gap-indicator       answers are 0/1 gap indicators\n"
    "  --alternative A       for the totals: two-sided (default), greater (fewer gaps) or less\n"
    "  --items A,B,...       only these activity columns, in this order\n"
    "  --participants EXPORT sex of each participant from a SUS export (joined on id)\n"
    "  --suppress N          show counts 1..N-1 as <N (cells, notes and warnings)\n"
    "  --lang sv|en          labels and notes (default sv)\n"
    "  --format FORMAT       text, csv, json or xlsx (xlsx: chart of gaps before and after)\n"
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
    "to ogq (usage errors).\n"
    "\n"
    "Exit status: 0 success, 1 data or runtime error, 2 usage error. See finsam-stats-ogq(1).\n";

static int own(qcli *qc, int opt, const char *arg, void *user)
{
    (void)arg;
    (void)user;
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
    snprintf(sheet, sizeof sheet, "%s%s%s", fs_tr(lang, "Gaps"), qc->by_sex ? ", " : "",
             qc->by_sex ? qcli_sex_text(qc, sex) : "");
    if (!t || fs_table_set_sheet(t, sheet) ||
        fs_table_add_col(t, "n", fs_tr(lang, "Linked answers"), FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "gaps_start", fs_tr(lang, "Gaps, start"), FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "gaps_end", fs_tr(lang, "Gaps, exit"), FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "closed", fs_tr(lang, "Gap closed"), FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "opened", fs_tr(lang, "Gap opened"), FS_COL_COUNT, 0, -1) < 0 ||
        fs_table_add_col(t, "p_mcnemar", fs_tr(lang, "p (McNemar exact, two-sided)"), FS_COL_PVALUE,
                         0, -1) < 0)
        goto fail;
    fs_quest_counts nc;
    unsigned long missing = 0;
    fs_quest_count(&qc->q, &nc);
    unsigned long linked = sex >= 0 ? nc.by_sex_linked[sex] : nc.linked;
    for (size_t i = 0; i < qc->q.n_items; i++) {
        fs_ogq_item it;
        if (fs_ogq_item_summary(&qc->q, i, sex, &it))
            goto fail;
        fs_row *r = fs_table_add_row(t, qc->q.item_key[i], qc->q.item_label[i], 0, 0);
        if (!r)
            goto fail;
        fs_row_set(t, r, "n", it.n);
        fs_row_set(t, r, "gaps_start", it.gaps_start);
        fs_row_set(t, r, "gaps_end", it.gaps_end);
        fs_row_set(t, r, "closed", it.closed);
        fs_row_set(t, r, "opened", it.opened);
        fs_row_set(t, r, "p_mcnemar", it.mcnemar.p_exact);
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
    if (qcli_participation_note(qc, t, sex))
        goto fail;
    if (fs_table_add_note(t, fs_tr(lang, "A gap: does the activity but does not want to, or wants "
                                         "to but does not. Counted over linked participants "
                                         "answering the activity at both occasions. p: exact "
                                         "McNemar test (binomial test of gaps closed against gaps "
                                         "opened), two-sided.")))
        goto fail;
    if (chart && fs_table_set_chart(t, fs_tr(lang, "Number of activity gaps before and after"), 0,
                                    "gaps_start", "gaps_end"))
        goto fail;
    return t;
fail:
    fs_table_free(t);
    return NULL;
}

int cmd_ogq(int argc, char **argv)
{
    static const struct option longopts[] = {
        FS_CLI_COMMON_LONGOPTS,
        QCLI_LONGOPTS,
        {"gap-indicator", no_argument, NULL, QCLI_OPT_GAP_INDICATOR},
        {NULL, 0, NULL, 0},
    };
    qcli qc;
    int status;
    qcli_init(&qc, "finsam-stats ogq", "ogq", usage);
    qc.qo.coding = FS_QC_OGQ;
    qc.higher_is_better = 0;
    if ((status = qcli_parse(&qc, argc, argv, longopts, own, NULL)) != 0) {
        status = status < 0 ? FS_EXIT_OK : status;
        goto cleanup;
    }
    if ((status = qcli_load(&qc)) != 0)
        goto cleanup;
    const char *lang = qc.cli.lang;
    const char *title = fs_tr(lang, "Activity gaps at start and at exit");
    if (qc.by_sex)
        for (int s = FS_SEX_WOMAN; s <= FS_SEX_MAN; s++) {
            char *k = fs_asprintf("ogq_%s", s == FS_SEX_WOMAN ? "women" : "men");
            char *ti = fs_asprintf("%s, %s", title, qcli_sex_text(&qc, s));
            fs_table *t = k && ti ? activity_table(&qc, k, ti, s, 0) : NULL;
            free(k);
            free(ti);
            if (!t || fs_report_add_table(qc.rep, t))
                goto oom;
        }
    char *ti = qc.by_sex ? fs_asprintf("%s, %s", title, qcli_sex_text(&qc, -1)) : fs_strdup(title);
    fs_table *t = ti ? activity_table(&qc, "ogq", ti, FS_QUEST_ALL_SEXES, 1) : NULL;
    free(ti);
    if (!t || fs_report_add_table(qc.rep, t))
        goto oom;

    fs_paired_item tot;
    t = fs_table_new("ogq_totals", fs_tr(lang, "Total gaps per participant at start and at exit"));
    if (!t || fs_table_set_sheet(t, fs_tr(lang, "Gaps per participant")) ||
        fs_ogq_totals(&qc.q, FS_QUEST_ALL_SEXES, qc.alt, &tot) || qcli_item_columns(&qc, t, 0) ||
        qcli_item_row(t, "total_gaps", fs_tr(lang, "Gaps per participant"), &tot) ||
        fs_table_add_note(t, fs_tr(lang, "Per linked participant: gaps over the activities answered "
                                         "at both occasions. Better = fewer gaps at exit; exact sign "
                                         "test, %s."),
                          qcli_alt_text(&qc))) {
        fs_table_free(t);
        goto oom;
    }
    if (fs_report_add_table(qc.rep, t))
        goto oom;
    status = qcli_write(&qc);
    goto cleanup;
oom:
    fs_cli_error(&qc.cli, "out of memory");
    status = FS_EXIT_FAILURE;
cleanup:
    qcli_free(&qc);
    return status;
}
