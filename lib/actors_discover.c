/*
 * actors_discover.c - the actors of a text when the caller passes none
 * (stance_actors_discover(); the caller's actors are matched in actors.c).
 *
 * Discovered from the name runs the quote extractor collected (names.c), grouped by surname: every group that speaks in a quote, every
 * group with a full (multi-word) name mentioned at least twice (once when it
 * opens with a listed first name: stance_actors_first_name_len(), or the text
 * calls it a company: company_named()), every one-word name
 * mentioned three times (one_word_actor(); twice when a quote holds one),
 * every multi-word name a quote holds, every name a person's title or role
 * precedes once ("Sen. Harlan": titled_group()) and every acronym a quote
 * names (acronym_in_quote()); in quotes, a capital counts as a name only where
 * a common word would not carry one (quoted_name_evidence()). A headline's run
 * a state's abbreviation after a comma and a number's label are no evidence
 * at all (no_evidence()). A name that modifies "campaign", "camp",
 * "administration" or "organization" names that body instead
 * (discover_bodies()). A party's forms ("Republicans", "GOP", "the
 * Republican Party") are one actor named by the party (discover_parties());
 * Twitter handles are aliases of the person they name (actors_handles.c).
 * A first name alone is its person's (actors_short.c, which also gives the
 * caller's actors their first names and leading words: stance_actors_short_forms()).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "lexicon.h"
#include "mentions.h"
#include "mentions_kind.h"
#include "names_org.h"
#include "sort.h"
#include "tokens.h"

/* 2 if w[0, n) is a pronoun's contraction ("I've", "We’re"), 1 if a pronoun, else 0. */
static int pronoun_word(const char *w, size_t n)
{
    size_t ap = 0;
    while (ap < n && w[ap] != '\'' && !(ap + 3 <= n && memcmp(w + ap, "\xe2\x80\x99", 3) == 0))
        ap++;
    return (stance_lex_classes(w, ap) & STANCE_LX(PRONOUN)) ? 1 + (ap < n) : 0;
}

/* A one-word name ("Israel", "FBI", "Obama" never named in full) is an actor
 * once it recurs: ONE_WORD_MIN times, or QUOTED_ONE_WORD times when a quote
 * holds one of them (the speaker's own words name it: "Russia", "Walmart";
 * chosen on the train labels: +11 pairs linked, off-target the same, 50
 * more stances toward entities the labels do not list; once in a quote
 * links 39 more for 322 more such stances); not the head noun of an organisation's name alone ("Party"
 * from "Democratic Party", whose adjective names.c reads as a title). */
#define ONE_WORD_MIN 3
#define QUOTED_ONE_WORD 2

static int one_word_actor(const char *t, const stance_name *head, size_t count, size_t min)
{
    const char *w = t + head->last;
    size_t n = head->last_end - head->last;
    if (head->ntok != 1 || count < min || n < 2)
        return 0;
    /* "I'm", "We’re": a pronoun's contraction, not a name */
    if (pronoun_word(w, n) == 2)
        return 0;
    /* "Republican", "Democratic": a title before a name, an adjective alone;
     * "Party", "Department": the end of a name, a common noun alone (but
     * "Democrats" and "Congress" name a group alone) */
    return !(stance_lex_classes(w, n) & STANCE_LX(TITLE)) &&
           (stance_lex_rules(w, n) & (STANCE_LQ(ORG_LAST) | STANCE_LQ(ORG_ALONE))) != STANCE_LQ(ORG_LAST);
}

/* ---- evidence of a name inside a quote (the quoted rules): a capital only where a common word
 * would not carry one. Each test has a row of tests/test_actors.c (disc_cases) that fails without it. */

/* Does run @p nm open a sentence, a line or a quote, or follow a colon, a
 * semicolon or a dash? A title or function word inside the run
 * ("the", "Sen.") before its bare name is a name's own opening: then no. */
static int run_initial(const char *t, const stance_name *nm)
{
    size_t i = nm->start;
    if (nm->bare > nm->start)
        return 0;
    while (i > 0) {
        unsigned char c = (unsigned char)t[i - 1];
        if ((c == '"' || c == '\'') && i == nm->start)
            return 1; /* a straight quote mark against the run opens a quote */
        if (c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '(' || c == '[')
            i--;
        else if (i >= 3 && (unsigned char)t[i - 3] == 0xE2 && (unsigned char)t[i - 2] == 0x80 &&
                 ((unsigned char)t[i - 1] == 0x9C || (unsigned char)t[i - 1] == 0x98))
            return 1; /* an opening curly quote */
        else if (stance_nbsp_ends(t, 0, i))
            i -= 2;
        else
            return (c == '.' && !(i >= 2 && t[i - 2] >= 'A' && t[i - 2] <= 'Z' &&
                                  (i == 2 || t[i - 3] == ' ' || t[i - 3] == '\n'))) || /* not "M. Stanton Evans" */
                   c == '!' || c == '?' || c == ':' || c == ';' || c == '\n' || c == '-' ||
                   (i >= 3 && stance_dash_at(t, i - 3, i)); /* an en or em dash, a horizontal bar */
    }
    return 1;
}

/* Is run @p nm in capitals throughout ("STUPID AND WRONG", "NEVER") and longer
 * than an acronym ("NATO", "DNC": ACRONYM_MAX letters)? */
#define ACRONYM_MAX 5

static int run_shouting(const char *t, const stance_name *nm)
{
    size_t capitals = 0, i = nm->bare;
    while (i < nm->last_end && (unsigned char)(t[i] - 'a') >= 26u) /* up to a lowercase letter */
        capitals += (unsigned char)(t[i++] - 'A') < 26u;
    return i == nm->last_end && capitals > ACRONYM_MAX;
}

/* "The article" of the tests below that search it for a word: the text near
 * run @p nm (stance_near()), as [*lo, *hi). */
static void near_run(size_t len, const stance_name *nm, size_t *lo, size_t *hi)
{
    stance_near(len, nm->bare, nm->last_end, lo, hi);
}

/* Classify the words of a run: *common when every word, lowercased, is a word
 * the lexicon knows or one the article itself writes in lowercase ("Law
 * Enforcement" beside "law enforcement", "Vote"; not a one-word run the lexicon
 * knows capitalised: "Congress"); *pron when a word is a pronoun or a pronoun's contraction ("Look I've"). */
static void run_words(const char *t, size_t len, const stance_name *nm, int *common, int *pron)
{
    char low[STANCE_LEX_MAXLEN + 1];
    size_t i = nm->bare, lo, hi;
    near_run(len, nm, &lo, &hi);
    *common = 1;
    *pron = 0;
    while (i < nm->last_end) {
        size_t s = i, n;
        while (i < nm->last_end && t[i] != ' ')
            i++;
        n = i - s;
        while (i < nm->last_end && t[i] == ' ')
            i++;
        if (n > STANCE_LEX_MAXLEN) {
            *common = 0;
            continue;
        }
        for (size_t k = 0; k < n; k++)
            low[k] = (char)(t[s + k] >= 'A' && t[s + k] <= 'Z' ? t[s + k] | 0x20 : t[s + k]);
        if (pronoun_word(t + s, n) || pronoun_word(low, n))
            *pron = 1;
        if (*common && ((nm->ntok == 1 && stance_lex_known(t + s, n)) ||
                                        (!stance_lex_known(low, n) && !stance_word_in_text(t + lo, hi - lo, low, n))))
            *common = 0;
    }
}

/* Is run @p nm of a quote evidence of a name for the quoted rules? Not when it
 * shouts, is an ordinary word (one word), or (two or more words) is made of
 * ordinary words only or holds a pronoun. (A one-word name also needs a
 * mention that opens no sentence: run_initial().) Chosen on the train labels
 * and the first 300 PolNeAR records (bench/RESULTS.md, disc3). */
static int quoted_name_evidence(const char *t, size_t len, const stance_name *nm)
{
    int common, pron;
    if (run_shouting(t, nm))
        return 0;
    run_words(t, len, nm, &common, &pron);
    if (nm->ntok < 2)
        return !common;
    return !common && !pron;
}


/* ---- runs that are no evidence of a name at all (disc4): left out of the surname groups ---- */

/* Is run @p nm a US state's or a name's abbreviation (lexicon ADDR_ABBR) closed by a period after
 * a comma that follows a word, or right after another ("Worcester, Mass.",
 * "Roanoke, Va.", "W.Va.", "William F. Buckley, Jr.")? An address's or a
 * name's part, no name of its own ("No, Trump." is a name). */
int stance_name_address_abbrev(const char *t, size_t len, const stance_name *nm)
{
    size_t s = nm->bare;
    if (nm->ntok != 1 || nm->last_end >= len || t[nm->last_end] != '.' || s < 3 ||
        !(stance_lex_classes(t + s, nm->last_end - s) & STANCE_LX(ADDR_ABBR)))
        return 0;
    if (t[s - 1] == '.' && (unsigned char)(t[s - 2] - 'A') < 26u)
        return 1; /* "W.Va." */
    return t[s - 1] == ' ' && t[s - 2] == ',' && stance_is_word_byte((unsigned char)t[s - 3]);
}

/* Is one-word run @p nm the label of a number, written against it ("HB2",
 * "Future45") or a space before it ("Rule 40", "Number 10")? A numbered
 * thing, no name; not a name before a year ("Trump 2016"). */
