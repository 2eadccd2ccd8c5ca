#include "finsam/pnr.h"

#include <ctype.h>
#include <string.h>

fs_pnr_status fs_pnr_parse(const char *s, fs_date today, fs_pnr *out)
{
    char d[13];
    size_t n = 0;
    int plus = 0, seps = 0;
    out->birth_year = 0;
    out->sex = FS_SEX_UNKNOWN;
    while (*s == ' ')
        s++;
    for (; *s && *s != ' '; s++) {
        if (isdigit((unsigned char)*s)) {
            if (n == 12)
                return FS_PNR_BAD_FORMAT;
            d[n++] = *s;
        } else if ((*s == '-' || *s == '+') && (n == 6 || n == 8) && !seps) {
            plus = *s == '+';
            seps++;
        } else {
            return FS_PNR_BAD_FORMAT;
        }
    }
    while (*s == ' ')
        s++;
    if (*s || (n != 10 && n != 12))
        return FS_PNR_BAD_FORMAT;
    d[n] = '\0';
    const char *ten = n == 12 ? d + 2 : d; /* YYMMDDNNNC */
    int yy = (ten[0] - '0') * 10 + (ten[1] - '0');
    int mm = (ten[2] - '0') * 10 + (ten[3] - '0');
    int dd = (ten[4] - '0') * 10 + (ten[5] - '0');
    int year;
    if (n == 12) {
        year = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + yy;
    } else {
        int ty, tm, td;
        fs_date_to_ymd(today, &ty, &tm, &td);
        year = (ty / 100) * 100 + yy;
        if (year > ty)
            year -= 100;
        if (plus)
            year -= 100;
    }
    out->birth_year = year;
    out->sex = ((ten[8] - '0') % 2) ? FS_SEX_MAN : FS_SEX_WOMAN;
    if (dd > 60)
        dd -= 60; /* samordningsnummer */
    if (!fs_date_valid_ymd(year, mm, dd))
        return FS_PNR_BAD_DATE;
    int sum = 0;
    for (int i = 0; i < 9; i++) {
        int v = (ten[i] - '0') * (i % 2 == 0 ? 2 : 1);
        sum += v > 9 ? v - 9 : v;
    }
    if ((10 - sum % 10) % 10 != ten[9] - '0')
        return FS_PNR_BAD_CHECKSUM;
    return FS_PNR_OK;
}

const char *fs_pnr_status_text(fs_pnr_status st)
{
    switch (st) {
    case FS_PNR_OK:
        return "valid";
    case FS_PNR_BAD_FORMAT:
        return "not a personnummer (expected 10 or 12 digits)";
    case FS_PNR_BAD_DATE:
        return "personnummer with an impossible birth date";
    case FS_PNR_BAD_CHECKSUM:
        return "personnummer with a bad check digit";
    }
    return "invalid personnummer";
}
