/* quest_read.c: the questionnaire reader: long form with any number of occasions, a start
 * and an exit file, or one occasion (survey); pairing by id. See quest.h. */
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

/* ---- occasions ---- */

/* The built-in occasions in order, each with its spellings (folded). */
#define N_BUILTIN_OCC 3
static const char *const builtin_occ[N_BUILTIN_OCC][8] = {
    {"start", "före", "inskrivning", "1", NULL},
    {"halvvägs", "halvtid", NULL},
    {"avslut", "efter", "efteråt", "utskrivning", "slut", "2", NULL},
};
static const char *const builtin_occ_name[N_BUILTIN_OCC] = {"start", "halfway", "exit"};

#define MAX_CONFIG_OCC FS_QUEST_MAX_OCC
#define OCC_CACHE 32

/* The occasions a file may have: the config's [occasions] order, or the built-in ones. */
typedef struct occ_rules {
    size_t n_config;                   /* 0: built in */
    char *config[MAX_CONFIG_OCC];      /* folded names, in order */
} occ_rules;

static void occ_rules_free(occ_rules *r)
{
    for (size_t i = 0; i < r->n_config; i++)
        free(r->config[i]);
    memset(r, 0, sizeof *r);
}

/* Reads [occasions] order = A, B, ... into r. FS_ERR_DATA naming FILE:LINE. */
static fs_error occ_rules_load(const fs_config *cfg, occ_rules *r, fs_msg *err)
{
    memset(r, 0, sizeof *r);
    for (size_t i = 0; cfg && i < cfg->n; i++) {
        const fs_config_entry *e = &cfg->entries[i];
        if (strcmp(e->section, "occasions") != 0)
            continue;
        if (strcmp(e->key, "order") != 0)
            return fs_config_fail(cfg, e, err, "[occasions] unknown key \"%s\" (order)", e->key);
        occ_rules_free(r);
        char *buf = fs_strdup(e->value), *save = NULL;
        if (!buf)
            return FS_ERR_MEMORY;
        for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
            char *f = fs_fold(tok);
            int dup = 0;
            for (size_t k = 0; f && k < r->n_config; k++)
                dup |= strcmp(r->config[k], f) == 0;
            if (!f || !*f || dup || r->n_config == MAX_CONFIG_OCC) {
                free(f);
                free(buf);
                occ_rules_free(r);
                return fs_config_fail(cfg, e, err, "[occasions] order: \"%s\" is not 2 to %d "
                                                   "different names separated by commas",
                                      e->value, MAX_CONFIG_OCC);
            }
            r->config[r->n_config++] = f;
        }
        free(buf);
        if (r->n_config < 2) {
            occ_rules_free(r);
            return fs_config_fail(cfg, e, err, "[occasions] order: \"%s\" is not 2 to %d "
                                               "different names separated by commas",
                                  e->value, MAX_CONFIG_OCC);
        }
    }
    return FS_OK;
}

fs_error fs_occasions_config_check(const fs_config *cfg, fs_msg *err)
{
    occ_rules r;
    fs_error e = occ_rules_load(cfg, &r, err);
    occ_rules_free(&r);
    return e;
}

/* The slot of folded under the rules, or -1. */
static int occ_classify(const occ_rules *r, const char *folded)
{
    if (r->n_config) {
        for (size_t k = 0; k < r->n_config; k++)
            if (strcmp(r->config[k], folded) == 0)
                return (int)k;
        return -1;
    }
    for (int k = 0; k < N_BUILTIN_OCC; k++)
        for (const char *const *s = builtin_occ[k]; *s; s++)
            if (strcmp(*s, folded) == 0)
                return k;
    return -1;
}

