/* test_speakers_docs.c - speakers as a user reads them from stance_classify()
 * (lib/speaker_docs.c, lib/speakers_desc.c, lib/speaker_form.c, lib/speakers.c):
 * documents and their issuers, pronouns that continue a description, names
 * and roles as reported. Each case is the quote that opens with @c head,
 * its speaker and role (NULL: none). Texts written for these tests (spk28,
 * issue #19). */
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

typedef struct spk_case {
    const char *text, *head, *speaker, *role;
} spk_case;

static const spk_case doc_cases[] = {
    /* the receiver of a document is not its issuer ("email" is no issuing verb of Tom Park's) */
    {"Tom Park received an email on Friday. \"You are fired,\" the email said.\n", "You are fired", "the email", NULL},
    {"Tom Park got an email on Friday. \"You are fired,\" the email said.\n", "You are fired", "the email", NULL},
    /* the issuer after "by": a name, or "the" and a name */
    {"Hanna Holloway spoke on Monday. Voters got an email sent out by Hanna Holloway. \"Vote early,\" the email "
     "said.\n",
     "Vote early",
     "Hanna Holloway", "the email"},
    {"Voters got an email sent out by the Holloway campaign. \"Vote early,\" the email said.\n", "Vote early",
     "Holloway campaign", "the email"},
    {"Voters got an email sent out by the Holloway campaign's chairman. \"Vote early,\" the email said.\n",
     "Vote early", "the email", NULL},
    /* a document's owner written as a possessive issues it: by name, or by its type noun when the
     * organisation's name ends in it ("the agency" of "Water Agency") */
    {"The Arden Water Agency met on Monday. The agency's report, released Tuesday, found the river polluted. "
     "\"The water is unsafe,\" the report said.\n",
     "The water is", "Arden Water Agency", "the report"},
    {"The Arden Water Agency met on Monday. Tom Park criticized the agency's new report. \"The water is unsafe,\" "
     "the report said.\n",
     "The water is", "Arden Water Agency", "the report"},
};

static const spk_case pronoun_cases[] = {
    /* a pronoun continues the description that opens the sentence before, not the organisation of its "for" */
    {"A reporter for Radio Norvik said the hall was empty. \"Nobody came,\" he said.\n", "Nobody came",
     "A reporter for Radio Norvik", NULL},
};

/* Check @p n cases of @p cs against stance_classify() with model @p m. */
static void check_cases(const stance_model *m, const spk_case *cs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        stance_input in = STANCE_INPUT_INIT;
        stance_result *res = NULL;
        const stance_quote *q = NULL;
        const char *p = strstr(cs[i].text, cs[i].head);
        assert_non_null(p);
        in.text = cs[i].text;
        in.text_len = strlen(cs[i].text);
        assert_int_equal(stance_classify(m, &in, NULL, &res, NULL), STANCE_OK);
        for (size_t k = 0; k < stance_result_count(res); k++)
            if (stance_result_quote(res, k)->span.start == (size_t)(p - cs[i].text))
                q = stance_result_quote(res, k);
        if (!q || !q->speaker || strcmp(q->speaker, cs[i].speaker) != 0 ||
            (cs[i].role ? !q->speaker_role || strcmp(q->speaker_role, cs[i].role) != 0 : q->speaker_role != NULL))
            fail_msg("case '%s': speaker '%s' role '%s'; want '%s' role '%s'", cs[i].head,
                     q && q->speaker ? q->speaker : "(none)", q && q->speaker_role ? q->speaker_role : "(none)",
                     cs[i].speaker, cs[i].role ? cs[i].role : "(none)");
        stance_result_free(res);
    }
}

static void test_document_issuers(void **state)
{
    check_cases(*state, doc_cases, sizeof doc_cases / sizeof *doc_cases);
}

static void test_pronoun_continues_description(void **state)
{
    check_cases(*state, pronoun_cases, sizeof pronoun_cases / sizeof *pronoun_cases);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_document_issuers),
        cmocka_unit_test(test_pronoun_continues_description),
    };
    return cmocka_run_group_tests(tests, testutil_group_open_model, testutil_group_free_model);
}
