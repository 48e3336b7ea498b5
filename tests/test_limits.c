/* test_limits.c - limits give their documented error, hostile models are
 * refused before any large allocation, and allocation failure is handled on
 * the paths tests/test_alloc_fail.c does not sweep.
 *
 *  - Models from untrusted places: inconsistent sizes, a huge table, an absurd
 *    label count, a wrong checksum. malloc/calloc/realloc are wrapped (ld
 *    --wrap) and the largest request made while opening is recorded: each of
 *    these models must be refused with STANCE_ERR_FORMAT and a message naming
 *    the problem, while no single allocation exceeded SMALL_ALLOC.
 *  - Input limits: max_text_len (per call and default), STANCE_MAX_ACTORS,
 *    STANCE_MAX_ALIASES, malformed UTF-8 (code, byte offset, message), PCRE2
 *    match/depth/heap limits mapped to STANCE_ERR_LIMIT.
 *  - Allocation failure (fail the Nth, every N) through stance_predict(), the
 *    actor paths with many actors and aliases, a caller's scratch, and
 *    stance_model_open() from a file.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "features.h"
#include "model.h"
#include "quotes.h"
#include "testutil.h"
#include "wrapalloc.h"

/* ---- a raw model writer, so tests can state any field ----------------------- */

typedef struct mbuf {
    unsigned char *b;
    size_t n, cap;
} mbuf;

static void put(mbuf *m, const void *p, size_t n)
{
    if (m->n + n > m->cap) {
        m->cap = (m->n + n) * 2 + 64;
        m->b = realloc(m->b, m->cap);
        assert_non_null(m->b);
    }
    memcpy(m->b + m->n, p, n);
    m->n += n;
}

static void put32(mbuf *m, uint32_t v)
{
    unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    put(m, b, 4);
}

static void put64(mbuf *m, uint64_t v)
{
    put32(m, (uint32_t)v);
    put32(m, (uint32_t)(v >> 32));
}

static void putstr(mbuf *m, const char *s)
{
    put32(m, (uint32_t)strlen(s));
    put(m, s, strlen(s));
}

static void putf32(mbuf *m, float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    put32(m, u);
}

/* Section header with a length patched by sec_end (or forced by the caller). */
static size_t sec_begin(mbuf *m, const char *tag, uint32_t flags)
{
    size_t at;
    put(m, tag, 4);
    put32(m, flags);
    at = m->n;
    put64(m, 0);
    return at;
}

static void sec_end(mbuf *m, size_t at)
{
    uint64_t len = m->n - at - 8;
    for (int i = 0; i < 8; i++)
        m->b[at + i] = (unsigned char)(len >> (8 * i));
}

static void finish(mbuf *m)
{
    put32(m, stance_crc32(0, m->b, m->n));
}

/* The shape of a crafted model; each test changes one thing. */
typedef struct shape {
    uint32_t n_sections;   /* 0 = the real count */
    uint32_t table_bits;
    uint32_t n_labels;     /* declared label count */
    uint32_t labels_given; /* label strings actually written */
    uint32_t n_dec;        /* 0 = n_labels*(n_labels-1)/2 */
    uint32_t n_rows;       /* declared weight rows */
    uint32_t rows_given;   /* rows actually written */
    uint32_t meta_count;   /* declared META entries (one written) */
    uint32_t ngrm_count;   /* declared NGRM entries (one written); 0 = no NGRM section */
    uint32_t heads;        /* HEAD sections (default 1) */
    uint64_t feat_len;     /* 0 = true length of FEAT */
} shape;

