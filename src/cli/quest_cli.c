/* quest_cli.c: the shared part of the questionnaire commands. See quest_cli.h. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/export.h"
#include "finsam/i18n.h"
#include "finsam/pnr.h"
#include "finsam/sextable.h"
#include "finsam/text.h"
#include "quest_cli.h"

void qcli_init(qcli *qc, const char *prog, const char *command, const char *usage)
{
    memset(qc, 0, sizeof *qc);
    fs_cli_init(&qc->cli, prog, usage);
    qc->command = command;
    qc->tests = QCLI_TEST_SIGN;
    qc->higher_is_better = 1;
    qc->alt = FS_ALT_TWO_SIDED;
}

void qcli_free(qcli *qc)
{
    fs_quest_free(&qc->q);
    fs_report_free(qc->rep);
    for (size_t i = 0; i < qc->n_item_args; i++)
        free(qc->item_args[i]);
    fs_cli_free(&qc->cli);
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

const char *qcli_count(const qcli *qc, unsigned long n, char *buf)
{
    fs_count_text(n, qc->cli.suppress, buf, 16);
    return buf;
}

int qcli_option(qcli *qc, int opt, const char *arg)
{
    switch (opt) {
    case QCLI_OPT_PARTICIPANTS:
        qc->participants = arg;
        return 0;
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
        qc->alt_arg = arg;
        return 0;
    default:
        return -1;
    }
}

typedef struct own_ctx {
    qcli *qc;
    int (*own)(qcli *qc, int opt, const char *arg, void *user);
    void *user;
} own_ctx;

/* The command's own options first, then those all questionnaire commands share. */
static int own_or_shared(int opt, const char *arg, void *user)
{
    own_ctx *c = user;
    int rc = c->own ? c->own(c->qc, opt, arg, c->user) : -1;
    return rc < 0 ? qcli_option(c->qc, opt, arg) : rc;
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

int qcli_parse(qcli *qc, int argc, char **argv, const struct option *longopts,
               int (*own)(qcli *qc, int opt, const char *arg, void *user), void *user)
{
    /* refused, not ignored: no period or insats in a questionnaire, every bad answer is an
     * error already (--strict), no dates (--as-of); shares only where a command prints them */
    static const int unsupported[] = {FS_OPT_PERIOD, FS_OPT_INSATS, FS_OPT_BY, FS_OPT_STRICT,
                                      FS_OPT_AS_OF, FS_OPT_ROUNDING, FS_OPT_DECIMALS, 0};
    static const int unsupported_with_shares[] = {FS_OPT_PERIOD, FS_OPT_INSATS, FS_OPT_BY,
                                                  FS_OPT_STRICT, FS_OPT_AS_OF, 0};
    own_ctx ctx = {qc, own, user};
    qc->cli.unsupported = qc->has_shares ? unsupported_with_shares : unsupported;
    int rc = fs_cli_getopt(&qc->cli, argc, argv, longopts, own_or_shared, &ctx);
    if (rc >= 0)
        return rc == FS_EXIT_OK ? -1 : rc; /* -1: help printed, exit 0 */
    rc = fs_cli_finish(&qc->cli, argc, argv, optind, 1);
    if (rc)
        return rc;
    if ((rc = refuse_pnr_items(qc)) != 0)
        return rc;
    if (qc->cli.n_files > 2)
        return fs_cli_usage_error(&qc->cli, "at most two files (start and exit)");
    qc->qo.csv = qc->cli.csv;
    qc->qo.config = &qc->cli.config;
    if (qc->n_items) {
        qc->qo.items = qc->items;
        qc->qo.n_items = qc->n_items;
    }
    return 0;
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

typedef struct join {
    fs_quest *q;
    unsigned char *found; /* per person: an episode with its id was seen */
} join;

static int on_episode(const fs_episode *ep, void *user)
{
    join *j = user;
    fs_quest_person *p = fs_quest_find(j->q, ep->id);
    if (!p)
        return 0;
    j->found[p - j->q->p] = 1;
    if (p->sex == FS_SEX_UNKNOWN && ep->sex != FS_SEX_UNKNOWN)
        p->sex = ep->sex;
    return 0;
}

static void on_problem(const fs_problem *p, void *user)
{
    (void)p;
    (void)user;
}

static const char *base(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

int qcli_load(qcli *qc)
{
    fs_msg msg = {""};
    fs_cli *c = &qc->cli;
    unsigned long not_found = 0;
    char n1[16], n2[16];
    /* the export is joined on Deltagar-ID: a questionnaire keyed by personnummer is refused
     * as soon as the reader sees it, before the export is read */
    qc->qo.refuse_pnr_key = qc->participants != NULL;
    fs_error e = fs_quest_read(c->files[0], c->n_files > 1 ? c->files[1] : NULL, &qc->qo, &qc->q,
                               &msg);
    if (e) {
        fs_cli_error(c, "%s", msg.text);
        return fs_cli_status(e);
    }
    if (!(qc->rep = fs_report_new(qc->command, c->lang))) {
        fs_cli_error(c, "out of memory");
        return FS_EXIT_FAILURE;
    }
    qc->by_sex = qc->q.has_sex_column;
    if (qc->participants) {
        if (qc->q.pnr_key) /* refused by the reader already */
            FS_BUG("--participants with a questionnaire keyed by personnummer");
        join j = {&qc->q, calloc(qc->q.n_persons + 1, 1)};
        if (!j.found) {
            fs_cli_error(c, "out of memory");
            return FS_EXIT_FAILURE;
        }
        fs_export_options eo = {.csv = c->csv, .config = &c->config,
                                .required = FS_FIELD_BIT(FS_FIELD_ID), .as_of = c->as_of};
        fs_export_callbacks cb = {on_episode, on_problem, &j};
        fs_export_reader *r = fs_export_reader_new(&eo, &cb);
        if (!r) {
            free(j.found);
            fs_cli_error(c, "out of memory");
            return FS_EXIT_FAILURE;
        }
        e = fs_export_reader_read(r, qc->participants, &msg);
        fs_export_reader_free(r);
        for (size_t k = 0; k < qc->q.n_persons; k++)
            not_found += !j.found[k];
        free(j.found);
        if (e) {
            fs_cli_error(c, "%s", msg.text);
            return fs_cli_status(e);
        }
        qc->by_sex = 1;
    }
    fs_quest_counts n;
    fs_quest_count(&qc->q, &n);
    const char *f = base(c->files[0]);
    if (not_found)
        qcli_warn(qc, fs_tr(qc->cli.lang, "%s: %s of %s questionnaire participants are not in the "
                                          "participants export %s; their sex is unknown unless the "
                                          "questionnaire gives it"),
                  f, qcli_count(qc, not_found, n1), qcli_count(qc, qc->q.n_persons, n2),
                  base(qc->participants));
    if (n.start_only || n.exit_only)
        qcli_warn(qc, fs_tr(qc->cli.lang, "%s: %s participants answered only at start and %s only "
                                          "at exit; they are not in the paired tables"),
                  f, qcli_count(qc, n.start_only, n1), qcli_count(qc, n.exit_only, n2));
    if (qc->by_sex && n.by_sex_linked[FS_SEX_UNKNOWN])
        qcli_warn(qc, fs_tr(qc->cli.lang, "%s: %s linked participants have no recorded sex; they "
                                          "are counted in the total only"),
                  f, qcli_count(qc, n.by_sex_linked[FS_SEX_UNKNOWN], n1));
    unsigned long miss = 0, items_with = 0;
    for (size_t i = 0; i < qc->q.n_items; i++) {
        fs_paired_item it = {0};
        if (fs_quest_paired(&qc->q, i, FS_QUEST_ALL_SEXES, 1, FS_ALT_TWO_SIDED, 0, &it) == FS_OK &&
            it.missing) {
            miss += it.missing;
            items_with++;
        }
        if (it.n == 0)
            qcli_warn(qc, fs_tr(qc->cli.lang, "%s: item \"%s\" has no linked answers"),
                      f, qc->q.item_label[i]);
    }
    if (miss)
        qcli_warn(qc, fs_tr(qc->cli.lang, "%s: %s answers of linked participants are missing or "
                                          "\"Vet inte\" (in %lu items); see the notes"),
                  f, qcli_count(qc, miss, n1), items_with);
    return 0;
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

const char *qcli_alt_text(const qcli *qc)
{
    switch (qc->alt) {
    case FS_ALT_GREATER:
        return fs_tr(qc->cli.lang, "one-sided, better");
    case FS_ALT_LESS:
        return fs_tr(qc->cli.lang, "one-sided, worse");
    default:
        return fs_tr(qc->cli.lang, "two-sided");
    }
}

const char *qcli_sex_text(const qcli *qc, int sex)
{
    if (sex == FS_SEX_WOMAN)
        return fs_tr(qc->cli.lang, "women");
    if (sex == FS_SEX_MAN)
        return fs_tr(qc->cli.lang, "men");
    return fs_tr(qc->cli.lang, "total");
}

fs_error qcli_item_columns(const qcli *qc, fs_table *t, int wilcoxon)
{
    const char *lang = qc->cli.lang;
    char *ps = fs_asprintf(fs_tr(lang, "p (sign test, %s)"), qcli_alt_text(qc));
    char *pw = fs_asprintf(fs_tr(lang, "p (Wilcoxon, %s)"), qcli_alt_text(qc));
    int bad = !ps || !pw;
    bad |= fs_table_add_col(t, "n", fs_tr(lang, "Linked answers"), FS_COL_COUNT, 0, -1) < 0;
    bad |= fs_table_add_col(t, "worse", fs_tr(lang, "Worse"), FS_COL_COUNT, 0, -1) < 0;
    bad |= fs_table_add_col(t, "unchanged", fs_tr(lang, "Unchanged"), FS_COL_COUNT, 0, -1) < 0;
    bad |= fs_table_add_col(t, "better", fs_tr(lang, "Better"), FS_COL_COUNT, 0, -1) < 0;
    bad |= fs_table_add_col(t, "median_start", fs_tr(lang, "Median, start"), FS_COL_NUMBER, 1, -1) < 0;
    bad |= fs_table_add_col(t, "median_end", fs_tr(lang, "Median, exit"), FS_COL_NUMBER, 1, -1) < 0;
    bad |= fs_table_add_col(t, "mean_start", fs_tr(lang, "Mean, start"), FS_COL_NUMBER, 2, -1) < 0;
    bad |= fs_table_add_col(t, "mean_end", fs_tr(lang, "Mean, exit"), FS_COL_NUMBER, 2, -1) < 0;
    bad |= !ps || fs_table_add_col(t, "p_sign", ps, FS_COL_PVALUE, 0, -1) < 0;
    if (wilcoxon)
        bad |= !pw || fs_table_add_col(t, "p_wilcoxon", pw, FS_COL_PVALUE, 0, -1) < 0;
    free(ps);
    free(pw);
    return bad ? FS_ERR_MEMORY : FS_OK;
}

fs_error qcli_item_row(fs_table *t, const char *key, const char *label, const fs_paired_item *it)
{
    fs_row *r = fs_table_add_row(t, key, label, 0, 0);
    if (!r)
        return FS_ERR_MEMORY;
    fs_row_set(t, r, "n", it->n);
    fs_row_set(t, r, "worse", it->worse);
    fs_row_set(t, r, "unchanged", it->unchanged);
    fs_row_set(t, r, "better", it->better);
    fs_row_set(t, r, "median_start", it->median_start);
    fs_row_set(t, r, "median_end", it->median_end);
    fs_row_set(t, r, "mean_start", it->mean_start);
    fs_row_set(t, r, "mean_end", it->mean_end);
    fs_row_set(t, r, "p_sign", it->sign.p_value);
    if (fs_table_col(t, "p_wilcoxon") >= 0)
        fs_row_set(t, r, "p_wilcoxon", it->has_wilcoxon ? it->wilcoxon.p_value : NAN);
    return FS_OK;
}

fs_error qcli_participation_note(const qcli *qc, fs_table *t, int sex)
{
    fs_quest_counts n;
    char a[16], b[16], c[16], d[16], e[16];
    fs_quest_count(&qc->q, &n);
    if (sex >= 0)
        return fs_table_add_note(t, fs_tr(qc->cli.lang, "Linked participants (%s): %s."),
                                 qcli_sex_text(qc, sex), qcli_count(qc, n.by_sex_linked[sex], a));
    qcli_count(qc, n.start, a);
    qcli_count(qc, n.exit, b);
    qcli_count(qc, n.linked, c);
    qcli_count(qc, n.start_only, d);
    qcli_count(qc, n.exit_only, e);
    return fs_table_add_note(t, fs_tr(qc->cli.lang, "Participants: %s at start, %s at exit, %s "
                                                    "linked; %s only at start and %s only at exit "
                                                    "are not compared."),
                             a, b, c, d, e);
}

static fs_table *item_table(qcli *qc, const char *key, const char *title, int sex)
{
    const char *lang = qc->cli.lang;
    int wil = (qc->tests & QCLI_TEST_WILCOXON) != 0;
    fs_table *t = fs_table_new(key, title);
    if (!t || qcli_item_columns(qc, t, wil))
        goto fail;
    for (size_t i = 0; i < qc->q.n_items; i++) {
        fs_paired_item it;
        if (fs_quest_paired(&qc->q, i, sex, qc->higher_is_better, qc->alt, wil, &it) ||
            qcli_item_row(t, qc->q.item_key[i], qc->q.item_label[i], &it))
            goto fail;
        char m[16];
        qcli_count(qc, it.missing, m);
        if (it.missing &&
            fs_table_add_note(t, fs_tr(lang, "%s: %s linked participants without an answer at start "
                                             "or exit (empty or Vet inte), not compared."),
                              qc->q.item_label[i], m))
            goto fail;
    }
    if (qcli_participation_note(qc, t, sex))
        goto fail;
    const char *dir = qc->higher_is_better ? fs_tr(lang, "a higher answer at exit")
                                           : fs_tr(lang, "a lower answer at exit");
    if (fs_table_add_note(t, fs_tr(lang, "Better = %s. p (sign test): exact sign test (binomial test "
                                         "of better against worse, p = 0.5, unchanged left out), %s."),
                          dir, qcli_alt_text(qc)))
        goto fail;
    if (wil && fs_table_add_note(t, fs_tr(lang, "p (Wilcoxon): Wilcoxon signed-rank test of exit - "
                                                "start (exact without ties and zeros for n < 50, else "
                                                "normal approximation with continuity correction), %s."),
                                 qcli_alt_text(qc)))
        goto fail;
    return t;
fail:
    fs_table_free(t);
    return NULL;
}

int qcli_item_tables(qcli *qc, const char *key, const char *title, const char *chart_title)
{
    if (qc->by_sex) {
        for (int s = FS_SEX_WOMAN; s <= FS_SEX_MAN; s++) {
            char *k = fs_asprintf("%s_%s", key, s == FS_SEX_WOMAN ? "women" : "men");
            char *ti = fs_asprintf("%s, %s", title, qcli_sex_text(qc, s));
            fs_table *t = k && ti ? item_table(qc, k, ti, s) : NULL;
            free(k);
            free(ti);
            if (t && fs_table_set_sheet(t, s == FS_SEX_WOMAN ? fs_tr(qc->cli.lang, "Items, women")
                                                             : fs_tr(qc->cli.lang, "Items, men"))) {
                fs_table_free(t);
                t = NULL;
            }
            if (!t || fs_report_add_table(qc->rep, t))
                goto oom;
        }
    }
    char *ti = qc->by_sex ? fs_asprintf("%s, %s", title, qcli_sex_text(qc, -1)) : fs_strdup(title);
    fs_table *t = ti ? item_table(qc, key, ti, FS_QUEST_ALL_SEXES) : NULL;
    free(ti);
    if (t && (fs_table_set_sheet(t, qc->by_sex ? fs_tr(qc->cli.lang, "Items, total")
                                               : fs_tr(qc->cli.lang, "Items")) ||
              (chart_title && fs_table_set_chart(t, chart_title, 0, "mean_start", "mean_end")))) {
        fs_table_free(t);
        t = NULL;
    }
    if (!t || fs_report_add_table(qc->rep, t))
        goto oom;
    return 0;
oom:
    fs_cli_error(&qc->cli, "out of memory");
    return FS_EXIT_FAILURE;
}

int qcli_write(qcli *qc)
{
    int sup = qc->cli.suppress;
    for (size_t i = 0; sup > 1 && i < qc->rep->n_tables; i++) {
        fs_table *t = qc->rep->tables[i];
        fs_table_suppress(t, sup);
        if (fs_table_add_note(t, fs_tr(qc->cli.lang, "Counts below %d are shown as <%d "
                                                     "(small-number suppression)."),
                              sup, sup)) {
            fs_cli_error(&qc->cli, "out of memory");
            return FS_EXIT_FAILURE;
        }
    }
    return fs_cli_write(&qc->cli, qc->rep);
}
