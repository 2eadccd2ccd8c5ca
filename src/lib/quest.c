/* quest.c: questionnaire input (long form or two files), pairing by id, answer coding, and
 * the paired summaries of the questionnaire commands. See quest.h. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/export.h"
#include "finsam/pnr.h"
#include "finsam/quest.h"
#include "finsam/strmap.h"
#include "finsam/text.h"

/* ---- id index: an fs_strmap numbering the ids; an id's number is its person's index ---- */

fs_quest_person *fs_quest_find(const fs_quest *q, const char *id)
{
    size_t k = q->index ? fs_strmap_find(q->index, id) : FS_STRMAP_NONE;
    return k == FS_STRMAP_NONE ? NULL : &q->p[k];
}

/* ---- reading ---- */

typedef struct reader {
    fs_quest *q;
    const fs_quest_options *opt;
    fs_catmap *sexmap;
    const char *name;   /* file name for messages */
    int file_no;        /* 0 first file, 1 second */
    int two_files;
    int header_done;
    int id_col, occ_col, sex_col;
    size_t n_cols;
    char **headers;     /* of this file */
    char **folded;      /* fs_fold of each header; NULL when it cannot be folded */
    long *item_of_col;  /* item index of each column, -1 = not an item */
    fs_strmap *start_items; /* two files: the first file's folded item headers -> number */
    size_t *item_of;    /* by that number: the first item with the header */
    int pnr_column;     /* the key column is a personnummer column (set by the first file) */
    fs_error err;
    fs_msg *msg;
    size_t cap_persons;
    unsigned long data_rows;
} reader;

static const char *const occasion_headers[] = {"Tillfälle", "Mättillfälle", "Tillfalle",
                                               "Mattillfalle", NULL};

static const struct {
    const char *start, *exit;
} occasion_values[] = {
    {"Start", "Avslut"}, {"Före", "Efter"}, {"Inskrivning", "Utskrivning"}, {"1", "2"},
    {"Före", "Efteråt"}, {"Start", "Slut"},
};

/* A value from the data, made safe to echo in a message (pnr.h). */
typedef struct safe_buf {
    char s[FS_SAFE_TEXT_MAX * 4 + 8];
} safe_buf;

static const char *safe(const char *s, safe_buf *b)
{
    fs_safe_text(s ? s : "", b->s, sizeof b->s);
    return b->s;
}
#define SAFE(s) safe((s), &(safe_buf){{0}})

static int fold_eq(const char *a, const char *b)
{
    char *fa = fs_fold(a), *fb = fs_fold(b);
    int eq = fa && fb && strcmp(fa, fb) == 0;
    free(fa);
    free(fb);
    return eq;
}

/* The first column whose header matches one of names (folded), or -1. */
static int find_col(const reader *rd, const char *const *names)
{
    int found = -1;
    for (const char *const *nm = names; *nm; nm++) {
        char *f = fs_fold(*nm);
        for (size_t c = 0; f && c < rd->n_cols && (found < 0 || (int)c < found); c++)
            if (rd->folded[c] && strcmp(rd->folded[c], f) == 0)
                found = (int)c;
        free(f);
    }
    return found;
}

static int find_field_col(const reader *rd, fs_field f)
{
    const char *cfg = rd->opt->config ? fs_config_get(rd->opt->config, "columns", fs_field_name(f)) : NULL;
    const char *one[2] = {cfg, NULL};
    return find_col(rd, cfg ? one : fs_field_aliases(f));
}

static int fail(reader *rd, fs_error e)
{
    rd->err = e;
    return 1;
}

/* The columns of the items named in opt->items: a name matches a header folded or the
 * header's key (fs_slug), the first such column. Each header is folded and made a key once,
 * into maps, so this takes linear time. */
static int match_named_items(reader *rd, unsigned long line, int pnr)
{
    fs_error e = FS_ERR_MEMORY;
    fs_strmap *by_fold = fs_strmap_new(), *by_slug = fs_strmap_new(); /* -> number */
    size_t *col_fold = malloc(rd->n_cols * sizeof *col_fold); /* by number: first column */
    size_t *col_slug = malloc(rd->n_cols * sizeof *col_slug);
    char *slug = NULL, *f = NULL;
    size_t k;
    int added;
    if (!by_fold || !by_slug || !col_fold || !col_slug)
        goto cleanup;
    for (size_t c = 0; c < rd->n_cols; c++) {
        if (rd->folded[c]) {
            if (fs_strmap_add(by_fold, rd->folded[c], &k, &added))
                goto cleanup;
            if (added)
                col_fold[k] = c;
        }
        if (!(slug = fs_slug(rd->headers[c])) || fs_strmap_add(by_slug, slug, &k, &added))
            goto cleanup;
        if (added)
            col_slug[k] = c;
        free(slug);
        slug = NULL;
    }
    for (size_t i = 0; i < rd->opt->n_items; i++) {
        const char *item = rd->opt->items[i];
        int found = -1;
        f = fs_fold(item);
        if (f && (k = fs_strmap_find(by_fold, f)) != FS_STRMAP_NONE)
            found = (int)col_fold[k];
        if ((k = fs_strmap_find(by_slug, item)) != FS_STRMAP_NONE && (found < 0 || (int)col_slug[k] < found))
            found = (int)col_slug[k];
        free(f);
        f = NULL;
        if (found < 0) {
            fs_msg_set(rd->msg, "%s:%lu: no item column \"%s\"", rd->name, line, SAFE(item));
            e = FS_ERR_DATA;
            goto cleanup;
        }
        /* the key, occasion, sex and personnummer columns are never items */
        const char *what = found == pnr ? "the personnummer column"
                           : found == rd->id_col ? "the id column"
                           : found == rd->occ_col ? "the occasion column"
                           : found == rd->sex_col ? "the sex column" : NULL;
        if (what) {
            fs_msg_set(rd->msg, "%s:%lu:%d: item \"%s\" is %s, never an item", rd->name, line,
                       found + 1, SAFE(item), what);
            e = FS_ERR_DATA;
            goto cleanup;
        }
        if (rd->item_of_col[found] >= 0) {
            fs_msg_set(rd->msg, "%s:%lu:%d: items \"%s\" and \"%s\" name the same column",
                       rd->name, line, found + 1, SAFE(rd->opt->items[rd->item_of_col[found]]),
                       SAFE(item));
            e = FS_ERR_DATA;
            goto cleanup;
        }
        rd->item_of_col[found] = (long)i;
    }
    e = FS_OK;
cleanup:
    fs_strmap_free(by_fold);
    fs_strmap_free(by_slug);
    free(col_fold);
    free(col_slug);
    free(slug);
    free(f);
    return e ? fail(rd, e) : 0;
}

