/* test_quotes.c - quote extraction and speaker attribution (lib/quotes.c,
 * lib/names.c) on short articles written for these tests, one per pattern. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qfilter.h"
#include "quotes.h"
#include "quotes_int.h"
#include "speaker_names.h"
#include "testutil.h"

#define LQ "\xe2\x80\x9c" /* “ */
#define RQ "\xe2\x80\x9d" /* ” */
#define LS "\xe2\x80\x98" /* ‘ */
#define RS "\xe2\x80\x99" /* ’ */
#define MDASH "\xe2\x80\x94"

static int setup(void **state)
{
    stance_qpatterns *p = NULL;
    int rc = stance_quotes_compile(&p, NULL);
    *state = p;
    return rc;
}

static int teardown(void **state)
{
    stance_quotes_free(*state);
    return 0;
}

typedef struct run {
    stance_quotelist l;
    const char *text;
} run;

static void extract(void **state, const char *text, unsigned flags, run *r)
{
    stance_error err;
    memset(r, 0, sizeof *r);
    r->text = text;
    assert_int_equal(stance_quotes_extract(*state, text, strlen(text), flags, &r->l, &err), STANCE_OK);
}

/* The quote whose content starts with @p prefix. */
static const stance_rawquote *find(const run *r, const char *prefix)
{
    for (size_t i = 0; i < r->l.n; i++)
        if (strncmp(r->text + r->l.q[i].span.start, prefix, strlen(prefix)) == 0)
            return &r->l.q[i];
    fail_msg("no quote starting with \"%s\"", prefix);
    return NULL;
}

static void span_is(const run *r, stance_span s, const char *want)
{
    assert_true(s.start != STANCE_NO_OFFSET);
    assert_int_equal(s.end - s.start, strlen(want));
    assert_memory_equal(r->text + s.start, want, strlen(want));
}

static void check(const run *r, const char *prefix, stance_quote_type type, const char *speaker)
{
    const stance_rawquote *q = find(r, prefix);
    assert_int_equal(q->type, type);
    if (speaker) {
        assert_non_null(q->speaker);
        assert_string_equal(q->speaker, speaker);
    } else
        assert_null(q->speaker);
}

static void test_quotes_after_said(void **state)
{
    run r;
    extract(state,
            "\"We will rebuild the bridge,\" Jane Okafor said on Monday.\n\n"
            LQ "The money is there," RQ " said Tom Brandt.\n",
            0, &r);
    assert_int_equal(r.l.n, 2);
    check(&r, "We will", STANCE_QUOTE_DIRECT, "Jane Okafor");
    span_is(&r, find(&r, "We will")->span, "We will rebuild the bridge,");
    span_is(&r, find(&r, "We will")->speaker_span, "Jane Okafor");
    span_is(&r, find(&r, "We will")->cue_span, "said");
    check(&r, "The money", STANCE_QUOTE_DIRECT, "Tom Brandt");
    stance_quotelist_clear(&r.l);
}

/* Issue #15: one particle list for every scan ("ter" was missing from two of
 * three copies), and capitals by Unicode category ("\u0141" is Lu, which the
 * Latin-1 test in quotes.c did not know). */
static void test_quotes_particle_and_unicode_capital(void **state)
{
    run r;
    const stance_rawquote *q;
    extract(state,
            LQ "The harbour will be dredged this year," RQ " Gerard ter Horst said.\n\n"
            LQ "We need the permits first," RQ " \xc5\x81ukasz Nowak said.\n\n"
            LQ "Nobody asked the fishermen," RQ " said Anna van der Berg.\n",
            0, &r);
    check(&r, "The harbour", STANCE_QUOTE_DIRECT, "Gerard ter Horst");
    span_is(&r, find(&r, "The harbour")->speaker_span, "Gerard ter Horst");
    q = find(&r, "We need");
    check(&r, "We need", STANCE_QUOTE_DIRECT, "\xc5\x81ukasz Nowak");
    assert_null(q->role);
    span_is(&r, q->speaker_span, "\xc5\x81ukasz Nowak");
    check(&r, "Nobody asked", STANCE_QUOTE_DIRECT, "Anna van der Berg");
    stance_quotelist_clear(&r.l);
}

/* Each attributed quote names the rule that found its speaker (a quote that
 * inherits names the inheritance, not the other quote's rule). */
static void test_quotes_rule_ids(void **state)
{
    run r;
    extract(state,
            LQ "The bridge opens in May," RQ " Jane Okafor said.\n\n"
            "Tom Brandt said: " LQ "The money is there." RQ " " LQ "Nobody doubts it." RQ "\n\n"
            "According to Lena Fisk, " LQ "The budget is balanced." RQ "\n\n"
            "Pete Ruiz called the plan " LQ "a costly mistake" RQ " on Monday.\n",
            0, &r);
    assert_int_equal(find(&r, "The bridge")->rule, STANCE_RULE_AFTER);
    assert_int_equal(find(&r, "The money")->rule, STANCE_RULE_BEFORE);
    check(&r, "Nobody doubts", STANCE_QUOTE_DIRECT, "Tom Brandt");
    assert_int_equal(find(&r, "Nobody doubts")->rule, STANCE_RULE_INHERIT_PREV);
    assert_int_equal(find(&r, "The budget")->rule, STANCE_RULE_ACCORDING);
    check(&r, "a costly", STANCE_QUOTE_PARTIAL, "Pete Ruiz");
    assert_int_equal(find(&r, "a costly")->rule, STANCE_RULE_PARTIAL_BEFORE);
    assert_string_equal(stance_quotes_rule_name(STANCE_RULE_INHERIT_PREV), "inherit-prev");
    assert_string_equal(stance_quotes_rule_name(STANCE_RULE_COUNT), "?");
    assert_string_equal(stance_quotes_rule_name(-1), "?");
    for (int k = 0; k < STANCE_RULE_COUNT; k++)
        assert_string_not_equal(stance_quotes_rule_name(k), "?");
    stance_quotelist_clear(&r.l);
}

static void test_quotes_before_colon_and_plain(void **state)
{
    run r;
    extract(state,
            "Mayor Lena Fisk said: " LQ "The budget is balanced." RQ "\n\n"
            "Councilman Pete Ruiz said " LQ "Nobody believes that." RQ "\n\n"
            "Fisk told reporters, \"Read the numbers.\"\n",
            0, &r);
    check(&r, "The budget", STANCE_QUOTE_DIRECT, "Lena Fisk");
    check(&r, "Nobody", STANCE_QUOTE_DIRECT, "Pete Ruiz");
    check(&r, "Read the", STANCE_QUOTE_DIRECT, "Lena Fisk");
    span_is(&r, find(&r, "Read the")->cue_span, "told");
    stance_quotelist_clear(&r.l);
}

static void test_quotes_appositive_role(void **state)
{
    run r;
    const stance_rawquote *q;
    extract(state,
            "\"The port will stay open,\" Carla Mendes, the harbour master of Port Ellis, said.\n\n"
            "\"It was a fair deal,\" said Victor Lund, a lawyer for the union.\n",
            0, &r);
    q = find(&r, "The port");
    assert_string_equal(q->speaker, "Carla Mendes");
    assert_non_null(q->role);
    assert_string_equal(q->role, "the harbour master of Port Ellis");
    q = find(&r, "It was");
    assert_string_equal(q->speaker, "Victor Lund");
    assert_string_equal(q->role, "a lawyer for the union");
    stance_quotelist_clear(&r.l);
}

static void test_quotes_titles_initials_suffix(void **state)
{
    run r;
    extract(state,
            "\"This bill is dead,\" said Sen. Marta J. Quill (R-Fla.), who chairs the panel.\n\n"
            "\"We disagree,\" Rep. Owen Tate (D-Ore.) said.\n\n"
            "Gov. Hal Brewer spoke later. " LQ "No comment," RQ " Mr. Brewer said.\n",
            0, &r);
    check(&r, "This bill", STANCE_QUOTE_DIRECT, "Marta J. Quill");
    check(&r, "We disagree", STANCE_QUOTE_DIRECT, "Owen Tate");
    check(&r, "No comment", STANCE_QUOTE_DIRECT, "Hal Brewer");
    stance_quotelist_clear(&r.l);
    /* a sentence adverb or "Staff" before a name is no part of it; a first name in -ly is */
    extract(state,
            "Certainly Dario Fenn was not pleased. \"The pier is ours,\" he said.\n\n"
            "\"We will see,\" said White House Chief of Staff Ines Calloway.\n\n"
            "\"Not today,\" Kelly Brandt said.\n",
            0, &r);
    check(&r, "The pier is ours", STANCE_QUOTE_DIRECT, "Dario Fenn");
    check(&r, "We will see", STANCE_QUOTE_DIRECT, "Ines Calloway");
    check(&r, "Not today", STANCE_QUOTE_DIRECT, "Kelly Brandt");
    stance_quotelist_clear(&r.l);
}

static void test_quotes_longest_form(void **state)
{
    run r;
    extract(state,
            "Mousa Abu Marzouk, a senior official, spoke to the press.\n\n"
            "\"The talks are over,\" Abu Marzouk said.\n",
            0, &r);
    check(&r, "The talks", STANCE_QUOTE_DIRECT, "Mousa Abu Marzouk");
    span_is(&r, find(&r, "The talks")->speaker_span, "Abu Marzouk");
    stance_quotelist_clear(&r.l);
}

static void test_quotes_dash(void **state)
{
    run r;
    extract(state, "Readers wrote in.\n\n" LQ "Best paper in town." RQ " " MDASH " Ida Korhonen\n", 0, &r);
    check(&r, "Best paper", STANCE_QUOTE_DIRECT, "Ida Korhonen");
    stance_quotelist_clear(&r.l);
}

static void test_quotes_multi_paragraph(void **state)
{
    run r;
    const char *text = "Dr. Amal Haddad described the night.\n\n"
                       LQ "We had no power for six hours. The generators failed.\n\n"
                       LQ "By morning the wards were cold," RQ " Haddad said.\n";
    const stance_rawquote *q;
    extract(state, text, 0, &r);
    assert_int_equal(r.l.n, 1);
    q = &r.l.q[0];
    assert_string_equal(q->speaker, "Amal Haddad");
    assert_int_equal(q->span.start, strstr(text, "We had") - text);
    assert_int_equal(q->span.end, strstr(text, RQ " Haddad") - text);
    stance_quotelist_clear(&r.l);
}

static void test_quotes_nested_single(void **state)
{
    run r;
    extract(state,
            "\"They told us " LS "wait until spring" RS " and we waited,\" said Nora Blake.\n\n"
            "\"It's the tenants' money,\" Blake added.\n",
            0, &r);
    assert_int_equal(r.l.n, 2);
    span_is(&r, r.l.q[0].span, "They told us " LS "wait until spring" RS " and we waited,");
    check(&r, "It's the", STANCE_QUOTE_DIRECT, "Nora Blake");
    stance_quotelist_clear(&r.l);
}

static void test_quotes_partial(void **state)
{
    run r;
    const stance_rawquote *q;
    extract(state,
            "Senator Ruth Adler called the plan a \"gift to polluters\" on Friday.\n\n"
            "Ben Ortiz referred to it as " LQ "the deal of shame" RQ " in a speech.\n",
            0, &r);
    q = find(&r, "gift to");
    assert_int_equal(q->type, STANCE_QUOTE_PARTIAL);
    assert_string_equal(q->speaker, "Ruth Adler");
    span_is(&r, q->cue_span, "called");
    q = find(&r, "the deal");
    assert_int_equal(q->type, STANCE_QUOTE_PARTIAL);
    assert_string_equal(q->speaker, "Ben Ortiz");
    span_is(&r, q->cue_span, "referred to");
    stance_quotelist_clear(&r.l);
    extract(state, "Senator Ruth Adler called the plan a \"gift to polluters\" on Friday.\n",
            STANCE_OPT_NO_PARTIAL, &r);
    assert_int_equal(r.l.n, 0);
    stance_quotelist_clear(&r.l);
}

static void test_quotes_indirect_option(void **state)
{
    run r;
    const char *text = "The minister said that the tunnel would open in May.\n\n"
                       "According to Priya Nair, the contract was signed twice.\n\n"
                       "Costs have doubled since 2019, Nair said.\n";
    extract(state, text, 0, &r);
    assert_int_equal(r.l.n, 0);
    stance_quotelist_clear(&r.l);
    extract(state, text, STANCE_OPT_INDIRECT, &r);
    check(&r, "the tunnel", STANCE_QUOTE_INDIRECT, "The minister");
    check(&r, "the contract", STANCE_QUOTE_INDIRECT, "Priya Nair");
    check(&r, "Costs have", STANCE_QUOTE_INDIRECT, "Priya Nair");
    stance_quotelist_clear(&r.l);
}

static void test_quotes_pronoun_two_paragraphs_back(void **state)
{
    run r;
    extract(state,
            "Mrs. Greta Lindqvist, who runs the shelter, met Mr. Paul Varga on Tuesday.\n\n"
            "The shelter has room for forty people.\n\n"
            "\"We turn people away every night,\" she said.\n\n"
            "\"The city can do more,\" he said.\n",
            0, &r);
    check(&r, "We turn", STANCE_QUOTE_DIRECT, "Greta Lindqvist");
    span_is(&r, find(&r, "We turn")->speaker_span, "she");
    check(&r, "The city", STANCE_QUOTE_DIRECT, "Paul Varga");
    stance_quotelist_clear(&r.l);
}

static void test_quotes_inherit_next_paragraph(void **state)
{
    run r;
    extract(state,
            "\"The harvest was late,\" farmer Elio Conti said.\n\n"
            "\"Then the rain came and did not stop.\"\n\n"
            "\"Now we wait,\" Conti added. \"And we hope.\"\n",
            0, &r);
    assert_int_equal(r.l.n, 4);
    check(&r, "Then the rain", STANCE_QUOTE_DIRECT, "Elio Conti");
    assert_int_equal(find(&r, "Then the rain")->how, STANCE_ATTR_INHERIT);
    check(&r, "And we hope", STANCE_QUOTE_DIRECT, "Elio Conti");
    stance_quotelist_clear(&r.l);
}

static void test_quotes_organisation_speaker(void **state)
{
    run r;
    extract(state,
            "\"We reject the findings,\" the group said in a statement.\n\n"
            "\"Repairs start in June,\" the statement said.\n",
            0, &r);
    check(&r, "We reject", STANCE_QUOTE_DIRECT, "the group");
    assert_int_equal(find(&r, "We reject")->how, STANCE_ATTR_NOUN);
    check(&r, "Repairs", STANCE_QUOTE_DIRECT, "the statement");
    stance_quotelist_clear(&r.l);
}

static void test_quotes_transcript_label(void **state)
{
    run r;
    extract(state, "\"HOST: Are you running?\n\n\"KLEIN: Not this year.\n", 0, &r);
    assert_int_equal(r.l.n, 2);
    check(&r, "Are you", STANCE_QUOTE_DIRECT, "HOST");
    check(&r, "Not this", STANCE_QUOTE_DIRECT, "KLEIN");
    stance_quotelist_clear(&r.l);
}

