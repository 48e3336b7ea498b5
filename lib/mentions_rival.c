/*
 * mentions_rival.c - rival references (#19): "my opponent", "our rival" and
 * "the other guy" or "the other candidate" in a quote, and "his opponent",
 * "her Republican rival", "Park's challenger" anywhere, as an epithet mention
 * (rule "rival") of the rival of the person the possessive (or the speaker,
 * for my/our and "the other ...") refers to. The last pass over the mentions
 * of stance_mentions_find(): pronouns and the speakers are resolved.
 *
 * The rival is the actor whose name stands right after the phrase ("her
 * rival, Sen. Tom Park"; none when another name stands there); else the other
 * of the two person actors the article names most, when the owner is one of
 * them and a third one is named less often than both. A "his"/"her" so read
 * is no mention of its owner: "His opponent is lying" is not about him; nor
 * is the possessive name of "Park's opponent is lying" one of Park.
 */
#include "config.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "mentions_int.h"

/* Is the word after the noun ending at @p we one that makes the phrase a
 * group's or a thing's ("his rival's campaign" reads on; "her rival
 * campaign", "his opponent party")? */
static int rival_modifies(const char *t, size_t len, size_t we)
{
    static const char *const next[] = {"campaign", "campaigns", "camp", "party", "parties", "team", "group",
                                       "groups", "bid", "faction", "factions", "supporters", "candidates",
                                       "nation", "nations", "countries", "country", "firm", "firms", "company"};
    size_t ws, e;
    if (we >= len || t[we] != ' ' || !stance_word_after(t, len, we, &ws, &e) || ws != we + 1)
        return 0;
    for (size_t i = 0; i < sizeof next / sizeof next[0]; i++)
        if (stance_word_is(t, ws, e, next[i]))
            return 1;
    return 0;
}

/* The person-like actor (no place) with the most name mentions other than
 * @p skip1 and @p skip2, and its count in *n (0 if none); -1 on a tie. */
static long most_named(const stance_entityset *ents, long skip1, long skip2, size_t *n)
{
    long best = -1;
    *n = 0;
    for (size_t i = 0; i < ents->n; i++) {
        const stance_ent *e = &ents->e[i];
        if ((long)i == skip1 || (long)i == skip2 || !stance_person_like(e) || e->place)
            continue;
        if (e->n_mentions > *n)
            best = (long)i, *n = e->n_mentions;
        else if (e->n_mentions == *n)
            best = -1; /* a tie: no one */
    }
    return best;
}

/* The owner's rival by the article's counts: the other of its two most named
 * person actors, when @p owner is one of them and the third is named less
 * often than both; -1 if none. */
static long counted_rival(const stance_entityset *ents, long owner)
{
    size_t n1, n2, n3;
    long a = most_named(ents, -1, -1, &n1), b, c;
    if (a < 0)
        return -1;
    b = most_named(ents, a, -1, &n2);
    if (b < 0 || (owner != a && owner != b))
        return -1;
    (void)most_named(ents, a, b, &n3);
    if (n3 * 2 > n2)
        return -1; /* a third person named half as often: no pair */
    c = owner == a ? b : a;
    return ents->e[c].gender != STANCE_G_UNKNOWN ? c : -1; /* a person by what the article writes */
}

/* The first person actor whose name starts within five words (a title's or
 * a name's, capitalised, "Sen." too) from @p p; -2 when none does. */
static long named_from(const stance_entityset *ents, const char *t, size_t len, size_t p)
{
    size_t ws, e;
    for (int words = 0; words < 5 && p < len; words++) {
        for (size_t i = 0; i < ents->n; i++) {
            const stance_ent *x = &ents->e[i];
            for (size_t k = 0; k < x->n_mentions; k++)
                if (x->mentions[k].start == p && stance_person_like(x) && !x->place)
                    return (long)i;
        }
        if (!stance_word_after(t, len, p, &ws, &e) || ws != p)
            break;
        p = e;
        if (p < len && t[p] == '.')
            p++; /* "Sen." */
        if (p >= len || t[p] != ' ')
            break;
        p++;
    }
    return -2;
}

/* The actor named right after the rival noun ending at @p we ("her rival,
 * Sen. Tom Park", "his opponent Tom Park", "his chief rival for the
 * nomination, Tom Park"): -1 when nothing is apposed, -2 when a capitalised
 * word stands there that starts no person actor's name (a person the article
 * does not follow: no rival then). */
