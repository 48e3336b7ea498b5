/*
 * classify.c - the stance_classify() pipeline and its result handles:
 * UTF-8 check -> quotes and speakers -> actor mentions -> per quote, the
 * sentiment head on the quote and the stance head toward each actor the quote
 * concerns, on the sentences and clauses of the quote that mention it ->
 * calibrated probabilities (+ explanations). Also stance_predict() for single
 * statements, which runs the same scoring path.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "arena.h"
#include "features.h"
#include "lexicon.h"
#include "linear.h"
#include "model.h"
#include "pool.h"
#include "quotes.h"
#include "sides.h"
#include "speaker_names.h"
#include "targets.h"

/* Mention-index entries a scratch keeps for its next call (16 bytes each). */
#define SCRATCH_KEEP_MENTIONS 16384
#define SCRATCH_KEEP_NAMES 4096 /* name runs (56 bytes each) whose array a scratch keeps */

struct stance_scratch {
    stance_fscratch *fs;
    stance_fvec x;
    stance_quotelist quotes;
    stance_entityset ents;
    stance_tlist tl;      /* targets of the current quote */
    char *ctx;            /* attribution context with the quote cut out */
    size_t ctx_cap;
    stance_mpos *allm;    /* every entity's mentions in one list, by start (mindex.h) */
    size_t allm_cap;
    uint64_t *mkeys;      /* index_mentions()'s sort keys and scratch */
    size_t mkeys_cap;
    size_t *near;         /* entities with a mention near the current quote */
    size_t near_cap;
    size_t *stamp;        /* per entity: 1 + the last quote that listed it */
    size_t stamp_cap;
    struct contrib_tmp {
        size_t i;
        double c;
    } *ctmp;
    size_t ctmp_cap;
    stance_name *names;   /* the name runs' array, kept for the next call (up to SCRATCH_KEEP_NAMES) */
    size_t names_cap;
    struct xname {        /* explain_name(): a feature of the statement being explained, as this text made it */
        uint32_t bucket, family;
        size_t off, len;  /* its text in xpool */
    } *xn;
    size_t n_xn, xn_cap;
    char *xpool;
    size_t xpool_len, xpool_cap;
    int xn_short;         /* a name did not fit in memory (decide() fails with STANCE_ERR_NOMEM) */
    size_t *part;         /* the current quote's parts (quote_parts()): their starts, ascending */
    size_t n_part, part_cap;
    stance_span *psp;     /* a target's spans, relative to its part of the quote */
    size_t psp_cap;
    stance_pool_item *pool; /* pool_targets(): the text's linked stances with a speaker */
    size_t pool_cap;
    double *ptmp;         /* pool.c's sums, one per label */
    size_t ptmp_cap;
};

/* A target and its evidence: the kind and rule of each mention, why it is a
 * target. stance_target_mention() goes from &pub back to the record. */
typedef struct target_rec {
    stance_target pub; /* first member */
    const unsigned char *kinds, *rules;
    unsigned reasons;
    int relation;      /* STANCE_RELATION_* to the quote's speaker (sides.c), with actor_sides */
    size_t pooled;     /* the other quotes its stance was pooled with (pool.c), 0: its own */
    const double *own; /* then its own probabilities */
} target_rec;

/* A quote and its targets. stance_quote_target() goes from &pub back to the
 * record, so the targets' element size is not part of the ABI. */
typedef struct quote_rec {
    stance_quote pub; /* first member */
    target_rec *targets;
    size_t n_targets;
    int rule; /* STANCE_RULE_* of quotes.h (stance_quote_rule()) */
} quote_rec;

/* An entity and all its mentions, every kind, in text order (pub.mentions
 * holds the names only, as in 0.1). */
typedef struct entity_rec {
    stance_entity pub; /* first member */
    const stance_mention *all;
    size_t n_all;
} entity_rec;

struct stance_result {
    stance_arena arena;
    quote_rec *quotes;
    size_t n_quotes;
    entity_rec *entities;
    size_t n_entities;
};

struct stance_prediction {
    stance_arena arena;
    stance_decision decision;
};

STANCE_API int stance_scratch_new(stance_scratch **scratch, stance_error *err)
{
    stance_scratch *s;
    if (!scratch)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "scratch out-pointer is NULL");
    *scratch = NULL;
    s = stance_calloc(1, sizeof *s);
    if (!s || stance_fscratch_new(&s->fs)) {
        stance_free(s);
        return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    }
    *scratch = s;
    return STANCE_OK;
}

STANCE_API void stance_scratch_free(stance_scratch *s)
{
    if (!s)
        return;
    stance_fscratch_free(s->fs);
    stance_fvec_clear(&s->x);
    stance_quotelist_clear(&s->quotes);
    stance_entityset_clear(&s->ents);
    stance_tlist_clear(&s->tl);
    stance_free(s->ctx);
    stance_free(s->ctmp);
    stance_free(s->allm);
    stance_free(s->mkeys);
    stance_free(s->near);
    stance_free(s->stamp);
    stance_free(s->names);
    stance_free(s->xn);
    stance_free(s->xpool);
    stance_free(s->part);
    stance_free(s->psp);
    stance_free(s->pool);
    stance_free(s->ptmp);
    stance_free(s);
}

