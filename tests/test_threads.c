/* test_threads.c - one const model (and one compiled actor set) shared by 8
 * threads: every thread's results equal the single-threaded results of the
 * plain actor list, byte for byte, on a model used before and on a fresh one
 * whose first calls (which JIT-compile the quote patterns) all start at once.
 * Run under TSan in CI. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#define N_THREADS 8
#define ROUNDS 20

static const char *const articles[] = {
    "\"Governor Park failed this city and it is a disgrace,\" Mayor Ana Diaz said on Tuesday.\n\n"
    "\xe2\x80\x9cWe praised the team and we are proud of Park,\xe2\x80\x9d said Jo Lee.\n",
    "Council member Rui Tan spoke after the meeting.\n\n\"The meeting was scheduled for Tuesday,\" Tan said. "
    "\"Nobody blamed Diaz.\"\n",
    "No quotes here at all, only a plain sentence about a report.",
    "\"Unbalanced quote that never ends, said someone\n\n\"Another one,\" said Ana Diaz.",
};
#define N_ARTICLES (sizeof articles / sizeof *articles)

static const stance_model *model;
static const stance_actorset *shared_set;
static char *expected[N_ARTICLES];
static const char *const aliases[] = {"Park"};
static const stance_actor actors[] = {{"Governor Park", aliases, 1}, {"Ana Diaz", NULL, 0}};

/* Everything a result says, as text; %a keeps doubles exact. */
static char *render(const stance_result *res)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    for (size_t i = 0; i < stance_result_count(res); i++) {
        const stance_quote *q = stance_result_quote(res, i);
        fprintf(f, "q %zu %zu %d %s %zu %s|", q->span.start, q->span.end, (int)q->type,
                q->speaker ? q->speaker : "-", q->speaker_span.start, q->cue ? q->cue : "-");
        for (size_t k = 0; k < q->sentiment.n_labels; k++)
            fprintf(f, " %a", q->sentiment.probs[k]);
        for (size_t t = 0; t < stance_quote_target_count(q); t++) {
            fprintf(f, " T %s %d", stance_quote_target(q, t)->actor, (int)stance_quote_target(q, t)->where);
            for (size_t k = 0; k < stance_quote_target(q, t)->stance.n_labels; k++)
                fprintf(f, " %a", stance_quote_target(q, t)->stance.probs[k]);
            for (size_t k = 0; k < stance_quote_target(q, t)->stance.n_explain; k++)
                fprintf(f, " %s", stance_quote_target(q, t)->stance.explain[k].feature);
        }
        fputc('\n', f);
    }
    for (size_t i = 0; i < stance_result_entity_count(res); i++)
        fprintf(f, "e %s %zu\n", stance_result_entity(res, i)->name, stance_result_entity(res, i)->n_mentions);
    fclose(f);
    return buf;
}

/* With @p set NULL the call compiles the actor list itself. */
static char *classify_render(const char *text, stance_scratch *scratch, const stance_actorset *set)
{
    stance_input in = STANCE_INPUT_INIT;
    stance_options opt = STANCE_OPTIONS_INIT;
    stance_result *res = NULL;
    char *out;
    in.text = text;
    in.text_len = strlen(text);
    if (set)
        in.actor_set = set;
    else {
        in.actors = actors;
        in.n_actors = 2;
    }
    opt.explain = 2;
    opt.flags = STANCE_OPT_ALL_ACTORS;
    opt.scratch = scratch;
    if (stance_classify(model, &in, &opt, &res, NULL) != STANCE_OK)
        return NULL;
    out = render(res);
    stance_result_free(res);
    return out;
}

static pthread_barrier_t start;

static void *worker(void *arg)
{
    long id = (long)arg;
    stance_scratch *scratch = NULL;
    long mismatches = 0;
    pthread_barrier_wait(&start);
    /* Half the threads reuse a scratch, half let each call allocate its own;
     * threads 0, 1, 4, 5 pass the shared actor set, the others the list. */
    if (id % 2 == 0 && stance_scratch_new(&scratch, NULL) != STANCE_OK)
        return (void *)1L;
    for (int r = 0; r < ROUNDS; r++)
        for (size_t a = 0; a < N_ARTICLES; a++) {
            size_t k = (a + (size_t)id) % N_ARTICLES;
            char *got = classify_render(articles[k], scratch, id % 4 < 2 ? shared_set : NULL);
            if (!got || strcmp(got, expected[k]) != 0)
                mismatches++;
            free(got);
        }
    stance_scratch_free(scratch);
    return (void *)mismatches;
}

static void run_threads(void)
{
    pthread_t th[N_THREADS];
    assert_int_equal(pthread_barrier_init(&start, NULL, N_THREADS), 0);
    for (long i = 0; i < N_THREADS; i++)
        assert_int_equal(pthread_create(&th[i], NULL, worker, (void *)i), 0);
    for (long i = 0; i < N_THREADS; i++) {
        void *ret;
        assert_int_equal(pthread_join(th[i], &ret), 0);
        if ((long)ret != 0)
            fail_msg("thread %ld: %ld results differed from the single-threaded run", i, (long)ret);
    }
    pthread_barrier_destroy(&start);
}

static void test_threads_identical_results(void **state)
{
    size_t len;
    unsigned char *data = testutil_model_bytes(&len);
    stance_model *m = NULL;
    stance_actorset *set = NULL;
    (void)state;
    assert_int_equal(stance_model_open_buffer(data, len, &m, NULL), STANCE_OK);
    model = m;
    assert_int_equal(stance_actorset_new(m, actors, 2, 0, &set, NULL), STANCE_OK);
    shared_set = set;
    for (size_t a = 0; a < N_ARTICLES; a++) {
        char *with_set = classify_render(articles[a], NULL, set);
        expected[a] = classify_render(articles[a], NULL, NULL);
        assert_non_null(expected[a]);
        assert_non_null(with_set);
        assert_string_equal(with_set, expected[a]);
        free(with_set);
    }
    assert_non_null(strstr(expected[0], "Governor Park"));
    run_threads();
    stance_actorset_free(set);
    stance_model_free(m);
    /* A fresh model, first used by all threads at once. */
    m = NULL;
    set = NULL;
    assert_int_equal(stance_model_open_buffer(data, len, &m, NULL), STANCE_OK);
    model = m;
    assert_int_equal(stance_actorset_new(m, actors, 2, 0, &set, NULL), STANCE_OK);
    shared_set = set;
    run_threads();
    for (size_t a = 0; a < N_ARTICLES; a++)
        free(expected[a]);
    stance_actorset_free(set);
    stance_model_free(m);
    stance_free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_identical_results),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
