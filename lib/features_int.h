/*
 * features_int.h - what the files of the feature extractor share: the token
 * record, the scratch, and the per-text cache (features_cache.c).
 *
 *   features.c        the families and the vector (stance_features_extract)
 *   features_text.c   normalisation, tokenisation, the polarity lexicon
 *   features_domain.c family 14 (domain): the in-domain copies and the copy table
 *   features_side.c   family 15 (side): the target's relation to the speaker
 *   features_cache.c  the tokens, word classes, valences and the word and
 *                     character n-gram keys of a text, computed once and reused
 *                     while the same text comes back (the sentiment head and
 *                     each target of one quote score the same text)
 */
#ifndef STANCE_FEATURES_INT_H
#define STANCE_FEATURES_INT_H
#include "features.h"
#include "model.h"
#include "sort.h"
#include "structure.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#define TOKENIZER_REV 2u

/* Stable bottom-up merge sort of the @p n elements of @p a through @p tmp (room
 * for n), LESS(x, y) true when element x goes strictly before y: the arrays of
 * records the radix sorts of sort.h do not take (dense values by bucket, the
 * lexicon's words by bytes). A macro, so each comparison is inlined. */
#define STANCE_MERGE_SORT(a, tmp, n, LESS)                                                                     \
    do {                                                                                                       \
        for (size_t w_ = 1; w_ < (n); w_ *= 2) {                                                               \
            for (size_t lo_ = 0; lo_ < (n); lo_ += 2 * w_) {                                                   \
                size_t mid_ = lo_ + w_ < (n) ? lo_ + w_ : (n), hi_ = lo_ + 2 * w_ < (n) ? lo_ + 2 * w_ : (n); \
                size_t i_ = lo_, j_ = mid_, k_ = lo_;                                                          \
                while (i_ < mid_ && j_ < hi_)                                                                  \
                    (tmp)[k_++] = LESS((a)[j_], (a)[i_]) ? (a)[j_++] : (a)[i_++];                              \
                while (i_ < mid_)                                                                              \
                    (tmp)[k_++] = (a)[i_++];                                                                   \
                while (j_ < hi_)                                                                               \
                    (tmp)[k_++] = (a)[j_++];                                                                   \
            }                                                                                                  \
            memcpy((a), (tmp), (n) * sizeof *(a));                                                             \
        }                                                                                                      \
    } while (0)

#define VALUE_BINARY 0u  /* 1 per distinct feature, then L2 */
#define VALUE_LOGTF 1u   /* 1 + ln(count), then L2 */
#define VALUE_BINARY_RAW 2u  /* 1 per distinct feature, no normalisation */
#define VALUE_BINARY_FAM 3u  /* 1 per distinct feature, each family L2-normalised to its weight */
#define VALUE_LOGTF_FAM 4u   /* 1 + ln(count), each family L2-normalised to its weight */

#define NORM_CASEFOLD 0x1u  /* utf8proc_tolower */
#define NORM_PUNCT 0x2u     /* curly quotes -> straight, dashes -> '-' */
#define NORM_DIGITS 0x4u    /* every decimal digit -> '0' */
#define NORM_KNOWN (NORM_CASEFOLD | NORM_PUNCT | NORM_DIGITS)

enum {
    FAM_WORD = 1, FAM_CHAR = 2, FAM_NEG = 3, FAM_TWIN = 4, FAM_TPRES = 5, FAM_CTX = 6, FAM_CLAUSE = 7,
    FAM_LEX = 8, FAM_LEXD = 9, FAM_RULES = 10, FAM_VEC = 11, FAM_STRUCT = 12, FAM_TCONJ = 13,
    FAM_DOMAIN = STANCE_FDOMAIN_ID, FAM_SIDE = STANCE_FSIDE_ID, FAM_MAX = 15
};

#define FF_NEGMARK STANCE_FF_NEGMARK /* (features.h) */

/* tok.flags: set per statement */
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

/* tok.attr: what the token's bytes are, set once per text (features_cache.c) */
#define TA_NEGATOR 0x1u   /* opens a negation scope: lexicon class FX_NEG or "...n't" */
#define TA_BOOST 0x2u     /* VD_BOOST */
#define TA_DAMP 0x4u      /* VD_DAMP */
#define TA_VNEG 0x8u      /* VD_NEG */
#define TA_NO 0x10u       /* "no" */
#define TA_BUT 0x20u      /* "but" */
#define TA_CAPS 0x40u     /* two or more capitals and no lower-case ASCII letter in the source */
#define TA_BREAK 0x80u    /* ends a clause of the clause family: FX_BREAK or one of ,;:()".!?[] */
#define TA_CUE 0x100u     /* FX_CUE */
#define TA_EXCEPT 0x200u  /* FX_EXCEPT: a "but" right after it means except (polarity_pass()) */

