/* test_actors_discover.c - discovery (lib/actors_discover.c): the actors of a
 * text when the caller passes none, through stance_classify(), beyond the
 * entity counts of tests/test_actors.c's disc_cases; and the short forms of
 * passed actors (a first name alone, an organisation's leading words) that
 * share discovery's first-name path. Texts written for these tests. */
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
#include "tokens.h"

/* Texts of tests/test_actors.c's disc_cases (the people of one surname split by
 * their titles' gender; a one-word name said three times) asked more of here. */
static const char VANCE[] =
    "President Vance spoke in Dover on Monday. \"We will win,\" Mr. Vance said. Later the president met voters, "
    "and the first lady, Nora Vance, waved. Mr. Vance left.\n";
static const char VELMORA[] =
    "Velmora rose in Dover. Critics of Velmora left, and Velmora stayed. See ouest-velmora.fr today.\n";

static stance_model *open_model(void)
{
    size_t len;
    unsigned char *data = testutil_model_bytes(&len);
    stance_model *m = NULL;
    assert_int_equal(stance_model_open_buffer(data, len, &m, NULL), STANCE_OK);
    stance_free(data);
    return m;
}

static stance_result *discover(const stance_model *m, const char *text)
{
    stance_input in = STANCE_INPUT_INIT;
    stance_result *res = NULL;
    in.text = text;
    in.text_len = strlen(text);
    assert_int_equal(stance_classify(m, &in, NULL, &res, NULL), STANCE_OK);
    return res;
}

static const stance_entity *entity_named(const stance_result *res, const char *name)
{
    for (size_t i = 0; i < stance_result_entity_count(res); i++)
        if (strcmp(stance_result_entity(res, i)->name, name) == 0)
            return stance_result_entity(res, i);
    return NULL;
}

/* The title the article ties to a run ("the president" after "President
 * Vance") is a mention of the run's person, not of the one named in full. */
static void test_discover_title_mention(void **state)
{
    stance_model *m = open_model();
    stance_result *res = discover(m, VANCE);
    const stance_entity *v = entity_named(res, "Vance"), *n = entity_named(res, "Nora Vance");
    int titles = 0;
    (void)state;
    assert_non_null(v);
    assert_non_null(n);
    for (size_t i = 0; i < stance_entity_mention_count(v); i++) {
        stance_span sp;
        stance_mention_kind kind;
        assert_int_equal(stance_entity_mention(v, i, &sp, &kind, NULL), STANCE_OK);
        titles += kind == STANCE_MENTION_TITLE && sp.end - sp.start == 13 &&
                  memcmp(VANCE + sp.start, "the president", 13) == 0;
    }
    assert_int_equal(titles, 1);
    for (size_t i = 0; i < stance_entity_mention_count(n); i++) {
        stance_mention_kind kind;
        assert_int_equal(stance_entity_mention(n, i, NULL, &kind, NULL), STANCE_OK);
        assert_int_not_equal(kind, STANCE_MENTION_TITLE);
    }
    stance_result_free(res);
    stance_model_free(m);
}

/* Kinds of the name mentions: an entity named by one word ("Velmora") is
 * mentioned by its name, as it would be if the caller passed it; a one-word
 * mention of a longer name ("Diaz" of "Marco Diaz") is its surname. */
static int kinds_of(const stance_entity *e, stance_mention_kind want)
{
    int n = 0;
    for (size_t i = 0; i < stance_entity_mention_count(e); i++) {
        stance_mention_kind kind;
        assert_int_equal(stance_entity_mention(e, i, NULL, &kind, NULL), STANCE_OK);
        n += kind == want;
    }
    return n;
}

static void test_discover_one_word_name_kind(void **state)
{
    stance_model *m = open_model();
    stance_result *res = discover(m, VELMORA);
    const stance_entity *v = entity_named(res, "Velmora");
    (void)state;
    assert_non_null(v);
    assert_int_equal(kinds_of(v, STANCE_MENTION_NAME), 3);
    assert_int_equal(kinds_of(v, STANCE_MENTION_SURNAME), 0);
    stance_result_free(res);
    res = discover(m, "Marco Diaz spoke in Dover. \"We will win,\" Diaz said.\n");
    v = entity_named(res, "Marco Diaz");
    assert_non_null(v);
    assert_int_equal(kinds_of(v, STANCE_MENTION_NAME), 1);
    assert_int_equal(kinds_of(v, STANCE_MENTION_SURNAME), 1);
    stance_result_free(res);
    stance_model_free(m);
}

/* tidy3: a discovered person is named without a word glued before the first
 * name ("Groundskeeper Kevin Drummond" with "the groundskeeper" nearby), as a
 * speaker is (stance_names_unglued()). */
