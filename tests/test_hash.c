/* test_hash.c - known-answer vectors pinning the feature hash (XXH3-64 with
 * a seed over the bytes) and the bucket of a few features. These change only
 * with a model format / tokenizer revision bump. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "features.h"
#include "model.h"

static const struct {
    const char *s;
    uint64_t seed, h;
} kat[] = {
    {"", 0x0u, 0x2d06800538d394c2ull},
    {"", 0x57a11u, 0x584eab399e3aa0bfull},
    {"a", 0x0u, 0xe6c632b61e964e1full},
    {"a", 0xc4a12u, 0x16cdb17b5b59025dull},
    {"credit to <t>", 0x0u, 0x60c70e1ee4e8016full},
    {"credit to <t>", 0x57a11u, 0xc307d0beb05f2f5bull},
    {"\xc3\xbcn\xc3\xaf" "c\xc3\xb6" "d\xc3\xa9", 0x57a11u, 0x0fb38503901b3e15ull},
    {"the quick brown fox jumps over the lazy dog, then sleeps for a very long while in the afternoon sun until "
     "dinner time arrives",
     0xc4a12u, 0xf83f9902bb31dc8dull},
};

static void test_hash_known_answers(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof kat / sizeof *kat; i++)
        assert_true(XXH3_64bits_withSeed(kat[i].s, strlen(kat[i].s), kat[i].seed) == kat[i].h);
}

typedef struct seen {
    uint32_t bucket[64];
    char text[64][64];
    size_t n;
} seen;

static void cb(void *user, uint32_t bucket, uint32_t family, const char *text, size_t len)
{
    seen *s = user;
    if (family == 1 && s->n < 64 && len < 63) {
        s->bucket[s->n] = bucket;
        memcpy(s->text[s->n], text, len);
        s->text[s->n][len] = '\0';
        s->n++;
    }
}

/* The word family's bucket of "credit to <t>" in the default 2^18 table. */
static void test_hash_feature_buckets(void **state)
{
    stance_featcfg cfg;
    stance_fscratch *fs = NULL;
    stance_fvec x = {0};
    stance_statement st = STANCE_STATEMENT_INIT;
    seen s = {0};
    int found = 0;
    (void)state;
    stance_features_default(&cfg);
    st.text = "Credit to Vera Lind.";
    st.text_len = strlen(st.text);
    st.target = "Vera Lind";
    st.target_len = 9;
    assert_int_equal(stance_fscratch_new(&fs), STANCE_OK);
    stance_fscratch_set_name_cb(fs, cb, &s);
    assert_int_equal(stance_features_extract(&cfg, &st, fs, &x, NULL), STANCE_OK);
    for (size_t i = 0; i < s.n; i++)
        if (!strcmp(s.text[i], "credit to <t>")) {
            assert_int_equal(s.bucket[i], 0xc307d0beb05f2f5bull & ((1u << 18) - 1));
            assert_int_equal(s.bucket[i], 0x32f5bu);
            found = 1;
        }
    assert_true(found);
    stance_fvec_clear(&x);
    stance_fscratch_free(fs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash_known_answers),
        cmocka_unit_test(test_hash_feature_buckets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
