/*
 * mentions_roles.c - the role words of the mention passes: "governor",
 * "Gov.", "chairwoman", each with its canonical role, gender and whether it
 * is an abbreviation written before names only; the titles of two words
 * ("attorney general", "Lt. Gov.") that name one role as a unit; the words
 * before a role that name which office it is ("prime" of "the prime
 * minister", "Health" of "Health Minister Rune Falk"); and which actor tied
 * to a role holds "the <role>" (stance_role_tie()).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lexicon.h"
#include "mentions.h"
#include "mentions_int.h"
#include "tokens.h"

/* Sorted by word (strcmp). */
static const role_word ROLES[] = {
    {"adviser", "adviser", 0, 0},  {"advisor", "adviser", 0, 0},
    {"aide", "aide", 0, 0},  {"ambassador", "ambassador", 0, 0},
    {"anchor", "anchor", 0, 0},  {"attorney", "attorney", 0, 0},
    {"billionaire", "billionaire", 0, 0},  {"bishop", "bishop", 0, 0},
    {"candidate", "candidate", 0, 0},  {"ceo", "ceo", 0, 0},
    {"chair", "chair", 0, 0},  {"chairman", "chair", STANCE_G_MALE, 0},
    {"chairwoman", "chair", STANCE_G_FEMALE, 0},  {"chancellor", "chancellor", 0, 0},
    {"coach", "coach", 0, 0},  {"commissioner", "commissioner", 0, 0},
    {"congressman", "representative", STANCE_G_MALE, 0},  {"congresswoman", "representative", STANCE_G_FEMALE, 0},
    {"councilman", "councilman", STANCE_G_MALE, 0},  {"councilwoman", "councilwoman", STANCE_G_FEMALE, 0},
    {"del", "delegate", 0, 1},  {"delegate", "delegate", 0, 0},
    {"director", "director", 0, 0},  {"front-runner", "candidate", 0, 0},
    {"frontrunner", "candidate", 0, 0},  {"gen", "general", 0, 1},
    {"general", "general", 0, 0},  {"gov", "governor", 0, 1},
    {"governor", "governor", 0, 0},  {"hopeful", "candidate", 0, 0},
    {"host", "host", 0, 0},  {"inspector", "inspector", 0, 0},
    {"judge", "judge", 0, 0},
    {"king", "king", STANCE_G_MALE, 0},  {"lawmaker", "lawmaker", 0, 0},
    {"leader", "leader", 0, 0},  {"manager", "manager", 0, 0},
    {"mayor", "mayor", 0, 0},  {"minister", "minister", 0, 0},
    {"nominee", "candidate", 0, 0},  {"pope", "pope", STANCE_G_MALE, 0},
    {"premier", "premier", 0, 0},  {"pres", "president", 0, 1},
    {"president", "president", 0, 0},  {"prince", "prince", STANCE_G_MALE, 0},
    {"princess", "princess", STANCE_G_FEMALE, 0},  {"professor", "professor", 0, 0},
    {"prosecutor", "prosecutor", 0, 0},  {"queen", "queen", STANCE_G_FEMALE, 0},
    {"rep", "representative", 0, 1},  {"representative", "representative", 0, 0},
    {"secretary", "secretary", 0, 0},  {"sen", "senator", 0, 1},
    {"senator", "senator", 0, 0},  {"sheriff", "sheriff", 0, 0},
    {"speaker", "speaker", 0, 0},  {"spokesman", "spokesperson", STANCE_G_MALE, 0},  {"spokesperson", "spokesperson", 0, 0},
    {"spokeswoman", "spokesperson", STANCE_G_FEMALE, 0},  {"standard-bearer", "candidate", 0, 0},
    {"superintendent", "superintendent", 0, 0},  {"treasurer", "treasurer", 0, 0},
};
#define N_ROLES (sizeof ROLES / sizeof ROLES[0])

/* t[ws, we) against a role word (lowercase letters) with A-Z read as a-z:
 * strcmp()'s order on the lowercased word for a word of letters; a word with
 * any other byte matches no role (| 0x20 makes no letter of it). Inline and
 * without a copy: the role words are looked up for most words of a text. */
