/*
 * speaker_form.c - the speaker as a user reads it: a name and a role (see
 * speaker_form.h).
 */
#include "config.h"

#include "names_org.h"
#include "speaker_form.h"
#include "speaker_names.h"

/* A word that heads a descriptor right before a name: "player", "MP",
 * "director", "wife", "Secretary", "Texas-based". */
#define HEAD_CLS (STANCE_LX(ROLE) | STANCE_LX(PERSON_NOUN) | STANCE_LX(KIN))
/* Lowercase words that open a clause or make one: "who", "and", "could", "was", "said". */
#define CLAUSE_CLS                                                                                                 \
    (STANCE_LX(REL) | STANCE_LX(CONJ) | STANCE_LX(MODAL) | STANCE_LX(BE_AUX) | STANCE_LX(SPEAKER_PRON) |           \
     STANCE_LX(RV_SAY) | STANCE_LX(RV_ARGUE) | STANCE_LX(RV_CRIT) | STANCE_LX(RV_PRAISE))
#define FIRST_CLS (STANCE_LX(FIRST_M) | STANCE_LX(FIRST_F))

static int is_word(const stance_token *v)
{
    return v->kind == STANCE_TK_WORD;
}

/* Does word @p v of @p s head a descriptor ("player", "Secretary", "nurse",
 * "strategist", "Texas-based")? */
static int head_word(const char *s, const stance_token *v)
{
    if (!is_word(v))
        return 0;
    if ((v->lcls & HEAD_CLS) || (v->cls & STANCE_LX(TITLE)))
        return 1;
    if ((v->shape & STANCE_SH_LOWER) && v->lex < 0 && stance_agent_noun(s, v->start, v->end))
        return 1; /* (a word of no class of the lexicon: not "another", "wonder") */
    if (v->shape & STANCE_SH_HYPHEN) { /* "Texas-based", "South Korean-born": lowercase after the last hyphen */
        size_t k = v->end;
        while (k > v->start && s[k - 1] != '-')
            k--;
        return k > v->start && k < v->end && s[k] >= 'a' && s[k] <= 'z';
    }
    return 0;
}

/* Is token @p v of @p s a word of a name: capitalised (not a title, a role or
 * person noun or a capitalised function word, unless a first name: "Dean"), or
 * a particle inside it ("de")? @p last: the name's last word, any capital. */
static int name_word(const char *s, const stance_token *v, int last)
{
    if (!is_word(v))
        return 0;
    if (v->shape & STANCE_SH_LOWER)
        return !last && (v->cls & STANCE_LX(PARTICLE));
    if (!(v->shape & STANCE_SH_CAP))
        return 0;
    if (last || (v->cls & FIRST_CLS))
        return 1;
    return !(v->cls & STANCE_LX(STOP)) && !head_word(s, v);
}

/* The start of the descriptor whose head is token @p h of @p v (@p n tokens of
 * @p s): back over its modifiers to a determiner (kept), or to a punctuation
 * mark, a preposition or a clause word (not kept: a clause). Returns n when
 * the name is a preposition's object ("a spokesman for House Speaker ..."). */
static size_t desc_start(const char *s, const stance_token *v, size_t n, size_t h)
{
    size_t k = h;
    while (k > 0) {
        const stance_token *w = &v[k - 1];
        if (w->kind == STANCE_TK_POSS || w->kind == STANCE_TK_NUMBER) {
            k--;
            continue;
        }
        if (!is_word(w))
            return k; /* a comma, a quote mark, a dash */
        if ((w->shape & STANCE_SH_LOWER) && (w->cls & STANCE_LX(PREP))) {
            /* "Secretary of State": "of" between a title and a capital goes on */
            if (k >= 2 && (v[k].shape & STANCE_SH_CAP) && head_word(s, &v[k - 2]) &&
                w->end - w->start == 2 && memcmp(s + w->start, "of", 2) == 0) {
                k--;
                continue;
            }
            return k >= 2 && head_word(s, &v[k - 2]) ? n : k;
        }
        if (w->cls & STANCE_LX(DET))
            return k - 1;
        if ((w->shape & STANCE_SH_LOWER) && (w->cls & CLAUSE_CLS))
            return k;
        k--;
    }
    return 0;
}

