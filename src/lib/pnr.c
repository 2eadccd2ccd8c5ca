#include "finsam/pnr.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "finsam/text.h"

/* An ASCII digit, without the locale look-up of isdigit() for each byte. */
static inline int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* The separators a personnummer is written with between its date and its last four
 * digits: '-' and '+' (the official ones), and what people and spreadsheets make of them:
 * space, '.', '_' (a slug), no-break and thin spaces, and the Unicode dashes and minus. */
static size_t separator_len(const unsigned char *s, size_t len)
{
    if (!len)
        return 0;
    if (s[0] == ' ' || s[0] == '-' || s[0] == '+' || s[0] == '.' || s[0] == '_')
        return 1;
    if (len >= 2 && s[0] == 0xC2 && s[1] == 0xA0) /* U+00A0 no-break space */
        return 2;
    if (len >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
        ((s[2] >= 0x90 && s[2] <= 0x95) ||        /* U+2010-U+2015 hyphens and dashes */
         s[2] == 0x87 || s[2] == 0x89 || s[2] == 0xAF)) /* figure, thin, narrow no-break space */
        return 3;
    if (len >= 3 && s[0] == 0xE2 && s[1] == 0x88 && s[2] == 0x92) /* U+2212 minus */
        return 3;
    return 0;
}

#define MAX_SEPARATORS 3 /* "850312 - 2429" */

/* 1 when d[0..n) (n = 6 YYMMDD or 8 CCYYMMDD) could be a birth date: month 1-12, day 1-31
 * or 61-91 (samordningsnummer), century 18-20. Deliberately loose: a number with a typing
 * error in its date is still someone's number. */
static int plausible_date(const char *d, size_t n)
{
    const char *md = d + n - 4;
    int mm = (md[0] - '0') * 10 + (md[1] - '0');
    int dd = (md[2] - '0') * 10 + (md[3] - '0');
    if (n == 8 && !(d[0] == '1' && (d[1] == '8' || d[1] == '9')) && !(d[0] == '2' && d[1] == '0'))
        return 0;
    return mm >= 1 && mm <= 12 && ((dd >= 1 && dd <= 31) || (dd >= 61 && dd <= 91));
}

/* Matches a personnummer spelling at the start of s[0..len), which must begin with a digit
 * that follows no digit: 10 or 12 digits in a row, or 6 or 8 digits, up to MAX_SEPARATORS
 * separators, then 4 digits; never followed by a digit. The digits go to d (13 bytes, NUL
 * terminated); *plus tells whether a '+' stood between. With `plausible`, the date part
 * must pass plausible_date(). Returns the length matched, or 0. */
static size_t match_at(const unsigned char *s, size_t len, int plausible, char d[13], int *plus)
{
    size_t i = 0, n = 0;
    *plus = 0;
    while (i < len && is_digit(s[i]) && n < 13)
        d[n++] = (char)s[i++];
    if (i < len && is_digit(s[i]))
        return 0; /* a longer run of digits: not a personnummer */
    if (n == 10 || n == 12) {
        d[n] = '\0';
        return !plausible || plausible_date(d, n - 4) ? i : 0;
    }
    if (n != 6 && n != 8)
        return 0;
    size_t k, seps = 0;
    while (seps < MAX_SEPARATORS && (k = separator_len(s + i, len - i)) != 0) {
        *plus |= s[i] == '+';
        i += k;
        seps++;
    }
    if (!seps)
        return 0;
    size_t tail = 0;
    while (i < len && is_digit(s[i]) && tail < 5)
        d[n + tail++] = (char)s[i++];
    if (tail != 4)
        return 0;
    n += 4;
    d[n] = '\0';
    return !plausible || plausible_date(d, n - 4) ? i : 0;
}

/* 1 when the 8 (or 4) bytes at s are all ASCII digits: a byte below '0' borrows in the
 * subtraction, one above '9' carries into its top bit in the addition. Fixed sizes: a
 * copy of a variable length compiled to a loop, and its load of the word stalled. */
