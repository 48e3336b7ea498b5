/*
 * features.c - hashed n-gram features of a statement.
 *
 * First revision: lower-cased word unigrams and bigrams, XXH3-64 hashed with
 * the family seed, L2-normalised binary values. The training issue grows this
 * into the full family set (char n-grams, negation, target and context).
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "features.h"
#include "model.h"

#define FAM_WORD 1u
#define IS_WORD_BYTE(c) ((c) >= 0x80 || ((c) >= '0' && (c) <= '9') || ((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))
#define TOKENIZER_REV 1u

struct stance_fscratch {
    char *buf;
    size_t cap;
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
    for (uint32_t i = 0; i < cfg->n_families; i++)
        if (cfg->families[i].id != FAM_WORD)
            return stance_error_set(err, STANCE_ERR_VERSION, STANCE_NO_OFFSET, "unknown feature family %u",
                                    cfg->families[i].id);
    return STANCE_OK;
}

void stance_features_default(stance_featcfg *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->tokenizer_rev = TOKENIZER_REV;
    cfg->hash_id = STANCE_HASH_XXH3_64;
    cfg->table_bits = 18;
    cfg->n_families = 1;
    cfg->families[0] = (stance_family){FAM_WORD, 0x5157u, 1, 2, 0, 0, 1.0f};
}

static int push(stance_fvec *v, uint32_t b)
{
    if (stance_grow((void **)&v->idx, &v->cap, v->n + 1, sizeof *v->idx))
        return STANCE_ERR_NOMEM;
    v->idx[v->n++] = b;
    return STANCE_OK;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

int stance_features_extract(const stance_featcfg *cfg, const stance_statement *st, stance_fscratch *s,
                            stance_fvec *out, stance_error *err)
{
    const uint32_t mask = ((uint32_t)1 << cfg->table_bits) - 1;
    size_t n = 0, prev_start = 0, prev_len = 0, w = 0;
    size_t cap_before = out->cap;
    int have_prev = 0;
    double norm;

    out->n = 0;
    if (stance_grow((void **)&s->buf, &s->cap, st->text_len * 2 + 2, 1))
        return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    for (uint32_t f = 0; f < cfg->n_families; f++) {
        const stance_family *fam = &cfg->families[f];
        size_t i = 0;
        have_prev = 0;
        while (i < st->text_len) {
            size_t start, len;
            while (i < st->text_len && !IS_WORD_BYTE((unsigned char)st->text[i]))
                i++;
            start = i;
            while (i < st->text_len && IS_WORD_BYTE((unsigned char)st->text[i]))
                i++;
            len = i - start;
            if (!len)
                break;
            /* Lower-case the token into the scratch buffer, after the previous one. */
            {
                char *tok = s->buf + prev_start + prev_len + 1;
                if (!have_prev)
                    tok = s->buf;
                for (size_t k = 0; k < len; k++) {
                    unsigned char c = (unsigned char)st->text[start + k];
                    tok[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
                }
                if (fam->min_n <= 1) {
                    uint32_t b = (uint32_t)XXH3_64bits_withSeed(tok, len, fam->seed) & mask;
                    if (push(out, b))
                        goto nomem;
                    if (s->name_cb)
                        s->name_cb(s->name_user, b, fam->id, tok, len);
                }
                if (have_prev && fam->max_n >= 2) {
                    /* bigram = prev + ' ' + tok, contiguous in the buffer */
                    char *bg = tok - prev_len - 1;
                    uint32_t b;
                    bg[prev_len] = ' ';
                    b = (uint32_t)XXH3_64bits_withSeed(bg, prev_len + 1 + len, fam->seed) & mask;
                    if (push(out, b))
                        goto nomem;
                    if (s->name_cb)
                        s->name_cb(s->name_user, b, fam->id, bg, prev_len + 1 + len);
                }
                /* keep only the current token at the front for the next bigram */
                memmove(s->buf, tok, len);
                prev_start = 0;
                prev_len = len;
                have_prev = 1;
            }
            n++;
        }
    }
    /* Sort, deduplicate (binary values), L2-normalise. */
    if (out->cap != cap_before || !out->val) {
        float *nv = stance_realloc_array(out->val, out->cap ? out->cap : 1, sizeof *nv);
        if (!nv)
            goto nomem;
        out->val = nv;
    }
    if (out->n > 1) /* qsort(NULL, 0, ...) is undefined */
        qsort(out->idx, out->n, sizeof *out->idx, cmp_u32);
    for (size_t i = 0; i < out->n; i++)
        if (w == 0 || out->idx[w - 1] != out->idx[i])
            out->idx[w++] = out->idx[i];
    out->n = w;
    norm = w ? 1.0 / sqrt((double)w) : 0.0;
    for (size_t i = 0; i < w; i++)
        out->val[i] = (float)norm;
    (void)n;
    return STANCE_OK;
nomem:
    return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
}
