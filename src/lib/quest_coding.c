/* quest_coding.c: answer codings, the cache of coded spellings, and the table of scales.
 * See quest_coding.h. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/pnr.h"
#include "finsam/quest_coding.h"
#include "finsam/strmap.h"
#include "finsam/text.h"
#include "finsam/valnum.h"

/* ---- the built-in scales, in scale order ---- */

#define MAX_BUILTIN 10
static const struct builtin_scale {
    const char *name;
    int ordered, agree_first;
    const char *label[MAX_BUILTIN];
} builtin_scales[] = {
    {"agree4", 1, 1, {"Instämmer helt", "Instämmer till stor del", "Instämmer till viss del",
                      "Instämmer inte alls"}},
    {"agree5", 1, 1, {"Instämmer helt", "Instämmer delvis", "Varken eller", "Instämmer knappast",
                      "Instämmer inte alls"}},
    {"agree4b", 1, 1, {"Instämmer helt", "Instämmer delvis", "Instämmer knappast",
                       "Instämmer inte alls"}},
    {"easy", 1, 1, {"Mycket lätt", "Ganska lätt", "Ganska svårt", "Mycket svårt"}},
    {"satisfied", 1, 1, {"Mycket nöjd", "Ganska nöjd", "Ganska missnöjd", "Mycket missnöjd"}},
    {"yes-no", 0, 1, {"Ja", "Nej"}},
};

/* HLS answers by code 1..4 (folded), and the OGQ response types by code 1..4 with their
 * accepted spellings (folded; commas read as spaces). */
static const char *const hls_text[] = {"mycket svårt", "ganska svårt", "ganska lätt",
                                       "mycket lätt"};
static const char *const ogq_text[][3] = {
    {"gör och vill göra", "gör och vill", "does and wants"},
    {"gör inte men vill göra", "gör inte men vill", "does not but wants"},
    {"gör men vill inte göra", "gör men vill inte", "does but does not want"},
    {"gör inte och vill inte göra", "gör inte och vill inte", "neither"},
};

/* ---- numbers ---- */

int fs_parse_answer_number(const char *s, double *out)
{
    char buf[64], *end;
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, s, n);
    buf[n] = 0;
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

/* ---- categories ---- */

void fs_quest_categories_free(fs_quest_categories *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        free(c->label[i]);
        free(c->folded[i]);
    }
    free(c->label);
    free(c->folded);
    fs_strmap_free(c->by_fold);
    memset(c, 0, sizeof *c);
}

/* The number of the answer folded (raw as its first spelling), added when new. */
static int category_of(fs_quest_categories *c, const char *folded, const char *raw, double *v)
{
    size_t k;
    int added;
    if (!c->by_fold && !(c->by_fold = fs_strmap_new()))
        return -1;
    if (fs_strmap_add(c->by_fold, folded, &k, &added))
        return -1;
    if (added) {
        if (c->n == c->cap) {
            size_t cap = c->cap ? c->cap * 2 : 16;
            char **l = realloc(c->label, cap * sizeof *l);
            if (l)
                c->label = l;
            char **f = l ? realloc(c->folded, cap * sizeof *f) : NULL;
            if (!f)
                return -1; /* the map holds a key without a label: the read fails anyway */
            c->folded = f;
            c->cap = cap;
        }
        char safe[FS_SAFE_TEXT_MAX * 4 + 8];
        char *t = fs_strdup(raw);
        if (!t)
            return -1;
        fs_trim(t);
        fs_safe_text(t, safe, sizeof safe);
        free(t);
        c->label[c->n] = fs_strdup(safe);
        c->folded[c->n] = fs_strdup(folded);
        if (!c->label[c->n] || !c->folded[c->n]) {
            free(c->label[c->n]);
            free(c->folded[c->n]);
            return -1;
        }
        c->n++;
    }
    *v = (double)k;
    return 0;
}

/* ---- coding ---- */