static int digits8(const char *s)
{
    uint64_t x;
    memcpy(&x, s, 8);
    return !(((x + 0x4646464646464646ull) | (x - 0x3030303030303030ull)) & 0x8080808080808080ull);
}

static int digits4(const char *s)
{
    uint32_t x;
    memcpy(&x, s, 4);
    return !(((x + 0x46464646u) | (x - 0x30303030u)) & 0x80808080u);
}

/* match_at (not plausible) for the two spellings nearly every export uses, YYYYMMDD-NNNN and
 * YYMMDD-NNNN (or '+'), the whole of s[0..len); 0 for any other, which match_at reads. */
static size_t match_common(const char *s, size_t len, char d[13], int *plus)
{
    if (len == 13 && (s[8] == '-' || s[8] == '+') && digits8(s) && digits4(s + 9)) {
        *plus = s[8] == '+';
        memcpy(d, s, 8);
        memcpy(d + 8, s + 9, 4);
        d[12] = '\0';
        return len;
    }
    if (len == 11 && (s[6] == '-' || s[6] == '+') && digits4(s) && digits4(s + 2) &&
        digits4(s + 7)) {
        *plus = s[6] == '+';
        memcpy(d, s, 6);
        memcpy(d + 6, s + 7, 4);
        d[10] = '\0';
        return len;
    }
    return 0;
}

int fs_pnr_find(const char *text, size_t len, size_t *start, size_t *end)
{
    const unsigned char *s = (const unsigned char *)text;
    char d[13];
    int plus;
    for (size_t i = 0; i < len; i++) {
        if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1])))
            continue;
        size_t n = match_at(s + i, len - i, 1, d, &plus);
        if (n) {
            *start = i;
            *end = i + n;
            memset(d, 0, sizeof d);
            return 1;
        }
    }
    return 0;
}

fs_pnr_status fs_pnr_parse(const char *s, fs_date today, fs_pnr *out)
{
    char d[13];
    int plus = 0;
    out->birth_year = 0;
    out->sex = FS_SEX_UNKNOWN;
    out->canon[0] = '\0';
    size_t len = strlen(s);
    while (len && s[len - 1] == ' ')
        len--;
    while (len && *s == ' ')
        s++, len--;
    size_t n = 0;
    if (len && is_digit((unsigned char)*s) && !(n = match_common(s, len, d, &plus)))
        n = match_at((const unsigned char *)s, len, 0, d, &plus);
    if (n != len || n == 0)
        return FS_PNR_BAD_FORMAT;
    n = d[10] ? 12 : 10; /* the digits match_at kept: 10 or 12, NUL-terminated */
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
    if (n == 12) {
        memcpy(out->canon, d, 12); /* the century as written */
    } else {
        out->canon[0] = (char)('0' + year / 1000 % 10);
        out->canon[1] = (char)('0' + year / 100 % 10);
        memcpy(out->canon + 2, ten, 10);
    }
    out->canon[12] = '\0';
    if (dd > 60)
        dd -= 60; /* samordningsnummer */
    /* no day of a year before 1970 + today / 366 is after today (no year has more days):
     * the date's day number is needed only for a birth in the last year or so */
    int before_now = today >= 0 && year < 1970 + (int)(today / 366);
    int valid = year >= 1900 && year <= 2199 && mm >= 1 && mm <= 12 && dd >= 1 &&
                (dd <= 28 || fs_date_valid_ymd(year, mm, dd)); /* every month has 28 days */
    if (!valid || (!before_now && fs_date_from_ymd(year, mm, dd) > today))
        return FS_PNR_BAD_DATE; /* no birth year: an age from it would be made up (a birth
                                 * in 2152 gave a negative age; found by fuzz_parse) */
    out->birth_year = year;
    static const int doubled[10] = {0, 2, 4, 6, 8, 1, 3, 5, 7, 9}; /* 2v, its digits summed */
    int sum = 0;
    for (int i = 0; i < 9; i += 2)
        sum += doubled[ten[i] - '0'];
    for (int i = 1; i < 9; i += 2)
        sum += ten[i] - '0';
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
    size_t a, b;
    return fs_pnr_find(s, strlen(s), &a, &b);
}

