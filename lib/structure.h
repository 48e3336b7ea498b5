/*
 * structure.h - who does what to whom: shallow patterns over the extractor's
 * tokens (no parser) that place the target in its sentence, for feature
 * family 12 "struct" (lib/features.c calls it with the token view):
 *
 *   roles     the target as agent ("X failed", "X attacked ..."), patient
 *             ("blame X", "praised X"), passive patient ("X was praised"),
 *             passive agent ("criticized by X"), object of a preposition
 *             after a polar word ("thanks to X", "credit for X"), or subject
 *             of a copula ("X is a liar"), with the sign of that word (its
 *             lexicon.def class PRO_OBJ / CON_OBJ / RV_PRAISE / RV_CRIT, else
 *             its prior valence) flipped by a negator before it;
 *   condition the target inside a conditional ("if X wins, ...") or a
 *             counterfactual ("without X ... would never", "if not for X"):
 *             the polarity of the consequent, flipped for a counterfactual;
 *   clause    polarity (after VADER's rules) pooled over the target's clause
 *             (bounded by punctuation, conjunctions and relative words) and
 *             over the rest of the statement, as tags and dense values.
 *
 * Feature names are short ASCII strings ("A-", "P:blame", "cf+", "C>+",
 * "C:net"); tests/test_features.c lists what fires on texts we wrote.
 */
#ifndef STANCE_STRUCTURE_H
#define STANCE_STRUCTURE_H
#include <stddef.h>
#include <stdint.h>

#define STANCE_ST_WORD 0u
#define STANCE_ST_PUNCT 1u
#define STANCE_ST_TARGET 2u /* one mention of the target (collapsed) */

/* One token as the extractor sees it. */
typedef struct stance_stok {
    const char *w;  /* normalised (lower-cased) bytes */
    size_t n;
    uint64_t cls;   /* lexicon.def classes of w (STANCE_LX bits), 0 if not listed */
    float prior;    /* prior valence in the model's lexicon, 0 if none */
    float pol;      /* valence after VADER's rules (negation, boosters, "but"), 0 if none */
    unsigned kind;  /* STANCE_ST_* */
} stance_stok;

/* Receives each feature: @p dense == 0 for a sparse tag, else a dense value.
 * Returns 0 or a negative status, which stops the extraction. */
typedef int (*stance_struct_emit_fn)(void *user, const char *name, size_t len, double dense);

/* Emit the family's features of the @p n tokens @p t (nothing without a
 * mention of the target). Returns 0 or the first non-zero emit() status. */
int stance_struct_extract(const stance_stok *t, size_t n, stance_struct_emit_fn emit, void *user);

/* Target conjunctions (family 13 "tconj"): the target's key (@p key, the
 * normalised last word of its name) alone and joined with each word of the
 * statement and each of the struct tags, so that recurring targets can get
 * weights of their own while the shared features stay as the back-off. */
int stance_struct_tconj(const stance_stok *t, size_t n, const char *key, size_t key_len, stance_struct_emit_fn emit,
                        void *user);

/* stance_struct_tconj() with the struct tags given rather than worked out
 * again: @p tags holds the sparse tags (dense == 0) that
 * stance_struct_extract() emitted for the same tokens, in their order, each
 * as a length byte and the name's bytes, @p tags_len bytes in all. The same
 * emit() calls as stance_struct_tconj(). */
int stance_struct_tconj_replay(const stance_stok *t, size_t n, const char *key, size_t key_len,
                               const unsigned char *tags, size_t tags_len, stance_struct_emit_fn emit, void *user);
#endif
