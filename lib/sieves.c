/*
 * sieves.c - attribution sieves. Every quote goes through a table of sieves
 * {id, name, fn} in order; each looks at one kind of attribution and either
 * attributes the quote (recording its id as stance_rawquote.rule) or passes.
 * The direct/partial decision is its own function, and partial quotes go
 * through their own, shorter table; the late sieves (sieves_late.c) run after
 * inheritance on the direct quotes still without a speaker. Indirect speech
 * has three sieves of its own over the sentences outside quotes (indirect.c).
 * The sieves read the attribution before a quote with sieves_before.c
 * (stance_q_try_before()) and the one after it with sieves_after.c
 * (stance_q_try_after()); the subject finders they share
 * (stance_q_subject_of(), the colon subject, datelines, roles before names)
 * are in sieves_subject.c.
 */
#include "config.h"

#include "quotes_int.h"
/* 'Roe would not discuss "that man," telling reporters she is focused on
 * "': a participle of speech opening the clause [@p cs, q->open) right after
 * a quote that ends in a comma takes its sentence's subject (PARTIAL_PAT
 * needs a noun phrase before its verb). 1 and *@p a set, or 0. */
static int participle_after_quote(ctx *c, seg *q, size_t cs, attr *a)
{
    size_t i = cs, ws, we, ss;
    attr b = *a;
    const int comma_in = cs >= 2 && c->t[cs - 1] == '"' && c->t[cs - 2] == ',';
    const int comma_in_curly = cs >= 4 && (unsigned char)c->t[cs - 3] == 0xE2 && (unsigned char)c->t[cs - 2] == 0x80 &&
                               (unsigned char)c->t[cs - 1] == 0x9D && c->t[cs - 4] == ',';
    if (!(comma_in || comma_in_curly) || q->open - cs > 260 || !stance_chunk_next(c->t, &i, q->open, c->len, &ws, &we) ||
        !ing_word(c->t, ws, we) || !lower_at(c->t, ws, c->len) || !stance_q_partial_verb(c, ws, we))
        return 0;
    for (size_t k = we; k < q->open; k++)
        if (c->t[k] == '.' || c->t[k] == '!' || c->t[k] == '?' || c->t[k] == ';' || c->t[k] == '\n')
            return 0;
    ss = stance_q_sent_start(c, ws, ws - q->para > WINDOW ? ws - WINDOW : q->para);
    b.role = NOSPAN;
    if (!stance_q_subject_of(c, ss, ws, SUBJ_PRONOUN, &b) && !stance_q_article_subject(c, ss, ws, &b))
        return 0;
    b.cue = (stance_span){ws, we};
    return stance_q_found(a, &b, ws, we);
}

static int try_partial(ctx *c, seg *q, size_t cs, attr *a)
{
    return stance_q_np_verb(c, P_PARTIAL, cs, q->open, q, a);
}

/* Does the word before the opening mark make the quote part of a noun phrase
 * ('a goal of "Peace Through Strength"', 'on CNN's "State of the Union"')? */
static int embedded_np(ctx *c, const seg *q)
{
    size_t s, e;
    stance_q_word_before_open(c, q, &s, &e);
    if (stance_poss_start(c->t, s, e, 0) < e)
        return 1; /* possessive: CNN's "..." */
    return lq(c->t, s, e, STANCE_LQ(NP_LEAD));
}

/* Is the word right before the mark at @p open (past a comma or colon) a
 * participle of speech: '..., saying, "', 'writing "'? */
static int speech_lead(ctx *c, size_t open, size_t floor)
{
    size_t e = open, s;
    while (e > floor && stance_hspace(c->t, back1(c->t, e), c->len))
        e = back1(c->t, e);
    if (e > floor && (c->t[e - 1] == ',' || c->t[e - 1] == ':'))
        e--;
    stance_q_lower_word_before(c, e, floor, &s, &e);
    return s < e && (s == floor || !stance_is_word_byte((unsigned char)c->t[s - 1])) &&
           lq(c->t, s, e, STANCE_LQ(SPEECH_ING));
}

/* Pattern @p which (a subject, then a verb) on the sentence [s, e): when its
 * subject is a name (or, with @p pronoun, a pronoun), *@p a becomes that
 * attribution. 1 if it did, 0 if not, < 0 on a match error. */
