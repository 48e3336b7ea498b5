/* test_pathological.c - hostile texts at moderate sizes (tests/pathological.h):
 * each is classified without error and with a sensible result. Timing is
 * bench/bench-pathological's job (1 MB vs 8 MB); here only correctness. */
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
    stance_input in = STANCE_INPUT_INIT;
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
        for (size_t t = 0; t < stance_quote_target_count(q); t++)
            for (size_t k = 0; k < stance_quote_target(q, t)->n_mentions; k++)
                check_span(stance_quote_target(q, t)->mentions[k], size);
    }
    for (size_t i = 0; i < stance_result_entity_count(res); i++)
        for (size_t k = 0; k < stance_result_entity(res, i)->n_mentions; k++)
            check_span(stance_result_entity(res, i)->mentions[k], size);
    *text = buf;
    return res;
}

static void test_pathological_no_punctuation(void **state)
{
    char *text;
    stance_result *res = run(*state, "no_punct", 1 << 20, 0, &text);
    assert_int_equal(stance_result_count(res), 0);
    stance_result_free(res);
    free(text);
}

static void test_pathological_quote_marks(void **state)
{
    char *text;
    stance_result *res = run(*state, "quote_marks", 100000, 0, &text);
    /* Nothing but marks: no quote has any words in it. */
    for (size_t i = 0; i < stance_result_count(res); i++) {
        const stance_quote *q = stance_result_quote(res, i);
        for (size_t k = q->span.start; k < q->span.end; k++)
            assert_int_equal(text[k], '"');
    }
    stance_result_free(res);
    free(text);
}

static void test_pathological_many_quotes(void **state)
{
    static const char unit[] = PATHO_MANY_QUOTES_UNIT;
    size_t size = 5000 * (sizeof unit - 1);
    char *text;
    stance_result *res = run(*state, "many_quotes", size, 0, &text);
    assert_int_equal(stance_result_count(res), 5000);
    for (size_t i = 0; i < 5000; i++) {
        const stance_quote *q = stance_result_quote(res, i);
        assert_int_equal(q->span.start, i * (sizeof unit - 1) + 1);
        assert_non_null(q->speaker);
        assert_string_equal(q->speaker, "Jo Lee");
    }
    stance_result_free(res);
    free(text);
}

static void test_pathological_one_long_quote(void **state)
{
    char *text;
    size_t size = 256 << 10;
    stance_result *res = run(*state, "one_quote", size, 0, &text);
    /* One quote (or none, if the extractor caps a quote's length), never more. */
    assert_true(stance_result_count(res) <= 1);
    if (stance_result_count(res) == 1)
        assert_true(stance_result_quote(res, 0)->span.end - stance_result_quote(res, 0)->span.start > size / 2);
    stance_result_free(res);
    free(text);
}

static void test_pathological_nested_marks(void **state)
{
    char *text;
    stance_result *res = run(*state, "nested", 64 << 10, 0, &text);
    stance_result_free(res);
    free(text);
}

static void test_pathological_nul_bytes(void **state)
{
    static const char unit[] = PATHO_NUL_BYTES_UNIT;
    size_t n = 300, size = n * (sizeof unit - 1);
    char *text;
    stance_result *res = run(*state, "nul_bytes", size, 0, &text);
    assert_int_equal(stance_result_count(res), n);
    for (size_t i = 0; i < n; i++) {
        const stance_quote *q = stance_result_quote(res, i);
        assert_non_null(memchr(text + q->span.start, '\0', q->span.end - q->span.start));
        assert_non_null(q->speaker);
        /* "Ana Diaz." : a period before a NUL is not taken as the sentence's end */
        assert_true(strncmp(q->speaker, "Ana Diaz", 8) == 0);
        assert_true(q->sentiment.label >= 0);
    }
    stance_result_free(res);
    free(text);
}

static void test_pathological_many_mentions(void **state)
{
    static const char unit[] = PATHO_MENTIONS_UNIT;
    size_t n = 20000, size = n * (sizeof unit - 1);
    char *text;
    stance_result *res = run(*state, "mentions", size, 1, &text);
    assert_int_equal(stance_result_entity_count(res), 1);
    assert_int_equal(stance_result_entity(res, 0)->n_mentions, 2 * n);
    stance_result_free(res);
    free(text);
}

static void test_pathological_many_speakers(void **state)
{
    char *text;
    stance_result *res = run(*state, "speakers", 200 << 10, 0, &text);
    assert_true(stance_result_count(res) > 5000);
    stance_result_free(res);
    free(text);
}

/* Stray marks between attributed quotes in one paragraph: many quotes
 * inherit their speaker; every speaker found is the one in the text. */
static void test_pathological_inherit_one_paragraph(void **state)
{
    char *text;
    stance_result *res = run(*state, "inherit", 256 << 10, 0, &text);
    size_t n = stance_result_count(res), with_speaker = 0;
    assert_true(n > 1000);
    for (size_t i = 0; i < n; i++) {
        const stance_quote *q = stance_result_quote(res, i);
        if (q->speaker) {
            assert_string_equal(q->speaker, "Al Rey");
            with_speaker++;
        }
    }
    assert_true(with_speaker > n / 2);
    stance_result_free(res);
    free(text);
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
    stance_input in = STANCE_INPUT_INIT;
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
        cmocka_unit_test(test_pathological_no_punctuation), cmocka_unit_test(test_pathological_quote_marks),
        cmocka_unit_test(test_pathological_many_quotes),    cmocka_unit_test(test_pathological_one_long_quote),
        cmocka_unit_test(test_pathological_nested_marks),   cmocka_unit_test(test_pathological_nul_bytes),
        cmocka_unit_test(test_pathological_many_mentions),  cmocka_unit_test(test_pathological_many_speakers),
        cmocka_unit_test(test_pathological_inherit_one_paragraph),
    };
    return cmocka_run_group_tests(tests, testutil_group_open_model, testutil_group_free_model);
}
