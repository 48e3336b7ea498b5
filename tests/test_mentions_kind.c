/* test_mentions_kind.c - an organisation referred to by its kind (issue #19,
 * org3; lib/mentions_kind.c, lib/org_speakers.c): "the company" for
 * "Pellmark Foods", "the union" for "... Workers Local 61", "management" for
 * the article's one company, "the company said" for "Corvane Logistics", and
 * an organisation speaker written by its short form or acronym reported by
 * its full name. Texts and names written for these tests. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "mentions_int.h"
#include "mentions_kind.h"
#include "quotes.h"
#include "stance.h"
#include "testutil.h"

#include "mentions_doc.h"

/* The actor (by name) with a title mention that starts at the @p nth (from 1)
 * occurrence of @p word and spans it, or NULL when no actor has one. */
static const char *linked(const doc *d, const char *word, int nth)
{
    const char *p = d->text - 1;
    for (int i = 0; i < nth; i++)
        assert_non_null(p = strstr(p + 1, word));
    for (size_t i = 0; i < d->ents.n; i++)
        for (size_t k = 0; k < d->ents.e[i].n_more; k++) {
            const stance_mention *m = &d->ents.e[i].more[k];
            if (m->span.start == (size_t)(p - d->text) && m->span.end == m->span.start + strlen(word) &&
                m->kind == STANCE_MK_TITLE)
                return d->ents.e[i].name;
        }
    return NULL;
}

typedef struct link_case {
    const char *text;
    const char *actors[3]; /* caller's actors (NULL-ended; none: discover) */
    const char *word;      /* the phrase, its first occurrence */
    const char *want;      /* the actor it names, or NULL for none */
} link_case;