static void test_quotes_unbalanced_marks(void **state)
{
    run r;
    extract(state,
            "The sign read \"closed and then nothing more.\n\n"
            "A stray \xe2\x80\x9d mark sits here and another \" one.\n\n"
            "\"The rest still counts,\" said Iris Bell.\n",
            0, &r);
    check(&r, "The rest", STANCE_QUOTE_DIRECT, "Iris Bell");
    stance_quotelist_clear(&r.l);
}

static void test_quotes_apostrophes(void **state)
{
    run r;
    extract(state, "Don't panic: the group's leaders and Hamas" RS " envoys met. It's Jones' turn.\n", 0, &r);
    assert_int_equal(r.l.n, 0);
    stance_quotelist_clear(&r.l);
}

static void test_quotes_context_span(void **state)
{
    run r;
    const char *text = "Other news first. \"Taxes will rise,\" Ana Ruiz said on Monday. More news.\n";
    const stance_rawquote *q;
    extract(state, text, 0, &r);
    q = find(&r, "Taxes");
    assert_true(q->context.start <= (size_t)(strchr(text, '"') - text));
    assert_true(q->context.end >= (size_t)(strstr(text, "Monday") - text));
    assert_true(q->context.start >= (size_t)(strstr(text, "\"Taxes") - text));
    stance_quotelist_clear(&r.l);
}

/* The context goes on past a title's or an initial's dot to the sentence's
 * end: the objects of the attribution ('an apology to Sen. Lia Moreno') are
 * in it; it stops at the real sentence end. */
static void test_quotes_context_past_title(void **state)
{
    run r;
    const char *text = "\"I was wrong,\" Tom Veld wrote in an apology to Sen. Lia Moreno and Dr. J. Amos on "
                       "Friday. Next sentence here.\n";
    const stance_rawquote *q;
    extract(state, text, 0, &r);
    q = find(&r, "I was wrong");
    assert_int_equal(q->context.end, (size_t)(strstr(text, " Next") - text));
    stance_quotelist_clear(&r.l);
    /* the ranks and church titles of the ABBR_DOT class ("Amb.", "Det.", "Fr.", "Msgr.", "Sec." ...) */
    text = "\"I was wrong,\" Tom Veld wrote to Amb. Lia Moreno, Det. Ivo Brandt, Fr. Emil Sorg, Msgr. Ugo Pell, "
           "Sec. Ana Ruiz, Insp. Kai Lund, Cpl. Ben Otto and Pvt. Dag Holm on Friday. Next sentence here.\n";
    extract(state, text, 0, &r);
    q = find(&r, "I was wrong");
    assert_int_equal(q->context.end, (size_t)(strstr(text, " Next") - text));
    stance_quotelist_clear(&r.l);
    text = "\"It holds,\" Ana Ruiz said of the plan. \"Then it failed.\" More text.\n";
    extract(state, text, 0, &r);
    q = find(&r, "It holds");
    assert_int_equal(q->context.end, (size_t)(strstr(text, " \"Then") - text));
    stance_quotelist_clear(&r.l);
}

static void test_quotes_according_to_and_name_colon(void **state)
{
    run r;
    extract(state,
            "According to Wen Li, \"the vote was rigged from the start.\"\n\n"
            "The report drew a reply from pollster Dara Quist: " LQ "The sample was fine." RQ "\n\n"
            "Rep. Ines Calloway (R-S.C.):\"Nobody has cited that figure.\"\n",
            0, &r);
    check(&r, "the vote", STANCE_QUOTE_DIRECT, "Wen Li");
    check(&r, "The sample", STANCE_QUOTE_DIRECT, "Dara Quist");
    /* a party/state suffix between the name and the colon */
    check(&r, "Nobody has cited", STANCE_QUOTE_DIRECT, "Ines Calloway");
    stance_quotelist_clear(&r.l);
    /* an aside open before the attribution starts its clause; a closed one does not */
    extract(state,
            "Most sailors see the storm for what it is (Odell Brandt, who named the cape, once said, "
            "\"It comes every year.\")\n\n"
            "Sen. Dario Fenn (D-KS) said, \"The quay stays open.\"\n",
            0, &r);
    check(&r, "It comes every year", STANCE_QUOTE_DIRECT, "Odell Brandt");
    check(&r, "The quay stays open", STANCE_QUOTE_DIRECT, "Dario Fenn");
    stance_quotelist_clear(&r.l);
}

static void test_quotes_participle_subject(void **state)
{
    run r;
    extract(state, "Mayor Ines Alvarado toured the flooded streets on Sunday, telling residents, "
                   "\"We will not leave anyone behind.\"\n",
            0, &r);
    check(&r, "We will not", STANCE_QUOTE_DIRECT, "Ines Alvarado");
    span_is(&r, find(&r, "We will not")->cue_span, "telling");
    stance_quotelist_clear(&r.l);
}

/* A clause ending with a colon and no reporting verb introduces a quote of
 * its subject, in the same paragraph or the one before; an adverb is no subject. */
static void test_quotes_colon_subject(void **state)
{
    run r;
    extract(state,
            "Tom Rask called the council out on it:\n\n"
            LQ "The questions asked at this meeting show why nobody trusts the council." RQ "\n\n"
            "Later, Anna Veld addressed the crowd again: " LQ "Here is what I regret most of all." RQ "\n\n"
            "In 1998, Governor Ivo Marsh released the following statement:\n\n"
            LQ "We offer our condolences to the family of the late mayor." RQ "\n\n"
            "Likewise, a paper from the Ridge Institute had this to say about the plan: \"Families gain.\"\n",
            0, &r);
    check(&r, "The questions asked", STANCE_QUOTE_DIRECT, "Tom Rask");
    check(&r, "Here is what", STANCE_QUOTE_DIRECT, "Anna Veld");
    check(&r, "We offer our", STANCE_QUOTE_DIRECT, "Ivo Marsh");
    check(&r, "Families gain", STANCE_QUOTE_DIRECT, NULL);
    stance_quotelist_clear(&r.l);
}

/* A pronoun with no candidate named since the previous quote takes that
 * quote's speaker when the gender agrees, not an earlier subject. */
static void test_quotes_pronoun_previous_speaker(void **state)
{
    run r;
    extract(state,
            "Ada Finch opened the meeting.\n\n"
            LQ "The budget is balanced," RQ " said Lena Brook.\n\n"
            LQ "We will not raise taxes," RQ " she added.\n\n"
            "Tom Ruiz, who chairs the finance committee, praised Ada Finch.\n\n"
            LQ "The numbers hold," RQ " she said.\n",
            0, &r);
    check(&r, "We will not", STANCE_QUOTE_DIRECT, "Lena Brook");
    /* a name since the previous quote (Finch, after Ruiz's praise) still wins */
    check(&r, "The numbers hold", STANCE_QUOTE_DIRECT, "Ada Finch");
    stance_quotelist_clear(&r.l);
}

/* The subject of the sentence, not a name it acts on, even one followed by a
 * word that could be a verb ("hosted Gary Lund aboard"). */
static void test_quotes_pronoun_subject_over_object(void **state)
{
    run r;
    extract(state,
            "Omar Pell said he had hosted Gary Lund aboard his boat last spring.\n\n"
            LQ "I have not spoken to any campaign," RQ " he said.\n",
            0, &r);
    check(&r, "I have not spoken", STANCE_QUOTE_DIRECT, "Omar Pell");
    stance_quotelist_clear(&r.l);
}

/* A sentence whose subject is the pronoun itself ("She said that ...")
 * carries the topic back to the name before it. */
static void test_quotes_pronoun_topic_through_she(void **state)
{
    run r;
    extract(state,
            "Dana Whitlock runs the county food bank. She said that donations from Paula Brandt had dried up "
            "and that Paula Brandt stopped calling.\n\n"
            LQ "We are on our own now," RQ " she said.\n",
            0, &r);
    check(&r, "We are on our own", STANCE_QUOTE_DIRECT, "Dana Whitlock");
    stance_quotelist_clear(&r.l);
}

/* Places and days are not speakers, even as two capitalised words. */
static void test_quotes_pronoun_not_places(void **state)
{
    run r;
    extract(state,
            "Ruth Calder spoke to the volunteers.\n\n"
            "Turnout in Southern California is expected to rise before Election Day arrives.\n\n"
            LQ "We will be ready," RQ " she said.\n",
            0, &r);
    check(&r, "We will be ready", STANCE_QUOTE_DIRECT, "Ruth Calder");
    stance_quotelist_clear(&r.l);
}

/* A first name on both lists (Lindsey) leaves the gender to the pronouns. */
static void test_quotes_pronoun_ambiguous_first_name(void **state)
{
    run r;
    extract(state,
            "Sen. Lindsey Hale spoke first.\n\n"
            "Hale said, " LQ "We need a plan." RQ "\n\n"
            "He continued, " LQ "We need it now." RQ "\n",
            0, &r);
    check(&r, "We need it now", STANCE_QUOTE_DIRECT, "Lindsey Hale");
    stance_quotelist_clear(&r.l);
}

/* "Kent County Republican" is no person for its "Kent"; "As for Petrov, he
 * said ..." is Petrov. */
static void test_quotes_pronoun_not_an_organisation(void **state)
{
    run r;
    extract(state,
            "Ivan Petrov spoke to the Kent County Republican committee.\n\n"
            LQ "We did well," RQ " he said.\n\n"
            "The Kent County Republican is also backing the levy.\n\n"
            "He said, " LQ "We will win." RQ "\n\n"
            "Omar Pell spoke next. As for Petrov, he said he would run again. " LQ "I am not done," RQ " he said.\n",
            0, &r);
    check(&r, "We did well", STANCE_QUOTE_DIRECT, "Ivan Petrov");
    check(&r, "We will win", STANCE_QUOTE_DIRECT, "Ivan Petrov");
    check(&r, "I am not done", STANCE_QUOTE_DIRECT, "Ivan Petrov");
    stance_quotelist_clear(&r.l);
}

/* A lone surname opening its sentence with a past-tense verb is the subject
 * when the article also writes it capitalised mid-sentence ("thanked
 * Kessler"), though no first name is ever given. */
static void test_quotes_pronoun_lone_surname_subject(void **state)
{
    run r;
    extract(state,
            "Ivo Brandt spoke first at the hearing on Monday, and the clerk thanked Kessler for coming.\n\n"
            "Kessler argued that Ivo Brandt had misread the budget. " LQ "The numbers are clear," RQ " he said.\n",
            0, &r);
    check(&r, "The numbers are clear", STANCE_QUOTE_DIRECT, "Kessler");
    stance_quotelist_clear(&r.l);
    /* a subject with its place of work ("at the Kessick Ledger") before the verb */
    extract(state,
            "\"The pier will pay for itself,\" Odell Brandt concluded.\n\n"
            "Dario Fenn at the Kessick Ledger agreed with Brandt about the pier.\n\n"
            "\"If the goal was to make the mayor defend the levy, he succeeded,\" he wrote.\n",
            0, &r);
    check(&r, "If the goal", STANCE_QUOTE_DIRECT, "Dario Fenn");
    stance_quotelist_clear(&r.l);
}

static void test_quotes_nested_other_family(void **state)
{
    run r;
    extract(state, "\"They called it " LQ "the plan" RQ " and we laughed,\" said Hugo Brandt.\n\n"
                   LQ "He said \"never\" twice," RQ " Brandt added.\n",
            0, &r);
    assert_int_equal(r.l.n, 2);
    span_is(&r, r.l.q[0].span, "They called it " LQ "the plan" RQ " and we laughed,");
    span_is(&r, r.l.q[1].span, "He said \"never\" twice,");
    check(&r, "He said", STANCE_QUOTE_DIRECT, "Hugo Brandt");
    stance_quotelist_clear(&r.l);
}

static void test_quotes_stage_directions_and_titles(void **state)
{
    run r;
    extract(state,
            "\"HOST: Welcome back.\n\n\"(CROSSTALK.)\n\n"
            "Governor Ada Moss said on the " LQ "Evening Report" RQ " show that taxes would fall.\n",
            0, &r);
    check(&r, "Welcome", STANCE_QUOTE_DIRECT, "HOST");
    for (size_t i = 0; i < r.l.n; i++) {
        assert_true(r.text[r.l.q[i].span.start] != '('); /* the stage direction is no quote */
        if (strncmp(r.text + r.l.q[i].span.start, "Evening", 7) == 0)
            assert_int_not_equal(r.l.q[i].type, STANCE_QUOTE_DIRECT); /* a show's title inside a noun phrase */
    }
    stance_quotelist_clear(&r.l);
    /* a title opening a sentence and modifying the noun after it */
    extract(state, "Pictures.\n\n" LQ "Lights Over the Old Harbour" RQ " star Ines Calloway spoke about the pier.\n", 0, &r);
    for (size_t i = 0; i < r.l.n; i++)
        if (strncmp(r.text + r.l.q[i].span.start, "Lights Over", 11) == 0)
            assert_int_not_equal(r.l.q[i].type, STANCE_QUOTE_DIRECT);
    stance_quotelist_clear(&r.l);
    /* (a quote the sentence does not run on from stays direct) */
    extract(state, "Pictures.\n\n" LQ "Harbour lights forever!" RQ " he shouted, and Ines Calloway laughed.\n", 0, &r);
    check(&r, "Harbour lights", STANCE_QUOTE_DIRECT, NULL);
    stance_quotelist_clear(&r.l);
}

static void test_quotes_split_quote_and_continuation(void **state)
{
    run r;
    extract(state,
            "\"We lost the vote,\" said Councilwoman Rita Okoye. \"But we will be back next year.\"\n\n"
            "\"The money has to come from somewhere,\" she added, \"and it will not be the schools.\"\n",
            0, &r);
    assert_int_equal(r.l.n, 4);
    check(&r, "But we will", STANCE_QUOTE_DIRECT, "Rita Okoye");
    check(&r, "The money", STANCE_QUOTE_DIRECT, "Rita Okoye");
    check(&r, "and it will", STANCE_QUOTE_DIRECT, "Rita Okoye");
    stance_quotelist_clear(&r.l);
}

/* Adversarial inputs stay linear: they finish and nothing fails. */
static void test_quotes_adversarial_linear(void **state)
{
    size_t n = 2u << 20, k = 0;
    char *text = stance_malloc(n + 1);
    run r;
    assert_non_null(text);
    while (k < n) { /* no punctuation, one paragraph */
        const char *w = (k / 7) % 3 ? "word   " : "Said X ";
        size_t l = n - k < 7 ? n - k : 7;
        memcpy(text + k, w, l);
        k += l;
    }
    text[n] = 0;
    extract(state, text, STANCE_OPT_INDIRECT, &r);
    stance_quotelist_clear(&r.l);
    for (k = 0; k < n; k++) /* quote marks everywhere, with and without speakers */
        text[k] = k % 100 < 50 ? "\"a\" \"\" b\"c"[k % 10] : "\"We go,\" Al Rey said. "[k % 22];
    extract(state, text, STANCE_OPT_INDIRECT, &r);
    assert_true(r.l.n > 0);
    stance_quotelist_clear(&r.l);
    stance_free(text);
}

