/*
 * stance_internal.h - private types and helpers shared across lib/, training/ and tests/.
 * Never installed. Everything here may change without notice.
 */
#ifndef STANCE_INTERNAL_H
#define STANCE_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "stance.h"

#if defined(__GNUC__) || defined(__clang__)
#define STANCE_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define STANCE_UNUSED __attribute__((unused))
#else
#define STANCE_PRINTF(a, b)
#define STANCE_UNUSED
#endif

/* ---- errors (status.c) ---------------------------------------------------
 * Fill @p err (if not NULL) and return @p code, so failure paths read
 * `return stance_error_set(err, STANCE_ERR_FORMAT, off, "bad %s", what);` */
int stance_error_set(stance_error *err, int code, size_t offset, const char *fmt, ...) STANCE_PRINTF(4, 5);
int stance_error_setv(stance_error *err, int code, size_t offset, const char *fmt, va_list ap);

/* ---- allocation (alloc.c): the single allocation path ---------------------
 * Size arithmetic is checked: the _array forms return NULL on overflow. */
void *stance_malloc(size_t size);
void *stance_calloc(size_t n, size_t size);
void *stance_realloc(void *ptr, size_t size);
void *stance_malloc_array(size_t n, size_t size);
void *stance_realloc_array(void *ptr, size_t n, size_t size);
void stance_free(void *ptr);
char *stance_strndup(const char *s, size_t n);
char *stance_strdup(const char *s);
/* Grow *buf (capacity *cap elements of @p size bytes) to hold at least @p need.
 * Inline: most calls find the room there (an append's check); stance_grow_slow() grows. */
int stance_grow_slow(void **buf, size_t *cap, size_t need, size_t size);
static inline int stance_grow(void **buf, size_t *cap, size_t need, size_t size)
{
    return need <= *cap ? STANCE_OK : stance_grow_slow(buf, cap, need, size);
}
/* 1 if a*b overflows size_t, else 0 and *out = a*b. */
int stance_mul_overflow(size_t a, size_t b, size_t *out);

/* PCRE2 general context routing PCRE2's allocations through stance_malloc. */
pcre2_general_context *stance_pcre2_context(void);
/* Map a negative PCRE2 return code (compile or match) to a STANCE_ERR_* code:
 * memory -> NOMEM, match/depth/heap limits -> LIMIT, UTF errors -> UTF8, else INTERNAL. */
int stance_pcre2_status(int pcre2_rc);
/* Fill err from a PCRE2 failure (message copied from PCRE2) and return the mapped code. */
int stance_pcre2_error(stance_error *err, int pcre2_rc, size_t offset, const char *what);

/* ---- UTF-8 (utf8.c) ------------------------------------------------------
 * Validate @p text; on failure return STANCE_ERR_UTF8 with the offset of the
 * first invalid byte in err. Uses PCRE2's validator. */
int stance_utf8_check(const char *text, size_t len, stance_error *err);
/* The same with a validator compiled once (stance_utf8_validator) and shared read-only. */
pcre2_code *stance_utf8_validator(pcre2_general_context *gctx);
int stance_utf8_check_with(const pcre2_code *validator, pcre2_general_context *gctx, const char *text, size_t len,
                           stance_error *err);
/* Decode one code point at text[i] (text already valid); returns its byte length. */
size_t stance_utf8_decode(const unsigned char *text, size_t len, size_t i, int32_t *cp);
/* Encode @p cp into out (>= 4 bytes); returns byte length. */
size_t stance_utf8_encode(int32_t cp, unsigned char *out);

/* ---- CRC-32 (crc32.c): IEEE 802.3 polynomial, as zlib's crc32() ----------- */
uint32_t stance_crc32(uint32_t crc, const void *data, size_t len);

/* ---- sorted spans ----------------------------------------------------------
 * Index of the first of @p n records that ends after @p off (the lower bound),
 * in an array sorted by end: records lie @p stride bytes apart, each with a
 * size_t end at byte @p end_at (offsetof). One search for tokens, quotes and
 * referents alike, without a callback; inline, so it costs what a loop over
 * the record type would. */
static inline size_t stance_first_end_after(const void *base, size_t n, size_t stride, size_t end_at, size_t off)
{
    const unsigned char *b = base;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (*(const size_t *)(const void *)(b + mid * stride + end_at) <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The same search for the first record whose size_t at @p field_at is >= @p at
 * (records sorted by that field: starts, as in mindex.h and the mention lists). */
static inline size_t stance_first_at_or_after(const void *base, size_t n, size_t stride, size_t field_at, size_t at)
{
    return at ? stance_first_end_after(base, n, stride, field_at, at - 1) : 0;
}

#endif
