/* valnum.c: see valnum.h. The numbered values are the keys of an fs_strmap (its numbering
 * is theirs); in front of it a direct-mapped cache of 256 slots. A value of up to 16 bytes
 * is equal to a slot's when its length and the two 8-byte words read at its start and end
 * (overlapping, or shorter reads for shorter values) are; a longer value also compares its
 * middle bytes with the map's copy. */
#include "finsam/valnum.h"

#include <stdlib.h>
#include <string.h>

#include "finsam/strmap.h"

#define SLOTS 256

typedef struct slot {
    uint64_t a, b;
    uint32_t len; /* 0: empty (the empty value is looked up in the map) */
    uint32_t no;
    const char *text; /* the map's copy, for values longer than 16 bytes */
} slot;

struct fs_valnum {
    fs_strmap *map;
    uint32_t empty; /* the number of "", or FS_VALNUM_NONE before it is met */
    slot cache[SLOTS];
};

fs_valnum *fs_valnum_new(void)
{
    fs_valnum *v = calloc(1, sizeof *v);
    if (v && !(v->map = fs_strmap_new())) {
        fs_valnum_free(v);
        return NULL;
    }
    if (v)
        v->empty = FS_VALNUM_NONE;
    return v;
}

void fs_valnum_free(fs_valnum *v)
{
    if (!v)
        return;
    fs_strmap_free(v->map);
    free(v);
}

/* The words that, with the length, identify a value of up to 16 bytes; reads s[0..len). */
static inline void words(const char *s, size_t len, uint64_t *a, uint64_t *b)
{
    if (len >= 8) {
        memcpy(a, s, 8);
        memcpy(b, s + len - 8, 8);
    } else if (len >= 4) {
        uint32_t x, y;
        memcpy(&x, s, 4);
        memcpy(&y, s + len - 4, 4);
        *a = x;
        *b = y;
    } else {
        const unsigned char *u = (const unsigned char *)s;
        *a = len ? (uint64_t)u[0] | (uint64_t)u[len / 2] << 8 | (uint64_t)u[len - 1] << 16 : 0;
        *b = 0;
    }
}

/* Whether the bytes [8, len - 8) of two values of len > 16 bytes are equal: up to 24
 * bytes one word, without a call to memcmp for a few bytes. */
static inline int same_middle(const char *x, const char *y, size_t len)
{
    if (len <= 24) {
        uint64_t u, v;
        memcpy(&u, x + 8, 8);
        memcpy(&v, y + 8, 8);
        return u == v; /* bytes [8, 16): past len - 8 they are the end word, equal already */
    }
    return memcmp(x + 8, y + 8, len - 16) == 0;
}

/* A value the cache did not know: numbered through the map, then cached. Kept out of
 * fs_valnum_of so that a hit costs no stack buffer. */
static __attribute__((noinline)) uint32_t miss(fs_valnum *v, slot *c, const char *s, size_t len,
                                               uint64_t a, uint64_t b)
{
    /* the map wants a NUL-terminated key */
    char small[64], *key = len < sizeof small ? small : malloc(len + 1);
    if (!key)
        return FS_VALNUM_NONE;
    memcpy(key, s, len);
    key[len] = '\0';
    uint32_t no = FS_VALNUM_NONE;
    size_t k = fs_strmap_find_n(v->map, key, len);
    if (k == FS_STRMAP_NONE && fs_strmap_count(v->map) < FS_VALNUM_MAX &&
        fs_strmap_add(v->map, key, &k, NULL) != FS_OK)
        k = FS_STRMAP_NONE;
    if (k != FS_STRMAP_NONE) {
        no = (uint32_t)k;
        if (len)
            *c = (slot){a, b, (uint32_t)len, no, fs_strmap_key(v->map, k)};
        else
            v->empty = no;
    }
    if (key != small)
        free(key);
    return no;
}

uint32_t fs_valnum_of(fs_valnum *v, const char *s, size_t len)
{
    if (!len && v->empty != FS_VALNUM_NONE)
        return v->empty;
    uint64_t a, b;
    words(s, len, &a, &b);
    uint64_t h = (a * 0x9E3779B97F4A7C15ull) ^ (b * 0xBF58476D1CE4E5B9ull) ^ len;
    slot *c = &v->cache[(h ^ (h >> 29) ^ (h >> 47)) & (SLOTS - 1)];
    if (c->len == len && len && c->a == a && c->b == b && (len <= 16 || same_middle(c->text, s, len)))
        return c->no;
    return miss(v, c, s, len, a, b);
}
