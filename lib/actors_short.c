/*
 * actors_short.c - the short forms of an article's actors: a first name
 * alone ("Bernie" of "Bernie Sanders"), an organisation's leading words
 * ("Brightline" of "Brightline Foods"), added to their entities as alias
 * mentions. One path for the actors discovery finds (actors_discover.c:
 * stance_actors_discover() folds a first name alone into the one it leads)
 * and for the caller's actors (stance_actors_short_forms(), from classify.c); the
 * additions of this file and of the acronyms (actors_handles.c) go into the
 * entities through one merge, stance_ents_merge_adds(). Split out of
 * actors_discover.c (tidy4, 2026-12-06), whose surname index and word tests
 * it reads (actors.h).
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "lexicon.h"
#include "mentions.h"
#include "sort.h"
#include "tokens.h"

/* ---- short forms: a first name alone, an organisation's leading words ---------------------------
 * One path for discovered and passed actors. A leading word or words of an
 * entity's name of two or more words ("Bernie" of "Bernie Sanders",
 * "Brightline" of "Brightline Foods") written alone as a name run:
 * - a listed first name is an alias of the one entity whose name opens with
 *   it (rule "first-name"); with actors passed, also of no other person the
 *   article names in full with it ("Tyler Grant", "Tyler Moss"), and only
 *   once the article writes that actor's name;
 * - with actors passed, any other leading words are the short form of the one
 *   actor whose name opens with them (rule "short-form"), once the article
 *   writes that name, when the run is no surname of a person the article
 *   names (a first name or a title before it: "Clinton" of "Clinton
 *   Foundation" beside "Bill Clinton") and none of its words is one the
 *   lexicon knows ("Bank" of "Bank of America", "New York") or the article
 *   writes in lowercase; a run that is another actor's mention is none. */

/* A leading form: the first n bytes of an entity's name (ent), or of a
 * person's run with a listed first name (ent SIZE_MAX); sur: its last word. */
typedef struct lead_form {
    const char *s, *sur;
    size_t n, sn, ent;
} lead_form;

static int lead_order(const lead_form *x, const char *w, size_t n)
{
    return stance_len_order(x->s, x->n, w, n);
}

static int lead_cmp(const void *a, const void *b)
{
    const lead_form *x = a, *y = b;
    int c = lead_order(x, y->s, y->n);
    if (c || x->ent != y->ent)
        return c ? c : (x->ent < y->ent ? -1 : 1);
    if (x->sn != y->sn)
        return x->sn < y->sn ? -1 : 1;
    return memcmp(x->sur, y->sur, x->sn);
}

/* Does entity @p e have a mention of its whole name (kind name)? */
static int written_in_full(const stance_ent *e)
{
    for (size_t k = 0; k < e->n_mentions; k++)
        if (!e->kinds || e->kinds[k] == STANCE_MK_NAME)
            return 1;
    return 0;
}

/* The leading forms of entities out->e[base ..] (every proper word prefix
 * when @p passed, else the first word) and, when @p passed, of the text's
 * people (first words of the runs that open with a listed first name), sorted. */
static lead_form *lead_forms(const stance_namelist *l, const char *t, const stance_entityset *out, size_t base,
                             int passed, size_t *nf)
{
    size_t cap = l->n + 1;
    lead_form *v;
    for (size_t k = base; k < out->n; k++)
        cap += strlen(out->e[k].name);
    if (!(v = stance_malloc_array(cap, sizeof *v)))
        return NULL;
    *nf = 0;
    for (size_t k = base; k < out->n; k++) {
        const char *nm = out->e[k].name, *sp;
        size_t sn;
        const char *sur = stance_last_word(nm, strlen(nm), &sn);
        for (sp = strchr(nm, ' '); sp && sp[1]; sp = passed ? strchr(sp + 1, ' ') : NULL)
            v[(*nf)++] = (lead_form){nm, sur, (size_t)(sp - nm), sn, k};
    }
    for (size_t k = 0; passed && k < l->n; k++) {
        const stance_name *nm = &l->v[k];
        size_t fl = stance_actors_first_name_len(t, nm);
        if (fl)
            v[(*nf)++] = (lead_form){t + nm->bare, t + nm->last, fl, nm->last_end - nm->last, SIZE_MAX};
    }
    if (*nf > 1) {
        size_t u = 1;
        stance_sort_small(v, *nf, sizeof *v, lead_cmp);
        for (size_t i = 1; i < *nf; i++) /* each person of the text once ("Donald Trump" named 40 times) */
            if (lead_cmp(&v[i], &v[u - 1]) != 0)
                v[u++] = v[i];
        *nf = u;
    }
    return v;
}

