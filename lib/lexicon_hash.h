/*
 * lexicon_hash.h - where a word of lib/lexicon.def sits in lexicon.c's hash
 * table. Shared by lexicon.c (the look-up) and lib/gen_lexicon.c, the program
 * that `make` builds and runs on the build machine to write the table
 * (lexicon_table.h, static const): one definition of the slot, so the two
 * cannot disagree. Plain C with no config.h and no library header, since the
 * generator is compiled for the build machine, not the host.
 *
 * A word's key is its first 8 bytes read as a little-endian number, padded
 * with zeros (on every machine: whole loads on little-endian ones, bytes
 * elsewhere); its home slot is the top STANCE_LEXH_BITS bits of (key ^ length)
 * times a fixed odd constant (Fibonacci hashing). Collisions go to the next
 * free slot (linear probing); the table is at most half full.
 */
#ifndef STANCE_LEXICON_HASH_H
#define STANCE_LEXICON_HASH_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define STANCE_LEXH_BITS 13
#define STANCE_LEXH_SIZE ((size_t)1 << STANCE_LEXH_BITS)

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define STANCE_LEXH_LE 1
#else
#define STANCE_LEXH_LE 0
#endif

/* The @p m bytes at p (1 <= m <= 8) as a little-endian number. */
static inline uint64_t stance_lexh_bytes(const unsigned char *p, size_t m)
{
    uint64_t v = 0;
    while (m--)
        v = (v << 8) | p[m];
    return v;
}

/* The 8 bytes at p as a little-endian number. */
static inline uint64_t stance_lexh_ld8(const void *p)
{
#if STANCE_LEXH_LE
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
#else
    return stance_lexh_bytes((const unsigned char *)p, 8);
#endif
}

/* The key of w[0, n), n >= 1: its first min(n, 8) bytes, little-endian, zero-padded. */
static inline uint64_t stance_lexh_key(const unsigned char *w, size_t n)
{
#if STANCE_LEXH_LE
    /* whole loads: 8 bytes, or two that overlap (a byte in both lands in the same place twice) */
    if (n >= 8)
        return stance_lexh_ld8(w);
    if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, w, 4);
        memcpy(&b, w + n - 4, 4);
        return (uint64_t)a | (uint64_t)b << (8 * (n - 4));
    }
    if (n >= 2) {
        uint16_t a, b;
        memcpy(&a, w, 2);
        memcpy(&b, w + n - 2, 2);
        return (uint64_t)a | (uint64_t)b << (8 * (n - 2));
    }
    return w[0];
#else
    return stance_lexh_bytes(w, n < 8 ? n : 8);
#endif
}

/* The home slot of a word of length @p n and key @p k. */
static inline size_t stance_lexh_slot(uint64_t k, size_t n)
{
    return (size_t)(((k ^ n) * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - STANCE_LEXH_BITS));
}

/* The word's tag: the 16 bits of the same product below the slot's. A slot
 * holds its entry's tag beside the index, so a look-up passes over the
 * entries of other words without reading them (most words asked for are in
 * no entry at all). */
static inline uint32_t stance_lexh_tag(uint64_t k, size_t n)
{
    return (uint32_t)(((k ^ n) * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - STANCE_LEXH_BITS - 16)) & 0xffffu;
}
#endif
