/*
 * vectors.h - word vectors stored in a model (the WVEC section, format 1.2):
 * a vocabulary of normalised word tokens with int8-quantised vectors, read by
 * the `vec` feature family (features.c), which pools them per region. The
 * vectors are learned by the trainer (training/vectors.c); the runtime only
 * reads, validates, looks up and writes them.
 */
#ifndef STANCE_VECTORS_H
#define STANCE_VECTORS_H
#include "stance_internal.h"

#define STANCE_MAX_WVEC_WORDS 1000000u
#define STANCE_MAX_WVEC_DIM 1024u
#define STANCE_MAX_WVEC_WORD 64u

typedef struct stance_wvec {
    uint32_t n;           /* words */
    uint32_t dim;         /* dimensions */
    float scale;          /* vector i, dimension d = vec[i * dim + d] * scale */
    uint32_t *off;        /* [n] word i starts at blob + off[i] (NUL-terminated) */
    uint32_t *len;        /* [n] its length in bytes */
    char *blob;
    int8_t *vec;          /* [n * dim] */
    /* Set when the table is built or read, read-only afterwards: */
    uint32_t *slot;       /* [n_slot] open-addressing index of the words: word + 1, 0 = empty */
    uint32_t n_slot;      /* a power of two >= 2n */
    /* Set by stance_wvec_prepare() (once per model, before it is shared): */
    uint32_t *bucket;     /* [STANCE_WVEC_REGIONS * dim] the bucket of dense value (region r, dimension d) */
    uint64_t plan_seed;   /* the family seed and table size the buckets are for */
    uint32_t plan_bits;
    /* Set by stance_wvec_prepare_model(): per head of the model, its weights
     * for the dense values (stance_wvec_block), with what identifies the head:
     * a block is used only while the head is at the same address with the same
     * dense table, or still none (its rows are then the file image's, which
     * may move with the image but do not change). */
    uint32_t n_block;
    float **block;
    const struct stance_head **block_head;
    const void **block_weights;
} stance_wvec;

void stance_wvec_free(stance_wvec *wv);

/* Index of the word @p w[0, n) (normalised as the extractor normalises
 * tokens), or -1. Words are in strictly increasing byte order; the look-up
 * goes through a hash index (slot) built with the table. */
long stance_wvec_find(const stance_wvec *wv, const char *w, size_t n);

/* ---- the vec family's dense values (features.c fam_vec) --------------------
 * Regions: 0 "A" the whole statement, 1 "L" left of the first target mention,
 * 2 "R" right of the last, 3 "N" within the family's window of one. Dense
 * value (r, d) is named by the region's letter and d in decimal ("A0", "N99")
 * and hashed with the family's seed into the model's table. */
#define STANCE_WVEC_REGIONS 4u

/* Write the name of dense value (@p region, @p d < 10000) into @p name (room
 * for 8 bytes, not NUL-terminated); returns its length. */
size_t stance_wvec_dense_name(uint32_t region, uint32_t d, char name[8]);
/* Its bucket: XXH3-64 of the name with the family's @p seed, low bits kept. */
uint32_t stance_wvec_dense_bucket(uint32_t region, uint32_t d, uint64_t seed, uint32_t table_bits);

/* Compute the bucket of every dense name for the family @p seed and table
 * size 2^@p table_bits (once per model, at load or after training; a second
 * call with other settings recomputes). STANCE_ERR_NOMEM or STANCE_OK. */
int stance_wvec_prepare(stance_wvec *wv, uint64_t seed, uint32_t table_bits);
/* The prepared bucket table for these settings, or NULL (then hash the names). */
const uint32_t *stance_wvec_buckets(const stance_wvec *wv, uint64_t seed, uint32_t table_bits);

/* Sum the vectors of the words of a statement per region: @p w[i] is token
 * i's word index (-1: no word, skipped), @p dist[i] its distance in tokens
 * to the nearest target mention when that is at most @p window, else any
 * larger value (read only with a mention), @p first/@p last
 * the first and last mention token (first == SIZE_MAX: no mention, only
 * region 0 is filled). Each word's vector is read once (twice near a
 * mention). @p acc has room for STANCE_WVEC_REGIONS * dim sums, @p count
 * for STANCE_WVEC_REGIONS word counts; both are overwritten. */
void stance_wvec_pool(const stance_wvec *wv, const int32_t *w, const uint32_t *dist, size_t n, size_t first,
                      size_t last, uint32_t window, int32_t *acc, unsigned *count);

/* The dense values of the pooled sums: per region with words and a non-zero
 * sum, acc * weight / |acc| (the float fam_vec emits), else 0; @p z has room
 * for STANCE_WVEC_REGIONS * dim values. Returns the bit mask of the regions
 * with values (bit r: region r). */
unsigned stance_wvec_values(const int32_t *acc, const unsigned *count, uint32_t dim, double weight, float *z);

/* A head's weights for the dense values, pair by pair in value order:
 * block[p * nz + r * dim + d] = the weight of pair p for bucket (r, d)
 * (nz = STANCE_WVEC_REGIONS * dim), so that the dense
 * values add block . z to the decision values without a look-up per value
 * (the same sum as through their buckets: the model is linear). Needs
 * stance_wvec_prepare(); freed with stance_free. */
struct stance_head;
int stance_wvec_block(const stance_wvec *wv, const struct stance_head *h, float **out);
/* values[p] += sum_i block[p * nz + i] * z[i] over the values i of the
 * regions in the bit mask @p regions (nz = STANCE_WVEC_REGIONS * dim). */
void stance_wvec_block_values(const float *block, const float *z, unsigned regions, uint32_t dim, uint32_t n_dec,
                              double *values);

/* Prepare a model read from a file (or built in memory) for the fast path,
 * once, before it is shared: the buckets for its vec family and a block for
 * each head. Nothing to do without a vec family or vectors. A model whose
 * heads change afterwards (the trainer) stays correct: a head without a
 * block is scored bucket by bucket. STANCE_ERR_NOMEM or STANCE_OK. */
struct stance_model;
int stance_wvec_prepare_model(struct stance_model *m, stance_error *err);

/* Add the dense values @p z (STANCE_WVEC_REGIONS * dim, in value order; the
 * regions outside the bit mask @p regions are zero and skipped; prepared
 * buckets) to head @p h's decision values: through its block when it has
 * one, else bucket by bucket (the sparse vector's way). */
void stance_wvec_head_values(const stance_wvec *wv, const struct stance_head *h, const float *z, unsigned regions,
                             double *values);

/* Build a table from @p n words (any order, no duplicates) and their float
 * vectors [n * dim]: sorted, quantised to int8 with one scale (the largest
 * |value| maps to 127). Words must be 1..STANCE_MAX_WVEC_WORD bytes without
 * NUL or space. STANCE_ERR_INVALID on a bad argument or duplicate word. */
int stance_wvec_build(const char *const *words, const size_t *lens, const float *vecs, size_t n, uint32_t dim,
                      stance_wvec **out, stance_error *err);

/* Parse a WVEC payload data[pos, end) (absolute offsets into the file, for
 * error offsets): STANCE_ERR_FORMAT with the offending field's offset in
 * err->offset, STANCE_ERR_NOMEM, or STANCE_OK with *out set. */
int stance_wvec_parse(const unsigned char *data, size_t pos, size_t end, stance_wvec **out, stance_error *err);

/* The WVEC payload of @p wv in a new buffer (freed with stance_free). */
int stance_wvec_serialize(const stance_wvec *wv, unsigned char **out, size_t *len);
#endif
