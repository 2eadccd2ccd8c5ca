/* category_config.c: the config's [exit_reasons] section (raw value = group key), checked
 * against the exit-reason groups of category.c. */
#include <string.h>

#include "finsam/category.h"

fs_error fs_exit_reasons_config_check(const fs_config *cfg, fs_msg *err)
{
    for (size_t i = 0; cfg && i < cfg->n; i++) {
        const fs_config_entry *e = &cfg->entries[i];
        if (strcmp(e->section, "exit_reasons") == 0 &&
            fs_exit_group_by_key(e->value) == FS_CAT_NONE)
            return fs_config_fail(cfg, e, err,
                                  "\"%s\" is not an exit-reason group (work_studies, "
                                  "job_seeking, continued_rehab, illness, moved, other, "
                                  "not_measured, excluded)",
                                  e->value);
    }
    return FS_OK;
}
