/* test_train.c - the trainer: the collapsed libsvm model agrees with libsvm
 * (decision values within 1e-5, probabilities within 1e-4) on a small data set
 * we wrote; liblinear heads come out in libsvm's pair order; bad input is
 * reported with file and line. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linear.h"
#include "trainer.h"
#include "wordvec.h"

static void data_path(char *buf, size_t n, const char *name)
{
    const char *dir = getenv("STANCE_TEST_DATA");
    snprintf(buf, n, "%s/train/%s", dir ? dir : "tests/data", name);
}

static void load(const char *name, stance_featcfg *cfg, tr_data *d)
{
    char path[4096], err[TR_ERRLEN];
    stance_features_default(cfg);
    cfg->table_bits = 12;
    data_path(path, sizeof path, name);
    memset(d, 0, sizeof *d);
    if (tr_data_load(path, cfg, d, NULL, err, sizeof err))
        fail_msg("%s", err);
}

static void test_train_collapse_matches_libsvm(void **state)
{
    const char *files[] = {"stance.jsonl", "sentiment.jsonl"};
    (void)state;
    for (size_t f = 0; f < 2; f++) {
        for (int balanced = 0; balanced < 2; balanced++) {
            stance_featcfg cfg;
            tr_data d;
            tr_opts o = {TR_LIBSVM, 1.0, balanced, 1, 7, 0, 0.0, NULL};
            double md = 1, mp = 1;
            char err[TR_ERRLEN];
            load(files[f], &cfg, &d);
            assert_int_equal(d.n_labels, 3);
            assert_int_equal(tr_check_collapse(&d, NULL, &o, cfg.table_bits, &md, &mp, NULL, err, sizeof err), 0);
            assert_true(md < 1e-5);
            assert_true(mp < 1e-4);
            o.C = 0.05; /* many bounded support vectors */
            assert_int_equal(tr_check_collapse(&d, NULL, &o, cfg.table_bits, &md, &mp, NULL, err, sizeof err), 0);
            assert_true(md < 1e-5);
            assert_true(mp < 1e-4);
            tr_data_free(&d);
        }
    }
}

static void test_train_liblinear_pair_order(void **state)
{
    stance_featcfg cfg;
    tr_data d;
    stance_head h;
    tr_opts o = {TR_LIBLINEAR, 1.0, 1, 1, 3, 0, 0.0, NULL};
    char err[TR_ERRLEN];
    size_t right = 0;
    (void)state;
    load("stance.jsonl", &cfg, &d);
    assert_int_equal(tr_train_head(&d, NULL, 0, &o, cfg.table_bits, &h, err, sizeof err), 0);
    assert_int_equal(h.n_dec, 3);
    assert_string_equal(h.labels[0], "favor");
    assert_string_equal(h.labels[1], "against");
    assert_string_equal(h.labels[2], "none");
    assert_int_equal(h.calib, STANCE_CALIB_PLATT_PAIRWISE);
    for (size_t i = 0; i < d.n; i++) {
        stance_fvec x = {.idx = d.ex[i].idx, .val = d.ex[i].val, .n = d.ex[i].n, .cap = d.ex[i].n};
        double v[3], p[3];
        int best = 0;
        stance_linear_values(&h, &x, v);
        stance_calibrate(&h, v, p);
        assert_true(p[0] + p[1] + p[2] > 0.999 && p[0] + p[1] + p[2] < 1.001);
        right += stance_linear_vote(&h, v) == d.ex[i].y;
        (void)best;
    }
    assert_true(right >= d.n - 2); /* separable training data */
    tr_head_free(&h);
    tr_data_free(&d);
}

static void test_train_same_seed_same_head(void **state)
{
    stance_featcfg cfg;
    tr_data d;
    stance_head a, b;
    tr_opts o = {TR_LIBSVM, 0.5, 1, 1, 11, 0, 0.0, NULL};
    char err[TR_ERRLEN];
    (void)state;
    load("stance.jsonl", &cfg, &d);
    assert_int_equal(tr_train_head(&d, NULL, 0, &o, cfg.table_bits, &a, err, sizeof err), 0);
    assert_int_equal(tr_train_head(&d, NULL, 0, &o, cfg.table_bits, &b, err, sizeof err), 0);
    assert_memory_equal(a.weights, b.weights, ((size_t)1 << cfg.table_bits) * a.n_dec * sizeof *a.weights);
    assert_memory_equal(a.prob_a, b.prob_a, a.n_dec * sizeof *a.prob_a);
    tr_head_free(&a);
    tr_head_free(&b);
    tr_data_free(&d);
}

