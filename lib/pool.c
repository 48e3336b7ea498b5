/*
 * pool.c - a speaker's stance toward an actor, pooled over the text.
 *
 * Within one article a speaker's quotes about one actor nearly always carry
 * the same stance, while the stance head scores each (quote, actor) pair alone
 * with errors that are partly independent. So after every quote is scored,
 * each linked stance of a group (same actor, same speaker surname) of two or
 * more becomes log p'(l) = log p(l) + w Σ_others log p_j(l) + c: each other
 * quote counts with weight w. Log-linear pooling commutes with the heads'
 * temperature (a tempered log-probability is the untempered one over T, plus a
 * constant), so pooling tempered probabilities is tempering pooled ones.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "linear.h"
#include "pool.h"

static int fold(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int key_cmp(const stance_pool_item *x, const stance_pool_item *y)
{
    size_t n = x->key_len < y->key_len ? x->key_len : y->key_len;
    for (size_t i = 0; i < n; i++) {
        int a = fold((unsigned char)x->key[i]), b = fold((unsigned char)y->key[i]);
        if (a != b)
            return a < b ? -1 : 1;
    }
    return x->key_len < y->key_len ? -1 : x->key_len > y->key_len;
}

static int item_cmp(const void *a, const void *b)
{
    const stance_pool_item *x = a, *y = b;
    int k;
    if (x->entity != y->entity)
        return x->entity < y->entity ? -1 : 1;
    if ((k = key_cmp(x, y)))
        return k;
    return x->order < y->order ? -1 : x->order > y->order;
}

static double safe_log(double p)
{
    return log(p > 1e-12 ? p : 1e-12);
}

/* Pool the group items[0, n) (n >= 2, one head: the same labels) with the
 * sums of their log-probabilities in sum[0, L). */
static int pool_group(stance_pool_item *g, size_t n, stance_arena *arena, double *sum)
{
    size_t nl = g[0].d->n_labels;
    for (size_t l = 0; l < nl; l++)
        sum[l] = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t l = 0; l < nl; l++)
            sum[l] += safe_log(g[i].d->probs[l]);
    for (size_t i = 0; i < n; i++) {
        stance_decision *d = g[i].d;
        double *p = stance_arena_alloc(arena, nl, sizeof *p), z = 0, top = -HUGE_VAL;
        if (!p)
            return STANCE_ERR_NOMEM;
        /* (1 - w) log p_i + w Σ_all = log p_i + w Σ_others */
        for (size_t l = 0; l < nl; l++) {
            p[l] = (1 - STANCE_POOL_WEIGHT) * safe_log(d->probs[l]) + STANCE_POOL_WEIGHT * sum[l];
            if (p[l] > top)
                top = p[l];
        }
        for (size_t l = 0; l < nl; l++)
            z += p[l] = exp(p[l] - top);
        for (size_t l = 0; l < nl; l++)
            p[l] /= z;
        *g[i].own = d->probs;
        *g[i].n_others = n - 1;
        d->probs = p;
        stance_decision_pick(d);
    }
    return STANCE_OK;
}

int stance_pool_stances(stance_pool_item *items, size_t n, stance_arena *arena, double **tmp, size_t *tmp_cap)
{
    for (size_t i = 0; i < n; i++) {
        stance_pool_item *it = &items[i];
        it->key_len = stance_actor_surname(it->speaker, &it->key);
        if (!it->key_len) {
            it->key = it->speaker;
            it->key_len = strlen(it->speaker);
        }
    }
    if (n > 1)
        qsort(items, n, sizeof *items, item_cmp);
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && items[j].entity == items[i].entity && !key_cmp(&items[i], &items[j]); j++)
            ;
        if (j - i < 2 || !items[i].d->n_labels)
            continue;
        if (stance_grow((void **)tmp, tmp_cap, items[i].d->n_labels, sizeof **tmp) ||
            pool_group(items + i, j - i, arena, *tmp))
            return STANCE_ERR_NOMEM;
    }
    return STANCE_OK;
}
