/*
 * actors.h - actor mentions: the caller's actors (name + aliases, surname-only
 * mentions, possessives, word boundaries) or, with none given, actors
 * discovered from the speakers and capitalised names of the text.
 */
#ifndef STANCE_ACTORS_H
#define STANCE_ACTORS_H
#include <string.h>
#include "mentions.h"
#include "mindex.h"
#include "quotes.h"

/* What a name alone says, for the mention stages (stance_name_facts_of()): a
 * compiled actor set works it out once per name, not once per article. */
typedef struct stance_name_facts {
    signed char person; /* stance_mentions_name_person(): 1, -1 */
    unsigned kind;      /* stance_org_name_kind() */
    long head;          /* stance_mentions_head_facts(): the head's offset in the name, -1 for none */
    size_t hl;          /* its length */
    int head_org;       /* its HEAD_* bits */
} stance_name_facts;

typedef struct stance_ent {
    char *name;            /* canonical name */
    int discovered;
    int input_index;       /* index into the caller's actors, or -1 */
    stance_span *mentions; /* names, aliases, surnames in text order (the public entity mentions) */
    unsigned char *kinds;  /* STANCE_MK_* of each of those */
    unsigned char *rules;  /* STANCE_MR_* of each of those */
    size_t n_mentions, cap, kcap, rcap;
    stance_mention *more;  /* titles, epithets, pronouns, speaker-self (mentions.c), in text order */
    size_t n_more, more_cap;
    int gender;            /* STANCE_G_* from the article (mentions.c) */
    int nonperson;         /* the article writes "X, which", "X and its" (mentions.c): no he/she */
    int place;             /* an actor named as a place (mentions_org.c; a discovered one also "in the U.S."): no he/she, no they */
    signed char name_person; /* stance_mentions_name_person(name), set by stance_mentions_find(): 1, -1; 0 not known */
    /* facts of the name a compiled set computed once (stance_actors_match_set()), good while name is facts_of */
    const char *facts_of;     /* the set's copy of the name, or NULL */
    stance_name_facts facts;
} stance_ent;

/* Are @p e's facts_* those of its name (a set's actor whose name nothing changed)? */
static inline int stance_ent_has_facts(const stance_ent *e)
{
    return e->facts_of && strcmp(e->facts_of, e->name) == 0;
}

typedef struct stance_entityset {
    stance_ent *e;
    size_t n, cap;
    stance_mindex *ix; /* the name-mention index (mindex.h), built by stance_mentions_find(), or NULL */
    const stance_mindex_pre *pre; /* the matched set's presorted names (its entities pre_base..), or NULL */
    size_t pre_base;
} stance_entityset;

/* A compiled actor list (struct stance_actorset, public as an opaque handle):
 * built once, immutable, read by any number of threads. The actors must have
 * been checked (names non-empty and valid UTF-8, aliases non-NULL). */
int stance_actorset_build(const stance_actor *actors, size_t n_actors, unsigned flags, stance_actorset **out,
                          stance_error *err);
void stance_actorset_destroy(stance_actorset *set);
/* @p s without the ASCII white space around it (its length in *@p n): a name or
 * alias ("Corvane Energy " from "-a 'Corvane Energy | Corvane'") is matched and
 * reported as the words it holds, and a side label (sides.c) compared so. */
const char *stance_trimmed(const char *s, size_t *n);
/* What @p name (@p n bytes, NUL-terminated) alone says (stance_name_facts). */
void stance_name_facts_of(const char *name, size_t n, stance_name_facts *f);
size_t stance_actorset_size(const stance_actorset *set);
/* The flags it was compiled with: STANCE_OPT_ACTORS_CASELESS or 0. */
unsigned stance_actorset_flags(const stance_actorset *set);
/* Find every mention of the set's actors; entities are appended in the set's order. */
int stance_actors_match_set(const stance_actorset *set, const char *text, size_t len, stance_entityset *out,
                            stance_error *err);
/* The convenience path: build a set for this call, match, free it. @p flags: STANCE_OPT_ACTORS_CASELESS. */
int stance_actors_match(const stance_actor *actors, size_t n_actors, const char *text, size_t len, unsigned flags,
                        stance_entityset *out, stance_error *err);
/* Discover actors from speakers and capitalised name sequences. */
int stance_actors_discover(const stance_quotelist *quotes, const char *text, size_t len, stance_entityset *out,
                           stance_error *err);
/* actors_merge.c (STANCE_OPT_DISCOVER_OTHERS): discover the article's actors
 * into a set of their own and append to @p out (the given actors, matched)
 * those that are none of them (input_index -1, discovered). */
int stance_actors_discover_others(const stance_quotelist *quotes, const char *text, size_t len,
                                  stance_entityset *out, stance_error *err);
