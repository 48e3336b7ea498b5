/*
 * mentions_pron.c - third-person pronouns, pass 3 of stance_mentions_find()
 * (mentions.c collects the pronouns; the state is mentions_int.h's mstate).
 *
 * he/she/him/her/his/hers resolve to the most recent compatible person: an
 * actor of that gender (or a person-like actor of unknown gender), or a person
 * the article names who is no actor (its gender also from the longer run it
 * shortens), which blocks the pronoun; when that one stands in an earlier
 * sentence, the first compatible one of that sentence if it opens it (its
 * subject: "Tom Park beat Sam Ito. He ..." is Park). "him" is never the
 * subject of its own clause ("Sanders called him"). A pronoun inside a quote
 * never means the quote's speaker; a pronoun that attributes a quote ("...,
 * she said") is the speaker the attribution sieves chose. A name an earlier
 * sentence's quote mentions in passing (a preposition's object: "You don't
 * know about David Duke?") is passed over by a pronoun in a later quote; an
 * actor of unknown gender the text names by an acronym ("KKK") is no person;
 * in a quote nested after "He said:" the pronoun is not the one "He" stands
 * for; "he or she" is anyone. "this man", "that woman", "this guy" are a
 * he/she too. The his/her of an apposition to a name ("Rahm Emanuel, his
 * chief of staff,") is not that name's; a he/she in a quote is not a person
 * who reports on the quote in its sentence ("Ito tweeted after Diaz argued
 * that \"...he...\"" with Diaz the speaker).
 *
 * A he/she (or "It") opening a quote that goes on from the same speaker's
 * quote just before is the actor whose mention opens that quote (rule
 * pronoun-continued).
 *
 * they/them/their: the organisation actor named within PLURAL_REACH bytes
 * before, unless an actor that may be a person stands in between; right
 * after two persons' names joined by "and", both (rule pronoun-pair).
 * "both of them", "the two men", "they both" in a quote: the two person
 * actors named last (rule pronoun-pair).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "lexicon.h"
#include "mentions.h"
#include "mentions_int.h"
#include "mindex.h"
#include "names.h"
#include "sort.h"
#include "speaker_names.h"
#include "targets.h"
#include "tokens.h"

static int add_ref(mstate *m, size_t s, size_t e, long ent, int gender)
{
    if (stance_grow((void **)&m->refs, &m->refs_cap, m->n_refs + 1, sizeof *m->refs))
        return STANCE_ERR_NOMEM;
    m->refs[m->n_refs++] = (referent){s, e, ent, gender, NULL};
    return STANCE_OK;
}

/* Is name mention @p k of @p e an alias, one capitalised word written as a
 * plural, that is no word of the actor's name ("the Saudis" for "Saudi
 * Arabia"; not "@SenSanders")? Such a
 * mention is a group, a "they", whatever the actor's name may be. */
static int plural_alias(const char *t, const stance_ent *e, size_t k)
{
    size_t s = e->mentions[k].start, n = e->mentions[k].end - s, nl = strlen(e->name);
    const char *w;
    if (!e->kinds || e->kinds[k] != STANCE_MK_ALIAS || n < 4 || t[s] < 'A' || t[s] > 'Z' || t[s + n - 1] != 's' ||
        t[s + n - 2] == 's' || t[s + n - 2] == '\'' || memchr(t + s, ' ', n))
        return 0;
    for (w = e->name; (w = memmem(w, nl - (size_t)(w - e->name), t + s, n)); w++)
        if ((w == e->name || w[-1] == ' ') && (w[n] == ' ' || w[n] == 0))
            return 0; /* "Sanders" of "Bernie Sanders" */
    return 1;
}

/* What a pronoun may point back to: every actor mention found so far (with the
 * actor's gender; unknown for organisations and places), and the persons of
 * known gender the article names who are no actor. */
int stance_mentions_build_referents(mstate *m)
{
    const stance_namelist *nl = &m->quotes->names;
    size_t n_ent;
    for (size_t i = 0; i < m->ents->n; i++) {
        const stance_ent *e = &m->ents->e[i];
        /* -1: no person; -2: a place the article does not write as a thing ("the United States", "X, which"),
         * neither a person nor a "they" */
        int g = e->place && !e->nonperson ? -2
                : stance_person_like(e) && !stance_mentions_acronym_alias(m->t, e) ? e->gender
                                                                                   : -1;
        for (size_t k = 0; k < e->n_mentions; k++)
            if (add_ref(m, e->mentions[k].start, e->mentions[k].end, (long)i,
                        plural_alias(m->t, e, k) ? -1 : g))
                return STANCE_ERR_NOMEM;
        for (size_t k = 0; k < e->n_more; k++) /* "the company" is no he/she, whatever the actor's gender */
            if (add_ref(m, e->more[k].span.start, e->more[k].span.end, (long)i,
                        g >= 0 && e->more[k].rule == STANCE_MR_ORG_HEAD ? -1 : g))
                return STANCE_ERR_NOMEM;
    }
    if (stance_sort_stable(m->refs, m->n_refs, sizeof *m->refs, offsetof(referent, start)))
        return STANCE_ERR_NOMEM;
    n_ent = m->n_refs;
    for (size_t i = 0; i < nl->n; i++) {
        const stance_name *nm = &nl->v[i];
        /* first actor mention ending after the run's start */
        size_t lo = stance_first_end_after(m->refs, n_ent, sizeof *m->refs, offsetof(referent, end), nm->bare);
        int g = nm->gender;
        if (lo < n_ent && m->refs[lo].start < nm->last_end)
            continue; /* an actor's name */
        if (g == STANCE_G_UNKNOWN) /* "Westmacott" after "Sir Peter Westmacott" */
            g = stance_run_gender(nl, m->t, nm);
        if (g == STANCE_G_UNKNOWN || stance_name_is_org(m->t, nm->bare, nm->last_end))
            continue; /* "The Laura Ingraham Show" is no "she" */
        if (add_ref(m, nm->bare, nm->last_end, -1, g))
            return STANCE_ERR_NOMEM;
    }
    if (m->n_refs > n_ent && stance_sort_stable(m->refs, m->n_refs, sizeof *m->refs, offsetof(referent, start)))
        return STANCE_ERR_NOMEM;
    return STANCE_OK;
}

/* Is referent @p r the speaker of quote @p q or the actor the speaker talks
 * with (a third-person pronoun in a quote is neither)? */
static int is_speaker(const mstate *m, const referent *r, size_t qi)
{
    const stance_rawquote *q = &m->quotes->q[qi];
    size_t wl, rl;
    const char *w, *rw;
    if (r->ent >= 0)
        return r->ent == m->speaker[qi] || r->ent == m->inter[qi];
    if (!q->speaker)
        return 0;
    w = stance_last_word(q->speaker, strlen(q->speaker), &wl);
    rw = r->who ? stance_last_word(r->who, strlen(r->who), &rl)
                : stance_last_word(m->t + r->start, r->end - r->start, &rl);
    return wl == rl && memcmp(w, rw, wl) == 0;
}

#define RECENT 16         /* referents a pronoun looks back over */
#define PRONOUN_REACH 1500 /* bytes: a pronoun further from any referent is left alone */
#define PLURAL_REACH 450   /* bytes back from they/them/their to the organisation it means */
#define CHAIN_REACH 300    /* bytes back from a pronoun to the pronoun whose chain it keeps */

/* A pronoun that attributes a quote ("..., she said"), with the speaker the
 * attribution sieves resolved it to: that actor, or -1 for a person who is no
 * actor. Sorted by position. */
typedef struct spk_pron {
    size_t start;
    long ent;
    const char *who;
} spk_pron;

