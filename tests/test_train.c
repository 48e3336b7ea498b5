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
            tr_opts o = {TR_LIBSVM, 1.0, balanced, 1, 7, 0, 0.0};
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
    tr_opts o = {TR_LIBLINEAR, 1.0, 1, 1, 3, 0, 0.0};
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
        stance_fvec x = {d.ex[i].idx, d.ex[i].val, d.ex[i].n, d.ex[i].n};
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
    tr_opts o = {TR_LIBSVM, 0.5, 1, 1, 11, 0, 0.0};
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_train_collapse_matches_libsvm),
        cmocka_unit_test(test_train_liblinear_pair_order),
        cmocka_unit_test(test_train_same_seed_same_head),
        cmocka_unit_test(test_train_bad_input_reports_line),
        cmocka_unit_test(test_train_reliability_ece),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
