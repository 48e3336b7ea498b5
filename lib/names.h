/*
 * names.h - personal and organisation names as newspapers write them: the
 * capitalised name runs of an article (titles, initials, particles, party and
 * state suffixes), their surnames, canonical (longest) forms and gender hints.
 * Used by quotes.c (speakers, pronouns) and actors.c (discovery).
 */
#ifndef STANCE_NAMES_H
#define STANCE_NAMES_H
#include "lexicon.h"
#include "stance_internal.h"
#include "wordix.h"

/* One capitalised name run of the text. */
typedef struct stance_name {
    size_t start, end;   /* the whole run as written, titles included */
    size_t bare;         /* start of the run without leading titles / function words */
    size_t last;         /* start of the last token (the surname or head); the bare start for a
                          * name of several words joined by "&" (stance_name_joined()) */
    size_t last_end;     /* its end (suffixes such as "(R-Fla.)" and "Jr." excluded) */
    unsigned ntok;       /* tokens in [bare, last_end) */
    int gender;          /* STANCE_G_* hint from titles and first names */
} stance_name;

#define STANCE_G_UNKNOWN 0
#define STANCE_G_MALE 1
#define STANCE_G_FEMALE 2

/* Is run @p nm a name of several words joined by "&" ("Procter & Gamble",
 * "Northline Power & Light")? An organisation's, keyed whole: it has no
 * surname and no gender. */
static inline int stance_name_joined(const stance_name *nm)
{
    return nm->ntok > 1 && nm->last == nm->bare;
}

/* The gender of a first name with lexicon classes @p cls (FIRST_M,
 * FIRST_F); a name on both lists (Lindsey) leaves it to the pronouns. */
static inline int stance_first_name_gender(uint64_t cls)
{
    int f = (cls & STANCE_LX(FIRST_F)) != 0, m = (cls & STANCE_LX(FIRST_M)) != 0;
    return f == m ? STANCE_G_UNKNOWN : f ? STANCE_G_FEMALE : STANCE_G_MALE;
}

/* The gender of a person noun with lexicon classes @p cls (look it up
 * case-blind, stance_lex_classes_lower(): "man", "Wife", "mom"): its NOUN_M
 * or NOUN_F class, else STANCE_G_UNKNOWN. The one list behind "this man"
 * (a he), "his wife" (kinship) and "my mother ... she" (mentions*.c). */
static inline int stance_noun_gender(uint64_t cls)
{
    return cls & STANCE_LX(NOUN_M) ? STANCE_G_MALE : cls & STANCE_LX(NOUN_F) ? STANCE_G_FEMALE : STANCE_G_UNKNOWN;
}
/* The same for a plain person noun, no kinship noun: "this man", "said the
 * woman" (mentions.c, speaker_names.c); "this mother" has none. */
static inline int stance_plain_noun_gender(uint64_t cls)
{
    return cls & STANCE_LX(KIN) ? STANCE_G_UNKNOWN : stance_noun_gender(cls);
}

typedef struct stance_namelist {
    stance_name *v;
    size_t n, cap;
    size_t *by_last;     /* indices sorted by surname bytes, then most tokens first, then position */
    uint64_t *last_key;  /* [n]: the first 8 bytes of by_last[i]'s surname, big-endian and zero-padded */
    stance_wordix firsts; /* a long text's lowercase forms of the runs' first words (none for a short text) */
} stance_namelist;

/* The compiled name-run pattern (part of stance_qpatterns). */
pcre2_code *stance_names_pattern(pcre2_compile_context *cctx, int *errcode, PCRE2_SIZE *erroff);

/* Collect every name run of @p text in order. Allocation failures give
 * STANCE_ERR_NOMEM; a match-limit failure simply ends the scan of that run. */
int stance_names_scan(const pcre2_code *pat, pcre2_match_context *mctx, pcre2_general_context *gctx,
                      const char *text, size_t len, stance_namelist *out, stance_error *err);
/* The same with the pattern at every run start (no fast path in C; for the tests). */
int stance_names_scan_plain(const pcre2_code *pat, pcre2_match_context *mctx, pcre2_general_context *gctx,
                            const char *text, size_t len, stance_namelist *out, stance_error *err);
