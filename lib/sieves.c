/*
 * sieves.c - attribution sieves. Every quote goes through a table of sieves
 * {id, name, fn} in order; each looks at one kind of attribution and either
 * attributes the quote (recording its id as stance_rawquote.rule) or passes.
 * The direct/partial decision is its own function, and partial quotes go
 * through their own, shorter table; the late sieves (sieves_late.c) run after
 * inheritance on the direct quotes still without a speaker. Indirect speech
 * has three sieves of its own over the sentences outside quotes (indirect.c).
 * The subject finders the sieves share (stance_q_subject_of(), the colon
 * subject, datelines, roles before names) are in sieves_subject.c.
 */
#include "config.h"

#include "quotes_int.h"

static size_t after_end(ctx *c, const seg *q, size_t win);
static int try_after(ctx *c, seg *q, attr *a);
static int sentence_subject(ctx *c, seg *q, stance_span v, attr *b);
static int with_name(ctx *c, size_t pos, size_t floor);
static size_t before_ly(ctx *c, size_t pos, size_t floor);
static int starts_determiner(ctx *c, size_t s, size_t e);
static int object_before(ctx *c, size_t pw, size_t floor);
static int try_before(ctx *c, seg *q, size_t cs, size_t end, attr *a, int *that_clause, size_t *tail_len);
static int np_verb(ctx *c, int which, size_t start, size_t end, const seg *q, attr *a);
static int try_partial(ctx *c, seg *q, size_t cs, attr *a);
static int try_partial_after(ctx *c, seg *q, attr *a);
static int try_partial_inverted(ctx *c, seg *q, attr *a);
static int embedded_np(ctx *c, const seg *q);
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

/* A dash that opens or closes an aside at @p p: a dash after a horizontal
 * space, past @p floor. The three aside functions below read dashes by it. */
static int aside_dash(ctx *c, size_t p, size_t floor)
{
    return is_dash_at(c->t, p, c->len) && p > floor && stance_hspace(c->t, p - 1, c->len);
}

/* Does the byte at @p p end the reach of an aside: a sentence end, a line
 * break or a quote mark? */
static int aside_break(ctx *c, size_t p)
{
    const char b = c->t[p];
    size_t ml;
    return b == '.' || b == '?' || b == '!' || b == '\n' || mark_at(c->t, p, c->len, &ml) != MK_NONE;
}

/* 'Park \u2014 named by the Post as the choice \u2014 told Reed that "': the
 * clause that starts at @p cs (stance_q_clause_start() stops after a spaced
 * dash) opens with a lowercase word, its verb, and the dash before it closes
 * an aside a spaced dash opened earlier in the sentence (within ASIDE_REACH
 * bytes, no sentence end, quote mark or bracket between): the subject stands
 * before the aside, and the clause starts where the one ending at the opening
 * dash does. Else @p cs. */
#define ASIDE_REACH 200u
static size_t before_aside(ctx *c, size_t cs, size_t open, size_t floor)
{
    const char *t = c->t;
    size_t d = cs, lim, i = cs, ws, we;
    if (!stance_chunk_next(t, &i, open, c->len, &ws, &we) || !lower_at(t, ws, c->len) ||
        lq(t, ws, we, STANCE_LQ(AND_BUT) | STANCE_LQ(CONJ) | STANCE_LQ(PREPS) | STANCE_LQ(DETERMINERS)))
        return cs; /* (not '\u2014 and said it is "': a second clause) */
    while (d > floor && stance_hspace(t, back1(t, d), c->len))
        d = back1(t, d);
    if (d < floor + 3 || !is_dash_at(t, d - 3, c->len))
        return cs;
    d -= 3;
    lim = d > floor + ASIDE_REACH ? d - ASIDE_REACH : floor;
    for (size_t p = d; p > lim;) {
        p = back1(t, p);
        if (aside_break(c, p) || t[p] == '(' || t[p] == ')')
            return cs;
        if (aside_dash(c, p, floor))
            return stance_q_clause_start(c, p, floor);
    }
    return cs;
}

/* The noun phrase @p np of an attribution that ends with an aside in spaced
 * dashes ("Park \u2014 named by the Post as the choice \u2014", before_aside()):
 * *@p np cut before its first dash, *@p aside the words between the dashes; 1,
 * or 0 and nothing changed. */
