/*
 * sieves_late.c - the late attribution sieves (split from sieves.c). They run
 * in the last stage, after inheritance, on the direct quotes still without a
 * speaker; inheritance runs again after them so that the quotes that follow
 * take what they found. They never take a quote from another rule.
 * At the end, helpers of the partial-quote rules of sieves.c: the fallback of
 * partial-before (a verb of speech whose noun phrase is none: a relative "who",
 * an aside, an auxiliary, a participle), nouns of speech after a possessive, a
 * partial quote continuing a direct one, and partial-same-sent backwards.
 */
#include "config.h"

#include "quotes_int.h"
#include "speaker_names.h"

/* Back over the spaces before @p pos, not below @p floor. */
static size_t skip_back_hs(ctx *c, size_t pos, size_t floor)
{
    while (pos > floor && stance_hspace(c->t, back1(c->t, pos), c->len))
        pos = back1(c->t, pos);
    return pos;
}

/* The start of the paragraph that holds @p pos. */
static size_t para_start(ctx *c, size_t pos)
{
    while (pos > 0 && c->t[pos - 1] != '\n')
        pos--;
    return pos;
}

/* The lead-in of a whole quote: the clause before its mark ends with a comma
 * or colon (or the paragraph before ends with a colon). Its sentence
 * [*ss, *le), le at that comma or colon; 0 when there is none. */
static int lead_in(ctx *c, const sv *v, size_t *ss, size_t *le)
{
    const seg *q = v->q;
    size_t e = q->open, floor = q->para;
    if (!(v->fc == 1 || (v->fc == 0 && v->endp)))
        return 0;
    if (q->pc == PC_PARA) {
        if (q->para < 2 || (e = stance_q_prev_para_end(c, q)) == 0 || c->t[e - 1] != ':')
            return 0;
        floor = para_start(c, e - 1);
    } else if (q->pc == PC_COMMA || q->pc == PC_COLON) {
        while (e > floor && stance_hspace(c->t, back1(c->t, e), c->len))
            e = back1(c->t, e);
        if (e <= floor || (c->t[e - 1] != ',' && c->t[e - 1] != ':'))
            return 0;
    } else
        return 0;
    *le = e - 1;
    *ss = stance_q_sent_start(c, *le, *le - floor > WINDOW ? *le - WINDOW : floor);
    return *ss < *le;
}

/* A lead-in that opens with a name of its own kind: 'Here is Governor Lena
 * Marsh in 1994:' (after "Here is"/"Here's") or 'From Hoff's post:' (a
 * possessive after "From", before a colon; not 'Hoff's deputy said:'). */
static int lead_opener(ctx *c, size_t cs, size_t le, attr *b)
{
    size_t i = cs, ws, we;
    long k;
    int here = 0, from = 0;
    if (!stance_chunk_next(c->t, &i, le, c->len, &ws, &we))
        return 0;
    if (word_eq(c->t, ws, we, "Here") || word_eq(c->t, ws, we, "Here's") || word_eq(c->t, ws, we, "Here\xE2\x80\x99s")) {
        here = 1;
        if (we - ws == 4 && (!stance_chunk_next(c->t, &i, le, c->len, &ws, &we) || !(word_eq(c->t, ws, we, "is") || word_eq(c->t, ws, we, "are"))))
            return 0;
    } else if (word_eq(c->t, ws, we, "From")) {
        if (c->t[le] != ':')
            return 0;
        from = 1;
    } else
        return 0;
    i = skip_hs(c->t, i, c->len);
    k = name_before(c, i + 1);
    /* (the run may hold the opening word: "From Edda Morland's") */
    if (k < 0 || c->names->v[k].start < cs || c->names->v[k].end <= i || c->names->v[k].end > le)
        return 0;
    if (!here && !(from && stance_possessive_at(c->t, c->len, c->names->v[k].last_end)))
        return 0;
    b->how = STANCE_ATTR_NAME;
    b->spk = (stance_span){c->names->v[k].start, c->names->v[k].end};
    return 1;
}

/* Does the lowercase word [ws, we) read as the verb after a subject: a
 * word that makes a clause (APPOS_STOP: is, has, said), a modal, a
 * reporting verb, or a past tense in -ed ('rallied', 'ranged')? */
static int verb_like(ctx *c, size_t ws, size_t we)
{
    uint64_t cls = stance_lex_classes(c->t + ws, we - ws);
    if (cls & (STANCE_LX(APPOS_STOP) | STANCE_LX(MODAL) | STANCE_LX(RV_SAY) | STANCE_LX(RV_ARGUE) |
               STANCE_LX(RV_CRIT) | STANCE_LX(RV_PRAISE)))
        return 1;
    return stance_ed_form(c->t + ws, we - ws);
}

/* 'A footnote in the report makes that clear: "', 'Hoff's letter makes a
 * case: "', 'Another tweeted, "': with no name or he/she for a subject, the
 * noun phrase opening the lead-in at @p s, up to its verb (before @p le),
 * when it opens with an article or a possessive and ends in a lowercase noun,
 * or is a determiner alone ("Another"; not "This"). */
static int np_subject(ctx *c, size_t s, size_t le, attr *b)
{
    size_t i = s, ws, we, fs = 0, fe = 0, ls = 0, le2 = 0;
    int n = 0, poss = 0, det = 0;
    while (stance_chunk_next(c->t, &i, le, c->len, &ws, &we)) {
        if (n == 0) {
            fs = ws, fe = we;
            char w[4];
            /* an article (lowercased: "A", "An", "The"), or a determiner
             * alone before the verb ("Another tweeted"; not "This") */
            if (we - ws < sizeof w && c->t[ws] >= 'A' && c->t[ws] <= 'Z') {
                memcpy(w, c->t + ws, we - ws);
                w[0] = (char)(w[0] - 'A' + 'a');
                det = lq(w, 0, we - ws, STANCE_LQ(ARTICLE)) ? 2 : 0;
            }
            if (!det && lq(c->t, ws, we, STANCE_LQ(DETERMINERS)) && !lq(c->t, ws, we, STANCE_LQ(NOT_SPEAKERS)))
                det = 1;
            if (!det && letter_case(c->t, ws, c->len) != 1)
                return 0;
        } else if (letter_case(c->t, ws, c->len) == -1 && verb_like(c, ws, we)) {
            if (!(det == 2 || poss || (det == 1 && n == 1)) || (n > 1 && letter_case(c->t, ls, c->len) != -1) ||
                (n == 1 && !det))
                return 0;
            b->how = STANCE_ATTR_NOUN;
            b->spk = (stance_span){fs, n == 1 ? fe : le2};
            return 1;
        }
        if (c->t[we - 1] == ',' || c->t[we - 1] == ':' || ++n > 8)
            return 0;
        if (stance_poss_start(c->t, ws, we, 0) < we)
            poss = 1;
        ls = ws, le2 = we;
    }
    return 0;
}

/* 'Tove Lind needled the "reporter," saying, "...', 'Here is Governor Lena
 * Marsh in 1994: "...': no reporting verb the earlier sieves read, and the
 * subject of the lead-in's sentence speaks the whole quote after it. */
#define LEAD_FL (SUBJ_PRONOUN | SUBJ_ARTICLE | SUBJ_ARTICLE_COMMA)
/* Is the lead-in [ss, le) one capitalised word in "-ing" ('Adding, "...'):
 * a participle continuing the sentence before, no name? */
static int lone_participle(ctx *c, size_t ss, size_t le)
{
    size_t i = ss, ws, we;
    return stance_chunk_next(c->t, &i, le, c->len, &ws, &we) && we - ws > 4 && upper_at(c->t, ws, c->len) &&
           memcmp(c->t + we - 3, "ing", 3) == 0 && !stance_chunk_next(c->t, &i, le, c->len, &ws, &we);
}

/* The speaker of the lead-in [ss, le) in its own words, into @p b. */
static int lead_own_subject(ctx *c, size_t ss, size_t le, attr *b)
{
    size_t cs, ws, we;
    /* the lead-in's own clause first ('..., and Lordy, how tempting! - Cruz
     * called them on it:'), then its sentence */
    cs = stance_q_clause_start(c, le, ss);
    /* ('... how tempting that can be! - Cruz called them on it:': after a dash) */
    for (size_t k = le; k > cs; k = back1(c->t, k))
        if (is_dash_at(c->t, k, c->len) || (k + 2 < le && c->t[k] == '-' && c->t[k + 1] == '-')) {
            cs = skip_hs(c->t, k + (c->t[k] == '-' ? 2 : 3), c->len);
            break;
        }
    stance_q_lower_word_before(c, le, ss, &ws, &we);
    /* 'In an interview, Brandt was asked, "': the one asked does not speak
     * the question, and the asker is not named */
    if (we == le && word_eq(c->t, ws, we, "asked")) {
        size_t bs, be;
        stance_q_lower_word_before(c, skip_back_hs(c, ws, ss), ss, &bs, &be);
        if (be > bs && (stance_lex_classes(c->t + bs, be - bs) & STANCE_LX(BE_AUX)))
            return 0;
    }
    /* 'so loud that Mayor Lena Dorsey said, "': a name, then one verb */
    /* ('From Bush's Facebook post:': the opener's possessive before a name that ends at the noun) */
    return lead_opener(c, cs, le, b) ||
           (we == le && ws < we && stance_q_name_ends_at(c, skip_back_hs(c, ws, ss), ss, 1, b)) ||
           (cs > ss && stance_q_subject_of(c, cs, le, LEAD_FL, b)) || stance_q_subject_of(c, ss, le, LEAD_FL, b) ||
           np_subject(c, cs, le, b);
}

