/*
 * mentions_titles.c - pass 2 of stance_mentions_find(): "the <role>" and
 * "the <epithet>". One scan over the article's words (scan_words()) finds
 * "the governor", "the prime minister" (the actor stance_role_tie() finds
 * among the ties of mentions_ties.c), "the chief executive" (a tie to a
 * person noun's head), "the party", "this committee", "the county council"
 * (an organisation actor's head or the last words of its name), "the
 * Clintons" (the family) and "the 54-year-old" (an age tie); the same scan
 * collects the third-person pronouns that mentions_pron.c resolves. Then
 * "the <epithet>" from its apposition on. The state is mentions_int.h's.
 */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "actors.h"
#include "lexicon.h"
#include "mentions.h"
#include "mentions_int.h"
#include "mindex.h"
#include "sort.h"
#include "tokens.h"
/* The head word of an organisation's name of two words or more: the word
 * before its first "of"/"on"/"for" ("House Select Committee on Benghazi",
 * "Department of State"), else its last word ("Democratic Party"); NULL for
 * one word. */
const char *stance_mentions_org_head(const char *name, size_t *hl)
{
    size_t nl = strlen(name), ws = 0, we = 0, ps = 0, pe = 0;
    for (size_t n = 0; stance_name_word_after(name, nl, we, &ws, &we); n++, ps = ws, pe = we)
        if (n >= 1 && (stance_word_is(name, ws, we, "of") || stance_word_is(name, ws, we, "on") ||
                       stance_word_is(name, ws, we, "for"))) {
            *hl = pe - ps;
            return name + ps;
        }
    {
        const char *h = stance_last_word(name, nl, hl);
        return h == name ? NULL : h;
    }
}

/* Is every capitalised word of t[a, b) (the words between "the" and an
 * organisation's head) a word of @p name? "the Clinton campaign" is no "Sanders
 * campaign"'s; "the Democratic party" is the "Democratic Party"'s. */
static int names_in(const char *t, size_t a, size_t b, const char *name)
{
    size_t ws, we, nl = strlen(name);
    if (stance_word_after(t, b, a, &ws, &we))
        a = we; /* "the", "The" */
    while (stance_word_after(t, b, a, &ws, &we)) {
        size_t ns, ne = 0;
        int found = stance_letter_case(t, ws, b) <= 0;
        while (!found && stance_word_after(name, nl, ne, &ns, &ne))
            found = ne - ns == we - ws && memcmp(name + ns, t + ws, we - ws) == 0;
        if (!found)
            return 0;
        a = we;
    }
    return 1;
}

/* The actor whose name's head is the organisation noun t[ws, we) ("the party"
 * for "Democratic Party", "the committee" for "House Select Committee on
 * Benghazi") and holds the capitalised words between "the" at @p pos and the
 * head (names_in()), with the latest name mention before @p pos, or -1. */
static long org_by_head(const mstate *m, size_t ws, size_t we, size_t pos)
{
    long best = -1;
    size_t best_at = 0;
    for (size_t i = 0; i < m->n_orgs; i++) {
        const stance_ent *e = &m->ents->e[m->orgs[i].ent];
        size_t hl = m->orgs[i].hl, lo;
        const char *h = m->orgs[i].head;
        size_t k = 0;
        if (hl != we - ws)
            continue;
        while (k < hl && (h[k] | 0x20) == (m->t[ws + k] | 0x20))
            k++;
        if (k != hl || !names_in(m->t, pos, ws, e->name))
            continue;
        /* lo: the mentions starting before pos */
        lo = stance_first_at_or_after(e->mentions, e->n_mentions, sizeof *e->mentions, offsetof(stance_span, start),
                                      pos);
        if (lo && (best < 0 || e->mentions[lo - 1].start > best_at)) {
            best = (long)m->orgs[i].ent;
            best_at = e->mentions[lo - 1].start;
        }
    }
    return best;
}

#define ORG_TAIL_WORDS 3 /* words of an organisation's name before its head that "the" may keep */

/* Does the text before @p p end with "the" and the @p k >= 1 words of
 * @p name before @p nend, caseless ("the county council" for "Garran County
 * Council", p at "council")? *the_at: where "the" starts. */