static int speech_sentence(ctx *c, int which, size_t s, size_t e, int pronoun, attr *a)
{
    int r;
    if ((r = stance_q_run(c, which, s, e)) <= 0)
        return r;
    stance_span np = group(c, 1), v = group(c, 2);
    attr b = *a;
    b.role = NOSPAN;
    if (!stance_q_parse_np(c, np.start, np.end, 0, &b) ||
        !(b.how == STANCE_ATTR_NAME || (pronoun && b.how == STANCE_ATTR_PRONOUN)))
        return 0;
    b.cue = v;
    return stance_q_found(a, &b, np.start, v.end);
}

/* Is [s, e) between two quotes only a speech participle with its punctuation
 * (', adding: ', ' saying, ')? */
static int participle_link(ctx *c, size_t s, size_t e)
{
    size_t i = s, ws, we, k;
    while (i < e && (stance_hspace(c->t, i, c->len) || c->t[i] == ','))
        i += step1(c->t, i, c->len);
    if (!stance_chunk_next(c->t, &i, e, c->len, &ws, &we))
        return 0;
    k = we;
    while (k > ws && (c->t[k - 1] == ':' || c->t[k - 1] == ','))
        k--;
    if (!lq(c->t, ws, k, STANCE_LQ(SPEECH_ING)))
        return 0;
    i = we;
    while (i < e && (stance_hspace(c->t, i, c->len) || c->t[i] == ',' || c->t[i] == ':'))
        i += step1(c->t, i, c->len);
    return i == e;
}

/* ---- the sieves -------------------------------------------------------------- */

/* With an attribution after it, a quote that opens a paragraph or sentence
 * is direct and takes that speaker: the clause before it is not needed. After
 * a colon lead-in it is, when the quote closes its sentence and the
 * attribution after opens the next ('X said: "A." Y added';
 * stance_q_after_opens_sentence()). */
static int need_before(ctx *c, const sv *v)
{
    const int pc = v->q->pc;
    if (!v->have_after || !(pc == PC_PARA || pc == PC_SENT || pc == PC_COLON))
        return 1;
    return stance_q_closes_sentence(c, v->q) && (stance_q_colon_lead(c, v->q) || (v->q->flags & SEG_MULTI));
}

/* '"...," X said' / '"...," said X' / '..." - Jane Doe' */
static int sieve_after(ctx *c, sv *v)
{
    return stance_q_try_after(c, v->q, &v->after);
}

/* '"A," she added, "B"': the attribution after the first half of a split
 * quote runs up to the second, and is the second's too (the same mention). */
static int sieve_split(ctx *c, sv *v)
{
    const seg *p = v->qi > 0 ? &c->s[v->qi - 1] : NULL;
    (void)c;
    if (!p || p->kind != K_DIRECT || !p->after_reaches || p->a.rule != STANCE_RULE_AFTER ||
        p->a.how == STANCE_ATTR_NONE || v->q->pc != PC_COMMA)
        return 0;
    v->before = p->a;
    return 1;
}

/* 'X said: "' / 'X told Y, "' */
static int sieve_before(ctx *c, sv *v)
{
    return stance_q_try_before(c, v->q, v->bcs, v->q->open, &v->before, &v->that_clause, &v->tail_len);
}

/* BEFORE2 on the clause before the mark, run once for the three sieves that read it. */
static int before2(ctx *c, sv *v)
{
    int r;
    if (v->b2 >= 0)
        return v->b2;
    if (v->bcs >= v->q->open)
        return v->b2 = 0;
    if ((r = stance_q_run(c, P_BEFORE2, v->bcs, v->q->open)) < 0)
        return r;
    if (r) {
        v->acc = group(c, 1);
        v->nm = group(c, 2);
        v->pu = group(c, 3);
    }
    return v->b2 = r;
}

/* BEFORE2's group @p g as the speaker (of kind NAME only, with @p name_only). */
static int before2_speaker(ctx *c, sv *v, stance_span g, unsigned flags, int name_only)
{
    attr b2 = v->before;
    b2.role = NOSPAN;
    if (!stance_q_parse_np(c, g.start, g.end, flags, &b2) || (name_only && b2.how != STANCE_ATTR_NAME))
        return 0;
    b2.a_start = g.start;
    b2.a_end = g.end;
    v->before = b2;
    return 1;
}

/* 'According to X, "' */
static int sieve_according(ctx *c, sv *v)
{
    int r = before2(c, v);
    if (r <= 0 || v->acc.start == STANCE_NO_OFFSET)
        return r < 0 ? r : 0;
    return before2_speaker(c, v, v->acc, NP_VERB_FIRST, 0);
}

