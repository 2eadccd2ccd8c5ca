/* i18n_sv.h: the Swedish of every fs_tr() text, included by i18n.c. One line a text:
 * {"English", "Svenska"}. */
{"Exit reason not recorded", "Avslutsanledning saknas"},
{"Not recorded", "Uppgift saknas"},
{"Outside the bands", "Utanför åldersgrupperna"},
{"Other value (see warnings)", "Annat värde (se varningar)"},
