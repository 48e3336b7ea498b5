/*
 * lexicon.c - the word table of lexicon.def and its lookups (see lexicon.h).
 * A binary search over a sorted constant array: no allocation, no state.
 * The search compares 64-bit keys first, each word's first 8 bytes read
 * big-endian and padded with zeros (in a parallel array computed by the
 * compiler from the same lines of lexicon.def): one comparison a step, and
 * the bytes themselves only when the keys are equal. A word whose first byte is
 * a letter is searched for among the words of that first byte only.
 */
#include "config.h"

#include <string.h>

#include "lexicon.h"

#define L(x) STANCE_LX(x)
#define Q(x) STANCE_LQ(x)
#define PRON(p, g, n, c) STANCE_PRON_FEAT(p, STANCE_PG_##g, STANCE_PN_##n, STANCE_PC_##c)
static const stance_lexent LEXICON[] = {
#define LEX(w, l, q, f) {w, sizeof w - 1, l, q, f},
#include "lexicon.def"
#undef LEX
};
#define NLEX (sizeof LEXICON / sizeof *LEXICON)

/* Byte i of the string literal w as a key byte (0 past its end), and the key. */
#define KB(w, i) ((uint64_t)(sizeof(w) > (i) + 1 ? (unsigned char)(w)[(i)] : 0u) << (56 - 8 * (i)))
#define KEY(w) (KB(w, 0) | KB(w, 1) | KB(w, 2) | KB(w, 3) | KB(w, 4) | KB(w, 5) | KB(w, 6) | KB(w, 7))
/* (then 256 keys above every word's, which a search of a first byte's words may
 * read past their end: find()) */
#define PAD8 UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX,
#define PAD32 PAD8 PAD8 PAD8 PAD8
static const uint64_t LEXKEY[] = {
#define LEX(w, l, q, f) KEY(w),
#include "lexicon.def"
#undef LEX
    PAD32 PAD32 PAD32 PAD32 PAD32 PAD32 PAD32 PAD32
};

/* The first-byte index: IXSTART[c - IX_LO] is where the words whose first byte is c
 * begin and IXSTART[c - IX_LO + 1] where they end, for c from IX_LO to IX_LO + 63
 * (the letters, which start every entry but a few); lexicon_ix.h counts them from
 * lexicon.def at compile time (one entry per level of its inclusion of itself). A search for a word that starts with such a byte runs
 * over that byte's words only: 8 steps instead of 12. */
#define IX_LO 'A'
#define IX_N 64
static const uint16_t IXSTART[IX_N + 1] = {
#include "lexicon_ix.h"
    , NLEX,
};
_Static_assert(NLEX < UINT16_MAX, "the first-byte index holds 16-bit positions");
#define FIRST_MAX 255 /* the most words one first byte may have (find()'s eight steps) */

/* The key of w[0, n): its order is the bytes' order (no entry holds a NUL,
 * and a word that does sorts the same way: a shorter word first). */
static inline uint64_t key_of(const unsigned char *w, size_t n)
{
    uint64_t k = 0;
    size_t m = n < 8 ? n : 8;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* whole loads, byte-swapped: 8 bytes, or from 4 two 4-byte loads that
     * overlap (a byte in both lands in the same place twice) */
    uint32_t hi, lo;
    if (n >= 8) {
        memcpy(&k, w, 8);
        return __builtin_bswap64(k);
    }
    if (n >= 4) {
        memcpy(&hi, w, 4);
        memcpy(&lo, w + n - 4, 4);
        return (uint64_t)__builtin_bswap32(hi) << 32 | (uint64_t)__builtin_bswap32(lo) << (64 - 8 * n);
    }
#endif
    for (size_t i = 0; i < m; i++)
        k = (k << 8) | w[i];
    return m < 8 ? k << (8 * (8 - m)) : k;
}

/* strcmp order of w[0, n) against an entry whose key equals w's: the bytes
 * after the eighth, then the shorter first. */
static int cmp_rest(const unsigned char *w, size_t n, const stance_lexent *e)
{
    const unsigned char *x = (const unsigned char *)e->w;
    size_t m = n < e->n ? n : e->n;
    for (size_t i = 8; i < m; i++)
        if (w[i] != x[i])
            return w[i] < x[i] ? -1 : 1;
    return n < e->n ? -1 : n > e->n;
}

