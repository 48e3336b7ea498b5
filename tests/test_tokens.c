/* test_tokens.c - the token layer (lib/tokens.c) and the lexicon
 * (lib/lexicon.c, lib/lexicon.def) on sentences written for these tests. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "mentions.h"
#include "names.h"
#include "tokens.h"
#include "wordix.h"

#define LQ "\xe2\x80\x9c" /* “ */
#define RQ "\xe2\x80\x9d" /* ” */
#define RS "\xe2\x80\x99" /* ’ */
#define MDASH "\xe2\x80\x94"

/* The tokens of @p text as "text|text|..." into buf. */
static const char *joined(const char *text, stance_toks *tk, char *buf, size_t cap)
{
    size_t n = 0;
    assert_int_equal(stance_toks_build(text, strlen(text), tk, NULL), STANCE_OK);
    buf[0] = 0;
    for (size_t i = 0; i < tk->n; i++) {
        size_t l = tk->v[i].end - tk->v[i].start;
        assert_true(tk->v[i].end > tk->v[i].start);
        if (i > 0)
            assert_true(tk->v[i].start >= tk->v[i - 1].end);
        assert_true(n + l + 2 < cap);
        if (i)
            buf[n++] = '|';
        memcpy(buf + n, text + tk->v[i].start, l);
        n += l;
        buf[n] = 0;
    }
    return buf;
}

/* Index of the token spelled @p w (the first one), or fail. */
static size_t find_tok(const char *text, const stance_toks *tk, const char *w)
{
    for (size_t i = 0; i < tk->n; i++)
        if (tk->v[i].end - tk->v[i].start == strlen(w) && memcmp(text + tk->v[i].start, w, strlen(w)) == 0)
            return i;
    fail_msg("no token %s", w);
    return 0;
}

static void test_lexicon_sorted_unique(void **state)
{
    (void)state;
    assert_int_equal(stance_lex_check(), 0);
    assert_true(stance_lex_count() > 1000);
    assert_null(stance_lex_entry(-1));
    assert_null(stance_lex_entry((long)stance_lex_count()));
}

/* stance_lex_classes_lower(): capitals lowered before the look-up, nothing
 * else changed, and a word longer than every entry is not found. */
static void test_lexicon_classes_lower(void **state)
{
    char longw[STANCE_LEX_MAXLEN + 2];
    (void)state;
    assert_int_not_equal(stance_lex_classes("than", 4), 0);
    assert_int_equal(stance_lex_classes("Than", 4), 0);
    assert_int_equal(stance_lex_classes_lower("Than", 4), stance_lex_classes("than", 4));
    assert_int_equal(stance_lex_classes_lower("THAN", 4), stance_lex_classes("than", 4));
    assert_int_equal(stance_lex_classes_lower("than", 4), stance_lex_classes("than", 4));
    assert_int_equal(stance_lex_classes_lower("Thane", 4), stance_lex_classes("than", 4)); /* n bytes only */
    assert_int_equal(stance_lex_classes_lower("Thx", 3), 0);
    memset(longw, 'a', sizeof longw);
    assert_int_equal(stance_lex_classes_lower(longw, sizeof longw), 0);
}

/* stance_lex_rules_lower(): the rule lists of the word with its capitals
 * lowered; the place prepositions of targets.c (PLACE_IN, PLACE_AT), each
 * word on one of the two. */
static void test_lexicon_rules_lower(void **state)
{
    static const char *const in[] = {"in", "In", "IN", "across", "ACROSS", "throughout", "Throughout"};
    static const char *const at[] = {"at", "At", "from", "FROM", "to", "To"};
    static const char *const neither[] = {"into", "on", "for", "of", "within", "Toe", "i"};
    const uint64_t both = STANCE_LQ(PLACE_IN) | STANCE_LQ(PLACE_AT);
    (void)state;
    assert_int_not_equal(stance_lex_rules("Lord", 4), 0);
    assert_int_equal(stance_lex_rules_lower("Lord", 4), 0); /* the lowered word only: "lord" is not listed */
    assert_int_equal(stance_lex_rules_lower("LORD", 4), 0);
    assert_int_equal(stance_lex_rules_lower("AT", 2), stance_lex_rules("at", 2));
    assert_int_not_equal(stance_lex_rules("At", 2), stance_lex_rules("at", 2)); /* as written: another entry */
    assert_int_equal(stance_lex_rules_lower("", 0), 0);
    for (size_t i = 0; i < sizeof in / sizeof *in; i++)
        assert_int_equal(stance_lex_rules_lower(in[i], strlen(in[i])) & both, STANCE_LQ(PLACE_IN));
    for (size_t i = 0; i < sizeof at / sizeof *at; i++)
        assert_int_equal(stance_lex_rules_lower(at[i], strlen(at[i])) & both, STANCE_LQ(PLACE_AT));
    for (size_t i = 0; i < sizeof neither / sizeof *neither; i++)
        assert_int_equal(stance_lex_rules_lower(neither[i], strlen(neither[i])) & both, 0);
}

/* The list classes (one module's word list each) make no common word: a word
 * only on a list ("anyone", "whack") is not stance_lex_known(), so adding a
 * word to a list changes no "is this a word we know" test; every other entry
 * is, also one with a quotes.c rule list alone. */
