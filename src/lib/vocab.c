/* vocab.c: referrer and income-support vocabularies (the Finsam follow-up vocabularies). */
#include "finsam/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finsam/text.h"

const fs_group fs_referrer_groups[FS_REF_N_BASE] = {
    {"fk", "Försäkringskassan", "Social Insurance Agency (FK)"},
    {"af", "Arbetsförmedlingen", "Public Employment Service (AF)"},
    {"kommun", "Kommun", "Municipality"},
    {"region", "Region", "Region (health care)"},
    {"egen", "Egen anmälan", "Self-referral"},
};
static const char *const ref_short[FS_REF_N_BASE] = {"FK", "AF", "Kommun", "Region", "Egen anmälan"};

static const char *const ref_synonyms[FS_REF_N_BASE][14] = {
    {"Försäkringskassan", "Försäkringskassa", "FK", "FKassan", NULL},
    {"Arbetsförmedlingen", "Arbetsförmedling", "AF", "AFm", NULL},
    {"Kommun", "Kommunen", "K", "Socialtjänst", "Socialtjänsten", "IFO", "Ekonomiskt bistånd",
     "Försörjningsstöd", "Socialförvaltningen", NULL},
    {"Region", "Regionen", "R", "Vården", "Vård", "Primärvård", "Primärvården", "Vårdcentral",
     "Vårdcentralen", "Psykiatri", "Psykiatrin", "Hälso- och sjukvård", "Hälso- och sjukvården",
     NULL},
    {"Egen anmälan", "Egen", "Eget initiativ", "Självremiss", NULL},
};

struct fs_referrer_map {
    fs_catmap *base;  /* raw -> set (bits), whole values incl. configured joint ones */
};

static int set_by_key(const char *key)
{
    /* "fk", "fk/kommun", "fk_kommun", "fk+af" */
    unsigned set = 0;
    const char *p = key;
    while (*p) {
        size_t n = strcspn(p, "/_+ ");
        int found = 0;
        for (int g = 0; g < FS_REF_N_BASE; g++)
            if (strlen(fs_referrer_groups[g].key) == n && strncmp(p, fs_referrer_groups[g].key, n) == 0) {
                set |= 1u << g;
                found = 1;
            }
        if (!found)
            return -1;
        p += n;
        while (*p && strchr("/_+ ", *p))
            p++;
    }
    return set ? (int)set : -1;
}

/* The set of a [referrers] entry's value, or -1 with msg naming the entry. */
static int referrer_entry(const fs_config *cfg, const fs_config_entry *e, fs_msg *msg)
{
    int set = set_by_key(e->value);
    if (set < 0)
        fs_config_fail(cfg, e, msg, "[referrers] %s: \"%s\" is not a referrer (fk, af, kommun, "
                                    "region, egen, or joint such as fk/kommun)",
                       e->key, e->value);
    return set;
}

fs_error fs_referrers_config_check(const fs_config *cfg, fs_msg *msg)
{
    for (size_t i = 0; cfg && i < cfg->n; i++)
        if (strcmp(cfg->entries[i].section, "referrers") == 0 &&
            referrer_entry(cfg, &cfg->entries[i], msg) < 0)
            return FS_ERR_DATA;
    return FS_OK;
}

fs_referrer_map *fs_referrer_map_new(const fs_config *cfg, fs_msg *msg)
{
    fs_referrer_map *m = calloc(1, sizeof *m);
    if (!m || !(m->base = fs_catmap_new()))
        goto oom;
    for (int g = 0; g < FS_REF_N_BASE; g++)
        if (fs_catmap_add_list(m->base, ref_synonyms[g], (int)(1u << g)) ||
            fs_catmap_add(m->base, fs_referrer_groups[g].key, (int)(1u << g)))
            goto oom;
    for (size_t i = 0; cfg && i < cfg->n; i++) {
        const fs_config_entry *e = &cfg->entries[i];
        if (strcmp(e->section, "referrers") != 0)
            continue;
        int set = referrer_entry(cfg, e, msg);
        if (set < 0) {
            fs_referrer_map_free(m);
            return NULL;
        }
        if (fs_catmap_add(m->base, e->key, set))
            goto oom;
    }
    return m;
oom:
    fs_msg_set(msg, "out of memory");
    fs_referrer_map_free(m);
    return NULL;
}

