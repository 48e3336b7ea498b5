/*
 * features.c - the feature extractor shared by the trainer and the runtime:
 * normalise and tokenise a statement, mark negation scopes and the target's
 * mentions, then hash the n-grams of each enabled family (own seed per
 * family, XXH3-64 over the bytes, low table_bits kept) into a sorted sparse
 * vector. Every buffer lives in the caller's scratch, so the hot path makes
 * no allocation per token or n-gram once the scratch has grown.
 *
 * Families (stance_family.id):
 *   1 word n-grams (min_n..max_n) over tokens, target mentions as "<t>"
 *   2 character n-grams (min_n..max_n code points) of " token " strings
 *   3 negation scope: tokens after a negator up to the next punctuation
 *   4 target window: uni/bigrams within `window` tokens of each mention,
 *     tagged with side and distance bucket ("L2:credit to")
 *   5 target presence: mentioned or not, how often, where
 *   6 context: words and reporting verb of the attribution sentence
 *   7 clause: uni/bigrams inside the clauses that mention the target ("in")
 *     and outside them ("out")
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "features.h"
#include "sort.h"
#include "model.h"

#define TOKENIZER_REV 2u

#define NORM_CASEFOLD 0x1u  /* utf8proc_tolower */
#define NORM_PUNCT 0x2u     /* curly quotes -> straight, dashes -> '-' */
#define NORM_DIGITS 0x4u    /* every decimal digit -> '0' */
#define NORM_KNOWN (NORM_CASEFOLD | NORM_PUNCT | NORM_DIGITS)

#define VALUE_BINARY 0u  /* 1 per distinct feature, then L2 */
#define VALUE_LOGTF 1u   /* 1 + ln(count), then L2 */
#define VALUE_BINARY_RAW 2u  /* 1 per distinct feature, no normalisation */
#define VALUE_BINARY_FAM 3u  /* 1 per distinct feature, each family L2-normalised to its weight */
#define VALUE_LOGTF_FAM 4u   /* 1 + ln(count), each family L2-normalised to its weight */

enum { FAM_WORD = 1, FAM_CHAR = 2, FAM_NEG = 3, FAM_TWIN = 4, FAM_TPRES = 5, FAM_CTX = 6, FAM_CLAUSE = 7, FAM_MAX = 7 };

#define TK_PUNCT 0x1u
#define TK_NEGATOR 0x2u
#define TK_NEGSCOPE 0x4u
#define TK_TARGET 0x8u
#define TK_CLAUSE 0x10u

typedef struct tok {
    size_t off, len;      /* normalised bytes in scratch->buf (padded by spaces on both sides) */
    size_t start, end;    /* source bytes */
    unsigned flags;
} tok;

struct stance_fscratch {
    char *buf;            /* normalised tokens, each as " tok " */
    size_t buf_cap, buf_len;
    tok *toks;            /* text tokens, then context tokens */
    size_t toks_cap, n_toks;
    tok *view;            /* text tokens with each target mention collapsed into "<t>" */
    size_t view_cap, n_view;
    char *gram;           /* assembled n-gram bytes */
    size_t gram_cap;
    uint64_t *keys;       /* (bucket << 4 | family index) */
    size_t keys_cap, n_keys;
    stance_feature_name_cb name_cb;
    void *name_user;
};

void stance_fvec_clear(stance_fvec *v)
{
    stance_free(v->idx);
    stance_free(v->val);
    memset(v, 0, sizeof *v);
}

int stance_fscratch_new(stance_fscratch **out)
{
    *out = stance_calloc(1, sizeof **out);
    return *out ? STANCE_OK : STANCE_ERR_NOMEM;
}

void stance_fscratch_free(stance_fscratch *s)
{
    if (!s)
        return;
    stance_free(s->buf);
    stance_free(s->toks);
    stance_free(s->view);
    stance_free(s->gram);
    stance_free(s->keys);
    stance_free(s);
}

void stance_fscratch_set_name_cb(stance_fscratch *s, stance_feature_name_cb cb, void *user)
{
    s->name_cb = cb;
    s->name_user = user;
}

