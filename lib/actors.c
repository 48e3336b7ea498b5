/*
 * actors.c - actor mention matching.
 *
 * First revision: exact, case-sensitive matches of names and aliases at word
 * boundaries, plus the last word of a multi-word name (surname); discovery
 * groups speakers by surname. The quotes issue extends this.
 */
#include "config.h"

#include <string.h>

#include "actors.h"

#define IS_WORD(c) ((c) >= 0x80 || ((c) >= '0' && (c) <= '9') || ((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))

void stance_entityset_clear(stance_entityset *s)
{
    for (size_t i = 0; i < s->n; i++) {
        stance_free(s->e[i].name);
        stance_free(s->e[i].mentions);
    }
    stance_free(s->e);
    memset(s, 0, sizeof *s);
}

static int add_mention(stance_ent *e, size_t start, size_t end)
{
    for (size_t i = 0; i < e->n_mentions; i++)
        if (e->mentions[i].start < end && start < e->mentions[i].end)
            return STANCE_OK; /* overlapping a longer form already found */
    if (stance_grow((void **)&e->mentions, &e->cap, e->n_mentions + 1, sizeof *e->mentions))
        return STANCE_ERR_NOMEM;
    e->mentions[e->n_mentions++] = (stance_span){start, end};
    return STANCE_OK;
}

static int find_all(stance_ent *e, const char *text, size_t len, const char *needle, size_t nlen)
{
    size_t i = 0;
    if (nlen == 0)
        return STANCE_OK;
    while (i + nlen <= len) {
        const char *hit = memmem(text + i, len - i, needle, nlen);
        size_t s, t;
        if (!hit)
            break;
        s = (size_t)(hit - text);
        t = s + nlen;
        if ((s == 0 || !IS_WORD((unsigned char)text[s - 1])) && (t == len || !IS_WORD((unsigned char)text[t])))
            if (add_mention(e, s, t))
                return STANCE_ERR_NOMEM;
        i = s + 1;
    }
    return STANCE_OK;
}

static int span_cmp(const void *a, const void *b)
{
    const stance_span *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

static int new_ent(stance_entityset *out, const char *name, size_t nlen, int discovered, int index)
{
    stance_ent *e;
    if (stance_grow((void **)&out->e, &out->cap, out->n + 1, sizeof *out->e))
        return STANCE_ERR_NOMEM;
    e = &out->e[out->n];
    memset(e, 0, sizeof *e);
    if (!(e->name = stance_strndup(name, nlen)))
        return STANCE_ERR_NOMEM;
    e->discovered = discovered;
    e->input_index = index;
    out->n++;
    return STANCE_OK;
}

int stance_actors_match(const stance_actor *actors, size_t n_actors, const char *text, size_t len, unsigned flags,
                        stance_entityset *out, stance_error *err)
{
    (void)flags;
    for (size_t a = 0; a < n_actors; a++) {
        stance_ent *e;
        const char *sur;
        if (new_ent(out, actors[a].name, strlen(actors[a].name), 0, (int)a))
            goto nomem;
        e = &out->e[out->n - 1];
        if (find_all(e, text, len, actors[a].name, strlen(actors[a].name)))
            goto nomem;
        for (size_t k = 0; k < actors[a].n_aliases; k++)
            if (find_all(e, text, len, actors[a].aliases[k], strlen(actors[a].aliases[k])))
                goto nomem;
        sur = strrchr(actors[a].name, ' ');
        if (sur && find_all(e, text, len, sur + 1, strlen(sur + 1)))
            goto nomem;
        if (e->n_mentions > 1)
            qsort(e->mentions, e->n_mentions, sizeof *e->mentions, span_cmp);
    }
    return STANCE_OK;
nomem:
    return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
}

int stance_actors_discover(const stance_quotelist *quotes, const char *text, size_t len, stance_entityset *out,
                           stance_error *err)
{
    for (size_t i = 0; i < quotes->n; i++) {
        const char *sp = quotes->q[i].speaker;
        size_t k;
        if (!sp)
            continue;
        for (k = 0; k < out->n; k++)
            if (strcmp(out->e[k].name, sp) == 0)
                break;
        if (k < out->n)
            continue;
        if (new_ent(out, sp, strlen(sp), 1, -1))
            goto nomem;
        {
            stance_ent *e = &out->e[out->n - 1];
            const char *sur = strrchr(sp, ' ');
            if (find_all(e, text, len, sp, strlen(sp)))
                goto nomem;
            if (sur && find_all(e, text, len, sur + 1, strlen(sur + 1)))
                goto nomem;
            if (e->n_mentions > 1)
                qsort(e->mentions, e->n_mentions, sizeof *e->mentions, span_cmp);
        }
    }
    return STANCE_OK;
nomem:
    return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
}