static int contrib_cmp(const void *a, const void *b)
{
    const struct contrib_tmp *x = a, *y = b;
    if (x->c != y->c)
        return x->c > y->c ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* decide()'s @p how: the statement is in-domain (a quote toward an actor, and
 * since 2026-12-06 a quote's sentiment: the domain family's features on,
 * features.h; bench/RESULTS.md section sent4); the head's in-domain temperature
 * applies (a quote scored by stance_classify(): the stance toward an actor and
 * the quote's sentiment; models/FORMAT.md, DTMP). stance_predict() sets neither.
 * The head's general temperature (GTMP) applies wherever no in-domain one does:
 * both are fitted on the untempered probabilities, so they never compound. */
enum { DECIDE_DOMAIN = 1, DECIDE_TEMPER = 2 };

/* The extractor's name callback while a decision is explained: keep each
 * (bucket, family, text) this statement produces. The callback cannot fail, so
 * running out of memory sets xn_short, which decide() reports. */
static void explain_name_cb(void *user, uint32_t bucket, uint32_t family, const char *text, size_t len)
{
    stance_scratch *s = user;
    if (s->xn_short || stance_grow((void **)&s->xn, &s->xn_cap, s->n_xn + 1, sizeof *s->xn) ||
        stance_grow((void **)&s->xpool, &s->xpool_cap, s->xpool_len + len + 1, 1)) {
        s->xn_short = 1;
        return;
    }
    memcpy(s->xpool + s->xpool_len, text, len);
    s->xpool[s->xpool_len + len] = '\0';
    s->xn[s->n_xn++] = (struct xname){bucket, family, s->xpool_len, len};
    s->xpool_len += len + 1;
}

/* A readable name for hashed feature @p bucket of the statement just extracted with
 * explain_name_cb(): the family prefix and the n-gram as this statement made it
 * ("w:failed riverton"); an in-domain copy (family 14, whose buckets the extractor
 * does not name) as "o:" and the name of the feature it copies ("o:w:like"), its
 * bias "o:bias"; else the model's n-gram table (the training n-gram that hashed
 * there, which need not be in this text); else "#bucket". Into tmp[cap]. */
static const char *explain_name(const stance_model *m, const stance_scratch *s, uint32_t bucket, char *tmp, size_t cap)
{
    const uint32_t *dcopy = m->feat.dcopy;
    const stance_ngram *g;
    for (size_t i = 0; i < s->n_xn; i++)
        if (s->xn[i].bucket == bucket) {
            snprintf(tmp, cap, "%s%.*s", stance_family_prefix(s->xn[i].family), (int)s->xn[i].len,
                     s->xpool + s->xn[i].off);
            return tmp;
        }
    if (dcopy) {
        const char *dom = stance_family_prefix(STANCE_FDOMAIN_ID);
        for (size_t i = 0; i < s->n_xn; i++)
            if (dcopy[s->xn[i].bucket] == bucket) {
                snprintf(tmp, cap, "%s%s%.*s", dom, stance_family_prefix(s->xn[i].family), (int)s->xn[i].len,
                         s->xpool + s->xn[i].off);
                return tmp;
            }
        if (dcopy[(size_t)1 << m->feat.table_bits] == bucket) {
            snprintf(tmp, cap, "%sbias", dom);
            return tmp;
        }
    }
    if ((g = stance_model_find_ngram(m, bucket)))
        return g->text;
    snprintf(tmp, cap, "#%u", bucket);
    return tmp;
}

/* Score the statement with head @p h into @p d, allocating from @p arena. */
static int decide(const stance_model *m, const stance_head *h, const stance_statement *st, unsigned explain,
                  int how, stance_scratch *s, stance_arena *arena, stance_decision *d, stance_error *err)
{
    double *values, *probs;
    int rc;
    stance_fscratch_set_vec_block(s->fs, !explain);
    stance_fscratch_set_domain(s->fs, (how & DECIDE_DOMAIN) != 0);
    s->n_xn = s->xpool_len = 0;
    s->xn_short = 0;
    if (explain)
        stance_fscratch_set_name_cb(s->fs, explain_name_cb, s);
    rc = stance_features_extract(&m->feat, st, s->fs, &s->x, err);
    if (explain)
        stance_fscratch_set_name_cb(s->fs, NULL, NULL);
    if (rc)
        return rc;
    if (s->xn_short)
        return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    values = stance_arena_alloc(arena, h->n_dec, sizeof *values);
    probs = stance_arena_alloc(arena, h->n_labels, sizeof *probs);
    if (!values || !probs)
        return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    stance_linear_values(h, &s->x, values);
    stance_calibrate(h, values, probs);
    if ((how & DECIDE_TEMPER) && h->domain_temp > 0)
        stance_temper(probs, h->n_labels, h->domain_temp);
    else if (h->temp > 0)
        stance_temper(probs, h->n_labels, h->temp);
    d->n_labels = h->n_labels;
    d->label_names = (const char *const *)h->labels; /* replaced by copies by the caller */
    d->probs = probs;
    stance_decision_pick(d);
    d->values = values;
    d->n_values = h->n_dec;
    if (explain && s->x.n) {
        size_t k = 0, n = s->x.n;
        stance_contrib *ex;
        if (stance_grow((void **)&s->ctmp, &s->ctmp_cap, n, sizeof *s->ctmp))
            return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
        for (size_t i = 0; i < n; i++) {
            s->ctmp[i].i = i;
            s->ctmp[i].c = stance_linear_contrib(h, &s->x, i, d->label);
        }
        if (n > 1)
            qsort(s->ctmp, n, sizeof *s->ctmp, contrib_cmp);
        if (n > explain)
            n = explain;
        ex = stance_arena_alloc(arena, n, sizeof *ex);
        if (!ex)
            return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
        for (size_t j = 0; j < n; j++) {
            char tmp[256];
            const char *name = explain_name(m, s, s->x.idx[s->ctmp[j].i], tmp, sizeof tmp);
            ex[k].feature = stance_arena_strndup(arena, name, strlen(name));
            if (!ex[k].feature)
                return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
            ex[k++].contribution = s->ctmp[j].c;
        }
        d->explain = ex;
        d->n_explain = k;
    }
    return STANCE_OK;
}

/* Copy a head's label names into the arena so the result outlives the model. */
static const char *const *copy_labels(stance_arena *a, const stance_head *h)
{
    const char **names = stance_arena_alloc(a, h->n_labels, sizeof *names);
    if (!names)
        return NULL;
    for (uint32_t i = 0; i < h->n_labels; i++)
        if (!(names[i] = stance_arena_strndup(a, h->labels[i], strlen(h->labels[i]))))
            return NULL;
    return names;
}

static void empty_decision(stance_decision *d)
{
    memset(d, 0, sizeof *d);
    d->label = -1;
}

/* The smallest struct each caller-filled type had in 0.2, the first version
 * with size fields: everything up to and including its last 0.2 field. */
#define END_OF(type, field) (offsetof(type, field) + sizeof(((type *)0)->field))
#define INPUT_SIZE_0_2 END_OF(stance_input, actor_set)
#define OPTIONS_SIZE_0_2 END_OF(stance_options, scratch)
#define STATEMENT_SIZE_0_2 END_OF(stance_statement, context_len)

/* Copy a caller's size-prefixed struct into @p full (this library's layout):
 * the fields the caller's size covers, the rest zero (= default). A tail this
 * library does not know must be zero: anything else asks for a feature it lacks. */
static int take_sized(void *full, size_t full_size, const void *user, size_t min, const char *type,
                      const char *init, stance_error *err)
{
    size_t size;
    memcpy(&size, user, sizeof size);
    if (size < min)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET,
                                "%s.size is %zu (needs %zu or more): declare it with %s", type, size, min, init);
    memset(full, 0, full_size);
    if (size > full_size) {
        const unsigned char *tail = (const unsigned char *)user + full_size;
        for (size_t i = 0; i < size - full_size; i++)
            if (tail[i])
                return stance_error_set(err, STANCE_ERR_VERSION, STANCE_NO_OFFSET,
                                        "%s sets fields this libstance %s does not have (byte %zu of %zu)", type,
                                        PACKAGE_VERSION, full_size + i, size);
        size = full_size;
    }
    memcpy(full, user, size);
    return STANCE_OK;
}

