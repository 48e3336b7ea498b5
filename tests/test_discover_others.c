/* test_discover_others.c - STANCE_OPT_DISCOVER_OTHERS (since 0.2): the given
 * actors matched under their own names, with their sides and relations, and
 * the article's other actors discovered beside them, none of the given ones
 * twice; without the bit, the given actors alone; without actors, discovery.
 * On an article written for these tests. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static const char article[] =
    "Mayor Dana Whitfield defended the budget on Tuesday. \"This plan keeps every library open,\" "
    "Whitfield said.\n\n"
    "Council member Oren Castellano disagreed. \"Dana Whitfield is hiding the real costs,\" Castellano said. "
    "\"Whitfield has not been honest with voters.\"\n\n"
    "Lena Whitfield, the mayor's sister, said she was proud of her. \"Dana works harder than anyone,\" "
    "Lena Whitfield said.\n\n"
    "Treasurer Mirela Voss backed the plan. \"Oren Castellano never reads the numbers,\" Voss said.\n";

static const stance_actor watch[] = {{"Dana Whitfield", NULL, 0}, {"Oren Castellano", NULL, 0}};
static const char *const sides[] = {"Blue", "Red"};

static stance_result *run(const stance_model *m, const stance_actorset *set, size_t n_actors, unsigned flags)
{
    stance_input in = STANCE_INPUT_INIT;
    stance_options opt = STANCE_OPTIONS_INIT;
    stance_result *res = NULL;
    in.text = article;
    in.text_len = sizeof article - 1;
    if (set)
        in.actor_set = set;
    else if (n_actors) {
        in.actors = watch;
        in.n_actors = n_actors;
    }
    if (set || n_actors)
        in.actor_sides = sides;
    opt.flags = flags;
    assert_int_equal(stance_classify(m, &in, &opt, &res, NULL), STANCE_OK);
    return res;
}

/* The entity named @p name: its index, or -1; *@p count how many are so named. */
static long entity_named(const stance_result *res, const char *name, size_t *count)
{
    long at = -1;
    *count = 0;
    for (size_t i = 0; i < stance_result_entity_count(res); i++)
        if (!strcmp(stance_result_entity(res, i)->name, name)) {
            if (at < 0)
                at = (long)i;
            ++*count;
        }
    return at;
}

/* The target @p actor of the first quote of @p speaker that has it, or NULL. */
static const stance_target *target_of(const stance_result *res, const char *speaker, const char *actor)
{
    for (size_t i = 0; i < stance_result_count(res); i++) {
        const stance_quote *q = stance_result_quote(res, i);
        if (!q->speaker || strcmp(q->speaker, speaker))
            continue;
        for (size_t k = 0; k < stance_quote_target_count(q); k++)
            if (!strcmp(stance_quote_target(q, k)->actor, actor))
                return stance_quote_target(q, k);
    }
    return NULL;
}

