/*
 * sieves_subject.c - who is the subject (split from sieves.c): the helpers the
 * attribution sieves share to find the person a sentence or clause is about.
 * stance_q_subject_of() (the sentence's first name or he/she past lead-ins,
 * objects, possessives, datelines and roles), stance_q_name_ends_at(), and
 * stance_q_colon_subject() ('Jane Doe then addressed the crowd: "'), with the
 * word tests they use (articles, prepositions, subordinators). The sieves
 * themselves, their tables and the direct/partial decision stay in sieves.c;
 * the late sieves are in sieves_late.c.
 */
#include "config.h"

#include "quotes_int.h"

/* Is the lowercase word before @p pos (past spaces, within @p floor) on the
 * word lists @p lists: a preposition ("a message to Trump:", PREPS), an
 * article ("the", "a", "an": ARTICLE)? */
static int after_word_of(ctx *c, size_t pos, size_t floor, uint64_t lists)
{
    size_t s, e;
    stance_q_lower_word_before(c, pos, floor, &s, &e);
    return lq(c->t, s, e, lists);
}

int stance_dateline_mark(const char *t, size_t len, size_t e)
{
    e = skip_hs(t, e, len);
    return e < len && (t[e] == '-' || t[e] == '(' || is_dash_at(t, e, len));
}

/* Is the name a dateline: capitals only, then a dash or "(AP)" ("WASHINGTON -"), or a
 * comma at the start of its paragraph ("WASHINGTON, Dec. 8 (UPI) -")? */
static int dateline_at(ctx *c, const stance_name *nm)
{
    size_t k = nm->start, e = nm->end;
    if (k > 0 && c->t[k - 1] == '(' && e < c->len && c->t[e] == ')')
        return 1; /* "(UPI)", "(AP)" */
    for (; k < e; k = next1(c->t, k, c->len))
        if (lower_at(c->t, k, c->len))
            return 0;
    if (e - nm->start < 3)
        return 0;
    if (stance_dateline_mark(c->t, c->len, e))
        return 1;
    /* "WASHINGTON, Dec. 8 (UPI) -" opening its paragraph */
    e = skip_hs(c->t, e, c->len);
    return e < c->len && c->t[e] == ',' && (nm->start == 0 || c->t[nm->start - 1] == '\n');
}

/* The lowercase word [*s, *e) that ends at @p pos, past spaces, within @p floor
 * (empty when none). */
void stance_q_lower_word_before(ctx *c, size_t pos, size_t floor, size_t *s, size_t *e)
{
    *e = pos;
    while (*e > floor && stance_hspace(c->t, back1(c->t, *e), c->len))
        *e = back1(c->t, *e);
    *s = *e;
    while (*s > floor && letter_before(c->t, *s, c->len, -1))
        *s = back1(c->t, *s);
}

/* Is the word after @p pos (past spaces) lowercase? */
static int lower_follows(ctx *c, size_t pos)
{
    pos = skip_hs(c->t, pos, c->len);
    return pos < c->len && letter_case(c->t, pos, c->len) == -1;
}

/* Does the article before the name at @p pos open the sentence (or follow a
 * comma, with SUBJ_ARTICLE_COMMA in @p fl)? */
static int article_opens(ctx *c, size_t pos, size_t floor, unsigned fl)
{
    size_t s, e;
    stance_q_lower_word_before(c, pos, floor, &s, &e);
    while (s > floor && stance_hspace(c->t, back1(c->t, s), c->len))
        s = back1(c->t, s);
    return s == floor || ((fl & SUBJ_ARTICLE_COMMA) && c->t[s - 1] == ',');
}

/* Does the name @p nm follow an article "the" that opens the sentence at
 * @p ss (or follows a comma, with SUBJ_ARTICLE_COMMA in @p fl)? The run may
 * hold the article ("The Dalton Board" opening a sentence): *from is where
 * the noun phrase starts after it. */
