/* pnr.h: Swedish personnummer (and samordningsnummer), used only in memory to derive sex
 * and birth year and to validate. The number itself is never copied into any output,
 * message or log: functions here return facts about it, never its digits. */
#ifndef FINSAM_PNR_H
#define FINSAM_PNR_H

#include "finsam/category.h"
#include "finsam/date.h"

typedef enum fs_pnr_status {
    FS_PNR_OK = 0,
    FS_PNR_BAD_FORMAT,   /* not 10 or 12 digits with an optional '-' or '+' */
    FS_PNR_BAD_DATE,     /* the birth date does not exist (day + 60 allowed) */
    FS_PNR_BAD_CHECKSUM  /* the Luhn check digit does not match */
} fs_pnr_status;

typedef struct fs_pnr {
    int birth_year;  /* 0 when unknown, and when the birth date is impossible */
    fs_sex sex;      /* from the second-to-last digit: odd man, even woman */
    char canon[13];  /* YYYYMMDDNNNC: the number in one spelling, for the keyed person hash
                      * (persons.h) only; never printed, logged or kept. "" when the format
                      * is wrong. */
} fs_pnr;

/* Parses s. today decides the century of a 10-digit number ('+' = 100 years or older).
 * Sex and canon are filled whenever the format is right, even with a bad check digit; the
 * birth year too, unless the birth date does not exist (FS_PNR_BAD_DATE). */
fs_pnr_status fs_pnr_parse(const char *s, fs_date today, fs_pnr *out);

/* A description of a status, for messages ("bad check digit"); static. */
const char *fs_pnr_status_text(fs_pnr_status st);

/* 1 when s holds something shaped like a personnummer anywhere: 6 or 8 digits, an optional
 * '-' or '+', then 4 digits, not inside a longer run of digits. */
int fs_pnr_in_text(const char *s);

/* A value from the data made safe to print in a message, a note or a row label: the text
 * "(personnummer)" when fs_pnr_in_text(s), else s with control characters written as
 * \xNN and cut to FS_SAFE_TEXT_MAX characters ("..." added). Always NUL-terminated. Every
 * place that echoes a raw field value must go through this. */
#define FS_SAFE_TEXT_MAX 80
void fs_safe_text(const char *s, char *out, size_t outsz);

#endif