static void expect_error(const char *name, const char *needle)
{
    stance_featcfg cfg;
    tr_data d = {0};
    char path[4096], err[TR_ERRLEN] = "";
    stance_features_default(&cfg);
    cfg.table_bits = 10;
    data_path(path, sizeof path, name);
    assert_int_not_equal(tr_data_load(path, &cfg, &d, NULL, err, sizeof err), 0);
    if (!strstr(err, needle))
        fail_msg("error for %s was \"%s\", expected \"%s\"", name, err, needle);
    assert_non_null(strstr(err, name));
    tr_data_free(&d);
}

static void test_train_bad_input_reports_line(void **state)
{
    (void)state;
    expect_error("bad_json.jsonl", ":2: malformed JSON");
    expect_error("bad_label.jsonl", ":3: unknown label \"happy\"");
    expect_error("missing_text.jsonl", ":1: missing field \"text\"");
    expect_error("bad_span.jsonl", ":1: target_spans[0]");
    expect_error("empty.jsonl", "empty file");
    expect_error("no-such-file.jsonl", "cannot open");
}

/* ECE by hand: bin [0.9,1.0] holds 0.95 (right) and 1.0 (wrong): accuracy 0.5,
 * mean confidence 0.975; bin [0.6,0.7) holds 0.6 (right), 0.65 (right): accuracy 1,
 * mean 0.625. ECE = 2/4 * 0.475 + 2/4 * 0.375 = 0.425. */
/* The ECE floor by hand: four rows at confidence 0.75 (one bin), the correct count
 * Binomial(4, 0.75): E|X/4 - 0.75| = 0.75/256 + 0.5*12/256 + 0.25*54/256 + 0.25*81/256
 * = 0.158203125. More rows, lower floor; certainty (confidence 1) has none. */
static void test_train_reliability_ece_floor(void **state)
{
    tr_reliability r;
    double m, p, m2, p2;
    (void)state;
    memset(&r, 0, sizeof r);
    assert_int_equal(tr_reliability_ece_floor(&r, &m, &p), 0);
    assert_true(m == 0 && p == 0);
    for (int i = 0; i < 4; i++)
        tr_reliability_add(&r, 0.75, i != 0);
    assert_int_equal(tr_reliability_ece_floor(&r, &m, &p), 0);
    assert_true(fabs(m - 0.158203125) < 1e-12);
    assert_true(p >= m && p <= 0.75);
    for (int i = 0; i < 396; i++)
        tr_reliability_add(&r, 0.75, i % 4 != 0);
    assert_int_equal(tr_reliability_ece_floor(&r, &m2, &p2), 0);
    assert_true(m2 < m / 5 && m2 > 0.01 && p2 > m2 && p2 < p);
    memset(&r, 0, sizeof r);
    for (int i = 0; i < 10; i++)
        tr_reliability_add(&r, 1.0, 1);
    assert_int_equal(tr_reliability_ece_floor(&r, &m, &p), 0);
    assert_true(m == 0 && p == 0);
}

static void test_train_reliability_ece(void **state)
{
    tr_reliability r;
    (void)state;
    memset(&r, 0, sizeof r);
    assert_true(tr_reliability_ece(&r) == 0);
    tr_reliability_add(&r, 0.95, 1);
    tr_reliability_add(&r, 1.0, 0);
    tr_reliability_add(&r, 0.6, 1);
    tr_reliability_add(&r, 0.65, 1);
    assert_int_equal(r.total, 4);
    assert_int_equal(r.n[9], 2);
    assert_int_equal(r.n[6], 2);
    assert_int_equal(r.correct[9], 1);
    assert_true(fabs(tr_reliability_ece(&r) - 0.425) < 1e-12);
    /* perfectly calibrated: confidence 0.75, three of four right */
    memset(&r, 0, sizeof r);
    for (int i = 0; i < 4; i++)
        tr_reliability_add(&r, 0.75, i != 0);
    assert_true(fabs(tr_reliability_ece(&r)) < 1e-12);
    /* out-of-range confidences are clamped into the end bins, not dropped */
    tr_reliability_add(&r, -0.5, 0);
    tr_reliability_add(&r, 1.5, 1);
    assert_int_equal(r.n[0], 1);
    assert_int_equal(r.n[9], 1);
}

