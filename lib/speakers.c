/*
 * speakers.c - from the mention a sieve found to a speaker: canonical names,
 * pronouns resolved to an earlier subject of a compatible gender, and
 * inheritance from neighbouring quotes. It runs after every quote has been
 * through the sieves.
 */
#include "config.h"

#include "speakers_int.h"

/* person_like() and "org or acronym" of the names a resolution looks at,
 * computed once per pronoun: bit 1 known, bit 2 person, bit 4 org. */
#define PMEMO 96
typedef struct pmemo {
    long top; /* the names entry of v[0]; v[i] is top - i */
    unsigned char v[PMEMO];
} pmemo;

enum { SI_NONE, SI_NAME, SI_OTHER, SI_SAME };

typedef struct spk_key {
    size_t start, end, j;
} spk_key;

static int same_surname(ctx *c, long x, long y);
static int place_first(ctx *c, const stance_name *nm);
static int org_like(ctx *c, const stance_name *nm);
static int subject_slot(ctx *c, const stance_name *nm, size_t ss);
static int acronym_head(ctx *c, const stance_name *nm);
static int person_like(ctx *c, size_t qi, long k, int org);
static int participle_intro(ctx *c, size_t ws, size_t we, size_t lim);
static unsigned name_class(ctx *c, size_t qi, long k, pmemo *m);
static int attributes_sentence(ctx *c, const stance_name *nm, size_t ss);
static int opening_subject(ctx *c, const stance_name *nm, size_t from);
static int sent_subject(ctx *c, size_t qi, size_t ss, size_t lim, int g, long *first, pmemo *m);
static int spk_key_cmp(const void *pa, const void *pb);

/* Is the run @p nm a piece of a title-case headline rather than a name: a
 * word before its surname in -ing or a function word ("Critics Rebuking
 * Lund", "Important Than Electing Obama")? */
static int headline_run(ctx *c, const stance_name *nm)
{
    size_t i = nm->bare, ws, we;
    while (stance_chunk_next(c->t, &i, nm->last, c->len, &ws, &we))
        if (ing_word(c->t, ws, we) || (stance_lex_classes_lower(c->t + ws, we - ws) & (STANCE_LX(STOP) | STANCE_LX(CONJ))))
            return 1;
    return 0;
}

/* The canonical name @p k of the bare name [s, e) (-1: none), unless it is a
 * headline run inside a quote: then the fullest run of its surname group that
 * is outside quotes and ends with the whole bare name, or -1. A title in marks
 * ('"Critics Rebuking Lund as He Wins"') names nobody; a full name quoted
 * ('"Mayor Tove Lund promised ..."') still does. */
static long canonical_not_headline(ctx *c, long k, size_t s, size_t e)
{
    const stance_namelist *l = c->names;
    size_t blen = e - s, a = s, b = e, lt;
    unsigned want;
    if (k < 0 || !stance_q_in_quote(c, l->v[k].start, c->n) || !headline_run(c, &l->v[k]))
        return k;
    want = stance_names_bare(c->t, &a, &b, &lt);
    if (!c->group)
        return -1;
    for (size_t j = c->group[k]; j < l->n && j < c->group[k] + 64; j++) {
        long o = (long)l->by_last[j];
        const stance_name *nm = &l->v[o];
        size_t cl = nm->last_end - nm->bare;
        if (!same_surname(c, o, k) || nm->ntok <= want)
            break;
        if (stance_q_in_quote(c, nm->start, c->n))
            continue;
        if (cl > blen && memcmp(c->t + nm->last_end - blen, c->t + s, blen) == 0 &&
            (c->t[nm->last_end - blen - 1] == ' ' || stance_nbsp_ends(c->t, nm->bare, nm->last_end - blen)))
            return o;
    }
    return -1;
}

/* A lone surname t[last, e) (of gender @p g from its title, or
 * STANCE_G_UNKNOWN) that no run names more fully (stance_names_canonical()
 * found none) while a run of three words or more outside quotes writes a
 * listed first name right before it ("County Administrator Paula Brandt",
 * a run the canonical form refuses when the text writes "county" in
 * lowercase nearby: a glued word): that run, its name from the first name on
 * in *@p fs. All such runs must agree on the first name (one person) and fit
 * the gender; -1 when there is none. */
static long first_name_run(ctx *c, size_t last, size_t e, int g, size_t *fs)
{
    const stance_namelist *l = c->names;
    const size_t kn = e - last;
    long found = -1;
    for (size_t j = stance_names_surname_at(l, c->t, c->t + last, kn), seen = 0; j < l->n && seen < 64; j++, seen++) {
        const stance_name *nm = &l->v[l->by_last[j]];
        size_t ws, we = nm->last;
        int ng;
        if (nm->last_end - nm->last != kn || memcmp(c->t + nm->last, c->t + last, kn) != 0)
            break;
        if (nm->ntok < 3 || stance_q_in_quote(c, nm->start, c->n))
            continue;
        while (we > nm->bare && c->t[we - 1] == ' ')
            we--;
        for (ws = we; ws > nm->bare && c->t[ws - 1] != ' ';)
            ws--;
        if (we <= ws || ws <= nm->bare || !stance_names_is_first_name(c->t + ws, we - ws))
            continue;
        if (g != STANCE_G_UNKNOWN && (ng = stance_first_name_gender(stance_lex_classes(c->t + ws, we - ws))) != STANCE_G_UNKNOWN &&
            ng != g)
            continue; /* ("Mr. Brandt" is no Paula Brandt) */
        if (found >= 0 && (memcmp(c->t + *fs, c->t + ws, we - ws) != 0 || c->t[*fs + (we - ws)] != ' '))
            return -1; /* two first names: two people */
        found = (long)l->by_last[j];
        *fs = ws;
    }
    return found;
}

/* Does the first name at @p ws stand where only a speaker's name can, right
 * after a quote's closing mark or after "said"/"says", with its surname at
 * @p s followed by a comma and "the"/"a" (an apposition)? */
static int speaker_slot_apposed(ctx *c, size_t ws, size_t s)
{
    size_t e = s, ps, pe;
    int after_quote = 0;
    while (e < c->len && c->t[e] != ' ' && c->t[e] != ',')
        e++;
    if (e + 3 > c->len || c->t[e] != ',' || c->t[e + 1] != ' ' ||
        !(!memcmp(c->t + e + 2, "a ", 2) || (e + 5 <= c->len && !memcmp(c->t + e + 2, "the ", 4))))
        return 0;
    for (size_t i = 0; i < c->n; i++)
        if (c->s[i].close <= ws && ws - c->s[i].close <= 2 && skip_hs(c->t, c->s[i].close, c->len) == ws)
            after_quote = 1;
    if (after_quote)
        return 1;
    return ws > 1 && stance_q_word_before(c, ws, ws > 40 ? ws - 40 : 0, &ps, &pe) && pe == ws - 1 &&
           lower_at(c->t, ps, c->len) && stance_lex_is(c->t + ps, pe - ps, STANCE_LX(RV_SAY));
}

/* A lone surname at @p s right after a listed first name that is also a
 * function word or a month, which names.c leaves out of the run ("Jan",
 * "June", "Will"), itself after a title or a lowercase role noun ("Former
 * Arizona governor Jan Brewer", "Gov. June Oakley"): the first name's start;
 * else @p s. */
static size_t stop_first_name_before(ctx *c, size_t s)
{
    const uint64_t first = STANCE_LX(FIRST_F) | STANCE_LX(FIRST_M);
    size_t ws, we, ps, pe;
    uint64_t cls;
    if (s < 1 || c->t[s - 1] != ' ' || !stance_q_word_before(c, s, s > 40 ? s - 40 : 0, &ws, &we) || we != s - 1 ||
        letter_case(c->t, ws, c->len) != 1)
        return s;
    cls = stance_lex_classes(c->t + ws, we - ws);
    if ((cls & first) && (cls & STANCE_LX(STOP)) && speaker_slot_apposed(c, ws, s))
        return ws; /* '..." said Will Doyle, a professor', '..." Will Estrada, the chairman' */
    if (!(cls & first) || !(cls & STANCE_LX(STOP)) || ws < 1 || c->t[ws - 1] != ' ' ||
        !stance_q_word_before(c, ws > 1 && c->t[ws - 2] == '.' ? ws - 2 : ws, ws > 40 ? ws - 40 : 0, &ps, &pe) ||
        (pe != ws - 1 && !(pe == ws - 2 && c->t[pe] == '.')))
        return s;
    if (stance_lex_is(c->t + ps, pe - ps, STANCE_LX(TITLE)) ||
        (c->t[pe] == '.' && stance_lex_is(c->t + ps, pe + 1 - ps, STANCE_LX(TITLE))) ||
        (lower_at(c->t, ps, c->len) && (stance_lex_classes_lower(c->t + ps, pe - ps) & (STANCE_LX(ROLE) | STANCE_LX(PERSON_NOUN)))))
        return ws;
    return s;
}

