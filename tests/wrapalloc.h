/* wrapalloc.h - a malloc/calloc/realloc/free interposer for the allocation
 * tests (link with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free).
 * Only calls made from objects linked into the test binary go through it
 * (libstance's; not cmocka's, not libc's own).
 *
 * While armed it counts requests, records the largest one, fails the Nth
 * request (N = the countdown given to wrapalloc_arm, -1 = never) and keeps the
 * set of live allocations made while armed, so a run can check it leaked
 * nothing. */
#ifndef STANCE_TESTS_WRAPALLOC_H
#define STANCE_TESTS_WRAPALLOC_H

#include <stddef.h>

typedef struct wrapalloc_state {
    int failed;         /* the countdown reached 0 and a request failed */
    int hold;           /* while set, keep counting but fail nothing */
    long live;          /* outstanding allocations made while armed */
    long n_allocs;      /* requests while armed */
    size_t max_request; /* largest single request while armed (calloc: the product) */
} wrapalloc_state;

extern wrapalloc_state wrapalloc;

/* Start counting; fail the request after @p fail_at more (0 = the next one), or never if -1. */
void wrapalloc_arm(long fail_at);
void wrapalloc_disarm(void);

#endif
