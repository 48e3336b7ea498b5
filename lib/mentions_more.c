/*
 * mentions_more.c - mentions found after mentions.c's passes (see mentions.h).
 *
 * A party's adjective inside a quote: "Republican efforts to repeal it", "the
 * Democrat side", "liberal Democratic politicians" name the actor "Republican
 * Party" or "Democratic Party" (a name of two words whose head is "Party";
 * "Democrat" also for "Democratic"). Only inside quotes, only before a
 * lowercase word, and not where a sentence or the quote begins ("Republican
 * voters said" in narration describes people, and a sentence's first word is
 * capitalised anyway); never inside another actor's name.
 *
 * The party inside a quote: "my party", "our own party", "your party", "their
 * party", "this party", "the party" name the article's one actor whose name
 * ends in " Party" (none when there are several), even where the text never
 * names it (mentions.c's organisation heads need a name mention before);
 * not "my party's nominee", whose phrase is about someone else. So too "the
 * State", "the state's", "our state" inside a quote for the article's one
 * actor that is a US state ("Texas"), not "the state of ..." nor "the State
 * Department".
 *
 * Kinship inside a quote: "my father", "his wife", "Park's son" name the one
 * person actor who shares the possessor's surname under another name and
 * whose gender fits the noun (the possessor: "my" the quote's speaker, his/her
 * the actor the pronoun was resolved to, "X's" that actor). "My father will
 * change the labor laws," Ivanka Trump said: Donald Trump.
 *
 * The actor an attribution addresses ("..., Diaz told Park", "asked the
 * governor", "tweeted back at Trump"): a name, title or epithet mention in the
 * quote's context, outside the quote, after a verb of address or a reporting
 * verb with "at"/"to"; found through an index of those mentions by start.
 * When the context names none, a "you" may still be the person a verb of
 * address or a message names within STANCE_YOU_REACH bytes before the quote
 * ("telling Trump that ...", "In a message to Clinton, Tanden wrote that
 * Soros "... met with you""): only a person of known gender, not the owner
 * of a possessive ("respond to Trump's criticism"), not the speaker, not an
 * actor the quote itself names, and not across another actor's quote.
 *
 * Two men inside a quote: "these two men", "the two men", "either one of
 * these guys" name the two male actors (the speaker aside) mentioned last
 * before, within PAIR_REACH bytes, by any mention; "both candidates", "these
 * nominees" the two persons of known gender so mentioned.
 *
 * A plural noun between an organisation and a "they" that follows it in
 * its sentence is what "they" means ("gun manufacturers and gun dealers
 * should be able to be sued when they should know"), not the organisation
 * (stance_plural_noun_before, which mentions_pron.c's "they" pass asks).
 *
 * A he/him/his capitalised inside a sentence is the deity, no actor
 * (stance_deity_pronoun, which mentions_pron.c's pronoun pass asks).
 *
 * And the actor a quote's speaker is (stance_mentions_speaker) and the one it
 * speaks for (stance_mentions_principal), which mentions.c's passes read.
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "lexicon.h"
#include "mentions.h"
#include "mindex.h"
#include "names.h"
#include "quotes.h"
#include "sort.h"
#include "speaker_names.h"
#include "targets.h"
#include "tokens.h"

static int letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static size_t name_end(const stance_ent *e, size_t start);

/* Is some actor's name mention over [s, e)? Through the name index (mindex.h),
 * else a pass over every name mention. */
static int named_there(const stance_entityset *ents, size_t s, size_t e)
{
    size_t from, to;
    if (!ents->ix) {
        for (size_t i = 0; i < ents->n; i++)
            for (size_t k = 0; k < ents->e[i].n_mentions; k++)
                if (ents->e[i].mentions[k].start < e && s < ents->e[i].mentions[k].end)
                    return 1;
        return 0;
    }
    stance_mindex_range(ents->ix, s, e, &from, &to);
    for (size_t k = from; k < to; k++) {
        const stance_mpos *p = &ents->ix->pos[k];
        size_t end = name_end(&ents->e[p->ent], p->start);
        if (p->start < e && end != SIZE_MAX && s < end)
            return 1;
    }
    return 0;
}

/* Does the adjective t[s, s + n) name its party here (inside the quote [qs, qe))? */
static int adjective_at(const stance_entityset *ents, const char *t, size_t qs, size_t qe, size_t s, size_t n)
{
    size_t p = s;
    if ((s > qs && letter((unsigned char)t[s - 1])) || s + n + 1 >= qe || t[s + n] != ' ' ||
        stance_letter_case(t, s + n + 1, qe) >= 0)
        return 0;
    while (p > qs && (t[p - 1] == ' ' || t[p - 1] == '\n'))
        p--;
    if (p == qs || strchr(".!?", t[p - 1]))
        return 0; /* the quote's or a sentence's first word */
    return !named_there(ents, s, s + n);
}

static int find_in_quote(stance_entityset *ents, size_t i, const char *t, size_t qs, size_t qe, size_t n)
{
    const char *name = ents->e[i].name;
    size_t stem = n > 4 && name[n - 2] == 'i' && name[n - 1] == 'c' ? n - 2 : n; /* "Democrat side" too */
    for (size_t from = qs; from + stem <= qe;) {
        const char *hit = memmem(t + from, qe - from, name, stem);
        size_t s, len;
        if (!hit)
            break;
        s = (size_t)(hit - t);
        from = s + 1;
        len = stem < n && s + n <= qe && memcmp(t + s, name, n) == 0 ? n : stem;
        if (adjective_at(ents, t, qs, qe, s, len) &&
            stance_mentions_add(&ents->e[i], s, s + len, STANCE_MK_NAME, STANCE_MR_PARTY_ADJECTIVE))
            return STANCE_ERR_NOMEM;
    }
    return STANCE_OK;
}

/* Has @p e a mention starting at @p s already? */
static int has_more_at(const stance_ent *e, size_t s)
{
    for (size_t k = 0; k < e->n_more; k++)
        if (e->more[k].span.start == s)
            return 1;
    return 0;
}

/* Is the word t[ns, ne) one "state" modifies ("the state level", "the state
 * population", "the state party", "the state legislature", "the state
 * attorney"): an organisation, body, role or person noun of the lexicon, or
 * one of a few nouns of a state's things? Then "the state" is no mention of
 * the one state actor. */