static const link_case link_cases[] = {
    /* each kind by its name's words, a noun that is not the name's last word */
    {"Pellmark Foods laid off 200 workers on Friday.\n\n\"The company owes these workers back pay,\" said Rhea "
     "Tolliver, a baker.\n",
     {"Pellmark Foods", NULL}, "The company", "Pellmark Foods"},
    {"Corvane Logistics closed its depot on Friday. Workers said the firm had given no warning.\n",
     {"Corvane Logistics", NULL}, "the firm", "Corvane Logistics"},
    {"Brewery and Beverage Workers Local 61 voted on Monday. \"The union will not sign this,\" said Rhea "
     "Tolliver.\n",
     {"Brewery and Beverage Workers Local 61", NULL}, "The union", "Brewery and Beverage Workers Local 61"},
    {"Skylane Air cancelled 40 flights on Monday. Passengers said the airline offered no refunds.\n",
     {"Skylane Air", NULL}, "the airline", "Skylane Air"},
    {"Skylane Air cancelled 40 flights on Monday. Passengers said the carrier offered no refunds.\n",
     {"Skylane Air", NULL}, "the carrier", "Skylane Air"},
    {"Harwick Medical Center cut its night shift. Nurses said the hospital was short of staff.\n",
     {"Harwick Medical Center", NULL}, "the hospital", "Harwick Medical Center"},
    {"Riverton Police Department made two arrests on Sunday. Neighbors said the police arrived late.\n",
     {"Riverton Police Department", NULL}, "the police", "Riverton Police Department"},
    {"Ashford Public Schools closed on Monday. Parents said the district had waited too long.\n",
     {"Ashford Public Schools", NULL}, "the district", "Ashford Public Schools"},
    {"Tarnfield Power raised its rates. Customers said the utility should have asked first.\n",
     {"Tarnfield Power", NULL}, "the utility", "Tarnfield Power"},
    {"Harbor Bancorp sold the loans. Borrowers said the lender gave them a week.\n",
     {"Harbor Bancorp", NULL}, "the lender", "Harbor Bancorp"},
    {"Senate Ethics Committee met on Monday. Aides said the panel would vote soon.\n",
     {"Senate Ethics Committee", NULL}, "the panel", "Senate Ethics Committee"},
    {"The Dayton Tribune ran the letter. Readers said the newspaper had been fair.\n",
     {"Dayton Tribune", NULL}, "the newspaper", "Dayton Tribune"},
    /* discovered (named twice) */
    {"Pellmark Foods laid off 200 workers. Pellmark Foods did not comment.\n\n\"The company owes these workers back "
     "pay,\" said Rhea Tolliver, a baker.\n",
     {NULL}, "The company", "Pellmark Foods"},
    /* the kind from the article's apposition */
    {"Corvane, a logistics company, closed its depot on Friday. Drivers said the company gave no warning.\n",
     {"Corvane", NULL}, "the company", "Corvane"},
    {"Brightline, the Ohio snack maker, closed its plant. Workers said the firm gave no warning.\n",
     {"Brightline", NULL}, "the firm", "Brightline"},
    /* "management": the article's one company */
    {"Ashmere Brewing Company cut 30 jobs. The union said it would meet management on Monday.\n",
     {"Ashmere Brewing Company", NULL}, "management", "Ashmere Brewing Company"},
    /* link38: a union by its labour word, a utility by the word before "&" (in its name only) */
    {"Members of the Dunmore Education Association voted to strike. A parent said the union had waited too long.\n",
     {"Dunmore Education Association", NULL}, "the union", "Dunmore Education Association"},
    {"Tarnfield Power & Light filed the emails. A lobbyist for the company resigned.\n",
     {"Tarnfield Power & Light", NULL}, "the company", "Tarnfield Power & Light"},
    {"The Harlan Rifle Association met on Monday. Pilots said the union would strike.\n",
     {"Harlan Rifle Association", NULL}, "the union", NULL},
    /* ambiguous: two companies in one sentence, then "the company" */
    {"Pellmark Foods sued Corvane Logistics on Monday. The company wants $2 million.\n",
     {"Pellmark Foods", "Corvane Logistics", NULL}, "The company", NULL},
    /* two companies, and "management" is neither's */
    {"Pellmark Foods bought Corvane Logistics. The union said it would meet management on Monday.\n",
     {"Pellmark Foods", "Corvane Logistics", NULL}, "management", NULL},
    /* the latest by a clear margin: the other named paragraphs before */
    {"Pellmark Foods opened a plant in May.\n\nIn other news, Corvane Logistics cut 40 jobs on Friday. The company "
     "said sales fell.\n",
     {"Pellmark Foods", "Corvane Logistics", NULL}, "The company", "Corvane Logistics"},
    /* "the companies": each of the two companies named before (the first checked here); one company: none */
    {"Pellmark Foods sued Corvane Logistics on Monday. Lawyers for the companies said they would settle.\n",
     {"Pellmark Foods", "Corvane Logistics", NULL}, "the companies", "Pellmark Foods"},
    {"Pellmark Foods cut jobs on Monday. Lawyers for the companies said they would settle.\n", {"Pellmark Foods", NULL},
     "the companies", NULL},
    /* a kind it is not: an airline is no union */
    {"Skylane Air cancelled 40 flights. Pilots said the union would strike.\n", {"Skylane Air", NULL}, "the union",
     NULL},
    /* an organisation of no known kind named after it may be the one */
    {"Harbor Bancorp sold the loans. The FBI opened an inquiry, and the agency said more would follow.\n",
     {"Harbor Bancorp", "FBI", NULL}, "the agency", NULL},
    /* link32: a one-word company the text marks as one ("Tarvex's stock", "Tarvex executives", "a stake in
     * Tarvex", "the retailer Tarvex", "Tarvex Inc."), the latest named: it, not the company before */
    {"Pellmark Foods opened a plant in May.\n\nTarvex's stock fell 9 percent on Monday, and the company said sales "
     "were weak.\n",
     {"Pellmark Foods", "Tarvex", NULL}, "the company", "Tarvex"},
    {"Pellmark Foods opened a plant in May.\n\nTarvex executives met on Monday. The company said sales were weak.\n",
     {"Pellmark Foods", "Tarvex", NULL}, "The company", "Tarvex"},
    {"Pellmark Foods opened a plant in May.\n\nRhea Tolliver bought a stake in Tarvex on Monday. The company said "
     "sales were weak.\n",
     {"Pellmark Foods", "Tarvex", NULL}, "The company", "Tarvex"},
    {"Pellmark Foods opened a plant in May.\n\nShoppers deserted the retailer Tarvex on Monday. The company said "
     "sales were weak.\n",
     {"Pellmark Foods", "Tarvex", NULL}, "The company", "Tarvex"},
    {"Pellmark Foods opened a plant in May.\n\nTarvex Inc. cut 40 jobs on Monday. The company said sales were weak.\n",
     {"Pellmark Foods", "Tarvex", NULL}, "The company", "Tarvex"},
    /* ... and discovered (named twice) */
    {"Pellmark Foods opened a plant in May. Pellmark Foods hired 40.\n\nOn Monday, Tarvex executives met. Analysts "
     "said Tarvex shares fell. The company said sales were weak. \"We will recover,\" said Rhea Tolliver of "
     "Tarvex.\n",
     {NULL}, "The company", "Tarvex"},
    /* a place's name before "plant" makes no company ("the Dunmore plant": only after "'s"), and named after
     * the company, a one-word name of no kind may be the one: none */
    {"Pellmark Foods runs the Dunmore plant. Dunmore voters met on Monday. The company said sales were weak.\n",
     {"Pellmark Foods", "Dunmore", NULL}, "The company", NULL},
    /* a one-word actor the text does not mark, named after the company: it may be the one */
    {"Pellmark Foods opened a plant in May. On Monday Tarvex said it would hire, and the company said sales were "
     "strong.\n",
     {"Pellmark Foods", "Tarvex", NULL}, "the company", NULL},
    /* ... but it leaves an agency to the agency */
    {"The Treasury Department issued the rules on Monday. On Tuesday Tarvex objected, and the agency said more "
     "would follow.\n",
     {"Treasury Department", "Tarvex", NULL}, "the agency", "Treasury Department"},
    /* an acronym no actor is, after the candidate, in the sentence or the one before: it may be the one */
    {"The Treasury Department issued the rules on Monday. The FBI, meanwhile, opened an inquiry. The agency said "
     "more would follow.\n",
     {"Treasury Department", NULL}, "The agency", NULL},
    {"The FBI opened an inquiry in May.\n\nThe Treasury Department issued the rules on Monday. U.S. banks objected. "
     "The agency said more would follow.\n",
     {"Treasury Department", NULL}, "The agency", "Treasury Department"},
    /* a name that leads another of its kind counts as that one ("Tarvex" of "Tarvex Holdings") */
    {"Tarvex Holdings reported a loss in May.\n\nTarvex shares fell on Monday, and the company said it would cut "
     "jobs.\n",
     {"Tarvex Holdings", "Tarvex", NULL}, "the company", "Tarvex Holdings"},
    /* compounds and clauses that bring in another */
    {"Pellmark Foods cut bus routes. Parents asked the company lawyer to look into it.\n", {"Pellmark Foods", NULL},
     "the company", NULL},
    {"Tarnfield Power raised its rates. Customers called the utility bills too high.\n", {"Tarnfield Power", NULL},
     "the utility", NULL},
    {"Pellmark Foods laid off 200 workers. They work for the company that owns the plant.\n",
     {"Pellmark Foods", NULL}, "the company", NULL},
    {"Pellmark Foods laid off workers. Drivers sued Velloc, the company that owns the trucks.\n",
     {"Pellmark Foods", NULL}, "the company", NULL},
    {"Pellmark Foods laid off workers. Consultants said data-management was the problem.\n",
     {"Pellmark Foods", NULL}, "management", NULL},
};

