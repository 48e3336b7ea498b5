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
 *   8 lexicon polarity tags: the sign and strength of each word's prior
 *     polarity (cfg->lex, after VADER's rules below) pooled per region
 *   9 lexicon pooled scores: dense sums and counts of positive and negative
 *     valence per region, squashed into [0, 1] (or [-1, 1] for the net)
 *  10 sentence rules: VADER's sentence-level cues (exclamation and question
 *     marks, ALL-CAPS words, boosters, dampeners, negators, "but")
 *  11 word vectors: the sum of the vectors (cfg->wvec) of the words in each
 *     region, L2-normalised and scaled by the family weight, as dense values
 *  12 structure: the target's role (agent, patient, passive, object of a
 *     preposition, copula subject) and its word's polarity, conditionals and
 *     counterfactuals around it, polarity pooled over its clause vs the rest
 *     (lib/structure.c)
 *  13 target conjunctions: the target's key (last word of its name) alone and
 *     joined with each word and each structure tag (lib/structure.c)
 *
 * The polarity rules follow VADER (Hutto and Gilbert, ICWSM 2014; MIT): a
 * booster or dampener among the three words before a polarity word moves its
 * valence by 0.293 (x0.95, x0.9 further back), a negator there multiplies it
 * by -0.74, an ALL-CAPS word in mixed-case text gains 0.733, and a "but"
 * halves what comes before it and multiplies what follows by 1.5. Regions:
 * "A" the whole statement, "L" left of the target's first mention, "R" right
 * of its last, "N" within `window` tokens of a mention (the last three only
 * when the target is mentioned).
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
#include "lexicon.h"
#include "sort.h"
#include "model.h"
#include "structure.h"
#include "vectors.h"

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

enum {
    FAM_WORD = 1, FAM_CHAR = 2, FAM_NEG = 3, FAM_TWIN = 4, FAM_TPRES = 5, FAM_CTX = 6, FAM_CLAUSE = 7,
    FAM_LEX = 8, FAM_LEXD = 9, FAM_RULES = 10, FAM_VEC = 11, FAM_STRUCT = 12, FAM_TCONJ = 13, FAM_MAX = 13
};

/* Family ids this revision knows. */
static int family_known(uint32_t id)
{
    return (id >= FAM_WORD && id <= FAM_RULES) || id == FAM_VEC || id == FAM_STRUCT || id == FAM_TCONJ;
}

/* Families that read the model's lexicon. */
static int family_needs_lex(uint32_t id)
{
    return id == FAM_LEX || id == FAM_LEXD || id == FAM_STRUCT || id == FAM_TCONJ;
}

#define TK_PUNCT 0x1u
#define TK_NEGATOR 0x2u
#define TK_NEGSCOPE 0x4u
#define TK_TARGET 0x8u
#define TK_CLAUSE 0x10u
#define TK_BOOST 0x20u    /* VADER booster ("very") */
#define TK_DAMP 0x40u     /* VADER dampener ("slightly") */
#define TK_LNEG 0x80u     /* negator for the polarity rules */
#define TK_CAPS 0x100u    /* ALL-CAPS word in mixed-case text */
#define TK_FLIP 0x200u    /* polarity word negated by the rules */
#define TK_NEAR 0x400u    /* within the lexicon window of a target mention */