/* Is every position of a reported span on a UTF-8 character boundary? */
static int on_boundary(const char *t, size_t len, size_t pos)
{
    return pos == STANCE_NO_OFFSET || pos == len || (pos < len && ((unsigned char)t[pos] & 0xC0) != 0x80);
}

static void spans_on_boundaries(const char *t, size_t len, const stance_quotelist *l)
{
    for (size_t i = 0; i < l->n; i++) {
        const stance_rawquote *q = &l->q[i];
        const stance_span sp[] = {q->span, q->speaker_span, q->cue_span, q->context};
        for (size_t k = 0; k < sizeof sp / sizeof sp[0]; k++) {
            assert_true(on_boundary(t, len, sp[k].start));
            assert_true(on_boundary(t, len, sp[k].end));
            if (sp[k].start != STANCE_NO_OFFSET)
                assert_true(sp[k].start <= sp[k].end && sp[k].end <= len);
        }
        /* the copied strings are whole characters too */
        if (q->speaker)
            assert_true(((unsigned char)q->speaker[0] & 0xC0) != 0x80);
        if (q->role)
            assert_true(((unsigned char)q->role[0] & 0xC0) != 0x80);
    }
}

/* The one place spans are snapped: a span that starts or ends inside a
 * multi-byte character shrinks to whole characters; unset spans stay unset. */
static void test_quotes_snap_utf8(void **state)
{
    static const char t[] = "a\xc3\xa9" "b\xe2\x80\x94" "c\xf0\x9f\x98\x80"; /* aé b— c😀 */
    size_t len = sizeof t - 1;
    stance_span s;
    (void)state;
    s = stance_quotes_snap(t, len, (stance_span){2, 5}); /* starts inside é, ends inside — */
    assert_int_equal(s.start, 3);
    assert_int_equal(s.end, 4);
    s = stance_quotes_snap(t, len, (stance_span){0, len - 1}); /* ends inside the emoji */
    assert_int_equal(s.start, 0);
    assert_int_equal(s.end, 8);
    s = stance_quotes_snap(t, len, (stance_span){5, 6}); /* wholly inside — */
    assert_int_equal(s.start, s.end);
    assert_true(on_boundary(t, len, s.start));
    s = stance_quotes_snap(t, len, (stance_span){0, len});
    assert_int_equal(s.start, 0);
    assert_int_equal(s.end, len);
    s = stance_quotes_snap(t, len, (stance_span){STANCE_NO_OFFSET, STANCE_NO_OFFSET});
    assert_int_equal(s.start, STANCE_NO_OFFSET);
}

/* Multi-byte characters next to every span edge (quote, speaker mention,
 * role, verb, indirect content, context): each of a few characters of 2, 3 and
 * 4 bytes is put at every word edge of a short article of our own, and every
 * span reported, with and without indirect speech, lies on character boundaries. */
static void test_quotes_spans_utf8_boundaries(void **state)
{
    static const char base[] =
        "\"We will open the \xc3\xa9" "cole in May,\" said \xc3\x89lodie Brandt\xc3\xa9, the mayor of Kessel\xc3\xa9, on Monday.\n\n"
        "Brandt, a former teacher\xe2\x80\x94" "and judge, said: " LQ "\xc3\x9c" "ber alles we build." RQ "\n\n"
        LQ "No more delays,\xe2\x80\x9d she added. Omar \xc3\x96zt\xc3\xbcrk said the plan was sound.\n"
        "According to \xc5\x81" "ukasz Wr\xc3\xb3" "bel, the vote is close.\n";
    static const char *const ins[] = {"\xc3\xa9", "\xe2\x80\x99", "\xe2\x80\x94", "\xf0\x9f\x98\x80", "\xc2\xa0"};
    char buf[sizeof base + 8];
    size_t blen = sizeof base - 1;
    stance_error err;
    for (size_t pos = 0; pos <= blen; pos++) {
        /* at word edges only (keeps it short): before or after a space, mark, comma or period */
        unsigned char prev = pos ? (unsigned char)base[pos - 1] : ' ', next = (unsigned char)base[pos];
        if (pos && pos < blen && (prev & 0xC0) == 0x80 && (next & 0xC0) == 0x80)
            continue;
        if (pos && pos < blen && ((next & 0xC0) == 0x80 || !(strchr(" ,.:\"\n", prev) || strchr(" ,.:\"\n", next) ||
                                                           prev >= 0x80 || next >= 0x80)))
            continue;
        for (size_t k = 0; k < sizeof ins / sizeof ins[0]; k++) {
            size_t il = strlen(ins[k]), len = blen + il;
            memcpy(buf, base, pos);
            memcpy(buf + pos, ins[k], il);
            memcpy(buf + pos + il, base + pos, blen - pos);
            buf[len] = 0;
            for (unsigned flags = 0; flags <= STANCE_OPT_INDIRECT; flags += STANCE_OPT_INDIRECT) {
                stance_quotelist l;
                memset(&l, 0, sizeof l);
                assert_int_equal(stance_quotes_extract(*state, buf, len, flags, &l, &err), STANCE_OK);
                spans_on_boundaries(buf, len, &l);
                stance_quotelist_clear(&l);
            }
        }
    }
    /* byte-wise scans stopping inside a mark glued to an abbreviation: speaker, role and verb */
    {
        static const char *const glued[] = {
            "\"The pier is sound,\" said Ty Brill Jr.e" RQ " on Monday.\n",
            "\"The pier is sound,\" said Ty Brill, the Sr.e" RQ " harbour chief.\n",
            "\"The pier is sound,\" Ty Brill, the Dr.e" RQ " said.\n",
            "Ty Brill Jr.e" RQ " said the pier was sound and would stay open.\n",
            "The pier is sound and open, Ty Brill," RQ " said Ty Brill Jr.e" RQ " Ty Brill.\n",
        };
        for (size_t k = 0; k < sizeof glued / sizeof glued[0]; k++)
            for (unsigned flags = 0; flags <= STANCE_OPT_INDIRECT; flags += STANCE_OPT_INDIRECT) {
                stance_quotelist l;
                memset(&l, 0, sizeof l);
                assert_int_equal(stance_quotes_extract(*state, glued[k], strlen(glued[k]), flags, &l, &err), STANCE_OK);
                spans_on_boundaries(glued[k], strlen(glued[k]), &l);
                stance_quotelist_clear(&l);
            }
    }
    /* the input fuzz_quotes found (tests/fuzz/quotes/crash-speaker-utf8-boundary,
     * without its flag byte): an indirect-speech speaker that began inside a
     * closing mark */
    {
        static const char fz[] =
            "\x7e\x22\x54\x68\x62\x65\x20\x72\x69\x64\x67\x65\x20\x70\x69\x6f\x75\x64\x2c\xe2\x90\x9d\x20\x73"
            "\x61\x69\x64\x20\x4a\x6f\x20\x4c\x4a\x72\x2e\x65\x20\x70\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
            "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
            "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
            "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
            "\x00\x00\x00\x00\x00\x00\x00\x69\x6f\x75\x64\x2c\xe2\x80\x9d\x20\x73\x61\x69\x64\x20\x4a\x6f\x20"
            "\x4c\x4a\x72\x2e\x65\xe2\x80\x9d\x20\x73\x61\x69\x64\x20\x61\x69\x64\x20\x4a\x6f\x20\x4c\x4a\x72"
            "\x2e\x65\x20\x70\x69\x6f\x75\x64\x2c\xe2\x80\x9d\x20\x73\x61\x69\x64\x20\x4a\x6f\x20\x4c\x4a\x72"
            "\x2e\x65\xe2\x80\x9d\x20\x4a\x72\x2e\x65\xe2\x80\x9d\x20\x4a\x6f\x30\x20\x4c\x4a\x50\x50\x50\x50"
            "\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50"
            "\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50"
            "\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50"
            "\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50\x50"
            "\x50\x72\x7e\x75\x64\x2c\xe2\x90\x9d\x20\x73\x61\x69\x64\x20\x4a\x6f\x20\x4c\x4a\x2c\xe2\x80\x9d"
            "\x20\x73\x61\x69\x64\x20\x4a\x6f\x20\x4c\x4a\x72\x2e\x65\xe2\x80\x9d\x20\x4a\x6f\x20\x4c\x4a\x72"
            "\x7e\x65";
        for (unsigned flags = 0; flags <= STANCE_OPT_INDIRECT; flags += STANCE_OPT_INDIRECT) {
            stance_quotelist l;
            memset(&l, 0, sizeof l);
            assert_int_equal(stance_quotes_extract(*state, fz, sizeof fz - 1, flags, &l, &err), STANCE_OK);
            spans_on_boundaries(fz, sizeof fz - 1, &l);
            stance_quotelist_clear(&l);
        }
    }
    /* and the unmodified article still finds its speakers */
    {
        run r;
        extract(state, base, STANCE_OPT_INDIRECT, &r);
        spans_on_boundaries(base, blen, &r.l);
        check(&r, "We will open", STANCE_QUOTE_DIRECT, "\xc3\x89lodie Brandt\xc3\xa9");
        stance_quotelist_clear(&r.l);
    }
}

/* Malformed UTF-8 through stance_classify: STANCE_ERR_UTF8 with the offset, no result. */
static void test_quotes_classify_bad_utf8(void **state)
{
    size_t len;
    unsigned char *data = testutil_model_bytes(&len);
    stance_model *m = NULL;
    const char text[] = "\"Fine words,\" said Ana Ruiz.\n\n\"Broken \xc3\x28 bytes,\" she said.\n";
    stance_input in = STANCE_INPUT_INIT;
    stance_result *res = (stance_result *)1;
    stance_error err;
    (void)state;
    assert_int_equal(stance_model_open_buffer(data, len, &m, NULL), STANCE_OK);
    stance_free(data);
    in.text = text;
    in.text_len = sizeof text - 1;
    assert_int_equal(stance_classify(m, &in, NULL, &res, &err), STANCE_ERR_UTF8);
    assert_null(res);
    assert_int_equal(err.code, STANCE_ERR_UTF8);
    assert_int_equal(err.offset, (size_t)(strchr(text, '\xc3') - text));
    /* and the same article with the bytes fixed classifies */
    {
        char fixed[sizeof text];
        memcpy(fixed, text, sizeof text);
        fixed[strchr(text, '\xc3') - text + 1] = '\xa9';
        in.text = fixed;
        assert_int_equal(stance_classify(m, &in, NULL, &res, &err), STANCE_OK);
        assert_int_equal(stance_result_count(res), 2);
        assert_string_equal(stance_result_quote(res, 0)->speaker, "Ana Ruiz");
        assert_string_equal(stance_result_quote(res, 1)->speaker, "Ana Ruiz");
        stance_result_free(res);
    }
    stance_model_free(m);
}

/* Attributions after the quote that are easy to get wrong: 'asked X' after a
 * question names the speaker, a title run too long to be one name, surnames
 * that are common words, and 'according to' an organisation. */
static void test_quotes_after_forms(void **state)
{
    run r;
    extract(state,
            "\"Who pays for the new pier?\" asked Sen. Maria Lindqvist of Dalton, who chairs the budget panel.\n\n"
            "\"We will not sign it,\" said Harbour Pilots Union Secretary-Treasurer Odell Brandt.\n\n"
            "\"The pier is late,\" Will wrote in his column.\n\n"
            "\"The permits were never filed,\" according to Coastal Watch.\n",
            0, &r);
    check(&r, "Who pays", STANCE_QUOTE_DIRECT, "Maria Lindqvist");
    check(&r, "We will not", STANCE_QUOTE_DIRECT, "Odell Brandt");
    assert_non_null(find(&r, "We will not")->role);
    assert_string_equal(find(&r, "We will not")->role, "Harbour Pilots Union Secretary-Treasurer");
    check(&r, "The pier", STANCE_QUOTE_DIRECT, "Will");
    check(&r, "The permits", STANCE_QUOTE_DIRECT, "Coastal Watch");
    span_is(&r, find(&r, "The permits")->cue_span, "according to");
    stance_quotelist_clear(&r.l);
    /* after 'said', the speaker ends before 'during', 'when', 'as he'; a name
     * inside lowercase description is found; a description may be long */
    extract(state,
            "\"The tide tables are wrong,\" said harbour pilot Odell Brandt during the hearing.\n\n"
            "\"We were not consulted,\" said undecided board member Ines Calloway of Dalton.\n\n"
            "\"It is a good plan,\" said Fenn as he left the room.\n\n"
            "\"Nobody reads the minutes,\" said the clerk known as Bea.\n\n"
            "\"It will pass,\" said one longtime member of the board familiar with the vote count.\n",
            0, &r);
    check(&r, "The tide", STANCE_QUOTE_DIRECT, "Odell Brandt");
    check(&r, "We were not", STANCE_QUOTE_DIRECT, "Ines Calloway");
    check(&r, "It is a good", STANCE_QUOTE_DIRECT, "Fenn");
    check(&r, "Nobody reads", STANCE_QUOTE_DIRECT, "the clerk known as Bea");
    check(&r, "It will pass", STANCE_QUOTE_DIRECT, "one longtime member of the board familiar with the vote count");
    stance_quotelist_clear(&r.l);
}

/* Where an unattributed quote takes its speaker from the sentence before it:
 * a subject with a relative clause, reported speech of a named person, the
 * attribution of a partial quote; and 'it said' keeps a quote from inheriting
 * the previous paragraph's speaker. */
static void test_quotes_sentence_before(void **state)
{
    run r;
    extract(state,
            "Tomas Brevik, who founded the rowing club, once said, \"Every boat needs a cox.\"\n\n"
            "Ines Calloway told the council that the ferry would be rebuilt by spring. \"We have the money "
            "and we have the crews.\"\n\n"
            "The ferry ran late. But \"if the pier floods again, we close it,\" said Dario Fenn. \"It should have been "
            "scrapped years ago.\"\n\n"
            "\"No permits were filed for the dock,\" Fenn said.\n\n"
            "\"The harbour board has reviewed every request,\" it stated.\n",
            0, &r);
    check(&r, "Every boat", STANCE_QUOTE_DIRECT, "Tomas Brevik");
    assert_null(find(&r, "Every boat")->role); /* a relative clause is no role (spk28, #19) */
    check(&r, "We have the money", STANCE_QUOTE_DIRECT, "Ines Calloway");
    check(&r, "if the pier", STANCE_QUOTE_PARTIAL, "Dario Fenn");
    check(&r, "It should have been", STANCE_QUOTE_DIRECT, "Dario Fenn");
    check(&r, "No permits", STANCE_QUOTE_DIRECT, "Dario Fenn");
    check(&r, "The harbour board", STANCE_QUOTE_DIRECT, NULL);
    span_is(&r, find(&r, "The harbour board")->speaker_span, "it");
    stance_quotelist_clear(&r.l);
    /* a paragraph of reported speech ending with its attribution, then her words */
    extract(state,
            "The levy would cut the harbour budget in half, Ines Calloway said.\n\n"
            "\"We cannot run boats on promises.\"\n\n"
            "The fees rose again in May, the Coast Ledger reported.\n\n"
            "\"Nobody asked the pilots what they thought.\"\n",
            0, &r);
    check(&r, "We cannot", STANCE_QUOTE_DIRECT, "Ines Calloway");
    check(&r, "Nobody asked", STANCE_QUOTE_DIRECT, NULL);
    stance_quotelist_clear(&r.l);
}

