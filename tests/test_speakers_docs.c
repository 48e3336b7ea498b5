/* test_speakers_docs.c - speakers as a user reads them from stance_classify()
 * (lib/speaker_docs.c, lib/speakers_desc.c, lib/speaker_form.c, lib/speakers.c):
 * documents and their issuers, pronouns that continue a description, names
 * and roles as reported. Each case is the quote that opens with @c head,
 * its speaker and role (NULL: none). Texts written for these tests (spk28,
 * issue #19); descriptions named by the sentence before (spk31). */
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
    /* spk30: a dash right after the issuer is no possessive (stance_possessive_at()); a plural's
     * apostrophe still is */
    {"Voters got an email sent out by the Holloway campaign\u2014its third this week. \"Vote early,\" the email "
     "said.\n",
     "Vote early", "Holloway campaign", "the email"},
    {"Voters got an email sent out by the Parks' campaign. \"Vote early,\" the email said.\n", "Vote early",
     "the email", NULL},
    /* a document's owner written as a possessive issues it: by name, or by its type noun when the
     * organisation's name ends in it ("the agency" of "Water Agency") */
    {"The Arden Water Agency met on Monday. The agency's report, released Tuesday, found the river polluted. "
     "\"The water is unsafe,\" the report said.\n",
     "The water is", "Arden Water Agency", "the report"},
    {"The Arden Water Agency met on Monday. Tom Park criticized the agency's new report. \"The water is unsafe,\" "
     "the report said.\n",
     "The water is", "Arden Water Agency", "the report"},
};

/* spk29: the issuer named where the document is the medium of a saying, after an opening time
 * phrase, after a weekday or "the state"; "it" for a document with a tied issuer; the document of
 * "a statement from X" as X's role */
static const spk_case issuer_cases[] = {
    {"\"We never asked for money,\" Harbor News said in a statement.\n\n\"In the course of those talks, we "
     "offered a seat.\"\n\n\"Furthermore, we could not pay,\" the statement said.\n",
     "Furthermore", "Harbor News", "the statement"},
    {"In a statement, the Harbor Network announced that it would close. \"The station will go dark on "
     "Friday,\" the statement said.\n",
     "The station will", "Harbor Network", "the statement"},
    /* a description is no issuer's name */
    {"In a statement, the business mogul announced that he would sell. \"The tower is for sale,\" the statement "
     "said.\n",
     "The tower is", "the statement", NULL},
    {"On Thursday, the Ostrand Republican Party announced that the senator would not come. \"The campaign has "
     "told us she will not attend,\" the release said.\n",
     "The campaign has", "Ostrand Republican Party", "the release"},
    {"A report released Monday by the Harlow Institute found that rents rose. \"Wages have not kept pace,\" the "
     "report said.\n",
     "Wages have", "Harlow Institute", "the report"},
    {"A report released by the state Transportation Department found that half the bridges need work. "
     "\"Deferred maintenance remains the largest driver,\" the report said.\n",
     "Deferred", "Transportation Department", "the report"},
    {"The lawsuit, filed by the Tenant Law Center, says the landlord broke the law. It says the company kept "
     "deposits for \"cleaning fees that were never itemized.\"\n",
     "cleaning fees", "Tenant Law Center", "The lawsuit"},
    {"Dana Morrow sent an email to the staff on Monday. \"We are closing the office,\" it read.\n", "We are closing",
     "Dana Morrow", "an email"},
    /* the receiver issues nothing: "it" stays unresolved */
    {"Dana Morrow received an email on Monday. \"We are closing the office,\" it read.\n", "We are closing", NULL,
     NULL},
    {"\"We will not go forward,\" read a brief statement from Mira Hollis.\n", "We will not", "Mira Hollis",
     "a brief statement"},
    {"The best line came from Mira Hollis, who called it \"a raft.\"\n", "a raft", "Mira Hollis", NULL},
    /* a verb that issues the document unnamed in the sentence before: "sued" a lawsuit or complaint,
     * "announced" a release; "his"/"her" + noun as its subject; a passive ("was sued by") issues nothing */
    {"Ann Lowe spoke on Friday. Her campaign sued the party in federal court on Friday. The complaint, which was "
     "filed in Ostrand, says the party's move was \"an egregious act.\"\n",
     "an egregious", "Ann Lowe's campaign", "The complaint"},
    {"The Tenant Law Center sued the company on Monday. \"The company kept every deposit,\" the lawsuit says.\n",
     "The company kept", "Tenant Law Center", "the lawsuit"},
    {"The singer was to attend, but on Thursday, the Ostrand Republican Party announced she was not coming.\n\n"
     "\"The campaign has told us she will not attend,\" the release said.\n",
     "The campaign has", "Ostrand Republican Party", "the release"},
    {"Tom Park was sued by the company on Monday. \"He kept every deposit,\" the lawsuit says.\n", "He kept every",
     "the lawsuit", NULL},
};

