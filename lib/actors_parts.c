/*
 * actors_parts.c - the names of the discovered entities wherever the text
 * writes them: discovery (actors_discover.c) gives an entity only the runs
 * of its surname group, while a caller's actor is matched by its name and
 * surname wherever the text writes them as words (actors.c), and names.c
 * reads no run at some ("Judicial Watch" where it speaks, "asked Clinton
 * Friday", "the stopping-Trump train", "Jews Against Trump", the
 * "Obama-Clinton" policy). Each discovered person's surname (an entity whose
 * name opens with a listed first name) and each other entity's name is a
 * key; a key two of them share is nobody's; a word some mention covers, a
 * surname after another listed first name ("Chelsea Clinton") and a name
 * inside a longer name ("the Trayvon Martin Foundation") are left. One pass
 * over the capitals of the text, filtered by each key's first two bytes.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "lexicon.h"
#include "mentions.h"
#include "names.h"
#include "sort.h"
#include "tokens.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The keys of out->e[base ..]: a person's surname, another entity's name,
 * each when it opens with a capital A-Z (not a speaker's description),
 * sorted; a key two entities share is marked who = SIZE_MAX in every copy. */
static stance_surname_key *search_keys(const stance_entityset *out, size_t base, size_t *nv)
{
    stance_surname_key *v = stance_malloc_array(out->n - base + 1, sizeof *v);
    *nv = 0;
    for (size_t k = base; v && k < out->n; k++) {
        const char *nm = out->e[k].name, *sp = strchr(nm, ' '), *sur;
        size_t sn = stance_actor_surname(nm, &sur);
        if (sn && stance_names_is_first_name(nm, (size_t)(sp - nm))) {
            if (sur[0] >= 'A' && sur[0] <= 'Z')
                v[(*nv)++] = (stance_surname_key){sur, sn, k};
        } else if (nm[0] >= 'A' && nm[0] <= 'Z' && nm[1])
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

/* A bit a byte of text: set where a mention of out->e[base ..] covers it
 * (most words the scan finds are the runs discovery gave out: one bit tells). */
typedef struct covered {
    unsigned char *bits;
} covered;

/* The bits of byte i of the map that [s, e) holds. */
static unsigned char range_mask(size_t i, size_t s, size_t e)
{
    unsigned lo = i == s / 8 ? (unsigned)(s % 8) : 0, hi = i == (e - 1) / 8 ? (unsigned)((e - 1) % 8) : 7;
    return (unsigned char)((0xFFu >> (7 - hi)) & (0xFFu << lo));
}

static void cover(covered *c, size_t s, size_t e)
{
    size_t a = s / 8, z = (e - 1) / 8;
    if (e <= s)
        return;
    c->bits[a] |= range_mask(a, s, e);
    if (z > a) {
        if (z > a + 1)
            memset(c->bits + a + 1, 0xFF, z - a - 1);
        c->bits[z] |= range_mask(z, s, e);
    }
}

/* Does a mention meet [s, e)? */
static int any_covered(const covered *c, size_t s, size_t e)
{
    for (size_t i = s / 8; i <= (e - 1) / 8; i++)
        if (c->bits[i] & range_mask(i, s, e))
            return 1;
    return 0;
}

/* The start of the capitalised listed first name right before t[s] (one
 * space between), or s when there is none. */
static size_t first_name_before(const char *t, size_t s)
{
    size_t w;
    if (s < 3 || t[s - 1] != ' ')
        return s;
    w = s - 1;
    while (w > 0 && STANCE_WORD_CLASS[(unsigned char)t[w - 1]] == 1)
        w--;
    return t[w] >= 'A' && t[w] <= 'Z' && stance_names_is_first_name(t + w, s - 1 - w) ? w : s;
}

/* Does a name key at t[s, e) go on in a longer name: a capitalised word
 * right after it that is no function word, title, day or month, or a
 * capitalised word but "The", "Our" right before it ("The Ohio Democratic
 * Party", "the Trayvon Martin Foundation")? */
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

/* The keys by their first three bytes (two for a key of two): head[h] the
 * first key of v in slot h of mask + 1 (a power of two, at least twice the
 * keys: the lists stay short in a text of hundreds of people; longest
 * first), next[i] the one after v[i], SIZE_MAX ending a list;
 * two: is there a key of two bytes; second[c - 'A'] the bits of the bytes
 * that follow a capital c in a key (most capitals of a text open no key:
 * "The", "He"). */
typedef struct key_index {
    size_t *head, *next, mask;
    int two;
    uint8_t second[26][32];
} key_index;

/* The slot of a key that opens with bytes a, b, c (c = 0 for a key of two). */
static size_t key_slot(const key_index *ki, unsigned char a, unsigned char b, unsigned char c)
{
    return (((size_t)a << 16 | (size_t)b << 8 | c) * 0x9E3779B1u >> 12) & ki->mask;
}

/* Might a key open at text[s] (a capital A-Z, s + 1 < len)? */
static int key_may_open(const key_index *ki, const char *text, size_t s)
{
    unsigned char b = (unsigned char)text[s + 1];
    return (ki->second[(unsigned char)text[s] - 'A'][b >> 3] >> (b & 7)) & 1;
}

/* A mention of key @p k at text[s, s + k->n) if it is a whole word no mention
 * covers (and, for a name, no part of a longer name), added to its entity. */
static int key_at(const stance_surname_key *k, const char *text, size_t len, size_t s, covered *at,
                  stance_entityset *out)
{
    const char *name = out->e[k->who].name;
    size_t e = s + k->n, f = s;
    int surname = k->s != name, kind = surname ? STANCE_MK_SURNAME : STANCE_MK_NAME;
    if (((at->bits[s / 8] >> (s % 8)) & 1) || (e < len && stance_word_byte(text, e, len)) ||
        (!surname && in_longer_name(text, len, s, e)))
        return STANCE_OK;
    if (surname && (f = first_name_before(text, s)) < s) {
        /* the person's own full name ("Nora Vance Wins"), or another's surname ("Rob Vance") */
        if ((size_t)(k->s - name) != s - f || memcmp(name, text + f, s - f) != 0)
            return STANCE_OK;
        kind = STANCE_MK_NAME;
    }
    if (any_covered(at, f, e))
        return STANCE_OK;
    s = f;
    if (stance_ent_insert_mention(&out->e[k->who], (stance_span){s, e}, kind,
                                  stance_possessive_at(text, len, e) ? STANCE_MR_POSSESSIVE
                                  : kind == STANCE_MK_SURNAME       ? STANCE_MR_SURNAME
                                                                    : STANCE_MR_NAME))
        return STANCE_ERR_NOMEM;
    cover(at, s, e);
    return STANCE_OK;
}

/* The keys that open at text[s] (a capital no word byte goes before). */
static int keys_at(const stance_surname_key *v, const key_index *ki, const char *text, size_t len, size_t s,
                   covered *at, stance_entityset *out)
{
    if (s > 0 && stance_word_byte(text, s - 1, len))
        return STANCE_OK;
    const unsigned char *u = (const unsigned char *)text + s;
    if (len - s >= 3)
        for (size_t i = ki->head[key_slot(ki, u[0], u[1], u[2])]; i != SIZE_MAX; i = ki->next[i])
            if (v[i].n >= 3 && v[i].n <= len - s && stance_same_short(text + s, v[i].s, v[i].n))
                return key_at(&v[i], text, len, s, at, out); /* the longest key that is written there */
    if (ki->two)
        for (size_t i = ki->head[key_slot(ki, u[0], u[1], 0)]; i != SIZE_MAX; i = ki->next[i])
            if (v[i].n == 2 && u[0] == (unsigned char)v[i].s[0] && u[1] == (unsigned char)v[i].s[1])
                return key_at(&v[i], text, len, s, at, out);
    return STANCE_OK;
}

/* One pass over the capitals of the text (A-Z: every key opens with one). */
static int scan_capitals(const stance_surname_key *v, const key_index *ki, const char *text, size_t len,
                         covered *at, stance_entityset *out)
{
    size_t i = 0;
    int rc = STANCE_OK;
#if defined(__SSE2__)
    const __m128i lo = _mm_set1_epi8((char)('A' - 1)), hi = _mm_set1_epi8((char)('Z' + 1));
    for (; !rc && i + 16 <= len; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(text + i));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(x, lo), _mm_cmplt_epi8(x, hi)));
        for (; !rc && m; m &= m - 1) {
            size_t s = i + (size_t)__builtin_ctz(m);
            if (s + 1 < len && key_may_open(ki, text, s)) /* the last byte of the text opens no key */
                rc = keys_at(v, ki, text, len, s, at, out);
        }
    }