static int tail_words_before(const char *t, size_t p, const char *name, size_t nend, size_t *the_at)
{
    size_t ns, ne, ps, pe;
    unsigned k = 0;
    for (; k < ORG_TAIL_WORDS && stance_word_before(name, nend, &ns, &ne) && stance_word_before(t, p, &ps, &pe) &&
           stance_spaces_only(t, pe, p) && pe - ps == ne - ns && stance_ascii_caseeq(name + ns, t + ps, ne - ns);
         k++)
        nend = ns, p = ps;
    if (!k || !stance_word_before(t, p, &ps, &pe) || !stance_spaces_only(t, pe, p) || !stance_word_is(t, ps, pe, "the"))
        return 0;
    *the_at = ps;
    return 1;
}

/* "the county council", "the parish council": "the" and a trailing part of
 * an organisation actor's name, its head (its last word, t[ws, we)) and one
 * or more words before it, caseless, when no other organisation's name ends
 * so: that actor, *the_at where "the" starts; else -1. */
static long org_by_tail(const mstate *m, size_t ws, size_t we, size_t *the_at)
{
    long best = -1;
    for (size_t i = 0; i < m->n_orgs; i++) {
        const struct org_at *o = &m->orgs[i];
        const char *name = m->ents->e[o->ent].name;
        size_t at;
        if (o->hl != we - ws || !stance_ascii_caseeq(o->head, m->t + ws, o->hl) || o->head[o->hl] != '\0' ||
            !tail_words_before(m->t, ws, name, (size_t)(o->head - name), &at))
            continue;
        if (best >= 0)
            return -1; /* two organisations end so */
        best = (long)o->ent, *the_at = at;
    }
    return best;
}

/* (mentions_int.h) */
long stance_mentions_head_facts(const char *name, size_t *hl, int *org)
{
    const char *h = stance_mentions_org_head(name, hl);
    char b[STANCE_LEX_MAXLEN + 1];
    *org = 0;
    if (!h)
        return -1;
    if (stance_mentions_lower(h, 0, *hl, b, sizeof b))
        *org = HEAD_LOWER | (stance_lex_is(b, *hl, STANCE_LX(ORG_NOUN)) ? HEAD_ORG_NOUN : 0);
    return h - name;
}

/* Organisation actors: a name of two words or more whose head (stance_mentions_org_head())
 * is an organisation noun of the lexicon ("Democratic Party", "Supreme Court",
 * "House Select Committee on Benghazi"), or any head of a caller's actor that
 * is no person (stance_person_like(): "Grantham Regional Hospital", "the
 * hospital"; not of a discovered one: "World War" is no "the war"). */
static int find_orgs(mstate *m)
{
    for (size_t i = 0; i < m->ents->n; i++) {
        const stance_ent *e = &m->ents->e[i];
        size_t hl = e->facts.hl;
        int org = e->facts.head_org, free_head = 0;
        long off = e->facts.head;
        const char *h;
        if (!stance_ent_has_facts(e)) /* (a set's actor has them from the set) */
            off = stance_mentions_head_facts(e->name, &hl, &org);
        h = off < 0 ? NULL : e->name + off;
        if (!h || !(org & HEAD_LOWER) ||
            (!(org & HEAD_ORG_NOUN) &&
             !(free_head = !m->ents->e[i].discovered && !stance_person_like(&m->ents->e[i]) &&
                            (!m->ents->e[i].place || m->ents->e[i].nonperson))))
            continue;
        m->n_free += (size_t)free_head;
        if (stance_grow((void **)&m->orgs, &m->orgs_cap, m->n_orgs + 1, sizeof *m->orgs))
            return STANCE_ERR_NOMEM;
        m->orgs[m->n_orgs++] = (struct org_at){i, h, hl};
        m->org_hl |= UINT64_C(1) << (hl < 63 ? hl : 63);
    }
    return STANCE_OK;
}

/* A word that may stand between "the" and a role: "the former Florida
 * governor", "the 57-year-old senator", "the Vermont senator". */
static int title_modifier(const char *t, size_t ws, size_t we)
{
    if (stance_letter_case(t, ws, we) > 0)
        return 1;
    if (memchr(t + ws, '-', we - ws))
        return 1;
    return stance_word_is(t, ws, we, "former") || stance_word_is(t, ws, we, "chief");
}

