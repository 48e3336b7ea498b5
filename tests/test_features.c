/* test_features.c - the extractor: normalisation, tokens that keep negation,
 * the target placeholder, window/presence/context families, value weighting. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "features.h"
#include "linear.h"
#include "model.h"
#include "sort.h"
#include "testutil.h"
#include "vectors.h"

#define XXH_INLINE_ALL
#include <xxhash.h>
static uint64_t stance_test_hash(const char *p, size_t n, uint32_t seed)
{
    return XXH3_64bits_withSeed(p, n, seed);
}

static testutil_names got;

/* A stance_token_cb: the token's text, and whether it is punctuation as its family. */
static int tok_cb(void *user, const char *tok, size_t len, int punct)
{
    testutil_names_cb(user, 0, (uint32_t)punct, tok, len);
    return 0;
}

static int has(uint32_t fam, const char *text)
{
    return testutil_names_has(&got, fam, text);
}

static void extract(const stance_statement *st, stance_fvec *x)
{
    stance_featcfg cfg;
    stance_fscratch *fs = NULL;
    stance_features_default(&cfg);
    memset(&got, 0, sizeof got);
    assert_int_equal(stance_fscratch_new(&fs), STANCE_OK);
    stance_fscratch_set_name_cb(fs, testutil_names_cb, &got);
    assert_int_equal(stance_features_extract(&cfg, st, fs, x, NULL), STANCE_OK);
    stance_fscratch_free(fs);
}

static void test_features_normalise_and_negation(void **state)
{
    stance_statement st = STANCE_STATEMENT_INIT;
    stance_fvec x = {0};
    (void)state;
    st.text = "\xe2\x80\x9cWe WON\xe2\x80\x99T back 2024 plans\xe2\x80\x94never,\xe2\x80\x9d she said.";
    st.text_len = strlen(st.text);
    extract(&st, &x);
    assert_true(has(1, "won't"));         /* curly apostrophe unified, case folded, kept in the token */
    assert_true(has(1, "0000"));          /* digits normalised */
    assert_true(has(1, "\" we won't"));   /* curly quote unified */
    assert_true(has(1, "plans - never")); /* em dash unified */
    assert_true(has(3, "neg back"));      /* negation scope ... */
    assert_true(has(3, "neg plans"));
    assert_false(has(3, "neg said"));     /* ... ends at punctuation */
    assert_true(has(2, " we"));
    assert_true(has(2, "won'"));
    assert_false(has(5, "present"));      /* no target: no target families */
    stance_fvec_clear(&x);
}

static void test_features_target_placeholder(void **state)
{
    stance_statement st = STANCE_STATEMENT_INIT;
    stance_fvec x = {0};
    (void)state;
    st.text = "Credit to Vera Lind, the mayor said, because Lind fixed it.";
    st.text_len = strlen(st.text);
    st.target = "Vera Lind";
    st.target_len = strlen(st.target);
    extract(&st, &x); /* no spans: found in the text */
    assert_true(has(1, "credit to <t>"));
    assert_false(has(1, "vera"));
    assert_true(has(4, "L1 to"));
    assert_true(has(4, "L1 credit to"));
    assert_true(has(4, "R1 ,"));
    assert_true(has(5, "present"));
    assert_true(has(5, "mentions 1"));
    /* with spans, both mentions count */
    {
        stance_span sp[2] = {{10, 19}, {44, 48}};
        st.target_spans = sp;
        st.n_target_spans = 2;
        extract(&st, &x);
        assert_true(has(5, "mentions 2"));
        assert_true(has(5, "early")); /* 2 words of 10 before the first mention (7 before the second) */
        assert_true(has(4, "L1 because") && has(4, "R1 fixed")); /* the window of the second mention */
        assert_true(has(1, "because <t> fixed"));
    }
    /* the position counts words, not punctuation: 1 word of 4 before the mention */
    {
        static const char words[] = "a , , , , Lind b c";
        stance_statement p = {.text = words, .text_len = sizeof words - 1, .target = "Lind", .target_len = 4};
        extract(&p, &x);
        assert_true(has(5, "early") && !has(5, "middle"));
    }
    /* an empty span list: the target is not mentioned */
    {
        stance_span none[1];
        st.target_spans = none;
        st.n_target_spans = 0;
        extract(&st, &x);
        assert_true(has(5, "absent"));
        assert_true(has(1, "vera lind"));
    }
    stance_fvec_clear(&x);
}

static void test_features_context_and_vector(void **state)
{
    stance_statement st = STANCE_STATEMENT_INIT;
    stance_fvec x = {0};
    double norm = 0;
    (void)state;
    st.text = "This is a disgrace.";
    st.text_len = strlen(st.text);
    st.context = "the senator insisted on Monday";
    st.context_len = strlen(st.context);
    extract(&st, &x);
    assert_true(has(6, "ctx senator"));
    assert_true(has(6, "cue insisted"));
    assert_true(x.n > 10);
    for (size_t i = 0; i < x.n; i++) {
        if (i)
            assert_true(x.idx[i - 1] < x.idx[i]); /* sorted, unique */
        assert_true(x.idx[i] < (1u << 18));
        norm += (double)x.val[i] * x.val[i];
    }
    assert_true(fabs(norm - 1.0) < 1e-5); /* L2-normalised */
    stance_fvec_clear(&x);
}

/* value mode 3 (binary-family): a context that was absent in training leaves
 * the values of the text's features unchanged. */
static void test_features_family_norm_isolates_context(void **state)
{
    stance_featcfg cfg;
    stance_fscratch *fs = NULL;
    stance_fvec a = {0}, b = {0};
    stance_statement st = STANCE_STATEMENT_INIT;
    size_t j = 0;
    (void)state;
    stance_features_default(&cfg);
    cfg.value_mode = 3;
    st.text = "What a shameful decision.";
    st.text_len = strlen(st.text);
    assert_int_equal(stance_fscratch_new(&fs), STANCE_OK);
    assert_int_equal(stance_features_extract(&cfg, &st, fs, &a, NULL), STANCE_OK);
    st.context = "the minister blasted the board";
    st.context_len = strlen(st.context);
    assert_int_equal(stance_features_extract(&cfg, &st, fs, &b, NULL), STANCE_OK);
    assert_true(b.n > a.n);
    for (size_t i = 0; i < a.n; i++) {
        while (j < b.n && b.idx[j] < a.idx[i])
            j++;
        assert_true(j < b.n && b.idx[j] == a.idx[i]);
        assert_true(fabsf(a.val[i] - b.val[j]) < 1e-6f || b.val[j] > a.val[i]); /* equal unless shared bucket */
    }
    stance_fvec_clear(&a);
    stance_fvec_clear(&b);
    stance_fscratch_free(fs);
}

static void test_features_check_refuses_unknown(void **state)
{
    stance_featcfg cfg;
    stance_error err;
    (void)state;
    stance_features_default(&cfg);
    assert_int_equal(stance_features_check(&cfg, &err), STANCE_OK);
    cfg.families[0].id = 99;
    assert_int_equal(stance_features_check(&cfg, &err), STANCE_ERR_VERSION);
    stance_features_default(&cfg);
    cfg.tokenizer_rev = 77;
    assert_int_equal(stance_features_check(&cfg, &err), STANCE_ERR_VERSION);
    stance_features_default(&cfg);
    cfg.norm_flags |= 0x100;
    assert_int_equal(stance_features_check(&cfg, &err), STANCE_ERR_VERSION);
    stance_features_default(&cfg);
    cfg.value_mode = 5;
    assert_int_equal(stance_features_check(&cfg, &err), STANCE_ERR_VERSION);
}

/* Family 14 (domain): nothing for general statements; for in-domain ones a copy
 * of every hashed feature in a bucket of its own and a bias, both times the
 * family weight; dense values stay general. */
static void test_features_domain_family(void **state)
{
    stance_featcfg plain, cfg;
    stance_fscratch *fs = NULL;
    stance_fvec a = {0}, b = {0}, c = {0}, e = {0};
    stance_statement st = STANCE_STATEMENT_INIT;
    double sa = 0, sc = 0;
    size_t j = 0;
    (void)state;
    stance_features_default(&plain);
    cfg = plain;
    assert_int_equal(stance_features_family_default(14, &cfg.families[cfg.n_families]), STANCE_OK);
    cfg.families[cfg.n_families++].weight = 2.0f;
    assert_int_equal(stance_features_check(&cfg, NULL), STANCE_OK);
    st.text = "The mayor attacked the governor again.";
    st.text_len = strlen(st.text);
    st.target = "governor";
    st.target_len = strlen(st.target);
    assert_int_equal(stance_fscratch_new(&fs), STANCE_OK);
    assert_int_equal(stance_features_extract(&plain, &st, fs, &a, NULL), STANCE_OK);
    /* off (the default): the same vector as without the family */
    assert_int_equal(stance_features_extract(&cfg, &st, fs, &b, NULL), STANCE_OK);
    assert_int_equal(b.n, a.n);
    assert_memory_equal(b.idx, a.idx, a.n * sizeof *a.idx);
    assert_memory_equal(b.val, a.val, a.n * sizeof *a.val);
    /* on: every general feature kept, with copies and the bias in other buckets */
    stance_fscratch_set_domain(fs, 1);
    assert_int_equal(stance_features_extract(&cfg, &st, fs, &c, NULL), STANCE_OK);
    assert_true(c.n > a.n);
    for (size_t i = 1; i < c.n; i++)
        assert_true(c.idx[i - 1] < c.idx[i]);
    for (size_t i = 0; i < a.n; i++) {
        while (j < c.n && c.idx[j] < a.idx[i])
            j++;
        assert_true(j < c.n && c.idx[j] == a.idx[i]);
    }
    /* squared norms: the copies add 4x the general part, the bias 4 (hash collisions aside) */
    for (size_t i = 0; i < a.n; i++)
        sa += (double)a.val[i] * a.val[i];
    for (size_t i = 0; i < c.n; i++)
        sc += (double)c.val[i] * c.val[i];
    assert_true(fabs(sc - (5.0 * sa + 4.0)) < 0.5);
    /* on, but a configuration without the family: unchanged */
    assert_int_equal(stance_features_extract(&plain, &st, fs, &e, NULL), STANCE_OK);
    assert_int_equal(e.n, a.n);
    assert_memory_equal(e.val, a.val, a.n * sizeof *a.val);
    stance_fvec_clear(&a);
    stance_fvec_clear(&b);
    stance_fvec_clear(&c);
    stance_fvec_clear(&e);
    stance_fscratch_free(fs);
}

/* The copy bucket of @p bk as the library gives it: XXH3_64bits_withSeed over
 * its four bytes, little-endian, with the seed of family index @p fi. */
static uint32_t library_copy(const stance_featcfg *cfg, int fi, uint32_t bk)
{
    const char key[4] = {(char)(bk & 0xff), (char)(bk >> 8 & 0xff), (char)(bk >> 16 & 0xff), (char)(bk >> 24)};
    return (uint32_t)stance_test_hash(key, sizeof key, cfg->families[fi].seed) & ((1u << cfg->table_bits) - 1);
}

