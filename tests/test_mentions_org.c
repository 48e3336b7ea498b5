/* test_mentions_org.c - organisations referred to by what they are (issue #19,
 * link27): "the legislature" for a caller's "State Legislature", the head rule
 * of lib/mentions.c (org_by_head()) once the lexicon knows the word as an
 * organisation's. Texts written for these tests. */
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
#include "quotes.h"

#include "mentions_doc.h"

/* The mention of @p e that starts where @p word first occurs in the text, or NULL. */
static const stance_mention *mention_at(const doc *d, const stance_ent *e, const char *word)
{
    const char *p = strstr(d->text, word);
    assert_non_null(p);
    for (size_t k = 0; k < e->n_more; k++)
        if (e->more[k].span.start == (size_t)(p - d->text))
            return &e->more[k];
    return NULL;
}

/* "the legislature" for "State Legislature": the name's last word is its head,
 * and without "legislature" in the lexicon the name read as a person's ("Tom
 * Legislature"), so no head was registered and "She" was its pronoun. */
static void test_legislature_by_head(void **state)
{
    static const stance_actor a[] = {{"State Legislature", NULL, 0}, {"Mara Quinn", NULL, 0}};
    const char text[] = "The State Legislature met on Monday to debate the recount bill.\n\n"
                        "\"She has ignored the problem,\" said Tova Brand, a poll worker.\n\n"
                        "\"The legislature has ignored this problem for years,\" said Mara Quinn, a county clerk.\n";
    doc d;
    const stance_ent *e;
    const stance_mention *m;
    (void)state;
    doc_open(&d, text, a, 2);
    e = ent(&d, "State Legislature");
    assert_false(stance_person_like(e));
    m = mention_at(&d, e, "The legislature");
    assert_non_null(m);
    assert_int_equal(m->span.end - m->span.start, strlen("The legislature"));
    assert_int_equal(m->kind, STANCE_MK_TITLE);
    assert_int_equal(m->rule, STANCE_MR_ORG_HEAD);
    assert_null(mention_at(&d, e, "She")); /* an organisation is no he/she */
    doc_close(&d);
}

/* A discovered "Ohio Legislature" (named twice) is an organisation by its
 * head noun only (no caller's actor is free to be one by any head). */
static void test_legislature_discovered(void **state)
{
    const char text[] = "The Ohio Legislature met on Monday to debate the recount bill. Leaders of the Ohio "
                        "Legislature said a vote could come this week.\n\n"
                        "\"The legislature has ignored this problem for years,\" said Mara Quinn, a county clerk.\n";
    doc d;
    const stance_mention *m;
    (void)state;
    doc_open(&d, text, NULL, 0);
    m = mention_at(&d, ent(&d, "Ohio Legislature"), "The legislature");
    assert_non_null(m);
    assert_int_equal(m->kind, STANCE_MK_TITLE);
    assert_int_equal(m->rule, STANCE_MR_ORG_HEAD);
    doc_close(&d);
}

/* The word is an organisation noun, lowercase as the lexicon keeps them. */
static void test_legislature_lexicon(void **state)
{
    (void)state;
    assert_true(stance_lex_is("legislature", 11, STANCE_LX(ORG_NOUN)));
    assert_true(stance_lex_is("legislature", 11, STANCE_LX(NONPERSON_LAST)));
}

/* The kind of @p e's name mention (name, alias, surname) that starts at the
 * @p nth occurrence (from 1) of @p word in the text, or -1 when none does. */
static int name_kind_at(const doc *d, const stance_ent *e, const char *word, int nth)
{
    const char *p = d->text - 1;
    for (int i = 0; i < nth; i++)
        assert_non_null(p = strstr(p + 1, word));
    for (size_t k = 0; k < e->n_mentions; k++)
        if (e->mentions[k].start == (size_t)(p - d->text))
            return e->kinds[k];
    return -1;
}