/* The labels, headers and keys of the first file's items. Keys are the labels' slugs made
 * unique: a repeated slug gets _2, _3, ..., the first suffix not taken. In linear time: the
 * keys taken are in a map, and next[] holds, per key taken, the next suffix to try after
 * it (every smaller one is taken, and keys are never given back). */
static int make_items(reader *rd)
{
    fs_quest *q = rd->q;
    fs_error e = FS_ERR_MEMORY;
    fs_strmap *taken = fs_strmap_new();
    size_t *next = malloc(q->n_items * sizeof *next); /* by number in taken: a key per item */
    char *slug = NULL, *key = NULL;
    if (!taken || !next)
        goto cleanup;
    for (size_t c = 0; c < rd->n_cols; c++) {
        long it = rd->item_of_col[c];
        size_t base, k;
        int added;
        if (it < 0)
            continue;
        if (!(q->item_label[it] = fs_strdup(SAFE(rd->headers[c]))) ||
            !(q->item_header[it] = fs_strdup(rd->headers[c])) ||
            !(slug = fs_slug(q->item_label[it])) || fs_strmap_add(taken, slug, &base, &added))
            goto cleanup;
        k = base;
        while (!added) {
            free(key);
            if (!(key = fs_asprintf("%s_%zu", slug, next[base]++)) ||
                fs_strmap_add(taken, key, &k, &added))
                goto cleanup;
        }
        next[k] = 2;
        if (!key) {
            key = slug;
            slug = NULL;
        }
        q->item_key[it] = key;
        key = NULL;
        free(slug);
        slug = NULL;
    }
    e = FS_OK;
cleanup:
    fs_strmap_free(taken);
    free(next);
    free(slug);
    free(key);
    return e ? fail(rd, e) : 0;
}

/* Two files: the first file's items by folded header (the first item with it), so that the
 * second file's columns are matched to them in linear time. */
static int index_start_items(reader *rd)
{
    size_t k;
    int added;
    if (!(rd->start_items = fs_strmap_new()) ||
        !(rd->item_of = malloc(rd->q->n_items * sizeof *rd->item_of)))
        return fail(rd, FS_ERR_MEMORY);
    for (size_t c = 0; c < rd->n_cols; c++) {
        long it = rd->item_of_col[c];
        if (it < 0 || !rd->folded[c]) /* a header that cannot be folded matches nothing */
            continue;
        if (fs_strmap_add(rd->start_items, rd->folded[c], &k, &added))
            return fail(rd, FS_ERR_MEMORY);
        if (added)
            rd->item_of[k] = (size_t)it;
    }
    return 0;
}

/* The second file's items, matched to the first file's by header. */
static int match_start_items(reader *rd, unsigned long line)
{
    long *map = rd->item_of_col;
    size_t seen = 0;
    for (size_t c = 0; c < rd->n_cols; c++) {
        if (map[c] < 0)
            continue;
        size_t k = rd->folded[c] ? fs_strmap_find(rd->start_items, rd->folded[c]) : FS_STRMAP_NONE;
        if (k == FS_STRMAP_NONE) {
            fs_msg_set(rd->msg, "%s:%lu:%zu: column \"%s\" is not an item of the start file",
                       rd->name, line, c + 1, SAFE(rd->headers[c]));
            return fail(rd, FS_ERR_DATA);
        }
        map[c] = (long)rd->item_of[k];
        seen++;
    }
    if (seen != rd->q->n_items) {
        fs_msg_set(rd->msg, "%s:%lu: %zu item columns, the start file has %zu", rd->name, line,
                   seen, rd->q->n_items);
        return fail(rd, FS_ERR_DATA);
    }
    return 0;
}

