/*
 * actors_merge.c - the caller's actors and the article's others
 * (STANCE_OPT_DISCOVER_OTHERS): with the given actors matched (actors.c,
 * actors_short.c), discovery (actors_discover.c) runs into a set of its own,
 * and each entity it finds joins the given ones unless it is one of them:
 * - its name is a given actor's name, or (one word) a given person's surname
 *   (of several given persons, one the article names);
 * - a name mention of it is written where a given actor's mention is (the
 *   same span, or overlapping it), or writes in full a given person of that
 *   surname and first word ("Donald J. Trump" of "Donald Trump").
 * Such an entity is dropped: the given actor keeps its own mentions (and its
 * input_index, so its side applies), and gains the entity's name mentions no
 * entity has (a Twitter handle, a surname its list left ambiguous).
 * An entity that stays loses the mentions a given actor already has (the
 * caller's list wins a surname both could own), and is dropped when that
 * leaves it none. Two exceptions, where the discovered name is another
 * entity's and the given actor's mention inside it leaves the given actor:
 * a given name with more words after it ("Donald Trump campaign", "Donald
 * Trump Jr."), and another person of a given person's surname named in full
 * ("Melania Trump" beside "Donald Trump"). A given name with words before it
 * only ("Rival Hillary Clinton") stays the given actor's.
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "mentions.h"
#include "sort.h"

/* A mention of a given actor: its span, entity, place among its mentions, kind. */
typedef struct gment {
    size_t start, end, ent, idx;
    int kind;
    int drop; /* inside a kept discovered name ("Melania Trump", "Donald Trump campaign"): leaves the given actor */
} gment;

/* The given actors' mentions, sorted by start (and their longest span). */
typedef struct gindex {
    gment *v;
    size_t n, maxlen;
} gindex;

