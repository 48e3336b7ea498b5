/*
 * features_cache.c - the part of a statement's features that does not depend
 * on the target, computed once per text: its tokens and its context's, each
 * token's lexicon.def classes and rule-word properties (tok.attr), its valence
 * in the model's lexicon, and the keys of the text's word n-grams and of each
 * token's character n-grams. stance_classify() scores one quote with the
 * sentiment head and then once per target, and a target that only the
 * attribution speaks of is scored on the attribution sentence: the scratch
 * keeps the last two texts, so each is tokenised and hashed once per quote.
 *
 * The cache is recognised by the text's and the context's bytes and by the
 * configuration (its address and a copy of the fields it reads);
 * stance_fscratch_forget() drops it, as each API call does at its start so
 * that a model freed and another loaded at the same address are never mixed.
 * With a name callback (the trainer's n-gram table) nothing is cached: every
 * feature is hashed where it is emitted, so the callback sees each one.
 *
 * Across the texts of one call (and across calls, after stance_fscratch_keep_words(),
 * while the configuration and the lexicon's contents are the same) a word memo keeps
 * what each distinct word's bytes give (classes, valence, character n-gram keys), at
 * most MEMO_MAX words; the lexicon is recognised by its print (stance_lexicon_seal()).
 */
#include "config.h"

#include <string.h>

#include "features_int.h"
#include "lexicon.h"
#include "vectors.h"

#define NO_FAMILY UINT32_MAX
#define NO_KEY UINT64_MAX /* no key: a key is (bucket << 4 | family index), bucket < 2^24 */
#define MEMO_SLOTS 16384u /* a power of two */
#define MEMO_MAX 8192u   /* words kept between two stance_fscratch_forget(): bounds its memory */

void stance_fscratch_forget(stance_fscratch *s)
{
    if (!s)
        return;
    s->t.valid = 0;
    s->alt.valid = 0;
    s->memo.valid = 0;
}

void stance_fscratch_keep_words(stance_fscratch *s)
{
    if (!s)
        return;
    s->t.valid = 0;
    s->alt.valid = 0;
    s->memo.checked = 0;
}

/* What the memo's entries depend on in a lexicon: its words and valences, which
 * its print stands for (XXH3-128 over them, set when the lexicon was built or
 * read, stance_lexicon_seal()). The memo keeps the print and compares it once
 * per call; comparing the contents themselves (about 150 kB for VADER's) cost
 * more than a short statement's features. */
static int lex_same(const wmemo *m, const stance_lexicon *lx)
{
    if (!lx || !m->had_lex)
        return !lx && !m->had_lex;
    return m->lexprint[0] == lx->print[0] && m->lexprint[1] == lx->print[1];
}

static void lex_keep(wmemo *m, const stance_lexicon *lx)
{
    m->had_lex = lx != NULL;
    m->lexprint[0] = lx ? lx->print[0] : 0;
    m->lexprint[1] = lx ? lx->print[1] : 0;
}

void stance_wmemo_free(wmemo *m)
{
    stance_free(m->slot);
    stance_free(m->ent);
    stance_free(m->bytes);
    stance_free(m->keys);
    memset(m, 0, sizeof *m);
}

/* Whether @p cfg is the configuration @p was / @p copy describe (what the caches read of it). */
static int same_config(const stance_featcfg *was, const stance_featcfg *copy, const stance_featcfg *cfg)
{
    const stance_featcfg *c = copy;
    return was == cfg && c->norm_flags == cfg->norm_flags && c->table_bits == cfg->table_bits &&
           c->n_families == cfg->n_families && c->lex == cfg->lex && c->wvec == cfg->wvec &&
           memcmp(c->families, cfg->families, cfg->n_families * sizeof *cfg->families) == 0;
}

