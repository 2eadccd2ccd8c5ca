/* cmd_exits.c: `finsam-stats exits`: ended episodes by exit-reason group and sex. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "finsam/bykey.h"
#include "finsam/intake.h"
#include "finsam/sextable.h"
#include "finsam/pnr.h"
#include "finsam/text.h"

static const char usage[] =
    "Usage: finsam-stats exits [OPTIONS] FILE...\n"
    "\n"
    "Counts ended episodes (exit date in the period) by exit-reason group and sex, with\n"
    "shares. Felregistrering is excluded and reported. Several files are one data set.\n"
    "\n"
    "Options:\n"
    "  --period P            2024, 2024H1, 2024Q3, 2024-05 or FROM..TO (default: all exits)\n"
    "  --insats NAME         only this insats (repeatable)\n"
    "  --by insats           one table per insats, then the total\n"
    "  --detail              raw exit reasons as rows under their group\n"
    "  --rounding METHOD     largest-remainder (default), half-even or half-up\n"
    "  --decimals N          decimals of printed shares, 0-3 (default 0)\n"
    "  --suppress N          show counts 1..N-1 as <N and hide their shares\n"
    "  --lang sv|en          labels and notes (default sv)\n"
    "  --format FORMAT       text, csv, json or xlsx (default text, or from -o's extension)\n"
    "  -o, --output FILE     write to FILE (replaced only when the run succeeds)\n"
    "  --csv-dialect D       rfc4180 (default) or excel-sv (;, decimal comma, BOM)\n"
    "  --config FILE         INI file: column names, exit-reason synonyms, defaults\n"
    "  --separator C         input separator ; , tab (default: detected)\n"
    "  --encoding E          input encoding auto, utf-8, cp1252 (default auto)\n"
    "  --strict              a bad row is an error instead of being excluded\n"
    "  --created DATE        xlsx creation date (reproducible files); also SOURCE_DATE_EPOCH\n"
    "  --quiet               no warnings on standard error\n"
    "  --help                this text\n"
    "\n"
    "Exit status: 0 success, 1 data or runtime error, 2 usage error. See finsam-stats-exits(1).\n";

enum { OPT_DETAIL = FS_OPT_COMMAND_BASE };

typedef struct counts {
    unsigned long n[FS_SEX_N];
} counts;

/* The raw values seen: under each group for --detail (values[g]), and the exit reasons that
 * matched no group (values[FS_EXIT_N_GROUPS]), each an fs_bykey of counts by sex. */
#define UNMATCHED FS_EXIT_N_GROUPS

typedef struct agg {
    counts group[FS_EXIT_N_GROUPS];
    fs_bykey *values[FS_EXIT_N_GROUPS + 1];
    counts missing;       /* ended without a reason */
    unsigned long felreg; /* Felregistrering in the selection, excluded */
} agg;

typedef struct state {
    fs_cli *cli;
    int detail;
    fs_bykey *insats_filter; /* --insats: the insatser to keep (no payload), or NULL */
    agg total;
    fs_bykey *per;           /* --by insats: an agg per insats */
    int failed; /* memory */
} state;

/* Raw values become rows under their group (--detail) or rows of their own (no group).
 * fs_bykey keys them by the folded safe text of the value, so spelling variants of case and
 * Unicode form share a row and anything shaped like a personnummer becomes one
 * "(personnummer)" row instead of being printed. */
static int add(state *st, agg *a, const fs_episode *ep)
{
    if (ep->reason_group == FS_EXIT_EXCLUDED) {
        a->felreg++;
        return 0;
    }
    int grouped = ep->reason_group >= 0 && ep->reason_group < FS_EXIT_N_GROUPS;
    if (grouped)
        a->group[ep->reason_group].n[ep->sex]++;
    if (grouped && !st->detail)
        return 0;
    if (!*ep->reason) {
        a->missing.n[ep->sex]++;
        return 0;
    }
    int v = grouped ? ep->reason_group : UNMATCHED;
    if (!a->values[v] && !(a->values[v] = fs_bykey_new(sizeof(counts))))
        return -1;
    fs_bykey_entry *e = fs_bykey_get(a->values[v], ep->reason);
    if (!e)
        return -1;
    ((counts *)e->data)->n[ep->sex]++;
    return 0;
}

