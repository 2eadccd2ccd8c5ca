/* check.c: validating exports (check.h): each problem written as it is found, counted by
 * kind, the distinct unknown values kept for the summary. */
#include "finsam/check.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "finsam/export.h"
#include "finsam/overlap.h"
#include "finsam/pnr.h"
#include "finsam/strmap.h"
#include "finsam/text.h"
#include "finsam/vocab.h"

#define ROWS_SAMPLE 65536 /* bytes of a file read to guess its rows */

#define MAX_DISTINCT 1000
#define SAFE_SIZE (FS_SAFE_TEXT_MAX * 4 + 8) /* room for fs_safe_text() */

typedef struct value_count {
    char *value;
    unsigned long count;
} value_count;

#define HTML_MAX_PROBLEMS 1000 /* problem rows in an HTML page; the rest are counted */

/* An episode whose overlaps are looked up later (see add_pending). */
typedef struct pending_episode {
    uint64_t key;
    fs_date entry, exit;
    int has_exit;
    const char *file;
    unsigned long line;
} pending_episode;

#define PENDING 2 /* episodes waiting to be added, oldest first */

struct fs_check {
    fs_check_options o;
    int json;
    fs_export_reader *reader;
    fs_report *rep;        /* HTML: the page's tables (the table model and its writer) */
    fs_table *problems;    /* HTML: one row per problem, up to HTML_MAX_PROBLEMS */
    fs_referrer_map *refmap;
    fs_catmap *incmap;
    /* per referrer, start and end income value number (valnum.h): 0 not looked up yet,
     * 1 a value the map knows, 2 one it does not; numbering: whose numbers */
    unsigned char known[3][FS_VALNUM_MAX];
    uint32_t insats_no[FS_VALNUM_MAX]; /* per insats value number: its overlap number + 1 */
    const void *numbering;
    fs_overlap_index *overlap;
    unsigned file_no;
    pending_episode pending[PENDING];
    size_t n_pending;
    int file_missing_column;
    unsigned long by_kind[FS_PROB_N_KINDS];
    value_count *unknown[FS_PROB_N_KINDS];
    size_t n_unknown[FS_PROB_N_KINDS];
    fs_strmap *index[FS_PROB_N_KINDS];           /* value -> its number in unknown[k] */
    unsigned long more_unknown[FS_PROB_N_KINDS]; /* distinct values beyond MAX_DISTINCT */
    fs_strmap *more[FS_PROB_N_KINDS];            /* their hashes */
    unsigned long rows;
    unsigned long n_problems;
    char **file_errors;
    size_t n_file_errors;
    int failed;
};

static const char *severity(const fs_check *st, fs_problem_kind k)
{
    (void)st;
    return fs_problem_is_error(k) ? "error" : "warning";
}

/* Every text check prints goes through fs_safe_name: a file name or a value shaped like a
 * personnummer is masked and control characters are escaped, as on standard error. */
static void safe_puts(FILE *out, const char *s)
{
    char *safe = fs_safe_name(s);
    fputs(safe ? safe : "(out of memory)", out);
    free(safe);
}

static void json_string(FILE *out, const char *s)
{
    char *safe = fs_safe_name(s);
    fs_json_write_string(out, safe ? safe : "(out of memory)");
    free(safe);
}

/* Counts a distinct unknown value, kept as fs_safe_text() gives it: the first MAX_DISTINCT
 * of a kind with their counts, found by a hash map; beyond them only how many distinct
 * values there are more, each remembered by a 64-bit hash of its text (FNV-1a), so that
 * "(N more values)" counts values, not rows, in little memory. */
static void count_unknown(fs_check *st, fs_problem_kind k, const char *raw)
{
    char value[SAFE_SIZE];
    fs_safe_text(raw, value, sizeof value);
    if (!st->index[k] && !(st->index[k] = fs_strmap_new())) {
        st->failed = 1;
        return;
    }
    size_t i = fs_strmap_find(st->index[k], value);
    if (i != FS_STRMAP_NONE) {
        st->unknown[k][i].count++;
        return;
    }
    if (st->n_unknown[k] == MAX_DISTINCT) {
        uint64_t h = 0xcbf29ce484222325ull;
        for (const unsigned char *p = (const unsigned char *)value; *p; p++)
            h = (h ^ *p) * 0x100000001b3ull;
        char key[17];
        snprintf(key, sizeof key, "%016llx", (unsigned long long)h);
        int added = 0;
        size_t n;
        if ((!st->more[k] && !(st->more[k] = fs_strmap_new())) ||
            fs_strmap_add(st->more[k], key, &n, &added)) {
            st->failed = 1;
            return;
        }
        st->more_unknown[k] += added;
        return;
    }
    value_count *v = realloc(st->unknown[k], (st->n_unknown[k] + 1) * sizeof *v);
    if (!v) {
        st->failed = 1;
        return;
    }
    st->unknown[k] = v;
    v[st->n_unknown[k]].value = fs_strdup(value);
    v[st->n_unknown[k]].count = 1;
    if (!v[st->n_unknown[k]].value || fs_strmap_add(st->index[k], value, &i, NULL)) {
        free(v[st->n_unknown[k]].value);
        st->failed = 1;
        return;
    }
    st->n_unknown[k]++;
}