static void test_discover_unglued_name(void **state)
{
    stance_model *m = open_model();
    stance_result *res = discover(m, "Groundskeeper Kevin Drummond closed the field on Monday. \"We had no choice,\" "
                                     "Drummond said. The groundskeeper left early.\n");
    (void)state;
    assert_non_null(entity_named(res, "Kevin Drummond"));
    assert_null(entity_named(res, "Groundskeeper Kevin Drummond"));
    stance_result_free(res);
    stance_model_free(m);
}

/* tidy3: civic titles of the lexicon are no part of a discovered name. */
static void test_discover_civic_titles(void **state)
{
    static const char *const titles[] = {"Councillor", "Councilor", "Councilmember", "Superintendent", "Alderwoman",
                                         "Assemblymember", "Selectman", "Selectwoman", "Comptroller", "Treasurer",
                                         "Sergeant", "Lieutenant"};
    stance_model *m = open_model();
    (void)state;
    for (size_t k = 0; k < sizeof titles / sizeof titles[0]; k++) {
        char text[256];
        stance_result *res;
        snprintf(text, sizeof text, "%s Maeve Tolland closed the pool on Monday. \"We had no choice,\" Tolland said.\n",
                 titles[k]);
        res = discover(m, text);
        if (!entity_named(res, "Maeve Tolland"))
            fail_msg("%s: no \"Maeve Tolland\"", titles[k]);
        stance_result_free(res);
    }
    stance_model_free(m);
}

/* stance_word_in_span() against a plain search: a word of @p n bytes, first
 * then w[1, n), starting and ending inside [lo, hi), no word byte of t on
 * either side. Random texts of a few letters, spaces and a non-ASCII byte. */
static int plain_in_span(const char *t, size_t len, size_t lo, size_t hi, char first, const char *w, size_t n)
{
    for (size_t p = lo; n && p + n <= hi; p++)
        if (t[p] == first && memcmp(t + p + 1, w + 1, n - 1) == 0 &&
            (p == 0 || !stance_is_word_byte((unsigned char)t[p - 1])) &&
            (p + n == len || !stance_is_word_byte((unsigned char)t[p + n])))
            return 1;
    return 0;
}

static void test_word_in_span_random(void **state)
{
    static const char alpha[] = "abAB  .\xc3";
    char t[80], w[6];
    unsigned seed = 7;
    (void)state;
    for (int round = 0; round < 4000; round++) {
        size_t len = 1 + (seed = seed * 1103515245u + 12345u) % sizeof t, n, lo, hi;
        for (size_t i = 0; i < len; i++)
            t[i] = alpha[(seed = seed * 1103515245u + 12345u) >> 16 & 7];
        n = 1 + (seed = seed * 1103515245u + 12345u) % 4;
        for (size_t i = 0; i < n; i++)
            w[i] = alpha[(seed = seed * 1103515245u + 12345u) >> 16 & 3];
        lo = (seed = seed * 1103515245u + 12345u) % (len + 1);
        hi = lo + (seed = seed * 1103515245u + 12345u) % (len - lo + 1);
        for (int f = 0; f < 2; f++) {
            char first = f ? (char)(w[0] ^ 0x20) : w[0]; /* the first byte given apart: the other case */
            if (stance_word_in_span(t, len, lo, hi, first, w, n) != plain_in_span(t, len, lo, hi, first, w, n))
                fail_msg("round %d: len %zu [%zu, %zu) n %zu", round, len, lo, hi, n);
        }
    }
    assert_int_equal(stance_word_in_span("ab", 2, 0, 2, 'a', "ab", 0), 0);
    assert_int_equal(stance_word_in_span("ab cd", 5, 2, 1, 'c', "cd", 2), 0);
    assert_int_equal(stance_word_in_span("ab cd", 5, 3, 5, 'c', "cd", 2), 1);
    assert_int_equal(stance_word_in_span("abcd", 4, 2, 4, 'c', "cd", 2), 0); /* "b" before it in the text */
}

/* ---- passed actors' short forms (actors_discover.c short_forms()) ---- */

static stance_result *with_actors(const stance_model *m, const char *text, const char *const *names, size_t n)
{
    stance_actor actors[4];
    stance_input in = STANCE_INPUT_INIT;
    stance_result *res = NULL;
    assert_true(n <= 4);
    for (size_t i = 0; i < n; i++)
        actors[i] = (stance_actor){names[i], NULL, 0};
    in.text = text;
    in.text_len = strlen(text);
    in.actors = actors;
    in.n_actors = n;
    assert_int_equal(stance_classify(m, &in, NULL, &res, NULL), STANCE_OK);
    return res;
}

/* The words of @p text that are mentions of actor @p name by rule @p rule, joined by '|'. */
static void rule_words(const stance_result *res, const char *text, const char *name, const char *rule, char *out,
                       size_t cap)
{
    const stance_entity *e = entity_named(res, name);
    size_t o = 0;
    assert_non_null(e);
    out[0] = 0;
    for (size_t i = 0; i < stance_entity_mention_count(e); i++) {
        stance_span sp;
        const char *r;
        assert_int_equal(stance_entity_mention(e, i, &sp, NULL, &r), STANCE_OK);
        if (strcmp(r, rule) != 0)
            continue;
        assert_true(o + (sp.end - sp.start) + 2 < cap);
        if (o)
            out[o++] = '|';
        memcpy(out + o, text + sp.start, sp.end - sp.start);
        o += sp.end - sp.start;
        out[o] = 0;
    }
}

