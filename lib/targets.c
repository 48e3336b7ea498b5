/*
 * targets.c - target choice for one quote (see targets.h). Each target keeps
 * its own evidence and its own spans to mark, so two actors in one sentence
 * are scored from different statements:
 *  - mentioned in the quote: the quote, its mentions of that actor marked;
 *  - only the object of the attribution or the speaker's principal: the
 *    attribution sentence (quote included), that actor's mentions marked.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "speaker_names.h"
#include "targets.h"

void stance_tlist_clear(stance_tlist *l)
{
    if (!l)
        return;
    stance_free(l->v);
    stance_free(l->ms);
    stance_free(l->sp);
    stance_toks_clear(&l->pre);
    stance_toks_clear(&l->post);
    memset(l, 0, sizeof *l);
}

static int in_span(stance_span m, stance_span s)
{
    return s.start != STANCE_NO_OFFSET && m.start >= s.start && m.end <= s.end;
}

/* Is the word t[ws, we), lowercased, in a lexicon class of @p mask? */
static int word_in(const char *t, size_t ws, size_t we, uint64_t mask)
{
    return (stance_lex_classes_lower(t + ws, we - ws) & mask) != 0;
}

static int alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* A word of reference before @p p in the same phrase (no punctuation or
 * quote mark between; hyphens and a possessive go on; at most 12 words):
 * "responding to Trump's remarks", "in reference to the absent Trump",
 * "referring to finger-shaped bruises that Fields showed", "referencing a
 * super PAC funded by Paul Singer": what the quote answers or refers to; or
 * a speech word up to four words before an "of"/"about" of that phrase
 * ("said on Monday of bridge builder Sam Ito", "said in an interview of Park"). */
static int referred_to(const char *t, size_t p)
{
    size_t i = p, n = 0, of_at = 0; /* words read when "of"/"about" was passed, 0: not yet */
    while (i > 0 && n < 12) {
        size_t we, k;
        char b[16];
        while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '-' || t[i - 1] == '\''))
            i--;
        if (i == 0 || !alnum(t[i - 1]))
            return 0; /* punctuation, a quote mark or a non-ASCII letter ends the phrase */
        we = i;
        while (i > 0 && alnum(t[i - 1]))
            i--;
        n++;
        if (we - i >= sizeof b)
            continue;
        for (k = 0; k < we - i; k++)
            b[k] = (char)(t[i + k] >= 'A' && t[i + k] <= 'Z' ? t[i + k] - 'A' + 'a' : t[i + k]);
        b[k] = 0;
        if (stance_lex_classes(b, we - i) & STANCE_LX(REF_CUE))
            return 1;
        /* "said in February of air conditioner manufacturer Carrier Corp.", "said in an interview of Trump" */
        if (of_at && n <= of_at + 4 && (stance_lex_classes_lower(b, we - i) & STANCE_LX(SPEECH_ABOUT)))
            return 1;
        if (!of_at && (strcmp(b, "of") == 0 || strcmp(b, "about") == 0))
            of_at = n;
    }
    return 0;
}

/* Does a noun for the actor's people or things follow the mention ("Sanders
 * supporters", "the Trump campaign", "the Ivanka Trump brand")? The phrase
 * is then about them, and the actor is no object or subject of it. */
static int modifies_noun(const char *t, size_t len, const stance_mention *m)
{
    size_t ws, we;
    if (m->kind > STANCE_MK_SURNAME || !stance_word_after(t, len, m->span.end, &ws, &we) || !(t[ws] >= 'a' && t[ws] <= 'z'))
        return 0;
    return (stance_lex_classes(t + ws, we - ws) & STANCE_LX(GROUP_NOUN)) != 0; /* as written */
}

/* A surname or name that names a staff of the actor inside a quote ("Park
 * aide Lena Ortiz told me", "former Park administration officials", "the
 * Park campaign"): the quote speaks of those people, not of the actor.
 * Followers stay mentions of the actor ("Park supporters", "the Park
 * people", "our NATO allies" are pairs in the e2e labels): the lexicon's
 * STAFF_NOUN, a part of GROUP_NOUN. */
static int staff_noun_after(const char *t, size_t len, const stance_mention *m)
{
    size_t ws, we;
    if (!modifies_noun(t, len, m) || !stance_word_after(t, len, m->span.end, &ws, &we))
        return 0;
    return (stance_lex_classes(t + ws, we - ws) & STANCE_LX(STAFF_NOUN)) != 0; /* as written, as modifies_noun() */
}

/* Other shapes of a name that stands for the actor's staff or followers in a
 * quote: "Team Park" (the capitalised "Team" right before), "the Park field
 * campaign" ("the", the name, one lowercase word, a staff noun), and a slogan
 * in a quote of its own before a group noun ("the 'Park or Bust' camp",
 * "the 'Park or Bust' people"). */
