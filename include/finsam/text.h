/* text.h: UTF-8 helpers built on utf8proc, and a small growable string. */
#ifndef FINSAM_TEXT_H
#define FINSAM_TEXT_H

#include <stdarg.h>
#include <stddef.h>

/* The matching form of s: Unicode NFC, case-folded, surrounding white space removed and
 * inner runs of white space collapsed to one space. "  KÖN " and "ko\u0308n" both give "kön".
 * Returns a new string (caller frees) or NULL when s is not valid UTF-8 or memory ran out. */
char *fs_fold(const char *s);

/* A stable ASCII key for s: accents stripped, lower case, runs of anything but [a-z0-9]
 * replaced by one '_', no leading or trailing '_'. "Påbörjat studier" -> "paborjat_studier".
 * Empty result becomes "value". Caller frees; NULL on memory failure. */
char *fs_slug(const char *s);

/* Length of the longest valid UTF-8 prefix of s[0..len). */
size_t fs_utf8_valid_prefix(const unsigned char *s, size_t len);

/* The UTF-8 character at the start of s[0..len): its code point into *cp and its length in
 * bytes; 0 when s does not start with a valid character (a stray or truncated byte, an
 * overlong form, a surrogate, anything above U+10FFFF) or len is 0. */
size_t fs_utf8_decode(const unsigned char *s, size_t len, unsigned long *cp);

/* 1 when XML 1.0 allows the character cp in a document: TAB, LF, CR, U+0020-U+D7FF,
 * U+E000-U+FFFD, U+10000-U+10FFFF. Everything else (the other C0 controls, U+FFFE,
 * U+FFFF, surrogates) makes an xlsx part that Excel and Gnumeric refuse. */
int fs_xml_char_ok(unsigned long cp);

/* Number of characters (code points) in a valid UTF-8 string, for aligning text columns. */
size_t fs_utf8_width(const char *s);

/* Trims ASCII white space at both ends, in place; returns s. */
char *fs_trim(char *s);

/* strdup that returns NULL for NULL. */
char *fs_strdup(const char *s);

/* printf into a new string; caller frees; NULL on failure. */
char *fs_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *fs_vasprintf(const char *fmt, va_list ap);

/* A growable byte string. Initialise with {0}; fs_buf_free releases it. */
typedef struct fs_buf {
    char *data;
    size_t len, cap;
    int failed; /* sticky: set when an allocation failed */
} fs_buf;
void fs_buf_append(fs_buf *b, const char *s, size_t n);
void fs_buf_puts(fs_buf *b, const char *s);
void fs_buf_printf(fs_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void fs_buf_free(fs_buf *b);

/* Appends s[0..len) to b with every byte that is not part of valid UTF-8, and every
 * character XML 1.0 forbids, replaced by U+FFFD: text that every output format can carry. */
void fs_buf_put_clean(fs_buf *b, const char *s, size_t len);

/* Formats v with exactly `decimals` decimals (round half to even on the binary value, as
 * printf), independent of the C locale; decimal_comma uses ',' instead of '.'. */
void fs_format_fixed(char *out, size_t outsz, double v, int decimals, int decimal_comma);
/* Formats v with `digits` significant digits (printf %g), locale independent; decimal_comma
 * uses ',' instead of '.'. */
void fs_format_significant(char *out, size_t outsz, double v, int digits, int decimal_comma);
/* fs_format_fixed with a space between the thousands of a number of five digits or more
 * ("12 345", "1234"), as Swedish and SI text writes it. */
void fs_format_grouped(char *out, size_t outsz, double v, int decimals, int decimal_comma);
/* A p-value as report authors write it: `digits` significant digits in fixed notation
 * ("0,043", "0,44", "1"), and "<0,001" below 0.001; "" for NAN. */
void fs_format_p(char *out, size_t outsz, double p, int digits, int decimal_comma);
/* Shortest decimal text that reads back as exactly v (for JSON), locale independent. */
void fs_format_exact(char *out, size_t outsz, double v);

#endif
