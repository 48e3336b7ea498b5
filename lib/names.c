/*
 * names.c - name runs as newspapers write them.
 *
 * A name run is a sequence of capitalised tokens on one line, with initials
 * ("George W. Bush"), abbreviated titles ("Sen.", "Lt. Gen."), lowercase
 * particles inside a name ("Abu Marzouk", "Beto de la Cruz") and a party/state
 * suffix ("(R-Fla.)"). One PCRE2 pattern finds them in a single left-to-right
 * pass (linear: every match is short and starts at a capital). The words it
 * knows (titles, function words, first names, particles, pronouns) are classes
 * of lib/lexicon.def: they decide where the bare name starts and which first
 * names hint at a gender.
 */
#include "config.h"

#include <string.h>

#include "lexicon.h"
#include "lexicon_hash.h"
#include "names.h"
#include "tokens.h"

/* The abbreviations a name may hold, each before its period ("Sen. Jane Roe",
 * "John Doe Jr."), of 2 to 4 bytes: one list for the pattern (ABBR) and the
 * C fast path (ABBR_KEYS). X writes the first, Y each one after it, P one
 * after it that also takes an "s" ("Sens."). */
#define ABBR_LIST(X, Y, P)                                                                                         \
    X("Del") P("Sen") P("Rep") Y("Gov") Y("Mrs") Y("Mr") Y("Ms") Y("Dr") P("Gen") Y("Lt") Y("Col") Y("Rev") Y("Sgt") \
    Y("Adm") Y("Capt") Y("Prof") Y("Maj") Y("Cmdr") Y("Jr") Y("Sr") Y("St") Y("Ft") Y("Atty") Y("Supt") Y("Rt")      \
    Y("Hon")
#define ABBR_ONE(w) w
#define ABBR_ALT(w) "|" w
#define ABBR_ALT_S(w) "|" w "s?"
#define ABBR "(?:" ABBR_LIST(ABBR_ONE, ABBR_ALT, ABBR_ALT_S) ")\\."
#define ABBR_FITS(w) _Static_assert(sizeof(w) >= 3 && sizeof(w) <= 5, "an abbreviation of 2 to 4 bytes: " w);
#define ABBR_FITS_S(w) ABBR_FITS(w "s")
ABBR_LIST(ABBR_FITS, ABBR_FITS, ABBR_FITS_S)
#define TOK "(?:\\p{Lu}[\\p{Ll}\\p{Lu}\\p{M}]*(?:['\\x{2019}](?![sS]\\b)\\p{L}+|-\\p{L}+)*)"
/* A word of capitals and digits that ends in a capital ("G4S"): one token. */
#define ALNUM "\\p{Lu}+\\p{N}+\\p{Lu}[\\p{Lu}\\p{N}]*(?![\\p{L}\\p{N}])"
/* Initials joined by an ampersand, one token: "AT&T", "S&P", "P&G". */
#define AMPW "\\p{Lu}{1,4}&\\p{Lu}{1,4}(?![\\p{L}\\p{N}])"
/* A name's last words after " & ": "Northline Power & Light", "Procter & Gamble"
 * (names_scan() cuts the run before a function word, title or first name there). */
#define AMP_NEXT "&[ \\x{A0}]{1,2}(?!" ABBR ")" TOK
/* A nickname in quote marks between a first name and a surname: Juan "Chico" Marquez. */
#define NICK "(?:\"" TOK "\"|\\x{201C}" TOK "\\x{201D})(?=[ \\x{A0}]\\p{Lu})"
/* "\003" stands for the particles of the lexicon (STANCE_LX_PARTICLE), filled
 * in when the pattern is compiled: one list for the pattern and the C scans. */
#define PARTICLE "\003"

/* A dotted abbreviation of two letters or more that no capitalised word
 * follows ("D.C.", "U.N.", "U.K."; "The U.S." at a sentence's start): one
 * word of its own. Before a capital it is split at its dots as before ("U.S.
 * Senate", "J.K. Rowling"). One hyphen joins two ("A.F.L.-C.I.O."); none
 * starts after a dot ("I.O." of "C.I.O."). */
#define DOTTED "(?<!\\.)\\p{Lu}\\.(?:\\p{Lu}\\.)+(?:-\\p{Lu}\\.(?:\\p{Lu}\\.)+)*(?![ \\x{A0}]{1,2}\\p{Lu})"

static const char NAME_PAT[] =
    "\\G(?<![\\p{L}\\p{N}\\p{M}'\\x{2019}@#_-])"
    "(?:" ABBR "[ \\x{A0}]{1,2})*"
    "(?:" DOTTED "|" ALNUM "|" AMPW "|" TOK "|\\p{Lu}\\.(?:\\p{Lu}\\.)*)"
    "(?:[ \\x{A0}]{1,2}(?:" ABBR "|\\p{Lu}\\.(?:\\p{Lu}\\.)*(?=[ \\x{A0}]\\p{Lu})|" DOTTED "|" AMPW "|" TOK "|" AMP_NEXT "|" NICK "|" PARTICLE
    "(?=[ \\x{A0}](?:" PARTICLE "[ \\x{A0}])?\\p{Lu})|" PARTICLE "-" TOK "))*"
    "(?:[ \\x{A0}]?\\((?:[RDI]|Ind|Dem|Rep)[-\\x{2013}][\\p{L}. ]{1,20}\\))?";

/* NAME_PAT with each "\003" replaced by "(?:p1|p2|...)", the lexicon's particles
 * (which are plain lowercase letters: no escaping). NULL when out of memory. */
static char *name_pattern_text(void)
{
    size_t plen = 4, n = stance_lex_count(), out = 0, marks = 0;
    char *alt, *pat = NULL;
    for (size_t i = 0; i < n; i++)
        if (stance_lex_entry((long)i)->cls & STANCE_LX(PARTICLE))
            plen += stance_lex_entry((long)i)->n + 1;
    for (const char *q = NAME_PAT; *q; q++)
        marks += *q == '\003';
    if (!(alt = stance_malloc(plen + 1)))
        return NULL;
    memcpy(alt, "(?:", 3);
    out = 3;
    for (size_t i = 0; i < n; i++) {
        const stance_lexent *x = stance_lex_entry((long)i);
        if (!(x->cls & STANCE_LX(PARTICLE)))
            continue;
        if (out > 3)
            alt[out++] = '|';
        memcpy(alt + out, x->w, x->n);
        out += x->n;
    }
    alt[out++] = ')';
    alt[out] = 0;
    if ((pat = stance_malloc(sizeof NAME_PAT + marks * out))) {
        char *w = pat;
        for (const char *q = NAME_PAT; *q; q++) {
            if (*q == '\003') {
                memcpy(w, alt, out);
                w += out;
            } else
                *w++ = *q;
        }
        *w = 0;
    }
    stance_free(alt);
    return pat;
}

