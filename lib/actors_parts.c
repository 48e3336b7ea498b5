/*
 * actors_parts.c - a discovered person's surname inside a name run that
 * names nobody ("the failed Obama-Clinton foreign policy", "Jews Against
 * Trump", "Clinton State Department records"): discovery (actors_discover.c)
 * gives an entity only the runs of its surname group, while a caller's actor
 * is matched by its surname wherever the text writes it as a word
 * (actors.c). Here the words of the runs no discovered entity holds (split at
 * spaces and hyphens) are looked up among the surnames of the discovered
 * people (an entity whose name opens with a listed first name); a surname
 * two of them share is nobody's. One pass over the runs, a binary search a
 * word.
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "lexicon.h"
#include "mentions.h"
#include "names.h"
#include "sort.h"
#include "tokens.h"

/* Surnames looked up one by one up to this many people; past it, sorted and
 * binary-searched (a text of hundreds of people stays linear). */
#define SUR_LINEAR 16

/* The one person of @p v whose surname is w[0, n), or SIZE_MAX. */
static size_t sur_find(const stance_surname_key *v, size_t nv, const char *w, size_t n)
{
    size_t lo = 0, hi = nv, who = SIZE_MAX;
    if (nv <= SUR_LINEAR) {
        for (size_t k = 0; k < nv; k++)
            if (stance_len_order(v[k].s, v[k].n, w, n) == 0) {
                if (who != SIZE_MAX && who != v[k].who)
                    return SIZE_MAX;
                who = v[k].who;
            }
        return who;
    }
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (stance_len_order(v[mid].s, v[mid].n, w, n) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == nv || stance_len_order(v[lo].s, v[lo].n, w, n) != 0 ||
        (lo + 1 < nv && stance_len_order(v[lo + 1].s, v[lo + 1].n, w, n) == 0))
        return SIZE_MAX;
    return v[lo].who;
}

/* The surnames of the discovered people out->e[base ..] (sorted past SUR_LINEAR). */
static stance_surname_key *person_surnames(const stance_entityset *out, size_t base, size_t *nv)
{
    stance_surname_key *v = stance_malloc_array(out->n - base + 1, sizeof *v);
    *nv = 0;
    for (size_t k = base; v && k < out->n; k++) {
        const char *nm = out->e[k].name, *sp = strchr(nm, ' '), *sur;
        size_t sn = stance_actor_surname(nm, &sur);
        if (sn && stance_names_is_first_name(nm, (size_t)(sp - nm)))
            v[(*nv)++] = (stance_surname_key){sur, sn, k};
    }
    if (v && *nv > SUR_LINEAR)
        stance_sort_small(v, *nv, sizeof *v, stance_surname_key_cmp);
    return v;
}

/* The surnames of the discovered people and a filter on them: their first
 * bytes and lengths (most words of the runs are no surname). */
typedef struct sur_set {
    stance_surname_key *v;
    size_t nv, minl, maxl;
    unsigned char first[256];
} sur_set;

/* The surname mentions the words of run @p nm hold (split at spaces and
 * hyphens), added to their people. */
static int run_parts(const sur_set *ss, const char *text, size_t len, const stance_name *nm, stance_entityset *out)
{
    size_t s = nm->bare, e = nm->last_end;
    int rc = STANCE_OK;
    while (!rc && s < e) {
        size_t w = s, who;
        while (s < e && text[s] != ' ' && text[s] != '-')
            s++;
        if (ss->first[(unsigned char)text[w]] && s - w >= ss->minl && s - w <= ss->maxl &&
            (who = sur_find(ss->v, ss->nv, text + w, s - w)) != SIZE_MAX)
            rc = stance_ent_insert_mention(&out->e[who], (stance_span){w, s}, STANCE_MK_SURNAME,
                                           stance_possessive_at(text, len, s) ? STANCE_MR_POSSESSIVE
                                                                             : STANCE_MR_SURNAME);
        while (s < e && (text[s] == ' ' || text[s] == '-'))
            s++;
    }
    return rc;
}