static unsigned char *craft(shape s, size_t *len)
{
    mbuf m = {0};
    stance_featcfg cfg;
    size_t at;
    uint32_t n_dec, heads = s.heads ? s.heads : 1;
    uint32_t sections = 2 + heads + (s.ngrm_count ? 1 : 0);

    memset(&cfg, 0, sizeof cfg);
    stance_features_default(&cfg);
    put(&m, "STNC", 4);
    put32(&m, STANCE_FORMAT_MAJOR);
    put32(&m, 0);
    put32(&m, s.n_sections ? s.n_sections : sections);

    at = sec_begin(&m, "META", 0);
    put32(&m, s.meta_count ? s.meta_count : 1);
    putstr(&m, "name");
    putstr(&m, "crafted");
    sec_end(&m, at);

    at = sec_begin(&m, "FEAT", 1);
    put32(&m, cfg.norm_flags);
    put32(&m, cfg.tokenizer_rev);
    put32(&m, cfg.hash_id);
    put32(&m, s.table_bits ? s.table_bits : 8);
    put32(&m, cfg.value_mode);
    put32(&m, cfg.n_families);
    for (uint32_t i = 0; i < cfg.n_families; i++) {
        put32(&m, cfg.families[i].id);
        put32(&m, cfg.families[i].seed);
        put32(&m, cfg.families[i].min_n);
        put32(&m, cfg.families[i].max_n);
        put32(&m, cfg.families[i].window);
        put32(&m, cfg.families[i].flags);
        putf32(&m, cfg.families[i].weight);
    }
    sec_end(&m, at);
    if (s.feat_len)
        for (int i = 0; i < 8; i++)
            m.b[at + i] = (unsigned char)(s.feat_len >> (8 * i));

    for (uint32_t h = 0; h < heads; h++) {
        char name[16];
        snprintf(name, sizeof name, "head%u", h);
        at = sec_begin(&m, "HEAD", 1);
        putstr(&m, name);
        put32(&m, s.n_labels);
        for (uint32_t i = 0; i < s.labels_given; i++) {
            char l[16];
            snprintf(l, sizeof l, "l%u", i);
            putstr(&m, l);
        }
        n_dec = s.n_dec ? s.n_dec : s.n_labels * (s.n_labels - 1) / 2;
        put32(&m, n_dec);
        for (uint32_t p = 0; p < n_dec && p < 4096; p++)
            put64(&m, 0);
        put32(&m, STANCE_CALIB_NONE);
        put32(&m, STANCE_WENC_SPARSE_F32);
        put32(&m, s.n_rows);
        for (uint32_t r = 0; r < s.rows_given; r++) {
            put32(&m, r);
            for (uint32_t p = 0; p < n_dec; p++)
                putf32(&m, 0.5f);
        }
        sec_end(&m, at);
    }

    if (s.ngrm_count) {
        at = sec_begin(&m, "NGRM", 0);
        put32(&m, s.ngrm_count);
        put32(&m, 1);
        put32(&m, 1);
        putstr(&m, "word");
        sec_end(&m, at);
    }
    finish(&m);
    *len = m.n;
    return m.b;
}

static shape good_shape(void)
{
    shape s = {0};
    s.table_bits = 8;
    s.n_labels = 3;
    s.labels_given = 3;
    s.n_rows = 2;
    s.rows_given = 2;
    return s;
}

/* No single allocation while opening a hostile model may exceed this. */
#define SMALL_ALLOC ((size_t)1 << 20)

/* Open @p data under the allocation recorder; expect @p code and @p msg. */
static void expect_refused(const unsigned char *data, size_t len, int code, const char *msg)
{
    stance_model *m = (stance_model *)&m;
    stance_error err;
    int rc;
    memset(&err, 0, sizeof err);
    wrapalloc_arm(-1);
    rc = stance_model_open_buffer(data, len, &m, &err);
    wrapalloc_disarm();
    if (rc == STANCE_OK)
        stance_model_free(m);
    assert_int_equal(rc, code);
    assert_null(m);
    assert_int_equal(err.code, code);
    if (!strstr(err.message, msg))
        fail_msg("message \"%s\" does not say \"%s\"", err.message, msg);
    if (wrapalloc.max_request > SMALL_ALLOC)
        fail_msg("refused only after allocating %zu bytes (%s)", wrapalloc.max_request, err.message);
    assert_int_equal(wrapalloc.live, 0);
}

static void test_limits_crafted_model_opens(void **state)
{
    size_t len;
    shape s = good_shape();
    unsigned char *data = craft(s, &len);
    stance_model *m = NULL;
    stance_error err;
    (void)state;
    /* The writer above is right: the untouched shape opens. */
    assert_int_equal(stance_model_open_buffer(data, len, &m, &err), STANCE_OK);
    assert_int_equal(stance_model_head_count(m), 1);
    assert_int_equal(stance_model_label_count(m, 0), 3);
    stance_model_free(m);
    free(data);
}

/* A file of shape @p s is refused as FORMAT with a message containing @p what. */
static void refused_shape(shape s, const char *what)
{
    size_t len;
    unsigned char *data = craft(s, &len);
    expect_refused(data, len, STANCE_ERR_FORMAT, what);
    free(data);
}