static int on_header(reader *rd, const fs_csv_record *rec)
{
    fs_quest *q = rd->q;
    if (rec->n_fields > FS_QUEST_MAX_COLUMNS) {
        fs_msg_set(rd->msg, "%s:%lu: %zu columns; a questionnaire file has at most %d",
                   rd->name, rec->line, rec->n_fields, FS_QUEST_MAX_COLUMNS);
        return fail(rd, FS_ERR_DATA);
    }
    rd->n_cols = rec->n_fields;
    rd->headers = calloc(rec->n_fields, sizeof *rd->headers);
    rd->folded = calloc(rec->n_fields, sizeof *rd->folded);
    rd->item_of_col = malloc(rec->n_fields * sizeof *rd->item_of_col);
    if (!rd->headers || !rd->folded || !rd->item_of_col)
        return fail(rd, FS_ERR_MEMORY);
    for (size_t c = 0; c < rec->n_fields; c++) {
        rd->item_of_col[c] = -1;
        if (!(rd->headers[c] = fs_strdup(rec->fields[c])))
            return fail(rd, FS_ERR_MEMORY);
        fs_trim(rd->headers[c]);
        rd->folded[c] = fs_fold(rd->headers[c]); /* NULL (not UTF-8, no memory): matches nothing */
    }
    int id = find_field_col(rd, FS_FIELD_ID), pnr = find_field_col(rd, FS_FIELD_PNR);
    rd->sex_col = find_field_col(rd, FS_FIELD_SEX);
    rd->occ_col = find_col(rd, occasion_headers);
    if (id < 0 && pnr < 0) {
        fs_msg_set(rd->msg, "%s:%lu: no id column (Deltagar-ID, Deltagarnummer, Löpnummer, ID "
                            "or Personnummer)", rd->name, rec->line);
        return fail(rd, FS_ERR_DATA);
    }
    if (rd->file_no == 0)
        rd->pnr_column = id < 0;
    else if (rd->pnr_column != (id < 0)) {
        fs_msg_set(rd->msg, "%s:%lu: the two files are keyed differently (one by id, one by "
                            "personnummer)", rd->name, rec->line);
        return fail(rd, FS_ERR_DATA);
    }
    rd->id_col = id >= 0 ? id : pnr;
    if (rd->pnr_column) {
        q->pnr_key = 1;
        if (rd->opt->refuse_pnr_key) {
            fs_msg_set(rd->msg, "%s:%lu:%d: the questionnaire is keyed by personnummer (column "
                                "\"%s\"); joining it to the participants export needs Deltagar-ID",
                       rd->name, rec->line, rd->id_col + 1, SAFE(rd->headers[rd->id_col]));
            return fail(rd, FS_ERR_DATA);
        }
    }
    if (!rd->two_files && rd->occ_col < 0) {
        fs_msg_set(rd->msg, "%s:%lu: no occasion column (Tillfälle or Mättillfälle); give the "
                            "exit answers as a second file", rd->name, rec->line);
        return fail(rd, FS_ERR_DATA);
    }
    if (rd->sex_col >= 0)
        q->has_sex_column = 1;
    size_t n_items = 0;
    if (rd->opt->items) {
        if (match_named_items(rd, rec->line, pnr))
            return 1;
        n_items = rd->opt->n_items;
    } else {
        for (size_t c = 0; c < rd->n_cols; c++) {
            int ci = (int)c;
            /* a personnummer column is never an item, even when an id column is the key */
            if (ci == rd->id_col || ci == rd->occ_col || ci == rd->sex_col || ci == pnr)
                continue;
            rd->item_of_col[c] = (long)n_items++;
        }
    }
    for (size_t c = 0; c < rd->n_cols; c++)
        if (rd->item_of_col[c] >= 0 && !*rd->headers[c]) {
            fs_msg_set(rd->msg, "%s:%lu:%zu: item column without a header", rd->name, rec->line,
                       c + 1);
            return fail(rd, FS_ERR_DATA);
        }
    if (n_items == 0) {
        fs_msg_set(rd->msg, "%s:%lu: no item columns", rd->name, rec->line);
        return fail(rd, FS_ERR_DATA);
    }
    if (rd->file_no == 0) {
        q->n_items = n_items;
        q->item_label = calloc(n_items, sizeof *q->item_label);
        q->item_key = calloc(n_items, sizeof *q->item_key);
        q->item_header = calloc(n_items, sizeof *q->item_header);
        for (int o = 0; o < FS_OCC_N; o++) {
            q->missing[o] = calloc(n_items, sizeof *q->missing[o]);
            q->dont_know[o] = calloc(n_items, sizeof *q->dont_know[o]);
            if (!q->missing[o] || !q->dont_know[o])
                return fail(rd, FS_ERR_MEMORY);
        }
        if (!q->item_label || !q->item_key || !q->item_header)
            return fail(rd, FS_ERR_MEMORY);
        if (make_items(rd))
            return 1;
        return rd->two_files && !rd->opt->items ? index_start_items(rd) : 0;
    }
    /* the second file: its items are matched to the first file's by header */
    return rd->opt->items ? 0 : match_start_items(rd, rec->line);
}

static const char *const hls_text[] = {"mycket svårt", "ganska svårt", "ganska lätt",
                                       "mycket lätt"};
static const char *const ogq_text[][3] = {
    {"gör och vill göra", "gör och vill", "does and wants"},
    {"gör inte men vill göra", "gör inte men vill", "does not but wants"},
    {"gör men vill inte göra", "gör men vill inte", "does but does not want"},
    {"gör inte och vill inte göra", "gör inte och vill inte", "neither"},
};

