/*
 * mentions.c - the mentions of an actor beyond its names: titles and role
 * nouns, epithets, pronouns, speaker-self and addressee (see mentions.h);
 * the state the passes share is in mentions_int.h.
 *
 * One pass over the article's words per kind, each linear in the text:
 *  1. ties: a role word the article puts next to an actor's name ("Gov. Tom
 *     Park", "Elena Diaz, the mayor,", "the mayor, Elena Diaz,") ties that role
 *     to the actor from there on; "<Name>, the <2-5 words>," ties an epithet.
 *  2. "the <role>" and "the <epithet>" resolve to the latest actor tied to it.
 *  3. he/she/him/her/his/hers ("this man", "that woman", "this guy" too) and
 *     they/them/their, collected by scan_words(), resolve to the most recent
 *     compatible referent (mentions_pron.c).
 *  4. I/me/my/we/us/our inside a quote are its speaker (kind speaker-self);
 *     we/us/our also the actor the speaker speaks for ("Park's spokeswoman",
 *     "a spokeswoman for Park"); you/your are the actor the attribution
 *     addresses ("told Park", "asked Park").
 * The words are classes of lib/lexicon.def (pronouns by their features,
 * NONPERSON_LAST, APPOS_STOP, ADDRESS_CUE), but for the role table below: a
 * role word carries its canonical role, gender and abbreviation flag, which
 * a lexicon entry has no field for.
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


/* One entry per pronoun class (mentions_int.h); the pronoun lookups return these. */
static const pron_word PRON_CLASSES[] = {
    {P_THIRD, STANCE_G_MALE}, {P_THIRD, STANCE_G_FEMALE}, {P_FIRST, 0}, {P_FIRST_PLURAL, 0}, {P_SECOND, 0},
    {P_THIRD_PLURAL, -1},
};

/* they/them/their/theirs/themselves (the lexicon's third person plural); the
 * caller has seen that the word starts with "the". */
