/*
 * tokens.c - the token layer (the contract is in tokens.h): one left-to-right
 * pass cuts the text into words, numbers, quote marks, dashes and punctuation,
 * reads each word's shape from Unicode categories, looks it up in the lexicon
 * (as written and lower-cased) and numbers sentences and paragraphs.
 * Linear in the text: each byte is decoded once, each word looked up at most
 * three times (as written, with its dot, lower-cased), each a binary search.
 */
#include "config.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <utf8proc.h>

#include "tokens.h"

/* What one code point is, for cutting tokens. */
enum { C_SPACE, C_BREAK, C_UPPER, C_LOWER, C_LETTER, C_MARK, C_DIGIT, C_OTHER };

#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int char_class_wide(int32_t cp)
{
    if (cp == 0x2028 || cp == 0x2029)
        return C_BREAK;
    if (cp == 0x200B || cp == 0xFEFF)
        return C_SPACE; /* invisible: white space for cutting */
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return C_UPPER;
    case UTF8PROC_CATEGORY_LL:
        return C_LOWER;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return C_LETTER;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_CF: /* soft hyphen, joiners: part of the word they sit in */
        return C_MARK;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return C_DIGIT;
    case UTF8PROC_CATEGORY_ZS:
        return C_SPACE;
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return C_BREAK;
    default:
        return C_OTHER;
    }
}

/* (the ASCII tests inline: most characters are ASCII) */
static inline int char_class(int32_t cp)
{
    if (cp < 0x80) {
        if (cp >= 'a' && cp <= 'z')
            return C_LOWER;
        if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v')
            return C_SPACE;
        if (cp >= 'A' && cp <= 'Z')
            return C_UPPER;
        if (cp == '\n')
            return C_BREAK;
        if (cp >= '0' && cp <= '9')
            return C_DIGIT;
        return C_OTHER;
    }
    return char_class_wide(cp);
}

/* Class of the code point at i, or C_SPACE past the end (the text's edges
 * behave like white space). */
static int class_at(const unsigned char *u, size_t len, size_t i)
{
    int32_t cp;
    if (i >= len)
        return C_SPACE;
    stance_cp_at(u, len, i, &cp);
    return char_class(cp);
}

/* Class of the code point that ends right before i (C_SPACE at the start;
 * a line break counts as white space). */
static int class_before(const unsigned char *u, size_t len, size_t i)
{
    int c;
    if (i == 0)
        return C_SPACE;
    i--;
    while (i > 0 && (u[i] & 0xC0) == 0x80)
        i--;
    c = class_at(u, len, i);
    return c == C_BREAK ? C_SPACE : c;
}

static int is_wordch(int c)
{
    return c == C_UPPER || c == C_LOWER || c == C_LETTER || c == C_MARK || c == C_DIGIT;
}

int stance_letter_case_cp(const char *text, size_t i, size_t len)
{
    int c;
    if (!text || i >= len)
        return 0;
    c = class_at((const unsigned char *)text, len, i);
    return c == C_UPPER ? 1 : c == C_LOWER ? -1 : 0;
}

/* A word or number from i: its end, shape bits, and whether it holds a letter. */
typedef struct wscan {
    size_t end;
    uint16_t shape;
    unsigned letters, lower, upper, digits;
    int dotted; /* a dot inside ("U.S") */
} wscan;

