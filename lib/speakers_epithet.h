/*
 * speakers_epithet.h - epithets that stand for a person the article has
 * named (speakers_desc.c): an age ("the 58-year-old", tied to "Darren Pike,
 * 58,"). For speaker_names.c, which resolves described speakers.
 */
#ifndef STANCE_SPEAKERS_EPITHET_H
#define STANCE_SPEAKERS_EPITHET_H
#include <stddef.h>

/* Is t[s, e) an age used as a noun: digits then "-year-old" ("58-year-old")? */
int stance_age_word(const char *t, size_t s, size_t e);
/* Is t[ws, we) the number of the age t[hs, he) ("58" of "58-year-old"), as
 * in the apposition "Darren Pike, 58,"? */
int stance_age_of(const char *t, size_t ws, size_t we, size_t hs, size_t he);

#endif