/* A CSR matrix from a dense row-major one. */
static void to_csr(const double *d, uint32_t rows, uint32_t cols, tr_csr *a)
{
    size_t n = 0;
    a->rows = rows;
    a->cols = cols;
    a->rowptr = calloc(rows + 1, sizeof *a->rowptr);
    a->col = malloc((size_t)rows * cols * sizeof *a->col);
    a->val = malloc((size_t)rows * cols * sizeof *a->val);
    assert_true(a->rowptr && a->col && a->val);
    for (uint32_t r = 0; r < rows; r++) {
        for (uint32_t c = 0; c < cols; c++)
            if (d[(size_t)r * cols + c] != 0) {
                a->col[n] = c;
                a->val[n++] = d[(size_t)r * cols + c];
            }
        a->rowptr[r + 1] = n;
    }
}

static void csr_free(tr_csr *a)
{
    free(a->rowptr);
    free(a->col);
    free(a->val);
}

/* Randomized SVD: the singular values of a permuted diagonal matrix exactly,
 * and a rank-3 matrix rebuilt from its top 3 singular triplets. */
static void test_train_rsvd(void **state)
{
    enum { N = 60, K = 5 };
    static double d[N * N];
    double u[K * N], s[K], sv[N];
    tr_csr a = {0};
    (void)state;
    memset(d, 0, sizeof d);
    for (uint32_t i = 0; i < N; i++) { /* row i holds e^(i/10) in column (7i mod N) */
        sv[i] = exp(i / 10.0);
        d[(size_t)i * N + (7u * i) % N] = sv[i];
    }
    to_csr(d, N, N, &a);
    assert_int_equal(tr_rsvd(&a, K, 10, 4, 1, u, s), 0);
    for (uint32_t t = 0; t < K; t++) {
        uint32_t row = N - 1 - t; /* the largest values are in the last rows */
        assert_true(fabs(s[t] - sv[row]) < 1e-3 * sv[row]);
        assert_true(fabs(fabs(u[(size_t)t * N + row]) - 1) < 1e-3);
    }
    csr_free(&a);
    /* rank 3: A = X Y' with X, Y 60 x 3 from a fixed pattern */
    for (uint32_t i = 0; i < N; i++)
        for (uint32_t j = 0; j < N; j++) {
            double v = 0;
            for (uint32_t r = 0; r < 3; r++)
                v += sin(1.0 + i * (r + 1) * 0.37) * cos(0.5 + j * (r + 2) * 0.23) * (3 - r);
            d[(size_t)i * N + j] = v;
        }
    to_csr(d, N, N, &a);
    assert_int_equal(tr_rsvd(&a, 3, 10, 2, 7, u, s), 0);
    assert_true(s[0] >= s[1] && s[1] >= s[2] && s[2] > 1e-6);
    /* U U' A = A, and U has orthonormal columns */
    for (uint32_t x = 0; x < 3; x++)
        for (uint32_t y = 0; y < 3; y++) {
            double dt = 0;
            for (uint32_t i = 0; i < N; i++)
                dt += u[x * N + i] * u[y * N + i];
            assert_true(fabs(dt - (x == y)) < 1e-9);
        }
    for (uint32_t j = 0; j < N; j += 7) {
        double c[3] = {0, 0, 0};
        for (uint32_t t = 0; t < 3; t++)
            for (uint32_t i = 0; i < N; i++)
                c[t] += u[t * N + i] * d[(size_t)i * N + j];
        for (uint32_t i = 0; i < N; i++) {
            double r = c[0] * u[i] + c[1] * u[N + i] + c[2] * u[2 * N + i];
            assert_true(fabs(r - d[(size_t)i * N + j]) < 1e-8);
        }
    }
    assert_int_equal(tr_rsvd(&a, 55, 10, 2, 7, u, s), -1); /* k + over > rows */
    csr_free(&a);
}

