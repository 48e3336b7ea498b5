/*
 * actors_handles.c - Twitter handles as mentions of discovered actors; the
 * acronyms an article defines in brackets as mentions of the actor they
 * abbreviate (both modes; stance_actors_acronym_mentions()).
 *
 * In discovery (no actors passed), a handle ("@HillaryClinton",
 * "@realDonaldTrump", "@mike_pence", "@SenSanders") is an alias mention of the
 * one discovered person whose full name its letters hold, or whose surname it
 * ends in after a title, as a caller's alias would be. The names' keys are
 * sorted once per text, and each handle costs a few binary searches.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "actors.h"
#include "lexicon.h"
#include "sort.h"
#include "tokens.h"

static int handle_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* A Twitter handle ("@HillaryClinton", "@realDonaldTrump", "@mike_pence",
 * "@SenSanders") names the discovered person whose full name, its letters
 * lowercased, the handle holds ("hillaryclinton"), or whose surname it ends
 * in after a title ("Sen" + "sanders"): an alias mention of that person, as a
 * caller's alias would be. HANDLE_MAX: Twitter's limit. */
#define HANDLE_MAX 15

/* The letters and digits of s[0, n) lowercased into out (HANDLE_MAX + 1
 * bytes), or 0 when they do not fit or s holds a byte outside ASCII. */
static size_t handle_key(const char *s, size_t n, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || k == HANDLE_MAX)
            return 0;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out[k++] = (char)c;
        else if (c >= 'A' && c <= 'Z')
            out[k++] = (char)(c - 'A' + 'a');
    }
    return k;
}

/* The keys a handle may hold: each discovered person's (two or more words)
 * full name (kind 0, 6 letters or more) and surname (kind 1, 3 or more),
 * sorted, so that a handle costs a few binary searches however many entities
 * the text has. */
typedef struct hkey {
    char k[HANDLE_MAX + 1];
    unsigned char n, kind;
    size_t ent;
} hkey;

static int hkey_order(const hkey *x, unsigned char kind, unsigned char n, const char *k)
{
    if (x->kind != kind)
        return x->kind < kind ? -1 : 1;
    return stance_len_order(x->k, x->n, k, n);
}

static int hkey_cmp(const void *a, const void *b)
{
    const hkey *x = a, *y = b;
    int c = hkey_order(x, y->kind, y->n, y->k);
    return c ? c : (x->ent < y->ent ? -1 : x->ent > y->ent);
}

static hkey *hkeys_build(const stance_entityset *out, size_t base, size_t *nk)
{
    hkey *v = stance_malloc_array(2 * (out->n - base) + 1, sizeof *v);
    *nk = 0;
    for (size_t k = base; v && k < out->n; k++) {
        const char *nm = out->e[k].name, *sp = strrchr(nm, ' ');
        hkey *x = &v[*nk];
        if (!sp)
            continue;
        if ((x->n = (unsigned char)handle_key(nm, strlen(nm), x->k)) >= 6)
            x->kind = 0, x->ent = k, x = &v[++*nk];
        if ((x->n = (unsigned char)handle_key(sp + 1, strlen(sp + 1), x->k)) >= 3)
            x->kind = 1, x->ent = k, ++*nk;
    }
    if (v && *nk > 1)
        stance_sort_small(v, *nk, sizeof *v, hkey_cmp);
    return v;
}

/* Fold the entity of key k[0, n) of @p kind into *who: -1 none yet; returns
 * 0 when two entities are named (the handle is ambiguous). */
static int hkey_find(const hkey *v, size_t nv, unsigned char kind, const char *k, size_t n, long *who)
{
    size_t lo = 0, hi = nv;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (hkey_order(&v[mid], kind, (unsigned char)n, k) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < nv && hkey_order(&v[lo], kind, (unsigned char)n, k) == 0; lo++) {
        if (*who >= 0 && *who != (long)v[lo].ent)
            return 0;
        *who = (long)v[lo].ent;
    }
    return 1;
}

/* The one entity handle h[0, hn) (the text's bytes, without "@") names, or -1
 * (none, or two). */
static long handle_entity(const hkey *v, size_t nv, const char *h, size_t hn)
{
    char hk[HANDLE_MAX + 1];
    size_t hl = handle_key(h, hn, hk);
    long who = -1;
    for (size_t n = 6; n <= hl; n++) /* the full name anywhere in it */
        for (size_t at = 0; at + n <= hl; at++)
            if (!hkey_find(v, nv, 0, hk + at, n, &who))
                return -1;
    for (size_t n = 3; n < hl; n++) /* a title, then the surname */
        if (n + 5 >= hl && (stance_lex_classes(h, hl - n) & STANCE_LX(TITLE)) &&
            !hkey_find(v, nv, 1, hk + hl - n, n, &who))
            return -1;
    return who;
}

