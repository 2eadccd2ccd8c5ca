/* i18n.c: the message catalogue (i18n.h): English msgid -> Swedish. */
#include "finsam/i18n.h"

#include <string.h>

static const struct {
    const char *en, *sv;
} catalogue[] = {
#include "i18n_sv.h"
};

int fs_lang_en(const char *lang)
{
    return lang && strcmp(lang, "en") == 0;
}

const char *fs_tr_sv(const char *msgid)
{
    for (size_t i = 0; i < sizeof catalogue / sizeof catalogue[0]; i++)
        if (strcmp(catalogue[i].en, msgid) == 0)
            return catalogue[i].sv;
    return NULL;
}

const char *fs_tr(const char *lang, const char *msgid)
{
    if (fs_lang_en(lang))
        return msgid;
    const char *sv = fs_tr_sv(msgid);
    return sv ? sv : msgid;
}