static double cosine(const stance_wvec *wv, const char *a, const char *b)
{
    long i = stance_wvec_find(wv, a, strlen(a)), j = stance_wvec_find(wv, b, strlen(b));
    double dt = 0, na = 0, nb = 0;
    if (i < 0 || j < 0)
        fail_msg("%s or %s not in the vocabulary", a, b);
    for (uint32_t d = 0; d < wv->dim; d++) {
        double x = wv->vec[(size_t)i * wv->dim + d], y = wv->vec[(size_t)j * wv->dim + d];
        dt += x * y;
        na += x * x;
        nb += y * y;
    }
    return dt / sqrt(na * nb);
}

/* Word vectors from a corpus we wrote: words that share contexts come out
 * closer than words that do not; the same corpus gives the same bytes; too
 * small a vocabulary is refused. */
static void test_train_word_vectors(void **state)
{
    static const char *const pets[] = {"cat", "dog", "puppy", "kitten"};
    static const char *const cars[] = {"car", "truck", "van", "bus"};
    static const char *const pv[] = {"fed", "petted", "walked", "groomed", "adopted", "loved"};
    static const char *const cv[] = {"drove", "parked", "repaired", "washed", "fuelled", "sold"};
    tr_corpus c = {0};
    tr_wv_opts o;
    stance_featcfg cfg;
    stance_wvec *a = NULL, *b = NULL;
    tr_wv_stats st;
    char err[TR_ERRLEN], text[256];
    (void)state;
    stance_features_default(&cfg);
    for (unsigned i = 0; i < 600; i++) {
        int pet = i % 2;
        const char *noun = pet ? pets[(i / 2) % 4] : cars[(i / 2) % 4];
        const char *verb = pet ? pv[(i / 8) % 6] : cv[(i / 8) % 6];
        snprintf(text, sizeof text, "Yesterday the neighbour %s the %s, %s %u.", verb, noun,
                 pet ? "happily at home" : "quickly in town", i);
        assert_int_equal(tr_corpus_add(&c, text, strlen(text)), 0);
    }
    assert_int_equal(tr_corpus_add(&c, text, strlen(text)), 0); /* a duplicate is dropped */
    assert_int_equal(c.n, 600);
    tr_wv_opts_default(&o);
    o.dim = 8;
    o.min_count = 5;
    assert_int_equal(tr_wv_learn(&cfg, &c, &o, &a, &st, err, sizeof err), 0);
    assert_int_equal(st.dim, 8);
    assert_true(st.vocab >= 20 && st.tokens > 5000);
    assert_true(cosine(a, "cat", "dog") > cosine(a, "cat", "truck") + 0.3);
    assert_true(cosine(a, "van", "bus") > cosine(a, "van", "kitten") + 0.3);
    assert_true(cosine(a, "fed", "groomed") > cosine(a, "fed", "parked") + 0.3);
    assert_int_equal(tr_wv_learn(&cfg, &c, &o, &b, NULL, err, sizeof err), 0);
    assert_int_equal(a->n, b->n);
    assert_memory_equal(a->vec, b->vec, (size_t)a->n * a->dim);
    assert_memory_equal(a->blob, b->blob, a->off[a->n - 1] + a->len[a->n - 1]);
    assert_true(a->scale == b->scale);
    stance_wvec_free(a);
    stance_wvec_free(b);
    b = NULL;
    o.dim = 100;
    assert_int_equal(tr_wv_learn(&cfg, &c, &o, &b, NULL, err, sizeof err), -1);
    assert_non_null(strstr(err, "need at least"));
    assert_null(b);
    tr_corpus_free(&c);
}

/* Context-only texts: their words co-occur with the vocabulary's words (the
 * vectors change) but enter no vocabulary, however often they occur. */
