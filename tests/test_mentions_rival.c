/* test_mentions_rival.c - rival references (issue #19 item 1, link34): "my
 * opponent", "the other guy" in a quote and "his opponent", "X's rival"
 * anywhere, an epithet mention (rule rival) of the owner's rival
 * (lib/mentions_rival.c). Texts written for these tests. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mentions_int.h"
#include "quotes.h"

#include "mentions_doc.h"

/* The "more" mention of @p e that starts where @p words first occur, or NULL. */
static const stance_mention *more_at(const doc *d, const stance_ent *e, const char *words)
{
    const char *p = strstr(d->text, words);
    assert_non_null(p);
    for (size_t k = 0; k < e->n_more; k++)
        if (e->more[k].span.start == (size_t)(p - d->text))
            return &e->more[k];
    return NULL;
}

/* Does any actor of @p d have a rival mention? */
static int any_rival(const doc *d)
{
    for (size_t i = 0; i < d->ents.n; i++)
        for (size_t k = 0; k < d->ents.e[i].n_more; k++)
            if (d->ents.e[i].more[k].rule == STANCE_MR_RIVAL)
                return 1;
    return 0;
}

static void assert_rival(const doc *d, const char *name, const char *words)
{
    const stance_mention *m = more_at(d, ent(d, name), words);
    assert_non_null(m);
    assert_int_equal(m->kind, STANCE_MK_EPITHET);
    assert_int_equal(m->rule, STANCE_MR_RIVAL);
    assert_int_equal(m->span.end - m->span.start, strlen(words));
}

static const stance_actor two[] = {{"Ann Lopez", NULL, 0}, {"Bob Reyes", NULL, 0}};

/* The issue's three lines: "my opponent" and "the other guy" of the speaker,
 * "his opponent" of the possessive's owner, whose "his" is no mention of him. */
static void test_issue_lines(void **state)
{
    const char text[] = "Senator Ann Lopez and Governor Bob Reyes are running for president.\n\n"
                        "Lopez attacked her rival on Tuesday. \"My opponent has never created a single job,\" "
                        "Lopez said.\n\n"
                        "\"The other guy is a fraud,\" she told reporters. \"His opponent is lying,\" said Reyes "
                        "spokesman Tim Cole.\n";
    doc d;
    (void)state;
    doc_open(&d, text, two, 2);
    assert_rival(&d, "Bob Reyes", "her rival");
    assert_rival(&d, "Bob Reyes", "My opponent");
    assert_rival(&d, "Bob Reyes", "The other guy");
    assert_rival(&d, "Ann Lopez", "His opponent");
    assert_null(more_at(&d, ent(&d, "Bob Reyes"), "His opponent")); /* "His" is Reyes's no more */
    assert_null(more_at(&d, ent(&d, "Ann Lopez"), "her rival"));
    doc_close(&d);
}

/* Every trigger word in every case it is read in (lower, capitalised,
 * capitals), found by the sixteen-byte scan and by the scalar tail at the
 * end of the text; a trigger glued into a longer word is none. */
static void test_trigger_cases(void **state)
{
    const char text[] = "Senator Ann Lopez and Governor Bob Reyes are running for president. Arrival, rivalry and "
                        "opponents came up.\n\n"
                        "\"The other CANDIDATE will fail,\" Lopez said. \"THE OTHER GUY is no friend,\" she "
                        "added.\n\n"
                        "Reyes called Lopez's Challenger spirit odd. \"My Opponent lies,\" Reyes said. Lopez "
                        "mocked her RIVAL";
    doc d;
    (void)state;
    doc_open(&d, text, two, 2);
    assert_rival(&d, "Bob Reyes", "The other CANDIDATE");
    assert_rival(&d, "Bob Reyes", "THE OTHER GUY");
    assert_rival(&d, "Ann Lopez", "My Opponent");
    assert_rival(&d, "Bob Reyes", "her RIVAL"); /* the last bytes of the text: the scalar tail */
    assert_null(more_at(&d, ent(&d, "Ann Lopez"), "rivalry"));
    assert_null(more_at(&d, ent(&d, "Bob Reyes"), "rivalry"));
    doc_close(&d);
}

/* A name right after (or before) the phrase is the rival, whatever the counts. */
static void test_apposed(void **state)
{
    static const stance_actor a[] = {{"Ann Lopez", NULL, 0}, {"Bob Reyes", NULL, 0}, {"Carl Moss", NULL, 0}};
    const char text[] = "Ann Lopez spoke in Dayton. Lopez and Bob Reyes will debate. Lopez said she would win.\n\n"
                        "In the primary, her rival, Sen. Carl Moss, spent more money. Carl Moss, her former "
                        "opponent, did not comment. Carl Moss, his longtime rival, waited.\n";
    doc d;
    (void)state;
    doc_open(&d, text, a, 3);
    assert_rival(&d, "Carl Moss", "her rival");
    assert_rival(&d, "Carl Moss", "her former opponent");
    assert_rival(&d, "Carl Moss", "his longtime rival"); /* "his" was read as Moss's: not in apposition */
    assert_null(more_at(&d, ent(&d, "Bob Reyes"), "her rival"));
    doc_close(&d);
}

