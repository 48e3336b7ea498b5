/*
 * actors.h - actor mentions: the caller's actors (name + aliases, surname-only
 * mentions, possessives, word boundaries) or, with none given, actors
 * discovered from the speakers and capitalised names of the text.
 */
#ifndef STANCE_ACTORS_H
#define STANCE_ACTORS_H
#include "mentions.h"
#include "quotes.h"

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
} stance_ent;

typedef struct stance_entityset {
    stance_ent *e;
    size_t n, cap;
} stance_entityset;

/* Find every mention of the caller's actors. @p flags: STANCE_OPT_ACTORS_CASELESS. */
int stance_actors_match(const stance_actor *actors, size_t n_actors, const char *text, size_t len, unsigned flags,
                        stance_entityset *out, stance_error *err);
/* Discover actors from speakers and capitalised name sequences. */
int stance_actors_discover(const stance_quotelist *quotes, const char *text, size_t len, stance_entityset *out,
                           stance_error *err);
void stance_entityset_clear(stance_entityset *s);
#endif
