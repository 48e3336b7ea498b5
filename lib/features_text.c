/*
 * features_text.c - normalisation and tokenisation of the feature extractor
 * (one code path for training and runtime), the key of a feature, and the
 * polarity lexicon built from (word, valence) pairs the same way.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <utf8proc.h>


#include "features_int.h"
#include "tokens.h"

/* ---- normalisation and tokenisation -------------------------------------- */

/* An ASCII letter or digit (branch-free: most characters of a text are these). */
static inline int ascii_word(unsigned c)
{
    return (c - '0' < 10u) | ((c | 32u) - 'a' < 26u);
}

static inline int is_word_cp(int32_t cp)
{
    if (cp < 0x80)
        return ascii_word((unsigned)cp);
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

static int is_space_cp(int32_t cp)
{
    if (cp == ' ' || (cp >= 0x09 && cp <= 0x0d))
        return 1;
    if (cp < 0x80)
        return 0;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS || cp == 0x2028 || cp == 0x2029 || cp == 0x200b ||
           cp == 0xfeff;
}

static int is_apostrophe(int32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02bc;
}

/* The normalised form of an ASCII character. */
static inline unsigned char norm_ascii(uint32_t flags, unsigned c)
{
    if ((c | 32u) - 'a' < 26u) /* a letter */
        return (unsigned char)(flags & NORM_CASEFOLD ? c | 32u : c);
    if (c - '0' < 10u)
        return (unsigned char)(flags & NORM_DIGITS ? '0' : c);
    return (unsigned char)(c == 0x60 && (flags & NORM_PUNCT) ? '\'' : c);
}

static int32_t norm_cp(uint32_t flags, int32_t cp)
{
    if (cp < 0x80)
        return norm_ascii(flags, (unsigned)cp);
    if (flags & NORM_PUNCT) {
        switch (cp) {
        case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x2032: case 0x02bc: case 0x00b4:
            return '\'';
        case 0x201c: case 0x201d: case 0x201e: case 0x201f: case 0x00ab: case 0x00bb: case 0x2033:
            return '"';
        case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
            return '-';
        case 0x2026:
            return '.';
        default:
            break;
        }
    }
    if (flags & NORM_CASEFOLD)
        return utf8proc_tolower(cp);
    return cp;
}

int stance_ftok_reserve(ftext *s, size_t more)
{
    if (s->buf_len + more < s->buf_len)
        return STANCE_ERR_NOMEM;
    return stance_grow((void **)&s->buf, &s->buf_cap, s->buf_len + more, 1);
}

/* Start a token at the end of s->buf with room for @p bytes of it: the space
 * before it (one space between two tokens: " a b c "), its offset set. NULL
 * when out of memory. */
static inline tok *tok_open(ftext *s, size_t bytes)
{
    tok *k;
    if ((s->n_toks == s->toks_cap &&
         stance_grow((void **)&s->toks, &s->toks_cap, s->n_toks + 1, sizeof *s->toks)) ||
        (s->buf_cap - s->buf_len < bytes + 2 && stance_ftok_reserve(s, bytes + 2)))
        return NULL;
    k = &s->toks[s->n_toks++];
    if (!s->buf_len || s->buf[s->buf_len - 1] != ' ')
        s->buf[s->buf_len++] = ' ';
    k->off = s->buf_len;
    return k;
}

/* End token @p k (source bytes [a, b)) whose normalised bytes end at @p o. */
static void tok_close(ftext *s, tok *k, const unsigned char *o, size_t a, size_t b, unsigned flags)
{
    s->buf_len = (size_t)(o - (unsigned char *)s->buf);
    k->len = s->buf_len - k->off;
    s->buf[s->buf_len++] = ' ';
    k->start = a;
    k->end = b;
    k->flags = flags;
    k->attr = 0;
    k->src = 0;
    k->cls = 0;
    k->val = 0;
}

/* Append one token (source bytes [a, b)) normalised and space-padded. */
static int add_token(ftext *s, uint32_t nflags, const unsigned char *t, size_t a, size_t b, unsigned flags)
{
    tok *k = tok_open(s, (b - a) * 4);
    unsigned char *o;
    if (!k)
        return STANCE_ERR_NOMEM;
    o = (unsigned char *)s->buf + s->buf_len;
    for (size_t i = a; i < b;) {
        int32_t cp;
        if (t[i] < 0x80) {
            *o++ = norm_ascii(nflags, t[i++]);
            continue;
        }
        i += stance_utf8_decode(t, b, i, &cp);
        cp = norm_cp(nflags, cp);
        if (cp < 0x80)
            *o++ = (unsigned char)cp;
        else
            o += stance_utf8_encode(cp, o);
    }
    tok_close(s, k, o, a, b, flags);
    return STANCE_OK;
}

/* The word of ASCII letters and digits that starts at t[a] (one of them), of a
 * text of @p len bytes, as add_token() adds it, found while it is normalised:
 * eight bytes at a time while eight bytes of the text are left, each flagged
 * by stance_ascii_nonword8() and normalised by norm_ascii()'s rules (bytes
 * past the word are normalised too and overwritten by what follows: s->buf
 * keeps nothing past buf_len; a digit is the one byte of a word without bit 6
 * (0x40), and has bit 5 set already, so the case fold leaves it as it is).
 * When the run goes on with an apostrophe, a hyphen or a byte from 0x80 it is
 * not a whole word (the slow path's): *whole = 0 and s is as it was. */
static int add_ascii_word(ftext *s, uint32_t nflags, const unsigned char *t, size_t len, size_t a, size_t *end,
                          int *whole)
{
    const size_t n0 = s->n_toks, b0 = s->buf_len;
    tok *k = tok_open(s, len - a + 8);
    const unsigned fold = nflags & NORM_CASEFOLD ? 32u : 0u, digits = (nflags & NORM_DIGITS) != 0;
    unsigned char *o;
    size_t i = a;
    if (!k)
        return STANCE_ERR_NOMEM;
    o = (unsigned char *)s->buf + s->buf_len;
#if STANCE_ASCII_SWAR
    {
        const uint64_t fold8 = fold * UINT64_C(0x0101010101010101);
        for (; i + 8 <= len; i += 8, o += 8) {
            uint64_t x, d, out;
            memcpy(&x, t + i, 8);
            out = stance_ascii_nonword8(x);
            d = digits ? (~x & UINT64_C(0x4040404040404040)) >> 6 : 0; /* 1 in each digit's byte */
            d *= 0xff;
            x = ((x | fold8) & ~d) | (UINT64_C(0x3030303030303030) & d);
            memcpy(o, &x, 8);
            if (out) {
                const size_t e = (size_t)__builtin_ctzll(out) / 8;
                i += e;
                o += e;
                goto found;
            }
        }
    }
#endif
    for (; i < len && ascii_word(t[i]); i++) {
        const unsigned c = t[i];
        *o++ = (unsigned char)(digits && c - '0' < 10u ? '0' : c | fold);
    }
found:
    *whole = i == len || (t[i] < 0x80 && t[i] != '\'' && t[i] != '-');
    if (!*whole) {
        s->n_toks = n0;
        s->buf_len = b0;
        return STANCE_OK;
    }
    tok_close(s, k, o, a, i, 0);
    *end = i;
    return STANCE_OK;
}

/* Letters and digits of ASCII: 1 (any other byte, and every byte from 0x80: 0). */
static const unsigned char ascii_word_tab[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1,
    ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1,
    ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1,
    ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,
    ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

/* The end of the word whose first code point ends before @p i: word code
 * points, and an apostrophe or hyphen between two of them. */
static size_t word_end(const unsigned char *t, size_t len, size_t i)
{
    while (i < len) {
        int32_t c2, c3;
        size_t n2;
        if (t[i] < 0x80 && ascii_word(t[i])) {
            i++;
            continue;
        }
        n2 = stance_cp_at(t, len, i, &c2);
        if (is_word_cp(c2)) {
            i += n2;
            continue;
        }
        if ((is_apostrophe(c2) || c2 == '-') && i + n2 < len) {
            stance_cp_at(t, len, i + n2, &c3);
            if (is_word_cp(c3)) {
                i += n2;
                continue;
            }
        }
        break;
    }
    return i;
}

/* Words, with inner apostrophes and hyphens kept (don't, won't, re-elect);
 * every other visible code point is a punctuation token of its own. */
int stance_ftokenize(ftext *s, uint32_t nflags, const char *text, size_t len)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        int32_t cp;
        size_t n;
        if (t[i] == ' ') {
            i++;
            continue;
        }
        if (ascii_word_tab[t[i]]) {
            /* ASCII letters and digits up to an ASCII byte that cannot go on
             * with the word (not an apostrophe or hyphen), or the end: the
             * word word_end() finds, in one pass */
            size_t b = i;
            int whole;
            if (add_ascii_word(s, nflags, t, len, i, &b, &whole))
                return STANCE_ERR_NOMEM;
            if (whole) {
                i = b;
                continue;
            }
        }
        n = stance_cp_at(t, len, i, &cp);
        if (is_space_cp(cp) || cp == 0) {
            i += n;
            continue;
        }
        if (is_word_cp(cp)) {
            size_t a = i;
            i = word_end(t, len, i + n);
            if (add_token(s, nflags, t, a, i, 0))
                return STANCE_ERR_NOMEM;
        } else {
            if (add_token(s, nflags, t, i, i + n, TK_PUNCT))
                return STANCE_ERR_NOMEM;
            i += n;
        }
    }
    return STANCE_OK;
}