int stance_features_check(const stance_featcfg *cfg, stance_error *err)
{
    if (cfg->tokenizer_rev != TOKENIZER_REV)
        return stance_error_set(err, STANCE_ERR_VERSION, STANCE_NO_OFFSET, "unknown tokenizer revision %u",
                                cfg->tokenizer_rev);
    if (cfg->hash_id != STANCE_HASH_XXH3_64)
        return stance_error_set(err, STANCE_ERR_VERSION, STANCE_NO_OFFSET, "unknown hash function %u", cfg->hash_id);
    if (cfg->norm_flags & ~NORM_KNOWN)
        return stance_error_set(err, STANCE_ERR_VERSION, STANCE_NO_OFFSET, "unknown normalisation flags 0x%x",
                                cfg->norm_flags);
    if (cfg->value_mode > VALUE_LOGTF_FAM)
        return stance_error_set(err, STANCE_ERR_VERSION, STANCE_NO_OFFSET, "unknown value mode %u", cfg->value_mode);
    if (cfg->table_bits < STANCE_MIN_TABLE_BITS || cfg->table_bits > STANCE_MAX_TABLE_BITS)
        return stance_error_set(err, STANCE_ERR_FORMAT, STANCE_NO_OFFSET, "bad table size 2^%u", cfg->table_bits);
    if (cfg->n_families > STANCE_MAX_FAMILIES)
        return stance_error_set(err, STANCE_ERR_FORMAT, STANCE_NO_OFFSET, "too many feature families");
    for (uint32_t i = 0; i < cfg->n_families; i++) {
        const stance_family *f = &cfg->families[i];
        if (f->id < 1 || f->id > FAM_MAX || f->flags != 0)
            return stance_error_set(err, STANCE_ERR_VERSION, STANCE_NO_OFFSET, "unknown feature family %u (flags 0x%x)",
                                    f->id, f->flags);
        if ((f->id == FAM_WORD || f->id == FAM_CHAR || f->id == FAM_CLAUSE) && (f->min_n < 1 || f->min_n > f->max_n ||
                                                         f->max_n > STANCE_MAX_NGRAM_ORDER))
            return stance_error_set(err, STANCE_ERR_FORMAT, STANCE_NO_OFFSET, "bad n-gram orders %u..%u in family %u",
                                    f->min_n, f->max_n, f->id);
        if (f->id == FAM_TWIN && (f->window < 1 || f->window > 64))
            return stance_error_set(err, STANCE_ERR_FORMAT, STANCE_NO_OFFSET, "bad window %u", f->window);
        if (!isfinite(f->weight) || f->weight <= 0)
            return stance_error_set(err, STANCE_ERR_FORMAT, STANCE_NO_OFFSET, "bad family weight");
    }
    return STANCE_OK;
}

/* Default settings of every family this revision knows (seed, orders, window, weight). */
static const stance_family family_defaults[] = {
    {FAM_WORD, 0x57a11u, 1, 3, 0, 0, 1.0f},   {FAM_CHAR, 0xc4a12u, 2, 5, 0, 0, 0.5f},
    {FAM_NEG, 0x4e673u, 1, 1, 0, 0, 1.0f},    {FAM_TWIN, 0x77194u, 1, 2, 6, 0, 1.0f},
    {FAM_TPRES, 0x79e55u, 1, 1, 0, 0, 1.0f},  {FAM_CTX, 0xc7c76u, 1, 1, 0, 0, 1.0f},
    {FAM_CLAUSE, 0xc1a57u, 1, 2, 0, 0, 1.0f},
};

int stance_features_family_default(uint32_t id, stance_family *f)
{
    for (size_t i = 0; i < sizeof family_defaults / sizeof *family_defaults; i++)
        if (family_defaults[i].id == id) {
            *f = family_defaults[i];
            return STANCE_OK;
        }
    return STANCE_ERR_INVALID;
}

void stance_features_default(stance_featcfg *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->norm_flags = NORM_KNOWN;
    cfg->tokenizer_rev = TOKENIZER_REV;
    cfg->hash_id = STANCE_HASH_XXH3_64;
    cfg->table_bits = 18;
    cfg->value_mode = VALUE_BINARY;
    /* families 1-6; the clause family measured no better (bench/RESULTS.md) and is opt-in */
    cfg->n_families = 6;
    memcpy(cfg->families, family_defaults, 6 * sizeof *family_defaults);
}

