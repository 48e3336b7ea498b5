/* test_core.c - status codes, versions, UTF-8 checks, CRC-32, the arena. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <zlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "sort.h"
#include "stance_internal.h"

static void test_core_strerror_total(void **state)
{
    (void)state;
    for (int c = -20; c <= 5; c++) {
        const char *s = stance_strerror(c);
        assert_non_null(s);
        assert_true(strlen(s) > 0);
    }
    assert_string_equal(stance_strerror(STANCE_ERR_UTF8), "invalid UTF-8 in input");
    assert_string_not_equal(stance_strerror(STANCE_ERR_FORMAT), stance_strerror(STANCE_ERR_VERSION));
}

static void test_core_version_matches_header(void **state)
{
    char buf[32];
    (void)state;
    assert_int_equal(stance_version_number(), STANCE_VERSION_NUMBER);
    assert_string_equal(stance_version(), STANCE_VERSION_STRING);
    snprintf(buf, sizeof buf, "%d.%d.%d", STANCE_VERSION_MAJOR, STANCE_VERSION_MINOR, STANCE_VERSION_PATCH);
    assert_string_equal(buf, STANCE_VERSION_STRING);
    assert_string_equal(PACKAGE_VERSION, STANCE_VERSION_STRING);
    assert_non_null(strstr(stance_default_model_path(), "en-news.stm"));
}

static void test_core_error_record(void **state)
{
    stance_error err;
    char longtext[400];
    (void)state;
    memset(longtext, 'x', sizeof longtext - 1);
    longtext[sizeof longtext - 1] = '\0';
    assert_int_equal(stance_error_set(&err, STANCE_ERR_LIMIT, 42, "too %s", "big"), STANCE_ERR_LIMIT);
    assert_int_equal(err.code, STANCE_ERR_LIMIT);
    assert_int_equal(err.offset, 42);
    assert_string_equal(err.message, "too big");
    stance_error_set(&err, STANCE_ERR_IO, 0, "%s", longtext);
    assert_int_equal(strlen(err.message), STANCE_ERROR_MESSAGE_SIZE - 1);
    assert_int_equal(stance_error_set(NULL, STANCE_ERR_IO, 0, "ignored"), STANCE_ERR_IO);
}

static void test_core_utf8_check(void **state)
{
    stance_error err;
    static const char good[] = "caf\xc3\xa9 \xe2\x80\x9cquote\xe2\x80\x9d \xf0\x9f\x98\x80";
    static const char bad[] = "abc \xe2\x80 def";
    static const char overlong[] = "ab\xc0\xaf";
    static const char surrogate[] = "x\xed\xa0\x80y";
    (void)state;
    assert_int_equal(stance_utf8_check(good, sizeof good - 1, &err), STANCE_OK);
    assert_int_equal(stance_utf8_check("", 0, &err), STANCE_OK);
    assert_int_equal(stance_utf8_check(bad, sizeof bad - 1, &err), STANCE_ERR_UTF8);
    assert_int_equal(err.offset, 4);
    /* the message says what is wrong in plain words, not in PCRE2's ("UTF-8 error: byte 3 top bits ...") */
    assert_string_equal(err.message, "invalid UTF-8: a multi-byte character is cut short (a byte after its first is "
                                     "no continuation byte 0x80-0xBF)");
    assert_int_equal(stance_utf8_check(overlong, sizeof overlong - 1, &err), STANCE_ERR_UTF8);
    assert_int_equal(err.offset, 2);
    assert_non_null(strstr(err.message, "overlong"));
    assert_int_equal(stance_utf8_check(surrogate, sizeof surrogate - 1, &err), STANCE_ERR_UTF8);
    assert_int_equal(err.offset, 1);
    assert_non_null(strstr(err.message, "surrogate"));
    /* NUL bytes are valid UTF-8 and do not end the text. */
    assert_int_equal(stance_utf8_check("a\0b\xff", 4, &err), STANCE_ERR_UTF8);
    assert_int_equal(err.offset, 3);
    /* The ASCII prefix is skipped in 8-byte words: offsets stay those of the
     * whole text, past a word boundary and after a valid non-ASCII character. */
    assert_int_equal(stance_utf8_check("0123456789abcdefgh\xff", 19, &err), STANCE_ERR_UTF8);
    assert_int_equal(err.offset, 18);
    assert_int_equal(stance_utf8_check("0123456789 caf\xc3\xa9 x\xe2\x80", 20, &err), STANCE_ERR_UTF8);
    assert_int_equal(err.offset, 18);
    assert_int_equal(stance_utf8_check("0123456789abcdef", 16, &err), STANCE_OK);
}