/* 2^24 buckets x 496 pairs x 4 bytes = 33 GB of weights declared by a file of ~5 KB. */
static shape huge_shape(void)
{
    shape s = good_shape();
    s.table_bits = STANCE_MAX_TABLE_BITS;
    s.n_labels = s.labels_given = STANCE_MAX_LABELS;
    s.n_rows = s.rows_given = 0;
    return s;
}

static void test_limits_model_huge_table(void **state)
{
    size_t len;
    shape s = huge_shape();
    unsigned char *data;
    (void)state;
    data = craft(s, &len);
    assert_true(len < 8192);
    expect_refused(data, len, STANCE_ERR_FORMAT, "weight tables too large");
    free(data);
    /* Many heads that are each acceptable but together too large. */
    s = good_shape();
    s.table_bits = STANCE_MAX_TABLE_BITS;
    s.n_labels = s.labels_given = 4;
    s.n_rows = s.rows_given = 0;
    s.heads = 8;
    refused_shape(s, "weight tables too large");
    /* A table size beyond the format's range. */
    s = good_shape();
    s.table_bits = 40;
    refused_shape(s, "table size out of range");
}

static void test_limits_model_absurd_labels(void **state)
{
    shape s = good_shape();
    (void)state;
    s.n_labels = 0xfffffff0u;
    s.labels_given = 3;
    s.n_dec = 3;
    refused_shape(s, "bad label count");
    s.n_labels = STANCE_MAX_LABELS + 1;
    refused_shape(s, "bad label count");
    s = good_shape();
    s.n_labels = 1;
    s.labels_given = 1;
    s.n_dec = 1;
    refused_shape(s, "bad label count");
    /* Labels declared but absent from the file. */
    s = good_shape();
    s.n_labels = 30;
    s.labels_given = 2;
    s.n_dec = 30 * 29 / 2;
    s.n_rows = s.rows_given = 0;
    refused_shape(s, "");
}

static void test_limits_model_inconsistent_sizes(void **state)
{
    shape s;
    (void)state;
    s = good_shape();
    s.n_rows = 1000000; /* rows declared, two present */
    refused_shape(s, "bad weight row count");
    s = good_shape();
    s.n_dec = 7; /* pair count inconsistent with 3 labels */
    refused_shape(s, "pair count does not match");
    s = good_shape();
    s.meta_count = 0x7fffffffu;
    refused_shape(s, "bad META count");
    s = good_shape();
    s.ngrm_count = 0x40000000u;
    refused_shape(s, "bad NGRM count");
    s = good_shape();
    s.n_sections = 0xffffffffu;
    refused_shape(s, "bad section count");
    s = good_shape();
    s.feat_len = (uint64_t)1 << 62;
    refused_shape(s, "section length beyond end of file");
    s = good_shape();
    s.feat_len = 8; /* shorter than its contents */
    refused_shape(s, "truncated");
}

static void test_limits_model_bad_checksum(void **state)
{
    size_t len;
    unsigned char *data;
    (void)state;
    data = craft(huge_shape(), &len);
    data[len - 1] ^= 0x5a;
    expect_refused(data, len, STANCE_ERR_FORMAT, "checksum mismatch");
    /* Nothing at all is allocated for a file whose checksum is wrong. */
    assert_int_equal(wrapalloc.n_allocs, 0);
    free(data);
}

/* ---- input limits ------------------------------------------------------------ */

static const char article[] =
    "The mayor spoke on Tuesday.\n\n"
    "\"Governor Park failed this city and it is a disgrace,\" Mayor Ana Diaz said.\n\n"
    "\xe2\x80\x9cWe praised the team and we are proud,\xe2\x80\x9d said Jo Lee.\n";

static int classify(const stance_model *m, const char *text, size_t len, const stance_actor *actors, size_t n,
                    const stance_options *opt, stance_error *err)
{
    stance_input in = STANCE_INPUT_INIT;
    stance_result *res = (stance_result *)&res;
    int rc;
    in.text = text;
    in.text_len = len;
    in.actors = actors;
    in.n_actors = n;
    memset(err, 0, sizeof *err);
    rc = stance_classify(m, &in, opt, &res, err);
    if (rc == STANCE_OK)
        stance_result_free(res);
    else
        assert_null(res);
    return rc;
}