/* No rival the article shows: three persons named alike, a non-actor named
 * after the phrase, "the other side", a quote inside the quote, a plural. */
static void test_no_rival(void **state)
{
    static const stance_actor a[] = {{"Tom Park", NULL, 0}, {"Lena Ito", NULL, 0}, {"Raj Dev", NULL, 0}};
    const char text1[] = "Tom Park, Lena Ito and Raj Dev met on Monday. Park, Ito and Dev disagreed.\n\n"
                         "Park said on Tuesday that his opponent had lied. \"My rival is weak,\" Park said.\n";
    const char text2[] = "Senator Ann Lopez and Governor Bob Reyes are running for president.\n\n"
                         "Lopez praised her opponent, Mayor Dale Finch, on Monday. \"People on the other side of the "
                         "Atlantic are watching,\" Lopez said. \"He told me, \xE2\x80\x98my opponent is a "
                         "crook,\xE2\x80\x99 and laughed,\" Reyes said. \"His opponents are many,\" Lopez said. "
                         "\"Her rival campaign is broke,\" Reyes said.\n";
    doc d;
    (void)state;
    doc_open(&d, text1, a, 3);
    assert_false(any_rival(&d));
    doc_close(&d);
    doc_open(&d, text2, two, 2);
    assert_false(any_rival(&d));
    doc_close(&d);
}

/* In the middle of a sentence with no rival found, "his" stays its owner's
 * ("Park encouraged spying on his opponent" is about Park). */
static void test_owner_kept(void **state)
{
    static const stance_actor a[] = {{"Tom Park", NULL, 0}, {"Lena Ito", NULL, 0}, {"Raj Dev", NULL, 0}};
    const char text[] = "Tom Park, Lena Ito and Raj Dev met on Monday. Park, Ito and Dev disagreed.\n\n"
                        "\"Park urged spying on his opponent,\" Ito said.\n";
    doc d;
    const stance_mention *m;
    (void)state;
    doc_open(&d, text, a, 3);
    m = more_at(&d, ent(&d, "Tom Park"), "his opponent");
    assert_non_null(m);
    assert_int_equal(m->kind, STANCE_MK_PRONOUN);
    doc_close(&d);
}

/* Does actor @p e have a name mention that starts where @p words first occur? */
static int name_at(const doc *d, const stance_ent *e, const char *words)
{
    const char *p = strstr(d->text, words);
    assert_non_null(p);
    for (size_t k = 0; k < e->n_mentions; k++)
        if (e->mentions[k].start == (size_t)(p - d->text))
            return 1;
    return 0;
}

/* "X's opponent" as "his opponent": the possessive name is no mention of its
 * owner when the rival is found or the phrase opens its sentence, and stays
 * one in the middle of a sentence with no rival found. */
static void test_possessive_owner(void **state)
{
    static const stance_actor a[] = {{"Tom Park", NULL, 0}, {"Lena Ito", NULL, 0}, {"Raj Dev", NULL, 0}};
    const char text[] = "Senator Ann Lopez and Governor Bob Reyes are running for president.\n\n"
                        "\"Lopez's opponent is lying,\" said Reyes spokesman Tim Cole. Lopez's rival, Bob Reyes, "
                        "spoke later.\n";
    const char kept[] = "Tom Park, Lena Ito and Raj Dev met on Monday. Park, Ito and Dev disagreed.\n\n"
                        "\"Ito urged spying on Park's opponent,\" Dev said.\n";
    doc d;
    (void)state;
    doc_open(&d, text, two, 2);
    assert_true(name_at(&d, ent(&d, "Ann Lopez"), "Ann Lopez"));
    assert_false(name_at(&d, ent(&d, "Ann Lopez"), "Lopez's opponent"));
    assert_false(name_at(&d, ent(&d, "Ann Lopez"), "Lopez's rival"));
    assert_rival(&d, "Bob Reyes", "Lopez's rival");
    doc_close(&d);
    doc_open(&d, kept, a, 3);
    assert_true(name_at(&d, ent(&d, "Tom Park"), "Park's opponent"));
    doc_close(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_issue_lines),
        cmocka_unit_test(test_trigger_cases),
        cmocka_unit_test(test_apposed),
        cmocka_unit_test(test_no_rival),
        cmocka_unit_test(test_owner_kept),
        cmocka_unit_test(test_possessive_owner),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
