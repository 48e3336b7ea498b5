/*
 * actors.c - actor mentions.
 *
 * Given actors: one PCRE2 pattern per call holds every name, alias and
 * surname (the last word of a multi-word name, unless two actors share it),
 * longest first, each branch tagged with (*MARK) so a single left-to-right
 * scan finds every mention and its actor. Word boundaries are Unicode-aware
 * ("Trumpet" is not "Trump"); possessives ("Trump's", "Trump’s") match
 * because the apostrophe ends the word; spaces inside a name match any run of
 * spaces. Case-sensitive unless STANCE_OPT_ACTORS_CASELESS.
 *
 * Without actors: actors_discover.c. Both share the entity helpers below.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "lexicon.h"
#include "mentions.h"
#include "mentions_int.h"
#include "mentions_kind.h"
#include "sort.h"
#include "tokens.h"

void stance_ent_release(stance_ent *e)
{
    stance_free(e->name);
    stance_free(e->mentions);
    stance_free(e->kinds);
    stance_free(e->rules);
    stance_free(e->more);
    memset(e, 0, sizeof *e);
}

void stance_entityset_clear(stance_entityset *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        stance_ent_release(&s->e[i]);
    stance_free(s->e);
    stance_mindex_free(s->ix);
    memset(s, 0, sizeof *s);
}

/* Is the word right before @p pos a definite determiner or a possessive
 * ("the campaign", "our campaign", "Clinton's campaign")? An organisation's
 * lowercase common noun means that organisation only so: "a campaign in all
 * 50 states", "any campaign", "a coordinated campaign", "campaign
 * contributors" are campaigns in general. */
int stance_actor_definite_before(const char *t, size_t pos)
{
    static const char *const det[] = {"her", "his", "its", "my", "our", "that", "the", "their", "this", "your"};
    size_t ws, we;
    if (!stance_word_before(t, pos, &ws, &we) || we != pos - 1)
        return 0;
    if (we == ws + 1 && t[ws] == 's' &&
        ((ws >= 1 && t[ws - 1] == '\'') || (ws >= 3 && memcmp(t + ws - 3, "\xe2\x80\x99", 3) == 0)))
        return 1; /* "Clinton's campaign" (another owner was dropped above) */
    for (size_t i = 0; i < sizeof det / sizeof *det; i++)
        if (stance_word_is(t, ws, we, det[i]))
            return 1;
    return 0;
}

static int same_word(const char *a, const char *b, size_t n, unsigned caseless)
{
    return caseless ? stance_ascii_caseeq(a, b, n) : memcmp(a, b, n) == 0;
}

/* Is t[s, e) one of the words of @p name (in any ASCII case when @p caseless)? */
static int word_of(const char *name, const char *t, size_t s, size_t e, unsigned caseless)
{
    size_t n = e - s;
    for (const char *p = name; *p;) {
        const char *q = strchr(p, ' ');
        size_t m = q ? (size_t)(q - p) : strlen(p);
        if (m == n && same_word(p, t + s, n, caseless))
            return 1;
        if (!q)
            break;
        p = q + 1;
    }
    return 0;
}

/* Does another name own the common noun at t[start] of actor @p name: a
 * capitalised word that is no function word, or a possessive, right before
 * it and not a word of that name ("the Trump campaign", "Sanders' campaign"
 * are no mention of "Clinton campaign"; "Clinton's campaign" is, and
 * "CLINTON'S campaign" too with @p caseless, the set's case flag)? */
static int owned_by_other(const char *name, const char *t, size_t start, unsigned caseless)
{
    size_t e = start, s, p;
    if (e < 2 || t[e - 1] != ' ')
        return 0;
    s = --e;
    while (s > 0 && t[s - 1] != ' ' && t[s - 1] != '\n')
        s--;
    if (s == e)
        return 0;
    if (t[e - 1] == '\'')
        e--;                                                        /* "Sanders'" */
    else if (e - s >= 3 && memcmp(t + e - 3, "\xe2\x80\x99", 3) == 0)
        e -= 3;                                                     /* "Sanders’" */
    else if ((p = stance_poss_start(t, s, e, 0)) < e)
        e = p;                                                      /* "Trump's", "Trump’s" */
    else if (stance_letter_case(t, s, e) <= 0 || stance_lex_is(t + s, e - s, STANCE_LX(STOP)))
        return 0; /* no possessive, and no capitalised word but "The", "Our" */
    return e > s && !word_of(name, t, s, e, caseless);
}

