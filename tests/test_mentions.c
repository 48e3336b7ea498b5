/* test_mentions.c - mentions beyond names (lib/mentions.c: titles, role nouns,
 * epithets, pronouns, speaker-self, addressee) and target choice
 * (lib/targets.c). Texts written for these tests. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sort.h"
#include "stance_internal.h"
#include "speaker_names.h"
#include "targets.h"
#include "testutil.h"

#include "mentions_doc.h"

/* One expectation about the mentions of @p actor beyond its names: the @p nth
 * (0-based) occurrence of @p word in the text is a mention of kind @p kind found
 * by @p rule, or, with the kinds below, something else about the actor. */
typedef struct more_case {
    const char *actor; /* NULL ends a list */
    const char *word;
    int nth;
    int kind;
    int rule;
} more_case;
#define NOT_A_MENTION (-1) /* the nth occurrence of word lies in no mention of actor */
#define N_MORE (-2)        /* actor has nth mentions beyond its names (word unused) */
#define GENDER (-3)        /* actor's gender is nth, STANCE_G_* (word unused) */

/* Byte offset of the @p nth occurrence of @p word in the text. */
static size_t nth_at(const doc *d, const char *what, const char *word, int nth)
{
    const char *p = d->text;
    for (int i = 0; i <= nth; i++)
        if (!(p = strstr(i ? p + 1 : p, word)))
            fail_msg("%s: no \"%s\" #%d in the text", what, word, nth);
    return (size_t)(p - d->text);
}

static void expect_one(const doc *d, const char *what, const more_case *w)
{
    const stance_ent *e = ent(d, w->actor);
    size_t s;
    if (w->kind == N_MORE || w->kind == GENDER) {
        size_t got = w->kind == N_MORE ? e->n_more : (size_t)e->gender;
        if (got != (size_t)w->nth)
            fail_msg("%s: %s has %s %zu, not %d", what, e->name, w->kind == N_MORE ? "n_more" : "gender", got, w->nth);
        return;
    }
    s = nth_at(d, what, w->word, w->nth);
    for (size_t k = 0; k < e->n_more; k++) {
        const stance_mention *m = &e->more[k];
        if (w->kind == NOT_A_MENTION && m->span.start <= s && s < m->span.end)
            fail_msg("%s: \"%s\" #%d is a mention of %s", what, w->word, w->nth, e->name);
        if (w->kind != NOT_A_MENTION && m->span.start == s && m->span.end == s + strlen(w->word)) {
            if (m->kind != w->kind || m->rule != w->rule)
                fail_msg("%s: \"%s\" #%d is of kind %d by rule %d, not %d by %d", what, w->word, w->nth, m->kind,
                         m->rule, w->kind, w->rule);
            return;
        }
    }
    if (w->kind != NOT_A_MENTION)
        fail_msg("%s: \"%s\" #%d is no mention of %s", what, w->word, w->nth, e->name);
}

/* Every expectation of the NULL-ended list @p want. */
static void expect_more(const doc *d, const char *what, const more_case *want)
{
    for (; want->actor; want++)
        expect_one(d, what, want);
}

static void test_mentions_tables_sorted(void **state)
{
    (void)state;
    assert_true(stance_mentions_tables_sorted());
    assert_true(stance_names_tables_ok());
    assert_string_equal(stance_mention_kind_name(STANCE_MK_SELF), "speaker-self");
    assert_string_equal(stance_mention_rule_name(STANCE_MR_EPITHET), "epithet-apposition");
    assert_string_equal(stance_mention_rule_name(STANCE_MR_DEMONYM), "demonym");
    assert_string_equal(stance_mention_rule_name(STANCE_MR_PRONOUN_CONTINUED), "pronoun-continued");
    assert_string_equal(stance_mention_rule_name(STANCE_MR_AGE), "age-apposition");
    assert_string_equal(stance_mention_rule_name(STANCE_MR_PRONOUN_PAIR), "pronoun-pair");
    assert_string_equal(stance_mention_rule_name(STANCE_MR_PRONOUN_OBJECT), "pronoun-object");
    assert_string_equal(stance_mention_kind_name(99), "unknown");
}

static void test_mentions_names_kinds(void **state)
{
    static const char *const al[] = {"the Harbor Board"};
    stance_actor a[] = {{"Tom Park", NULL, 0}, {"Kessick Port Authority", al, 1}};
    const char text[] = "Tom Park met the Harbor Board. Park's aides left.";
    doc d;
    const stance_ent *p, *b;
    (void)state;
    doc_open(&d, text, a, 2);
    p = ent(&d, "Tom Park");
    b = ent(&d, "Kessick Port Authority");
    assert_int_equal(p->n_mentions, 2);
    assert_int_equal(p->kinds[0], STANCE_MK_NAME);
    assert_int_equal(p->rules[0], STANCE_MR_NAME);
    assert_int_equal(p->kinds[1], STANCE_MK_SURNAME);
    assert_int_equal(p->rules[1], STANCE_MR_POSSESSIVE);
    assert_int_equal(b->n_mentions, 1);
    assert_int_equal(b->kinds[0], STANCE_MK_ALIAS);
    doc_close(&d);
}

/* A text, its actors (none: discovered) and what must hold of their mentions. */
typedef struct mention_case {
    const char *what;
    const char *text;
    stance_actor actors[4];
    size_t n_actors;
    more_case want[8];
} mention_case;

#define TITLE STANCE_MK_TITLE
#define PRONOUN STANCE_MK_PRONOUN
#define SELF STANCE_MK_SELF

static const char *const IKK[] = {"ICX"};
static const char *const SAUDIS[] = {"Saudis"};
static const char *const PARKS[] = {"Parks"};