static int number_label(const char *t, size_t len, const stance_name *nm)
{
    size_t e = nm->last_end, d;
    if (nm->ntok != 1)
        return 0;
    if (e < len && t[e] == ' ')
        e++;
    for (d = e; d < len && (unsigned char)(t[d] - '0') < 10u; d++)
        ;
    /* a space between: the number ends a phrase ("Rule 40,", "Number 10 Downing"; not "Clinton 1) registers") */
    return d > e && d - e != 4 && (d == len || !stance_is_word_byte((unsigned char)t[d])) &&
           (e == nm->last_end || d == len || t[d] == ' ' || t[d] == ',');
}

/* Is line t[s, e) a headline in title case: three or more capitalised words
 * and no lowercase word but a headline's small words (lexicon HEAD_SMALL) ("Clinton Wades In:
 * Urges Britain to Remain In European Union.")? */
static int headline_line(const char *t, size_t s, size_t e)
{
    size_t caps = 0;
    while (s < e) {
        size_t w;
        while (s < e && (t[s] == ' ' || t[s] == '\t'))
            s++;
        for (w = s; s < e && t[s] != ' ' && t[s] != '\t'; s++)
            ;
        if (w == s)
            break;
        if ((unsigned char)(t[w] - 'a') < 26u) {
            size_t n = 0;
            while (w + n < s && (unsigned char)(t[w + n] - 'a') < 26u)
                n++;
            if (!(stance_lex_classes(t + w, n) & STANCE_LX(HEAD_SMALL))) /* "of", "up", "vs" */
                return 0;
        } else
            caps += (unsigned char)(t[w] - 'A') < 26u;
    }
    return caps >= 3;
}

/* Is headline run @p nm (in line [ls, le)) still evidence of a name: a
 * listed first name and a surname ("Cecile Richards"), or a run the article
 * writes again outside that line ("Canada", "Trump")? */
static int headline_name(const char *t, size_t len, const stance_name *nm, size_t ls, size_t le)
{
    size_t n = nm->last_end - nm->bare, lo, hi;
    if (nm->ntok == 2 && stance_actors_first_name_len(t, nm))
        return 1;
    near_run(len, nm, &lo, &hi);
    return (lo < ls && stance_word_in_text(t + lo, ls - lo, t + nm->bare, n)) ||
           (le < hi && stance_word_in_text(t + le, hi - le, t + nm->bare, n));
}

/* The run that names a surname group without a first name: @p hk (the first
 * of the most words), unless it stands in the headline and a run of as many
 * words stands after it, not taken: a headline's capitals do not tell a
 * name's extent ("Upstart Okafor stuns ..." beside "Nia Okafor"). */
static size_t group_head(const stance_namelist *l, const char *t, size_t len, size_t i, size_t j, size_t hk,
                         const unsigned char *taken)
{
    size_t he = stance_names_headline_end(t, len);
    if (l->v[hk].start >= he)
        return hk;
    for (size_t k = i; k < j; k++) {
        const stance_name *o = &l->v[l->by_last[k]];
        if (!taken[l->by_last[k]] && o->ntok == l->v[hk].ntok && o->start > he)
            return l->by_last[k];
    }
    return hk;
}

/* The first place in l->by_last of the runs whose last word is w[0, n), or l->n. */
size_t stance_actors_by_last_find(const stance_namelist *l, const char *t, const char *w, size_t n)
{
    size_t k = stance_names_surname_at(l, t, w, n);
    return k < l->n && stance_name_last_is(t, &l->v[l->by_last[k]], w, n) ? k : l->n;
}

/* Is run @p nm of three words or more a person's name the article writes
 * alone (a listed first name and a surname: "Ted Cruz") run together with
 * more capitals ("Ted Cruz South Carolina", "Donald Trump Leads")? */
static int joined_name(const stance_namelist *l, const char *t, const stance_name *nm)
{
    size_t fl = nm->ntok >= 3 ? stance_actors_first_name_len(t, nm) : 0, s2, e2, k;
    if (!fl || t[nm->bare + fl] != ' ' ||
        ((stance_lex_rules(t + nm->last, nm->last_end - nm->last) & STANCE_LQ(ORG_LAST)) &&
         !(stance_lex_classes(t + nm->last, nm->last_end - nm->last) & STANCE_LX(PLACE))))
        return 0; /* not an organisation named after a person ("Eric Trump Foundation"; a place is no such end) */
    for (s2 = e2 = nm->bare + fl + 1; e2 < nm->last && t[e2] != ' ';)
        e2++;
    for (k = stance_actors_by_last_find(l, t, t + s2, e2 - s2);
         k < l->n && stance_name_last_is(t, &l->v[l->by_last[k]], t + s2, e2 - s2); k++) {
        const stance_name *o = &l->v[l->by_last[k]];
        if (o != nm && o->last_end - o->bare == e2 - nm->bare && memcmp(t + o->bare, t + nm->bare, e2 - nm->bare) == 0)
            return 1;
    }
    return 0;
}

/* Does run @p nm end in a compound modifier, a name and after its last hyphen
 * a lowercase word of five letters or more or an ordinary one of three or
 * four (stance_actors_ordinary_word()): "Rubio-style", "Jeb Bush-spent", "Spanish-language";
 * not "Mar-a-Lago", "Kim Jong-un", "Ban Ki-moon")? */
static int compound_modifier(const char *t, size_t len, const stance_name *nm)
{
    size_t i = nm->last_end, n, lo, hi;
    while (i > nm->last && t[i - 1] != '-')
        i--;
    n = nm->last_end - i;
    near_run(len, nm, &lo, &hi);
    return i > nm->last && n >= 3 && (unsigned char)(t[i] - 'a') < 26u &&
           (n >= 5 || stance_actors_ordinary_word(t + lo, hi - lo, t + i, n));
}

/* Does the text call run @p nm of two words or more a company: a company's
 * or bank's noun right before it ("the investment bank Goldman Sachs", "the
 * law firm Perkins Coie"), or "Inc."/"Corp."/"LLC" after it or as its last
 * word ("Mercury LLC"; not when the words before that are a name of their own
 * in @p l: "Pfizer Inc." where "Pfizer" is written too, which is then the
 * actor)? Such a name is an actor named once (a two-word company otherwise
 * reads as a person's name and waits for a second mention). */
static int corp_suffix(const char *t, size_t ws, size_t we)
{
    return stance_word_is(t, ws, we, "inc") || stance_word_is(t, ws, we, "corp") || stance_word_is(t, ws, we, "llc");
}

static int company_named(const stance_namelist *l, const char *t, size_t len, const stance_name *nm)
{
    size_t ws, we, e = nm->last_end, xs, xe;
    if (nm->ntok < 2)
        return 0;
    if (stance_word_before(t, nm->bare, &ws, &we)) {
        if (we + 1 == nm->bare && t[ws] >= 'a' && t[ws] <= 'z' &&
            (stance_org_noun_kind(t, ws, we) & (STANCE_OK_COMPANY | STANCE_OK_BANK)))
            return 1;
        if (stance_word_is(t, ws, we, "of") && stance_word_before(t, ws, &xs, &xe) && t[xs] >= 'A' && t[xs] <= 'Z')
            return 0; /* the end of a longer name: "Democratic Socialists of America Inc." */
    }
    if (corp_suffix(t, nm->last, nm->last_end)) /* "Halden Marsh LLC": the run's own last word */
        return stance_word_before(t, nm->last, &ws, &we) && ws >= nm->bare &&
               stance_actors_by_last_find(l, t, t + ws, we - ws) == l->n;
    if (e < len && t[e] == ',')
        e++;
    return stance_word_after(t, len, e, &ws, &we) && ws == e + 1 && corp_suffix(t, ws, we);
}

/* Leave out of the surname groups (mark @p taken) the runs that are no
 * evidence of a name: stance_name_address_abbrev(), number_label(), joined_name(), compound_modifier(), and a run in a headline line, whose
 * capitals do not tell a name's extent ("Urges Britain", "Donald Trump Praises
 * Breitbart"), unless headline_name(). The runs are in text order. */
static void no_evidence(const stance_namelist *l, const char *t, size_t len, unsigned char *taken)
{
    size_t ls = 0, le = 0;
    int head = 0;
    for (size_t k = 0; k < l->n; k++) {
        const stance_name *nm = &l->v[k];
        if (taken[k])
            continue;
        if (nm->start >= le) {
            const char *nl;
            while ((nl = memchr(t + ls, '\n', nm->start - ls)) != NULL) /* the line's start: after the last newline */
                ls = (size_t)(nl - t) + 1;
            nl = memchr(t + nm->start, '\n', len - nm->start);
            le = nl ? (size_t)(nl - t) : len;
            head = headline_line(t, ls, le);
        }
        if ((head && nm->end <= le && !headline_name(t, len, nm, ls, le)) || stance_name_address_abbrev(t, len, nm) ||
            number_label(t, len, nm) || joined_name(l, t, nm) || compound_modifier(t, len, nm))
            taken[k] = 1;
    }
}

/* The length of the first word of a full name that opens with a listed first
 * name ("Marco" of "Marco Rubio"), or 0. Such a name is a person: an actor the
 * first time the article names them. So is any name of two or more words a
 * quote holds, even named once ("the State Department", "Emerson College";
 * chosen on the train labels: +18 pairs linked, off-target the same, 63 more
 * stances toward entities the labels do not list). */