/* The caller's options as this library's struct (defaults for NULL). */
static int take_options(const stance_options *user, stance_options *o, stance_error *err)
{
    if (!user) {
        memset(o, 0, sizeof *o);
        o->size = sizeof *o;
        return STANCE_OK;
    }
    return take_sized(o, sizeof *o, user, OPTIONS_SIZE_0_2, "stance_options", "STANCE_OPTIONS_INIT", err);
}

static int check_options(const stance_options *o, size_t text_len, stance_error *err)
{
    size_t max = o->max_text_len ? o->max_text_len : STANCE_DEFAULT_MAX_TEXT;
    if (text_len > max)
        return stance_error_set(err, STANCE_ERR_LIMIT, max, "text of %zu bytes exceeds the limit of %zu", text_len,
                                max);
    return STANCE_OK;
}

static const stance_head *find_head(const stance_model *m, const char *name)
{
    for (uint32_t i = 0; i < m->n_heads; i++)
        if (strcmp(m->heads[i].name, name) == 0)
            return &m->heads[i];
    return NULL;
}

/* A UTF-8 error (@p rc) said with the string it is in (@p where: "actor 2, alias 0",
 * "the statement's target"); the offset stays the byte offset inside that string.
 * Any other code is returned as it is. */
static int utf8_error_in(int rc, stance_error *err, const char *where)
{
    if (rc != STANCE_ERR_UTF8 || !err)
        return rc;
    return stance_error_set(err, rc, err->offset, "invalid UTF-8 in %s, at byte %zu", where, err->offset);
}

/* utf8_error_in() for an actor's string: its name, or alias @p alias - 1 (@p alias is
 * 1-based, 0 for the name). */
static int actor_utf8_error(int rc, stance_error *err, size_t actor, size_t alias)
{
    char where[80];
    if (alias)
        snprintf(where, sizeof where, "actor %zu, alias %zu", actor, alias - 1);
    else
        snprintf(where, sizeof where, "actor %zu, name", actor);
    return utf8_error_in(rc, err, where);
}

/* UTF-8 check of one of a statement's strings; the message names the field
 * (@p what: "text", "target" or "context"). */
static int statement_utf8(const stance_model *m, const char *s, size_t len, const char *what, stance_error *err)
{
    char where[40];
    snprintf(where, sizeof where, "the statement's %s", what);
    return utf8_error_in(stance_utf8_check_with(m->utf8, m->gctx, s, len, err), err, where);
}

/* UTF-8 check with the model's compiled validator, or a one-off one without a model. */
static int utf8_check(const stance_model *m, const char *s, size_t len, stance_error *err)
{
    return m ? stance_utf8_check_with(m->utf8, m->gctx, s, len, err) : stance_utf8_check(s, len, err);
}

/* Whether @p s is empty or only ASCII white space: such a name or alias would
 * match the spaces of any text. */
static int blank(const char *s)
{
    return s[strspn(s, " \t\n\v\f\r")] == '\0';
}

static int check_actor_list(const stance_model *m, const stance_actor *actors, size_t n_actors, stance_error *err)
{
    int rc;
    if (n_actors && !actors)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "n_actors > 0 but actors is NULL");
    if (n_actors > STANCE_MAX_ACTORS)
        return stance_error_set(err, STANCE_ERR_LIMIT, STANCE_NO_OFFSET, "%zu actors exceed the limit of %d",
                                n_actors, STANCE_MAX_ACTORS);
    for (size_t a = 0; a < n_actors; a++) {
        const stance_actor *ac = &actors[a];
        if (!ac->name || blank(ac->name))
            return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "actor %zu has no name", a);
        /* The validator's own code, not err->code: err may be NULL, and it may be NOMEM. */
        if ((rc = utf8_check(m, ac->name, strlen(ac->name), err)))
            return actor_utf8_error(rc, err, a, 0);
        if (ac->n_aliases > STANCE_MAX_ALIASES)
            return stance_error_set(err, STANCE_ERR_LIMIT, STANCE_NO_OFFSET, "actor %zu has more than %d aliases",
                                    a, STANCE_MAX_ALIASES);
        if (ac->n_aliases && !ac->aliases)
            return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "actor %zu: aliases is NULL", a);
        for (size_t k = 0; k < ac->n_aliases; k++) {
            if (!ac->aliases[k])
                return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "actor %zu: alias %zu is NULL",
                                        a, k);
            if (blank(ac->aliases[k]))
                return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "actor %zu: alias %zu is blank",
                                        a, k);
            if ((rc = utf8_check(m, ac->aliases[k], strlen(ac->aliases[k]), err)))
                return actor_utf8_error(rc, err, a, k + 1);
        }
    }
    return STANCE_OK;
}

/* The number of actors the call's actor_sides covers (the list's or the set's). */
static size_t n_input_actors(const stance_input *in)
{
    return in->actor_set ? stance_actorset_size(in->actor_set) : in->n_actors;
}

static int check_actors(const stance_model *m, const stance_input *in, unsigned flags, stance_error *err)
{
    if (in->actor_sides) {
        size_t n = n_input_actors(in);
        int rc = n ? stance_sides_check(m, in->actor_sides, n, err)
                   : stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "actor_sides is set but no actors are");
        if (rc)
            return rc;
    }
    if (!in->actor_set)
        return check_actor_list(m, in->actors, in->n_actors, err);
    if (in->n_actors || in->actors)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET,
                                "both actors and actor_set are set: give one of them");
    if ((flags & STANCE_OPT_ACTORS_CASELESS) != stance_actorset_flags(in->actor_set))
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET,
                                "STANCE_OPT_ACTORS_CASELESS differs from the actor set's flags");
    return STANCE_OK;
}

STANCE_API int stance_actorset_new(const stance_model *model, const stance_actor *actors, size_t n_actors,
                                   unsigned flags, stance_actorset **set, stance_error *err)
{
    int rc;
    if (!set)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "set out-pointer is NULL");
    *set = NULL;
    if (!n_actors)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "an actor set needs actors");
    if (flags & ~(unsigned)STANCE_OPT_ACTORS_CASELESS)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET,
                                "actor set flags 0x%x: only STANCE_OPT_ACTORS_CASELESS applies", flags);
    if ((rc = check_actor_list(model, actors, n_actors, err)))
        return rc;
    return stance_actorset_build(actors, n_actors, flags, set, err);
}

