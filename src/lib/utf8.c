/* utf8.c: see utf8.h. */
#include "finsam/utf8.h"

#include <string.h>

#include "finsam/text.h"

int fs_utf8_valid_scalar(const unsigned char *s, size_t n)
{
    return fs_utf8_valid_prefix(s, n) == n;
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

/* The error classes of a pair of bytes (byte 1 the one before, byte 2 this one). A pair is
 * wrong when the three look-ups below share a bit; a byte that must be the second or third
 * continuation of a sequence is checked apart (TWO_CONTS against must23). */
#define TOO_SHORT (1 << 0)      /* 11______ 0_______ or 11______ 11______ */
#define TOO_LONG (1 << 1)       /* 0_______ 10______ */
#define OVERLONG_3 (1 << 2)     /* 11100000 100_____ */
#define TOO_LARGE (1 << 3)      /* 11110100 1001____, 11110100 101_____, 11110101+ */
#define SURROGATE (1 << 4)      /* 11101101 101_____ */
#define OVERLONG_2 (1 << 5)     /* 1100000_ 10______ */
#define TOO_LARGE_1000 (1 << 6) /* 11110101+ 1000____ */
#define OVERLONG_4 (1 << 6)     /* 11110000 1000____ */
#define TWO_CONTS (1 << 7)      /* 10______ 10______ */
#define CARRY (TOO_SHORT | TOO_LONG | TWO_CONTS)

/* A 16-entry table, in both 128-bit lanes (vpshufb looks up within a lane). */
#define T16(...) \
    _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)(const unsigned char[16]){__VA_ARGS__}))

__attribute__((target("avx2"))) static inline __m256i prev_n(__m256i in, __m256i prev, int n)
{
    __m256i joined = _mm256_permute2x128_si256(prev, in, 0x21); /* prev's high, in's low */
    switch (n) {
    case 1:
        return _mm256_alignr_epi8(in, joined, 15);
    case 2:
        return _mm256_alignr_epi8(in, joined, 14);
    default:
        return _mm256_alignr_epi8(in, joined, 13);
    }
}

__attribute__((target("avx2"))) static inline __m256i block_errors(__m256i in, __m256i prev)
{
    const __m256i nib = _mm256_set1_epi8(0x0F);
    const __m256i byte_1_high = T16(
        TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
        TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS, TOO_SHORT | OVERLONG_2, TOO_SHORT,
        TOO_SHORT | OVERLONG_3 | SURROGATE, TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4);
    const __m256i byte_1_low = T16(
        CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4, CARRY | OVERLONG_2, CARRY, CARRY,
        CARRY | TOO_LARGE, CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000);
    const __m256i byte_2_high = T16(
        TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE, TOO_SHORT, TOO_SHORT,
        TOO_SHORT, TOO_SHORT);
    __m256i prev1 = prev_n(in, prev, 1);
    __m256i sc = _mm256_and_si256(
        _mm256_and_si256(
            _mm256_shuffle_epi8(byte_1_high, _mm256_and_si256(_mm256_srli_epi16(prev1, 4), nib)),
            _mm256_shuffle_epi8(byte_1_low, _mm256_and_si256(prev1, nib))),
        _mm256_shuffle_epi8(byte_2_high, _mm256_and_si256(_mm256_srli_epi16(in, 4), nib)));
    /* a byte two after a lead of three or more bytes, or three after one of four, must be
     * a continuation: exactly the bytes whose pair says TWO_CONTS */
    __m256i third = _mm256_subs_epu8(prev_n(in, prev, 2), _mm256_set1_epi8((char)(0xE0 - 0x80)));
    __m256i fourth = _mm256_subs_epu8(prev_n(in, prev, 3), _mm256_set1_epi8((char)(0xF0 - 0x80)));
    __m256i must23 = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8((char)0x80));
    return _mm256_xor_si256(must23, sc);
}

/* Non-zero where the block ends inside a sequence: a lead byte in the last three positions
 * that needs more bytes than are left. */
__attribute__((target("avx2"))) static inline __m256i incomplete(__m256i in)
{
    static const unsigned char max[32] = {
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0xF0 - 1, 0xE0 - 1, 0xC0 - 1};
    return _mm256_subs_epu8(in, _mm256_loadu_si256((const __m256i *)(const void *)max));
}

__attribute__((target("avx2"))) static int valid_avx2(const unsigned char *s, size_t n)
{
    __m256i error = _mm256_setzero_si256(), prev = _mm256_setzero_si256();
    size_t i = 0;
    unsigned char last[32];
    for (;;) {
        __m256i in;
        if (i + 32 <= n) {
            in = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
        } else if (i < n) {
            memset(last, 0, sizeof last); /* NULs after the end: ASCII, so a cut sequence fails */
            memcpy(last, s + i, n - i);
            in = _mm256_loadu_si256((const __m256i *)(const void *)last);
        } else {
            break;
        }
        /* every block, ASCII or not: a sequence cut by the block's end shows as a pair
         * (lead, byte after) in the next block's errors. A branch skipping ASCII blocks
         * cost more than it saved, as blocks of Swedish text change between ASCII and
         * not unpredictably (1M export: 19 -> 8 ms) */
        error = _mm256_or_si256(error, block_errors(in, prev));
        prev = in;
        i += 32;
        if ((i & 1023) == 0 && !_mm256_testz_si256(error, error))
            return 0;
    }
    error = _mm256_or_si256(error, incomplete(prev)); /* the text ends inside a sequence */
    return _mm256_testz_si256(error, error);
}

int fs_utf8_valid(const unsigned char *s, size_t n)
{
    static int have_avx2 = -1;
    if (have_avx2 < 0)
        have_avx2 = __builtin_cpu_supports("avx2") ? 1 : 0;
    return have_avx2 ? valid_avx2(s, n) : fs_utf8_valid_scalar(s, n);
}

#else

int fs_utf8_valid(const unsigned char *s, size_t n)
{
    return fs_utf8_valid_scalar(s, n);
}

#endif