/* The copy table (stance_features_domain_prepare(): the library's XXH3 in a
 * loop the compiler vectorises) holds, for each bucket, the copy bucket that
 * the library's hash of the bucket's bytes gives and that the explicit path
 * uses (stance_fdomain_copy()), then the bias bucket: every bucket of an 18-bit
 * table, and for other seeds and sizes (the least table, 16 buckets, too) the
 * first and last 64 buckets and 5,000 spread between. */
static void test_features_domain_copy_table(void **state)
{
    static const uint32_t seeds[] = {0, 1, 0x9e3779b9u, 0xffffffffu, 0x01020304u};
    static const uint32_t sizes[] = {STANCE_MIN_TABLE_BITS, 7, 13, 20};
    stance_featcfg cfg;
    int fi;
    (void)state;
    stance_features_default(&cfg);
    assert_int_equal(stance_features_family_default(14, &cfg.families[cfg.n_families]), STANCE_OK);
    fi = (int)cfg.n_families++;
    assert_int_equal(stance_fdomain_index(&cfg), fi);
    assert_int_equal(cfg.table_bits, 18);
    cfg.dcopy = NULL;
    assert_int_equal(stance_features_domain_prepare(&cfg), STANCE_OK);
    assert_non_null(cfg.dcopy);
    for (uint32_t b = 0; b < (1u << cfg.table_bits); b++)
        if (cfg.dcopy[b] != library_copy(&cfg, fi, b) || cfg.dcopy[b] != stance_fdomain_copy(&cfg, (uint32_t)fi, b))
            fail_msg("bucket %u: table %u, library %u", b, cfg.dcopy[b], library_copy(&cfg, fi, b));
    assert_int_equal(cfg.dcopy[1u << cfg.table_bits], stance_test_hash("bias", 4, cfg.families[fi].seed) &
                                                           ((1u << cfg.table_bits) - 1));
    for (size_t k = 0; k < sizeof seeds / sizeof *seeds; k++)
        for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
            const uint32_t nb = 1u << sizes[z];
            cfg.families[fi].seed = seeds[k];
            cfg.table_bits = sizes[z];
            assert_int_equal(stance_features_domain_prepare(&cfg), STANCE_OK);
            for (uint32_t i = 0; i < 5128; i++) {
                const uint32_t bk = (i < 64 ? i : i < 128 ? nb - 1 - (i - 64) : i * 2654435761u) & (nb - 1);
                if (cfg.dcopy[bk] != library_copy(&cfg, fi, bk))
                    fail_msg("seed %#x, %u bits, bucket %u: table %u, library %u", seeds[k], sizes[z], bk,
                             cfg.dcopy[bk], library_copy(&cfg, fi, bk));
            }
            assert_int_equal(cfg.dcopy[nb], stance_test_hash("bias", 4, seeds[k]) & (nb - 1));
        }
    stance_free(cfg.dcopy);
}

/* stance_linear_values() through the row tables a read model's heads get
 * (stance_linear_prepare(): rowof, the general and copy rows found in one pass
 * under AVX2) gives the same bits as the rank lookup without them: random
 * vectors with copies owed, small and larger than the copy buffer, with the
 * model's copy table and with another pointer to the same table. */
static void test_features_row_tables_same_values(void **state)
{
    stance_model *b = testutil_build_model(), *m = NULL;
    size_t nb;
    uint32_t z = 11, *other;
    (void)state;
    assert_true(b->feat.n_families < STANCE_MAX_FAMILIES);
    stance_features_family_default(14, &b->feat.families[b->feat.n_families++]);
    nb = (size_t)1 << b->feat.table_bits;
    for (uint32_t h = 0; h < b->n_heads; h++)
        for (size_t k = 0; k < nb; k++) {
            z = z * 1103515245u + 12345u;
            for (uint32_t p = 0; p < b->heads[h].n_dec; p++) /* a bucket in three without a row */
                b->heads[h].weights[k * b->heads[h].n_dec + p] =
                    z % 3 ? (float)((int)((z >> (8 + p)) & 1023) - 512) / 7.0f : 0.0f;
        }
    for (uint32_t h = 0; h < b->n_heads; h++) { /* a head trained in-domain has the copies' bias */
        const size_t bias = stance_test_hash("bias", 4, b->feat.families[b->feat.n_families - 1].seed) & (nb - 1);
        b->heads[h].weights[bias * b->heads[h].n_dec] = 1.5f;
    }
    assert_non_null(m = testutil_reopen(b));
    assert_non_null(m->feat.dcopy);
    assert_non_null(other = stance_malloc_array(nb + 1, sizeof *other));
    memcpy(other, m->feat.dcopy, (nb + 1) * sizeof *other);
    for (uint32_t h = 0; h < m->n_heads; h++) {
        stance_head plain = m->heads[h];
        if (plain.n_dec != 3)
            continue;
        assert_non_null(m->heads[h].rowof);
        assert_true(m->heads[h].rowof_map == m->feat.dcopy);
        plain.rowof = NULL;
        plain.rowof_map = NULL;
        for (size_t n = 1; n <= 1500; n = n * 3 + 1) {
            stance_fvec x = {0};
            double with[3], without[3];
            assert_non_null(x.idx = stance_malloc_array(n, sizeof *x.idx));
            assert_non_null(x.val = stance_malloc_array(n, sizeof *x.val));
            for (size_t i = 0; i < n; i++) {
                z = z * 1103515245u + 12345u;
                x.idx[i] = (z >> 7) & (uint32_t)(nb - 1);
                x.val[i] = (float)((z >> 3) & 255) / 97.0f + 0.01f;
            }
            x.n = n;
            for (int pass = 0; pass < 3; pass++) {
                /* 0: general only; 1: copies through the model's table; 2: another table */
                x.dcopy = pass == 0 ? NULL : pass == 1 ? m->feat.dcopy : other;
                x.dn = n - n / 4; /* the rest as dense values: no copies */
                x.dbias = m->feat.dcopy[nb];
                x.dwt = 0.5f;
                stance_linear_values(&m->heads[h], &x, with);
                stance_linear_values(&plain, &x, without);
                assert_memory_equal(with, without, sizeof with);
            }
            stance_fvec_clear(&x);
        }
    }
    stance_free(other);
    stance_model_free(m);
}

static void test_features_empty_text(void **state)
{
    stance_statement st = STANCE_STATEMENT_INIT;
    stance_fvec x = {0};
    (void)state;
    st.text = "";
    extract(&st, &x);
    assert_int_equal(x.n, 0);
    stance_fvec_clear(&x);
}

static stance_lexicon *test_lexicon(const stance_featcfg *cfg)
{
    static const char *const w[] = {"good", "bad", "Great", "good", ":)", "two words", "zero", "fine"};
    static const float v[] = {1.9f, -2.5f, 3.1f, 5.0f, 2.0f, 1.0f, 0.0f, 0.5f};
    size_t lens[8];
    stance_lexicon *lx = NULL;
    for (int i = 0; i < 8; i++)
        lens[i] = strlen(w[i]);
    assert_int_equal(stance_lexicon_build(cfg, w, lens, v, 8, &lx, NULL), STANCE_OK);
    return lx;
}

/* Normalised, single-token, non-zero, sorted, first duplicate kept. */
static void test_features_lexicon_build(void **state)
{
    stance_featcfg cfg;
    stance_lexicon *lx;
    (void)state;
    stance_features_default(&cfg);
    lx = test_lexicon(&cfg);
    assert_int_equal(lx->n, 4);
    assert_string_equal(lx->blob + lx->off[0], "bad");
    assert_string_equal(lx->blob + lx->off[1], "fine");
    assert_string_equal(lx->blob + lx->off[2], "good");
    assert_string_equal(lx->blob + lx->off[3], "great");
    assert_true(lx->valence[2] == 1.9f);
    assert_int_equal(lx->len[3], 5);
    stance_lexicon_free(lx);
}

static double value_of(const stance_featcfg *cfg, const stance_fvec *x, uint32_t fam, const char *name)
{
    uint32_t seed = 0, b;
    for (uint32_t i = 0; i < cfg->n_families; i++)
        if (cfg->families[i].id == fam)
            seed = cfg->families[i].seed;
    b = (uint32_t)stance_test_hash(name, strlen(name), seed) & ((1u << cfg->table_bits) - 1);
    for (size_t i = 0; i < x->n; i++)
        if (x->idx[i] == b)
            return x->val[i];
    return 0;
}

