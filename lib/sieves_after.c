/*
 * sieves_after.c - the attribution after a quote (split from sieves.c).
 * stance_q_try_after() reads the words after the closing mark ('"...," X
 * said', '"...," said X, R-Ky.', '..." - Jane Doe', '..." according to X'),
 * within the paragraph and up to the next quote mark; a partial quote's
 * attribution after it (stance_q_try_partial_after(),
 * stance_q_try_partial_inverted()); an attribution that ends a sentence or a
 * paragraph (stance_q_attribution_ending()); and the signatures after a
 * quote: a paragraph of a dash and a name (stance_q_dash_para()), a source
 * in brackets (stance_q_bracket_source()). The sieves that call them are in
 * sieves.c; the attribution before a quote is in sieves_before.c.
 */
#include "config.h"

#include "quotes_int.h"
/* End of the window after the closing mark of @p q where its attribution may
 * lie: at most @p win bytes, within the paragraph, up to the next quote mark. */
static size_t after_end(ctx *c, const seg *q, size_t win)
{
    size_t pe = para_end_near(c, q->close, win), end = q->close + win < pe ? q->close + win : pe;
    for (size_t i = q->close; i < end; i++) {
        size_t ml;
        if (mark_at(c->t, i, c->len, &ml) != MK_NONE) {
            size_t ne = stance_q_nickname_end(c, i, ml, 0);
            if (!ne)
                return i;
            i = ne - 1; /* 'Marcia "Cia" Price said' */
        }
    }
    return end;
}

/* 'according to a court document filed by state attorney Jane Roe': the name after the
 * last "by" of the phrase @p g (no speaker as a whole); the words before "by", its role. */
static int filed_by(ctx *c, stance_span g, attr *b)
{
    size_t k = g.end, ws, we;
    while (k > g.start && stance_q_word_before(c, k, g.start, &ws, &we) && !word_eq(c->t, ws, we, "by"))
        k = ws;
    b->role = NOSPAN;
    if (k <= g.start || !word_eq(c->t, ws, we, "by") || !stance_q_parse_np(c, we, g.end, NP_VERB_FIRST, b) ||
        b->how != STANCE_ATTR_NAME)
        return 0;
    if (b->role.start == STANCE_NO_OFFSET)
        b->role = (stance_span){g.start, trim_r(c->t, g.start, ws, c->len)};
    return 1;
}

/* '"...," said Rand Pool, R-Ky. The vote ...': the noun phrase after the verb
 * stops before a full stop and a space, which here is also the dot of an
 * abbreviation ending the role (a state's "R-Ky", "Calif", a title, an
 * initial: the lexicon's ADDR_ABBR and ABBR_DOT, stance_q_abbrev_dot()): the
 * role keeps it, as it does in "Rand Pool, R-Ky., said". */
static void role_abbrev_dot(ctx *c, attr *b)
{
    size_t e = b->role.end, k = e;
    if (b->role.start == STANCE_NO_OFFSET || e >= c->len || c->t[e] != '.')
        return;
    while (k > b->role.start && c->t[k - 1] != '-' && !stance_hspace(c->t, k - 1, c->len))
        k--;
    if ((k < e && (stance_lex_classes(c->t + k, e - k) & STANCE_LX(ADDR_ABBR))) || stance_q_abbrev_dot(c, e, b->role.start))
        b->role.end = e + 1;
}

/* '"...," experts Tom Reyes and Ann Bell of the Dorvin Institute wrote': a
 * noun phrase [@p s, @p e) before the verb that the parser reads as no
 * speaker, opened by two full names joined by "and": the first speaks (the
 * e2e labels name the first of a byline's pair). *@p b becomes it; 1 if it
 * did. (With no "of" after the pair the parser names the second, which the
 * PolNeAR scorer's key of a "A and B" gold span, its last word, counts right.) */
