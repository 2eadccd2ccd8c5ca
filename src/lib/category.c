#include "finsam/category.h"

#include <stdlib.h>
#include <string.h>

#include "finsam/strmap.h"
#include "finsam/text.h"

/* Lookups of the raw bytes of the first RAW_CACHE_MAX distinct values are remembered, so a
 * value seen again costs one hash look-up instead of folding it. */
#define RAW_CACHE_MAX 4096

struct fs_catmap {
    fs_strmap *folded; /* folded value -> its number in group[] */
    int *group;        /* the group of each folded value */
    size_t cap_group;
    fs_strmap *raw;    /* raw bytes -> &group[i] or &no_group (a cache); NULL when it could
                        * not be made again. Cleared by every add, which may move group[]. */
};

static int no_group = FS_CAT_NONE; /* a cached miss: strmap values cannot be NULL */

fs_catmap *fs_catmap_new(void)
{
    fs_catmap *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->folded = fs_strmap_new();
    m->raw = fs_strmap_new();
    if (!m->folded || !m->raw) {
        fs_catmap_free(m);
        return NULL;
    }
    return m;
}

void fs_catmap_free(fs_catmap *m)
{
    if (!m)
        return;
    fs_strmap_free(m->folded);
    fs_strmap_free(m->raw);
    free(m->group);
    free(m);
}

fs_error fs_catmap_add(fs_catmap *m, const char *raw, int group)
{
    size_t i;
    char *f = fs_fold(raw);
    if (!f)
        return FS_ERR_MEMORY;
    fs_error e = FS_OK;
    if (fs_strmap_count(m->folded) == m->cap_group) { /* room for a new value first */
        size_t cap = m->cap_group ? 2 * m->cap_group : 64;
        int *g = realloc(m->group, cap * sizeof *g);
        if (g) {
            m->group = g;
            m->cap_group = cap;
        } else {
            e = FS_ERR_MEMORY;
        }
    }
    if (!e && !(e = fs_strmap_add(m->folded, f, &i, NULL)))
        m->group[i] = group;
    free(f);
    fs_strmap_free(m->raw); /* the cache may now be stale */
    m->raw = fs_strmap_new();
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
    const int *cached = m->raw ? fs_strmap_get(m->raw, raw) : NULL;
    if (cached)
        return *cached;
    int *g = &no_group;
    char *f = fs_fold(raw);
    if (f) {
        size_t i = fs_strmap_find(m->folded, f);
        if (i != FS_STRMAP_NONE)
            g = &m->group[i];
        free(f);
    }
    if (m->raw && fs_strmap_count(m->raw) < RAW_CACHE_MAX)
        (void)fs_strmap_put(m->raw, raw, g); /* a failed cache insert only costs speed */
    return *g;
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
