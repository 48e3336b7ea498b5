/*
 * mindex.c - the per-document mention and name index (mindex.h).
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "mindex.h"
#include "sort.h"

static int pos_cmp(const void *a, const void *b)
{
    const stance_mpos *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->ent > y->ent) - (x->ent < y->ent);
}

/* The bits that hold @p v. */
static unsigned bits_for(size_t v)
{
    unsigned b = 0;
    while (b < 64 && (v >> b))
        b++;
    return b;
}

static size_t field_at(const void *v, size_t i, size_t size, size_t off)
{
    size_t x;
    memcpy(&x, (const char *)v + i * size + off, sizeof x);
    return x;
}

#define STABLE_SHORT 16 /* up to here an insertion sort, in place */

/* How an insertion sort orders records: by a size_t field at @p off, or by
 * @p cmp. */
typedef struct sort_how {
    size_t off;
    int (*cmp)(const void *, const void *);
} sort_how;

static int goes_after(const sort_how *h, const char *x, const char *y)
{
    size_t a, b;
    if (h->cmp)
        return h->cmp(x, y) > 0;
    memcpy(&a, x + h->off, sizeof a);
    memcpy(&b, y + h->off, sizeof b);
    return a > b;
}

/* The insertion sort: a record moves only past the ones that go after it
 * (stable). */
static int sort_short(char *b, size_t n, size_t size, const sort_how *h)
{
    char stack[256], *tmp = size <= sizeof stack ? stack : stance_malloc(size);
    if (!tmp)
        return STANCE_ERR_NOMEM;
    for (size_t i = 1; i < n; i++) {
        size_t j = i;
        while (j > 0 && goes_after(h, b + (j - 1) * size, b + i * size))
            j--;
        if (j < i) {
            memcpy(tmp, b + i * size, size);
            memmove(b + (j + 1) * size, b + j * size, (i - j) * size);
            memcpy(b + j * size, tmp, size);
        }
    }
    if (tmp != stack)
        stance_free(tmp);
    return STANCE_OK;
}

int stance_sort_stable(void *v, size_t n, size_t size, size_t off)
{
    char *b = v, *tmp;
    size_t most = 0, total;
    unsigned ib = bits_for(n - 1), vb;
    uint64_t mask;
    uint64_t *keys;
    if (n < 2)
        return STANCE_OK;
    for (size_t i = 0; i < n; i++)
        most = field_at(v, i, size, off) > most ? field_at(v, i, size, off) : most;
    vb = bits_for(most);
    if (n <= STABLE_SHORT || vb + ib > 64) { /* (keys that do not fit: never, in memory) */
        sort_how h = {off, NULL};
        return sort_short(b, n, size, &h);
    }
    mask = (UINT64_C(1) << ib) - 1;
    if (stance_mul_overflow(n, 2 * sizeof *keys, &total) || total > SIZE_MAX - size ||
        !(keys = stance_malloc(total + size)))
        return STANCE_ERR_NOMEM;
    tmp = (char *)(keys + 2 * n);
    for (size_t i = 0; i < n; i++)
        keys[i] = (uint64_t)field_at(v, i, size, off) << ib | i;
    stance_sort_u64(keys, n, keys + n, vb + ib);
    /* Element i takes the one at keys[i]'s index: applied in place cycle by cycle, one
     * element aside (no second copy of the array: peak memory of a large text, issue #18). */
    for (size_t i = 0; i < n; i++) {
        size_t j = i, k;
        if ((size_t)(keys[i] & mask) == i)
            continue;
        memcpy(tmp, b + i * size, size);
        while ((k = (size_t)(keys[j] & mask)) != i) {
            memcpy(b + j * size, b + k * size, size);
            keys[j] = (keys[j] & ~mask) | j;
            j = k;
        }
        memcpy(b + j * size, tmp, size);
        keys[j] = (keys[j] & ~mask) | j;
    }
    stance_free(keys);
    return STANCE_OK;
}

void stance_sort_small(void *v, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    sort_how h = {0, cmp};
    if (n > STABLE_SHORT || size > 256) {
        if (n > 1)
            qsort(v, n, size, cmp);
        return;
    }
    (void)sort_short(v, n, size, &h); /* (no allocation at this size: no failure) */
}

void stance_mpos_sort(stance_mpos *pos, size_t n, size_t n_ents, uint64_t *keys)
{
    size_t most = 0;
    unsigned eb = bits_for(n_ents), sb;
    uint64_t emask = eb ? UINT64_MAX >> (64 - eb) : 0;
    if (n < 2)
        return;
    for (size_t i = 0; i < n; i++)
        most = pos[i].start > most ? pos[i].start : most;
    sb = bits_for(most);
    if (sb + eb > 64) {
        qsort(pos, n, sizeof *pos, pos_cmp);
        return;
    }
    for (size_t i = 0; i < n; i++)
        keys[i] = (uint64_t)pos[i].start << eb | pos[i].ent;
    stance_sort_u64(keys, n, (uint64_t *)(void *)pos, sb + eb); /* (pos is written again below) */
    for (size_t i = 0; i < n; i++)
        pos[i] = (stance_mpos){(size_t)(keys[i] >> eb), (size_t)(keys[i] & emask)};
}

