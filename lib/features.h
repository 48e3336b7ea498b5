/*
 * features.h - the feature extractor shared by training and runtime: one code
 * path turns a statement (text, target, context) into a hashed sparse vector.
 */
#ifndef STANCE_FEATURES_H
#define STANCE_FEATURES_H
#include "stance_internal.h"

struct stance_featcfg;

/* A sparse vector: unique bucket indices with their values, sorted unless
 * the scratch pools the vec family apart (stance_fscratch_set_vec_block: a
 * vector only scored, whose buckets may come in any order; features.c). */
typedef struct stance_fvec {
    uint32_t *idx;
    float *val;
    size_t n, cap;
    /* The vec family's dense values when the scratch pools them apart
     * (stance_fscratch_set_vec_block): the values of the regions in the
     * bit mask vregions (vectors.h), owned by the scratch, added by
     * stance_linear_values(); else vz = NULL. */
    const float *vz;
    const struct stance_wvec *vwv;
    unsigned vregions;
    /* An in-domain vector only scored (stance_fscratch_set_vec_block, with the
     * configuration's copy table, stance_features_domain_prepare()): family
     * 14's copies are not in idx/val but left to stance_linear_values(), which
     * adds (float)(val[i] * dwt) times the row of dcopy[idx[i]] for each i <
     * dn (the hashed features, normalised) and dwt times the row of the bias
     * bucket dcopy[2^table_bits]; else dcopy = NULL. */
    const uint32_t *dcopy;
    size_t dn;
    uint32_t dbias;
    float dwt;
} stance_fvec;

void stance_fvec_clear(stance_fvec *v);  /* frees storage */

/* Per-thread scratch of the extractor (token buffers etc.), reused across calls. */
typedef struct stance_fscratch stance_fscratch;
int stance_fscratch_new(stance_fscratch **out);
void stance_fscratch_free(stance_fscratch *s);
/* Drop what the scratch keeps of the last texts it saw (their tokens and
 * n-gram keys, reused while the same text comes back with the same
 * configuration: features_cache.c). Call it whenever the configuration or its
 * lexicon may have been replaced since the last extraction (stance_classify()
 * and stance_predict() do at their start). */
void stance_fscratch_forget(stance_fscratch *s);
/* Forget the cached texts but keep the word memo for the next call: it is used
 * again only when the configuration is the same (compared by value) and the
 * lexicon has the same words and valences (a fingerprint of its contents, taken
 * once per call), so a scratch may move from model to model. */
void stance_fscratch_keep_words(stance_fscratch *s);

/* stance_family.flags, the family options (stored in the model; features.c's
 * family_flags_known() says which family may carry which; `stance train
 * --families word+negmark` sets them). */
#define STANCE_FF_NEGMARK 0x1u /* families 1, 4: a token in a negation scope is "~tok" instead of "tok" */

/* Refuse configurations this build cannot reproduce (unknown family ids, flags,
 * tokenizer revision): STANCE_ERR_VERSION / STANCE_ERR_FORMAT. */
int stance_features_check(const struct stance_featcfg *cfg, stance_error *err);

/* The default configuration for new models (table_bits may be overridden). */
void stance_features_default(struct stance_featcfg *cfg);
/* The default settings of family @p id (1 word, 2 char, 3 negation, 4 target
 * window, 5 target presence, 6 context, 7 clause, 8 lexicon polarity tags,
 * 9 lexicon pooled scores, 10 sentence rules, 11 word vectors, 12 structure,
 * 13 target conjunctions, 14 domain, 15 side): STANCE_OK or
 * STANCE_ERR_INVALID. */
struct stance_family;
int stance_features_family_default(uint32_t id, struct stance_family *f);

/* Whether a family of @p cfg reads cfg->wvec (family 11, vec). */
int stance_features_need_vectors(const struct stance_featcfg *cfg);
/* Whether the L2 norm of a binary vector of @p n values may add its squares in
 * any order, the same sum to the bit (features.c says why). */
int stance_fsquares_exact(const struct stance_featcfg *cfg, size_t n);

/* Tokenise and normalise @p text as the extractor does and call @p cb for each
 * token (bytes, length, whether it is punctuation) in order; a non-zero return
 * of @p cb stops with STANCE_ERR_NOMEM. The trainer learns word vectors from
 * exactly the tokens the vec family looks up. */
