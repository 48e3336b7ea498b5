/* test_model_io.c - model files: round trip of every field, the corrupt-model
 * sweep (truncate at every byte, flip header bytes), versions and limits. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "features.h"
#include "linear.h"
#include "model.h"
#include "vectors.h"
#include "testutil.h"

static void put_u32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static void fix_crc(unsigned char *data, size_t len)
{
    put_u32(data + len - 4, stance_crc32(0, data, len - 4));
}

static void test_model_io_roundtrip_every_field(void **state)
{
    stance_model *a = testutil_build_model(), *b = NULL;
    unsigned char *data = NULL;
    size_t len = 0;
    stance_error err;
    (void)state;
    assert_int_equal(stance_model_serialize(a, &data, &len, &err), STANCE_OK);
    assert_int_equal(stance_model_parse(data, len, &b, &err), STANCE_OK);
    assert_memory_equal(&a->feat, &b->feat, sizeof a->feat);
    assert_int_equal(a->n_heads, b->n_heads);
    for (uint32_t h = 0; h < a->n_heads; h++) {
        stance_head *x = &a->heads[h], *y = &b->heads[h];
        size_t buckets = (size_t)1 << a->feat.table_bits;
        assert_string_equal(x->name, y->name);
        assert_int_equal(x->n_labels, y->n_labels);
        for (uint32_t l = 0; l < x->n_labels; l++)
            assert_string_equal(x->labels[l], y->labels[l]);
        assert_int_equal(x->n_dec, y->n_dec);
        assert_int_equal(x->calib, y->calib);
        assert_memory_equal(x->bias, y->bias, x->n_dec * sizeof *x->bias);
        assert_memory_equal(x->prob_a, y->prob_a, x->n_dec * sizeof *x->prob_a);
        assert_memory_equal(x->prob_b, y->prob_b, x->n_dec * sizeof *x->prob_b);
        assert_non_null(x->weights); /* built: dense */
        assert_null(y->weights);     /* read: sparse rows in the file image */
        for (size_t bk = 0; bk < buckets; bk++) {
            float rx[STANCE_MAX_LABELS], ry[STANCE_MAX_LABELS];
            assert_int_equal(stance_head_row(x, bk, rx), stance_head_row(y, bk, ry));
            assert_memory_equal(rx, ry, x->n_dec * sizeof *rx);
        }
    }
    /* Expanded (as the trainer does for --add-to), the tables are the built ones. */
    assert_int_equal(stance_model_densify(b, NULL), STANCE_OK);
    for (uint32_t h = 0; h < a->n_heads; h++)
        assert_memory_equal(a->heads[h].weights, b->heads[h].weights,
                            ((size_t)1 << a->feat.table_bits) * a->heads[h].n_dec * sizeof(float));
    assert_int_equal(a->n_meta, b->n_meta);
    for (uint32_t i = 0; i < a->n_meta; i++) {
        assert_string_equal(a->meta_keys[i], b->meta_keys[i]);
        assert_string_equal(a->meta_values[i], b->meta_values[i]);
    }
    assert_int_equal(a->n_ngrams, b->n_ngrams);
    for (uint32_t i = 0; i < a->n_ngrams; i++) {
        assert_int_equal(a->ngrams[i].bucket, b->ngrams[i].bucket);
        assert_int_equal(a->ngrams[i].family, b->ngrams[i].family);
        assert_string_equal(a->ngrams[i].text, b->ngrams[i].text);
    }
    assert_non_null(stance_model_find_ngram(b, 7));
    assert_string_equal(stance_model_find_ngram(b, 7)->text, "great");
    assert_null(stance_model_find_ngram(b, 8));
    /* Serializing again gives the same bytes: the writer is deterministic. */
    {
        unsigned char *again = NULL;
        size_t len2 = 0;
        assert_int_equal(stance_model_serialize(b, &again, &len2, NULL), STANCE_OK);
        assert_int_equal(len, len2);
        assert_memory_equal(data, again, len);
        stance_free(again);
    }
    stance_model_destroy(a);
    stance_free(a);
    stance_model_destroy(b);
    stance_free(b);
    stance_free(data);
}

/* A read (sparse) head of three pairs scores a vector to the bit as the dense
 * head it was written from (linear.c's row look-up by rank and popcount, and
 * its zero row for a bucket without one): rows at random in about half of the
 * buckets, the first and last bucket of a bitmap word among them or not. */
static void test_model_io_sparse_values_exact(void **state)
{
    stance_model *a = testutil_build_model(), *b = NULL;
    unsigned char *data = NULL;
    size_t len = 0, buckets = (size_t)1 << a->feat.table_bits;
    stance_head *h = &a->heads[0];
    uint32_t *idx = malloc(buckets * sizeof *idx);
    float *val = malloc(buckets * sizeof *val);
    uint64_t r = 88172645463325252u;
    (void)state;
    assert_non_null(idx);
    assert_non_null(val);
    assert_int_equal(h->n_dec, 3);
    for (size_t bk = 0; bk < buckets; bk++) {
        r ^= r << 13, r ^= r >> 7, r ^= r << 17;
        for (uint32_t p = 0; p < 3; p++)
            h->weights[bk * 3 + p] = (r & 1) && bk != 64 && bk != 127 ? (float)((int)(r >> (8 + 8 * p) & 255) - 128) / 37.0f : 0.0f;
    }
    assert_int_equal(stance_model_serialize(a, &data, &len, NULL), STANCE_OK);
    assert_int_equal(stance_model_parse(data, len, &b, NULL), STANCE_OK);
    assert_null(b->heads[0].weights);
    for (int round = 0; round < 200; round++) {
        stance_fvec x = {.idx = idx, .val = val};
        double va[3], vb[3];
        for (size_t bk = 0; bk < buckets; bk++) {
            r ^= r << 13, r ^= r >> 7, r ^= r << 17;
            if (bk == 0 || bk == 63 || bk == 64 || bk == 127 || bk == buckets - 1 || r % 1000 < (uint64_t)round * 5) {
                idx[x.n] = (uint32_t)bk;
                val[x.n++] = (float)(r >> 20 & 1023) / 97.0f;
            }
        }
        x.cap = x.n;
        stance_linear_values(h, &x, va);
        stance_linear_values(&b->heads[0], &x, vb);
        assert_memory_equal(va, vb, sizeof va);
    }
    free(idx);
    free(val);
    stance_model_destroy(a);
    stance_free(a);
    stance_model_destroy(b);
    stance_free(b);
    stance_free(data);
}

