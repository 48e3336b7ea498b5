/*
 * mentions_kind.h - an organisation referred to by its kind (issue #19,
 * org3): "the company" for "Pellmark Foods", "the union" for "Brewery and
 * Beverage Workers Local 61", "the airline" for "Skylane Air", "management"
 * for the article's one company. See mentions_kind.c.
 */
#ifndef STANCE_MENTIONS_KIND_H
#define STANCE_MENTIONS_KIND_H
#include <stddef.h>

#include "mentions_int.h"

/* The kinds of an organisation, bits of one mask: an airline is a company too. */
enum {
    STANCE_OK_COMPANY = 1u << 0,
    STANCE_OK_UNION = 1u << 1,
    STANCE_OK_HOSPITAL = 1u << 2,
    STANCE_OK_SCHOOL = 1u << 3,
    STANCE_OK_AGENCY = 1u << 4,
    STANCE_OK_POLICE = 1u << 5,
    STANCE_OK_AIRLINE = 1u << 6,
    STANCE_OK_BANK = 1u << 7,
    STANCE_OK_UTILITY = 1u << 8,
    STANCE_OK_COUNCIL = 1u << 9,
    STANCE_OK_COMMITTEE = 1u << 10,
    STANCE_OK_NEWSPAPER = 1u << 11, /* a newspaper or magazine ("Chicago Tribune": "the newspaper") */
    STANCE_OK_NETWORK = 1u << 14,   /* a broadcaster ("Fox News": "the network") */
    STANCE_OK_PLACE = 1u << 12, /* a city, county, state or country: no noun of this file names it */
    STANCE_OK_OTHER = 1u << 13  /* an organisation of none of these kinds ("Democratic Party") */
};

/* The kinds the words of the name @p name[0, n) give ("Pellmark Foods":
 * company; "Skylane Air": airline and company; "Bakery Workers Local 14":
 * union; "Harwick Medical Center": hospital); 0 for none. */
unsigned stance_org_name_kind(const char *name, size_t n);
/* The kinds a lowercase noun t[ws, we) names ("company", "firm", "maker":
 * company; "union", "local": union; "carrier": airline); 0 for none. */
unsigned stance_org_noun_kind(const char *t, size_t ws, size_t we);
/* May an organisation noun of kinds @p nk (stance_org_noun_kind()) name the
 * organisation @p name[0, n): either says no kind ("the group", "Acme"), or
 * they share one ("the company" and "Skylane Air"; not "the airline" and
 * "Corvane Foods")? A board, committee or agency noun fits any organisation
 * ("the paper's editorial board"). A name whose only kinds are a place's or
 * none of ours fits only a noun of that kind ("the hospital" is no "Marlow
 * County"). */
int stance_org_kinds_fit(unsigned nk, const char *name, size_t n);
/* "the <kind noun>" as a title mention (rule org-head) of the organisation
 * actor of that kind named last, when the choice is clear (one such actor
 * named before; or the latest named in that sentence or the one before,
 * every other one before that); "management" as one of the article's one
 * company. After scan_words() (a span another rule took stays its). */
int stance_mentions_org_kinds(mstate *m);

struct stance_quotelist;
struct stance_rawquote;
/* org_speakers.c: the full name of the organisation quote @p q's speaker
 * names by its short form or acronym as written ("Pellmark", "the CCA"), a
 * new string, or NULL when it names none (see org_speakers.c). */
char *stance_org_speaker_full(const struct stance_quotelist *quotes, const struct stance_entityset *ents,
                              const char *t, size_t len, const struct stance_rawquote *q);
#endif
