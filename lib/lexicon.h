/*
 * lexicon.h - the one word table of the library (lib/lexicon.def).
 *
 * Every word any module tests for sits in lib/lexicon.def once, with all its
 * classes: general word classes (STANCE_LX_*: titles, function words, first
 * names, pronouns, determiners, negators, reporting verbs, ...), the private
 * lists of quotes.c's attribution rules (STANCE_LQ_*) and, for pronouns,
 * person/gender/number/case. A word is matched as written, byte for byte
 * ("The" and "the" are two entries): the lists this table replaced were
 * case-sensitive, and names depend on capitals. The token layer (tokens.h)
 * also looks up each word's lower-cased form for case-blind consumers.
 *
 * The table is sorted by bytes (strcmp order) and has no duplicates
 * (stance_lex_check(), run by tests/test_tokens.c); lookups go through a hash
 * table generated from lexicon.def at build time (lexicon.c, gen_lexicon.c).
 * Read-only, no state.
 */
#ifndef STANCE_LEXICON_H
#define STANCE_LEXICON_H
#include <stddef.h>
#include <stdint.h>

/* General word classes: bit numbers of stance_lexent.cls (and stance_token.cls). */
enum stance_lex_class {
    STANCE_LX_TITLE = 0,        /* a title before a name: "Sen.", "President", "Gov" (capitalised forms) */
    STANCE_LX_STOP = 1,         /* a capitalised function word that starts no name: "The", "But", "Monday" */
    STANCE_LX_FIRST_F = 2,      /* a female first name */
    STANCE_LX_FIRST_M = 3,      /* a male first name (a name may be both: "Lindsey") */
    STANCE_LX_PARTICLE = 4,     /* a lowercase particle inside a name: "de", "van", "ter", "bin" */
    STANCE_LX_PRONOUN = 5,      /* a personal/possessive pronoun; stance_lexent.feat has person etc. */
    STANCE_LX_SPEAKER_PRON = 6, /* a subject pronoun that can speak a quote: he, she, I, it, they, we */
    STANCE_LX_DET = 7,          /* a determiner / quantifier: the, a, this, some, every, no */
    STANCE_LX_PREP = 8,         /* a preposition: of, for, after, against, without */
    STANCE_LX_CONJ = 9,         /* a conjunction or subordinator opening a clause: and, but, because, if */
    STANCE_LX_REL = 10,         /* a relative word: who, whom, whose, which, that, where */
    STANCE_LX_MODAL = 11,       /* a modal: can, could, may, might, must, will, would (and negated forms) */
    STANCE_LX_NEG = 12,         /* a negator: not, no, never, nothing, don't, without, hardly */
    STANCE_LX_BOOST = 13,       /* an intensifier / booster: very, really, absolutely, clearly */
    STANCE_LX_CONTRAST = 14,    /* a contrast word: but, although, however, yet, despite */
    STANCE_LX_COND = 15,        /* a conditional: if, unless, without, provided, whether */
    STANCE_LX_ROLE = 16,        /* a role noun (lowercase): governor, mayor, spokesman, senator */
    STANCE_LX_DAY = 17,         /* a day of the week */
    STANCE_LX_MONTH = 18,       /* a month */
    STANCE_LX_RV_SAY = 19,      /* reporting verb, neutral: say, told, added, wrote, asked */
    STANCE_LX_RV_ARGUE = 20,    /* reporting verb, assertive: argued, insisted, claimed, warned */
    STANCE_LX_RV_CRIT = 21,     /* reporting verb, critical: criticized, slammed, accused, blamed */
    STANCE_LX_RV_PRAISE = 22,   /* reporting verb, supportive: praised, hailed, endorsed, defended */
    STANCE_LX_PERSON_NOUN = 23, /* a noun for a person a description can end in: scientist, candidate, activist */
    STANCE_LX_ORG_NOUN = 24,    /* the head noun of an organisation's name or description: party, court, daily */
    STANCE_LX_PRO_OBJ = 25,     /* favourable to its object: credit, thank, support, help, save, defend */
    STANCE_LX_CON_OBJ = 26,     /* unfavourable to its object: blame, oppose, sue, criticism, opposition */
    STANCE_LX_BE_AUX = 27,      /* a be/get form that can make a passive: was, were, been, got, gets */
    STANCE_LX_NONPERSON_LAST = 28, /* the last word of an organisation's or place's name: party, city, times */
    STANCE_LX_OBJ_VERB = 29,    /* a verb whose object an attribution is about: praised, accused, told */
    STANCE_LX_SPEECH_ABOUT = 30, /* speech words before "of"/"about"/"to" + what it is about: said, referring */
    STANCE_LX_OBJ_NOUN = 31,    /* a noun or participle before "for"/"of"/"on"/"at" + its object: praise, shot, aimed */
    STANCE_LX_ADDRESS_CUE = 32, /* a verb before the addressee of an attribution: told, asked, urged */
    STANCE_LX_APPOS_STOP = 33,  /* a word that makes ", the <words>," a clause, not an apposition: is, said, who */
    /* The word lists of the feature extractor (lib/features*.c), each exactly as the model was trained with: */
    STANCE_LX_FX_NEG = 34,      /* opens a negation scope (family neg): not, no, never, without, hardly, n't */
    STANCE_LX_FX_CUE = 35,      /* a reporting cue of the context family: said, praised, warned, tweeted */
    STANCE_LX_FX_BREAK = 36,    /* ends the target's clause (family clause): but, although, while, because */
    STANCE_LX_VD_BOOST = 37,    /* VADER's booster words: very, really, extremely, so, more */
    STANCE_LX_VD_DAMP = 38,     /* VADER's dampener words: almost, barely, slightly, somewhat */
    STANCE_LX_VD_NEG = 39,      /* VADER's negators beyond FX_NEG (apostrophe-less): dont, isnt, rarely, seldom */
    STANCE_LX_ISSUE_VERB = 40,  /* a verb that issues a document: issued, releasing, sent, posted, wrote, ran */
    STANCE_LX_PLACE = 41,       /* the last word of a US state's name: Iowa, Florida, Hampshire, Carolina, York */
    STANCE_LX_DEMONYM = 42,     /* a people's adjective or a faith's or ethnicity's plural: American, Muslims, Latinos */
    STANCE_LX_NOT_ACTOR_LAST = 43, /* ends a name that is no actor: Amendment, Act, Day, Street; Republican (adjective) */
    STANCE_LX_KIN = 44,         /* a kinship noun: husband, wife, son, daughter, brother, sister, father, mother */
    /* One module's word list each (#15, word lists as data); list classes, see STANCE_LX_LISTS: */
    STANCE_LX_REF_CUE = 45,     /* a word of reference before what a quote answers: referring, regarding, response */
    STANCE_LX_GROUP_NOUN = 46,  /* an actor's people or things after its name: supporters, campaign, aides (lowercase) */
    STANCE_LX_EVAL_VERB = 47,   /* a verb criticising or praising its object: attacked, slammed, praised, thanked */
    STANCE_LX_EVAL_NOUN = 48,   /* a noun of criticism before at/on/for + its object: attack, shot, swipe, jab */
    STANCE_LX_REPLY = 49,       /* a reporting verb of reply: replied, responded, answered, retorted */
    STANCE_LX_PEOPLE = 50,      /* people "they" may mean: people, women, children, folks; everyone, somebody */
    STANCE_LX_OWN_DET = 51,     /* a determiner of "<det> party/state", the article's own: my, our, your, their, this, the */
    STANCE_LX_STATE_FIRST = 52, /* the first word of a two-word US state's name: New, North, Rhode, South, West */
    STANCE_LX_BODY_NOUN = 53,   /* a body that a name before it leads: administration, camp, campaign, organization */
    STANCE_LX_EVAL_PREP = 54,   /* between EVAL_NOUN and its object: at, on, for, against, of, about */
    STANCE_LX_STAFF_NOUN = 55,  /* an actor's staff after its name, no mention of it: aide, campaign, team (lowercase) */
    STANCE_LX_FACING_NOUN = 56, /* a group that faces its owner: critics, questioners, rivals (lowercase) */
    STANCE_LX_ADDR_ABBR = 57,   /* a US state's or a name's abbreviation before its period: Mass, Va, Jr (discovery) */
    STANCE_LX_HEAD_SMALL = 58,  /* a word a title-case headline leaves lowercase: a, of, the, up, vs, via (discovery) */
    STANCE_LX_OFFICE = 59,      /* a US department a role is "of" before a name: state, defense, treasury (lowercase) */
    /* A person noun's gender (#15: one list for "this man", "his wife", "my mother ... she"), list classes: */
    STANCE_LX_NOUN_M = 60,      /* a male person noun: man, boy, guy, father, son, husband, uncle (lowercase) */
    STANCE_LX_NOUN_F = 61,      /* a female person noun: woman, girl, lady, mother, daughter, wife, aunt (lowercase) */
    /* The polarity rules (lib/features.c), a list class: */
    STANCE_LX_FX_EXCEPT = 62,   /* a "but" right after it means except, no contrast: nothing, all, anything, everyone */
    STANCE_LX_COUNT = 63        /* (new classes are appended; bits never change meaning) */
};