/* 'pollster Jane Doe: "' */
static int sieve_name_colon(ctx *c, sv *v)
{
    int r = before2(c, v);
    if (r <= 0 || v->nm.start == STANCE_NO_OFFSET || c->t[v->pu.start] != ':' || !stance_q_colon_name_speaks(c, v->nm.start, v->bcs))
        return r < 0 ? r : 0;
    return before2_speaker(c, v, v->nm, 0, 1);
}

/* 'Said Jane Roe, "...' / 'But, said Jane Roe, "...' */
static int sieve_inverted(ctx *c, sv *v)
{
    attr b2 = v->before;
    int r = before2(c, v);
    if (r <= 0 || v->nm.start == STANCE_NO_OFFSET || c->t[v->pu.start] != ',')
        return r < 0 ? r : 0;
    b2.role = NOSPAN;
    if (!stance_q_inverted_said(c, &v->nm, v->bcs, &b2))
        return 0;
    v->before = b2;
    return 1;
}

/* The end of the paragraph before the one @p q opens, past its spaces and breaks. */
size_t stance_q_prev_para_end(ctx *c, const seg *q)
{
    size_t pe = q->para - 1;
    while (pe > 0 && (c->t[pe - 1] == '\n' || stance_hspace(c->t, back1(c->t, pe), c->len)))
        pe = back1(c->t, pe);
    return pe;
}

/* "X said:\n\n"...": the previous paragraph ends with a colon. */
static int sieve_para_colon(ctx *c, sv *v)
{
    size_t pe;
    if (v->q->pc != PC_PARA || v->q->para < 2)
        return 0;
    pe = stance_q_prev_para_end(c, v->q);
    if (pe == 0 || c->t[pe - 1] != ':')
        return 0;
    return stance_q_try_before(c, v->q, stance_q_clause_start(c, pe, 0), pe, &v->before, &v->that_clause, &v->tail_len);
}

/* '... gun laws, Clinton said.\n\n"...': a paragraph of her reported speech
 * ends with its attribution, and the quote paragraph goes on with her words */
static int sieve_para_ending(ctx *c, sv *v)
{
    const char *t = c->t;
    const seg *q = v->q;
    size_t pe, kk, lim;
    int r;
    /* (a direct quote in that paragraph: inheritance decides) */
    if (v->have_after || q->pc != PC_PARA || q->para < 2 ||
        (v->qi > 0 && c->s[v->qi - 1].kind == K_DIRECT && stance_q_in_para_before(c, &c->s[v->qi - 1], q)))
        return 0;
    pe = stance_q_prev_para_end(c, q);
    lim = pe > 120 ? pe - 120 : 0;
    /* the last comma or quote mark in the last 120 bytes of that paragraph */
    for (kk = pe > 0 ? pe - 1 : 0; kk > lim && t[kk - 1] != '\n'; kk--) {
        const int comma = t[kk - 1] == ',';
        size_t ml = 0, mp = back1(t, kk);
        attr b5 = v->before;
        if (!comma && (mark_at(t, mp, c->len, &ml) == MK_NONE || mp + ml != kk))
            continue; /* neither (or inside a multi-byte mark) */
        if ((r = stance_q_attribution_ending(c, q, comma ? kk - 1 : kk, pe, &b5)) < 0)
            return r;
        /* ', The Hill reported.' cites a source, it does not introduce one */
        if (r && (b5.how == STANCE_ATTR_NAME || b5.how == STANCE_ATTR_PRONOUN) &&
            !lq(t, b5.cue.start, b5.cue.end, STANCE_LQ(REPORTED))) {
            v->before = b5;
            return 1;
        }
        return 0;
    }
    return 0;
}

/* 'Jane Doe then addressed the crowd: "...' (also ending the previous paragraph) */
static int sieve_colon_subject(ctx *c, sv *v)
{
    const seg *q = v->q;
    size_t ce = q->open;
    if (q->pc != PC_COLON && q->pc != PC_PARA)
        return 0;
    if (q->pc == PC_PARA)
        ce = q->para >= 2 ? stance_q_prev_para_end(c, q) : 0;
    else
        while (ce > q->para && stance_hspace(c->t, back1(c->t, ce), c->len))
            ce = back1(c->t, ce);
    return ce > 0 && c->t[ce - 1] == ':' &&
           stance_q_colon_subject(c, stance_q_clause_start(c, ce - 1, 0), ce - 1, &v->before);
}

