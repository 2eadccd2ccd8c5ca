/* date.h: calendar dates as day numbers, and report periods. */
#ifndef FINSAM_DATE_H
#define FINSAM_DATE_H

#include "finsam/error.h"

/* Days since 1970-01-01 in the proleptic Gregorian calendar. */
typedef long fs_date;

/* Parses "2024-03-15", "20240315" or "2024-03-15 00:00:00" (a time part, with ' ' or 'T',
 * is accepted and ignored). Returns 0 and sets *out, or -1 when s is not a valid date. */
int fs_date_parse(const char *s, fs_date *out);
fs_date fs_date_from_ymd(int y, int m, int d);
void fs_date_to_ymd(fs_date date, int *y, int *m, int *d);
int fs_date_valid_ymd(int y, int m, int d);
/* Days in month m (1-12) of year y, Gregorian leap years. */
int fs_days_in_month(int y, int m);
/* Writes "YYYY-MM-DD" into out (at least 11 bytes). */
void fs_date_format(fs_date date, char *out);
/* Today's date in the local time zone. */
fs_date fs_date_today(void);

/* A report period, both ends inclusive. */
typedef struct fs_period {
    fs_date from, to;
} fs_period;

/* Parses "2024", "2024H1", "2024Q3", "2024-05" or "2024-01-01..2024-06-30".
 * Returns FS_OK or FS_ERR_USAGE. */
fs_error fs_period_parse(const char *s, fs_period *out);

#endif
