/*
 * sieves.c - attribution sieves. Every quote goes through a table of sieves
 * {id, name, fn} in order; each looks at one kind of attribution and either
 * attributes the quote (recording its id as stance_rawquote.rule) or passes.
 * The direct/partial decision is its own function, and partial quotes go
 * through their own, shorter table. Indirect speech has three sieves of its
 * own over the sentences outside quotes.
 */
#include "config.h"

#include "quotes_int.h"

static size_t after_end(ctx *c, const seg *q, size_t win);
static int try_after(ctx *c, seg *q, attr *a);
static int dateline_at(ctx *c, const stance_name *nm);
static int possessive_at(ctx *c, size_t pos);
static void lower_word_before(ctx *c, size_t pos, size_t floor, size_t *s, size_t *e);
static int after_article(ctx *c, size_t pos, size_t floor);
static int lower_follows(ctx *c, size_t pos);
static int sentence_subject(ctx *c, seg *q, stance_span v, attr *b);
static int with_name(ctx *c, size_t pos, size_t floor);
static size_t before_ly(ctx *c, size_t pos, size_t floor);
static int name_ends_at(ctx *c, size_t pos, size_t floor, unsigned min_tok, attr *b);
static int starts_determiner(ctx *c, size_t s, size_t e);
static int try_before(ctx *c, seg *q, size_t cs, size_t end, attr *a, int *that_clause, size_t *tail_len);
static int np_verb(ctx *c, int which, size_t start, size_t end, attr *a);
static int try_partial(ctx *c, seg *q, size_t cs, attr *a);
static int try_partial_after(ctx *c, seg *q, attr *a);
static int after_prep(ctx *c, size_t pos, size_t floor);
static int embedded_np(ctx *c, const seg *q);
static int only_lower_words(ctx *c, size_t s, size_t e);
static int colon_subject(ctx *c, size_t cs, size_t ce, attr *a);
static int attribution_ending(ctx *c, const seg *q, size_t close, size_t end, attr *a);
static int inverted_said(ctx *c, stance_span *nm, size_t floor, attr *a);
static int dash_para(ctx *c, seg *q, attr *a);
static int bracket_source(ctx *c, const seg *q, attr *a);
static int speech_lead(ctx *c, size_t open, size_t floor);
static int speech_sentence(ctx *c, int which, size_t s, size_t e, int pronoun, attr *a);
static int participle_link(ctx *c, size_t s, size_t e);

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

static int try_after(ctx *c, seg *q, attr *a)
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
            if (!stance_q_parse_np(c, g.start, g.end, NP_VERB_FIRST | (acc.start != STANCE_NO_OFFSET ? NP_AT_VERB : 0u), &b) ||
                (b.how != STANCE_ATTR_NAME && (acc.start == STANCE_NO_OFFSET || b.how != STANCE_ATTR_NOUN)))
                return 0;
            if (acc.start != STANCE_NO_OFFSET)
                b.cue = (stance_span){acc.start, trim_r(c->t, acc.start, acc.end, c->len)};
            b.a_start = q->close;
            b.a_end = match_end(c);
            *a = b;
            return 1;
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
            if (!stance_q_parse_np(c, n1.start, n1.end, NP_VERB_FIRST, &b)) {
                return 0;
            }
            b.cue = v1;
            /* the subject ends at the first comma of the chunk */
            mend = b.role.end != STANCE_NO_OFFSET ? b.role.end : b.spk.end;
        } else {
            if (!stance_q_parse_np(c, n2.start, n2.end, NP_AT_VERB, &b))
                return 0;
            b.cue = v2;
        }
        b.a_start = q->close;
        b.a_end = mend;
        *a = b;
        return 1;
    }
}

/* Is the name a dateline: capitals only, then a dash or "(AP)" ("WASHINGTON -"), or a
 * comma at the start of its paragraph ("WASHINGTON, Dec. 8 (UPI) -")? */
static int dateline_at(ctx *c, const stance_name *nm)
{
    size_t k = nm->start, e = nm->end;
    if (k > 0 && c->t[k - 1] == '(' && e < c->len && c->t[e] == ')')
        return 1; /* "(UPI)", "(AP)" */
    for (; k < e; k++)
        if (ascii_lower((unsigned char)c->t[k]))
            return 0;
    if (e - nm->start < 3)
        return 0;
    e = skip_hs(c->t, e, c->len);
    if (e < c->len && (c->t[e] == '-' || c->t[e] == '(' || is_dash_at(c->t, e, c->len)))
        return 1;
    /* "WASHINGTON, Dec. 8 (UPI) -" opening its paragraph */
    return e < c->len && c->t[e] == ',' && (nm->start == 0 || c->t[nm->start - 1] == '\n');
}

/* Does a possessive "'s" / "’s" start at @p pos? */
static int possessive_at(ctx *c, size_t pos)
{
    const char *t = c->t + pos;
    size_t n = c->len - pos;
    return (n >= 2 && t[0] == '\'' && t[1] == 's' && (n == 2 || !is_word_byte((unsigned char)t[2]))) ||
           (n >= 4 && memcmp(t, "\xE2\x80\x99s", 4) == 0 && (n == 4 || !is_word_byte((unsigned char)t[4])));
}

/* The lowercase word [*s, *e) that ends at @p pos, past spaces, within @p floor
 * (empty when none). */
static void lower_word_before(ctx *c, size_t pos, size_t floor, size_t *s, size_t *e)
{
    *e = pos;
    while (*e > floor && stance_hspace(c->t, back1(c->t, *e), c->len))
        *e = back1(c->t, *e);
    *s = *e;
    while (*s > floor && ascii_lower((unsigned char)c->t[*s - 1]))
        (*s)--;
}

