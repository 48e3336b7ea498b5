/*
 * speaker_names.c - speakers named (see speaker_names.h). A stage after
 * quote extraction and actor matching, before the other mentions:
 *
 *  1. A described speaker is a definite description of two to seven tokens
 *     whose last word, lowercase, names a person (a role or a person noun of
 *     the lexicon: "The Vermont senator", "the 57-year-old scientist") or an
 *     organisation ("the influential US daily").
 *  2. The referents it may name are the actors' name mentions and the name
 *     runs of the text of known gender (persons) or with an organisation's
 *     last word, outside every quote, in text order (built once per text,
 *     only when some speaker is a description); a name run over an actor's
 *     mention is that actor, not a second referent.
 *  3. Of the referents up to STANCE_SPEAKER_NAME_REACH bytes before the
 *     description, with at most one paragraph break in between, the nearest
 *     one the text ties to the description's head ("Sen. Bernie Sanders" ...
 *     "the Vermont senator"; "CNN host Jake Tapper" ... "the CNN host";
 *     "Lori Bernstein, a scientist," ... "the scientist") wins; else the
 *     one person (for a person noun, of a compatible gender) or organisation
 *     (for an organisation noun) within reach, if there is only one; with
 *     several, the subject of the sentence before the description's (and its
 *     quote's; that sentence may end the paragraph before) when it opens that
 *     sentence, after at most a short opening phrase ("Lashing out,"), and is
 *     the only compatible one in it ("Lori
 *     Bernstein held up a sign. ... the 57-year-old scientist said"); else
 *     the speaker of the quote before, a person's name of a compatible
 *     gender within PREV_REACH bytes and two paragraph breaks ('"...," Reid
 *     said. ... The minority leader said flatly: "..."'), unless the head
 *     word is written in between ("another unnamed official ... the second
 *     official"); else the description stays.
 *  4. A speaker that is a thing ("the statement", "the email", "an ad") is
 *     named by its issuer when the text ties one (document_issuer below).
 */
#include "config.h"

#include <limits.h>
#include <stddef.h>
#include <string.h>

#include "mentions.h"
#include "mentions_kind.h"
#include "quotes.h"
#include "speaker_form.h"
#include "sort.h"
#include "speaker_names.h"
#include "speaker_names_int.h"
#include "speakers_epithet.h"
#include "tokens.h"

#define DESC_MAX_TOKENS 7u
#define DESC_MAX_TOKENS_AND 10u /* two descriptions joined by "and" */
#define APPOSITION_WORDS 6u
#define TIE_REACH 4000u /* bytes back to a name tied to the description's head */

typedef struct desc {
    size_t ds;        /* the description's start ("the") */
    size_t hs, he;    /* the head word */
    const char *role; /* its role (mentions.c), or NULL */
    int gender;       /* of the role ("congresswoman"), else STANCE_G_UNKNOWN */
    int pron_gender;  /* the gender is a pronoun's (participle_gender()): a person of it was named */
    int org;          /* an organisation noun */
    unsigned kind;    /* its kinds (mentions_kind.h: "the hospital"), or 0 */
    struct desc *also; /* the first of two coordinated heads ("the Florida senator and Republican
                        * presidential candidate": "senator"), or NULL */
} desc;

typedef struct lastw {
    const char *w; /* the word after the referent's last space, of n bytes */
    size_t n, start;
} lastw;

static int lastw_word_cmp(const void *a, const void *b)
{
    const lastw *x = a, *y = b;
    int c = memcmp(x->w, y->w, x->n < y->n ? x->n : y->n);
    if (c)
        return c;
    return x->n == y->n ? 0 : x->n < y->n ? -1 : 1;
}

static int lastw_cmp(const void *a, const void *b)
{
    const lastw *x = a, *y = b;
    int c = lastw_word_cmp(a, b);
    return c ? c : (x->start > y->start) - (x->start < y->start);
}

/* The index of owner_named(): for each word that ends a referent that is no
 * organisation after a space inside it, the first such referent's start, by
 * word. Only for many referents: a short article's are read faster. */
#define LASTW_MIN_REFS 1024u
static int build_lastw(sstate *s)
{
    size_t n = 0;
    if (s->n_refs < LASTW_MIN_REFS)
        return STANCE_OK;
    if (!(s->lw = stance_malloc_array(s->n_refs, sizeof *s->lw)))
        return STANCE_ERR_NOMEM;
    for (size_t k = 0; k < s->n_refs; k++) {
        const ref *r = &s->refs[k];
        size_t p = r->end;
        while (p > r->start && s->t[p - 1] != ' ')
            p--;
        if (!r->org && p > r->start && p < r->end)
            s->lw[s->n_lw++] = (lastw){s->t + p, r->end - p, r->start};
    }
    qsort(s->lw, s->n_lw, sizeof *s->lw, lastw_cmp);
    for (size_t k = 0; k < s->n_lw; k++) /* the first of each word */
        if (!n || lastw_word_cmp(&s->lw[n - 1], &s->lw[k]) != 0)
            s->lw[n++] = s->lw[k];
    s->n_lw = n;
    return STANCE_OK;
}

/* The head word t[hs, he) of a description as @p d: its role, gender, organisation noun. */
static int read_head(const sstate *s, size_t hs, size_t he, uint64_t cls, desc *d)
{
    d->ds = hs;
    d->hs = hs;
    d->he = he;
    d->gender = STANCE_G_UNKNOWN;
    d->pron_gender = 0;
    d->role = stance_role_of(s->t, hs, he, &d->gender);
    d->kind = d->role ? 0 : stance_org_noun_kind(s->t, hs, he);
    if (!d->role && he - hs == 6 && hs >= 8 && !memcmp(s->t + hs - 8, "medical ", 8) && !memcmp(s->t + hs, "center", 6))
        d->kind = STANCE_OK_HOSPITAL; /* "the medical center" */
    d->org = !d->role && ((cls & STANCE_LX(ORG_NOUN)) || d->kind); /* "the airline" */
    d->also = NULL;
    return d->role || d->org || (cls & (STANCE_LX(PERSON_NOUN) | STANCE_LX(ROLE)));
}

/* 'Reprising one of her own lines, the former secretary of state talked about
 * "...': a fronted participial phrase right before the description at @p at
 * (its sentence opens with a word in "-ing", no capital after it, no other
 * comma or quote mark, at most 12 words, then a comma) whose "her"/"his"
 * can only be its subject's gives the description that gender, else
 * STANCE_G_UNKNOWN. */
static int participle_gender(const sstate *s, size_t at)
{
    const char *t = s->t;
    size_t ss = stance_sent_start(t, at, at > 400 ? at - 400 : 0), k = at, i;
    int g = STANCE_G_UNKNOWN;
    unsigned words = 0;
    while (k > ss && t[k - 1] == ' ')
        k--;
    if (k <= ss + 5 || t[k - 1] != ',')
        return STANCE_G_UNKNOWN;
    k--;
    for (i = ss; i < k;) {
        size_t j = i;
        unsigned char b = (unsigned char)t[i];
        if (b == ',' || b == '"' || b == '\n' || b >= 0x80)
            return STANCE_G_UNKNOWN; /* (a curly mark, a dash, an accented name: not read) */
        if (b == ' ') {
            i++;
            continue;
        }
        while (j < k && ((t[j] >= 'a' && t[j] <= 'z') || (t[j] >= 'A' && t[j] <= 'Z') || t[j] == '\'' || t[j] == '-'))
            j++;
        if (j == i || ++words > 12)
            return STANCE_G_UNKNOWN;
        if (words == 1 ? j - i < 5 || memcmp(t + j - 3, "ing", 3) != 0 : (t[i] >= 'A' && t[i] <= 'Z'))
            return STANCE_G_UNKNOWN; /* (a participle first; no name in it, which could own the pronoun) */
        if (stance_word_is(t, i, j, "her") || stance_word_is(t, i, j, "herself"))
            g |= STANCE_G_FEMALE;
        else if (stance_word_is(t, i, j, "his") || stance_word_is(t, i, j, "himself"))
            g |= STANCE_G_MALE;
        i = j;
    }
    return g == STANCE_G_FEMALE || g == STANCE_G_MALE ? g : STANCE_G_UNKNOWN;
}

/* Does the speaker span @p sp open with "the" and a count of more than one
 * ("the two lawmakers", "The three senators", "the both of them"): people,
 * no one referent, no document? */
static int plural_count(const sstate *s, stance_span sp)
{
    static const char *const COUNT[] = {"two", "three", "four", "five", "six", "both", "several"};
    size_t ws, we;
    if (!stance_word_after(s->t, sp.end, sp.start, &ws, &we) || !stance_word_is(s->t, ws, we, "the") ||
        !stance_word_after(s->t, sp.end, we, &ws, &we) || (we < sp.end && s->t[we] == '-'))
        return 0; /* (not "the two-term president") */
    for (size_t i = 0; i < sizeof COUNT / sizeof *COUNT; i++)
        if (stance_word_is(s->t, ws, we, COUNT[i]))
            return 1;
    return 0;
}

/* Is the speaker span of @p q a definite description with a person or
 * organisation head? Fills @p d, and @p d2 (linked as d->also) when two
 * descriptions of a person are joined by "and" ("the Vermont senator and
 * Democratic presidential candidate"). */
