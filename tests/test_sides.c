/* test_sides.c - the actors' sides (stance_input.actor_sides, since 0.2): the
 * relation of each target to its quote's speaker, the checks of the labels, a
 * caller whose stance_input ends before the field, and family 15 (side) moving
 * the stance head's decision values (features_side.c), on articles written
 * for these tests. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "features.h"
#include "testutil.h"

static const char article[] =
    "Mayor Elena Diaz accused Governor Tom Park of abandoning the city on Monday.\n\n"
    "\"Tom Park has failed this city and he is a disgrace,\" Diaz said at a press conference.\n\n"
    "\"The mayor knows the money is there. Tom Park has done great work for this region,\" said Priya "
    "Shah, a spokeswoman for Park.\n\n"
    "Council member Marcus Webb agreed with the mayor. \"Elena Diaz is right, and Tom Park failed us,\" "
    "Webb said.\n";

static const stance_actor actors[] = {
    {"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}, {"Priya Shah", NULL, 0}, {"Marcus Webb", NULL, 0}};
#define N_ACTORS (sizeof actors / sizeof *actors)
/* Park on one side, Diaz and Webb on the other; Shah's is not given (she speaks for Park). */
static const char *const sides[N_ACTORS] = {"B", "A", NULL, "A"};

/* The target @p actor of the first quote whose speaker is @p speaker, or NULL. */
static const stance_target *target_of(const stance_result *res, const char *speaker, const char *actor)
{
    for (size_t i = 0; i < stance_result_count(res); i++) {
        const stance_quote *q = stance_result_quote(res, i);
        if (!q->speaker || strcmp(q->speaker, speaker))
            continue;
        for (size_t k = 0; k < stance_quote_target_count(q); k++) {
            const stance_target *t = stance_quote_target(q, k);
            if (!strcmp(t->actor, actor))
                return t;
        }
        return NULL;
    }
    return NULL;
}

static stance_result *classify(const stance_model *m, const char *const *sd, stance_error *err)
{
    stance_input in = STANCE_INPUT_INIT;
    stance_result *res = NULL;
    in.text = article;
    in.text_len = sizeof article - 1;
    in.actors = actors;
    in.n_actors = N_ACTORS;
    in.actor_sides = sd;
    assert_int_equal(stance_classify(m, &in, NULL, &res, err), STANCE_OK);
    return res;
}

/* The relations a spokeswoman's quote, an attack across sides and praise within one get. */
static void test_sides_relations(void **state)
{
    const stance_model *m = *state;
    stance_result *res = classify(m, sides, NULL);
    const stance_target *t;
    assert_non_null(t = target_of(res, "Priya Shah", "Tom Park")); /* "a spokeswoman for Park" */
    assert_int_equal(stance_target_relation(t), STANCE_RELATION_SPEAKS_FOR);
    assert_true(stance_target_reasons(t) & STANCE_TARGET_PRINCIPAL);
    assert_non_null(t = target_of(res, "Elena Diaz", "Tom Park"));
    assert_int_equal(stance_target_relation(t), STANCE_RELATION_OPPOSITE_SIDE);
    assert_non_null(t = target_of(res, "Marcus Webb", "Elena Diaz"));
    assert_int_equal(stance_target_relation(t), STANCE_RELATION_SAME_SIDE);
    assert_non_null(t = target_of(res, "Marcus Webb", "Tom Park"));
    assert_int_equal(stance_target_relation(t), STANCE_RELATION_OPPOSITE_SIDE);
    /* Shah has no side of her own: her principal's (B) against Diaz's (A) */
    assert_non_null(t = target_of(res, "Priya Shah", "Elena Diaz"));
    assert_int_equal(stance_target_relation(t), STANCE_RELATION_OPPOSITE_SIDE);
    stance_result_free(res);
    /* no sides: nothing is worked out, not even speaks-for */
    res = classify(m, NULL, NULL);
    assert_non_null(t = target_of(res, "Priya Shah", "Tom Park"));
    assert_int_equal(stance_target_relation(t), STANCE_RELATION_UNKNOWN);
    assert_non_null(t = target_of(res, "Elena Diaz", "Tom Park"));
    assert_int_equal(stance_target_relation(t), STANCE_RELATION_UNKNOWN);
    stance_result_free(res);
    assert_int_equal(stance_target_relation(NULL), STANCE_RELATION_UNKNOWN);
    assert_string_equal(stance_relation_name(STANCE_RELATION_OPPOSITE_SIDE), "opposite-side");
    assert_string_equal(stance_relation_name(STANCE_RELATION_SPEAKS_FOR), "speaks-for");
    assert_string_equal(stance_relation_name(99), "unknown");
    assert_string_equal(stance_relation_name(-1), "unknown");
}

