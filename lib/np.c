/*
 * np.c - noun-phrase recognisers: the subject chunk of an attribution
 * ("Jane Doe, the mayor,", "a spokesman for the campaign", "he") read into a
 * speaker mention, its role and its kind (name, noun phrase, pronoun). Each
 * recogniser looks at the words of the chunk and either claims it or passes.
 */
#include "config.h"

#include "quotes_int.h"

static int cap_token(const char *t, size_t ws, size_t we, size_t len);
static size_t noun_phrase_len(const char *t, const size_t (*tok)[2], size_t nt);
static int np_word(const char *t, size_t *i, size_t e, size_t len, size_t *ws, size_t *we);
static int role_then_name(const char *t, const size_t (*tok)[2], size_t nt, size_t len);
static int part_role_then_name(const char *t, size_t s, size_t e, size_t len);
static long name_at(ctx *c, size_t pos);
static int leadin_part(ctx *c, size_t s, size_t e);
static int leadin_more(ctx *c, size_t (*parts)[2], size_t j, size_t np);
static int role_part(ctx *c, size_t s, size_t e);
static int whole_name(ctx *c, size_t s, size_t e, unsigned min_tok);
static int name_tokens(const char *t, const size_t (*tok)[2], size_t r0, size_t r1, attr *a);

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
static size_t noun_phrase_len(const char *t, const size_t (*tok)[2], size_t nt)
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
static int role_then_name(const char *t, const size_t (*tok)[2], size_t nt, size_t len)
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
    for (size_t k = 0; k < nt; k++) /* ("a nominal Republican who voted for Bill Clinton": the name is in a relative clause) */
        if (word_eq(t, tok[k][0], tok[k][1], "who") || word_eq(t, tok[k][0], tok[k][1], "which"))
            return 0;
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
static int name_tokens(const char *t, const size_t (*tok)[2], size_t r0, size_t r1, attr *a)
{
    size_t bs = tok[r0][0], be = tok[r1 - 1][1], last;
    if (stance_names_bare(t, &bs, &be, &last) < 2)
        return 0;
    a->how = STANCE_ATTR_NAME;
    a->spk = (stance_span){tok[r0][0], tok[r1 - 1][1]};
    return 1;
}

/* ---- the subject chunk of an attribution -------------------------------------- */

#define NP_MAX_PARTS 8
#define NP_MAX_TOK 24

/* A chunk being read: its comma parts, then the words of the part that names
 * the speaker. */
typedef struct npc {
    ctx *c;
    const char *t;
    size_t len;
    size_t s, e;                   /* the chunk, trimmed */
    unsigned flags;                /* NP_* */
    int verb_first;                /* the chunk follows the verb */
    int appositive;                /* "X, ROLE, said": the chunk ended with a comma */
    size_t parts[NP_MAX_PARTS][2]; /* comma parts (outside parentheses) */
    size_t np;
    size_t ns, ne;                 /* the part that names the speaker */
    size_t tok[NP_MAX_TOK][2];     /* its words */
    size_t nt;
    int rel_cut;                   /* the words stopped at a relative pronoun */
} npc;

/* What a recogniser says about the chunk. */
enum { NP_NO = -1, NP_PASS = 0, NP_YES = 1 };

/* Set the role to [s, e) of the parts, trimmed (its start no further than @p ls). */
static void np_role(const npc *n, size_t s, size_t ls, size_t e, attr *a)
{
    a->role.start = trim_l(n->t, s, ls, n->len);
    a->role.end = trim_r(n->t, a->role.start, e, n->len);
}

/* Is every word of [s, e) a capitalised name token? @p any: was there a word? */
static int all_cap(const npc *n, size_t s, size_t e, int *any)
{
    size_t k = s, a1, b1;
    int allc = 1;
    if (any)
        *any = 0;
    while (stance_chunk_next(n->t, &k, e, n->len, &a1, &b1)) {
        if (any)
            *any = 1;
        if (!cap_token(n->t, a1, b1, n->len))
            allc = 0;
    }
    return allc;
}

/* Split the chunk at commas outside parentheses (the first NP_MAX_PARTS). */
static void split_parts(npc *n)
{
    size_t ps = n->s;
    int depth = 0;
    n->np = 0;
    for (size_t i = n->s; i < n->e; i++) {
        if (n->t[i] == '(')
            depth++;
        else if (n->t[i] == ')' && depth)
            depth--;
        else if (n->t[i] == ',' && !depth && !digit_comma(n->t, i, n->len)) {
            if (n->np < NP_MAX_PARTS) {
                n->parts[n->np][0] = ps;
                n->parts[n->np][1] = i;
                n->np++;
            }
            ps = i + 1;
        }
    }
    if (n->np < NP_MAX_PARTS) {
        n->parts[n->np][0] = ps;
        n->parts[n->np][1] = n->e;
        n->np++;
    }
}

/* Does comma part @p pi open with a relative pronoun ("who thinks ...", "which fell ...")? */
static int rel_part(const npc *n, size_t pi)
{
    size_t k = n->parts[pi][0], ws, we;
    return stance_chunk_next(n->t, &k, n->parts[pi][1], n->len, &ws, &we) &&
           (word_eq(n->t, ws, we, "who") || word_eq(n->t, ws, we, "which") || word_eq(n->t, ws, we, "whose"));
}

/* Is [s, e) a description of a person: at most six words, the last a head
 * noun ("Its chairman", "The Defence Secretary", "a retired surveyor"): a
 * role or person noun, a kinship noun, a title, a lowercase agent noun? */
static int desc_words(const ctx *c, size_t s, size_t e)
{
    size_t k = s, ws = 0, we = 0, a1, b1;
    int nw = 0;
    while (stance_chunk_next(c->t, &k, e, c->len, &a1, &b1)) {
        ws = a1;
        we = b1;
        if (++nw > 6)
            return 0;
    }
    if (!nw)
        return 0;
    if (stance_lex_is(c->t + ws, we - ws, STANCE_LX(TITLE)) ||
        (stance_lex_classes_lower(c->t + ws, we - ws) & (STANCE_LX(ROLE) | STANCE_LX(PERSON_NOUN) | STANCE_LX(KIN))))
        return 1;
    return letter_case(c->t, ws, c->len) == -1 && stance_agent_noun(c->t, ws, we);
}