static void test_train_word_vectors_context_only(void **state)
{
    static const char *const nouns[] = {"cat", "dog", "car", "truck"};
    static const char *const verbs[] = {"fed", "walked", "drove", "parked"};
    tr_corpus c = {0};
    tr_wv_opts o;
    stance_featcfg cfg;
    stance_wvec *a = NULL, *b = NULL;
    tr_wv_stats st;
    char err[TR_ERRLEN], text[256];
    (void)state;
    stance_features_default(&cfg);
    tr_wv_opts_default(&o);
    o.dim = 4;
    o.min_count = 5;
    for (unsigned i = 0; i < 200; i++) {
        snprintf(text, sizeof text, "The neighbour %s the %s at home %u.", verbs[i % 4], nouns[(i / 4) % 4], i);
        assert_int_equal(tr_corpus_add(&c, text, strlen(text)), 0);
    }
    assert_int_equal(tr_wv_learn(&cfg, &c, &o, &a, NULL, err, sizeof err), 0);
    tr_corpus_context_only(&c);
    for (unsigned i = 0; i < 50; i++) {
        snprintf(text, sizeof text, "Quietly the %s zorbled %s the %s %u.", nouns[i % 4], verbs[(i / 4) % 4],
                 nouns[(i + 1) % 4], i);
        assert_int_equal(tr_corpus_add(&c, text, strlen(text)), 0);
    }
    assert_int_equal(c.n, 250);
    assert_int_equal(tr_wv_learn(&cfg, &c, &o, &b, &st, err, sizeof err), 0);
    assert_int_equal(st.ctx_texts, 50);
    assert_true(st.ctx_tokens >= 50 * 7 && st.tokens > st.ctx_tokens);
    assert_true(stance_wvec_find(b, "zorbled", 7) < 0);
    assert_true(stance_wvec_find(b, "quietly", 7) < 0);
    assert_true(stance_wvec_find(b, "cat", 3) >= 0 && stance_wvec_find(b, "neighbour", 9) >= 0);
    assert_int_equal(a->n, b->n); /* the same vocabulary ... */
    assert_memory_equal(a->blob, b->blob, a->off[a->n - 1] + a->len[a->n - 1]);
    assert_memory_not_equal(a->vec, b->vec, (size_t)a->n * a->dim); /* ... other co-occurrences */
    stance_wvec_free(a);
    stance_wvec_free(b);
    tr_corpus_free(&c);
}

/* Unlabelled files: JSONL with "text", or plain lines; errors name file and line. */
static void test_train_corpus_files(void **state)
{
    char path[] = "/tmp/stance-corpus-XXXXXX", err[TR_ERRLEN];
    tr_corpus c = {0};
    int fd;
    FILE *f;
    (void)state;
    fd = mkstemp(path);
    assert_true(fd >= 0);
    f = fdopen(fd, "w");
    fputs("{\"text\": \"One text.\", \"id\": 1}\n\n{\"text\": \"Two \\u00e9.\"}\n{\"id\": 3}\n", f);
    fclose(f);
    assert_int_equal(tr_corpus_add_file(&c, path, err, sizeof err), -1);
    assert_non_null(strstr(err, ":4: want a JSON object"));
    assert_int_equal(c.n, 2);
    assert_string_equal(c.texts[1], "Two \xc3\xa9.");
    tr_corpus_free(&c);
    f = fopen(path, "w");
    fputs("plain line one\nplain line two\nbad \xff byte\n", f);
    fclose(f);
    assert_int_equal(tr_corpus_add_file(&c, path, err, sizeof err), -1);
    assert_non_null(strstr(err, ":3: not valid UTF-8"));
    assert_int_equal(c.n, 2);
    tr_corpus_free(&c);
    remove(path);
}

/* ---- calibration groups ------------------------------------------------------ */

static uint64_t key_of(const char *line)
{
    tr_record r;
    char err[TR_ERRLEN];
    uint64_t k;
    if (tr_record_parse(line, strlen(line), 0, &r, err, sizeof err))
        fail_msg("%s: %s", line, err);
    k = tr_group_key(&r);
    tr_record_free(&r);
    return k;
}

/* The "group" of a record line (@p jansson: tr_record_parse_json()), "(none)", or the error, in @p buf. */
static const char *group_text(const char *line, int jansson, char *buf)
{
    tr_record r;
    char err[TR_ERRLEN];
    if ((jansson ? tr_record_parse_json : tr_record_parse)(line, strlen(line), 0, &r, err, sizeof err))
        return strcpy(buf, err);
    strcpy(buf, r.group ? r.group : "(none)");
    tr_record_free(&r);
    return buf;
}