int fs_quest_occasion_find(const fs_quest *q, const char *name)
{
    char *f = fs_fold(name);
    int found = -1;
    for (size_t k = 0; f && k < q->n_occ && found < 0; k++) {
        char *g = fs_fold(q->occ_label[k]);
        if (g && strcmp(f, g) == 0)
            found = (int)k;
        free(g);
    }
    if (f && found < 0 && q->n_occ > 1) { /* a spelling of a built-in occasion */
        for (int k = 0; k < N_BUILTIN_OCC && found < 0; k++)
            for (const char *const *s = builtin_occ[k]; *s; s++)
                if (strcmp(*s, f) == 0) {
                    /* the occasions kept are in built-in order: find the one of class k */
                    for (size_t j = 0; j < q->n_occ; j++) {
                        char *g = fs_fold(q->occ_label[j]);
                        occ_rules none = {0};
                        if (g && occ_classify(&none, g) == k)
                            found = (int)j;
                        free(g);
                    }
                    break;
                }
    }
    free(f);
    return found;
}

/* ---- reading ---- */

typedef struct reader {
    fs_quest *q;
    const fs_quest_options *opt;
    fs_catmap *sexmap;
    fs_coder coder;
    fs_answer_cache *cache;
    occ_rules occ;
    struct {
        char *raw;
        int slot;
    } occ_cache[OCC_CACHE];     /* occasion spellings seen, folded once */
    size_t n_occ_cache;
    char *slot_label[FS_QUEST_MAX_OCC]; /* first spelling of each slot, safe */
    const char *name;   /* file name for messages */
    int file_no;        /* 0 first file, 1 second */
    int two_files;
    int header_done;
    int id_col, occ_col, sex_col, date_col;
    size_t n_cols;
    char **headers;     /* of this file */
    char **folded;      /* fs_fold of each header; NULL when it cannot be folded */
    long *item_of_col;  /* item index of each column, -1 = not an item */
    fs_strmap *start_items; /* two files: the first file's folded item headers -> number */
    size_t *item_of;    /* by that number: the first item with the header */
    int pnr_column;     /* the key column is a personnummer column (set by the first file) */
    fs_error err;
    fs_msg *msg;
    size_t cap_persons, cap_rows;
    unsigned long data_rows;
} reader;

static const char *const occasion_headers[] = {"Tillfälle", "Mättillfälle", "Tillfalle",
                                               "Mattillfalle", NULL};