static void test_kind_links(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof link_cases / sizeof *link_cases; i++) {
        const link_case *c = &link_cases[i];
        stance_actor a[3];
        size_t n = 0;
        doc d;
        const char *got;
        for (; n < 3 && c->actors[n]; n++)
            a[n] = (stance_actor){c->actors[n], NULL, 0};
        doc_open(&d, c->text, n ? a : NULL, n);
        got = linked(&d, c->word, 1);
        if (c->want)
            assert_non_null(ent(&d, c->want));
        if (c->want ? !got || strcmp(got, c->want) != 0 : got != NULL)
            fail_msg("case %zu '%s': linked to '%s', want '%s'", i, c->word, got ? got : "(none)",
                     c->want ? c->want : "(none)");
        doc_close(&d);
    }
}

/* "the company" is something a later "they" points back to (mentions_pron.c
 * reads the title mentions): "They never listen" after "The company said". */
static void test_kind_then_they(void **state)
{
    static const stance_actor a[] = {{"Pellmark Foods", NULL, 0}, {"Rhea Tolliver", NULL, 0}};
    const char text[] = "Pellmark Foods laid off 200 workers at its Dayton plant on Friday.\n\n"
                        "The layoffs came after a weak quarter, analysts said. Sales fell 12 percent.\n\n"
                        "\"They promised us these jobs were safe,\" said Rhea Tolliver, a baker.\n\n"
                        "The company said it would review the plan. \"They never listen,\" Tolliver said.\n";
    const char *p = strstr(text, "They never");
    const stance_ent *e;
    int found = 0;
    doc d;
    (void)state;
    doc_open(&d, text, a, 2);
    e = ent(&d, "Pellmark Foods");
    for (size_t k = 0; k < e->n_more; k++)
        found |= e->more[k].span.start == (size_t)(p - text) && e->more[k].kind == STANCE_MK_PRONOUN;
    assert_true(found);
    doc_close(&d);
}

