/*
 * mentions.h - every way an article refers to an actor, each mention with its
 * kind and the rule that found it: names, aliases and surnames (actors.c), and
 * here titles and role nouns the article ties to the person ("Gov. Tom Park"
 * ... "the governor"), epithets introduced by apposition ("Clinton, the
 * Democratic nominee," ... "the Democratic nominee"), third-person pronouns
 * resolved by gender and recency, first person inside a quote (the speaker,
 * or the speaker's group) and "you" when the attribution names the addressee.
 */
#ifndef STANCE_MENTIONS_H
#define STANCE_MENTIONS_H
#include <string.h>

#include "stance_internal.h"
#include "tokens.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Mention kinds (what a caller can filter on). */
enum {
    STANCE_MK_NAME = 0,    /* the canonical name or a longer form of it */
    STANCE_MK_ALIAS = 1,   /* one of the caller's aliases */
    STANCE_MK_SURNAME = 2, /* the last word of the name alone */
    STANCE_MK_TITLE = 3,   /* a title or role noun tied to the actor ("the governor") */
    STANCE_MK_EPITHET = 4, /* a description introduced by apposition ("the Democratic nominee") */
    STANCE_MK_PRONOUN = 5, /* he/she/him/her/his/hers..., they/them/their (organisations), "you" (named addressee) */
    STANCE_MK_SELF = 6,    /* first person in the actor's own quote (I/me/my/we/our) */
    STANCE_MK_COUNT = 7
};

/* The rule that found a mention (why it is this actor's). */
enum {
    STANCE_MR_NAME = 0,        /* the name as given or discovered */
    STANCE_MR_ALIAS,           /* a caller's alias */
    STANCE_MR_SURNAME,         /* the surname of a multi-word name */
    STANCE_MR_POSSESSIVE,      /* any of the above followed by 's */
    STANCE_MR_TITLE_BEFORE,    /* "the <role>" after "<Role> <Name>" ("Gov. Tom Park") */
    STANCE_MR_ROLE_APPOSITION, /* "the <role>" after "<Name>, the <role>," or "the <role>, <Name>" */
    STANCE_MR_EPITHET,         /* "the <description>" after "<Name>, the <description>," */
    STANCE_MR_PRONOUN_GENDER,  /* he/she... -> the latest actor of that gender */
    STANCE_MR_PRONOUN_RECENT,  /* he/she... -> the latest person-like actor of unknown gender */
    STANCE_MR_FIRST_PERSON,    /* I/me/my... in the speaker's quote */
    STANCE_MR_SPEAKER_GROUP,   /* we/us/our in a quote of the actor's spokesperson ("Park's spokeswoman") */
    STANCE_MR_ADDRESSEE,       /* you/your in a quote "told <Name>" */
    STANCE_MR_ORG_HEAD,        /* "the party" for the organisation actor "Democratic Party" named last */
    STANCE_MR_PRONOUN_SPEAKER, /* "..., he said": the speaker the attribution sieves resolved the pronoun to */
    STANCE_MR_PRONOUN_PLURAL,  /* they/them/their -> the organisation actor named just before */
    STANCE_MR_SURNAME_SHARED,  /* a surname several actors share -> the one of them named in full last */
    STANCE_MR_INTERLOCUTOR,    /* you/your in a quote of an exchange (A, B, A) -> the other speaker */
    STANCE_MR_SURNAME_PLURAL,  /* "the Clintons", "the Bushes": every person actor of that surname */
    STANCE_MR_PARTY_ADJECTIVE, /* "Republican efforts" in a quote -> "Republican Party" (mentions_more.c) */
    STANCE_MR_KINSHIP,         /* "my father", "his wife" in a quote -> the actor of that surname (mentions_more.c) */
    STANCE_MR_PAIR,            /* "these two men" in a quote -> the two male actors named last (mentions_more.c) */
    STANCE_MR_ADDRESSEE_RECENT, /* you/your in a quote -> the answerer, or the person addressed just before it */
    STANCE_MR_DEMONYM,         /* "Russian interference" in a quote -> the actor "Russia" (mentions_more.c) */
    STANCE_MR_FIRST_NAME,      /* a listed first name alone -> the one actor whose name opens with it (actors_discover.c) */
    STANCE_MR_SHORT_FORM,      /* a passed actor's leading word(s) alone ("Brightline" of "Brightline Foods") */
    STANCE_MR_PRONOUN_PAIR,    /* they/them/their -> the two persons just before ("Park and Ito") (mentions_pron.c) */
    STANCE_MR_PRONOUN_CONTINUED, /* "It", he/she opening a quote -> the actor opening the speaker's quote before */
    STANCE_MR_AGE,             /* "the 54-year-old" after "<Name>, 54," (mentions.c) */
    STANCE_MR_PRONOUN_OBJECT,  /* he/she in a quote -> the object of its attribution ("said of Park") (mentions_pron.c) */
    STANCE_MR_RIVAL,           /* "my opponent", "his rival", "the other guy" -> the owner's rival (mentions_rival.c) */
    STANCE_MR_COUNT
};