/* The validator's own check (utf8.c) accepts exactly what PCRE2 accepts:
 * random texts from valid and invalid pieces, against PCRE2 alone. */
static void test_core_utf8_check_pcre2(void **state)
{
    static const char *const pieces[] = {
        "a", "\xc2\x80", "\xdf\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xee\x80\x80", "\xef\xbf\xbf", "\xf0\x90\x80\x80",
        "\xf4\x8f\xbf\xbf", "\xef\xbf\xbe", "\0", "0123456789abcdefg", /* (a run of ASCII after others: 8 bytes a step) */
        /* invalid */
        "\x80", "\xbf", "\xc0\x80", "\xc1\xbf", "\xe0\x9f\xbf", "\xed\xa0\x80", "\xed\xbf\xbf", "\xf0\x8f\xbf\xbf",
        "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff", "\xfe", "\xc3", "\xe2\x80", "\xf0\x9f\x98", "\xf8\x88\x80\x80\x80"};
    static const size_t lens[] = {1, 2, 2, 3, 3, 3, 3, 4, 4, 3, 1, 17, 1, 1, 2, 2, 3, 3, 3, 4, 4, 4, 1, 1, 1, 2, 3, 5};
    int errcode;
    PCRE2_SIZE erroff;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR) "", 0, PCRE2_UTF, &errcode, &erroff, NULL);
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    size_t valid = 0, invalid = 0;
    (void)state;
    assert_non_null(re);
    assert_non_null(md);
    srand(8);
    for (int round = 0; round < 20000; round++) {
        char text[128];
        size_t n = 0;
        int count = rand() % 6, bad = rand() % 2, rc;
        stance_error err;
        for (int k = 0; k < count; k++) {
            size_t p = (size_t)rand() % (bad ? sizeof lens / sizeof *lens : 12);
            memcpy(text + n, pieces[p], lens[p]);
            n += lens[p];
        }
        rc = pcre2_match(re, (PCRE2_SPTR)text, n, 0, 0, md, NULL);
        if (rc >= 0 || rc == PCRE2_ERROR_NOMATCH) {
            assert_int_equal(stance_utf8_check(text, n, &err), STANCE_OK);
            valid++;
        } else {
            assert_int_equal(stance_utf8_check(text, n, &err), STANCE_ERR_UTF8);
            assert_int_equal(err.offset, pcre2_get_startchar(md));
            invalid++;
        }
    }
    assert_true(valid > 5000 && invalid > 5000);
    pcre2_match_data_free(md);
    pcre2_code_free(re);
}

static void test_core_utf8_codec(void **state)
{
    unsigned char buf[4];
    int32_t cp;
    static const int32_t cps[] = {0x41, 0xe9, 0x201c, 0x1f600};
    (void)state;
    for (size_t i = 0; i < 4; i++) {
        size_t n = stance_utf8_encode(cps[i], buf);
        assert_int_equal(n, i + 1);
        assert_int_equal(stance_utf8_decode(buf, n, 0, &cp), n);
        assert_int_equal(cp, cps[i]);
    }
}

static void test_core_crc32_known_answers(void **state)
{
    (void)state;
    /* The standard check value of CRC-32/ISO-HDLC (zlib's crc32). */
    assert_int_equal(stance_crc32(0, "123456789", 9), 0xCBF43926u);
    assert_int_equal(stance_crc32(0, "", 0), 0);
    assert_int_equal(stance_crc32(0, "The quick brown fox jumps over the lazy dog", 43), 0x414FA339u);
    /* Incremental use equals one pass. */
    assert_int_equal(stance_crc32(stance_crc32(0, "1234", 4), "56789", 5), 0xCBF43926u);
}

