/*
 * features.c - the feature extractor shared by the trainer and the runtime:
 * normalise and tokenise a statement, mark negation scopes and the target's
 * mentions, then hash the n-grams of each enabled family (own seed per
 * family, XXH3-64 over the bytes, low table_bits kept) into a sorted sparse
 * vector. Every buffer lives in the caller's scratch, so the hot path makes
 * no allocation per token or n-gram once the scratch has grown. What does not
 * depend on the target (tokens, word classes and valences, the keys of the
 * text's word and character n-grams) is computed once per text and reused
 * for the next statement on the same text (features_cache.c); tokenisation
 * and the polarity lexicon are in features_text.c.
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
 *  14 domain: in-domain statements only, a copy of each hashed feature and a
 *     bias feature (features_domain.c)
 *  15 side: the target's relation to the quote's speaker, when the caller
 *     knows it (one dense feature; features_side.c)
 *
 * The polarity rules follow VADER (Hutto and Gilbert, ICWSM 2014; MIT): a
 * booster or dampener among the three words before a polarity word moves its
 * valence by 0.293 (x0.95, x0.9 further back), a negator there multiplies it
 * by -0.74, an ALL-CAPS word in mixed-case text gains 0.733, and a "but"
 * halves what comes before it and multiplies what follows by 1.5. A "but"
 * right after nothing/none/nobody/"no one"/anything/all/everything/everyone
 * (lexicon class FX_EXCEPT) means except, not a contrast ("nothing but
 * delays" = only delays): it neither halves nor lifts, nor is the rules
 * family's "but"; and after a negator ("nothing but X") neither family 3's
 * negation scope nor the rules' negator reaches past it. Regions:
 * "A" the whole statement, "L" left of the target's first mention, "R" right
 * of its last, "N" within `window` tokens of a mention (the last three only
 * when the target is mentioned).
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "features_int.h"
#include "lexicon.h"
#include "sort.h"
#include "model.h"
#include "structure.h"
#include "vectors.h"


/* Family ids this revision knows. */
static int family_known(uint32_t id)
{
    return (id >= FAM_WORD && id <= FAM_RULES) || id == FAM_VEC || id == FAM_STRUCT || id == FAM_TCONJ ||
           id == FAM_DOMAIN || id == FAM_SIDE;
}

/* The option flags family @p id may carry (features.h, STANCE_FF_*). */
static uint32_t family_flags_known(uint32_t id)
{
    return id == FAM_WORD || id == FAM_TWIN ? FF_NEGMARK : 0;
}

/* Families that read the model's lexicon. */
static int family_needs_lex(uint32_t id)
{
    return id == FAM_LEX || id == FAM_LEXD || id == FAM_STRUCT || id == FAM_TCONJ;
}

const char *stance_family_prefix(uint32_t id)
{
    static const char *const prefix[] = {"?:", "w:", "c:", "n:", "t:", "p:", "x:", "k:",
                                         "l:", "d:", "r:", "v:", "s:", "j:", "o:", "a:"};
    return id < sizeof prefix / sizeof *prefix ? prefix[id] : "?:";
}

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
    stance_wmemo_free(&s->memo);
    stance_ftext_free(&s->t);
    stance_ftext_free(&s->alt);
    stance_free(s->view);
    stance_free(s->gram);
    stance_free(s->keys);
    stance_free(s->dense);
    stance_free(s->btab);
    stance_free(s->pol);
    stance_free(s->polar);
    stance_free(s->stoks);
    stance_free(s->stags);
    stance_free(s->vacc);
    stance_free(s->vdist);
    stance_free(s->vwidx);
    stance_free(s->vz);
    stance_free(s);
}

void stance_fscratch_set_vec_block(stance_fscratch *s, int on)
{
    s->vec_block = on;
}

