/*
 * speakers_epithet.h - epithets that stand for a person the article has
 * named (speakers_desc.c): an age ("the 58-year-old", tied to "Darren Pike,
 * 58,"), "the elder Harcourt" (of two Harcourts, the one the text says is
 * older). For speaker_names.c, which resolves described speakers.
 */
#ifndef STANCE_SPEAKERS_EPITHET_H
#define STANCE_SPEAKERS_EPITHET_H
#include <stddef.h>

#include "names.h"

/* Is t[s, e) an age used as a noun: digits then "-year-old" ("58-year-old")? */
int stance_age_word(const char *t, size_t s, size_t e);
/* Is t[ws, we) the number of the age t[hs, he) ("58" of "58-year-old"), as
 * in the apposition "Darren Pike, 58,"? */
int stance_age_of(const char *t, size_t ws, size_t we, size_t hs, size_t he);
/* "the elder Harcourt" / "the younger Harcourt" (@p sp): of the two people
 * with that surname named before it in runs of two words or more (@p l), the
 * one the text says is older (the other is introduced as a son or daughter,
 * "His son, Julian Harcourt,"; or both have an age, "Desmond Harcourt, 76,")
 * or younger. 1 with [*ns, *ne) that person's name, else 0. */
int stance_elder_named(const stance_namelist *l, const char *t, size_t len, stance_span sp, size_t *ns, size_t *ne);

#endif
