/* test_actors.c - actor mentions (lib/actors.c): names, aliases, surnames,
 * possessives, word boundaries, case, discovery, and how stance_classify()
 * attaches them to quotes. Texts written for these tests. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "actors.h"
#include "tokens.h"
#include "testutil.h"

static void mentions_are(const char *text, const stance_ent *e, const char *const *want, size_t n)
{
    assert_int_equal(e->n_mentions, n);
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(want[i]);
        assert_int_equal(e->mentions[i].end - e->mentions[i].start, l);
        assert_memory_equal(text + e->mentions[i].start, want[i], l);
        if (i)
            assert_true(e->mentions[i].start >= e->mentions[i - 1].end);
    }
}

static void test_actors_names_aliases_surnames(void **state)
{
    static const char *const al[] = {"President Vance", "the president"};
    stance_actor actors[] = {{"Harold Vance", al, 2}, {"Maria Ocampo", NULL, 0}};
    const char text[] = "President Vance met Maria Ocampo. Vance's aides and Ocampo\xe2\x80\x99s team "
                        "played Vancexx games; the president left. Harold Vance waved.";
    stance_entityset s = {0};
    stance_error err;
    static const char *const w0[] = {"President Vance", "Vance", "the president", "Harold Vance"};
    static const char *const w1[] = {"Maria Ocampo", "Ocampo"};
    (void)state;
    assert_int_equal(stance_actors_match(actors, 2, text, strlen(text), 0, &s, &err), STANCE_OK);
    assert_int_equal(s.n, 2);
    assert_string_equal(s.e[0].name, "Harold Vance");
    assert_int_equal(s.e[0].input_index, 0);
    assert_int_equal(s.e[0].discovered, 0);
    mentions_are(text, &s.e[0], w0, 4);
    mentions_are(text, &s.e[1], w1, 2);
    stance_entityset_clear(&s);
}

/* White space around a name or alias is no part of it (`-a "Corvane Energy | Corvane"`, a
 * record's " Harold Vance "): the words match and the name is reported without it, the
 * surname too. Before, "Corvane Energy " matched nothing and the alias " Corvane" nothing. */
static void test_actors_names_trimmed(void **state)
{
    static const char *const al[] = {" Corvane\t"};
    stance_actor actors[] = {{"Corvane Energy ", al, 1}, {"  Harold Vance\n", NULL, 0}};
    const char text[] = "Corvane Energy raised rates. Corvane said so, and Vance did not.";
    static const char *const w0[] = {"Corvane Energy", "Corvane"};
    static const char *const w1[] = {"Vance"};
    stance_entityset s = {0};
    (void)state;
    assert_int_equal(stance_actors_match(actors, 2, text, strlen(text), 0, &s, NULL), STANCE_OK);
    assert_int_equal(s.n, 2);
    assert_string_equal(s.e[0].name, "Corvane Energy");
    assert_string_equal(s.e[1].name, "Harold Vance");
    mentions_are(text, &s.e[0], w0, 2);
    mentions_are(text, &s.e[1], w1, 1);
    stance_entityset_clear(&s);
}

/* An organisation's common noun ("campaign" of "Park campaign") is its mention
 * unless another name owns it: "the Diaz campaign", "Diaz's campaign", "Reyes'
 * campaign"; "Tom Park's campaign", "The campaign", "Our campaign" still are. */
static void test_actors_common_noun_owned(void **state)
{
    stance_actor actors[] = {{"Park campaign", NULL, 0}, {"Elena Diaz", NULL, 0}};
    const char text[] = "The campaign met. The Diaz campaign, Diaz's campaign, Diaz\xe2\x80\x99s campaign and Reyes' "
                        "campaign left; Tom Park's campaign and Tom Park\xe2\x80\x99s campaign stayed. Our campaign "
                        "won, and the Park campaign cheered.";
    static const char *const w0[] = {"campaign", "campaign", "campaign", "campaign", "Park campaign"};
    stance_entityset s = {0};
    (void)state;
    assert_int_equal(stance_actors_match(actors, 2, text, strlen(text), 0, &s, NULL), STANCE_OK);
    mentions_are(text, &s.e[0], w0, 5);
    assert_int_equal(s.e[0].mentions[0].start, 4);                                   /* The campaign */
    assert_int_equal(s.e[0].mentions[1].start, (size_t)(strstr(text, "Park's campaign") - text) + 7);
    assert_int_equal(s.e[0].mentions[3].start, (size_t)(strstr(text, "Our campaign") - text) + 4);
    stance_entityset_clear(&s);
}

/* Caseless actors: "PARK's campaign" is the Park campaign's own word, in any
 * case; "DIAZ's campaign" still belongs to another name. */
static void test_actors_common_noun_owned_caseless(void **state)
{
    stance_actor actors[] = {{"Park campaign", NULL, 0}};
    const char text[] = "Tom PARK's campaign met, and DIAZ's campaign left.";
    stance_entityset s = {0};
    (void)state;
    assert_int_equal(stance_actors_match(actors, 1, text, strlen(text), STANCE_OPT_ACTORS_CASELESS, &s, NULL),
                     STANCE_OK);
    assert_int_equal(s.e[0].n_mentions, 1);
    assert_int_equal(s.e[0].mentions[0].start, (size_t)(strstr(text, "PARK's campaign") - text) + 7);
    stance_entityset_clear(&s);
}

static void test_actors_case(void **state)
{
    stance_actor actors[] = {{"Ida Stone", NULL, 0}};
    const char text[] = "STONE spoke, then ida stone and Stone.";
    stance_entityset s = {0};
    (void)state;
    assert_int_equal(stance_actors_match(actors, 1, text, strlen(text), 0, &s, NULL), STANCE_OK);
    assert_int_equal(s.e[0].n_mentions, 1);
    stance_entityset_clear(&s);
    assert_int_equal(stance_actors_match(actors, 1, text, strlen(text), STANCE_OPT_ACTORS_CASELESS, &s, NULL),
                     STANCE_OK);
    assert_int_equal(s.e[0].n_mentions, 3);
    stance_entityset_clear(&s);
}