static void flush_pending(fs_check *st);

/* Prints one problem. detail is the message without the `column "X": ` prefix. */
static void emit(fs_check *st, fs_problem_kind k, const char *file, unsigned long line,
                 const char *raw_column, const char *detail)
{
    if (k != FS_PROB_OVERLAP) /* the overlaps of the rows before it first */
        flush_pending(st);
    FILE *out = st->o.out;
    char column_buf[SAFE_SIZE];
    const char *column = NULL;
    if (raw_column) { /* a header as written in the file is data too */
        fs_safe_text(raw_column, column_buf, sizeof column_buf);
        column = column_buf;
    }
    st->by_kind[k]++;
    if (st->problems) {
        if (st->problems->n_rows < HTML_MAX_PROBLEMS) {
            char key[32];
            snprintf(key, sizeof key, "p%lu", st->n_problems + 1);
            char *label = fs_asprintf("%s: %s: %s: %s", severity(st, k), file,
                                      column ? column : "-", detail);
            fs_row *row = label ? fs_table_add_row(st->problems, key, label, 0, 0) : NULL;
            free(label);
            if (!row)
                st->failed = 1;
            else
                fs_row_set(st->problems, row, "line", (double)line);
        }
    } else if (st->json) {
        fputs(st->n_problems ? ",\n    {" : "\n    {", out);
        fputs("\"file\": ", out);
        json_string(out, file);
        fprintf(out, ", \"line\": %lu, \"column\": ", line);
        if (column)
            json_string(out, column);
        else
            fputs("null", out);
        fprintf(out, ", \"kind\": \"%s\", \"severity\": \"%s\", \"message\": ",
               fs_problem_kind_name(k), severity(st, k));
        json_string(out, detail);
        fputc('}', out);
    } else {
        safe_puts(out, file);
        fprintf(out, ":%lu: %s: ", line, column ? column : "-");
        safe_puts(out, detail);
        fputc('\n', out);
    }
    st->n_problems++;
}

static int is_unknown_kind(fs_problem_kind k)
{
    return k == FS_PROB_UNKNOWN_SEX || k == FS_PROB_UNKNOWN_REASON ||
           k == FS_PROB_UNKNOWN_REFERRER || k == FS_PROB_UNKNOWN_INCOME;
}

static void on_problem(const fs_problem *p, void *user)
{
    fs_check *st = user;
    const char *detail = p->message;
    if (p->column) {
        char *prefix = fs_asprintf("column \"%s\": ", p->column);
        if (prefix && strncmp(detail, prefix, strlen(prefix)) == 0)
            detail += strlen(prefix);
        free(prefix);
    }
    if (p->kind == FS_PROB_MISSING_COLUMN || p->kind == FS_PROB_DUPLICATE_COLUMN)
        st->file_missing_column = 1; /* listed as a problem: not a file that cannot be read */
    if (is_unknown_kind(p->kind) && p->value)
        count_unknown(st, p->kind, p->value);
    emit(st, p->kind, p->file, p->line, p->column, detail);
}

static void unknown_value(fs_check *st, const fs_episode *ep, fs_problem_kind k,
                          const char *column, const char *value, const char *what)
{
    char safe[SAFE_SIZE];
    fs_safe_text(value, safe, sizeof safe);
    char *detail = fs_asprintf("\"%s\" matches no %s", safe, what);
    if (!detail) {
        st->failed = 1;
        return;
    }
    count_unknown(st, k, value);
    emit(st, k, ep->file, ep->line, column, detail);
    free(detail);
}