/* Is comma part @p pi a description of a person (desc_words())? */
static int desc_part(const npc *n, size_t pi)
{
    return desc_words(n->c, n->parts[pi][0], n->parts[pi][1]);
}

/* Does [s, e) open with a name run of two words or more followed by "of",
 * maybe "the", and a capitalised word ("Beatrix Nolan of Carrowmore
 * Partners"): the name's end, else 0. */
static size_t name_of_org(ctx *c, size_t s, size_t e)
{
    size_t i, ws, we;
    long k;
    s = trim_l(c->t, s, e, c->len);
    if ((k = name_at(c, s)) < 0 || c->names->v[k].ntok < 2 || c->names->v[k].end >= e)
        return 0;
    i = c->names->v[k].end;
    if (!stance_chunk_next(c->t, &i, e, c->len, &ws, &we) || !word_eq(c->t, ws, we, "of") ||
        !stance_chunk_next(c->t, &i, e, c->len, &ws, &we))
        return 0;
    if (word_eq(c->t, ws, we, "the") && !stance_chunk_next(c->t, &i, e, c->len, &ws, &we))
        return 0;
    return letter_case(c->t, ws, c->len) == 1 ? c->names->v[k].end : 0;
}

/* 'A former candidate \u2014 John McCain, who lost \u2014 said': is @p desc a
 * description of a person and does the aside @p aside open with a name of two
 * words or more, alone, before a comma or before "of" and a capitalised word?
 * Then *@p name is that name: it speaks, the description is its role. */
int stance_q_desc_then_name(ctx *c, stance_span desc, stance_span aside, stance_span *name)
{
    size_t e = aside.start, k;
    if (!desc_words(c, desc.start, desc.end))
        return 0;
    while (e < aside.end && c->t[e] != ',')
        e++;
    if (whole_name(c, aside.start, e, 2))
        k = trim_r(c->t, aside.start, e, c->len);
    else if ((k = name_of_org(c, aside.start, e)) == 0)
        return 0;
    *name = (stance_span){trim_l(c->t, aside.start, k, c->len), k};
    return 1;
}

/* Is comma part @p pi a quantifier that stands for a person and names none:
 * "One", "another", "One of them", "Each of the tenants" (a word of the
 * DETERMINERS list, alone or before "of" and at most three words)? */
static int quantifier_part(const npc *n, size_t pi)
{
    size_t k = n->parts[pi][0], ws, we, a1, b1;
    int nw = 1;
    if (!stance_chunk_next(n->t, &k, n->parts[pi][1], n->len, &ws, &we) || !lq(n->t, ws, we, STANCE_LQ(DETERMINERS)))
        return 0;
    if (!stance_chunk_next(n->t, &k, n->parts[pi][1], n->len, &a1, &b1))
        return 1;
    if (!word_eq(n->t, a1, b1, "of"))
        return 0;
    while (stance_chunk_next(n->t, &k, n->parts[pi][1], n->len, &a1, &b1))
        if (++nw > 2)
            return 0;
    return 1;
}

/* "X, ROLE, said": which part names the speaker. "Trump's spokeswoman, Hope
 * Hicks,": the capitalised part. */
static void appositive_name_part(npc *n, attr *a)
{
    const size_t np = n->np;
    const int all_cap0 = all_cap(n, n->parts[0][0], n->parts[0][1], NULL);
    const int all_cap1 = all_cap(n, n->parts[1][0], n->parts[1][1], NULL);
    n->ns = n->parts[0][0];
    n->ne = n->parts[0][1];
    if (!all_cap0 && !all_cap1 && (np == 2 || rel_part(n, 2)) &&
        part_role_then_name(n->t, n->parts[1][0], n->parts[1][1], n->len)) {
        /* "Scott's niece, state Del. Jane Roe (D-Ohio),": the name is in the second part
         * (and before a relative clause: "..., economist Rachel Huang, who led it,") */
        n->ns = n->parts[1][0];
        n->ne = n->parts[1][1];
        np_role(n, n->parts[0][0], n->parts[0][1], n->parts[0][1], a);
    } else if (!all_cap0 && !all_cap1 && np >= 3) {
        /* "On Tuesday in Berea, Gov. John Kasich (R-OH), said": a lead-in, then the name */
        for (size_t pi = 1; pi < np; pi++) {
            int any;
            if (all_cap(n, n->parts[pi][0], n->parts[pi][1], &any) && any) {
                n->ns = n->parts[pi][0];
                n->ne = n->parts[pi][1];
                if (pi + 1 < np)
                    np_role(n, n->parts[pi + 1][0], n->parts[np - 1][1], n->parts[np - 1][1], a);
                break;
            }
        }
    } else if (!all_cap0 && all_cap1 && (np == 2 || rel_part(n, 2))) {
        /* "The police commissioner, Alys Pryce, said", and with a relative clause
         * after the name ("..., Alys Pryce, who had called for it, said") */
        n->ns = n->parts[1][0];
        n->ne = n->parts[1][1];
        np_role(n, n->parts[0][0], n->parts[0][1], n->parts[0][1], a);
    } else if (quantifier_part(n, 0) && !all_cap1) {
        /* "One, a retired postman, said", "One of them, a chef who left in February,
         * said": the description speaks */
        n->ns = n->parts[1][0];
        n->ne = n->parts[np - 1][1];
    } else if (desc_part(n, 0) && (whole_name(n->c, n->parts[1][0], n->parts[1][1], all_cap0 || !all_cap1 ? 2 : 1) ||
                                   (!all_cap0 && np == 2 && name_of_org(n->c, n->parts[1][0], n->parts[1][1])))) {
        /* a description, then a whole name, then more apposition ("Its chairman, Peter
         * Lindgard, a retired surveyor, said"; "Her husband, Tom, a builder, said"; "Another
         * analyst, Beatrix Nolan of Carrowmore Partners, said"), or a
         * capitalised title before a name of two words or more ("The Energy Minister,
         * Rupert Askew, said"): the name speaks */
        n->ns = n->parts[1][0];
        n->ne = n->parts[1][1];
        np_role(n, n->parts[0][0], n->parts[0][1], n->parts[0][1], a);
    } else
        np_role(n, n->parts[1][0], n->parts[np - 1][1], n->parts[np - 1][1], a);
}