/* Negation flips, "but" weights, regions around the target, rule cues. */
static void test_features_lexicon_families(void **state)
{
    stance_featcfg cfg;
    stance_fscratch *fs = NULL;
    stance_fvec x = {0};
    stance_statement st = {0};
    const char *text = "The plan is not good, but the mayor was very bad at it!";
    (void)state;
    stance_features_default(&cfg);
    cfg.n_families = 0;
    stance_features_family_default(1, &cfg.families[cfg.n_families++]);
    stance_features_family_default(8, &cfg.families[cfg.n_families++]);
    stance_features_family_default(9, &cfg.families[cfg.n_families++]);
    stance_features_family_default(10, &cfg.families[cfg.n_families++]);
    st.text = text;
    st.text_len = strlen(text);
    st.target = "mayor";
    st.target_len = 5;
    assert_int_equal(stance_fscratch_new(&fs), STANCE_OK);
    /* the lexicon families refuse to run without a lexicon */
    assert_int_equal(stance_features_extract(&cfg, &st, fs, &x, NULL), STANCE_ERR_INVALID);
    cfg.lex = test_lexicon(&cfg);
    memset(&got, 0, sizeof got);
    stance_fscratch_set_name_cb(fs, testutil_names_cb, &got);
    assert_int_equal(stance_features_extract(&cfg, &st, fs, &x, NULL), STANCE_OK);
    /* "not good": prior positive, negated -> negative, tagged as flipped; left of the target */
    assert_true(has(8, "A!+") && has(8, "L-") && has(8, "L!+"));
    /* "very bad" after "but": strong negative right of and near the target */
    assert_true(has(8, "R-") && has(8, "R-2") && has(8, "N-") && has(8, "A>-"));
    assert_false(has(8, "A+"));
    assert_true(has(9, "A:neg") && has(9, "R:neg") && has(9, "A:net"));
    assert_true(has(10, "but") && has(10, "excl") && has(10, "boost"));
    /* VADER's arithmetic: good 1.9 * -0.74 * 0.5 (before "but") = -0.703;
     * bad -2.5 - 0.293 (very) = -2.793, * 1.5 = -4.1895. neg = 4.8925, squashed. */
    {
        double neg = 0.703 + 4.1895;
        assert_true(fabs(value_of(&cfg, &x, 9, "A:neg") - neg / sqrt(neg * neg + 15)) < 1e-4);
        assert_true(fabs(value_of(&cfg, &x, 9, "R:neg") - 4.1895 / sqrt(4.1895 * 4.1895 + 15)) < 1e-4);
        assert_true(fabs(value_of(&cfg, &x, 9, "A:nneg") - 0.5) < 1e-6);
        assert_true(fabs(value_of(&cfg, &x, 10, "excl") - 0.25) < 1e-6);
    }
    /* every cue of the rules family, each under its whole name */
    st.text = "NOT GOOD? The mayor is slightly bad, not very good!";
    st.text_len = strlen(st.text);
    memset(&got, 0, sizeof got);
    assert_int_equal(stance_features_extract(&cfg, &st, fs, &x, NULL), STANCE_OK);
    assert_true(has(10, "excl") && has(10, "quest") && has(10, "caps") && has(10, "boost") && has(10, "damp") &&
                has(10, "negs"));
    /* two mentions: left of the first, between them (neither left nor right), right of the last */
    st.text = "Good news, the mayor said: a bad week for the mayor, and a great one.";
    st.text_len = strlen(st.text);
    memset(&got, 0, sizeof got);
    assert_int_equal(stance_features_extract(&cfg, &st, fs, &x, NULL), STANCE_OK);
    assert_true(has(8, "L+") && has(8, "R+") && has(8, "A-") && !has(8, "L-") && !has(8, "R-"));
    assert_true(has(9, "L:pos") && has(9, "R:pos") && !has(9, "L:neg") && !has(9, "R:neg"));
    st.text = text;
    st.text_len = strlen(text);
    /* no target: only the whole-statement region */
    st.target = NULL;
    st.target_len = 0;
    memset(&got, 0, sizeof got);
    assert_int_equal(stance_features_extract(&cfg, &st, fs, &x, NULL), STANCE_OK);
    assert_true(has(8, "A-") && !has(8, "L-") && !has(8, "R-") && !has(9, "N:neg"));
    /* no polarity word: the balance tag "A=0", its bytes and length exactly */
    st.text = "The meeting is on Tuesday.";
    st.text_len = strlen(st.text);
    memset(&got, 0, sizeof got);
    assert_int_equal(stance_features_extract(&cfg, &st, fs, &x, NULL), STANCE_OK);
    assert_true(has(8, "A=0") && !has(9, "A:pos") && !has(9, "A:npos"));
    {
        const uint32_t b = (uint32_t)stance_test_hash("A=0", 3, cfg.families[1].seed) & ((1u << cfg.table_bits) - 1);
        int found = 0;
        for (size_t i = 0; i < x.n; i++)
            found |= x.idx[i] == b;
        assert_true(found);
    }
    st.text = text;
    st.text_len = strlen(text);
    /* sorted unique buckets after merging the dense values */
    for (size_t i = 1; i < x.n; i++)
        assert_true(x.idx[i - 1] < x.idx[i]);
    stance_lexicon_free(cfg.lex);
    stance_fvec_clear(&x);
    stance_fscratch_free(fs);
}

/* Extract @p text (no target) with @p cfg into @p x, the names into `got`. */
static void extract_cfg(const stance_featcfg *cfg, stance_fscratch *fs, const char *text, stance_fvec *x)
{
    stance_statement st = {0};
    st.text = text;
    st.text_len = strlen(text);
    memset(&got, 0, sizeof got);
    assert_int_equal(stance_features_extract(cfg, &st, fs, x, NULL), STANCE_OK);
}

static double squash15(double v)
{
    return v / sqrt(v * v + 15.0);
}

/* The "but" that means except (#14): after nothing/none/nobody/"no one" it is
 * "only" (no contrast; the negator before it negates nothing, in the polarity
 * rules and in family 3's scope); after all/anything/everything/everyone no
 * contrast; "at all but" and a plain "but" still contrast. Texts written here;
 * valences of test_lexicon() (good 1.9, bad -2.5, fine 0.5). */
static void test_features_except_but(void **state)
{
    stance_featcfg cfg;
    stance_fscratch *fs = NULL;
    stance_fvec x = {0};
    (void)state;
    stance_features_default(&cfg);
    cfg.n_families = 0;
    stance_features_family_default(3, &cfg.families[cfg.n_families++]);
    stance_features_family_default(8, &cfg.families[cfg.n_families++]);
    stance_features_family_default(9, &cfg.families[cfg.n_families++]);
    stance_features_family_default(10, &cfg.families[cfg.n_families++]);
    cfg.lex = test_lexicon(&cfg);
    assert_int_equal(stance_fscratch_new(&fs), STANCE_OK);
    stance_fscratch_set_name_cb(fs, testutil_names_cb, &got);
    /* "nothing but bad news": bad, neither flipped nor lifted; no "but" cue, no negator */
    extract_cfg(&cfg, fs, "He delivered nothing but bad news.", &x);
    assert_true(has(8, "A-") && !has(8, "A+") && !has(8, "A!-"));
    assert_true(fabs(value_of(&cfg, &x, 9, "A:neg") - squash15(2.5)) < 1e-4);
    assert_false(has(10, "but") || has(10, "negs"));
    assert_false(has(3, "neg but") || has(3, "neg bad") || has(3, "neg news"));
    /* the same at a sentence start and after "no one"; "none but" */
    extract_cfg(&cfg, fs, "Nothing but good came of it.", &x);
    assert_true(fabs(value_of(&cfg, &x, 9, "A:pos") - squash15(1.9)) < 1e-4);
    assert_false(has(3, "neg good") || has(10, "but"));
    extract_cfg(&cfg, fs, "No one but good people came.", &x);
    assert_true(fabs(value_of(&cfg, &x, 9, "A:pos") - squash15(1.9)) < 1e-4);
    assert_false(has(3, "neg good") || has(10, "but"));
    /* "all but", "anything but": no contrast (no halving, no x1.5), no cue */
    extract_cfg(&cfg, fs, "It was fine, all but good.", &x);
    assert_true(fabs(value_of(&cfg, &x, 9, "A:pos") - squash15(0.5 + 1.9)) < 1e-4);
    assert_false(has(10, "but"));
    extract_cfg(&cfg, fs, "It was fine and anything but good.", &x);
    assert_true(fabs(value_of(&cfg, &x, 9, "A:pos") - squash15(0.5 + 1.9)) < 1e-4);
    assert_false(has(10, "but"));
    /* a plain "but" and "at all but" contrast: fine halved, good x1.5 */
    extract_cfg(&cfg, fs, "It was fine but good.", &x);
    assert_true(fabs(value_of(&cfg, &x, 9, "A:pos") - squash15(0.25 + 2.85)) < 1e-4);
    assert_true(has(10, "but"));
    extract_cfg(&cfg, fs, "It was not fine at all but good.", &x);
    assert_true(fabs(value_of(&cfg, &x, 9, "A:pos") - squash15(2.85)) < 1e-4);
    assert_true(has(10, "but") && has(3, "neg good"));
    /* a negator's scope ends at "nothing but", not at another "but" */
    extract_cfg(&cfg, fs, "Do not say nothing but good.", &x);
    assert_true(has(3, "neg say") && has(3, "neg nothing") && !has(3, "neg but") && !has(3, "neg good"));
    stance_lexicon_free(cfg.lex);
    stance_fvec_clear(&x);
    stance_fscratch_free(fs);
}

/* @p cfg with family @p id alone (its defaults), and a scratch that reports
 * the names of its features into `got`. */
static stance_fscratch *one_family(stance_featcfg *cfg, uint32_t id)
{
    stance_fscratch *fs = NULL;
    stance_features_default(cfg);
    cfg->n_families = 0;
    assert_int_equal(stance_features_family_default(id, &cfg->families[cfg->n_families++]), STANCE_OK);
    assert_int_equal(stance_fscratch_new(&fs), STANCE_OK);
    stance_fscratch_set_name_cb(fs, testutil_names_cb, &got);
    return fs;
}

/* The lexicon tag family's balance tags, each by its whole name: more positive
 * ("A>+"), more negative ("A>-"), as much of each ("A=mix"), none ("A=0"). */
static void test_features_lexicon_balance(void **state)
{
    static const char *const w[] = {"up", "down", "high"};
    static const size_t lens[] = {2, 4, 4};
    static const float v[] = {2.0f, -2.0f, 1.0f};
    static const char *const texts[] = {"up and high", "down and high", "up and down", "and so on"};
    static const char *const tags[] = {"A>+", "A>-", "A=mix", "A=0"};
    stance_featcfg cfg;
    stance_fscratch *fs = one_family(&cfg, 8);
    stance_fvec x = {0};
    (void)state;
    assert_int_equal(stance_lexicon_build(&cfg, w, lens, v, 3, &cfg.lex, NULL), STANCE_OK);
    for (size_t t = 0; t < 4; t++) {
        stance_statement st = {0};
        st.text = texts[t];
        st.text_len = strlen(texts[t]);
        memset(&got, 0, sizeof got);
        assert_int_equal(stance_features_extract(&cfg, &st, fs, &x, NULL), STANCE_OK);
        for (size_t k = 0; k < 4; k++)
            assert_int_equal(has(8, tags[k]), k == t);
    }
    stance_lexicon_free(cfg.lex);
    stance_fvec_clear(&x);
    stance_fscratch_free(fs);
}

/* The clause family's clause ends at each of ,;:()".!?[] and at no other
 * punctuation: "x" before it is outside the target's clause ("out x"). */
static void test_features_clause_breaks(void **state)
{
    static const char breaks[] = ",;:()\".!?[]", others[] = "-/&*+=%#@'";
    stance_featcfg cfg;
    stance_fscratch *fs = one_family(&cfg, 7);
    stance_fvec x = {0};
    (void)state;
    for (int pass = 0; pass < 2; pass++)
        for (const char *c = pass ? others : breaks; *c; c++) {
            char text[32];
            stance_statement st = {0};
            snprintf(text, sizeof text, "x %c mayor y", *c);
            st.text = text;
            st.text_len = strlen(text);
            st.target = "mayor";
            st.target_len = 5;
            memset(&got, 0, sizeof got);
            assert_int_equal(stance_features_extract(&cfg, &st, fs, &x, NULL), STANCE_OK);
            assert_true(has(7, "in y"));
            assert_true(pass ? has(7, "in x") && !has(7, "out x") : has(7, "out x") && !has(7, "in x"));
        }
    stance_fvec_clear(&x);
    stance_fscratch_free(fs);
}

/* The dense values merged into the hashed vector (features.c's merge_dense):
 * with a table of 2^5 buckets, dense buckets fall on hashed ones and on each
 * other. The dense part is what doubling the dense families' weights adds (they
 * are outside the L2 norm), the hashed part what is left without them: the
 * merged vector is their sum, bucket by bucket, with sorted unique buckets. */
static double bucket_value(const stance_fvec *x, uint32_t b)
{
    for (size_t i = 0; i < x->n; i++)
        if (x->idx[i] == b)
            return x->val[i];
    return 0;
}

/* Words (1), [char n-grams (2) at weight 0.5 when @p chars,] lexicon (8, 9)
 * and rules (10) in 2^bits buckets, with the test lexicon (the caller frees
 * cfg->lex). */