/* The full name of the lone surname run @p k when a run of its surname
 * outside quotes follows such a first name (stop_first_name_before()): 1 and
 * *@p canon that first name and surname; 0 when there is none or two first
 * names (two people). */
static int stop_first_name(ctx *c, long k, stance_span *canon)
{
    const stance_namelist *l = c->names;
    const stance_name *nm = &l->v[k];
    const size_t kn = nm->last_end - nm->last;
    stance_span found = NOSPAN;
    if (nm->bare != nm->last)
        return 0;
    for (size_t j = stance_names_surname_at(l, c->t, c->t + nm->last, kn), seen = 0; j < l->n && seen < 64; j++, seen++) {
        const stance_name *o = &l->v[l->by_last[j]];
        size_t fs;
        if (o->last_end - o->last != kn || memcmp(c->t + o->last, c->t + nm->last, kn) != 0)
            break;
        if (o->bare != o->last || stance_q_in_quote(c, o->start, c->n) || (fs = stop_first_name_before(c, o->bare)) == o->bare)
            continue;
        if (found.start != STANCE_NO_OFFSET && (o->bare - fs != found.end - kn - found.start ||
                                                memcmp(c->t + fs, c->t + found.start, o->bare - fs) != 0))
            return 0; /* ("Jan Brewer", "June Brewer": two people) */
        if (found.start == STANCE_NO_OFFSET)
            found = (stance_span){fs, o->last_end};
    }
    if (found.start == STANCE_NO_OFFSET)
        return 0;
    *canon = found;
    return 1;
}

/* An organisation's name whose first words read as titles ("The State
 * Department", "the Senate Ethics Committee", "The State Board of Elections"):
 * names.c leaves the titles out of the run, but before an organisation's
 * word (ORG_LAST: "Department", "Committee", "Board") they name it and are
 * not a person's title. Moves @p canon's start back over the capitalised
 * titles (without a period) right before it, down to @p floor, when "the"
 * stands before them (inside the speaker's span or not) (a person's title takes none: "Senator Mark Hall",
 * "Judge John Church", though "Hall" and "Church" end organisations too). */
static void org_titles_back(ctx *c, stance_span *canon, size_t floor)
{
    size_t k = canon->start, ws, we, i = canon->start;
    int org = 0;
    while (stance_chunk_next(c->t, &i, canon->end, c->len, &ws, &we))
        if (letter_case(c->t, ws, c->len) == 1 && lq(c->t, ws, we, STANCE_LQ(ORG_LAST)))
            org = 1;
    if (!org)
        return;
    while (k > floor + 1 && c->t[k - 1] == ' ' && stance_q_word_before(c, k - 1, floor, &ws, &we) && we == k - 1 &&
           ws >= floor && letter_case(c->t, ws, c->len) == 1 && stance_lex_is(c->t + ws, we - ws, STANCE_LX(TITLE)))
        k = ws;
    if (k < canon->start && k > 1 && c->t[k - 1] == ' ' && stance_q_word_before(c, k - 1, k > 8 ? k - 8 : 0, &ws, &we) &&
        we == k - 1 && (word_eq(c->t, ws, we, "the") || word_eq(c->t, ws, we, "The")))
        canon->start = k; /* (after "the" only: "Senator Hall", "Judge John Church" keep their titles out) */
}

/* Canonical span and gender of a name mention [s, e). */
void stance_q_canonicalise(ctx *c, attr *a)
{
    size_t s = a->spk.start, e = a->spk.end, last, fs = 0;
    unsigned n;
    long k, f = -1;
    int g;
    if (a->how == STANCE_ATTR_LABEL) {
        a->canon = a->spk;
        return;
    }
    n = stance_names_bare(c->t, &s, &e, &last);
    if (!n) {
        a->canon = a->spk;
        return;
    }
    /* A lone surname whose title tells a gender ("Mr. Obama") names only a
     * person it fits, and so does one of a surname group whose runs tell no
     * gender (their first names tie: "Chris Murphy", "Anne Marie Murphy")
     * when a he/she already went to a lone surname of it ("Murphy ... he"),
     * but by the fullest run of that gender, not the nearest. */
    g = n == 1 ? stance_names_gender(c->t, s, e) : STANCE_G_UNKNOWN;
    {
        long k0;
        size_t pos = a->spk.start;
        if (g == STANCE_G_UNKNOWN && n == 1 && c->lgender && (k0 = name_before(c, a->spk.end)) >= 0 &&
            c->names->v[k0].last_end == e && c->sur_gender[k0] == STANCE_G_UNKNOWN)
            g = c->lgender[c->group[k0]], pos = 0;
        k = stance_names_canonical(c->names, c->t, c->len, s, e, last, g, pos);
    }
    if (!stance_q_in_quote(c, a->spk.start, c->n))
        k = canonical_not_headline(c, k, s, e);
    if (k < 0 && n == 1 && (f = first_name_run(c, last, e, g, &fs)) >= 0) {
        a->name = f; /* "County Administrator Paula Brandt" ... "Brandt said" */
        a->canon = (stance_span){fs, c->names->v[f].last_end};
    } else if (k >= 0) {
        a->name = k;
        a->canon = (stance_span){c->names->v[k].bare, c->names->v[k].last_end};
    } else {
        a->canon = (stance_span){s, e};
        k = name_before(c, a->spk.end);
        if (k >= 0 && c->names->v[k].last_end == e) {
            a->name = k;
            if (stance_name_joined(&c->names->v[k]) && c->names->v[k].bare < s)
                a->canon.start = c->names->v[k].bare; /* "Electric" of "Harlan Gas & Electric": the whole name */
        }
    }
    if (f < 0)
        a->canon.start = stance_names_unglued(c->t, c->len, a->canon.start, a->canon.end);
    if (n == 1 && f < 0 && a->name >= 0)
        stop_first_name(c, a->name, &a->canon); /* "governor Jan Brewer" ... "Brewer said" */
    if (f < 0)
        org_titles_back(c, &a->canon, a->spk.start);
    if (a->name >= 0 && c->sur_gender)
        a->gender = c->sur_gender[a->name];
    if (a->gender == STANCE_G_UNKNOWN) {
        a->gender = stance_names_gender(c->t, a->spk.start, a->spk.end);
        if (a->gender == STANCE_G_UNKNOWN)
            a->gender = stance_names_gender(c->t, a->canon.start, a->canon.end);
    }
}

/* The gender of a lone first name set off by commas after a lowercase noun
 * ("his wife, Jane, said", "Her father, Brad, 39, worried"): a person named
 * by the first name alone. STANCE_G_UNKNOWN otherwise (a place after a
 * place, "Atlanta, Georgia,", a preposition, "in Austin,", a longer run). */
static int appositive_first_name(ctx *c, const stance_name *nm)
{
    const char *t = c->t;
    size_t p = nm->start, ws, we, k = nm->end;
    if (nm->ntok != 1 || nm->bare != nm->start || k >= c->len || t[k] != ',')
        return STANCE_G_UNKNOWN;
    while (p > 0 && stance_hspace(t, back1(t, p), c->len))
        p = back1(t, p);
    if (p < 2 || t[p - 1] != ',' || !stance_q_word_before(c, p - 1, p > 40 ? p - 40 : 0, &ws, &we) ||
        we != p - 1 || !lower_at(t, ws, c->len) ||
        (stance_lex_classes(t + ws, we - ws) & (STANCE_LX(PREP) | STANCE_LX(DET) | STANCE_LX(CONJ) | STANCE_LX(REL))))
        return STANCE_G_UNKNOWN;
    return stance_first_name_gender(stance_lex_classes(t + nm->start, nm->end - nm->start));
}

/* The full name of the lone first name @p k ("his wife, Jane," ... "Jane
 * Sanders made it clear"): the first run outside quotes of two tokens or more
 * whose bare name opens with that word, when every such run has the same
 * surname. -1 if none. Only called for a resolved pronoun's antecedent. */
static long first_name_full(ctx *c, long k)
{
    const stance_namelist *l = c->names;
    const stance_name *nm = &l->v[k];
    size_t n = nm->end - nm->start;
    long found = -1;
    for (size_t i = 0; i < l->n; i++) {
        const stance_name *o = &l->v[i];
        if (o->ntok < 2 || o->last - o->bare <= n || memcmp(c->t + o->bare, c->t + nm->start, n) != 0 ||
            !stance_hspace(c->t, o->bare + n, c->len) || stance_q_in_quote(c, o->start, c->n))
            continue;
        if (found < 0)
            found = (long)i;
        else if (!same_surname(c, found, (long)i))
            return -1;
    }
    return found;
}

/* The gender of names entry @p k for a pronoun: its own (a title or first name:
 * "Jane Sanders" in an article about Bernie Sanders is a woman), else its
 * surname group's. */
static int entry_gender(ctx *c, long k)
{
    const stance_name *nm = &c->names->v[k];
    return nm->gender != STANCE_G_UNKNOWN || !c->ggender ? nm->gender : c->ggender[c->group[k]];
}

