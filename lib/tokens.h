/*
 * tokens.h - the token layer: one pass over a document gives every module the
 * same tokens, with their shape, their lexicon classes and the sentence and
 * paragraph they belong to. This header is the contract; what it promises:
 *
 * TOKENS. stance_toks_build() cuts valid UTF-8 text into tokens, each a
 * half-open byte range [start, end) of the text, in text order, never
 * overlapping, never empty; white space is between tokens, never inside one.
 * Kinds (stance_token.kind):
 *   STANCE_TK_WORD    letters, marks and digits, with joiners inside it: an
 *                     apostrophe before a letter ("don't", "O'Neil"), a hyphen
 *                     before a letter or digit ("ex-President", "R-Fla"), a dot
 *                     inside a dotted abbreviation ("U.S"). A final dot belongs
 *                     to the word when the word is an initial ("J."), a dotted
 *                     abbreviation ("U.S.") or is listed with the dot in the
 *                     lexicon ("Sen.", "Mr.", "Gov.") or in the abbreviation
 *                     list ("Calif." "Fla." "Jan."): STANCE_SH_DOT is then set.
 *   STANCE_TK_NUMBER  digits with "." "," ":" "/" between digits: "3.5", "1,000", "9/11"
 *                     (a number run into letters, "2nd", "1990s", is a WORD with STANCE_SH_DIGIT)
 *   STANCE_TK_POSS    the clitic "'s" / "\u2019s" at the end of a word: "Trump" "'s"
 *                     (possessive, or "is" as in "it's"; the token is split either way)
 *   STANCE_TK_QUOTE   a quote mark; stance_token.mark says which (STANCE_QM_*)
 *   STANCE_TK_DASH    an em/en dash, U+2012, U+2015 ("\u2014"), "--", or a "-" with
 *                     white space on both sides
 *   STANCE_TK_PUNCT   any other punctuation or symbol, one code point a token
 *                     except "..." (one token); stance_token.mark is its byte
 *                     when it is ASCII ('.', ',', '(' ...), '.' for U+2026, else 0
 * Quote marks: U+201C U+201E U+201F U+00AB U+2039 open (STANCE_QM_OPEN),
 * U+201D U+00BB U+203A close (STANCE_QM_CLOSE), '"' is ambiguous
 * (STANCE_QM_AMBIG); U+2018 / U+2019 / "'" are single marks (STANCE_QM_SINGLE)
 * when they are not inside a word; U+2018 and U+201A open, U+2019 closes, "'"
 * is ambiguous. Every mark carries STANCE_QM_LEFT / STANCE_QM_RIGHT by
 * CommonMark's flanking rule (an opening bracket or the start of the text
 * counts as white space): left-flanking looks like an opening mark, right-
 * flanking like a closing one; both or neither when it cannot tell. Pairing
 * marks is the quote extractor's job, not this layer's.
 *
 * SHAPE (stance_token.shape, STANCE_SH_*) is read from Unicode categories
 * (utf8proc), not from ASCII or Latin-1 ranges: "Łukasz" has STANCE_SH_CAP.
 *
 * LEXICON. A word's classes are those of its lexicon entry as written
 * (stance_token.lex, .cls; see lexicon.h) and, for words with a capital, also
 * of its lower-cased form (.llex, .lcls; the same as .lex/.cls otherwise): the
 * names and quotes rules are case-sensitive and read .cls, stance features
 * read .lcls. Pronoun features: stance_lex_entry(tok.llex)->feat.
 *
 * SENTENCES AND PARAGRAPHS. A line break ('\n', U+2028, U+2029) ends a
 * paragraph and a sentence. A sentence also ends after ".", "!", "?", "..."
 * (and the quote marks and ")" that close right after it) when white space
 * follows and then a capital, a digit, a quote mark or bracket that opens, a
 * dash, or the end of the paragraph. A dot inside a word token (an
 * abbreviation, "Sen.") ends no sentence. stance_token.sent / .para number
 * them from 0; the flags STANCE_SH_SENT_START / STANCE_SH_PARA_START mark
 * the first token of each, and STANCE_SH_CLAUSE_START the first token of a
 * sentence and any token after ",", ";", ":", "(", ")", a dash or a quote mark
 * (a clause boundary by punctuation; with STANCE_LX_CONJ / STANCE_LX_REL in
 * .lcls a consumer also sees clauses opened by "but", "because", "which").
 *
 * LOOKUP. stance_toks_at() maps a byte offset to a token index by binary
 * search: the token that contains the offset, or else the first one after it.
 *
 * Memory and threads: a stance_toks is per-call scratch owned by its caller
 * (zero it, build, stance_toks_clear() it; it may be rebuilt to reuse its
 * buffer). Allocation through lib/alloc.c; no global state; the text is only
 * read, and every offset refers to it.
 */