static int state_modifies(const char *t, size_t ns, size_t ne)
{
    static const char *const nouns[] = {"level",   "levels", "population", "primary", "primaries", "convention",
                                        "funding", "minimum", "capital",   "capitol", "delegation", "law",
                                        "laws",    "budget", "line",       "lines",   "average",    "election",
                                        "elections"};
    const uint64_t noun = STANCE_LX(ORG_NOUN) | STANCE_LX(NONPERSON_LAST) | STANCE_LX(ROLE) |
                          STANCE_LX(PERSON_NOUN) | STANCE_LX(BODY_NOUN) | STANCE_LX(STAFF_NOUN);
    if (stance_letter_case(t, ns, ne) >= 0)
        return 0;
    for (size_t i = 0; i < sizeof nouns / sizeof nouns[0]; i++)
        if (stance_word_is(t, ns, ne, nouns[i]))
            return 1;
    return (stance_lex_classes(t + ns, ne - ns) & noun) != 0;
}

/* "my party", "our own party", "your party", "this party", "the party" inside
 * quote [qs, qe): the one party actor @p e of the article (not "my party's
 * nominee": the phrase is then about someone else). With @p noun "state"
 * (@p state set): "the State has put", "the state's law", "our state" are the
 * one US state actor, not "the state of the race" nor "the State Department",
 * nor "the state that has ..." nor "your state" nor "the state level"
 * (state_modifies());
 * with "kingdom", "the kingdom" is the one kingdom actor (kingdom_name()). */
static int noun_words(stance_ent *e, const char *t, size_t qs, size_t qe, const char *noun, int state)
{
    size_t nl = strlen(noun);
    for (size_t from = qs; from + nl <= qe;) {
        const char *hit = memmem(t + from, qe - from, noun, nl);
        size_t s, ws, we, ds, de, ns, ne;
        int det, poss;
        if (!hit)
            break;
        s = (size_t)(hit - t);
        from = s + nl;
        poss = (s + nl < qe && t[s + nl] == '\'') ||
               (s + nl + 2 < qe && (unsigned char)t[s + nl] == 0xe2 && (unsigned char)t[s + nl + 2] == 0x99);
        if ((s > qs && letter((unsigned char)t[s - 1])) || (s + nl < qe && (letter((unsigned char)t[s + nl]) ||
                                                                           (!state && poss) || t[s + nl] == '-')) ||
            (!state && poss) || !stance_word_before(t, s, &ws, &we) || ws < qs)
            continue; /* inside a word, "party's", "party’s", "party-line" */
        if (state && !poss && stance_word_after(t, qe, s + nl, &ns, &ne) &&
            (stance_word_is(t, ns, ne, "of") || stance_letter_case(t, ns, qe) > 0 ||
             (ns == s + nl + 1 && ((stance_lex_classes_lower(t + ns, ne - ns) & STANCE_LX(REL)) ||
                                   state_modifies(t, ns, ne)))))
            continue; /* "the state of the race", "the State Department"; "the state that has the highest rate"
                       * (a relative clause picks one state out of many: no one state's); "the state level" */
        if (state && stance_word_is(t, ws, we, "your"))
            continue; /* "if you think Clinton will win your state": the listener's, any state */
        if (stance_word_is(t, ws, we, "own") && stance_word_before(t, ws, &ds, &de) && ds >= qs)
            ws = ds, we = de;
        det = (stance_lex_classes_lower(t + ws, we - ws) & STANCE_LX(OWN_DET)) != 0;
        if (det && !has_more_at(e, ws) && stance_mentions_add(e, ws, s + nl, STANCE_MK_TITLE, STANCE_MR_ORG_HEAD))
            return STANCE_ERR_NOMEM;
    }
    return STANCE_OK;
}

/* Is @p name a US state's ("Texas", "New Hampshire": one or two words, the
 * last a state's last word, the lexicon's PLACE; two only after
 * New/North/South/West/Rhode, the lexicon's STATE_FIRST)? */
static int state_name(const char *name)
{
    const char *sp = strchr(name, ' ');
    int ok = !sp || ((stance_lex_classes(name, (size_t)(sp - name)) & STANCE_LX(STATE_FIRST)) && !strchr(sp + 1, ' '));
    return ok && (stance_lex_classes(sp ? sp + 1 : name, strlen(sp ? sp + 1 : name)) & STANCE_LX(PLACE));
}

/* Does @p name end in " Party"? */
static int party_name(const char *name)
{
    size_t n = strlen(name);
    return n > 6 && strcmp(name + n - 6, " Party") == 0;
}

/* Is @p name a kingdom's ("Saudi Arabia", "Jordan"), which "the kingdom"
 * names? */
static int kingdom_name(const char *name)
{
    static const char *const kingdoms[] = {"Bahrain", "Belgium", "Britain", "Denmark", "Great Britain", "Jordan",
                                           "Morocco", "Netherlands", "Norway", "Saudi Arabia", "Spain", "Sweden",
                                           "Thailand", "United Kingdom"};
    for (size_t k = 0; k < sizeof kingdoms / sizeof kingdoms[0]; k++)
        if (name[0] == kingdoms[k][0] && strcmp(name, kingdoms[k]) == 0)
            return 1;
    return 0;
}

/* The one actor whose name is @p kind's (state_name(), party_name()), or -1
 * (none, or several). */
static long the_one(const stance_entityset *ents, int (*kind)(const char *name))
{
    long found = -1;
    for (size_t i = 0; i < ents->n; i++) {
        if (!kind(ents->e[i].name))
            continue;
        if (found >= 0)
            return -1;
        found = (long)i;
    }
    return found;
}

/* Country actors by name and their adjectives: "Russian interference", "the
 * North Korean test" in a quote speak of the state. */
static const struct {
    const char *country, *adj;
} demonyms[] = {
    {"Afghanistan", "Afghan"}, {"China", "Chinese"}, {"Cuba", "Cuban"}, {"Egypt", "Egyptian"},
    {"France", "French"}, {"Germany", "German"}, {"Iran", "Iranian"}, {"Iraq", "Iraqi"},
    {"Israel", "Israeli"}, {"Japan", "Japanese"}, {"Libya", "Libyan"}, {"Mexico", "Mexican"},
    {"North Korea", "North Korean"}, {"Pakistan", "Pakistani"}, {"Russia", "Russian"}, {"Saudi Arabia", "Saudi"},
    {"Syria", "Syrian"}, {"Turkey", "Turkish"}, {"Ukraine", "Ukrainian"}, {"Venezuela", "Venezuelan"},
};

/* Adjective @p adj of country actor @p i inside quote [qs, qe) as a name mention
 * (rule "demonym"), where it stands as a party adjective would (adjective_at():
 * a lowercase word after it, not the first word, not inside a name) and the
 * word after is no plural ("Mexican nationals", "Israeli officials": the people,
 * not the state) nor a word for people. */
