/* test_record.c - a JSONL record read without jansson (tr_record_parse's fast
 * path: cli_json_members() in src/cli_input.c, fast_record() in
 * training/trainer.c) gives what jansson's parse gives (tr_record_parse_json):
 * the same fields for every record, and for every bad record the same
 * failure with the same message. Records are built at random from pieces,
 * hostile ones among them (bad escapes, lone surrogates, raw controls,
 * "\u0000", repeated and escaped keys, non-objects, trailing garbage, a text
 * that is no string, spans outside the text, big numbers), then cut, spliced
 * and damaged. */
#include "config.h"

#include <jansson.h>
#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli_input.h"
#include "trainer.h"

static const char *const text_pieces[] = {
    "plain words ", "\\\"", "\\\\", "\\/", "\\b\\f\\n\\r\\t", "\\u00e9", "\\uD83D\\uDE00", "\\u2019", "caf\xc3\xa9",
    "\xe2\x80\x9c", "\xf0\x9f\x98\x80", "{\\\"text\\\": 1}", "Ines Harrowgate said ",
    /* refused by jansson (text_pieces_bad from here) */
    "\\u0000", "\\ud83d", "\\ude00", "\\ud83d\\u0041", "\\q", "\\u12G4", "\t", "\x01", "\xff", "\xc0\xaf",
    "\xed\xa0\x80", "\xc3", "\xf4\x90\x80\x80", "\""};
#define TEXT_GOOD 13
#define TEXT_ALL (sizeof text_pieces / sizeof *text_pieces)