pcre2_code *stance_names_pattern(pcre2_compile_context *cctx, int *errcode, PCRE2_SIZE *erroff)
{
    char *pat = name_pattern_text();
    pcre2_code *re;
    if (!pat) {
        *errcode = PCRE2_ERROR_NOMEMORY;
        *erroff = 0;
        return NULL;
    }
    re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, errcode, erroff, cctx);
    stance_free(pat);
    return re;
}

int stance_names_is_title(const char *w, size_t n)
{
    return stance_lex_is(w, n, STANCE_LX(TITLE));
}

/* A title abbreviation written without its dot, in the British way ("Rev
 * Patrick Hollis", "Prof Ann Lee"): a word of the lexicon's ABBR_DOT list
 * whose dotted form is a title. Callers ask it of a word that a first name
 * known to the lexicon follows ("Gen Nakatani" is a first name). */
int stance_names_is_undotted_title(const char *w, size_t n)
{
    char buf[8];
    if (n < 2 || n > 4 || w[0] < 'A' || w[0] > 'Z' || !stance_lex_in_rules(w, n, STANCE_LQ(ABBR_DOT)))
        return 0;
    memcpy(buf, w, n);
    buf[n] = '.';
    return stance_lex_is(buf, n + 1, STANCE_LX(TITLE));
}

int stance_names_is_first_name(const char *w, size_t n)
{
    return stance_lex_is(w, n, STANCE_LX(FIRST_F) | STANCE_LX(FIRST_M));
}

int stance_names_is_stopword(const char *w, size_t n)
{
    return stance_lex_is(w, n, STANCE_LX(STOP));
}

/* For each first letter a-z, the lengths of the lexicon's particles (bit n:
 * n bytes): the word after a capitalised one is looked up only when it may
 * be one. stance_names_tables_ok() checks it against the lexicon. */
static const uint16_t PARTICLE_LENS[26] = {0x4, 0x8, 0, 0x2c, 0x4, 0, 0, 0, 0x8, 0, 0, 0x4, 0,
                                           0,   0,   0, 0,    0,   0, 0x8, 0, 0x8, 0, 0, 0, 0};

static int maybe_particle(const char *w, size_t n)
{
    unsigned first = (unsigned char)w[0] - 'a';
    return n <= 15 && first < 26 && (PARTICLE_LENS[first] >> n & 1);
}

int stance_names_tables_ok(void)
{
    for (size_t i = 0; i < stance_lex_count(); i++) {
        const stance_lexent *x = stance_lex_entry((long)i);
        if ((x->cls & STANCE_LX(PARTICLE)) && !maybe_particle(x->w, x->n))
            return 0;
    }
    return 1;
}

/* Every token looked up once: its classes (tok_cls()), and from them its kind:
 * a title, a capitalised function word, or neither. */
#define TK_TITLE 1u
#define TK_STOP 2u
/* The classes of token w[0, n), or 0 when it starts with no ASCII capital
 * (not looked up: every title and stop word starts with one). */
static uint64_t tok_cls(const char *w, size_t n)
{
    unsigned char c = (unsigned char)w[0];
    return c < 'A' || c > 'Z' ? 0 : stance_lex_classes(w, n);
}

static unsigned kind_of(uint64_t cls)
{
    return (cls & STANCE_LX(TITLE) ? TK_TITLE : 0u) | (cls & STANCE_LX(STOP) ? TK_STOP : 0u);
}

/* A word that opens a sentence, not the name after it: a reporting verb of an
 * inverted attribution ("Said Jane Roe, ...", "Stated Roe: ...", but not the
 * surname in "Edward Said", which comes last) or a capitalised sentence
 * adverb that is no first name ("Certainly", not "Kelly"). */
static int sentence_opener(const char *w, size_t n)
{
    if (n == 4 && (memcmp(w, "Said", 4) == 0 || memcmp(w, "Adds", 4) == 0))
        return 1;
    /* "Stated Stone: ...": a reporting verb in the past, not "Ed" or "Reed" */
    if (n >= 5 && w[n - 2] == 'e' && w[n - 1] == 'd' && !stance_names_is_first_name(w, n) &&
        (stance_lex_classes_lower(w, n) &
         (STANCE_LX(RV_SAY) | STANCE_LX(RV_ARGUE) | STANCE_LX(RV_CRIT) | STANCE_LX(RV_PRAISE))))
        return 1;
    return n >= 6 && w[n - 2] == 'l' && w[n - 1] == 'y' && !stance_names_is_first_name(w, n);
}

/* Does t[s...] open a sentence: the text's start, or after a line break or
 * ". ", "? ", "! ", past one opening quote mark or dash ("\n— Continue ...")? */
static int opens_sentence(const char *t, size_t s)
{
    size_t k = s;
    int marks = 0;
    for (;;) {
        while (k > 0 && (t[k - 1] == ' ' || t[k - 1] == '\t'))
            k--;
        if (k == 0)
            return 1;
        if (marks == 0 && (t[k - 1] == '"' || t[k - 1] == '-' || t[k - 1] == '(')) {
            k--, marks++;
            continue;
        }
        if (marks == 0 && k >= 3 &&
            (stance_dash_at(t, k - 3, k) || /* a dash, or an opening curly quote */
             ((unsigned char)t[k - 3] == 0xE2 && (unsigned char)t[k - 2] == 0x80 && (unsigned char)t[k - 1] == 0x9C))) {
            k -= 3, marks++;
            continue;
        }
        return t[k - 1] == '\n' || ((t[k - 1] == '.' || t[k - 1] == '?' || t[k - 1] == '!') && k < s);
    }
}

/* A capitalised word opening a sentence that the lexicon gives as a
 * preposition, conjunction or sentence intro, and not as a first name or
 * title, is no part of a name: "Besides China, Vietnam ...", "Given
 * Republicans' stiff opposition, ..." (TK_STOP). One that is a role or
 * person noun is a title before the name: "Journalist Jorge Ramos",
 * "Historian Ada Quist wrote:" (TK_TITLE). Else 0. */
static unsigned opener_kind(const char *t, size_t ws, size_t we)
{
    uint64_t cls, low;
    if (!opens_sentence(t, ws))
        return 0;
    cls = stance_lex_classes(t + ws, we - ws);
    if (cls & (STANCE_LX(FIRST_F) | STANCE_LX(FIRST_M) | STANCE_LX(TITLE)))
        return 0;
    low = stance_lex_classes_lower(t + ws, we - ws);
    if (stance_lex_in_rules(t + ws, we - ws, STANCE_LQ(SENT_INTRO)) ||
        (low & (STANCE_LX(PREP) | STANCE_LX(CONJ) | STANCE_LX(COND))))
        return TK_STOP;
    return low & (STANCE_LX(ROLE) | STANCE_LX(PERSON_NOUN)) ? TK_TITLE : 0u;
}