/* ', saying, "' after a clause: its subject speaks, not the lead-in before it;
 * "No. 2" does not end a sentence. */
static void test_quotes_participle_clause(void **state)
{
    run r;
    extract(state,
            "At the dockside rally, Ines Calloway thanked the pilots, saying, \"You kept this harbour open.\"\n\n"
            "Hours after the vote, Dario Fenn wrote to the board, adding, \"The levy is dead.\"\n\n"
            "As Odell Brandt, the No. 2 at the pilots union, put it: \"Nobody else would do it.\"\n",
            0, &r);
    check(&r, "You kept", STANCE_QUOTE_DIRECT, "Ines Calloway");
    check(&r, "The levy", STANCE_QUOTE_DIRECT, "Dario Fenn");
    check(&r, "Nobody else", STANCE_QUOTE_DIRECT, "Odell Brandt");
    stance_quotelist_clear(&r.l);
    /* the first reporting verb of the clause is not always the attribution's;
     * a conjunction opens the name's own clause; a sentence may open with a
     * capitalised determiner */
    extract(state,
            "When asked about the levy, Dario Fenn said: \"We will see about that.\"\n\n"
            "It was the plan that Gov. Ines Calloway said, \"We cannot afford.\"\n\n"
            "Another pilot speaking to the Ledger said, \"Nobody told us anything.\"\n",
            0, &r);
    check(&r, "We will see", STANCE_QUOTE_DIRECT, "Dario Fenn");
    check(&r, "We cannot", STANCE_QUOTE_DIRECT, "Ines Calloway");
    check(&r, "Nobody told", STANCE_QUOTE_DIRECT, "Another pilot");
    stance_quotelist_clear(&r.l);
    /* 'X tweeted that, "..."' is reported speech quoting, not a direct quote */
    extract(state, "Dario Fenn tweeted that, \"The pier will close for a month and nobody will be paid.\"\n", 0, &r);
    check(&r, "The pier will close", STANCE_QUOTE_PARTIAL, "Dario Fenn");
    stance_quotelist_clear(&r.l);
    /* a name right before a participle; a colon clause opened by a full date */
    extract(state,
            "On July 6, 2015, Dario Fenn made the following remark:\n\n"
            "\"The pier is older than the town.\"\n\n"
            "The ad uses footage of Ines Calloway asking, \"Who pays for this?\"\n",
            0, &r);
    check(&r, "The pier is older", STANCE_QUOTE_DIRECT, "Dario Fenn");
    check(&r, "Who pays", STANCE_QUOTE_DIRECT, "Ines Calloway");
    stance_quotelist_clear(&r.l);
    /* the same after a no-break space (two bytes: skipped whole, not byte by byte) */
    extract(state,
            "On July 6, 2015,\xc2\xa0" "Dario Fenn made the following comment:\n\n"
            "\"The pier is older than the town.\"\n",
            0, &r);
    check(&r, "The pier is older", STANCE_QUOTE_DIRECT, "Dario Fenn");
    stance_quotelist_clear(&r.l);
    /* the subject of a participle clause is the name after its titles and role
     * words, not the capital word that opens the sentence */
    extract(state,
            "Former Secretary of State Ines Calloway urged the pilots to stay, saying, \"Keep the lights on.\"\n\n"
            "Republican council candidate Dario Fenn quickly took to the radio, writing: \"The pier stays open.\"\n\n"
            "Crew member Odell Brandt posted the news last week, writing \"We sail on Friday.\"\n\n"
            "Harbour pilots marched along the quay, chanting, \"Open the gates now.\"\n",
            0, &r);
    check(&r, "Keep the lights", STANCE_QUOTE_DIRECT, "Ines Calloway");
    assert_string_equal(find(&r, "Keep the lights")->role, "Former Secretary of State");
    check(&r, "The pier stays", STANCE_QUOTE_DIRECT, "Dario Fenn");
    check(&r, "We sail", STANCE_QUOTE_DIRECT, "Odell Brandt");
    for (size_t i = 0; i < r.l.n; i++)
        if (r.l.q[i].speaker)
            assert_string_not_equal(r.l.q[i].speaker, "Harbour");
    stance_quotelist_clear(&r.l);
}

/* The subject of a participle or colon clause is not a name after a
 * preposition or an article, nor a possessive; a long introductory phrase
 * ("With ..., ") is skipped; "tweeting" reports speech. */
static void test_quotes_clause_subject_not_object(void **state)
{
    run r;
    extract(state,
            "Odell Brandt, a former harbour master, poked at the levy during the Monday night meeting, tweeting, "
            "\"Notice the levy growing all the time.\"\n\n"
            "With harbour pilots increasingly worried about a lack of work along the Kessick coast, Mayor Ines "
            "Calloway is rolling out a new and more personal message: \"It is about me.\"\n\n"
            "Dock workers continued to ask about the death of Dario Fenn, walking the streets around the "
            "Kessick Arena - while chanting, \"Hands off the quay.\"\n\n"
            "Ines Calloway's deputy rallied supporters, saying: \"We have to be ready for them.\"\n\n"
            "Republican council nominee Odell Brandt issued the following statement:\n\n"
            "\"Our thoughts are with the crews.\"\n",
            0, &r);
    check(&r, "Notice the levy", STANCE_QUOTE_DIRECT, "Odell Brandt");
    check(&r, "It is about me", STANCE_QUOTE_DIRECT, "Ines Calloway");
    check(&r, "Our thoughts are", STANCE_QUOTE_DIRECT, "Odell Brandt");
    for (size_t i = 0; i < r.l.n; i++) {
        if (!r.l.q[i].speaker)
            continue;
        if (strncmp(r.text + r.l.q[i].span.start, "Hands off", 9) == 0) {
            assert_string_not_equal(r.l.q[i].speaker, "Dario Fenn");
            assert_string_not_equal(r.l.q[i].speaker, "Kessick Arena");
        }
        if (strncmp(r.text + r.l.q[i].span.start, "We have to be ready", 19) == 0)
            assert_string_not_equal(r.l.q[i].speaker, "Ines Calloway");
    }
    stance_quotelist_clear(&r.l);
}

/* "with X (reportedly) yelling:": the one-word name before the participle or its adverb. */
static void test_quotes_with_name_participle(void **state)
{
    run r;
    extract(state,
            "At a rally in Kessick, Ohio, on Saturday, some of his supporters jostled a protester, with Fenn "
            "reportedly yelling: \"Get him out of here!\"\n\n"
            "The footage shows Brandt angrily shouting, \"Not on my quay!\"\n",
            0, &r);
    check(&r, "Get him out", STANCE_QUOTE_DIRECT, "Fenn");
    check(&r, "Not on my quay", STANCE_QUOTE_DIRECT, "Brandt");
    stance_quotelist_clear(&r.l);
    /* the participle's sentence runs on past an embedded quote; a dateline is no subject */
    extract(state,
            "Later on Sunday, Odell Brandt shared a syllabus for a class called \"Perception\" on his Kessick "
            "Ledger page, writing \"Allow me to do the research for the reporter.\"\n\n"
            "KESSICK, Dec. 8 (KNS) - In response to Dario Fenn's proposal, Ines Calloway's deputy rallied "
            "supporters, saying: \"We have to be ready to stop him.\"\n",
            0, &r);
    check(&r, "Allow me", STANCE_QUOTE_DIRECT, "Odell Brandt");
    {
        const stance_rawquote *q = find(&r, "We have to be ready");
        if (q->speaker) {
            assert_string_not_equal(q->speaker, "KESSICK");
            assert_string_not_equal(q->speaker, "KNS");
        }
    }
    stance_quotelist_clear(&r.l);
}

/* A noun phrase speaker stops before a modal; opening phrases are no speakers. */
static void test_quotes_noun_phrase_limits(void **state)
{
    run r;
    extract(state,
            "In other words, explained moderator Ines Calloway: \"What does that have to do with the levy?\"\n\n"
            "The vote was close.\n\n"
            "\"Should there be a toll on the quay?\" a reporter can be heard asking Fenn after the meeting.\n",
            0, &r);
    check(&r, "What does that", STANCE_QUOTE_DIRECT, "Ines Calloway");
    check(&r, "Should there be", STANCE_QUOTE_DIRECT, "a reporter");
    stance_quotelist_clear(&r.l);
    /* the sentence between two quotes is the first one's attribution: the
     * second inherits its speaker, not a name inside that sentence */
    extract(state,
            "\"If I was a donor, I would want answers,\" said a prominent Harbour Party Committee member who "
            "backs Fenn, asking for anonymity. \"That is the kind of thing I would read.\"\n",
            0, &r);
    check(&r, "If I was", STANCE_QUOTE_DIRECT, "a prominent Harbour Party Committee member");
    check(&r, "That is the kind", STANCE_QUOTE_DIRECT, "a prominent Harbour Party Committee member");
    stance_quotelist_clear(&r.l);
}

/* A pronoun continues the description said just before only when their genders
 * agree: the description's head noun has one in the lexicon (stance_noun_gender():
 * "man", "father", "guy"; "mother" goes with "she"). */
static void test_quotes_np_pronoun_gender(void **state)
{
    static const struct {
        const char *noun, *speaker; /* the second quote's speaker (NULL: none) */
    } cases[] = {{"woman", "a local woman"}, {"mother", "a local mother"}, {"man", NULL},
                 {"father", NULL},           {"guy", NULL},                  {"teacher", "a local teacher"}};
    char text[200];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        run r;
        snprintf(text, sizeof text,
                 "The vote on the quay was close.\n\n\"We ran the numbers twice,\" a local %s said. "
                 "\"It never adds up,\" she said.\n",
                 cases[i].noun);
        extract(state, text, 0, &r);
        check(&r, "It never adds up", STANCE_QUOTE_DIRECT, cases[i].speaker);
        stance_quotelist_clear(&r.l);
    }
}

/* A digest line: a headline in capitals, the quote, the outlet in brackets. */
static void test_quotes_bracket_source(void **state)
{
    run r;
    extract(state,
            "WHAT IS BREWING.\n\n"
            "HARBOUR CREWS, THROUGH THE LENS " LQ "It is about giving the crews a voice they never had." RQ
            " [Kessick Ledger.]\n",
            0, &r);
    check(&r, "It is about giving", STANCE_QUOTE_DIRECT, "Kessick Ledger");
    stance_quotelist_clear(&r.l);
}

/* Inverted attributions before the mark. */
static void test_quotes_inverted_said(void **state)
{
    run r;
    extract(state,
            "It was painful. Said Fenn, \"The thought is very painful to us.\"\n\n"
            "She was charming. But, said Ines Calloway, \"I do not want to drum up conflict.\"\n",
            0, &r);
    check(&r, "The thought", STANCE_QUOTE_DIRECT, "Fenn");
    check(&r, "I do not want", STANCE_QUOTE_DIRECT, "Ines Calloway");
    stance_quotelist_clear(&r.l);
    /* ("Said" as a surname stays a name) */
    extract(state, "\"The quay is ours,\" said Odell Said.\n", 0, &r);
    check(&r, "The quay", STANCE_QUOTE_DIRECT, "Odell Said");
    stance_quotelist_clear(&r.l);
}

/* A lead-in before an appositive speaker ("In Berea, OH, Gov. X (R-OH), said")
 * is no part of the name; a lead-in word that takes the name itself ("As X,
 * ROLE, put it") stays. */
static void test_quotes_leadin_before_appositive(void **state)
{
    run r;
    extract(state,
            "Tuesday at the Kessick Maritime Museum in Port Ellis, KS, after winning the county vote, Gov. Dario "
            "Fenn (R-KS), said, \"The harbour stays open.\"\n\n"
            "In Port Ellis, Ines Calloway, a lawyer for the union, said, \"We will sign.\"\n\n"
            "As Odell Brandt, the pilots' secretary, put it: \"Nobody sails tonight.\"\n",
            0, &r);
    check(&r, "The harbour stays", STANCE_QUOTE_DIRECT, "Dario Fenn");
    check(&r, "We will sign", STANCE_QUOTE_DIRECT, "Ines Calloway");
    assert_non_null(find(&r, "We will sign")->role);
    assert_string_equal(find(&r, "We will sign")->role, "a lawyer for the union");
    check(&r, "Nobody sails", STANCE_QUOTE_DIRECT, "Odell Brandt");
    stance_quotelist_clear(&r.l);
}

/* A whole quote that the sentence runs on from: after "said," ending in a
 * comma ('said, "We will see," when asked'), and as an aside in parentheses
 * ('("I want my dues back," wrote X)'); two quotes joined by "and" stay
 * partial, and no quote before an aside takes the aside's speaker. */
static void test_quotes_whole_quote_sentence_goes_on(void **state)
{
    run r;
    extract(state,
            "Fenn had previously said, \"We will see,\" when asked whether he would help.\n\n"
            "Calloway wrote to her followers, \"It is time to close the quay for good,\" and shared a link.\n\n"
            "The vote drew blowback from members (\"I want my dues back,\" wrote Odell Brandt, a pilot in Kessick).\n\n"
            "\"Call the roll,\" came shouts from the floor. (\"I do not want a fight,\" said one harbour pilot.)\n\n"
            "Fenn told the crowd, \"I am a sailor like you,\" and, \"Who here has not waited for a tide?\"\n",
            0, &r);
    check(&r, "We will see", STANCE_QUOTE_DIRECT, "Fenn");
    check(&r, "It is time", STANCE_QUOTE_DIRECT, "Calloway");
    check(&r, "I want my dues", STANCE_QUOTE_DIRECT, "Odell Brandt");
    assert_string_equal(find(&r, "I want my dues")->role, "a pilot in Kessick");
    check(&r, "I do not want a fight", STANCE_QUOTE_DIRECT, "one harbour pilot");
    assert_true(find(&r, "Call the roll")->speaker == NULL ||
                strcmp(find(&r, "Call the roll")->speaker, "one harbour pilot") != 0);
    check(&r, "I am a sailor", STANCE_QUOTE_PARTIAL, "Fenn");
    stance_quotelist_clear(&r.l);
}

/* 'a woman asked for a photo and X said, "': the second subject speaks. */
static void test_quotes_second_subject_after_and(void **state)
{
    run r;
    extract(state,
            "At one point, a woman asked for a photo and Ines Calloway said, \"As long as we break no rules.\"\n\n"
            "Dario Fenn asked for a vote but he said, \"We can wait a week.\"\n\n"
            "Odell Brandt told reporters and pilots, \"The quay stays shut.\"\n",
            0, &r);
    check(&r, "As long as", STANCE_QUOTE_DIRECT, "Ines Calloway");
    check(&r, "We can wait", STANCE_QUOTE_DIRECT, "Dario Fenn");
    check(&r, "The quay stays", STANCE_QUOTE_DIRECT, "Odell Brandt");
    stance_quotelist_clear(&r.l);
}

