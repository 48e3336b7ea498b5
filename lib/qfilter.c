/*
 * qfilter.c - the verb word set and the pattern prefilters of qfilter.h.
 * The set is an open-addressing hash table (XXH3-64, linear probing, at most
 * one quarter full) over the distinct first words of the lists.
 */
#include "config.h"

#include <string.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "qfilter.h"
#include "tokens.h"

#define WORD_MAX 32

typedef struct wentry {
    char w[WORD_MAX];
    uint8_t n;
    uint8_t lists;
} wentry;

struct stance_wordset {
    wentry *v;       /* the distinct words */
    size_t n;
    uint32_t *slot;  /* index + 1 into v, 0 for an empty slot */
    size_t mask;     /* slots - 1 (a power of two) */
    size_t minlen, maxlen;
    int caps;        /* some word opens with a capital ("Tweeted") */
};

static size_t slot_of(const stance_wordset *s, const char *w, size_t n)
{
    size_t h = (size_t)XXH3_64bits(w, n) & s->mask;
    while (s->slot[h]) {
        const wentry *x = &s->v[s->slot[h] - 1];
        if (x->n == n && memcmp(x->w, w, n) == 0)
            break;
        h = (h + 1) & s->mask;
    }
    return h;
}

unsigned stance_wordset_lists(const stance_wordset *s, const char *w, size_t n)
{
    size_t h;
    if (n < s->minlen || n > s->maxlen)
        return 0;
    h = slot_of(s, w, n);
    return s->slot[h] ? s->v[s->slot[h] - 1].lists : 0u;
}

/* Add the first word of every entry of @p list with bit @p bit. */
static int add_list(stance_wordset *s, const char *list, unsigned bit, size_t cap)
{
    for (const char *q = list; *q;) {
        size_t l = strcspn(q, "|"), n = strcspn(q, " |"), h;
        if (n > 0) {
            if (n > WORD_MAX)
                return STANCE_ERR_INVALID;
            for (size_t i = 0; i < n; i++)
                if ((q[i] < 'a' || q[i] > 'z') && !(i == 0 && n > 1 && q[i] >= 'A' && q[i] <= 'Z'))
                    return STANCE_ERR_INVALID;
            s->caps |= q[0] >= 'A' && q[0] <= 'Z';
            h = slot_of(s, q, n);
            if (!s->slot[h]) {
                if (s->n == cap)
                    return STANCE_ERR_INTERNAL; /* (cap counts every entry) */
                memcpy(s->v[s->n].w, q, n);
                s->v[s->n].n = (uint8_t)n;
                s->v[s->n].lists = 0;
                s->slot[h] = (uint32_t)++s->n;
                if (n < s->minlen)
                    s->minlen = n;
                if (n > s->maxlen)
                    s->maxlen = n;
            }
            s->v[s->slot[h] - 1].lists |= (uint8_t)bit;
        }
        q += l + (q[l] == '|');
    }
    return STANCE_OK;
}

int stance_wordset_new(const char *const *lists, int n, stance_wordset **out, stance_error *err)
{
    stance_wordset *s = NULL;
    size_t entries = 0, slots = 16;
    int rc;
    *out = NULL;
    if (n < 0 || n > 8)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "word set: 0 to 8 lists");
    for (int i = 0; i < n; i++)
        for (const char *q = lists[i]; *q; q++)
            entries += *q == '|';
    entries += (size_t)n;
    while (slots < 4 * entries)
        slots *= 2;
    if (!(s = stance_calloc(1, sizeof *s)) || !(s->v = stance_malloc_array(entries, sizeof *s->v)) ||
        !(s->slot = stance_calloc(slots, sizeof *s->slot))) {
        rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
        goto fail;
    }
    s->mask = slots - 1;
    s->minlen = WORD_MAX + 1;
    for (int i = 0; i < n; i++)
        if ((rc = add_list(s, lists[i], 1u << i, entries)) != STANCE_OK) {
            rc = stance_error_set(err, rc, STANCE_NO_OFFSET, "word set: a list word is not ASCII letters, lowercase but the first");
            goto fail;
        }
    *out = s;
    return STANCE_OK;