/* '"..."\n\n- Jane Doe, tweeting.': a paragraph of its own, a dash and the name */
static int sieve_dash(ctx *c, sv *v)
{
    if (v->have_before || (v->q->flags & SEG_UNCLOSED))
        return 0;
    return stance_q_dash_para(c, v->q, &v->after);
}

/* The sentence just before the quote ('Jane Doe said. "..."'), when it may
 * attribute it: its end @p d (the '.') plus one and its clause start. */
static int prev_sentence(ctx *c, const sv *v, size_t *d, size_t *pcs)
{
    const seg *q = v->q, *p = v->qi > 0 ? &c->s[v->qi - 1] : NULL;
    int prev_attr;
    if ((v->have_after && !(q->flags & SEG_MULTI)) || q->pc != PC_SENT)
        return 0; /* (a quote over paragraphs: stance_q_after_past_continued() reads it) */
    *d = q->open;
    while (*d > q->para && stance_hspace(c->t, back1(c->t, *d), c->len))
        *d = back1(c->t, *d);
    /* ('"A," said X, asking for anonymity. "B"': that sentence is the previous
     * quote's attribution, and B inherits its speaker below) */
    prev_attr = p && p->kind == K_DIRECT && p->a.how != STANCE_ATTR_NONE && p->a.a_end != STANCE_NO_OFFSET &&
                p->a.a_start >= p->close && p->close >= q->para && *d > q->para &&
                stance_q_clause_start(c, *d - 1, q->para) == p->close;
    if (!(*d > q->para && c->t[*d - 1] == '.' && !prev_attr))
        return 0;
    *pcs = stance_q_clause_start(c, *d - 1, q->para);
    return 1;
}

/* '"...," Roe said, and her husband cut in. "..."': the previous quote's
 * attribution ends its sentence but for ", and" and a clause, which the
 * sieve reads as the sentence before (its start in *@p pcs). */
static int attr_and_clause(ctx *c, const sv *v, size_t *d, size_t *pcs)
{
    const seg *q = v->q, *p = v->qi > 0 ? &c->s[v->qi - 1] : NULL;
    size_t k, ws, we;
    if (v->have_after || q->pc != PC_SENT || !p || p->kind != K_DIRECT || p->a.how == STANCE_ATTR_NONE ||
        p->a.a_end == STANCE_NO_OFFSET || p->a.a_start < p->close || p->close < q->para)
        return 0;
    *d = q->open;
    while (*d > q->para && stance_hspace(c->t, back1(c->t, *d), c->len))
        *d = back1(c->t, *d);
    k = skip_hs(c->t, p->a.a_end, c->len);
    if (*d <= q->para || c->t[*d - 1] != '.' || k + 1 >= *d || c->t[k] != ',')
        return 0;
    k++;
    if (!stance_chunk_next(c->t, &k, *d - 1, c->len, &ws, &we) || !word_eq(c->t, ws, we, "and"))
        return 0;
    *pcs = skip_hs(c->t, we, c->len);
    return *pcs < *d - 1;
}

/* 'Jane Doe said. "..."': the sentence just before the quote attributes it. */
static int sieve_prev_sent(ctx *c, sv *v)
{
    size_t d, pcs, tl = 0;
    attr b2 = v->before;
    int tc = 0, r;
    if (!prev_sentence(c, v, &d, &pcs) && !attr_and_clause(c, v, &d, &pcs))
        return 0;
    if ((r = stance_q_try_before(c, v->q, pcs, d - 1, &b2, &tc, &tl)) <= 0)
        return r;
    if (tl > 60 || tc)
        return 0;
    v->before = b2;
    return 1;
}

/* '..., said Ohio State professor Paul Beck. "': the last comma of that sentence */
static int sieve_prev_sent_ending(ctx *c, sv *v)
{
    size_t d, pcs, kc, lim;
    attr b3 = v->before;
    int r;
    if (!prev_sentence(c, v, &d, &pcs))
        return 0;
    kc = d - 1;
    lim = d - 1 > pcs + 160 ? d - 1 - 160 : pcs;
    while (kc > lim && c->t[kc - 1] != ',')
        kc--;
    if (kc <= lim)
        return 0;
    if ((r = stance_q_attribution_ending(c, v->q, kc - 1, d - 1, &b3)) <= 0)
        return r;
    v->before = b3;
    return 1;
}