/* Is the word before @p pos a lowercase article ("the", "a", "an")? */
static int after_article(ctx *c, size_t pos, size_t floor)
{
    size_t s, e;
    lower_word_before(c, pos, floor, &s, &e);
    return lq(c->t, s, e, STANCE_LQ(ARTICLE));
}

/* Is the word after @p pos (past spaces) lowercase? */
static int lower_follows(ctx *c, size_t pos)
{
    pos = skip_hs(c->t, pos, c->len);
    return pos < c->len && letter_case(c->t, pos, c->len) == -1;
}

/* 'Clinton riffed on the incident, telling the crowd, "...': a participle
 * takes the subject of its sentence, its first name (or pronoun). */
static int sentence_subject(ctx *c, seg *q, stance_span v, attr *b)
{
    size_t vl = v.end - v.start, ss, ws, we, i, fw = STANCE_NO_OFFSET;
    long k, first = -1, last;
    int g;
    if (vl < 4 || memcmp(c->t + v.end - 3, "ing", 3) != 0)
        return 0;
    ss = stance_q_sent_start(c, v.start, v.start - q->para > WINDOW ? v.start - WINDOW : q->para);
    i = ss;
    if (stance_chunk_next(c->t, &i, v.start, c->len, &ws, &we)) {
        fw = ws; /* the sentence's first word */
        if (stance_names_pronoun(c->t, ws, we, &g) == 1) {
            b->how = STANCE_ATTR_PRONOUN;
            b->spk = (stance_span){ws, we};
            b->gender = g;
            return 1;
        }
    }
    last = name_before(c, v.start);
    for (k = last; k >= 0 && c->names->v[k].start >= ss; k--)
        first = k;
    if (first < 0)
        return 0;
    /* the first name that is not inside a lead-in ("At Sunday's debate, Sanders
     * compared ...", "Hours after the vote, Trump ...") */
    for (k = first; k <= last; k++) {
        const stance_name *nm = &c->names->v[k];
        size_t a1 = nm->start, a2, n1, n2;
        i = a1;
        if (stance_chunk_next(c->t, &i, nm->end, c->len, &a1, &a2) && lq(c->t, a1, a2, STANCE_LQ(PREP_LEAD)))
            continue;
        i = nm->end;
        if (stance_chunk_next(c->t, &i, v.start, c->len, &n1, &n2) && lq(c->t, n1, n2, STANCE_LQ(NOT_SUBJ)))
            continue;
        if (stance_q_in_quote(c, nm->start, c->n))
            continue;
        if (nm->ntok == 1 && stance_names_is_title(c->t + nm->bare, nm->last_end - nm->bare))
            continue; /* "Republican presidential candidate Donald Trump" */
        if (possessive_at(c, nm->last_end))
            continue; /* "Hillary Clinton's right-hand woman rallied supporters, saying" */
        if (dateline_at(c, nm))
            continue; /* "WASHINGTON - Jane Roe's aide rallied supporters, saying" */
        if (nm->start > ss && (after_prep(c, nm->start, ss) || after_article(c, nm->start, ss)))
            continue; /* "the fatal shooting of Keith Scott", "along the Mexican border" */
        if (nm->ntok == 1 && nm->start == fw && lower_follows(c, nm->end) &&
            stance_q_surname_runs(c, k) == 1)
            continue; /* "Band member Flea", "Small groups of protesters": a capital word
                       * the article never uses again opens the sentence */
        b->how = STANCE_ATTR_NAME;
        b->spk = (stance_span){nm->start, nm->end};
        return 1;
    }
    return 0;
}

/* Does the name ending at @p pos follow "with" ("with Trump yelling")? */
static int with_name(ctx *c, size_t pos, size_t floor)
{
    long k = name_before(c, pos);
    size_t ws, we;
    return k >= 0 && c->names->v[k].end == pos && c->names->v[k].start > floor &&
           stance_q_word_before(c, c->names->v[k].start, floor, &ws, &we) && we - ws == 4 && memcmp(c->t + ws, "with", 4) == 0;
}

/* Before the -ly adverb that ends at @p pos ("reportedly"), past spaces; @p pos
 * itself when there is none. */
static size_t before_ly(ctx *c, size_t pos, size_t floor)
{
    size_t s, e;
    lower_word_before(c, pos, floor, &s, &e);
    if (e != pos || pos - s < 4 || memcmp(c->t + pos - 2, "ly", 2) != 0 || s == floor ||
        !stance_hspace(c->t, back1(c->t, s), c->len))
        return pos;
    while (s > floor && stance_hspace(c->t, back1(c->t, s), c->len))
        s = back1(c->t, s);
    return s;
}

/* A name of @p min_tok words or more ending at @p pos (after @p floor): the speaker. */
static int name_ends_at(ctx *c, size_t pos, size_t floor, unsigned min_tok, attr *b)
{
    long k = name_before(c, pos);
    const stance_name *nm;
    if (k < 0)
        return 0;
    nm = &c->names->v[k];
    if (nm->start < floor || nm->end != pos || nm->ntok < min_tok)
        return 0;
    b->how = STANCE_ATTR_NAME;
    b->spk = (stance_span){nm->start, nm->end};
    return 1;
}

/* Does [s, e) open with a determiner ("the", "a", "another", ...)? */
static int starts_determiner(ctx *c, size_t s, size_t e)
{
    size_t i = s, ws, we;
    return stance_chunk_next(c->t, &i, e, c->len, &ws, &we) && lq(c->t, ws, we, STANCE_LQ(DETERMINERS));
}

