/* bench_large.c - one stance_classify() call on one large text: CPU seconds, per MB,
 * and peak RSS growth over the loaded model, as a multiple of the text.
 *   make bench/bench-large && ./bench/bench-large MODEL TEXT
 * (python3 bench/large/gen_large.py MB > TEXT writes a synthetic text). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <sys/resource.h>
#include <stance.h>
int main(int argc, char **argv)
{
    stance_model *m; stance_error err; stance_result *r = NULL;
    stance_input in = STANCE_INPUT_INIT;
    FILE *f = NULL; size_t cap = 0, len = 0; char *t = NULL;
    struct timespec a, b; struct rusage ru0, ru;
    if (argc != 3) { fprintf(stderr, "usage: bench-large MODEL TEXT\n"); return 2; }
    if (stance_model_open(argv[1], &m, &err)) { fprintf(stderr, "%s\n", err.message); return 1; }
    if (!(f = fopen(argv[2], "rb"))) { perror(argv[2]); return 1; }
    fseek(f, 0, SEEK_END); cap = (size_t)ftell(f); rewind(f);
    t = malloc(cap); len = fread(t, 1, cap, f); fclose(f);
    getrusage(RUSAGE_SELF, &ru0);
    in.text = t; in.text_len = len;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
    if (stance_classify(m, &in, NULL, &r, &err)) { fprintf(stderr, "%s\n", err.message); return 1; }
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
    getrusage(RUSAGE_SELF, &ru);
    double s = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) * 1e-9;
    printf("%.2f MB  quotes %zu entities %zu  cpu %.2f s  %.3f s/MB  peak RSS %.0f MB (before call %.0f MB) = %.1fx text\n",
           len / 1e6, stance_result_count(r), stance_result_entity_count(r), s, s / (len / 1e6), ru.ru_maxrss / 1024.0,
           ru0.ru_maxrss / 1024.0, (ru.ru_maxrss - ru0.ru_maxrss) * 1024.0 / len);
    stance_result_free(r); stance_model_free(m); free(t);
    return 0;
}
