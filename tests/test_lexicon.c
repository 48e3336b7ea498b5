/* test_lexicon.c - the lexicon's look-ups (lib/lexicon.c through the hash
 * table that lib/gen_lexicon.c generates at build time) against a plain
 * reference written here: a binary search over the same sorted entries, and
 * a byte loop that lowers ASCII capitals. Every entry, near misses of each
 * (cut, lengthened, one byte changed to every value, case changed), non-ASCII
 * words and random words must get the same answers from both. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "lexicon.h"

/* The reference: the entry of w[0, n) by binary search (entries sorted by
 * their bytes, a shorter word first), or -1. */
static long ref_find(const char *w, size_t n)
{
    size_t lo = 0, hi = stance_lex_count();
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const stance_lexent *e = stance_lex_entry((long)mid);
        size_t m = n < e->n ? n : e->n;
        int c = memcmp(w, e->w, m);
        if (c == 0)
            c = n < e->n ? -1 : n > e->n;
        if (c == 0)
            return (long)mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

static uint64_t ref_cls(long i)
{
    return i >= 0 ? stance_lex_entry(i)->cls : 0;
}

/* w[0, n) against the reference through every look-up; 1 if it is an entry. */
static int same_as_ref(const char *w, size_t n)
{
    char low[64];
    long r = ref_find(w, n), h = stance_lex_find(w, n), rl = -1;
    if (h != r)
        fail_msg("\"%.*s\" (%zu bytes): found %ld, reference %ld", (int)n, w, n, h, r);
    assert_true(stance_lex_classes(w, n) == ref_cls(r));
    assert_true(stance_lex_rules(w, n) == (r >= 0 ? stance_lex_entry(r)->rules : 0));
    if (n <= sizeof low) {
        for (size_t i = 0; i < n; i++)
            low[i] = (w[i] >= 'A' && w[i] <= 'Z') ? (char)(w[i] - 'A' + 'a') : w[i];
        rl = ref_find(low, n);
    }
    if (stance_lex_classes_lower(w, n) != ref_cls(rl))
        fail_msg("\"%.*s\" (%zu bytes) lowered: classes differ (reference entry %ld)", (int)n, w, n, rl);
    return r >= 0;
}

/* Every entry, its prefixes and longer words that start with it (a NUL, a
 * letter, a UTF-8 lead byte and a whole accented letter after it), its last
 * byte moved by one, its first letter's case flipped and all of it in capitals. */
static void test_lexicon_hash_entries(void **state)
{
    static const char *const tails[] = {"a", "\0", "\xc3", "\xc3\xa9", "s", "."};
    char b[STANCE_LEX_MAXLEN + 8];
    (void)state;
    assert_int_equal(stance_lex_check(), 0);
    for (size_t i = 0; i < stance_lex_count(); i++) {
        const stance_lexent *x = stance_lex_entry((long)i);
        size_t n = x->n;
        assert_int_equal(stance_lex_find(x->w, n), (long)i);
        assert_true(same_as_ref(x->w, n));
        for (size_t m = 1; m < n; m++)
            same_as_ref(x->w, m);
        for (size_t t = 0; t < sizeof tails / sizeof *tails; t++) {
            size_t l = t == 1 ? 1 : strlen(tails[t]);
            memcpy(b, x->w, n);
            memcpy(b + n, tails[t], l);
            same_as_ref(b, n + l);
        }
        memcpy(b, x->w, n);
        b[n - 1] = (char)(b[n - 1] + 1);
        same_as_ref(b, n);
        b[n - 1] = (char)(b[n - 1] - 2);
        same_as_ref(b, n);
        memcpy(b, x->w, n);
        b[0] = (char)(b[0] ^ 0x20);
        same_as_ref(b, n);
        for (size_t k = 0; k < n; k++)
            b[k] = (x->w[k] >= 'a' && x->w[k] <= 'z') ? (char)(x->w[k] - 'a' + 'A') : x->w[k];
        same_as_ref(b, n);
    }
}

/* One byte of an entry set to each of the 256 values, at each position, in
 * every entry longer than 8 bytes (compared 8 bytes at a time past the key)
 * and one in five of the others (the lowered look-up lowers exactly 'A'..'Z'). */
static void test_lexicon_hash_every_byte(void **state)
{
    char b[STANCE_LEX_MAXLEN + 1];
    size_t found = 0;
    (void)state;
    for (size_t i = 0; i < stance_lex_count(); i++) {
        const stance_lexent *x = stance_lex_entry((long)i);
        if (x->n <= 8 && i % 5)
            continue;
        for (size_t k = 0; k < x->n; k++)
            for (int v = 0; v < 256; v++) {
                memcpy(b, x->w, x->n);
                b[k] = (char)v;
                found += (size_t)same_as_ref(b, x->n);
            }
    }
    assert_true(found > stance_lex_count() / 5); /* each entry itself, at least */
}

/* Words that are not in the table or are only with other bytes: non-ASCII,
 * empty, too long, capitals where the entry has none. */
static void test_lexicon_hash_near_misses(void **state)
{
    static const char *const words[] = {
        "caf\xc3\xa9", "\xc3\x89tat", "na\xc3\xafve", "Jos\xc3\xa9", "\xe2\x80\x9csaid", "said\xe2\x80\x9d",
        "don\xe2\x80\x99t", "DON\xe2\x80\x99T", "Don\xe2\x80\x99t", "don't", "DON'T", "\xc4\xb0t", "\xef\xbc\xa1",
        "The", "THE", "tHE", "the", "Sen.", "SEN.", "sen", "Administration", "ADMINISTRATION", "administrations",
        "spokeswoman", "SPOKESWOMAN", "Spokeswomen", "\x7f" "he", "@he", "[he", "`he", "{he"};
    char longw[STANCE_LEX_MAXLEN + 2];
    (void)state;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        same_as_ref(words[i], strlen(words[i]));
    assert_true(stance_lex_classes_lower("THE", 3) == stance_lex_classes("the", 3));
    assert_true(stance_lex_classes("the", 3) != 0);
    assert_int_equal(stance_lex_classes_lower("\xc3\x89tat", 5), stance_lex_classes("\xc3\x89tat", 5)); /* not lowered */
    assert_int_equal(stance_lex_find("said", 0), -1);
    assert_int_equal(stance_lex_classes_lower("said", 0), 0);
    memset(longw, 'a', sizeof longw);
    same_as_ref(longw, sizeof longw);
    same_as_ref(longw, STANCE_LEX_MAXLEN);
}

/* Random words over letters of both cases, an apostrophe, a period, a NUL
 * and the bytes of "é", 1 to 25 bytes long (past the longest entry). */
static void test_lexicon_hash_random(void **state)
{
    static const char alpha[] = "aeinrstohAESTO'.\0\xc3\xa9";
    char b[32];
    uint64_t r = 12345;
    size_t found = 0;
    (void)state;
    for (int t = 0; t < 300000; t++) {
        size_t n;
        r = r * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
        n = 1 + (size_t)(r >> 40) % (t % 2 ? 6 : 25);
        for (size_t k = 0; k < n; k++) {
            r = r * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
            b[k] = alpha[(r >> 33) % (sizeof alpha - 1)];
        }
        found += (size_t)same_as_ref(b, n);
    }
    assert_true(found > 20); /* the random words hit entries too */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lexicon_hash_entries),
        cmocka_unit_test(test_lexicon_hash_every_byte),
        cmocka_unit_test(test_lexicon_hash_near_misses),
        cmocka_unit_test(test_lexicon_hash_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