static int read_desc(sstate *s, stance_span sp, desc *d, desc *d2)
{
    const stance_token *v;
    size_t n, and = 0;
    stance_error err;
    if (sp.start == STANCE_NO_OFFSET || sp.end <= sp.start || sp.end - sp.start > 160 ||
        stance_toks_build(s->t + sp.start, sp.end - sp.start, &s->tk, &err))
        return 0;
    v = s->tk.v;
    n = s->tk.n;
    for (size_t k = 2; k + 2 < n && !and; k++)
        if (v[k].kind == STANCE_TK_WORD && stance_word_is(s->t, sp.start + v[k].start, sp.start + v[k].end, "and"))
            and = k;
    if (n < 2 || n > (and ? DESC_MAX_TOKENS_AND : DESC_MAX_TOKENS) ||
        !stance_word_is(s->t, sp.start + v[0].start, sp.start + v[0].end, "the"))
        return 0;
    for (size_t k = 2; k + 1 < n && !and; k++)
        if (v[k].kind == STANCE_TK_WORD && stance_word_is(s->t, sp.start + v[k].start, sp.start + v[k].end, "of") &&
            (v[k - 1].lcls & STANCE_LX(ROLE))) {
            n = k; /* "the secretary of state": the role before "of" is the head */
            break;
        }
    if (v[n - 1].kind != STANCE_TK_WORD)
        return 0;
    if (!and && stance_age_word(s->t, sp.start + v[n - 1].start, sp.start + v[n - 1].end)) /* "the 58-year-old" */
        return read_head(s, sp.start + v[n - 1].start, sp.start + v[n - 1].end, STANCE_LX(PERSON_NOUN), d);
    if (!(v[n - 1].shape & STANCE_SH_LOWER)) {
        /* "the Texan": a people's adjective, singular, is a person noun */
        size_t he = sp.start + v[n - 1].end;
        if (!(v[n - 1].cls & STANCE_LX(DEMONYM)) || s->t[he - 1] == 's' || and)
            return 0;
        return read_head(s, sp.start + v[n - 1].start, he, STANCE_LX(PERSON_NOUN), d);
    }
    if (!read_head(s, sp.start + v[n - 1].start, sp.start + v[n - 1].end, v[n - 1].lcls, d))
        return 0;
    d->ds = sp.start; /* "the prime minister": its office read from "the" on */
    if (and && !d->org && v[and - 1].kind == STANCE_TK_WORD && (v[and - 1].shape & STANCE_SH_LOWER) &&
        read_head(s, sp.start + v[and - 1].start, sp.start + v[and - 1].end, v[and - 1].lcls, d2) && !d2->org) {
        if (d->gender == STANCE_G_UNKNOWN)
            d->gender = d2->gender;
        d->also = d2;
    } else if (and && n > DESC_MAX_TOKENS)
        return 0;
    return 1;
}

static int add_ref(sstate *s, size_t start, size_t end, long ent, int gender, int org)
{
    if (stance_grow((void **)&s->refs, &s->refs_cap, s->n_refs + 1, sizeof *s->refs))
        return STANCE_ERR_NOMEM;
    s->refs[s->n_refs++] = (ref){start, end, ent, gender, org};
    return STANCE_OK;
}

/* The last word of a name is that of an organisation ("Washington Post", "Green Party"). */
int stance_name_is_org(const char *t, size_t s, size_t e)
{
    size_t ws, we;
    return stance_word_before(t, e, &ws, &we) && ws > s &&
           ((stance_lex_classes_lower(t + ws, we - ws) & (STANCE_LX(ORG_NOUN) | STANCE_LX(NONPERSON_LAST))) ||
            (stance_org_name_kind(t + s, e - s) & ~STANCE_OK_PLACE)); /* "Corvane Logistics" (mentions_kind.c) */
}

/* t[a, a + an) against t[b, b + bn) as names.c orders surnames: bytes, then length. */
static int surname_cmp(const char *t, size_t a, size_t an, size_t b, size_t bn)
{
    int c = memcmp(t + a, t + b, an < bn ? an : bn);
    return c ? c : an == bn ? 0 : an < bn ? -1 : 1;
}

int stance_run_gender(const stance_namelist *l, const char *text, const stance_name *nm)
{
    size_t lo, kn = nm->last_end - nm->last;
    int g = STANCE_G_UNKNOWN;
    if (nm->gender != STANCE_G_UNKNOWN || nm->ntok != 1 || !l->by_last)
        return nm->gender;
    lo = stance_names_surname_at(l, text, text + nm->last, nm->last_end - nm->last); /* the first run with this surname */
    for (size_t n = 0; lo < l->n && n < 64; lo++, n++) { /* longer runs of that surname: one gender only */
        const stance_name *c = &l->v[l->by_last[lo]];
        if (surname_cmp(text, c->last, c->last_end - c->last, nm->last, kn) != 0)
            break;
        if (c->ntok < 2)
            break; /* the group runs from most tokens to fewest */
        if (c->gender == STANCE_G_UNKNOWN)
            continue;
        if (g != STANCE_G_UNKNOWN && g != c->gender)
            return STANCE_G_UNKNOWN; /* Bill and Hillary Clinton */
        g = c->gender;
    }
    return g;
}

static int overlaps(const ref *a, const ref *b)
{
    return a->start < b->end && b->start < a->end;
}

/* A name run or speaker name over an actor's mention is that actor, once
 * ("Donald Trump" the run and "Donald Trump" the actor are not two persons). */
static void drop_actor_runs(sstate *s)
{
    size_t n = 0;
    for (size_t k = 0; k < s->n_refs; k++) { /* mark: ent -2 */
        ref *r = &s->refs[k];
        for (size_t j = k; r->ent == -1 && j-- > 0 && s->refs[j].start + STANCE_SPEAKER_NAME_REACH > r->start;)
            if (s->refs[j].ent >= 0 && overlaps(&s->refs[j], r))
                r->ent = -2;
        for (size_t j = k + 1; r->ent == -1 && j < s->n_refs && s->refs[j].start < r->end; j++)
            if (s->refs[j].ent >= 0)
                r->ent = -2;
    }
    for (size_t k = 0; k < s->n_refs; k++)
        if (s->refs[k].ent != -2)
            s->refs[n++] = s->refs[k];
    s->n_refs = n;
}

/* Where an organisation's name run starts: its bare name, or, when the bare
 * name is one word after a word read as a title ("State" in "The State
 * Department", "Justice" in "the Justice Department"), the run from that word. */
static size_t org_run_start(const char *t, const stance_name *nm)
{
    size_t ws, we, from = nm->start;
    if (nm->ntok != 1 || nm->start >= nm->bare)
        return nm->bare;
    if (stance_word_after(t, nm->bare, from, &ws, &we) && stance_word_is(t, ws, we, "the"))
        from = we;
    while (from < nm->bare && t[from] == ' ')
        from++;
    return from < nm->bare && stance_name_is_org(t, from, nm->last_end) ? from : nm->bare;
}

/* Is the mention t[s, e) written without a lowercase letter ("FBI", "D.C.",
 * "NATO")? Such an actor is no person. */
static int no_lower(const char *t, size_t s, size_t e)
{
    for (size_t i = s; i < e; i++)
        if (t[i] >= 'a' && t[i] <= 'z')
            return 0;
    return 1;
}

static int head_before(const char *t, size_t start, const struct desc *d);
static int head_apposed_after(const char *t, size_t len, size_t e);
#define APPOSITION_REACH 120u

/* Every referent once, sorted: the actors' name mentions, then the name runs
 * that are no actor's, each kept only outside the quotes. A name run of no
 * known gender is one when a role or person noun comes right before it: a
 * title ("Prime Minister Erik Solvang") or a description in apposition ("the
 * chief executive of Tarnfield Water, Osric Pellow,"; "Osric Pellow, the chief
 * executive of Tarnfield Water,"), whether or not an actor names it (not a
 * role after it that no comma closes: "... in Chelsea, the mayor said" is the
 * speaker's own description). */