typedef int (*stance_token_cb)(void *user, const char *tok, size_t len, int punct);
int stance_features_tokens(const struct stance_featcfg *cfg, stance_fscratch *s, const char *text, size_t len,
                           stance_token_cb cb, void *user);

/* Whether a family of @p cfg reads cfg->lex (families 8 and 9). */
int stance_features_need_lexicon(const struct stance_featcfg *cfg);

/* Build a lexicon for @p cfg from @p n (word, valence) pairs: each word is
 * normalised and tokenised as text is; entries that are not exactly one word
 * token, longer than STANCE_MAX_LEXWORD bytes or with a valence that is zero,
 * not finite or beyond STANCE_MAX_VALENCE are left out; for duplicates after
 * normalisation the first is kept. Sorted as the LEXN section requires. */
struct stance_lexicon;
int stance_lexicon_build(const struct stance_featcfg *cfg, const char *const *words, const size_t *lens,
                         const float *valence, size_t n, struct stance_lexicon **out, stance_error *err);

/* Extract the features of @p st into @p out (cleared first; storage reused).
 * Text must be valid UTF-8. */
int stance_features_extract(const struct stance_featcfg *cfg, const stance_statement *st, stance_fscratch *s,
                            stance_fvec *out, stance_error *err);

/* The prefix that names family @p id's features in the model's n-gram table and
 * in explanations ("w:" word n-grams, "c:" character, "d:" pooled polarity ...;
 * "?:" for an id this revision does not know). */
const char *stance_family_prefix(uint32_t id);

/* Called for each (bucket, family id, readable n-gram) the extractor produces,
 * when set in the scratch: the trainer builds the model's n-gram table with it. */
typedef void (*stance_feature_name_cb)(void *user, uint32_t bucket, uint32_t family, const char *text, size_t len);
void stance_fscratch_set_name_cb(stance_fscratch *s, stance_feature_name_cb cb, void *user);
/* When @p on (and no name callback is set and the model's vectors are prepared,
 * vectors.h), the vec family's dense values stay out of idx/val and are handed
 * over in out->vz instead (scored as a block); off (the default) for training
 * and for explanations, which need them one by one. */
void stance_fscratch_set_vec_block(stance_fscratch *s, int on);
/* Whether the next statements are in-domain (default off): with family 14
 * (domain) in the configuration, an in-domain statement's hashed features get a
 * domain copy each and a domain bias feature (Daume III 2007, feature
 * augmentation). The trainer sets it for the rows of --in-domain files;
 * stance_classify() sets it for both heads (every quote toward an actor, and
 * every quote's sentiment, is in-domain), stance_predict() leaves it off. */
void stance_fscratch_set_domain(stance_fscratch *s, int on);
/* Fill cfg->dcopy (model.h) when @p cfg has family 14 (domain): the bucket of
 * the copy of each of the 2^table_bits buckets, then the bias bucket (one
 * XXH3 call each, ~2.6 M instructions for 18 bits under AVX2). STANCE_OK, or
 * STANCE_ERR_NOMEM. */
int stance_features_domain_prepare(struct stance_featcfg *cfg);
/* The index of family 14 in @p cfg, or -1; the copy bucket of bucket @p bk
 * (family index @p fi), the explicit path's (stance_fkey()), which the copy
 * table holds for every bucket (tests/test_features.c). */
#define STANCE_FDOMAIN_ID 14u /* family 14 (domain), the id of its features */
/* Family 15 (side, features_side.c): one dense feature naming the target's
 * relation to the quote's speaker ("speaks-for", "same-side", "opposite-side";
 * stance.h's stance_relation), set per statement by
 * stance_fscratch_set_relation(): stance_classify() sets it for each target of
 * a call that passed actor_sides, the trainer for each row with a "relation"
 * field; unknown and self give no feature. One function (stance_fside()) emits
 * it for both. */
#define STANCE_FSIDE_ID 15u
void stance_fscratch_set_relation(stance_fscratch *s, int relation);
/* The STANCE_RELATION_* a name of stance_relation_name() stands for, or -1. */
int stance_relation_parse(const char *name, size_t len);
int stance_fdomain_index(const struct stance_featcfg *cfg);
uint32_t stance_fdomain_copy(const struct stance_featcfg *cfg, uint32_t fi, uint32_t bk);
#endif
