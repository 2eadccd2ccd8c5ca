/* overlap.c: an id + insats -> episodes index in a few bytes per episode.
 *
 * Each episode is one 24-byte record: a 64-bit hash of (id, insats number), entry and end
 * as day numbers, its line, and the index of the episode before it under the same key. An
 * open-addressing table maps a key's hash to its newest record: per slot a 32-bit index and,
 * in an array of its own, a one-byte tag from the hash (0 = empty), so that a probe reads
 * the small tag array and touches a record only when its tag matches. Insatser are
 * numbered by their folded name (fs_fold once per distinct raw name, not per row). The
 * file of a record is found from where each file's records begin. The id itself is not
 * kept: two different ids whose hashes agree (about one chance in 2^64 per pair) would be
 * taken for one participant. */
#include "finsam/overlap.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/platform.h"
#include "finsam/strmap.h"
#include "finsam/text.h"

typedef struct episode {
    uint64_t key;
    int32_t entry, end; /* end: exit, or OPEN_END for an open episode */
    uint32_t line;
    uint32_t prev;      /* index + 1 of the episode before it under the same key, 0 = none */
} episode;

typedef struct file_start {
    unsigned file_no;
    uint32_t first; /* index of its first episode */
} file_start;

struct fs_overlap_index {
    fs_strmap *raw_insats;    /* insats as written -> its number in raw_number[] */
    uint32_t *raw_number;     /* per raw insats: the number of its folded name */
    size_t cap_raw;
    fs_strmap *folded_insats; /* folded insats -> its number (the strmap's own numbering) */
    unsigned char *slots;     /* SLOT bytes each: the tag of its key (0 = empty), then the
                               * index of the key's newest episode; one array, so that a
                               * look-up touches one place (and one page), not two */
    size_t cap;               /* slots: 0 or a power of two */
    size_t keys;              /* slots in use */
    episode *eps;
    size_t n_eps, cap_eps;
    size_t mapped_eps;        /* eps[0..mapped_eps) were made present (fs_populate) */
    file_start *files;
    size_t n_files;
};

#define OPEN_END INT32_MAX
#define AHEAD 16 /* episodes between a prefetch and its use when the table is refilled */

#define POPULATE_EPS 65536 /* episodes made present at a time (1.5 MiB), ahead of use */

/* Starts loading the cache line at p: a hint, no effect on results. */
#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

fs_overlap_index *fs_overlap_new(void)
{
    fs_overlap_index *x = calloc(1, sizeof *x);
    if (x && (!(x->raw_insats = fs_strmap_new()) || !(x->folded_insats = fs_strmap_new()))) {
        fs_overlap_free(x);
        return NULL;
    }
    return x;
}

void fs_overlap_free(fs_overlap_index *x)
{
    if (!x)
        return;
    fs_strmap_free(x->raw_insats);
    fs_strmap_free(x->folded_insats);
    free(x->raw_number);
    free(x->slots);
    free(x->eps);
    free(x->files);
    free(x);
}

/* The number of insats, matched ignoring case and Unicode form; -1 on memory failure. */
static long insats_number(fs_overlap_index *x, const char *insats)
{
    size_t i, n;
    int added;
    if (fs_strmap_count(x->raw_insats) == x->cap_raw) { /* room first: a failure changes nothing */
        size_t cap = x->cap_raw ? 2 * x->cap_raw : 16;
        uint32_t *p = realloc(x->raw_number, cap * sizeof *p);
        if (!p)
            return -1;
        x->raw_number = p;
        x->cap_raw = cap;
    }
    size_t known = fs_strmap_find(x->raw_insats, insats);
    if (known != FS_STRMAP_NONE)
        return x->raw_number[known];
    char *folded = fs_fold(insats);
    if (!folded) /* not valid UTF-8: by its bytes */
        folded = fs_strdup(insats);
    if (!folded || fs_strmap_add(x->folded_insats, folded, &n, NULL) || n >= UINT32_MAX ||
        fs_strmap_add(x->raw_insats, insats, &i, &added)) {
        free(folded);
        return -1;
    }
    free(folded);
    x->raw_number[i] = (uint32_t)n;
    return (long)n;
}