/* Is @p name a target of quote @p qi? */
static int is_target(const stance_result *res, size_t qi, const char *name)
{
    const stance_quote *q = stance_result_quote(res, qi);
    for (size_t t = 0; t < stance_quote_target_count(q); t++)
        if (strcmp(stance_quote_target(q, t)->actor, name) == 0)
            return 1;
    return 0;
}

typedef struct short_case {
    const char *text;
    const char *actors[3];
    size_t n;
    const char *actor, *rule, *want; /* the mentions of actor by rule, '|'-joined ("" for none) */
    int target;                      /* is actor a target of quote 0 */
} short_case;

static const short_case short_cases[] = {
    /* a first name alone, the article naming one Tyler in full */
    {"Tyler Grant scored twice. \"Tyler was magnificent today,\" coach Amy Cole said.\n", {"Tyler Grant"}, 1,
     "Tyler Grant", "first-name", "Tyler", 1},
    /* two Tylers named in full, one passed: "Tyler" is neither */
    {"Tyler Grant and Tyler Moss scored. \"Tyler was magnificent today,\" coach Amy Cole said.\n", {"Tyler Grant"}, 1,
     "Tyler Grant", "first-name", "", 0},
    /* two passed actors of that first name */
    {"Tyler Grant and Tyler Moss scored. \"Tyler was magnificent today,\" coach Amy Cole said.\n",
     {"Tyler Grant", "Tyler Moss"}, 2, "Tyler Grant", "first-name", "", 0},
    /* the full name never written */
    {"The keeper saved twice. \"Tyler was magnificent today,\" coach Amy Cole said.\n", {"Tyler Grant"}, 1,
     "Tyler Grant", "first-name", "", 0},
    /* an organisation's leading word, its name written in full */
    {"Brightline Foods Inc. bought a rival on Monday.\n\n\"Brightline is overpaying for a brand nobody buys,\" said "
     "Dan Fox, an analyst.\n", {"Brightline Foods"}, 1, "Brightline Foods", "short-form", "Brightline", 1},
    /* leading words: "Kessling Arrow" of "Kessling Arrow Capital" */
    {"Kessling Arrow Capital sued the city. \"Kessling Arrow wants the whole pier,\" said Dan Fox, an analyst.\n",
     {"Kessling Arrow Capital"}, 1, "Kessling Arrow Capital", "short-form", "Kessling Arrow", 1},
    /* a person's surname is no short form of a foundation named after him */
    {"Bill Clinton spoke at the Clinton Foundation on Monday. \"Clinton is a generous man,\" said Ann Lee, a donor.\n",
     {"Clinton Foundation"}, 1, "Clinton Foundation", "short-form", "", 0},
    /* a word the lexicon knows */
    {"Bank of America raised its fees. \"Bank fees are a scandal,\" said Ann Lee, a customer.\n", {"Bank of America"}, 1,
     "Bank of America", "short-form", "", 0},
    /* a word the article writes in lowercase */
    {"Summit Partners bought the hotel. \"Summit paid too much for the summit venue,\" said Ann Lee, a broker.\n",
     {"Summit Partners"}, 1, "Summit Partners", "short-form", "", 0},
    /* a description, not a name ("Cleveland police"), and a name the article writes as one ("Dunmore police") */
    {"Cleveland police made arrests. \"Cleveland was calm,\" said Ann Lee, a resident.\n", {"Cleveland police"}, 1,
     "Cleveland police", "short-form", "", 0},
    {"The Dunmore Police Department made arrests. \"Dunmore was calm,\" said Ann Lee, who thanked the Dunmore police.\n",
     {"Dunmore Police Department"}, 1, "Dunmore Police Department", "short-form", "", 0},
    /* link14: an acronym the article defines in brackets, by the initials of the capitalised words or of all */
    {"The Wexmoor Tidal Power Authority (WTPA) raised prices. \"WTPA has cheated this coast,\" said Ann Lee, a "
     "resident.\n", {"Wexmoor Tidal Power Authority"}, 1, "Wexmoor Tidal Power Authority", "alias", "WTPA|WTPA", 1},
    {"Citizens for Quiet Harbors (CFQH) met. \"CFQH speaks for nobody,\" said Ann Lee, a resident.\n",
     {"Citizens for Quiet Harbors"}, 1, "Citizens for Quiet Harbors", "alias", "CFQH|CFQH", 1},
    /* letters that are not its initials */
    {"The Wexmoor Tidal Power Authority (WPA) raised prices. \"WPA has cheated this coast,\" said Ann Lee, a "
     "resident.\n", {"Wexmoor Tidal Power Authority"}, 1, "Wexmoor Tidal Power Authority", "alias", "", 0},
    /* never defined: the initials of three capitalised words, unless two actors share them */
    {"The Wexmoor Tidal Power Authority raised prices. \"WTPA has cheated this coast,\" said Ann Lee, a "
     "resident.\n", {"Wexmoor Tidal Power Authority"}, 1, "Wexmoor Tidal Power Authority", "alias", "WTPA", 1},
    {"The Wexmoor Tidal Power Authority and the Western Trade Promotion Agency met. \"WTPA has cheated this "
     "coast,\" said Ann Lee.\n", {"Wexmoor Tidal Power Authority", "Western Trade Promotion Agency"}, 2,
     "Wexmoor Tidal Power Authority", "alias", "", 0},
    /* another actor's surname */
    {"Grant Holdings hired Tyler Grant. \"Grant is a star,\" said Ann Lee, an agent.\n", {"Grant Holdings", "Tyler Grant"},
     2, "Grant Holdings", "short-form", "", 0},
};