/* 'X called him a master of impossible deals. "..."': the sentence before
 * the quote is a named person's speech act about it. */
static void test_quotes_speech_act_sentence_before(void **state)
{
    run r;
    extract(state,
            "His former partner at the yard, Odell Brandt, called him a master of impossible deals. "
            "\"He showed again and again that he could close them.\"\n\n"
            "The harbour flooded again on Monday. \"We saw it coming for years.\"\n",
            0, &r);
    check(&r, "He showed again", STANCE_QUOTE_DIRECT, "Odell Brandt");
    check(&r, "We saw it coming", STANCE_QUOTE_DIRECT, NULL);
    stance_quotelist_clear(&r.l);
}

/* "Jane Doe, president and CEO of the association stated": a lowercase role
 * after a whole name, with no comma closing it (but no verb taken for a
 * role); "as the Courier's Jane Doe puts it": the name after an outlet's
 * possessive, the outlet its role. */
static void test_quotes_role_without_closing_comma(void **state)
{
    run r;
    extract(state,
            "Ines Calloway, president and CEO of the Kessick Harbour Association stated, \"We are open.\"\n\n"
            "As the Courier's Odell Brandt puts it, \"The quay is a mess.\"\n\n"
            "Sen. Dario Fenn (D-KS), said after a lunch on Tuesday that he had read it, \"The draft is a start.\"\n",
            0, &r);
    check(&r, "We are open", STANCE_QUOTE_DIRECT, "Ines Calloway");
    assert_string_equal(find(&r, "We are open")->role, "president and CEO of the Kessick Harbour Association");
    check(&r, "The quay is a mess", STANCE_QUOTE_DIRECT, "Odell Brandt");
    assert_string_equal(find(&r, "The quay is a mess")->role, "the Courier's");
    /* ("said after a lunch ..." is no role) */
    assert_true(find(&r, "The draft is")->role == NULL || strncmp(find(&r, "The draft is")->role, "said", 4) != 0);
    stance_quotelist_clear(&r.l);
}

/* "this tweet from Jane Roe who tweeted": the full name before "who". */
static void test_quotes_name_before_who(void **state)
{
    run r;
    extract(state,
            "The best answer was this post from Odell Brandt who tweeted, \"Close the quay.\"\n\n"
            "They turned to the Kessick Harbour Board which reported \"two hundred sailings\" in May.\n",
            0, &r);
    check(&r, "Close the quay", STANCE_QUOTE_DIRECT, "Odell Brandt");
    check(&r, "two hundred sailings", STANCE_QUOTE_PARTIAL, "Kessick Harbour Board");
    stance_quotelist_clear(&r.l);
}

/* 'X called it a "breach of trust," adding: "..."': the participle after the
 * previous quote goes on with its speaker. */
static void test_quotes_participle_after_quote(void **state)
{
    run r;
    extract(state,
            "Odell Brandt described the move as a \"breach of trust,\" adding: \"I am telling every pilot.\"\n\n"
            "\"The quay is shut,\" said Ines Calloway, \"and it stays shut.\"\n",
            0, &r);
    check(&r, "breach of trust", STANCE_QUOTE_PARTIAL, "Odell Brandt");
    check(&r, "I am telling", STANCE_QUOTE_DIRECT, "Odell Brandt");
    assert_int_equal(find(&r, "I am telling")->how, STANCE_ATTR_INHERIT);
    check(&r, "and it stays", STANCE_QUOTE_DIRECT, "Ines Calloway");
    stance_quotelist_clear(&r.l);
}

/* One abbreviation test for both sentence-boundary scans: "7 p.m." ends a
 * sentence, "U.S." and "Sen." do not. */
static void test_quotes_abbreviation_dots(void **state)
{
    run r;
    extract(state,
            "The polls close at 7 p.m. Ines Calloway told reporters, \"We will wait for the count.\"\n\n"
            "The pier was built by the U.S. Army Corps, Dario Fenn said. \"It will stand for a century.\"\n\n"
            "The levy was set by Sen. Odell Brandt last year. He said, \"It pays for the quay.\"\n",
            0, &r);
    check(&r, "We will wait", STANCE_QUOTE_DIRECT, "Ines Calloway");
    check(&r, "It will stand", STANCE_QUOTE_DIRECT, "Dario Fenn");
    check(&r, "It pays", STANCE_QUOTE_DIRECT, "Odell Brandt");
    stance_quotelist_clear(&r.l);
}

/* Pull quotes signed in the next paragraph: a dash and the name. */
static void test_quotes_dash_paragraph(void **state)
{
    run r;
    extract(state,
            "The week in quotes.\n\n"
            "\"The pier is older than the town.\"\n\n"
            "- Dario Fenn.\n\n"
            "\"Nobody asked the pilots.\"\n\n"
            "-Mayor Ines Calloway, tweeting after the vote.\n\n"
            "\"This one is signed by nobody.\"\n\n"
            "- and then the article goes on in lowercase.\n",
            0, &r);
    check(&r, "The pier is older", STANCE_QUOTE_DIRECT, "Dario Fenn");
    check(&r, "Nobody asked", STANCE_QUOTE_DIRECT, "Ines Calloway");
    check(&r, "This one is signed", STANCE_QUOTE_DIRECT, NULL);
    stance_quotelist_clear(&r.l);
}

/* Every compiled pattern stays well under PCRE2's 64 KiB limit (a counted
 * repeat of a group once took one to 63 KiB: one more alternative and the
 * library could not load). */
static void test_quotes_pattern_sizes(void **state)
{
    size_t max = stance_quotes_max_pattern_size(*state);
    assert_true(max > 0);
    assert_true(max < 32768);
}

/* A nickname in marks inside a name is no quote, and the name around it speaks;
 * a party suffix may hold a space; the name may sit in an appositive's second part. */
static void test_quotes_nickname_and_suffix(void **state)
{
    run r;
    extract(state,
            "\"The quay is ours again,\" Fenn's niece, state Del. Ines \"Nessa\" Calloway (D-Port Ellery), told the "
            "crowd. \"We will not give it back.\"\n\n"
            "\"Nobody asked us,\" Dario \"Dar\" Fenn said.\n",
            0, &r);
    check(&r, "The quay is ours", STANCE_QUOTE_DIRECT, "Ines \"Nessa\" Calloway");
    assert_string_equal(find(&r, "The quay is ours")->role, "Fenn's niece");
    check(&r, "We will not", STANCE_QUOTE_DIRECT, "Ines \"Nessa\" Calloway");
    check(&r, "Nobody asked", STANCE_QUOTE_DIRECT, "Dario \"Dar\" Fenn");
    stance_quotelist_clear(&r.l);
    /* two titles joined by "and" before the name */
    extract(state, "\"The sheriff is reprising that role,\" said former Kessick Gov. and Harbour Party Chairman Odell Brandt.\n",
            0, &r);
    check(&r, "The sheriff", STANCE_QUOTE_DIRECT, "Odell Brandt");
    for (size_t i = 0; i < r.l.n; i++) {
        assert_true(strncmp(r.text + r.l.q[i].span.start, "Nessa", 5) != 0);
        assert_true(strncmp(r.text + r.l.q[i].span.start, "Dar", 3) != 0);
    }
    stance_quotelist_clear(&r.l);
}

/* Letters are tested by Unicode category everywhere (issue #15, item 5): a
 * transcript label, a nickname in marks and an initial in non-ASCII capitals
 * work as they do in ASCII. */
static void test_quotes_unicode_label(void **state)
{
    run r;
    extract(state,
            LQ "\xc5\x81UKASZ NOWAK: We will not pay for this bridge." RQ "\n\n"    /* ŁUKASZ NOWAK */
            LQ "\xd0\x9f\xd0\x95\xd0\xa2\xd0\xa0\xd0\x9e\xd0\x92: We are not leaving the city." RQ "\n\n" /* ПЕТРОВ */
            LQ "\xc3\x96ZIL: I never wanted to leave." RQ "\n",                       /* ÖZIL */
            0, &r);
    check(&r, "We will not pay", STANCE_QUOTE_DIRECT, "\xc5\x81UKASZ NOWAK");
    assert_int_equal(find(&r, "We will not pay")->rule, STANCE_RULE_LABEL);
    check(&r, "We are not leaving", STANCE_QUOTE_DIRECT, "\xd0\x9f\xd0\x95\xd0\xa2\xd0\xa0\xd0\x9e\xd0\x92");
    check(&r, "I never wanted", STANCE_QUOTE_DIRECT, "\xc3\x96ZIL");
    stance_quotelist_clear(&r.l);
}

static void test_quotes_unicode_nickname_and_initial(void **state)
{
    run r;
    extract(state,
            /* Ørjan "Øbi" Lund: a nickname, not a quote */
            "Band member \xc3\x98rjan " LQ "\xc3\x98" "bi" RQ " Lund told the crowd: " LQ "We play until midnight." RQ "\n\n"
            /* Minister Ç. Demir: an initial, not a sentence end */
            "Minister \xc3\x87. Demir said: " LQ "Taxes will rise next year." RQ "\n\n"
            /* Дмитрий Петров, Γιώργος Παπαδόπουλος */
            "\xd0\x94\xd0\xbc\xd0\xb8\xd1\x82\xd1\x80\xd0\xb8\xd0\xb9 \xd0\x9f\xd0\xb5\xd1\x82\xd1\x80\xd0\xbe\xd0\xb2"
            " said: " LQ "We are staying." RQ "\n\n"
            LQ "The vote was fair," RQ " said \xce\x93\xce\xb9\xcf\x8e\xcf\x81\xce\xb3\xce\xbf\xcf\x82 "
            "\xce\xa0\xce\xb1\xcf\x80\xce\xb1\xce\xb4\xcf\x8c\xcf\x80\xce\xbf\xcf\x85\xce\xbb\xce\xbf\xcf\x82.\n",
            0, &r);
    for (size_t i = 0; i < r.l.n; i++)
        assert_true(strncmp(r.text + r.l.q[i].span.start, "\xc3\x98" "bi", 4) != 0);
    check(&r, "We play", STANCE_QUOTE_DIRECT, "\xc3\x98rjan " LQ "\xc3\x98" "bi" RQ " Lund");
    assert_string_equal(find(&r, "We play")->role, "Band member");
    check(&r, "Taxes will", STANCE_QUOTE_DIRECT, "\xc3\x87. Demir");
    span_is(&r, find(&r, "Taxes will")->speaker_span, "Minister \xc3\x87. Demir");
    check(&r, "We are staying", STANCE_QUOTE_DIRECT,
          "\xd0\x94\xd0\xbc\xd0\xb8\xd1\x82\xd1\x80\xd0\xb8\xd0\xb9 \xd0\x9f\xd0\xb5\xd1\x82\xd1\x80\xd0\xbe\xd0\xb2");
    check(&r, "The vote", STANCE_QUOTE_DIRECT,
          "\xce\x93\xce\xb9\xcf\x8e\xcf\x81\xce\xb3\xce\xbf\xcf\x82 "
          "\xce\xa0\xce\xb1\xcf\x80\xce\xb1\xce\xb4\xcf\x8c\xcf\x80\xce\xbf\xcf\x85\xce\xbb\xce\xbf\xcf\x82");
    stance_quotelist_clear(&r.l);
}


/* The surname index of the name runs (names.h, by_last): surname bytes in
 * memcmp order with the shorter first, then most tokens first, then text
 * order. Surnames that share their first 8 bytes ("Abercrombie",
 * "Abercromby", "Abercrombies"), one letter long, non-ASCII, and enough runs
 * for several merge passes. */
static void test_quotes_names_index_order(void **state)
{
    static const char *const first[] = {"Jane", "John Q.", "Mary Ann", "", "Sen. Bob"};
    static const char *const last[] = {"Abercrombie", "Abercromby", "Abercrombies", "Roe", "Doe", "\xc5\x81ukasz",
                                       "Xi", "Abercrombie-Fitch", "Ab", "Zola", "O'Neil", "Abercrombi"};
    char text[20000];
    size_t n = 0;
    stance_quotelist l = {0};
    stance_error err;
    for (unsigned i = 0; i < 300; i++) {
        const char *f = first[(i * 7) % 5], *la = last[(i * 5 + i / 12) % 12];
        n += (size_t)snprintf(text + n, sizeof text - n, "On Monday %s%s%s spoke. ", f, *f ? " " : "", la);
    }
    assert_true(n < sizeof text - 1);
    assert_int_equal(stance_quotes_extract(*state, text, n, 0, &l, &err), STANCE_OK);
    assert_true(l.names.n > 250);
    for (size_t i = 1; i < l.names.n; i++) {
        const stance_name *a = &l.names.v[l.names.by_last[i - 1]], *b = &l.names.v[l.names.by_last[i]];
        size_t an = a->last_end - a->last, bn = b->last_end - b->last, m = an < bn ? an : bn;
        int c = memcmp(text + a->last, text + b->last, m);
        assert_true(c < 0 || (c == 0 && an < bn) ||
                    (c == 0 && an == bn && (a->ntok > b->ntok || (a->ntok == b->ntok && a->start < b->start))));
    }
    stance_quotelist_clear(&l);
}