/* Is token @p v the preposition "from" or "by" of a source ("came from", "a
 * letter from", "written by")? */
static int source_prep(const char *s, const stance_token *v)
{
    const size_t n = v->end - v->start;
    return is_word(v) && ((n == 4 && memcmp(s + v->start, "from", 4) == 0) || (n == 2 && memcmp(s + v->start, "by", 2) == 0));
}

/* Is token @p v "a", "an" or "the" (any case: the lexicon's ARTICLE list)? */
static int is_article(const stance_token *v)
{
    return is_word(v) && v->llex >= 0 && (stance_lex_entry(v->llex)->rules & STANCE_LQ(ARTICLE)) != 0;
}

/* Split the speaker string @p s, tokens @p v [0, @p nt), at its name: 1 with
 * [*ds, *de) the descriptor (a clause before it left out) and *ns the name's
 * start; 0 when it is a name or a description as it is. */
static int split_name(const char *s, const stance_token *v, size_t nt, size_t *ds, size_t *de, size_t *ns)
{
    size_t t0 = nt, h, d;
    while (t0 > 0 && name_word(s, &v[t0 - 1], t0 == nt))
        t0--;
    while (t0 < nt && !(v[t0].shape & STANCE_SH_CAP))
        t0++; /* (a particle starts no name) */
    /* a person's name of two words or more ("Party" of "Republican Party", "Mother Jones" and
     * "New Hampshire Republican" are none) */
    if (t0 == 0 || nt - t0 < 2 || ((v[nt - 1].cls | v[nt - 1].lcls) & (STANCE_LX(DEMONYM) | STANCE_LX(NOT_ACTOR_LAST))) ||
        stance_name_is_org(s, v[t0].start, v[nt - 1].end))
        return 0;
    if (t0 >= 3 && source_prep(s, &v[t0 - 1]) && stance_document_noun(s, v[t0 - 2].start, v[t0 - 2].end)) {
        /* "a statement from Mira Hollis": the name, the document its role */
        for (d = t0 - 2; d > 0 && t0 - 2 - d <= 3; d--) {
            if (is_article(&v[d - 1])) {
                *ds = v[d - 1].start;
                *de = v[t0 - 2].end;
                *ns = v[t0].start;
                return 1;
            }
            if (!(v[d - 1].shape & STANCE_SH_LOWER))
                break;
        }
    }
    if (t0 >= 2 && source_prep(s, &v[t0 - 1]) && is_word(&v[t0 - 2]) && (v[t0 - 2].shape & STANCE_SH_LOWER) &&
        !head_word(s, &v[t0 - 2])) {
        /* "The best line came from Mira Hollis": a clause, then the name it comes from; no role
         * (but "a spokesman for ...", "an aide to ...": the name is another's) */
        *ds = *de = *ns = v[t0].start;
        return 1;
    }
    if (!head_word(s, &v[h = t0 - 1]))
        return 0;
    if ((d = desc_start(s, v, nt, h)) == nt)
        return 0;
    *ds = v[d].start;
    *de = v[h].end;
    *ns = v[t0].start;
    return 1;
}

/* Is token @p v a capitalised word that may be a person's name alone ("Obama",
 * "PolitiFact"): no function word, title, people's adjective or organisation's
 * last word ("the Times")? */
static int lone_name(const char *s, const stance_token *v)
{
    return is_word(v) && (v->shape & STANCE_SH_CAP) && !(v->shape & STANCE_SH_ALLCAPS) && !(v->shape & STANCE_SH_DOT) &&
           !((v->cls | v->lcls) & (STANCE_LX(STOP) | STANCE_LX(TITLE) | STANCE_LX(DEMONYM) | STANCE_LX(NOT_ACTOR_LAST) |
                                   STANCE_LX(NONPERSON_LAST) | STANCE_LX(ORG_NOUN))) &&
           !head_word(s, v);
}