static const pron_word *plural_of(const char *t, size_t ws, size_t we)
{
    char b[12];
    const stance_lexent *le;
    if (!stance_mentions_lower(t, ws, we, b, sizeof b) || !(le = stance_lex_entry(stance_lex_find(b, we - ws))) ||
        !(le->cls & STANCE_LX(PRONOUN)) || STANCE_PRON_PERSON(le->feat) != 3 ||
        STANCE_PRON_NUMBER(le->feat) != STANCE_PN_P)
        return NULL;
    return &PRON_CLASSES[5];
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

/* ---- ties, organisations, titles and epithets ------------------------------- */

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

static int add_tie(mstate *m, const char *role, stance_span phrase, size_t pos, size_t ent, int rule)
{
    if (stance_grow((void **)&m->ties, &m->ties_cap, m->n_ties + 1, sizeof *m->ties))
        return STANCE_ERR_NOMEM;
    m->ties[m->n_ties++] = (tie){role, phrase, pos, ent, rule, 0, {0, 0}, {{{0, 0}, {0, 0}, {0, 0}}, pos, 0, 0}};
    return STANCE_OK;
}

/* Gender votes: e->gender holds the running sum (male +1, female -1) until
 * settle_genders() turns it into a STANCE_G_* value. */
static void vote(stance_ent *e, int g)
{
    if (g == STANCE_G_MALE)
        e->gender++;
    else if (g == STANCE_G_FEMALE)
        e->gender--;
}

int stance_spaces_only(const char *t, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (t[i] != ' ')
            return 0;
    return 1;
}

/* A lowercase noun the article uses as a role beside a name, though no role
 * of the table ("referee Aidan Crowe", "Aidan Crowe, the referee,"): an agent
 * noun's form (stance_agent_noun(): referee, councillor, striker, analyst)
 * and no word of the lexicon but a role, person or staff noun (no function
 * word: "other", "after"). Its tie is a head tie (head_tie()). */
static int free_role_noun(const char *t, size_t ws, size_t we)
{
    uint64_t cls;
    size_t n = we - ws;
    if (!stance_agent_noun(t, ws, we))
        return 0;
    cls = stance_lex_classes_lower(t + ws, n);
    return (cls & ~(STANCE_LX(ROLE) | STANCE_LX(PERSON_NOUN) | STANCE_LX(STAFF_NOUN) | STANCE_LX(GROUP_NOUN) |
                    STANCE_LX(NOUN_M) | STANCE_LX(NOUN_F))) == 0 &&
           !stance_lex_in_rules(t + ws, n, ~UINT64_C(0));
}


/* May the actor be a person while the ties are found, its gender not
 * settled yet (a discovered "Ash Carter", "Frances Kettle": by the name)? */
static int tie_person(const stance_ent *e)
{
    return e->gender != 0 || stance_names_gender(e->name, 0, strlen(e->name)) != STANCE_G_UNKNOWN ||
           (!e->nonperson && strchr(e->name, ' ') && stance_mentions_name_person(e->name));
}

/* An age: one to three digits, t[ws, we). */
static int age_digits(const char *t, size_t ws, size_t we)
{
    if (we <= ws || we - ws > 3)
        return 0;
    for (size_t i = ws; i < we; i++)
        if (t[i] < '0' || t[i] > '9')
            return 0;
    return 1;
}

/* The role of the role word t[hs, he) (stance_role_words()), or NULL; *g: its
 * gender; *q: the words before the title from @p from on (stance_role_qualify()). */
static const char *role_at(const char *t, size_t hs, size_t he, size_t from, int *g, role_qual *q)
{
    const role_word *rw = stance_role_lookup(t, hs, he);
    const char *role;
    size_t fs;
    if (!rw)
        return NULL;
    *g = rw->gender;
    if ((role = stance_role_words(t, rw, hs, from, &fs)))
        stance_role_qualify(t, from, fs, q);
    return role;
}

/* ", the <words>," after a name at @p end: a role (its head word: the last
 * word, or the one before "of"/"for"/"at"/"in") and, with "the" and two or
 * more words, an epithet. Clauses ("who ...", "said") are not appositions. */
static int apposition_after(mstate *m, size_t ent, size_t end)
{
    const char *t = m->t, *role;
    size_t ws, we, pos, first = SIZE_MAX, nw = 0, hs = 0, he = 0, ps = 0, pe = 0;
    int det_the, g, head = 0;
    role_qual q;
    pos = end;
    while (pos < m->len && t[pos] == ' ')
        pos++;
    if (pos >= m->len || t[pos] != ',' || !stance_word_after(t, m->len, pos + 1, &ws, &we))
        return STANCE_OK;
    if (age_digits(t, ws, we) && we < m->len && t[we] == ',') /* "Darren Pike, 54," */
        return add_tie(m, NULL, (stance_span){ws, we}, end, ent, STANCE_MR_AGE);
    det_the = stance_word_is(t, ws, we, "the");
    if (!det_the && !stance_word_is(t, ws, we, "a") && !stance_word_is(t, ws, we, "an"))
        return STANCE_OK;
    for (pos = we; nw < (head > 1 ? 10u : 6u) && stance_word_after(t, m->len, pos, &ws, &we) &&
                   stance_spaces_only(t, pos, ws);
         pos = we) {
        char b[12] = "";
        if (stance_mentions_lower(t, ws, we, b, sizeof b) && stance_lex_is(b, we - ws, STANCE_LX(APPOS_STOP)))
            return STANCE_OK;
        if (nw && !head && (strcmp(b, "of") == 0 || strcmp(b, "for") == 0 || strcmp(b, "at") == 0 ||
                            strcmp(b, "in") == 0)) {
            hs = ps, he = pe, head = 1;
            head += stance_role_or_person(t, hs, he, NULL); /* 2: a role's "of"-phrase, which may run longer */
        }
        if (!nw)
            first = ws;
        ps = ws, pe = we;
        nw++;
        if (head > 1 && stance_possessive_at(t, m->len, we)) /* "of suburban Riverton's Ash County" */
            we += t[we] == '\'' ? 2 : 4;
    }
    if (!nw || nw > (head > 1 ? 9u : 5u) || pos >= m->len || !strchr(",.;)", t[pos]))
        return STANCE_OK;
    if (!head)
        hs = ps, he = pe;
    if ((role = role_at(t, hs, he, first, &g, &q))) {
        if (add_tie(m, role, (stance_span){first, pos}, end, ent, STANCE_MR_ROLE_APPOSITION))
            return STANCE_ERR_NOMEM;
        m->ties[m->n_ties - 1].qual = q;
        vote(&m->ents->e[ent], g);
    } else if (det_the && free_role_noun(t, hs, he) && (nw == 1 || tie_person(&m->ents->e[ent]))) {
        /* "Aidan Crowe, the referee,"; a person's "Frances Kettle, the city auditor," */
        if ((m->heads.n++, add_tie(m, NULL, (stance_span){hs, he}, end, ent, STANCE_MR_ROLE_APPOSITION)))
            return STANCE_ERR_NOMEM;
    }
    if (det_the && nw >= 2 && add_tie(m, NULL, (stance_span){first, pos}, end, ent, STANCE_MR_EPITHET))
        return STANCE_ERR_NOMEM;
    return STANCE_OK;
}

/* An article or a possessive determiner ("the", "a", "its", "his"): where a
 * description opens. */
static int determiner(const char *t, size_t ws, size_t we)
{
    static const char *const w[] = {"the", "a", "an", "its", "his", "her", "their"};
    for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
        if (stance_word_is(t, ws, we, w[k]))
            return 1;
    return 0;
}

/* "Kestria's" before t[ws, we) = "s": a possessive, a determiner of the
 * description it opens ("Kestria's treasurer, Ines Calloway"), unless the
 * possessor is a person actor's last word ("Carter's press secretary, Peter
 * Cook": a person's staff, whose role is not the title "the secretary"). */
static int possessive_s(const char *t, size_t ws, size_t we, const stance_entityset *ents)
{
    size_t a, ps, pe;
    long ent;
    if (we - ws != 1 || t[ws] != 's' || ws < 2)
        return 0;
    if (t[ws - 1] == '\'')
        a = ws - 1;
    else if (ws >= 4 && memcmp(t + ws - 3, "\xe2\x80\x99", 3) == 0)
        a = ws - 3;
    else
        return 0;
    if (!stance_word_before(t, a, &ps, &pe) || pe != a)
        return 0;
    return !ents->ix || !stance_mindex_last(ents->ix, t + ps, pe - ps, &ent) || !tie_person(&ents->e[ent]);
}

#define APPOSED_WORDS 7u
/* stance_apposed_head(), and with @p ents a possessive as a determiner too (possessive_s()). */
static int apposed_head_at(const char *t, size_t i, stance_head_fn is_head, const void *arg, stance_span *head_at,
                           const stance_entityset *ents)
{
    size_t ws, we, pos = i, hs = 0, he = 0;
    unsigned n = 0, head = 0;
    for (; n < APPOSED_WORDS && stance_word_before(t, pos, &ws, &we); n++, pos = ws) {
        if (determiner(t, ws, we) || (ents && possessive_s(t, ws, we, ents))) {
            if (!head || n - head > 3u)
                return 0;
            if (head_at)
                *head_at = (stance_span){hs, he};
            return 1;
        }
        if (!head && is_head(t, ws, we, arg)) {
            size_t as, ae;
            if (n && !(stance_word_after(t, i, we, &as, &ae) &&
                       (stance_word_is(t, as, ae, "of") || stance_word_is(t, as, ae, "for") ||
                        stance_word_is(t, as, ae, "at") || stance_word_is(t, as, ae, "in"))))
                return 0;
            head = n + 1, hs = ws, he = we;
        }
    }
    return 0;
}

int stance_apposed_head(const char *t, size_t i, stance_head_fn is_head, const void *arg, stance_span *head_at)
{
    return apposed_head_at(t, i, is_head, arg, head_at, NULL);
}

int stance_role_or_person(const char *t, size_t ws, size_t we, const void *arg)
{
    (void)arg;
    return stance_role_of(t, ws, we, NULL) != NULL ||
           (stance_lex_classes_lower(t + ws, we - ws) & (STANCE_LX(ROLE) | STANCE_LX(PERSON_NOUN))) != 0;
}

/* stance_apposed_head()'s test for a tie to the actor @p arg: a role or
 * person noun, or for a person a role noun of the article's own
 * (free_role_noun(): "the city auditor, Frances Kettle"). */
static int apposed_role(const char *t, size_t ws, size_t we, const void *arg)
{
    return stance_role_or_person(t, ws, we, NULL) || (free_role_noun(t, ws, we) && tie_person(arg));
}

/* "<role> of <department>" right before a person's name ("former secretary
 * of state Jo Roe", "Secretary of Defense Sam Ito"; @p ws, @p we: the word
 * before the name, a department of the lexicon, class OFFICE): the role
 * word, or NULL. */
static const role_word *role_of_office(const char *t, size_t ws, size_t we, const stance_ent *e)
{
    size_t os, oe, rs, re;
    const role_word *rw;
    if (!(stance_lex_classes_lower(t + ws, we - ws) & STANCE_LX(OFFICE)) || !stance_person_like(e) ||
        !stance_word_before(t, ws, &os, &oe) || !stance_word_is(t, os, oe, "of") || !stance_word_before(t, os, &rs, &re) ||
        !(rw = stance_role_lookup(t, rs, re)) || rw->abbrev)
        return NULL;
    return rw;
}

/* Is the word at @p ws a noun phrase's own head ("the decision Clinton
 * made", "to access Clinton"), not a title: after "to" or a determiner? */
static int object_noun(const char *t, size_t ws)
{
    size_t ps, pe;
    return stance_word_before(t, ws, &ps, &pe) &&
           (stance_word_is(t, ps, pe, "to") || determiner(t, ps, pe) ||
            (stance_lex_classes_lower(t + ps, pe - ps) & (STANCE_LX(DET) | STANCE_LX(PRONOUN))));
}

/* A lowercase role word at @p ws before a name of one word t[s, end), its
 * title opened by a determiner: "the federal judge Trump was referring to"
 * is a relative clause's subject, no title ("the former agriculture minister
 * Pia Nordahl" is one: a full name). */
static int object_title(const char *t, size_t ws, size_t s, size_t end)
{
    role_qual q;
    size_t ds, de;
    if (t[ws] < 'a' || t[ws] > 'z' || memchr(t + s, ' ', end - s))
        return 0;
    stance_role_qualify(t, 0, ws, &q);
    return stance_word_before(t, q.from, &ds, &de) && determiner(t, ds, de);
}

/* Roles written before a name ("Gov. Tom Park", "Mayor Elena Diaz", an alias
 * "President Vance"), "the mayor, Elena Diaz," and appositions after it. */
static int find_ties(mstate *m)
{
    const char *t = m->t;
    for (size_t ei = 0; ei < m->ents->n; ei++) {
        stance_ent *e = &m->ents->e[ei];
        for (size_t k = 0; k < e->n_mentions; k++) {
            size_t s = e->mentions[k].start, end = e->mentions[k].end, ws, we, i = s;
            stance_span h;
            const char *role = NULL;
            int g = 0, rule = STANCE_MR_TITLE_BEFORE, former = 0;
            stance_span place = {0, 0}, none;
            role_qual q = {{{0, 0}, {0, 0}, {0, 0}}, s, 0, 0};
            while (i > 0 && t[i - 1] == ' ')
                i--;
            if (stance_word_after(t, m->len, s, &ws, &we) && we < end)
                role = stance_role_of(t, ws, we, &g); /* the alias holds the title */
            if (!role && stance_word_before(t, i > 0 && t[i - 1] == '.' ? i - 1 : i, &ws, &we)) {
                /* "Gov. Tom Park", "Governor Tom Park"; not "... the mayor. Park said" */
                const role_word *rw = stance_role_lookup(t, ws, we);
                if (rw && (t[i - 1] == '.') == (rw->abbrev != 0) && !object_title(t, ws, s, end)) {
                    size_t fs;
                    role = stance_role_words(t, rw, ws, 0, &fs); /* "Attorney General Jo Roe"; "Deputy ...": a subordinate's */
                    g = rw->gender;
                    former = stance_role_former_before(t, fs, &place);
                    stance_role_qualify(t, 0, fs, &q); /* "Prime" of "Prime Minister Annika Rosvall" */
                    former = former || (q.from < fs && stance_role_former_before(t, q.from, &none));
                } else if (!rw && t[i - 1] != '.' && (rw = role_of_office(t, ws, we, e))) {
                    role = rw->role; /* "Secretary of State John Kerry" */
                    g = rw->gender;
                } else if (!rw && t[i - 1] != '.' && free_role_noun(t, ws, we) && !object_noun(t, ws)) {
                    /* "referee Aidan Crowe": a head tie to the word */
                    if ((m->heads.n++, add_tie(m, NULL, (stance_span){ws, we}, s, ei, rule)))
                        return STANCE_ERR_NOMEM;
                }
            }
            if (!role && i > 0 && t[i - 1] == ',' && apposed_head_at(t, i - 1, apposed_role, e, &h, m->ents)) {
                /* "the mayor, Elena Diaz", "the chief executive of Skyridge Airways, Bernard Lisle" */
                role = role_at(t, h.start, h.end, 0, &g, &q);
                rule = STANCE_MR_ROLE_APPOSITION;
                if (!role && (m->heads.n++, add_tie(m, NULL, h, s, ei, rule))) /* a person noun: its head */
                    return STANCE_ERR_NOMEM;
            }
            if (role) {
                if (add_tie(m, role, (stance_span){s, s}, s, ei, rule))
                    return STANCE_ERR_NOMEM;
                m->ties[m->n_ties - 1].former = former;
                m->ties[m->n_ties - 1].place = place;
                m->ties[m->n_ties - 1].qual = q;
                vote(e, g);
            }
            if (!stance_possessive_at(t, m->len, end) && apposition_after(m, ei, end))
                return STANCE_ERR_NOMEM;
        }
    }
    return STANCE_OK;
}


/* The head word of an organisation's name of two words or more: the word
 * before its first "of"/"on"/"for" ("House Select Committee on Benghazi",
 * "Department of State"), else its last word ("Democratic Party"); NULL for
 * one word. */
const char *stance_mentions_org_head(const char *name, size_t *hl)
{
    size_t nl = strlen(name), ws = 0, we = 0, ps = 0, pe = 0;
    for (size_t n = 0; stance_name_word_after(name, nl, we, &ws, &we); n++, ps = ws, pe = we)
        if (n >= 1 && (stance_word_is(name, ws, we, "of") || stance_word_is(name, ws, we, "on") ||
                       stance_word_is(name, ws, we, "for"))) {
            *hl = pe - ps;
            return name + ps;
        }
    {
        const char *h = stance_last_word(name, nl, hl);
        return h == name ? NULL : h;
    }
}

/* Is every capitalised word of t[a, b) (the words between "the" and an
 * organisation's head) a word of @p name? "the Clinton campaign" is no "Sanders
 * campaign"'s; "the Democratic party" is the "Democratic Party"'s. */
static int names_in(const char *t, size_t a, size_t b, const char *name)
{
    size_t ws, we, nl = strlen(name);
    if (stance_word_after(t, b, a, &ws, &we))
        a = we; /* "the", "The" */
    while (stance_word_after(t, b, a, &ws, &we)) {
        size_t ns, ne = 0;
        int found = stance_letter_case(t, ws, b) <= 0;
        while (!found && stance_word_after(name, nl, ne, &ns, &ne))
            found = ne - ns == we - ws && memcmp(name + ns, t + ws, we - ws) == 0;
        if (!found)
            return 0;
        a = we;
    }
    return 1;
}

/* The actor whose name's head is the organisation noun t[ws, we) ("the party"
 * for "Democratic Party", "the committee" for "House Select Committee on
 * Benghazi") and holds the capitalised words between "the" at @p pos and the
 * head (names_in()), with the latest name mention before @p pos, or -1. */
static long org_by_head(const mstate *m, size_t ws, size_t we, size_t pos)
{
    long best = -1;
    size_t best_at = 0;
    for (size_t i = 0; i < m->n_orgs; i++) {
        const stance_ent *e = &m->ents->e[m->orgs[i].ent];
        size_t hl = m->orgs[i].hl, lo;
        const char *h = m->orgs[i].head;
        size_t k = 0;
        if (hl != we - ws)
            continue;
        while (k < hl && (h[k] | 0x20) == (m->t[ws + k] | 0x20))
            k++;
        if (k != hl || !names_in(m->t, pos, ws, e->name))
            continue;
        /* lo: the mentions starting before pos */
        lo = stance_first_at_or_after(e->mentions, e->n_mentions, sizeof *e->mentions, offsetof(stance_span, start),
                                      pos);
        if (lo && (best < 0 || e->mentions[lo - 1].start > best_at)) {
            best = (long)m->orgs[i].ent;
            best_at = e->mentions[lo - 1].start;
        }
    }
    return best;
}

#define ORG_TAIL_WORDS 3 /* words of an organisation's name before its head that "the" may keep */

/* Does the text before @p p end with "the" and the @p k >= 1 words of
 * @p name before @p nend, caseless ("the county council" for "Garran County
 * Council", p at "council")? *the_at: where "the" starts. */
static int tail_words_before(const char *t, size_t p, const char *name, size_t nend, size_t *the_at)
{
    size_t ns, ne, ps, pe;
    unsigned k = 0;
    for (; k < ORG_TAIL_WORDS && stance_word_before(name, nend, &ns, &ne) && stance_word_before(t, p, &ps, &pe) &&
           stance_spaces_only(t, pe, p) && pe - ps == ne - ns && stance_ascii_caseeq(name + ns, t + ps, ne - ns);
         k++)
        nend = ns, p = ps;
    if (!k || !stance_word_before(t, p, &ps, &pe) || !stance_spaces_only(t, pe, p) || !stance_word_is(t, ps, pe, "the"))
        return 0;
    *the_at = ps;
    return 1;
}

/* "the county council", "the parish council": "the" and a trailing part of
 * an organisation actor's name, its head (its last word, t[ws, we)) and one
 * or more words before it, caseless, when no other organisation's name ends
 * so: that actor, *the_at where "the" starts; else -1. */
static long org_by_tail(const mstate *m, size_t ws, size_t we, size_t *the_at)
{
    long best = -1;
    for (size_t i = 0; i < m->n_orgs; i++) {
        const struct org_at *o = &m->orgs[i];
        const char *name = m->ents->e[o->ent].name;
        size_t at;
        if (o->hl != we - ws || !stance_ascii_caseeq(o->head, m->t + ws, o->hl) || o->head[o->hl] != '\0' ||
            !tail_words_before(m->t, ws, name, (size_t)(o->head - name), &at))
            continue;
        if (best >= 0)
            return -1; /* two organisations end so */
        best = (long)o->ent, *the_at = at;
    }
    return best;
}

/* Organisation actors: a name of two words or more whose head (stance_mentions_org_head())
 * is an organisation noun of the lexicon ("Democratic Party", "Supreme Court",
 * "House Select Committee on Benghazi"), or any head of a caller's actor that
 * is no person (stance_person_like(): "Grantham Regional Hospital", "the
 * hospital"; not of a discovered one: "World War" is no "the war"). */
static int find_orgs(mstate *m)
{
    for (size_t i = 0; i < m->ents->n; i++) {
        size_t hl = 0;
        const char *h = stance_mentions_org_head(m->ents->e[i].name, &hl);
        char b[STANCE_LEX_MAXLEN + 1];
        int free_head = 0;
        if (!h || !stance_mentions_lower(h, 0, hl, b, sizeof b) ||
            (!stance_lex_is(b, hl, STANCE_LX(ORG_NOUN)) &&
             !(free_head = !m->ents->e[i].discovered && !stance_person_like(&m->ents->e[i]) &&
                            (!m->ents->e[i].place || m->ents->e[i].nonperson))))
            continue;
        m->n_free += (size_t)free_head;
        if (stance_grow((void **)&m->orgs, &m->orgs_cap, m->n_orgs + 1, sizeof *m->orgs))
            return STANCE_ERR_NOMEM;
        m->orgs[m->n_orgs++] = (struct org_at){i, h, hl};
        m->org_hl |= UINT64_C(1) << (hl < 63 ? hl : 63);
    }
    return STANCE_OK;
}

/* A word that may stand between "the" and a role: "the former Florida
 * governor", "the 57-year-old senator", "the Vermont senator". */
static int title_modifier(const char *t, size_t ws, size_t we)
{
    if (stance_letter_case(t, ws, we) > 0)
        return 1;
    if (memchr(t + ws, '-', we - ws))
        return 1;
    return stance_word_is(t, ws, we, "former") || stance_word_is(t, ws, we, "chief");
}

#define TITLE_MODIFIERS 3 /* words between "the" and its role */

/* "the Clintons", "the Bushes" (t[ws, we) after "the" at @p the_s): the
 * family, every person actor whose name of two words or more ends in that
 * surname. */
static int family_at(mstate *m, size_t the_s, size_t ws, size_t we)
{
    const char *t = m->t;
    size_t sl = we - ws - 1;
    long ent;
    if (sl > 3 && t[we - 2] == 'e' && strchr("hsxz", t[we - 3]) && stance_mindex_last(m->ents->ix, t + ws, sl - 1, &ent))
        sl--; /* "Bushes" */
    else if (!stance_mindex_last(m->ents->ix, t + ws, sl, &ent))
        return STANCE_OK;
    for (size_t i = 0; i < m->ents->n; i++) {
        const stance_ent *e = &m->ents->e[i];
        size_t nl = strlen(e->name), el;
        const char *sn = stance_last_word(e->name, nl, &el);
        if (sn != e->name && el == sl && memcmp(sn, t + ws, sl) == 0 && stance_person_like(e) &&
            stance_mentions_add(&m->ents->e[i], the_s, we, STANCE_MK_SURNAME, STANCE_MR_SURNAME_PLURAL))
            return STANCE_ERR_NOMEM;
    }
    return STANCE_OK;
}



/* "this man", "that woman", "this guy" (the noun after "this"/"that"): a
 * he/she, resolved as the pronoun is: a person noun of the lexicon with a
 * gender, not a kinship noun ("this mother"; stance_plain_noun_gender()). */
#if defined(__GNUC__)
__attribute__((noinline, cold)) /* rare (after "this", "that"): out of scan_words()'s loop */
#endif
static const pron_word *demonstrative_person(const char *t, size_t ws, size_t we)
{
    int g = stance_plain_noun_gender(stance_lex_classes_lower(t + ws, we - ws));
    return g == STANCE_G_MALE ? &PRON_CLASSES[0] : g == STANCE_G_FEMALE ? &PRON_CLASSES[1] : NULL;
}

/* The head ties by their word, once the ties are sorted: the distinct head
 * words are few (person nouns), so a look-up below stays linear in the text. */
static int index_heads(mstate *m)
{
    struct head_ties *h = &m->heads;
    size_t k = 0;
    if (!h->n)
        return STANCE_OK;
    if (!(h->at = stance_malloc_array(h->n, 4 * sizeof *h->at)))
        return STANCE_ERR_NOMEM;
    h->id = h->at + h->n, h->words = h->id + h->n, h->last = h->words + h->n;
    for (size_t i = 0; i < m->n_ties; i++) {
        const tie *ti = &m->ties[i];
        size_t d = 0, n = ti->phrase.end - ti->phrase.start;
        if (ti->role || ti->rule == STANCE_MR_EPITHET || ti->rule == STANCE_MR_AGE)
            continue;
        while (d < h->nw && !(m->ties[h->words[d]].phrase.end - m->ties[h->words[d]].phrase.start == n &&
                              stance_ascii_caseeq(m->t + m->ties[h->words[d]].phrase.start, m->t + ti->phrase.start, n)))
            d++;
        if (d == h->nw)
            h->words[h->nw] = i, h->last[h->nw++] = SIZE_MAX;
        h->at[k] = i, h->id[k++] = d;
    }
    return STANCE_OK;
}

/* The last tie before @p the_s to a person noun's head written t[ws, we)
 * ("the chief executive of X, NAME" ... "the chief executive"), or -1.
 * @p the_s only grows from call to call. */
static long head_tie(mstate *m, size_t ws, size_t we, size_t the_s)
{
    struct head_ties *h = &m->heads;
    for (; h->seen < h->n && m->ties[h->at[h->seen]].pos <= the_s; h->seen++)
        h->last[h->id[h->seen]] = h->at[h->seen];
    for (size_t d = 0; d < h->nw; d++) {
        const tie *ti = &m->ties[h->words[d]];
        if (ti->phrase.end - ti->phrase.start == we - ws && stance_ascii_caseeq(m->t + ti->phrase.start, m->t + ws, we - ws))
            return h->last[d] == SIZE_MAX ? -1 : (long)h->last[d];
    }
    return -1;
}

#define AGE_TIES_BACK 512 /* ties an age epithet looks back over (the search stays linear) */

/* "the 54-year-old" (t[ws, we) after "the" at @p the_s): the actor of the
 * latest tie of that age among the AGE_TIES_BACK ties before it ("Darren
 * Pike, 54,"), as an epithet (rule age-apposition). */
static int age_tie(mstate *m, size_t ws, size_t we, size_t the_s)
{
    size_t d = 0, lo;
    while (ws + d < we && m->t[ws + d] >= '0' && m->t[ws + d] <= '9')
        d++;
    if (!d || d > 3 || we - ws != d + 9 || !stance_word_is(m->t, ws + d, we, "-year-old"))
        return STANCE_OK;
    /* the ties up to the_s (sorted by pos) */
    lo = stance_first_end_after(m->ties, m->n_ties, sizeof *m->ties, offsetof(tie, pos), the_s);
    for (size_t k = lo, n = 0; k-- > 0 && n < AGE_TIES_BACK;) {
        const tie *ti = &m->ties[k];
        if (n++, ti->rule != STANCE_MR_AGE)
            continue;
        if (ti->phrase.end - ti->phrase.start == d && memcmp(m->t + ti->phrase.start, m->t + ws, d) == 0)
            return stance_mentions_add(&m->ents->e[ti->ent], the_s, we, STANCE_MK_EPITHET, STANCE_MR_AGE);
    }
    return STANCE_OK;
}

/* May an organisation actor's head be @p n bytes long (find_orgs()'s mask)?
 * A cheap "no" before org_by_head() and org_by_tail() compare heads. */
static inline int org_head_len(const mstate *m, size_t n)
{
    return (int)(m->org_hl >> (n < 63 ? n : 63) & 1);
}

/* "the party", "this party", "that committee": t[ws, we), lowercase, the head
 * of an organisation actor's name (org_by_head(): the one named last before
 * @p det, the determiner's start), a title mention from @p det on. 1: added,
 * 0: none, -1: out of memory. */
static int org_head_at(mstate *m, size_t det, size_t ws, size_t we)
{
    char b[STANCE_LEX_MAXLEN + 1];
    long org;
    if (!org_head_len(m, we - ws) || m->t[ws] < 'a' || !stance_mentions_lower(m->t, ws, we, b, sizeof b) ||
        !(m->n_free || stance_lex_is(b, we - ws, STANCE_LX(ORG_NOUN))) || (org = org_by_head(m, ws, we, det)) < 0)
        return 0;
    return stance_mentions_add(&m->ents->e[org], det, we, STANCE_MK_TITLE, STANCE_MR_ORG_HEAD) ? -1 : 1;
}

/* A mention "the county council" ending at t[ws, we) (org_by_tail()), not
 * before a capitalised word ("the county council Garran"). */
static int org_tail_at(mstate *m, size_t ws, size_t we)
{
    size_t ns, ne, at;
    long org;
    if ((org = org_by_tail(m, ws, we, &at)) < 0 ||
        (stance_word_after(m->t, m->len, we, &ns, &ne) && stance_letter_case(m->t, ns, m->len) > 0))
        return STANCE_OK;
    return stance_mentions_add(&m->ents->e[org], at, we, STANCE_MK_TITLE, STANCE_MR_ORG_HEAD);
}

/* Does a name apposed to the words before @p pos follow, closed by a comma
 * ("The Microsoft chief executive, Satya Nadella, said")? Those words then
 * describe that name, not an actor tied before. */
static int apposed_name_after(const mstate *m, size_t pos)
{
    size_t ws, we;
    unsigned n = 0;
    if (pos >= m->len || m->t[pos] != ',')
        return 0;
    for (pos++; n < 4 && stance_word_after(m->t, m->len, pos, &ws, &we) && stance_letter_case(m->t, ws, m->len) > 0;
         n++)
        pos = we < m->len && m->t[we] == '.' ? we + 1 : we; /* "Jo R. Roe" */
    return n && pos < m->len && m->t[pos] == ',';
}

/* The last "the <role>" resolved: a bare "the <role>" after it means the
 * same holder, unless a tie of that role comes between ("The finance
 * minister ... The minister": the finance minister, not the deputy prime
 * minister tied before). */
typedef struct role_seen {
    const char *role;
    size_t at;
    long ent;
} role_seen;

/* "the <role>" (role word @p rw at t[ws, we), "the" at @p the_s): a
 * title mention of the actor stance_role_tie() finds, unless a name is apposed
 * ("the governor, Jo Roe," describes Jo Roe) or the word opens a title of two
 * ("the attorney" of "the attorney general"); a bare one (no word before the
 * role, not "former") of the holder of @p seen when no tie of the role
 * comes after it. */
static int role_mention(mstate *m, const role_word *rw, size_t the_s, size_t ws, size_t we, role_seen *seen)
{
    const char *t = m->t;
    stance_span none = {0, 0};
    size_t fs;
    const char *cr = stance_role_words(t, rw, ws, the_s, &fs); /* the title's words start at fs */
    role_qual q;
    long best, ent;
    int former;
    if (apposed_name_after(m, we) || stance_role_compound_first(t, ws, we, m->len))
        return STANCE_OK;
    stance_role_qualify(t, the_s, fs, &q);
    former = stance_role_former_before(t, q.from, &none);
    best = stance_role_tie(m, cr, the_s, rw->gender, former, stance_role_place(t, the_s, fs), &q);
    if (best < 0)
        return STANCE_OK;
    ent = (long)m->ties[best].ent;
    if (!former && !q.sub && stance_role_bare(t, the_s, fs) && seen->role == cr && seen->at > m->ties[best].pos &&
        !(rw->gender && m->ents->e[seen->ent].gender && m->ents->e[seen->ent].gender != rw->gender))
        ent = seen->ent; /* "the minister" after "the finance minister" */
    else if (!former && !q.sub)
        *seen = (role_seen){cr, the_s, ent};
    return stance_mentions_add(&m->ents->e[ent], the_s, we, STANCE_MK_TITLE, m->ties[best].rule);
}

/* "the <role>": the actor most recently tied to that role before it; "the
 * <organisation noun>": the organisation actor of that head named last. The
 * same pass over the words collects the third-person pronouns. Not inlined:
 * its loop compiles better on its own than inside stance_mentions_find(). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int scan_words(mstate *m)
{
    const char *t = m->t;
    size_t pos = 0, ws, we, the_s = 0, dem = SIZE_MAX, dprev; /* dem: a "this"/"that" just before */
    int prev = 0, nmod = -1; /* words since "the", -1: no "the" open */
    int wthe = ORG_TAIL_WORDS + 1; /* words since the last "the", counted up to ORG_TAIL_WORDS + 1 */
    int lc; /* the case of the word's first letter, after "the" */
    role_seen seen = {NULL, 0, -1};
    if (find_orgs(m))
        return STANCE_ERR_NOMEM;
    while (pos < m->len) {
        size_t ns, ne;
        const role_word *rw;
        const pron_word *pw;
        if (!stance_word_byte(t, pos, m->len)) {
            prev = prev && (t[pos] == ' ');
            if (!prev)
                nmod = -1;
            pos++;
            continue;
        }
        ws = pos;
        we = pos = stance_word_end(t, pos, m->len, m->len);
        if (we < m->len && t[we] == '-' && we + 1 < m->len && stance_word_byte(t, we + 1, m->len)) {
            pos = we + 1; /* a hyphenated word goes on ("57-year-old") */
            while (pos < m->len && (stance_word_byte(t, pos, m->len) || (t[pos] == '-' && pos + 1 < m->len &&
                                                                   stance_word_byte(t, pos + 1, m->len))))
                pos++;
            we = pos;
        }
        /* he her hers herself him himself his she */
        if (we - ws >= 2 && we - ws <= 7 &&
            (((t[ws] | 0x20) == 'h' && ((t[ws + 1] | 0x20) == 'e' || (t[ws + 1] | 0x20) == 'i')) ||
             (we - ws == 3 && (t[ws] | 0x20) == 's' && (t[ws + 1] | 0x20) == 'h'))) {
            if ((pw = stance_pronoun_of(t, ws, we)) && pw->cls == P_THIRD) {
                if (stance_grow((void **)&m->prons, &m->prons_cap, m->n_prons + 1, sizeof *m->prons))
                    return STANCE_ERR_NOMEM;
                m->prons[m->n_prons++] = (struct pron_at){ws, we, pw};
            }
        } else if (we - ws >= 4 && we - ws <= 10 && (t[ws] | 0x20) == 't' && (t[ws + 1] | 0x20) == 'h' &&
                   (t[ws + 2] | 0x20) == 'e') { /* they them their theirs themselves */
            if ((pw = plural_of(t, ws, we))) {
                if (stance_grow((void **)&m->prons, &m->prons_cap, m->n_prons + 1, sizeof *m->prons))
                    return STANCE_ERR_NOMEM;
                m->prons[m->n_prons++] = (struct pron_at){ws, we, pw};
            }
        }
        if (prev && dem != SIZE_MAX && (pw = demonstrative_person(t, ws, we))) { /* "this man" is "he" */
            if (stance_grow((void **)&m->prons, &m->prons_cap, m->n_prons + 1, sizeof *m->prons))
                return STANCE_ERR_NOMEM;
            m->prons[m->n_prons++] = (struct pron_at){dem, we, pw};
        }
        dprev = prev ? dem : SIZE_MAX; /* a "this"/"that" right before this word */
        dem = we - ws == 4 && (t[ws] | 0x20) == 't' &&
                      (stance_word_is(t, ws, we, "this") || stance_word_is(t, ws, we, "that"))
                  ? ws
                  : SIZE_MAX;
        lc = nmod >= 0 ? stance_letter_case(t, ws, m->len) : 0; /* by Unicode category: "the Čapeks" */
        /* "the governor", "the President", but not "the governor Tom Park" (a
         * name) nor "the Gov."; an organisation's head lowercase only */
        if (nmod >= 0 && (lc < 0 || (lc > 0 && m->n_ties)) &&
            !(stance_word_after(t, m->len, we, &ns, &ne) && stance_letter_case(t, ns, m->len) > 0)) {
            long tb;
            if (m->n_ties && (rw = stance_role_lookup(t, ws, we)) && !rw->abbrev) {
                if (role_mention(m, rw, the_s, ws, we, &seen))
                    return STANCE_ERR_NOMEM;
            } else if (m->heads.n && lc < 0 && (tb = head_tie(m, ws, we, the_s)) >= 0 && !apposed_name_after(m, we)) {
                if (stance_mentions_add(&m->ents->e[m->ties[tb].ent], the_s, we, STANCE_MK_TITLE, m->ties[tb].rule))
                    return STANCE_ERR_NOMEM;
            } else if (org_head_at(m, the_s, ws, we) < 0)
                return STANCE_ERR_NOMEM;
        } else if (dprev != SIZE_MAX && !(stance_word_after(t, m->len, we, &ns, &ne) &&
                                           stance_letter_case(t, ns, m->len) > 0) &&
                   org_head_at(m, dprev, ws, we) < 0) {
            return STANCE_ERR_NOMEM; /* "this party", "that committee" as "the party" */
        } else if (nmod < 0 && wthe >= 1 && wthe <= ORG_TAIL_WORDS && m->n_ties && t[ws] >= 'a' &&
                   (rw = stance_role_lookup(t, ws, we)) && !rw->abbrev) {
            /* "the prime minister", "the new health minister": lowercase words before the role, "the" one to
             * three words back (stance_role_the_before(); wthe first: most words have no "the" so near) */
            size_t ts;
            if (stance_role_the_before(t, ws, &ts) &&
                !(stance_word_after(t, m->len, we, &ns, &ne) && stance_letter_case(t, ns, m->len) > 0) &&
                role_mention(m, rw, ts, ws, we, &seen))
                return STANCE_ERR_NOMEM;
        }
        if (nmod < 0 && wthe >= 1 && wthe <= ORG_TAIL_WORDS && org_head_len(m, we - ws) &&
            t[ws] >= 'a' && org_tail_at(m, ws, we))
            return STANCE_ERR_NOMEM;
        if (nmod == 0 && lc == 0 && we - ws >= 10 && we - ws <= 12 && t[ws] >= '0' && t[ws] <= '9' &&
            age_tie(m, ws, we, the_s))
            return STANCE_ERR_NOMEM;
        if (nmod == 0 && we - ws >= 4 && lc > 0 && t[we - 1] == 's' && m->ents->ix &&
            family_at(m, the_s, ws, we))
            return STANCE_ERR_NOMEM;
        if (stance_word_is(t, ws, we, "the")) {
            the_s = ws, nmod = 0, wthe = 0;
        } else {
            wthe += wthe <= ORG_TAIL_WORDS; /* org_tail_at() needs "the" 1..ORG_TAIL_WORDS words back */
            nmod = nmod >= 0 && nmod < TITLE_MODIFIERS &&
                           (title_modifier(t, ws, we) || stance_role_compound_first(t, ws, we, m->len))
                       ? nmod + 1
                       : -1;
        }
        prev = 1;
    }
    return STANCE_OK;
}

