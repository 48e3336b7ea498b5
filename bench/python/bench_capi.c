/*
 * bench_capi.c - the C API baseline for bench/python: the same calls the
 * Python benchmarks time (head lookup, predict on a short statement,
 * classify on a short article), in a plain C loop with one scratch.
 * Usage: bench_capi MODEL [N]   -> "name ns_per_call" lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stance.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    static const char article[] = "\"Acme Corp is a disgrace and should resign,\" Maria Lopez said. "
                                  "The meeting lasted three hours.";
    static const char statement[] = "Acme Corp deserves credit for the new bridge";
    stance_model *model = NULL;
    stance_error err;
    stance_scratch *scratch = NULL;
    stance_options opt;
    long n = argc > 2 ? atol(argv[2]) : 200000;
    volatile int sink = 0;
    double t0;
    int rc;
    if (argc < 2) {
        fprintf(stderr, "usage: bench_capi MODEL [N]\n");
        return 2;
    }
    rc = stance_model_open(argv[1], &model, &err);
    if (rc != STANCE_OK) {
        fprintf(stderr, "bench_capi: %s\n", err.message);
        return 1;
    }
    if (stance_scratch_new(&scratch, &err) != STANCE_OK)
        return 1;
    memset(&opt, 0, sizeof opt);
    opt.scratch = scratch;

    t0 = now();
    for (long i = 0; i < n; i++)
        sink += stance_model_head_find(model, "sentiment");
    printf("head_find %.1f\n", (now() - t0) / (double)n * 1e9);

    t0 = now();
    for (long i = 0; i < n; i++) {
        stance_statement st;
        stance_prediction *p = NULL;
        memset(&st, 0, sizeof st);
        st.text = statement;
        st.text_len = sizeof statement - 1;
        st.target = "Acme Corp";
        st.target_len = 9;
        if (stance_predict(model, 0, &st, &opt, &p, &err) != STANCE_OK)
            return 1;
        sink += stance_prediction_decision(p)->label;
        stance_prediction_free(p);
    }
    printf("predict %.1f\n", (now() - t0) / (double)n * 1e9);

    t0 = now();
    for (long i = 0; i < n / 4; i++) {
        stance_input in;
        stance_actor actor = {"Acme Corp", NULL, 0};
        stance_result *res = NULL;
        memset(&in, 0, sizeof in);
        in.text = article;
        in.text_len = sizeof article - 1;
        in.actors = &actor;
        in.n_actors = 1;
        if (stance_classify(model, &in, &opt, &res, &err) != STANCE_OK)
            return 1;
        sink += (int)stance_result_count(res);
        stance_result_free(res);
    }
    printf("classify %.1f\n", (now() - t0) / (double)(n / 4) * 1e9);
    stance_scratch_free(scratch);
    stance_model_free(model);
    return sink == 42 ? 3 : 0;
}