static void test_limits_text_size_per_call(void **state)
{
    const stance_model *m = *state;
    stance_options opt = STANCE_OPTIONS_INIT;
    stance_error err;
    size_t len = sizeof article - 1;
    opt.max_text_len = len - 1;
    assert_int_equal(classify(m, article, len, NULL, 0, &opt, &err), STANCE_ERR_LIMIT);
    assert_int_equal(err.code, STANCE_ERR_LIMIT);
    assert_int_equal(err.offset, len - 1);
    {
        char want[STANCE_ERROR_MESSAGE_SIZE];
        snprintf(want, sizeof want, "text of %zu bytes exceeds the limit of %zu", len, len - 1);
        assert_string_equal(err.message, want);
    }
    opt.max_text_len = len;
    assert_int_equal(classify(m, article, len, NULL, 0, &opt, &err), STANCE_OK);
}

static void test_limits_text_size_default(void **state)
{
    const stance_model *m = *state;
    stance_error err;
    /* Never read: the limit is checked before the text is touched. */
    char *big = malloc(STANCE_DEFAULT_MAX_TEXT + 1);
    assert_non_null(big);
    assert_int_equal(classify(m, big, STANCE_DEFAULT_MAX_TEXT + 1, NULL, 0, NULL, &err), STANCE_ERR_LIMIT);
    assert_int_equal(err.offset, STANCE_DEFAULT_MAX_TEXT);
    assert_non_null(strstr(err.message, "exceeds the limit of 67108864"));
    free(big);
}

static void test_limits_predict_sizes(void **state)
{
    const stance_model *m = *state;
    stance_statement st = STANCE_STATEMENT_INIT;
    stance_options opt = STANCE_OPTIONS_INIT;
    stance_prediction *p = (stance_prediction *)&p;
    stance_error err;
    st.text = "They failed us.";
    st.text_len = strlen(st.text);
    opt.max_text_len = 5;
    assert_int_equal(stance_predict(m, 0, &st, &opt, &p, &err), STANCE_ERR_LIMIT);
    assert_null(p);
    assert_non_null(strstr(err.message, "exceeds the limit of 5"));
    st.text_len = 4;
    st.context = "A long attribution sentence.";
    st.context_len = strlen(st.context);
    assert_int_equal(stance_predict(m, 0, &st, &opt, &p, &err), STANCE_ERR_LIMIT);
    assert_null(p);
    st.context_len = 5;
    assert_int_equal(stance_predict(m, 0, &st, &opt, &p, &err), STANCE_OK);
    stance_prediction_free(p);
}

static void test_limits_actor_count(void **state)
{
    const stance_model *m = *state;
    stance_actor *actors = calloc(STANCE_MAX_ACTORS + 1, sizeof *actors);
    char (*names)[16] = calloc(STANCE_MAX_ACTORS + 1, sizeof *names);
    stance_error err;
    assert_non_null(actors);
    assert_non_null(names);
    for (size_t i = 0; i <= STANCE_MAX_ACTORS; i++) {
        snprintf(names[i], sizeof names[i], "Person %zu", i);
        actors[i].name = names[i];
    }
    assert_int_equal(classify(m, article, sizeof article - 1, actors, STANCE_MAX_ACTORS + 1, NULL, &err),
                     STANCE_ERR_LIMIT);
    assert_int_equal(err.offset, STANCE_NO_OFFSET);
    assert_string_equal(err.message, "4097 actors exceed the limit of 4096");
    assert_int_equal(classify(m, article, sizeof article - 1, actors, STANCE_MAX_ACTORS, NULL, &err), STANCE_OK);
    free(names);
    free(actors);
}

static void test_limits_alias_count(void **state)
{
    const stance_model *m = *state;
    const char *aliases[STANCE_MAX_ALIASES + 1];
    stance_actor actors[2] = {{"Jo Lee", NULL, 0}, {"Ana Diaz", aliases, STANCE_MAX_ALIASES + 1}};
    stance_error err;
    for (size_t i = 0; i <= STANCE_MAX_ALIASES; i++)
        aliases[i] = "Diaz";
    assert_int_equal(classify(m, article, sizeof article - 1, actors, 2, NULL, &err), STANCE_ERR_LIMIT);
    assert_string_equal(err.message, "actor 1 has more than 64 aliases");
    actors[1].n_aliases = STANCE_MAX_ALIASES;
    assert_int_equal(classify(m, article, sizeof article - 1, actors, 2, NULL, &err), STANCE_OK);
}

