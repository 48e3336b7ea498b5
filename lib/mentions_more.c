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
 */
#include "config.h"

#include <string.h>

#include "actors.h"
#include "mentions.h"
#include "quotes.h"

static int letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Is some actor's name mention over [s, e)? */
static int named_there(const stance_entityset *ents, size_t s, size_t e)
{
    for (size_t i = 0; i < ents->n; i++)
        for (size_t k = 0; k < ents->e[i].n_mentions; k++)
            if (ents->e[i].mentions[k].start < e && s < ents->e[i].mentions[k].end)
                return 1;
    return 0;
}

/* Does the adjective t[s, s + n) name its party here (inside the quote [qs, qe))? */
static int adjective_at(const stance_entityset *ents, const char *t, size_t qs, size_t qe, size_t s, size_t n)
{
    size_t p = s;
    if ((s > qs && letter((unsigned char)t[s - 1])) || s + n + 1 >= qe || t[s + n] != ' ' ||
        !(t[s + n + 1] >= 'a' && t[s + n + 1] <= 'z'))
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

int stance_mentions_party_adjectives(const stance_quotelist *quotes, const char *t, stance_entityset *ents)
{
    for (size_t i = 0; i < ents->n; i++) {
        const char *name = ents->e[i].name, *sp = strchr(name, ' ');
        size_t n;
        if (!sp || strcmp(sp, " Party") != 0 || !(name[0] >= 'A' && name[0] <= 'Z') || (n = (size_t)(sp - name)) < 3)
            continue;
        for (size_t qi = 0; qi < quotes->n; qi++) {
            const stance_rawquote *q = &quotes->q[qi];
            if (find_in_quote(ents, i, t, q->span.start, q->span.end, n))
                return STANCE_ERR_NOMEM;
        }
    }
    return STANCE_OK;
}