static void test_actors_shared_surname(void **state)
{
    stance_actor actors[] = {{"Anna Berg", NULL, 0}, {"Lars Berg", NULL, 0}};
    const char text[] = "Anna Berg and Lars Berg argued; Berg left.";
    stance_entityset s = {0};
    (void)state;
    assert_int_equal(stance_actors_match(actors, 2, text, strlen(text), 0, &s, NULL), STANCE_OK);
    assert_int_equal(s.e[0].n_mentions, 1);
    assert_int_equal(s.e[1].n_mentions, 1);
    stance_entityset_clear(&s);
}

/* Two of a group named in full close together: the surname stays ambiguous
 * until an alias of just one of them follows ("Anna"); then it is hers. */
static void test_actors_shared_surname_alias_after(void **state)
{
    static const char *const al[] = {"Anna"};
    stance_actor actors[] = {{"Anna Berg", al, 1}, {"Lars Berg", NULL, 0}};
    const char text[] = "Anna Berg and Lars Berg argued; Berg left. Anna came back; Berg waved.";
    static const char *const w0[] = {"Anna Berg", "Anna", "Berg"};
    static const char *const w1[] = {"Lars Berg"};
    stance_entityset s = {0};
    (void)state;
    assert_int_equal(stance_actors_match(actors, 2, text, strlen(text), 0, &s, NULL), STANCE_OK);
    mentions_are(text, &s.e[0], w0, 3);
    mentions_are(text, &s.e[1], w1, 1);
    assert_int_equal(s.e[0].mentions[2].start, (size_t)(strstr(text, "Berg waved") - text));
    stance_entityset_clear(&s);
}

/* A shared surname alone means the one of its actors named in full last
 * (a name, or an alias that ends in the surname), once one is. */
static void test_actors_shared_surname_recent(void **state)
{
    static const char *const al[] = {"Anna K. Berg", "Anna"};
    stance_actor actors[] = {{"Anna Berg", al, 2}, {"Lars Berg", NULL, 0}};
    const char text[] = "Berg was not yet named. Anna K. Berg opened the hearing and the committee listened to "
                        "her for an hour before the first break was called by the clerk of the house. Berg's "
                        "critics left the room in protest and spoke to the reporters who had waited in the hall "
                        "since the morning. Later Lars Berg, her brother, arrived at the hearing to speak for the "
                        "family and the press gathered around him in the corridor outside the chamber. Berg "
                        "spoke. Anna came back; Berg waved.";
    static const char *const w0[] = {"Anna K. Berg", "Berg", "Anna"};
    static const char *const w1[] = {"Lars Berg", "Berg", "Berg"};
    stance_entityset s = {0};
    (void)state;
    assert_int_equal(stance_actors_match(actors, 2, text, strlen(text), 0, &s, NULL), STANCE_OK);
    mentions_are(text, &s.e[0], w0, 3);
    mentions_are(text, &s.e[1], w1, 3);
    assert_int_equal(s.e[0].kinds[1], STANCE_MK_SURNAME);
    assert_int_equal(s.e[0].rules[1], STANCE_MR_POSSESSIVE);
    assert_int_equal(s.e[1].rules[1], STANCE_MR_SURNAME_SHARED);
    assert_string_equal(stance_mention_rule_name(STANCE_MR_SURNAME_SHARED), "surname-shared");
    stance_entityset_clear(&s);
}

static void test_actors_punctuation_in_names(void **state)
{
    stance_actor actors[] = {{"A.B. (Test) Corp.", NULL, 0}};
    const char text[] = "Shares of A.B. (Test) Corp. fell; AxB. (Test) Corp. did not.";
    stance_entityset s = {0};
    (void)state;
    assert_int_equal(stance_actors_match(actors, 1, text, strlen(text), 0, &s, NULL), STANCE_OK);
    /* the full name once (regex characters are literal), then the last word "Corp." alone */
    assert_int_equal(s.e[0].n_mentions, 2);
    assert_int_equal(s.e[0].mentions[0].start, strstr(text, "A.B.") - text);
    assert_int_equal(s.e[0].mentions[0].end - s.e[0].mentions[0].start, strlen("A.B. (Test) Corp."));
    stance_entityset_clear(&s);
}

/* The result of classifying @p text with @p n actors (none: discovery) under
 * the test model, opened into *m for the caller to free. */
static stance_result *classify_with(const char *text, const stance_actor *actors, size_t n, stance_model **m)
{
    size_t len;
    unsigned char *data = testutil_model_bytes(&len);
    stance_input in = STANCE_INPUT_INIT;
    stance_result *res = NULL;
    assert_int_equal(stance_model_open_buffer(data, len, m, NULL), STANCE_OK);
    stance_free(data);
    in.text = text;
    in.text_len = strlen(text);
    in.actors = actors;
    in.n_actors = n;
    assert_int_equal(stance_classify(*m, &in, NULL, &res, NULL), STANCE_OK);
    return res;
}

static void test_actors_discover(void **state)
{
    stance_model *m = NULL;
    const char text[] = "Governor Ellen Park visited Dover. Park toured the docks with Sam Ito.\n\n"
                        "\"The docks need money,\" Park said.\n\n\"Sam Ito is wrong,\" said Rui Costa.\n";
    stance_result *res = classify_with(text, NULL, 0, &m);
    int park = -1, ito = -1, costa = -1;
    (void)state;
    for (size_t i = 0; i < stance_result_entity_count(res); i++) {
        const stance_entity *e = stance_result_entity(res, i);
        assert_int_equal(e->discovered, 1);
        if (strcmp(e->name, "Ellen Park") == 0)
            park = (int)i;
        if (strcmp(e->name, "Sam Ito") == 0)
            ito = (int)i;
        if (strcmp(e->name, "Rui Costa") == 0)
            costa = (int)i;
    }
    assert_true(park >= 0 && ito >= 0 && costa >= 0);
    assert_int_equal(stance_result_entity(res, (size_t)park)->n_mentions, 3);
    assert_int_equal(stance_result_count(res), 2);
    {
        const stance_quote *q = stance_result_quote(res, 1);
        assert_string_equal(q->speaker, "Rui Costa");
        /* the quote mentions Sam Ito; the speaker is not his own target */
        assert_int_equal(stance_quote_target_count(q), 1);
        assert_string_equal(stance_quote_target(q, 0)->actor, "Sam Ito");
        assert_int_equal(stance_quote_target(q, 0)->where, STANCE_WHERE_QUOTE);
    }
    stance_result_free(res);
    stance_model_free(m);
}

