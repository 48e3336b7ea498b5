/*
 * mentions_kind.c - an organisation referred to by its kind (issue #19, org3).
 *
 * An article names "Pellmark Foods" in full once and then writes "the
 * company"; "Brewery and Beverage Workers Local 61" and then "the union";
 * "Skylane Air" and "the airline". The org-head rule (mentions.c) links
 * "the X" only when X is the name's own head ("the board" for "Transport
 * Consumer Board"); this pass links the kind's nouns.
 *
 * An organisation's kinds come from its name's words (stance_org_name_kind():
 * the head, its last word or the word before "of", from a table of company,
 * union, hospital, ... words; "Local 61", "Workers", "Teamsters", "Guild",
 * "Brotherhood" anywhere make a union, and so does an "Association" or
 * "Federation" head with a labour word ("Merrimont Education Association",
 * "Association of Flight Attendants"; not "National Rifle Association"); the
 * word before an "&" head counts as a head too and makes a firm ("Northline
 * Power & Light" a utility, "Procter & Gamble" a company),
 * "Police" a police force, "Medical Center" a hospital) or from the article's
 * own apposition after a name mention ("Pellmark, the Ohio snack maker,";
 * "Corvane, a logistics company,"). A caller's actor of a gendered first name
 * or a person's actor of known gender has none.
 *
 * "the <kind noun>" (and its synonyms: company, firm, business, maker,
 * retailer, employer ...; union, local; airline, carrier; hospital, clinic;
 * district, school; agency, department; police; bank, lender; utility;
 * council, board, commission, committee, panel) is the organisation of that
 * kind whose name was mentioned last before it, when the choice is clear:
 * it is the only one of the kind named before, or it is named in the
 * sentence of "the <noun>" or the one before and every other one of the kind
 * last before that sentence. Not when a capitalised word follows ("the
 * company Pellmark", "the Union Pacific"), nor "the company that/which/who"
 * (a restrictive clause brings in another), nor "of" after it, nor a
 * lowercase word that makes a compound ("the district attorney", "the
 * union hall"): a lowercase word after it must be a function word, a verb
 * the lexicon knows, end in -ed ("the union voted"), or stand before a
 * determiner or a pronoun ("the company owes these", "the lender gave
 * them"). "management" (lowercase, or opening a sentence) is the article's
 * company when it has exactly one, opening a sentence or after a function
 * word, a reporting or addressing verb of the lexicon, "meet"/"met" or a
 * word in -ed ("the union met management", "workers and management"; not
 * "risk management", "data-management"), and not before "of", a capitalised
 * word or a compound's noun ("management consultant").
 *
 * A one-word or person-like name of no kind gets the company kind from the
 * text: a company's noun after a name mention ("Valeant's stock", "a Carrier
 * executive", "Twitter shares"; the place-like "plant", "factory", "products",
 * "stores" only after "'s": "a Mexico plant"), "shares of"/"a stake in"/"an
 * executive at" before it, a company noun right before it ("retailer
 * Amazon", "oil giant Exxon Mobil"), "Inc."/"Corp." after it. A one-word
 * actor of no known gender, kind or place that the text does not mark so
 * ("Apple", "Facebook") may still be the company meant: named after the
 * company "the company" would take, it leaves "the company" to nobody, as an
 * acronym actor does for any noun; and so does an acronym no actor is ("The
 * FBI, meanwhile, ... The agency") in the noun's sentence or the one before,
 * after the candidate. A name that leads another of the same kind ("Valeant"
 * and "Valeant Pharmaceuticals International") counts as that one.
 *
 * "the companies" (a kind noun's plural) is each of the two or three
 * organisations of that kind named before, when no organisation of unknown
 * kind is named after the first of them ("Pellmark Foods and Corvane
 * Logistics ... the companies").
 *
 * The mentions are titles of rule org-head, as the head rule's are.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "actors.h"
#include "lexicon.h"
#include "mentions.h"
#include "mentions_int.h"
#include "mentions_kind.h"
#include "speaker_names.h"
#include "stance_internal.h"

#define KIND_MAXWORD 15 /* the longest word of the tables below, in bytes */
#define APPOS_WORDS 5
#define UNKNOWN_KIND (1u << 31) /* ent_kind(): an actor that is no person, of no kind we know ("Apple", "FBI") */
#define WEAK_KIND (1u << 30)    /* ent_kind(): a one-word actor of no known gender nor kind: a company may be it */

typedef struct kword {
    const char *w;
    unsigned kind;
} kword;

