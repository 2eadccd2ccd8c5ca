/* persons.c: the person registry and person sets (persons.h). The keyed hash is libsodium's
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

/* ---- person sets ---- */

#define SMALL_FIRST 8 /* slots of a new set */

static uint32_t *slot_of(uint32_t *slots, size_t cap, uint32_t stored)
{
    size_t i = (size_t)(((uint64_t)stored * 0x9E3779B97F4A7C15ull) >> 32) & (cap - 1);
    while (slots[i] && slots[i] != stored)
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

/* Room in the bitmap for person: doubled until it fits, the new words zero. */
static int bits_fit(fs_personset *s, size_t person)
{
    size_t need = person / 64 + 1;
    if (need <= s->cap)
        return 0;
    size_t cap = s->cap ? s->cap : 1;
    while (cap < need)
        cap *= 2;
    uint64_t *b = realloc(s->bits, cap * sizeof *b);
    if (!b)
        return -1;
    memset(b + s->cap, 0, (cap - s->cap) * sizeof *b);
    s->bits = b;
    s->cap = cap;
    return 0;
}

/* A small set that is full: twice the slots, or a bitmap when twice the slots would take
 * more bytes than a bitmap of the persons up to person. */
static int grow_small(fs_personset *s, size_t person)
{
    size_t cap = s->cap ? 2 * s->cap : SMALL_FIRST;
    if (s->cap && cap * sizeof(uint32_t) > (person / 64 + 1) * sizeof(uint64_t)) {
        size_t top = person;
        for (size_t i = 0; i < s->cap; i++)
            if (s->slots[i] && s->slots[i] - 1 > top)
                top = s->slots[i] - 1;
        fs_personset b = {0};
        if (bits_fit(&b, top))
            return -1;
        for (size_t i = 0; i < s->cap; i++)
            if (s->slots[i])
                b.bits[(s->slots[i] - 1) / 64] |= 1ull << ((s->slots[i] - 1) % 64);
        b.used = s->used;
        free(s->slots);
        *s = b;
        return 0;
    }
    uint32_t *n = calloc(cap, sizeof *n);
    if (!n)
        return -1;
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i])
            *slot_of(n, cap, s->slots[i]) = s->slots[i];
    free(s->slots);
    s->slots = n;
    s->cap = cap;
    return 0;
}

int fs_personset_add(fs_personset *s, size_t person)
{
    if (person >= UINT32_MAX)
        FS_BUG("fs_personset_add: a person index beyond 32 bits");
    if (!s->bits) {
        if ((s->used + 1) * 2 > s->cap && grow_small(s, person))
            return -1;
    }
    if (s->bits) {
        if (person / 64 >= s->cap && bits_fit(s, person))
            return -1;
        uint64_t *w = &s->bits[person / 64], bit = 1ull << (person % 64);
        if (*w & bit)
            return 0;
        *w |= bit;
        s->used++;
        return 1;
    }
    uint32_t *p = slot_of(s->slots, s->cap, (uint32_t)person + 1);
    if (*p)
        return 0;
    *p = (uint32_t)person + 1;
    s->used++;
    return 1;
}

int fs_personset_next(const fs_personset *s, size_t *pos, size_t *person)
{
    if (s->slots) {
        for (; *pos < s->cap; (*pos)++)
            if (s->slots[*pos]) {
                *person = s->slots[(*pos)++] - 1;
                return 1;
            }
        return 0;
    }
    for (size_t w = *pos / 64; w < s->cap; w++) {
        uint64_t left = s->bits[w] & (~0ull << (w == *pos / 64 ? *pos % 64 : 0));
        if (left) {
            *person = w * 64 + (size_t)__builtin_ctzll(left);
            *pos = *person + 1;
            return 1;
        }
    }
    *pos = s->cap * 64;
    return 0;
}

void fs_personset_free(fs_personset *s)
{
    free(s->slots);
    free(s->bits);
    memset(s, 0, sizeof *s);
}
