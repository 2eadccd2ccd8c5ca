/* config.h: the INI configuration file (--config FILE), read with inih into a store that
 * knows no sections.
 *
 * The store keeps every key = value with its section and line number, and refuses only
 * what is not INI: a syntax error, or a line too long for inih's buffer. What a section
 * may hold is checked by the module that owns it, with a function of the shape
 * fs_config_check_fn: [columns] export.h, [exit_reasons] category.h, [referrers] and
 * [income] vocab.h, [age] flow.h, [hls] hls.h, [occasions] quest.h, [scales]
 * quest_coding.h, [survey] survey.h, [kasam] kasam.h, [defaults] the cli, which runs all the
 * checks after loading (fs_cli_config_check) and refuses a section nobody owns. */
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
    fs_config_entry *entries; /* in file order */
    size_t n;
} fs_config;

/* Loads path into cfg (zero it first; free it with fs_config_free, on failure too).
 * Returns FS_OK, FS_ERR_IO (cannot open), FS_ERR_PARSE (a syntax error or an over-long
 * line, "FILE:LINE: ..." in err) or FS_ERR_MEMORY. Sections and keys are not checked. */
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

/* The header named by a section `column "HEADER"` (caller frees), or NULL when name is not
 * such a section (or memory ran out). */
char *fs_config_column_header(const char *section);

#endif
