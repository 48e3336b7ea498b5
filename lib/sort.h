/* sort.h - sorting the hot paths need, faster than qsort's callbacks. */
#ifndef STANCE_SORT_H
#define STANCE_SORT_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Sort @p n keys ascending, keys < 2^key_bits, using @p tmp (n entries) as
 * scratch: insertion sort for short arrays; below 1,024 keys one counting pass
 * on the top bits then an insertion sort (a bucket of more than 64 keys: the
 * radix sort); from 1,024 keys of 17-22 bits an LSD radix sort in two passes of
 * half the bits; else LSD radix sort, 8 bits a pass. */
void stance_sort_u64(uint64_t *keys, size_t n, uint64_t *tmp, unsigned key_bits);

/* stance_sort_u64() that keeps one key of each value: keys[0, return value)
 * are the distinct keys ascending (the repeats dropped as the keys go back
 * into place, not in a pass of their own). */
size_t stance_sort_u64_distinct(uint64_t *keys, size_t n, uint64_t *tmp, unsigned key_bits);

/* The bits that hold @p v (0 for 0). */
static inline unsigned stance_bits_for(size_t v)
{
    unsigned b = 0;
    while (b < 64 && (v >> b))
        b++;
    return b;
}

/* ---- short byte runs (a word, a feature name, a word's keys) ---- */

/* memcpy(@p dst, @p src, @p n) for runs that do not overlap, without a call up
 * to 32 bytes: the first and the last 4, 8 or 16 bytes (overlapping in the
 * middle), all loaded before any store. The feature path copies ~110 runs a
 * statement of ~6 bytes, where the call and glibc's choice of a copy cost more
 * than the copy (`perf`: memcpy and its PLT stub 6 % of `stance predict`). */
static inline void stance_copy_short(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (n >= 8) {
        uint64_t a, b, c, e;
        if (n > 32) {
            memcpy(d, s, n);
            return;
        }
        if (n > 16) {
            memcpy(&a, s, 8), memcpy(&b, s + 8, 8), memcpy(&c, s + n - 16, 8), memcpy(&e, s + n - 8, 8);
            memcpy(d, &a, 8), memcpy(d + 8, &b, 8), memcpy(d + n - 16, &c, 8), memcpy(d + n - 8, &e, 8);
            return;
        }
        memcpy(&a, s, 8), memcpy(&e, s + n - 8, 8);
        memcpy(d, &a, 8), memcpy(d + n - 8, &e, 8);
    } else if (n >= 4) {
        uint32_t a, e;
        memcpy(&a, s, 4), memcpy(&e, s + n - 4, 4);
        memcpy(d, &a, 4), memcpy(d + n - 4, &e, 4);
    } else if (n) {
        const unsigned char a = s[0], b = s[n >> 1], e = s[n - 1];
        d[0] = a, d[n >> 1] = b, d[n - 1] = e;
    }
}

/* The order of byte strings the sorted name tables use: shorter first, then
 * memcmp() of equal lengths (not alphabetical; a look-up key only). */
static inline int stance_len_order(const char *a, size_t an, const char *b, size_t bn)
{
    if (an != bn)
        return an < bn ? -1 : 1;
    return memcmp(a, b, an);
}

/* memcmp(@p a, @p b, @p n) == 0 without a call up to 16 bytes (as above). */
static inline int stance_same_short(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    if (n >= 8) {
        uint64_t p, q, r, t;
        if (n > 16)
            return memcmp(x, y, n) == 0;
        memcpy(&p, x, 8), memcpy(&q, y, 8), memcpy(&r, x + n - 8, 8), memcpy(&t, y + n - 8, 8);
        return ((p ^ q) | (r ^ t)) == 0;
    }
    if (n >= 4) {
        uint32_t p, q, r, t;
        memcpy(&p, x, 4), memcpy(&q, y, 4), memcpy(&r, x + n - 4, 4), memcpy(&t, y + n - 4, 4);
        return ((p ^ q) | (r ^ t)) == 0;
    }
    return !n || (x[0] == y[0] && x[n >> 1] == y[n >> 1] && x[n - 1] == y[n - 1]);
}

/* ---- records (the mention and entity lists) ---- */

/* Sort @p n records of @p size bytes at @p v stably by the size_t at byte
 * @p off of each: the order qsort() (a merge sort in glibc) gives with a
 * comparison of that field alone, in linear time (stance_sort_u64() on the
 * field and the index). STANCE_ERR_NOMEM or STANCE_OK. */