/* The one entity w[0, n) leads in @p v (*people: a person of the text it
 * leads whose surname is not that entity's; *form: the place of w in v), or
 * SIZE_MAX (none, or two). */
static size_t lead_entity(const lead_form *v, size_t nf, const char *w, size_t n, int *people, size_t *form)
{
    size_t lo = 0, hi = nf, who = SIZE_MAX, k;
    *people = 0;
    *form = 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (lead_order(&v[mid], w, n) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (k = lo; k < nf && lead_order(&v[k], w, n) == 0 && v[k].ent != SIZE_MAX; k++) {
        if (who != SIZE_MAX && who != v[k].ent)
            return SIZE_MAX;
        who = v[k].ent;
    }
    *form = lo;
    for (; who != SIZE_MAX && k < nf && lead_order(&v[k], w, n) == 0; k++) /* the text's people, after (SIZE_MAX) */
        *people |= !(v[k].sn == v[lo].sn && memcmp(v[k].sur, v[lo].sur, v[k].sn) == 0);
    return who;
}

/* Is the one-word-or-more run t[s, e) made of words neither the lexicon knows
 * (as written or in lowercase) nor the article writes in lowercase? */
static int uncommon_words(const char *t, size_t len, size_t s, size_t e)
{
    char low[STANCE_LEX_MAXLEN];
    size_t lo, hi;
    stance_near(len, s, e, &lo, &hi);
    while (s < e) {
        size_t w = s, n;
        while (s < e && t[s] != ' ')
            s++;
        n = s - w;
        if (n > STANCE_LEX_MAXLEN || stance_lex_known(t + w, n))
            return 0;
        for (size_t k = 0; k < n; k++)
            low[k] = (char)((unsigned char)(t[w + k] - 'A') < 26u ? t[w + k] | 0x20 : t[w + k]);
        if (stance_actors_ordinary_word(t + lo, hi - lo, low, n))
            return 0;
        while (s < e && t[s] == ' ')
            s++;
    }
    return 1;
}

/* person[i] for by_last position i: does the surname group there hold a run
 * of a person (a listed first name, or a title that tells a gender)? */
static void person_lasts(const stance_namelist *l, const char *t, unsigned char *person)
{
    for (size_t i = 0, j; i < l->n; i = j) {
        const stance_name *g = &l->v[l->by_last[i]];
        unsigned char f = 0;
        for (j = i; j < l->n && stance_name_last_is(t, &l->v[l->by_last[j]], t + g->last, g->last_end - g->last); j++) {
            const stance_name *nm = &l->v[l->by_last[j]];
            f |= stance_actors_first_name_len(t, nm) || nm->gender != STANCE_G_UNKNOWN;
        }
        for (size_t k = i; k < j; k++)
            person[k] = f;
    }
}

/* The additions are grouped by entity, each group in text order, by a
 * counting sort (by[]); the short forms and the acronyms (actors_handles.c)
 * are added through it. */
int stance_ents_merge_adds(stance_entityset *out, const stance_ent_add *ad, size_t na)
{
    size_t *at = stance_calloc(out->n + 1, sizeof *at), *by = stance_malloc_array(na + 1, sizeof *by);
    int rc = at && by ? STANCE_OK : STANCE_ERR_NOMEM;
    for (size_t i = 0; !rc && i < na; i++)
        at[ad[i].ent + 1]++;
    for (size_t k = 1; !rc && k <= out->n; k++)
        at[k] += at[k - 1];
    for (size_t i = 0; !rc && i < na; i++)
        by[at[ad[i].ent]++] = i;
    for (size_t i = 0, j; !rc && i < na; i = j) {
        stance_ent *e = &out->e[ad[by[i]].ent];
        size_t n = e->n_mentions, a = 0;
        stance_span *m;
        unsigned char *ki, *ru;
        for (j = i; j < na && ad[by[j]].ent == ad[by[i]].ent; j++)
            ;
        m = stance_malloc_array(n + j - i, sizeof *m);
        ki = stance_malloc_array(n + j - i, 1);
        ru = stance_malloc_array(n + j - i, 1);
        if (!m || !ki || !ru) {
            stance_free(m);
            stance_free(ki);
            stance_free(ru);
            rc = STANCE_ERR_NOMEM;
            break;
        }
        for (size_t k = 0; k < n + j - i; k++) {
            const stance_ent_add *d = i + (k - a) < j ? &ad[by[i + (k - a)]] : NULL;
            if (d && (a == n || d->sp.start < e->mentions[a].start))
                m[k] = d->sp, ki[k] = STANCE_MK_ALIAS, ru[k] = (unsigned char)d->rule;
            else
                m[k] = e->mentions[a], ki[k] = e->kinds ? e->kinds[a] : STANCE_MK_NAME,
                ru[k] = e->rules ? e->rules[a] : STANCE_MR_NAME, a++;
        }
        stance_free(e->mentions);
        stance_free(e->kinds);
        stance_free(e->rules);
        e->mentions = m, e->kinds = ki, e->rules = ru;
        e->n_mentions = e->cap = e->kcap = e->rcap = n + j - i;
    }
    stance_free(at);
    stance_free(by);
    return rc;
}

/* Is run @p nm, the leading words of @p name (its first n bytes), followed
 * by the name's next word in lowercase ("Chicago police" for "Chicago Police
 * Department"; "Cleveland police", "Leave campaign's" as passed)? The name is
 * then a description, and the short form names its owner (a city, a side). */
static int described_at(const char *t, size_t len, const stance_name *nm, const char *name, size_t n)
{
    size_t wl = strcspn(name + n + 1, " "), e = nm->last_end + 1 + wl;
    if (name[n] != ' ' || e > len || t[nm->last_end] != ' ')
        return 0;
    for (size_t k = 0; k < wl; k++) {
        char c = name[n + 1 + k];
        if (t[nm->last_end + 1 + k] != ((unsigned char)(c - 'A') < 26u ? (char)(c | 0x20) : c))
            return 0;
    }
    return e == len || !stance_is_word_byte((unsigned char)t[e]) || stance_possessive_at(t, len, e);
}

/* The rule of run @p nm as a short form of entity @p who (see above), or -1. */
static int short_rule(const stance_namelist *l, const char *t, size_t len, const stance_name *nm,
                      const stance_entityset *out, size_t who, int people, int passed, const unsigned char *person,
                      const unsigned char *desc, unsigned char *uncommon)
{
    size_t n = nm->last_end - nm->bare, k;
    if (nm->ntok == 1 && stance_names_is_first_name(t + nm->bare, n))
        return passed && (people || !written_in_full(&out->e[who])) ? -1 : STANCE_MR_FIRST_NAME;
    if (!passed || people || desc[who] || !written_in_full(&out->e[who]))
        return -1;
    k = stance_actors_by_last_find(l, t, t + nm->last, nm->last_end - nm->last);
    if (k < l->n && person[k])
        return -1;
    if (!*uncommon) /* once a short form, near its first run: a search of the text */
        *uncommon = (unsigned char)(1 + uncommon_words(t, len, nm->bare, nm->last_end));
    return *uncommon == 2 ? STANCE_MR_SHORT_FORM : -1;
}

/* The short forms of out->e[base ..] (above); without @p passed, an entity
 * of a first name alone is folded into the one it leads. */
int stance_actors_short_add(const stance_namelist *l, const char *text, size_t len, stance_entityset *out, size_t base,
                            int passed)
{
    size_t nf = 0, na = 0, nt = 0, ti = 0;
    lead_form *v = lead_forms(l, text, out, base, passed, &nf);
    stance_ent_add *ad = stance_malloc_array(l->n + 1, sizeof *ad);
    unsigned char *person = stance_malloc_array(l->n + 1, 1), *desc = stance_calloc(out->n + 1, 1),
                  *uncommon = stance_calloc(nf + 1, 1);
    stance_span *taken = NULL;
    int rc = v && ad && person && desc && uncommon ? STANCE_OK : STANCE_ERR_NOMEM;
    for (size_t k = base; passed && k < out->n; k++)
        nt += out->e[k].n_mentions;
    if (!rc && passed && !(taken = stance_malloc_array(nt + 1, sizeof *taken)))
        rc = STANCE_ERR_NOMEM;
    if (!rc && passed) {
        nt = 0;
        for (size_t k = base; k < out->n; k++)
            for (size_t i = 0; i < out->e[k].n_mentions; i++)
                taken[nt++] = out->e[k].mentions[i];
        rc = stance_sort_stable(taken, nt, sizeof *taken, offsetof(stance_span, start));
        person_lasts(l, text, person);
        for (size_t k = 0; nf && k < l->n; k++) { /* the names the article writes as descriptions */
            const stance_name *nm = &l->v[k];
            int people;
            size_t f, who = lead_entity(v, nf, text + nm->bare, nm->last_end - nm->bare, &people, &f);
            if (who != SIZE_MAX && described_at(text, len, nm, out->e[who].name, nm->last_end - nm->bare))
                desc[who] = 1;
        }
    }
    for (size_t k = 0; !rc && nf && k < l->n; k++) {
        const stance_name *nm = &l->v[k];
        int people, rule;
        size_t f, who = lead_entity(v, nf, text + nm->bare, nm->last_end - nm->bare, &people, &f);
        while (ti < nt && taken[ti].end <= nm->bare) /* the runs are in text order */
            ti++;
        if (who == SIZE_MAX || (!passed && nm->ntok != 1) || (ti < nt && taken[ti].start < nm->last_end) ||
            (rule = short_rule(l, text, len, nm, out, who, people, passed, person, desc, &uncommon[f])) < 0)
            continue;
        ad[na++] = (stance_ent_add){who, {nm->bare, nm->last_end},
                               stance_possessive_at(text, len, nm->last_end) ? STANCE_MR_POSSESSIVE : rule};
    }
    if (!rc)
        rc = stance_ents_merge_adds(out, ad, na);
    for (size_t k = base; !rc && !passed && k < out->n;) {
        const char *nm = out->e[k].name;
        size_t n = strlen(nm);
        int people;
        size_t f;
        if (!strchr(nm, ' ') && stance_names_is_first_name(nm, n) && lead_entity(v, nf, nm, n, &people, &f) != SIZE_MAX) {
            stance_ent_release(&out->e[k]);
            memmove(out->e + k, out->e + k + 1, (out->n - k - 1) * sizeof *out->e);
            out->n--;
        } else
            k++;
    }
    stance_free(v);
    stance_free(ad);
    stance_free(person);
    stance_free(desc);
    stance_free(uncommon);
    stance_free(taken);
    return rc;
}

int stance_actors_short_forms(const stance_quotelist *quotes, const char *text, size_t len, stance_entityset *out,
                              size_t base)
{
    return stance_actors_short_add(&quotes->names, text, len, out, base, 1) ? STANCE_ERR_NOMEM
                                                                 : stance_actors_acronym_mentions(text, len, out, base);
}