#define CO STANCE_OK_COMPANY
/* A name's head word (as written, a final period dropped), sorted by bytes. */
static const kword name_words[] = {
    {"Academy", STANCE_OK_SCHOOL},
    {"Agency", STANCE_OK_AGENCY},
    {"Air", STANCE_OK_AIRLINE | CO},
    {"Airline", STANCE_OK_AIRLINE | CO},
    {"Airlines", STANCE_OK_AIRLINE | CO},
    {"Airways", STANCE_OK_AIRLINE | CO},
    {"Apparel", CO},
    {"Bancorp", STANCE_OK_BANK | CO},
    {"Bank", STANCE_OK_BANK | CO},
    {"Board", STANCE_OK_COUNCIL},
    {"Brands", CO},
    {"Brewery", CO},
    {"Brewing", CO},
    {"Bureau", STANCE_OK_AGENCY},
    {"Chemicals", CO},
    {"City", STANCE_OK_PLACE},
    {"Clinic", STANCE_OK_HOSPITAL},
    {"Co", CO},
    {"Commission", STANCE_OK_AGENCY},
    {"Committee", STANCE_OK_COMMITTEE},
    {"Company", CO},
    {"Construction", CO},
    {"Corp", CO},
    {"Corporation", CO},
    {"Council", STANCE_OK_COUNCIL},
    {"County", STANCE_OK_PLACE},
    {"Daily", STANCE_OK_NEWSPAPER},
    {"Dairy", CO},
    {"Department", STANCE_OK_AGENCY},
    {"Electric", STANCE_OK_UTILITY | CO},
    {"Energy", STANCE_OK_UTILITY | CO},
    {"Enterprises", CO},
    {"Farms", CO},
    {"Financial", STANCE_OK_BANK | CO},
    {"Foods", CO},
    {"Gazette", STANCE_OK_NEWSPAPER},
    {"Group", CO},
    {"Herald", STANCE_OK_NEWSPAPER},
    {"Holdings", CO},
    {"Hospital", STANCE_OK_HOSPITAL},
    {"Hotels", CO},
    {"Inc", CO},
    {"Industries", CO},
    {"Insurance", CO},
    {"Investments", CO},
    {"Journal", STANCE_OK_NEWSPAPER},
    {"Kingdom", STANCE_OK_PLACE},
    {"LLC", CO},
    {"Laboratories", CO},
    {"Labs", CO},
    {"Limited", CO},
    {"Logistics", CO},
    {"Ltd", CO},
    {"Magazine", STANCE_OK_NEWSPAPER},
    {"Manufacturing", CO},
    {"Markets", CO},
    {"Mills", CO},
    {"Mining", CO},
    {"Monitor", STANCE_OK_NEWSPAPER},
    {"Motors", CO},
    {"Network", STANCE_OK_NETWORK},
    {"News", STANCE_OK_NEWSPAPER | STANCE_OK_NETWORK},
    {"Partners", CO},
    {"Pharmaceuticals", CO},
    {"Police", STANCE_OK_POLICE},
    {"Post", STANCE_OK_NEWSPAPER},
    {"Power", STANCE_OK_UTILITY | CO},
    {"Press", STANCE_OK_NEWSPAPER},
    {"Properties", CO},
    {"Railroad", CO},
    {"Railways", CO},
    {"Republic", STANCE_OK_PLACE},
    {"Reuters", STANCE_OK_NEWSPAPER | STANCE_OK_NETWORK},
    {"Review", STANCE_OK_NEWSPAPER},
    {"Schools", STANCE_OK_SCHOOL},
    {"Software", CO},
    {"Solutions", CO},
    {"States", STANCE_OK_PLACE},
    {"Steel", CO},
    {"Stores", CO},
    {"Supermarkets", CO},
    {"Systems", CO},
    {"Technologies", CO},
    {"Times", STANCE_OK_NEWSPAPER},
    {"Today", STANCE_OK_NEWSPAPER | STANCE_OK_NETWORK},
    {"Town", STANCE_OK_PLACE},
    {"Township", STANCE_OK_PLACE},
    {"Tribune", STANCE_OK_NEWSPAPER},
    {"Union", STANCE_OK_UNION},
    {"Utilities", STANCE_OK_UTILITY | CO},
    {"Ventures", CO},
    {"Village", STANCE_OK_PLACE},
    {"Weekly", STANCE_OK_NEWSPAPER},
};

/* A lowercase noun "the" may stand before, sorted by bytes. */
static const kword nouns[] = {
    {"agency", STANCE_OK_AGENCY},
    {"airline", STANCE_OK_AIRLINE},
    {"automaker", CO},
    {"bank", STANCE_OK_BANK},
    {"board", STANCE_OK_COUNCIL},
    {"brewer", CO},
    {"broadcaster", STANCE_OK_NETWORK},
    {"business", CO},
    {"carmaker", CO},
    {"carrier", STANCE_OK_AIRLINE},
    {"clinic", STANCE_OK_HOSPITAL},
    {"committee", STANCE_OK_COMMITTEE},
    {"company", CO},
    {"council", STANCE_OK_COUNCIL},
    {"department", STANCE_OK_AGENCY | STANCE_OK_POLICE},
    {"district", STANCE_OK_SCHOOL},
    {"employer", CO},
    {"firm", CO},
    {"grocer", CO},
    {"hospital", STANCE_OK_HOSPITAL},
    {"insurer", CO},
    {"lender", STANCE_OK_BANK},
    {"local", STANCE_OK_UNION},
    {"magazine", STANCE_OK_NEWSPAPER},
    {"maker", CO},
    {"manufacturer", CO},
    {"network", STANCE_OK_NETWORK},
    {"newspaper", STANCE_OK_NEWSPAPER},
    {"outlet", STANCE_OK_NEWSPAPER | STANCE_OK_NETWORK},
    {"panel", STANCE_OK_COMMITTEE},
    {"police", STANCE_OK_POLICE},
    {"retailer", CO},
    {"school", STANCE_OK_SCHOOL},
    {"supplier", CO},
    {"union", STANCE_OK_UNION},
    {"utility", STANCE_OK_UTILITY},
};
#undef CO

