/* test_names.c - the name scan (lib/names.c) on sentences written for these
 * tests: what it works out in one pass agrees with the functions that work
 * the same out on their own. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "names.h"
#include "quotes.h"

/* The name runs of text[0, n) into *l (stance_quotelist_clear() it). */
static void runs_of(const char *text, size_t n, stance_quotelist *l)
{
    stance_qpatterns *p = NULL;
    stance_error err;
    assert_int_equal(stance_quotes_compile(&p, &err), STANCE_OK);
    assert_int_equal(stance_quotes_extract(p, text, n, 0, l, &err), STANCE_OK);
    stance_quotes_free(p);
}

/* Each run's gender is stance_names_gender() of its bare name [bare,
 * last_end), which mentions.c relies on: the scan takes it from the classes of
 * the first word it has looked up, plus the title before the name. Titles
 * before and inside runs, first names of either list, of both (Lindsey) and of
 * none, one-word runs, possessives, a comma after the name, non-ASCII names,
 * a sentence opener and a run that starts with a title word. */
static void test_names_scan_gender(void **state)
{
    static const char text[] =
        "Mrs. Jane Roe met Mr. John Doe and Ms. Ada Quist on Monday. Sen. Mary Smith said it. "
        "Lindsey Graham spoke, then Kelly Brown and Pat Lee. Miss Rose Tyler was there. "
        "Congresswoman Lee Fox said so; Congressman Al Green did not. \xc3\x89lise Dupont and "
        "\xc5\x81ukasz Nowak came with Anna Kowalska's husband. Said Jane Roe: no. Jones, Smith and Brown left. "
        "Gov. Greg Abbott, a Republican, met Dr. Amy Acton, Interim DNC Chairwoman Donna Brazile "
        "and President Joe Biden Jr. at the White House. \"Karen Bass,\" she wrote. Certainly Mark Kelly agreed. "
        "David said, and Sarah answered. Mrs. Clinton and Mr. Trump met.";
    stance_quotelist l = {0};
    size_t known = 0;
    (void)state;
    runs_of(text, sizeof text - 1, &l);
    assert_true(l.names.n > 20);
    for (size_t i = 0; i < l.names.n; i++) {
        const stance_name *nm = &l.names.v[i];
        int g = stance_names_gender(text, nm->bare, nm->last_end);
        if (nm->gender != g)
            fail_msg("run \"%.*s\": gender %d, stance_names_gender() %d", (int)(nm->last_end - nm->bare),
                     text + nm->bare, nm->gender, g);
        known += g != STANCE_G_UNKNOWN;
    }
    assert_true(known > 10); /* both ways of knowing a gender are at work */
    stance_quotelist_clear(&l);
}

/* t[a, a + an) against t[b, b + bn): bytes, then length (by_last's surname order). */
static int plain_cmp(const char *t, size_t a, size_t an, size_t b, size_t bn)
{
    int c = memcmp(t + a, t + b, an < bn ? an : bn);
    return c ? c : an == bn ? 0 : an < bn ? -1 : 1;
}

/* stance_names_surname_at() finds what a linear search of by_last finds:
 * the first run whose surname is not below the one asked for, for every
 * run's surname (some share their first 8 bytes, some are shorter than 8 or
 * non-ASCII) and for words between and beyond them. */
static void test_names_surname_search(void **state)
{
    static const char *const first[] = {"Jane", "John Q.", "Mary Ann", "Sen. Bob"};
    static const char *const last[] = {"Abercrombie", "Abercromby", "Abercrombies", "Roe", "Doe", "\xc5\x81ukasz",
                                       "Xi", "Abercrombie-Fitch", "Ab", "Zola", "O'Neil", "Abercrombi"};
    static const char probes[] = "Aa Abercrom Abercrombiez Rof Zz Do \xc5\x80 Abercrombie Xi";
    char text[4096];
    size_t n = 0, p0;
    stance_quotelist l = {0};
    (void)state;
    for (unsigned i = 0; i < 48; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "On Monday %s %s spoke. ", first[i % 4], last[(i * 5 + i / 12) % 12]);
    p0 = n;
    memcpy(text + n, probes, sizeof probes);
    n += sizeof probes - 1;
    runs_of(text, n, &l);
    assert_true(l.names.n > 40);
    for (size_t q = 0; q < l.names.n + 9; q++) {
        size_t s, e, want = 0, got;
        if (q < l.names.n) {
            s = l.names.v[q].last;
            e = l.names.v[q].last_end;
        } else { /* the probe words after the runs */
            size_t k = q - l.names.n, i = p0;
            while (k-- && i < n)
                i = (size_t)(strchr(text + i, ' ') - text) + 1;
            s = i;
            e = strchr(text + i, ' ') ? (size_t)(strchr(text + i, ' ') - text) : n;
        }
        while (want < l.names.n) {
            const stance_name *c = &l.names.v[l.names.by_last[want]];
            if (plain_cmp(text, c->last, c->last_end - c->last, s, e - s) >= 0)
                break;
            want++;
        }
        got = stance_names_surname_at(&l.names, text, text + s, e - s);
        if (got != want)
            fail_msg("\"%.*s\": %zu, the linear search %zu", (int)(e - s), text + s, got, want);
    }
    stance_quotelist_clear(&l);
}