/* A name in a phrase that is no description of it: "A defensive Obama", "an
 * angry Hollande" (an indefinite article and lowercase words of no lexicon
 * class before one name word: adjectives), "PolitiFact rated 32% of Republican
 * claims" (a name, then a lowercase past tense of no class and its object: a
 * clause, whose subject is the name). 1 with [*ns, *ne) the name. */
static int name_in_phrase(const char *s, const stance_token *v, size_t nt, size_t *ns, size_t *ne)
{
    size_t k = 1;
    if (nt >= 3 && is_word(&v[0]) && ((v[0].end - v[0].start == 1 && (s[v[0].start] | 0x20) == 'a') ||
                                      (v[0].end - v[0].start == 2 && (s[v[0].start] | 0x20) == 'a' &&
                                       s[v[0].start + 1] == 'n'))) {
        while (k + 1 < nt && is_word(&v[k]) && (v[k].shape & STANCE_SH_LOWER) && v[k].llex < 0)
            k++;
        if (k + 1 != nt || !lone_name(s, &v[k]))
            return 0;
        *ns = v[k].start;
        *ne = v[k].end;
        return 1;
    }
    k = 0;
    while (k < nt && lone_name(s, &v[k]))
        k++;
    if (k == 0 || k + 1 >= nt || !is_word(&v[k]) || !(v[k].shape & STANCE_SH_LOWER) || v[k].llex >= 0 ||
        (v[k].shape & STANCE_SH_HYPHEN) || v[k].end - v[k].start < 4 || memcmp(s + v[k].end - 2, "ed", 2) != 0)
        return 0;
    *ns = v[0].start;
    *ne = v[k - 1].end;
    return 1;
}

/* Is the word that ends right before t[e] an abbreviation that keeps its dot
 * ("R-Ky", "Mich", "Calif")? The lexicon's ADDR_ABBR class or ABBR_DOT list,
 * of the word or its part after a hyphen. */
static int abbr_before(const char *t, const stance_token *w)
{
    size_t k = w->end;
    const uint64_t cls = STANCE_LX(ADDR_ABBR);
    while (k > w->start && t[k - 1] != '-')
        k--;
    return (stance_lex_classes(t + w->start, w->end - w->start) & cls) ||
           stance_lex_in_rules(t + w->start, w->end - w->start, STANCE_LQ(ABBR_DOT)) ||
           (k > w->start && ((stance_lex_classes(t + k, w->end - k) & cls) ||
                             stance_lex_in_rules(t + k, w->end - k, STANCE_LQ(ABBR_DOT))));
}

/* The role @p r of @p n bytes as reported: its first sentence (a role that ran
 * on into the next sentence, "the local MP. The vote is on Monday", stops at
 * it: the token layer's sentence rule), without the sentence's full stop. */
static int role_form(const char *r, size_t n, stance_toks *tk, size_t *out)
{
    stance_error err;
    const stance_token *v;
    size_t m = 1;
    *out = n;
    if (!memchr(r, '.', n))
        return STANCE_OK; /* (most roles: no tokens needed) */
    if (stance_toks_build(r, n, tk, &err))
        return STANCE_ERR_NOMEM;
    v = tk->v;
    while (m < tk->n && !(v[m].shape & STANCE_SH_SENT_START))
        m++;
    *out = v[m - 1].end;
    if (m >= 2 && v[m - 1].kind == STANCE_TK_PUNCT && v[m - 1].mark == '.' && v[m - 1].end - v[m - 1].start == 1 &&
        !(is_word(&v[m - 2]) && v[m - 2].end == v[m - 1].start && abbr_before(r, &v[m - 2]))) {
        size_t e = v[m - 1].start;
        while (e > 0 && stance_hspace(r, e - 1, n))
            e--;
        *out = e;
    }
    return STANCE_OK;
}

/* Does the role r[0, n) open with a relative word (the lexicon's REL0 list: "who",
 * "which", "whose", "whom", "where"), alone or with its clause? */