static void test_actors_short_forms(void **state)
{
    stance_model *m = open_model();
    char got[256];
    (void)state;
    for (size_t c = 0; c < sizeof short_cases / sizeof *short_cases; c++) {
        const short_case *k = &short_cases[c];
        stance_result *res = with_actors(m, k->text, k->actors, k->n);
        rule_words(res, k->text, k->actor, k->rule, got, sizeof got);
        if (strcmp(got, k->want) != 0)
            fail_msg("case %zu: %s by %s: '%s', want '%s'", c, k->actor, k->rule, got, k->want);
        assert_true(stance_result_count(res) >= 1);
        if (is_target(res, 0, k->actor) != k->target)
            fail_msg("case %zu: %s target of quote 0: %d, want %d", c, k->actor, !k->target, k->target);
        stance_result_free(res);
    }
    stance_model_free(m);
}

/* Discovery ties a first name alone to its person by the same path, rule "first-name"; link14: it
 * merges an acronym the article defines into the entity of the full name (rule "alias"). */
static void test_discover_rule_words(void **state)
{
    static const struct {
        const char *text, *actor, *rule, *want, *gone;
    } cases[] = {
        {"Karen Hollis runs the firm. \"Karen understands us,\" said Victor Amsel, the founder.\n", "Karen Hollis",
         "first-name", "Karen", "Karen"},
        {"The Wexmoor Tidal Power Authority (WTPA) raised prices again. Wexmoor Tidal Power Authority staff "
         "declined to comment.\n\n\"WTPA has cheated every family on this coast,\" said Ann Lee, a resident.\n",
         "Wexmoor Tidal Power Authority", "alias", "WTPA|WTPA", "WTPA"},
    };
    stance_model *m = open_model();
    char got[64];
    (void)state;
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        stance_result *res = discover(m, cases[c].text);
        rule_words(res, cases[c].text, cases[c].actor, cases[c].rule, got, sizeof got);
        assert_string_equal(got, cases[c].want);
        assert_null(entity_named(res, cases[c].gone));
        assert_true(is_target(res, 0, cases[c].actor));
        stance_result_free(res);
    }
    stance_model_free(m);
}

/* A name written with a no-break space ("Tom\u00a0Vance") is a person's
 * full name (its first name ends at the no-break space: an actor named once),
 * discovered under the name with a plain space; the name is a name mention,
 * "Vance" alone a surname (link22). */
static void test_discover_nbsp_name(void **state)
{
    static const char text[] = "Tom\xc2\xa0Vance spoke in Dover on Monday. Critics of Vance left.\n\n"
                               "\"We will win,\" Vance said.\n";
    stance_model *m = open_model();
    stance_result *res = discover(m, text);
    char got[64];
    (void)state;
    assert_non_null(entity_named(res, "Tom Vance"));
    rule_words(res, text, "Tom Vance", "name", got, sizeof got);
    assert_string_equal(got, "Tom\xc2\xa0Vance");
    rule_words(res, text, "Tom Vance", "surname", got, sizeof got);
    assert_string_equal(got, "Vance|Vance");
    stance_result_free(res);
    res = discover(m, "Critics said on Monday that Tom\xc2\xa0Vance was wrong.\n"); /* named once: a listed first name */
    assert_non_null(entity_named(res, "Tom Vance"));
    stance_result_free(res);
    stance_model_free(m);
}

/* Names discovery mends or drops (lib/actors_discover.c): an actor found under
 * its acronym alone takes the name the article spells it out with once
 * (acronym_long_names()), and none when that name is a thing's ("Act"); two
 * runs split at "&" are one actor (ampersand_names()); a river is a place
 * (place_group(): geo_first()); "Bank of Velmora" is one name. @c want: an actor discovery must give, @c gone
 * one it must not (NULL: no check). */