static int first_of_pair(ctx *c, size_t s, size_t e, attr *b)
{
    long k = name_before(c, s) + 1;
    const stance_name *n1, *n2;
    size_t ws, we;
    attr b2 = *b;
    if (k < 0 || (size_t)k + 1 >= c->names->n)
        return 0;
    n1 = &c->names->v[k];
    n2 = n1 + 1;
    if (n2->end > e || n1->ntok < 2 || n2->ntok < 2 ||
        !stance_q_word_before(c, n2->start, s, &ws, &we) || !word_eq(c->t, ws, we, "and") || n1->end + 1 != ws)
        return 0;
    b2.role = NOSPAN;
    if (!stance_q_parse_np(c, s, n1->end, NP_AT_VERB, &b2) || b2.how != STANCE_ATTR_NAME || b2.spk.start != n1->start)
        return 0;
    *b = b2;
    return 1;
}

/* '"...," while Jane Roe and Tom Lee suggested' / '" and voters get nervous,
 * said Jane Roe': the words after the closing mark open a clause of their own
 * ("while", "whereas", "because", "if", "and", ...: lexicon class CLAUSE_OPEN
 * but "that" and "what"), whose subject is no speaker of the quote. */
static int clause_opens(ctx *c, stance_span np)
{
    size_t i = np.start, ws, we;
    if (np.start == STANCE_NO_OFFSET || !stance_chunk_next(c->t, &i, np.end, c->len, &ws, &we))
        return 0;
    if (word_eq(c->t, ws, we, "that") || word_eq(c->t, ws, we, "what"))
        return 0;
    return lq(c->t, ws, we, STANCE_LQ(CLAUSE_OPEN)) || word_eq(c->t, ws, we, "whereas") || word_eq(c->t, ws, we, "and");
}

/* '"...," asked one man, who gave his name as Carl Baxter, a machinist': a
 * described speaker *@p b whose relative clause right after (a comma or
 * none) gives the
 * person's name ("who gave his (full) name as", "who identified herself as")
 * speaks as that name, the clause's end in *@p end. 1 if it did, or 0. */
static int named_in_who(ctx *c, attr *b, size_t lim, size_t *end)
{
    static const char *const FILL[] = {"his", "her", "their", "only", "full", "first", "himself", "herself", "name"};
    size_t i = b->spk.end, ws, we;
    int named = 0, fills = 0;
    long k;
    if (b->how != STANCE_ATTR_NOUN || b->spk.end == STANCE_NO_OFFSET || i >= lim)
        return 0;
    i += c->t[i] == ',';
    if (!stance_chunk_next(c->t, &i, lim, c->len, &ws, &we) || !word_eq(c->t, ws, we, "who") ||
        !stance_chunk_next(c->t, &i, lim, c->len, &ws, &we) ||
        !(word_eq(c->t, ws, we, "gave") || word_eq(c->t, ws, we, "gives") || word_eq(c->t, ws, we, "identified")))
        return 0;
    while (stance_chunk_next(c->t, &i, lim, c->len, &ws, &we) && !word_eq(c->t, ws, we, "as")) {
        size_t j = 0;
        while (j < sizeof FILL / sizeof FILL[0] && !word_eq(c->t, ws, we, FILL[j]))
            j++;
        if (j == sizeof FILL / sizeof FILL[0] || ++fills > 4)
            return 0;
        named |= j >= 6; /* "name", "himself", "herself" */
    }
    if (!named || we <= ws || !word_eq(c->t, ws, we, "as") || (k = name_before(c, we + 2)) < 0)
        return 0;
    ws = skip_hs(c->t, we, c->len);
    if (c->names->v[k].start != ws || c->names->v[k].end > lim || c->names->v[k].ntok < 2)
        return 0;
    b->how = STANCE_ATTR_NAME;
    b->spk = (stance_span){c->names->v[k].start, c->names->v[k].end};
    b->role = NOSPAN;
    *end = b->spk.end;
    return 1;
}