static int try_before(ctx *c, seg *q, size_t cs, size_t end, attr *a, int *that_clause, size_t *tail_len)
{
    int r, tries = 0;
    if (cs >= end)
        return 0;
again:
    if ((r = stance_q_run(c, P_BEFORE, cs, end)) <= 0)
        return r;
    {
        stance_span np = group(c, 1), v = group(c, 2), tail = group(c, 3), punct = group(c, 4);
        attr b = *a;
        b.role = NOSPAN;
        size_t pv = v.start;
        while (pv > np.start && stance_hspace(c->t, back1(c->t, pv), c->len))
            pv = back1(c->t, pv);
        /* 'Sanders compared himself to Clinton, saying, "': the words before
         * ', saying' are a clause, whose subject speaks */
        size_t pw, pe, pa;
        const int part = ing_word(c->t, v.start, v.end);
        lower_word_before(c, pv, np.start, &pw, &pe);
        if (part && pv > np.start && (c->t[pv - 1] == ',' || (pw < pv && lq(c->t, pw, pv, STANCE_LQ(PART_LEAD)))) &&
            sentence_subject(c, q, v, &b))
            ;
        else if (part && pv > np.start && c->t[pv - 1] != ',' &&
                 (name_ends_at(c, pv, np.start, 2, &b) ||
                  (((pa = before_ly(c, pv, np.start)) != pv || with_name(c, pa, np.start)) &&
                   name_ends_at(c, pa, np.start, 1, &b))))
            ; /* 'footage of Jane Doe asking, "', 'with Trump (reportedly) yelling: "': the name
               * right before the participle or its adverb; one word will do after an adverb or "with" */
        else if (!(stance_q_parse_np(c, np.start, np.end, 0, &b) &&
                   !(part && pv > np.start && c->t[pv - 1] == ',' && b.how == STANCE_ATTR_NOUN &&
                     !starts_determiner(c, np.start, np.end))) &&
                 !sentence_subject(c, q, v, &b)) {
            /* ('Harbour pilots marched along the quay, chanting, "': a clause, no noun phrase) */
            /* 'When asked about it, he said: "': the first verb was not the one */
            if (++tries < 2 && v.end < end) {
                cs = v.end;
                goto again;
            }
            return 0;
        }
        /* 'a woman asked for a photo and Jane Roe said, "': a second subject and
         * reporting verb after "and"/"but" in the tail speak the quote */
        for (size_t k = tail.start, ws, we; stance_chunk_next(c->t, &k, tail.end, c->len, &ws, &we);) {
            attr b2 = *a;
            int tc2 = 0, r2, g2;
            size_t tl2 = 0, n1, n2, kn = we;
            if (!lq(c->t, ws, we, STANCE_LQ(AND_BUT)) ||
                !stance_chunk_next(c->t, &kn, tail.end, c->len, &n1, &n2) ||
                !(letter_case(c->t, n1, c->len) == 1 || stance_names_pronoun(c->t, n1, n2, &g2) == 1))
                continue;
            if ((r2 = try_before(c, q, we, end, &b2, &tc2, &tl2)) < 0)
                return r2;
            if (r2 && (b2.how == STANCE_ATTR_NAME || b2.how == STANCE_ATTR_PRONOUN)) {
                *a = b2;
                *that_clause = tc2;
                *tail_len = tl2;
                return 1;
            }
            break;
        }
        b.cue = v;
        b.a_start = np.start;
        b.a_end = tail.end;
        *tail_len = tail.end - tail.start;
        *that_clause = 0;
        {
            size_t k = tail.end;
            while (k > tail.start && stance_hspace(c->t, k - 1, c->len))
                k--;
            if (k - tail.start >= 4 && memcmp(c->t + k - 4, "that", 4) == 0 &&
                (k - tail.start == 4 || !is_word_byte((unsigned char)c->t[k - 5])))
                *that_clause = 1;
        }
        if (tail.end == tail.start && punct.end == punct.start &&
            !(v.end - v.start == 4 && memcmp(c->t + v.start, "that", 4) == 0))
            *that_clause = 0;
        (void)q;
        *a = b;
        return 1;
    }
}

/* Pattern @p which on [start, end): its noun phrase (group 1) as the speaker,
 * its verb (group 2) as the cue. */
static int np_verb(ctx *c, int which, size_t start, size_t end, attr *a)
{
    int r;
    if (start >= end)
        return 0;
    if ((r = stance_q_run(c, which, start, end)) > 0) {
        stance_span np = group(c, 1), v = group(c, 2);
        attr b = *a;
        b.role = NOSPAN;
        if (stance_q_parse_np(c, np.start, np.end, 0, &b)) {
            b.cue = v;
            b.a_start = np.start;
            b.a_end = v.end;
            *a = b;
            return 1;
        }
    }
    return r < 0 ? r : 0;
}

static int try_partial(ctx *c, seg *q, size_t cs, attr *a)
{
    return np_verb(c, P_PARTIAL, cs, q->open, a);
}

static int try_partial_after(ctx *c, seg *q, attr *a)
{
    return np_verb(c, P_PARTIAL_AFTER, q->close, after_end(c, q, WINDOW), a);
}

/* Is the word before @p pos a preposition ("a message to Trump:")? */
static int after_prep(ctx *c, size_t pos, size_t floor)
{
    size_t s, e;
    lower_word_before(c, pos, floor, &s, &e);
    return lq(c->t, s, e, STANCE_LQ(PREPS));
}

/* Does the word before the opening mark make the quote part of a noun phrase
 * ('a goal of "Peace Through Strength"', 'on CNN's "State of the Union"')? */
static int embedded_np(ctx *c, const seg *q)
{
    const char *t = c->t;
    size_t e = q->open, s;
    while (e > q->para && stance_hspace(t, back1(t, e), c->len))
        e = back1(t, e);
    s = e;
    while (s > q->para && !stance_hspace(t, back1(t, s), c->len))
        s = back1(t, s);
    if (e - s >= 2 && (t[e - 1] == 's' || t[e - 1] == 'S') &&
        (t[e - 2] == '\'' || (e - s >= 4 && memcmp(t + e - 4, "\xE2\x80\x99", 3) == 0)))
        return 1; /* possessive: CNN's "..." */
    return lq(t, s, e, STANCE_LQ(NP_LEAD));
}

