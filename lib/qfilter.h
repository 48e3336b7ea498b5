/*
 * qfilter.h - cheap necessary conditions of the quote extractor's attribution
 * patterns, tested in C before a PCRE2 match (private to the quote extractor).
 *
 * Most runs of the AFTER, BEFORE and PARTIAL patterns fail, and a failing run
 * backtracks through every character of its window (a noun phrase matched
 * lazily, then a reporting verb tried after each space): on the PolNeAR dev
 * articles the failures were three quarters of the sieves' matching time. Each
 * of these patterns needs a word of one of its verb lists, as a whole word of
 * lowercase ASCII letters, in a part of the window the filter can find without
 * backtracking. When no such word is there, the pattern cannot match, and the
 * run is skipped: a filter only ever says "cannot match" when that is true,
 * so the extraction's results do not change (see stance_q_run()).
 *
 * The word set holds the first word of every entry of the verb lists ("pointed"
 * of "pointed out"), each with a bit per list. It is built from the lists the
 * patterns are compiled from, once, when the patterns are compiled; it is
 * read-only afterwards and may be shared between threads.
 */
#ifndef STANCE_QFILTER_H
#define STANCE_QFILTER_H
#include "stance_internal.h"

typedef struct stance_wordset stance_wordset;

/* A set of the first words of the '|'-separated lists @p lists[0 .. @p n - 1]
 * (lowercase ASCII words, or one capital then lowercase: "Tweeted"; n <= 8),
 * word w getting bit i for each list i that holds an entry starting with w.
 * STANCE_ERR_NOMEM, or STANCE_ERR_INVALID for a list word that is not such a
 * word or longer than 32 bytes. */
int stance_wordset_new(const char *const *lists, int n, stance_wordset **out, stance_error *err);
void stance_wordset_free(stance_wordset *s);
/* The list bits of the word w[0, n) (0 when it is in no list). */
unsigned stance_wordset_lists(const stance_wordset *s, const char *w, size_t n);

/* Where a scan forward stops (the characters the part before the verb cannot
 * hold). */
#define STANCE_QF_STOP_SENT 1u /* '\n', '!', '?' */
#define STANCE_QF_STOP_NPCH 2u /* also ';' and U+201E: a noun phrase of the patterns holds none of them */

/* Is there a maximal run of [a-z] in text[s, e) that is a word of the lists
 * @p mask (or, when the lists hold a capitalised word, the run with the
 * capital before it), before the first stop character after s (@p stops; the byte at s
 * itself is never a stop)? */
int stance_qf_verb_ahead(const stance_wordset *ws, const char *t, size_t s, size_t e, unsigned mask, unsigned stops);
/* Is there such a run in text[s, e) after the last '\n', '"', U+201C or U+201D? */
int stance_qf_verb_behind(const stance_wordset *ws, const char *t, size_t s, size_t e, unsigned mask);
/* Does text[s, e) end in ',' or ':' and nothing after it but ' ' and U+00A0? */
/* The first ',' of [@p s, @p e) before any '\n', '"', '!', '?', U+201C or
 * U+201D (the characters PARTIAL_AFTER's part before its comma cannot hold);
 * @p e when there is none. */
size_t stance_qf_first_comma(const char *t, size_t s, size_t e);
int stance_qf_ends_comma_colon(const char *t, size_t s, size_t e);
/* After an optional ',' or '.' and spaces (' ', U+00A0) from @p s, does
 * text[s, e) go on with U+2013, U+2014, U+2015, "--" or "[Aa]ccording" (what
 * the DASH pattern needs there)? */
int stance_qf_dash_next(const char *t, size_t s, size_t e);
#endif