static int demonym_in_quote(stance_entityset *ents, size_t i, const char *adj, const char *t, size_t qs, size_t qe)
{
    size_t n = strlen(adj);
    for (size_t from = qs; from + n <= qe;) {
        const char *hit = memmem(t + from, qe - from, adj, n);
        size_t s, ws, we;
        if (!hit)
            break;
        s = (size_t)(hit - t);
        from = s + 1;
        if (!adjective_at(ents, t, qs, qe, s, n) || !stance_word_after(t, qe, s + n, &ws, &we) ||
            t[we - 1] == 's' || (stance_lex_classes_lower(t + ws, we - ws) & STANCE_LX(PEOPLE)))
            continue;
        if (stance_mentions_add(&ents->e[i], s, s + n, STANCE_MK_NAME, STANCE_MR_DEMONYM))
            return STANCE_ERR_NOMEM;
    }
    return STANCE_OK;
}

/* Every quote's adjectives of the country actors of the table (by exact name). */
static int demonyms_in_quotes(const stance_quotelist *quotes, const char *t, stance_entityset *ents)
{
    for (size_t i = 0; i < ents->n; i++)
        for (size_t d = 0; d < sizeof demonyms / sizeof demonyms[0]; d++) {
            if (ents->e[i].name[0] != demonyms[d].country[0] || strcmp(ents->e[i].name, demonyms[d].country) != 0)
                continue; /* the first byte first: most actors are no country */
            for (size_t qi = 0; qi < quotes->n; qi++)
                if (demonym_in_quote(ents, i, demonyms[d].adj, t, quotes->q[qi].span.start, quotes->q[qi].span.end))
                    return STANCE_ERR_NOMEM;
        }
    return STANCE_OK;
}

int stance_mentions_party_adjectives(const stance_quotelist *quotes, const char *t, stance_entityset *ents)
{
    long party = the_one(ents, party_name), state = the_one(ents, state_name), kingdom = the_one(ents, kingdom_name);
    for (size_t qi = 0; (party >= 0 || state >= 0 || kingdom >= 0) && qi < quotes->n; qi++) {
        size_t qs = quotes->q[qi].span.start, qe = quotes->q[qi].span.end;
        if ((party >= 0 && noun_words(&ents->e[party], t, qs, qe, "party", 0)) ||
            (state >= 0 && (noun_words(&ents->e[state], t, qs, qe, "state", 1) ||
                            noun_words(&ents->e[state], t, qs, qe, "State", 1))) ||
            (kingdom >= 0 && (noun_words(&ents->e[kingdom], t, qs, qe, "kingdom", 0) ||
                              noun_words(&ents->e[kingdom], t, qs, qe, "Kingdom", 0))))
            return STANCE_ERR_NOMEM;
    }
    for (size_t i = 0; i < ents->n; i++) {
        const char *name = ents->e[i].name, *sp = strchr(name, ' ');
        size_t n;
        if (!sp || strcmp(sp, " Party") != 0 || stance_letter_case(name, 0, strlen(name)) <= 0 || (n = (size_t)(sp - name)) < 3)
            continue;
        for (size_t qi = 0; qi < quotes->n; qi++) {
            const stance_rawquote *q = &quotes->q[qi];
            if (find_in_quote(ents, i, t, q->span.start, q->span.end, n))
                return STANCE_ERR_NOMEM;
        }
    }
    return demonyms_in_quotes(quotes, t, ents);
}

/* The gender a kinship noun t[ws, we) of the lexicon gives its referent
 * (stance_noun_gender()), or 0: no such noun. */
static int kin_gender(const char *t, size_t ws, size_t we)
{
    uint64_t cls = stance_lex_classes_lower(t + ws, we - ws);
    return cls & STANCE_LX(KIN) ? stance_noun_gender(cls) : STANCE_G_UNKNOWN;
}

/* The actor a pronoun starting at @p at was resolved to ("his"), or whose
 * possessive name mention ends at @p at ("Park's", its start then in
 * @p start); -1 if none. */
static long mention_at(const stance_entityset *ents, size_t at, int pronoun, size_t *start)
{
    for (size_t i = 0; i < ents->n; i++) {
        const stance_ent *e = &ents->e[i];
        if (pronoun) {
            for (size_t k = 0; k < e->n_more; k++)
                if (e->more[k].span.start == at && e->more[k].kind == STANCE_MK_PRONOUN)
                    return (long)i;
        } else
            for (size_t k = 0; k < e->n_mentions; k++)
                if (e->mentions[k].end == at && e->rules && e->rules[k] == STANCE_MR_POSSESSIVE) {
                    *start = e->mentions[k].start;
                    return (long)i;
                }
    }
    return -1;
}

/* The one actor other than @p who (a name of two words or more, or the
 * speaker's name) whose name ends in the same word and whose gender is not
 * other than @p g, or -1. */
static long kin_of(const stance_entityset *ents, const char *who, long self, int g)
{
    size_t wl, el;
    const char *w = stance_last_word(who, strlen(who), &wl);
    long found = -1;
    if (w == who)
        return -1;
    for (size_t i = 0; i < ents->n; i++) {
        const stance_ent *e = &ents->e[i];
        const char *ew = stance_last_word(e->name, strlen(e->name), &el);
        if ((long)i == self || ew == e->name || el != wl || memcmp(ew, w, wl) != 0 || strcmp(e->name, who) == 0 ||
            (e->gender != STANCE_G_UNKNOWN && e->gender != g))
            continue;
        if (found >= 0)
            return -1;
        found = (long)i;
    }
    return found;
}

#define PAIR_REACH 1500u

/* The latest mention of actor @p e ending at or before @p pos, or 0 (none). */
static size_t last_before(const stance_ent *e, size_t pos)
{
    size_t best = 0;
    for (size_t k = 0; k < e->n_mentions && e->mentions[k].end <= pos; k++)
        best = e->mentions[k].end;
    for (size_t k = 0; k < e->n_more; k++)
        if (e->more[k].span.end <= pos && e->more[k].span.end > best)
            best = e->more[k].span.end;
    return best;
}

/* The two male actors (@p male, else two persons of known gender) other than
 * @p speaker mentioned last before @p pos. */
static int add_pair(stance_entityset *ents, long speaker, size_t ps, size_t pe, int male)
{
    long a = -1, b = -1;
    size_t at = 0, bt = 0;
    for (size_t i = 0; i < ents->n; i++) {
        size_t w;
        if ((long)i == speaker || (male ? ents->e[i].gender != STANCE_G_MALE : ents->e[i].gender == STANCE_G_UNKNOWN) ||
            (w = last_before(&ents->e[i], ps)) == 0 ||
            w + PAIR_REACH < ps)
            continue;
        if (w > at)
            b = a, bt = at, a = (long)i, at = w;
        else if (w > bt)
            b = (long)i, bt = w;
    }
    if (b < 0)
        return STANCE_OK;
    if (stance_mentions_add(&ents->e[a], ps, pe, STANCE_MK_EPITHET, STANCE_MR_PAIR) ||
        stance_mentions_add(&ents->e[b], ps, pe, STANCE_MK_EPITHET, STANCE_MR_PAIR))
        return STANCE_ERR_NOMEM;
    return STANCE_OK;
}