/* Is [s, e) one to four lowercase words and spaces? */
static int only_lower_words(ctx *c, size_t s, size_t e)
{
    int words = 0, in = 0;
    if (e <= s || e - s > 60)
        return 0;
    for (size_t i = s; i < e; i++) {
        if (stance_hspace(c->t, i, c->len))
            in = 0;
        else if (ascii_lower((unsigned char)c->t[i]) || (in && c->t[i] == '-')) {
            words += !in;
            in = 1;
        } else
            return 0;
    }
    return words >= 1 && words <= 4;
}

/* 'Jane Doe then addressed the crowd: "...': a clause that ends with a colon
 * and has no reporting verb introduces a quote of its subject, the name (or
 * he/she) that opens the clause [cs, ce) and is followed by a verb. */
static int colon_subject(ctx *c, size_t cs, size_t ce, attr *a)
{
    size_t i = cs, ws, we;
    long k;
    int g;
    if (cs >= ce || !stance_chunk_next(c->t, &i, ce, c->len, &ws, &we))
        return 0;
    {
        size_t w2 = we > ws && c->t[we - 1] == ',' ? we - 1 : we, j = 0;
        if (lq(c->t, ws, w2, STANCE_LQ(LEADS)))
            j = w2;
        else if (lq(c->t, ws, w2, STANCE_LQ(INTRO))) {
            /* 'In 1998, Governor ...': skip the introductory phrase up to its comma */
            size_t lim = ws + 140 < ce ? ws + 140 : ce;
            for (j = w2; j < lim && c->t[j] != ','; j++)
                ;
            if (j >= lim)
                return 0;
        }
        if (j) {
            while (j < ce && (c->t[j] == ',' || stance_hspace(c->t, j, c->len)))
                j += step1(c->t, j, c->len);
            /* 'On July 6, 2015, Jane Doe ...': the year of the date too */
            {
                size_t d = j;
                while (d < ce && c->t[d] >= '0' && c->t[d] <= '9')
                    d++;
                if (d > j && d < ce && c->t[d] == ',')
                    for (j = d; j < ce && (c->t[j] == ',' || stance_hspace(c->t, j, c->len));)
                        j += step1(c->t, j, c->len);
            }
            cs = i = j;
            if (!stance_chunk_next(c->t, &i, ce, c->len, &ws, &we))
                return 0;
        }
    }
    if (stance_names_pronoun(c->t, ws, we, &g) == 1) {
        a->how = STANCE_ATTR_PRONOUN;
        a->spk = (stance_span){ws, we};
        a->gender = g;
    } else {
        k = name_before(c, ce);
        while (k > 0 && c->names->v[k - 1].start >= cs)
            k--;
        if (k >= 0 && c->names->v[k].start == ws && c->names->v[k].ntok == 1 && (size_t)k + 1 < c->names->n &&
            stance_names_is_title(c->t + c->names->v[k].bare, c->names->v[k].last_end - c->names->v[k].bare) &&
            only_lower_words(c, c->names->v[k].end, c->names->v[k + 1].start)) {
            /* "Republican presidential nominee Donald Trump issued ...:": the name after the role */
            k++;
            ws = c->names->v[k].start;
        }
        if (k < 0 || c->names->v[k].start != ws || c->names->v[k].end >= ce || !stance_q_is_subject(c, &c->names->v[k]) ||
            dateline_at(c, &c->names->v[k]))
            return 0;
        if (c->names->v[k].ntok == 1 && c->names->v[k].end < ce && c->t[c->names->v[k].end] == ',' &&
            c->names->v[k].end - ws > 4 &&
            (memcmp(c->t + c->names->v[k].end - 2, "ly", 2) == 0 ||
             memcmp(c->t + c->names->v[k].end - 4, "wise", 4) == 0))
            return 0; /* 'Likewise, a paper ...': a sentence adverb, not a name */
        a->how = STANCE_ATTR_NAME;
        a->spk = (stance_span){c->names->v[k].start, c->names->v[k].end};
    }
    a->role = a->cue = NOSPAN;
    a->a_start = cs;
    a->a_end = ce;
    return 1;
}

/* An attribution after a comma or mark at @p close (as if @p q closed there)
 * that runs to within 30 bytes of @p end and has a reporting verb: '..., Jane
 * Roe said.' ending a sentence or paragraph. 1 and @p a set, 0, or <0 error. */
static int attribution_ending(ctx *c, const seg *q, size_t close, size_t end, attr *a)
{
    seg tmp = *q;
    attr b = *a;
    int r;
    tmp.close = close;
    if ((r = try_after(c, &tmp, &b)) <= 0)
        return r;
    if (b.a_end + 30 < end || b.cue.start == STANCE_NO_OFFSET)
        return 0;
    *a = b;
    return 1;
}

/* An inverted attribution before the mark: the capitalised run @p nm opens with
 * "Said"/"Says"/"Added"/"Asked" ('Said Jane Roe, "') or follows a lowercase
 * "said" ('But, said Jane Roe, "'). The run then names the speaker. */
static int inverted_said(ctx *c, stance_span *nm, size_t floor, attr *a)
{
    size_t i = nm->start, ws, we, s = STANCE_NO_OFFSET;
    attr b = *a;
    if (stance_chunk_next(c->t, &i, nm->end, c->len, &ws, &we) && lq(c->t, ws, we, STANCE_LQ(INV)))
        s = we;
    else if (stance_q_word_before(c, nm->start, floor, &ws, &we) && lq(c->t, ws, we, STANCE_LQ(INV_LOWER)))
        s = nm->start;
    if (s == STANCE_NO_OFFSET)
        return 0;
    b.role = NOSPAN;
    if (!stance_q_parse_np(c, s, nm->end, NP_VERB_FIRST, &b) || b.how != STANCE_ATTR_NAME)
        return 0;
    b.cue = (stance_span){ws, we};
    b.a_start = ws;
    b.a_end = nm->end;
    *a = b;
    return 1;
}