void fs_referrer_map_free(fs_referrer_map *m)
{
    if (!m)
        return;
    fs_catmap_free(m->base);
    free(m);
}

unsigned fs_referrer_lookup(fs_referrer_map *m, const char *raw, int *unknown)
{
    *unknown = 0;
    if (!*raw)
        return 0;
    int whole = fs_catmap_lookup(m->base, raw);
    if (whole != FS_CAT_NONE)
        return (unsigned)whole;
    /* A joint value: parts separated by '/', '+', '&' or ',' ("FK/K", "AF + FK"). */
    if (!strpbrk(raw, "/+&,")) {
        *unknown = 1;
        return 0;
    }
    char *copy = fs_strdup(raw);
    unsigned set = 0;
    if (!copy) {
        *unknown = 1;
        return 0;
    }
    for (char *save = NULL, *tok = strtok_r(copy, "/+&,", &save); tok;
         tok = strtok_r(NULL, "/+&,", &save)) {
        fs_trim(tok);
        int g = *tok ? fs_catmap_lookup(m->base, tok) : FS_CAT_NONE;
        if (g == FS_CAT_NONE) {
            set = 0;
            break;
        }
        set |= (unsigned)g;
    }
    free(copy);
    if (!set)
        *unknown = 1;
    return set;
}

void fs_referrer_key(unsigned set, char *out, size_t outsz)
{
    size_t len = 0;
    out[0] = '\0';
    for (int g = 0; g < FS_REF_N_BASE; g++)
        if (set & (1u << g))
            len += (size_t)snprintf(out + len, len < outsz ? outsz - len : 0, "%s%s",
                                    len ? "_" : "", fs_referrer_groups[g].key);
}

void fs_referrer_label(unsigned set, const char *lang, char *out, size_t outsz)
{
    int single = set && !(set & (set - 1));
    size_t len = 0;
    out[0] = '\0';
    for (int g = 0; g < FS_REF_N_BASE; g++)
        if (set & (1u << g)) {
            const char *l = single ? fs_group_label(&fs_referrer_groups[g], lang) : ref_short[g];
            len += (size_t)snprintf(out + len, len < outsz ? outsz - len : 0, "%s%s",
                                    len ? "/" : "", l);
        }
}

/* ---- income ---- */

const fs_group fs_income_groups[FS_INC_N_DETAIL] = {
    {"forsorjningsstod", "Försörjningsstöd", "Financial assistance"},
    {"sjukpenning", "Sjukpenning", "Sickness benefit"},
    {"rehabiliteringspenning", "Rehabiliteringspenning", "Rehabilitation benefit"},
    {"aktivitetsersattning", "Aktivitetsersättning", "Activity compensation"},
    {"sjukersattning", "Sjukersättning", "Sickness compensation"},
    {"a_kassa", "Arbetslöshetsersättning", "Unemployment benefit"},
    {"aktivitetsstod", "Aktivitetsstöd", "Activity support"},
    {"etableringsersattning", "Etableringsersättning", "Establishment allowance"},
    {"lon", "Lön", "Wages"},
    {"studiemedel", "Studiemedel", "Student finance"},
    {"ingen", "Ingen offentlig försörjning", "No public support"},
    {"missing", "Uppgift saknas", "Not recorded"},
};

const fs_group fs_income_scb_groups[FS_SCB_N] = {
    {"ohalsa", "Ohälsa", "Ill health"},
    {"arbetsmarknadsstod", "Arbetsmarknadsstöd", "Labour market support"},
    {"ekonomiskt_bistand", "Ekonomiskt bistånd", "Financial assistance"},
    {"ingen", "Ingen offentlig försörjning", "No public support"},
    {"lon_studier", "Lön/studier", "Wages/studies"},
    {"missing", "Uppgift saknas", "Not recorded"},
};