/* One dense feature value (families 9 and 10), merged after normalisation. */
typedef struct dval {
    uint32_t bucket;
    float val;
} dval;

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
    dval *dense;          /* dense values, kept out of the L2 normalisation */
    size_t dense_cap, n_dense;
    float *pol;           /* [n_view] valence after the polarity rules (0 = none) */
    size_t pol_cap;
    float *prior;         /* [n_view] the lexicon's valence of each word (0 = none or no lexicon) */
    size_t prior_cap;
    stance_stok *stoks;   /* [n_view] the view for lib/structure.c */
    size_t stoks_cap;
    int stoks_ready;      /* stoks holds this statement's view (families 12 and 13 share it) */
    int32_t *vacc;        /* [4 * dim] word vector sums per region (family 11) */
    size_t vacc_cap;
    uint32_t *vdist;      /* [n_view] tokens to the nearest target mention (family 11) */
    size_t vdist_cap;
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
    stance_free(s->dense);
    stance_free(s->pol);
    stance_free(s->prior);
    stance_free(s->stoks);
    stance_free(s->vacc);
    stance_free(s->vdist);
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
        if (!family_known(f->id) || f->flags != 0)
            return stance_error_set(err, STANCE_ERR_VERSION, STANCE_NO_OFFSET, "unknown feature family %u (flags 0x%x)",
                                    f->id, f->flags);
        if ((f->id == FAM_WORD || f->id == FAM_CHAR || f->id == FAM_CLAUSE) && (f->min_n < 1 || f->min_n > f->max_n ||
                                                         f->max_n > STANCE_MAX_NGRAM_ORDER))
            return stance_error_set(err, STANCE_ERR_FORMAT, STANCE_NO_OFFSET, "bad n-gram orders %u..%u in family %u",
                                    f->min_n, f->max_n, f->id);
        if ((f->id == FAM_TWIN || f->id == FAM_LEX || f->id == FAM_LEXD || f->id == FAM_VEC) &&
            (f->window < 1 || f->window > 64))
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
    {FAM_CLAUSE, 0xc1a57u, 1, 2, 0, 0, 1.0f}, {FAM_LEX, 0x1e8a8u, 1, 1, 3, 0, 1.0f},
    {FAM_LEXD, 0x1e8d9u, 1, 1, 3, 0, 1.0f},   {FAM_RULES, 0x5e17au, 1, 1, 0, 0, 1.0f},
    {FAM_VEC, 0x7ec11u, 1, 1, 3, 0, 1.0f},
    {FAM_STRUCT, 0x57c7cu, 1, 1, 0, 0, 1.0f}, {FAM_TCONJ, 0x7c0d3u, 1, 1, 0, 0, 1.0f},
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
                    prefix[0] = side == 0 ? 'L' : 'R'; /* "L3 ": the bucket is one digit */
                    prefix[1] = (char)('0' + dist_bucket(d));
                    prefix[2] = ' ';
                    prefix[3] = '\0';
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

/* ---- prior word polarity (families 8-10) ---------------------------------- */

static int bytes_cmp(const char *a, size_t na, const char *b, size_t nb)
{
    int c;
    /* most probes of a binary search differ in the first byte: no call for those */
    if (na && nb && a[0] != b[0])
        return (unsigned char)a[0] < (unsigned char)b[0] ? -1 : 1;
    c = memcmp(a, b, na < nb ? na : nb);
    return c ? c : (na > nb) - (na < nb);
}

