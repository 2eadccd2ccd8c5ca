/* export.c: header mapping and row parsing of SUS-style exports. */
#include "finsam/export.h"

#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/progress.h"
#include "finsam/strmap.h"
#include "finsam/text.h"

typedef struct field_def {
    const char *name;
    const char *const aliases[6]; /* the default header first */
} field_def;

static const field_def fields[FS_FIELD_COUNT] = {
    [FS_FIELD_ID] = {"id", {"Deltagar-ID", "Deltagarnummer", "Löpnummer", "ID", "Deltagarid", NULL}},
    [FS_FIELD_PNR] = {"personnummer", {"Personnummer", "Personnr", "Pnr", NULL}},
    [FS_FIELD_SEX] = {"sex", {"Kön", "Kon", NULL}},
    [FS_FIELD_BIRTH_YEAR] = {"birth_year", {"Födelseår", "Fodelsear", NULL}},
    [FS_FIELD_INSATS] = {"insats", {"Insats", "Insatsnamn", "Projekt", NULL}},
    [FS_FIELD_ENTRY] = {"entry_date", {"Inskrivningsdatum", "Inskriven", "Startdatum", NULL}},
    [FS_FIELD_EXIT] = {"exit_date",
                       {"Avslutsdatum", "Utskrivningsdatum", "Utskriven", "Slutdatum", NULL}},
    [FS_FIELD_REASON] = {"exit_reason",
                         {"Avslutsanledning", "Avslutsorsak", "Avslutningsanledning", NULL}},
    [FS_FIELD_INCOME_START] = {"income_start", {"Försörjning vid inskrivning", NULL}},
    [FS_FIELD_INCOME_END] = {"income_end", {"Försörjning vid avslut", NULL}},
    [FS_FIELD_REFERRER] = {"referrer", {"Remittent", "Remitterande aktör", NULL}},
    [FS_FIELD_TARGET_GROUP] = {"target_group", {"Målgrupp", NULL}},
    [FS_FIELD_MUNICIPALITY] = {"municipality", {"Kommun", "Folkbokföringskommun", NULL}},
};

const char *fs_field_name(fs_field f)
{
    return fields[f].name;
}

int fs_field_by_name(const char *name)
{
    for (int f = 0; f < FS_FIELD_COUNT; f++)
        if (strcmp(fields[f].name, name) == 0)
            return f;
    return -1;
}

fs_error fs_export_config_check(const fs_config *cfg, fs_msg *err)
{
    for (size_t i = 0; cfg && i < cfg->n; i++) {
        const fs_config_entry *e = &cfg->entries[i];
        if (strcmp(e->section, "columns") == 0 && fs_field_by_name(e->key) < 0)
            return fs_config_fail(cfg, e, err, "unknown field \"%s\" in [columns]", e->key);
    }
    return FS_OK;
}

const char *fs_field_default_header(fs_field f)
{
    return fields[f].aliases[0];
}

const char *const *fs_field_aliases(fs_field f)
{
    return fields[f].aliases;
}

static const char *const kind_names[FS_PROB_N_KINDS] = {
    [FS_PROB_MISSING_ENTRY] = "missing_entry_date",
    [FS_PROB_BAD_DATE] = "bad_date",
    [FS_PROB_EXIT_BEFORE_ENTRY] = "exit_before_entry",
    [FS_PROB_EXIT_WITHOUT_REASON] = "exit_without_reason",
    [FS_PROB_REASON_WITHOUT_EXIT] = "reason_without_exit",
    [FS_PROB_UNKNOWN_REASON] = "unknown_exit_reason",
    [FS_PROB_UNKNOWN_SEX] = "unknown_sex",
    [FS_PROB_NO_SEX] = "no_sex",
    [FS_PROB_BAD_PNR] = "bad_personnummer",
    [FS_PROB_SEX_CONTRADICTS_PNR] = "sex_contradicts_personnummer",
    [FS_PROB_BAD_BIRTH_YEAR] = "bad_birth_year",
    [FS_PROB_FUTURE_DATE] = "future_date",
    [FS_PROB_FIELD_COUNT] = "field_count",
    [FS_PROB_ABSENT_COLUMN] = "absent_column",
    [FS_PROB_DUPLICATE_COLUMN] = "duplicate_column",
    [FS_PROB_ALIAS_COLUMN] = "alias_column",
    [FS_PROB_UNKNOWN_REFERRER] = "unknown_referrer",
    [FS_PROB_UNKNOWN_INCOME] = "unknown_income",
    [FS_PROB_OVERLAP] = "overlapping_episodes",
    [FS_PROB_MISSING_COLUMN] = "missing_column",
};

const char *fs_problem_kind_name(fs_problem_kind k)
{
    return (unsigned)k < FS_PROB_N_KINDS && kind_names[k] ? kind_names[k] : "problem";
}

