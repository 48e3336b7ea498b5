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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_legislature_by_head),
        cmocka_unit_test(test_legislature_discovered),
        cmocka_unit_test(test_legislature_lexicon),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