static int the_opens(ctx *c, const stance_name *nm, size_t ss, unsigned fl, size_t *from)
{
    size_t i = nm->start, a1, a2;
    *from = nm->start;
    if (stance_chunk_next(c->t, &i, nm->end, c->len, &a1, &a2) && word_eq(c->t, a1, a2, "The") && a2 < nm->end)
        *from = skip_hs(c->t, a2, c->len);
    else if (nm->start <= ss || !stance_q_word_before(c, nm->start, ss, &a1, &a2) ||
             !(word_eq(c->t, a1, a2, "the") || word_eq(c->t, a1, a2, "The")))
        return 0;
    while (a1 > ss && stance_hspace(c->t, back1(c->t, a1), c->len))
        a1 = back1(c->t, a1);
    return a1 == ss || ((fl & SUBJ_ARTICLE_COMMA) && c->t[a1 - 1] == ',');
}

/* The end of a number that follows @p pos after one space, before @p lim
 * ("Channel 6", "Local 88": a number in an organisation's name), or @p pos. */
static size_t number_after(ctx *c, size_t pos, size_t lim)
{
    size_t d = pos + 1;
    if (pos >= lim || c->t[pos] != ' ')
        return pos;
    while (d < lim && c->t[d] >= '0' && c->t[d] <= '9')
        d++;
    return d > pos + 1 ? d : pos;
}

/* Is the name @p nm followed by a number and "'s" ("Channel 6's Dale Kim")? */
static int number_possessive(ctx *c, const stance_name *nm, size_t end)
{
    size_t d = number_after(c, nm->end, end);
    return d > nm->end && stance_possessive_at(c->t, c->len, d);
}

/* Do only lowercase words, the last a role or person noun, stand between the
 * name runs @p nm and @p nx ("Dalton Post columnist Jane Roe", "Lenby Trust
 * press officer Ida Brandt", or in commas "Lenby's Dalton state director,
 * Ida Brandt, said"): the first run qualifies the person named next. A
 * number right after the first run is part of its name ("Channel 6 anchor
 * Renee Fulton", "Local 88 president Mark Rios"). */
static int role_then_name(ctx *c, const stance_name *nm, const stance_name *nx, stance_span *role)
{
    size_t s, e, to = nx->start, from = number_after(c, nm->end, nx->start);
    if (nx->start <= nm->end)
        return 0;
    if (from < nx->start && !stance_hspace(c->t, from, c->len))
        from = nm->end;
    while (to > nm->end && stance_hspace(c->t, back1(c->t, to), c->len))
        to = back1(c->t, to);
    if (to > nm->end && c->t[to - 1] == ',' && nx->end < c->len && c->t[nx->end] == ',')
        to--; /* the name in apposition */
    else
        to = nx->start;
    if (!stance_q_only_lower_words(c, from, to))
        return 0;
    stance_q_lower_word_before(c, to, from, &s, &e);
    if (e <= s || !(stance_lex_classes(c->t + s, e - s) & (STANCE_LX(ROLE) | STANCE_LX(PERSON_NOUN))))
        return 0;
    if (role) { /* "Sanders was asked by host Bill Maher": the role is "host" */
        size_t i = from, ws, we;
        *role = (stance_span){nm->start, e};
        while (stance_chunk_next(c->t, &i, e, c->len, &ws, &we))
            if (lq(c->t, ws, we, STANCE_LQ(PREPS) | STANCE_LQ(AUX)))
                role->start = skip_hs(c->t, we, c->len);
    }
    return 1;
}

/* The role @p role found before the name @p nm by role_then_name() becomes
 * *@p b's role when it ends right before the name (spaces or a comma between). */
static void role_before(ctx *c, stance_span role, const stance_name *nm, attr *b)
{
    if (role.start != STANCE_NO_OFFSET && role.end <= nm->start && trim_r(c->t, role.end, nm->start, c->len) == role.end)
        b->role = role;
}

/* Is the one-word run @p nm, before a comma, a sentence adverb ('Likewise,', 'Importantly,')? */
static int sentence_adverb(ctx *c, const stance_name *nm, size_t end)
{
    return nm->ntok == 1 && nm->end < end && c->t[nm->end] == ',' && nm->end - nm->start > 4 &&
           (memcmp(c->t + nm->end - 2, "ly", 2) == 0 || memcmp(c->t + nm->end - 4, "wise", 4) == 0);
}