int fs_problem_is_error(fs_problem_kind k)
{
    return k == FS_PROB_MISSING_ENTRY || k == FS_PROB_BAD_DATE || k == FS_PROB_EXIT_BEFORE_ENTRY ||
           k == FS_PROB_MISSING_COLUMN || k == FS_PROB_DUPLICATE_COLUMN;
}

#define DATE_CACHE_BITS 13 /* 8,192 entries of 32 bytes: a few years of dates in up to three
                           * spellings mostly each in a slot of its own */

typedef struct date_entry {
    uint64_t w[3]; /* the text's first 8 bytes, bytes 8..16 (or 0), its last 8 bytes */
    uint32_t len;  /* 0: empty */
    int32_t date;  /* days (fs_date_parse's dates fit) */
} date_entry;

/* The fields whose values are categories: few distinct values, numbered per reader. */
static const unsigned numbered_fields =
    FS_FIELD_BIT(FS_FIELD_SEX) | FS_FIELD_BIT(FS_FIELD_INSATS) | FS_FIELD_BIT(FS_FIELD_REASON) |
    FS_FIELD_BIT(FS_FIELD_INCOME_START) | FS_FIELD_BIT(FS_FIELD_INCOME_END) |
    FS_FIELD_BIT(FS_FIELD_REFERRER) | FS_FIELD_BIT(FS_FIELD_TARGET_GROUP) |
    FS_FIELD_BIT(FS_FIELD_MUNICIPALITY);

/* The fields the reader itself reads: what every row is checked for; the others only when
 * the command says it reads them (opt.wanted, opt.required), and the participant id when
 * persons are counted (opt.persons). */
static const unsigned core_fields =
    FS_FIELD_BIT(FS_FIELD_PNR) | FS_FIELD_BIT(FS_FIELD_SEX) | FS_FIELD_BIT(FS_FIELD_BIRTH_YEAR) |
    FS_FIELD_BIT(FS_FIELD_ENTRY) | FS_FIELD_BIT(FS_FIELD_EXIT) | FS_FIELD_BIT(FS_FIELD_REASON);

struct fs_export_reader {
    fs_export_options opt;
    date_entry dates[1u << DATE_CACHE_BITS]; /* dates read before, by a hash of their text */
    fs_export_callbacks cb;
    fs_catmap *reasons;
    fs_catmap *sexes;
    unsigned long empty_rows;
    int as_of_year;

    /* the category fields' values numbered (valnum.h), and the groups of the numbers met:
     * group + 2, 0 = not looked up yet */
    fs_valnum *numbers[FS_FIELD_COUNT], **extra_numbers;
    uint32_t *extra_no; /* the current row's numbers of opt.extra */
    int *group_of[FS_FIELD_COUNT]; /* FS_FIELD_SEX and FS_FIELD_REASON */
    unsigned taken;                 /* FS_FIELD_BIT()s of the fields read from each row */
    /* per file: the columns taken from each row, and where their values go */
    struct take {
        int col;
        const char **val;
        size_t *len;
    } *take;
    size_t n_take;
    int numbered[FS_FIELD_COUNT];   /* the fields with numbers[] */
    int n_numbered;

    /* per file */
    const char *val[FS_FIELD_COUNT]; /* the current row's trimmed values */
    size_t len[FS_FIELD_COUNT];      /* and their lengths */
    size_t *extra_len;
    const char *file;
    int col[FS_FIELD_COUNT]; /* column index of each field, -1 when absent */
    char *header[FS_FIELD_COUNT]; /* header text as written */
    int *extra_col;               /* column index of each opt.extra, -1 when absent */
    const char **extra_val;       /* the current row's values of opt.extra */
    unsigned long data_rows;
    fs_csv_info info; /* of the file read last */
    size_t header_fields;
    int header_done;
    int stopped;
    fs_error err;
    fs_msg *msg;
    fs_progress progress;
};