/* The given actors first (their input_index, not discovered), the others after them. */
static void check_merged(const stance_result *res)
{
    size_t n;
    long i;
    const stance_entity *e;
    assert_true(stance_result_entity_count(res) >= 4);
    e = stance_result_entity(res, 0);
    assert_string_equal(e->name, "Dana Whitfield");
    assert_int_equal(e->discovered, 0);
    assert_int_equal(e->input_index, 0);
    e = stance_result_entity(res, 1);
    assert_string_equal(e->name, "Oren Castellano");
    assert_int_equal(e->input_index, 1);
    assert_int_equal(entity_named(res, "Dana Whitfield", &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(entity_named(res, "Oren Castellano", &n), 1);
    assert_int_equal(n, 1);
    assert_int_equal(entity_named(res, "Whitfield", &n), -1); /* the given actor's surname: no entity */
    assert_int_equal(entity_named(res, "Castellano", &n), -1);
    for (const char *other = "Lena Whitfield"; other; other = strcmp(other, "Mirela Voss") ? "Mirela Voss" : NULL) {
        assert_true((i = entity_named(res, other, &n)) >= 2);
        assert_int_equal(n, 1);
        e = stance_result_entity(res, (size_t)i);
        assert_int_equal(e->discovered, 1);
        assert_int_equal(e->input_index, -1);
    }
}

static void test_discover_others_list(void **state)
{
    stance_result *res = run(*state, NULL, 2, STANCE_OPT_DISCOVER_OTHERS);
    const stance_target *t;
    check_merged(res);
    /* sides apply to the given actors: Castellano (Red) on Whitfield (Blue) */
    assert_non_null(t = target_of(res, "Oren Castellano", "Dana Whitfield"));
    assert_int_equal(stance_target_relation(t), STANCE_RELATION_OPPOSITE_SIDE);
    /* a discovered speaker has no side: unknown, and a target of hers is scored */
    assert_non_null(t = target_of(res, "Mirela Voss", "Oren Castellano"));
    assert_int_equal(stance_target_relation(t), STANCE_RELATION_UNKNOWN);
    stance_result_free(res);
}

/* "Lena Whitfield" is not the given Dana Whitfield: her "Whitfield" is not Dana's mention. */
static void test_discover_others_same_surname(void **state)
{
    stance_result *res = run(*state, NULL, 2, STANCE_OPT_DISCOVER_OTHERS);
    size_t n;
    const stance_entity *dana = stance_result_entity(res, 0),
                        *lena = stance_result_entity(res, (size_t)entity_named(res, "Lena Whitfield", &n));
    assert_true(lena->n_mentions >= 2);
    for (size_t i = 0; i < dana->n_mentions; i++)
        for (size_t k = 0; k < lena->n_mentions; k++)
            assert_true(dana->mentions[i].end <= lena->mentions[k].start ||
                        lena->mentions[k].end <= dana->mentions[i].start);
    stance_result_free(res);
}

static void test_discover_others_set(void **state)
{
    stance_actorset *set = NULL;
    stance_result *a, *b;
    assert_int_equal(stance_actorset_new(*state, watch, 2, 0, &set, NULL), STANCE_OK);
    a = run(*state, set, 0, STANCE_OPT_DISCOVER_OTHERS);
    b = run(*state, NULL, 2, STANCE_OPT_DISCOVER_OTHERS);
    check_merged(a);
    assert_int_equal(stance_result_entity_count(a), stance_result_entity_count(b));
    for (size_t i = 0; i < stance_result_entity_count(a); i++)
        assert_string_equal(stance_result_entity(a, i)->name, stance_result_entity(b, i)->name);
    stance_result_free(a);
    stance_result_free(b);
    stance_actorset_free(set);
}

/* A discovered actor that is a given one hands it the name mentions the
 * caller's list does not match: here a Twitter handle. */
static void test_discover_others_handle(void **state)
{
    static const char text[] = "Mayor Dana Whitfield defended the budget on Tuesday. \"This plan keeps every "
                               "library open,\" Whitfield said.\nCouncil member Oren Castellano disagreed. "
                               "\"@DanaWhitfield is hiding the real costs,\" Castellano wrote on Twitter.\n";
    const size_t at = (size_t)(strstr(text, "@DanaWhitfield") - text);
    for (int bit = 0; bit < 2; bit++) {
        stance_input in = STANCE_INPUT_INIT;
        stance_options opt = STANCE_OPTIONS_INIT;
        stance_result *res = NULL;
        const stance_entity *e;
        int has = 0;
        in.text = text;
        in.text_len = sizeof text - 1;
        in.actors = watch;
        in.n_actors = 1;
        opt.flags = bit ? STANCE_OPT_DISCOVER_OTHERS : 0;
        assert_int_equal(stance_classify(*state, &in, &opt, &res, NULL), STANCE_OK);
        e = stance_result_entity(res, 0);
        assert_string_equal(e->name, "Dana Whitfield");
        for (size_t i = 0; i < e->n_mentions; i++)
            has |= e->mentions[i].start == at;
        assert_int_equal(has, bit);
        assert_int_equal(stance_result_entity_count(res), bit ? 2 : 1); /* and Oren Castellano */
        stance_result_free(res);
    }
}

/* "The Dana Whitfield campaign": a given name with more words after it
 * names another entity, which keeps that mention; the given actor keeps
 * the rest. */
static void test_discover_others_campaign(void **state)
{
    static const char text[] = "Mayor Dana Whitfield defended the budget on Tuesday. \"This plan keeps every "
                               "library open,\" Whitfield said.\nThe Dana Whitfield campaign said the figures "
                               "were sound. \"The Whitfield campaign stands by every number,\" a spokesman said.\n";
    const size_t at = (size_t)(strstr(text, "Dana Whitfield campaign") - text);
    stance_input in = STANCE_INPUT_INIT;
    stance_options opt = STANCE_OPTIONS_INIT;
    stance_result *res = NULL;
    const stance_entity *dana, *camp;
    size_t n;
    long k;
    in.text = text;
    in.text_len = sizeof text - 1;
    in.actors = watch;
    in.n_actors = 1;
    opt.flags = STANCE_OPT_DISCOVER_OTHERS;
    assert_int_equal(stance_classify(*state, &in, &opt, &res, NULL), STANCE_OK);
    dana = stance_result_entity(res, 0);
    assert_true((k = entity_named(res, "Whitfield campaign", &n)) >= 1);
    camp = stance_result_entity(res, (size_t)k);
    assert_int_equal(camp->discovered, 1);
    assert_true(camp->n_mentions >= 1);
    assert_int_equal(camp->mentions[0].start, at);
    assert_true(dana->n_mentions >= 2);
    for (size_t i = 0; i < dana->n_mentions; i++)
        assert_true(dana->mentions[i].end <= at || dana->mentions[i].start >= camp->mentions[0].end);
    stance_result_free(res);
}

/* "Berg" alone, two given persons of that surname and neither named in
 * full: the list cannot say which, and the discovered "Berg" stays; with
 * one given Berg, "Berg" is hers and no entity of its own. */
static void test_discover_others_shared_surname(void **state)
{
    static const char text[] = "Berg defended the budget on Tuesday. \"This plan keeps every library open,\" "
                               "Berg said.\nCouncil member Oren Castellano disagreed. \"Berg is hiding the real "
                               "costs,\" Castellano said.\n";
    static const stance_actor bergs[] = {{"Anna Berg", NULL, 0}, {"Lars Berg", NULL, 0}};
    for (size_t n = 1; n <= 2; n++) {
        stance_input in = STANCE_INPUT_INIT;
        stance_options opt = STANCE_OPTIONS_INIT;
        stance_result *res = NULL;
        size_t count;
        long at;
        in.text = text;
        in.text_len = sizeof text - 1;
        in.actors = bergs;
        in.n_actors = n;
        opt.flags = STANCE_OPT_DISCOVER_OTHERS;
        assert_int_equal(stance_classify(*state, &in, &opt, &res, NULL), STANCE_OK);
        at = entity_named(res, "Berg", &count);
        if (n == 1) {
            assert_int_equal(at, -1);
            assert_int_equal(stance_result_entity(res, 0)->n_mentions, 3);
        } else {
            assert_true(at >= 2);
            assert_int_equal(stance_result_entity(res, (size_t)at)->discovered, 1);
            assert_int_equal(stance_result_entity(res, 0)->n_mentions, 0);
        }
        stance_result_free(res);
    }
}

/* Without the bit the given actors alone; with it and no actors, discovery as without it. */
static void test_discover_others_off(void **state)
{
    stance_result *res = run(*state, NULL, 2, 0), *d0, *d1;
    size_t n;
    assert_int_equal(stance_result_entity_count(res), 2);
    assert_int_equal(entity_named(res, "Lena Whitfield", &n), -1);
    stance_result_free(res);
    d0 = run(*state, NULL, 0, 0);
    d1 = run(*state, NULL, 0, STANCE_OPT_DISCOVER_OTHERS);
    assert_true(stance_result_entity_count(d0) >= 4);
    assert_int_equal(stance_result_entity_count(d0), stance_result_entity_count(d1));
    for (size_t i = 0; i < stance_result_entity_count(d0); i++) {
        assert_string_equal(stance_result_entity(d0, i)->name, stance_result_entity(d1, i)->name);
        assert_int_equal(stance_result_entity(d1, i)->discovered, 1);
    }
    assert_int_equal(stance_result_count(d0), stance_result_count(d1));
    stance_result_free(d0);
    stance_result_free(d1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_discover_others_list),
        cmocka_unit_test(test_discover_others_same_surname),
        cmocka_unit_test(test_discover_others_set),
        cmocka_unit_test(test_discover_others_handle),
        cmocka_unit_test(test_discover_others_shared_surname),
        cmocka_unit_test(test_discover_others_campaign),
        cmocka_unit_test(test_discover_others_off),
    };
    return cmocka_run_group_tests(tests, testutil_group_open_model, testutil_group_free_model);
}