static float lex_valence(const stance_lexicon *lx, const char *w, size_t n)
{
    size_t lo = 0, hi = lx->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = bytes_cmp(lx->blob + lx->off[mid], lx->len[mid], w, n);
        if (c == 0)
            return lx->valence[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

static int tok_in(const stance_fscratch *s, const tok *k, const char *const *list, size_t n)
{
    /* the first byte first: the lists are scanned for every word of every statement */
    const char c = k->len ? s->buf[k->off] : '\0';
    for (size_t i = 0; i < n; i++)
        if (list[i][0] == c && tok_is(s, k, list[i]))
            return 1;
    return 0;
}

/* VADER's booster and dampener words (single-token ones) and its negators
 * beyond is_negator(): apostrophe-less contractions, "rarely", "seldom". */
static const char *const boosters[] = {
    "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably", "decidedly", "deeply",
    "enormous", "enormously", "entirely", "especially", "exceptional", "exceptionally", "extreme", "extremely",
    "fabulously", "fully", "greatly", "hella", "highly", "hugely", "incredible", "incredibly", "intensely", "major",
    "majorly", "more", "most", "particularly", "purely", "quite", "really", "remarkably", "so", "substantially",
    "thoroughly", "total", "totally", "tremendous", "tremendously", "uber", "unbelievably", "unusually", "utter",
    "utterly", "very"};
static const char *const dampeners[] = {"almost", "barely", "hardly", "kinda", "less", "little", "marginal",
                                        "marginally", "occasional", "occasionally", "partly", "scarce", "scarcely",
                                        "slight", "slightly", "somewhat", "sorta"};
static const char *const more_negators[] = {"aint", "arent", "cant", "couldnt", "didnt", "doesnt", "dont", "hadnt",
                                            "hasnt", "havent", "isnt", "nope", "rarely", "seldom", "shouldnt",
                                            "wasnt", "werent", "wont", "wouldnt"};

static int is_caps_word(const char *text, const tok *k)
{
    size_t letters = 0;
    for (size_t i = k->start; i < k->end; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 'a' && c <= 'z')
            return 0;
        letters += c >= 'A' && c <= 'Z';
    }
    return letters >= 2;
}

/* Mark the rule words of the view and, with a lexicon, each word's valence
 * after VADER's rules in s->pol. */
static int polarity_pass(stance_fscratch *s, const stance_featcfg *cfg, const stance_statement *st, size_t window)
{
    static const float decay[4] = {0, 1.0f, 0.95f, 0.9f};
    size_t but = SIZE_MAX, first = SIZE_MAX, last = 0;
    int lower = 0;
    if (stance_grow((void **)&s->pol, &s->pol_cap, s->n_view + 1, sizeof *s->pol) ||
        stance_grow((void **)&s->prior, &s->prior_cap, s->n_view + 1, sizeof *s->prior))
        return STANCE_ERR_NOMEM;
    for (size_t i = 0; i < st->text_len && !lower; i++)
        lower = st->text[i] >= 'a' && st->text[i] <= 'z';
    for (size_t i = 0; i < s->n_view; i++) {
        tok *k = &s->view[i];
        s->pol[i] = 0;
        s->prior[i] = 0;
        if (k->flags & TK_TARGET) {
            if (first == SIZE_MAX)
                first = i;
            last = i;
        }
        if (k->flags & (TK_PUNCT | TK_TARGET))
            continue;
        if (tok_in(s, k, boosters, sizeof boosters / sizeof *boosters))
            k->flags |= TK_BOOST;
        else if (tok_in(s, k, dampeners, sizeof dampeners / sizeof *dampeners))
            k->flags |= TK_DAMP;
        else if (((k->flags & TK_NEGATOR) && !tok_is(s, k, "no")) ||
                 tok_in(s, k, more_negators, sizeof more_negators / sizeof *more_negators))
            k->flags |= TK_LNEG;
        if (lower && is_caps_word(st->text, k))
            k->flags |= TK_CAPS;
        if (but == SIZE_MAX && tok_is(s, k, "but"))
            but = i;
    }
    for (size_t i = 0; first != SIZE_MAX && i < s->n_view; i++) {
        size_t d = i < first ? first - i : i > last ? i - last : 0;
        for (size_t m = first; d && m <= last; m++)
            if (s->view[m].flags & TK_TARGET) {
                size_t dm = m > i ? m - i : i - m;
                d = dm < d ? dm : d;
            }
        if (d <= window)
            s->view[i].flags |= TK_NEAR;
    }
    if (!cfg->lex)
        return STANCE_OK;
    for (size_t i = 0; i < s->n_view; i++) {
        tok *k = &s->view[i];
        float v, sign;
        if (k->flags & (TK_PUNCT | TK_TARGET))
            continue;
        v = s->prior[i] = lex_valence(cfg->lex, s->buf + k->off, k->len);
        if (v == 0)
            continue;
        sign = v > 0 ? 1.0f : -1.0f;
        if (k->flags & TK_CAPS)
            v += sign * 0.733f;
        for (size_t j = 1; j <= 3 && j <= i && !(s->view[i - j].flags & TK_PUNCT); j++) {
            unsigned f = s->view[i - j].flags;
            if (f & TK_BOOST)
                v += sign * 0.293f * decay[j];
            else if (f & TK_DAMP)
                v -= sign * 0.293f * decay[j];
        }
        for (size_t j = 1; j <= 3 && j <= i && !(s->view[i - j].flags & TK_PUNCT); j++)
            if (s->view[i - j].flags & TK_LNEG) {
                v *= -0.74f;
                k->flags |= TK_FLIP;
                break;
            }
        if (but != SIZE_MAX && i != but)
            v *= i < but ? 0.5f : 1.5f;
        s->pol[i] = v;
    }
    return STANCE_OK;
}

/* Whether view token @p i lies in region @p r ("A", "L", "R", "N"). */
static int in_region(const stance_fscratch *s, char r, size_t i, size_t first, size_t last)
{
    switch (r) {
    case 'L': return i < first;
    case 'R': return i > last && last != SIZE_MAX;
    case 'N': return (s->view[i].flags & TK_NEAR) != 0;
    default: return 1;
    }
}

static void mention_range(const stance_fscratch *s, size_t *first, size_t *last)
{
    *first = SIZE_MAX;
    *last = SIZE_MAX;
    for (size_t i = 0; i < s->n_view; i++)
        if (s->view[i].flags & TK_TARGET) {
            if (*first == SIZE_MAX)
                *first = i;
            *last = i;
        }
}

static int emit_dense(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi, const char *name, double v)
{
    const stance_family *f = &cfg->families[fi];
    size_t len = strlen(name);
    uint32_t mask = (uint32_t)(((uint64_t)1 << cfg->table_bits) - 1);
    if (v == 0)
        return STANCE_OK;
    if (stance_grow((void **)&s->dense, &s->dense_cap, s->n_dense + 1, sizeof *s->dense))
        return STANCE_ERR_NOMEM;
    s->dense[s->n_dense].bucket = (uint32_t)XXH3_64bits_withSeed(name, len, f->seed) & mask;
    s->dense[s->n_dense++].val = (float)(v * f->weight);
    if (s->name_cb)
        s->name_cb(s->name_user, s->dense[s->n_dense - 1].bucket, f->id, name, len);
    return STANCE_OK;
}

static double squash(double x)
{
    return x / sqrt(x * x + 15.0); /* VADER's normalisation of a valence sum */
}

/* Families 8 (@p dense = 0: tags) and 9 (dense = 1: pooled scores). */
static int fam_lex(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi, int dense)
{
    static const char regions[] = "ALRN";
    size_t first, last;
    char name[16];
    mention_range(s, &first, &last);
    for (const char *r = regions; *r; r++) {
        double pos = 0, neg = 0;
        unsigned npos = 0, nneg = 0;
        if (*r != 'A' && first == SIZE_MAX)
            break;
        for (size_t i = 0; i < s->n_view; i++) {
            float v = s->pol[i];
            if (v == 0 || !in_region(s, *r, i, first, last))
                continue;
            if (v > 0) {
                pos += v;
                npos++;
            } else {
                neg -= v;
                nneg++;
            }
            if (dense)
                continue;
            /* "R+", "R+2", "R!-": built by hand (snprintf was a tenth of predict's time) */
            name[0] = *r;
            name[1] = v > 0 ? '+' : '-';
            name[2] = '2';
            if (emit(s, cfg, fi, name, 2) || (fabsf(v) >= 2.0f && emit(s, cfg, fi, name, 3)))
                return STANCE_ERR_NOMEM;
            name[1] = '!';
            name[2] = v > 0 ? '-' : '+';
            if ((s->view[i].flags & TK_FLIP) && emit(s, cfg, fi, name, 3))
                return STANCE_ERR_NOMEM;
        }
        if (dense) {
            const char *const sfx[] = {"pos", "neg", "net", "npos", "nneg"};
            double val[5];
            val[0] = squash(pos);
            val[1] = squash(neg);
            val[2] = squash(pos - neg);
            val[3] = (npos > 4 ? 4 : npos) / 4.0;
            val[4] = (nneg > 4 ? 4 : nneg) / 4.0;
            for (int j = 0; j < 5; j++) {
                size_t l = strlen(sfx[j]);
                name[0] = *r;
                name[1] = ':';
                memcpy(name + 2, sfx[j], l + 1);
                if (emit_dense(s, cfg, fi, name, val[j]))
                    return STANCE_ERR_NOMEM;
            }
        } else {
            const char *sum = pos > neg ? ">+" : neg > pos ? ">-" : npos ? "=mix" : "=0";
            size_t l = strlen(sum);
            name[0] = *r;
            memcpy(name + 1, sum, l + 1);
            if (emit(s, cfg, fi, name, l + 1))
                return STANCE_ERR_NOMEM;
        }
    }
    return STANCE_OK;
}

/* Family 10: VADER's sentence-level cues. */
static int fam_rules(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi)
{
    unsigned excl = 0, quest = 0, caps = 0, boost = 0, damp = 0, negs = 0, but = 0;
    for (size_t i = 0; i < s->n_view; i++) {
        const tok *k = &s->view[i];
        if (k->flags & TK_PUNCT) {
            excl += s->buf[k->off] == '!';
            quest += s->buf[k->off] == '?';
            continue;
        }
        caps += (k->flags & TK_CAPS) != 0;
        boost += (k->flags & TK_BOOST) != 0;
        damp += (k->flags & TK_DAMP) != 0;
        negs += (k->flags & TK_LNEG) != 0;
        but |= !(k->flags & TK_TARGET) && tok_is(s, k, "but");
    }
    if (emit_dense(s, cfg, fi, "excl", (excl > 4 ? 4 : excl) / 4.0) ||
        emit_dense(s, cfg, fi, "quest", (quest > 3 ? 3 : quest) / 3.0) ||
        emit_dense(s, cfg, fi, "caps", (caps > 3 ? 3 : caps) / 3.0) ||
        emit_dense(s, cfg, fi, "boost", (boost > 3 ? 3 : boost) / 3.0) ||
        emit_dense(s, cfg, fi, "damp", (damp > 3 ? 3 : damp) / 3.0) ||
        emit_dense(s, cfg, fi, "negs", (negs > 3 ? 3 : negs) / 3.0))
        return STANCE_ERR_NOMEM;
    if (but && emit(s, cfg, fi, "but", 3))
        return STANCE_ERR_NOMEM;
    /* tags have names of their own: a tag and a dense value of one name would share a bucket */
    if (excl && emit(s, cfg, fi, "any !", 5))
        return STANCE_ERR_NOMEM;
    if (quest && emit(s, cfg, fi, "any ?", 5))
        return STANCE_ERR_NOMEM;
    return STANCE_OK;
}

int stance_features_need_vectors(const stance_featcfg *cfg)
{
    for (uint32_t i = 0; i < cfg->n_families && i < STANCE_MAX_FAMILIES; i++)
        if (cfg->families[i].id == FAM_VEC)
            return 1;
    return 0;
}

/* The distance in view tokens from each token to the nearest target mention
 * (UINT32_MAX without one), in s->vdist: one pass each way. */
static int mention_distances(stance_fscratch *s)
{
    uint32_t d = UINT32_MAX;
    if (stance_grow((void **)&s->vdist, &s->vdist_cap, s->n_view + 1, sizeof *s->vdist))
        return STANCE_ERR_NOMEM;
    for (size_t i = 0; i < s->n_view; i++) {
        d = (s->view[i].flags & TK_TARGET) ? 0 : d == UINT32_MAX ? d : d + 1;
        s->vdist[i] = d;
    }
    d = UINT32_MAX;
    for (size_t i = s->n_view; i-- > 0;) {
        d = (s->view[i].flags & TK_TARGET) ? 0 : d == UINT32_MAX ? d : d + 1;
        if (d < s->vdist[i])
            s->vdist[i] = d;
    }
    return STANCE_OK;
}

/* Family 11: per region ("A" all, "L" left of the first mention, "R" right
 * of the last, "N" within the family's window of one), the sum of the word
 * vectors, L2-normalised and times the family weight; dimension d of region
 * r is the dense value named r followed by d in decimal ("A0", "N99"). */
static int fam_vec(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi)
{
    static const char regions[] = "ALRN";
    const stance_wvec *wv = cfg->wvec;
    const stance_family *f = &cfg->families[fi];
    uint32_t dim = wv->dim, mask = (uint32_t)(((uint64_t)1 << cfg->table_bits) - 1);
    size_t first, last, nreg;
    unsigned count[4] = {0, 0, 0, 0};
    mention_range(s, &first, &last);
    nreg = first == SIZE_MAX ? 1 : 4;
    if (stance_grow((void **)&s->vacc, &s->vacc_cap, 4 * (size_t)dim, sizeof *s->vacc) ||
        (nreg > 1 && mention_distances(s)))
        return STANCE_ERR_NOMEM;
    memset(s->vacc, 0, nreg * dim * sizeof *s->vacc);
    for (size_t i = 0; i < s->n_view; i++) {
        const tok *k = &s->view[i];
        long w;
        if (k->flags & (TK_PUNCT | TK_TARGET) || (w = stance_wvec_find(wv, s->buf + k->off, k->len)) < 0)
            continue;
        for (size_t r = 0; r < nreg; r++) {
            const int8_t *v = wv->vec + (size_t)w * dim;
            int32_t *acc = s->vacc + r * dim;
            if ((r == 1 && i >= first) || (r == 2 && i <= last) || (r == 3 && s->vdist[i] > f->window))
                continue;
            for (uint32_t d = 0; d < dim; d++)
                acc[d] += v[d];
            count[r]++;
        }
    }
    for (size_t r = 0; r < nreg; r++) {
        const int32_t *acc = s->vacc + r * dim;
        double norm = 0;
        if (!count[r])
            continue;
        for (uint32_t d = 0; d < dim; d++)
            norm += (double)acc[d] * acc[d];
        if (norm <= 0)
            continue;
        norm = f->weight / sqrt(norm);
        if (stance_grow((void **)&s->dense, &s->dense_cap, s->n_dense + dim, sizeof *s->dense))
            return STANCE_ERR_NOMEM;
        for (uint32_t d = 0; d < dim; d++) {
            char name[8];
            size_t len = 1;
            if (!acc[d])
                continue;
            name[0] = regions[r]; /* then d in decimal: no snprintf in the hot loop */
            if (d >= 1000)
                name[len++] = (char)('0' + d / 1000 % 10);
            if (d >= 100)
                name[len++] = (char)('0' + d / 100 % 10);
            if (d >= 10)
                name[len++] = (char)('0' + d / 10 % 10);
            name[len++] = (char)('0' + d % 10);
            s->dense[s->n_dense].bucket = (uint32_t)XXH3_64bits_withSeed(name, len, f->seed) & mask;
            s->dense[s->n_dense++].val = (float)(acc[d] * norm);
            if (s->name_cb)
                s->name_cb(s->name_user, s->dense[s->n_dense - 1].bucket, f->id, name, len);
        }
    }
    return STANCE_OK;
}

int stance_features_tokens(const stance_featcfg *cfg, stance_fscratch *s, const char *text, size_t len,
                           stance_token_cb cb, void *user)
{
    s->buf_len = 0;
    s->n_toks = 0;
    if (tokenize(s, cfg->norm_flags, text, len))
        return STANCE_ERR_NOMEM;
    for (size_t i = 0; i < s->n_toks; i++)
        if (cb(user, s->buf + s->toks[i].off, s->toks[i].len, (s->toks[i].flags & TK_PUNCT) != 0))
            return STANCE_ERR_NOMEM;
    return STANCE_OK;
}

int stance_features_need_lexicon(const stance_featcfg *cfg)
{
    for (uint32_t i = 0; i < cfg->n_families && i < STANCE_MAX_FAMILIES; i++)
        if (family_needs_lex(cfg->families[i].id))
            return 1;
    return 0;
}

/* ---- structure and target conjunctions (families 12, 13) ------------------ */

typedef struct struct_ctx {
    stance_fscratch *s;
    const stance_featcfg *cfg;
    uint32_t fi;
} struct_ctx;

static int struct_emit(void *user, const char *name, size_t len, double dense)
{
    struct_ctx *c = user;
    char tmp[64];
    if (dense == 0)
        return emit(c->s, c->cfg, c->fi, name, len);
    if (len >= sizeof tmp)
        return STANCE_OK;
    memcpy(tmp, name, len);
    tmp[len] = '\0';
    return emit_dense(c->s, c->cfg, c->fi, tmp, dense);
}

/* The view as lib/structure.c reads it; @p key / @p key_len (family 13) is the
 * target's key, already normalised in s->buf. */
static int fam_struct(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi, const char *key, size_t key_len)
{
    struct_ctx c = {s, cfg, fi};
    if (!s->stoks_ready && stance_grow((void **)&s->stoks, &s->stoks_cap, s->n_view + 1, sizeof *s->stoks))
        return STANCE_ERR_NOMEM;
    for (size_t i = 0; !s->stoks_ready && i < s->n_view; i++) {
        const tok *k = &s->view[i];
        stance_stok *o = &s->stoks[i];
        o->w = s->buf + k->off;
        o->n = k->len;
        o->kind = (k->flags & TK_TARGET) ? STANCE_ST_TARGET : (k->flags & TK_PUNCT) ? STANCE_ST_PUNCT : STANCE_ST_WORD;
        o->cls = o->kind == STANCE_ST_WORD ? stance_lex_classes(o->w, o->n) : 0;
        o->prior = o->kind == STANCE_ST_WORD ? s->prior[i] : 0; /* polarity_pass ran first */
        o->pol = s->pol[i];
    }
    s->stoks_ready = 1;
    if (cfg->families[fi].id == FAM_TCONJ)
        return stance_struct_tconj(s->stoks, s->n_view, key, key_len, struct_emit, &c);
    return stance_struct_extract(s->stoks, s->n_view, struct_emit, &c);
}

/* The target's key for family 13: its last word, normalised, appended to s->buf. */
static int target_key(stance_fscratch *s, const stance_featcfg *cfg, const stance_statement *st, size_t *off,
                      size_t *len)
{
    size_t t0 = s->n_toks;
    *len = 0;
    if (!st->target || !st->target_len)
        return STANCE_OK;
    if (tokenize(s, cfg->norm_flags, st->target, st->target_len))
        return STANCE_ERR_NOMEM;
    for (size_t i = s->n_toks; i > t0; i--)
        if (!(s->toks[i - 1].flags & TK_PUNCT)) {
            *off = s->toks[i - 1].off;
            *len = s->toks[i - 1].len;
            break;
        }
    s->n_toks = t0;
    return STANCE_OK;
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

typedef struct lexent {
    size_t off, len, order;
    float v;
} lexent;

static void lexent_sort(lexent *a, lexent *tmp, size_t n, const char *pool)
{
    /* Bottom-up merge sort by (bytes, input order): stable and deterministic. */
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n, i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = bytes_cmp(pool + a[j].off, a[j].len, pool + a[i].off, a[i].len) < 0 ? a[j++] : a[i++];
            while (i < mid)
                tmp[k++] = a[i++];
            while (j < hi)
                tmp[k++] = a[j++];
        }
        memcpy(a, tmp, n * sizeof *a);
    }
}