static void scan_word(const unsigned char *u, size_t len, size_t i, wscan *w)
{
    size_t k = i, seg_letters = 0;
    int prev = C_OTHER;
    memset(w, 0, sizeof *w);
    while (k < len) {
        int32_t cp;
        size_t l = stance_cp_at(u, len, k, &cp);
        int c = char_class(cp);
        if (is_wordch(c)) {
            if (c == C_UPPER || c == C_LOWER || c == C_LETTER) {
                if (w->letters == 0)
                    w->shape |= c == C_UPPER ? STANCE_SH_CAP : c == C_LOWER ? STANCE_SH_LOWER : 0;
                w->letters++;
                seg_letters++;
                w->lower += c == C_LOWER;
                w->upper += c == C_UPPER;
            } else if (c == C_DIGIT) {
                w->digits++;
                w->shape |= STANCE_SH_DIGIT;
            }
            if (cp >= 0x80)
                w->shape |= STANCE_SH_NONASCII;
            prev = c;
            k += l;
            continue;
        }
        if (k == i)
            break;
        {
            int next = class_at(u, len, k + l);
            if (cp == '\'' || cp == 0x2019) {
                /* a clitic "'s" ending the word is a token of its own */
                if ((next == C_LOWER || next == C_UPPER) && (u[k + l] == 's' || u[k + l] == 'S') &&
                    !is_wordch(class_at(u, len, k + l + 1)))
                    break;
                if (next == C_UPPER || next == C_LOWER || next == C_LETTER) {
                    w->shape |= STANCE_SH_APOS | (cp >= 0x80 ? STANCE_SH_NONASCII : 0);
                    k += l;
                    prev = C_OTHER;
                    continue;
                }
            } else if ((cp == '-' || cp == 0x2010) && is_wordch(next) && next != C_MARK) {
                w->shape |= STANCE_SH_HYPHEN | (cp >= 0x80 ? STANCE_SH_NONASCII : 0);
                seg_letters = 0;
                k += l;
                prev = C_OTHER;
                continue;
            } else if ((cp == '.' || cp == ',' || cp == ':' || cp == '/') && prev == C_DIGIT && next == C_DIGIT) {
                k += l; /* 3.5, 1,000, 9/11 */
                continue;
            } else if (cp == '.' && seg_letters == 1 && (next == C_UPPER || next == C_LOWER) &&
                       !is_wordch(class_at(u, len, k + l + 1))) {
                w->dotted = 1; /* U.S, a.m */
                seg_letters = 0;
                k += l;
                prev = C_OTHER;
                continue;
            }
        }
        break;
    }
    w->end = k;
}

/* Should the '.' at w->end belong to the word [s, w->end)? */
static int takes_dot(const char *t, const unsigned char *u, size_t len, size_t s, const wscan *w)
{
    size_t e = w->end;
    if (e >= len || u[e] != '.' || (e + 1 < len && u[e + 1] == '.') || w->letters == 0)
        return 0;
    if (is_wordch(class_at(u, len, e + 1)))
        return 0;
    if (w->dotted)
        return 1; /* "U.S." */
    if (w->letters == 1 && w->digits == 0 && (w->shape & STANCE_SH_CAP))
        return 1; /* an initial: "J.", "\u0141." */
    return stance_lex_known(t + s, e + 1 - s) || stance_lex_in_rules(t + s, e - s, STANCE_LQ(ABBR_DOT));
}

/* The lexicon entry of the lower-cased word [s, e), or -1. */
static long lower_entry(const char *t, size_t s, size_t e)
{
    unsigned char buf[STANCE_LEX_MAXLEN + 8];
    size_t n = 0, i = s;
    while (i < e) {
        int32_t cp;
        size_t l = stance_cp_at((const unsigned char *)t, e, i, &cp);
        cp = utf8proc_tolower(cp);
        if (n + 4 > sizeof buf)
            return -1; /* longer than any entry */
        n += stance_utf8_encode(cp, buf + n);
        i += l;
    }
    return stance_lex_find((const char *)buf, n);
}

/* Flank bits of a quote mark [s, e): white space on one side only. */
static uint8_t flank(const unsigned char *u, size_t len, size_t s, size_t e)
{
    int before = class_before(u, len, s), after = class_at(u, len, e), bsp, asp;
    uint8_t f = 0;
    if (s > 0 && (u[s - 1] == '(' || u[s - 1] == '[' || u[s - 1] == '{'))
        before = C_SPACE;
    bsp = before == C_SPACE;
    asp = after == C_SPACE || after == C_BREAK;
    /* CommonMark's flanking rule: punctuation on the far side counts as a side */
    if (!asp && (after != C_OTHER || bsp || before == C_OTHER))
        f |= STANCE_QM_LEFT;
    if (!bsp && (before != C_OTHER || asp || after == C_OTHER))
        f |= STANCE_QM_RIGHT;
    return f;
}