#ifndef STANCE_TOKENS_H
#define STANCE_TOKENS_H
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "lexicon.h"
#include "stance_internal.h"

/* Token kinds. */
#define STANCE_TK_WORD 1u
#define STANCE_TK_NUMBER 2u
#define STANCE_TK_PUNCT 3u
#define STANCE_TK_QUOTE 4u
#define STANCE_TK_DASH 5u
#define STANCE_TK_POSS 6u

/* Shape bits. */
#define STANCE_SH_CAP 0x0001u         /* first letter upper or title case (Lu, Lt) */
#define STANCE_SH_LOWER 0x0002u       /* first letter lowercase (Ll) */
#define STANCE_SH_ALLCAPS 0x0004u     /* two letters or more, none lowercase ("NATO", "U.S.") */
#define STANCE_SH_DIGIT 0x0008u       /* holds a digit */
#define STANCE_SH_DOT 0x0010u         /* ends in its abbreviation dot ("Sen.", "J.", "U.S.") */
#define STANCE_SH_INITIAL 0x0020u     /* one letter and a dot: "J." */
#define STANCE_SH_HYPHEN 0x0040u      /* holds a hyphen */
#define STANCE_SH_APOS 0x0080u        /* holds an apostrophe (' or U+2019) */
#define STANCE_SH_NONASCII 0x0100u    /* holds a byte >= 0x80 */
#define STANCE_SH_SPACE_BEFORE 0x0200u /* white space (or the start of the text) right before it */
#define STANCE_SH_SENT_START 0x0400u  /* first token of a sentence */
#define STANCE_SH_PARA_START 0x0800u  /* first token of a paragraph */
#define STANCE_SH_CLAUSE_START 0x1000u /* first token of a clause by punctuation (see above) */

/* Quote-mark bits (stance_token.mark for STANCE_TK_QUOTE). */
#define STANCE_QM_OPEN 0x01u   /* opens by its shape */
#define STANCE_QM_CLOSE 0x02u  /* closes by its shape */
#define STANCE_QM_AMBIG 0x04u  /* straight mark: either */
#define STANCE_QM_SINGLE 0x08u /* a single mark (else double) */
#define STANCE_QM_LEFT 0x10u   /* left-flanking: looks like an opening mark */
#define STANCE_QM_RIGHT 0x20u  /* right-flanking: looks like a closing mark */

typedef struct stance_token {
    size_t start, end; /* bytes [start, end) of the text */
    uint64_t cls;      /* STANCE_LX() classes of the word as written, 0 if not listed */
    uint64_t lcls;     /* those of its lower-cased form (== cls when it has no capital) */
    int32_t lex;       /* lexicon entry of the word as written, or -1 */
    int32_t llex;      /* lexicon entry of the lower-cased form, or -1 */
    uint32_t sent;     /* sentence number, from 0 */
    uint32_t para;     /* paragraph number, from 0 */
    uint16_t shape;    /* STANCE_SH_* */
    uint8_t kind;      /* STANCE_TK_* */
    uint8_t mark;      /* STANCE_QM_* for quote marks; the ASCII byte of PUNCT */
} stance_token;