/* "group" (string or number) read alike with and without jansson; rows without
 * one are grouped by their text, case and runs of white space aside. */
static void test_train_group_key(void **state)
{
    static const char *const same[][2] = {
        {"{\"text\": \"The  Mayor said\\tno.\"}", "{\"text\": \" the mayor said no. \"}"},
        {"{\"text\": \"one\", \"group\": \"q1\"}", "{\"text\": \"two\", \"group\": \"q1\", \"target\": \"T\"}"},
        {"{\"text\": \"one\", \"group\": 7}", "{\"text\": \"two\", \"group\": \"7\"}"},
        {"{\"text\": \"one\", \"group\": null}", "{\"text\": \"ONE\"}"},
    };
    static const char *const differ[][2] = {
        {"{\"text\": \"The mayor said no.\"}", "{\"text\": \"The mayor said yes.\"}"},
        {"{\"text\": \"The mayor said no.\"}", "{\"text\": \"Themayor said no.\"}"},
        {"{\"text\": \"same\", \"group\": \"a\"}", "{\"text\": \"same\", \"group\": \"b\"}"},
        {"{\"text\": \"q1\"}", "{\"text\": \"other\", \"group\": \"q1\"}"},
    };
    char a[2048], b[2048];
    size_t n = 0, m = 0;
    (void)state;
    for (size_t i = 0; i < sizeof same / sizeof *same; i++)
        assert_true(key_of(same[i][0]) == key_of(same[i][1]));
    for (size_t i = 0; i < sizeof differ / sizeof *differ; i++)
        assert_true(key_of(differ[i][0]) != key_of(differ[i][1]));
    /* a long text (450 bytes normalised), hashed in 256-byte chunks: runs of 1-3 spaces and capitals aside, the same */
    n = (size_t)snprintf(a, sizeof a, "{\"text\": \"");
    m = (size_t)snprintf(b, sizeof b, "{\"text\": \"");
    for (int w = 0; w < 150; w++) {
        n += (size_t)snprintf(a + n, sizeof a - n, "%sw%d", w ? " " : "", w % 7);
        m += (size_t)snprintf(b + m, sizeof b - m, "%*sW%d", w ? 1 + w % 3 : 0, "", w % 7);
    }
    snprintf(a + n, sizeof a - n, "\"}");
    snprintf(b + m, sizeof b - m, "  \"}");
    assert_true(key_of(a) == key_of(b));
    /* the group as text, with and without jansson */
    assert_string_equal(group_text("{\"text\": \"t\", \"group\": -12}", 0, b), "-12");
    assert_string_equal(group_text("{\"text\": \"t\", \"group\": -12}", 1, b), "-12");
    assert_string_equal(group_text("{\"text\": \"t\", \"group\": 2.5}", 0, b), "2.5");
    assert_string_equal(group_text("{\"text\": \"t\", \"group\": \"a\\u00e9\"}", 0, b), "a\xc3\xa9");
    assert_string_equal(group_text("{\"text\": \"t\", \"group\": \"a\\u00e9\"}", 1, b), "a\xc3\xa9");
    assert_string_equal(group_text("{\"text\": \"t\", \"group\": [1]}", 0, b), "field \"group\" is not a string or a number");
}

/* Every group in one fold, the folds about n / k rows; with one row a group,
 * the plain shuffle cut at f * n / k, whatever the keys are. */