int fs_code_answer(const fs_coder *c, const char *raw, double *v, char *why, size_t whysz,
                   int *oom)
{
    char *folded = NULL;
    int rc = FS_ANS_BAD;
    double x;
    *v = NAN;
    *oom = 0;
    /* the common case of numeric answers: a plain number needs no folding */
    if (c->coding == FS_QC_NUMERIC && fs_parse_answer_number(raw, &x) == 0) {
        if (c->has_scale && (x < c->scale_min || x > c->scale_max)) {
            snprintf(why, whysz, "is outside the scale %g..%g", c->scale_min, c->scale_max);
            return FS_ANS_BAD;
        }
        *v = x;
        return FS_ANS_OK;
    }
    if (!(folded = fs_fold(raw))) {
        snprintf(why, whysz, "is not valid text");
        return FS_ANS_BAD;
    }
    if (c->coding == FS_QC_OGQ) { /* "Gör inte, men vill" = "gör inte men vill" */
        for (char *p = folded; *p; p++)
            if (*p == ',')
                *p = ' ';
        char *f2 = fs_fold(folded);
        free(folded);
        if (!(folded = f2)) {
            snprintf(why, whysz, "is not valid text");
            return FS_ANS_BAD;
        }
    }
    if (!*folded) {
        rc = FS_ANS_MISSING;
        goto done;
    }
    if (strcmp(folded, "vet inte") == 0 || strcmp(folded, "don't know") == 0) {
        rc = FS_ANS_DONT_KNOW;
        goto done;
    }
    switch (c->coding) {
    case FS_QC_NUMERIC:
        snprintf(why, whysz, "is not a number");
        break;
    case FS_QC_HLS_TEXT:
    case FS_QC_HLS_EASY_HIGH:
    case FS_QC_HLS_EASY_LOW:
        for (int k = 0; k < 4; k++)
            if (strcmp(folded, hls_text[k]) == 0) {
                *v = k + 1;
                rc = FS_ANS_OK;
            }
        if (rc == FS_ANS_OK)
            break;
        if (fs_parse_answer_number(folded, &x) == 0) {
            if (c->coding == FS_QC_HLS_TEXT) {
                snprintf(why, whysz, "is a number: give --coding easy-high (4 = very easy) or "
                                     "easy-low (1 = very easy)");
                break;
            }
            if (x != 1 && x != 2 && x != 3 && x != 4) {
                snprintf(why, whysz, "is outside the scale 1..4");
                break;
            }
            *v = c->coding == FS_QC_HLS_EASY_HIGH ? x : 5 - x;
            rc = FS_ANS_OK;
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
                    rc = FS_ANS_OK;
                }
        if (rc == FS_ANS_OK)
            break;
        if (fs_parse_answer_number(folded, &x) == 0) {
            if (x != 1 && x != 2 && x != 3 && x != 4) {
                snprintf(why, whysz, "is outside the OGQ codes 1..4");
                break;
            }
            *v = (x == 2 || x == 3);
            rc = FS_ANS_OK;
            break;
        }
        snprintf(why, whysz, "is not an OGQ answer (codes 1-4 or Gör och vill göra, Gör inte "
                             "men vill göra, Gör men vill inte göra, Gör inte och vill inte göra)");
        break;
    case FS_QC_OGQ_GAP:
        if (fs_parse_answer_number(folded, &x) == 0 && (x == 0 || x == 1)) {
            *v = x;
            rc = FS_ANS_OK;
        } else {
            snprintf(why, whysz, "is not a gap indicator (0 or 1)");
        }
        break;
    case FS_QC_CATEGORY:
        if (category_of(c->cats, folded, raw, v)) {
            snprintf(why, whysz, "out of memory");
            *oom = 1;
            break;
        }
        rc = FS_ANS_OK;
        break;
    }
done:
    free(folded);
    return rc;
}

/* ---- the cache of coded spellings: numbered as the export reader numbers its values ---- */

struct fs_answer_cache {
    fs_valnum *numbers; /* spelling -> number, below FS_VALNUM_MAX */
    size_t n;           /* results kept */
    struct result {
        double v;
        int rc;
        int kept;
    } result[FS_VALNUM_MAX]; /* by number */
};

fs_answer_cache *fs_answer_cache_new(void)
{
    fs_answer_cache *c = calloc(1, sizeof *c);
    if (c && !(c->numbers = fs_valnum_new())) {
        free(c);
        return NULL;
    }
    return c;
}

