/* utf8.h: UTF-8 validation of whole blocks at memory speed.
 *
 * The reader checks every byte of an export as UTF-8. fs_utf8_valid() answers yes or no for a
 * block, 32 bytes at a time (AVX2, when the processor has it: the lookup algorithm of
 * Keiser and Lemire, "Validating UTF-8 in less than one instruction per byte", 2021);
 * elsewhere it walks the bytes, ASCII eight at a time. It does not say where an error is:
 * fs_utf8_valid_prefix() (text.h) does, by walking the bytes, and callers use it only once a
 * block has failed. Both accept exactly the same byte strings: well-formed UTF-8 (RFC 3629)
 * without overlong forms, surrogates or code points above U+10FFFF; NUL is valid. */
#ifndef FINSAM_UTF8_H
#define FINSAM_UTF8_H

#include <stddef.h>

/* 1 when s[0..n) is valid UTF-8 (a sequence cut off at the end is not), 0 otherwise. */
int fs_utf8_valid(const unsigned char *s, size_t n);

/* The same without the vector path (tests compare the two). */
int fs_utf8_valid_scalar(const unsigned char *s, size_t n);

#endif