int stance_lexicon_build(const stance_featcfg *cfg, const char *const *words, const size_t *lens, const float *valence,
                         size_t n, stance_lexicon **out, stance_error *err)
{
    stance_fscratch *s = NULL;
    lexent *e = NULL, *tmp = NULL;
    char *pool = NULL;
    size_t pool_len = 0, ne = 0, kept = 0;
    stance_lexicon *lx = NULL;
    *out = NULL;
    if (n > STANCE_MAX_LEXICON)
        return stance_error_set(err, STANCE_ERR_LIMIT, STANCE_NO_OFFSET, "lexicon has more than %u entries",
                                STANCE_MAX_LEXICON);
    if (stance_fscratch_new(&s) || !(e = stance_calloc(n ? n : 1, sizeof *e)) ||
        !(tmp = stance_calloc(n ? n : 1, sizeof *tmp)) || !(pool = stance_malloc(n * STANCE_MAX_LEXWORD + 1)) ||
        !(lx = stance_calloc(1, sizeof *lx)))
        goto nomem;
    for (size_t i = 0; i < n; i++) {
        float v = valence[i];
        s->buf_len = 0;
        s->n_toks = 0;
        if (!isfinite(v) || v == 0 || fabsf(v) > STANCE_MAX_VALENCE)
            continue;
        if (tokenize(s, cfg->norm_flags, words[i], lens[i]))
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
    stance_fscratch_free(s);
    stance_free(e);
    stance_free(tmp);
    stance_free(pool);
    *out = lx;
    return STANCE_OK;
nomem:
    stance_fscratch_free(s);
    stance_free(e);
    stance_free(tmp);
    stance_free(pool);
    stance_lexicon_free(lx);
    return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
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

/* Stable sort of dense values by bucket (tmp has room for n): insertion sort
 * for a few dozen, bottom-up merges for the hundreds of the vec family. */
static void dense_sort(dval *a, dval *tmp, size_t n)
{
    if (n <= 32) {
        for (size_t i = 1; i < n; i++) {
            dval x = a[i];
            size_t b = i;
            while (b > 0 && a[b - 1].bucket > x.bucket) {
                a[b] = a[b - 1];
                b--;
            }
            a[b] = x;
        }
        return;
    }
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n, i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = a[j].bucket < a[i].bucket ? a[j++] : a[i++];
            while (i < mid)
                tmp[k++] = a[i++];
            while (j < hi)
                tmp[k++] = a[j++];
        }
        memcpy(a, tmp, n * sizeof *a);
    }
}