enum { KIN_MY = 1, KIN_PRON, KIN_POSS };

/* The possessor a word t[ps, pe) before a kinship noun names: KIN_MY ("my"),
 * KIN_PRON ("his", "her"), KIN_POSS ("Park's": a word "s" after the
 * apostrophe, stance_poss_start()), or 0 (none: no kinship read). */
static int kin_owner(const char *t, size_t ps, size_t pe)
{
    if (pe - ps == 1)
        return ps >= 3 && stance_poss_start(t, 0, pe, 0) < ps ? KIN_POSS : 0;
    if (pe - ps == 2)
        return stance_word_is(t, ps, pe, "my") ? KIN_MY : 0;
    return stance_word_is(t, ps, pe, "his") || stance_word_is(t, ps, pe, "her") ? KIN_PRON : 0;
}

/* "my father", "his wife", "Park's son" (previous word t[ps, pe), possessor
 * @p owner (kin_owner()), kinship noun of gender @p g ending at @p we). */
static int kin_at(stance_entityset *ents, const char *t, const stance_rawquote *q, size_t ps, int owner, size_t we,
                  int g)
{
    long who = -1, kin;
    const char *name = NULL;
    if (owner == KIN_MY) {
        who = stance_mentions_speaker(ents, t, q);
        name = who >= 0 ? ents->e[who].name : q->speaker;
    } else {
        int pron = owner == KIN_PRON;
        size_t at = pron ? ps : stance_poss_start(t, 0, ps + 1, 0); /* before "'s" or a curly one */
        who = mention_at(ents, at, pron, &ps);
        name = who >= 0 ? ents->e[who].name : NULL;
    }
    if (name && (kin = kin_of(ents, name, who, g)) >= 0 &&
        stance_mentions_add(&ents->e[kin], ps, we, STANCE_MK_EPITHET, STANCE_MR_KINSHIP))
        return STANCE_ERR_NOMEM;
    return STANCE_OK;
}

/* "these two men", "the two men", "both men", "either one of these guys": the
 * word t[ws, we) after t[s1, e1) (and t[s2, ...) before that, if n > 1). */
static int pair_at(stance_entityset *ents, const char *t, const stance_rawquote *q, size_t s2, size_t s1, size_t e1,
                   size_t ws, size_t we, int n)
{
    int two, male = stance_word_is(t, ws, we, "men") || stance_word_is(t, ws, we, "guys") ||
                    stance_word_is(t, ws, we, "gentlemen");
    if (!male && !stance_word_is(t, ws, we, "candidates") && !stance_word_is(t, ws, we, "nominees"))
        return STANCE_OK;
    two = stance_word_is(t, s1, e1, "two");
    if (!two && !stance_word_is(t, s1, e1, "these") && !stance_word_is(t, s1, e1, "those") &&
        !stance_word_is(t, s1, e1, "both"))
        return STANCE_OK;
    return add_pair(ents, stance_mentions_speaker(ents, t, q), two && n > 1 ? s2 : s1, we, male);
}

/* One pass over the words of each quote: kinship and pairs (the words before
 * a noun are read only across spaces). */
int stance_mentions_in_quotes(const stance_quotelist *quotes, const char *t, stance_entityset *ents)
{
    for (size_t qi = 0; qi < quotes->n; qi++) {
        const stance_rawquote *q = &quotes->q[qi];
        size_t pos = q->span.start, s1 = 0, e1 = 0, s2 = 0;
        int n = 0;
        while (pos < q->span.end) {
            size_t ws, we;
            unsigned char f;
            int g, owner;
            if (!stance_word_byte(t, pos, q->span.end)) {
                n = t[pos] == ' ' ? n : 0; /* U+2000-U+20FF (curly marks, dashes) end a word as "'" does */
                pos += (unsigned char)t[pos] == 0xE2 ? 3 : 1;
                continue;
            }
            ws = pos++;
            we = pos = stance_word_end(t, pos, q->span.end, q->span.end);
            f = (unsigned char)(t[ws] | 0x20);
            /* a kinship noun (3 to 13 letters) after a possessor, the only place it is read: most words stop */
            if (n && e1 - s1 <= 3 && we - ws >= 3 && we - ws <= 13 && (owner = kin_owner(t, s1, e1)) &&
                (g = kin_gender(t, ws, we)) && kin_at(ents, t, q, s1, owner, we, g))
                return STANCE_ERR_NOMEM;
            /* c g m n: the first letters of pair_at()'s nouns */
            if (n && we - ws >= 3 && we - ws <= 10 && (f == 'm' || f == 'g' || f == 'c' || f == 'n') &&
                pair_at(ents, t, q, s2, s1, e1, ws, we, n))
                return STANCE_ERR_NOMEM;
            s2 = s1, s1 = ws, e1 = we, n++;
        }
    }
    return STANCE_OK;
}

/* ---- from mentions.c: an acronym alias, the order of the mentions ------------ */

/* Is actor @p e of unknown gender named in the text by an alias that is an
 * acronym of two to five capitals ("KKK", "NRA")? An organisation then, no
 * "he" or "she" ("... by the Ku Klux Klan and David Duke?" "Is he ..."). */
int stance_mentions_acronym_alias(const char *t, const stance_ent *e)
{
    if (e->gender != STANCE_G_UNKNOWN)
        return 0; /* "HRC" is Hillary Clinton's */
    for (size_t k = 0; k < e->n_mentions; k++) {
        size_t s = e->mentions[k].start, n = e->mentions[k].end - s, c = 0;
        if (e->kinds[k] != STANCE_MK_ALIAS || n < 2 || n > 5)
            continue;
        while (c < n && t[s + c] >= 'A' && t[s + c] <= 'Z')
            c++;
        if (c == n)
            return 1;
    }
    return 0;
}

static int more_cmp(const void *a, const void *b)
{
    const stance_mention *x = a, *y = b;
    if (x->span.start != y->span.start)
        return x->span.start < y->span.start ? -1 : 1;
    if (x->span.end != y->span.end)
        return x->span.end > y->span.end ? -1 : 1; /* longest first */
    return (y->kind > x->kind) - (y->kind < x->kind); /* an epithet before the title it ends in */
}

