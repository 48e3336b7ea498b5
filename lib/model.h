/*
 * model.h - the in-memory model: feature configuration, heads, metadata,
 * n-gram strings, and the compiled quote patterns. The on-disk layout is
 * specified in models/FORMAT.md.
 *
 * The functions declared here are defined in model_io.c (but
 * stance_lexicon_free(), in features_text.c beside stance_lexicon_build()): reading,
 * validating and writing model files, and the build helpers the trainer and the
 * tests use to assemble a model in memory. model.c holds the public stance_model_* API
 * (open = stance_model_parse() + compiling the patterns, free, queries).
 */
#ifndef STANCE_MODEL_H
#define STANCE_MODEL_H

#include <string.h>

#include "stance_internal.h"

/* File format version written by this library; files with a higher major are refused. */
#define STANCE_FORMAT_MAJOR 1
#define STANCE_FORMAT_MINOR 0
/* Minor version written when the file has a LEXN section (1.1 added it). */
#define STANCE_FORMAT_MINOR_LEXN 1
/* Minor version written when the file has a WVEC section (1.2 added it; vectors.h). */
#define STANCE_FORMAT_MINOR_WVEC 2
/* Minor version written when the file has a DTMP section (1.3 added it). */
#define STANCE_FORMAT_MINOR_DTMP 3
/* Minor version written when the file has a GTMP section (1.4 added it). */
#define STANCE_FORMAT_MINOR_GTMP 4

/* Sanity caps enforced by the reader before any allocation. */
#define STANCE_MAX_FAMILIES 16
#define STANCE_MIN_TABLE_BITS 4
#define STANCE_MAX_TABLE_BITS 24
#define STANCE_ROWOF_MAX_BITS 20 /* stance_head.rowof: 8 MB a head at most */
#define STANCE_MAX_HEADS 16
#define STANCE_MAX_LABELS 32
#define STANCE_MAX_META 256
#define STANCE_MAX_STRING 65536
#define STANCE_MAX_NGRAM_ORDER 8
/* Dense weights of all heads together (buckets x pairs x float): the file
 * stores rows sparsely, so a few bytes could otherwise ask for gigabytes. */
#define STANCE_MAX_WEIGHT_BYTES ((size_t)512 << 20)

/* Hash functions (stance_featcfg.hash_id). */
#define STANCE_HASH_XXH3_64 1u   /* XXH3_64bits_withSeed over the feature's bytes, low table_bits kept */

/* Calibration kinds (stance_head.calib). */
#define STANCE_CALIB_NONE 0u            /* probabilities from votes (one-hot) */
#define STANCE_CALIB_PLATT_PAIRWISE 1u  /* libsvm: sigmoid per pair + pairwise coupling */

/* Weight encodings in the file (the loader expands to dense float32). */
#define STANCE_WENC_SPARSE_F32 1u

/* One feature family: its own seed, orders, window and value scale.
 * The meaning of id and flags belongs to features.c. */
typedef struct stance_family {
    uint32_t id;
    uint32_t seed;
    uint32_t min_n, max_n;
    uint32_t window;
    uint32_t flags;
    float weight;
} stance_family;

/* Prior word polarity (the LEXN section): normalised single-token words in
 * strictly increasing byte order, each with a valence (VADER: -4..+4). */
#define STANCE_MAX_LEXICON 1000000u
#define STANCE_MAX_LEXWORD 64u
#define STANCE_MAX_VALENCE 16.0f
typedef struct stance_lexicon {
    uint32_t n;
    uint32_t *off;        /* [n] word i starts at blob + off[i] (NUL-terminated) */
    uint32_t *len;        /* [n] its length in bytes */
    float *valence;       /* [n] */
    char *blob;
    uint64_t print[2];    /* XXH3-128 of n, valence, off, len and the words (stance_lexicon_seal()) */
} stance_lexicon;
void stance_lexicon_free(stance_lexicon *lx); /* features_text.c */
/* Set lx->print from the contents (features_text.c). The builders (stance_lexicon_build,
 * the model reader) call it; whoever edits a lexicon in place calls it again before the
 * next extraction: a scratch's word memo is kept across calls for the same print. */