static int sieve_lead_subject(ctx *c, sv *v)
{
    size_t ss, le;
    attr b = v->before;
    if (!lead_in(c, v, &ss, &le))
        return 0;
    b.role = b.cue = NOSPAN;
    if (lone_participle(c, ss, le)) {
        /* 'X stated that ... . Adding, "...': the subject of the sentence before */
        size_t pe = skip_back_hs(c, ss, v->q->para), pss;
        if (pe <= v->q->para)
            return 0;
        pss = stance_q_sent_start(c, pe - 1, v->q->para);
        if (!stance_q_subject_of(c, pss, pe, LEAD_FL, &b))
            return 0;
    } else if (!lead_own_subject(c, ss, le, &b))
        return 0;
    return stance_q_found(&v->before, &b, ss, le + 1);
}

/* The sentence before a quote that opens a sentence or paragraph (in the
 * paragraph before, then): [*ss, *se), se at its final '.', '!' or '?'. */
static int sentence_before(ctx *c, const seg *q, size_t *ss, size_t *se)
{
    size_t d = q->open, floor = q->para;
    if (q->pc == PC_PARA) {
        if (q->para < 2 || (d = stance_q_prev_para_end(c, q)) == 0)
            return 0;
        floor = para_start(c, d - 1);
    } else if (q->pc == PC_SENT) {
        while (d > floor && stance_hspace(c->t, back1(c->t, d), c->len))
            d = back1(c->t, d);
    } else
        return 0;
    if (d <= floor + 1 || (c->t[d - 1] != '.' && c->t[d - 1] != '!' && c->t[d - 1] != '?'))
        return 0;
    *se = d - 1;
    *ss = stance_q_sent_start(c, *se, *se - floor > WINDOW ? *se - WINDOW : floor);
    return *ss < *se;
}

/* 'Rudd said the plan was "dead on arrival," calling it a stunt. "We will
 * not vote for it."': a quote of the sentence before (a partial one, which
 * inheritance does not read) has an attribution; its speaker goes on. */
static int sieve_prev_quote(ctx *c, sv *v)
{
    size_t ss, se;
    const seg *p = v->qi > 0 ? &c->s[v->qi - 1] : NULL;
    if (!p || p->kind == K_SKIP || p->a.how == STANCE_ATTR_NONE || !sentence_before(c, v->q, &ss, &se) ||
        p->close <= ss || p->close > v->q->open)
        return 0;
    v->before = p->a;
    v->before.how = STANCE_ATTR_INHERIT;
    v->before.a_start = v->before.a_end = STANCE_NO_OFFSET;
    return 1;
}

/* 'Ari Valen praised the mayor's response to the storm.\n\n"She got things
 * done."': a whole quote with no attribution at all opens a paragraph (or a
 * sentence) after a sentence whose subject is a name (or he/she): that
 * subject speaks it. */
static int sieve_prev_subject(ctx *c, sv *v)
{
    size_t ss, se;
    attr b = v->before;
    const seg *p = v->qi > 0 ? &c->s[v->qi - 1] : NULL;
    if (!(v->fc == 1 || (v->fc == 0 && v->endp)) || !sentence_before(c, v->q, &ss, &se))
        return 0;
    /* (not after a sentence that ends with an attribution: 'The fees rose, the
     * Ledger reported.' cites a source; para-ending took the ones that speak) */
    for (size_t k = se; k > ss; k--)
        if (c->t[k - 1] == ',') {
            attr t2 = b;
            int r = stance_q_attribution_ending(c, v->q, k - 1, se, &t2);
            if (r != 0)
                return r < 0 ? r : 0;
            break;
        }
    /* (not when that sentence is the attribution of the quote before: '"A"\n\n- Jane Doe.') */
    if (p && p->kind != K_SKIP && p->a.how != STANCE_ATTR_NONE && p->a.how != STANCE_ATTR_INHERIT &&
        p->a.a_start != STANCE_NO_OFFSET && p->a.a_start <= se && p->a.a_end > ss)
        return 0;
    {
        size_t i = ss, ws, we; /* (not a sentence of one word: "Pause." has no subject) */
        if (!stance_chunk_next(c->t, &i, se, c->len, &ws, &we) || !stance_chunk_next(c->t, &i, se, c->len, &ws, &we))
            return 0;
    }
    b.role = b.cue = NOSPAN;
    if (!stance_q_subject_of(c, ss, se, SUBJ_PRONOUN | SUBJ_ARTICLE | SUBJ_ARTICLE_COMMA, &b))
        return 0;
    return stance_q_found(&v->before, &b, ss, se + 1);
}

/* '"The plan fails the poor.\nAda Brekke, River Trust."': the quote's
 * paragraph ends, and the next line, up to the closing mark, is a signature:
 * a name, a comma, a group (at most 100 bytes). */
static int sieve_signature(ctx *c, sv *v)
{
    const char *t = c->t;
    size_t k = skip_hs(t, v->q->ce, c->len), s, e, ml, comma = 0;
    attr b = v->before;
    if (k >= c->len || t[k] != '\n')
        return 0;
    s = skip_hs(t, k + 1, c->len);
    for (e = s; e < c->len && e - s <= 100 && t[e] != '\n'; e++) {
        int m = mark_at(t, e, c->len, &ml);
        if (m == MK_RIGHT || m == MK_STRAIGHT)
            break;
        if (m == MK_LEFT)
            return 0;
        if (t[e] == ',' && !comma)
            comma = e;
    }
    if (e >= c->len || e - s > 100 || t[e] == '\n' || letter_case(t, s, c->len) != 1)
        return 0;
    if (!comma) {
        /* "...\nFormer NAACP president Ben Jealous.": a role and a name of two words
         * or more ending the line, nothing after the name but its period */
        size_t ne = e;
        if (ne > s && t[ne - 1] == '.')
            ne--;
        comma = ne;
        b.role = b.cue = NOSPAN;
        long nk;
        if (!stance_q_parse_np(c, s, ne, NP_VERB_FIRST, &b) || b.how != STANCE_ATTR_NAME || b.spk.end != ne ||
            (nk = name_before(c, ne)) < 0 || c->names->v[nk].end != ne || c->names->v[nk].ntok < 2)
            return 0;
    }
    b.role = b.cue = NOSPAN;
    if (!stance_q_parse_np(c, s, comma, NP_VERB_FIRST, &b) || b.how != STANCE_ATTR_NAME)
        return 0;
    return stance_q_found(&v->before, &b, s, e);
}

/* An article whose headline (its first line) reads 'NAME: "...' or 'NAME:
 * ‘...' ("Ada Brekke: ‘We Will Not Close The Pier.’"): a direct quote after it
 * with no speaker found is that person's (an interview, a transcript). */
/* The interviewee an interview's headline (the first line, from @p s) names
 * after "questions for", "Q&A with", "Interview with" or "Interview:"
 * ("Five questions for Fenella Brookes, the new chief of ..."): 1 with @p b the
 * name, up to a comma or the line's end. */
static int headline_interviewee(ctx *c, size_t s, attr *b)
{
    static const char *const CUES[] = {"questions for ", "Questions for ", "Q&A with ", "Q&A: ",
                                       "Interview with ", "interview with ", "Interview: "};
    const char *t = c->t;
    size_t e = s, n;
    while (e < c->len && e - s < 160 && t[e] != '\n')
        e++;
    for (size_t i = 0; i < sizeof CUES / sizeof *CUES; i++) {
        const char *p = memmem(t + s, e - s, CUES[i], n = strlen(CUES[i]));
        size_t ns, ne;
        if (!p)
            continue;
        ns = (size_t)(p - t) + n;
        for (ne = ns; ne < e && t[ne] != ',' && t[ne] != ':' && t[ne] != '.'; ne++)
            ;
        b->role = b->cue = NOSPAN;
        return stance_q_parse_np(c, ns, ne, NP_VERB_FIRST, b) && b->how == STANCE_ATTR_NAME && b->spk.start == ns;
    }
    return 0;
}

/* An interview's answer: a quote that is its whole paragraph, after a
 * paragraph without a quote that ends with a question mark (the reporter's
 * question), in an article whose headline names the interviewee
 * (headline_interviewee()): that person answers. 1 with @p b set. */