static int names_staff(const char *t, size_t len, const stance_mention *m)
{
    size_t ws, we, ns, ne, p = m->span.start, e = m->span.end;
    if (m->kind > STANCE_MK_SURNAME)
        return 0;
    if (staff_noun_after(t, len, m) || (p >= 5 && memcmp(t + p - 5, "Team ", 5) == 0 && (p == 5 || !alnum(t[p - 6]))))
        return 1;
    if (stance_word_before(t, p, &ws, &we) && stance_word_is(t, ws, we, "the") && we + 1 == p &&
        stance_word_after(t, len, e, &ws, &we) && ws == e + 1 && t[ws] >= 'a' && t[ws] <= 'z' &&
        stance_word_after(t, len, we, &ns, &ne) && ns == we + 1 &&
        (stance_lex_classes(t + ns, ne - ns) & STANCE_LX(STAFF_NOUN)))
        return 1;
    if (p == 0 || t[p - 1] != '\'')
        return 0;
    for (size_t i = e; i < len && i < e + 40 && t[i] != '"' && t[i] != '\n'; i++)
        if (t[i] == '\'' && (i + 1 == len || !alnum(t[i + 1]))) /* the slogan's closing mark */
            return stance_word_after(t, len, i + 1, &ws, &we) && ws == i + 2 &&
                   (stance_lex_classes(t + ws, we - ws) & STANCE_LX(GROUP_NOUN));
    return 0;
}

/* A name after "anti-" or "pro-" ("the anti-Park weekly", "more anti-Park
 * than pro-Diaz"): an adjective of something else, no object of the
 * attribution. */
static int prefixed(const char *t, const stance_mention *m)
{
    size_t p = m->span.start;
    if (p >= 5 && memcmp(t + p - 5, "anti-", 5) == 0 && (p == 5 || !alnum(t[p - 6])))
        return 1;
    return p >= 4 && memcmp(t + p - 4, "pro-", 4) == 0 && (p == 4 || !alnum(t[p - 5]));
}

/* Is the word before @p p one of the prepositions of a place (the lexicon's
 * lists, any case: "To Cleveland" of a title-case quote): 2 for PLACE_IN
 * ("in", "across", "throughout": no person or body stands there; the list
 * discovery's places read), 1 for PLACE_AT ("at", "from", "to")? */
static int place_prep_before(const char *t, size_t p)
{
    size_t we, ws;
    uint64_t r;
    if (p < 3 || t[p - 1] != ' ')
        return 0;
    we = p - 1;
    for (ws = we; ws > 0 && alnum(t[ws - 1]);)
        ws--;
    if (ws > 0 && (t[ws - 1] == '-' || t[ws - 1] == '\''))
        return 0;
    r = stance_lex_rules_lower(t + ws, we - ws);
    return r & STANCE_LQ(PLACE_IN) ? 2 : (r & STANCE_LQ(PLACE_AT)) != 0;
}

/* Is name mention @p m of discovered entity @p e only a place the quote
 * names ("we arrived in Cleveland", "coming back to Little Rock"): after a
 * place's preposition, not owning ("to Cleveland's"), and the article writes
 * every name of the entity so, one at least after "in"/"across"/"throughout" or in a
 * dateline ("Riverton \u2014", "Riverton (AP) -": a name that opens its
 * paragraph and the mark of stance_dateline_mark(), read in the text up to
 * @p len, the quote's end; "at CNN", "from Goldman Sachs" alone are no sign
 * of a place), a name that opens with no listed first name ("Hillary Clinton"
 * is a person)? Such a mention makes no target (disc9: chosen on the e2e
 * train labels). */
static int place_only(const char *t, size_t len, const stance_ent *e, const stance_mention *m)
{
    size_t p = m->span.end;
    const char *sp = strchr(e->name, ' ');
    int place = 0; /* a name after "in"/"across"/"throughout" or in a dateline */
    if (!e->discovered || (sp && stance_names_is_first_name(e->name, (size_t)(sp - e->name))) ||
        m->kind > STANCE_MK_SURNAME || !place_prep_before(t, m->span.start) ||
        (p + 1 < len && (t[p] == '\'' || ((unsigned char)t[p] == 0xE2 && p + 2 < len && (unsigned char)t[p + 2] == 0x99))))
        return 0;
    for (size_t k = 0; k < e->n_mentions; k++) {
        size_t s = e->mentions[k].start, x = e->mentions[k].end;
        int dateline = (s == 0 || t[s - 1] == '\n') && stance_dateline_mark(t, len, x),
            prep = dateline ? 2 : place_prep_before(t, s);
        if (!prep)
            return 0;
        place |= prep == 2;
    }
    return place;
}

/* An actor left unnamed on purpose: "did not mention Trump by name",
 * "without naming Sanders" (the mention from @p p to @p end, the text read
 * up to @p lim): what the speaker says next is about it. */