static uint64_t load64(const char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

static uint64_t load32(const char *p)
{
    uint32_t w;
    memcpy(&w, p, 4);
    return w;
}

static uint64_t mix(uint64_t h, uint64_t w)
{
    h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 31);
}

/* A 64-bit hash of a non-empty id and the insats number, never 0: eight bytes at a time,
 * the last eight (or a short id's bytes) read whole, overlapping the word before
 * (multiply-xorshift, finished as splitmix64). */
static uint64_t key_hash(const char *id, uint32_t insats)
{
    size_t len = strlen(id);
    uint64_t h = (0x9E3779B97F4A7C15ull ^ insats) * 0xBF58476D1CE4E5B9ull;
    h = (h ^ (h >> 31) ^ len) * 0x94D049BB133111EBull;
    if (len >= 8) {
        for (size_t i = 0; i + 8 < len; i += 8)
            h = mix(h, load64(id + i));
        h = mix(h, load64(id + len - 8));
    } else if (len >= 4) {
        h = mix(h, load32(id) | load32(id + len - 4) << 32);
    } else {
        const unsigned char *u = (const unsigned char *)id;
        h = mix(h, (uint64_t)u[0] | (uint64_t)u[len / 2] << 8 | (uint64_t)u[len - 1] << 16);
    }
    h ^= h >> 30;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 27;
    h *= 0x94D049BB133111EBull;
    h ^= h >> 31;
    return h ? h : 1;
}

/* A key's tag: 1..255, from the bits above those that choose its first slot. */
static uint8_t key_tag(uint64_t key)
{
    uint8_t t = (uint8_t)(key >> 56);
    return t ? t : 1;
}

#define SLOT 5 /* bytes a slot: a tag, a 32-bit episode index */

static uint32_t slot_episode(const unsigned char *slot)
{
    uint32_t e;
    memcpy(&e, slot + 1, 4);
    return e;
}

static void set_slot(unsigned char *slot, uint8_t tag, uint32_t e)
{
    slot[0] = tag;
    memcpy(slot + 1, &e, 4);
}

/* The first slot a key probes. x->cap > 0. */
static unsigned char *first_slot(const fs_overlap_index *x, uint64_t key)
{
    return x->slots + ((size_t)key & (x->cap - 1)) * SLOT;
}

/* The slot of key: where its newest episode's index is (*present = 1), or the empty slot
 * where it goes (*present = 0). x->cap > 0. */
static unsigned char *probe(const fs_overlap_index *x, uint64_t key, int *present)
{
    size_t mask = x->cap - 1;
    uint8_t tag = key_tag(key);
    for (size_t i = (size_t)key & mask;; i = (i + 1) & mask) {
        unsigned char *slot = x->slots + i * SLOT;
        if (!slot[0] || (slot[0] == tag && x->eps[slot_episode(slot)].key == key)) {
            *present = slot[0] != 0;
            return slot;
        }
    }
}

/* Makes the slots cap (a power of two, kept at most 3/4 full) and fills them again from the
 * episodes, oldest first, so that each key ends at its newest. The table grows by realloc
 * although its contents are rebuilt: grown in place, the old and the new one are not held
 * at once. */
static fs_error resize_slots(fs_overlap_index *x, size_t cap)
{
    unsigned char *t = cap > SIZE_MAX / SLOT ? NULL : realloc(x->slots, cap * SLOT);
    if (!t)
        return FS_ERR_MEMORY; /* x->cap unchanged: the table as it was */
    x->slots = t;
    x->cap = cap;
    fs_populate(t, cap * SLOT);
    for (size_t i = 0; i < cap; i++)
        x->slots[i * SLOT] = 0;
    for (size_t e = 0; e < x->n_eps; e++) {
        if (e + AHEAD < x->n_eps) /* the slot of a later episode, to be there when it comes */
            PREFETCH(first_slot(x, x->eps[e + AHEAD].key));
        int present;
        set_slot(probe(x, x->eps[e].key, &present), key_tag(x->eps[e].key), (uint32_t)e);
    }
    return FS_OK;
}