/* The part of the chunk that names the speaker, and the role the others give. */
static void name_part(npc *n, attr *a)
{
    const size_t np = n->np;
    size_t k, a1, b1;
    if (n->appositive && np >= 2 && leadin_part(n->c, n->parts[0][0], n->parts[0][1])) {
        /* "In Berea, OH, Gov. John Kasich (R-OH), said": the lead-in parts go */
        size_t drop = 1;
        while (drop + 1 < np && leadin_more(n->c, n->parts, drop, np))
            drop++;
        memmove(n->parts, n->parts + drop, (np - drop) * sizeof n->parts[0]);
        n->np -= drop;
    }
    if (n->verb_first) {
        size_t last = n->np;
        n->ns = n->parts[0][0];
        n->ne = n->parts[0][1];
        if (n->np >= 2 && quantifier_part(n, 0) && !all_cap(n, n->parts[1][0], n->parts[1][1], NULL)) {
            n->ns = n->parts[1][0]; /* 'said one, a retired postman': the description speaks */
            n->ne = n->parts[1][1];
            return;
        }
        for (size_t pi = 1; pi < n->np; pi++)
            if (rel_part(n, pi)) {
                last = pi; /* "said Hana Reiter, who thinks ...": a relative clause is no role */
                break;
            }
        if (last > 1 && !all_cap(n, n->parts[0][0], n->parts[0][1], NULL) &&
            (whole_name(n->c, n->parts[1][0], n->parts[1][1], 2) ||
             part_role_then_name(n->t, n->parts[1][0], n->parts[1][1], n->len))) {
            /* "said Park's deputy campaign manager, Rich Belton, who ...": the name
             * after the description speaks, the description is its role; and
             * after a role noun ("said the study's author, economist Rachel Huang") */
            n->ns = n->parts[1][0];
            n->ne = n->parts[1][1];
            np_role(n, n->parts[0][0], n->parts[0][1], n->parts[0][1], a);
            return;
        }
        if (last > 1) {
            np_role(n, n->parts[1][0], n->parts[1][1], n->parts[last - 1][1], a);
            if (a->role.end - a->role.start > 160)
                a->role = NOSPAN;
        }
        return;
    }
    if (n->appositive && n->np >= 2) {
        appositive_name_part(n, a);
        return;
    }
    n->ns = n->parts[n->np - 1][0];
    n->ne = n->parts[n->np - 1][1];
    /* "Jane Doe, who coined the word, once said": the part before the relative clause
     * (and "Jane Doe, president and CEO of the association stated": a lowercase role
     * after a part that is a whole name of two words or more) */
    k = n->ns;
    if (n->np >= 2 && stance_chunk_next(n->t, &k, n->ne, n->len, &a1, &b1) &&
        (lq(n->t, a1, b1, STANCE_LQ(REL1)) ||
         (role_part(n->c, n->ns, n->ne) && whole_name(n->c, n->parts[n->np - 2][0], n->parts[n->np - 2][1], 2)))) {
        n->ns = n->parts[n->np - 2][0];
        n->ne = n->parts[n->np - 2][1];
        if (a->role.start == STANCE_NO_OFFSET)
            np_role(n, n->parts[n->np - 1][0], n->parts[n->np - 1][1], n->parts[n->np - 1][1], a);
    }
}

/* Is [ws, we) a dash alone: "-", "--", an en or em dash? */
static int dash_token(const char *t, size_t ws, size_t we, size_t len)
{
    return (we - ws <= 2 && t[ws] == '-' && t[we - 1] == '-') || (we - ws == 3 && is_dash_at(t, ws, len));
}

/* Is word @p j an -ly adverb: five letters or more ending in "ly", no noun of
 * the lexicon's ("family", "ally", "rally": SLOT_NOT_VERB)? */
static int ly_adverb(const npc *n, size_t j)
{
    const size_t ws = n->tok[j][0], we = n->tok[j][1];
    return we - ws >= 5 && memcmp(n->t + we - 2, "ly", 2) == 0 && letter_case(n->t, ws, n->len) == -1 &&
           !lq(n->t, ws, we, STANCE_LQ(SLOT_NOT_VERB)) &&
           !(stance_lex_classes(n->t + ws, we - ws) & (STANCE_LX(ROLE) | STANCE_LX(PERSON_NOUN) | STANCE_LX(GROUP_NOUN)));
}

/* The words of the name part: leading conjunctions dropped, cut at a relative
 * pronoun and (after the verb) at a time clause. 0 when there are too many. */