/* stance_fscratch.rcount: the view's "!" and "?" tokens, its ALL-CAPS words,
 * boosters, dampeners, negators (polarity rules) and whether a "but" is one of
 * its words (not the target's). */
enum { RC_EXCL, RC_QUEST, RC_CAPS, RC_BOOST, RC_DAMP, RC_NEGS, RC_BUT, RC_N };

typedef struct tok {
    size_t off, len;      /* normalised bytes in the text's buf (padded by spaces on both sides) */
    size_t start, end;    /* source bytes */
    unsigned flags;       /* TK_* */
    unsigned attr;        /* TA_* (0 for punctuation but TA_BREAK, and for the "<t>" placeholder) */
    size_t src;           /* view tokens: the index of the text token it copies (the first of a mention);
                           * text tokens: the first token of the text with the same word (ftext.dedup) */
    uint64_t cls;         /* lexicon.def classes of the normalised word (0 for punctuation) */
    float val;            /* its valence in the model's lexicon, 0 if none or no lexicon */
    int32_t vec;          /* its row in the model's word vectors, -1 none, TOK_VEC_UNKNOWN not looked up */
} tok;

#define TOK_VEC_UNKNOWN (-2)

/* One dense feature value (families 9 and 10), merged after normalisation. */
typedef struct dval {
    uint32_t bucket;
    float val;
} dval;

/* A text and what the extractor derived from it. */
typedef struct ftext {
    char *buf;            /* normalised tokens, each as " tok ", two tokens one space apart */
    size_t buf_cap, buf_len;
    tok *toks;            /* text tokens, context tokens, then (briefly) the target's */
    size_t toks_cap, n_toks;
    /* what stays while the same text comes back (valid != 0) */
    int valid;
    const stance_featcfg *cfg;  /* the configuration it was made with, and a copy of what it reads */
    stance_featcfg cfgcopy;
    char *src;            /* the statement's text then its context, to recognise them */
    size_t src_cap, text_len, ctx_len;
    size_t base_len;      /* bytes of buf up to the end of the context's tokens */
    size_t n_text, n_ctx; /* tokens of the text, of the context */
    size_t ph_off;        /* the "<t>" placeholder in buf */
    int lower;            /* the text has a lower-case ASCII letter */
    int dedup;            /* a binary value mode: a word's character n-gram keys are kept at its first
                           * token only (ckeys of a repeated word are empty), counts do not matter */
    uint32_t wfi, cfi;    /* the word / char family whose keys are cached (UINT32_MAX: none) */
    uint64_t *wkeys;      /* [n_text * orders] key of the word n-gram at token i of order min_n + j */
    size_t wkeys_cap;
    uint64_t *ckeys;      /* char n-gram keys of text token i: ckeys[coff[i] .. coff[i + 1]) */
    size_t ckeys_cap, n_ckeys;
    size_t *coff;
    size_t coff_cap;
} ftext;

/* What a word's bytes give, looked up once per API call (features_cache.c). */
typedef struct wmemo_ent {
    uint32_t off, len;    /* the word in wmemo.bytes */
    uint32_t k0, nk;      /* its character n-gram keys: wmemo.keys[k0 .. k0 + nk) */
    uint32_t slot;        /* where wmemo.slot points to it */
    uint64_t wkey;        /* its key as a unigram of the word family wmemo.wfi (0 when none) */
    uint64_t cls;
    float val;
    int32_t vec;          /* tok.vec */
    unsigned attr;        /* TA_* but TA_CAPS */
    uint32_t seen;        /* wmemo.serial of the last text that had the word, */
    uint32_t first;       /* and its first token there */
} wmemo_ent;

typedef struct wmemo {
    int valid;
    int checked;          /* lexprint compared with the lexicon since the last stance_fscratch_keep_words() */
    uint32_t serial;      /* counts the texts filled (wmemo_ent.seen) */
    int had_lex;          /* the entries were made with a lexicon (cfg->lex not NULL) */
    uint64_t lexprint[2]; /* that lexicon's print (stance_lexicon_seal()) */
    const stance_featcfg *cfg;
    stance_featcfg cfgcopy;
    uint32_t cfi;         /* the char family whose keys are kept (UINT32_MAX: none) */
    uint32_t wfi;         /* the word family whose unigram keys are kept: the first word family,
                           * when its n-grams start at one word (UINT32_MAX: none) */
    uint32_t *slot;       /* open addressing: entry index + 1, 0 = empty */
    size_t n_slot;
    wmemo_ent *ent;
    size_t ent_cap, n_ent;
    char *bytes;
    size_t bytes_cap, n_bytes;
    uint64_t *keys;
    size_t keys_cap, n_keys;
} wmemo;