static void test_lexicon_known_lists(void **state)
{
    (void)state;
    assert_true(STANCE_LX_COUNT <= 64);
    assert_true((STANCE_LX_LISTS & (STANCE_LX(KIN) | (STANCE_LX(KIN) - 1))) == 0); /* lists come after KIN */
    assert_true(stance_lex_classes("anyone", 6) & STANCE_LX(PEOPLE));
    assert_false(stance_lex_known("anyone", 6));
    assert_true(stance_lex_classes("whack", 5) & STANCE_LX(EVAL_NOUN));
    assert_false(stance_lex_known("whack", 5));
    assert_true(stance_lex_known("people", 6)); /* a rule list of quotes.c */
    assert_true(stance_lex_known("the", 3));
    assert_true(stance_lex_classes("the", 3) & STANCE_LX(OWN_DET));
    assert_false(stance_lex_known("anyones", 7));
    assert_true(stance_lex_classes("supporters", 10) & STANCE_LX(GROUP_NOUN));
    assert_int_equal(stance_lex_classes("Supporters", 10) & STANCE_LX(GROUP_NOUN), 0); /* as written */
    assert_true(stance_lex_classes_lower("Referring", 9) & STANCE_LX(REF_CUE));
    assert_true(stance_lex_classes_lower("RETORTED", 8) & STANCE_LX(REPLY));
    assert_true(stance_lex_classes("slammed", 7) & STANCE_LX(EVAL_VERB));
    assert_true(stance_lex_classes_lower("Against", 7) & STANCE_LX(EVAL_PREP));
    assert_true(stance_lex_classes("Rhode", 5) & STANCE_LX(STATE_FIRST));
    assert_false(stance_lex_known("Rhode", 5));
    assert_true(stance_lex_classes("organization", 12) & STANCE_LX(BODY_NOUN));
    assert_int_equal(stance_lex_classes("staff", 5) & STANCE_LX(BODY_NOUN), 0);
    assert_true(stance_lex_known("New", 3)); /* a rule list of quotes.c */
    for (size_t i = 0; i < stance_lex_count(); i++) {
        const stance_lexent *x = stance_lex_entry((long)i);
        assert_int_equal(stance_lex_known(x->w, x->n), (x->cls & ~STANCE_LX_LISTS) != 0 || x->rules != 0);
    }
}

/* stance_poss_start(): the one possessive of #15, where it starts (the
 * word's end: none). */
static void test_poss_start(void **state)
{
    static const struct {
        const char *w;
        int plural;
        size_t at; /* SIZE_MAX: the word's end */
    } CASES[] = {
        {"Park's", 0, 4},           {"Park\u2019s", 0, 4},      {"PARK'S", 0, 4},       {"PARK\u2019S", 0, 4},
        {"Parks'", 0, SIZE_MAX},    {"Parks'", 1, 5},           {"Parks\u2019", 1, 5},  {"PARKS'", 1, 5},
        {"Park'", 1, SIZE_MAX},     {"'s", 0, SIZE_MAX},        {"\u2019s", 0, SIZE_MAX}, {"s'", 1, SIZE_MAX},
        {"Parks", 1, SIZE_MAX},     {"Park\u2019", 1, SIZE_MAX}, {"X's", 0, 1},         {"it's", 0, 2},
    };
    (void)state;
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        size_t n = strlen(CASES[i].w), at = stance_poss_start(CASES[i].w, 0, n, CASES[i].plural);
        if (at != (CASES[i].at == SIZE_MAX ? n : CASES[i].at))
            fail_msg("%s (plural %d): %zu", CASES[i].w, CASES[i].plural, at);
    }
    assert_int_equal(stance_poss_start("Tom Park's son", 4, 10, 0), 8); /* a word inside a text */
}

/* The possessive after a name, the one reading (#15: actors' mentions and the
 * sieves read it so): "'s" or "\u2019s" in either case; what follows is not
 * read (a no-break space, a closing mark). */
static void test_possessive_at(void **state)
{
    static const struct {
        const char *t;
        size_t at;
        int yes;
    } CASES[] = {
        {"Park's son", 4, 1},        {"PARK'S SON", 4, 1},      {"Park\u2019s son", 4, 1}, {"PARK\u2019S", 4, 1},
        {"Park\u2019s\u00a0son", 4, 1}, {"Park's\u201d", 4, 1},  {"Park's", 4, 1},           {"Park'", 4, 0},
        {"Park\u2019", 4, 0},        {"Park 's", 4, 0},          {"Park\u2019t", 4, 0},     {"Parks' son", 5, 0},
        {"Park's", 3, 0},
    };
    (void)state;
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++)
        if (stance_possessive_at(CASES[i].t, strlen(CASES[i].t), CASES[i].at) != CASES[i].yes)
            fail_msg("%s at %zu", CASES[i].t, CASES[i].at);
    assert_false(stance_possessive_at("Park's", 5, 4)); /* the text ends at the apostrophe */
}

/* A person noun's gender (NOUN_M, NOUN_F; stance_noun_gender()), read
 * case-blind: the one list behind "this man", "his wife" and "my mother ...
 * she" (#15). A list class: "guy" is no common word. */
static void test_lexicon_noun_gender(void **state)
{
    static const struct {
        const char *w;
        int g;
    } CASES[] = {{"man", STANCE_G_MALE},    {"Guy", STANCE_G_MALE},        {"gentleman", STANCE_G_MALE},
                 {"UNCLE", STANCE_G_MALE},  {"dad", STANCE_G_MALE},        {"woman", STANCE_G_FEMALE},
                 {"Lady", STANCE_G_FEMALE}, {"mom", STANCE_G_FEMALE},      {"granddaughter", STANCE_G_FEMALE},
                 {"wife", STANCE_G_FEMALE}, {"doctor", STANCE_G_UNKNOWN},  {"men", STANCE_G_UNKNOWN},
                 {"Tom", STANCE_G_UNKNOWN}, {"Mr.", STANCE_G_UNKNOWN},     {"she", STANCE_G_UNKNOWN}};
    (void)state;
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++)
        assert_int_equal(stance_noun_gender(stance_lex_classes_lower(CASES[i].w, strlen(CASES[i].w))), CASES[i].g);
    assert_true(stance_lex_classes("mom", 3) & STANCE_LX(KIN)); /* "his mom": kinship */
    assert_int_equal(stance_plain_noun_gender(stance_lex_classes_lower("Woman", 5)), STANCE_G_FEMALE);
    assert_int_equal(stance_plain_noun_gender(stance_lex_classes_lower("guy", 3)), STANCE_G_MALE);
    assert_int_equal(stance_plain_noun_gender(stance_lex_classes_lower("mother", 6)), STANCE_G_UNKNOWN); /* kin */
    assert_int_equal(stance_lex_classes("guy", 3) & STANCE_LX(KIN), 0);
    assert_false(stance_lex_known("guy", 3));
    assert_false(stance_lex_known("lady", 4));
    for (size_t i = 0; i < stance_lex_count(); i++) { /* never both */
        const stance_lexent *x = stance_lex_entry((long)i);
        assert_false((x->cls & STANCE_LX(NOUN_M)) && (x->cls & STANCE_LX(NOUN_F)));
    }
}