static const spk_case pronoun_cases[] = {
    /* a pronoun continues the description that opens the sentence before, not the organisation of its "for" */
    {"A reporter for Radio Norvik said the hall was empty. \"Nobody came,\" he said.\n", "Nobody came",
     "A reporter for Radio Norvik", NULL},
    /* a he/she after a lone surname whose full run the lowercase "the city auditor's" glues (no canonical run) is
     * named from its listed first name on, as a named speaker is (spk32) */
    {"The city lost $4 million on parking, according to an audit released Monday by the city auditor's office.\n\n"
     "The report was prepared by City Auditor Naomi Feld and her staff.\n\nFeld said in an interview that the "
     "contracts were never reviewed. \"Nobody checked the numbers,\" she said.\n",
     "Nobody checked", "Naomi Feld", NULL},
};

static const spk_case described_cases[] = {
    /* a description is not the person who spoke of "the senator" as of somebody else just before: the
     * columnist Roe is no senator (spk36, from spk35's note) */
    {"Jane Roe, a columnist for the Valley Post, criticized the vote on Sunday, writing that the senator had "
     "\"sold out the farmers.\"\n\nRoe went further, saying the senator \"should resign before the next session.\"\n\n"
     "The senator answered the critics on Monday, arguing that the bill \"protects every family farm in the state.\"\n",
     "protects every family", "The senator", NULL},
    /* the sentence before a description's is found from its own sentence's start, not from a "!" inside an
     * earlier quote of that sentence: its subject names "the senator", not the senator tied further back (spk31) */
    {"At a town hall in Salem, Tom Dreyer accused Ray Cole, the senator from Ohio and winner of the caucus, of "
     "being \"a fraud.\"\n\nFor the Republicans, the race changed after a debate in which Nils Harte faltered "
     "against Gus Pike. The question was how much of an opening it gave Pike, as well as Ohio Gov. Dan Kemper and "
     "former governor Lee Ames.\n\nHarte sought to stoke positive energy as he stopped by his campaign office in "
     "Dalton. Walking into the office to chants of \"Nils! Nils!,\" the senator said his campaign here was "
     "\"closing really strong.\" He noted that supporters had come from far and wide.\n",
     "closing really strong", "Nils Harte", "the senator"},
    /* "the" and a count of more than one: people, named by no one person before them (spk31) */
    {"Dana Kell said there was no precedent for a case like this.\n\nThe two senators said that \"there is "
     "precedent for prosecution.\"\n",
     "there is precedent", "The two senators", NULL},
    /* a description right after a lead-in's comma is the clause's subject, no apposition of the name before
     * the comma (spk31) */
    {"WASHINGTON - Ada Marsh does not recognize the bigotry of front-runner Tom Reed as the man she used to know.\n\n"
     "In an interview with radio hosts Joe Dale and Mika Voss, the Democratic presidential candidate stated that "
     "the comments do not \"fit with what I thought I knew about him.\"\n",
     "fit with what", "the Democratic presidential candidate", NULL},
    /* a kind noun names no place named after its organisation ("the hospital" is no "Harwick County"), and
     * "the medical center" is a hospital's noun (spk32) */
    {"Harwick Regional Medical Center will close its maternity ward. Harwick County officials said they were "
     "surprised.\n\nThe hospital said it would provide \"transport for every patient.\"\n",
     "transport for every", "Harwick Regional Medical Center", "The hospital"},
    {"Harwick Regional Medical Center will close its maternity ward next month, officials said.\n\nThe medical "
     "center said it would provide \"transport for every patient.\"\n",
     "transport for every", "Harwick Regional Medical Center", "The medical center"},
    /* a fronted participial phrase's "her" is the description's subject's: a woman named before, not the
     * man nearer (spk34) */
    {"Tom Reyes spoke first at a town hall in Dalton, Iowa. \"We need bold changes,\" Reyes said.\n\nIt was a "
     "version of Reyes' stump speech, and it was a stark contrast to Ann Bell. Reprising one of her own favorite "
     "lines, the former secretary of state talked about continuing the \"progress we had under the mayor.\"\n",
     "progress we had", "Ann Bell", "the former secretary of state"},
    /* a title of two words is one office: the health minister who spoke last is not "the prime minister"
     * (blind trial 16, story 02), and the prime minister named before is (lead, after link36's titles) */
    {"Health Minister Rune Falk defended the plan. \"It is a good plan,\" Falk said.\n\n\"The opposition has "
     "nothing to offer,\" the prime minister said.\n",
     "The opposition has", "the prime minister", NULL},
    {"Prime Minister Annika Rosvall said the vote would go ahead.\n\nHealth Minister Rune Falk defended the plan. "
     "\"It is a good plan,\" Falk said.\n\n\"The opposition has nothing to offer,\" the prime minister said.\n",
     "The opposition has", "Annika Rosvall", "the prime minister"},
    {"Vice President Jo Marsh met the mayors. \"We will help,\" Marsh said.\n\n\"The bill is dead,\" the "
     "president said.\n",
     "The bill is", "the president", NULL},
};