static int unnamed(const char *t, size_t p, size_t end, size_t lim)
{
    size_t ws, we, ps, pe;
    if (!stance_word_before(t, p, &ws, &we))
        return 0;
    if (stance_word_is(t, ws, we, "naming"))
        return stance_word_before(t, ws, &ps, &pe) && stance_word_is(t, ps, pe, "without");
    if (!stance_word_is(t, ws, we, "mention") && !stance_word_is(t, ws, we, "mentioned") &&
        !stance_word_is(t, ws, we, "mentioning"))
        return 0;
    return end + 8 <= lim && memcmp(t + end, " by name", 8) == 0 && (end + 8 == lim || !alnum(t[end + 8]));
}

/* Is the mention the object of an attribution verb or a verb of address
 * ("accused Gov. Tom Park", "asking Trump", "support behind Cruz",
 * "called him", "said of Park", "praise for the mayor", "the criticism of Park")
 * or what the attribution refers to ("responding to Trump's remarks") or
 * leaves unnamed ("did not mention Trump by name")? The text is read up to
 * @p lim. */
/* The mention at @p p inside a sentence's opening clause of a question put to
 * the speaker ("Asked if Park's comments had rattled them, Diaz said",
 * "When asked about Park's plan, ..."): no comma between, what the answer is
 * about. */
static int asked_about(const char *t, size_t p)
{
    size_t s = stance_sent_start(t, p, p > 400 ? p - 400 : 0), ws, we;
    while (s < p && (t[s] == ' ' || t[s] == '"' || (unsigned char)t[s] >= 0x80))
        s++; /* spaces and opening marks */
    if (memchr(t + s, ',', p - s) || !stance_word_after(t, p, s, &ws, &we) || ws != s)
        return 0;
    if (stance_word_is(t, ws, we, "when") && !stance_word_after(t, p, we, &ws, &we))
        return 0;
    if (!stance_word_is(t, ws, we, "asked"))
        return 0;
    return stance_word_after(t, p, we, &ws, &we) &&
           (stance_word_is(t, ws, we, "about") || stance_word_is(t, ws, we, "if") ||
            stance_word_is(t, ws, we, "whether") || stance_word_is(t, ws, we, "why") || stance_word_is(t, ws, we, "how"));
}

int stance_targets_is_object(const char *t, size_t lim, const stance_mention *m)
{
    size_t p = m->kind <= STANCE_MK_SURNAME ? stance_mentions_skip_title(t, m->span.start) : m->span.start;
    size_t ws, we, ps, pe;
    if (!stance_word_before(t, p, &ws, &we))
        return 0;
    if (referred_to(t, p) || unnamed(t, p, m->span.end, lim) || asked_about(t, p))
        return 1;
    if (word_in(t, ws, we, STANCE_LX(OBJ_VERB) | STANCE_LX(ADDRESS_CUE)))
        return 1;
    if (!stance_word_before(t, ws, &ps, &pe))
        return 0;
    if ((stance_word_is(t, ws, we, "of") || stance_word_is(t, ws, we, "about") || stance_word_is(t, ws, we, "to")) &&
        word_in(t, ps, pe, STANCE_LX(SPEECH_ABOUT)))
        return 1;
    if (stance_word_is(t, ws, we, "for") || stance_word_is(t, ws, we, "of") || stance_word_is(t, ws, we, "on") ||
        stance_word_is(t, ws, we, "at") || stance_word_is(t, ws, we, "against") || stance_word_is(t, ws, we, "behind"))
        return word_in(t, ps, pe, STANCE_LX(OBJ_NOUN));
    return 0;
}

/* ---- a quoted fragment's neighbours, over the token layer ------------------
 * The attribution sentence is cut in two windows: up to LEAD_BYTES before
 * the quote (its opening mark the last token) and up to TAIL_BYTES after it
 * (its closing mark the first token). Built once per quote, when an actor
 * stands in the attribution sentence, and each window only when a mention
 * on its side needs it. */
#define LEAD_BYTES 400u
#define TAIL_BYTES 160u
#define LEAD_TOKENS 16u /* tokens between a reported clause's subject and the quote (12 missed a relative clause) */
#define TAIL_TOKENS 5u  /* words between the quote and the actor that continues it (3 missed "oil fields seized by") */

static void window_bases(const stance_rawquote *q, stance_tlist *out)
{
    size_t lo = q->context.start;
    if (lo + LEAD_BYTES < q->span.start)
        lo = q->span.start - LEAD_BYTES;
    out->pre_base = lo;
    out->post_base = q->span.end;
    out->pre.n = out->post.n = 0;
}

/* Tokenize the window before (@p after 0) or after the quote, once per quote
 * (@p built: the windows done so far), when a mention there needs it. */
