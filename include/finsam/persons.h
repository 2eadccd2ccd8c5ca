/* persons.h: distinct persons, without keeping who they are.
 *
 * A person is named by a 64-bit keyed hash (SipHash-2-4, libsodium's crypto_shorthash) of
 * their identity: the personnummer's twelve digits where there is one, otherwise the
 * participant id. The key is random for each run and never leaves memory, so the hash
 * cannot be turned back into a personnummer, and nothing of the number is kept in clear.
 *
 * Memory: the registry holds one entry per distinct person: a slot of 12 bytes (hash and
 * index) in a table at most half full, and one byte of sex: 25 to 49 bytes per person,
 * 37 on average over the table's growth. A cell of a table counts its persons in a person
 * set (below): at most 1 bit for each person of the run, whatever the rows. */
#ifndef FINSAM_PERSONS_H
#define FINSAM_PERSONS_H

#include <stddef.h>
#include <stdint.h>

#include "finsam/category.h"
#include "finsam/error.h"

/* The secret of one run. */
typedef struct fs_person_secret {
    unsigned char key[16];
} fs_person_secret;

/* A fresh random secret. FS_ERR_MEMORY when the system's random source fails. */
fs_error fs_person_secret_init(fs_person_secret *s);

/* The keyed hash of an identity (kind 'p' for personnummer digits, 'i' for a participant
 * id); never 0, which means "no identity". */
uint64_t fs_person_hash(const fs_person_secret *s, char kind, const char *identity);

/* ---- The registry: hash -> dense index 0, 1, 2, ... and the person's sex ---- */

typedef struct fs_persons fs_persons;

fs_persons *fs_persons_new(void); /* NULL on memory failure */
void fs_persons_free(fs_persons *p);
/* The index of person h (made when new). The person's sex is the first known sex seen;
 * a later different known sex is counted as a conflict. -1 on memory failure. */
long fs_persons_add(fs_persons *p, uint64_t h, fs_sex sex);
/* A person with no identity (no personnummer, no participant id): a new index each time. */
long fs_persons_add_anonymous(fs_persons *p, fs_sex sex);
size_t fs_persons_count(const fs_persons *p);
fs_sex fs_persons_sex(const fs_persons *p, size_t index);
/* Persons recorded as a woman in one episode and as a man in another. */
size_t fs_persons_conflicts(const fs_persons *p);

/* ---- A set of persons (who a table has counted in one cell) ---- */

/* Small, a hash table of person indexes + 1 at most half full; once that table would take
 * more than a bitmap of every person so far (about one person in 64 so far a member), a
 * bitmap, grown as new persons come. Persons get their indexes in the order the rows
 * bring them, so a bitmap is touched near its end, mostly: a cell holds 1 bit a person
 * at most, or 8 bytes a member while it is small. */
typedef struct fs_personset {
    uint32_t *slots; /* small: person index + 1, 0 = empty; NULL once a bitmap */
    uint64_t *bits;  /* a bitmap: bit i for person i */
    size_t cap;      /* slots, or the bitmap's words */
    size_t used;     /* members */
} fs_personset;      /* zeroed = empty */

/* 1 when the person (an index of the registry) was added, 0 when it was there, -1 on
 * memory failure (the set is unchanged). */
int fs_personset_add(fs_personset *s, size_t person);
/* The members, in no particular order:
 *     for (size_t pos = 0, person; fs_personset_next(s, &pos, &person);) use(person); */
int fs_personset_next(const fs_personset *s, size_t *pos, size_t *person);
void fs_personset_free(fs_personset *s);

#endif