/* Adds the oldest pending episode to the overlap index and reports an overlap. An episode
 * waits until two rows later, or until anything else is reported (emit), or the file ends:
 * its problem still comes before any of the rows after it, and fs_overlap_key_of has had
 * the time of a row or two to bring the key's place in the index into the cache (a wait
 * per row otherwise, and with one row's time still one at 10 million rows). */
static void add_pending(fs_check *st)
{
    pending_episode p = st->pending[0];
    for (size_t i = 1; i < st->n_pending; i++)
        st->pending[i - 1] = st->pending[i];
    st->n_pending--;
    int found;
    fs_overlap_hit hit;
    if (fs_overlap_add(st->overlap, p.key, p.entry, p.has_exit, p.exit, st->file_no, p.line,
                       &found, &hit)) {
        st->failed = 1;
        return;
    }
    if (!found)
        return;
    /* names the other line, never the id: it may be a personnummer */
    char *detail = hit.file_no == st->file_no
                       ? fs_asprintf("overlaps the episode at line %lu of the same "
                                     "participant and insats", hit.line)
                       : fs_asprintf("overlaps the episode at line %lu of %s of the "
                                     "same participant and insats", hit.line,
                                     st->o.files[hit.file_no]);
    if (!detail) {
        st->failed = 1;
        return;
    }
    emit(st, FS_PROB_OVERLAP, p.file, p.line, fs_field_default_header(FS_FIELD_ID), detail);
    free(detail);
}

static void flush_pending(fs_check *st)
{
    while (st->n_pending)
        add_pending(st);
}

/* The per-number memories start again for another reader's numbers. */
static void same_numbering(fs_check *st, const fs_episode *ep)
{
    if (fs_valnum_reader_changed(&st->numbering, ep->numbering)) {
        memset(st->known, 0, sizeof st->known);
        memset(st->insats_no, 0, sizeof st->insats_no);
    }
}

/* The overlap index's key of ep: id and insats, the insats's number remembered per value
 * number when the reader gave one. -1 on memory failure. */
static int overlap_key(fs_check *st, const fs_episode *ep, uint64_t *key)
{
    uint32_t no = fs_episode_no(ep, FS_FIELD_INSATS), ins;
    same_numbering(st, ep);
    if (no != FS_VALNUM_NONE && st->insats_no[no]) {
        ins = st->insats_no[no] - 1;
    } else {
        long n = fs_overlap_insats(st->overlap, ep->insats);
        if (n < 0) /* memory failure; the index numbers insatser below UINT32_MAX */
            return -1;
        ins = (uint32_t)n;
        if (no != FS_VALNUM_NONE)
            st->insats_no[no] = ins + 1;
    }
    fs_overlap_key_of(st->overlap, ep->id, ins, key);
    return 0;
}

/* 1 when the map does not know raw, the value of field f (k: its row of st->known),
 * remembered per value number when the reader gave one. */
static int unknown_in(fs_check *st, const fs_episode *ep, int k, fs_field f, const char *raw)
{
    uint32_t no = fs_episode_no(ep, f);
    same_numbering(st, ep);
    if (no != FS_VALNUM_NONE && st->known[k][no])
        return st->known[k][no] == 2;
    int unknown;
    if (f == FS_FIELD_REFERRER)
        fs_referrer_lookup(st->refmap, raw, &unknown);
    else
        unknown = fs_income_lookup(st->incmap, raw) == FS_CAT_NONE;
    if (no != FS_VALNUM_NONE)
        st->known[k][no] = unknown ? 2 : 1;
    return unknown;
}

static int on_episode(const fs_episode *ep, void *user)
{
    fs_check *st = user;
    if (st->n_pending == PENDING)
        add_pending(st);
    st->rows++;
    if (unknown_in(st, ep, 0, FS_FIELD_REFERRER, ep->referrer))
        unknown_value(st, ep, FS_PROB_UNKNOWN_REFERRER,
                      fs_field_default_header(FS_FIELD_REFERRER), ep->referrer, "referrer");
    if (unknown_in(st, ep, 1, FS_FIELD_INCOME_START, ep->income_start))
        unknown_value(st, ep, FS_PROB_UNKNOWN_INCOME, fs_field_default_header(FS_FIELD_INCOME_START),
                      ep->income_start, "income-support category");
    if (unknown_in(st, ep, 2, FS_FIELD_INCOME_END, ep->income_end))
        unknown_value(st, ep, FS_PROB_UNKNOWN_INCOME, fs_field_default_header(FS_FIELD_INCOME_END),
                      ep->income_end, "income-support category");
    if (!ep->excluded && ep->reason_group != FS_EXIT_EXCLUDED) {
        pending_episode p = {0, ep->entry, ep->exit, ep->has_exit, ep->file, ep->line};
        if (overlap_key(st, ep, &p.key))
            st->failed = 1;
        else if (p.key) /* no id: never an overlap */
            st->pending[st->n_pending++] = p;
    }
    return st->failed;
}