size_t stance_actors_first_name_len(const char *t, const stance_name *nm)
{
    size_t e = nm->bare;
    if (nm->ntok < 2)
        return 0;
    while (e < nm->last && t[e] != ' ' && !stance_nbsp_at(t, e, nm->last_end))
        e++; /* a space or a no-break one ("Donald\u00a0Trump") ends the first name */
    return stance_names_is_first_name(t + nm->bare, e - nm->bare) ? e - nm->bare : 0;
}

/* stance_actors_first_name_len() of run k of @p l, looked up once: memo[k] is SIZE_MAX until then. */
static size_t first_len(const stance_namelist *l, const char *t, size_t k, size_t *memo)
{
    if (memo[k] == SIZE_MAX)
        memo[k] = stance_actors_first_name_len(t, &l->v[k]);
    return memo[k];
}

/* An acronym of two to five capitals ("NATO", "ISIS", "DNC"): an organisation
 * or a country, an actor when a quote names it even once. */

static int acronym_in_quote(const stance_quotelist *quotes, const stance_name *nm, const char *t)
{
    size_t n = nm->last_end - nm->last;
    if (nm->ntok != 1 || n < 2 || n > ACRONYM_MAX)
        return 0;
    for (size_t c = nm->last; c < nm->last_end; c++)
        if (t[c] < 'A' || t[c] > 'Z')
            return 0;
    return stance_quote_holding(quotes, nm->start, nm->end) < quotes->n;
}

/* Is acronym run @p nm no ordinary word in capitals ("NO", "ALL", "WHITE" are;
 * "US" is a pronoun's capitals, a country)? */
static int acronym_no_word(const char *t, size_t len, const stance_name *nm)
{
    int common, pron;
    run_words(t, len, nm, &common, &pron);
    return !common || pron;
}

/* Is w[0, n) (lowercase) an ordinary word: one the lexicon knows, or one the
 * article writes after a space ("the pollsters"; not "france" of
 * "ouest-france.fr", nor "style" of "Rubio-style")? */
int stance_actors_ordinary_word(const char *t, size_t len, const char *w, size_t n)
{
    char b[STANCE_LEX_MAXLEN + 1];
    if (stance_lex_known(w, n))
        return 1;
    if (n > STANCE_LEX_MAXLEN || !stance_word_in_text(t, len, w, n))
        return 0; /* (most are not there at all: the fast search first) */
    b[0] = ' ';
    memcpy(b + 1, w, n);
    for (const char *p = t; (p = memmem(p, (size_t)(t + len - p), b, n + 1)) != NULL; p++)
        if (p + n + 1 == t + len || !stance_is_word_byte((unsigned char)p[n + 1]))
            return 1;
    return 0;
}

/* Is one-word run @p nm no ordinary word: neither one the lexicon knows nor
 * one the article writes in lowercase after a space ("True" beside "mostly
 * true", "Pollsters" beside "the pollsters"; not "france" of "ouest-france.fr"),
 * unless the lexicon knows it capitalised ("Congress") or it is a pronoun's
 * capitals ("US")? Asked of the one-word names named ONE_WORD_MIN times and of
 * those that speak ("Aides said" beside "the aides"). */
static int one_word_no_word(const char *t, size_t len, const stance_name *nm)
{
    char low[STANCE_LEX_MAXLEN];
    size_t n = nm->last_end - nm->bare, lo, hi;
    if (n > STANCE_LEX_MAXLEN || stance_lex_known(t + nm->bare, n))
        return 1;
    for (size_t k = 0; k < n; k++)
        low[k] = (char)((unsigned char)(t[nm->bare + k] - 'A') < 26u ? t[nm->bare + k] | 0x20 : t[nm->bare + k]);
    near_run(len, nm, &lo, &hi);
    return pronoun_word(low, n) || !stance_actors_ordinary_word(t + lo, hi - lo, low, n);
}

/* Is run @p nm a title and a name that make all of a phrase in quotation
 * marks, a nickname ("Miss Piggy", "Mr. Brexit" between quotation marks)?
 * No person the title names. */
static int title_nickname(const char *t, size_t len, const stance_name *nm)
{
    size_t s = nm->start, e = nm->last_end, w = s;
    while (w < nm->bare && t[w] != ' ' && t[w] != '.')
        w++;
    if (nm->bare == s || s == 0 || e >= len ||
        !(stance_lex_classes(t + s, w - s) & STANCE_LX(TITLE)))
        return 0; /* not "the" of "The Wall Street Journal" */
    if (t[s - 1] == '"')
        return t[e] == '"';
    return s >= 3 && (unsigned char)t[s - 3] == 0xE2 && (unsigned char)t[s - 2] == 0x80 &&
           ((unsigned char)t[s - 1] == 0x9C || (unsigned char)t[s - 1] == 0x98) && e + 3 <= len &&
           (unsigned char)t[e] == 0xE2 && (unsigned char)t[e + 1] == 0x80 &&
           ((unsigned char)t[e + 2] == 0x9D || (unsigned char)t[e + 2] == 0x99);
}

/* Does a quote hold a run of the group [i, j) of by_last (not taken) that is
 * evidence of a name (quoted_name_evidence())? Asked only of the groups the
 * quoted rules would make actors. */
static int group_quoted(const stance_quotelist *quotes, const stance_namelist *l, const char *t, size_t len, size_t i,
                        size_t j, const unsigned char *taken)
{
    for (size_t k = i; k < j; k++) {
        const stance_name *nm = &l->v[l->by_last[k]];
        if (!taken[l->by_last[k]] && stance_quote_holding(quotes, nm->start, nm->end) < quotes->n &&
            !title_nickname(t, len, nm) && quoted_name_evidence(t, len, nm))
            return 1;
    }
    return 0;
}

/* Does a run of the surname group (runs by_last[i, j), those not @p taken)
 * carry a person's title or role ("Pres. Obama", "Sen. Corker")? A person,
 * an actor the first time the article names them so. */
static int titled_group(const stance_namelist *l, const char *t, size_t len, size_t i, size_t j,
                        const unsigned char *taken)
{
    for (size_t k = i; k < j; k++) {
        const stance_name *nm = &l->v[l->by_last[k]];
        size_t p = nm->start, ws, we;
        if (taken[l->by_last[k]] || title_nickname(t, len, nm) ||
            (stance_lex_classes_lower(t + nm->last, nm->last_end - nm->last) &
             (STANCE_LX(ORG_NOUN) | STANCE_LX(NONPERSON_LAST))))
            continue; /* "the General Assembly", "the Queen City", "Massachusetts General Hospital" */
        while (stance_chunk_next(t, &p, nm->bare, nm->bare, &ws, &we))
            if (stance_role_of(t, ws, we - (we > ws + 1 && t[we - 1] == '.'), NULL))
                return 1; /* "Sen." too */
    }
    return 0;
}

/* Is run @p nm a river, a lake or a mountain by its first word, one of two
 * (titles included: names.c may read "River" as one): "River Aske", "Lake
 * Erie", "Mount Hood"? */
static int geo_first(const char *t, const stance_name *nm)
{
    size_t i = nm->start, ws, we;
    if (!stance_chunk_next(t, &i, nm->last_end, nm->last_end, &ws, &we) || we + 1 != nm->last)
        return 0; /* two words: "Mount Sinai Hospital" is no mountain */
    return stance_word_is(t, ws, we, "river") || stance_word_is(t, ws, we, "lake") ||
           stance_word_is(t, ws, we, "loch") || stance_word_is(t, ws, we, "mount");
}

/* Is a surname group (runs by_last[i, j), those not @p taken) a place by the
 * article's own use: "in Iowa", "across Nevada", "throughout Ohio" (the
 * lexicon's PLACE_IN, as targets.c's places read it) before more
 * than half of its runs, or before a fifth of them when its last word is a
 * US state's (the lexicon's PLACE: "Florida", "New Hampshire")? A state the
 * article treats as a party ("Texas sued", "Mississippi's law") seldom stands
 * after "in". Chosen on the train labels (bench/RESULTS.md, link5). */
static int place_group(const stance_namelist *l, const char *t, size_t i, size_t j, const unsigned char *taken)
{
    const stance_name *g = &l->v[l->by_last[i]];
    size_t n = 0, loc = 0, ws, we;
    for (size_t k = i; k < j; k++) {
        const stance_name *nm = &l->v[l->by_last[k]];
        if (taken[l->by_last[k]])
            continue;
        n++;
        if (geo_first(t, nm))
            return 1; /* "the River Aske", "Lake Tana" */
        loc += stance_word_before(t, nm->start, &ws, &we) &&
               (stance_lex_rules_lower(t + ws, we - ws) & STANCE_LQ(PLACE_IN)) != 0;
    }
    if (loc * 2 > n)
        return 1;
    return loc && loc * 5 >= n && (stance_lex_classes(t + g->last, g->last_end - g->last) & STANCE_LX(PLACE));
}

/* Is every word of the run (words split at spaces and hyphens) a people's
 * adjective or a faith's or ethnicity's plural (the lexicon's DEMONYM:
 * "Muslims", "American Muslims", "African-American"), the last of two or more
 * also such an adjective's plural ("African Americans")? A group without a
 * name of its own, no actor (bench/e2e/GUIDELINES.md); a country's plural
 * alone ("the Saudis", "Americans") is not in the class. */