/* The search itself, inlined into the shorthands below: the first key not
 * below w's (a search without branches on the data), then the entries of
 * that key (words that share their first 8 bytes) in order. */
static inline long find(const char *w, size_t n)
{
    size_t base = 0, len = NLEX;
    uint64_t k;
    unsigned b0;
    if (n == 0 || n > STANCE_LEX_MAXLEN)
        return -1; /* (no entry is longer) */
    k = key_of((const unsigned char *)w, n);
    b0 = (unsigned char)w[0] - (unsigned)IX_LO;
    if (b0 < IX_N) {
        /* only the words of its first byte (at most FIRST_MAX), in eight steps of 128 .. 1
         * without a branch: the keys past them are above w's (the next first bytes', then
         * the padding), so the search ends on the first key not below w's or just past
         * the words of w's first byte (none: base is past them) */
        base = IXSTART[b0];
        len = 0;
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC unroll 8
#endif
        for (size_t h = 128; h; h >>= 1)
            base += (size_t)(LEXKEY[base + h - 1] < k) * h; /* (a product, not a branch) */
    }
    while (len > 1) { /* (the words of other first bytes: all of them) */
        size_t half = len / 2;
        base = LEXKEY[base + half - 1] < k ? base + half : base;
        len -= half;
    }
    for (; base < NLEX && LEXKEY[base] == k; base++) {
        int c = cmp_rest((const unsigned char *)w, n, &LEXICON[base]);
        if (c <= 0)
            return c == 0 ? (long)base : -1;
    }
    return -1;
}

long stance_lex_find(const char *w, size_t n)
{
    return find(w, n);
}

const stance_lexent *stance_lex_entry(long i)
{
    return i >= 0 && (size_t)i < NLEX ? &LEXICON[i] : NULL;
}

size_t stance_lex_count(void)
{
    return NLEX;
}

uint64_t stance_lex_classes(const char *w, size_t n)
{
    long i = find(w, n);
    return i >= 0 ? LEXICON[i].cls : 0;
}

uint64_t stance_lex_rules(const char *w, size_t n)
{
    long i = find(w, n);
    return i >= 0 ? LEXICON[i].rules : 0;
}

uint64_t stance_lex_classes_lower(const char *w, size_t n)
{
    char b[STANCE_LEX_MAXLEN + 1];
    if (n > STANCE_LEX_MAXLEN)
        return 0; /* longer than every entry */
    for (size_t i = 0; i < n; i++)
        b[i] = (w[i] >= 'A' && w[i] <= 'Z') ? (char)(w[i] - 'A' + 'a') : w[i];
    return stance_lex_classes(b, n);
}

int stance_lex_is(const char *w, size_t n, uint64_t mask)
{
    return (stance_lex_classes(w, n) & mask) != 0;
}

int stance_lex_in_rules(const char *w, size_t n, uint64_t mask)
{
    return (stance_lex_rules(w, n) & mask) != 0;
}

int stance_lex_known(const char *w, size_t n)
{
    const stance_lexent *x = stance_lex_entry(stance_lex_find(w, n));
    return x && ((x->cls & STANCE_LX_KNOWN) || x->rules);
}

size_t stance_lex_check(void)
{
    for (size_t i = 0; i < NLEX; i++) {
        if (strlen(LEXICON[i].w) != LEXICON[i].n || LEXICON[i].n == 0 || LEXICON[i].n > STANCE_LEX_MAXLEN)
            return i + 1;
        if (i > 0 && strcmp(LEXICON[i - 1].w, LEXICON[i].w) >= 0)
            return i + 1;
        if (LEXKEY[i] != key_of((const unsigned char *)LEXICON[i].w, LEXICON[i].n))
            return i + 1;
        if ((unsigned char)LEXICON[i].w[0] - (unsigned)IX_LO < IX_N &&
            (i < IXSTART[(unsigned char)LEXICON[i].w[0] - IX_LO] || i >= IXSTART[(unsigned char)LEXICON[i].w[0] - IX_LO + 1]))
            return i + 1;
    }
    for (size_t c = 0; c < IX_N; c++)
        if (IXSTART[c + 1] - IXSTART[c] > FIRST_MAX)
            return NLEX + 1;
    return 0;
}