/* The length of a particle and hyphen opening a surname, "al-" of "al-Awlaki"
 * or "Al-Awlaki", else 0: the surname is keyed after it, so that both
 * spellings are one person. */
static size_t particle_hyphen(const char *w, size_t n)
{
    size_t k = 0;
    /* the hyphen can only be w[2], w[3] or w[4], with a byte after it: most surnames have none there */
    if (!((n > 3 && w[2] == '-') || (n > 4 && w[3] == '-') || (n > 5 && w[4] == '-')))
        return 0;
    while (k < n && k < 4 && ((w[k] >= 'a' && w[k] <= 'z') || (k == 0 && w[k] >= 'A' && w[k] <= 'Z')))
        k++;
    if (k < 2 || k + 1 >= n || w[k] != '-' || !(w[k + 1] >= 'A' && w[k + 1] <= 'Z') ||
        !(stance_lex_classes_lower(w, k) & STANCE_LX(PARTICLE)))
        return 0;
    return k + 1;
}

static int title_gender(const char *t, size_t s);

/* Is w[0, n) a group's name alone and the end of an organisation's
 * ("Republicans", "Democrats"), or a title's plural ("Senators",
 * "Governors")? Before a first name and a surname it stands for a title, as
 * "Republican" and "Senator" do: "Republicans Cory Gardner in Colorado, ...",
 * "Democrats Hillary Clinton, Bernie Sanders and ...", "Senators Ted Cruz and
 * Marco Rubio". */
static int party_members(const char *w, size_t n)
{
    const uint64_t both = STANCE_LQ(ORG_ALONE) | STANCE_LQ(ORG_LAST);
    return n > 4 && w[n - 1] == 's' && w[n - 2] != 's' &&
           ((stance_lex_rules(w, n) & both) == both || stance_names_is_title(w, n - 1));
}

/* Is token k of a run (ts/te/cls/kind as names_bare_hint() reads them) a
 * month that is also a first name, read as the first name: "Historian June
 * Pellegrini", "April Mellody, a spokeswoman"? An ordinary capitalised word
 * follows it (no function word, title, day or month: not "June 14", "May Day
 * Parade" has no first name), and no time phrase holds it: the word before
 * it, in the run or before the run, is no determiner, preposition,
 * conjunction, time word or number ("in June Trump said", "At a June Trump
 * rally", "last April Smith", "early June", "Since June"). */
static int month_first_name(const char *t, const size_t *ts, const size_t *te, const uint64_t *cls,
                            const unsigned *kind, unsigned k, unsigned nt)
{
    const uint64_t first = STANCE_LX(FIRST_F) | STANCE_LX(FIRST_M);
    const uint64_t not_next = STANCE_LX(STOP) | STANCE_LX(TITLE) | STANCE_LX(DAY) | STANCE_LX(MONTH);
    size_t we, ws;
    if (!(cls[k] & STANCE_LX(MONTH)) || !(cls[k] & first) || k + 1 >= nt || (cls[k + 1] & not_next) ||
        te[k + 1] - ts[k + 1] < 2 || t[ts[k + 1]] < 'A' || t[ts[k + 1]] > 'Z' || t[te[k + 1] - 1] == '.')
        return 0;
    if (k > 0)
        return (kind[k - 1] & TK_TITLE) != 0; /* "Dr. June Roe", not "In June Roe" */
    for (we = ts[0]; we > 0 && t[we - 1] == ' ';)
        we--;
    for (ws = we; ws > 0 && ((t[ws - 1] | 0x20) >= 'a' && (t[ws - 1] | 0x20) <= 'z');)
        ws--;
    if (we > 0 && t[we - 1] >= '0' && t[we - 1] <= '9')
        return 0; /* "on 14 June Roe said" */
    if (ws == we || we - ws > 15)
        return 1;
    return !((stance_lex_classes_lower(t + ws, we - ws) & (STANCE_LX(DET) | STANCE_LX(PREP) | STANCE_LX(CONJ))) ||
             stance_lex_in_rules(t + ws, we - ws, STANCE_LQ(TAIL)) ||
             (we - ws == 5 && memcmp(t + ws, "early", 5) == 0) || (we - ws == 4 && memcmp(t + ws, "late", 4) == 0) ||
             (we - ws == 3 && memcmp(t + ws, "mid", 3) == 0));
}

/* stance_names_bare() with the tok_cls() of t[hs, he) known (@p hcls) if that
 * is the run's first token: names_scan() has looked it up already. With
 * @p gender, also stance_names_gender() of the bare name, from the classes of
 * its first token looked up here (the same chunk that function would read). */
