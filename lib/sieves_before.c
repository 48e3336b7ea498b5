/*
 * sieves_before.c - the attribution before a quote (split from sieves.c).
 * stance_q_try_before() reads the clause before the opening mark ('X said:
 * "', 'X told Y, "'): its noun phrase and reporting verb, past an aside in
 * spaced dashes ('Park \u2014 the governor \u2014 said'), a participle that
 * takes its sentence's subject ('..., saying, "', 'with Trump yelling: "'), a
 * subordinate clause before the main one, and a second subject after
 * "and"/"but", "as"/"while". stance_q_np_verb() reads a noun phrase and its
 * verb for the partial quotes, stance_q_inverted_said() 'Said Jane Roe, "'.
 * The sieves that call them, their table and the direct/partial decision are
 * in sieves.c; the attribution after a quote is in sieves_after.c.
 */
#include "config.h"

#include "quotes_int.h"
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
size_t stance_q_before_aside(ctx *c, size_t cs, size_t open, size_t floor)
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
 * dashes ("Park \u2014 named by the Post as the choice \u2014", stance_q_before_aside()):
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
 * @p a0 is the attribution stance_q_try_before() started from. */
static int aside_then_clause(ctx *c, seg *q, size_t end, const attr *a0, attr *b, int *that_clause, size_t *tail_len)
{
    attr b3 = *a0;
    int tc3 = 0, r;
    size_t tl3 = 0;
    if (b->cue.end >= end || c->t[b->cue.end] != ',')
        return 0;
    if ((r = stance_q_try_before(c, q, b->cue.end + 1, end, &b3, &tc3, &tl3)) <= 0)
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
        if ((r2 = stance_q_try_before(c, q, we, end, &b2, &tc2, &tl2)) <= 0)
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

int stance_q_try_before(ctx *c, seg *q, size_t cs, size_t end, attr *a, int *that_clause, size_t *tail_len)
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
                if ((r2 = stance_q_try_before(c, q, k + 1, end, &b2, &tc2, &tl2)) < 0)
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
            if ((r2 = stance_q_try_before(c, q, we, end, &b2, &tc2, &tl2)) < 0)
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
int stance_q_np_verb(ctx *c, int which, size_t start, size_t end, const seg *q, attr *a)
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
            return stance_q_np_verb(c, which, v.end + 1, end, q, a); /* 'Despite the media attacks, Carson said that "' */
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

/* An inverted attribution before the mark: the capitalised run @p nm opens with
 * "Said"/"Says"/"Added"/"Asked" ('Said Jane Roe, "') or follows a lowercase
 * "said" ('But, said Jane Roe, "'). The run then names the speaker. */
int stance_q_inverted_said(ctx *c, stance_span *nm, size_t floor, attr *a)
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
