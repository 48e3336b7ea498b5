/*
 * mentions_ties.c - pass 1 of stance_mentions_find(): the ties. A role word
 * the article puts next to an actor's name ties that role to the actor from
 * there on: before the name ("Gov. Tom Park", "Mayor Elena Diaz", "Secretary
 * of State Jo Roe", an alias that holds the title, "referee Aidan Crowe"), in
 * an apposition before it ("the mayor, Elena Diaz,", "Kestria's treasurer,
 * Ines Calloway") or after it ("Elena Diaz, the mayor,"); "<Name>, the <2-5
 * words>," ties an epithet and "<Name>, 54," an age. Each tie votes for the
 * actor's gender. mentions_titles.c reads the ties ("the governor", "the
 * Democratic nominee", "the 54-year-old"); the state is mentions_int.h's.
 */
#include "config.h"

#include <string.h>

#include "actors.h"
#include "lexicon.h"
#include "mentions.h"
#include "mentions_int.h"
#include "mindex.h"
#include "tokens.h"

/* Ties @p role (NULL for an epithet, an age or a head noun, whose words are
 * @p phrase) to actor @p ent from @p pos on, by @p rule. */
static int add_tie(mstate *m, const char *role, stance_span phrase, size_t pos, size_t ent, int rule)
{
    if (stance_grow((void **)&m->ties, &m->ties_cap, m->n_ties + 1, sizeof *m->ties))
        return STANCE_ERR_NOMEM;
    m->ties[m->n_ties++] = (tie){role, phrase, pos, ent, rule, 0, {0, 0}, {{{0, 0}, {0, 0}, {0, 0}}, pos, 0, 0}};
    return STANCE_OK;
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
           (!e->nonperson && strchr(e->name, ' ') && stance_ent_name_person(e));
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
        stance_mentions_vote(&m->ents->e[ent], g);
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

/* "Kestria's" before t[ws, we) = "s" ("KESTRIA'S" too: stance_poss_start()):
 * a possessive, a determiner of the description it opens ("Kestria's
 * treasurer, Ines Calloway"), unless the possessor is a person actor's last
 * word ("Carter's press secretary, Peter Cook": a person's staff, whose role
 * is not the title "the secretary"). */
static int possessive_s(const char *t, size_t ws, size_t we, const stance_entityset *ents)
{
    size_t a, ps, pe;
    long ent;
    if (we - ws != 1 || (a = stance_poss_start(t, 0, we, 0)) == we) /* (the possessor's start is not known yet) */
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
int stance_mentions_find_ties(mstate *m)
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
                stance_mentions_vote(e, g);
            }
            if (!stance_possessive_at(t, m->len, end) && apposition_after(m, ei, end))
                return STANCE_ERR_NOMEM;
        }
    }
    return STANCE_OK;
}