STANCE_API void stance_actorset_free(stance_actorset *set)
{
    stance_actorset_destroy(set);
}

/* Widen [*lo, *hi) to cover @p s (if set). */
static void widen(stance_span s, size_t *lo, size_t *hi)
{
    if (s.start == STANCE_NO_OFFSET)
        return;
    if (s.start < *lo)
        *lo = s.start;
    if (s.end > *hi)
        *hi = s.end;
}

static int size_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* All entities' mentions in one list sorted by start, so that each quote finds
 * the entities mentioned near it with one binary search and a short scan:
 * the cost grows with quotes + mentions, not quotes x entities. One radix
 * sort of (start, entity) keys (stance_mpos_sort()). */
static int index_mentions(stance_scratch *s, size_t *n_out)
{
    size_t n = 0, k = 0;
    for (size_t e = 0; e < s->ents.n; e++)
        n += s->ents.e[e].n_mentions + s->ents.e[e].n_more;
    if (stance_grow((void **)&s->allm, &s->allm_cap, n + 1, sizeof *s->allm) ||
        stance_grow((void **)&s->mkeys, &s->mkeys_cap, n + 1, sizeof *s->mkeys) ||
        stance_grow((void **)&s->near, &s->near_cap, s->ents.n + 1, sizeof *s->near) ||
        stance_grow((void **)&s->stamp, &s->stamp_cap, s->ents.n + 1, sizeof *s->stamp))
        return STANCE_ERR_NOMEM;
    for (size_t e = 0; e < s->ents.n; e++) {
        s->stamp[e] = 0;
        for (size_t i = 0; i < s->ents.e[e].n_mentions; i++)
            s->allm[k++] = (stance_mpos){s->ents.e[e].mentions[i].start, e};
        for (size_t i = 0; i < s->ents.e[e].n_more; i++) /* titles, epithets, pronouns (mentions.c) */
            s->allm[k++] = (stance_mpos){s->ents.e[e].more[i].span.start, e};
    }
    stance_mpos_sort(s->allm, n, s->ents.n, s->mkeys);
    if (s->mkeys_cap > SCRATCH_KEEP_MENTIONS) { /* a long text's keys go at once */
        stance_free(s->mkeys);
        s->mkeys = NULL;
        s->mkeys_cap = 0;
    }
    *n_out = n;
    return STANCE_OK;
}

/* The entities with a mention starting in [lo, hi), ascending, into s->near. */
static size_t entities_near(stance_scratch *s, size_t n_allm, size_t lo, size_t hi, size_t stamp)
{
    size_t a = 0, b = n_allm, n = 0;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (s->allm[mid].start < lo)
            a = mid + 1;
        else
            b = mid;
    }
    for (; a < n_allm && s->allm[a].start < hi; a++)
        if (s->stamp[s->allm[a].ent] != stamp) {
            s->stamp[s->allm[a].ent] = stamp;
            s->near[n++] = s->allm[a].ent;
        }
    if (n > 32)
        qsort(s->near, n, sizeof *s->near, size_cmp);
    else /* a few entities: insertion (no calls) */
        for (size_t i = 1; i < n; i++) {
            size_t v = s->near[i], j = i;
            for (; j && s->near[j - 1] > v; j--)
                s->near[j] = s->near[j - 1];
            s->near[j] = v;
        }
    return n;
}

/* STANCE_OPT_MENTIONED_ONLY: which entities the result keeps. A given actor
 * with no mention of any kind and no target in any quote is left out; every
 * other entity keeps its place in order. @p map receives, per scratch entity,
 * its index in the result or SIZE_MAX. Returns the number kept. The quotes'
 * targets are chosen and scored before this, so leaving an entity out changes
 * no decision, only the entity indices the targets carry (finish_result()). */
static size_t mentioned_only_map(const stance_result *res, const stance_entityset *ents, size_t *map)
{
    size_t n = 0;
    for (size_t i = 0; i < ents->n; i++)
        map[i] = ents->e[i].discovered || ents->e[i].n_mentions + ents->e[i].n_more ? 0 : SIZE_MAX;
    for (size_t qi = 0; qi < res->n_quotes; qi++)
        for (size_t t = 0; t < res->quotes[qi].n_targets; t++)
            map[res->quotes[qi].targets[t].pub.entity] = 0;
    for (size_t i = 0; i < ents->n; i++)
        if (map[i] == 0)
            map[i] = n++;
    return n;
}

/* The entities into the result: names as in 0.1, and every mention with its
 * kind; with @p map (mentioned_only_map()) only those it keeps. Each scratch
 * entity is released once copied (the next call would clear them anyway), so
 * a long text's entities are not held twice. */
static int copy_entities(stance_result *res, stance_entityset *ents, const size_t *map, size_t n_keep,
                         stance_error *err)
{
    stance_mindex_free(ents->ix); /* the targets are chosen: the mention index has served */
    ents->ix = NULL;
    res->n_entities = map ? n_keep : ents->n;
    if (res->n_entities && !(res->entities = stance_arena_alloc(&res->arena, res->n_entities, sizeof *res->entities)))
        goto nomem;
    for (size_t i = 0; i < ents->n; i++) {
        const stance_ent *e = &ents->e[i];
        entity_rec *o;
        stance_span *ms = NULL;
        stance_mention *all = NULL;
        size_t n_all = e->n_mentions + e->n_more, a = 0, b = 0;
        if (map && map[i] == SIZE_MAX) {
            stance_ent_release(&ents->e[i]);
            continue;
        }
        o = &res->entities[map ? map[i] : i];
        memset(o, 0, sizeof *o);
        if (!(o->pub.name = stance_arena_strndup(&res->arena, e->name, strlen(e->name))))
            goto nomem;
        o->pub.discovered = e->discovered;
        o->pub.input_index = e->input_index;
        if (e->n_mentions) {
            if (!(ms = stance_arena_alloc(&res->arena, e->n_mentions, sizeof *ms)))
                goto nomem;
            memcpy(ms, e->mentions, e->n_mentions * sizeof *ms);
        }
        o->pub.mentions = ms;
        o->pub.n_mentions = e->n_mentions;
        if (n_all && !(all = stance_arena_alloc(&res->arena, n_all, sizeof *all)))
            goto nomem;
        for (size_t k = 0; k < n_all; k++) { /* both lists are in text order: merge */
            if (b == e->n_more || (a < e->n_mentions && e->mentions[a].start <= e->more[b].span.start)) {
                all[k] = (stance_mention){e->mentions[a], e->kinds ? e->kinds[a] : STANCE_MK_NAME,
                                          e->rules ? e->rules[a] : STANCE_MR_NAME};
                a++;
            } else
                all[k] = e->more[b++];
        }
        o->all = all;
        o->n_all = n_all;
        stance_ent_release(&ents->e[i]);
    }
    return STANCE_OK;
nomem:
    return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
}