fs_export_reader *fs_export_reader_new(const fs_export_options *opt, const fs_export_callbacks *cb)
{
    fs_export_reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->opt = *opt;
    r->cb = *cb;
    int m, d;
    fs_date_to_ymd(opt->as_of, &r->as_of_year, &m, &d);
    r->reasons = fs_exit_reason_map_new();
    r->sexes = fs_sex_map_new();
    if (!r->reasons || !r->sexes)
        goto fail;
    if (opt->n_extra && (!(r->extra_col = calloc(opt->n_extra, sizeof *r->extra_col)) ||
                         !(r->extra_val = calloc(opt->n_extra, sizeof *r->extra_val)) ||
                         !(r->extra_len = calloc(opt->n_extra, sizeof *r->extra_len)) ||
                         !(r->extra_no = calloc(opt->n_extra, sizeof *r->extra_no)) ||
                         !(r->extra_numbers = calloc(opt->n_extra, sizeof *r->extra_numbers))))
        goto fail;
    for (size_t x = 0; x < opt->n_extra; x++)
        if (!(r->extra_numbers[x] = fs_valnum_new()))
            goto fail;
    /* the fields the command reads are taken from each row, and those it asks for (and the
     * two the reader looks up itself) numbered */
    /* the id keys a person without a personnummer */
    r->taken = opt->wanted | opt->required | core_fields |
               (opt->persons ? FS_FIELD_BIT(FS_FIELD_ID) : 0);
    unsigned numbered = opt->numbered | FS_FIELD_BIT(FS_FIELD_SEX) | FS_FIELD_BIT(FS_FIELD_REASON);
    for (int f = 0; f < FS_FIELD_COUNT; f++) {
        if (!(numbered_fields & FS_FIELD_BIT(f) & numbered & r->taken))
            continue;
        if (!(r->numbers[f] = fs_valnum_new()))
            goto fail;
        r->numbered[r->n_numbered++] = f;
    }
    if (!(r->group_of[FS_FIELD_SEX] = calloc(FS_VALNUM_MAX, sizeof(int))) ||
        !(r->group_of[FS_FIELD_REASON] = calloc(FS_VALNUM_MAX, sizeof(int))))
        goto fail;
    const fs_config *cfg = opt->config;
    for (size_t i = 0; cfg && i < cfg->n; i++) {
        const fs_config_entry *e = &cfg->entries[i];
        if (strcmp(e->section, "exit_reasons") == 0 &&
            fs_catmap_add(r->reasons, e->key, fs_exit_group_by_key(e->value)))
            goto fail;
    }
    return r;
fail:
    fs_export_reader_free(r);
    return NULL;
}

void fs_export_reader_free(fs_export_reader *r)
{
    if (!r)
        return;
    fs_catmap_free(r->reasons);
    fs_catmap_free(r->sexes);
    for (int f = 0; f < FS_FIELD_COUNT; f++) {
        fs_valnum_free(r->numbers[f]);
        free(r->group_of[f]);
    }
    for (size_t x = 0; r->extra_numbers && x < r->opt.n_extra; x++)
        fs_valnum_free(r->extra_numbers[x]);
    free(r->extra_numbers);
    free(r->take);
    free(r->extra_no);
    free(r->extra_len);
    for (int f = 0; f < FS_FIELD_COUNT; f++)
        free(r->header[f]);
    free(r->extra_col);
    free(r->extra_val);
    free(r);
}

const fs_csv_info *fs_export_reader_info(const fs_export_reader *r)
{
    return &r->info;
}

unsigned long fs_export_reader_data_rows(const fs_export_reader *r)
{
    return r->data_rows;
}

unsigned long fs_export_reader_empty_rows(const fs_export_reader *r)
{
    return r->empty_rows;
}