/* One bit of a class mask: STANCE_LX(TITLE) | STANCE_LX(STOP). */
#define STANCE_LX(name) (UINT64_C(1) << STANCE_LX_##name)

/* The list classes: one module's word list each. A word of these alone is no
 * common word of the lexicon (stance_lex_known()), so that adding a word to a
 * list changes no test of "is this a word we know". Every list class is here. */
#define STANCE_LX_LISTS                                                                                      \
    (STANCE_LX(REF_CUE) | STANCE_LX(GROUP_NOUN) | STANCE_LX(EVAL_VERB) | STANCE_LX(EVAL_NOUN) | STANCE_LX(REPLY) | \
     STANCE_LX(PEOPLE) | STANCE_LX(OWN_DET) | STANCE_LX(STATE_FIRST) | \
     STANCE_LX(BODY_NOUN) | STANCE_LX(EVAL_PREP) | STANCE_LX(STAFF_NOUN) | STANCE_LX(FACING_NOUN) | \
     STANCE_LX(ADDR_ABBR) | STANCE_LX(HEAD_SMALL) | STANCE_LX(OFFICE) | STANCE_LX(NOUN_M) | STANCE_LX(NOUN_F) | \
     STANCE_LX(FX_EXCEPT))
/* The classes that make a word a common word of the lexicon: all but the lists. */
#define STANCE_LX_KNOWN (~STANCE_LX_LISTS)