/* One text for the discovery rules, and what it must give with no actors
 * passed: n entities, and the mentions of some (-1: no entity of that name). */
typedef struct disc_case {
    const char *text;
    size_t n;
    const char *name[3];
    int mentions[3];
} disc_case;

static const disc_case disc_cases[] = {
    /* A one-word name that recurs three times is an actor ("Velmora"); twice is
     * not enough ("Ostrava"), and neither are a title word ("Republican"), a
     * pronoun's contraction ("I'm") or an organisation's head noun ("Party") */
    {"Velmora signed the pact with Ostrava. Republican leaders in the Party said Velmora moved too fast.\n\n"
     "I'm not sure, Republican aides said. Ostrava waited, and Velmora's envoy left the Party meeting.\n\n"
     "I'm tired, a Republican wrote. I'm done with the Party.\n",
     1, {"Velmora", "Ostrava"}, {3, -1}},
    /* ... or twice when a quote holds one of them ("Velmora"), not twice
     * outside the quotes ("Ostrava") */
    {"\"We will never trust Velmora,\" said Rui Costa. Velmora did not answer. Ostrava met Costa, "
     "and Ostrava left.\n",
     2, {"Velmora", "Ostrava", "Rui Costa"}, {2, -1, 2}},
    /* ... unless that head noun names a group alone ("Congress") */
    {"Congress met. Critics of Congress left, and Congress stayed.\n", 1, {"Congress"}, {3}},
    /* The quoted rules take a capital as evidence of a name only where a
     * common word would not carry one (disc3). A one-word name whose every
     * mention opens a sentence or a quote is no actor when named twice ("Zorbel") */
    {"\"Zorbel is coming,\" said Rui Costa. Zorbel, they said, was late.\n", 1, {"Zorbel", "Rui Costa"}, {-1, 1}},
    /* ... a dash before it opens it too, a horizontal bar (U+2015) as an em dash (link26: one
     * dash set, tokens.h stance_dash_at()) */
    {"\"Zorbel is coming,\" said Rui Costa. Then \xe2\x80\x95 Zorbel, they said, was late.\n", 1,
     {"Zorbel", "Rui Costa"}, {-1, 1}},
    /* A preposition opening a sentence is no part of the name after it ("Besides Velmora"), past
     * a dash that opens the line: a horizontal bar as an em dash (names.c, opens_sentence()) */
    {"Rui Costa spoke in Dover.\n\xe2\x80\x95 Besides Velmora, nobody came. Critics of Velmora left, and Velmora "
     "stayed.\n",
     1, {"Velmora", "Besides Velmora"}, {3, -1}},
    /* ... nor a run in capitals throughout ("FOLLY BRIGADE") */
    {"\"They voted for FOLLY BRIGADE again,\" said Rui Costa.\n", 1, {"FOLLY BRIGADE", "Rui Costa"}, {-1, 1}},
    /* ... nor a run of words the article writes in lowercase ("Harbor Police") */
    {"\"They sent the Harbor Police again,\" said Rui Costa. The harbor police left.\n", 1,
     {"Harbor Police", "Rui Costa"}, {-1, 1}},
    /* ... nor a run that holds a pronoun ("Look I've") */
    {"\"Well, Look I\xe2\x80\x99ve made this clear,\" said Rui Costa.\n", 1, {"Look I\xe2\x80\x99ve", "Rui Costa"},
     {-1, 1}},
    /* ... nor a one-word name that is a word of the lexicon ("Vote", twice) */
    {"\"We asked the Vote office,\" said Rui Costa. They closed the Vote desk.\n", 1, {"Vote", "Rui Costa"},
     {-1, 1}},
    /* ... nor an acronym that is an ordinary word in capitals ("NO") */
    {"\"There is NO deal,\" said Rui Costa.\n", 1, {"NO", "Rui Costa"}, {-1, 1}},
    /* A run in a headline line (title case) is no evidence of a name's
     * extent ("Urges Velmora"), unless the article writes it again (disc4) */
    {"Diaz Wades In: Urges Velmora to Stay in the Union.\n\n\"We will win,\" said Rui Costa. Velmora did not answer.\n",
     1, {"Urges Velmora", "Velmora", "Rui Costa"}, {-1, -1, 1}},
    /* A group without a listed first name is named by a run after the
     * headline of as many words, not by the headline's ("Upstart Okafor" of
     * a sentence-case headline beside "Nia Okafor": disc9) */
    {"Upstart Okafor stuns party favorite\n\nNia Okafor won the primary.\n\n\"Okafor lied to voters,\" said Tom "
     "Haskell.\n",
     2, {"Nia Okafor", "Upstart Okafor", "Tom Haskell"}, {3, -1, 1}},
    /* ... nor a state's abbreviation after a comma, closed by a period ("Vt"
     * of "Dover, Vt.", three times) */
    {"\"We will win,\" said Rui Costa in Dover, Vt. on Monday. He flew to Salem, Vt. and to Troy, Vt. later.\n", 1,
     {"Vt", "Rui Costa"}, {-1, 1}},
    /* ... nor a title and a word that make all of a phrase in quotation
     * marks, a nickname ("Miss Velmora", twice) */
    {"\"We will win,\" said Rui Costa. He once called her \xe2\x80\x9cMiss Velmora\xe2\x80\x9d on the radio. The paper "
     "cited \xe2\x80\x9cMiss Velmora\xe2\x80\x9d as an example.\n",
     1, {"Velmora", "Rui Costa"}, {-1, 1}},
    /* ... nor a number's label ("Canon 12", three times) */
    {"\"We will win,\" said Rui Costa. Canon 12 is clear, Canon 12 binds us, and Canon 12 stays.\n", 1,
     {"Canon", "Rui Costa"}, {-1, 1}},
    /* A party's members' plural and its nickname are the party: "Republicans",
     * "the GOP" and "the Republican Party", each named once, make one entity
     * named "Republican Party"; "Senate Republicans" is no form of it */
    {"Republicans met in Dover. The GOP chose Marco Diaz, and the Republican Party cheered. "
     "Senate Republicans left.\n",
     2, {"Republican Party", "Republicans", "GOP"}, {3, -1, -1}},
    /* A full name that opens with a listed first name is a person, an actor
     * when named once ("Marco Diaz"); another two-word name named once is not */
    {"The council met on Tuesday. Officials said Marco Diaz had left the Harbor Board.\n", 1, {"Marco Diaz"}, {1}},
    /* ... and so is another name of two or more words that a quote holds
     * ("Harbor Board"), not one named once outside the quotes ("Tide Council") */
    {"\"The Harbor Board lied to us,\" said Rui Costa. The Tide Council met on Monday.\n", 2,
     {"Harbor Board", "Tide Council", "Rui Costa"}, {1, -1, 1}},
    /* An organisation whose adjective is also a title ("Democratic Party") is
     * named by its whole name and kept apart from another of the same head
     * noun; its runs do not make "Tea Party", named once, a group of three */
    {"The Democratic Party met in Dover. The Republican Party stayed home.\n\n"
     "Later the Democratic Party voted, and the Republican Party did not. The Tea Party cheered.\n",
     2, {"Democratic Party", "Republican Party"}, {2, 2}},
    /* A listed first name alone is a mention of the one discovered person
     * whose full name opens with it ("Nadia" -> "Nadia Ferro"), and no entity
     * of its own; one that opens two full names ("Ellen") is left alone */
    {"Nadia Ferro spoke in Dover with Ellen Park and Ellen Moss. Later Nadia waved, and Nadia left. "
     "Nadia\xe2\x80\x99s aides stayed. Ellen smiled.\n",
     3, {"Nadia Ferro", "Nadia", "Ellen Park"}, {4, -1, 1}},
    /* Two people named in full with one surname and different first names are
     * two entities, each named by its full name (not by a headline run "Report
     * Reveals Marsh", a headline's run and no mention: disc4); the surname
     * alone goes to the one named last before it */
    {"Report Reveals Marsh\n\nHillary Marsh met Bill Marsh in Dover. Marsh, the mayor, left.\n\n"
     "Later Hillary Marsh spoke. Marsh smiled.\n",
     2, {"Hillary Marsh", "Bill Marsh"}, {3, 2}},
    /* An acronym a quote names is an actor, even once ("NATO"); not one outside
     * the quotes ("ACME"), nor a word in capitals for emphasis ("CONSTANTLY") */
    {"\"NATO must act now, and we will CONSTANTLY push,\" said Rui Costa.\n\nThe ACME plant closed.\n", 2,
     {"NATO", "ACME"}, {1, -1}},
    /* A name the article puts after "in", "across" or "throughout" more often
     * than not is a place, no actor ("Velmora", named three times of four so) */
    {"Rui Costa spoke in Velmora on Monday. Velmora votes in May.\n\n"
     "Costa toured farms across Velmora and stayed in Velmora.\n",
     1, {"Rui Costa", "Velmora"}, {2, -1}},
    /* A US state's name after "in" once in five is a place too ("Iowa"); one
     * the article treats as a party, never after "in", stays an actor ("Texas") */
    {"Iowa voters met. Iowa polls closed early, and Iowa officials counted. Marco Diaz won in Iowa. "
     "Iowa cheered.\n\nTexas sued the agency. Texas argued the rule was void, and Texas won.\n",
     2, {"Iowa", "Texas", "Marco Diaz"}, {-1, 3, 1}},
    /* A people's adjective or a faith's plural is a group, no actor ("Muslims",
     * "African-American"); a country's plural is not in that class ("Saudis") */
    {"Muslims gathered. Muslims prayed, and Muslims left. African-American voters met, "
     "African-American pastors spoke, and African-American leaders agreed.\n\n"
     "The Saudis objected. The Saudis said no, and the Saudis left.\n",
     1, {"Muslims", "African-American", "Saudis"}, {-1, -1, 3}},
    /* ... and so is a people's adjective before such an adjective's plural
     * ("African Americans") */
    {"African Americans voted. Critics of African Americans left, and African Americans stayed.\n",
     0, {"African Americans"}, {-1}},
    /* A name that ends in a thing's word is no actor ("Harbor Amendment"), nor
     * one that ends in a party's adjective ("Dover Republican" of "the Dover
     * Republican caucus"); a person's name may end so ("Marco Day") */
    {"The Harbor Amendment passed. Foes of the Harbor Amendment left. The Dover Republican caucus met, "
     "and the Dover Republican caucus voted. Marco Day spoke.\n",
     1, {"Harbor Amendment", "Dover Republican", "Marco Day"}, {-1, -1, 1}},
    /* ... and so is a feast or a date ("Christmas Eve", "New Year" of "New Year's
     * Eve", "Merry Christmas"; link22): lexicon.def's NOT_ACTOR_LAST */
    {"\"Merry Christmas,\" said Rui Costa. \"I guess Christmas Eve was booked,\" he said. Costa left on "
     "Christmas Eve, and the New Year's party began. Costa spoke on New Year's Day and at the New Year's gala.\n",
     1, {"Rui Costa", "Christmas Eve", "New Year"}, {3, -1, -1}},
    /* A one-word name after a person's title or role ("Sen. Harlan") is a
     * person, an actor when named once; a one-word name named once is not */
    {"On Monday, Sen. Harlan met Ostrava officials.\n", 1, {"Harlan", "Ostrava"}, {1, -1}},
    /* ... but not an organisation's or place's word after a title-like word
     * ("the General Assembly", "the Queen City": link29) */
    {"On Monday, Sen. Harlan met Ostrava officials at the General Assembly and toured the Queen City.\n", 1,
     {"Harlan", "Assembly", "City"}, {1, -1, -1}},
    /* A name that modifies "campaign" ("the Diaz campaign", "the Diaz
     * campaign's ads") names the campaign, an actor of its own, and is no
     * mention of the person; a possessive ("Diaz's campaign") stays the person's */
    {"Marco Diaz spoke in Dover. The Diaz campaign ran ads, and critics mocked the Diaz campaign's ads. "
     "Diaz's campaign said little.\n",
     2, {"Marco Diaz", "Diaz campaign"}, {2, 2}},
    /* ... and so do "administration", "organization" and "camp" (four entities) */
    {"Marco Diaz spoke in Dover. The Diaz administration met, the Diaz organization paid, and the Diaz camp left.\n",
     4, {"Marco Diaz", "Diaz administration", "Diaz organization"}, {1, 1, 1}},
    /* A Twitter handle that holds a discovered person's full name
     * ("@realAnnMarsh") or a title and the surname ("@SenLind") is a mention
     * of that person; an e-mail address ("bo@AnnMarsh.org") is not */
    {"Ann Marsh spoke in Dover. \"Thanks @realAnnMarsh,\" said Bo Lind. \"Hi @SenLind.\"\n\n"
     "Write to bo@AnnMarsh.org.\n",
     2, {"Ann Marsh", "Bo Lind"}, {2, 2}},
    /* "Pres." is a title as "Sen." is: "Syrian Pres" is no name of its own */
    {"Vera Lind spoke about Syrian Pres. Ali Noor on Monday. Lind met Syrian Pres. Ali Noor twice.\n",
     2, {"Vera Lind", "Ali Noor", "Syrian Pres"}, {2, 2, -1}},
    /* The people of one surname: a title of the other gender than the person
     * named in full ("Mr. Vance" beside "Nora Vance") is a person of its own,
     * named by the surname; a title that tells no gender ("President Vance")
     * goes with the run after it */
    {"President Vance spoke in Dover on Monday. \"We will win,\" Mr. Vance said. Later the president met voters, "
     "and the first lady, Nora Vance, waved. Mr. Vance left.\n",
     2, {"Vance", "Nora Vance"}, {3, 1}},
    /* ... a title of one gender goes to the one person of the group of that
     * gender, not to the one named last ("Mrs. Marsh" after "Bill Marsh") */
    {"Hillary Marsh met Bill Marsh in Dover. Mrs. Marsh spoke first, and Mrs. Marsh left early.\n", 2,
     {"Hillary Marsh", "Bill Marsh"}, {3, 1}},
    /* ... and to nobody when two of that gender fit ("Mrs. Marsh" after "Bill
     * Marsh", beside Hillary and Chelsea Marsh) */
    {"Hillary Marsh met Chelsea Marsh and Bill Marsh in Dover. Mrs. Marsh spoke.\n", 3,
     {"Hillary Marsh", "Chelsea Marsh", "Bill Marsh"}, {1, 1, 1}},
    /* A quote's attributing surname goes to the speaker the attribution named
     * only when that person was named before it ("Marsh said" after "Jeb Marsh",
     * though the longest form is "George W. Marsh", named later) */
    {"Jeb Marsh spoke in Dover. \"Really?\" Marsh said. Years ago George W. Marsh had won there.\n", 2,
     {"Jeb Marsh", "George W. Marsh"}, {2, 1}},
    /* ... and of its title's gender ("Mr. Vance said" after "Nora Vance") */
    {"Nora Vance waved in Dover. \"We will win,\" Mr. Vance said.\n", 2, {"Nora Vance", "Vance"}, {1, 1}},
    /* A one-word name named three times is no actor when the article writes
     * it in lowercase after a space ("Tides" beside "the tides") ... */
    {"Tides rose in Dover. Critics of Tides left, and Tides stayed. The tides were high.\n", 0, {"Tides"}, {-1}},
    /* ... not inside a web address ("ouest-velmora.fr") */
    {"Velmora rose in Dover. Critics of Velmora left, and Velmora stayed. See ouest-velmora.fr today.\n", 1,
     {"Velmora"}, {3}},
    /* A person's name the article writes alone, run together with more
     * capitals ("Marco Diaz Dover Velmora"), is no name of its own (its
     * "Diaz" is Marco Diaz's surname mention, actors_parts.c) ... */
    {"Marco Diaz spoke in Dover. Fans of Marco Diaz Dover Velmora cheered.\n", 1,
     {"Marco Diaz", "Marco Diaz Dover Velmora"}, {2, -1}},
    /* ... but an organisation named after the person is ("Marco Diaz Foundation") */
    {"Marco Diaz spoke in Dover. Fans of the Marco Diaz Foundation cheered.\n", 2,
     {"Marco Diaz", "Marco Diaz Foundation"}, {1, 1}},
    /* A name and an ordinary lowercase word after a hyphen is a modifier, no
     * name ("Diaz-type", three times, beside "the type") ... */
    {"\"We want a Diaz-type budget,\" said Rui Costa. Critics of the Diaz-type plan left, and a Diaz-type tax "
     "came. The type is old.\n",
     1, {"Diaz-type", "Rui Costa"}, {-1, 1}},
    /* ... but not a name's syllable ("Kim Jae-hyun") */
    {"Rui Costa met Kim Jae-hyun in Dover. Later Kim Jae-hyun waved.\n", 1, {"Kim Jae-hyun"}, {2}},
    /* A speaker named by an ordinary word is no actor for speaking ("Aides
     * said" beside "the aides") */
    {"\"We will win,\" Aides said on Monday. The aides left.\n", 0, {"Aides"}, {-1}},
    /* A dotted abbreviation no capitalised word follows is one word of a
     * name ("D.C.": names.c read it as "D" and "C", no actor) ... */
    {"Officials said D.C. needs a vote. Critics of D.C. left, and D.C. stayed.\n", 1, {"D.C."}, {3}},
    /* ... named by the words the article spells it out with, joined by "of"
     * ("the District of Columbia") ... */
    {"Officials praised the District of Columbia. Critics of D.C. left, D.C. stayed, and D.C. voted.\n", 1,
     {"District of Columbia", "D.C."}, {4, -1}},
    /* ... but not by two names joined otherwise ("Sanders and Clinton") */
    {"Sanders and Clinton met. Critics of S.C. left, S.C. stayed, and S.C. voted.\n", 1,
     {"S.C.", "Sanders and Clinton"}, {3, -1}},
    /* A dotted abbreviation after a capitalised word ("The U.S.") is one
     * word too; before "campaign" it names no candidate's body */
    {"The U.S. campaign against the rebels grew. Critics of the U.S. campaign left. The U.S. campaign stayed.\n", 1,
     {"U.S.", "U.S. campaign"}, {3, -1}},
    /* ... one hyphen joins two ("A.F.L.-C.I.O."), and none starts after a dot ("I.O.") */
    {"The A.F.L.-C.I.O. endorsed her. Critics of the A.F.L.-C.I.O. left, and the A.F.L.-C.I.O. stayed.\n", 1,
     {"A.F.L.-C.I.O.", "I.O."}, {3, -1}},
    /* A one-word person takes the full name its speakers give ("Jan Brewer":
     * names.c leaves the month-like first name out of the run) */
    {"Former Arizona governor Jan Brewer endorsed Trump on Monday.\n\n\"He is the one,\" Brewer said. "
     "\"He will win,\" Brewer added.\n",
     1, {"Jan Brewer", "Brewer"}, {3, -1}},
};