/* "A Park campaign official later walked back ...", "The Park campaign said":
 * a run opened by a capitalised article and followed by one to three
 * lowercase words, the last a role, person or organisation noun, is that noun
 * phrase (*@p b becomes STANCE_ATTR_NOUN over it). */
static void article_run_np(ctx *c, const stance_name *nm, size_t end, attr *b)
{
    size_t i = nm->start, ws, we, np_end = 0;
    if (!stance_chunk_next(c->t, &i, nm->end, c->len, &ws, &we) || we >= nm->end ||
        !(word_eq(c->t, ws, we, "A") || word_eq(c->t, ws, we, "An") || word_eq(c->t, ws, we, "The")))
        return;
    i = nm->end;
    for (int n = 0; n < 3 && stance_chunk_next(c->t, &i, end, c->len, &ws, &we) && lower_at(c->t, ws, c->len); n++) {
        size_t e = we > ws + 1 && c->t[we - 1] == ',' ? we - 1 : we; /* "The Ruiz campaign, in a Q&A, ...:" */
        if (!letter_at(c->t, e - 1, c->len))
            break;
        if (stance_lex_classes(c->t + ws, e - ws) & (STANCE_LX(ROLE) | STANCE_LX(PERSON_NOUN) | STANCE_LX(ORG_NOUN)))
            np_end = e;
        if (e < we)
            break;
    }
    if (np_end) {
        b->how = STANCE_ATTR_NOUN;
        b->spk.end = np_end;
    }
}

/* "Hillary Clinton's right-hand woman rallied supporters", "Obama's first
 * five questioners ranged from skeptical to hostile:": after the possessive
 * "'s" that ends the name @p nm, one to three lowercase words, the last a
 * person, role or group noun, then a lowercase word (the verb) before @p end:
 * that noun phrase, from the name on, is the subject (*@p b, STANCE_ATTR_NOUN). */
static int possessive_person_np(ctx *c, const stance_name *nm, size_t end, attr *b)
{
    size_t i = nm->last_end + (c->t[nm->last_end] == '\'' ? 2 : 4), ws, we, np_end = 0;
    for (int n = 0; n < 3 && stance_chunk_next(c->t, &i, end, c->len, &ws, &we) && lower_at(c->t, ws, c->len); n++) {
        if (stance_lex_classes(c->t + ws, we - ws) & (STANCE_LX(PERSON_NOUN) | STANCE_LX(ROLE) | STANCE_LX(GROUP_NOUN))) {
            np_end = we;
            break;
        }
        if (!letter_at(c->t, we - 1, c->len))
            return 0;
    }
    if (!np_end || !stance_chunk_next(c->t, &i, end, c->len, &ws, &we) || !lower_at(c->t, ws, c->len) ||
        lq(c->t, ws, we, STANCE_LQ(SUBJ_NOT_VERB)))
        return 0;
    b->how = STANCE_ATTR_NOUN;
    b->spk = (stance_span){nm->start, np_end};
    return 1;
}

/* Where run @p nm starts past the sentence openers it holds before its bare
 * name ("Then Kim", "And Dale Kim": LEADS words), or its start when none. */
static size_t past_leads(ctx *c, const stance_name *nm)
{
    size_t i = nm->start, ws, we, s = nm->start;
    while (stance_chunk_next(c->t, &i, nm->bare, c->len, &ws, &we) && lq(c->t, ws, we, STANCE_LQ(LEADS)))
        s = skip_hs(c->t, we, c->len);
    return s;
}

/* The length of the first word of [s, e). */
static size_t first_tok_len(const char *t, size_t s, size_t e)
{
    size_t k = s;
    while (k < e && t[k] != ' ')
        k++;
    return k - s;
}

/* The subject of the sentence [ss, end): its first word when that is he/she
 * (with @p pronoun), else its first name that is not inside a lead-in, a
 * quote, an object or a possessive. 1 and *@p b set, or 0. */
