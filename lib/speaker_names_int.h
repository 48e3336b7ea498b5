/*
 * speaker_names_int.h - private to speaker_names.c and speaker_docs.c: the
 * referents a described speaker may name (sstate, ref), the whitespace
 * tokens (wtok) and the document speakers' issuers (speaker_docs.c).
 */
#ifndef STANCE_SPEAKER_NAMES_INT_H
#define STANCE_SPEAKER_NAMES_INT_H
#include <string.h>

#include "speaker_names.h"
#include "tokens.h"

#define ISSUE_MODS 3u /* plain lowercase words between a document's article and its head */

typedef struct ref {
    size_t start, end; /* the name as written */
    long ent;          /* actor, or -1: a name run */
    int gender;        /* STANCE_G_* */
    int org;           /* an organisation, not a person */
} ref;

typedef struct sstate {
    const char *t;
    size_t len;
    const stance_quotelist *quotes;
    const stance_entityset *ents;
    stance_toks tk;
    ref *refs;
    size_t n_refs, refs_cap;
    struct lastw *lw; /* the persons' referents by the word after their last space (owner_named()) */
    size_t n_lw;
} sstate;

/* A whitespace-delimited token t[s, e). */
typedef struct wtok {
    size_t s, e;
} wtok;

/* The issuer of a document speaker. */
typedef struct issuer {
    const ref *r;      /* the referent */
    size_t start, end; /* the issuer as written, when it is more than the referent ("Clinton's campaign") */
    size_t ns, ne;     /* the noun a possessive pronoun owns ("his campaign": "campaign"), or ns == ne */
} issuer;

/* Is [a, b) inside a quote? */
static inline int stance_sn_in_quote(const stance_quotelist *ql, size_t a, size_t b)
{
    return stance_quote_holding(ql, a, b) < ql->n;
}

/* Line breaks in t[a, b) (a run of them counts once). */
static inline unsigned stance_sn_breaks(const char *t, size_t a, size_t b)
{
    unsigned n = 0;
    for (const char *p = t + a; (p = memchr(p, '\n', (size_t)(t + b - p))) != NULL; p++) {
        n++;
        while (p + 1 < t + b && p[1] == '\n')
            p++;
    }
    return n;
}

/* speaker_names.c: give quote @p q the allocated @p name (taken, also on
 * failure), or the name at @p r; the description it had becomes its role. */
int stance_sn_set_described(sstate *s, stance_rawquote *q, char *name);
int stance_sn_rename_speaker(sstate *s, stance_rawquote *q, const ref *r);

/* The sentence before the one that starts at @p ss, with at most
 * @p max_breaks paragraph breaks between: 1 with [*ps, *e) it (*e before the
 * spaces and line breaks), else 0. */
int stance_sn_sent_before(const char *t, size_t ss, unsigned max_breaks, size_t *ps, size_t *e);

/* speaker_docs.c: the token ending at or before @p pos (not below @p floor),
 * the one starting at or after @p pos (before @p len); 0 at a line break. */
int stance_sn_tok_before(const char *t, size_t pos, size_t floor, wtok *w);
int stance_sn_tok_after(const char *t, size_t len, size_t pos, wtok *w);
/* A plain lowercase token (a-z or a digit first; letters, digits, inner hyphens). */
int stance_sn_plain_lower(const char *t, wtok w);
/* "a", "an" or "the". */
int stance_sn_is_article(const char *t, wtok w);
/* The gender of "his"/"her" (also capitalised) t[ws, we), else STANCE_G_UNKNOWN. */
int stance_sn_poss_pronoun(const char *t, size_t ws, size_t we);
/* The nearest person of gender @p g named before @p pos (the one a "his"/"her" stands for), or NULL. */
const ref *stance_sn_owner_of_pronoun(const sstate *s, size_t pos, int g);
/* Is t[a, b) a document-like noun phrase (article, up to ISSUE_MODS plain
 * lowercase words, a plain lowercase head)? Sets @p head and @p indefinite. */
int stance_sn_thing_np(const char *t, size_t a, size_t b, wtok *head, int *indefinite);
/* Could the speaker t[sp) be a document? */
int stance_sn_document_like(const char *t, stance_span sp);
/* The issuer of the document speaker t[sp), if the text ties one. */
int stance_sn_document_issuer(const sstate *s, stance_span sp, issuer *is);
/* The subject opening the sentence before the one of quote @p qs, with a
 * reporting or issuing verb after it; one sentence further back when the
 * sentence between names the document speaker t[sp) again. */
int stance_sn_sayer_before(const sstate *s, stance_span qs, issuer *is);
int stance_sn_sayer_two_back(const sstate *s, stance_span sp, stance_span qs, issuer *is);
/* An unresolved "it" after a sentence naming a document with a tied issuer:
 * the issuer speaks, the document is the role. */
int stance_sn_it_document(sstate *s, stance_rawquote *q);
/* The issuer of the definite document speaker t[sp) by a verb that issues it
 * unnamed in the sentence before ("X sued ... . The complaint says"). */
int stance_sn_verb_issuer(const sstate *s, stance_span sp, stance_span qs, issuer *is);
/* Give quote @p q the issuer @p is; the document becomes its role. */
int stance_sn_name_issuer(sstate *s, stance_rawquote *q, const issuer *is);
/* A quote that inherited (or continues by pronoun) a speaker named here takes its name and role. */
int stance_sn_follow_named(stance_quotelist *quotes, size_t qi);

#endif