static int demonym_run(const char *t, const stance_name *nm)
{
    size_t i = nm->bare, n = 0;
    while (i < nm->last_end) {
        size_t e = i;
        while (e < nm->last_end && t[e] != ' ' && t[e] != '-')
            e++;
        if (e > i && !(stance_lex_classes(t + i, e - i) & STANCE_LX(DEMONYM)) &&
            !(n && e == nm->last_end && t[e - 1] == 's' && (stance_lex_classes(t + i, e - 1 - i) & STANCE_LX(DEMONYM))))
            return 0;
        n += e > i;
        i = e + 1;
    }
    return 1;
}

/* Does the run name no actor by its last word (the lexicon's NOT_ACTOR_LAST):
 * a thing ("Second Amendment", "Affordable Care Act", "Election Day", "Wall
 * Street") or a party's adjective ("Iowa Republican" of "the Iowa Republican
 * caucuses")? Not a person's name ("Chad Day"). */
static int thing_run(const stance_namelist *l, const char *t, size_t k, size_t *memo)
{
    const stance_name *nm = &l->v[k];
    return !first_len(l, t, k, memo) &&
           (stance_lex_classes(t + nm->last, nm->last_end - nm->last) & STANCE_LX(NOT_ACTOR_LAST));
}

/* Fill e->kinds and e->rules for the name mentions of a discovered entity. */
static int name_kinds(stance_ent *e, const char *text, size_t len)
{
    if (!(e->kinds = stance_malloc_array(e->n_mentions, 1)) || !(e->rules = stance_malloc_array(e->n_mentions, 1)))
        return STANCE_ERR_NOMEM;
    e->kcap = e->rcap = e->n_mentions;
    /* An entity named by one word ("Riverton", "Israel") is mentioned by its
     * name, as the same actor passed by the caller would be (actors.c). */
    const int one_word_name = e->name && !strchr(e->name, ' ');
    for (size_t k = 0; k < e->n_mentions; k++) {
        size_t a = e->mentions[k].start, b = e->mentions[k].end;
        /* one word alone is the surname of the group */
        int sur = !one_word_name && !memchr(text + a, ' ', b - a) && !memmem(text + a, b - a, STANCE_NBSP, 2);
        e->kinds[k] = sur ? STANCE_MK_SURNAME : STANCE_MK_NAME;
        e->rules[k] = stance_possessive_at(text, len, b) ? STANCE_MR_POSSESSIVE : sur ? STANCE_MR_SURNAME : STANCE_MR_NAME;
    }
    return STANCE_OK;
}

/* The spans v[0, nv) (names of runs run[0, nv), and with @p pair of the run
 * after each too), grouped by their text: each text written at least twice,
 * or once where @p once (NULL: nowhere) marks its span, is an actor, its
 * mentions those spans in text order; their runs are @p taken. */
static int group_spans(const char *text, size_t len, stance_entityset *out, unsigned char *taken, stance_span *v,
                       const size_t *run, size_t nv, int pair, const unsigned char *once)
{
    int rc = STANCE_OK;
    for (size_t i = 0; i < nv && !rc; i++) {
        size_t n = v[i].end - v[i].start, count = 0;
        stance_ent *e;
        if (v[i].start == STANCE_NO_OFFSET)
            continue; /* taken by an earlier name */
        for (size_t j = i; j < nv; j++)
            count += v[j].end - v[j].start == n && memcmp(text + v[j].start, text + v[i].start, n) == 0;
        if (count < 2 && !(once && once[i]))
            continue;
        if ((rc = stance_ent_new(out, text + v[i].start, n, 1, -1)))
            break;
        e = &out->e[out->n - 1];
        for (size_t j = nv; j-- > i;) /* from the end, so v[i] is read last */
            if (v[j].start != STANCE_NO_OFFSET && v[j].end - v[j].start == n &&
                memcmp(text + v[j].start, text + v[i].start, n) == 0) {
                if (stance_grow((void **)&e->mentions, &e->cap, e->n_mentions + 1, sizeof *e->mentions)) {
                    rc = STANCE_ERR_NOMEM;
                    break;
                }
                e->mentions[e->n_mentions++] = v[j];
                v[j].start = STANCE_NO_OFFSET;
                taken[run[j]] = 1;
                if (pair)
                    taken[run[j] + 1] = 1;
            }
        if (!rc && !(rc = stance_sort_stable(e->mentions, e->n_mentions, sizeof *e->mentions, offsetof(stance_span, start))))
            rc = name_kinds(e, text, len);
    }
    return rc;
}

/* Organisations whose adjective names.c took for a title, grouped by their
 * whole name (stance_org_start()): each name written at least twice is an
 * actor, and one written once that speaks ("The State Department said ...":
 * stance_org_run_speaks(); its bare run "Department" would name the speaker's
 * group otherwise), its mentions those runs in text order. */
static int discover_orgs(const stance_namelist *l, const stance_quotelist *quotes, const char *text, size_t len,
                         stance_entityset *out, unsigned char *taken)
{
    stance_span *v = NULL;
    size_t nv = 0, *run = NULL;
    unsigned char *ol = NULL;
    int rc = STANCE_OK;
    if (l->n && (!(v = stance_malloc_array(l->n, sizeof *v)) || !(run = stance_malloc_array(l->n, sizeof *run)) ||
                 !(ol = stance_malloc_array(l->n, 1)))) {
        stance_free(v);
        stance_free(run);
        return STANCE_ERR_NOMEM;
    }
    stance_org_lasts(l, text, ol);
    for (size_t k = 0; k < l->n; k++) {
        size_t s = stance_org_start(text, &l->v[k], ol[k]);
        if (s < l->v[k].bare && !taken[k]) { /* not a party's (discover_parties()) */
            run[nv] = k;
            ol[nv] = (unsigned char)stance_org_run_speaks(quotes, text, &l->v[k], s); /* (nv <= k: read) */
            v[nv++] = (stance_span){s, l->v[k].last_end};
        }
    }
    rc = group_spans(text, len, out, taken, v, run, nv, 0, ol);
    stance_free(v);
    stance_free(run);
    stance_free(ol);
    return rc;
}

static int runs_joined(const char *t, const stance_name *x, const stance_name *y);

/* Organisations named "<noun> of <name>" ("Department of Justice", "Bank of
 * Velmora"), which names.c reads as two runs: the first run's last word an
 * organisation noun of the lexicon (ORG_NOUN), "of" (and perhaps "the")
 * between the two. Grouped by the whole name as discover_orgs() groups. */
static int discover_of_names(const stance_namelist *l, const char *text, size_t len, stance_entityset *out,
                             unsigned char *taken)
{
    stance_span *v = NULL;
    size_t nv = 0, *run = NULL;
    int rc = STANCE_OK;
    for (size_t k = 0; !rc && k + 1 < l->n; k++) {
        const stance_name *x = &l->v[k], *y = &l->v[k + 1];
        size_t n = x->last_end - x->last, i = x->end, ws, we;
        char b[STANCE_LEX_MAXLEN + 1];
        if (x->end + 4 > len || text[x->end + 1] != 'o' || memcmp(text + x->end, " of ", 4) != 0 || taken[k] ||
            taken[k + 1] ||
            !runs_joined(text, x, y) || !stance_chunk_next(text, &i, y->start, y->start, &ws, &we) ||
            !stance_word_is(text, ws, we, "of") || !stance_mentions_lower(text + x->last, 0, n, b, sizeof b) ||
            !stance_lex_is(b, n, STANCE_LX(ORG_NOUN)))
            continue;
        if (!v && (!(v = stance_malloc_array(l->n, sizeof *v)) || !(run = stance_malloc_array(l->n, sizeof *run)))) {
            rc = STANCE_ERR_NOMEM; /* (allocated at the first: most texts have none) */
            break;
        }
        run[nv] = k;
        v[nv++] = (stance_span){x->bare, y->last_end};
    }
    if (!rc && nv)
        rc = group_spans(text, len, out, taken, v, run, nv, 1, NULL);
    stance_free(v);
    stance_free(run);
    return rc;
}

/* A party's other names: its members' plural and its nickname name the party
 * itself (the labels list "Republicans" and "GOP" as the Republican Party's
 * aliases). In discovery, runs that are exactly one of these forms, or the
 * party's own name ("the Republican Party"), make one entity named by the
 * party's name, an actor when named once in any form (chosen on the train
 * labels: twice links 8 pairs fewer, off-target the same): the party
 * adjective and "the party" inside quotes (mentions_more.c) then find it as
 * they find a party the caller passes. */
static const struct {
    const char *form, *last, *party; /* last: the form's last word */
    size_t n_form, n_last;           /* their lengths (no strlen() per run) */
} party_forms[] = {
#define PARTY_FORM(form, last, party) {form, last, party, sizeof form - 1, sizeof last - 1}
    PARTY_FORM("Democratic Party", "Party", "Democratic Party"),
    PARTY_FORM("Democrats", "Democrats", "Democratic Party"),
    PARTY_FORM("Republican Party", "Party", "Republican Party"),
    PARTY_FORM("Republicans", "Republicans", "Republican Party"),
    PARTY_FORM("GOP", "GOP", "Republican Party"),
#undef PARTY_FORM
};