static void lexicon_config(stance_featcfg *cfg, unsigned bits, int chars)
{
    static const uint32_t fams[] = {1, 2, 8, 9, 10};
    stance_features_default(cfg);
    cfg->table_bits = bits;
    cfg->n_families = 0;
    for (size_t i = 0; i < sizeof fams / sizeof *fams; i++)
        if (fams[i] != 2 || chars)
            stance_features_family_default(fams[i], &cfg->families[cfg->n_families++]);
    if (chars)
        cfg->families[1].weight = 0.5f;
    cfg->lex = test_lexicon(cfg);
}

/* @p text toward "mayor". */
static stance_statement mayor_statement(const char *text)
{
    stance_statement st = {0};
    st.text = text;
    st.text_len = strlen(text);
    st.target = "mayor";
    st.target_len = 5;
    return st;
}

static void test_features_dense_merge_collisions(void **state)
{
    const char *texts[] = {"The plan is not good, but the mayor was very bad at it!",
                           "Great, wonderful news: the mayor is no liar and very good.", "bad", ""};
    (void)state;
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        stance_featcfg cfg, dbl, none;
        stance_fscratch *fs = NULL;
        stance_fvec x = {0}, x2 = {0}, x0 = {0};
        stance_statement st = {0};
        size_t common = 0;
        lexicon_config(&cfg, 5, 0);
        dbl = cfg;
        dbl.families[2].weight *= 2; /* 9: dense only */
        none = cfg;
        none.families[2] = none.families[3];
        none.n_families = 3; /* 10 (rules) dense values stay: they are in all three */
        st = mayor_statement(texts[t]);
        assert_int_equal(stance_fscratch_new(&fs), STANCE_OK);
        assert_int_equal(stance_features_extract(&cfg, &st, fs, &x, NULL), STANCE_OK);
        assert_int_equal(stance_features_extract(&dbl, &st, fs, &x2, NULL), STANCE_OK);
        assert_int_equal(stance_features_extract(&none, &st, fs, &x0, NULL), STANCE_OK);
        for (size_t i = 1; i < x.n; i++)
            assert_true(x.idx[i - 1] < x.idx[i]);
        for (uint32_t b = 0; b < 32; b++) {
            const double v = bucket_value(&x, b), v2 = bucket_value(&x2, b), v0 = bucket_value(&x0, b);
            const double d = v2 - v; /* the dense family's values in bucket b */
            assert_true(fabs(v - (v0 + d)) < 1e-5);
            common += v0 != 0 && d != 0;
        }
        if (t < 2)
            assert_true(common > 0); /* the case the test is for happened */
        stance_lexicon_free(cfg.lex);
        stance_fvec_clear(&x);
        stance_fvec_clear(&x2);
        stance_fvec_clear(&x0);
        stance_fscratch_free(fs);
    }
}

/* Word vectors of dim 40 (so the dense values of 4 regions exceed the
 * insertion-sort size): "good" = e0, "bad" = e1, "plan" = e0 + e2. */
static stance_wvec *test_vectors(void)
{
    static const char *const w[] = {"good", "bad", "plan"};
    static const size_t lens[] = {4, 3, 4};
    float v[3 * 40] = {0};
    stance_wvec *wv = NULL;
    v[0] = 1;
    v[40 + 1] = 1;
    v[80 + 0] = 1;
    v[80 + 2] = 1;
    assert_int_equal(stance_wvec_build(w, lens, v, 3, 40, &wv, NULL), STANCE_OK);
    return wv;
}

/* The vec family: sums per region, L2-normalised, times the family weight. */
static void test_features_vec_family(void **state)
{
    stance_featcfg cfg;
    stance_fscratch *fs = NULL;
    stance_fvec x = {0};
    stance_statement st = {0};
    const char *text = "Good good plan, said the mayor; bad.";
    double r5 = sqrt(5.0), r2 = sqrt(2.0);
    (void)state;
    stance_features_default(&cfg);
    cfg.n_families = 0;
    stance_features_family_default(1, &cfg.families[cfg.n_families++]);
    stance_features_family_default(11, &cfg.families[cfg.n_families++]);
    cfg.families[1].weight = 0.5f;
    cfg.families[1].window = 2;
    st.text = text;
    st.text_len = strlen(text);
    st.target = "mayor";
    st.target_len = 5;
    assert_int_equal(stance_features_check(&cfg, NULL), STANCE_OK);
    assert_int_equal(stance_fscratch_new(&fs), STANCE_OK);
    assert_true(stance_features_need_vectors(&cfg));
    assert_int_equal(stance_features_extract(&cfg, &st, fs, &x, NULL), STANCE_ERR_INVALID); /* no vectors */
    cfg.wvec = test_vectors();
    memset(&got, 0, sizeof got);
    stance_fscratch_set_name_cb(fs, testutil_names_cb, &got);
    assert_int_equal(stance_features_extract(&cfg, &st, fs, &x, NULL), STANCE_OK);
    /* all: good + good + plan + bad = (3, 1, 1) -> / sqrt(11) * 0.5 */
    assert_true(fabs(value_of(&cfg, &x, 11, "A0") - 0.5 * 3 / sqrt(11.0)) < 1e-6);
    assert_true(fabs(value_of(&cfg, &x, 11, "A1") - 0.5 * 1 / sqrt(11.0)) < 1e-6);
    assert_true(fabs(value_of(&cfg, &x, 11, "A2") - 0.5 * 1 / sqrt(11.0)) < 1e-6);
    /* left: good good plan = (3, 0, 1); right: bad = (0, 1, 0) */
    assert_true(fabs(value_of(&cfg, &x, 11, "L0") - 0.5 * 3 / sqrt(10.0)) < 1e-6);
    assert_true(fabs(value_of(&cfg, &x, 11, "L2") - 0.5 * 1 / sqrt(10.0)) < 1e-6);
    assert_true(has(11, "R1") && !has(11, "R0") && !has(11, "L1"));
    assert_true(fabs(value_of(&cfg, &x, 11, "R1") - 0.5) < 1e-6);
    /* near (2 tokens: "said the <t> ; bad"): bad only */
    assert_true(has(11, "N1") && !has(11, "N0"));
    assert_false(has(11, "A3")); /* zero dimensions are not emitted */
    for (size_t i = 1; i < x.n; i++)
        assert_true(x.idx[i - 1] < x.idx[i]);
    /* two mentions: near either (2 tokens each way): "good" left of the first, "plan" left of and
     * "bad" right of the second = (2, 1, 1) */
    st.text = "good a mayor b c d e f plan g mayor bad";
    st.text_len = strlen(st.text);
    memset(&got, 0, sizeof got);
    assert_int_equal(stance_features_extract(&cfg, &st, fs, &x, NULL), STANCE_OK);
    assert_true(fabs(value_of(&cfg, &x, 11, "N0") - 0.5 * 2 / sqrt(6.0)) < 1e-6);
    assert_true(fabs(value_of(&cfg, &x, 11, "N1") - 0.5 / sqrt(6.0)) < 1e-6);
    assert_true(fabs(value_of(&cfg, &x, 11, "N2") - 0.5 / sqrt(6.0)) < 1e-6);
    st.text = text;
    st.text_len = strlen(text);
    /* no target: the whole statement only; unknown words add nothing */
    st.target = NULL;
    st.target_len = 0;
    st.text = "good plan by someone unknown";
    st.text_len = strlen(st.text);
    memset(&got, 0, sizeof got);
    assert_int_equal(stance_features_extract(&cfg, &st, fs, &x, NULL), STANCE_OK);
    assert_true(fabs(value_of(&cfg, &x, 11, "A0") - 0.5 * 2 / r5) < 1e-6);
    assert_true(fabs(value_of(&cfg, &x, 11, "A2") - 0.5 * 1 / r5) < 1e-6);
    assert_false(has(11, "L0") || has(11, "N0"));
    /* no known word at all: no vec values */
    st.text = "nothing here";
    st.text_len = strlen(st.text);
    memset(&got, 0, sizeof got);
    assert_int_equal(stance_features_extract(&cfg, &st, fs, &x, NULL), STANCE_OK);
    for (size_t i = 0; i < got.n; i++)
        assert_int_not_equal(got.fam[i], 11);
    (void)r2;
    stance_wvec_free(cfg.wvec);
    stance_fvec_clear(&x);
    stance_fscratch_free(fs);
}

/* The vec family's fast path (vectors.c): the hash look-up finds every word
 * of a larger table; pooling in 16-bit sums flushed before they overflow
 * gives the plain per-region sums; the values and their region mask; the
 * prepared buckets are the names' hashes; a head's block adds what its rows
 * add bucket by bucket. */