static int build_refs(sstate *s)
{
    const stance_namelist *nl = &s->quotes->names;
    for (size_t i = 0; i < s->ents->n; i++) {
        const stance_ent *e = &s->ents->e[i];
        size_t nlen = strlen(e->name);
        int g = stance_names_gender(e->name, 0, nlen), org = stance_name_is_org(e->name, 0, nlen);
        for (size_t k = 0; k < e->n_mentions; k++)
            if (!stance_sn_in_quote(s->quotes, e->mentions[k].start, e->mentions[k].end) &&
                add_ref(s, e->mentions[k].start, e->mentions[k].end, (long)i, g,
                        org || no_lower(s->t, e->mentions[k].start, e->mentions[k].end)))
                return STANCE_ERR_NOMEM;
    }
    for (size_t qi = 0; qi < s->quotes->n; qi++) { /* a name that speaks a quote is a person's */
        const stance_rawquote *q = &s->quotes->q[qi];
        if (q->how == STANCE_ATTR_NAME && q->speaker && q->speaker_span.start != STANCE_NO_OFFSET &&
            !stance_name_is_org(q->speaker, 0, strlen(q->speaker)) &&
            !stance_sn_in_quote(s->quotes, q->speaker_span.start, q->speaker_span.end) &&
            add_ref(s, q->speaker_span.start, q->speaker_span.end, -1,
                    stance_names_gender(q->speaker, 0, strlen(q->speaker)), 0))
            return STANCE_ERR_NOMEM;
    }
    for (size_t i = 0; i < nl->n; i++) {
        const stance_name *nm = &nl->v[i];
        size_t from = org_run_start(s->t, nm);
        int org = stance_name_is_org(s->t, from, nm->last_end), g = stance_run_gender(nl, s->t, nm);
        if ((g == STANCE_G_UNKNOWN && !org && !head_before(s->t, from, NULL) && !head_apposed_after(s->t, s->len, nm->last_end)) ||
            stance_sn_in_quote(s->quotes, from, nm->last_end))
            continue;
        if (add_ref(s, from, nm->last_end, -1, g, org))
            return STANCE_ERR_NOMEM;
    }
    /* By start, stably: every actor's mention went in before the first name run
     * (ent -1), so an actor comes before a name run at the same place. */
    if (stance_sort_stable(s->refs, s->n_refs, sizeof *s->refs, offsetof(ref, start)))
        return STANCE_ERR_NOMEM;
    drop_actor_runs(s);
    return build_lastw(s);
}

/* Is t[ws, we) the head word of @p d, in any case (ASCII)? */
static int same_word(const char *t, size_t ws, size_t we, const desc *d)
{
    return we - ws == d->he - d->hs && stance_ascii_caseeq(t + ws, t + d->hs, we - ws);
}

/* Does the text tie the name at @p r to the description's head (with @p d NULL:
 * to any role): the head or
 * its role right before the name ("CNN host Jake Tapper", "Sen. Bernie
 * Sanders"), or in an apposition after it ("Lori Bernstein, a scientist,")?
 * Either head of two coordinated descriptions will do. */
static int tied_head(const sstate *s, const ref *r, const desc *d);

static int tied(const sstate *s, const ref *r, const desc *d)
{
    return tied_head(s, r, d) || (d->also && tied_head(s, r, d->also));
}

/* Do the role word t[ws, we) and the head of @p d name the same title, a
 * title of two words read as one ("Vice President Jo Roe" is not "the
 * president", "Health Minister Rune Falk" not "the prime minister")? Words
 * that only qualify a title ("the longtime senator", "GOP Sen.") are not
 * compared: they name no other office often enough. */
static int same_title(const char *t, size_t ws, size_t we, const desc *d)
{
    const char *a = stance_role_title(t, ws, we, 0), *b = stance_role_title(t, d->hs, d->he, d->ds);
    return !a || !b || strcmp(a, b) == 0;
}

/* Is t[ws, we) the head of @p d, or a word of its role? With @p d NULL: is
 * it a role's word or a person noun at all ("senator", "executive")? */
static int head_word(const char *t, size_t ws, size_t we, const desc *d)
{
    const char *role;
    if (!d)
        return stance_role_or_person(t, ws, we, NULL);
    if (stance_age_of(t, ws, we, d->hs, d->he))
        return 1;
    return (same_word(t, ws, we, d) || (d->role && (role = stance_role_of(t, ws, we, NULL)) && role == d->role)) &&
           same_title(t, ws, we, d); /* not "Health Minister Rune Falk" for "the prime minister" */
}

/* stance_apposed_head()'s test: is t[ws, we) the head of the desc @p arg
 * (NULL: any role or person noun)? */
static int is_head(const char *t, size_t ws, size_t we, const void *arg)
{
    return head_word(t, ws, we, arg);
}

/* Does a description with the head of @p d (NULL: any role or person noun)
 * end at the comma at @p i, right before a name? */
static int head_apposed_before(const char *t, size_t i, const desc *d)
{
    return stance_apposed_head(t, i, is_head, d, NULL);
}

/* The head of @p d (NULL: any role or person noun) right before the name at
 * @p start: in an apposition ending at its comma, or as its title. */
static int head_before(const char *t, size_t start, const desc *d)
{
    size_t ws, we, i = start;
    while (i > 0 && t[i - 1] == ' ')
        i--;
    if (i > 0 && t[i - 1] == ',' && head_apposed_before(t, i - 1, d))
        return 1;
    return stance_word_before(t, i > 0 && t[i - 1] == '.' ? i - 1 : i, &ws, &we) &&
           (head_word(t, ws, we, d) || (d && we - ws > 1 && t[we - 1] == 's' && same_word(t, ws, we - 1, d)));
    /* "host Jo Roe", and the plural "hosts Jo Roe and Al Sim" */
}

/* Does a description of a person stand in apposition right after the name
 * run ending at @p e, closed by its own comma (", the director of the
 * clinic,", "Mara Quist, a retired surgeon,")? Not a description that is a
 * later clause's subject (", the mayor said": no comma closes it). */
static int head_apposed_after(const char *t, size_t len, size_t e)
{
    size_t ws, we, i = e + 1;
    unsigned n = 0, head = 0;
    if (e >= len || t[e] != ',' || !stance_word_after(t, len, i, &ws, &we) ||
        !(stance_word_is(t, ws, we, "the") || stance_word_is(t, ws, we, "a") || stance_word_is(t, ws, we, "an")))
        return 0;
    for (i = we; n < 4 && !head && stance_word_after(t, len, i, &ws, &we); n++, i = we)
        head = stance_role_or_person(t, ws, we, NULL); /* the head: "a retired surgeon", "the chief executive" */
    while (head && stance_word_after(t, len, i, &ws, &we) && stance_role_or_person(t, ws, we, NULL))
        i = we;
    if (!head || (t[i] != ',' && !(stance_word_after(t, len, i, &ws, &we) &&
                                   (stance_word_is(t, ws, we, "of") || stance_word_is(t, ws, we, "for") ||
                                    stance_word_is(t, ws, we, "at") || stance_word_is(t, ws, we, "in")))))
        return 0; /* the head ends it or a preposition follows: not ", the mayor also said" */
    for (; i < len && i < e + APPOSITION_REACH; i++) {
        if (t[i] == '.' || t[i] == '"' || t[i] == '\n' || (unsigned char)t[i] == 0xE2)
            return 0; /* (a sentence end, a quote mark or dash first: no apposition) */
        if (t[i] == ',')
            return 1;
    }
    return 0;
}

/* Is the run ending at @p e followed by a number or not, then one to three
 * lowercase words, the last a role or person noun, then a capitalised word
 * ("Channel 6 anchor Renee Fulton", "CNN host Jake Tapper")? Then the run
 * qualifies the person named next and is no person itself. */
static int qualifies_next(const char *t, size_t len, size_t e)
{
    size_t ws, we, i = e;
    unsigned n = 0;
    int role = 0;
    if (stance_word_after(t, len, i, &ws, &we) && ws == i + 1 && t[ws] >= '0' && t[ws] <= '9')
        i = we;
    for (; n < 3 && stance_word_after(t, len, i, &ws, &we) && ws == i + 1 && t[ws] >= 'a' && t[ws] <= 'z'; n++, i = we)
        if (stance_lex_classes_lower(t + ws, we - ws) & (STANCE_LX(CONJ) | STANCE_LX(PREP)))
            return 0; /* "Mayor Jo Roe and team owner Al Sim": two people */
        else
            role = stance_role_or_person(t, ws, we, NULL);
    return n && role && stance_word_after(t, len, i, &ws, &we) && ws == i + 1 && t[ws] >= 'A' && t[ws] <= 'Z';
}

/* The start of the run that qualifies the name at @p start (its words before
 * it: one to three lowercase words, the last a role or person noun, a number
 * or not, then one to three capitalised words: "Channel 6 anchor" before
 * "Renee Fulton"), or @p start when there is none. */
static size_t qualifier_start(const char *t, size_t start)
{
    size_t ws, we, i = start;
    unsigned n = 0, caps = 0;
    for (; n < 3 && stance_word_before(t, i, &ws, &we) && we + 1 == i && t[ws] >= 'a' && t[ws] <= 'z'; n++, i = ws)
        if (!n && !stance_role_or_person(t, ws, we, NULL))
            return start;
    if (n && stance_word_before(t, i, &ws, &we) && we + 1 == i && t[ws] >= '0' && t[ws] <= '9')
        i = ws;
    for (; n && caps < 3 && stance_word_before(t, i, &ws, &we) && we + 1 == i && t[ws] >= 'A' && t[ws] <= 'Z'; caps++)
        i = ws;
    return n && caps ? i : start;
}

static int tied_head(const sstate *s, const ref *r, const desc *d)
{
    const char *t = s->t;
    size_t ws, we, pos, qs;
    int first_the = 0;
    if (qualifies_next(t, s->len, r->end))
        return 0; /* "Channel" of "The moderator, Channel 6 anchor Renee Fulton,": the person is named next */
    if (head_before(t, r->start, d) || ((qs = qualifier_start(t, r->start)) != r->start && head_before(t, qs, d)))
        return 1;
    pos = r->end;
    while (pos < s->len && t[pos] == ' ')
        pos++;
    if (pos >= s->len || t[pos] != ',')
        return 0;
    pos++;
    for (unsigned n = 0; n < APPOSITION_WORDS && stance_word_after(t, s->len, pos, &ws, &we); n++, pos = we) {
        if (n == 0)
            first_the = stance_word_is(t, ws, we, "the");
        if (head_word(t, ws, we, d))
            return !(d && ws == d->hs && first_the); /* (not the description itself, right after the comma: 'In
                                                      * an interview with hosts Jo Roe and Mika Voss, the
                                                      * Democratic candidate stated') */
        if (we < s->len && strchr(",.;", t[we]))
            return 0;
    }
    return 0;
}