/* Text order, and of overlapping mentions the first (longest) one only. */
void stance_mentions_sort_more(stance_entityset *ents)
{
    for (size_t i = 0; i < ents->n; i++) {
        stance_ent *e = &ents->e[i];
        size_t k = 0;
        if (e->n_more < 2)
            continue;
        stance_sort_small(e->more, e->n_more, sizeof *e->more, more_cmp);
        for (size_t j = 0; j < e->n_more; j++)
            if (!k || e->more[j].span.start >= e->more[k - 1].span.end)
                e->more[k++] = e->more[j];
        e->n_more = k;
    }
}

/* ---- a name in a list or an apposition ---------------------------------------- */

/* Does the name t[s, e) stand in a list ("Rick Nolan and Marcy Kaptur", "...
 * and Rick Nolan", "two of his supporters, Minnesota Rep. Rick Nolan and
 * ...")? Capitalised words and a title before it belong to the name. Such a
 * name is named in passing. (A comma before the name alone is no apposition:
 * "... plays well with primary voters, Cruz will have"). */
int stance_name_in_list(const char *t, size_t len, size_t s, size_t e)
{
    size_t ws, we, i = stance_mentions_skip_title(t, s);
    if (stance_word_after(t, len, e, &ws, &we) &&
        (stance_word_is(t, ws, we, "and") || stance_word_is(t, ws, we, "or")) &&
        stance_word_after(t, len, we, &ws, &we) && stance_letter_case(t, ws, we) > 0)
        return 1;
    for (int n = 0; n < 3 && stance_word_before(t, i, &ws, &we) && stance_letter_case(t, ws, we) > 0; n++)
        i = stance_mentions_skip_title(t, ws); /* "Minnesota Rep." */
    return stance_word_before(t, i, &ws, &we) && (stance_word_is(t, ws, we, "and") || stance_word_is(t, ws, we, "or"));
}

/* ---- the addressee of an attribution ------------------------------------------ */

/* Is what starts at @p pos addressed by the words before it: a verb of
 * address ("told", "asked") or a reporting verb (or "back") before "at"/"to"
 * ("tweeted back at", "wrote to", "responded to")? */
static int addressed(const char *text, size_t pos)
{
    const uint64_t rv = STANCE_LX(RV_SAY) | STANCE_LX(RV_ARGUE) | STANCE_LX(RV_CRIT) | STANCE_LX(RV_PRAISE);
    size_t ws, we, ps, pe;
    char b[16];
    if (!stance_word_before(text, pos, &ws, &we) || !stance_mentions_lower(text, ws, we, b, sizeof b))
        return 0;
    if (stance_lex_is(b, we - ws, STANCE_LX(ADDRESS_CUE)))
        return 1;
    if (strcmp(b, "at") != 0 && strcmp(b, "to") != 0)
        return 0;
    return stance_word_before(text, ws, &ps, &pe) && stance_mentions_lower(text, ps, pe, b, sizeof b) &&
           (strcmp(b, "back") == 0 || strcmp(b, "message") == 0 || strcmp(b, "letter") == 0 ||
            stance_lex_is(b, pe - ps, rv));
}

typedef struct addr_at {
    stance_span span;
    size_t ent;
} addr_at;

/* The title and epithet mentions by start (few); the name mentions are read
 * through the entity set's name index (mindex.h), which is final by then. */
struct stance_addrindex {
    const stance_entityset *ents;
    addr_at *v;
    size_t n;
};

static int addr_cmp(const void *a, const void *b)
{
    const addr_at *x = a, *y = b;
    if (x->span.start != y->span.start)
        return x->span.start < y->span.start ? -1 : 1;
    return x->ent < y->ent ? -1 : x->ent > y->ent;
}

int stance_addrindex_build(const stance_entityset *ents, stance_addrindex **out)
{
    stance_addrindex *ix = stance_calloc(1, sizeof *ix);
    size_t n = 0;
    for (size_t i = 0; i < ents->n; i++)
        for (size_t k = 0; k < ents->e[i].n_more; k++)
            n += ents->e[i].more[k].kind == STANCE_MK_TITLE || ents->e[i].more[k].kind == STANCE_MK_EPITHET;
    if (!ix || !(ix->v = stance_malloc_array(n ? n : 1, sizeof *ix->v))) {
        stance_free(ix);
        return STANCE_ERR_NOMEM;
    }
    ix->ents = ents;
    for (size_t i = 0; i < ents->n; i++)
        for (size_t k = 0; k < ents->e[i].n_more; k++)
            if (ents->e[i].more[k].kind == STANCE_MK_TITLE || ents->e[i].more[k].kind == STANCE_MK_EPITHET)
                ix->v[ix->n++] = (addr_at){ents->e[i].more[k].span, i};
    if (ix->n > 1)
        qsort(ix->v, ix->n, sizeof *ix->v, addr_cmp);
    *out = ix;
    return STANCE_OK;
}

void stance_addrindex_free(stance_addrindex *ix)
{
    if (ix) {
        stance_free(ix->v);
        stance_free(ix);
    }
}

/* The end of entity e's name mention that starts at @p start (its mentions are in text order). */
static size_t name_end(const stance_ent *e, size_t start)
{
    size_t lo = stance_first_at_or_after(e->mentions, e->n_mentions, sizeof *e->mentions, offsetof(stance_span, start),
                                         start);
    return lo < e->n_mentions && e->mentions[lo].start == start ? e->mentions[lo].end : SIZE_MAX;
}

/* May the mention [s, e) of entity @p ent be the addressee of @p q, beside the best so far? */
static int addressee_at(const char *text, const stance_rawquote *q, size_t s, size_t e, size_t ent, long best,
                        int name)
{
    stance_span c = q->context;
    if (s < c.start || e > c.end || (s >= q->span.start && e <= q->span.end) || (best >= 0 && ent >= (size_t)best))
        return 0;
    return addressed(text, name ? stance_mentions_skip_title(text, s) : s);
}

long stance_mentions_addressee(const stance_addrindex *ix, const char *text, const stance_rawquote *q)
{
    const stance_entityset *ents = ix->ents;
    stance_span c = q->context;
    size_t lo, from, to;
    long best = -1;
    if (c.start == STANCE_NO_OFFSET)
        return -1;
    stance_mindex_range(ents->ix, c.start, c.end, &from, &to);
    for (size_t k = from; k < to; k++) {
        const stance_mpos *p = &ents->ix->pos[k];
        size_t end = name_end(&ents->e[p->ent], p->start);
        if (end != SIZE_MAX && addressee_at(text, q, p->start, end, p->ent, best, 1))
            best = (long)p->ent;
    }
    lo = stance_first_at_or_after(ix->v, ix->n, sizeof *ix->v, offsetof(addr_at, span.start), c.start);
    for (; lo < ix->n && ix->v[lo].span.start < c.end; lo++)
        if (addressee_at(text, q, ix->v[lo].span.start, ix->v[lo].span.end, ix->v[lo].ent, best, 0))
            best = (long)ix->v[lo].ent;
    return best;
}

