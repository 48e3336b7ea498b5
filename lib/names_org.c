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

