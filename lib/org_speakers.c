/*
 * org_speakers.c - an organisation speaker written by its short form or
 * acronym (issue #19, org3): "Pellmark said" for "Pellmark Foods", "the CCA
 * said" for a caller's "Commerce and Competition Authority|CCA", reported by
 * the full name as a person's surname is ("Diaz said": "Elena Diaz"). What
 * the text wrote stays the quote's speaker span.
 *
 * The full name is, in this order: the actor (the caller's or discovered)
 * with an alias or short-form mention right where the speaker is written
 * (after a leading "the"), an organisation by its name (stance_org_name_kind()
 * or a name that is no person's); else, for a speaker of one capitalised
 * word, the one name run of the article before the quote that opens with
 * that word and whose name gives an organisation's kind ("Pellmark Foods"
 * ... "Pellmark said"), or, for an acronym, the one run of an organisation
 * whose capitalised words it spells ("the Commerce and Competition
 * Authority" ... "the CCA said"); none when two such runs differ.
 */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "actors.h"
#include "mentions.h"
#include "mentions_int.h"
#include "mentions_kind.h"
#include "quotes.h"
#include "stance_internal.h"

/* Is the actor an organisation by its name? */
static int org_named(const stance_ent *e)
{
    size_t n = strlen(e->name);
    return stance_org_name_kind(e->name, n) != 0 || (memchr(e->name, ' ', n) && !stance_mentions_name_person(e->name));
}

/* The organisation actor with an alias or short-form mention over t[s, e). */
static const stance_ent *alias_at(const stance_entityset *ents, size_t s, size_t e)
{
    for (size_t i = 0; i < ents->n; i++) {
        const stance_ent *x = &ents->e[i];
        size_t lo = stance_first_at_or_after(x->mentions, x->n_mentions, sizeof *x->mentions,
                                             offsetof(stance_span, start), s);
        if (lo < x->n_mentions && x->mentions[lo].start == s && x->mentions[lo].end == e &&
            (x->rules[lo] == STANCE_MR_ALIAS || x->rules[lo] == STANCE_MR_SHORT_FORM) && org_named(x))
            return x;
    }
    return NULL;
}

/* The one organisation name run before @p before that opens with the word
 * t[s, e) and has more words ("Pellmark Foods" for "Pellmark"), or NULL;
 * its span in *rs, *re. */
static int run_opening(const stance_namelist *nl, const char *t, size_t s, size_t e, size_t before, size_t *rs,
                       size_t *re)
{
    size_t n = e - s;
    int found = 0;
    for (size_t i = 0; i < nl->n && nl->v[i].bare < before; i++) {
        const stance_name *r = &nl->v[i];
        unsigned k;
        if (r->last_end <= r->bare + n + 1 || memcmp(t + r->bare, t + s, n) != 0 || t[r->bare + n] != ' ' ||
            !((k = stance_org_name_kind(t + r->bare, r->last_end - r->bare)) &
              ~(STANCE_OK_NEWSPAPER | STANCE_OK_NETWORK | STANCE_OK_PLACE)))
            continue; /* (not "Washington" of "Washington Post": a paper's first word is its place) */
        if (found && (r->last_end - r->bare != *re - *rs || memcmp(t + r->bare, t + *rs, *re - *rs) != 0))
            return 0; /* two organisations open so */
        *rs = r->bare, *re = r->last_end, found = 1;
    }
    return found;
}

/* Does the text from @p a spell the acronym @p ac[0, n) by the first letters
 * of its capitalised words, "and"/"of"/"for"/"on"/"the" between them
 * ("Commerce and Competition Authority" for "CCA")? 1 with *end after the
 * last of them. */
static int spells(const char *t, size_t len, size_t a, const char *ac, size_t n, size_t *end)
{
    size_t ws, we = a, k = 0;
    while (k < n && stance_word_after(t, len, we, &ws, &we)) {
        if (t[ws] >= 'A' && t[ws] <= 'Z') {
            if (t[ws] != ac[k++])
                return 0;
            *end = we;
        } else if (!(stance_word_is(t, ws, we, "and") || stance_word_is(t, ws, we, "of") ||
                     stance_word_is(t, ws, we, "for") || stance_word_is(t, ws, we, "on") ||
                     stance_word_is(t, ws, we, "the")) || !k)
            return 0;
        a = we;
        if (a < len && t[a] != ' ')
            break;
    }
    return k == n;
}

/* Is t[a, b) a person's name by its words (mentions.c's test over a copy)? */
static int person_name_at(const char *t, size_t a, size_t b)
{
    char buf[256];
    if (b - a >= sizeof buf)
        return 1;
    memcpy(buf, t + a, b - a);
    buf[b - a] = '\0';
    return stance_mentions_name_person(buf) && !stance_org_name_kind(buf, b - a);
}

/* The one name run before @p before that opens the words whose initials are
 * the acronym t[s, e) (2 to 6 capitals) and that are an organisation's name;
 * their span in *rs, *re. */
static int run_initials(const stance_namelist *nl, const char *t, size_t len, size_t s, size_t e, size_t before,
                        size_t *rs, size_t *re)
{
    int found = 0;
    if (e - s < 2 || e - s > 6)
        return 0;
    for (size_t i = s; i < e; i++)
        if (t[i] < 'A' || t[i] > 'Z')
            return 0;
    for (size_t i = 0; i < nl->n && nl->v[i].bare < before; i++) {
        size_t b = nl->v[i].bare, end = b;
        if (b + 4 <= nl->v[i].last_end && (memcmp(t + b, "The ", 4) == 0 || memcmp(t + b, "the ", 4) == 0))
            b += 4;
        if (t[b] != t[s] || !spells(t, len, b, t + s, e - s, &end) || end > before || person_name_at(t, b, end))
            continue;
        if (found && (end - b != *re - *rs || memcmp(t + b, t + *rs, *re - *rs) != 0))
            return 0;
        *rs = b, *re = end, found = 1;
    }
    return found;
}

char *stance_org_speaker_full(const stance_quotelist *quotes, const stance_entityset *ents, const char *t, size_t len,
                              const stance_rawquote *q)
{
    size_t s = q->speaker_span.start, e = q->speaker_span.end, rs = 0, re = 0;
    const stance_ent *x;
    if (s == STANCE_NO_OFFSET || e <= s || !q->speaker || strlen(q->speaker) != e - s ||
        memcmp(q->speaker, t + s, e - s) != 0)
        return NULL; /* only a speaker named as written ("Diaz" became "Elena Diaz" already) */
    if (e - s > 4 && (memcmp(t + s, "the ", 4) == 0 || memcmp(t + s, "The ", 4) == 0))
        s += 4;
    if (memchr(t + s, ' ', e - s))
        return NULL; /* one word: "Pellmark", "CCA" */
    if ((x = alias_at(ents, s, e)) != NULL)
        return strcmp(x->name, q->speaker) ? stance_strdup(x->name) : NULL;
    if (t[s] < 'A' || t[s] > 'Z' ||
        !((q->how == STANCE_ATTR_NAME &&
           run_opening(&quotes->names, t, s, e, q->span.start < s ? q->span.start : s, &rs, &re)) ||
          run_initials(&quotes->names, t, len, s, e, q->span.start < s ? q->span.start : s, &rs, &re)))
        return NULL;
    return stance_strndup(t + rs, re - rs);
}