int stance_q_subject_of(ctx *c, size_t ss, size_t end, unsigned fl, attr *b)
{
    size_t i = ss, ws, we, fw = STANCE_NO_OFFSET;
    long k, first = -1, last;
    stance_span role = NOSPAN;
    int g;
    if (stance_chunk_next(c->t, &i, end, c->len, &ws, &we)) {
        fw = ws; /* the sentence's first word */
        if ((fl & SUBJ_PRONOUN) && (word_eq(c->t, ws, we, "Then") || word_eq(c->t, ws, we, "And") ||
                                    word_eq(c->t, ws, we, "But") || word_eq(c->t, ws, we, "Later"))) {
            size_t j = we, p1, p2; /* "Then he cut into Bush, calling him" */
            if (stance_chunk_next(c->t, &j, end, c->len, &p1, &p2) && stance_names_pronoun(c->t, p1, p2, &g) == 1) {
                ws = p1;
                we = p2;
            }
        }
        if ((fl & SUBJ_PRONOUN) && stance_names_pronoun(c->t, ws, we, &g) == 1) {
            b->how = STANCE_ATTR_PRONOUN;
            b->spk = (stance_span){ws, we};
            b->gender = g;
            return 1;
        }
        if ((fl & SUBJ_PRONOUN) && (ing_word(c->t, ws, we) || lq(c->t, ws, we, STANCE_LQ(SENT_INTRO)))) {
            /* "Speaking in his real voice again, he proceeded to recite ..., saying": the
             * pronoun after an opening phrase (no name of its own before its comma) */
            size_t cm = we, stop = we + 200 < end ? we + 200 : end, n1, n2;
            while (cm < stop && c->t[cm] != ',' && c->t[cm] != '\n')
                cm++;
            long nb = cm < stop ? name_before(c, cm) : -1;
            if (cm < stop && c->t[cm] == ',' && (nb < 0 || c->names->v[nb].start <= ws)) {
                size_t j = cm + 1;
                if (stance_chunk_next(c->t, &j, end, c->len, &n1, &n2) && stance_names_pronoun(c->t, n1, n2, &g) == 1) {
                    b->how = STANCE_ATTR_PRONOUN;
                    b->spk = (stance_span){n1, n2};
                    b->gender = g;
                    return 1;
                }
            }
        }
    }
    last = name_before(c, end);
    for (k = last; k >= 0 && c->names->v[k].start >= ss; k--)
        first = k;
    if (first < 0)
        return 0;
    /* the first name that is not inside a lead-in ("At Sunday's debate, Sanders
     * compared ...", "Hours after the vote, Trump ...") */
    for (k = first; k <= last; k++) {
        const stance_name *nm = &c->names->v[k];
        size_t a1 = nm->start, a2, n1, n2;
        if (nm->end > end)
            break;
        if (nm->last_end - nm->bare < 2)
            continue; /* an initial ("U.S." read as "S") */
        if (sentence_adverb(c, nm, end))
            continue; /* 'Likewise, ...' */
        i = a1;
        if (stance_chunk_next(c->t, &i, nm->end, c->len, &a1, &a2) && lq(c->t, a1, a2, STANCE_LQ(PREP_LEAD)))
            continue;
        i = nm->end;
        if (stance_chunk_next(c->t, &i, end, c->len, &n1, &n2) && lq(c->t, n1, n2, STANCE_LQ(NOT_SUBJ)) &&
            !stance_q_on_weekday(c, n1, n2, end)) {
            /* 'The Dalton Board of Elections was firm in its findings:': a
             * name, "of", a name, after the article opening the sentence, is
             * one noun phrase (the names list splits it at "of") */
            const stance_name *nx = k < last ? &c->names->v[k + 1] : NULL;
            size_t x1, x2;
            if (nx && (fl & SUBJ_ARTICLE) && word_eq(c->t, n1, n2, "of") && skip_hs(c->t, n2, c->len) == nx->start &&
                nx->end <= end && the_opens(c, nm, ss, fl, &x1) && !stance_q_in_quote(c, nm->start, c->n) &&
                !stance_possessive_at(c->t, c->len, nx->last_end)) {
                size_t from = x1;
                i = nx->end;
                if (stance_chunk_next(c->t, &i, end, c->len, &x1, &x2) && lq(c->t, x1, x2, STANCE_LQ(NOT_SUBJ)))
                    continue;
                b->how = STANCE_ATTR_NOUN;
                b->spk = (stance_span){from, nx->end};
                return 1;
            }
            size_t nxe = nx ? number_after(c, nx->end, end) : 0; /* "Dale Kim of Channel 6, opened" */
            if (nx && nm->ntok >= 2 && (word_eq(c->t, n1, n2, "of") || word_eq(c->t, n1, n2, "from")) &&
                ((skip_hs(c->t, n2, c->len) == nx->start && nxe < end && c->t[nxe] == ',' && nx->ntok <= 2) ||
                 stance_q_of_the_org(c, n2, nx, end)) &&
                stance_names_is_first_name(c->t + nm->bare, first_tok_len(c->t, nm->bare, nm->last_end)) &&
                !stance_q_in_quote(c, nm->start, c->n) && !after_word_of(c, nm->start, ss, STANCE_LQ(PREPS))) {
                b->how = STANCE_ATTR_NAME; /* "Sen. Jane Roe of Ohio, the ..., said" */
                b->spk = (stance_span){nm->start, nm->end};
                return 1;
            }
            continue;
        }
        if (stance_q_in_quote(c, nm->start, c->n))
            continue;
        if (nm->ntok == 1 && stance_names_is_title(c->t + nm->bare, nm->last_end - nm->bare))
            continue; /* "Republican presidential candidate Donald Trump" */
        if (stance_possessive_at(c->t, c->len, nm->last_end)) {
            if (possessive_person_np(c, nm, end, b))
                return 1; /* "Hillary Clinton's right-hand woman rallied supporters, saying" */
            continue;     /* "Clinton's plan drew praise, ..." */
        }
        if (dateline_at(c, nm) || stance_name_address_abbrev(c->t, c->len, nm) || number_possessive(c, nm, end))
            continue; /* "WASHINGTON - Jane Roe's aide rallied supporters, saying", "in Dover, Del., and called",
                       * "Channel 6's Dale Kim" (the station's person follows) */
        if (nm->start > ss && (after_word_of(c, nm->start, ss, STANCE_LQ(PREPS)) ||
                               (after_word_of(c, nm->start, ss, STANCE_LQ(ARTICLE)) &&
                                !((fl & SUBJ_ARTICLE) && article_opens(c, nm->start, ss, fl)))))
            continue; /* "the fatal shooting of Keith Scott", "along the Mexican border" */
        if (nm->ntok == 1 && nm->start == fw && past_leads(c, nm) == nm->start && lower_follows(c, nm->end) &&
            stance_q_surname_runs(c, k) == 1)
            continue; /* "Band member Flea", "Small groups of protesters": a capital word the
                       * article never uses again opens the sentence (not "Then Kim opened") */
        if (k < last && role_then_name(c, nm, &c->names->v[k + 1], &role) && c->names->v[k + 1].end <= end)
            continue; /* "Dalton Post columnist Jane Roe calls ...": the person after the role */
        b->how = STANCE_ATTR_NAME;
        b->spk = (stance_span){past_leads(c, nm), nm->end}; /* not "Then" of "Then Kim" */
        role_before(c, role, nm, b);
        article_run_np(c, nm, end, b);
        return 1;
    }
    return 0;
}