static unsigned lookup(const kword *v, size_t n, const char *w, size_t wl)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2, ml = strlen(v[mid].w);
        int c = memcmp(v[mid].w, w, ml < wl ? ml : wl);
        if (!c)
            c = ml < wl ? -1 : ml > wl;
        if (!c)
            return v[mid].kind;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* lookup() of the word t[ws, we), ASCII case folded (none of a non-ASCII word). */
static unsigned lookup_lower(const kword *v, size_t n, const char *t, size_t ws, size_t we)
{
    char b[KIND_MAXWORD + 1];
    if (we - ws > KIND_MAXWORD || !stance_mentions_lower(t, ws, we, b, sizeof b))
        return 0;
    return lookup(v, n, b, we - ws);
}

unsigned stance_org_noun_kind(const char *t, size_t ws, size_t we)
{
    return lookup_lower(nouns, sizeof nouns / sizeof nouns[0], t, ws, we);
}

int stance_org_kinds_fit(unsigned nk, const char *name, size_t n)
{
    unsigned k;
    nk &= ~(STANCE_OK_COUNCIL | STANCE_OK_COMMITTEE | STANCE_OK_AGENCY);
    return !nk || !(k = stance_org_name_kind(name, n)) || (nk & k);
}

/* Is t[ws, we) all digits ("61" of "Local 61")? */
static int digits(const char *t, size_t ws, size_t we)
{
    for (size_t i = ws; i < we; i++)
        if (t[i] < '0' || t[i] > '9')
            return 0;
    return we > ws;
}

/* Is t[ws, we) a word that makes a union of a name ending in "Association",
 * "Federation" ("Merrimont Education Association", "Association of Flight
 * Attendants", "American Federation of Teachers")? */
static int labor_word(const char *t, size_t ws, size_t we)
{
    static const char *const w[] = {"attendants", "education", "educators", "employees", "nurses",
                                    "pilots",     "teachers",  "workers"};
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        if (stance_word_is(t, ws, we, w[i]))
            return 1;
    return 0;
}

/* Is there an "&" between t[a] and t[b] ("Power & Light")? */
static int amp_between(const char *t, size_t a, size_t b)
{
    return b > a && memchr(t + a, '&', b - a) != NULL;
}

unsigned stance_org_name_kind(const char *name, size_t n)
{
    size_t ws = 0, we = 0, hs = 0, he = 0, ps = 0, pe = 0, as = 0, ae = 0;
    unsigned k = 0, words = 0;
    int head_fixed = 0, labor = 0;
    while (stance_name_word_after(name, n, we, &ws, &we)) {
        char c = (char)(name[ws] | 0x20);
        labor |= labor_word(name, ws, we);
        if (c != 'w' && c != 't' && c != 'd' && c != 'p' && c != 'c' && c != 'o' && c != 'f' && c != 's' &&
            c != 'g' && c != 'b' && !digits(name, ws, we))
            ; /* (a cheap "none of the words below") */
        else if (stance_word_is(name, ws, we, "workers") || stance_word_is(name, ws, we, "teamsters") ||
                 stance_word_is(name, ws, we, "steelworkers") || stance_word_is(name, ws, we, "guild") ||
                 stance_word_is(name, ws, we, "brotherhood") ||
                 (stance_word_is(name, ps, pe, "local") && words && digits(name, ws, we)))
            k |= STANCE_OK_UNION;
        else if (stance_word_is(name, ws, we, "police") || (stance_word_is(name, ps, pe, "sheriff") && words))
            k |= STANCE_OK_POLICE;
        else if (stance_word_is(name, ws, we, "center") && words && stance_word_is(name, ps, pe, "medical"))
            k |= STANCE_OK_HOSPITAL;
        else if (stance_word_is(name, ws, we, "district") && words &&
                 (stance_word_is(name, ps, pe, "school") || stance_word_is(name, ps, pe, "unified")))
            k |= STANCE_OK_SCHOOL;
        if (!head_fixed && words &&
            (stance_word_is(name, ws, we, "of") || stance_word_is(name, ws, we, "for") || stance_word_is(name, ws, we, "on")))
            head_fixed = 1; /* "Bank of Ashford", "Department of Labor": the word before "of" is the head */
        if (!head_fixed) {
            hs = ws, he = we;
            if (words && amp_between(name, pe, ws))
                as = ps, ae = pe; /* "Northline Power & Light": "Power" is a head too */
            else
                as = ae = 0;
        }
        ps = ws, pe = we, words++;
    }
    if (words < 2 && !k)
        return 0; /* "Pellmark", "Air": one word says no kind */
    if (labor && (stance_word_is(name, hs, he, "association") || stance_word_is(name, hs, he, "federation")))
        k |= STANCE_OK_UNION; /* not "National Rifle Association" */
    if (ae > as) /* "Procter & Gamble", "Power & Light": a firm's name */
        k |= STANCE_OK_COMPANY | lookup(name_words, sizeof name_words / sizeof name_words[0], name + as, ae - as);
    return k | lookup(name_words, sizeof name_words / sizeof name_words[0], name + hs, he - hs);
}