static void test_features_vectors_fast_path(void **state)
{
    enum { NW = 700, DIM = 37, NT = 900 };
    static char names[NW][8];
    const char *w[NW];
    size_t lens[NW];
    static float v[NW * DIM];
    static int32_t idx[NT], acc[4 * DIM], want[4 * DIM];
    static uint32_t dist[NT];
    static float z[4 * DIM];
    unsigned count[4], wcount[4], mask;
    stance_wvec *wv = NULL;
    stance_model *m;
    stance_head copy;
    double vals[3] = {0, 0, 0}, ref[3] = {0, 0, 0};
    char name[8];
    (void)state;
    for (int i = 0; i < NW; i++) {
        snprintf(names[i], sizeof names[i], "w%03d", i % 1000);
        w[i] = names[i];
        lens[i] = strlen(names[i]);
        for (int d = 0; d < DIM; d++) /* word 0 is all +1 and -1: 900 of them overflow 16 bits */
            v[i * DIM + d] = i == 0 ? (d % 2 ? -1.0f : 1.0f) : (float)((i * 7 + d * 13) % 19 - 9) / 9.0f;
    }
    assert_int_equal(stance_wvec_build(w, lens, v, NW, DIM, &wv, NULL), STANCE_OK);
    for (int i = 0; i < NW; i++)
        assert_int_equal(stance_wvec_find(wv, names[i], lens[i]), i); /* names sort as built */
    assert_int_equal(stance_wvec_find(wv, "w70", 3), -1);
    assert_int_equal(stance_wvec_find(wv, "w7000", 5), -1);
    /* tokens: word 0 mostly (left of the mention), a mention at 600..602, others after */
    for (int i = 0; i < NT; i++) {
        idx[i] = i % 11 == 5 ? -1 : i < 600 ? 0 : (i * 31) % NW;
        dist[i] = (uint32_t)(i < 600 ? 600 - i : i <= 602 ? 0 : i - 602);
    }
    for (int pass = 0; pass < 2; pass++) {
        size_t first = pass ? SIZE_MAX : 600, last = pass ? SIZE_MAX : 602;
        memset(want, 0, sizeof want);
        memset(wcount, 0, sizeof wcount);
        for (int i = 0; i < NT; i++) {
            if (idx[i] < 0)
                continue;
            for (int r = 0; r < 4; r++) {
                int in = r == 0 || (!pass && ((r == 1 && i < 600) || (r == 2 && i > 602) || (r == 3 && dist[i] <= 4)));
                if (!in)
                    continue;
                wcount[r]++;
                for (int d = 0; d < DIM; d++)
                    want[r * DIM + d] += wv->vec[idx[i] * DIM + d];
            }
        }
        stance_wvec_pool(wv, idx, dist, NT, first, last, 4, acc, count);
        assert_memory_equal(acc, want, sizeof want);
        assert_memory_equal(count, wcount, sizeof wcount);
        assert_true(abs(acc[0]) > 32767); /* the 16-bit sums were flushed in time */
        mask = stance_wvec_values(acc, count, DIM, 0.5, z);
        assert_int_equal(mask, pass ? 1u : 15u);
        for (int r = 0; r < 4; r++) {
            double n2 = 0;
            for (int d = 0; d < DIM; d++)
                n2 += (double)acc[r * DIM + d] * acc[r * DIM + d];
            for (int d = 0; d < DIM; d++)
                assert_true(z[r * DIM + d] == (mask >> r & 1 ? (float)(acc[r * DIM + d] * (0.5 / sqrt(n2))) : 0.0f));
        }
    }
    assert_int_equal(stance_wvec_dense_name(0, 7, name), 2);
    assert_memory_equal(name, "A7", 2);
    assert_int_equal(stance_wvec_dense_name(3, 36, name), 3);
    assert_memory_equal(name, "N36", 3);
    assert_int_equal(stance_wvec_dense_bucket(3, 36, 0x1234, 12), (uint32_t)XXH3_64bits_withSeed("N36", 3, 0x1234) & 4095u);
    /* a model: the prepared buckets and the blocks of its heads */
    m = testutil_build_model();
    assert_int_equal(stance_features_family_default(11, &m->feat.families[m->feat.n_families++]), STANCE_OK);
    m->feat.wvec = wv;
    for (uint32_t i = 0; i < 4 * DIM; i++) /* weights on some vec buckets (collisions with words included) */
        if (i % 3) {
            uint32_t b = stance_wvec_dense_bucket(i / DIM, i % DIM, m->feat.families[m->feat.n_families - 1].seed, 12);
            for (uint32_t p = 0; p < 3; p++)
                m->heads[0].weights[(size_t)b * 3 + p] = (float)((int)(i * 3 + p) % 7 - 3) / 4.0f;
        }
    assert_int_equal(stance_wvec_prepare_model(m, NULL), STANCE_OK);
    assert_non_null(stance_wvec_buckets(wv, m->feat.families[m->feat.n_families - 1].seed, 12));
    assert_null(stance_wvec_buckets(wv, 1, 12));
    assert_int_equal(wv->n_block, 2);
    for (uint32_t i = 0; i < 4 * DIM; i++)
        assert_int_equal(wv->bucket[i], stance_wvec_dense_bucket(i / DIM, i % DIM, wv->plan_seed, 12));
    copy = m->heads[0]; /* another head struct with the same weights: scored bucket by bucket */
    stance_wvec_head_values(wv, &m->heads[0], z, 1u, vals);
    stance_wvec_head_values(wv, &copy, z, 1u, ref);
    for (int p = 0; p < 3; p++)
        assert_true(fabs(vals[p] - ref[p]) < 1e-9 && ref[p] != 0.0);
    stance_model_destroy(m);
    stance_free(m);
}

/* The block dot products (built for AVX2 where the CPU has it) are the bits of
 * the scalar order on random data: per pair and region, 16 lane sums of
 * (double)w * z strided by 16, the tail, then the lanes in order. */
static void test_features_vectors_block_exact(void **state)
{
    enum { MAXD = 80 };
    static float block[3 * 4 * MAXD], z[4 * MAXD];
    static const uint32_t dims[] = {64, 37, 16, 3, 80};
    uint64_t x = 0x9e3779b97f4a7c15u;
    (void)state;
    for (size_t t = 0; t < sizeof dims / sizeof *dims; t++) {
        const uint32_t dim = dims[t];
        const size_t nz = 4 * (size_t)dim;
        for (size_t i = 0; i < 3 * nz; i++) {
            x = x * 6364136223846793005u + 1442695040888963407u;
            block[i] = (float)((int64_t)(x >> 11) % 2000001 - 1000000) / 3e5f;
            if (i < nz)
                z[i] = (float)((int64_t)(x >> 17) % 2000001 - 1000000) / 7e5f;
        }
        for (unsigned regions = 0; regions < 16; regions++) {
            double vals[3] = {0.5, -0.25, 1e-3}, want[3] = {0.5, -0.25, 1e-3};
            stance_wvec_block_values(block, z, regions, dim, 3, vals);
            for (uint32_t p = 0; p < 3; p++)
                for (uint32_t r = 0; r < 4; r++) {
                    const float *wp = block + p * nz + (size_t)r * dim, *zp = z + (size_t)r * dim;
                    double lane[16] = {0}, sum = 0;
                    uint32_t i = 0;
                    if (!(regions >> r & 1))
                        continue;
                    for (; i + 16 <= dim; i += 16)
                        for (uint32_t k = 0; k < 16; k++)
                            lane[k] += (double)wp[i + k] * (double)zp[i + k];
                    for (; i < dim; i++)
                        sum += (double)wp[i] * (double)zp[i];
                    for (uint32_t k = 0; k < 16; k++)
                        sum += lane[k];
                    want[p] += sum;
                }
            assert_memory_equal(vals, want, sizeof want);
        }
    }
}

/* The table: sorted, quantised with one scale, looked up by normalised bytes. */
static void test_features_vectors_table(void **state)
{
    static const char *const w[] = {"zeta", "alpha", "mid"};
    static const char *const dup[] = {"alpha", "alpha"};
    static const char *const bad[] = {"two words"};
    static const size_t lens[] = {4, 5, 3}, dl[] = {5, 5}, bl[] = {9};
    const float v[] = {0.5f, -1.0f, 2.0f, 0.25f, 0.0f, -2.0f};
    stance_wvec *wv = NULL;
    stance_error err;
    (void)state;
    assert_int_equal(stance_wvec_build(w, lens, v, 3, 2, &wv, &err), STANCE_OK);
    assert_int_equal(wv->n, 3);
    assert_string_equal(wv->blob + wv->off[0], "alpha");
    assert_string_equal(wv->blob + wv->off[2], "zeta");
    assert_true(fabsf(wv->scale - 2.0f / 127) < 1e-7f);
    assert_int_equal(wv->vec[0], 127);     /* alpha = (2, 0.25) */
    assert_int_equal(wv->vec[1], 16);      /* 0.25 / (2/127) = 15.9 */
    assert_int_equal(wv->vec[2 * 2 + 1], -64); /* zeta's -1 */
    assert_int_equal(stance_wvec_find(wv, "mid", 3), 1);
    assert_int_equal(stance_wvec_find(wv, "zet", 3), -1);
    assert_int_equal(stance_wvec_find(wv, "", 0), -1);
    stance_wvec_free(wv);
    assert_int_equal(stance_wvec_build(dup, dl, v, 2, 2, &wv, &err), STANCE_ERR_INVALID);
    assert_null(wv);
    assert_int_equal(stance_wvec_build(bad, bl, v, 1, 2, &wv, &err), STANCE_ERR_INVALID);
    assert_int_equal(stance_wvec_build(w, lens, v, 3, 0, &wv, &err), STANCE_ERR_INVALID);
    {
        float inf[6] = {0, 0, 0, 0, 0, 0};
        inf[3] = INFINITY;
        assert_int_equal(stance_wvec_build(w, lens, inf, 3, 2, &wv, &err), STANCE_ERR_INVALID);
    }
    /* the tokens the trainer counts: normalised as the extractor does */
    {
        stance_featcfg cfg;
        stance_fscratch *fs = NULL;
        stance_features_default(&cfg);
        memset(&got, 0, sizeof got);
        assert_int_equal(stance_fscratch_new(&fs), STANCE_OK);
        assert_int_equal(stance_features_tokens(&cfg, fs, "Don\xe2\x80\x99t PANIC, 2024!", 20, tok_cb, &got),
                         STANCE_OK);
        assert_int_equal(got.n, 5);
        assert_string_equal(got.text[0], "don't");
        assert_string_equal(got.text[1], "panic");
        assert_string_equal(got.text[2], ",");
        assert_int_equal(got.fam[2], 1); /* punctuation */
        assert_string_equal(got.text[3], "0000");
        stance_fscratch_free(fs);
    }
}

/* Features from the scratch's cache of a text (its tokens and n-gram keys,
 * reused while the same text comes back) are exactly those computed afresh
 * (a scratch with a name callback caches nothing): the same text alternating
 * with another, with and without targets (by name and by spans), with a
 * context, under a second configuration, and after stance_fscratch_forget(). */
static void noname(void *user, uint32_t bucket, uint32_t family, const char *text, size_t len)
{
    (void)user;
    (void)bucket;
    (void)family;
    (void)text;
    (void)len;
}

/* The tokeniser's pass for words of ASCII letters and digits (features_text.c:
 * eight bytes at a time, the word ended by an ASCII byte that cannot go on with
 * it) gives the tokens of the general path: under each normalisation, words
 * of every length near the end of the text, a word that goes on with an
 * apostrophe, a hyphen or a non-ASCII letter, and a NUL, a tab, a newline. */
static void test_features_tokens_ascii_words(void **state)
{
    static const struct {
        uint32_t flags;
        const char *text, *want;
    } cases[] = {
        {0x7, "Covid19X2024abcdefgh O'Neil re-elect CAF\xc3\x89 na\xc3\xafve end9",
         "covid00x0000abcdefgh|o'neil|re-elect|caf\xc3\xa9|na\xc3\xafve|end0|"},
        {0x0, "ABC123def, X", "ABC123def|,|X|"},
        {0x4, "Ab12345678Cd", "Ab00000000Cd|"},
        {0x1, "Ab12345678Cd", "ab12345678cd|"},
        {0x7, "rock' n- roll-", "rock|'|n|-|roll|-|"},
        {0x7, "x\ty\nZ9 A", "x|y|z0|a|"},
        {0x7, "Don\xe2\x80\x99t STOP7 7", "don't|stop0|0|"},
        {0x7, "abcdefg abcdefgh abcdefghi Q", "abcdefg|abcdefgh|abcdefghi|q|"},
        {0x7, "abcdefgh", "abcdefgh|"},
        {0x7, "ABCDEFGHIJKLMNOPQ", "abcdefghijklmnopq|"},
        {0x7, "mid\xe2\x80\x94" "dash 1.5m", "mid|-|dash|0|.|0m|"},
    };
    (void)state;
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        stance_featcfg cfg;
        stance_fscratch *fs = NULL;
        char joined[512] = "";
        stance_features_default(&cfg);
        cfg.norm_flags = cases[c].flags;
        memset(&got, 0, sizeof got);
        assert_int_equal(stance_fscratch_new(&fs), STANCE_OK);
        assert_int_equal(stance_features_tokens(&cfg, fs, cases[c].text, strlen(cases[c].text), tok_cb, &got), STANCE_OK);
        for (size_t i = 0; i < got.n; i++) {
            strcat(joined, got.text[i]);
            strcat(joined, "|");
        }
        assert_string_equal(joined, cases[c].want);
        stance_fscratch_free(fs);
    }
    /* a NUL in the text is skipped as a space is */
    {
        stance_featcfg cfg;
        stance_fscratch *fs = NULL;
        stance_features_default(&cfg);
        memset(&got, 0, sizeof got);
        assert_int_equal(stance_fscratch_new(&fs), STANCE_OK);
        assert_int_equal(stance_features_tokens(&cfg, fs, "ab\0cd", 5, tok_cb, &got), STANCE_OK);
        assert_int_equal(got.n, 2);
        assert_string_equal(got.text[0], "ab");
        assert_string_equal(got.text[1], "cd");
        stance_fscratch_free(fs);
    }
}