void stance_fscratch_set_domain(stance_fscratch *s, int on)
{
    s->domain = on;
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
        if (!family_known(f->id) || (f->flags & ~family_flags_known(f->id)))
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
    {FAM_DOMAIN, 0xd0a14u, 1, 1, 0, 0, 1.0f}, {FAM_SIDE, 0x51de5u, 1, 1, 0, 0, 1.0f},
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

/* ---- hashing and feature emission ----------------------------------------- */

static int emit(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi, const char *bytes, size_t len)
{
    uint64_t key = stance_fkey(cfg, fi, bytes, len);
    if (s->n_keys == s->keys_cap && stance_grow((void **)&s->keys, &s->keys_cap, s->n_keys + 1, sizeof *s->keys))
        return STANCE_ERR_NOMEM;
    s->keys[s->n_keys++] = key;
    if (s->name_cb)
        s->name_cb(s->name_user, (uint32_t)(key >> 4), cfg->families[fi].id, bytes, len);
    return STANCE_OK;
}


/* Room for @p more keys. */
static int keys_reserve(stance_fscratch *s, size_t more)
{
    return stance_grow((void **)&s->keys, &s->keys_cap, s->n_keys + more, sizeof *s->keys);
}

/* Assemble the @p plen bytes of @p prefix + the tokens view[a..b) separated by
 * spaces, each with a flag of @p mark written "~tok" (FF_NEGMARK), and emit it. */
static int emit_marked(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi, const char *prefix, size_t plen,
                       const tok *v, size_t a, size_t b, unsigned mark)
{
    size_t n = plen;
    if (plen + 1 > s->gram_cap && stance_grow((void **)&s->gram, &s->gram_cap, plen + 1, 1))
        return STANCE_ERR_NOMEM;
    stance_copy_short(s->gram, prefix, plen);
    for (size_t i = a; i < b; i++) { /* room for each token and the space before it as it comes */
        const size_t len = v[i].len;
        if (n + len + 3 > s->gram_cap && stance_grow((void **)&s->gram, &s->gram_cap, n + len + 3, 1))
            return STANCE_ERR_NOMEM;
        if (i > a)
            s->gram[n++] = ' ';
        if (v[i].flags & mark)
            s->gram[n++] = '~';
        stance_copy_short(s->gram + n, s->t.buf + v[i].off, len);
        n += len;
    }
    return emit(s, cfg, fi, s->gram, n);
}

static int emit_tokens(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi, const char *prefix, size_t plen,
                       const tok *v, size_t a, size_t b)
{
    return emit_marked(s, cfg, fi, prefix, plen, v, a, b, 0);
}

/* Family 1; an n-gram without the target is the text's, whose key is cached:
 * where every order at a token is (the token is max_n or more before the next
 * target token or the end), they are copied in a loop of their own. With
 * FF_NEGMARK a token in a negation scope is "~tok" (Das & Chen 2001), never cached. */
static int fam_word(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi)
{
    const stance_family *f = &cfg->families[fi];
    const uint64_t *wk = s->t.wfi == fi ? s->t.wkeys : NULL;
    const uint32_t min_n = f->min_n, max_n = f->max_n;
    const size_t orders = max_n - min_n + 1, nv = s->n_view;
    const unsigned mark = f->flags & FF_NEGMARK ? TK_NEGSCOPE : 0, stop = TK_TARGET | mark;
    size_t nt = 0; /* the first target (or marked) token at or after i (n_view: none) */
    if (wk && keys_reserve(s, nv * orders))
        return STANCE_ERR_NOMEM;
    for (size_t i = 0; i < nv; i++) {
        if (i == 0 || nt < i)
            for (nt = i; nt < nv && !(s->view[nt].flags & stop);)
                nt++;
        if (wk && nt >= max_n && i < nt - max_n + 1) { /* view[i, nt) holds every n-gram at i .. nt - max_n */
            const tok *const view = s->view;
            uint64_t *const keys = s->keys;
            size_t nk = s->n_keys;
            for (; i < nt - max_n + 1; i++)
                for (size_t o = 0; o < orders; o++)
                    keys[nk++] = wk[view[i].src * orders + o];
            s->n_keys = nk;
            i--;
            continue;
        }
        for (uint32_t n = min_n; n <= max_n && i + n <= nv; n++) {
            if (wk && nt >= i + n) /* no target in view[i, i + n) */
                s->keys[s->n_keys++] = wk[s->view[i].src * orders + (n - min_n)];
            else if (emit_marked(s, cfg, fi, "", 0, s->view, i, i + n, mark))
                return STANCE_ERR_NOMEM;
        }
    }
    return STANCE_OK;
}

/* Whether text token @p i of @p t, a target token, has its word's character
 * n-gram keys in the vector: with t->dedup, when it is the word's first token
 * and a later token of the word is not the target's (repeats have no keys of
 * their own: features_cache.c); else never. */
static int target_word_keys(const ftext *t, size_t i)
{
    if (!t->dedup || t->toks[i].src != i)
        return 0;
    for (size_t j = i + 1; j < t->n_text; j++)
        if (t->toks[j].src == i && !(t->toks[j].flags & TK_TARGET))
            return 1;
    return 0;
}

/* Family 2: the character n-grams of each word but the target's (cached per text token). */
static int fam_char(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi)
{
    ftext *t = &s->t;
    if (t->cfi == fi) {
        /* The view's words but the target's are the text's in order, punctuation
         * and a repeated word (t->dedup) have no keys: the cached keys in runs
         * between target tokens. */
        size_t from = 0;
        if (keys_reserve(s, t->coff[t->n_text]))
            return STANCE_ERR_NOMEM;
        for (size_t i = 0; i <= t->n_text; i++)
            if (i == t->n_text || ((t->toks[i].flags & TK_TARGET) && !target_word_keys(t, i))) {
                size_t to = t->coff[i];
                if (to > from) {
                    memcpy(s->keys + s->n_keys, t->ckeys + from, (to - from) * sizeof *s->keys);
                    s->n_keys += to - from;
                }
                if (i < t->n_text)
                    from = t->coff[i + 1];
            }
        return STANCE_OK;
    }
    for (size_t i = 0; i < s->n_view; i++) {
        const tok *k = &s->view[i];
        if (k->flags & (TK_PUNCT | TK_TARGET))
            continue;
        if (stance_fchar_keys(t, cfg, fi, k, &s->keys, &s->n_keys, &s->keys_cap, s->name_cb, s->name_user))
            return STANCE_ERR_NOMEM;
    }
    return STANCE_OK;
}

static int fam_neg(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi)
{
    for (size_t i = 0; i < s->n_view; i++)
        if ((s->view[i].flags & TK_NEGSCOPE) && emit_tokens(s, cfg, fi, "neg ", 4, s->view, i, i + 1))
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
    const unsigned mark = f->flags & FF_NEGMARK ? TK_NEGSCOPE : 0;
    char prefix[16];
    for (size_t m = s->vfirst; m <= s->vlast && m < s->n_view; m++) { /* (build_view()'s first and last mention) */
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
                    prefix[0] = side == 0 ? 'L' : 'R'; /* "L2 " */
                    prefix[1] = (char)('0' + dist_bucket(d));
                    prefix[2] = ' ';
                    prefix[3] = '\0';
                    if (emit_marked(s, cfg, fi, prefix, 3, s->view, a, a + n, mark))
                        return STANCE_ERR_NOMEM;
                }
            }
        }
    }
    return STANCE_OK;
}

static int fam_tpres(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi, int have_target)
{
    const size_t n = s->vmentions, first = s->vbefore, words = s->vwords; /* counted by build_view() */
    char tmp[] = "mentions 0";
    if (!have_target)
        return STANCE_OK;
    if (!n)
        return emit(s, cfg, fi, "absent", 6);
    tmp[sizeof tmp - 2] = (char)('0' + (n > 3 ? 3 : n));
    if (emit(s, cfg, fi, "present", 7) || emit(s, cfg, fi, tmp, sizeof tmp - 1))
        return STANCE_ERR_NOMEM;
    if (first == 0)
        return emit(s, cfg, fi, "first", 5);
    if (words && first * 3 < words)
        return emit(s, cfg, fi, "early", 5);
    if (words && first * 3 >= 2 * words)
        return emit(s, cfg, fi, "late", 4);
    return emit(s, cfg, fi, "middle", 6);
}