int stance_actors_handle_mentions(const char *text, size_t len, stance_entityset *out, size_t base)
{
    hkey *keys = NULL;
    size_t nk = 0;
    for (const char *at = memchr(text, '@', len); at; at = memchr(at + 1, '@', len - (size_t)(at + 1 - text))) {
        size_t s = (size_t)(at - text), e = s + 1;
        long who;
        if (s > 0 && (handle_byte(text[s - 1]) || text[s - 1] == '.'))
            continue; /* an e-mail address */
        while (e < len && handle_byte(text[e]))
            e++;
        if (e - s - 1 < 3 || e - s - 1 > HANDLE_MAX)
            continue;
        if (!keys && !(keys = hkeys_build(out, base, &nk)))
            return STANCE_ERR_NOMEM;
        if ((who = handle_entity(keys, nk, text + s + 1, e - s - 1)) >= 0 &&
            stance_ent_insert_mention(&out->e[who], (stance_span){s, e}, STANCE_MK_ALIAS, STANCE_MR_ALIAS)) {
            stance_free(keys);
            return STANCE_ERR_NOMEM;
        }
    }
    stance_free(keys);
    return STANCE_OK;
}


/* ---- acronyms the article defines: "Northern Isles Ferry Company (NIFC)" ----
 * A name mention of an entity followed by " (" and two to STANCE_ACRO_MAX capitals
 * and ")", the capitals the initials of the name's capitalised words ("NIFC")
 * or of all its words ("OFA" of "Organizing for Action"): every later or
 * earlier "NIFC" written as a word is an alias mention of that entity, in
 * both modes; so are, undefined, the initials of three or more capitalised
 * words of an entity the article names ("ICR" of "Institute for Coastal
 * Resilience"), unless two entities share them; a discovered entity named so is that entity (its mentions are
 * then the defining one's: it is removed). One pass over the text finds
 * every defined acronym (a hash set of their keys). */

/* Are the STANCE_ACRO_MAX-or-fewer capitals a[0, n) the initials of @p name's
 * capitalised words, or of all its words? */
static int initials_of(const char *name, const char *a, size_t n)
{
    for (int all = 0; all < 2; all++) {
        size_t k = 0;
        int ok = 1;
        for (const char *p = name; *p && ok; p++)
            if ((p == name || p[-1] == ' ') && (all || (*p >= 'A' && *p <= 'Z'))) {
                ok = k < n && (*p | 0x20) == (a[k] | 0x20);
                k++;
            }
        if (ok && k == n)
            return 1;
    }
    return 0;
}

/* The acronym defined in brackets right after one of e's name mentions: its
 * start in @p text, *n its length; 0 when there is none. */
static size_t defined_acronym(const char *text, size_t len, const stance_ent *e, size_t *n)
{
    for (size_t k = 0; k < e->n_mentions; k++) {
        size_t p = e->mentions[k].end, a = p + 2, q = a;
        if (e->kinds[k] != STANCE_MK_NAME || a >= len || text[p] != ' ' || text[p + 1] != '(')
            continue;
        while (q < len && q - a <= STANCE_ACRO_MAX && text[q] >= 'A' && text[q] <= 'Z')
            q++;
        if (q < len && text[q] == ')' && q - a >= 2 && q - a <= STANCE_ACRO_MAX && initials_of(e->name, text + a, q - a)) {
            *n = q - a;
            return a;
        }
    }
    return 0;
}

uint32_t stance_acro_key(const char *a, size_t n)
{
    uint32_t k = 0;
    for (size_t i = 0; i < n; i++)
        k = k << 5 | (uint32_t)(a[i] - 'A' + 1);
    return k;
}

size_t stance_acronym_len(const char *name, size_t min)
{
    size_t n = 0;
    while (n <= STANCE_ACRO_MAX && name[n] >= 'A' && name[n] <= 'Z')
        n++;
    return name[n] == '\0' && n >= min && n <= STANCE_ACRO_MAX ? n : 0;
}

int stance_initials_add(const char *s, size_t n, char *out, size_t *k)
{
    for (size_t i = 0; i < n; i++)
        if ((i == 0 || s[i - 1] == ' ') && s[i] >= 'A' && s[i] <= 'Z') {
            if (*k == STANCE_ACRO_MAX)
                return 0;
            out[(*k)++] = s[i];
        }
    return 1;
}

/* Keep of the spans v[0, nv) of one owner @p e (text order) those that lie in
 * none of its mentions: their count, moved to the front. */
static size_t outside_mentions(const stance_ent *e, stance_ent_add *v, size_t nv)
{
    size_t k = 0, kept = 0;
    for (size_t i = 0; i < nv; i++) {
        stance_span s = v[i].sp;
        while (k < e->n_mentions && e->mentions[k].end <= s.start)
            k++;
        if (k < e->n_mentions && e->mentions[k].start < s.end)
            continue; /* inside a mention it has */
        v[kept++] = v[i];
    }
    return kept;
}

