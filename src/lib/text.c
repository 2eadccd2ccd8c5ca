#include "finsam/text.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static char *collapse_space(char *s)
{
    char *w = s;
    int pending = 0;
    for (char *r = s; *r; r++) {
        if (isspace((unsigned char)*r)) {
            pending = (w != s);
            continue;
        }
        if (pending) {
            *w++ = ' ';
            pending = 0;
        }
        *w++ = *r;
    }
    *w = '\0';
    return s;
}

char *fs_fold(const char *s)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                          UTF8PROC_CASEFOLD);
    if (n < 0)
        return NULL;
    return collapse_space((char *)out);
}

char *fs_slug(const char *s)
{
    utf8proc_uint8_t *tmp = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &tmp,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
                                          UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
    if (n < 0)
        tmp = (utf8proc_uint8_t *)fs_strdup("");
    if (!tmp)
        return NULL;
    char *w = (char *)tmp;
    int pending = 0;
    for (const char *r = (const char *)tmp; *r; r++) {
        unsigned char c = (unsigned char)*r;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (pending && w != (char *)tmp)
                *w++ = '_';
            pending = 0;
            *w++ = (char)c;
        } else {
            pending = 1;
        }
    }
    *w = '\0';
    if (!*(char *)tmp) {
        free(tmp);
        return fs_strdup("value");
    }
    return (char *)tmp;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define IS_LITTLE_ENDIAN 1
#else
#define IS_LITTLE_ENDIAN 0 /* elsewhere the bytes are walked one at a time */
#endif

size_t fs_utf8_valid_prefix(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        /* ASCII runs, eight bytes at a time */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            uint64_t high = w & 0x8080808080808080ull;
            if (high) {
                /* skip the ASCII bytes before the first one with its high bit set (the
                 * lowest in memory order on a little-endian machine) */
                i += (size_t)__builtin_ctzll(high) / 8 * IS_LITTLE_ENDIAN;
                break;
            }
            i += 8;
        }
        if (i >= len)
            break;
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) { /* the common case in Swedish text: å ä ö */
            if (i + 1 >= len || (s[i + 1] & 0xC0) != 0x80)
                return i;
            i += 2;
            continue;
        }
        size_t need;
        unsigned min;
        unsigned cp;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1; cp = c & 0x1F; min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2; cp = c & 0x0F; min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3; cp = c & 0x07; min = 0x10000;
        } else {
            return i;
        }
        if (i + need >= len)
            return i; /* truncated sequence */
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += need + 1;
    }
    return i;
}