static void test_discover_mended_names(void **state)
{
    static const struct {
        const char *text, *want, *gone;
    } cases[] = {
        {"KESTON -- The Institute for Rural Transport urged the council on Monday to keep the night "
         "buses. \"Cut them and you cut the town off,\" said Dr. Ann Pell, who led the IRT study.\n"
         "\n"
         "The council rejected the report. \"The IRT has written a pamphlet, not a study,\" council "
         "leader Rob Marsh said. \"The IRT can campaign all it likes.\"\n",
         "Institute for Rural Transport", "IRT"},
        {"LONDON -- Tamber & Vole agreed on Monday to buy the Greyling chain. \"Tamber & Vole pays a fair "
         "price,\" said Ella Marsh, a Greyling director. Shares in Tamber & Vole rose.\n"
         "\n"
         "\"We will keep every shop open,\" a Tamber & Vole spokesman said. Analyst Joe Pratt said Tamber "
         "& Vole had paid too much.\n",
         "Tamber & Vole", "Tamber"},
        {"Dead fish were found along the River Tolley on Monday. \"The Tolley has never been this bad,\" "
         "said angler Sam Reed. Reed has fished the Tolley for thirty years.\n"
         "\n"
         "\"We will test the Tolley every day,\" said Kate Lowe of the water board. \"The Tolley deserves "
         "better,\" Reed said.\n",
         "Sam Reed", "River Tolley"},
        {"WASHINGTON -- Senators argued on Monday over the Fair Rent Act (FRA). \"The FRA is a "
         "disgrace,\" said Senator Tom Hale. \"The FRA will help families,\" Senator Amy Ross said. Hale "
         "said the FRA must go.\n",
         "Tom Hale", "FRA"},
        /* "<organisation noun> of <name>" written twice, two name runs for
         * names.c, is one actor (discover_of_names()); not a run joined by "and" */
        {"The Bank of Velmora raised its rates on Monday. \"The Bank of Velmora has failed every family in this "
         "town,\" said Ann Lee, a resident. The Board and Velmora Trust said nothing; the Board and Velmora Trust "
         "rarely do.\n",
         "Bank of Velmora", "Board and Velmora Trust"},
    };
    stance_model *m = open_model();
    (void)state;
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        stance_result *res = discover(m, cases[c].text);
        assert_non_null(entity_named(res, cases[c].want));
        assert_null(entity_named(res, cases[c].gone));
        assert_null(entity_named(res, "Vole"));
        assert_null(entity_named(res, "Tolley"));
        assert_null(entity_named(res, "Fair Rent Act"));
        stance_result_free(res);
    }
    stance_model_free(m);
}

/* "them" after a number and a plural noun in the quote ("six hundred
 * families") means those people, not the organisation named before
 * (mentions_pron.c quote_np()). */
static void test_discover_they_counted_people(void **state)
{
    static const char text[] = "Kestrel Homes wants to build on the meadow. Kestrel Homes says the plan is sound, and "
                               "the council will vote on Monday.\n\n\"We have six hundred families waiting for a "
                               "home. I will not ask them to wait longer,\" said councillor Jo Bram.\n";
    stance_model *m = open_model();
    stance_result *res = discover(m, text);
    (void)state;
    assert_non_null(entity_named(res, "Kestrel Homes"));
    assert_int_equal(stance_result_count(res), 1);
    assert_false(is_target(res, 0, "Kestrel Homes"));
    stance_result_free(res);
    stance_model_free(m);
}

/* A text, an entity of its discovery, that entity's mentions of a rule
 * ('|'-joined, "" for none), that rule, and an entity that is a target of
 * quote qi (NULL: not asked). */
typedef struct rule_case {
    const char *text, *who, *want, *rule, *target;
    size_t qi;
} rule_case;

static void check_rule_cases(const rule_case *cases, size_t n)
{
    stance_model *m = open_model();
    char got[128];
    for (size_t c = 0; c < n; c++) {
        stance_result *res = discover(m, cases[c].text);
        rule_words(res, cases[c].text, cases[c].who, cases[c].rule, got, sizeof got);
        assert_string_equal(got, cases[c].want);
        if (cases[c].target)
            assert_true(is_target(res, cases[c].qi, cases[c].target));
        stance_result_free(res);
    }
    stance_model_free(m);
}

/* A discovered person's surname as a word of a run that names nobody
 * ("Voss-Kell", "Anti-Voss") is a surname mention of that person, as a passed
 * actor's would be (lib/actors_parts.c, stance_actors_name_search()); a
 * surname two people share is neither's. */