/* Gender per surname group, from the hints of all its runs. */
int stance_q_surname_genders(ctx *c)
{
    stance_namelist *l = c->names;
    size_t i = 0;
    if (!l->n)
        return STANCE_OK;
    c->sur_gender = stance_calloc(l->n, sizeof *c->sur_gender);
    c->group = stance_calloc(l->n, sizeof *c->group);
    c->ggender = stance_calloc(l->n, sizeof *c->ggender);
    c->lgender = stance_calloc(l->n, sizeof *c->lgender);
    c->lowseen = stance_calloc(l->n, sizeof *c->lowseen);
    if (!c->sur_gender || !c->group || !c->ggender || !c->lgender || !c->lowseen)
        return stance_error_set(c->err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    while (i < l->n) {
        size_t j = i;
        int m = 0, f = 0, g;
        const stance_name *a = &l->v[l->by_last[i]];
        while (j < l->n) {
            const stance_name *b = &l->v[l->by_last[j]];
            if (b->last_end - b->last != a->last_end - a->last ||
                memcmp(c->t + b->last, c->t + a->last, a->last_end - a->last) != 0)
                break;
            int bg = b->gender != STANCE_G_UNKNOWN ? b->gender : appositive_first_name(c, b);
            if (bg == STANCE_G_MALE)
                m++;
            else if (bg == STANCE_G_FEMALE)
                f++;
            j++;
        }
        g = m > f ? STANCE_G_MALE : f > m ? STANCE_G_FEMALE : STANCE_G_UNKNOWN;
        for (size_t k = i; k < j; k++) {
            c->sur_gender[l->by_last[k]] = g;
            c->group[l->by_last[k]] = i;
        }
        c->ggender[i] = g;
        i = j;
    }
    return STANCE_OK;
}

static int same_surname(ctx *c, long x, long y)
{
    const stance_name *a = &c->names->v[x], *b = &c->names->v[y];
    return a->last_end - a->last == b->last_end - b->last &&
           memcmp(c->t + a->last, c->t + b->last, a->last_end - a->last) == 0;
}

/* How many runs of the article end with the surname of entry @p k (itself included)? */
size_t stance_q_surname_runs(ctx *c, long k)
{
    size_t g, n = 0;
    if (!c->group)
        return 1;
    for (g = c->group[k]; n < 2 && g < c->names->n && same_surname(c, (long)c->names->by_last[g], k); g++)
        n++; /* counted to 2: the group grows with the text, the callers ask "one run only?" */
    return n;
}

void stance_q_inherit(attr *to, const attr *from, int rule)
{
    *to = *from;
    to->how = STANCE_ATTR_INHERIT;
    to->rule = rule;
    to->a_start = to->a_end = STANCE_NO_OFFSET;
}

int stance_q_in_quote(ctx *c, size_t pos, size_t upto)
{
    size_t lo = stance_first_end_after(c->s, upto, sizeof *c->s, offsetof(seg, cs), pos);
    return lo > 0 && pos < c->s[lo - 1].ce;
}

/* Does the run open with a place word ("New", "South", "Fort")? */
static int place_first(ctx *c, const stance_name *nm)
{
    size_t i = nm->bare, ws, we;
    return stance_chunk_next(c->t, &i, nm->last_end, c->len, &ws, &we) &&
           lq(c->t, ws, we, STANCE_LQ(PLACE_FIRST));
}

static int org_like(ctx *c, const stance_name *nm)
{
    if (lq(c->t, nm->last, nm->last_end, STANCE_LQ(ORG_LAST)) ||
        lq(c->t, nm->last, nm->last_end, STANCE_LQ(ORG_HEAD)))
        return 1;
    if (nm->last_end - nm->last < 2 || stance_names_is_title(c->t + nm->last, nm->last_end - nm->last) ||
        stance_name_joined(nm))
        return 1; /* "(R)", an initial, a bare title ("Attorney General"), "Mallory & Finch" */
    if (nm->ntok == 1 && lq(c->t, nm->last, nm->last_end, STANCE_LQ(ORG_ALONE)))
        return 1;
    return place_first(c, nm);
}

/* Is the name in subject position: followed by a verb-like word or an appositive? */
int stance_q_is_subject(ctx *c, const stance_name *nm)
{
    size_t k = nm->end, ws, we;
    const char *t = c->t;
    k = skip_hs(t, k, c->len);
    if (k >= c->len)
        return 0;
    if (t[k] == ',')
        return 1;
    ws = k;
    we = k;
    while (lower_at(t, we, c->len))
        we = next1(t, we, c->len);
    return we > ws && !lq(t, ws, we, STANCE_LQ(SUBJ_NOT_VERB));
}

/* The word before @p pos within [floor, pos), skipping spaces: 1 and its span
 * if it directly precedes, 0 if punctuation or the floor comes first. */
int stance_q_word_before(ctx *c, size_t pos, size_t floor, size_t *ws, size_t *we)
{
    size_t e = pos, s;
    while (e > floor && stance_hspace(c->t, back1(c->t, e), c->len))
        e = back1(c->t, e);
    s = e;
    while (s > floor && letter_before(c->t, s, c->len, 0))
        s = back1(c->t, s);
    *ws = s;
    *we = e;
    return e > s;
}

/* Can the name run be the subject of its clause: not the object of a
 * preposition, a determiner or a verb-like word before it, and followed by a
 * verb or an appositive? */
static int subject_slot(ctx *c, const stance_name *nm, size_t ss)
{
    size_t ws, we, k = nm->end, w2s, w2e;
    const char *t = c->t;
    if (stance_q_word_before(c, nm->start, ss, &ws, &we) && lq(t, ws, we, STANCE_LQ(OBJ_LEFT)) &&
        !((we - ws == 2 && memcmp(t + ws, "of", 2) == 0) && stance_q_word_before(c, ws, ss, &w2s, &w2e) &&
          upper_at(t, w2s, c->len)))
        return 0; /* an object, unless a title ("Secretary of State Jane Roe") */
    k = skip_hs(t, k, c->len);
    if (k < c->len && t[k] == '(') {
        /* "Jane Roe (D-Ohio) said" */
        size_t stop = k + 24 < c->len ? k + 24 : c->len, j = k;
        while (j < stop && t[j] != ')')
            j++;
        if (j < stop)
            k = skip_hs(t, j + 1, c->len);
    }
    if (k + 3 < c->len && memcmp(t + k, "of ", 3) == 0 &&
        (upper_at(t, k + 3, c->len) || (k + 7 < c->len && memcmp(t + k + 3, "the ", 4) == 0 && upper_at(t, k + 7, c->len)))) {
        /* "Jane Roe of Ohio, a delegate, said" / "John Doe of Dayton said" / "Rosa Roe of the Parents
         * Alliance, which ..., said" */
        size_t j = upper_at(t, k + 3, c->len) ? k + 3 : k + 7, stop = j + 40 < c->len ? j + 40 : c->len;
        while (j < stop && t[j] != ',' && t[j] != '\n' &&
               !(lower_at(t, j, c->len) && stance_hspace(t, back1(t, j), c->len)))
            j = next1(t, j, c->len); /* up to the comma, unless a lowercase word comes first */
        if (j < stop && t[j] == ',')
            return 1;
    }
    {
        /* "Dan Roe at the National Review agreed with ...": a capitalised place of
         * work, then a verb */
        size_t j = k, e2;
        int pl = k + 3 < c->len && (memcmp(t + k, "at ", 3) == 0 || memcmp(t + k, "of ", 3) == 0) ? 3
                 : k + 5 < c->len && memcmp(t + k, "from ", 5) == 0                                  ? 5
                                                                                                      : 0;
        if (pl) {
            int caps = 0;
            j += (size_t)pl;
            if (j + 4 < c->len && memcmp(t + j, "the ", 4) == 0)
                j += 4;
            while (upper_at(t, j, c->len) && caps < 5) {
                size_t stop = j + 40 < c->len ? j + 40 : c->len; /* (bounded: words are short) */
                while (j < stop && !stance_hspace(t, j, c->len) && t[j] != ',' && t[j] != '\n')
                    j++;
                caps++;
                j = skip_hs(t, j, c->len);
            }
            for (e2 = j; e2 - j < 40 && lower_at(t, e2, c->len);)
                e2 = next1(t, e2, c->len);
            if (caps && e2 > j && e2 - j > 2 && !lq(t, j, e2, STANCE_LQ(SLOT_NOT_VERB)) &&
                !lq(t, j, e2, STANCE_LQ(OBJ_LEFT)))
                return 1;
        }
    }
    if (k >= c->len)
        return 0;
    if (t[k] == ',')
        return 1;
    ws = we = k;
    while (lower_at(t, we, c->len))
        we = next1(t, we, c->len);
    if (we - ws == 3 && memcmp(t + ws, "and", 3) == 0 && we + 1 < c->len) {
        /* "Jane Roe and John Doe are ...", "Jane Roe and husband John thanked ..." */
        size_t j = we + 1;
        for (int n = 0; n < 2 && lower_at(t, j, c->len); n++) {
            while (lower_at(t, j, c->len))
                j = next1(t, j, c->len);
            if (j >= c->len || t[j] != ' ')
                break;
            j++;
        }
        if (upper_at(t, j, c->len))
            return 1;
    }
    if (we == ws || lq(t, ws, we, STANCE_LQ(SLOT_NOT_VERB)))
        return 0;
    if (we - ws > 4 && we < c->len && stance_hspace(t, we, c->len) &&
        (memcmp(t + we - 2, "er", 2) == 0 || memcmp(t + we - 2, "or", 2) == 0 || memcmp(t + we - 3, "ist", 3) == 0 ||
         memcmp(t + we - 3, "ant", 3) == 0 || memcmp(t + we - 3, "man", 3) == 0)) {
        /* "Obama consultant Cornell Belcher": a noun before a name */
        size_t i = we + (size_t)stance_hspace(t, we, c->len);
        if (upper_at(t, i, c->len))
            return 0;
    }
    return 1;
}

/* The first token of a run, all capitals ("CBS", "XM"): a broadcaster or firm. */
static int acronym_head(ctx *c, const stance_name *nm)
{
    size_t i = nm->bare, n = 0;
    while (i < nm->last_end && upper_at(c->t, i, c->len)) {
        i = next1(c->t, i, c->len);
        n++;
    }
    return n >= 2 && (i >= c->len || !stance_is_word_byte((unsigned char)c->t[i]));
}

/* 'His wife, Carys, said': a one-word name apposed to a kinship noun after a
 * possessive or determiner ("his wife", "Ruiz's daughter", "another father"): a person, of the
 * noun's gender. -1 if @p nm is no such name; else that gender (unknown for
 * "parent"). */
static int kin_apposed(ctx *c, const stance_name *nm)
{
    const char *t = c->t;
    size_t p = nm->start, ws, we, ps, pe;
    uint64_t cls;
    if (nm->ntok != 1 || nm->bare != nm->start || nm->end >= c->len || t[nm->end] != ',')
        return -1;
    while (p > 0 && stance_hspace(t, back1(t, p), c->len))
        p = back1(t, p);
    if (p < 2 || t[p - 1] != ',' || !stance_q_word_before(c, p - 1, p > 40 ? p - 40 : 0, &ws, &we) || we != p - 1 ||
        !lower_at(t, ws, c->len) || !((cls = stance_lex_classes(t + ws, we - ws)) & STANCE_LX(KIN)) ||
        !stance_q_word_before(c, ws, ws > 40 ? ws - 40 : 0, &ps, &pe))
        return -1;
    if (!(stance_poss_start(t, ps, pe, 0) < pe || lq(t, ps, pe, STANCE_LQ(DETERMINERS))))
        return -1; /* a possessive ("Ruiz's") or a word of DETERMINERS: "his", "Her", "Another father, Teodor," */
    return cls & STANCE_LX(NOUN_F) ? STANCE_G_FEMALE : cls & STANCE_LX(NOUN_M) ? STANCE_G_MALE : STANCE_G_UNKNOWN;
}

/* Does the names entry @p k look like a person: not @p org (org_like or an
 * acronym) unless a first name and one word, a gender, two names or more, a
 * title, ", who", a run of two names or more with its surname, or the
 * speaker of a quote nearby. */
static int person_like(ctx *c, size_t qi, long k, int org)
{
    const stance_namelist *l = c->names;
    const stance_name *nm = &l->v[k];
    int ng = c->ggender ? c->ggender[c->group[k]] : nm->gender;
    size_t k2 = nm->end, ws, we, i;
    if (org && !(nm->gender != STANCE_G_UNKNOWN && nm->ntok == 2))
        return 0; /* "Kent County Republican" is no person for its "Kent", nor for a gender learnt from
                   * pronouns; "Vicente Fox" (a first name and one word) still is */
    if (ng != STANCE_G_UNKNOWN)
        return 1;
    if (nm->ntok >= 2)
        return 1;
    if (nm->bare > nm->start) {
        i = nm->start;
        if (stance_chunk_next(c->t, &i, nm->bare, c->len, &ws, &we) && stance_names_is_title(c->t + ws, we - ws))
            return 1;
    }
    k2 = skip_hs(c->t, k2, c->len);
    if (k2 < c->len && c->t[k2] == ',') {
        /* ", who ..." (after any space, a no-break one included) */
        k2 = skip_hs(c->t, k2 + 1, c->len);
        if (k2 + 4 < c->len && memcmp(c->t + k2, "who", 3) == 0 && !stance_is_word_byte((unsigned char)c->t[k2 + 3]))
            return 1;
    }
    if (kin_apposed(c, nm) >= 0)
        return 1;
    if (c->group) {
        /* another run of the group: "Shonda Rhimes" ... "Rhimes" */
        size_t g = c->group[k];
        for (size_t j = g; j < l->n && j < g + 8; j++) {
            long o = (long)l->by_last[j];
            if (!same_surname(c, o, k))
                break;
            if (l->v[o].ntok >= 2 && !place_first(c, &l->v[o]) && !acronym_head(c, &l->v[o]))
                return 1; /* (the surname itself was checked by org_like above) */
        }
    }
    for (size_t j = qi > 24 ? qi - 24 : 0; j < c->n && j < qi + 8; j++) {
        const attr *a = &c->s[j].a;
        long o;
        if (c->s[j].kind == K_SKIP || a->how != STANCE_ATTR_NAME)
            continue;
        if (j < qi && a->name >= 0) {
            if (same_surname(c, a->name, k))
                return 1;
            continue;
        }
        o = name_before(c, a->spk.end);
        if (o >= 0 && l->v[o].start >= a->spk.start && same_surname(c, o, k))
            return 1;
    }
    return 0;
}

/* "Asked about X, ..." / "Speaking at X, ...": a capitalised participle
 * followed by a preposition or determiner opens an introductory phrase. */
static int participle_intro(ctx *c, size_t ws, size_t we, size_t lim)
{
    const char *t = c->t;
    size_t i = we, s2, e2;
    if (we - ws <= 4 || !upper_at(t, ws, c->len))
        return 0;
    if (memcmp(t + we - 3, "ing", 3) != 0 && memcmp(t + we - 2, "ed", 2) != 0)
        return 0;
    if (we < lim && t[we] == ',')
        return 0;
    return stance_chunk_next(t, &i, lim, c->len, &s2, &e2) && lq(t, s2, e2, STANCE_LQ(INTRO_NEXT));
}

/* A name run right after "the" with no title and no first name of its own is
 * a newspaper, a body or a place, or a name used as a modifier ("the Chicago
 * Sun-Times", "The Washington Informer", "the Clinton campaign"): no he/she. */
static int article_name(ctx *c, const stance_name *nm)
{
    size_t ws, we, i = nm->start;
    if (nm->gender != STANCE_G_UNKNOWN)
        return 0;
    if (nm->bare != nm->start) /* "The Washington Informer": the run opens with the article */
        return stance_chunk_next(c->t, &i, nm->bare, c->len, &ws, &we) && word_eq(c->t, ws, we, "The") &&
               !stance_chunk_next(c->t, &i, nm->bare, c->len, &ws, &we);
    if (!stance_q_word_before(c, nm->start, nm->start > 8 ? nm->start - 8 : 0, &ws, &we))
        return 0;
    return word_eq(c->t, ws, we, "the") || word_eq(c->t, ws, we, "The");
}

/* A lone place word ("West") that is the surname of a person's full name in
 * the article ("Cornel West"), not after "the": that person, no place. */
static int place_word_surname(ctx *c, long k)
{
    const stance_name *nm = &c->names->v[k];
    size_t ws, we;
    if (nm->ntok != 1 || !c->group || !place_first(c, nm) ||
        (stance_q_word_before(c, nm->start, 0, &ws, &we) && (word_eq(c->t, ws, we, "the") || word_eq(c->t, ws, we, "The"))))
        return 0;
    for (size_t j = c->group[k]; j < c->names->n && j < c->group[k] + 8; j++) {
        long o = (long)c->names->by_last[j];
        if (!same_surname(c, o, k))
            break;
        if (c->names->v[o].ntok >= 2 && !place_first(c, &c->names->v[o]))
            return 1;
    }
    return 0;
}

/* "Northgate Homes, which owns the block,": a name a relative "which" takes
 * up is a thing or a body, no person (the mirror of person_like()'s ", who"). */
static int which_apposed(ctx *c, const stance_name *nm)
{
    size_t k = skip_hs(c->t, nm->end, c->len);
    if (k >= c->len || c->t[k] != ',')
        return 0;
    k = skip_hs(c->t, k + 1, c->len);
    return k + 5 < c->len && memcmp(c->t + k, "which", 5) == 0 && !stance_is_word_byte((unsigned char)c->t[k + 5]);
}

static unsigned name_class(ctx *c, size_t qi, long k, pmemo *m)
{
    long i = m->top - k;
    unsigned r;
    if (i >= 0 && i < PMEMO && m->v[i])
        return m->v[i];
    r = (org_like(c, &c->names->v[k]) && !place_word_surname(c, k)) || acronym_head(c, &c->names->v[k]) ||
                article_name(c, &c->names->v[k]) || which_apposed(c, &c->names->v[k])
            ? 5u
            : 1u;
    if (person_like(c, qi, k, (r & 4u) != 0))
        r |= 2u;
    if (i >= 0 && i < PMEMO)
        m->v[i] = (unsigned char)r;
    return r;
}

/* ", Jane Roe said." / ", said Jane Roe.": a name attributing its sentence. */
static int attributes_sentence(ctx *c, const stance_name *nm, size_t ss)
{
    const char *t = c->t;
    size_t ws, we, p, k = nm->end, s0 = nm->start;
    if (stance_q_word_before(c, s0, ss, &ws, &we) && we - ws == 1 && t[ws] == 's' && ws >= ss + 2) {
        /* "noted NBC's Jane Roe": step over the possessive */
        size_t q = ws - 1;
        if (t[q] == '\'' || (q >= ss + 2 && memcmp(t + q - 2, "\xE2\x80\x99", 3) == 0)) {
            q = t[q] == '\'' ? q : q - 2;
            while (q > ss && !stance_hspace(t, q - 1, c->len))
                q--;
            s0 = q;
        }
    }
    if (stance_q_word_before(c, s0, ss, &ws, &we)) {
        if (we - ws == 2 && memcmp(t + ws, "to", 2) == 0 && stance_q_word_before(c, ws, ss, &ws, &we) &&
            we - ws == 9 && memcmp(t + ws, "according", 9) == 0)
            return 1; /* "according to Jane Roe" */
        if (!lq(t, ws, we, STANCE_LQ(SAYS)))
            return 0;
        p = ws;
        k = skip_hs(t, k, c->len);
        if (k < c->len && t[k] != '.' && t[k] != ',' && t[k] != ';' && t[k] != '(' && t[k] != '\n')
            return 0; /* ", said Trump will win": a clause, not an attribution */
    } else {
        p = nm->start;
        k = skip_hs(t, k, c->len);
        ws = we = k;
        while (lower_at(t, we, c->len))
            we = next1(t, we, c->len);
        if (!lq(t, ws, we, STANCE_LQ(SAYS)))
            return 0;
    }
    while (p > ss && stance_hspace(t, back1(t, p), c->len))
        p = back1(t, p);
    return p > ss && t[p - 1] == ',';
}

/* "Sen. Jane Roe of Ohio, the ranking Democrat on the panel, who said none of
 * the emails ...": a name whose relative clause (after at most an apposition)
 * opens with a verb of saying speaks in its sentence, before @p lim. */
static int who_said(ctx *c, const stance_name *nm, size_t lim)
{
    const char *t = c->t;
    size_t k = skip_hs(t, nm->end, c->len), stop = k + 160 < lim ? k + 160 : lim, ws, we, i;
    if (k + 3 < stop && memcmp(t + k, "of ", 3) == 0 && upper_at(t, k + 3, c->len)) {
        /* "Jane Roe of Ohio, ..." */
        size_t j = k + 3;
        while (j < stop && j < k + 40 && t[j] != ',' && !(lower_at(t, j, c->len) && stance_hspace(t, back1(t, j), c->len)))
            j = next1(t, j, c->len);
        k = j;
    }
    if (k >= stop || t[k] != ',')
        return 0;
    for (i = k + 1; i < stop && t[i] != '.' && t[i] != '"' && t[i] != '\n' && (unsigned char)t[i] != 0xE2; i++) {
        if (t[i] != ',')
            continue;
        k = i;
        i = skip_hs(t, i + 1, c->len);
        if (!stance_chunk_next(t, &i, stop, c->len, &ws, &we) || !word_eq(t, ws, we, "who"))
            continue;
        if (stance_chunk_next(t, &i, stop, c->len, &ws, &we) && lq(t, ws, we, STANCE_LQ(SAYS)))
            return 1;
        return 0;
    }
    {
        /* "Jane Roe, who said ..." right after the name */
        size_t j = skip_hs(t, k + 1, c->len);
        if (stance_chunk_next(t, &j, stop, c->len, &ws, &we) && word_eq(t, ws, we, "who") &&
            stance_chunk_next(t, &j, stop, c->len, &ws, &we) && lq(t, ws, we, STANCE_LQ(SAYS)))
            return 1;
    }
    return 0;
}

/* Is the one-word run @p nm (ASCII capital first) a lowercase word of the
 * lexicon, or written in lowercase as a word within LOWER_REACH bytes around
 * it ("people" for "People")? A word the text never writes in lowercase
 * ("Cruz openly admitted") is a name. Linear on any text: the search is
 * bounded around the run (stance_near_reach(), as names.c's and discovery's
 * are) and made once per surname group. */
#define LOWER_REACH 3000u
static int lower_form_in(ctx *c, const stance_name *nm, size_t lo, size_t hi);
static int lower_form_near(ctx *c, const stance_name *nm)
{
    size_t lo, hi, g = c->group ? c->group[nm - c->names->v] : 0;
    int seen;
    if (c->lowseen && c->lowseen[g])
        return c->lowseen[g] == 1; /* once per surname group, around the first run that asks */
    stance_near_reach(c->len, nm->start, nm->end, LOWER_REACH, &lo, &hi);
    seen = lower_form_in(c, nm, lo, hi);
    if (c->lowseen)
        c->lowseen[g] = seen ? 1 : 2;
    return seen;
}

static int lower_form_in(ctx *c, const stance_name *nm, size_t lo, size_t hi)
{
    const char *t = c->t;
    size_t n = nm->end - nm->start;
    char first;
    if (n < 2 || t[nm->start] < 'A' || t[nm->start] > 'Z')
        return 1;
    first = (char)(t[nm->start] - 'A' + 'a');
    if (n <= 32) {
        char w[32];
        w[0] = first;
        memcpy(w + 1, t + nm->start + 1, n - 1);
        if (stance_lex_known(w, n))
            return 1; /* a common word of the lexicon: "people" */
    }
    return stance_word_in_span(t, c->len, lo, hi, first, t + nm->start, n);
}

/* A lone capitalised word opening the clause at @p from and followed by a
 * past-tense verb or an adverb ("Pate claimed", "Cruz openly admitted"):
 * a surname, though the article gives no first name. */
static int opening_subject(ctx *c, const stance_name *nm, size_t from)
{
    const char *t = c->t;
    size_t k = nm->end, ws, we;
    while (from < nm->start && stance_hspace(t, from, c->len))
        from += (size_t)stance_hspace(t, from, c->len);
    if (nm->start != from || nm->ntok != 1 || org_like(c, nm) || acronym_head(c, nm))
        return 0;
    {
        /* capitalised inside a sentence elsewhere: a name, not "People" or "Delegates" */
        const stance_namelist *l = c->names;
        long self = nm - l->v;
        size_t g = c->group ? c->group[self] : 0, j;
        int mid = 0;
        for (j = g; c->group && j < l->n && j < g + 8 && !mid; j++) {
            const stance_name *o = &l->v[l->by_last[j]];
            size_t p = o->start;
            if (!same_surname(c, (long)l->by_last[j], self))
                break;
            while (p > 0 && stance_hspace(t, back1(t, p), c->len))
                p = back1(t, p);
            mid = p > 0 && (letter_before(t, p, c->len, -1) || t[p - 1] == ',');
        }
        if (!mid && lower_form_near(c, nm))
            return 0; /* "People", "Delegates": a common word */
    }
    k = skip_hs(t, k, c->len);
    ws = we = k;
    while (lower_at(t, we, c->len))
        we = next1(t, we, c->len);
    return we - ws > 3 && (memcmp(t + we - 2, "ed", 2) == 0 || memcmp(t + we - 2, "ly", 2) == 0 ||
                           (we - ws == 4 && memcmp(t + ws, "said", 4) == 0) ||
                           (we - ws == 4 && memcmp(t + ws, "says", 4) == 0) ||
                           (we - ws == 4 && memcmp(t + ws, "told", 4) == 0));
}

/* Does a subordinator right before the name open its clause ("whether Trump
 * will be the nominee", "because Roe left"): the subject of that clause, not
 * of the sentence? ("and", "but", "or" join main clauses.) */
static int subordinate_subject(ctx *c, const stance_name *nm, size_t ss)
{
    size_t ws, we;
    return stance_q_word_before(c, nm->start, ss, &ws, &we) && lower_at(c->t, ws, c->len) &&
           (stance_lex_classes(c->t + ws, we - ws) & STANCE_LX(CONJ)) && !word_eq(c->t, ws, we, "and") &&
           !word_eq(c->t, ws, we, "where") &&
           !word_eq(c->t, ws, we, "but") && !word_eq(c->t, ws, we, "or") && !word_eq(c->t, ws, we, "nor");
}

/* The name a sentence presents at @p from: "there is"/"there's"/"there
 * was" and a name right after it; the names entry, or -1. */
static long there_is_name(ctx *c, size_t from, size_t lim)
{
    size_t i = from, ws, we;
    long k;
    if (!stance_chunk_next(c->t, &i, lim, c->len, &ws, &we))
        return -1;
    if (!(word_eq(c->t, ws, we, "there's") || word_eq(c->t, ws, we, "there\xE2\x80\x99s") ||
          word_eq(c->t, ws, we, "There's") || word_eq(c->t, ws, we, "There\xE2\x80\x99s"))) {
        if (!(word_eq(c->t, ws, we, "there") || word_eq(c->t, ws, we, "There")) ||
            !stance_chunk_next(c->t, &i, lim, c->len, &ws, &we) ||
            !(word_eq(c->t, ws, we, "is") || word_eq(c->t, ws, we, "was")))
            return -1;
    }
    i = skip_hs(c->t, we, c->len);
    k = name_before(c, i + 1);
    return k >= 0 && c->names->v[k].start == i && c->names->v[k].end <= lim ? k : -1;
}

/* 'Tom Park asked Ben Ortiz whether ... . "...," he said': the one asked
 * answers. The names entry after @p k when it follows "asked" right after
 * the subject @p k, is no organisation and has no other gender than @p g; else @p k. */
static long asked_object(ctx *c, size_t qi, long k, int g, pmemo *m)
{
    const stance_name *nm = &c->names->v[k];
    size_t i = nm->end, ws, we;
    int og;
    if (k + 1 >= (long)c->names->n || !stance_chunk_next(c->t, &i, c->len, c->len, &ws, &we) ||
        !word_eq(c->t, ws, we, "asked") || skip_hs(c->t, we, c->len) != c->names->v[k + 1].start ||
        (name_class(c, qi, k + 1, m) & 4u))
        return k;
    og = entry_gender(c, k + 1);
    return og == STANCE_G_UNKNOWN || og == g ? k + 1 : k;
}

/* Names entry @p k is the sentence's subject (*first): SI_NAME, or SI_OTHER
 * when its gender is not the pronoun's @p g. */
static int named_subject(ctx *c, long k, int g, long *first)
{
    int ng = entry_gender(c, k);
    *first = k;
    return ng != STANCE_G_UNKNOWN && ng != g ? SI_OTHER : SI_NAME;
}

/* The subject of the sentence [ss, lim) as seen by a pronoun of gender @p g:
 * SI_NAME (*first: the first person-like name in subject position, of a
 * compatible gender), SI_OTHER (a name or pronoun of another gender, or
 * they/we/I), SI_SAME (a pronoun of gender g: the sentence continues the
 * topic), SI_NONE. An opening phrase ("In an interview with X, ..." /
 * "Asked by X, ...") is skipped up to its comma. */
static int sent_subject(ctx *c, size_t qi, size_t ss, size_t lim, int g, long *first, pmemo *m)
{
    const char *t = c->t;
    size_t i = ss, ws, we, from = ss, as_for = 0;
    int pg, r;
    *first = -1;
    if (ss >= lim)
        return SI_NONE;
    {
        size_t ml;
        if (mark_at(t, ss, c->len, &ml) == MK_LEFT || mark_at(t, ss, c->len, &ml) == MK_STRAIGHT) {
            /* '"...," he said': the subject follows the quote */
            size_t lo = stance_first_at_or_after(c->s, c->n, sizeof *c->s, offsetof(seg, open), ss);
            if (lo >= c->n || c->s[lo].open != ss || c->s[lo].close >= lim)
                return SI_NONE;
            from = i = c->s[lo].close;
            while (i < lim && (t[i] == ',' || stance_hspace(t, i, c->len)))
                i += step1(t, i, c->len);
            goto subject_word;
        }
    }
    for (int n = 0; n < 3 && stance_chunk_next(t, &i, lim, c->len, &ws, &we); n++) {
        size_t w2 = we > ws && t[we - 1] == ',' ? we - 1 : we;
        if (lq(t, ws, w2, STANCE_LQ(LEADS)) && !lq(t, ws, w2, STANCE_LQ(SENT_INTRO))) {
            from = i;
            continue;
        }
        if (lq(t, ws, w2, STANCE_LQ(SENT_INTRO)) || participle_intro(c, ws, w2, lim)) {
            size_t reach = lq(t, ws, w2, STANCE_LQ(TIME_INTRO)) ? 30 : 200;
            size_t j = ws, stop = ws + reach < lim ? ws + reach : lim;
            while (j < stop && t[j] != ',')
                j++;
            if (j < stop) {
                if (w2 - ws == 2 && memcmp(t + ws, "As", 2) == 0 && j - we > 4 && memcmp(t + we, " for ", 5) == 0)
                    as_for = we + 5; /* "As for Jane Roe, she said ..." */
                from = i = j + 1;
            }
        }
        break;
    }
subject_word:
    i = from;
    if (stance_chunk_next(t, &i, lim, c->len, &ws, &we)) {
        size_t w2 = we;
        while (w2 > ws && !stance_is_word_byte((unsigned char)t[w2 - 1]))
            w2--;
        int it = w2 - ws == 2 && (t[ws] == 'I' || t[ws] == 'i') && t[ws + 1] == 't';
        if (!it && (r = stance_names_pronoun(t, ws, w2, &pg)) != 0) {
            if (r == 1 && pg == g && as_for) {
                long k = name_before(c, from);
                int kg = k >= 0 && c->ggender ? c->ggender[c->group[k]] : STANCE_G_UNKNOWN;
                if (k >= 0 && c->names->v[k].start >= as_for && (kg == STANCE_G_UNKNOWN || kg == g) &&
                    (name_class(c, qi, k, m) & 2u)) {
                    *first = k;
                    return SI_NAME;
                }
            }
            return r == 1 && pg == g ? SI_SAME : SI_OTHER;
        }
    }
    {
        /* "Then there's Axelrod.": the person it presents is the topic */
        long k = there_is_name(c, from, lim);
        if (k >= 0 && !(name_class(c, qi, k, m) & 4u))
            return named_subject(c, k, g, first);
    }
    /* The first name past the opening phrase, not in a quote, within 12 names:
     * one that attributes the sentence (a person), else one in the subject slot. */
    for (int slot = 0; slot < 2; slot++) {
        long k = name_before(c, ss) + 1;
        for (int n = 0; k < (long)c->names->n && c->names->v[k].start < lim && n < 12; k++, n++) {
            const stance_name *nm = &c->names->v[k];
            if (nm->end <= from || stance_q_in_quote(c, nm->start, c->n))
                continue;
            if (!slot ? (attributes_sentence(c, nm, ss) || who_said(c, nm, lim)) && (name_class(c, qi, k, m) & 2u)
                      : !subordinate_subject(c, nm, ss) && subject_slot(c, nm, ss) &&
                            ((name_class(c, qi, k, m) & 2u) ||
                             (!(name_class(c, qi, k, m) & 4u) && opening_subject(c, nm, from))))
                return named_subject(c, asked_object(c, qi, k, g, m), g, first);
        }
    }
    return SI_NONE;
}

/* The start of the pronoun's own sentence when the pronoun at @p pos is its
 * subject after an opening phrase ('Asked about her vote in the event that
 * Clinton faces Trump, she replied: "..."', the quote @p qi right after):
 * names in that phrase are no antecedent ahead of the previous quote's
 * speaker. Else (size_t)-1. */
static size_t own_intro_subject(ctx *c, size_t qi, size_t pos, size_t floor)
{
    size_t p = pos, ss;
    if (c->s[qi].open < pos || c->s[qi].open - pos > 40)
        return (size_t)-1; /* the quote follows its attribution, not ", he said, from ..." mid-sentence */
    while (p > floor && stance_hspace(c->t, back1(c->t, p), c->len))
        p = back1(c->t, p);
    if (p <= floor || c->t[p - 1] != ',')
        return (size_t)-1;
    ss = stance_q_sent_start(c, p, floor);
    if (ss >= p || stance_q_in_quote(c, ss, c->n) || stance_q_in_quote(c, p - 1, c->n))
        return (size_t)-1;
    return ss;
}

/* Does a he/she of gender @p g, outside quotes, stand before the name in its
 * own sentence ("..., and she doesn't think Clinton can ...", "which he said
 * were split between Trump and Cruz")? Such a name is what that pronoun's
 * person spoke of, not the person a later he/she continues. A name right
 * after a comma may open the main clause ("After he left, Ruiz said") and
 * is kept. */
static int after_own_pronoun(ctx *c, const stance_name *nm, int g, size_t floor)
{
    const char *t = c->t;
    size_t ss = stance_q_sent_start(c, nm->start, floor), i = ss, ws, we, p = nm->start;
    int pg;
    while (p > ss && stance_hspace(t, back1(t, p), c->len))
        p = back1(t, p);
    if (p > ss && t[p - 1] == ',')
        return 0;
    while (stance_chunk_next(t, &i, nm->start, c->len, &ws, &we)) {
        size_t w2 = ws;
        while (w2 < we && stance_is_word_byte((unsigned char)t[w2]))
            w2++;
        if (w2 > ws && stance_names_pronoun(t, ws, w2, &pg) == 1 && pg == g && !stance_q_in_quote(c, ws, c->n))
            return 1;
    }
    return 0;
}

/* Is names entry @p k inside "between A and B" (either of the two)? Such a
 * name is a choice spoken of, no antecedent ("Choosing between Ruud and
 * Vinter is a \"false choice,\" she said"). */
static int between_pair(ctx *c, long k)
{
    size_t ws, we;
    if (!stance_q_word_before(c, c->names->v[k].start, 0, &ws, &we))
        return 0;
    if (word_eq(c->t, ws, we, "and")) {
        /* the second of the pair: the name before "and" follows "between" */
        if (k == 0 || c->names->v[k - 1].end > ws || ws - c->names->v[k - 1].end > 2 ||
            !stance_q_word_before(c, c->names->v[k - 1].start, 0, &ws, &we))
            return 0;
    }
    return word_eq(c->t, ws, we, "between");
}

/* The end of the first word of names entry @p nm (its first token from bare). */
static size_t first_word_end(ctx *c, const stance_name *nm)
{
    size_t i = nm->bare, ws, we;
    return stance_chunk_next(c->t, &i, nm->last_end, c->len, &ws, &we) ? we : nm->last_end;
}

/* Are [a, ae) and [b, be) the same bytes? */
static int same_word(const char *t, size_t a, size_t ae, size_t b, size_t be)
{
    return ae - a == be - b && ae > a && memcmp(t + a, t + b, ae - a) == 0;
}

/* Does direct quote @p qi itself speak of names entry @p k in the third person
 * ('Her deputy, Sunil Rao, takes over. "Sunil is cleverer than I am," she
 * said': the speaker is not Sunil)? @p j: the first names entry at or after
 * the quote's opening mark. A name run among the quote's first 8
 * whose last word is k's surname and whose first word, with two or more,
 * opens k too; or a one-word run that is k's first name. Not a
 * self-reference "I, Sunil, ...", nor a possessive (a firm may bear the
 * family's name: Helen Greenley on "Greenley's"). */
static int named_in_own_quote(ctx *c, size_t qi, long j, long k)
{
    const stance_name *nm = &c->names->v[k];
    size_t close = c->s[qi].close, kf = 0;
    if (c->s[qi].kind != K_DIRECT)
        return 0; /* a partial quote is often the speaker's own phrase ('accused them of asking "please attack Ted" questions') */
    for (int n = 0; j < (long)c->names->n && n < 8 && c->names->v[j].start < close; j++, n++) {
        const stance_name *r = &c->names->v[j];
        size_t rf;
        if ((r->start >= 3 && memcmp(c->t + r->start - 3, "I, ", 3) == 0) ||
            stance_possessive_at(c->t, c->len, r->last_end))
            continue; /* (nor a possessive: "give Greenley's the money" may be the family's firm) */
        rf = first_word_end(c, r);
        kf = kf ? kf : first_word_end(c, nm);
        if (same_surname(c, j, k) ? r->ntok == 1 || same_word(c->t, r->bare, rf, nm->bare, kf)
                : r->ntok == 1 && nm->ntok > 1 && same_word(c->t, r->bare, rf, nm->bare, kf))
            return 1;
    }
    return 0;
}

/* Name the pronoun attribution @p a of gender @p g by names entry @p best:
 * its run of that gender; of two people of it the fullest, not the nearest
 * ("Rafael Cruz" named between "Ted Cruz" and "Cruz ... he said"). */
static void name_pronoun(ctx *c, attr *a, long best, int g)
{
    const stance_name *nm = &c->names->v[best];
    long kk = canonical_not_headline(
        c, stance_names_canonical(c->names, c->t, c->len, nm->bare, nm->last_end, nm->last, g, 0), nm->bare,
        nm->last_end);
    size_t fs = 0;
    long f = -1;
    if (kk < 0 && appositive_first_name(c, nm) != STANCE_G_UNKNOWN)
        kk = first_name_full(c, best);
    if (kk < 0 && nm->ntok == 1)
        f = first_name_run(c, nm->last, nm->last_end, g, &fs); /* "City Auditor Naomi Feld" ... "she said" */
    a->name = f >= 0 ? f : kk >= 0 ? kk : best;
    a->canon = (stance_span){c->names->v[a->name].bare, c->names->v[a->name].last_end};
    if (f >= 0)
        a->canon.start = fs; /* (the name from its first name on, as stance_q_canonicalise()) */
    else {
        a->canon.start = stance_names_unglued(c->t, c->len, a->canon.start, a->canon.end);
        stop_first_name(c, a->name, &a->canon); /* "governor Jan Brewer" ... "she said" */
    }
    if (c->ggender && c->ggender[c->group[best]] == STANCE_G_UNKNOWN)
        c->ggender[c->group[best]] = g; /* "gender from the pronouns already used" */
    if (c->lgender && nm->ntok == 1 && nm->gender == STANCE_G_UNKNOWN && !c->lgender[c->group[best]])
        c->lgender[c->group[best]] = (unsigned char)g; /* a lone surname is a man's / a woman's */
}

/* Resolve a pronoun speaker. Going back sentence by sentence from the
 * pronoun over names outside quotes that can be a person of that gender
 * (known from titles, first names or pronouns already resolved to it, a
 * speaker of the article, or a full name):
 *  - the first name in subject position of its sentence wins ("Pate claimed
 *    that he hosted Bush ... he said" is Pate, not Bush);
 *  - in a sentence whose subject is someone else (another gender, they/we),
 *    a name of this gender is the one acted on, and answers ("Tom Ruiz
 *    praised Ada Finch. ... she said");
 *  - a sentence whose subject is this very pronoun continues the topic and
 *    is passed over ("She said that Trump ... she said");
 *  - the speaker of the previous quote wins over anything before its
 *    attribution.
 * Without such a subject, the nearest candidate, or a subject close to it. */
void stance_q_resolve_pronoun(ctx *c, size_t qi, attr *a)
{
    size_t pos = a->spk.start;
    int g = a->gender;
    long k, best = -1, nearest = -1, pick = -1, firm = -1, inq;
    size_t floor = pos > 2000 ? pos - 2000 : 0, cur_ss = (size_t)-1, lim = pos;
    size_t own_ss = own_intro_subject(c, qi, pos, floor);
    int kind = SI_NONE, sents = 0, nopick = 0, old_done = 0, sub_done = 0, person;
    unsigned cls;
    pmemo memo;
    long first = -1;
    if (g == STANCE_G_UNKNOWN) {
        /* they / we / I: left unresolved; "it" only continues a noun phrase that spoke */
        if (a->spk.end - a->spk.start == 2 && (c->t[pos] == 'I' || c->t[pos] == 'i') && c->t[pos + 1] == 't')
            stance_q_it_antecedent(c, qi, a);
        return;
    }
    k = name_before(c, pos);
    inq = name_before(c, c->s[qi].open) + 1; /* the names in the quote (named_in_own_quote()) */
    memset(&memo, 0, sizeof memo);
    memo.top = k + 8; /* sentence scans look a little past the pronoun's name */
    for (int steps = 0; k >= 0 && steps < 40; k--, steps++) {
        const stance_name *nm = &c->names->v[k];
        int ng = entry_gender(c, k);
        if (nm->start < floor)
            break;
        if (ng == STANCE_G_UNKNOWN && nm->ntok == 1 && (ng = kin_apposed(c, nm)) < 0)
            ng = STANCE_G_UNKNOWN; /* "his wife, Carys,": a woman */
        if (stance_q_in_quote(c, nm->start, c->n))
            continue; /* names inside quotes (this one included) are not antecedents */
        if ((ng != STANCE_G_UNKNOWN && ng != g) || after_own_pronoun(c, nm, g, floor) || between_pair(c, k) ||
            named_in_own_quote(c, qi, inq, k))
            continue;
        cls = name_class(c, qi, k, &memo);
        person = (cls & 2u) != 0;
        if (!person && (nopick || nm->ntok != 1 || (cls & 4u)))
            continue;
        if (!nopick && (nm->start < cur_ss || cur_ss == (size_t)-1)) {
            if (cur_ss != (size_t)-1)
                lim = cur_ss;
            cur_ss = stance_q_sent_start(c, nm->start, floor);
            kind = sent_subject(c, qi, cur_ss, lim, g, &first, &memo);
            if (++sents > PRON_MAX_SENTS)
                nopick = 1, kind = SI_NONE, first = -1;
        }
        if (!person && first != k)
            continue; /* a lone surname counts only as the subject opening its sentence */
        if (kind == SI_NONE)
            nopick = 1; /* a candidate in a sentence without a subject: the nearest rule decides */
        if (pick < 0 && !nopick && (first == k || kind == SI_OTHER))
            pick = k;
        /* the nearest candidate in subject position wins over a nearer object */
        if (best < 0)
            best = nearest = k;
        if (firm < 0 && kind != SI_SAME && nm->start < own_ss)
            firm = k; /* not in a sentence that "she" already opens, nor in the pronoun's own opening phrase */
        if (!old_done && stance_q_is_subject(c, nm)) {
            if (c->names->v[best].start - nm->start < SUBJECT_REACH && (!sub_done || !subordinate_subject(c, nm, floor)))
                best = k;
            /* the subject of a subordinate clause ("whether Trump will be") beats a nearer
             * object, but a main clause's subject before it still wins */
            if (subordinate_subject(c, nm, floor))
                sub_done = 1;
            else
                old_done = 1;
        }
        if (pick >= 0 || (nopick && old_done))
            break;
    }
    if (pick >= 0)
        best = nearest = pick;
    {
        /* No candidate since the previous quote: that quote's speaker, when it
         * has this gender ('"A," Jane Doe said of Tom Ruiz. ... "B," she added'
         * is Doe, whose name lies before Ruiz's). */
        long pk = -1;
        size_t pj = qi;
        while (pj-- > 0 && qi - pj < 8)
            if (c->s[pj].kind != K_SKIP && c->s[pj].a.name >= 0 &&
                (c->s[pj].a.how == STANCE_ATTR_NAME || c->s[pj].a.how == STANCE_ATTR_PRONOUN)) {
                pk = c->s[pj].a.name;
                break;
            }
        /* the previous quote with its attribution ('..." said Lena Brook.') */
        size_t prev_end = pk >= 0 ? c->s[pj].close : 0;
        if (pk >= 0 && c->s[pj].a.a_end != STANCE_NO_OFFSET && c->s[pj].a.a_end > prev_end && c->s[pj].a.a_end <= pos)
            prev_end = c->s[pj].a.a_end;
        if (pk >= 0 && pos - c->s[pj].close < 1500 &&
            (c->ggender ? c->ggender[c->group[pk]] : c->names->v[pk].gender) == g &&
            (firm < 0 || c->names->v[firm].start < prev_end))
            best = pk;
    }
    if (stance_q_np_antecedent(c, qi, a, nearest, best) || stance_q_indefinite_antecedent(c, qi, a, best))
        return;
    if (best >= 0)
        name_pronoun(c, a, best, g);
}

static int spk_key_cmp(const void *pa, const void *pb)
{
    const spk_key *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    return a->j < b->j ? -1 : a->j > b->j;
}

/* Inherited speakers were copied before pronouns and names were resolved:
 * copy each again from the first quote (index at most i + 65) that owns the
 * same speaker mention. The owners are found by binary search in a sorted
 * index, so a text of thousands of inheriting quotes stays linear-logarithmic
 * (a scan from the start for each was quadratic). */
int stance_q_recopy_inherited(ctx *c)
{
    spk_key *k = NULL;
    size_t nk = 0;
    int any = 0;
    for (size_t i = 0; i < c->n; i++)
        any |= c->s[i].kind != K_SKIP && c->s[i].a.how == STANCE_ATTR_INHERIT;
    if (!any)
        return STANCE_OK;
    if (!(k = stance_malloc_array(c->n, sizeof *k)))
        return stance_error_set(c->err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    for (size_t j = 0; j < c->n; j++) {
        const seg *o = &c->s[j];
        if (o->kind != K_SKIP && o->a.how != STANCE_ATTR_INHERIT) {
            k[nk].start = o->a.spk.start;
            k[nk].end = o->a.spk.end;
            k[nk++].j = j;
        }
    }
    if (nk > 1)
        qsort(k, nk, sizeof *k, spk_key_cmp);
    for (size_t i = 0; i < c->n; i++) {
        seg *q = &c->s[i];
        size_t lo = 0, hi = nk;
        if (q->kind == K_SKIP || q->a.how != STANCE_ATTR_INHERIT)
            continue;
        while (lo < hi) { /* first key >= (start, end, 0) */
            size_t mid = lo + (hi - lo) / 2;
            if (k[mid].start < q->a.spk.start || (k[mid].start == q->a.spk.start && k[mid].end < q->a.spk.end))
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < nk && k[lo].start == q->a.spk.start && k[lo].end == q->a.spk.end && k[lo].j <= i + 65) {
            stance_span keep = {q->a.a_start, q->a.a_end};
            int rule = q->a.rule; /* (the inheritance rule stays) */
            q->a = c->s[k[lo].j].a;
            q->a.rule = rule;
            q->a.how = STANCE_ATTR_INHERIT;
            q->a.a_start = keep.start;
            q->a.a_end = keep.end;
        }
    }
    stance_free(k);
    return STANCE_OK;
}

/* Does @p o close in the paragraph before a paragraph of one word and a full
 * stop (a stage direction: "Pause.") that comes just before the one where @p q
 * opens? */
static int stage_para_between(ctx *c, const seg *o, const seg *q)
{
    size_t k = stance_q_para_after(c, o, q);
    if (k == STANCE_NO_OFFSET || k >= q->para || !upper_at(c->t, k, c->len))
        return 0;
    while (k < q->para && letter_at(c->t, k, c->len))
        k += step1(c->t, k, c->len);
    if (k >= q->para || c->t[k] != '.')
        return 0;
    for (k++; k < q->para && (c->t[k] == '\n' || stance_hspace(c->t, k, c->len));)
        k += step1(c->t, k, c->len);
    return k >= q->para;
}

/* Inheritance: a direct quote with no attribution takes the speaker of a
 * neighbour of the same paragraph, or of the quote just before it. */
static void inherit_speakers(ctx *c)
{
    for (size_t i = 0; i < c->n; i++) {
        seg *q = &c->s[i];
        if (q->kind != K_DIRECT || q->a.how != STANCE_ATTR_NONE)
            continue;
        for (size_t j = i; j-- > 0;) {
            seg *o = &c->s[j];
            if (o->kind == K_PARTIAL && o->close_para == q->para && o->a.how != STANCE_ATTR_NONE &&
                o->a.how != STANCE_ATTR_INHERIT && o->a.a_end != STANCE_NO_OFFSET && o->a.a_end <= q->open &&
                o->a.a_end >= o->close) {
                /* 'But "...," said Roffman. "He turns like a light switch."': the
                 * partial quote's attribution ends the sentence just before */
                size_t k = o->a.a_end;
                while (k < q->open && (stance_hspace(c->t, k, c->len) || c->t[k] == '.' || c->t[k] == ','))
                    k += step1(c->t, k, c->len);
                if (k == q->open)
                    stance_q_inherit(&q->a, &o->a, STANCE_RULE_INHERIT_PARTIAL_END);
                break;
            }
            if (o->kind == K_PARTIAL && j + 1 == i && q->pc == PC_PARA && o->a.how != STANCE_ATTR_NONE &&
                o->a.how != STANCE_ATTR_INHERIT && stance_q_in_para_before(c, o, q)) {
                /* 'Roe said Park had "the obligation to unite us."' then a paragraph that is
                 * one quote: the last quote of the paragraph before is a partial one, its speaker's */
                stance_q_inherit(&q->a, &o->a, STANCE_RULE_INHERIT_PREV);
                break;
            }
            if (o->kind != K_DIRECT)
                continue;
            if (o->a.how != STANCE_ATTR_NONE && (o->close_para == q->para || (q->pc == PC_PARA))) {
                /* the previous paragraph must hold that quote: no other paragraph between
                 * but a stage direction ("Pause.") */
                if (o->close_para != q->para && !stance_q_in_para_before(c, o, q) && !stage_para_between(c, o, q))
                    break;
                stance_q_inherit(&q->a, &o->a, STANCE_RULE_INHERIT_PREV);
            }
            break;
        }
        if (q->a.how == STANCE_ATTR_NONE) {
            for (size_t j = i + 1; j < c->n; j++) {
                seg *o = &c->s[j];
                if (o->para != q->close_para)
                    break;
                if (o->kind != K_DIRECT)
                    continue;
                /* (not from an aside: '"A" came shouts. ("B," said X.)') */
                if (o->a.how != STANCE_ATTR_NONE && o->a.how != STANCE_ATTR_INHERIT && o->pc != PC_PAREN)
                    stance_q_inherit(&q->a, &o->a, STANCE_RULE_INHERIT_NEXT);
                break;
            }
        }
    }
}

/* The last stage: inheritance, the late sieves for the direct quotes still
 * without a speaker and inheritance from what they found, then canonical names
 * and pronouns, in text order (a pronoun looks back), then the inherited
 * speakers again. */
int stance_q_speakers(ctx *c)
{
    int r;
    inherit_speakers(c);
    if ((r = stance_q_late_sieves(c)) < 0)
        return r;
    if (r)
        inherit_speakers(c);
    for (size_t i = 0; i < c->n; i++) {
        seg *q = &c->s[i];
        if (q->kind == K_SKIP)
            continue;
        if (q->a.how == STANCE_ATTR_NAME || q->a.how == STANCE_ATTR_LABEL)
            stance_q_canonicalise(c, &q->a);
        else if (q->a.how == STANCE_ATTR_NOUN)
            q->a.canon = q->a.spk;
        else if (q->a.how == STANCE_ATTR_PRONOUN)
            stance_q_resolve_pronoun(c, i, &q->a);
        /* STANCE_ATTR_INHERIT: copied from its source below, once that is resolved */
    }
    /* Inherited speakers were copied before resolution: copy again. */
    return stance_q_recopy_inherited(c);
}
