/* test_json_out.c - the CLI's JSON writer and reader's fast path against
 * jansson. The streaming JSON writer (src/json_out.c) writes
 * exactly what jansson's json_dumps(JSON_COMPACT | JSON_ENSURE_ASCII |
 * JSON_REAL_PRECISION(6)) writes for the same strings, reals and integers,
 * and refuses what jansson refuses (a string that is not UTF-8). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <float.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_input.h"
#include "json_out.h"

#define FLAGS (JSON_COMPACT | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(6) | JSON_ENCODE_ANY)

static void same_as_jansson(json_t *v, json_out *w)
{
    char *want = json_dumps(v, FLAGS);
    assert_non_null(want);
    assert_false(w->failed);
    if (w->len != strlen(want) || memcmp(w->buf, want, w->len) != 0)
        fail_msg("writer: %.*s\njansson: %s", (int)w->len, w->buf, want);
    free(want);
    json_decref(v);
}

static void check_str(const char *s, size_t n)
{
    json_out w = JSON_OUT_INIT;
    json_t *v = json_stringn(s, n);
    char *want;
    assert_non_null(v);
    jo_str(&w, s, n);
    /* and without JSON_ENSURE_ASCII (w.utf8): what `stance predict` writes */
    want = json_dumps(v, (FLAGS) & ~(size_t)JSON_ENSURE_ASCII);
    same_as_jansson(v, &w);
    jo_reset(&w);
    w.utf8 = 1;
    jo_str(&w, s, n);
    assert_false(w.failed);
    if (w.len != strlen(want) || memcmp(w.buf, want, w.len) != 0)
        fail_msg("writer (utf8): %.*s\njansson: %s", (int)w.len, w.buf, want);
    free(want);
    jo_free(&w);
}