void stance_lexicon_seal(stance_lexicon *lx);

/* Everything needed to rebuild training features exactly. */
typedef struct stance_featcfg {
    uint32_t norm_flags;     /* text normalisation flags (features_int.h, NORM_*) */
    uint32_t tokenizer_rev;  /* tokeniser revision (features_text.c) the model was trained with (TOKENIZER_REV) */
    uint32_t hash_id;        /* STANCE_HASH_* */
    uint32_t table_bits;     /* buckets = 2^table_bits */
    uint32_t value_mode;     /* features.c value weighting */
    uint32_t n_families;
    stance_family families[STANCE_MAX_FAMILIES];
    stance_lexicon *lex;     /* word polarity for the lexicon families (NULL = none); owned by the model */
    struct stance_wvec *wvec; /* word vectors for the vec family (NULL = none; vectors.h); owned by the model */
    /* [2^table_bits + 1] family 14's copy of each bucket, then its bias bucket
     * (stance_features_domain_prepare(); NULL = none: copies made one by one);
     * owned by the model */
    uint32_t *dcopy;
} stance_featcfg;

/* One classifier. Decision functions are one-vs-one pairs in libsvm's order:
 * (0,1), (0,2), ..., (0,k-1), (1,2), ... ; value > 0 votes for the first. */
typedef struct stance_head {
    char *name;
    uint32_t n_labels;
    char **labels;
    uint32_t n_dec;       /* n_labels * (n_labels - 1) / 2 */
    /* Weights: either dense (models built by the trainer and the tests) or
     * sparse (models read from a file); read them with stance_head_row(). */
    float *weights;       /* dense, feature-major: weights[bucket * n_dec + p]; NULL when sparse */
    /* Sparse: the file's own rows ({u32 bucket, n_dec x f32}, little-endian,
     * validated at parse), found through a presence bitmap with a rank per
     * 64 buckets, so opening a model copies no weights. */
    const unsigned char *rows; /* first row's first weight (inside the model's file image) */
    uint32_t n_rows;
    uint64_t *present;    /* [buckets / 64] bit b: bucket b has a row */
    uint32_t *rank;       /* [buckets / 64] rows before bucket 64 * i */
    /* [2 * buckets] for a sparse head of three pairs trained with family
     * 14's copies, of at most STANCE_ROWOF_MAX_BITS table bits
     * (stance_linear_prepare(), at parse; else NULL): rowof[2 b] the row of
     * bucket b as the byte offset of that row from the row before the first,
     * (i + 1) * STANCE_ROW_BYTES(3) for row i (0: none), and rowof[2 b + 1]
     * that of its family-14 copy rowof_map[b] (rowof_map: the model's copy
     * table, stance_featcfg.dcopy), side by side in one cache line. */
    uint32_t *rowof;
    const uint32_t *rowof_map;
    void *rowof_block;    /* the allocation rowof lies in (stance_linear_release() frees it) */
    double *bias;         /* [n_dec]: value_p = w_p . x + bias[p]  (libsvm: -rho) */
    uint32_t calib;       /* STANCE_CALIB_* */
    double *prob_a;       /* [n_dec] libsvm probA (NULL unless PLATT_PAIRWISE) */
    double *prob_b;       /* [n_dec] libsvm probB */
    /* In-domain temperature T (DTMP section; 0 when absent, which means none, as 1
     * does): stance_classify() raises the calibrated probabilities of a quote toward
     * an actor (and a quote's sentiment) to the power 1/T and normalises them
     * (stance_temper(), calibrate.c); stance_predict() does not. */
    double domain_temp;
    /* General temperature T (GTMP section; 0 when absent: none): stance_predict()
     * tempers every statement's probabilities with it, and stance_classify() too
     * where the head has no in-domain temperature (which replaces it: both are
     * fitted on the untempered probabilities). */
    double temp;
} stance_head;

/* A readable string for a bucket (optional; used to explain decisions). */
typedef struct stance_ngram {
    uint32_t bucket;
    uint32_t family;      /* family id */
    char *text;
} stance_ngram;