/* The surname of a bare name is keyed after a particle of up to four letters
 * and its hyphen ("al-" of "Anwar al-Awlaki", "van-" of "Ann van-Dyke",
 * "Ibn-" of "Ibn-Rushd"), and not after a longer particle ("della-Rosa"), nor
 * after a hyphen that follows no particle ("Smith-Jones", "Ng-Lee"), nor with
 * nothing or a lowercase letter after the hyphen ("Al-", "al-awlaki"). */
static void test_names_particle_hyphen(void **state)
{
    static const struct {
        const char *text;
        size_t last; /* where *last should be: from the text's start */
    } cases[] = {
        {"Anwar al-Awlaki", 9},  {"Anwar Al-Awlaki", 9}, {"Ann van-Dyke", 8},  {"Tom Ibn-Rushd", 8},
        {"Mia della-Rosa", 4},  {"Bo Smith-Jones", 3},  {"Kim Ng-Lee", 4},    {"Jo Al-", 3},
        {"Jo al-awlaki", 3},     {"Jo al-A", 6},         {"Jo de-", 3},        {"Ed xyz-Abc", 3},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t s = 0, e = strlen(cases[i].text), last = SIZE_MAX;
        assert_int_equal(stance_names_bare(cases[i].text, &s, &e, &last), 2);
        if (last != cases[i].last)
            fail_msg("%s: last at %zu, not %zu", cases[i].text, last, cases[i].last);
    }
}

/* A bare name drops its possessive (stance_poss_start(), #15): "'s", "\u2019s",
 * in capitals too, a plural's apostrophe, straight or curly, and a closing
 * quote mark; its end is where the name's letters end. */
static void test_names_bare_possessive(void **state)
{
    static const char *const texts[] = {"Tom Park's",        "Tom Park\u2019s",  "TOM PARK'S", "TOM PARK\u2019S",
                                        "Tom Parks'",        "Tom Parks\u2019",  "Tom Park'",  "Tom Park",
                                        "Tom Park (R)",      "Tom Park\u00a0(R)", "Tom Parkà (R)", "Tom Parkà\u00a0(R)"};
    /* a party suffix goes with the spaces before it, a no-break one whole: not the "à" (C3 A0) before it */
    static const size_t ends[] = {8, 8, 8, 8, 9, 9, 8, 8, 8, 8, 10, 10};
    (void)state;
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        size_t s = 0, e = strlen(texts[i]), last = SIZE_MAX;
        unsigned n = stance_names_bare(texts[i], &s, &e, &last);
        if (n != 2 || e != ends[i] || last != 4)
            fail_msg("%s: %u tokens, bare name [%zu, %zu), last at %zu", texts[i], n, s, e, last);
    }
}

/* A word of capitals and digits that ends in a capital opens a run ("G4S
 * Secure Solutions"); one that ends in a digit ("G20") does not. */
static void test_names_capitals_digits(void **state)
{
    static const char text[] = "G4S Secure Solutions hired him. The G20 Summit met.";
    static const char *const want[] = {"G4S Secure Solutions", "Summit"};
    stance_quotelist l = {0};
    (void)state;
    runs_of(text, sizeof text - 1, &l);
    for (size_t w = 0; w < sizeof want / sizeof *want; w++) {
        size_t i = 0, n = strlen(want[w]);
        while (i < l.names.n && !(l.names.v[i].last_end - l.names.v[i].bare == n &&
                                  memcmp(text + l.names.v[i].bare, want[w], n) == 0))
            i++;
        if (i == l.names.n)
            fail_msg("no run \"%s\"", want[w]);
    }
    stance_quotelist_clear(&l);
}

/* The run of @p l whose bare name is @p want, or NULL. */
static const stance_name *bare_run(const char *text, const stance_quotelist *l, const char *want)
{
    size_t n = strlen(want);
    for (size_t i = 0; i < l->names.n; i++)
        if (l->names.v[i].last_end - l->names.v[i].bare == n && memcmp(text + l->names.v[i].bare, want, n) == 0)
            return &l->names.v[i];
    return NULL;
}