/* The word set of the prefilters: first words of the entries, a bit per list. */
static void test_quotes_wordset(void **state)
{
    static const char *const lists[] = {"said|pointed out|came the reply", "said|called|referred to"};
    static const char *const bad[] = {"said|TOld"}, *const bad2[] = {"said|T"}, *const caps[] = {"said|Tweeted"};
    stance_wordset *ws = NULL;
    stance_error err;
    (void)state;
    assert_int_equal(stance_wordset_new(lists, 2, &ws, &err), STANCE_OK);
    assert_int_equal(stance_wordset_lists(ws, "said", 4), 3);
    assert_int_equal(stance_wordset_lists(ws, "pointed", 7), 1);
    assert_int_equal(stance_wordset_lists(ws, "came", 4), 1);
    assert_int_equal(stance_wordset_lists(ws, "referred", 8), 2);
    assert_int_equal(stance_wordset_lists(ws, "out", 3), 0); /* only first words */
    assert_int_equal(stance_wordset_lists(ws, "sai", 3), 0);
    assert_int_equal(stance_wordset_lists(ws, "saidx", 5), 0);
    assert_int_equal(stance_wordset_lists(ws, "", 0), 0);
    /* the prefilter scans: whole [a-z] runs, stops, the last marks */
    assert_true(stance_qf_verb_ahead(ws, ", Jane Doe said.", 0, 16, 1, STANCE_QF_STOP_NPCH));
    assert_false(stance_qf_verb_ahead(ws, ", Jane Doe saidx.", 0, 17, 1, STANCE_QF_STOP_NPCH));
    assert_false(stance_qf_verb_ahead(ws, ", Jane; Doe said.", 0, 17, 1, STANCE_QF_STOP_NPCH));
    assert_true(stance_qf_verb_ahead(ws, ", Jane; Doe said.", 0, 17, 1, STANCE_QF_STOP_SENT));
    assert_true(stance_qf_verb_ahead(ws, "? said Doe", 0, 10, 1, STANCE_QF_STOP_SENT)); /* (not at s) */
    assert_false(stance_qf_verb_ahead(ws, "Doe called", 0, 10, 1, STANCE_QF_STOP_SENT));
    {
        static const char said[] = "Doe said, " LQ "x" RQ " and Roe said: ", then[] = "Doe said, " LQ "x" RQ " and then: ";
        assert_true(stance_qf_verb_behind(ws, said, 17, sizeof said - 1, 1));  /* (the ends were past the strings) */
        assert_false(stance_qf_verb_behind(ws, then, 0, sizeof then - 1, 1)); /* the closing mark stops the scan */
        assert_false(stance_qf_verb_behind(ws, said, 0, 17, 1));              /* before "said" is reached */
    }
    assert_true(stance_qf_ends_comma_colon("According to Doe, \xc2\xa0 ", 0, 21));
    assert_false(stance_qf_ends_comma_colon("According to Doe\t", 0, 17));
    assert_false(stance_qf_verb_ahead(ws, ", Doe, Said on", 0, 14, 1, STANCE_QF_STOP_NPCH)); /* no capitalised word */
    stance_wordset_free(ws);
    assert_int_equal(stance_wordset_new(bad, 1, &ws, &err), STANCE_ERR_INVALID);
    assert_null(ws);
    assert_int_equal(stance_wordset_new(bad2, 1, &ws, &err), STANCE_ERR_INVALID);
    assert_null(ws);
    /* a capitalised list word ("Tweeted") is found with its capital, and only so */
    assert_int_equal(stance_wordset_new(caps, 1, &ws, &err), STANCE_OK);
    assert_true(stance_qf_verb_ahead(ws, ", Doe, Tweeted on", 0, 17, 1, STANCE_QF_STOP_NPCH));
    assert_false(stance_qf_verb_ahead(ws, ", Doe, tweeted on", 0, 17, 1, STANCE_QF_STOP_NPCH));
    assert_false(stance_qf_verb_ahead(ws, "Tweeted on", 1, 10, 1, STANCE_QF_STOP_NPCH)); /* (the capital before s) */
    assert_true(stance_qf_verb_behind(ws, "Doe Tweeted: ", 0, 13, 1));
    assert_false(stance_qf_verb_behind(ws, "Doe Tweeted: ", 5, 13, 1));
    stance_wordset_free(ws);
}

/* The prefilters never skip a window where the pattern matches: every start
 * after a non-word byte of the corpus texts and the texts below, with the
 * ends the extractor uses (a line end, a quote mark, a window), matched
 * with and without the filter. */
static const char *const FILTER_TEXTS[] = {
    "\"We won,\" said Jane Doe.\n\"We won,\" Jane Doe later said.\n\"We won,\" \xc2\xa0she told reporters.\n",
    "Jane Doe pointed out: \"no.\" John Roe, the mayor, came the reply, \"yes.\"\n",
    "Mr. Roe, who is 4.5 ft tall; said \"x\" and \xc3\x89mile Zola said, \"x\".\n",
    "Marcia \"Cia\" Price said: \"it is.\" According to Ms. Price, \"we are.\"\n",
    "He called it \"a farce,\" adding that \xe2\x80\x9eit\xe2\x80\x9d was " LQ "bad," RQ " she said!\n",
    "\"No\" \xe2\x80\x94 Jane Doe. \"Yes?\" asked Roe; \"maybe,\" wondered aloud Doe.\n",
    "The mayor said that taxes will rise, Doe said. According to Roe, it will not.\n",
    "It was \"a farce\" at first. Later, Jane Doe said it; then, the mayor, Roe, told us so!\n",
    "\"a deal\" or not? Well, Roe, the mayor said. \"bad\" ways, \xe2\x80\x9cno,\xe2\x80\x9d Doe added.\n",
    "\"Not us!\" Doe, the head of the Trust, Tweeted on Friday. Roe Tweeted: \"yes.\"\n",
    "\"No.\" -- Jane Doe\n\"Yes,\"\xc2\xa0\xe2\x80\x93 Roe, Ohio\n\"Maybe\" .\xe2\x80\x95John Roe;\n\"So\" \xe2\x80\x94\n",
    "\"No,\" according to the news outlet. \"Yes\", According  to Roe.\n\"Not\" accordingly -x \xe2\x80\x92 Roe.",
};

static void filter_check(ctx *c, size_t start, size_t end, size_t *matched, size_t *skipped)
{
    static const int which[] = {P_AFTER, P_BEFORE, P_BEFORE2, P_PARTIAL, P_PARTIAL_AFTER, P_IND_SAID, P_IND_AFTER, P_DASH};
    for (size_t w = 0; w < sizeof which / sizeof *which; w++) {
        int may = stance_q_may_match(c, which[w], start, end), r = stance_q_match(c, which[w], start, end);
        assert_true(r >= 0);
        if (r > 0 && !may)
            fail_msg("pattern %d matches [%zu, %zu) of \"%.*s\", the prefilter says it cannot", which[w], start,
                     end, (int)(end - start), c->t + start);
        *matched += r > 0;
        *skipped += !may;
    }
}

static void filter_text(ctx *c, const char *t, size_t len, size_t step, size_t *matched, size_t *skipped)
{
    c->t = t;
    c->len = len;
    for (size_t s = 0, k = 0; s < len; s++) {
        size_t ends[3], nl = s, mk = s + 1, ml;
        if (((unsigned char)t[s] & 0xC0) == 0x80 || (s > 0 && stance_is_word_byte((unsigned char)t[s - 1])) ||
            k++ % step)
            continue;
        while (nl < len && t[nl] != '\n')
            nl++;
        while (mk < len && mark_at(t, mk, len, &ml) == MK_NONE)
            mk++;
        ends[0] = nl;
        ends[1] = mk < nl ? mk : nl;
        ends[2] = s + 60 < len ? s + 60 : len;
        while (ends[2] > s && ends[2] < len && ((unsigned char)t[ends[2]] & 0xC0) == 0x80)
            ends[2]--;
        for (int e = 0; e < 3; e++)
            filter_check(c, s, ends[e], matched, skipped);
    }
}

/* The quote "The quay must ..." of before + owner + after is said by owner + noun. */
static void owner_speaks(void **state, const char *before, const char *owner, const char *after, const char *noun)
{
    char text[240], want[60];
    run r;
    snprintf(text, sizeof text, "%s%s%s", before, owner, after);
    snprintf(want, sizeof want, "%s%s", owner, noun);
    extract(state, text, 0, &r);
    check(&r, "The quay must", STANCE_QUOTE_DIRECT, want);
    stance_quotelist_clear(&r.l);
}

/* An "it" after a paragraph whose last sentence opens with a possessive and a
 * noun of writing: the possessive in any case, with either apostrophe
 * (stance_poss_start(), as the token layer reads it). */
static void test_quotes_it_possessive_memo(void **state)
{
    static const char *const owner[] = {"Panel's", "PANEL'S", "Panel\u2019s", "PANEL\u2019S"};
    for (size_t i = 0; i < sizeof owner / sizeof *owner; i++)
        owner_speaks(state, "The council met on Monday. ", owner[i],
                     " memo seemed aimed at the critics.\n\n\"The quay must stay open to everyone,\" it stated.\n",
                     " memo");
}

/* A short quote in capitals after a possessive in capitals is a show's title,
 * not speech: the plural possessive "S'" / "S\u2019" too (stance_poss_start()). */
static void test_quotes_title_after_plural_possessive(void **state)
{
    static const struct {
        const char *owner;
        int title;
    } cases[] = {{"TEACHERS'", 1}, {"TEACHERS\u2019", 1}, {"Teachers'", 0}};
    char text[240];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        run r;
        int seen = 0;
        snprintf(text, sizeof text,
                 "Ines Calloway spoke on Friday. She told the %s \"Morning Hour\" that the quay would stay open "
                 "and predicted voters \"will thank the council.\"\n",
                 cases[i].owner);
        extract(state, text, 0, &r);
        for (size_t k = 0; k < r.l.n; k++)
            seen |= strncmp(text + r.l.q[k].span.start, "Morning Hour", 12) == 0;
        assert_int_equal(seen, !cases[i].title);
        check(&r, "will thank", STANCE_QUOTE_PARTIAL, "Ines Calloway");
        stance_quotelist_clear(&r.l);
    }
}

/* "Jane Roe's right-hand woman rallied supporters, saying": the one she owns
 * speaks, the possessive read in any case and before a no-break space
 * (stance_possessive_at(), as the actors' mentions read it). */
static void test_quotes_possessive_subject(void **state)
{
    static const char *const owner[] = {"Ines Calloway's ", "INES CALLOWAY'S ", "Ines Calloway\u2019s\u00a0"};
    for (size_t i = 0; i < sizeof owner / sizeof *owner; i++)
        owner_speaks(state, "The council met on Monday.\n\n", owner[i],
                     "right-hand woman rallied supporters, saying, \"The quay must stay open to everyone.\"\n",
                     "right-hand woman");
}

/* The helpers over the quote list and the name runs: inheritance, "inside a
 * quote?" and "the last run before" (binary searches over sorted offsets). */
static void test_quotes_ctx_helpers(void **state)
{
    seg s[3];
    stance_name v[3];
    stance_namelist nl;
    ctx c;
    attr to, from;
    static const size_t cs[3] = {10, 40, 70}, ce[3] = {20, 50, 80}, starts[3] = {5, 30, 30};
    (void)state;
    memset(s, 0, sizeof s);
    memset(v, 0, sizeof v);
    memset(&nl, 0, sizeof nl);
    memset(&c, 0, sizeof c);
    for (int i = 0; i < 3; i++) {
        s[i].open = cs[i] - 1, s[i].cs = cs[i], s[i].ce = ce[i], s[i].close = ce[i] + 1;
        v[i].start = starts[i];
    }
    c.s = s, c.n = 3, c.names = &nl, nl.v = v, nl.n = 3;
    assert_false(stance_q_in_quote(&c, 9, c.n));
    assert_true(stance_q_in_quote(&c, 10, c.n));
    assert_true(stance_q_in_quote(&c, 19, c.n));
    assert_false(stance_q_in_quote(&c, 20, c.n));
    assert_true(stance_q_in_quote(&c, 79, c.n));
    assert_false(stance_q_in_quote(&c, 79, 2)); /* only the first two quotes */
    assert_false(stance_q_in_quote(&c, 0, c.n));
    assert_int_equal(name_before(&c, 0), -1);
    assert_int_equal(name_before(&c, 5), -1);
    assert_int_equal(name_before(&c, 6), 0);
    assert_int_equal(name_before(&c, 30), 0); /* two runs at 30: the one before both */
    assert_int_equal(name_before(&c, 31), 2);
    memset(&from, 0, sizeof from);
    from.how = STANCE_ATTR_NAME, from.rule = STANCE_RULE_AFTER, from.name = 4, from.gender = STANCE_G_FEMALE;
    from.spk = (stance_span){3, 9}, from.a_start = 2, from.a_end = 15;
    memset(&to, 0xff, sizeof to);
    stance_q_inherit(&to, &from, STANCE_RULE_INHERIT_NEXT);
    assert_int_equal(to.how, STANCE_ATTR_INHERIT);
    assert_int_equal(to.rule, STANCE_RULE_INHERIT_NEXT);
    assert_int_equal(to.spk.start, 3);
    assert_int_equal(to.spk.end, 9);
    assert_int_equal(to.name, 4);
    assert_int_equal(to.gender, STANCE_G_FEMALE);
    assert_true(to.a_start == STANCE_NO_OFFSET && to.a_end == STANCE_NO_OFFSET);
    memset(&to, 0, sizeof to);
    assert_int_equal(stance_q_found(&to, &from, 20, 31), 1);
    assert_int_equal(from.a_start, 20); /* the find keeps its span too */
    assert_int_equal(to.a_start, 20);
    assert_int_equal(to.a_end, 31);
    assert_int_equal(to.how, STANCE_ATTR_NAME);
    assert_int_equal(to.spk.end, 9);
}

static void test_quotes_prefilter_sound(void **state)
{
    ctx c;
    size_t matched = 0, skipped = 0, files = 0, step = getenv("STANCE_UNDER_VALGRIND") ? 13 : 1;
    const char *dir = getenv("STANCE_TEST_DATA");
    char path[4096];
    DIR *d;
    struct dirent *de;
    memset(&c, 0, sizeof c);
    c.p = *state;
    c.md = pcre2_match_data_create(8, NULL);
    assert_non_null(c.md);
    for (size_t i = 0; i < sizeof FILTER_TEXTS / sizeof *FILTER_TEXTS; i++)
        filter_text(&c, FILTER_TEXTS[i], strlen(FILTER_TEXTS[i]), 1, &matched, &skipped);
    snprintf(path, sizeof path, "%s/quotes", dir ? dir : "tests/data");
    d = opendir(path);
    assert_non_null(d);
    while ((de = readdir(d)) != NULL) {
        size_t n = strlen(de->d_name), len;
        char name[512], *text;
        if (n < 5 || strcmp(de->d_name + n - 4, ".txt") != 0 || n > 400)
            continue;
        snprintf(name, sizeof name, "quotes/%s", de->d_name);
        text = testutil_read_data(name, &len);
        assert_non_null(text);
        filter_text(&c, text, len, step, &matched, &skipped);
        free(text);
        files++;
    }
    closedir(d);
    pcre2_match_data_free(c.md);
    print_message("prefilter: %zu matches, %zu windows skipped\n", matched, skipped);
    assert_true(files >= 10);
    assert_true(matched > 500); /* the texts hold many attributions */
    assert_true(skipped > matched); /* and the filters skip most windows */
}

/* The name scan's fast path in C against the pattern alone
 * (stance_names_scan_plain()): the same runs on random texts of names,
 * abbreviations ("Sen.", "Jr."), possessives ("'s", U+2019 s, "'S", "s'"),
 * apostrophes inside names ("O'Brien", "D'sa"), periods, particles, UTF-8
 * letters and spaces, in exactly-sized buffers (the text ends right after any
 * piece: an overread shows under valgrind). */
