/*
 * wordix.h - where the words a document may be asked for stand in it: one
 * pass over the text, made once per document, records every occurrence of a
 * given set of words (the first words of its name runs, their first letter in
 * lowercase), so that "is this word written within [lo, hi)?" costs a binary
 * search instead of a search of the span. Asked many times per name run over
 * a window of STANCE_NEAR_REACH bytes, that search made a long record's cost
 * grow faster than its text (names.c's glued words: 40 % of a 4 MB record's
 * instructions). The answers are stance_word_in_span()'s, byte for byte.
 */
#ifndef STANCE_WORDIX_H
#define STANCE_WORDIX_H
#include <stddef.h>
#include <stdint.h>

#define STANCE_WORDIX_FILTER_WORDS ((size_t)26 << 5) /* 64-bit words: 26 << 11 bits */
typedef struct stance_wordix {
    const char *t;  /* the text indexed, NULL when there is no index */
    size_t len;
    uint32_t *set;  /* the hashes of the words indexed, open addressing (0: empty) */
    size_t mask;    /* entries in set - 1 */
    uint64_t *at;   /* (hash << pbits | position) of each occurrence, ascending */
    size_t n;
    unsigned pbits; /* bits of a position */
    uint64_t *filter; /* [STANCE_WORDIX_FILTER_WORDS]: a bit set for each (first letter, last byte's low
                       * six bits, length's low five) of a word indexed (wordix.c's filter_bit()) */
} stance_wordix;

/* Index in @p t (of @p len bytes, below 4 GB) the words t[spans[2i],
 * spans[2i + 1]) (i < @p nw) that open with an ASCII capital, the capital in
 * lowercase: each word's occurrences as the maximal run of word bytes
 * (stance_is_word_byte()) up to its first other byte. STANCE_OK (with no index
 * for nothing to index) or STANCE_ERR_NOMEM. */
int stance_wordix_build(stance_wordix *ix, const char *t, size_t len, const size_t *spans, size_t nw);
void stance_wordix_free(stance_wordix *ix);

/* stance_word_in_span(t, len, lo, hi, first, w, n), from @p ix when it
 * indexes @p t and the word (else the search itself; @p ix may be NULL). */
int stance_wordix_in_span(const stance_wordix *ix, const char *t, size_t len, size_t lo, size_t hi, char first,
                          const char *w, size_t n);
#endif
