/*
 * speakers_int.h - private to speakers.c and speakers_desc.c: the
 * description antecedents the pronoun resolver asks for. Each returns 1 with
 * @p a set (a->name NAME_NOUN_PHRASE and a->canon the phrase, or the name of
 * the speaker it leads to), else 0 with @p a untouched.
 */
#ifndef STANCE_SPEAKERS_INT_H
#define STANCE_SPEAKERS_INT_H
#include "quotes_int.h"

/* The noun phrase that said the quote just before (within NP_PREV_REACH
 * bytes) when no candidate @p nearest (a names entry, or -1) lies after its
 * attribution and, for a he/she, no person @p best was found. */
int stance_q_np_antecedent(ctx *c, size_t qi, attr *a, long nearest, long best);
/* An indefinite (or, with no candidate @p best, definite) description of a
 * person opening one of the last three sentences of the pronoun's paragraph. */
int stance_q_indefinite_antecedent(ctx *c, size_t qi, attr *a, long best);
/* An "it" speaker: the noun phrase that spoke just before, the document the
 * previous quote's attribution names ('wrote in the affidavit. It
 * continued:'), or the noun of speech opening the paragraph's last sentence
 * before the quote. */
int stance_q_it_antecedent(ctx *c, size_t qi, attr *a);

#endif