static unsigned names_bare_hint(const char *t, size_t *s, size_t *e, size_t *last, size_t hs, size_t he,
                                uint64_t hcls, int *gender)
{
    size_t ts[16], te[16];
    uint64_t cls[16];
    unsigned kind[16], nt = 0, first, lastt, n;
    int amp = 0;
    size_t i;
    size_t end = *e;
    while (end > *s && (t[end - 1] == ' ' || t[end - 1] == '\t'))
        end--;
    /* Drop a party/state suffix and a possessive. */
    if (end > *s && t[end - 1] == ')') {
        size_t k = end;
        while (k > *s && t[k - 1] != '(')
            k--;
        if (k > *s)
            end = k - 1;
        while (end > *s && (t[end - 1] == ' ' || stance_nbsp_ends(t, *s, end)))
            end -= t[end - 1] == ' ' ? 1 : 2; /* a space or a whole no-break space: not the "à" of "Mendià" */
    }
    if ((i = stance_poss_start(t, *s, end, 1)) < end)
        end = i;
    else if (end >= *s + 1 && t[end - 1] == '\'')
        end -= 1; /* a closing quote mark */
    i = *s;
    while (nt < 16 && stance_chunk_next_in(t, &i, end, end, &ts[nt], &te[nt])) {
        size_t l = te[nt] - ts[nt];
        if (nt > 0 && ((l == 3 && (memcmp(t + ts[nt], "Jr.", 3) == 0 || memcmp(t + ts[nt], "Sr.", 3) == 0)) ||
                       ((l == 2 || l == 3) && (memcmp(t + ts[nt], "Jr", 2) == 0 || memcmp(t + ts[nt], "II", 2) == 0))))
            break;
        cls[nt] = nt == 0 && ts[0] == hs && te[0] == he ? hcls : tok_cls(t + ts[nt], l);
        kind[nt] = kind_of(cls[nt]);
        nt++;
    }
    if (nt == 0 || nt == 16)
        return 0;
    for (unsigned k = 0; k + 1 < nt; k++)
        if ((kind[k] & TK_STOP) && month_first_name(t, ts, te, cls, kind, k, nt))
            kind[k] &= ~TK_STOP; /* "June Pellegrini": a first name */
    if (!(kind[0] & TK_STOP))
        kind[0] |= opener_kind(t, ts[0], te[0]);
    /* leading titles, function words and sentence openers */
    first = 0;
    while (first < nt && (kind[first] || (first + 1 < nt && sentence_opener(t + ts[first], te[first] - ts[first])) ||
                          (first + 1 < nt && (cls[first + 1] & (STANCE_LX(FIRST_F) | STANCE_LX(FIRST_M))) &&
                           (stance_names_is_undotted_title(t + ts[first], te[first] - ts[first]) ||
                            (first + 2 < nt && party_members(t + ts[first], te[first] - ts[first]))))))
        first++; /* (an undotted title before a first name: "Rev Patrick Hollis", not "Gen Nakatani";
                  * a party's members before a full name: "Republicans Cory Gardner") */
    if (first == nt) {
        /* "Mr. King", "Pope": a title word can be the name itself, a function word cannot */
        if (kind[nt - 1] & TK_STOP)
            return 0;
        first = nt - 1;
    }
    /* "Interim DNC Chairwoman Donna Brazile": the name starts after the last title */
    for (unsigned k = first; k + 1 < nt; k++)
        if (kind[k] & TK_TITLE)
            first = k + 1;
    /* Headlines in title case are not names: "Clinton Goes After Trump As ...";
     * but a month last is a surname ("Theresa May", "Yin Myint May") */
    for (unsigned k = first + 1; k < nt; k++)
        if ((kind[k] & TK_STOP) && !(te[k] - ts[k] == 3 && memcmp(t + ts[k], "Mrs", 3) == 0) &&
            !(k == nt - 1 && (cls[k] & STANCE_LX(MONTH))))
            return 0;
    lastt = nt - 1;
    n = nt - first;
    if (n > 5)
        return 0;
    {
        size_t bs = ts[first], be = te[lastt];
        while (be > bs && (t[be - 1] == ',' || t[be - 1] == ':'))
            be--;
        *s = bs;
        *e = be;
    }
    for (unsigned k = first + 1; k < lastt; k++)
        if (te[k] - ts[k] == 1 && t[ts[k]] == '&')
            amp = 1; /* "Procter & Gamble", "Johnson & Johnson": keyed whole, no surname, no gender */
    if (last)
        *last = amp ? ts[first] : ts[lastt] + particle_hyphen(t + ts[lastt], te[lastt] - ts[lastt]);
    if (gender && amp)
        *gender = STANCE_G_UNKNOWN;
    else if (gender) {
        /* a first name counts before a surname only (first < lastt), as in stance_names_gender() */
        *gender = title_gender(t, ts[first]);
        if (*gender == STANCE_G_UNKNOWN && first < lastt)
            *gender = stance_first_name_gender((unsigned)((unsigned char)t[ts[first]] - 'A') < 26u
                                            ? cls[first]
                                            : stance_lex_classes(t + ts[first], te[first] - ts[first]));
    }
    return n;
}

unsigned stance_names_bare(const char *t, size_t *s, size_t *e, size_t *last)
{
    return names_bare_hint(t, s, e, last, SIZE_MAX, 0, 0, NULL);
}

/* The gender a title just before t[s...] gives ("Mrs.", "Mr.", ...; titles
 * before a bare name are not inside it: look back one word), else STANCE_G_UNKNOWN. */
static int title_gender(const char *t, size_t s)
{
    if (s >= 4) {
        size_t k = s;
        while (k > 0 && t[k - 1] == ' ')
            k--;
        if (k >= 4 && memcmp(t + k - 4, "Mrs.", 4) == 0)
            return STANCE_G_FEMALE;
        if (k >= 3 && memcmp(t + k - 3, "Ms.", 3) == 0)
            return STANCE_G_FEMALE;
        if (k >= 3 && memcmp(t + k - 3, "Mr.", 3) == 0)
            return STANCE_G_MALE;
        if (k >= 4 && memcmp(t + k - 4, "Miss", 4) == 0)
            return STANCE_G_FEMALE;
        if (k >= 13 && memcmp(t + k - 13, "Congresswoman", 13) == 0)
            return STANCE_G_FEMALE;
    }
    return STANCE_G_UNKNOWN;
}

int stance_names_gender(const char *t, size_t s, size_t e)
{
    size_t i = s, ts, te;
    int g = title_gender(t, s);
    if (g == STANCE_G_UNKNOWN && stance_chunk_next(t, &i, e, e, &ts, &te) && i < e)
        g = stance_first_name_gender(stance_lex_classes(t + ts, te - ts));
    return g;
}

int stance_names_pronoun(const char *t, size_t s, size_t e, int *gender)
{
    long i = stance_lex_find(t + s, e - s);
    const stance_lexent *x = stance_lex_entry(i);
    if (!x || !(x->cls & STANCE_LX(SPEAKER_PRON)))
        return 0;
    switch (STANCE_PRON_GENDER(x->feat)) {
    case STANCE_PG_M:
        *gender = STANCE_G_MALE;
        return 1;
    case STANCE_PG_F:
        *gender = STANCE_G_FEMALE;
        return 1;
    default:
        *gender = STANCE_G_UNKNOWN;
        return 2;
    }
}

void stance_namelist_clear(stance_namelist *l)
{
    stance_free(l->v);
    stance_free(l->by_last);
    stance_free(l->last_key);
    stance_wordix_free(&l->firsts);
    memset(l, 0, sizeof *l);
}

/* The surname index: the runs sorted by surname bytes (memcmp order, the
 * shorter first), then most tokens first, then position. A stable merge sort
 * over keys that hold the surname's first 8 bytes (big-endian, zero-padded:
 * their order is the bytes' order, and a surname holds no NUL); runs come in
 * text order, so stability gives the position order. It replaced qsort() with
 * a memcmp() comparator over 40-byte records: 6 M of the 23 M instructions of
 * the name scan on the PolNeAR dev articles. */
typedef struct lkey {
    uint64_t k;    /* the first 8 bytes of the surname */
    size_t idx;    /* index into the runs */
} lkey;

static uint64_t prefix_key(const char *w, size_t n)
{
#if STANCE_LEXH_LE
    /* the lexicon's key (the same bytes little-endian, in whole loads) byte-swapped */
    return n ? __builtin_bswap64(stance_lexh_key((const unsigned char *)w, n)) : 0;
#else
    uint64_t k = 0;
    for (size_t i = 0; i < 8; i++)
        k = (k << 8) | (i < n ? (unsigned char)w[i] : 0u);
    return k;
#endif
}