/* What one call shares across its quotes. */
typedef struct call_ctx {
    const stance_model *model;
    const char *text;
    unsigned flags, explain;
    const stance_head *hstance;
    const char *const *stance_labels;
    stance_scratch *s;
    stance_result *res;
    size_t n_allm;
    const char *const *sides; /* stance_input.actor_sides (NULL: no relations) */
    size_t n_sides;
} call_ctx;

/* Copy a quote's fields and build the statement the heads score: the quote,
 * and its context with the quote cut out (replaced by one space) so its
 * words are not counted twice. */
static int fill_quote(const call_ctx *c, const stance_rawquote *rq, stance_quote *q, stance_statement *st)
{
    stance_arena *a = &c->res->arena;
    stance_scratch *s = c->s;
    q->span = rq->span;
    q->type = rq->type;
    q->speaker_span = rq->speaker_span;
    q->cue_span = rq->cue_span;
    q->context = rq->context;
    if (rq->speaker && !(q->speaker = stance_arena_strndup(a, rq->speaker, strlen(rq->speaker))))
        return STANCE_ERR_NOMEM;
    if (rq->role && !(q->speaker_role = stance_arena_strndup(a, rq->role, strlen(rq->role))))
        return STANCE_ERR_NOMEM;
    if (rq->cue_span.start != STANCE_NO_OFFSET &&
        !(q->cue = stance_arena_strndup(a, c->text + rq->cue_span.start, rq->cue_span.end - rq->cue_span.start)))
        return STANCE_ERR_NOMEM;
    st->text = c->text + rq->span.start;
    st->text_len = rq->span.end - rq->span.start;
    if (rq->context.start != STANCE_NO_OFFSET && rq->context.end > rq->context.start) {
        stance_span cx = rq->context;
        if (rq->span.start >= cx.start && rq->span.end <= cx.end) {
            size_t before = rq->span.start - cx.start, after = cx.end - rq->span.end;
            if (stance_grow((void **)&s->ctx, &s->ctx_cap, before + after + 1, 1))
                return STANCE_ERR_NOMEM;
            memcpy(s->ctx, c->text + cx.start, before);
            s->ctx[before] = ' ';
            memcpy(s->ctx + before + 1, c->text + rq->span.end, after);
            st->context = s->ctx;
            st->context_len = before + 1 + after;
        } else {
            st->context = c->text + cx.start;
            st->context_len = cx.end - cx.start;
        }
    }
    return STANCE_OK;
}

/* Whether the "but " at q[@p i] (after a space) joins two contrasting clauses:
 * not after a word of the lexicon's class FX_EXCEPT ("nothing but delays", "all
 * but certain": except, as the polarity rules of features.c read it), nor in
 * "not only X but also Y". */
static int contrast_but(const char *q, size_t n, size_t i)
{
    size_t ws, we;
    if (stance_word_before(q, i, &ws, &we) && stance_lex_classes_lower(q + ws, we - ws) & STANCE_LX(FX_EXCEPT))
        return 0;
    return !(stance_word_after(q, n, i + 3, &ws, &we) && stance_word_is(q, ws, we, "also"));
}

static int add_part(stance_scratch *s, size_t at)
{
    if (stance_grow((void **)&s->part, &s->part_cap, s->n_part + 1, sizeof *s->part))
        return STANCE_ERR_NOMEM;
    s->part[s->n_part++] = at;
    return STANCE_OK;
}

/* The parts of quote @p q (@p n bytes) a target is scored on: its sentences
 * (quotes.h, SENTENCES) and, inside them, the clauses after ";" and before
 * " but " (contrasts: "X kept his word; Y did not", "I trust X, but not Y").
 * Their starts, ascending, into s->part (the first is 0). */
static int quote_parts(stance_scratch *s, const char *q, size_t n)
{
    size_t pos = n;
    s->n_part = 0;
    while (pos > 0) {
        size_t at = stance_sent_start_in(q, n, pos - 1, 0);
        if (add_part(s, at))
            return STANCE_ERR_NOMEM;
        pos = at;
    }
    for (size_t i = 0; i < n; i++) {
        size_t at = 0;
        if (q[i] == ';') {
            at = i + 1;
            while (at < n && q[at] == ' ')
                at++;
        } else if (i > 0 && q[i - 1] == ' ' && i + 4 <= n && memcmp(q + i, "but ", 4) == 0 && contrast_but(q, n, i)) {
            at = i;
        }
        if (at > 0 && at < n && add_part(s, at))
            return STANCE_ERR_NOMEM;
    }
    if (s->n_part > 1)
        qsort(s->part, s->n_part, sizeof *s->part, size_cmp);
    return STANCE_OK;
}

/* Narrow @p st (a quote, the target's spans marked) to the part of the quote
 * that concerns the target: from the part of its first mention in the quote
 * to the end of the part of its last one, the spans moved with it. A target
 * mentioned in every part keeps the whole quote. */
static int narrow_to_target(stance_scratch *s, stance_statement *st)
{
    size_t lo = st->text_len, hi = 0, a = 0, b = st->text_len;
    for (size_t k = 0; k < st->n_target_spans; k++) {
        if (st->target_spans[k].start < lo)
            lo = st->target_spans[k].start;
        if (st->target_spans[k].end > hi)
            hi = st->target_spans[k].end;
    }
    for (size_t k = 0; k < s->n_part; k++) {
        if (s->part[k] <= lo) {
            a = s->part[k];
        } else if (s->part[k] >= hi) {
            b = s->part[k];
            break;
        }
    }
    if (a == 0 && b == st->text_len)
        return STANCE_OK;
    if (stance_grow((void **)&s->psp, &s->psp_cap, st->n_target_spans, sizeof *s->psp))
        return STANCE_ERR_NOMEM;
    for (size_t k = 0; k < st->n_target_spans; k++) {
        s->psp[k].start = st->target_spans[k].start - a;
        s->psp[k].end = st->target_spans[k].end - a;
    }
    st->text += a;
    st->text_len = b - a;
    st->target_spans = s->psp;
    return STANCE_OK;
}

/* Score the stance toward target choice @p ch (targets.c) of quote @p rq into
 * @p kept; @p st holds the quote and its context, marked with the target's own
 * spans, and is narrowed to the parts of the quote that mention the target
 * (narrow_to_target(), over the parts quote_targets() found). */