/* stance_ascii_caseeq(): ASCII letters without case, every other byte as it is. */
static void test_ascii_caseeq(void **state)
{
    (void)state;
    assert_true(stance_ascii_caseeq("Statement", "sTATEMENT", 9));
    assert_true(stance_ascii_caseeq("a-1 b", "A-1 B", 5));
    assert_false(stance_ascii_caseeq("@", "`", 1));          /* 0x40 | 0x20 == 0x60, but no letters */
    assert_false(stance_ascii_caseeq("[", "{", 1));
    assert_false(stance_ascii_caseeq("\xc3\x89", "\xc3\xa9", 2)); /* non-ASCII bytes compare as they are */
    assert_false(stance_ascii_caseeq("email", "emaik", 5));
    assert_true(stance_ascii_caseeq("x", "y", 0));
}

/* Every entry is found where it is, and words next to it are not: its
 * prefixes, longer words that start with it (also past the eight bytes the
 * look-up hashes as one key), the same bytes with a NUL (test_lexicon.c
 * compares every look-up with a reference). */
static void test_lexicon_find_every_entry(void **state)
{
    char buf[STANCE_LEX_MAXLEN + 2];
    (void)state;
    for (size_t i = 0; i < stance_lex_count(); i++) {
        const stance_lexent *e = stance_lex_entry((long)i);
        long j;
        assert_int_equal(stance_lex_find(e->w, e->n), (long)i);
        for (size_t n = 1; n < e->n; n++) {
            j = stance_lex_find(e->w, n);
            assert_true(j < 0 || (stance_lex_entry(j)->n == n && memcmp(stance_lex_entry(j)->w, e->w, n) == 0));
        }
        memcpy(buf, e->w, e->n);
        for (int c = 0; c < 3; c++) {
            buf[e->n] = "\0az"[c];
            j = stance_lex_find(buf, e->n + 1);
            assert_true(j < 0 || (stance_lex_entry(j)->n == e->n + 1 && memcmp(stance_lex_entry(j)->w, buf, e->n + 1) == 0));
        }
    }
}

/* The eight-bytes-at-a-time tests agree with a byte loop: every byte value
 * at every position, among fillers on both sides of each range. */
static void test_b8_tests(void **state)
{
    static const unsigned char fill[] = {'a', ' ', 'A' - 1, 'Z' + 1, 0, 0x7F, '"' + 1, '\n' - 1, 'A', 0x80};
    (void)state;
    for (size_t f = 0; f < sizeof fill; f++)
        for (int pos = 0; pos < 8; pos++)
            for (int v = 0; v < 256; v++) {
                unsigned char b[8];
                int quote = 0, nl = 0, high = 0, upper = 0;
                uint64_t w;
                memset(b, fill[f], sizeof b);
                b[pos] = (unsigned char)v;
                for (int i = 0; i < 8; i++) {
                    quote |= b[i] == '"';
                    nl |= b[i] == '\n';
                    high |= b[i] >= 0x80;
                    upper |= b[i] >= 'A' && b[i] <= 'Z';
                }
                w = stance_b8_load((const char *)b);
                assert_int_equal(stance_b8_has(w, '"') != 0, quote);
                assert_int_equal(stance_b8_has(w, '\n') != 0, nl);
                assert_int_equal(stance_b8_high(w) != 0, high);
                if (!high)
                    assert_int_equal(stance_b8_upper(w) != 0, upper);
            }
}

static void test_lexicon_lookup(void **state)
{
    const stance_lexent *e;
    (void)state;
    assert_true(stance_lex_is("Sen.", 4, STANCE_LX(TITLE)));
    assert_true(stance_lex_is("The", 3, STANCE_LX(STOP)));
    assert_false(stance_lex_is("the", 3, STANCE_LX(STOP))); /* as written: case matters */
    assert_true(stance_lex_is("the", 3, STANCE_LX(DET)));
    /* one particle list: "ter" is a particle like "van" and "de" */
    assert_true(stance_lex_is("ter", 3, STANCE_LX(PARTICLE)));
    assert_true(stance_lex_is("van", 3, STANCE_LX(PARTICLE)));
    assert_true(stance_lex_is("Lindsey", 7, STANCE_LX(FIRST_F)) && stance_lex_is("Lindsey", 7, STANCE_LX(FIRST_M)));
    assert_true(stance_lex_is("unless", 6, STANCE_LX(COND)));
    assert_true(stance_lex_is("never", 5, STANCE_LX(NEG)));
    assert_true(stance_lex_is("don" RS "t", 7, STANCE_LX(NEG)));
    assert_true(stance_lex_is("although", 8, STANCE_LX(CONTRAST)));
    assert_true(stance_lex_is("governor", 8, STANCE_LX(ROLE)));
    assert_true(stance_lex_is("slammed", 7, STANCE_LX(RV_CRIT)));
    assert_false(stance_lex_is("xyzzy", 5, ~UINT64_C(0)));
    assert_int_equal(stance_lex_find("", 0), -1);
    /* a word that is a prefix of an entry is not that entry */
    assert_int_equal(stance_lex_find("Sen", 3) == stance_lex_find("Sen.", 4), 0);
    e = stance_lex_entry(stance_lex_find("she", 3));
    assert_non_null(e);
    assert_true(e->cls & STANCE_LX(SPEAKER_PRON));
    assert_int_equal(STANCE_PRON_PERSON(e->feat), 3);
    assert_int_equal(STANCE_PRON_GENDER(e->feat), STANCE_PG_F);
    assert_int_equal(STANCE_PRON_NUMBER(e->feat), STANCE_PN_S);
    assert_int_equal(STANCE_PRON_CASE(e->feat), STANCE_PC_N);
    e = stance_lex_entry(stance_lex_find("them", 4));
    assert_non_null(e);
    assert_false(e->cls & STANCE_LX(SPEAKER_PRON));
    assert_int_equal(STANCE_PRON_NUMBER(e->feat), STANCE_PN_P);
    assert_int_equal(STANCE_PRON_CASE(e->feat), STANCE_PC_A);
    /* a quotes.c rule list */
    assert_true(stance_lex_in_rules("Calif", 5, STANCE_LQ(ABBR_DOT)));
    assert_false(stance_lex_in_rules("Calif", 5, STANCE_LQ(SAYS)));
}