int stance_ent_add_mention(stance_ent *e, size_t start, size_t end, int kind, int rule)
{
    if (e->n_mentions && e->mentions[e->n_mentions - 1].end > start)
        return STANCE_OK; /* overlaps the previous one */
    if (stance_grow((void **)&e->mentions, &e->cap, e->n_mentions + 1, sizeof *e->mentions) ||
        stance_grow((void **)&e->kinds, &e->kcap, e->n_mentions + 1, 1) ||
        stance_grow((void **)&e->rules, &e->rcap, e->n_mentions + 1, 1))
        return STANCE_ERR_NOMEM;
    e->kinds[e->n_mentions] = (unsigned char)kind;
    e->rules[e->n_mentions] = (unsigned char)rule;
    e->mentions[e->n_mentions++] = (stance_span){start, end};
    return STANCE_OK;
}

int stance_ent_new(stance_entityset *out, const char *name, size_t nlen, int discovered, int index)
{
    stance_ent *e;
    if (stance_grow((void **)&out->e, &out->cap, out->n + 1, sizeof *out->e))
        return STANCE_ERR_NOMEM;
    e = &out->e[out->n];
    memset(e, 0, sizeof *e);
    if (!(e->name = stance_strndup(name, nlen)))
        return STANCE_ERR_NOMEM;
    if (discovered) { /* a name the text writes with a no-break space is named with a space ("Donald Trump") */
        char *w = e->name;
        const size_t n = strlen(e->name);
        for (size_t i = 0; i < n; i++)
            if (stance_nbsp_at(e->name, i, n))
                *w++ = ' ', i++;
            else
                *w++ = e->name[i];
        *w = 0;
    }
    e->discovered = discovered;
    e->input_index = index;
    out->n++;
    return STANCE_OK;
}

/* ---- given actors ------------------------------------------------------- */

typedef struct alt {
    const char *s;
    size_t n;
    size_t actor;
    int kind; /* STANCE_MK_NAME, _ALIAS, _SURNAME, or SHARED (then actor is a surname group) */
} alt;

/* A surname two or more actors share: one branch, resolved per mention to the
 * actor of the group whose full name or alias ending in it came last. */
#define SHARED 3

static int alt_cmp(const void *a, const void *b)
{
    const alt *x = a, *y = b;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    if (x->actor != y->actor)
        return x->actor < y->actor ? -1 : 1;
    return 0;
}

/* Byte buffer for building the pattern. */
typedef struct buf {
    char *p;
    size_t n, cap;
} buf;

static int put(buf *b, const char *s, size_t n)
{
    if (stance_grow((void **)&b->p, &b->cap, b->n + n + 1, 1))
        return STANCE_ERR_NOMEM;
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
    return STANCE_OK;
}

/* A literal name: ASCII punctuation escaped, spaces as any run of spaces. */
static int put_literal(buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int rc;
        if (c == ' ') {
            while (i + 1 < n && s[i + 1] == ' ')
                i++;
            rc = put(b, "\\s+", 3);
        } else if (c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
            char e[2] = {'\\', (char)c};
            if (c < 0x20)
                continue;
            rc = put(b, e, 2);
        } else
            rc = put(b, (const char *)&s[i], 1);
        if (rc)
            return rc;
    }
    return STANCE_OK;
}

/* The last space-separated word of s[0, n), trailing spaces skipped; its length in *wl. */
const char *stance_last_word(const char *s, size_t n, size_t *wl)
{
    size_t e = n, b;
    while (e > 0 && s[e - 1] == ' ')
        e--;
    b = e;
    while (b > 0 && s[b - 1] != ' ')
        b--;
    *wl = e - b;
    return s + b;
}

size_t stance_actor_surname(const char *name, const char **out)
{
    const char *sp = strrchr(name, ' ');
    size_t n;
    if (!sp || !sp[1])
        return 0;
    n = strlen(sp + 1);
    /* "Jr." and "III" are not surnames */
    if (strcmp(sp + 1, "Jr.") == 0 || strcmp(sp + 1, "Sr.") == 0 || strcmp(sp + 1, "II") == 0 ||
        strcmp(sp + 1, "III") == 0 || n < 2)
        return 0;
    *out = sp + 1;
    return n;
}

/* One raw hit of a branch, before overlaps between branches are settled. */
typedef struct hit {
    size_t start, end, actor;
    int kind;
} hit;