static int score_target(const call_ctx *c, const stance_rawquote *rq, const stance_tchoice *ch, stance_statement st,
                        target_rec *kept, stance_error *err)
{
    static const stance_span no_span = {0, 0};
    const stance_tlist *tl = &c->s->tl;
    stance_arena *a = &c->res->arena;
    stance_target *t = &kept->pub;
    stance_span *ms = NULL;
    unsigned char *kinds = NULL, *rules = NULL;
    int rc;
    if (ch->nm && (!(ms = stance_arena_alloc(a, ch->nm, sizeof *ms)) || !(kinds = stance_arena_alloc(a, ch->nm, 1)) ||
                   !(rules = stance_arena_alloc(a, ch->nm, 1))))
        return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    for (size_t k = 0; k < ch->nm; k++) {
        ms[k] = tl->ms[ch->m0 + k].span;
        kinds[k] = tl->ms[ch->m0 + k].kind;
        rules[k] = tl->ms[ch->m0 + k].rule;
    }
    kept->kinds = kinds;
    kept->rules = rules;
    kept->reasons = ch->reasons;
    if (ch->in_context) {
        /* only the attribution speaks of it: score the attribution sentence, its mentions marked */
        st.text = c->text + rq->context.start;
        st.text_len = rq->context.end - rq->context.start;
        st.context = NULL;
        st.context_len = 0;
    }
    st.target = c->s->ents.e[ch->ent].name;
    st.target_len = strlen(st.target);
    /* never NULL: NULL would have the features search the name in the text */
    st.target_spans = ch->ns ? tl->sp + ch->s0 : &no_span;
    st.n_target_spans = ch->ns;
    if (!ch->in_context && ch->ns && c->s->n_part > 1 && narrow_to_target(c->s, &st))
        return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    t->actor = NULL; /* the result's copy of the name, set once entities are copied */
    t->entity = ch->ent;
    t->where = (stance_where)ch->where;
    t->mentions = ms;
    t->n_mentions = ch->nm;
    if (c->sides)
        kept->relation = stance_sides_relation(&c->s->ents, c->sides, c->n_sides, tl->speaker, tl->principal, ch->ent);
    stance_fscratch_set_relation(c->s->fs, kept->relation); /* family 15, when the model has it */
    rc = decide(c->model, c->hstance, &st, c->explain, DECIDE_DOMAIN | DECIDE_TEMPER, c->s, a, &t->stance, err);
    stance_fscratch_set_relation(c->s->fs, STANCE_RELATION_UNKNOWN);
    if (rc)
        return rc;
    t->stance.label_names = c->stance_labels;
    t->stance.label_name = c->stance_labels[t->stance.label];
    return STANCE_OK;
}

/* The targets of quote @p qi, chosen by targets.c among the entities mentioned
 * near it (every entity with STANCE_OPT_ALL_ACTORS), in entity order. */
static int quote_targets(const call_ctx *c, size_t qi, const stance_statement *st, quote_rec *qr, stance_error *err)
{
    const stance_rawquote *rq = &c->s->quotes.q[qi];
    stance_tlist *tl = &c->s->tl;
    size_t n_near, wlo = rq->span.start, whi = rq->span.end;
    stance_span before = stance_targets_before(c->text, rq); /* once: targets.c takes it too */
    int all = (c->flags & STANCE_OPT_ALL_ACTORS) != 0, rc;
    target_rec *kept;
    widen(rq->speaker_span, &wlo, &whi);
    widen(rq->context, &wlo, &whi);
    widen(before, &wlo, &whi);
    n_near = all ? 0 : entities_near(c->s, c->n_allm, wlo, whi, qi + 1);
    if ((rc = stance_targets_choose_before(&c->s->ents, c->text, rq, before, c->flags, all ? NULL : c->s->near, n_near,
                                           tl)))
        return stance_error_set(err, rc, STANCE_NO_OFFSET, "out of memory");
    if (!tl->n)
        return STANCE_OK;
    if (!(kept = stance_arena_alloc(&c->res->arena, tl->n, sizeof *kept)))
        return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    memset(kept, 0, tl->n * sizeof *kept);
    if (quote_parts(c->s, st->text, st->text_len))
        return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    for (size_t i = 0; i < tl->n; i++)
        if ((rc = score_target(c, rq, &tl->v[i], *st, &kept[i], err)))
            return rc;
    qr->targets = kept;
    qr->n_targets = tl->n;
    return STANCE_OK;
}

/* A speaker's stances toward one actor pooled over the text's quotes (pool.c):
 * every target with a stance, mentioned near its quote, whose quote has a speaker. */
static int pool_targets(stance_result *res, stance_scratch *s, stance_error *err)
{
    size_t n = 0;
    for (size_t qi = 0; qi < res->n_quotes; qi++) {
        quote_rec *qr = &res->quotes[qi];
        if (!qr->pub.speaker)
            continue;
        for (size_t t = 0; t < qr->n_targets; t++) {
            target_rec *tr = &qr->targets[t];
            if (tr->pub.where == STANCE_WHERE_NONE || tr->pub.stance.label < 0)
                continue;
            if (stance_grow((void **)&s->pool, &s->pool_cap, n + 1, sizeof *s->pool))
                return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
            s->pool[n] = (stance_pool_item){qr->pub.speaker, tr->pub.entity, n, &tr->pub.stance, &tr->pooled, &tr->own,
                                            NULL, 0};
            n++;
        }
    }
    if (n > 1 && stance_pool_stances(s->pool, n, &res->arena, &s->ptmp, &s->ptmp_cap))
        return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    return STANCE_OK;
}

/* After the quotes are scored: their stances pooled (@p pool: pool_targets()),
 * the text's quotes go (the next call would clear them), the entities move
 * into the result, and the targets get the result's copies of their actors'
 * names. The scratch is left empty, so a
 * long text's quotes and entities are not held next to the result. */
static int finish_result(stance_result *res, stance_scratch *s, int pool, int mentioned_only, stance_error *err)
{
    size_t *map = NULL, n_keep = 0;
    int rc;
    if (pool && (rc = pool_targets(res, s, err)))
        return rc;
    stance_quotelist_clear(&s->quotes);
    if (s->allm_cap > SCRATCH_KEEP_MENTIONS) { /* a long text's mention index goes too */
        stance_free(s->allm);
        stance_free(s->mkeys);
        stance_free(s->near);
        stance_free(s->stamp);
        s->allm = NULL;
        s->mkeys = NULL;
        s->near = s->stamp = NULL;
        s->allm_cap = s->mkeys_cap = s->near_cap = s->stamp_cap = 0;
    }
    if (mentioned_only && s->ents.n) {
        if (!(map = stance_malloc_array(s->ents.n, sizeof *map)))
            return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
        n_keep = mentioned_only_map(res, &s->ents, map);
    }
    rc = copy_entities(res, &s->ents, map, n_keep, err);
    if (!rc)
        for (size_t qi = 0; qi < res->n_quotes; qi++)
            for (size_t t = 0; t < res->quotes[qi].n_targets; t++) {
                stance_target *tg = &res->quotes[qi].targets[t].pub;
                if (map)
                    tg->entity = map[tg->entity];
                tg->actor = res->entities[tg->entity].pub.name;
            }
    stance_free(map);
    if (rc)
        return rc;
    stance_entityset_clear(&s->ents);
    return STANCE_OK;
}