static void test_tokens_kinds(void **state)
{
    stance_toks tk = {0};
    char buf[512];
    const char *t = "Sen. J. Roe (R-Fla.) said: " LQ "We won" RS "t pay $3.5 million" MDASH "not for the U.S.," RS
                    " -- Trump" RS "s aide's \"plan\"...";
    (void)state;
    assert_string_equal(joined(t, &tk, buf, sizeof buf),
                        "Sen.|J.|Roe|(|R-Fla|.|)|said|:|" LQ "|We|won" RS "t|pay|$|3.5|million|" MDASH
                        "|not|for|the|U.S.|,|" RS "|--|Trump|" RS "s|aide|'s|\"|plan|\"|...");
    {
        const stance_token *k = &tk.v[find_tok(t, &tk, "Sen.")];
        assert_int_equal(k->kind, STANCE_TK_WORD);
        assert_true(k->shape & STANCE_SH_DOT);
        assert_true(k->cls & STANCE_LX(TITLE));
        assert_true(k->shape & STANCE_SH_SENT_START);
        k = &tk.v[find_tok(t, &tk, "J.")];
        assert_true((k->shape & STANCE_SH_INITIAL) && (k->shape & STANCE_SH_CAP));
        k = &tk.v[find_tok(t, &tk, "R-Fla")];
        assert_true(k->shape & STANCE_SH_HYPHEN);
        k = &tk.v[find_tok(t, &tk, "3.5")];
        assert_int_equal(k->kind, STANCE_TK_NUMBER);
        k = &tk.v[find_tok(t, &tk, LQ)];
        assert_int_equal(k->kind, STANCE_TK_QUOTE);
        assert_true(k->mark & STANCE_QM_OPEN);
        k = &tk.v[find_tok(t, &tk, MDASH)];
        assert_int_equal(k->kind, STANCE_TK_DASH);
        k = &tk.v[find_tok(t, &tk, "--")];
        assert_int_equal(k->kind, STANCE_TK_DASH);
        k = &tk.v[find_tok(t, &tk, "U.S.")];
        assert_true((k->shape & STANCE_SH_DOT) && (k->shape & STANCE_SH_ALLCAPS));
        k = &tk.v[find_tok(t, &tk, RS)]; /* a closing single mark after a comma */
        assert_int_equal(k->kind, STANCE_TK_QUOTE);
        assert_true((k->mark & STANCE_QM_SINGLE) && (k->mark & STANCE_QM_CLOSE));
        k = &tk.v[find_tok(t, &tk, RS "s")];
        assert_int_equal(k->kind, STANCE_TK_POSS);
        k = &tk.v[find_tok(t, &tk, "'s")];
        assert_int_equal(k->kind, STANCE_TK_POSS);
        k = &tk.v[find_tok(t, &tk, "\"")]; /* before "plan": flanks left */
        assert_true((k->mark & STANCE_QM_AMBIG) && (k->mark & STANCE_QM_LEFT) && !(k->mark & STANCE_QM_RIGHT));
        assert_true(tk.v[find_tok(t, &tk, "plan") + 1].mark & STANCE_QM_RIGHT);
        k = &tk.v[find_tok(t, &tk, "won" RS "t")];
        assert_true((k->shape & STANCE_SH_APOS) && (k->cls & STANCE_LX(NEG)));
        k = &tk.v[find_tok(t, &tk, ":")];
        assert_int_equal(k->kind, STANCE_TK_PUNCT);
        assert_int_equal(k->mark, ':');
        assert_true(tk.v[find_tok(t, &tk, LQ) + 0].shape & STANCE_SH_CLAUSE_START);
        assert_true(tk.v[find_tok(t, &tk, "We")].shape & STANCE_SH_CLAUSE_START);
        assert_false(tk.v[find_tok(t, &tk, "pay")].shape & STANCE_SH_CLAUSE_START);
    }
    stance_toks_clear(&tk);
    assert_null(tk.v);
    assert_int_equal(tk.n, 0);
}

/* Capitals by Unicode category, lower-cased lookups, pronoun features. */
static void test_tokens_unicode_shape(void **state)
{
    stance_toks tk = {0};
    char buf[256];
    const char *t = "\xc5\x81ukasz Nowak, \xc3\xa9lan \xce\xa9mega NATO HE SHE They 42nd";
    (void)state;
    assert_string_equal(joined(t, &tk, buf, sizeof buf),
                        "\xc5\x81ukasz|Nowak|,|\xc3\xa9lan|\xce\xa9mega|NATO|HE|SHE|They|42nd");
    assert_true(tk.v[0].shape & STANCE_SH_CAP); /* Ł: Lu, beyond Latin-1 */
    assert_true(tk.v[0].shape & STANCE_SH_NONASCII);
    assert_true(tk.v[3].shape & STANCE_SH_LOWER);
    assert_true(tk.v[4].shape & STANCE_SH_CAP); /* Greek capital omega */
    assert_true(tk.v[5].shape & STANCE_SH_ALLCAPS);
    assert_false(tk.v[1].shape & STANCE_SH_ALLCAPS);
    /* "They" as written is a speaker pronoun; "HE" too; lower-cased both are pronouns */
    assert_true(tk.v[8].cls & STANCE_LX(SPEAKER_PRON));
    assert_true(tk.v[8].lcls & STANCE_LX(PRONOUN));
    assert_int_equal(STANCE_PRON_NUMBER(stance_lex_entry(tk.v[8].llex)->feat), STANCE_PN_P);
    assert_int_equal(STANCE_PRON_GENDER(stance_lex_entry(tk.v[6].llex)->feat), STANCE_PG_M);
    assert_int_equal(tk.v[9].kind, STANCE_TK_WORD);
    assert_true(tk.v[9].shape & STANCE_SH_DIGIT);
    assert_int_equal(stance_letter_case(t, 0, strlen(t)), 1);
    assert_int_equal(stance_letter_case(t, tk.v[3].start, strlen(t)), -1);
    assert_int_equal(stance_letter_case(t, tk.v[2].start, strlen(t)), 0);
    assert_int_equal(stance_letter_case(t, strlen(t), strlen(t)), 0);
    assert_int_equal(stance_letter_case("5", 0, 1), 0);
    stance_toks_clear(&tk);
}