/* Do two referents name the same one (the same actor, or the same last word)? */
static int same_ref(const char *t, const ref *a, const ref *b)
{
    size_t as, ae, bs, be;
    if (a->ent >= 0 || b->ent >= 0)
        return a->ent == b->ent;
    return stance_word_before(t, a->end, &as, &ae) && stance_word_before(t, b->end, &bs, &be) && ae - as == be - bs &&
           memcmp(t + as, t + bs, ae - as) == 0;
}

/* The one definition of a sentence start (lib/quotes.h, SENTENCES); every
 * @p pos here is a character of the text. */
size_t stance_sent_start_plain(const char *t, size_t pos, size_t floor)
{
    return stance_sent_start_char_plain(t, pos, floor);
}

size_t stance_sent_start(const char *t, size_t pos, size_t floor)
{
    return stance_sent_start_char(t, pos, floor);
}

static int compatible(const ref *r, const desc *d)
{
    return r->org == d->org &&
           (d->gender == STANCE_G_UNKNOWN || r->gender == STANCE_G_UNKNOWN || r->gender == d->gender);
}

/* Is t[ps, i) a short opening phrase ending in a comma ("Still,", "Lashing
 * out,", "In an interview with CNN,"): at most OPENING_WORDS words, no other
 * comma, none of them a quote mark? */
#define OPENING_WORDS 6u
static int opening_phrase(const char *t, size_t ps, size_t i)
{
    unsigned words = 0;
    if (i < ps + 2 || t[i - 1] != ',')
        return 0;
    for (size_t k = ps; k + 1 < i; k++) {
        if (t[k] == ',' || t[k] == '"' || t[k] == '\n' || (unsigned char)t[k] == 0xE2)
            return 0;
        if (t[k] == ' ' && ++words >= OPENING_WORDS)
            return 0;
    }
    return 1;
}

int stance_sn_sent_before(const char *t, size_t ss, unsigned max_breaks, size_t *ps, size_t *e)
{
    size_t x = ss;
    while (x > 0 && (t[x - 1] == '\n' || t[x - 1] == ' '))
        x--;
    if (x < 2 || stance_sn_breaks(t, x, ss) > max_breaks)
        return 0;
    *e = x;
    *ps = stance_sent_start(t, x - 1, 0);
    return 1;
}

/* Is t[e, s), between two names, at most two words and no comma: "and",
 * "or", a verb and its object ("met", "called on")? */
static int close_pair(const char *t, size_t e, size_t s)
{
    unsigned words = 0;
    for (size_t k = e; k < s; k++) {
        if (t[k] == ',' || t[k] == '\n' || t[k] == '.')
            return 0;
        if (t[k] != ' ' && (k == e || t[k - 1] == ' ') && ++words > 2)
            return 0;
    }
    return 1;
}

/* Is a referent from @p lo on, starting before @p ss, compatible with @p d? */
static int compatible_in(const sstate *s, const desc *d, size_t lo, size_t ss)
{
    for (size_t k = lo; k < s->n_refs && s->refs[k].start < ss; k++)
        if (compatible(&s->refs[k], d))
            return 1;
    return 0;
}

/* The start of the sentence of the description at @p at whose quote is @p
 * qs: not inside a quote (a period or "!" inside it: "the U.S. Supreme
 * Court", 'to chants of "Marco! Marco!," the senator said'), its own or
 * another's earlier in the sentence. */
static size_t desc_sent_start(const sstate *s, size_t at, stance_span qs)
{
    size_t ss = stance_sent_start(s->t, at, 0);
    if (ss > qs.start && ss <= qs.end)
        return stance_sent_start(s->t, qs.start, 0);
    for (size_t j = 0; j < s->quotes->n && s->quotes->q[j].span.start < ss; j++)
        if (ss <= s->quotes->q[j].span.end)
            return stance_sent_start(s->t, s->quotes->q[j].span.start, 0);
    return ss;
}

/* The subject of the sentence before the description's (its first referent,
 * opening it, a title aside: "Lori Bernstein held up a sign ... The 57-year-old
 * scientist says"), when it is compatible with @p d and the only one of that
 * sentence; else NULL. */
static const ref *sentence_subject(const sstate *s, const desc *d, size_t at, stance_span qs, int strict)
{
    size_t ss = desc_sent_start(s, at, qs), ps, lo, i, e;
    const ref *r;
    if (!stance_sn_sent_before(s->t, ss, UINT_MAX, &ps, &e)) /* (it may end the paragraph before) */
        return NULL;
    lo = stance_first_end_after(s->refs, s->n_refs, sizeof *s->refs, offsetof(ref, end), ps);
    if (!strict && !compatible_in(s, d, lo, ss) && stance_sn_sent_before(s->t, ps, 1, &i, &e)) {
        ss = ps; /* "Gary Roe has written a book. The Post released an excerpt. In it, the author wrote": */
        ps = i;  /* a sentence naming no person of the kind is passed over, once */
        lo = stance_first_end_after(s->refs, s->n_refs, sizeof *s->refs, offsetof(ref, end), ps);
    }
    if (lo >= s->n_refs || (r = &s->refs[lo])->start >= ss)
        return NULL;
    i = stance_mentions_skip_title(s->t, r->start);
    while (i > ps && s->t[i - 1] == ' ')
        i--;
    if ((i != ps && !opening_phrase(s->t, ps, i)) || !compatible(r, d))
        return NULL;
    /* another person in that sentence: "Sam Ito and Elena Diaz listened.",
     * "Tom Park met Elena Diaz." have no one person the description is; one
     * named further on ("rely on an attack against Cruz by Jo Roe", "said
     * that Roe would") leaves the subject the one meant, unless the text ties
     * the head to somebody further back (@p strict) */
    for (size_t k = lo + 1; k < s->n_refs && s->refs[k].start < ss; k++)
        if (compatible(&s->refs[k], d) && !same_ref(s->t, r, &s->refs[k]) &&
            !stance_possessive_at(s->t, s->len, s->refs[k].end) &&
            (strict || close_pair(s->t, r->end, stance_mentions_skip_title(s->t, s->refs[k].start))))
            return NULL;
    return r;
}

/* The description of a person or organisation opening the sentence before
 * the one at @p at (whose quote is @p qs), in its first four words ("The
 * former governor, who dropped his bid, noted"), with an organisation head
 * when @p org: 1 with @p d2 (and @p d3) its head and @p ps that sentence's start. */
static int desc_opening_before(sstate *s, size_t at, stance_span qs, int org, desc *d2, desc *d3, size_t *ps)
{
    size_t ss = desc_sent_start(s, at, qs), e, i, ws, we;
    if (!stance_sn_sent_before(s->t, ss, UINT_MAX, ps, &e))
        return 0;
    i = *ps;
    for (unsigned n = 0; n < 4 && stance_word_after(s->t, s->len, i, &ws, &we) && we <= e; n++, i = we) {
        if (n == 0 || (we < s->len && s->t[we] != ',' && s->t[we] != ' '))
            continue;
        if (read_desc(s, (stance_span){*ps, we}, d2, d3) && d2->org == org)
            return 1;
    }
    return 0;
}

static const ref *tied_further(const sstate *s, const desc *d, size_t lo, size_t at);

/* The referent further back than @p ps, within TIE_REACH bytes, that the
 * text ties to the description @p d (of its kind, person or organisation), or NULL. */
static const ref *tied_back(const sstate *s, const desc *d, size_t ps)
{
    return tied_further(s, d, stance_first_end_after(s->refs, s->n_refs, sizeof *s->refs, offsetof(ref, end), ps), ps);
}

/* The description opening the sentence before the one at @p at ("The former
 * governor, who dropped his bid, noted that ... . '...,' the Texan said"),
 * when the text ties its head to a referent further back ("Gov. Rick
 * Perry"): that referent, if compatible with @p d; else NULL. */
static const ref *described_subject_before(sstate *s, const desc *d, size_t at, stance_span qs)
{
    desc d2, d3;
    size_t ps;
    const ref *r;
    if (!desc_opening_before(s, at, qs, d->org, &d2, &d3, &ps))
        return NULL;
    r = tied_back(s, &d2, ps);
    return r && compatible(r, d) ? r : NULL;
}

/* A he or she named by the pronoun resolver, in a sentence after one opened
 * by a description of a person that the text ties to another referent, with
 * no other person of its gender named in between ("Desmond Harcourt, the
 * former energy minister," ... "The former minister also had a message.
 * '...,' he said."): that referent speaks (@p built: the referents are built). */
