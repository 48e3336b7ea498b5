/*
 * mindex.h - a per-document index over the entities' name mentions (names,
 * aliases, surnames: stance_ent.mentions) and their names, so that finding
 * the actor behind a quote's speaker span, its principal ("Clinton's
 * director") or a speaker's name costs a search, not a pass over every
 * entity. Built by stance_mentions_find() once the name mentions are final;
 * freed with the entity set. Without it (an entity set nobody indexed), the
 * callers fall back to the pass over every entity, with the same answers.
 */
#ifndef STANCE_MINDEX_H
#define STANCE_MINDEX_H
#include <stddef.h>
#include <stdint.h>

struct stance_entityset;

typedef struct stance_mpos {
    size_t start, ent; /* where a name mention of entity ent starts (its end: the entity's own list) */
} stance_mpos;

typedef struct stance_mword {
    const char *w; /* an entity's last word (inside its name), for the surname match */
    size_t len, ent;
} stance_mword;

typedef struct stance_mindex {
    stance_mpos *pos;  /* every name mention, by start, then entity */
    size_t n_pos;
    size_t maxlen;     /* the longest mention: those overlapping [a, b) start in [a - maxlen, b) */
    size_t *names;     /* entity indices by name (strcmp), then index */
    stance_mword *lasts; /* last words by bytes, then entity index */
    size_t n;          /* entities indexed */
    int by_start;      /* every entity's own mentions are in order of start (a search may find them) */
} stance_mindex;

/* Sort @p n positions by start, then entity (each entity < @p n_ents): one
 * stance_sort_u64() of (start << bits of n_ents | entity) keys in @p keys
 * (n words, the caller's), with @p pos's own storage (2n words) as its
 * scratch; qsort when such keys would not fit 64 bits. */
void stance_mpos_sort(stance_mpos *pos, size_t n, size_t n_ents, uint64_t *keys);

/* A compiled actor set's names in the index's orders, sorted once (stance_mindex_presort()):
 * the set's actors a = 0..n, entities base + a of a set matched by stance_actors_match_set(). */
typedef struct stance_mindex_pre {
    const char *const *names; /* the set's names (stance_ent.facts_of) */
    size_t n;
    size_t *by_name;  /* actor indices by name (strcmp), then index */
    size_t *by_last;  /* actor indices by last word (bytes), then index */
    size_t *last_off, *last_len; /* each name's last word (stance_last_word()) */
} stance_mindex_pre;

/* Fill @p pre for @p names[0, n) (the caller keeps them). STANCE_OK or STANCE_ERR_NOMEM. */
int stance_mindex_presort(stance_mindex_pre *pre, const char *const *names, size_t n);
void stance_mindex_pre_free(stance_mindex_pre *pre);

/* Index @p ents (replacing an older index). STANCE_OK or STANCE_ERR_NOMEM. */
int stance_mindex_build(struct stance_entityset *ents);
void stance_mindex_free(stance_mindex *ix);
/* The positions [*from, *to) in ix->pos of the mentions that may overlap [a, b). */
void stance_mindex_range(const stance_mindex *ix, size_t a, size_t b, size_t *from, size_t *to);
/* The lowest entity index whose name is @p name, or -1. */
long stance_mindex_name(const stance_mindex *ix, const struct stance_entityset *ents, const char *name);
/* How many entities' last word is [w, w + len) (0, 1 or 2 for "more than one"); *ent: the first. */
int stance_mindex_last(const stance_mindex *ix, const char *w, size_t len, long *ent);
#endif