static unsigned long count_severity(const fs_check *st, int errors)
{
    unsigned long n = 0;
    for (int k = 0; k < FS_PROB_N_KINDS; k++)
        if (fs_problem_is_error(k) == errors)
            n += st->by_kind[k];
    return n;
}

static void summary_text(const fs_check *st, unsigned long errors, unsigned long warnings)
{
    FILE *out = st->o.out;
    if (!st->n_problems && !st->n_file_errors) {
        fprintf(out, "%s: %lu rows in %zu file%s, no problems found.\n", st->o.prog, st->rows,
               st->o.n_files, st->o.n_files == 1 ? "" : "s");
        return;
    }
    fprintf(out, "\nSummary: %lu rows in %zu file%s; %lu error%s, %lu warning%s.\n", st->rows,
           st->o.n_files, st->o.n_files == 1 ? "" : "s", errors, errors == 1 ? "" : "s",
           warnings, warnings == 1 ? "" : "s");
    for (int k = 0; k < FS_PROB_N_KINDS; k++) {
        if (!st->by_kind[k])
            continue;
        fprintf(out, "  %-30s %-8s %6lu\n", fs_problem_kind_name(k), severity(st, k), st->by_kind[k]);
        for (size_t i = 0; i < st->n_unknown[k]; i++)
            fprintf(out, "      \"%s\": %lu\n", st->unknown[k][i].value, st->unknown[k][i].count);
        if (st->more_unknown[k])
            fprintf(out, "      (%lu more values)\n", st->more_unknown[k]);
    }
    for (size_t i = 0; i < st->n_file_errors; i++) {
        fputs("  file not checked: ", out);
        safe_puts(out, st->file_errors[i]);
        fputc('\n', out);
    }
}

/* HTML: the problems table (made while reading) and a summary table by kind with the
 * distinct unknown values under each, written by the HTML writer like any report. */