void stance_entityset_clear(stance_entityset *s);
/* Append a mention to @p e (ignored when it overlaps the last one). */
int stance_ent_add_mention(stance_ent *e, size_t start, size_t end, int kind, int rule);
/* Append a new entity named name[0, nlen) to @p out. */
int stance_ent_new(stance_entityset *out, const char *name, size_t nlen, int discovered, int index);
/* Insert a name mention into @p e, keeping its mentions in text order. */
int stance_ent_insert_mention(stance_ent *e, stance_span m, int kind, int rule);
/* An alias mention to add: entity out->e[ent], its span, its rule (STANCE_MR_*). */
typedef struct stance_ent_add {
    size_t ent;
    stance_span sp;
    int rule;
} stance_ent_add;
/* actors_short.c: merge the additions ad[0, na), each entity's in text
 * order, into their entities' mentions (kind alias), keeping text order. */
int stance_ents_merge_adds(stance_entityset *out, const stance_ent_add *ad, size_t na);
/* actors_short.c: the short forms of the passed actors out->e[base ..] the
 * article supports: a first name alone, an organisation's leading words
 * (rules "first-name", "short-form"), added to their name mentions. */
int stance_actors_short_forms(const stance_quotelist *quotes, const char *text, size_t len, stance_entityset *out,
                              size_t base);
/* actors_short.c: the short forms of out->e[base ..] among the runs of @p l
 * (@p passed: the caller's actors; else discovered ones, where an entity of a
 * first name alone is folded into the one it leads). STANCE_ERR_NOMEM or STANCE_OK. */
int stance_actors_short_add(const stance_namelist *l, const char *text, size_t len, stance_entityset *out, size_t base,
                            int passed);

/* actors_parts.c: each discovered person's surname and each other discovered
 * entity's name, wherever the text writes it as a word no mention covers (a
 * caller's actor is matched so): a mention of it, unless two share the key
 * or, for a surname, another listed first name stands right before it. */
int stance_actors_name_search(const char *text, size_t len, stance_entityset *out, size_t base);

/* ---- what actors_discover.c and actors_short.c both read ---- */

/* Is the last word of run @p a the n bytes at @p s? */
static inline int stance_name_last_is(const char *t, const stance_name *a, const char *s, size_t n)
{
    return a->last_end - a->last == n && memcmp(t + a->last, s, n) == 0;
}
/* The first place in l->by_last of the runs whose last word is w[0, n), or l->n. */
size_t stance_actors_by_last_find(const stance_namelist *l, const char *t, const char *w, size_t n);
/* The length of the listed first name that opens run @p nm of two words or more, or 0. */
size_t stance_actors_first_name_len(const char *t, const stance_name *nm);
/* Is w[0, n) (lowercase) an ordinary word: one the lexicon knows, or one @p t
 * writes after a space? */
int stance_actors_ordinary_word(const char *t, size_t len, const char *w, size_t n);
/* actors_handles.c: the Twitter handles in @p text that name one of the
 * entities out->e[base ..], each added to it as an alias mention. */
int stance_actors_handle_mentions(const char *text, size_t len, stance_entityset *out, size_t base);
/* actors_handles.c: "Northern Isles Ferry Company (NIFC)": every "NIFC" of
 * @p text an alias mention of the entity out->e[i >= base] so defined; a
 * discovered entity of that name is removed (merged into it). */
int stance_actors_acronym_mentions(const char *text, size_t len, stance_entityset *out, size_t base);
/* Acronyms (actors_handles.c; also actors_discover.c's acronym actors): at most
 * STANCE_ACRO_MAX capitals A-Z. */
#define STANCE_ACRO_MAX 6
/* The key of an acronym of 1 to STANCE_ACRO_MAX capitals a[0, n) (never 0). */
uint32_t stance_acro_key(const char *a, size_t n);
/* The length of @p name when the whole name is an acronym of @p min to
 * STANCE_ACRO_MAX capitals, else 0. */
size_t stance_acronym_len(const char *name, size_t min);
/* Append the initials of the capitalised words of s[0, n) (a word starts at
 * s or after a space) to out[*k] (STANCE_ACRO_MAX bytes); 0 when there
 * would be more than STANCE_ACRO_MAX, 1 otherwise. */
int stance_initials_add(const char *s, size_t n, char *out, size_t *k);
/* Free one entity's name and mention arrays and zero it (stance_entityset_clear
 * frees what is left; stance_classify releases each one once it is copied). */
void stance_ent_release(stance_ent *e);
/* The last space-separated word of s[0, n), trailing spaces skipped; *wl its length
 * (mentions and the mention index key names and speakers by it). */
const char *stance_last_word(const char *s, size_t n, size_t *wl);
/* The surname of a multi-word name (its last word, not "Jr.", "Sr.", "II",
 * "III", at least two bytes): its length, the word in *out; 0 if none. The
 * one definition a caller's actor and a discovered person are matched by. */
size_t stance_actor_surname(const char *name, const char **out);
/* Is the word right before @p pos a definite determiner or a possessive ("the
 * campaign", "our campaign", "Clinton's campaign")? */
int stance_actor_definite_before(const char *t, size_t pos);
/* A surname s[0, n) and whose it is (a caller's actor, or a discovered entity),
 * in the tables of surnames actors.c and actors_parts.c sort to find the ones
 * several share; stance_surname_key_cmp() orders them by stance_len_order() of
 * the surname, then by whose. */
typedef struct stance_surname_key {
    const char *s;
    size_t n, who;
} stance_surname_key;
int stance_surname_key_cmp(const void *a, const void *b);
#endif