static int parse_number(const char *s, double *out)
{
    char buf[64], *end;
    size_t n = strlen(s);
    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, s, n + 1);
    for (char *p = buf; *p; p++)
        if (*p == ',')
            *p = '.';
    errno = 0;
    double v = strtod(buf, &end);
    if (errno || end == buf || *end || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

enum { ANS_OK, ANS_MISSING, ANS_DONT_KNOW, ANS_BAD };

/* Codes raw into *v. On ANS_BAD, why[] says what was expected. */
static int code_answer(const fs_quest_options *opt, const char *raw, double *v, char *why,
                       size_t whysz)
{
    char *folded = fs_fold(raw);
    int rc = ANS_BAD;
    double x;
    *v = NAN;
    if (!folded) {
        snprintf(why, whysz, "is not valid text");
        return ANS_BAD;
    }
    for (char *p = folded; *p; p++) /* "Gör inte, men vill" = "gör inte men vill" */
        if (*p == ',' && opt->coding == FS_QC_OGQ)
            *p = ' ';
    if (opt->coding == FS_QC_OGQ) {
        char *f2 = fs_fold(folded);
        free(folded);
        if (!(folded = f2)) {
            snprintf(why, whysz, "is not valid text");
            return ANS_BAD;
        }
    }
    if (!*folded) {
        rc = ANS_MISSING;
        goto done;
    }
    if (strcmp(folded, "vet inte") == 0 || strcmp(folded, "don't know") == 0) {
        rc = ANS_DONT_KNOW;
        goto done;
    }
    switch (opt->coding) {
    case FS_QC_NUMERIC:
        if (parse_number(folded, &x)) {
            snprintf(why, whysz, "is not a number");
            break;
        }
        if (opt->has_scale && (x < opt->scale_min || x > opt->scale_max)) {
            snprintf(why, whysz, "is outside the scale %g..%g", opt->scale_min, opt->scale_max);
            break;
        }
        *v = x;
        rc = ANS_OK;
        break;
    case FS_QC_HLS_TEXT:
    case FS_QC_HLS_EASY_HIGH:
    case FS_QC_HLS_EASY_LOW:
        for (int k = 0; k < 4; k++)
            if (strcmp(folded, hls_text[k]) == 0) {
                *v = k + 1;
                rc = ANS_OK;
            }
        if (rc == ANS_OK)
            break;
        if (parse_number(folded, &x) == 0) {
            if (opt->coding == FS_QC_HLS_TEXT) {
                snprintf(why, whysz, "is a number: give --coding easy-high (4 = very easy) or "
                                     "easy-low (1 = very easy)");
                break;
            }
            if (x != 1 && x != 2 && x != 3 && x != 4) {
                snprintf(why, whysz, "is outside the scale 1..4");
                break;
            }
            *v = opt->coding == FS_QC_HLS_EASY_HIGH ? x : 5 - x;
            rc = ANS_OK;
            break;
        }
        snprintf(why, whysz, "is not an HLS answer (Mycket lätt, Ganska lätt, Ganska svårt, "
                             "Mycket svårt, Vet inte)");
        break;
    case FS_QC_OGQ:
        for (int k = 0; k < 4; k++)
            for (int a = 0; a < 3; a++)
                if (strcmp(folded, ogq_text[k][a]) == 0) {
                    *v = (k == 1 || k == 2);
                    rc = ANS_OK;
                }
        if (rc == ANS_OK)
            break;
        if (parse_number(folded, &x) == 0) {
            if (x != 1 && x != 2 && x != 3 && x != 4) {
                snprintf(why, whysz, "is outside the OGQ codes 1..4");
                break;
            }
            *v = (x == 2 || x == 3);
            rc = ANS_OK;
            break;
        }
        snprintf(why, whysz, "is not an OGQ answer (codes 1-4 or Gör och vill göra, Gör inte "
                             "men vill göra, Gör men vill inte göra, Gör inte och vill inte göra)");
        break;
    case FS_QC_OGQ_GAP:
        if (parse_number(folded, &x) == 0 && (x == 0 || x == 1)) {
            *v = x;
            rc = ANS_OK;
        } else {
            snprintf(why, whysz, "is not a gap indicator (0 or 1)");
        }
        break;
    }
done:
    free(folded);
    return rc;
}

/* 1 when s (trimmed) is one personnummer and nothing else: 6 or 8 digits, an optional '-'
 * or '+', then 4 digits. */
static int is_pnr_shaped(const char *s)
{
    size_t n1 = 0, n2 = 0;
    while (*s == ' ' || *s == '\t')
        s++;
    while (s[n1] >= '0' && s[n1] <= '9')
        n1++;
    s += n1;
    if (*s == '-' || *s == '+') {
        if (n1 != 6 && n1 != 8)
            return 0;
        s++;
        while (s[n2] >= '0' && s[n2] <= '9')
            n2++;
        s += n2;
        if (n2 != 4)
            return 0;
    } else if (n1 != 10 && n1 != 12) {
        return 0;
    }
    while (*s == ' ' || *s == '\t')
        s++;
    return *s == 0;
}

/* The key of a row: the id as written, or the digits of a personnummer (from a personnummer
 * column, or an id that is one). */
static char *row_key(const reader *rd, const char *raw)
{
    char *k = fs_strdup(raw);
    if (!k)
        return NULL;
    fs_trim(k);
    if (rd->pnr_column || is_pnr_shaped(k)) {
        char *w = k;
        for (char *p = k; *p; p++)
            if (*p >= '0' && *p <= '9')
                *w++ = *p;
        *w = 0;
        size_t n = strlen(k);
        if (n == 12) /* century dropped so that 10- and 12-digit forms link */
            memmove(k, k + 2, 11);
    }
    return k;
}

static int on_row(reader *rd, const fs_csv_record *rec)
{
    fs_quest *q = rd->q;
    int empty = 1;
    for (size_t c = 0; c < rec->n_fields && empty; c++) {
        const char *p = rec->fields[c];
        while (*p == ' ' || *p == '\t')
            p++;
        empty = !*p;
    }
    if (empty) {
        q->empty_rows++;
        return 0;
    }
    rd->data_rows++;
    const char *field_id = (size_t)rd->id_col < rec->n_fields ? rec->fields[rd->id_col] : "";
    /* an id that is (or holds) a personnummer: the file is keyed by personnummer, and no id
     * is ever printed */
    int id_is_pnr = rd->pnr_column || fs_pnr_in_text(field_id);
    if (id_is_pnr && !q->pnr_key) {
        q->pnr_key = 1;
        if (rd->opt->refuse_pnr_key) {
            fs_msg_set(rd->msg, "%s:%lu:%d: column \"%s\" holds personnummer: the questionnaire "
                                "is keyed by personnummer; joining it to the participants export "
                                "needs Deltagar-ID", rd->name, rec->line, rd->id_col + 1,
                       SAFE(rd->headers[rd->id_col]));
            return fail(rd, FS_ERR_DATA);
        }
    }
    char *id = row_key(rd, field_id);
    if (!id)
        return fail(rd, FS_ERR_MEMORY);
    if (!*id) {
        fs_msg_set(rd->msg, "%s:%lu:%d: column \"%s\": empty %s", rd->name, rec->line,
                   rd->id_col + 1, SAFE(rd->headers[rd->id_col]),
                   rd->pnr_column ? "personnummer" : "id");
        free(id);
        return fail(rd, FS_ERR_DATA);
    }
    int occ = rd->file_no;
    if (!rd->two_files) {
        const char *raw = (size_t)rd->occ_col < rec->n_fields ? rec->fields[rd->occ_col] : "";
        occ = -1;
        for (size_t k = 0; k < sizeof occasion_values / sizeof occasion_values[0] && occ < 0; k++) {
            if (fold_eq(raw, occasion_values[k].start))
                occ = FS_OCC_START, q->occasion_label[0] = occasion_values[k].start;
            else if (fold_eq(raw, occasion_values[k].exit))
                occ = FS_OCC_EXIT, q->occasion_label[1] = occasion_values[k].exit;
        }
        if (occ < 0) {
            fs_msg_set(rd->msg, "%s:%lu:%d: column \"%s\": \"%s\" is not an occasion (Start/Avslut, "
                                "Före/Efter, Inskrivning/Utskrivning or 1/2)",
                       rd->name, rec->line, rd->occ_col + 1, SAFE(rd->headers[rd->occ_col]),
                       SAFE(raw));
            free(id);
            return fail(rd, FS_ERR_DATA);
        }
    }
    if (q->n_persons == rd->cap_persons) { /* room for a new person before the id is added */
        size_t cap = rd->cap_persons ? rd->cap_persons * 2 : 64;
        fs_quest_person *np = cap > SIZE_MAX / sizeof *np ? NULL : realloc(q->p, cap * sizeof *np);
        if (!np) {
            free(id);
            return fail(rd, FS_ERR_MEMORY);
        }
        q->p = np;
        rd->cap_persons = cap;
    }
    size_t k;
    int added;
    if (fs_strmap_add(q->index, id, &k, &added)) {
        free(id);
        return fail(rd, FS_ERR_MEMORY);
    }
    fs_quest_person *p = &q->p[k];
    if (added) { /* k == q->n_persons */
        memset(p, 0, sizeof *p);
        p->id = id;
        p->sex = FS_SEX_UNKNOWN;
        q->n_persons++;
    } else if (p->has[occ]) {
        if (q->pnr_key) /* ids are never printed then */
            fs_msg_set(rd->msg, "%s:%lu: the same %s appears twice at occasion %s "
                                "(also at %s:%lu)", rd->name, rec->line,
                       id_is_pnr ? "personnummer" : "id", occ ? "exit" : "start", rd->name,
                       p->line[occ]);
        else
            fs_msg_set(rd->msg, "%s:%lu: id \"%s\" appears twice at occasion %s (also at %s:%lu)",
                       rd->name, rec->line, SAFE(id), occ ? "exit" : "start", rd->name,
                       p->line[occ]);
        free(id);
        return fail(rd, FS_ERR_DATA);
    } else {
        free(id);
    }
    if (!(p->v[occ] = malloc(q->n_items * sizeof *p->v[occ])))
        return fail(rd, FS_ERR_MEMORY);
    p->has[occ] = 1;
    p->line[occ] = rec->line;
    q->rows[occ]++;
    for (size_t i = 0; i < q->n_items; i++)
        p->v[occ][i] = NAN;
    if (rd->sex_col >= 0 && (size_t)rd->sex_col < rec->n_fields && p->sex == FS_SEX_UNKNOWN) {
        int s = fs_catmap_lookup(rd->sexmap, rec->fields[rd->sex_col]);
        if (s == FS_SEX_WOMAN || s == FS_SEX_MAN)
            p->sex = (fs_sex)s;
    }
    for (size_t c = 0; c < rd->n_cols; c++) {
        long it = rd->item_of_col[c];
        if (it < 0)
            continue;
        const char *raw = c < rec->n_fields ? rec->fields[c] : "";
        char why[200];
        double v;
        if (fs_pnr_in_text(raw)) {
            fs_msg_set(rd->msg, "%s:%lu:%zu: column \"%s\": a value shaped like a personnummer; "
                                "a personnummer column is never an item (name it in [columns] "
                                "personnummer, or choose the items with --items)",
                       rd->name, rec->line, c + 1, SAFE(rd->headers[c]));
            return fail(rd, FS_ERR_DATA);
        }
        switch (code_answer(rd->opt, raw, &v, why, sizeof why)) {
        case ANS_OK:
            p->v[occ][it] = v;
            break;
        case ANS_MISSING:
            q->missing[occ][it]++;
            break;
        case ANS_DONT_KNOW:
            q->dont_know[occ][it]++;
            break;
        default:
            fs_msg_set(rd->msg, "%s:%lu:%zu: column \"%s\": \"%s\" %s", rd->name, rec->line, c + 1,
                       SAFE(rd->headers[c]), SAFE(raw), why);
            return fail(rd, FS_ERR_DATA);
        }
    }
    return 0;
}

static int on_record(const fs_csv_record *rec, void *user)
{
    reader *rd = user;
    if (!rd->header_done) {
        rd->header_done = 1;
        return on_header(rd, rec);
    }
    return on_row(rd, rec);
}

static void reader_reset(reader *rd)
{
    for (size_t c = 0; c < rd->n_cols; c++) {
        if (rd->headers)
            free(rd->headers[c]);
        if (rd->folded)
            free(rd->folded[c]);
    }
    free(rd->headers);
    free(rd->folded);
    free(rd->item_of_col);
    rd->headers = NULL;
    rd->folded = NULL;
    rd->item_of_col = NULL;
    rd->n_cols = 0;
    rd->header_done = 0;
    rd->data_rows = 0;
}

static fs_error read_one(reader *rd, int file_no, const char *name, const char *data, size_t len,
                         int from_file)
{
    fs_error e;
    reader_reset(rd);
    rd->file_no = file_no;
    rd->name = name;
    rd->err = FS_OK;
    if (from_file)
        e = fs_csv_read_file(name, &rd->opt->csv, on_record, rd, NULL, rd->msg);
    else
        e = fs_csv_read_buffer(name, data, len, &rd->opt->csv, on_record, rd, NULL, rd->msg);
    if (e)
        return e;
    if (rd->err) {
        if (rd->err == FS_ERR_MEMORY)
            fs_msg_set(rd->msg, "out of memory");
        return rd->err;
    }
    if (rd->data_rows == 0) {
        fs_msg_set(rd->msg, "%s: no answers (header only)", name);
        return FS_ERR_DATA;
    }
    return FS_OK;
}

static fs_error quest_read(const char *name1, const char *data1, size_t len1, const char *name2,
                           const char *data2, size_t len2, int from_file,
                           const fs_quest_options *opt, fs_quest *q, fs_msg *err)
{
    reader rd;
    fs_error e = FS_ERR_MEMORY;
    memset(q, 0, sizeof *q);
    memset(&rd, 0, sizeof rd);
    fs_msg_set(err, "out of memory");
    rd.q = q;
    rd.opt = opt;
    rd.msg = err;
    rd.two_files = name2 != NULL;
    q->occasion_label[0] = "Start";
    q->occasion_label[1] = "Avslut";
    if (!(q->index = fs_strmap_new()) || !(rd.sexmap = fs_sex_map_new()))
        goto cleanup;
    e = read_one(&rd, 0, name1, data1, len1, from_file);
    if (!e && name2)
        e = read_one(&rd, 1, name2, data2, len2, from_file);
cleanup:
    reader_reset(&rd);
    fs_catmap_free(rd.sexmap);
    fs_strmap_free(rd.start_items);
    free(rd.item_of);
    return e;
}

fs_error fs_quest_read(const char *path1, const char *path2, const fs_quest_options *opt,
                       fs_quest *q, fs_msg *err)
{
    return quest_read(path1, NULL, 0, path2, NULL, 0, 1, opt, q, err);
}

fs_error fs_quest_read_buffers(const char *name1, const char *data1, size_t len1,
                               const char *name2, const char *data2, size_t len2,
                               const fs_quest_options *opt, fs_quest *q, fs_msg *err)
{
    return quest_read(name1, data1, len1, data2 ? name2 : NULL, data2, len2, 0, opt, q, err);
}

void fs_quest_free(fs_quest *q)
{
    if (!q)
        return;
    for (size_t i = 0; i < q->n_items; i++) {
        if (q->item_label)
            free(q->item_label[i]);
        if (q->item_key)
            free(q->item_key[i]);
        if (q->item_header)
            free(q->item_header[i]);
    }
    free(q->item_label);
    free(q->item_key);
    free(q->item_header);
    for (size_t k = 0; k < q->n_persons; k++) {
        free(q->p[k].id);
        free(q->p[k].v[0]);
        free(q->p[k].v[1]);
    }
    free(q->p);
    for (int o = 0; o < FS_OCC_N; o++) {
        free(q->missing[o]);
        free(q->dont_know[o]);
    }
    fs_strmap_free(q->index);
    memset(q, 0, sizeof *q);
}

void fs_quest_count(const fs_quest *q, fs_quest_counts *out)
{
    memset(out, 0, sizeof *out);
    for (size_t k = 0; k < q->n_persons; k++) {
        const fs_quest_person *p = &q->p[k];
        out->start += (unsigned long)p->has[0];
        out->exit += (unsigned long)p->has[1];
        if (p->has[0] && p->has[1]) {
            out->linked++;
            out->by_sex_linked[p->sex]++;
        } else if (p->has[0]) {
            out->start_only++;
        } else {
            out->exit_only++;
        }
    }
}

/* ---- paired summaries ---- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median_of(double *v, size_t n)
{
    if (n > 1)
        qsort(v, n, sizeof *v, cmp_double);
    return fs_quantile_sorted(v, n, 0.5);
}

fs_error fs_paired_summary(const double *s, const double *e, size_t n, int higher_is_better,
                           fs_alternative alt, int wilcoxon, fs_paired_item *out)
{
    fs_error err = FS_OK;
    double *buf = NULL;
    memset(out, 0, sizeof *out);
    out->median_start = out->median_end = out->mean_start = out->mean_end = NAN;
    out->n = (unsigned)n;
    if (n) {
        if (!(buf = malloc(n * sizeof *buf)))
            return FS_ERR_MEMORY;
        double ss = 0, se = 0;
        for (size_t i = 0; i < n; i++) {
            double d = higher_is_better ? e[i] - s[i] : s[i] - e[i];
            out->better += d > 0;
            out->worse += d < 0;
            out->unchanged += d == 0;
            ss += s[i];
            se += e[i];
        }
        out->mean_start = ss / (double)n;
        out->mean_end = se / (double)n;
        memcpy(buf, s, n * sizeof *buf);
        out->median_start = median_of(buf, n);
        memcpy(buf, e, n * sizeof *buf);
        out->median_end = median_of(buf, n);
    }
    err = fs_sign_test(out->worse, out->better, alt, 0.95, &out->sign);
    if (!err && wilcoxon) {
        for (size_t i = 0; i < n; i++)
            buf[i] = higher_is_better ? e[i] - s[i] : s[i] - e[i];
        err = fs_wilcoxon_signed_rank(buf, n, alt, &out->wilcoxon);
        out->has_wilcoxon = !err;
    }
    free(buf);
    return err;
}

static int in_selection(const fs_quest_person *p, int sex)
{
    return p->has[0] && p->has[1] && (sex < 0 || (int)p->sex == sex);
}

fs_error fs_quest_paired(const fs_quest *q, size_t item, int sex, int higher_is_better,
                         fs_alternative alt, int wilcoxon, fs_paired_item *out)
{
    size_t n = 0;
    unsigned missing = 0;
    double *s = malloc((q->n_persons + 1) * sizeof *s), *e = malloc((q->n_persons + 1) * sizeof *e);
    fs_error err = FS_ERR_MEMORY;
    if (!s || !e)
        goto done;
    for (size_t k = 0; k < q->n_persons; k++) {
        const fs_quest_person *p = &q->p[k];
        if (!in_selection(p, sex))
            continue;
        double a = p->v[0][item], b = p->v[1][item];
        if (isnan(a) || isnan(b)) {
            missing++;
            continue;
        }
        s[n] = a;
        e[n++] = b;
    }
    err = fs_paired_summary(s, e, n, higher_is_better, alt, wilcoxon, out);
    out->missing = missing;
done:
    free(s);
    free(e);
    return err;
}

/* ---- HLS ---- */

fs_error fs_hls_version_parse(const char *s, fs_hls_version *out)
{
    if (strcmp(s, "q16") == 0 || strcmp(s, "Q16") == 0)
        *out = FS_HLS_Q16;
    else if (strcmp(s, "q6") == 0 || strcmp(s, "Q6") == 0)
        *out = FS_HLS_Q6;
    else
        return FS_ERR_USAGE;
    return FS_OK;
}

void fs_hls_rules_default(fs_hls_version v, fs_hls_rules *out)
{
    if (v == FS_HLS_Q6) {
        out->min_answered = 5;
        out->inadequate_max = 2;
        out->problematic_max = 3;
    } else {
        out->min_answered = 14;
        out->inadequate_max = 8;
        out->problematic_max = 12;
    }
}

fs_error fs_hls_rules_from_config(const fs_config *cfg, fs_hls_version v, fs_hls_rules *out,
                                  fs_msg *err)
{
    static const char *const other_keys[] = {"coding", "version", NULL};
    fs_hls_rules_default(v, out);
    if (!cfg)
        return FS_OK;
    for (size_t i = 0; i < cfg->n; i++) {
        const fs_config_entry *en = &cfg->entries[i];
        if (strcmp(en->section, "hls") != 0)
            continue;
        int known = 0;
        for (const char *const *k = other_keys; *k; k++)
            known |= strcmp(en->key, *k) == 0;
        if (known)
            continue;
        const char *pre = strncmp(en->key, "q16_", 4) == 0 ? "q16_" : strncmp(en->key, "q6_", 3) == 0 ? "q6_" : NULL;
        const char *rest = pre ? en->key + strlen(pre) : "";
        int which = strcmp(rest, "min_answered") == 0 ? 0 : strcmp(rest, "inadequate_max") == 0 ? 1
                  : strcmp(rest, "problematic_max") == 0 ? 2 : -1;
        double x;
        if (!pre || which < 0) {
            fs_msg_set(err, "%s:%u: [hls] unknown key \"%s\" (q16_ or q6_ followed by "
                            "min_answered, inadequate_max, problematic_max; coding; version)",
                       cfg->path ? cfg->path : "config", en->line, en->key);
            return FS_ERR_DATA;
        }
        if (parse_number(en->value, &x) || x < 0 || (which == 0 && x != floor(x))) {
            fs_msg_set(err, "%s:%u: [hls] %s: \"%s\" is not a %s", cfg->path ? cfg->path : "config",
                       en->line, en->key, en->value, which == 0 ? "whole number" : "number");
            return FS_ERR_DATA;
        }
        /* in range for its version, checked whichever version is read */
        double hi = strcmp(pre, "q16_") == 0 ? 16 : (which == 0 ? 6 : 4);
        double lo = which == 0 ? 1 : 0;
        if (x < lo || x > hi) {
            fs_msg_set(err, "%s:%u: [hls] %s: %s is outside %g..%g", cfg->path ? cfg->path : "config",
                       en->line, en->key, en->value, lo, hi);
            return FS_ERR_DATA;
        }
        if ((strcmp(pre, "q16_") == 0) != (v == FS_HLS_Q16))
            continue;
        if (which == 0)
            out->min_answered = (unsigned)x;
        else if (which == 1)
            out->inadequate_max = x;
        else
            out->problematic_max = x;
    }
    if (out->inadequate_max > out->problematic_max) {
        const char *pre = v == FS_HLS_Q16 ? "q16_" : "q6_";
        char k1[32], k2[32];
        snprintf(k1, sizeof k1, "%sinadequate_max", pre);
        snprintf(k2, sizeof k2, "%sproblematic_max", pre);
        const fs_config_entry *e1 = fs_config_find(cfg, "hls", k1), *e2 = fs_config_find(cfg, "hls", k2);
        unsigned line = e1 && e2 ? (e1->line > e2->line ? e1->line : e2->line) : e1 ? e1->line
                        : e2 ? e2->line : 0;
        fs_msg_set(err, "%s:%u: [hls] %s is above %s", cfg->path ? cfg->path : "config", line,
                   k1, k2);
        return FS_ERR_DATA;
    }
    return FS_OK;
}

int fs_hls_score(fs_hls_version v, const fs_hls_rules *r, const double *answers, size_t n,
                 double *score)
{
    unsigned answered = 0;
    double sum = 0, easy = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(answers[i]))
            continue;
        answered++;
        sum += answers[i];
        easy += answers[i] >= 3;
    }
    if (answered < r->min_answered || answered == 0)
        return -1;
    *score = v == FS_HLS_Q6 ? sum / answered : easy;
    return 0;
}

