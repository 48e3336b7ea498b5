/*
 * wordix.c - the occurrences of a set of words in one document (wordix.h).
 * A word is keyed by a 32-bit FNV-1a hash of its first maximal run of word
 * bytes: an occurrence of "o'brien" starts where the run "o" stands whole.
 * Every occurrence found through the index is checked in full
 * (stance_word_at()), so hashes that collide cost time, never an answer.
 */
#include "config.h"

#include <string.h>

#include "sort.h"
#include "stance_internal.h"
#include "tokens.h"
#include "wordix.h"

/* stance_is_word_byte() as a table: the scan of the whole text reads it once a byte */
static const unsigned char word_byte[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

#define FNV_BASIS 2166136261u
#define FNV_PRIME 16777619u

static uint32_t fnv_step(uint32_t h, unsigned char c)
{
    return (h ^ c) * FNV_PRIME;
}

static uint32_t nonzero(uint32_t h)
{
    return h ? h : 1u;
}

/* The hash of the first run of word bytes of @p first, w[1, n). */
static uint32_t word_hash(char first, const char *w, size_t n)
{
    uint32_t h = fnv_step(FNV_BASIS, (unsigned char)first);
    for (size_t i = 1; i < n && word_byte[(unsigned char)w[i]]; i++)
        h = fnv_step(h, (unsigned char)w[i]);
    return nonzero(h);
}

/* The slot of hash @p h in the set: where it is, or the empty one it would take. */
static size_t slot(const stance_wordix *ix, uint32_t h)
{
    size_t i = (size_t)h & ix->mask;
    while (ix->set[i] && ix->set[i] != h)
        i = (i + 1) & ix->mask;
    return i;
}

/* The length of the first run of word bytes of w[0, n). */
static size_t run_len(const char *w, size_t n)
{
    size_t i = 1;
    while (i < n && word_byte[(unsigned char)w[i]])
        i++;
    return i;
}

/* May a run of @p n bytes opening with @p c (a lowercase letter) be in the set? */
static int may_hold(const stance_wordix *ix, unsigned char c, size_t n)
{
    return n >= 64 || (ix->lens[c - 'a'] >> n & 1);
}

static int make_set(stance_wordix *ix, const char *t, const size_t *spans, size_t nw)
{
    size_t cap = 16;
    while (cap < 2 * nw)
        cap *= 2;
    if (!(ix->set = stance_calloc(cap, sizeof *ix->set)) || !(ix->lens = stance_calloc(26, sizeof *ix->lens)))
        return STANCE_ERR_NOMEM;
    ix->mask = cap - 1;
    for (size_t i = 0; i < nw; i++) {
        size_t s = spans[2 * i], e = spans[2 * i + 1];
        if (e > s && t[s] >= 'A' && t[s] <= 'Z') {
            uint32_t h = word_hash((char)(t[s] + ('a' - 'A')), t + s, e - s);
            size_t n = run_len(t + s, e - s);
            ix->set[slot(ix, h)] = h;
            if (n < 64)
                ix->lens[t[s] - 'A'] |= (uint64_t)1 << n;
        }
    }
    return STANCE_OK;
}

/* Every run of word bytes of the text that opens with a lowercase ASCII letter
 * and hashes into the set, as (hash << pbits | start), into ix->at. */
static int collect(stance_wordix *ix, const char *t, size_t len)
{
    const unsigned char *u = (const unsigned char *)t;
    size_t cap = 0, p = 0;
    while (p < len) {
        size_t s;
        uint32_t h;
        while (p < len && !word_byte[u[p]])
            p++;
        if (p >= len)
            break;
        s = p++;
        while (p < len && word_byte[u[p]])
            p++;
        if (u[s] < 'a' || u[s] > 'z' || !may_hold(ix, u[s], p - s))
            continue;
        h = FNV_BASIS;
        for (size_t i = s; i < p; i++)
            h = fnv_step(h, u[i]);
        h = nonzero(h);
        if (ix->set[slot(ix, h)] != h)
            continue;
        if (stance_grow((void **)&ix->at, &cap, ix->n + 1, sizeof *ix->at))
            return STANCE_ERR_NOMEM;
        ix->at[ix->n++] = (uint64_t)h << ix->pbits | s;
    }
    return STANCE_OK;
}

int stance_wordix_build(stance_wordix *ix, const char *t, size_t len, const size_t *spans, size_t nw)
{
    uint64_t *tmp;
    memset(ix, 0, sizeof *ix);
    if (!nw || len > UINT32_MAX)
        return STANCE_OK;
    ix->pbits = stance_bits_for(len);
    if (make_set(ix, t, spans, nw) || collect(ix, t, len))
        goto nomem;
    if (ix->n > 1) {
        if (!(tmp = stance_malloc_array(ix->n, sizeof *tmp)))
            goto nomem;
        stance_sort_u64(ix->at, ix->n, tmp, 32 + ix->pbits);
        stance_free(tmp);
    }
    ix->t = t;
    ix->len = len;
    return STANCE_OK;
nomem:
    stance_wordix_free(ix);
    return STANCE_ERR_NOMEM;
}

void stance_wordix_free(stance_wordix *ix)
{
    if (!ix || !ix->set) /* (the set comes first: without it, nothing else) */
        return;
    stance_free(ix->set);
    stance_free(ix->lens);
    stance_free(ix->at);
    memset(ix, 0, sizeof *ix);
}

int stance_wordix_in_span(const stance_wordix *ix, const char *t, size_t len, size_t lo, size_t hi, char first,
                          const char *w, size_t n)
{
    uint32_t h;
    uint64_t key;
    size_t a = 0, b;
    uint64_t pmask;
    if (!ix || !ix->t || ix->t != t || ix->len != len || first < 'a' || first > 'z' || n == 0)
        return stance_word_in_span(t, len, lo, hi, first, w, n);
    h = word_hash(first, w, n);
    if (ix->set[slot(ix, h)] != h)
        return stance_word_in_span(t, len, lo, hi, first, w, n);
    if (lo > hi || n > hi - lo)
        return 0;
    key = (uint64_t)h << ix->pbits | lo;
    for (b = ix->n; a < b;) {
        size_t mid = a + (b - a) / 2;
        if (ix->at[mid] < key)
            a = mid + 1;
        else
            b = mid;
    }
    pmask = ((uint64_t)1 << ix->pbits) - 1;
    for (; a < ix->n && ix->at[a] >> ix->pbits == h; a++) {
        size_t p = (size_t)(ix->at[a] & pmask);
        if (p + n > hi)
            break;
        if (stance_word_at(t, len, p, first, w, n))
            return 1;
    }
    return 0;
}