fail:
    stance_wordset_free(s);
    return rc;
}

void stance_wordset_free(stance_wordset *s)
{
    if (!s)
        return;
    stance_free(s->v);
    stance_free(s->slot);
    stance_free(s);
}

static inline int az(unsigned char b)
{
    return b >= 'a' && b <= 'z';
}

/* Is the run [i, j) of [a-z], or the capitalised word that it ends (a capital
 * at i - 1, after @p s), a word of the lists in @p mask? */
static inline int run_in(const stance_wordset *ws, const char *t, size_t s, size_t i, size_t j, unsigned mask)
{
    if (stance_wordset_lists(ws, t + i, j - i) & mask)
        return 1;
    return ws->caps && i > s && t[i - 1] >= 'A' && t[i - 1] <= 'Z' &&
           (stance_wordset_lists(ws, t + i - 1, j - i + 1) & mask);
}

int stance_qf_verb_ahead(const stance_wordset *ws, const char *t, size_t s, size_t e, unsigned mask, unsigned stops)
{
    const unsigned char *u = (const unsigned char *)t;
    for (size_t i = s; i < e;) {
        unsigned char b = u[i];
        if (az(b)) {
            size_t j = i + 1;
            while (j < e && az(u[j]))
                j++;
            if (run_in(ws, t, s, i, j, mask))
                return 1;
            i = j;
            continue;
        }
        if (i > s && (b == '\n' || b == '!' || b == '?' ||
                      ((stops & STANCE_QF_STOP_NPCH) &&
                       (b == ';' || (b == 0xE2 && i + 2 < e && u[i + 1] == 0x80 && u[i + 2] == 0x9E)))))
            return 0;
        i++;
    }
    return 0;
}

int stance_qf_verb_behind(const stance_wordset *ws, const char *t, size_t s, size_t e, unsigned mask)
{
    const unsigned char *u = (const unsigned char *)t;
    for (size_t i = e; i > s;) {
        unsigned char b = u[i - 1];
        if (az(b)) {
            size_t j = i - 1;
            while (j > s && az(u[j - 1]))
                j--;
            if (run_in(ws, t, s, j, i, mask))
                return 1;
            i = j;
            continue;
        }
        if (b == '\n' || b == '"' || ((b == 0x9C || b == 0x9D) && i - 1 >= s + 2 && u[i - 2] == 0x80 && u[i - 3] == 0xE2))
            return 0;
        i--;
    }
    return 0;
}

size_t stance_qf_first_comma(const char *t, size_t s, size_t e)
{
    const unsigned char *u = (const unsigned char *)t;
    for (size_t i = s; i < e; i++) {
        unsigned char b = u[i];
        if (b == ',')
            return i;
        if (b == '\n' || b == '"' || b == '!' || b == '?' ||
            (b == 0xE2 && i + 2 < e && u[i + 1] == 0x80 && (u[i + 2] == 0x9C || u[i + 2] == 0x9D)))
            return e;
    }
    return e;
}

int stance_qf_ends_comma_colon(const char *t, size_t s, size_t e)
{
    const unsigned char *u = (const unsigned char *)t;
    while (e > s) {
        if (u[e - 1] == ' ')
            e--;
        else if (stance_nbsp_ends(t, s, e))
            e -= 2;
        else
            break;
    }
    return e > s && (u[e - 1] == ',' || u[e - 1] == ':');
}

int stance_qf_dash_next(const char *t, size_t s, size_t e)
{
    const unsigned char *u = (const unsigned char *)t;
    size_t k = s;
    if (k < e && (u[k] == ',' || u[k] == '.'))
        k++;
    for (;;) {
        if (k < e && u[k] == ' ')
            k++;
        else if (k < e && stance_nbsp_at(t, k, e))
            k += 2;
        else
            break;
    }
    if (k < e && stance_dash_at(t, k, e))
        return 1; /* U+2013, U+2014, U+2015 */
    if (k + 2 <= e && u[k] == '-' && u[k + 1] == '-')
        return 1;
    return k + 9 <= e && (u[k] == 'A' || u[k] == 'a') && memcmp(t + k + 1, "ccording", 8) == 0;
}