/* The norm adds its squares in four sums only when every partial sum is exact:
 * weights that are multiples of 2^-8 up to 2^8, fewer than 8192 values. With
 * weights of 0.1 and 0.3 the sums in another order differ in the last bit. */
static void test_features_squares_exact(void **state)
{
    stance_featcfg cfg;
    float v[4000];
    double seq = 0, four[4] = {0};
    (void)state;
    stance_features_default(&cfg);
    assert_true(stance_fsquares_exact(&cfg, 500));
    assert_false(stance_fsquares_exact(&cfg, 8192));
    cfg.families[1].weight = 0.25f;
    assert_true(stance_fsquares_exact(&cfg, 8191));
    cfg.families[1].weight = 512.0f;
    assert_false(stance_fsquares_exact(&cfg, 10));
    cfg.families[1].weight = 0.3f;
    assert_false(stance_fsquares_exact(&cfg, 10));
    cfg.families[1].weight = 1.0f / 512;
    assert_false(stance_fsquares_exact(&cfg, 10));
    cfg.families[1].weight = 255.75f; /* 2^-8 multiples up to 2^8, and not beyond either way */
    assert_true(stance_fsquares_exact(&cfg, 10));
    cfg.families[1].weight = 256.0f + 1.0f / 64;
    assert_false(stance_fsquares_exact(&cfg, 10));
    cfg.families[1].weight = -512.0f;
    assert_false(stance_fsquares_exact(&cfg, 10));
    cfg.families[1].weight = 100.0f + 3.0f / 1024;
    assert_false(stance_fsquares_exact(&cfg, 10));
    /* why it matters: 0.1 and 0.3 (and their sum) squared and added in order and in four sums */
    for (size_t i = 0; i < 4000; i++) {
        v[i] = i % 3 == 0 ? 0.1f : i % 3 == 1 ? 0.3f : 0.1f + 0.3f;
        seq += (double)v[i] * v[i];
        four[i % 4] += (double)v[i] * v[i];
    }
    assert_true(seq != (four[0] + four[1]) + (four[2] + four[3]));
}

/* Binary values: a repeated word's character n-gram keys are kept at its first
 * token only (ftext.dedup). A target on that first token, on a later one, on
 * all of them or on none gives the vector of a scratch that caches nothing. */
static void test_features_cache_binary_repeats(void **state)
{
    static const char text[] = "Park said Park was right, and park rangers agreed with Park.";
    static const stance_span spans[][2] = {{{0, 4}, {0, 0}},   /* the first "Park" only */
                                           {{10, 14}, {0, 0}}, /* the second only */
                                           {{0, 4}, {55, 59}}}; /* the first and the last */
    stance_featcfg cfg;
    stance_fscratch *cached = NULL;
    stance_fvec x = {0}, y = {0};
    (void)state;
    stance_features_default(&cfg);
    cfg.n_families = 0;
    for (uint32_t id = 1; id <= 13; id++)
        assert_int_equal(stance_features_family_default(id, &cfg.families[cfg.n_families++]), STANCE_OK);
    cfg.lex = test_lexicon(&cfg);
    cfg.wvec = test_vectors();
    assert_int_equal(stance_fscratch_new(&cached), STANCE_OK);
    for (unsigned mode = 0; mode <= 4; mode++)
        for (int k = 0; k < 6; k++) {
            stance_statement st = {0};
            stance_fscratch *fresh = NULL;
            cfg.value_mode = mode;
            st.text = text;
            st.text_len = strlen(text);
            if (k >= 1) {
                st.target = "Park";
                st.target_len = 4;
            }
            if (k >= 2 && k <= 4) {
                st.target_spans = spans[k - 2];
                st.n_target_spans = k == 4 ? 2 : 1;
            }
            assert_int_equal(stance_fscratch_new(&fresh), STANCE_OK);
            stance_fscratch_set_name_cb(fresh, noname, NULL);
            assert_int_equal(stance_features_extract(&cfg, &st, cached, &x, NULL), STANCE_OK);
            assert_int_equal(stance_features_extract(&cfg, &st, fresh, &y, NULL), STANCE_OK);
            assert_int_equal(x.n, y.n);
            assert_true(x.n > 10);
            assert_memory_equal(x.idx, y.idx, x.n * sizeof *x.idx);
            assert_memory_equal(x.val, y.val, x.n * sizeof *x.val);
            stance_fscratch_free(fresh);
        }
    stance_lexicon_free(cfg.lex);
    stance_wvec_free(cfg.wvec);
    stance_fvec_clear(&x);
    stance_fvec_clear(&y);
    stance_fscratch_free(cached);
}

static void test_features_cache_same_vectors(void **state)
{
    static const char *const texts[] = {
        "Mayor Diaz said the plan is NOT good, but the council hardly cares; it isn't very bad either, dont you think?",
        "\u201cWithout Diaz we would never have won,\u201d said Park, who however blamed the mayor - slightly - "
        "for the delay.",
        "Great work by Park and Park's team!",
        "",
    };
    static const stance_span spans[] = {{6, 10}, {28, 32}};
    stance_featcfg cfg[3];
    stance_fscratch *cached = NULL;
    stance_fvec x = {0}, y = {0};
    (void)state;
    stance_features_default(&cfg[0]);
    cfg[0].n_families = 0;
    for (uint32_t id = 1; id <= 13; id++)
        assert_int_equal(stance_features_family_default(id, &cfg[0].families[cfg[0].n_families++]), STANCE_OK);
    cfg[0].lex = test_lexicon(&cfg[0]);
    cfg[0].wvec = test_vectors();
    cfg[0].value_mode = 4; /* log tf per family: counts matter too */
    cfg[1] = cfg[0];
    cfg[1].families[0].seed ^= 1u; /* another word family seed: other keys for the same text */
    cfg[1].families[0].max_n = 2;
    cfg[1].families[1].seed ^= 1u; /* and char family seed: other keys in the word memo */
    cfg[2] = cfg[0];
    cfg[2].families[0].min_n = 2; /* word bi- and trigrams only: no unigram from the memo */
    assert_int_equal(stance_fscratch_new(&cached), STANCE_OK);
    for (int round = 0; round < 3; round++) {
        for (size_t k = 0; k < 40; k++) {
            const stance_featcfg *c = &cfg[(k / 9) % 3];
            stance_statement st = {0};
            stance_fscratch *fresh = NULL;
            size_t ti = (k % 3 == 2) ? (k / 3) % 4 : 0; /* text 0 most of the time, the others between */
            st.text = texts[ti];
            st.text_len = strlen(texts[ti]);
            if (k % 4 == 1) {
                st.target = "Elena Diaz";
                st.target_len = 10;
            } else if (k % 4 == 3) {
                st.target = "Tom Park";
                st.target_len = 8;
                if (ti == 0) {
                    st.target_spans = spans + (k % 8 == 3);
                    st.n_target_spans = 1;
                }
            }
            if (k % 5 == 0) {
                st.context = "The mayor of Riverton praised the plan on Monday.";
                st.context_len = strlen(st.context);
            }
            assert_int_equal(stance_fscratch_new(&fresh), STANCE_OK);
            stance_fscratch_set_name_cb(fresh, noname, NULL);
            assert_int_equal(stance_features_extract(c, &st, cached, &x, NULL), STANCE_OK);
            assert_int_equal(stance_features_extract(c, &st, fresh, &y, NULL), STANCE_OK);
            assert_int_equal(x.n, y.n);
            assert_true(x.n == 0 || memcmp(x.idx, y.idx, x.n * sizeof *x.idx) == 0);
            assert_true(x.n == 0 || memcmp(x.val, y.val, x.n * sizeof *x.val) == 0);
            assert_true(ti == 3 || x.n > 10);
            stance_fscratch_free(fresh);
        }
        stance_fscratch_forget(cached);
    }
    stance_lexicon_free(cfg[0].lex);
    stance_wvec_free(cfg[0].wvec);
    stance_fvec_clear(&x);
    stance_fvec_clear(&y);
    stance_fscratch_free(cached);
}

/* The word memo kept across calls (stance_fscratch_keep_words) is used again
 * only for the same lexicon contents (its print): a lexicon changed in place (same
 * address, as a freed model's replacement may get) and sealed again gives the
 * features computed afresh. */
static void test_features_memo_kept_checks_lexicon(void **state)
{
    const char *text = "The mayor said the plan is good, not bad, and fine by him.";
    stance_featcfg cfg;
    stance_fscratch *cached = NULL;
    stance_fvec x = {0}, y = {0};
    stance_statement st = {0};
    (void)state;
    stance_features_default(&cfg);
    cfg.n_families = 0;
    for (uint32_t id = 1; id <= 10; id++)
        assert_int_equal(stance_features_family_default(id, &cfg.families[cfg.n_families++]), STANCE_OK);
    cfg.lex = test_lexicon(&cfg);
    st.text = text;
    st.text_len = strlen(text);
    st.target = "mayor";
    st.target_len = 5;
    assert_int_equal(stance_fscratch_new(&cached), STANCE_OK);
    for (int step = 0; step < 4; step++) {
        stance_fscratch *fresh = NULL;
        if (step == 2)
            cfg.lex->valence[2] = -cfg.lex->valence[2]; /* "good" turns negative */
        if (step == 3)
            cfg.lex->blob[cfg.lex->off[1] + 3] = 'd'; /* "fine" -> "find": no longer a lexicon word */
        if (step >= 2) {
            uint64_t was[2] = {cfg.lex->print[0], cfg.lex->print[1]};
            stance_lexicon_seal(cfg.lex); /* an edit in place is sealed again, as model.h asks */
            assert_true(was[0] != cfg.lex->print[0] || was[1] != cfg.lex->print[1]);
        }
        assert_int_equal(stance_fscratch_new(&fresh), STANCE_OK);
        stance_fscratch_set_name_cb(fresh, noname, NULL);
        assert_int_equal(stance_features_extract(&cfg, &st, cached, &x, NULL), STANCE_OK);
        assert_int_equal(stance_features_extract(&cfg, &st, fresh, &y, NULL), STANCE_OK);
        assert_int_equal(x.n, y.n);
        assert_true(x.n > 10);
        assert_memory_equal(x.idx, y.idx, x.n * sizeof *x.idx);
        assert_memory_equal(x.val, y.val, x.n * sizeof *x.val);
        stance_fscratch_free(fresh);
        stance_fscratch_keep_words(cached);
    }
    stance_lexicon_free(cfg.lex);
    stance_fvec_clear(&x);
    stance_fvec_clear(&y);
    stance_fscratch_free(cached);
}