/* One pass over the text: every word of two to STANCE_ACRO_MAX capitals that some
 * entity defines (set @p t, owners @p owner) is an alias of that entity. */
static int acronym_mentions(const char *text, size_t len, stance_entityset *out, const stance_u32set *t,
                            const size_t *owner)
{
    stance_ent_add *v = NULL;
    size_t nv = 0, cap = 0, kept = 0;
    int rc = STANCE_OK;
    for (size_t i = 0; i < len && !rc;) {
        size_t s;
        long at;
        /* past the bytes of ASCII with no capital: most of a text */
        if ((i = stance_next_upper_or_high(text, i, len)) >= len)
            break;
        s = i;
        if ((unsigned)((unsigned char)text[i] - 'A') > 25u || (i > 0 && handle_byte(text[i - 1]))) {
            i++; /* no capital, or one inside a word */
            continue;
        }
        while (i < len && (unsigned)((unsigned char)text[i] - 'A') <= 25u)
            i++;
        if (i < len && handle_byte(text[i]))
            continue; /* the word goes on ("Trump") */
        if (i - s < 2 || i - s > STANCE_ACRO_MAX || (at = stance_u32set_find(t, stance_acro_key(text + s, i - s))) < 0 ||
            owner[at] == SIZE_MAX) /* initials two entities share */
            continue;
        if (stance_grow((void **)&v, &cap, nv + 1, sizeof *v))
            rc = STANCE_ERR_NOMEM;
        else
            v[nv++] = (stance_ent_add){owner[at], {s, i}, STANCE_MR_ALIAS};
    }
    if (!rc && nv && stance_sort_stable(v, nv, sizeof *v, offsetof(stance_ent_add, ent)))
        rc = STANCE_ERR_NOMEM;
    for (size_t i = 0, j; !rc && i < nv; i = j) {
        size_t k;
        for (j = i; j < nv && v[j].ent == v[i].ent;)
            j++;
        k = outside_mentions(&out->e[v[i].ent], v + i, j - i);
        memmove(v + kept, v + i, k * sizeof *v);
        kept += k;
    }
    if (!rc && kept)
        rc = stance_ents_merge_adds(out, v, kept);
    stance_free(v);
    return rc;
}

/* Remove the discovered entities named by an acronym another entity defines. */
static void drop_defined(stance_entityset *out, size_t base, const stance_u32set *t, const size_t *owner)
{
    size_t k = base;
    for (size_t j = base; j < out->n; j++) {
        stance_ent *e = &out->e[j];
        size_t n = stance_acronym_len(e->name, 2);
        long at = -1;
        if (e->discovered && n && (at = stance_u32set_find(t, stance_acro_key(e->name, n))) >= 0 &&
            owner[at] != j && owner[at] != SIZE_MAX) {
            stance_ent_release(e);
            continue;
        }
        if (k != j)
            out->e[k] = *e;
        k++;
    }
    out->n = k;
}

/* The acronym of entity @p i: the one defined in brackets (@p pass 0), or
 * (pass 1) the initials of its capitalised words when three or more and the
 * article names it ("ICR" of "Institute for Coastal Resilience"); its key in
 * *key, 0 when none. */
static int entity_acronym(const char *text, size_t len, const stance_ent *e, int pass, uint32_t *key)
{
    char b[STANCE_ACRO_MAX];
    size_t n = 0, a;
    if (!pass) {
        if (!(a = defined_acronym(text, len, e, &n)))
            return 0;
        *key = stance_acro_key(text + a, n);
        return 1;
    }
    if (!e->n_mentions || !stance_initials_add(e->name, strlen(e->name), b, &n) || n < 3)
        return 0;
    *key = stance_acro_key(b, n);
    return 1;
}

int stance_actors_acronym_mentions(const char *text, size_t len, stance_entityset *out, size_t base)
{
    stance_u32set t = {0};
    size_t *owner = NULL, nd = 0, strong = 0, cap = 2 * (out->n - base);
    int rc = STANCE_OK;
    if (out->n == base)
        return STANCE_OK;
    if (stance_u32set_reset(&t, cap) || !(owner = stance_malloc_array(cap, sizeof *owner)))
        rc = STANCE_ERR_NOMEM;
    for (int pass = 0; pass < 2 && !rc; pass++, strong = nd)
        for (size_t i = base; i < out->n; i++) {
            uint32_t key, place;
            if (!entity_acronym(text, len, &out->e[i], pass, &key))
                continue;
            if ((place = stance_u32set_add(&t, key)) == nd)
                owner[nd++] = i; /* the first entity to claim it */
            else if (place >= strong && owner[place] != i)
                owner[place] = SIZE_MAX; /* initials two entities share: neither's */
        }
    if (!rc && nd && !(rc = acronym_mentions(text, len, out, &t, owner)))
        drop_defined(out, base, &t, owner);
    stance_u32set_free(&t);
    stance_free(owner);
    return rc;
}