/* The trainer adds n-grams to a model it has read (stance train --add-to). */
static void test_model_io_edit_read_model(void **state)
{
    size_t len, len2;
    unsigned char *data = testutil_model_bytes(&len), *again = NULL;
    stance_model *m = NULL, *back = NULL;
    (void)state;
    assert_int_equal(stance_model_parse(data, len, &m, NULL), STANCE_OK);
    assert_non_null(m->ngram_blob);
    assert_int_equal(stance_model_add_ngram(m, 5, 2, "new one", 7), STANCE_OK);
    assert_null(m->ngram_blob);
    stance_model_sort_ngrams(m);
    assert_int_equal(stance_model_serialize(m, &again, &len2, NULL), STANCE_OK);
    assert_int_equal(stance_model_parse(again, len2, &back, NULL), STANCE_OK);
    assert_int_equal(back->n_ngrams, 3);
    assert_string_equal(stance_model_find_ngram(back, 5)->text, "new one");
    assert_string_equal(stance_model_find_ngram(back, 7)->text, "great");
    stance_model_destroy(m);
    stance_free(m);
    stance_model_destroy(back);
    stance_free(back);
    stance_free(data);
    stance_free(again);
}

static void test_model_io_public_open_and_queries(void **state)
{
    size_t len;
    unsigned char *data = testutil_model_bytes(&len);
    stance_model *m = NULL;
    stance_error err;
    (void)state;
    assert_int_equal(stance_model_open_buffer(data, len, &m, &err), STANCE_OK);
    stance_free(data); /* the model keeps no reference to the buffer */
    assert_int_equal(stance_model_head_count(m), 2);
    assert_string_equal(stance_model_head_name(m, 0), "stance");
    assert_int_equal(stance_model_head_find(m, "sentiment"), 1);
    assert_int_equal(stance_model_head_find(m, "nope"), STANCE_ERR_INVALID);
    assert_int_equal(stance_model_label_count(m, 1), 3);
    assert_string_equal(stance_model_label_name(m, 1, 1), "negative");
    assert_null(stance_model_label_name(m, 1, 3));
    assert_null(stance_model_head_name(m, 2));
    assert_string_equal(stance_model_meta(m, "name"), "test-tiny");
    assert_null(stance_model_meta(m, "absent"));
    assert_int_equal(stance_model_head_count(NULL), STANCE_ERR_INVALID);
    stance_model_free(m);
    stance_model_free(NULL);
}

static void test_model_io_file_roundtrip(void **state)
{
    stance_model *a = testutil_build_model(), *b = NULL;
    char path[] = "/tmp/stance-test-XXXXXX";
    int fd = mkstemp(path);
    stance_error err;
    (void)state;
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(stance_model_write(a, path, &err), STANCE_OK);
    assert_int_equal(stance_model_open(path, &b, &err), STANCE_OK);
    assert_int_equal(stance_model_head_count(b), 2);
    assert_true(b->image_mapped); /* a regular file is mapped, its weights read in place */
    assert_null(b->heads[0].weights);
    stance_model_free(b);
    {
        /* One flipped byte in the mapped file: still refused with a clear error. */
        size_t len = 0;
        unsigned char *bytes = testutil_model_bytes(&len);
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        bytes[len / 2] ^= 0x10;
        assert_int_equal(fwrite(bytes, 1, len, f), len);
        fclose(f);
        b = (stance_model *)1;
        assert_int_equal(stance_model_open(path, &b, &err), STANCE_ERR_FORMAT);
        assert_null(b);
        assert_non_null(strstr(err.message, "checksum mismatch"));
        stance_free(bytes);
    }
    remove(path);
    assert_int_equal(stance_model_open(path, &b, &err), STANCE_ERR_IO);
    assert_null(b);
    assert_int_equal(err.code, STANCE_ERR_IO);
    assert_non_null(strstr(err.message, path));
    stance_model_destroy(a);
    stance_free(a);
}

/* stance_model_write replaces only regular files: a directory, a FIFO or a
 * dangling link is refused with a clear error and left as it was; a link to a
 * regular file is kept and the file it names is replaced. */