/* An epithet tie's phrase in the text: t[s, s + n), for actor ent from s on. */
typedef struct epi {
    const char *p;
    size_t n, s, ent;
} epi;

static int epi_cmp(const void *a, const void *b)
{
    const epi *x = a, *y = b;
    int c = memcmp(x->p, y->p, x->n < y->n ? x->n : y->n);
    if (c || x->n != y->n)
        return c ? c : x->n < y->n ? -1 : 1;
    if (x->ent != y->ent)
        return x->ent < y->ent ? -1 : 1;
    return x->s < y->s ? -1 : x->s > y->s;
}

/* The epithet ties, one per phrase and actor (its first), sorted by phrase; *kmin: the shortest phrase. */
static int epithets(const mstate *m, epi **out, size_t *n_out, size_t *kmin)
{
    size_t n = 0, k = 0;
    epi *v;
    *out = NULL;
    *n_out = 0;
    for (size_t i = 0; i < m->n_ties; i++)
        n += m->ties[i].rule == STANCE_MR_EPITHET;
    if (!n)
        return STANCE_OK;
    if (!(v = stance_malloc_array(n, sizeof *v)))
        return STANCE_ERR_NOMEM;
    for (size_t i = 0; i < m->n_ties; i++) {
        const tie *ti = &m->ties[i];
        if (ti->rule == STANCE_MR_EPITHET)
            v[k++] = (epi){m->t + ti->phrase.start, ti->phrase.end - ti->phrase.start, ti->phrase.start, ti->ent};
    }
    stance_sort_small(v, n, sizeof *v, epi_cmp);
    *kmin = v[0].n;
    k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k && v[i].n == v[k - 1].n && v[i].ent == v[k - 1].ent && !memcmp(v[i].p, v[k - 1].p, v[i].n))
            continue; /* the same phrase for the same actor: its first tie finds every later one */
        if (v[i].n < *kmin)
            *kmin = v[i].n;
        v[k++] = v[i];
    }
    *out = v;
    *n_out = k;
    return STANCE_OK;
}