static int np_words(npc *n)
{
    const char *t = n->t;
    size_t i = n->ns, ws, we;
    n->nt = 0;
    while (np_word(t, &i, n->ne, n->len, &ws, &we)) {
        if (n->nt == 0 && lq(t, ws, we, STANCE_LQ(LEADS)))
            continue;
        if (n->nt > 0 && lq(t, ws, we, STANCE_LQ(REL0))) {
            n->rel_cut = 1;
            break; /* "Sen. Jim Whelan who represents ..." */
        }
        if (n->verb_first && n->nt > 0 && lq(t, ws, we, STANCE_LQ(REL_TIME)))
            break; /* 'said Jane Doe during the debate', 'said X when asked' */
        if (n->verb_first && n->nt > 0 && we - ws == 2 && memcmp(t + ws, "as", 2) == 0 &&
            cap_token(t, n->tok[n->nt - 1][0], n->tok[n->nt - 1][1], n->len) == 1)
            break; /* 'said Sanders as he closed out' (not 'the chief known as Bob') */
        if (n->nt >= NP_MAX_TOK)
            return 0;
        n->tok[n->nt][0] = ws;
        n->tok[n->nt][1] = we;
        n->nt++;
    }
    /* "Priebus later Thursday", "Clinton initially", "Cruz gingerly": trailing time
     * words and adverbs (an -ly adverb right after a name: "Clinton has increasingly"
     * keeps it, the mark of a verb for np_noun_phrase()); "GOP front-runner Jane Roe - who ...": a dash after a name, before a
     * relative pronoun */
    while (n->nt > 1 && (lq(t, n->tok[n->nt - 1][0], n->tok[n->nt - 1][1], STANCE_LQ(TAIL)) ||
                         (ly_adverb(n, n->nt - 1) && cap_token(t, n->tok[n->nt - 2][0], n->tok[n->nt - 2][1], n->len) == 1) ||
                         (n->rel_cut && dash_token(t, n->tok[n->nt - 1][0], n->tok[n->nt - 1][1], n->len) &&
                          cap_token(t, n->tok[n->nt - 2][0], n->tok[n->nt - 2][1], n->len) == 1)))
        n->nt--;
    return n->nt > 0 && n->nt <= 12;
}

/* Is word @p j in the word list(s) @p mask? */
static int tok_lq(const npc *n, size_t j, uint64_t mask)
{
    return lq(n->t, n->tok[j][0], n->tok[j][1], mask);
}

static int tok_cap(const npc *n, size_t j)
{
    return cap_token(n->t, n->tok[j][0], n->tok[j][1], n->len);
}

static int tok_is_title(const npc *n, size_t j)
{
    return stance_names_is_title(n->t + n->tok[j][0], n->tok[j][1] - n->tok[j][0]) ||
           (j + 1 < n->nt && stance_names_is_undotted_title(n->t + n->tok[j][0], n->tok[j][1] - n->tok[j][0]) &&
            stance_names_is_first_name(n->t + n->tok[j + 1][0], n->tok[j + 1][1] - n->tok[j + 1][0]));
}

/* Speaker words [r0, r1) of kind @p how. */
static int np_speaker(const npc *n, size_t r0, size_t r1, int how, attr *a)
{
    a->how = how;
    a->spk = (stance_span){n->tok[r0][0], n->tok[r1 - 1][1]};
    return NP_YES;
}

/* "The Post's Dana Milbank", "the Courier's Jane Roe": the name after an
 * outlet's possessive, which is its role */
static int np_outlet_possessive(const npc *n, attr *a)
{
    for (size_t j = 0; j + 2 < n->nt; j++) {
        size_t r = j + 1;
        if (stance_poss_start(n->t, n->tok[j][0], n->tok[j][1], 1) == n->tok[j][1] || tok_cap(n, j) != 1)
            continue;
        while (r < n->nt && tok_cap(n, r) == 1)
            r++;
        if (r == n->nt && name_tokens(n->t, n->tok, j + 1, n->nt, a)) {
            if (a->role.start == STANCE_NO_OFFSET)
                a->role = (stance_span){n->tok[0][0], n->tok[j][1]};
            return NP_YES;
        }
        break;
    }
    return NP_PASS;
}

/* "he said", "it said" / "they wrote": one pronoun, a speaker left to
 * resolve (a plural "we" or "you" is no speaker). */
static int np_lone_pronoun(const npc *n, attr *a)
{
    int g, pr;
    if (n->nt != 1)
        return NP_PASS;
    if ((pr = stance_names_pronoun(n->t, n->tok[0][0], n->tok[0][1], &g)) != 0) {
        if (pr == 2 && !(n->tok[0][1] - n->tok[0][0] == 1 && n->t[n->tok[0][0]] == 'I') &&
            !tok_lq(n, 0, STANCE_LQ(PRON_PL_IT)))
            return NP_NO;
        a->gender = g;
        return np_speaker(n, 0, 1, STANCE_ATTR_PRONOUN, a);
    }
    return tok_lq(n, 0, STANCE_LQ(NOT_SPEAKERS)) ? NP_NO : NP_PASS;
}

/* "He then defended the remark, saying" / "To which she said": the pronoun is the subject. */
static int np_pronoun_subject(const npc *n, attr *a)
{
    int g, pr;
    size_t pi = STANCE_NO_OFFSET;
    if (n->nt <= 1)
        return NP_PASS;
    if ((pr = stance_names_pronoun(n->t, n->tok[0][0], n->tok[0][1], &g)) && pr == 1)
        pi = 0;
    else if ((pr = stance_names_pronoun(n->t, n->tok[n->nt - 1][0], n->tok[n->nt - 1][1], &g)) && pr == 1)
        pi = n->nt - 1;
    else if (n->tok[0][1] - n->tok[0][0] == 1 && n->t[n->tok[0][0]] == 'I')
        pi = 0, g = STANCE_G_UNKNOWN;
    if (pi == STANCE_NO_OFFSET)
        return NP_PASS;
    a->gender = g;
    a->role = NOSPAN;
    return np_speaker(n, pi, pi + 1, STANCE_ATTR_PRONOUN, a);
}

/* Tokens [0, @p k) cut before a lowercase past tense (token 2 or later)
 * followed by a determiner: in "The candidate changed her story" the verb and
 * its object are no part of the noun phrase "The candidate". */
static size_t before_past_tense(const npc *n, size_t k)
{
    for (size_t j = 2; j + 1 < k; j++)
        if (n->tok[j][1] - n->tok[j][0] > 3 && memcmp(n->t + n->tok[j][1] - 2, "ed", 2) == 0 &&
            letter_case(n->t, n->tok[j][0], n->len) == -1 && tok_lq(n, j + 1, STANCE_LQ(DETERMINERS)))
            return j;
    return k;
}

