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

void stance_mpos_sort(stance_mpos *pos, size_t n, size_t n_ents, uint64_t *keys)
{
    size_t most = 0;
    unsigned eb = stance_bits_for(n_ents), sb;
    uint64_t emask = eb ? UINT64_MAX >> (64 - eb) : 0;
    if (n < 2)
        return;
    for (size_t i = 0; i < n; i++)
        most = pos[i].start > most ? pos[i].start : most;
    sb = stance_bits_for(most);
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


/* Entity @p ent named @p nm as the index sorts it: its key and its last word. */
static void name_entry(name_key *key, stance_mword *last, size_t ent, const char *nm)
{
    *key = (name_key){ent, nm};
    last->w = stance_last_word(nm, strlen(nm), &last->len);
    last->ent = ent;
}

/* Both orders of @p n entries: names (name_cmp()) and last words (word_cmp()). */
static void sort_entries(name_key *keys, stance_mword *lasts, size_t n)
{
    stance_sort_small(keys, n, sizeof *keys, name_cmp);
    stance_sort_small(lasts, n, sizeof *lasts, word_cmp);
}

int stance_mindex_presort(stance_mindex_pre *pre, const char *const *names, size_t n)
{
    name_key *keys = stance_malloc_array(n, sizeof *keys);
    stance_mword *lasts = stance_malloc_array(n, sizeof *lasts);
    memset(pre, 0, sizeof *pre);
    pre->names = names;
    pre->n = n;
    if (!keys || !lasts || !(pre->by_name = stance_malloc_array(n, sizeof *pre->by_name)) ||
        !(pre->by_last = stance_malloc_array(n, sizeof *pre->by_last)) ||
        !(pre->last_off = stance_malloc_array(n, sizeof *pre->last_off)) ||
        !(pre->last_len = stance_malloc_array(n, sizeof *pre->last_len))) {
        stance_free(keys);
        stance_free(lasts);
        stance_mindex_pre_free(pre);
        return STANCE_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        name_entry(&keys[i], &lasts[i], i, names[i]);
        pre->last_off[i] = (size_t)(lasts[i].w - names[i]);
        pre->last_len[i] = lasts[i].len;
    }
    sort_entries(keys, lasts, n);
    for (size_t i = 0; i < n; i++)
        pre->by_name[i] = keys[i].ent, pre->by_last[i] = lasts[i].ent;
    stance_free(keys);
    stance_free(lasts);
    return STANCE_OK;
}

void stance_mindex_pre_free(stance_mindex_pre *pre)
{
    stance_free(pre->by_name);
    stance_free(pre->by_last);
    stance_free(pre->last_off);
    stance_free(pre->last_len);
    memset(pre, 0, sizeof *pre);
}

/* Do entities [base, base + pre->n) of @p ents still hold the set's names, in order? */
static int pre_fits(const stance_entityset *ents)
{
    const stance_mindex_pre *pre = ents->pre;
    if (!pre || !pre->n || ents->pre_base > ents->n || ents->n - ents->pre_base < pre->n)
        return 0;
    for (size_t a = 0; a < pre->n; a++) {
        const stance_ent *e = &ents->e[ents->pre_base + a];
        if (e->facts_of != pre->names[a] || !stance_ent_has_facts(e))
            return 0;
    }
    return 1;
}

/* build_names() with the set's presorted names: sort the other entities, merge the two
 * (both orders are strict, the entity index last, so the merge is the full sort's). */
static void build_names_pre(stance_mindex *ix, const stance_entityset *ents, name_key *keys)
{
    const stance_mindex_pre *pre = ents->pre;
    size_t base = ents->pre_base, no = 0, i, j, k;
    stance_mword *ol;
    for (i = 0; i < ents->n; i++)
        if (i < base || i >= base + pre->n) {
            name_entry(&keys[no], &ix->lasts[no], i, ents->e[i].name);
            no++;
        }
    sort_entries(keys, ix->lasts, no);
    for (i = j = k = 0; k < ents->n; k++) { /* names: keys[i..no) and the set's j..pre->n */
        name_key p = {0, NULL};
        if (j < pre->n)
            p = (name_key){base + pre->by_name[j], ents->e[base + pre->by_name[j]].name};
        ix->names[k] = j < pre->n && (i >= no || name_cmp(&p, &keys[i]) < 0) ? (j++, p.ent) : keys[i++].ent;
    }
    ol = ix->lasts + (ents->n - no); /* the others' lasts moved to the end, merged into the front */
    memmove(ol, ix->lasts, no * sizeof *ol);
    for (i = j = k = 0; k < ents->n; k++) {
        stance_mword p = {NULL, 0, 0};
        if (j < pre->n) {
            size_t a = pre->by_last[j];
            p = (stance_mword){ents->e[base + a].name + pre->last_off[a], pre->last_len[a], base + a};
        }
        ix->lasts[k] = j < pre->n && (i >= no || word_cmp(&p, &ol[i]) < 0) ? (j++, p) : ol[i++];
    }
}

static int build_names(stance_mindex *ix, const stance_entityset *ents)
{
    name_key *keys = stance_malloc_array(ents->n, sizeof *keys);
    if (!keys || !(ix->names = stance_malloc_array(ents->n, sizeof *ix->names)) ||
        !(ix->lasts = stance_malloc_array(ents->n, sizeof *ix->lasts))) {
        stance_free(keys);
        return STANCE_ERR_NOMEM;
    }
    if (pre_fits(ents)) {
        build_names_pre(ix, ents, keys);
        stance_free(keys);
        return STANCE_OK;
    }
    for (size_t i = 0; i < ents->n; i++)
        name_entry(&keys[i], &ix->lasts[i], i, ents->e[i].name);
    sort_entries(keys, ix->lasts, ents->n);
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
    ix->by_start = 1;
    for (size_t i = 0; i < ents->n; i++)
        for (size_t j = 0; j < ents->e[i].n_mentions; j++) {
            stance_span m = ents->e[i].mentions[j];
            if (j && m.start < ents->e[i].mentions[j - 1].start)
                ix->by_start = 0;
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