/* A label is compared without the ASCII white space around it (" A" and "A\t" are one side, as names are
 * matched trimmed), and white space alone is unknown, like "". */
static void test_sides_trimmed(void **state)
{
    const stance_model *m = *state;
    static const char *const sd[N_ACTORS] = {"B ", " A", NULL, "A\t"};
    static const char *const blank[N_ACTORS] = {"B", "  ", NULL, "A"};
    stance_result *res = classify(m, sd, NULL);
    const stance_target *t;
    assert_non_null(t = target_of(res, "Marcus Webb", "Elena Diaz"));
    assert_int_equal(stance_target_relation(t), STANCE_RELATION_SAME_SIDE);
    assert_non_null(t = target_of(res, "Elena Diaz", "Tom Park"));
    assert_int_equal(stance_target_relation(t), STANCE_RELATION_OPPOSITE_SIDE);
    stance_result_free(res);
    res = classify(m, blank, NULL);
    assert_non_null(t = target_of(res, "Marcus Webb", "Elena Diaz"));
    assert_int_equal(stance_target_relation(t), STANCE_RELATION_UNKNOWN);
    assert_non_null(t = target_of(res, "Marcus Webb", "Tom Park"));
    assert_int_equal(stance_target_relation(t), STANCE_RELATION_OPPOSITE_SIDE);
    stance_result_free(res);
}

/* Sides given with a compiled actor set follow the set's order; "" is unknown. */
static void test_sides_actor_set(void **state)
{
    const stance_model *m = *state;
    static const char *const sd[N_ACTORS] = {"B", "", "", "A"};
    stance_actorset *set = NULL;
    stance_input in = STANCE_INPUT_INIT;
    stance_result *res = NULL;
    const stance_target *t;
    assert_int_equal(stance_actorset_new(m, actors, N_ACTORS, 0, &set, NULL), STANCE_OK);
    in.text = article;
    in.text_len = sizeof article - 1;
    in.actor_set = set;
    in.actor_sides = sd;
    assert_int_equal(stance_classify(m, &in, NULL, &res, NULL), STANCE_OK);
    assert_non_null(t = target_of(res, "Elena Diaz", "Tom Park")); /* Diaz's side unknown here */
    assert_int_equal(stance_target_relation(t), STANCE_RELATION_UNKNOWN);
    assert_non_null(t = target_of(res, "Marcus Webb", "Tom Park"));
    assert_int_equal(stance_target_relation(t), STANCE_RELATION_OPPOSITE_SIDE);
    stance_result_free(res);
    stance_actorset_free(set);
}