static int gment_cmp(const void *a, const void *b)
{
    const gment *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

static int gindex_build(const stance_entityset *g, gindex *ix)
{
    size_t n = 0, k = 0;
    memset(ix, 0, sizeof *ix);
    for (size_t e = 0; e < g->n; e++)
        n += g->e[e].n_mentions;
    if (!n)
        return STANCE_OK;
    if (!(ix->v = stance_malloc_array(n, sizeof *ix->v)))
        return STANCE_ERR_NOMEM;
    for (size_t e = 0; e < g->n; e++)
        for (size_t i = 0; i < g->e[e].n_mentions; i++) {
            const stance_span s = g->e[e].mentions[i];
            ix->v[k++] = (gment){s.start, s.end, e, i, g->e[e].kinds[i], 0};
            if (s.end - s.start > ix->maxlen)
                ix->maxlen = s.end - s.start;
        }
    ix->n = n;
    if (n > 1)
        stance_sort_small(ix->v, n, sizeof *ix->v, gment_cmp);
    return STANCE_OK;
}

/* The first given mention that may overlap [s, e): none before it ends after s. */
static size_t gindex_from(const gindex *ix, size_t s)
{
    size_t lo = 0, hi = ix->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ix->v[mid].start + ix->maxlen <= s)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The first word of @p name: its length. */
static size_t first_word(const char *name)
{
    const char *sp = strchr(name, ' ');
    return sp ? (size_t)(sp - name) : strlen(name);
}

/* Verdicts of judge() beside a given actor's index: */
#define OTHER (-1L) /* none of the given actors: it joins them */
#define GIVEN (-2L) /* a given actor, which one unsaid: dropped */

/* Is the discovered name @p d a given actor's name, or (one word) the
 * surname of one? Its index, GIVEN for a surname several given persons
 * share (one of them named in the article), else OTHER: while the article
 * names none of them, the caller's list cannot tell which "Clinton" it is,
 * and the discovered actor stays. */
static long name_given(const stance_entityset *g, const char *d)
{
    const int one = strchr(d, ' ') == NULL;
    const size_t dn = strlen(d);
    size_t shared = 0, named = 0, who = 0;
    for (size_t e = 0; e < g->n; e++) {
        const char *sur;
        size_t n;
        if (strcmp(g->e[e].name, d) == 0)
            return (long)e;
        if (one && (n = stance_actor_surname(g->e[e].name, &sur)) == dn && memcmp(sur, d, n) == 0)
            shared++, named += g->e[e].n_mentions > 0, who = e;
    }
    return shared == 1 ? (long)who : named ? GIVEN : OTHER;
}

/* Is the discovered full name @p d, which holds a given person's surname,
 * that person (@p gname): the same first word? */
static int same_person(const char *d, const char *gname)
{
    const size_t a = first_word(d), b = first_word(gname);
    return a == b && memcmp(d, gname, a) == 0;
}

/* What one discovered entity @p de is beside the given actors: the index of
 * the one it is, or GIVEN (dropped); else OTHER, with keep[i] cleared for
 * each of its mentions a given actor has. */
static long judge(const stance_entityset *g, const gindex *ix, const stance_ent *de, unsigned char *keep)
{
    long who = name_given(g, de->name);
    if (who != OTHER)
        return who;
    for (size_t i = 0; i < de->n_mentions; i++) {
        const stance_span m = de->mentions[i];
        const int name = de->kinds[i] == STANCE_MK_NAME;
        keep[i] = 1;
        for (size_t k = gindex_from(ix, m.start); k < ix->n && ix->v[k].start < m.end; k++) {
            const gment *gm = &ix->v[k];
            const int longer = gm->start >= m.start && gm->end <= m.end && gm->end - gm->start < m.end - m.start;
            if (gm->end <= m.start)
                continue;
            if (!name)
                keep[i] = 0;
            else if (!longer)
                return (long)gm->ent; /* its name is a given actor's name, alias or surname there */
            else if (gm->end < m.end)
                continue; /* more words after it: another entity ("Trump campaign", "Donald Trump Jr."), marked below */
            else if (gm->kind == STANCE_MK_SURNAME && same_person(de->name, g->e[gm->ent].name))
                return (long)gm->ent; /* "Donald J. Trump" */
            else if (gm->kind != STANCE_MK_SURNAME)
                keep[i] = 0; /* a word before a given name ("Rival Hillary Clinton"): the given actor's */
            /* else another person of that surname, named in full ("Melania Trump"): marked below */
        }
    }
    return OTHER;
}

/* The given mentions inside the name mentions of the kept entity @p de
 * (judge() left it only those: a surname of another person, a name that
 * more words follow): marked to leave. */
static void mark_inside(gindex *ix, const stance_ent *de)
{
    for (size_t i = 0; i < de->n_mentions; i++) {
        const stance_span m = de->mentions[i];
        if (de->kinds[i] != STANCE_MK_NAME)
            continue;
        for (size_t k = gindex_from(ix, m.start); k < ix->n && ix->v[k].start < m.end; k++)
            if (ix->v[k].end > m.start)
                ix->v[k].drop = 1;
    }
}

/* Keep the mentions of @p e whose keep[i] is set (in place, text order kept). */
static void keep_mentions(stance_ent *e, const unsigned char *keep)
{
    size_t w = 0;
    for (size_t i = 0; i < e->n_mentions; i++)
        if (keep[i]) {
            e->mentions[w] = e->mentions[i];
            e->kinds[w] = e->kinds[i];
            e->rules[w++] = e->rules[i];
        }
    e->n_mentions = w;
}

/* Remove the marked given mentions from their entities (@p keep has room for the longest list). */
static void drop_marked(stance_entityset *g, const gindex *ix, unsigned char *keep)
{
    for (size_t e = 0; e < g->n; e++) {
        int any = 0;
        memset(keep, 1, g->e[e].n_mentions);
        for (size_t k = 0; k < ix->n; k++)
            if (ix->v[k].drop && ix->v[k].ent == e)
                keep[ix->v[k].idx] = 0, any = 1;
        if (any)
            keep_mentions(&g->e[e], keep);
    }
}

/* A name mention of a dropped discovered entity that its given actor lacks
 * (a Twitter handle, an acronym, a surname the caller's list left
 * ambiguous): added to it once the marked mentions are gone. */
typedef struct madd {
    size_t ent;
    stance_span sp;
    unsigned char kind, rule;
} madd;

typedef struct maddlist {
    madd *v;
    size_t n, cap;
} maddlist;

/* The name mentions of @p de no given actor has, onto @p l for entity @p ent. */
static int note_adds(const gindex *ix, const stance_ent *de, size_t ent, maddlist *l)
{
    for (size_t i = 0; i < de->n_mentions; i++) {
        const stance_span m = de->mentions[i];
        size_t k = gindex_from(ix, m.start);
        if (de->kinds[i] > STANCE_MK_SURNAME)
            continue;
        while (k < ix->n && ix->v[k].start < m.end && ix->v[k].end <= m.start)
            k++;
        if (k < ix->n && ix->v[k].start < m.end)
            continue; /* a given actor's already */
        if (stance_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v))
            return STANCE_ERR_NOMEM;
        l->v[l->n++] = (madd){ent, m, de->kinds[i], de->rules[i]};
    }
    return STANCE_OK;
}