/* "for the Valley Post went": "for", "of", "at" or "with" [@p ws, @p we), "the" or
 * none, then a name of the names list (no comma or possessive at its end,
 * before @p end): the name's end, or 0. */
static size_t of_org_end(ctx *c, size_t ws, size_t we, size_t end)
{
    size_t i = we, a1, a2;
    long k;
    if (!(word_eq(c->t, ws, we, "for") || word_eq(c->t, ws, we, "of") || word_eq(c->t, ws, we, "at") ||
          word_eq(c->t, ws, we, "with")))
        return 0;
    if (!stance_chunk_next(c->t, &i, end, c->len, &a1, &a2))
        return 0;
    if (!word_eq(c->t, a1, a2, "the"))
        a1 = skip_hs(c->t, we, c->len);
    else
        a1 = skip_hs(c->t, a2, c->len);
    k = name_before(c, a1 + 1);
    if (k < 0 || c->names->v[k].start != a1 || c->names->v[k].end >= end || c->t[c->names->v[k].end] == ',' ||
        stance_possessive_at(c->t, c->len, c->names->v[k].last_end))
        return 0;
    return c->names->v[k].end;
}

/* 'The moderator followed up, asking: "', 'One audience member stood up,
 * asking: "': the sentence [ss, end) opens with "The", "A", "An", "One",
 * "Another" or "Each", then one to three lowercase words, the last a person,
 * role, group or organisation noun (and the next no such noun), then a
 * lowercase word that can be its verb (not a preposition, conjunction or
 * "who": SUBJ_NOT_VERB): that noun phrase is the subject (*@p b,
 * STANCE_ATTR_NOUN), not the clause up to the participle. */
