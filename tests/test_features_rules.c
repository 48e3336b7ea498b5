/* test_features_rules.c - the scopes of VADER's polarity rules in the lexicon
 * families (lib/features.c): "but" within its sentence, and the "but" that
 * means "except" ("nothing but", "anything but", "all but", "but also").
 * Texts and valences written for the test. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "features.h"
#include "model.h"
#include "testutil.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

static testutil_names got;

static stance_featcfg cfg; /* families 3, 8, 9 and 10, with the lexicon below */
static stance_fvec x;       /* the last extraction's vector */

/* Extract @p text (no target) into `x`, the feature names into `got`, with a
 * lexicon of our own and a scratch made for the call. */
static void run(const char *text)
{
    static const char *const w[] = {"bad", "good", "fine", "delays", "safe"};
    static const float v[] = {-2.5f, 1.9f, 0.5f, -1.3f, 1.9f};
    size_t lens[5];
    stance_fscratch *fs = NULL;
    stance_statement st = {0};
    stance_features_default(&cfg);
    cfg.n_families = 0;
    for (uint32_t id = 8; id <= 10; id++)
        stance_features_family_default(id, &cfg.families[cfg.n_families++]);
    for (int i = 0; i < 5; i++)
        lens[i] = strlen(w[i]);
    assert_int_equal(stance_lexicon_build(&cfg, w, lens, v, 5, &cfg.lex, NULL), STANCE_OK);
    st.text = text;
    st.text_len = strlen(text);
    memset(&got, 0, sizeof got);
    assert_int_equal(stance_fscratch_new(&fs), STANCE_OK);
    stance_fscratch_set_name_cb(fs, testutil_names_cb, &got);
    assert_int_equal(stance_features_extract(&cfg, &st, fs, &x, NULL), STANCE_OK);
    stance_fscratch_free(fs);
    stance_lexicon_free(cfg.lex);
    cfg.lex = NULL;
}

static int has(uint32_t fam, const char *text)
{
    return testutil_names_has(&got, fam, text);
}

/* The value of dense feature @p name of family 9 (0 when absent). */
static double dense(const char *name)
{
    uint32_t b = (uint32_t)XXH3_64bits_withSeed(name, strlen(name), cfg.families[1].seed) &
                 ((1u << cfg.table_bits) - 1);
    for (size_t i = 0; i < x.n; i++)
        if (x.idx[i] == b)
            return x.val[i];
    return 0;
}

static double squash(double v)
{
    return v / sqrt(v * v + 15.0);
}

/* A "but" weighs the valences of its own sentence only: "bad" in the first
 * sentence is not halved, "fine" in the third not multiplied by 1.5. */
static void test_rules_but_within_sentence(void **state)
{
    (void)state;
    run("The plan is bad. It is good but fine. It is fine!");
    assert_true(fabs(dense("A:neg") - squash(2.5)) < 1e-4);
    /* good 1.9 * 0.5 + fine 0.5 * 1.5 + fine 0.5 */
    assert_true(fabs(dense("A:pos") - squash(0.95 + 0.75 + 0.5)) < 1e-4);
    assert_true(has(10, "but"));
    /* a sentence of its own still gets the rule: "bad" after "but" */
    run("It is good. But it is bad");
    assert_true(fabs(dense("A:neg") - squash(2.5 * 1.5)) < 1e-4);
    assert_true(fabs(dense("A:pos") - squash(1.9)) < 1e-4);
}

/* "nothing but X" is "only X": no negation of X, no contrast; the same for
 * "none but", "nobody but", "no one but". */
static void test_rules_nothing_but(void **state)
{
    (void)state;
    run("He delivered nothing but delays.");
    assert_true(has(8, "A-") && !has(8, "A+") && !has(8, "A!-") && has(8, "A>-"));
    assert_true(fabs(dense("A:neg") - squash(1.3)) < 1e-4);
    assert_false(has(10, "but"));
    assert_false(has(10, "negs")); /* "nothing" negated nothing */
    run("No one but good people came");
    assert_true(fabs(dense("A:pos") - squash(1.9)) < 1e-4);
    assert_false(has(10, "but"));
}

/* "anything but X" negates X (the "but" is the negator), no contrast. */
static void test_rules_anything_but(void **state)
{
    (void)state;
    run("The bridge is anything but safe.");
    assert_true(has(8, "A-") && has(8, "A!+") && !has(8, "A+"));
    assert_true(fabs(dense("A:neg") - squash(1.9 * 0.74)) < 1e-4);
    assert_false(has(10, "but"));
}

/* "all but X" and "but also" are no contrast either. */
static void test_rules_all_but_and_but_also(void **state)
{
    (void)state;
    run("It was all but good.");
    assert_true(fabs(dense("A:pos") - squash(1.9)) < 1e-4);
    run("It is good but also fine.");
    assert_true(fabs(dense("A:pos") - squash(2.4)) < 1e-4);
    assert_false(has(10, "but"));
    /* a plain "but" still contrasts */
    run("It is good but fine.");
    assert_true(fabs(dense("A:pos") - squash(0.95 + 0.75)) < 1e-4);
    assert_true(has(10, "but"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules_but_within_sentence),
        cmocka_unit_test(test_rules_nothing_but),
        cmocka_unit_test(test_rules_anything_but),
        cmocka_unit_test(test_rules_all_but_and_but_also),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    stance_fvec_clear(&x);
    return rc;
}
