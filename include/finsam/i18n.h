/* i18n.h: the one message catalogue. Labels and notes are written in English in the code,
 * wrapped in fs_tr(lang, "..."), and the catalogue gives their Swedish (git's _()). A text
 * the catalogue lacks prints in English rather than failing; a unit test checks that every
 * fs_tr() text in the sources has its Swedish. */
#ifndef FINSAM_I18N_H
#define FINSAM_I18N_H

/* msgid in lang ("sv" or "en"); static, never NULL. The compiler checks a printf format
 * given through it against the arguments, as for the English text. */
const char *fs_tr(const char *lang, const char *msgid) __attribute__((format_arg(2)));

/* 1 when lang is English. */
int fs_lang_en(const char *lang);

/* For the unit test: the Swedish of msgid, or NULL when the catalogue lacks it. */
const char *fs_tr_sv(const char *msgid);

#endif
