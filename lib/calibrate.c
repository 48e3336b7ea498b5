/*
 * calibrate.c - decision values to probabilities, and probabilities to the
 * label (stance_decision_pick()). For PLATT_PAIRWISE heads
 * this is libsvm's svm_predict_probability(): a sigmoid per class pair with
 * the trainer's (A, B), clipped, then Wu-Lin-Weng pairwise coupling solved by
 * the same fixed-point iteration, so probabilities match libsvm's.
 */
#include "config.h"

#include <math.h>

#include "linear.h"

static double sigmoid_predict(double dec, double a, double b)
{
    double f = dec * a + b;
    /* 1-p is used later: avoid catastrophic cancellation, as libsvm does. */
    if (f >= 0) {
        const double e = exp(-f); /* once: the same value (math-errno keeps GCC from merging two calls) */
        return e / (1.0 + e);
    }
    return 1.0 / (1.0 + exp(f));
}

/* libsvm's multiclass_probability(), with fixed-size storage (k <= STANCE_MAX_LABELS). */
static void couple(int k, double r[STANCE_MAX_LABELS][STANCE_MAX_LABELS], double *p)
{
    double q[STANCE_MAX_LABELS][STANCE_MAX_LABELS];
    double qp[STANCE_MAX_LABELS];
    double pqp, eps = 0.005 / k;
    int max_iter = k > 100 ? k : 100;

    for (int t = 0; t < k; t++) {
        p[t] = 1.0 / k;
        q[t][t] = 0;
        for (int j = 0; j < t; j++) {
            q[t][t] += r[j][t] * r[j][t];
            q[t][j] = q[j][t];
        }
        for (int j = t + 1; j < k; j++) {
            q[t][t] += r[j][t] * r[j][t];
            q[t][j] = -r[j][t] * r[t][j];
        }
    }
    for (int iter = 0; iter < max_iter; iter++) {
        double max_error = 0;
        pqp = 0;
        for (int t = 0; t < k; t++) {
            qp[t] = 0;
            for (int j = 0; j < k; j++)
                qp[t] += q[t][j] * p[j];
            pqp += p[t] * qp[t];
        }
        for (int t = 0; t < k; t++) {
            double e = fabs(qp[t] - pqp);
            if (e > max_error)
                max_error = e;
        }
        if (max_error < eps)
            break;
        for (int t = 0; t < k; t++) {
            double diff = (-qp[t] + pqp) / q[t][t];
            p[t] += diff;
            pqp = (pqp + diff * (diff * q[t][t] + 2 * qp[t])) / (1 + diff) / (1 + diff);
            for (int j = 0; j < k; j++) {
                qp[j] = (qp[j] + diff * q[t][j]) / (1 + diff);
                p[j] /= (1 + diff);
            }
        }
    }
}

void stance_calibrate(const stance_head *h, const double *values, double *probs)
{
    const int k = (int)h->n_labels;
    if (h->calib != STANCE_CALIB_PLATT_PAIRWISE) {
        int best = stance_linear_vote(h, values);
        for (int i = 0; i < k; i++)
            probs[i] = i == best ? 1.0 : 0.0;
        return;
    }
    {
        const double min_prob = 1e-7;
        double r[STANCE_MAX_LABELS][STANCE_MAX_LABELS];
        int p = 0;
        for (int i = 0; i < k; i++)
            for (int j = i + 1; j < k; j++, p++) {
                double s = sigmoid_predict(values[p], h->prob_a[p], h->prob_b[p]);
                s = fmin(fmax(s, min_prob), 1 - min_prob);
                r[i][j] = s;
                r[j][i] = 1 - s;
            }
        if (k == 2) {
            probs[0] = r[0][1];
            probs[1] = r[1][0];
        } else {
            couple(k, r, probs);
        }
    }
}

void stance_temper(double *probs, uint32_t n, double t)
{
    double sum = 0;
    if (t == 1.0 || n == 0)
        return;
    for (uint32_t i = 0; i < n; i++) {
        probs[i] = pow(fmax(probs[i], 1e-300), 1.0 / t);
        sum += probs[i];
    }
    for (uint32_t i = 0; i < n; i++)
        probs[i] /= sum;
}

void stance_decision_pick(stance_decision *d)
{
    d->label = 0;
    for (size_t l = 1; l < d->n_labels; l++)
        if (d->probs[l] > d->probs[d->label])
            d->label = (int)l;
    d->confidence = d->probs[d->label];
    d->label_name = d->label_names[d->label];
}