static void test_limits_bad_actor_arguments(void **state)
{
    const stance_model *m = *state;
    stance_actor actors[1] = {{"", NULL, 0}};
    stance_error err;
    assert_int_equal(classify(m, article, sizeof article - 1, actors, 1, NULL, &err), STANCE_ERR_INVALID);
    assert_string_equal(err.message, "actor 0 has no name");
    actors[0].name = NULL;
    assert_int_equal(classify(m, article, sizeof article - 1, actors, 1, NULL, &err), STANCE_ERR_INVALID);
    actors[0].name = "Jo Lee";
    actors[0].n_aliases = 2;
    assert_int_equal(classify(m, article, sizeof article - 1, actors, 1, NULL, &err), STANCE_ERR_INVALID);
    assert_string_equal(err.message, "actor 0: aliases is NULL");
    assert_int_equal(classify(m, article, sizeof article - 1, NULL, 1, NULL, &err), STANCE_ERR_INVALID);
    /* white space alone would match the spaces of any text: refused, for the
     * name and for an alias, also through a compiled set */
    actors[0].name = " \t ";
    actors[0].n_aliases = 0;
    assert_int_equal(classify(m, article, sizeof article - 1, actors, 1, NULL, &err), STANCE_ERR_INVALID);
    assert_string_equal(err.message, "actor 0 has no name");
    static const char *const blank_alias[] = {"Lee", " "};
    actors[0].name = "Jo Lee";
    actors[0].aliases = blank_alias;
    actors[0].n_aliases = 2;
    assert_int_equal(classify(m, article, sizeof article - 1, actors, 1, NULL, &err), STANCE_ERR_INVALID);
    assert_string_equal(err.message, "actor 0: alias 1 is blank");
    stance_actorset *set = NULL;
    assert_int_equal(stance_actorset_new(m, actors, 1, 0, &set, &err), STANCE_ERR_INVALID);
    assert_null(set);
    actors[0].n_aliases = 1;
    assert_int_equal(classify(m, article, sizeof article - 1, actors, 1, NULL, &err), STANCE_OK);
}

/* Malformed UTF-8 of each kind, at a known offset, in the text. */
static void test_limits_utf8_offsets(void **state)
{
    static const struct {
        const char *bytes;
        size_t len;
    } bad[] = {
        {"\x80", 1},                 /* lone continuation byte */
        {"\xc0\x80", 2},             /* overlong NUL */
        {"\xe0\x80\xaf", 3},         /* overlong '/' */
        {"\xed\xa0\x80", 3},         /* UTF-16 surrogate */
        {"\xf4\x90\x80\x80", 4},     /* beyond U+10FFFF */
        {"\xf8\x88\x80\x80\x80", 5}, /* 5-byte form */
        {"\xfe", 1},
        {"\xc3(", 2},                /* missing continuation */
    };
    const stance_model *m = *state;
    stance_error err;
    char buf[256];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        for (size_t at = 0; at < 40; at += 13) {
            size_t len;
            memset(buf, 'a', at);
            memcpy(buf + at, bad[i].bytes, bad[i].len);
            memcpy(buf + at + bad[i].len, " said Jo Lee.", 13);
            len = at + bad[i].len + 13;
            assert_int_equal(classify(m, buf, len, NULL, 0, NULL, &err), STANCE_ERR_UTF8);
            assert_int_equal(err.code, STANCE_ERR_UTF8);
            if (err.offset != at)
                fail_msg("case %zu at %zu: offset %zu (%s)", i, at, err.offset, err.message);
            assert_non_null(strstr(err.message, "UTF-8"));
        }
    }
    /* Truncated at the very end of the text. */
    memcpy(buf, "said \xe2\x80", 7);
    assert_int_equal(classify(m, buf, 7, NULL, 0, NULL, &err), STANCE_ERR_UTF8);
    assert_int_equal(err.offset, 5);
    /* A NUL byte is valid UTF-8 and not an error. */
    assert_int_equal(classify(m, "\"a\0b,\" said Jo Lee.", 19, NULL, 0, NULL, &err), STANCE_OK);
}