static int same_text(const ftext *t, const stance_featcfg *cfg, const stance_statement *st, size_t ctx_len)
{
    return t->valid && t->text_len == st->text_len && t->ctx_len == ctx_len && same_config(t->cfg, &t->cfgcopy, cfg) &&
           t->cfgcopy.value_mode == cfg->value_mode &&
           (!st->text_len || memcmp(t->src, st->text, st->text_len) == 0) &&
           (!ctx_len || memcmp(t->src + st->text_len, st->context, ctx_len) == 0);
}

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

int stance_fchar_keys(const ftext *t, const stance_featcfg *cfg, uint32_t fi, const tok *k, uint64_t **keys, size_t *n,
                      size_t *cap, stance_feature_name_cb name_cb, void *name_user)
{
    const stance_family *f = &cfg->families[fi];
    const char *p = t->buf + k->off - 1; /* " tok " */
    size_t plen = k->len + 2, w = *n;
    if (stance_grow((void **)keys, cap, *n + plen * f->max_n, sizeof **keys))
        return STANCE_ERR_NOMEM;
    for (size_t a = 0; a < plen; a++) {
        size_t e = a;
        uint32_t m = 0;
        if (((unsigned char)p[a] & 0xc0) == 0x80)
            continue;
        while (e < plen && m < f->max_n) {
            e++;
            while (e < plen && ((unsigned char)p[e] & 0xc0) == 0x80)
                e++;
            m++;
            if (m < f->min_n || (m == 1 && p[a] == ' '))
                continue;
            (*keys)[w++] = stance_fkey(cfg, fi, p + a, e - a);
            if (name_cb)
                name_cb(name_user, (uint32_t)((*keys)[w - 1] >> 4), f->id, p + a, e - a);
        }
    }
    *n = w;
    return STANCE_OK;
}

/* What the bytes of word @p k give (all of tok.attr but TA_CAPS). */
static void word_props(const ftext *t, const stance_featcfg *cfg, const tok *k, uint64_t *cls, float *val,
                       unsigned *attr)
{
    const char *p = t->buf + k->off;
    uint64_t c = *cls = stance_lex_classes(p, k->len);
    *attr = ((c & STANCE_LX(FX_NEG)) || (k->len >= 3 && memcmp(p + k->len - 3, "n't", 3) == 0) ? TA_NEGATOR : 0) |
            (c & STANCE_LX(VD_BOOST) ? TA_BOOST : 0) | (c & STANCE_LX(VD_DAMP) ? TA_DAMP : 0) |
            (c & STANCE_LX(VD_NEG) ? TA_VNEG : 0) | (c & STANCE_LX(FX_BREAK) ? TA_BREAK : 0) |
            (c & STANCE_LX(FX_CUE) ? TA_CUE : 0) | (c & STANCE_LX(FX_EXCEPT) ? TA_EXCEPT : 0) |
            (k->len == 2 && memcmp(p, "no", 2) == 0 ? TA_NO : 0) | (k->len == 3 && memcmp(p, "but", 3) == 0 ? TA_BUT : 0);
    *val = cfg->lex ? stance_flex_valence(cfg->lex, p, k->len) : 0;
}

/* The word family whose n-gram keys a text keeps (the first), or NO_FAMILY. */
static uint32_t word_family(const stance_featcfg *cfg)
{
    for (uint32_t fi = 0; fi < cfg->n_families; fi++)
        if (cfg->families[fi].id == FAM_WORD)
            return fi;
    return NO_FAMILY;
}

