/* bykey.h: records grouped by a value from the data.
 *
 * A value read from the data -- an insats, a municipality, a target group, a referrer that
 * matched nothing -- names a row, a table or a sheet. An fs_bykey gives each distinct value
 * one entry, found in constant time however many there are. Values are compared by their
 * folded safe text, fs_fold(fs_safe_text(value)): case, Unicode form and surrounding space
 * do not split an entry, and every value shaped like a personnummer falls in the one entry
 * "(personnummer)". (A value that is not valid UTF-8 is compared by the bytes of its safe
 * text.) An entry's label is the safe text of the value first seen for it, so it may be
 * printed anywhere.
 *
 * Each entry carries a payload of the caller's: payload_size bytes, zeroed when the entry
 * is made, aligned for any type, at an address that stays put while the map lives (adding
 * entries does not move it). Nothing the payload points to is freed by the map. */
#ifndef FINSAM_BYKEY_H
#define FINSAM_BYKEY_H

#include <stddef.h>

#include "finsam/error.h"

typedef struct fs_bykey fs_bykey;

typedef struct fs_bykey_entry {
    const char *key;   /* the folded safe text: the identity, and the sort order */
    const char *label; /* the safe text of the first value seen */
    void *data;        /* the payload */
} fs_bykey_entry;

/* An empty map whose entries carry payload_size bytes (0 allowed); NULL on memory failure. */
fs_bykey *fs_bykey_new(size_t payload_size);
/* Frees the map and its entries. NULL is allowed. */
void fs_bykey_free(fs_bykey *b);

/* The entry of the value raw, made when it is new; NULL on memory failure. */
fs_bykey_entry *fs_bykey_get(fs_bykey *b, const char *raw);
/* The entry of the value raw, or NULL when there is none (or memory ran out); never makes
 * one. */
fs_bykey_entry *fs_bykey_find(fs_bykey *b, const char *raw);

/* The number of entries. */
size_t fs_bykey_count(const fs_bykey *b);
/* Entry i (i < fs_bykey_count): in the order they were made, or, after fs_bykey_sort, in
 * the order of their keys. */
fs_bykey_entry *fs_bykey_at(const fs_bykey *b, size_t i);
/* Orders the entries by key (byte order of the folded text, which is alphabetical for
 * ASCII). Entries made afterwards come after them, in the order made. */
void fs_bykey_sort(fs_bykey *b);

#endif
