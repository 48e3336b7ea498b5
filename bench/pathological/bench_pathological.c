/* bench_pathological.c - time per MB of stance_classify() on hostile texts
 * (tests/pathological.h) at two sizes, so quadratic behaviour shows as a
 * ratio: linear work gives (s/MB at the large size) / (s/MB at the small
 * size) close to 1; quadratic work gives about large/small.
 *
 *   bench/bench-pathological [-s SMALL_MB] [-l LARGE_MB] [-b BUDGET_S] [-r REPS] [-c CASE]
 *
 * Defaults 1 MB and 8 MB, best of 3 runs (REPS) each. A case whose small run predicts more than BUDGET_S
 * (default 120) seconds at the large size if it were quadratic runs at 2x
 * the small size instead, and is flagged.
 * Model: the deterministic test model (tests/testutil.c), so the figures
 * measure the pipeline, not a particular trained model. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pathological.h"
#include "testutil.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int reps = 3;

/* Classify @p size bytes of case @p c, best of reps runs; returns seconds, or -1 on error. */
static double run(const stance_model *m, const patho_case *c, size_t size, size_t *quotes)
{
    double best = -1;
    char *buf = malloc(size);
    stance_input in = STANCE_INPUT_INIT;
    stance_result *res = NULL;
    stance_error err;
    double t0, t1;
    int rc;
    if (!buf)
        return -1;
    c->fill(buf, size);
    in.text = buf;
    in.text_len = size;
    in.actors = c->n_actors ? patho_actors(c->n_actors) : NULL;
    in.n_actors = c->n_actors;
    for (int r = 0; r < reps; r++) {
        t0 = now();
        rc = stance_classify(m, &in, NULL, &res, &err);
        t1 = now();
        if (rc != STANCE_OK) {
            fprintf(stderr, "%s: %s: %s\n", c->name, stance_strerror(rc), err.message);
            free(buf);
            return -1;
        }
        *quotes = stance_result_count(res);
        stance_result_free(res);
        res = NULL;
        if (best < 0 || t1 - t0 < best)
            best = t1 - t0;
        if (t1 - t0 > 10) /* one slow run tells enough */
            break;
    }
    free(buf);
    return best;
}

int main(int argc, char **argv)
{
    double small_mb = 1, large_mb = 8, budget = 120;
    const char *only = NULL;
    unsigned char *bytes;
    size_t len;
    stance_model *m = NULL;
    int o, bad = 0;
    while ((o = getopt(argc, argv, "s:l:b:r:c:")) != -1) {
        switch (o) {
        case 's': small_mb = atof(optarg); break;
        case 'l': large_mb = atof(optarg); break;
        case 'b': budget = atof(optarg); break;
        case 'c': only = optarg; break;
        case 'r': reps = atoi(optarg) > 0 ? atoi(optarg) : 1; break;
        default:
            fprintf(stderr, "usage: %s [-s SMALL_MB] [-l LARGE_MB] [-b BUDGET_S] [-r REPS] [-c CASE]\n", argv[0]);
            return 2;
        }
    }
    bytes = testutil_model_bytes(&len);
    if (stance_model_open_buffer(bytes, len, &m, NULL) != STANCE_OK) {
        fprintf(stderr, "cannot open the test model\n");
        return 1;
    }
    stance_free(bytes);
    printf("%-12s %8s %9s %9s %8s %9s %9s %8s  %s\n", "case", "small MB", "s", "s/MB", "quotes", "large MB", "s",
           "s/MB", "ratio");
    for (size_t i = 0; i < PATHO_N_CASES; i++) {
        const patho_case *c = &patho_cases[i];
        size_t qs = 0, ql = 0;
        double ts, tl, lmb = large_mb, ratio;
        const char *note = "";
        if (only && strcmp(only, c->name) != 0)
            continue;
        ts = run(m, c, (size_t)(small_mb * 1048576), &qs);
        if (ts < 0) {
            bad = 1;
            continue;
        }
        if (ts * (large_mb / small_mb) * (large_mb / small_mb) > budget) {
            lmb = small_mb * 2;
            note = " (large size cut to 2x: quadratic would exceed the budget)";
        }
        tl = run(m, c, (size_t)(lmb * 1048576), &ql);
        if (tl < 0) {
            bad = 1;
            continue;
        }
        ratio = (tl / lmb) / (ts > 0 ? ts / small_mb : 1e-9);
        printf("%-12s %8.2f %9.4f %9.4f %8zu %9.2f %9.4f %8.4f  %.2f %s%s\n", c->name, small_mb, ts, ts / small_mb, qs,
               lmb, tl, tl / lmb, ratio, ratio < 1.5 ? "linear" : "SUPERLINEAR", note);
        fflush(stdout);
    }
    stance_model_free(m);
    return bad;
}
