/*
 * names_org.c - organisations' names over the name runs (see names_org.h).
 */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "actors.h"
#include "lexicon.h"
#include "names_org.h"
#include "tokens.h"

size_t stance_org_start(const char *t, const stance_name *nm, int org_last)
{
    size_t i = nm->start, ws, we;
    if (!org_last)
        return nm->bare;
    while (stance_chunk_next(t, &i, nm->bare, nm->bare, &ws, &we))
        if (!(stance_lex_classes(t + ws, we - ws) & STANCE_LX(STOP)))
            return ws;
    return nm->bare;
}

void stance_org_lasts(const stance_namelist *l, const char *text, unsigned char *ol)
{
    for (size_t i = 0, j; i < l->n; i = j) {
        const stance_name *g = &l->v[l->by_last[i]];
        size_t n = g->last_end - g->last;
        unsigned char f = (stance_lex_rules(text + g->last, n) & STANCE_LQ(ORG_LAST)) != 0;
        for (j = i; j < l->n && stance_name_last_is(text, &l->v[l->by_last[j]], text + g->last, n); j++)
            ol[l->by_last[j]] = f;
    }
}

int stance_org_run_speaks(const stance_quotelist *quotes, const char *t, const stance_name *nm, size_t s)
{
    /* "the " or "The " right before s: the speaker span may open there */
    const size_t art = s >= 4 && (t[s - 4] | 0x20) == 't' && memcmp(t + s - 3, "he ", 3) == 0 ? s - 4 : s;
    for (size_t q = 0; q < quotes->n; q++) {
        const stance_span sp = quotes->q[q].speaker_span;
        if (quotes->q[q].speaker && sp.start != STANCE_NO_OFFSET && (sp.start == s || sp.start == art) &&
            sp.end >= nm->last_end && sp.end <= nm->end)
            return 1;
    }
    return 0;
}

/* Is t[ws, we) an ordinal in digits ("3rd", "11th", "1st")? */
static int ordinal(const char *t, size_t ws, size_t we)
{
    size_t d = ws;
    while (d < we && t[d] >= '0' && t[d] <= '9')
        d++;
    return d > ws && d - ws <= 3 && we - d == 2 &&
           (memcmp(t + d, "st", 2) == 0 || memcmp(t + d, "nd", 2) == 0 || memcmp(t + d, "rd", 2) == 0 ||
            memcmp(t + d, "th", 2) == 0);
}

static int is_word(const char *t, size_t ws, size_t we, const char *w, size_t n)
{
    return we - ws == n && memcmp(t + ws, w, n) == 0;
}

size_t stance_org_name_back(const char *t, size_t s)
{
    size_t p = s, start = s, ws, we;
    int of_after = 0, org = 0; /* the word after this one is "of"/"for"; the organisation's word is passed */
    for (int n = 0; n < ORG_BACK_WORDS && p >= 2 && t[p - 1] == ' '; n++, p = ws) {
        int cap, of;
        we = p - 1;
        for (ws = we; ws > 0 && t[ws - 1] != ' ' && t[ws - 1] != '\n';)
            ws--;
        if (ws == we || strchr(",;:\"')!?", t[we - 1]) ||
            (t[we - 1] == '.' && !memchr(t + ws, '.', we - 1 - ws))) /* "U.S." goes on, "court." does not */
            break;
        cap = t[ws] >= 'A' && t[ws] <= 'Z';
        if (org && (!cap || (stance_lex_classes(t + ws, we - ws) & STANCE_LX(STOP))))
            break; /* (not "The" before "Department of ...") */
        of = is_word(t, ws, we, "of", 2) || is_word(t, ws, we, "for", 3);
        if (!cap && !of && !is_word(t, ws, we, "the", 3) && !is_word(t, ws, we, "and", 3) && !ordinal(t, ws, we))
            break;
        if (cap && of_after && (stance_lex_rules(t + ws, we - ws) & STANCE_LQ(ORG_LAST)))
            org = 1;
        if (org)
            start = ws;
        of_after = of;
    }
    return start;
}

/* The speaker name of @p quotes that is the organisation's name mention @p m
 * of @p text ends (stance_org_name_back()) and whose speaker span covers @p m;
 * NULL if none. */
static const char *longer_speaker(const stance_quotelist *quotes, const char *text, stance_span m)
{
    const size_t ns = stance_org_name_back(text, m.start), n = m.end - ns;
    if (ns == m.start)
        return NULL;
    for (size_t q = 0; q < quotes->n; q++) {
        const char *sp = quotes->q[q].speaker;
        const stance_span ss = quotes->q[q].speaker_span;
        if (sp && ss.start != STANCE_NO_OFFSET && ss.start <= m.start && m.end <= ss.end && strlen(sp) == n &&
            memcmp(sp, text + ns, n) == 0)
            return sp;
    }
    return NULL;
}

int stance_org_speaker_names(const stance_quotelist *quotes, const char *text, stance_entityset *out, size_t base)
{
    for (size_t i = base; i < out->n; i++) {
        stance_ent *e = &out->e[i];
        const char *lw = strrchr(e->name, ' '), *full = NULL, *sp;
        size_t k;
        char *name;
        lw = lw ? lw + 1 : e->name;
        if (e->discovered != 1 || !e->n_mentions || !(stance_lex_rules(lw, strlen(lw)) & STANCE_LQ(ORG_LAST)))
            continue;
        for (k = 0; k < e->n_mentions; k++) /* every mention where one longer name speaks */
            if (!(sp = longer_speaker(quotes, text, e->mentions[k])) || (full && strcmp(full, sp) != 0))
                break;
            else
                full = sp;
        if (k < e->n_mentions)
            continue;
        for (k = base; k < out->n && strcmp(out->e[k].name, full) != 0; k++)
            ;
        if (k < out->n)
            continue;
        if (!(name = stance_strdup(full)))
            return STANCE_ERR_NOMEM;
        stance_free(e->name);
        e->name = name;
    }
    return STANCE_OK;
}