/* Start the memo over for @p cfg. */
static int memo_reset(wmemo *m, const stance_featcfg *cfg)
{
    if (!m->slot && !(m->slot = stance_calloc(MEMO_SLOTS, sizeof *m->slot)))
        return STANCE_ERR_NOMEM;
    for (size_t i = 0; i < m->n_ent; i++)
        m->slot[m->ent[i].slot] = 0; /* cheaper than clearing the table for a short text */
    m->n_slot = MEMO_SLOTS;
    m->n_ent = m->n_bytes = m->n_keys = 0;
    m->serial = 0;
    m->cfg = cfg;
    m->cfgcopy = *cfg;
    lex_keep(m, cfg->lex);
    m->checked = 1;
    m->cfi = NO_FAMILY;
    for (uint32_t fi = 0; fi < cfg->n_families && m->cfi == NO_FAMILY; fi++)
        if (cfg->families[fi].id == FAM_CHAR)
            m->cfi = fi;
    m->wfi = word_family(cfg);
    if (m->wfi != NO_FAMILY && cfg->families[m->wfi].min_n != 1)
        m->wfi = NO_FAMILY;
    m->valid = 1;
    return STANCE_OK;
}

/* Whether the memo's entries hold for @p cfg (the lexicon compared once per call). */
static int memo_usable(wmemo *m, const stance_featcfg *cfg)
{
    if (!m->valid || !same_config(m->cfg, &m->cfgcopy, cfg) || m->cfgcopy.hash_id != cfg->hash_id ||
        m->cfgcopy.tokenizer_rev != cfg->tokenizer_rev)
        return 0;
    if (!m->checked) {
        if (!lex_same(m, cfg->lex))
            return 0;
        m->checked = 1;
    }
    return 1;
}

/* The memo's entry for word @p k of @p t, made if new; NULL when the memo is
 * full (*rc = STANCE_OK: the caller works it out itself) or out of memory. */
static const wmemo_ent *memo_get(wmemo *m, const ftext *t, const stance_featcfg *cfg, const tok *k, int *rc)
{
    const char *p = t->buf + k->off;
    size_t h = (size_t)XXH3_64bits(p, k->len) & (m->n_slot - 1);
    wmemo_ent *e;
    *rc = STANCE_OK;
    for (; m->slot[h]; h = (h + 1) & (m->n_slot - 1)) {
        e = &m->ent[m->slot[h] - 1];
        if (e->len == k->len && stance_same_short(m->bytes + e->off, p, k->len))
            return e;
    }
    if (m->n_ent >= MEMO_MAX || k->len > UINT32_MAX)
        return NULL;
    if (stance_grow((void **)&m->ent, &m->ent_cap, m->n_ent + 1, sizeof *m->ent) ||
        stance_grow((void **)&m->bytes, &m->bytes_cap, m->n_bytes + k->len + 1, 1)) {
        *rc = STANCE_ERR_NOMEM;
        return NULL;
    }
    e = &m->ent[m->n_ent];
    e->off = (uint32_t)m->n_bytes;
    e->len = (uint32_t)k->len;
    e->k0 = (uint32_t)m->n_keys;
    word_props(t, cfg, k, &e->cls, &e->val, &e->attr);
    e->vec = cfg->wvec ? (int32_t)stance_wvec_find(cfg->wvec, p, k->len) : -1;
    e->seen = 0;
    e->wkey = m->wfi != NO_FAMILY ? stance_fkey(cfg, m->wfi, p, k->len) : 0;
    if (m->cfi != NO_FAMILY &&
        (*rc = stance_fchar_keys(t, cfg, m->cfi, k, &m->keys, &m->n_keys, &m->keys_cap, NULL, NULL)))
        return NULL;
    e->nk = (uint32_t)(m->n_keys - e->k0);
    memcpy(m->bytes + m->n_bytes, p, k->len);
    m->n_bytes += k->len;
    e->slot = (uint32_t)h;
    m->slot[h] = (uint32_t)++m->n_ent;
    return e;
}

/* tok.attr, cls and val of tokens [0, n), and with @p cfi the character
 * n-gram keys of the text's words (family index cfi) in t->ckeys. @p text is
 * the source of the first @p n_text (the context's tokens get no TA_CAPS:
 * nothing reads it). With @p m NULL (names reported) every word is looked up. */
