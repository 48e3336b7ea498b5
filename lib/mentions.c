/*
 * mentions.c - the mentions of an actor beyond its names: titles and role
 * nouns, epithets, pronouns, speaker-self and addressee (see mentions.h);
 * the state the passes share is in mentions_int.h.
 *
 * One pass over the article's words per kind, each linear in the text:
 *  1. ties: a role word the article puts next to an actor's name ("Gov. Tom
 *     Park", "Elena Diaz, the mayor,", "the mayor, Elena Diaz,") ties that role
 *     to the actor from there on; "<Name>, the <2-5 words>," ties an epithet
 *     (mentions_ties.c).
 *  2. "the <role>" and "the <epithet>" resolve to the latest actor tied to it
 *     (mentions_titles.c).
 *  3. he/she/him/her/his/hers ("this man", "that woman", "this guy" too) and
 *     they/them/their, collected by pass 2's scan, resolve to the most recent
 *     compatible referent (mentions_pron.c).
 *  4. I/me/my/we/us/our inside a quote are its speaker (kind speaker-self);
 *     we/us/our also the actor the speaker speaks for ("Park's spokeswoman",
 *     "a spokeswoman for Park"); you/your are the actor the attribution
 *     addresses ("told Park", "asked Park").
 * Here: the pronoun words, the genders the ties and names settle, the
 * dialogue (who speaks with whom), pass 4, and stance_mentions_find(), which
 * runs the passes in order (and those of mentions_more.c, mentions_kind.c,
 * mentions_rival.c and mentions_org.c). The words are classes of
 * lib/lexicon.def (pronouns by their features, NONPERSON_LAST, APPOS_STOP,
 * ADDRESS_CUE), but for the role table of mentions_roles.c: a role word
 * carries its canonical role, gender and abbreviation flag, which a lexicon
 * entry has no field for.
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "lexicon.h"
#include "mentions.h"
#include "mentions_int.h"
#include "mentions_kind.h"
#include "mindex.h"
#include "sort.h"
#include "speaker_names.h"
#include "tokens.h"

/* ---- words ---------------------------------------------------------------- */

int stance_word_before(const char *t, size_t pos, size_t *ws, size_t *we)
{
    size_t i = pos;
    while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\t'))
        i--;
    if (i == 0 || !stance_word_byte(t, i - 1, pos))
        return 0;
    *we = i;
    while (i > 0 && STANCE_WORD_CLASS[(unsigned char)t[i - 1]] == 1) /* ASCII letters and digits by the table */
        i--;
    while (i > 0 && stance_word_byte(t, i - 1, pos))
        i--;
    *ws = i;
    return 1;
}

int stance_word_after(const char *t, size_t len, size_t pos, size_t *ws, size_t *we)
{
    size_t i = pos;
    while (i < len && (t[i] == ' ' || t[i] == '\t'))
        i++;
    if (i >= len || !stance_word_byte(t, i, len))
        return 0;
    *ws = i;
    *we = stance_word_end(t, i, len, len);
    return 1;
}

int stance_name_word_after(const char *t, size_t len, size_t pos, size_t *ws, size_t *we)
{
    while (pos < len && !stance_word_byte(t, pos, len))
        pos++; /* past "." of "U.S.": "U.S. Court of Appeals" has its head too */
    return stance_word_after(t, len, pos, ws, we);
}