int stance_q_try_after(ctx *c, seg *q, attr *a)
{
    size_t end = after_end(c, q, AFTER_WINDOW);
    int r;
    if (q->close >= end)
        return 0;
    if ((r = stance_q_run(c, P_AFTER, q->close, end)) <= 0) {
        if (r < 0)
            return r;
        if ((r = stance_q_run(c, P_DASH, q->close, end)) <= 0)
            return r;
        {
            /* '..." - Jane Doe' (a name only) / '..." according to Judicial Watch.' */
            stance_span acc = group(c, 1), g = group(c, 2);
            attr b = *a;
            b.role = NOSPAN;
            if ((!stance_q_parse_np(c, g.start, g.end, NP_VERB_FIRST | (acc.start != STANCE_NO_OFFSET ? NP_AT_VERB : 0u), &b) ||
                 (b.how != STANCE_ATTR_NAME && (acc.start == STANCE_NO_OFFSET || b.how != STANCE_ATTR_NOUN))) &&
                (acc.start == STANCE_NO_OFFSET || !filed_by(c, g, &b)))
                return 0;
            if (acc.start != STANCE_NO_OFFSET)
                b.cue = (stance_span){acc.start, trim_r(c->t, acc.start, acc.end, c->len)};
            return stance_q_found(a, &b, q->close, match_end(c));
        }
    }
    {
        stance_span v1 = group(c, 1), n1 = group(c, 2), n2 = group(c, 3), v2 = group(c, 4);
        size_t mend = match_end(c);
        attr b = *a;
        b.role = NOSPAN;
        if (v1.start != STANCE_NO_OFFSET) {
            /* '"...?" asked Jane Doe' is the speaker; '", told POLITICO' the addressee */
            if (lq(c->t, v1.start, v1.end, STANCE_LQ(TO_WHOM)))
                return 0; /* ', told POLITICO': the addressee, not the speaker */
            if (ing_word(c->t, v1.start, v1.end) && q->open > q->para) {
                /* 'Park defended "Dalton values," saying the city ...': what
                 * follows a participle is its clause; the speaker is the subject
                 * of the sentence before the quote */
                size_t ss = stance_q_sent_start(c, q->open, q->para), i = ss, ws, we;
                if (stance_chunk_next(c->t, &i, q->open, c->len, &ws, &we) && ing_word(c->t, ws, we))
                    while (ss < q->open && c->t[ss] != ',')
                        ss++; /* 'Speaking to the crowd, Cruz said': past the opening phrase */
                if (ss >= q->open || !stance_q_subject_of(c, ss, q->open, SUBJ_PRONOUN, &b))
                    return 0;
                b.cue = v1;
                return stance_q_found(a, &b, q->close, v1.end);
            }
            if (!stance_q_parse_np(c, n1.start, n1.end, NP_VERB_FIRST, &b)) {
                return 0;
            }
            b.cue = v1;
            role_abbrev_dot(c, &b);
            /* the subject ends at the first comma of the chunk */
            mend = b.role.end != STANCE_NO_OFFSET ? b.role.end : b.spk.end;
            named_in_who(c, &b, n1.end, &mend);
        } else {
            int ok;
            if (stance_q_own_sentence(c, q, v2) || clause_opens(c, n2))
                return 0;
            ok = stance_q_parse_np(c, n2.start, n2.end, NP_AT_VERB, &b);
            if (!ok && !first_of_pair(c, n2.start, n2.end, &b))
                return 0;
            {
                size_t ne;
                named_in_who(c, &b, n2.end, &ne); /* '", one man, who gave his name as Carl Baxter, said' */
            }
            b.cue = v2;
            stance_q_quoting_source(c, mend, end, &b, &mend); /* ', the Post reported, quoting X' */
        }
        return stance_q_found(a, &b, q->close, mend);
    }
}

int stance_q_try_partial_after(ctx *c, seg *q, attr *a)
{
    return stance_q_np_verb(c, P_PARTIAL_AFTER, q->close, after_end(c, q, WINDOW), NULL, a);
}

/* '"A tough year" for the farms, said Jane Roe.': the sentence of a partial
 * quote goes on to a comma and an attribution with its verb first, read as
 * the attribution after a quote that closed at that comma. */