/* "the <epithet>" from its apposition on: exact words, "the" in any case. One
 * pass over the text: after each "the" (and spaces), the phrases that start
 * with the next kmin bytes (a binary search), each checked in full. */
static int find_epithet_mentions(mstate *m)
{
    const char *t = m->t;
    size_t n_epi, kmin = 0;
    epi *v;
    int rc = STANCE_OK;
    if (epithets(m, &v, &n_epi, &kmin))
        return STANCE_ERR_NOMEM;
    for (size_t j = 3; n_epi && !rc && (j = stance_after_the(t, j, m->len)) < m->len; j++) {
        size_t s = j, lo = 0, hi = n_epi, ds, de;
        while (s < m->len && t[s] == ' ')
            s++;
        if (s + kmin > m->len || !stance_word_before(t, s, &ds, &de) || !stance_word_is(t, ds, de, "the") ||
            !stance_spaces_only(t, de, s))
            continue;
        while (lo < hi) { /* the first phrase whose kmin bytes are not below t[s, s + kmin) */
            size_t mid = lo + (hi - lo) / 2;
            if (memcmp(v[mid].p, t + s, kmin) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (; lo < n_epi && memcmp(v[lo].p, t + s, kmin) == 0 && !rc; lo++) {
            size_t n = v[lo].n;
            if (s < v[lo].s || s + n > m->len || memcmp(v[lo].p, t + s, n) != 0 ||
                (s + n < m->len && stance_word_byte(t, s + n, m->len)))
                continue;
            rc = stance_mentions_add(&m->ents->e[v[lo].ent], ds, s + n, STANCE_MK_EPITHET, STANCE_MR_EPITHET);
        }
    }
    stance_free(v);
    return rc;
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
    return stance_mentions_name_person(e->name);
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
 * it (votes cast by find_ties) and the pronouns that speak its quotes. */
static void settle_genders(mstate *m)
{
    const char *t = m->t;
    for (size_t i = 0; i < m->ents->n; i++) {
        stance_ent *e = &m->ents->e[i];
        vote(e, stance_names_gender(e->name, 0, strlen(e->name)));
        for (size_t k = 0; k < e->n_mentions; k++)
            vote(e, span_gender(&m->quotes->names, t, e->mentions[k].start, e->mentions[k].end));
    }
    for (size_t qi = 0; qi < m->quotes->n; qi++) {
        const stance_rawquote *q = &m->quotes->q[qi];
        int g = 0;
        if (q->how == STANCE_ATTR_PRONOUN && m->speaker[qi] >= 0 && q->speaker_span.start != STANCE_NO_OFFSET &&
            stance_names_pronoun(t, q->speaker_span.start, q->speaker_span.end, &g) == 1)
            vote(&m->ents->e[m->speaker[qi]], g);
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
    if (stance_mindex_build(ents) || (quotes->n && (!(m.speaker = stance_malloc_array(quotes->n, sizeof *m.speaker)) ||
                                                    !(m.inter = stance_malloc_array(quotes->n, sizeof *m.inter)))))
        goto nomem;
    for (size_t qi = 0; qi < quotes->n; qi++)
        m.speaker[qi] = stance_mentions_speaker(ents, text, &quotes->q[qi]);
    find_interlocutors(&m);
    if (find_ties(&m))
        goto nomem;
    settle_genders(&m);
    if (stance_sort_stable(m.ties, m.n_ties, sizeof *m.ties, offsetof(tie, pos)) || index_heads(&m) || scan_words(&m) ||
        find_epithet_mentions(&m) || stance_mentions_org_kinds(&m))
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
