/* pathological.h - generators of hostile article texts, shared by
 * tests/test_pathological.c (moderate sizes, correctness) and
 * bench/pathological/bench_pathological.c (1 MB vs 8 MB, time per MB).
 * Every text is written by these functions; none comes from real articles.
 * Each generator fills exactly @p size bytes of valid UTF-8 (NUL bytes
 * included where the case says so) into a malloc'd buffer. */
#ifndef STANCE_PATHOLOGICAL_H
#define STANCE_PATHOLOGICAL_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stance.h"

typedef struct patho_case {
    const char *name;
    const char *what;
    void (*fill)(char *buf, size_t size);
    size_t n_actors; /* actors passed to stance_classify (patho_actors) */
} patho_case;

/* Repeat @p unit to fill size bytes; the tail is padded with spaces so no
 * multi-byte sequence is cut. */
static void patho_repeat_n(char *buf, size_t size, const char *unit, size_t n)
{
    size_t i = 0;
    while (i + n <= size) {
        memcpy(buf + i, unit, n);
        i += n;
    }
    memset(buf + i, ' ', size - i);
}

static void patho_repeat(char *buf, size_t size, const char *unit)
{
    patho_repeat_n(buf, size, unit, strlen(unit));
}

static void patho_no_punct(char *buf, size_t size)
{
    patho_repeat(buf, size, "the council members spoke about the harbor bridge and the budget for many hours ");
}

static void patho_quote_marks(char *buf, size_t size)
{
    memset(buf, '"', size);
}

/* The repeated units of some cases, so that tests can count on them. */
#define PATHO_MANY_QUOTES_UNIT "\"We are proud of it,\" said Jo Lee. "
#define PATHO_NUL_BYTES_UNIT "\"The plan failed us\0 and it is a disgrace,\" said Ana Diaz.\0 Park spoke. "
#define PATHO_MENTIONS_UNIT "Person 0 met Person 0. "

static void patho_many_quotes(char *buf, size_t size)
{
    patho_repeat(buf, size, PATHO_MANY_QUOTES_UNIT);
}

static void patho_one_quote(char *buf, size_t size)
{
    static const char tail[] = "\" said Ana Diaz.";
    size_t t = sizeof tail - 1;
    if (size < t + 2) {
        memset(buf, ' ', size);
        return;
    }
    buf[0] = '"';
    patho_repeat(buf + 1, size - 1 - t, "we praised the team and the team failed us ");
    memcpy(buf + size - t, tail, t);
}

/* Curly double and single marks opened deeper and deeper, then closed. */
static void patho_nested(char *buf, size_t size)
{
    static const char open2[] = "\xe2\x80\x9c", open1[] = "\xe2\x80\x98";
    static const char close1[] = "\xe2\x80\x99", close2[] = "\xe2\x80\x9d";
    size_t depth = size / 2 / 4, i = 0; /* each level: 3-byte mark + 1 letter, twice */
    for (size_t d = 0; d < depth; d++) {
        memcpy(buf + i, d % 2 ? open1 : open2, 3);
        buf[i + 3] = 'a';
        i += 4;
    }
    for (size_t d = depth; d-- > 0;) {
        memcpy(buf + i, d % 2 ? close1 : close2, 3);
        buf[i + 3] = 'b';
        i += 4;
    }
    memset(buf + i, ' ', size - i);
}

/* Ordinary article sentences with NUL bytes every so often. */
static void patho_nul_bytes(char *buf, size_t size)
{
    static const char unit[] = PATHO_NUL_BYTES_UNIT;
    patho_repeat_n(buf, size, unit, sizeof unit - 1);
}

/* One actor mentioned over and over. */
static void patho_mentions(char *buf, size_t size)
{
    patho_repeat(buf, size, PATHO_MENTIONS_UNIT);
}

/* Every quote has a different speaker (discovery must not compare all pairs). */
static void patho_speakers(char *buf, size_t size)
{
    size_t i = 0, k = 0;
    while (i < size) {
        char unit[64];
        int n = snprintf(unit, sizeof unit, "\"Yes,\" said Ann%c%c%c Lee%c%c%c. ", 'a' + (int)(k % 26),
                         'a' + (int)(k / 26 % 26), 'a' + (int)(k / 676 % 26), 'a' + (int)(k / 17576 % 26),
                         'a' + (int)(k / 456976 % 26), 'a' + (int)(k / 11881376 % 26));
        if (i + (size_t)n > size)
            break;
        memcpy(buf + i, unit, (size_t)n);
        i += (size_t)n;
        k++;
    }
    memset(buf + i, ' ', size - i);
}

/* One paragraph: runs of stray quote marks between attributed quotes, so
 * many quotes inherit a speaker from a neighbour (each once looked for its
 * source from the start of the text: quadratic). */
static void patho_inherit(char *buf, size_t size)
{
    static const char marks[] = "\"a\" \"\" b\"c", quote[] = "\"We go,\" Al Rey said. ";
    for (size_t k = 0; k < size; k++)
        buf[k] = k % 100 < 50 ? marks[k % 10] : quote[k % 22];
}

/* An article in which a few of the many actors appear. */
static void patho_actor_text(char *buf, size_t size)
{
    patho_repeat(buf, size, "\"Person 17 failed the city,\" said Person 4000. Others praised Person 99. ");
}

/* n actors "Person <i>" with one alias each, in static storage. */
static const stance_actor *patho_actors(size_t n)
{
    static stance_actor actors[STANCE_MAX_ACTORS];
    static char names[STANCE_MAX_ACTORS][24], alias[STANCE_MAX_ACTORS][24];
    static const char *aliases[STANCE_MAX_ACTORS][1];
    if (n > STANCE_MAX_ACTORS)
        n = STANCE_MAX_ACTORS;
    for (size_t i = 0; i < n; i++) {
        snprintf(names[i], sizeof names[i], "Person %zu", i);
        snprintf(alias[i], sizeof alias[i], "P. %zu", i);
        aliases[i][0] = alias[i];
        actors[i].name = names[i];
        actors[i].aliases = aliases[i];
        actors[i].n_aliases = 1;
    }
    return actors;
}

static const patho_case patho_cases[] = {
    {"no_punct", "text with no punctuation at all", patho_no_punct, 0},
    {"quote_marks", "nothing but straight quote marks", patho_quote_marks, 0},
    {"many_quotes", "a short attributed quote, repeated", patho_many_quotes, 0},
    {"one_quote", "the whole text inside one quote", patho_one_quote, 0},
    {"nested", "curly quote marks nested to depth size/8", patho_nested, 0},
    {"nul_bytes", "NUL bytes in the middle of sentences", patho_nul_bytes, 0},
    {"mentions", "one actor mentioned again and again", patho_mentions, 1},
    {"speakers", "every quote with a different speaker", patho_speakers, 0},
    {"inherit", "stray marks and attributed quotes in one paragraph", patho_inherit, 0},
    {"actors", "4096 actors with an alias each", patho_actor_text, STANCE_MAX_ACTORS},
};
#define PATHO_N_CASES (sizeof patho_cases / sizeof patho_cases[0])
#endif