static int fam_ctx(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi, size_t from)
{
    for (size_t i = from; i < s->t.n_toks; i++) {
        const tok *k = &s->t.toks[i];
        if (k->flags & TK_PUNCT)
            continue;
        if (emit_tokens(s, cfg, fi, "ctx ", 4, s->t.toks, i, i + 1))
            return STANCE_ERR_NOMEM;
        if ((k->attr & TA_CUE) && emit_tokens(s, cfg, fi, "cue ", 4, s->t.toks, i, i + 1))
            return STANCE_ERR_NOMEM;
    }
    return STANCE_OK;
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
        while (a > 0 && !(s->view[a - 1].attr & TA_BREAK))
            a--;
        while (b < s->n_view && !(s->view[b].attr & TA_BREAK))
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
            if (emit_tokens(s, cfg, fi, in ? "in " : "out ", in ? 3 : 4, s->view, i, i + n))
                return STANCE_ERR_NOMEM;
        }
    return STANCE_OK;
}

/* ---- prior word polarity (families 8-10) ---------------------------------- */

/* What the "but" at view token @p i of @p v means by the word before it:
 * BUT_CONTRAST (VADER's rule), BUT_EXCEPT after an FX_EXCEPT word ("all but",
 * "anything but"; not "at all but"), BUT_ONLY after one that is a negator, or
 * "no one" ("nothing but delays": only delays; the negator negates nothing). */
enum { BUT_CONTRAST, BUT_EXCEPT, BUT_ONLY };
static int but_kind(const tok *v, size_t i, const char *buf)
{
    const tok *p = i ? &v[i - 1] : NULL;
    if (!p || (p->flags & (TK_PUNCT | TK_TARGET)))
        return BUT_CONTRAST;
    if ((p->attr & TA_EXCEPT) && !(i >= 2 && p->len == 3 && v[i - 2].len == 2 &&
                                   memcmp(buf + v[i - 2].off, "at", 2) == 0)) /* "at all but": a contrast */
        return p->attr & TA_NEGATOR ? BUT_ONLY : BUT_EXCEPT;
    return p->len == 3 && memcmp(buf + p->off, "one", 3) == 0 && i >= 2 && (v[i - 2].attr & TA_NO) &&
                   !(v[i - 2].flags & (TK_PUNCT | TK_TARGET))
               ? BUT_ONLY
               : BUT_CONTRAST;
}

/* Mark the rule words of the view and, with a lexicon, each word's valence
 * after VADER's rules in s->pol; count family 10's cues in s->rcount. */
