/*
 * trainer.h - the learning half: labelled JSONL in, collapsed linear heads
 * out. Only training/ links libsvm and liblinear.
 */
#ifndef STANCE_TRAINER_H
#define STANCE_TRAINER_H
#include <stddef.h>
#include <stdint.h>

#include "features.h"
#include "model.h"

#define TR_ERRLEN 512

/* One JSONL record as `stance train`, `eval` and `predict` read it:
 *   {"text": str (required), "label": str (required to train and evaluate),
 *    "id": str|int, "task": head name, "subset": str, "target": str,
 *    "context": str, "target_spans": [[start, end], ...] byte offsets into text,
 *    "group": str|number} */
typedef struct tr_record {
    char *id, *task, *label, *subset;
    char *group;         /* "group" as written: a string's value, a number's decimal form; NULL when absent */
    char *relation;      /* "relation": the target's relation to the speaker (stance_relation_name()), or NULL */
    char *text, *target, *context;
    size_t text_len, target_len, context_len;
    stance_span *spans;  /* NULL when the field is absent */
    size_t n_spans;
    int has_spans;       /* the field was present (possibly empty) */
    double score;        /* "orig_score" (VADER: mean human valence), when has_score */
    int has_score;
    size_t id_raw0, id_raw1; /* "id" as written: line[id_raw0, id_raw1), when tr_record_parse read it without jansson */
} tr_record;

/* Parse one JSONL line; @p need_label requires "label". Fills @p err on failure. */
int tr_record_parse(const char *line, size_t len, int need_label, tr_record *r, char *err, size_t errlen);
/* The same with jansson on every line (tr_record_parse() reads what it can without it): for tests. */
int tr_record_parse_json(const char *line, size_t len, int need_label, tr_record *r, char *err, size_t errlen);
void tr_record_free(tr_record *r);
/* Relabel a sentiment record from its orig_score with a neutral band: neutral
 * when |score| < band, else the score's sign. Records without a score or with
 * other labels are left as they are. Returns -1 when out of memory. */
int tr_record_band(tr_record *r, double band);
/* The statement view of a record (borrows its strings). */
void tr_record_statement(const tr_record *r, stance_statement *st);

/* A labelled data set with extracted features. */
typedef struct tr_example {
    int y;               /* index into tr_data.labels */
    uint32_t *idx;
    float *val;
    size_t n;
    char *subset;
    uint64_t group;      /* calibration group (tr_group_key()): the rows of one group share a calibration fold */
} tr_example;

typedef struct tr_data {
    double neutral_band; /* > 0: tr_data_load relabels sentiment records by tr_record_band() */
    int in_domain;       /* tr_data_load: the rows are in-domain (the domain family's features on) */
    tr_example *ex;
    size_t n, cap;
    char **labels;
    size_t n_labels;
    size_t nnz;
} tr_data;

/* The calibration group of a record: a hash of its "group" when it has one, else
 * of its normalised text (ASCII letters folded to lower case, runs of white
 * space as one space, none at either end), so that copies of one text form one
 * group. Different key spaces: a "group" never collides with a text by design. */
uint64_t tr_group_key(const tr_record *r);

/* Calibration folds of @p n rows whose groups are @p group[0, n): the rows are
 * shuffled with @p rng (splitmix64, the trainer's generator), each group moved
 * to where its first row landed, and the order cut into @p k folds of about
 * n / k rows without splitting a group: fold f is order[bounds[f], bounds[f+1])
 * (bounds has k + 1 entries; a fold may be empty). When every group is a single
 * row, this is the plain shuffle cut at f * n / k. 0, or -1 out of memory. */
int tr_group_folds(const uint64_t *group, size_t n, size_t k, uint64_t *rng, size_t *order, size_t *bounds);

/* Readable n-grams seen during extraction: the majority string per bucket. */
typedef struct tr_names {
    uint32_t *off;       /* [buckets]: offset+1 into pool, 0 = none */
    uint32_t *fam;
    uint32_t *votes;
    char *pool;
    size_t pool_len, pool_cap;
    uint32_t bits;
} tr_names;

/* Read a JSONL file, extract features with @p cfg. Known tasks get a canonical
 * label order (stance: favor against none; sentiment: positive negative neutral). */
int tr_data_load(const char *path, const stance_featcfg *cfg, tr_data *d, tr_names *names, char *err, size_t errlen);
void tr_data_free(tr_data *d);
void tr_names_free(tr_names *n);

/* Can @p d (rows @p rows, NULL = all) train a head? At least two classes, at
 * most STANCE_MAX_LABELS, every example's label known and every class with at
 * least @p min_per_class examples (a class missing from a pair's data would
 * leave the solver nothing to separate). 0, or -1 with @p err. */
int tr_data_check(const tr_data *d, const size_t *rows, size_t n, size_t min_per_class, char *err, size_t errlen);

