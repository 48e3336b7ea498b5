/*
 * speakers_desc.c - pronouns that continue a description or a document
 * rather than a name (the pronoun resolver of speakers.c asks these): a
 * noun phrase that said the quote just before ('a reporter for the Tribune
 * said. ... he said'), an indefinite or definite description opening a
 * sentence ('One delegate said ...'), and an "it" that is the document or
 * the noun of speech of the sentence before ('It continued: "', '"...," it
 * stated').
 */
#include "config.h"

#include <string.h>

#include "speakers_epithet.h"
#include "speakers_int.h"

/* Does the description @p np, ending in a noun with a gender (stance_noun_gender():
 * "man", "woman", "mother"), name a person of another gender than the pronoun's
 * @p g ("a 26-year-old Berlin man" is no "she")? */
static int other_gender_np(ctx *c, stance_span np, int g)
{
    size_t s = np.end;
    int ng;
    while (s > np.start && letter_before(c->t, s, c->len, -1))
        s = back1(c->t, s);
    ng = stance_noun_gender(stance_lex_classes_lower(c->t + s, np.end - s));
    return g != STANCE_G_UNKNOWN && ng != STANCE_G_UNKNOWN && ng != g;
}

/* The pronoun of @p a continues the description @p np, unless their genders
 * differ: 1 with @p a set (name NAME_NOUN_PHRASE, canon the phrase), else 0. */
static int np_continues(ctx *c, attr *a, stance_span np)
{
    if (other_gender_np(c, np, a->gender))
        return 0;
    a->name = NAME_NOUN_PHRASE;
    a->canon = np;
    return 1;
}

/* The noun phrase a pronoun at @p pos continues, when the quote just before
 * (within NP_PREV_REACH bytes) was said by one and no candidate @p nearest
 * (a names entry, or -1) lies after that attribution: '"Chaos," a reporter
 * for the Tribune said. "We ran," he said.', 'the company wrote in its
 * statement. It added, "..."'. A description with "the" ("the businessman",
 * "the senator", "the author") refers back to someone the article has
 * introduced: when the resolver found a person for a he/she (@p best, a
 * names entry, or -1), that name is the speaker, not the description. 1 with @p a set (name NAME_NOUN_PHRASE, canon the phrase),
 * else 0. */
int stance_q_np_antecedent(ctx *c, size_t qi, attr *a, long nearest, long best)
{
    size_t pj = qi, pos = a->spk.start, prev_end;
    const attr *o;
    stance_span np;
    while (pj-- > 0 && qi - pj < 4) {
        if (c->s[pj].kind == K_SKIP)
            continue;
        o = &c->s[pj].a;
        if (o->how == STANCE_ATTR_NAME || (o->how == STANCE_ATTR_PRONOUN && o->name >= 0))
            return 0; /* a name is nearer: the rules for names decide */
        if (o->how == STANCE_ATTR_NOUN && o->spk.start != STANCE_NO_OFFSET)
            np = o->spk;
        else if (o->how == STANCE_ATTR_PRONOUN && o->name == NAME_NOUN_PHRASE)
            np = o->canon;
        else
            continue;
        if (c->s[pj].close > pos || pos - c->s[pj].close > NP_PREV_REACH)
            return 0;
        {
            /* a phrase that opens with a determiner or a lowercase word ("a reporter", "the
             * company"), not a misread name or participle ("Carter however", "Following reports") */
            size_t i = np.start, ws, we;
            if (!stance_chunk_next(c->t, &i, np.end, c->len, &ws, &we) ||
                (upper_at(c->t, ws, c->len) && !lq(c->t, ws, we, STANCE_LQ(DETERMINERS))))
                return 0;
            if (best >= 0 && a->gender != STANCE_G_UNKNOWN && (word_eq(c->t, ws, we, "the") || word_eq(c->t, ws, we, "The")))
                return 0;
        }
        prev_end = c->s[pj].close;
        if (o->a_end != STANCE_NO_OFFSET && o->a_end > prev_end && o->a_end <= pos)
            prev_end = o->a_end;
        if (nearest >= 0 && c->names->v[nearest].start >= prev_end)
            return 0;
        return np_continues(c, a, np);
    }
    return 0;
}

/* An indefinite description of a person opening the sentence at @p ss, before
 * @p lim ('One California delegate said ...', 'A retired teacher, meanwhile,
 * ...'), past an opening phrase or inside "the <noun> of": "A", "An" or "One", then at most four words, the last a person or
 * role noun followed by a comma or a lowercase word. 1 and its span in @p np. */