/* "the firm" is no he/she (link32): a caller's company named like a person
 * ("Morrow Stanley": a person of unknown gender by its name) took "his" and
 * "he" by recency through its "the firm". */
static void test_kind_not_he(void **state)
{
    static const stance_actor a[] = {{"Morrow Stanley", NULL, 0}, {"Peter Vance", NULL, 0}};
    const char text[] = "Morrow Stanley shares fell in May.\n\n"
                        "More recently, Morrow Stanley's top trader, Peter Vance, left the firm. After several deals "
                        "on his own, he merged with another fund.\n";
    const char *p = strstr(text, "his own");
    const stance_ent *e;
    int found = 0;
    doc d;
    (void)state;
    doc_open(&d, text, a, 2);
    assert_non_null(linked(&d, "the firm", 1));
    assert_string_equal(linked(&d, "the firm", 1), "Morrow Stanley");
    e = ent(&d, "Peter Vance");
    for (size_t k = 0; k < e->n_more; k++)
        found |= e->more[k].span.start == (size_t)(p - text) && e->more[k].kind == STANCE_MK_PRONOUN;
    assert_true(found);
    doc_close(&d);
}

/* The kinds by name and by noun. */
static void test_kinds(void **state)
{
    static const struct {
        const char *name;
        unsigned kind;
    } names[] = {
        {"Pellmark Foods", STANCE_OK_COMPANY},
        {"Harwick Corp.", STANCE_OK_COMPANY},
        {"Skylane Air", STANCE_OK_AIRLINE | STANCE_OK_COMPANY},
        {"Bakery Workers Local 14", STANCE_OK_UNION},
        {"Harwick Medical Center", STANCE_OK_HOSPITAL},
        {"Bank of Ashford", STANCE_OK_BANK | STANCE_OK_COMPANY},
        {"Department of Labor", STANCE_OK_AGENCY},
        /* link38: a labour word and an "Association"/"Federation" head; "&" before the last word */
        {"Dunmore Education Association", STANCE_OK_UNION},
        {"Association of Ferry Pilots", STANCE_OK_UNION},
        {"Harlan Federation of Teachers", STANCE_OK_UNION},
        {"Harlan Rifle Association", 0},
        {"Tarnfield Power & Light", STANCE_OK_UTILITY | STANCE_OK_COMPANY},
        {"Pellmark & Vance", STANCE_OK_COMPANY},
        {"Tom Park", 0},
        {"Pellmark", 0},
        {"Air Force", 0},
    };
    (void)state;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (stance_org_name_kind(names[i].name, strlen(names[i].name)) != names[i].kind)
            fail_msg("%s: kind %x, want %x", names[i].name,
                     stance_org_name_kind(names[i].name, strlen(names[i].name)), names[i].kind);
    assert_int_equal(stance_org_noun_kind("maker", 0, 5), STANCE_OK_COMPANY);
    assert_int_equal(stance_org_noun_kind("Carrier", 0, 7), STANCE_OK_AIRLINE);
    assert_int_equal(stance_org_noun_kind("senator", 0, 7), 0);
    assert_true(stance_org_kinds_fit(stance_org_noun_kind("the company", 4, 11), "Skylane Air", 11));
    assert_false(stance_org_kinds_fit(stance_org_noun_kind("the airline", 4, 11), "Corvane Foods", 13));
    assert_true(stance_org_kinds_fit(stance_org_noun_kind("the group", 4, 9), "Corvane Foods", 13));
    /* any organisation's board */
    assert_true(stance_org_kinds_fit(stance_org_noun_kind("the board", 4, 9), "Dayton Tribune", 14));
    /* a place's kind fits no organisation noun */
    assert_false(stance_org_kinds_fit(STANCE_OK_HOSPITAL, "Marlow County", 13));
}