static void test_json_out_strings(void **state)
{
    static const char *const fixed[] = {
        "", "plain ascii", "quote \" backslash \\ slash /", "\b\f\n\r\t", "\x01\x1f\x7f del",
        "caf\xc3\xa9 \xe2\x80\x94 dash \xe2\x80\x9cq\xe2\x80\x9d", "\xef\xbf\xbf max BMP", "\xf0\x9f\x98\x80 emoji",
        "\xf4\x8f\xbf\xbf max", "\xc2\x80\xc2\xa0 nbsp", "a\"b\\c\nd\xe2\x82\xac" /* euro */};
    (void)state;
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        check_str(fixed[i], strlen(fixed[i]));
    check_str("nul\0inside", 10); /* jansson keeps it with json_stringn: \u0000 */
    /* every code point class, one at a time, between ASCII neighbours */
    for (unsigned long cp = 0; cp <= 0x10FFFF; cp += cp < 0x800 ? 1 : cp < 0x10000 ? 7 : 251) {
        char b[8];
        size_t n = 0;
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        b[n++] = 'x';
        if (cp < 0x80)
            b[n++] = (char)cp;
        else if (cp < 0x800) {
            b[n++] = (char)(0xC0 | (cp >> 6));
            b[n++] = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            b[n++] = (char)(0xE0 | (cp >> 12));
            b[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            b[n++] = (char)(0x80 | (cp & 0x3F));
        } else {
            b[n++] = (char)(0xF0 | (cp >> 18));
            b[n++] = (char)(0x80 | ((cp >> 12) & 0x3F));
            b[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            b[n++] = (char)(0x80 | (cp & 0x3F));
        }
        b[n++] = 'y';
        check_str(b, n);
    }
}

/* The writer copies runs of plain ASCII 8 bytes at a time: every character
 * that must be escaped (or is not ASCII) at every offset of a 24-byte run. */
static void test_json_out_strings_every_offset(void **state)
{
    (void)state;
    for (unsigned c = 0; c < 0x81; c++)
        for (size_t at = 0; at < 24; at++) {
            char b[32];
            size_t n = 0;
            for (size_t i = 0; i < 24; i++) {
                if (i != at)
                    b[n++] = (char)('a' + i % 26);
                else if (c < 0x80)
                    b[n++] = (char)c;
                else { /* U+00E9 */
                    b[n++] = (char)0xc3;
                    b[n++] = (char)0xa9;
                }
            }
            check_str(b, n);
        }
}

static void test_json_out_invalid_utf8(void **state)
{
    static const char *const bad[] = {"\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\x80", "\xc3",
                                      "ok \xe2\x82", "\xf8\x88\x80\x80\x80"};
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        json_out w = JSON_OUT_INIT;
        assert_null(json_stringn(bad[i], strlen(bad[i]))); /* jansson refuses it ... */
        jo_str(&w, bad[i], strlen(bad[i]));
        assert_true(w.failed); /* ... and so does the writer */
        jo_reset(&w);
        w.utf8 = 1;
        jo_str(&w, bad[i], strlen(bad[i]));
        assert_true(w.failed);
        jo_free(&w);
    }
}

static void test_json_out_numbers(void **state)
{
    static const double reals[] = {0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 1.0 / 3, 2.0 / 3, 0.673775, 0.0891747, 1e6, 1e-5,
                                   123456.0, 1234567.0, 1e21, 1.5e-7, -2.5e-300, DBL_MAX, DBL_MIN, 5e-324, 100.0,
                                   0.999999949, 0.9999995, 1e100, 12345.6789};
    static const long long ints[] = {0, 1, -1, 42, 9007199254740993LL, INT64_MAX, INT64_MIN};
    (void)state;
    for (size_t i = 0; i < sizeof reals / sizeof *reals; i++) {
        json_out w = JSON_OUT_INIT;
        jo_real(&w, reals[i]);
        same_as_jansson(json_real(reals[i]), &w);
        jo_free(&w);
    }
    srand(7);
    for (int i = 0; i < 20000; i++) {
        json_out w = JSON_OUT_INIT;
        double v = ((double)rand() / RAND_MAX - 0.5) * pow(10.0, (double)(rand() % 40 - 20));
        jo_real(&w, v);
        same_as_jansson(json_real(v), &w);
        jo_free(&w);
    }
    /* probabilities: the printf-free path (json_out.c real_fixed) and its edges */
    for (int i = 0; i < 200000; i++) {
        json_out w = JSON_OUT_INIT;
        double v;
        switch (i % 5) {
        case 0: v = (double)rand() / RAND_MAX; break;
        case 1: v = (rand() % 1000000) / 1e6; break;                 /* six-digit decimals */
        case 2: v = (rand() % 2000000 + 0.5) / 1e7; break;           /* ties at the seventh digit */
        case 3: v = nextafter(pow(10.0, rand() % 11 - 5), i & 8 ? 0.0 : 1e9); break; /* next to powers of ten */
        default: v = ((double)rand() / RAND_MAX - 0.5) * pow(10.0, rand() % 12 - 5); break;
        }
        jo_real(&w, v);
        same_as_jansson(json_real(v), &w);
        jo_free(&w);
    }
    for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) {
        json_out w = JSON_OUT_INIT;
        jo_int(&w, ints[i]);
        same_as_jansson(json_integer(ints[i]), &w);
        jo_free(&w);
    }
    for (int i = 0; i < 20000; i++) { /* every length of digits, both signs */
        json_out w = JSON_OUT_INIT;
        long long v = (long long)(((unsigned long long)rand() << 40) ^ ((unsigned long long)rand() << 20) ^ (unsigned)rand());
        v >>= rand() % 63;
        if (i & 1)
            v = -v;
        jo_int(&w, v);
        same_as_jansson(json_integer(v), &w);
        jo_free(&w);
    }
    {
        /* one writer whose buffer is warm (jo_int's direct path for 0..99999) and
         * fills up now and then (the path through a byte buffer): every integer
         * from -20 to 230000 and a few more, as snprintf writes them, in a row */
        json_out w = JSON_OUT_INIT;
        char *want = malloc(2000000), one[32];
        size_t len = 0;
        assert_non_null(want);
        for (long long v = -20; v < 230000; v++) {
            if (v == 1000)
                v = 9990; /* (skip some) */
            len += (size_t)snprintf(one, sizeof one, "%lld,", v);
            memcpy(want + len - strlen(one), one, strlen(one));
            jo_int(&w, v);
            jo_lit(&w, ",");
        }
        assert_false(w.failed);
        assert_int_equal(w.len, len);
        assert_memory_equal(w.buf, want, len);
        free(want);
        jo_free(&w);
    }
    {
        json_out w = JSON_OUT_INIT;
        jo_real(&w, NAN); /* jansson has no value for it: the record fails, not a wrong number */
        assert_true(w.failed);
        jo_free(&w);
    }
}

/* A record built piece by piece equals jansson's dump of the same tree,
 * and the buffer is reused from record to record. */
/* w.exact (classify's HTML page parses its record again): every real reads back as the same
 * double, and as a real (1.0, not 1); the default writer keeps 6 digits */