int stance_sort_stable(void *v, size_t n, size_t size, size_t off);

/* qsort(v, n, size, cmp) for records of at most 256 bytes, in the same order
 * (glibc's qsort is a merge sort: stable), by an insertion sort up to 16
 * records, where qsort's set-up costs more than the sorting: most of the
 * mention and entity lists of an article are that short. */
void stance_sort_small(void *v, size_t n, size_t size, int (*cmp)(const void *, const void *));
/* ---- a set of 32-bit keys (a statement's buckets, unsorted) ---- */

/* Open addressing with linear probing over a power of two of at least twice
 * the keys it is made for: each key has the place (0, 1, 2, ... in the order
 * the keys came first) given when it was added. A slot holds its key and the
 * set's generation (a slot of another generation is empty: a reset changes the
 * generation, it does not clear the slots). Zero it to start ({0}). */
typedef struct stance_u32set {
    uint64_t *slot; /* [cap] key << 32 | generation */
    uint32_t *pos;  /* [cap] the key's place (in slot's block) */
    size_t cap, n;
    uint32_t gen;
} stance_u32set;

/* Empty @p t and make room for @p n keys: STANCE_OK or STANCE_ERR_NOMEM. */
int stance_u32set_reset(stance_u32set *t, size_t n);
void stance_u32set_free(stance_u32set *t);

/* The slot of @p key: its own, or the empty one where it would go. */
static inline size_t stance_u32set_slot(const stance_u32set *t, uint32_t key)
{
    const uint64_t want = (uint64_t)key << 32 | t->gen;
    size_t i = (size_t)((key * 0x9E3779B1u) ^ (key >> 16)) & (t->cap - 1);
    for (;;) {
        const uint64_t v = t->slot[i];
        if (v == want || (uint32_t)v != t->gen)
            return i;
        i = (i + 1) & (t->cap - 1);
    }
}

/* The place of @p key, added with place t->n when absent (at most the n keys
 * of the last reset). */
static inline uint32_t stance_u32set_add(stance_u32set *t, uint32_t key)
{
    const size_t i = stance_u32set_slot(t, key);
    if ((uint32_t)t->slot[i] != t->gen) {
        t->slot[i] = (uint64_t)key << 32 | t->gen;
        t->pos[i] = (uint32_t)t->n++;
    }
    return t->pos[i];
}

/* The place of @p key, or -1 when absent. */
static inline long stance_u32set_find(const stance_u32set *t, uint32_t key)
{
    const size_t i = stance_u32set_slot(t, key);
    return (uint32_t)t->slot[i] == t->gen ? (long)t->pos[i] : -1;
}

#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define STANCE_ASCII_SWAR 1
#else
#define STANCE_ASCII_SWAR 0
#endif

/* Bit 7 of each byte of @p x (eight bytes of text loaded little-endian) that is
 * not an ASCII letter or digit, the other bits clear. A byte is a letter or
 * digit when it is below 0x80 and its low seven bits, and those bits with 0x20
 * set (lower case), fall in '0'..'9' or 'a'..'z'. Each range test adds to
 * every byte (below 0x80, so no carry crosses a byte) a constant that sets bit
 * 7 from the bound on: x + (0x80 - lo) for x >= lo, x + (0x7f - hi) for x > hi. */
static inline uint64_t stance_ascii_nonword8(uint64_t x)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), hi = ones * 0x80;
    const uint64_t y = x & ~hi, z = y | ones * 0x20;
    const uint64_t in = ((y + ones * (0x80 - '0')) & ~(y + ones * (0x7f - '9'))) |
                        ((z + ones * (0x80 - 'a')) & ~(z + ones * (0x7f - 'z')));
    return (~in | x) & hi;
}

/* The first i >= @p b with t[i] not an ASCII letter or digit, or @p len: eight
 * bytes at a time where eight are left (stance_ascii_nonword8(); little-endian
 * builds), the first byte flagged ends the run. */
static inline size_t stance_ascii_word_end(const unsigned char *t, size_t len, size_t b)
{
#if STANCE_ASCII_SWAR
    for (; b + 8 <= len; b += 8) {
        uint64_t x, out;
        memcpy(&x, t + b, 8);
        out = stance_ascii_nonword8(x);
        if (out)
            return b + (size_t)__builtin_ctzll(out) / 8;
    }
#endif
    while (b < len && ((t[b] >= '0' && t[b] <= '9') || ((t[b] | 0x20u) >= 'a' && (t[b] | 0x20u) <= 'z')))
        b++;
    return b;
}

#endif