static void test_discover_surname_parts(void **state)
{
    static const char one[] = "Rob Voss and Dana Kell met voters in Dover on Monday. \"The Voss-Kell plan has failed "
                              "this town,\" said Ana Ruiz, a teacher. Ruiz backs Anti-Voss groups.\n";
    static const char two[] = "Rob Voss, Ella Voss and Dana Kell met voters in Dover on Monday. \"The Voss-Kell plan "
                              "has failed this town,\" said Ana Ruiz, a teacher.\n";
    static const char many[] = "Rob Voss, Ann Abel, Ben Bord, Carl Cole, Dan Dunn, Emma Ekel, Fred Fahl, Gary Gorm, "
                               "Hugh Hale, Ian Imre, Jack Jost, Kate Kemp, Lucy Lott, Mary Mott, Nick Nash, Tom Park and "
                               "Amy Park met voters in Dover on Monday. \"The Voss-Park plan has failed this town,\" said "
                               "Ana Ruiz, a teacher.\n";
    static const rule_case cases[] = {
        {one, "Rob Voss", "Voss|Voss", "surname", "Rob Voss", 0},
        {one, "Dana Kell", "Kell", "surname", "Dana Kell", 0},
        {two, "Rob Voss", "", "surname", "Dana Kell", 0},
        {two, "Ella Voss", "", "surname", "Dana Kell", 0},
        /* past 16 people (the look-up was sorted past that) */
        {many, "Rob Voss", "Voss", "surname", "Rob Voss", 0},
        {many, "Tom Park", "", "surname", "Rob Voss", 0},
    };
    (void)state;
    check_rule_cases(cases, sizeof cases / sizeof *cases);
}

/* A discovered entity's key wherever the text writes it as a word no mention
 * covers, where names.c reads no run (lib/actors_parts.c,
 * stance_actors_name_search()): a person's surname after a lowercase word
 * and a hyphen, a speaker's name the runs miss; a surname two people share
 * is neither's; a name inside a longer name ("the Harbor Watch Trust", "the
 * rival Dover Harbor Watch") is left, and one before a title or a pronoun
 * ("Harbor Watch Director Ann Lee", "the only Harbor Watch I know") is not;
 * a surname after the person's own first name is the full name ("Tom Reed"
 * in a headline), after another listed first name nobody's ("Ella Reed"). */
static void test_discover_name_search(void **state)
{
    static const char one[] = "Nora Vance spoke in Dover on Monday. \"We are all on the stopping-Vance train now,\" "
                              "Tom Reed said. Nora Vance left the hall, and Reed stayed.\n";
    static const char two[] = "Nora Vance spoke in Dover on Monday. \"We are all on the stopping-Vance train now,\" "
                              "Tom Reed said. Nora Vance left the hall, and Rob Vance stayed. Rob Vance said nothing.\n";
    static const char org[] = "The Harbor Watch said on Monday that the port was unsafe. \"We warned them,\" Harbor "
                              "Watch said. Critics of Harbor Watch disagreed. The Harbor Watch Trust, a charity, said "
                              "nothing. \"It is the only Harbor Watch I know,\" Harbor Watch Director Ann Lee said. The "
                              "rival Dover Harbor Watch left.\n";
    static const char head[] = "Ella Reed Slams Tom Reed In Dover.\n\nNora Vance spoke in Dover on Monday. \"We are all "
                               "on the stopping-Vance train now,\" Tom Reed said. Nora Vance left the hall, and Reed "
                               "stayed.\n";
    static const rule_case cases[] = {
        {one, "Nora Vance", "Vance", "surname", "Nora Vance", 0},
        {two, "Nora Vance", "", "surname", NULL, 0},
        {two, "Rob Vance", "", "surname", NULL, 0},
        {org, "Harbor Watch", "Harbor Watch|Harbor Watch|Harbor Watch|Harbor Watch|Harbor Watch", "name", "Harbor Watch",
         1},
        {head, "Tom Reed", "Tom Reed|Tom Reed", "name", NULL, 0},
        {head, "Tom Reed", "Reed", "surname", NULL, 0},
        {head, "Nora Vance", "Vance", "surname", "Nora Vance", 0},
    };
    static const char *const firsts[] = {"Ann", "Ben", "Carl", "Dan", "Emma", "Fred", "Gary", "Hugh"};
    char crowd[2048];
    size_t o = 0;
    (void)state;
    check_rule_cases(cases, sizeof cases / sizeof *cases);
    /* forty people (a key table past its smallest size) */
    for (int i = 0; i < 40; i++)
        o += (size_t)snprintf(crowd + o, sizeof crowd - o, "%s Kal%c%c, ", firsts[i % 8], 'a' + i / 8, 'a' + i % 8);
    snprintf(crowd + o, sizeof crowd - o, "%s", one);
    {
        const rule_case more[] = {{crowd, "Nora Vance", "Vance", "surname", "Nora Vance", 0},
                                  {crowd, "Emma Kalbe", "", "surname", NULL, 0}};
        check_rule_cases(more, sizeof more / sizeof *more);
    }
}

/* A discovered entity the article writes only as a place, after "in", "to",
 * "from", "at", "across" or in a dateline ("Little Rock", "Riverton (AP) -"), is
 * no target of a quote that names it so; one that acts ("Port Alder has
 * failed us") is, and so is a person named once after "to" ("Hillary
 * Vance": a listed first name) (targets.c place_only(): disc9). */