/* An organisation has no surname (issue #19, link28; ut11 REPORT11 C): the
 * last word of "Brackenridge City Council" in "Council member Ramsey", of
 * "Office of the Attorney General" in "Attorney General Achterberg", is no
 * mention of the body; a person's surname still is ("Ramsey"). */
static void test_org_no_surname(void **state)
{
    static const stance_actor a[] = {{"Brackenridge City Council", NULL, 0},
                                     {"Office of the Attorney General", NULL, 0},
                                     {"Odette Ramsey", NULL, 0}};
    const char text[] = "The Brackenridge City Council voted on the bike lanes on Monday.\n\n"
                        "\"Council member Ramsey has fought this plan for years,\" Mayor Tom Ito said.\n\n"
                        "\"Attorney General Achterberg will not sign it,\" said Ann Cole.\n";
    doc d;
    (void)state;
    doc_open(&d, text, a, 3);
    assert_int_equal(name_kind_at(&d, ent(&d, "Brackenridge City Council"), "Brackenridge City Council", 1),
                     STANCE_MK_NAME);
    assert_int_equal(name_kind_at(&d, ent(&d, "Brackenridge City Council"), "Council member", 1), -1);
    assert_int_equal(name_kind_at(&d, ent(&d, "Office of the Attorney General"), "General", 1), -1);
    assert_int_equal(name_kind_at(&d, ent(&d, "Odette Ramsey"), "Ramsey", 1), STANCE_MK_SURNAME);
    doc_close(&d);
}

/* What an organisation's last word still names: its own head noun after a
 * determiner ("the Committee"), and a shorter form of its name
 * ("the state's Democratic Party" for "Florida Democratic Party"); not the
 * same word of another body ("the Green Party", "Rules Committee"). */
static void test_org_head_and_short_form(void **state)
{
    static const stance_actor a[] = {{"Florida Democratic Party", NULL, 0}, {"Budget Committee", NULL, 0}};
    const char text[] = "The Florida Democratic Party sued on Monday. The party said the state's Democratic Party "
                        "would not back down, and the Green Party agreed.\n\n"
                        "\"The Committee will vote on Friday, not the Rules Committee,\" Ann Cole said.\n";
    doc d;
    const stance_ent *p, *c;
    (void)state;
    doc_open(&d, text, a, 2);
    p = ent(&d, "Florida Democratic Party");
    c = ent(&d, "Budget Committee");
    assert_int_equal(name_kind_at(&d, p, "Party would", 1), STANCE_MK_SURNAME);
    assert_int_equal(name_kind_at(&d, p, "Party agreed", 1), -1);
    assert_int_equal(name_kind_at(&d, c, "Committee will", 1), STANCE_MK_SURNAME);
    assert_int_equal(name_kind_at(&d, c, "Committee,", 1), -1);
    doc_close(&d);
}

/* The short form of a name whose first word has a hyphen ("Alder-Finch
 * Housing Policy Center": "the Policy Center") is its mention too: the word
 * walk over the name once stopped at the hyphen (link29). */
static void test_org_short_form_hyphen(void **state)
{
    static const stance_actor a[] = {{"Alder-Finch Housing Policy Center", NULL, 0}};
    const char text[] = "The Alder-Finch Housing Policy Center released a study on Monday. The Policy Center said "
                        "rents rose, and the Civic Center agreed.\n";
    doc d;
    const stance_ent *e;
    (void)state;
    doc_open(&d, text, a, 1);
    e = ent(&d, "Alder-Finch Housing Policy Center");
    assert_int_equal(name_kind_at(&d, e, "Center said", 1), STANCE_MK_SURNAME);
    assert_int_equal(name_kind_at(&d, e, "Center agreed", 1), -1);
    doc_close(&d);
}

/* A name ending in an abbreviation with its dot is an organisation's
 * ("Harwick Corp.", "Ford Motor Co.": the lexicon holds "corp", "co"): no
 * "he" for it, and no surname mention of its "Corp." in another company's
 * name. A person's "Jr." is no such word. */