typedef struct stance_toks {
    stance_token *v;
    size_t n, cap;
    uint32_t nsent, npara; /* sentences and paragraphs that hold a token */
} stance_toks;

/* Tokenise @p text (@p len bytes of valid UTF-8, checked by the caller) into
 * @p out, replacing what it held. STANCE_ERR_NOMEM on allocation failure (then
 * out->n is 0), STANCE_ERR_INVALID if @p out is NULL or @p text is NULL with
 * a length; STANCE_ERR_LIMIT past 2^32 - 1 sentences. */
int stance_toks_build(const char *text, size_t len, stance_toks *out, stance_error *err);
/* Free the tokens; the struct is left zeroed (NULL accepted). */
void stance_toks_clear(stance_toks *t);
/* Index of the token that contains byte @p off or, if none does, of the first
 * token after it (t->n when there is none). */
size_t stance_toks_at(const stance_toks *t, size_t off);

/* Case of the letter that starts at text[i] (valid UTF-8), by Unicode
 * category: 1 upper or title case (Lu, Lt), -1 lowercase (Ll), 0 anything
 * else (other letters, digits, punctuation, the end of the text). */
int stance_letter_case_cp(const char *text, size_t i, size_t len); /* the same by the code point, any byte */
static inline int stance_letter_case(const char *text, size_t i, size_t len)
{
    /* ASCII inline: most letters asked about are, and the call cost more than the test */
    if (text && i < len && (unsigned char)text[i] < 0x80) {
        const unsigned char c = (unsigned char)text[i];
        return c >= 'A' && c <= 'Z' ? 1 : c >= 'a' && c <= 'z' ? -1 : 0;
    }
    return stance_letter_case_cp(text, i, len);
}

/* ---- space-delimited chunks ----------------------------------------------
 * The attribution rules of quotes.c and names.c still read "chunks": maximal
 * runs of bytes between horizontal white space, punctuation included ("said,"
 * is one chunk). They are kept byte for byte until those rules move onto the
 * tokens above; new code should read tokens. */

/* The no-break space U+00A0 as UTF-8 (two bytes), for memmem() and strstr(). */
#define STANCE_NBSP "\xc2\xa0"
/* Does a no-break space (U+00A0) start at text[i], within text[0, len)? The
 * one byte test of it (stance_hspace() below; actors' names written with one,
 * "Donald\u00a0Trump"). */
static inline int stance_nbsp_at(const char *text, size_t i, size_t len)
{
    return (unsigned char)text[i] == 0xC2 && i + 1 < len && (unsigned char)text[i + 1] == 0xA0;
}
/* The same read backwards: do the last two bytes of text[lo, e) make a
 * no-break space (a scan that steps back over spaces, "said,\u00a0" ends
 * with a comma)? */
static inline int stance_nbsp_ends(const char *text, size_t lo, size_t e)
{
    return e >= lo + 2 && (unsigned char)text[e - 1] == 0xA0 && (unsigned char)text[e - 2] == 0xC2;
}

/* Does an en dash, an em dash or a horizontal bar (U+2013..U+2015) start at
 * text[i], within text[0, len)? The dashes of the quote rules (quotes_int.h's
 * is_dash_at()) and of qfilter.c's "a dash next". */
static inline int stance_dash_at(const char *text, size_t i, size_t len)
{
    return (unsigned char)text[i] == 0xE2 && i + 2 < len && (unsigned char)text[i + 1] == 0x80 &&
           ((unsigned char)text[i + 2] >= 0x93 && (unsigned char)text[i + 2] <= 0x95);
}

/* Length of the horizontal white space character at text[i] (i < len): 1 for
 * ' ', '\t', '\r', '\f', '\v', 2 for U+00A0, 3 for U+2000..U+200A; else 0.
 * (A line break is not horizontal: '\n' gives 0.) */