static fs_error summary_html(fs_check *st, unsigned long errors, unsigned long warnings)
{
    fs_table *p = st->problems;
    fs_error e = FS_OK;
    if (st->n_problems > p->n_rows)
        e = fs_table_add_note(p, "%lu more problems are not listed here; the text or JSON output "
                                 "of check lists every one.", st->n_problems - p->n_rows);
    if (!e && !st->n_problems)
        e = fs_table_add_note(p, "No problems found.");
    st->problems = NULL;
    if (e || (e = fs_report_add_table(st->rep, p)))
        return e;
    char *title = fs_asprintf("Summary: %lu rows in %zu file%s; %lu error%s, %lu warning%s",
                              st->rows, st->o.n_files, st->o.n_files == 1 ? "" : "s",
                              errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
    fs_table *t = title ? fs_table_new("summary", title) : NULL;
    free(title);
    if (!t || fs_table_add_col(t, "count", "Count", FS_COL_COUNT, 0, -1) < 0)
        goto oom;
    for (int k = 0; k < FS_PROB_N_KINDS; k++) {
        if (!st->by_kind[k])
            continue;
        char *label = fs_asprintf("%s (%s)", fs_problem_kind_name(k), severity(st, k));
        fs_row *row = label ? fs_table_add_row(t, fs_problem_kind_name(k), label, 0, 0) : NULL;
        free(label);
        if (!row)
            goto oom;
        fs_row_set(t, row, "count", (double)st->by_kind[k]);
        for (size_t i = 0; i < st->n_unknown[k]; i++) {
            char key[48];
            snprintf(key, sizeof key, "%s_%zu", fs_problem_kind_name(k), i + 1);
            char *v = fs_asprintf("\"%s\"", st->unknown[k][i].value);
            fs_row *d = v ? fs_table_add_row(t, key, v, 1, 0) : NULL;
            free(v);
            if (!d)
                goto oom;
            fs_row_set(t, d, "count", (double)st->unknown[k][i].count);
        }
        if (st->more_unknown[k] &&
            fs_table_add_note(t, "%s: %lu more values.", fs_problem_kind_name(k),
                              st->more_unknown[k]))
            goto oom;
    }
    for (size_t i = 0; i < st->n_file_errors; i++)
        if (fs_table_add_note(t, "File not checked: %s", st->file_errors[i]))
            goto oom;
    return fs_report_add_table(st->rep, t);
oom:
    fs_table_free(t);
    return FS_ERR_MEMORY;
}

static void summary_json(const fs_check *st, unsigned long errors, unsigned long warnings,
                         int ok)
{
    FILE *out = st->o.out;
    fprintf(out, "%s],\n  \"summary\": {\n    \"files\": %zu,\n    \"rows\": %lu,\n"
           "    \"errors\": %lu,\n    \"warnings\": %lu,\n    \"ok\": %s,\n    \"by_kind\": {",
           st->n_problems ? "\n  " : "", st->o.n_files, st->rows, errors, warnings,
           ok ? "true" : "false");
    int first = 1;
    for (int k = 0; k < FS_PROB_N_KINDS; k++) {
        if (!st->by_kind[k])
            continue;
        fprintf(out, "%s\n      \"%s\": {\"severity\": \"%s\", \"count\": %lu", first ? "" : ",",
               fs_problem_kind_name(k), severity(st, k), st->by_kind[k]);
        if (is_unknown_kind(k)) {
            fputs(", \"values\": [", out);
            for (size_t i = 0; i < st->n_unknown[k]; i++) {
                fputs(i ? ", {\"value\": " : "{\"value\": ", out);
                json_string(out, st->unknown[k][i].value);
                fprintf(out, ", \"count\": %lu}", st->unknown[k][i].count);
            }
            fputc(']', out);
        }
        fputc('}', out);
        first = 0;
    }
    fprintf(out, "%s},\n    \"file_errors\": [", first ? "" : "\n    ");
    for (size_t i = 0; i < st->n_file_errors; i++) {
        if (i)
            fputs(", ", out);
        json_string(out, st->file_errors[i]);
    }
    fputs("]\n  }\n}\n", out);
}

/* About the rows of the file at path, for the overlap index's reserve: its size times the
 * lines per byte of its first 64 KiB, and an eighth more for longer rows further on; 0 for
 * what is not a regular file (standard input, a pipe) or cannot be read. A guess from the
 * size alone was too small for some files and too large for others: at 200 bytes a row the
 * 1M export (144 bytes a row) outgrew the index, and a file of longer rows would get slots
 * it never fills. */
static size_t rows_hint(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size <= 0)
        return 0; /* not a pipe: it would be read here and not there */
    FILE *f = fopen(path, "rb");
    char *buf = f ? malloc(ROWS_SAMPLE) : NULL;
    size_t n = buf ? fread(buf, 1, ROWS_SAMPLE, f) : 0, lines = 0;
    if (f)
        fclose(f);
    for (const char *p = buf, *end = buf + n; p && (p = memchr(p, '\n', (size_t)(end - p))); p++)
        lines++;
    free(buf);
    if (!n)
        return 0;
    double rows = (double)sb.st_size * (double)(lines + 1) / (double)n;
    rows += rows / 8;
    return rows < (double)SIZE_MAX / 2 ? (size_t)rows : SIZE_MAX / 2;
}

