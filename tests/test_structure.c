/* test_structure.c - families 12 (struct: the target's role, conditionals,
 * its clause) and 13 (tconj: target conjunctions) on texts we wrote: which
 * features fire, and which do not. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "features.h"
#include "model.h"
#include "testutil.h"

static testutil_names got;

static int has(uint32_t fam, const char *text)
{
    return testutil_names_has(&got, fam, text);
}

static size_t count(uint32_t fam)
{
    return testutil_names_count(&got, fam);
}

typedef struct fixture {
    stance_featcfg cfg;
    stance_fscratch *fs;
    stance_fvec x;
} fixture;

/* A lexicon of our own: a few prior valences, as the VADER file would give. */
static int setup(void **state)
{
    static const char *const w[] = {"good", "bad", "failed", "won", "disaster", "liar", "honest", "credit",
                                    "crooks", "war", "wins", "safer", "fail", "succeeded", "great"};
    static const float v[] = {1.9f, -2.5f, -2.3f, 2.7f, -3.1f, -3.1f, 2.3f, 1.6f,
                              -2.0f, -2.9f, 2.8f, 1.5f, -2.5f, 2.0f, 3.1f};
    size_t lens[15];
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    for (int i = 0; i < 15; i++)
        lens[i] = strlen(w[i]);
    stance_features_default(&f->cfg);
    f->cfg.n_families = 0;
    assert_int_equal(stance_features_family_default(12, &f->cfg.families[f->cfg.n_families++]), STANCE_OK);
    assert_int_equal(stance_lexicon_build(&f->cfg, w, lens, v, 15, &f->cfg.lex, NULL), STANCE_OK);
    assert_int_equal(stance_fscratch_new(&f->fs), STANCE_OK);
    stance_fscratch_set_name_cb(f->fs, testutil_names_cb, &got);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    stance_lexicon_free(f->cfg.lex);
    stance_fscratch_free(f->fs);
    stance_fvec_clear(&f->x);
    free(f);
    return 0;
}

static void run(fixture *f, const char *text, const char *target)
{
    stance_statement st = {0};
    st.text = text;
    st.text_len = strlen(text);
    st.target = target;
    st.target_len = target ? strlen(target) : 0;
    memset(&got, 0, sizeof got);
    assert_int_equal(stance_features_extract(&f->cfg, &st, f->fs, &f->x, NULL), STANCE_OK);
    for (size_t i = 1; i < f->x.n; i++)
        assert_true(f->x.idx[i - 1] < f->x.idx[i]);
}

/* Agent: "X failed", "X attacked ...", through a relative clause; the verb's
 * negation flips the sign and keeps the original as "An". */
static void test_struct_agent(void **state)
{
    fixture *f = *state;
    run(f, "Smith failed.", "Smith");
    assert_true(has(12, "A-") && has(12, "A:failed"));
    assert_false(has(12, "A+") || has(12, "P-"));
    run(f, "Smith attacked the governor.", "Smith");
    assert_true(has(12, "A-") && has(12, "A:attacked")); /* "attacked": CON_OBJ in lexicon.def, not in the lexicon */
    run(f, "Smith did not fail.", "Smith");
    assert_true(has(12, "A+") && has(12, "An-") && has(12, "A:not fail"));
    assert_false(has(12, "A-"));
    run(f, "Smith, who failed the state, spoke.", "Smith");
    assert_true(has(12, "A-") && has(12, "A:failed"));
    /* a clause break stops the search: the polar word belongs to another clause */
    run(f, "Smith spoke, and the plan failed.", "Smith");
    assert_false(has(12, "A-") || has(12, "A:failed"));
    assert_true(has(12, "O>-") && has(12, "C=0"));
}

/* Patient: "blame X", "praised X", "thanks to X"; passive "X was praised",
 * passive agent "criticized by X", copula "X is a liar", "X gets the credit". */