/* Add the dense values (already scaled by their family weight, outside the
 * L2 norm) to the sorted vector; out has room for all of them. */
static void merge_dense(stance_fscratch *s, stance_fvec *out)
{
    size_t i = out->n, j = s->n_dense, k = out->n + s->n_dense, w = 0;
    if (!s->n_dense)
        return;
    dense_sort(s->dense, s->dense + s->n_dense, s->n_dense);
    while (j > 0) {
        k--;
        if (i > 0 && out->idx[i - 1] > s->dense[j - 1].bucket) {
            i--;
            out->idx[k] = out->idx[i];
            out->val[k] = out->val[i];
        } else {
            j--;
            out->idx[k] = s->dense[j].bucket;
            out->val[k] = s->dense[j].val;
        }
    }
    for (size_t r = 0; r < out->n + s->n_dense; r++) {
        if (w && out->idx[w - 1] == out->idx[r]) {
            out->val[w - 1] += out->val[r];
        } else {
            out->idx[w] = out->idx[r];
            out->val[w++] = out->val[r];
        }
    }
    out->n = w;
}

static int finish(stance_fscratch *s, const stance_featcfg *cfg, stance_fvec *out)
{
    size_t w = 0;
    double norm = 0, famsq[16] = {0};
    const int logtf = cfg->value_mode == VALUE_LOGTF || cfg->value_mode == VALUE_LOGTF_FAM;
    const int per_family = cfg->value_mode == VALUE_BINARY_FAM || cfg->value_mode == VALUE_LOGTF_FAM;
    if (s->n_keys + s->n_dense > out->cap) {
        size_t need = s->n_keys + s->n_dense;
        uint32_t *ni = stance_realloc_array(out->idx, need, sizeof *ni);
        float *nv;
        if (!ni)
            return STANCE_ERR_NOMEM;
        out->idx = ni;
        nv = stance_realloc_array(out->val, need, sizeof *nv);
        if (!nv)
            return STANCE_ERR_NOMEM;
        out->val = nv;
        out->cap = need;
    }
    if (s->n_dense > 32 && stance_grow((void **)&s->dense, &s->dense_cap, 2 * s->n_dense, sizeof *s->dense))
        return STANCE_ERR_NOMEM; /* the second half is dense_sort's scratch */
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
    if (cfg->value_mode != VALUE_BINARY_RAW && !per_family) {
        for (size_t i = 0; i < w; i++)
            norm += (double)out->val[i] * out->val[i];
        if (norm > 0) {
            norm = 1.0 / sqrt(norm);
            for (size_t i = 0; i < w; i++)
                out->val[i] = (float)(out->val[i] * norm);
        }
    }
    merge_dense(s, out);
    return STANCE_OK;
}