static long apposed_rival(const stance_entityset *ents, const char *t, size_t len, size_t we)
{
    size_t p = we, ws, e;
    if (p + 1 < len && t[p] == ' ' && stance_word_after(t, len, p, &ws, &e) && ws == p + 1 &&
        (stance_word_is(t, ws, e, "for") || stance_word_is(t, ws, e, "in"))) {
        /* a phrase of "for"/"in" up to a comma, no sentence end */
        size_t c = e;
        while (c < len && c < e + 50 && t[c] != ',' && t[c] != '.' && t[c] != ';' && t[c] != '"')
            c++;
        if (c < len && t[c] == ',')
            p = c;
    }
    if (p < len && t[p] == ',')
        p++;
    if (p >= len || t[p] != ' ' || !stance_word_after(t, len, p, &ws, &e) || ws != p + 1 ||
        stance_letter_case(t, ws, e) <= 0)
        return -1;
    return named_from(ents, t, len, ws);
}

/* The actor whose name ends right before ", " at @p ps ("Tom Park, her
 * rival,"), or -1. */
static long apposed_before(const stance_entityset *ents, const char *t, size_t ps)
{
    if (ps < 3 || t[ps - 1] != ' ' || t[ps - 2] != ',')
        return -1;
    for (size_t i = 0; i < ents->n; i++) {
        const stance_ent *x = &ents->e[i];
        for (size_t k = 0; k < x->n_mentions; k++)
            if (x->mentions[k].end == ps - 2 && stance_person_like(x) && !x->place)
                return (long)i;
    }
    return -1;
}

/* Drop the pronoun mention of actor @p owner starting at @p at. */
static void drop_pronoun(stance_ent *e, size_t at)
{
    size_t k = 0;
    for (size_t j = 0; j < e->n_more; j++)
        if (!(e->more[j].span.start == at && e->more[j].kind == STANCE_MK_PRONOUN))
            e->more[k++] = e->more[j];
    e->n_more = k;
}

/* Mark the name mention t[start, end) of actor @p e (a possessive) dropped:
 * the scan drops it at its end (stance_mentions_drop_marked()), so that the
 * counts of counted_rival() stay the article's meanwhile. */
static void mark_name(stance_ent *e, size_t start, size_t end)
{
    for (size_t k = 0; k < e->n_mentions; k++)
        if (e->mentions[k].start == start && e->mentions[k].end == end)
            e->kinds[k] = STANCE_MK_DROPPED;
}

/* The actor whose pronoun mention starts at @p at, or -1. */
static long pronoun_owner(const stance_entityset *ents, size_t at)
{
    for (size_t i = 0; i < ents->n; i++)
        for (size_t k = 0; k < ents->e[i].n_more; k++)
            if (ents->e[i].more[k].span.start == at && ents->e[i].more[k].kind == STANCE_MK_PRONOUN)
                return (long)i;
    return -1;
}

/* The actor whose possessive name mention ends at @p at (its start then in
 * *start), or -1. */
static long possessive_owner(const stance_entityset *ents, size_t at, size_t *start)
{
    for (size_t i = 0; i < ents->n; i++) {
        const stance_ent *e = &ents->e[i];
        for (size_t k = 0; k < e->n_mentions; k++)
            if (e->mentions[k].end == at && e->rules && e->kinds && e->rules[k] == STANCE_MR_POSSESSIVE) {
                *start = e->mentions[k].start;
                return (long)i;
            }
    }
    return -1;
}

/* Does the word at @p s open its sentence (after ".", "!", "?", a quote
 * mark, or nothing)? */
static int opens_sentence(const char *t, size_t s)
{
    while (s > 0 && (t[s - 1] == ' ' || t[s - 1] == '\n'))
        s--;
    if (s >= 3 && memcmp(t + s - 3, "\xE2\x80\x9C", 3) == 0)
        return 1; /* an opening curly quote */
    return s == 0 || t[s - 1] == '.' || t[s - 1] == '!' || t[s - 1] == '?' || t[s - 1] == '"';
}

/* A rival phrase t[ps, we) whose owner is @p owner (-1: unknown), the
 * speaker of its quote @p sp (-1: none or not in a quote); @p counted: the
 * article's counts may name the rival (no "primary rival", "closest
 * rival": one of several). */
static int add_rival(mstate *m, size_t ps, size_t we, long owner, long sp, int counted, int *linked)
{
    long r = apposed_before(m->ents, m->t, ps);
    *linked = 0;
    if (r >= 0) { /* "Tom Park, his rival,": Park, whoever "his" was resolved to (not Park) */
        *linked = 1;
        return stance_mentions_add(&m->ents->e[r], ps, we, STANCE_MK_EPITHET, STANCE_MR_RIVAL);
    }
    r = apposed_rival(m->ents, m->t, m->len, we);
    if (r == -2 || owner < 0)
        return STANCE_OK;
    if (r < 0 && counted)
        r = counted_rival(m->ents, owner);
    if (r < 0 || r == owner || r == sp)
        return STANCE_OK;
    *linked = 1;
    return stance_mentions_add(&m->ents->e[r], ps, we, STANCE_MK_EPITHET, STANCE_MR_RIVAL);
}