/* stance_letter_case()'s inline ASCII answers are the code point's: every
 * byte value alone and before a letter, and non-ASCII letters of each case. */
static void test_tokens_letter_case_inline(void **state)
{
    static const char *const wide[] = {"\xc3\x89t\xc3\xa9", "\xc3\xa9t\xc3\xa9", "\xce\xa9", "\xe2\x80\x9c" "A", "\xc7\x85"};
    char b[3];
    (void)state;
    for (int c = 0; c < 256; c++) {
        b[0] = (char)c, b[1] = 'a', b[2] = 0;
        if (c < 0x80) {
            assert_int_equal(stance_letter_case(b, 0, 2), stance_letter_case_cp(b, 0, 2));
            assert_int_equal(stance_letter_case(b, 0, 1), stance_letter_case_cp(b, 0, 1));
        }
        assert_int_equal(stance_letter_case(b, 1, 2), -1);
        assert_int_equal(stance_letter_case(b, 2, 2), 0);
    }
    assert_int_equal(stance_letter_case("Q", 0, 1), 1);
    assert_int_equal(stance_letter_case("q", 0, 1), -1);
    assert_int_equal(stance_letter_case(NULL, 0, 1), 0);
    for (size_t i = 0; i < sizeof wide / sizeof *wide; i++)
        assert_int_equal(stance_letter_case(wide[i], 0, strlen(wide[i])), stance_letter_case_cp(wide[i], 0, strlen(wide[i])));
    assert_int_equal(stance_letter_case(wide[0], 0, strlen(wide[0])), 1);
    assert_int_equal(stance_letter_case(wide[1], 0, strlen(wide[1])), -1);
}

static void test_tokens_sentences_paragraphs(void **state)
{
    stance_toks tk = {0};
    char buf[512];
    const char *t = "Gov. Roe spoke. \"We won,\" she said. \"Yes.\" Then he left at 5 p.m. on Monday.\n"
                    "New paragraph here! and on\n\n  last one...";
    (void)state;
    joined(t, &tk, buf, sizeof buf);
    assert_int_equal(tk.v[find_tok(t, &tk, "Gov.")].sent, 0);
    assert_int_equal(tk.v[find_tok(t, &tk, "spoke")].sent, 0); /* "Gov." ends no sentence */
    assert_int_equal(tk.v[find_tok(t, &tk, "We")].sent, 1);
    assert_true(tk.v[find_tok(t, &tk, "We") - 1].shape & STANCE_SH_SENT_START); /* the opening mark */
    assert_int_equal(tk.v[find_tok(t, &tk, "she")].sent, 1);                   /* lowercase: goes on */
    assert_int_equal(tk.v[find_tok(t, &tk, "Yes")].sent, 2);
    assert_int_equal(tk.v[find_tok(t, &tk, "Yes") + 2].sent, 2); /* the closing mark after "." */
    assert_int_equal(tk.v[find_tok(t, &tk, "Then")].sent, 3);
    assert_int_equal(tk.v[find_tok(t, &tk, "Monday")].sent, 3); /* "p.m." is one token */
    assert_int_equal(tk.v[find_tok(t, &tk, "New")].sent, 4);
    assert_int_equal(tk.v[find_tok(t, &tk, "New")].para, 1);
    assert_true(tk.v[find_tok(t, &tk, "New")].shape & STANCE_SH_PARA_START);
    assert_int_equal(tk.v[find_tok(t, &tk, "and")].sent, 4); /* "! and": goes on */
    assert_int_equal(tk.v[find_tok(t, &tk, "last")].para, 2); /* an empty line counts once */
    assert_int_equal(tk.v[find_tok(t, &tk, "last")].sent, 5);
    assert_int_equal(tk.nsent, 6);
    assert_int_equal(tk.npara, 3);
    stance_toks_clear(&tk);
}

static void test_tokens_offset_lookup(void **state)
{
    stance_toks tk = {0};
    const char *t = "  Jane  Roe, said";
    (void)state;
    assert_int_equal(stance_toks_build(t, strlen(t), &tk, NULL), STANCE_OK);
    assert_int_equal(tk.n, 4);
    assert_int_equal(stance_toks_at(&tk, 0), 0);  /* before the first token: the first */
    assert_int_equal(stance_toks_at(&tk, 2), 0);  /* "Jane" */
    assert_int_equal(stance_toks_at(&tk, 5), 0);
    assert_int_equal(stance_toks_at(&tk, 6), 1);  /* between: the next */
    assert_int_equal(stance_toks_at(&tk, 10), 1); /* "Roe" */
    assert_int_equal(stance_toks_at(&tk, 11), 2); /* "," */
    assert_int_equal(stance_toks_at(&tk, 16), 3);
    assert_int_equal(stance_toks_at(&tk, 17), 4); /* past the end: n */
    assert_int_equal(stance_toks_at(NULL, 3), 0);
    /* rebuilding reuses the buffer and replaces the tokens */
    assert_int_equal(stance_toks_build("x", 1, &tk, NULL), STANCE_OK);
    assert_int_equal(tk.n, 1);
    assert_int_equal(stance_toks_build("", 0, &tk, NULL), STANCE_OK);
    assert_int_equal(tk.n, 0);
    assert_int_equal(tk.nsent, 0);
    stance_toks_clear(&tk);
    stance_toks_clear(NULL);
}

static void test_tokens_bad_arguments(void **state)
{
    stance_toks tk = {0};
    stance_error err;
    (void)state;
    assert_int_equal(stance_toks_build(NULL, 3, &tk, &err), STANCE_ERR_INVALID);
    assert_int_equal(err.code, STANCE_ERR_INVALID);
    assert_int_equal(stance_toks_build("abc", 3, NULL, NULL), STANCE_ERR_INVALID);
    assert_int_equal(stance_toks_build(NULL, 0, &tk, NULL), STANCE_OK);
    assert_int_equal(tk.n, 0);
    stance_toks_clear(&tk);
}

/* Every byte of awkward input is covered by tokens or white space, spans
 * are in order, and the pass ends (no character is skipped or read twice). */