/* The folded (PCLMULQDQ) path where the CPU has it and the tables agree with
 * zlib at every length, alignment and split (lengths around its 64-byte
 * start and 16-byte steps, and a long buffer). */
static void test_core_crc32_matches_zlib(void **state)
{
    static unsigned char buf[70000];
    uint32_t x = 7;
    (void)state;
    for (size_t i = 0; i < sizeof buf; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (unsigned char)(x >> 16);
    }
    for (size_t off = 0; off < 16; off += 3)
        for (size_t n = 0; n < 400; n++) {
            uint32_t z = (uint32_t)crc32(crc32(0L, Z_NULL, 0), buf + off, (uInt)n);
            assert_int_equal(stance_crc32(0, buf + off, n), z);
            assert_int_equal(stance_crc32(stance_crc32(0, buf + off, n / 3), buf + off + n / 3, n - n / 3), z);
        }
    assert_int_equal(stance_crc32(0, buf + 1, sizeof buf - 1),
                     (uint32_t)crc32(crc32(0L, Z_NULL, 0), buf + 1, (uInt)(sizeof buf - 1)));
}

static void test_core_arena(void **state)
{
    stance_arena a = {0};
    char *s;
    (void)state;
    for (int i = 0; i < 1000; i++) {
        int *p = stance_arena_alloc(&a, 10, sizeof *p);
        assert_non_null(p);
        assert_int_equal(((uintptr_t)p) % _Alignof(double), 0);
        for (int k = 0; k < 10; k++)
            assert_int_equal(p[k], 0);
        p[9] = i;
    }
    /* after pieces of odd sizes, memory for doubles and pointers is aligned for them */
    for (size_t n = 1; n < 40; n++) {
        char *c = stance_arena_alloc(&a, n, 1);
        double *d;
        void **v;
        assert_non_null(c);
        memset(c, 0x5A, n);
        d = stance_arena_alloc(&a, 2, sizeof *d);
        v = stance_arena_alloc(&a, 1, sizeof *v);
        assert_non_null(d);
        assert_non_null(v);
        assert_int_equal(((uintptr_t)d) % _Alignof(double), 0);
        assert_int_equal(((uintptr_t)v) % _Alignof(void *), 0);
        d[0] = d[1] = -1.0;
        *v = d;
        for (size_t k = 0; k < n; k++) /* no overlap */
            assert_int_equal(c[k], 0x5A);
    }
    assert_non_null(stance_arena_alloc(&a, 1, 100000));
    s = stance_arena_strndup(&a, "hello world", 5);
    assert_string_equal(s, "hello");
    assert_null(stance_arena_alloc(&a, SIZE_MAX / 2, 4));
    stance_arena_free(&a);
    stance_arena_free(&a);
}

static void test_core_alloc_overflow(void **state)
{
    size_t out;
    (void)state;
    assert_null(stance_malloc_array(SIZE_MAX / 2, 3));
    assert_true(stance_mul_overflow(SIZE_MAX, 2, &out));
    assert_false(stance_mul_overflow(1000, 1000, &out));
    assert_int_equal(out, 1000000);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void test_core_radix_sort_matches_qsort(void **state)
{
    static const size_t sizes[] = {0, 1, 2, 47, 48, 49, 300, 511, 512, 1000, 1023, 1024, 4095, 4096, 100000};
    uint64_t x = 88172645463325252ull;
    (void)state;
    for (size_t si = 0; si < sizeof sizes / sizeof *sizes; si++) {
        size_t n = sizes[si];
        for (unsigned bits = 8; bits <= 40; bits += bits == 22 ? 2 : bits == 24 ? 16 : 14) { /* 8, 22, 24, 40 */
            uint64_t *a = malloc((n + 1) * sizeof *a), *b = malloc((n + 1) * sizeof *b), *t = malloc((n + 1) * sizeof *t);
            for (size_t i = 0; i < n; i++) {
                x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift */
                a[i] = b[i] = x & ((1ull << bits) - 1);
                if (i % 7 == 0 && i)
                    a[i] = b[i] = a[i - 1]; /* duplicates */
            }
            stance_sort_u64(a, n, t, bits);
            if (n > 1)
                qsort(b, n, sizeof *b, cmp_u64);
            if (n)
                assert_memory_equal(a, b, n * sizeof *a);
            free(a);
            free(b);
            free(t);
        }
    }
    /* keys crowded into the low end of a wide range: the bucket pass gives way to the radix sort */
    for (unsigned crowd = 0; crowd < 2; crowd++) {
        const size_t n = 400;
        uint64_t *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), *t = malloc(n * sizeof *t);
        for (size_t i = 0; i < n; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            a[i] = b[i] = crowd ? x & 1023 : x & ((1ull << 24) - 1);
        }
        stance_sort_u64(a, n, t, 24);
        qsort(b, n, sizeof *b, cmp_u64);
        assert_memory_equal(a, b, n * sizeof *a);
        free(a);
        free(b);
        free(t);
    }
}