/* The speaker of the quote holding t[a, b), or -1 (no quote, or none). */
static long speaker_at(const mstate *m, size_t a, size_t b, int *in_quote)
{
    size_t qi = stance_quote_holding(m->quotes, a, b);
    *in_quote = qi < m->quotes->n;
    if (*in_quote) { /* a quote inside the quote ("say, \u2018I'd like to ...") is another's voice */
        size_t from = a > m->quotes->q[qi].span.start + 120 ? a - 120 : m->quotes->q[qi].span.start;
        for (size_t i = from; i + 3 <= a; i++)
            if (memcmp(m->t + i, "\xE2\x80\x98", 3) == 0)
                return -1;
    }
    return *in_quote && m->speaker ? m->speaker[qi] : -1;
}

/* A word that may stand between the possessor and the rival noun: a
 * capitalised one ("Democratic") or one of these; *counted cleared by those
 * that make the rival one of several ("his closest rival"). */
static int rival_modifier(const char *t, size_t ws, size_t we, int *counted)
{
    static const char *const one[] = {"election", "general", "likely", "political", "presidential", "socialist"};
    static const char *const several[] = {"chief", "closest", "former", "leading", "longtime", "main", "nearest",
                                          "next", "onetime", "party", "primary", "top"};
    if (stance_letter_case(t, ws, we) > 0) {
        *counted = 0; /* "his Democratic rival": the counts may name the other party's */
        return 1;
    }
    for (size_t i = 0; i < sizeof one / sizeof one[0]; i++)
        if (stance_word_is(t, ws, we, one[i]))
            return 1;
    for (size_t i = 0; i < sizeof several / sizeof several[0]; i++)
        if (stance_word_is(t, ws, we, several[i])) {
            *counted = 0;
            return 1;
        }
    return 0;
}

/* The phrase ending in the rival noun t[ws, we): its possessor and up to two
 * modifiers between ("his Democratic opponent"), separated by single spaces. */
static int rival_at(mstate *m, size_t ws, size_t we)
{
    const char *t = m->t;
    size_t ps = ws, pe, s, e;
    int in_q, counted = 1, linked;
    long sp;
    if (rival_modifies(t, m->len, we))
        return STANCE_OK;
    for (int n = 0; n < 3; n++) {
        if (!stance_word_before(t, ps, &s, &e) || e + 1 != ps)
            return STANCE_OK;
        sp = speaker_at(m, s, we, &in_q);
        if (stance_word_is(t, s, e, "his") || stance_word_is(t, s, e, "her")) {
            long owner = pronoun_owner(m->ents, s);
            /* "his" is no mention of its owner when the rival is found, or
             * the phrase opens its sentence ("His opponent is lying"); it is
             * one in "X encouraged spying on his opponent" */
            if (add_rival(m, s, we, owner, sp, counted, &linked))
                return STANCE_ERR_NOMEM;
            if (owner >= 0 && (linked || opens_sentence(t, s)))
                drop_pronoun(&m->ents->e[owner], s);
            return STANCE_OK;
        }
        if (stance_word_is(t, s, e, "my") || stance_word_is(t, s, e, "our"))
            return in_q && sp >= 0 ? add_rival(m, s, we, sp, -1, counted, &linked) : STANCE_OK;
        if (e - s == 1 && s >= 3 && (pe = stance_poss_start(t, 0, e, 0)) < s) {
            size_t at = s; /* "Park's opponent": from "Park" on */
            long owner = possessive_owner(m->ents, pe, &at);
            if (add_rival(m, at, we, owner, sp, counted, &linked))
                return STANCE_ERR_NOMEM;
            if (owner >= 0 && (linked || opens_sentence(t, at))) /* as "his" above */
                mark_name(&m->ents->e[owner], at, pe);
            return STANCE_OK;
        }
        if (n == 2 || !rival_modifier(t, s, e, &counted))
            return STANCE_OK;
        ps = s;
    }
    return STANCE_OK;
}

/* "the other guy", "the other candidate" in a quote: the speaker's rival. */
static int other_at(mstate *m, size_t ws, size_t we)
{
    size_t os, oe, ts, te;
    int in_q, linked;
    long sp;
    if (!stance_word_before(m->t, ws, &os, &oe) || oe + 1 != ws || !stance_word_is(m->t, os, oe, "other") ||
        !stance_word_before(m->t, os, &ts, &te) || te + 1 != os || !stance_word_is(m->t, ts, te, "the"))
        return STANCE_OK;
    sp = speaker_at(m, ts, we, &in_q);
    return in_q && sp >= 0 ? add_rival(m, ts, we, sp, -1, 1, &linked) : STANCE_OK;
}