/* May the word after "the <noun>" at t[ns, ne) follow a noun that means the
 * organisation (see the top of the file; not "the district attorney", "the
 * union hall")? */
static int verb_like(const char *t, size_t len, size_t ns, size_t ne)
{
    uint64_t c = stance_lex_classes_lower(t + ns, ne - ns);
    size_t xs, xe;
    if (c & (STANCE_LX(STOP) | STANCE_LX(DET) | STANCE_LX(PREP) | STANCE_LX(CONJ) | STANCE_LX(REL) |
             STANCE_LX(MODAL) | STANCE_LX(NEG) | STANCE_LX(BE_AUX) | STANCE_LX(RV_SAY) | STANCE_LX(RV_ARGUE) |
             STANCE_LX(RV_CRIT) | STANCE_LX(RV_PRAISE) | STANCE_LX(OBJ_VERB) | STANCE_LX(ISSUE_VERB)))
        return 1;
    if (stance_word_is(t, ns, ne, "has") || stance_word_is(t, ns, ne, "had") || stance_word_is(t, ns, ne, "does") ||
        stance_word_is(t, ns, ne, "did") || stance_word_is(t, ns, ne, "is"))
        return 1;
    if (stance_ed_form(t + ns, ne - ns))
        return 1;
    /* a verb before its object: "owes these", "gave them"; not "videos on", "members say", "lawyer to" */
    return stance_word_after(t, len, ne, &xs, &xe) && xs == ne + 1 &&
           (stance_lex_classes_lower(t + xs, xe - xs) & (STANCE_LX(DET) | STANCE_LX(PRONOUN)));
}

/* Does what follows the noun ending at @p we leave "the <noun>" a mention of
 * an organisation named before (see the top of the file)? */
static int noun_ends_phrase(const mstate *m, size_t we)
{
    size_t ns, ne, i = we;
    while (i < m->len && m->t[i] == ' ')
        i++;
    if (i >= m->len || !stance_word_byte(m->t, i, m->len))
        return 1; /* punctuation, a quote mark, "'s", the end */
    if (!stance_word_after(m->t, m->len, we, &ns, &ne) || ns != i)
        return 1;
    if (stance_letter_case(m->t, ns, m->len) > 0 || stance_word_is(m->t, ns, ne, "of") ||
        stance_word_is(m->t, ns, ne, "that") || stance_word_is(m->t, ns, ne, "which") ||
        stance_word_is(m->t, ns, ne, "who"))
        return 0;
    return verb_like(m->t, m->len, ns, ne);
}

/* The kind noun of an apposition right after t[.., end): ", the Ohio snack
 * maker," / ", a logistics company." (at most APPOS_WORDS words after the
 * article, the last the noun, then a comma, a period or the end); 0 for none. */
static unsigned apposed_kind(const mstate *m, size_t end)
{
    size_t ws, we, i = end, ls = 0, le = 0;
    unsigned n = 0;
    if (i >= m->len || m->t[i] != ',' || !stance_word_after(m->t, m->len, i + 1, &ws, &we) || ws != i + 2 ||
        !(stance_lex_rules_lower(m->t + ws, we - ws) & STANCE_LQ(ARTICLE))) /* "the", "a", "an", any case */
        return 0;
    for (i = we; n < APPOS_WORDS && i < m->len && m->t[i] == ' ' && stance_word_after(m->t, m->len, i, &ws, &we) &&
                 ws == i + 1;
         n++)
        ls = ws, le = we, i = we;
    if (!n || (i < m->len && m->t[i] != ',' && m->t[i] != '.') || stance_letter_case(m->t, ls, m->len) > 0)
        return 0;
    return stance_org_noun_kind(m->t, ls, le);
}

/* Is the actor of one word and no known gender an organisation all the same:
 * the article writes it as a thing ("Apple, which") or an acronym ("FBI")? */
static int org_evidence(const stance_ent *e)
{
    size_t n = strlen(e->name), lower = 0;
    for (size_t i = 0; i < n; i++)
        lower += e->name[i] >= 'a' && e->name[i] <= 'z';
    return !memchr(e->name, ' ', n) && (e->nonperson || (n >= 2 && !lower));
}

/* The words company_evidence() reads, sorted by bytes, with what they are there:
 * CW_AFTER, a company's own noun after its name ("a Carrier factory",
 * "Valeant's stock", "Verizon executives"); CW_MOD, one of those a place's
 * name may not modify ("a Mexico plant" is no company's without "'s");
 * CW_NOT, a noun after one of those that makes it no company's ("executive
 * order", "executive board"); CW_BEFORE, before "of"/"at"/"in" and the name
 * ("shares of Valeant", "a stake in Valeant", "an executive at Carrier");
 * CW_SUFFIX, after the name ("Inc.", "Corp.", "Co.", "LLC"). */