static void test_struct_patient_passive_copula(void **state)
{
    fixture *f = *state;
    run(f, "Voters blame Smith for the crisis.", "Smith");
    assert_true(has(12, "P-") && has(12, "P:blame"));
    run(f, "The council praised Smith.", "Smith");
    assert_true(has(12, "P+") && has(12, "P:praised"));
    run(f, "The voters did not blame Smith.", "Smith");
    assert_true(has(12, "P+") && has(12, "Pn-") && has(12, "P:not blame"));
    run(f, "Thanks to Smith, the talks succeeded.", "Smith");
    assert_true(has(12, "T+") && has(12, "T:thanks to") && has(12, "O>+"));
    run(f, "Smith was praised by the council.", "Smith");
    assert_true(has(12, "B+") && has(12, "B:praised"));
    assert_false(has(12, "A+"));
    run(f, "The plan was criticized by Smith.", "Smith");
    assert_true(has(12, "Y-") && has(12, "Y:criticized"));
    assert_false(has(12, "P-"));
    run(f, "Smith is a liar.", "Smith");
    assert_true(has(12, "Q-") && has(12, "Q:liar") && has(12, "C>-"));
    run(f, "Smith gets the credit for the deal.", "Smith");
    assert_true(has(12, "Q+") && has(12, "Q:credit"));
    /* no polar word next to the target: no role */
    run(f, "Smith met the governor on Tuesday.", "Smith");
    for (size_t i = 0; i < got.n; i++)
        assert_true(got.text[i][0] == 'C' || got.text[i][0] == 'O');
}

/* Conditionals: the consequent's polarity, flipped for a counterfactual. */
static void test_struct_conditionals(void **state)
{
    fixture *f = *state;
    run(f, "Without Smith, we would never have won.", "Smith");
    assert_true(has(12, "cf") && has(12, "cf modal") && has(12, "cf+") && has(12, "A+"));
    assert_false(has(12, "cf-"));
    run(f, "We would never have won without Smith.", "Smith");
    assert_true(has(12, "cf+"));
    run(f, "If not for Smith, the war would have continued.", "Smith");
    assert_true(has(12, "cf+"));
    run(f, "But for Smith, the deal would have been a disaster.", "Smith");
    assert_true(has(12, "cf+"));
    run(f, "Without Smith, we would be safer.", "Smith");
    assert_true(has(12, "cf-") && has(12, "A-"));
    /* a consequent that is only negated: X made it happen */
    run(f, "Without Smith, this deal would never have happened.", "Smith");
    assert_true(has(12, "cf+") && has(12, "A+"));
    assert_false(has(12, "cf-") || has(12, "cf0"));
    run(f, "Without Smith, this deal would have happened.", "Smith");
    assert_true(has(12, "cf0"));
    assert_false(has(12, "A+") || has(12, "A-"));
    run(f, "If Smith wins, it will be a disaster.", "Smith");
    assert_true(has(12, "if-") && !has(12, "cf"));
    assert_true(has(12, "A+")); /* "Smith wins": the agent tag, not the condition's */
    run(f, "Smith won the vote.", "Smith");
    assert_false(has(12, "cf") || has(12, "if+") || has(12, "if-") || has(12, "if0"));
}

/* Clause pooling: the target's clause against the rest, tags and dense values. */
static void test_struct_clause(void **state)
{
    fixture *f = *state;
    run(f, "Smith is honest, but the rest are crooks.", "Smith");
    assert_true(has(12, "C>+") && has(12, "O>-") && has(12, "C:net") && has(12, "O:net"));
    run(f, "The rest are crooks, who failed, although Smith is great.", "Smith");
    assert_true(has(12, "C>+") && has(12, "O>-"));
    /* without the target in the text, or without a target: nothing */
    run(f, "The rest are crooks.", "Smith");
    assert_int_equal(count(12), 0);
    run(f, "The rest are crooks.", NULL);
    assert_int_equal(count(12), 0);
}

/* Target conjunctions: the key (the target's last word) alone, with every
 * word and with the struct tags; no key without a target. */