static int on_episode(const fs_episode *ep, void *user)
{
    state *st = user;
    if (!ep->has_exit)
        return 0;
    if (st->cli->has_period && (ep->exit < st->cli->period.from || ep->exit > st->cli->period.to))
        return 0;
    /* an insats is matched as it is grouped: by its folded safe text (fs_bykey) */
    if (st->insats_filter && !fs_bykey_find(st->insats_filter, ep->insats))
        return 0;
    if (add(st, &st->total, ep)) {
        st->failed = 1;
        return 1;
    }
    if (st->per) {
        fs_bykey_entry *e = fs_bykey_get(st->per, *ep->insats ? ep->insats : "(ingen insats)");
        if (!e || add(st, e->data, ep)) {
            st->failed = 1;
            return 1;
        }
    }
    return 0;
}


static unsigned long sum(const unsigned long n[FS_SEX_N])
{
    return n[0] + n[1] + n[2];
}

/* Notes: n, the two key shares, what was excluded, the test, how shares were rounded. */
static fs_error add_notes(const state *st, fs_table *t, const counts *total, const agg *a,
                          const fs_intake *in)
{
    const char *lang = st->cli->lang;
    int en = strcmp(lang, "en") == 0;
    unsigned long n = sum(total->n);
    fs_error e;
    if (n == 0) {
        e = en ? fs_table_add_note(t, "No ended participants in the period.")
               : fs_table_add_note(t, "Inga avslutade deltagare i perioden.");
        return e ? e : fs_intake_add_notes(in, t, lang, a->felreg, st->cli->suppress);
    }
    /* counts in notes obey --suppress like the table cells */
    int sup = st->cli->suppress;
    char cn[12], cw[12], cm[12], cu[12];
    fs_count_text(n, sup, cn, sizeof cn);
    fs_count_text(total->n[FS_SEX_WOMAN], sup, cw, sizeof cw);
    fs_count_text(total->n[FS_SEX_MAN], sup, cm, sizeof cm);
    fs_count_text(total->n[FS_SEX_UNKNOWN], sup, cu, sizeof cu);
    e = en ? fs_table_add_note(t, "Ended participants: %s (women %s, men %s, sex not recorded %s).",
                               cn, cw, cm, cu)
           : fs_table_add_note(t, "Avslutade deltagare: %s (kvinnor %s, män %s, uppgift om kön saknas %s).",
                               cn, cw, cm, cu);
    unsigned long work = sum(a->group[FS_EXIT_WORK_STUDIES].n);
    unsigned long near = work + sum(a->group[FS_EXIT_JOB_SEEKING].n) +
                         sum(a->group[FS_EXIT_CONTINUED_REHAB].n);
    char p1[32], p2[32], c1[12], c2[12];
    fs_count_text(work, sup, c1, sizeof c1);
    fs_count_text(near, sup, c2, sizeof c2);
    fs_pct_text(100.0 * (double)work / (double)n, lang, p1, sizeof p1);
    fs_pct_text(100.0 * (double)near / (double)n, lang, p2, sizeof p2);
    if (c1[0] == '<' || cn[0] == '<')
        snprintf(p1, sizeof p1, "..");
    if (c2[0] == '<' || cn[0] == '<')
        snprintf(p2, sizeof p2, "..");
    if (!e)
        e = en ? fs_table_add_note(t, "To work or studies: %s of %s (%s).", c1, cn, p1)
               : fs_table_add_note(t, "Till arbete eller studier: %s av %s (%s).", c1, cn, p1);
    if (!e)
        e = en ? fs_table_add_note(t, "Approached the labour market (work, studies, job seeking, "
                                      "continued rehabilitation): %s of %s (%s).", c2, cn, p2)
               : fs_table_add_note(t, "Närmat sig arbetsmarknaden (arbete, studier, arbetssökande, "
                                      "fortsatt rehabilitering): %s av %s (%s).", c2, cn, p2);
    if (!e)
        e = fs_intake_add_notes(in, t, lang, a->felreg, st->cli->suppress);
    if (!e)
        e = fs_sex_test_note(t, lang);
    if (!e)
        e = st->cli->rounding == FS_ROUND_LARGEST_REMAINDER
                ? (en ? fs_table_add_note(t, "Shares are percentages of the column total, rounded by "
                                             "largest remainder so that each column sums to 100.")
                      : fs_table_add_note(t, "Andelar i procent av kolumnens summa, avrundade med "
                                             "största-restmetoden så att varje kolumn summerar till 100."))
                : (en ? fs_table_add_note(t, "Shares are percentages of the column total, each "
                                             "rounded on its own (%s); a column may not sum to 100.",
                                          fs_rounding_name(st->cli->rounding))
                      : fs_table_add_note(t, "Andelar i procent av kolumnens summa, var för sig "
                                             "avrundade (%s); en kolumn summerar inte alltid till 100.",
                                          fs_rounding_name(st->cli->rounding)));
    if (!e && st->cli->suppress > 1)
        e = en ? fs_table_add_note(t, "Counts below %d are shown as <%d (small-number suppression).",
                                   st->cli->suppress, st->cli->suppress)
               : fs_table_add_note(t, "Antal under %d visas som <%d (röjandeskydd).",
                                   st->cli->suppress, st->cli->suppress);
    return e;
}