static int hit_cmp(const void *a, const void *b)
{
    const hit *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1; /* longest first */
    return x->actor < y->actor ? -1 : x->actor > y->actor;
}

int stance_surname_key_cmp(const void *a, const void *b)
{
    const stance_surname_key *x = a, *y = b;
    int c = stance_len_order(x->s, x->n, y->s, y->n);
    return c ? c : (x->who < y->who ? -1 : x->who > y->who);
}

/* Names per compiled pattern: PCRE2 caps a pattern's compiled size, and thousands
 * of actors would exceed it; each chunk is one left-to-right scan. */
#define ALTS_PER_PATTERN 256

/* A compiled actor list: canonical names and one JIT-compiled pattern per
 * chunk of names. Immutable once built; matching uses per-call match data. */
struct stance_actorset {
    size_t n_actors;
    char **names;                 /* copies of the canonical names */
    stance_name_facts *facts;     /* per name: stance_name_facts_of() (stance_ent.facts) */
    unsigned flags;               /* STANCE_OPT_ACTORS_CASELESS or 0 */
    size_t n_codes;
    pcre2_code **codes;
    pcre2_general_context *gctx;
    size_t n_groups;              /* shared surnames: group g's actors are grp_act[grp_off[g] .. grp_off[g + 1]) */
    size_t *grp_off, *grp_act;
    stance_mindex_pre pre;        /* the names sorted for the mention index (stance_mindex_presort()) */
};

/* Compile one pattern over alts[0..na): every name, tagged with its actor. */
static int compile_chunk(const alt *alts, size_t na, unsigned flags, pcre2_compile_context *cctx, pcre2_code **out,
                         stance_error *err)
{
    buf b = {0};
    pcre2_code *code = NULL;
    int rc = STANCE_OK, ec;
    PCRE2_SIZE eo;
    uint32_t opt = PCRE2_UTF | PCRE2_UCP | ((flags & STANCE_OPT_ACTORS_CASELESS) ? PCRE2_CASELESS : 0);
    *out = NULL;
    if (put(&b, "(?<![\\p{L}\\p{N}\\p{M}_])(?:", strlen("(?<![\\p{L}\\p{N}\\p{M}_])(?:")))
        goto nomem;
    for (size_t i = 0; i < na; i++) {
        char mark[32];
        /* the mark carries the actor and the kind of name: actor * 4 + kind */
        int ml = snprintf(mark, sizeof mark, "(*MARK:%zu)", alts[i].actor * 4 + (size_t)alts[i].kind);
        if ((i && put(&b, "|", 1)) || put_literal(&b, alts[i].s, alts[i].n) || put(&b, mark, (size_t)ml))
            goto nomem;
    }
    if (put(&b, ")(?![\\p{L}\\p{N}\\p{M}_])", strlen(")(?![\\p{L}\\p{N}\\p{M}_])")))
        goto nomem;
    code = pcre2_compile((PCRE2_SPTR)b.p, b.n, opt, &ec, &eo, cctx);
    if (!code) {
        if (ec == PCRE2_ERROR_PATTERN_TOO_LARGE) /* PCRE2's message names no limit the caller can act on */
            rc = stance_error_set(err, STANCE_ERR_LIMIT, STANCE_NO_OFFSET,
                                  "actor names: too long to match (a name or alias of tens of kilobytes; %zu bytes "
                                  "in one pattern)", b.n);
        else
            rc = stance_pcre2_error(err, ec, STANCE_NO_OFFSET, "actor names");
        goto out;
    }
    /* JIT is optional (not on every platform), but running out of memory is reported */
    if (pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == PCRE2_ERROR_NOMEMORY)
        goto nomem;
    *out = code;
    code = NULL;
    goto out;
nomem:
    rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
out:
    pcre2_code_free(code);
    stance_free(b.p);
    return rc;
}

/* Scan @p text with one compiled pattern, appending every hit. */
static int scan_code(const pcre2_code *code, pcre2_match_data *md, const char *text, size_t len, hit **hits,
                     size_t *nh, size_t *hcap, stance_error *err)
{
    for (size_t pos = 0; pos < len;) {
        int m = pcre2_match(code, (PCRE2_SPTR)text, len, pos, PCRE2_NO_UTF_CHECK, md, NULL);
        PCRE2_SIZE *ov;
        const char *mk;
        if (m == PCRE2_ERROR_NOMATCH)
            break;
        if (m < 0)
            return stance_pcre2_error(err, m, pos, "actor matching");
        ov = pcre2_get_ovector_pointer(md);
        mk = (const char *)pcre2_get_mark(md);
        if (mk) {
            if (stance_grow((void **)hits, hcap, *nh + 1, sizeof **hits))
                return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
            size_t v = (size_t)strtoul(mk, NULL, 10);
            (*hits)[(*nh)++] = (hit){ov[0], ov[1], v / 4, (int)(v % 4)};
        }
        pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
    }
    return STANCE_OK;
}

