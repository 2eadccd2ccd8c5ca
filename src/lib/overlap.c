/* overlap.c: an id + insats -> episodes index (open addressing, chained episodes). */
#include "finsam/overlap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/text.h"

typedef struct episode {
    fs_date entry, end; /* end: exit, or LONG_MAX-like sentinel for open episodes */
    unsigned long line;
    unsigned file_no;
    size_t next; /* index + 1 of the previous episode of the same key, 0 = none */
} episode;

typedef struct slot {
    char *key;
    size_t last; /* index + 1 of the last episode of the key */
} slot;

struct fs_overlap_index {
    slot *slots;
    size_t cap, used;
    episode *eps;
    size_t n_eps, cap_eps;
};

#define OPEN_END ((fs_date)1 << 40)

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static slot *find(slot *slots, size_t cap, const char *key)
{
    size_t i = hash(key) & (cap - 1);
    while (slots[i].key && strcmp(slots[i].key, key) != 0)
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

fs_overlap_index *fs_overlap_new(void)
{
    return calloc(1, sizeof(fs_overlap_index));
}

void fs_overlap_free(fs_overlap_index *x)
{
    if (!x)
        return;
    for (size_t i = 0; i < x->cap; i++)
        free(x->slots[i].key);
    free(x->slots);
    free(x->eps);
    free(x);
}

static fs_error grow(fs_overlap_index *x)
{
    size_t cap = x->cap ? 2 * x->cap : 1024;
    slot *s = calloc(cap, sizeof *s);
    if (!s)
        return FS_ERR_MEMORY;
    for (size_t i = 0; i < x->cap; i++)
        if (x->slots[i].key)
            *find(s, cap, x->slots[i].key) = x->slots[i];
    free(x->slots);
    x->slots = s;
    x->cap = cap;
    return FS_OK;
}

fs_error fs_overlap_add(fs_overlap_index *x, const char *id, const char *insats, fs_date entry,
                        int has_exit, fs_date exit, unsigned file_no, unsigned long line,
                        int *found, fs_overlap_hit *hit)
{
    *found = 0;
    if (!*id)
        return FS_OK;
    char *fi = fs_fold(insats);
    char *key = fi ? fs_asprintf("%s\x1f%s", id, fi) : NULL;
    free(fi);
    if (!key)
        return FS_ERR_MEMORY;
    if ((x->used + 1) * 2 > x->cap && grow(x)) {
        free(key);
        return FS_ERR_MEMORY;
    }
    slot *s = find(x->slots, x->cap, key);
    fs_date end = has_exit ? exit : OPEN_END;
    if (s->key) {
        free(key);
        /* scan from the oldest is what people expect ("overlaps line 12"); the chain runs
         * newest first, so remember the last match */
        for (size_t i = s->last; i; i = x->eps[i - 1].next) {
            const episode *e = &x->eps[i - 1];
            if (entry < e->end && e->entry < end) {
                *found = 1;
                hit->file_no = e->file_no;
                hit->line = e->line;
            }
        }
    } else {
        s->key = key;
        s->last = 0;
        x->used++;
    }
    if (x->n_eps == x->cap_eps) {
        size_t cap = x->cap_eps ? 2 * x->cap_eps : 1024;
        episode *p = realloc(x->eps, cap * sizeof *p);
        if (!p)
            return FS_ERR_MEMORY;
        x->eps = p;
        x->cap_eps = cap;
    }
    episode *e = &x->eps[x->n_eps++];
    e->entry = entry;
    e->end = end;
    e->line = line;
    e->file_no = file_no;
    e->next = s->last;
    s->last = x->n_eps;
    return FS_OK;
}
