/* quest_cli.c: the skeleton of the questionnaire commands. See quest_cli.h. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/export.h"
#include "finsam/i18n.h"
#include "finsam/pnr.h"
#include "finsam/quest_join.h"
#include "finsam/sextable.h"
#include "finsam/text.h"
#include "quest_cli.h"

#define MAX_LONGOPTS 64

const char *qcli_count(const qcli *qc, unsigned long n, char *buf)
{
    fs_count_text(n, qc->cli.suppress, buf, 16);
    return buf;
}

void qcli_warn(qcli *qc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = fs_vasprintf(fmt, ap);
    va_end(ap);
    if (!s)
        return;
    fs_cli_warn(&qc->cli, s);
    if (qc->rep)
        fs_report_add_warning(qc->rep, s);
    free(s);
}

int qcli_oom(qcli *qc)
{
    fs_cli_error(&qc->cli, "out of memory");
    return FS_EXIT_FAILURE;
}

int qcli_add(qcli *qc, fs_table *t)
{
    if (!t || fs_report_add_table(qc->rep, t))
        return qcli_oom(qc);
    return 0;
}

/* 1 when a and b name the same column: equal folded, or the same key (slug). */
static int same_name(const char *a, const char *b)
{
    char *fa = fs_fold(a), *fb = fs_fold(b), *sa = fs_slug(a), *sb = fs_slug(b);
    int eq = (fa && fb && strcmp(fa, fb) == 0) || (sa && sb && *sa && strcmp(sa, sb) == 0);
    free(fa);
    free(fb);
    free(sa);
    free(sb);
    return eq;
}

int qcli_parse_scale(qcli *qc, const char *arg)
{
    const char *dots = strstr(arg, "..");
    char lo_s[64], *end;
    size_t n = dots ? (size_t)(dots - arg) : 0;
    if (!dots || n == 0 || n >= sizeof lo_s)
        goto bad;
    memcpy(lo_s, arg, n);
    lo_s[n] = 0;
    double lo = strtod(lo_s, &end);
    if (*end)
        goto bad;
    const char *h = dots + 2;
    double hi = strtod(h, &end);
    if (end == h || *end || !(lo <= hi))
        goto bad;
    qc->qo.has_scale = 1;
    qc->qo.scale_min = lo;
    qc->qo.scale_max = hi;
    return 0;
bad:
    return fs_cli_usage_error(&qc->cli, "--scale: '%s' is not MIN..MAX (e.g. 1..10)", arg);
}

/* The options every questionnaire command shares. -1 when not one of them. */
static int shared_option(qcli *qc, int opt, const char *arg)
{
    switch (opt) {
    case QCLI_OPT_PARTICIPANTS: { /* repeatable */
        const char **p = realloc(qc->participants, (qc->n_participants + 1) * sizeof *p);
        if (!p)
            return qcli_oom(qc);
        qc->participants = p;
        qc->participants[qc->n_participants++] = arg;
        return 0;
    }
    case QCLI_OPT_ITEMS: {
        /* comma-separated, repeatable */
        if (qc->n_item_args == sizeof qc->item_args / sizeof qc->item_args[0])
            return fs_cli_usage_error(&qc->cli, "--items: given too many times");
        char *copy = fs_strdup(arg), *save = NULL;
        if (!copy)
            return FS_EXIT_FAILURE;
        qc->item_args[qc->n_item_args++] = copy;
        for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
            fs_trim(tok);
            if (!*tok)
                continue;
            if (qc->n_items == QCLI_MAX_ITEMS)
                return fs_cli_usage_error(&qc->cli, "--items: at most %d items", QCLI_MAX_ITEMS);
            for (size_t k = 0; k < qc->n_items; k++)
                if (same_name(qc->items[k], tok)) {
                    char a[FS_SAFE_TEXT_MAX * 4 + 8], b[FS_SAFE_TEXT_MAX * 4 + 8];
                    fs_safe_text(qc->items[k], a, sizeof a);
                    fs_safe_text(tok, b, sizeof b);
                    return fs_cli_usage_error(&qc->cli, "--items: \"%s\" and \"%s\" name the "
                                                        "same item", a, b);
                }
            qc->items[qc->n_items++] = tok;
        }
        if (qc->n_items == 0)
            return fs_cli_usage_error(&qc->cli, "--items: no item named");
        return 0;
    }
    case QCLI_OPT_ALTERNATIVE:
        if (fs_alternative_parse(arg, &qc->alt))
            return fs_cli_usage_error(&qc->cli, "--alternative: '%s' is not two-sided, greater "
                                                "or less", arg);
        return 0;
    case QCLI_OPT_FROM:
        qc->from_arg = arg;
        return 0;
    case QCLI_OPT_TO:
        qc->to_arg = arg;
        return 0;
    default:
        return -1;
    }
}