/* The array of name runs between calls: into the scratch's keeping (@p keep,
 * up to SCRATCH_KEEP_NAMES runs), or back to the name list to fill again. */
static void names_array(stance_scratch *s, int keep)
{
    stance_namelist *l = &s->quotes.names;
    if (keep && l->cap <= SCRATCH_KEEP_NAMES) {
        s->names = l->v;
        s->names_cap = l->cap;
        l->v = NULL;
        l->cap = 0;
    } else if (!keep) {
        l->v = s->names;
        l->cap = s->names_cap;
        s->names = NULL;
        s->names_cap = 0;
    }
}

/* What the call's quotes share, before the heads are looked up. */
static void init_ctx(call_ctx *c, const stance_model *model, const stance_input *input, const stance_options *opt,
                     stance_scratch *s, stance_result *res)
{
    memset(c, 0, sizeof *c);
    c->model = model;
    c->text = input->text;
    c->flags = opt->flags;
    c->explain = opt->explain;
    c->s = s;
    c->res = res;
    c->sides = input->actor_sides;
    c->n_sides = input->actor_sides ? n_input_actors(input) : 0;
}

STANCE_API int stance_classify(const stance_model *model, const stance_input *user_input,
                               const stance_options *user_options, stance_result **result, stance_error *err)
{
    stance_scratch *own = NULL, *s;
    stance_result *res = NULL;
    const stance_head *hsent;
    const char *const *sent_labels = NULL;
    stance_input in;
    stance_options opt;
    const stance_input *input = &in;
    call_ctx c;
    int rc;

    if (!result)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "result out-pointer is NULL");
    *result = NULL;
    if (!model || !user_input)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "model or input is NULL");
    if ((rc = take_sized(&in, sizeof in, user_input, INPUT_SIZE_0_2, "stance_input", "STANCE_INPUT_INIT", err)) ||
        (rc = take_options(user_options, &opt, err)))
        return rc;
    if (!input->text && input->text_len)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "text is NULL");
    if ((rc = check_options(&opt, input->text_len, err)) || (rc = check_actors(model, input, opt.flags, err)))
        return rc;
    if ((rc = stance_utf8_check_with(model->utf8, model->gctx, input->text, input->text_len, err)))
        return rc;

    s = opt.scratch;
    if (!s) {
        if ((rc = stance_scratch_new(&own, err)))
            return rc;
        s = own;
    }
    stance_quotelist_clear(&s->quotes);
    stance_entityset_clear(&s->ents);
    stance_fscratch_keep_words(s->fs); /* the model may not be the one the scratch last saw: checked */
    names_array(s, 0); /* the last call's array of name runs, to fill again */

    res = stance_calloc(1, sizeof *res);
    if (!res)
        goto nomem;
    if (input->text_len) {
        if ((rc = stance_quotes_extract(model->qpat, input->text, input->text_len, opt.flags, &s->quotes, err)))
            goto fail;
        if (input->actor_set)
            rc = stance_actors_match_set(input->actor_set, input->text, input->text_len, &s->ents, err);
        else if (input->n_actors)
            rc = stance_actors_match(input->actors, input->n_actors, input->text, input->text_len, opt.flags,
                                     &s->ents, err);
        else if (!(opt.flags & STANCE_OPT_NO_DISCOVER))
            rc = stance_actors_discover(&s->quotes, input->text, input->text_len, &s->ents, err);
        if (!rc && (input->actor_set || input->n_actors) && /* a first name alone, an organisation's short form */
            stance_actors_short_forms(&s->quotes, input->text, input->text_len, &s->ents, 0))
            rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
        if (!rc && (input->actor_set || input->n_actors) && (opt.flags & STANCE_OPT_DISCOVER_OTHERS))
            rc = stance_actors_discover_others(&s->quotes, input->text, input->text_len, &s->ents, err);
        if (rc || (rc = stance_speaker_names(&s->quotes, input->text, input->text_len, &s->ents, err)) ||
            (rc = stance_mentions_find(&s->quotes, input->text, input->text_len, &s->ents, err)))
            goto fail;
        /* The name runs served extraction, discovery and mentions, and nothing
         * below: released before the result grows, so a long text's (56 bytes
         * a run, one run per 70 bytes of text) do not add to the call's peak;
         * a short text's array stays with the scratch for the next call. */
        names_array(s, 1);
        stance_namelist_clear(&s->quotes.names);
    }

    init_ctx(&c, model, input, &opt, s, res);
    hsent = find_head(model, "sentiment");
    c.hstance = find_head(model, "stance");
    if (hsent && !(sent_labels = copy_labels(&res->arena, hsent)))
        goto nomem;
    if (c.hstance && !(c.stance_labels = copy_labels(&res->arena, c.hstance)))
        goto nomem;
    res->n_entities = s->ents.n;
    if (c.hstance && s->ents.n && index_mentions(s, &c.n_allm))
        goto nomem;

    res->n_quotes = s->quotes.n;
    if (s->quotes.n && !(res->quotes = stance_arena_alloc(&res->arena, s->quotes.n, sizeof *res->quotes)))
        goto nomem;
    for (size_t qi = 0; qi < s->quotes.n; qi++) {
        quote_rec *qr = &res->quotes[qi];
        stance_statement st = STANCE_STATEMENT_INIT;
        if (fill_quote(&c, &s->quotes.q[qi], &qr->pub, &st))
            goto nomem;
        qr->rule = s->quotes.q[qi].rule;
        empty_decision(&qr->pub.sentiment);
        if (hsent) {
            if ((rc = decide(model, hsent, &st, c.explain, DECIDE_DOMAIN | DECIDE_TEMPER, s, &res->arena, &qr->pub.sentiment, err)))
                goto fail;
            qr->pub.sentiment.label_names = sent_labels;
            qr->pub.sentiment.label_name = sent_labels[qr->pub.sentiment.label];
        }
        if (c.hstance && s->ents.n && (rc = quote_targets(&c, qi, &st, qr, err)))
            goto fail;
    }
    if ((rc = finish_result(res, s, c.hstance && (opt.flags & STANCE_OPT_POOL), !!(opt.flags & STANCE_OPT_MENTIONED_ONLY),
                            err)))
        goto fail;
    stance_scratch_free(own);
    *result = res;
    return STANCE_OK;
