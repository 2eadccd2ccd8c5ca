/* config.h: the INI configuration file (--config FILE), read with inih.
 *
 * Sections: [columns] (field = your header), [exit_reasons] (raw value = group key),
 * [defaults] (lang, rounding, decimals, suppress, source, csv_dialect, encoding, separator),
 * and the sections of the individual commands (see fs_config_load). Every entry keeps its
 * line number so that later checks can point at it. */
#ifndef FINSAM_CONFIG_H
#define FINSAM_CONFIG_H

#include <stddef.h>

#include "finsam/error.h"

typedef struct fs_config_entry {
    char *section, *key, *value;
    unsigned line;
} fs_config_entry;

typedef struct fs_config {
    char *path; /* NULL when no file was given */
    fs_config_entry *entries;
    size_t n;
} fs_config;

/* Loads path into cfg (zero it first). Unknown sections and unknown keys in [columns] and
 * [defaults], and unknown group keys in [exit_reasons], are errors naming file:line.
 * Returns FS_OK, FS_ERR_IO (cannot open) or FS_ERR_PARSE. */
fs_error fs_config_load(const char *path, fs_config *cfg, fs_msg *err);
void fs_config_free(fs_config *cfg);

/* The value of section/key (the last one given), or NULL. Static within cfg. */
const char *fs_config_get(const fs_config *cfg, const char *section, const char *key);
/* The entry of section/key, or NULL (for its line number in messages). */
const fs_config_entry *fs_config_find(const fs_config *cfg, const char *section,
                                      const char *key);

/* A check of the section a module owns: FS_OK, or FS_ERR_DATA with err set to
 * "FILE:LINE: ..." for the first wrong entry of that section. cfg may be empty. */
typedef fs_error fs_config_check_fn(const fs_config *cfg, fs_msg *err);

/* Sets err to "FILE:LINE: " (the entry's line) followed by the message; returns
 * FS_ERR_DATA, for a check to return. */
fs_error fs_config_fail(const fs_config *cfg, const fs_config_entry *e, fs_msg *err,
                        const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