enum { CW_AFTER = 1, CW_MOD = 2, CW_NOT = 4, CW_BEFORE = 8, CW_SUFFIX = 16 };
static const kword corp_words[] = {
    {"action", CW_NOT},
    {"board", CW_NOT},
    {"branch", CW_NOT},
    {"co", CW_SUFFIX},
    {"committee", CW_NOT},
    {"corp", CW_SUFFIX},
    {"council", CW_NOT},
    {"customers", CW_AFTER | CW_MOD},
    {"employees", CW_AFTER | CW_MOD | CW_BEFORE},
    {"executive", CW_AFTER | CW_MOD | CW_BEFORE},
    {"executives", CW_AFTER | CW_MOD | CW_BEFORE},
    {"factories", CW_AFTER},
    {"factory", CW_AFTER},
    {"inc", CW_SUFFIX},
    {"llc", CW_SUFFIX},
    {"order", CW_NOT},
    {"orders", CW_NOT},
    {"plant", CW_AFTER},
    {"plants", CW_AFTER},
    {"privilege", CW_NOT},
    {"products", CW_AFTER},
    {"session", CW_NOT},
    {"shareholder", CW_BEFORE},
    {"shareholders", CW_AFTER | CW_MOD},
    {"shares", CW_AFTER | CW_MOD | CW_BEFORE},
    {"stake", CW_BEFORE},
    {"stock", CW_AFTER | CW_MOD},
    {"stores", CW_AFTER},
    {"subsidiaries", CW_AFTER | CW_MOD},
    {"subsidiary", CW_AFTER | CW_MOD},
};

static unsigned corp_word(const char *t, size_t ws, size_t we)
{
    return lookup_lower(corp_words, sizeof corp_words / sizeof corp_words[0], t, ws, we);
}

/* Does the text mark the name mention t[s, e) as a company's: a company's
 * noun after it ("Carrier factory", "Valeant's stock", "Apple's chief
 * executive"; not "executive order"), "shares of"/"a stake in"/"an executive
 * at" before it, a company noun right before it ("retailer Amazon", "oil
 * giant Exxon Mobil"), or "Inc."/"Corp."/"Co." after it? */
static int company_evidence(const mstate *m, size_t s, size_t e)
{
    size_t ws, we, xs, xe, i = e;
    if (stance_possessive_at(m->t, m->len, i))
        i += m->t[i] == '\'' ? 2 : 4;
    if (stance_word_after(m->t, m->len, i, &ws, &we) && ws == i + 1) {
        unsigned cw = corp_word(m->t, ws, we);
        if ((cw & CW_AFTER) && (i > e || (cw & CW_MOD)) &&
            !(stance_word_after(m->t, m->len, we, &xs, &xe) && xs == we + 1 &&
              ((corp_word(m->t, xs, xe) & CW_NOT) ||
               (i == e && (stance_lex_classes_lower(m->t + xs, xe - xs) & (STANCE_LX(DET) | STANCE_LX(PRONOUN)))))))
            return 1; /* not "executive order", "Saudi Arabia shares the" */
        if (stance_word_is(m->t, ws, we, "chief") && stance_word_after(m->t, m->len, we, &xs, &xe) &&
            stance_word_is(m->t, xs, xe, "executive"))
            return 1;
        if (i == e && (cw & CW_SUFFIX))
            return 1;
    }
    if (!stance_word_before(m->t, s, &ws, &we) || we + 1 != s || stance_letter_case(m->t, ws, m->len) > 0)
        return 0;
    if (stance_org_noun_kind(m->t, ws, we) & STANCE_OK_COMPANY || stance_word_is(m->t, ws, we, "giant"))
        return 1;
    if ((stance_word_is(m->t, ws, we, "of") || stance_word_is(m->t, ws, we, "at") || stance_word_is(m->t, ws, we, "in")) &&
        stance_word_before(m->t, ws, &xs, &xe) && xe + 1 == ws &&
        (corp_word(m->t, xs, xe) & CW_BEFORE))
        return 1;
    return 0;
}

/* The kinds of actor @p e: its name's, or an apposition's after one of its
 * name mentions; none for a person (a gendered first name, or known gender). */