static const char *const date_headers[] = {"Datum", "Svarsdatum", "Besvarad", "Besvarat",
                                           "Datum för svar", NULL};

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
        /* the key, occasion, sex, date and personnummer columns are never items */
        const char *what = found == pnr ? "the personnummer column"
                           : found == rd->id_col ? "the id column"
                           : found == rd->occ_col ? "the occasion column"
                           : found == rd->sex_col ? "the sex column"
                           : found == rd->date_col ? "the date column" : NULL;
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
        /* the whole question as its label (a message quotes 80 characters at most), each
         * personnummer-shaped part masked and control characters escaped */
        if (!(q->item_label[it] = fs_safe_name(rd->headers[c])) ||
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
    rd->occ_col = rd->opt->single ? -1 : find_col(rd, occasion_headers);
    rd->date_col = -1;
    if (rd->opt->single) {
        const char *cfg = rd->opt->config ? fs_config_get(rd->opt->config, "survey", "date") : NULL;
        const char *one[2] = {cfg, NULL};
        rd->date_col = find_col(rd, cfg ? one : date_headers);
        if (cfg && rd->date_col < 0) {
            fs_msg_set(rd->msg, "%s:%lu: no date column \"%s\" ([survey] date)", rd->name,
                       rec->line, SAFE(cfg));
            return fail(rd, FS_ERR_DATA);
        }
        q->has_date_column = rd->date_col >= 0;
    }
    if (id < 0 && pnr < 0 && !rd->opt->single) {
        fs_msg_set(rd->msg, "%s:%lu: no id column (Deltagar-ID, Deltagarnummer, Löpnummer, ID "
                            "or Personnummer)", rd->name, rec->line);
        return fail(rd, FS_ERR_DATA);
    }
    if (rd->file_no == 0)
        rd->pnr_column = id < 0 && pnr >= 0;
    else if (rd->pnr_column != (id < 0)) {
        fs_msg_set(rd->msg, "%s:%lu: the two files are keyed differently (one by id, one by "
                            "personnummer)", rd->name, rec->line);
        return fail(rd, FS_ERR_DATA);
    }
    rd->id_col = id >= 0 ? id : pnr;
    q->has_id_column = rd->id_col >= 0;
    if (rd->pnr_column) {
        q->pnr_key = 1;
        if (rd->opt->refuse_pnr_key) {
            fs_msg_set(rd->msg, "%s:%lu:%d: the questionnaire is keyed by personnummer (column "
                                "\"%s\"); joining it to the participants export needs Deltagar-ID",
                       rd->name, rec->line, rd->id_col + 1, SAFE(rd->headers[rd->id_col]));
            return fail(rd, FS_ERR_DATA);
        }
    }
    if (!rd->two_files && !rd->opt->single && rd->occ_col < 0) {
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
            if (ci == rd->id_col || ci == rd->occ_col || ci == rd->sex_col || ci == pnr ||
                ci == rd->date_col)
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
        for (int o = 0; o < FS_QUEST_MAX_OCC; o++) {
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

/* The occasion slot of a row (its raw occasion value), or -1 after the message. Each
 * spelling is folded and classified once. */
static int occasion_of(reader *rd, const fs_csv_record *rec)
{
    const char *raw = (size_t)rd->occ_col < rec->n_fields ? rec->fields[rd->occ_col] : "";
    for (size_t i = 0; i < rd->n_occ_cache; i++)
        if (strcmp(rd->occ_cache[i].raw, raw) == 0)
            return rd->occ_cache[i].slot;
    char *f = fs_fold(raw);
    int slot = f ? occ_classify(&rd->occ, f) : -1;
    free(f);
    if (slot < 0) {
        if (rd->occ.n_config) {
            fs_buf names = {0};
            for (size_t k = 0; k < rd->occ.n_config; k++)
                fs_buf_printf(&names, "%s%s", k ? ", " : "", rd->occ.config[k]);
            fs_msg_set(rd->msg, "%s:%lu:%d: column \"%s\": \"%s\" is not an occasion of the "
                                "config's [occasions] order (%s)",
                       rd->name, rec->line, rd->occ_col + 1, SAFE(rd->headers[rd->occ_col]),
                       SAFE(raw), names.data ? names.data : "");
            fs_buf_free(&names);
        } else {
            fs_msg_set(rd->msg, "%s:%lu:%d: column \"%s\": \"%s\" is not an occasion (Start/Avslut, "
                                "Före/Efter, Inskrivning/Utskrivning or 1/2, and Halvvägs; or name "
                                "them in [occasions] order)",
                       rd->name, rec->line, rd->occ_col + 1, SAFE(rd->headers[rd->occ_col]),
                       SAFE(raw));
        }
        fail(rd, FS_ERR_DATA);
        return -1;
    }
    if (!rd->slot_label[slot]) {
        char *t = fs_strdup(raw);
        if (t) {
            fs_trim(t);
            rd->slot_label[slot] = fs_strdup(SAFE(t));
            free(t);
        }
        if (!rd->slot_label[slot]) {
            fail(rd, FS_ERR_MEMORY);
            return -1;
        }
    }
    if (rd->n_occ_cache < OCC_CACHE && (rd->occ_cache[rd->n_occ_cache].raw = fs_strdup(raw)))
        rd->occ_cache[rd->n_occ_cache++].slot = slot;
    return slot;
}

/* The occasion's name in a message. */
static const char *slot_name(const reader *rd, int slot)
{
    if (rd->opt->single)
        return "answer";
    if (rd->two_files || !rd->occ.n_config)
        return builtin_occ_name[rd->two_files ? (slot ? 2 : 0) : slot];
    return rd->occ.config[slot];
}

/* A new person at p[n_persons] (room made first); NULL on memory failure. */
static fs_quest_person *new_person(reader *rd)
{
    fs_quest *q = rd->q;
    if (q->n_persons == rd->cap_persons) {
        size_t cap = rd->cap_persons ? rd->cap_persons * 2 : 64;
        fs_quest_person *np = cap > SIZE_MAX / sizeof *np ? NULL : realloc(q->p, cap * sizeof *np);
        if (!np)
            return NULL;
        q->p = np;
        rd->cap_persons = cap;
    }
    fs_quest_person *p = &q->p[q->n_persons];
    memset(p, 0, sizeof *p);
    p->sex = FS_SEX_UNKNOWN;
    for (int o = 0; o < FS_QUEST_MAX_OCC; o++)
        p->row[o] = FS_QUEST_NO_ROW;
    return p;
}

/* A new answer row, all missing; its index, or -1 on memory failure (or too many rows). */
static long new_row(reader *rd, unsigned long line)
{
    fs_quest *q = rd->q;
    if (q->n_rows >= FS_QUEST_NO_ROW - 1)
        return -1;
    if (q->n_rows == rd->cap_rows) {
        size_t cap = rd->cap_rows ? rd->cap_rows * 2 : 128;
        if (cap > SIZE_MAX / sizeof(double) / (q->n_items ? q->n_items : 1))
            return -1;
        double *a = realloc(q->answers, cap * q->n_items * sizeof *a);
        if (!a)
            return -1;
        q->answers = a;
        unsigned long *l = realloc(q->row_line, cap * sizeof *l);
        if (!l)
            return -1;
        q->row_line = l;
        rd->cap_rows = cap;
    }
    double *v = q->answers + q->n_rows * q->n_items;
    for (size_t i = 0; i < q->n_items; i++)
        v[i] = NAN;
    q->row_line[q->n_rows] = line;
    return (long)q->n_rows++;
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
    char *id = NULL;
    int id_is_pnr = 0;
    if (rd->id_col >= 0) {
        const char *field_id = (size_t)rd->id_col < rec->n_fields ? rec->fields[rd->id_col] : "";
        /* an id that is (or holds) a personnummer: the file is keyed by personnummer, and no
         * id is ever printed */
        id_is_pnr = rd->pnr_column || fs_pnr_in_text(field_id);
        if (id_is_pnr && !q->pnr_key) {
            q->pnr_key = 1;
            if (rd->opt->refuse_pnr_key) {
                fs_msg_set(rd->msg, "%s:%lu:%d: column \"%s\" holds personnummer: the "
                                    "questionnaire is keyed by personnummer; joining it to the "
                                    "participants export needs Deltagar-ID", rd->name, rec->line,
                           rd->id_col + 1, SAFE(rd->headers[rd->id_col]));
                return fail(rd, FS_ERR_DATA);
            }
        }
        if (!(id = row_key(rd, field_id)))
            return fail(rd, FS_ERR_MEMORY);
        if (!*id && !rd->opt->single) {
            fs_msg_set(rd->msg, "%s:%lu:%d: column \"%s\": empty %s", rd->name, rec->line,
                       rd->id_col + 1, SAFE(rd->headers[rd->id_col]),
                       rd->pnr_column ? "personnummer" : "id");
            free(id);
            return fail(rd, FS_ERR_DATA);
        }
    }
    int occ = rd->two_files ? rd->file_no : 0;
    if (!rd->two_files && !rd->opt->single && (occ = occasion_of(rd, rec)) < 0) {
        free(id);
        return 1;
    }
    fs_quest_person *p;
    if (rd->opt->single) { /* every row a response; ids only join sex */
        if (!(p = new_person(rd))) {
            free(id);
            return fail(rd, FS_ERR_MEMORY);
        }
        p->id = id;
        q->n_persons++;
    } else {
        if (!new_person(rd)) { /* room for a new person before the id is added */
            free(id);
            return fail(rd, FS_ERR_MEMORY);
        }
        size_t k;
        int added;
        if (fs_strmap_add(q->index, id, &k, &added)) {
            free(id);
            return fail(rd, FS_ERR_MEMORY);
        }
        p = &q->p[k];
        if (added) { /* k == q->n_persons: new_person made it ready */
            p->id = id;
            q->n_persons++;
        } else if (p->row[occ] != FS_QUEST_NO_ROW) {
            unsigned long prev = q->row_line[p->row[occ]];
            if (q->pnr_key) /* ids are never printed then */
                fs_msg_set(rd->msg, "%s:%lu: the same %s appears twice at occasion %s "
                                    "(also at %s:%lu)", rd->name, rec->line,
                           id_is_pnr ? "personnummer" : "id", slot_name(rd, occ), rd->name, prev);
            else
                fs_msg_set(rd->msg, "%s:%lu: id \"%s\" appears twice at occasion %s (also at "
                                    "%s:%lu)", rd->name, rec->line, SAFE(id), slot_name(rd, occ),
                           rd->name, prev);
            free(id);
            return fail(rd, FS_ERR_DATA);
        } else {
            free(id);
        }
    }
    long row = new_row(rd, rec->line);
    if (row < 0)
        return fail(rd, FS_ERR_MEMORY);
    p->row[occ] = (uint32_t)row;
    q->rows[occ]++;
    double *ans = q->answers + (size_t)row * q->n_items;
    if (rd->sex_col >= 0 && (size_t)rd->sex_col < rec->n_fields && p->sex == FS_SEX_UNKNOWN) {
        int s = fs_catmap_lookup(rd->sexmap, rec->fields[rd->sex_col]);
        if (s == FS_SEX_WOMAN || s == FS_SEX_MAN)
            p->sex = (fs_sex)s;
    }
    if (rd->date_col >= 0) {
        const char *raw = (size_t)rd->date_col < rec->n_fields ? rec->fields[rd->date_col] : "";
        char *t = fs_strdup(raw);
        if (!t)
            return fail(rd, FS_ERR_MEMORY);
        fs_trim(t);
        if (*t && fs_date_parse(t, &p->date)) {
            fs_msg_set(rd->msg, "%s:%lu:%d: column \"%s\": \"%s\" is not a date", rd->name,
                       rec->line, rd->date_col + 1, SAFE(rd->headers[rd->date_col]), SAFE(t));
            free(t);
            return fail(rd, FS_ERR_DATA);
        }
        p->has_date = *t != 0;
        free(t);
    }
    for (size_t c = 0; c < rd->n_cols; c++) {
        long it = rd->item_of_col[c];
        if (it < 0)
            continue;
        const char *raw = c < rec->n_fields ? rec->fields[c] : "";
        size_t len = c < rec->n_fields ? rec->lens[c] : 0;
        char why[200];
        double v;
        int rc, oom = 0;
        if (!fs_answer_cache_get(rd->cache, raw, len, &rc, &v)) {
            if (fs_pnr_in_text(raw)) {
                fs_msg_set(rd->msg, "%s:%lu:%zu: column \"%s\": a value shaped like a "
                                    "personnummer; a personnummer column is never an item (name "
                                    "it in [columns] personnummer, or choose the items with "
                                    "--items)",
                           rd->name, rec->line, c + 1, SAFE(rd->headers[c]));
                return fail(rd, FS_ERR_DATA);
            }
            rc = fs_code_answer(&rd->coder, raw, &v, why, sizeof why, &oom);
            if (oom)
                return fail(rd, FS_ERR_MEMORY);
            if (rc != FS_ANS_BAD)
                fs_answer_cache_put(rd->cache, raw, len, rc, v);
        }
        switch (rc) {
        case FS_ANS_OK:
            ans[it] = v;
            break;
        case FS_ANS_MISSING:
            q->missing[occ][it]++;
            break;
        case FS_ANS_DONT_KNOW:
            q->dont_know[occ][it]++;
            if (rd->coder.coding == FS_QC_CATEGORY)
                ans[it] = FS_QUEST_DONT_KNOW;
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

/* The occasions seen, in order: slots without answers are dropped (a file with Start and
 * Avslut has two occasions), and the persons' rows follow. Two files: Start and Avslut. */
static fs_error finish_occasions(reader *rd)
{
    fs_quest *q = rd->q;
    int new_of[FS_QUEST_MAX_OCC];
    size_t n = 0;
    if (rd->two_files) {
        q->n_occ = 2;
        return (q->occ_label[0] = fs_strdup("Start")) && (q->occ_label[1] = fs_strdup("Avslut"))
                   ? FS_OK : FS_ERR_MEMORY;
    }
    if (rd->opt->single) {
        q->n_occ = 1;
        return (q->occ_label[0] = fs_strdup("Svar")) ? FS_OK : FS_ERR_MEMORY;
    }
    for (int s = 0; s < FS_QUEST_MAX_OCC; s++) {
        new_of[s] = -1;
        if (rd->slot_label[s]) {
            new_of[s] = (int)n;
            q->occ_label[n] = rd->slot_label[s];
            rd->slot_label[s] = NULL;
            q->rows[n] = q->rows[s];
            unsigned long *m = q->missing[n], *d = q->dont_know[n];
            q->missing[n] = q->missing[s];
            q->dont_know[n] = q->dont_know[s];
            q->missing[s] = m;
            q->dont_know[s] = d;
            n++;
        }
    }
    for (size_t s = n; s < FS_QUEST_MAX_OCC; s++)
        q->rows[s] = 0;
    q->n_occ = n;
    for (size_t k = 0; k < q->n_persons; k++) {
        uint32_t row[FS_QUEST_MAX_OCC];
        for (int s = 0; s < FS_QUEST_MAX_OCC; s++)
            row[s] = FS_QUEST_NO_ROW;
        for (int s = 0; s < FS_QUEST_MAX_OCC; s++)
            if (new_of[s] >= 0)
                row[new_of[s]] = q->p[k].row[s];
        memcpy(q->p[k].row, row, sizeof row);
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
    rd.coder.coding = opt->coding;
    rd.coder.has_scale = opt->has_scale;
    rd.coder.scale_min = opt->scale_min;
    rd.coder.scale_max = opt->scale_max;
    rd.coder.cats = &q->cats;
    if (!opt->single && !rd.two_files && (e = occ_rules_load(opt->config, &rd.occ, err)) != FS_OK)
        goto cleanup;
    e = FS_ERR_MEMORY;
    if (!(q->index = fs_strmap_new()) || !(rd.sexmap = fs_sex_map_new()) ||
        !(rd.cache = fs_answer_cache_new()))
        goto cleanup;
    e = read_one(&rd, 0, name1, data1, len1, from_file);
    if (!e && name2)
        e = read_one(&rd, 1, name2, data2, len2, from_file);
    if (!e && (e = finish_occasions(&rd)) != FS_OK)
        fs_msg_set(err, "out of memory");
cleanup:
    reader_reset(&rd);
    fs_catmap_free(rd.sexmap);
    fs_answer_cache_free(rd.cache);
    fs_strmap_free(rd.start_items);
    free(rd.item_of);
    for (size_t i = 0; i < rd.n_occ_cache; i++)
        free(rd.occ_cache[i].raw);
    for (int s = 0; s < FS_QUEST_MAX_OCC; s++)
        free(rd.slot_label[s]);
    occ_rules_free(&rd.occ);
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
    for (size_t k = 0; k < q->n_persons; k++)
        free(q->p[k].id);
    free(q->p);
    for (int o = 0; o < FS_QUEST_MAX_OCC; o++) {
        free(q->missing[o]);
        free(q->dont_know[o]);
        free(q->occ_label[o]);
    }
    free(q->answers);
    free(q->row_line);
    fs_quest_categories_free(&q->cats);
    fs_strmap_free(q->index);
    memset(q, 0, sizeof *q);
}

void fs_quest_count(const fs_quest *q, size_t from, size_t to, fs_quest_counts *out)
{
    memset(out, 0, sizeof *out);
    for (size_t k = 0; k < q->n_persons; k++) {
        const fs_quest_person *p = &q->p[k];
        int a = p->row[from] != FS_QUEST_NO_ROW, b = p->row[to] != FS_QUEST_NO_ROW;
        out->start += (unsigned long)a;
        out->exit += (unsigned long)b;
        if (a && b) {
            out->linked++;
            out->by_sex_linked[p->sex]++;
        } else if (a) {
            out->start_only++;
        } else if (b) {
            out->exit_only++;
        }
    }
}