typedef enum { TR_LIBSVM = 0, TR_LIBLINEAR = 1 } tr_solver;

typedef struct tr_opts {
    tr_solver solver;
    double C;
    int balanced;        /* class weights n / (k * n_c) */
    int probability;     /* fit Platt pairs (libsvm's -b 1) */
    unsigned seed;
    int verbose;
    double nb_alpha;     /* liblinear: NBSVM log-count-ratio scaling with this smoothing (0 = off) */
    unsigned *platt_flipped; /* if set, += each class pair whose Platt slope came out ordered against its
                                decision values and fell back (tr_platt_order_guard()) */
} tr_opts;

/* Platt's P(+1 | f) = 1 / (1 + exp(a f + b)) must grow with the decision value f
 * (a < 0). On a handful of rows per class the held-out decision values of the
 * calibration folds can come out anti-correlated with the labels (a held-out
 * row's own class is short in its training folds), and a fit with a >= 0 would
 * turn the head's every decision around: a model wrong on all of its own
 * training rows. Such a pair falls back to the margin read as log-odds (a = -1)
 * and the pair's prior (b = log((n_neg + 1) / (n_pos + 1)), Platt's start).
 * Returns 1 when it fell back, else 0 (a and b untouched). */
int tr_platt_order_guard(double *a, double *b, double n_pos, double n_neg);

/* Train on examples @p rows (NULL = all) of @p d and collapse into @p h,
 * which must have d->n_labels labels and table_bits matching the features.
 * The head's labels are set in the solver's class order. */
int tr_train_head(const tr_data *d, const size_t *rows, size_t n_rows, const tr_opts *o, uint32_t table_bits,
                  stance_head *h, char *err, size_t errlen);

/* Train with libsvm and compare the collapsed head with libsvm on every
 * example of @p eval (NULL = @p d): max abs differences of decision values and
 * probabilities (the latter with libsvm's own Platt pairs: the head handed over
 * keeps tr_platt_order_guard()'s fallbacks). The collapsed head is handed over in @p keep (NULL = freed). */
int tr_check_collapse(const tr_data *d, const tr_data *eval, const tr_opts *o, uint32_t table_bits,
                      double *max_dec, double *max_prob, stance_head *keep, char *err, size_t errlen);

/* Stratified k-fold cross-validation, the rows of a calibration group in one
 * fold (without copies: the plain stratified deal); returns macro-F1 of the
 * out-of-fold votes. */
typedef void (*tr_progress_cb)(void *user, const char *msg);
int tr_cross_validate(const tr_data *d, const tr_opts *o, uint32_t table_bits, int k, double *macro_f1,
                      double *accuracy, tr_progress_cb cb, void *user, char *err, size_t errlen);

/* Scores for a confusion matrix cm[gold*k + pred]. */
typedef struct tr_scores {
    double accuracy, macro_f1, weighted_f1;
    double p[STANCE_MAX_LABELS], r[STANCE_MAX_LABELS], f1[STANCE_MAX_LABELS];
    size_t support[STANCE_MAX_LABELS], total;
} tr_scores;
void tr_scores_compute(const size_t *cm, size_t k, tr_scores *s);

/* Reliability of the top-label confidence: TR_CALIB_BINS equal-width bins over
 * [0, 1] (bin b holds confidences in [b/10, (b+1)/10), 1.0 in the last bin).
 * Expected calibration error = sum over bins of n_b / N * |accuracy_b - mean confidence_b|.
 * Zero-initialise, add one (confidence, correct) pair per prediction, then read. */
#define TR_CALIB_BINS 10
typedef struct tr_reliability {
    size_t n[TR_CALIB_BINS];        /* predictions in the bin */
    size_t correct[TR_CALIB_BINS];  /* of which the top label was the gold one */
    double conf[TR_CALIB_BINS];     /* sum of their confidences */
    size_t total;
} tr_reliability;
void tr_reliability_add(tr_reliability *r, double confidence, int correct);
/* ECE in [0, 1]; 0 for an empty table. */
double tr_reliability_ece(const tr_reliability *r);
/* The ECE a perfectly calibrated model shows on a table of this shape: each bin's
 * correct count drawn as Binomial(n_b, mean confidence of the bin), i.e. labels drawn
 * from the model's own probabilities. *mean is the exact expectation, *p95 the 95th
 * percentile of TR_FLOOR_DRAWS draws (fixed seed: same table, same figure). An ECE
 * near *mean is sampling noise; one above *p95 is unlikely to be. -1 when out of memory. */
#define TR_FLOOR_DRAWS 2000
int tr_reliability_ece_floor(const tr_reliability *r, double *mean, double *p95);

/* Copy @p h's weights/labels into a fresh head of @p m. */
int tr_model_add_head(stance_model *m, const char *name, const stance_head *h);
void tr_head_free(stance_head *h);
#endif