/* 'Jane Doe told the crowd that the plan would fail. "..."': reported speech of
 * a named person (or a pronoun), then her words; 'Jane Doe called him a master
 * of impossible deals. "..."': a named person's speech act about it */
static int sieve_speech_sent(ctx *c, sv *v)
{
    size_t d, pcs;
    int r;
    if (v->words < 4 || !v->endp || !prev_sentence(c, v, &d, &pcs))
        return 0;
    if ((r = speech_sentence(c, P_IND_SAID, pcs, d, 1, &v->before)) != 0)
        return r;
    return speech_sentence(c, P_PARTIAL, pcs, d - 1, 0, &v->before);
}

/* The attribution sieves, most reliable first. The after-slot keeps the first
 * attribution found after the quote, the before-slot the first found before it
 * (while the quote needs one, see need_before()). */
static const sieve SIEVES[] = {
    {STANCE_RULE_AFTER, SLOT_AFTER, sieve_after},
    {STANCE_RULE_SPLIT, SLOT_BEFORE, sieve_split},
    {STANCE_RULE_BEFORE, SLOT_BEFORE, sieve_before},
    {STANCE_RULE_ACCORDING, SLOT_BEFORE, sieve_according},
    {STANCE_RULE_NAME_COLON, SLOT_BEFORE, sieve_name_colon},
    {STANCE_RULE_INVERTED, SLOT_BEFORE, sieve_inverted},
    {STANCE_RULE_PARA_COLON, SLOT_BEFORE, sieve_para_colon},
    {STANCE_RULE_PARA_ENDING, SLOT_BEFORE, sieve_para_ending},
    {STANCE_RULE_COLON_SUBJECT, SLOT_BEFORE, sieve_colon_subject},
    {STANCE_RULE_DASH, SLOT_AFTER, sieve_dash},
    {STANCE_RULE_PREV_SENT, SLOT_BEFORE, sieve_prev_sent},
    {STANCE_RULE_PREV_SENT_ENDING, SLOT_BEFORE, sieve_prev_sent_ending},
    {STANCE_RULE_SPEECH_SENT, SLOT_BEFORE, sieve_speech_sent},
};

static int run_sieves(ctx *c, sv *v)
{
    int need = -1; /* need_before(), asked again when an attribution after is found */
    for (size_t i = 0; i < sizeof SIEVES / sizeof SIEVES[0]; i++) {
        const sieve *s = &SIEVES[i];
        int r;
        if (s->slot == SLOT_LATE || (s->slot == SLOT_AFTER ? v->have_after : v->have_before))
            continue;
        if (s->slot != SLOT_AFTER && !(need >= 0 ? need : (need = need_before(c, v))))
            continue;
        if ((r = s->fn(c, v)) < 0)
            return r;
        if (r && s->slot == SLOT_AFTER) {
            v->have_after = 1;
            need = -1;
            v->after.rule = s->id;
        } else if (r) {
            v->have_before = 1;
            v->before.rule = s->id;
        }
    }
    return STANCE_OK;
}

/* A transcript label opens the quote ('SMITH: ...'): it is direct and the
 * label speaks it. */
static int sieve_label(ctx *c, seg *q)
{
    size_t la, lb, lafter;
    if (!stance_q_label_at(c, q->cs, &la, &lb, &lafter) || lafter >= q->ce)
        return 0;
    q->a.how = STANCE_ATTR_LABEL;
    q->a.rule = STANCE_RULE_LABEL;
    q->a.spk = (stance_span){la, lb};
    q->cs = lafter;
    q->kind = K_DIRECT;
    q->a.a_start = la;
    q->a.a_end = lb;
    return 1;
}

/* The shape of the content: its first letter's case, whether it ends like a
 * sentence, how many words it has (up to 9). */
static void quote_shape(ctx *c, sv *v)
{
    const char *t = c->t;
    const seg *q = v->q;
    size_t p = back1(t, q->ce), k;
    unsigned char b = (unsigned char)t[p];
    v->fc = letter_case(t, q->cs, c->len);
    if (v->fc == 0 && (unsigned char)t[q->cs] == 0xE2) /* "…And" */
        v->fc = q->cs + 3 < q->ce ? letter_case(t, q->cs + 3, c->len) : 0;
    v->endp = b == '.' || b == ',' || b == '?' || b == '!' || b == '-' || is_dash_at(t, p, c->len) ||
              (b == 0xA6 && p >= 2) || b == ')' || b == ']' || b == '\'' || (b == 0x99 && p >= 2) ||
              (q->flags & SEG_UNCLOSED);
    v->words = 0;
    for (k = q->cs; k < q->ce && v->words < 8; k++)
        if (stance_hspace(t, k, c->len))
            v->words++;
    v->words++;
}

