#include "finsam/bykey.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/pnr.h"
#include "finsam/strmap.h"
#include "finsam/text.h"

/* The raw bytes of the first RAW_CACHE_MAX values are remembered, so a value seen again
 * costs one hash look-up instead of making it safe and folding it. */
#define RAW_CACHE_MAX 4096

struct fs_bykey {
    size_t payload_size;
    fs_strmap *by_key; /* folded safe text -> entry */
    fs_strmap *by_raw; /* raw bytes -> entry, or &no_entry for a value find() did not find;
                        * NULL when it could not be made again */
    size_t misses;     /* &no_entry values in by_raw */
    fs_bykey_entry **items;
    size_t n, cap;
};

static char no_entry; /* a cached miss: strmap values cannot be NULL */

/* An entry is one allocation: the entry, the payload (aligned), the key, the label. */
#define PAYLOAD_OFFSET \
    ((sizeof(fs_bykey_entry) + alignof(max_align_t) - 1) / alignof(max_align_t) * alignof(max_align_t))

fs_bykey *fs_bykey_new(size_t payload_size)
{
    fs_bykey *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->payload_size = payload_size;
    b->by_key = fs_strmap_new();
    b->by_raw = fs_strmap_new();
    if (!b->by_key || !b->by_raw) {
        fs_bykey_free(b);
        return NULL;
    }
    return b;
}

void fs_bykey_free(fs_bykey *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->n; i++)
        free(b->items[i]);
    free(b->items);
    fs_strmap_free(b->by_key);
    fs_strmap_free(b->by_raw);
    free(b);
}

/* The key of raw (caller frees) into *key, its safe text into safe; -1 on memory failure. */
static int key_of(const char *raw, char *safe, size_t safesz, char **key)
{
    fs_safe_text(raw, safe, safesz);
    *key = fs_fold(safe);
    if (!*key) /* not valid UTF-8 (or no memory): the bytes of the safe text */
        *key = fs_strdup(safe);
    return *key ? 0 : -1;
}

static fs_bykey_entry *make(fs_bykey *b, const char *key, const char *label)
{
    size_t kl = strlen(key) + 1, ll = strlen(label) + 1;
    if (b->payload_size > SIZE_MAX - PAYLOAD_OFFSET - kl - ll)
        return NULL;
    if (b->n == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 16;
        fs_bykey_entry **items = cap > SIZE_MAX / sizeof *items ? NULL
                                                                 : realloc(b->items, cap * sizeof *items);
        if (!items)
            return NULL;
        b->items = items;
        b->cap = cap;
    }
    char *mem = calloc(1, PAYLOAD_OFFSET + b->payload_size + kl + ll);
    if (!mem)
        return NULL;
    fs_bykey_entry *e = (fs_bykey_entry *)(void *)mem;
    e->data = mem + PAYLOAD_OFFSET;
    char *k = mem + PAYLOAD_OFFSET + b->payload_size;
    memcpy(k, key, kl);
    memcpy(k + kl, label, ll);
    e->key = k;
    e->label = k + kl;
    if (fs_strmap_put(b->by_key, key, e)) {
        free(mem);
        return NULL;
    }
    b->items[b->n++] = e;
    if (b->misses) { /* a cached miss may be this entry now */
        fs_strmap_free(b->by_raw);
        b->by_raw = fs_strmap_new();
        b->misses = 0;
    }
    return e;
}

static fs_bykey_entry *lookup(fs_bykey *b, const char *raw, int create)
{
    void *cached = b->by_raw ? fs_strmap_get(b->by_raw, raw) : NULL;
    if (cached && (cached != &no_entry || !create))
        return cached == &no_entry ? NULL : cached;
    char safe[FS_SAFE_TEXT_MAX * 4 + 8], *key;
    if (key_of(raw, safe, sizeof safe, &key))
        return NULL;
    fs_bykey_entry *e = fs_strmap_get(b->by_key, key);
    if (!e && create)
        e = make(b, key, safe);
    free(key);
    /* a failed cache insert only costs speed */
    if (b->by_raw && (e || !create) && (cached || fs_strmap_count(b->by_raw) < RAW_CACHE_MAX) &&
        fs_strmap_put(b->by_raw, raw, e ? (void *)e : &no_entry) == FS_OK && !e)
        b->misses++;
    return e;
}

fs_bykey_entry *fs_bykey_get(fs_bykey *b, const char *raw)
{
    return lookup(b, raw, 1);
}

fs_bykey_entry *fs_bykey_find(fs_bykey *b, const char *raw)
{
    return lookup(b, raw, 0);
}

size_t fs_bykey_count(const fs_bykey *b)
{
    return b->n;
}

fs_bykey_entry *fs_bykey_at(const fs_bykey *b, size_t i)
{
    if (i >= b->n)
        FS_BUG("fs_bykey_at: index out of range");
    return b->items[i];
}

static int cmp_entry(const void *x, const void *y)
{
    return strcmp((*(fs_bykey_entry *const *)x)->key, (*(fs_bykey_entry *const *)y)->key);
}

void fs_bykey_sort(fs_bykey *b)
{
    if (b->n > 1)
        qsort(b->items, b->n, sizeof *b->items, cmp_entry);
}