#define N_PARTY_FORMS (sizeof party_forms / sizeof *party_forms)

/* The index in party_forms of run @p nm's whole text (its leading function
 * words aside, stance_org_start()), or -1. */
static int party_form(const char *t, const stance_name *nm)
{
    size_t s = SIZE_MAX, n = 0, ln = nm->last_end - nm->last;
    for (size_t f = 0; f < N_PARTY_FORMS; f++) {
        /* the length, then the first byte without a call (most runs differ there), then the rest */
        if (party_forms[f].n_last != ln || t[nm->last] != party_forms[f].last[0] ||
            memcmp(t + nm->last, party_forms[f].last, ln) != 0)
            continue; /* the last words differ: most runs stop here */
        if (s == SIZE_MAX)
            s = stance_org_start(t, nm, 1), n = nm->last_end - s;
        if (party_forms[f].n_form == n && memcmp(t + s, party_forms[f].form, n) == 0)
            return (int)f;
    }
    return -1;
}

/* The first index in party_forms of the party @p name. */
static size_t party_rank(const char *name)
{
    size_t f = 0;
    while (f < N_PARTY_FORMS && strcmp(party_forms[f].party, name) != 0)
        f++;
    return f;
}

static int discover_parties(const stance_namelist *l, const char *text, size_t len, stance_entityset *out,
                            unsigned char *taken)
{
    size_t base = out->n;
    for (size_t k = 0; k < l->n; k++) {
        int g = taken[k] ? -1 : party_form(text, &l->v[k]);
        const char *party = g >= 0 ? party_forms[g].party : NULL;
        size_t e = base;
        if (!party)
            continue;
        while (e < out->n && strcmp(out->e[e].name, party) != 0)
            e++;
        if (e == out->n && stance_ent_new(out, party, strlen(party), 1, -1))
            return STANCE_ERR_NOMEM;
        if (stance_grow((void **)&out->e[e].mentions, &out->e[e].cap, out->e[e].n_mentions + 1,
                        sizeof *out->e[e].mentions))
            return STANCE_ERR_NOMEM;
        out->e[e].mentions[out->e[e].n_mentions++] = (stance_span){stance_org_start(text, &l->v[k], 1), l->v[k].last_end};
        taken[k] = 1;
    }
    for (size_t e = base; e < out->n; e++) {
        for (size_t d = e; d > base && party_rank(out->e[d].name) < party_rank(out->e[d - 1].name); d--) {
            stance_ent tmp = out->e[d]; /* the parties in the table's order */
            out->e[d] = out->e[d - 1];
            out->e[d - 1] = tmp;
        }
    }
    for (size_t e = base; e < out->n; e++)
        if (name_kinds(&out->e[e], text, len))
            return STANCE_ERR_NOMEM;
    return STANCE_OK;
}

/* The body a run modifies: " campaign", " camp", " administration" or
 * " organization" (the lexicon's BODY_NOUN) right after it (one space, the lowercase word, no
 * possessive between: "the Trump campaign", "the Clinton camp's ads", "the
 * Obama administration"; not "Trump's campaign", whose possessor is the
 * person). That body is an actor of its own (bench/e2e/GUIDELINES.md: an
 * organisation and its leader are two actors). Its length with the space, or
 * 0. Not after a dotted abbreviation ("the U.S. campaign against ...", "U.S.
 * administration": a country's, no candidate's). */
static size_t body_after(const char *t, size_t len, const stance_name *nm)
{
    size_t e = nm->last_end, k;
    if (nm->end != e || e + 1 >= len || t[e] != ' ' || t[e - 1] == '.')
        return 0;
    for (k = e + 1; k < len && stance_word_byte(t, k, len) && (unsigned char)t[k] != 0xe2;)
        k++; /* the word after, up to a quote mark, an apostrophe or a dash */
    return stance_lex_classes(t + e + 1, k - e - 1) & STANCE_LX(BODY_NOUN) ? k - e : 0; /* as written */
}

/* Discovered bodies: the runs that modify one (body_after()), grouped by
 * their last word and the body's noun, each group one entity "<last word>
 * <noun>" (the form the article and the labels use: "Trump campaign", "Obama
 * administration"), its mentions the runs with the noun. Those runs are no
 * mention of the person (@p taken). */
static int discover_bodies(const stance_namelist *l, const char *text, size_t len, stance_entityset *out,
                           unsigned char *taken)
{
    for (size_t k = 0; k < l->n; k++) {
        const stance_name *a = &l->v[k];
        size_t n = a->last_end - a->last, base = out->n, bn;
        char name[96];
        if (taken[k] || !(bn = body_after(text, len, a)) || n + bn >= sizeof name)
            continue;
        memcpy(name, text + a->last, n + bn);
        if (stance_ent_new(out, name, n + bn, 1, -1))
            return STANCE_ERR_NOMEM;
        for (size_t j = k; j < l->n; j++) {
            const stance_name *b = &l->v[j];
            if (taken[j] || !stance_name_last_is(text, b, text + a->last, n) || body_after(text, len, b) != bn ||
                memcmp(text + b->last_end, text + a->last_end, bn) != 0)
                continue;
            if (stance_ent_add_mention(&out->e[base], b->bare, b->last_end + bn, STANCE_MK_NAME, STANCE_MR_NAME))
                return STANCE_ERR_NOMEM;
            taken[j] = 1;
        }
    }
    return STANCE_OK;
}

/* The entity of a surname group's run: its first name's, if it has one;
 * otherwise that of the nearest run before it with a first name (the first
 * one after it when none comes before). out->e[first ..] are the group's
 * entities, one per first name, in the order the first names appear. */
static size_t run_entity(const stance_entityset *out, size_t first, const char *t, const stance_name *nm,
                         size_t fl, size_t *cur)
{
    if (!fl)
        return *cur;
    for (size_t k = first; k < out->n; k++)
        if (strncmp(out->e[k].name, t + nm->bare, fl) == 0 && out->e[k].name[fl] == ' ')
            return *cur = k;
    return *cur; /* not reached: every first name has its entity */
}

/* A run of a surname group with a first name: the first name, the run's place. */
typedef struct fn_run {
    const char *fn;
    size_t fl, k;
} fn_run;

static int fn_cmp(const fn_run *x, const fn_run *y)
{
    if (x->fl != y->fl)
        return x->fl < y->fl ? -1 : 1;
    return memcmp(x->fn, y->fn, x->fl);
}

static int fn_run_cmp(const void *a, const void *b)
{
    const fn_run *x = a, *y = b;
    int c = fn_cmp(x, y);
    return c ? c : (x->k < y->k ? -1 : x->k > y->k);
}

/* For each run k of a surname group that is the first with its first name,
 * best[k] = the run that names its entity: the first, in text order, of the
 * most words among the runs with that first name; SIZE_MAX for the others.
 * Sorting by first name keeps a group of many runs (one long record) linear
 * in its runs up to the sort's log. */
static int first_name_heads(const stance_namelist *l, const char *text, const size_t *run, size_t nr, size_t *best,
                            size_t *memo)
{
    fn_run *fr = stance_malloc_array(nr ? nr : 1, sizeof *fr);
    size_t nf = 0;
    if (!fr)
        return STANCE_ERR_NOMEM;
    for (size_t k = 0; k < nr; k++) {
        const stance_name *a = &l->v[run[k]];
        size_t fl = first_len(l, text, run[k], memo);
        best[k] = SIZE_MAX;
        if (fl)
            fr[nf++] = (fn_run){text + a->bare, fl, k};
    }
    if (nf > 1)
        stance_sort_small(fr, nf, sizeof *fr, fn_run_cmp);
    for (size_t g = 0, h; g < nf; g = h) {
        size_t b = fr[g].k;
        for (h = g + 1; h < nf && fn_cmp(&fr[g], &fr[h]) == 0; h++)
            if (l->v[run[fr[h].k]].ntok > l->v[run[b]].ntok)
                b = fr[h].k;
        best[fr[g].k] = b;
    }
    stance_free(fr);
    return STANCE_OK;
}

/* A quote's attributing mention and the speaker's name, sorted by start. */
typedef struct spk_at {
    size_t start, end;
    const char *name;
} spk_at;

typedef struct spk_index {
    spk_at *v;
    size_t n;
} spk_index;

/* The attributions of @p quotes with a speaker name and a span, by start. */
static int spk_index_build(const stance_quotelist *quotes, spk_index *ix)
{
    ix->n = 0;
    if (!(ix->v = stance_malloc_array(quotes->n ? quotes->n : 1, sizeof *ix->v)))
        return STANCE_ERR_NOMEM;
    for (size_t q = 0; q < quotes->n; q++)
        if (quotes->q[q].speaker && quotes->q[q].speaker_span.start != STANCE_NO_OFFSET)
            ix->v[ix->n++] = (spk_at){quotes->q[q].speaker_span.start, quotes->q[q].speaker_span.end,
                                      quotes->q[q].speaker};
    return stance_sort_stable(ix->v, ix->n, sizeof *ix->v, offsetof(spk_at, start));
}

