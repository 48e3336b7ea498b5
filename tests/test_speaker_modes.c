/* test_speaker_modes.c - passing actors does not change who said a quote
 * (lib/speaker_names.c): a description that speaks ("the mayor said") is
 * named from the same referents whether the caller passes actors or the
 * library discovers them. Texts written for these tests. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "stance.h"
#include "testutil.h"

typedef struct mode_case {
    const char *text;
    const char *speaker; /* of the last quote, both ways */
} mode_case;

/* A name of no known first-name gender, tied to a role by a title before it
 * or a role in apposition, after another speaker's paragraph. */
static const mode_case mode_cases[] = {
    {"The port's owner, Tobias Renn, was angry. \"This is a cash grab,\" Renn told reporters.\n\n"
     "Prime Minister Erik Solvang said on Tuesday that he expected the coalition to hold. \"They will "
     "find a way,\" the prime minister said.\n",
     "Erik Solvang"},
    {"The port's owner, Tobias Renn, was angry. \"This is a cash grab,\" Renn told reporters.\n\n"
     "Mayor Ilse Varga said on Monday that the plan was sound. \"We will build the wall,\" the mayor said.\n",
     "Ilse Varga"},
    {"Hollis Grange, a farmer, was worried. \"The river is rising,\" Grange said.\n\n"
     "Chancellor Oskar Lindqvist said the budget would pass. \"The votes are there,\" the chancellor said.\n",
     "Oskar Lindqvist"},
    {"\"We are ready,\" Tobias Renn said.\n\nJudge Emmet Sullivan set a deadline on Monday. \"When does it "
     "stop?\" the judge said.\n",
     "Emmet Sullivan"},
    /* already so before: a role in apposition before the name */
    {"\"We are ready,\" Tobias Renn said.\n\nThe chief executive of Tarnfield Water, Osric Pellow, said the "
     "pipes were old. \"We will replace them,\" the chief executive said.\n",
     "Osric Pellow"},
};

/* The speaker of the last quote of @p text, with the actors @p names (n of them; none: discovery). */
static char *last_speaker(const stance_model *m, const char *text, const char *const *names, size_t n)
{
    stance_actor actors[2];
    stance_input in = STANCE_INPUT_INIT;
    stance_result *res = NULL;
    const stance_quote *q;
    char *out;
    assert_true(n <= 2);
    for (size_t i = 0; i < n; i++)
        actors[i] = (stance_actor){names[i], NULL, 0};
    in.text = text;
    in.text_len = strlen(text);
    in.actors = n ? actors : NULL;
    in.n_actors = n;
    assert_int_equal(stance_classify(m, &in, NULL, &res, NULL), STANCE_OK);
    assert_true(stance_result_count(res) > 0);
    q = stance_result_quote(res, stance_result_count(res) - 1);
    out = strdup(q->speaker ? q->speaker : "(none)");
    stance_result_free(res);
    assert_non_null(out);
    return out;
}

static void test_speaker_same_with_actors(void **state)
{
    static const char *const other[] = {"Harbour Board"}, *const two[] = {"Tobias Renn", "Harbour Board"};
    const stance_model *m = *state;
    for (size_t i = 0; i < sizeof mode_cases / sizeof *mode_cases; i++) {
        char *disc = last_speaker(m, mode_cases[i].text, NULL, 0);
        char *one = last_speaker(m, mode_cases[i].text, other, 1);
        char *both = last_speaker(m, mode_cases[i].text, two, 2);
        if (strcmp(disc, mode_cases[i].speaker) || strcmp(one, disc) || strcmp(both, disc))
            fail_msg("case %zu: discovery '%s', one actor '%s', two actors '%s'; want '%s'", i, disc, one, both,
                     mode_cases[i].speaker);
        free(disc);
        free(one);
        free(both);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_speaker_same_with_actors),
    };
    return cmocka_run_group_tests(tests, testutil_group_open_model, testutil_group_free_model);
}