/* stance_ascii_word_end (features_text.c, eight bytes at a time) against a
 * byte loop: every byte value at every place of runs of letters and digits of
 * lengths 1-20, from every start, and random texts of mixed bytes. */
static int ref_ascii_word(unsigned c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static size_t ref_ascii_word_end(const unsigned char *t, size_t len, size_t b)
{
    while (b < len && ref_ascii_word(t[b]))
        b++;
    return b;
}

static void test_features_ascii_word_end(void **state)
{
    static const char fill[] = "aZ09zA5mQ";
    unsigned char t[40];
    uint64_t x = 0x2545f4914f6cdd1du;
    (void)state;
    for (size_t len = 1; len <= 20; len++)
        for (size_t p = 0; p < len; p++)
            for (unsigned c = 0; c < 256; c++) {
                for (size_t i = 0; i < len; i++)
                    t[i] = (unsigned char)fill[i % (sizeof fill - 1)];
                t[p] = (unsigned char)c;
                for (size_t b = 0; b <= len; b++)
                    assert_int_equal(stance_ascii_word_end(t, len, b), ref_ascii_word_end(t, len, b));
            }
    for (int round = 0; round < 20000; round++) {
        const size_t len = (size_t)(round % 40);
        for (size_t i = 0; i < len; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            /* mostly letters and digits, with the bytes around each range's ends */
            t[i] = (x & 3) ? (unsigned char)fill[(x >> 8) % (sizeof fill - 1)] : (unsigned char)(x >> 16);
        }
        for (size_t b = 0; b <= len; b++)
            assert_int_equal(stance_ascii_word_end(t, len, b), ref_ascii_word_end(t, len, b));
    }
}

/* A reference tokeniser for ASCII text (features_text.c's rules): words are
 * runs of letters and digits with an apostrophe or hyphen between two of them,
 * folded to lower case with every digit '0'; every other visible byte is a
 * token of its own; white space separates. Tokens as "tok|" in @p out. */
static size_t ref_ascii_tokens(const char *t, size_t len, char *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        const unsigned char c = (unsigned char)t[i];
        if (c == ' ' || (c >= 9 && c <= 13) || c == 0) {
            i++;
            continue;
        }
        if (!isalnum(c)) {
            out[n++] = (char)c;
            out[n++] = '|';
            i++;
            continue;
        }
        for (;;) {
            while (i < len && isalnum((unsigned char)t[i])) {
                out[n++] = isdigit((unsigned char)t[i]) ? '0' : (char)tolower((unsigned char)t[i]);
                i++;
            }
            if (i + 1 < len && (t[i] == '\'' || t[i] == '-') && isalnum((unsigned char)t[i + 1]))
                out[n++] = t[i++];
            else
                break;
        }
        out[n++] = '|';
    }
    return n;
}

static int join_token(void *user, const char *tok, size_t len, int punct)
{
    char **o = user;
    (void)punct;
    memcpy(*o, tok, len);
    *o += len;
    *(*o)++ = '|';
    return 0;
}

/* The tokeniser (its eight-bytes-at-a-time words and the slow path it leaves
 * apostrophes and hyphens to) against ref_ascii_tokens() on random ASCII
 * texts of every length up to 60, words of every length at every alignment. */
static void test_features_ascii_tokens(void **state)
{
    static const char pool[] = "aZq09Mx7 ''--.,!? \tbK";
    stance_featcfg cfg;
    stance_fscratch *fs = NULL;
    char text[64], want[256], got_buf[256];
    uint64_t x = 0x5851f42d4c957f2du;
    (void)state;
    stance_features_default(&cfg);
    assert_int_equal(stance_fscratch_new(&fs), STANCE_OK);
    for (int round = 0; round < 30000; round++) {
        const size_t len = (size_t)(round % 61);
        char *o = got_buf;
        for (size_t i = 0; i < len; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            /* long words (letters and digits) most of the time */
            text[i] = (x & 7) < 5 ? "abcXYZ019"[(x >> 8) % 9] : pool[(x >> 8) % (sizeof pool - 1)];
        }
        assert_int_equal(stance_features_tokens(&cfg, fs, text, len, join_token, &o), STANCE_OK);
        assert_int_equal((size_t)(o - got_buf), ref_ascii_tokens(text, len, want));
        assert_memory_equal(got_buf, want, (size_t)(o - got_buf));
    }
    stance_fscratch_free(fs);
}

/* stance_u32set (sort.h): a set of buckets with places in the order they came. */
/* stance_copy_short / stance_same_short against memcpy / memcmp for every length
 * 0-40 and every offset of a difference, at odd alignments, without touching a
 * byte beyond the run. */
static void test_features_short_runs(void **state)
{
    unsigned char src[64], dst[64], ref[64], other[64];
    (void)state;
    for (size_t i = 0; i < sizeof src; i++)
        src[i] = (unsigned char)(i * 37 + 11);
    for (size_t n = 0; n <= 40; n++)
        for (size_t off = 0; off < 3; off++) {
            memset(dst, 0xAA, sizeof dst);
            memset(ref, 0xAA, sizeof ref);
            stance_copy_short(dst + off, src + 1, n);
            memcpy(ref + off, src + 1, n);
            assert_memory_equal(dst, ref, sizeof dst);
            assert_true(stance_same_short(src + 1, dst + off, n));
            for (size_t k = 0; k < n; k++) {
                memcpy(other, src + 1, n);
                other[k] ^= 0x40;
                assert_false(stance_same_short(src + 1, other, n));
                assert_false(stance_same_short(other, src + 1, n));
            }
        }
}

static void test_features_u32set(void **state)
{
    stance_u32set t = {0};
    uint32_t same[8], ns = 0;
    (void)state;
    /* empty: nothing found */
    assert_int_equal(stance_u32set_reset(&t, 0), STANCE_OK);
    assert_int_equal(t.cap, 16);
    assert_int_equal(stance_u32set_find(&t, 0), -1);
    assert_int_equal(stance_u32set_find(&t, 12345), -1);
    /* keys whose first slot is the last one (the probe goes round to slot 0) */
    for (uint32_t k = 1; ns < 8; k++) {
        const uint32_t h = (k * 0x9E3779B1u) ^ (k >> 16);
        if ((h & 15) == 15)
            same[ns++] = k;
    }
    for (uint32_t i = 0; i < 8; i++)
        assert_int_equal(stance_u32set_add(&t, same[i]), i);
    /* duplicates: the same place, no new key */
    for (uint32_t i = 0; i < 8; i++) {
        assert_int_equal(stance_u32set_add(&t, same[7 - i]), 7 - i);
        assert_int_equal(stance_u32set_find(&t, same[i]), i);
    }
    assert_int_equal(t.n, 8);
    assert_int_equal(stance_u32set_find(&t, 0), -1);
    assert_int_equal(stance_u32set_add(&t, 0), 8); /* key 0 is a key like the others */
    assert_int_equal(stance_u32set_find(&t, 0), 8);
    /* a reset empties it without clearing: none of the keys is found again */
    assert_int_equal(stance_u32set_reset(&t, 8), STANCE_OK);
    assert_int_equal(t.n, 0);
    for (uint32_t i = 0; i < 8; i++)
        assert_int_equal(stance_u32set_find(&t, same[i]), -1);
    assert_int_equal(stance_u32set_find(&t, 0), -1);
    assert_int_equal(stance_u32set_add(&t, same[3]), 0);
    /* the generations going round: slots cleared, the old keys gone */
    t.gen = UINT32_MAX;
    assert_int_equal(stance_u32set_add(&t, 77), 1);
    assert_int_equal(stance_u32set_reset(&t, 4), STANCE_OK);
    assert_int_equal(t.gen, 1);
    assert_int_equal(stance_u32set_find(&t, 77), -1);
    assert_int_equal(stance_u32set_find(&t, same[3]), -1);
    /* grown: many keys, then every one found at its place */
    assert_int_equal(stance_u32set_reset(&t, 5000), STANCE_OK);
    assert_true(t.cap >= 10000);
    for (uint32_t i = 0; i < 5000; i++)
        assert_int_equal(stance_u32set_add(&t, i * 4096u), i); /* (many share low bits) */
    for (uint32_t i = 0; i < 5000; i++)
        assert_int_equal(stance_u32set_find(&t, i * 4096u), i);
    assert_int_equal(stance_u32set_find(&t, 4096u * 5000), -1);
    stance_u32set_free(&t);
    assert_null(t.slot);
}

/* Sort (idx, val) pairs by idx (insertion sort: the vectors are short). */
static void sort_pairs(stance_fvec *x)
{
    for (size_t i = 1; i < x->n; i++) {
        const uint32_t b = x->idx[i];
        const float v = x->val[i];
        size_t j = i;
        for (; j > 0 && x->idx[j - 1] > b; j--) {
            x->idx[j] = x->idx[j - 1];
            x->val[j] = x->val[j - 1];
        }
        x->idx[j] = b;
        x->val[j] = v;
    }
}

/* A vector only scored (vec block on: stance_predict() without --explain) is
 * not sorted, but has the same buckets with the same values to the bit as the
 * sorted one: words, char n-grams and the lexicon's dense values, in 2^5
 * buckets (collisions between families and with dense values) and 2^12. With
 * the domain family on, the vector is sorted (the copies' order matters). */
static void test_features_unsorted_same_values(void **state)
{
    const char *texts[] = {"The plan is not good, but the mayor was very bad at it!",
                           "Great, wonderful news: the mayor is no liar and very good.",
                           "bad bad bad good mayor mayor", "mayor", ""};
    size_t unsorted = 0;
    (void)state;
    for (unsigned bits = 5; bits <= 12; bits += 7)
        for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
            stance_featcfg cfg;
            stance_fscratch *fs = NULL;
            stance_fvec a = {0}, b = {0}, d = {0};
            stance_statement st = {0};
            lexicon_config(&cfg, bits, 1);
            st = mayor_statement(texts[t]);
            assert_int_equal(stance_fscratch_new(&fs), STANCE_OK);
            assert_int_equal(stance_features_extract(&cfg, &st, fs, &a, NULL), STANCE_OK);
            stance_fscratch_set_vec_block(fs, 1);
            assert_int_equal(stance_features_extract(&cfg, &st, fs, &b, NULL), STANCE_OK);
            for (size_t i = 1; i < b.n; i++)
                unsorted += b.idx[i - 1] >= b.idx[i];
            sort_pairs(&b);
            assert_int_equal(b.n, a.n);
            assert_memory_equal(b.idx, a.idx, a.n * sizeof *a.idx);
            assert_memory_equal(b.val, a.val, a.n * sizeof *a.val);
            /* the domain family's copies: sorted */
            assert_int_equal(stance_features_family_default(14, &cfg.families[cfg.n_families++]), STANCE_OK);
            stance_fscratch_set_domain(fs, 1);
            assert_int_equal(stance_features_extract(&cfg, &st, fs, &d, NULL), STANCE_OK);
            for (size_t i = 1; i < d.n; i++)
                assert_true(d.idx[i - 1] < d.idx[i]);
            stance_lexicon_free(cfg.lex);
            stance_fvec_clear(&a);
            stance_fvec_clear(&b);
            stance_fvec_clear(&d);
            stance_fscratch_free(fs);
        }
    assert_true(unsorted > 0); /* the case the test is for happened */
}

