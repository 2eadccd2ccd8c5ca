#include "finsam/date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* An ASCII digit, without the locale look-up of isdigit() for each byte. */
static inline int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Howard Hinnant's days_from_civil / civil_from_days. */
fs_date fs_date_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void fs_date_to_ymd(fs_date z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

int fs_days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

int fs_date_valid_ymd(int y, int m, int d)
{
    return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= fs_days_in_month(y, m);
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!is_digit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

/* Accepts an optional time part after the date: " HH:MM" or " HH:MM:SS" (or 'T'). */
static int time_part_ok(const char *s)
{
    if (*s == '\0')
        return 1;
    if (*s != ' ' && *s != 'T')
        return 0;
    s++;
    int h, mi, se = 0;
    if (digits(s, 2, &h) || s[2] != ':' || digits(s + 3, 2, &mi))
        return 0;
    s += 5;
    if (*s == ':') {
        if (digits(s + 1, 2, &se))
            return 0;
        s += 3;
        if (*s == '.')
            for (s++; is_digit((unsigned char)*s); s++)
                ;
    }
    return *s == '\0' && h < 24 && mi < 60 && se < 61;
}

int fs_date_parse(const char *s, fs_date *out)
{
    int y, m, d;
    const char *rest;
    if (digits(s, 4, &y))
        return -1;
    if (s[4] == '-') {
        if (digits(s + 5, 2, &m) || s[7] != '-' || digits(s + 8, 2, &d))
            return -1;
        rest = s + 10;
    } else {
        if (digits(s + 4, 2, &m) || digits(s + 6, 2, &d))
            return -1;
        rest = s + 8;
    }
    if (!time_part_ok(rest) || !fs_date_valid_ymd(y, m, d))
        return -1;
    *out = fs_date_from_ymd(y, m, d);
    return 0;
}

void fs_date_format(fs_date date, char *out)
{
    int y, m, d;
    fs_date_to_ymd(date, &y, &m, &d);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

fs_date fs_date_today(void)
{
    /* the local calendar date: just after midnight in Sweden it is already tomorrow */
    time_t now = time(NULL);
    struct tm tm;
    if (!localtime_r(&now, &tm))
        return (fs_date)(now / 86400);
    return fs_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The period of kind (12 months: a year, 6: a half, 3: a quarter, 1: a month) that holds
 * the date y-m, shifted by `back` such periods. */
static fs_period period_of(int y, int m, int months, int back)
{
    int idx = y * 12 + (m - 1);
    idx -= idx % months;      /* the first month of the period holding y-m */
    idx -= back * months;
    int fy = idx / 12, fm = idx % 12 + 1;
    int ly = (idx + months - 1) / 12, lm = (idx + months - 1) % 12 + 1;
    fs_period p = {fs_date_from_ymd(fy, fm, 1), fs_date_from_ymd(ly, lm, fs_days_in_month(ly, lm))};
    return p;
}

fs_error fs_period_parse_at(const char *s, fs_date today, fs_period *out)
{
    static const struct {
        const char *name;
        int months;
    } relative[] = {{"last-month", 1}, {"last-quarter", 3}, {"last-half", 6}, {"last-year", 12}};
    int y, m, d;
    fs_date_to_ymd(today, &y, &m, &d);
    for (size_t i = 0; i < sizeof relative / sizeof relative[0]; i++)
        if (strcmp(s, relative[i].name) == 0) {
            *out = period_of(y, m, relative[i].months, 1); /* the last completed one */
            return FS_OK;
        }
    if (strcmp(s, "year-to-date") == 0) {
        out->from = fs_date_from_ymd(y, 1, 1);
        out->to = today;
        return FS_OK;
    }
    return fs_period_parse(s, out);
}

void fs_period_name(const fs_period *p, char *out, size_t outsz)
{
    int fy, fm, fd, ty, tm, td;
    fs_date_to_ymd(p->from, &fy, &fm, &fd);
    fs_date_to_ymd(p->to, &ty, &tm, &td);
    int whole = fd == 1 && td == fs_days_in_month(ty, tm);
    int months = (ty * 12 + tm) - (fy * 12 + fm) + 1;
    if (whole && fy == ty && months == 12)
        snprintf(out, outsz, "%04d", fy);
    else if (whole && fy == ty && months == 6 && (fm == 1 || fm == 7))
        snprintf(out, outsz, "%04dH%d", fy, fm == 1 ? 1 : 2);
    else if (whole && fy == ty && months == 3 && fm % 3 == 1)
        snprintf(out, outsz, "%04dQ%d", fy, (fm + 2) / 3);
    else if (whole && months == 1)
        snprintf(out, outsz, "%04d-%02d", fy, fm);
    else {
        char a[11], b[11];
        fs_date_format(p->from, a);
        fs_date_format(p->to, b);
        snprintf(out, outsz, "%s..%s", a, b);
    }
}

fs_period fs_period_shift(const fs_period *p, int back_years)
{
    fs_period q = *p;
    if (back_years) {
        int y, m, d;
        fs_date_to_ymd(p->from, &y, &m, &d);
        q.from = fs_date_from_ymd(y - back_years, m, d > fs_days_in_month(y - back_years, m)
                                                         ? fs_days_in_month(y - back_years, m) : d);
        fs_date_to_ymd(p->to, &y, &m, &d);
        q.to = fs_date_from_ymd(y - back_years, m, d > fs_days_in_month(y - back_years, m)
                                                     ? fs_days_in_month(y - back_years, m) : d);
        return q;
    }
    /* the period of the same length just before: a whole year, half, quarter or month of
     * the calendar steps back one such; any other range back by its number of days */
    char name[32];
    fs_period_name(p, name, sizeof name);
    int y, m, d;
    fs_date_to_ymd(p->from, &y, &m, &d);
    size_t len = strlen(name);
    int months = len == 4 ? 12 : len == 6 && name[4] == 'H' ? 6 : len == 6 && name[4] == 'Q' ? 3
               : len == 7 ? 1 : 0;
    if (months)
        return period_of(y, m, months, 1);
    long days = p->to - p->from + 1;
    q.from = p->from - days;
    q.to = p->from - 1;
    return q;
}

fs_error fs_period_parse(const char *s, fs_period *out)
{
    int y, n;
    size_t len = strlen(s);
    const char *dots = strstr(s, "..");
    if (dots) {
        char a[32], b[32];
        size_t la = (size_t)(dots - s), lb = strlen(dots + 2);
        if (la == 0 || la >= sizeof a || lb == 0 || lb >= sizeof b)
            return FS_ERR_USAGE;
        memcpy(a, s, la);
        a[la] = '\0';
        memcpy(b, dots + 2, lb + 1);
        if (fs_date_parse(a, &out->from) || fs_date_parse(b, &out->to) || out->to < out->from)
            return FS_ERR_USAGE;
        return FS_OK;
    }
    if (len < 4 || digits(s, 4, &y) || y < 1900 || y > 2199)
        return FS_ERR_USAGE;
    if (len == 4) {
        out->from = fs_date_from_ymd(y, 1, 1);
        out->to = fs_date_from_ymd(y, 12, 31);
    } else if (len == 6 && (s[4] == 'H' || s[4] == 'h') && (s[5] == '1' || s[5] == '2')) {
        n = s[5] - '0';
        out->from = fs_date_from_ymd(y, n == 1 ? 1 : 7, 1);
        out->to = fs_date_from_ymd(y, n == 1 ? 6 : 12, n == 1 ? 30 : 31);
    } else if (len == 6 && (s[4] == 'Q' || s[4] == 'q') && s[5] >= '1' && s[5] <= '4') {
        n = s[5] - '0';
        out->from = fs_date_from_ymd(y, 3 * n - 2, 1);
        out->to = fs_date_from_ymd(y, 3 * n, fs_days_in_month(y, 3 * n));
    } else if (len == 7 && s[4] == '-' && !digits(s + 5, 2, &n) && n >= 1 && n <= 12) {
        out->from = fs_date_from_ymd(y, n, 1);
        out->to = fs_date_from_ymd(y, n, fs_days_in_month(y, n));
    } else {
        return FS_ERR_USAGE;
    }
    return FS_OK;
}