static fs_table *build_table(const state *st, agg *a, const char *key, const char *insats,
                             const fs_intake *in)
{
    const char *lang = st->cli->lang;
    int en = strcmp(lang, "en") == 0;
    char period[40], *title;
    fs_cli_period_text(st->cli, period, sizeof period);
    counts total = {{0, 0, 0}};
    for (int g = 0; g < FS_EXIT_N_GROUPS; g++)
        for (int s = 0; s < FS_SEX_N; s++)
            total.n[s] += a->group[g].n[s];
    for (int s = 0; s < FS_SEX_N; s++)
        total.n[s] += a->missing.n[s]; /* the unmatched values are added as their rows are */
    unsigned long unmatched[FS_SEX_N] = {0, 0, 0};
    for (size_t i = 0; a->values[UNMATCHED] && i < fs_bykey_count(a->values[UNMATCHED]); i++)
        for (int s = 0; s < FS_SEX_N; s++)
            unmatched[s] += ((const counts *)fs_bykey_at(a->values[UNMATCHED], i)->data)->n[s];
    for (int s = 0; s < FS_SEX_N; s++)
        total.n[s] += unmatched[s];

    title = fs_asprintf("%s%s%s%s%s", en ? "Exit reasons of ended participants" : "Avslutsanledning, avslutade deltagare",
                        insats ? ", " : "", insats ? insats : "", *period ? ", " : "", period);
    fs_table *t = title ? fs_table_new(key, title) : NULL;
    free(title);
    if (!t || fs_sex_columns(t, lang, total.n[FS_SEX_UNKNOWN] > 0, 1))
        goto fail;
    for (int g = 0; g < FS_EXIT_N_GROUPS; g++) {
        if (!fs_sex_add_row(t, fs_exit_groups[g].key, fs_group_label(&fs_exit_groups[g], lang), 0, 0,
                            a->group[g].n))
            goto fail;
        if (fs_sex_add_value_rows(t, a->values[g], "", 1, NULL))
            goto fail;
    }
    if (fs_sex_add_value_rows(t, a->values[UNMATCHED], "", 0, NULL))
        goto fail;
    if (sum(a->missing.n) &&
        !fs_sex_add_row(t, "missing", en ? "Exit reason not recorded" : "Avslutsanledning saknas",
                        0, 0, a->missing.n))
        goto fail;
    if (!fs_sex_add_row(t, "total", en ? "Total" : "Totalt", 0, 1, total.n))
        goto fail;
    fs_sex_column_shares(t);
    fs_table_round(t, st->cli->rounding, st->cli->decimals, 0);
    if (add_notes(st, t, &total, a, in))
        goto fail;
    fs_table_suppress(t, st->cli->suppress);
    if (fs_table_set_chart(t, en ? "Exit reasons by sex" : "Avslutsanledning efter kön", 1, "women", "men") ||
        fs_table_set_sheet(t, insats ? insats : en ? "Exit reasons" : "Avslutsanledning"))
        goto fail;
    return t;
fail:
    fs_table_free(t);
    return NULL;
}

