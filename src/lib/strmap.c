/* strmap.c: see strmap.h. The entries (key, its length, value, hash) sit in an array in
 * insertion order, so a key's number is its index there; the hash table proper is an array
 * of 64-bit slots, each 0 (empty) or the number + 1 in the low half and the high half of
 * the key's hash in the other, so that a probe compares hashes without reading the entries.
 * Linear probing, kept at most half full. */
#include "finsam/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/text.h"

typedef struct entry {
    char *key;
    void *value;
    uint64_t hash;
    size_t len;
} entry;

struct fs_strmap {
    entry *entries;
    size_t n, cap_entries;
    uint64_t *slots; /* (hash >> 32) << 32 | number + 1; 0 = empty */
    size_t cap;      /* slots: 0 or a power of two */
};

static inline uint64_t load64(const char *s)
{
    uint64_t w;
    memcpy(&w, s, 8);
    return w;
}

static inline uint64_t load32(const char *s)
{
    uint32_t w;
    memcpy(&w, s, 4);
    return w;
}

static inline uint64_t mix(uint64_t h, uint64_t w)
{
    h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 31);
}

/* Eight bytes at a time, the last eight (or the short key's bytes) read whole, overlapping
 * the word before (multiply-xorshift, finished as splitmix64): keys are short values from
 * the data, looked up once or several times per row. Reads only s[0..len). */
static uint64_t hash(const char *s, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ len;
    if (len >= 8) {
        size_t i = 0;
        for (; i + 8 < len; i += 8)
            h = mix(h, load64(s + i));
        h = mix(h, load64(s + len - 8));
    } else if (len >= 4) {
        h = mix(h, load32(s) | load32(s + len - 4) << 32);
    } else if (len) {
        const unsigned char *u = (const unsigned char *)s;
        h = mix(h, (uint64_t)u[0] | (uint64_t)u[len / 2] << 8 | (uint64_t)u[len - 1] << 16);
    }
    h *= 0x94D049BB133111EBull;
    return h ^ (h >> 29); /* the low bits pick the slot: mix the high ones in */
}

#define TAG(h) ((h) & 0xFFFFFFFF00000000ull)

/* The slot holding key[0..len) (hash h), or the empty slot where it would go. m->cap > 0. */
static uint64_t *probe(const fs_strmap *m, const char *key, size_t len, uint64_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        uint64_t s = m->slots[i];
        if (!s)
            return &m->slots[i];
        if (TAG(s) == TAG(h)) {
            const entry *e = &m->entries[(uint32_t)s - 1];
            if (e->hash == h && e->len == len && memcmp(e->key, key, len) == 0)
                return &m->slots[i];
        }
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

size_t fs_strmap_find_n(const fs_strmap *m, const char *key, size_t len)
{
    if (!m->cap)
        return FS_STRMAP_NONE;
    uint64_t s = *probe(m, key, len, hash(key, len));
    return s ? (uint32_t)s - 1 : FS_STRMAP_NONE;
}

size_t fs_strmap_find(const fs_strmap *m, const char *key)
{
    return fs_strmap_find_n(m, key, strlen(key));
}

const char *fs_strmap_key(const fs_strmap *m, size_t number)
{
    return m->entries[number].key;
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
    uint64_t *s = calloc(cap, sizeof *s);
    if (!s)
        return FS_ERR_MEMORY;
    for (size_t k = 0; k < m->n; k++) {
        uint64_t h = m->entries[k].hash;
        size_t i = (size_t)h & (cap - 1);
        while (s[i])
            i = (i + 1) & (cap - 1);
        s[i] = TAG(h) | (k + 1);
    }
    free(m->slots);
    m->slots = s;
    m->cap = cap;
    return FS_OK;
}

fs_error fs_strmap_add(fs_strmap *m, const char *key, size_t *number, int *added)
{
    size_t len = strlen(key);
    uint64_t h = hash(key, len);
    uint64_t *slot = m->cap ? probe(m, key, len, h) : NULL;
    if (added)
        *added = 0;
    if (slot && *slot) {
        *number = (uint32_t)*slot - 1;
        return FS_OK;
    }
    if (m->n >= UINT32_MAX - 1)
        return FS_ERR_MEMORY; /* numbers are kept in 32 bits */
    if ((m->n + 1) * 2 > m->cap) {
        if (grow_slots(m))
            return FS_ERR_MEMORY;
        slot = probe(m, key, len, h);
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
    m->entries[m->n] = (entry){copy, NULL, h, len};
    *slot = TAG(h) | ++m->n;
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
