/*
 * np.c - noun-phrase recognisers: the subject chunk of an attribution
 * ("Jane Doe, the mayor,", "a spokesman for the campaign", "he") read into a
 * speaker mention, its role and its kind (name, noun phrase, pronoun). Each
 * recogniser looks at the words of the chunk and either claims it or passes.
 */
#include "config.h"

#include "quotes_int.h"

static int cap_token(const char *t, size_t ws, size_t we, size_t len);
static size_t noun_phrase_len(const char *t, size_t (*tok)[2], size_t nt);
static int np_word(const char *t, size_t *i, size_t e, size_t len, size_t *ws, size_t *we);
static int role_then_name(const char *t, size_t (*tok)[2], size_t nt, size_t len);
static int part_role_then_name(const char *t, size_t s, size_t e, size_t len);
static long name_at(ctx *c, size_t pos);
static int leadin_part(ctx *c, size_t s, size_t e);
static int leadin_more(ctx *c, size_t (*parts)[2], size_t j, size_t np);
static int possessive_end(const char *t, size_t s, size_t e);
static int role_part(ctx *c, size_t s, size_t e);
static int whole_name(ctx *c, size_t s, size_t e, unsigned min_tok);
static int name_tokens(const char *t, size_t (*tok)[2], size_t r0, size_t r1, attr *a);

/* Is [ws, we) a capitalised name token (incl. initials, abbreviations, particles, suffixes)? */
static int cap_token(const char *t, size_t ws, size_t we, size_t len)
{
    if (letter_case(t, ws, len) == 1)
        return 1;
    if (t[ws] == '(' && t[we - 1] == ')')
        return 1; /* (R-Fla.) */
    if (we - ws > 2 && (t[ws] == '"' || (unsigned char)t[ws] == 0xE2) && (t[we - 1] == '"' || (unsigned char)t[we - 1] == 0x9D)) {
        size_t ml = 0;
        if (mark_at(t, ws, len, &ml) != MK_NONE && ws + ml < we && letter_case(t, ws + ml, len) == 1)
            return 1; /* a nickname: Marcia "Cia" Price */
    }
    if (stance_lex_is(t + ws, we - ws, STANCE_LX(PARTICLE)))
        return 2;
    if (t[ws] == '(' && we - ws <= 3)
        return 0;
    return 0;
}

/* How many of tokens [0, nt) make a noun phrase that speaks (0: none)? It
 * stops before a modal or a verb ("a reporter can be heard", "his campaign
 * sent out ..."); it is no opening phrase ("In other words", "Because of how
 * ...", "Tuesday at ..."), does not end in a preposition ("his plans by") and
 * does not open with a parenthesis. */
static size_t noun_phrase_len(const char *t, size_t (*tok)[2], size_t nt)
{
    for (size_t j = 1; j < nt; j++)
        if (lq(t, tok[j][0], tok[j][1], STANCE_LQ(AUX))) {
            nt = j; /* "a reporter can be heard asking": "a reporter" */
            break;
        }
    if (nt == 0 || t[tok[0][0]] == '(' || lq(t, tok[0][0], tok[0][1], STANCE_LQ(LEAD)) ||
        lq(t, tok[nt - 1][0], tok[nt - 1][1], STANCE_LQ(PREPS)))
        return 0;
    return nt;
}

/* stance_chunk_next(), with a parenthesis as one token: "(D-Newport News)". */
static int np_word(const char *t, size_t *i, size_t e, size_t len, size_t *ws, size_t *we)
{
    if (!stance_chunk_next(t, i, e, len, ws, we))
        return 0;
    if (t[*ws] == '(' && t[*we - 1] != ')') {
        size_t k = *we;
        while (k < e && k - *ws < 40 && t[k] != ')' && t[k] != '(')
            k++;
        if (k < e && t[k] == ')')
            *we = *i = k + 1;
    }
    return 1;
}

/* Do the tokens end with a name of two words or more that no preposition
 * introduces: "state Del. Jane Roe", "the campaign manager John Doe" (not "a
 * spokesman for Jane Roe")? */