static void test_tokens_cover_text(void **state)
{
    stance_toks tk = {0};
    const char *t = "a'b' 'c ''  x--y - z \xe2\x80\xa6 .. ... \xcc\x81x \xe2\x80\x8b q' s's 's 9/11. 1,000,. -5 \xef\xbb\xbf!";
    size_t covered = 0;
    (void)state;
    assert_int_equal(stance_toks_build(t, strlen(t), &tk, NULL), STANCE_OK);
    for (size_t i = 0; i < tk.n; i++) {
        for (size_t b = covered; b < tk.v[i].start; b++)
            assert_true(t[b] == ' ' || (unsigned char)t[b] >= 0x80); /* only white space between */
        covered = tk.v[i].end;
    }
    assert_int_equal(covered, strlen(t));
    stance_toks_clear(&tk);
}

/* The word index (wordix.h) answers as the search it replaces, on texts of
 * capitalised and lowercase forms, punctuation inside and around words and
 * non-ASCII letters, for every capitalised word asked over many spans; and it
 * holds the occurrences of the words asked for, no more. */
static const char *const wix_piece[] = {
    "Rival ", "rival ", "rivals ", "Rival's ", "rival's ", "O'Brien ", "o'brien ", "o ", "Al-Awlaki ", "al-Awlaki ",
    "al ", "Team ", "team, ", "(team) ", "Real ", "real.", "xreal ", "Caf\xc3\xa9 ", "caf\xc3\xa9 ", "caf ",
    "\xe2\x80\x9cteam\xe2\x80\x9d ", "Hillary ", "Clinton ", "the ", "9team ", "team9 ", "\n\n",
};

static void wix_text(char *buf, size_t cap, size_t *len, unsigned long *r)
{
    size_t np = sizeof wix_piece / sizeof *wix_piece;
    *len = 0;
    for (;;) {
        size_t k, n;
        *r = *r * 6364136223846793005UL + 1442695040888963407UL;
        k = (size_t)(*r >> 33) % np;
        n = strlen(wix_piece[k]);
        if (*len + n > cap)
            break;
        memcpy(buf + *len, wix_piece[k], n);
        *len += n;
    }
}

/* The one word-byte table (STANCE_WORD_CLASS) gives, for every byte, what
 * the three definitions it replaced gave: tokens.h's stance_is_word_byte()
 * (a byte from 0x80 on, or an ASCII letter or digit), wordix.c's word_byte[]
 * (the same, as 0/1) and mentions.h's classes (1 letter or digit, 0 other
 * ASCII, 2 from 0x80 on; stance_word_byte() the class for an ASCII byte). */
static void test_tokens_word_class_one_definition(void **state)
{
    size_t n1 = 0, n2 = 0;
    (void)state;
    for (unsigned c = 0; c < 256; c++) {
        int old = c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        int cls = c >= 0x80 ? 2 : old;
        char t[2] = {(char)c, 0};
        assert_int_equal(STANCE_WORD_CLASS[c], cls);
        assert_int_equal(stance_is_word_byte((unsigned char)c), old);
        if (c < 0x80)
            assert_int_equal(stance_word_byte(t, 0, 1), old);
        n1 += cls == 1, n2 += cls == 2;
    }
    assert_int_equal(n1, 62);
    assert_int_equal(n2, 128);
    /* a class-2 byte is looked at with its neighbours: a letter, not a curly quote */
    assert_true(stance_word_byte("\xc3\xa9", 1, 2));
    assert_false(stance_word_byte(RS, 2, 3));
}

static void test_wordix_same_answers(void **state)
{
    char buf[600];
    unsigned long r = 7;
    size_t asked = 0, found = 0, indexed = 0;
    (void)state;
    for (int t = 0; t < 200; t++) {
        size_t len, spans[400], nw = 0;
        stance_wordix ix;
        wix_text(buf, sizeof buf, &len, &r);
        for (size_t i = 0; i < len && nw < 200; i++) /* each capitalised word, to the next space */
            if (buf[i] >= 'A' && buf[i] <= 'Z' && (i == 0 || buf[i - 1] == ' ' || buf[i - 1] == '\n')) {
                size_t e = i;
                while (e < len && buf[e] != ' ')
                    e++;
                spans[2 * nw] = i, spans[2 * nw + 1] = e, nw++;
            }
        assert_int_equal(stance_wordix_build(&ix, buf, len, spans, nw), STANCE_OK);
        assert_true(!nw || ix.t == buf);
        indexed += ix.n;
        for (size_t w = 0; w < nw; w++) {
            const char *word = buf + spans[2 * w];
            size_t n = spans[2 * w + 1] - spans[2 * w];
            char first = (char)(word[0] + ('a' - 'A'));
            for (size_t lo = 0; lo < len; lo += 37)
                for (size_t hi = lo; hi <= len; hi += 53) {
                    int a = stance_word_in_span(buf, len, lo, hi, first, word, n);
                    assert_int_equal(stance_wordix_in_span(&ix, buf, len, lo, hi, first, word, n), a);
                    asked++, found += (size_t)a;
                }
            /* a word outside the set, or another text: the search itself */
            assert_int_equal(stance_wordix_in_span(&ix, buf, len, 0, len, 'x', "xreal", 5),
                             stance_word_in_span(buf, len, 0, len, 'x', "xreal", 5));
            assert_int_equal(stance_wordix_in_span(&ix, buf, len - 1, 0, len - 1, first, word, n),
                             stance_word_in_span(buf, len - 1, 0, len - 1, first, word, n));
        }
        stance_wordix_free(&ix);
        assert_null(ix.at);
    }
    assert_true(asked > 10000);
    assert_true(found > asked / 10 && found < asked); /* both answers are asked for */
    assert_true(indexed > 1000);
}

/* Only the words asked for are indexed: "team" twice (not "team9", "9team",
 * "Team" or "team" inside quote marks, non-ASCII bytes that go on a word),
 * "o'Brien" as its run "o", and the "o" alone. */