static void test_actors_discover_rules(void **state)
{
    size_t len;
    unsigned char *data = testutil_model_bytes(&len);
    stance_model *m = NULL;
    (void)state;
    assert_int_equal(stance_model_open_buffer(data, len, &m, NULL), STANCE_OK);
    stance_free(data);
    for (size_t c = 0; c < sizeof disc_cases / sizeof *disc_cases; c++) {
        const disc_case *dc = &disc_cases[c];
        stance_input in = STANCE_INPUT_INIT;
        stance_result *res = NULL;
        in.text = dc->text;
        in.text_len = strlen(dc->text);
        assert_int_equal(stance_classify(m, &in, NULL, &res, NULL), STANCE_OK);
        if (stance_result_entity_count(res) != dc->n)
            fail_msg("case %zu: %zu entities, expected %zu", c, stance_result_entity_count(res), dc->n);
        for (size_t k = 0; k < 3 && dc->name[k]; k++) {
            int got = -1;
            for (size_t i = 0; i < stance_result_entity_count(res); i++)
                if (strcmp(stance_result_entity(res, i)->name, dc->name[k]) == 0)
                    got = (int)stance_result_entity(res, i)->n_mentions;
            if (got != dc->mentions[k])
                fail_msg("case %zu: %s has %d mentions, expected %d", c, dc->name[k], got, dc->mentions[k]);
        }
        stance_result_free(res);
    }
    stance_model_free(m);
}