static int build_window(const char *text, const stance_rawquote *q, int after, unsigned *built, stance_tlist *out)
{
    size_t hi = q->context.end;
    stance_error err;
    if (*built & (1u << after))
        return STANCE_OK;
    *built |= 1u << after;
    if (!after) {
        if (out->pre_base < q->span.start &&
            stance_toks_build(text + out->pre_base, q->span.start - out->pre_base, &out->pre, &err))
            return STANCE_ERR_NOMEM;
        return STANCE_OK;
    }
    if (hi > q->span.end + TAIL_BYTES)
        hi = q->span.end + TAIL_BYTES;
    if (hi > q->span.end && stance_toks_build(text + q->span.end, hi - q->span.end, &out->post, &err))
        return STANCE_ERR_NOMEM;
    return STANCE_OK;
}

static int between(stance_span s, size_t a, size_t b)
{
    return s.start != STANCE_NO_OFFSET && s.start >= a && s.end <= b;
}

/* The subject of the reported clause a quoted fragment continues: "said Park
 * was \"...", "Park's \"...", "that the mayor \"...". The mention is in the
 * same sentence as the opening mark, at most LEAD_TOKENS tokens before it,
 * with no quote mark, speaker or reporting verb of the quote in between. */
static int lead_in(const stance_tlist *l, const stance_rawquote *q, const stance_mention *m)
{
    const stance_toks *tk = &l->pre;
    size_t k, stop;
    if (!tk->n || m->span.end > q->span.start || m->span.start < l->pre_base)
        return 0;
    stop = tk->n - 1; /* the opening mark, or the quote's first byte if it has none */
    if (tk->v[stop].kind != STANCE_TK_QUOTE)
        stop = tk->n;
    if (between(q->speaker_span, m->span.end, q->span.start) || between(q->cue_span, m->span.end, q->span.start))
        return 0;
    k = stance_toks_at(tk, m->span.end - l->pre_base);
    if (stop < k || stop - k > LEAD_TOKENS || tk->v[stance_toks_at(tk, m->span.start - l->pre_base)].sent !=
                                                  tk->v[tk->n - 1].sent)
        return 0;
    for (; k < stop; k++)
        if (tk->v[k].kind == STANCE_TK_QUOTE)
            return 0;
    return 1;
}

/* A phrase that continues a quoted fragment and names the actor: "\"...\"
 * between Cruz and Trump", "\"...\" of Trump", "\"can beat\" billionaire
 * Donald Trump". Only after a fragment (no final punctuation inside the
 * marks), at most TAIL_TOKENS words after the closing mark, in its sentence,
 * through no conjunction, relative or reporting verb, and not the subject of
 * a reporting verb ("\"...\" Park said", "\"...\" and Park agreed"). After a
 * fragment ending in a comma, an actor right between it and the next quoted
 * piece is that piece's subject ("\"...,\" Obama \"opted for ...\""). */
static int tail(const char *text, const stance_tlist *l, const stance_rawquote *q, const stance_mention *m)
{
    const stance_toks *tk = &l->post;
    const uint64_t rv = STANCE_LX(RV_SAY) | STANCE_LX(RV_ARGUE) | STANCE_LX(RV_CRIT) | STANCE_LX(RV_PRAISE);
    size_t k, e, first = 1;
    unsigned char last = q->span.end > q->span.start ? (unsigned char)text[q->span.end - 1] : '.';
    if (!tk->n || tk->v[0].kind != STANCE_TK_QUOTE || m->span.start < q->span.end)
        return 0;
    k = stance_toks_at(tk, m->span.start - l->post_base);
    e = stance_toks_at(tk, m->span.end - l->post_base);
    /* "\"...,\" Obama \"opted for ...\"": the subject of the clause the next fragment goes on with */
    if (k == first && k < tk->n && e < tk->n && tk->v[e].kind == STANCE_TK_QUOTE && tk->v[k].sent == tk->v[0].sent &&
        strchr(",:", last))
        return 1;
    if (strchr(",.;:!?", last))
        return 0;
    if (k >= tk->n || k - first > TAIL_TOKENS || tk->v[k].sent != tk->v[0].sent ||
        (e < tk->n && tk->v[e].kind == STANCE_TK_WORD && (tk->v[e].lcls & rv)))
        return 0;
    for (size_t j = first; j < k; j++) { /* "for", "between", "billionaire"; not "and", "who", "said" */
        /* but "between Cruz and Trump": "and" right after a name, right before the mention */
        if (j + 1 == k && j > first && (tk->v[j].lcls & STANCE_LX(CONJ)) && (tk->v[j - 1].shape & STANCE_SH_CAP) &&
            tk->v[j - 1].kind == STANCE_TK_WORD && (stance_word_is(text, l->post_base + tk->v[j].start,
                                                                   l->post_base + tk->v[j].end, "and") ||
                                                    stance_word_is(text, l->post_base + tk->v[j].start,
                                                                   l->post_base + tk->v[j].end, "or")))
            continue;
        if (tk->v[j].kind != STANCE_TK_WORD ||
            (tk->v[j].lcls & (rv | STANCE_LX(CONJ) | STANCE_LX(REL) | STANCE_LX(MODAL) | STANCE_LX(PRONOUN))))
            return 0;
    }
    return 1;
}