/* Direct or partial, from where the quote stands (q->pc), its shape and the
 * attributions the sieves found. */
static int direct_or_partial(ctx *c, const sv *v)
{
    const seg *q = v->q;
    const int fc = v->fc, endp = v->endp, words = v->words, ha = v->have_after, hb = v->have_before;
    int kind;
    switch (q->pc) {
    case PC_PARA:
    case PC_SENT:
    case PC_COLON:
    case PC_DASH:
        if (fc == 1 || (fc == 0 && endp) || ha || hb)
            kind = (fc == -1 && !endp && !ha) ? K_PARTIAL : K_DIRECT;
        else
            kind = K_PARTIAL;
        if (kind == K_DIRECT && fc == 1 && !endp && words <= 3 && !ha && !hb)
            kind = K_PARTIAL;
        return kind;
    case PC_COMMA:
        if (v->qi > 0 && c->s[v->qi - 1].kind == K_DIRECT && c->s[v->qi - 1].after_reaches)
            return K_DIRECT;
        if (hb && !v->that_clause && v->tail_len <= 40 && (fc == 1 || endp))
            return K_DIRECT;
        if (fc == 1 && (endp || words >= 4) && (ha || words >= 6) && !(hb && v->that_clause))
            return K_DIRECT;
        if (fc == 1 && endp && words >= 3 && !(hb && v->that_clause) && speech_lead(c, q->open, q->para))
            return K_DIRECT; /* 'marched along the quay, chanting, "Open the gates now."' */
        return K_PARTIAL;
    case PC_PAREN:
        /* '("I want my dues back," wrote Jane Roe.)': an aside that is a whole quote */
        return fc == 1 && words >= 3 && (ha || (endp && words >= 4)) ? K_DIRECT : K_PARTIAL;
    default:
        if (hb && !v->that_clause && v->tail_len <= 20 && fc == 1 && words >= 3 && !embedded_np(c, q))
            return K_DIRECT;
        if (fc == 1 && endp && words >= 3 && speech_lead(c, q->open, q->para))
            return K_DIRECT; /* 'posted the news, writing "We sail on Friday."' */
        return K_PARTIAL;
    }
}

/* What the text around a quote says against the decision: stage directions
 * are no quotes, and a direct quote whose sentence goes on after the closing
 * mark is partial. */
static int kind_after_close(ctx *c, const sv *v, int kind)
{
    const char *t = c->t;
    const seg *q = v->q;
    size_t k2, k3, k4;
    int whole;
    /* "(CROSSTALK.)", "(Applause)": stage directions, not quotes */
    if (t[q->cs] == '(' && t[back1(t, q->ce)] == ')')
        return K_SKIP;
    if (q->ce - q->cs > 2 && t[q->cs] == '(' && t[back1(t, q->ce)] == '.' && t[back1(t, back1(t, q->ce))] == ')')
        return K_SKIP;
    /* '"...our jobs" to China, she said': the sentence goes on outside the marks */
    if (kind != K_DIRECT || (q->flags & SEG_UNCLOSED))
        return kind;
    k2 = skip_hs(t, q->close, c->len);
    if (k2 >= c->len || letter_case(t, k2, c->len) != -1)
        return kind;
    k3 = k2;
    while (lower_at(t, k3, c->len))
        k3 = next1(t, k3, c->len);
    /* ('Fenn said, "We will see," when asked': a whole quote after "said,"
     * that ends in a comma, and the sentence goes on) */
    /* (not '"A," and "B"' nor '"A," and, "B"': two quotes, one clause) */
    k4 = skip_hs(t, k3, c->len);
    whole = q->pc == PC_COMMA && v->have_before && !v->have_after && !v->that_clause && v->tail_len <= 40 &&
            v->fc == 1 && q->ce > q->cs && t[back1(t, q->ce)] == ',' && k4 < c->len &&
            letter_case(t, k4, c->len) == -1 && lq(t, k2, k3, STANCE_LQ(AFTER_WHOLE));
    if (lq(t, k2, k3, STANCE_LQ(GOES_ON)) && !whole)
        return K_PARTIAL;
    if (!v->endp && !v->have_after && k3 > k2 && (k3 >= c->len || !stance_is_word_byte((unsigned char)t[k3])) &&
        !stance_names_pronoun(t, k2, k3, &(int){0}))
        return K_PARTIAL; /* '"Orange is the New Black" star Jane Roe': a title */
    return kind;
}