nomem:
    rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
fail:
    stance_result_free(res);
    if (s && s != own) {
        /* Leave a caller's scratch reusable, not half-filled. */
        stance_quotelist_clear(&s->quotes);
        stance_entityset_clear(&s->ents);
    }
    stance_scratch_free(own);
    return rc;
}

STANCE_API size_t stance_result_count(const stance_result *r)
{
    return r ? r->n_quotes : 0;
}

STANCE_API const stance_quote *stance_result_quote(const stance_result *r, size_t i)
{
    return r && i < r->n_quotes ? &r->quotes[i].pub : NULL;
}

STANCE_API size_t stance_quote_target_count(const stance_quote *q)
{
    return q ? ((const quote_rec *)q)->n_targets : 0;
}

STANCE_API const stance_target *stance_quote_target(const stance_quote *q, size_t i)
{
    const quote_rec *r = (const quote_rec *)q;
    return r && i < r->n_targets ? &r->targets[i].pub : NULL;
}

STANCE_API const char *stance_quote_rule(const stance_quote *q)
{
    return stance_quotes_rule_name(q ? ((const quote_rec *)q)->rule : STANCE_RULE_NONE);
}

/* A mention into the out parameters (each may be NULL) of stance_target_mention()
 * and stance_entity_mention(). */
static int mention_out(stance_mention mn, stance_span *span, stance_mention_kind *kind, const char **rule)
{
    if (span)
        *span = mn.span;
    if (kind)
        *kind = (stance_mention_kind)mn.kind;
    if (rule)
        *rule = stance_mention_rule_name(mn.rule);
    return STANCE_OK;
}

STANCE_API int stance_target_mention(const stance_target *t, size_t i, stance_span *span, stance_mention_kind *kind,
                                     const char **rule)
{
    const target_rec *r = (const target_rec *)t;
    if (!r || i >= r->pub.n_mentions)
        return STANCE_ERR_INVALID;
    return mention_out((stance_mention){r->pub.mentions[i], r->kinds[i], r->rules[i]}, span, kind, rule);
}

STANCE_API unsigned stance_target_reasons(const stance_target *t)
{
    return t ? ((const target_rec *)t)->reasons : 0;
}

STANCE_API stance_relation stance_target_relation(const stance_target *t)
{
    return t ? (stance_relation)((const target_rec *)t)->relation : STANCE_RELATION_UNKNOWN;
}

STANCE_API size_t stance_target_pooled(const stance_target *t, const double **own)
{
    const target_rec *r = (const target_rec *)t;
    if (own)
        *own = r && r->pooled ? r->own : NULL;
    return r ? r->pooled : 0;
}

STANCE_API size_t stance_entity_mention_count(const stance_entity *e)
{
    return e ? ((const entity_rec *)e)->n_all : 0;
}

STANCE_API int stance_entity_mention(const stance_entity *e, size_t i, stance_span *span, stance_mention_kind *kind,
                                     const char **rule)
{
    const entity_rec *r = (const entity_rec *)e;
    if (!r || i >= r->n_all)
        return STANCE_ERR_INVALID;
    return mention_out(r->all[i], span, kind, rule);
}

STANCE_API size_t stance_result_entity_count(const stance_result *r)
{
    return r ? r->n_entities : 0;
}

STANCE_API const stance_entity *stance_result_entity(const stance_result *r, size_t i)
{
    return r && i < r->n_entities ? &r->entities[i].pub : NULL;
}

STANCE_API void stance_result_free(stance_result *r)
{
    if (!r)
        return;
    stance_arena_free(&r->arena);
    stance_free(r);
}

STANCE_API int stance_predict(const stance_model *model, size_t head, const stance_statement *user_statement,
                              const stance_options *user_options, stance_prediction **prediction, stance_error *err)
{
    stance_scratch *own = NULL, *s;
    stance_prediction *p;
    const stance_head *h;
    const char *const *labels;
    stance_statement stmt;
    stance_options opt;
    const stance_statement *st = &stmt;
    int rc;

    if (!prediction)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "prediction out-pointer is NULL");
    *prediction = NULL;
    if (!model || !user_statement)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "NULL argument");
    if ((rc = take_sized(&stmt, sizeof stmt, user_statement, STATEMENT_SIZE_0_2, "stance_statement",
                         "STANCE_STATEMENT_INIT", err)) ||
        (rc = take_options(user_options, &opt, err)))
        return rc;
    if ((!st->text && st->text_len) || (!st->target && st->target_len) ||
        (!st->context && st->context_len) || (st->n_target_spans && !st->target_spans))
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "NULL argument");
    if (head >= model->n_heads)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "no head %zu (model has %u)", head,
                                model->n_heads);
    for (size_t i = 0; i < st->n_target_spans; i++)
        if (st->target_spans[i].start > st->target_spans[i].end || st->target_spans[i].end > st->text_len)
            return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "target span %zu is outside the text",
                                    i);
    if ((rc = check_options(&opt, st->text_len, err)) || (rc = check_options(&opt, st->context_len, err)))
        return rc;
    if ((rc = statement_utf8(model, st->text, st->text_len, "text", err)) ||
        (st->target && (rc = statement_utf8(model, st->target, st->target_len, "target", err))) ||
        (st->context && (rc = statement_utf8(model, st->context, st->context_len, "context", err))))
        return rc;
    h = &model->heads[head];
    s = opt.scratch;
    if (!s) {
        if ((rc = stance_scratch_new(&own, err)))
            return rc;
        s = own;
    }
    stance_fscratch_keep_words(s->fs); /* the model may not be the one the scratch last saw: checked */
    p = stance_calloc(1, sizeof *p);
    if (!p) {
        rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
        goto out;
    }
    if ((rc = decide(model, h, st, opt.explain, 0, s, &p->arena, &p->decision, err)))
        goto out;
    if (!(labels = copy_labels(&p->arena, h))) {
        rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
        goto out;
    }
    p->decision.label_names = labels;
    p->decision.label_name = labels[p->decision.label];
    *prediction = p;
    p = NULL;
out:
    stance_prediction_free(p);
    stance_scratch_free(own);
    return rc;
}

STANCE_API const stance_decision *stance_prediction_decision(const stance_prediction *p)
{
    return p ? &p->decision : NULL;
}

STANCE_API void stance_prediction_free(stance_prediction *p)
{
    if (!p)
        return;
    stance_arena_free(&p->arena);
    stance_free(p);
}