/* ---- the addressee by the text before the quote ---------------------------- */

/* The part [*k0, *k1) of entity @p e's name mentions that may lie inside
 * [a, b): those starting in [a, b] by a search when there are many and the
 * index says they are in order of start, else all. */
static void inside(const stance_entityset *ents, const stance_ent *e, size_t a, size_t b, size_t *k0, size_t *k1)
{
    const size_t at = offsetof(stance_span, start);
    *k0 = 0, *k1 = e->n_mentions;
    if (e->n_mentions <= 16 || !ents->ix || ents->ix->n != ents->n || !ents->ix->by_start)
        return;
    *k0 = stance_first_at_or_after(e->mentions, e->n_mentions, sizeof *e->mentions, at, a);
    if (b < SIZE_MAX)
        *k1 = stance_first_at_or_after(e->mentions, e->n_mentions, sizeof *e->mentions, at, b + 1);
}

/* Does entity @p e have a mention of any kind inside [a, b)? */
static int mentioned_in(const stance_entityset *ents, const stance_ent *e, size_t a, size_t b)
{
    size_t k0, k1;
    inside(ents, e, a, b, &k0, &k1);
    for (size_t k = k0; k < k1; k++)
        if (e->mentions[k].start >= a && e->mentions[k].end <= b)
            return 1;
    for (size_t k = 0; k < e->n_more; k++) /* not in text order while find_self() adds to them */
        if (e->more[k].span.start >= a && e->more[k].span.end <= b)
            return 1;
    return 0;
}

/* The start of entity @p e's last name mention inside [a, b) that a verb of
 * address or a message is directed at ("telling Trump that", "a message to
 * Clinton"), or SIZE_MAX. */
static size_t last_addressed_in(const stance_entityset *ents, const char *text, const stance_ent *e, size_t a,
                                size_t b)
{
    size_t best = SIZE_MAX, k0, k1;
    inside(ents, e, a, b, &k0, &k1);
    for (size_t k = k0; k < k1; k++) {
        size_t s = e->mentions[k].start;
        if (s >= a && e->mentions[k].end <= b && (best == SIZE_MAX || s > best) &&
            !(e->rules && e->rules[k] == STANCE_MR_POSSESSIVE) && addressed(text, stance_mentions_skip_title(text, s)))
            best = s; /* "to respond to Trump's criticism" addresses no Trump */
    }
    return best;
}

/* May entity @p i be the recent addressee of @p q: its last addressed name
 * mention in [a, q's start), or SIZE_MAX? (last_addressed_in() first: few
 * entities have one, and mentioned_in() reads all of an entity's pronouns.) */
static size_t addressed_at(const stance_entityset *ents, const char *text, const stance_rawquote *q, size_t a,
                           size_t i, long sp, long pr, const unsigned char *person)
{
    size_t at;
    if (!person[i] || (long)i == sp || (long)i == pr)
        return SIZE_MAX;
    at = last_addressed_in(ents, text, &ents->e[i], a, q->span.start);
    return at == SIZE_MAX || mentioned_in(ents, &ents->e[i], q->span.start, q->span.end) ? SIZE_MAX : at;
}

long stance_mentions_recent_addressee(const stance_entityset *ents, const char *text, const stance_rawquote *q,
                                      size_t from, long sp, long pr, const unsigned char *person)
{
    size_t a = q->span.start > STANCE_YOU_REACH ? q->span.start - STANCE_YOU_REACH : 0, best_at = 0, k0, k1;
    const stance_mindex *ix = ents->ix;
    long best = -1;
    if (a < from)
        a = from;
    if (!ix || ix->n != ents->n) {
        for (size_t i = 0; i < ents->n; i++) {
            size_t at = addressed_at(ents, text, q, a, i, sp, pr, person);
            if (at != SIZE_MAX && (best < 0 || at > best_at))
                best = (long)i, best_at = at;
        }
        return best;
    }
    /* Only an entity with a name mention starting in [a, q's start) can be it:
     * those of the index there, each once; the latest wins, the lowest index on a tie. */
    stance_mindex_range(ix, a, q->span.start, &k0, &k1);
    while (k0 < k1 && ix->pos[k0].start < a)
        k0++;
    for (size_t k = k0; k < k1; k++) {
        size_t i = ix->pos[k].ent, at, j;
        for (j = k0; j < k && ix->pos[j].ent != i; j++)
            ;
        if (j < k || (at = addressed_at(ents, text, q, a, i, sp, pr, person)) == SIZE_MAX)
            continue;
        if (best < 0 || at > best_at || (at == best_at && (long)i < best))
            best = (long)i, best_at = at;
    }
    return best;
}

/* ---- the quote's speaker and the actor it speaks for ------------------------- */

/* Index of the first of the n sorted spans that ends after @p a, if it starts before @p b. */
static int overlaps(const stance_span *ms, size_t n, size_t a, size_t b, size_t *at)
{
    size_t lo = stance_first_end_after(ms, n, sizeof *ms, offsetof(stance_span, end), a);
    if (lo < n && ms[lo].start < b) {
        if (at)
            *at = lo;
        return 1;
    }
    return 0;
}

/* Does a noun right after the name mention ending at @p end, inside the
 * speaker span ending at @p b, make the name its modifier ("a Park aide",
 * "one Park campaign source", "Park spokeswoman Lena Ortiz")? A lowercase
 * word that is a person, staff, group or organisation noun of the lexicon,
 * or no word the lexicon knows ("source", "ally"; not an -ly adverb:
 * "Park similarly warned"). */
static int modifies_noun_in(const char *text, size_t end, size_t b)
{
    const uint64_t nouns = STANCE_LX(ROLE) | STANCE_LX(PERSON_NOUN) | STANCE_LX(STAFF_NOUN) | STANCE_LX(GROUP_NOUN) |
                           STANCE_LX(ORG_NOUN);
    size_t ws, we;
    if (end >= b || text[end] != ' ' || !stance_word_after(text, b, end, &ws, &we) || ws != end + 1 ||
        text[ws] < 'a' || text[ws] > 'z')
        return 0;
    return (stance_lex_classes(text + ws, we - ws) & nouns) ||
           (!stance_lex_known(text + ws, we - ws) && !(we - ws > 3 && text[we - 2] == 'l' && text[we - 1] == 'y'));
}

/* Entity e names the speaker span [a, b): a mention in it ("Clinton's
 * director" is not Clinton, nor is "a Clinton aide"). */