static void test_struct_tconj(void **state)
{
    fixture *f = *state;
    stance_featcfg keep = f->cfg;
    f->cfg.n_families = 0;
    assert_int_equal(stance_features_family_default(13, &f->cfg.families[f->cfg.n_families++]), STANCE_OK);
    run(f, "Voters blame him.", "Donald Trump");
    assert_true(has(13, "trump|") && has(13, "trump|voters") && has(13, "trump|blame"));
    assert_false(has(13, "trump|P-")); /* the target is not in the text: no role */
    run(f, "Voters blame Trump.", "Donald Trump");
    assert_true(has(13, "trump|P-") && has(13, "trump|P:blame"));
    assert_false(has(13, "trump|C:net")); /* dense values are not conjoined */
    run(f, "Voters blame Trump.", NULL);
    assert_int_equal(count(13), 0);
    /* both families need the lexicon */
    {
        stance_lexicon *lx = f->cfg.lex;
        stance_statement st = {0};
        st.text = "Smith failed.";
        st.text_len = 13;
        st.target = "Smith";
        st.target_len = 5;
        f->cfg.lex = NULL;
        assert_int_equal(stance_features_extract(&f->cfg, &st, f->fs, &f->x, NULL), STANCE_ERR_INVALID);
        assert_int_equal(stance_features_need_lexicon(&f->cfg), 1);
        f->cfg.lex = lx;
    }
    f->cfg = keep;
}

/* Family 13's names in order, with family 12 before it (13 replays 12's tags)
 * and alone (13 works them out): the same names, both ways. */
static void tconj_names(fixture *f, const char *text, const char *target, const uint32_t *fams, size_t n_fams,
                        testutil_names *out)
{
    f->cfg.n_families = 0;
    for (size_t i = 0; i < n_fams; i++)
        assert_int_equal(stance_features_family_default(fams[i], &f->cfg.families[f->cfg.n_families++]), STANCE_OK);
    run(f, text, target);
    out->n = 0;
    for (size_t i = 0; i < got.n; i++)
        if (got.fam[i] == 13) {
            out->fam[out->n] = 13;
            memcpy(out->text[out->n++], got.text[i], sizeof got.text[i]);
        }
}

static void test_struct_tconj_replay(void **state)
{
    static const char *const texts[] = {
        "Without Smith, we would never have won.", "Smith is honest, but the rest are crooks.",
        "The voters did not blame Smith, who failed the state.", "Smith met the governor on Tuesday.",
        "If Smith wins, it will be a disaster, and Smith knows it."};
    static const uint32_t both[] = {12, 13}, alone[] = {13}, after[] = {13, 12};
    fixture *f = *state;
    stance_featcfg keep = f->cfg;
    static testutil_names a, b, c;
    size_t roles = 0;
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        tconj_names(f, texts[i], "John Smith", both, 2, &a);
        tconj_names(f, texts[i], "John Smith", alone, 1, &b);
        tconj_names(f, texts[i], "John Smith", after, 2, &c);
        assert_int_equal(a.n, b.n);
        assert_int_equal(a.n, c.n);
        for (size_t k = 0; k < a.n; k++) {
            assert_string_equal(a.text[k], b.text[k]);
            assert_string_equal(a.text[k], c.text[k]);
            roles += strchr("ACPQOTcif", a.text[k][6]) && (a.text[k][7] == '+' || a.text[k][7] == '-' ||
                                                          a.text[k][7] == '>' || a.text[k][7] == 'f');
        }
    }
    assert_true(roles >= 5); /* the struct tags were conjoined, not only the words */
    f->cfg = keep;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_struct_agent),
        cmocka_unit_test(test_struct_patient_passive_copula),
        cmocka_unit_test(test_struct_conditionals),
        cmocka_unit_test(test_struct_clause),
        cmocka_unit_test(test_struct_tconj),
        cmocka_unit_test(test_struct_tconj_replay),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