/* The paragraph after the one @p q closes is a dash and a name only, as pull
 * quotes are signed: '"..."\n\n- Jane Doe.' / '-President Jane Roe, tweeting.' */
static int dash_para(ctx *c, seg *q, attr *a)
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
    b.a_start = k;
    b.a_end = e;
    *a = b;
    return 1;
}

/* A source in brackets right after the quote ('..." [HuffPost.]'): one to three
 * capitalised words, an optional dot. */
static int bracket_source(ctx *c, const seg *q, attr *a)
{
    const char *t = c->t;
    size_t k = q->close, s, e;
    attr b = *a;
    k = skip_hs(t, k, c->len);
    if (k + 3 >= c->len || t[k] != '[' || !ascii_upper((unsigned char)t[k + 1]))
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
    b.a_start = k;
    b.a_end = e + 1;
    *a = b;
    return 1;
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
    lower_word_before(c, e, floor, &s, &e);
    return s < e && (s == floor || !is_word_byte((unsigned char)c->t[s - 1])) &&
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
    b.a_start = np.start;
    b.a_end = v.end;
    *a = b;
    return 1;
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

int stance_q_classify_seg(ctx *c, size_t qi)
{
    seg *q = &c->s[qi];
    const char *t = c->t;
    int fc, endp = 0, words = 0, r, that_clause = 0;
    size_t cs, bcs, tail_len = 0, k;
    attr after = q->a, before = q->a;
    int have_after = 0, have_before = 0, need_before;
    size_t la, lb, lafter;

    /* transcript label */
    if (stance_q_label_at(c, q->cs, &la, &lb, &lafter) && lafter < q->ce) {
        q->a.how = STANCE_ATTR_LABEL;
        q->a.rule = STANCE_RULE_LABEL;
        q->a.spk = (stance_span){la, lb};
        q->cs = lafter;
        q->kind = K_DIRECT;
        q->a.a_start = la;
        q->a.a_end = lb;
        return STANCE_OK;
    }
    q->pc = stance_q_prev_ctx(c, q);
    fc = letter_case(t, q->cs, c->len);
    if (fc == 0 && (unsigned char)t[q->cs] == 0xE2) /* "…And" */
        fc = q->cs + 3 < q->ce ? letter_case(t, q->cs + 3, c->len) : 0;
    {
        size_t p = back1(t, q->ce);
        unsigned char b = (unsigned char)t[p];
        endp = b == '.' || b == ',' || b == '?' || b == '!' || b == '-' || is_dash_at(t, p, c->len) ||
               (b == 0xA6 && p >= 2) || b == ')' || b == ']' || b == '\'' || (b == 0x99 && p >= 2) ||
               (q->flags & SEG_UNCLOSED);
    }
    for (k = q->cs; k < q->ce && words < 8; k++)
        if (stance_hspace(t, k, c->len))
            words++;
    words++;

    if ((r = try_after(c, q, &after)) < 0)
        return r;
    have_after = r;
    if (have_after)
        after.rule = STANCE_RULE_AFTER;
    cs = stance_q_clause_start(c, q->open, q->para);
    if (qi > 0 && c->s[qi - 1].close > cs && c->s[qi - 1].close <= q->open)
        cs = c->s[qi - 1].close;
    bcs = cs;
    /* the attribution before a quote is short: look at its last BEFORE_WINDOW bytes, from a word start */
    if (q->open - bcs > BEFORE_WINDOW) {
        bcs = q->open - BEFORE_WINDOW;
        while (bcs < q->open && !stance_hspace(t, bcs, c->len) && t[bcs] != ',')
            bcs++;
    }
    /* With an attribution after it, a quote that opens a paragraph or sentence
     * is direct and takes that speaker: the clause before it is not needed. */
    need_before = !(have_after && (q->pc == PC_PARA || q->pc == PC_SENT || q->pc == PC_COLON));
    if (need_before && (r = try_before(c, q, bcs, q->open, &before, &that_clause, &tail_len)) < 0)
        return r;
    have_before = need_before && r;
    if (have_before)
        before.rule = STANCE_RULE_BEFORE;
    if (need_before && !have_before && bcs < q->open) {
        /* 'According to X, "' / 'pollster Jane Doe: "' */
        if ((r = stance_q_run(c, P_BEFORE2, bcs, q->open)) < 0)
            return r;
        if (r) {
            stance_span acc = group(c, 1), nm = group(c, 2), pu = group(c, 3);
            attr b2 = before;
            b2.role = NOSPAN;
            if (acc.start != STANCE_NO_OFFSET && stance_q_parse_np(c, acc.start, acc.end, NP_VERB_FIRST, &b2)) {
                b2.a_start = acc.start;
                b2.a_end = acc.end;
                b2.rule = STANCE_RULE_ACCORDING;
                before = b2;
                have_before = 1;
            } else if (nm.start != STANCE_NO_OFFSET && c->t[pu.start] == ':' && !after_prep(c, nm.start, bcs) &&
                       stance_q_parse_np(c, nm.start, nm.end, 0, &b2) && b2.how == STANCE_ATTR_NAME) {
                b2.a_start = nm.start;
                b2.a_end = nm.end;
                b2.rule = STANCE_RULE_NAME_COLON;
                before = b2;
                have_before = 1;
            } else if (nm.start != STANCE_NO_OFFSET && c->t[pu.start] == ',' && inverted_said(c, &nm, bcs, &b2)) {
                before = b2; /* 'Said Jane Roe, "...' / 'But, said Jane Roe, "...' */
                before.rule = STANCE_RULE_INVERTED;
                have_before = 1;
            }
        }
    }
    /* "X said:\n\n"...": the previous paragraph ends with a colon. */
    if (need_before && !have_before && q->pc == PC_PARA && q->para >= 2) {
        size_t pe = q->para - 1;
        while (pe > 0 && (t[pe - 1] == '\n' || stance_hspace(t, back1(t, pe), c->len)))
            pe = back1(t, pe);
        if (pe > 0 && t[pe - 1] == ':') {
            size_t pcs = stance_q_clause_start(c, pe, 0);
            if ((r = try_before(c, q, pcs, pe, &before, &that_clause, &tail_len)) < 0)
                return r;
            have_before = r;
            if (have_before)
                before.rule = STANCE_RULE_PARA_COLON;
        }
    }

    /* '... gun laws, Clinton said.\n\n"...': a paragraph of her reported speech
     * ends with its attribution, and the quote paragraph goes on with her words */
    if (!have_after && !have_before && q->pc == PC_PARA && q->para >= 2 &&
        !(qi > 0 && c->s[qi - 1].kind == K_DIRECT && stance_q_in_para_before(c, &c->s[qi - 1], q))) {
        /* (a direct quote in that paragraph: inheritance decides) */
        size_t pe = q->para - 1, kk, lim;
        while (pe > 0 && (t[pe - 1] == '\n' || stance_hspace(t, back1(t, pe), c->len)))
            pe = back1(t, pe);
        lim = pe > 120 ? pe - 120 : 0;
        /* the last comma or quote mark in the last 120 bytes of that paragraph */
        for (kk = pe > 0 ? pe - 1 : 0; kk > lim && t[kk - 1] != '\n'; kk--) {
            const int comma = t[kk - 1] == ',';
            size_t ml = 0, mp = back1(t, kk);
            if (!comma && (mark_at(t, mp, c->len, &ml) == MK_NONE || mp + ml != kk))
                continue; /* neither (or inside a multi-byte mark) */
            {
                attr b5 = before;
                if ((r = attribution_ending(c, q, comma ? kk - 1 : kk, pe, &b5)) < 0)
                    return r;
                /* ', The Hill reported.' cites a source, it does not introduce one */
                if (r && (b5.how == STANCE_ATTR_NAME || b5.how == STANCE_ATTR_PRONOUN) &&
                    !lq(t, b5.cue.start, b5.cue.end, STANCE_LQ(REPORTED))) {
                    before = b5;
                    before.rule = STANCE_RULE_PARA_ENDING;
                    have_before = 1;
                }
            }
            break;
        }
    }
    /* 'Jane Doe then addressed the crowd: "...' (also ending the previous paragraph) */
    if (need_before && !have_before && (q->pc == PC_COLON || q->pc == PC_PARA)) {
        size_t ce = q->open;
        if (q->pc == PC_PARA) {
            ce = q->para >= 2 ? q->para - 1 : 0;
            while (ce > 0 && (t[ce - 1] == '\n' || stance_hspace(t, back1(t, ce), c->len)))
                ce = back1(t, ce);
        } else
            while (ce > q->para && stance_hspace(t, back1(t, ce), c->len))
                ce = back1(t, ce);
        if (ce > 0 && t[ce - 1] == ':' && colon_subject(c, stance_q_clause_start(c, ce - 1, 0), ce - 1, &before)) {
            have_before = 1;
            before.rule = STANCE_RULE_COLON_SUBJECT;
        }
    }
    /* '"..."\n\n- Jane Doe, tweeting.': a paragraph of its own, a dash and the name */
    if (!have_after && !have_before && !(q->flags & SEG_UNCLOSED) && (r = dash_para(c, q, &after)) != 0) {
        if (r < 0)
            return r;
        have_after = 1;
        after.rule = STANCE_RULE_DASH;
    }
    /* 'Jane Doe said. "..."': the sentence just before the quote attributes it. */
    if (!have_after && !have_before && q->pc == PC_SENT) {
        size_t d = q->open;
        while (d > q->para && stance_hspace(t, back1(t, d), c->len))
            d = back1(t, d);
        /* ('"A," said X, asking for anonymity. "B"': that sentence is the previous
         * quote's attribution, and B inherits its speaker below) */
        const int prev_attr = qi > 0 && c->s[qi - 1].kind == K_DIRECT && c->s[qi - 1].a.how != STANCE_ATTR_NONE &&
                              c->s[qi - 1].a.a_end != STANCE_NO_OFFSET && c->s[qi - 1].a.a_start >= c->s[qi - 1].close &&
                              c->s[qi - 1].close >= q->para && d > q->para &&
                              stance_q_clause_start(c, d - 1, q->para) == c->s[qi - 1].close;
        if (d > q->para && t[d - 1] == '.' && !prev_attr) {
            size_t pcs = stance_q_clause_start(c, d - 1, q->para);
            attr b2 = before;
            int tc = 0;
            size_t tl = 0;
            if ((r = try_before(c, q, pcs, d - 1, &b2, &tc, &tl)) < 0)
                return r;
            if (r && tl <= 60 && !tc) {
                before = b2;
                before.rule = STANCE_RULE_PREV_SENT;
                have_before = 1;
            } else {
                /* '..., said Ohio State professor Paul Beck.' : the last comma of that sentence */
                size_t kc = d - 1, lim = d - 1 > pcs + 160 ? d - 1 - 160 : pcs;
                while (kc > lim && t[kc - 1] != ',')
                    kc--;
                if (kc > lim) {
                    attr b3 = before;
                    if ((r = attribution_ending(c, q, kc - 1, d - 1, &b3)) < 0)
                        return r;
                    if (r) {
                        before = b3;
                        before.rule = STANCE_RULE_PREV_SENT_ENDING;
                        have_before = 1;
                    }
                }
            }
            /* 'Jane Doe told the crowd that the plan would fail. "..."': reported
             * speech of a named person (or a pronoun), then her words; 'Jane Doe
             * called him a master of impossible deals. "..."': a named person's
             * speech act about it */
            if (!have_before && words >= 4 && endp) {
                if ((r = speech_sentence(c, P_IND_SAID, pcs, d, 1, &before)) < 0)
                    return r;
                if (!r && (r = speech_sentence(c, P_PARTIAL, pcs, d - 1, 0, &before)) < 0)
                    return r;
                have_before = r;
                if (have_before)
                    before.rule = STANCE_RULE_SPEECH_SENT;
            }
        }
    }

    switch (q->pc) {
    case PC_PARA:
    case PC_SENT:
    case PC_COLON:
    case PC_DASH:
        if (fc == 1 || (fc == 0 && endp) || have_after || have_before)
            q->kind = (fc == -1 && !endp && !have_after) ? K_PARTIAL : K_DIRECT;
        else
            q->kind = K_PARTIAL;
        if (q->kind == K_DIRECT && fc == 1 && !endp && words <= 3 && !have_after && !have_before)
            q->kind = K_PARTIAL;
        break;
    case PC_COMMA:
        if (qi > 0 && c->s[qi - 1].kind == K_DIRECT && c->s[qi - 1].after_reaches)
            q->kind = K_DIRECT;
        else if (have_before && !that_clause && tail_len <= 40 && (fc == 1 || endp))
            q->kind = K_DIRECT;
        else if (fc == 1 && (endp || words >= 4) && (have_after || words >= 6) && !(have_before && that_clause))
            q->kind = K_DIRECT;
        else if (fc == 1 && endp && words >= 3 && !(have_before && that_clause) && speech_lead(c, q->open, q->para))
            q->kind = K_DIRECT; /* 'marched along the quay, chanting, "Open the gates now."' */
        else
            q->kind = K_PARTIAL;
        break;
    case PC_PAREN:
        /* '("I want my dues back," wrote Jane Roe.)': an aside that is a whole quote */
        q->kind = fc == 1 && words >= 3 && (have_after || (endp && words >= 4)) ? K_DIRECT : K_PARTIAL;
        break;
    default:
        if (have_before && !that_clause && tail_len <= 20 && fc == 1 && words >= 3 && !embedded_np(c, q))
            q->kind = K_DIRECT;
        else if (fc == 1 && endp && words >= 3 && speech_lead(c, q->open, q->para))
            q->kind = K_DIRECT; /* 'posted the news, writing "We sail on Friday."' */
        else
            q->kind = K_PARTIAL;
        break;
    }
    /* 'HEADLINE IN CAPITALS "..." [NYT.]': a digest quoting the outlet in brackets */
    if (q->kind != K_DIRECT && !have_after && !have_before && fc == 1 && words >= 4 &&
        bracket_source(c, q, &after)) {
        q->kind = K_DIRECT;
        have_after = 1;
        after.rule = STANCE_RULE_BRACKET;
    }
    /* "(CROSSTALK.)", "(Applause)": stage directions, not quotes */
    if (t[q->cs] == '(' && t[back1(t, q->ce)] == ')')
        q->kind = K_SKIP;
    else if (q->ce - q->cs > 2 && t[q->cs] == '(' && t[back1(t, q->ce)] == '.' && t[back1(t, back1(t, q->ce))] == ')')
        q->kind = K_SKIP;

    /* '"...our jobs" to China, she said': the sentence goes on outside the marks */
    if (q->kind == K_DIRECT && !(q->flags & SEG_UNCLOSED)) {
        size_t k2 = q->close;
        k2 = skip_hs(t, k2, c->len);
        if (k2 < c->len && letter_case(t, k2, c->len) == -1) {
            size_t k3 = k2;
            while (k3 < c->len && ascii_lower((unsigned char)t[k3]))
                k3++;
            /* ('Fenn said, "We will see," when asked': a whole quote after "said,"
             * that ends in a comma, and the sentence goes on) */
            /* (not '"A," and "B"' nor '"A," and, "B"': two quotes, one clause) */
            const size_t k4 = skip_hs(t, k3, c->len);
            const int whole = q->pc == PC_COMMA && have_before && !have_after && !that_clause && tail_len <= 40 &&
                              fc == 1 && q->ce > q->cs && t[back1(t, q->ce)] == ',' && k4 < c->len &&
                              letter_case(t, k4, c->len) == -1 &&
                              lq(t, k2, k3, STANCE_LQ(AFTER_WHOLE));
            if (lq(t, k2, k3, STANCE_LQ(GOES_ON)) && !whole)
                q->kind = K_PARTIAL;
            else if (!endp && !have_after && k3 > k2 && (k3 >= c->len || !is_word_byte((unsigned char)t[k3])) &&
                     !stance_names_pronoun(t, k2, k3, &(int){0}))
                q->kind = K_PARTIAL; /* '"Orange is the New Black" star Jane Roe': a title */
        }
    }
    if (q->kind == K_DIRECT) {
        if (have_after)
            q->a = after;
        else if (have_before)
            q->a = before;
        else if (qi > 0 && c->s[qi - 1].kind != K_SKIP && c->s[qi - 1].a.how != STANCE_ATTR_NONE &&
                 c->s[qi - 1].close_para == q->para && participle_link(c, c->s[qi - 1].close, q->open)) {
            /* 'X called it a "breach of trust," adding: "..."': the participle after
             * the previous quote goes on with its speaker */
            q->a = c->s[qi - 1].a;
            q->a.how = STANCE_ATTR_INHERIT;
            q->a.rule = STANCE_RULE_PARTICIPLE_LINK;
            q->a.a_start = q->a.a_end = STANCE_NO_OFFSET;
        }
        /* does the attribution run up to the next quote ("A," X said, "B") */
        if (have_after && qi + 1 < c->n) {
            size_t e = after.a_end;
            while (e < c->len && (stance_hspace(t, e, c->len) || t[e] == ','))
                e += step1(t, e, c->len);
            /* allow a short tail: ', adding, "' / ' Friday, "' */
            {
                size_t lim = e + 60 < c->s[qi + 1].open ? e + 60 : c->s[qi + 1].open;
                size_t j = e;
                int ok = 1;
                for (; j < lim; j++)
                    if (t[j] == '.' || t[j] == '\n' || t[j] == '!' || t[j] == '?')
                        ok = 0;
                if (ok && c->s[qi + 1].open <= lim + 1)
                    q->after_reaches = 1;
                if (c->s[qi + 1].open == e)
                    q->after_reaches = 1;
            }
        }
    } else {
        attr pa = q->a;
        if (have_before && !that_clause) {
            pa = before;
        } else if ((r = try_partial(c, q, cs, &pa)) < 0) {
            return r;
        } else if (r) {
            pa.rule = STANCE_RULE_PARTIAL_BEFORE;
        } else {
            if ((r = try_partial_after(c, q, &pa)) < 0)
                return r;
            if (r)
                pa.rule = STANCE_RULE_PARTIAL_AFTER;
            else if (have_after)
                pa = after;
        }
        q->a = pa;
        if (q->a.how == STANCE_ATTR_NONE) {
            /* the same sentence as the previous partial quote ('a "liar" and a "cheat"') */
            if (qi > 0 && c->s[qi - 1].kind == K_PARTIAL && c->s[qi - 1].a.how != STANCE_ATTR_NONE &&
                c->s[qi - 1].close_para == q->para) {
                size_t j;
                int same = 1;
                for (j = c->s[qi - 1].close; j < q->open; j++)
                    if ((t[j] == '.' || t[j] == '!' || t[j] == '?') && j + 1 < q->open && stance_hspace(t, j + 1, c->len))
                        same = 0;
                if (same) {
                    q->a = c->s[qi - 1].a;
                    q->a.how = STANCE_ATTR_INHERIT;
                    q->a.rule = STANCE_RULE_PARTIAL_SAME_SENT;
                }
            }
        }
        if (q->a.how == STANCE_ATTR_NONE)
            q->kind = K_SKIP; /* scare quotes, titles, names */
    }
    return STANCE_OK;
}

/* Indirect speech in the sentences outside quotes. */
int stance_q_extract_indirect(ctx *c, stance_quotelist *out)
{
    const char *t = c->t;
    size_t i = 0, si = 0;
    while (i < c->len) {
        size_t s = i, e;
        int r;
        attr a;
        while (s < c->len && (t[s] == '\n' || stance_hspace(t, s, c->len)))
            s += step1(t, s, c->len);
        if (s >= c->len)
            break;
        e = stance_q_sentence_end(c, s);
        if (e <= s)
            e = s + 1;
        i = e;
        /* skip sentences overlapping a direct or partial quote */
        while (si < c->n && c->s[si].close <= s)
            si++;
        if (si < c->n && c->s[si].open < e)
            continue;
        memset(&a, 0, sizeof a);
        a.spk = a.role = a.cue = a.canon = NOSPAN;
        a.name = -1;
        if ((r = stance_q_run(c, P_IND_ACC, s, e)) < 0)
            return r;
        if (r && stance_q_utf8_chars(t, group(c, 1)) > IND_ACC_MAX_CHARS)
            r = 0;
        if (r) {
            stance_span np = group(c, 1);
            size_t cs = match_end(c), ce = e;
            while (ce > cs && (t[ce - 1] == '.' || stance_hspace(t, back1(t, ce), c->len)))
                ce = back1(t, ce);
            if (stance_q_parse_np(c, np.start, np.end, NP_VERB_FIRST, &a) && ce > cs) {
                a.cue = NOSPAN;
                a.rule = STANCE_RULE_IND_ACCORDING;
                if ((r = stance_q_emit_indirect(c, s, e, cs, ce, &a, 0, out)))
                    return r;
                continue;
            }
        }
        if ((r = stance_q_run(c, P_IND_SAID, s, e)) < 0)
            return r;
        if (r) {
            stance_span np = group(c, 1), v = group(c, 2);
            size_t cs = match_end(c), ce = e;
            while (ce > cs && (t[ce - 1] == '.' || stance_hspace(t, back1(t, ce), c->len)))
                ce = back1(t, ce);
            if (stance_q_parse_np(c, np.start, np.end, 0, &a) && ce > cs + 8) {
                a.cue = v;
                a.rule = STANCE_RULE_IND_SAID;
                if ((r = stance_q_emit_indirect(c, s, e, cs, ce, &a, 1, out)))
                    return r;
                continue;
            }
        }
        /* '..., X said.' : search the last comma of the sentence */
        {
            size_t k = e, lim = e > s + WINDOW ? e - WINDOW : s;
            while (k > lim && t[k - 1] != ',')
                k--;
            if (k > lim && k - 1 > s + 8) {
                if ((r = stance_q_run(c, P_IND_AFTER, k - 1, e)) < 0)
                    return r;
                if (r && pcre2_get_ovector_pointer(c->md)[0] == k - 1) {
                    stance_span np = group(c, 1), v = group(c, 2);
                    memset(&a, 0, sizeof a);
                    a.spk = a.role = a.cue = a.canon = NOSPAN;
                    a.name = -1;
                    if (stance_q_parse_np(c, np.start, np.end, 0, &a)) {
                        a.cue = v;
                        a.rule = STANCE_RULE_IND_AFTER;
                        if ((r = stance_q_emit_indirect(c, s, e, s, k - 1, &a, 0, out)))
                            return r;
                    }
                }
            }
        }
    }
    return STANCE_OK;
}