/* A label that is not UTF-8, one too long, and sides without actors are refused. */
static void test_sides_invalid(void **state)
{
    const stance_model *m = *state;
    static const char *const bad_utf8[N_ACTORS] = {"B", "A\xff", NULL, NULL};
    char long_label[STANCE_MAX_SIDE_LEN + 2];
    const char *too_long[N_ACTORS] = {"B", NULL, NULL, long_label};
    stance_input in = STANCE_INPUT_INIT;
    stance_result *res = NULL;
    stance_error err;
    in.text = article;
    in.text_len = sizeof article - 1;
    in.actors = actors;
    in.n_actors = N_ACTORS;
    in.actor_sides = bad_utf8;
    assert_int_equal(stance_classify(m, &in, NULL, &res, &err), STANCE_ERR_UTF8);
    assert_null(res);
    assert_int_equal(err.offset, 1);
    assert_non_null(strstr(err.message, "side of actor 1"));
    memset(long_label, 'x', sizeof long_label - 1);
    long_label[sizeof long_label - 1] = '\0';
    in.actor_sides = too_long;
    assert_int_equal(stance_classify(m, &in, NULL, &res, &err), STANCE_ERR_LIMIT);
    assert_non_null(strstr(err.message, "side of actor 3"));
    long_label[STANCE_MAX_SIDE_LEN] = '\0'; /* at the limit: accepted */
    assert_int_equal(stance_classify(m, &in, NULL, &res, &err), STANCE_OK);
    stance_result_free(res);
    res = NULL;
    in.actors = NULL;
    in.n_actors = 0;
    in.actor_sides = sides;
    assert_int_equal(stance_classify(m, &in, NULL, &res, &err), STANCE_ERR_INVALID);
    assert_non_null(strstr(err.message, "actor_sides"));
}

/* A caller built before actor_sides (its size ends at actor_set): accepted, and
 * whatever follows its struct in memory is not read. */
static void test_sides_old_size(void **state)
{
    const stance_model *m = *state;
    struct {
        stance_input in;
        unsigned char garbage[64];
    } old;
    stance_result *res = NULL;
    const stance_target *t;
    memset(&old, 0xa5, sizeof old); /* actor_sides, if read, would be a wild pointer */
    old.in.size = offsetof(stance_input, actor_sides);
    old.in.text = article;
    old.in.text_len = sizeof article - 1;
    old.in.actors = actors;
    old.in.n_actors = N_ACTORS;
    old.in.actor_set = NULL;
    assert_int_equal(stance_classify(m, &old.in, NULL, &res, NULL), STANCE_OK);
    assert_non_null(t = target_of(res, "Elena Diaz", "Tom Park"));
    assert_int_equal(stance_target_relation(t), STANCE_RELATION_UNKNOWN);
    stance_result_free(res);
}

/* The test model with family 15 (side), its "opposite-side" feature pushing
 * "against" (label 1) hard. */
static stance_model *side_model(void)
{
    stance_model *m = testutil_build_model();
    stance_head *h = &m->heads[0]; /* stance: favor, against, none */
    stance_fscratch *fs = NULL;
    stance_fvec x = {0}, y = {0};
    stance_statement st = STANCE_STATEMENT_INIT;
    uint32_t bucket = UINT32_MAX;
    assert_string_equal(h->name, "stance");
    assert_int_equal(stance_features_family_default(STANCE_FSIDE_ID, &m->feat.families[m->feat.n_families]),
                     STANCE_OK);
    m->feat.n_families++;
    st.text = "words";
    st.text_len = 5;
    st.target = "Park";
    st.target_len = 4;
    assert_int_equal(stance_fscratch_new(&fs), STANCE_OK);
    assert_int_equal(stance_features_extract(&m->feat, &st, fs, &x, NULL), STANCE_OK);
    stance_fscratch_set_relation(fs, STANCE_RELATION_OPPOSITE_SIDE);
    assert_int_equal(stance_features_extract(&m->feat, &st, fs, &y, NULL), STANCE_OK);
    assert_int_equal(y.n, x.n + 1); /* one feature more: the relation's */
    for (size_t i = 0; i < y.n && bucket == UINT32_MAX; i++) {
        size_t k = 0;
        while (k < x.n && x.idx[k] != y.idx[i])
            k++;
        if (k == x.n)
            bucket = y.idx[i];
    }
    assert_true(bucket != UINT32_MAX);
    /* pairs (favor, against), (favor, none), (against, none): toward against */
    h->weights[(size_t)bucket * h->n_dec + 0] -= 3.0f;
    h->weights[(size_t)bucket * h->n_dec + 2] += 3.0f;
    stance_fvec_clear(&x);
    stance_fvec_clear(&y);
    stance_fscratch_free(fs);
    return testutil_reopen(m);
}

