/* test_mentioned_only.c - STANCE_OPT_MENTIONED_ONLY (since 0.2): a watch
 * list's actors the article does not mention are left out of the result's
 * entities; the kept ones stay in order with their input_index, the targets'
 * entity indices follow them, and quotes, targets, stances and relations are
 * those of a call without the bit. On articles written for these tests. */
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
    "Council member Oren Castellano disagreed. \"Dana Whitfield is hiding the real costs,\" Castellano said.\n\n"
    "Treasurer Mirela Voss backed the plan. \"Oren Castellano never reads the numbers,\" Voss said.\n";

/* Two listed actors the article never names, before and between the two it does. */
static const stance_actor watch[] = {
    {"Quinton Barlowe", NULL, 0}, {"Dana Whitfield", NULL, 0}, {"Marisol Ferrante", NULL, 0}, {"Oren Castellano", NULL, 0}};
static const char *const sides[] = {"Red", "Blue", "Blue", "Red"};

static stance_result *run_text(const stance_model *m, const char *text, const stance_actorset *set, size_t n_actors,
                               unsigned flags)
{
    stance_input in = STANCE_INPUT_INIT;
    stance_options opt = STANCE_OPTIONS_INIT;
    stance_result *res = NULL;
    in.text = text;
    in.text_len = strlen(text);
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

static stance_result *run(const stance_model *m, const stance_actorset *set, size_t n_actors, unsigned flags)
{
    return run_text(m, article, set, n_actors, flags);
}

/* @p b (with the bit) has @p a's quotes and targets, each target's entity the
 * entity of its name, and every target's stance and relation as in @p a. */
static void check_same_targets(const stance_result *a, const stance_result *b)
{
    size_t n = 0;
    assert_int_equal(stance_result_count(a), stance_result_count(b));
    for (size_t i = 0; i < stance_result_count(a); i++) {
        const stance_quote *qa = stance_result_quote(a, i), *qb = stance_result_quote(b, i);
        assert_int_equal(stance_quote_target_count(qa), stance_quote_target_count(qb));
        for (size_t k = 0; k < stance_quote_target_count(qa); k++) {
            const stance_target *ta = stance_quote_target(qa, k), *tb = stance_quote_target(qb, k);
            assert_string_equal(ta->actor, tb->actor);
            assert_true(tb->entity < stance_result_entity_count(b));
            assert_string_equal(stance_result_entity(b, tb->entity)->name, tb->actor);
            assert_ptr_equal(stance_result_entity(b, tb->entity)->name, tb->actor);
            assert_int_equal(ta->stance.label, tb->stance.label);
            assert_true(ta->stance.confidence == tb->stance.confidence);
            assert_int_equal(stance_target_relation(ta), stance_target_relation(tb));
            n++;
        }
    }
    assert_true(n > 0); /* the article's quotes do target listed actors */
}

static void test_mentioned_only_list(void **state)
{
    stance_result *all = run(*state, NULL, 4, 0), *res = run(*state, NULL, 4, STANCE_OPT_MENTIONED_ONLY);
    const stance_entity *e;
    assert_int_equal(stance_result_entity_count(all), 4); /* as in 0.1: every given actor */
    assert_int_equal(stance_result_entity_count(res), 2);
    e = stance_result_entity(res, 0);
    assert_string_equal(e->name, "Dana Whitfield");
    assert_int_equal(e->input_index, 1);
    assert_int_equal(e->discovered, 0);
    assert_true(e->n_mentions > 0 && stance_entity_mention_count(e) >= e->n_mentions);
    e = stance_result_entity(res, 1);
    assert_string_equal(e->name, "Oren Castellano");
    assert_int_equal(e->input_index, 3);
    /* the kept entities' mentions are those of the call without the bit */
    assert_int_equal(stance_entity_mention_count(e), stance_entity_mention_count(stance_result_entity(all, 3)));
    assert_int_equal(e->mentions[0].start, stance_result_entity(all, 3)->mentions[0].start);
    check_same_targets(all, res);
    stance_result_free(all);
    stance_result_free(res);
}

/* A compiled actor set gives what the list gives. */
static void test_mentioned_only_set(void **state)
{
    stance_actorset *set = NULL;
    stance_result *a, *b;
    assert_int_equal(stance_actorset_new(*state, watch, 4, 0, &set, NULL), STANCE_OK);
    a = run(*state, set, 0, STANCE_OPT_MENTIONED_ONLY);
    b = run(*state, NULL, 4, STANCE_OPT_MENTIONED_ONLY);
    assert_int_equal(stance_result_entity_count(a), 2);
    assert_int_equal(stance_result_entity_count(a), stance_result_entity_count(b));
    for (size_t i = 0; i < stance_result_entity_count(a); i++) {
        assert_string_equal(stance_result_entity(a, i)->name, stance_result_entity(b, i)->name);
        assert_int_equal(stance_result_entity(a, i)->input_index, stance_result_entity(b, i)->input_index);
    }
    check_same_targets(b, a);
    stance_result_free(a);
    stance_result_free(b);
    stance_actorset_free(set);
}

/* With STANCE_OPT_DISCOVER_OTHERS: the discovered ones stay, the absent given ones go. */
static void test_mentioned_only_others(void **state)
{
    stance_result *all = run(*state, NULL, 4, STANCE_OPT_DISCOVER_OTHERS),
                  *res = run(*state, NULL, 4, STANCE_OPT_DISCOVER_OTHERS | STANCE_OPT_MENTIONED_ONLY);
    size_t given = 0, found = 0;
    assert_int_equal(stance_result_entity_count(res), stance_result_entity_count(all) - 2);
    for (size_t i = 0; i < stance_result_entity_count(res); i++) {
        const stance_entity *e = stance_result_entity(res, i);
        if (e->discovered) {
            found++;
            assert_int_equal(e->input_index, -1);
        } else {
            given++;
            assert_true(e->input_index == 1 || e->input_index == 3);
        }
    }
    assert_int_equal(given, 2);
    assert_true(found >= 1); /* Mirela Voss */
    check_same_targets(all, res);
    stance_result_free(all);
    stance_result_free(res);
}

/* STANCE_OPT_ALL_ACTORS makes every actor a target of every quote: all are
 * kept; in a text without quotes only the mentioned ones are. */
static void test_mentioned_only_all_actors(void **state)
{
    static const char quiet[] = "Dana Whitfield opened the new library on Tuesday. Nobody else spoke.\n";
    stance_result *res = run(*state, NULL, 4, STANCE_OPT_ALL_ACTORS | STANCE_OPT_MENTIONED_ONLY);
    stance_result *all = run(*state, NULL, 4, STANCE_OPT_ALL_ACTORS);
    assert_int_equal(stance_result_entity_count(res), 4);
    check_same_targets(all, res);
    stance_result_free(res);
    stance_result_free(all);
    res = run_text(*state, quiet, NULL, 4, STANCE_OPT_ALL_ACTORS | STANCE_OPT_MENTIONED_ONLY);
    assert_int_equal(stance_result_count(res), 0);
    assert_int_equal(stance_result_entity_count(res), 1);
    assert_string_equal(stance_result_entity(res, 0)->name, "Dana Whitfield");
    stance_result_free(res);
    res = run_text(*state, "Nothing happened.", NULL, 4, STANCE_OPT_MENTIONED_ONLY);
    assert_int_equal(stance_result_entity_count(res), 0);
    assert_null(stance_result_entity(res, 0));
    stance_result_free(res);
}

/* Without actors the bit changes nothing (discovered actors are never left out). */
static void test_mentioned_only_discovery(void **state)
{
    stance_result *a = run(*state, NULL, 0, 0), *b = run(*state, NULL, 0, STANCE_OPT_MENTIONED_ONLY);
    assert_true(stance_result_entity_count(a) >= 3);
    assert_int_equal(stance_result_entity_count(a), stance_result_entity_count(b));
    for (size_t i = 0; i < stance_result_entity_count(a); i++)
        assert_string_equal(stance_result_entity(a, i)->name, stance_result_entity(b, i)->name);
    check_same_targets(a, b);
    stance_result_free(a);
    stance_result_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mentioned_only_list),
        cmocka_unit_test(test_mentioned_only_set),
        cmocka_unit_test(test_mentioned_only_others),
        cmocka_unit_test(test_mentioned_only_all_actors),
        cmocka_unit_test(test_mentioned_only_discovery),
    };
    return cmocka_run_group_tests(tests, testutil_group_open_model, testutil_group_free_model);
}