static int spk_pron_cmp(const void *a, const void *b)
{
    const spk_pron *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

static int speaker_pronouns(const mstate *m, spk_pron **out, size_t *n_out)
{
    size_t n = 0;
    *out = NULL;
    *n_out = 0;
    for (size_t qi = 0; qi < m->quotes->n; qi++) {
        const stance_rawquote *q = &m->quotes->q[qi];
        n += q->how == STANCE_ATTR_PRONOUN && q->speaker && q->speaker_span.start != STANCE_NO_OFFSET;
    }
    if (!n)
        return STANCE_OK;
    if (!(*out = stance_malloc_array(n, sizeof **out)))
        return STANCE_ERR_NOMEM;
    for (size_t qi = 0; qi < m->quotes->n; qi++) {
        const stance_rawquote *q = &m->quotes->q[qi];
        if (q->how == STANCE_ATTR_PRONOUN && q->speaker && q->speaker_span.start != STANCE_NO_OFFSET)
            (*out)[(*n_out)++] = (spk_pron){q->speaker_span.start, m->speaker[qi], q->speaker};
    }
    if (*n_out > 1)
        stance_sort_small(*out, *n_out, sizeof **out, spk_pron_cmp);
    return STANCE_OK;
}

static void push_recent(referent *recent, size_t *nr, referent r)
{
    if (*nr == RECENT)
        memmove(recent, recent + 1, --*nr * sizeof *recent);
    recent[(*nr)++] = r;
}

/* Is there a line break or a ".", "?", "!" in t[a, b) (a sentence may end there)? */
static int any_stop(const char *t, size_t a, size_t b)
{
    return b > a && (memchr(t + a, '.', b - a) || memchr(t + a, '\n', b - a) || memchr(t + a, '?', b - a) ||
                     memchr(t + a, '!', b - a));
}

/* ---- a person or people the quote itself names by a noun ------------------ */

#define NP_REACH 200 /* bytes back from a he/she in a quote to a person noun it may mean */

/* Does the kin or person noun with lexicon classes @p cls fit pronoun
 * @p pw's gender ("my mother" is no "he"; "my eldest", "a doctor" are
 * anyone)? */
static int noun_fits(uint64_t cls, const pron_word *pw)
{
    int g = stance_noun_gender(cls);
    return g == STANCE_G_UNKNOWN || pw->gender != (g == STANCE_G_MALE ? STANCE_G_FEMALE : STANCE_G_MALE);
}

/* Is t[ws, we) a noun for people "they" may mean: an -s plural of four
 * letters or more ("members", "drivers", "beavers"; not "business",
 * "status", a word of the lexicon, but for the plural of a role:
 * "officials", "lawmakers"), a group noun of the lexicon ("people",
 * "staff"), "family" or "couple"? */
static int plural_noun(const char *t, size_t ws, size_t we)
{
    uint64_t cls = stance_lex_classes_lower(t + ws, we - ws);
    if (stance_word_is(t, ws, we, "family") || stance_word_is(t, ws, we, "couple") ||
        (cls & (STANCE_LX(GROUP_NOUN) | STANCE_LX(PEOPLE))) || ((cls & STANCE_LX(ROLE)) && t[we - 1] == 's'))
        return 1;
    return we - ws >= 4 && t[we - 1] == 's' && !strchr("isu'", t[we - 2]) && t[ws] >= 'a' && t[ws] <= 'z' &&
           !(cls & STANCE_LX_KNOWN);
}

/* The start of the nearest noun phrase for a person who is no actor, or for
 * people, in quote @p inq before the pronoun @p pw at @p ws, at most NP_REACH
 * bytes back: a determiner, at most one word, then a noun. For a he/she:
 * "my", "our" or "your" and a kin or person noun of the lexicon that fits its
 * gender ("My grandfather opened the shop with a loan from his brother", "My
 * eldest has autism. Every teacher knows him"; "a candidate ... her own
 * record" may be an actor's epithet: no article). For they/them/their:
 * plural_noun() after those, "a", a number word or "many" anywhere there
 * ("Our members are not walking away from a job they love", "explain to a
 * family that they have to travel", "We have four hundred families on the
 * list. I will not tell them to wait"), after "the", "these", "those" in the
 * pronoun's sentence only
 * ("the polls failed ..., but they were", "the refugees they are"; "The vote
 * hurt the farmers. They lie" may be the organisation). The pronoun means
 * that person or those people before any actor named before. SIZE_MAX: none. */
static size_t quote_np(const mstate *m, long inq, size_t ws, const pron_word *pw)
{
    static const char *const DET[] = {"my",    "our",   "your",  "a",        "the",      "these",     "those",
                                      "two",   "three", "four",  "five",     "six",      "seven",     "eight",
                                      "nine",  "ten",   "many",  "hundred",  "hundreds", "thousand",  "thousands"};
    /* definite: 4 to 6; DET_FIRST: the letters they open with (a, e, f, h, m, n, o, s, t, y) */
    enum { DET_FIRST = 1u << 0 | 1u << 4 | 1u << 5 | 1u << 7 | 1u << 12 | 1u << 13 | 1u << 14 | 1u << 18 | 1u << 19 |
                       1u << 24 };
    const size_t n_det = pw->cls == P_THIRD_PLURAL ? sizeof DET / sizeof *DET : 3;
    const char *t = m->t;
    size_t lo, pos, s, e, det = SIZE_MAX, best = SIZE_MAX, best_def = SIZE_MAX;
    int since = 0, def = 0; /* words since the determiner; is it definite? */
    unsigned c0;
    if (inq < 0)
        return SIZE_MAX;
    lo = m->quotes->q[inq].span.start;
    if (ws > lo + NP_REACH)
        lo = ws - NP_REACH;
    for (pos = lo; pos < ws; pos = e) {
        size_t d = 0;
        uint64_t cls;
        if (!stance_word_byte(t, pos, ws)) { /* past commas and marks: "To Tom Park, the four officials ..." */
            e = pos + 1;
            continue;
        }
        s = pos, e = stance_word_end(t, pos, ws, ws);
        c0 = (unsigned)(t[s] | 0x20) - 'a';
        if (e - s > 9 || c0 >= 26 || !((DET_FIRST >> c0) & 1))
            d = n_det; /* no determiner opens so: most words, read once */
        while (d < n_det && !stance_word_is(t, s, e, DET[d]))
            d++;
        if (d < n_det) {
            det = s, since = 0, def = d >= 4 && d < 7;
            continue;
        }
        if (det == SIZE_MAX || ++since > 2)
            continue;
        if (pw->cls == P_THIRD_PLURAL ? plural_noun(t, s, e)
                                      : ((cls = stance_lex_classes_lower(t + s, e - s)) &
                                         (STANCE_LX(KIN) | STANCE_LX(PERSON_NOUN))) && noun_fits(cls, pw))
            *(def ? &best_def : &best) = det;
    }
    if (best_def != SIZE_MAX && !any_stop(t, best_def, ws) && (best == SIZE_MAX || best_def > best))
        best = best_def;
    return best;
}

/* Is there a word for people in t[a, b) that "they" (at [b, be)) may mean
 * instead: an irregular plural ("people", "women"), an indefinite pronoun
 * ("everybody", "someone": the lexicon's PEOPLE) or a plural noun
 * of its clause (stance_plural_noun_before())? */
static int people_between(const char *t, size_t a, size_t b, size_t be)
{
    for (size_t i = a; i < b;) {
        size_t ws = i;
        if (!stance_word_byte(t, i, b)) {
            i++;
            continue;
        }
        i = stance_word_end(t, i, b, b);
        if (i - ws >= 3 && (stance_lex_classes_lower(t + ws, i - ws) & STANCE_LX(PEOPLE)))
            return 1;
        if (stance_plural_noun_before(t, ws, i, b, be))
            return 1;
    }
    return 0;
}

/* Length of the space at t[p] (p < b): 1 for ' ', 2 for U+00A0 (a no-break
 * space: "she and\u00a0Lady Ashton"), else 0. */
static size_t space_at(const char *t, size_t p, size_t b)
{
    if (t[p] == ' ')
        return 1;
    return stance_nbsp_at(t, p, b) ? 2 : 0;
}

/* Does t[a, b) read " and " and at most two capitalised words before a
 * name ("Park and Ito", "she and Lady Ashton", "Park and Sen. Ito"), each
 * space a plain or a no-break one? */
static int joined_by_and(const char *t, size_t a, size_t b)
{
    size_t ws, we, sp, p = a;
    if (b < p + 5 || !(sp = space_at(t, p, b)) || (p += sp) + 4 > b || memcmp(t + p, "and", 3) != 0 ||
        !(sp = space_at(t, p + 3, b)))
        return 0;
    p += 3 + sp;
    for (int n = 0; p < b && n < 2; n++) {
        if (!stance_word_after(t, b, p, &ws, &we) || ws != p || stance_letter_case(t, ws, b) <= 0)
            return 0;
        p = we + (we < b && t[we] == '.'); /* "Sen." */
        if (p >= b || !(sp = space_at(t, p, b)))
            return 0;
        p += sp;
    }
    return p == b;
}

/* they/them/their right after two persons coordinated ("funded by Tom Park
 * and Sam Ito. \"So they think ...\"", "she and Lady Ashton used ... they"):
 * the two referents just before the pronoun, within PLURAL_REACH bytes, are
 * actors that may be persons, two of them, joined by " and " (a title
 * between, joined_by_and()), the second a name, the first a name or a
 * subject he/she, neither the speaker of the pronoun's quote, and no word for
 * people stands between (rule pronoun-pair). 1: both taken, 0: no such pair,
 * -1: out of memory. */
static int coordinated_pair(mstate *m, const referent *recent, size_t nr, size_t ws, size_t we, long inq, size_t np)
{
    const referent *a, *b;
    if (nr < 2 || (np != SIZE_MAX && recent[nr - 1].end <= np))
        return 0; /* people the quote names since (quote_np()) */
    a = &recent[nr - 2], b = &recent[nr - 1];
    if (a->ent < 0 || b->ent < 0 || a->ent == b->ent || a->gender < 0 || b->gender < 0 || a->who || b->who ||
        b->end + PLURAL_REACH < ws || !joined_by_and(m->t, a->end, b->start) ||
        (stance_pronoun_of(m->t, a->start, a->end) && !stance_word_is(m->t, a->start, a->end, "he") &&
         !stance_word_is(m->t, a->start, a->end, "she")) ||
        stance_pronoun_of(m->t, b->start, b->end))
        return 0; /* names or a subject pronoun: "Cruz and his aides" are no pair */
    if ((inq >= 0 && (is_speaker(m, a, (size_t)inq) || is_speaker(m, b, (size_t)inq))) ||
        people_between(m->t, b->end, ws, we) || stance_plural_subject_before(m->t, ws, b->end))
        return 0;
    if (stance_mentions_add(&m->ents->e[a->ent], ws, we, STANCE_MK_PRONOUN, STANCE_MR_PRONOUN_PAIR) ||
        stance_mentions_add(&m->ents->e[b->ent], ws, we, STANCE_MK_PRONOUN, STANCE_MR_PRONOUN_PAIR))
        return -1;
    return 1;
}

/* ---- "both of them": the two persons named last ---------------------------- */

/* Is the word t[ws, we) "men" (gender male), "women" (female) or "of them"
 * (-1 = either; its end in *pe)? 0: none of them. */
static int pair_noun(const char *t, size_t len, size_t ws, size_t we, size_t *pe, int *gender)
{
    size_t s2, e2;
    *pe = we;
    if (stance_word_is(t, ws, we, "men") || stance_word_is(t, ws, we, "women")) {
        *gender = t[ws] == 'm' || t[ws] == 'M' ? STANCE_G_MALE : STANCE_G_FEMALE;
        return 1;
    }
    *gender = -1;
    return stance_word_is(t, ws, we, "of") && stance_word_after(t, len, we, &s2, &e2) && s2 == we + 1 &&
           stance_word_is(t, s2, e2, "them") && (*pe = e2, 1);
}

/* Does a phrase for two people open at the word t[ws, we), before @p lim:
 * "both of them", "the two of them", "both men", "the two women", "they
 * both", "them both"? Its span in [*ps, *pe), the gender its noun asks for
 * in *gender (-1: either). */
static int both_phrase(const char *t, size_t lim, size_t ws, size_t we, size_t *ps, size_t *pe, int *gender)
{
    size_t s2, e2, s3, e3;
    if (!stance_word_after(t, lim, we, &s2, &e2) || s2 != we + 1)
        return 0;
    *ps = ws;
    if ((stance_word_is(t, ws, we, "they") || stance_word_is(t, ws, we, "them")) && stance_word_is(t, s2, e2, "both")) {
        *pe = e2, *gender = -1;
        return 1;
    }
    if (stance_word_is(t, ws, we, "both"))
        return pair_noun(t, lim, s2, e2, pe, gender);
    return stance_word_is(t, ws, we, "the") && stance_word_is(t, s2, e2, "two") &&
           stance_word_after(t, lim, e2, &s3, &e3) && s3 == e2 + 1 && pair_noun(t, lim, s3, e3, pe, gender);
}

/* Is the they/them at t[ws, we) a word of a both_phrase() ("both of them",
 * "they both"), which pair_in_quote() reads? */
static int in_both_phrase(const char *t, size_t len, size_t ws, size_t we)
{
    size_t ps, pe, s, e, s2, e2;
    int g;
    if (both_phrase(t, len, ws, we, &ps, &pe, &g))
        return 1; /* "they both" */
    if (!stance_word_before(t, ws, &s, &e) || e + 1 != ws || !stance_word_is(t, s, e, "of") ||
        !stance_word_before(t, s, &s2, &e2) || e2 + 1 != s)
        return 0;
    if (stance_word_is(t, s2, e2, "both"))
        return 1;
    return stance_word_is(t, s2, e2, "two") && stance_word_before(t, s2, &s, &e) && e + 1 == s2 &&
           stance_word_is(t, s, e, "the");
}

/* Is referent @p r the attribution of quote @p qi, inside its speaker span
 * ("..., Webb added." before "\"Both of them ...,\" Reyes said")? */
static int in_speaker_span(const mstate *m, const referent *r, size_t qi)
{
    const stance_span sp = m->quotes->q[qi].speaker_span;
    return sp.start != STANCE_NO_OFFSET && r->start >= sp.start && r->end <= sp.end;
}

/* The phrase t[ps, pe) in quote @p qi means two people (both_phrase()): the
 * two actors named last before it, within PLURAL_REACH bytes ("... Mayor
 * Elena Diaz accused Governor Tom Park ... \"Both of them are playing
 * politics,\" she said"), each a person of the gender the phrase asks, when
 * no organisation, place or person who is no actor comes first; the quote's
 * speaker and the speaker of the quote before are passed over, the latter as
 * the words that attribute that quote when it is an actor, so that an actor
 * (discovered or passed) is read alike (rule pronoun-pair). */
static int pair_in_quote(mstate *m, size_t qi, size_t ps, size_t pe, int gender)
{
    size_t k = stance_first_at_or_after(m->refs, m->n_refs, sizeof *m->refs, offsetof(referent, start), ps);
    long two[2];
    int n = 0;
    while (k-- > 0 && n < 2) {
        const referent *r = &m->refs[k];
        if (r->end > ps)
            continue;
        if (r->end + PLURAL_REACH < ps)
            return STANCE_OK;
        if (is_speaker(m, r, qi) || (qi > 0 && (r->ent < 0 ? is_speaker(m, r, qi - 1) : in_speaker_span(m, r, qi - 1))))
            continue;
        if (r->ent < 0 || r->gender < 0 || (gender >= 0 && r->gender != gender && r->gender != STANCE_G_UNKNOWN))
            return STANCE_OK; /* a person who is no actor, no person, or not "both men" */
        if (n == 0 || r->ent != two[0])
            two[n++] = r->ent;
    }
    if (n < 2)
        return STANCE_OK;
    if (stance_mentions_add(&m->ents->e[two[0]], ps, pe, STANCE_MK_PRONOUN, STANCE_MR_PRONOUN_PAIR) ||
        stance_mentions_add(&m->ents->e[two[1]], ps, pe, STANCE_MK_PRONOUN, STANCE_MR_PRONOUN_PAIR))
        return STANCE_ERR_NOMEM;
    return STANCE_OK;
}

/* "both of them", "the two men", "they both" in a quote (both_phrase()): the
 * two actors named last (pair_in_quote()). */
static int pairs_in_quotes(mstate *m)
{
    const char *t = m->t;
    for (size_t qi = 0; qi < m->quotes->n; qi++) {
        const stance_rawquote *q = &m->quotes->q[qi];
        size_t lim = q->span.end, i = q->span.start, ws, we, ps, pe;
        const char *hit;
        int g;
        /* the phrases hold "both" or "two": an "o" after "b" or "tw" opening a word of the quote */
        while (i + 3 <= lim && (hit = memchr(t + i, 'o', lim - i)) != NULL) {
            size_t o = (size_t)(hit - t), s = o - 1 - (o > q->span.start && (t[o - 1] | 0x20) == 'w');
            i = o + 1;
            if (o < q->span.start + 1 + (s < o - 1) || !((t[s] | 0x20) == 'b' || (t[s] | 0x20) == 't') ||
                (s > 0 && stance_word_byte(t, s - 1, lim)))
                continue;
            we = stance_word_end(t, s, lim, lim);
            if (!stance_word_is(t, s, we, "both") && !stance_word_is(t, s, we, "two"))
                continue;
            ws = s; /* "they both" and "the two" open at the word before */
            if (stance_word_before(t, s, &ps, &pe) && pe + 1 == s && ps >= q->span.start &&
                (stance_word_is(t, ps, pe, "they") || stance_word_is(t, ps, pe, "them") ||
                 stance_word_is(t, ps, pe, "the")))
                ws = ps;
            if (!both_phrase(t, lim, ws, ws == s ? we : pe, &ps, &pe, &g))
                continue;
            if (pair_in_quote(m, qi, ps, pe, g))
                return STANCE_ERR_NOMEM;
            i = pe;
        }
    }
    return STANCE_OK;
}

/* they/them/their: the organisation or group actor (no person) named last,
 * at most PLURAL_REACH bytes back, that is not the speaker of the quote the
 * pronoun stands in ("..., said the NRA. \"It's the beginning of their
 * grip breaking.\""). Persons are passed over: "they" is never one of them;
 * a word for people in between ("people", "women", "everybody") is what
 * "they" means, not the organisation. */
static int resolve_plural(mstate *m, const referent *recent, size_t nr, size_t ws, size_t we, long inq,
                          const pron_word *pw)
{
    size_t np;
    int pair;
    if (inq >= 0 && in_both_phrase(m->t, m->quotes->q[inq].span.end, ws, we))
        return STANCE_OK; /* pairs_in_quotes() */
    np = quote_np(m, inq, ws, pw);
    pair = coordinated_pair(m, recent, nr, ws, we, inq, np);
    if (pair)
        return pair < 0 ? STANCE_ERR_NOMEM : STANCE_OK;
    for (size_t k = nr; k-- > 0;) {
        const referent *r = &recent[k];
        if (r->end + PLURAL_REACH < ws || (np != SIZE_MAX && r->end <= np))
            return STANCE_OK; /* too far, or the people the quote names since */
        if (r->gender == STANCE_G_MALE || r->gender == STANCE_G_FEMALE || r->who)
            continue; /* a person */
        if (r->ent < 0 || r->gender != -1 || (inq >= 0 && is_speaker(m, r, (size_t)inq)) ||
            people_between(m->t, r->end, ws, we) || stance_plural_subject_before(m->t, ws, r->end))
            return STANCE_OK; /* an actor that may be a person, the speaker, or people: nobody */
        return stance_mentions_add(&m->ents->e[r->ent], ws, we, STANCE_MK_PRONOUN, STANCE_MR_PRONOUN_PLURAL);
    }
    return STANCE_OK;
}

/* May referent @p r be what a he/she pronoun @p pw (in quote @p inq, or -1) means? */
static int fits(const mstate *m, const referent *r, const pron_word *pw, long inq)
{
    if (r->gender < 0 || (inq >= 0 && is_speaker(m, r, (size_t)inq)))
        return 0;
    return r->gender == pw->gender || (r->gender == STANCE_G_UNKNOWN && r->ent >= 0);
}

/* Does the mention at @p start open the sentence at @p ss (a title aside)? */
static int opens(const char *t, size_t ss, size_t start)
{
    size_t i = stance_mentions_skip_title(t, start); /* the title's start, or before the spaces */
    while (i < start && t[i] == ' ')
        i++;
    while (ss < start && t[ss] == ' ')
        ss++;
    return i == ss;
}

/* Is referent @p r the subject of the clause whose object is the pronoun at
 * @p ws ("Sanders called him", "Kasich will beat him")? It is no possessive,
 * stands at most four words before, with no punctuation, quote mark, dash,
 * conjunction, relative or question word, reporting verb, "to" or -ing form
 * (but after a be/get form: "is attacking him") in between, a parenthesis
 * aside; and the pronoun follows no preposition ("a weapon on him"). The
 * object of a verb is then someone else than its subject. */
static int clause_mate(const char *t, const referent *r, size_t ws)
{
    const uint64_t stop = STANCE_LX(CONJ) | STANCE_LX(REL) | STANCE_LX(RV_SAY) | STANCE_LX(RV_ARGUE);
    size_t i = r->end, pe = 0, ps = 0, nw = 0;
    int aux = 0; /* words since a be/get form ("has been cleverly out-maneuvering him") */
    if (r->end > ws || ws - r->end > 60 || stance_word_is(t, r->start, r->end, "his") ||
        stance_word_is(t, r->start, r->end, "her"))
        return 0;
    while (i < ws) {
        size_t s = i;
        uint64_t cls;
        if (!stance_word_byte(t, i, ws)) { /* a curly mark, apostrophe or dash ends the clause too */
            const char *close;
            if (strchr(",;:.!?\"'", t[i]) || (unsigned char)t[i] >= 0x80 ||
                (t[i] == '-' && (t[i + 1] == '-' || t[i + 1] == ' ')))
                return 0;
            if (t[i] == '(' && (close = memchr(t + i, ')', ws - i)))
                i = (size_t)(close - t); /* "Sanders (I-Vt.) called him" */
            i++;
            continue;
        }
        i = stance_word_end(t, i, ws, ws);
        cls = stance_lex_classes_lower(t + s, i - s);
        /* a clause of its own: "who", "and", "said", "how", "to join him", "by driving him", "criticizing him" */
        if ((cls & stop) || ++nw > 4 || stance_word_is(t, s, i, "to") || stance_word_is(t, s, i, "how") ||
            stance_word_is(t, s, i, "what") || stance_word_is(t, s, i, "why") ||
            (i - s >= 5 && stance_word_is(t, i - 3, i, "ing") && !aux))
            return 0;
        aux = (cls & STANCE_LX(BE_AUX)) ? 2 : aux ? aux - 1 : 0;
        ps = s, pe = i;
    }
    return nw && !(stance_lex_classes_lower(t + ps, pe - ps) & STANCE_LX(PREP));
}

/* Is the "her" at t[ws, we) an object, not a possessive: no word follows it
 * (a quote mark, a comma, a stop: "called her \"the calmest ...\""), or a
 * determiner, preposition, conjunction or "as" does ("called her a liar",
 * "praised her for", "named her as")? */
static int her_object(const char *t, size_t len, size_t ws, size_t we)
{
    size_t ns, ne;
    if (!stance_word_is(t, ws, we, "her"))
        return 0;
    if (!stance_word_after(t, len, we, &ns, &ne) || !stance_spaces_only(t, we, ns))
        return 1;
    return stance_word_is(t, ns, ne, "as") ||
           (stance_lex_classes_lower(t + ns, ne - ns) & (STANCE_LX(DET) | STANCE_LX(PREP) | STANCE_LX(CONJ)));
}

/* Is t[ws, we) a singular noun for a person an apposition may end in: a
 * role, person, kin or staff noun of the lexicon ("chief", "spokeswoman",
 * "wife", "aide") or a rival's ("opponent", "challenger", "counterpart";
 * no plural: "his surrogates")? */
static int apposition_head(const char *t, size_t ws, size_t we)
{
    static const char *const rival[] = {"rival", "opponent", "challenger", "counterpart", "successor", "predecessor"};
    const uint64_t person = STANCE_LX(ROLE) | STANCE_LX(PERSON_NOUN) | STANCE_LX(KIN) | STANCE_LX(NOUN_M) |
                            STANCE_LX(NOUN_F) | STANCE_LX(STAFF_NOUN);
    if (we - ws >= 3 && t[we - 1] == 's' && t[we - 2] != 's')
        return 0;
    for (size_t i = 0; i < sizeof rival / sizeof rival[0]; i++)
        if (stance_word_is(t, ws, we, rival[i]))
            return 1;
    return (stance_lex_classes_lower(t + ws, we - ws) & person) != 0;
}

/* Is the his/her at t[ws, we) the possessive of an apposition to the name
 * referent @p r right before it ("Carl Moss, his rival, said", "Rahm Emanuel,
 * his chief of staff, urged")? Only ", " between; then at most five words
 * (no verb, reporting or relative word) whose last before a comma, or the
 * word before "of", is a person noun (apposition_head()), and no name after
 * that comma ("Gov. Jack Dalrymple, his wife, Betsy," is a list). The
 * pronoun then means someone named before, never @p r. */
static int apposed_to(const char *t, size_t len, const referent *r, size_t ws, size_t we)
{
    const uint64_t stop = STANCE_LX(APPOS_STOP) | STANCE_LX(RV_SAY) | STANCE_LX(RV_ARGUE) | STANCE_LX(BE_AUX) |
                          STANCE_LX(REL) | STANCE_LX(CONJ) | STANCE_LX(MODAL) | STANCE_LX(DET);
    size_t p = we, s, e, head_s = 0, head_e = 0;
    int of = 0;
    if (r->end + 2 != ws || t[r->end] != ',' || t[r->end + 1] != ' ' || stance_pronoun_of(t, r->start, r->end) ||
        !(stance_word_is(t, ws, we, "his") || stance_word_is(t, ws, we, "her")))
        return 0;
    for (int n = 0; n < 7 && stance_word_after(t, len, p, &s, &e) && s == p + 1 && t[p] == ' '; n++, p = e) {
        if (!of && n > 0 && stance_word_is(t, s, e, "of")) {
            of = 1; /* "his chief of staff": the head is the word before */
            continue;
        }
        if (stance_lex_classes_lower(t + s, e - s) & stop)
            return 0;
        if (!of)
            head_s = s, head_e = e;
        if (e < len && t[e] == ',') {
            size_t ns, ne;
            if (stance_word_after(t, len, e + 1, &ns, &ne) && stance_letter_case(t, ns, len) > 0 &&
                !(stance_lex_classes(t + ns, ne - ns) & STANCE_LX(STOP)))
                return 0;
            return apposition_head(t, head_s, head_e);
        }
    }
    return 0;
}

/* Is referent @p r, before quote @p inq in the quote's sentence, the subject
 * of a reporting verb there ("Sam Ito tweeted after Elena Diaz argued that
 * \"... as he voted\"" with Diaz the speaker: Ito reports on her quote, he
 * is not who her "he" means)? The word right after it is a reporting cue. */
static int outer_reporter(const mstate *m, const referent *r, long inq)
{
    const stance_rawquote *q;
    size_t ws, we;
    if (inq < 0 || r->ent < 0 || stance_pronoun_of(m->t, r->start, r->end))
        return 0;
    q = &m->quotes->q[inq];
    if (r->end > q->span.start || any_stop(m->t, r->end, q->span.start) ||
        !stance_word_after(m->t, m->len, r->end, &ws, &we) || ws != r->end + 1)
        return 0;
    return (stance_lex_classes_lower(m->t + ws, we - ws) &
            (STANCE_LX(RV_SAY) | STANCE_LX(RV_ARGUE) | STANCE_LX(RV_CRIT) | STANCE_LX(RV_PRAISE) |
             STANCE_LX(FX_CUE))) != 0;
}

/* Is referent @p r the object of a preposition inside another quote than the
 * pronoun's quote @p inq ("You don't know about David Duke?" ... "Is he really
 * so stupid"; "the same thing with [Bob] Corker, with Newt [Gingrich]")? A
 * name the speaker only talks about in passing is no subject of the talk: the
 * pronoun of a later quote means someone more salient. A first name and
 * brackets before the name aside. */
static int passing_in_other_quote(const mstate *m, const referent *r, long inq)
{
    const stance_quotelist *ql = m->quotes;
    size_t lo, i = r->start, ws, we;
    int conj = 0;
    if (inq < 0 || r->who)
        return 0;
    lo = stance_quote_holding(ql, r->start, r->end);
    if (lo >= ql->n || (long)lo == inq || !any_stop(m->t, r->end, ql->q[inq].span.start))
        return 0; /* the same sentence: "When I look at somebody like Hillary Clinton," he said, "who ..." */
    for (int n = 0; n < 8; n++, i = ws) {
        while (i > 0 && (m->t[i - 1] == '[' || m->t[i - 1] == ']' || m->t[i - 1] == ' '))
            i--;
        if (!stance_word_before(m->t, i, &ws, &we) || ws < ql->q[lo].span.start)
            return 0;
        if (stance_lex_classes_lower(m->t + ws, we - ws) & STANCE_LX(PREP))
            return 1;
        if (n == 0 && stance_letter_case(m->t, ws, we) > 0)
            continue; /* "Newt [Gingrich]" */
        if (!conj && (stance_word_is(m->t, ws, we, "and") || stance_word_is(m->t, ws, we, "or")))
            conj = 1; /* "by the Ku Klux Klan and David Duke": a word of the conjunct before next */
        else if (!conj)
            return 0;
    }
    return 0;
}

/* A pronoun at @p ws inside a quote nested in quote @p inq, opened right
 * after "<X> said:" ("He said: 'Pray for him.'"): the actor X stands for, found
 * among the @p nr referents before (the nested quote's speaker is no third
 * person of it, as a quote's speaker is none of its own); else -1. */
static long nested_speaker(const mstate *m, const referent *recent, size_t nr, size_t ws, long inq)
{
    const char *t = m->t;
    size_t qs, i = ws, vs, ve;
    if (inq < 0)
        return -1;
    qs = m->quotes->q[inq].span.start;
    while (i > qs + 2 && !(t[i - 1] == '\'' && (t[i - 2] == ' ' || t[i - 2] == ':')) &&
           !(i >= qs + 3 && (unsigned char)t[i - 3] == 0xe2 && (unsigned char)t[i - 2] == 0x80 &&
             (unsigned char)t[i - 1] == 0x98))
        if (t[--i] == '.' || t[i] == '"' || (unsigned char)t[i] == 0x9d) /* a sentence end or a closing mark */
            return -1;
    if (i <= qs + 2)
        return -1;
    i -= t[i - 1] == '\'' ? 1 : 3; /* at the opening mark */
    while (i > qs && t[i - 1] == ' ')
        i--;
    if (i <= qs || (t[i - 1] != ':' && t[i - 1] != ',') || !stance_word_before(t, i - 1, &vs, &ve) ||
        !(stance_lex_classes_lower(t + vs, ve - vs) & STANCE_LX(RV_SAY)))
        return -1;
    for (size_t k = nr; k-- > 0 && recent[k].end + 2 >= vs;)
        if (recent[k].end <= vs && stance_spaces_only(t, recent[k].end, vs))
            return recent[k].ent;
    return -1;
}

/* Is the he/she pronoun t[ws, we) one of a generic pair, "he or she", "his or
 * her", "him or her" (anyone: "whoever becomes president, he or she will")? */
static int generic_pair(const mstate *m, size_t ws, size_t we)
{
    const char *t = m->t;
    size_t os, oe, ps, pe;
    const pron_word *pw;
    if (stance_word_after(t, m->len, we, &os, &oe) && stance_word_is(t, os, oe, "or") &&
        stance_word_after(t, m->len, oe, &ps, &pe) && (pw = stance_pronoun_of(t, ps, pe)) && pw->cls == P_THIRD)
        return 1;
    return stance_word_before(t, ws, &os, &oe) && stance_word_is(t, os, oe, "or") &&
           stance_word_before(t, os, &ps, &pe) && (pw = stance_pronoun_of(t, ps, pe)) && pw->cls == P_THIRD;
}

/* The most recent fitting referent recent[k] stands in a sentence before the
 * pronoun's at @p ws: the first fitting one of that sentence, its subject
 * more often than not ("Cruz beat Dewhurst in the runoff. His candidacy
 * ..." is Cruz's). */
static const referent *first_of_sentence(const mstate *m, const referent *recent, size_t k, const pron_word *pw,
                                         long inq, size_t ws)
{
    size_t cur = recent[k].start, ss = 0, best = k;
    int known = 0;
    if (k == 0 || !any_stop(m->t, recent[k].end, ws) ||
        stance_sent_start(m->t, ws, recent[k].start) == recent[k].start)
        return &recent[k];
    /* back over the referents of recent[k]'s sentence, scanning no further than its start */
    for (size_t j = k; j-- > 0;) {
        size_t s = any_stop(m->t, recent[j].end, cur) ? stance_sent_start(m->t, cur, recent[j].start) : recent[j].start;
        if (s > recent[j].start) {
            ss = s;
            known = 1;
            break;
        }
        cur = recent[j].start;
        if (fits(m, &recent[j], pw, inq))
            best = j;
    }
    if (best == k)
        return &recent[k];
    if (!known)
        ss = stance_sent_start(m->t, cur, 0);
    return opens(m->t, ss, recent[best].start) ? &recent[best] : &recent[k];
}

/* The most recent fitting referent recent[k] is a name in passing (a list, an
 * apposition: "he paid back two of his supporters, Rep. Rick Nolan and ...,
 * with endorsements designed to expand his ..."): a fitting pronoun before
 * it within CHAIN_REACH bytes of the pronoun at @p ws keeps the chain
 * ("his ... his" Sanders'), else recent[k]. */
static const referent *chained(const mstate *m, const referent *recent, size_t k, const pron_word *pw, long inq,
                               size_t ws)
{
    for (size_t j = k; j-- > 0 && recent[j].end + CHAIN_REACH >= ws;) {
        size_t b = j + 1;
        while (b < k && recent[b].ent != recent[j].ent)
            b++; /* not when its actor is named again since ("a rally with Clinton and Grimes") */
        if (b == k && recent[j].ent >= 0 && stance_pronoun_of(m->t, recent[j].start, recent[j].end) &&
            fits(m, &recent[j], pw, inq))
            return &recent[j];
    }
    return &recent[k];
}

/* May actor @p e learn a gender from pronouns? Only a name of two words or
 * more ("HP", "Vermont" open sentences whose "she" is someone else's), none
 * of them after the first a listed first name (a word glued before a
 * person's name: "Entrusting Donald Trump"). */
static int may_learn(const stance_ent *e)
{
    const char *w = strchr(e->name, ' ');
    if (!w)
        return 0;
    while (w && *w) {
        const char *n;
        while (*w == ' ')
            w++;
        n = w + strcspn(w, " ");
        if (n > w && stance_names_is_first_name(w, (size_t)(n - w)))
            return 0;
        w = n;
    }
    for (w = e->name; *w; w += strcspn(w, " ")) { /* each word a capital, then a small letter or "." */
        while (*w == ' ')
            w++;
        if (*w && (*w < 'A' || *w > 'Z' || !(w[1] == '.' || (w[1] >= 'a' && w[1] <= 'z'))))
            return 0; /* "The famously gruff senator", "BOSS THINKS HE", "POLITICO Florida" */
    }
    return strncmp(e->name, "The ", 4) != 0;
}

/* Is there a name mention (no title, epithet or pronoun) of entity @p ent at
 * @p start? A search of the mention index when there is one and the entity's
 * own list is long (it grows with the text). */
static int name_mention(const stance_entityset *ents, size_t ent, size_t start)
{
    const stance_mindex *ix = ents->ix;
    const stance_ent *e = &ents->e[ent];
    if (ix && ix->n == ents->n && e->n_mentions > 16) {
        size_t k = stance_first_at_or_after(ix->pos, ix->n_pos, sizeof *ix->pos, offsetof(stance_mpos, start), start);
        for (; k < ix->n_pos && ix->pos[k].start == start; k++)
            if (ix->pos[k].ent == ent)
                return 1;
        return 0;
    }
    for (size_t k = 0; k < e->n_mentions; k++)
        if (e->mentions[k].start == start)
            return 1;
    return 0;
}

/* Is there a "told" or "asked" in t[a, b) ("Randolph told others that he called her": the he may be another's)? */
static int told_between(const char *t, size_t a, size_t b)
{
    for (size_t ws = a, we; ws < b; ws = we) {
        if (!stance_word_after(t, b, ws, &ws, &we) || we > b)
            return 0;
        if (stance_word_is(t, ws, we, "told") || stance_word_is(t, ws, we, "asked"))
            return 1;
    }
    return 0;
}

/* The actor a he/she/his/her at @p ws (capitalised, outside quotes) stands for
 * beyond doubt: the pronoun opens its sentence and the sentence before opens
 * with that actor's mention, outside quotes, with no other person (an actor,
 * a named person who is no actor, of any gender or none) in it ("Okonkwo
 * Adeyemi opened the hearing. He spoke for an hour."), or a he/she/his in
 * the actor's own sentence with no pronoun before it ("Rajoy said Monday that
 * he"); else -1. @p prev is the end of the pronoun before, or 0. */
static long unambiguous_subject(const mstate *m, size_t ws, size_t we, size_t prev)
{
    const char *t = m->t;
    const stance_namelist *nl = &m->quotes->names;
    size_t ss = stance_sent_start(t, ws, 0), j, pss, r0, ri, ni, ns, ne;
    long ent = -1;
    int named;
    while (ss < ws && t[ss] == ' ')
        ss++;
    if (ws < 2 || stance_quote_holding(m->quotes, ws, we) < m->quotes->n)
        return -1;
    if (ss < ws) { /* in the actor's own sentence: a subject or "his", no object ("Park thanked her") */
        if (!stance_word_is(t, ws, we, "he") && !stance_word_is(t, ws, we, "she") && !stance_word_is(t, ws, we, "his"))
            return -1;
        pss = ss, j = ws;
        if (prev > pss)
            return -1; /* another pronoun before it: "Sullivan, struck by her story, told her she" */
    } else {
        for (j = ws; j > 0 && (t[j - 1] == ' ' || t[j - 1] == '\n');)
            j--;
        if (j < 2 || !strchr(".!?", t[j - 1]))
            return -1; /* a closing quote mark, a headline without a stop */
        pss = stance_sent_start(t, j - 1, 0);
    }
    r0 = stance_first_at_or_after(m->refs, m->n_refs, sizeof *m->refs, offsetof(referent, start), pss);
    for (ri = r0; ri < m->n_refs && m->refs[ri].start < j; ri++) {
        const referent *r = &m->refs[ri];
        if (r->ent >= 0 && r->gender < 0 && !may_learn(&m->ents->e[r->ent]))
            continue; /* no person: "ESPN", "Vermont" */
        if (r->ent < 0 || (ent >= 0 && r->ent != ent))
            return -1;
        if (ent < 0)
            r0 = ri, ent = r->ent;
    }
    for (ri = r0, named = 0; ent >= 0 && ri < m->n_refs && m->refs[ri].start < j && !named; ri++)
        named = m->refs[ri].ent == ent && name_mention(m->ents, (size_t)ent, m->refs[ri].start);
    if (ent >= 0 && !named)
        return -1; /* "The Florida senator told reporters he": a role the ties may have given the wrong actor */
    if (ent >= 0 && stance_word_before(t, m->refs[r0].start, &ns, &ne) && stance_word_is(t, ns, ne, "the"))
        return -1; /* a place or a firm: "The United States would ..., she said", "The Platte River employee" */
    if (ent < 0 || !opens(t, pss, m->refs[r0].start) || t[m->refs[r0].end] == ':' /* a transcript's turn */ ||
        stance_quote_holding(m->quotes, m->refs[r0].start, m->refs[r0].end) < m->quotes->n)
        return -1;
    /* a name run in that sentence that is no mention of the actor: someone else */
    for (ni = stance_first_at_or_after(nl->v, nl->n, sizeof *nl->v, offsetof(stance_name, bare), pss);
         ni < nl->n && nl->v[ni].bare < j; ni++) {
        int inside = 0;
        for (ri = r0; ri < m->n_refs && m->refs[ri].start < j && !inside; ri++)
            inside = m->refs[ri].start <= nl->v[ni].bare && nl->v[ni].bare < m->refs[ri].end;
        if (!inside)
            return -1;
    }
    return ss < ws && told_between(t, pss, ws) ? -1 : ent;
}

/* An actor of no gender from its names and titles takes the one the text's
 * pronouns give it where they cannot mean anyone else (unambiguous_subject();
 * the pronouns that attribute its quotes voted in mentions.c already): its
 * referents then carry it, and it is a person ("he" of "Terry McAuliffe",
 * whose first name is both a man's and a woman's; a first name the lexicon
 * does not know). */
int stance_mentions_learn_genders(mstate *m)
{
    int *votes;
    int any = 0;
    spk_pron *sp;
    size_t n_sp, si = 0;
    for (size_t i = 0; i < m->ents->n && !any; i++)
        any = m->ents->e[i].gender == STANCE_G_UNKNOWN && may_learn(&m->ents->e[i]);
    if (!m->n_prons || !any)
        return STANCE_OK; /* nobody to learn a gender */
    any = 0;
    if (speaker_pronouns(m, &sp, &n_sp))
        return STANCE_ERR_NOMEM;
    if (!(votes = stance_calloc(m->ents->n, sizeof *votes))) {
        stance_free(sp);
        return STANCE_ERR_NOMEM;
    }
    for (size_t pi = 0; pi < m->n_prons; pi++) {
        const pron_word *pw = m->prons[pi].pw;
        size_t ws = m->prons[pi].ws;
        long ent;
        while (si < n_sp && sp[si].start < ws)
            si++;
        if (pw->cls != P_THIRD || pw->gender == STANCE_G_UNKNOWN ||
            (ent = unambiguous_subject(m, ws, m->prons[pi].we, pi ? m->prons[pi - 1].we : 0)) < 0 ||
            m->ents->e[ent].gender != STANCE_G_UNKNOWN || (si < n_sp && sp[si].start == ws && sp[si].ent != ent))
            continue; /* "..., she said" of another speaker, as the sieves chose ("The United States ..., she said") */
        votes[ent] += pw->gender == STANCE_G_MALE ? 1 : -1;
        any = 1;
    }
    for (size_t i = 0; any && i < m->ents->n; i++) {
        stance_ent *e = &m->ents->e[i];
        if (!votes[i] || !may_learn(e) || stance_mentions_acronym_alias(m->t, e)) {
            votes[i] = 0;
            continue;
        }
        e->gender = votes[i] > 0 ? STANCE_G_MALE : STANCE_G_FEMALE;
        if (!stance_person_like(e)) { /* "Kessick Port Authority" */
            e->gender = STANCE_G_UNKNOWN;
            votes[i] = 0;
        }
    }
    for (size_t k = 0; any && k < m->n_refs; k++) /* the referents of those that learned one (votes[] left) */
        if (m->refs[k].ent >= 0 && (size_t)m->refs[k].ent < m->ents->n && votes[m->refs[k].ent])
            m->refs[k].gender = m->ents->e[m->refs[k].ent].gender;
    stance_free(votes);
    stance_free(sp);
    return STANCE_OK;
}

/* ---- a pronoun opening a quote that goes on from the speaker's quote before -- */

#define CONTINUED_REACH 200 /* bytes from the quote before to this one (its attribution between) */

/* The referent (its index in m->refs) whose mention opens quote @p qi - 1
 * ("The" aside) when quote @p qi goes on from it: the same speaker, at most
 * CONTINUED_REACH bytes after it, in the same paragraph; else -1. */
static long opening_referent(const mstate *m, size_t qi)
{
    const stance_rawquote *p, *q;
    size_t s, we, lo;
    if (qi == 0 || qi >= m->quotes->n)
        return -1;
    p = &m->quotes->q[qi - 1], q = &m->quotes->q[qi];
    if (!q->speaker || !p->speaker || strcmp(q->speaker, p->speaker) != 0 || p->span.end > q->span.start ||
        q->span.start - p->span.end > CONTINUED_REACH || memchr(m->t + p->span.end, '\n', q->span.start - p->span.end))
        return -1;
    s = p->span.start;
    if (stance_word_after(m->t, p->span.end, s, &s, &we) && stance_word_is(m->t, s, we, "the"))
        while (we < p->span.end && m->t[we] == ' ')
            s = ++we;
    lo = stance_first_at_or_after(m->refs, m->n_refs, sizeof *m->refs, offsetof(referent, start), s);
    return lo < m->n_refs && m->refs[lo].start == s && m->refs[lo].ent >= 0 ? (long)lo : -1;
}

/* Is the word t[ws, we) the first word of quote @p qi? */
static int opens_quote(const mstate *m, size_t qi, size_t ws)
{
    size_t fs, fe;
    const stance_rawquote *q = &m->quotes->q[qi];
    return stance_word_after(m->t, q->span.end, q->span.start, &fs, &fe) && fs == ws;
}

/* A he/she opening quote @p inq that goes on from the same speaker's quote
 * before, whose first words are a fitting actor ("\"David is a friend,\"
 * said Clinton ally James Carville. \"He might ...\"": David, not the
 * Clinton of the attribution): that referent, else NULL. */
static const referent *continued_subject(const mstate *m, const pron_word *pw, size_t ws, long inq)
{
    long ri;
    if (inq < 1 || !opens_quote(m, (size_t)inq, ws) || (ri = opening_referent(m, (size_t)inq)) < 0 ||
        !fits(m, &m->refs[ri], pw, inq))
        return NULL;
    return &m->refs[ri];
}

/* ---- a pronoun in a quote that means the object of its attribution -------- */

/* Is the mention at @p start one the speaker addresses ("told Park", "asked
 * Park", "said to Park", "warned Gov. Park"; not "in response to Park")? Its
 * he/she is someone else. */
static int addressed(const char *t, size_t start)
{
    size_t ws, we, ps, pe;
    if (!stance_word_before(t, stance_mentions_skip_title(t, start), &ws, &we))
        return 0;
    if (stance_lex_classes_lower(t + ws, we - ws) & STANCE_LX(ADDRESS_CUE))
        return 1;
    return stance_word_is(t, ws, we, "to") && stance_word_before(t, ws, &ps, &pe) &&
           !(stance_lex_classes_lower(t + ps, pe - ps) & STANCE_LX(REF_CUE));
}

/* The referent (its index in m->refs) the attribution of quote @p qi has for
 * object, the one actor (no speaker, nobody the speaker talks with or to) named in
 * the quote's context outside the quote and the speaker phrase that
 * stance_targets_is_object() takes ("\"He has let us down,\" Diaz said of
 * Park", "Asked about Park, Diaz said: \"He ...\""); else the actor the
 * sentence before has the speaker criticise or praise ("Diaz praised Park.
 * \"He ...,\" she said": targets.c's choice), its mention there; -1 when
 * none (or two), -2 when out of memory. */
static long attribution_object(const mstate *m, size_t qi)
{
    const stance_rawquote *q = &m->quotes->q[qi];
    stance_span c = q->context;
    long found = -1, ent = -1;
    if (c.start == STANCE_NO_OFFSET)
        return -1;
    for (size_t k = stance_first_at_or_after(m->refs, m->n_refs, sizeof *m->refs, offsetof(referent, start), c.start);
         k < m->n_refs && m->refs[k].end <= c.end; k++) {
        const referent *r = &m->refs[k];
        stance_mention mn = {{r->start, r->end}, STANCE_MK_NAME, STANCE_MR_NAME};
        if (r->ent < 0 || r->gender < 0 || (r->start < q->span.end && r->end > q->span.start) ||
            (q->speaker_span.start != STANCE_NO_OFFSET && r->start < q->speaker_span.end &&
             r->end > q->speaker_span.start) ||
            is_speaker(m, r, qi) || !stance_targets_is_object(m->t, c.end, &mn) || addressed(m->t, r->start))
            continue;
        if (found >= 0 && m->refs[found].ent != r->ent)
            return -1;
        found = (long)k;
    }
    if (found < 0 && (ent = stance_targets_before_object(m->ents, m->t, q, m->speaker[qi])) >= 0) {
        stance_span b = stance_targets_before(m->t, q); /* its mention there */
        for (size_t k = stance_first_at_or_after(m->refs, m->n_refs, sizeof *m->refs, offsetof(referent, start), b.start);
             k < m->n_refs && m->refs[k].end <= b.end && found < 0; k++)
            if (m->refs[k].ent == ent)
                found = (long)k;
    }
    return ent < -1 ? -2 : found;
}

/* The attribution object of quote @p inq (attribution_object(), kept in
 * @p memo for the quote @p memo_q) when the he/she @p pw at @p ws may mean
 * it: it fits, and no fitting person stands inside the quote before the
 * pronoun (among the @p nr @p recent referents); else NULL. */
static const referent *object_meant(const mstate *m, const referent *recent, size_t nr, const pron_word *pw,
                                    long inq, long *memo_q, long *memo)
{
    const referent *o;
    if (inq < 0)
        return NULL;
    if (*memo_q != inq) {
        *memo_q = inq;
        *memo = attribution_object(m, (size_t)inq);
    }
    if (*memo < 0 || !fits(m, (o = &m->refs[*memo]), pw, inq))
        return NULL;
    for (size_t k = nr; k-- > 0 && recent[k].start >= m->quotes->q[inq].span.start;)
        if (fits(m, &recent[k], pw, inq))
            return NULL; /* "Diaz said of Park: \"I told Sam Ito he ...\"": the one named since */
    return o;
}

/* Resolve he/she/him/her/his/hers/himself/herself to the most recent
 * compatible referent, excluding the speaker of the quote it stands in. A
 * pronoun that attributes a quote ("she said") is the speaker the attribution
 * sieves chose for it: that actor, or nobody when it is a person who is no
 * actor (and later pronouns then chain to that person, not to an actor). */
int stance_mentions_resolve_pronouns(mstate *m)
{
    referent recent[RECENT];
    size_t nr = 0, ri = 0, qi = 0, si = 0, n_sp;
    long memo_q = -1, memo = -1; /* object_meant()'s quote and attribution object */
    spk_pron *sp;
    int rc = STANCE_OK;
    if (speaker_pronouns(m, &sp, &n_sp))
        return STANCE_ERR_NOMEM;
    for (size_t pi = 0; pi < m->n_prons && !rc; pi++) {
        size_t ws = m->prons[pi].ws, we = m->prons[pi].we;
        const pron_word *pw = m->prons[pi].pw;
        long inq = -1, nested;
        size_t np;
        const referent *cont, *obj;
        int taken = 0, is_him = stance_word_is(m->t, ws, we, "him") || her_object(m->t, m->len, ws, we);
        for (; ri < m->n_refs && m->refs[ri].start < ws; ri++)
            push_recent(recent, &nr, m->refs[ri]);
        while (si < n_sp && sp[si].start < ws)
            si++;
        if (si < n_sp && sp[si].start == ws) {
            long ent = sp[si].ent;
            int g = pw->cls == P_THIRD_PLURAL ? -1 : ent >= 0 ? m->ents->e[ent].gender : pw->gender;
            if (ent >= 0)
                rc = stance_mentions_add(&m->ents->e[ent], ws, we, STANCE_MK_PRONOUN, STANCE_MR_PRONOUN_SPEAKER);
            push_recent(recent, &nr, (referent){ws, we, ent, g == STANCE_G_UNKNOWN ? pw->gender : g, sp[si].who});
            continue;
        }
        while (qi < m->quotes->n && m->quotes->q[qi].span.end <= ws)
            qi++;
        if (qi < m->quotes->n && m->quotes->q[qi].span.start <= ws)
            inq = (long)qi;
        if (pw->cls == P_THIRD_PLURAL) {
            rc = resolve_plural(m, recent, nr, ws, we, inq, pw);
            continue;
        }
        if (generic_pair(m, ws, we) || stance_deity_pronoun(m->t, m->len, ws, we))
            continue;
        cont = continued_subject(m, pw, ws, inq);
        nested = nested_speaker(m, recent, nr, ws, inq);
        if (!cont && nested < 0 && (obj = object_meant(m, recent, nr, pw, inq, &memo_q, &memo))) {
            rc = stance_mentions_add(&m->ents->e[obj->ent], ws, we, STANCE_MK_PRONOUN, STANCE_MR_PRONOUN_OBJECT);
            push_recent(recent, &nr, (referent){ws, we, obj->ent, obj->gender, NULL});
            continue;
        }
        if (memo < -1) {
            rc = STANCE_ERR_NOMEM;
            break;
        }
        np = quote_np(m, inq, ws, pw);
        for (size_t k = nr; k-- > 0 && !taken;) {
            const referent *r = &recent[k];
            if (r->end + PRONOUN_REACH < ws)
                break;
            if (!fits(m, r, pw, inq) || (is_him && clause_mate(m->t, r, ws)) || passing_in_other_quote(m, r, inq) ||
                (nested >= 0 && r->ent == nested) || apposed_to(m->t, m->len, r, ws, we) || outer_reporter(m, r, inq))
                continue;
            taken = 1;
            if (np != SIZE_MAX && r->end <= np) { /* the person the quote names by a noun since: */
                push_recent(recent, &nr, (referent){ws, we, -1, pw->gender, NULL}); /* later pronouns too */
                break;
            }
            r = first_of_sentence(m, recent, k, pw, inq, ws);
            if (r == &recent[k] && !stance_pronoun_of(m->t, r->start, r->end) &&
                stance_name_in_list(m->t, m->len, r->start, r->end))
                r = chained(m, recent, k, pw, inq, ws);
            if (cont && r->ent != cont->ent)
                r = cont; /* the actor opening the speaker's quote before */
            if (r->ent >= 0) {
                referent chain = {ws, we, r->ent, r->gender, NULL};
                int rule = r == cont ? STANCE_MR_PRONOUN_CONTINUED
                           : r->gender == pw->gender ? STANCE_MR_PRONOUN_GENDER : STANCE_MR_PRONOUN_RECENT;
                rc = stance_mentions_add(&m->ents->e[r->ent], ws, we, STANCE_MK_PRONOUN, rule);
                push_recent(recent, &nr, chain);
            }
        }
    }
    stance_free(sp);
    return rc ? rc : pairs_in_quotes(m);
}

/* "The Democratic Party doesn't represent me anymore," James said. "It
 * represents ...": an "It" that opens a quote going on from the same
 * speaker's quote just before (opening_referent()), whose first words are a
 * mention of an actor that is no person (an organisation, a country), is
 * that actor (not the speaker). */
int stance_mentions_continued_it(mstate *m)
{
    for (size_t qi = 1; qi < m->quotes->n; qi++) {
        const stance_rawquote *q = &m->quotes->q[qi];
        size_t ws, we;
        long ri;
        const referent *r;
        if (!stance_word_after(m->t, q->span.end, q->span.start, &ws, &we) || !stance_word_is(m->t, ws, we, "it") ||
            (ri = opening_referent(m, qi)) < 0)
            continue;
        r = &m->refs[ri];
        if (r->gender == -1 && r->ent != m->speaker[qi] &&
            stance_mentions_add(&m->ents->e[r->ent], ws, we, STANCE_MK_PRONOUN, STANCE_MR_PRONOUN_CONTINUED))
            return STANCE_ERR_NOMEM;
    }
    return STANCE_OK;
}