#define TITLE_MODIFIERS 3 /* words between "the" and its role */

/* "the Clintons", "the Bushes" (t[ws, we) after "the" at @p the_s): the
 * family, every person actor whose name of two words or more ends in that
 * surname. */
static int family_at(mstate *m, size_t the_s, size_t ws, size_t we)
{
    const char *t = m->t;
    size_t sl = we - ws - 1;
    long ent;
    if (sl > 3 && t[we - 2] == 'e' && strchr("hsxz", t[we - 3]) && stance_mindex_last(m->ents->ix, t + ws, sl - 1, &ent))
        sl--; /* "Bushes" */
    else if (!stance_mindex_last(m->ents->ix, t + ws, sl, &ent))
        return STANCE_OK;
    for (size_t i = 0; i < m->ents->n; i++) {
        const stance_ent *e = &m->ents->e[i];
        size_t nl = strlen(e->name), el;
        const char *sn = stance_last_word(e->name, nl, &el);
        if (sn != e->name && el == sl && memcmp(sn, t + ws, sl) == 0 && stance_person_like(e) &&
            stance_mentions_add(&m->ents->e[i], the_s, we, STANCE_MK_SURNAME, STANCE_MR_SURNAME_PLURAL))
            return STANCE_ERR_NOMEM;
    }
    return STANCE_OK;
}

/* The head ties by their word, once the ties are sorted: the distinct head
 * words are few (person nouns), so a look-up below stays linear in the text. */
static int index_heads(mstate *m)
{
    struct head_ties *h = &m->heads;
    size_t k = 0;
    if (!h->n)
        return STANCE_OK;
    if (!(h->at = stance_malloc_array(h->n, 4 * sizeof *h->at)))
        return STANCE_ERR_NOMEM;
    h->id = h->at + h->n, h->words = h->id + h->n, h->last = h->words + h->n;
    for (size_t i = 0; i < m->n_ties; i++) {
        const tie *ti = &m->ties[i];
        size_t d = 0, n = ti->phrase.end - ti->phrase.start;
        if (ti->role || ti->rule == STANCE_MR_EPITHET || ti->rule == STANCE_MR_AGE)
            continue;
        while (d < h->nw && !(m->ties[h->words[d]].phrase.end - m->ties[h->words[d]].phrase.start == n &&
                              stance_ascii_caseeq(m->t + m->ties[h->words[d]].phrase.start, m->t + ti->phrase.start, n)))
            d++;
        if (d == h->nw)
            h->words[h->nw] = i, h->last[h->nw++] = SIZE_MAX;
        h->at[k] = i, h->id[k++] = d;
    }
    return STANCE_OK;
}

/* The last tie before @p the_s to a person noun's head written t[ws, we)
 * ("the chief executive of X, NAME" ... "the chief executive"), or -1.
 * @p the_s only grows from call to call. */
static long head_tie(mstate *m, size_t ws, size_t we, size_t the_s)
{
    struct head_ties *h = &m->heads;
    for (; h->seen < h->n && m->ties[h->at[h->seen]].pos <= the_s; h->seen++)
        h->last[h->id[h->seen]] = h->at[h->seen];
    for (size_t d = 0; d < h->nw; d++) {
        const tie *ti = &m->ties[h->words[d]];
        if (ti->phrase.end - ti->phrase.start == we - ws && stance_ascii_caseeq(m->t + ti->phrase.start, m->t + ws, we - ws))
            return h->last[d] == SIZE_MAX ? -1 : (long)h->last[d];
    }
    return -1;
}

#define AGE_TIES_BACK 512 /* ties an age epithet looks back over (the search stays linear) */

/* "the 54-year-old" (t[ws, we) after "the" at @p the_s): the actor of the
 * latest tie of that age among the AGE_TIES_BACK ties before it ("Darren
 * Pike, 54,"), as an epithet (rule age-apposition). */