void stance_namelist_clear(stance_namelist *l);
/* Is one-token run @p nm a US state's or a name's abbreviation closed by its
 * period after "City, " ("Dover, Del.", "W.Va.", "Buckley, Jr.")? A place's or
 * a name's part, no name or title of its own (actors_discover.c). */
int stance_name_address_abbrev(const char *t, size_t len, const stance_name *nm);
/* Does the mark of a dateline follow a place's name that ends at t[e] (of
 * t[0, len)): past spaces a dash (U+2013..U+2015), '-' or '(' ("WASHINGTON -",
 * "Riverton \u2014", "DOVER (AP) -")? The one dateline test of the sieves'
 * subjects (after a name in capitals) and of targets.c's places (after a name
 * that opens its paragraph); sieves_subject.c. */
int stance_dateline_mark(const char *t, size_t len, size_t e);

/* The first place in l->by_last whose surname is not below w[0, n) in
 * by_last's order (l->n if none): a search over the 8-byte keys, the bytes
 * compared only on equal keys. The surname need not be in @p text (a
 * speaker's last word); for text[s, e), w = text + s and n = e - s. */
size_t stance_names_surname_at(const stance_namelist *l, const char *text, const char *w, size_t n);

/* Trim a name span [*s, *e) of @p text to the bare name: leading titles and
 * function words, a trailing possessive, suffixes ("(R-Fla.)", ", Jr."). Returns
 * the number of tokens left (0 when nothing name-like remains). *last gets the
 * start of the last token. */
unsigned stance_names_bare(const char *text, size_t *s, size_t *e, size_t *last);

/* Index of the canonical form for a bare name [s, e) whose last token starts
 * at @p last: the run of the article with the most tokens that ends with the
 * same tokens, the first in the text winning ties. -1 if none is longer.
 * A mention whose title or pronoun tells a gender @p g (STANCE_G_*) takes only
 * runs whose own gender fits ("Mr. Obama" is no "Michelle Obama": with none,
 * -1); of two people that fit (runs opening with different first names), the
 * one named nearest before @p pos, by its fullest run. A run whose first word
 * is no first name and is written in lowercase in @p text (of @p len bytes)
 * is no form of the name ("Rival Hillary Clinton"). */
long stance_names_canonical(const stance_namelist *l, const char *text, size_t len, size_t s, size_t e, size_t last,
                            int g, size_t pos);

/* Where the name in [s, e) starts when its first word is a word glued before
 * it ("Superintendent Kevin Drummond" with "the superintendent" nearby: a
 * capitalised word the text writes in lowercase, no first name, particle or
 * initial) and a listed first name and a surname follow: at that first name;
 * else @p s. */
size_t stance_names_unglued(const char *text, size_t len, size_t s, size_t e);

/* Gender hint of a bare name from titles / first-name lists. */
int stance_names_gender(const char *text, size_t s, size_t e);

/* 1 if [s,e) is a pronoun that can speak (he, she, they, I, we); *gender set. */
int stance_names_pronoun(const char *text, size_t s, size_t e, int *gender);

/* 1 if the word [s,e) is a title ("Sen.", "President") or a capitalised function word. */
int stance_names_is_title(const char *w, size_t n);
/* 1 if the word is a title abbreviation without its dot ("Rev", "Prof": ABBR_DOT, dotted form a title). */
int stance_names_is_undotted_title(const char *w, size_t n);
/* 1 when the lookup filters of names.c cover the lexicon's words (a test). */
int stance_names_tables_ok(void);
int stance_names_is_stopword(const char *w, size_t n);
/* Is the word w[0..n) a listed first name (either gender)? */
int stance_names_is_first_name(const char *w, size_t n);
/* The end of the text's first line, its headline, when it is at most 200 bytes
 * (after leading blanks) and a newline closes it, else 0 (no headline). */
size_t stance_names_headline_end(const char *t, size_t len);
/* Is one-word run @p nm a name in an editor's square brackets ("Chuck [Todd]"), or a
 * surname after a bracketed first name ("[Bob] Corker")? */
int stance_names_bracketed(const char *t, size_t len, const stance_name *nm);
#endif