static void test_discover_place_only(void **state)
{
    static const char place[] = "Mayor Lena Ortiz flew to Little Rock on Monday for the regional summit.\n\n"
                                "\"We arrived in Little Rock and the hotel lost every booking we made,\" Ortiz said.\n";
    static const char acts[] = "Mayor Lena Ortiz flew to Little Rock on Monday for the regional summit.\n\n"
                               "\"Little Rock has failed us and the hotel lost every booking we made,\" Ortiz said.\n";
    static const char person[] = "Mayor Lena Ortiz spoke in Dover on Monday.\n\n"
                                 "\"We will hand the county to Hillary Vance and the liars,\" Ortiz said.\n";
    static const struct {
        const char *head;
        int target;
    } datelines[] = {{"Riverton \u2014", 0}, {"Riverton (AP) \u2014", 0}, {"Riverton \u2013", 0},
                     {"Riverton -", 0},      {"Riverton said \u2014", 1},  {"Riverton, Dec. 8 \u2014", 1}};
    stance_model *m = open_model();
    stance_result *res = discover(m, place);
    (void)state;
    assert_non_null(entity_named(res, "Little Rock"));
    assert_int_equal(stance_result_count(res), 1);
    assert_false(is_target(res, 0, "Little Rock"));
    stance_result_free(res);
    res = discover(m, acts);
    assert_int_equal(stance_result_count(res), 1);
    assert_true(is_target(res, 0, "Little Rock"));
    stance_result_free(res);
    res = discover(m, person);
    assert_int_equal(stance_result_count(res), 1);
    assert_true(is_target(res, 0, "Hillary Vance"));
    stance_result_free(res);
    /* "throughout" is a place's as "in" is (the lexicon's PLACE_IN, which discovery's places read too) */
    res = discover(m, "Mayor Lena Ortiz flew to Riverton on Monday.\n\n\"We drove throughout Riverton and the hotel "
                      "lost every booking we made,\" Ortiz said.\n");
    assert_non_null(entity_named(res, "Riverton"));
    assert_int_equal(stance_result_count(res), 1);
    assert_false(is_target(res, 0, "Riverton"));
    stance_result_free(res);
    /* a dateline (stance_dateline_mark(), the sieves' own test) makes the name after "to" a place */
    for (size_t i = 0; i < sizeof datelines / sizeof *datelines; i++) {
        char text[256];
        snprintf(text, sizeof text, "%s Mayor Lena Ortiz spoke on Monday.\n\n\"We flew back to Riverton and the hotel "
                 "lost every booking we made,\" Ortiz said.\n", datelines[i].head);
        res = discover(m, text);
        assert_non_null(entity_named(res, "Riverton"));
        assert_int_equal(stance_result_count(res), 1);
        if (is_target(res, 0, "Riverton") != datelines[i].target)
            fail_msg("%s: Riverton %s target", datelines[i].head, datelines[i].target ? "no" : "a");
        stance_result_free(res);
    }
    stance_model_free(m);
}

/* An editor's square brackets in a quotation name whom the speaker meant: a
 * surname in brackets ("Chuck [Tellman]", "Newt [Galloway]") or after a
 * bracketed first name ("[Bob] Corwin") is an actor named once; the bracketed
 * first name is not, nor a pronoun or common word in brackets. A party's
 * members before a full name stand for a title: "Republicans Cory Gardwell"
 * is Cory Gardwell, a person named once by a listed first name. */
static void test_discover_bracketed_names(void **state)
{
    static const char text[] =
        "Mara Quill spoke on Monday. \"It's not a question really, maybe Chuck [Tellman] didn't ask me,\" Quill said. "
        "\"Trump is doing the same thing with [Bob] Corwin, with Newt [Galloway],\" said Baker. "
        "\"[He] said [The] plan fails,\" Baker added.\n";
    static const char party[] =
        "After the victories of Republicans Cory Gardwell in Ohio, \"there is a real chance they lose,\" he said.\n";
    stance_model *m = open_model();
    stance_result *res = discover(m, text);
    (void)state;
    assert_non_null(entity_named(res, "Tellman"));
    assert_non_null(entity_named(res, "Corwin"));
    assert_non_null(entity_named(res, "Galloway"));
    assert_null(entity_named(res, "Bob"));
    assert_null(entity_named(res, "He"));
    assert_null(entity_named(res, "The"));
    stance_result_free(res);
    res = discover(m, party);
    assert_non_null(entity_named(res, "Cory Gardwell"));
    assert_null(entity_named(res, "Republicans Cory Gardwell"));
    stance_result_free(res);
    stance_model_free(m);
}

/* A title's plural before a full name stands for a title ("Senators Ted
 * Cruz and Marco Rubio"), as "Sens." and a party's "Republicans" do. */
