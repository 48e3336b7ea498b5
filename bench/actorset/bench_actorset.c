/* bench_actorset.c - CPU time of stance_classify() on one short article with
 * the actors passed as a list (compiled on every call) against a compiled
 * stance_actorset (compiled once), in interleaved blocks so both see the same
 * machine load. Prints per-call CPU microseconds and their ratio.
 *   bench/bench-actorset MODEL ARTICLE.txt [ROUNDS] [NAME|ALIAS ...]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <stance.h>

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int run(const stance_model *m, const stance_input *in, const stance_options *opt, long n, size_t *quotes)
{
    for (long i = 0; i < n; i++) {
        stance_result *res = NULL;
        stance_error err;
        if (stance_classify(m, in, opt, &res, &err) != STANCE_OK) {
            fprintf(stderr, "bench-actorset: %s\n", err.message);
            return 1;
        }
        *quotes += stance_result_count(res);
        stance_result_free(res);
    }
    return 0;
}

int main(int argc, char **argv)
{
    static const char *default_actors[] = {"Tom Park|Governor Park|Park", "Elena Diaz|Mayor Diaz", "Priya Shah"};
    stance_model *m = NULL;
    stance_actorset *set = NULL;
    stance_scratch *scratch = NULL;
    stance_actor actors[64];
    const char *aliases[64][8];
    char *specs[64];
    stance_input list = STANCE_INPUT_INIT, compiled = STANCE_INPUT_INIT;
    stance_options opt = STANCE_OPTIONS_INIT;
    stance_error err;
    static char text[1 << 20];
    size_t len, n_actors = 0, ql = 0, qs = 0;
    long rounds = argc > 3 ? atol(argv[3]) : 20, block = 50;
    double t_list = 0, t_set = 0;
    FILE *f;
    if (argc < 3) {
        fprintf(stderr, "usage: bench-actorset MODEL ARTICLE.txt [ROUNDS] [NAME|ALIAS ...]\n");
        return 2;
    }
    if (!(f = fopen(argv[2], "rb")))
        return 1;
    len = fread(text, 1, sizeof text, f);
    fclose(f);
    for (int i = 0; i < (argc > 4 ? argc - 4 : 3) && n_actors < 64; i++) {
        char *spec = strdup(argc > 4 ? argv[4 + i] : default_actors[i]), *p = spec, *bar;
        size_t k = 0;
        specs[n_actors] = spec;
        if ((bar = strchr(p, '|')))
            *bar = 0;
        actors[n_actors].name = p;
        while (bar && k < 8) {
            p = bar + 1;
            if ((bar = strchr(p, '|')))
                *bar = 0;
            aliases[n_actors][k++] = p;
        }
        actors[n_actors].aliases = aliases[n_actors];
        actors[n_actors].n_aliases = k;
        n_actors++;
    }
    if (stance_model_open(argv[1], &m, &err) || stance_scratch_new(&scratch, &err) ||
        stance_actorset_new(m, actors, n_actors, 0, &set, &err)) {
        fprintf(stderr, "bench-actorset: %s\n", err.message);
        return 1;
    }
    opt.scratch = scratch;
    list.text = compiled.text = text;
    list.text_len = compiled.text_len = len;
    list.actors = actors;
    list.n_actors = n_actors;
    compiled.actor_set = set;
    if (run(m, &list, &opt, 5, &ql) || run(m, &compiled, &opt, 5, &qs)) /* warm up */
        return 1;
    for (long r = 0; r < rounds; r++) {
        double t0 = cpu_now();
        if (run(m, &list, &opt, block, &ql))
            return 1;
        t_list += cpu_now() - t0;
        t0 = cpu_now();
        if (run(m, &compiled, &opt, block, &qs))
            return 1;
        t_set += cpu_now() - t0;
    }
    printf("article %zu bytes, %zu actors, %ld calls each (interleaved blocks of %ld)\n", len, n_actors,
           rounds * block, block);
    printf("actors as a list (compiled per call): %8.1f us CPU per call\n", t_list / (double)(rounds * block) * 1e6);
    printf("compiled stance_actorset:             %8.1f us CPU per call\n", t_set / (double)(rounds * block) * 1e6);
    printf("ratio list / set: %.2f (quotes seen %zu / %zu)\n", t_list / t_set, ql, qs);
    stance_actorset_free(set);
    stance_scratch_free(scratch);
    stance_model_free(m);
    for (size_t i = 0; i < n_actors; i++)
        free(specs[i]);
    return ql == qs ? 0 : 1;
}