static size_t first_span(const stance_span *ms, size_t n, size_t pos)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ms[mid].start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t first_more(const stance_mention *ms, size_t n, size_t pos)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ms[mid].span.start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Append the actor's mentions inside [lo, hi), names and the rest merged in text order. */
static int gather(const stance_ent *e, size_t lo, size_t hi, stance_tlist *out)
{
    size_t i = first_span(e->mentions, e->n_mentions, lo), j = first_more(e->more, e->n_more, lo);
    for (;;) {
        int take_name = i < e->n_mentions && e->mentions[i].start < hi;
        int take_more = j < e->n_more && e->more[j].span.start < hi;
        stance_mention m;
        if (take_name && take_more)
            take_more = e->more[j].span.start < e->mentions[i].start;
        if (!take_name && !take_more)
            return STANCE_OK;
        if (take_more)
            m = e->more[j++];
        else {
            m = (stance_mention){e->mentions[i], e->kinds ? e->kinds[i] : STANCE_MK_NAME,
                                 e->rules ? e->rules[i] : STANCE_MR_NAME};
            i++;
        }
        if (m.span.end > hi)
            continue;
        if (stance_grow((void **)&out->ms, &out->ms_cap, out->n_ms + 1, sizeof *out->ms))
            return STANCE_ERR_NOMEM;
        out->ms[out->n_ms++] = m;
    }
}

static int add_span(stance_tlist *out, size_t s, size_t e)
{
    if (stance_grow((void **)&out->sp, &out->sp_cap, out->n_sp + 1, sizeof *out->sp))
        return STANCE_ERR_NOMEM;
    out->sp[out->n_sp++] = (stance_span){s, e};
    return STANCE_OK;
}

/* The spans to mark for target @p c: its mentions in the quote (speaker-self
 * only when there is nothing else), else all of it in the attribution sentence. */
static int mark_spans(const stance_rawquote *q, stance_tlist *out, stance_tchoice *c)
{
    c->s0 = out->n_sp;
    for (int self = 0; self < 2 && out->n_sp == c->s0; self++)
        for (size_t k = c->m0; k < c->m0 + c->nm; k++) {
            const stance_mention *m = &out->ms[k];
            if (in_span(m->span, q->span) && (m->kind == STANCE_MK_SELF) == self &&
                add_span(out, m->span.start - q->span.start, m->span.end - q->span.start))
                return STANCE_ERR_NOMEM;
        }
    if (out->n_sp == c->s0 && q->context.start != STANCE_NO_OFFSET) {
        c->in_context = 1;
        for (size_t k = c->m0; k < c->m0 + c->nm; k++) {
            const stance_mention *m = &out->ms[k];
            if (in_span(m->span, q->context) &&
                add_span(out, m->span.start - q->context.start, m->span.end - q->context.start))
                return STANCE_ERR_NOMEM;
        }
    }
    c->ns = out->n_sp - c->s0;
    return STANCE_OK;
}

static void widen(stance_span s, size_t *lo, size_t *hi)
{
    if (s.start == STANCE_NO_OFFSET)
        return;
    if (s.start < *lo)
        *lo = s.start;
    if (s.end > *hi)
        *hi = s.end;
}

/* Where the attribution of @p q may name its object: its context, and for a
 * fragment that goes on with the previous fragment's sentence ("described
 * Trump as \"a sociopath\" and \"a psychopath\"", "calling him a \"talented
 * guy\" when required to \"read a teleprompter\"") that sentence from its
 * start, whose context ends at the previous fragment: the object of the
 * verb that introduced the first is the object of them all. */
static stance_span object_reach(const char *text, const stance_rawquote *q, size_t wlo)
{
    stance_span c = q->context;
    if (q->rule == STANCE_RULE_PARTIAL_SAME_SENT && c.start != STANCE_NO_OFFSET && wlo < c.start)
        c.start = stance_sent_start(text, c.start, wlo);
    return c;
}

/* ---- the attribution's own second clause ---------------------------------
 * "\"...,\" Lopez said, before she praised Ruiz.", "... said on Monday, hours
 * after she met Ruiz.", "... a question posed by West, who has criticized
 * Clinton.": past the quote, its speaker and its cue, the attribution's
 * sentence goes on with a clause of its own (a subordinator or a relative
 * word; "and", "but", "as", "so" before a subject pronoun). A mention from
 * there on stays in the attribution but is no object of it. Read on the
 * window after the quote (TAIL_BYTES); a quote mark first (a split quote's
 * next fragment) ends the search: the quote goes on. */