void stance_actorset_destroy(stance_actorset *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->n_codes; i++)
        pcre2_code_free(set->codes[i]);
    for (size_t i = 0; set->names && i < set->n_actors; i++)
        stance_free(set->names[i]);
    stance_free(set->codes);
    stance_free(set->names);
    stance_free(set->facts);
    stance_mindex_pre_free(&set->pre);
    pcre2_general_context_free(set->gctx);
    stance_free(set->grp_off);
    stance_free(set->grp_act);
    stance_free(set);
}

void stance_name_facts_of(const char *name, size_t n, stance_name_facts *f)
{
    f->person = (signed char)(stance_mentions_name_person(name) ? 1 : -1);
    f->kind = stance_org_name_kind(name, n);
    f->head = stance_mentions_head_facts(name, &f->hl, &f->head_org);
}

const char *stance_trimmed(const char *s, size_t *n)
{
    size_t e;
    s += strspn(s, " \t\n\v\f\r");
    e = strlen(s);
    while (e && strchr(" \t\n\v\f\r", s[e - 1]))
        e--;
    *n = e;
    return s;
}

/* The names to match, longest first: every name and alias, each surname no
 * two actors share, and one SHARED branch per surname several actors share
 * (its group recorded in @p set: which of them it means is settled per mention). */
static int collect_alts(const stance_actor *actors, size_t n_actors, stance_actorset *set, alt **out, size_t *nout)
{
    alt *alts = NULL;
    stance_surname_key *sn = NULL;
    size_t na = 0, cap = 0, nsn = 0;
    if (n_actors && !(sn = stance_malloc_array(n_actors, sizeof *sn)))
        goto nomem;
    for (size_t a = 0; a < n_actors; a++) {
        const char *sur = NULL;
        size_t n;
        if ((n = stance_actor_surname(set->names[a], &sur)))
            sn[nsn++] = (stance_surname_key){sur, n, a};
    }
    /* Sorting finds the shared surnames in O(n log n), so thousands of actors stay cheap. */
    if (nsn > 1)
        stance_sort_small(sn, nsn, sizeof *sn, stance_surname_key_cmp);
    if (nsn && (!(set->grp_off = stance_malloc_array(nsn + 1, sizeof *set->grp_off)) ||
                !(set->grp_act = stance_malloc_array(nsn, sizeof *set->grp_act))))
        goto nomem;
    for (size_t a = 0; a < n_actors; a++) {
        if (stance_grow((void **)&alts, &cap, na + actors[a].n_aliases + 2, sizeof *alts))
            goto nomem;
        alts[na++] = (alt){set->names[a], strlen(set->names[a]), a, STANCE_MK_NAME};
        for (size_t k = 0; k < actors[a].n_aliases; k++) {
            size_t n;
            const char *al = stance_trimmed(actors[a].aliases[k], &n);
            if (n)
                alts[na++] = (alt){al, n, a, STANCE_MK_ALIAS};
        }
    }
    for (size_t i = 0; i < nsn;) {
        size_t j = i + 1;
        while (j < nsn && stance_len_order(sn[j].s, sn[j].n, sn[i].s, sn[i].n) == 0)
            j++;
        if (stance_grow((void **)&alts, &cap, na + 1, sizeof *alts))
            goto nomem;
        if (j == i + 1)
            alts[na++] = (alt){sn[i].s, sn[i].n, sn[i].who, STANCE_MK_SURNAME};
        else {
            size_t g = set->n_groups++, at = g ? set->grp_off[g] : 0;
            set->grp_off[g] = at;
            for (size_t k = i; k < j; k++)
                set->grp_act[at++] = sn[k].who;
            set->grp_off[g + 1] = at;
            alts[na++] = (alt){sn[i].s, sn[i].n, g, SHARED};
        }
        i = j;
    }
    if (na > 1)
        stance_sort_small(alts, na, sizeof *alts, alt_cmp);
    stance_free(sn);
    *out = alts;
    *nout = na;
    return STANCE_OK;
nomem:
    stance_free(sn);
    stance_free(alts);
    return STANCE_ERR_NOMEM;
}

