/* linear.h - sparse dot products against feature-major weights (linear.c),
 * and the calibrated decision of a head (stance_calibrate(), stance_temper(),
 * stance_decision_pick(): calibrate.c). */
#ifndef STANCE_LINEAR_H
#define STANCE_LINEAR_H
#include "features.h"
#include "model.h"

/* Make @p h's rowof table (model.h) when it is a sparse head of three pairs
 * with a row for family 14's bias copy (trained in-domain) and @p cfg has a
 * copy table and at most STANCE_ROWOF_MAX_BITS table bits: its rows, then the
 * rows of cfg->dcopy's copies. STANCE_OK (nothing made for other heads) or
 * STANCE_ERR_NOMEM. */
int stance_linear_prepare(stance_head *h, const stance_featcfg *cfg);
/* Free @p h's rowof table (if any) and clear rowof and rowof_map. */
void stance_linear_release(stance_head *h);
/* values[p] = w_p . x + bias[p] for every pair p of the head. */
void stance_linear_values(const stance_head *h, const stance_fvec *x, double *values);
/* Winning label by libsvm's one-vs-one vote (ties to the lower index). */
int stance_linear_vote(const stance_head *h, const double *values);
/* Probabilities from decision values: libsvm's pairwise Platt sigmoids and
 * pairwise coupling (identical to svm_predict_probability), or one-hot votes
 * when the head is uncalibrated. probs has n_labels entries. */
void stance_calibrate(const stance_head *h, const double *values, double *probs);
/* Probabilities @p probs[0..n) raised to the power 1/@p t and normalised (t > 0;
 * t = 1 leaves them as they are; order, hence the label, is kept). */
void stance_temper(double *probs, uint32_t n, double t);
/* The decision rule on probabilities: @p d's label becomes its most probable one
 * (the first of equals), its confidence and label_name follow; d->probs,
 * d->n_labels (>= 1) and d->label_names are read. For the scored decision
 * (classify.c's decide()) and the pooled one (pool.c) alike. */
void stance_decision_pick(stance_decision *d);
/* Contribution of feature i of x toward label @p label (summed over its pairs). */
double stance_linear_contrib(const stance_head *h, const stance_fvec *x, size_t i, int label);
#endif