static int role_cmp(const char *t, size_t ws, size_t we, const char *w)
{
    for (; ws < we; ws++, w++) {
        int c = ((unsigned char)t[ws] | 0x20) - (unsigned char)*w;
        if (c)
            return c;
    }
    return -(int)(unsigned char)*w;
}

/* For each first letter a-z, the lengths of the role words (bit n: n
 * bytes): most words of a text are no role by these two alone.
 * stance_mentions_tables_sorted() checks it against ROLES. */
static const uint16_t ROLE_LENS[26] = {0x5d0, 0x840, 0x3f28, 0x108, 0,     0x1800, 0x188, 0x90,   0x200,
                                       0x20,  0x10,  0x140,  0x1a0, 0x80,  0,      0x7d0, 0x20,   0x4008,
                                       0xda88, 0x200, 0,     0,      0,     0,      0,     0};

const role_word *stance_role_lookup(const char *t, size_t ws, size_t we)
{
    size_t lo = 0, hi = N_ROLES;
    unsigned first = ((unsigned char)t[ws] | 0x20u) - 'a';
    if (we - ws > 15 || first >= 26 || !(ROLE_LENS[first] >> (we - ws) & 1))
        return NULL;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = role_cmp(t, ws, we, ROLES[mid].word);
        if (!c)
            return &ROLES[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const char *stance_role_of(const char *t, size_t ws, size_t we, int *gender)
{
    const role_word *r = stance_role_lookup(t, ws, we);
    if (!r)
        return NULL;
    if (gender)
        *gender = r->gender;
    return r->role;
}

/* Titles of two words that name one role, not the role of their last word:
 * the first word (as written, lowercase; "lt", "atty" also with a dot) and
 * the role of the last ("Attorney General Dana Whitcombe" is no general,
 * "Lt. Gov. Sam Ito" no governor, "Vice President Joe Biden" no president).
 * A role NULL: the first word only qualifies the role of the last ("Majority
 * Leader Mitch McConnell" is "the Senate Republican leader" too). */
static const char R_AG[] = "attorney general", R_IG[] = "inspector general", R_SG[] = "solicitor general",
                  R_SUG[] = "surgeon general", R_LG[] = "lieutenant governor", R_VP[] = "vice president",
                  R_PM[] = "prime minister";
static const struct compound {
    const char *first, *head_role, *role;
} COMPOUNDS[] = {
    {"attorney", "general", R_AG},   {"atty", "general", R_AG},         {"inspector", "general", R_IG},
    {"solicitor", "general", R_SG},  {"surgeon", "general", R_SUG},     {"majority", "leader", NULL},
    {"minority", "leader", NULL},   {"lieutenant", "governor", R_LG},  {"lt", "governor", R_LG},
    {"vice", "president", R_VP},     {"prime", "minister", R_PM},
};
#define N_COMPOUNDS (sizeof COMPOUNDS / sizeof COMPOUNDS[0])

/* The lengths of COMPOUNDS' first words (bit n: n bytes), and their first
 * letters (bit c - 'a'): most words are none by these two alone. */
#define COMPOUND_LENS 0x7b4u
#define COMPOUND_LETTERS (1u << ('a' - 'a') | 1u << ('i' - 'a') | 1u << ('l' - 'a') | 1u << ('m' - 'a') | \
                          1u << ('p' - 'a') | 1u << ('s' - 'a') | 1u << ('v' - 'a'))

static const struct compound *compound_first(const char *t, size_t ws, size_t we, const char *head_role)
{
    unsigned c = ((unsigned char)t[ws] | 0x20u) - 'a';
    if (we - ws > 15 || !(COMPOUND_LENS >> (we - ws) & 1) || c >= 26 || !(COMPOUND_LETTERS >> c & 1))
        return NULL;
    for (size_t i = 0; i < N_COMPOUNDS; i++)
        if ((!head_role || strcmp(COMPOUNDS[i].head_role, head_role) == 0) && strlen(COMPOUNDS[i].first) == we - ws &&
            role_cmp(t, ws, we, COMPOUNDS[i].first) == 0)
            return &COMPOUNDS[i];
    return NULL;
}

const char *stance_role_compound(const char *t, size_t hs, const role_word *head, size_t *first)
{
    size_t i = hs, ws, we;
    const struct compound *c;
    while (i > 0 && t[i - 1] == ' ')
        i--;
    if (i == hs || !head)
        return NULL; /* "Attorney-General": one word */
    if (i > 0 && t[i - 1] == '.')
        i--; /* "Lt. Gov." */
    if (!stance_word_before(t, i, &ws, &we) || we != i || !(c = compound_first(t, ws, we, head->role)))
        return NULL;
    *first = ws;
    return c->role ? c->role : head->role;
}

int stance_role_subordinate(const char *t, size_t ws)
{
    static const char *const w[] = {"assistant", "associate", "deputy", "vice"};
    size_t ps, pe;
    if (!stance_word_before(t, ws, &ps, &pe))
        return 0;
    for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
        if (pe - ps == strlen(w[k]) && role_cmp(t, ps, pe, w[k]) == 0)
            return 1;
    return 0;
}

int stance_role_compound_first(const char *t, size_t ws, size_t we, size_t len)
{
    size_t ns, ne, n = we;
    const role_word *h;
    if (!compound_first(t, ws, we, NULL))
        return 0;
    if (n < len && t[n] == '.')
        n++;
    return stance_word_after(t, len, n, &ns, &ne) && (h = stance_role_lookup(t, ns, ne)) &&
           compound_first(t, ws, we, h->role);
}

/* ---- which office of a role: "prime" of "the prime minister" ----------------- */

/* "new": the latest holder ("the new health minister"), passed over. */
static int when_word(const char *t, size_t ws, size_t we, int *fresh)
{
    if (we - ws != 3 || role_cmp(t, ws, we, "new") != 0)
        return 0;
    *fresh = 1;
    return 1;
}

/* A word that ends the words before a title: a function word, a verb of
 * saying ("told finance minister Jo Roe"), "former", a pronoun. */
#define QUAL_STOP                                                                                                      \
    (STANCE_LX(DET) | STANCE_LX(PREP) | STANCE_LX(CONJ) | STANCE_LX(REL) | STANCE_LX(MODAL) | STANCE_LX(NEG) |        \
     STANCE_LX(PRONOUN) | STANCE_LX(RV_SAY) | STANCE_LX(RV_ARGUE) | STANCE_LX(RV_CRIT) | STANCE_LX(RV_PRAISE) |        \
     STANCE_LX(APPOS_STOP) | STANCE_LX(BE_AUX) | STANCE_LX(OBJ_VERB) | STANCE_LX(STOP))

/* Is t[ws, we) letters only (ASCII or not), no digit? */
static int letters(const char *t, size_t ws, size_t we)
{
    for (size_t i = ws; i < we; i++)
        if ((t[i] >= '0' && t[i] <= '9') || t[i] == '\'' || t[i] == '.')
            return 0;
    return we > ws;
}

/* The word ending at @p p after one space, none before @p from, no hyphen
 * before it ("first-term"): 1 with its span. */
static int word_joined_before(const char *t, size_t from, size_t p, size_t *ws, size_t *we)
{
    if (p < 2 || t[p - 1] != ' ' || !stance_word_before(t, p, ws, we) || *we != p - 1 || *ws < from)
        return 0;
    return !(*ws > 0 && (t[*ws - 1] == '-' || t[*ws - 1] == '\'')) && letters(t, *ws, *we);
}

/* "Reform's" before @p p ("Reform's leader", "Labour's finance minister";
 * "REFORM'S" too: stance_poss_start()): the capitalised possessor's last
 * word, none before @p from. */
static int possessor_before(const char *t, size_t from, size_t p, size_t *ws, size_t *we)
{
    size_t a;
    if (p < 1 || t[p - 1] != ' ' || (a = stance_poss_start(t, from, p - 1, 0)) == p - 1)
        return 0;
    return stance_word_before(t, a, ws, we) && *we == a && *ws >= from && stance_letter_case(t, *ws, *we) > 0 &&
           letters(t, *ws, *we);
}

void stance_role_qualify(const char *t, size_t from, size_t fs, role_qual *q)
{
    size_t p = fs, ws, we;
    int n = 0;
    memset(q, 0, sizeof *q);
    q->from = fs;
    for (int k = 0; k < 4 && n < 3 && word_joined_before(t, from, p, &ws, &we); k++, p = ws) {
        if (stance_role_subordinate(t, p)) { /* "Deputy" of "Deputy Prime Minister" */
            q->sub = 1;
            q->from = ws;
            break;
        }
        if (when_word(t, ws, we, &q->fresh)) {
            q->from = ws;
            continue;
        }
        if (stance_word_is(t, ws, we, "former") || stance_word_is(t, ws, we, "ex") ||
            (stance_lex_classes_lower(t + ws, we - ws) & QUAL_STOP))
            break;
        q->w[n++] = (stance_span){ws, we};
        q->from = ws;
    }
    if (n < 3 && !q->sub && possessor_before(t, from, q->from, &ws, &we)) {
        q->w[n++] = (stance_span){ws, we}; /* "Reform" of "Reform's leader, Helena Brask" */
        if (n < 3 && word_joined_before(t, from, ws, &ws, &we) && stance_letter_case(t, ws, we) > 0 &&
            !(stance_lex_classes_lower(t + ws, we - ws) & QUAL_STOP))
            q->w[n] = (stance_span){ws, we}; /* "Harbor" of "the Harbor Party's leader" */
    }
}

/* Is the word @p w (of the text) lowercase? */
static int lower_word(const char *t, stance_span w)
{
    return w.end > w.start && t[w.start] >= 'a' && t[w.start] <= 'z';
}

static int same_word(const char *t, stance_span a, stance_span b)
{
    return a.end - a.start == b.end - b.start && a.end > a.start &&
           stance_ascii_caseeq(t + a.start, t + b.start, a.end - a.start);
}

/* Is the word @p w one of @p q's? */
static int qual_has(const char *t, const role_qual *q, stance_span w)
{
    return same_word(t, w, q->w[0]) || same_word(t, w, q->w[1]) || same_word(t, w, q->w[2]);
}

int stance_role_qual_strict(const char *t, const role_qual *q)
{
    return q->sub || lower_word(t, q->w[0]) || lower_word(t, q->w[1]) || lower_word(t, q->w[2]);
}

int stance_role_qual_fits(const char *t, const role_qual *mq, const role_qual *tq)
{
    if (!stance_role_qual_strict(t, mq))
        return 1;
    if (mq->sub != tq->sub)
        return 0;
    for (int i = 0; i < 3 && mq->w[i].end > mq->w[i].start; i++)
        if (!qual_has(t, tq, mq->w[i]))
            return 0;
    return 1;
}

int stance_role_the_before(const char *t, size_t ws, size_t *the_s)
{
    size_t p = ws, as, ae;
    for (int k = 0; k < 4 && word_joined_before(t, 0, p, &as, &ae); k++, p = as) {
        if (stance_word_is(t, as, ae, "the")) {
            *the_s = as;
            return k > 0;
        }
        if (stance_lex_classes_lower(t + as, ae - as) & QUAL_STOP)
            return 0;
    }
    return 0;
}

const char *stance_role_words(const char *t, const role_word *rw, size_t hs, size_t from, size_t *fs)
{
    const char *cr = stance_role_compound(t, hs, rw, fs);
    if (!cr || *fs < from)
        cr = rw->role, *fs = hs;
    return cr;
}

const char *stance_role_title(const char *t, size_t ws, size_t we, size_t from)
{
    const role_word *rw = stance_role_lookup(t, ws, we);
    size_t fs;
    return rw ? stance_role_words(t, rw, ws, from, &fs) : NULL;
}

/* ---- the holder of "the <role>" ------------------------------------------------ */

/* Does "former" (or "ex-") stand right before the word at @p ws, a
 * capitalised word aside ("former Gov. Tom Park", "former Florida Gov. Jeb
 * Bush")? *place: that capitalised word right before the role ("Florida",
 * "Ohio" of "Ohio Gov."), else left as it is. */
int stance_role_former_before(const char *t, size_t ws, stance_span *place)
{
    size_t ps, pe;
    for (int n = 0; n < 2 && stance_word_before(t, ws, &ps, &pe); n++, ws = ps) {
        if (stance_word_is(t, ps, pe, "former") || stance_word_is(t, ps, pe, "Former") ||
            (pe - ps == 2 && (t[ps] | 0x20) == 'e' && (t[ps + 1] | 0x20) == 'x' && pe < ws && t[pe] == '-'))
            return 1;
        if (stance_letter_case(t, ps, pe) <= 0 || pe != ws - 1)
            return 0; /* only a capitalised word between: "former Florida Gov." */
        if (n == 0)
            *place = (stance_span){ps, pe};
    }
    return 0;
}

/* The last capitalised word between "the" at @p the_s and the role at @p ws
 * ("Ohio" of "the Ohio governor"), or an empty span. */
stance_span stance_role_place(const char *t, size_t the_s, size_t ws)
{
    size_t a, b, p = ws;
    while (stance_word_before(t, p, &a, &b) && a > the_s) {
        if (stance_letter_case(t, a, b) > 0)
            return (stance_span){a, b};
        p = a;
    }
    return (stance_span){0, 0};
}

/* The latest tie of @p role before @p pos (no epithet), a current one before
 * a former one when "the <role>" says no "former" (@p former 0): "the
 * president" beside "former President Bill Clinton" and "President Obama"
 * is Obama; with a place word (@p place, "the Ohio governor") a tie written
 * with it ("Ohio Gov. Tom Park") first of all. A title that names its
 * office (@p q, stance_role_qual_strict(): "the prime minister") takes only
 * a tie of that office (stance_role_qual_fits(): not "Health Minister Rune
 * Falk"), and none when two actors hold it alike, unless it says "new" (the
 * latest). -1 when none. */
long stance_role_tie(const mstate *m, const char *role, size_t pos, int gender, int former, stance_span place,
                     const role_qual *q)
{
    long best = -1;
    int best_score = -1, two = 0, strict = stance_role_qual_strict(m->t, q);
    size_t pl = place.end - place.start;
    for (size_t i = 0; i < m->n_ties && m->ties[i].pos <= pos; i++) {
        const tie *ti = &m->ties[i];
        size_t tl = ti->place.end - ti->place.start;
        int score, same_place = pl && ((tl == pl && memcmp(m->t + ti->place.start, m->t + place.start, pl) == 0) ||
                                       qual_has(m->t, &ti->qual, place));
        if (ti->role != role || ti->rule == STANCE_MR_EPITHET || ti->qual.sub > q->sub ||
            (gender && m->ents->e[ti->ent].gender && m->ents->e[ti->ent].gender != gender) ||
            (strict && !stance_role_qual_fits(m->t, q, &ti->qual)))
            continue; /* "the congresswoman" is no man tied to "Rep." */
        score = 2 * same_place + (ti->former == former);
        if (score > best_score)
            two = 0;
        else if (score == best_score && m->ties[best].ent != ti->ent)
            two = 1;
        if (score >= best_score)
            best = (long)i, best_score = score;
    }
    return strict && two && !q->fresh ? -1 : best;
}

/* Does the title at @p fs follow its "the" at @p the_s right away ("the minister")? */
int stance_role_bare(const char *t, size_t the_s, size_t fs)
{
    size_t ps, pe;
    return stance_word_before(t, fs, &ps, &pe) && ps == the_s;
}

int stance_roles_sorted(void)
{
    uint16_t lens[26] = {0};
    for (size_t i = 1; i < N_ROLES; i++)
        if (strcmp(ROLES[i - 1].word, ROLES[i].word) >= 0)
            return 0;
    for (size_t i = 0; i < N_ROLES; i++) {
        size_t n = strlen(ROLES[i].word);
        if (ROLES[i].word[0] < 'a' || ROLES[i].word[0] > 'z' || n > 15)
            return 0;
        lens[ROLES[i].word[0] - 'a'] |= (uint16_t)(1u << n);
    }
    for (size_t i = 0; i < N_COMPOUNDS; i++) {
        size_t n = strlen(COMPOUNDS[i].first);
        unsigned c = (unsigned)(COMPOUNDS[i].first[0] - 'a');
        if (n > 15 || !(COMPOUND_LENS >> n & 1) || c >= 26 || !(COMPOUND_LETTERS >> c & 1))
            return 0;
    }
    return memcmp(lens, ROLE_LENS, sizeof lens) == 0;
}