static void test_org_abbreviation_dot(void **state)
{
    static const stance_actor a[] = {{"Harwick Corp.", NULL, 0}, {"Ford Motor Co.", NULL, 0}};
    const char text[] = "Harwick Corp. moved 300 jobs to Ohio, and its rival Delmont Corp. followed. Ford Motor "
                        "Co. stayed.\n\n"
                        "\"He broke his word to this town,\" said Ann Cole, a welder.\n";
    doc d;
    const stance_ent *h;
    (void)state;
    doc_open(&d, text, a, 2);
    h = ent(&d, "Harwick Corp.");
    assert_false(stance_person_like(h));
    assert_false(stance_person_like(ent(&d, "Ford Motor Co.")));
    assert_true(stance_mentions_name_person("Tom Park Jr."));
    assert_true(stance_mentions_name_person("Cuba Gooding Jr."));
    assert_int_equal(name_kind_at(&d, h, "Corp.", 2), -1);
    assert_null(mention_at(&d, h, "He broke"));
    assert_null(mention_at(&d, ent(&d, "Ford Motor Co."), "He broke"));
    doc_close(&d);
}

/* An organisation's head is the word before its first "of" even after an
 * abbreviation with dots: "U.S. Court of Appeals for the Ninth Circuit" is a
 * court ("the court"), not a person named "Circuit" (org_head() stopped at
 * the first dot and took the last word). */
static void test_org_head_after_dots(void **state)
{
    static const stance_actor a[] = {{"U.S. Court of Appeals for the Ninth Circuit", NULL, 0}};
    const char text[] = "The U.S. Court of Appeals for the Ninth Circuit ruled on Friday.\n\n"
                        "\"The court got this exactly right,\" said Ann Cole, a lawyer for the county.\n";
    doc d;
    const stance_ent *e;
    const stance_mention *m;
    (void)state;
    assert_false(stance_mentions_name_person("U.S. Court of Appeals for the Ninth Circuit"));
    assert_false(stance_mentions_name_person("U.S. Court of Appeals"));
    doc_open(&d, text, a, 1);
    e = ent(&d, "U.S. Court of Appeals for the Ninth Circuit");
    m = mention_at(&d, e, "The court");
    assert_non_null(m);
    assert_int_equal(m->rule, STANCE_MR_ORG_HEAD);
    doc_close(&d);
}

/* Its word written as a modifier is no mention of it, but it shows the
 * organisation is in the article: "this board" in a later quote is the
 * caller's board ("the <head>" ties the organisation mentioned last). */
static void test_org_modifier_shows_presence(void **state)
{
    static const stance_actor a[] = {{"Ashford Unified School District Board", NULL, 0}};
    const char text[] = "Board member Curtis Hale voted no on Tuesday.\n\n"
                        "\"Nobody on this board has explained the bus routes,\" said Rachel Dimitrov, a parent.\n";
    doc d;
    (void)state;
    doc_open(&d, text, a, 1);
    assert_int_equal(name_kind_at(&d, ent(&d, "Ashford Unified School District Board"), "Board member", 1), -1);
    const stance_ent *e = ent(&d, "Ashford Unified School District Board");
    const size_t at = (size_t)(strstr(text, "this board") - text);
    int tied = 0;
    for (size_t k = 0; k < e->n_more; k++)
        tied |= e->more[k].span.start == at && e->more[k].kind == STANCE_MK_TITLE;
    assert_true(tied);
    doc_close(&d);
}

/* A caller's actor named as a place by its first word ("North Carolina":
 * STATE_FIRST; "New Hampshire", "South Korea") with no given name in it is
 * no person (issue #19, link29): no "She" by recency, no learned gender, no
 * surname mention of its last word in another place's name ("South
 * Carolina"), and no "they" by recency either. A person whose given name is
 * a place's ("Georgia Pell") or whose name a description opens
 * ("Texas-based Dan Korr") stays a person. */