/* "a person close to the campaign", "the former top aide to X", "one source
 * who ...": a noun phrase led by a determiner, cut at a relative clause. */
/* Does the chunk open with an indefinite determiner and a people's word, then
 * no capitalised word ("Another Muslim who worshiped there", "One Texan"):
 * a description, not the name "Muslim"? */
static int indefinite_demonym(const npc *n)
{
    static const char *const INDEF[] = {"a", "an", "another", "one", "each", "every"};
    const size_t ws = n->tok[0][0], wn = n->tok[0][1] - ws;
    char w[8];
    size_t i;
    if (wn >= sizeof w)
        return 0;
    for (i = 0; i < wn; i++)
        w[i] = (char)(n->t[ws + i] >= 'A' && n->t[ws + i] <= 'Z' ? n->t[ws + i] - 'A' + 'a' : n->t[ws + i]);
    for (i = 0; i < sizeof INDEF / sizeof *INDEF; i++)
        if (word_eq(w, 0, wn, INDEF[i]))
            break;
    return i < sizeof INDEF / sizeof *INDEF &&
           (stance_lex_classes(n->t + n->tok[1][0], n->tok[1][1] - n->tok[1][0]) & STANCE_LX(DEMONYM)) &&
           (n->nt == 2 || letter_case(n->t, n->tok[2][0], n->len) != 1);
}

static int np_determiner_phrase(const npc *n, attr *a)
{
    const char *t = n->t;
    size_t k = 1, j, nt = n->nt;
    int clause = 0;
    if (!tok_lq(n, 0, STANCE_LQ(DETERMINERS)) || nt < 2 ||
        !(letter_case(t, n->tok[0][0], n->len) == -1 || letter_case(t, n->tok[1][0], n->len) == -1 ||
          indefinite_demonym(n)) ||
        role_then_name(t, n->tok, nt, n->len))
        return NP_PASS; /* ("Another source close to the campaign", "Another Muslim who worshiped there", not
                         * "The Washington Post") */
    while (k < nt && !tok_lq(n, k, STANCE_LQ(REL)))
        k++;
    /* "Another source speaking to Fox News": the reduced relative is not the head */
    for (j = 2; j + 1 < k; j++)
        if (ing_word(t, n->tok[j][0], n->tok[j][1]) && tok_lq(n, j + 1, STANCE_LQ(PREPS))) {
            k = j;
            break;
        }
    k = before_past_tense(n, k);
    /* "The candidate appeared to assert ...": a clause, not a noun phrase */
    for (j = 1; j < k; j++)
        if (tok_lq(n, j, STANCE_LQ(BREAKERS)) && !tok_lq(n, j, STANCE_LQ(PREPS)) &&
            !(n->tok[j][1] - n->tok[j][0] == 2 && memcmp(t + n->tok[j][0], "as", 2) == 0 &&
              word_eq(t, n->tok[j - 1][0], n->tok[j - 1][1], "known")))
            clause = 1; /* (but "the chief known as Bob") */
    if (k <= 12 && !clause && (k = noun_phrase_len(t, n->tok, k)) > 0)
        return np_speaker(n, 0, k, STANCE_ATTR_NOUN, a);
    return NP_PASS;
}

/* Is t[ws, we) "and", "of", "for" or "the", which go on inside an organisation's name? */
static int org_joiner(const char *t, size_t ws, size_t we)
{
    return word_eq(t, ws, we, "and") || word_eq(t, ws, we, "of") || word_eq(t, ws, we, "for") || word_eq(t, ws, we, "the");
}

/* An organisation's name going on from its ORG_LAST word at token @p j
 * ("Department", "Ministry", "Center") through "of"/"for" and capitalised words
 * joined by lowercase "and", "of", "for", "the" ("Department of Health and Social
 * Care", "Center for Strategic and International Studies"): the token after its
 * last word, or 0 when token j opens no such name. */
static size_t org_name_end(const npc *n, size_t j)
{
    size_t k = j + 1, e = 0;
    if (k >= n->nt || tok_cap(n, j) != 1 || !tok_lq(n, j, STANCE_LQ(ORG_LAST)) ||
        !(word_eq(n->t, n->tok[k][0], n->tok[k][1], "of") || word_eq(n->t, n->tok[k][0], n->tok[k][1], "for")))
        return 0;
    for (k++; k < n->nt; k++) {
        const size_t ws = n->tok[k][0], we = n->tok[k][1];
        if (tok_cap(n, k) == 1 && n->t[we - 1] != ',')
            e = k + 1;
        else if (!(word_eq(n->t, ws, we, "and") || word_eq(n->t, ws, we, "of") || word_eq(n->t, ws, we, "for") ||
                   word_eq(n->t, ws, we, "the")))
            break;
    }
    return e;
}

/* The end of the phrase the preposition at token @p r opens: before the first
 * lowercase word after a capitalised one that more words follow and that is
 * no preposition, article or joiner and no noun of a role, person, group or
 * organisation: the verb of a clause ("Dale Kim of WXYZ opened by asking":
 * "of WXYZ"; "Attorneys for Jane Roe appeared to oppose it": "for Jane Roe").
 * "of the League of Women Voters", "of the Dalton Post editorial board", "of
 * the New York delegation" (a last word) go on; the chunk's end when none. */
static size_t prep_object_end(const npc *n, size_t r)
{
    const uint64_t nouns = STANCE_LX(ROLE) | STANCE_LX(PERSON_NOUN) | STANCE_LX(GROUP_NOUN) | STANCE_LX(ORG_NOUN);
    int cap = 0;
    for (size_t j = r + 1; j < n->nt; j++) {
        const size_t ws = n->tok[j][0], we = n->tok[j][1];
        if (tok_cap(n, j) == 1)
            cap = 1;
        else if (cap && j + 1 < n->nt && letter_case(n->t, ws, n->len) == -1 && !org_joiner(n->t, ws, we) &&
                 !tok_lq(n, j, STANCE_LQ(PREPS) | STANCE_LQ(DETERMINERS)) &&
                 !(stance_lex_classes(n->t + ws, we - ws) & nouns))
            return j;
    }
    return n->nt;
}