int stance_q_article_subject(ctx *c, size_t ss, size_t end, attr *b)
{
    const uint64_t heads = STANCE_LX(PERSON_NOUN) | STANCE_LX(ROLE) | STANCE_LX(GROUP_NOUN) | STANCE_LX(ORG_NOUN);
    size_t i = ss, ws, we, np_end = 0;
    unsigned fl_pp = 1;
    if (!stance_chunk_next(c->t, &i, end, c->len, &ws, &we) ||
        !(word_eq(c->t, ws, we, "The") || word_eq(c->t, ws, we, "A") || word_eq(c->t, ws, we, "An") ||
          word_eq(c->t, ws, we, "One") || word_eq(c->t, ws, we, "Another") || word_eq(c->t, ws, we, "Each")))
        return 0;
    for (int n = 0; n < 4 && stance_chunk_next(c->t, &i, end, c->len, &ws, &we); n++) {
        if (!lower_at(c->t, ws, c->len) || !letter_at(c->t, we - 1, c->len))
            return 0;
        if (np_end) {
            size_t pe;
            if (stance_lex_classes(c->t + ws, we - ws) & heads)
                np_end = we; /* "The campaign official" */
            else if ((fl_pp & 1) && (pe = of_org_end(c, ws, we, end)) != 0) {
                np_end = pe; /* "A columnist for the Valley Post" */
                fl_pp = 0;
                i = pe;
                if (!stance_chunk_next(c->t, &i, end, c->len, &ws, &we) || !lower_at(c->t, ws, c->len) ||
                    lq(c->t, ws, we, STANCE_LQ(SUBJ_NOT_VERB)))
                    return 0;
                break;
            } else if (lq(c->t, ws, we, STANCE_LQ(SUBJ_NOT_VERB)) || n > 3)
                return 0;
            else
                break; /* the verb */
        } else if (n < 3 && (stance_lex_classes(c->t + ws, we - ws) & heads))
            np_end = we;
    }
    if (!np_end || we <= np_end)
        return 0;
    b->how = STANCE_ATTR_NOUN;
    b->spk = (stance_span){skip_hs(c->t, ss, c->len), np_end};
    return 1;
}

/* A name of @p min_tok words or more ending at @p pos (after @p floor): the speaker. */
int stance_q_name_ends_at(ctx *c, size_t pos, size_t floor, unsigned min_tok, attr *b)
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

/* Does the chunk [s, e) open with a capitalised subordinator ("After", "When",
 * "While", "Because" ...: a sentence opener that leads a clause)? */
int stance_q_sub_opener(ctx *c, size_t s, size_t e)
{
    size_t i = s, ws, we;
    return stance_chunk_next(c->t, &i, e, c->len, &ws, &we) && upper_at(c->t, ws, c->len) &&
           lq(c->t, ws, we, STANCE_LQ(SENT_INTRO)) && lq(c->t, ws, we, STANCE_LQ(LEAD)) &&
           (stance_lex_classes_lower(c->t + ws, we - ws) & (STANCE_LX(CONJ) | STANCE_LX(COND)));
}

static int colon_subject_at(ctx *c, size_t cs, size_t ce, attr *a);

/* 'Jane Doe then addressed the crowd: "...': a clause that ends with a colon
 * and has no reporting verb introduces a quote of its subject, the name (or
 * he/she) that opens the clause [cs, ce) and is followed by a verb. The
 * subject may follow an introductory phrase of up to six words and its comma
 * ('But back in Lenby, she returned to her old lines: "', 'As for Lund, he
 * seems content: "'). */