/* Speakers as stance_classify() reports them. */
typedef struct spk_case {
    const char *text, *head, *speaker;
    const char *actor, *alias; /* one caller's actor with one alias, or NULL */
} spk_case;

static const spk_case spk_cases[] = {
    /* "the company" speaks for a company whose last word the lexicon did not know as one */
    {"Corvane Logistics laid off 200 workers on Tuesday.\n\nIn a statement, the company called the vote \"a "
     "disappointment for everyone.\"\n",
     "a disappointment", "Corvane Logistics", NULL, NULL},
    {"Pellmark Logistics laid off 200 workers on Tuesday.\n\nIn a statement, the company called the vote \"a "
     "disappointment for everyone.\"\n",
     "a disappointment", "Pellmark Logistics", NULL, NULL},
    /* a noun of another kind does not name it */
    {"Corvane Foods laid off 200 workers on Tuesday.\n\nIn a statement, the airline called the vote \"a "
     "disappointment for everyone.\"\n",
     "a disappointment", "the airline", NULL, NULL},
    {"Skylane Air laid off 200 workers on Tuesday.\n\nIn a statement, the airline called the vote \"a "
     "disappointment for everyone.\"\n",
     "a disappointment", "Skylane Air", NULL, NULL},
    /* a short form or an acronym: the full name the article gives */
    {"Pellmark Foods laid off 200 workers on Tuesday.\n\n\"We regret the decision,\" Pellmark said in a "
     "statement.\n",
     "We regret", "Pellmark Foods", NULL, NULL},
    {"The Commerce and Competition Authority opened an inquiry on Monday.\n\n\"We will look at the cuts,\" the CCA "
     "said.\n",
     "We will look", "Commerce and Competition Authority", NULL, NULL},
    /* the caller's actor for its alias */
    {"The regulator opened an inquiry on Monday.\n\n\"We will look at the cuts,\" the CCA said.\n", "We will look",
     "Commerce and Competition Authority", "Commerce and Competition Authority", "CCA"},
    /* a place is no short form of a newspaper; two organisations open with the word: neither */
    {"The Dayton Tribune ran the story.\n\n\"We will stay,\" Dayton said.\n", "We will stay", "Dayton", NULL, NULL},
    {"Pellmark Foods and Pellmark Logistics split in May.\n\n\"We regret it,\" Pellmark said.\n", "We regret",
     "Pellmark", NULL, NULL},
};

static void test_kind_speakers(void **state)
{
    const stance_model *m = *state;
    for (size_t i = 0; i < sizeof spk_cases / sizeof *spk_cases; i++) {
        const spk_case *c = &spk_cases[i];
        const char *aliases[1] = {c->alias};
        stance_actor a = {c->actor, c->alias ? aliases : NULL, c->alias ? 1u : 0u};
        stance_input in = STANCE_INPUT_INIT;
        stance_result *res = NULL;
        const stance_quote *q = NULL;
        const char *p = strstr(c->text, c->head);
        assert_non_null(p);
        in.text = c->text;
        in.text_len = strlen(c->text);
        if (c->actor)
            in.actors = &a, in.n_actors = 1;
        assert_int_equal(stance_classify(m, &in, NULL, &res, NULL), STANCE_OK);
        for (size_t k = 0; k < stance_result_count(res); k++)
            if (stance_result_quote(res, k)->span.start == (size_t)(p - c->text))
                q = stance_result_quote(res, k);
        if (!q || !q->speaker || strcmp(q->speaker, c->speaker) != 0)
            fail_msg("case %zu '%s': speaker '%s', want '%s'", i, c->head, q && q->speaker ? q->speaker : "(none)",
                     c->speaker);
        stance_result_free(res);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_kind_links),
        cmocka_unit_test(test_kind_then_they),
        cmocka_unit_test(test_kind_not_he),
        cmocka_unit_test(test_kind_speakers),
    };
    return cmocka_run_group_tests(tests, testutil_group_open_model, testutil_group_free_model);
}