/* The entity (out->e[first] on, a surname group of two or more people) that
 * the speaker of a quote is when run @p nm, a surname alone, is the quote's
 * attributing mention (one that starts in [nm->start, nm->bare], a title
 * aside, and covers the name) and the attribution named the speaker by the
 * full name of that entity ("Hillary Clinton and her husband, Bill Clinton,
 * ... \"I think ...,\" Clinton said. \"...,\" she continued": the sieves chose
 * Hillary Clinton, while the surname alone goes to the one named last);
 * SIZE_MAX otherwise. A binary search in @p sx. */
static size_t speaker_entity(const stance_entityset *out, size_t first, const spk_index *sx, const stance_name *nm)
{
    size_t lo;
    if (out->n - first < 2)
        return SIZE_MAX;
    lo = stance_first_at_or_after(sx->v, sx->n, sizeof *sx->v, offsetof(spk_at, start), nm->start);
    for (; lo < sx->n && sx->v[lo].start <= nm->bare; lo++)
        if (sx->v[lo].end >= nm->last_end)
            for (size_t k = first; k < out->n; k++)
                if (strcmp(out->e[k].name, sx->v[lo].name) == 0)
                    return k;
    return SIZE_MAX;
}

/* What title_entity() and anchor_runs() give a run that names no entity by
 * itself: one that goes with the runs around it (RUN_FREE), or one that names
 * nobody (RUN_NOBODY); RUN_NOMEM: out of memory. */
#define RUN_NOMEM (SIZE_MAX - 2)
#define RUN_NOBODY (SIZE_MAX - 1)
#define RUN_FREE SIZE_MAX

/* Can a person of gender @p ge be named with a title of gender @p g? */
static int gender_fits(int ge, int g)
{
    return ge == STANCE_G_UNKNOWN || g == STANCE_G_UNKNOWN || ge == g;
}

/* The entity of run @p nm (no first name) of a surname group (its entities
 * out->e[first ..], their genders gen[e - first]), whose title tells a gender
 * that entity @p e0, the one named last before it, does not have ("Mr. Obama"
 * after "Michelle Obama"): the one person of the group that gender fits; with
 * none, the surname alone, a person of its own ("Obama"), made here; with two,
 * nobody ("Mrs. Clinton" after Bill, beside Hillary and Chelsea Clinton).
 * @p e0 when the gender fits it. */
static size_t title_entity(stance_entityset *out, size_t first, int *gen, const char *t, const stance_name *nm,
                           size_t e0)
{
    size_t fit = SIZE_MAX;
    if (gender_fits(gen[e0 - first], nm->gender))
        return e0;
    for (size_t e = first; e < out->n; e++)
        if (gender_fits(gen[e - first], nm->gender)) {
            if (fit != SIZE_MAX)
                return RUN_NOBODY;
            fit = e;
        }
    if (fit != SIZE_MAX)
        return fit;
    if (stance_ent_new(out, t + nm->bare, nm->last_end - nm->bare, 1, -1))
        return RUN_NOMEM;
    gen[out->n - 1 - first] = nm->gender;
    return out->n - 1;
}

/* ent[k]: the entity that run k of a surname group names by itself: its first
 * name's, or for a title that tells a gender title_entity()'s (RUN_NOBODY: none);
 * RUN_FREE for the others. The entity named last before a run is its e0
 * (before any, the first first name's). */
static int anchor_runs(const stance_namelist *l, const char *t, const size_t *run, size_t nr, stance_entityset *out,
                       size_t first, int *gen, size_t *memo, size_t *ent)
{
    size_t cur = first;
    for (size_t k = 0; k < nr; k++) {
        const stance_name *nm = &l->v[run[k]];
        size_t fl = first_len(l, t, run[k], memo);
        ent[k] = fl ? run_entity(out, first, t, nm, fl, &cur)
                 : nm->gender != STANCE_G_UNKNOWN ? title_entity(out, first, gen, t, nm, cur) : RUN_FREE;
        if (ent[k] == RUN_NOMEM)
            return STANCE_ERR_NOMEM;
        if (ent[k] < RUN_NOMEM)
            cur = ent[k];
    }
    return STANCE_OK;
}

/* Give each run of a surname group to its entity: the one it names by itself
 * (anchor_runs()), else the one the run before names (before any, the first
 * after), unless it is a quote's attributing mention whose speaker the
 * attribution named by the full name of one of the group's people
 * (speaker_entity()) named before it and of its title's gender. */
static int group_mentions(const stance_namelist *l, const spk_index *sx, const char *text, const size_t *run,
                          size_t nr, stance_entityset *out, size_t first, const int *gen, size_t *memo,
                          const size_t *ent)
{
    size_t cur = RUN_FREE;
    unsigned char *seen = stance_calloc(out->n - first, 1);
    if (!seen)
        return STANCE_ERR_NOMEM;
    for (size_t k = 0; k < nr && cur == RUN_FREE; k++)
        cur = ent[k] < RUN_NOMEM ? ent[k] : RUN_FREE;
    if (cur == RUN_FREE)
        cur = first;
    for (size_t k = 0; k < nr; k++) {
        const stance_name *nm = &l->v[run[k]];
        size_t sk = first_len(l, text, run[k], memo) ? SIZE_MAX : speaker_entity(out, first, sx, nm);
        stance_ent *e;
        if (ent[k] < RUN_NOMEM)
            seen[(cur = ent[k]) - first] = 1;
        if (sk != SIZE_MAX && (!seen[sk - first] || !gender_fits(gen[sk - first], nm->gender)))
            sk = SIZE_MAX;
        if (sk == SIZE_MAX && ent[k] == RUN_NOBODY)
            continue;
        e = &out->e[sk != SIZE_MAX ? sk : cur];
        if (stance_grow((void **)&e->mentions, &e->cap, e->n_mentions + 1, sizeof *e->mentions)) {
            stance_free(seen);
            return STANCE_ERR_NOMEM;
        }
        e->mentions[e->n_mentions++] = (stance_span){nm->bare, nm->last_end};
    }
    stance_free(seen);
    return STANCE_OK;
}

/* The entities of one surname group, its runs run[0, nr) in text order. Two
 * people the article names in full with different first names ("Bill
 * Clinton", "Hillary Clinton") are two entities, and so are one named in full
 * and one named by the surname and a title of the other gender ("Michelle
 * Obama", "Mr. Obama"); the surname alone and other forms go to the one named
 * last before them (group_mentions()). Each entity is named by the longest run
 * with its first name; a group without first names by @p head, less a word
 * glued before a first name and a surname (stance_names_unglued()). */
static int group_entities(const stance_namelist *l, const spk_index *sx, const char *text, size_t len,
                          const stance_name *head, const size_t *run, size_t nr, stance_entityset *out, size_t *memo)
{
    size_t first = out->n, *best = stance_malloc_array(nr ? nr : 1, sizeof *best),
           *ent = stance_malloc_array(nr ? nr : 1, sizeof *ent);
    int *gen = stance_malloc_array(nr + 2, sizeof *gen); /* per entity: one per first name, and the surname's */
    int rc = best && ent && gen ? first_name_heads(l, text, run, nr, best, memo) : STANCE_ERR_NOMEM;
    for (size_t k = 0; k < nr && rc == STANCE_OK; k++) {
        const stance_name *b = best[k] == SIZE_MAX ? NULL : &l->v[run[best[k]]];
        if (b && stance_ent_new(out, text + b->bare, b->last_end - b->bare, 1, -1))
            rc = STANCE_ERR_NOMEM;
        else if (b)
            gen[out->n - 1 - first] = b->gender;
    }
    if (rc == STANCE_OK && out->n == first) { /* without a word glued before it ("Superintendent") */
        size_t hs = stance_names_unglued(text, len, head->bare, head->last_end);
        rc = stance_ent_new(out, text + hs, head->last_end - hs, 1, -1);
        gen[0] = STANCE_G_UNKNOWN;
    }
    if (rc == STANCE_OK && !(rc = anchor_runs(l, text, run, nr, out, first, gen, memo, ent)))
        rc = group_mentions(l, sx, text, run, nr, out, first, gen, memo, ent);
    stance_free(best);
    stance_free(ent);
    stance_free(gen);
    for (size_t k = first; k < out->n && rc == STANCE_OK; k++)
        rc = name_kinds(&out->e[k], text, len);
    return rc;
}

/* Insert a mention into e, keeping the mentions in text order. */
int stance_ent_insert_mention(stance_ent *e, stance_span m, int kind, int rule)
{
    size_t k = e->n_mentions;
    if (stance_grow((void **)&e->mentions, &e->cap, e->n_mentions + 1, sizeof *e->mentions) ||
        stance_grow((void **)&e->kinds, &e->kcap, e->n_mentions + 1, 1) ||
        stance_grow((void **)&e->rules, &e->rcap, e->n_mentions + 1, 1))
        return STANCE_ERR_NOMEM;
    while (k > 0 && e->mentions[k - 1].start > m.start)
        k--;
    memmove(e->mentions + k + 1, e->mentions + k, (e->n_mentions - k) * sizeof *e->mentions);
    memmove(e->kinds + k + 1, e->kinds + k, e->n_mentions - k);
    memmove(e->rules + k + 1, e->rules + k, e->n_mentions - k);
    e->mentions[k] = m;
    e->kinds[k] = (unsigned char)kind;
    e->rules[k] = (unsigned char)rule;
    e->n_mentions++;
    return STANCE_OK;
}