int stance_q_colon_subject(ctx *c, size_t cs, size_t ce, attr *a)
{
    size_t i = cs, ws, we;
    if (colon_subject_at(c, cs, ce, a))
        return 1;
    for (int n = 0; n < 6 && stance_chunk_next(c->t, &i, ce, c->len, &ws, &we); n++) {
        size_t ml;
        for (size_t k = ws; k < we; k++)
            if (mark_at(c->t, k, c->len, &ml) != MK_NONE)
                return 0;
        if (c->t[we - 1] == ',')
            return n > 0 && colon_subject_at(c, we, ce, a);
    }
    return 0;
}

static int colon_subject_at(ctx *c, size_t cs, size_t ce, attr *a)
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
        else if (lq(c->t, ws, w2, STANCE_LQ(INTRO)) || stance_q_sub_opener(c, ws, w2)) {
            /* 'In 1998, Governor ...', 'When X died, Y released ...:': skip up to the comma */
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
        if (k >= 0 && c->t[ws] >= 'a' && c->t[ws] <= 'z' && skip_hs(c->t, we, c->len) == c->names->v[k].start &&
            (stance_lex_classes_lower(c->t + ws, we - ws) & (STANCE_LX(PERSON_NOUN) | STANCE_LX(ROLE))))
            ws = c->names->v[k].start; /* "resident Arthur Beaumont put a question to Doe:": the name after its role */
        if (k >= 0 && c->names->v[k].start == ws && c->names->v[k].ntok == 1 && (size_t)k + 1 < c->names->n &&
            stance_names_is_title(c->t + c->names->v[k].bare, c->names->v[k].last_end - c->names->v[k].bare) &&
            stance_q_only_lower_words(c, c->names->v[k].end, c->names->v[k + 1].start)) {
            /* "Republican presidential nominee Donald Trump issued ...:": the name after the role */
            k++;
            ws = c->names->v[k].start;
        } else if (k >= 0 && c->names->v[k].start == ws && (size_t)k + 1 < c->names->n &&
                   c->names->v[k + 1].end < ce && role_then_name(c, &c->names->v[k], &c->names->v[k + 1], NULL)) {
            k++; /* "A Dalton Post reporter Jane Roe tweeted:": the person after the role */
            ws = c->names->v[k].start;
        }
        if (k >= 0 && c->names->v[k].start == ws &&
            stance_possessive_at(c->t, c->len, c->names->v[k].last_end) &&
            possessive_person_np(c, &c->names->v[k], ce, a))
            goto found; /* "Obama's first five questioners ranged from skeptical to hostile:" */
        if (k < 0 || c->names->v[k].start != ws || c->names->v[k].end >= ce || !stance_q_is_subject(c, &c->names->v[k]) ||
            dateline_at(c, &c->names->v[k]))
            return 0;
        if (sentence_adverb(c, &c->names->v[k], ce))
            return 0; /* 'Likewise, a paper ...': a sentence adverb, not a name */
        a->how = STANCE_ATTR_NAME;
        a->spk = (stance_span){c->names->v[k].start, c->names->v[k].end};
        article_run_np(c, &c->names->v[k], ce, a); /* "The Clinton campaign, in a Q&A, worded it:" */
    }
found:
    a->role = a->cue = NOSPAN;
    a->a_start = cs;
    a->a_end = ce;
    return 1;
}

/* 'Pratt said he would keep it, a position (that) Castellano called "...':
 * after the last comma between the cue of the attribution before a partial
 * quote (ending at @p from) and its mark, an object relative (an article,
 * lowercase words, "that"/"which", then a name or he/she, a reporting verb and
 * at most two words before the mark) names its own speaker: its subject. 1
 * and *@p a set; 0; <0 error. */