static void test_actors_quote_targets(void **state)
{
    stance_model *m = NULL;
    static const char *const al[] = {"Mayor Chen"};
    stance_actor actors[] = {{"Lucy Chen", al, 1}, {"Omar Said", NULL, 0}};
    const char text[] = "\"Chen\xe2\x80\x99s plan will fail,\" Omar Said said on Monday after meeting Mayor Chen.\n";
    stance_result *res = classify_with(text, actors, 2, &m);
    const stance_quote *q;
    (void)state;
    assert_int_equal(stance_result_count(res), 1);
    q = stance_result_quote(res, 0);
    assert_string_equal(q->speaker, "Omar Said");
    assert_int_equal(stance_quote_target_count(q), 1);
    assert_string_equal(stance_quote_target(q, 0)->actor, "Lucy Chen");
    assert_int_equal(stance_quote_target(q, 0)->where, STANCE_WHERE_QUOTE);
    assert_int_equal(stance_quote_target(q, 0)->n_mentions, 2); /* in the quote and in its attribution sentence */
    stance_result_free(res);
    stance_model_free(m);
}

/* A fragment that goes on with the previous fragment's sentence has the
 * object of the verb that introduced the first: Park, "described" (targets.c
 * object_reach()). */
static void test_actors_fragment_chain_object(void **state)
{
    stance_model *m = NULL;
    stance_actor actors[] = {{"Tom Park", NULL, 0}, {"Vera Lind", NULL, 0}};
    const char text[] = "Vera Lind spoke on Monday.\n\nLind, who once described Park as \"a reckless spender\" and "
                        "\"a danger to the harbor\" whose budget \"will ruin the city for a decade,\" left early.\n";
    stance_result *res = classify_with(text, actors, 2, &m);
    (void)state;
    assert_int_equal(stance_result_count(res), 3);
    for (size_t i = 0; i < 3; i++) {
        const stance_quote *q = stance_result_quote(res, i);
        assert_string_equal(q->speaker, "Vera Lind");
        if (stance_quote_target_count(q) != 1)
            fail_msg("fragment %zu: %zu targets", i, stance_quote_target_count(q));
        assert_string_equal(stance_quote_target(q, 0)->actor, "Tom Park");
        assert_int_equal(stance_quote_target(q, 0)->where, STANCE_WHERE_ATTRIBUTION);
    }
    stance_result_free(res);
    stance_model_free(m);
}