static void test_json_out_exact(void **state)
{
    static const double reals[] = {0.0, -0.0, 1.0, 100.0, 0.1 + 0.2, 1.0 / 3, 0.124999999999, 1e21, 1e-5, -2.5e-300,
                                   DBL_MAX, DBL_MIN, 5e-324};
    (void)state;
    srand(11);
    for (size_t i = 0; i < sizeof reals / sizeof *reals + 20000; i++) {
        json_out w = JSON_OUT_INIT;
        double v = i < sizeof reals / sizeof *reals ? reals[i] : ((double)rand() / RAND_MAX);
        json_t *back;
        w.exact = 1;
        jo_real(&w, v);
        jo_raw(&w, "", 1);
        assert_false(w.failed);
        back = json_loads(w.buf, JSON_DECODE_ANY, NULL);
        assert_non_null(back);
        assert_true(json_is_real(back));
        assert_memory_equal(&(double){json_real_value(back)}, &v, sizeof v);
        json_decref(back);
        jo_free(&w);
    }
    {
        json_out w = JSON_OUT_INIT;
        jo_real(&w, 0.124999999999);
        jo_raw(&w, "", 1);
        assert_string_equal(w.buf, "0.125");
        jo_free(&w);
    }
}

static void test_json_out_record(void **state)
{
    json_out w = JSON_OUT_INIT;
    (void)state;
    for (int round = 0; round < 3; round++) {
        json_t *o = json_pack("{s:s, s:[{s:I, s:f, s:n, s:b}], s:{}}", "id", "r\xc3\xa9", "quotes", "start",
                              (json_int_t)round, "p", 0.25 * round, "speaker", "discovered", round & 1, "probs");
        jo_reset(&w);
        jo_lit(&w, "{\"id\":");
        jo_cstr(&w, "r\xc3\xa9");
        jo_lit(&w, ",\"quotes\":[{\"start\":");
        jo_int(&w, round);
        jo_lit(&w, ",\"p\":");
        jo_real(&w, 0.25 * round);
        jo_lit(&w, ",\"speaker\":");
        jo_cstr(&w, NULL);
        jo_lit(&w, round & 1 ? ",\"discovered\":true}],\"probs\":{}}" : ",\"discovered\":false}],\"probs\":{}}");
        same_as_jansson(o, &w);
    }
    jo_free(&w);
}

/* Everything @p f holds, NUL-terminated (the caller frees); @p n its length. */
static char *slurp(FILE *f, size_t *n)
{
    long size;
    char *b;
    assert_int_equal(fflush(f), 0);
    size = ftell(f);
    assert_true(size >= 0);
    b = malloc((size_t)size + 1);
    assert_non_null(b);
    rewind(f);
    assert_int_equal(fread(b, 1, (size_t)size, f), (size_t)size);
    b[size] = '\0';
    *n = (size_t)size;
    return b;
}

/* A record written to a sink in pieces (flushes between values and inside
 * long strings, multi-byte sequences and escapes across the piece
 * boundaries) has the same bytes as the record built whole, while the
 * buffer stays far below the record's size. */
static void test_json_out_streamed(void **state)
{
    static const char *const bits[] = {"plain words ", "caf\xc3\xa9 ", "\xe2\x80\x9cq\xe2\x80\x9d", "\n\t\"\\",
                                       "\xf0\x9f\x98\x80", "\x01", "x"};
    size_t n = 0, cap = 300000, got;
    char *text = malloc(cap), *out;
    (void)state;
    assert_non_null(text);
    for (unsigned i = 0; n + 16 < cap; i = i * 1103515245u + 12345u) {
        const char *b = bits[(i >> 16) % 7];
        memcpy(text + n, b, strlen(b));
        n += strlen(b);
    }
    for (int utf8 = 0; utf8 < 2; utf8++) {
        json_out whole = JSON_OUT_INIT, w = JSON_OUT_INIT;
        FILE *f = tmpfile();
        assert_non_null(f);
        whole.utf8 = w.utf8 = utf8;
        w.sink = f;
        w.flush_at = 1000;
        jo_reset(&whole);
        jo_reset(&w);
        for (int k = 0; k < 20; k++) {
            json_out *o[2] = {&whole, &w};
            size_t at = (size_t)k * 97; /* so the piece boundaries fall at other places in the sequences */
            while (((unsigned char)text[at] & 0xC0) == 0x80)
                at++;
            for (int j = 0; j < 2; j++) {
                jo_lit(o[j], k ? ",{\"text\":" : "[{\"text\":");
                jo_str(o[j], text + at, n - at);
                jo_lit(o[j], ",\"n\":");
                jo_int(o[j], k);
                jo_lit(o[j], "}");
                jo_maybe_flush(o[j]);
            }
        }
        jo_lit(&whole, "]");
        jo_lit(&w, "]");
        assert_false(whole.failed);
        assert_false(w.failed);
        assert_true(w.flushed);
        jo_flush(&w);
        assert_int_equal(w.len, 0);
        assert_true(w.cap < 200000);        /* about 6 x 16 kB, not the record */
        assert_true(whole.len > 20 * n);    /* the record is some megabytes */
        out = slurp(f, &got);
        assert_int_equal(got, whole.len);
        assert_memory_equal(out, whole.buf, got);
        free(out);
        fclose(f);
        jo_free(&whole);
        jo_free(&w);
    }
    { /* a string that is not UTF-8 after a flush: failed, and flushed says part is out */
        json_out w = JSON_OUT_INIT;
        FILE *f = tmpfile();
        assert_non_null(f);
        w.sink = f;
        w.flush_at = 10;
        jo_reset(&w);
        text[cap - 1000] = '\xff';
        jo_str(&w, text, cap - 999);
        assert_true(w.failed);
        assert_true(w.flushed);
        jo_flush(&w); /* writes nothing more once failed */
        assert_true(w.len > 0);
        fclose(f);
        jo_free(&w);
    }
    free(text);
}