static int cut_aside(ctx *c, stance_span *np, stance_span *aside)
{
    size_t e = trim_r(c->t, np->start, np->end, c->len), fd = STANCE_NO_OFFSET;
    if (e < np->start + 3 || !is_dash_at(c->t, e - 3, c->len))
        return 0;
    for (size_t p = np->start; p + 3 < e; p++)
        if (aside_dash(c, p, np->start)) {
            fd = p;
            break;
        }
    if (fd == STANCE_NO_OFFSET)
        return 0;
    aside->start = skip_hs(c->t, fd + 3, c->len);
    aside->end = trim_r(c->t, aside->start, e - 3, c->len);
    np->end = trim_r(c->t, np->start, fd, c->len);
    if (aside->end <= aside->start || np->end <= np->start)
        return 0;
    {
        /* 'A former candidate \u2014 John McCain, who lost \u2014 said': the name
         * in the aside speaks, the description before it is the role */
        stance_span nm;
        if (stance_q_desc_then_name(c, *np, *aside, &nm)) {
            *aside = *np;
            *np = nm;
        }
    }
    return 1;
}

/* After a match of pattern @p which up to @p end whose verb (group 2) lies
 * inside an aside in spaced dashes that its noun phrase (group 1) opens
 * ('Gingrich \u2014 mentioned by the Post as the choice \u2014 told Reed that "'):
 * the pattern again from the aside's closing dash, so that the verb is the
 * one after the aside; *@p np0 the noun phrase before the aside, *@p aside
 * the aside. 1 (the groups hold the new match), 0 (no such aside), 2 (no
 * verb right after the aside), <0 error. */
