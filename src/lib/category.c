#include "finsam/category.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/text.h"

/* Open-addressing hash table of string -> int. */
typedef struct slot {
    char *key;
    int value;
} slot;

typedef struct table {
    slot *slots;
    size_t cap, used;
} table;

#define RAW_CACHE_MAX 4096

struct fs_catmap {
    table folded; /* folded value -> group */
    table raw;    /* raw bytes -> group or FS_CAT_NONE (a cache) */
};

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static slot *find(table *t, const char *key)
{
    if (!t->cap)
        return NULL;
    size_t i = hash(key) & (t->cap - 1);
    while (t->slots[i].key) {
        if (strcmp(t->slots[i].key, key) == 0)
            return &t->slots[i];
        i = (i + 1) & (t->cap - 1);
    }
    return &t->slots[i];
}

static fs_error grow(table *t)
{
    size_t cap = t->cap ? t->cap * 2 : 64;
    slot *s = calloc(cap, sizeof *s);
    if (!s)
        return FS_ERR_MEMORY;
    table n = {s, cap, 0};
    for (size_t i = 0; i < t->cap; i++) {
        if (t->slots[i].key) {
            *find(&n, t->slots[i].key) = t->slots[i];
            n.used++;
        }
    }
    free(t->slots);
    *t = n;
    return FS_OK;
}

static fs_error put(table *t, const char *key, int value)
{
    if ((t->used + 1) * 2 > t->cap && grow(t))
        return FS_ERR_MEMORY;
    slot *s = find(t, key);
    if (s->key) {
        s->value = value;
        return FS_OK;
    }
    s->key = fs_strdup(key);
    if (!s->key)
        return FS_ERR_MEMORY;
    s->value = value;
    t->used++;
    return FS_OK;
}

static void table_free(table *t)
{
    for (size_t i = 0; i < t->cap; i++)
        free(t->slots[i].key);
    free(t->slots);
    t->slots = NULL;
    t->cap = t->used = 0;
}

fs_catmap *fs_catmap_new(void)
{
    return calloc(1, sizeof(fs_catmap));
}

void fs_catmap_free(fs_catmap *m)
{
    if (!m)
        return;
    table_free(&m->folded);
    table_free(&m->raw);
    free(m);
}

fs_error fs_catmap_add(fs_catmap *m, const char *raw, int group)
{
    char *f = fs_fold(raw);
    if (!f)
        return FS_ERR_MEMORY;
    fs_error e = put(&m->folded, f, group);
    free(f);
    table_free(&m->raw); /* the cache may now be stale */
    return e;
}

fs_error fs_catmap_add_list(fs_catmap *m, const char *const *raws, int group)
{
    for (; *raws; raws++) {
        fs_error e = fs_catmap_add(m, *raws, group);
        if (e)
            return e;
    }
    return FS_OK;
}

int fs_catmap_lookup(fs_catmap *m, const char *raw)
{
    slot *c = find(&m->raw, raw);
    if (c && c->key)
        return c->value;
    char *f = fs_fold(raw);
    int result = FS_CAT_NONE;
    if (f) {
        slot *s = find(&m->folded, f);
        if (s && s->key)
            result = s->value;
        free(f);
    }
    if (m->raw.used < RAW_CACHE_MAX)
        (void)put(&m->raw, raw, result); /* a failed cache insert only costs speed */
    return result;
}

const fs_group fs_exit_groups[FS_EXIT_N_GROUPS] = {
    {"work_studies", "Arbete, studier", "Work, studies"},
    {"job_seeking", "Arbetssökande", "Job seeking"},
    {"continued_rehab", "Fortsatt rehabilitering", "Continued rehabilitation"},
    {"illness", "Sjukdom", "Illness"},
    {"moved", "Flytt", "Moved"},
    {"other", "Övrigt", "Other"},
    {"not_measured", "Utan mätning", "Not measured"},
};

static const char *const exit_synonyms[FS_EXIT_N_GROUPS][8] = {
    {"Arbete", "Studier", "Arbete, studier", "Arbete/studier", "Anställning", "Påbörjat studier",
     NULL},
    {"Arbetssökande", "Aktivt arbetssökande", NULL},
    {"Fortsatt rehabilitering", "Förstärkt samverkan FK/AF", "Arbetsträning", "Praktik", NULL},
    {"Sjukdom", "Utskrivning pga sjukdom", "Försämrat hälsotillstånd", NULL},
    {"Flytt", NULL},
    {"Övrigt", "Föräldraledighet", "Pension", "Ålderspension", NULL},
    {"Utan mätning", NULL},
};

fs_catmap *fs_exit_reason_map_new(void)
{
    static const char *const excluded[] = {"Felregistrering", "Felregistrerad", NULL};
    fs_catmap *m = fs_catmap_new();
    if (!m)
        return NULL;
    for (int g = 0; g < FS_EXIT_N_GROUPS; g++) {
        if (fs_catmap_add_list(m, exit_synonyms[g], g) || fs_catmap_add(m, fs_exit_groups[g].key, g))
            goto fail;
    }
    if (fs_catmap_add_list(m, excluded, FS_EXIT_EXCLUDED))
        goto fail;
    return m;
fail:
    fs_catmap_free(m);
    return NULL;
}

int fs_exit_group_by_key(const char *key)
{
    if (strcmp(key, "excluded") == 0)
        return FS_EXIT_EXCLUDED;
    for (int g = 0; g < FS_EXIT_N_GROUPS; g++)
        if (strcmp(key, fs_exit_groups[g].key) == 0)
            return g;
    return FS_CAT_NONE;
}

fs_catmap *fs_sex_map_new(void)
{
    static const char *const women[] = {"Kvinna", "K", "Kvinnor", "Kv", "Woman", "Female", "F", NULL};
    static const char *const men[] = {"Man", "M", "Män", "Male", NULL};
    fs_catmap *m = fs_catmap_new();
    if (m && (fs_catmap_add_list(m, women, FS_SEX_WOMAN) || fs_catmap_add_list(m, men, FS_SEX_MAN))) {
        fs_catmap_free(m);
        return NULL;
    }
    return m;
}

const char *fs_group_label(const fs_group *g, const char *lang)
{
    return lang && strcmp(lang, "en") == 0 ? g->en : g->sv;
}