/* What the CLI's reader makes of @p line: cli_json_text_span(), then (as the
 * CLI goes on) jansson on the record with the text's token as "": 0 and the
 * token [*a, *b), or -1. */
static int reader_accepts(const char *line, size_t n, size_t *a, size_t *b)
{
    char shorter[1024];
    json_error_t jerr;
    json_t *srec;
    if (cli_json_text_span(line, n, a, b))
        return -1;
    assert_true(n + 2 <= sizeof shorter);
    memcpy(shorter, line, *a);
    memcpy(shorter + *a, "\"\"", 2);
    memcpy(shorter + *a + 2, line + *b, n - *b);
    srec = json_loadb(shorter, *a + 2 + n - *b, JSON_ALLOW_NUL, &jerr);
    json_decref(srec);
    return srec ? 0 : -1;
}

/* The CLI's reader against jansson on @p line (its text is decoded in place):
 * 1 when both read it, with the same text, 0 when both refuse it. */
static int reader_same_as_jansson(char *line, size_t n)
{
    json_error_t jerr;
    json_t *rec = json_loadb(line, n, JSON_ALLOW_NUL, &jerr), *t;
    size_t a = 0, b = 0, len;
    int ours = reader_accepts(line, n, &a, &b);
    if (!rec) {
        assert_int_equal(ours, -1);
        return 0;
    }
    assert_int_equal(ours, 0);
    t = json_object_get(rec, "text");
    len = cli_json_unescape(line, a, b);
    assert_int_equal(len, json_string_length(t));
    assert_memory_equal(line + a, json_string_value(t), len);
    json_decref(rec);
    return 1;
}

/* The reader's fast path (src/cli_input.c) accepts a record's "text" token
 * exactly when jansson does, and decodes it to jansson's bytes: random
 * tokens from pieces that jansson accepts and refuses. */
static void test_json_text_fast(void **state)
{
    static const char *const pieces[] = {
        "plain ", "\\\"", "\\\\", "\\/", "\\b\\f\\n\\r\\t", "\\u00e9", "\\u00E9", "\\uD83D\\uDE00",
        "\\ud83d\\ude00", "\\u0000", "\\u2019", "caf\xc3\xa9", "\xe2\x80\x9c", "\xf0\x9f\x98\x80", "{\\\"text\\\": 1}",
        /* refused by jansson */
        "\\ud83d", "\\ude00", "\\ud83d\\u0041", "\\q", "\\u12G4", "\\u12", "\t", "\x01", "\xff", "\xc0\xaf",
        "\xed\xa0\x80", "\xc3", "\xf4\x90\x80\x80"};
    char line[1024], tok[512];
    size_t accepted = 0, refused = 0;
    (void)state;
    srand(11);
    for (int round = 0; round < 20000; round++) {
        size_t tl = 0, n;
        int bad = rand() % 3 == 0, count = rand() % 8;
        for (int k = 0; k < count; k++) {
            const char *p = pieces[rand() % (bad ? 28 : 15)];
            memcpy(tok + tl, p, strlen(p));
            tl += strlen(p);
        }
        n = (size_t)snprintf(line, sizeof line, "{\"id\": %d, \"text\": \"%.*s\", \"n\": [1, {\"text\": 2}]}", round,
                             (int)tl, tok);
        if (reader_same_as_jansson(line, n))
            accepted++;
        else
            refused++;
    }
    assert_true(accepted > 5000 && refused > 2000);
    { /* the last of repeated keys (as jansson keeps), not nested ones; escaped keys and non-strings: no */
        static const char dup[] = "{\"text\": \"one\", \"o\": {\"text\": \"in\"}, \"text\": \"two\"}";
        static const char esc[] = "{\"te\\u0078t\": \"x\", \"text\": \"y\"}";
        static const char num[] = "{\"text\": 12}";
        size_t s0 = 0, s1 = 0;
        assert_int_equal(cli_json_text_span(dup, sizeof dup - 1, &s0, &s1), 0);
        assert_int_equal(s1 - s0, 5);
        assert_memory_equal(dup + s0, "\"two\"", 5);
        assert_int_equal(cli_json_text_span(esc, sizeof esc - 1, &s0, &s1), -1);
        assert_int_equal(cli_json_text_span(num, sizeof num - 1, &s0, &s1), -1);
    }
}