/* Private lists of quotes.c's rules (bit numbers of stance_lexent.rules): each
 * is one former word list, kept as a set so the rules read as before. Only
 * quotes.c should use them; a general class above is the thing to share. */
enum stance_lex_rule_list {
    STANCE_LQ_DETERMINERS = 0,
    STANCE_LQ_LEADS = 1,
    STANCE_LQ_PREPS = 2,
    STANCE_LQ_BREAKERS = 3,
    STANCE_LQ_NOT_SPEAKERS = 4,
    STANCE_LQ_LEAD = 5,
    STANCE_LQ_AUX = 6,
    STANCE_LQ_OPEN = 7,
    STANCE_LQ_PREP = 8,
    STANCE_LQ_NOT_ROLE = 9,
    STANCE_LQ_REL1 = 10,
    STANCE_LQ_REL0 = 11,
    STANCE_LQ_TAIL = 12,
    STANCE_LQ_REL = 13,
    STANCE_LQ_CONJ = 14,
    STANCE_LQ_TO_WHOM = 15,
    STANCE_LQ_PREP_LEAD = 16,
    STANCE_LQ_NOT_SUBJ = 17,
    STANCE_LQ_PART_LEAD = 18,
    STANCE_LQ_PLACE_FIRST = 19,
    STANCE_LQ_ORG_LAST = 20,
    STANCE_LQ_ORG_HEAD = 21,
    STANCE_LQ_ORG_ALONE = 22,
    STANCE_LQ_SUBJ_NOT_VERB = 23,
    STANCE_LQ_ABBR_DOT = 24,
    STANCE_LQ_OBJ_LEFT = 25,
    STANCE_LQ_SLOT_NOT_VERB = 26,
    STANCE_LQ_INTRO_NEXT = 27,
    STANCE_LQ_SAYS = 28,
    STANCE_LQ_SENT_INTRO = 29,
    STANCE_LQ_TIME_INTRO = 30,
    STANCE_LQ_SPEECH_ING = 31,
    STANCE_LQ_NP_LEAD = 32,
    STANCE_LQ_INTRO = 33,
    STANCE_LQ_INV = 34,
    STANCE_LQ_INV_LOWER = 35,
    STANCE_LQ_GOES_ON = 36,
    STANCE_LQ_REL_TIME = 37,
    STANCE_LQ_PRON_PL_IT = 38,
    STANCE_LQ_ARTICLE = 39,
    STANCE_LQ_AND_BUT = 40,
    STANCE_LQ_REPORTED = 41,
    STANCE_LQ_AFTER_WHOLE = 42,
    STANCE_LQ_CLAUSE_OPEN = 43,  /* opens a clause inside a sentence: after, because, that, when, while */
    STANCE_LQ_SPEECH_NOUN = 44,  /* a noun of speech whose possessor speaks: claim, remark, statement */
    STANCE_LQ_OBJ_CONTROL = 45,  /* its object does what the infinitive says: urged, asked, told */
    STANCE_LQ_PEERAGE = 46,      /* a title that stays before a one-word name: Lord, Lady, Sir, Dame */
    STANCE_LQ_PLACE_IN = 47,     /* before a place, where no person or body stands: in, across, throughout */
    STANCE_LQ_PLACE_AT = 48,     /* before a place or a body: at, from, to ("at CNN"; targets.c) */
    STANCE_LQ_ASK = 49,          /* a form of "ask": its speaker puts a question to someone (speaker_names.c) */
    STANCE_LQ_CUT_NOT = 50,      /* a joiner that opens no clause of the attribution's own: or, that, if (targets.c) */
    STANCE_LQ_CUT_PRON = 51,     /* opens the attribution's own clause before a subject pronoun: and, but, as, so */
    STANCE_LQ_COUNT = 52
};
#define STANCE_LQ(name) (UINT64_C(1) << STANCE_LQ_##name)

