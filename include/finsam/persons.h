/* persons.h: distinct persons, without keeping who they are.
 *
 * A person is named by a 64-bit keyed hash (SipHash-2-4, libsodium's crypto_shorthash) of
 * their identity: the personnummer's twelve digits where there is one, otherwise the
 * participant id. The key is random for each run and never leaves memory, so the hash
 * cannot be turned back into a personnummer, and nothing of the number is kept in clear.
 *
 * Memory: the registry holds one entry per distinct person: a slot of 12 bytes (hash and
 * index) in a table at most half full, and one byte of sex: 25 to 49 bytes per person,
 * 37 on average over the table's growth. A pair set (which persons a table has counted in
 * which cell) holds 8 bytes a pair in a table at most three quarters full: 11 to 22 bytes
 * a pair, and a table of persons holds about one pair per row a person is in, plus one.
 * Measured (bench/run.sh, 1,000,000 episodes, 806,320 persons during 2024): the flow table
 * alone peaks at 129 MB (160 bytes a person), exits at 55 MB, the 14 tables of
 * participants --all at 556 MB (690 bytes a person). */
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

/* ---- A set of 64-bit values (pairs of a person index and a cell) ---- */

typedef struct fs_pairset {
    uint64_t *slots; /* 0 = empty; values are stored + 1 */
    size_t cap, used;
} fs_pairset; /* zeroed = empty */

/* 1 when v was added, 0 when it was there, -1 on memory failure (the set is unchanged). */
int fs_pairset_add(fs_pairset *s, uint64_t v);
void fs_pairset_free(fs_pairset *s);
/* Iteration: for (size_t i = 0; i < s->cap; i++) if (s->slots[i]) use(s->slots[i] - 1). */

#endif
