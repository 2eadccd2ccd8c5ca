/* valnum.h: numbers for the distinct values of one text column, so that what is made of a
 * value (its category, a dimension's codes, an insats's counts) is looked up by number in
 * an array instead of by text in a hash map on every row.
 *
 * The first distinct values get the numbers 0, 1, 2, ... in the order they are first seen,
 * up to a maximum; after that, new values get FS_VALNUM_NONE and whoever uses the numbers
 * goes by the text (a column of free text must not grow memory with the rows). A small
 * direct-mapped cache keyed by the value's length and first and last eight bytes (exact
 * for values of up to 16 bytes) answers most rows without hashing the whole value. */
#ifndef FINSAM_VALNUM_H
#define FINSAM_VALNUM_H

#include <stddef.h>
#include <stdint.h>

#define FS_VALNUM_NONE UINT32_MAX
/* The values numbered per column; numbers are below this. */
#define FS_VALNUM_MAX 4096

typedef struct fs_valnum fs_valnum;

/* An empty numbering; NULL on memory failure. */
fs_valnum *fs_valnum_new(void);
void fs_valnum_free(fs_valnum *v);
/* The number of s[0..len) (which need not end with a NUL), numbering it when new;
 * FS_VALNUM_NONE past FS_VALNUM_MAX values or on memory failure. */
uint32_t fs_valnum_of(fs_valnum *v, const char *s, size_t len);

/* For what a caller keeps per value number: 1 when numbering (fs_episode.numbering) is
 * another reader's than the one *seen names, whose numbers mean other values (the caller
 * then empties what it kept); *seen names numbering after. */
static inline int fs_valnum_reader_changed(const void **seen, const void *numbering)
{
    if (*seen == numbering)
        return 0;
    *seen = numbering;
    return 1;
}

#endif