/* Quote @p i of @p res is by @p speaker and has the one target @p actor. */
static void one_target(const stance_result *res, size_t i, const char *speaker, const char *actor)
{
    const stance_quote *q = stance_result_quote(res, i);
    assert_string_equal(q->speaker, speaker);
    if (stance_quote_target_count(q) != 1)
        fail_msg("quote %zu: %zu targets, not 1", i, stance_quote_target_count(q));
    assert_string_equal(stance_quote_target(q, 0)->actor, actor);
}

/* The sentence before the quote's has its speaker criticise an actor ("took
 * a swipe at Park", "was openly critical of Diaz"): the quote goes on with it,
 * that actor is its target; "met Diaz" is no criticism or praise (targets.c
 * before_object()). An actor the attribution leaves unnamed on purpose ("did
 * not mention Park by name") is the quote's object too (targets.c unnamed()). */
static void test_actors_object_of_sentence_before(void **state)
{
    stance_model *m = NULL;
    stance_actor actors[] = {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}};
    const char text[] = "Tom Park and Elena Diaz debated on Monday.\n\n"
                        "Vera Lind took a swipe at Park over the harbor budget. \"The city cannot afford another "
                        "decade of waste,\" Lind said.\n\n"
                        "Lind then met Diaz. \"We talked about schools and buses,\" Lind said.\n\n"
                        "On Tuesday Lind was openly critical of Diaz and the port plan. \"It would cost the city "
                        "a fortune,\" she said.\n\n"
                        "Diaz did not mention Park by name, but told the crowd that the city \"deserves a mayor "
                        "who reads the budget.\"\n";
    stance_result *res = classify_with(text, actors, 2, &m);
    (void)state;
    assert_int_equal(stance_result_count(res), 4);
    one_target(res, 0, "Vera Lind", "Tom Park");
    assert_int_equal(stance_quote_target(stance_result_quote(res, 0), 0)->where, STANCE_WHERE_ATTRIBUTION);
    assert_int_equal(stance_quote_target_count(stance_result_quote(res, 1)), 0);
    one_target(res, 2, "Vera Lind", "Elena Diaz"); /* "critical of", four words back; "she" by the surname */
    one_target(res, 3, "Elena Diaz", "Tom Park");
    stance_result_free(res);
    stance_model_free(m);
}