/* A direct quote takes the attribution after it, else the one before it, else
 * ('X called it a "breach of trust," adding: "..."') the speaker of the quote
 * just before when a participle links them. */
static void attribute_direct(ctx *c, sv *v)
{
    seg *q = v->q;
    const seg *p = v->qi > 0 ? &c->s[v->qi - 1] : NULL;
    if (v->have_after && v->have_before && stance_q_after_opens_sentence(c, v)) {
        q->a = v->before;
        v->have_after = 0;
    } else if (v->have_after && stance_q_after_past_continued(c, v)) {
        v->have_after = 0; /* (the quote it continues gives the speaker) */
        if (v->have_before)
            q->a = v->before;
    } else if (v->have_after)
        q->a = v->after;
    else if (v->have_before)
        q->a = v->before;
    else if (p && p->kind != K_SKIP && p->a.how != STANCE_ATTR_NONE && p->close_para == q->para &&
             participle_link(c, p->close, q->open))
        stance_q_inherit(&q->a, &p->a, STANCE_RULE_PARTICIPLE_LINK);
    /* does the attribution run up to the next quote ("A," X said, "B") */
    if (v->have_after && v->qi + 1 < c->n) {
        const char *t = c->t;
        const size_t next = c->s[v->qi + 1].open;
        size_t e = v->after.a_end, lim, j;
        int ok = 1;
        while (e < c->len && (stance_hspace(t, e, c->len) || t[e] == ','))
            e += step1(t, e, c->len);
        /* allow a short tail: ', adding, "' / ' Friday, "' */
        lim = e + 60 < next ? e + 60 : next;
        for (j = e; j < lim; j++)
            if (t[j] == '.' || t[j] == '\n' || t[j] == '!' || t[j] == '?')
                ok = 0;
        if ((ok && next <= lim + 1) || next == e)
            q->after_reaches = 1;
    }
}

/* A partial quote: the attribution before it (unless the quote is the object
 * of a "that" clause), a verb of speech earlier in its clause, its sentence
 * going on to ', X said.', the attribution after it, or the speaker of the
 * previous partial quote of the same sentence ('a "liar" and a "cheat"'). */