typedef struct stance_mention {
    stance_span span;
    unsigned char kind, rule;
} stance_mention;

/* Static names ("role-apposition", ...), never NULL; stance_mention_kind_name() is public. */
const char *stance_mention_rule_name(int rule);

struct stance_ent;
struct stance_entityset;
struct stance_quotelist;
struct stance_rawquote;

/* Add the title, epithet, pronoun, speaker-self and addressee mentions of the
 * actors in @p ents (whose name mentions are found) to each actor's `more`
 * list, in text order, and set each actor's gender. */
int stance_mentions_find(const struct stance_quotelist *quotes, const char *text, size_t len,
                         struct stance_entityset *ents, stance_error *err);

/* Append a mention to the actor's `more` list (not sorted). */
int stance_mentions_add(struct stance_ent *e, size_t start, size_t end, int kind, int rule);
/* A kind that marks a name mention (e->mentions) to be dropped by stance_mentions_drop_marked(). */
#define STANCE_MK_DROPPED 0xFFu
/* Drop every name mention marked STANCE_MK_DROPPED from the actors of @p ents,
 * keeping the others in order; how many were dropped. */
size_t stance_mentions_drop_marked(struct stance_entityset *ents);
/* mentions_more.c: a party's adjective inside a quote ("Republican efforts")
 * as a name mention of the actor "<Adjective> Party"; a country's ("Russian
 * interference") as one of the country actor; "the party", "the state", "the
 * kingdom" as one of the article's one party, US state or kingdom actor. */
int stance_mentions_party_adjectives(const struct stance_quotelist *quotes, const char *text,
                                     struct stance_entityset *ents);
/* mentions_more.c, one pass over the words of each quote: "my father", "his
 * wife", "Park's son" as an epithet mention of the one actor of the
 * possessor's surname that fits; "these two men", "either one of these guys"
 * as one of each of the two male actors mentioned last ("both candidates",
 * "these nominees": the two persons of known gender). */
int stance_mentions_in_quotes(const struct stance_quotelist *quotes, const char *text, struct stance_entityset *ents);
/* The index of the quote of @p ql (in text order) that holds t[a, b), or ql->n
 * when none does. */
size_t stance_quote_holding(const struct stance_quotelist *ql, size_t a, size_t b);

/* mentions_more.c: is the word t[ws, we), between an organisation and the
 * "they" at t[b, be), a plural noun of the pronoun's sentence that "they" may
 * mean instead ("gun dealers should be sued when they", "Other centers may
 * move if they")? A lowercase -s word of four letters or more that the
 * lexicon does not list, no possessive, within PLURAL_NOUN_REACH bytes of the
 * pronoun, no sentence end between, and no pronoun or determiner right after
 * it ("shows their": a verb). */
#define PLURAL_NOUN_REACH 60
int stance_plural_noun_before(const char *t, size_t ws, size_t we, size_t b, size_t be);
/* mentions_more.c: does the sentence of the "they" at @p ws, or the one
 * before it, open with a plural noun phrase as its subject ("The deportation
 * centers are a disgrace. They are keeping children"; after an opening phrase
 * and a comma too: "To Park, the four officials do not matter. They are
 * ..."), after @p floor (the organisation named before)? The pronoun then
 * means those, not the organisation. */
int stance_plural_subject_before(const char *t, size_t ws, size_t floor);
/* mentions_more.c: the least j >= @p from (and >= 3) with t[j - 3, j) "the" in
 * any case (the epithet search's places), or @p len when none is below it. */