static int verb_past_aside(ctx *c, int which, size_t end, stance_span *np0, stance_span *aside)
{
    const char *t = c->t;
    const stance_span np = group(c, 1), v = group(c, 2);
    size_t od = STANCE_NO_OFFSET, cd = STANCE_NO_OFFSET;
    int r;
    for (size_t p = np.start + 1; p < v.start; p++)
        if (aside_dash(c, p, np.start)) {
            od = p;
            break;
        }
    if (od == STANCE_NO_OFFSET)
        return 0;
    for (size_t p = od + 3; p < end && p < od + ASIDE_REACH; p++) {
        if (aside_break(c, p))
            return 0;
        if (aside_dash(c, p, od)) {
            cd = p;
            break;
        }
    }
    if (cd == STANCE_NO_OFFSET || cd <= v.start)
        return 0; /* (a verb after the aside: cut_aside()) */
    if ((r = stance_q_run(c, which, cd, end)) <= 0)
        return r < 0 ? r : 2;
    if (trim_r(t, cd, group(c, 1).end, c->len) != cd + 3)
        return 2; /* (more words after the closing dash than the verb's adverbs) */
    *np0 = (stance_span){np.start, trim_r(t, np.start, od, c->len)};
    *aside = (stance_span){skip_hs(t, od + 3, c->len), trim_r(t, od + 3, cd, c->len)};
    return aside->end > aside->start && np0->end > np0->start ? 1 : 2;
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

/* 'Clinton riffed on the incident, telling the crowd, "...': a participle
 * takes the subject of its sentence, its first name (or pronoun). */
static int sentence_subject(ctx *c, seg *q, stance_span v, attr *b)
{
    size_t vl = v.end - v.start, ss;
    if (vl < 4 || memcmp(c->t + v.end - 3, "ing", 3) != 0)
        return 0;
    ss = stance_q_sent_start(c, v.start, v.start - q->para > WINDOW ? v.start - WINDOW : q->para);
    return stance_q_subject_of(c, ss, v.start, SUBJ_PRONOUN, b) || stance_q_article_subject(c, ss, v.start, b);
}

/* Does the name ending at @p pos follow "with" ("with Trump yelling")? */
static int with_name(ctx *c, size_t pos, size_t floor)
{
    long k = name_before(c, pos);
    size_t ws, we;
    return k >= 0 && c->names->v[k].end == pos && c->names->v[k].start > floor &&
           stance_q_word_before(c, c->names->v[k].start, floor, &ws, &we) && we - ws == 4 && memcmp(c->t + ws, "with", 4) == 0;
}

/* 'The ad opens with a narrator asking: "', 'with one of her ads asking, "':
 * "with", then a noun phrase of one to five lowercase words opened by a
 * determiner and ending at the participle (at @p pos, after @p floor): that
 * phrase is the participle's subject (*@p b, STANCE_ATTR_NOUN), as the name
 * of "with Trump yelling" is. */
static int with_noun_phrase(ctx *c, size_t pos, size_t floor, attr *b)
{
    size_t s, e, p = pos, fs = 0, fe = 0, ls = 0, le = 0;
    for (int n = 0; n <= 5; n++) {
        stance_q_lower_word_before(c, p, floor, &s, &e);
        if (e <= s || (s > floor && !stance_hspace(c->t, back1(c->t, s), c->len)))
            return 0; /* (no word, or one glued to a mark or a hyphen: "ex-aide") */
        if (word_eq(c->t, s, e, "with")) {
            if (n == 0 || !lq(c->t, fs, fe, STANCE_LQ(DETERMINERS)) ||
                lq(c->t, ls, le, STANCE_LQ(DETERMINERS) | STANCE_LQ(PREPS)))
                return 0;
            b->how = STANCE_ATTR_NOUN;
            b->spk = (stance_span){fs, le};
            return 1;
        }
        if (n == 0)
            ls = s, le = e;
        fs = s;
        fe = e;
        p = s;
    }
    return 0;
}

/* Before the -ly adverb that ends at @p pos ("reportedly"), past spaces; @p pos
 * itself when there is none. */
static size_t before_ly(ctx *c, size_t pos, size_t floor)
{
    size_t s, e;
    stance_q_lower_word_before(c, pos, floor, &s, &e);
    if (e != pos || pos - s < 4 || memcmp(c->t + pos - 2, "ly", 2) != 0 || s == floor ||
        !stance_hspace(c->t, back1(c->t, s), c->len))
        return pos;
    while (s > floor && stance_hspace(c->t, back1(c->t, s), c->len))
        s = back1(c->t, s);
    return s;
}

/* Does [s, e) open with a determiner ("the", "a", "another", ...)? */
static int starts_determiner(ctx *c, size_t s, size_t e)
{
    size_t i = s, ws, we;
    return stance_chunk_next(c->t, &i, e, c->len, &ws, &we) && lq(c->t, ws, we, STANCE_LQ(DETERMINERS));
}

/* Is the lowercase word at @p pw the object of a verb: an article before it
 * and a lowercase word before that which is no preposition ("issued a
 * statement", "put out a video"; not "footage of a man")? */
static int object_before(ctx *c, size_t pw, size_t floor)
{
    size_t as, ae, vs, ve;
    stance_q_lower_word_before(c, pw, floor, &as, &ae);
    if (!lq(c->t, as, ae, STANCE_LQ(ARTICLE)))
        return 0;
    stance_q_lower_word_before(c, as, floor, &vs, &ve);
    return ve > vs && !lq(c->t, vs, ve, STANCE_LQ(PREPS) | STANCE_LQ(PREP) | STANCE_LQ(ARTICLE));
}

/* 'As the crowd cheered Ruiz, The Herald's Ida Brandt reported, his wife
 * whispered to him: "': an attribution *@p b whose verb stands right before a
 * comma is a reporting aside when a clause with a subject (a name, he/she or a
 * noun phrase) and a reporting verb of its own follows it, the subject
 * opening it: that clause's subject speaks. *@p b (with its outputs) replaced: 1; kept: 0; <0 error.
 * @p a0 is the attribution try_before() started from. */
static int aside_then_clause(ctx *c, seg *q, size_t end, const attr *a0, attr *b, int *that_clause, size_t *tail_len)
{
    attr b3 = *a0;
    int tc3 = 0, r;
    size_t tl3 = 0;
    if (b->cue.end >= end || c->t[b->cue.end] != ',')
        return 0;
    if ((r = try_before(c, q, b->cue.end + 1, end, &b3, &tc3, &tl3)) <= 0)
        return r;
    if ((b3.how != STANCE_ATTR_NAME && b3.how != STANCE_ATTR_PRONOUN && b3.how != STANCE_ATTR_NOUN) ||
        b3.spk.start != skip_hs(c->t, b->cue.end + 1, c->len))
        return 0; /* (the clause opens with its subject: not '..., adding that Grayson said') */
    *b = b3;
    *that_clause = tc3;
    *tail_len = tl3;
    return 1;
}

/* 'Cruz said as the heckler yelled: "': a clause opened by "as", "while" or
 * "when" in the tail @p tail of a lead-in, whose subject (a name, he/she or a
 * noun phrase) follows that word and whose reporting verb ends the lead-in
 * (or, after a name and no "ask" verb, goes on: 'Rubio suggested ..., while
 * Cruz said that the "'), speaks the quote. 1 and *@p a (with its outputs) replaced; 0; <0 error. */
static int tail_clause_subject(ctx *c, seg *q, stance_span tail, size_t end, attr *a, int *that_clause, size_t *tail_len)
{
    size_t i = tail.start;
    while (i + 3 < tail.end && !((c->t[i] == ' ' || i == tail.start) &&
                                 ((c->t[i + 1] == 'a' && c->t[i + 2] == 's') || (c->t[i + 1] == 'w' && c->t[i + 2] == 'h'))))
        i++;
    if (i + 3 >= tail.end)
        return 0; /* (no " as", " wh" in it: the common case, without a word scan) */
    for (size_t k = i, ws, we; stance_chunk_next(c->t, &k, tail.end, c->len, &ws, &we);) {
        attr b2 = *a;
        int tc2 = 0, r2;
        size_t tl2 = 0;
        if (we - ws > 5 || !(word_eq(c->t, ws, we, "as") || word_eq(c->t, ws, we, "while") || word_eq(c->t, ws, we, "when")))
            continue;
        if ((r2 = try_before(c, q, we, end, &b2, &tc2, &tl2)) <= 0)
            return r2;
        if ((tl2 && (b2.how != STANCE_ATTR_NAME ||
                     stance_lex_in_rules(c->t + b2.cue.start, b2.cue.end - b2.cue.start, STANCE_LQ(ASK)))) ||
            b2.spk.start != skip_hs(c->t, we, c->len) ||
            (b2.how != STANCE_ATTR_NAME && b2.how != STANCE_ATTR_PRONOUN && b2.how != STANCE_ATTR_NOUN))
            return 0; /* (a tail after its verb: 'while Cruz said that the "', a name's only) */
        *a = b2;
        *that_clause = tc2;
        *tail_len = tl2;
        return 1;
    }
    return 0;
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
        stance_span np0 = NOSPAN, aside = NOSPAN;
        const int pas = verb_past_aside(c, P_BEFORE, end, &np0, &aside);
        if (pas < 0 || pas == 2)
            return pas < 0 ? pas : 0;
        stance_span np = pas ? np0 : group(c, 1), v = group(c, 2), tail = group(c, 3), punct = group(c, 4);
        attr b = *a;
        b.role = NOSPAN;
        /* 'Park \u2014 the governor \u2014 said', 'Park \u2014 who ran it \u2014 told Reed' */
        const int had_aside = pas || cut_aside(c, &np, &aside);
        size_t pv = v.start;
        while (pv > np.start && stance_hspace(c->t, back1(c->t, pv), c->len))
            pv = back1(c->t, pv);
        /* 'Sanders compared himself to Clinton, saying, "': the words before
         * ', saying' are a clause, whose subject speaks */
        size_t pw, pe, pa;
        const int part = ing_word(c->t, v.start, v.end);
        stance_q_lower_word_before(c, pv, np.start, &pw, &pe);
        if (part && pv > np.start && (c->t[pv - 1] == ',' || (pw < pv && lq(c->t, pw, pv, STANCE_LQ(PART_LEAD)))) &&
            sentence_subject(c, q, v, &b))
            ;
        else if (part && pv > np.start && c->t[pv - 1] != ',' &&
                 (stance_q_name_ends_at(c, pv, np.start, 2, &b) ||
                  (((pa = before_ly(c, pv, np.start)) != pv || with_name(c, pa, np.start)) &&
                   stance_q_name_ends_at(c, pa, np.start, 1, &b))))
            ; /* 'footage of Jane Doe asking, "', 'with Trump (reportedly) yelling: "': the name
               * right before the participle or its adverb; one word will do after an adverb or "with" */
        else if (part && pv > np.start && c->t[pv - 1] != ',' && with_noun_phrase(c, pv, np.start, &b))
            ; /* 'The ad opens with a narrator asking: "' */
        else if (part && pv > np.start && c->t[pv - 1] != ',' && pw < pe && object_before(c, pw, np.start) &&
                 sentence_subject(c, q, v, &b))
            ; /* 'Jane Roe issued a statement saying "': the participle's clause has its own subject */
        else if (stance_q_who_antecedent(c, np, &b) || stance_q_verb_list_subject(c, np, v, &b))
            ; /* 'Sen. Jane Roe of Ohio, who said "': the name before ", who"; 'he smiled, nodded and said' */
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
        /* 'After Tom Park asked her who would win, Diaz replied, "': the first verb is in
         * a clause opened by a subordinator; the main clause's subject and verb follow a
         * comma of the tail */
        if (stance_q_sub_opener(c, np.start, np.end))
            for (size_t k = tail.start, n = 0; k < tail.end && n < 3; k++) {
                attr b2 = *a;
                int tc2 = 0, r2;
                size_t tl2 = 0;
                if (c->t[k] != ',')
                    continue;
                n++;
                if ((r2 = try_before(c, q, k + 1, end, &b2, &tc2, &tl2)) < 0)
                    return r2;
                if (r2 && (b2.how == STANCE_ATTR_NAME || b2.how == STANCE_ATTR_PRONOUN)) {
                    *a = b2;
                    *that_clause = tc2;
                    *tail_len = tl2;
                    return 1;
                }
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
        if ((r = tail_clause_subject(c, q, tail, end, a, that_clause, tail_len)) != 0)
            return r;
        b.cue = v;
        b.a_start = np.start;
        b.a_end = tail.end;
        if (had_aside && b.role.start == STANCE_NO_OFFSET && b.how == STANCE_ATTR_NAME)
            b.role = aside; /* (the aside is the role a pair of commas would give) */
        *tail_len = tail.end - tail.start;
        *that_clause = 0;
        {
            size_t k = tail.end;
            while (k > tail.start && stance_hspace(c->t, k - 1, c->len))
                k--;
            if (k - tail.start >= 4 && memcmp(c->t + k - 4, "that", 4) == 0 &&
                (k - tail.start == 4 || !stance_is_word_byte((unsigned char)c->t[k - 5])))
                *that_clause = 1;
        }
        if (tail.end == tail.start && punct.end == punct.start &&
            !(v.end - v.start == 4 && memcmp(c->t + v.start, "that", 4) == 0))
            *that_clause = 0;
        if ((r = aside_then_clause(c, q, end, a, &b, that_clause, tail_len)) < 0)
            return r;
        *a = b;
        return 1;
    }
}

/* 'Ada Finch backed the plan in May, but later said it was "...': a reporting
 * verb @p v after "and"/"but" (and at most one adverb) in the chunk @p np
 * shares the subject of its sentence, a name or he/she. 1 and *@p b set. */
static int coordinated_subject(ctx *c, stance_span np, stance_span v, attr *b)
{
    size_t ws, we, p = v.start, ss;
    stance_q_lower_word_before(c, p, np.start, &ws, &we);
    if (we > ws && !lq(c->t, ws, we, STANCE_LQ(AND_BUT))) {
        if (!((we - ws > 3 && memcmp(c->t + we - 2, "ly", 2) == 0) || word_eq(c->t, ws, we, "later") ||
              word_eq(c->t, ws, we, "then") || word_eq(c->t, ws, we, "also") || word_eq(c->t, ws, we, "now")))
            return 0;
        stance_q_lower_word_before(c, ws, np.start, &ws, &we); /* the adverb: "but later said" */
    }
    if (we <= ws || !lq(c->t, ws, we, STANCE_LQ(AND_BUT)) || ws <= np.start)
        return 0;
    ss = stance_q_sent_start(c, ws, np.start);
    return stance_q_subject_of(c, ss, ws, SUBJ_PRONOUN, b) && b->how != STANCE_ATTR_NOUN;
}

/* Pattern @p which on [start, end): its noun phrase (group 1) as the speaker,
 * its verb (group 2) as the cue; with the quote @p q, a participle after a
 * comma takes its sentence's subject first. */
static int np_verb(ctx *c, int which, size_t start, size_t end, const seg *q, attr *a)
{
    int r;
    if (start >= end)
        return 0;
    if ((r = stance_q_run(c, which, start, end)) > 0) {
        stance_span np0 = NOSPAN, aside;
        const int pa = verb_past_aside(c, which, end, &np0, &aside);
        if (pa < 0 || pa == 2)
            return pa < 0 ? pa : 0;
        stance_span np = pa ? np0 : group(c, 1), v = group(c, 2);
        attr b = *a;
        b.role = NOSPAN;
        if (!pa)
            cut_aside(c, &np, &aside);
        if (q && stance_q_opener_noun(c, np, v))
            return np_verb(c, which, v.end + 1, end, q, a); /* 'Despite the media attacks, Carson said that "' */
        if ((q && stance_q_participle_subject(c, q, np, v, &b)) || stance_q_who_antecedent(c, np, &b) ||
            stance_q_parse_np(c, np.start, np.end, 0, &b) ||
            coordinated_subject(c, np, v, &b)) {
            b.cue = v;
            return stance_q_found(a, &b, np.start, v.end);
        }
        if (q) /* a partial quote's verb whose noun phrase is none (sieves_late.c) */
            return stance_q_partial_fallback(c, q, np, v, a);
    }
    return r < 0 ? r : 0;
}

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
    return np_verb(c, P_PARTIAL, cs, q->open, q, a);
}