/* (inline: the rules call it for every byte they step over) */
static inline int stance_hspace(const char *text, size_t i, size_t len)
{
    const unsigned char *u = (const unsigned char *)text;
    unsigned char c = u[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
        return 1;
    if (stance_nbsp_at(text, i, len))
        return 2;
    if (c == 0xE2 && i + 2 < len && u[i + 1] == 0x80 && u[i + 2] >= 0x80 && u[i + 2] <= 0x8A)
        return 3; /* U+2000..U+200A */
    return 0;
}

/* Bytes by word class, the one definition of a word byte: 1 an ASCII letter
 * or digit, 0 any other ASCII byte, 2 a byte from 0x80 on (a byte of a
 * non-ASCII character). Read byte by byte by stance_is_word_byte(), by
 * stance_word_byte() in mentions.h (which looks at a class-2 byte's
 * neighbours) and by wordix.c's scan of a whole text: a table, because the
 * predicate called as a function cost 1.5 % more instructions. */
#define STANCE_WC_HI16 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2
#define STANCE_WC_LETTERS32 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0
static const unsigned char STANCE_WORD_CLASS[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
    STANCE_WC_LETTERS32, STANCE_WC_LETTERS32, STANCE_WC_HI16, STANCE_WC_HI16, STANCE_WC_HI16, STANCE_WC_HI16,
    STANCE_WC_HI16, STANCE_WC_HI16, STANCE_WC_HI16, STANCE_WC_HI16};
#undef STANCE_WC_HI16
#undef STANCE_WC_LETTERS32

/* A byte that goes on a word, byte by byte: an ASCII letter or digit, or any
 * byte of a non-ASCII character (stance_word_byte() in mentions.h also tells
 * the quote marks and dashes of U+2000..U+20FF apart). */
static inline int stance_is_word_byte(unsigned char c)
{
    return STANCE_WORD_CLASS[c] != 0;
}

/* The part of a text of @p len bytes within STANCE_NEAR_REACH bytes of [s, e),
 * as [*lo, *hi): "the article" of a word search asked again for many runs of
 * one document (names.c's glued words, discovery's common words). It holds all
 * of any article; the whole of a long text searched for each run made one long
 * record's cost quadratic. */
#define STANCE_NEAR_REACH ((size_t)64 << 10)
/* The same within @p reach bytes (speakers.c's "written in lowercase nearby"). */
static inline void stance_near_reach(size_t len, size_t s, size_t e, size_t reach, size_t *lo, size_t *hi)
{
    *lo = s > reach ? s - reach : 0;
    *hi = len - e > reach ? e + reach : len;
}
static inline void stance_near(size_t len, size_t s, size_t e, size_t *lo, size_t *hi)
{
    stance_near_reach(len, s, e, STANCE_NEAR_REACH, lo, hi);
}

/* Is t[s, s + n) = first, w[1, n) a whole word of t[0, len) (n >= 1, s + n <= len)? */
static inline int stance_word_at(const char *t, size_t len, size_t s, char first, const char *w, size_t n)
{
    size_t e = s + n;
    return t[s] == first && memcmp(t + s + 1, w + 1, n - 1) == 0 &&
           (s == 0 || !stance_is_word_byte((unsigned char)t[s - 1])) &&
           (e == len || !stance_is_word_byte((unsigned char)t[e]));
}

/* Does the word of @p n bytes @p first, w[1, n) (w[0] is not read: "people"
 * for "People" needs no copy) stand whole in t[0, len) inside [lo, hi): no
 * word byte on either side in t? 0 for n == 0. (the
 * speakers' "written in lowercase nearby" and discovery's "in the article") */
int stance_word_in_span(const char *t, size_t len, size_t lo, size_t hi, char first, const char *w, size_t n);

/* Does w[0, n) stand in t[0, len) as a whole word (no letter, digit or
 * non-ASCII byte on either side)? (discovery: the lowercase form of a run's
 * word.) 0 for an empty word. */
int stance_word_in_text(const char *t, size_t len, const char *w, size_t n);
/* Is t[ws, we) shaped like a noun of a person who does something ("member",
 * "councillor", "referee", "strategist", "politician", "chairman"): 4 to 15
 * lowercase ASCII letters ending in -er, -or, -ee, -ist, -ian or -man? The
 * form only: callers ask the lexicon what else the word is. */
int stance_agent_noun(const char *t, size_t ws, size_t we);
/* Is the word w[0, n) shaped like a regular past tense or participle: four
 * bytes or more ending in lowercase "-ed" ("rallied", "ranged", "blamed"; not
 * "red", "bed", "Ed")? The form only, the one definition of the test: a verb
 * after a subject (sieves_late.c, mentions_kind.c's verb_like() and
 * management_at()), a participle (structure.c, which adds "-en"). */
static inline int stance_ed_form(const char *w, size_t n)
{
    return n >= 4 && w[n - 2] == 'e' && w[n - 1] == 'd';
}

/* Does a possessive "'s" or "\u2019s" (either case of s) start at t[end]? The
 * one definition (#15) of the possessive after a name (actors' mentions, the
 * sieves' names); what follows is not read ("Obama\u2019s" before a no-break
 * space is one). */
static inline int stance_possessive_at(const char *t, size_t len, size_t end)
{
    if (end + 2 <= len && t[end] == '\'')
        return (t[end + 1] | 0x20) == 's';
    return end + 4 <= len && memcmp(t + end, "\xe2\x80\x99", 3) == 0 && (t[end + 3] | 0x20) == 's';
}

/* Where the possessive that ends the word t[s, e) starts, the one definition
 * (#15; names.c's bare names, np.c, speaker_names' owners, mentions_more.c's
 * kinship, mentions_ties.c's possessive_s(), mentions_roles.c's
 * possessor_before()): its "'s" or "\u2019s" after at least one byte ("'S"
 * too, as the token layer's STANCE_TK_POSS reads it) and, with @p plural, the
 * apostrophe after a plural's "s" ("the Parks'", "the Parks\u2019"; the word
 * of three bytes or more); @p e when it has none. Only the length e - s is
 * read before the possessive: @p s may be any floor at or before the word's
 * start (0 when it is not known). (inline: names.c asks it of every name run) */
static inline size_t stance_poss_start(const char *t, size_t s, size_t e, int plural)
{
    size_t n = e - s;
    if (n < 3)
        return e;
    if ((t[e - 1] | 0x20) == 's') {
        if (t[e - 2] == '\'')
            return e - 2; /* "Park's" */
        if (n >= 5 && (unsigned char)t[e - 2] == 0x99 && memcmp(t + e - 4, "\xE2\x80", 2) == 0)
            return e - 4; /* "Park\u2019s" */
    } else if (plural && t[e - 1] == '\'' && (t[e - 2] | 0x20) == 's')
        return e - 1; /* "Parks'" */
    else if (plural && n >= 5 && (unsigned char)t[e - 1] == 0x99 && memcmp(t + e - 3, "\xE2\x80", 2) == 0 &&
             (t[e - 4] | 0x20) == 's')
        return e - 3; /* "Parks\u2019" */
    return e;
}

/* Do a[0, n) and b[0, n) hold the same bytes, ASCII letters compared without case? */
static inline int stance_ascii_caseeq(const char *a, const char *b, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (a[k] != b[k] && !((a[k] | 0x20) == (b[k] | 0x20) && (unsigned char)((a[k] | 0x20) - 'a') < 26))
            return 0;
    return 1;
}
/* The next chunk [*ws, *we) at or after *i and before @p e (@p len bounds the
 * white-space test): skips white space, sets *i = *we, returns 1; 0 at @p e. */
int stance_chunk_next(const char *text, size_t *i, size_t e, size_t len, size_t *ws, size_t *we);
/* The first position at or after @p i that holds an ASCII capital or a byte
 * from 0x80 on, or @p len: where the whole-text scans for names and acronyms
 * have something to look at (sixteen bytes a step with SSE2). */
size_t stance_next_upper_or_high(const char *t, size_t i, size_t len);

/* The code point at text[i] (i < len) and its byte length: stance_utf8_decode()
 * with its ASCII branch inline (most bytes of English text), for the token
 * layer and the feature tokeniser alike. */
static inline size_t stance_cp_at(const unsigned char *u, size_t len, size_t i, int32_t *cp)
{
    if (u[i] < 0x80) {
        *cp = u[i];
        return 1;
    }
    return stance_utf8_decode(u, len, i, cp);
}

/* ---- eight bytes at a time ------------------------------------------------
 * The scans that look for rare bytes (quote marks, capitals) step over
 * ordinary text a 64-bit word at a time. Each test below is exact for the
 * eight bytes taken together (nonzero iff some byte qualifies), which is all
 * the scans ask: a word that may hold a byte of interest is scanned byte by
 * byte, so the result never depends on the byte order of the machine. */
#define STANCE_B8_ONES UINT64_C(0x0101010101010101)
#define STANCE_B8_HIGHS UINT64_C(0x8080808080808080)
static inline uint64_t stance_b8_load(const char *p)
{
    uint64_t w;
    memcpy(&w, p, sizeof w);
    return w;
}
/* Nonzero iff a byte of @p w equals @p b. */
static inline uint64_t stance_b8_has(uint64_t w, unsigned char b)
{
    uint64_t v = w ^ (STANCE_B8_ONES * b);
    return (v - STANCE_B8_ONES) & ~v & STANCE_B8_HIGHS;
}
/* Nonzero iff a byte of @p w is >= 0x80. */
static inline uint64_t stance_b8_high(uint64_t w)
{
    return w & STANCE_B8_HIGHS;
}
/* For a word with no byte >= 0x80 (no carry then crosses a byte): nonzero iff
 * a byte is in ['A', 'Z']. */
static inline uint64_t stance_b8_upper(uint64_t w)
{
    return (w + STANCE_B8_ONES * (0x80 - 'A')) & ~(w + STANCE_B8_ONES * (0x80 - 'Z' - 1)) & STANCE_B8_HIGHS;
}
/* The bytes that can start white space for stance_hspace(): the ASCII ones,
 * and the lead bytes of U+00A0 and U+2000..U+200A. Any other byte is part of
 * a chunk without the full test. */
static const unsigned char STANCE_HSPACE_LEAD[256] = {[' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\f'] = 1, ['\v'] = 1,
                                                      [0xC2] = 1, [0xE2] = 1};

/* stance_chunk_next() inline, for the loops that call it for every chunk (names.c's bare names) */
static inline int stance_chunk_next_in(const char *text, size_t *i, size_t e, size_t len, size_t *ws, size_t *we)
{
    const unsigned char *u = (const unsigned char *)text;
    size_t k = *i, h;
    while (k < e && STANCE_HSPACE_LEAD[u[k]] && (h = (size_t)stance_hspace(text, k, len)))
        k += h;
    if (k >= e)
        return 0;
    *ws = k;
    while (k < e) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        if (k + 8 <= e) {
            /* the first of eight bytes below 0x21 or from 0x80 on (never one
             * missed; a later one may be a false alarm, and is tested below) */
            uint64_t w = stance_b8_load(text + k);
            uint64_t m = ((w - STANCE_B8_ONES * 0x21) & ~w & STANCE_B8_HIGHS) | (w & STANCE_B8_HIGHS);
            if (!m) {
                k += 8;
                continue;
            }
            k += (size_t)__builtin_ctzll(m) >> 3;
        }
#endif
        if (STANCE_HSPACE_LEAD[u[k]] && stance_hspace(text, k, len))
            break;
        k++;
    }
    *we = k;
    *i = k;
    return 1;
}

#if defined(__SSE2__)
/* The sentence stops among the sixteen bytes from @p p: bit k set iff p[k] is
 * '\n', '.', '?' or '!' (the backward sentence-start searches step over the
 * sixteen at once when none is). */
static inline unsigned stance_stops16(const char *p)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(v, _mm_set1_epi8('.'))),
                             _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('?')), _mm_cmpeq_epi8(v, _mm_set1_epi8('!'))));
    return (unsigned)_mm_movemask_epi8(m);
}
#endif
#endif