/* Texts whose quotes must each have one target (its actor's name) or none
 * (NULL); the speaker is Vera Lind throughout. */
typedef struct target_case {
    const char *text;
    const char *actor[2]; /* the actors passed: Tom Park and one other */
    size_t n_quotes;
    const char *target[4];
} target_case;

static const target_case target_cases[] = {
    /* A surname that names the actor's staff inside a quote ("Park aide Lena
     * Ortiz told me") is no mention of the actor; followers are ("Park
     * supporters"). A name after "anti-"/"pro-" in the attribution is an
     * adjective, no object (targets.c staff_noun_after(), prefixed()). */
    {"Tom Park and Elena Diaz debated on Monday.\n\n"
     "\"Park aide Lena Ortiz told me the harbor budget was late again,\" Vera Lind said.\n\n"
     "\"Park supporters will vote in May,\" Vera Lind said.\n\n"
     "The county vote seems more anti-Park than pro-Diaz, which is a problem because, \"In the "
     "end we need the city to turn out,\" Lind said.\n",
     {"Tom Park", "Elena Diaz"}, 3, {NULL, "Tom Park", NULL}},
    /* Other shapes of a name for the actor's staff or followers in a quote:
     * "Team Park", "the Park field campaign", a slogan in a quote of its own
     * before a group noun (targets.c names_staff()); the name alone stays. */
    {"Tom Park and Elena Diaz debated on Monday.\n\n"
     "\"We need everyone on Team Park to step up and give to the harbor fund,\" Vera Lind said.\n\n"
     "\"The whole plan of the Park field campaign is to win the harbor vote,\" Vera Lind said.\n\n"
     "\"I tell the 'Park or Bust' people to love the harbor,\" Vera Lind said.\n\n"
     "\"Park is a liar and the harbor is a wreck,\" Vera Lind said.\n",
     {"Tom Park", "Elena Diaz"}, 4, {NULL, NULL, NULL, "Tom Park"}},
    /* A sentence opening with a question put to the speaker ("Asked if ...,",
     * "When asked about ...,") names what the answer is about (targets.c
     * asked_about()); a comma ends that clause. */
    {"Tom Park and Elena Diaz debated on Monday.\n\n"
     "Asked if the harbor plan of Park would work, Vera Lind said, \"It is a waste of money.\"\n\n"
     "When asked about the harbor plan of Diaz, Vera Lind said, \"It is a waste of money.\"\n\n"
     "Asked about the harbor, as Diaz was, Vera Lind said, \"It is a waste of money.\"\n",
     {"Tom Park", "Elena Diaz"}, 3, {"Tom Park", "Elena Diaz", NULL}},
    /* An organisation's lowercase common noun means it only after a definite
     * determiner or a possessive: "The campaign has never been stronger" is the
     * Park campaign, "run a campaign in every county" is not (actors.c
     * definite_before()). */
    {"The Park campaign opened an office in Dover on Monday.\n\n"
     "\"We will run a campaign in every county of the state,\" said Vera Lind.\n\n"
     "\"The campaign has never been stronger,\" Vera Lind said.\n",
     {"Tom Park", "Park campaign"}, 2, {NULL, "Park campaign"}},
    /* The subject of the clause a fragment continues, up to LEAD_TOKENS (16)
     * tokens before it: a relative clause between them (13 here) */
    {"Tom Park and Elena Diaz debated on Monday.\n\n"
     "Vera Lind said that Park, who ran the harbor board for nine long years before the vote, \"wasted the "
     "money of the city.\"\n",
     {"Tom Park", "Elena Diaz"}, 1, {"Tom Park"}},
    /* A phrase that continues a fragment and names the actor, up to
     * TAIL_TOKENS (5) words after it ("the old docks owned by Park") */
    {"Tom Park and Elena Diaz debated on Monday.\n\n"
     "Vera Lind said she would \"tear down and sell off\" the old docks owned by Park within a year.\n",
     {"Tom Park", "Elena Diaz"}, 1, {"Tom Park"}},
};

static void test_actors_target_cases(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof target_cases / sizeof *target_cases; c++) {
        const target_case *tc = &target_cases[c];
        stance_model *m = NULL;
        stance_actor actors[] = {{tc->actor[0], NULL, 0}, {tc->actor[1], NULL, 0}};
        stance_result *res = classify_with(tc->text, actors, 2, &m);
        if (stance_result_count(res) != tc->n_quotes)
            fail_msg("case %zu: %zu quotes, expected %zu", c, stance_result_count(res), tc->n_quotes);
        for (size_t i = 0; i < tc->n_quotes; i++)
            if (tc->target[i])
                one_target(res, i, "Vera Lind", tc->target[i]);
            else if (stance_quote_target_count(stance_result_quote(res, i)))
                fail_msg("case %zu, quote %zu: a target, expected none", c, i);
        stance_result_free(res);
        stance_model_free(m);
    }
}

/* The owner of a group that faces the speaker's side ("Park's first five
 * questioners") is no principal but what the quote is about: its target; the
 * owner of his own staff ("Park's spokeswoman") is the speaker's side, no
 * target (targets.c stance_targets_faces_owner()). */