static int relative_role(const char *r, size_t n)
{
    size_t k = 0;
    while (k < n && (unsigned char)r[k] > ' ')
        k++;
    return k > 0 && (stance_lex_rules_lower(r, k) & STANCE_LQ(REL0)) != 0;
}

/* Has s[0, n) three words or more (two spaces between letters)? A name split
 * or found in a phrase needs them. */
static int words3(const char *s, size_t n)
{
    const char *p = n > 2 ? memchr(s + 1, ' ', n - 2) : NULL;
    return p && memchr(p + 1, ' ', (size_t)(s + n - 1 - (p + 1))) != NULL;
}

int stance_speaker_form(const stance_rawquote *q, const char *text, size_t len, stance_toks *tk, stance_spk_form *out)
{
    stance_error err;
    size_t n = q->speaker ? strlen(q->speaker) : 0, rl = 0, ds, de, ns, ne;
    int as_written;
    out->name_off = 0;
    out->name_len = n;
    out->role = q->role;
    out->role_len = q->role ? strlen(q->role) : 0;
    out->span = q->speaker_span;
    if (out->role_len && role_form(q->role, out->role_len, tk, &rl))
        return STANCE_ERR_NOMEM;
    if (rl && relative_role(q->role, rl))
        rl = 0; /* "Jo Roe, who made me laugh when she called it ...": a relative clause is no role */
    out->role_len = rl;
    if (!rl)
        out->role = NULL;
    if (!n)
        return STANCE_OK;
    as_written = q->speaker_span.start != STANCE_NO_OFFSET && q->speaker_span.end - q->speaker_span.start == n &&
                 q->speaker_span.end <= len && memcmp(text + q->speaker_span.start, q->speaker, n) == 0;
    ns = 0;
    ne = n;
    if (words3(q->speaker, n)) { /* (most names: no tokens needed) */
        if (stance_toks_build(q->speaker, n, tk, &err))
            return STANCE_ERR_NOMEM;
        if (split_name(q->speaker, tk->v, tk->n, &ds, &de, &ns)) {
            if (!out->role && de > ds) {
                out->role = q->speaker + ds;
                out->role_len = de - ds;
            }
        } else
            name_in_phrase(q->speaker, tk->v, tk->n, &ns, &ne);
    }
    out->name_off = ns;
    out->name_len = ne - ns;
    if (as_written)
        out->span = (stance_span){q->speaker_span.start + ns, q->speaker_span.start + ne}; /* the name as written */
    return STANCE_OK;
}

/* The start of the title word right before the bare name of @p nm ("Lord" in
 * "Lord Peverell"): back from the space before the bare name over word bytes,
 * not past the run's start. The word is text[result, nm->bare - 1). */
static size_t title_start(const stance_name *nm, const char *text)
{
    size_t ts = nm->bare - 1;
    while (ts > nm->start && stance_is_word_byte((unsigned char)text[ts - 1]))
        ts--;
    return ts;
}

void stance_peers_find(const stance_namelist *l, const char *text, stance_peers *p)
{
    p->n = 0;
    for (size_t k = 0; k < l->n && p->n < STANCE_PEERS_MAX; k++) {
        const stance_name *nm = &l->v[k];
        size_t te = nm->bare - 1, ts;
        if (nm->ntok != 1 || nm->bare < nm->start + 2 || text[te] != ' ')
            continue;
        ts = title_start(nm, text);
        if (te > ts && stance_lex_in_rules(text + ts, te - ts, STANCE_LQ(PEERAGE))) /* the word right before the name */
            p->k[p->n++] = k;
    }
}