/* Does @p a sort after @p b? */
static int lkey_after(const char *text, const stance_namelist *l, const lkey *a, const lkey *b)
{
    const stance_name *x, *y;
    size_t xn, yn, m;
    int c;
    if (a->k != b->k)
        return a->k > b->k;
    x = &l->v[a->idx];
    y = &l->v[b->idx];
    xn = x->last_end - x->last;
    yn = y->last_end - y->last;
    m = xn < yn ? xn : yn;
    if (m > 8 && (c = memcmp(text + x->last + 8, text + y->last + 8, m - 8)) != 0)
        return c > 0;
    if (xn != yn)
        return xn > yn;
    return x->ntok < y->ntok; /* most tokens first; equal keys keep their order */
}

/* Stable sort of v[0, n) with @p tmp (n elements) as scratch; returns the
 * array that holds the result (v or tmp). */
static lkey *lkey_sort(const char *text, const stance_namelist *l, lkey *v, lkey *tmp, size_t n)
{
    const size_t run = 8;
    for (size_t s = 0; s < n; s += run) { /* insertion sort of short runs */
        size_t e = s + run < n ? s + run : n;
        for (size_t i = s + 1; i < e; i++) {
            lkey x = v[i];
            size_t j = i;
            while (j > s && lkey_after(text, l, &v[j - 1], &x)) {
                v[j] = v[j - 1];
                j--;
            }
            v[j] = x;
        }
    }
    for (size_t w = run; w < n; w *= 2) { /* then merge runs of w into 2w, back and forth */
        lkey *t;
        for (size_t s = 0; s < n; s += 2 * w) {
            size_t m = s + w < n ? s + w : n, e = s + 2 * w < n ? s + 2 * w : n, i = s, j = m, k = s;
            while (i < m && j < e)
                tmp[k++] = lkey_after(text, l, &v[i], &v[j]) ? v[j++] : v[i++];
            while (i < m)
                tmp[k++] = v[i++];
            while (j < e)
                tmp[k++] = v[j++];
        }
        t = v;
        v = tmp;
        tmp = t;
    }
    return v;
}

/* out->by_last: the runs sorted by surname (then most tokens first, then position). */
static int index_by_last(const char *text, stance_namelist *out, stance_error *err)
{
    lkey *v = NULL;
    int rc = STANCE_OK;
    if (out->n) {
        v = stance_malloc_array(out->n, 2 * sizeof *v);
        stance_free(out->by_last);
        stance_free(out->last_key);
        out->by_last = stance_malloc_array(out->n, sizeof *out->by_last);
        out->last_key = stance_malloc_array(out->n, sizeof *out->last_key);
        if (!v || !out->by_last || !out->last_key) {
            rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
            goto done;
        }
        for (size_t i = 0; i < out->n; i++) {
            v[i].k = prefix_key(text + out->v[i].last, out->v[i].last_end - out->v[i].last);
            v[i].idx = i;
        }
        {
            const lkey *r = lkey_sort(text, out, v, v + out->n, out->n);
            for (size_t i = 0; i < out->n; i++) {
                out->by_last[i] = r[i].idx;
                out->last_key[i] = r[i].k;
            }
        }
    }
done:
    stance_free(v);
    return rc;
}

