/* persons.c: the person registry and pair sets (persons.h). The keyed hash is libsodium's
 * crypto_shorthash (SipHash-2-4), a keyed hash made for exactly this (short inputs, a
 * secret key, no way back from the hash): better than a hand-written one. */
#include "finsam/persons.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

fs_error fs_person_secret_init(fs_person_secret *s)
{
    if (sodium_init() < 0)
        return FS_ERR_MEMORY;
    crypto_shorthash_keygen(s->key);
    return FS_OK;
}

uint64_t fs_person_hash(const fs_person_secret *s, char kind, const char *identity)
{
    unsigned char out[crypto_shorthash_BYTES];
    size_t n = strlen(identity);
    unsigned char stack[128], *buf = n + 1 <= sizeof stack ? stack : malloc(n + 1);
    uint64_t h = 0;
    if (!buf) { /* cannot happen for ids cut by the reader; hash the kind alone */
        buf = stack;
        n = 0;
    }
    buf[0] = (unsigned char)kind;
    memcpy(buf + 1, identity, n);
    crypto_shorthash(out, buf, n + 1, s->key);
    if (buf != stack)
        free(buf);
    for (int i = 0; i < 8; i++)
        h = h << 8 | out[i];
    return h ? h : 1;
}

/* ---- registry ---- */

typedef struct slot {
    uint64_t hash; /* 0 = empty */
    uint32_t index;
} __attribute__((packed)) slot;

struct fs_persons {
    slot *slots;
    size_t cap, used;
    unsigned char *sex;
    size_t sex_cap;
    size_t conflicts;
};

fs_persons *fs_persons_new(void)
{
    return calloc(1, sizeof(fs_persons));
}

void fs_persons_free(fs_persons *p)
{
    if (!p)
        return;
    free(p->slots);
    free(p->sex);
    free(p);
}

static slot *find(slot *slots, size_t cap, uint64_t h)
{
    size_t i = (size_t)(h ^ (h >> 31)) & (cap - 1);
    while (slots[i].hash && slots[i].hash != h)
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

static int grow(fs_persons *p)
{
    size_t cap = p->cap ? 2 * p->cap : 1024;
    slot *s = calloc(cap, sizeof *s);
    if (!s)
        return -1;
    for (size_t i = 0; i < p->cap; i++)
        if (p->slots[i].hash)
            *find(s, cap, p->slots[i].hash) = p->slots[i];
    free(p->slots);
    p->slots = s;
    p->cap = cap;
    return 0;
}

static long append(fs_persons *p, fs_sex sex)
{
    if (p->used == UINT32_MAX)
        return -1;
    if (p->used == p->sex_cap) {
        size_t cap = p->sex_cap ? 2 * p->sex_cap : 1024;
        unsigned char *x = realloc(p->sex, cap);
        if (!x)
            return -1;
        p->sex = x;
        p->sex_cap = cap;
    }
    p->sex[p->used] = (unsigned char)sex;
    return (long)p->used++;
}

long fs_persons_add_anonymous(fs_persons *p, fs_sex sex)
{
    return append(p, sex);
}

long fs_persons_add(fs_persons *p, uint64_t h, fs_sex sex)
{
    if ((p->used + 1) * 2 > p->cap && grow(p))
        return -1;
    slot *s = find(p->slots, p->cap, h);
    if (s->hash) {
        unsigned char *known = &p->sex[s->index];
        if (*known == FS_SEX_UNKNOWN)
            *known = (unsigned char)sex;
        else if (sex != FS_SEX_UNKNOWN && sex != *known)
            p->conflicts++;
        return (long)s->index;
    }
    long i = append(p, sex);
    if (i < 0)
        return -1;
    s->hash = h;
    s->index = (uint32_t)i;
    return i;
}

size_t fs_persons_count(const fs_persons *p)
{
    return p->used;
}

fs_sex fs_persons_sex(const fs_persons *p, size_t index)
{
    return (fs_sex)p->sex[index];
}

size_t fs_persons_conflicts(const fs_persons *p)
{
    return p->conflicts;
}

/* ---- pair sets ---- */

static uint64_t *pair_find(uint64_t *slots, size_t cap, uint64_t stored)
{
    /* a person index in the high half and a cell in the low: mix every bit into the slot
     * (MurmurHash3's finaliser) */
    uint64_t x = stored;
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDull;
    x ^= x >> 33;
    x *= 0xC4CEB9FE1A85EC53ull;
    x ^= x >> 33;
    size_t i = (size_t)x & (cap - 1);
    while (slots[i] && slots[i] != stored)
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

int fs_pairset_add(fs_pairset *s, uint64_t v)
{
    uint64_t stored = v + 1;
    if (stored == 0)
        FS_BUG("fs_pairset_add: the value UINT64_MAX");
    if ((s->used + 1) * 4 > s->cap * 3) { /* at most three quarters full */
        size_t cap = s->cap ? 2 * s->cap : 256;
        uint64_t *n = calloc(cap, sizeof *n);
        if (!n)
            return -1;
        for (size_t i = 0; i < s->cap; i++)
            if (s->slots[i])
                *pair_find(n, cap, s->slots[i]) = s->slots[i];
        free(s->slots);
        s->slots = n;
        s->cap = cap;
    }
    uint64_t *p = pair_find(s->slots, s->cap, stored);
    if (*p)
        return 0;
    *p = stored;
    s->used++;
    return 1;
}

void fs_pairset_free(fs_pairset *s)
{
    free(s->slots);
    memset(s, 0, sizeof *s);
}
