/*
 * mentions_int.h - private to the mention passes (mentions*.c):
 * the per-call state and the pronoun classes they share. Not installed, not
 * used outside them.
 *
 *   mentions.c       the pronoun words, genders, dialogue, speaker-self and
 *                    addressee; runs the passes (stance_mentions_find)
 *   mentions_ties.c  pass 1: the roles, epithets and ages tied to a name
 *   mentions_titles.c pass 2: "the <role>", "the <organisation>", "the
 *                    <epithet>"; collects the pronouns
 *   mentions_pron.c  third-person pronouns: he/she/... and they/them/their
 *   mentions_roles.c the role words, the titles of two words, their
 *                    qualifiers ("prime" of "the prime minister") and the
 *                    holder of "the <role>"
 */
#ifndef STANCE_MENTIONS_INT_H
#define STANCE_MENTIONS_INT_H
#include <stddef.h>

#include "actors.h"
#include "mentions.h"
#include "quotes.h"

/* Pronoun classes, read from the lexicon's pronoun features: third person
 * (he/she..., with gender), first person (self, plural), second person. */
enum { P_THIRD = 1, P_FIRST = 2, P_FIRST_PLURAL = 3, P_SECOND = 4, P_THIRD_PLURAL = 5 };
typedef struct pron_word {
    int cls, gender;
} pron_word;

/* ---- per-call state --------------------------------------------------------- */

/* The words that name which office of a role a title means, written right
 * before its role words ("prime" of "the prime minister", "Health" of
 * "Health Minister Rune Falk", "campaign" of "the campaign manager"):
 * stance_role_qualify(). */
typedef struct role_qual {
    stance_span w[3]; /* the words before the role words, nearest first; empty: none */
    size_t from;      /* where the title's words start, these words included */
    int sub;          /* a subordinate's title: "deputy", "vice" before them ("the deputy prime minister") */
    int fresh;        /* "new" before them: the latest holder ("the new health minister") */
} role_qual;

/* A role or epithet the article ties to an actor from position pos on. */
typedef struct tie {
    const char *role;   /* role name, or NULL for an epithet */
    stance_span phrase; /* the epithet's words after "the" */
    size_t pos, ent;
    int rule;           /* STANCE_MR_TITLE_BEFORE, _ROLE_APPOSITION or _EPITHET */
    int former;         /* "former Gov. Tom Park": a role the actor held, not holds */
    stance_span place;  /* "Ohio" of "Ohio Gov. Tom Park"; empty when none */
    role_qual qual;     /* "Prime" of "Prime Minister Annika Rosvall"; none for an epithet */
} tie;

/* Something a pronoun may refer to, in text order. */
typedef struct referent {
    size_t start, end;
    long ent; /* actor, or -1: a person who is no actor */
    int gender;
    const char *who; /* a pronoun that attributes a quote: its speaker's name; else NULL */
} referent;

typedef struct mstate {
    const char *t;
    size_t len;
    stance_entityset *ents;
    const stance_quotelist *quotes;
    tie *ties;
    size_t n_ties, ties_cap;
    struct head_ties {   /* ties to a person noun's head ("the chief executive of X, NAME"): role NULL */
        size_t n;        /* how many */
        size_t *at;      /* their tie indices, in text order (after the sort by pos) */
        size_t *id;      /* per head tie: its word's index in words[] */
        size_t *words;   /* one tie index per distinct head word */
        size_t *last;    /* per distinct word: its last tie before the current "the", or SIZE_MAX */
        size_t nw, seen; /* distinct words; head ties folded into last[] so far */
    } heads;
    referent *refs;
    size_t n_refs, refs_cap;
    long *speaker; /* per quote: the speaking actor or -1 */
    long *inter;   /* per quote: the actor the speaker talks with (find_interlocutors) or -1 */
    struct pron_at {
        size_t ws, we;
        const pron_word *pw;
    } * prons;     /* third-person pronouns of the text, in order */
    size_t n_prons, prons_cap;
    struct org_at {
        size_t ent;
        const char *head; /* stance_mentions_org_head() of its name, hl bytes */
        size_t hl;
    } * orgs; /* organisation actors (find_orgs) */
    size_t n_orgs, orgs_cap;
    uint64_t org_hl; /* bit min(hl, 63) set for each organisation's head length: a cheap "no such head" */
    size_t n_free; /* of those, the ones whose head is no organisation noun (no person: any head) */
} mstate;

typedef struct role_word {
    const char *word, *role; /* lowercase word as written; the role it names */
    int gender;
    int abbrev;              /* a written-before-names abbreviation only ("gov.") */
} role_word;