/* qsort then one key of each value, against stance_sort_u64_distinct. */
static void check_distinct(uint64_t *a, size_t n, unsigned bits)
{
    uint64_t *b = malloc((n + 1) * sizeof *b), *t = malloc((n + 1) * sizeof *t);
    size_t d = 0, got;
    memcpy(b, a, n * sizeof *b);
    if (n > 1)
        qsort(b, n, sizeof *b, cmp_u64);
    for (size_t i = 0; i < n; i++)
        if (!d || b[d - 1] != b[i])
            b[d++] = b[i];
    got = stance_sort_u64_distinct(a, n, t, bits);
    assert_int_equal(got, d);
    if (d)
        assert_memory_equal(a, b, d * sizeof *a);
    free(b);
    free(t);
}

/* The name tables' order: shorter first, then bytes; equal strings compare 0. */
static void test_core_len_order(void **state)
{
    (void)state;
    assert_true(stance_len_order("Zed", 3, "Abby", 4) < 0);
    assert_true(stance_len_order("Abby", 4, "Zed", 3) > 0);
    assert_true(stance_len_order("Abby", 4, "Abbz", 4) < 0);
    assert_true(stance_len_order("Abbz", 4, "Abby", 4) > 0);
    assert_int_equal(stance_len_order("Abby", 4, "Abby!", 4), 0);
    assert_int_equal(stance_len_order("", 0, "", 0), 0);
}

static void test_core_sort_distinct(void **state)
{
    static const size_t sizes[] = {0, 1, 2, 47, 48, 49, 300, 511, 512, 1000, 1023, 1024, 4095, 4096, 20000};
    uint64_t x = 88172645463325252ull;
    (void)state;
    for (size_t si = 0; si < sizeof sizes / sizeof *sizes; si++) {
        const size_t n = sizes[si];
        for (unsigned kind = 0; kind < 6; kind++) {
            /* 8, 22, 24 and 40 bits with runs of repeats; a few values spread over the top bits
             * (repeats out of order within a bucket); all in the low end (crowded buckets) */
            static const unsigned kbits[] = {8, 22, 24, 40, 22, 24};
            const unsigned bits = kbits[kind];
            uint64_t *a = malloc((n + 1) * sizeof *a);
            for (size_t i = 0; i < n; i++) {
                x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift */
                a[i] = kind == 4 ? (x % 97) * 40000 : kind == 5 ? x & 1023 : x & ((1ull << bits) - 1);
                if (kind < 4 && i % 7 == 0 && i)
                    a[i] = a[i - 1 - (x >> 60) % i];
            }
            check_distinct(a, n, bits);
            free(a);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_core_strerror_total),     cmocka_unit_test(test_core_version_matches_header),
        cmocka_unit_test(test_core_error_record),       cmocka_unit_test(test_core_utf8_check),
        cmocka_unit_test(test_core_utf8_check_pcre2),
        cmocka_unit_test(test_core_utf8_codec),         cmocka_unit_test(test_core_crc32_known_answers),
        cmocka_unit_test(test_core_crc32_matches_zlib),
        cmocka_unit_test(test_core_arena),              cmocka_unit_test(test_core_alloc_overflow),
        cmocka_unit_test(test_core_radix_sort_matches_qsort),
        cmocka_unit_test(test_core_sort_distinct),       cmocka_unit_test(test_core_len_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
