/* pool.h - one speaker's stances toward one actor, pooled over the text's quotes
 * (stance_classify() after every quote is scored, with STANCE_OPT_POOL). */
#ifndef STANCE_POOL_H
#define STANCE_POOL_H
#include "arena.h"
#include "stance_internal.h"

/* The weight of each other quote of the group in the log-linear pooling (pool.c).
 * Chosen on grouped CV of the e2e train labels (bench/e2e/pool_cells.py,
 * RESULTS "pool1"). */
#define STANCE_POOL_WEIGHT 0.3

/* One linked stance of the text: its speaker's name (NUL-terminated), its actor,
 * its decision (pooled in place) and where the pooling reports itself. */
typedef struct stance_pool_item {
    const char *speaker;
    size_t entity;
    size_t order;        /* its place in the text: the pooled sums run in this order */
    stance_decision *d;
    size_t *n_others;    /* receives the group's other quotes (0: left alone) */
    const double **own;  /* receives the quote's own probabilities (d->probs before pooling) */
    const char *key;     /* pool.c's: the speaker's surname (or whole name) and its length */
    size_t key_len;
} stance_pool_item;

/* Group @p items (reordered) by (actor, speaker's surname, ASCII case folded;
 * a one-word name is its own key) and, in every group of two or more, replace
 * each decision's probabilities by p'(l) ∝ p(l) · Π_others p_j(l)^w (w =
 * STANCE_POOL_WEIGHT), its label and confidence with them; the pooled
 * probabilities come from @p arena, the quote's own stay where they were (*own).
 * @p tmp is scratch of *tmp_cap doubles, grown as needed. STANCE_OK or STANCE_ERR_NOMEM. */
int stance_pool_stances(stance_pool_item *items, size_t n, stance_arena *arena, double **tmp, size_t *tmp_cap);
#endif
