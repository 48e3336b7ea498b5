/* test_many_actors.c - the documented actor limits must hold: a call with
 * STANCE_MAX_ACTORS actors (4096, each with aliases up to STANCE_MAX_ALIASES)
 * is accepted, and a thousand actors over a hostile text work.
 *
 * (Regression: lib/actors.c once compiled all names and aliases into one PCRE2
 * alternation, which exceeded PCRE2's compiled-pattern size below 1000 actors
 * and returned STANCE_ERR_INTERNAL "regular expression is too large".)
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "pathological.h"
#include "testutil.h"

static int setup(void **state)
{
    size_t len;
    unsigned char *data = testutil_model_bytes(&len);
    stance_model *m = NULL;
    int rc = stance_model_open_buffer(data, len, &m, NULL);
    stance_free(data);
    *state = m;
    return rc;
}

static int teardown(void **state)
{
    stance_model_free(*state);
    return 0;
}

static const patho_case *find_case(const char *name)
{
    for (size_t i = 0; i < PATHO_N_CASES; i++)
        if (strcmp(patho_cases[i].name, name) == 0)
            return &patho_cases[i];
    fail_msg("no case %s", name);
    return NULL;
}

static void check_span(stance_span s, size_t len)
{
    assert_true(s.start <= s.end);
    assert_true(s.end <= len);
}

/* Classify @p size bytes of case @p name with @p n_actors actors; checks the
 * result is well-formed and returns it (with the text in *text). */
static stance_result *run(const stance_model *m, const char *name, size_t size, size_t n_actors, char **text)
{
    const patho_case *c = find_case(name);
    char *buf = malloc(size);
    stance_input in = {0};
    stance_result *res = NULL;
    stance_error err;
    int rc;
    assert_non_null(buf);
    c->fill(buf, size);
    in.text = buf;
    in.text_len = size;
    in.actors = n_actors ? patho_actors(n_actors) : NULL;
    in.n_actors = n_actors;
    rc = stance_classify(m, &in, NULL, &res, &err);
    if (rc != STANCE_OK) {
        free(buf); /* fail_msg does not return */
        fail_msg("%s (%zu bytes): %s: %s", name, size, stance_strerror(rc), err.message);
    }
    for (size_t i = 0; i < stance_result_count(res); i++) {
        const stance_quote *q = stance_result_quote(res, i);
        check_span(q->span, size);
        if (i)
            assert_true(stance_result_quote(res, i - 1)->span.start <= q->span.start);
        for (size_t t = 0; t < q->n_targets; t++)
            for (size_t k = 0; k < q->targets[t].n_mentions; k++)
                check_span(q->targets[t].mentions[k], size);
    }
    for (size_t i = 0; i < stance_result_entity_count(res); i++)
        for (size_t k = 0; k < stance_result_entity(res, i)->n_mentions; k++)
            check_span(stance_result_entity(res, i)->mentions[k], size);
    *text = buf;
    return res;
}

static void test_pathological_many_actors(void **state)
{
    char *text;
    size_t n = 1000;
    stance_result *res = run(*state, "actors", 64 << 10, n, &text);
    int seen = 0;
    assert_int_equal(stance_result_entity_count(res), n);
    for (size_t i = 0; i < n; i++) {
        const stance_entity *e = stance_result_entity(res, i);
        assert_int_equal(e->input_index, (int)i);
        if (strcmp(e->name, "Person 17") == 0 || strcmp(e->name, "Person 99") == 0)
            seen += e->n_mentions > 0;
        else if (strcmp(e->name, "Person 1") == 0 || strcmp(e->name, "Person 9") == 0)
            assert_int_equal(e->n_mentions, 0); /* prefixes of other names are not mentions */
    }
    assert_int_equal(seen, 2);
    stance_result_free(res);
    free(text);
}

static void test_many_actors_limit_accepted(void **state)
{
    const stance_model *m = *state;
    static const char text[] = "\"Person 17 failed the city,\" said Person 4000.";
    stance_input in = {0};
    stance_result *res = NULL;
    stance_error err;
    int rc;
    in.text = text;
    in.text_len = sizeof text - 1;
    in.actors = patho_actors(STANCE_MAX_ACTORS);
    in.n_actors = STANCE_MAX_ACTORS;
    rc = stance_classify(m, &in, NULL, &res, &err);
    if (rc != STANCE_OK)
        fail_msg("%d actors: %s: %s", STANCE_MAX_ACTORS, stance_strerror(rc), err.message);
    assert_int_equal(stance_result_entity_count(res), STANCE_MAX_ACTORS);
    stance_result_free(res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_many_actors_limit_accepted),
        cmocka_unit_test(test_pathological_many_actors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