static int interview_answer(ctx *c, sv *v, size_t s, attr *b)
{
    const char *t = c->t;
    size_t pe, k = skip_hs(t, v->q->close, c->len);
    if (v->q->pc != PC_PARA || v->q->para < 2 || (k < c->len && t[k] != '\n'))
        return 0;
    pe = stance_q_prev_para_end(c, v->q);
    if (pe == 0 || t[pe - 1] != '?')
        return 0;
    if (v->qi > 0 && c->s[v->qi - 1].close < pe && !memchr(t + c->s[v->qi - 1].close, '\n', pe - c->s[v->qi - 1].close))
        return 0; /* (the question holds no quote: the quote before ends in another paragraph) */
    if (!headline_interviewee(c, s, b))
        return 0;
    b->a_start = b->spk.start;
    b->a_end = b->spk.end;
    return 1;
}

static int sieve_headline(ctx *c, sv *v)
{
    const char *t = c->t;
    size_t s = 0, e, k, ml;
    attr b = v->before;
    while (s < c->len && (t[s] == ' ' || t[s] == '\n'))
        s++;
    if (interview_answer(c, v, s, &b)) {
        v->before = b;
        return 1;
    }
    b = v->before;
    for (e = s; e < c->len && e - s <= 60 && t[e] != ':' && t[e] != '\n'; e++)
        ;
    if (e >= c->len || t[e] != ':' || e == s || v->q->open <= e)
        return 0;
    k = skip_hs(t, e + 1, c->len);
    if (k >= c->len || !(mark_at(t, k, c->len, &ml) == MK_LEFT || mark_at(t, k, c->len, &ml) == MK_STRAIGHT ||
                         (k + 3 <= c->len && memcmp(t + k, "\xe2\x80\x98", 3) == 0) || t[k] == '\''))
        return 0;
    b.role = b.cue = NOSPAN;
    if (!stance_q_parse_np(c, s, e, NP_VERB_FIRST, &b) || b.how != STANCE_ATTR_NAME || b.spk.start != s ||
        b.spk.end != e)
        return 0;
    return stance_q_found(&v->before, &b, s, e);
}

/* '"...," the Post reported, quoting an anonymous official.': after the
 * attribution of an outlet ending at @p pos, a comma, "quoting" or "citing" and a noun
 * phrase up to the next comma, period or quote mark (before @p end): that
 * phrase speaks; @p a takes it and @p a_end its end. 1 when it did. */
int stance_q_quoting_source(ctx *c, size_t pos, size_t end, attr *a, size_t *a_end)
{
    const char *t = c->t;
    size_t i = skip_hs(t, pos, c->len), ws, we, e, ml;
    attr b = *a;
    if (i >= end || t[i] != ',' || a->spk.start == STANCE_NO_OFFSET || !stance_name_is_org(t, a->spk.start, a->spk.end))
        return 0; /* (an outlet reports: "the Post", "the paper"; not 'Trump said, quoting Comey') */
    i++;
    if (!stance_chunk_next(t, &i, end, c->len, &ws, &we) || !(word_eq(t, ws, we, "quoting") || word_eq(t, ws, we, "citing")))
        return 0;
    for (e = we; e < end && t[e] != ',' && t[e] != '.' && t[e] != '\n' && mark_at(t, e, c->len, &ml) == MK_NONE; e++)
        ;
    b.role = NOSPAN;
    if (!stance_q_parse_np(c, we, e, NP_VERB_FIRST, &b) || (b.how != STANCE_ATTR_NAME && b.how != STANCE_ATTR_NOUN))
        return 0;
    *a = b;
    *a_end = e;
    return 1;
}

/* '"... accountable." Jane Roe said he would ...': after a quote that ends its
 * sentence, a name and a verb followed by "that" or a subject pronoun open a
 * sentence of reported speech of their own, no attribution of the quote. */
int stance_q_own_sentence(ctx *c, const seg *q, stance_span v)
{
    size_t i = v.end, ws, we;
    char last = q->ce > q->cs ? c->t[q->ce - 1] : 0;
    if ((last != '.' && last != '?' && last != '!') || (q->pc != PC_PARA && q->pc != PC_SENT))
        return 0; /* (only a quote that is a sentence of its own) */
    if (!stance_chunk_next(c->t, &i, c->len, c->len, &ws, &we))
        return 0;
    return word_eq(c->t, ws, we, "that") || word_eq(c->t, ws, we, "he") || word_eq(c->t, ws, we, "she") ||
           word_eq(c->t, ws, we, "they") || word_eq(c->t, ws, we, "we"); /* (not "said it twice") */
}

/* 'When Ruiz spoke, he "said what we all thought," said Dora Hessel': a
 * partial quote whose content ends in a comma and whose attribution @p a
 * follows right after the closing mark (its verb or its speaker first; not
 * a lead-in ending in a colon), with a person's name or a
 * pronoun as its speaker (not an outlet: 'X called it "dead," the Post
 * reported'), is that speaker's, whatever stands before it. */
int stance_q_after_names_partial(ctx *c, const seg *q, const attr *a)
{
    size_t k = skip_hs(c->t, q->close, c->len), e;
    if (q->ce <= q->cs || c->t[q->ce - 1] != ',' || a->spk.start == STANCE_NO_OFFSET ||
        (a->how != STANCE_ATTR_NAME && a->how != STANCE_ATTR_PRONOUN))
        return 0;
    if (k != a->spk.start && k != a->cue.start)
        return 0; /* ('"glow in the dark," for instance, and Trump vowed') */
    e = skip_hs(c->t, a->a_end, c->len);
    if (e < c->len && c->t[e] == ':')
        return 0; /* ('at "less advanced schools," Trump said: "...') the next quote's lead-in */
    return a->how == STANCE_ATTR_PRONOUN || !stance_name_is_org(c->t, a->spk.start, a->spk.end);
}

/* Is the name at @p pos addressed: "to" or "told" right before it or up to
 * three words (an article, adjectives, a noun) before it ('to the Dutch
 * newspaper NRC Handelsblad:'; not 'a reply from pollster Dara Quist:')? */
static int addressee_before(ctx *c, size_t pos, size_t floor)
{
    size_t ws, we;
    for (int n = 0; n < 4 && pos > floor; n++, pos = ws) {
        if (!stance_q_word_before(c, pos, floor, &ws, &we) || we == ws || skip_hs(c->t, we, c->len) != pos)
            return 0; /* punctuation in between */
        if (word_eq(c->t, ws, we, "to") || lq(c->t, ws, we, STANCE_LQ(TO_WHOM)))
            return 1;
    }
    return 0;
}

/* Does the name at @p pos before a colon speak: not the object of a
 * preposition ('on CNN:') other than "from" ('More from Jones:' names the
 * source), nor addressed (addressee_before)? */
int stance_q_colon_name_speaks(ctx *c, size_t pos, size_t floor)
{
    size_t s, e;
    stance_q_lower_word_before(c, pos, floor, &s, &e);
    if (lq(c->t, s, e, STANCE_LQ(PREPS)) && !word_eq(c->t, s, e, "from"))
        return 0;
    return !addressee_before(c, pos, floor);
}

/* Does a colon lead in quote @p q: 'X said: "' or a paragraph before it ending 'X said:'? */
int stance_q_colon_lead(ctx *c, const seg *q)
{
    size_t pe;
    if (q->pc == PC_COLON)
        return 1;
    if (q->pc != PC_PARA || q->para < 2)
        return 0;
    pe = stance_q_prev_para_end(c, q);
    return pe > 0 && c->t[pe - 1] == ':';
}

/* Does quote @p q close a sentence ('.', '?', '!' last in its content) and a
 * new one open right after its closing mark (a capital)? */
int stance_q_closes_sentence(ctx *c, const seg *q)
{
    const char *t = c->t;
    size_t p = back1(t, q->ce), k;
    unsigned char b = (unsigned char)t[p];
    if (!(b == '.' || b == '?' || b == '!'))
        return 0;
    k = skip_hs(t, q->close, c->len);
    return k < c->len && k > q->close && letter_case(t, k, c->len) == 1;
}

/* After a colon lead-in, does quote @p v->q ask a question ('?' last) and the
 * attribution after it report a clause of its own ('Doe said the firm would',
 * 'Doe said that'): the answer's sayer, not the question's? */
static int question_then_clause(ctx *c, const sv *v)
{
    static const char *const OPEN[] = {"that", "the", "a", "an", "he", "she", "they", "it", "his", "her", "its", "their", "we"};
    size_t i, ws, we;
    if (v->q->pc != PC_COLON || c->t[back1(c->t, v->q->ce)] != '?' || v->after.cue.start == STANCE_NO_OFFSET ||
        v->after.spk.start == STANCE_NO_OFFSET || v->after.spk.start > v->after.cue.start)
        return 0;
    i = v->after.cue.end;
    if (!stance_hspace(c->t, i, c->len) || !stance_chunk_next(c->t, &i, c->len, c->len, &ws, &we))
        return 0;
    for (size_t k = 0; k < sizeof OPEN / sizeof OPEN[0]; k++)
        if (we - ws == strlen(OPEN[k]) && !memcmp(c->t + ws, OPEN[k], we - ws))
            return 1;
    return 0;
}

