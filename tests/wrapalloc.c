/* wrapalloc.c - see wrapalloc.h. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "wrapalloc.h"

void *__real_malloc(size_t);
void *__real_calloc(size_t, size_t);
void *__real_realloc(void *, size_t);
void __real_free(void *);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t s);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);

wrapalloc_state wrapalloc;
static int armed;
static long countdown = -1;

/* Open-addressing set of live pointers made while armed. */
#define TRACK_BITS 18
#define TRACK_SIZE ((size_t)1 << TRACK_BITS)
#define TOMB ((void *)1)
static void *tracked[TRACK_SIZE];

static size_t slot_of(void *p)
{
    return (size_t)(((uintptr_t)p >> 4) * 0x9E3779B97F4A7C15ull >> (64 - TRACK_BITS)) & (TRACK_SIZE - 1);
}

static void track(void *p)
{
    size_t i = slot_of(p);
    while (tracked[i] && tracked[i] != TOMB)
        i = (i + 1) & (TRACK_SIZE - 1);
    tracked[i] = p;
    wrapalloc.live++;
}

static void untrack(void *p)
{
    size_t i = slot_of(p);
    while (tracked[i]) {
        if (tracked[i] == p) {
            tracked[i] = TOMB;
            wrapalloc.live--;
            return;
        }
        i = (i + 1) & (TRACK_SIZE - 1);
    }
}

static int on_request(size_t size)
{
    if (!armed)
        return 0;
    wrapalloc.n_allocs++;
    if (size > wrapalloc.max_request)
        wrapalloc.max_request = size;
    if (countdown >= 0 && !wrapalloc.hold && countdown-- == 0) {
        wrapalloc.failed = 1;
        return 1;
    }
    return 0;
}

void *__wrap_malloc(size_t n)
{
    void *p;
    if (on_request(n))
        return NULL;
    p = __real_malloc(n);
    if (p && armed)
        track(p);
    return p;
}

void *__wrap_calloc(size_t n, size_t s)
{
    void *p;
    /* Record the product (saturated): a calloc(2^24, 2000) is one big request. */
    if (on_request(s && n > SIZE_MAX / s ? SIZE_MAX : n * s))
        return NULL;
    p = __real_calloc(n, s);
    if (p && armed)
        track(p);
    return p;
}

void *__wrap_realloc(void *old, size_t n)
{
    void *p;
    if (on_request(n))
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

void wrapalloc_arm(long fail_at)
{
    memset(tracked, 0, sizeof tracked);
    wrapalloc.live = 0;
    wrapalloc.failed = 0;
    wrapalloc.max_request = 0;
    wrapalloc.n_allocs = 0;
    countdown = fail_at;
    armed = 1;
}

void wrapalloc_disarm(void)
{
    armed = 0;
}