static int age_tie(mstate *m, size_t ws, size_t we, size_t the_s)
{
    size_t d = 0, lo;
    while (ws + d < we && m->t[ws + d] >= '0' && m->t[ws + d] <= '9')
        d++;
    if (!d || d > 3 || we - ws != d + 9 || !stance_word_is(m->t, ws + d, we, "-year-old"))
        return STANCE_OK;
    /* the ties up to the_s (sorted by pos) */
    lo = stance_first_end_after(m->ties, m->n_ties, sizeof *m->ties, offsetof(tie, pos), the_s);
    for (size_t k = lo, n = 0; k-- > 0 && n < AGE_TIES_BACK;) {
        const tie *ti = &m->ties[k];
        if (n++, ti->rule != STANCE_MR_AGE)
            continue;
        if (ti->phrase.end - ti->phrase.start == d && memcmp(m->t + ti->phrase.start, m->t + ws, d) == 0)
            return stance_mentions_add(&m->ents->e[ti->ent], the_s, we, STANCE_MK_EPITHET, STANCE_MR_AGE);
    }
    return STANCE_OK;
}

/* May an organisation actor's head be @p n bytes long (find_orgs()'s mask)?
 * A cheap "no" before org_by_head() and org_by_tail() compare heads. */
static inline int org_head_len(const mstate *m, size_t n)
{
    return (int)(m->org_hl >> (n < 63 ? n : 63) & 1);
}

/* "the party", "this party", "that committee": t[ws, we), lowercase, the head
 * of an organisation actor's name (org_by_head(): the one named last before
 * @p det, the determiner's start), a title mention from @p det on. 1: added,
 * 0: none, -1: out of memory. */
static int org_head_at(mstate *m, size_t det, size_t ws, size_t we)
{
    char b[STANCE_LEX_MAXLEN + 1];
    long org;
    if (!org_head_len(m, we - ws) || m->t[ws] < 'a' || !stance_mentions_lower(m->t, ws, we, b, sizeof b) ||
        !(m->n_free || stance_lex_is(b, we - ws, STANCE_LX(ORG_NOUN))) || (org = org_by_head(m, ws, we, det)) < 0)
        return 0;
    return stance_mentions_add(&m->ents->e[org], det, we, STANCE_MK_TITLE, STANCE_MR_ORG_HEAD) ? -1 : 1;
}

/* A mention "the county council" ending at t[ws, we) (org_by_tail()), not
 * before a capitalised word ("the county council Garran"). */
static int org_tail_at(mstate *m, size_t ws, size_t we)
{
    size_t ns, ne, at;
    long org;
    if ((org = org_by_tail(m, ws, we, &at)) < 0 ||
        (stance_word_after(m->t, m->len, we, &ns, &ne) && stance_letter_case(m->t, ns, m->len) > 0))
        return STANCE_OK;
    return stance_mentions_add(&m->ents->e[org], at, we, STANCE_MK_TITLE, STANCE_MR_ORG_HEAD);
}

/* Does a name apposed to the words before @p pos follow, closed by a comma
 * ("The Microsoft chief executive, Satya Nadella, said")? Those words then
 * describe that name, not an actor tied before. */
static int apposed_name_after(const mstate *m, size_t pos)
{
    size_t ws, we;
    unsigned n = 0;
    if (pos >= m->len || m->t[pos] != ',')
        return 0;
    for (pos++; n < 4 && stance_word_after(m->t, m->len, pos, &ws, &we) && stance_letter_case(m->t, ws, m->len) > 0;
         n++)
        pos = we < m->len && m->t[we] == '.' ? we + 1 : we; /* "Jo R. Roe" */
    return n && pos < m->len && m->t[pos] == ',';
}

/* The last "the <role>" resolved: a bare "the <role>" after it means the
 * same holder, unless a tie of that role comes between ("The finance
 * minister ... The minister": the finance minister, not the deputy prime
 * minister tied before). */
typedef struct role_seen {
    const char *role;
    size_t at;
    long ent;
} role_seen;

/* "the <role>" (role word @p rw at t[ws, we), "the" at @p the_s): a
 * title mention of the actor stance_role_tie() finds, unless a name is apposed
 * ("the governor, Jo Roe," describes Jo Roe) or the word opens a title of two
 * ("the attorney" of "the attorney general"); a bare one (no word before the
 * role, not "former") of the holder of @p seen when no tie of the role
 * comes after it. */
