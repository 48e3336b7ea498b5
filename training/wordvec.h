/*
 * wordvec.h - learning the word vectors of the vec family (trainer only; the
 * runtime reads them from the model's WVEC section, lib/vectors.h).
 *
 * Counts: the extractor's own tokens (stance_features_tokens), punctuation
 * dropped, co-occurrence within +-window words weighted 1/distance, inside one
 * text. Vocabulary: the most frequent words with at least min_count
 * occurrences (outside context-only texts, see tr_corpus). Matrix: positive PMI with the context counts raised to 0.75
 * (Levy, Goldberg and Dagan, TACL 2015). Vectors: a randomized truncated SVD
 * (Halko, Martinsson and Tropp, SIAM Review 2011: Gaussian test matrix, power
 * iterations, each step re-orthonormalised), rows U_k * S_k^0.5, each scaled
 * to unit length and then by the smooth inverse frequency a / (a + p(w))
 * (Arora, Liang and Ma, ICLR 2017), so that frequent words weigh less in a
 * region's sum. Every step is deterministic: same texts, options and seed,
 * same bytes.
 */
#ifndef STANCE_WORDVEC_H
#define STANCE_WORDVEC_H
#include <stddef.h>
#include <stdint.h>

#include "features.h"
#include "model.h"
#include "vectors.h"

typedef struct tr_wv_opts {
    uint32_t dim;        /* dimensions (default 100) */
    uint32_t vocab;      /* most frequent words kept (default 50000) */
    uint32_t window;     /* co-occurrence window in words each side (default 5) */
    uint32_t min_count;  /* occurrences a word needs (default 3) */
    uint32_t iters;      /* power iterations of the SVD (default 3) */
    double sif;          /* smooth inverse frequency a (default 1e-3; 0 = off) */
    uint64_t seed;       /* the SVD's random test matrix (default 1) */
} tr_wv_opts;
void tr_wv_opts_default(tr_wv_opts *o);

/* Unlabelled texts, each stored once (exact duplicates are dropped). Texts
 * added after tr_corpus_context_only() are context-only: their words are
 * counted as co-occurrences of the vocabulary's words (and in its frequencies),
 * but a word enters the vocabulary only on its min_count occurrences in the
 * texts added before (text whose words must not be copied into a model). */
typedef struct tr_corpus {
    char **texts;
    size_t *lens;
    size_t n, cap, bytes;
    uint64_t *seen;      /* open-addressing set of text hashes (0 = empty) */
    size_t seen_cap;
    size_t ctx_from;     /* texts [ctx_from, n) are context-only (when has_ctx) */
    int has_ctx;
} tr_corpus;
/* Texts added from now on are context-only. */
void tr_corpus_context_only(tr_corpus *c);
/* Copy @p text (valid UTF-8) into the corpus: 0, or -1 when out of memory. */
int tr_corpus_add(tr_corpus *c, const char *text, size_t len);
/* Add every text of a file: JSONL objects with a "text" string (when the first
 * line starts with '{'; other fields ignored, lines without "text" refused), or
 * plain text, one text per line. Errors name the file and line. */
int tr_corpus_add_file(tr_corpus *c, const char *path, char *err, size_t errlen);
void tr_corpus_free(tr_corpus *c);

typedef struct tr_wv_stats {
    size_t tokens, types, vocab, pairs, nnz;
    size_t ctx_texts, ctx_tokens;  /* context-only texts and their word tokens */
    uint32_t dim;
    double top_sv;       /* the largest singular value */
} tr_wv_stats;

/* Learn vectors for the tokens of @p cfg from @p c. @p st may be NULL. */
int tr_wv_learn(const stance_featcfg *cfg, const tr_corpus *c, const tr_wv_opts *o, stance_wvec **out,
                tr_wv_stats *st, char *err, size_t errlen);

/* A sparse matrix in compressed rows. */
typedef struct tr_csr {
    uint32_t rows, cols;
    size_t *rowptr;      /* [rows + 1] */
    uint32_t *col;       /* [nnz], increasing within a row */
    double *val;         /* [nnz] */
} tr_csr;

/* The top @p k singular values (descending, in @p s[k]) and left singular
 * vectors (column-major, @p u[t * a->rows + i]) of @p a by randomized SVD with
 * @p over extra columns and @p iters power iterations; k + over <= rows and
 * k + over <= cols. 0, or -1 when out of memory. */
int tr_rsvd(const tr_csr *a, uint32_t k, uint32_t over, uint32_t iters, uint64_t seed, double *u, double *s);
#endif
