/* strmap.h: a map from strings to pointers, for sets and indexes whose size comes from the
 * data (distinct values, row keys). A hash table with open addressing: look-ups and inserts
 * take constant time on average, whatever the number of keys. */
#ifndef FINSAM_STRMAP_H
#define FINSAM_STRMAP_H

#include <stddef.h>

#include "finsam/error.h"

typedef struct fs_strmap fs_strmap;

/* An empty map; NULL on memory failure. Free with fs_strmap_free. */
fs_strmap *fs_strmap_new(void);
/* Frees the map and its copies of the keys; the values are the caller's. NULL is allowed. */
void fs_strmap_free(fs_strmap *m);

/* The value of key, or NULL when key is not in the map. */
void *fs_strmap_get(const fs_strmap *m, const char *key);
/* Maps key (copied) to value, which must not be NULL; a key already present gets the new
 * value. FS_ERR_MEMORY leaves the map as it was. */
fs_error fs_strmap_put(fs_strmap *m, const char *key, void *value);
/* The number of keys. */
size_t fs_strmap_count(const fs_strmap *m);

#endif