static int clause_opener(const stance_tlist *l, size_t k)
{
    const stance_token *w = &l->post.v[k];
    uint64_t q = w->llex >= 0 ? stance_lex_entry(w->llex)->rules : 0; /* any case, as before: "And", "and" */
    if (q & STANCE_LQ(CUT_PRON)) /* "and", "but", "as", "so" */
        return k + 1 < l->post.n && l->post.v[k + 1].kind == STANCE_TK_WORD &&
               (l->post.v[k + 1].cls & STANCE_LX(SPEAKER_PRON));
    return (w->cls & (STANCE_LX(CONJ) | STANCE_LX(REL))) && !(q & STANCE_LQ(CUT_NOT)); /* not "or", "that", "if" */
}

/* Where that clause starts, or STANCE_NO_OFFSET; the window is built. */
static size_t own_clause_cut(const char *text, const stance_tlist *l, const stance_rawquote *q)
{
    const stance_toks *tk = &l->post;
    size_t from = q->span.end, k = 0;
    if (q->speaker_span.start != STANCE_NO_OFFSET && q->speaker_span.end > from)
        from = q->speaker_span.end;
    if (q->cue_span.start != STANCE_NO_OFFSET && q->cue_span.end > from)
        from = q->cue_span.end;
    if (from > q->span.end)
        k = stance_toks_at(tk, from - l->post_base);
    else if (tk->n && tk->v[0].kind == STANCE_TK_QUOTE)
        k = 1; /* the quote's own closing mark */
    for (; k < tk->n; k++) {
        if (tk->v[k].kind == STANCE_TK_QUOTE)
            return STANCE_NO_OFFSET;
        if (tk->v[k].kind == STANCE_TK_WORD && clause_opener(l, k))
            return l->post_base + tk->v[k].start;
    }
    return STANCE_NO_OFFSET;
}

/* ---- the object of the sentence before -------------------------------------
 * "Cruz took the stage with a shot at Trump. \"...,\" Cruz said.", "Obama took
 * a whack at Trump's credentials. \"...\"": the sentence before the quote's has
 * its speaker criticise or praise an actor (a verb of that right before the
 * actor, or such a noun and at/on/for/against: the lexicon's EVAL_VERB and
 * EVAL_NOUN); the quote goes on with it. */

/* Is the mention at @p p (its first word) criticised or praised by the words
 * before it, from @p floor on? */
static int evaluated(const char *t, size_t p, size_t floor)
{
    size_t ws, we, n;
    int at;
    if (!stance_word_before(t, p, &ws, &we) || ws < floor)
        return 0;
    if (word_in(t, ws, we, STANCE_LX(EVAL_VERB)))
        return 1;
    at = stance_word_is(t, ws, we, "at");
    if (!at && !word_in(t, ws, we, STANCE_LX(EVAL_PREP))) /* on, for, against, of, about */
        return 0;
    for (n = 0; n < 4 && stance_word_before(t, ws, &ws, &we) && ws >= floor; n++) {
        if ((n == 0 && at && stance_word_is(t, ws, we, "back")) || /* "fired back at" */
            word_in(t, ws, we, STANCE_LX(EVAL_NOUN)))
            return 1;
    }
    return 0;
}

stance_span stance_targets_before(const char *text, const stance_rawquote *q)
{
    size_t e = stance_sent_start(text, q->span.start, 0);
    while (e > 0 && (text[e - 1] == ' ' || text[e - 1] == '\n'))
        e--; /* the sentence before may end the paragraph before */
    if (e < 2)
        return (stance_span){STANCE_NO_OFFSET, STANCE_NO_OFFSET};
    return (stance_span){stance_sent_start(text, e - 1, 0), e};
}

/* A mention that may stand as that object: a name, title or description, or
 * "him"/"them" (not "his", "her", "their": a possessive is no object). */
static int object_like(const char *t, const stance_mention *m)
{
    if (m->kind <= STANCE_MK_EPITHET)
        return 1;
    return m->kind == STANCE_MK_PRONOUN &&
           (stance_word_is(t, m->span.start, m->span.end, "him") || stance_word_is(t, m->span.start, m->span.end, "them"));
}

/* The first whole word w[0, n) in t[b.start, b.end), or STANCE_NO_OFFSET. */
static size_t find_word(const char *t, stance_span b, const char *w, size_t n)
{
    for (size_t i = b.start; n && i + n <= b.end; i++)
        if (!((t[i] ^ w[0]) & ~0x20) && /* the first bytes equal or differ in case only: caseeq's first test, cheap */
            (i == b.start || !stance_word_byte(t, i - 1, b.end)) && stance_ascii_caseeq(t + i, w, n) &&
            (i + n == b.end || !stance_word_byte(t, i + n, b.end)))
            return i;
    return STANCE_NO_OFFSET;
}

/* Where the speaker of @p q is first named in @p b: a mention of the speaker
 * actor, else the last word of the speaker phrase ("Cruz" of "Sen. Ted Cruz",
 * "he") or of the speaker's name; STANCE_NO_OFFSET if nowhere. */