static void test_place_named_actor(void **state)
{
    static const stance_actor a[] = {{"North Carolina", NULL, 0}, {"Georgia Pell", NULL, 0}};
    const char text[] = "Voters in North Carolina waited for hours on Tuesday, and South Carolina votes next week.\n\n"
                        "\"She has let the lines grow every year,\" said Odell Varga, a poll worker.\n\n"
                        "\"She fixed the machines herself,\" Georgia Pell said of the county clerk.\n\n"
                        "North Carolina added two polling stations. They opened at dawn.\n";
    doc d;
    const stance_ent *e;
    (void)state;
    assert_true(stance_mentions_place_name("North Carolina"));
    assert_true(stance_mentions_place_name("South Korea"));
    assert_false(stance_mentions_place_name("Georgia Pell"));
    assert_false(stance_mentions_place_name("Texas-based Dan Korr"));
    assert_false(stance_mentions_place_name("Florida Democratic Party")); /* an organisation, not a place */
    doc_open(&d, text, a, 2);
    e = ent(&d, "North Carolina");
    assert_false(stance_person_like(e));
    assert_null(mention_at(&d, e, "She has"));
    assert_null(mention_at(&d, e, "She fixed"));
    assert_int_equal(name_kind_at(&d, e, "Carolina votes", 1), -1);
    assert_null(mention_at(&d, e, "They opened")); /* no "they" either: a place is no organisation */
    assert_true(stance_person_like(ent(&d, "Georgia Pell")));
    doc_close(&d);
}

/* A discovered place takes no "they" either (issue #19, disc11): "U.S." by
 * the lexicon (PLACE_FIRST), "N.H." because the article writes it after
 * "across", and a discovered name of a place's first word as a caller's
 * place is. */
static void test_discovered_place(void **state)
{
    const char text[] = "Families fleeing the violence keep arriving at the U.S. border, and the U.S. is not ready. "
                        "Many reach the U.S. They will wait for months, said Carla Ruiz, a lawyer in El Paso.\n\n"
                        "\"The U.S. has promised help,\" Ruiz said.\n\n"
                        "Volunteers drove across N.H. on Monday. N.H. has long welcomed them, and N.H. paid for their "
                        "buses. They handed out water in towns along the coast.\n";
    doc d;
    const stance_ent *us, *nh;
    (void)state;
    doc_open(&d, text, NULL, 0);
    us = ent(&d, "U.S.");
    nh = ent(&d, "N.H.");
    assert_true(us->place);
    assert_true(nh->place);
    assert_null(mention_at(&d, us, "They will"));
    assert_null(mention_at(&d, nh, "them,"));
    assert_null(mention_at(&d, nh, "their buses"));
    assert_null(mention_at(&d, nh, "They handed"));
    assert_false(ent(&d, "Carla Ruiz")->place);
    doc_close(&d);
}

/* Does actor @p e have a name mention at the first occurrence of @p word? */
static int name_at(const doc *d, const stance_ent *e, const char *word)
{
    const char *p = strstr(d->text, word);
    assert_non_null(p);
    for (size_t k = 0; k < e->n_mentions; k++)
        if (e->mentions[k].start == (size_t)(p - d->text))
            return 1;
    return 0;
}

/* A place's name before a person noun is the people's, no mention of the
 * place (link32): "U.S. officials", "Ohio voters", "the Vermont senator". */