static int pronoun_described(sstate *s, stance_rawquote *q, int *built)
{
    desc pd, d2, d3;
    size_t ps, lo;
    const ref *r;
    char *name;
    int g, rc;
    if (!q->speaker || q->role || q->speaker_span.start == STANCE_NO_OFFSET ||
        !stance_names_pronoun(s->t, q->speaker_span.start, q->speaker_span.end, &g) || g == STANCE_G_UNKNOWN ||
        !desc_opening_before(s, q->speaker_span.start, q->span, 0, &d2, &d3, &ps) ||
        (d2.gender != STANCE_G_UNKNOWN && d2.gender != g) || stance_sn_in_quote(s->quotes, ps, d2.he))
        return STANCE_OK; /* (not a sentence of a quote: '"... The judge understood," she said') */
    if (!(*built)++ && (rc = build_refs(s)) != STANCE_OK)
        return rc;
    memset(&pd, 0, sizeof pd);
    pd.gender = g;
    if (!(r = tied_back(s, &d2, ps)) || !compatible(r, &pd))
        return STANCE_OK;
    lo = stance_first_end_after(s->refs, s->n_refs, sizeof *s->refs, offsetof(ref, end), ps);
    for (size_t k = lo; k < s->n_refs && s->refs[k].start < q->speaker_span.start; k++)
        if (compatible(&s->refs[k], &pd) && !same_ref(s->t, r, &s->refs[k]))
            return STANCE_OK; /* "The former minister met Brendan Mulvey. '...,' he said": not guessed */
    name = r->ent >= 0 ? stance_strdup(s->ents->e[r->ent].name) : stance_strndup(s->t + r->start, r->end - r->start);
    if (!name)
        return STANCE_ERR_NOMEM;
    stance_free(q->speaker);
    q->speaker = name;
    return STANCE_OK;
}

/* The nearest referent before the one at @p lo, within TIE_REACH bytes of
 * @p at, that the text ties to @p d, or NULL. */
static const ref *tied_further(const sstate *s, const desc *d, size_t lo, size_t at)
{
    for (size_t k = lo; k-- > 0;) {
        const ref *r = &s->refs[k];
        if (r->end + TIE_REACH < at)
            break;
        if (r->org == d->org && tied(s, r, d))
            return r;
    }
    return NULL;
}

/* Does the referent @p r follow a place preposition ("at", "in", "on"), "the"
 * between or not ("rallied at Temple University", "its impact on the Electoral College")? */
static int after_place_prep(const sstate *s, const ref *r)
{
    size_t ws, we;
    if (!stance_word_before(s->t, r->start, &ws, &we) ||
        (stance_word_is(s->t, ws, we, "the") && !stance_word_before(s->t, ws, &ws, &we)))
        return 0;
    return stance_lex_in_rules(s->t + ws, we - ws, STANCE_LQ(PREP));
}

/* Does a comma come right before @p start ("The chairman of the council, Alan Fenn,")? */
static int apposed(const char *t, size_t start)
{
    while (start > 0 && t[start - 1] == ' ')
        start--;
    return start > 0 && t[start - 1] == ',';
}

/* Does the head word of @p d come in t[@p a, @p b)? */
static int head_between(const sstate *s, const desc *d, size_t a, size_t b)
{
    size_t ws, we;
    for (size_t i = a; i < b;) {
        if (!stance_word_after(s->t, b, i, &ws, &we)) {
            i++;
            continue;
        }
        if (same_word(s->t, ws, we, d))
            return 1;
        i = we;
    }
    return 0;
}

/* Does "the" and the head word of @p d come in t[@p a, @p b), not set off
 * by a comma before it ("Roe went further, saying the senator \"should
 * resign\""; not "Roe, the senator,")? Whoever stood before it spoke of the
 * senator as of somebody else, so is no senator named by the description. */
static int definite_head_between(const sstate *s, const desc *d, size_t a, size_t b)
{
    size_t ws, we, ps, pe;
    for (size_t i = a; i < b;) {
        if (!stance_word_after(s->t, b, i, &ws, &we)) {
            i++;
            continue;
        }
        if (same_word(s->t, ws, we, d) && ws > a && stance_word_before(s->t, ws, &ps, &pe) && ps >= a && pe + 1 == ws &&
            stance_word_is(s->t, ps, pe, "the") && !apposed(s->t, ps))
            return 1;
        i = we;
    }
    return 0;
}

/* Does the organisation referent @p r fit the kind noun of @p d? An
 * organisation of unknown kind fits any; one of a known kind, a place or one
 * of none of the kinds only a noun of its kind ("the hospital" is no "Marlow
 * County", "the airline" no "Corvane Foods"); a board, committee or agency
 * noun fits any ("the paper's editorial board"). */
static int org_fits(const sstate *s, const desc *d, const ref *r)
{
    return stance_org_kinds_fit(d->kind, s->t + r->start, r->end - r->start);
}

/* Is the name at @p r titled with another office of @p d's role right before
 * it ("Health Minister Rune Falk" for "the prime minister", "Vice President
 * Jo Roe" for "the president")? */
static int other_office(const sstate *s, const ref *r, const desc *d)
{
    size_t ws, we, i = r->start;
    const char *role;
    while (i > 0 && s->t[i - 1] == ' ')
        i--;
    if (i > 0 && s->t[i - 1] == '.')
        i--; /* "Gov." */
    if (!stance_word_before(s->t, i, &ws, &we) || we != i)
        return 0;
    role = stance_role_of(s->t, ws, we, NULL);
    return (same_word(s->t, ws, we, d) || (role && role == d->role)) && !same_title(s->t, ws, we, d);
}

/* Is the one @p r names (or, with @p r NULL, the one called @p name) titled
 * anywhere in the text with another office of @p d's role? Then it is not the
 * holder of the description, however near it stands or last it spoke. */
static int holds_other_office(const sstate *s, const ref *r, const char *name, const desc *d)
{
    if (!d->role)
        return 0;
    for (size_t k = 0; k < s->n_refs; k++) {
        const ref *o = &s->refs[k];
        int same = r ? same_ref(s->t, o, r)
                     : o->ent >= 0 ? strcmp(s->ents->e[o->ent].name, name) == 0
                                   : strlen(name) == o->end - o->start && memcmp(name, s->t + o->start, o->end - o->start) == 0;
        if (same && other_office(s, o, d))
            return 1;
    }
    return 0;
}

/* Does a mention within the reach of name_of() (a referent at or before
 * @p lo) of the one @p r names have "the" and the head of @p d after it in
 * its sentence, not apposed ("Rudell, who bought the team, praised the
 * mayor.")? That sentence spoke of the holder of the head as somebody else. */
static int head_after_in_sentence(const sstate *s, const desc *d, const ref *r, size_t lo, size_t at)
{
    for (size_t k = lo; k-- > 0;) {
        const ref *o = &s->refs[k];
        size_t e = o->end;
        if (o->end + STANCE_SPEAKER_NAME_REACH < at || stance_sn_breaks(s->t, o->end, at) > 1)
            break;
        if (!same_ref(s->t, o, r))
            continue;
        while (e < at && !strchr(".?!\n", s->t[e]))
            e++;
        if (definite_head_between(s, d, o->end, e))
            return 1;
    }
    return 0;
}

/* The referent that names the description @p d at @p at, or NULL: the
 * nearest one tied to it, else the only compatible one within reach (or the
 * subject of the sentence before the one where the description's sentence
 * with its quote @p qs starts). */
static const ref *name_of(sstate *s, const desc *d, size_t at, stance_span qs, int *is_tied)
{
    /* from the first referent ending after the description starts, backwards */
    size_t lo = stance_first_end_after(s->refs, s->n_refs, sizeof *s->refs, offsetof(ref, end), at);
    const ref *only = NULL, *only_g = NULL, *r0, *far;
    int ambiguous = 0, ambiguous_g = 0;
    *is_tied = 0;
    for (size_t k = lo; k-- > 0;) {
        const ref *r = &s->refs[k];
        if (r->end + STANCE_SPEAKER_NAME_REACH < at || stance_sn_breaks(s->t, r->end, at) > 1)
            break;
        if (r->org != d->org || (d->org && !org_fits(s, d, r)))
            continue; /* (not "the airline" for "Corvane Foods": mentions_kind.c) */
        if ((*is_tied = tied(s, r, d)) != 0)
            return r;
        if (d->gender != STANCE_G_UNKNOWN && r->gender != STANCE_G_UNKNOWN && r->gender != d->gender)
            continue;
        if (holds_other_office(s, r, NULL, d))
            continue; /* "Health Minister Rune Falk" ... "the prime minister said": somebody else */
        if (!only)
            only = r;
        else if (!same_ref(s->t, only, r))
            ambiguous = 1;
        if (d->pron_gender && r->gender == d->gender) {
            if (!only_g)
                only_g = r;
            else if (!same_ref(s->t, only_g, r))
                ambiguous_g = 1;
        }
    }
    if (ambiguous && only_g && !ambiguous_g) {
        only = only_g; /* ("Reprising her lines, the former secretary of state": the one "she" of
                        * them, not the unknown "America"; a role's gender ("the pope") is no sign of that) */
        ambiguous = 0;
    }
    /* the nearest name further back that the text ties to the head ("Mayor
     * Bill de Blasio" ... two paragraphs ... "the mayor said"): before the
     * description opening the sentence before, which is somebody else's then */
    far = tied_further(s, d, lo, at);
    if (!far && (r0 = described_subject_before(s, d, at, qs)) != NULL)
        return r0;
    if (only && !d->org && (definite_head_between(s, d, only->end, at) || head_after_in_sentence(s, d, only, lo, at)))
        only = NULL; /* "Roe went further, saying the senator ... . The senator answered"; "Roe praised the
                      * mayor. '...,' Roe said. The mayor replied" */
    if (only && !ambiguous && !(far && tied_head(s, only, NULL)) && !(d->org && after_place_prep(s, only)) &&
        !(head_between(s, d, stance_sent_start(s->t, only->start, 0), only->start) && !apposed(s->t, only->start)))
        return only; /* unless another role is its ("Its president, Jo Roe,") and the head is tied further back, or
                      * the head itself comes before it in its sentence, not apposed ("The newspaper urged Clinton to think of the
                      * Electoral College. '...,' the newspaper admitted": the newspaper, not the college), or an
                      * organisation's place ("the crowd rallied at Temple University. '...!' the group shouted") */
    if (only && !ambiguous)
        only = NULL;
    if (only && (r0 = sentence_subject(s, d, at, qs, far != NULL)))
        return r0;
    *is_tied = far != NULL; /* no tie nearby and no single candidate */
    return far;
}

