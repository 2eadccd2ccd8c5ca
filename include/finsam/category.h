/* category.h: matching raw category values (exit reasons, sex, referrers, income support)
 * to report groups, ignoring case, surrounding space and Unicode form. */
#ifndef FINSAM_CATEGORY_H
#define FINSAM_CATEGORY_H

#include <stddef.h>

#include "finsam/config.h"
#include "finsam/error.h"

/* A report group: stable key (JSON), Swedish and English labels. */
typedef struct fs_group {
    const char *key;
    const char *sv;
    const char *en;
} fs_group;

/* A map from folded raw values to group indexes. Results of lookups are cached by the raw
 * bytes, so repeated values cost one hash look-up. */
typedef struct fs_catmap fs_catmap;

#define FS_CAT_NONE (-1)     /* no group matched */

fs_catmap *fs_catmap_new(void); /* NULL on memory failure; free with fs_catmap_free */
void fs_catmap_free(fs_catmap *m);
/* Maps raw (folded) to group; a later add of the same value replaces the earlier one. */
fs_error fs_catmap_add(fs_catmap *m, const char *raw, int group);
/* Adds every value of a NULL-terminated list. */
fs_error fs_catmap_add_list(fs_catmap *m, const char *const *raws, int group);
/* The group of raw, or FS_CAT_NONE. */
int fs_catmap_lookup(fs_catmap *m, const char *raw);

/* ---- The vocabularies of the Finsam follow-up (finsam-stats-exits(1)) ---- */

typedef enum fs_sex { FS_SEX_WOMAN = 0, FS_SEX_MAN = 1, FS_SEX_UNKNOWN = 2 } fs_sex;
#define FS_SEX_N 3

/* Exit-reason groups, in report order. FS_EXIT_EXCLUDED (Felregistrering) is dropped from
 * every count. */
enum {
    FS_EXIT_WORK_STUDIES,
    FS_EXIT_JOB_SEEKING,
    FS_EXIT_CONTINUED_REHAB,
    FS_EXIT_ILLNESS,
    FS_EXIT_MOVED,
    FS_EXIT_OTHER,
    FS_EXIT_NOT_MEASURED,
    FS_EXIT_N_GROUPS,
    FS_EXIT_EXCLUDED = 100
};
extern const fs_group fs_exit_groups[FS_EXIT_N_GROUPS];

/* A map with the default exit-reason synonyms (Felregistrering -> FS_EXIT_EXCLUDED). */
fs_catmap *fs_exit_reason_map_new(void);
/* The group index of a key ("work_studies", ..., "excluded"), or FS_CAT_NONE. */
int fs_exit_group_by_key(const char *key);
/* Checks the [exit_reasons] section (raw value = group key; an fs_config_check_fn): each
 * value is a group key. Defined in category_config.c. */
fs_error fs_exit_reasons_config_check(const fs_config *cfg, fs_msg *err);

/* A map with Kvinna/Man/K/M (any case) and English woman/man/female/male/F. */
fs_catmap *fs_sex_map_new(void);

/* Label of a group in lang ("sv" or "en"). */
const char *fs_group_label(const fs_group *g, const char *lang);

#endif