static size_t speaker_at(const stance_entityset *ents, const char *text, const stance_rawquote *q, long speaker,
                         stance_span b, stance_tlist *out, int *nomem)
{
    size_t m0 = out->n_ms, ws, we, at = STANCE_NO_OFFSET;
    const char *sur;
    if (speaker >= 0) {
        if (gather(&ents->e[speaker], b.start, b.end, out)) {
            *nomem = 1;
            return STANCE_NO_OFFSET;
        }
        if (out->n_ms > m0) {
            out->n_ms = m0;
            return out->ms[m0].span.start;
        }
    }
    if (q->speaker_span.start != STANCE_NO_OFFSET && stance_word_before(text, q->speaker_span.end, &ws, &we) &&
        ws >= q->speaker_span.start)
        at = find_word(text, b, text + ws, we - ws);
    if (at == STANCE_NO_OFFSET && q->speaker && (sur = strrchr(q->speaker, ' ')))
        at = find_word(text, b, sur + 1, strlen(sur + 1));
    return at;
}

/* The one actor (not the speaker) the sentence @p b before the quote has the
 * speaker criticise or praise, or -1 (none, or more than one). The speaker is
 * named in @p b before it. Uses the list's mentions as scratch. */
static long before_object(const stance_entityset *ents, const char *text, const stance_rawquote *q, stance_span b,
                          long speaker, const size_t *cand, size_t n_cand, stance_tlist *out, int *nomem)
{
    long found = -1;
    size_t m0 = out->n_ms, sp0;
    if (b.start == STANCE_NO_OFFSET ||
        (sp0 = speaker_at(ents, text, q, speaker, b, out, nomem)) == STANCE_NO_OFFSET)
        return -1;
    for (size_t ci = 0; ci < (cand ? n_cand : ents->n); ci++) {
        size_t i = cand ? cand[ci] : ci;
        int hit = 0;
        if ((long)i == speaker)
            continue;
        if (gather(&ents->e[i], b.start, b.end, out)) {
            *nomem = 1;
            return -1;
        }
        for (size_t j = m0; j < out->n_ms && !hit; j++) {
            const stance_mention *m = &out->ms[j];
            size_t p = m->kind <= STANCE_MK_SURNAME ? stance_mentions_skip_title(text, m->span.start) : m->span.start;
            hit = m->span.start > sp0 && object_like(text, m) &&
                  (evaluated(text, p, sp0) || unnamed(text, p, m->span.end, b.end));
        }
        out->n_ms = m0;
        if (hit && found >= 0)
            return -1;
        if (hit)
            found = (long)i;
    }
    return found;
}

long stance_targets_before_object(const stance_entityset *ents, const char *text, const stance_rawquote *q, long speaker)
{
    stance_tlist scratch = {0};
    int nomem = 0;
    long found = before_object(ents, text, q, stance_targets_before(text, q), speaker, NULL, 0, &scratch, &nomem);
    stance_tlist_clear(&scratch);
    return nomem ? -2 : found;
}

int stance_targets_faces_owner(const char *text, stance_span sp)
{
    size_t wl;
    const char *w;
    if (sp.start == STANCE_NO_OFFSET)
        return 0;
    w = stance_last_word(text + sp.start, sp.end - sp.start, &wl);
    return (stance_lex_classes(w, wl) & STANCE_LX(FACING_NOUN)) != 0; /* as written */
}

/* own_clause_cut() of @p q, its window built first; STANCE_NO_OFFSET - 1 when out of memory. */
static size_t past_own_clause(const char *text, const stance_rawquote *q, int *windows, unsigned *built,
                              stance_tlist *out)
{
    if (!(*windows)++)
        window_bases(q, out);
    if (build_window(text, q, 1, built, out))
        return STANCE_NO_OFFSET - 1;
    return own_clause_cut(text, out, q);
}