static void test_quotes_names_fast_path(void **state)
{
    static const char *const piece[] = {
        "Trump", "Donald", "Jo", "Mr", "Mrs", "Sen", "Sens", "Jr", "Capt", "Attyx", "St", "O", "A", "US",
        "Brien", "Souza", "sa", "said", "de", "la", "van", "the", "s", "S", "x", "_", "9", ".", ".", "'", "'",
        "\xe2\x80\x99", "\xe2\x80\x99", "\xe2\x80\x9d", ",", " ", " ", " ", "  ", "-", "\n", "(R-Fla.)", "\"",
        "\xc3\x89mile", "\xc3\xa9", "\xc2\xa0", "\xcc\x83", "J.", "\xe2\x84\x82" "ab", "\xe2\x80\x9c"};
    const size_t np = sizeof piece / sizeof *piece;
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *pat = stance_names_pattern(NULL, &ec, &eo);
    unsigned long r = 2024;
    size_t runs = 0, differ = 0;
    (void)state;
    assert_non_null(pat);
    for (int t = 0; t < 6000; t++) {
        char buf[256], *text;
        size_t len = 0, want = 2 + (t % 40);
        stance_namelist a, b;
        stance_error err;
        while (len < sizeof buf - 16 && want--) {
            size_t k, n;
            r = r * 6364136223846793005UL + 1442695040888963407UL;
            k = (size_t)(r >> 33) % np;
            n = strlen(piece[k]);
            memcpy(buf + len, piece[k], n);
            len += n;
        }
        /* (a capital right after a non-ASCII letter starts a run for the C path of
         * every version, not for the pattern's lookbehind: a known difference) */
        for (size_t i = 1; i < len; i++)
            if ((unsigned char)buf[i - 1] >= 0x80 && buf[i] >= 'A' && buf[i] <= 'Z')
                buf[i] = 'x';
        text = malloc(len ? len : 1);
        assert_non_null(text);
        memcpy(text, buf, len);
        memset(&a, 0, sizeof a);
        memset(&b, 0, sizeof b);
        assert_int_equal(stance_names_scan(pat, NULL, NULL, text, len, &a, &err), STANCE_OK);
        assert_int_equal(stance_names_scan_plain(pat, NULL, NULL, text, len, &b, &err), STANCE_OK);
        differ += a.n != b.n || (a.n && memcmp(a.v, b.v, a.n * sizeof *a.v) != 0);
        if (a.n != b.n || (a.n && memcmp(a.v, b.v, a.n * sizeof *a.v) != 0))
            fail_msg("runs differ (%zu fast, %zu pattern) in \"%.*s\"", a.n, b.n, (int)len, text);
        runs += a.n;
        stance_namelist_clear(&a);
        stance_namelist_clear(&b);
        free(text);
    }
    pcre2_code_free(pat);
    assert_int_equal(differ, 0);
    assert_true(runs > 3000); /* the texts hold names */
}

/* The start of a clause is found wherever its stop stands relative to the
 * eight-byte steps of the walk back: a ';', line break or '(' at every offset
 * of plain text (letters, spaces, commas, digits) ends the walk right after
 * itself, and a ')' before it hides the '(' of a closed aside. */
static void test_quotes_clause_start_every_offset(void **state)
{
    static const char *const stops[] = {";", "\n", "("};
    static const char plain[] = "abc de, fgh 12 ijk lmn, opq rstu vw xyz Abc de fgh, ijk 3 lmn opq";
    char buf[256];
    ctx c;
    (void)state;
    memset(&c, 0, sizeof c);
    for (size_t s = 0; s < sizeof stops / sizeof *stops; s++)
        for (size_t off = 0; off + 1 < sizeof plain - 20; off++) {
            size_t n = 0, at, got;
            memcpy(buf, plain, off);
            n = off;
            at = n;
            buf[n++] = stops[s][0];
            buf[n++] = ' ';
            memcpy(buf + n, plain, 40);
            n += 40;
            c.t = buf;
            c.len = n;
            got = stance_q_clause_start(&c, n, 0);
            if (got != at + 1)
                fail_msg("stop %d at %zu: clause starts at %zu", (int)stops[s][0], at, got);
            /* '(x) ' before the stop's place: a closed aside, then the same stop */
            if (off >= 4 && stops[s][0] == '(') {
                memcpy(buf + off - 4, "(x) ", 4);
                assert_int_equal(stance_q_clause_start(&c, n, 0), at + 1);
                buf[at] = 'q';
                assert_int_not_equal(stance_q_clause_start(&c, n, 0), off - 3); /* not inside the closed aside */
            }
        }
}

/* stance_sent_start() and stance_q_sent_start() (sixteen bytes a step where
 * no stop can be) equal their byte-by-byte searches and each other on random texts of stops, quote marks, abbreviations
 * and plain runs, at every position and several floors (fails when the step
 * skips a place whose stop lies just outside the sixteen bytes, or when a
 * stop byte is left out of the test). */
static void test_quotes_sent_start_random(void **state)
{
    static const char *const pieces[] = {
        "a ", "word ", "U.S. ", "Sen. ", "Mr. Roe ", ". ", "? ", "! ", ".\" ", "?' ", "!\xe2\x80\x9d ", ".\xe2\x80\x9d ",
        "\n", "  ", "x", ".", "\"", "\xe2\x80\x9c", "J. ", "ordinary plain words here ", "and some more of them ",
        "it said.", "no.", "?", "!\n", "He ", "\"We ", "\xe2\x80\x9cThe ", "Sen. Roe ", ".) ", "?\xe2\x80\x99 ", "A. B. ",
        "the spokesman. ", "Calif. ", "12 ", "\xe2\x80\x94 ", "the ", "\xc2\xa0", "(A) "};
    char buf[400];
    uint32_t seed = 12345;
    size_t checked = 0;
    ctx c;
    (void)state;
    memset(&c, 0, sizeof c);
    c.t = buf;
    for (int round = 0; round < 400; round++) {
        size_t n = 0;
        while (n < 300) {
            const char *p;
            seed = seed * 1103515245u + 12345u;
            p = pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)];
            memcpy(buf + n, p, strlen(p));
            n += strlen(p);
        }
        buf[n] = '\0';
        c.len = n;
        for (size_t pos = 0; pos <= n; pos++) {
            size_t floors[3] = {0, pos / 2, pos > 13 ? pos - 13 : 0};
            for (int f = 0; f < 3; f++) {
                size_t want = stance_sent_start_plain(buf, pos, floors[f]), got = stance_sent_start(buf, pos, floors[f]);
                if (got != want)
                    fail_msg("round %d pos %zu floor %zu: %zu, byte by byte %zu", round, pos, floors[f], got, want);
                want = stance_q_sent_start_plain(&c, pos, floors[f]);
                got = stance_q_sent_start(&c, pos, floors[f]);
                if (got != want)
                    fail_msg("q: round %d pos %zu floor %zu: %zu, byte by byte %zu", round, pos, floors[f], got, want);
                /* one definition of a sentence start: speaker_names.c's and the quotes module's agree at
                 * each character (ctx2) */
                if (((unsigned char)buf[pos] & 0xC0) != 0x80 && stance_sent_start(buf, pos, floors[f]) != got)
                    fail_msg("round %d pos %zu floor %zu: speaker_names %zu, quotes %zu", round, pos, floors[f],
                             stance_sent_start(buf, pos, floors[f]), got);
                checked++;
            }
        }
    }
    assert_true(checked > 300000);
}

/* Descriptions and pronouns named after extraction (stance_speaker_names(), no
 * actors given): the quote starting with @p head, its type, speaker and role (or
 * NULL: not checked). */
typedef struct named_case {
    const char *text, *head;
    stance_quote_type type;
    const char *speaker, *role;
} named_case;

static const named_case NAMED[] = {
    /* an age standing for a person is a described person, tied to the name it
     * is apposed to ("Darren Pike, 54,") */
    {"Darren Pike, 54, admitted fraud at the rowing club. His barrister, Colin Ambrose, spoke for him.\n\n"
     "The 54-year-old said: \"I am sorry for what I did to my friends.\"\n",
     "I am sorry", STANCE_QUOTE_DIRECT, "Darren Pike", "The 54-year-old"},
    /* else the one subject of the sentence before: a possessive ("Paul Dunn's
     * cross") there is no second candidate */
    {"Ruth Calder spoke after the match.\n\n"
     "Tom Marsh, who scored from Paul Dunn's cross in the first half, was calmer. \"I went for the ball and I got "
     "the ball,\" the 29-year-old said.\n",
     "I went for", STANCE_QUOTE_DIRECT, "Tom Marsh", NULL},
    /* "barrister" is a person noun (lib/lexicon.def): the speaker of the quote before */
    {"The harbour commissioner, Nora Quill, who had called for the inquiry, said the report was \"long overdue\". "
     "\"Ed Roe served this port for forty years, and many will be sad today,\" the former barrister said.\n",
     "Ed Roe served", STANCE_QUOTE_DIRECT, "Nora Quill", NULL},
    /* a he after a sentence opened by a description the text ties to a person
     * ("Peter Brandt, the former energy minister," ... "The former minister"):
     * that person, not the man named last */
    {"Peter Brandt, the former energy minister, opposes the plan. Councillor Tom Reade supports it.\n\n"
     "The former minister also had a message for the developer. \"They will be gone when the money runs out,\" "
     "he said.\n",
     "They will be gone", STANCE_QUOTE_DIRECT, "Peter Brandt", NULL},
    /* not a description opening a sentence inside a quote ("The judge understood") */
    {"Judge Paul Vell sentenced him on Friday.\n\n"
     "Outside court, Tom Reade said members were relieved. \"Justice was done. The judge understood what this did "
     "to us,\" he said.\n\n"
     "He was less forgiving of the defence.\n\n"
     "\"Plenty of people lose someone they love. They do not empty the club's account.\"\n",
     "Plenty of people", STANCE_QUOTE_DIRECT, "Tom Reade", NULL},
    /* a name of no known gender with a description apposed after it, closed by
     * its comma ("Mara Quist, the director of the clinic,") is a person's: the
     * lone candidate of a later description */
    {"Mara Quist, the director of the Hollow Bay clinic, spoke to the council on Monday. "
     "\"We cannot keep the ward open,\" the doctor said.\n",
     "We cannot keep", STANCE_QUOTE_DIRECT, "Mara Quist", "the doctor"},
    /* not a description that no comma closes: it is a later clause's subject */
    {"The crowd gathered outside Marrow Quay, the mayor said. \"We cannot keep the ward open,\" the doctor said.\n",
     "We cannot keep", STANCE_QUOTE_DIRECT, "the doctor", NULL},
    {"At a meeting in Marrow Quay, the mayor also said that it was too early to tell, and that the pier was safe. "
     "\"We cannot keep the ward open,\" the doctor said.\n",
     "We cannot keep", STANCE_QUOTE_DIRECT, "the doctor", NULL},
    /* a description named by a one-word name with a peerage title keeps the title
     * ("Lord Tresham", as a speaker named where it is written does) */
    {"Lord Tresham, the former energy minister, spoke to the chamber on Monday. "
     "\"We cannot keep the line open,\" the minister said.\n",
     "We cannot keep", STANCE_QUOTE_DIRECT, "Lord Tresham", "the minister"},
    /* a described speaker who asks is the one asking the person quoted before:
     * neither the lone person nor the speaker before names it */
    {"\"We will fix the roads,\" Tom Reed said. The moderator followed up, asking: \"How?\"\n",
     "How?", STANCE_QUOTE_DIRECT, "The moderator", NULL},
    {"\"We will fix the roads,\" Tom Reed said.\n\n\"With what money?\" the reporter asked.\n",
     "With what money", STANCE_QUOTE_DIRECT, "the reporter", NULL},
    {"Ann Lee and Tom Reed met at the library. \"We will fix the roads,\" Tom Reed said.\n\n"
     "\"With what money?\" the reporter asked.\n",
     "With what money", STANCE_QUOTE_DIRECT, "the reporter", NULL},
    /* the description is tied to the person an apposed qualifier run names
     * ("The moderator, Channel 6 anchor Renee Fulton,"), not to the run's
     * first word ("Channel") */
    {"The moderator, Channel 6 anchor Renee Fulton, opened by asking: \"What is the problem?\"\n\n"
     "\"Potholes,\" said Mayor Tom Reed.\n\n"
     "The moderator followed up, asking: \"How would you pay for it?\"\n",
     "How would you", STANCE_QUOTE_DIRECT, "Renee Fulton", "The moderator"},
};

static void test_quotes_described_named(void **state)
{
    for (size_t i = 0; i < sizeof NAMED / sizeof *NAMED; i++) {
        const named_case *nc = &NAMED[i];
        stance_entityset es = {0};
        stance_error err;
        run r;
        extract(state, nc->text, 0, &r);
        assert_int_equal(stance_speaker_names(&r.l, nc->text, strlen(nc->text), &es, &err), STANCE_OK);
        check(&r, nc->head, nc->type, nc->speaker);
        if (nc->role) {
            assert_non_null(find(&r, nc->head)->role);
            assert_string_equal(find(&r, nc->head)->role, nc->role);
        }
        stance_quotelist_clear(&r.l);
    }
}

/* spk27: a sentence opener before a name ("Then", "And") is no part of the
 * speaker's span, and opens no clause of a lone capital word ("Then Kim"). */
static void test_quotes_opener_not_in_speaker(void **state)
{
    run r;
    extract(state,
            "Moderator Dale Kim greeted the crowd.\n\n"
            "Then Dale Kim opened by asking: \"Who pays for the bridge?\"\n\n"
            "And Kim followed up by asking: \"When?\"\n",
            0, &r);
    span_is(&r, find(&r, "Who pays")->speaker_span, "Dale Kim");
    span_is(&r, find(&r, "When?")->speaker_span, "Kim");
    stance_quotelist_clear(&r.l);
}

/* spk33: two full names joined by "and", then "of" an organisation, before
 * the verb after a quote (which the noun-phrase parser reads as no speaker):
 * the first speaks; a pair without "of" and one name alone are unchanged. */
static void test_quotes_after_name_pair(void **state)
{
    run r;
    extract(state,
            "\"Prices will rise in the spring,\" economists Tom Reyes and Ann Bell wrote in May.\n\n"
            "\"Rents will follow,\" analysts Dora Pike and Sam Ito of the Vellmore Institute for Housing Studies "
            "wrote in June.\n\n"
            "\"Wages will not,\" Ann Bell said.\n",
            0, &r);
    check(&r, "Prices will", STANCE_QUOTE_DIRECT, "Ann Bell");
    check(&r, "Rents will", STANCE_QUOTE_DIRECT, "Dora Pike");
    check(&r, "Wages will", STANCE_QUOTE_DIRECT, "Ann Bell");
    stance_quotelist_clear(&r.l);
}

/* speaker_names.c's asks() reads the lexicon's rule list ASK (was a byte
 * test: three letters "ask" and a length): every form of "ask", no other word
 * that starts so or has that length. */
static void test_quotes_ask_list(void **state)
{
    static const char *const yes[] = {"ask", "asks", "asked", "asking"};
    static const char *const no[] = {"askew", "asker", "basked", "tasks", "Asked", "said", "answered"};
    (void)state;
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        assert_true(stance_lex_in_rules(yes[i], strlen(yes[i]), STANCE_LQ(ASK)));
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        assert_false(stance_lex_in_rules(no[i], strlen(no[i]), STANCE_LQ(ASK)));
}

/* A paragraph that continues the quote left open at the end of the paragraph
 * before is that quote's: the attribution after its closing mark that opens
 * a new sentence with a clause of its own ('Lee Moss, a council member, said
 * the plan') tells of something else. An attribution of the quote itself
 * ('" Lee Moss said.') and a quote that continues nothing keep theirs. */