int stance_actorset_build(const stance_actor *actors, size_t n_actors, unsigned flags, stance_actorset **out,
                          stance_error *err)
{
    stance_actorset *set;
    alt *alts = NULL;
    size_t na = 0;
    pcre2_compile_context *cctx = NULL;
    int rc = STANCE_OK;

    *out = NULL;
    if (!(set = stance_calloc(1, sizeof *set)))
        goto nomem;
    set->flags = flags & STANCE_OPT_ACTORS_CASELESS;
    if (n_actors && (!(set->names = stance_calloc(n_actors, sizeof *set->names)) ||
                     !(set->facts = stance_malloc_array(n_actors, sizeof *set->facts))))
        goto nomem;
    set->n_actors = n_actors;
    for (size_t a = 0; a < n_actors; a++) {
        size_t n;
        const char *nm = stance_trimmed(actors[a].name, &n);
        if (!(set->names[a] = stance_strndup(nm, n)))
            goto nomem;
        stance_name_facts_of(set->names[a], n, &set->facts[a]);
    }
    if (stance_mindex_presort(&set->pre, (const char *const *)set->names, n_actors))
        goto nomem;
    if (collect_alts(actors, n_actors, set, &alts, &na))
        goto nomem;
    if (!(set->gctx = stance_pcre2_context()))
        goto nomem;
    if (na) {
        size_t nc = (na + ALTS_PER_PATTERN - 1) / ALTS_PER_PATTERN;
        if (!(cctx = pcre2_compile_context_create(set->gctx)) ||
            !(set->codes = stance_calloc(nc, sizeof *set->codes)))
            goto nomem;
        for (size_t i = 0; i < na; i += ALTS_PER_PATTERN, set->n_codes++) {
            size_t k = na - i < ALTS_PER_PATTERN ? na - i : ALTS_PER_PATTERN;
            if ((rc = compile_chunk(alts + i, k, set->flags, cctx, &set->codes[set->n_codes], err)))
                goto fail;
        }
    }
    pcre2_compile_context_free(cctx);
    stance_free(alts);
    *out = set;
    return STANCE_OK;
nomem:
    rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
fail:
    pcre2_compile_context_free(cctx);
    stance_free(alts);
    stance_actorset_destroy(set);
    return rc;
}

size_t stance_actorset_size(const stance_actorset *set)
{
    return set->n_actors;
}

unsigned stance_actorset_flags(const stance_actorset *set)
{
    return set->flags;
}

/* Record a full mention of an actor that shares its surname: its name, or an
 * alias ending in the surname ("Hillary Clinton" for "Hillary Rodham Clinton";
 * not "Chelsea"). last_full[a] is 1 + the start of the latest one, 0 for none;
 * last_full[n_actors + a] the same for its latest alias of any form. */
static void note_full(const stance_actorset *set, const char *text, const hit *h, size_t *last_full)
{
    const char *sur = NULL;
    size_t n;
    if (h->kind == STANCE_MK_ALIAS)
        last_full[set->n_actors + h->actor] = h->start + 1;
    if (h->kind == STANCE_MK_NAME)
        last_full[h->actor] = h->start + 1;
    else if (h->kind == STANCE_MK_ALIAS && (n = stance_actor_surname(set->names[h->actor], &sur)) && h->end - h->start > n &&
             text[h->end - n - 1] == ' ' &&
             same_word(text + h->end - n, sur, n, set->flags & STANCE_OPT_ACTORS_CASELESS))
        last_full[h->actor] = h->start + 1;
}

/* Bytes: two of a group named in full closer together than this ("Anna Berg
 * and Lars Berg argued; Berg left") leave the surname ambiguous. */
#define SHARED_GAP 200u

/* The actor a SHARED hit means: of its group, the one named in full last
 * before it (h->actor becomes that actor); 0 when none of them is yet, or
 * when another of them was named in full just before that one, unless just
 * one of them is named by an alias after both ("Hillary Clinton ... Bill
 * Clinton ... addressing her as "Hillary" ... warning that Clinton is").
 * An alias alone does not make a later surname its actor's otherwise:
 * "Chelsea" after "Hillary Rodham Clinton" leaves "Clinton" Hillary's. */