static const char *const values[] = {
    "null", "true", "false", "0", "-0", "17", "-3", "4.0", "0.25", "-12.5", "[]", "[1, 2]", "[[88, 92]]",
    "[[0, 4], [6, 10]]", "[ [1 ,2] ]", "\"r7\"", "\"favor\"", "\"stance\"", "\"sentiment\"", "\"\"",
    "\"caf\\u00e9\"", "[\"a\", [true, null]]",
    /* in doubt for the fast path, or refused by jansson */
    "{}", "{\"a\": 1}", "[{\"b\": 2}]", "1e3", "1E400", "-1e-400", "12345678901234567890", "123456789012345678901234567890.5",
    "01", "1.", ".5", "+1", "-", "tru", "nul", "[1,]", "[,1]", "\"\\u0000\"", "\"\\q\"", "\"a\tb\"", "\"\xff\"",
    "[[-1, 2]]", "[[3, 2]]", "[[0, 100000]]", "[[0.5, 1]]", "[[1, 2, 3]]", "[1]", "[[\"1\", 2]]", "\"[[0, 1]]\"",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", "[[9223372036854775807, 1]]"};
#define VALUES_GOOD 22
#define VALUES_ALL (sizeof values / sizeof *values)

static const char *const keys[] = {"id", "task", "label", "subset", "target", "context", "orig_score", "target_spans",
                                   "text", "relation", "source", "coref_spans", "", "te\\u0078t", "la\\u0062el", "n_targets_in_text"};
#define KEYS_N (sizeof keys / sizeof *keys)

static size_t put(char *b, size_t n, size_t cap, const char *s)
{
    size_t l = strlen(s);
    if (n + l < cap) {
        memcpy(b + n, s, l);
        n += l;
    }
    return n;
}

static int hostile; /* the record being made is hostile */

static const char *ws(void)
{
    static const char *const w[] = {"", "", "", " ", " ", "  ", "\t", "\r\n", "\f"};
    return w[rand() % (rand() % 4 ? 6 : hostile ? 9 : 8)];
}

/* A value for @p key in a well-formed record. */
static const char *good_value(const char *key)
{
    static const char *const strs[] = {"\"r7\"", "\"favor\"", "\"stance\"", "\"\"", "\"caf\\u00e9\"", "null"};
    static const char *const spans[] = {"[[0, 4]]", "[]", "null", "[ [1 ,2] ]", "[[0, 1], [2, 3]]"};
    if (!strcmp(key, "target_spans"))
        return spans[rand() % 5];
    if (!strcmp(key, "id") || !strcmp(key, "orig_score"))
        return values[3 + rand() % 7];
    if (!strcmp(key, "source") || !strcmp(key, "coref_spans") || !strcmp(key, "n_targets_in_text") || !*key)
        return values[rand() % VALUES_GOOD];
    return strs[rand() % 6];
}

/* One record: mostly what NewsMTSC and our own data look like (each key at
 * most once, values of their kind), hostile one time in three. */
static size_t make_record(char *b, size_t cap)
{
    int members = rand() % 9, have_text = 0;
    unsigned used = 0;
    size_t n = 0;
    hostile = rand() % 3 == 0;
    n = put(b, n, cap, ws());
    n = put(b, n, cap, hostile && rand() % 10 == 0 ? "[" : "{");
    for (int k = 0; k < members || (!have_text && k < 12); k++) {
        size_t ki = k == members ? 8 : (size_t)rand() % (hostile ? KEYS_N : KEYS_N - 3);
        const char *key = keys[ki];
        if (!hostile && (used >> ki & 1))
            continue;
        used |= 1u << ki;
        if (k)
            n = put(b, n, cap, ",");
        n = put(b, n, cap, ws());
        n = put(b, n, cap, "\"");
        n = put(b, n, cap, key);
        n = put(b, n, cap, "\"");
        n = put(b, n, cap, ws());
        n = put(b, n, cap, ":");
        n = put(b, n, cap, ws());
        if (!strcmp(key, "text") && (!hostile || rand() % 8)) {
            int pieces = rand() % 10;
            have_text = 1;
            n = put(b, n, cap, "\"");
            for (int p = 0; p < pieces; p++)
                n = put(b, n, cap, text_pieces[rand() % (hostile && rand() % 3 == 0 ? TEXT_ALL : TEXT_GOOD)]);
            n = put(b, n, cap, "\"");
        } else
            n = put(b, n, cap, hostile ? values[rand() % (rand() % 2 ? VALUES_ALL : VALUES_GOOD)] : good_value(key));
        n = put(b, n, cap, ws());
    }
    n = put(b, n, cap, "}");
    n = put(b, n, cap, ws());
    if (hostile && rand() % 4 == 0)
        n = put(b, n, cap, rand() % 2 ? "x" : "{}");
    if (hostile && n && rand() % 3 == 0) { /* cut, or one byte changed */
        if (rand() % 2)
            n = (size_t)rand() % n;
        else
            b[rand() % n] = (char)(rand() % 256);
    }
    b[n] = '\0';
    return n;
}

static void same_str(const char *a, const char *b)
{
    if (!a || !b)
        assert_ptr_equal(a, b);
    else
        assert_string_equal(a, b);
}

/* The two readers agree on @p line: the same result, message or fields. */
static int agree(const char *line, size_t n, int need_label)
{
    tr_record f, j;
    char ef[TR_ERRLEN] = "", ej[TR_ERRLEN] = "";
    int rf = tr_record_parse(line, n, need_label, &f, ef, sizeof ef);
    int rj = tr_record_parse_json(line, n, need_label, &j, ej, sizeof ej);
    assert_int_equal(rf, rj);
    if (rf) {
        assert_string_equal(ef, ej);
        return rf;
    }
    same_str(f.id, j.id);
    same_str(f.task, j.task);
    same_str(f.label, j.label);
    same_str(f.subset, j.subset);
    same_str(f.relation, j.relation);
    assert_int_equal(f.text_len, j.text_len);
    assert_memory_equal(f.text, j.text, j.text_len + 1);
    assert_int_equal(f.target_len, j.target_len);
    assert_int_equal(f.context_len, j.context_len);
    if (j.target)
        assert_memory_equal(f.target, j.target, j.target_len + 1);
    else
        assert_null(f.target);
    if (j.context)
        assert_memory_equal(f.context, j.context, j.context_len + 1);
    else
        assert_null(f.context);
    assert_int_equal(f.has_spans, j.has_spans);
    assert_int_equal(f.n_spans, j.n_spans);
    for (size_t i = 0; i < j.n_spans; i++) {
        assert_int_equal(f.spans[i].start, j.spans[i].start);
        assert_int_equal(f.spans[i].end, j.spans[i].end);
    }
    if (f.id_raw1 > f.id_raw0) { /* the id as written, where the scan for it finds it */
        size_t a = 0, b = 0;
        assert_int_equal(cli_json_id_raw(line, n, &a, &b), 0);
        assert_int_equal(a, f.id_raw0);
        assert_int_equal(b, f.id_raw1);
    }
    assert_int_equal(f.has_score, j.has_score);
    if (j.has_score)
        assert_memory_equal(&f.score, &j.score, sizeof f.score);
    tr_record_free(&f);
    tr_record_free(&j);
    return 0;
}

static void test_record_fast_agrees(void **state)
{
    char line[4096];
    size_t ok = 0, bad = 0, fast = 0;
    (void)state;
    srand(18);
    for (int round = 0; round < 60000; round++) {
        size_t n = make_record(line, sizeof line);
        cli_json_member m[64];
        if (cli_json_members(line, n, m, 64) >= 0)
            fast++;
        if (agree(line, n, round % 3 == 0))
            bad++;
        else
            ok++;
    }

    /* both kinds often, and the fast path taken on most good records */
    assert_true(ok > 15000 && bad > 15000);
    assert_true(fast > ok / 2);
}

/* What the scanner accepts jansson reads as an object with the same members,
 * in order; what it leaves to jansson includes every line jansson refuses. */
static void test_record_members(void **state)
{
    char line[4096];
    (void)state;
    srand(19);
    for (int round = 0; round < 60000; round++) {
        size_t n = make_record(line, sizeof line);
        cli_json_member m[64];
        int k = cli_json_members(line, n, m, 64);
        json_error_t jerr;
        json_t *o = json_loadb(line, n, JSON_REJECT_DUPLICATES, &jerr);
        if (k >= 0) {
            json_t *v;
            int i;
            assert_non_null(o);
            assert_true(json_is_object(o));
            assert_int_equal(json_object_size(o), (size_t)k);
            for (i = 0; i < k; i++) {
                char kb[64];
                assert_true(m[i].k1 - m[i].k0 < sizeof kb);
                memcpy(kb, line + m[i].k0, m[i].k1 - m[i].k0);
                kb[m[i].k1 - m[i].k0] = '\0';
                v = json_object_get(o, kb);
                assert_non_null(v);
                if (json_is_string(v)) { /* the token decodes to jansson's string */
                    char tok[4096];
                    size_t len;
                    memcpy(tok, line + m[i].v0, m[i].v1 - m[i].v0);
                    len = cli_json_unescape(tok, 0, m[i].v1 - m[i].v0);
                    assert_int_equal(len, json_string_length(v));
                    assert_memory_equal(tok, json_string_value(v), len);
                }
            }
        }
        json_decref(o);
    }
    { /* in doubt by design: the fast path leaves these to jansson */
        static const char *const doubt[] = {
            "{\"te\\u0078t\": \"x\"}", "{\"text\": \"a\", \"text\": \"b\"}", "{\"text\": \"a\", \"o\": {\"p\": 1}}",
            "{\"text\": \"a\", \"n\": 1e5}", "{\"text\": \"a\", \"n\": 1234567890123456789}", "{\"text\": \"\\u0000\"}",
            "{\"text\": \"a\"} x", "[\"text\"]", "{\"text\": \"a\",}", "\xef\xbb\xbf{\"text\": \"a\"}"};
        static const char plain[] = "{\"id\": \"a-1\", \"text\": \"Ines said so.\", \"target_spans\": [[0, 4]], \"x\": -2.5}";
        cli_json_member m[4];
        for (size_t i = 0; i < sizeof doubt / sizeof *doubt; i++)
            assert_int_equal(cli_json_members(doubt[i], strlen(doubt[i]), m, 4), -1);
        assert_int_equal(cli_json_members(plain, sizeof plain - 1, m, 4), 4);
        assert_int_equal(cli_json_members(plain, sizeof plain - 1, m, 3), -1);
        assert_memory_equal(plain + m[2].v0, "[[0, 4]]", m[2].v1 - m[2].v0);
    }
}

/* Hostile records one by one: the fast path's fall-back keeps jansson's messages. */
static void test_record_hostile(void **state)
{
    static const char *const lines[] = {
        "{\"text\": \"a\\qb\"}", "{\"text\": \"\\ud83d alone\"}", "{\"text\": \"\\ude00\"}", "{\"text\": \"raw\ttab\"}",
        "{\"text\": \"nul \\u0000 inside\"}", "{\"text\": \"a\", \"text\": \"b\"}", "{\"id\": 1, \"id\": 2, \"text\": \"t\"}",
        "[\"text\", \"a\"]", "\"text\"", "{\"text\": \"a\"} trailing", "{\"text\": \"a\"}{}", "{\"text\": 5}",
        "{\"text\": null}", "{\"text\": [\"a\"]}", "{\"id\": \"x\"}", "{\"text\": \"bad \xff utf8\"}",
        "{\"text\": \"a\", \"target_spans\": [[0, 9]]}", "{\"text\": \"abc\", \"target_spans\": [[2, 1]]}",
        "{\"text\": \"abc\", \"target_spans\": [[-1, 1]]}", "{\"text\": \"abc\", \"target_spans\": [1, 2]}",
        "{\"text\": \"abc\", \"target_spans\": {\"a\": 1}}", "{\"text\": \"abc\", \"target_spans\": \"[[0, 1]]\"}",
        "{\"text\": \"abc\", \"target\": 3}", "{\"text\": \"abc\", \"label\": null}", "{\"text\": \"abc\", \"task\": [1]}",
        "{\"text\": \"abc\", \"x\": 1e400}", "{\"text\": \"abc\", \"x\": 99999999999999999999999}",
        "{\"text\": \"abc\", \"x\": -99999999999999999999999}", "{\"text\": \"abc\", \"id\": 12.5}",
        "{\"text\": \"abc\", \"id\": -0, \"orig_score\": -0.5}", "{\"text\": \"abc\", \"orig_score\": 3}",
        "{\"text\": \"abc\", \"la\\u0062el\": \"favor\"}", "{\"text\": \"abc\",, \"label\": \"favor\"}",
        "{\"text\": \"abc\" \"label\": \"favor\"}", "{\"text\": \"abc\", \"label\": \"favor\"", "{}", "",
        "{\"text\": \"abc\", \"label\": \"favor\", \"target_spans\": [[0, 3], [1, 2]], \"id\": \"r1\"}"};
    (void)state;
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        agree(lines[i], strlen(lines[i]), 0);
        agree(lines[i], strlen(lines[i]), 1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_record_fast_agrees),
        cmocka_unit_test(test_record_members),
        cmocka_unit_test(test_record_hostile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