static void problem(fs_export_reader *r, fs_problem_kind kind, unsigned long line, fs_field f,
                    const char *value, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static void problem(fs_export_reader *r, fs_problem_kind kind, unsigned long line, fs_field f,
                    const char *value, const char *fmt, ...)
{
    char detail[600], message[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    const char *column = r->header[f] ? r->header[f] : fs_field_default_header(f);
    snprintf(message, sizeof message, "column \"%s\": %s", column, detail);
    fs_problem p = {kind, r->file, line, column, value, message};
    if (r->cb.problem)
        r->cb.problem(&p, r->cb.user);
}

/* A column the command uses is not in the header: a warning naming the headers accepted. */
static void absent_column(fs_export_reader *r, unsigned long line, const char *configured,
                          const char *const *aliases)
{
    char message[900], column[FS_SAFE_TEXT_MAX * 4 + 8];
    fs_buf also = {0};
    if (configured) {
        fs_safe_text(configured, column, sizeof column);
        fs_buf_printf(&also, " (set in %s)", r->opt.config ? r->opt.config->path : "the config");
    } else {
        fs_safe_text(aliases[0], column, sizeof column);
        for (int k = 1; aliases[k]; k++) {
            char safe[FS_SAFE_TEXT_MAX * 4 + 8];
            fs_safe_text(aliases[k], safe, sizeof safe);
            fs_buf_printf(&also, "%s\"%s\"", k == 1 ? " (also accepted: " : ", ", safe);
        }
        if (also.len)
            fs_buf_puts(&also, ")");
    }
    snprintf(message, sizeof message, "column \"%s\": not in the header%s; every row counts as "
             "not recorded", column, also.data ? also.data : "");
    fs_buf_free(&also);
    fs_problem p = {FS_PROB_ABSENT_COLUMN, r->file, line, column, NULL, message};
    if (r->cb.problem)
        r->cb.problem(&p, r->cb.user);
}

/* A column the reader reads (column c, the first with its header) that has a second one:
 * which of the two holds the data is not clear, so the file is refused, naming both
 * columns. Reported as a problem (check lists it) and as the read's error. Returns 1 when
 * it did. */
static int duplicate_column(fs_export_reader *r, const fs_csv_record *rec, int c, const int *second)
{
    if (c < 0 || second[c] < 0)
        return 0;
    char column[FS_SAFE_TEXT_MAX * 4 + 8], message[900];
    fs_safe_text(rec->fields[c], column, sizeof column);
    snprintf(message, sizeof message, "column \"%s\": in the header twice, as columns %d and %d; "
             "which one holds the data is not clear (rename or remove one)", column, c + 1,
             second[c] + 1);
    fs_problem p = {FS_PROB_DUPLICATE_COLUMN, r->file, rec->line, column, NULL, message};
    if (r->cb.problem)
        r->cb.problem(&p, r->cb.user);
    if (!r->err) {
        r->err = FS_ERR_DATA;
        fs_msg_set(r->msg, "%s:%lu: %s", r->file, rec->line, message);
    }
    return 1;
}

/* Column i is headed by another of the accepted names of field f, which is read from column
 * r->col[f] (of the names the header has, the first in the list): a warning that column i
 * is not read. */
static void alias_column(fs_export_reader *r, const fs_csv_record *rec, fs_field f, size_t i)
{
    char column[FS_SAFE_TEXT_MAX * 4 + 8], read[FS_SAFE_TEXT_MAX * 4 + 8], message[900];
    fs_safe_text(rec->fields[i], column, sizeof column);
    fs_safe_text(rec->fields[r->col[f]], read, sizeof read);
    snprintf(message, sizeof message, "column \"%s\": another accepted name for \"%s\" "
             "(column %d), which is read instead; this column is ignored", column, read,
             r->col[f] + 1);
    fs_problem p = {FS_PROB_ALIAS_COLUMN, r->file, rec->line, column, NULL, message};
    if (r->cb.problem)
        r->cb.problem(&p, r->cb.user);
}

/* Warns of each column headed by another accepted name of a field the reader reads (and not
 * read itself as a named column), after the columns are mapped: the same name twice is
 * duplicate_column's; a configured header replaces the names. 0 on memory failure. */
static int alias_columns(fs_export_reader *r, const fs_csv_record *rec, char **folded)
{
    for (int f = 0; f < FS_FIELD_COUNT; f++) {
        if (r->col[f] < 0 || !(r->taken & FS_FIELD_BIT(f)) ||
            fs_config_get(r->opt.config, "columns", fields[f].name))
            continue;
        for (const char *const *n = fields[f].aliases; *n; n++) {
            char *want = fs_fold(*n);
            if (!want)
                return 0;
            for (size_t i = 0; i < rec->n_fields; i++) {
                int named = 0; /* read as a named column (column:HEADER) */
                for (size_t x = 0; x < r->opt.n_extra; x++)
                    named |= r->extra_col[x] == (int)i;
                if ((int)i != r->col[f] && !named && strcmp(folded[i], want) == 0 &&
                    strcmp(folded[i], folded[r->col[f]]) != 0)
                    alias_column(r, rec, (fs_field)f, i);
            }
            free(want);
        }
    }
    return 1;
}

/* second[i]: the next column with the same folded header as column i, or -1. */
static int find_duplicates(char **folded, size_t n, int *second)
{
    fs_strmap *seen = fs_strmap_new();
    int *first = calloc(n ? n : 1, sizeof *first);
    int ok = seen && first;
    for (size_t i = 0; ok && i < n; i++) {
        size_t k;
        int added;
        second[i] = -1;
        if (fs_strmap_add(seen, folded[i], &k, &added)) {
            ok = 0;
            break;
        }
        if (added)
            first[k] = (int)i;
        else if (second[first[k]] < 0)
            second[first[k]] = (int)i;
    }
    fs_strmap_free(seen);
    free(first);
    return ok;
}

/* The columns take_values() takes, from the header just mapped; every other value is "". */
static int plan_take(fs_export_reader *r)
{
    free(r->take);
    r->n_take = 0;
    if (!(r->take = calloc(FS_FIELD_COUNT + r->opt.n_extra, sizeof *r->take)))
        return 0;
    for (int f = 0; f < FS_FIELD_COUNT; f++) {
        r->val[f] = "";
        r->len[f] = 0;
        if (r->col[f] >= 0 && (r->taken & FS_FIELD_BIT(f)))
            r->take[r->n_take++] = (struct take){r->col[f], &r->val[f], &r->len[f]};
    }
    for (size_t x = 0; x < r->opt.n_extra; x++) {
        r->extra_val[x] = "";
        r->extra_len[x] = 0;
        if (r->extra_col[x] >= 0)
            r->take[r->n_take++] = (struct take){r->extra_col[x], &r->extra_val[x], &r->extra_len[x]};
    }
    return 1;
}

/* Finds the columns; a configured header replaces the default aliases of its field. */
static int map_header(fs_export_reader *r, const fs_csv_record *rec)
{
    char **folded = calloc(rec->n_fields ? rec->n_fields : 1, sizeof *folded);
    int *second = calloc(rec->n_fields ? rec->n_fields : 1, sizeof *second);
    int ok = 0;
    if (!folded || !second)
        goto oom;
    for (size_t i = 0; i < rec->n_fields; i++) {
        folded[i] = fs_fold(rec->fields[i]);
        if (!folded[i]) {
            r->err = FS_ERR_PARSE;
            fs_msg_set(r->msg, "%s:%lu: column %zu: the header is not valid text", r->file,
                       rec->line, i + 1);
            goto done;
        }
    }
    if (!find_duplicates(folded, rec->n_fields, second))
        goto oom;
    for (int f = 0; f < FS_FIELD_COUNT; f++) {
        const char *configured = fs_config_get(r->opt.config, "columns", fields[f].name);
        const char *one[2] = {configured, NULL};
        const char *const *names = configured ? one : fields[f].aliases;
        r->col[f] = -1;
        for (const char *const *n = names; *n && r->col[f] < 0; n++) {
            char *want = fs_fold(*n);
            if (!want)
                goto oom;
            for (size_t i = 0; i < rec->n_fields && r->col[f] < 0; i++)
                if (strcmp(folded[i], want) == 0)
                    r->col[f] = (int)i;
            free(want);
        }
        free(r->header[f]);
        r->header[f] = r->col[f] >= 0 ? fs_strdup(rec->fields[r->col[f]]) : NULL;
        if (r->col[f] >= 0 && !r->header[f])
            goto oom;
        if (r->col[f] < 0 && (r->opt.required & FS_FIELD_BIT(f))) {
            /* Every missing required column is reported as a problem (for `check`); the
             * read fails with the first one. */
            problem(r, FS_PROB_MISSING_COLUMN, rec->line, (fs_field)f, NULL,
                    "missing; this column is required");
            if (r->err)
                continue;
            r->err = FS_ERR_DATA;
            if (configured) {
                const fs_config_entry *e = fs_config_find(r->opt.config, "columns", fields[f].name);
                fs_msg_set(r->msg, "%s:%lu: missing required column \"%s\" (set for %s in %s:%u)",
                           r->file, rec->line, configured, fields[f].name, r->opt.config->path,
                           e ? e->line : 0);
            } else {
                fs_buf also = {0};
                for (int k = 1; fields[f].aliases[k]; k++)
                    fs_buf_printf(&also, "%s%s", k > 1 ? ", " : "", fields[f].aliases[k]);
                fs_msg_set(r->msg, "%s:%lu: missing required column \"%s\"%s%s%s", r->file,
                           rec->line, fields[f].aliases[0], also.len ? " (also accepted: " : "",
                           also.len ? also.data : "", also.len ? ")" : "");
                fs_buf_free(&also);
            }
        }
    }
    for (int f = 0; f < FS_FIELD_COUNT; f++)
        duplicate_column(r, rec, r->col[f], second);
    if (r->err)
        goto done;
    for (int f = 0; f < FS_FIELD_COUNT; f++)
        if (r->col[f] < 0 && ((r->opt.wanted | r->opt.listed) & FS_FIELD_BIT(f)) &&
            !(r->opt.required & FS_FIELD_BIT(f)))
            absent_column(r, rec->line, fs_config_get(r->opt.config, "columns", fields[f].name),
                          fields[f].aliases);
    for (size_t x = 0; x < r->opt.n_extra; x++) {
        char *want = fs_fold(r->opt.extra[x]);
        if (!want)
            goto oom;
        r->extra_col[x] = -1;
        for (size_t i = 0; i < rec->n_fields && r->extra_col[x] < 0; i++)
            if (strcmp(folded[i], want) == 0)
                r->extra_col[x] = (int)i;
        free(want);
        if (r->extra_col[x] < 0) {
            const char *one[2] = {r->opt.extra[x], NULL};
            absent_column(r, rec->line, NULL, one);
        }
        duplicate_column(r, rec, r->extra_col[x], second);
    }
    if (!r->err && !alias_columns(r, rec, folded))
        goto oom;
    if (r->err)
        goto done;
    if (!plan_take(r))
        goto oom;
    ok = 1;
    goto done;
oom:
    r->err = FS_ERR_MEMORY;
    fs_msg_set(r->msg, "%s: out of memory", r->file);
done:
    for (size_t i = 0; folded && i < rec->n_fields; i++)
        free(folded[i]);
    free(folded);
    free(second);
    return ok;
}

static const char *get(const fs_export_reader *r, const fs_csv_record *rec, fs_field f)
{
    (void)rec;
    return r->val[f];
}

/* ASCII white space, as isspace() in the C locale, without a locale look-up per byte. */
static inline int is_blank(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* The bytes is_blank() says yes to. */
static const unsigned char blank_byte[256] = {[' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\v'] = 1,
                                             ['\f'] = 1, ['\r'] = 1};

/* s[0..*len) (*len > 0, with blank space at one end) trimmed in place. */
static const char *trim_ends(char *s, size_t *len)
{
    size_t n = *len;
    while (n && is_blank((unsigned char)s[n - 1]))
        s[--n] = '\0';
    while (n && is_blank((unsigned char)*s)) {
        s++;
        n--;
    }
    *len = n;
    return s;
}

/* Trims the fields of a row that are read in place, once ("" for a field the row does not
 * have). */
static void take_values(fs_export_reader *r, const fs_csv_record *rec)
{
    /* in locals: the stores through t->val and t->len might otherwise alias them, and
     * each would be loaded again for each field */
    char **fields = rec->fields;
    const size_t *lens = rec->lens;
    const size_t n_fields = rec->n_fields;
    for (const struct take *t = r->take, *end = t + r->n_take; t < end; t++) {
        const char *v = "";
        size_t len = 0;
        if ((size_t)t->col < n_fields) {
            char *s = fields[t->col];
            len = lens[t->col];
            v = s;
            if (len && (blank_byte[(unsigned char)s[0]] | blank_byte[(unsigned char)s[len - 1]]))
                v = trim_ends(s, &len);
        }
        *t->val = v;
        *t->len = len;
    }
}

/* The numbers of the row's category values (FS_VALNUM_NONE for a field not numbered). */
static void number_values(fs_export_reader *r, fs_episode *ep)
{
    for (int f = 0; f < FS_FIELD_COUNT; f++)
        ep->no[f] = FS_VALNUM_NONE;
    for (int k = 0; k < r->n_numbered; k++) {
        int f = r->numbered[k];
        ep->no[f] = fs_valnum_of(r->numbers[f], r->val[f], r->len[f]);
    }
    for (size_t x = 0; x < r->opt.n_extra; x++)
        r->extra_no[x] = fs_valnum_of(r->extra_numbers[x], r->extra_val[x], r->extra_len[x]);
    ep->extra_no = r->extra_no;
    ep->numbering = r;
}

/* fs_catmap_lookup of field f's value (number no), remembered per number. */
static int group_of(fs_export_reader *r, fs_catmap *m, fs_field f, uint32_t no)
{
    if (no == FS_VALNUM_NONE)
        return fs_catmap_lookup(m, r->val[f]);
    int *g = &r->group_of[f][no];
    if (!*g)
        *g = fs_catmap_lookup(m, r->val[f]) + 2; /* FS_CAT_NONE is -1 */
    return *g - 2;
}

/* fs_date_parse through the cache of dates already read (a few hundred distinct dates
 * fill a file of millions of rows); only valid dates are kept. s[0..len) is the text: one
 * of 8 to 24 bytes is told apart from another of its length by the three words read. */
static int parse_date_cached(fs_export_reader *r, const char *s, size_t len, fs_date *out)
{
    if (len < 8 || len > 24)
        return fs_date_parse(s, out);
    uint64_t w[3] = {0, 0, 0};
    memcpy(&w[0], s, 8);
    if (len >= 16)
        memcpy(&w[1], s + 8, 8);
    memcpy(&w[2], s + len - 8, 8);
    uint64_t h = (w[0] * 0xBF58476D1CE4E5B9ull) ^ (w[1] * 0x94D049BB133111EBull) ^ w[2] ^ len;
    size_t slot = (size_t)((h * 0x9E3779B97F4A7C15ull) >> (64 - DATE_CACHE_BITS));
    date_entry *d = &r->dates[slot];
    if (d->len == len && d->w[0] == w[0] && d->w[1] == w[1] && d->w[2] == w[2]) {
        *out = d->date;
        return 0;
    }
    if (fs_date_parse(s, out))
        return -1;
    *d = (date_entry){{w[0], w[1], w[2]}, (uint32_t)len, (int32_t)*out};
    return 0;
}

static int parse_date_field(fs_export_reader *r, const fs_csv_record *rec, fs_field f,
                            fs_date *out, fs_episode *ep)
{
    const char *s = get(r, rec, f);
    if (!*s)
        return 0;
    if (parse_date_cached(r, s, r->len[f], out)) {
        char v[FS_SAFE_TEXT_MAX * 4 + 8];
        fs_safe_text(s, v, sizeof v);
        problem(r, FS_PROB_BAD_DATE, rec->line, f, v, "\"%s\" is not a date", v);
        ep->excluded = 1;
        return 0;
    }
    if (r->opt.check_future && *out > r->opt.as_of) {
        char d[11];
        fs_date_format(r->opt.as_of, d);
        char v[FS_SAFE_TEXT_MAX * 4 + 8]; /* a valid date, but its time part is data too */
        fs_safe_text(s, v, sizeof v);
        problem(r, FS_PROB_FUTURE_DATE, rec->line, f, v, "\"%s\" is after %s", v, d);
    }
    return 1;
}

static int all_empty(const fs_csv_record *rec)
{
    for (size_t i = 0; i < rec->n_fields; i++)
        for (const char *p = rec->fields[i]; *p; p++)
            if (!is_blank((unsigned char)*p))
                return 0;
    return 1;
}

static void parse_sex(fs_export_reader *r, const fs_csv_record *rec, fs_episode *ep)
{
    /* the personnummer is read here, and only facts about it leave: sex, birth year and,
     * when persons are counted, its keyed hash */
    const char *sex = get(r, rec, FS_FIELD_SEX);
    const char *pnr = get(r, rec, FS_FIELD_PNR);
    fs_pnr p = {0, FS_SEX_UNKNOWN, ""};
    fs_pnr_status st = FS_PNR_BAD_FORMAT;
    if (*pnr) {
        st = fs_pnr_parse(pnr, r->opt.as_of, &p);
        if (st != FS_PNR_OK)
            problem(r, FS_PROB_BAD_PNR, rec->line, FS_FIELD_PNR, NULL, "%s", fs_pnr_status_text(st));
    }
    int pnr_usable = *pnr && st != FS_PNR_BAD_FORMAT;
    char safe[FS_SAFE_TEXT_MAX * 4 + 8]; /* the value as a message may show it, when one does */
    ep->sex = FS_SEX_UNKNOWN;
    if (*sex) {
        int g = group_of(r, r->sexes, FS_FIELD_SEX, ep->no[FS_FIELD_SEX]);
        if (g == FS_CAT_NONE || (pnr_usable && st == FS_PNR_OK && p.sex != (fs_sex)g))
            fs_safe_text(sex, safe, sizeof safe);
        if (g == FS_CAT_NONE)
            problem(r, FS_PROB_UNKNOWN_SEX, rec->line, FS_FIELD_SEX, safe,
                    "\"%s\" is not a sex (Kvinna, Man, K, M)", safe);
        else
            ep->sex = (fs_sex)g;
        if (g != FS_CAT_NONE && pnr_usable && st == FS_PNR_OK && p.sex != ep->sex)
            problem(r, FS_PROB_SEX_CONTRADICTS_PNR, rec->line, FS_FIELD_SEX, safe,
                    "\"%s\" contradicts the personnummer", safe);
    }
    if (ep->sex == FS_SEX_UNKNOWN && pnr_usable)
        ep->sex = p.sex;
    if (ep->sex == FS_SEX_UNKNOWN && !*sex && !*pnr)
        problem(r, FS_PROB_NO_SEX, rec->line, FS_FIELD_SEX, "",
                "empty and no personnummer: sex unknown");
    if (r->opt.persons) {
        const char *id = get(r, rec, FS_FIELD_ID);
        ep->person = pnr_usable ? fs_person_hash(r->opt.persons, 'p', p.canon)
                     : *id      ? fs_person_hash(r->opt.persons, 'i', id)
                                : 0;
    }

    const char *by = get(r, rec, FS_FIELD_BIRTH_YEAR);
    ep->birth_year = pnr_usable ? p.birth_year : 0;
    if (*by) {
        long y = 0;
        const char *end = by;
        while (*end >= '0' && *end <= '9' && y < 100000)
            y = y * 10 + (*end++ - '0');
        if (*end || end == by || y < 1900 || y > r->as_of_year) {
            char v[FS_SAFE_TEXT_MAX * 4 + 8];
            fs_safe_text(by, v, sizeof v);
            problem(r, FS_PROB_BAD_BIRTH_YEAR, rec->line, FS_FIELD_BIRTH_YEAR, v,
                    "\"%s\" is not a birth year", v);
        } else {
            ep->birth_year = (int)y;
        }
    }
    memset(&p, 0, sizeof p); /* nothing of the number stays on the stack */
}

static int on_record(const fs_csv_record *rec, void *user)
{
    fs_export_reader *r = user;
    if (r->progress.active) { /* the record's bytes: fields, separators, line end */
        unsigned long long bytes = rec->n_fields + 1;
        for (size_t i = 0; i < rec->n_fields; i++)
            bytes += rec->lens[i];
        fs_progress_add(&r->progress, bytes, r->header_done);
    }
    if (!r->header_done) {
        r->header_done = 1;
        r->header_fields = rec->n_fields;
        return !map_header(r, rec);
    }
    if (all_empty(rec)) {
        r->empty_rows++;
        return 0;
    }
    r->data_rows++;
    if (rec->n_fields != r->header_fields && r->cb.problem) {
        /* a shifted row is how values land in the wrong column: say so */
        char message[128];
        snprintf(message, sizeof message, "the row has %zu fields, the header %zu", rec->n_fields,
                 r->header_fields);
        fs_problem p = {FS_PROB_FIELD_COUNT, r->file, rec->line, NULL, NULL, message};
        r->cb.problem(&p, r->cb.user);
    }
    take_values(r, rec);
    /* Every field set here, none by a {0}: GCC clears a whole episode with rep stos,
     * which costs more than all the row's other stores. A new field is set here too. */
    _Static_assert(offsetof(fs_episode, numbering) + sizeof(const void *) == sizeof(fs_episode),
                   "fs_episode has a new last field: set it here");
    fs_episode ep;
    ep.file = r->file;
    ep.line = rec->line;
    ep.id = get(r, rec, FS_FIELD_ID);
    ep.insats = get(r, rec, FS_FIELD_INSATS);
    ep.reason = get(r, rec, FS_FIELD_REASON);
    ep.income_start = get(r, rec, FS_FIELD_INCOME_START);
    ep.income_end = get(r, rec, FS_FIELD_INCOME_END);
    ep.referrer = get(r, rec, FS_FIELD_REFERRER);
    ep.target_group = get(r, rec, FS_FIELD_TARGET_GROUP);
    ep.municipality = get(r, rec, FS_FIELD_MUNICIPALITY);
    ep.sex = FS_SEX_UNKNOWN;
    ep.birth_year = 0;
    ep.entry = ep.exit = 0;
    ep.has_exit = 0;
    ep.reason_group = FS_CAT_NONE;
    ep.excluded = 0;
    ep.person = 0;
    ep.extra = r->extra_val;
    number_values(r, &ep);

    if (!*get(r, rec, FS_FIELD_ENTRY)) {
        problem(r, FS_PROB_MISSING_ENTRY, rec->line, FS_FIELD_ENTRY, "",
                "empty; the entry date is required");
        ep.excluded = 1;
    } else {
        parse_date_field(r, rec, FS_FIELD_ENTRY, &ep.entry, &ep);
    }
    ep.has_exit = parse_date_field(r, rec, FS_FIELD_EXIT, &ep.exit, &ep);
    if (!ep.excluded && ep.has_exit && ep.exit < ep.entry) {
        char a[11], b[11];
        fs_date_format(ep.exit, a);
        fs_date_format(ep.entry, b);
        problem(r, FS_PROB_EXIT_BEFORE_ENTRY, rec->line, FS_FIELD_EXIT, a,
                "exit date %s is before entry date %s", a, b);
        ep.excluded = 1;
    }

    ep.reason_group = *ep.reason ? group_of(r, r->reasons, FS_FIELD_REASON, ep.no[FS_FIELD_REASON])
                                 : FS_CAT_NONE;
    char reason[FS_SAFE_TEXT_MAX * 4 + 8]; /* made only when a message shows it */
    reason[0] = '\0';
    if (*ep.reason && (ep.reason_group == FS_CAT_NONE ||
                       (!ep.has_exit && ep.reason_group != FS_EXIT_EXCLUDED && !ep.excluded)))
        fs_safe_text(ep.reason, reason, sizeof reason);
    if (ep.has_exit && !*ep.reason && r->col[FS_FIELD_REASON] >= 0)
        problem(r, FS_PROB_EXIT_WITHOUT_REASON, rec->line, FS_FIELD_REASON, "",
                "empty, but the episode has an exit date");
    else if (!ep.has_exit && *ep.reason && ep.reason_group != FS_EXIT_EXCLUDED &&
             !ep.excluded)
        problem(r, FS_PROB_REASON_WITHOUT_EXIT, rec->line, FS_FIELD_REASON, reason,
                "\"%s\" given, but there is no exit date", reason);
    if (*ep.reason && ep.reason_group == FS_CAT_NONE)
        problem(r, FS_PROB_UNKNOWN_REASON, rec->line, FS_FIELD_REASON, reason,
                "\"%s\" matches no exit-reason group", reason);

    parse_sex(r, rec, &ep);

    if (r->cb.episode && r->cb.episode(&ep, r->cb.user)) {
        r->stopped = 1;
        return 1;
    }
    return 0;
}

static fs_error finish(fs_export_reader *r, const char *name, fs_error e, fs_msg *err)
{
    if (e == FS_OK && r->err)
        e = r->err;
    if (e == FS_OK && !r->stopped && r->data_rows == 0) {
        fs_msg_set(err, "%s: no data rows (only a header)", name);
        e = FS_ERR_DATA;
    }
    return e;
}

static void start(fs_export_reader *r, const char *name, fs_msg *err)
{
    r->file = name;
    r->header_done = 0;
    r->data_rows = 0;
    r->stopped = 0;
    r->err = FS_OK;
    r->msg = err;
}

fs_error fs_export_reader_read(fs_export_reader *r, const char *path, fs_msg *err)
{
    start(r, path, err);
    fs_progress_begin(&r->progress, path);
    fs_error e = fs_csv_read_file(path, &r->opt.csv, on_record, r, &r->info, err);
    fs_progress_end(&r->progress);
    return finish(r, path, e, err);
}

fs_error fs_export_reader_read_buffer(fs_export_reader *r, const char *name, const char *data,
                                      size_t len, fs_msg *err)
{
    start(r, name, err);
    fs_error e = fs_csv_read_buffer(name, data, len, &r->opt.csv, on_record, r, &r->info, err);
    return finish(r, name, e, err);
}