static int indefinite_subject(ctx *c, size_t ss, size_t lim, stance_span *np)
{
    size_t i = ss, ws, we;
    int lower = 0; /* (the description does not open the sentence: "a", "an") */
    if (!stance_chunk_next(c->t, &i, lim, c->len, &ws, &we))
        return 0;
    if (stance_lex_classes_lower(c->t + ws, we - ws) & STANCE_LX(PREP)) {
        /* "At a drugstore near the mosque, a middle-aged cashier was shaken": past
         * a short opening phrase, up to its comma */
        int n = 0;
        while (n++ < 6 && !(we > ws && c->t[we - 1] == ',') && stance_chunk_next(c->t, &i, lim, c->len, &ws, &we))
            ;
        if (!(we > ws && c->t[we - 1] == ',') || !stance_chunk_next(c->t, &i, lim, c->len, &ws, &we))
            return 0;
        lower = 1;
    }
    if (word_eq(c->t, ws, we, "the") || word_eq(c->t, ws, we, "The")) {
        /* "In September, the home of a 26-year-old Berlin man was raided": the
         * person of an "of" phrase after one or two lowercase words */
        for (int n = 0; n < 3 && stance_chunk_next(c->t, &i, lim, c->len, &ws, &we) && lower_at(c->t, ws, c->len); n++)
            if (n > 0 && word_eq(c->t, ws, we, "of"))
                break;
        if (!word_eq(c->t, ws, we, "of") || !stance_chunk_next(c->t, &i, lim, c->len, &ws, &we))
            return 0;
        lower = 1;
    }
    if (lower ? !(word_eq(c->t, ws, we, "a") || word_eq(c->t, ws, we, "an"))
              : !(word_eq(c->t, ws, we, "A") || word_eq(c->t, ws, we, "An") || word_eq(c->t, ws, we, "One")))
        return 0;
    np->start = ws;
    for (int n = 0; n < 5 && stance_chunk_next(c->t, &i, lim, c->len, &ws, &we); n++) {
        size_t e = we > ws && c->t[we - 1] == ',' ? we - 1 : we, k = i, ns, ne;
        if (e > ws && (stance_lex_classes(c->t + ws, e - ws) & (STANCE_LX(PERSON_NOUN) | STANCE_LX(ROLE)))) {
            if (e == we && !(stance_chunk_next(c->t, &k, lim, c->len, &ns, &ne) && lower_at(c->t, ns, c->len)))
                return 0;
            np->end = e;
            return 1;
        }
        if (e != we || !(letter_at(c->t, ws, c->len) || (c->t[ws] >= '0' && c->t[ws] <= '9')))
            return 0; /* (an age: "A 29-year-old Berlin woman") */
    }
    return 0;
}

/* The head noun of a description whose opener ("The", a possessive) ends at
 * @p i: within three lowercase words before @p lim, a person or role noun
 * (with @p speech, a noun of speech or writing: "statement", "memo"), then a
 * lowercase word. For a person a comma after the noun will do too, and a
 * comma after an earlier word ends the walk. The noun's end, or 0. */
static size_t head_noun(ctx *c, size_t i, size_t lim, int speech)
{
    size_t ws, we;
    for (int n = 0; n < 3 && stance_chunk_next(c->t, &i, lim, c->len, &ws, &we) && lower_at(c->t, ws, c->len); n++) {
        size_t e = !speech && we > ws && c->t[we - 1] == ',' ? we - 1 : we, k = i, ns, ne;
        if (speech ? lq(c->t, ws, we, STANCE_LQ(SPEECH_NOUN))
                   : (stance_lex_classes(c->t + ws, e - ws) & (STANCE_LX(PERSON_NOUN) | STANCE_LX(ROLE))) != 0) {
            if (e == we && !(stance_chunk_next(c->t, &k, lim, c->len, &ns, &ne) && lower_at(c->t, ns, c->len)))
                return 0;
            return e;
        }
        if (e != we)
            return 0;
    }
    return 0;
}

/* A definite description of a person opening the sentence at @p ss, before
 * @p lim ('The woman who started the chant told reporters ...'): "The", then
 * its head noun (head_noun()). 1 and its span in @p np. */
static int definite_subject(ctx *c, size_t ss, size_t lim, stance_span *np)
{
    size_t i = ss, ws, we;
    if (!stance_chunk_next(c->t, &i, lim, c->len, &ws, &we) || !word_eq(c->t, ws, we, "The"))
        return 0;
    np->start = ws;
    return (np->end = head_noun(c, i, lim, 0)) != 0;
}