/* A leading name run followed by a preposition (or "during"): "said Jane Doe of Ohio", "Rep.
 * John Roe of Maryland said", "wrote Cameron Easley for Acme". */
static int np_name_then_prep(const npc *n, attr *a)
{
    size_t r = 0, bs, be, last;
    int titles_only = 1;
    while (r < n->nt && tok_cap(n, r) && !tok_lq(n, r, STANCE_LQ(PREPS))) {
        if (!tok_is_title(n, r))
            titles_only = 0;
        r++;
    }
    /* ("Former Secretary of State Jane Roe": titles alone are no name; "White
     * House Chief of Staff Jane Roe": a title before "of" goes on) */
    if (r == 0 || r >= n->nt || titles_only || tok_is_title(n, r - 1) ||
        !(tok_lq(n, r, STANCE_LQ(PREPS)) || word_eq(n->t, n->tok[r][0], n->tok[r][1], "during")))
        return NP_PASS;
    bs = n->tok[0][0];
    be = n->tok[r - 1][1];
    if (!stance_names_bare(n->t, &bs, &be, &last))
        return NP_PASS;
    if ((be = org_name_end(n, r - 1)) != 0) /* "The Department of Health and Human Services said" */
        return np_speaker(n, r >= 2 && tok_lq(n, 0, STANCE_LQ(DETERMINERS)), be, STANCE_ATTR_NAME, a);
    {
        /* "Fight for $15 organizing director Kendall Fells": a role noun and a full name end
         * the chunk: that person speaks, all before is the role */
        size_t r1 = n->nt;
        while (r1 > r + 1 && tok_cap(n, r1 - 1) == 1)
            r1--;
        if (n->nt - r1 >= 2 && r1 > r + 1 && !tok_cap(n, r1 - 1) &&
            (stance_lex_classes_lower(n->t + n->tok[r1 - 1][0], n->tok[r1 - 1][1] - n->tok[r1 - 1][0]) &
             (STANCE_LX(ROLE) | STANCE_LX(PERSON_NOUN))) &&
            name_tokens(n->t, n->tok, r1, n->nt, a)) {
            if (a->role.start == STANCE_NO_OFFSET)
                a->role = (stance_span){n->tok[0][0], n->tok[r1 - 1][1]};
            return NP_YES;
        }
    }
    /* ("Jane Roe on Friday", "Jane Roe during a visit": a time, no role) */
    if (a->role.start == STANCE_NO_OFFSET && !word_eq(n->t, n->tok[r][0], n->tok[r][1], "on") &&
        !word_eq(n->t, n->tok[r][0], n->tok[r][1], "during"))
        a->role = (stance_span){n->tok[r][0], n->tok[prep_object_end(n, r) - 1][1]};
    return np_speaker(n, 0, r, STANCE_ATTR_NAME, a);
}

/* 'said undecided voter Jane Roe of Derry': after the verb, a name of two or
 * more words inside the chunk, followed by a preposition, is the speaker */
static int np_inner_name(const npc *n, attr *a)
{
    const size_t nt = n->nt;
    if (!n->verb_first || nt < 3 || letter_case(n->t, n->tok[0][0], n->len) != -1 || tok_lq(n, 0, STANCE_LQ(DETERMINERS)))
        return NP_PASS;
    for (size_t r0 = 1; r0 + 1 < nt && r0 < 6; r0++) {
        size_t r1 = r0;
        if (!tok_cap(n, r0) || tok_cap(n, r0 - 1))
            continue;
        while (r1 < nt && tok_cap(n, r1) && !tok_lq(n, r1, STANCE_LQ(PREPS)))
            r1++;
        if (r1 - r0 >= 2 && (r1 == nt || tok_lq(n, r1, STANCE_LQ(PREPS))) && name_tokens(n->t, n->tok, r0, r1, a)) {
            if (a->role.start == STANCE_NO_OFFSET)
                a->role = (stance_span){n->tok[0][0], n->tok[r0 - 1][1]};
            return NP_YES;
        }
        r0 = r1;
    }
    return NP_PASS;
}

/* "this tweet from Jane Roe who tweeted": a full name right before the
 * relative pronoun is the speaker, whatever clause comes before it */
static int np_name_before_relative(const npc *n, attr *a)
{
    size_t r = n->nt;
    if (!n->rel_cut || n->nt < 3)
        return NP_PASS;
    while (r > 0 && tok_cap(n, r - 1) == 1)
        r--;
    if (r > 0 && n->nt - r >= 2 && !tok_cap(n, r - 1) && name_tokens(n->t, n->tok, r, n->nt, a))
        return NP_YES;
    return NP_PASS;
}

/* The words before the name [r, nt) at the end of the chunk: "Clinton campaign
 * chairman John Podesta" is the speaker with a role, "the bill that Gov. Jane
 * Doe said" a name opening its own clause; a verb before the name makes the
 * chunk a clause (NP_NO). */
static int np_role_then_end_name(const npc *n, size_t r, size_t bs, attr *a)
{
    const char *t = n->t;
    if (r > 0 && a->role.start == STANCE_NO_OFFSET) {
        size_t rs = n->tok[0][0], re = n->tok[r - 1][1];
        if (bs > n->tok[r][0]) /* "Former Secretary of State Jane Roe": "State" too */
            re = trim_r(t, rs, bs, n->len);
        if (!(r == 1 && lq(t, rs, re, STANCE_LQ(DETERMINERS))))
            a->role = (stance_span){rs, re};
    }
    /* a lowercase verb inside the chunk means it is a clause, not a subject,
     * unless a conjunction opens the name's own clause ("the bill that
     * Gov. Jane Doe said, ...") */
    if (!n->verb_first && r >= 2 && tok_lq(n, r - 1, STANCE_LQ(CONJ))) {
        a->role = NOSPAN;
        return np_speaker(n, r, n->nt, STANCE_ATTR_NAME, a);
    }
    for (size_t j = 0; j < r; j++)
        if (tok_lq(n, j, STANCE_LQ(BREAKERS)) &&
            !(j > 0 && j + 1 < n->nt && n->tok[j][1] - n->tok[j][0] == 3 && memcmp(t + n->tok[j][0], "and", 3) == 0 &&
              tok_is_title(n, j - 1) && tok_cap(n, j + 1) == 1))
            return NP_NO; /* (but "former Gov. and Party Chairman Jane Roe": two titles) */
    if (r > 4 && letter_case(t, n->tok[0][0], n->len) == -1 && !tok_lq(n, 0, STANCE_LQ(DETERMINERS)))
        return NP_NO;
    if (r > 6)
        return NP_NO;
    return np_speaker(n, r, n->nt, STANCE_ATTR_NAME, a);
}

