/*
 * targets.h - which actors a quote is about, and the evidence for each: its
 * mentions in the quote (any kind but speaker-self), being the object of the
 * attribution ("praised X", "called him a ...", "said of X", "told X") or
 * what it refers to ("responding to X's remarks", "in reference to X"), or
 * standing next to a quoted fragment in the attribution sentence: the reported
 * clause's subject before it ("said Park was \"a disgrace\"", "Park's
 * \"reckless plan\"") or a phrase that continues it ("\"no path forward\" for
 * the governor"). The speaker is no target of their own quote unless they
 * name themselves in it; the actor the speaker speaks for ("X's communications
 * director") is the speaker's side, marked STANCE_TR_PRINCIPAL when it is a
 * target for one of the reasons above, and no target for that alone.
 */
#ifndef STANCE_TARGETS_H
#define STANCE_TARGETS_H
#include "actors.h"
#include "tokens.h"

/* Why an actor is a target (bits of stance_tchoice.reasons). */
#define STANCE_TR_MENTIONED STANCE_TARGET_MENTIONED
#define STANCE_TR_OBJECT STANCE_TARGET_OBJECT
#define STANCE_TR_PRINCIPAL STANCE_TARGET_PRINCIPAL
#define STANCE_TR_ALL STANCE_TARGET_ALL

typedef struct stance_tchoice {
    size_t ent;
    int where;            /* 1 mentioned in the quote, 2 only in the attribution, 0 neither */
    unsigned reasons;     /* STANCE_TR_* */
    size_t m0, nm;        /* evidence: the list's ms[m0 .. m0 + nm), text order */
    size_t s0, ns;        /* spans to mark in the statement: the list's sp[s0 .. s0 + ns) */
    int in_context;       /* 1: the statement is the attribution sentence, spans relative to it */
} stance_tchoice;

typedef struct stance_tlist {
    stance_tchoice *v;
    size_t n, cap;
    stance_mention *ms;   /* evidence mentions (spans into the text) */
    size_t n_ms, ms_cap;
    stance_span *sp;      /* statement-relative spans */
    size_t n_sp, sp_cap;
    stance_toks pre, post; /* tokens of the attribution sentence before and after the quote */
    size_t pre_base, post_base; /* their text offsets */
    long speaker, principal; /* the quote's speaker entity and the one it speaks for (-1: none), as chosen */
} stance_tlist;

/* The targets of quote @p q among @p ents (mentions found by actors.c and
 * mentions.c), replacing @p out's contents. @p before is
 * stance_targets_before(text, q) (the caller has it already: the sentence
 * search costs ~2 k instructions). @p flags: STANCE_OPT_ALL_ACTORS.
 * @p cand (ascending entity indexes, @p n_cand of them) limits the choice to
 * the entities with a mention near the quote; NULL considers every entity. */
int stance_targets_choose_before(const stance_entityset *ents, const char *text, const stance_rawquote *q,
                                 stance_span before, unsigned flags, const size_t *cand, size_t n_cand,
                                 stance_tlist *out);
/* The sentence before the one quote @p q starts in, perhaps the last of the paragraph before; {STANCE_NO_OFFSET, ...} when
 * none. Its actors are candidates too (stance_targets_choose_before() may take the
 * one the speaker criticises or praises there). */
stance_span stance_targets_before(const char *text, const stance_rawquote *q);
void stance_tlist_clear(stance_tlist *l);
/* Is mention @p m the object of its attribution ("said of Park", "praised
 * Park", "asked about Park", "told Park") or what it refers to or leaves
 * unnamed? The text is read up to @p lim. mentions_pron.c uses it too: a
 * he/she in the quote may mean that object. */
int stance_targets_is_object(const char *t, size_t lim, const stance_mention *m);
/* The one actor, not @p speaker, the sentence before quote @p q has the
 * speaker criticise or praise ("Diaz praised Park. \"He ...,\" she said"):
 * its index, -1 if none (or two), -2 when out of memory. */
long stance_targets_before_object(const stance_entityset *ents, const char *text, const stance_rawquote *q,
                                  long speaker);
/* Does speaker span @p sp name a group that faces its owner rather than speaks
 * for it ("Obama's first five questioners", "Clinton's critics")? The owner is
 * then no principal (stance_mentions_principal()) but what the quote is about. */
int stance_targets_faces_owner(const char *text, stance_span sp);
#endif