/* Is the run @p nm the object of the preposition right after the description
 * @p np ("A reporter for Radio Norvik", "a spokesman for the Roe campaign"):
 * the description's head is the person, the name another? */
static int np_pp_object(ctx *c, stance_span np, const stance_name *nm)
{
    size_t i = np.end, ws, we;
    if (!stance_chunk_next(c->t, &i, nm->start, c->len, &ws, &we) || !lq(c->t, ws, we, STANCE_LQ(PREPS)))
        return 0;
    if (stance_chunk_next(c->t, &i, nm->start, c->len, &ws, &we) && !word_eq(c->t, ws, we, "the"))
        return 0;
    return !stance_chunk_next(c->t, &i, nm->start, c->len, &ws, &we);
}

/* A he/she whose paragraph, in its last three sentences up to the pronoun,
 * opens a sentence with an indefinite description of a person and names no
 * candidate (@p best, a names entry, or -1) after it but the object of its
 * preposition (np_pp_object()) ('One delegate said he
 * tried to give away passes. "Not one," he said.'): the pronoun continues the
 * description. With no candidate at all, a definite description opening such
 * a sentence does too ("The woman who started it said ..."). 1 with @p a set (name NAME_NOUN_PHRASE, canon the phrase). */
int stance_q_indefinite_antecedent(ctx *c, size_t qi, attr *a, long best)
{
    size_t pos = a->spk.start, floor = pos > 700 ? pos - 700 : 0, ss = pos;
    for (int n = 0; n < 3 && ss > floor; n++) {
        stance_span np;
        ss = stance_q_sent_start(c, ss, floor);
        if (!stance_q_in_quote(c, ss, c->n) &&
            (indefinite_subject(c, ss, pos, &np) || (best < 0 && definite_subject(c, ss, pos, &np)))) {
            if (best >= 0 && c->names->v[best].start > np.start && !np_pp_object(c, np, &c->names->v[best]))
                return 0;
            for (long k = name_before(c, np.end + 40); k >= 0 && c->names->v[k].start > np.end; k--)
                if (np_pp_object(c, np, &c->names->v[k])) {
                    np.end = c->names->v[k].end; /* "A reporter for Radio Norvik" */
                    break;
                }
            return np_continues(c, a, np);
        }
        if (ss == 0 || (c->t[ss - 1] == '\n' && (n > 0 || best >= 0 || c->s[qi].open < ss || c->s[qi].open - ss > 3)))
            break; /* (past the paragraph's start only with no candidate, when the pronoun's quote opens it) */
        while (--ss > floor && (c->t[ss - 1] == '\n' || c->t[ss - 1] == ' '))
            ;
    }
    return 0;
}

/* '"...," Bujnowski wrote in the affidavit. It continued: "...': an "It"
 * opening the sentence right after a quote whose named speaker's attribution
 * ends "in the" (or "a") and one to three lowercase words is that document,
 * and its writer speaks. 1 with @p a set, else 0. */
static int it_document(ctx *c, size_t qi, attr *a)
{
    size_t pj = qi, pos = a->spk.start, e, k, ws, we;
    const attr *o;
    int n = 0;
    while (pj-- > 0 && c->s[pj].kind == K_SKIP)
        ;
    if (pj >= qi || c->t[pos] != 'I')
        return 0;
    o = &c->s[pj].a;
    if (o->how != STANCE_ATTR_NAME || o->name < 0 || o->a_end == STANCE_NO_OFFSET || o->a_end > pos ||
        c->s[pj].close > pos || pos - o->a_end > 80)
        return 0;
    for (e = pos; e > o->a_end && stance_hspace(c->t, back1(c->t, e), c->len);)
        e = back1(c->t, e);
    if (e <= o->a_end + 1 || c->t[e - 1] != '.')
        return 0; /* the attribution's sentence ends right before "It" */
    for (k = e - 1; n < 4 && stance_q_word_before(c, k, o->a_end, &ws, &we) && lower_at(c->t, ws, c->len); k = ws, n++)
        if (n > 0 && (word_eq(c->t, ws, we, "the") || word_eq(c->t, ws, we, "a")))
            break;
    if (n < 1 || n > 3 || !(word_eq(c->t, ws, we, "the") || word_eq(c->t, ws, we, "a")) ||
        !stance_q_word_before(c, ws, o->a_end, &ws, &we) || !word_eq(c->t, ws, we, "in"))
        return 0;
    a->name = o->name;
    a->canon = o->canon;
    return 1;
}