static int speaks_in(const stance_ent *e, const char *text, size_t a, size_t b)
{
    size_t at;
    return overlaps(e->mentions, e->n_mentions, a, b, &at) && !(e->rules && e->rules[at] == STANCE_MR_POSSESSIVE) &&
           !modifies_noun_in(text, e->mentions[at].end, b);
}

/* The lowest entity index whose mentions name the speaker span, or -1. */
static long speaker_by_span(const stance_entityset *ents, const char *text, size_t a, size_t b)
{
    long best = -1;
    size_t from, to;
    if (!ents->ix) {
        for (size_t i = 0; i < ents->n; i++)
            if (speaks_in(&ents->e[i], text, a, b))
                return (long)i;
        return -1;
    }
    /* only entities with a mention near the span can qualify; the lowest that does is the pass's answer */
    stance_mindex_range(ents->ix, a, b, &from, &to);
    for (size_t k = from; k < to; k++) {
        size_t i = ents->ix->pos[k].ent;
        if ((best < 0 || (long)i < best) && speaks_in(&ents->e[i], text, a, b))
            best = (long)i;
    }
    return best;
}

/* Does the speaker's given name contradict actor @p e's, so that a shared
 * surname does not make them one ("Jane Sanders" is no "Bernie Sanders")? Only
 * a first name of the lexicon contradicts, and not one that begins the actor's
 * first word or a name or alias the text gives it ("Tommy" for "Tom Park",
 * "Bernie" for "Bernard Sanders" when the text writes "Bernie Sanders"). */
static int given_contradicts(const stance_ent *e, const char *text, const char *sp)
{
    const char *sw = strchr(sp, ' '), *aw = strchr(e->name, ' ');
    size_t wl, al;
    if (!sw || !aw)
        return 0;
    wl = (size_t)(sw - sp);
    al = (size_t)(aw - e->name);
    if (!stance_names_is_first_name(sp, wl) || memcmp(sp, e->name, wl < al ? wl : al) == 0)
        return 0;
    for (size_t k = 0; k < e->n_mentions; k++) {
        const stance_span *m = &e->mentions[k];
        if (e->kinds && e->kinds[k] > STANCE_MK_ALIAS)
            continue;
        if (m->end - m->start >= wl && memcmp(text + m->start, sp, wl) == 0 &&
            (m->end - m->start == wl || text[m->start + wl] == ' '))
            return 0;
    }
    return 1;
}

long stance_mentions_speaker(const stance_entityset *ents, const char *text, const stance_rawquote *q)
{
    size_t sl, ll;
    const char *lw;
    long found = -1;
    if (q->speaker_span.start != STANCE_NO_OFFSET && q->how != STANCE_ATTR_NOUN &&
        (found = speaker_by_span(ents, text, q->speaker_span.start, q->speaker_span.end)) >= 0 &&
        !(q->speaker && given_contradicts(&ents->e[found], text, q->speaker)))
        return found; /* "Jane Park said": the surname in the span is no Tom Park */
    if (!q->speaker || q->how == STANCE_ATTR_NOUN)
        return -1;
    /* the same surname, if only one actor has it */
    sl = strlen(q->speaker);
    lw = stance_last_word(q->speaker, sl, &ll);
    if (ents->ix) {
        if ((found = stance_mindex_name(ents->ix, ents, q->speaker)) >= 0 || ll < 2)
            return found;
        if (stance_mindex_last(ents->ix, lw, ll, &found) != 1)
            return -1;
        return given_contradicts(&ents->e[found], text, q->speaker) ? -1 : found;
    }
    for (size_t i = 0; i < ents->n; i++)
        if (strcmp(ents->e[i].name, q->speaker) == 0)
            return (long)i;
    found = -1;
    if (ll < 2)
        return -1;
    for (size_t i = 0; i < ents->n; i++) {
        size_t el;
        const char *ew = stance_last_word(ents->e[i].name, strlen(ents->e[i].name), &el);
        if (el == ll && memcmp(ew, lw, ll) == 0) {
            if (found >= 0)
                return -1;
            found = (long)i;
        }
    }
    return found >= 0 && given_contradicts(&ents->e[found], text, q->speaker) ? -1 : found;
}

/* Entity e is the one the speaker works for: "Clinton's communications director", "Priya Shah, a
 * spokeswoman for Park", "Park spokeswoman Priya Shah", "a Park aide" (a mention of e in [lo, hi);
 * a modifier only of a speaker the text gives no name: "the New York businessman" who is Donald Trump
 * is no New York's); not the owner of a group that faces it (stance_targets_faces_owner(): "Obama's
 * first five questioners"). */
static int principal_is(const stance_ent *e, const char *text, const stance_rawquote *q, size_t lo, size_t hi)
{
    stance_span sp = q->speaker_span;
    size_t at;
    if (!overlaps(e->mentions, e->n_mentions, lo, hi, &at))
        return 0;
    for (; at < e->n_mentions && e->mentions[at].start < hi; at++) {
        stance_span m = e->mentions[at];
        if (m.start >= sp.start && m.end <= sp.end &&
            (e->rules[at] == STANCE_MR_POSSESSIVE ||
             (modifies_noun_in(text, m.end, sp.end) && q->speaker &&
              memmem(q->speaker, strlen(q->speaker), text + m.start, m.end - m.start))))
            return !stance_targets_faces_owner(text, sp);
        if (q->role && (m.end <= sp.start || m.start >= sp.end) &&
            memmem(q->role, strlen(q->role), text + m.start, m.end - m.start))
            return 1;
    }
    return 0;
}

long stance_mentions_principal(const stance_entityset *ents, const char *text, const stance_rawquote *q, long speaker)
{
    stance_span sp = q->speaker_span;
    size_t lo, hi, from, to;
    long best = -1;
    if (sp.start == STANCE_NO_OFFSET)
        return -1;
    lo = sp.start > 80 ? sp.start - 80 : 0;
    hi = sp.end + 120;
    if (!ents->ix) {
        for (size_t i = 0; i < ents->n; i++)
            if ((long)i != speaker && principal_is(&ents->e[i], text, q, lo, hi))
                return (long)i;
        return -1;
    }
    /* only entities with a mention in [lo, hi) can qualify; the lowest that does is the pass's answer */
    stance_mindex_range(ents->ix, lo, hi, &from, &to);
    for (size_t k = from; k < to; k++) {
        long i = (long)ents->ix->pos[k].ent;
        if (i != speaker && (best < 0 || i < best) && principal_is(&ents->e[i], text, q, lo, hi))
            best = i;
    }
    return best;
}