static unsigned ent_kind(const mstate *m, const stance_ent *e)
{
    size_t n = strlen(e->name), wl;
    unsigned k;
    if (e->gender != STANCE_G_UNKNOWN)
        return 0;
    k = stance_ent_has_facts(e) ? e->facts.kind : stance_org_name_kind(e->name, n);
    if (!k) {
        /* (the word first: wl is set by stance_last_word(), and C leaves the order of a call's arguments open) */
        const char *last = stance_last_word(e->name, n, &wl);
        if (stance_lex_is(last, wl, STANCE_LX(PLACE) | STANCE_LX(DEMONYM)))
            k = STANCE_OK_PLACE; /* "Maryland", "New Hampshire" */
    }
    if (!k && (memchr(e->name, ' ', n) ? !stance_ent_name_person(e)
                                       : stance_lex_classes_lower(e->name, n) & STANCE_LX(NONPERSON_LAST)))
        k = STANCE_OK_OTHER; /* "Democratic Party", "Brookings Institution", "Congress": none of these kinds */
    for (size_t j = 0; !k && j < e->n_mentions && j < 8; j++)
        k = apposed_kind(m, e->mentions[j].end);
    for (size_t j = 0; !k && j < e->n_mentions && j < 32; j++)
        if (e->kinds[j] != STANCE_MK_SURNAME && company_evidence(m, e->mentions[j].start, e->mentions[j].end))
            k = STANCE_OK_COMPANY; /* "Valeant's stock", "a Carrier executive", "retailer Amazon" */
    if (!k && !memchr(e->name, ' ', n) && !e->place && !org_evidence(e))
        return WEAK_KIND;
    return k ? k : org_evidence(e) ? UNKNOWN_KIND : 0;
}

/* Has any actor a mention that starts at @p s already (another rule's)? */
static int taken(const mstate *m, size_t s)
{
    for (size_t i = 0; i < m->ents->n; i++) {
        const stance_ent *e = &m->ents->e[i];
        for (size_t k = e->n_more; k-- > 0;)
            if (e->more[k].span.start == s)
                return 1;
    }
    return 0;
}

/* The latest name mention of @p e before @p pos, or SIZE_MAX. */
static size_t last_before(const stance_ent *e, size_t pos)
{
    size_t lo = stance_first_at_or_after(e->mentions, e->n_mentions, sizeof *e->mentions, offsetof(stance_span, start),
                                         pos);
    return lo ? e->mentions[lo - 1].start : SIZE_MAX;
}

/* Is @p a the leading word(s) of @p b ("G-III" of "G-III Apparel Group")? */
static int leading_words(const char *a, const char *b)
{
    size_t n = strlen(a);
    return strncmp(a, b, n) == 0 && b[n] == ' ';
}

/* Does any actor have a name mention that covers t[s]? */
static int covered(const mstate *m, size_t s)
{
    for (size_t i = 0; i < m->ents->n; i++) {
        const stance_ent *e = &m->ents->e[i];
        size_t lo = stance_first_at_or_after(e->mentions, e->n_mentions, sizeof *e->mentions,
                                             offsetof(stance_span, start), s + 1);
        if (lo && e->mentions[lo - 1].end > s)
            return 1;
    }
    return 0;
}

/* Is t[ws, we) a word of 2-5 capitals, no Roman numeral ("FBI", "IBM"; not
 * "III")? */
static int all_caps(const char *t, size_t ws, size_t we)
{
    int roman = 1;
    if (we - ws < 2 || we - ws > 5)
        return 0;
    for (size_t i = ws; i < we; i++) {
        if (t[i] < 'A' || t[i] > 'Z')
            return 0;
        roman &= t[i] == 'I' || t[i] == 'V' || t[i] == 'X';
    }
    return !roman; /* "III" of "G-III" */
}

/* An organisation no actor is, named by its acronym in t[from, to) ("The
 * FBI, meanwhile, ... The agency"): it may be the one "the <noun>" means.
 * Not a word of a run of capitals (a headline), nor a place's ("U.S."), nor
 * one an actor's name mention covers. */
static int acronym_between(const mstate *m, size_t from, size_t to)
{
    size_t ws, we, pos = from, ps = 0, pe = 0;
    while (pos < to && stance_word_after(m->t, to, pos, &ws, &we)) {
        size_t xs, xe;
        if (all_caps(m->t, ws, we) && !(pe > ps && all_caps(m->t, ps, pe)) &&
            !(stance_word_after(m->t, to, we, &xs, &xe) && all_caps(m->t, xs, xe)) &&
            !stance_lex_in_rules(m->t + ws, we - ws, STANCE_LQ(PLACE_FIRST)) && !covered(m, ws))
            return 1;
        ps = ws, pe = we, pos = we;
        while (pos < to && !stance_word_byte(m->t, pos, to))
            pos++;
    }
    return 0;
}

/* Actor @p i of kind @p want as one with those of the kind its name is the
 * leading words of ("Valeant", "G-III") and that lead its own: 0 when it is
 * such a shorter name itself, else 1 with @p at moved to the latest name
 * mention of its shorter names before @p pos when later. */
static int folded_at(const mstate *m, const unsigned *kinds, unsigned want, size_t i, size_t pos, size_t *at)
{
    for (size_t j = 0; j < m->ents->n; j++) {
        size_t aj;
        if (j == i || !(kinds[j] & want))
            continue;
        if (leading_words(m->ents->e[i].name, m->ents->e[j].name))
            return 0;
        if (leading_words(m->ents->e[j].name, m->ents->e[i].name) &&
            (aj = last_before(&m->ents->e[j], pos)) != SIZE_MAX && aj > *at)
            *at = aj;
    }
    return 1;
}