/* The next text's serial in @p m (wmemo_ent.seen): 1 up; at the wrap every stamp is cleared. */
static uint32_t next_serial(wmemo *m)
{
    if (m->serial == UINT32_MAX) {
        for (size_t i = 0; i < m->n_ent; i++)
            m->ent[i].seen = 0;
        m->serial = 0;
    }
    return ++m->serial;
}

/* Whether a punctuation token of this byte ends a clause of the clause family
 * (TA_BREAK): one of ,;:()".!?[] (a bit of two masks, in place of strchr()). */
static int clause_break_byte(unsigned c)
{
#define BIT(ch) ((uint64_t)1 << ((ch) & 63))
    static const uint64_t lo = BIT(',') | BIT(';') | BIT(':') | BIT('(') | BIT(')') | BIT('"') | BIT('.') | BIT('!') |
                               BIT('?'),
                          hi = BIT('[') | BIT(']');
#undef BIT
    return c < 64 ? (lo >> c) & 1 : c < 128 ? (hi >> (c - 64)) & 1 : 0;
}

/* With @p uni (t->wkeys, @p stride keys a token), each text token's unigram key
 * from the memo, or NO_KEY for cache_word_keys() to work out. */
static int token_props(ftext *t, wmemo *m, const stance_featcfg *cfg, const char *text, size_t n, uint32_t cfi,
                       uint64_t *uni, size_t stride)
{
    const uint32_t serial = m && t->dedup ? next_serial(m) : 0;
    /* the memo's character keys are this family's, and a repeated word's are at its first token */
    const int memo_keys = m && m->cfi == cfi, repeats = serial && memo_keys;
    if (cfi != NO_FAMILY && stance_grow((void **)&t->coff, &t->coff_cap, t->n_text + 1, sizeof *t->coff))
        return STANCE_ERR_NOMEM;
    t->n_ckeys = 0;
    for (size_t i = 0; i < n; i++) {
        tok *k = &t->toks[i];
        const wmemo_ent *e = NULL;
        int rc;
        k->src = i;
        if (cfi != NO_FAMILY && i < t->n_text)
            t->coff[i] = t->n_ckeys;
        if (k->flags & TK_PUNCT) {
            k->attr = k->len == 1 && clause_break_byte((unsigned char)t->buf[k->off]) ? TA_BREAK : 0;
            continue;
        }
        if (m && !(e = memo_get(m, t, cfg, k, &rc)) && rc)
            return rc;
        if (uni && e && i < t->n_text)
            uni[i * stride] = e->wkey;
        if (e) {
            k->cls = e->cls;
            k->val = e->val;
            k->attr = e->attr;
            k->vec = e->vec;
        } else {
            word_props(t, cfg, k, &k->cls, &k->val, &k->attr);
            k->vec = TOK_VEC_UNKNOWN;
        }
        if (i < t->n_text && is_caps_word(text, k))
            k->attr |= TA_CAPS;
        if (cfi == NO_FAMILY || i >= t->n_text)
            continue;
        if (repeats && e && i < UINT32_MAX) { /* repeated: its keys are at its first token */
            wmemo_ent *me = &m->ent[e - m->ent];
            if (me->seen == serial) {
                k->src = me->first;
                continue;
            }
            me->seen = serial;
            me->first = (uint32_t)i;
        }
        if (e && e->nk && memo_keys) {
            if (stance_grow((void **)&t->ckeys, &t->ckeys_cap, t->n_ckeys + e->nk, sizeof *t->ckeys))
                return STANCE_ERR_NOMEM;
            stance_copy_short(t->ckeys + t->n_ckeys, m->keys + e->k0, e->nk * sizeof *t->ckeys);
            t->n_ckeys += e->nk;
        } else if (stance_fchar_keys(t, cfg, cfi, k, &t->ckeys, &t->n_ckeys, &t->ckeys_cap, NULL, NULL)) {
            return STANCE_ERR_NOMEM;
        }
    }
    if (cfi != NO_FAMILY)
        t->coff[t->n_text] = t->n_ckeys;
    t->cfi = cfi;
    return STANCE_OK;
}