static int polarity_pass(stance_fscratch *s, const stance_featcfg *cfg, size_t window)
{
    static const float decay[4] = {0, 1.0f, 0.95f, 0.9f};
    const size_t first = s->vfirst, last = s->vlast;
    size_t but = SIZE_MAX;
    unsigned *const rc = s->rcount;
    if (stance_grow((void **)&s->pol, &s->pol_cap, s->n_view + 1, sizeof *s->pol))
        return STANCE_ERR_NOMEM;
    memset(s->rcount, 0, sizeof s->rcount);
    for (size_t i = 0; i < s->n_view; i++) {
        tok *k = &s->view[i];
        s->pol[i] = 0;
        /* within the window of the first or last mention, or between them (the
         * nearest target token before the first is the first, after the last the last) */
        if (first != SIZE_MAX && (i < first ? first - i : i > last ? i - last : 0) <= window)
            k->flags |= TK_NEAR;
        if (k->flags & TK_PUNCT) {
            rc[RC_EXCL] += s->t.buf[k->off] == '!';
            rc[RC_QUEST] += s->t.buf[k->off] == '?';
            continue;
        }
        if (k->flags & TK_TARGET)
            continue;
        if (k->attr & TA_BOOST)
            k->flags |= TK_BOOST;
        else if (k->attr & TA_DAMP)
            k->flags |= TK_DAMP;
        else if (((k->flags & TK_NEGATOR) && !(k->attr & TA_NO)) || (k->attr & TA_VNEG))
            k->flags |= TK_LNEG;
        if (s->t.lower && (k->attr & TA_CAPS))
            k->flags |= TK_CAPS;
        if (k->attr & TA_BUT) {
            const int kind = but_kind(s->view, i, s->t.buf);
            if (kind == BUT_ONLY && (s->view[i - 1].flags & TK_LNEG)) { /* "nothing but": no negator */
                s->view[i - 1].flags &= ~TK_LNEG;
                rc[RC_NEGS]--;
            }
            if (but == SIZE_MAX && kind == BUT_CONTRAST)
                but = i;
        }
        rc[RC_CAPS] += (k->flags & TK_CAPS) != 0;
        rc[RC_BOOST] += (k->flags & TK_BOOST) != 0;
        rc[RC_DAMP] += (k->flags & TK_DAMP) != 0;
        rc[RC_NEGS] += (k->flags & TK_LNEG) != 0;
    }
    rc[RC_BUT] = but != SIZE_MAX;
    s->n_polar = 0;
    if (!cfg->lex)
        return STANCE_OK;
    if (stance_grow((void **)&s->polar, &s->polar_cap, s->n_view + 1, sizeof *s->polar))
        return STANCE_ERR_NOMEM;
    for (size_t i = 0; i < s->n_view; i++) {
        tok *k = &s->view[i];
        float v, sign;
        if (k->flags & (TK_PUNCT | TK_TARGET))
            continue;
        v = k->val;
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
        if (v != 0)
            s->polar[s->n_polar++] = i;
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

/* The first and last target token of the view (SIZE_MAX, SIZE_MAX without one): build_view()'s. */
static void mention_range(const stance_fscratch *s, size_t *first, size_t *last)
{
    *first = s->vfirst;
    *last = s->vlast;
}

/* The dense value @p v (not 0) of family index @p fi named name[0, len). */
int stance_femit_dense(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi, const char *name, size_t len,
                      double v)
{
    const stance_family *f = &cfg->families[fi];
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
        for (size_t p = 0; p < s->n_polar; p++) { /* the tokens with a valence (pol != 0), in order */
            const size_t i = s->polar[p];
            float v = s->pol[i];
            if (!in_region(s, *r, i, first, last))
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
            name[0] = *r; /* "A+", then "A+2" when strong */
            name[1] = v > 0 ? '+' : '-';
            name[2] = '2';
            if (emit(s, cfg, fi, name, 2) || (fabsf(v) >= 2.0f && emit(s, cfg, fi, name, 3)))
                return STANCE_ERR_NOMEM;
            name[1] = '!'; /* "A!-": a flipped positive word */
            name[2] = v > 0 ? '-' : '+';
            if ((s->view[i].flags & TK_FLIP) && emit(s, cfg, fi, name, 3))
                return STANCE_ERR_NOMEM;
        }
        if (dense) {
            static const char sfx[5][5] = {"pos", "neg", "net", "npos", "nneg"};
            static const unsigned char sfx_len[5] = {3, 3, 3, 4, 4};
            double val[5];
            val[0] = squash(pos);
            val[1] = squash(neg);
            val[2] = squash(pos - neg);
            val[3] = (npos > 4 ? 4 : npos) / 4.0;
            val[4] = (nneg > 4 ? 4 : nneg) / 4.0;
            for (int j = 0; j < 5; j++) {
                if (val[j] == 0)
                    continue; /* (stance_femit_dense() leaves out a zero) */
                name[0] = *r; /* "A:pos" */
                name[1] = ':';
                memcpy(name + 2, sfx[j], 4); /* (a fixed length: one move, not a call; the name is its first bytes) */
                if (stance_femit_dense(s, cfg, fi, name, 2u + sfx_len[j], val[j]))
                    return STANCE_ERR_NOMEM;
            }
        } else {
            static const char sums[4][5] = {">+", ">-", "=mix", "=0"};
            static const unsigned char sum_len[4] = {2, 2, 4, 2};
            const int k = pos > neg ? 0 : neg > pos ? 1 : npos ? 2 : 3;
            name[0] = *r; /* "A>+" */
            memcpy(name + 1, sums[k], 4);
            if (emit(s, cfg, fi, name, 1u + sum_len[k]))
                return STANCE_ERR_NOMEM;
        }
    }
    return STANCE_OK;
}

/* Family 10: VADER's sentence-level cues. */
static int fam_rules(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi)
{
    /* counted by polarity_pass(), which sets the flags they count */
    const unsigned excl = s->rcount[RC_EXCL], quest = s->rcount[RC_QUEST], caps = s->rcount[RC_CAPS],
                   boost = s->rcount[RC_BOOST], damp = s->rcount[RC_DAMP], negs = s->rcount[RC_NEGS],
                   but = s->rcount[RC_BUT];
    if (stance_femit_dense(s, cfg, fi, "excl", 4, (excl > 4 ? 4 : excl) / 4.0) ||
        stance_femit_dense(s, cfg, fi, "quest", 5, (quest > 3 ? 3 : quest) / 3.0) ||
        stance_femit_dense(s, cfg, fi, "caps", 4, (caps > 3 ? 3 : caps) / 3.0) ||
        stance_femit_dense(s, cfg, fi, "boost", 5, (boost > 3 ? 3 : boost) / 3.0) ||
        stance_femit_dense(s, cfg, fi, "damp", 4, (damp > 3 ? 3 : damp) / 3.0) ||
        stance_femit_dense(s, cfg, fi, "negs", 4, (negs > 3 ? 3 : negs) / 3.0))
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

/* The distance in view tokens from each token within @p window of a target
 * mention to the nearest one, in s->vdist, UINT32_MAX for the others (all
 * stance_wvec_pool() asks is whether a token is within the window): the tokens
 * around each mention, the mentions between build_view()'s first and last. */
static int mention_distances(stance_fscratch *s, size_t window)
{
    const size_t n = s->n_view;
    uint32_t *dist;
    if (stance_grow((void **)&s->vdist, &s->vdist_cap, n + 1, sizeof *s->vdist))
        return STANCE_ERR_NOMEM;
    dist = s->vdist;
    memset(dist, 0xff, n * sizeof *dist);
    for (size_t m = s->vfirst; m <= s->vlast && m < n; m++) {
        const size_t a = m > window ? m - window : 0, b = n - m > window ? m + window : n - 1;
        if (!(s->view[m].flags & TK_TARGET))
            continue;
        for (size_t j = a; j <= b; j++) {
            const uint32_t d = (uint32_t)(j < m ? m - j : j - m);
            dist[j] = d < dist[j] ? d : dist[j];
        }
    }
    return STANCE_OK;
}

/* Family 11: per region ("A" all, "L" left of the first mention, "R" right
 * of the last, "N" within the family's window of one), the sum of the word
 * vectors, L2-normalised and times the family weight; dimension d of region
 * r is the dense value named r followed by d in decimal ("A0", "N99"):
 * lib/vectors.c pools and names them, and with s->vec_block hands them over
 * in out->vz, scored as one block per head. */
static int fam_vec(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi, stance_fvec *out)
{
    const stance_wvec *wv = cfg->wvec;
    const stance_family *f = &cfg->families[fi];
    const uint32_t *bk = stance_wvec_buckets(wv, f->seed, cfg->table_bits);
    size_t first, last, nz = STANCE_WVEC_REGIONS * (size_t)wv->dim;
    unsigned count[STANCE_WVEC_REGIONS], regions;
    mention_range(s, &first, &last);
    if (stance_grow((void **)&s->vacc, &s->vacc_cap, nz, sizeof *s->vacc) ||
        stance_grow((void **)&s->vz, &s->vz_cap, nz, sizeof *s->vz) ||
        stance_grow((void **)&s->vwidx, &s->vwidx_cap, s->n_view + 1, sizeof *s->vwidx) ||
        (first != SIZE_MAX && mention_distances(s, f->window)))
        return STANCE_ERR_NOMEM;
    for (size_t i = 0; i < s->n_view; i++) {
        const tok *k = &s->view[i];
        s->vwidx[i] = k->flags & (TK_PUNCT | TK_TARGET) ? -1
                      : k->vec != TOK_VEC_UNKNOWN ? k->vec /* the word memo's (features_cache.c) */
                                                  : (int32_t)stance_wvec_find(wv, s->t.buf + k->off, k->len);
    }
    stance_wvec_pool(wv, s->vwidx, s->vdist, s->n_view, first, last, f->window, s->vacc, count);
    regions = stance_wvec_values(s->vacc, count, wv->dim, f->weight, s->vz);
    if (s->vec_block && bk && !s->name_cb) {
        out->vz = s->vz;
        out->vwv = wv;
        out->vregions = regions;
        return STANCE_OK;
    }
    if (stance_grow((void **)&s->dense, &s->dense_cap, s->n_dense + nz, sizeof *s->dense))
        return STANCE_ERR_NOMEM;
    for (size_t i = 0; i < nz; i++) {
        uint32_t r = (uint32_t)(i / wv->dim), d = (uint32_t)(i % wv->dim);
        if (s->vz[i] == 0.0f)
            continue;
        s->dense[s->n_dense].bucket = bk ? bk[i] : stance_wvec_dense_bucket(r, d, f->seed, cfg->table_bits);
        s->dense[s->n_dense++].val = s->vz[i];
        if (s->name_cb) {
            char name[8];
            size_t len = stance_wvec_dense_name(r, d, name);
            s->name_cb(s->name_user, s->dense[s->n_dense - 1].bucket, f->id, name, len);
        }
    }
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
    int record; /* keep the sparse tags in s->stags */
} struct_ctx;

static int struct_emit(void *user, const char *name, size_t len, double dense)
{
    struct_ctx *c = user;
    if (dense == 0) {
        stance_fscratch *s = c->s;
        if (c->record) {
            if (len > 255 || stance_grow((void **)&s->stags, &s->stags_cap, s->n_stags + 1 + len, 1))
                return STANCE_ERR_NOMEM; /* (structure.c's names are under 100 bytes) */
            s->stags[s->n_stags] = (unsigned char)len;
            stance_copy_short(s->stags + s->n_stags + 1, name, len);
            s->n_stags += 1 + len;
        }
        return emit(s, c->cfg, c->fi, name, len);
    }
    if (len >= 64) /* (a dense name is left out from 64 bytes, as when it was copied into 64 with its NUL) */
        return STANCE_OK;
    return stance_femit_dense(c->s, c->cfg, c->fi, name, len, dense);
}

/* The view as lib/structure.c reads it; @p key / @p key_len (family 13) is the
 * target's key, already normalised in s->t.buf. Family 12 keeps its tags and
 * family 13, when it follows, replays them rather than running the
 * extraction again on the same tokens. */
static int fam_struct(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi, const char *key, size_t key_len)
{
    struct_ctx c = {s, cfg, fi, cfg->families[fi].id == FAM_STRUCT};
    int rc;
    if (cfg->families[fi].id == FAM_TCONJ && s->stags_ok)
        return stance_struct_tconj_replay(s->stoks, s->n_view, key, key_len, s->stags, s->n_stags, struct_emit, &c);
    if (stance_grow((void **)&s->stoks, &s->stoks_cap, s->n_view + 1, sizeof *s->stoks))
        return STANCE_ERR_NOMEM;
    for (size_t i = 0; i < s->n_view; i++) {
        const tok *k = &s->view[i];
        stance_stok *o = &s->stoks[i];
        o->w = s->t.buf + k->off;
        o->n = k->len;
        o->kind = (k->flags & TK_TARGET) ? STANCE_ST_TARGET : (k->flags & TK_PUNCT) ? STANCE_ST_PUNCT : STANCE_ST_WORD;
        o->cls = o->kind == STANCE_ST_WORD ? k->cls : 0;
        o->prior = o->kind == STANCE_ST_WORD ? k->val : 0;
        o->pol = s->pol[i];
    }
    if (!c.record)
        return stance_struct_tconj(s->stoks, s->n_view, key, key_len, struct_emit, &c);
    s->n_stags = 0;
    rc = stance_struct_extract(s->stoks, s->n_view, struct_emit, &c);
    s->stags_ok = rc == 0;
    return rc;
}

/* The target's key for family 13: its last word, normalised, appended to s->t.buf. */
static int target_key(stance_fscratch *s, const stance_featcfg *cfg, const stance_statement *st, size_t *off,
                      size_t *len)
{
    size_t t0 = s->t.n_toks;
    *len = 0;
    if (!st->target || !st->target_len)
        return STANCE_OK;
    if (stance_ftokenize(&s->t, cfg->norm_flags, st->target, st->target_len))
        return STANCE_ERR_NOMEM;
    for (size_t i = s->t.n_toks; i > t0; i--)
        if (!(s->t.toks[i - 1].flags & TK_PUNCT)) {
            *off = s->t.toks[i - 1].off;
            *len = s->t.toks[i - 1].len;
            break;
        }
    s->t.n_toks = t0;
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
                if (s->t.toks[i].start < sp.end && s->t.toks[i].end > sp.start)
                    s->t.toks[i].flags |= TK_TARGET;
        }
        return STANCE_OK;
    }
    {
        size_t t0 = s->t.n_toks, nt, found = 0;
        if (stance_ftokenize(&s->t, cfg->norm_flags, st->target, st->target_len))
            return STANCE_ERR_NOMEM;
        nt = s->t.n_toks - t0;
        if (nt == 0)
            return STANCE_OK;
        for (int pass = 0; pass < 2 && !found; pass++) {
            size_t a = pass == 0 ? t0 : s->t.n_toks - 1, n = pass == 0 ? nt : 1;
            if (pass == 1 && (nt == 1 || (s->t.toks[a].flags & TK_PUNCT)))
                break;
            for (size_t i = 0; i + n <= n_text; i++) {
                size_t k = 0;
                while (k < n && s->t.toks[i + k].len == s->t.toks[a + k].len &&
                       memcmp(s->t.buf + s->t.toks[i + k].off, s->t.buf + s->t.toks[a + k].off,
                              s->t.toks[a + k].len) == 0)
                    k++;
                if (k == n) {
                    for (k = 0; k < n; k++)
                        s->t.toks[i + k].flags |= TK_TARGET;
                    found++;
                }
            }
        }
        s->t.n_toks = t0; /* drop the target's own tokens */
    }
    return STANCE_OK;
}