/* Release the discovered actors from @p base on marked dropped (discovered
 * < 0), keeping the others in order, marked discovered (1) again. */
static void drop_marked(stance_entityset *out, size_t base)
{
    size_t k = base;
    for (size_t j = base; j < out->n; j++)
        if (out->e[j].discovered < 0)
            stance_ent_release(&out->e[j]);
        else {
            out->e[j].discovered = 1;
            out->e[k++] = out->e[j];
        }
    out->n = k;
}

/* Do runs @p x and @p y stand joined by lower-case words of a name ("Institute
 * for Coastal Resilience", "Union of the Locomotive Drivers")? */
static int runs_joined(const char *t, const stance_name *x, const stance_name *y)
{
    size_t i = x->end, ws, we;
    int words = 0;
    if (y->start > x->end + 9 || y->start <= x->end)
        return 0;
    while (stance_chunk_next(t, &i, y->start, y->start, &ws, &we)) {
        if (!(stance_word_is(t, ws, we, "of") || stance_word_is(t, ws, we, "for") ||
              stance_word_is(t, ws, we, "the") || stance_word_is(t, ws, we, "and") || stance_word_is(t, ws, we, "on")))
            return 0;
        words++;
    }
    return words > 0;
}

/* Are one-word runs @p x and @p y joined by " of " alone ("District of
 * Columbia")? Two initials are a dotted abbreviation's ("D.C.") only so:
 * not "Sanders and Clinton" for "S.C.", not a person's two names. */
static int of_joined(const char *t, const stance_name *x, const stance_name *y)
{
    return x->ntok == 1 && y->ntok == 1 && x->bare == x->start && y->start == x->end + 4 &&
           memcmp(t + x->end, " of ", 4) == 0;
}

/* The end of the name starting at run @p k whose initials are an acronym of
 * @p set (runs joined by runs_joined(), at most 6 initials; two only as
 * of_joined()), its index in *at; 0 when none. */
static size_t spelled_out(const stance_namelist *l, const char *t, size_t k, const stance_u32set *set, long *at)
{
    char b[STANCE_ACRO_MAX];
    size_t n = 0;
    for (size_t j = k; j < l->n; j++) {
        const stance_name *nm = &l->v[j];
        size_t from = j == k ? nm->bare : nm->start;
        if ((j > k && !runs_joined(t, &l->v[j - 1], nm)) || !stance_initials_add(t + from, nm->last_end - from, b, &n))
            return 0;
        if ((n >= 3 || (n == 2 && j == k + 1 && of_joined(t, &l->v[k], nm))) &&
            (*at = stance_u32set_find(set, stance_acro_key(b, n))) >= 0)
            return nm->last_end;
    }
    return 0;
}

/* The capitals of an actor's name that is an acronym: three or more ("ICR"),
 * or two or more written with dots ("D.C.", "U.N.": names.c reads them as one
 * word), into b (STANCE_ACRO_MAX bytes); their count, else 0. */
static size_t name_acronym(const char *name, char *b)
{
    size_t n = stance_acronym_len(name, 3), k = 0;
    if (n) {
        memcpy(b, name, n);
        return n;
    }
    for (; name[0] >= 'A' && name[0] <= 'Z' && name[1] == '.' && k < STANCE_ACRO_MAX; name += 2)
        b[k++] = name[0];
    return name[0] == '\0' && k >= 2 ? k : 0;
}

/* An actor discovered under its acronym alone ("ICR", "ULD", "D.C.") takes the name
 * the article spells it out with ("the Institute for Coastal Resilience",
 * "the Union of Locomotive Drivers (ULD)", written once, so no actor of its
 * own): the first name run whose capitalised words' initials are the
 * acronym, which becomes its first mention; a user (and the labels) know the
 * actor by that name. Not when another discovered actor's initials are the
 * acronym (actors_handles.c links those). One pass over the runs. */
static int acronym_long_names(const stance_namelist *l, const char *t, stance_entityset *out, size_t base)
{
    stance_u32set set = {0};
    size_t *owner = NULL, nd = 0, first = base, an;
    int rc = STANCE_ERR_NOMEM, drop = 0;
    char ab[STANCE_ACRO_MAX];
    while (first < out->n && !name_acronym(out->e[first].name, ab))
        first++;
    if (first == out->n)
        return STANCE_OK; /* no acronym among the actors (most articles): nothing allocated */
    if (stance_u32set_reset(&set, out->n - base) || !(owner = stance_malloc_array(out->n - base, sizeof *owner)))
        goto done;
    for (size_t i = first; i < out->n; i++)
        if ((an = name_acronym(out->e[i].name, ab)) && stance_u32set_add(&set, stance_acro_key(ab, an)) == nd)
            owner[nd++] = i;
    for (size_t i = base; i < out->n && nd; i++) {
        char b[STANCE_ACRO_MAX];
        size_t n = 0;
        long at;
        const char *name = out->e[i].name;
        if (stance_initials_add(name, strlen(name), b, &n) && n >= 2 &&
            (at = stance_u32set_find(&set, stance_acro_key(b, n))) >= 0 && owner[at] != i)
            owner[at] = SIZE_MAX; /* another actor's initials */
    }
    for (size_t k = 0; k < l->n && nd; k++) {
        const stance_name *nm = &l->v[k];
        long at = -1;
        size_t end = spelled_out(l, t, k, &set, &at), lw;
        const char *w;
        stance_ent *e;
        char *name;
        if (!end || owner[at] == SIZE_MAX)
            continue;
        e = &out->e[owner[at]];
        owner[at] = SIZE_MAX; /* the first run only */
        w = stance_last_word(t + nm->bare, end - nm->bare, &lw);
        if (stance_lex_classes(w, lw) & STANCE_LX(NOT_ACTOR_LAST)) {
            e->discovered = -1; /* a thing ("Affordable Care Act"): no actor */
            drop = 1;
            continue;
        }
        if (!(name = stance_strndup(t + nm->bare, end - nm->bare)) ||
            stance_ent_insert_mention(e, (stance_span){nm->bare, end}, STANCE_MK_NAME, STANCE_MR_NAME)) {
            stance_free(name);
            goto done;
        }
        stance_free(e->name);
        e->name = name;
    }
    if (drop)
        drop_marked(out, base);
    rc = STANCE_OK;
done:
    stance_u32set_free(&set);
    stance_free(owner);
    return rc;
}

/* Is t[e, e + 3) " & "? */
static int amp_at(const char *t, size_t len, size_t e)
{
    return e + 3 < len && memcmp(t + e, " & ", 3) == 0;
}

/* Two actors the runs split at "&" ("Harrow & Finch", "Fenwick & Dale"):
 * when every name mention of a discovered actor A stands right before " & "
 * and a mention of one other actor B, B becomes "A & B", those mentions its
 * own from A's start, and A is dropped. One pass over the mentions (a set of
 * their starts). */
static int ampersand_names(const char *t, size_t len, stance_entityset *out, size_t base)
{
    stance_u32set set = {0};
    size_t nm = 0, *who = NULL, *at = NULL;
    int rc = STANCE_ERR_NOMEM, drop = 0;
    if (!memchr(t, '&', len))
        return STANCE_OK; /* no "&" in the text (most articles): nothing to merge, nothing allocated */
    for (size_t i = base; i < out->n; i++)
        nm += out->e[i].n_mentions;
    if (!nm)
        return STANCE_OK;
    if (stance_u32set_reset(&set, nm) || !(who = stance_malloc_array(nm, sizeof *who)) ||
        !(at = stance_malloc_array(nm, sizeof *at)))
        goto done;
    for (size_t i = base; i < out->n; i++)
        for (size_t k = 0; k < out->e[i].n_mentions; k++) {
            uint32_t p = stance_u32set_add(&set, (uint32_t)out->e[i].mentions[k].start + 1);
            who[p] = i, at[p] = k;
        }
    for (size_t i = base; i < out->n; i++) {
        stance_ent *a = &out->e[i], *b;
        size_t bi = SIZE_MAX, k, na, nb;
        char *name;
        for (k = 0; k < a->n_mentions && a->discovered == 1; k++) {
            size_t e = a->mentions[k].end;
            long p = amp_at(t, len, e) ? stance_u32set_find(&set, (uint32_t)(e + 3) + 1) : -1;
            if (p < 0 || who[p] == i || (bi != SIZE_MAX && who[p] != bi) || out->e[who[p]].discovered != 1)
                break;
            bi = who[p];
        }
        if (!a->n_mentions || k < a->n_mentions || bi == SIZE_MAX)
            continue;
        b = &out->e[bi];
        na = strlen(a->name), nb = strlen(b->name);
        if (!(name = stance_malloc_array(na + nb + 4, 1)))
            goto done;
        memcpy(name, a->name, na);
        memcpy(name + na, " & ", 3);
        memcpy(name + na + 3, b->name, nb + 1);
        for (k = 0; k < a->n_mentions; k++)
            b->mentions[at[stance_u32set_find(&set, (uint32_t)(a->mentions[k].end + 3) + 1)]].start = a->mentions[k].start;
        stance_free(b->name);
        b->name = name;
        a->discovered = -1, b->discovered = 2; /* merged: no second merge */
        drop = 1;
    }
    if (drop)
        drop_marked(out, base);
    rc = STANCE_OK;
done:
    stance_u32set_free(&set);
    stance_free(who);
    stance_free(at);
    return rc;
}

