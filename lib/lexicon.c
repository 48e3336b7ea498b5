/*
 * lexicon.c - the word table of lexicon.def and its lookups (see lexicon.h).
 * A binary search over a sorted constant array: no allocation, no state.
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

/* strcmp order of w[0, n) against an entry: bytes, then the shorter first.
 * A byte loop, not memcmp(): most steps of the search end at the first byte,
 * and the call cost more than the compare (callgrind on the dev articles). */
static int cmp_entry(const unsigned char *w, size_t n, const stance_lexent *e)
{
    const unsigned char *x = (const unsigned char *)e->w;
    size_t m = n < e->n ? n : e->n;
    if (w[0] != x[0]) /* (n > 0, and every entry has a first byte) */
        return w[0] < x[0] ? -1 : 1;
    for (size_t i = 1; i < m; i++)
        if (w[i] != x[i])
            return w[i] < x[i] ? -1 : 1;
    return n < e->n ? -1 : n > e->n;
}

/* The search itself, inlined into the shorthands below. */
static inline long find(const char *w, size_t n)
{
    size_t lo = 0, hi = NLEX;
    if (n == 0 || n > STANCE_LEX_MAXLEN)
        return -1; /* (no entry is longer) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_entry((const unsigned char *)w, n, &LEXICON[mid]);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
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

int stance_lex_is(const char *w, size_t n, uint64_t mask)
{
    return (stance_lex_classes(w, n) & mask) != 0;
}

int stance_lex_in_rules(const char *w, size_t n, uint64_t mask)
{
    return (stance_lex_rules(w, n) & mask) != 0;
}

size_t stance_lex_check(void)
{
    for (size_t i = 0; i < NLEX; i++) {
        if (strlen(LEXICON[i].w) != LEXICON[i].n || LEXICON[i].n == 0 || LEXICON[i].n > STANCE_LEX_MAXLEN)
            return i + 1;
        if (i > 0 && strcmp(LEXICON[i - 1].w, LEXICON[i].w) >= 0)
            return i + 1;
    }
    return 0;
}