/* The view: text tokens [0, n_text) with each mention collapsed into "<t>",
 * negators and their scopes marked. */
static int build_view(stance_fscratch *s, size_t n_text)
{
    unsigned in_scope = 0;
    size_t nv = 0, words = 0; /* s->n_view and s->vwords, in registers */
    tok *const view = stance_grow((void **)&s->view, &s->view_cap, n_text + 1, sizeof *s->view) ? NULL : s->view;
    s->n_view = s->vmentions = s->vwords = 0;
    s->vfirst = s->vlast = s->vbefore = SIZE_MAX;
    if (!view)
        return STANCE_ERR_NOMEM;
    for (size_t i = 0; i < n_text; i++) {
        /* copied in place and changed there (a copy on the stack changed field
         * by field was read back whole: a stalled store forward per token) */
        tok *k = &view[nv];
        *k = s->t.toks[i];
        k->src = i;
        if (k->flags & TK_TARGET) {
            if (nv && (view[nv - 1].flags & TK_TARGET))
                continue; /* one placeholder per mention */
            k->off = s->t.ph_off;
            k->len = 3;
            k->attr = 0;
            k->cls = 0;
            k->val = 0;
            s->vfirst = s->vfirst == SIZE_MAX ? nv : s->vfirst;
            s->vlast = nv;
            s->vmentions++;
            s->vbefore = s->vbefore == SIZE_MAX ? words : s->vbefore;
        }
        words += !(k->flags & TK_PUNCT);
        { /* (in arithmetic: whether a word opens a scope is a coin toss for the branch predictor) */
            const unsigned punct = (k->flags & TK_PUNCT) != 0;
            const unsigned neg = !(k->flags & (TK_PUNCT | TK_TARGET)) & ((k->attr & TA_NEGATOR) != 0);
            in_scope &= !punct;
            if ((k->attr & TA_BUT) && in_scope && but_kind(view, nv, s->t.buf) == BUT_ONLY)
                in_scope = 0; /* "nothing but X": only X, no negation of it */
            k->flags |= (TK_NEGSCOPE & -in_scope) | (TK_NEGATOR & -neg);
            in_scope |= neg;
        }
        nv++;
    }
    s->n_view = nv;
    s->vwords = words;
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
#define DVAL_LESS(x, y) ((x).bucket < (y).bucket)
    STANCE_MERGE_SORT(a, tmp, n, DVAL_LESS);
#undef DVAL_LESS
}