int stance_q_try_partial_inverted(ctx *c, seg *q, attr *a)
{
    size_t end = after_end(c, q, WINDOW), k = q->close;
    seg at = *q;
    attr b = *a;
    int r;
    while (k < end && c->t[k] != ',') {
        if (c->t[k] == '.' || c->t[k] == '!' || c->t[k] == '?' || c->t[k] == ';' || c->t[k] == '\n')
            return 0;
        k++;
    }
    if (k >= end)
        return 0;
    at.close = k;
    if ((r = stance_q_try_after(c, &at, &b)) <= 0)
        return r;
    if (b.cue.start == STANCE_NO_OFFSET || b.cue.start > b.spk.start)
        return 0; /* (', Jane Roe said' is PARTIAL_AFTER's) */
    k = skip_hs(c->t, b.a_end, c->len);
    if (k < c->len && letter_case(c->t, k, c->len) == -1)
        return 0; /* '..., said the days when ...': no attribution, a clause goes on */
    *a = b;
    return 1;
}

/* An attribution after a comma or mark at @p close (as if @p q closed there)
 * that runs to within 30 bytes of @p end and has a reporting verb: '..., Jane
 * Roe said.' ending a sentence or paragraph. 1 and @p a set, 0, or <0 error. */
int stance_q_attribution_ending(ctx *c, const seg *q, size_t close, size_t end, attr *a)
{
    seg tmp = *q;
    attr b = *a;
    int r;
    tmp.close = close;
    if ((r = stance_q_try_after(c, &tmp, &b)) <= 0)
        return r;
    if (b.a_end + 30 < end || b.cue.start == STANCE_NO_OFFSET)
        return 0;
    *a = b;
    return 1;
}

/* The paragraph after the one @p q closes is a dash and a name only, as pull
 * quotes are signed: '"..."\n\n- Jane Doe.' / '-President Jane Roe, tweeting.' */
int stance_q_dash_para(ctx *c, seg *q, attr *a)
{
    const char *t = c->t;
    size_t k = q->close, s, e, pe;
    attr b = *a;
    k = skip_hs(t, k, c->len);
    if (k >= c->len || t[k] != '\n')
        return 0; /* the quote does not end its paragraph */
    while (k < c->len && (t[k] == '\n' || stance_hspace(t, k, c->len)))
        k += step1(t, k, c->len);
    if (k + 2 >= c->len)
        return 0;
    if (t[k] == '-')
        s = k + (t[k + 1] == '-' ? 2 : 1);
    else if (is_dash_at(t, k, c->len))
        s = k + 3;
    else
        return 0;
    s = skip_hs(t, s, c->len);
    if (s >= c->len || letter_case(t, s, c->len) != 1)
        return 0;
    for (pe = s; pe < c->len && t[pe] != '\n' && pe - s <= 100; pe++)
        ;
    if (pe - s > 100)
        return 0; /* a paragraph of text, not a signature */
    for (e = s; e < pe && t[e] != ',' && t[e] != ';' && !(t[e] == '.' && (e + 1 == pe || stance_hspace(t, e + 1, c->len)) &&
                                                           !stance_q_abbrev_dot(c, e, s));
         e++)
        ;
    b.role = NOSPAN;
    if (!stance_q_parse_np(c, s, e, NP_VERB_FIRST, &b) || b.how != STANCE_ATTR_NAME)
        return 0;
    b.cue = NOSPAN;
    return stance_q_found(a, &b, k, e);
}

/* A source in brackets right after the quote ('..." [HuffPost.]'): one to three
 * capitalised words, an optional dot. */
int stance_q_bracket_source(ctx *c, const seg *q, attr *a)
{
    const char *t = c->t;
    size_t k = q->close, s, e;
    attr b = *a;
    k = skip_hs(t, k, c->len);
    if (k + 3 >= c->len || t[k] != '[' || !upper_at(t, k + 1, c->len))
        return 0;
    s = k + 1;
    for (e = s; e < c->len && e - s < 40 && t[e] != ']' && t[e] != '\n' && t[e] != '['; e++)
        ;
    if (e >= c->len || t[e] != ']')
        return 0;
    {
        size_t te = e;
        while (te > s && (t[te - 1] == '.' || stance_hspace(t, back1(t, te), c->len)))
            te = back1(t, te);
        b.role = NOSPAN;
        if (!stance_q_parse_np(c, s, te, NP_AT_VERB, &b) || b.how != STANCE_ATTR_NAME)
            return 0;
    }
    b.cue = NOSPAN;
    return stance_q_found(a, &b, k, e + 1);
}