/* The words that open a rival phrase: the rival nouns (rival_at()) and the
 * nouns after "the other" (other_at()). */
typedef struct trigger {
    const char *word;
    size_t n;
    int other;
} trigger;
#define TRIGGER(w, other) {w, sizeof w - 1, other}
static const trigger triggers[] = {TRIGGER("rival", 0), TRIGGER("opponent", 0), TRIGGER("challenger", 0),
                                   TRIGGER("guy", 1), TRIGGER("candidate", 1)};
#define N_TRIGGERS (sizeof triggers / sizeof triggers[0])
#define TRIGGER_MAXN (sizeof "challenger" - 1) /* the longest: the scan's loads reach this far */

/* Could a trigger word start at t[p]: its first and last letters, ASCII case
 * folded, in place? */
static int trigger_ends(const char *t, size_t len, size_t p)
{
    for (size_t j = 0; j < N_TRIGGERS; j++)
        if (p + triggers[j].n <= len && (t[p] | 0x20) == triggers[j].word[0] &&
            (t[p + triggers[j].n - 1] | 0x20) == triggers[j].word[triggers[j].n - 1])
            return 1;
    return 0;
}

/* The trigger standing whole at t[p] (ASCII case folded, no word byte on
 * either side), or NULL. */
static const trigger *trigger_at(const char *t, size_t len, size_t p)
{
    if (p > 0 && stance_word_byte(t, p - 1, len))
        return NULL;
    for (size_t j = 0; j < N_TRIGGERS; j++) {
        const trigger *g = &triggers[j];
        if (p + g->n <= len && stance_word_is(t, p, p + g->n, g->word) &&
            (p + g->n == len || !stance_word_byte(t, p + g->n, len)))
            return g;
    }
    return NULL;
}

#if defined(__SSE2__)
_Static_assert(N_TRIGGERS == 5, "stance_mentions_rivals() reads five triggers");
/* The places k of the sixteen from @p q (a: them, case folded) where
 * triggers[j] could start: bit k set iff its first and last letters are there.
 * Called with a constant j, so that each becomes straight-line code. */
static inline unsigned trigger_bits(const char *q, __m128i a, const __m128i *first, const __m128i *last, size_t j)
{
    __m128i b = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(q + triggers[j].n - 1)),
                             _mm_set1_epi8(0x20));
    return (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first[j]), _mm_cmpeq_epi8(b, last[j])));
}
#endif

/* The rival phrase of the trigger standing whole at @p p, if one does. */
static int trigger_found(mstate *m, size_t p)
{
    const trigger *g = trigger_at(m->t, m->len, p);
    return g && (g->other ? other_at(m, p, p + g->n) : rival_at(m, p, p + g->n));
}

/* The rival phrases of the text, in text order: where trigger_ends() holds,
 * sixteen places a step with SSE2 (a walk over every word of the text cost 3 %
 * of stance_classify()'s instructions), then trigger_at(). */
static int rivals_scan(mstate *m);

int stance_mentions_rivals(mstate *m)
{
    if (rivals_scan(m))
        return STANCE_ERR_NOMEM;
    /* the name index holds the name mentions: rebuilt without the dropped ones */
    return stance_mentions_drop_marked(m->ents) && m->ents->ix ? stance_mindex_build(m->ents) : STANCE_OK;
}

static int rivals_scan(mstate *m)
{
    const char *t = m->t;
    size_t p = 0;
#if defined(__SSE2__)
    const __m128i fold = _mm_set1_epi8(0x20);
    __m128i first[N_TRIGGERS], last[N_TRIGGERS];
    for (size_t j = 0; j < N_TRIGGERS; j++) {
        first[j] = _mm_set1_epi8(triggers[j].word[0]);
        last[j] = _mm_set1_epi8(triggers[j].word[triggers[j].n - 1]);
    }
    for (; p + TRIGGER_MAXN - 1 + 16 <= m->len; p += 16) {
        __m128i a = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(t + p)), fold);
        unsigned bits = trigger_bits(t + p, a, first, last, 0) | trigger_bits(t + p, a, first, last, 1) |
                        trigger_bits(t + p, a, first, last, 2) | trigger_bits(t + p, a, first, last, 3) |
                        trigger_bits(t + p, a, first, last, 4);
        for (; bits; bits &= bits - 1)
            if (trigger_found(m, p + (size_t)__builtin_ctz(bits)))
                return STANCE_ERR_NOMEM;
    }
#endif
    for (; p < m->len; p++)
        if (trigger_ends(t, m->len, p) && trigger_found(m, p))
            return STANCE_ERR_NOMEM;
    return STANCE_OK;
}
