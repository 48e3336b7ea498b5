/*
 * names_org.h - organisations' names over the name runs of names.c: where
 * one starts when names.c read its first words as a person's titles ("The
 * State Department": bare "Department"), and whether a run so named speaks.
 * Read by actor discovery (actors_discover.c); and where the name of a
 * speaker that ends an organisation's name begins (speaker_form.c), and the
 * discovered organisation such a speaker names (stance_org_speaker_names()).
 */
#ifndef STANCE_NAMES_ORG_H
#define STANCE_NAMES_ORG_H
#include "actors.h"
#include "names.h"
#include "quotes.h"

/* Where the name of an organisation starts when names.c read its adjective as
 * a title ("Democratic Party", "Supreme Court", "The State Department",
 * "Democratic National Committee": bare is the name without it, which would
 * put every party in one group): the run's first word that is not a function
 * word; nm->bare for any other run. @p org_last: the lexicon's ORG_LAST rule
 * for the run's last word. */
size_t stance_org_start(const char *t, const stance_name *nm, int org_last);

/* ol[k]: does the lexicon's ORG_LAST rule hold for the last word of run k of
 * @p l? Looked up once a surname (by_last keeps the runs of one surname
 * together). */
void stance_org_lasts(const stance_namelist *l, const char *text, unsigned char *ol);

/* Does run @p nm, whose organisation's name starts at @p s (stance_org_start()),
 * speak: is it the attributing mention of a quote of @p quotes, whose speaker
 * span starts at @p s or at the article right before it and covers the run
 * ("The State Department said", "the Supreme Court ruled")? */
int stance_org_run_speaks(const stance_quotelist *quotes, const char *t, const stance_name *nm, size_t s);

/* Where the organisation's name that the name written at t[s...] ends begins
 * ("U.S. Court of Appeals for the 3rd Circuit" for "Circuit", "Department of
 * Health and Human Services" for "Human Services"): back from @p s over
 * capitalised words, ordinals in digits ("3rd") and "of", "for", "the",
 * "and", up to ORG_BACK_WORDS words, no comma, colon or quote mark between,
 * to a capitalised organisation's word (the lexicon's ORG_LAST: "Court",
 * "Department") right before "of" or "for", then over the capitalised words
 * right before that word but a function word ("The"). @p s when there is none. */
#define ORG_BACK_WORDS 10
size_t stance_org_name_back(const char *t, size_t s);

/* A discovered organisation (out->e[base ..]) named by the end of its name
 * ("Circuit", "Human Services": its last word an ORG_LAST word) that the text
 * names only where it speaks, as the end of one longer speaker's name
 * (stance_org_name_back(): "U.S. Court of Appeals for the 3rd Circuit"),
 * takes that name, unless another entity has it. STANCE_ERR_NOMEM or
 * STANCE_OK. */
int stance_org_speaker_names(const stance_quotelist *quotes, const char *text, stance_entityset *out, size_t base);
#endif