/* Give quote @p q the allocated @p name (taken, also on failure); the
 * description it had becomes its role. */
int stance_sn_set_described(sstate *s, stance_rawquote *q, char *name)
{
    char *role = NULL;
    if (!name || (!q->role && !(role = stance_strndup(s->t + q->speaker_span.start,
                                                       q->speaker_span.end - q->speaker_span.start)))) {
        stance_free(name);
        return STANCE_ERR_NOMEM;
    }
    stance_free(q->speaker);
    q->speaker = name;
    if (role)
        q->role = role;
    q->how = STANCE_ATTR_DESCRIBED;
    return STANCE_OK;
}

/* Is the cue of @p q a form of "ask" (the lexicon's rule list ASK: "asked",
 * "asking", "asks")? A described speaker who asks ('"...," Reed said. The
 * moderator followed up, asking: "...?"') is the one asking the person named
 * or quoted before, so no untied guess names it with that person. */
static int asks(const sstate *s, const stance_rawquote *q)
{
    size_t cs = q->cue_span.start, ce = q->cue_span.end;
    return cs != STANCE_NO_OFFSET && stance_lex_in_rules(s->t + cs, ce - cs, STANCE_LQ(ASK));
}

/* The speaker of the nearest quote before quote @p qi that has one, when it
 * is a person's name compatible with @p d, no more than PREV_REACH bytes and
 * two paragraph breaks back ('"...," Perry said. ... "...," the Texan said'),
 * else NULL. */
#define PREV_REACH 1500u
static const stance_rawquote *prev_speaker(const sstate *s, size_t qi, const desc *d)
{
    const stance_rawquote *q = &s->quotes->q[qi];
    for (size_t j = qi; j-- > 0;) {
        const stance_rawquote *o = &s->quotes->q[j];
        size_t n;
        int g;
        if (o->span.end + PREV_REACH < q->span.start || stance_sn_breaks(s->t, o->span.end, q->span.start) > 2)
            return NULL;
        if (!o->speaker || o->how == STANCE_ATTR_NONE)
            continue;
        if (o->how != STANCE_ATTR_NAME && o->how != STANCE_ATTR_PRONOUN && o->how != STANCE_ATTR_INHERIT)
            return NULL; /* a description or a label speaks: not guessed further back */
        if (head_between(s, d, o->span.end, q->span.start < q->speaker_span.start ? q->span.start : q->speaker_span.start))
            return NULL; /* "another unnamed official ... the second official": introduced in between */
        if (!d->org && o->speaker_span.start != STANCE_NO_OFFSET && o->speaker_span.end < o->span.start &&
            definite_head_between(s, d, o->speaker_span.end, o->span.start))
            return NULL; /* "Roe went further, saying the senator \"...\"": the senator is somebody else */
        n = strlen(o->speaker);
        g = stance_names_gender(o->speaker, 0, n);
        if (d->org || stance_name_is_org(o->speaker, 0, n) ||
            (d->gender != STANCE_G_UNKNOWN && g != STANCE_G_UNKNOWN && g != d->gender) ||
            holds_other_office(s, NULL, o->speaker, d))
            return NULL; /* (not the health minister who spoke last for "the prime minister") */
        return o;
    }
    return NULL;
}

/* The quote before quote @p qi, within TIE_REACH bytes, whose description
 * with the same head word was named here ('"...," the Vermont senator said'
 * named Sanders; '"...?" Borger asked. "...," the senator said': Sanders
 * again, not the last speaker), or NULL. */
static const stance_rawquote *same_head_named(const sstate *s, size_t qi, const desc *d)
{
    const stance_rawquote *q = &s->quotes->q[qi];
    for (size_t j = qi; j-- > 0;) {
        const stance_rawquote *o = &s->quotes->q[j];
        const char *h;
        size_t rn;
        if (o->span.end + TIE_REACH < q->span.start)
            return NULL;
        if (o->how != STANCE_ATTR_DESCRIBED || !o->role || !o->speaker || strcmp(o->speaker, o->role) == 0)
            continue;
        rn = strlen(o->role);
        h = strrchr(o->role, ' ');
        h = h ? h + 1 : o->role;
        if ((size_t)(o->role + rn - h) == d->he - d->hs && stance_ascii_caseeq(h, s->t + d->hs, d->he - d->hs))
            return o;
    }
    return NULL;
}

/* Give quote @p q the name at @p r; the description becomes its role. */
int stance_sn_rename_speaker(sstate *s, stance_rawquote *q, const ref *r)
{
    return stance_sn_set_described(s, q, r->ent >= 0 ? stance_strdup(s->ents->e[r->ent].name)
                                           : stance_strndup(s->t + r->start, r->end - r->start));
}


/* A speaker that is somebody's thing ("Clinton's response", "the campaign's
 * statement", "her Twitter account"): up to POSS_OWNER_WORDS words and the
 * clitic "'s", or "his"/"her", then one to ISSUE_MODS + 1 words, the first
 * of them lowercase after "'s" and the last a lowercase noun that is no
 * person, role, kin ("her husband" is a person), group ("her supporters") or
 * organisation noun. 1 with @p owner_end the end of the
 * owner; 2 for a pronoun, with @p g its gender. */
#define POSS_OWNER_WORDS 4u
static int possessed_thing(sstate *s, stance_span sp, size_t *owner_end, int *g)
{
    const stance_token *v;
    size_t n, p = 0, from;
    stance_error err;
    if (sp.end - sp.start > 120 || stance_toks_build(s->t + sp.start, sp.end - sp.start, &s->tk, &err))
        return 0;
    v = s->tk.v;
    n = s->tk.n;
    *g = n > 1 ? stance_sn_poss_pronoun(s->t, sp.start + v[0].start, sp.start + v[0].end) : STANCE_G_UNKNOWN;
    if (*g == STANCE_G_UNKNOWN) {
        while (p < n && v[p].kind != STANCE_TK_POSS)
            p++;
        if (p == 0 || p > POSS_OWNER_WORDS || p + 1 >= n || !(v[p + 1].shape & STANCE_SH_LOWER))
            return 0;
    }
    from = *g == STANCE_G_UNKNOWN ? p + 1 : 1;
    if (n - from > ISSUE_MODS + 1)
        return 0;
    for (size_t k = from; k < n; k++)
        if (v[k].kind != STANCE_TK_WORD)
            return 0;
    if (!(v[n - 1].shape & STANCE_SH_LOWER) || (v[n - 1].lcls & (STANCE_LX(PERSON_NOUN) | STANCE_LX(ROLE) | STANCE_LX(ORG_NOUN) | STANCE_LX(KIN) | STANCE_LX(GROUP_NOUN))) ||
        stance_role_of(s->t, sp.start + v[n - 1].start, sp.start + v[n - 1].end, NULL))
        return 0;
    *owner_end = sp.start + v[*g == STANCE_G_UNKNOWN ? p - 1 : 0].end;
    return *g == STANCE_G_UNKNOWN ? 1 : 2;
}

/* The quote before @p qi whose described speaker's role ends in the head
 * word of the definite thing that speaks @p qi ("the column"), or NULL. */
static const stance_rawquote *same_thing_named(const sstate *s, size_t qi)
{
    const stance_rawquote *q = &s->quotes->q[qi];
    wtok head;
    int indef;
    desc d;
    if (!stance_sn_thing_np(s->t, q->speaker_span.start, q->speaker_span.end, &head, &indef) || indef ||
        (stance_lex_classes_lower(s->t + head.s, head.e - head.s) & STANCE_LX(ORG_NOUN)))
        return NULL; /* (not "the campaign": a body, not the same document) */
    memset(&d, 0, sizeof d);
    d.hs = head.s;
    d.he = head.e;
    return same_head_named(s, qi, &d);
}

/* A thing described around a name ("this Trump look-alike", "a Pentagon
 * readout", "the Vox Populi (Voice of the People) column"): an article, the
 * name run, an aside in parentheses and lowercase words only. 1 with
 * [*@p ns, *@p ne) the name, else 0. */