/* '... the panel's memo seemed aimed at the critics. / "...," it stated.': an
 * "it" after a quote that opens its paragraph, when the paragraph before ends
 * with a sentence opening with a noun of speech or writing ("memo",
 * "statement"), after a possessive or "The" and at most two lowercase words,
 * then a lowercase word: that phrase speaks. 1 with @p a set, else 0. */
static int it_speech_subject(ctx *c, size_t qi, attr *a)
{
    size_t p = c->s[qi].open, floor, ss, i, ws, we;
    while (p > 0 && c->s[qi].open - p < 3 && c->t[p - 1] != '\n')
        p--; /* (back over the opening mark) */
    if (p == 0 || c->t[p - 1] != '\n' || a->spk.start < c->s[qi].close)
        return 0;
    while (p > 0 && (c->t[p - 1] == '\n' || c->t[p - 1] == ' '))
        p--;
    if (p == 0 || c->t[p - 1] != '.')
        return 0;
    floor = p > 400 ? p - 400 : 0;
    ss = stance_q_sent_start(c, p - 1, floor);
    if (ss >= p || stance_q_in_quote(c, ss, c->n))
        return 0;
    i = ss;
    if (!stance_chunk_next(c->t, &i, p, c->len, &ws, &we) ||
        !(word_eq(c->t, ws, we, "The") || stance_poss_start(c->t, ws, we, 0) < we))
        return 0;
    if (!(we = head_noun(c, i, p, 1)))
        return 0;
    a->name = NAME_NOUN_PHRASE;
    a->canon = (stance_span){ss, we};
    return 1;
}

/* 'A spokesman for Northgate Lettings said the repairs were done. "...," it
 * said': an "it" after a quote whose sentence before opens with a role or
 * person noun (after a determiner at most) "for" a name run that tells no
 * person's gender: the body the spokesperson speaks for. 1 with @p a set, else 0. */
static int it_spokesperson(ctx *c, size_t qi, attr *a)
{
    size_t p = c->s[qi].open, ss, i, ws, we;
    long k;
    if (a->spk.start < c->s[qi].close)
        return 0;
    while (p > 0 && (c->t[p - 1] == ' ' || c->t[p - 1] == '\n'))
        p--;
    if (p == 0)
        return 0;
    ss = stance_q_sent_start(c, p - 1, p > 400 ? p - 400 : 0);
    i = ss;
    if (ss >= p || stance_q_in_quote(c, ss, c->n) || !stance_chunk_next(c->t, &i, p, c->len, &ws, &we))
        return 0;
    if (lq(c->t, ws, we, STANCE_LQ(DETERMINERS)) && !stance_chunk_next(c->t, &i, p, c->len, &ws, &we))
        return 0;
    if (!(stance_lex_classes_lower(c->t + ws, we - ws) & (STANCE_LX(ROLE) | STANCE_LX(PERSON_NOUN))) ||
        !stance_chunk_next(c->t, &i, p, c->len, &ws, &we) || !word_eq(c->t, ws, we, "for"))
        return 0;
    i = skip_hs(c->t, i, c->len);
    k = name_before(c, i + 1);
    if (k < 0 || c->names->v[k].start != i || stance_q_in_quote(c, i, c->n) ||
        stance_names_gender(c->t, c->names->v[k].start, c->names->v[k].last_end) != STANCE_G_UNKNOWN)
        return 0;
    a->name = k;
    a->canon = (stance_span){c->names->v[k].bare, c->names->v[k].last_end};
    return 1;
}

int stance_q_it_antecedent(ctx *c, size_t qi, attr *a)
{
    return stance_q_np_antecedent(c, qi, a, -1, -1) || it_document(c, qi, a) || it_speech_subject(c, qi, a) ||
           it_spokesperson(c, qi, a);
}

/* The digits opening t[s, e), up to the first non-digit: its end. */
static size_t digits_end(const char *t, size_t s, size_t e)
{
    while (s < e && t[s] >= '0' && t[s] <= '9')
        s++;
    return s;
}

int stance_age_word(const char *t, size_t s, size_t e)
{
    size_t d = digits_end(t, s, e);
    return d > s && d - s <= 3 && e - d == 9 && memcmp(t + d, "-year-old", 9) == 0;
}

int stance_age_of(const char *t, size_t ws, size_t we, size_t hs, size_t he)
{
    return stance_age_word(t, hs, he) && digits_end(t, ws, we) == we && we > ws &&
           digits_end(t, hs, he) - hs == we - ws && memcmp(t + ws, t + hs, we - ws) == 0;
}