static const mention_case MENTION_CASES[] = {
    {"title before the name",
     "Gov. Tom Park and Mayor Elena Diaz met on Monday. The governor left early; "
     "the mayor stayed. The governor Tom Park later returned.",
     {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}},
     2,
     {{"Tom Park", "The governor", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Elena Diaz", "the mayor", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      /* a role noun before a name is part of that name, not a second mention */
      {"Tom Park", "The governor", 1, NOT_A_MENTION, 0}}},
    /* link20: "former Gov." is a role once held: a bare "the governor" means the current one */
    {"\"the governor\" beside a governor and a former governor; \"the former governor\"",
     "Gov. Sam Ito met former Gov. Tom Park on Monday. The governor left early, and the former governor stayed.",
     {{"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}},
     2,
     {{"Sam Ito", "The governor", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Tom Park", "The governor", 0, NOT_A_MENTION, 0},
      {"Tom Park", "the former governor", 0, TITLE, STANCE_MR_TITLE_BEFORE}}},
    /* link20: "the Ohio governor" is the governor written "Ohio Gov." */
    {"\"the Ohio governor\": the tie written with that place word, not the latest governor",
     "Ohio Gov. Tom Park met Texas Gov. Sam Ito on Monday. The Ohio governor left early.",
     {{"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}},
     2,
     {{"Tom Park", "The Ohio governor", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Sam Ito", "The Ohio governor", 0, NOT_A_MENTION, 0}}},
    /* link25: a title of two words ties as one role, not as the role of its last word */
    {"titles of two words: \"Attorney General\", \"Inspector General\", \"Vice President\", \"Lt. Gov.\"",
     "President Elena Diaz met Vice President Tom Park, Attorney General Sara Cole, Inspector General Hal Ross "
     "and Lt. Gov. Sam Ito. The president spoke; the vice president, the attorney general and the inspector "
     "general listened. The governor left, and the lieutenant governor stayed.",
     {{"Elena Diaz", NULL, 0}, {"Tom Park", NULL, 0}, {"Sara Cole", NULL, 0}, {"Hal Ross", NULL, 0}},
     4,
     {{"Elena Diaz", "The president", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Tom Park", "the vice president", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Sara Cole", "the attorney general", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Hal Ross", "the inspector general", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Tom Park", "The president", 0, NOT_A_MENTION, 0}}},
    {"\"the inspector general\"; \"Lt. Gov.\" is no governor; \"Majority Leader\" is a leader",
     "Inspector General Hal Ross met Lt. Gov. Sam Ito and Senate Majority Leader Tom Park. The inspector general "
     "left, the governor stayed, and the lieutenant governor spoke. The Senate Republican leader said nothing.",
     {{"Hal Ross", NULL, 0}, {"Sam Ito", NULL, 0}, {"Tom Park", NULL, 0}},
     3,
     {{"Hal Ross", "The inspector general", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Sam Ito", "the governor", 0, NOT_A_MENTION, 0},
      {"Sam Ito", "the lieutenant governor", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Tom Park", "The Senate Republican leader", 0, TITLE, STANCE_MR_TITLE_BEFORE}}},
    /* link25: "Speaker" is a title; "Rep." is a congressman or congresswoman, by gender */
    {"\"House Speaker\" and \"Rep.\": \"the speaker\", \"the congressman\", \"the congresswoman\"",
     "House Speaker Elena Diaz met Rep. Tom Park and Rep. Sara Cole. The speaker left; the congressman stayed, "
     "and the congresswoman spoke.",
     {{"Elena Diaz", NULL, 0}, {"Tom Park", NULL, 0}, {"Sara Cole", NULL, 0}},
     3,
     {{"Elena Diaz", "The speaker", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Tom Park", "the congressman", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Sara Cole", "the congresswoman", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Tom Park", "the congresswoman", 0, NOT_A_MENTION, 0}}},
    /* link25: "Deputy", "Assistant", "Vice" before a title make it another's second */
    {"a deputy's title is not the title: \"Deputy Attorney General\", \"Vice Chairman\"",
     "Attorney General Elena Diaz met Deputy Attorney General Sara Cole and Vice Chairman Tom Park. "
     "The attorney general spoke, and the chairman listened.",
     {{"Elena Diaz", NULL, 0}, {"Sara Cole", NULL, 0}, {"Tom Park", NULL, 0}},
     3,
     {{"Elena Diaz", "The attorney general", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Sara Cole", "The attorney general", 0, NOT_A_MENTION, 0},
      {"Tom Park", "the chairman", 0, NOT_A_MENTION, 0}}},
    /* link25: a role word with a gender takes no actor of the other gender */
    {"\"the chairwoman\" is not the latest chair when he is a man",
     "Chairwoman Elena Diaz met Chairman Tom Park. The chairwoman spoke first.",
     {{"Elena Diaz", NULL, 0}, {"Tom Park", NULL, 0}},
     2,
     {{"Elena Diaz", "The chairwoman", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Tom Park", "The chairwoman", 0, NOT_A_MENTION, 0}}},
    /* link26: "Del." (a delegate) and "Inspector" alone are titles */
    {"\"Del.\" and \"Inspector\" before a name: \"the delegate\", \"the inspector\"",
     "Del. Elena Diaz met Inspector Tom Park on Monday. The delegate left early, and the inspector stayed.",
     {{"Elena Diaz", NULL, 0}, {"Tom Park", NULL, 0}},
     2,
     {{"Elena Diaz", "The delegate", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Tom Park", "the inspector", 0, TITLE, STANCE_MR_TITLE_BEFORE}}},
    /* link26: the apposition of a role runs on through its "of"-phrase, a possessive in it
     * ("of suburban Riverton's Ash County"): the title is the name's, not the latest chair's */
    {"\"X, the chairman of suburban Riverton's Ash County,\": X's, not the chairman named before",
     "County chairman Sam Ito backed the plan. Tom Park, the Democratic chairman of suburban Riverton\xe2\x80\x99s "
     "Ash County, opposed it, and Elena Diaz, the Republican chairwoman of the Vale County party, "
     "agreed with him.",
     {{"Sam Ito", NULL, 0}, {"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}},
     3,
     {{"Tom Park", "the Democratic chairman of suburban Riverton\xe2\x80\x99s Ash County", 0, STANCE_MK_EPITHET,
       STANCE_MR_EPITHET},
      {"Sam Ito", "the Democratic chairman", 0, NOT_A_MENTION, 0},
      {"Elena Diaz", "the Republican chairwoman of the Vale County party", 0, STANCE_MK_EPITHET,
       STANCE_MR_EPITHET},
      {"Tom Park", "him", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER}}},
    {"a capitalised role after \"the\"",
     "President Tom Park met Elena Diaz on Monday.\n\n\"It is an honour to serve the President,\" said Diaz. "
     "\"The President Tom Park era is over,\" said Diaz.\n",
     {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}},
     2,
     {{"Tom Park", "the President", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Tom Park", "The President", 0, NOT_A_MENTION, 0}}}, /* a name follows */
    {"role apposition",
     "Elena Diaz, the mayor, met the treasurer, Sam Ito, on Monday. Later the mayor thanked the treasurer.",
     {{"Elena Diaz", NULL, 0}, {"Sam Ito", NULL, 0}},
     2,
     {{"Elena Diaz", "the mayor", 1, TITLE, STANCE_MR_ROLE_APPOSITION},
      {"Sam Ito", "the treasurer", 1, TITLE, STANCE_MR_ROLE_APPOSITION}}},
    /* link16: a role noun of no table, by the article's own tie (an agent noun's ending) */
    {"a role noun of no table before a name or in apposition; not a noun after a determiner",
     "Coach Tom Park accused referee Sam Ito of bias. Later the referee left. Elena Diaz, the groundsman, "
     "spoke. The groundsman waited. The designer Park hired stayed, and the designer was paid.",
     {{"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}, {"Elena Diaz", NULL, 0}},
     3,
     {{"Sam Ito", "the referee", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Elena Diaz", "The groundsman", 0, TITLE, STANCE_MR_ROLE_APPOSITION},
      {"Tom Park", "the designer", 0, NOT_A_MENTION, 0}}},
    /* link16: an age apposition ties "the <age>-year-old"; "you" after "told" it is that person */
    {"\"the 54-year-old\" after \"Name, 54,\", and the addressee it makes; not another age",
     "Tom Park, 54, admitted fraud. Sam Ito, 61, spoke for him.\n\n"
     "Judge Elena Diaz told the 54-year-old: \"You were trusted.\" The 61-year-old nodded, "
     "and the 40-year-old left.\n",
     {{"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}, {"Elena Diaz", NULL, 0}},
     3,
     {{"Tom Park", "the 54-year-old", 0, STANCE_MK_EPITHET, STANCE_MR_AGE},
      {"Tom Park", "You", 0, PRONOUN, STANCE_MR_ADDRESSEE},
      {"Sam Ito", "The 61-year-old", 0, STANCE_MK_EPITHET, STANCE_MR_AGE},
      {"Tom Park", "the 40-year-old", 0, NOT_A_MENTION, 0},
      {"Sam Ito", "the 40-year-old", 0, NOT_A_MENTION, 0}}},
    /* tidy3: a description ending at the comma before the name (stance_apposed_head, as for speakers) */
    {"role apposed before the name: \"the chief executive of X, NAME,\"",
     "State Senator Mara Oyel questioned the chief executive of Skyridge Airways, Bernard Lisle, on Monday. "
     "A former treasurer, Sam Ito, watched. Later the chief executive left, and the treasurer stayed; "
     "the economist, Jo Roe, spoke. Then the economist waited. Later the treasurer, Ann Lee, and the chief "
     "executive, Tom Vale, resigned.",
     {{"Bernard Lisle", NULL, 0}, {"Sam Ito", NULL, 0}, {"Jo Roe", NULL, 0}}, 3,
     {{"Bernard Lisle", "the chief executive", 1, TITLE, STANCE_MR_ROLE_APPOSITION},
      {"Sam Ito", "the treasurer", 0, TITLE, STANCE_MR_ROLE_APPOSITION},
      {"Jo Roe", "the economist", 1, TITLE, STANCE_MR_ROLE_APPOSITION},
      {"Jo Roe", "the economist", 0, NOT_A_MENTION, 0}, /* the tie comes after it */
      /* a description apposed to another name describes that name */
      {"Sam Ito", "the treasurer", 1, NOT_A_MENTION, 0},
      {"Bernard Lisle", "the chief executive", 2, NOT_A_MENTION, 0}}},
    /* link18: an apposed role noun of no table after a modifier, both ways round, and a possessive
     * before an apposed role; not a person's possessive ("Park's press secretary") */
    {"\"the city auditor, NAME,\", \"NAME, the city auditor,\", \"Kestria's treasurer, NAME,\" tie the head",
     "The city auditor, Frances Kettle, found many faults. Later the auditor spoke. Elena Diaz, the harbour "
     "surveyor, came too, and the surveyor nodded. Kestria's treasurer, Ines Calloway, resigned, and the "
     "treasurer left. Sam Ito, the number of the day, sat. The number rose.\n",
     {{"Frances Kettle", NULL, 0}, {"Elena Diaz", NULL, 0}, {"Ines Calloway", NULL, 0}, {"Sam Ito", NULL, 0}},
     4,
     {{"Frances Kettle", "the auditor", 0, TITLE, STANCE_MR_ROLE_APPOSITION},
      {"Elena Diaz", "the surveyor", 0, TITLE, STANCE_MR_ROLE_APPOSITION},
      {"Ines Calloway", "the treasurer", 0, TITLE, STANCE_MR_ROLE_APPOSITION},
      {"Sam Ito", "The number", 0, TITLE, STANCE_MR_ROLE_APPOSITION}}},
    {"no title from a person's possessive: \"Park's press secretary, NAME,\"",
     "Tom Park arrived. Park's press secretary, Jo Roe, spoke, and then the secretary left.\n",
     {{"Tom Park", NULL, 0}, {"Jo Roe", NULL, 0}},
     2,
     {{"Jo Roe", "the secretary", 0, NOT_A_MENTION, 0}, {"Tom Park", "the secretary", 0, NOT_A_MENTION, 0}}},
    {"epithet",
     "Hillary Clinton, the Democratic nominee, spoke in Ohio. The crowd cheered the "
     "Democratic nominee, and the nominee waved. Clinton, who spoke for an hour, left.",
     {{"Hillary Clinton", NULL, 0}},
     1,
     {{"Hillary Clinton", "the Democratic nominee", 0, STANCE_MK_EPITHET, STANCE_MR_EPITHET},
      {"Hillary Clinton", "the Democratic nominee", 1, STANCE_MK_EPITHET, STANCE_MR_EPITHET},
      /* its head noun is a role: "the nominee" too */
      {"Hillary Clinton", "the nominee", 0, TITLE, STANCE_MR_ROLE_APPOSITION},
      /* a relative clause is no apposition */
      {"Hillary Clinton", NULL, 3, N_MORE, 0}}},
    {"\"billionaire\" is a role noun",
     "Billionaire Tom Park spoke in Dover. Later the billionaire businessman left.",
     {{"Tom Park", NULL, 0}},
     1,
     {{"Tom Park", "the billionaire", 0, TITLE, STANCE_MR_TITLE_BEFORE}}},
    {"a party's candidate by any of its names",
     "Republican frontrunner Tom Park spoke in Dover. Later the nominee left, and "
     "the Republican front-runner waved.",
     {{"Tom Park", NULL, 0}},
     1,
     {{"Tom Park", "the nominee", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Tom Park", "the Republican front-runner", 0, TITLE, STANCE_MR_TITLE_BEFORE}}},
    {"title with modifiers",
     "Gov. Tom Park signed the bill. Critics of the former Florida governor were loud, and "
     "the 57-year-old governor said little. The governor's aides left.",
     {{"Tom Park", NULL, 0}},
     1,
     {{"Tom Park", "the former Florida governor", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Tom Park", "the 57-year-old governor", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Tom Park", "The governor", 0, TITLE, STANCE_MR_TITLE_BEFORE}}},
    /* A capital is a capital by Unicode category, not only A-Z (issue #15 item 5) */
    {"non-ASCII capitals: a modifier, a name after the role, a family",
     "Gov. Tom Park met President \xc3\x89mile Roux and Ana \xc4\x8c" "apek. Critics of the former \xc5\x81\xc3\xb3" "d\xc5\xba "
     "governor were loud.\n\n\"It is an honour to serve the President,\" said Park. \"The President \xc3\x89mile "
     "Roux era is over, and the \xc4\x8c" "apeks never paid,\" said Park.\n",
     {{"Tom Park", NULL, 0}, {"\xc3\x89mile Roux", NULL, 0}, {"Ana \xc4\x8c" "apek", NULL, 0}},
     3,
     {{"Tom Park", "the former \xc5\x81\xc3\xb3" "d\xc5\xba governor", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"\xc3\x89mile Roux", "the President", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"\xc3\x89mile Roux", "The President", 0, NOT_A_MENTION, 0}, /* a name follows */
      {"Ana \xc4\x8c" "apek", "the \xc4\x8c" "apeks", 0, STANCE_MK_SURNAME, STANCE_MR_SURNAME_PLURAL}}},
    {"organisation by its head noun",
     "The Green Party met on Monday. Elena Diaz said the party would appeal to the Supreme Court. "
     "Diaz said the court would listen, and the party agreed. A party of five left.",
     {{"Green Party", NULL, 0}, {"Supreme Court", NULL, 0}, {"Elena Diaz", NULL, 0}},
     3,
     {{"Green Party", "the party", 0, TITLE, STANCE_MR_ORG_HEAD},
      {"Green Party", "the party", 1, TITLE, STANCE_MR_ORG_HEAD},
      {"Supreme Court", "the court", 0, TITLE, STANCE_MR_ORG_HEAD},
      /* "A party" is no definite mention; nobody else is "the court" */
      {"Green Party", NULL, 2, N_MORE, 0},
      {"Elena Diaz", NULL, 0, N_MORE, 0}}},
    {"organisation by the head before \"of\"/\"on\"",
     "The House Select Committee on Harbors met on Monday. Elena Diaz said the committee would listen, "
     "and the Department of Roads agreed. Diaz thanked the department.",
     {{"House Select Committee on Harbors", NULL, 0}, {"Department of Roads", NULL, 0}, {"Elena Diaz", NULL, 0}},
     3,
     {{"House Select Committee on Harbors", "the committee", 0, TITLE, STANCE_MR_ORG_HEAD},
      {"Department of Roads", "the department", 0, TITLE, STANCE_MR_ORG_HEAD},
      {"House Select Committee on Harbors", "the department", 0, NOT_A_MENTION, 0}}},
    /* link18: "the" and the last words of an organisation's name, caseless; not when two names end so */
    {"\"the county council\" for \"Garran County Council\", \"the district council\"",
     "Garran County Council runs the harbour, and Wendle District Council runs the fields. Elena Diaz "
     "said the county council had failed and the district council had not.",
     {{"Garran County Council", NULL, 0}, {"Wendle District Council", NULL, 0}, {"Elena Diaz", NULL, 0}},
     3,
     {{"Garran County Council", "the county council", 0, TITLE, STANCE_MR_ORG_HEAD},
      {"Wendle District Council", "the district council", 0, TITLE, STANCE_MR_ORG_HEAD},
      {"Garran County Council", "the district council", 0, NOT_A_MENTION, 0}}},
    {"not \"the parish council\" when two names end so",
     "Oakhurst Parish Council and Ludd Parish Council met. Elena Diaz said the parish council was split.",
     {{"Oakhurst Parish Council", NULL, 0}, {"Ludd Parish Council", NULL, 0}, {"Elena Diaz", NULL, 0}},
     3,
     {{"Oakhurst Parish Council", "the parish council", 0, NOT_A_MENTION, 0},
      {"Ludd Parish Council", "the parish council", 0, NOT_A_MENTION, 0}}},
    /* link14: the head of an actor that is no person is its own last word, whatever the word */
    {"no person's head noun: \"the bakery\" for \"Olmstead Village Bakery\", \"the hospital\" (a listed word)",
     "Olmstead Village Bakery, which opened in May, closed. Elena Diaz said the bakery would reopen, "
     "but the bakery of her aunt stayed shut. Rudo Kessel said the hall was full. Nurses at Marrow Valley "
     "Hospital walked out, and Diaz said the hospital never called.",
     {{"Olmstead Village Bakery", NULL, 0}, {"Elena Diaz", NULL, 0}, {"Rudo Kessel", NULL, 0}, {"Marrow Valley Hospital", NULL, 0}}, 4,
     {{"Olmstead Village Bakery", "the bakery", 0, TITLE, STANCE_MR_ORG_HEAD},
      {"Marrow Valley Hospital", "the hospital", 0, TITLE, STANCE_MR_ORG_HEAD},
      {"Olmstead Village Bakery", "the hall", 0, NOT_A_MENTION, 0}}}, /* a hall of no actor's name */
    /* link14: an actor the article writes as a thing ("X, which") is no he/she */
    {"\"X, which\": no he/she",
     "Kelbrook Vale beat Torrington 2-0, which surprised nobody.\n\n"
     "\"He was superb,\" said Elena Diaz. Kelbrook Vale, which leads the table, rested.\n",
     {{"Kelbrook Vale", NULL, 0}},
     1,
     {{"Kelbrook Vale", "He", 0, NOT_A_MENTION, 0}, {"Kelbrook Vale", NULL, 0, N_MORE, 0}}},
    {"an actor of unknown gender not written as a thing is still a he/she",
     "Kelbrook Vale beat Torrington 2-0.\n\n\"He was superb,\" said Elena Diaz.\n",
     {{"Kelbrook Vale", NULL, 0}},
     1,
     {{"Kelbrook Vale", "He", 0, PRONOUN, STANCE_MR_PRONOUN_RECENT}}},
    {"a listed organisation word, lowercase or as written (\"United\"): no he/she",
     "Pellam Foods and Dunmere United reported record sales.\n\n\"He has done a superb job,\" said Elena Diaz.\n",
     {{"Pellam Foods", NULL, 0}, {"Dunmere United", NULL, 0}}, 2,
     {{"Pellam Foods", "He", 0, NOT_A_MENTION, 0}, {"Dunmere United", "He", 0, NOT_A_MENTION, 0}}},
    {"a family: \"the Parks\", \"the Bushes\"",
     "Tom Park and Anna Park met Sam Bush.\n\n\"The Parks never paid, and we must get rid of the Bushes,\" "
     "said Elena Diaz. \"Parks and roads come first.\"\n",
     {{"Tom Park", NULL, 0}, {"Anna Park", NULL, 0}, {"Sam Bush", NULL, 0}},
     3,
     {{"Tom Park", "The Parks", 0, STANCE_MK_SURNAME, STANCE_MR_SURNAME_PLURAL},
      {"Anna Park", "The Parks", 0, STANCE_MK_SURNAME, STANCE_MR_SURNAME_PLURAL},
      {"Sam Bush", "the Bushes", 0, STANCE_MK_SURNAME, STANCE_MR_SURNAME_PLURAL},
      {"Tom Park", "Parks and", 0, NOT_A_MENTION, 0}}}, /* no "the" */
    {"pronouns by gender",
     "Tom Park met Elena Diaz on Monday. She thanked him for his help, and he left.",
     {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}},
     2,
     {{"Tom Park", NULL, STANCE_G_MALE, GENDER, 0},
      {"Elena Diaz", NULL, STANCE_G_FEMALE, GENDER, 0},
      {"Elena Diaz", "She", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Tom Park", "him", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Tom Park", "his", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Tom Park", "he", 2, PRONOUN, STANCE_MR_PRONOUN_GENDER}}}, /* "the", "thanked", "he" */
    {"him: never the subject of its own clause",
     /* Ito called him: not Ito but Park; "to call him": a clause of its own, so
      * Ito; "is calling him": a be-form before the -ing, Park again */
     "Tom Park beat Sam Ito on Monday. Later Ito (D-Ohio) called him a liar.\n\n"
     "Sam Ito asked Elena Diaz to call him.\n\nTom Park spoke again. Ito is calling him a cheat.\n",
     {{"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}, {"Elena Diaz", NULL, 0}},
     3,
     {{"Tom Park", "him", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Sam Ito", "him", 1, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Tom Park", "him", 2, PRONOUN, STANCE_MR_PRONOUN_GENDER}}},
    {"her as an object: never the subject of its own clause",
     /* "Elena Diaz called her": Nora Park, not Diaz; "Esteves called her \"...\"" (a
      * first name of no known gender): the arbitrator, not Esteves; "thanked her for" too */
     "Nora Park spoke first on Monday. Elena Diaz called her a fine partner.\n\n"
     "The state arbitrator, Vesna Marsh, kept both sides talking. Paulo Esteves called her \"the calmest "
     "person in the room,\" and Esteves thanked her for it.\n",
     {{"Elena Diaz", NULL, 0}, {"Nora Park", NULL, 0}, {"Vesna Marsh", NULL, 0}, {"Paulo Esteves", NULL, 0}},
     4,
     {{"Nora Park", "her", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Vesna Marsh", "her", 1, PRONOUN, STANCE_MR_PRONOUN_RECENT},
      {"Vesna Marsh", "her", 2, PRONOUN, STANCE_MR_PRONOUN_RECENT}}},
    {"an organisation's head after a name: that name's organisation",
     "Officials of the Park campaign met the Diaz campaign on Monday.\n\n"
     "\"The Park campaign is lying, and the campaign knows it,\" Sam Ito said.\n",
     {{"Park campaign", NULL, 0}, {"Diaz campaign", NULL, 0}},
     2,
     {{"Diaz campaign", "The Park campaign", 0, NOT_A_MENTION, 0},
      {"Park campaign", "the campaign", 0, TITLE, STANCE_MR_ORG_HEAD}}}, /* named last */
    {"kinship in a quote: the actor of the possessor's surname whose gender fits",
     "Tom Park and Nora Park spoke to Elena Diaz on Monday.\n\n"
     "\"My father will fix the bridge,\" Nora Park said.\n\n"
     "\"There is a passion for Tom, and his wife knocked it out of the park,\" Elena Diaz said.\n\n"
     "\"My father built it,\" Tom Park said. \"My brother and Diaz's husband agree, and Tom Park's wife too.\"\n\n"
     "\"Tom Park\u2019s wife agrees,\" Diaz said.\n",
     {{"Tom Park", NULL, 0}, {"Nora Park", NULL, 0}, {"Elena Diaz", NULL, 0}},
     3,
     {{"Tom Park", "My father", 0, STANCE_MK_EPITHET, STANCE_MR_KINSHIP},
      {"Nora Park", "his wife", 0, STANCE_MK_EPITHET, STANCE_MR_KINSHIP},
      {"Nora Park", "Tom Park's wife", 0, STANCE_MK_EPITHET, STANCE_MR_KINSHIP},
      {"Nora Park", "Tom Park\u2019s wife", 0, STANCE_MK_EPITHET, STANCE_MR_KINSHIP},
      {"Nora Park", "My brother", 0, NOT_A_MENTION, 0}, /* Nora is no brother, Tom the speaker */
      {"Tom Park", "Diaz's husband", 0, NOT_A_MENTION, 0}, /* no other Diaz */
      {"Nora Park", "My father", 1, NOT_A_MENTION, 0}}}, /* Nora is no father */
    {"two men: the two male actors mentioned last, the speaker aside",
     "Tom Park met Sam Ito and Elena Diaz on Monday.\n\n"
     "\"These two men are building a bridge, and these people know it,\" Diaz said.\n\n"
     "\"Both men will fail,\" Tom Park said.\n",
     {{"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}, {"Elena Diaz", NULL, 0}},
     3,
     {{"Tom Park", "These two men", 0, STANCE_MK_EPITHET, STANCE_MR_PAIR},
      {"Sam Ito", "These two men", 0, STANCE_MK_EPITHET, STANCE_MR_PAIR},
      {"Elena Diaz", "These two men", 0, NOT_A_MENTION, 0},
      {"Sam Ito", "these people", 0, NOT_A_MENTION, 0},
      {"Sam Ito", "Both men", 0, NOT_A_MENTION, 0}}}, /* only one man besides the speaker */
    {"two candidates: the two persons mentioned last, either gender, the speaker aside",
     "Tom Park debated Elena Diaz on Monday in Dover.\n\n"
     "\"Both candidates missed the point,\" Sam Ito said.\n",
     {{"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}, {"Elena Diaz", NULL, 0}},
     3,
     {{"Tom Park", "Both candidates", 0, STANCE_MK_EPITHET, STANCE_MR_PAIR},
      {"Elena Diaz", "Both candidates", 0, STANCE_MK_EPITHET, STANCE_MR_PAIR},
      {"Sam Ito", "Both candidates", 0, NOT_A_MENTION, 0}}},
    {"\"my party\", \"your own party\" in a quote: the article's one party actor, even where "
     "the text never names it; not \"my party's nominee\"",
     "Tom Park spoke on Monday.\n\n"
     "\"My party has lost its way, and your own party is no better. My party's nominee is weak,\" Sam Ito said.\n",
     {{"Whig Party", NULL, 0}, {"Tom Park", NULL, 0}},
     2,
     {{"Whig Party", "My party", 0, TITLE, STANCE_MR_ORG_HEAD},
      {"Whig Party", "your own party", 0, TITLE, STANCE_MR_ORG_HEAD},
      {"Whig Party", "My party", 1, NOT_A_MENTION, 0}}},
    {"\"my party\" with two party actors: neither",
     "The Whig Party and the Tory Party met on Monday.\n\n\"My party has lost its way,\" Sam Ito said.\n",
     {{"Whig Party", NULL, 0}, {"Tory Party", NULL, 0}},
     2,
     {{"Whig Party", "My party", 0, NOT_A_MENTION, 0}, {"Tory Party", "My party", 0, NOT_A_MENTION, 0}}},
    {"\"the State\", \"the state's\" in a quote: the article's one US state actor; not \"the state of\", "
     "not \"the State Department\"",
     "Tom Park sued Nevada on Monday.\n\n\"The State has no right to do this, and the state's law is void. The state of "
     "the race is unclear, and the State Department agrees,\" Sam Ito said.\n",
     {{"Nevada", NULL, 0}, {"Tom Park", NULL, 0}},
     2,
     {{"Nevada", "The State", 0, TITLE, STANCE_MR_ORG_HEAD},
      {"Nevada", "the state", 0, TITLE, STANCE_MR_ORG_HEAD},
      {"Nevada", "The state", 0, NOT_A_MENTION, 0},
      {"Nevada", "the State", 0, NOT_A_MENTION, 0}}},
    /* link35: "state" as a modifier ("the state level", "the state party") is no mention of the state */
    {"\"the state\" in a quote, not as a modifier (\"the state level\", \"the state party\")",
     "Tom Park sued Nevada on Monday.\n\n\"At the state level nothing moves, the state party is asleep, and the "
     "state has no plan,\" Sam Ito said.\n",
     {{"Nevada", NULL, 0}, {"Tom Park", NULL, 0}},
     2,
     {{"Nevada", "the state", 0, NOT_A_MENTION, 0},
      {"Nevada", "the state", 1, NOT_A_MENTION, 0},
      {"Nevada", "the state", 2, TITLE, STANCE_MR_ORG_HEAD}}},
    {"\"the state\" in a quote, not before a relative clause (\"the state that has ...\": one out of many) nor "
     "\"your state\" (the listener's)",
     "Tom Park sued Nevada on Monday.\n\n\"The state that has the highest rate is not ours. If you think he will win "
     "your state, think again. I love this state,\" Sam Ito said.\n",
     {{"Nevada", NULL, 0}, {"Tom Park", NULL, 0}},
     2,
     {{"Nevada", "The state", 0, NOT_A_MENTION, 0},
      {"Nevada", "your state", 0, NOT_A_MENTION, 0},
      {"Nevada", "this state", 0, TITLE, STANCE_MR_ORG_HEAD}}},
    {"\"the state\" with two US state actors: neither",
     "Nevada sued Texas on Monday.\n\n\"The State has no right to do this,\" Sam Ito said.\n",
     {{"Nevada", NULL, 0}, {"Texas", NULL, 0}},
     2,
     {{"Nevada", "The State", 0, NOT_A_MENTION, 0}, {"Texas", "The State", 0, NOT_A_MENTION, 0}}},
    /* not "this plan", "the man", nor "this mother" (a kinship noun) */
    {"\"this man\", \"that woman\", and by the lexicon's noun gender (#15) \"this guy\", \"this girl\": a he/she",
     "Tom Park met Elena Diaz on Monday.\n\n\"This man is unfit, and that woman knows it. This plan fails, "
     "and the man knows it,\" Sam Ito said.\n\n\"This guy is unfit, and that lady knows it. This girl can win, "
     "but this mother will not,\" Sam Ito said.\n",
     {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}},
     2,
     {{"Tom Park", "This man", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Elena Diaz", "that woman", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Tom Park", "This plan", 0, NOT_A_MENTION, 0},
      {"Tom Park", "the man", 0, NOT_A_MENTION, 0},
      {"Tom Park", "This guy", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Elena Diaz", "This girl", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Elena Diaz", "this mother", 0, NOT_A_MENTION, 0}}}, /* (want[] is full: "that lady" unchecked) */
    /* #15: the kinship nouns are the lexicon's KIN nouns with a gender (NOUN_M, NOUN_F) */
    {"kinship: \"his uncle\", \"my mom\"", "Tom Park, Sam Park and Nora Park spoke to Elena Diaz on Monday.\n\n"
     "\"Tom Park is right, and his uncle agrees,\" Elena Diaz said. \"My mom will fix it,\" Sam Park said.\n",
     {{"Tom Park", NULL, 0}, {"Sam Park", NULL, 0}, {"Nora Park", NULL, 0}, {"Elena Diaz", NULL, 0}}, 4,
     {{"Sam Park", "his uncle", 0, STANCE_MK_EPITHET, STANCE_MR_KINSHIP}, {"Nora Park", "My mom", 0,
      STANCE_MK_EPITHET, STANCE_MR_KINSHIP}, {"Nora Park", "his uncle", 0, NOT_A_MENTION, 0}}},
    {"pronoun blocked by another person", /* John Reed is no actor: "he" is his, not Park's */
     "Tom Park spoke first. Then John Reed took the stage, and he was angry.",
     {{"Tom Park", NULL, 0}},
     1,
     {{"Tom Park", NULL, 0, N_MORE, 0}}},
    {"pronoun after a sentence: its subject, not the person named last",
     /* the sentence before names Park first (its subject) and Ito last; when
      * the first one does not open the sentence, the last one stays */
     "Tom Park beat Sam Ito in the runoff on Monday.\n\n\"He is in good shape now,\" said Elena Diaz.\n\n"
     "On Friday the council thanked Tom Park and Sam Ito.\n\n\"He was always kind,\" said Elena Diaz.\n",
     {{"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}, {"Elena Diaz", NULL, 0}},
     3,
     {{"Tom Park", "He", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Sam Ito", "He", 0, NOT_A_MENTION, 0},
      {"Sam Ito", "He", 1, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Tom Park", "He", 1, NOT_A_MENTION, 0}}},
    {"pronoun after a sentence: its subject, also mid-paragraph",
     /* the subject opens a sentence after ". " (not only a paragraph); "won." is no title */
     "Tom Park won. Tom Park beat Sam Ito in the runoff.\n\n\"He is in good shape now,\" said Elena Diaz.\n",
     {{"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}, {"Elena Diaz", NULL, 0}},
     3,
     {{"Tom Park", "He", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER}, {"Sam Ito", "He", 0, NOT_A_MENTION, 0}}},
    {"pronoun in a quote, not the speaker", /* Diaz is no "he", and he inside Webb's quote is not Webb: it is Park */
     "Tom Park left early.\n\n\"He never listens,\" said Marcus Webb, the council chairman.\n",
     {{"Tom Park", NULL, 0}, {"Marcus Webb", NULL, 0}},
     2,
     {{"Tom Park", "He", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER}, {"Marcus Webb", "He", 0, NOT_A_MENTION, 0}}},
    /* link17: a person the quote names by "my <kin or person noun>" is what a
     * later he/him/his of the quote means (and the pronouns after it, past
     * NP_REACH), not the actor named before the quote; "my mother" is no "he" */
    {"a pronoun in a quote after \"my <kin noun>\": that person, not an actor",
     "Tom Park spoke first. Then Elena Diaz took the floor.\n\n"
     "\"My grandfather built this hall with a loan from his brother. My eldest has autism, and every teacher "
     "here knows him by name and has done for years, since the first week he came through that door in the "
     "morning with his lunch in a paper bag and a scarf around his neck. Nobody is as kind as he is,\" "
     "said Diaz.\n\nTom Park spoke again. \"My mother thinks him right,\" said Diaz.\n",
     {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}},
     2,
     {{"Tom Park", "his brother", 0, NOT_A_MENTION, 0},
      {"Tom Park", "him", 0, NOT_A_MENTION, 0},
      {"Tom Park", "he is", 0, NOT_A_MENTION, 0}, /* 200 bytes on: chained to "him" */
      {"Tom Park", "him", 1, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Tom Park", NULL, 1, N_MORE, 0}}},
    {"the speaker and their group",
     "Tom Park stayed home.\n\n\"I think we did our best,\" said Priya Shah, a spokeswoman for Park.\n",
     {{"Priya Shah", NULL, 0}, {"Tom Park", NULL, 0}},
     2,
     {{"Priya Shah", "I", 0, SELF, STANCE_MR_FIRST_PERSON},
      {"Priya Shah", "we", 0, SELF, STANCE_MR_FIRST_PERSON},
      {"Tom Park", "we", 0, SELF, STANCE_MR_SPEAKER_GROUP},
      {"Tom Park", "our", 0, SELF, STANCE_MR_SPEAKER_GROUP},
      {"Tom Park", "I", 0, NOT_A_MENTION, 0},                /* "I" is the speaker alone */
      {"Priya Shah", NULL, STANCE_G_FEMALE, GENDER, 0}}},   /* spokeswoman */
    {"a pronoun keeps its chain past a name in a list",
     /* "his network" is Park's, not Cole's (named in passing); after "a rally
      * with Park and Cole" the chain of "He" (Park) gives way to Cole */
     "Tom Park spoke on Monday. He thanked two of his donors, Gov. John Cole and Rep. Lena Ortiz, "
     "with a dinner to expand his network.\n\n"
     "Tom Park met John Cole in May. He went to a rally with Park and Cole, where he was cheered.\n",
     {{"Tom Park", NULL, 0}, {"John Cole", NULL, 0}},
     2,
     {{"Tom Park", "his", 1, PRONOUN, STANCE_MR_PRONOUN_GENDER}, {"John Cole", "his", 1, NOT_A_MENTION, 0},
      {"John Cole", "he", 1, PRONOUN, STANCE_MR_PRONOUN_GENDER}}}, /* "he" #0 is inside "where" */
    /* link35: "his" of an apposition to a name is not that name's ("Carl Moss,
     * his adviser," is Park's adviser; "his chief of staff" too); a list ("Cole, his
     * wife, Lena,") and a clause ("Cole, his voice rising,") keep the name */
    {"the possessive of an apposition means someone named before the name",
     "Tom Park spoke on Monday. Carl Moss, his adviser, said the plan would fail.\n\nTom Park spoke again. "
     "John Cole, his chief of staff, urged calm.\n\nCarl Moss came with John Cole, his wife, Lena Cole, and friends. John Cole, his voice rising, "
     "spoke last.\n",
     {{"Tom Park", NULL, 0}, {"Carl Moss", NULL, 0}, {"John Cole", NULL, 0}},
     3,
     {{"Tom Park", "his", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Carl Moss", "his", 0, NOT_A_MENTION, 0},
      {"Tom Park", "his", 1, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"John Cole", "his", 1, NOT_A_MENTION, 0},
      {"John Cole", "his", 2, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"John Cole", "his", 3, PRONOUN, STANCE_MR_PRONOUN_GENDER}}},
    {"addressee",
     "\"You are late,\" said Elena Diaz.\n\n\"You broke your promise,\" Elena Diaz told Tom Park.\n",
     {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}},
     2,
     {{"Tom Park", "You", 1, PRONOUN, STANCE_MR_ADDRESSEE},
      {"Tom Park", "your", 0, PRONOUN, STANCE_MR_ADDRESSEE},
      {"Tom Park", "You", 0, NOT_A_MENTION, 0}}}, /* no addressee named */
    {"addressee: the person addressed just before the quote",
     /* Park is told something, Webb named later: "Your" is Park's; a letter to
      * Park is read aloud by Webb: "you" is Park's; "respond to Park's plan" is
      * no address to Park; Mendez named in her own quote is not "you" */
     "Elena Diaz lashed out on Monday, telling Tom Park that the vote was lost. Kel Webb agreed.\n\n"
     "\"It was heard by everyone. Your plan is a mess,\" Diaz wrote.\n\n"
     "Rosa Mendez sent a letter to Park in May. Webb read it aloud.\n\n"
     "\"I can meet with you any day,\" Mendez wrote.\n\n"
     "Lena Ortiz replied to Webb's plan.\n\n"
     "\"You have to read it first. Mendez says so,\" Ortiz said.\n",
     {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}, {"Kel Webb", NULL, 0}, {"Rosa Mendez", NULL, 0}},
     4,
     {{"Tom Park", "Your", 0, PRONOUN, STANCE_MR_ADDRESSEE_RECENT},
      {"Kel Webb", "Your", 0, NOT_A_MENTION, 0},
      {"Tom Park", "you", 0, PRONOUN, STANCE_MR_ADDRESSEE_RECENT},
      {"Kel Webb", "You", 1, NOT_A_MENTION, 0},
      {"Tom Park", "You", 1, NOT_A_MENTION, 0}}},
    {"addressee: not the owner of what is answered, not one named in the quote",
     "Lena Ortiz replied to Tom Park's plan on Monday.\n\n\"You have to read it first,\" Ortiz said.\n\n"
     "Rosa Mendez wrote to Elena Diaz on Friday.\n\n\"Diaz knows it. You all know it,\" Mendez said.\n",
     {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}},
     2,
     {{"Tom Park", "You", 0, NOT_A_MENTION, 0}, {"Elena Diaz", "You", 1, NOT_A_MENTION, 0}}},
    {"addressee: the speaker of the answer right after a question or with a verb of reply",
     "Kel Webb interviewed Tom Park on Monday.\n\n"
     "\"Last night you said the budget was fine. Was it?\" Webb asked.\n\n"
     "\"It was,\" Park said.\n\n"
     "\"Your numbers were wrong,\" Webb said. \"They were.\"\n\n"
     "\"No, they were right,\" Park replied.\n",
     {{"Kel Webb", NULL, 0}, {"Tom Park", NULL, 0}},
     2,
     {{"Tom Park", "you", 0, PRONOUN, STANCE_MR_ADDRESSEE_RECENT}, {"Tom Park", "Your", 0, PRONOUN, STANCE_MR_ADDRESSEE_RECENT}}},
    {"addressee: the speaker goes on in an exchange",
     "Kel Webb interviewed Tom Park.\n\n\"It was a mess,\" Park said.\n\n"
     "\"That would be the old board,\" Webb said.\n\n\"Right? Nobody saw it,\" Park said. "
     "\"Now you say it was fine.\"\n",
     {{"Kel Webb", NULL, 0}, {"Tom Park", NULL, 0}},
     2,
     {{"Kel Webb", "you", 0, PRONOUN, STANCE_MR_ADDRESSEE_RECENT}}},
    {"addressee: no answer right after the question",
     "Kel Webb spoke on Monday.\n\n"
     "\"Are you sure of that?\" Webb asked.\n\n"
     "The hall emptied and the lights went out one by one as the staff locked up, the guards walked the "
     "floors, the cleaners came in with their carts, and the street outside went quiet for the night.\n\n"
     "\"It was a long day,\" Tom Park said.\n",
     {{"Kel Webb", NULL, 0}, {"Tom Park", NULL, 0}},
     2,
     {{"Tom Park", "you", 0, NOT_A_MENTION, 0}}},
    {"addressee after \"at\"/\"to\" and a reporting verb",
     "Tom Park spoke on Monday.\n\nElena Diaz fired back at Park: \"Your plan is a mess.\"\n\n"
     "Rosa Mendez looked at Park: \"You are late.\"\n",
     {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}, {"Rosa Mendez", NULL, 0}},
     3,
     {{"Tom Park", "Your", 0, PRONOUN, STANCE_MR_ADDRESSEE},
      {"Tom Park", "You are", 0, NOT_A_MENTION, 0}}}, /* "looked" reports no speech */
    {"an interview: the other speaker is \"you\", not \"he\"",
     /* Webb and Park take turns with questions: in Park's answers "He" is not
      * Webb (named last), in Webb's question "He" is not Park, "you" is Park */
     "Marcus Hale ran the city until May. Kel Webb interviewed Mayor Tom Park about the budget on Monday.\n\n"
     "\"Was the budget a mess when the new team came in?\" Webb asked.\n\n"
     "\"It was. He left it to us in ruins,\" Park said.\n\n"
     "\"He says you cut it. Were you wrong?\" Webb asked.\n\n"
     "\"No. He cut it himself,\" Park said.\n",
     {{"Marcus Hale", NULL, 0}, {"Kel Webb", NULL, 0}, {"Tom Park", NULL, 0}},
     3,
     {{"Marcus Hale", "He", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Marcus Hale", "He", 1, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Tom Park", "He", 1, NOT_A_MENTION, 0},
      {"Tom Park", "you", 0, PRONOUN, STANCE_MR_INTERLOCUTOR},
      {"Tom Park", "you", 1, PRONOUN, STANCE_MR_INTERLOCUTOR},
      {"Marcus Hale", "He", 2, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Kel Webb", "He", 2, NOT_A_MENTION, 0}}},
    {"turns without a question are no conversation",
     "Tom Park spoke first.\n\n\"The plan is sound,\" Park said.\n\n\"The plan is late,\" said Rosa Mendez.\n\n"
     "\"You never read it,\" Park said.\n",
     {{"Tom Park", NULL, 0}, {"Rosa Mendez", NULL, 0}},
     2,
     {{"Rosa Mendez", "You", 0, NOT_A_MENTION, 0}}},
    {"a reply is a conversation: \"you\" is the one replied to",
     "Tom Park spoke first.\n\n\"The plan is late,\" said Rosa Mendez.\n\n\"You never read it,\" Park replied.\n",
     {{"Tom Park", NULL, 0}, {"Rosa Mendez", NULL, 0}},
     2,
     {{"Rosa Mendez", "You", 0, PRONOUN, STANCE_MR_INTERLOCUTOR}}},
    {"attribution pronoun: the speaker the sieves chose",
     /* Okafor is no actor (gender unknown): his "he said" is not Park's; "He"
      * in Okafor's next quote is not Okafor but the man named before: Park */
     "Tom Park left the meeting early.\n\nLater, Kel Okafor spoke to reporters. \"The budget is a mess,\" he said. "
     "\"He has no plan at all.\"\n\nTom Park called back. \"We will fix the roads,\" he said.\n",
     {{"Tom Park", NULL, 0}},
     1,
     {{"Tom Park", " he said", 0, NOT_A_MENTION, 0},
      {"Tom Park", "He", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Tom Park", "he", 4, PRONOUN, STANCE_MR_PRONOUN_SPEAKER}}}, /* the last "he said" */
    {"they for an organisation",
     /* "They" right after the name; "they say" a paragraph of about 330 bytes
      * later (within reach), "they want" two such paragraphs later (too far) */
     "The Kessick Port Authority raised the fees on Monday.\n\n\"They never asked the fishermen,\" "
     "said Tom Park.\n\nThe boats stayed in the harbour all week, and the crews waited for news "
     "from the city. No ship came to the quay, and the nets dried in the sun for days and days while "
     "the gulls circled over the empty water and the cafe closed its doors early.\n\n\"Now "
     "they say the fees are fair,\" Park said.\n\nThe boats stayed in the harbour all week, and the "
     "crews waited for news from the city. No ship came to the quay, and the nets dried in the sun for "
     "days and days while the gulls circled over the empty water and the cafe closed its doors early.\n\n"
     "\"Now they want more,\" Park said.\n",
     {{"Kessick Port Authority", NULL, 0}, {"Tom Park", NULL, 0}},
     2,
     {{"Kessick Port Authority", "They", 0, PRONOUN, STANCE_MR_PRONOUN_PLURAL},
      {"Kessick Port Authority", "they", 0, PRONOUN, STANCE_MR_PRONOUN_PLURAL}, /* "they say" */
      {"Kessick Port Authority", "they want", 0, NOT_A_MENTION, 0}, /* named too far back */
      {"Tom Park", "They", 0, NOT_A_MENTION, 0}}},
    /* link17: people the quote names by a determiner and a plural or group noun
     * since the organisation ("our members", "the drivers", "a family") are what
     * its they/them/their means */
    {"they in a quote after \"our members\", \"a family\": those people, not the organisation",
     "The Kessick Port Authority raised its fees on Monday.\n\n"
     "\"Our members are leaving a job they love,\" said Tom Park. \"I would rather tell a family that "
     "they must wait,\" said Park. \"The port is ours. We will win it back for them,\" said Park.\n",
     {{"Kessick Port Authority", NULL, 0}, {"Tom Park", NULL, 0}},
     2,
     {{"Kessick Port Authority", "they love", 0, NOT_A_MENTION, 0},
      {"Kessick Port Authority", "they must", 0, NOT_A_MENTION, 0},
      {"Kessick Port Authority", "them", 0, PRONOUN, STANCE_MR_PRONOUN_PLURAL}}}, /* "the port": no people */
    {"they: an actor that may be a person stands between",
     "The Kessick Port Authority met Kel Okafor on Monday. \"They never asked us,\" said Rosa Mendez.\n",
     {{"Kessick Port Authority", NULL, 0}, {"Kel Okafor", NULL, 0}},
     2,
     {{"Kessick Port Authority", "They", 0, NOT_A_MENTION, 0}, {"Kel Okafor", "They", 0, NOT_A_MENTION, 0}}},
    {"an organisation named after a person is \"they\", not \"she\"",
     /* "Elena" makes the name female, "campaign" makes it an organisation's */
     "Elena Diaz spoke on Monday. The Elena Diaz campaign raised the fees.\n\n"
     "\"They never asked the fishermen,\" said Tom Park. \"She knows it.\"\n",
     {{"Elena Diaz campaign", NULL, 0}, {"Elena Diaz", NULL, 0}, {"Tom Park", NULL, 0}},
     3,
     {{"Elena Diaz campaign", "They", 0, PRONOUN, STANCE_MR_PRONOUN_PLURAL},
      {"Elena Diaz campaign", "She", 0, NOT_A_MENTION, 0},
      {"Elena Diaz", "She", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER}}},
    {"an organisation named \"X of Y\" is \"they\", not \"he\"",
     /* "Federation" before "of" makes it an organisation; the president's role
      * would have made it male */
     "Tom Park met the American Federation of Teachers, whose president, Sam Ito, spoke.\n\n"
     "\"They never listen, and he knows it,\" said Rosa Mendez.\n",
     {{"American Federation of Teachers", NULL, 0}, {"Tom Park", NULL, 0}},
     2,
     {{"American Federation of Teachers", "They", 0, PRONOUN, STANCE_MR_PRONOUN_PLURAL},
      {"American Federation of Teachers", "he knows", 0, NOT_A_MENTION, 0}}},
    {"they: a word for people in between is what they means",
     "The Kessick Port Authority raised the fees. The people on the quay waited all day.\n\n"
     "\"They never asked the fishermen,\" said Rosa Mendez.\n",
     {{"Kessick Port Authority", NULL, 0}, {"Rosa Mendez", NULL, 0}},
     2,
     {{"Kessick Port Authority", "They", 0, NOT_A_MENTION, 0}}},
    {"a programme's name blocks no pronoun",
     "Rosa Mendez met Elena Diaz on Wednesday on The Laura Ingraham Show.\n\n" /* "attacked": pronoun-object */
     "\"She is a disgrace,\" Mendez said.\n",
     {{"Elena Diaz", NULL, 0}},
     1,
     {{"Elena Diaz", "She", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER}}},
    {"an actor of unknown first name takes the gender of a pronoun that opens the sentence after its own",
     "Okonkwo Adeyemi opened the hearing on Monday. He spoke for an hour.\n\n"
     "Ngozi Okafor waited outside. She was calm.\n\n"
     "Okafor said the hearing would go on without him.\n",
     {{"Okonkwo Adeyemi", NULL, 0}, {"Ngozi Okafor", NULL, 0}},
     2,
     {{"Okonkwo Adeyemi", NULL, STANCE_G_MALE, GENDER, 0},
      {"Ngozi Okafor", NULL, STANCE_G_FEMALE, GENDER, 0},
      {"Okonkwo Adeyemi", "him", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Ngozi Okafor", "him", 0, NOT_A_MENTION, 0}}},
    {"discovered: a person of unknown first name by the pronoun that opens the sentence after its own",
     "Okonkwo Adeyemi opened the hearing on Monday. He spoke for an hour.\n\n"
     "\"We are done,\" Adeyemi said.\n",
     {{NULL, NULL, 0}},
     0,
     {{"Okonkwo Adeyemi", NULL, STANCE_G_MALE, GENDER, 0},
      {"Okonkwo Adeyemi", "He", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER}}},
    {"a he in the actor's own sentence gives its gender; an organisation or a place beside it is no other person",
     "Okonkwo Adeyemi said on Monday that he would run.\n\nKwame Mensah left Vermont on Friday. He flew home.\n",
     {{"Okonkwo Adeyemi", NULL, 0}, {"Kwame Mensah", NULL, 0}, {"Vermont", NULL, 0}},
     3,
     {{"Okonkwo Adeyemi", NULL, STANCE_G_MALE, GENDER, 0}, {"Kwame Mensah", NULL, STANCE_G_MALE, GENDER, 0}}},
    {"no gender from a pronoun after another pronoun in the sentence, for a name after \"the\", a transcript's turn "
     "or a title alone",
     "Kwame Mensah, struck by her story, told her he would help.\n\n"
     "The Platte River employee said he had deleted the files.\n\n"
     "Ama Boateng: This is a man who said he would never run. He is running now.\n\n"
     "Sen. Ngozi Okafor met Kofi Annan on Monday.\n\nThe senator said he was glad.\n",
     {{"Kwame Mensah", NULL, 0}, {"Platte River", NULL, 0}, {"Ama Boateng", NULL, 0}, {"Ngozi Okafor", NULL, 0}},
     4,
     {{"Kwame Mensah", NULL, STANCE_G_UNKNOWN, GENDER, 0},
      {"Platte River", NULL, STANCE_G_UNKNOWN, GENDER, 0},
      {"Ama Boateng", NULL, STANCE_G_UNKNOWN, GENDER, 0},
      {"Ngozi Okafor", NULL, STANCE_G_UNKNOWN, GENDER, 0}}},
    {"no gender from a pronoun in the actor's sentence after \"told\" (the he may be another's)",
     "Efua Sarpong told others that he had lied.\n\nKwame Mensah said that he had not.\n",
     {{"Efua Sarpong", NULL, 0}, {"Kwame Mensah", NULL, 0}},
     2,
     {{"Efua Sarpong", NULL, STANCE_G_UNKNOWN, GENDER, 0}, {"Kwame Mensah", NULL, STANCE_G_MALE, GENDER, 0}}},
    {"no gender from a pronoun when another actor stands in the sentence before",
     "Kwame Mensah met Ama Boateng on Friday, and Mensah spoke first. He left early.\n",
     {{"Kwame Mensah", NULL, 0}, {"Ama Boateng", NULL, 0}},
     2,
     {{"Kwame Mensah", NULL, STANCE_G_UNKNOWN, GENDER, 0}, {"Ama Boateng", NULL, STANCE_G_UNKNOWN, GENDER, 0}}},
    {"no gender from a pronoun when a person who is no actor stands in the sentence before",
     "Kwame Mensah met Ama Boateng on Friday, and Mensah spoke first. He left early.\n",
     {{"Kwame Mensah", NULL, 0}},
     1,
     {{"Kwame Mensah", NULL, STANCE_G_UNKNOWN, GENDER, 0}}},
    {"discovered actors",
     "Gov. Tom Park visited Dover on Monday, and Tom Park left.\n\n\"The governor has failed us,\" said Elena Diaz.\n",
     {{NULL, NULL, 0}},
     0,
     {{"Tom Park", "The governor", 0, TITLE, STANCE_MR_TITLE_BEFORE}}},
    {"a name an earlier quote mentions in passing (after a preposition, or joined to its object) is no he "
     "of a later sentence's quote; in the same sentence, or as its subject, it is",
     "Tom Park left the hall on Monday.\n\n\"You don't know about Sam Ito?\" Elena Diaz asked. \"He is so naive.\"\n\n"
     "\"Hurt by the union and Sam Ito,\" Diaz said. \"He will lose.\"\n\n"
     "\"When I look at somebody like Sam Ito,\" Diaz said, \"He is the one.\"\n\n"
     "\"Sam Ito is wrong,\" Diaz said. \"He always is.\"\n",
     {{"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}, {"Elena Diaz", NULL, 0}},
     3,
     {{"Tom Park", "He", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Sam Ito", "He", 0, NOT_A_MENTION, 0},
      {"Tom Park", "He", 1, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Sam Ito", "He", 2, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Sam Ito", "He", 3, PRONOUN, STANCE_MR_PRONOUN_GENDER}}},
    {"a pronoun in a quote nested after \"he said:\" is not the one who says it",
     "Tom Park attacked Sam Ito on Monday.\n\n\"When I spoke with Sam Ito, he was sad. He said: 'Pray for him.'\" "
     "Elena Diaz said.\n",
     {{"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}, {"Elena Diaz", NULL, 0}},
     3,
     {{"Tom Park", "him", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER}, {"Sam Ito", "him", 0, NOT_A_MENTION, 0}}},
    {"\"he or she\", \"his or her\": anyone, no actor",
     "Tom Park spoke on Monday.\n\n\"Whoever wins, he or she will need his or her party. He knows it,\" Elena Diaz said.\n",
     {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}},
     2,
     {{"Tom Park", "he or she", 0, NOT_A_MENTION, 0},
      {"Tom Park", "his or her", 0, NOT_A_MENTION, 0},
      {"Tom Park", "He", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER}}},
    {"an actor of unknown gender the text names by an acronym is no he",
     "Tom Park spoke on Monday. Later the Iron Circle (ICX) marched in Dover.\n\n\"He is a disgrace,\" Elena Diaz said.\n",
     {{"Tom Park", NULL, 0}, {"Iron Circle", IKK, 1}, {"Elena Diaz", NULL, 0}},
     3,
     {{"Tom Park", "He", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER}, {"Iron Circle", "He", 0, NOT_A_MENTION, 0}}},
    {"a plural noun of its sentence between an organisation and \"they\" is what \"they\" means; not a "
     "verb's -s form before its object, nor a plural of an earlier sentence",
     "The Velmora Rifle Association met the farmers on Monday. They voted.\n\n"
     "\"Gun makers should be sued when they lie. The Velmora Rifle Association wants them to pay, and it "
     "knows their lawyers,\" Elena Diaz said.\n",
     {{"Velmora Rifle Association", NULL, 0}, {"Elena Diaz", NULL, 0}},
     2,
     {{"Velmora Rifle Association", "They", 0, PRONOUN, STANCE_MR_PRONOUN_PLURAL},
      {"Velmora Rifle Association", "they", 0, NOT_A_MENTION, 0},
      {"Velmora Rifle Association", "them", 0, PRONOUN, STANCE_MR_PRONOUN_PLURAL},
      {"Velmora Rifle Association", "their", 0, PRONOUN, STANCE_MR_PRONOUN_PLURAL}}},
    /* link16 */
    {"\"they\" right after a sentence opened by a bare plural (\"Voting rights advocates have\") means those",
     "The Harbor Board upheld the ruling. Voting rights advocates have expressed concern. They cite the law.\n",
     {{"Harbor Board", NULL, 0}},
     1,
     {{"Harbor Board", "They", 0, NOT_A_MENTION, 0}, {"Harbor Board", NULL, 0, N_MORE, 0}}},
    {"\"they\" after a sentence opened by one plural noun and a plural verb (\"Governments are\") means those; "
     "a name ending in \"s\" takes \"is\"",
     "The Harbor Board upheld the ruling. Governments are taking Velmorans hostage because they believe it pays.\n\n"
     "The Harbor Board met again. Wellands is right, and they did well.\n",
     {{"Harbor Board", NULL, 0}},
     1,
     {{"Harbor Board", "they", 0, NOT_A_MENTION, 0}, {"Harbor Board", "they", 1, PRONOUN, STANCE_MR_PRONOUN_PLURAL}}},
    {"a caller's actor written \"the X\" or with a plural verb (\"X have\") is no he/she/him",
     "The Kessa Republic seized the boats on Monday. \"Dialogue does not bring him home,\" Elena Diaz said.\n\n"
     "\"Save the Vale have been right about the river,\" Tom Park said. \"Now she agrees with them,\" Park said.\n",
     {{"Kessa Republic", NULL, 0}, {"Save the Vale", NULL, 0}, {"Elena Diaz", NULL, 0}, {"Tom Park", NULL, 0}},
     4,
     {{"Kessa Republic", "him", 0, NOT_A_MENTION, 0}, {"Save the Vale", "she", 0, NOT_A_MENTION, 0},
      {"Elena Diaz", "she", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER}}},
    {"\"they\" right after a quoted sentence opened after a colon by a plural noun phrase means those",
     "The report, by the Harbor Board, found that officers had received calls. Its author, Chief Inspector "
     "Elena Diaz, wrote: \"The failings were not the fault of one officer. They were the result of a culture.\"\n",
     {{"Harbor Board", NULL, 0}, {"Elena Diaz", NULL, 0}},
     2,
     {{"Harbor Board", "They", 0, NOT_A_MENTION, 0}, {"Harbor Board", NULL, 0, N_MORE, 0}}},
    {"\"they\" in or right after a sentence whose subject is a plural noun phrase means those (after an opening "
     "phrase and a comma too; in the same sentence too); not a plural after the verb",
     "The Velmora Rifle Association met on Monday.\n\n"
     "\"The deportation centers are a disgrace. They keep children,\" Elena Diaz said.\n\n"
     "The Velmora Rifle Association met again.\n\n"
     "\"To the mayor, the four harbor workers do not matter. They cost money,\" Elena Diaz said.\n\n"
     "The Velmora Rifle Association met again.\n\n"
     "\"The vote hurt the farmers. They lie,\" Elena Diaz said.\n\n"
     "The Velmora Rifle Association met again.\n\n"
     "\"The harbor fees charged by the city council last spring to every boat in the bay are a disgrace and they "
     "hurt us,\" Elena Diaz said.\n",
     {{"Velmora Rifle Association", NULL, 0}, {"Elena Diaz", NULL, 0}},
     2,
     {{"Velmora Rifle Association", "They keep", 0, NOT_A_MENTION, 0},
      {"Velmora Rifle Association", "They cost", 0, NOT_A_MENTION, 0},
      {"Velmora Rifle Association", "They", 2, PRONOUN, STANCE_MR_PRONOUN_PLURAL},
      {"Velmora Rifle Association", "they hurt", 0, NOT_A_MENTION, 0}}},
    {"a country's adjective inside a quote names the country actor (\"Russian interference\", \"the Mexican border\"); "
     "not in narration, not a sentence's first word, not the plural, not before a plural or a word for people",
     "Russian hackers were named on Monday.\n\n"
     "\"We know that Russian agents broke in, and Russian interference must end. Russian spies lie. Mexican nationals "
     "are welcome, the Mexican people are kind and the Mexican border is calm, but Russians lie,\" Elena Diaz said.\n",
     {{"Russia", NULL, 0}, {"Mexico", NULL, 0}, {"Elena Diaz", NULL, 0}},
     3,
     {{"Russia", "Russian", 1, NOT_A_MENTION, 0}, /* before a plural */
      {"Russia", "Russian", 2, STANCE_MK_NAME, STANCE_MR_DEMONYM},
      {"Russia", "Russian", 3, NOT_A_MENTION, 0}, /* a sentence's first word */
      {"Russia", NULL, 1, N_MORE, 0},             /* so not the narration's nor "Russians" */
      {"Mexico", "Mexican", 0, NOT_A_MENTION, 0}, /* before a plural */
      {"Mexico", "Mexican", 1, NOT_A_MENTION, 0}, /* before "people" */
      {"Mexico", "Mexican", 2, STANCE_MK_NAME, STANCE_MR_DEMONYM}}},
    /* link15 */
    {"\"<role> of <department>\" before a person's name ties the role: \"former secretary of state Jo Roe\" is "
     "\"the secretary\"; not for an office outside the list",
     "Later former secretary of state Jo Roe spoke. The secretary left.\n\n"
     "Secretary of Tourism Ann Lee came. Then the secretary sat.\n",
     {{"Jo Roe", NULL, 0}, {"Ann Lee", NULL, 0}},
     2,
     {{"Jo Roe", "The secretary", 0, TITLE, STANCE_MR_TITLE_BEFORE}, {"Ann Lee", "the secretary", 0, NOT_A_MENTION, 0}}},
    {"they/them/their for an actor named last by an alias written as a plural (\"the Saudis\"), not by a word "
     "of a person's name",
     "The Saudis warned on Monday. \"If they did it, they should pay,\" Tom Parks said.\n\n"
     "Ann Rivers met Parks. They left.\n",
     {{"Saudi Arabia", SAUDIS, 1}, {"Tom Parks", PARKS, 1}, {"Ann Rivers", NULL, 0}},
     3,
     {{"Saudi Arabia", "they", 0, PRONOUN, STANCE_MR_PRONOUN_PLURAL}, {"Saudi Arabia", "they", 1, PRONOUN,
      STANCE_MR_PRONOUN_PLURAL}, {"Tom Parks", "They", 0, NOT_A_MENTION, 0}}}, /* "Parks": a word of the name */
    {"a he/she opening a quote that goes on from the speaker's quote before is the actor that opens that one, not "
     "the name in the attribution; not after another speaker's quote",
     "\"Sam Ito is a longtime friend of mine,\" said Park ally Elena Diaz. \"He might be wrong.\"\n\n"
     "\"Sam Ito is a friend,\" said Park ally Elena Diaz. \"He is not,\" Park aide Jo Roe said.\n",
     {{"Sam Ito", NULL, 0}, {"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}},
     3,
     {{"Sam Ito", "He", 0, PRONOUN, STANCE_MR_PRONOUN_CONTINUED},
      {"Tom Park", "He", 0, NOT_A_MENTION, 0},
      {"Sam Ito", "He", 1, NOT_A_MENTION, 0}}},
    {"they/them/their right after two persons joined by \"and\" are both; not with a word for people between, "
     "not for the speaker's own pair, not after a comma",
     "The fund is run by Tom Park and Sam Ito. \"So they think I will win,\" Elena Diaz said.\n\n"
     "Tom Park and Sam Ito met some people. \"They like them,\" Diaz said.\n\n"
     "Sam Ito and Tom Park spoke. \"Their plan works,\" Park said.\n\n"
     "Tom Park, Sam Ito. \"They lie,\" Diaz said.\n\n"
     "Sam Ito met Elena Diaz. Diaz and his aides said they would go.\n",
     {{"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}, {"Elena Diaz", NULL, 0}},
     3,
     {{"Tom Park", "they", 0, PRONOUN, STANCE_MR_PRONOUN_PAIR}, {"Sam Ito", "they", 0, PRONOUN, STANCE_MR_PRONOUN_PAIR},
      {"Tom Park", "They like", 0, NOT_A_MENTION, 0}, {"Sam Ito", "them,", 0, NOT_A_MENTION, 0}, /* "people" */
      {"Sam Ito", "Their", 0, NOT_A_MENTION, 0},                                                /* Park is one of them */
      {"Sam Ito", "They lie", 0, NOT_A_MENTION, 0},                                             /* no "and" */
      {"Elena Diaz", "they would", 0, NOT_A_MENTION, 0}}}, /* names only: "Diaz and his aides" */
    /* link20: a title between (" and Sen. "), or a subject he/she as the first of the two */
    {"they/them/their after two persons joined by \"and\" with a title before the second, or after \"she and\" "
     "a name; not after a possessive",
     "Mr. Tom Park and Sen. Sam Ito met on Monday. \"So they think I will win,\" Elena Diaz said.\n\n"
     "Elena Diaz spoke to Sam Ito on Monday. Later she and Lady Nora Vale left the hall. \"They were tired,\" "
     "Park said.\n\nNora Vale met Tom Park. Her aides and Sam Ito said they would go.\n",
     {{"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}, {"Elena Diaz", NULL, 0}, {"Nora Vale", NULL, 0}},
     4,
     {{"Tom Park", "they", 0, PRONOUN, STANCE_MR_PRONOUN_PAIR}, {"Sam Ito", "they", 0, PRONOUN, STANCE_MR_PRONOUN_PAIR},
      {"Elena Diaz", "They", 0, PRONOUN, STANCE_MR_PRONOUN_PAIR}, {"Nora Vale", "They", 0, PRONOUN, STANCE_MR_PRONOUN_PAIR},
      {"Nora Vale", "they would", 0, NOT_A_MENTION, 0}}}, /* "Her aides and Sam Ito" */
    /* link21: a no-break space (U+00A0) is a space: between "and" and the second name, and after a role word */
    {"a no-break space in \"X and Y\" and after \"the <role>\" is a space",
     "Elena Diaz spoke to Sam Ito on Monday. Later she and\xc2\xa0Lady Nora Vale left the hall. \"They were tired,\" "
     "Park said.\n\nGov. Tom Park met Sam Ito. Diaz said the governor\xc2\xa0\"has lost his way.\"\n",
     {{"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}, {"Elena Diaz", NULL, 0}, {"Nora Vale", NULL, 0}},
     4,
     {{"Elena Diaz", "They", 0, PRONOUN, STANCE_MR_PRONOUN_PAIR}, {"Nora Vale", "They", 0, PRONOUN, STANCE_MR_PRONOUN_PAIR},
      {"Tom Park", "the governor", 0, TITLE, STANCE_MR_TITLE_BEFORE}}},
    /* link22: "both of them", "they both", "the two men" in a quote: the two actors named last */
    {"\"both of them\", \"they both\" in a quote: the two persons named last, speakers (and the speaker of the "
     "quote before) aside; not \"both men\" for a woman, not past a person who is no actor",
     "Mayor Elena Diaz accused Gov. Tom Park of abandoning the city. \"It is a shame,\" said Ken Moss. "
     "\"Both of them are playing politics,\" said Nora Vale, a shop owner.\n\n"
     "Sam Ito spoke to Tom Park on Monday. Elena Diaz smiled. \"They both want the job,\" Diaz said.\n\n"
     "Elena Diaz met Tom Park on Monday. \"I trust both men,\" Ito said.\n\n"
     "Tom Park met Rob Hale on Friday. \"The two of them lie,\" Ito said.\n\n"
     "Sam Ito met Tom Park again. \"I trust the two men,\" Diaz said.\n",
     {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}, {"Sam Ito", NULL, 0}},
     3,
     {{"Elena Diaz", "Both of them", 0, PRONOUN, STANCE_MR_PRONOUN_PAIR},
      {"Tom Park", "Both of them", 0, PRONOUN, STANCE_MR_PRONOUN_PAIR},
      {"Sam Ito", "They both", 0, PRONOUN, STANCE_MR_PRONOUN_PAIR},
      {"Tom Park", "They both", 0, PRONOUN, STANCE_MR_PRONOUN_PAIR},
      {"Tom Park", "both men", 0, NOT_A_MENTION, 0},          /* Diaz is no man */
      {"Tom Park", "the two men", 0, PRONOUN, STANCE_MR_PRONOUN_PAIR},
      {"Tom Park", "The two of them", 0, NOT_A_MENTION, 0}}}, /* Rob Hale, no actor, came last */
    /* lead: the speaker of the quote before, an actor, is passed over as the words that attribute it (its
     * speaker span), as when it is no actor: discovery, where every speaker is an actor, reads it alike */
    {"\"both of them\" after a quote whose speaker is an actor: the two named before that attribution",
     "Mayor Elena Diaz accused Gov. Tom Park of abandoning the city. \"I would ask the governor to sit down with "
     "her,\" Ken Moss added. \"Both of them are playing politics,\" said Nora Vale.\n",
     {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}, {"Ken Moss", NULL, 0}},
     3,
     {{"Elena Diaz", "Both of them", 0, PRONOUN, STANCE_MR_PRONOUN_PAIR},
      {"Tom Park", "Both of them", 0, PRONOUN, STANCE_MR_PRONOUN_PAIR},
      {"Ken Moss", "Both of them", 0, NOT_A_MENTION, 0}}},
    /* link22: "Watch" ends an organisation's name (lexicon.def's lowercase "watch", NONPERSON_LAST): no "he" */
    {"\"Harbor Watch\" is no person: a \"he\" after it is nobody's",
     "It covered up this email from Harbor Watch, Ann Lee said. \"Judge Ruiz was right when he spoke,\" she said.\n",
     {{"Harbor Watch", NULL, 0}},
     1,
     {{"Harbor Watch", "he spoke", 0, NOT_A_MENTION, 0}}},
    /* link22: the people a quote names by a noun before "they" are read past its commas, and a role's
     * plural ("officials") is such a noun */
    {"\"they\" after \"the four officials\" past a comma, after \"the two officials\": those people, not the board",
     "\"We worked with the Harbor Board,\" Ann Lee said. \"To Tom Park, the four officials do not matter. They are "
     "dead,\" she said.\n\nThe Harbor Board met again. \"The two officials lied. They are gone,\" Lee said.\n",
     {{"Harbor Board", NULL, 0}},
     1,
     {{"Harbor Board", "They are dead", 0, NOT_A_MENTION, 0},
      {"Harbor Board", "They are gone", 0, NOT_A_MENTION, 0}}},
    /* link21: "the kingdom" in a quote is the article's one kingdom actor; not with two kingdoms */
    {"\"the kingdom\" in a quote: the one kingdom actor, not another country",
     "Saudi Arabia and Iran sent envoys on Monday.\n\n\"Today the kingdom leads the fight,\" the envoy said. "
     "\"Critics misread our kingdom,\" he added.\n",
     {{"Saudi Arabia", NULL, 0}, {"Iran", NULL, 0}},
     2,
     {{"Saudi Arabia", "the kingdom", 0, TITLE, STANCE_MR_ORG_HEAD}, {"Saudi Arabia", "our kingdom", 0, TITLE, STANCE_MR_ORG_HEAD},
      {"Iran", "the kingdom", 0, NOT_A_MENTION, 0}}},
    {"\"the kingdom\" beside two kingdom actors: neither",
     "Jordan and Morocco sent envoys on Monday.\n\n\"Today the kingdom leads the fight,\" the envoy said.\n",
     {{"Jordan", NULL, 0}, {"Morocco", NULL, 0}},
     2,
     {{"Jordan", "the kingdom", 0, NOT_A_MENTION, 0}, {"Morocco", "the kingdom", 0, NOT_A_MENTION, 0}}},
    /* link21: "Al Jazeera", "Al Qaeda" are no man named Al: a "his" after them goes to the man before */
    {"\"Al Jazeera\" is no man: \"His\" after it is the man named before",
     "Tom Park missed the convention. Instead he was in New York, on a network he later sold to Al Jazeera.\n\n"
     "\"His world seems to be always full,\" said Elena Diaz, a spokeswoman.\n",
     {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}},
     2,
     {{"Tom Park", "His", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER}}},
    /* link20: "this"/"that" before an organisation's head as "the" */
    {"\"this party\", \"that committee\" as \"the party\"; not before a capitalised word, not another head",
     "The Harbor Party and the House Select Committee on Roads met on Monday. \"This committee is united,\" said "
     "Tom Park. Officials said that party members agreed. \"This committee Chairman is new, and this plan fails,\" "
     "Park said.\n",
     {{"Harbor Party", NULL, 0}, {"House Select Committee on Roads", NULL, 0}, {"Tom Park", NULL, 0}},
     3,
     {{"House Select Committee on Roads", "This committee", 0, TITLE, STANCE_MR_ORG_HEAD},
      {"Harbor Party", "that party", 0, TITLE, STANCE_MR_ORG_HEAD},
      {"House Select Committee on Roads", "This committee", 1, NOT_A_MENTION, 0}}}, /* a capitalised word follows */
    {"\"It\" opening a quote that goes on from the speaker's quote before, which opens with an organisation or a "
     "place; not another speaker's, not a person, not across a paragraph, not inside the quote",
     "\"The Harbor Board doesn't represent me anymore,\" Tom Park said. \"It represents itself, and it lies.\" "
     "\"Northland will always be Northland,\" Elena Diaz said. \"It never gives up,\" Park said.\n\n"
     "\"Northland is tired,\" Diaz said.\n\n\"It rains.\" \"Elena Diaz is tired,\" Park said. \"It shows.\"\n",
     {{"Harbor Board", NULL, 0}, {"Northland", NULL, 0}, {"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}},
     4,
     {{"Harbor Board", "It", 0, PRONOUN, STANCE_MR_PRONOUN_CONTINUED},
      {"Harbor Board", "it lies", 0, NOT_A_MENTION, 0}, /* not the quote's first word */
      {"Northland", "It never", 0, NOT_A_MENTION, 0},   /* Park's quote, right after Diaz's */
      {"Northland", "It rains", 0, NOT_A_MENTION, 0},   /* a new paragraph */
      {"Elena Diaz", "It shows", 0, NOT_A_MENTION, 0},  /* a person is no "it" */
      {"Northland", NULL, 0, N_MORE, 0}}},
    /* link23: "\"He has let us down,\" Diaz said of Park": the attribution's object, not the man named before */
    {"a he/she in a quote is the object of its attribution when it fits and no fitting person stands in the "
     "quote before it",
     "Sam Ito spoke on Monday.\n\n\"He has let us down,\" Elena Diaz said of Tom Park.\n\n"
     "\"I told Sam Ito he was wrong,\" Diaz said of Park.\n\n\"She has let us down,\" Diaz said of Park.\n",
     {{"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}, {"Elena Diaz", NULL, 0}},
     3,
     {{"Tom Park", "He", 0, PRONOUN, STANCE_MR_PRONOUN_OBJECT},
      {"Sam Ito", "He", 0, NOT_A_MENTION, 0},
      {"Sam Ito", "he", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER}, /* named in the quote before the pronoun */
      {"Tom Park", "he", 0, NOT_A_MENTION, 0},
      {"Tom Park", "She", 0, NOT_A_MENTION, 0}}}, /* no woman */
    {"a he/she in a quote is not the attribution's object the speaker addresses (\"told Park\", \"said to Park\"), "
     "but is the one the quote answers (\"in response to Park\")",
     "Tom Park spoke. Sam Ito left. \"He is lying,\" Elena Diaz told Park.\n\n"
     "Sam Ito left. \"He is lying,\" Diaz said to Park.\n\nSam Ito left. \"He is lying,\" Diaz said in response to Park.\n",
     {{"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}, {"Elena Diaz", NULL, 0}},
     3,
     {{"Tom Park", "He", 0, NOT_A_MENTION, 0}, /* Park is a "you" */
      {"Tom Park", "He", 1, NOT_A_MENTION, 0},
      {"Tom Park", "He", 2, PRONOUN, STANCE_MR_PRONOUN_OBJECT}}},
    {"a he/she in a quote is the actor the sentence before has the speaker praise or criticise, not the man named "
     "last; not after a verb of no praise or blame",
     "Elena Diaz praised Tom Park after Sam Ito spoke.\n\n\"He has done a superb job,\" she said.\n\n"
     "Elena Diaz met Tom Park after Sam Ito spoke. \"He is tired,\" she said.\n",
     {{"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}, {"Elena Diaz", NULL, 0}},
     3,
     {{"Tom Park", "He", 0, PRONOUN, STANCE_MR_PRONOUN_OBJECT},
      {"Sam Ito", "He", 0, NOT_A_MENTION, 0},
      {"Sam Ito", "He", 1, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Tom Park", "He", 1, NOT_A_MENTION, 0}}},
    /* link24: "\"...,\" one Park campaign source said. \"He ...\"": Park is whom the source speaks for, not the
     * speaker, so the "He" of the quote that goes on may be Park */
    {"a name that modifies the speaker's noun (\"one Park campaign source\", \"a Park aide\") is whom the speaker "
     "speaks for, not the speaker: a he/she in the quote may be that actor",
     "Sam Ito met the press in May. Tom Park wants to smooth over the disagreements.\n\n"
     "\"It's the nominee's party,\" one Park campaign source said. \"He sets the rules.\"\n\n"
     "\"He will win the state,\" said a Park aide.\n",
     {{"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}},
     2,
     {{"Tom Park", "He", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Sam Ito", "He", 0, NOT_A_MENTION, 0},
      {"Tom Park", "He", 1, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Sam Ito", "He", 1, NOT_A_MENTION, 0}}},
    {"a he/him/his capitalised inside a sentence is the deity, no actor; not a headline's",
     "Park Unveils Part of His Plan\n\nTom Park spoke on Monday.\n\n\"We pray and ask for His mercy. He knows it, and we trust "
     "Him,\" Elena Diaz said.\n",
     {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}},
     2,
     {{"Tom Park", "His", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Tom Park", "His", 1, NOT_A_MENTION, 0},
      {"Tom Park", "He", 0, PRONOUN, STANCE_MR_PRONOUN_GENDER},
      {"Tom Park", "Him", 0, NOT_A_MENTION, 0}}},
    /* link36: the lowercase words before a role name its office ("the prime minister"): only a tie of that
     * office, "Prime Minister Ada Lund" in a coordinated subject, not "Health Minister Sam Ito" tied later */
    {"\"the prime minister\" is the actor titled Prime Minister, not the health minister named last",
     "Prime Minister Ada Lund and the opposition leader, Tom Park, clashed on Monday, a week after Health Minister "
     "Sam Ito resigned. The prime minister spoke first.",
     {{"Ada Lund", NULL, 0}, {"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}},
     3,
     {{"Ada Lund", "The prime minister", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Sam Ito", "The prime minister", 0, NOT_A_MENTION, 0},
      {"Tom Park", "The prime minister", 0, NOT_A_MENTION, 0}}},
    /* link36: a title before a possessive name, a lowercase title before a name */
    {"\"Prime Minister Ada Lund's government\", \"finance minister Sam Ito\": each title its own holder",
     "Prime Minister Ada Lund's government survived the vote, and finance minister Sam Ito kept his seat. "
     "The finance minister smiled; the prime minister did not.",
     {{"Ada Lund", NULL, 0}, {"Sam Ito", NULL, 0}},
     2,
     {{"Sam Ito", "The finance minister", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Ada Lund", "the prime minister", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Ada Lund", "The finance minister", 0, NOT_A_MENTION, 0},
      {"Sam Ito", "the prime minister", 0, NOT_A_MENTION, 0}}},
    /* link36: "Deputy" makes another's title: "the deputy prime minister" and "the prime minister" apart */
    {"\"the deputy prime minister\" is the deputy, \"the prime minister\" not",
     "Prime Minister Ada Lund met Deputy Prime Minister Tom Park on Monday. The deputy prime minister spoke, "
     "then the prime minister.",
     {{"Ada Lund", NULL, 0}, {"Tom Park", NULL, 0}},
     2,
     {{"Tom Park", "The deputy prime minister", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Ada Lund", "the prime minister", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Tom Park", "the prime minister", 0, NOT_A_MENTION, 0},
      {"Ada Lund", "The deputy prime minister", 0, NOT_A_MENTION, 0}}},
    /* link36: two holders of one office: "the new health minister" is the latest, a bare "the health minister"
     * none of them */
    {"two health ministers: \"the new health minister\" is the latest, \"the health minister\" neither",
     "Health Minister Sam Ito resigned, and the new health minister, Ada Lund, was sworn in. The new health "
     "minister visited a hospital. The health minister's office said little.",
     {{"Ada Lund", NULL, 0}, {"Sam Ito", NULL, 0}},
     2,
     {{"Ada Lund", "The new health minister", 0, TITLE, STANCE_MR_ROLE_APPOSITION},
      {"Sam Ito", "The new health minister", 0, NOT_A_MENTION, 0},
      {"Ada Lund", "The health minister", 0, NOT_A_MENTION, 0},
      {"Sam Ito", "The health minister", 0, NOT_A_MENTION, 0}}},
    /* link36: a former and a current holder: "the prime minister" is the current one */
    {"\"the prime minister\" beside a former prime minister; \"the former prime minister\"",
     "Prime Minister Ada Lund met former Prime Minister Tom Park on Monday. The prime minister spoke, and the "
     "former prime minister listened.",
     {{"Ada Lund", NULL, 0}, {"Tom Park", NULL, 0}},
     2,
     {{"Ada Lund", "The prime minister", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Tom Park", "The prime minister", 0, NOT_A_MENTION, 0},
      {"Tom Park", "the former prime minister", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Ada Lund", "the former prime minister", 0, NOT_A_MENTION, 0}}},
    /* link36: "the <role> <Surname>" in lowercase is a relative clause's subject, no title */
    {"\"The federal judge Park was referring to\" ties no judge's role to Park",
     "Tom Park criticised a court ruling on Monday. The federal judge Park was referring to is Sam Ito. "
     "Park said the judge was biased.",
     {{"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}},
     2,
     {{"Tom Park", "the judge", 0, NOT_A_MENTION, 0}}},
    /* link36: a bare "the minister" goes on from the last "the <...> minister", unless a tie comes between */
    {"\"the minister\" after \"the finance minister\" is the finance minister, not the minister tied last",
     "Finance Minister Sam Ito met Deputy Prime Minister Tom Park on Monday. The finance minister spoke first. "
     "The minister then left. Health Minister Ada Lund arrived, and the minister spoke.",
     {{"Sam Ito", NULL, 0}, {"Tom Park", NULL, 0}, {"Ada Lund", NULL, 0}},
     3,
     {{"Sam Ito", "The minister", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Tom Park", "The minister", 0, NOT_A_MENTION, 0},
      {"Ada Lund", "the minister", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Sam Ito", "the minister", 0, NOT_A_MENTION, 0}}},
    /* link36: "prime minister" is a title of two words: "the minister" is not the prime minister */
    {"\"the minister\" beside a prime minister tied last is the other minister",
     "Health Minister Sam Ito met Prime Minister Ada Lund on Monday. The minister left early.",
     {{"Sam Ito", NULL, 0}, {"Ada Lund", NULL, 0}},
     2,
     {{"Sam Ito", "The minister", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Ada Lund", "The minister", 0, NOT_A_MENTION, 0}}},
    /* link36: a subordinate's title ties the role as a subordinate's, which only "the vice <role>" takes */
    {"\"Vice Chairman Tom Park\" is \"the vice chairman\", never \"the chairman\"",
     "Chairman Sam Ito met Vice Chairman Tom Park. The vice chairman spoke, and the chairman listened.",
     {{"Sam Ito", NULL, 0}, {"Tom Park", NULL, 0}},
     2,
     {{"Tom Park", "The vice chairman", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Sam Ito", "the chairman", 0, TITLE, STANCE_MR_TITLE_BEFORE},
      {"Tom Park", "the chairman", 0, NOT_A_MENTION, 0},
      {"Sam Ito", "The vice chairman", 0, NOT_A_MENTION, 0}}},
    /* link36: the possessor of "Reform's leader, Ada Lund," is a word of her title: "the Reform leader" */
    {"\"the Reform leader\" is the one written \"Reform's leader\", not the leader tied last",
     "Reform's leader, Ada Lund, met the Harbor Party's leader, Sam Ito, on Monday. Its leader, Tom Park, "
     "spoke first. The Reform leader then left, and the Harbor leader stayed.",
     {{"Ada Lund", NULL, 0}, {"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}},
     3,
     {{"Ada Lund", "The Reform leader", 0, TITLE, STANCE_MR_ROLE_APPOSITION},
      {"Tom Park", "The Reform leader", 0, NOT_A_MENTION, 0},
      {"Sam Ito", "the Harbor leader", 0, TITLE, STANCE_MR_ROLE_APPOSITION},
      {"Tom Park", "the Harbor leader", 0, NOT_A_MENTION, 0}}},
    /* the possessive is tokens.h's stance_poss_start() in both tests ("'S" too): "KESTRIA'S treasurer,
     * NAME," ties the head as "Kestria's treasurer, NAME," does; "REFORM'S" qualifies the title */
    {"an ALL-CAPS possessor: \"KESTRIA'S treasurer, NAME,\", \"REFORM'S leader, NAME,\"",
     "KESTRIA'S treasurer, Ines Calloway, resigned, and the treasurer left. REFORM'S leader, Ada Lund, met "
     "Tom Park. Its leader, Tom Park, spoke first. The Reform leader then left.",
     {{"Ines Calloway", NULL, 0}, {"Ada Lund", NULL, 0}, {"Tom Park", NULL, 0}},
     3,
     {{"Ines Calloway", "the treasurer", 0, TITLE, STANCE_MR_ROLE_APPOSITION},
      {"Ada Lund", "The Reform leader", 0, TITLE, STANCE_MR_ROLE_APPOSITION},
      {"Tom Park", "The Reform leader", 0, NOT_A_MENTION, 0}}},
};

/* A party's adjective inside a quote names the party ("Whig efforts", "the
 * Whig side", "Federalist ideas"); not a quote's or sentence's first word, not
 * before a capitalised word, not in narration, not inside another actor's name. */
static void test_mentions_party_adjective(void **state)
{
    stance_actor a[] = {{"Whig Party", NULL, 0}, {"Democratic Party", NULL, 0}, {"Whig Youth League", NULL, 0}};
    const char text[] = "Whig voters cheered on Monday.\n\n"
                        "\"We will defeat Whig efforts to repeal it. Whig plans fail, and the Democrat side and "
                        "Democratic leaders know it, but Whig Youth League members do not,\" Elena Diaz said.\n\n"
                        "\"Whig Senator Ito agrees,\" Diaz said.\n";
    const more_case want[] = {
        {"Whig Party", "Whig", 0, NOT_A_MENTION, 0}, /* narration */
        {"Whig Party", "Whig", 1, STANCE_MK_NAME, STANCE_MR_PARTY_ADJECTIVE},
        {"Whig Party", "Whig", 2, NOT_A_MENTION, 0}, /* a sentence's first word */
        {"Whig Party", "Whig", 3, NOT_A_MENTION, 0}, /* another actor's name */
        {"Whig Party", "Whig", 4, NOT_A_MENTION, 0}, /* the quote's first word, before a capital */
        {NULL, NULL, 0, 0, 0}};
    doc d;
    const stance_ent *dem;
    size_t s1, s2;
    (void)state;
    doc_open(&d, text, a, 3);
    expect_more(&d, "party adjective", want);
    dem = ent(&d, "Democratic Party");
    s1 = nth_at(&d, "party adjective", "Democrat side", 0);
    s2 = nth_at(&d, "party adjective", "Democratic leaders", 0);
    assert_int_equal(dem->n_more, 2);
    assert_int_equal(dem->more[0].span.start, s1);
    assert_int_equal(dem->more[0].span.end, s1 + strlen("Democrat"));
    assert_int_equal(dem->more[1].span.start, s2);
    assert_int_equal(dem->more[1].span.end, s2 + strlen("Democratic"));
    assert_int_equal(dem->more[1].rule, STANCE_MR_PARTY_ADJECTIVE);
    doc_close(&d);
}

/* The same with non-ASCII letters: a party whose name starts with a capital
 * outside A-Z, and an adjective before a lowercase word outside a-z. */
static void test_mentions_party_adjective_unicode(void **state)
{
    stance_actor a[] = {{"\xc3\x89lan Party", NULL, 0}, {"Green Party", NULL, 0}};
    const char text[] = "The vote is on Monday.\n\n"
                        "\"We will defeat \xc3\x89lan plans, and the Green \xc3\xa9lite never listens,\" Elena Diaz said.\n";
    const more_case want[] = {
        {"\xc3\x89lan Party", "\xc3\x89lan", 0, STANCE_MK_NAME, STANCE_MR_PARTY_ADJECTIVE},
        {"Green Party", "Green", 0, STANCE_MK_NAME, STANCE_MR_PARTY_ADJECTIVE},
        {NULL, NULL, 0, 0, 0}};
    doc d;
    (void)state;
    doc_open(&d, text, a, 2);
    expect_more(&d, "party adjective, non-ASCII", want);
    doc_close(&d);
}

/* Titles, role appositions, epithets, organisation heads, pronouns by
 * gender, speaker-self and group, addressees: each case of MENTION_CASES. */
static void test_mentions_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof MENTION_CASES / sizeof MENTION_CASES[0]; i++) {
        const mention_case *c = &MENTION_CASES[i];
        doc d;
        doc_open(&d, c->text, c->actors, c->n_actors);
        expect_more(&d, c->what, c->want);
        doc_close(&d);
    }
}

static void test_mentions_run_gender(void **state)
{
    /* "Okafor" alone has no gender; the longer run it ends does. "Lin": two */
    const char text[] = "Peter Okafor spoke first. Later Okafor and Kel Dunmore left. Bill Lin and Mary Lin "
                        "came. Lin waved.";
    doc d;
    const stance_namelist *nl;
    int seen = 0;
    (void)state;
    doc_open(&d, text, NULL, 0);
    nl = &d.quotes.names;
    for (size_t i = 0; i < nl->n; i++) {
        const stance_name *nm = &nl->v[i];
        if (nm->bare == (size_t)(strstr(text, "Okafor and") - text)) {
            assert_int_equal(nm->gender, STANCE_G_UNKNOWN);
            assert_int_equal(stance_run_gender(nl, text, nm), STANCE_G_MALE);
            seen++;
        } else if (nm->bare == (size_t)(strstr(text, "Lin waved") - text)) {
            assert_int_equal(stance_run_gender(nl, text, nm), STANCE_G_UNKNOWN); /* a man and a woman */
            seen++;
        } else if (nm->bare == (size_t)(strstr(text, "Kel") - text)) {
            assert_int_equal(stance_run_gender(nl, text, nm), STANCE_G_UNKNOWN);
            seen++;
        }
    }
    assert_int_equal(seen, 3);
    doc_close(&d);
}

/* ---- target choice ------------------------------------------------------------ */

/* link35: with the quote given to the person of the subordinate clause
 * ("Sam Ito tweeted after Elena Diaz argued that \"... as he voted\"": the
 * speaker Diaz, as a sieve that reads the nearer clause would choose), the
 * "he" of her quote is not Ito, who reports on her quote, but Park. The
 * quote's speaker is set here as such a sieve would set it. */
static void test_mentions_outer_reporter(void **state)
{
    static const stance_actor a[] = {{"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}, {"Elena Diaz", NULL, 0}};
    const char text[] = "Tom Park lost the vote on Monday.\n\nSam Ito tweeted after Elena Diaz argued for the "
                        "second time that \"if everyone had voted as he voted, we would be fine.\"\n";
    const char *diaz = strstr(text, "Elena Diaz"), *he = strstr(text, "he voted");
    stance_error err;
    doc d;
    (void)state;
    memset(&d, 0, sizeof d);
    d.text = text;
    assert_int_equal(stance_quotes_compile(&d.pat, &err), STANCE_OK);
    assert_int_equal(stance_quotes_extract(d.pat, text, strlen(text), 0, &d.quotes, &err), STANCE_OK);
    assert_int_equal(d.quotes.n, 1);
    stance_free(d.quotes.q[0].speaker);
    assert_non_null(d.quotes.q[0].speaker = stance_strdup("Elena Diaz"));
    d.quotes.q[0].speaker_span = (stance_span){(size_t)(diaz - text), (size_t)(diaz - text) + strlen("Elena Diaz")};
    d.quotes.q[0].how = STANCE_ATTR_NAME;
    assert_int_equal(stance_actors_match(a, 3, text, strlen(text), 0, &d.ents, &err), STANCE_OK);
    assert_int_equal(stance_mentions_find(&d.quotes, text, strlen(text), &d.ents, &err), STANCE_OK);
    for (size_t k = 0; k < ent(&d, "Sam Ito")->n_more; k++)
        assert_int_not_equal(ent(&d, "Sam Ito")->more[k].span.start, (size_t)(he - text));
    {
        const stance_ent *park = ent(&d, "Tom Park");
        int found = 0;
        for (size_t k = 0; k < park->n_more; k++)
            found |= park->more[k].span.start == (size_t)(he - text);
        assert_true(found);
    }
    doc_close(&d);
}

static const stance_tchoice *target(const doc *d, const stance_tlist *tl, const char *name)
{
    for (size_t i = 0; i < tl->n; i++)
        if (strcmp(d->ents.e[tl->v[i].ent].name, name) == 0)
            return &tl->v[i];
    return NULL;
}

static void choose(doc *d, size_t qi, stance_tlist *tl)
{
    const stance_rawquote *q;
    assert_true(qi < d->quotes.n);
    q = &d->quotes.q[qi];
    assert_int_equal(stance_targets_choose_before(&d->ents, d->text, q, stance_targets_before(d->text, q), 0, NULL, 0, tl),
                     STANCE_OK);
}

/* doc_open(), then the targets of quote @p qi chosen into @p tl. */
static void doc_choose(doc *d, const char *text, const stance_actor *actors, size_t n, size_t qi, stance_tlist *tl)
{
    doc_open(d, text, actors, n);
    choose(d, qi, tl);
}

static void doc_choose_close(doc *d, stance_tlist *tl)
{
    stance_tlist_clear(tl);
    doc_close(d);
}

static void test_targets_object_not_bystander(void **state)
{
    stance_actor a[] = {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}, {"Sam Ito", NULL, 0}};
    const char text[] = "\"The bridge is a disgrace,\" Elena Diaz said, attacking Governor Tom Park while Sam Ito "
                        "watched.\n";
    doc d;
    stance_tlist tl = {0};
    const stance_tchoice *c;
    (void)state;
    doc_choose(&d, text, a, 3, 0, &tl);
    assert_int_equal(tl.n, 1);
    assert_non_null(c = target(&d, &tl, "Tom Park"));
    assert_int_equal(c->reasons, STANCE_TR_OBJECT);
    assert_int_equal(c->where, 2);
    assert_int_equal(c->in_context, 1);
    assert_int_equal(c->ns, 1); /* "Tom Park" marked in the attribution sentence */
    assert_null(target(&d, &tl, "Sam Ito"));
    assert_null(target(&d, &tl, "Elena Diaz"));
    doc_choose_close(&d, &tl);
}

/* The last quote of @p text has Tom Park as its object, by the pronoun "him", and not its speaker Elena Diaz. */
static void expect_him_object(const char *text)
{
    stance_actor a[] = {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}};
    doc d;
    stance_tlist tl = {0};
    const stance_tchoice *c;
    doc_open(&d, text, a, 2);
    assert_true(d.quotes.n >= 1);
    choose(&d, d.quotes.n - 1, &tl);
    assert_non_null(c = target(&d, &tl, "Tom Park"));
    assert_true(c->reasons & STANCE_TR_OBJECT);
    assert_int_equal(tl.ms[c->m0].kind, STANCE_MK_PRONOUN);
    assert_null(target(&d, &tl, "Elena Diaz"));
    doc_choose_close(&d, &tl);
}

static void test_targets_called_him(void **state)
{
    (void)state;
    expect_him_object("Tom Park arrived late. Elena Diaz called him a \"reliable partner\" on Monday.\n");
}

/* link18: the judge addresses the one she sentences: "Sentencing him, Judge X said: \"You ...\"" */
static void test_targets_sentencing_him(void **state)
{
    (void)state;
    expect_him_object("Tom Park stole from the charity.\n\n"
                      "Sentencing him, Judge Elena Diaz said: \"You were trusted by everyone and you let them down.\"\n");
}

/* The index of the quote whose text starts with @p head. */
static size_t quote_at(const doc *d, const char *head)
{
    const char *p = strstr(d->text, head);
    assert_non_null(p);
    for (size_t i = 0; i < d->quotes.n; i++)
        if (d->quotes.q[i].span.start == (size_t)(p - d->text))
            return i;
    fail_msg("no quote at \"%s\"", head);
    return 0;
}

/* Is @p name a target of the quote that starts with @p head, as its object? */
static int object_of(doc *d, const char *head, const char *name)
{
    stance_tlist tl = {0};
    const stance_tchoice *c;
    int r;
    choose(d, quote_at(d, head), &tl);
    c = target(d, &tl, name);
    r = c && (c->reasons & STANCE_TR_OBJECT);
    if (c && r) {
        assert_int_equal(c->where, 2);
        assert_int_equal(c->in_context, 1);
    }
    stance_tlist_clear(&tl);
    return r;
}

/* Objects of the attribution in text @p which: 0, the subject of a reported
 * clause before a fragment ("said X was "..."", "X's "..."") or 1, a phrase
 * that continues a fragment after it (""no path forward" for X"); and what
 * is neither. */
static void check_objects(size_t which)
{
    static const char *const texts[] = {
        "Elena Diaz said on Monday that Tom Park was \"a disgrace to the city\" and should go.\n"
        "Diaz added that Park's \"reckless plan\" would fail.\n"
        "Speaking after a meeting with Sam Ito, Diaz said the talks had been \"very useful\".\n"
        "Diaz said Ito and Park \"did a remarkable job\" last year.\n"
        "\"The budget is a wreck,\" Diaz said, taking up the criticism of Park.\n"
        "Responding to Park's remarks, Diaz wrote: \"The roads are a mess.\"\n"
        "\"It will fall down,\" Diaz said, referring to the old half-built bridge that Park opened.\n"
        "\"It will cost a lot,\" Diaz said on Monday of bridge builder Sam Ito.\n"
        "\"That does its own thing,\" Diaz said in an interview of Park.\n" /* no "he": Park would be in the quote */
        "Diaz said Park supporters were \"badly misled\" and accused Ito aides of \"lying\".\n"
        "Diaz threw her support behind Sam Ito, saying it was time for \"a real builder\".\n"
        "\"It is a scandal,\" Diaz said in an attack against Park.\n",
        "Elena Diaz said there was \"no path forward\" for Tom Park after the vote.\n"
        "Diaz said the plan \"would fail\" and Sam Ito agreed.\n"
        "\"The bridge will stand,\" Diaz said as Sam Ito nodded.\n"
        "Diaz said the rival \"can beat\" Sam Ito easily.\n"
        "Diaz called it \"a two-man race\" between Ito and Park.\n"
        "Ito said it was \"a close call\" and Tom Park nodded.\n"
        "Diaz said, \"Instead of helping the town,\" Park \"opted for a show.\"\n"
        "\"We lost the vote,\" Sam Ito said, \"and we go on.\"\n"
        "\"Will the bridge hold?\" a reporter can be heard asking Sam Ito.\n",
    };
    static const struct {
        size_t text;
        const char *head, *actor;
        int object;
    } want[] = {
        {0, "a disgrace", "Tom Park", 1},
        {0, "a disgrace", "Elena Diaz", 0}, /* the speaker */
        {0, "reckless", "Tom Park", 1},     /* "Park's" */
        {0, "very useful", "Sam Ito", 0},   /* before the speaker and her verb: only a bystander of the sentence */
        {0, "did a remarkable", "Sam Ito", 1},
        {0, "did a remarkable", "Tom Park", 1},
        {0, "The budget is", "Tom Park", 1}, /* "the criticism of Park": a noun of praise or blame before "of" */
        {0, "The roads", "Tom Park", 1},     /* "responding to Park's remarks": what the quote answers */
        {0, "It will fall", "Tom Park", 1},  /* what the quote refers to, eight words on */
        {0, "It will cost", "Sam Ito", 1},   /* "said on Monday of bridge builder Sam Ito" */
        {0, "That does its", "Tom Park", 1}, /* "said in an interview of Park": four words, "of" right before */
        {0, "badly misled", "Tom Park", 0},  /* "Park supporters": the supporters are the subject */
        {0, "lying", "Sam Ito", 0},          /* "accused Ito aides": the aides are the object */
        {0, "a real builder", "Sam Ito", 1}, /* "support behind": a noun of praise or blame before "behind" */
        {0, "It is a scandal", "Tom Park", 1}, /* "an attack against Park" */
        {1, "no path", "Tom Park", 1},
        {1, "would fail", "Sam Ito", 0}, /* "and Sam Ito agreed": a new clause */
        {1, "The bridge", "Sam Ito", 0}, /* a whole quote, not a fragment */
        {1, "can beat", "Sam Ito", 1},
        {1, "a two-man", "Sam Ito", 1},
        {1, "a two-man", "Tom Park", 1},     /* "between Ito and Park" */
        {1, "a close call", "Tom Park", 0},  /* "and" right after the mark: a new clause */
        {1, "Instead of", "Tom Park", 1},    /* between two fragments: the subject of the second */
        {1, "We lost", "Sam Ito", 0},        /* the speaker between two parts of one quote */
        {1, "Will the bridge", "Sam Ito", 1}, /* "asking Sam Ito": a verb of address */
    };
    stance_actor a[] = {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}, {"Sam Ito", NULL, 0}};
    doc d;
    doc_open(&d, texts[which], a, 3);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (want[i].text == which && object_of(&d, want[i].head, want[i].actor) != want[i].object)
            fail_msg("\"%s...\": %s is %san object", want[i].head, want[i].actor, want[i].object ? "not " : "");
    doc_close(&d);
}

static void test_targets_reported_subject(void **state)
{
    (void)state;
    check_objects(0);
}

static void test_targets_fragment_tail(void **state)
{
    (void)state;
    check_objects(1);
}

/* Quote extraction, the actors, then the described speakers named; the
 * speaker and role of the quote that starts with @p head. */
static void speaker_of(const char *text, const stance_actor *actors, size_t n, const char *head, const char *speaker,
                       const char *role)
{
    stance_qpatterns *pat;
    stance_quotelist ql = {0};
    stance_entityset es = {0};
    stance_error err;
    const char *p = strstr(text, head);
    const stance_rawquote *q = NULL;
    assert_non_null(p);
    assert_int_equal(stance_quotes_compile(&pat, &err), STANCE_OK);
    assert_int_equal(stance_quotes_extract(pat, text, strlen(text), 0, &ql, &err), STANCE_OK);
    if (n)
        assert_int_equal(stance_actors_match(actors, n, text, strlen(text), 0, &es, &err), STANCE_OK);
    assert_int_equal(stance_speaker_names(&ql, text, strlen(text), &es, &err), STANCE_OK);
    for (size_t i = 0; i < ql.n; i++)
        if (ql.q[i].span.start == (size_t)(p - text))
            q = &ql.q[i];
    assert_non_null(q);
    assert_non_null(q->speaker);
    assert_string_equal(q->speaker, speaker);
    if (role) {
        assert_non_null(q->role);
        assert_string_equal(q->role, role);
        assert_int_equal(q->how, STANCE_ATTR_DESCRIBED);
    } else
        assert_int_not_equal(q->how, STANCE_ATTR_DESCRIBED);
    stance_quotelist_clear(&ql);
    stance_entityset_clear(&es);
    stance_quotes_free(pat);
}

static void test_speaker_names(void **state)
{
    stance_actor a[] = {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}};
    stance_actor b[] = {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}, {"Sam Ito", NULL, 0}};
    (void)state;
    /* tied by the title: Diaz is nearer, but Park is the senator */
    speaker_of("Sen. Tom Park toured the bridge on Monday with Elena Diaz.\n"
               "\"The bridge must be rebuilt this year,\" the Vermont senator said.\n",
               a, 2, "The bridge must", "Tom Park", "the Vermont senator");
    /* tied by an apposition, no actors given: a name run of the text */
    speaker_of("Rosa Mendez, a scientist at the state university, spoke first. Omar Haddad listened.\n"
               "\"We measured the river for ten years,\" the scientist said.\n",
               NULL, 0, "We measured", "Rosa Mendez", "the scientist");
    /* one person within reach */
    speaker_of("Lori Bernstein held up a sign outside the arena.\n"
               "\"We have seen this before and we will not be quiet,\" the 57-year-old scientist said.\n",
               NULL, 0, "We have seen", "Lori Bernstein", "the 57-year-old scientist");
    /* one person within reach, who is an actor: the actor's mention and its name run are one referent */
    speaker_of("Tom Park held up a sign outside the arena.\n"
               "\"We have seen this before and we will not be quiet,\" the businessman said.\n",
               a, 2, "We have seen", "Tom Park", "the businessman");
    /* an organisation */
    speaker_of("The Riverton Post published the letter on Sunday.\n"
               "\"The council misled its voters for a year,\" the influential daily wrote.\n",
               NULL, 0, "The council misled", "Riverton Post", "the influential daily");
    /* an organisation whose first word reads as a title ("State"): the whole run (spk2) */
    speaker_of("The State Department said on Thursday that it fell short of its goal.\n\n"
               "\"We regret the delay,\" said the agency, which missed the mark by a week.\n",
               NULL, 0, "We regret", "State Department", "the agency");
    /* an actor written without a lowercase letter ("D.C.") is no person beside the one who is (spk2) */
    {
        stance_actor dc[] = {{"Rosa Quint", NULL, 0}, {"District of Riverton", (const char *[]){"D.R."}, 1}};
        speaker_of("Rosa Quint wants to see D.R. become a state.\n\n"
                   "The Democratic frontrunner wrote that \"the district has no vote in the chamber at all.\"\n",
                   dc, 2, "the district has", "Rosa Quint", "The Democratic frontrunner");
    }
    /* somebody's thing speaks for its owner (spk2) */
    speaker_of("Aides sent the note to Gov. Rosa Quint in May. Quint\u2019s response was: \u201cIs the bridge safe?\u201d\n",
               NULL, 0, "Is the bridge", "Quint", "Quint\u2019s response");
    /* "his campaign sent out an email ... read the email": the person "his" stands for, and the noun (spk2) */
    speaker_of("Tom Park kept up his attacks this week.\n\nOn Saturday, his campaign sent out a fundraising email. "
               "\"Our movement has changed the debate,\" read the email.\n",
               a, 2, "Our movement", "Tom Park's campaign", "the email");
    /* "her Twitter account posted:": the woman "her" stands for (spk2) */
    speaker_of("Elena Diaz spoke on Monday. The next day, her Twitter account posted: \"Proud of what we built.\"\n",
               a, 2, "Proud of", "Elena Diaz", "her Twitter account");
    /* "her husband cut in.": a kin noun is a person, not a thing of hers (spk6) */
    speaker_of("\"Let me paint you a picture,\" Elena Diaz said, and her husband cut in. \"Do not forget the harbour.\"\n",
               a, 2, "Do not forget", "her husband", NULL);
    speaker_of("Elena Diaz spoke on Monday.\nLater her supporters said, \"Four more years of the bridge!\"\n", a, 2,
               "Four more", "her supporters", NULL); /* a group noun too */
    /* "the man" is a person noun: the speaker of the quote before speaks again (spk2) */
    speaker_of("Tom Park spoke in Dalton. \"The bridge will be built,\" he said.\n\n"
               "Sam Ito and Elena Diaz listened. The people of Dalton \"know what hard work is,\" said the man who grew up there.\n",
               b, 3, "know what", "Tom Park", "the man");
    /* a name that speaks a quote is a person's, though its gender is unknown */
    speaker_of("\"The port will reopen in May,\" Okafor said on Monday.\n"
               "\"Taxes will not rise this year,\" the candidate said.\n",
               NULL, 0, "Taxes will", "Okafor", "the candidate");
    /* two persons nearby and no tie: the name tied to the role further back */
    speaker_of("Mayor Elena Diaz opened the new bridge on Monday.\n\nTom Park and Sam Ito watched from the bank.\n\n"
               "Ito left early and Park stayed.\n\n\"It is a great day for the whole city,\" the mayor said.\n",
               b, 3, "It is a great", "Elena Diaz", "the mayor");
    /* two persons, no tie: the description stays */
    speaker_of("Tom Park met Elena Diaz on Monday.\n"
               "\"The talks went well for both sides,\" the scientist said.\n",
               a, 2, "The talks went", "the scientist", NULL);
    /* ... but a person named further on in the sentence before leaves its subject the one meant (spk20) */
    speaker_of("Rosa Quint spoke on Monday. Later, Rosa Quint answered an attack on her plan by Tom Park.\n"
               "\"It is a good plan,\" the scientist said.\n",
               a, 2, "It is a good", "Rosa Quint", "the scientist");
    /* ... passing over a sentence before that names no person (spk20) */
    speaker_of("Rosa Quint, a former aide to Tom Park, has written a book about the port.\n\n"
               "The Dalton Post released an excerpt on Monday. In the excerpt, the author wrote, \"The port was never safe.\"\n",
               a, 2, "The port was", "Rosa Quint", "the author");
    /* the same head after an indefinite nearby: that unnamed person (spk20) */
    speaker_of("Elena Diaz toured the port on Monday. A scientist at the port greeted her.\n"
               "\"You will be great,\" the scientist told her.\n",
               a, 2, "You will be", "A scientist", "the scientist");
    speaker_of("Elena Diaz toured the port on Monday with one guest: scientist Tom Park.\n"
               "\"The port is safe,\" the scientist said.\n",
               a, 2, "The port is", "Tom Park", "the scientist"); /* (a name tied to the head after the indefinite) */
    /* a person noun of the lexicon (spk20: "investor", "surgeon", "designer", ...) */
    speaker_of("Tom Park spoke to the board on Monday.\n\"The port is a good bet,\" the investor said.\n",
               a, 2, "The port is", "Tom Park", "the investor");
    /* two persons within reach, no tie: the one subject of the sentence before, alone in it */
    speaker_of("Tom Park spoke to the crowd on Monday.\n\nLori Bernstein held up a sign outside the arena. "
               "\"We have seen this before,\" the 57-year-old scientist said.\n",
               NULL, 0, "We have seen", "Lori Bernstein", "the 57-year-old scientist");
    /* ... also after a short opening phrase, in the paragraph before, with a period inside the quote */
    speaker_of("Elena Diaz called on Tom Park to resign. Lashing out, Tom Park said the judge was unfit.\n\n"
               "\"Judge Diaz of the U.S. Supreme Court has embarrassed all,\" the presumptive nominee wrote.\n",
               a, 2, "Judge Diaz of", "Tom Park", "the presumptive nominee");
    /* no tie and several persons: the previous quote's speaker, unless the head is introduced in between */
    speaker_of("\"The bridge is late,\" Tom Park said on Monday.\n\nHe would not say whether he blamed Elena Diaz or "
               "Sam Ito. The minority leader said flatly: \"It does not matter.\"\n",
               b, 3, "It does not", "Tom Park", "The minority leader");
    speaker_of("\"The bridge is late,\" Tom Park said on Monday.\n\nThe paper quoted another official as saying Elena "
               "Diaz and Sam Ito ran out of money. \"The money is gone,\" said the second official.\n",
               b, 3, "The money is", "another official", "the second official"); /* (spk20: the indefinite it continues) */
    /* two descriptions joined by "and": either head ties ("Sen." ... "senator") */
    speaker_of("Sen. Tom Park spoke after Elena Diaz on Monday.\n"
               "\"The bridge must be rebuilt,\" the Vermont senator and Democratic presidential candidate said.\n",
               a, 2, "The bridge must", "Tom Park", "the Vermont senator and Democratic presidential candidate");
    /* a quote that inherits a named description's speaker follows it (and stays inherited) */
    speaker_of("Sen. Tom Park spoke after Elena Diaz on Monday.\n"
               "\"The bridge must be rebuilt,\" the Vermont senator said. \"We cannot wait another year for it.\"\n",
               a, 2, "We cannot wait", "Tom Park", NULL);
    /* and so does a quote whose pronoun continues the description */
    speaker_of("Sen. Tom Park spoke after Elena Diaz on Monday.\n\n"
               "\"The bridge must be rebuilt,\" the Vermont senator said.\n\n"
               "\"We cannot wait another year for it,\" he said.\n",
               a, 2, "We cannot wait", "Tom Park", NULL);
    /* a document speaker: named by the subject of the clause that issued it */
    speaker_of("Tom Park met reporters on Monday. Later, Park provided a written statement to the paper.\n"
               "\"The bridge will be rebuilt before the winter,\" the statement said.\n",
               NULL, 0, "The bridge will", "Park", "the statement");
    /* a possessive subject is named as written */
    speaker_of("Elena Diaz spoke in the morning. Diaz's campaign sent out a fundraising email at noon.\n"
               "\"We need every vote in the county this week,\" the email said.\n",
               NULL, 0, "We need every", "Diaz's campaign", "the email");
    speaker_of("Elena Diaz spoke in the morning. Diaz's office issued a statement at noon.\n"
               "\"The mayor will sign the budget on Friday,\" the statement said.\n",
               NULL, 0, "The mayor will", "Diaz's office", "the statement");
    /* issued "by" a name, the speaker itself indefinite */
    speaker_of("Tom Park toured the port on Monday.\n"
               "In addition, a fundraising email sent out by Elena Diaz on Tuesday warned of the fight ahead: "
               "\"The port deserves a real plan for the future.\"\n",
               NULL, 0, "The port deserves", "Elena Diaz", "a fundraising email");
    /* the subject must issue it: who received, criticised or read a document is not its speaker;
     * the progressive form issues too */
    speaker_of("Tom Park met reporters on Monday. Later, Park received a long email from the union.\n"
               "\"We need the money before the winter,\" the email said.\n",
               NULL, 0, "We need the", "the email", NULL);
    speaker_of("Elena Diaz spoke in the morning. Diaz criticized a new report at noon.\n"
               "\"The bridge is not safe for trucks,\" the report said.\n",
               NULL, 0, "The bridge is", "the report", NULL);
    speaker_of("Elena Diaz spoke in the morning. Diaz is releasing a new 30-second ad this week.\n"
               "\"The port deserves a real plan,\" the ad says.\n",
               NULL, 0, "The port deserves", "Diaz", "the ad");
    /* spk3: cases of one table, each (text, with the actors b, m or none, the quote's head, speaker, role) */
    {
        stance_actor m[] = {{"Mothers For Clean Water", NULL, 0}};
        static const struct {
            const char *text;
            int actors;
            const char *head, *speaker, *role;
        } cases[] = {
            /* no tie: a description with the same head named earlier names it again, before the
             * subject of the sentence before (the interviewer who asked) is guessed */
            {"\"We started with nothing and no money at all,\" Tom Park said in an interview with Elena Diaz.\n\n"
             "Six months ago, the independent Vermont lawmaker said, the papers called him a \"fringe candidate.\"\n\n"
             "\"That would be you?\" Diaz asked.\n\n\"That would be me, yes,\" the lawmaker said.\n",
             1, "That would be me", "Tom Park", "the lawmaker"},
            /* the plural of the head before a name ties it too ("radio hosts Tom Park and ..."),
             * before the previous quote's speaker */
            {"Radio hosts Tom Park and Elena Diaz spoke with Sam Ito on Monday. \"I did know him,\" Ito said.\n\n"
             "Ito and Mary Cho attended the wedding in 2005.\n\n\"He is fun, he is an interesting guy,\" the host said.\n",
             1, "He is fun", "Tom Park", "the host"},
            /* a document named nowhere before: the subject that opens the sentence before with a
             * reporting verb */
            {"The Harbor Alliance on Tuesday responded that it had moved to a larger office.\n"
             "\"We need the room for our new staff,\" the statement said.\n",
             0, "We need the room", "Harbor Alliance", "the statement"},
            /* an organisation noun whose actor's name is no organisation's: the one that opens the
             * sentence before with an issuing verb */
            {"Mothers For Clean Water issued a statement on Monday about the new dam.\n\n"
             "\"We will keep marching until the valley is safe,\" the group said in a statement.\n",
             2, "We will keep", "Mothers For Clean Water", "the group"},
            /* spk4: a people's adjective ("the Texan") is a person noun; with no tie and several persons
             * within reach, the description opening the sentence before, tied further back ("Gov. Tom
             * Park" ... "The former governor") */
            {"Former Gov. Tom Park endorsed Sam Ito on Sunday.\n\n\"Ito is the most consistent of them,\" Park said.\n\n"
             "Do you support Sam Ito? Like the page:\n\n"
             "The former governor noted that voters want change. \"Elena Diaz and Sam Ito are skilled,\" the Texan said.\n",
             1, "Elena Diaz and", "Tom Park", "the Texan"},
            /* spk21: an organisation description's own head before the lone organisation of that
             * sentence, or a place after "at": that one is not it, the description speaks */
            {"The newspaper urged the mayor to think again about the Marsh Valley Council.\n\n"
             "\"The council has failed the town,\" the newspaper said.\n",
             0, "The council has", "the newspaper", NULL},
            {"Hundreds of nurses rallied at Westbrook University on Friday.\n\n\"Pay us what we are worth,\" the union said.\n",
             0, "Pay us", "the union", NULL},
            /* spk21: the head before a name apposed to it: that name */
            {"The chairman of the rowing club, Peter Holm, said the river was too low. "
             "\"We have not trained for a week,\" the chairman said.\n",
             0, "We have not", "Peter Holm", "the chairman"},
        };
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
            speaker_of(cases[i].text, cases[i].actors == 2 ? m : cases[i].actors ? b : NULL,
                       cases[i].actors == 2 ? 1 : cases[i].actors ? 3 : 0, cases[i].head, cases[i].speaker,
                       cases[i].role);
    }
    /* spk4: a thing described around a name ("a Pentagon readout", "this Trump look-alike") is
     * that name's; a person noun or an agent noun ("member") is not a thing */
    speaker_of("The talks ended on Monday.\n\"The talks were useful and frank,\" said a Harbor Trust readout.\n", NULL, 0,
               "The talks were", "Harbor Trust", "a Harbor Trust readout");
    speaker_of("The talks ended on Monday.\n\"The talks were useful and frank,\" said a Harbor Trust member.\n", NULL, 0,
               "The talks were", "a Harbor Trust member", NULL);
    /* disc11: a place (a dotted abbreviation of the lexicon, a state) as the modifier names no thing's speaker */
    speaker_of("The talks ended on Monday.\n\nThe U.S. media has always called itself \"unbiased,\" and it agreed.\n", NULL, 0,
               "unbiased", "The U.S. media", NULL);
    speaker_of("The talks ended on Monday.\n\nThe Ohio media has always called itself \"unbiased,\" and it agreed.\n", NULL, 0,
               "unbiased", "The Ohio media", NULL);
    speaker_of("The talks ended on Monday.\n\nThe NATO media has always called itself \"unbiased,\" and it agreed.\n", NULL, 0,
               "unbiased", "NATO", "The NATO media");
    /* tidy5: the agent nouns of stance_agent_noun() ("employee", as "referee" beside a name) */
    speaker_of("The talks ended on Monday.\n\"The talks were useful and frank,\" said a Harbor Trust employee.\n", NULL, 0,
               "The talks were", "a Harbor Trust employee", NULL);
    /* spk4: ... and the same thing named again by its head word alone ("the column") */
    speaker_of("A column in the Dalton Courier attacked the plan.\n\n\"The plan is rough,\" said the Harbor Notes "
               "column.\n\n\"It is also late,\" the column noted.\n",
               NULL, 0, "It is also late", "Harbor Notes", "the column");
    /* spk4: a document that the sentence before names again ("According to the statement"): the
     * sayer one sentence further back ("Harbor Trust confirmed that ...") */
    speaker_of("Harbor Trust confirmed that Kelly Ruud met with Tom Park.\n\nAccording to the statement, Ruud met with "
               "Park to discuss the pier.\n\n\"Ruud asked for the meeting,\" the statement read.\n",
               NULL, 0, "Ruud asked for", "Harbor Trust", "the statement");
    /* spk4: a first name that the text gives as somebody's kin ("Park's wife, Elena,"): with the surname */
    speaker_of("Tom Park lost the vote. Park's wife, Elena, spoke to the crowd on Sunday.\n\"We will be back,\" she said.\n",
               NULL, 0, "We will be back", "Elena Park", NULL);
    /* no issuer tied: the document stays */
    speaker_of("Tom Park toured the port on Monday. A statement appeared online later.\n"
               "\"The port will close for a week in March,\" the statement said.\n",
               NULL, 0, "The port will", "the statement", NULL);
    /* spk5's rows, as a table: text, the quote's head, speaker, role (NULL: not described) */
    {
        static const char *const rows[][4] = {
            /* an unnamed person introduced just before: "the woman" continues her, not the woman named before */
            {"\"This is little Dalton!\" said Elena Diaz, a waitress at the Golden Bear.\n\n"
             "At a shop near the harbour, a middle-aged cashier was shaken by the talk since the storm. "
             "\"One man said we should fight them,\" said the woman, who did not want to be named.\n",
             "One man said", "a middle-aged cashier", "the woman"},
            /* tidy6: ... of a compatible gender, the head's by the lexicon (#15): not "a congressman"; "the girl" too */
            {"At a shop near the harbour, a local congressman was shaken by the talk. "
             "\"One man said we should fight them,\" said the woman, who did not want to be named.\n",
             "One man said", "the woman", NULL},
            {"At a shop near the harbour, a young cashier was shaken by the talk since the storm. "
             "\"One man said we should fight them,\" said the girl, who did not want to be named.\n",
             "One man said", "a young cashier", "the girl"},
            /* "speaker" is a person noun, tied by the head right before the name */
            {"Popular corporate speaker Sam Ito believes he has a word for Elena Diaz.\n\n"
             "\"My dear friends, we are here to pray,\" the conference speaker says into the camera.\n",
             "My dear friends", "Sam Ito", "the conference speaker"},
            /* "the secretary of state": the role before "of" is the head */
            {"Elena Diaz, the Dalton secretary of state, backs Tom Park. A clip from a rally with Park and Diaz, where "
             "the secretary of state said she was \"ready to count every vote,\" went viral.\n",
             "ready to count", "Elena Diaz", "the secretary of state"},
            /* an organisation description that names a person of the text stays, not another organisation */
            {"Tom Park met the Dalton Port Authority on Monday.\n\n"
             "The Park campaign, in a note on the port, worded it carefully: \"The port was never closed by us.\"\n",
             "The port was never", "The Park campaign", NULL},
            /* spk11: "the chief executive of X, NAME," ties the head to the name, before the
             * description opening the sentence before ("The senator", tied to Elena Diaz) */
            {"Sen. Elena Diaz questioned the chief executive of Dalton Water, Tom Park, on Monday.\n\n"
             "The senator said she would ask for an inquiry. The chief executive said the utility would "
             "\"look at any request with care.\"\n",
             "look at any", "Tom Park", "The chief executive"},
            /* ... and it beats the one person within reach when another role is hers ("Its
             * president, Mary Cho,") */
            {"Sen. Elena Diaz questioned the chief executive of Dalton Water, Tom Park, on Monday.\n\n"
             "The union sided with her. Its president, Mary Cho, said the outage was only part of the story.\n\n"
             "The senator said she would ask for an inquiry. The chief executive said the utility would "
             "\"look at any request with care.\"\n",
             "look at any", "Tom Park", "The chief executive"},
            /* ... but not across an article: "the senator questioned the chief executive, Tom Park," */
            {"Sen. Elena Diaz met Tom Park. Later the senator questioned the chief executive, Tom Park, for an hour.\n\n"
             "The senator said \"the answers were thin.\"\n",
             "the answers were", "Elena Diaz", "The senator"},
        };
        for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
            speaker_of(rows[i][0], a, 2, rows[i][1], rows[i][2], rows[i][3]);
    }
    /* spk11: no actors, a name of no known gender: the role apposed before it makes it a person's */
    speaker_of("Elena Diaz questioned the chief executive of Dalton Water, Osric Pellow, on Monday.\n\n"
               "The chief executive said the utility would \"look at any request with care.\"\n",
               NULL, 0, "look at any", "Osric Pellow", "The chief executive");
}

static void test_targets_two_actors_own_spans(void **state)
{
    stance_actor a[] = {{"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}, {"Elena Diaz", NULL, 0}};
    const char text[] = "\"Park failed the city, but Ito saved it,\" Elena Diaz said.\n";
    doc d;
    stance_tlist tl = {0};
    const stance_tchoice *p, *i;
    (void)state;
    doc_choose(&d, text, a, 3, 0, &tl);
    assert_int_equal(tl.n, 2);
    assert_non_null(p = target(&d, &tl, "Tom Park"));
    assert_non_null(i = target(&d, &tl, "Sam Ito"));
    assert_int_equal(p->where, 1);
    assert_int_equal(p->ns, 1);
    assert_int_equal(i->ns, 1);
    assert_int_equal(tl.sp[p->s0].start, 0);                       /* "Park" */
    assert_int_equal(tl.sp[i->s0].start, strlen("Park failed the city, but ")); /* "Ito" */
    doc_choose_close(&d, &tl);
}

static void test_targets_speaker_self_and_principal(void **state)
{
    stance_actor a[] = {{"Hillary Clinton", NULL, 0}, {"Elena Diaz", NULL, 0}};
    const char text[] = "Hillary Clinton spoke on Monday.\n\n\"We will win this state,\" Clinton's communications "
                        "director said.\n\n\"I am proud of my record,\" Elena Diaz said.\n\n"
                        "\"Elena Diaz keeps her word,\" Elena Diaz said.\n";
    doc d;
    stance_tlist tl = {0};
    const stance_tchoice *c;
    (void)state;
    doc_open(&d, text, a, 2);
    assert_int_equal(d.quotes.n, 3);
    /* the actor the speaker speaks for is the speaker's side ("we"), no target for that alone */
    choose(&d, 0, &tl);
    assert_null(target(&d, &tl, "Hillary Clinton"));
    /* first person is the speaker, who is no target of their own quote */
    choose(&d, 1, &tl);
    assert_int_equal(tl.n, 0);
    /* unless they name themselves */
    choose(&d, 2, &tl);
    assert_non_null(c = target(&d, &tl, "Elena Diaz"));
    assert_int_equal(c->reasons, STANCE_TR_MENTIONED);
    doc_choose_close(&d, &tl);
    /* the speaker's side named in the quote is a target, and marked as the side */
    doc_open(&d, "Hillary Clinton spoke on Monday.\n\n\"Clinton will carry this state,\" Clinton's communications "
                 "director said.\n", a, 2);
    assert_int_equal(d.quotes.n, 1);
    choose(&d, 0, &tl);
    assert_non_null(c = target(&d, &tl, "Hillary Clinton"));
    assert_int_equal(c->reasons, STANCE_TR_MENTIONED | STANCE_TR_PRINCIPAL);
    assert_int_equal(c->where, 1);
    doc_choose_close(&d, &tl);
    /* a speaker names itself by a title too ("the governor", "the foundation") */
    {
        stance_actor g[] = {{"Tom Park", NULL, 0}};
        doc_open(&d, "Gov. Tom Park spoke on Monday.\n\n\"The governor will not resign,\" Tom Park said.\n", g, 1);
        assert_int_equal(d.quotes.n, 1);
        choose(&d, 0, &tl);
        assert_non_null(c = target(&d, &tl, "Tom Park"));
        assert_int_equal(c->reasons, STANCE_TR_MENTIONED);
        doc_choose_close(&d, &tl);
    }
}

/* A speaker is an actor only when their names agree: the full name, or the
 * surname when the speaker's given name does not contradict the actor's. Jane
 * Park, speaking of her husband, is no Tom Park, so he is a target of her
 * quote; "Park" alone, "Gov. Park" and "Tommy Park" (a short form) are Tom Park. */
static void test_targets_speaker_given_name(void **state)
{
    stance_actor a[] = {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}};
    const char text[] = "Gov. Tom Park and his wife, Jane Park, toured the harbor with Elena Diaz.\n\n"
                        "\"If he wins, he will keep building,\" Jane Park said.\n\n"
                        "\"He never gives up,\" she said.\n\n"
                        "\"The harbor needs work,\" Park said.\n\n"
                        "\"We will finish it,\" Tommy Park said.\n";
    doc d;
    stance_tlist tl = {0};
    (void)state;
    doc_open(&d, text, a, 2);
    assert_int_equal(d.quotes.n, 4);
    assert_int_equal(stance_mentions_speaker(&d.ents, d.text, &d.quotes.q[0]), -1); /* by the span */
    assert_string_equal(d.quotes.q[1].speaker, "Jane Park");
    assert_int_equal(stance_mentions_speaker(&d.ents, d.text, &d.quotes.q[1]), -1); /* by the surname */
    assert_int_equal(stance_mentions_speaker(&d.ents, d.text, &d.quotes.q[2]), 0);
    assert_int_equal(stance_mentions_speaker(&d.ents, d.text, &d.quotes.q[3]), 0);
    choose(&d, 0, &tl);
    assert_non_null(target(&d, &tl, "Tom Park"));
    choose(&d, 1, &tl);
    assert_non_null(target(&d, &tl, "Tom Park"));
    choose(&d, 2, &tl);
    assert_null(target(&d, &tl, "Tom Park"));
    doc_choose_close(&d, &tl);
}

/* The name-mention index (mindex.c) answers as the pass over every entity does:
 * speakers by span, by name and by a surname only one actor has, possessive
 * speakers ("Park's aide") and principals ("a spokeswoman for Webb"), with
 * actors sharing a surname, discovered or given. */
static void index_check(const char *text, const stance_actor *actors, size_t n_actors)
{
    size_t named = 0, principals = 0;
    stance_mindex *ix;
    doc d;
    doc_open(&d, text, actors, n_actors);
    assert_non_null(d.ents.ix);
    assert_true(d.quotes.n >= 60 && d.ents.n >= 4);
    for (size_t qi = 0; qi < d.quotes.n; qi++) {
        const stance_rawquote *q = &d.quotes.q[qi];
        long sp = stance_mentions_speaker(&d.ents, d.text, q), pr = stance_mentions_principal(&d.ents, d.text, q, sp);
        ix = d.ents.ix;
        d.ents.ix = NULL; /* the pass over every entity */
        assert_int_equal(stance_mentions_speaker(&d.ents, d.text, q), sp);
        assert_int_equal(stance_mentions_principal(&d.ents, d.text, q, sp), pr);
        d.ents.ix = ix;
        named += sp >= 0;
        principals += pr >= 0;
    }
    /* the cases above occur: many quotes have an actor as speaker, and some a principal */
    assert_true(named * 4 > d.quotes.n); /* "Ben Moss" is no Ana Moss: given actors name fewer */
    assert_true(principals >= 10);
    doc_close(&d);
}

static void test_mentions_index_same_answers(void **state)
{
    static const char *const first[] = {"Ana", "Ben", "Cy", "Dee", "Eli", "Fay"};
    static const char *const last[] = {"Moss", "Park", "Lund", "Roe", "Vance", "Webb"};
    stance_actor a[] = {{"Tom Park", NULL, 0}, {"Nora Park", NULL, 0}, {"Eli Webb", NULL, 0},
                        {"Ana Moss", NULL, 0}, {"Cy Lund", NULL, 0},   {"Dee Roe", NULL, 0}};
    char text[8192];
    size_t n = 0;
    (void)state;
    n += (size_t)snprintf(text + n, sizeof text - n, "Governor Tom Park and Nora Park met Eli Webb.\n\n");
    for (unsigned i = 0; i < 24; i++)
        n += (size_t)snprintf(text + n, sizeof text - n,
                              "\"The plan number %u is sound,\" said %s %s, a spokeswoman for Webb.\n\n"
                              "\"We will see,\" %s's aide said of %s.\n\n\"It holds,\" %s said.\n\n",
                              i, first[i % 6], last[(i / 6) % 6], last[i % 6], last[(i + 1) % 6], last[(i / 6) % 6]);
    assert_true(n < sizeof text);
    index_check(text, NULL, 0);
    index_check(text, a, sizeof a / sizeof *a);
}

/* stance_sort_stable() and stance_sort_small() (mindex.c) give the order of a
 * stable sort on the field alone, ties in their first order, short (insertion)
 * and long (radix, qsort) alike. */
typedef struct srec {
    char pad[5];
    size_t key;
    unsigned seq;
} srec;

static int srec_cmp(const void *a, const void *b)
{
    const srec *x = a, *y = b;
    return (x->key > y->key) - (x->key < y->key);
}

static void test_sort_stable(void **state)
{
    static const size_t sizes[] = {0, 1, 2, 7, 16, 17, 300, 5000};
    srec *v = malloc(5000 * sizeof *v);
    uint32_t x = 12345;
    (void)state;
    assert_non_null(v);
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        size_t n = sizes[k];
        for (size_t i = 0; i < n; i++)
            memset(v[i].pad, 'x', sizeof v[i].pad);
        for (int small = 0; small < 2; small++) { /* stance_sort_small(): the same with a comparison */
            for (size_t i = 0; i < n; i++) {
                x = x * 1103515245u + 12345u;
                v[i].key = (x >> 8) % (n / 3 + 2) * 1000003u; /* many ties, wide keys */
                v[i].seq = (unsigned)i;
            }
            if (small)
                stance_sort_small(v, n, sizeof *v, srec_cmp);
            else
                assert_int_equal(stance_sort_stable(v, n, sizeof *v, offsetof(srec, key)), STANCE_OK);
            for (size_t i = 1; i < n; i++) {
                assert_true(v[i - 1].key <= v[i].key);
                if (v[i - 1].key == v[i].key)
                    assert_true(v[i - 1].seq < v[i].seq);
            }
        }
    }
    free(v);
}

static void test_targets_article_governor(void **state)
{
    stance_actor a[] = {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}};
    const char text[] = "Mayor Elena Diaz accused Governor Tom Park of abandoning the city.\n\n"
                        "\"We are proud of what the governor has done for this region,\" said Priya Shah.\n";
    doc d;
    stance_tlist tl = {0};
    const stance_tchoice *c;
    (void)state;
    doc_choose(&d, text, a, 2, 0, &tl);
    assert_int_equal(tl.n, 1);
    assert_non_null(c = target(&d, &tl, "Tom Park"));
    assert_int_equal(c->where, 1);
    assert_int_equal(tl.ms[c->m0].kind, STANCE_MK_TITLE);
    doc_choose_close(&d, &tl);
}

/* End to end: each target is scored from its own marked mentions, and the
 * public accessors carry the kinds and the reasons. */
static void test_targets_scored_apart(void **state)
{
    size_t len;
    unsigned char *data = testutil_model_bytes(&len);
    stance_model *m = NULL;
    stance_actor a[] = {{"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}};
    const char text[] = "Gov. Tom Park and Sam Ito spoke.\n\n"
                        "\"Park failed the city and is a disgrace, while Ito was brilliant. The governor must go,\" "
                        "Elena Diaz said.\n";
    stance_input in = STANCE_INPUT_INIT;
    stance_result *res = NULL;
    const stance_quote *q;
    const stance_target *p = NULL, *i = NULL;
    const stance_entity *e;
    stance_span sp;
    stance_mention_kind kind;
    const char *rule = NULL;
    size_t n_title = 0;
    (void)state;
    assert_int_equal(stance_model_open_buffer(data, len, &m, NULL), STANCE_OK);
    stance_free(data);
    in.text = text;
    in.text_len = strlen(text);
    in.actors = a;
    in.n_actors = 2;
    assert_int_equal(stance_classify(m, &in, NULL, &res, NULL), STANCE_OK);
    assert_int_equal(stance_result_count(res), 1);
    q = stance_result_quote(res, 0);
    assert_int_equal(stance_quote_target_count(q), 2);
    for (size_t k = 0; k < 2; k++)
        if (strcmp(stance_quote_target(q, k)->actor, "Tom Park") == 0)
            p = stance_quote_target(q, k);
        else
            i = stance_quote_target(q, k);
    assert_non_null(p);
    assert_non_null(i);
    assert_true(p->stance.probs[1] != i->stance.probs[1]); /* not one score for the whole sentence */
    assert_int_equal(stance_target_reasons(p), STANCE_TARGET_MENTIONED);
    assert_int_equal(p->n_mentions, 2); /* "Park", "The governor" */
    assert_int_equal(stance_target_mention(p, 1, &sp, &kind, &rule), STANCE_OK);
    assert_int_equal(kind, STANCE_MENTION_TITLE);
    assert_string_equal(rule, "title-before-name");
    assert_memory_equal(text + sp.start, "The governor", 12);
    assert_int_equal(stance_target_mention(p, 2, &sp, &kind, &rule), STANCE_ERR_INVALID);
    assert_int_equal(stance_target_mention(NULL, 0, NULL, NULL, NULL), STANCE_ERR_INVALID);
    assert_int_equal(stance_target_reasons(NULL), 0);
    /* the entity: names as in 0.1, and every kind through the accessors */
    e = stance_result_entity(res, p->entity);
    assert_int_equal(e->n_mentions, 2); /* "Tom Park", "Park" */
    assert_int_equal(stance_entity_mention_count(e), 3);
    for (size_t k = 0; k < stance_entity_mention_count(e); k++) {
        assert_int_equal(stance_entity_mention(e, k, &sp, &kind, NULL), STANCE_OK);
        n_title += kind == STANCE_MENTION_TITLE;
    }
    assert_int_equal(n_title, 1);
    assert_int_equal(stance_entity_mention(e, 3, &sp, &kind, NULL), STANCE_ERR_INVALID);
    assert_int_equal(stance_entity_mention_count(NULL), 0);
    assert_string_equal(stance_mention_kind_name(STANCE_MENTION_SPEAKER_SELF), "speaker-self");
    stance_result_free(res);
    stance_model_free(m);
}

/* stance_after_the() against the byte loop it replaced, on random texts of
 * t/T/h/H/e/E/space/x at every length and start (crossing its 16-byte steps);
 * fails with a step or the tail's bound off by one. */
static void test_after_the(void **state)
{
    static const char alpha[] = "tThHeE x";
    char t[70];
    uint32_t x = 2463534242u; /* xorshift32 */
    unsigned found = 0;
    (void)state;
    for (size_t len = 0, round = 0; round < 3000; round++, len = round % 70) {
        for (char *c = t; c < t + len; c++) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            *c = alpha[x & 7];
        }
        for (size_t from = 3; from <= len + 1; from++) {
            size_t want = len;
            for (size_t j = from; j <= len; j++)
                if ((t[j - 1] | 0x20) == 'e' && (t[j - 2] | 0x20) == 'h' && (t[j - 3] | 0x20) == 't') {
                    want = j;
                    break;
                }
            assert_int_equal(stance_after_the(t, from, len), want);
            found += want < len;
        }
    }
    assert_true(found > 1000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mentions_tables_sorted),
        cmocka_unit_test(test_mentions_names_kinds),
        cmocka_unit_test(test_mentions_cases),
        cmocka_unit_test(test_mentions_party_adjective),
        cmocka_unit_test(test_mentions_party_adjective_unicode),
        cmocka_unit_test(test_mentions_run_gender),
        cmocka_unit_test(test_mentions_outer_reporter),
        cmocka_unit_test(test_targets_object_not_bystander),
        cmocka_unit_test(test_targets_called_him),
        cmocka_unit_test(test_targets_sentencing_him),
        cmocka_unit_test(test_targets_reported_subject),
        cmocka_unit_test(test_targets_fragment_tail),
        cmocka_unit_test(test_speaker_names),
        cmocka_unit_test(test_targets_two_actors_own_spans),
        cmocka_unit_test(test_targets_speaker_self_and_principal),
        cmocka_unit_test(test_targets_speaker_given_name),
        cmocka_unit_test(test_mentions_index_same_answers),
        cmocka_unit_test(test_sort_stable),
        cmocka_unit_test(test_after_the),
        cmocka_unit_test(test_targets_article_governor),
        cmocka_unit_test(test_targets_scored_apart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