/* an organisation's name goes on through "of" after a last word of an organisation's name ("Chamber",
 * "Academy", "Assembly", "League": lexicon.def ORG_LAST; a user trial's "North Calder Chamber" of Commerce) */
static const spk_case org_name_cases[] = {
    {"The North Calder Chamber of Commerce said the plan \"will cost every small shop in town dearly.\"\n",
     "will cost every", "North Calder Chamber of Commerce", NULL},
    {"\"This rule is a step backward for patients,\" the Halden Academy of Family Physicians said.\n",
     "This rule is", "the Halden Academy of Family Physicians", NULL},
    {"\"We will not sign off on this budget,\" the Brenford League of Cities said in a statement.\n",
     "We will not", "the Brenford League of Cities", NULL},
    /* a name run that ends an organisation's name going on through "of"/"for", "the" and an ordinal
     * from an organisation's word ("Court"): the whole name, not "Circuit" (speaker_form.c) */
    {"The town was sued. In May, the U.S. Court of Appeals for the 3rd Circuit reversed an earlier decision, as "
     "well as ruling that it could not accept \"public order\" as a reason for the ban.\n",
     "public order", "U.S. Court of Appeals for the 3rd Circuit", NULL},
};

/* spk37, the speaker errors of blind trial 17: a month that is a first name ("June Pellegrini") is a
 * woman "she" may stand for; a month in a time phrase is none ("at a June Tarrant rally"); an object
 * relative after a comma names its own speaker after a partial's earlier verb ('Roe told ..., a request
 * the board called "'); a name's words joined by "&" are one speaker; a description is not the one
 * nearby who spoke of its head as somebody else ('Rudell praised the mayor. ... The mayor returned the
 * compliment:'), but the one the text tied the head to further back */
static const spk_case trial17_cases[] = {
    {"Keisha Landry, a parent of two, said she was worried.\n\nLabor historian June Pellegrini said a strike "
     "would be the first since 1979. \"That strike lasted nineteen days,\" she said.\n",
     "That strike lasted", "June Pellegrini", NULL},
    {"Keisha Landry, a parent of two, spoke at a June Tarrant rally. \"That strike lasted nineteen days,\" she "
     "said.\n",
     "That strike lasted", "Keisha Landry", NULL},
    {"Harlan Gas & Electric told the commission that it needs a raise of 14 percent, a request the Citizens "
     "Utility Board called \"a bill for the company's own neglect.\"\n",
     "a bill for", "Citizens Utility Board", NULL},
    {"\"We will appeal the ruling of the court,\" Harlan Gas & Electric said.\n", "We will appeal",
     "Harlan Gas & Electric", NULL},
    {"Mayor Theo Brandvold and team owner Vance Rudell announced a stadium deal on Thursday.\n\nUnder the plan, "
     "the city would issue bonds.\n\nRudell, who bought the team in 2019, praised the mayor. \"He never once "
     "blinked,\" Rudell said.\n\nThe mayor returned the compliment: \"Vance could have taken this team "
     "anywhere.\"\n",
     "Vance could", "Theo Brandvold", "The mayor"},
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
        if (!q || (cs[i].speaker ? !q->speaker || strcmp(q->speaker, cs[i].speaker) != 0 : q->speaker != NULL) ||
            (cs[i].role ? !q->speaker_role || strcmp(q->speaker_role, cs[i].role) != 0 : q->speaker_role != NULL))
            fail_msg("case '%s': speaker '%s' role '%s'; want '%s' role '%s'", cs[i].head,
                     q && q->speaker ? q->speaker : "(none)", q && q->speaker_role ? q->speaker_role : "(none)",
                     cs[i].speaker ? cs[i].speaker : "(none)", cs[i].role ? cs[i].role : "(none)");
        stance_result_free(res);
    }
}

static void test_document_issuers(void **state)
{
    check_cases(*state, doc_cases, sizeof doc_cases / sizeof *doc_cases);
}

static void test_document_issuers_named(void **state)
{
    check_cases(*state, issuer_cases, sizeof issuer_cases / sizeof *issuer_cases);
}

static void test_pronoun_continues_description(void **state)
{
    check_cases(*state, pronoun_cases, sizeof pronoun_cases / sizeof *pronoun_cases);
}

static void test_org_name_through_of(void **state)
{
    check_cases(*state, org_name_cases, sizeof org_name_cases / sizeof *org_name_cases);
}

static void test_description_named(void **state)
{
    check_cases(*state, described_cases, sizeof described_cases / sizeof *described_cases);
}

static void test_trial17_speakers(void **state)
{
    check_cases(*state, trial17_cases, sizeof trial17_cases / sizeof *trial17_cases);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_document_issuers),
        cmocka_unit_test(test_document_issuers_named),
        cmocka_unit_test(test_pronoun_continues_description),
        cmocka_unit_test(test_description_named),
        cmocka_unit_test(test_org_name_through_of),
        cmocka_unit_test(test_trial17_speakers),
    };
    return cmocka_run_group_tests(tests, testutil_group_open_model, testutil_group_free_model);
}