size_t stance_names_surname_at(const stance_namelist *l, const char *text, const char *w, size_t n)
{
    const uint64_t k = prefix_key(w, n);
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const stance_name *c = &l->v[l->by_last[mid]];
        size_t cn = c->last_end - c->last, m = cn < n ? cn : n;
        int below;
        if (l->last_key[mid] != k)
            below = l->last_key[mid] < k;
        else {
            int d = memcmp(text + c->last, w, m);
            below = d < 0 || (d == 0 && cn < n);
        }
        if (below)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Can a run start at u[pos]: a capital (or a non-ASCII lead byte that may
 * be one) after no word character? */
static inline int starts_run(const unsigned char *u, size_t pos)
{
    unsigned char ch = u[pos], pb = pos ? u[pos - 1] : ' ';
    return ((ch >= 'A' && ch <= 'Z') || ch >= 0xC3) &&
           !((pb >= 'a' && pb <= 'z') || (pb >= 'A' && pb <= 'Z') || (pb >= '0' && pb <= '9') || pb == '\'' ||
             pb == '-' || pb == '_' || pb == '@' || pb == '#');
}

/* The first position at or after @p pos where a run can start, or @p len:
 * only at a capital or a non-ASCII byte (stance_next_upper_or_high() steps
 * over the rest sixteen bytes at a time). */
static size_t run_start(const char *text, size_t pos, size_t len)
{
    const unsigned char *u = (const unsigned char *)text;
    while ((pos = stance_next_upper_or_high(text, pos, len)) < len) {
        if (starts_run(u, pos))
            return pos;
        pos++;
    }
    return len;
}

/* The abbreviations of ABBR_LIST, as the words before their period, each
 * packed into 32 bits (first byte lowest, zeros after the end). */
#define ABBR_B(w, i) (sizeof(w) > (i) + 1 ? (uint32_t)(unsigned char)(w)[i] << (8 * (i)) : 0u)
#define ABBR_KEY(w) (ABBR_B(w, 0) | ABBR_B(w, 1) | ABBR_B(w, 2) | ABBR_B(w, 3)),
#define ABBR_KEY_S(w) ABBR_KEY(w) ABBR_KEY(w "s")
static const uint32_t ABBR_KEYS[] = {ABBR_LIST(ABBR_KEY, ABBR_KEY, ABBR_KEY_S)};

static int is_abbr(const char *w, size_t n)
{
    uint32_t k = 0;
    if (n < 2 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        k |= (uint32_t)(unsigned char)w[i] << (8 * i);
    for (size_t i = 0; i < sizeof ABBR_KEYS / sizeof *ABBR_KEYS; i++)
        if (ABBR_KEYS[i] == k)
            return 1;
    return 0;
}

static inline int ascii_letter(unsigned char b)
{
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
}

/* After a word [ws, we) of ASCII letters that the pattern's TOK matched (a run
 * at an ASCII byte or the text's start, so the lookbehind is starts_run()'s
 * test): does the run end at we, for a '.' or an apostrophe there? A '.' is
 * taken only by an abbreviation of ABBR; "'" or U+2019 continues the word only
 * before a letter, unless that is an 's' or 'S' at a word's end (a possessive).
 * 0 also when unsure (a non-ASCII byte next): the pattern decides. */
static int ends_at_stop(const unsigned char *u, size_t ws, size_t we, size_t len)
{
    size_t k = we + 1;
    if (u[we] == '.')
        return !is_abbr((const char *)u + ws, we - ws);
    if (u[we] == 0xE2) {
        if (!(we + 2 < len && u[we + 1] == 0x80 && u[we + 2] == 0x99))
            return 0;
        k = we + 3;
    } else if (u[we] != '\'')
        return 0;
    if (k >= len)
        return 1;
    if (u[k] == 's' || u[k] == 'S')
        return k + 1 >= len || (u[k + 1] < 0x80 && !ascii_letter(u[k + 1]) && !(u[k + 1] >= '0' && u[k + 1] <= '9') &&
                                u[k + 1] != '_');
    return u[k] < 0x80 && !ascii_letter(u[k]);
}

/* Fast path: capitalised ASCII words (two letters or more) separated by single
 * spaces, the last followed by a lowercase word that is no particle, by
 * punctuation or by a stop (ends_at_stop()), are a run of their own, [pos,
 * *we): the pattern would match just that. 0: the pattern is for the rest.
 * @p first_we: where the ASCII letters from pos end (names_scan() has read them). */
static int plain_run(const char *text, size_t pos, size_t len, size_t first_we, size_t *we_out)
{
    const unsigned char *u = (const unsigned char *)text;
    size_t ws = pos, we = pos;
    while (ws < len && u[ws] >= 'A' && u[ws] <= 'Z') {
        we = ws + 1;
        if (ws == pos)
            we = first_we;
        while (we < len && ascii_letter(u[we]))
            we++;
        *we_out = we;
        if (we - ws < 2)
            return 0;
        if (we >= len || u[we] == ',' || u[we] == ';' || u[we] == ':' || u[we] == '!' || u[we] == '?' ||
            u[we] == ')' || u[we] == '\n')
            return 1;
        if (u[we] == '.' || u[we] == '\'' || u[we] == 0xE2)
            return (pos == 0 || u[pos - 1] < 0x80) && ends_at_stop(u, ws, we, len);
        if (u[we] != ' ' || we + 1 >= len)
            return 0;
        if (u[we + 1] >= 'a' && u[we + 1] <= 'z') {
            size_t pe = we + 1;
            while (pe < len && u[pe] >= 'a' && u[pe] <= 'z')
                pe++;
            return !maybe_particle(text + we + 1, pe - we - 1) ||
                   !stance_lex_is(text + we + 1, pe - we - 1, STANCE_LX(PARTICLE));
        }
        ws = we + 1;
    }
    return 0;
}

static void first_word(const char *text, const stance_name *nm, size_t *ws, size_t *we);

/* Where the lowercase forms of the runs' first words stand (glued_word_run()'s
 * question, asked per candidate run of each mention), indexed once for a text
 * longer than the window it is asked about; a shorter text is searched. */
static int index_firsts(const char *text, size_t len, stance_namelist *l)
{
    size_t *spans;
    int rc;
    stance_wordix_free(&l->firsts);
    if (len <= STANCE_NEAR_REACH || !l->n)
        return STANCE_OK;
    if (!(spans = stance_malloc_array(l->n, 2 * sizeof *spans)))
        return STANCE_ERR_NOMEM;
    for (size_t i = 0; i < l->n; i++)
        first_word(text, &l->v[i], &spans[2 * i], &spans[2 * i + 1]);
    rc = stance_wordix_build(&l->firsts, text, len, spans, l->n);
    stance_free(spans);
    return rc;
}

/* The end of the name run text[s, e) of the pattern, cut before an " & "
 * that a function word, title or first name follows: "Rudy Giuliani & Sen.
 * Jeff Sessions", "Jim & Sarah", "Ann & I" are two names, "Procter & Gamble"
 * is one. */
static size_t amp_cut(const char *text, size_t s, size_t e)
{
    const uint64_t not_name = STANCE_LX(STOP) | STANCE_LX(TITLE) | STANCE_LX(FIRST_F) | STANCE_LX(FIRST_M);
    for (size_t i = s + 1; i + 2 < e; i++) {
        size_t ws, we = i + 1, k = i, h;
        if (text[i] != '&' || !stance_hspace(text, i + 1, e))
            continue; /* (not the "&" of "AT&T") */
        while (we < e && (h = (size_t)stance_hspace(text, we, e)))
            we += h;
        for (ws = we; we < e && !stance_hspace(text, we, e);)
            we++;
        if (we > ws && !(tok_cls(text + ws, we - ws) & not_name))
            continue;
        while (k > s && (text[k - 1] == ' ' || stance_nbsp_ends(text, s, k)))
            k -= text[k - 1] == ' ' ? 1 : 2;
        return k;
    }
    return e;
}

static int names_scan(const pcre2_code *pat, pcre2_match_context *mctx, pcre2_general_context *gctx,
                      const char *text, size_t len, stance_namelist *out, stance_error *err, int fast_ok)
{
    pcre2_match_data *md = pcre2_match_data_create(1, gctx);
    size_t pos = 0;
    int rc = STANCE_OK;
    if (!md)
        return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    while (pos < len) {
        int m;
        PCRE2_SIZE *ov;
        size_t s, e, last, hs = SIZE_MAX, he = 0; /* [hs, he): a first word looked up, classes hcls */
        size_t first_we;                          /* the end of the ASCII letters from pos */
        uint64_t hcls = 0;
        unsigned nt;
        int gender;
        /* Only a capital (or a non-ASCII letter) at the start of a word can
         * start a run: find the next one in C, then match anchored there. */
        {
            const unsigned char *u = (const unsigned char *)text;
            if ((pos = run_start(text, pos, len)) >= len)
                break;
            /* U+2000..U+207F (quote marks, dashes) hold no capital: the pattern cannot match there */
            if (fast_ok && u[pos] == 0xE2 && pos + 1 < len && (u[pos + 1] == 0x80 || u[pos + 1] == 0x81)) {
                pos += 2;
                while (pos < len && (u[pos] & 0xC0) == 0x80)
                    pos++;
                continue;
            }
            /* "The", "But", "He" before a lowercase word start no name: skip them without matching */
            {
                size_t we = pos;
                while (we < len && ((u[we] >= 'a' && u[we] <= 'z') || (u[we] >= 'A' && u[we] <= 'Z')))
                    we++;
                first_we = we;
                if (we < len && we > pos && u[we] == ' ' && we + 1 < len && u[we + 1] >= 'a' && u[we + 1] <= 'z') {
                    hcls = tok_cls(text + pos, we - pos);
                    hs = pos, he = we;
                    if (kind_of(hcls) & TK_STOP) {
                        pos = we;
                        continue;
                    }
                }
            }
        }
        {
            size_t we;
            int fast = fast_ok && plain_run(text, pos, len, first_we, &we);
            if (fast) {
                s = pos;
                e = we;
            } else {
                m = pcre2_match(pat, (PCRE2_SPTR)text, len, pos, PCRE2_NO_UTF_CHECK, md, mctx); /* \\G: anchored */
                if (m == PCRE2_ERROR_NOMATCH || (m < 0 && stance_pcre2_status(m) != STANCE_ERR_NOMEM)) {
                    /* no run here (or a limit): skip one character and go on */
                    pos++;
                    while (pos < len && ((unsigned char)text[pos] & 0xC0) == 0x80)
                        pos++;
                    continue;
                }
                if (m < 0) {
                    rc = stance_pcre2_error(err, m, pos, "name matching");
                    goto out;
                }
                ov = pcre2_get_ovector_pointer(md);
                s = ov[0];
                e = amp_cut(text, s, ov[1]);
            }
        }
        pos = e > s ? e : s + 1;
        while (pos < len && ((unsigned char)text[pos] & 0xC0) == 0x80)
            pos++;
        {
            size_t bs = s, be = e;
            nt = names_bare_hint(text, &bs, &be, &last, hs, he, hcls, &gender);
            if (!nt)
                continue;
            if (stance_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v)) {
                rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
                goto out;
            }
            out->v[out->n].start = s;
            out->v[out->n].end = e;
            out->v[out->n].bare = bs;
            out->v[out->n].last = last;
            out->v[out->n].last_end = be;
            out->v[out->n].ntok = nt;
            out->v[out->n].gender = gender;
            out->n++;
        }
    }
    if (!(rc = index_by_last(text, out, err)) && index_firsts(text, len, out))
        rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
out:
    pcre2_match_data_free(md);
    return rc;
}

int stance_names_scan(const pcre2_code *pat, pcre2_match_context *mctx, pcre2_general_context *gctx,
                      const char *text, size_t len, stance_namelist *out, stance_error *err)
{
    return names_scan(pat, mctx, gctx, text, len, out, err, 1);
}

int stance_names_scan_plain(const pcre2_code *pat, pcre2_match_context *mctx, pcre2_general_context *gctx,
                            const char *text, size_t len, stance_namelist *out, stance_error *err)
{
    return names_scan(pat, mctx, gctx, text, len, out, err, 0);
}

static int key_cmp(const char *text, const stance_name *nm, const char *k, size_t kn)
{
    size_t n = nm->last_end - nm->last, m = n < kn ? n : kn;
    int c = memcmp(text + nm->last, k, m);
    if (c)
        return c;
    return n == kn ? 0 : n < kn ? -1 : 1;
}

/* a[0, n) and b[0, n) the same but for the case of the first letter ("al-Awlaki", "Al-Awlaki"). */
static int same_but_case(const char *a, const char *b, size_t n)
{
    return n > 0 && stance_ascii_caseeq(a, b, 1) && memcmp(a + 1, b + 1, n - 1) == 0;
}

/* The first word of run @p nm (its bare name's), as [*ws, *we). */
static void first_word(const char *text, const stance_name *nm, size_t *ws, size_t *we)
{
    size_t i = nm->bare;
    if (!stance_chunk_next(text, &i, nm->last_end, nm->last_end, ws, we))
        *ws = *we = nm->bare;
}

/* Do runs @p a and @p b open with the same word (one person's forms)? */
static int same_first(const char *text, const stance_name *a, const stance_name *b)
{
    size_t as, ae, bs, be;
    first_word(text, a, &as, &ae);
    first_word(text, b, &bs, &be);
    return ae - as == be - bs && memcmp(text + as, text + bs, ae - as) == 0;
}

/* Can run @p nm name the bare name text[s, s + blen) of a mention of gender
 * @p g? It must end with the whole bare name ("al-Awlaki" ends with
 * "Al-Awlaki": the first letter's case aside), and a gender the mention tells
 * must fit its own ("Mr. Obama" is no "Michelle Obama"). */
static int fits_mention(const char *text, const stance_name *nm, size_t s, size_t blen, int g)
{
    return nm->last_end - nm->bare > blen && same_but_case(text + nm->last_end - blen, text + s, blen) &&
           (text[nm->last_end - blen - 1] == ' ' || stance_nbsp_ends(text, nm->bare, nm->last_end - blen)) &&
           (g == STANCE_G_UNKNOWN || nm->gender == STANCE_G_UNKNOWN || nm->gender == g);
}

/* Is t[ws, we) a word glued before a name ("Rival" of "Rival Hillary
 * Clinton", "Real Donald Trump", "See Sexton"): no listed first name, particle
 * or initial, and the text near it (stance_near()) writes it in lowercase
 * ("rival")? @p ix: the document's index of such words, or NULL (a search). */
static int glued_word(const stance_wordix *ix, const char *text, size_t len, size_t ws, size_t we)
{
    size_t lo, hi;
    if (we - ws < 2 || text[ws] < 'A' || text[ws] > 'Z' || text[we - 1] == '.' ||
        (stance_lex_classes(text + ws, we - ws) & (STANCE_LX(FIRST_F) | STANCE_LX(FIRST_M))) ||
        (stance_lex_classes_lower(text + ws, we - ws) & STANCE_LX(PARTICLE)))
        return 0;
    stance_near(len, ws, we, &lo, &hi);
    return stance_wordix_in_span(ix, text, len, lo, hi, (char)(text[ws] + ('a' - 'A')), text + ws, we - ws);
}

/* Is the first word of run @p nm glued before a name rather than a fuller form of it? */
static int glued_word_run(const stance_namelist *l, const char *text, size_t len, const stance_name *nm)
{
    size_t ws, we;
    first_word(text, nm, &ws, &we);
    return glued_word(&l->firsts, text, len, ws, we);
}

size_t stance_names_unglued(const char *text, size_t len, size_t s, size_t e)
{
    size_t i = s, ws, we, ns, ne, ls, le;
    if (!stance_chunk_next(text, &i, e, e, &ws, &we) || !stance_chunk_next(text, &i, e, e, &ns, &ne) ||
        !stance_chunk_next(text, &i, e, e, &ls, &le) || !stance_names_is_first_name(text + ns, ne - ns) ||
        !glued_word(NULL, text, len, ws, we))
        return s;
    return ns;
}

/* Does run @p nm open with a listed first name ("Thomas Perez", not
 * "Understated Perez", "Team Trump", "AG Mukasey")? */
static int opens_first_name(const char *text, const stance_name *nm)
{
    size_t ws, we;
    first_word(text, nm, &ws, &we);
    return stance_names_is_first_name(text + ws, we - ws);
}

/* Is run @p nm a word glued before another run of the text, "X First
 * Surname" where X is no first name and "First Surname" is a run of its own
 * ("Crooked Hillary Clinton" beside "Hillary Clinton")? @p from: the first
 * run of its surname in the index. */
static int glued_before_run(const stance_namelist *l, const char *text, size_t from, const stance_name *nm)
{
    size_t ws, we, i = nm->bare, rs, re, rlen;
    first_word(text, nm, &ws, &we);
    i = we;
    if (nm->ntok < 3 || !stance_chunk_next(text, &i, nm->last_end, nm->last_end, &rs, &re) ||
        !stance_names_is_first_name(text + rs, re - rs) || stance_names_is_first_name(text + ws, we - ws) ||
        text[we - 1] == '.' || (stance_lex_classes_lower(text + ws, we - ws) & STANCE_LX(PARTICLE)))
        return 0;
    rlen = nm->last_end - rs;
    for (size_t j = from; j < l->n && j < from + 64; j++) {
        const stance_name *o = &l->v[l->by_last[j]];
        if (o->last_end - o->last != nm->last_end - nm->last ||
            memcmp(text + o->last, text + nm->last, nm->last_end - nm->last) != 0)
            break;
        if (o->ntok == nm->ntok - 1 && o->last_end - o->bare == rlen && memcmp(text + o->bare, text + rs, rlen) == 0)
            return 1;
    }
    return 0;
}

/* Is run @p nm no fuller form of a name, for a word glued before it? @p fn:
 * another candidate opens with a first name. */
size_t stance_names_headline_end(const char *t, size_t len)
{
    size_t s = 0, e;
    while (s < len && (t[s] == ' ' || t[s] == '\n' || t[s] == '\r' || t[s] == '\t'))
        s++;
    for (e = s; e < len && e - s <= 200 && t[e] != '\n'; e++)
        ;
    return e < len && t[e] == '\n' ? e : 0;
}

/* Does run @p nm stand in the text's first line (its headline, at most 200
 * bytes), not opening with a listed first name, while a run of its surname
 * with as many words stands after that line ("Upstart Okafor stuns ..."
 * beside "Nia Okafor")? A headline's capitals are no sign of a name. */
static int headline_only_run(const stance_namelist *l, const char *text, size_t len, size_t from, const stance_name *nm)
{
    size_t e = stance_names_headline_end(text, len);
    if (nm->start >= e || opens_first_name(text, nm))
        return 0;
    for (size_t i = from; i < l->n && i - from < 64; i++) {
        const stance_name *o = &l->v[l->by_last[i]];
        if (key_cmp(text, o, text + nm->last, nm->last_end - nm->last) != 0)
            break;
        if (o->start > e && o->ntok >= nm->ntok)
            return 1;
    }
    return 0;
}

static int not_fuller(const stance_namelist *l, const char *text, size_t len, size_t from, const stance_name *nm,
                      int fn, unsigned want)
{
    if (headline_only_run(l, text, len, from, nm))
        return 1;
    if (glued_word_run(l, text, len, nm))
        return fn || nm->ntok - 1 <= want || stance_names_unglued(text, len, nm->bare, nm->last_end) == nm->bare;
    return (fn && !opens_first_name(text, nm)) || glued_before_run(l, text, from, nm);
}

long stance_names_canonical(const stance_namelist *l, const char *text, size_t len, size_t s, size_t e, size_t last,
                            int g, size_t pos)
{
    size_t lo = 0, hi = l->n, blen = e - s, from;
    const char *k = text + last;
    size_t kn = e - last;
    unsigned want;
    int fn = 0;
    long best = -1, near = -1;
    {
        size_t a = s, b = e, lt;
        want = stance_names_bare(text, &a, &b, &lt);
    }
    if (!l->n)
        return -1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (key_cmp(text, &l->v[l->by_last[mid]], k, kn) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* A run opening with a first name is the fuller form when there is one:
     * a word glued before the name that the text never writes in lowercase
     * ("Understated Perez" beside "Thomas Perez") is not. */
    for (size_t i = from = lo, seen = 0; i < l->n && seen < 64 && !fn; i++, seen++) {
        const stance_name *nm = &l->v[l->by_last[i]];
        if (key_cmp(text, nm, k, kn) != 0 || nm->ntok <= want)
            break;
        fn = fits_mention(text, nm, s, blen, g) && opens_first_name(text, nm);
    }
    /* Candidates with this surname, most tokens first, then in text order. */
    for (size_t i = from, seen = 0; i < l->n && seen < 64; i++, seen++) {
        const stance_name *nm = &l->v[l->by_last[i]];
        if (key_cmp(text, nm, k, kn) != 0 || nm->ntok <= want)
            break;
        if (!fits_mention(text, nm, s, blen, g) || not_fuller(l, text, len, from, nm, fn, want))
            continue;
        if (g == STANCE_G_UNKNOWN)
            return (long)l->by_last[i];
        if (best < 0)
            best = (long)l->by_last[i];
        if (nm->start < pos && (near < 0 || nm->start > l->v[near].start))
            near = (long)l->by_last[i];
    }
    if (best < 0 || near < 0 || same_first(text, &l->v[best], &l->v[near]))
        return best;
    /* Two people of that gender ("Mr. Clinton" beside Bill and Roger Clinton):
     * the one named nearest before, by the fullest run with its first name. */
    for (size_t i = from, seen = 0; i < l->n && seen < 64; i++, seen++) {
        const stance_name *nm = &l->v[l->by_last[i]];
        if (key_cmp(text, nm, k, kn) != 0)
            break;
        if (fits_mention(text, nm, s, blen, g) && same_first(text, nm, &l->v[near]) &&
            !not_fuller(l, text, len, from, nm, fn, want))
            return (long)l->by_last[i];
    }
    return near;
}

/* Is one-word run @p nm a name an editor put in square brackets inside a
 * quotation ("maybe Chuck [Todd] didn't ask me", "with Newt [Gingrich]",
 * "[Comey] said"), or a surname after a bracketed first name ("with [Bob]
 * Corker")? The editor names whom the speaker meant: evidence of an actor
 * even once. */
int stance_names_bracketed(const char *t, size_t len, const stance_name *nm)
{
    size_t s = nm->bare, e = nm->last_end, k;
    if (nm->ntok != 1)
        return 0;
    if (s > 0 && t[s - 1] == '[' && e < len && t[e] == ']') /* not "[Bob]" of "[Bob] Corker" */
        return !(e + 2 < len && t[e + 1] == ' ' && (unsigned)(t[e + 2] - 'A') < 26u &&
                 stance_names_is_first_name(t + s, e - s));
    if (s < 3 || t[s - 1] != ' ' || t[s - 2] != ']')
        return 0;
    for (k = s - 2; k > 0 && t[k - 1] != '[' && s - k < 24; k--)
        if (t[k - 1] == ' ')
            return 0;
    return k > 0 && t[k - 1] == '[' && stance_names_is_first_name(t + k, s - 2 - k);
}