static void test_train_group_folds(void **state)
{
    enum { N = 103, K = 5 };
    uint64_t g[N], g2[N], rng = 42, rng2 = 42;
    size_t order[N], order2[N], bounds[K + 1], bounds2[K + 1], fold_of[N], seen[N];
    (void)state;
    for (size_t i = 0; i < N; i++) {
        g[i] = 1000 + i;
        g2[i] = (uint64_t)(N - i) * 7919u;
    }
    assert_int_equal(tr_group_folds(g, N, K, &rng, order, bounds), 0);
    assert_int_equal(tr_group_folds(g2, N, K, &rng2, order2, bounds2), 0);
    assert_memory_equal(order, order2, sizeof order);
    assert_true(rng == rng2);
    for (size_t f = 0; f <= K; f++)
        assert_int_equal(bounds[f], f * N / K);
    /* copies: groups of 1..7 rows, scattered */
    for (size_t i = 0; i < N; i++)
        g[i] = (i * 37) % 29 % 16;
    rng = 7;
    assert_int_equal(tr_group_folds(g, N, K, &rng, order, bounds), 0);
    memset(seen, 0, sizeof seen);
    assert_int_equal(bounds[0], 0);
    assert_int_equal(bounds[K], N);
    for (size_t f = 0; f < K; f++) {
        assert_true(bounds[f] <= bounds[f + 1]);
        assert_true(bounds[f + 1] - bounds[f] <= N / K + 9); /* a fold overshoots by less than a group */
        for (size_t i = bounds[f]; i < bounds[f + 1]; i++) {
            seen[order[i]]++;
            fold_of[order[i]] = f;
        }
    }
    for (size_t i = 0; i < N; i++) {
        assert_int_equal(seen[i], 1);
        for (size_t j = 0; j < N; j++)
            if (g[i] == g[j])
                assert_int_equal(fold_of[i], fold_of[j]);
    }
    rng2 = 7;
    assert_int_equal(tr_group_folds(g, N, K, &rng2, order2, bounds2), 0);
    assert_memory_equal(order, order2, sizeof order);
    assert_memory_equal(bounds, bounds2, sizeof bounds);
}

enum { FILLERS = 3 };