static void free_agg(agg *a)
{
    for (int v = 0; v <= UNMATCHED; v++)
        fs_bykey_free(a->values[v]);
}


static int own_option(int opt, const char *arg, void *user)
{
    (void)arg;
    if (opt != OPT_DETAIL)
        return -1;
    ((state *)user)->detail = 1;
    return 0;
}

int cmd_exits(int argc, char **argv)
{
    static const struct option longopts[] = {
        FS_CLI_COMMON_LONGOPTS,
        {"detail", no_argument, NULL, OPT_DETAIL},
        {NULL, 0, NULL, 0},
    };
    fs_cli cli;
    state st;
    fs_intake in;
    fs_report *rep = NULL;
    fs_msg msg = {""};
    int status = FS_EXIT_FAILURE;
    memset(&st, 0, sizeof st);
    memset(&in, 0, sizeof in);
    fs_cli_init(&cli, "finsam-stats exits", usage);
    st.cli = &cli;
    if ((status = fs_cli_getopt(&cli, argc, argv, longopts, own_option, &st)) >= 0)
        goto cleanup;
    if ((status = fs_cli_finish(&cli, argc, argv, optind, 1)) != 0)
        goto cleanup;
    status = FS_EXIT_FAILURE;
    if (cli.n_insats && !(st.insats_filter = fs_bykey_new(0)))
        goto oom;
    for (size_t i = 0; i < cli.n_insats; i++)
        if (!fs_bykey_get(st.insats_filter, cli.insats[i]))
            goto oom;
    if (cli.by_insats && !(st.per = fs_bykey_new(sizeof(agg))))
        goto oom;

    fs_export_options eo = {.csv = cli.csv, .config = &cli.config, .required = FS_FIELD_BIT(FS_FIELD_ENTRY) | FS_FIELD_BIT(FS_FIELD_EXIT) | FS_FIELD_BIT(FS_FIELD_REASON), .as_of = cli.as_of};
    fs_error e = fs_intake_run(cli.files, cli.n_files, &eo, cli.strict, on_episode, &st, &in, &msg);
    if (!e && st.failed)
        e = FS_ERR_MEMORY, fs_msg_set(&msg, "out of memory");
    if (e) {
        fs_cli_error(&cli, "%s", msg.text);
        status = fs_cli_status(e);
        goto cleanup;
    }
    rep = fs_report_new("exits", cli.lang);
    if (!rep)
        goto cleanup;
    fs_cli_sink sink = {&cli, rep};
    fs_intake_each_warning(&in, fs_cli_warning, &sink);
    if (st.per) {
        fs_bykey_sort(st.per);
        for (size_t i = 0; i < fs_bykey_count(st.per); i++) {
            fs_bykey_entry *p = fs_bykey_at(st.per, i);
            char *slug = fs_slug(p->label);
            char *key = slug ? fs_asprintf("exits_%s", slug) : NULL;
            fs_table *t = key ? build_table(&st, p->data, key, p->label, &in) : NULL;
            free(slug);
            free(key);
            if (!t || fs_report_add_table(rep, t))
                goto oom;
        }
    }
    fs_table *t = build_table(&st, &st.total, "exits", NULL, &in);
    if (!t || fs_report_add_table(rep, t))
        goto oom;
    status = fs_cli_write(&cli, rep);
    goto cleanup;
oom:
    fs_cli_error(&cli, "out of memory");
    status = FS_EXIT_FAILURE;
cleanup:
    for (size_t i = 0; st.per && i < fs_bykey_count(st.per); i++)
        free_agg(fs_bykey_at(st.per, i)->data);
    fs_bykey_free(st.per);
    free_agg(&st.total);
    fs_bykey_free(st.insats_filter);
    fs_intake_free(&in);
    fs_report_free(rep);
    fs_cli_free(&cli);
    return status;
}