/* '... Hayek said, "America has a problem." The star then recalled ...' /
 * 'Roe told reporters: "We will be back." Doe added, "..."': the quote closes
 * a sentence after its lead-in ('X said, "', 'X said: "', 'According to X,
 * "', a paragraph 'X said:') and the attribution after it opens the next
 * one: the lead-in is the quote's; the one after tells of something else or
 * leads in the next quote ('The candidate reiterated: "'). */
int stance_q_after_opens_sentence(ctx *c, const sv *v)
{
    switch (v->before.rule) {
    case STANCE_RULE_BEFORE:
    case STANCE_RULE_SPLIT:
    case STANCE_RULE_ACCORDING:
    case STANCE_RULE_NAME_COLON:
    case STANCE_RULE_INVERTED:
    case STANCE_RULE_PARA_COLON:
        break; /* (not the colon subject: 'She said that ..., to which Roe interjected: "') */
    case STANCE_RULE_COLON_SUBJECT:
        if (question_then_clause(c, v))
            break; /* 'Roe put a question to Doe: "...?" Doe said the firm would ...' */
        return 0;
    default:
        return 0;
    }
    return stance_q_closes_sentence(c, v->q) && (v->q->pc == PC_COMMA || stance_q_colon_lead(c, v->q));
}

/* '"A," Roe said. "B\n\n"C." Doe said the plan was rushed.': a quote that
 * opens its paragraph and continues the one left open at the end of the
 * paragraph before (news style opens every paragraph of a long quote with a
 * mark and closes only the last) is the continued quote's speaker's, and a
 * quote over paragraphs with an attribution before it ('Roe said the ferry
 * would stay. "A.\n\n"B."') is that attribution's. When it
 * closes its sentence and the attribution after it is a name (or noun phrase)
 * then a verb that goes on into a clause of its own, that attribution opens
 * the next sentence and tells of something else: drop it (the attribution
 * before, else inheritance, gives the quote its speaker). Not '"C." Doe said.' nor '"C," said Doe'. */
int stance_q_after_past_continued(ctx *c, const sv *v)
{
    const seg *q = v->q, *p = v->qi > 0 ? &c->s[v->qi - 1] : NULL;
    size_t k;
    const int cont = q->pc == PC_PARA && p && (p->flags & SEG_UNCLOSED) && p->kind == K_DIRECT &&
                     stance_q_in_para_before(c, p, q);
    if (!(cont || ((q->flags & SEG_MULTI) && v->have_before)) || !stance_q_closes_sentence(c, q))
        return 0;
    if (v->after.spk.start == STANCE_NO_OFFSET || v->after.cue.start == STANCE_NO_OFFSET ||
        v->after.spk.start > v->after.cue.start)
        return 0; /* ('"C," said Doe') */
    k = skip_hs(c->t, v->after.cue.end, c->len);
    return k > v->after.cue.end && k < c->len && stance_is_word_byte((unsigned char)c->t[k]);
}

/* 'Despite the perceived media attacks, Carson said that "': a "verb" that
 * ends an opening phrase (a capitalised preposition or sentence opener) right
 * before its comma is its noun; the clause after the comma attributes. */
int stance_q_opener_noun(ctx *c, stance_span np, stance_span v)
{
    size_t i = np.start, ws, we;
    char w[16];
    if (v.end >= c->len || c->t[v.end] != ',' || !stance_chunk_next(c->t, &i, np.end, c->len, &ws, &we) ||
        we - ws >= sizeof w || !upper_at(c->t, ws, c->len))
        return 0;
    memcpy(w, c->t + ws, we - ws);
    w[0] = (char)(w[0] - 'A' + 'a');
    return lq(w, 0, we - ws, STANCE_LQ(PREPS)) || lq(c->t, ws, we, STANCE_LQ(SENT_INTRO));
}

/* The late sieves, in order: after inheritance, for the direct quotes it
 * left without a speaker. */
static const sieve LATE[] = {
    {STANCE_RULE_SIGNATURE, SLOT_LATE, sieve_signature},
    {STANCE_RULE_LEAD_SUBJECT, SLOT_LATE, sieve_lead_subject},
    {STANCE_RULE_PREV_QUOTE, SLOT_LATE, sieve_prev_quote},
    {STANCE_RULE_PREV_SUBJECT, SLOT_LATE, sieve_prev_subject},
    {STANCE_RULE_HEADLINE, SLOT_LATE, sieve_headline},
};

/* The late sieves on every direct quote still without a speaker (after
 * inheritance): the first that finds one attributes it. The number of quotes
 * attributed, or <0 on error. */
int stance_q_late_sieves(ctx *c)
{
    int n = 0;
    for (size_t qi = 0; qi < c->n; qi++) {
        seg *q = &c->s[qi];
        sv v;
        if (q->kind != K_DIRECT || q->a.how != STANCE_ATTR_NONE)
            continue;
        stance_q_sv_init(c, &v, qi);
        for (size_t i = 0; i < sizeof LATE / sizeof LATE[0]; i++) {
            int r;
            if (LATE[i].slot != SLOT_LATE)
                continue;
            if ((r = LATE[i].fn(c, &v)) < 0)
                return r;
            if (r) {
                q->a = v.before;
                q->a.rule = LATE[i].id;
                n++;
                break;
            }
        }
    }
    return n;
}

/* Is [s, e) empty or one auxiliary and spaces: "has", "had", "also", and
 * before a participle @p ing "is", "was", "are", "were" (not the passive "is
 * described as")? */
static int aux_only(ctx *c, size_t s, size_t e, int ing)
{
    size_t i = s, ws, we;
    if (!stance_chunk_next(c->t, &i, e, c->len, &ws, &we))
        return 1;
    if (!(word_eq(c->t, ws, we, "has") || word_eq(c->t, ws, we, "had") || word_eq(c->t, ws, we, "also") ||
          (ing && (word_eq(c->t, ws, we, "is") || word_eq(c->t, ws, we, "was") || word_eq(c->t, ws, we, "are") ||
                   word_eq(c->t, ws, we, "were")))))
        return 0;
    return !stance_chunk_next(c->t, &i, e, c->len, &ws, &we);
}

/* The name that ends at @p pos, or the one before "of" and the name that
 * ends there ("Sen. Jane Roe of Ohio"): 1 and *@p b set. */
static int name_or_name_of(ctx *c, size_t pos, size_t floor, attr *b)
{
    long k = name_before(c, pos);
    size_t i, ws, we;
    if (k < 0 || c->names->v[k].end != pos || c->names->v[k].start < floor)
        return 0;
    if (k > 0 && c->names->v[k - 1].start >= floor) {
        i = c->names->v[k - 1].end;
        if (stance_chunk_next(c->t, &i, c->names->v[k].start, c->len, &ws, &we) && word_eq(c->t, ws, we, "of") &&
            skip_hs(c->t, we, c->len) == c->names->v[k].start)
            k--; /* the person, not the place */
    }
    b->how = STANCE_ATTR_NAME;
    b->spk = (stance_span){c->names->v[k].start, c->names->v[k].end};
    return 1;
}

/* A participle @p v after a comma or "by", "while", ... ending the chunk
 * @p np ('..., calling it "', 'by warning that "'): the subject of its
 * sentence. 1 and *@p b set, or 0. */
int stance_q_participle_subject(ctx *c, const seg *q, stance_span np, stance_span v, attr *b)
{
    size_t e = skip_back_hs(c, np.end, np.start), ws, we, floor;
    if (!ing_word(c->t, v.start, v.end) || e <= np.start)
        return 0;
    stance_q_lower_word_before(c, e, np.start, &ws, &we);
    if (c->t[e - 1] != ',' && !(we == e && lq(c->t, ws, we, STANCE_LQ(PART_LEAD))))
        return 0;
    floor = v.start - q->para > WINDOW ? v.start - WINDOW : q->para;
    return stance_q_subject_of(c, stance_q_sent_start(c, v.start, floor), v.start, SUBJ_PRONOUN, b);
}

/* A noun phrase that ends in ", who" ('Sen. Jane Roe of Ohio, who') or in a name and "who"
 * ('a post from Ida Brekke who'): the name
 * before the comma (name_or_name_of()). 1 and *@p b set, or 0. */
int stance_q_who_antecedent(ctx *c, stance_span np, attr *b)
{
    size_t e = skip_back_hs(c, np.end, np.start), ws, we, k;
    stance_q_lower_word_before(c, e, np.start, &ws, &we);
    if (we != e || !word_eq(c->t, ws, we, "who"))
        return 0;
    k = skip_back_hs(c, ws, np.start);
    if (k <= np.start)
        return 0;
    if (c->t[k - 1] != ',')
        return name_or_name_of(c, k, np.start, b); /* 'a post from Ida Brekke who wrote, "' */
    return name_or_name_of(c, k - 1, np.start, b);
}