static void test_actors_facing_group_owner(void **state)
{
    static const char text[] = "Mayor Tom Park spoke in Dover on Monday.\n\nAt his news conference, Park\xe2\x80\x99s first "
                               "five questioners ranged from skeptical to hostile: \"Is it time for your harbor plan to "
                               "change?\"\n\nPark\xe2\x80\x99s spokeswoman answered: \"The harbor plan is working.\"\n";
    stance_actor park = {"Tom Park", NULL, 0};
    stance_model *m = NULL;
    stance_result *res = classify_with(text, &park, 1, &m);
    (void)state;
    assert_int_equal(stance_result_count(res), 2);
    one_target(res, 0, "Park\xe2\x80\x99s first five questioners", "Tom Park");
    assert_int_equal(stance_quote_target_count(stance_result_quote(res, 1)), 0);
    stance_result_free(res);
    stance_model_free(m);
}

/* A discovered name of unknown gender (a place here) is no antecedent of
 * "he"/"she": the quote's "He" names nobody, so the quote has no target;
 * mentions.c stance_person_like(). */
static void test_actors_discovered_place_no_pronoun(void **state)
{
    stance_model *m = NULL;
    const char text[] = "Vera Lind toured South Carolina on Monday. South Carolina votes next week.\n\n"
                        "\"He has no plan for the farms,\" said Vera Lind.\n";
    stance_result *res = classify_with(text, NULL, 0, &m);
    int place = -1;
    (void)state;
    for (size_t i = 0; i < stance_result_entity_count(res); i++)
        if (strcmp(stance_result_entity(res, i)->name, "South Carolina") == 0)
            place = (int)i;
    assert_true(place >= 0); /* discovered */
    assert_int_equal(stance_result_count(res), 1);
    assert_string_equal(stance_result_quote(res, 0)->speaker, "Vera Lind");
    assert_int_equal(stance_quote_target_count(stance_result_quote(res, 0)), 0);
    stance_result_free(res);
    stance_model_free(m);
}

/* Discovery: two people of one surname, the surname alone goes to the one
 * named last ("Carl Moss") unless it attributes a quote whose speaker the
 * attribution named as the other ("Moss said ... she continued": Ann Moss);
 * then the "He" of her next quote is Victor Lund, not her husband. */
static void test_actors_discover_shared_surname_speaker(void **state)
{
    stance_model *m = NULL;
    const char text[] = "Ann Moss spoke on Monday about Victor Lund.\n\n"
                        "Ann Moss and her husband, former Governor Carl Moss, attended Lund's wedding in 2005.\n\n"
                        "\"Some of the things he has said are cruel and mean,\" Moss said. \"He was fun, once,\" "
                        "she continued.\n";
    stance_result *res = classify_with(text, NULL, 0, &m);
    const stance_quote *q;
    (void)state;
    for (size_t i = 0; i < stance_result_entity_count(res); i++) {
        const stance_entity *e = stance_result_entity(res, i);
        if (strcmp(e->name, "Ann Moss") == 0)
            assert_int_equal(e->n_mentions, 3);
        if (strcmp(e->name, "Carl Moss") == 0)
            assert_int_equal(e->n_mentions, 1);
    }
    assert_int_equal(stance_result_count(res), 2);
    q = stance_result_quote(res, 1);
    assert_string_equal(q->speaker, "Ann Moss");
    assert_int_equal(stance_quote_target_count(q), 1);
    assert_string_equal(stance_quote_target(q, 0)->actor, "Victor Lund");
    stance_result_free(res);
    stance_model_free(m);
}

/* stance_word_in_text() against the search it replaced (memmem, then the word
 * boundaries at each match), on random texts over a small alphabet (so words
 * recur, at every offset against the 16-byte steps, next to letters, digits,
 * spaces and UTF-8 bytes); fails with the first/last-byte filter or the tail
 * loop off by one. */
static int word_in_text_ref(const char *t, size_t len, const char *w, size_t n)
{
#define WB(c) ((unsigned char)(((unsigned char)(c) | 0x20) - 'a') < 26u || (unsigned char)((c) - '0') < 10u || ((c) & 0x80))
    for (const char *p = t, *end = t + len; (p = memmem(p, (size_t)(end - p), w, n)) != NULL; p++) {
        size_t s = (size_t)(p - t), e = s + n;
        if ((s == 0 || !WB(t[s - 1])) && (e == len || !WB(t[e])))
            return 1;
    }
    return 0;
#undef WB
}

static void test_actors_word_in_text(void **state)
{
    static const char alpha[] = {'a', 'b', 'a', 'b', ' ', ' ', '1', '-', (char)0xC3, (char)0xA9};
    static const char *const words[] = {"a", "ab", "ba", "aba", "abab", "ab ab", "b1", "a-b", "babababababababababa"};
    char t[80];
    unsigned seed = 12345, hits = 0;
    (void)state;
    for (int round = 0; round < 4000; round++) {
        size_t len = (size_t)(round % 80);
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            t[i] = alpha[(seed >> 16) % sizeof alpha];
        }
        for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
            size_t n = strlen(words[k]);
            int want = word_in_text_ref(t, len, words[k], n);
            assert_int_equal(stance_word_in_text(t, len, words[k], n), want);
            hits += (unsigned)want;
        }
    }
    assert_true(hits > 1000); /* both answers are exercised */
    assert_int_equal(stance_word_in_text("x", 1, "", 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_actors_names_aliases_surnames),
        cmocka_unit_test(test_actors_names_trimmed),
        cmocka_unit_test(test_actors_common_noun_owned),
        cmocka_unit_test(test_actors_common_noun_owned_caseless),
        cmocka_unit_test(test_actors_case),
        cmocka_unit_test(test_actors_shared_surname),
        cmocka_unit_test(test_actors_shared_surname_alias_after),
        cmocka_unit_test(test_actors_shared_surname_recent),
        cmocka_unit_test(test_actors_punctuation_in_names),
        cmocka_unit_test(test_actors_discover),
        cmocka_unit_test(test_actors_discover_rules),
        cmocka_unit_test(test_actors_fragment_chain_object),
        cmocka_unit_test(test_actors_object_of_sentence_before),
        cmocka_unit_test(test_actors_quote_targets),
        cmocka_unit_test(test_actors_target_cases),
        cmocka_unit_test(test_actors_facing_group_owner),
        cmocka_unit_test(test_actors_discovered_place_no_pronoun),
        cmocka_unit_test(test_actors_discover_shared_surname_speaker),
        cmocka_unit_test(test_actors_word_in_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