static void test_wordix_holds_the_words(void **state)
{
    const char *t = "Team team, (team) team9 9team Team O'Brien o'Brien o xo \xe2\x80\x9cteam\xe2\x80\x9d";
    size_t len = strlen(t), spans[] = {0, 4, 35, 42};
    stance_wordix ix;
    (void)state;
    assert_int_equal(stance_wordix_build(&ix, t, len, spans, 2), STANCE_OK);
    assert_int_equal(ix.n, 4);
    assert_int_equal(stance_wordix_in_span(&ix, t, len, 0, len, 'o', t + 35, 7), 1);
    assert_int_equal(stance_wordix_in_span(&ix, t, len, 0, 49, 'o', t + 35, 7), 0);
    assert_int_equal(stance_wordix_in_span(&ix, t, len, 5, 9, 't', t, 4), 1);
    assert_int_equal(stance_wordix_in_span(&ix, t, len, 6, 18, 't', t, 4), 1);
    assert_int_equal(stance_wordix_in_span(&ix, t, len, 18, len, 't', t, 4), 0);
    stance_wordix_free(&ix);
    assert_int_equal(stance_wordix_build(&ix, t, len, spans, 0), STANCE_OK);
    assert_null(ix.t); /* nothing to index: no index, the search answers */
    assert_int_equal(stance_wordix_in_span(&ix, t, len, 0, len, 't', t, 4), 1);
}

/* A run over 64 bytes is not indexed (the search answers for it), and a run
 * is keyed whole: "will" is not "Lily" (a key seeded by the first letter
 * made the two collide, an occurrence of "will" indexed for nothing). */
static void test_wordix_long_runs_and_keys(void **state)
{
    char t[256], lower[80];
    size_t len, spans[4];
    stance_wordix ix;
    (void)state;
    memset(lower, 'q', 70);
    lower[70] = 0;
    snprintf(t, sizeof t, "Lily said Q%s stands; the will and q%s and lily.", lower + 1, lower + 1);
    len = strlen(t);
    spans[0] = 0, spans[1] = 4, spans[2] = 10, spans[3] = 80;
    assert_int_equal(stance_wordix_build(&ix, t, len, spans, 2), STANCE_OK);
    assert_ptr_equal(ix.t, t);
    assert_int_equal(ix.n, 1); /* "lily" alone */
    assert_int_equal(stance_wordix_in_span(&ix, t, len, 0, len, 'l', t, 4), 1);
    assert_int_equal(stance_wordix_in_span(&ix, t, len, 0, len - 6, 'l', t, 4), 0);
    assert_int_equal(stance_wordix_in_span(&ix, t, len, 0, len, 'q', t + 10, 70), 1);
    assert_int_equal(stance_wordix_in_span(&ix, t, len, 0, 150, 'q', t + 10, 70), 0);
    assert_int_equal(stance_wordix_in_span(&ix, t, len, 0, len, 'w', "will", 4), 1);
    stance_wordix_free(&ix);
}

/* stance_next_upper_or_high() against a byte loop: every byte value at every
 * place of a 40-byte buffer (both sides of the sixteen-byte steps), from every
 * start, with the buffer's end cut at every length; and stance_chunk_next()
 * against stance_hspace() byte by byte on white space of every kind. */
static void test_next_upper_or_high_and_chunks(void **state)
{
    char b[40];
    (void)state;
    for (int v = 0; v < 256; v++)
        for (size_t at = 0; at < sizeof b; at += 3) {
            memset(b, 'x', sizeof b);
            b[at] = (char)v;
            b[(at * 7 + 5) % sizeof b] = 'q';
            for (size_t len = 0; len <= sizeof b; len += (len < 20 ? 1 : 7))
                for (size_t i = 0; i <= len; i += (i < 18 ? 1 : 5)) {
                    size_t want = i;
                    while (want < len && !((unsigned char)b[want] >= 0x80 || (b[want] >= 'A' && b[want] <= 'Z')))
                        want++;
                    assert_int_equal(stance_next_upper_or_high(b, i, len), want);
                }
        }
    {
        const char t[] = "Ann\xc2\xa0Lee\xe2\x80\x82said\xc2\xa9x\xe2\x80\x94y\t\v Zed\xe2\x80\x8a";
        const char *want[] = {"Ann", "Lee", "said\xc2\xa9x\xe2\x80\x94y", "Zed"};
        size_t i = 0, ws, we, n = 0, len = sizeof t - 1;
        while (stance_chunk_next(t, &i, len, len, &ws, &we)) {
            assert_true(n < 4);
            assert_int_equal(we - ws, strlen(want[n]));
            assert_memory_equal(t + ws, want[n], we - ws);
            assert_true(we == len || stance_hspace(t, we, len));
            n++;
        }
        assert_int_equal(n, 4);
    }
    {
        /* random texts of letters, white space of every kind, line breaks,
         * control bytes and other non-ASCII characters: the same chunks as a
         * byte-by-byte reference, from every start, with every end */
        static const char *const piece[] = {"a", "Bc", "defghijk", " ", "\t", "\n", "\r", "\xc2\xa0", "\xe2\x80\x82",
                                            "\xe2\x80\x94", "\xc3\xa9", "\x01", "!", "\xe2\x80\x8a", "\xc2"};
        char t[64];
        uint64_t r = 0x9e3779b97f4a7c15u;
        for (int round = 0; round < 3000; round++) {
            size_t len = 0;
            while (len < 40) {
                const char *p;
                r ^= r << 13, r ^= r >> 7, r ^= r << 17;
                p = piece[r % (sizeof piece / sizeof *piece)];
                memcpy(t + len, p, strlen(p));
                len += strlen(p);
            }
            for (size_t e = 0; e <= len; e += 1 + round % 3) {
                size_t i = round % 5, ri = i, ws, we;
                for (;;) {
                    size_t rws, rwe, h;
                    /* the inline form (stance_chunk_next_in()) on odd rounds */
                    int got = round & 1 ? stance_chunk_next_in(t, &i, e, len, &ws, &we)
                                        : stance_chunk_next(t, &i, e, len, &ws, &we),
                        want;
                    while (ri < e && (h = (size_t)stance_hspace(t, ri, len)))
                        ri += h;
                    want = ri < e;
                    assert_int_equal(got, want);
                    if (!want)
                        break;
                    rws = ri;
                    while (ri < e && !stance_hspace(t, ri, len))
                        ri++;
                    rwe = ri;
                    assert_int_equal(ws, rws);
                    assert_int_equal(we, rwe);
                    assert_int_equal(i, ri);
                }
            }
        }
    }
}