int stance_targets_choose_before(const stance_entityset *ents, const char *text, const stance_rawquote *q,
                                 stance_span before, unsigned flags, const size_t *cand, size_t n_cand,
                                 stance_tlist *out)
{
    long speaker = stance_mentions_speaker(ents, text, q);
    long principal = stance_mentions_principal(ents, text, q, speaker);
    size_t wlo = q->span.start, whi = q->span.end;
    stance_span reach;
    size_t cut = 0; /* own_clause_cut(), 0 until an object after the quote needs it */
    long prev_obj;
    int windows = 0, nomem = 0;
    unsigned built = 0; /* the token windows made for this quote: 1 before, 2 after */
    out->n = out->n_ms = out->n_sp = 0;
    out->speaker = speaker;
    out->principal = principal;
    widen(q->speaker_span, &wlo, &whi);
    widen(q->context, &wlo, &whi);
    reach = object_reach(text, q, wlo);
    prev_obj = before_object(ents, text, q, before, speaker, cand, n_cand, out, &nomem);
    if (nomem)
        return STANCE_ERR_NOMEM;
    if (prev_obj >= 0)
        widen(before, &wlo, &whi);
    for (size_t ci = 0; ci < (cand ? n_cand : ents->n); ci++) {
        size_t i = cand ? cand[ci] : ci;
        stance_tchoice c = {i, 0, 0, out->n_ms, 0, 0, 0, 0};
        size_t n_in = 0, n_named = 0, n_ctx = 0, n_spk = 0, k = c.m0;
        if (gather(&ents->e[i], wlo, whi, out))
            return STANCE_ERR_NOMEM;
        for (size_t j = c.m0; j < out->n_ms; j++) {
            const stance_mention *m = &out->ms[j];
            int keep = 1;
            if (in_span(m->span, q->span) && names_staff(text, q->span.end, m)) {
                keep = 0; /* "Park aide Lena Ortiz told me": the aide */
            } else if (in_span(m->span, q->span) && place_only(text, q->span.end, &ents->e[i], m)) {
                keep = 0; /* "we arrived in Cleveland": a place */
            } else if (in_span(m->span, q->span)) {
                n_in += m->kind != STANCE_MK_SELF;
                n_named += m->kind <= STANCE_MK_TITLE;
            } else if (in_span(m->span, q->speaker_span)) {
                n_spk++;
                keep = (long)i == principal;
                if (!keep && (long)i != speaker && m->rule == STANCE_MR_POSSESSIVE &&
                    stance_targets_faces_owner(text, q->speaker_span)) {
                    keep = 1; /* "Obama's first five questioners": what the speakers face */
                    n_ctx++;
                    c.reasons |= STANCE_TR_OBJECT;
                }
            } else if (in_span(m->span, q->context) && m->kind != STANCE_MK_SELF) {
                n_ctx++;
                if ((long)i != speaker && !(c.reasons & STANCE_TR_OBJECT)) {
                    int obj = 0;
                    if (!windows++)
                        window_bases(q, out);
                    if (!prefixed(text, m) && !modifies_noun(text, whi, m) &&
                        !(obj = stance_targets_is_object(text, whi, m))) {
                        /* a lead-in before the quote, a tail after it: each window tokenized when needed */
                        if (m->span.end <= q->span.start && m->span.start >= out->pre_base) {
                            if (build_window(text, q, 0, &built, out))
                                return STANCE_ERR_NOMEM;
                            obj = lead_in(out, q, m);
                        } else if (m->span.start >= q->span.end) {
                            if (build_window(text, q, 1, &built, out))
                                return STANCE_ERR_NOMEM;
                            obj = tail(text, out, q, m);
                        }
                    }
                    /* past a clause of the attribution's own after the quote: no object of it */
                    if (obj && m->span.start >= q->span.end) {
                        if (!cut && (cut = past_own_clause(text, q, &windows, &built, out)) == STANCE_NO_OFFSET - 1)
                            return STANCE_ERR_NOMEM;
                        obj = m->span.start < cut;
                    }
                    if (obj)
                        c.reasons |= STANCE_TR_OBJECT;
                }
            } else if (in_span(m->span, reach) && (long)i != speaker && !(c.reasons & STANCE_TR_OBJECT) &&
                       !modifies_noun(text, whi, m) && !prefixed(text, m) && stance_targets_is_object(text, whi, m)) {
                n_ctx++;
                c.reasons |= STANCE_TR_OBJECT; /* the object of the sentence's first fragment */
            } else if ((long)i == prev_obj && in_span(m->span, before) && !(c.reasons & STANCE_TR_OBJECT) &&
                       object_like(text, m)) {
                n_ctx++;
                c.reasons |= STANCE_TR_OBJECT; /* criticised or praised in the sentence before */
            } else
                keep = 0;
            if (keep)
                out->ms[k++] = *m;
        }
        out->n_ms = k;
        c.nm = k - c.m0;
        if (n_in)
            c.reasons |= STANCE_TR_MENTIONED;
        /* the actor the speaker speaks for is the speaker's side: a target only
         * when the quote is about it too (mentioned, or the attribution's object) */
        if ((long)i == principal && c.reasons)
            c.reasons |= STANCE_TR_PRINCIPAL;
        /* the speaker is a target of their own quote only when they name themselves in it
         * (a name, surname or title: "the governor", "the foundation") */
        if ((long)i == speaker && !n_named)
            c.reasons = 0;
        if (!c.reasons && (!(flags & STANCE_OPT_ALL_ACTORS) || (long)i == speaker || (n_spk && !n_in))) {
            out->n_ms = c.m0;
            continue;
        }
        if (!c.reasons)
            c.reasons = STANCE_TR_ALL;
        c.where = n_in ? 1 : (n_ctx || (c.reasons & STANCE_TR_PRINCIPAL)) ? 2 : 0;
        if (c.reasons != STANCE_TR_ALL && mark_spans(q, out, &c))
            return STANCE_ERR_NOMEM;
        if (stance_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v))
            return STANCE_ERR_NOMEM;
        out->v[out->n++] = c;
    }
    return STANCE_OK;
}
