/* vocab.h: the referrer (remittent) and income-support (försörjning) vocabularies of
 * the Finsam follow-up, on top of fs_catmap: which canonical row a raw value belongs to.
 *
 * Referrers: Försäkringskassan, Arbetsförmedlingen, Kommun, Region and Egen anmälan, and
 * joint values such as "FK/K" or "AF + FK", which map to one canonical joint row (a set of
 * base referrers), so that a joint referral is counted once. Income support: twelve detail
 * categories, grouped either as they are or as SCB does. Both accept extra synonyms from
 * the config ([referrers] and [income] sections: raw value = key). */
#ifndef FINSAM_VOCAB_H
#define FINSAM_VOCAB_H

#include "finsam/category.h"
#include "finsam/config.h"
#include "finsam/error.h"

/* ---- Referrers ---- */

enum { FS_REF_FK, FS_REF_AF, FS_REF_KOMMUN, FS_REF_REGION, FS_REF_EGEN, FS_REF_N_BASE };
extern const fs_group fs_referrer_groups[FS_REF_N_BASE];

typedef struct fs_referrer_map fs_referrer_map;

/* NULL on memory failure. cfg may be NULL; its [referrers] entries (raw = fk, af, kommun,
 * region, egen or a joint "fk/kommun") are added. A bad key fails with msg set. */
fs_referrer_map *fs_referrer_map_new(const fs_config *cfg, fs_msg *msg);
/* Checks the [referrers] section (an fs_config_check_fn): each value names a referrer. */
fs_error fs_referrers_config_check(const fs_config *cfg, fs_msg *msg);
void fs_referrer_map_free(fs_referrer_map *m);

/* The set of base referrers (bit FS_REF_x) of raw; 0 when raw is empty or unknown.
 * *unknown is set to 1 when raw is non-empty and not recognised. */
unsigned fs_referrer_lookup(fs_referrer_map *m, const char *raw, int *unknown);

/* The canonical key ("fk", "fk_kommun") and label ("FK/Kommun" for joint sets, the group's
 * label for a single one) of a non-empty set, into out buffers. */
void fs_referrer_key(unsigned set, char *out, size_t outsz);
void fs_referrer_label(unsigned set, const char *lang, char *out, size_t outsz);

/* ---- Income support ---- */

enum {
    FS_INC_FORSORJNINGSSTOD,
    FS_INC_SJUKPENNING,
    FS_INC_REHABILITERINGSPENNING,
    FS_INC_AKTIVITETSERSATTNING,
    FS_INC_SJUKERSATTNING,
    FS_INC_A_KASSA,
    FS_INC_AKTIVITETSSTOD,
    FS_INC_ETABLERINGSERSATTNING,
    FS_INC_LON,
    FS_INC_STUDIEMEDEL,
    FS_INC_INGEN,
    FS_INC_MISSING, /* "Uppgift saknas" and empty */
    FS_INC_N_DETAIL
};
extern const fs_group fs_income_groups[FS_INC_N_DETAIL];

/* The SCB grouping. */
enum { FS_SCB_OHALSA, FS_SCB_ARBETSMARKNAD, FS_SCB_EKONOMISKT_BISTAND, FS_SCB_INGEN,
       FS_SCB_LON_STUDIER, FS_SCB_MISSING, FS_SCB_N };
extern const fs_group fs_income_scb_groups[FS_SCB_N];
/* The SCB group of a detail category. */
int fs_income_scb_of(int detail);

/* A map raw -> FS_INC_* (empty maps to FS_INC_MISSING via fs_income_lookup). NULL on
 * memory failure or a bad [income] key (msg set). */
fs_catmap *fs_income_map_new(const fs_config *cfg, fs_msg *msg);
/* Checks the [income] section (an fs_config_check_fn): each value is a category key. */
fs_error fs_income_config_check(const fs_config *cfg, fs_msg *msg);
/* FS_INC_* of raw; FS_INC_MISSING for empty; FS_CAT_NONE when unknown. */
int fs_income_lookup(fs_catmap *m, const char *raw);

#endif
