/* overlap.c: an id + insats -> episodes index: an fs_strmap numbers the keys, and each key's
 * episodes are chained, newest first, from last[its number]. */
#include "finsam/overlap.h"

#include <stdint.h>
#include <stdlib.h>

#include "finsam/strmap.h"
#include "finsam/text.h"

typedef struct episode {
    fs_date entry, end; /* end: exit, or OPEN_END for open episodes */
    unsigned long line;
    unsigned file_no;
    size_t next; /* index + 1 of the previous episode of the same key, 0 = none */
} episode;

struct fs_overlap_index {
    fs_strmap *keys; /* id \x1f folded insats -> its number in last[] */
    size_t *last;    /* per key: index + 1 of its last episode */
    size_t cap_last;
    episode *eps;
    size_t n_eps, cap_eps;
};

#define OPEN_END ((fs_date)1 << 30) /* after every date (4-digit years), in a 32-bit long */

fs_overlap_index *fs_overlap_new(void)
{
    fs_overlap_index *x = calloc(1, sizeof *x);
    if (x && !(x->keys = fs_strmap_new())) {
        free(x);
        return NULL;
    }
    return x;
}

void fs_overlap_free(fs_overlap_index *x)
{
    if (!x)
        return;
    fs_strmap_free(x->keys);
    free(x->last);
    free(x->eps);
    free(x);
}

fs_error fs_overlap_add(fs_overlap_index *x, const char *id, const char *insats, fs_date entry,
                        int has_exit, fs_date exit, unsigned file_no, unsigned long line,
                        int *found, fs_overlap_hit *hit)
{
    *found = 0;
    if (!*id)
        return FS_OK;
    fs_error e = FS_ERR_MEMORY;
    char *fi = fs_fold(insats);
    char *key = fi ? fs_asprintf("%s\x1f%s", id, fi) : NULL;
    free(fi);
    if (!key)
        goto cleanup;
    /* room for a new key and a new episode first, so that a failure changes nothing */
    if (fs_strmap_count(x->keys) == x->cap_last) {
        size_t cap = x->cap_last ? 2 * x->cap_last : 1024;
        size_t *p = cap > SIZE_MAX / sizeof *p ? NULL : realloc(x->last, cap * sizeof *p);
        if (!p)
            goto cleanup;
        x->last = p;
        x->cap_last = cap;
    }
    if (x->n_eps == x->cap_eps) {
        size_t cap = x->cap_eps ? 2 * x->cap_eps : 1024;
        episode *p = cap > SIZE_MAX / sizeof *p ? NULL : realloc(x->eps, cap * sizeof *p);
        if (!p)
            goto cleanup;
        x->eps = p;
        x->cap_eps = cap;
    }
    size_t k;
    int added;
    if ((e = fs_strmap_add(x->keys, key, &k, &added)))
        goto cleanup;
    fs_date end = has_exit ? exit : OPEN_END;
    if (added) {
        x->last[k] = 0;
    } else {
        /* scan from the oldest is what people expect ("overlaps line 12"); the chain runs
         * newest first, so remember the last match */
        for (size_t i = x->last[k]; i; i = x->eps[i - 1].next) {
            const episode *p = &x->eps[i - 1];
            if (entry < p->end && p->entry < end) {
                *found = 1;
                hit->file_no = p->file_no;
                hit->line = p->line;
            }
        }
    }
    episode *ep = &x->eps[x->n_eps++];
    ep->entry = entry;
    ep->end = end;
    ep->line = line;
    ep->file_no = file_no;
    ep->next = x->last[k];
    x->last[k] = x->n_eps;
cleanup:
    free(key);
    return e;
}