static void test_limits_utf8_in_actors_and_statements(void **state)
{
    const stance_model *m = *state;
    static const char *const bad_alias[] = {"Lee", "L\xc3"};
    stance_actor actors[1] = {{"Jo \xff Lee", NULL, 0}};
    stance_statement st = STANCE_STATEMENT_INIT;
    stance_prediction *p = NULL;
    stance_error err;
    assert_int_equal(classify(m, article, sizeof article - 1, actors, 1, NULL, &err), STANCE_ERR_UTF8);
    assert_int_equal(err.offset, 3);
    assert_string_equal(err.message, "invalid UTF-8 in actor 0, name, at byte 3");
    actors[0].name = "Jo Lee";
    actors[0].aliases = bad_alias;
    actors[0].n_aliases = 2;
    assert_int_equal(classify(m, article, sizeof article - 1, actors, 1, NULL, &err), STANCE_ERR_UTF8);
    assert_int_equal(err.offset, 1);
    assert_string_equal(err.message, "invalid UTF-8 in actor 0, alias 1, at byte 1");
    st.text = "fine \xc3";
    st.text_len = 6;
    assert_int_equal(stance_predict(m, 0, &st, NULL, &p, &err), STANCE_ERR_UTF8);
    assert_int_equal(err.offset, 5);
    st.text_len = 5;
    st.target = "\xe2\x82";
    st.target_len = 2;
    assert_int_equal(stance_predict(m, 0, &st, NULL, &p, &err), STANCE_ERR_UTF8);
    assert_int_equal(err.offset, 0);
    st.target = NULL;
    st.target_len = 0;
    st.context = "ok \x80";
    st.context_len = 4;
    assert_int_equal(stance_predict(m, 0, &st, NULL, &p, &err), STANCE_ERR_UTF8);
    assert_int_equal(err.offset, 3);
    assert_null(p);
}

/* PCRE2's match, depth and heap limits come back as STANCE_ERR_LIMIT with
 * PCRE2's text; a catastrophic pattern under a match limit proves the path. */
static void test_limits_pcre2_limits(void **state)
{
    static const int codes[] = {PCRE2_ERROR_MATCHLIMIT, PCRE2_ERROR_DEPTHLIMIT, PCRE2_ERROR_HEAPLIMIT};
    pcre2_general_context *g;
    pcre2_code *re;
    pcre2_match_context *mc;
    pcre2_match_data *md;
    stance_error err;
    char subject[64];
    int ec, rc;
    PCRE2_SIZE eo;
    (void)state;
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(stance_pcre2_error(&err, codes[i], 12, "quote matching"), STANCE_ERR_LIMIT);
        assert_int_equal(err.offset, 12);
        assert_non_null(strstr(err.message, "quote matching: "));
        assert_non_null(strstr(err.message, "limit"));
    }
    g = stance_pcre2_context();
    assert_non_null(g);
    re = pcre2_compile((PCRE2_SPTR) "^(a+)+$", PCRE2_ZERO_TERMINATED, PCRE2_UTF, &ec, &eo, NULL);
    assert_non_null(re);
    mc = pcre2_match_context_create(g);
    md = pcre2_match_data_create_from_pattern(re, g);
    assert_non_null(mc);
    assert_non_null(md);
    pcre2_set_match_limit(mc, 10000);
    memset(subject, 'a', sizeof subject - 1);
    subject[sizeof subject - 2] = 'b';
    rc = pcre2_match(re, (PCRE2_SPTR)subject, sizeof subject - 1, 0, 0, md, mc);
    assert_int_equal(rc, PCRE2_ERROR_MATCHLIMIT);
    assert_int_equal(stance_pcre2_error(&err, rc, 0, "pattern"), STANCE_ERR_LIMIT);
    pcre2_match_data_free(md);
    pcre2_match_context_free(mc);
    pcre2_code_free(re);
    pcre2_general_context_free(g);
}

/* ---- allocation failure beyond tests/test_alloc_fail.c ------------------------- */

typedef int (*sweep_fn)(const stance_model *m, void *user);

/* Fail the Nth allocation of fn for every N until it succeeds untouched:
 * each failing run returns STANCE_ERR_NOMEM and leaks nothing. */
