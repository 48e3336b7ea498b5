/*
 * bench_classify.c - article classification throughput, model load time and
 * peak memory. Baseline in the same run: PCRE2's UTF-8 validation of the same
 * bytes (the least any classifier must do), so the figure travels across machines
 * as a ratio.
 *
 *   bench-classify MODEL CORPUS [ROUNDS]
 * CORPUS is a JSONL file with a "text" field per line (e.g. PolNeAR dev) or a
 * plain text file (one article).
 */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "model.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

typedef struct doc {
    char *text;
    size_t len;
} doc;

static doc *load_corpus(const char *path, size_t *n_docs, size_t *bytes)
{
    FILE *f = fopen(path, "rb");
    doc *docs = NULL;
    size_t n = 0, cap = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t got;
    int jsonl = strlen(path) > 6 && strcmp(path + strlen(path) - 6, ".jsonl") == 0;
    *bytes = 0;
    if (!f) {
        perror(path);
        exit(1);
    }
    if (!jsonl) {
        static char buf[1 << 22];
        size_t len = fread(buf, 1, sizeof buf, f);
        docs = calloc(1, sizeof *docs);
        docs[0].text = malloc(len + 1);
        memcpy(docs[0].text, buf, len);
        docs[0].len = len;
        *bytes = len;
        *n_docs = 1;
        fclose(f);
        return docs;
    }
    while ((got = getline(&line, &lcap, f)) > 0) {
        json_t *o = json_loadb(line, (size_t)got, 0, NULL), *t;
        if (!o)
            continue;
        t = json_object_get(o, "text");
        if (json_is_string(t)) {
            if (n == cap) {
                cap = cap ? cap * 2 : 256;
                docs = realloc(docs, cap * sizeof *docs);
            }
            docs[n].len = json_string_length(t);
            docs[n].text = malloc(docs[n].len + 1);
            memcpy(docs[n].text, json_string_value(t), docs[n].len);
            *bytes += docs[n].len;
            n++;
        }
        json_decref(o);
    }
    free(line);
    fclose(f);
    *n_docs = n;
    return docs;
}

int main(int argc, char **argv)
{
    const char *model_path, *corpus;
    int rounds;
    size_t n_docs, bytes, n_quotes = 0, n_targets = 0;
    doc *docs;
    unsigned char *mbuf;
    size_t msize = 0;
    double load[21], t0, t_base, t_cls;
    stance_model *model = NULL;
    stance_options opt = STANCE_OPTIONS_INIT;
    stance_error err;
    struct rusage ru;
    FILE *mf;

    if (argc < 3) {
        fprintf(stderr, "usage: bench-classify MODEL CORPUS [ROUNDS]\n");
        return 2;
    }
    model_path = argv[1];
    corpus = argv[2];
    rounds = argc > 3 ? atoi(argv[3]) : 5;
    docs = load_corpus(corpus, &n_docs, &bytes);

    /* Model load: read the file once, then time open_buffer (parse, validate, compile patterns). */
    mf = fopen(model_path, "rb");
    if (!mf) {
        perror(model_path);
        return 1;
    }
    fseek(mf, 0, SEEK_END);
    msize = (size_t)ftell(mf);
    fseek(mf, 0, SEEK_SET);
    mbuf = malloc(msize);
    if (fread(mbuf, 1, msize, mf) != msize)
        return 1;
    fclose(mf);
    for (int i = 0; i < 21; i++) {
        stance_model *m = NULL;
        t0 = now();
        if (stance_model_open_buffer(mbuf, msize, &m, &err)) {
            fprintf(stderr, "bench: %s\n", err.message);
            return 1;
        }
        load[i] = now() - t0;
        stance_model_free(m);
    }
    qsort(load, 21, sizeof *load, cmp_double);
    t0 = now();
    if (stance_model_open(model_path, &model, &err)) {
        fprintf(stderr, "bench: %s\n", err.message);
        return 1;
    }
    {
        double t_open_file = now() - t0;
        printf("model %s: %zu bytes; load from buffer median %.2f ms (min %.2f, max %.2f); open from file %.2f ms\n",
               model_path, msize, load[10] * 1e3, load[0] * 1e3, load[20] * 1e3, t_open_file * 1e3);
    }

    /* Baseline: UTF-8 validation of the same bytes. */
    t0 = now();
    for (int r = 0; r < rounds; r++)
        for (size_t d = 0; d < n_docs; d++)
            if (stance_utf8_check_with(model->utf8, model->gctx, docs[d].text, docs[d].len, NULL))
                return 1;
    t_base = now() - t0;

    stance_scratch_new(&opt.scratch, NULL);
    t0 = now();
    for (int r = 0; r < rounds; r++)
        for (size_t d = 0; d < n_docs; d++) {
            stance_input in = STANCE_INPUT_INIT;
            stance_result *res = NULL;
            in.text = docs[d].text;
            in.text_len = docs[d].len;
            if (stance_classify(model, &in, &opt, &res, &err)) {
                fprintf(stderr, "bench: doc %zu: %s\n", d, err.message);
                return 1;
            }
            if (r == 0) {
                n_quotes += stance_result_count(res);
                for (size_t q = 0; q < stance_result_count(res); q++)
                    n_targets += stance_quote_target_count(stance_result_quote(res, q));
            }
            stance_result_free(res);
        }
    t_cls = now() - t0;
    getrusage(RUSAGE_SELF, &ru);
    {
        double mb = (double)bytes * rounds / 1e6;
        printf("corpus %s: %zu docs, %.2f MB, %zu quotes, %zu (quote, actor) stances per pass; %d passes\n", corpus,
               n_docs, bytes / 1e6, n_quotes, n_targets, rounds);
        printf("baseline utf-8 validation: %.1f MB/s\n", mb / t_base);
        printf("classify (one thread, discovered actors): %.2f MB/s, %.0f docs/s, %.0f quotes/s\n", mb / t_cls,
               n_docs * rounds / t_cls, n_quotes * rounds / t_cls);
        printf("ratio classify/baseline throughput: %.4f\n", t_base / t_cls);
        printf("peak RSS: %.1f MB\n", ru.ru_maxrss / 1024.0);
    }
    stance_scratch_free(opt.scratch);
    stance_model_free(model);
    for (size_t d = 0; d < n_docs; d++)
        free(docs[d].text);
    free(docs);
    free(mbuf);
    return 0;
}