static int shared_actor(const stance_actorset *set, hit *h, const size_t *last_full)
{
    size_t g = h->actor, best = 0, second = 0, who = 0;
    for (size_t k = set->grp_off[g]; k < set->grp_off[g + 1]; k++) {
        size_t a = set->grp_act[k];
        if (last_full[a] > best)
            second = best, best = last_full[a], who = a;
        else if (last_full[a] > second)
            second = last_full[a];
    }
    if (!best)
        return 0;
    if (second && second + SHARED_GAP > best) {
        size_t n_after = 0;
        for (size_t k = set->grp_off[g]; k < set->grp_off[g + 1]; k++)
            if (last_full[set->n_actors + set->grp_act[k]] > best)
                n_after++, who = set->grp_act[k];
        if (n_after != 1)
            return 0;
    }
    h->actor = who;
    return 1;
}

int stance_actors_match_set(const stance_actorset *set, const char *text, size_t len, stance_entityset *out,
                            stance_error *err)
{
    size_t *last_full = NULL;
    hit *hits = NULL;
    size_t nh = 0, hcap = 0, base = out->n;
    pcre2_match_data *md = NULL;
    int rc = STANCE_OK;

    for (size_t a = 0; a < set->n_actors; a++) {
        if (stance_ent_new(out, set->names[a], strlen(set->names[a]), 0, (int)a))
            goto nomem;
        out->e[out->n - 1].facts_of = set->names[a]; /* the name-only facts, computed once for the set */
        out->e[out->n - 1].facts = set->facts[a];
    }
    out->pre = &set->pre; /* (its entities base..: the index sorts only the others) */
    out->pre_base = base;
    if (!set->n_codes || !len)
        goto out;
    if (!(md = pcre2_match_data_create(1, set->gctx)))
        goto nomem;
    for (size_t i = 0; i < set->n_codes; i++)
        if ((rc = scan_code(set->codes[i], md, text, len, &hits, &nh, &hcap, err)))
            goto out;
    /* Leftmost-longest over all branches, as one alternation would choose. */
    if (nh > 1)
        stance_sort_small(hits, nh, sizeof *hits, hit_cmp);
    if (set->n_groups && !(last_full = stance_calloc(2 * set->n_actors, sizeof *last_full)))
        goto nomem;
    for (size_t i = 0, end = 0; i < nh; i++) {
        if (i && hits[i].start < end)
            continue;
        end = hits[i].end;
        if (last_full)
            note_full(set, text, &hits[i], last_full);
        if (hits[i].kind == SHARED && !shared_actor(set, &hits[i], last_full))
            continue; /* none of the group named in full yet: ambiguous */
        if (hits[i].actor < set->n_actors) {
            int k = hits[i].kind, rule = k == STANCE_MK_ALIAS     ? STANCE_MR_ALIAS
                                       : k == STANCE_MK_SURNAME ? STANCE_MR_SURNAME
                                       : k == SHARED            ? STANCE_MR_SURNAME_SHARED
                                                                : STANCE_MR_NAME;
            if (k == SHARED)
                k = STANCE_MK_SURNAME;
            /* an organisation's common noun ("campaign" of "Clinton campaign") owned by another name */
            if (k == STANCE_MK_SURNAME && stance_letter_case(text, hits[i].start, len) < 0 &&
                owned_by_other(set->names[hits[i].actor], text, hits[i].start,
                               set->flags & STANCE_OPT_ACTORS_CASELESS))
                continue;
            if (k == STANCE_MK_SURNAME && stance_letter_case(text, hits[i].start, len) < 0 &&
                !stance_actor_definite_before(text, hits[i].start))
                continue;
            if (stance_possessive_at(text, len, hits[i].end))
                rule = STANCE_MR_POSSESSIVE;
            if (stance_ent_add_mention(&out->e[base + hits[i].actor], hits[i].start, hits[i].end, k, rule))
                goto nomem;
        }
    }
    goto out;
nomem:
    rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
out:
    pcre2_match_data_free(md);
    stance_free(hits);
    stance_free(last_full);
    return rc;
}

int stance_actors_match(const stance_actor *actors, size_t n_actors, const char *text, size_t len, unsigned flags,
                        stance_entityset *out, stance_error *err)
{
    stance_actorset *set = NULL;
    size_t base = out->n;
    int rc = stance_actorset_build(actors, n_actors, flags, &set, err);
    if (!rc)
        rc = stance_actors_match_set(set, text, len, out, err);
    for (size_t i = base; i < out->n; i++)
        out->e[i].facts_of = NULL; /* the set's names go with it */
    out->pre = NULL;
    stance_actorset_destroy(set);
    return rc;
}

