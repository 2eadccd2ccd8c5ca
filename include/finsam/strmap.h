/* strmap.h: the one string-keyed hash map of the library, for sets and indexes whose size
 * comes from the data (distinct values, row keys, ids, headers). Open addressing over an
 * array of entries kept in insertion order: look-ups and inserts take constant time on
 * average, whatever the number of keys. Keys are compared byte for byte (fold them first to
 * match ignoring case or Unicode form). Nothing is ever removed.
 *
 * Ownership: the map copies each key it adds and frees its copies in fs_strmap_free. Values
 * are the caller's: the map stores them and never frees, copies or dereferences them.
 *
 * Two ways to use it, freely mixed:
 * - pointer values: fs_strmap_put / fs_strmap_get, for data at a stable address;
 * - key numbers: every key gets a number when it is added, 0 for the first key, 1 for the
 *   next, and so on, which it keeps for the life of the map. Per-key data that is not a
 *   stable pointer (a count, an index into an array that moves when it grows) lives in the
 *   caller's own array indexed by that number: fs_strmap_add finds or adds a key in one
 *   look-up and gives its number, fs_strmap_find looks it up without adding. */
#ifndef FINSAM_STRMAP_H
#define FINSAM_STRMAP_H

#include <stddef.h>

#include "finsam/error.h"

typedef struct fs_strmap fs_strmap;

/* "Not in the map", from fs_strmap_find. */
#define FS_STRMAP_NONE ((size_t)-1)

/* An empty map; NULL on memory failure. Free with fs_strmap_free. */
fs_strmap *fs_strmap_new(void);
/* Frees the map and its copies of the keys; the values are the caller's. NULL is allowed. */
void fs_strmap_free(fs_strmap *m);

/* The number of keys; they are numbered 0 .. count - 1 in the order they were added. */
size_t fs_strmap_count(const fs_strmap *m);

/* The value of key, or NULL when key is not in the map or has no value yet (added by
 * fs_strmap_add and never given one by fs_strmap_put). */
void *fs_strmap_get(const fs_strmap *m, const char *key);
/* Maps key (copied when new) to value, which must not be NULL; a key already present keeps
 * its number and gets the new value. FS_ERR_MEMORY leaves the map as it was. */
fs_error fs_strmap_put(fs_strmap *m, const char *key, void *value);

/* The number of key, or FS_STRMAP_NONE when key is not in the map. */
size_t fs_strmap_find(const fs_strmap *m, const char *key);
/* fs_strmap_find of the len bytes at key (which need not end with a NUL there): for a
 * caller that knows the length. */
size_t fs_strmap_find_n(const fs_strmap *m, const char *key, size_t len);
/* The map's copy of the key numbered number (< fs_strmap_count): valid until the map is
 * freed. */
const char *fs_strmap_key(const fs_strmap *m, size_t number);
/* Sets *number to the number of key, adding key (copied, value NULL) when it is not in the
 * map: it then gets the next number, fs_strmap_count() before the call. *added (when not
 * NULL) tells whether key was added. FS_ERR_MEMORY leaves the map as it was and *number
 * unset. */
fs_error fs_strmap_add(fs_strmap *m, const char *key, size_t *number, int *added);

#endif
