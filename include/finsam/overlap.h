/* overlap.h: finding overlapping episodes of the same participant id in the same insats.
 *
 * This is the one structure of `check` that grows with the input: it keeps every episode
 * with an id until freed, as a 24-byte record (a 64-bit hash of id and insats, entry and
 * exit days, line, a link), plus a 5-byte slot per key in a table at most 3/4 full (7 to
 * 13 bytes per key): 31 to 37 bytes per episode when each key has one, less when ids come
 * back, and a few dozen bytes per distinct insats name. Ids are compared by that hash: two
 * ids with the same hash (one chance in 2^64 per pair) would be taken for one participant.
 * Two episodes overlap when each starts before the other ends; an open episode never ends.
 * Leaving and re-entering on the same day (exit == next entry) is not an overlap. */
#ifndef FINSAM_OVERLAP_H
#define FINSAM_OVERLAP_H

#include <stdint.h>

#include "finsam/date.h"
#include "finsam/error.h"

typedef struct fs_overlap_index fs_overlap_index;

fs_overlap_index *fs_overlap_new(void); /* NULL on memory failure */
void fs_overlap_free(fs_overlap_index *x);

typedef struct fs_overlap_hit {
    unsigned file_no;   /* of the earlier episode it overlaps */
    unsigned long line;
} fs_overlap_hit;

/* Room for about keys keys, so that the index is not rebuilt as it grows to them (each
 * doubling fills the table again from every episode); a hint: more keys still fit. */
fs_error fs_overlap_reserve(fs_overlap_index *x, size_t keys);

/* The number of insats in the index (insats matched ignoring case and Unicode form), which
 * a caller may keep; -1 on memory failure. */
long fs_overlap_insats(fs_overlap_index *x, const char *insats);
/* The key of an episode of id in the insats numbered insats, for fs_overlap_add; 0 for an
 * empty id, which is never an overlap (nothing to link by). It also starts loading the
 * key's place in the index, so that work done before fs_overlap_add overlaps that wait. */
void fs_overlap_key_of(fs_overlap_index *x, const char *id, uint32_t insats, uint64_t *key);

/* Adds an episode under key and tells whether it overlaps one added before: *found = 1 and
 * *hit the first such episode. FS_ERR_MEMORY on failure, and nothing added. */
fs_error fs_overlap_add(fs_overlap_index *x, uint64_t key, fs_date entry, int has_exit,
                        fs_date exit, unsigned file_no, unsigned long line, int *found,
                        fs_overlap_hit *hit);

#endif
