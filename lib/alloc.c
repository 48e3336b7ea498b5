/*
 * alloc.c - the single allocation path of libstance. Every allocation, PCRE2's
 * included, goes through here, so the allocation-failure tests can reach all
 * of them by intercepting malloc/calloc/realloc at link time.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "stance_internal.h"

int stance_mul_overflow(size_t a, size_t b, size_t *out)
{
    if (a != 0 && b > SIZE_MAX / a)
        return 1;
    *out = a * b;
    return 0;
}

void *stance_malloc(size_t size)
{
    return malloc(size ? size : 1);
}

void *stance_calloc(size_t n, size_t size)
{
    if (n == 0 || size == 0)
        n = size = 1;
    return calloc(n, size);
}

void *stance_realloc(void *ptr, size_t size)
{
    return realloc(ptr, size ? size : 1);
}

void *stance_malloc_array(size_t n, size_t size)
{
    size_t total;
    if (stance_mul_overflow(n, size, &total))
        return NULL;
    return stance_malloc(total);
}

void *stance_realloc_array(void *ptr, size_t n, size_t size)
{
    size_t total;
    if (stance_mul_overflow(n, size, &total))
        return NULL;
    return stance_realloc(ptr, total);
}

void stance_free(void *ptr)
{
    free(ptr);
}

char *stance_strndup(const char *s, size_t n)
{
    char *d;
    if (n == SIZE_MAX)
        return NULL;
    d = stance_malloc(n + 1);
    if (!d)
        return NULL;
    if (n)
        memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *stance_strdup(const char *s)
{
    return stance_strndup(s, strlen(s));
}

int stance_grow_slow(void **buf, size_t *cap, size_t need, size_t size)
{
    size_t ncap;
    void *nb;
    if (need <= *cap)
        return STANCE_OK;
    ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return STANCE_ERR_NOMEM;
        ncap *= 2;
    }
    nb = stance_realloc_array(*buf, ncap, size);
    if (!nb)
        return STANCE_ERR_NOMEM;
    *buf = nb;
    *cap = ncap;
    return STANCE_OK;
}

static void *pcre2_alloc_cb(PCRE2_SIZE size, void *data)
{
    (void)data;
    return stance_malloc(size);
}

static void pcre2_free_cb(void *ptr, void *data)
{
    (void)data;
    stance_free(ptr);
}

pcre2_general_context *stance_pcre2_context(void)
{
    /* The context itself is allocated through the callbacks too. */
    return pcre2_general_context_create(pcre2_alloc_cb, pcre2_free_cb, NULL);
}