/* mentions_roles.c: the role word t[ws, we) (A-Z read as a-z), or NULL. */
const role_word *stance_role_lookup(const char *t, size_t ws, size_t we);
/* mentions_roles.c: the role of a title of two words whose last word, the
 * role word @p head, starts at @p hs ("Attorney General", "Lt. Gov."), its
 * first word's start in *first; NULL when the word before is no such word. */
const char *stance_role_compound(const char *t, size_t hs, const role_word *head, size_t *first);
/* mentions_roles.c: the role of role word @p rw at t[hs, ...), a title of two
 * words starting at or after @p from as one ("Attorney General Jo Roe", "the
 * attorney general": stance_role_compound()), else @p rw's own; *@p fs: where
 * the title's words start. After a subordinate's word ("the deputy attorney
 * general") it is the role still, its tie a subordinate's (role_qual.sub),
 * which only "the deputy <role>" takes (stance_role_tie()). */
const char *stance_role_words(const char *t, const role_word *rw, size_t hs, size_t from, size_t *fs);
/* mentions_roles.c: does a word that makes a title another's second stand
 * right before @p ws ("Deputy", "Assistant", "Vice" of "Vice Chairman")? */
int stance_role_subordinate(const char *t, size_t ws);
/* mentions_roles.c: does t[ws, we) open a title of two words, the role word
 * after it its last ("attorney" of "the attorney general")? */
int stance_role_compound_first(const char *t, size_t ws, size_t we, size_t len);
/* mentions_roles.c: the words before a title whose words start at @p fs,
 * none before @p from, into *@p q (role_qual): up to three words joined by
 * single spaces, a "new" passed over, up to a determiner, "former", a
 * function word or a hyphenated word. */
void stance_role_qualify(const char *t, size_t from, size_t fs, role_qual *q);
/* mentions_roles.c: may a tie qualified @p tq be the holder of a title
 * qualified @p mq? Words written lowercase before the role ("the finance
 * minister", "the presumptive Republican nominee") name the office: the
 * tie must have every word of @p mq (read case-blind, in any order:
 * "presumptive Republican nominee Jo Roe"); a subordinate's title matches
 * only a subordinate's. Capitalised words alone ("the Ohio governor") or
 * none restrict nothing. */
int stance_role_qual_fits(const char *t, const role_qual *mq, const role_qual *tq);
/* mentions_roles.c: is a lowercase qualifier or a subordinate's word in @p q
 * (stance_role_qual_fits() restricts the ties)? */
int stance_role_qual_strict(const char *t, const role_qual *q);
/* mentions_roles.c: "the" opening the lowercase title whose role word starts
 * at @p ws ("the new health minister", "the deputy prime minister"): at most
 * three words between, joined by single spaces, none a function word; its
 * start in *@p the_s. */
int stance_role_the_before(const char *t, size_t ws, size_t *the_s);
/* mentions_roles.c: does "former" (or "ex-") stand right before the word at
 * @p ws, a capitalised word aside ("former Florida Gov. Jeb Bush")? *place:
 * that capitalised word right before the role, else left as it is. */
int stance_role_former_before(const char *t, size_t ws, stance_span *place);
/* mentions_roles.c: the last capitalised word between "the" at @p the_s and
 * the role at @p ws ("Ohio" of "the Ohio governor"), or an empty span. */
stance_span stance_role_place(const char *t, size_t the_s, size_t ws);
/* mentions_roles.c: the tie whose actor holds "the <role>" at @p pos, or -1
 * (the rules at the definition). */
long stance_role_tie(const mstate *m, const char *role, size_t pos, int gender, int former, stance_span place,
                     const role_qual *q);
/* mentions_roles.c: does the title at @p fs follow its "the" at @p the_s right away ("the minister")? */
int stance_role_bare(const char *t, size_t the_s, size_t fs);
/* mentions_roles.c: are the role words sorted, and their filters and those of the titles of two words right? */
int stance_roles_sorted(void);

/* mentions_rival.c: "my opponent", "his rival", "the other guy" as an
 * epithet mention (rule rival) of the owner's rival; the owner's "his"/"her"
 * there is no mention of it. After the pronouns and the kinship pass. */
int stance_mentions_rivals(mstate *m);
/* mentions.c: the pronoun class of t[ws, we), or NULL when it is no pronoun. */
const pron_word *stance_pronoun_of(const char *t, size_t ws, size_t we);
/* mentions.c: may the actor be a person ("he", "she")? Not an organisation or a place. */
int stance_person_like(const stance_ent *e);
/* Is a name of two words or more a person's by its words (no organisation's
 * or place's last word or head: "Harwick Corp.", "Office of the Attorney
 * General" are not)? */