int stance_deity_pronoun(const char *t, size_t len, size_t ws, size_t we)
{
    size_t ps, pe, ns, ne;
    if (t[ws] != 'H' || ws < 2 || t[ws - 1] != ' ' || !stance_word_before(t, ws, &ps, &pe) || pe + 1 != ws ||
        stance_letter_case(t, ps, len) >= 0)
        return 0;
    return !stance_word_after(t, len, we, &ns, &ne) || stance_letter_case(t, ns, len) <= 0;
}

int stance_plural_noun_before(const char *t, size_t ws, size_t we, size_t b, size_t be)
{
    size_t ns, ne;
    if (we - ws < 4 || t[we - 1] != 's' || strchr("isu", t[we - 2]) || t[ws] < 'a' || t[ws] > 'z' ||
        we + PLURAL_NOUN_REACH < b || (we < b && t[we] == '\'') ||
        (stance_lex_classes_lower(t + ws, we - ws) & STANCE_LX_KNOWN))
        return 0; /* no -s plural of 4+ letters ("business", "status", "thesis"), a possessive, a common word */
    for (size_t k = we; k < b; k++)
        if (t[k] == '.' || t[k] == '?' || t[k] == '!' || t[k] == '\n')
            return 0; /* another sentence */
    /* a verb's -s form before its object: "shows their", "wants the" */
    return !(stance_word_after(t, be, we, &ns, &ne) &&
             (stance_lex_classes_lower(t + ns, ne - ns) & (STANCE_LX(PRONOUN) | STANCE_LX(DET))));
}

size_t stance_after_the(const char *t, size_t from, size_t len)
{
    size_t p = from < 3 ? 0 : from - 3; /* the place of the 't' */
#if defined(__SSE2__)
    const __m128i bit = _mm_set1_epi8(0x20), ct = _mm_set1_epi8('t'), ch = _mm_set1_epi8('h'), ce = _mm_set1_epi8('e');
    for (; p + 2 + 16 <= len; p += 16) {
        __m128i a = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(t + p)), bit);
        __m128i b = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(t + p + 1)), bit);
        __m128i c = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(t + p + 2)), bit);
        unsigned m = (unsigned)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpeq_epi8(a, ct), _mm_and_si128(_mm_cmpeq_epi8(b, ch), _mm_cmpeq_epi8(c, ce))));
        if (m)
            return p + (size_t)__builtin_ctz(m) + 3;
    }
#endif
    for (; p + 2 < len; p++)
        if ((t[p] | 0x20) == 't' && (t[p + 1] | 0x20) == 'h' && (t[p + 2] | 0x20) == 'e')
            return p + 3;
    return len;
}

/* Past spaces and opening quote marks (", ', U+201C, U+2018) from @p i up to @p lim. */
static size_t past_opening(const char *t, size_t i, size_t lim)
{
    while (i < lim) {
        if (t[i] == ' ' || t[i] == '"' || t[i] == '\'')
            i++;
        else if (i + 3 <= lim && memcmp(t + i, "\xe2\x80", 2) == 0 && (t[i + 2] == '\x9c' || t[i + 2] == '\x98'))
            i += 3;
        else
            break;
    }
    return i;
}

/* A noun phrase "<determiner> <up to 3 lowercase words> <plural>" at @p i
 * (or a capitalised word of no lexicon class for the determiner),
 * the plural followed by a lowercase word (its verb: "The deportation centers
 * are", "the four male officials and")? */
static int plural_np_at(const char *t, size_t i, size_t lim)
{
    size_t ws, we;
    uint64_t cls;
    if (!stance_word_after(t, lim, i, &ws, &we) || ws != i)
        return 0;
    cls = stance_lex_classes_lower(t + ws, we - ws);
    if (t[ws] >= 'A' && t[ws] <= 'Z' && we - ws >= 5 && t[we - 1] == 's' && !strchr("isu", t[we - 2]) &&
        !(cls & STANCE_LX_KNOWN) && stance_letter_case(t, ws + 1, lim) < 0) {
        size_t ns, ne;
        if (stance_word_after(t, lim, we, &ns, &ne) && ns == we + 1 &&
            (stance_word_is(t, ns, ne, "are") || stance_word_is(t, ns, ne, "were") || stance_word_is(t, ns, ne, "have")))
            return 1; /* a plural noun alone before a plural verb: "Governments are taking Americans hostage" (a
                       * name ending in "s" takes "is": "Williams is") */
    }
    if (!(cls & STANCE_LX(DET)) && !(t[ws] >= 'A' && t[ws] <= 'Z' && we - ws >= 3 && !(cls & STANCE_LX_KNOWN) &&
                                     stance_letter_case(t, ws + 1, lim) < 0))
        return 0; /* "The centers are", or a bare plural opening the sentence: "Voting rights advocates have" */
    for (int n = 0; n < 4 && stance_word_after(t, lim, we, &ws, &we) && ws <= lim; n++) {
        size_t ns, ne;
        if (!(t[ws] >= 'a' && t[ws] <= 'z') && !(t[ws] >= '0' && t[ws] <= '9'))
            return 0;
        if (stance_plural_noun_before(t, ws, we, we, lim))
            return stance_word_after(t, lim, we, &ns, &ne) && ns == we + 1 && t[ns] >= 'a' && t[ns] <= 'z';
    }
    return 0;
}

/* Does the sentence from @p ps (to @p p) open with a plural noun phrase, or
 * have one right after its first comma, or open a quote after its last
 * colon ("Dube wrote: \"The failings were ...")? */
static int plural_subject(const char *t, size_t ps, size_t p)
{
    const char *comma;
    size_t colon = p;
    ps = past_opening(t, ps, p);
    if (plural_np_at(t, ps, p))
        return 1;
    comma = memchr(t + ps, ',', p - ps); /* after an opening phrase: "To Park, the four officials ..." */
    if (comma && plural_np_at(t, past_opening(t, (size_t)(comma - t) + 1, p), p))
        return 1;
    while (colon > ps && t[colon - 1] != ':')
        colon--;
    return colon > ps && plural_np_at(t, past_opening(t, colon, p), p);
}

int stance_plural_subject_before(const char *t, size_t ws, size_t floor)
{
    size_t s0 = stance_sent_start(t, ws, floor), p;
    if (s0 > floor && plural_subject(t, s0, ws))
        return 1; /* its own sentence: "The centers are a disgrace and they ..." */
    if (s0 <= floor + 1)
        return 0;
    p = s0;
    while (p > floor && (t[p - 1] == ' ' || t[p - 1] == '"' || (unsigned char)t[p - 1] >= 0x80))
        p--; /* back over spaces and closing marks to the stop */
    if (p <= floor + 1 || t[p - 1] == '\n' || !strchr(".!?", t[p - 1]))
        return 0;
    s0 = stance_sent_start(t, p - 1, floor);
    return s0 > floor && plural_subject(t, s0, p);
}