static int role_then_name(const char *t, size_t (*tok)[2], size_t nt, size_t len)
{
    size_t r = nt, bs, be, last;
    while (r > 0 && cap_token(t, tok[r - 1][0], tok[r - 1][1], len) == 1)
        r--;
    if (r == 0 || nt - r < 2 || lq(t, tok[r - 1][0], tok[r - 1][1], STANCE_LQ(PREPS)))
        return 0;
    bs = tok[r][0];
    be = tok[nt - 1][1];
    if (stance_names_bare(t, &bs, &be, &last) < 2)
        return 0;
    /* a person's name: a first name, or a title before it ("Del. Jane Roe"), not
     * "the House Armed Services Committee" */
    {
        size_t i = bs, ws, we;
        if (stance_chunk_next(t, &i, be, len, &ws, &we) && stance_names_is_first_name(t + ws, we - ws))
            return 1;
        /* (the title word right before the name, an abbreviation: "Del.", "Sen.") */
        ws = bs > tok[r][0] ? back1(t, bs) : tok[r - 1][1];
        while (ws > tok[0][0] && stance_hspace(t, back1(t, ws), len))
            ws = back1(t, ws);
        return ws > tok[0][0] && t[ws - 1] == '.';
    }
}

static int part_role_then_name(const char *t, size_t s, size_t e, size_t len)
{
    size_t tok[12][2], nt = 0, i = s;
    while (nt < 12 && np_word(t, &i, e, len, &tok[nt][0], &tok[nt][1]))
        nt++;
    return nt < 12 && role_then_name(t, tok, nt, len);
}

/* The name run that starts at @p pos, or -1. */
static long name_at(ctx *c, size_t pos)
{
    long k = name_before(c, pos + 1);
    return k >= 0 && c->names->v[k].start == pos ? k : -1;
}

/* Does the comma part [s, e) open a sentence with a lead-in ("In Berea",
 * "Tuesday at the university", "After the vote") rather than a name? */
static int leadin_part(ctx *c, size_t s, size_t e)
{
    size_t i = s, ws, we;
    return stance_chunk_next(c->t, &i, e, c->len, &ws, &we) && lq(c->t, ws, we, STANCE_LQ(OPEN));
}

/* After a lead-in, is comma part @p j of @p np still part of it: a clause
 * opened by a lowercase preposition ("after winning Ohio") or one capital
 * word ("OH") before a part that opens with a name of two words or more? */
static int leadin_more(ctx *c, size_t (*parts)[2], size_t j, size_t np)
{
    size_t i = parts[j][0], ws, we, w2s, w2e;
    if (!stance_chunk_next(c->t, &i, parts[j][1], c->len, &ws, &we))
        return 0;
    if (lq(c->t, ws, we, STANCE_LQ(PREP)))
        return 1;
    if (cap_token(c->t, ws, we, c->len) != 1 || stance_chunk_next(c->t, &i, parts[j][1], c->len, &w2s, &w2e))
        return 0;
    for (size_t m = j + 1; m < np; m++) {
        long k = name_at(c, trim_l(c->t, parts[m][0], parts[m][1], c->len));
        if (k >= 0 && c->names->v[k].ntok >= 2)
            return 1;
    }
    return 0;
}

/* Does the word [s, e) end in a possessive "'s" / "\u2019s" (or "s'")? */
static int possessive_end(const char *t, size_t s, size_t e)
{
    return (e - s > 2 && t[e - 2] == '\'' && t[e - 1] == 's') ||
           (e - s > 4 && memcmp(t + e - 4, "\xE2\x80\x99s", 4) == 0) || (e - s > 2 && t[e - 2] == 's' && t[e - 1] == '\'');
}

/* Does the comma part [s, e) read as a role ("president and CEO of the
 * association", "a lawyer for the union"): lowercase, not opened by a pronoun,
 * a verb ("has set up", "said after ...", "-ed", "-ing") or "that", and no
 * "that" clause inside? */
static int role_part(ctx *c, size_t s, size_t e)
{
    size_t i = s, ws, we, w2, w3;
    int g;
    if (!stance_chunk_next(c->t, &i, e, c->len, &ws, &we) || letter_case(c->t, ws, c->len) != -1 ||
        stance_names_pronoun(c->t, ws, we, &g) || lq(c->t, ws, we, STANCE_LQ(BREAKERS)) ||
        lq(c->t, ws, we, STANCE_LQ(NOT_ROLE)) || ing_word(c->t, ws, we) ||
        (we - ws > 3 && memcmp(c->t + we - 2, "ed", 2) == 0))
        return 0;
    while (stance_chunk_next(c->t, &i, e, c->len, &w2, &w3))
        if (word_eq(c->t, w2, w3, "that"))
            return 0;
    return 1;
}