/* Pronoun features (stance_lexent.feat): person 1-3, gender, number, case. */
#define STANCE_PG_X 0u /* gender unknown / any (I, you, they) */
#define STANCE_PG_M 1u
#define STANCE_PG_F 2u
#define STANCE_PG_N 3u /* neuter: it */
#define STANCE_PN_X 0u /* number unknown (you) */
#define STANCE_PN_S 1u
#define STANCE_PN_P 2u
#define STANCE_PC_X 0u /* case ambiguous (her: object or possessive) */
#define STANCE_PC_N 1u /* nominative: he */
#define STANCE_PC_A 2u /* object / reflexive: him, himself */
#define STANCE_PC_P 3u /* possessive: his, their */
#define STANCE_PRON_FEAT(person, gender, number, case_) \
    ((uint16_t)((person) | ((gender) << 2) | ((number) << 4) | ((case_) << 6)))
#define STANCE_PRON_PERSON(feat) ((unsigned)(feat)&3u)
#define STANCE_PRON_GENDER(feat) (((unsigned)(feat) >> 2) & 3u)
#define STANCE_PRON_NUMBER(feat) (((unsigned)(feat) >> 4) & 3u)
#define STANCE_PRON_CASE(feat) (((unsigned)(feat) >> 6) & 3u)

/* Longest word of the table, in bytes (the words sit inside the entries, so
 * the search reads no pointer). */
#define STANCE_LEX_MAXLEN 23

typedef struct stance_lexent {
    char w[STANCE_LEX_MAXLEN + 1]; /* the word as written (UTF-8, NUL-terminated) */
    size_t n;       /* its length in bytes */
    uint64_t cls;   /* STANCE_LX() bits */
    uint64_t rules; /* STANCE_LQ() bits */
    uint16_t feat;  /* STANCE_PRON_FEAT() for pronouns, else 0 */
} stance_lexent;

/* The entry for the word w[0, n) as written, or -1. */
long stance_lex_find(const char *w, size_t n);
/* Entry @p i (0 <= i < stance_lex_count()); NULL when out of range. */
const stance_lexent *stance_lex_entry(long i);
size_t stance_lex_count(void);
/* Shorthands: the classes / rule lists of w[0, n) (0 if it is not listed), and
 * "is it in any of the classes of @p mask". */
uint64_t stance_lex_classes(const char *w, size_t n);
uint64_t stance_lex_rules(const char *w, size_t n);
int stance_lex_is(const char *w, size_t n, uint64_t mask);
/* The classes of w[0, n) with its ASCII capitals lowered ("Than" -> "than"); 0 if not listed. */
uint64_t stance_lex_classes_lower(const char *w, size_t n);
int stance_lex_in_rules(const char *w, size_t n, uint64_t mask);
/* The rule lists of w[0, n) with its ASCII capitals lowered ("At" -> "at"); 0 if not listed. */
uint64_t stance_lex_rules_lower(const char *w, size_t n);
/* Is w[0, n) (as written) a common word of the lexicon: an entry with a class
 * of STANCE_LX_KNOWN or a rule list of quotes.c (not only a list class)? */
int stance_lex_known(const char *w, size_t n);
/* 0 if the table is sorted by bytes without duplicates, every length is right
 * and the look-up finds every entry; else the index of the first bad entry
 * plus one (for the tests). */
size_t stance_lex_check(void);
#endif
