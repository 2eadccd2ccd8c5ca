/* date.h: calendar dates as day numbers, and report periods. */
#ifndef FINSAM_DATE_H
#define FINSAM_DATE_H

#include <stddef.h>

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

/* fs_period_parse, and the periods relative to today for scheduled runs: last-month,
 * last-quarter, last-half, last-year (the last completed one before today's) and
 * year-to-date (January 1 to today). */
fs_error fs_period_parse_at(const char *s, fs_date today, fs_period *out);

/* The name of a period as fs_period_parse reads it back: "2024", "2024H1", "2024Q3",
 * "2024-05", or "2024-01-01..2024-03-15" for any other range. */
void fs_period_name(const fs_period *p, char *out, size_t outsz);

/* The period to compare with: back_years > 0, the same dates that many years earlier;
 * 0, the previous period of the same length (the year, half, quarter or month before, or
 * the same number of days just before any other range). */
fs_period fs_period_shift(const fs_period *p, int back_years);

#endif
