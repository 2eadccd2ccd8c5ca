#include "finsam/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/text.h"

typedef struct slot {
    char *key; /* NULL: empty */
    void *value;
} slot;

struct fs_strmap {
    slot *slots;
    size_t cap; /* 0 or a power of two */
    size_t used;
};

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h ^ (h >> 29); /* the low bits pick the slot: mix the high ones in */
}

/* The slot holding key, or the empty slot where it would go. cap > 0. */
static slot *find(slot *slots, size_t cap, const char *key)
{
    size_t i = (size_t)hash(key) & (cap - 1);
    while (slots[i].key && strcmp(slots[i].key, key) != 0)
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

fs_strmap *fs_strmap_new(void)
{
    return calloc(1, sizeof(fs_strmap));
}

void fs_strmap_free(fs_strmap *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    free(m);
}

void *fs_strmap_get(const fs_strmap *m, const char *key)
{
    if (!m->cap)
        return NULL;
    return find(m->slots, m->cap, key)->value;
}

/* Doubles the table (keeps it at most half full). */
static fs_error grow(fs_strmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 16;
    if (cap < m->cap || cap > SIZE_MAX / sizeof(slot))
        return FS_ERR_MEMORY;
    slot *s = calloc(cap, sizeof *s);
    if (!s)
        return FS_ERR_MEMORY;
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key)
            *find(s, cap, m->slots[i].key) = m->slots[i];
    free(m->slots);
    m->slots = s;
    m->cap = cap;
    return FS_OK;
}

fs_error fs_strmap_put(fs_strmap *m, const char *key, void *value)
{
    if (!value)
        FS_BUG("fs_strmap_put: a NULL value");
    if ((m->used + 1) * 2 > m->cap && grow(m))
        return FS_ERR_MEMORY;
    slot *s = find(m->slots, m->cap, key);
    if (!s->key) {
        if (!(s->key = fs_strdup(key)))
            return FS_ERR_MEMORY;
        m->used++;
    }
    s->value = value;
    return FS_OK;
}

size_t fs_strmap_count(const fs_strmap *m)
{
    return m->used;
}