/* The actor of kind @p want that "the <noun>" at @p pos means, or -1 (see the top). */
static long pick(const mstate *m, const unsigned *kinds, unsigned want, size_t pos)
{
    long best = -1;
    size_t best_at = 0, second_at = SIZE_MAX, unknown_at = SIZE_MAX, unknown = 0, floor;
    for (size_t i = 0; i < m->ents->n; i++) {
        size_t at;
        unsigned k = kinds[i] & WEAK_KIND && want & STANCE_OK_COMPANY ? UNKNOWN_KIND : kinds[i] & ~WEAK_KIND;
        if (!(k & (want | UNKNOWN_KIND)) || (at = last_before(&m->ents->e[i], pos)) == SIZE_MAX)
            continue;
        if (k & UNKNOWN_KIND) { /* an organisation of no known kind named last: it may be the one */
            if (unknown_at == SIZE_MAX || at > unknown_at)
                unknown_at = at, unknown = i;
            continue;
        }
        if (!folded_at(m, kinds, want, i, pos, &at))
            continue; /* "G-III" of "G-III Apparel Group": counted as that one */
        if (best < 0 || at > best_at) {
            second_at = best < 0 ? SIZE_MAX : best_at;
            best = (long)i, best_at = at;
        } else if (second_at == SIZE_MAX || at > second_at)
            second_at = at;
    }
    if (best < 0 || (unknown_at != SIZE_MAX && unknown_at > best_at &&
                     !leading_words(m->ents->e[unknown].name, m->ents->e[best].name)))
        return -1; /* (not "G-III" of "G-III Apparel Group") */
    floor = stance_sent_start(m->t, pos, 0);
    floor = floor ? stance_sent_start(m->t, floor - 1, 0) : 0; /* the sentence before */
    if (acronym_between(m, best_at > floor ? best_at : floor, pos))
        return -1;
    if (second_at == SIZE_MAX)
        return best;
    return best_at >= floor && second_at < stance_sent_start(m->t, best_at, 0) && second_at < floor ? best : -1;
}

/* Does "the" at @p ws open an apposition to the name before it ("CrowdStrike,
 * the firm the party hired")? It describes that one. */
static int apposition(const mstate *m, size_t ws)
{
    size_t ps, pe;
    return ws >= 2 && m->t[ws - 1] == ' ' && m->t[ws - 2] == ',' && stance_word_before(m->t, ws - 2, &ps, &pe) &&
           pe == ws - 2 && stance_letter_case(m->t, ps, m->len) > 0;
}

/* The article's one company, or -1 (none, several). */
static long one_company(const mstate *m, const unsigned *kinds)
{
    long found = -1;
    for (size_t i = 0; i < m->ents->n; i++)
        if ((kinds[i] & STANCE_OK_COMPANY) && m->ents->e[i].n_mentions) {
            if (found >= 0)
                return -1;
            found = (long)i;
        }
    return found;
}

/* "management" at t[ws, we) as the company's (see the top). */
static int management_at(const mstate *m, size_t ws, size_t we)
{
    size_t ps, pe;
    if ((m->t[ws] == 'M' && stance_sent_start(m->t, ws, 0) != ws) || (ws && m->t[ws - 1] == '-') ||
        !noun_ends_phrase(m, we))
        return 0; /* "data-management", "management of", "management consultant" */
    if (!stance_word_before(m->t, ws, &ps, &pe) || stance_sent_start(m->t, ws, 0) == ws)
        return 1;
    if (pe + 1 != ws)
        return 0;
    if (stance_lex_classes_lower(m->t + ps, pe - ps) &
        (STANCE_LX(DET) | STANCE_LX(PREP) | STANCE_LX(CONJ) | STANCE_LX(PRONOUN) | STANCE_LX(RV_SAY) |
         STANCE_LX(RV_ARGUE) | STANCE_LX(RV_CRIT) | STANCE_LX(RV_PRAISE) | STANCE_LX(ADDRESS_CUE) | STANCE_LX(EVAL_VERB)))
        return 1; /* "the", "its", "and", "with", "between", "told", "blamed" */
    return stance_word_is(m->t, ps, pe, "meet") || stance_word_is(m->t, ps, pe, "met") ||
           stance_ed_form(m->t + ps, pe - ps); /* not "risk management" */
}

/* The kind of a plural noun t[ws, we) ("companies", "unions", "airlines"),
 * or 0. */
static unsigned plural_kind(const char *t, size_t ws, size_t we)
{
    char b[KIND_MAXWORD + 2];
    size_t n = we - ws;
    if (n < 5 || n > KIND_MAXWORD + 1 || t[we - 1] != 's' || !stance_mentions_lower(t, ws, we, b, sizeof b))
        return 0;
    if (n > 5 && b[n - 3] == 'i' && b[n - 2] == 'e')
        return b[n - 3] = 'y', lookup(nouns, sizeof nouns / sizeof nouns[0], b, n - 2); /* "companies" */
    return lookup(nouns, sizeof nouns / sizeof nouns[0], b, n - 1);
}

/* "the companies" at t[ws, we): a title mention of each actor of kind
 * @p want named before, when they are two or three and no organisation of
 * unknown kind is named after the first of them. 1 when out of memory. */