/* The value of a bucket with the dense values dense[j0, j) (one bucket, in
 * their stable order): the hashed value first when @p have, then each dense
 * value added in order (float sums: the order is part of the value). */
static float dense_sum(float hashed, int have, const dval *dense, size_t j0, size_t j)
{
    float v = have ? hashed + dense[j0].val : dense[j0].val;
    for (size_t k = j0 + 1; k < j; k++)
        v += dense[k].val;
    return v;
}

/* Add the dense values (already scaled by their family weight, outside the
 * L2 norm) to the sorted vector; out has room for all of them. From the top
 * down: the hashed entries above the highest dense bucket not yet placed move
 * up by the number of dense values below them, then that bucket's value goes
 * in (the hashed value of the same bucket first, then the dense ones in their
 * stable order, summed in that order). The entries below the lowest dense
 * bucket stay. Buckets in common (rare) leave a gap, closed at the end. The
 * hashed entries above a dense bucket are found by a binary search without
 * branches and moved by one memmove of each array (a dense bucket has about
 * sixty hashed entries above it in classify: moved one by one they were 40 M of
 * its 2,050 M instructions on PolNeAR). */
static void merge_dense(stance_fscratch *s, stance_fvec *out)
{
    const size_t n = out->n, nd = s->n_dense;
    uint32_t *const idx = out->idx;
    float *const val = out->val;
    const dval *const dense = s->dense;
    size_t i = n, j = nd, w = n + nd; /* one past the next hashed entry, dense value, place to fill */
    if (!nd)
        return;
    dense_sort(s->dense, s->dense + nd, nd);
    while (j > 0) {
        const uint32_t b = dense[j - 1].bucket;
        size_t j0 = j - 1;
        float v;
        size_t at = 0, run; /* the first hashed entry above b in [0, i): a search, then one move */
        for (size_t len = i; len > 0;) {
            const size_t half = len / 2;
            const int below = idx[at + half] <= b;
            at = below ? at + half + 1 : at;
            len = below ? len - half - 1 : half;
        }
        run = i - at;
        w -= run;
        memmove(idx + w, idx + at, run * sizeof *idx);
        memmove(val + w, val + at, run * sizeof *val);
        i = at;
        while (j0 > 0 && dense[j0 - 1].bucket == b)
            j0--;
        v = i > 0 && idx[i - 1] == b ? dense_sum(val[--i], 1, dense, j0, j) : dense_sum(0, 0, dense, j0, j);
        w--;
        idx[w] = b;
        val[w] = v;
        j = j0;
    }
    if (w > i) { /* buckets in common: close the gap */
        memmove(idx + i, idx + w, (n + nd - w) * sizeof *idx);
        memmove(val + i, val + w, (n + nd - w) * sizeof *val);
    }
    out->n = n + nd - (w - i);
}

/* finish()'s collapse of the sorted distinct keys (stance_sort_u64_distinct)
 * for the binary value modes without family norms: each key adds its
 * family's weight to its bucket (the general loop's (float)(1.0 * weight),
 * the same float sums). Returns out->n. */
static size_t collapse_binary(stance_fscratch *s, const stance_featcfg *cfg, stance_fvec *out)
{
    float fw[STANCE_MAX_FAMILIES] = {0};
    const uint64_t *keys = s->keys;
    size_t w = 0;
    for (uint32_t f = 0; f < cfg->n_families && f < STANCE_MAX_FAMILIES; f++)
        fw[f] = cfg->families[f].weight;
    uint32_t last; /* out->idx[w - 1], kept in a register */
    if (!s->n_keys)
        return 0;
    last = out->idx[0] = (uint32_t)(keys[0] >> 4);
    out->val[0] = fw[keys[0] & 15];
    w = 1;
    for (size_t i = 1; i < s->n_keys; i++) {
        const uint64_t key = keys[i];
        const uint32_t b = (uint32_t)(key >> 4);
        if (b == last) {
            out->val[w - 1] += fw[key & 15];
        } else {
            out->idx[w] = last = b;
            out->val[w++] = fw[key & 15];
        }
    }
    return w;
}