/* Is [s, e) (spaces trimmed) one name run of @p min_tok words or more? */
static int whole_name(ctx *c, size_t s, size_t e, unsigned min_tok)
{
    long k;
    s = trim_l(c->t, s, e, c->len);
    e = trim_r(c->t, s, e, c->len);
    k = name_at(c, s);
    return e > s && k >= 0 && c->names->v[k].end == e && c->names->v[k].ntok >= min_tok;
}

/* Tokens [r0, r1) as the speaker, when they make a name of two words or more. */
static int name_tokens(const char *t, size_t (*tok)[2], size_t r0, size_t r1, attr *a)
{
    size_t bs = tok[r0][0], be = tok[r1 - 1][1], last;
    if (stance_names_bare(t, &bs, &be, &last) < 2)
        return 0;
    a->how = STANCE_ATTR_NAME;
    a->spk = (stance_span){tok[r0][0], tok[r1 - 1][1]};
    return 1;
}

int stance_q_parse_np(ctx *c, size_t s, size_t e, unsigned flags, attr *a)
{
    const int verb_first = (flags & NP_VERB_FIRST) != 0;
    const char *t = c->t;
    size_t len = c->len;
    size_t parts[8][2], np = 0, i, ns, ne, ws, we;
    int appositive, rel_cut = 0;
    size_t tok[24][2], nt = 0;
    s = trim_l(t, s, e, len);
    e = trim_r(t, s, e, len);
    if (e <= s)
        return 0;
    appositive = 0;
    {
        size_t k = skip_hs(t, e, len);
        /* the original chunk ended with a comma: "X, ROLE, said" */
        if (!verb_first && k < c->len && t[k] == ',')
            appositive = 1;
    }
    /* Split at commas (outside parentheses). */
    {
        size_t ps = s;
        int depth = 0;
        for (i = s; i < e; i++) {
            if (t[i] == '(')
                depth++;
            else if (t[i] == ')' && depth)
                depth--;
            else if (t[i] == ',' && !depth) {
                if (np < 8) {
                    parts[np][0] = ps;
                    parts[np][1] = i;
                    np++;
                }
                ps = i + 1;
            }
        }
        if (np < 8) {
            parts[np][0] = ps;
            parts[np][1] = e;
            np++;
        }
    }
    if (appositive && np >= 2 && leadin_part(c, parts[0][0], parts[0][1])) {
        /* "In Berea, OH, Gov. John Kasich (R-OH), said": the lead-in parts go */
        size_t drop = 1;
        while (drop + 1 < np && leadin_more(c, parts, drop, np))
            drop++;
        memmove(parts, parts + drop, (np - drop) * sizeof parts[0]);
        np -= drop;
    }
    if (verb_first) {
        ns = parts[0][0];
        ne = parts[0][1];
        if (np > 1) {
            a->role.start = trim_l(t, parts[1][0], parts[1][1], len);
            a->role.end = trim_r(t, a->role.start, parts[np - 1][1], len);
            if (a->role.end - a->role.start > 160)
                a->role = NOSPAN;
        }
    } else if (appositive && np >= 2) {
        ns = parts[0][0];
        ne = parts[0][1];
        /* "Trump's spokeswoman, Hope Hicks," : the name is the capitalised part. */
        {
            size_t k = parts[0][0], a1, b1;
            int all_cap0 = 1, all_cap1 = 1;
            while (stance_chunk_next(t, &k, parts[0][1], len, &a1, &b1))
                if (!cap_token(t, a1, b1, len))
                    all_cap0 = 0;
            k = parts[1][0];
            while (stance_chunk_next(t, &k, parts[1][1], len, &a1, &b1))
                if (!cap_token(t, a1, b1, len))
                    all_cap1 = 0;
            if (!all_cap0 && !all_cap1 && np >= 3) {
                /* "On Tuesday in Berea, Gov. John Kasich (R-OH), said": a lead-in, then the name */
                for (size_t pi = 1; pi < np; pi++) {
                    int allc = 1, any = 0;
                    k = parts[pi][0];
                    while (stance_chunk_next(t, &k, parts[pi][1], len, &a1, &b1)) {
                        any = 1;
                        if (!cap_token(t, a1, b1, len))
                            allc = 0;
                    }
                    if (any && allc) {
                        ns = parts[pi][0];
                        ne = parts[pi][1];
                        if (pi + 1 < np) {
                            a->role.start = trim_l(t, parts[pi + 1][0], parts[np - 1][1], len);
                            a->role.end = trim_r(t, a->role.start, parts[np - 1][1], len);
                        }
                        break;
                    }
                }
            } else if (!all_cap0 && !all_cap1 && np == 2 && part_role_then_name(t, parts[1][0], parts[1][1], len)) {
                /* "Scott's niece, state Del. Jane Roe (D-Ohio),": the name is in the second part */
                ns = parts[1][0];
                ne = parts[1][1];
                a->role.start = trim_l(t, parts[0][0], parts[0][1], len);
                a->role.end = trim_r(t, a->role.start, parts[0][1], len);
            } else if (!all_cap0 && all_cap1 && np == 2) {
                ns = parts[1][0];
                ne = parts[1][1];
                a->role.start = trim_l(t, parts[0][0], parts[0][1], len);
                a->role.end = trim_r(t, a->role.start, parts[0][1], len);
            } else {
                a->role.start = trim_l(t, parts[1][0], parts[np - 1][1], len);
                a->role.end = trim_r(t, a->role.start, parts[np - 1][1], len);
            }
        }
    } else {
        ns = parts[np - 1][0];
        ne = parts[np - 1][1];
        /* "Jane Doe, who coined the word, once said": the part before the relative clause */
        if (np >= 2) {
            size_t k = ns, a1, b1;
            /* (and "Jane Doe, president and CEO of the association stated": a lowercase role
             * after a part that is a whole name of two words or more) */
            if (stance_chunk_next(t, &k, ne, len, &a1, &b1) &&
                (lq(t, a1, b1, STANCE_LQ(REL1)) ||
                 (role_part(c, ns, ne) && whole_name(c, parts[np - 2][0], parts[np - 2][1], 2)))) {
                ns = parts[np - 2][0];
                ne = parts[np - 2][1];
                if (a->role.start == STANCE_NO_OFFSET) {
                    a->role.start = trim_l(t, parts[np - 1][0], parts[np - 1][1], len);
                    a->role.end = trim_r(t, a->role.start, parts[np - 1][1], len);
                }
            }
        }
    }
    ns = trim_l(t, ns, ne, len);
    ne = trim_r(t, ns, ne, len);
    if (ne <= ns)
        return 0;
    /* Tokens; drop leading conjunctions. */
    i = ns;
    while (np_word(t, &i, ne, len, &ws, &we)) {
        if (nt == 0 && lq(t, ws, we, STANCE_LQ(LEADS)))
            continue;
        if (nt > 0 && lq(t, ws, we, STANCE_LQ(REL0))) {
            rel_cut = 1;
            break; /* "Sen. Jim Whelan who represents ..." */
        }
        if (verb_first && nt > 0 &&
            lq(t, ws, we, STANCE_LQ(REL_TIME)))
            break; /* 'said Jane Doe during the debate', 'said X when asked' */
        if (verb_first && nt > 0 && we - ws == 2 && memcmp(t + ws, "as", 2) == 0 &&
            cap_token(t, tok[nt - 1][0], tok[nt - 1][1], len) == 1)
            break; /* 'said Sanders as he closed out' (not 'the chief known as Bob') */
        if (nt >= 24)
            return 0;
        tok[nt][0] = ws;
        tok[nt][1] = we;
        nt++;
    }
    /* "Priebus later Thursday", "Clinton initially": trailing time words and adverbs */
    {
        while (nt > 1 && lq(t, tok[nt - 1][0], tok[nt - 1][1], STANCE_LQ(TAIL)))
            nt--;
    }
    if (nt == 0 || nt > 12)
        return 0;
    /* "The Post's Dana Milbank", "the Courier's Jane Roe": the name after an
     * outlet's possessive, which is its role */
    for (size_t j = 0; j + 2 < nt; j++) {
        size_t pe = tok[j][1], r = j + 1;
        if (!possessive_end(t, tok[j][0], pe) || cap_token(t, tok[j][0], tok[j][1], len) != 1)
            continue;
        while (r < nt && cap_token(t, tok[r][0], tok[r][1], len) == 1)
            r++;
        if (r == nt && name_tokens(t, tok, j + 1, nt, a)) {
            if (a->role.start == STANCE_NO_OFFSET)
                a->role = (stance_span){tok[0][0], tok[j][1]};
            return 1;
        }
        break;
    }
    ns = tok[0][0];
    if (nt == 1) {
        int g;
        int pr = stance_names_pronoun(t, tok[0][0], tok[0][1], &g);
        if (pr) {
            if (pr == 2 && !(tok[0][1] - tok[0][0] == 1 && t[tok[0][0]] == 'I') &&
                !lq(t, tok[0][0], tok[0][1], STANCE_LQ(PRON_PL_IT)))
                return 0;
            /* "it said" / "they wrote": a speaker left unresolved, but one that is not
             * the previous quote's */
            a->how = STANCE_ATTR_PRONOUN;
            a->spk = (stance_span){tok[0][0], tok[0][1]};
            a->gender = g;
            return 1;
        }
    }
    if (lq(t, tok[0][0], tok[0][1], STANCE_LQ(NOT_SPEAKERS)) && nt == 1)
        return 0;
    /* "He then defended the remark, saying" / "To which she said": the pronoun is the subject. */
    if (nt > 1) {
        int g, pr;
        size_t pi = STANCE_NO_OFFSET;
        if ((pr = stance_names_pronoun(t, tok[0][0], tok[0][1], &g)) && pr == 1)
            pi = 0;
        else if ((pr = stance_names_pronoun(t, tok[nt - 1][0], tok[nt - 1][1], &g)) && pr == 1)
            pi = nt - 1;
        else if (tok[0][1] - tok[0][0] == 1 && t[tok[0][0]] == 'I')
            pi = 0, g = STANCE_G_UNKNOWN;
        if (pi != STANCE_NO_OFFSET) {
            a->how = STANCE_ATTR_PRONOUN;
            a->spk = (stance_span){tok[pi][0], tok[pi][1]};
            a->gender = g;
            a->role = NOSPAN;
            return 1;
        }
    }
    /* "a person close to the campaign", "the former top aide to X", "one source
     * who ...": a noun phrase led by a determiner, cut at a relative clause. */
    if (lq(t, tok[0][0], tok[0][1], STANCE_LQ(DETERMINERS)) && nt >= 2 &&
        (letter_case(t, tok[0][0], len) == -1 || letter_case(t, tok[1][0], len) == -1) && !role_then_name(t, tok, nt, len)) {
        /* ("Another source close to the campaign", not "The Washington Post") */
        size_t k = 1, j;
        int clause = 0;
        while (k < nt && !lq(t, tok[k][0], tok[k][1], STANCE_LQ(REL)))
            k++;
        /* "Another source speaking to Fox News": the reduced relative is not the head */
        for (j = 2; j + 1 < k; j++)
            if (ing_word(t, tok[j][0], tok[j][1]) && lq(t, tok[j + 1][0], tok[j + 1][1], STANCE_LQ(PREPS))) {
                k = j;
                break;
            }
        /* "The candidate appeared to assert ...": a clause, not a noun phrase */
        for (j = 1; j < k; j++)
            if (lq(t, tok[j][0], tok[j][1], STANCE_LQ(BREAKERS)) && !lq(t, tok[j][0], tok[j][1], STANCE_LQ(PREPS)) &&
                !(tok[j][1] - tok[j][0] == 2 && memcmp(t + tok[j][0], "as", 2) == 0 &&
                  word_eq(t, tok[j - 1][0], tok[j - 1][1], "known")))
                clause = 1; /* (but "the chief known as Bob") */
        if (k <= 12 && !clause && (k = noun_phrase_len(t, tok, k)) > 0) {
            a->how = STANCE_ATTR_NOUN;
            a->spk = (stance_span){tok[0][0], tok[k - 1][1]};
            return 1;
        }
    }
    /* A leading name run followed by a preposition or nothing: "said Jane Doe of
     * Ohio", "Rep. John Roe of Maryland said", "wrote Cameron Easley for Acme". */
    {
        size_t r = 0;
        int titles_only = 1;
        while (r < nt && cap_token(t, tok[r][0], tok[r][1], len) && !lq(t, tok[r][0], tok[r][1], STANCE_LQ(PREPS))) {
            if (!stance_names_is_title(t + tok[r][0], tok[r][1] - tok[r][0]))
                titles_only = 0;
            r++;
        }
        /* ("Former Secretary of State Jane Roe": titles alone are no name; "White
         * House Chief of Staff Jane Roe": a title before "of" goes on) */
        if (r > 0 && r < nt && !titles_only && lq(t, tok[r][0], tok[r][1], STANCE_LQ(PREPS)) &&
            !stance_names_is_title(t + tok[r - 1][0], tok[r - 1][1] - tok[r - 1][0])) {
            size_t bs = tok[0][0], be = tok[r - 1][1], last;
            if (stance_names_bare(t, &bs, &be, &last)) {
                a->how = STANCE_ATTR_NAME;
                a->spk = (stance_span){tok[0][0], tok[r - 1][1]};
                if (a->role.start == STANCE_NO_OFFSET)
                    a->role = (stance_span){tok[r][0], tok[nt - 1][1]};
                return 1;
            }
        }
    }
    /* 'said undecided voter Jane Roe of Derry': after the verb, a name of two or
     * more words inside the chunk, followed by a preposition, is the speaker */
    if (verb_first && nt >= 3 && letter_case(t, tok[0][0], len) == -1 && !lq(t, tok[0][0], tok[0][1], STANCE_LQ(DETERMINERS))) {
        for (size_t r0 = 1; r0 + 1 < nt && r0 < 6; r0++) {
            size_t r1 = r0;
            if (!cap_token(t, tok[r0][0], tok[r0][1], len) || cap_token(t, tok[r0 - 1][0], tok[r0 - 1][1], len))
                continue;
            while (r1 < nt && cap_token(t, tok[r1][0], tok[r1][1], len) && !lq(t, tok[r1][0], tok[r1][1], STANCE_LQ(PREPS)))
                r1++;
            if (r1 - r0 >= 2 && (r1 == nt || lq(t, tok[r1][0], tok[r1][1], STANCE_LQ(PREPS))) &&
                name_tokens(t, tok, r0, r1, a)) {
                if (a->role.start == STANCE_NO_OFFSET)
                    a->role = (stance_span){tok[0][0], tok[r0 - 1][1]};
                return 1;
            }
            r0 = r1;
        }
    }
    /* "this tweet from Jane Roe who tweeted": a full name right before the
     * relative pronoun is the speaker, whatever clause comes before it */
    if (rel_cut && nt >= 3) {
        size_t r = nt;
        while (r > 0 && cap_token(t, tok[r - 1][0], tok[r - 1][1], len) == 1)
            r--;
        if (r > 0 && nt - r >= 2 && !cap_token(t, tok[r - 1][0], tok[r - 1][1], len) && name_tokens(t, tok, r, nt, a))
            return 1;
    }
    /* The capitalised run at the end. */
    {
        size_t r = nt;
        while (r > 0 && cap_token(t, tok[r - 1][0], tok[r - 1][1], len))
            r--;
        /* particles cannot start a run */
        while (r < nt && cap_token(t, tok[r][0], tok[r][1], len) == 2)
            r++;
        if (r < nt) {
            size_t bs = tok[r][0], be = tok[nt - 1][1], last;
            unsigned n = stance_names_bare(t, &bs, &be, &last);
            if (n == 0 && nt - r > 5) {
                /* "United Auto Workers Secretary-Treasurer Gary Casteel": too long for one
                 * name, so the last two words are the name and the rest its role */
                size_t r2 = nt - 2;
                bs = tok[r2][0];
                be = tok[nt - 1][1];
                if (stance_names_bare(t, &bs, &be, &last) == 2) {
                    if (a->role.start == STANCE_NO_OFFSET)
                        a->role = (stance_span){tok[r][0], tok[r2 - 1][1]};
                    a->how = STANCE_ATTR_NAME;
                    a->spk = (stance_span){tok[r2][0], tok[nt - 1][1]};
                    return 1;
                }
            }
            if (n == 0 && r == 0 && (flags & NP_AT_VERB) && nt <= 3 && tok[nt - 1][1] == e && !lq(t, tok[0][0], tok[0][1], STANCE_LQ(DETERMINERS)) &&
                !lq(t, tok[0][0], tok[0][1], STANCE_LQ(NOT_SPEAKERS)) && !lq(t, tok[0][0], tok[0][1], STANCE_LQ(LEADS)) &&
                !stance_names_pronoun(t, tok[0][0], tok[0][1], &(int){0})) {
                /* '"...," From said.' / 'Judicial Watch added': words that are not names
                 * elsewhere are one right before the verb of an attribution */
                a->how = STANCE_ATTR_NAME;
                a->spk = (stance_span){tok[0][0], tok[nt - 1][1]};
                return 1;
            }
            if (n == 0) {
                if (r == 0)
                    return 0;
            } else if (r > 0 && n == 1 && lq(t, tok[r - 1][0], tok[r - 1][1], STANCE_LQ(PREPS))) {
                /* "a spokesman for Clinton": a noun phrase */
            } else {
                /* "Clinton campaign chairman John Podesta": the words before the name are its role */
                if (r > 0 && a->role.start == STANCE_NO_OFFSET) {
                    size_t rs = tok[0][0], re = tok[r - 1][1];
                    if (bs > tok[r][0]) /* "Former Secretary of State Jane Roe": "State" too */
                        re = trim_r(t, rs, bs, len);
                    if (!(r == 1 && lq(t, rs, re, STANCE_LQ(DETERMINERS))))
                        a->role = (stance_span){rs, re};
                }
                /* a lowercase verb inside the chunk means it is a clause, not a subject,
                 * unless a conjunction opens the name's own clause ("the bill that
                 * Gov. Jane Doe said, ...") */
                if (!verb_first && r >= 2 && lq(t, tok[r - 1][0], tok[r - 1][1], STANCE_LQ(CONJ))) {
                    a->role = NOSPAN;
                    a->how = STANCE_ATTR_NAME;
                    a->spk = (stance_span){tok[r][0], tok[nt - 1][1]};
                    return 1;
                }
                for (size_t j = 0; j < r; j++)
                    if (lq(t, tok[j][0], tok[j][1], STANCE_LQ(BREAKERS)) &&
                        !(j > 0 && j + 1 < nt && tok[j][1] - tok[j][0] == 3 && memcmp(t + tok[j][0], "and", 3) == 0 &&
                          stance_names_is_title(t + tok[j - 1][0], tok[j - 1][1] - tok[j - 1][0]) &&
                          cap_token(t, tok[j + 1][0], tok[j + 1][1], len) == 1))
                        return 0; /* (but "former Gov. and Party Chairman Jane Roe": two titles) */
                if (r > 4 && letter_case(t, tok[0][0], len) == -1 && !lq(t, tok[0][0], tok[0][1], STANCE_LQ(DETERMINERS)))
                    return 0;
                if (r > 6)
                    return 0;
                a->how = STANCE_ATTR_NAME;
                a->spk = (stance_span){tok[r][0], tok[nt - 1][1]};
                return 1;
            }
        }
    }
    /* A noun phrase: "the group", "a spokesman for the campaign", "The statement":
     * led by a determiner unless it is short, and ending with a noun. */
    if (letter_case(t, tok[0][0], len) == -1 && !lq(t, tok[0][0], tok[0][1], STANCE_LQ(DETERMINERS)))
        return 0;
    if (nt > 8 && !lq(t, tok[0][0], tok[0][1], STANCE_LQ(DETERMINERS)))
        return 0;
    if (lq(t, tok[nt - 1][0], tok[nt - 1][1], STANCE_LQ(DETERMINERS)) || lq(t, tok[nt - 1][0], tok[nt - 1][1], STANCE_LQ(PREPS)) ||
        lq(t, tok[nt - 1][0], tok[nt - 1][1], STANCE_LQ(BREAKERS)))
        return 0;
    if (nt > 8)
        return 0;
    if (lq(t, tok[0][0], tok[0][1], STANCE_LQ(NOT_SPEAKERS)) || (nt = noun_phrase_len(t, tok, nt)) == 0)
        return 0;
    a->how = STANCE_ATTR_NOUN;
    a->spk = (stance_span){tok[0][0], tok[nt - 1][1]};
    return 1;
}