/* Kind, end and mark of a non-word token at i (code point cp of length l). */
static unsigned other_token(const unsigned char *u, size_t len, size_t i, int32_t cp, size_t l, size_t *end,
                            uint8_t *mark)
{
    *end = i + l;
    *mark = 0;
    switch (cp) {
    case 0x201C: case 0x201E: case 0x201F: case 0x00AB: case 0x2039:
        *mark = STANCE_QM_OPEN;
        break;
    case 0x201D: case 0x00BB: case 0x203A:
        *mark = STANCE_QM_CLOSE;
        break;
    case 0x2018: case 0x201A:
        *mark = STANCE_QM_OPEN | STANCE_QM_SINGLE;
        break;
    case 0x2019:
        *mark = STANCE_QM_CLOSE | STANCE_QM_SINGLE;
        break;
    case '"':
        *mark = STANCE_QM_AMBIG;
        break;
    case '\'':
        *mark = STANCE_QM_AMBIG | STANCE_QM_SINGLE;
        break;
    case 0x2012: case 0x2013: case 0x2014: case 0x2015:
        return STANCE_TK_DASH;
    case '-':
        if (i + 1 < len && u[i + 1] == '-') {
            size_t k = i;
            while (k < len && u[k] == '-')
                k++;
            *end = k;
            return STANCE_TK_DASH;
        }
        if (class_before(u, len, i) == C_SPACE && class_at(u, len, i + 1) == C_SPACE)
            return STANCE_TK_DASH;
        *mark = '-';
        return STANCE_TK_PUNCT;
    case 0x2026:
        *mark = '.';
        return STANCE_TK_PUNCT;
    case '.': {
        size_t k = i;
        while (k < len && u[k] == '.')
            k++;
        if (k - i >= 3)
            *end = k;
        *mark = '.';
        return STANCE_TK_PUNCT;
    }
    default:
        *mark = cp < 0x80 ? (uint8_t)cp : 0;
        return STANCE_TK_PUNCT;
    }
    *mark |= flank(u, len, i, *end);
    return STANCE_TK_QUOTE;
}

/* The running state of the pass. */
typedef struct tstate {
    int new_sent, new_para, clause, pending, space;
    int sent_has, para_has;
    uint32_t sent, para;
} tstate;

/* Does token @p k (just cut) start a sentence after a pending ".", "!" or "?"?
 * Sets st->new_sent or keeps/clears the pending end. */
static void resolve_pending(tstate *st, const stance_token *k)
{
    if (!st->pending)
        return;
    if (!st->space && ((k->kind == STANCE_TK_QUOTE && !(k->mark & STANCE_QM_OPEN)) ||
                       (k->kind == STANCE_TK_PUNCT && (k->mark == ')' || k->mark == ']'))))
        return; /* 'said."' - the closing mark ends the sentence with it */
    if (st->space && ((k->shape & STANCE_SH_CAP) || k->kind == STANCE_TK_NUMBER || k->kind == STANCE_TK_DASH ||
                      (k->kind == STANCE_TK_QUOTE && !(k->mark & STANCE_QM_CLOSE)) ||
                      (k->kind == STANCE_TK_PUNCT && (k->mark == '(' || k->mark == '['))))
        st->new_sent = 1;
    st->pending = 0;
}