static void sweep(const stance_model *m, sweep_fn fn, void *user, const char *what)
{
    /* Under valgrind (tests/valgrind-run.sh) every model open JIT-compiles the
     * patterns slowly: sample every 17th failure point there instead. */
    long n, step = getenv("STANCE_UNDER_VALGRIND") ? 17 : 1;
    /* The quote patterns' JIT copies, made on first use, live with the model:
     * made here, they are not counted as this call's (tests/test_alloc_fail.c
     * sweeps the first use). */
    if (m)
        assert_int_equal(stance_quotes_jit_all(m->qpat, NULL), STANCE_OK);
    for (n = 0; n < 200000; n += step) {
        int rc;
        wrapalloc_arm(n);
        rc = fn(m, user);
        wrapalloc_disarm();
        if (!wrapalloc.failed) {
            if (rc != STANCE_OK)
                fail_msg("%s: %d without a failed allocation", what, rc);
            break;
        }
        if (rc != STANCE_ERR_NOMEM && rc != STANCE_OK)
            fail_msg("%s: allocation %ld failed: got %d", what, n, rc);
        if (wrapalloc.live != 0)
            fail_msg("%s: allocation %ld failed: %ld allocations leaked", what, n, wrapalloc.live);
    }
    if (step == 1 && n < 3)
        fail_msg("%s: only %ld allocations swept", what, n);
}

static int run_predict(const stance_model *m, void *user)
{
    static const stance_span spans[] = {{19, 23}};
    stance_statement st = STANCE_STATEMENT_INIT;
    stance_options opt = STANCE_OPTIONS_INIT;
    stance_prediction *p = (stance_prediction *)&p;
    stance_error err;
    int rc;
    (void)user;
    st.text = "We praised the work Park did and we are proud.";
    st.text_len = strlen(st.text);
    st.target = "Governor Park";
    st.target_len = strlen(st.target);
    st.target_spans = spans;
    st.n_target_spans = 1;
    st.context = "said Mayor Ana Diaz on Tuesday";
    st.context_len = strlen(st.context);
    opt.explain = 4;
    rc = stance_predict(m, (size_t)(user ? 1 : 0), &st, &opt, &p, &err);
    if (rc == STANCE_OK) {
        assert_non_null(stance_prediction_decision(p)->label_name);
        stance_prediction_free(p);
    } else {
        assert_null(p);
        assert_int_equal(err.code, rc);
    }
    return rc;
}

static void test_limits_alloc_fail_predict(void **state)
{
    sweep(*state, run_predict, NULL, "stance_predict head 0");
    sweep(*state, run_predict, (void *)1, "stance_predict head 1");
}

struct actor_run {
    const stance_actor *actors;
    size_t n;
    unsigned flags;
    stance_scratch *scratch;
};

static int run_actors(const stance_model *m, void *user)
{
    struct actor_run *a = user;
    stance_options opt = STANCE_OPTIONS_INIT;
    stance_error err;
    opt.flags = a->flags;
    opt.explain = 2;
    opt.scratch = a->scratch;
    return classify(m, article, sizeof article - 1, a->actors, a->n, &opt, &err);
}

static void test_limits_alloc_fail_actor_paths(void **state)
{
    static const char *const park[] = {"Park", "Governor Park", "the governor"};
    static const char *const diaz[] = {"Diaz", "Mayor Diaz", "Ana"};
    stance_actor actors[12];
    char names[12][24];
    struct actor_run run;
    for (size_t i = 0; i < 12; i++) {
        snprintf(names[i], sizeof names[i], "Someone Number%zu", i);
        actors[i].name = names[i];
        actors[i].aliases = NULL;
        actors[i].n_aliases = 0;
    }
    actors[0] = (stance_actor){"Governor Sam Park", park, 3};
    actors[1] = (stance_actor){"Ana Diaz", diaz, 3};
    actors[2] = (stance_actor){"Jo Lee", NULL, 0};
    run.actors = actors;
    run.n = 12;
    run.scratch = NULL;
    run.flags = 0;
    sweep(*state, run_actors, &run, "many actors");
    run.flags = STANCE_OPT_ALL_ACTORS | STANCE_OPT_ACTORS_CASELESS | STANCE_OPT_INDIRECT;
    sweep(*state, run_actors, &run, "all actors, caseless, indirect");
    run.n = 0;
    run.flags = 0;
    sweep(*state, run_actors, &run, "discovered actors");
}

/* A caller's scratch survives failures: after each failed call, the same
 * scratch (with allocation failure held off) gives the same result as a
 * fresh call, and freeing it releases everything. */
static size_t scratch_want_quotes, scratch_want_targets;

static size_t count_targets(const stance_result *r)
{
    size_t n = 0;
    for (size_t i = 0; i < stance_result_count(r); i++)
        n += stance_quote_target_count(stance_result_quote(r, i));
    return n;
}