/* Appends the safe form of the character at p[0..len) (one UTF-8 character, or one stray
 * byte when it is not valid UTF-8) to out[o..outsz), NUL not included; returns the bytes it
 * took from p, or 0 when its safe form does not fit. Control characters (C0, DEL, C1) and
 * stray bytes are written as \xNN per byte; a character XML forbids (U+FFFE, U+FFFF) as
 * U+FFFD; anything else as it is. */
static size_t put_char(const unsigned char *p, size_t len, char *out, size_t *o, size_t outsz)
{
    unsigned long cp;
    size_t n = fs_utf8_decode(p, len, &cp);
    char tmp[16];
    size_t t = 0;
    if (n == 0 || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) {
        size_t k = n ? n : 1;
        for (size_t i = 0; i < k; i++)
            t += (size_t)snprintf(tmp + t, sizeof tmp - t, "\\x%02X", p[i]);
        n = k;
    } else if (!fs_xml_char_ok(cp)) {
        memcpy(tmp, "\xEF\xBF\xBD", 3), t = 3;
    } else {
        memcpy(tmp, p, n), t = n;
    }
    if (*o + t >= outsz)
        return 0;
    memcpy(out + *o, tmp, t);
    *o += t;
    return n;
}

void fs_safe_text(const char *s, char *out, size_t outsz)
{
    if (!outsz)
        return;
    if (fs_pnr_in_text(s)) {
        snprintf(out, outsz, "%s", FS_PNR_MASK);
        return;
    }
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s), o = 0, chars = 0;
    while (len) {
        if (++chars > FS_SAFE_TEXT_MAX) {
            if (o + 4 <= outsz)
                memcpy(out + o, "...", 3), o += 3;
            break;
        }
        size_t n = put_char(p, len, out, &o, outsz);
        if (!n)
            break;
        p += n, len -= n;
    }
    out[o] = '\0';
    /* an escape's digits or the cut can make digits next to digits: "\x02" before
     * "0115 1234" reads "020115 1234"; such a text is masked too */
    if (fs_pnr_in_text(out))
        snprintf(out, outsz, "%s", FS_PNR_MASK);
}

/* Appends s to b with every personnummer-shaped part replaced by FS_PNR_MASK and the rest
 * through put(). */
static void mask_spans(fs_buf *b, const char *s, void (*put)(fs_buf *b, const char *s, size_t n))
{
    size_t len = strlen(s), a, e;
    while (fs_pnr_find(s, len, &a, &e)) {
        put(b, s, a);
        fs_buf_puts(b, FS_PNR_MASK);
        s += e, len -= e;
    }
    put(b, s, len);
}

static void put_escaped(fs_buf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    while (n) {
        char tmp[17];
        size_t o = 0, k = put_char(p, n, tmp, &o, sizeof tmp);
        fs_buf_append(b, tmp, o);
        p += k, n -= k;
    }
}

static void put_raw(fs_buf *b, const char *s, size_t n)
{
    fs_buf_append(b, s, n);
}

char *fs_safe_name(const char *s)
{
    fs_buf b = {0}, c = {0};
    fs_buf_puts(&b, "");
    mask_spans(&b, s, put_escaped);
    /* again over the escaped text: an escape's digits next to the data's may read as a
     * number ("\x02" before "0115 1234" reads "020115 1234") */
    if (!b.failed) {
        fs_buf_puts(&c, "");
        mask_spans(&c, b.data, put_raw);
    }
    fs_buf_free(&b);
    if (c.failed) {
        fs_buf_free(&c);
        return NULL;
    }
    return c.data;
}

char *fs_safe_output(const char *s)
{
    fs_buf b = {0};
    fs_buf_puts(&b, "");
    mask_spans(&b, s, fs_buf_put_clean);
    if (b.failed) {
        fs_buf_free(&b);
        return NULL;
    }
    return b.data;
}