/* Cut the token at i into *k (offsets, kind, shape, mark, lexicon). */
/* @p after_word: a word token ends right at @p i. */
static void cut_token(const char *t, size_t len, size_t i, int32_t cp, size_t l, int c, int after_word,
                      stance_token *k)
{
    const unsigned char *u = (const unsigned char *)t;
    memset(k, 0, sizeof *k);
    k->start = i;
    k->lex = k->llex = -1;
    if (is_wordch(c) && c != C_MARK) {
        wscan w;
        scan_word(u, len, i, &w);
        k->shape = w.shape;
        if (takes_dot(t, u, len, i, &w)) {
            w.end++;
            k->shape |= STANCE_SH_DOT;
            if (w.letters == 1 && !w.dotted)
                k->shape |= STANCE_SH_INITIAL;
        }
        k->end = w.end;
        if (w.letters >= 2 && w.lower == 0)
            k->shape |= STANCE_SH_ALLCAPS;
        k->kind = w.letters ? STANCE_TK_WORD : STANCE_TK_NUMBER;
        if (w.letters) {
            long e = stance_lex_find(t + i, k->end - i);
            k->lex = (int32_t)e;
            k->llex = w.upper ? (int32_t)lower_entry(t, i, k->end) : k->lex;
        }
    } else if (after_word && (cp == '\'' || cp == 0x2019) && i + l < len && (u[i + l] == 's' || u[i + l] == 'S') &&
               !is_wordch(class_at(u, len, i + l + 1))) {
        k->kind = STANCE_TK_POSS;
        k->end = i + l + 1;
        k->shape = STANCE_SH_APOS | (cp >= 0x80 ? STANCE_SH_NONASCII : 0);
    } else {
        k->kind = (uint8_t)other_token(u, len, i, cp, l, &k->end, &k->mark);
        if (cp >= 0x80)
            k->shape |= STANCE_SH_NONASCII;
    }
    if (k->lex >= 0)
        k->cls = stance_lex_entry(k->lex)->cls;
    if (k->llex >= 0)
        k->lcls = stance_lex_entry(k->llex)->cls;
}

/* Place token @p k in its sentence and paragraph, then update the state. */
static int place_token(tstate *st, stance_token *k)
{
    resolve_pending(st, k);
    if (st->space)
        k->shape |= STANCE_SH_SPACE_BEFORE;
    if (st->new_para) {
        if (st->para_has && ++st->para == 0)
            return -1;
        k->shape |= STANCE_SH_PARA_START;
        st->new_sent = 1;
    }
    if (st->new_sent) {
        if (st->sent_has && ++st->sent == 0)
            return -1;
        k->shape |= STANCE_SH_SENT_START | STANCE_SH_CLAUSE_START;
    }
    if (st->clause)
        k->shape |= STANCE_SH_CLAUSE_START;
    k->sent = st->sent;
    k->para = st->para;
    st->sent_has = st->para_has = 1;
    st->new_sent = st->new_para = st->space = 0;
    st->clause = k->kind == STANCE_TK_QUOTE || k->kind == STANCE_TK_DASH ||
                 (k->kind == STANCE_TK_PUNCT && k->mark && strchr(",;:()", k->mark));
    if (k->kind == STANCE_TK_PUNCT && (k->mark == '.' || k->mark == '!' || k->mark == '?'))
        st->pending = 1;
    return 0;
}

int stance_toks_build(const char *text, size_t len, stance_toks *out, stance_error *err)
{
    const unsigned char *u = (const unsigned char *)text;
    tstate st = {1, 1, 1, 0, 1, 0, 0, 0, 0};
    size_t i = 0;
    int rc = STANCE_OK;
    if (!out || (!text && len))
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "tokens: no text or no output");
    out->n = 0;
    out->nsent = out->npara = 0;
    if (stance_grow((void **)&out->v, &out->cap, len / 5 + 16, sizeof *out->v))
        goto nomem;
    while (i < len) {
        int32_t cp;
        size_t l = stance_cp_at(u, len, i, &cp);
        int c = char_class(cp);
        stance_token *k;
        if (c == C_SPACE || c == C_BREAK) {
            st.space = 1;
            if (c == C_BREAK) {
                st.new_para = 1;
                st.pending = 0;
            }
            i += l;
            continue;
        }
        if (out->n == out->cap && stance_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v))
            goto nomem;
        k = &out->v[out->n];
        cut_token(text, len, i, cp, l, c,
                  out->n > 0 && out->v[out->n - 1].end == i && out->v[out->n - 1].kind == STANCE_TK_WORD, k);
        if (place_token(&st, k)) {
            out->n = 0;
            return stance_error_set(err, STANCE_ERR_LIMIT, i, "tokens: too many sentences");
        }
        out->n++;
        i = k->end;
    }
    if (out->n) {
        out->nsent = out->v[out->n - 1].sent + 1;
        out->npara = out->v[out->n - 1].para + 1;
    }
    return rc;