/* ---- the lexicon ------------------------------------------------------------ */

static int bytes_cmp(const char *a, size_t na, const char *b, size_t nb)
{
    int c = memcmp(a, b, na < nb ? na : nb);
    return c ? c : (na > nb) - (na < nb);
}

float stance_flex_valence(const stance_lexicon *lx, const char *w, size_t n)
{
    size_t lo = 0, hi = lx->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *m = lx->blob + lx->off[mid];
        /* the first bytes tell most steps apart without a call */
        int c = n && (unsigned char)m[0] != (unsigned char)w[0] ? (unsigned char)m[0] - (unsigned char)w[0]
                                                                  : bytes_cmp(m, lx->len[mid], w, n);
        if (c == 0)
            return lx->valence[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

int stance_features_tokens(const stance_featcfg *cfg, stance_fscratch *fs, const char *text, size_t len,
                           stance_token_cb cb, void *user)
{
    ftext *s = &fs->t;
    s->valid = 0; /* its tokens are about to be replaced */
    s->buf_len = 0;
    s->n_toks = 0;
    if (stance_ftokenize(s, cfg->norm_flags, text, len))
        return STANCE_ERR_NOMEM;
    for (size_t i = 0; i < s->n_toks; i++)
        if (cb(user, s->buf + s->toks[i].off, s->toks[i].len, (s->toks[i].flags & TK_PUNCT) != 0))
            return STANCE_ERR_NOMEM;
    return STANCE_OK;
}

void stance_ftext_free(ftext *t)
{
    stance_free(t->buf);
    stance_free(t->toks);
    stance_free(t->src);
    stance_free(t->wkeys);
    stance_free(t->ckeys);
    stance_free(t->coff);
    memset(t, 0, sizeof *t);
}

void stance_lexicon_free(stance_lexicon *lx)
{
    if (!lx)
        return;
    stance_free(lx->off);
    stance_free(lx->len);
    stance_free(lx->valence);
    stance_free(lx->blob);
    stance_free(lx);
}

void stance_lexicon_seal(stance_lexicon *lx)
{
    XXH3_state_t st;
    XXH128_hash_t h;
    size_t blob = lx->n ? (size_t)lx->off[lx->n - 1] + lx->len[lx->n - 1] + 1 : 0;
    XXH3_128bits_reset(&st);
    XXH3_128bits_update(&st, &lx->n, sizeof lx->n);
    if (lx->n) {
        XXH3_128bits_update(&st, lx->valence, lx->n * sizeof *lx->valence);
        XXH3_128bits_update(&st, lx->off, lx->n * sizeof *lx->off);
        XXH3_128bits_update(&st, lx->len, lx->n * sizeof *lx->len);
        XXH3_128bits_update(&st, lx->blob, blob);
    }
    h = XXH3_128bits_digest(&st);
    lx->print[0] = h.low64;
    lx->print[1] = h.high64;
}

typedef struct lexent {
    size_t off, len, order;
    float v;
} lexent;

static void lexent_sort(lexent *a, lexent *tmp, size_t n, const char *pool)
{
    /* by (bytes, input order): stable and deterministic */
#define LEXENT_LESS(x, y) (bytes_cmp(pool + (x).off, (x).len, pool + (y).off, (y).len) < 0)
    STANCE_MERGE_SORT(a, tmp, n, LEXENT_LESS);
#undef LEXENT_LESS
}

int stance_lexicon_build(const stance_featcfg *cfg, const char *const *words, const size_t *lens, const float *valence,
                         size_t n, stance_lexicon **out, stance_error *err)
{
    ftext tx, *s = &tx;
    lexent *e = NULL, *tmp = NULL;
    char *pool = NULL;
    size_t pool_len = 0, ne = 0, kept = 0;
    stance_lexicon *lx = NULL;
    int rc = STANCE_ERR_NOMEM;
    *out = NULL;
    if (n > STANCE_MAX_LEXICON)
        return stance_error_set(err, STANCE_ERR_LIMIT, STANCE_NO_OFFSET, "lexicon has more than %u entries",
                                STANCE_MAX_LEXICON);
    memset(&tx, 0, sizeof tx);
    if (!(e = stance_calloc(n ? n : 1, sizeof *e)) ||
        !(tmp = stance_calloc(n ? n : 1, sizeof *tmp)) || !(pool = stance_malloc(n * STANCE_MAX_LEXWORD + 1)) ||
        !(lx = stance_calloc(1, sizeof *lx)))
        goto nomem;
    for (size_t i = 0; i < n; i++) {
        float v = valence[i];
        s->buf_len = 0;
        s->n_toks = 0;
        if (!isfinite(v) || v == 0 || fabsf(v) > STANCE_MAX_VALENCE)
            continue;
        if (stance_ftokenize(s, cfg->norm_flags, words[i], lens[i]))
            goto nomem;
        if (s->n_toks != 1 || (s->toks[0].flags & TK_PUNCT) || s->toks[0].len > STANCE_MAX_LEXWORD)
            continue;
        memcpy(pool + pool_len, s->buf + s->toks[0].off, s->toks[0].len);
        e[ne++] = (lexent){pool_len, s->toks[0].len, i, v};
        pool_len += s->toks[0].len;
    }
    lexent_sort(e, tmp, ne, pool);
    lx->off = stance_calloc(ne ? ne : 1, sizeof *lx->off);
    lx->len = stance_calloc(ne ? ne : 1, sizeof *lx->len);
    lx->valence = stance_calloc(ne ? ne : 1, sizeof *lx->valence);
    lx->blob = stance_malloc(pool_len + ne + 1);
    if (!lx->off || !lx->len || !lx->valence || !lx->blob)
        goto nomem;
    pool_len = 0;
    for (size_t i = 0; i < ne; i++) {
        if (kept && bytes_cmp(lx->blob + lx->off[kept - 1], lx->len[kept - 1], pool + e[i].off, e[i].len) == 0)
            continue; /* a duplicate: the first in input order stays */
        lx->off[kept] = (uint32_t)pool_len;
        lx->len[kept] = (uint32_t)e[i].len;
        lx->valence[kept] = e[i].v;
        memcpy(lx->blob + pool_len, pool + e[i].off, e[i].len);
        pool_len += e[i].len;
        lx->blob[pool_len++] = '\0';
        kept++;
    }
    lx->n = (uint32_t)kept;
    stance_lexicon_seal(lx);
    *out = lx;
    lx = NULL;
    rc = STANCE_OK;
nomem: /* the one cleanup path: *out is set on success only */
    stance_ftext_free(&tx);
    stance_free(e);
    stance_free(tmp);
    stance_free(pool);
    stance_lexicon_free(lx);
    return rc == STANCE_OK ? rc : stance_error_set(err, rc, STANCE_NO_OFFSET, "out of memory");
}