/* The one full name the article's speakers give a one-word discovered
 * person: two or three capitalised words, no title first, ending in that
 * word ("Jan Brewer": names.c leaves a first name that is a month out of the
 * run; "G.K. Butterfield": initials before a capital). NULL for none or two
 * ("Bill Clinton", "Hillary Clinton"). */
static const char *speaker_full_name(const stance_quotelist *quotes, const char *w)
{
    const char *full = NULL, *sp, *lw;
    for (size_t q = 0; q < quotes->n; q++) {
        size_t fl;
        if (!(sp = quotes->q[q].speaker) || quotes->q[q].how == STANCE_ATTR_NOUN || !(lw = strrchr(sp, ' ')) ||
            strcmp(lw + 1, w) != 0)
            continue;
        fl = strcspn(sp, " ");
        if (sp[0] < 'A' || sp[0] > 'Z' || stance_names_is_title(sp, fl) ||
            (lw != sp + fl && (sp[fl + 1] < 'A' || sp[fl + 1] > 'Z' || strcspn(sp + fl + 1, " ") != (size_t)(lw - sp - fl - 1))))
            continue; /* "President Obama", "the Ohio senator Smith", four words */
        if (full && strcmp(full, sp) != 0)
            return NULL;
        full = sp;
    }
    return full;
}

/* A one-word discovered person takes the full name its speakers give it
 * (speaker_full_name()), unless another entity has it. */
static int speaker_full_names(const stance_quotelist *quotes, stance_entityset *out, size_t base)
{
    for (size_t i = base; i < out->n; i++) {
        stance_ent *e = &out->e[i];
        const char *full;
        char *name;
        size_t k;
        if (e->discovered != 1 || strchr(e->name, ' ') || !(full = speaker_full_name(quotes, e->name)))
            continue;
        for (k = base; k < out->n && strcmp(out->e[k].name, full) != 0; k++)
            ;
        if (k < out->n)
            continue;
        if (!(name = stance_strdup(full)))
            return -1;
        stance_free(e->name);
        e->name = name;
    }
    return 0;
}

/* The last word of quote @p r's speaker's name ("Tom\u00a0Vance": the word
 * after a no-break space), or NULL for none or a description. */
static const char *speaker_last_word(const stance_rawquote *r)
{
    const char *lw;
    if (!r->speaker || r->how == STANCE_ATTR_NOUN)
        return NULL;
    lw = strrchr(r->speaker, ' ');
    lw = lw ? lw + 1 : r->speaker;
    for (const char *nb = lw; (nb = strstr(nb, STANCE_NBSP)) != NULL;)
        lw = nb += 2;
    return lw;
}

/* Which surname groups speak (speaks[] at the first of each in l->by_last):
 * the last word of each speaker's name, but for a speaker named by one of the
 * organisations out->e[orgs ..] (discover_orgs(): "State Department" took its
 * run from the group "Department"). */
static void speaking_groups(const stance_quotelist *quotes, const stance_namelist *l, const char *text,
                            const stance_entityset *out, size_t orgs, unsigned char *speaks)
{
    for (size_t q = 0; q < quotes->n; q++) {
        const char *lw = speaker_last_word(&quotes->q[q]);
        size_t k = lw ? stance_actors_by_last_find(l, text, lw, strlen(lw)) : l->n;
        for (size_t e = orgs; e < out->n && k < l->n; e++)
            if (strcmp(out->e[e].name, quotes->q[q].speaker) == 0)
                k = l->n;
        if (k < l->n)
            speaks[k] = 1;
    }
}

int stance_actors_discover(const stance_quotelist *quotes, const char *text, size_t len, stance_entityset *out,
                           stance_error *err)
{
    const stance_namelist *l = &quotes->names;
    unsigned char *speaks = NULL, *taken = NULL;
    size_t i = 0, base = out->n, orgs, *run = NULL, *memo = NULL; /* memo: first_len()'s */
    spk_index sx = {NULL, 0};
    int rc = STANCE_ERR_NOMEM;
    if (l->n && !(speaks = stance_calloc(l->n, 1)))
        goto nomem;
    /* A speaker the name runs missed (a transcript label): its own entity. */
    for (size_t q = 0; q < quotes->n; q++) {
        const stance_rawquote *r = &quotes->q[q];
        const char *sp = r->speaker, *lw = speaker_last_word(r);
        size_t k;
        if (!lw || stance_actors_by_last_find(l, text, lw, strlen(lw)) < l->n)
            continue;
        for (k = 0; k < out->n; k++)
            if (strcmp(out->e[k].name, sp) == 0)
                break;
        if (k == out->n && stance_ent_new(out, sp, strlen(sp), 1, -1))
            goto nomem;
        if (r->speaker_span.start != STANCE_NO_OFFSET &&
            stance_ent_add_mention(&out->e[k], r->speaker_span.start, r->speaker_span.end, STANCE_MK_NAME, STANCE_MR_NAME))
            goto nomem;
    }
    if (l->n && (!(taken = stance_calloc(l->n, 1)) || !(run = stance_malloc_array(l->n, sizeof *run)) ||
                 !(memo = stance_malloc_array(l->n, sizeof *memo))))
        goto nomem;
    if (spk_index_build(quotes, &sx))
        goto nomem;
    for (size_t k = 0; k < l->n; k++)
        memo[k] = SIZE_MAX;
    if (discover_parties(l, text, len, out, taken))
        goto nomem;
    orgs = out->n;
    if (discover_orgs(l, quotes, text, len, out, taken))
        goto nomem;
    speaking_groups(quotes, l, text, out, orgs, speaks);
    if (discover_of_names(l, text, len, out, taken) || discover_bodies(l, text, len, out, taken))
        goto nomem;
    no_evidence(l, text, len, taken);
    /* Surname groups: by_last is sorted by surname, most tokens first; runs an
     * organisation took are left out. */
    while (i < l->n) {
        size_t j = i, count = 0, hk = 0;
        const stance_name *head = NULL, *g = &l->v[l->by_last[i]];
        const stance_name *acronym = NULL; /* a run that is an acronym a quote names */
        int wanted = 0, plain = 0, bracket = 0; /* a run that speaks; one that opens no sentence; in [] */
        while (j < l->n && stance_name_last_is(text, &l->v[l->by_last[j]], text + g->last, g->last_end - g->last)) {
            wanted |= speaks[j];
            if (!taken[l->by_last[j]]) {
                if (!head)
                    head = &l->v[hk = l->by_last[j]];
                count++;
                if (!acronym && acronym_in_quote(quotes, &l->v[l->by_last[j]], text))
                    acronym = &l->v[l->by_last[j]];
                bracket |= stance_names_bracketed(text, len, &l->v[l->by_last[j]]) &&
                           stance_quote_holding(quotes, l->v[l->by_last[j]].start, l->v[l->by_last[j]].end) < quotes->n;
                plain |= !run_initial(text, &l->v[l->by_last[j]]);
            }
            j++;
        }
        if (head)
            head = &l->v[hk = group_head(l, text, len, i, j, hk, taken)];
        if (wanted && head && head->ntok == 1 && !one_word_no_word(text, len, head))
            wanted = 0; /* a speaker named by an ordinary word ("Aides said", "Others say") */
        if (!wanted && acronym)
            wanted = acronym_no_word(text, len, acronym);
        if (head &&
            (wanted || (((head->ntok >= 2 && (count >= 2 || first_len(l, text, hk, memo) ||
                                              group_quoted(quotes, l, text, len, i, j, taken) ||
                                              company_named(l, text, len, head))) ||
                         (one_word_actor(text, head, count, bracket ? 1 : ONE_WORD_MIN) &&
                          one_word_no_word(text, len, head)) ||
                         (plain && one_word_actor(text, head, count, QUOTED_ONE_WORD) &&
                          group_quoted(quotes, l, text, len, i, j, taken)) ||
                         titled_group(l, text, len, i, j, taken)) &&
                        !place_group(l, text, i, j, taken) && !demonym_run(text, head) &&
                        !thing_run(l, text, hk, memo)))) {
            size_t nr = 0;
            /* the group's runs in text order (l->v is) */
            for (size_t k = i; k < j; k++)
                if (!taken[l->by_last[k]])
                    run[nr++] = l->by_last[k];
            if (stance_sort_stable(run, nr, sizeof *run, 0) || /* (a size_t is its own field) */
                group_entities(l, &sx, text, len, head, run, nr, out, memo))
                goto nomem;
        }
        i = j;
    }
    if (ampersand_names(text, len, out, base) || acronym_long_names(l, text, out, base) ||
        speaker_full_names(quotes, out, base) || stance_org_speaker_names(quotes, text, out, base))
        goto nomem;
    if (!stance_actors_short_add(l, text, len, out, base, 0) && !stance_actors_handle_mentions(text, len, out, base) &&
        !stance_actors_acronym_mentions(text, len, out, base) &&
        !stance_actors_name_search(text, len, out, base))
        rc = STANCE_OK;
nomem:
    stance_free(speaks);
    stance_free(taken);
    stance_free(run);
    stance_free(memo);
    stance_free(sx.v);
    return rc == STANCE_OK ? rc : stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
}