static uint64_t mix(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* A made-up word of five letters (digits would be normalised away). */
static int word(char *buf, size_t n, uint64_t v)
{
    char w[6];
    for (int i = 0; i < 5; i++, v /= 26)
        w[i] = (char)('a' + v % 26);
    w[5] = '\0';
    return snprintf(buf, n, " %s", w);
}

/* A made-up text: one of two cue words and @p fillers words from a large
 * vocabulary (nearly each text's own); its label is the cue's class with
 * probability 0.7. Written @p copies times, each copy its own "group" when
 * @p unique_groups (*line numbers them). */
static void made_up(FILE *f, uint64_t *s, int fillers, int copies, int unique_groups, int *line)
{
    char text[512];
    int c = (int)(mix(s) % 2), y = mix(s) % 10 < 7 ? c : !c, n = snprintf(text, sizeof text, "%s", c ? "zorp" : "blick");
    for (int w = 0; w < fillers; w++)
        n += word(text + n, sizeof text - (size_t)n, mix(s) % 11881376u);
    for (int k = 0; k < copies; k++, (*line)++) {
        fprintf(f, "{\"text\": \"%s\", \"label\": \"%s\"", text, y ? "yes" : "no");
        if (unique_groups)
            fprintf(f, ", \"group\": %d", *line);
        fputs("}\n", f);
    }
}

/* The ECE on 1,000 new texts of a head calibrated on @p copies copies of 300
 * made-up texts, each copy its own group (@p unique_groups: the rows dealt to
 * the calibration folds one by one, as before groups) or grouped by their text. */
static double copies_ece(int copies, int unique_groups, double *cv_accuracy)
{
    char path[] = "/tmp/stance-groups-XXXXXX", err[TR_ERRLEN];
    stance_featcfg cfg;
    tr_data d = {0}, ev = {0};
    stance_head h;
    tr_opts o = {TR_LIBLINEAR, 1.0, 1, 1, 3, 0, 0.0, NULL};
    tr_reliability rel;
    uint64_t s = 99;
    double conf = 0, f1;
    size_t right = 0;
    int fd = mkstemp(path), line = 0;
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    for (int i = 0; i < 300; i++)
        made_up(f, &s, FILLERS, copies, unique_groups, &line);
    fclose(f);
    stance_features_default(&cfg);
    cfg.table_bits = 14;
    if (tr_data_load(path, &cfg, &d, NULL, err, sizeof err))
        fail_msg("%s", err);
    assert_int_equal(tr_cross_validate(&d, &o, cfg.table_bits, 5, &f1, cv_accuracy, NULL, NULL, err, sizeof err), 0);
    assert_int_equal(tr_train_head(&d, NULL, 0, &o, cfg.table_bits, &h, err, sizeof err), 0);
    f = fopen(path, "w");
    for (int i = 0; i < 1000; i++)
        made_up(f, &s, FILLERS, 1, 0, &line);
    fclose(f);
    if (tr_data_load(path, &cfg, &ev, NULL, err, sizeof err))
        fail_msg("%s", err);
    memset(&rel, 0, sizeof rel);
    for (size_t i = 0; i < ev.n; i++) {
        stance_fvec x = {.idx = ev.ex[i].idx, .val = ev.ex[i].val, .n = ev.ex[i].n, .cap = ev.ex[i].n};
        double v[1], p[2];
        int top;
        stance_linear_values(&h, &x, v);
        stance_calibrate(&h, v, p);
        top = p[1] > p[0];
        /* the labels in order of appearance in each file: compare by name */
        tr_reliability_add(&rel, p[top], strcmp(h.labels[top], ev.labels[ev.ex[i].y]) == 0);
    }
    for (int b = 0; b < TR_CALIB_BINS; b++) {
        conf += rel.conf[b];
        right += rel.correct[b];
    }
    print_message("%d copies%s: 5-fold CV accuracy %.3f, Platt A %.2f; new texts: mean confidence %.3f, accuracy %.3f, ECE %.3f\n", copies,
                  unique_groups ? " (one group each)" : "", *cv_accuracy, h.prob_a[0], conf / (double)rel.total,
                  (double)right / (double)rel.total, tr_reliability_ece(&rel));
    tr_head_free(&h);
    tr_data_free(&d);
    tr_data_free(&ev);
    remove(path);
    return tr_reliability_ece(&rel);
}

/* Copies of a row on both sides of a calibration fold make the Platt sigmoid
 * over-confident: the model has learnt the held-out copy's own words (its label
 * noise too), so its decision value looks surer than a new text's. The same
 * copies flatter the cross-validation of the C search. */
/* Platt's slope must order the probability as the decision value: a negative a is kept as fitted,
 * a >= 0 falls back to a = -1 with the pair's prior (log((n_neg + 1) / (n_pos + 1))). */
static void test_train_platt_order_guard(void **state)
{
    double a = -2.5, b = 0.3;
    (void)state;
    assert_int_equal(tr_platt_order_guard(&a, &b, 10, 30), 0);
    assert_true(a == -2.5 && b == 0.3);
    a = 0.7;
    assert_int_equal(tr_platt_order_guard(&a, &b, 10, 30), 1);
    assert_true(a == -1.0);
    assert_true(fabs(b - log(31.0 / 11.0)) < 1e-12);
    a = 0.0; /* flat: the decision values would be ignored */
    assert_int_equal(tr_platt_order_guard(&a, &b, 5, 5), 1);
    assert_true(a == -1.0 && fabs(b) < 1e-12);
}

static void test_train_group_calibration(void **state)
{
    double a1, a2, a3, once = copies_ece(1, 0, &a1), dealt = copies_ece(4, 1, &a2), grouped = copies_ece(4, 0, &a3);
    (void)state;
    assert_true(once < 0.08);
    assert_true(grouped < 0.08); /* (0.040) */
    assert_true(dealt > 0.15);   /* (0.211: mean confidence 0.92 at accuracy 0.71) */
    /* the C search's folds too: a copy scored by a model that learnt its twin is right */
    assert_true(a3 < a1 + 0.05);
    assert_true(a2 > a3 + 0.15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_train_collapse_matches_libsvm),
        cmocka_unit_test(test_train_liblinear_pair_order),
        cmocka_unit_test(test_train_same_seed_same_head),
        cmocka_unit_test(test_train_bad_input_reports_line),
        cmocka_unit_test(test_train_reliability_ece),
        cmocka_unit_test(test_train_reliability_ece_floor),
        cmocka_unit_test(test_train_rsvd),
        cmocka_unit_test(test_train_word_vectors),
        cmocka_unit_test(test_train_word_vectors_context_only),
        cmocka_unit_test(test_train_corpus_files),
        cmocka_unit_test(test_train_group_key),
        cmocka_unit_test(test_train_group_folds),
        cmocka_unit_test(test_train_group_calibration),
        cmocka_unit_test(test_train_platt_order_guard),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