static void test_quotes_continued_paragraph(void **state)
{
    run r;
    extract(state,
            "The mayor spoke on Monday.\n\n"
            LQ "We will build the bridge this year," RQ " Jane Orr said. " LQ "The money is there.\n\n"
            LQ "It will cost less than the old one and it will open in May." RQ
            " Lee Moss, a council member, said the plan was rushed.\n\n"
            "Jane Orr said the ferry would stay. " LQ "The boats are old.\n\n"
            LQ "But they will run until the bridge opens." RQ " Lee Moss said the ferry was a waste.\n",
            0, &r);
    check(&r, "We will build", STANCE_QUOTE_DIRECT, "Jane Orr");
    check(&r, "The money", STANCE_QUOTE_DIRECT, "Jane Orr");
    check(&r, "It will cost", STANCE_QUOTE_DIRECT, "Jane Orr");
    check(&r, "The boats", STANCE_QUOTE_DIRECT, "Jane Orr");
    stance_quotelist_clear(&r.l);
    extract(state,
            "The mayor spoke on Monday.\n\n"
            LQ "We will build the bridge this year," RQ " Jane Orr said. " LQ "The money is there.\n\n"
            LQ "It will cost less than the old one." RQ " Lee Moss said.\n\n"
            LQ "It will open in May." RQ " Lee Moss said the plan was rushed.\n",
            0, &r);
    check(&r, "It will cost", STANCE_QUOTE_DIRECT, "Lee Moss");
    check(&r, "It will open", STANCE_QUOTE_DIRECT, "Lee Moss");
    stance_quotelist_clear(&r.l);
}

/* A quote reopened mid-paragraph after its attribution ('"A," Roe said. "B')
 * and left open at the paragraph's end goes on into the next paragraph when
 * that paragraph is all quote (it closes at the paragraph's end, or is left
 * open again): one span, curly or straight marks. When the next paragraph
 * has an attribution of its own after its quote, the two stay apart. */
static void test_quotes_continued_mid_paragraph(void **state)
{
    run r;
    const stance_rawquote *q;
    const char *text = "The council met on Monday.\n\n"
                       LQ "We will build the bridge," RQ " Jane Orr said. " LQ "The money is there.\n\n"
                       LQ "It will open in May. The ferry will stop." RQ "\n\n"
                       "Tom Vale said on Tuesday: \"The road is closed. It will stay so.\n\n"
                       "\"It needs a new surface.\n\n"
                       "\"Work starts in June.\"\n";
    extract(state, text, 0, &r);
    q = find(&r, "The money");
    assert_string_equal(q->speaker, "Jane Orr");
    assert_int_equal(q->span.end, strstr(text, "stop.") + 5 - text);
    q = find(&r, "The road");
    assert_string_equal(q->speaker, "Tom Vale");
    assert_int_equal(q->span.end, strstr(text, "June.") + 5 - text);
    stance_quotelist_clear(&r.l);
    text = "Ann Lee spoke first.\n\n"
           "\"We are ready,\" Ann Lee said. \"The crews are hired.\n\n"
           "\"The trucks come next week. The work takes a year.\"\n";
    extract(state, text, 0, &r);
    q = find(&r, "The crews");
    assert_string_equal(q->speaker, "Ann Lee");
    assert_int_equal(q->span.end, strstr(text, "year.") + 5 - text);
    stance_quotelist_clear(&r.l);
    text = "Ann Lee spoke first.\n\n"
           LQ "We are ready," RQ " Ann Lee said. " LQ "The crews are hired.\n\n"
           LQ "The trucks come next week," RQ " she added. " LQ "The work takes a year." RQ "\n";
    extract(state, text, 0, &r);
    q = find(&r, "The crews");
    assert_int_equal(q->span.end, strstr(text, "hired.") + 6 - text);
    check(&r, "The trucks", STANCE_QUOTE_DIRECT, "Ann Lee");
    stance_quotelist_clear(&r.l);
}

/* Title words before an organisation's word name the organisation ("The
 * State Department", "The Senate Ethics Committee"); before a person's name
 * they stay titles ("State Sen. Jane Roe"), and so they do without "the"
 * before them ("Judge John Church": "Church" ends organisations too). */
static void test_quotes_org_name_title_words(void **state)
{
    run r;
    extract(state,
            "The State Department has said that the cables were " LQ "released in full" RQ " last year.\n\n"
            "The Senate Ethics Committee said the complaint was " LQ "without merit" RQ ".\n\n"
            "State Sen. Jane Roe said the bill was " LQ "dead on arrival" RQ ".\n\n"
            "Judge John Church said the appeal was " LQ "late by a week" RQ ".\n\n"
            "The State Board of Elections said the count was " LQ "final and certified" RQ ".\n",
            0, &r);
    check(&r, "released in full", STANCE_QUOTE_PARTIAL, "State Department");
    check(&r, "without merit", STANCE_QUOTE_PARTIAL, "Senate Ethics Committee");
    check(&r, "dead on arrival", STANCE_QUOTE_PARTIAL, "Jane Roe");
    check(&r, "late by a week", STANCE_QUOTE_PARTIAL, "John Church");
    check(&r, "final and certified", STANCE_QUOTE_PARTIAL, "State Board of Elections");
    stance_quotelist_clear(&r.l);
}

/* A list of verb phrases ending in "and said" ('he looked ..., furrowed his
 * brow and said'): the subject of the first phrase speaks, after a clause
 * whose own verb ("asked") came first. */
static void test_quotes_verb_list_and_said(void **state)
{
    run r;
    extract(state,
            "Last month, when I asked Tom Reed if he would run, he looked straight into my camera, furrowed his brow "
            "and said, " LQ "I will run!" RQ "\n\n"
            "When we asked Ann Cole about the vote, Lee Moss nodded, smiled and said, " LQ "We have the votes." RQ "\n",
            0, &r);
    check(&r, "I will run", STANCE_QUOTE_DIRECT, "Tom Reed");
    check(&r, "We have the votes", STANCE_QUOTE_DIRECT, "Lee Moss");
    stance_quotelist_clear(&r.l);
    /* the reporting verb read may be a past tense of the list ("smiled"), not "said" */
    extract(state,
            "Tom Reed paused, smiled and said: " LQ "We will win this race." RQ "\n\n"
            "Lee Bright, a Cole supporter, smiled and said: " LQ "So will we." RQ "\n",
            0, &r);
    check(&r, "We will win", STANCE_QUOTE_DIRECT, "Tom Reed");
    check(&r, "So will we", STANCE_QUOTE_DIRECT, "Lee Bright");
    stance_quotelist_clear(&r.l);
}

/* The attribution after a quote does not reach past a word that opens a
 * clause of its own ("while", "and"): that clause's subject says something
 * else ('," while Gov. Ray Cole and Rep. Tim Holt suggested'). */
static void test_quotes_after_clause_opens(void **state)
{
    run r;
    extract(state,
            "Sen. Ann Bell said she would " LQ "back the nominee" RQ " but " LQ "will not endorse anyone this year," RQ
            " while Gov. Ray Cole and Rep. Tim Holt suggested they would wait.\n\n"
            "Pair a weak economy with a " LQ "mayor who never listens" RQ
            " and Dunmorers get nervous, said Dora Pike, a pollster.\n",
            0, &r);
    check(&r, "will not endorse", STANCE_QUOTE_PARTIAL, "Ann Bell");
    check(&r, "mayor who", STANCE_QUOTE_PARTIAL, "Dora Pike");
    stance_quotelist_clear(&r.l);
}

/* A clause opened by a subordinator ("while", "when") whose subject is a name
 * with a reporting verb of its own stands nearer the partial quote than the
 * verb of the sentence's first clause, and its subject speaks the quote. */
static void test_quotes_later_clause(void **state)
{
    run r;
    extract(state,
            "Ann Bell and Tom Reyes spoke at the forum. Ann Bell suggested that a mayor who skips hearings cannot "
            "lead, while Tom Reyes said that the \"stakes are too high\" for the city.\n\n"
            "It began when Ida Brandt wrote that the council's \"fear of even small changes\" was a mistake.\n",
            0, &r);
    check(&r, "stakes are", STANCE_QUOTE_PARTIAL, "Tom Reyes");
    check(&r, "fear of even", STANCE_QUOTE_PARTIAL, "Ida Brandt");
    stance_quotelist_clear(&r.l);
}

static void test_quotes_ruled_and_named_in_who(void **state)
{
    run r;
    extract(state,
            "The state supreme court ruled 4 to 3 that the maps \"cannot be squared with the constitution.\"\n\n"
            "\"We waited all night,\" said one man, who gave his name as Carl Baxter, a retired machinist.\n\n"
            "\"It was cold,\" a woman, who identified herself as Dana Moss, said.\n\n"
            "\"It was late,\" said a woman, who gave the reporter a list of names.\n",
            0, &r);
    check(&r, "cannot be squared", STANCE_QUOTE_PARTIAL, "The state supreme court");
    check(&r, "We waited", STANCE_QUOTE_DIRECT, "Carl Baxter");
    check(&r, "It was cold", STANCE_QUOTE_DIRECT, "Dana Moss");
    check(&r, "It was late", STANCE_QUOTE_DIRECT, "a woman");
    stance_quotelist_clear(&r.l);
}

static void test_quotes_participle_after_partial(void **state)
{
    run r;
    extract(state,
            "Jane Roe did not want to discuss \"that man,\" telling reporters that she is focused on \"ending the "
            "feud for good.\"\n\n"
            "A columnist for the Valley Post went after the senator in a piece on Sunday, writing that the senator had "
            "\"forgotten who sent him to the capital.\"\n",
            0, &r);
    check(&r, "ending the feud", STANCE_QUOTE_PARTIAL, "Jane Roe");
    check(&r, "forgotten who", STANCE_QUOTE_PARTIAL, "A columnist for the Valley Post");
    stance_quotelist_clear(&r.l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quotes_after_said),
        cmocka_unit_test(test_quotes_particle_and_unicode_capital),
        cmocka_unit_test(test_quotes_rule_ids),
        cmocka_unit_test(test_quotes_before_colon_and_plain),
        cmocka_unit_test(test_quotes_appositive_role),
        cmocka_unit_test(test_quotes_titles_initials_suffix),
        cmocka_unit_test(test_quotes_longest_form),
        cmocka_unit_test(test_quotes_dash),
        cmocka_unit_test(test_quotes_multi_paragraph),
        cmocka_unit_test(test_quotes_nested_single),
        cmocka_unit_test(test_quotes_partial),
        cmocka_unit_test(test_quotes_indirect_option),
        cmocka_unit_test(test_quotes_pronoun_two_paragraphs_back),
        cmocka_unit_test(test_quotes_inherit_next_paragraph),
        cmocka_unit_test(test_quotes_organisation_speaker),
        cmocka_unit_test(test_quotes_transcript_label),
        cmocka_unit_test(test_quotes_unbalanced_marks),
        cmocka_unit_test(test_quotes_apostrophes),
        cmocka_unit_test(test_quotes_context_span),
        cmocka_unit_test(test_quotes_context_past_title),
        cmocka_unit_test(test_quotes_according_to_and_name_colon),
        cmocka_unit_test(test_quotes_participle_subject),
        cmocka_unit_test(test_quotes_colon_subject),
        cmocka_unit_test(test_quotes_pronoun_previous_speaker),
        cmocka_unit_test(test_quotes_pronoun_subject_over_object),
        cmocka_unit_test(test_quotes_pronoun_topic_through_she),
        cmocka_unit_test(test_quotes_pronoun_not_places),
        cmocka_unit_test(test_quotes_pronoun_ambiguous_first_name),
        cmocka_unit_test(test_quotes_pronoun_not_an_organisation),
        cmocka_unit_test(test_quotes_pronoun_lone_surname_subject),
        cmocka_unit_test(test_quotes_nested_other_family),
        cmocka_unit_test(test_quotes_stage_directions_and_titles),
        cmocka_unit_test(test_quotes_split_quote_and_continuation),
        cmocka_unit_test(test_quotes_adversarial_linear),
        cmocka_unit_test(test_quotes_classify_bad_utf8),
        cmocka_unit_test(test_quotes_snap_utf8),
        cmocka_unit_test(test_quotes_spans_utf8_boundaries),
        cmocka_unit_test(test_quotes_after_forms),
        cmocka_unit_test(test_quotes_sentence_before),
        cmocka_unit_test(test_quotes_participle_clause),
        cmocka_unit_test(test_quotes_nickname_and_suffix),
        cmocka_unit_test(test_quotes_pattern_sizes),
        cmocka_unit_test(test_quotes_dash_paragraph),
        cmocka_unit_test(test_quotes_abbreviation_dots),
        cmocka_unit_test(test_quotes_inverted_said),
        cmocka_unit_test(test_quotes_noun_phrase_limits),
        cmocka_unit_test(test_quotes_np_pronoun_gender),
        cmocka_unit_test(test_quotes_ctx_helpers),
        cmocka_unit_test(test_quotes_it_possessive_memo),
        cmocka_unit_test(test_quotes_title_after_plural_possessive),
        cmocka_unit_test(test_quotes_possessive_subject),
        cmocka_unit_test(test_quotes_with_name_participle),
        cmocka_unit_test(test_quotes_bracket_source),
        cmocka_unit_test(test_quotes_clause_subject_not_object),
        cmocka_unit_test(test_quotes_leadin_before_appositive),
        cmocka_unit_test(test_quotes_whole_quote_sentence_goes_on),
        cmocka_unit_test(test_quotes_second_subject_after_and),
        cmocka_unit_test(test_quotes_speech_act_sentence_before),
        cmocka_unit_test(test_quotes_role_without_closing_comma),
        cmocka_unit_test(test_quotes_name_before_who),
        cmocka_unit_test(test_quotes_participle_after_partial),
        cmocka_unit_test(test_quotes_unicode_label),
        cmocka_unit_test(test_quotes_unicode_nickname_and_initial),
        cmocka_unit_test(test_quotes_wordset),
        cmocka_unit_test(test_quotes_names_index_order),
        cmocka_unit_test(test_quotes_prefilter_sound),
        cmocka_unit_test(test_quotes_names_fast_path),
        cmocka_unit_test(test_quotes_clause_start_every_offset),
        cmocka_unit_test(test_quotes_sent_start_random),
        cmocka_unit_test(test_quotes_described_named),
        cmocka_unit_test(test_quotes_opener_not_in_speaker),
        cmocka_unit_test(test_quotes_ask_list),
        cmocka_unit_test(test_quotes_after_name_pair),
        cmocka_unit_test(test_quotes_continued_paragraph),
        cmocka_unit_test(test_quotes_continued_mid_paragraph),
        cmocka_unit_test(test_quotes_org_name_title_words),
        cmocka_unit_test(test_quotes_verb_list_and_said),
        cmocka_unit_test(test_quotes_after_clause_opens),
        cmocka_unit_test(test_quotes_later_clause),
        cmocka_unit_test(test_quotes_ruled_and_named_in_who),
        cmocka_unit_test(test_quotes_participle_after_quote),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