static const int scb_of[FS_INC_N_DETAIL] = {
    FS_SCB_EKONOMISKT_BISTAND, FS_SCB_OHALSA, FS_SCB_OHALSA, FS_SCB_OHALSA, FS_SCB_OHALSA,
    FS_SCB_ARBETSMARKNAD, FS_SCB_ARBETSMARKNAD, FS_SCB_ARBETSMARKNAD, FS_SCB_LON_STUDIER,
    FS_SCB_LON_STUDIER, FS_SCB_INGEN, FS_SCB_MISSING,
};

int fs_income_scb_of(int detail)
{
    return detail >= 0 && detail < FS_INC_N_DETAIL ? scb_of[detail] : FS_CAT_NONE;
}

static const char *const income_synonyms[FS_INC_N_DETAIL][8] = {
    {"Försörjningsstöd", "Ekonomiskt bistånd", "Försörjningsstöd (ekonomiskt bistånd)",
     "Socialbidrag", NULL},
    {"Sjukpenning", NULL},
    {"Rehabiliteringspenning", "Rehabpenning", NULL},
    {"Aktivitetsersättning", NULL},
    {"Sjukersättning", "Förtidspension", NULL},
    {"Arbetslöshetsersättning", "A-kassa", "Arbetslöshetsersättning (a-kassa)", "Akassa", NULL},
    {"Aktivitetsstöd", NULL},
    {"Etableringsersättning", NULL},
    {"Lön", "Anställning", NULL},
    {"Studiemedel", "CSN", NULL},
    {"Ingen offentlig försörjning", "Ingen", "Ingen ersättning", NULL},
    {"Uppgift saknas", "Saknas", "Okänt", NULL},
};

/* The FS_INC_* of an [income] entry's value, or -1 with msg naming the entry. */
static int income_entry(const fs_config *cfg, const fs_config_entry *e, fs_msg *msg)
{
    for (int k = 0; k < FS_INC_N_DETAIL; k++)
        if (strcmp(e->value, fs_income_groups[k].key) == 0)
            return k;
    fs_config_fail(cfg, e, msg, "[income] %s: \"%s\" is not an income category key "
                                "(forsorjningsstod, sjukpenning, rehabiliteringspenning, "
                                "aktivitetsersattning, sjukersattning, a_kassa, aktivitetsstod, "
                                "etableringsersattning, lon, studiemedel, ingen, missing)",
                   e->key, e->value);
    return -1;
}

fs_error fs_income_config_check(const fs_config *cfg, fs_msg *msg)
{
    for (size_t i = 0; cfg && i < cfg->n; i++)
        if (strcmp(cfg->entries[i].section, "income") == 0 &&
            income_entry(cfg, &cfg->entries[i], msg) < 0)
            return FS_ERR_DATA;
    return FS_OK;
}

fs_catmap *fs_income_map_new(const fs_config *cfg, fs_msg *msg)
{
    fs_catmap *m = fs_catmap_new();
    if (!m)
        goto oom;
    for (int g = 0; g < FS_INC_N_DETAIL; g++)
        if (fs_catmap_add_list(m, income_synonyms[g], g) ||
            fs_catmap_add(m, fs_income_groups[g].key, g))
            goto oom;
    for (size_t i = 0; cfg && i < cfg->n; i++) {
        const fs_config_entry *e = &cfg->entries[i];
        if (strcmp(e->section, "income") != 0)
            continue;
        int g = income_entry(cfg, e, msg);
        if (g < 0) {
            fs_catmap_free(m);
            return NULL;
        }
        if (fs_catmap_add(m, e->key, g))
            goto oom;
    }
    return m;
oom:
    fs_msg_set(msg, "out of memory");
    fs_catmap_free(m);
    return NULL;
}

int fs_income_lookup(fs_catmap *m, const char *raw)
{
    return *raw ? fs_catmap_lookup(m, raw) : FS_INC_MISSING;
}