static int run_scratch(const stance_model *m, void *user)
{
    const stance_actor *actors = user;
    stance_scratch *s = NULL;
    stance_input in = STANCE_INPUT_INIT;
    stance_options opt = STANCE_OPTIONS_INIT;
    stance_result *res = NULL;
    int rc;
    if ((rc = stance_scratch_new(&s, NULL)))
        return rc;
    in.text = article;
    in.text_len = sizeof article - 1;
    in.actors = actors;
    in.n_actors = 2;
    opt.scratch = s;
    opt.explain = 2;
    rc = stance_classify(m, &in, &opt, &res, NULL);
    stance_result_free(res);
    res = NULL;
    wrapalloc.hold = 1;
    assert_int_equal(stance_classify(m, &in, &opt, &res, NULL), STANCE_OK);
    assert_int_equal(stance_result_count(res), scratch_want_quotes);
    assert_int_equal(count_targets(res), scratch_want_targets);
    wrapalloc.hold = 0;
    stance_result_free(res);
    stance_scratch_free(s);
    return rc;
}

static void test_limits_alloc_fail_scratch(void **state)
{
    const stance_model *m = *state;
    static const char *const park[] = {"Park"};
    stance_actor actors[2] = {{"Governor Sam Park", park, 1}, {"Ana Diaz", NULL, 0}};
    stance_input in = STANCE_INPUT_INIT;
    stance_result *want = NULL;
    in.text = article;
    in.text_len = sizeof article - 1;
    in.actors = actors;
    in.n_actors = 2;
    assert_int_equal(stance_classify(m, &in, NULL, &want, NULL), STANCE_OK);
    scratch_want_quotes = stance_result_count(want);
    scratch_want_targets = count_targets(want);
    assert_true(scratch_want_targets > 0);
    stance_result_free(want);
    sweep(m, run_scratch, actors, "caller's scratch");
}

static char model_path[64];

static int run_open_file(const stance_model *unused, void *user)
{
    stance_model *m = (stance_model *)&m;
    stance_error err;
    int rc;
    (void)unused;
    (void)user;
    /* Without an error record: the code alone must still say NOMEM. */
    rc = stance_model_open(model_path, &m, user ? NULL : &err);
    if (rc == STANCE_OK)
        stance_model_free(m);
    else
        assert_null(m);
    return rc;
}

static void test_limits_alloc_fail_open_file(void **state)
{
    size_t len;
    unsigned char *data = testutil_model_bytes(&len);
    int fd;
    (void)state;
    snprintf(model_path, sizeof model_path, "/tmp/stance-limits-XXXXXX");
    fd = mkstemp(model_path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, data, len), (ssize_t)len);
    close(fd);
    stance_free(data);
    sweep(NULL, run_open_file, NULL, "stance_model_open");
    sweep(NULL, run_open_file, (void *)1, "stance_model_open, err NULL");
    unlink(model_path);
}

int main(void)
{
    const struct CMUnitTest model_tests[] = {
        cmocka_unit_test(test_limits_crafted_model_opens),
        cmocka_unit_test(test_limits_model_huge_table),
        cmocka_unit_test(test_limits_model_absurd_labels),
        cmocka_unit_test(test_limits_model_inconsistent_sizes),
        cmocka_unit_test(test_limits_model_bad_checksum),
        cmocka_unit_test(test_limits_pcre2_limits),
        cmocka_unit_test(test_limits_alloc_fail_open_file),
    };
    const struct CMUnitTest input_tests[] = {
        cmocka_unit_test(test_limits_text_size_per_call),
        cmocka_unit_test(test_limits_text_size_default),
        cmocka_unit_test(test_limits_predict_sizes),
        cmocka_unit_test(test_limits_actor_count),
        cmocka_unit_test(test_limits_alias_count),
        cmocka_unit_test(test_limits_bad_actor_arguments),
        cmocka_unit_test(test_limits_utf8_offsets),
        cmocka_unit_test(test_limits_utf8_in_actors_and_statements),
        cmocka_unit_test(test_limits_alloc_fail_predict),
        cmocka_unit_test(test_limits_alloc_fail_actor_paths),
        cmocka_unit_test(test_limits_alloc_fail_scratch),
    };
    int rc = cmocka_run_group_tests_name("model limits", model_tests, NULL, NULL);
    rc |= cmocka_run_group_tests_name("input limits", input_tests, testutil_group_open_model, testutil_group_free_model);
    return rc;
}