/* The command's own options first, then those all questionnaire commands share. */
static int own_or_shared(int opt, const char *arg, void *user)
{
    qcli *qc = user;
    int rc = qc->cmd->own ? qc->cmd->own(qc, opt, arg) : -1;
    return rc < 0 ? shared_option(qc, opt, arg) : rc;
}

/* --items must not name a personnummer column: its default headers or [columns]. */
static int refuse_pnr_items(qcli *qc)
{
    const char *cfg = fs_config_get(&qc->cli.config, "columns", fs_field_name(FS_FIELD_PNR));
    for (size_t i = 0; i < qc->n_items; i++) {
        int bad = cfg && same_name(qc->items[i], cfg);
        for (const char *const *a = fs_field_aliases(FS_FIELD_PNR); *a && !bad; a++)
            bad = same_name(qc->items[i], *a);
        if (bad) {
            char v[FS_SAFE_TEXT_MAX * 4 + 8];
            fs_safe_text(qc->items[i], v, sizeof v);
            return fs_cli_usage_error(&qc->cli, "--items: \"%s\" is the personnummer column, "
                                                "never an item", v);
        }
    }
    return 0;
}

/* The shared part of --help, after the command's own. */
static char *help_text(const fs_quest_command *cmd)
{
    unsigned f = cmd->flags;
    fs_buf b = {0};
    fs_buf_puts(&b, cmd->usage);
    fs_buf_puts(&b, "  --items A,B,...       only these item columns (headers or their keys), in this\n"
                    "                        order\n"
                    "  --participants EXPORT sex of each participant from a SUS export (joined on\n"
                    "                        id); repeatable: the exports are read in turn\n");
    if (f & QCMD_PAIRED)
        fs_buf_puts(&b, "  --from OCC, --to OCC  the two occasions compared, with three or more (default:\n"
                        "                        the first and the last, e.g. Start and Avslut)\n"
                        "  --alternative A       two-sided (default), greater (better) or less (worse)\n");
    if (f & QCMD_SHARES)
        fs_buf_puts(&b, "  --rounding METHOD     shares: largest-remainder (default), half-even or\n"
                        "                        half-up\n"
                        "  --decimals N          decimals of printed shares, 0-3 (default 0)\n");
    fs_buf_printf(&b,
                  "  --suppress N          show counts 1..N-1 as <N (cells, notes and warnings)\n"
                  "  --lang sv|en          labels and notes (default sv)\n"
                  "  --format FORMAT       text, csv, json, xlsx, md or html (default text, or from\n"
                  "                        the extension of -o)\n"
                  "  --refresh SECONDS     html: the page reloads itself (a board on a wall screen)\n"
                  "  -o, --output FILE     write to FILE (replaced only when the run succeeds)\n"
                  "  --csv-dialect D       rfc4180 (default) or excel-sv (;, decimal comma, BOM)\n"
                  "  --cell n-pct          text, md, xlsx, html: one cell \"12 (46,5 %%)\" per count\n"
                  "                        and share\n"
                  "  --hide-empty          leave out rows whose counts are all 0 (the note says how\n"
                  "                        many)\n"
                  "  --p-digits N          significant digits of p-values in text, md, xlsx, html\n"
                  "                        (default 2; below 0.001 \"<0,001\")\n"
                  "  --config FILE         INI file: [columns] id, personnummer, sex; [defaults]%s%s\n"
                  "  --separator C         input separator ; , tab (default: detected)\n"
                  "  --encoding E          input encoding auto, utf-8, cp1252 (default auto)\n"
                  "  --created DATE        xlsx creation date (reproducible files); also\n"
                  "                        SOURCE_DATE_EPOCH\n"
                  "  --quiet               no warnings on standard error\n"
                  "  --help                this text\n"
                  "\n"
                  "--period, --insats, %s--strict, --as-of%s\n"
                  "do not apply to %s (usage errors).\n"
                  "\n"
                  "Exit status: 0 success, 1 data or runtime error, 2 usage error.\n"
                  "See finsam-stats-%s(1).\n",
                  cmd->config_help ? ";\n                        " : "",
                  cmd->config_help ? cmd->config_help : "",
                  f & QCMD_OWN_BY ? "" : "--by, ",
                  f & QCMD_SHARES ? "" : ", --rounding and --decimals", cmd->name, cmd->name);
    if (b.failed) {
        fs_buf_free(&b);
        return NULL;
    }
    return b.data;
}