size_t stance_after_the(const char *t, size_t from, size_t len);
/* mentions_more.c: is the he/him/his pronoun t[ws, we) capitalised inside a
 * sentence ("ask for His forgiveness", "knows Him and"): a lowercase word and
 * one space before it, and no capitalised word after (not a headline's "Part
 * of His Message")? The deity: no actor. */
int stance_deity_pronoun(const char *t, size_t len, size_t ws, size_t we);

/* The actor who speaks quote @p q: one with a name mention in the speaker
 * span, else the one whose name agrees with the speaker's name; -1 if none. */
long stance_mentions_speaker(const struct stance_entityset *ents, const char *text,
                             const struct stance_rawquote *q);

/* The actor the speaker of @p q speaks for ("Clinton's communications
 * director", "a spokeswoman for Park"), other than @p speaker; -1 if none. */
long stance_mentions_principal(const struct stance_entityset *ents, const char *text,
                               const struct stance_rawquote *q, long speaker);
/* mentions_more.c: the places an attribution may address an actor ("told
 * Park", "asked the governor"): the entities' title and epithet mentions by
 * start, and their name mentions through the name index (mindex.h), so that
 * each quote's search is a binary search and the mentions of its attribution,
 * not a pass over every mention of the text. Built after the title and
 * epithet mentions are final (ents->ix must be built); the mentions added
 * later (self, pronouns) are of no kind it reads. */
/* Is actor @p e of unknown gender named by an acronym alias ("KKK"): no person. */
int stance_mentions_acronym_alias(const char *t, const struct stance_ent *e);
/* Each actor's "more" mentions in text order, of overlapping ones the longest only. */
void stance_mentions_sort_more(struct stance_entityset *ents);

/* Does the name t[s, e) stand in a list ("X and Y", "... and X")? */
int stance_name_in_list(const char *t, size_t len, size_t s, size_t e);

typedef struct stance_addrindex stance_addrindex;
int stance_addrindex_build(const struct stance_entityset *ents, stance_addrindex **out);
void stance_addrindex_free(stance_addrindex *ix);
/* The actor the attribution of @p q addresses ("told Park"): the lowest entity
 * index with such a mention in the quote's context outside the quote, or -1. */
long stance_mentions_addressee(const stance_addrindex *ix, const char *text, const struct stance_rawquote *q);

/* The actor a "you" in quote @p q speaks to when its attribution names none:
 * the person actor (@p person[i] nonzero) last addressed by a verb of address
 * or a message ("telling Trump that", "a message to Clinton") after @p from
 * and within STANCE_YOU_REACH bytes before the quote, that is neither the
 * speaker @p sp, nor the group @p pr it speaks for, nor mentioned in the
 * quote; -1 if none. */
#define STANCE_YOU_REACH 600
long stance_mentions_recent_addressee(const struct stance_entityset *ents, const char *text,
                                      const struct stance_rawquote *q, size_t from, long sp, long pr,
                                      const unsigned char *person);
/* The word [ws, we) of @p t lowercased into @p buf (ASCII only); 0 if it is
 * not ASCII or does not fit @p cap with its NUL. */
size_t stance_mentions_lower(const char *t, size_t ws, size_t we, char *buf, size_t cap);
/* Start of the words before a mention at @p start once a title or role word
 * and "the"/"former" are skipped ("accused Gov. Tom Park" -> after "accused"). */
size_t stance_mentions_skip_title(const char *t, size_t start);

/* Does a description end at the comma at @p i, right before a name ("the
 * chief executive of Skyridge Airways, Bernard Lisle", "a former senator, Jo
 * Roe"): a head word (@p is_head(t, ws, we, @p arg)) last, or before
 * "of"/"for"/"at"/"in", an article or possessive at most three words before
 * it, no stop in between? The head's span goes to @p head_at (may be NULL).
 * Speakers (speaker_names.c) and actors' role mentions (find_ties) alike. */
typedef int (*stance_head_fn)(const char *t, size_t ws, size_t we, const void *arg);
int stance_apposed_head(const char *t, size_t i, stance_head_fn is_head, const void *arg, stance_span *head_at);
/* A stance_head_fn (@p arg unused): is t[ws, we) a role's word or a person
 * noun ("senator", "executive")? */