static int role_mention(mstate *m, const role_word *rw, size_t the_s, size_t ws, size_t we, role_seen *seen)
{
    const char *t = m->t;
    stance_span none = {0, 0};
    size_t fs;
    const char *cr = stance_role_words(t, rw, ws, the_s, &fs); /* the title's words start at fs */
    role_qual q;
    long best, ent;
    int former;
    if (apposed_name_after(m, we) || stance_role_compound_first(t, ws, we, m->len))
        return STANCE_OK;
    stance_role_qualify(t, the_s, fs, &q);
    former = stance_role_former_before(t, q.from, &none);
    best = stance_role_tie(m, cr, the_s, rw->gender, former, stance_role_place(t, the_s, fs), &q);
    if (best < 0)
        return STANCE_OK;
    ent = (long)m->ties[best].ent;
    if (!former && !q.sub && stance_role_bare(t, the_s, fs) && seen->role == cr && seen->at > m->ties[best].pos &&
        !(rw->gender && m->ents->e[seen->ent].gender && m->ents->e[seen->ent].gender != rw->gender))
        ent = seen->ent; /* "the minister" after "the finance minister" */
    else if (!former && !q.sub)
        *seen = (role_seen){cr, the_s, ent};
    return stance_mentions_add(&m->ents->e[ent], the_s, we, STANCE_MK_TITLE, m->ties[best].rule);
}