nomem:
    out->n = 0;
    return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
}

void stance_toks_clear(stance_toks *t)
{
    if (!t)
        return;
    stance_free(t->v);
    memset(t, 0, sizeof *t);
}

size_t stance_toks_at(const stance_toks *t, size_t off)
{
    if (!t)
        return 0;
    return stance_first_end_after(t->v, t->n, sizeof *t->v, offsetof(stance_token, end), off);
}

int stance_chunk_next(const char *text, size_t *i, size_t e, size_t len, size_t *ws, size_t *we)
{
    return stance_chunk_next_in(text, i, e, len, ws, we);
}

size_t stance_next_upper_or_high(const char *t, size_t i, size_t len)
{
#if defined(__SSE2__)
    /* b + (0x80 - 'A') is, as a signed byte, below -128 + 26 iff b is in ['A', 'Z'] */
    const __m128i off = _mm_set1_epi8((char)(0x80 - 'A')), lim = _mm_set1_epi8((char)(-128 + 26));
    for (; i + 16 <= len; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
        unsigned m = (unsigned)_mm_movemask_epi8(v) |
                     (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(_mm_add_epi8(v, off), lim));
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
#endif
    for (; i < len; i++)
        if ((unsigned char)t[i] >= 0x80 || (unsigned)((unsigned char)t[i] - 'A') < 26u)
            return i;
    return len;
}


/* Most words asked for are not there: the whole span is searched.
 * With SSE2, 16 places a step are tested on the word's first and last bytes at
 * once; the few that pass are compared in full. */
int stance_word_in_span(const char *t, size_t len, size_t lo, size_t hi, char first, const char *w, size_t n)
{
    size_t p = lo;
    if (n == 0 || lo > hi || n > hi - lo)
        return 0;
#if defined(__SSE2__)
    {
        const __m128i f = _mm_set1_epi8(first), last = _mm_set1_epi8(n > 1 ? w[n - 1] : first);
        for (; p + n - 1 + 16 <= hi; p += 16) {
            __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(t + p));
            __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(t + p + n - 1));
            unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, f), _mm_cmpeq_epi8(b, last)));
            for (; m; m &= m - 1)
                if (stance_word_at(t, len, p + (size_t)__builtin_ctz(m), first, w, n))
                    return 1;
        }
    }
#endif
    for (; p + n <= hi; p++)
        if (stance_word_at(t, len, p, first, w, n))
            return 1;
    return 0;
}

/* Does the word w[0, n) stand in t[0, len) as a word? */
int stance_word_in_text(const char *t, size_t len, const char *w, size_t n)
{
    return n > 0 && stance_word_in_span(t, len, 0, len, w[0], w, n);
}

int stance_agent_noun(const char *t, size_t ws, size_t we)
{
    static const char ENDS[][4] = {"er", "or", "ee", "ist", "ian", "man"};
    size_t n = we - ws;
    if (n < 4 || n > 15)
        return 0;
    for (size_t i = ws; i < we; i++)
        if (t[i] < 'a' || t[i] > 'z')
            return 0;
    for (size_t k = 0; k < sizeof ENDS / sizeof ENDS[0]; k++) {
        size_t m = strlen(ENDS[k]);
        if (memcmp(t + we - m, ENDS[k], m) == 0)
            return 1;
    }
    return 0;
}
