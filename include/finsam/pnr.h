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
    FS_PNR_BAD_DATE,     /* the birth date does not exist (day + 60 allowed), or is after
                          * today */
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

/* The one personnummer recogniser. A personnummer-shaped part of a text is 10 or 12 digits
 * in a row, or 6 or 8 digits, a separator (up to three of: space, '-', '+', '.', '_', a
 * no-break or thin space, a Unicode dash or minus), then 4 digits; never inside a longer run
 * of digits; and its date part plausible: month 01-12, day 01-31 or 61-91 (samordnings-
 * nummer), century 18-20. fs_pnr_parse reads the same spellings.
 *
 * fs_pnr_find: 1 and [*start, *end) the first such part of s[0..len), else 0. */
int fs_pnr_find(const char *s, size_t len, size_t *start, size_t *end);
/* 1 when s holds a personnummer-shaped part anywhere. */
int fs_pnr_in_text(const char *s);

/* What stands where a personnummer was. */
#define FS_PNR_MASK "(personnummer)"

/* A value from the data made safe to print in a message, a note or a row label: the text
 * FS_PNR_MASK when fs_pnr_in_text(s) (the whole value: what stands around a number, a
 * name, is no safer), else s with control characters (C0, DEL, C1) and bytes that are not
 * UTF-8 written as \xNN, characters XML forbids as U+FFFD, cut to FS_SAFE_TEXT_MAX
 * characters ("..." added). Always NUL-terminated. Every place that echoes a raw field
 * value must go through this. */
#define FS_SAFE_TEXT_MAX 80
void fs_safe_text(const char *s, char *out, size_t outsz);

/* A message line or a file name made safe for standard error or standard output: each
 * personnummer-shaped part replaced by FS_PNR_MASK ("(personnummer).csv"), control
 * characters and bytes that are not UTF-8 written as \xNN as in fs_safe_text, not cut.
 * Caller frees; NULL on memory failure. */
char *fs_safe_name(const char *s);

/* A string of a report made safe for every writer (writer.c passes every string of a
 * report through it before a writer sees it): each personnummer-shaped part replaced by
 * FS_PNR_MASK, and bytes that are not UTF-8 and characters XML 1.0 forbids replaced by
 * U+FFFD (fs_buf_put_clean). Caller frees; NULL on memory failure. */
char *fs_safe_output(const char *s);

#endif