/* qsort with a context: the entity set of the name comparison (no global state). */
typedef struct {
    size_t ent;
    const char *name;
} name_key;

static int name_cmp(const void *a, const void *b)
{
    const name_key *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    if (c)
        return c;
    return (x->ent > y->ent) - (x->ent < y->ent);
}

static int word_cmp(const void *a, const void *b)
{
    const stance_mword *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = n ? memcmp(x->w, y->w, n) : 0;
    if (c)
        return c;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return (x->ent > y->ent) - (x->ent < y->ent);
}


static int build_names(stance_mindex *ix, const stance_entityset *ents)
{
    name_key *keys = stance_malloc_array(ents->n, sizeof *keys);
    if (!keys || !(ix->names = stance_malloc_array(ents->n, sizeof *ix->names)) ||
        !(ix->lasts = stance_malloc_array(ents->n, sizeof *ix->lasts))) {
        stance_free(keys);
        return STANCE_ERR_NOMEM;
    }
    for (size_t i = 0; i < ents->n; i++) {
        const char *nm = ents->e[i].name;
        keys[i] = (name_key){i, nm};
        ix->lasts[i].w = stance_last_word(nm, strlen(nm), &ix->lasts[i].len);
        ix->lasts[i].ent = i;
    }
    stance_sort_small(keys, ents->n, sizeof *keys, name_cmp);
    stance_sort_small(ix->lasts, ents->n, sizeof *ix->lasts, word_cmp);
    for (size_t i = 0; i < ents->n; i++)
        ix->names[i] = keys[i].ent;
    stance_free(keys);
    return STANCE_OK;
}

int stance_mindex_build(stance_entityset *ents)
{
    stance_mindex *ix;
    size_t n = 0, k = 0;
    if (ents->ix)
        stance_mindex_free(ents->ix);
    ents->ix = NULL;
    if (!ents->n)
        return STANCE_OK;
    if (!(ix = stance_calloc(1, sizeof *ix)))
        return STANCE_ERR_NOMEM;
    for (size_t i = 0; i < ents->n; i++)
        n += ents->e[i].n_mentions;
    if ((n && !(ix->pos = stance_malloc_array(n, sizeof *ix->pos))) || build_names(ix, ents)) {
        stance_mindex_free(ix);
        return STANCE_ERR_NOMEM;
    }
    for (size_t i = 0; i < ents->n; i++)
        for (size_t j = 0; j < ents->e[i].n_mentions; j++) {
            stance_span m = ents->e[i].mentions[j];
            ix->pos[k++] = (stance_mpos){m.start, i};
            if (m.end - m.start > ix->maxlen)
                ix->maxlen = m.end - m.start;
        }
    if (n > 1) {
        uint64_t *keys = stance_malloc_array(n, sizeof *keys);
        if (!keys) {
            stance_mindex_free(ix);
            return STANCE_ERR_NOMEM;
        }
        stance_mpos_sort(ix->pos, n, ents->n, keys);
        stance_free(keys);
    }
    ix->n_pos = n;
    ix->n = ents->n;
    ents->ix = ix;
    return STANCE_OK;
}

void stance_mindex_free(stance_mindex *ix)
{
    if (!ix)
        return;
    stance_free(ix->pos);
    stance_free(ix->names);
    stance_free(ix->lasts);
    stance_free(ix);
}

/* The first position in ix->pos whose start is >= @p at. */
static size_t first_start(const stance_mindex *ix, size_t at)
{
    return stance_first_at_or_after(ix->pos, ix->n_pos, sizeof *ix->pos, offsetof(stance_mpos, start), at);
}

void stance_mindex_range(const stance_mindex *ix, size_t a, size_t b, size_t *from, size_t *to)
{
    *from = first_start(ix, a > ix->maxlen ? a - ix->maxlen : 0);
    *to = b > a ? first_start(ix, b) : *from;
    if (*to < *from)
        *to = *from;
}

long stance_mindex_name(const stance_mindex *ix, const stance_entityset *ents, const char *name)
{
    size_t lo = 0, hi = ix->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(ents->e[ix->names[mid]].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < ix->n && strcmp(ents->e[ix->names[lo]].name, name) == 0)
        return (long)ix->names[lo];
    return -1;
}

int stance_mindex_last(const stance_mindex *ix, const char *w, size_t len, long *ent)
{
    stance_mword key = {w, len, 0};
    size_t lo = 0, hi = ix->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (word_cmp(&ix->lasts[mid], &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo >= ix->n || ix->lasts[lo].len != len || memcmp(ix->lasts[lo].w, w, len) != 0)
        return 0;
    *ent = (long)ix->lasts[lo].ent;
    if (lo + 1 < ix->n && ix->lasts[lo + 1].len == len && memcmp(ix->lasts[lo + 1].w, w, len) == 0)
        return 2;
    return 1;
}