/* stance_agent_noun(): the form of a noun of a person who does something, one suffix list */
static void test_agent_noun(void **state)
{
    static const char *const yes[] = {"member", "councillor", "referee", "strategist", "politician", "chairman", "user"};
    static const char *const no[] = {"man", "members", "voted", "Referee", "co-founder", "internationalization", "statement"};
    (void)state;
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (!stance_agent_noun(yes[i], 0, strlen(yes[i])))
            fail_msg("%s: not an agent noun", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (stance_agent_noun(no[i], 0, strlen(no[i])))
            fail_msg("%s: an agent noun", no[i]);
}

/* stance_nbsp_at(): U+00A0 by its two bytes, the second within the length;
 * stance_hspace() gives it 2, STANCE_NBSP is the same two bytes. */
static void test_nbsp_at(void **state)
{
    static const char t[] = "Tom\u00a0Vance \u00c2 x\u2000";
    const size_t n = sizeof t - 1, at = 3;
    (void)state;
    assert_int_equal(strlen(STANCE_NBSP), 2);
    assert_memory_equal(t + at, STANCE_NBSP, 2);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(stance_nbsp_at(t, i, n), i == at);
        assert_int_equal(stance_hspace(t, i, n) == 2, i == at);
    }
    assert_false(stance_nbsp_at(t, at, at + 1)); /* its second byte cut by the length */
    assert_int_equal(stance_hspace(t, at, at + 1), 0);
    assert_false(stance_nbsp_at("\xc2", 0, 1));
}

/* stance_nbsp_ends(): U+00A0 as the last two bytes of [lo, e), both within
 * it; the 0xA0 that ends another character ("\u00e0" is C3 A0, "\u2020" is
 * E2 80 A0) is none. */
static void test_nbsp_ends(void **state)
{
    static const char t[] = "said,\u00a0Mendi\u00e0\u2020\u00a0";
    const size_t n = sizeof t - 1, at = 5; /* the first no-break space: t[5, 7) */
    (void)state;
    for (size_t e = 0; e <= n; e++)
        assert_int_equal(stance_nbsp_ends(t, 0, e), e == at + 2 || e == n);
    assert_true(stance_nbsp_ends(t, at, at + 2));
    assert_false(stance_nbsp_ends(t, at + 1, at + 2)); /* its first byte before lo */
    assert_false(stance_nbsp_ends(t, at, at + 1));
    assert_false(stance_nbsp_ends("\xa0", 0, 1));
}

/* stance_dash_at(): U+2013, U+2014, U+2015 with all three bytes within the
 * length; U+2012, U+2016, '-' and "--" are none. */
static void test_dash_at(void **state)
{
    static const char t[] = "a\u2013b\u2014c\u2015d\u2012e\u2016f-g--h";
    const size_t n = sizeof t - 1;
    (void)state;
    for (size_t i = 0; i < n; i++)
        assert_int_equal(stance_dash_at(t, i, n), i == 1 || i == 5 || i == 9);
    assert_false(stance_dash_at(t, 1, 3)); /* its last byte cut by the length */
    assert_true(stance_dash_at(t, 1, 4));
}

/* stance_dateline_mark(): the mark after a dateline's place name, past
 * spaces (a no-break space too): a dash (en, em, horizontal bar), '-' or '('
 * ("(AP)"); a comma, a word or the end of the text is none, and the text
 * ends where its length says. */
static void test_dateline_mark(void **state)
{
    static const struct {
        const char *t;
        int yes;
    } CASES[] = {
        {"RIVERTON \u2014 The", 1}, {"Riverton\u2014The", 1},  {"Riverton \u2013 The", 1}, {"Riverton \u2015 x", 1},
        {"DOVER - The", 1},         {"DOVER (AP) \u2014", 1},  {"Dover\u00a0\u2014 x", 1},  {"Dover  \t- x", 1},
        {"Dover, Dec. 8 -", 0},     {"Dover said -", 0},       {"Dover \u2012 x", 0},      {"Dover \u201c", 0},
        {"Dover", 0},               {"Dover   ", 0},
    };
    (void)state;
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        size_t e = strcspn(CASES[i].t, " \t,\xc2\xe2-(");
        if (stance_dateline_mark(CASES[i].t, strlen(CASES[i].t), e) != CASES[i].yes)
            fail_msg("%s after %zu bytes", CASES[i].t, e);
    }
    assert_false(stance_dateline_mark("DOVER \u2014", 7, 5)); /* the dash cut by the length */
    assert_false(stance_dateline_mark("DOVER -", 6, 5));
    assert_true(stance_dateline_mark("DOVER -", 7, 5));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lexicon_sorted_unique),
        cmocka_unit_test(test_lexicon_lookup),
        cmocka_unit_test(test_lexicon_classes_lower),
        cmocka_unit_test(test_lexicon_rules_lower),
        cmocka_unit_test(test_lexicon_known_lists),
        cmocka_unit_test(test_lexicon_noun_gender),
        cmocka_unit_test(test_poss_start),
        cmocka_unit_test(test_possessive_at),
        cmocka_unit_test(test_ascii_caseeq),
        cmocka_unit_test(test_lexicon_find_every_entry),
        cmocka_unit_test(test_b8_tests),
        cmocka_unit_test(test_tokens_kinds),
        cmocka_unit_test(test_tokens_unicode_shape),
        cmocka_unit_test(test_tokens_letter_case_inline),
        cmocka_unit_test(test_tokens_sentences_paragraphs),
        cmocka_unit_test(test_tokens_offset_lookup),
        cmocka_unit_test(test_tokens_bad_arguments),
        cmocka_unit_test(test_tokens_cover_text),
        cmocka_unit_test(test_tokens_word_class_one_definition),
        cmocka_unit_test(test_wordix_same_answers),
        cmocka_unit_test(test_wordix_holds_the_words),
        cmocka_unit_test(test_wordix_long_runs_and_keys),
        cmocka_unit_test(test_next_upper_or_high_and_chunks),
        cmocka_unit_test(test_agent_noun),
        cmocka_unit_test(test_dateline_mark),
        cmocka_unit_test(test_nbsp_at),
        cmocka_unit_test(test_nbsp_ends),
        cmocka_unit_test(test_dash_at),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
