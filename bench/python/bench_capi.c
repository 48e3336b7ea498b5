/*
 * bench_capi.c - the C API baseline for bench/python: the same calls the
 * Python benchmarks time (head lookup, predict on a short statement,
 * classify on a short article), in a plain C loop with one scratch.
 * Then the same classify loop on 1 and 2 POSIX threads sharing the model
 * (each with its own scratch): the C-level scaling the bindings can reach on
 * this machine right now.
 * Usage: bench_capi MODEL [N]   -> "name value" lines (ns per call; items/s).
 */
#include <pthread.h>
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

static const char mt_article[] = "\"Acme Corp is a disgrace and should resign,\" Maria Lopez said. "
                                 "The meeting lasted three hours.";

typedef struct mt_arg {
    const stance_model *model;
    long n;
    int failed;
} mt_arg;

static void *mt_worker(void *p)
{
    mt_arg *a = p;
    stance_scratch *scratch = NULL;
    stance_options opt;
    memset(&opt, 0, sizeof opt);
    opt.size = sizeof opt;
    if (stance_scratch_new(&scratch, NULL) != STANCE_OK) {
        a->failed = 1;
        return NULL;
    }
    opt.scratch = scratch;
    for (long i = 0; i < a->n; i++) {
        stance_input in;
        stance_result *res = NULL;
        memset(&in, 0, sizeof in);
        in.size = sizeof in;
        in.text = mt_article;
        in.text_len = sizeof mt_article - 1;
        if (stance_classify(a->model, &in, &opt, &res, NULL) != STANCE_OK)
            a->failed = 1;
        stance_result_free(res);
    }
    stance_scratch_free(scratch);
    return NULL;
}

/* items/s of nthreads threads classifying n items each. */
static double mt_rate(const stance_model *model, int nthreads, long n)
{
    pthread_t t[2];
    mt_arg a[2];
    double t0 = now();
    for (int i = 0; i < nthreads; i++) {
        a[i].model = model;
        a[i].n = n;
        a[i].failed = 0;
        pthread_create(&t[i], NULL, mt_worker, &a[i]);
    }
    for (int i = 0; i < nthreads; i++)
        pthread_join(t[i], NULL);
    return (double)(n * nthreads) / (now() - t0);
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
    opt.size = sizeof opt;
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
        st.size = sizeof st;
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
        in.size = sizeof in;
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
    {
        double cpu0 = (double)clock() / CLOCKS_PER_SEC, w0 = now(), r1, r2;
        r1 = mt_rate(model, 1, n / 4);
        printf("capi_threads1_items_per_s %.0f\n", r1);
        printf("capi_threads1_cpu_per_wall %.2f\n", ((double)clock() / CLOCKS_PER_SEC - cpu0) / (now() - w0));
        cpu0 = (double)clock() / CLOCKS_PER_SEC;
        w0 = now();
        r2 = mt_rate(model, 2, n / 4);
        printf("capi_threads2_items_per_s %.0f\n", r2);
        printf("capi_threads2_cpu_per_wall %.2f\n", ((double)clock() / CLOCKS_PER_SEC - cpu0) / (now() - w0));
    }
    stance_scratch_free(scratch);
    stance_model_free(model);
    return sink == 42 ? 3 : 0;
}