int stance_mentions_name_person(const char *name);
/* stance_mentions_name_person(e->name), computed once per stance_mentions_find() (stance_ent.name_person). */
int stance_ent_name_person(const stance_ent *e);
/* What find_orgs() (mentions_titles.c) reads of a name alone: the offset of its head
 * (stance_mentions_org_head(), length *hl; -1 for none) and in *org HEAD_LOWER when the
 * head fits the lexicon's buffer lowercased, HEAD_ORG_NOUN when it is an ORG_NOUN. */
enum { HEAD_LOWER = 1, HEAD_ORG_NOUN = 2 };
long stance_mentions_head_facts(const char *name, size_t *hl, int *org);
/* mentions_org.c: is a name of two words or more a place's by its first word
 * ("North Korea", "New Hampshire", "Carolina Panthers": a word of the
 * lexicon's PLACE, STATE_FIRST or rule list PLACE_FIRST), no word of it a
 * given name or a description's ("Texas-based"), and no organisation's by
 * its last word or head (stance_mentions_name_person())? A caller's actor so
 * named is no person and no "they" (actors.h, field place). */
int stance_mentions_place_name(const char *name);
/* mentions_org.c: is a discovered actor a place: so named
 * (stance_mentions_place_name()), one word of the lexicon's PLACE ("Iowa"), or
 * a dotted abbreviation the article writes as a place ("in the U.S.",
 * "across the U.K.")? Then no person and no "they", as a caller's place. */
int stance_mentions_discovered_place(const char *t, const stance_ent *e);
/* mentions.c: the head word of an organisation's name of two words or more:
 * the word before its first "of"/"on"/"for" after its first word ("House
 * Select Committee on Benghazi"), else its last word ("Democratic Party");
 * NULL for one word. */
const char *stance_mentions_org_head(const char *name, size_t *hl);
/* stance_word_after() over a name: past any byte that starts no word first
 * ("U.S. Court": "U", "S", "Court"). */
int stance_name_word_after(const char *t, size_t len, size_t pos, size_t *ws, size_t *we);
/* mentions_org.c: drop the surname mentions of each caller's actor whose name
 * is an organisation's (no gendered first name, stance_mentions_name_person()
 * false): an organisation has no surname, at most its head noun after a
 * determiner ("the party"). Last, after every tie: the dropped words did show
 * the organisation is in the article ("Board member X" ... "this board").
 * Also every name mention of a place (caller's or discovered) written before
 * a person noun ("U.S. officials", "the Vermont senator"; link32), in text
 * @p t of @p len bytes. Returns how many were dropped (the caller rebuilds
 * the name index then). */
size_t stance_mentions_org_surnames(stance_entityset *ents, const char *t, size_t len);
/* mentions.c: is t[a, b) all spaces (or empty)? */
int stance_spaces_only(const char *t, size_t a, size_t b);
/* mentions.c: they/them/their/theirs/themselves (the caller has seen that the
 * word starts with "the"); "this man", "that woman", "this guy" (t[ws, we) the
 * noun after "this"/"that"): a he/she. The pronoun class, or NULL. */
const pron_word *stance_pronoun_plural_of(const char *t, size_t ws, size_t we);
const pron_word *stance_pronoun_demonstrative(const char *t, size_t ws, size_t we);
/* Gender votes: e->gender holds the running sum (male +1, female -1) until
 * mentions.c's settle_genders() turns it into a STANCE_G_* value. */
static inline void stance_mentions_vote(stance_ent *e, int g)
{
    if (g == STANCE_G_MALE)
        e->gender++;
    else if (g == STANCE_G_FEMALE)
        e->gender--;
}
/* mentions_ties.c: pass 1, the roles before and after the actors' names, the
 * epithets and ages apposed to them, as ties (m->ties); each votes for the
 * actor's gender. */
int stance_mentions_find_ties(mstate *m);
/* mentions_titles.c: pass 2 over the ties sorted by position: "the <role>",
 * "the <organisation>", "the Clintons", "the 54-year-old" and "the
 * <epithet>" as mentions; collects the third-person pronouns (m->prons). */
int stance_mentions_titles(mstate *m);

/* mentions_pron.c: the referents a pronoun may point back to (m->refs). */
int stance_mentions_build_referents(mstate *m);
/* mentions_pron.c: an actor of no gender takes the one unambiguous pronouns give it. */
int stance_mentions_learn_genders(mstate *m);
/* mentions_pron.c: he/she/.../they/them/their (m->prons) to the actors they mean. */
int stance_mentions_resolve_pronouns(mstate *m);
/* mentions_pron.c: "It" opening a quote that goes on from the speaker's quote
 * before, when that one opens with an organisation or a place: that actor. */
int stance_mentions_continued_it(mstate *m);
#endif