/* The key of family @p fi's n-gram of text tokens [i, i + n), assembled with
 * one space between tokens in @p gram (scratch): cache_word_keys() when the
 * tokens do not lie one space apart in t->buf. */
static int word_key_assembled(const ftext *t, const stance_featcfg *cfg, uint32_t fi, size_t i, size_t n, char **gram,
                              size_t *gram_cap, uint64_t *key)
{
    size_t len = 0, need = 0;
    for (size_t j = i; j < i + n; j++)
        need += t->toks[j].len + 1;
    if (stance_grow((void **)gram, gram_cap, need, 1))
        return STANCE_ERR_NOMEM;
    for (size_t j = i; j < i + n; j++) {
        if (j > i)
            (*gram)[len++] = ' ';
        stance_copy_short(*gram + len, t->buf + t->toks[j].off, t->toks[j].len);
        len += t->toks[j].len;
    }
    *key = stance_fkey(cfg, fi, *gram, len);
    return STANCE_OK;
}

/* The keys of family @p fi's word n-grams at every text position, hashed over
 * the same bytes as features.c's emit_tokens() ("a b c"): in t->buf itself
 * while the n-gram's tokens lie there one space apart (as a text's tokens do),
 * else assembled in @p gram (scratch). A unigram's key may have come from the
 * word memo already (token_props()). */
static int cache_word_keys(ftext *t, const stance_featcfg *cfg, uint32_t fi, char **gram, size_t *gram_cap)
{
    const stance_family *f = &cfg->families[fi];
    const uint32_t min_n = f->min_n, max_n = f->max_n;
    const size_t orders = max_n - min_n + 1, nt = t->n_text;
    const tok *const toks = t->toks;
    uint64_t *wk;
    if (stance_grow((void **)&t->wkeys, &t->wkeys_cap, nt * orders + 1, sizeof *t->wkeys))
        return STANCE_ERR_NOMEM;
    wk = t->wkeys;
    for (size_t i = 0; i < nt; i++) {
        const size_t off = toks[i].off;
        size_t end = off + toks[i].len;
        uint32_t n = 2;
        uint64_t *const out = wk + i * orders; /* out[n - min_n]: the key of order n */
        if (min_n == 1 && out[0] == NO_KEY)
            out[0] = stance_fkey(cfg, fi, t->buf + off, end - off);
        for (; n <= max_n && i + n <= nt && toks[i + n - 1].off == end + 1; n++) {
            end = toks[i + n - 1].off + toks[i + n - 1].len;
            if (n >= min_n)
                out[n - min_n] = stance_fkey(cfg, fi, t->buf + off, end - off);
        }
        for (; n <= max_n && i + n <= nt; n++)
            if (n >= min_n && word_key_assembled(t, cfg, fi, i, n, gram, gram_cap, &out[n - min_n]))
                return STANCE_ERR_NOMEM;
    }
    t->wfi = fi;
    return STANCE_OK;
}