int stance_role_or_person(const char *t, size_t ws, size_t we, const void *arg);

/* 1 if the built-in word tables are sorted (they are binary-searched). */
int stance_mentions_tables_sorted(void);

/* Is t[i] a byte of a word (the one test of the mentions*.c files)?
 * A word is a run of ASCII letters and digits and non-ASCII letters; quote
 * marks, dashes, apostrophes and the no-break space end it. @p len bounds the look at a
 * character's next byte. The bytes' classes: STANCE_WORD_CLASS (tokens.h). */
static inline int stance_word_byte(const char *t, size_t i, size_t len)
{
    unsigned char c = (unsigned char)t[i];
    if (STANCE_WORD_CLASS[c] < 2)
        return STANCE_WORD_CLASS[c];
    /* U+2000..U+20FF (quote marks, dashes, apostrophes and the signs after
     * them) are punctuation, U+00A0 (no-break space) a space */
    if ((c == 0xE2 && i + 1 < len && ((unsigned char)t[i + 1] & 0xFC) == 0x80) ||
        stance_nbsp_at(t, i, len))
        return 0;
    if (c >= 0x80 && c < 0xC0) { /* a continuation byte: part of whatever its lead byte is */
        size_t k = i;
        while (k > 0 && ((unsigned char)t[k] & 0xC0) == 0x80)
            k--;
        return !(((unsigned char)t[k] == 0xE2 && k + 1 < len && ((unsigned char)t[k + 1] & 0xFC) == 0x80) ||
                 stance_nbsp_ends(t, 0, i + 1));
    }
    return 1;
}

/* The end of the word going on at @p pos (before @p end; @p len: the text's):
 * ASCII letters and digits by the table, then stance_word_byte(). */
static inline size_t stance_word_end(const char *t, size_t pos, size_t end, size_t len)
{
#if defined(__SSE2__)
    /* 16 bytes at a time: a word's end is one compare mask away, where the
     * byte loop's exit, after a word of any length, is a branch mispredicted */
    const __m128i a = _mm_set1_epi8('a'), z = _mm_set1_epi8('z' - 'a'), zero = _mm_set1_epi8('0'),
                  nine = _mm_set1_epi8(9), bit = _mm_set1_epi8(0x20);
    while (pos + 16 <= end) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + pos));
        __m128i l = _mm_sub_epi8(_mm_or_si128(x, bit), a), d = _mm_sub_epi8(x, zero);
        __m128i in = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(l, z), l), _mm_cmpeq_epi8(_mm_min_epu8(d, nine), d));
        unsigned out = ~(unsigned)_mm_movemask_epi8(in) & 0xFFFFu;
        if (out) {
            pos += (size_t)__builtin_ctz(out);
            break;
        }
        pos += 16;
    }
#endif
    while (pos < end && STANCE_WORD_CLASS[(unsigned char)t[pos]] == 1)
        pos++;
    while (pos < end && stance_word_byte(t, pos, len))
        pos++;
    return pos;
}

/* Word helpers shared with targets.c. A word is a run of letters, digits and
 * non-ASCII letters; quote marks, dashes and apostrophes end it. */
int stance_word_before(const char *t, size_t pos, size_t *ws, size_t *we);
int stance_word_after(const char *t, size_t len, size_t pos, size_t *ws, size_t *we);
/* Case-insensitive (ASCII) comparison of the word t[ws, we) with @p lit
 * (inline: the literal's length folds into the first comparison). */
static inline int stance_word_is(const char *t, size_t ws, size_t we, const char *lit)
{
    size_t n = strlen(lit);
    if (we - ws != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = t[ws + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != lit[i])
            return 0;
    }
    return 1;
}
/* Role noun of the word (lowercase canonical, "governor" for "Gov."), or NULL. */
const char *stance_role_of(const char *t, size_t ws, size_t we, int *gender);
/* mentions_roles.c: the role of the title whose role word is t[ws, we), its
 * two words as one when they start at or after @p from ("prime minister" of
 * "Prime Minister Jo Roe" and of "the prime minister", "vice president",
 * "attorney general"), else the role word's own role ("minister" of "Health
 * Minister Rune Falk"); NULL: no role word. */
const char *stance_role_title(const char *t, size_t ws, size_t we, size_t from);
#endif
