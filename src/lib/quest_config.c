/* quest_config.c: the config sections of the questionnaire commands. [hls] is read by
 * fs_hls_rules_from_config (hls.c); this checks it once for both versions. */
#include "finsam/hls.h"

fs_error fs_hls_config_check(const fs_config *cfg, fs_msg *err)
{
    fs_hls_rules rules;
    fs_error e = fs_hls_rules_from_config(cfg, FS_HLS_Q16, &rules, err);
    if (e == FS_OK)
        e = fs_hls_rules_from_config(cfg, FS_HLS_Q6, &rules, err);
    return e;
}