int stance_speaker_peerage(const stance_peers *p, const stance_namelist *l, const char *text, const char *w, size_t n,
                           size_t at, char **out)
{
    long before = -1, after = -1, best;
    *out = NULL;
    for (size_t i = 0; i < p->n; i++) { /* (the runs in text order) */
        const stance_name *nm = &l->v[p->k[i]];
        if (nm->last_end - nm->bare != n || memcmp(text + nm->bare, w, n) != 0)
            continue;
        if (nm->start < at)
            before = (long)p->k[i];
        else if (after < 0)
            after = (long)p->k[i];
    }
    best = before >= 0 ? before : after;
    if (best >= 0) {
        const stance_name *nm = &l->v[best];
        size_t ts = title_start(nm, text), tl = nm->bare - 1 - ts;
        char *o;
        if (!(o = stance_malloc(tl + 1 + n + 1)))
            return STANCE_ERR_NOMEM;
        memcpy(o, text + ts, tl);
        o[tl] = ' ';
        memcpy(o + tl + 1, w, n);
        o[tl + 1 + n] = 0;
        *out = o;
    }
    return STANCE_OK;
}

/* A speaker written as the end of an organisation's name, its last word an
 * organisation's (ORG_LAST): "... the U.S. Court of Appeals for the 3rd
 * Circuit reversed a decision, as well as ruling that ... \"...\"" names the
 * court, not "Circuit". The whole name (stance_org_name_back()) speaks. */
static int org_name_whole(stance_rawquote *q, const char *text, size_t len)
{
    size_t n = strlen(q->speaker), s = q->speaker_span.start, lw = n, ns;
    char *name;
    if (s == STANCE_NO_OFFSET || q->speaker_span.end - s != n || q->speaker_span.end > len ||
        memcmp(text + s, q->speaker, n) != 0)
        return STANCE_OK; /* (not as written: a pronoun's, a description's name) */
    while (lw > 0 && q->speaker[lw - 1] != ' ')
        lw--;
    if (!(stance_lex_rules(q->speaker + lw, n - lw) & STANCE_LQ(ORG_LAST)) || (ns = stance_org_name_back(text, s)) == s)
        return STANCE_OK;
    if (!(name = stance_strndup(text + ns, q->speaker_span.end - ns)))
        return STANCE_ERR_NOMEM;
    stance_free(q->speaker);
    q->speaker = name;
    q->speaker_span.start = ns;
    return STANCE_OK;
}

/* Quote @p q takes the form @p f: its strings rewritten in place. */
static int apply_form(stance_rawquote *q, const stance_spk_form *f)
{
    char *role = NULL;
    if (f->role && f->role == q->role) {
        q->role[f->role_len] = '\0'; /* a view of the role: its full stop cut */
        role = q->role;
    } else if (f->role && !(role = stance_strndup(f->role, f->role_len)))
        return STANCE_ERR_NOMEM; /* the descriptor */
    if (role != q->role)
        stance_free(q->role);
    q->role = role;
    if (q->speaker && (f->name_off || f->name_len < strlen(q->speaker))) {
        memmove(q->speaker, q->speaker + f->name_off, f->name_len);
        q->speaker[f->name_len] = '\0';
    }
    q->speaker_span = f->span;
    return STANCE_OK;
}

int stance_speaker_forms(stance_quotelist *quotes, const char *text, size_t len, stance_error *err)
{
    stance_toks tk;
    int rc = STANCE_OK;
    stance_peers peers;
    stance_peers_find(&quotes->names, text, &peers);
    memset(&tk, 0, sizeof tk);
    for (size_t i = 0; i < quotes->n && !rc; i++) {
        stance_rawquote *q = &quotes->q[i];
        stance_spk_form f;
        char *peer;
        if ((q->speaker || q->role) && !(rc = stance_speaker_form(q, text, len, &tk, &f)))
            rc = apply_form(q, &f);
        if (!rc && q->speaker)
            rc = org_name_whole(q, text, len);
        if (!rc && peers.n && q->speaker &&
            !(rc = stance_speaker_peerage(&peers, &quotes->names, text, q->speaker, strlen(q->speaker), q->span.start,
                                          &peer)) &&
            peer) {
            stance_free(q->speaker); /* "Lord Peverell" */
            q->speaker = peer;
        }
    }
    stance_toks_clear(&tk);
    return rc ? stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory") : STANCE_OK;
}