/* ---- normalisation and tokenisation -------------------------------------- */

static int is_word_cp(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
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

static int32_t norm_cp(uint32_t flags, int32_t cp)
{
    if (flags & NORM_PUNCT) {
        switch (cp) {
        case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x2032: case 0x02bc: case 0x0060: case 0x00b4:
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
    if ((flags & NORM_DIGITS) && cp >= '0' && cp <= '9')
        return '0';
    if (flags & NORM_CASEFOLD) {
        if (cp < 0x80)
            return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
        return utf8proc_tolower(cp);
    }
    return cp;
}

static int buf_reserve(stance_fscratch *s, size_t more)
{
    if (s->buf_len + more < s->buf_len)
        return STANCE_ERR_NOMEM;
    return stance_grow((void **)&s->buf, &s->buf_cap, s->buf_len + more, 1);
}

/* Append one token (source bytes [a, b)) normalised and space-padded. */
static int add_token(stance_fscratch *s, uint32_t nflags, const unsigned char *t, size_t a, size_t b, unsigned flags)
{
    tok *k;
    if (stance_grow((void **)&s->toks, &s->toks_cap, s->n_toks + 1, sizeof *s->toks) ||
        buf_reserve(s, (b - a) * 4 + 2))
        return STANCE_ERR_NOMEM;
    k = &s->toks[s->n_toks++];
    s->buf[s->buf_len++] = ' ';
    k->off = s->buf_len;
    for (size_t i = a; i < b;) {
        int32_t cp;
        i += stance_utf8_decode(t, b, i, &cp);
        cp = norm_cp(nflags, cp);
        s->buf_len += stance_utf8_encode(cp, (unsigned char *)s->buf + s->buf_len);
    }
    k->len = s->buf_len - k->off;
    s->buf[s->buf_len++] = ' ';
    k->start = a;
    k->end = b;
    k->flags = flags;
    return STANCE_OK;
}

static int tok_is(const stance_fscratch *s, const tok *k, const char *w)
{
    /* Word lists hold short ASCII words: compare without strlen, which was a
     * measurable share of classification when run per token and per word. */
    const char *p = s->buf + k->off;
    size_t i = 0;
    while (i < k->len && w[i] && p[i] == w[i])
        i++;
    return i == k->len && w[i] == '\0';
}

static int is_negator(const stance_fscratch *s, const tok *k)
{
    static const char *const neg[] = {"not", "no", "never", "cannot", "nobody", "nothing", "none", "neither",
                                      "nor", "without", "nowhere", "hardly", "barely", "n't"};
    const char *p = s->buf + k->off;
    if (k->len >= 3 && memcmp(p + k->len - 3, "n't", 3) == 0)
        return 1;
    for (size_t i = 0; i < sizeof neg / sizeof *neg; i++)
        if (tok_is(s, k, neg[i]))
            return 1;
    return 0;
}

/* Words, with inner apostrophes and hyphens kept (don't, won't, re-elect);
 * every other visible code point is a punctuation token of its own. */
static int tokenize(stance_fscratch *s, uint32_t nflags, const char *text, size_t len)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        int32_t cp;
        size_t n = stance_utf8_decode(t, len, i, &cp);
        if (is_space_cp(cp) || cp == 0) {
            i += n;
            continue;
        }
        if (is_word_cp(cp)) {
            size_t a = i;
            i += n;
            while (i < len) {
                int32_t c2, c3;
                size_t n2 = stance_utf8_decode(t, len, i, &c2);
                if (is_word_cp(c2)) {
                    i += n2;
                    continue;
                }
                if ((is_apostrophe(c2) || c2 == '-') && i + n2 < len) {
                    stance_utf8_decode(t, len, i + n2, &c3);
                    if (is_word_cp(c3)) {
                        i += n2;
                        continue;
                    }
                }
                break;
            }
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

/* ---- hashing and feature emission ----------------------------------------- */

static int emit(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi, const char *bytes, size_t len)
{
    const stance_family *f = &cfg->families[fi];
    uint32_t mask = (uint32_t)(((uint64_t)1 << cfg->table_bits) - 1);
    uint32_t b = (uint32_t)XXH3_64bits_withSeed(bytes, len, f->seed) & mask;
    if (s->n_keys == s->keys_cap && stance_grow((void **)&s->keys, &s->keys_cap, s->n_keys + 1, sizeof *s->keys))
        return STANCE_ERR_NOMEM;
    s->keys[s->n_keys++] = (uint64_t)b << 4 | fi;
    if (s->name_cb)
        s->name_cb(s->name_user, b, f->id, bytes, len);
    return STANCE_OK;
}

/* Assemble prefix + the tokens view[a..b) separated by spaces, and emit it. */
static int emit_tokens(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi, const char *prefix, const tok *v,
                       size_t a, size_t b)
{
    size_t need = strlen(prefix) + 1, n = 0;
    for (size_t i = a; i < b; i++)
        need += v[i].len + 1;
    if (stance_grow((void **)&s->gram, &s->gram_cap, need, 1))
        return STANCE_ERR_NOMEM;
    n = strlen(prefix);
    memcpy(s->gram, prefix, n);
    for (size_t i = a; i < b; i++) {
        if (i > a)
            s->gram[n++] = ' ';
        memcpy(s->gram + n, s->buf + v[i].off, v[i].len);
        n += v[i].len;
    }
    return emit(s, cfg, fi, s->gram, n);
}

static int fam_word(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi)
{
    const stance_family *f = &cfg->families[fi];
    for (size_t i = 0; i < s->n_view; i++)
        for (uint32_t n = f->min_n; n <= f->max_n && i + n <= s->n_view; n++)
            if (emit_tokens(s, cfg, fi, "", s->view, i, i + n))
                return STANCE_ERR_NOMEM;
    return STANCE_OK;
}

static int fam_char(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi)
{
    const stance_family *f = &cfg->families[fi];
    for (size_t i = 0; i < s->n_view; i++) {
        const tok *k = &s->view[i];
        const char *p = s->buf + k->off - 1; /* " tok " */
        size_t plen = k->len + 2;
        if (k->flags & (TK_PUNCT | TK_TARGET))
            continue;
        for (size_t a = 0; a < plen; a++) {
            size_t e = a;
            uint32_t n = 0;
            if (((unsigned char)p[a] & 0xc0) == 0x80)
                continue;
            while (e < plen && n < f->max_n) {
                e++;
                while (e < plen && ((unsigned char)p[e] & 0xc0) == 0x80)
                    e++;
                n++;
                if (n >= f->min_n && !(n == 1 && p[a] == ' ') && emit(s, cfg, fi, p + a, e - a))
                    return STANCE_ERR_NOMEM;
            }
        }
    }
    return STANCE_OK;
}

static int fam_neg(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi)
{
    for (size_t i = 0; i < s->n_view; i++)
        if ((s->view[i].flags & TK_NEGSCOPE) && emit_tokens(s, cfg, fi, "neg ", s->view, i, i + 1))
            return STANCE_ERR_NOMEM;
    return STANCE_OK;
}

static unsigned dist_bucket(size_t d)
{
    return d <= 1 ? 1 : d <= 2 ? 2 : d <= 4 ? 3 : d <= 8 ? 4 : 5;
}

static int fam_twin(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi)
{
    const stance_family *f = &cfg->families[fi];
    char prefix[16];
    for (size_t m = 0; m < s->n_view; m++) {
        if (!(s->view[m].flags & TK_TARGET))
            continue;
        for (size_t d = 1; d <= f->window; d++) {
            for (int side = 0; side < 2; side++) {
                size_t i;
                if (side == 0) {
                    if (d > m)
                        continue;
                    i = m - d;
                } else {
                    i = m + d;
                    if (i >= s->n_view)
                        continue;
                }
                for (uint32_t n = f->min_n; n <= f->max_n && n <= 3; n++) {
                    /* the n-gram extends away from the mention */
                    size_t a = side == 0 ? (i + 1 >= n ? i + 1 - n : SIZE_MAX) : i;
                    if (a == SIZE_MAX || a + n > s->n_view)
                        continue;
                    snprintf(prefix, sizeof prefix, "%c%u ", side == 0 ? 'L' : 'R', dist_bucket(d));
                    if (emit_tokens(s, cfg, fi, prefix, s->view, a, a + n))
                        return STANCE_ERR_NOMEM;
                }
            }
        }
    }
    return STANCE_OK;
}

static int fam_tpres(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi, int have_target)
{
    size_t n = 0, first = SIZE_MAX, words = 0;
    char tmp[32];
    int len;
    if (!have_target)
        return STANCE_OK;
    for (size_t i = 0; i < s->n_view; i++) {
        if (s->view[i].flags & TK_TARGET) {
            n++;
            if (first == SIZE_MAX)
                first = words;
        }
        if (!(s->view[i].flags & TK_PUNCT))
            words++;
    }
    if (!n)
        return emit(s, cfg, fi, "absent", 6);
    len = snprintf(tmp, sizeof tmp, "mentions %u", n > 3 ? 3u : (unsigned)n);
    if (emit(s, cfg, fi, "present", 7) || emit(s, cfg, fi, tmp, (size_t)len))
        return STANCE_ERR_NOMEM;
    if (first == 0)
        return emit(s, cfg, fi, "first", 5);
    if (words && first * 3 < words)
        return emit(s, cfg, fi, "early", 5);
    if (words && first * 3 >= 2 * words)
        return emit(s, cfg, fi, "late", 4);
    return emit(s, cfg, fi, "middle", 6);
}

static int is_cue(const stance_fscratch *s, const tok *k)
{
    static const char *const cues[] = {
        "accused", "acknowledged", "added", "admitted", "announced", "applauded", "argued", "asked",
        "asserted", "attacked", "blamed", "blasted", "boasted", "called", "charged", "claimed", "complained",
        "conceded", "condemned", "countered", "criticised", "criticized", "declared", "defended", "denied",
        "denounced", "dismissed", "emphasized", "explained", "hailed", "insisted", "joked", "lamented", "lauded",
        "mocked", "noted", "posted", "praised", "predicted", "promised", "quipped", "rejected", "replied",
        "responded", "retorted", "said", "says", "slammed", "stated", "stressed", "suggested", "tells",
        "thanked", "told", "touted", "tweeted", "urged", "vowed", "warned", "wrote"};
    for (size_t i = 0; i < sizeof cues / sizeof *cues; i++)
        if (tok_is(s, k, cues[i]))
            return 1;
    return 0;
}

static int fam_ctx(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi, size_t from)
{
    for (size_t i = from; i < s->n_toks; i++) {
        const tok *k = &s->toks[i];
        if (k->flags & TK_PUNCT)
            continue;
        if (emit_tokens(s, cfg, fi, "ctx ", s->toks, i, i + 1))
            return STANCE_ERR_NOMEM;
        if (is_cue(s, k) && emit_tokens(s, cfg, fi, "cue ", s->toks, i, i + 1))
            return STANCE_ERR_NOMEM;
    }
    return STANCE_OK;
}

static int is_clause_break(const stance_fscratch *s, const tok *k)
{
    static const char *const w[] = {"but", "although", "though", "while", "whereas", "however", "because", "yet"};
    if (k->flags & TK_PUNCT) {
        char c = s->buf[k->off];
        return k->len == 1 && strchr(",;:()\".!?[]", c) != NULL;
    }
    for (size_t i = 0; i < sizeof w / sizeof *w; i++)
        if (tok_is(s, k, w[i]))
            return 1;
    return 0;
}

static int fam_clause(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi)
{
    const stance_family *f = &cfg->families[fi];
    int any = 0;
    for (size_t m = 0; m < s->n_view; m++) {
        size_t a = m, b = m + 1;
        if (!(s->view[m].flags & TK_TARGET))
            continue;
        any = 1;
        while (a > 0 && !is_clause_break(s, &s->view[a - 1]))
            a--;
        while (b < s->n_view && !is_clause_break(s, &s->view[b]))
            b++;
        for (size_t i = a; i < b; i++)
            s->view[i].flags |= TK_CLAUSE;
    }
    if (!any)
        return STANCE_OK;
    for (size_t i = 0; i < s->n_view; i++)
        for (uint32_t n = f->min_n; n <= f->max_n && i + n <= s->n_view; n++) {
            int in = 1;
            for (size_t j = i; j < i + n; j++)
                in &= (s->view[j].flags & TK_CLAUSE) != 0;
            if (emit_tokens(s, cfg, fi, in ? "in " : "out ", s->view, i, i + n))
                return STANCE_ERR_NOMEM;
        }
    return STANCE_OK;
}

/* ---- targets -------------------------------------------------------------- */

/* Mark text tokens [0, n_text) that overlap the target's mentions. With no
 * spans, find the target's normalised token sequence (or its last word) in
 * the text. */
static int mark_target(stance_fscratch *s, const stance_featcfg *cfg, const stance_statement *st, size_t n_text)
{
    if (st->target_spans) {
        for (size_t j = 0; j < st->n_target_spans; j++) {
            stance_span sp = st->target_spans[j];
            for (size_t i = 0; i < n_text; i++)
                if (s->toks[i].start < sp.end && s->toks[i].end > sp.start)
                    s->toks[i].flags |= TK_TARGET;
        }
        return STANCE_OK;
    }
    {
        size_t t0 = s->n_toks, nt, found = 0;
        if (tokenize(s, cfg->norm_flags, st->target, st->target_len))
            return STANCE_ERR_NOMEM;
        nt = s->n_toks - t0;
        if (nt == 0)
            return STANCE_OK;
        for (int pass = 0; pass < 2 && !found; pass++) {
            size_t a = pass == 0 ? t0 : s->n_toks - 1, n = pass == 0 ? nt : 1;
            if (pass == 1 && (nt == 1 || (s->toks[a].flags & TK_PUNCT)))
                break;
            for (size_t i = 0; i + n <= n_text; i++) {
                size_t k = 0;
                while (k < n && s->toks[i + k].len == s->toks[a + k].len &&
                       memcmp(s->buf + s->toks[i + k].off, s->buf + s->toks[a + k].off, s->toks[a + k].len) == 0)
                    k++;
                if (k == n) {
                    for (k = 0; k < n; k++)
                        s->toks[i + k].flags |= TK_TARGET;
                    found++;
                }
            }
        }
        s->n_toks = t0; /* drop the target's own tokens */
    }
    return STANCE_OK;
}

static int build_view(stance_fscratch *s, size_t n_text)
{
    static const char placeholder[] = "<t>";
    size_t ph_off;
    int in_scope = 0;
    if (buf_reserve(s, sizeof placeholder + 2))
        return STANCE_ERR_NOMEM;
    s->buf[s->buf_len++] = ' ';
    ph_off = s->buf_len;
    memcpy(s->buf + s->buf_len, placeholder, 3);
    s->buf_len += 3;
    s->buf[s->buf_len++] = ' ';
    s->n_view = 0;
    if (stance_grow((void **)&s->view, &s->view_cap, n_text + 1, sizeof *s->view))
        return STANCE_ERR_NOMEM;
    for (size_t i = 0; i < n_text; i++) {
        tok k = s->toks[i];
        if (k.flags & TK_TARGET) {
            if (s->n_view && (s->view[s->n_view - 1].flags & TK_TARGET))
                continue; /* one placeholder per mention */
            k.off = ph_off;
            k.len = 3;
        }
        if (k.flags & TK_PUNCT)
            in_scope = 0;
        else if (in_scope)
            k.flags |= TK_NEGSCOPE;
        if (!(k.flags & (TK_PUNCT | TK_TARGET)) && is_negator(s, &k)) {
            k.flags |= TK_NEGATOR;
            in_scope = 1;
        }
        s->view[s->n_view++] = k;
    }
    return STANCE_OK;
}

/* ---- the vector ----------------------------------------------------------- */

static int finish(stance_fscratch *s, const stance_featcfg *cfg, stance_fvec *out)
{
    size_t w = 0;
    double norm = 0, famsq[16] = {0};
    const int logtf = cfg->value_mode == VALUE_LOGTF || cfg->value_mode == VALUE_LOGTF_FAM;
    const int per_family = cfg->value_mode == VALUE_BINARY_FAM || cfg->value_mode == VALUE_LOGTF_FAM;
    if (s->n_keys > out->cap) {
        uint32_t *ni = stance_realloc_array(out->idx, s->n_keys, sizeof *ni);
        float *nv;
        if (!ni)
            return STANCE_ERR_NOMEM;
        out->idx = ni;
        nv = stance_realloc_array(out->val, s->n_keys, sizeof *nv);
        if (!nv)
            return STANCE_ERR_NOMEM;
        out->val = nv;
        out->cap = s->n_keys;
    }
    /* Radix sort with the second half of the key buffer as scratch. */
    if (s->n_keys > 1) {
        if (stance_grow((void **)&s->keys, &s->keys_cap, 2 * s->n_keys, sizeof *s->keys))
            return STANCE_ERR_NOMEM;
        stance_sort_u64(s->keys, s->n_keys, s->keys + s->n_keys, cfg->table_bits + 4);
    }
    if (per_family) {
        /* Norm of each family on its own, so a family that fires at runtime but not in
         * training (e.g. context) leaves the values of the others unchanged. */
        for (size_t i = 0; i < s->n_keys;) {
            size_t j = i;
            double v;
            while (j < s->n_keys && s->keys[j] == s->keys[i])
                j++;
            v = logtf ? 1.0 + log((double)(j - i)) : 1.0;
            famsq[s->keys[i] & 15] += v * v;
            i = j;
        }
    }
    for (size_t i = 0; i < s->n_keys;) {
        uint64_t key = s->keys[i];
        uint32_t b = (uint32_t)(key >> 4);
        size_t j = i;
        double v;
        while (j < s->n_keys && s->keys[j] == key)
            j++;
        v = logtf ? 1.0 + log((double)(j - i)) : 1.0;
        v *= cfg->families[key & 15].weight;
        if (per_family)
            v /= sqrt(famsq[key & 15]);
        if (w && out->idx[w - 1] == b) {
            out->val[w - 1] += (float)v;
        } else {
            out->idx[w] = b;
            out->val[w++] = (float)v;
        }
        i = j;
    }
    out->n = w;
    if (cfg->value_mode == VALUE_BINARY_RAW || per_family)
        return STANCE_OK;
    for (size_t i = 0; i < w; i++)
        norm += (double)out->val[i] * out->val[i];
    if (norm > 0) {
        norm = 1.0 / sqrt(norm);
        for (size_t i = 0; i < w; i++)
            out->val[i] = (float)(out->val[i] * norm);
    }
    return STANCE_OK;
}

int stance_features_extract(const stance_featcfg *cfg, const stance_statement *st, stance_fscratch *s,
                            stance_fvec *out, stance_error *err)
{
    size_t n_text, ctx_from;
    int have_target = st->target && st->target_len;
    int rc = STANCE_ERR_NOMEM;

    out->n = 0;
    s->buf_len = 0;
    s->n_toks = 0;
    s->n_view = 0;
    s->n_keys = 0;
    if (cfg->n_families > STANCE_MAX_FAMILIES || cfg->table_bits > STANCE_MAX_TABLE_BITS)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "bad feature configuration");
    if (tokenize(s, cfg->norm_flags, st->text, st->text_len))
        goto fail;
    n_text = s->n_toks;
    if (have_target && mark_target(s, cfg, st, n_text))
        goto fail;
    if (build_view(s, n_text))
        goto fail;
    ctx_from = s->n_toks;
    if (st->context && st->context_len && tokenize(s, cfg->norm_flags, st->context, st->context_len))
        goto fail;
    for (uint32_t fi = 0; fi < cfg->n_families; fi++) {
        switch (cfg->families[fi].id) {
        case FAM_WORD: rc = fam_word(s, cfg, fi); break;
        case FAM_CHAR: rc = fam_char(s, cfg, fi); break;
        case FAM_NEG: rc = fam_neg(s, cfg, fi); break;
        case FAM_TWIN: rc = have_target ? fam_twin(s, cfg, fi) : STANCE_OK; break;
        case FAM_TPRES: rc = fam_tpres(s, cfg, fi, have_target); break;
        case FAM_CTX: rc = fam_ctx(s, cfg, fi, ctx_from); break;
        case FAM_CLAUSE: rc = have_target ? fam_clause(s, cfg, fi) : STANCE_OK; break;
        default:
            return stance_error_set(err, STANCE_ERR_VERSION, STANCE_NO_OFFSET, "unknown feature family %u",
                                    cfg->families[fi].id);
        }
        if (rc)
            goto fail;
    }
    if ((rc = finish(s, cfg, out)))
        goto fail;
    return STANCE_OK;
fail:
    out->n = 0;
    return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
}