/* The bitmap of the bytes where a mention of out->e[base ..] starts (one bit a byte of text). */
static unsigned char *held_starts(const stance_entityset *out, size_t base, size_t len)
{
    unsigned char *at = stance_calloc(len / 8 + 1, 1);
    for (size_t k = base; at && k < out->n; k++)
        for (size_t i = 0; i < out->e[k].n_mentions; i++)
            at[out->e[k].mentions[i].start / 8] |= (unsigned char)(1u << (out->e[k].mentions[i].start % 8));
    return at;
}

/* Does a mention start at byte s? */
static int held(const unsigned char *at, size_t s)
{
    return (at[s / 8] >> (s % 8)) & 1;
}

int stance_actors_surname_parts(const stance_namelist *l, const char *text, size_t len, stance_entityset *out,
                                size_t base)
{
    sur_set ss = {NULL, 0, SIZE_MAX, 0, {0}};
    unsigned char *at = NULL;
    int rc;
    ss.v = person_surnames(out, base, &ss.nv);
    rc = ss.v ? STANCE_OK : STANCE_ERR_NOMEM;
    for (size_t i = 0; i < ss.nv; i++) {
        ss.first[(unsigned char)ss.v[i].s[0]] = 1;
        ss.minl = ss.v[i].n < ss.minl ? ss.v[i].n : ss.minl;
        ss.maxl = ss.v[i].n > ss.maxl ? ss.v[i].n : ss.maxl;
    }
    if (!rc && ss.nv && !(at = held_starts(out, base, len)))
        rc = STANCE_ERR_NOMEM;
    for (size_t k = 0; !rc && ss.nv && k < l->n; k++) {
        const stance_name *nm = &l->v[k];
        if (!held(at, nm->bare) && (nm->start == nm->bare || !held(at, nm->start))) /* not a run some entity holds (its mentions start there) */
            rc = run_parts(&ss, text, len, nm, out);
    }
    stance_free(ss.v);
    stance_free(at);
    return rc;
}

/* ---- the names of the discovered entities searched in the whole text ----
 * A caller's actor is matched wherever the text writes its name or surname as
 * a word; a discovered one holds only the runs of its group, and names.c
 * reads no run at some of them ("Judicial Watch" where it speaks, "asked
 * Clinton Friday", "the stopping-Trump train"). Each discovered person's
 * surname and each other entity's name is searched (case as written), a
 * key two entities share is nobody's, and a word some mention covers, or a
 * surname after another listed first name ("Chelsea Clinton"), is left. */

/* The keys of out->e[base ..]: a person's surname, another entity's name
 * when it opens with a capital (not a speaker's description), sorted; a key
 * two entities share is marked who = SIZE_MAX in every copy. */
static stance_surname_key *search_keys(const stance_entityset *out, size_t base, size_t *nv)
{
    stance_surname_key *v = stance_malloc_array(out->n - base + 1, sizeof *v);
    *nv = 0;
    for (size_t k = base; v && k < out->n; k++) {
        const char *nm = out->e[k].name, *sp = strchr(nm, ' '), *sur;
        size_t sn = stance_actor_surname(nm, &sur);
        if (sn && stance_names_is_first_name(nm, (size_t)(sp - nm)))
            v[(*nv)++] = (stance_surname_key){sur, sn, k};
        else if ((nm[0] >= 'A' && nm[0] <= 'Z') && nm[1])
            v[(*nv)++] = (stance_surname_key){nm, strlen(nm), k};
    }
    if (!v || *nv < 2)
        return v;
    stance_sort_small(v, *nv, sizeof *v, stance_surname_key_cmp);
    for (size_t i = 0; i + 1 < *nv; i++)
        if (stance_len_order(v[i].s, v[i].n, v[i + 1].s, v[i + 1].n) == 0)
            v[i].who = v[i + 1].who = SIZE_MAX;
    return v;
}

/* The bitmap of the bytes the mentions of out->e[base ..] cover. */
static unsigned char *covered_bytes(const stance_entityset *out, size_t base, size_t len)
{
    unsigned char *at = stance_calloc(len / 8 + 1, 1);
    for (size_t k = base; at && k < out->n; k++)
        for (size_t i = 0; i < out->e[k].n_mentions; i++)
            for (size_t b = out->e[k].mentions[i].start; b < out->e[k].mentions[i].end; b++)
                at[b / 8] |= (unsigned char)(1u << (b % 8));
    return at;
}