/* Tokenise @p st into s->t from scratch; cache the keys unless names are reported. */
static int fill(stance_fscratch *s, const stance_featcfg *cfg, const stance_statement *st, size_t ctx_len)
{
    static const char placeholder[] = " <t> ";
    ftext *t = &s->t;
    int ctx_props = 0;
    uint32_t cfi = NO_FAMILY;
    const uint32_t wfi = word_family(cfg);
    uint64_t *uni = NULL;
    size_t stride = 0;
    t->valid = 0;
    t->buf_len = 0;
    t->n_toks = 0;
    t->wfi = t->cfi = NO_FAMILY;
    if (stance_ftokenize(t, cfg->norm_flags, st->text, st->text_len))
        return STANCE_ERR_NOMEM;
    t->n_text = t->n_toks;
    if (stance_ftok_reserve(t, sizeof placeholder))
        return STANCE_ERR_NOMEM;
    memcpy(t->buf + t->buf_len, placeholder, sizeof placeholder - 1);
    t->ph_off = t->buf_len + 1;
    t->buf_len += sizeof placeholder - 1;
    for (uint32_t fi = 0; fi < cfg->n_families; fi++) {
        uint32_t id = cfg->families[fi].id;
        ctx_props |= id == FAM_CTX; /* the context's words are read by that family only */
        if (id == FAM_CHAR && cfi == NO_FAMILY && !s->name_cb)
            cfi = fi;
    }
    /* without that family the context is not tokenised (its bytes still identify the text) */
    if (ctx_len && ctx_props && stance_ftokenize(t, cfg->norm_flags, st->context, ctx_len))
        return STANCE_ERR_NOMEM;
    t->n_ctx = t->n_toks - t->n_text;
    t->base_len = t->buf_len;
    t->lower = 0;
    for (size_t i = 0; i < st->text_len && !t->lower; i++)
        t->lower = st->text[i] >= 'a' && st->text[i] <= 'z';
    if (!s->name_cb && !memo_usable(&s->memo, cfg) && memo_reset(&s->memo, cfg))
        return STANCE_ERR_NOMEM;
    /* only which keys occur matters in the binary modes: a repeated word adds no new char keys */
    t->dedup = !s->name_cb && cfg->value_mode != VALUE_LOGTF && cfg->value_mode != VALUE_LOGTF_FAM;
    if (wfi != NO_FAMILY && !s->name_cb) {
        /* the word n-gram keys, their unigrams from the memo where it has the word */
        const size_t orders = cfg->families[wfi].max_n - cfg->families[wfi].min_n + 1;
        if (stance_grow((void **)&t->wkeys, &t->wkeys_cap, t->n_text * orders + 1, sizeof *t->wkeys))
            return STANCE_ERR_NOMEM;
        for (size_t i = 0; i < t->n_text; i++)
            t->wkeys[i * orders] = NO_KEY;
        if (s->memo.wfi == wfi)
            uni = t->wkeys, stride = orders;
    }
    if (token_props(t, s->name_cb ? NULL : &s->memo, cfg, st->text, ctx_props ? t->n_toks : t->n_text, cfi, uni,
                    stride))
        return STANCE_ERR_NOMEM;
    if (s->name_cb)
        return STANCE_OK;
    if (wfi != NO_FAMILY && cache_word_keys(t, cfg, wfi, &s->gram, &s->gram_cap))
        return STANCE_ERR_NOMEM;
    if (stance_grow((void **)&t->src, &t->src_cap, st->text_len + ctx_len + 1, 1))
        return STANCE_ERR_NOMEM;
    if (st->text_len)
        memcpy(t->src, st->text, st->text_len);
    if (ctx_len)
        memcpy(t->src + st->text_len, st->context, ctx_len);
    t->text_len = st->text_len;
    t->ctx_len = ctx_len;
    t->cfg = cfg;
    t->cfgcopy = *cfg;
    t->valid = 1;
    return STANCE_OK;
}

int stance_ftext_prepare(stance_fscratch *s, const stance_featcfg *cfg, const stance_statement *st)
{
    size_t ctx_len = st->context ? st->context_len : 0;
    if (!s->name_cb && !same_text(&s->t, cfg, st, ctx_len)) {
        /* the other slot, or a fresh text in place of the older of the two */
        ftext tmp = s->t;
        s->t = s->alt;
        s->alt = tmp;
    }
    if (s->name_cb || !same_text(&s->t, cfg, st, ctx_len))
        return fill(s, cfg, st, ctx_len);
    s->t.buf_len = s->t.base_len;
    s->t.n_toks = s->t.n_text + s->t.n_ctx;
    for (size_t i = 0; i < s->t.n_text; i++)
        s->t.toks[i].flags &= ~TK_TARGET;
    return STANCE_OK;
}