/* val[i] = (float)(val[i] * f): with SSE2 four at a time, the same conversions
 * and product per value (round to nearest, as the scalar code). */
static void scale(float *val, size_t n, double f)
{
    size_t i = 0;
#if defined(__SSE2__)
    const __m128d vf = _mm_set1_pd(f);
    for (; i + 4 <= n; i += 4) {
        const __m128 v = _mm_loadu_ps(val + i);
        const __m128 lo = _mm_cvtpd_ps(_mm_mul_pd(_mm_cvtps_pd(v), vf));
        const __m128 hi = _mm_cvtpd_ps(_mm_mul_pd(_mm_cvtps_pd(_mm_movehl_ps(v, v)), vf));
        _mm_storeu_ps(val + i, _mm_movelh_ps(lo, hi));
    }
#endif
    for (; i < n; i++)
        val[i] = (float)(val[i] * f);
}

/* The sum of the squares of val[0, n) in order: the L2 norm's. */
static double squares(const float *val, size_t n)
{
    double sq = 0;
    for (size_t i = 0; i < n; i++)
        sq += (double)val[i] * val[i];
    return sq;
}

/* Whether the binary values of @p cfg's families square and add up exactly in
 * double, so that squares4() is squares() to the bit. A value is a sum of
 * distinct families' weights; with each weight a multiple of 2^-8 of at most
 * 2^8, a value is a multiple of 2^-8 below 2^12 (exact in a float), its square
 * a multiple of 2^-16 below 2^24 (exact in a double), and any sum of fewer than
 * 2^13 squares a multiple of 2^-16 below 2^37, which a double's 53 bits hold:
 * every partial sum is exact whatever the order. (The shipped weights are 1,
 * 0.5 and 0.25.) */
int stance_fsquares_exact(const stance_featcfg *cfg, size_t n)
{
    if (n >= 8192)
        return 0;
    for (uint32_t f = 0; f < cfg->n_families; f++) {
        /* |w| <= 2^8, so that its multiple of 2^8 fits an int (a whole number: no floorf() call) */
        const float w = cfg->families[f].weight, scaled = w * 256.0f;
        if (!(w <= 256.0f && w >= -256.0f) || scaled != (float)(int32_t)scaled)
            return 0;
    }
    return 1;
}

/* squares() in four interleaved sums (the adds of one sum wait on each other). */
static double squares4(const float *val, size_t n)
{
    double a = 0, b = 0, c = 0, d = 0;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        a += (double)val[i] * val[i];
        b += (double)val[i + 1] * val[i + 1];
        c += (double)val[i + 2] * val[i + 2];
        d += (double)val[i + 3] * val[i + 3];
    }
    for (; i < n; i++)
        a += (double)val[i] * val[i];
    return (a + b) + (c + d);
}

/* finish_unsorted()'s place table (s->btab): open addressing over the
 * smallest power of two of slots at least four times the vector's keys (at most
 * BT_SLOTS: finish_unsorted() takes fewer than 8,192 keys); a slot holds the
 * vector's generation (s->bgen) above BT_POS_BITS and a bucket's place in idx
 * below them, so that a new vector finds every slot of the last one empty
 * without clearing it (the table is cleared once per 2^19 vectors, when the
 * generation wraps). */
#define BT_POS_BITS 13u
#define BT_SLOTS 32768u
#define BT_GEN_MAX ((uint32_t)(UINT32_MAX >> BT_POS_BITS))

/* The place of bucket @p b in idx[], or SIZE_MAX: the slots from b's own on. */
static size_t place_of(const uint32_t *tab, uint32_t slots, uint32_t tag, const uint32_t *idx, uint32_t b)
{
    for (uint32_t h = b & (slots - 1);; h = (h + 1) & (slots - 1)) {
        const uint32_t e = tab[h] ^ tag;
        if (e >> BT_POS_BITS)
            return SIZE_MAX;
        if (idx[e] == b)
            return e;
    }
}

/* finish_unsorted()'s buckets: the distinct buckets of keys[0, nk) in the
 * order they first come into idx, each with the mask of the families that hit
 * it and its value (the weights of those families added as they come: the
 * float sum collapse_binary() makes in family order, since the weights of a
 * configuration finish_unsorted() takes are multiples of 2^-8 of at most 2^8,
 * stance_fsquares_exact(), whose sums of up to 16 are exact in a float in
 * any order); returns how many. A
 * bucket's slot in @p tab (place_of(); this vector's entries tagged @p tag,
 * @p slots a power of two at least 4 nk) tells a repeat (a key in three: the
 * character n-grams of different words meet), with its place; a new bucket
 * takes the next place and the empty slot. Its loop compiles better on its own
 * (inlined into stance_features_extract(), half its variables lived on the
 * stack). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static size_t unsorted_buckets(const uint64_t *keys, size_t nk, uint32_t *tab, uint32_t slots, uint32_t tag,
                               const float *fw, stance_fvec *out)
{
    static const uint16_t fbit[16] = {1u << 0, 1u << 1, 1u << 2, 1u << 3, 1u << 4, 1u << 5, 1u << 6, 1u << 7,
                                      1u << 8, 1u << 9, 1u << 10, 1u << 11, 1u << 12, 1u << 13, 1u << 14, 1u << 15};
    uint32_t *const idx = out->idx, *const mask = (uint32_t *)(void *)(keys + nk); /* (finish(): 2 nk keys' room) */
    float *const val = out->val;
    const uint32_t sm = slots - 1;
    size_t w = 0;
    for (size_t i = 0; i < nk; i++) {
        const uint64_t key = keys[i];
        const uint32_t b = (uint32_t)(key >> 4), fam = (uint32_t)key & 15;
        uint32_t h = b & sm, e;
        while (!((e = tab[h] ^ tag) >> BT_POS_BITS) && idx[e] != b)
            h = (h + 1) & sm;
        if (!(e >> BT_POS_BITS)) {
            if (!(mask[e] & fbit[fam])) {
                mask[e] |= fbit[fam];
                val[e] += fw[fam];
            }
            continue;
        }
        tab[h] = tag | (uint32_t)w;
        idx[w] = b;
        mask[w] = fbit[fam];
        val[w++] = fw[fam];
    }
    return w;
}