/* Does the name run at @p bare open with a place's word: the lexicon's PLACE
 * or STATE_FIRST ("Ohio", "New"), or its rule list PLACE_FIRST ("U.S.",
 * "South")? */
static int place_word(const char *t, size_t bare)
{
    size_t n = 0;
    while (t[bare + n] && t[bare + n] != ' ' && t[bare + n] != '-' && n < STANCE_LEX_MAXLEN)
        n++;
    return (stance_lex_classes(t + bare, n) & (STANCE_LX(PLACE) | STANCE_LX(STATE_FIRST))) ||
           stance_lex_in_rules(t + bare, n, STANCE_LQ(PLACE_FIRST));
}

static int name_inside(const sstate *s, stance_span sp, size_t *ns, size_t *ne)
{
    const stance_namelist *nl = &s->quotes->names;
    const char *t = s->t;
    wtok w;
    size_t k, pos, words = 0;
    if (!stance_sn_tok_after(t, sp.end, sp.start, &w) ||
        !(stance_sn_is_article(t, w) || stance_word_is(t, w.s, w.e, "this")))
        return 0;
    k = stance_first_end_after(nl->v, nl->n, sizeof *nl->v, offsetof(stance_name, end), w.e);
    if (k >= nl->n || nl->v[k].end > sp.end || nl->v[k].bare < w.e)
        return 0;
    for (pos = w.e; stance_sn_tok_after(t, nl->v[k].start, pos, &w); pos = w.e)
        if (!stance_sn_plain_lower(t, w))
            return 0; /* (only lowercase words before the name) */
    pos = nl->v[k].end;
    while (pos < sp.end && t[pos] == ' ')
        pos++;
    if (pos < sp.end && t[pos] == '(') {
        while (pos < sp.end && t[pos] != ')')
            pos++;
        if (pos++ >= sp.end)
            return 0;
    }
    for (; stance_sn_tok_after(t, sp.end, pos, &w); pos = w.e, words++)
        if (!stance_sn_plain_lower(t, w))
            return 0;
    /* (not a person: "a Clinton campaign spokesman", "the RNC member", "a Christie supporter") */
    if (!words || (stance_lex_classes_lower(t + w.s, w.e - w.s) & (STANCE_LX(PERSON_NOUN) | STANCE_LX(ROLE))) ||
        stance_agent_noun(t, w.s, w.e) || (stance_lex_classes(t + nl->v[k].bare, nl->v[k].last_end - nl->v[k].bare) & STANCE_LX(DEMONYM)))
        return 0;
    if (place_word(t, nl->v[k].bare))
        return 0; /* "The U.S. media", "the Ohio media": a place as a modifier names no speaker */
    *ns = nl->v[k].start; /* (titles kept: "State Department"; not a leading "The") */
    if (*ns + 4 <= nl->v[k].last_end && (memcmp(t + *ns, "The ", 4) == 0 || memcmp(t + *ns, "the ", 4) == 0))
        *ns += 4;
    *ne = nl->v[k].last_end;
    return 1;
}

/* A speaker known by a first name alone that the text gives as somebody's kin
 * within KIN_REACH bytes before @p at ("Clinton's husband, Bill, ..." ...
 * "Bill"): that first name and the possessor's surname ("Bill Clinton"),
 * allocated; else NULL (also when out of memory: the speaker then stays). */
#define KIN_REACH 4000u
static char *kin_full_name(const sstate *s, const char *first, size_t at)
{
    const char *t = s->t;
    size_t n = strlen(first);
    wtok kin, owner;
    if (n < 2 || strchr(first, ' ') || !stance_names_is_first_name(first, n))
        return NULL;
    for (size_t i = at > KIN_REACH ? at - KIN_REACH : 2; i + n < s->len && i < at; i++) {
        size_t oe, le, ls;
        char *out;
        if (t[i] != first[0] || memcmp(t + i, first, n) != 0 || t[i + n] != ',' || t[i - 1] != ' ' || t[i - 2] != ',' ||
            !stance_sn_tok_before(t, i - 2, 0, &kin) || !(stance_lex_classes_lower(t + kin.s, kin.e - kin.s) & STANCE_LX(KIN)) ||
            !stance_sn_tok_before(t, kin.s, 0, &owner))
            continue;
        if ((oe = stance_poss_start(t, owner.s, owner.e, 0)) == owner.e)
            continue; /* no "'s" */
        for (ls = le = oe; ls > owner.s && stance_is_word_byte((unsigned char)t[ls - 1]); ls--)
            ;
        if (le - ls < 2 || t[ls] < 'A' || t[ls] > 'Z' || !(out = stance_malloc(n + 1 + (le - ls) + 1)))
            continue;
        memcpy(out, first, n);
        out[n] = ' ';
        memcpy(out + n + 1, t + ls, le - ls);
        out[n + 1 + (le - ls)] = 0;
        return out;
    }
    return NULL;
}

/* The sentence before the one of quote span @p qs opens (past a short
 * opening phrase with a preposition, "At a drugstore near the mosque,") with
 * an indefinite person, "a" and up to three words, the last a person or role
 * noun (or an agent noun: "cashier"), then a lowercase word ("a middle-aged cashier was shaken"), and
 * @p d's head is a plain person noun of a compatible gender (the lexicon's,
 * stance_plain_noun_gender(): "man", "woman", "girl"; not a kinship noun):
 * the description continues that unnamed person. 1 with [*ns, *ne) the
 * phrase. */
static int indefinite_before(const sstate *s, const desc *d, stance_span qs, size_t *ns, size_t *ne)
{
    size_t e, ps, i, ws, we;
    int g = STANCE_G_UNKNOWN, hg = stance_plain_noun_gender(stance_lex_classes_lower(s->t + d->hs, d->he - d->hs));
    if (d->org || d->role || hg == STANCE_G_UNKNOWN ||
        !stance_sn_sent_before(s->t, stance_sent_start(s->t, qs.start, 0), UINT_MAX, &ps, &e))
        return 0;
    if (!stance_word_after(s->t, e, ps, &ws, &we))
        return 0;
    if (stance_lex_classes_lower(s->t + ws, we - ws) & STANCE_LX(PREP)) {
        for (i = we; i < e && s->t[i] != ',' && s->t[i] != '"' && (unsigned char)s->t[i] != 0xE2; i++)
            ;
        if (i >= e || s->t[i] != ',' || !opening_phrase(s->t, ps, i + 1) || !stance_word_after(s->t, e, i + 1, &ws, &we))
            return 0;
    }
    if (!(stance_word_is(s->t, ws, we, "a") || stance_word_is(s->t, ws, we, "an")))
        return 0;
    *ns = ws;
    for (int n = 0; n < 3 && stance_word_after(s->t, e, we, &ws, &we); n++) {
        size_t k, nws, nwe;
        while (we < e && s->t[we] == '-' && stance_word_after(s->t, e, we + 1, &nws, &nwe) && nws == we + 1)
            we = nwe; /* "middle-aged" */
        if (!(stance_lex_classes(s->t + ws, we - ws) & (STANCE_LX(PERSON_NOUN) | STANCE_LX(ROLE))) &&
            !stance_agent_noun(s->t, ws, we)) {
            if (s->t[ws] >= 'A' && s->t[ws] <= 'Z')
                return 0;
            continue;
        }
        k = we;
        stance_role_of(s->t, ws, we, &g);
        if (we >= e || s->t[we] != ' ' || !stance_word_after(s->t, e, k, &nws, &nwe) || !(s->t[nws] >= 'a' && s->t[nws] <= 'z'))
            return 0;
        if (g != STANCE_G_UNKNOWN && g != hg)
            return 0;
        *ne = we;
        return 1;
    }
    return 0;
}

/* An indefinite with the same head as the description @p d at @p at, within
 * INDEF_REACH bytes and two paragraph breaks before it: "a", "an", "one" or
 * "another" and at most three words, then the head ("A witness interviewed
 * by the staff said ... . The witness said", "greeted by an organizer ...
 * the organizer told them"): the description continues that unnamed person.
 * 1 with [*ns, *ne) the nearest such phrase. */
#define INDEF_REACH 800u
static int same_head_indefinite(const sstate *s, const desc *d, size_t at, size_t *ns, size_t *ne)
{
    size_t i = at > INDEF_REACH ? at - INDEF_REACH : 0, ws, we, ind = 0;
    unsigned since = 4; /* words since the last indefinite */
    int found = 0;
    for (; i < at; i = we) {
        if (!stance_word_after(s->t, at, i, &ws, &we)) {
            we = i + 1;
            continue;
        }
        if (stance_word_is(s->t, ws, we, "a") || stance_word_is(s->t, ws, we, "an") ||
            stance_word_is(s->t, ws, we, "one") || stance_word_is(s->t, ws, we, "another")) {
            ind = ws;
            since = 0;
            continue;
        }
        if (since++ < 4 && same_word(s->t, ws, we, d) && stance_sn_breaks(s->t, we, at) <= 2) {
            *ns = ind;
            *ne = we;
            found = 1;
        }
    }
    return found;
}