static int attribute_partial(ctx *c, sv *v)
{
    seg *q = v->q;
    const seg *p = v->qi > 0 ? &c->s[v->qi - 1] : NULL;
    attr pa = q->a;
    int r = 0; /* read below after branches that do not set it */
    if (v->have_after && stance_q_after_names_partial(c, q, &v->after)) {
        pa = v->after; /* 'he "said what we all thought," said Dora Hessel' */
    } else if (v->have_before && !v->that_clause) {
        pa = v->before;
        /* ('Pratt said he would keep it, a position Castellano called "': the relative's subject) */
        if (v->before.rule == STANCE_RULE_BEFORE && v->before.cue.start != STANCE_NO_OFFSET &&
            (r = stance_q_relative_after_comma(c, q, v->before.cue.end, &pa)) != 0) {
            if (r < 0)
                return r;
            pa.rule = STANCE_RULE_PARTIAL_BEFORE;
        } else if (v->before.rule == STANCE_RULE_BEFORE && (r = stance_q_outer_said(c, v->cs, &pa)) < 0)
            return r; /* ('Jo Roe, who ..., said the council had offered "': Jo Roe) */
    } else if ((r = try_partial(c, q, v->cs, &pa)) < 0) {
        return r;
    } else if (r) {
        pa.rule = STANCE_RULE_PARTIAL_BEFORE;
        /* ('Roe told the board it needs a raise, a request Ann Lee called "': the relative's subject) */
        if (pa.cue.start != STANCE_NO_OFFSET && (r = stance_q_relative_after_comma(c, q, pa.cue.end, &pa)) < 0)
            return r;
    } else {
        if ((r = stance_q_try_partial_after(c, q, &pa)) < 0)
            return r;
        if (!r && !v->have_after && (r = stance_q_try_partial_inverted(c, q, &pa)) < 0)
            return r;
        if (r)
            pa.rule = STANCE_RULE_PARTIAL_AFTER;
        else if (v->have_after)
            pa = v->after;
    }
    q->a = pa;
    if (q->a.how == STANCE_ATTR_NONE && p && p->kind == K_PARTIAL && p->a.how != STANCE_ATTR_NONE &&
        p->close_para == q->para) {
        int same = 1;
        for (size_t j = p->close; j < q->open; j++)
            if (stance_q_sent_end_at(c, j, q->open, p->close))
                same = 0;
        if (same) /* (the span of p's attribution is p's: cleared as by every inheritance; no reader used it) */
            stance_q_inherit(&q->a, &p->a, STANCE_RULE_PARTIAL_SAME_SENT);
    }
    if (q->a.how == STANCE_ATTR_NONE && p && stance_q_same_sent_after_direct(c, q, p))
        stance_q_inherit(&q->a, &p->a, STANCE_RULE_PARTIAL_SAME_SENT);
    if (q->a.how == STANCE_ATTR_NONE) {
        attr pq = q->a;
        if (participle_after_quote(c, q, v->cs, &pq)) {
            q->a = pq;
            q->a.rule = STANCE_RULE_PARTIAL_BEFORE;
        }
    }
    if (q->a.how == STANCE_ATTR_NONE && (stance_q_speech_noun(c, q, v->cs, &pa) || stance_q_in_words(c, q, &pa) ||
                                         (r = stance_q_according_in_sent(c, q, &pa)) != 0)) {
        if (r < 0)
            return r;
        q->a = pa;
        q->a.rule = STANCE_RULE_PARTIAL_BEFORE;
    }
    if (q->a.how == STANCE_ATTR_NONE && p && stance_q_cont_after_direct(c, v, p))
        stance_q_inherit(&q->a, &p->a, STANCE_RULE_INHERIT_PREV);
    if (q->a.how == STANCE_ATTR_NONE) {
        q->kind = K_SKIP; /* scare quotes, titles, names */
        q->flags |= SEG_PARTIAL_NONE;
    } else if (q->a.rule == STANCE_RULE_PARTIAL_AFTER || q->a.rule == STANCE_RULE_AFTER)
        stance_q_same_sent_before(c, v->qi);
    return STANCE_OK;
}

/* A quote (its q->pc set) ready for the sieves. */
void stance_q_sv_init(ctx *c, sv *v, size_t qi)
{
    seg *q = &c->s[qi];
    memset(v, 0, sizeof *v);
    v->qi = qi;
    v->q = q;
    v->after = v->before = q->a;
    v->b2 = -1;
    quote_shape(c, v);
    v->cs = stance_q_before_aside(c, stance_q_clause_start(c, q->open, q->para), q->open, q->para);
    if (qi > 0 && c->s[qi - 1].close > v->cs && c->s[qi - 1].close <= q->open)
        v->cs = c->s[qi - 1].close;
    v->bcs = v->cs;
    /* the attribution before a quote is short: look at its last BEFORE_WINDOW bytes, from a word start */
    if (q->open - v->bcs > BEFORE_WINDOW) {
        v->bcs = q->open - BEFORE_WINDOW;
        while (v->bcs < q->open && !stance_hspace(c->t, v->bcs, c->len) && c->t[v->bcs] != ',')
            v->bcs++;
    }
}

int stance_q_classify_seg(ctx *c, size_t qi)
{
    seg *q = &c->s[qi];
    sv v;
    int r;
    if (sieve_label(c, q))
        return STANCE_OK;
    q->pc = stance_q_prev_ctx(c, q);
    stance_q_sv_init(c, &v, qi);
    if ((r = run_sieves(c, &v)) < 0)
        return r;
    q->kind = direct_or_partial(c, &v);
    /* 'HEADLINE IN CAPITALS "..." [NYT.]': a digest quoting the outlet in brackets */
    if (q->kind != K_DIRECT && !v.have_after && !v.have_before && v.fc == 1 && v.words >= 4 &&
        stance_q_bracket_source(c, q, &v.after)) {
        q->kind = K_DIRECT;
        v.have_after = 1;
        v.after.rule = STANCE_RULE_BRACKET;
    }
    q->kind = kind_after_close(c, &v, q->kind);
    if (q->kind == K_PARTIAL && stance_q_title_after_possessive(c, &v))
        q->flags |= SEG_TITLE;
    if (q->kind == K_DIRECT) {
        attribute_direct(c, &v);
        return STANCE_OK;
    }
    return attribute_partial(c, &v);
}