/* With the side family, sides move the stance decision of a target across
 * sides (and only of such targets); a model without it scores the same with
 * and without sides. */
static void test_sides_feature(void **state)
{
    stance_model *ms = side_model();
    const stance_model *plain = *state;
    stance_result *a, *b;
    const stance_target *ta, *tb;
    static const char *const sd[N_ACTORS] = {"B", "A", NULL, NULL};
    assert_non_null(ms);
    a = classify(ms, NULL, NULL);
    b = classify(ms, sd, NULL);
    assert_non_null(ta = target_of(a, "Elena Diaz", "Tom Park"));
    assert_non_null(tb = target_of(b, "Elena Diaz", "Tom Park"));
    assert_int_equal(tb->stance.n_values, 3);
    assert_true(tb->stance.values[0] < ta->stance.values[0] - 1.0); /* favor vs against: toward against */
    assert_true(tb->stance.values[2] > ta->stance.values[2] + 1.0); /* against vs none: toward against */
    assert_true(tb->stance.probs[1] > ta->stance.probs[1]);
    assert_int_equal(stance_target_relation(tb), STANCE_RELATION_OPPOSITE_SIDE);
    assert_non_null(ta = target_of(a, "Marcus Webb", "Tom Park")); /* Webb's side unknown: no feature, same values */
    assert_non_null(tb = target_of(b, "Marcus Webb", "Tom Park"));
    assert_int_equal(stance_target_relation(tb), STANCE_RELATION_UNKNOWN);
    assert_true(ta->stance.values[0] == tb->stance.values[0] && ta->stance.values[1] == tb->stance.values[1] &&
                ta->stance.values[2] == tb->stance.values[2]);
    stance_result_free(a);
    stance_result_free(b);
    a = classify(plain, NULL, NULL);
    b = classify(plain, sides, NULL);
    assert_non_null(ta = target_of(a, "Elena Diaz", "Tom Park"));
    assert_non_null(tb = target_of(b, "Elena Diaz", "Tom Park"));
    assert_true(ta->stance.values[0] == tb->stance.values[0] && ta->stance.values[1] == tb->stance.values[1] &&
                ta->stance.values[2] == tb->stance.values[2]);
    stance_result_free(a);
    stance_result_free(b);
    stance_model_free(ms);
}

/* The relation names the trainer reads from a row's "relation". */
static void test_sides_relation_parse(void **state)
{
    (void)state;
    assert_int_equal(stance_relation_parse("opposite-side", 13), STANCE_RELATION_OPPOSITE_SIDE);
    assert_int_equal(stance_relation_parse("same-side", 9), STANCE_RELATION_SAME_SIDE);
    assert_int_equal(stance_relation_parse("speaks-for", 10), STANCE_RELATION_SPEAKS_FOR);
    assert_int_equal(stance_relation_parse("self", 4), STANCE_RELATION_SELF);
    assert_int_equal(stance_relation_parse("unknown", 7), STANCE_RELATION_UNKNOWN);
    assert_int_equal(stance_relation_parse("opposite", 8), -1);
    assert_int_equal(stance_relation_parse("opposite-sides", 14), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sides_relations),
        cmocka_unit_test(test_sides_trimmed),     cmocka_unit_test(test_sides_actor_set),
        cmocka_unit_test(test_sides_invalid),       cmocka_unit_test(test_sides_old_size),
        cmocka_unit_test(test_sides_feature),       cmocka_unit_test(test_sides_relation_parse),
    };
    return cmocka_run_group_tests(tests, testutil_group_open_model, testutil_group_free_model);
}