/* finish() without sorting, for a vector only scored (stance_fscratch_set_vec_block,
 * binary values without family norms, squares that add up exactly): the same
 * buckets with the same values to the bit, in the order each bucket first came,
 * not sorted (unsorted_buckets()); the norm is squares4() (exact: any order
 * gives the same sum); a dense value's bucket is found among them, and its sum
 * made as merge_dense() makes it (its place in s->btab: place_of()). In-domain (family index @p dom >= 0, with
 * cfg->dcopy) the copies are left to the scorer (stance_fvec's dcopy: the
 * products of a copy that lands on a bucket of the vector are added apart, a
 * float reassociation of the copy path's merged value), and so are the dense
 * values, apart from the hashed ones they would change (a bucket may come
 * twice). */
static int finish_unsorted(stance_fscratch *s, const stance_featcfg *cfg, int dom, stance_fvec *out)
{
    float fw[STANCE_MAX_FAMILIES] = {0};
    size_t w, nd = s->n_dense, hashed;
    uint32_t slots = 64, tag;
    double norm;
    if (!s->btab && !(s->btab = stance_calloc(BT_SLOTS, sizeof *s->btab)))
        return STANCE_ERR_NOMEM;
    if (++s->bgen > BT_GEN_MAX) {
        memset(s->btab, 0, BT_SLOTS * sizeof *s->btab);
        s->bgen = 1;
    }
    tag = s->bgen << BT_POS_BITS;
    while (slots < 4 * s->n_keys)
        slots *= 2;
    for (uint32_t f = 0; f < cfg->n_families && f < STANCE_MAX_FAMILIES; f++)
        fw[f] = cfg->families[f].weight;
    w = hashed = unsorted_buckets(s->keys, s->n_keys, s->btab, slots, tag, fw, out);
    norm = squares4(out->val, w);
    if (norm > 0)
        scale(out->val, w, 1.0 / sqrt(norm));
    if (nd)
        dense_sort(s->dense, s->dense + nd, nd);
    if (dom >= 0) {
        out->dcopy = cfg->dcopy;
        out->dn = hashed;
        out->dbias = cfg->dcopy[(size_t)1 << cfg->table_bits];
        out->dwt = cfg->families[dom].weight;
    }
    for (size_t j0 = 0, j; j0 < nd; j0 = j) {
        const uint32_t b = s->dense[j0].bucket;
        const size_t place = dom < 0 ? place_of(s->btab, slots, tag, out->idx, b) : SIZE_MAX;
        const int have = place != SIZE_MAX;
        const size_t at = have ? place : w++;
        for (j = j0 + 1; j < nd && s->dense[j].bucket == b; j++)
            ;
        out->idx[at] = b;
        out->val[at] = dense_sum(have ? out->val[at] : 0, have, s->dense, j0, j);
    }
    out->n = w;
    return STANCE_OK;
}

static int finish(stance_fscratch *s, const stance_featcfg *cfg, stance_fvec *out)
{
    size_t w = 0;
    double norm = 0, famsq[16] = {0};
    const int logtf = cfg->value_mode == VALUE_LOGTF || cfg->value_mode == VALUE_LOGTF_FAM;
    const int per_family = cfg->value_mode == VALUE_BINARY_FAM || cfg->value_mode == VALUE_LOGTF_FAM;
    const int dom = s->domain ? stance_fdomain_index(cfg) : -1;
    const size_t extra = dom >= 0 ? s->n_keys + 1 : 0;
    if (s->n_keys + s->n_dense + extra > out->cap) {
        size_t need = s->n_keys + s->n_dense + extra;
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
        if (s->vec_block && cfg->value_mode == VALUE_BINARY && (dom < 0 || (cfg->dcopy && !s->name_cb)) &&
            stance_fsquares_exact(cfg, s->n_keys))
            return finish_unsorted(s, cfg, dom, out);
        if (logtf || per_family)
            stance_sort_u64(s->keys, s->n_keys, s->keys + s->n_keys, cfg->table_bits + 4);
        else
            s->n_keys = stance_sort_u64_distinct(s->keys, s->n_keys, s->keys + s->n_keys, cfg->table_bits + 4);
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
    for (size_t i = 0; (logtf || per_family) && i < s->n_keys;) {
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
    out->n = logtf || per_family ? w : collapse_binary(s, cfg, out);
    w = out->n;
    if (cfg->value_mode != VALUE_BINARY_RAW && !per_family) {
        norm = !logtf && stance_fsquares_exact(cfg, w) ? squares4(out->val, w) : squares(out->val, w);
        if (norm > 0) {
            scale(out->val, w, 1.0 / sqrt(norm));
        }
    }
    if (dom >= 0 && stance_fdomain_copies(s, cfg, (uint32_t)dom, out))
        return STANCE_ERR_NOMEM;
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
    out->vz = NULL;
    out->dcopy = NULL;
    s->n_view = 0;
    s->n_keys = 0;
    s->n_dense = 0;
    s->stags_ok = 0;
    if (cfg->n_families > STANCE_MAX_FAMILIES || cfg->table_bits > STANCE_MAX_TABLE_BITS)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "bad feature configuration");
    if (stance_ftext_prepare(s, cfg, st))
        goto fail;
    n_text = s->t.n_text;
    ctx_from = n_text; /* the context's tokens follow the text's */
    if (have_target && mark_target(s, cfg, st, n_text))
        goto fail;
    if (build_view(s, n_text))
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
            if (polarity_pass(s, cfg, lex_window(cfg)))
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
        case FAM_TCONJ: rc = key_len ? fam_struct(s, cfg, fi, s->t.buf + key_off, key_len) : STANCE_OK; break;
        case FAM_VEC: rc = fam_vec(s, cfg, fi, out); break;
        case FAM_DOMAIN: rc = STANCE_OK; break; /* finish() adds its copies */
        case FAM_SIDE: rc = have_target ? stance_fside(s, cfg, fi) : STANCE_OK; break;
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