/* Can the lowercase noun [ws, we) (a comma after it dropped) be a person,
 * the antecedent of "who": a role, person, kin or group noun of the lexicon,
 * or an agent noun's ending ("surrogate", "impersonator", "plaintiff" is
 * not), as against "the discussion, who"? */
static int person_head(ctx *c, size_t ws, size_t we)
{
    static const char *const END[] = {"er", "or", "ist", "ian", "ant", "ent", "ate"};
    if (we > ws && c->t[we - 1] == ',')
        we--;
    if (we - ws < 3 || letter_case(c->t, ws, c->len) != -1)
        return 0;
    if (stance_lex_is(c->t + ws, we - ws, STANCE_LX(ROLE) | STANCE_LX(PERSON_NOUN) | STANCE_LX(KIN) | STANCE_LX(GROUP_NOUN)))
        return 1;
    for (size_t j = 0; j < sizeof END / sizeof END[0]; j++) {
        size_t n = strlen(END[j]);
        if (we - ws > n + 2 && memcmp(c->t + we - n, END[j], n) == 0)
            return 1;
    }
    return 0;
}

/* 'remarks made by a campaign aide who said voters should not "', 'a
 * lecture from the Dalton mayor, who said that the pact was good for "': the
 * chunk @p np ends in "(,) who" after no name: the description that an
 * article opens at most five words before, with no comma in it. 1 and *@p b
 * set, or 0. */
static int who_description(ctx *c, stance_span np, attr *b)
{
    size_t e = skip_back_hs(c, np.end, np.start), ws, we, hs = 0, he = 0, k, i = np.start, from = STANCE_NO_OFFSET;
    int n = 0;
    int who;
    stance_q_lower_word_before(c, e, np.start, &ws, &we);
    if (we != e || !((who = word_eq(c->t, ws, we, "who")) || word_eq(c->t, ws, we, "that") || word_eq(c->t, ws, we, "which")) ||
        (k = skip_back_hs(c, ws, np.start)) <= np.start)
        return 0;
    if (c->t[k - 1] == ',')
        k--;
    while (stance_chunk_next(c->t, &i, k, c->len, &ws, &we)) {
        n++;
        hs = ws;
        he = we;
        if (c->t[we - 1] == ',' || c->t[we - 1] == ';' || c->t[we - 1] == ':' ||
            (!who && (verb_like(c, ws, we) || ing_word(c->t, ws, we) || word_eq(c->t, ws, we, "were") ||
                      word_eq(c->t, ws, we, "was") || word_eq(c->t, ws, we, "is") || word_eq(c->t, ws, we, "are"))))
            from = STANCE_NO_OFFSET; /* (no clause: 'the men were wearing shirts that read "') */
        else if (lq(c->t, ws, we, STANCE_LQ(ARTICLE)) || word_eq(c->t, ws, we, "The") || word_eq(c->t, ws, we, "A") ||
                 word_eq(c->t, ws, we, "An")) {
            from = ws;
            n = 1;
        }
    }
    if (from == STANCE_NO_OFFSET || n < 2 || n > 6 || (who && !person_head(c, hs, he)))
        return 0;
    return stance_q_parse_np(c, from, k, 0, b);
}

/* 'Civic Watch stated that "': two or three capitalised words right before
 * the verb, no name elsewhere in the article, are one (NP_AT_VERB). */
static int cap_run_subject(ctx *c, size_t s, size_t e, attr *b)
{
    size_t i = s, ws, we, n = 0;
    while (stance_chunk_next(c->t, &i, e, c->len, &ws, &we))
        if (++n > 3 || letter_case(c->t, ws, c->len) != 1)
            return 0;
    return n >= 2 && stance_q_parse_np(c, skip_hs(c->t, s, c->len), e, NP_AT_VERB, b);
}

/* The subject of a reporting verb that a clause inside the chunk @p np opens:
 * the words after the chunk's last comma, dash, subordinator or relative word
 * ('Bannon, whom Ada Roe on Monday called "', 'a debate, when many critics
 * called him "', 'in answer to questions, Ana Ruiz indicated that "'), when
 * they read as a noun phrase; before a participle (@p ing), "with" opens such
 * a clause too. 1 and *@p b set, or 0. */
static int inner_subject(ctx *c, stance_span np, int ing, attr *b)
{
    size_t e = skip_back_hs(c, np.end, np.start), i = np.start, ws, we, from = STANCE_NO_OFFSET, ps = 0, pe = 0;
    int as_clause = 0;
    while (stance_chunk_next(c->t, &i, e, c->len, &ws, &we)) {
        const char l = c->t[we - 1];
        if (l == ',' || l == ';' || l == ':' || is_dash_at(c->t, ws, c->len) || c->t[ws] == '-')
            from = we;
        else if (lq(c->t, ws, we, STANCE_LQ(REL0)) || lq(c->t, ws, we, STANCE_LQ(CLAUSE_OPEN)) ||
                 (ing && word_eq(c->t, ws, we, "with")) || (pe > ps && as_after_participle(c->t, ps, pe, ws, we))) {
            from = we; /* (and 'with the union calling her "': the subject of a participle; 'stranded as
                        * minister blames "') */
            as_clause = word_eq(c->t, ws, we, "as");
        } else if (l == ',' || l == ';' || l == ':')
            as_clause = 0;
        ps = ws;
        pe = we;
    }
    if (from == STANCE_NO_OFFSET)
        return cap_run_subject(c, np.start, e, b);
    if (skip_hs(c->t, from, c->len) >= e)
        return 0;
    i = from;
    if (stance_chunk_next(c->t, &i, e, c->len, &ws, &we) &&
        (word_eq(c->t, ws, we, "as") || word_eq(c->t, ws, we, "As")))
        return 0; /* 'Jane Roe -- as the Park campaign noted -- has taunted ...': an aside */
    if (as_clause) {
        /* only a headline's bare role noun: "stranded as minister blames" (not
         * "released as the polls closed stating") */
        size_t s0 = skip_hs(c->t, from, c->len);
        if (stance_chunk_next(c->t, &i, e, c->len, &ws, &we) || letter_case(c->t, s0, c->len) != -1 ||
            !(stance_lex_classes(c->t + s0, e - s0) & (STANCE_LX(ROLE) | STANCE_LX(PERSON_NOUN))))
            return 0;
        b->how = STANCE_ATTR_NOUN;
        b->spk = (stance_span){s0, e};
        b->role = NOSPAN;
        return 1;
    }
    if (!stance_q_parse_np(c, skip_hs(c->t, from, c->len), e, 0, b) && !cap_run_subject(c, from, e, b))
        return 0;
    i = b->role.start;
    if (i != STANCE_NO_OFFSET && stance_chunk_next(c->t, &i, b->role.end, c->len, &ws, &we) &&
        lq(c->t, ws, we, STANCE_LQ(PREPS)) && !word_eq(c->t, ws, we, "of"))
        b->role = NOSPAN; /* 'Ada Roe on Monday called': no role "on" */
    return 1;
}

/* 'Vice President for news and talk Ida Brekke called the show "': a name of
 * two words or more that ends the chunk @p np, right before the verb, after
 * no preposition ('a report on Ida Brekke called'): it speaks. 1 and *@p b
 * set, or 0. */
static int name_at_verb(ctx *c, stance_span np, attr *b)
{
    size_t e = skip_back_hs(c, np.end, np.start), ws, we;
    attr n = *b;
    long k = name_before(c, e);
    if (k < 0 || c->names->v[k].ntok < 2 || !name_or_name_of(c, e, np.start, &n))
        return 0;
    stance_q_lower_word_before(c, n.spk.start, np.start, &ws, &we);
    if (we > ws && (lq(c->t, ws, we, STANCE_LQ(PREPS)) || lq(c->t, ws, we, STANCE_LQ(AND_BUT))))
        return 0;
    *b = n;
    return 1;
}

/* 'Ian Holm used the question to demand towns "': a reporting verb after
 * "to", the last word of the chunk @p np, is its sentence's subject's (a
 * name or he/she) when no verb whose object does what the infinitive says
 * (lexicon.def's OBJ_CONTROL: 'urged Ian Holm to denounce') comes before
 * with an object between. 1 and *@p b set, or 0. */
static int infinitive_subject(ctx *c, stance_span np, attr *b)
{
    size_t e = skip_back_hs(c, np.end, np.start), i, ws, we, ts, te, ss;
    stance_q_lower_word_before(c, e, np.start, &ts, &te);
    if (te != e || !word_eq(c->t, ts, te, "to") || ts <= np.start)
        return 0;
    ss = stance_q_sent_start(c, ts, np.start);
    for (i = ss; stance_chunk_next(c->t, &i, ts, c->len, &ws, &we);)
        if (lq(c->t, ws, we, STANCE_LQ(OBJ_CONTROL)) && skip_hs(c->t, we, c->len) != ts) {
            /* 'leading advisers like Ana Ruiz to counter that "': a verb of causing; its object speaks */
            if (word_eq(c->t, ws, we, "leading") || word_eq(c->t, ws, we, "led") || word_eq(c->t, ws, we, "prompted") ||
                word_eq(c->t, ws, we, "prompting") || word_eq(c->t, ws, we, "forced") || word_eq(c->t, ws, we, "forcing"))
                return stance_q_parse_np(c, skip_hs(c->t, we, c->len), skip_back_hs(c, ts, we), 0, b);
            return 0;
        }
    return stance_q_subject_of(c, ss, ts, SUBJ_PRONOUN, b) && b->how != STANCE_ATTR_NOUN;
}

