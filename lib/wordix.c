/*
 * wordix.c - the occurrences of a set of words in one document (wordix.h).
 * A word is keyed by a 32-bit hash (XXH3-64, folded) of its first maximal
 * run of word bytes (STANCE_WORD_CLASS, tokens.h), its first letter in
 * lowercase: an occurrence of "o'brien" starts where the run "o" stands
 * whole. Every occurrence found through the index is checked in full
 * (stance_word_at()), so hashes that collide cost time, never an answer; a
 * run of more than RUN_MAX bytes is not indexed (the search itself answers).
 */
#include "config.h"

#include <string.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "sort.h"
#include "stance_internal.h"
#include "tokens.h"
#include "wordix.h"

#define RUN_MAX 64

/* The key of the run r[0, n) (n <= RUN_MAX), never 0 (an empty slot). */
static uint32_t run_hash(const unsigned char *r, size_t n)
{
    uint64_t h = XXH3_64bits(r, n);
    uint32_t f = (uint32_t)(h ^ h >> 32);
    return f ? f : 1u;
}

/* The slot of hash @p h in the set: where it is, or the empty one it would take. */
static size_t slot(const stance_wordix *ix, uint32_t h)
{
    size_t i = (size_t)h & ix->mask;
    while (ix->set[i] && ix->set[i] != h)
        i = (i + 1) & ix->mask;
    return i;
}

/* The length of the first run of word bytes of w[0, n) (w[0] is not read). */
static size_t run_len(const char *w, size_t n)
{
    size_t i = 1;
    while (i < n && STANCE_WORD_CLASS[(unsigned char)w[i]])
        i++;
    return i;
}

/* The key of the run @p first, w[1, n) (1 <= n <= RUN_MAX), with @p r (RUN_MAX
 * bytes) to hold it. */
static uint32_t word_hash(unsigned char *r, char first, const char *w, size_t n)
{
    r[0] = (unsigned char)first;
    stance_copy_short(r + 1, w + 1, n - 1);
    return run_hash(r, n);
}

/* The place of a run r[0, n) (r[0] a lowercase letter) in the filter: its
 * first letter, its last byte's low six bits and its length's low five. */
static size_t filter_bit(const unsigned char *r, size_t n)
{
    return (size_t)(r[0] - 'a') << 11 | (size_t)(r[n - 1] & 63) << 5 | (n & 31);
}

/* May the run r[0, n) (r[0] a lowercase letter) be in the set? (Most runs of
 * the text are not, and this test costs less than their hash.) */
static int may_hold(const stance_wordix *ix, const unsigned char *r, size_t n)
{
    size_t b = filter_bit(r, n);
    return ix->filter[b >> 6] >> (b & 63) & 1;
}

static int make_set(stance_wordix *ix, const char *t, const size_t *spans, size_t nw)
{
    size_t cap = 16;
    while (cap < 2 * nw)
        cap *= 2;
    if (!(ix->set = stance_calloc(cap, sizeof *ix->set)) ||
        !(ix->filter = stance_calloc(STANCE_WORDIX_FILTER_WORDS, sizeof *ix->filter)))
        return STANCE_ERR_NOMEM;
    ix->mask = cap - 1;
    for (size_t i = 0; i < nw; i++) {
        size_t s = spans[2 * i], e = spans[2 * i + 1], n = e > s ? run_len(t + s, e - s) : 0;
        unsigned char r[RUN_MAX];
        if (n && n <= RUN_MAX && t[s] >= 'A' && t[s] <= 'Z') {
            uint32_t h = word_hash(r, (char)(t[s] + ('a' - 'A')), t + s, n);
            size_t b = filter_bit(r, n);
            ix->set[slot(ix, h)] = h;
            ix->filter[b >> 6] |= (uint64_t)1 << (b & 63);
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
        while (p < len && !STANCE_WORD_CLASS[u[p]])
            p++;
        if (p >= len)
            break;
        s = p++;
        while (p < len && STANCE_WORD_CLASS[u[p]])
            p++;
        if (u[s] < 'a' || u[s] > 'z' || p - s > RUN_MAX || !may_hold(ix, u + s, p - s))
            continue;
        h = run_hash(u + s, p - s);
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
    stance_free(ix->filter);
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
    unsigned char r[RUN_MAX];
    if (!ix || !ix->t || ix->t != t || ix->len != len || first < 'a' || first > 'z' || n == 0 ||
        run_len(w, n) > RUN_MAX)
        return stance_word_in_span(t, len, lo, hi, first, w, n);
    h = word_hash(r, first, w, run_len(w, n));
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