size_t fs_utf8_width(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

char *fs_trim(char *s)
{
    size_t len = strlen(s);
    while (len && isspace((unsigned char)s[len - 1]))
        s[--len] = '\0';
    size_t start = 0;
    while (s[start] && isspace((unsigned char)s[start]))
        start++;
    if (start)
        memmove(s, s + start, len - start + 1);
    return s;
}

char *fs_strdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

char *fs_vasprintf(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return NULL;
    char *s = malloc((size_t)n + 1);
    if (s)
        vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

char *fs_asprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = fs_vasprintf(fmt, ap);
    va_end(ap);
    return s;
}

void fs_buf_append(fs_buf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d) {
            b->failed = 1;
            return;
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void fs_buf_puts(fs_buf *b, const char *s)
{
    fs_buf_append(b, s, strlen(s));
}

void fs_buf_printf(fs_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = fs_vasprintf(fmt, ap);
    va_end(ap);
    if (!s) {
        b->failed = 1;
        return;
    }
    fs_buf_puts(b, s);
    free(s);
}

void fs_buf_free(fs_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* printf's %f and %g use the C locale here: the program never calls setlocale(), so
 * LC_NUMERIC stays "C". The decimal separator is still normalised below in case a library
 * changed the locale. */
static void fix_decimal_point(char *s, int decimal_comma)
{
    for (; *s; s++)
        if (*s == '.' || *s == ',')
            *s = decimal_comma ? ',' : '.';
}

void fs_format_fixed(char *out, size_t outsz, double v, int decimals, int decimal_comma)
{
    if (isnan(v)) {
        snprintf(out, outsz, "%s", "");
        return;
    }
    snprintf(out, outsz, "%.*f", decimals, v);
    if (strcmp(out, "-0") == 0 || (out[0] == '-' && strspn(out + 1, "0.,") == strlen(out + 1)))
        memmove(out, out + 1, strlen(out)); /* no negative zero */
    fix_decimal_point(out, decimal_comma);
}

void fs_format_significant(char *out, size_t outsz, double v, int digits, int decimal_comma)
{
    snprintf(out, outsz, "%.*g", digits, v);
    fix_decimal_point(out, decimal_comma);
}

void fs_format_grouped(char *out, size_t outsz, double v, int decimals, int decimal_comma)
{
    char plain[400];
    fs_format_fixed(plain, sizeof plain, v, decimals, decimal_comma);
    const char *digits = plain + (plain[0] == '-');
    size_t int_len = strcspn(digits, ".,");
    if (int_len < 5) { /* 1234 stays 1234: a space only from 12 345 on */
        snprintf(out, outsz, "%s", plain);
        return;
    }
    size_t o = 0;
    if (plain[0] == '-' && o + 1 < outsz)
        out[o++] = '-';
    for (size_t i = 0; i < int_len && o + 1 < outsz; i++) {
        if (i && (int_len - i) % 3 == 0 && o + 2 < outsz)
            out[o++] = ' ';
        out[o++] = digits[i];
    }
    snprintf(out + o, outsz > o ? outsz - o : 0, "%s", digits + int_len);
}

void fs_format_p(char *out, size_t outsz, double p, int digits, int decimal_comma)
{
    if (isnan(p)) {
        snprintf(out, outsz, "%s", "");
        return;
    }
    if (isinf(p)) { /* no p-value; but no int from log10(inf) either (fuzz_writers) */
        fs_format_significant(out, outsz, p, digits, decimal_comma);
        return;
    }
    if (p < 0.001) {
        snprintf(out, outsz, "<0%c001", decimal_comma ? ',' : '.');
        return;
    }
    /* `digits` significant digits, in fixed notation (0.043, not 4.3e-02), at most three
     * decimals below 0.01 would otherwise hide nothing: 0.0012 stays 0.0012 */
    int magnitude = (int)floor(log10(p));
    int decimals = digits - 1 - magnitude;
    /* 0.0996 to two digits is 0.10, not 0.100: rounding up reached the next power of ten */
    if (nearbyint(p * pow(10, decimals)) >= pow(10, digits))
        decimals--;
    if (decimals < 0)
        decimals = 0;
    fs_format_fixed(out, outsz, p, decimals, decimal_comma);
    if (strtod(out, NULL) >= 1 || (out[0] == '1' && out[1] != '\0' && strspn(out + 2, "0") ==
                                   strlen(out + 2)))
        snprintf(out, outsz, "1"); /* 0.999 is p = 1, not 1,0 */
    /* a trailing zero after rounding (0.10 from 0.0996) stays: it is a significant digit */
}

void fs_format_exact(char *out, size_t outsz, double v)
{
    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(out, outsz, "%.0f", v);
    } else {
        for (int prec = 15; prec <= 17; prec++) {
            snprintf(out, outsz, "%.*g", prec, v);
            if (strtod(out, NULL) == v)
                break;
        }
    }
    fix_decimal_point(out, 0);
    if (strcmp(out, "-0") == 0)
        snprintf(out, outsz, "0");
}

size_t fs_utf8_decode(const unsigned char *s, size_t len, unsigned long *cp)
{
    if (!len)
        return 0;
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t need;
    unsigned long v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (len <= need)
        return 0;
    for (size_t k = 1; k <= need; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[k] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return need + 1;
}

int fs_xml_char_ok(unsigned long cp)
{
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

#define REPLACEMENT_CHARACTER "\xEF\xBF\xBD" /* U+FFFD */

void fs_buf_put_clean(fs_buf *b, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        /* a run of characters that need nothing, copied at once */
        const unsigned char *run = p;
        size_t n;
        unsigned long cp;
        while (p < end && (n = fs_utf8_decode(p, (size_t)(end - p), &cp)) && fs_xml_char_ok(cp))
            p += n;
        if (p > run)
            fs_buf_append(b, (const char *)run, (size_t)(p - run));
        if (p < end) {
            n = fs_utf8_decode(p, (size_t)(end - p), &cp);
            fs_buf_puts(b, REPLACEMENT_CHARACTER);
            p += n ? n : 1; /* a forbidden character as a whole, a stray byte by itself */
        }
    }
}