/* 'Ada Roe signed the order, while Ian Holm, the former mayor, proposed we
 * "': the chunk @p np ends in an appositive (its last comma at @p kl): the
 * noun phrase between the last clause opener before it and the next comma.
 * 1 and *@p b set, or 0. */
static int opener_appositive(ctx *c, stance_span np, size_t kl, attr *b)
{
    size_t i = np.start, ws, we, oe = STANCE_NO_OFFSET, k;
    while (stance_chunk_next(c->t, &i, kl, c->len, &ws, &we))
        if (lq(c->t, ws, we, STANCE_LQ(CLAUSE_OPEN)))
            oe = we;
    if (oe == STANCE_NO_OFFSET)
        return 0;
    for (k = oe; k < kl && c->t[k] != ','; k++)
        ;
    return k < kl && stance_q_parse_np(c, skip_hs(c->t, oe, c->len), k, 0, b);
}

/* 'A spokesman for Brekke Networks declined to comment but said that "': a
 * sentence [@p ss, @p end) that opens with an article, a role noun, "for" or
 * "of" and capitalised words (no comma), then a lowercase word: that noun
 * phrase is its subject. 1 and *@p b set, or 0. */
static int role_for_subject(ctx *c, size_t ss, size_t end, attr *b)
{
    size_t i = ss, ws, we, e = STANCE_NO_OFFSET;
    if (!stance_chunk_next(c->t, &i, end, c->len, &ws, &we) ||
        !(word_eq(c->t, ws, we, "A") || word_eq(c->t, ws, we, "An") || word_eq(c->t, ws, we, "The")) ||
        !stance_chunk_next(c->t, &i, end, c->len, &ws, &we) || !stance_lex_is(c->t + ws, we - ws, STANCE_LX(ROLE)) ||
        !stance_chunk_next(c->t, &i, end, c->len, &ws, &we) ||
        !(word_eq(c->t, ws, we, "for") || word_eq(c->t, ws, we, "of")))
        return 0;
    while (stance_chunk_next(c->t, &i, end, c->len, &ws, &we) && letter_case(c->t, ws, c->len) == 1) {
        if (c->t[we - 1] == ',')
            return 0; /* 'A spokesman for Ada Roe, the mayor, ...': left to the other rules */
        e = we;
    }
    return e != STANCE_NO_OFFSET && we > ws && letter_case(c->t, ws, c->len) == -1 &&
           stance_q_parse_np(c, ss, e, 0, b);
}

/* 'Ada Roe backs Ian Holm as a delegate and in a statement credited him
 * for "', 'Ken Ruiz promoted Holm and has taunted the Roe campaign for "': a
 * reporting verb after the last "and"/"but" of the chunk @p np, with only
 * auxiliaries, adverbs or one short prepositional phrase between (no comma;
 * PARTIAL_PAT's own adverbs, 'and has taunted', end the chunk at "and"),
 * shares its sentence's subject, a name or he/she. 1 and *@p b set, or 0. */
static int coordinated_vp(ctx *c, stance_span np, attr *b)
{
    size_t e = skip_back_hs(c, np.end, np.start), i = np.start, ws, we, as = STANCE_NO_OFFSET, ae = 0, ss;
    int n = 0, pp = 0;
    while (stance_chunk_next(c->t, &i, e, c->len, &ws, &we))
        if (lq(c->t, ws, we, STANCE_LQ(AND_BUT))) {
            as = ws;
            ae = we;
        }
    if (as == STANCE_NO_OFFSET || as <= np.start)
        return 0;
    for (i = ae; stance_chunk_next(c->t, &i, e, c->len, &ws, &we);) {
        const char l = c->t[we - 1];
        if (++n > 6 || l == ',' || l == ';' || l == ':' || is_dash_at(c->t, ws, c->len))
            return 0;
        if (pp && pp++ < 5)
            continue; /* the prepositional phrase's words */
        if (!pp && lq(c->t, ws, we, STANCE_LQ(PREPS)) && !word_eq(c->t, ws, we, "of"))
            pp = 1;
        else if (!(aux_only(c, ws, we, 1) || (we - ws > 3 && memcmp(c->t + we - 2, "ly", 2) == 0) ||
                   word_eq(c->t, ws, we, "later") || word_eq(c->t, ws, we, "then") || word_eq(c->t, ws, we, "now")))
            return 0;
    }
    ss = stance_q_sent_start(c, as, np.start);
    return (stance_q_subject_of(c, ss, as, SUBJ_PRONOUN, b) && b->how != STANCE_ATTR_NOUN) ||
           role_for_subject(c, ss, as, b);
}

/* The speaker of a reporting verb @p v (PARTIAL_PAT's group 2) whose noun
 * phrase @p np (group 1) is no noun phrase: 'Jane Roe, the mayor, who said
 * it was "' (the name before ", who"); 'Jane Roe, speaking in Ohio, is
 * pledging to "' (the noun phrase before the first comma, when only an
 * auxiliary follows the last); 'Jane Roe is telling voters that "'; '...,
 * vowing to "' / 'by warning that "' (a participle: its sentence's subject). */
static int partial_np_fallback(ctx *c, const seg *q, stance_span np, stance_span v, attr *b)
{
    size_t e = skip_back_hs(c, np.end, np.start), k1 = np.start, kl = STANCE_NO_OFFSET, ws, we;
    const int ing = ing_word(c->t, v.start, v.end);
    stance_q_lower_word_before(c, e, np.start, &ws, &we);
    for (size_t k = np.start; k < np.end; k++)
        if (c->t[k] == ',') {
            if (kl == STANCE_NO_OFFSET)
                k1 = k;
            kl = k;
        }
    if (stance_q_participle_subject(c, q, np, v, b))
        return 1;
    if (stance_q_who_antecedent(c, np, b) || who_description(c, np, b))
        return 1;
    if (kl != STANCE_NO_OFFSET && aux_only(c, kl + 1, np.end, ing) &&
        (opener_appositive(c, np, kl, b) || stance_q_parse_np(c, np.start, k1, 0, b)))
        return 1;
    if (ing && we == e && aux_only(c, ws, we, 1) && ws > np.start)
        return stance_q_parse_np(c, np.start, skip_back_hs(c, ws, np.start), 0, b);
    if (inner_subject(c, np, ing, b) || coordinated_vp(c, np, b) || infinitive_subject(c, np, b) ||
        name_at_verb(c, np, b))
        return 1;
    /* 'A columnist for the Valley Post went after him, writing that "': a
     * participle after a comma, its sentence's article subject */
    if (!ing || e <= np.start || c->t[e - 1] != ',')
        return 0;
    ws = v.start - q->para > WINDOW ? v.start - WINDOW : q->para;
    return stance_q_article_subject(c, stance_q_sent_start(c, v.start, ws), v.start, b);
}

/* A partial quote's reporting verb @p v earlier in its clause whose noun
 * phrase @p np (PARTIAL_PAT's groups, just matched) is none
 * (partial_np_fallback()); the next verb of the clause is tried too ('", said
 * Jane Roe, who said it was "'). 1 and *@p a set, 0, or <0 on error. */
int stance_q_partial_fallback(ctx *c, const seg *q, stance_span np, stance_span v, attr *a)
{
    for (int tries = 0; tries < 2; tries++) {
        attr b = *a;
        int r = 0;
        b.role = NOSPAN;
        if (partial_np_fallback(c, q, np, v, &b)) {
            b.cue = v;
            return stance_q_found(a, &b, np.start, v.end);
        }
        if (tries || v.end >= q->open || (r = stance_q_run(c, P_PARTIAL, v.end, q->open)) <= 0)
            return r;
        np = group(c, 1);
        v = group(c, 2);
    }
    return 0;
}

/* 'over her remark that "', 'Trump's accusation that "', 'his comment Monday that
 * "': a noun of speech after a possessive (his, her, their, or a name's), at
 * most three words before the opening mark of the partial quote @p q in its
 * clause [cs, q->open): the possessor speaks. 1 and *@p a set, or 0. */
