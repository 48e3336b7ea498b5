/* test_alloc_fail.c - the allocation-failure sweep: fail the Nth allocation,
 * for every N, through model loading and a full stance_classify() call. Each
 * run must return STANCE_ERR_NOMEM (or succeed once N is past the last
 * allocation), set out-pointers to NULL, and leak nothing: every successful
 * allocation is counted and must be freed by the end of the run.
 * malloc/calloc/realloc are intercepted with ld --wrap, so only calls made from
 * the objects linked here (libstance's, not cmocka's or PCRE2's own, which
 * libstance routes through its allocator anyway) are affected. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "stance_internal.h"
#include "testutil.h"

void *__real_malloc(size_t);
void *__real_calloc(size_t, size_t);
void *__real_realloc(void *, size_t);
void __real_free(void *);

static int armed;
static long countdown; /* fail when it reaches 0 */
static long live;      /* outstanding allocations while armed */
static int failed;

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t s);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);

/* Live-count bookkeeping: a one-byte header would change alignment; track with a tag table instead. */
#define TRACK_MAX 65536
static void *tracked[TRACK_MAX];

static void track(void *p)
{
    for (size_t i = 0; i < TRACK_MAX; i++)
        if (!tracked[i]) {
            tracked[i] = p;
            live++;
            return;
        }
}

static int untrack(void *p)
{
    for (size_t i = 0; i < TRACK_MAX; i++)
        if (tracked[i] == p) {
            tracked[i] = NULL;
            live--;
            return 1;
        }
    return 0;
}

static int should_fail(void)
{
    if (!armed)
        return 0;
    if (countdown-- == 0) {
        failed = 1;
        return 1;
    }
    return 0;
}

void *__wrap_malloc(size_t n)
{
    void *p;
    if (should_fail())
        return NULL;
    p = __real_malloc(n);
    if (p && armed)
        track(p);
    return p;
}

void *__wrap_calloc(size_t n, size_t s)
{
    void *p;
    if (should_fail())
        return NULL;
    p = __real_calloc(n, s);
    if (p && armed)
        track(p);
    return p;
}

void *__wrap_realloc(void *old, size_t n)
{
    void *p;
    if (should_fail())
        return NULL;
    p = __real_realloc(old, n);
    if (p && armed) {
        if (old)
            untrack(old);
        track(p);
    }
    return p;
}

void __wrap_free(void *p)
{
    if (p && armed)
        untrack(p);
    __real_free(p);
}

static void arm(long n)
{
    memset(tracked, 0, sizeof tracked);
    live = 0;
    failed = 0;
    countdown = n;
    armed = 1;
}

static void disarm(void)
{
    armed = 0;
}

static void test_alloc_fail_model_open(void **state)
{
    size_t len;
    unsigned char *data = testutil_model_bytes(&len);
    long n;
    (void)state;
    for (n = 0; n < 100000; n++) {
        stance_model *m = (stance_model *)1;
        stance_error err;
        int rc;
        arm(n);
        rc = stance_model_open_buffer(data, len, &m, &err);
        if (rc == STANCE_OK)
            stance_model_free(m);
        disarm();
        if (!failed) {
            assert_int_equal(rc, STANCE_OK);
            break;
        }
        /* A failed JIT compilation is not an error: PCRE2 falls back to its interpreter. */
        if (rc != STANCE_OK && rc != STANCE_ERR_NOMEM)
            fail_msg("allocation %ld failed: got %d (%s)", n, rc, err.message);
        if (rc != STANCE_OK)
            assert_null(m);
        if (live != 0)
            fail_msg("allocation %ld failed: %ld allocations leaked", n, live);
    }
    assert_true(n > 5);
    stance_free(data);
}

static const char article[] =
    "The mayor spoke on Tuesday.\n\n"
    "\"Governor Park failed this city and it is a disgrace,\" Mayor Ana Diaz said.\n\n"
    "\xe2\x80\x9cWe praised the team and we are proud,\xe2\x80\x9d said Jo Lee.\n";

static void test_alloc_fail_classify(void **state)
{
    size_t len;
    unsigned char *data = testutil_model_bytes(&len);
    stance_model *m = NULL;
    static const char *const aliases[] = {"Park"};
    stance_actor actors[2] = {{"Governor Park", aliases, 1}, {"Ana Diaz", NULL, 0}};
    long n;
    (void)state;
    assert_int_equal(stance_model_open_buffer(data, len, &m, NULL), STANCE_OK);
    for (int with_actors = 0; with_actors < 2; with_actors++) {
        for (n = 0; n < 100000; n++) {
            stance_input in = {0};
            stance_options opt = {0};
            stance_result *res = (stance_result *)1;
            stance_error err;
            int rc;
            in.text = article;
            in.text_len = sizeof article - 1;
            in.actors = with_actors ? actors : NULL;
            in.n_actors = with_actors ? 2 : 0;
            opt.explain = 3;
            arm(n);
            rc = stance_classify(m, &in, &opt, &res, &err);
            if (rc == STANCE_OK)
                stance_result_free(res);
            disarm();
            if (!failed) {
                assert_int_equal(rc, STANCE_OK);
                break;
            }
            if (rc != STANCE_ERR_NOMEM)
                fail_msg("allocation %ld failed: got %d (%s)", n, rc, err.message);
            assert_null(res);
            if (live != 0)
                fail_msg("allocation %ld failed: %ld allocations leaked", n, live);
        }
        assert_true(n > 5);
    }
    stance_model_free(m);
    stance_free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_fail_model_open),
        cmocka_unit_test(test_alloc_fail_classify),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