#endif
    for (; !rc && i + 1 < len; i++)
        if (text[i] >= 'A' && text[i] <= 'Z' && key_may_open(ki, text, i))
            rc = keys_at(v, ki, text, len, i, at, out);
    return rc;
}

int stance_actors_name_search(const char *text, size_t len, stance_entityset *out, size_t base)
{
    size_t nv = 0;
    stance_surname_key *v = search_keys(out, base, &nv);
    covered at = {NULL};
    key_index ki;
    int rc = v ? STANCE_OK : STANCE_ERR_NOMEM;
    ki.head = ki.next = NULL;
    ki.two = 0;
    for (ki.mask = 63; ki.mask < 2 * nv; ki.mask = ki.mask * 2 + 1)
        ;
    memset(ki.second, 0, sizeof ki.second);
    if (!rc && nv &&
        (!(at.bits = stance_calloc(len / 8 + 1, 1)) || !(ki.next = stance_malloc_array(nv, sizeof *ki.next)) ||
         !(ki.head = stance_malloc_array(ki.mask + 1, sizeof *ki.head))))
        rc = STANCE_ERR_NOMEM;
    for (size_t h = 0; !rc && nv && h <= ki.mask; h++)
        ki.head[h] = SIZE_MAX;
    for (size_t k = base; !rc && nv && k < out->n; k++)
        for (size_t i = 0; i < out->e[k].n_mentions; i++)
            cover(&at, out->e[k].mentions[i].start, out->e[k].mentions[i].end);
    /* v is sorted shortest first (stance_len_order): pushed in that order, each list runs longest first */
    for (size_t i = 0; !rc && i < nv; i++)
        if (v[i].who != SIZE_MAX) {
            const unsigned char *u = (const unsigned char *)v[i].s;
            size_t h = key_slot(&ki, u[0], u[1], v[i].n >= 3 ? u[2] : 0);
            ki.next[i] = ki.head[h];
            ki.head[h] = i;
            ki.two |= v[i].n == 2;
            ki.second[u[0] - 'A'][u[1] >> 3] |= (uint8_t)(1u << (u[1] & 7));
        }
    if (!rc && nv)
        rc = scan_capitals(v, &ki, text, len, &at, out);
    stance_free(v);
    stance_free(ki.next);
    stance_free(ki.head);
    stance_free(at.bits);
    return rc;
}