/* A text of @p n words drawn from a few invented syllables (so that words,
 * their n-grams and character n-grams repeat), with "mayor" now and then. */
static void syllable_text(char *out, size_t cap, size_t n, uint64_t *z)
{
    static const char *const syl[] = {"ka", "lo", "mi", "ren", "tas", "vu", "bad", "good", "no"};
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && len + 40 < cap; i++) {
        size_t k;
        *z ^= *z << 13, *z ^= *z >> 7, *z ^= *z << 17;
        if (*z % 11 == 0) {
            len += (size_t)snprintf(out + len, cap - len, "%smayor", i ? " " : "");
            continue;
        }
        if (i)
            out[len++] = *z % 13 == 0 ? ',' : ' ';
        for (k = 0; k < 1 + (*z >> 8) % 3; k++)
            len += (size_t)snprintf(out + len, cap - len, "%s", syl[(*z >> (12 + 4 * k)) % 9]);
    }
    out[len] = '\0';
}

/* The unsorted vector of many statements in a row on one scratch (its bucket
 * bits must be clear again after each), long enough that buckets share a place
 * hint (finish_unsorted(): 4096 of them, the tables here have 2^14 and 2^18
 * buckets, and the scratch moves between the two), against the sorted vector
 * of a fresh scratch: the same buckets with the same values to the bit. */
static void test_features_unsorted_many(void **state)
{
    stance_fscratch *fs = NULL;
    char text[4096];
    uint64_t z = 0x9E3779B97F4A7C15u;
    size_t shared = 0;
    (void)state;
    assert_int_equal(stance_fscratch_new(&fs), STANCE_OK);
    stance_fscratch_set_vec_block(fs, 1);
    for (int round = 0; round < 40; round++) {
        stance_featcfg cfg;
        stance_fscratch *ref = NULL;
        stance_fvec a = {0}, b = {0};
        stance_statement st;
        lexicon_config(&cfg, round % 3 ? 14 : 18, 1);
        syllable_text(text, sizeof text, 20 + (size_t)round * 15, &z);
        st = mayor_statement(text);
        assert_int_equal(stance_fscratch_new(&ref), STANCE_OK);
        assert_int_equal(stance_features_extract(&cfg, &st, ref, &a, NULL), STANCE_OK);
        assert_int_equal(stance_features_extract(&cfg, &st, fs, &b, NULL), STANCE_OK);
        for (size_t i = 0; i < b.n; i++) /* buckets that share a hint */
            for (size_t j = i + 1; j < b.n; j++)
                shared += (b.idx[i] & 4095) == (b.idx[j] & 4095);
        sort_pairs(&b);
        assert_int_equal(b.n, a.n);
        assert_memory_equal(b.idx, a.idx, a.n * sizeof *a.idx);
        assert_memory_equal(b.val, a.val, a.n * sizeof *a.val);
        stance_lexicon_free(cfg.lex);
        stance_fvec_clear(&a);
        stance_fvec_clear(&b);
        stance_fscratch_free(ref);
    }
    assert_true(shared > 100);
    stance_fscratch_free(fs);
}

/* The decision values of a vector in any order (an unsorted vector is added up
 * in its own order) stay within a few ulps of the exact sum: a long double
 * reference of the same terms, for the dense head and its sparse (read) copy. */
static void test_features_dot_any_order(void **state)
{
    stance_model *m = testutil_build_model(), *r = NULL;
    unsigned char *data = NULL;
    size_t len = 0, buckets = (size_t)1 << m->feat.table_bits;
    stance_head *h = &m->heads[0];
    uint32_t idx[200];
    float val[200];
    uint64_t z = 0x2545F4914F6CDD1Du;
    (void)state;
    assert_int_equal(h->n_dec, 3);
    for (size_t bk = 0; bk < buckets; bk++)
        for (uint32_t p = 0; p < 3; p++) {
            z ^= z << 13, z ^= z >> 7, z ^= z << 17;
            h->weights[bk * 3 + p] = (z & 3) ? (float)((double)(z >> 11) / 9007199254740992.0 * 8 - 4) : 0.0f;
        }
    assert_int_equal(stance_model_serialize(m, &data, &len, NULL), STANCE_OK);
    assert_int_equal(stance_model_parse(data, len, &r, NULL), STANCE_OK);
    for (int round = 0; round < 100; round++) {
        stance_fvec x = {.idx = idx, .val = val, .n = 200, .cap = 200};
        long double ref[3] = {0}, mag[3] = {0};
        double va[3], vb[3];
        for (size_t i = 0; i < x.n; i++) { /* distinct buckets in random order */
            z ^= z << 13, z ^= z >> 7, z ^= z << 17;
            idx[i] = (uint32_t)((i * 7919u + (z % 7)) % buckets);
            for (size_t j = 0; j < i; j++)
                if (idx[j] == idx[i])
                    idx[i] = (uint32_t)((idx[i] + 1) % buckets), j = (size_t)-1;
            val[i] = (float)((double)(z >> 11) / 9007199254740992.0 - 0.3);
        }
        for (size_t i = 0; i < x.n; i++)
            for (uint32_t p = 0; p < 3; p++) {
                const long double t = (long double)h->weights[(size_t)idx[i] * 3 + p] * val[i];
                ref[p] += t;
                mag[p] += t < 0 ? -t : t;
            }
        stance_linear_values(h, &x, va);
        stance_linear_values(&r->heads[0], &x, vb);
        for (uint32_t p = 0; p < 3; p++) {
            const long double bias = h->bias[p], tol = (mag[p] + fabsl(bias)) * 1e-13L;
            assert_true(fabsl((long double)va[p] - (ref[p] + bias)) <= tol);
            assert_true(fabsl((long double)vb[p] - (ref[p] + bias)) <= tol);
        }
    }
    stance_model_destroy(m);
    stance_free(m);
    stance_model_destroy(r);
    stance_free(r);
    stance_free(data);
}

/* FF_NEGMARK (family option 0x1 of families 1 and 4): a word in a negation scope
 * is "~word" in the word n-grams and the target window instead of "word" (Das &
 * Chen 2001), so that "not a liar" and "a liar" share no n-gram of "liar"; the
 * cached path (a scratch that saw the text) gives the fresh path's vector; the
 * option is refused on a family that does not know it. */
static void test_features_negmark(void **state)
{
    stance_featcfg cfg;
    stance_statement st = STANCE_STATEMENT_INIT;
    stance_fscratch *fs = NULL, *fresh = NULL;
    stance_fvec x = {0}, y = {0};
    stance_error err;
    (void)state;
    stance_features_default(&cfg);
    cfg.families[0].flags = 0x1u; /* word */
    cfg.families[3].flags = 0x1u; /* window */
    assert_int_equal(stance_features_check(&cfg, &err), STANCE_OK);
    st.text = "\"Mara Lindqvist is not a liar, and a friend,\" Sam said.";
    st.text_len = strlen(st.text);
    st.target = "Mara Lindqvist";
    st.target_len = strlen(st.target);
    memset(&got, 0, sizeof got);
    assert_int_equal(stance_fscratch_new(&fs), STANCE_OK);
    stance_fscratch_set_name_cb(fs, testutil_names_cb, &got);
    assert_int_equal(stance_features_extract(&cfg, &st, fs, &x, NULL), STANCE_OK);
    assert_true(has(1, "~liar"));
    assert_true(has(1, "~a ~liar"));
    assert_true(has(1, "not ~a"));
    assert_false(has(1, "liar"));
    assert_false(has(1, "a liar"));
    assert_true(has(1, "a friend")); /* the scope ends at the comma */
    assert_true(has(3, "neg liar")); /* family 3 as before */
    assert_true(has(4, "R3 ~a"));
    assert_false(has(4, "R3 a"));
    stance_fscratch_set_name_cb(fs, NULL, NULL);
    assert_int_equal(stance_features_extract(&cfg, &st, fs, &x, NULL), STANCE_OK); /* cached text */
    assert_int_equal(stance_fscratch_new(&fresh), STANCE_OK);
    stance_fscratch_set_name_cb(fresh, noname, NULL);
    assert_int_equal(stance_features_extract(&cfg, &st, fresh, &y, NULL), STANCE_OK);
    assert_int_equal(x.n, y.n);
    assert_memory_equal(x.idx, y.idx, x.n * sizeof *x.idx);
    assert_memory_equal(x.val, y.val, x.n * sizeof *x.val);
    cfg.families[1].flags = 0x1u; /* char: no such option */
    assert_int_equal(stance_features_check(&cfg, &err), STANCE_ERR_VERSION);
    cfg.families[1].flags = 0;
    cfg.families[0].flags = 0x2u; /* word: unknown option */
    assert_int_equal(stance_features_check(&cfg, &err), STANCE_ERR_VERSION);
    stance_fvec_clear(&x);
    stance_fvec_clear(&y);
    stance_fscratch_free(fs);
    stance_fscratch_free(fresh);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_features_normalise_and_negation),
        cmocka_unit_test(test_features_target_placeholder),
        cmocka_unit_test(test_features_context_and_vector),
        cmocka_unit_test(test_features_family_norm_isolates_context),
        cmocka_unit_test(test_features_check_refuses_unknown),
        cmocka_unit_test(test_features_domain_family),
        cmocka_unit_test(test_features_domain_copy_table),
        cmocka_unit_test(test_features_row_tables_same_values),
        cmocka_unit_test(test_features_empty_text),
        cmocka_unit_test(test_features_lexicon_build),
        cmocka_unit_test(test_features_lexicon_families),
        cmocka_unit_test(test_features_vec_family),
        cmocka_unit_test(test_features_vectors_table),
        cmocka_unit_test(test_features_vectors_fast_path),
        cmocka_unit_test(test_features_vectors_block_exact),
        cmocka_unit_test(test_features_squares_exact),
        cmocka_unit_test(test_features_cache_binary_repeats),
        cmocka_unit_test(test_features_cache_same_vectors),
        cmocka_unit_test(test_features_memo_kept_checks_lexicon),
        cmocka_unit_test(test_features_tokens_ascii_words),
        cmocka_unit_test(test_features_dense_merge_collisions),
        cmocka_unit_test(test_features_short_runs),
        cmocka_unit_test(test_features_ascii_word_end),
        cmocka_unit_test(test_features_u32set),
        cmocka_unit_test(test_features_unsorted_same_values),
        cmocka_unit_test(test_features_unsorted_many),
        cmocka_unit_test(test_features_clause_breaks),
        cmocka_unit_test(test_features_lexicon_balance),
        cmocka_unit_test(test_features_ascii_tokens),
        cmocka_unit_test(test_features_dot_any_order),
        cmocka_unit_test(test_features_except_but),
        cmocka_unit_test(test_features_negmark),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