static void test_model_io_write_refuses_non_regular(void **state)
{
    stance_model *a = testutil_build_model(), *b = NULL;
    char dir[] = "/tmp/stance-test-dir-XXXXXX";
    char sub[64], fifo[64], link[64], target[64], dangling[64], tmpname[96];
    struct stat st;
    stance_error err;
    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(sub, sizeof sub, "%s/sub", dir);
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    snprintf(link, sizeof link, "%s/link", dir);
    snprintf(target, sizeof target, "%s/target", dir);
    snprintf(dangling, sizeof dangling, "%s/dangling", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    assert_int_equal(mkfifo(fifo, 0600), 0);

    assert_int_equal(stance_model_write(a, sub, &err), STANCE_ERR_IO);
    assert_non_null(strstr(err.message, "not a regular file (a directory)"));
    assert_int_equal(stat(sub, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(stance_model_write(a, fifo, &err), STANCE_ERR_IO);
    assert_non_null(strstr(err.message, "a FIFO"));
    assert_int_equal(lstat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    snprintf(tmpname, sizeof tmpname, "%s.tmp.%ld", fifo, (long)getpid());
    assert_int_equal(access(tmpname, F_OK), -1); /* refused before anything was written */

    assert_int_equal(symlink("nowhere/at/all", dangling), 0);
    assert_int_equal(stance_model_write(a, dangling, &err), STANCE_ERR_IO);
    assert_non_null(strstr(err.message, "symbolic link to nothing usable"));

    assert_int_equal(symlink(fifo, link), 0); /* a link to a FIFO is refused too */
    assert_int_equal(stance_model_write(a, link, &err), STANCE_ERR_IO);
    assert_non_null(strstr(err.message, "a FIFO"));
    assert_int_equal(unlink(link), 0);

    assert_int_equal(symlink("target", link), 0);
    {
        FILE *f = fopen(target, "w");
        assert_non_null(f);
        fputs("old", f);
        fclose(f);
    }
    assert_int_equal(stance_model_write(a, link, &err), STANCE_OK);
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode)); /* the link is kept ... */
    assert_int_equal(stance_model_open(target, &b, &err), STANCE_OK); /* ... and its target replaced */
    assert_int_equal(stance_model_head_count(b), 2);
    stance_model_free(b);

    assert_int_equal(stance_model_write(a, NULL, &err), STANCE_ERR_INVALID);
    unlink(link);
    unlink(target);
    unlink(dangling);
    unlink(fifo);
    rmdir(sub);
    rmdir(dir);
    stance_model_destroy(a);
    stance_free(a);
}

static void test_model_io_truncated_everywhere(void **state)
{
    size_t len;
    unsigned char *data = testutil_model_bytes(&len);
    (void)state;
    for (size_t cut = 0; cut < len; cut++) {
        stance_model *m = (stance_model *)1;
        stance_error err;
        unsigned char *copy = malloc(cut ? cut : 1);
        int rc;
        memcpy(copy, data, cut);
        rc = stance_model_open_buffer(copy, cut, &m, &err);
        if (rc != STANCE_ERR_FORMAT)
            fail_msg("truncated at %zu: got %d", cut, rc);
        assert_null(m);
        free(copy);
    }
    stance_free(data);
}

static void test_model_io_flipped_bytes(void **state)
{
    size_t len;
    unsigned char *data = testutil_model_bytes(&len);
    (void)state;
    /* Every byte of the header and the first sections, every bit: the CRC or a check must refuse it. */
    for (size_t i = 0; i < len && i < 512; i++) {
        for (int bit = 0; bit < 8; bit++) {
            stance_model *m = NULL;
            stance_error err;
            int rc;
            data[i] ^= (unsigned char)(1u << bit);
            rc = stance_model_open_buffer(data, len, &m, &err);
            data[i] ^= (unsigned char)(1u << bit);
            if (rc == STANCE_OK)
                fail_msg("flip of byte %zu bit %d accepted", i, bit);
            assert_null(m);
        }
    }
    stance_free(data);
}

/* Flips with a repaired CRC reach the structural checks; none may crash or leak. */
static void test_model_io_flipped_with_valid_crc(void **state)
{
    size_t len;
    unsigned char *data = testutil_model_bytes(&len);
    size_t limit = len < 4096 ? len - 4 : 4096;
    /* Under valgrind (tests/valgrind-run.sh) each accepted open JIT-compiles
     * the patterns slowly: every 13th byte there, every byte natively. */
    size_t step = getenv("STANCE_UNDER_VALGRIND") ? 13 : 1;
    (void)state;
    for (size_t i = 0; i < limit; i += step) {
        for (int v = 0; v < 3; v++) {
            static const unsigned char vals[] = {0x00, 0xff, 0x80};
            stance_model *m = NULL;
            unsigned char old = data[i];
            int rc;
            data[i] = old == vals[v] ? (unsigned char)(old ^ 1) : vals[v];
            fix_crc(data, len);
            rc = stance_model_open_buffer(data, len, &m, NULL);
            data[i] = old;
            if (rc == STANCE_OK)
                stance_model_free(m);
            else
                assert_null(m);
            assert_true(rc == STANCE_OK || rc == STANCE_ERR_FORMAT || rc == STANCE_ERR_VERSION);
        }
    }
    fix_crc(data, len);
    stance_free(data);
}

static void test_model_io_versions(void **state)
{
    size_t len;
    unsigned char *data = testutil_model_bytes(&len);
    stance_model *m = NULL;
    stance_error err;
    (void)state;
    data[4] = STANCE_FORMAT_MAJOR + 1;
    fix_crc(data, len);
    assert_int_equal(stance_model_open_buffer(data, len, &m, &err), STANCE_ERR_VERSION);
    assert_int_equal(err.offset, 4);
    data[4] = STANCE_FORMAT_MAJOR;
    data[8] = 1; /* a required-feature flag we do not know */
    fix_crc(data, len);
    assert_int_equal(stance_model_open_buffer(data, len, &m, &err), STANCE_ERR_VERSION);
    data[8] = 0;
    memcpy(data, "PK\3\4", 4);
    assert_int_equal(stance_model_open_buffer(data, len, &m, &err), STANCE_ERR_FORMAT);
    assert_non_null(strstr(err.message, "magic"));
    stance_free(data);
}

/* Build a file image from raw sections to reach the checks behind a valid CRC. */
static unsigned char *with_extra_section(const char *tag, uint32_t flags, size_t *len_out)
{
    size_t len;
    unsigned char *data = testutil_model_bytes(&len);
    size_t nlen = len + 16 + 3;
    unsigned char *n = malloc(nlen);
    memcpy(n, data, len - 4);
    memcpy(n + len - 4, tag, 4);
    put_u32(n + len, flags);
    put_u32(n + len + 4, 3);
    put_u32(n + len + 8, 0);
    memcpy(n + len + 12, "abc", 3);
    put_u32(n + 12, (uint32_t)(n[12] | n[13] << 8) + 1);
    fix_crc(n, nlen);
    stance_free(data);
    *len_out = nlen;
    return n;
}

static void test_model_io_unknown_sections(void **state)
{
    size_t len;
    unsigned char *d;
    stance_model *m = NULL;
    stance_error err;
    (void)state;
    d = with_extra_section("XTRA", 0, &len);
    assert_int_equal(stance_model_open_buffer(d, len, &m, &err), STANCE_OK);
    stance_model_free(m);
    free(d);
    d = with_extra_section("XTRA", 1, &len);
    assert_int_equal(stance_model_open_buffer(d, len, &m, &err), STANCE_ERR_VERSION);
    assert_null(m);
    free(d);
}

static void test_model_io_hostile_sizes(void **state)
{
    size_t len;
    unsigned char *data = testutil_model_bytes(&len);
    stance_model *m = NULL;
    stance_error err;
    size_t feat = 0;
    (void)state;
    /* Find the FEAT section and claim 2^31 buckets: refused before allocating. */
    for (size_t i = 16; i + 4 < len; i++)
        if (memcmp(data + i, "FEAT", 4) == 0) {
            feat = i + 16;
            break;
        }
    assert_true(feat > 0);
    put_u32(data + feat + 12, 31);
    fix_crc(data, len);
    assert_int_equal(stance_model_open_buffer(data, len, &m, &err), STANCE_ERR_FORMAT);
    assert_int_equal(err.offset, feat + 12);
    put_u32(data + feat + 12, 12);
    /* An absurd section count. */
    put_u32(data + 12, 0x7fffffff);
    fix_crc(data, len);
    assert_int_equal(stance_model_open_buffer(data, len, &m, &err), STANCE_ERR_FORMAT);
    stance_free(data);
}

static void test_model_io_bad_arguments(void **state)
{
    stance_model *m = (stance_model *)1;
    stance_error err;
    (void)state;
    assert_int_equal(stance_model_open_buffer(NULL, 10, &m, &err), STANCE_ERR_INVALID);
    assert_null(m);
    assert_int_equal(stance_model_open_buffer("x", 1, NULL, &err), STANCE_ERR_INVALID);
    assert_int_equal(stance_model_open("x", NULL, NULL), STANCE_ERR_INVALID);
    assert_int_equal(stance_model_open_buffer("", 0, &m, NULL), STANCE_ERR_FORMAT);
}

/* The test model with the lexicon families and a LEXN section, serialised. */
static unsigned char *lexicon_model_bytes(size_t *len)
{
    static const char *const w[] = {"proud", "failed", "great", "liar"};
    static const float v[] = {2.1f, -2.0f, 3.1f, -3.0f};
    const size_t lens[] = {5, 6, 5, 4};
    stance_model *m = testutil_build_model();
    unsigned char *data = NULL;
    assert_int_equal(stance_features_family_default(8, &m->feat.families[m->feat.n_families++]), STANCE_OK);
    assert_int_equal(stance_features_family_default(9, &m->feat.families[m->feat.n_families++]), STANCE_OK);
    assert_int_equal(stance_lexicon_build(&m->feat, w, lens, v, 4, &m->feat.lex, NULL), STANCE_OK);
    assert_int_equal(stance_model_serialize(m, &data, len, NULL), STANCE_OK);
    stance_model_destroy(m);
    stance_free(m);
    return data;
}

static size_t find_tag(const unsigned char *data, size_t len, const char *tag)
{
    for (size_t i = 16; i + 4 < len; i++)
        if (memcmp(data + i, tag, 4) == 0)
            return i;
    fail_msg("no %s section", tag);
    return 0;
}

/* LEXN: round trip, version 1.1, refused out of order (absent, truncated and
 * swept under a valid CRC: test_model_io_section_sweeps). */
static void test_model_io_lexicon_section(void **state)
{
    size_t len, at;
    unsigned char *data = lexicon_model_bytes(&len);
    stance_model *m = NULL;
    stance_error err;
    (void)state;
    assert_int_equal(data[6], STANCE_FORMAT_MINOR_LEXN);
    assert_int_equal(stance_model_parse(data, len, &m, &err), STANCE_OK);
    assert_non_null(m->feat.lex);
    assert_int_equal(m->feat.lex->n, 4);
    assert_string_equal(m->feat.lex->blob + m->feat.lex->off[0], "failed");
    assert_string_equal(m->feat.lex->blob + m->feat.lex->off[3], "proud");
    assert_true(m->feat.lex->valence[3] == 2.1f);
    stance_model_destroy(m);
    stance_free(m);
    m = NULL;
    /* the public open scores with it */
    assert_int_equal(stance_model_open_buffer(data, len, &m, &err), STANCE_OK);
    stance_model_free(m);
    m = NULL;
    at = find_tag(data, len, "LEXN");
    /* words out of order: swap the first letters of "failed" and "great" (same position in the section) */
    {
        size_t w0 = at + 16 + 4 + 4, w1 = w0 + 6 + 4 + 4;
        unsigned char t = data[w0];
        assert_memory_equal(data + w0, "failed", 6);
        assert_memory_equal(data + w1, "great", 5);
        data[w0] = data[w1];
        data[w1] = t;
        fix_crc(data, len);
        assert_int_equal(stance_model_parse(data, len, &m, &err), STANCE_ERR_FORMAT);
        assert_non_null(strstr(err.message, "out of order"));
        assert_int_equal(err.offset, w1 - 4);
        data[w1] = data[w0];
        data[w0] = t;
    }
    stance_free(data);
}

/* The test model with the vec family and a WVEC section, serialised. */
static unsigned char *vectors_model_bytes(size_t *len)
{
    static const char *const w[] = {"proud", "failed", "great"};
    static const size_t lens[] = {5, 6, 5};
    static const float v[] = {1.0f, 0.5f, -0.25f, -1.0f, 0.0f, 0.75f, 0.9f, 0.4f, -0.1f};
    stance_model *m = testutil_build_model();
    unsigned char *data = NULL;
    assert_int_equal(stance_features_family_default(11, &m->feat.families[m->feat.n_families++]), STANCE_OK);
    assert_int_equal(stance_wvec_build(w, lens, v, 3, 3, &m->feat.wvec, NULL), STANCE_OK);
    assert_int_equal(stance_model_serialize(m, &data, len, NULL), STANCE_OK);
    stance_model_destroy(m);
    stance_free(m);
    return data;
}

/* A vec model read from a file scores its dense values as one block per head
 * (vectors.h); with --explain they go through the sparse vector one by one:
 * both give the same probabilities, and the vectors' weights count. */
static void test_model_io_vectors_block(void **state)
{
    static const char *const w[] = {"proud", "failed", "great"};
    static const size_t lens[] = {5, 6, 5};
    static const float v[] = {1.0f, 0.5f, -0.25f, -1.0f, 0.0f, 0.75f, 0.9f, 0.4f, -0.1f};
    double p[3][3];
    (void)state;
    for (int variant = 0; variant < 2; variant++) {
        stance_model *m = testutil_build_model(), *pm = NULL;
        unsigned char *data = NULL;
        size_t len;
        stance_family *f;
        stance_error err;
        assert_int_equal(stance_features_family_default(11, &m->feat.families[m->feat.n_families]), STANCE_OK);
        f = &m->feat.families[m->feat.n_families++];
        assert_int_equal(stance_wvec_build(w, lens, v, 3, 3, &m->feat.wvec, NULL), STANCE_OK);
        for (uint32_t i = 0; variant && i < STANCE_WVEC_REGIONS * 3; i++) {
            uint32_t b = stance_wvec_dense_bucket(i / 3, i % 3, f->seed, m->feat.table_bits);
            m->heads[0].weights[(size_t)b * 3 + i % 3] += 1.5f;
        }
        assert_int_equal(stance_model_serialize(m, &data, &len, NULL), STANCE_OK);
        stance_model_destroy(m);
        stance_free(m);
        assert_int_equal(stance_model_open_buffer(data, len, &pm, &err), STANCE_OK);
        for (unsigned explain = 0; explain < 2; explain++) {
            stance_prediction *pr = NULL;
            stance_statement st = STANCE_STATEMENT_INIT;
            const stance_decision *d;
            st.text = "We are proud of the great mayor, who failed once.";
            st.text_len = strlen(st.text);
            st.target = "mayor";
            st.target_len = 5;
            stance_options opt = STANCE_OPTIONS_INIT;
            opt.explain = explain ? 5 : 0;
            assert_int_equal(stance_predict(pm, 0, &st, &opt, &pr, &err), STANCE_OK);
            d = stance_prediction_decision(pr);
            assert_int_equal(d->n_labels, 3);
            if (variant == 0 && explain == 0)
                memcpy(p[0], d->probs, sizeof p[0]);
            else
                memcpy(p[variant + explain], d->probs, sizeof p[0]);
            stance_prediction_free(pr);
        }
        stance_model_free(pm);
        stance_free(data);
        if (variant == 0) /* no vec weights: the block adds nothing */
            for (int c = 0; c < 3; c++)
                assert_true(fabs(p[0][c] - p[1][c]) < 1e-9);
    }
    for (int c = 0; c < 3; c++)
        assert_true(fabs(p[1][c] - p[2][c]) < 1e-9); /* block and one by one agree */
    assert_true(fabs(p[1][0] - p[0][0]) > 1e-3);    /* and the vec weights count */
}

static void expect_format_error(unsigned char *data, size_t len, size_t at, const char *what)
{
    stance_model *m = NULL;
    stance_error err;
    fix_crc(data, len);
    assert_int_equal(stance_model_parse(data, len, &m, &err), STANCE_ERR_FORMAT);
    assert_null(m);
    if (!strstr(err.message, what))
        fail_msg("'%s' does not name '%s'", err.message, what);
    assert_int_equal(err.offset, at);
}

/* Weight rows: a non-finite weight anywhere (first row, last row, the words
 * past the last sixteen-byte step), a bucket out of order and one out of
 * range are each refused at their own offset, the first fault first. */
static void test_model_io_weight_rows_refused(void **state)
{
    stance_model *a = testutil_build_model(), *b = NULL;
    unsigned char *data = NULL, old[4];
    size_t len = 0, block, row_bytes, buckets = (size_t)1 << a->feat.table_bits;
    uint32_t n_rows, n_dec;
    stance_error err;
    (void)state;
    for (size_t bk = 0; bk < buckets; bk++)
        for (uint32_t p = 0; p < a->heads[0].n_dec; p++)
            a->heads[0].weights[bk * a->heads[0].n_dec + p] = bk % 3 ? (float)(bk + p) / 7.0f : 0.0f;
    assert_int_equal(stance_model_serialize(a, &data, &len, &err), STANCE_OK);
    assert_int_equal(stance_model_parse(data, len, &b, &err), STANCE_OK);
    n_rows = (uint32_t)b->heads[0].n_rows;
    n_dec = b->heads[0].n_dec;
    block = (size_t)(b->heads[0].rows - 4 - data);
    row_bytes = 4 + 4 * (size_t)n_dec;
    stance_model_destroy(b);
    stance_free(b);
    assert_true(n_rows > 8);
    for (uint32_t i = 0; i < n_rows; i += (i < 3 || i + 4 > n_rows ? 1 : n_rows / 5))
        for (uint32_t q = 0; q < n_dec; q++) {
            size_t at = block + i * row_bytes + 4 + 4 * (size_t)q;
            memcpy(old, data + at, 4);
            put_u32(data + at, q % 2 ? 0x7f800000u : 0xffc00001u); /* +Inf, a NaN */
            expect_format_error(data, len, at, "non-finite weight");
            if (i > 0) { /* row i's bucket made row i - 1's: row i's bucket is found before its weight */
                unsigned char ob[4];
                memcpy(ob, data + block + (i - 1) * row_bytes, 4);
                memcpy(data + block + (i - 1) * row_bytes, data + block + i * row_bytes, 4);
                expect_format_error(data, len, block + i * row_bytes, "out of order or range");
                memcpy(data + block + (i - 1) * row_bytes, ob, 4);
            }
            memcpy(data + at, old, 4);
        }
    memcpy(old, data + block + (n_rows - 1) * row_bytes, 4);
    put_u32(data + block + (n_rows - 1) * row_bytes, (uint32_t)buckets);
    expect_format_error(data, len, block + (n_rows - 1) * row_bytes, "out of order or range");
    memcpy(data + block + (n_rows - 1) * row_bytes, old, 4);
    fix_crc(data, len);
    assert_int_equal(stance_model_parse(data, len, &b, &err), STANCE_OK);
    stance_model_destroy(b);
    stance_free(b);
    stance_model_destroy(a);
    stance_free(a);
    stance_free(data);
}

/* WVEC: round trip, version 1.2, scores through the public API, refused out
 * of order or with sizes that do not fit (absent, truncated and swept under a
 * valid CRC: test_model_io_section_sweeps). */
static void test_model_io_vectors_section(void **state)
{
    size_t len, len2, at, body;
    unsigned char *data = vectors_model_bytes(&len), *again = NULL, old[4];
    stance_model *m = NULL;
    stance_error err;
    (void)state;
    assert_int_equal(data[6], STANCE_FORMAT_MINOR_WVEC);
    assert_int_equal(stance_model_parse(data, len, &m, &err), STANCE_OK);
    assert_non_null(m->feat.wvec);
    assert_int_equal(m->feat.wvec->n, 3);
    assert_int_equal(m->feat.wvec->dim, 3);
    assert_string_equal(m->feat.wvec->blob + m->feat.wvec->off[0], "failed");
    assert_int_equal(m->feat.wvec->vec[0], -127); /* failed = (-1, 0, 0.75) */
    assert_int_equal(m->feat.wvec->vec[2], 95);
    assert_int_equal(stance_model_serialize(m, &again, &len2, NULL), STANCE_OK);
    assert_int_equal(len2, len);
    assert_memory_equal(again, data, len);
    stance_free(again);
    stance_model_destroy(m);
    stance_free(m);
    m = NULL;
    {
        stance_model *pm = NULL;
        stance_prediction *pr = NULL;
        stance_statement st = STANCE_STATEMENT_INIT;
        st.text = "We are proud of the great mayor.";
        st.text_len = strlen(st.text);
        st.target = "mayor";
        st.target_len = 5;
        assert_int_equal(stance_model_open_buffer(data, len, &pm, &err), STANCE_OK);
        assert_int_equal(stance_predict(pm, 0, &st, NULL, &pr, &err), STANCE_OK);
        assert_true(stance_prediction_decision(pr)->confidence > 0);
        stance_prediction_free(pr);
        stance_model_free(pm);
    }
    at = find_tag(data, len, "WVEC");
    body = at + 16;
    memcpy(old, data + body, 4);
    put_u32(data + body, 0);
    expect_format_error(data, len, body, "dimension");
    put_u32(data + body, 4); /* one more dimension than the section holds: the last word would overlap */
    expect_format_error(data, len, body + 12 + 10 + 9, "bad word");
    put_u32(data + body, 40); /* the words and vectors cannot fit */
    expect_format_error(data, len, body + 4, "count");
    memcpy(data + body, old, 4);
    memcpy(old, data + body + 4, 4);
    put_u32(data + body + 4, 4000000000u);
    expect_format_error(data, len, body + 4, "count");
    put_u32(data + body + 4, 2); /* fewer words: the third word's bytes are read as vectors */
    expect_format_error(data, len, body + 12 + 10 + 9, "size");
    memcpy(data + body + 4, old, 4);
    memcpy(old, data + body + 8, 4);
    put_u32(data + body + 8, 0x7fc00000u); /* NaN scale */
    expect_format_error(data, len, body + 8, "scale");
    memcpy(data + body + 8, old, 4);
    /* words out of order: "failed" <-> "great" first letters */
    {
        size_t w0 = body + 12 + 4, w1 = w0 + 6 + 4;
        unsigned char t = data[w0];
        assert_memory_equal(data + w0, "failed", 6);
        assert_memory_equal(data + w1, "great", 5);
        data[w0] = data[w1];
        data[w1] = t;
        expect_format_error(data, len, w1 - 4, "out of order");
        data[w1] = data[w0];
        data[w0] = t;
    }
    /* a word length running into the vectors */
    memcpy(old, data + body + 12, 4);
    put_u32(data + body + 12, 60);
    expect_format_error(data, len, body + 12, "bad word");
    memcpy(data + body + 12, old, 4);
    fix_crc(data, len);
    assert_int_equal(stance_model_parse(data, len, &m, &err), STANCE_OK); /* restored */
    stance_model_destroy(m);
    stance_free(m);
    stance_free(data);
}

/* The sections a model carries when its families need them: a model with
 * the section, and how many bytes from its tag the valid-CRC sweep covers
 * (the header and the first entries). */
typedef struct section_case {
    const char *tag;
    unsigned char *(*bytes)(size_t *len);
    size_t sweep;
} section_case;

static const section_case SECTION_CASES[] = {
    {"LEXN", lexicon_model_bytes, 16 + 4 * 20},
    {"WVEC", vectors_model_bytes, 16 + 12 + 3 * 9 + 9},
};

/* Each such section: a model truncated anywhere is refused; each byte of the
 * sweep set to 0x00, 0xff or 0x80 with the CRC fixed is accepted or refused
 * (FORMAT, VERSION), never a crash or a half-built model; with the tag
 * renamed (skipped as unknown) the families that need it are refused, and
 * the message names the section. */
static void test_model_io_section_sweeps(void **state)
{
    static const unsigned char vals[] = {0x00, 0xff, 0x80};
    (void)state;
    for (size_t c = 0; c < sizeof SECTION_CASES / sizeof SECTION_CASES[0]; c++) {
        const section_case *sc = &SECTION_CASES[c];
        size_t len, at;
        unsigned char *data = sc->bytes(&len);
        stance_model *m = NULL;
        stance_error err;
        for (size_t cut = 0; cut < len; cut++)
            if (stance_model_parse(data, cut, &m, &err) != STANCE_ERR_FORMAT || m)
                fail_msg("%s: truncated at %zu accepted", sc->tag, cut);
        at = find_tag(data, len, sc->tag);
        for (size_t i = at; i < at + sc->sweep && i < len - 4; i++) {
            for (int v = 0; v < 3; v++) {
                unsigned char o = data[i];
                int rc;
                data[i] = o == vals[v] ? (unsigned char)(o ^ 1) : vals[v];
                fix_crc(data, len);
                rc = stance_model_parse(data, len, &m, NULL);
                data[i] = o;
                if (rc == STANCE_OK) {
                    stance_model_destroy(m);
                    stance_free(m);
                } else
                    assert_null(m);
                m = NULL;
                assert_true(rc == STANCE_OK || rc == STANCE_ERR_FORMAT || rc == STANCE_ERR_VERSION);
            }
        }
        data[at + 3] = 'X'; /* LEXN -> LEXX, WVEC -> WVEX */
        fix_crc(data, len);
        assert_int_equal(stance_model_parse(data, len, &m, &err), STANCE_ERR_FORMAT);
        assert_non_null(strstr(err.message, sc->tag));
        assert_null(m);
        stance_free(data);
    }
}

/* The temperature that section DTMP (in-domain) or GTMP (@p general) holds for head @p h. */
static double *temp_of(stance_head *h, int general)
{
    return general ? &h->temp : &h->domain_temp;
}

/* DTMP / GTMP (state: general): a head's in-domain / general temperature is written
 * (version 1.3 / 1.4) only when it is neither 0 nor 1 and read back, the other
 * kind untouched; refused when truncated, out of range, naming no head, naming a
 * head twice, or with count 0; a reader that skips the section (tag renamed, as a
 * reader before its version does) reads the model without the temperature. */
static const int temperature_kinds[2] = {0, 1}; /* the test's state: DTMP, GTMP */

static void test_model_io_temperature_section(void **state)
{
    const int general = *(const int *)*state;
    stance_model *b = testutil_build_model(), *m = NULL;
    const char *tag = general ? "GTMP" : "DTMP";
    const unsigned minor = general ? STANCE_FORMAT_MINOR_GTMP : STANCE_FORMAT_MINOR_DTMP;
    unsigned char *data = NULL;
    size_t len, at, val;
    stance_error err;
    char want[64]; /* each message names its own section's tag */
    assert_int_equal(stance_model_serialize(b, &data, &len, NULL), STANCE_OK);
    assert_true(data[6] < STANCE_FORMAT_MINOR_DTMP); /* none: no section */
    stance_free(data);
    *temp_of(&b->heads[0], general) = 1.0;
    assert_int_equal(stance_model_serialize(b, &data, &len, NULL), STANCE_OK);
    assert_true(data[6] < STANCE_FORMAT_MINOR_DTMP); /* 1 means none as well */
    stance_free(data);
    *temp_of(&b->heads[0], general) = 1.75;
    assert_int_equal(stance_model_serialize(b, &data, &len, NULL), STANCE_OK);
    assert_int_equal(data[6], minor);
    assert_int_equal(stance_model_parse(data, len, &m, &err), STANCE_OK);
    assert_true(*temp_of(&m->heads[0], general) == 1.75);
    assert_true(*temp_of(&m->heads[0], !general) == 0);
    assert_true(*temp_of(&m->heads[1], general) == 0);
    stance_model_destroy(m);
    stance_free(m);
    m = NULL;
    for (size_t cut = 0; cut < len; cut++)
        if (stance_model_parse(data, cut, &m, &err) != STANCE_ERR_FORMAT || m)
            fail_msg("truncated at %zu accepted", cut);
    at = find_tag(data, len, tag);
    /* count, name length, name, f64: the value after the head's name */
    val = at + 16 + 4 + 4 + strlen("stance");
    assert_memory_equal(data + at + 24, "stance", 6);
    {
        static const double bad[] = {0.0, 0.01, 21.0, -2.0, NAN};
        unsigned char keep[8];
        memcpy(keep, data + val, 8);
        for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            memcpy(data + val, &bad[i], 8);
            fix_crc(data, len);
            assert_int_equal(stance_model_parse(data, len, &m, &err), STANCE_ERR_FORMAT);
            snprintf(want, sizeof want, "%s temperature out of range at byte ", tag);
            assert_non_null(strstr(err.message, want));
            assert_null(m);
        }
        memcpy(data + val, keep, 8);
    }
    data[at + 24] = 'S'; /* "Stance": no such head */
    fix_crc(data, len);
    assert_int_equal(stance_model_parse(data, len, &m, &err), STANCE_ERR_FORMAT);
    snprintf(want, sizeof want, "%s names no head read before it at byte ", tag);
    assert_non_null(strstr(err.message, want));
    data[at + 24] = 's';
    put_u32(data + at + 16, 0); /* count 0 */
    fix_crc(data, len);
    assert_int_equal(stance_model_parse(data, len, &m, &err), STANCE_ERR_FORMAT);
    snprintf(want, sizeof want, "bad %s count at byte ", tag);
    assert_non_null(strstr(err.message, want));
    put_u32(data + at + 16, 1);
    {
        unsigned char keep[8];
        memcpy(keep, data + at + 8, 8);
        memset(data + at + 8, 0, 8);
        data[at + 8] = 2; /* a section of 2 bytes: its count cut short */
        fix_crc(data, len);
        assert_int_equal(stance_model_parse(data, len, &m, &err), STANCE_ERR_FORMAT);
        snprintf(want, sizeof want, "truncated %s at byte ", tag);
        assert_non_null(strstr(err.message, want));
        memcpy(data + at + 8, keep, 8);
    }
    data[at + 3] = 'X'; /* DTMX / GTMX: unknown optional section, skipped */
    fix_crc(data, len);
    assert_int_equal(stance_model_parse(data, len, &m, &err), STANCE_OK);
    assert_true(*temp_of(&m->heads[0], general) == 0);
    stance_model_destroy(m);
    stance_free(m);
    stance_free(data);
    /* the same head twice: a second head named "stancf", its entry renamed to "stance" */
    stance_free(b->heads[1].name);
    b->heads[1].name = stance_strdup("stancf");
    *temp_of(&b->heads[1], general) = 0.8;
    assert_int_equal(stance_model_serialize(b, &data, &len, NULL), STANCE_OK);
    stance_model_destroy(b);
    stance_free(b);
    at = find_tag(data, len, tag);
    assert_memory_equal(data + at + 42, "stancf", 6); /* count, {4 + 6 + 8}, length */
    data[at + 47] = 'e';
    fix_crc(data, len);
    assert_int_equal(stance_model_parse(data, len, &m, &err), STANCE_ERR_FORMAT);
    snprintf(want, sizeof want, "%s names a head twice at byte ", tag);
    assert_non_null(strstr(err.message, want));
    assert_null(m);
    stance_free(data);
}

/* Both kinds in one file (1.4) are read back apart; a 1.3 file (DTMP only) still
 * reads, with no general temperature. */
static void test_model_io_both_temperatures(void **state)
{
    stance_model *b = testutil_build_model(), *m = NULL;
    unsigned char *data = NULL;
    size_t len;
    (void)state;
    b->heads[0].domain_temp = 1.86;
    assert_int_equal(stance_model_serialize(b, &data, &len, NULL), STANCE_OK);
    assert_int_equal(data[6], STANCE_FORMAT_MINOR_DTMP);
    assert_int_equal(stance_model_parse(data, len, &m, NULL), STANCE_OK);
    assert_true(m->heads[0].domain_temp == 1.86 && m->heads[0].temp == 0 && m->heads[1].temp == 0);
    stance_model_destroy(m);
    stance_free(m);
    stance_free(data);
    b->heads[0].temp = 0.9;
    b->heads[1].temp = 1.2;
    assert_int_equal(stance_model_serialize(b, &data, &len, NULL), STANCE_OK);
    stance_model_destroy(b);
    stance_free(b);
    assert_int_equal(data[6], STANCE_FORMAT_MINOR_GTMP);
    assert_int_equal(stance_model_parse(data, len, &m, NULL), STANCE_OK);
    assert_true(m->heads[0].domain_temp == 1.86 && m->heads[0].temp == 0.9);
    assert_true(m->heads[1].domain_temp == 0 && m->heads[1].temp == 1.2);
    stance_model_destroy(m);
    stance_free(m);
    stance_free(data);
}

/* A copy of @p b as a model opened from its file image. */
static stance_model *reopened(const stance_model *b)
{
    stance_model *m = NULL;
    unsigned char *data = NULL;
    size_t len;
    assert_int_equal(stance_model_serialize(b, &data, &len, NULL), STANCE_OK);
    assert_int_equal(stance_model_open_buffer(data, len, &m, NULL), STANCE_OK);
    stance_free(data);
    return m;
}

/* @p c holds @p a's probabilities raised to 1/@p t and normalised, with a's label. */
static void assert_tempered(const stance_decision *a, const stance_decision *c, double t)
{
    double z = 0;
    assert_int_equal(c->n_labels, a->n_labels);
    assert_int_equal(c->label, a->label);
    for (size_t k = 0; k < a->n_labels; k++)
        z += pow(a->probs[k], 1 / t);
    for (size_t k = 0; k < a->n_labels; k++)
        assert_true(fabs(c->probs[k] - pow(a->probs[k], 1 / t) / z) < 1e-9);
    assert_true(t > 1 ? c->confidence < a->confidence : c->confidence > a->confidence);
}

/* GTMP at work: stance_predict() tempers each head by its general temperature;
 * stance_classify() uses it where the head has no in-domain temperature and the
 * in-domain one in its place where it has (they do not compound). */
static void test_model_io_general_temperature_applies(void **state)
{
    static const char text[] = "The mayor spoke on Monday.\n\n"
                               "\"Governor Park broke every promise and the city pays for it,\" Mayor Ana Diaz said.\n";
    static const char *const aliases[] = {"Governor Park", "Park"};
    stance_actor actors[] = {{"Governor Sam Park", aliases, 2}};
    stance_input in = STANCE_INPUT_INIT;
    stance_statement st = STANCE_STATEMENT_INIT;
    stance_model *b = testutil_build_model(), *m[3];
    stance_prediction *p[3];
    stance_result *r[3];
    const double t = 2.5, ts = 0.5, td = 1.5;
    int h = stance_model_head_find(b, "stance"), hs = stance_model_head_find(b, "sentiment");
    (void)state;
    assert_true(h >= 0 && hs >= 0);
    m[0] = reopened(b);
    b->heads[h].temp = t;
    b->heads[hs].temp = ts;
    m[1] = reopened(b);
    b->heads[h].domain_temp = td;
    m[2] = reopened(b);
    stance_model_destroy(b);
    stance_free(b);
    st.text = "Park is a corrupt liar who failed us";
    st.text_len = strlen(st.text);
    for (int head = 0; head < 2; head++) {
        for (int i = 0; i < 3; i++)
            assert_int_equal(stance_predict(m[i], (size_t)(head ? hs : h), &st, NULL, &p[i], NULL), STANCE_OK);
        assert_tempered(stance_prediction_decision(p[0]), stance_prediction_decision(p[1]), head ? ts : t);
        assert_tempered(stance_prediction_decision(p[0]), stance_prediction_decision(p[2]), head ? ts : t);
        for (int i = 0; i < 3; i++)
            stance_prediction_free(p[i]);
    }
    in.text = text;
    in.text_len = sizeof text - 1;
    in.actors = actors;
    in.n_actors = 1;
    for (int i = 0; i < 3; i++)
        assert_int_equal(stance_classify(m[i], &in, NULL, &r[i], NULL), STANCE_OK);
    assert_int_equal(stance_result_count(r[0]), 1);
    for (int i = 1; i < 3; i++) {
        const stance_quote *a = stance_result_quote(r[0], 0), *c = stance_result_quote(r[i], 0);
        assert_int_equal(stance_quote_target_count(a), 1);
        assert_int_equal(stance_quote_target_count(c), 1);
        assert_tempered(&stance_quote_target(a, 0)->stance, &stance_quote_target(c, 0)->stance, i == 1 ? t : td);
        assert_tempered(&a->sentiment, &c->sentiment, ts);
    }
    for (int i = 0; i < 3; i++) {
        stance_result_free(r[i]);
        stance_model_free(m[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_model_io_roundtrip_every_field),
        cmocka_unit_test(test_model_io_public_open_and_queries),
        cmocka_unit_test(test_model_io_edit_read_model),
        cmocka_unit_test(test_model_io_file_roundtrip),
        cmocka_unit_test(test_model_io_truncated_everywhere),
        cmocka_unit_test(test_model_io_flipped_bytes),
        cmocka_unit_test(test_model_io_flipped_with_valid_crc),
        cmocka_unit_test(test_model_io_versions),
        cmocka_unit_test(test_model_io_unknown_sections),
        cmocka_unit_test(test_model_io_hostile_sizes),
        cmocka_unit_test(test_model_io_bad_arguments),
        cmocka_unit_test(test_model_io_lexicon_section),
        cmocka_unit_test(test_model_io_write_refuses_non_regular),
        cmocka_unit_test(test_model_io_weight_rows_refused),
        cmocka_unit_test(test_model_io_vectors_section),
        cmocka_unit_test(test_model_io_vectors_block),
        cmocka_unit_test(test_model_io_section_sweeps),
        cmocka_unit_test_prestate(test_model_io_temperature_section, (void *)&temperature_kinds[0]),
        cmocka_unit_test_prestate(test_model_io_temperature_section, (void *)&temperature_kinds[1]),
        cmocka_unit_test(test_model_io_both_temperatures),
        cmocka_unit_test(test_model_io_general_temperature_applies),
        cmocka_unit_test(test_model_io_sparse_values_exact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