struct stance_qpatterns; /* quotes.c */

struct stance_model {
    stance_featcfg feat;
    uint32_t n_heads;
    stance_head *heads;
    uint32_t n_meta;
    char **meta_keys;
    char **meta_values;
    uint32_t n_ngrams;
    stance_ngram *ngrams;           /* sorted by (bucket, family) */
    char *ngram_blob;               /* read models: every n-gram text in one block (else each text is its own) */
    struct stance_qpatterns *qpat;  /* compiled at open; NULL in models built by the trainer */
    pcre2_general_context *gctx;    /* PCRE2 allocations via stance_malloc (set at open) */
    pcre2_code *utf8;               /* the UTF-8 validator (set at open) */
    /* The file image the sparse weight rows point into, owned by the model:
     * a read-only mapping of the file (image_mapped) or a stance_malloc block. */
    unsigned char *image;
    size_t image_len;
    int image_mapped;
};

/* Bytes of one sparse weight row: the bucket id and n_dec floats. */
#define STANCE_ROW_BYTES(n_dec) (4 + 4 * (size_t)(n_dec))

static inline uint32_t stance_le_u32(const unsigned char *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static inline float stance_le_f32(const unsigned char *b)
{
    uint32_t u = stance_le_u32(b);
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

static inline unsigned stance_popcount64(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555u);
    x = (x & 0x3333333333333333u) + ((x >> 2) & 0x3333333333333333u);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fu;
    return (unsigned)((x * 0x0101010101010101u) >> 56);
}

/* A sparse head's weights for @p bucket (n_dec little-endian floats, read
 * with stance_le_f32), or NULL when the bucket has no row. */
static inline const unsigned char *stance_head_sparse_row(const stance_head *h, uint32_t bucket)
{
    uint64_t w = h->present[bucket >> 6], bit = (uint64_t)1 << (bucket & 63);
    if (!(w & bit))
        return NULL;
    return h->rows + (size_t)(h->rank[bucket >> 6] + stance_popcount64(w & (bit - 1))) * STANCE_ROW_BYTES(h->n_dec);
}

/* Copy the weights of @p bucket into @p out (n_dec floats; zeros when the
 * bucket has none), for a dense or a sparse head. Returns 1 when any is non-zero. */
int stance_head_row(const stance_head *h, size_t bucket, float *out);

/* Parse and validate a model file image; does not compile quote patterns.
 * The model's weight rows point into @p data, which must outlive the model:
 * the caller hands it over (stance_model_adopt_image) or keeps it alive. */
int stance_model_parse(const unsigned char *data, size_t size, stance_model **out, stance_error *err);
/* Expand sparse heads into dense tables (for the trainer, which edits a read
 * model's weights): afterwards the model no longer points into its image. */
int stance_model_densify(stance_model *m, stance_error *err);
/* The model takes ownership of its file image (freed or unmapped with it). */
void stance_model_adopt_image(stance_model *m, unsigned char *image, size_t len, int mapped);
/* Serialize into a new buffer (freed with stance_free). */
int stance_model_serialize(const stance_model *m, unsigned char **data, size_t *size, stance_error *err);
/* Serialize to @p path through a temporary file renamed into place. */
int stance_model_write(const stance_model *m, const char *path, stance_error *err);
/* Free the heads, strings and tables (also used for half-built models). */
void stance_model_destroy(stance_model *m);

/* Build helpers for the trainer and tests. */
int stance_model_new_empty(stance_model **out);
int stance_model_add_head(stance_model *m, const char *name, uint32_t n_labels, const char *const *labels,
                          stance_head **head);
int stance_model_set_meta(stance_model *m, const char *key, const char *value);
int stance_model_add_ngram(stance_model *m, uint32_t bucket, uint32_t family, const char *text, size_t len);
/* Sort and deduplicate the n-gram table (the writer requires it sorted). */
void stance_model_sort_ngrams(stance_model *m);
/* Look up a bucket's readable string (lowest family id first), or NULL. */
const stance_ngram *stance_model_find_ngram(const stance_model *m, uint32_t bucket);
#endif
