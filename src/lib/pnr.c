#include "finsam/pnr.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* An ASCII digit, without the locale look-up of isdigit() for each byte. */
static inline int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

fs_pnr_status fs_pnr_parse(const char *s, fs_date today, fs_pnr *out)
{
    char d[13];
    size_t n = 0;
    int plus = 0, seps = 0;
    out->birth_year = 0;
    out->sex = FS_SEX_UNKNOWN;
    out->canon[0] = '\0';
    while (*s == ' ')
        s++;
    for (; *s && *s != ' '; s++) {
        if (is_digit((unsigned char)*s)) {
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
        /* the latest century in which the birthday is not after today */
        if (year > ty || (year == ty && (mm > tm || (mm == tm && dd % 60 > td))))
            year -= 100;
        if (plus)
            year -= 100;
    }
    out->sex = ((ten[8] - '0') % 2) ? FS_SEX_MAN : FS_SEX_WOMAN;
    out->canon[0] = (char)('0' + year / 1000 % 10);
    out->canon[1] = (char)('0' + year / 100 % 10);
    memcpy(out->canon + 2, ten, 10);
    out->canon[12] = '\0';
    if (dd > 60)
        dd -= 60; /* samordningsnummer */
    if (!fs_date_valid_ymd(year, mm, dd))
        return FS_PNR_BAD_DATE; /* no birth year: an age from it would be made up */
    out->birth_year = year;
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

int fs_pnr_in_text(const char *s)
{
    const char *p = s;
    while (*p) {
        if (!is_digit((unsigned char)*p)) {
            p++;
            continue;
        }
        const char *run = p;
        while (is_digit((unsigned char)*p))
            p++;
        size_t n1 = (size_t)(p - run);
        if (n1 == 10 || n1 == 12)
            return 1;
        if ((n1 == 6 || n1 == 8) && (*p == '-' || *p == '+')) {
            const char *q = p + 1;
            size_t n2 = 0;
            while (is_digit((unsigned char)q[n2]))
                n2++;
            if (n2 == 4)
                return 1;
        }
    }
    return 0;
}

void fs_safe_text(const char *s, char *out, size_t outsz)
{
    size_t o = 0, chars = 0;
    if (!outsz)
        return;
    if (fs_pnr_in_text(s)) {
        snprintf(out, outsz, "%s", "(personnummer)");
        return;
    }
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) != 0x80 && ++chars > FS_SAFE_TEXT_MAX) {
            if (o + 4 <= outsz)
                memcpy(out + o, "...", 3), o += 3;
            break;
        }
        if (*p < 0x20 || *p == 0x7F) {
            if (o + 5 > outsz)
                break;
            snprintf(out + o, 5, "\\x%02X", *p);
            o += 4;
        } else {
            if (o + 2 > outsz)
                break;
            out[o++] = (char)*p;
        }
    }
    /* never end inside a UTF-8 sequence: drop an incomplete last character */
    size_t k = o;
    while (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0x80)
        k--;
    if (k > 0 && (unsigned char)out[k - 1] >= 0xC0) {
        unsigned char lead = (unsigned char)out[k - 1];
        size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        if (o - (k - 1) < need)
            o = k - 1;
    }
    out[o] = '\0';
}