static const char *base(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* Reads the files, joins --participants, creates the report and warns on what is not
 * compared. 0 or an exit status. */
static int load(qcli *qc)
{
    fs_msg msg = {""};
    fs_cli *c = &qc->cli;
    unsigned long not_found = 0;
    char n1[16], n2[16];
    int paired = (qc->cmd->flags & QCMD_PAIRED) != 0;
    /* the export is joined on Deltagar-ID: a questionnaire keyed by personnummer is refused
     * as soon as the reader sees it, before the export is read */
    qc->qo.refuse_pnr_key = qc->n_participants > 0;
    fs_error e = fs_quest_read(c->files[0], c->n_files > 1 ? c->files[1] : NULL, &qc->qo, &qc->q,
                               &msg);
    if (e) {
        fs_cli_error(c, "%s", msg.text);
        return fs_cli_status(e);
    }
    if (!(qc->rep = fs_report_new(qc->cmd->name, c->lang)))
        return qcli_oom(qc);
    qc->by_sex = qc->q.has_sex_column;
    const char *f = base(c->files[0]);
    if (qc->n_participants) {
        unsigned char *no_id = calloc(qc->n_participants, 1);
        if (!no_id)
            return qcli_oom(qc);
        if ((e = fs_quest_join_export(&qc->q, qc->participants, qc->n_participants, &c->csv,
                                      &c->config, c->as_of, no_id, &not_found, &msg)) != FS_OK) {
            free(no_id);
            if (e == FS_ERR_USAGE)
                return fs_cli_usage_error(c, "--participants: %s: %s", f, msg.text);
            fs_cli_error(c, "%s", msg.text);
            return fs_cli_status(e);
        }
        qc->by_sex = 1;
        size_t joined = 0;
        const char *one = NULL; /* the export joined, when only one was */
        for (size_t i = 0; i < qc->n_participants; i++) {
            if (no_id[i]) /* another export has the id column: this one is left out */
                qcli_warn(qc, fs_tr(c->lang, "%s: the participants export %s has no id column; "
                                             "it is not joined"),
                          f, base(qc->participants[i]));
            else
                joined++, one = qc->participants[i];
        }
        free(no_id);
        if (not_found && joined == 1)
            qcli_warn(qc, fs_tr(c->lang, "%s: %s of %s questionnaire participants are not in the "
                                         "participants export %s; their sex is unknown unless the "
                                         "questionnaire gives it"),
                      f, qcli_count(qc, not_found, n1), qcli_count(qc, qc->q.n_persons, n2),
                      base(one));
        else if (not_found)
            qcli_warn(qc, fs_tr(c->lang, "%s: %s of %s questionnaire participants are in none of "
                                         "the %zu participants exports; their sex is unknown "
                                         "unless the questionnaire gives it"),
                      f, qcli_count(qc, not_found, n1), qcli_count(qc, qc->q.n_persons, n2),
                      joined);
    }
    if (!paired)
        return 0;
    /* the occasions compared */
    size_t from = 0, to = fs_quest_last(&qc->q);
    const char *which[2] = {qc->from_arg, qc->to_arg};
    size_t *set[2] = {&from, &to};
    for (int k = 0; k < 2; k++) {
        if (!which[k])
            continue;
        int o = fs_quest_occasion_find(&qc->q, which[k]);
        if (o < 0) {
            fs_buf names = {0};
            for (size_t j = 0; j < qc->q.n_occ; j++)
                fs_buf_printf(&names, "%s%s", j ? ", " : "", qc->q.occ_label[j]);
            char v[FS_SAFE_TEXT_MAX * 4 + 8];
            fs_safe_text(which[k], v, sizeof v);
            int rc = fs_cli_usage_error(c, "--%s: \"%s\" is not an occasion of %s (%s)",
                                        k ? "to" : "from", v, f, names.data ? names.data : "");
            fs_buf_free(&names);
            return rc;
        }
        *set[k] = (size_t)o;
    }
    if (qc->q.n_occ < 2) {
        fs_cli_error(c, "%s: only one occasion (%s): nothing to compare", f, qc->q.occ_label[0]);
        return FS_EXIT_FAILURE;
    }
    if (from == to)
        return fs_cli_usage_error(c, "--from and --to name the same occasion (%s)",
                                  qc->q.occ_label[from]);
    qc->to.from = from;
    qc->to.to = to;
    fs_quest_counts n;
    fs_quest_count(&qc->q, from, to, &n);
    if (n.start_only || n.exit_only) {
        if (qc->q.n_occ > 2)
            qcli_warn(qc, fs_tr(c->lang, "%s: %s participants answered at %s but not at %s, and %s "
                                         "at %s but not at %s; they are not in the paired tables"),
                      f, qcli_count(qc, n.start_only, n1), qc->q.occ_label[from],
                      qc->q.occ_label[to], qcli_count(qc, n.exit_only, n2), qc->q.occ_label[to],
                      qc->q.occ_label[from]);
        else
            qcli_warn(qc, fs_tr(c->lang, "%s: %s participants answered only at start and %s only "
                                         "at exit; they are not in the paired tables"),
                      f, qcli_count(qc, n.start_only, n1), qcli_count(qc, n.exit_only, n2));
    }
    if (qc->by_sex && n.by_sex_linked[FS_SEX_UNKNOWN])
        qcli_warn(qc, fs_tr(c->lang, "%s: %s linked participants have no recorded sex; they "
                                     "are counted in the total only"),
                  f, qcli_count(qc, n.by_sex_linked[FS_SEX_UNKNOWN], n1));
    unsigned long miss = 0, items_with = 0;
    unsigned *linked = calloc(qc->q.n_items + 1, sizeof *linked);
    unsigned *missing = calloc(qc->q.n_items + 1, sizeof *missing);
    if (!linked || !missing) {
        free(linked);
        free(missing);
        return qcli_oom(qc);
    }
    fs_quest_paired_counts(&qc->q, from, to, FS_QUEST_ALL_SEXES, linked, missing);
    for (size_t i = 0; i < qc->q.n_items; i++) {
        miss += missing[i];
        items_with += missing[i] != 0;
        if (linked[i] == 0)
            qcli_warn(qc, fs_tr(c->lang, "%s: item \"%s\" has no linked answers"),
                      f, qc->q.item_label[i]);
    }
    free(linked);
    free(missing);
    if (miss)
        qcli_warn(qc, fs_tr(c->lang, "%s: %s answers of linked participants are missing or "
                                     "\"Vet inte\" (in %lu items); see the notes"),
                  f, qcli_count(qc, miss, n1), items_with);
    return 0;
}

/* Rounds the tables and applies --suppress to every count column of every table of the
 * report (with a note). */
static int finish_tables(qcli *qc)
{
    int sup = qc->cli.suppress;
    for (size_t i = 0; i < qc->rep->n_tables; i++)
        fs_quest_round_each(qc->rep->tables[i]);
    for (size_t i = 0; sup > 1 && i < qc->rep->n_tables; i++) {
        fs_table *t = qc->rep->tables[i];
        fs_table_suppress(t, sup);
        /* a share or interval of a row whose n is hidden would give n away */
        int nc = fs_table_col(t, "n");
        for (size_t r = 0; nc >= 0 && r < t->n_rows; r++)
            for (size_t c = 0; t->rows[r].cells[nc].suppressed && c < t->n_cols; c++)
                if (t->cols[c].kind == FS_COL_SHARE && !isnan(t->rows[r].cells[c].value))
                    t->rows[r].cells[c].suppressed = 1;
        if (fs_table_note_suppressed(t, sup, qc->cli.lang))
            return qcli_oom(qc);
    }
    return 0;
}

/* The whole run: options, reading, the join, the tables, rounding and suppression; then,
 * with out NULL, writing; else the report is handed to *out (caller frees) and nothing is
 * written. prog prefixes every message. */
static int quest_run(const fs_quest_command *cmd, const char *prog, int argc, char **argv,
                     fs_report **out)
{
    static const struct option common[] = {FS_CLI_COMMON_LONGOPTS};
    static const struct option shared[] = {
        {"participants", required_argument, NULL, QCLI_OPT_PARTICIPANTS},
        {"items", required_argument, NULL, QCLI_OPT_ITEMS},
    };
    static const struct option paired[] = {
        {"alternative", required_argument, NULL, QCLI_OPT_ALTERNATIVE},
        {"from", required_argument, NULL, QCLI_OPT_FROM},
        {"to", required_argument, NULL, QCLI_OPT_TO},
    };
    struct option longopts[MAX_LONGOPTS];
    size_t n = 0;
#define APPEND(arr)                                                                           \
    for (size_t i_ = 0; i_ < sizeof arr / sizeof arr[0]; i_++)                                \
    longopts[n++] = arr[i_]
    APPEND(common);
    APPEND(shared);
    if (cmd->flags & QCMD_PAIRED)
        APPEND(paired);
#undef APPEND
    for (const struct option *o = cmd->longopts; o && o->name; o++) {
        if (n + 1 >= MAX_LONGOPTS)
            FS_BUG("too many options for a questionnaire command");
        longopts[n++] = *o;
    }
    memset(&longopts[n], 0, sizeof longopts[n]);

    qcli qc;
    int status;
    char *usage = help_text(cmd);
    int unsupported[8], u = 0;
    memset(&qc, 0, sizeof qc);
    fs_cli_init(&qc.cli, prog, usage ? usage : cmd->usage);
    qc.cmd = cmd;
    qc.higher_is_better = 1;
    qc.alt = FS_ALT_TWO_SIDED;
    qc.qo.coding = cmd->coding;
    qc.qo.single = (cmd->flags & QCMD_SINGLE) != 0;
    /* refused, not ignored: no period or insats in a questionnaire, every bad answer is an
     * error already (--strict), no dates (--as-of); shares only where a command prints them */
    unsupported[u++] = FS_OPT_PERIOD;
    unsupported[u++] = FS_OPT_INSATS;
    if (!(cmd->flags & QCMD_OWN_BY))
        unsupported[u++] = FS_OPT_BY;
    unsupported[u++] = FS_OPT_STRICT;
    unsupported[u++] = FS_OPT_AS_OF;
    if (!(cmd->flags & QCMD_SHARES)) {
        unsupported[u++] = FS_OPT_ROUNDING;
        unsupported[u++] = FS_OPT_DECIMALS;
    }
    unsupported[u] = 0;
    qc.cli.unsupported = unsupported;
    if (cmd->init && (status = cmd->init(&qc)) != 0)
        goto cleanup;
    status = fs_cli_getopt(&qc.cli, argc, argv, longopts, own_or_shared, &qc);
    if (status >= 0)
        goto cleanup;
    if ((status = fs_cli_finish(&qc.cli, argc, argv, optind, 1)) != 0 ||
        (status = refuse_pnr_items(&qc)) != 0)
        goto cleanup;
    if (qc.cli.n_files > ((cmd->flags & QCMD_PAIRED) ? 2u : 1u)) {
        status = fs_cli_usage_error(&qc.cli, (cmd->flags & QCMD_PAIRED)
                                                 ? "at most two files (start and exit)"
                                                 : "one questionnaire file");
        goto cleanup;
    }
    qc.qo.csv = qc.cli.csv;
    qc.qo.config = &qc.cli.config;
    if (qc.n_items) {
        qc.qo.items = qc.items;
        qc.qo.n_items = qc.n_items;
    }
    if ((cmd->prepare && (status = cmd->prepare(&qc)) != 0) || (status = load(&qc)) != 0)
        goto cleanup;
    qc.to.lang = qc.cli.lang;
    qc.to.higher_is_better = qc.higher_is_better;
    qc.to.alt = qc.alt;
    qc.to.wilcoxon = qc.wilcoxon;
    qc.to.suppress = qc.cli.suppress;
    if ((status = cmd->run(&qc)) == 0 && (status = finish_tables(&qc)) == 0) {
        if (out) {
            *out = qc.rep;
            qc.rep = NULL;
        } else {
            status = fs_cli_write(&qc.cli, qc.rep);
        }
    }
cleanup:
    fs_quest_free(&qc.q);
    fs_report_free(qc.rep);
    for (size_t i = 0; i < qc.n_item_args; i++)
        free(qc.item_args[i]);
    free(qc.participants);
    fs_cli_free(&qc.cli);
    free(usage);
    return status;
}

int fs_quest_main(const fs_quest_command *cmd, int argc, char **argv)
{
    return quest_run(cmd, cmd->prog, argc, argv, NULL);
}

int fs_quest_build(const fs_quest_command *cmd, const char *prog, int argc, char **argv,
                   fs_report **out)
{
    *out = NULL;
    return quest_run(cmd, prog, argc, argv, out);
}