/* "the <role>": the actor most recently tied to that role before it; "the
 * <organisation noun>": the organisation actor of that head named last. The
 * same pass over the words collects the third-person pronouns. Not inlined:
 * its loop compiles better on its own than inside stance_mentions_titles(). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int scan_words(mstate *m)
{
    const char *t = m->t;
    size_t pos = 0, ws, we, the_s = 0, dem = SIZE_MAX, dprev; /* dem: a "this"/"that" just before */
    int prev = 0, nmod = -1; /* words since "the", -1: no "the" open */
    int wthe = ORG_TAIL_WORDS + 1; /* words since the last "the", counted up to ORG_TAIL_WORDS + 1 */
    int lc; /* the case of the word's first letter, after "the" */
    role_seen seen = {NULL, 0, -1};
    if (find_orgs(m))
        return STANCE_ERR_NOMEM;
    while (pos < m->len) {
        size_t ns, ne;
        const role_word *rw;
        const pron_word *pw;
        if (!stance_word_byte(t, pos, m->len)) {
            prev = prev && (t[pos] == ' ');
            if (!prev)
                nmod = -1;
            pos++;
            continue;
        }
        ws = pos;
        we = pos = stance_word_end(t, pos, m->len, m->len);
        if (we < m->len && t[we] == '-' && we + 1 < m->len && stance_word_byte(t, we + 1, m->len)) {
            pos = we + 1; /* a hyphenated word goes on ("57-year-old") */
            while (pos < m->len && (stance_word_byte(t, pos, m->len) || (t[pos] == '-' && pos + 1 < m->len &&
                                                                   stance_word_byte(t, pos + 1, m->len))))
                pos++;
            we = pos;
        }
        /* he her hers herself him himself his she */
        if (we - ws >= 2 && we - ws <= 7 &&
            (((t[ws] | 0x20) == 'h' && ((t[ws + 1] | 0x20) == 'e' || (t[ws + 1] | 0x20) == 'i')) ||
             (we - ws == 3 && (t[ws] | 0x20) == 's' && (t[ws + 1] | 0x20) == 'h'))) {
            if ((pw = stance_pronoun_of(t, ws, we)) && pw->cls == P_THIRD) {
                if (stance_grow((void **)&m->prons, &m->prons_cap, m->n_prons + 1, sizeof *m->prons))
                    return STANCE_ERR_NOMEM;
                m->prons[m->n_prons++] = (struct pron_at){ws, we, pw};
            }
        } else if (we - ws >= 4 && we - ws <= 10 && (t[ws] | 0x20) == 't' && (t[ws + 1] | 0x20) == 'h' &&
                   (t[ws + 2] | 0x20) == 'e') { /* they them their theirs themselves */
            if ((pw = stance_pronoun_plural_of(t, ws, we))) {
                if (stance_grow((void **)&m->prons, &m->prons_cap, m->n_prons + 1, sizeof *m->prons))
                    return STANCE_ERR_NOMEM;
                m->prons[m->n_prons++] = (struct pron_at){ws, we, pw};
            }
        }
        if (prev && dem != SIZE_MAX && (pw = stance_pronoun_demonstrative(t, ws, we))) { /* "this man" is "he" */
            if (stance_grow((void **)&m->prons, &m->prons_cap, m->n_prons + 1, sizeof *m->prons))
                return STANCE_ERR_NOMEM;
            m->prons[m->n_prons++] = (struct pron_at){dem, we, pw};
        }
        dprev = prev ? dem : SIZE_MAX; /* a "this"/"that" right before this word */
        dem = we - ws == 4 && (t[ws] | 0x20) == 't' &&
                      (stance_word_is(t, ws, we, "this") || stance_word_is(t, ws, we, "that"))
                  ? ws
                  : SIZE_MAX;
        lc = nmod >= 0 ? stance_letter_case(t, ws, m->len) : 0; /* by Unicode category: "the Čapeks" */
        /* "the governor", "the President", but not "the governor Tom Park" (a
         * name) nor "the Gov."; an organisation's head lowercase only */
        if (nmod >= 0 && (lc < 0 || (lc > 0 && m->n_ties)) &&
            !(stance_word_after(t, m->len, we, &ns, &ne) && stance_letter_case(t, ns, m->len) > 0)) {
            long tb;
            if (m->n_ties && (rw = stance_role_lookup(t, ws, we)) && !rw->abbrev) {
                if (role_mention(m, rw, the_s, ws, we, &seen))
                    return STANCE_ERR_NOMEM;
            } else if (m->heads.n && lc < 0 && (tb = head_tie(m, ws, we, the_s)) >= 0 && !apposed_name_after(m, we)) {
                if (stance_mentions_add(&m->ents->e[m->ties[tb].ent], the_s, we, STANCE_MK_TITLE, m->ties[tb].rule))
                    return STANCE_ERR_NOMEM;
            } else if (org_head_at(m, the_s, ws, we) < 0)
                return STANCE_ERR_NOMEM;
        } else if (dprev != SIZE_MAX && !(stance_word_after(t, m->len, we, &ns, &ne) &&
                                           stance_letter_case(t, ns, m->len) > 0) &&
                   org_head_at(m, dprev, ws, we) < 0) {
            return STANCE_ERR_NOMEM; /* "this party", "that committee" as "the party" */
        } else if (nmod < 0 && wthe >= 1 && wthe <= ORG_TAIL_WORDS && m->n_ties && t[ws] >= 'a' &&
                   (rw = stance_role_lookup(t, ws, we)) && !rw->abbrev) {
            /* "the prime minister", "the new health minister": lowercase words before the role, "the" one to
             * three words back (stance_role_the_before(); wthe first: most words have no "the" so near) */
            size_t ts;
            if (stance_role_the_before(t, ws, &ts) &&
                !(stance_word_after(t, m->len, we, &ns, &ne) && stance_letter_case(t, ns, m->len) > 0) &&
                role_mention(m, rw, ts, ws, we, &seen))
                return STANCE_ERR_NOMEM;
        }
        if (nmod < 0 && wthe >= 1 && wthe <= ORG_TAIL_WORDS && org_head_len(m, we - ws) &&
            t[ws] >= 'a' && org_tail_at(m, ws, we))
            return STANCE_ERR_NOMEM;
        if (nmod == 0 && lc == 0 && we - ws >= 10 && we - ws <= 12 && t[ws] >= '0' && t[ws] <= '9' &&
            age_tie(m, ws, we, the_s))
            return STANCE_ERR_NOMEM;
        if (nmod == 0 && we - ws >= 4 && lc > 0 && t[we - 1] == 's' && m->ents->ix &&
            family_at(m, the_s, ws, we))
            return STANCE_ERR_NOMEM;
        if (stance_word_is(t, ws, we, "the")) {
            the_s = ws, nmod = 0, wthe = 0;
        } else {
            wthe += wthe <= ORG_TAIL_WORDS; /* org_tail_at() needs "the" 1..ORG_TAIL_WORDS words back */
            nmod = nmod >= 0 && nmod < TITLE_MODIFIERS &&
                           (title_modifier(t, ws, we) || stance_role_compound_first(t, ws, we, m->len))
                       ? nmod + 1
                       : -1;
        }
        prev = 1;
    }
    return STANCE_OK;
}

