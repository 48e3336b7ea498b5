/* test_alloc_fail.c - the allocation-failure sweep: fail the Nth allocation,
 * for every N, through model loading and a full stance_classify() call. Each
 * run must return STANCE_ERR_NOMEM (or succeed once N is past the last
 * allocation), set out-pointers to NULL, and leak nothing: every successful
 * allocation is counted and must be freed by the end of the run.
 * malloc/calloc/realloc are intercepted with ld --wrap, so only calls made from
 * the objects linked here (libstance's, not cmocka's or PCRE2's own, which
 * libstance routes through its allocator anyway) are affected (tests/wrapalloc.c).
 * Under valgrind (tests/valgrind-run.sh sets STANCE_UNDER_VALGRIND) every
 * model open JIT-compiles the patterns slowly, so the sweeps sample every
 * VG_STEP-th failure point there; natively they try every one. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "quotes.h"
#include "stance_internal.h"
#include "testutil.h"
#include "wrapalloc.h"

#define VG_STEP 7

static long sweep_step(void)
{
    return getenv("STANCE_UNDER_VALGRIND") ? VG_STEP : 1;
}

static void test_alloc_fail_model_open(void **state)
{
    size_t len;
    unsigned char *data = testutil_model_bytes(&len);
    long n, step = sweep_step();
    (void)state;
    for (n = 0; n < 100000; n += step) {
        stance_model *m = (stance_model *)1;
        stance_error err;
        int rc;
        wrapalloc_arm(n);
        rc = stance_model_open_buffer(data, len, &m, &err);
        if (rc == STANCE_OK)
            stance_model_free(m);
        wrapalloc_disarm();
        if (!wrapalloc.failed) {
            assert_int_equal(rc, STANCE_OK);
            break;
        }
        /* A failed JIT compilation is not an error: PCRE2 falls back to its interpreter. */
        if (rc != STANCE_OK && rc != STANCE_ERR_NOMEM)
            fail_msg("allocation %ld failed: got %d (%s)", n, rc, err.message);
        if (rc != STANCE_OK)
            assert_null(m);
        if (wrapalloc.live != 0)
            fail_msg("allocation %ld failed: %ld allocations leaked", n, wrapalloc.live);
    }
    assert_true(n > 5);
    stance_free(data);
}

static const char article[] =
    "The mayor spoke on Tuesday.\n\n"
    "\"Governor Park failed this city and it is a disgrace,\" Mayor Ana Diaz said.\n\n"
    "\"Park let the city down,\" Diaz said.\n\n" /* pooled with her first quote (pool.c) */
    "\xe2\x80\x9cWe praised the team and we are proud,\xe2\x80\x9d said Jo Lee.\n";

static void test_alloc_fail_classify(void **state)
{
    size_t len;
    unsigned char *data = testutil_model_bytes(&len);
    stance_model *m = NULL;
    static const char *const aliases[] = {"Park"};
    stance_actor actors[3] = {{"Governor Park", aliases, 1}, {"Ana Diaz", NULL, 0}, {"Quill Marrow", NULL, 0}};
    long n, step = sweep_step();
    (void)state;
    assert_int_equal(stance_model_open_buffer(data, len, &m, NULL), STANCE_OK);
    /* The patterns' JIT copies live with the model: made first, they are not
     * this sweep's (test_alloc_fail_first_use sweeps their making). */
    assert_int_equal(stance_quotes_jit_all(m->qpat, NULL), STANCE_OK);
    for (int with_actors = 0; with_actors < 4; with_actors++) { /* 2: also STANCE_OPT_DISCOVER_OTHERS; 3: also
                                                                  a third, absent actor, STANCE_OPT_MENTIONED_ONLY */
        for (n = 0; n < 100000; n += step) {
            stance_input in = STANCE_INPUT_INIT;
            stance_options opt = STANCE_OPTIONS_INIT;
            stance_result *res = (stance_result *)1;
            stance_error err;
            int rc;
            in.text = article;
            in.text_len = sizeof article - 1;
            in.actors = with_actors ? actors : NULL;
            in.n_actors = with_actors ? (with_actors == 3 ? 3 : 2) : 0;
            opt.explain = 3;
            opt.flags = STANCE_OPT_POOL; /* the article's two Diaz quotes on Park pool */
            if (with_actors >= 2)
                opt.flags |= STANCE_OPT_DISCOVER_OTHERS; /* Jo Lee discovered beside the two given */
            if (with_actors == 3)
                opt.flags |= STANCE_OPT_MENTIONED_ONLY; /* Quill Marrow left out */
            wrapalloc_arm(n);
            rc = stance_classify(m, &in, &opt, &res, &err);
            if (rc == STANCE_OK)
                stance_result_free(res);
            wrapalloc_disarm();
            if (!wrapalloc.failed) {
                assert_int_equal(rc, STANCE_OK);
                break;
            }
            if (rc != STANCE_ERR_NOMEM)
                fail_msg("allocation %ld failed: got %d (%s)", n, rc, err.message);
            assert_null(res);
            if (wrapalloc.live != 0)
                fail_msg("allocation %ld failed: %ld allocations leaked", n, wrapalloc.live);
        }
        assert_true(n > 5);
    }
    stance_model_free(m);
    stance_free(data);
}

/* The first classification on a fresh model JIT-compiles the quote patterns it
 * needs: a failure there (the pattern copy or the JIT's own memory) is
 * STANCE_ERR_NOMEM, publishes nothing, and leaks nothing once the model is
 * freed; the same model then classifies as a fresh one does. */
static void test_alloc_fail_first_use(void **state)
{
    size_t len;
    unsigned char *data = testutil_model_bytes(&len);
    stance_input in = STANCE_INPUT_INIT;
    stance_options opt = STANCE_OPTIONS_INIT;
    size_t want = 0;
    long n, step = sweep_step();
    (void)state;
    in.text = article;
    in.text_len = sizeof article - 1;
    opt.flags = STANCE_OPT_INDIRECT;
    for (n = -1; n < 100000; n += n < 0 ? 1 : step) {
        stance_model *m = NULL;
        stance_result *res = (stance_result *)1;
        stance_error err;
        int rc;
        assert_int_equal(stance_model_open_buffer(data, len, &m, NULL), STANCE_OK);
        if (n >= 0)
            wrapalloc_arm(n);
        rc = stance_classify(m, &in, &opt, &res, &err);
        if (rc == STANCE_OK) {
            if (n < 0)
                want = stance_result_count(res);
            else
                assert_int_equal(stance_result_count(res), want);
            stance_result_free(res);
        } else {
            if (rc != STANCE_ERR_NOMEM)
                fail_msg("allocation %ld failed: got %d (%s)", n, rc, err.message);
            assert_null(res);
            /* the model is still whole: the next call makes what the failed one did not */
            wrapalloc.hold = 1;
            assert_int_equal(stance_classify(m, &in, &opt, &res, &err), STANCE_OK);
            assert_int_equal(stance_result_count(res), want);
            stance_result_free(res);
            wrapalloc.hold = 0;
        }
        stance_model_free(m); /* still armed: the copies made during the call are counted freed */
        wrapalloc_disarm();
        if (n < 0)
            continue;
        if (!wrapalloc.failed) {
            assert_int_equal(rc, STANCE_OK);
            break;
        }
        if (wrapalloc.live != 0)
            fail_msg("allocation %ld failed: %ld allocations leaked", n, wrapalloc.live);
    }
    assert_true(want > 0);
    assert_true(n > 5);
    stance_free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_fail_model_open),
        cmocka_unit_test(test_alloc_fail_classify),
        cmocka_unit_test(test_alloc_fail_first_use),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