int fs_hls_category(const fs_hls_rules *r, double score)
{
    return score <= r->inadequate_max ? FS_HLS_INADEQUATE
           : score <= r->problematic_max ? FS_HLS_PROBLEMATIC : FS_HLS_SUFFICIENT;
}

fs_error fs_hls_summarise(const fs_quest *q, fs_hls_version v, const fs_hls_rules *r, int sex,
                          fs_alternative alt, fs_hls_summary *out)
{
    size_t cap = q->n_persons + 1, n = 0;
    double *s = malloc(cap * sizeof *s), *e = malloc(cap * sizeof *e);
    double *cs = malloc(cap * sizeof *cs), *ce = malloc(cap * sizeof *ce);
    fs_error err = FS_ERR_MEMORY;
    memset(out, 0, sizeof *out);
    if (!s || !e || !cs || !ce)
        goto done;
    for (size_t k = 0; k < q->n_persons; k++) {
        const fs_quest_person *p = &q->p[k];
        if (!in_selection(p, sex))
            continue;
        out->linked++;
        double a, b;
        int va = fs_hls_score(v, r, p->v[0], q->n_items, &a);
        int vb = fs_hls_score(v, r, p->v[1], q->n_items, &b);
        out->invalid_start += va != 0;
        out->invalid_exit += vb != 0;
        if (va || vb)
            continue;
        int ca = fs_hls_category(r, a), cb = fs_hls_category(r, b);
        out->cat[0][ca]++;
        out->cat[1][cb]++;
        s[n] = a;
        e[n] = b;
        cs[n] = ca + 1;
        ce[n++] = cb + 1;
    }
    out->valid_both = (unsigned)n;
    err = fs_paired_summary(s, e, n, 1, alt, 0, &out->score);
    if (!err)
        err = fs_paired_summary(cs, ce, n, 1, alt, 0, &out->category);
done:
    free(s);
    free(e);
    free(cs);
    free(ce);
    return err;
}