/* An epithet tie's phrase in the text: t[s, s + n), for actor ent from s on. */
typedef struct epi {
    const char *p;
    size_t n, s, ent;
} epi;

static int epi_cmp(const void *a, const void *b)
{
    const epi *x = a, *y = b;
    int c = memcmp(x->p, y->p, x->n < y->n ? x->n : y->n);
    if (c || x->n != y->n)
        return c ? c : x->n < y->n ? -1 : 1;
    if (x->ent != y->ent)
        return x->ent < y->ent ? -1 : 1;
    return x->s < y->s ? -1 : x->s > y->s;
}

/* The epithet ties, one per phrase and actor (its first), sorted by phrase; *kmin: the shortest phrase. */
static int epithets(const mstate *m, epi **out, size_t *n_out, size_t *kmin)
{
    size_t n = 0, k = 0;
    epi *v;
    *out = NULL;
    *n_out = 0;
    for (size_t i = 0; i < m->n_ties; i++)
        n += m->ties[i].rule == STANCE_MR_EPITHET;
    if (!n)
        return STANCE_OK;
    if (!(v = stance_malloc_array(n, sizeof *v)))
        return STANCE_ERR_NOMEM;
    for (size_t i = 0; i < m->n_ties; i++) {
        const tie *ti = &m->ties[i];
        if (ti->rule == STANCE_MR_EPITHET)
            v[k++] = (epi){m->t + ti->phrase.start, ti->phrase.end - ti->phrase.start, ti->phrase.start, ti->ent};
    }
    stance_sort_small(v, n, sizeof *v, epi_cmp);
    *kmin = v[0].n;
    k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k && v[i].n == v[k - 1].n && v[i].ent == v[k - 1].ent && !memcmp(v[i].p, v[k - 1].p, v[i].n))
            continue; /* the same phrase for the same actor: its first tie finds every later one */
        if (v[i].n < *kmin)
            *kmin = v[i].n;
        v[k++] = v[i];
    }
    *out = v;
    *n_out = k;
    return STANCE_OK;
}

/* "the <epithet>" from its apposition on: exact words, "the" in any case. One
 * pass over the text: after each "the" (and spaces), the phrases that start
 * with the next kmin bytes (a binary search), each checked in full. */
static int find_epithet_mentions(mstate *m)
{
    const char *t = m->t;
    size_t n_epi, kmin = 0;
    epi *v;
    int rc = STANCE_OK;
    if (epithets(m, &v, &n_epi, &kmin))
        return STANCE_ERR_NOMEM;
    for (size_t j = 3; n_epi && !rc && (j = stance_after_the(t, j, m->len)) < m->len; j++) {
        size_t s = j, lo = 0, hi = n_epi, ds, de;
        while (s < m->len && t[s] == ' ')
            s++;
        if (s + kmin > m->len || !stance_word_before(t, s, &ds, &de) || !stance_word_is(t, ds, de, "the") ||
            !stance_spaces_only(t, de, s))
            continue;
        while (lo < hi) { /* the first phrase whose kmin bytes are not below t[s, s + kmin) */
            size_t mid = lo + (hi - lo) / 2;
            if (memcmp(v[mid].p, t + s, kmin) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (; lo < n_epi && memcmp(v[lo].p, t + s, kmin) == 0 && !rc; lo++) {
            size_t n = v[lo].n;
            if (s < v[lo].s || s + n > m->len || memcmp(v[lo].p, t + s, n) != 0 ||
                (s + n < m->len && stance_word_byte(t, s + n, m->len)))
                continue;
            rc = stance_mentions_add(&m->ents->e[v[lo].ent], ds, s + n, STANCE_MK_EPITHET, STANCE_MR_EPITHET);
        }
    }
    stance_free(v);
    return rc;
}

int stance_mentions_titles(mstate *m)
{
    int rc;
    if ((rc = index_heads(m)) || (rc = scan_words(m)))
        return rc;
    return find_epithet_mentions(m);
}
