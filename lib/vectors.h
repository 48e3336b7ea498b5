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
} stance_wvec;

void stance_wvec_free(stance_wvec *wv);

/* Index of the word @p w[0, n) (normalised as the extractor normalises
 * tokens), or -1. Binary search: words are in strictly increasing byte order. */
long stance_wvec_find(const stance_wvec *wv, const char *w, size_t n);

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