/* The unnamed person a person description @p d at @p at continues: an
 * indefinite of the same head nearby (same_head_indefinite()), 1 with
 * [*ns, *ne) the phrase; 2 with @p named the name it is apposed to ("Jo
 * Roe, a retired surgeon, ..."); 0 when there is none, or when the name
 * @p tied_to (NULL: none), tied to the head, comes after the indefinite. */
static int same_head_unnamed(const sstate *s, const desc *d, size_t at, const ref *tied_to, size_t *ns, size_t *ne,
                             const ref **named)
{
    size_t k;
    if (d->role || d->org || !same_head_indefinite(s, d, at, ns, ne))
        return 0;
    k = stance_first_end_after(s->refs, s->n_refs, sizeof *s->refs, offsetof(ref, end), *ns > 3 ? *ns - 3 : 0);
    for (; k < s->n_refs && s->refs[k].end <= *ns; k++)
        if (s->t[s->refs[k].end] == ',' && *ns - s->refs[k].end <= 2) {
            *named = &s->refs[k];
            return 2;
        }
    return tied_to && tied_to->start > *ns ? 0 : 1;
}

/* Does the organisation description @p sp name a person of the text
 * before its head ("the Clinton campaign": a capitalised word that ends a
 * person's referent; not "the Vermont senator", "the State Department")? */
static int owner_named(const sstate *s, stance_span sp, const desc *d)
{
    size_t ws, we;
    for (size_t i = sp.start; i < d->hs && stance_word_after(s->t, d->hs, i, &ws, &we); i = we) {
        if (!(s->t[ws] >= 'A' && s->t[ws] <= 'Z') || stance_word_is(s->t, ws, we, "The"))
            continue;
        if (s->lw && !memchr(s->t + ws, ' ', we - ws)) {
            /* a referent before it that ends with " word": the first of that word in the index */
            lastw key = {s->t + ws, we - ws, 0};
            const lastw *f = s->n_lw ? bsearch(&key, s->lw, s->n_lw, sizeof *s->lw, lastw_word_cmp) : NULL;
            if (f && f->start < sp.start)
                return 1;
            continue;
        }
        for (size_t k = 0; k < s->n_refs; k++) {
            const ref *r = &s->refs[k];
            if (!r->org && r->end - r->start > we - ws && r->start < sp.start &&
                memcmp(s->t + r->end - (we - ws), s->t + ws, we - ws) == 0 && s->t[r->end - (we - ws) - 1] == ' ')
                return 1;
        }
    }
    return 0;
}

int stance_speaker_names(stance_quotelist *quotes, const char *text, size_t len, const stance_entityset *ents,
                         stance_error *err)
{
    sstate s;
    int rc = STANCE_OK, built = 0;
    memset(&s, 0, sizeof s);
    s.t = text;
    s.len = len;
    s.quotes = quotes;
    s.ents = ents;
    for (size_t qi = 0; qi < quotes->n && rc == STANCE_OK; qi++) {
        stance_rawquote *q = &quotes->q[qi];
        const ref *r, *ar = NULL;
        const stance_rawquote *o;
        desc d, d2;
        issuer is;
        size_t owner_end, ns, ne;
        int person, thing, g, is_tied = 0, u = 0;
        if (q->how == STANCE_ATTR_PRONOUN) {
            rc = pronoun_described(&s, q, &built);
            if (rc == STANCE_OK && !q->speaker && q->speaker_span.start != STANCE_NO_OFFSET &&
                (built++ || !(rc = build_refs(&s))))
                rc = stance_sn_it_document(&s, q); /* "It says ..." of a lawsuit filed by X */
            continue;
        }
        if (q->how != STANCE_ATTR_NOUN || !q->speaker || q->speaker_span.start == STANCE_NO_OFFSET ||
            q->speaker_span.end <= q->speaker_span.start)
            continue;
        if (plural_count(&s, q->speaker_span))
            continue; /* "The two lawmakers, however, argue": more than one person, no one name */
        person = read_desc(&s, q->speaker_span, &d, &d2);
        if (person && !d.org && d.gender == STANCE_G_UNKNOWN)
            d.pron_gender = (d.gender = participle_gender(&s, q->speaker_span.start)) != STANCE_G_UNKNOWN;
        thing = person ? 0 : possessed_thing(&s, q->speaker_span, &owner_end, &g);
        if (thing == 1) {
            /* "Clinton's response was:": the owner speaks, the thing is the role */
            rc = stance_sn_set_described(&s, q, stance_strndup(text + q->speaker_span.start, owner_end - q->speaker_span.start));
            continue;
        }
        if (thing == 2) { /* "her Twitter account posted:": the person "her" stands for */
            if ((built++ || !(rc = build_refs(&s))) && (r = stance_sn_owner_of_pronoun(&s, q->speaker_span.start, g)))
                rc = stance_sn_rename_speaker(&s, q, r);
            continue;
        }
        if (!person && name_inside(&s, q->speaker_span, &ns, &ne)) {
            /* "this Trump look-alike declared": the name the thing is described by */
            rc = stance_sn_set_described(&s, q, stance_strndup(text + ns, ne - ns));
            continue;
        }
        if (!person && !stance_sn_document_like(text, q->speaker_span))
            continue;
        if (!built++ && (rc = build_refs(&s)))
            break;
        if (person && d.org && owner_named(&s, q->speaker_span, &d))
            continue; /* "The Clinton campaign": the description names its owner; it stays */
        r = person ? name_of(&s, &d, q->speaker_span.start, q->span, &is_tied) : NULL;
        if (person && ((indefinite_before(&s, &d, q->span, &ns, &ne) && (!r || r->start < ns)) ||
                       (u = same_head_unnamed(&s, &d, q->speaker_span.start, is_tied ? r : NULL, &ns, &ne, &ar)) == 1))
            rc = stance_sn_set_described(&s, q, stance_strndup(text + ns, ne - ns)); /* "a cashier ... . "...," said the woman" */
        else if (person && u == 2)
            rc = stance_sn_rename_speaker(&s, q, ar); /* "Jo Roe, a scientist, ... . "...," the scientist said" */
        else if (r && is_tied)
            rc = stance_sn_rename_speaker(&s, q, r);
        else if (person && (o = same_head_named(&s, qi, &d))) /* before an untied guess */
            rc = stance_sn_set_described(&s, q, stance_strdup(o->speaker));
        else if (r && !asks(&s, q))
            rc = stance_sn_rename_speaker(&s, q, r);
        else if (person && !r && !asks(&s, q) && (o = prev_speaker(&s, qi, &d)))
            rc = stance_sn_set_described(&s, q, stance_strdup(o->speaker));
        else if (person && d.org && stance_sn_sayer_before(&s, q->span, &is) && is.r->gender == STANCE_G_UNKNOWN)
            rc = stance_sn_name_issuer(&s, q, &is); /* "X issued a statement ... . "...," the group said" */
        else if (!person && (stance_sn_document_issuer(&s, q->speaker_span, &is) || stance_sn_sayer_before(&s, q->span, &is) ||
                             stance_sn_sayer_two_back(&s, q->speaker_span, q->span, &is) ||
                             stance_sn_verb_issuer(&s, q->speaker_span, q->span, &is)))
            rc = stance_sn_name_issuer(&s, q, &is);
        else if (!person && (o = same_thing_named(&s, qi)) != NULL) /* "...," said the Vox Populi column. */
            rc = stance_sn_set_described(&s, q, stance_strdup(o->speaker));     /* "...," the column noted */
    }
    for (size_t qi = 0; qi < quotes->n && rc == STANCE_OK && built; qi++)
        if (quotes->q[qi].how == STANCE_ATTR_INHERIT || quotes->q[qi].how == STANCE_ATTR_PRONOUN)
            rc = stance_sn_follow_named(quotes, qi);
    stance_peers peers;
    stance_peers_find(&quotes->names, text, &peers);
    for (size_t qi = 0; qi < quotes->n && rc == STANCE_OK; qi++) {
        stance_rawquote *q = &quotes->q[qi];
        char *full;
        if (q->speaker && (q->how == STANCE_ATTR_NAME || q->how == STANCE_ATTR_PRONOUN || q->how == STANCE_ATTR_INHERIT) &&
            (full = kin_full_name(&s, q->speaker, q->span.start)) != NULL) {
            stance_free(q->speaker); /* "Bill" of "Clinton's husband, Bill," is Bill Clinton */
            q->speaker = full;
        } else if ((full = stance_org_speaker_full(quotes, ents, text, len, q)) != NULL) {
            stance_free(q->speaker); /* "Pellmark said" of "Pellmark Foods" (org_speakers.c) */
            q->speaker = full;
        }
        if (peers.n && q->speaker && q->how == STANCE_ATTR_DESCRIBED &&
            !(rc = stance_speaker_peerage(&peers, &quotes->names, text, q->speaker, strlen(q->speaker), q->span.start,
                                          &full)) &&
            full) {
            stance_free(q->speaker); /* "the former minister" named "Peverell": "Lord Peverell" */
            q->speaker = full;
        }
    }
    stance_toks_clear(&s.tk);
    stance_free(s.refs);
    stance_free(s.lw);
    if (rc)
        return stance_error_set(err, rc, STANCE_NO_OFFSET, "out of memory");
    return STANCE_OK;
}