/* The near-target radius of the lexicon families (the first one's window). */
static size_t lex_window(const stance_featcfg *cfg)
{
    for (uint32_t i = 0; i < cfg->n_families; i++)
        if (cfg->families[i].id == FAM_LEX || cfg->families[i].id == FAM_LEXD)
            return cfg->families[i].window;
    return 3;
}

int stance_features_extract(const stance_featcfg *cfg, const stance_statement *st, stance_fscratch *s,
                            stance_fvec *out, stance_error *err)
{
    size_t n_text, ctx_from, key_off = 0, key_len = 0;
    int have_target = st->target && st->target_len, pol_done = 0;
    int rc = STANCE_ERR_NOMEM;

    out->n = 0;
    s->buf_len = 0;
    s->n_toks = 0;
    s->n_view = 0;
    s->n_keys = 0;
    s->n_dense = 0;
    s->stoks_ready = 0;
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
        uint32_t id = cfg->families[fi].id;
        if (family_needs_lex(id) && !cfg->lex)
            return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "feature family %u needs a lexicon", id);
        if (id == FAM_TCONJ && have_target && !key_len && target_key(s, cfg, st, &key_off, &key_len))
            goto fail;
        if (id == FAM_VEC && !cfg->wvec)
            return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "feature family %u needs word vectors", id);
        if (!pol_done && (id == FAM_LEX || id == FAM_LEXD || id == FAM_RULES || id == FAM_STRUCT || id == FAM_TCONJ)) {
            if (polarity_pass(s, cfg, st, lex_window(cfg)))
                goto fail;
            pol_done = 1;
        }
    }
    for (uint32_t fi = 0; fi < cfg->n_families; fi++) {
        switch (cfg->families[fi].id) {
        case FAM_WORD: rc = fam_word(s, cfg, fi); break;
        case FAM_CHAR: rc = fam_char(s, cfg, fi); break;
        case FAM_NEG: rc = fam_neg(s, cfg, fi); break;
        case FAM_TWIN: rc = have_target ? fam_twin(s, cfg, fi) : STANCE_OK; break;
        case FAM_TPRES: rc = fam_tpres(s, cfg, fi, have_target); break;
        case FAM_CTX: rc = fam_ctx(s, cfg, fi, ctx_from); break;
        case FAM_CLAUSE: rc = have_target ? fam_clause(s, cfg, fi) : STANCE_OK; break;
        case FAM_LEX: rc = fam_lex(s, cfg, fi, 0); break;
        case FAM_LEXD: rc = fam_lex(s, cfg, fi, 1); break;
        case FAM_RULES: rc = fam_rules(s, cfg, fi); break;
        case FAM_STRUCT: rc = have_target ? fam_struct(s, cfg, fi, NULL, 0) : STANCE_OK; break;
        case FAM_TCONJ: rc = key_len ? fam_struct(s, cfg, fi, s->buf + key_off, key_len) : STANCE_OK; break;
        case FAM_VEC: rc = fam_vec(s, cfg, fi); break;
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
