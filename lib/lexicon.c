/*
 * lexicon.c - the word table of lexicon.def and its lookups (see lexicon.h).
 * The entries are a sorted constant array; a look-up finds its word through a
 * hash table of their indexes (open addressing, linear probing, at most half
 * full) that lib/gen_lexicon.c writes at build time into lexicon_table.h, also
 * static const: no allocation, no state, nothing built at run time. A word is
 * hashed by its first 8 bytes (lexicon_hash.h, shared with the generator) and
 * compared 8 bytes at a time; the case-blind look-up lowers those 8-byte
 * words as it reads them rather than copying the word.
 */
#include "config.h"

#include <string.h>

#include "lexicon.h"
#include "lexicon_hash.h"
#include "tokens.h"

#define L(x) STANCE_LX(x)
#define Q(x) STANCE_LQ(x)
#define PRON(p, g, n, c) STANCE_PRON_FEAT(p, STANCE_PG_##g, STANCE_PN_##n, STANCE_PC_##c)
static const stance_lexent LEXICON[] = {
#define LEX(w, l, q, f) {w, sizeof w - 1, l, q, f},
#include "lexicon.def"
#undef LEX
};
#define NLEX (sizeof LEXICON / sizeof *LEXICON)

/* The hash table, written by lib/gen_lexicon.c at build time (lexicon_hash.h):
 * LEXTABLE[h] is an entry's index + 1 in its low 16 bits and the entry's
 * word's tag (stance_lexh_tag()) in its high 16 bits, 0 for an empty slot. */
#include "lexicon_table.h"
_Static_assert(LEXTABLE_NWORDS == NLEX, "lexicon_table.h was generated from this lexicon.def");
_Static_assert(STANCE_LEX_MAXLEN + 1 >= 16, "same() reads an entry's bytes [0, 16)");

/* The 8 bytes of v with their ASCII capitals lowered, every other byte kept:
 * stance_b8_upper() of the low 7 bits of each byte (no carry crosses a byte,
 * so each byte's bit 7 says whether that byte is in ['A', 'Z']), bytes >= 0x80
 * excluded, and 0x20 added to each capital. */
static inline uint64_t lower8(uint64_t v)
{
    return v | ((stance_b8_upper(v & ~STANCE_B8_HIGHS) & ~v) >> 2);
}

/* 8 bytes at p, lowered when @p fold. */
static inline uint64_t word8(const unsigned char *p, int fold)
{
    uint64_t v = stance_lexh_ld8(p);
    return fold ? lower8(v) : v;
}

/* Is entry x the word w[0, n) (lowered when @p fold), whose key is k? Its length,
 * its first 8 bytes (an entry's bytes past its end are zeros, as are the key's)
 * and, for a longer word, its last 8 and its bytes [8, 16): loads that may
 * overlap, within the entry's STANCE_LEX_MAXLEN + 1 bytes. */
static inline int same(const stance_lexent *x, const unsigned char *w, size_t n, uint64_t k, int fold)
{
    const unsigned char *e = (const unsigned char *)x->w;
    return x->n == n && stance_lexh_ld8(e) == k &&
           (n <= 8 || (stance_lexh_ld8(e + n - 8) == word8(w + n - 8, fold) &&
                       (n <= 16 || stance_lexh_ld8(e + 8) == word8(w + 8, fold))));
}

/* The entry of w[0, n) (its ASCII capitals lowered when @p fold), or -1: from
 * the word's home slot to the first empty one. Inlined into the shorthands
 * below, fold a constant, each a look-up of its own (always: with two
 * folded callers GCC kept it out of line, and with it inlined it called the
 * shorthands from stance_lex_is() and the like: +0.12 % instructions). */
static inline __attribute__((always_inline)) long find(const char *w, size_t n, int fold)
{
    const unsigned char *u = (const unsigned char *)w;
    uint64_t k;
    if (n == 0 || n > STANCE_LEX_MAXLEN)
        return -1; /* (no entry is longer) */
    k = stance_lexh_key(u, n);
    k = fold ? lower8(k) : k;
    const uint32_t tag = stance_lexh_tag(k, n);
    for (size_t h = stance_lexh_slot(k, n);; h = (h + 1) & (STANCE_LEXH_SIZE - 1)) {
        uint32_t x = LEXTABLE[h];
        if (x == 0)
            return -1;
        /* another word's tag: its entry is not read */
        if (x >> 16 == tag && same(&LEXICON[(x & 0xffffu) - 1], u, n, k, fold))
            return (long)(x & 0xffffu) - 1;
    }
}

long stance_lex_find(const char *w, size_t n)
{
    return find(w, n, 0);
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
    long i = find(w, n, 0);
    return i >= 0 ? LEXICON[i].cls : 0;
}

uint64_t stance_lex_rules(const char *w, size_t n)
{
    long i = find(w, n, 0);
    return i >= 0 ? LEXICON[i].rules : 0;
}

uint64_t stance_lex_classes_lower(const char *w, size_t n)
{
    long i = find(w, n, 1);
    return i >= 0 ? LEXICON[i].cls : 0;
}

uint64_t stance_lex_rules_lower(const char *w, size_t n)
{
    long i = find(w, n, 1);
    return i >= 0 ? LEXICON[i].rules : 0;
}

int stance_lex_is(const char *w, size_t n, uint64_t mask)
{
    long i = find(w, n, 0);
    return i >= 0 && (LEXICON[i].cls & mask) != 0;
}

int stance_lex_in_rules(const char *w, size_t n, uint64_t mask)
{
    long i = find(w, n, 0);
    return i >= 0 && (LEXICON[i].rules & mask) != 0;
}

int stance_lex_known(const char *w, size_t n)
{
    long i = find(w, n, 0);
    return i >= 0 && ((LEXICON[i].cls & STANCE_LX_KNOWN) || LEXICON[i].rules);
}

size_t stance_lex_check(void)
{
    for (size_t i = 0; i < NLEX; i++) {
        if (strlen(LEXICON[i].w) != LEXICON[i].n || LEXICON[i].n == 0 || LEXICON[i].n > STANCE_LEX_MAXLEN)
            return i + 1;
        if (i > 0 && strcmp(LEXICON[i - 1].w, LEXICON[i].w) >= 0)
            return i + 1;
        if (find(LEXICON[i].w, LEXICON[i].n, 0) != (long)i)
            return i + 1;
    }
    return 0;
}