static void test_place_before_person_noun(void **state)
{
    static const stance_actor a[] = {{"North Carolina", NULL, 0}, {"Dana Whitlock", NULL, 0}};
    const char text[] = "Lawmakers in North Carolina passed the bill on Monday. North Carolina lawmakers said it "
                        "would stand. The North Carolina senator Dana Whitlock praised it, and North Carolina "
                        "voters will decide.\n\n\"North Carolina deserves better,\" Whitlock said.\n";
    const char text2[] = "Families keep arriving at the U.S. border, and the U.S. is not ready. U.S. officials said "
                         "more would come. \"The U.S. has promised help,\" said Carla Ruiz, a lawyer. The U.S. "
                         "presidential candidate said nothing, and U.S. voters are tired.\n";
    doc d;
    const stance_ent *e;
    (void)state;
    doc_open(&d, text, a, 2);
    e = ent(&d, "North Carolina");
    assert_true(e->place);
    assert_true(name_at(&d, e, "North Carolina passed"));
    assert_false(name_at(&d, e, "North Carolina lawmakers"));
    assert_false(name_at(&d, e, "North Carolina senator"));
    assert_false(name_at(&d, e, "North Carolina voters"));
    assert_true(name_at(&d, e, "North Carolina deserves"));
    doc_close(&d);
    doc_open(&d, text2, NULL, 0);
    e = ent(&d, "U.S.");
    assert_true(name_at(&d, e, "U.S. border"));
    assert_true(name_at(&d, e, "U.S. is not"));
    assert_false(name_at(&d, e, "U.S. officials"));
    assert_false(name_at(&d, e, "U.S. presidential"));
    assert_false(name_at(&d, e, "U.S. voters"));
    assert_true(name_at(&d, e, "U.S. has promised"));
    doc_close(&d);
}

/* A discovered organisation's last word alone after or before "of" names
 * another body (link35): "secretary of State", "the State of the Union",
 * "the University of Ohio" are no mentions of "Islamic State" or "Pelham
 * University"; "pro-Islamic State" still is. */
static void test_discovered_org_of_phrase(void **state)
{
    const char text[] = "The Islamic State attacked the town on Monday. Islamic State fighters fled, and pro-Islamic "
                        "State accounts went quiet.\n\nClinton, a former secretary of State, spoke before the State of "
                        "the Union address. Pelham University and Pelham University staff agreed, a professor at the "
                        "University of Ohio said.\n";
    doc d;
    const stance_ent *is, *pu;
    (void)state;
    doc_open(&d, text, NULL, 0);
    is = ent(&d, "Islamic State");
    pu = ent(&d, "Pelham University");
    assert_true(name_at(&d, is, "State accounts"));
    assert_false(name_at(&d, is, "State, spoke"));
    assert_false(name_at(&d, is, "State of"));
    assert_false(name_at(&d, pu, "University of"));
    doc_close(&d);
}

/* A surname in brackets right after another first name is that other
 * person's (link35): "not Ray [Vance]" is no mention of Nora Vance, "Nora
 * [Vance]" is. */
static void test_bracket_other_first_name(void **state)
{
    static const stance_actor a[] = {{"Nora Vance", NULL, 0}};
    const char text[] = "Nora Vance spoke on Monday.\n\n\"Nobody, not me, not Ray [Vance], is as ready as Nora "
                        "[Vance] is,\" said Tom Ortiz.\n";
    doc d;
    const stance_ent *e;
    (void)state;
    doc_open(&d, text, a, 1);
    e = ent(&d, "Nora Vance");
    assert_false(name_at(&d, e, "Vance], is as"));
    assert_true(name_at(&d, e, "Vance] is,"));
    doc_close(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_legislature_by_head),
        cmocka_unit_test(test_legislature_discovered),
        cmocka_unit_test(test_legislature_lexicon),
        cmocka_unit_test(test_org_no_surname),
        cmocka_unit_test(test_org_head_and_short_form),
        cmocka_unit_test(test_org_short_form_hyphen),
        cmocka_unit_test(test_org_abbreviation_dot),
        cmocka_unit_test(test_org_head_after_dots),
        cmocka_unit_test(test_org_modifier_shows_presence),
        cmocka_unit_test(test_place_named_actor),
        cmocka_unit_test(test_discovered_place),
        cmocka_unit_test(test_place_before_person_noun),
        cmocka_unit_test(test_discovered_org_of_phrase),
        cmocka_unit_test(test_bracket_other_first_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