/* ---- OGQ ---- */

fs_error fs_ogq_item_summary(const fs_quest *q, size_t item, int sex, fs_ogq_item *out)
{
    memset(out, 0, sizeof *out);
    for (size_t k = 0; k < q->n_persons; k++) {
        const fs_quest_person *p = &q->p[k];
        if (!in_selection(p, sex))
            continue;
        double a = p->v[0][item], b = p->v[1][item];
        if (isnan(a) || isnan(b))
            continue;
        out->n++;
        out->gaps_start += a != 0;
        out->gaps_end += b != 0;
        out->closed += a != 0 && b == 0;
        out->opened += a == 0 && b != 0;
    }
    return fs_mcnemar(out->closed, out->opened, &out->mcnemar);
}

fs_error fs_ogq_totals(const fs_quest *q, int sex, fs_alternative alt, fs_paired_item *out)
{
    size_t n = 0;
    double *s = malloc((q->n_persons + 1) * sizeof *s), *e = malloc((q->n_persons + 1) * sizeof *e);
    fs_error err = FS_ERR_MEMORY;
    if (!s || !e)
        goto done;
    for (size_t k = 0; k < q->n_persons; k++) {
        const fs_quest_person *p = &q->p[k];
        if (!in_selection(p, sex))
            continue;
        double a = 0, b = 0;
        size_t both = 0;
        for (size_t i = 0; i < q->n_items; i++) {
            if (isnan(p->v[0][i]) || isnan(p->v[1][i]))
                continue;
            both++;
            a += p->v[0][i] != 0;
            b += p->v[1][i] != 0;
        }
        if (!both)
            continue;
        s[n] = a;
        e[n++] = b;
    }
    err = fs_paired_summary(s, e, n, 0, alt, 0, out);
done:
    free(s);
    free(e);
    return err;
}