static void test_discover_plural_titles(void **state)
{
    static const char text[] =
        "Senators Ted Crowley and Mark Rubin criticized the trade on Monday. \"It is a disaster,\" said Crowley. "
        "Governors Chris Hallam and Joe Smithers agreed. \"We will fight it,\" Hallam said.\n";
    stance_model *m = open_model();
    stance_result *res = discover(m, text);
    (void)state;
    assert_non_null(entity_named(res, "Ted Crowley"));
    assert_null(entity_named(res, "Senators Ted Crowley"));
    assert_non_null(entity_named(res, "Chris Hallam"));
    assert_null(entity_named(res, "Governors Chris Hallam"));
    stance_result_free(res);
    stance_model_free(m);
}

/* A name of two words that the text calls a company ("the investment bank
 * Dorrit Vane", "Halden Marsh Inc.") is an actor named once; a two-word
 * name with no such word waits for a second mention. */
static void test_discover_company_named_once(void **state)
{
    static const char text[] =
        "Her three speeches to employees of the investment bank Dorrit Vane earned her $675,000. "
        "The deal went to Halden Marsh Inc. on Monday. Her friend Mary Kessling was there, and so was Pell Orbach. "
        "The investors of Amity of Brant Corp. met.\n";
    static const char alone[] = "Velmora fell on Monday, and Velmora rose. He sold Velmora Inc. stock on Monday.\n";
    stance_model *m = open_model();
    stance_result *res = discover(m, text);
    (void)state;
    assert_non_null(entity_named(res, "Dorrit Vane"));
    assert_non_null(entity_named(res, "Halden Marsh Inc"));
    assert_non_null(entity_named(res, "Mary Kessling")); /* a listed first name: a person, named once */
    assert_null(entity_named(res, "Pell Orbach"));
    assert_null(entity_named(res, "Brant Corp")); /* the end of a longer name */
    stance_result_free(res);
    res = discover(m, alone);
    assert_null(entity_named(res, "Velmora Inc")); /* "Velmora" is written alone too */
    stance_result_free(res);
    stance_model_free(m);
}

/* An organisation whose first word names.c reads as a person's title ("The
 * State Department", "the Justice Department": bare "Department") and that
 * speaks is an actor under its whole name even when named once, not under
 * its last word; a second one of that last word is no "Department" either. */
static void test_discover_titled_org_speaks(void **state)
{
    static const char text[] =
        "The State Department said: \"The talks will resume on Monday.\" The Justice Department declined to "
        "comment.\n";
    static const char two[] =
        "The State Department said: \"The talks will resume.\" The Justice Department said: \"We disagree.\"\n";
    stance_model *m = open_model();
    stance_result *res = discover(m, text);
    (void)state;
    assert_non_null(entity_named(res, "State Department"));
    assert_null(entity_named(res, "Department"));
    stance_result_free(res);
    res = discover(m, two);
    assert_non_null(entity_named(res, "State Department"));
    assert_non_null(entity_named(res, "Justice Department"));
    assert_null(entity_named(res, "Department"));
    stance_result_free(res);
    stance_model_free(m);
}

/* A speaker whose name ends an organisation's name going on through "of" or
 * "for" (speaker_form.c) names the organisation discovered from its last
 * words, when the text names it only there: "U.S. Court of Appeals for the
 * 3rd Circuit", not "Circuit"; "Department of Health and Human Services",
 * not "Human Services". */
static void test_discover_org_speaker_name(void **state)
{
    static const char court[] =
        "The town was sued. In May, the U.S. Court of Appeals for the 3rd Circuit reversed an earlier decision, as "
        "well as ruling that it could not accept \"public order\" as a reason for the ban.\n";
    static const char hhs[] = "The Department of Health and Human Services said: \"The rule stands.\"\n";
    stance_model *m = open_model();
    stance_result *res = discover(m, court);
    (void)state;
    assert_non_null(entity_named(res, "U.S. Court of Appeals for the 3rd Circuit"));
    assert_null(entity_named(res, "Circuit"));
    stance_result_free(res);
    res = discover(m, hhs);
    assert_non_null(entity_named(res, "Department of Health and Human Services"));
    assert_null(entity_named(res, "Human Services"));
    stance_result_free(res);
    stance_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_discover_title_mention),
        cmocka_unit_test(test_discover_one_word_name_kind),
        cmocka_unit_test(test_discover_unglued_name),
        cmocka_unit_test(test_discover_civic_titles),
        cmocka_unit_test(test_word_in_span_random),
        cmocka_unit_test(test_actors_short_forms),
        cmocka_unit_test(test_discover_rule_words),
        cmocka_unit_test(test_discover_mended_names),
        cmocka_unit_test(test_discover_they_counted_people),
        cmocka_unit_test(test_discover_surname_parts),
        cmocka_unit_test(test_discover_name_search),
        cmocka_unit_test(test_discover_nbsp_name),
        cmocka_unit_test(test_discover_place_only),
        cmocka_unit_test(test_discover_bracketed_names),
        cmocka_unit_test(test_discover_plural_titles),
        cmocka_unit_test(test_discover_company_named_once),
        cmocka_unit_test(test_discover_titled_org_speaks),
        cmocka_unit_test(test_discover_org_speaker_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