static int try_partial_after(ctx *c, seg *q, attr *a)
{
    return np_verb(c, P_PARTIAL_AFTER, q->close, after_end(c, q, WINDOW), NULL, a);
}

/* '"A tough year" for the farms, said Jane Roe.': the sentence of a partial
 * quote goes on to a comma and an attribution with its verb first, read as
 * the attribution after a quote that closed at that comma. */
static int try_partial_inverted(ctx *c, seg *q, attr *a)
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
    if ((r = try_after(c, &at, &b)) <= 0)
        return r;
    if (b.cue.start == STANCE_NO_OFFSET || b.cue.start > b.spk.start)
        return 0; /* (', Jane Roe said' is PARTIAL_AFTER's) */
    k = skip_hs(c->t, b.a_end, c->len);
    if (k < c->len && letter_case(c->t, k, c->len) == -1)
        return 0; /* '..., said the days when ...': no attribution, a clause goes on */
    *a = b;
    return 1;
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

/* An attribution after a comma or mark at @p close (as if @p q closed there)
 * that runs to within 30 bytes of @p end and has a reporting verb: '..., Jane
 * Roe said.' ending a sentence or paragraph. 1 and @p a set, 0, or <0 error. */
int stance_q_attribution_ending(ctx *c, const seg *q, size_t close, size_t end, attr *a)
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
    return stance_q_found(a, &b, ws, nm->end);
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
    return stance_q_found(a, &b, k, e);
}

/* A source in brackets right after the quote ('..." [HuffPost.]'): one to three
 * capitalised words, an optional dot. */
static int bracket_source(ctx *c, const seg *q, attr *a)
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
    return try_after(c, v->q, &v->after);
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
    return try_before(c, v->q, v->bcs, v->q->open, &v->before, &v->that_clause, &v->tail_len);
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
    if (!inverted_said(c, &v->nm, v->bcs, &b2))
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
    return try_before(c, v->q, stance_q_clause_start(c, pe, 0), pe, &v->before, &v->that_clause, &v->tail_len);
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
    return dash_para(c, v->q, &v->after);
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
    if ((r = try_before(c, v->q, pcs, d - 1, &b2, &tc, &tl)) <= 0)
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
    } else {
        if ((r = try_partial_after(c, q, &pa)) < 0)
            return r;
        if (!r && !v->have_after && (r = try_partial_inverted(c, q, &pa)) < 0)
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
    v->cs = before_aside(c, stance_q_clause_start(c, q->open, q->para), q->open, q->para);
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
        bracket_source(c, q, &v.after)) {
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