int stance_q_speech_noun(ctx *c, const seg *q, size_t cs, attr *a)
{
    size_t pos = q->open, ws, we, ps, pe;
    for (int words = 0; words < 5; words++) {
        int g;
        stance_q_lower_word_before(c, pos, cs, &ws, &we);
        if (we <= ws) {
            if (!stance_q_word_before(c, pos, cs, &ws, &we))
                return 0; /* (a capitalised word between: "his comment Monday that") */
        }
        pos = ws;
        if (word_eq(c->t, ws, we, "as"))
            return 0; /* 'played down Trump's comments as "': what the comments are called */
        if (lq(c->t, ws, we, STANCE_LQ(SPEECH_NOUN))) {
            size_t at = ws;
            long k;
            /* 'Holm's recent evidence-free assertion that "': up to three lowercase modifiers (a hyphen splits words) */
            for (int m = 0;; m++) {
                if (!stance_q_word_before(c, at, cs, &ps, &pe))
                    return 0;
                k = name_before(c, at);
                if (m == 3 || letter_case(c->t, ps, c->len) != -1 || lq(c->t, ps, pe, STANCE_LQ(DETERMINERS)) ||
                    (k >= 0 && c->names->v[k].start >= cs &&
                     stance_possessive_at(c->t, c->len, c->names->v[k].last_end) &&
                     c->names->v[k].last_end + (c->t[c->names->v[k].last_end] == '\'' ? 2u : 4u) ==
                         skip_back_hs(c, at, cs)))
                    break;
                at = ps;
            }
            if (word_eq(c->t, ps, pe, "his") || word_eq(c->t, ps, pe, "her") || word_eq(c->t, ps, pe, "His") ||
                word_eq(c->t, ps, pe, "Her")) {
                g = (c->t[ps] | 0x20) == 'h' && c->t[ps + 1] == 'i' ? STANCE_G_MALE : STANCE_G_FEMALE;
                a->how = STANCE_ATTR_PRONOUN;
                a->spk = (stance_span){ps, pe};
                a->gender = g;
            } else {
                const stance_name *nm = k >= 0 ? &c->names->v[k] : NULL;
                if (!nm || nm->start < cs || !stance_possessive_at(c->t, c->len, nm->last_end) ||
                    nm->last_end + (c->t[nm->last_end] == '\'' ? 2u : 4u) != skip_back_hs(c, at, cs))
                    return 0; /* "Trump's accusation", "Rubio’s catch phrase" */
                a->how = STANCE_ATTR_NAME;
                a->spk = (stance_span){nm->start, nm->end};
            }
            a->role = NOSPAN;
            a->cue = (stance_span){ws, we};
            a->a_start = a->spk.start;
            a->a_end = we;
            return 1;
        }
    }
    return 0;
}

/* '"...," Roe told reporters. "What they care about is jobs" and little else.':
 * a quote that opens a sentence (no lowercase start) right after the sentence
 * that attributes the direct quote @p p of its paragraph, and goes on after its
 * closing mark (so it is partial), continues that speaker; not a word or two
 * ('"Non-paper" is a diplomatic term'). */
int stance_q_cont_after_direct(ctx *c, const sv *v, const seg *p)
{
    const seg *q = v->q;
    int ends = 0, lead = 0;
    size_t ss = q->open, i, ws, we;
    if (v->words < 3 || p->kind != K_DIRECT || p->a.how == STANCE_ATTR_NONE ||
        p->a.how == STANCE_ATTR_INHERIT || p->close_para != q->para || q->open - p->close > 200)
        return 0;
    for (size_t k = p->close; k < q->open; k++)
        if (stance_q_sent_end_at(c, k, q->open, p->close)) {
            ends++;
            ss = k + 1;
        }
    if (ends != 1)
        return 0;
    if (q->pc == PC_SENT)
        return v->fc != -1;
    /* 'Instead, "he just acts like a beaten man."', 'Ruiz "kind of misspoke,
     * and should say so."': one or two words open the sentence before a
     * quote of three words or more */
    for (i = ss; stance_chunk_next(c->t, &i, q->open, c->len, &ws, &we);)
        lead++;
    return lead >= 1 && lead <= 2;
}

/* 'According to the harbour board, the pier is "unsafe for boats"', 'the
 * levy was "too low," according to Ana Ruiz, so the council ...': a partial
 * quote @p q left without an attribution whose sentence has "according to"
 * a noun phrase and a comma (IND_ACC_PAT) before the quote: that noun phrase
 * speaks. 1 and *@p a set, 0, or <0 on error. */
int stance_q_according_in_sent(ctx *c, const seg *q, attr *a)
{
    const char *t = c->t;
    size_t floor = q->open - q->para > WINDOW ? q->open - WINDOW : q->para;
    size_t ss = stance_q_sent_start(c, q->open, floor);
    for (size_t k = ss; k + 13 < q->open; k++) {
        attr b = *a;
        stance_span np;
        int r;
        if ((t[k] != 'a' && t[k] != 'A') || memcmp(t + k + 1, "ccording", 8) != 0 ||
            (k > ss && letter_before(t, k, c->len, 0)))
            continue;
        if ((r = stance_q_run(c, P_IND_ACC, k, q->open)) < 0)
            return r;
        np = group(c, 1);
        b.role = NOSPAN;
        if (r && stance_q_utf8_chars(t, np) <= IND_ACC_MAX_CHARS &&
            stance_q_parse_np(c, np.start, np.end, NP_VERB_FIRST, &b)) {
            b.cue = NOSPAN;
            return stance_q_found(a, &b, k, np.end);
        }
    }
    return 0;
}

/* '"It was a disgrace," said Ana Ruiz, 34, who waited in an "endless line
 * around" the hall', 'Ian Holm said, "Instead of helping," the mayor "opted
 * for a stunt."': a partial quote @p q left without an attribution, in the
 * sentence of the direct quote @p p before it (p's content ends in no
 * sentence end, no sentence end between them, same paragraph), opening in
 * lowercase (no title or name), takes p's speaker. 1 or 0. */
int stance_q_same_sent_after_direct(ctx *c, const seg *q, const seg *p)
{
    size_t e = p->ce;
    if (p->kind != K_DIRECT || p->a.how == STANCE_ATTR_NONE || p->close_para != q->para || q->ce <= q->cs ||
        letter_case(c->t, q->cs, c->len) != -1 || q->open - p->close > 200)
        return 0;
    while (e > p->cs && (c->t[e - 1] == ' ' || c->t[e - 1] == '\n'))
        e--;
    if (e <= p->cs || c->t[e - 1] == '.' || c->t[e - 1] == '!' || c->t[e - 1] == '?')
        return 0;
    for (size_t k = p->close; k < q->open; k++)
        if (c->t[k] == ';' || c->t[k] == '\n' || stance_q_sent_end_at(c, k, q->open, p->close))
            return 0;
    return 1;
}

/* 'Sales were "flat for a month" as buyers waited for a "calmer market," he
 * said': the partial quotes dropped for want of an attribution just before
 * quote @p qi, in its sentence, take its attribution after it (when they open
 * in lowercase: no titles or names). */
void stance_q_same_sent_before(ctx *c, size_t qi)
{
    const seg *q = &c->s[qi];
    for (size_t j = qi; j-- > 0;) {
        seg *o = &c->s[j];
        size_t from = c->s[j + 1].open;
        if (!(o->flags & SEG_PARTIAL_NONE) || o->kind != K_SKIP || o->close_para != q->para || o->ce <= o->cs ||
            letter_case(c->t, o->cs, c->len) != -1 || (o->open > 0 && c->t[o->open - 1] == '='))
            return; /* (not a title, a name, nor markup: 'author="@jroe"') */
        for (size_t k = o->cs; k < from; k++)
            if (c->t[k] == '.' || c->t[k] == '!' || c->t[k] == '?') {
                size_t m = k + 1; /* (past closing marks: '"... governmental." To a question') */
                while (m < from && (c->t[m] == '"' || c->t[m] == '\'' || (unsigned char)c->t[m] >= 0x80))
                    m++;
                if (m < from && stance_hspace(c->t, m, c->len))
                    return;
            }
        o->kind = K_PARTIAL;
        stance_q_inherit(&o->a, &q->a, STANCE_RULE_PARTIAL_SAME_SENT);
    }
}

/* Does [s, e) open with a weekday ("Friday", "Sunday's", "Monday,")? */
int stance_q_weekday_at(const char *t, size_t s, size_t e)
{
    for (size_t n = 6; n <= 9 && n <= e - s; n++) /* (the names of the days have 6 to 9 letters) */
        if (stance_lex_is(t + s, n, STANCE_LX(DAY)))
            return 1;
    return 0;
}

/* The word [*s, *e) right before the opening mark of @p q. */
void stance_q_word_before_open(ctx *c, const seg *q, size_t *s, size_t *e)
{
    const char *t = c->t;
    *e = q->open;
    while (*e > q->para && stance_hspace(t, back1(t, *e), c->len))
        *e = back1(t, *e);
    *s = *e;
    while (*s > q->para && !stance_hspace(t, back1(t, *s), c->len))
        *s = back1(t, *s);
}

/* 'on CNN's "State of the Union"', 'ABC’s “This Week”': a short quote in
 * capitals right after a possessive is a title (a show, a podcast, a book),
 * not speech: it is not reported, but keeps its place and attribution for the
 * partial quotes after it ('She told ABC's "Today" ... and predicted voters
 * "will ..."'). */