void fs_answer_cache_free(fs_answer_cache *c)
{
    if (!c)
        return;
    fs_valnum_free(c->numbers);
    free(c);
}

int fs_answer_cache_get(fs_answer_cache *c, const char *raw, size_t len, int *rc, double *v)
{
    uint32_t no = fs_valnum_of(c->numbers, raw, len);
    if (no == FS_VALNUM_NONE || !c->result[no].kept)
        return 0;
    *rc = c->result[no].rc;
    *v = c->result[no].v;
    return 1;
}

void fs_answer_cache_put(fs_answer_cache *c, const char *raw, size_t len, int rc, double v)
{
    if (c->n >= FS_ANSWER_CACHE_MAX)
        return;
    uint32_t no = fs_valnum_of(c->numbers, raw, len);
    if (no == FS_VALNUM_NONE || c->result[no].kept)
        return;
    c->result[no] = (struct result){v, rc, 1};
    c->n++;
}

/* ---- scales ---- */

void fs_scale_free(fs_scale *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++) {
        if (s->label)
            free(s->label[i]);
        if (s->folded)
            free(s->folded[i]);
    }
    free(s->label);
    free(s->folded);
    free(s->name);
    memset(s, 0, sizeof *s);
}

void fs_scale_set_free(fs_scale_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        fs_scale_free(&set->s[i]);
    free(set->s);
    memset(set, 0, sizeof *set);
}

/* Appends a scale of n labels to set; 0 or -1 (memory). */
static int scale_add(fs_scale_set *set, const char *name, int ordered, int agree_first,
                     const char *const *labels, size_t n)
{
    fs_scale *ns = realloc(set->s, (set->n + 1) * sizeof *ns);
    if (!ns)
        return -1;
    set->s = ns;
    fs_scale *s = &set->s[set->n];
    memset(s, 0, sizeof *s);
    s->name = fs_strdup(name);
    s->ordered = ordered;
    s->agree_first = agree_first;
    s->label = calloc(n ? n : 1, sizeof *s->label);
    s->folded = calloc(n ? n : 1, sizeof *s->folded);
    if (!s->name || !s->label || !s->folded) {
        fs_scale_free(s);
        return -1;
    }
    s->n = n;
    set->n++;
    for (size_t i = 0; i < n; i++)
        if (!(s->label[i] = fs_strdup(labels[i])) || !(s->folded[i] = fs_fold(labels[i])))
            return -1; /* freed with the set */
    return 0;
}

#define MAX_CONFIG_LABELS 64

