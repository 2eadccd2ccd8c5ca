/* strmap.c: see strmap.h. The entries (key, value, hash) sit in an array in insertion order,
 * so a key's number is its index there; the hash table proper is an array of slots, each 0
 * (empty) or a number + 1, with linear probing, kept at most half full. */
#include "finsam/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/text.h"

typedef struct entry {
    char *key;
    void *value;
    uint64_t hash;
} entry;

struct fs_strmap {
    entry *entries;
    size_t n, cap_entries;
    size_t *slots; /* number + 1 of the entry, 0 = empty */
    size_t cap;    /* slots: 0 or a power of two */
};

/* Eight bytes at a time (multiply-xorshift, finished as splitmix64): keys are short values
 * from the data, looked up once or several times per row. */
static uint64_t hash(const char *s)
{
    size_t len = strlen(s);
    uint64_t h = 0x9E3779B97F4A7C15ull ^ len;
    for (size_t i = 0; i < len; i += 8) {
        uint64_t w = 0;
        memcpy(&w, s + i, len - i < 8 ? len - i : 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
    }
    h *= 0x94D049BB133111EBull;
    return h ^ (h >> 29); /* the low bits pick the slot: mix the high ones in */
}

/* The slot holding key (hash h), or the empty slot where it would go. m->cap > 0. */
static size_t *probe(const fs_strmap *m, const char *key, uint64_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        size_t s = m->slots[i];
        if (!s || (m->entries[s - 1].hash == h && strcmp(m->entries[s - 1].key, key) == 0))
            return &m->slots[i];
    }
}

fs_strmap *fs_strmap_new(void)
{
    return calloc(1, sizeof(fs_strmap));
}

void fs_strmap_free(fs_strmap *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++)
        free(m->entries[i].key);
    free(m->entries);
    free(m->slots);
    free(m);
}

size_t fs_strmap_count(const fs_strmap *m)
{
    return m->n;
}

size_t fs_strmap_find(const fs_strmap *m, const char *key)
{
    if (!m->cap)
        return FS_STRMAP_NONE;
    size_t s = *probe(m, key, hash(key));
    return s ? s - 1 : FS_STRMAP_NONE;
}

void *fs_strmap_get(const fs_strmap *m, const char *key)
{
    size_t i = fs_strmap_find(m, key);
    return i == FS_STRMAP_NONE ? NULL : m->entries[i].value;
}

/* Doubles the slots and places every entry again. */
static fs_error grow_slots(fs_strmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 16;
    if (cap < m->cap || cap > SIZE_MAX / sizeof *m->slots)
        return FS_ERR_MEMORY;
    size_t *s = calloc(cap, sizeof *s);
    if (!s)
        return FS_ERR_MEMORY;
    for (size_t k = 0; k < m->n; k++) {
        size_t i = (size_t)m->entries[k].hash & (cap - 1);
        while (s[i])
            i = (i + 1) & (cap - 1);
        s[i] = k + 1;
    }
    free(m->slots);
    m->slots = s;
    m->cap = cap;
    return FS_OK;
}

fs_error fs_strmap_add(fs_strmap *m, const char *key, size_t *number, int *added)
{
    uint64_t h = hash(key);
    size_t *slot = m->cap ? probe(m, key, h) : NULL;
    if (added)
        *added = 0;
    if (slot && *slot) {
        *number = *slot - 1;
        return FS_OK;
    }
    if ((m->n + 1) * 2 > m->cap) {
        if (grow_slots(m))
            return FS_ERR_MEMORY;
        slot = probe(m, key, h);
    }
    if (m->n == m->cap_entries) {
        size_t cap = m->cap_entries ? 2 * m->cap_entries : 16;
        entry *e = cap > SIZE_MAX / sizeof *e ? NULL : realloc(m->entries, cap * sizeof *e);
        if (!e)
            return FS_ERR_MEMORY;
        m->entries = e;
        m->cap_entries = cap;
    }
    char *copy = fs_strdup(key);
    if (!copy)
        return FS_ERR_MEMORY;
    m->entries[m->n] = (entry){copy, NULL, h};
    *slot = ++m->n;
    *number = m->n - 1;
    if (added)
        *added = 1;
    return FS_OK;
}

fs_error fs_strmap_put(fs_strmap *m, const char *key, void *value)
{
    if (!value)
        FS_BUG("fs_strmap_put: a NULL value");
    size_t i;
    fs_error e = fs_strmap_add(m, key, &i, NULL);
    if (!e)
        m->entries[i].value = value;
    return e;
}
