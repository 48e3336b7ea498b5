/*
 * crc32.c - the checksum of model files: CRC-32 (IEEE 802.3). zlib's crc32()
 * (table-sliced, everywhere) computes it; on x86 with PCLMULQDQ the bulk of a
 * buffer is folded 64 bytes a step by carry-less multiplication instead
 * (Intel's "Fast CRC Computation for Generic Polynomials Using PCLMULQDQ",
 * the constants of the reflected polynomial 0xEDB88320, as in Linux and
 * Chromium's zlib), and zlib takes the rest: a model's checksum was a sixth
 * of the start-up's CPU time.
 */
#include "config.h"

#include <zlib.h>

#include "stance_internal.h"

#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#define STANCE_CRC_CLMUL 1

#define CLMUL_MIN 64 /* the fold starts with four 16-byte lanes */

/* The CRC register (pre-inverted) after @p len bytes at @p p, len >= 64 and
 * a multiple of 16. */
__attribute__((target("pclmul,sse4.1"))) static uint32_t crc_clmul(uint32_t crc, const unsigned char *p, size_t len)
{
    const __m128i k1k2 = _mm_set_epi64x(0x01c6e41596, 0x0154442bd4), k3k4 = _mm_set_epi64x(0x00ccaa009e, 0x01751997d0),
                  k5 = _mm_set_epi64x(0, 0x0163cd6124), poly = _mm_set_epi64x(0x01f7011641, 0x01db710641),
                  low32 = _mm_setr_epi32(-1, 0, -1, 0);
    __m128i x1 = _mm_loadu_si128((const __m128i *)(const void *)p),
            x2 = _mm_loadu_si128((const __m128i *)(const void *)(p + 16)),
            x3 = _mm_loadu_si128((const __m128i *)(const void *)(p + 32)),
            x4 = _mm_loadu_si128((const __m128i *)(const void *)(p + 48)), t;
    x1 = _mm_xor_si128(x1, _mm_cvtsi32_si128((int)crc));
    for (p += 64, len -= 64; len >= 64; p += 64, len -= 64) { /* four lanes, each folded 512 bits on */
        __m128i h1 = _mm_clmulepi64_si128(x1, k1k2, 0x11), h2 = _mm_clmulepi64_si128(x2, k1k2, 0x11),
                h3 = _mm_clmulepi64_si128(x3, k1k2, 0x11), h4 = _mm_clmulepi64_si128(x4, k1k2, 0x11);
        x1 = _mm_xor_si128(_mm_xor_si128(h1, _mm_clmulepi64_si128(x1, k1k2, 0x00)),
                           _mm_loadu_si128((const __m128i *)(const void *)p));
        x2 = _mm_xor_si128(_mm_xor_si128(h2, _mm_clmulepi64_si128(x2, k1k2, 0x00)),
                           _mm_loadu_si128((const __m128i *)(const void *)(p + 16)));
        x3 = _mm_xor_si128(_mm_xor_si128(h3, _mm_clmulepi64_si128(x3, k1k2, 0x00)),
                           _mm_loadu_si128((const __m128i *)(const void *)(p + 32)));
        x4 = _mm_xor_si128(_mm_xor_si128(h4, _mm_clmulepi64_si128(x4, k1k2, 0x00)),
                           _mm_loadu_si128((const __m128i *)(const void *)(p + 48)));
    }
    /* the four lanes into one, then 16 bytes at a time */
    x1 = _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x1, k3k4, 0x11), _mm_clmulepi64_si128(x1, k3k4, 0x00)), x2);
    x1 = _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x1, k3k4, 0x11), _mm_clmulepi64_si128(x1, k3k4, 0x00)), x3);
    x1 = _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x1, k3k4, 0x11), _mm_clmulepi64_si128(x1, k3k4, 0x00)), x4);
    for (; len >= 16; p += 16, len -= 16)
        x1 = _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x1, k3k4, 0x11), _mm_clmulepi64_si128(x1, k3k4, 0x00)),
                           _mm_loadu_si128((const __m128i *)(const void *)p));
    /* 128 bits to 64, then Barrett's reduction to 32 */
    t = _mm_clmulepi64_si128(x1, k3k4, 0x10);
    x1 = _mm_xor_si128(_mm_srli_si128(x1, 8), t);
    t = _mm_srli_si128(x1, 4);
    x1 = _mm_xor_si128(_mm_clmulepi64_si128(_mm_and_si128(x1, low32), k5, 0x00), t);
    t = _mm_and_si128(_mm_clmulepi64_si128(_mm_and_si128(x1, low32), poly, 0x10), low32);
    x1 = _mm_xor_si128(x1, _mm_clmulepi64_si128(t, poly, 0x00));
    return (uint32_t)_mm_extract_epi32(x1, 1);
}
#endif

uint32_t stance_crc32(uint32_t crc, const void *data, size_t len)
{
    const unsigned char *p = data;
    uLong c = crc;
#ifdef STANCE_CRC_CLMUL
    if (len >= CLMUL_MIN && __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1")) {
        size_t n = len & ~(size_t)15;
        c = ~crc_clmul(~crc, p, n) & 0xFFFFFFFFu;
        p += n;
        len -= n;
    }
#endif
    /* zlib takes uInt lengths: feed huge buffers in pieces. */
    while (len > 0) {
        uInt n = len > 0x40000000u ? 0x40000000u : (uInt)len;
        c = crc32(c, p, n);
        p += n;
        len -= n;
    }
    return (uint32_t)c;
}