/* Parses one [scales] value: "[unordered:] A | B | ..." into labels (pointing into buf). */
static int parse_scale_value(char *buf, int *ordered, char **labels, size_t *n)
{
    char *p = buf;
    while (*p == ' ' || *p == '\t')
        p++;
    *ordered = 1;
    if (strncmp(p, "unordered:", 10) == 0) {
        *ordered = 0;
        p += 10;
    }
    *n = 0;
    for (char *save = NULL, *tok = strtok_r(p, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
        fs_trim(tok);
        if (!*tok || *n == MAX_CONFIG_LABELS)
            return -1;
        labels[(*n)++] = tok;
    }
    return *n >= 2 ? 0 : -1;
}

static fs_error load(const fs_config *cfg, fs_scale_set *set, fs_msg *err)
{
    for (size_t i = 0; cfg && i < cfg->n; i++) {
        const fs_config_entry *e = &cfg->entries[i];
        if (strcmp(e->section, "scales") != 0)
            continue;
        char *buf = fs_strdup(e->value), *labels[MAX_CONFIG_LABELS];
        size_t n;
        int ordered;
        if (!buf)
            return FS_ERR_MEMORY;
        if (parse_scale_value(buf, &ordered, labels, &n)) {
            free(buf);
            return fs_config_fail(cfg, e, err, "[scales] %s: \"%s\" is not 2 to %d answers "
                                               "separated by | (\"unordered:\" first for a scale "
                                               "without order)",
                                  e->key, e->value, MAX_CONFIG_LABELS);
        }
        for (size_t a = 0; a < n; a++) {
            char *fa = fs_fold(labels[a]);
            for (size_t b = 0; fa && b < a; b++) {
                char *fb = fs_fold(labels[b]);
                int same = fb && strcmp(fa, fb) == 0;
                free(fb);
                if (same) {
                    fs_error r = fs_config_fail(cfg, e, err, "[scales] %s: \"%s\" is given twice",
                                                e->key, labels[a]);
                    free(fa);
                    free(buf);
                    return r;
                }
            }
            free(fa);
        }
        int bad = set && scale_add(set, e->key, ordered, 1, (const char *const *)labels, n);
        free(buf);
        if (bad)
            return FS_ERR_MEMORY;
    }
    return FS_OK;
}

fs_error fs_scales_config_check(const fs_config *cfg, fs_msg *err)
{
    return load(cfg, NULL, err);
}

fs_error fs_scale_set_load(const fs_config *cfg, fs_scale_set *set, fs_msg *err)
{
    memset(set, 0, sizeof *set);
    fs_error e = load(cfg, set, err);
    for (size_t i = 0; !e && i < sizeof builtin_scales / sizeof builtin_scales[0]; i++) {
        const struct builtin_scale *b = &builtin_scales[i];
        size_t n = 0;
        while (n < MAX_BUILTIN && b->label[n])
            n++;
        if (scale_add(set, b->name, b->ordered, b->agree_first, b->label, n))
            e = FS_ERR_MEMORY;
    }
    if (e == FS_ERR_MEMORY)
        fs_msg_set(err, "out of memory");
    return e;
}

static int in_scale(const fs_scale *s, const char *folded, size_t *pos)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->folded[i] && strcmp(s->folded[i], folded) == 0) {
            *pos = i;
            return 1;
        }
    return 0;
}

fs_error fs_scale_match(const fs_scale_set *set, const char *const *folded,
                        const char *const *labels, size_t n, fs_scale *out, size_t *pos)
{
    memset(out, 0, sizeof *out);
    for (size_t k = 0; set && k < set->n; k++) {
        size_t i;
        for (i = 0; i < n && in_scale(&set->s[k], folded[i], &pos[i]); i++)
            ;
        if (i < n)
            continue;
        fs_scale_set one = {NULL, 0};
        const fs_scale *s = &set->s[k];
        if (scale_add(&one, s->name, s->ordered, s->agree_first, (const char *const *)s->label,
                      s->n)) {
            fs_scale_set_free(&one);
            return FS_ERR_MEMORY;
        }
        *out = one.s[0];
        free(one.s);
        return FS_OK;
    }
    /* whole numbers: lo..hi (1..10 when within it) */
    double lo = INFINITY, hi = -INFINITY, x;
    size_t i;
    for (i = 0; i < n && fs_parse_answer_number(folded[i], &x) == 0 && x == floor(x) &&
                fabs(x) <= 1000;
         i++) {
        lo = x < lo ? x : lo;
        hi = x > hi ? x : hi;
    }
    fs_scale_set one = {NULL, 0};
    if (n > 0 && i == n && hi - lo < 100) {
        if (lo >= 1 && hi <= 10)
            lo = 1, hi = 10;
        size_t m = (size_t)(hi - lo) + 1;
        char **lab = calloc(m, sizeof *lab);
        int bad = !lab;
        for (size_t j = 0; !bad && j < m; j++)
            bad = !(lab[j] = fs_asprintf("%.0f", lo + (double)j));
        bad = bad || scale_add(&one, "numbers", 1, 0, (const char *const *)lab, m);
        for (size_t j = 0; lab && j < m; j++)
            free(lab[j]);
        free(lab);
        if (bad) {
            fs_scale_set_free(&one);
            return FS_ERR_MEMORY;
        }
        for (size_t j = 0; j < n; j++) {
            fs_parse_answer_number(folded[j], &x);
            pos[j] = (size_t)(x - lo);
        }
    } else {
        if (scale_add(&one, "as-found", 0, 1, labels, n)) {
            fs_scale_set_free(&one);
            return FS_ERR_MEMORY;
        }
        for (size_t j = 0; j < n; j++)
            pos[j] = j;
    }
    *out = one.s[0];
    free(one.s);
    return FS_OK;
}