static int each_of_kind(mstate *m, const unsigned *kinds, unsigned want, size_t ws, size_t we)
{
    size_t n = 0, first = SIZE_MAX, unknown = 0;
    for (size_t i = 0; i < m->ents->n; i++) {
        size_t at = last_before(&m->ents->e[i], ws);
        if (at == SIZE_MAX)
            continue;
        if (kinds[i] & want)
            n++, first = at < first ? at : first;
        else if (kinds[i] & UNKNOWN_KIND || (kinds[i] & WEAK_KIND && want & STANCE_OK_COMPANY))
            unknown = at > unknown ? at : unknown;
    }
    if (n < 2 || n > 3 || unknown > first)
        return 0;
    for (size_t i = 0; i < m->ents->n; i++)
        if ((kinds[i] & want) && last_before(&m->ents->e[i], ws) != SIZE_MAX &&
            stance_mentions_add(&m->ents->e[i], ws, we, STANCE_MK_TITLE, STANCE_MR_ORG_HEAD))
            return 1;
    return 0;
}

/* The first "he " at or after t[pos] that starts before @p end (end + 3 <= the
 * text's length), or NULL: 16 bytes at a time where SSE2 is. */
static const char *he_space(const char *t, size_t pos, size_t end)
{
#if defined(__SSE2__)
    const __m128i h = _mm_set1_epi8('h'), e = _mm_set1_epi8('e'), sp = _mm_set1_epi8(' ');
    for (; pos + 16 <= end; pos += 16) {
        __m128i a = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(t + pos)), h);
        __m128i b = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(t + pos + 1)), e);
        __m128i c = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(t + pos + 2)), sp);
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_and_si128(a, _mm_and_si128(b, c)));
        if (mask)
            return t + pos + (size_t)__builtin_ctz(mask);
    }
#endif
    for (; pos < end; pos++)
        if (t[pos] == 'h' && t[pos + 1] == 'e' && t[pos + 2] == ' ')
            return t + pos;
    return NULL;
}

/* Every "the <kind noun>" and "management" of the text (see the top). */
static int scan(mstate *m, const unsigned *kinds, unsigned any)
{
    const char *t = m->t, *hit;
    long company = any & STANCE_OK_COMPANY ? one_company(m, kinds) : -1;
    /* "the"/"The" and a lowercase word: found by its "h" (most words are no "the"; no word walk) */
    for (size_t pos = 1; pos + 4 < m->len && (hit = he_space(t, pos, m->len - 4)) != NULL;) {
        size_t ws = (size_t)(hit - t) - 1, ns = ws + 4, ne;
        unsigned want;
        long org;
        pos = ws + 2;
        if (hit[1] != 'e' || hit[2] != ' ' || (t[ws] != 't' && t[ws] != 'T') || t[ns] < 'a' || t[ns] > 'z' ||
            (ws && stance_word_byte(t, ws - 1, m->len)))
            continue;
        ne = stance_word_end(t, ns, m->len, m->len);
        if ((want = plural_kind(t, ns, ne) & any) != 0) {
            if (noun_ends_phrase(m, ne) && !apposition(m, ws) && !taken(m, ws) && each_of_kind(m, kinds, want, ws, ne))
                return STANCE_ERR_NOMEM;
            continue;
        }
        if (!(want = stance_org_noun_kind(t, ns, ne) & any) || !noun_ends_phrase(m, ne) || apposition(m, ws) ||
            (org = pick(m, kinds, want, ws)) < 0 || taken(m, ws))
            continue;
        if (stance_mentions_add(&m->ents->e[org], ws, ne, STANCE_MK_TITLE, STANCE_MR_ORG_HEAD))
            return STANCE_ERR_NOMEM;
        pos = ne;
    }
    for (size_t pos = 0; company >= 0 && pos + 10 <= m->len &&
                         (hit = memmem(t + pos, m->len - pos, "anagement", 9)) != NULL;) {
        size_t ws = (size_t)(hit - t) - (hit > t), we = ws + 10;
        pos = (size_t)(hit - t) + 9;
        if (hit == t || (t[ws] != 'm' && t[ws] != 'M') || (ws && stance_word_byte(t, ws - 1, m->len)) ||
            (we < m->len && stance_word_byte(t, we, m->len)) || !management_at(m, ws, we) || taken(m, ws))
            continue;
        if (stance_mentions_add(&m->ents->e[company], ws, we, STANCE_MK_TITLE, STANCE_MR_ORG_HEAD))
            return STANCE_ERR_NOMEM;
    }
    return STANCE_OK;
}

int stance_mentions_org_kinds(mstate *m)
{
    unsigned *kinds, any = 0;
    int rc;
    if (!(kinds = stance_calloc(m->ents->n, sizeof *kinds)))
        return STANCE_ERR_NOMEM;
    for (size_t i = 0; i < m->ents->n; i++)
        any |= kinds[i] = ent_kind(m, &m->ents->e[i]);
    any &= ~(UNKNOWN_KIND | WEAK_KIND);
    rc = any ? scan(m, kinds, any) : STANCE_OK;
    stance_free(kinds);
    return rc;
}
