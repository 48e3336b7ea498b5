/*
 * speaker_form.h - the speaker as a user reads it: a name and a role. The
 * last step of quote extraction (stance_quotes_extract()), after the sieves,
 * inheritance and pronouns: what it reports, and the speaker names, actor
 * discovery and mentions read after it, is the formed speaker. On the token
 * layer (tokens.h) and the lexicon's classes:
 *
 * NAME. A speaker written as a descriptor run before a name ("Former player
 * Tomos Reed", "former State policy planning director Anne-Marie Slaughter")
 * is the name, the run its role (unless it had one): the run ends in a head
 * word right before the name (a role noun, a person noun, a kinship noun, a
 * title: ROLE, PERSON_NOUN, KIN, TITLE; or a lowercase agent noun) and goes
 * back to a determiner, a punctuation mark or a clause word. What stands
 * before a preposition or a clause word ("My favorite description of him came
 * from Hampton University student Deja Stewart") is a clause: no name and no
 * role. A name inside a preposition's object ("a spokesman for House Speaker
 * Paul Ryan") is another person's: the speaker is left as it is; but after
 * the "from" or "by" of a source that follows a word heading no description
 * ("The best line came from Mira Hollis") the name is the speaker's, with no
 * role.
 *
 * PEERAGE. A one-word name keeps the peerage title the text writes before it
 * (stance_speaker_peerage()).
 *
 * ROLE. A relative clause is no role ("Jo Roe, who led the council, said":
 * none; a descriptor before the name is the role then). The sentence's full
 * stop at the end of a role goes ("the local MP." -> "the local MP"), not an
 * abbreviation's dot ("R-Ky.", "Fla.", "N.J.": a word
 * the token layer gives its dot, STANCE_SH_DOT, or one the lexicon knows as an
 * abbreviation, ADDR_ABBR or the rule list ABBR_DOT).
 */
#ifndef STANCE_SPEAKER_FORM_H
#define STANCE_SPEAKER_FORM_H
#include "quotes.h"
#include "tokens.h"

/* The speaker of one quote as reported. Views: the name is
 * q->speaker[name_off, name_off + name_len); the role is role[0, role_len)
 * (inside q->role or q->speaker), or NULL; span is the speaker span to report
 * (q->speaker_span, narrowed to the name when the speaker is written there). */
typedef struct stance_spk_form {
    size_t name_off, name_len;
    const char *role;
    size_t role_len;
    stance_span span;
} stance_spk_form;

/* The form of quote @p q's speaker (q->speaker may be NULL: then name_len is 0)
 * in @p text (@p len bytes); @p tk is the caller's token scratch (tokens.h).
 * STANCE_ERR_NOMEM when the tokens do not fit in memory (@p out then holds the
 * speaker as it is). */
int stance_speaker_form(const stance_rawquote *q, const char *text, size_t len, stance_toks *tk,
                        stance_spk_form *out);
/* The name runs of one word after a peerage title ("Lord Peverell", "Sir
 * Owain", "Lady Carrow": rule list PEERAGE), the first STANCE_PEERS_MAX of
 * them: indices into a stance_namelist. */
#define STANCE_PEERS_MAX 32
typedef struct stance_peers {
    size_t n;
    size_t k[STANCE_PEERS_MAX];
} stance_peers;
/* Find the peerage runs of @p l (the runs of @p text). */
void stance_peers_find(const stance_namelist *l, const char *text, stance_peers *p);
/* A one-word speaker name @p w (@p n bytes) with the peerage title that a run
 * of @p p writes before the same word, the run nearest before @p at (else the
 * first after it): the title stays, as the word alone names no one. *@p out a
 * new string for the caller to free, or NULL when there is none. Other titles
 * go from speaker names ("Dr Marsh" -> "Marsh"), and so does a peerage title
 * before a full name ("Sir Owain Prys" -> "Owain Prys"). STANCE_ERR_NOMEM on
 * allocation failure. */
int stance_speaker_peerage(const stance_peers *p, const stance_namelist *l, const char *text, const char *w, size_t n,
                           size_t at, char **out);
/* Give every quote of @p quotes its speaker's form: name, role and speaker
 * span rewritten. STANCE_ERR_NOMEM on allocation failure (a quote may then
 * have its form and the others not). */
int stance_speaker_forms(stance_quotelist *quotes, const char *text, size_t len, stance_error *err);
#endif