fs_check *fs_check_new(const fs_check_options *o, fs_msg *err)
{
    fs_check *st = calloc(1, sizeof *st);
    if (!st)
        goto oom;
    st->o = *o;
    st->json = o->format == FS_FMT_JSON;
    if (o->format == FS_FMT_HTML) {
        if (!(st->rep = fs_report_new("check", "en")) ||
            !(st->problems = fs_table_new("problems", "Problems, one per row")) ||
            fs_table_add_col(st->problems, "line", "Line", FS_COL_COUNT, 0, -1) < 0)
            goto oom;
        if (o->source && !(st->rep->source = fs_asprintf("Source: %s", o->source)))
            goto oom;
    }
    if (!(st->refmap = fs_referrer_map_new(o->config, err)) ||
        !(st->incmap = fs_income_map_new(o->config, err))) {
        fs_check_free(st);
        return NULL;
    }
    if (!(st->overlap = fs_overlap_new()))
        goto oom;
    /* room in the overlap index for the rows the files hold, so that it is not rebuilt
     * from every episode as it grows (4 % of check on the 1M export): a hint only */
    size_t rows = 0;
    for (size_t i = 0; i < o->n_files; i++)
        rows += rows_hint(o->files[i]);
    if (rows)
        (void)fs_overlap_reserve(st->overlap, rows); /* without it: it grows */
    fs_export_options eo = {.csv = o->csv, .config = o->config,
                            .required = FS_FIELD_BIT(FS_FIELD_ENTRY) | FS_FIELD_BIT(FS_FIELD_EXIT) |
                                        FS_FIELD_BIT(FS_FIELD_REASON),
                            .as_of = o->as_of, .check_future = 1,
                            /* the optional columns the reports read: an absent one is
                             * listed; check reads the values of the first five */
                            .wanted = FS_FIELD_BIT(FS_FIELD_ID) | FS_FIELD_BIT(FS_FIELD_INSATS) |
                                      FS_FIELD_BIT(FS_FIELD_REFERRER) |
                                      FS_FIELD_BIT(FS_FIELD_INCOME_START) |
                                      FS_FIELD_BIT(FS_FIELD_INCOME_END),
                            .listed = FS_FIELD_BIT(FS_FIELD_TARGET_GROUP) |
                                      FS_FIELD_BIT(FS_FIELD_MUNICIPALITY),
                            /* what on_episode() remembers per value number */
                            .numbered = FS_FIELD_BIT(FS_FIELD_INSATS) |
                                        FS_FIELD_BIT(FS_FIELD_REFERRER) |
                                        FS_FIELD_BIT(FS_FIELD_INCOME_START) |
                                        FS_FIELD_BIT(FS_FIELD_INCOME_END)};
    fs_export_callbacks cb = {on_episode, on_problem, st};
    if (!(st->reader = fs_export_reader_new(&eo, &cb)))
        goto oom;
    if (st->json) {
        FILE *out = o->out;
        char d[11];
        fs_date_format(o->as_of, d);
        fputs("{\n  \"command\": \"check\",\n  \"files\": [", out);
        for (size_t i = 0; i < o->n_files; i++) {
            if (i)
                fputs(", ", out);
            json_string(out, o->files[i]);
        }
        fprintf(out, "],\n  \"as_of\": \"%s\",\n  \"strict\": %s,\n  \"problems\": [", d,
                o->strict ? "true" : "false");
    }
    return st;
oom:
    fs_check_free(st);
    fs_msg_set(err, "out of memory");
    return NULL;
}

fs_error fs_check_file(fs_check *st, size_t i, fs_msg *err)
{
    st->file_no = (unsigned)i;
    st->file_missing_column = 0;
    err->text[0] = '\0';
    fs_error e = fs_export_reader_read(st->reader, st->o.files[i], err);
    flush_pending(st);
    if (st->failed || e == FS_ERR_MEMORY)
        return FS_ERR_MEMORY;
    if (!e || (e == FS_ERR_DATA && st->file_missing_column))
        return FS_OK; /* a missing column is listed as a problem */
    /* a file that cannot be checked at all: not a row problem */
    char **fe = realloc(st->file_errors, (st->n_file_errors + 1) * sizeof *fe);
    if (!fe)
        return FS_ERR_MEMORY;
    st->file_errors = fe;
    if (!(fe[st->n_file_errors] = fs_strdup(err->text)))
        return FS_ERR_MEMORY;
    st->n_file_errors++;
    return e;
}

fs_error fs_check_finish(fs_check *st, int *ok, fs_report **page)
{
    unsigned long errors = count_severity(st, 1), warnings = count_severity(st, 0);
    *ok = errors == 0 && st->n_file_errors == 0 && !(st->o.strict && warnings);
    *page = NULL;
    if (st->rep) {
        if (summary_html(st, errors, warnings))
            return FS_ERR_MEMORY;
        *page = st->rep;
        st->rep = NULL;
    } else if (st->json) {
        summary_json(st, errors, warnings, *ok);
    } else {
        summary_text(st, errors, warnings);
    }
    return FS_OK;
}

void fs_check_free(fs_check *st)
{
    if (!st)
        return;
    fs_table_free(st->problems);
    fs_report_free(st->rep);
    fs_export_reader_free(st->reader);
    fs_overlap_free(st->overlap);
    fs_referrer_map_free(st->refmap);
    fs_catmap_free(st->incmap);
    for (int k = 0; k < FS_PROB_N_KINDS; k++) {
        for (size_t i = 0; i < st->n_unknown[k]; i++)
            free(st->unknown[k][i].value);
        free(st->unknown[k]);
        fs_strmap_free(st->index[k]);
        fs_strmap_free(st->more[k]);
    }
    for (size_t i = 0; i < st->n_file_errors; i++)
        free(st->file_errors[i]);
    free(st->file_errors);
    free(st);
}