/* Does a mention of an entity of @p out overlap @p m? */
static int claimed(const stance_entityset *out, stance_span m)
{
    for (size_t e = 0; e < out->n; e++)
        for (size_t i = 0; i < out->e[e].n_mentions; i++)
            if (out->e[e].mentions[i].end > m.start && out->e[e].mentions[i].start < m.end)
                return 1;
    return 0;
}

/* Add the noted mentions to their given actors, each where no mention of an
 * entity is (discovery may give one span to two of its entities: the one
 * that stays keeps it). */
static int apply_adds(stance_entityset *out, const maddlist *l)
{
    for (size_t a = 0; a < l->n; a++)
        if (!claimed(out, l->v[a].sp) &&
            stance_ent_insert_mention(&out->e[l->v[a].ent], l->v[a].sp, l->v[a].kind, l->v[a].rule))
            return STANCE_ERR_NOMEM;
    return STANCE_OK;
}

/* Move the discovered entities of @p d that are none of the given actors
 * out->e[0, n_given) onto the end of @p out. */
static int merge_others(stance_entityset *out, stance_entityset *d)
{
    gindex ix;
    maddlist adds = {NULL, 0, 0};
    unsigned char *keep = NULL;
    size_t most = 0, n_given = out->n;
    int marked = 0, rc = STANCE_ERR_NOMEM;
    for (size_t i = 0; i < d->n; i++)
        most = d->e[i].n_mentions > most ? d->e[i].n_mentions : most;
    for (size_t i = 0; i < out->n; i++)
        most = out->e[i].n_mentions > most ? out->e[i].n_mentions : most;
    if (gindex_build(out, &ix) || (most && !(keep = stance_malloc(most))))
        goto done;
    for (size_t i = 0; i < d->n; i++) {
        stance_ent *de = &d->e[i];
        const size_t had = de->n_mentions;
        const long who = judge(out, &ix, de, keep);
        if (who >= 0 && note_adds(&ix, de, (size_t)who, &adds))
            goto done;
        if (who != OTHER)
            continue;
        keep_mentions(de, keep);
        if (had && !de->n_mentions)
            continue;
        if (stance_grow((void **)&out->e, &out->cap, out->n + 1, sizeof *out->e))
            goto done;
        out->e[out->n++] = *de;
        memset(de, 0, sizeof *de); /* (released with the set's array, not twice) */
        mark_inside(&ix, &out->e[out->n - 1]);
        marked = 1;
    }
    if (marked) {
        stance_entityset given = {out->e, n_given, n_given, NULL, NULL, 0};
        drop_marked(&given, &ix, keep);
    }
    if (apply_adds(out, &adds))
        goto done;
    rc = STANCE_OK;
done:
    stance_free(adds.v);
    stance_free(ix.v);
    stance_free(keep);
    return rc;
}

int stance_actors_discover_others(const stance_quotelist *quotes, const char *text, size_t len,
                                  stance_entityset *out, stance_error *err)
{
    stance_entityset d = {NULL, 0, 0, NULL, NULL, 0};
    int rc = stance_actors_discover(quotes, text, len, &d, err);
    if (!rc && merge_others(out, &d))
        rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    stance_entityset_clear(&d);
    return rc;
}