/* The capitalised run at the end of the chunk. */
static int np_end_name(const npc *n, attr *a)
{
    const size_t nt = n->nt;
    size_t r = nt, bs, be, last;
    unsigned k;
    while (r > 0 && tok_cap(n, r - 1))
        r--;
    /* particles cannot start a run */
    while (r < nt && tok_cap(n, r) == 2)
        r++;
    if (r >= nt)
        return NP_PASS;
    for (size_t j = r; j-- > 0 && (tok_cap(n, j) == 1 || org_joiner(n->t, n->tok[j][0], n->tok[j][1]));)
        if (org_name_end(n, j) == nt) {
            /* "the Department for Science and Industry said": the organisation, not
             * "Industry"; "a spokesman for the Ministry of Health and Care": that phrase */
            if (j == 0 || (j == 1 && tok_lq(n, 0, STANCE_LQ(DETERMINERS))))
                return np_speaker(n, j, nt, STANCE_ATTR_NAME, a);
            return tok_lq(n, 0, STANCE_LQ(DETERMINERS)) ? np_speaker(n, 0, nt, STANCE_ATTR_NOUN, a) : NP_PASS;
        }
    bs = n->tok[r][0];
    be = n->tok[nt - 1][1];
    k = stance_names_bare(n->t, &bs, &be, &last);
    if (k == 0 && nt - r > 5) {
        /* "United Auto Workers Secretary-Treasurer Gary Casteel": too long for one
         * name, so the last two words are the name and the rest its role */
        size_t r2 = nt - 2, bs2 = n->tok[r2][0], be2 = n->tok[nt - 1][1];
        if (stance_names_bare(n->t, &bs2, &be2, &last) == 2) {
            if (a->role.start == STANCE_NO_OFFSET)
                a->role = (stance_span){n->tok[r][0], n->tok[r2 - 1][1]};
            return np_speaker(n, r2, nt, STANCE_ATTR_NAME, a);
        }
    }
    if (k == 0 && r == 0 && (n->flags & NP_AT_VERB) && nt <= 3 && n->tok[nt - 1][1] == n->e &&
        !tok_lq(n, 0, STANCE_LQ(DETERMINERS)) && !tok_lq(n, 0, STANCE_LQ(NOT_SPEAKERS)) &&
        !tok_lq(n, 0, STANCE_LQ(LEADS)) && !stance_names_pronoun(n->t, n->tok[0][0], n->tok[0][1], &(int){0}))
        /* '"...," From said.' / 'Judicial Watch added': words that are not names
         * elsewhere are one right before the verb of an attribution */
        return np_speaker(n, 0, nt, STANCE_ATTR_NAME, a);
    if (k == 0)
        return r == 0 ? NP_NO : NP_PASS;
    if (r > 0 && k == 1 && tok_lq(n, r - 1, STANCE_LQ(PREPS)))
        return NP_PASS; /* "a spokesman for Clinton": a noun phrase */
    return np_role_then_end_name(n, r, bs, a);
}

/* The first verb among the first @p nt words, or 0: a lowercase word right
 * after a capitalised one (a name's end, no possessive) that is an -ly adverb
 * itself or is followed by one or by an article, past a TAIL word ("Trump went
 * fully on the attack", "Jane Roe released a video", "Roe has also broadly", "Roe had effusively", "Roe and Lee
 * implicitly"). A noun after a name ("Trump campaign officials") is none. */
static size_t verb_after_name(const npc *n, size_t nt)
{
    for (size_t j = 1, x; j < nt; j++) {
        const size_t ps = n->tok[j - 1][0], pe = n->tok[j - 1][1];
        if (tok_cap(n, j - 1) != 1 || letter_case(n->t, n->tok[j][0], n->len) != -1 ||
            stance_poss_start(n->t, ps, pe, 1) < pe ||
            tok_lq(n, j, STANCE_LQ(PREPS) | STANCE_LQ(CONJ) | STANCE_LQ(DETERMINERS) | STANCE_LQ(AND_BUT) | STANCE_LQ(REL)))
            continue; /* ("Jane Roe in a statement", "Roe and the others") */
        x = j + 1 + (j + 2 < nt && tok_lq(n, j + 1, STANCE_LQ(TAIL))); /* past "also": "has also broadly" */
        if (ly_adverb(n, j) || (x < nt && (tok_lq(n, x, STANCE_LQ(ARTICLE)) || ly_adverb(n, x))))
            return j;
    }
    return 0;
}

/* A noun phrase: "the group", "a spokesman for the campaign", "The statement":
 * led by a determiner unless it is short, and ending with a noun. */