/* The word lowercased into @p buf (ASCII only); 0 if too long or not ASCII. */
size_t stance_mentions_lower(const char *t, size_t ws, size_t we, char *buf, size_t cap)
{
    if (we - ws >= cap)
        return 0;
    for (size_t i = ws; i < we; i++) {
        char c = t[i];
        if ((unsigned char)c >= 0x80)
            return 0;
        buf[i - ws] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    buf[we - ws] = 0;
    return we - ws;
}

int stance_spaces_only(const char *t, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (t[i] != ' ')
            return 0;
    return 1;
}

/* One entry per pronoun class (mentions_int.h); the pronoun lookups return these. */
static const pron_word PRON_CLASSES[] = {
    {P_THIRD, STANCE_G_MALE}, {P_THIRD, STANCE_G_FEMALE}, {P_FIRST, 0}, {P_FIRST_PLURAL, 0}, {P_SECOND, 0},
    {P_THIRD_PLURAL, -1},
};

/* they/them/their/theirs/themselves (the lexicon's third person plural); the
 * caller has seen that the word starts with "the". */
const pron_word *stance_pronoun_plural_of(const char *t, size_t ws, size_t we)
{
    char b[12];
    const stance_lexent *le;
    if (!stance_mentions_lower(t, ws, we, b, sizeof b) || !(le = stance_lex_entry(stance_lex_find(b, we - ws))) ||
        !(le->cls & STANCE_LX(PRONOUN)) || STANCE_PRON_PERSON(le->feat) != 3 ||
        STANCE_PRON_NUMBER(le->feat) != STANCE_PN_P)
        return NULL;
    return &PRON_CLASSES[5];
}

/* "this man", "that woman", "this guy" (the noun after "this"/"that"): a
 * he/she, resolved as the pronoun is: a person noun of the lexicon with a
 * gender, not a kinship noun ("this mother"; stance_plain_noun_gender()). */
#if defined(__GNUC__)
__attribute__((noinline, cold)) /* rare (after "this", "that"): out of scan_words()'s loop (mentions_titles.c) */
#endif
const pron_word *stance_pronoun_demonstrative(const char *t, size_t ws, size_t we)
{
    int g = stance_plain_noun_gender(stance_lex_classes_lower(t + ws, we - ws));
    return g == STANCE_G_MALE ? &PRON_CLASSES[0] : g == STANCE_G_FEMALE ? &PRON_CLASSES[1] : NULL;
}

/* For each first letter a-z, the lengths of the pronouns stance_pronoun_of() reads
 * (bit n: n bytes): he/him/his/her/hers/himself/herself/she, i/me/my/mine/
 * myself/we/us/our/ours/ourselves, you/your/yours/yourself (and it/its/itself,
 * which share the "i"). stance_mentions_tables_sorted() checks it against
 * the lexicon. */
static const uint16_t PRON_LENS[26] = {0, 0, 0, 0, 0, 0, 0, 0x9c, 0x4e, 0, 0, 0, 0x54,
                                       0, 0x218, 0, 0, 0, 0x8, 0, 0x4, 0, 0x4, 0, 0x138, 0};

static int pron_lens_cover(void)
{
    for (size_t i = 0; i < stance_lex_count(); i++) {
        const stance_lexent *le = stance_lex_entry((long)i);
        unsigned f = le->feat, p = STANCE_PRON_PERSON(f), g = STANCE_PRON_GENDER(f);
        if (!(le->cls & STANCE_LX(PRONOUN)) || le->w[0] < 'a' || le->w[0] > 'z' ||
            !(p == 1 || p == 2 || (p == 3 && (g == STANCE_PG_M || g == STANCE_PG_F))))
            continue; /* not a word stance_pronoun_of() reads as one */
        if (le->n > 15 || !(PRON_LENS[le->w[0] - 'a'] >> le->n & 1))
            return 0;
    }
    return 1;
}

const pron_word *stance_pronoun_of(const char *t, size_t ws, size_t we)
{
    char b[12];
    const stance_lexent *le;
    unsigned f;
    unsigned first = ((unsigned char)t[ws] | 0x20u) - 'a';
    /* every pronoun we read starts with one of h i m o s u w y, with few lengths: most words stop here */
    if (we - ws > 15 || first >= 26 || !(PRON_LENS[first] >> (we - ws) & 1))
        return NULL;
    if (!stance_mentions_lower(t, ws, we, b, sizeof b))
        return NULL;
    /* "I" only as the capital letter; "US" is a country */
    if ((we - ws == 1 && t[ws] != 'I') || (we - ws == 2 && t[ws] == 'U' && t[ws + 1] == 'S'))
        return NULL;
    if (!(le = stance_lex_entry(stance_lex_find(b, we - ws))) || !(le->cls & STANCE_LX(PRONOUN)))
        return NULL;
    f = le->feat;
    switch (STANCE_PRON_PERSON(f)) {
    case 3: /* it, they, them: not read here */
        return STANCE_PRON_GENDER(f) == STANCE_PG_M   ? &PRON_CLASSES[0]
               : STANCE_PRON_GENDER(f) == STANCE_PG_F ? &PRON_CLASSES[1]
                                                      : NULL;
    case 1:
        return STANCE_PRON_NUMBER(f) == STANCE_PN_P ? &PRON_CLASSES[3] : &PRON_CLASSES[2];
    case 2:
        return &PRON_CLASSES[4];
    default:
        return NULL;
    }
}

int stance_mentions_tables_sorted(void)
{
    /* the filters of stance_role_lookup() and stance_pronoun_of() */
    return stance_roles_sorted() && pron_lens_cover();
}

/* The public enum and the internal kinds are the same numbers. */
_Static_assert(STANCE_MK_SELF == (int)STANCE_MENTION_SPEAKER_SELF && STANCE_MK_TITLE == (int)STANCE_MENTION_TITLE &&
                   STANCE_MK_PRONOUN == (int)STANCE_MENTION_PRONOUN,
               "mention kinds");

STANCE_API const char *stance_mention_kind_name(int kind)
{
    static const char *const names[] = {"name", "alias", "surname", "title", "epithet", "pronoun", "speaker-self"};
    return kind >= 0 && kind < STANCE_MK_COUNT ? names[kind] : "unknown";
}

const char *stance_mention_rule_name(int rule)
{
    static const char *const names[] = {"name", "alias", "surname", "possessive", "title-before-name",
                                        "role-apposition", "epithet-apposition", "pronoun-gender",
                                        "pronoun-recent", "first-person", "speaker-group", "addressee", "org-head",
                                        "pronoun-speaker", "pronoun-plural", "surname-shared", "interlocutor",
                                        "surname-plural", "party-adjective", "kinship",
                                        "pair", "addressee-recent", "demonym", "first-name", "short-form",
                                        "pronoun-pair", "pronoun-continued", "age-apposition", "pronoun-object", "rival"};
    _Static_assert(sizeof names / sizeof names[0] == STANCE_MR_COUNT, "a name for every rule");
    return rule >= 0 && rule < STANCE_MR_COUNT ? names[rule] : "unknown";
}

/* ---- adding and dropping mentions ------------------------------------------ */

int stance_mentions_add(stance_ent *e, size_t s, size_t end, int kind, int rule)
{
    if (stance_grow((void **)&e->more, &e->more_cap, e->n_more + 1, sizeof *e->more))
        return STANCE_ERR_NOMEM;
    e->more[e->n_more++] = (stance_mention){{s, end}, (unsigned char)kind, (unsigned char)rule};
    return STANCE_OK;
}

size_t stance_mentions_drop_marked(stance_entityset *ents)
{
    size_t dropped = 0;
    for (size_t i = 0; i < ents->n; i++) {
        stance_ent *e = &ents->e[i];
        size_t w = 0;
        if (!e->kinds)
            continue;
        for (size_t k = 0; k < e->n_mentions; k++)
            if (e->kinds[k] != STANCE_MK_DROPPED) {
                e->mentions[w] = e->mentions[k];
                e->kinds[w] = e->kinds[k];
                e->rules[w] = e->rules[k];
                w++;
            }
        dropped += e->n_mentions - w;
        e->n_mentions = w;
    }
    return dropped;
}

/* ---- speakers and genders ---------------------------------------------------- */

/* May the actor be a person? Not when its name of two words or more ends in
 * an organisation's or place's word, or has one before its first "of"/"on"/
 * "for" (stance_mentions_org_head()), whatever gender its first name gives ("Hillary Clinton
 * campaign", "American Federation of Teachers" are no "she": they are "they"). */
int stance_person_like(const stance_ent *e)
{
    size_t n = strlen(e->name);
    /* A discovered name of no known gender may be a place or an organisation
     * ("South Carolina"); a caller's actor of unknown gender stays a candidate. */
    if (e->gender == STANCE_G_UNKNOWN && (e->discovered || e->nonperson || e->place))
        return 0; /* "Riverside United, which": a caller's actor the article writes as a thing */
    if (!memchr(e->name, ' ', n))
        return e->gender != STANCE_G_UNKNOWN;
    return stance_ent_name_person(e);
}

int stance_ent_name_person(const stance_ent *e)
{
    return e->name_person ? e->name_person > 0 : stance_mentions_name_person(e->name);
}

/* A name of two words or more no organisation's or place's is (no
 * NONPERSON_LAST word at its end or as its head; the end's abbreviation dot
 * aside: "Harwick Corp.", "Ford Motor Co."). */
int stance_mentions_name_person(const char *name)
{
    size_t n = strlen(name), wl;
    const char *w;
    char b[16];
    for (int k = 0; k < 2; k++) {
        w = k ? stance_mentions_org_head(name, &wl) : stance_last_word(name, n, &wl);
        if (!k && wl > 2 && w[wl - 1] == '.' && !memchr(w, '.', wl - 1))
            wl--; /* "Corp." is "corp" ("U.S." stays itself) */
        if (w && ((stance_mentions_lower(w, 0, wl, b, sizeof b) && stance_lex_is(b, wl, STANCE_LX(NONPERSON_LAST))) ||
                  stance_lex_is(w, wl, STANCE_LX(NONPERSON_LAST))))
            return 0; /* organisations, places ("Riverside United": the word as written): no "he" or "she" */
    }
    return 1;
}

/* Is the name mention [s, p) written after "the" ("the Kesh Republic has",
 * "by the Harbor Board."), a name no person's is, and not as a modifier ("the
 * Tom Park campaign": a lowercase word after it that is no verb of the
 * lexicon, -ed form, preposition or conjunction)? */
static int after_the(const char *t, size_t len, size_t s, size_t p)
{
    const uint64_t goes_on = STANCE_LX(APPOS_STOP) | STANCE_LX(PREP) | STANCE_LX(CONJ) | STANCE_LX(MODAL) |
                             STANCE_LX(BE_AUX) | STANCE_LX(REL);
    size_t ws, we;
    if (!stance_word_before(t, s, &ws, &we) || !stance_word_is(t, ws, we, "the") || !stance_spaces_only(t, we, s))
        return 0;
    if (!stance_word_after(t, len, p, &ws, &we) || !stance_spaces_only(t, p, ws) || t[ws] < 'a' || t[ws] > 'z')
        return 1;
    return (stance_lex_classes_lower(t + ws, we - ws) & goes_on) != 0 || stance_word_is(t, we - 2, we, "ed");
}

/* Is the name mention [s, p) the subject of a plural verb ("Save the Marl have
 * been right", "Corvane Foods are"): a group, not one person? Not after a
 * conjunction, a comma or an auxiliary ("Park and Ito have", "did Park have"). */
static int plural_verb_after(const char *t, size_t len, size_t s, size_t p)
{
    size_t ws, we, i = s;
    if (!stance_word_after(t, len, p, &ws, &we) || !stance_spaces_only(t, p, ws) ||
        !(stance_word_is(t, ws, we, "have") || stance_word_is(t, ws, we, "are") || stance_word_is(t, ws, we, "were")))
        return 0;
    while (i > 0 && t[i - 1] == ' ')
        i--;
    if (i > 0 && t[i - 1] == ',')
        return 0;
    return !stance_word_before(t, s, &ws, &we) ||
           !(stance_lex_classes_lower(t + ws, we - ws) &
             (STANCE_LX(CONJ) | STANCE_LX(MODAL) | STANCE_LX(BE_AUX) | STANCE_LX(APPOS_STOP) | STANCE_LX(DET)));
}

/* Does the article write a name mention of @p e as a thing: "X, which",
 * "X which", "X and its", "X, its", "the X" (after_the()), a plural verb
 * after X (plural_verb_after())? A person is a "who" and a "his"/"her". */
static int written_as_thing(const char *t, size_t len, const stance_ent *e)
{
    for (size_t k = 0; k < e->n_mentions; k++) {
        size_t ws, we, p = e->mentions[k].end;
        if (e->kinds[k] > STANCE_MK_SURNAME)
            continue;
        if (e->kinds[k] != STANCE_MK_SURNAME &&
            (after_the(t, len, e->mentions[k].start, p) || plural_verb_after(t, len, e->mentions[k].start, p)))
            return 1;
        if (p < len && t[p] == ',')
            p++;
        if (!stance_word_after(t, len, p, &ws, &we) || !stance_spaces_only(t, p, ws))
            continue;
        if (stance_word_is(t, ws, we, "and") && stance_word_after(t, len, we, &ws, &we) &&
            stance_word_is(t, ws, we, "its"))
            return 1;
        if (stance_word_is(t, ws, we, "which") || stance_word_is(t, ws, we, "its"))
            return 1;
    }
    return 0;
}

/* stance_names_gender() of t[s, e): the name scan's when a run's bare name is
 * that span (it computed the same, stance_names_gender(t, bare, last_end));
 * the runs are in text order, their bare names too. */
static int span_gender(const stance_namelist *nl, const char *t, size_t s, size_t e)
{
    size_t lo = stance_first_at_or_after(nl->v, nl->n, sizeof *nl->v, offsetof(stance_name, bare), s);
    if (lo < nl->n && nl->v[lo].bare == s && nl->v[lo].last_end == e)
        return nl->v[lo].gender;
    return stance_names_gender(t, s, e);
}

/* Each actor's gender from its names (first names, Mr./Ms.), the roles tied to
 * it (votes cast by stance_mentions_find_ties) and the pronouns that speak its quotes. */
static void settle_genders(mstate *m)
{
    const char *t = m->t;
    for (size_t i = 0; i < m->ents->n; i++) {
        stance_ent *e = &m->ents->e[i];
        stance_mentions_vote(e, stance_names_gender(e->name, 0, strlen(e->name)));
        for (size_t k = 0; k < e->n_mentions; k++)
            stance_mentions_vote(e, span_gender(&m->quotes->names, t, e->mentions[k].start, e->mentions[k].end));
    }
    for (size_t qi = 0; qi < m->quotes->n; qi++) {
        const stance_rawquote *q = &m->quotes->q[qi];
        int g = 0;
        if (q->how == STANCE_ATTR_PRONOUN && m->speaker[qi] >= 0 && q->speaker_span.start != STANCE_NO_OFFSET &&
            stance_names_pronoun(t, q->speaker_span.start, q->speaker_span.end, &g) == 1)
            stance_mentions_vote(&m->ents->e[m->speaker[qi]], g);
    }
    for (size_t i = 0; i < m->ents->n; i++) {
        stance_ent *e = &m->ents->e[i];
        e->place = e->discovered ? stance_mentions_discovered_place(t, e) : stance_mentions_place_name(e->name);
        e->gender = e->place          ? STANCE_G_UNKNOWN /* "North Carolina ..., she said" */
                    : e->gender > 0   ? STANCE_G_MALE
                    : e->gender < 0   ? STANCE_G_FEMALE
                                      : STANCE_G_UNKNOWN;
        e->nonperson = !e->discovered && e->gender == STANCE_G_UNKNOWN && written_as_thing(t, m->len, e);
    }
}

/* ---- dialogue ---------------------------------------------------------------- */

#define DIALOGUE_REACH 400 /* bytes between two quotes of one exchange */
#define ANSWER_GAP 200     /* bytes between a question and the quote answering it */

/* The quote before @p qi (ending within DIALOGUE_REACH of its start) whose
 * speaker is an actor other than @p sp, skipping quotes of @p sp and quotes
 * without an actor speaker; -1 if none. */
static long other_before(const mstate *m, size_t qi, long sp)
{
    size_t from = m->quotes->q[qi].span.start;
    for (size_t j = qi; j-- > 0;) {
        const stance_rawquote *q = &m->quotes->q[j];
        if (q->span.end + DIALOGUE_REACH < from)
            return -1;
        if (m->speaker[j] >= 0 && m->speaker[j] != sp)
            return (long)j;
    }
    return -1;
}

/* The first quote after @p qi (starting within DIALOGUE_REACH of its end) whose actor speaker is not @p sp, or -1. */
static long other_after(const mstate *m, size_t qi, long sp)
{
    size_t to = m->quotes->q[qi].span.end;
    for (size_t j = qi + 1; j < m->quotes->n; j++) {
        const stance_rawquote *q = &m->quotes->q[j];
        if (to + DIALOGUE_REACH < q->span.start)
            return -1;
        if (m->speaker[j] >= 0 && m->speaker[j] != sp)
            return (long)j;
    }
    return -1;
}

/* A question in quote @p j ("Mistake?" he asked). */
static int asks(const mstate *m, size_t j)
{
    const stance_rawquote *q = &m->quotes->q[j];
    return memchr(m->t + q->span.start, '?', q->span.end - q->span.start) != NULL;
}

/* Is the reporting verb of quote @p j one of reply ("responded", "replied",
 * "answered", "retorted")? */
static int replies(const mstate *m, size_t j)
{
    stance_span c = m->quotes->q[j].cue_span;
    return c.start != STANCE_NO_OFFSET &&
           (stance_lex_classes_lower(m->t + c.start, c.end - c.start) & STANCE_LX(REPLY)) != 0;
}

/* Two actors who take turns (A, B, A) with a question between them (an
 * interview, an exchange) speak to each other: in A's quote B is "you", never
 * "he". A quote's interlocutor is the other speaker of the quote just before it
 * when that one follows a quote of this speaker, or is followed by one more of
 * its own, and this quote or that one asks something; or when this quote's
 * verb is one of reply ("..., Sanders responded"). */
static void find_interlocutors(mstate *m)
{
    for (size_t qi = 0; qi < m->quotes->n; qi++) {
        long sp = m->speaker[qi], b, a;
        m->inter[qi] = -1;
        if (sp < 0 || (b = other_before(m, qi, sp)) < 0)
            continue;
        if (replies(m, qi)) {
            m->inter[qi] = m->speaker[b]; /* "..., Sanders responded": to the quote before */
            continue;
        }
        if (!(asks(m, qi) || asks(m, (size_t)b)))
            continue;
        a = other_before(m, (size_t)b, m->speaker[b]);
        if ((a >= 0 && m->speaker[a] == sp) ||
            ((a = other_after(m, qi, sp)) >= 0 && m->speaker[a] == m->speaker[b]))
            m->inter[qi] = m->speaker[b];
    }
}

size_t stance_quote_holding(const stance_quotelist *ql, size_t a, size_t b)
{
    size_t lo = stance_first_end_after(ql->q, ql->n, sizeof *ql->q, offsetof(stance_rawquote, span.end), a);
    return lo < ql->n && ql->q[lo].span.start <= a && b <= ql->q[lo].span.end ? lo : ql->n;
}

/* ---- speaker-self and addressee ------------------------------------------------ */

size_t stance_mentions_skip_title(const char *t, size_t start)
{
    size_t ws, we, i = start;
    int dot;
    const role_word *rw;
    while (i > 0 && t[i - 1] == ' ')
        i--;
    /* "Gov. Tom Park": a period after an abbreviation only; "... won. Park" ends a sentence */
    dot = i > 0 && t[i - 1] == '.';
    if (stance_word_before(t, i - (size_t)dot, &ws, &we) && (rw = stance_role_lookup(t, ws, we)) && (rw->abbrev != 0) == dot)
        i = ws;
    else if (dot)
        return i;
    if (stance_word_before(t, i, &ws, &we) && (stance_word_is(t, ws, we, "the") || stance_word_is(t, ws, we, "former")))
        i = ws;
    return i;
}

/* Who "you" in quote @p qi is when neither its attribution nor an exchange
 * before it says: the other speaker of the next quote when this one asks or
 * that one replies ("..., Hewitt said." "No, ...," Trump replied); the
 * interlocutor of the speaker's quote right before; else the person
 * addressed just before the quote (stance_mentions_recent_addressee()). */
static long later_addressee(const mstate *m, size_t qi, long pr, const unsigned char *person)
{
    long sp = m->speaker[qi], n = other_after(m, qi, sp);
    size_t j = qi + 1;
    while (n >= 0 && j < (size_t)n && m->speaker[j] == sp)
        j++; /* only the speaker's own quotes between, the answer right after the last */
    if (n >= 0 && j == (size_t)n && m->speaker[n] != pr &&
        m->quotes->q[n].span.start <= m->quotes->q[n - 1].span.end + ANSWER_GAP && (asks(m, qi) || replies(m, j)))
        return m->speaker[n];
    if (qi > 0 && sp >= 0 && m->speaker[qi - 1] == sp && m->inter[qi - 1] >= 0 &&
        m->quotes->q[qi - 1].span.end + DIALOGUE_REACH >= m->quotes->q[qi].span.start)
        return m->inter[qi - 1]; /* the speaker goes on in the exchange */
    for (j = qi; j-- > 0 && (m->speaker[j] < 0 || m->speaker[j] == sp);) /* an address before another's quote */
        ;
    return stance_mentions_recent_addressee(m->ents, m->t, &m->quotes->q[qi], j < qi ? m->quotes->q[j].span.end : 0, sp,
                                            pr, person);
}

/* Per actor: may it be a "you" the text addresses, a person of known gender? */
static int persons(const mstate *m, unsigned char **out)
{
    if (!(*out = stance_malloc_array(m->ents->n, 1)))
        return STANCE_ERR_NOMEM;
    for (size_t i = 0; i < m->ents->n; i++)
        (*out)[i] = (unsigned char)(stance_person_like(&m->ents->e[i]) && m->ents->e[i].gender != STANCE_G_UNKNOWN);
    return STANCE_OK;
}

/* First person in a quote is its speaker (and we/us/our the actor the speaker
 * speaks for); you/your the actor the attribution addresses. */
static int find_self(mstate *m)
{
    const char *t = m->t;
    stance_addrindex *ax = NULL;
    unsigned char *person = NULL; /* per actor: a person of known gender, once a "you" needs it */
    int rc = STANCE_OK;
    for (size_t qi = 0; qi < m->quotes->n && rc == STANCE_OK; qi++) {
        const stance_rawquote *q = &m->quotes->q[qi];
        long sp = m->speaker[qi], pr = -1, ad = -2, rec = -2;
        size_t pos = q->span.start;
        pr = stance_mentions_principal(m->ents, t, q, sp);
        while (pos < q->span.end && rc == STANCE_OK) {
            size_t ws, we;
            const pron_word *pw;
            if (!stance_word_byte(t, pos, m->len)) {
                pos++;
                continue;
            }
            ws = pos;
            we = pos = stance_word_end(t, pos, q->span.end, m->len);
            if (we - ws > 9 || !(pw = stance_pronoun_of(t, ws, we)) || pw->cls == P_THIRD)
                continue;
            if ((pw->cls == P_FIRST || pw->cls == P_FIRST_PLURAL) && sp >= 0)
                rc = stance_mentions_add(&m->ents->e[sp], ws, we, STANCE_MK_SELF, STANCE_MR_FIRST_PERSON);
            if (!rc && pw->cls == P_FIRST_PLURAL && pr >= 0)
                rc = stance_mentions_add(&m->ents->e[pr], ws, we, STANCE_MK_SELF, STANCE_MR_SPEAKER_GROUP);
            if (!rc && pw->cls == P_SECOND) {
                if (!ax && (rc = stance_addrindex_build(m->ents, &ax)) != STANCE_OK)
                    continue;
                if (!person && (rc = persons(m, &person)) != STANCE_OK)
                    continue;
                if (ad == -2)
                    ad = stance_mentions_addressee(ax, t, q);
                if (ad >= 0 && ad != sp)
                    rc = stance_mentions_add(&m->ents->e[ad], ws, we, STANCE_MK_PRONOUN, STANCE_MR_ADDRESSEE);
                else if (ad < 0 && m->inter[qi] >= 0)
                    rc = stance_mentions_add(&m->ents->e[m->inter[qi]], ws, we, STANCE_MK_PRONOUN,
                                             STANCE_MR_INTERLOCUTOR);
                else if (ad < 0 && (rec == -2 ? (rec = later_addressee(m, qi, pr, person)) : rec) >= 0)
                    rc = stance_mentions_add(&m->ents->e[rec], ws, we, STANCE_MK_PRONOUN, STANCE_MR_ADDRESSEE_RECENT);
            }
        }
    }
    stance_addrindex_free(ax);
    stance_free(person);
    return rc;
}

int stance_mentions_find(const stance_quotelist *quotes, const char *text, size_t len, stance_entityset *ents,
                         stance_error *err)
{
    mstate m = {.t = text, .len = len, .ents = ents, .quotes = quotes};
    int rc = STANCE_OK;
    if (!ents->n || !len)
        return STANCE_OK;
    for (size_t i = 0; i < ents->n; i++) /* the names stay as they are in the stages below */
        ents->e[i].name_person = stance_ent_has_facts(&ents->e[i]) ? ents->e[i].facts.person
                                 : (signed char)(stance_mentions_name_person(ents->e[i].name) ? 1 : -1);
    if (stance_mindex_build(ents) || (quotes->n && (!(m.speaker = stance_malloc_array(quotes->n, sizeof *m.speaker)) ||
                                                    !(m.inter = stance_malloc_array(quotes->n, sizeof *m.inter)))))
        goto nomem;
    for (size_t qi = 0; qi < quotes->n; qi++)
        m.speaker[qi] = stance_mentions_speaker(ents, text, &quotes->q[qi]);
    find_interlocutors(&m);
    if (stance_mentions_find_ties(&m))
        goto nomem;
    settle_genders(&m);
    if (stance_sort_stable(m.ties, m.n_ties, sizeof *m.ties, offsetof(tie, pos)) || stance_mentions_titles(&m) ||
        stance_mentions_org_kinds(&m))
        goto nomem;
    stance_mentions_sort_more(ents);
    if (stance_mentions_build_referents(&m) || stance_mentions_learn_genders(&m) ||
        stance_mentions_resolve_pronouns(&m) || stance_mentions_continued_it(&m))
        goto nomem;
    stance_mentions_sort_more(ents);
    if (find_self(&m) || stance_mentions_party_adjectives(quotes, text, ents) ||
        stance_mentions_in_quotes(quotes, text, ents) || stance_mentions_rivals(&m))
        goto nomem;
    stance_mentions_sort_more(ents);
    /* last: an organisation's word written as a modifier ("Board member Ray") is no
     * mention of it, but it did show the organisation is in the article (the
     * "the board" tie above reads the latest mention before it) */
    if (stance_mentions_org_surnames(ents, text, len) && stance_mindex_build(ents))
        goto nomem; /* the index holds the name mentions: rebuilt without the dropped ones */
    goto out;
nomem:
    rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
out:
    stance_free(m.speaker);
    stance_free(m.inter);
    stance_free(m.ties);
    stance_free(m.heads.at);
    stance_free(m.refs);
    stance_free(m.prons);
    stance_free(m.orgs);
    return rc;
}