int stance_q_title_after_possessive(ctx *c, const sv *v)
{
    size_t s, e, k, ps, pe, caps = 0;
    if (v->fc != 1 || v->words > 6)
        return 0;
    stance_q_word_before_open(c, v->q, &s, &e);
    if (stance_poss_start(c->t, s, e, 1) == e) /* "CNN's", "the Democrats'" */
        return 0;
    for (k = s; k < e && ((c->t[k] >= 'A' && c->t[k] <= 'Z') || c->t[k] == '.'); k++)
        caps += c->t[k] != '.';
    if (caps >= 2 && (c->t[k] == '\'' || (unsigned char)c->t[k] == 0xE2))
        return 1; /* 'CNN's "New Day"': an outlet's show, not a person's words */
    if (stance_q_weekday_at(c->t, s, e))
        return 1; /* 'on Friday's "Real Time"' */
    /* 'on Fox News channel's "Hannity"': "on" before the possessive's noun phrase */
    for (k = 0, ps = s; k < 3 && ps > v->q->para; k++) {
        stance_q_word_before(c, ps, v->q->para, &ps, &pe);
        if (pe <= ps)
            break;
        if (word_eq(c->t, ps, pe, "on"))
            return 1;
    }
    return 0;
}

/* Is the word [s, e) "on" followed by a weekday ('Rep. Ada Roe on Friday
 * pummeled ...': the name before it is still the subject)? */
int stance_q_on_weekday(ctx *c, size_t s, size_t e, size_t end)
{
    size_t i = e, ws, we;
    return word_eq(c->t, s, e, "on") && stance_chunk_next(c->t, &i, end, c->len, &ws, &we) &&
           stance_q_weekday_at(c->t, ws, we);
}

/* Is [s, e) one to four lowercase words and spaces? */
int stance_q_only_lower_words(ctx *c, size_t s, size_t e)
{
    int words = 0, in = 0;
    if (e <= s || e - s > 60)
        return 0;
    for (size_t i = s; i < e; i++) {
        if (stance_hspace(c->t, i, c->len))
            in = 0;
        else if (lower_at(c->t, i, c->len) || (in && c->t[i] == '-')) {
            words += !in;
            in = 1;
        } else
            return 0;
    }
    return words >= 1 && words <= 4;
}

/* 'in Ruiz's words, "...', 'in the words of Ines Ruiz, "...': the name before
 * "words" (a possessive) or after "the words of", in a phrase that ends with
 * a comma or colon right before the quote. 1 and *@p a set, or 0. */
int stance_q_in_words(ctx *c, const seg *q, attr *a)
{
    size_t k = skip_back_hs(c, q->open, q->para), ws, we, ps, pe;
    long n;
    const stance_name *nm;
    if (k <= q->para || (c->t[k - 1] != ',' && c->t[k - 1] != ':'))
        return 0;
    k--;
    if (!stance_q_word_before(c, k, q->para, &ws, &we))
        return 0;
    if (word_eq(c->t, ws, we, "words")) { /* 'in Ruiz's words,' */
        n = name_before(c, ws);
        if (n < 0)
            return 0;
        nm = &c->names->v[n];
        ps = skip_back_hs(c, ws, q->para); /* the end of "Ruiz's" / "Forbes’" */
        if (nm->start < q->para || nm->end >= ps || ps - nm->end > 4 ||
            !(c->t[nm->end] == '\'' || (unsigned char)c->t[nm->end] == 0xE2))
            return 0;
        pe = nm->start;
    } else { /* 'in the words of Ines Ruiz,' */
        n = name_before(c, we);
        if (n < 0 || c->names->v[n].end != we)
            return 0;
        nm = &c->names->v[n];
        if (!stance_q_word_before(c, nm->start, q->para, &ps, &pe) || !word_eq(c->t, ps, pe, "of") ||
            !stance_q_word_before(c, ps, q->para, &ps, &pe) || !word_eq(c->t, ps, pe, "words") ||
            !stance_q_word_before(c, ps, q->para, &ps, &pe) || !word_eq(c->t, ps, pe, "the"))
            return 0;
        pe = ps;
    }
    if (!stance_q_word_before(c, pe, q->para, &ps, &pe) ||
        !(word_eq(c->t, ps, pe, "in") || word_eq(c->t, ps, pe, "In")))
        return 0;
    a->how = STANCE_ATTR_NAME;
    a->spk = (stance_span){nm->start, nm->end};
    a->role = NOSPAN;
    a->cue = (stance_span){ps, k};
    a->a_start = ps;
    a->a_end = k;
    return 1;
}

/* 'Jo Roe called on him to resign and said, "His plan is dead!"': a partial
 * quote whose clause ends in "and said," (or "and added,") right before the
 * mark, a sentence of its own (capital, sentence end) that ends its sentence,
 * is direct; its speaker stays the one the partial sieves found. */
void stance_q_and_said_direct(ctx *c, seg *q)
{
    const char *t = c->t;
    size_t e, ws, we, k;
    unsigned char last;
    if (q->kind != K_PARTIAL || q->a.how == STANCE_ATTR_NONE ||
        (q->a.rule != STANCE_RULE_PARTIAL_BEFORE && q->a.rule != STANCE_RULE_BEFORE) || q->ce <= q->cs ||
        !upper_at(t, q->cs, c->len))
        return;
    last = (unsigned char)t[back1(t, q->ce)];
    e = skip_back_hs(c, q->open, q->para);
    if (!(last == '.' || last == '!' || last == '?') || e <= q->para || (t[e - 1] != ',' && t[e - 1] != ':'))
        return;
    stance_q_lower_word_before(c, e - 1, q->para, &ws, &we);
    if (we != e - 1 || !(word_eq(t, ws, we, "said") || word_eq(t, ws, we, "added")))
        return;
    stance_q_lower_word_before(c, skip_back_hs(c, ws, q->para), q->para, &ws, &we);
    if (!word_eq(t, ws, we, "and"))
        return;
    k = skip_hs(t, q->close, c->len);
    if (k < c->len && t[k] != '\n' && !upper_at(t, k, c->len))
        return; /* the sentence goes on: '... and said, "No comment," the Herald reported' is no whole quote */
    q->kind = K_DIRECT;
    q->a.rule = STANCE_RULE_BEFORE;
}

/* Does the word t[ws, we) read as a past tense opening a verb phrase: a
 * lowercase word of four letters or more ending in "ed" ("furrowed",
 * "nodded"), no determiner or preposition? */
static int past_ed_word(ctx *c, size_t ws, size_t we)
{
    return we - ws >= 4 && lower_at(c->t, ws, c->len) && memcmp(c->t + we - 2, "ed", 2) == 0 &&
           !lq(c->t, ws, we, STANCE_LQ(DETERMINERS) | STANCE_LQ(PREPS));
}

/* 'he looked straight into my camera, furrowed his brow and said, "': a list
 * of verb phrases split by commas, the last ending in "and"/"but" right
 * before the reporting verb @p v (or @p v itself a past tense right after
 * the comma: 'Tom Reed paused, smiled and said'), the phrases after the first
 * opening with a past tense: the subject opening the first phrase (in the
 * chunk @p np), followed by its own verb, speaks. 1 and *@p b set, or 0. */
int stance_q_verb_list_subject(ctx *c, stance_span np, stance_span v, attr *b)
{
    size_t ws, we, p, k, i, a1, b1;
    int parts = 0;
    attr t = *b;
    stance_q_lower_word_before(c, v.start, np.start, &ws, &we);
    if (we > ws && lq(c->t, ws, we, STANCE_LQ(AND_BUT)))
        p = ws;
    else if (past_ed_word(c, v.start, v.end) && (p = skip_back_hs(c, v.start, np.start)) > np.start &&
             c->t[p - 1] == ',' && (i = v.end, stance_chunk_next(c->t, &i, c->len, c->len, &a1, &b1)) &&
             lq(c->t, a1, b1, STANCE_LQ(AND_BUT)))
        p--, parts = 1; /* (the list goes on after the verb: "smiled and said") */
    else
        return 0;
    for (; p > np.start; p = k - 1, parts++) {
        for (k = p; k > np.start && c->t[k - 1] != ','; k--)
            ;
        i = k;
        if (k <= np.start || !stance_chunk_next(c->t, &i, p, c->len, &a1, &b1) || !past_ed_word(c, a1, b1))
            break;
    }
    if (!parts)
        return 0;
    for (k = p; k > np.start && c->t[k - 1] != ','; k--)
        ;
    k = skip_hs(c->t, k, c->len);
    if (!stance_q_subject_of(c, k, p, SUBJ_PRONOUN, &t) || t.how == STANCE_ATTR_NOUN || t.spk.start != k)
        return 0; /* (the subject opens its phrase: not 'Lee Bright, a Cruz supporter, smiled and') */
    i = t.spk.end;
    if (!stance_chunk_next(c->t, &i, p, c->len, &a1, &b1) || !lower_at(c->t, a1, c->len))
        return 0; /* (the first phrase has a verb of its own after its subject) */
    *b = t;
    return 1;
}