/* A month that is also a first name (June, April) opens a name before an
 * ordinary capitalised word, after a title or a role noun, at a sentence's
 * start; not in a time phrase ("a June", "in April", "last June", "14 June"),
 * nor before a day, a number or a function word (blind trial 17: "Labor
 * historian June Pellegrini"). */
static void test_names_month_first_name(void **state)
{
    static const char text[] = "Labor historian June Pellegrini spoke. April Mellody, a spokeswoman, agreed. "
                               "Dr. June Oakes came. At a June Tarrant rally, he spoke. Since April Voss "
                               "has said so. We met last June Kessler there. On 14 June Halvard left. "
                               "In June Marlow won.";
    static const char *const names[] = {"June Pellegrini", "April Mellody", "June Oakes"};
    static const char *const months[] = {"Tarrant", "Voss", "Kessler", "Halvard", "Marlow"};
    stance_quotelist l = {0};
    (void)state;
    runs_of(text, sizeof text - 1, &l);
    for (size_t w = 0; w < sizeof names / sizeof *names; w++) {
        const stance_name *nm = bare_run(text, &l, names[w]);
        if (!nm || nm->gender != STANCE_G_FEMALE || nm->ntok != 2)
            fail_msg("no female run \"%s\"", names[w]);
    }
    for (size_t w = 0; w < sizeof months / sizeof *months; w++) {
        const stance_name *nm = bare_run(text, &l, months[w]);
        if (!nm || nm->gender != STANCE_G_UNKNOWN)
            fail_msg("no run \"%s\" after its month", months[w]);
    }
    stance_quotelist_clear(&l);
}

/* Capitalised words joined by " & " are one organisation's name, keyed whole
 * (no surname: "Harlan & Harlan" is no Woody Harlan); initials joined by "&"
 * are one word ("BT&W"). Before a title, a first name or a function word the
 * "&" joins two names, and the run ends before it. */
static void test_names_ampersand(void **state)
{
    static const char text[] = "Northline Power & Light told the board. Woody Harlan, heir to Harlan & Harlan, "
                               "spoke. BT&W said no. Rudy Voss & Sen. Jeff Sessions met. Jim & Sarah left. "
                               "Ann Roe & I agreed.";
    static const char *const whole[] = {"Northline Power & Light", "Harlan & Harlan", "BT&W"};
    static const char *const parts[] = {"Rudy Voss", "Jeff Sessions", "Jim", "Sarah", "Ann Roe", "Woody Harlan"};
    stance_quotelist l = {0};
    (void)state;
    runs_of(text, sizeof text - 1, &l);
    for (size_t w = 0; w < sizeof whole / sizeof *whole; w++) {
        const stance_name *nm = bare_run(text, &l, whole[w]);
        if (!nm || nm->last != nm->bare)
            fail_msg("no run \"%s\" keyed whole", whole[w]);
    }
    for (size_t w = 0; w < sizeof parts / sizeof *parts; w++)
        if (!bare_run(text, &l, parts[w]))
            fail_msg("no run \"%s\"", parts[w]);
    stance_quotelist_clear(&l);
}

/* stance_first_name_gender(): the one reading of FIRST_M / FIRST_F (names.c's
 * runs, speakers.c's "his wife, Jane,"); a name on both lists is no gender. */
static void test_first_name_gender(void **state)
{
    (void)state;
    assert_int_equal(stance_first_name_gender(stance_lex_classes("Tom", 3)), STANCE_G_MALE);
    assert_int_equal(stance_first_name_gender(stance_lex_classes("Jane", 4)), STANCE_G_FEMALE);
    assert_int_equal(stance_first_name_gender(stance_lex_classes("Lindsey", 7)), STANCE_G_UNKNOWN);
    assert_int_equal(stance_first_name_gender(stance_lex_classes("Park", 4)), STANCE_G_UNKNOWN);
    assert_int_equal(stance_first_name_gender(stance_lex_classes("tom", 3)), STANCE_G_UNKNOWN); /* as written */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_scan_gender),
        cmocka_unit_test(test_names_surname_search),
        cmocka_unit_test(test_names_particle_hyphen),
        cmocka_unit_test(test_names_bare_possessive),
        cmocka_unit_test(test_first_name_gender),
        cmocka_unit_test(test_names_capitals_digits),
        cmocka_unit_test(test_names_month_first_name),
        cmocka_unit_test(test_names_ampersand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