struct stance_fscratch {
    wmemo memo;           /* the words seen since the last stance_fscratch_forget() (kept by
                           * stance_fscratch_keep_words() while the configuration and lexicon are the same) */
    ftext t;              /* the current text */
    ftext alt;            /* the one before it (a quote and its attribution sentence alternate) */
    tok *view;            /* text tokens with each target mention collapsed into "<t>" */
    size_t view_cap, n_view;
    size_t vfirst, vlast; /* the view's first and last target token (SIZE_MAX: none) */
    size_t vmentions, vwords, vbefore; /* its target tokens, words (not punctuation; "<t>" is one) and
                                        * words before the first target token (SIZE_MAX: none) */
    char *gram;           /* assembled n-gram bytes */
    size_t gram_cap;
    uint64_t *keys;       /* (bucket << 4 | family index) */
    size_t keys_cap, n_keys;
    dval *dense;          /* dense values, kept out of the L2 normalisation */
    size_t dense_cap, n_dense;
    uint32_t *btab;       /* [BT_SLOTS] the places of an unsorted vector's buckets (finish_unsorted(),
                           * features.c), tagged with the vector's generation bgen */
    uint32_t bgen;
    unsigned rcount[RC_N]; /* family 10's counts (RC_*), made by polarity_pass() */
    float *pol;           /* [n_view] valence after the polarity rules (0 = none) */
    size_t pol_cap;
    size_t *polar;        /* the view positions whose pol is not 0, ascending */
    size_t polar_cap, n_polar;
    stance_stok *stoks;   /* [n_view] the view for lib/structure.c */
    size_t stoks_cap;
    unsigned char *stags; /* family 12's sparse tags (length byte, name) for family 13's replay */
    size_t stags_cap, n_stags;
    int stags_ok;         /* stoks and stags hold this statement's (family 12 ran) */
    int32_t *vacc;        /* [4 * dim] word vector sums per region (family 11) */
    size_t vacc_cap;
    uint32_t *vdist;      /* [n_view] tokens to the nearest target mention (family 11) */
    size_t vdist_cap;
    int32_t *vwidx;       /* [n_view] word vector index per token, -1 none (family 11) */
    size_t vwidx_cap;
    float *vz;            /* [4 * dim] its dense values (family 11) */
    size_t vz_cap;
    int vec_block;        /* stance_fscratch_set_vec_block */
    int domain;           /* stance_fscratch_set_domain */
    int relation;         /* stance_fscratch_set_relation: the next statements' STANCE_RELATION_* (family 15) */
    stance_feature_name_cb name_cb;
    void *name_user;
};

/* features_text.c */
int stance_ftok_reserve(ftext *t, size_t more);
/* Append the tokens of text[0, len) to t->toks, their bytes to t->buf. */
int stance_ftokenize(ftext *t, uint32_t nflags, const char *text, size_t len);
float stance_flex_valence(const stance_lexicon *lx, const char *w, size_t n);
void stance_ftext_free(ftext *t);
void stance_wmemo_free(wmemo *m);

/* The key (bucket << 4 | fi) of the feature bytes[0, len) of family index fi:
 * XXH3-64 with the family's seed, low table_bits kept. */
static inline uint64_t stance_fkey(const stance_featcfg *cfg, uint32_t fi, const char *bytes, size_t len)
{
    uint32_t mask = (uint32_t)(((uint64_t)1 << cfg->table_bits) - 1);
    return (uint64_t)((uint32_t)XXH3_64bits_withSeed(bytes, len, cfg->families[fi].seed) & mask) << 4 | fi;
}

/* features_domain.c: append family 14's copies of the hashed features out[0,
 * n) and its bias feature to s->dense (the explicit path: training,
 * explanations). */
int stance_fdomain_copies(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi, const stance_fvec *out);

/* features.c: the dense value @p v (not 0; times the family's weight) of family index @p fi named
 * name[0, len), kept out of the L2 normalisation and reported to the name callback. */
int stance_femit_dense(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi, const char *name, size_t len,
                       double v);
/* features_side.c: family 15's feature for the scratch's relation (none when it is unknown or self). */
int stance_fside(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi);

/* features_cache.c: make s->t hold @p st's text and context tokenised (text
 * tokens [0, n_text), context tokens [n_text, n_text + n_ctx), flags clear of
 * TK_TARGET), from the cache when the same text came back with the same
 * configuration. */
int stance_ftext_prepare(stance_fscratch *s, const stance_featcfg *cfg, const stance_statement *st);
/* Append the keys of the character n-grams of token @p k (family index @p fi:
 * min_n..max_n code points of " tok ", no lone space) to (*keys)[*n ..], grown
 * as needed, and report each to @p name_cb if set. */
int stance_fchar_keys(const ftext *t, const stance_featcfg *cfg, uint32_t fi, const tok *k, uint64_t **keys, size_t *n,
                      size_t *cap, stance_feature_name_cb name_cb, void *name_user);
#endif