static fs_error grow_slots(fs_overlap_index *x)
{
    return resize_slots(x, x->cap ? 2 * x->cap : 1024);
}

fs_error fs_overlap_reserve(fs_overlap_index *x, size_t keys)
{
    size_t cap = 1024;
    while (cap < SIZE_MAX / 8 && keys * 4 > cap * 3)
        cap *= 2;
    return cap > x->cap ? resize_slots(x, cap) : FS_OK;
}

static unsigned file_of(const fs_overlap_index *x, size_t index)
{
    size_t f = x->n_files;
    while (f > 1 && x->files[f - 1].first > index)
        f--;
    return x->files[f - 1].file_no;
}

long fs_overlap_insats(fs_overlap_index *x, const char *insats)
{
    return insats_number(x, insats);
}

void fs_overlap_key_of(fs_overlap_index *x, const char *id, uint32_t insats, uint64_t *key)
{
    *key = 0;
    if (!*id)
        return;
    *key = key_hash(id, insats);
    if (x->cap) { /* the first slot probed, most often the only one */
        PREFETCH(first_slot(x, *key));
    }
}

fs_error fs_overlap_add(fs_overlap_index *x, uint64_t key, fs_date entry, int has_exit,
                        fs_date exit, unsigned file_no, unsigned long line, int *found,
                        fs_overlap_hit *hit)
{
    *found = 0;
    if (!key)
        return FS_OK;
    if (x->n_eps >= UINT32_MAX - 1 || line > UINT32_MAX)
        return FS_ERR_MEMORY; /* past what 32-bit indexes and lines hold */
    /* room for a new key, episode and file first, so that a failure changes nothing */
    if ((x->keys + 1) * 4 > x->cap * 3 && grow_slots(x))
        return FS_ERR_MEMORY;
    if (x->n_eps == x->cap_eps) {
        size_t cap = x->cap_eps ? x->cap_eps + x->cap_eps / 2 : 1024;
        episode *p = cap > SIZE_MAX / sizeof *p ? NULL : realloc(x->eps, cap * sizeof *p);
        if (!p)
            return FS_ERR_MEMORY;
        x->eps = p;
        x->cap_eps = cap;
        x->mapped_eps = x->n_eps;
    }
    if (x->n_eps == x->mapped_eps) {
        size_t n = x->cap_eps - x->n_eps < POPULATE_EPS ? x->cap_eps - x->n_eps : POPULATE_EPS;
        fs_populate(x->eps + x->n_eps, n * sizeof *x->eps);
        x->mapped_eps += n;
    }
    if (!x->n_files || x->files[x->n_files - 1].file_no != file_no) {
        file_start *f = realloc(x->files, (x->n_files + 1) * sizeof *f);
        if (!f)
            return FS_ERR_MEMORY;
        x->files = f;
        x->files[x->n_files++] = (file_start){file_no, (uint32_t)x->n_eps};
    }
    int present;
    unsigned char *slot = probe(x, key, &present);
    int32_t e32 = (int32_t)entry, end = has_exit ? (int32_t)exit : OPEN_END;
    uint32_t newest = present ? slot_episode(slot) + 1 : 0; /* as prev: index + 1, 0 = none */
    /* scan from the oldest is what people expect ("overlaps line 12"); the chain runs
     * newest first, so remember the last match */
    for (uint32_t i = newest; i; i = x->eps[i - 1].prev) {
        const episode *p = &x->eps[i - 1];
        if (e32 < p->end && p->entry < end) {
            *found = 1;
            hit->file_no = file_of(x, i - 1);
            hit->line = p->line;
        }
    }
    x->keys += !present;
    x->eps[x->n_eps] = (episode){key, e32, end, (uint32_t)line, newest};
    set_slot(slot, key_tag(key), (uint32_t)x->n_eps++);
    return FS_OK;
}