int stance_q_relative_after_comma(ctx *c, const seg *q, size_t from, attr *a)
{
    size_t k = q->open, i, ws, we, ss;
    int r, lw = 0, g;
    attr b = *a;
    stance_span np, v, tail;
    while (k > from && c->t[k - 1] != ',')
        k--;
    if (k <= from)
        return 0;
    if ((r = stance_q_run(c, P_PARTIAL, k, q->open)) <= 0)
        return r;
    np = group(c, 1);
    v = group(c, 2);
    tail = group(c, 3);
    for (i = tail.start, g = 0; stance_chunk_next(c->t, &i, tail.end, c->len, &ws, &we);)
        if (++g > 2)
            return 0;
    i = np.start;
    if (!stance_chunk_next(c->t, &i, np.end, c->len, &ws, &we) || !lq(c->t, ws, we, STANCE_LQ(ARTICLE)))
        return 0;
    for (ss = STANCE_NO_OFFSET; ss == STANCE_NO_OFFSET && stance_chunk_next(c->t, &i, np.end, c->len, &ws, &we);) {
        if (lw && (word_eq(c->t, ws, we, "that") || word_eq(c->t, ws, we, "which"))) {
            if (!stance_chunk_next(c->t, &i, np.end, c->len, &ws, &we))
                return 0;
            if (letter_case(c->t, ws, c->len) != 1 && !stance_names_pronoun(c->t, ws, we, &g))
                return 0;
            ss = ws;
        } else if (lw && (letter_case(c->t, ws, c->len) == 1 || stance_names_pronoun(c->t, ws, we, &g)))
            ss = ws;
        else if (letter_case(c->t, ws, c->len) == -1)
            lw++;
        else
            return 0;
    }
    if (ss == STANCE_NO_OFFSET)
        return 0;
    b.role = NOSPAN;
    if (!stance_q_parse_np(c, ss, np.end, NP_AT_VERB, &b) ||
        (b.how != STANCE_ATTR_NAME && b.how != STANCE_ATTR_PRONOUN))
        return 0;
    b.cue = v;
    return stance_q_found(a, &b, ss, v.end);
}

/* 'Mayor Jo Roe, who ..., said the council had offered "...': the attribution
 * *@p a before a partial quote whose subject stands inside the complement of
 * an earlier reporting verb of its clause (from @p cs; "that" after that verb
 * or before the subject, or no comma between them), as when the window before
 * the mark cut the clause: that verb's subject (a name or he/she) speaks. 1
 * and *@p a replaced; 0; <0 error. */
int stance_q_outer_said(ctx *c, size_t cs, attr *a)
{
    size_t ss = a->spk.start, i, ws, we;
    stance_span np, v;
    attr b = *a;
    int r, comp;
    cs = skip_hs(c->t, cs, c->len);
    if (a->how == STANCE_ATTR_NONE || ss == STANCE_NO_OFFSET || ss <= cs)
        return 0;
    if ((r = stance_q_run(c, P_IND_SAID, cs, a->spk.end)) <= 0)
        return r;
    np = group(c, 1);
    v = group(c, 2);
    if (v.end >= ss || stance_q_sub_opener(c, np.start, np.end))
        return 0; /* (not 'After Trump argued that ..., Rubio said that his "') */
    if (stance_q_word_before(c, ss, v.end, &ws, &we) && lq(c->t, ws, we, STANCE_LQ(CLAUSE_OPEN)) &&
        !word_eq(c->t, ws, we, "that") && !word_eq(c->t, ws, we, "what")) {
        size_t k = ws;
        while (k > v.end && stance_hspace(c->t, back1(c->t, k), c->len))
            k = back1(c->t, k);
        if (k > v.end && c->t[k - 1] == ',')
            return 0; /* (not 'Rubio suggested that ..., while Cruz said that the "': a clause of its own) */
    }
    i = v.end;
    comp = (stance_chunk_next(c->t, &i, ss, c->len, &ws, &we) && word_eq(c->t, ws, we, "that")) ||
           (stance_q_word_before(c, ss, v.end, &ws, &we) && word_eq(c->t, ws, we, "that"));
    i = ss;
    comp |= stance_chunk_next(c->t, &i, a->spk.end, c->len, &ws, &we) && word_eq(c->t, ws, we, "that");
    if (!comp && memchr(c->t + v.end, ',', ss - v.end))
        return 0;
    b.role = NOSPAN;
    if (!stance_q_parse_np(c, np.start, np.end, 0, &b) || (b.how != STANCE_ATTR_NAME && b.how != STANCE_ATTR_PRONOUN) ||
        b.spk.start >= v.start)
        return 0;
    b.cue = v;
    return stance_q_found(a, &b, np.start, v.end);
}