/* The reader's string scan (16 or 8 bytes a step) stops at each byte that
 * needs a look, at every offset in a run of plain bytes: the same answer as
 * jansson for escapes, quotes, controls, non-ASCII and bytes that are not UTF-8. */
static void test_json_text_every_offset(void **state)
{
    static const char *const special[] = {"\\n", "\\\"", "\\u2019", "\x01", "\x1f", "\x7f", "caf\xc3\xa9",
                                          "\xe2\x80\x9c", "\xff", "\xc3", "\"", "\\"};
    (void)state;
    for (size_t k = 0; k < sizeof special / sizeof *special; k++)
        for (int off = 0; off < 40; off++) {
            char line[256];
            size_t n = (size_t)snprintf(line, sizeof line, "{\"text\": \"%.*s%s%.*s\", \"id\": 1}", off,
                                        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP", special[k], 19,
                                        "QRSTUVWXYZ 0123456789");
            reader_same_as_jansson(line, n);
        }
}

/* jo_static() writes what jo_cstr() writes, for strings that it keeps
 * (short, plain or escaped) and ones it does not (long, NULL), once and when
 * copied from its memo, in both modes (switched with the memo kept), with
 * more distinct strings than its table has slots. */
static void test_json_out_static(void **state)
{
    static char strs[150][64];
    json_out a = JSON_OUT_INIT, b = JSON_OUT_INIT;
    (void)state;
    for (int i = 0; i < 150; i++) {
        switch (i % 5) {
        case 0: snprintf(strs[i], sizeof strs[i], "rule-%d", i); break;
        case 1: snprintf(strs[i], sizeof strs[i], "k\"%d\\\n", i); break;      /* escapes */
        case 2: snprintf(strs[i], sizeof strs[i], "caf\xc3\xa9 %d \xe2\x80\x94", i); break; /* \\u in ASCII mode */
        case 3: snprintf(strs[i], sizeof strs[i], "%0*d", 44 + i % 19, i); break; /* 44-62 bytes: some not kept */
        default: snprintf(strs[i], sizeof strs[i], "%c", 'a' + i % 26); break;
        }
    }
    for (int round = 0; round < 6; round++) {
        a.utf8 = b.utf8 = round >= 3;
        jo_reset(&a);
        jo_reset(&b);
        for (int i = 0; i < 300; i++) { /* each string twice, in an order that changes */
            const char *s = i == 299 ? NULL : strs[(i * 7 + round) % 150];
            jo_static(&a, s);
            jo_cstr(&b, s);
            jo_lit(&a, ",");
            jo_lit(&b, ",");
        }
        assert_false(a.failed);
        assert_int_equal(a.len, b.len);
        assert_memory_equal(a.buf, b.buf, a.len);
    }
    jo_free(&a);
    jo_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_out_strings),
        cmocka_unit_test(test_json_out_strings_every_offset),
        cmocka_unit_test(test_json_out_invalid_utf8),
        cmocka_unit_test(test_json_out_numbers),
        cmocka_unit_test(test_json_out_exact),
        cmocka_unit_test(test_json_out_record),
        cmocka_unit_test(test_json_out_static),
        cmocka_unit_test(test_json_out_streamed),
        cmocka_unit_test(test_json_text_fast),
        cmocka_unit_test(test_json_text_every_offset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