static int np_noun_phrase(const npc *n, attr *a)
{
    const int det = tok_lq(n, 0, STANCE_LQ(DETERMINERS));
    const size_t nt = n->nt;
    size_t k, v;
    if ((letter_case(n->t, n->tok[0][0], n->len) == -1 && !det) || nt > 8)
        return NP_NO;
    if ((tok_lq(n, nt - 1, STANCE_LQ(DETERMINERS)) &&
         !word_eq(n->t, n->tok[nt - 1][0], n->tok[nt - 1][1], "campaign")) ||
        tok_lq(n, nt - 1, STANCE_LQ(PREPS)) || tok_lq(n, nt - 1, STANCE_LQ(BREAKERS)))
        return NP_NO; /* ("campaign" is a determiner of "campaign officials", and a head: "the Ruiz campaign") */
    if (tok_lq(n, 0, STANCE_LQ(NOT_SPEAKERS)) || (k = noun_phrase_len(n->t, n->tok, before_past_tense(n, nt))) == 0)
        return NP_NO;
    if (!det && (v = verb_after_name(n, k)) > 0) {
        /* a clause ("Trump went fully on the attack, saying"): its subject is the
         * name before the verb, if the words before it are one */
        size_t bs = n->tok[0][0], be = n->tok[v - 1][1], last;
        int any;
        if (all_cap(n, bs, be, &any) && stance_names_bare(n->t, &bs, &be, &last) > 0)
            return np_speaker(n, 0, v, STANCE_ATTR_NAME, a);
        return NP_NO;
    }
    for (size_t j = 1; j + 1 < k; j++)
        if (as_after_participle(n->t, n->tok[j - 1][0], n->tok[j - 1][1], n->tok[j][0], n->tok[j][1]))
            return NP_NO; /* "30,000 holidaymakers stranded as minister": a clause ends the phrase */
    return np_speaker(n, 0, k, STANCE_ATTR_NOUN, a);
}

/* The recognisers, in order: the first that does not pass decides. */
static int (*const NP_RECOGNISERS[])(const npc *n, attr *a) = {
    np_outlet_possessive, np_lone_pronoun, np_pronoun_subject, np_determiner_phrase, np_name_then_prep,
    np_inner_name,        np_name_before_relative, np_end_name, np_noun_phrase,
};

/*
 * Read the subject chunk [s, e) of an attribution into speaker, role and kind
 * (@p flags: NP_VERB_FIRST, NP_AT_VERB). 1 when it names a speaker, else 0.
 */
/* Is [ws, we) a participle followed by a lowercase word, opening a phrase
 * ("Recalling that moment", "Speaking to reporters")? */
static int lead_participle(const npc *n, size_t ws, size_t we)
{
    size_t i = we, s2, e2;
    return ing_word(n->t, ws, we) && stance_chunk_next(n->t, &i, n->e, n->len, &s2, &e2) && lower_at(n->t, s2, n->len);
}

int stance_q_parse_np(ctx *c, size_t s, size_t e, unsigned flags, attr *a)
{
    npc n;
    size_t k;
    n.c = c;
    n.t = c->t;
    n.len = c->len;
    n.flags = flags;
    n.verb_first = (flags & NP_VERB_FIRST) != 0;
    n.rel_cut = 0;
    n.s = trim_l(c->t, s, e, c->len);
    n.e = trim_r(c->t, n.s, e, c->len);
    if (n.e <= n.s)
        return 0;
    /* 'Of Carson, Levine, who ..., said' / 'About the levy, Ida Lund said': a
     * phrase opening with a preposition of what is spoken about (PREPS but
     * not the places' PREP: of, about, for, to, with; not "As X put it", "In
     * Dalton, OH, X said"), a sentence opener ("Despite the attacks, Lund
     * said") or a participle with its object ("Recalling that day, Lund
     * said"), up to its comma, is no part of the subject */
    if (!n.verb_first) {
        size_t i = n.s, ws, we;
        char w[8];
        if (stance_chunk_next(c->t, &i, n.e, c->len, &ws, &we) && c->t[ws] >= 'A' && c->t[ws] <= 'Z' &&
            ((we - ws < sizeof w && (memcpy(w, c->t + ws, we - ws), w[0] = (char)(w[0] - 'A' + 'a'),
                                     (lq(w, 0, we - ws, STANCE_LQ(PREPS)) ||
                                      (lq(c->t, ws, we, STANCE_LQ(SENT_INTRO)) && !word_eq(c->t, ws, we, "As"))) &&
                                         !lq(w, 0, we - ws, STANCE_LQ(PREP)))) ||
             lead_participle(&n, ws, we)))
            for (k = we; k < n.e; k++)
                if (c->t[k] == ',') {
                    size_t ns = trim_l(c->t, k + 1, n.e, c->len);
                    if (ns < n.e)
                        n.s = ns;
                    break;
                }
    }
    /* the original chunk ended with a comma: "X, ROLE, said" */
    k = skip_hs(c->t, n.e, c->len);
    n.appositive = !n.verb_first && k < c->len && c->t[k] == ',';
    split_parts(&n);
    name_part(&n, a);
    n.ns = trim_l(c->t, n.ns, n.ne, c->len);
    n.ne = trim_r(c->t, n.ns, n.ne, c->len);
    if (n.ne <= n.ns || !np_words(&n))
        return 0;
    for (size_t i = 0; i < sizeof NP_RECOGNISERS / sizeof NP_RECOGNISERS[0]; i++) {
        int r = NP_RECOGNISERS[i](&n, a);
        if (r != NP_PASS)
            return r == NP_YES;
    }
    return 0;
}

/* After a person's "of" ending at @p from: "the", at most two lowercase words,
 * then the name @p nx, then a lowercase word ('Jane Roe of the pro-bridge
 * Harbor Review imagined'): an affiliation, not the subject. */
int stance_q_of_the_org(ctx *c, size_t from, const stance_name *nx, size_t end)
{
    size_t i = from, ws, we;
    if (!stance_chunk_next(c->t, &i, nx->start, c->len, &ws, &we) || !word_eq(c->t, ws, we, "the"))
        return 0;
    for (int n = 0; stance_chunk_next(c->t, &i, nx->start, c->len, &ws, &we); n++)
        if (n >= 2 || !lower_at(c->t, ws, c->len))
            return 0;
    i = nx->end;
    return nx->end < end && stance_chunk_next(c->t, &i, end, c->len, &ws, &we) && lower_at(c->t, ws, c->len);
}