/* Is a byte of [s, e) covered? */
static int any_covered(const unsigned char *at, size_t s, size_t e)
{
    for (; s < e; s++)
        if (held(at, s))
            return 1;
    return 0;
}

/* Is the word right before t[s] (one space between) a capitalised listed first name? */
static int first_name_before(const char *t, size_t s)
{
    size_t w;
    if (s < 3 || t[s - 1] != ' ')
        return 0;
    w = s - 1;
    while (w > 0 && STANCE_WORD_CLASS[(unsigned char)t[w - 1]] == 1)
        w--;
    return t[w] >= 'A' && t[w] <= 'Z' && stance_names_is_first_name(t + w, s - 1 - w);
}

/* Does a name key at t[s, e) go on in a longer name: a capitalised word
 * right after it that is no function word, title, day or month, or a capitalised word but "The", "Our" right before it ("The Ohio
 * Democratic Party", "the Trayvon Martin Foundation")? */
static int in_longer_name(const char *t, size_t len, size_t s, size_t e)
{
    const uint64_t no_name = STANCE_LX(STOP) | STANCE_LX(TITLE) | STANCE_LX(DAY) | STANCE_LX(MONTH);
    size_t w;
    if (e + 1 < len && t[e] == ' ' && t[e + 1] >= 'A' && t[e + 1] <= 'Z') {
        for (w = e + 1; w < len && STANCE_WORD_CLASS[(unsigned char)t[w]] == 1; w++)
            ;
        if (!stance_lex_is(t + e + 1, w - e - 1, no_name))
            return 1; /* not "the only Cyrus I see", "FBI Director James Comey" */
    }
    if (s < 3 || t[s - 1] != ' ')
        return 0;
    w = s - 1;
    while (w > 0 && STANCE_WORD_CLASS[(unsigned char)t[w - 1]] == 1)
        w--;
    return t[w] >= 'A' && t[w] <= 'Z' && !stance_lex_is(t + w, s - 1 - w, STANCE_LX(STOP));
}

/* Every whole-word occurrence of key @p k no mention covers, added to its entity. */
static int key_mentions(const stance_surname_key *k, const char *text, size_t len, unsigned char *at,
                        stance_entityset *out)
{
    const char *p = text, *end = text + len;
    int surname = k->s != out->e[k->who].name;
    while ((p = memmem(p, (size_t)(end - p), k->s, k->n)) != NULL) {
        size_t s = (size_t)(p - text), e = s + k->n;
        p += k->n;
        if ((s > 0 && stance_word_byte(text, s - 1, len)) || (e < len && stance_word_byte(text, e, len)) ||
            any_covered(at, s, e) || (surname ? first_name_before(text, s) : in_longer_name(text, len, s, e)))
            continue;
        if (stance_ent_insert_mention(&out->e[k->who], (stance_span){s, e},
                                      surname ? STANCE_MK_SURNAME : STANCE_MK_NAME,
                                      stance_possessive_at(text, len, e) ? STANCE_MR_POSSESSIVE
                                      : surname                         ? STANCE_MR_SURNAME
                                                                        : STANCE_MR_NAME))
            return STANCE_ERR_NOMEM;
        for (size_t b = s; b < e; b++)
            at[b / 8] |= (unsigned char)(1u << (b % 8));
    }
    return STANCE_OK;
}

int stance_actors_name_search(const char *text, size_t len, stance_entityset *out, size_t base)
{
    size_t nv = 0;
    stance_surname_key *v = search_keys(out, base, &nv);
    unsigned char *at = NULL;
    int rc = v ? STANCE_OK : STANCE_ERR_NOMEM;
    if (!rc && nv && !(at = covered_bytes(out, base, len)))
        rc = STANCE_ERR_NOMEM;
    for (size_t i = 0; !rc && i < nv; i++)
        if (v[i].who != SIZE_MAX)
            rc = key_mentions(&v[i], text, len, at, out);
    stance_free(v);
    stance_free(at);
    return rc;
}
