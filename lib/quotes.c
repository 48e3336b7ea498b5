/*
 * quotes.c - direct, partial and indirect quotes and their speakers.
 *
 * The text is scanned once, left to right, pairing quote marks per paragraph:
 * curly marks by their shape, straight marks by what flanks them, marks of the
 * other family inside an open quote as a nested quote, a mark between spaces as
 * no mark at all. A paragraph left open and continued by one that opens with a
 * mark is one quote (unless that open part was the second half of a quote split
 * by its attribution, or the next paragraph starts with a transcript label).
 *
 * Every quote is then looked at through a few PCRE2 patterns, each anchored at
 * the quote and bounded to a window of a few hundred bytes, so the extraction
 * stays linear in the input: no pattern ever spans the document, and a PCRE2
 * limit only costs that one attribution. The reporting-verb lists are compiled
 * into alternations factored by first letter when the model is opened.
 *
 * A quote is direct when it stands as a sentence of its own (it opens a
 * paragraph or sentence, follows a colon, or follows "X said,") and the
 * sentence does not go on after it; otherwise it is partial and needs a
 * reporting verb in its sentence. Speakers come, most reliable first, from the
 * attribution after the quote ("...," X said / said X / X, ROLE, said / - X),
 * the clause before it (X said: / according to X, / X, a role, told Y: /
 * a participle taking its sentence's subject), a transcript label, a
 * colon-ended paragraph or an attribution sentence just before it, and finally
 * the neighbouring quotes of the same or the previous paragraph. Pronouns
 * resolve to an earlier name outside quotes, of a compatible gender, preferring
 * one in subject position; names become the longest form the article uses.
 * Every word list (titles, function words, first names, and the lists of the
 * rules here, STANCE_LQ_*) is a class of lib/lexicon.def.
 */
#include "config.h"

#include <string.h>

#include "lexicon.h"
#include "quotes.h"
#include "tokens.h"

/* ---- patterns ---------------------------------------------------------- */

#define HS "[ \\x{A0}]"
/* Abbreviations a noun phrase may hold ("Sen. Jane Roe"); the lookahead on
 * their first letters lets every other character skip the alternation. */
#define ABBRQ                                                                                                      \
    "(?=[ACDGHIJLMNPRSTv])(?:Sens?|Reps?|Gov|Mrs|Mr|Ms|Dr|Gens?|Lt|Col|Rev|Sgt|Adm|Capt|Prof|Maj|Cmdr|Jr|Sr|St|"   \
    "Atty|Supt|Rt|Hon|Inc|Corp|Co|No|vs|Del)\\."
/* A character of a noun phrase: no line break, quote mark or sentence end. */
/* (and a nickname in marks inside a name: 'Marcia "Cia" Price') */
#define NPCH                                                                                                       \
    "(?:" ABBRQ "|\\p{Lu}\\.|[^\\n\"\\x{201C}\\x{201D}\\x{201E};.!?]|\\.(?=[^\\s])|"                                \
    "[\"\\x{201C}](?<=\\p{Ll} .)\\p{Lu}[\\p{Ll}.]{1,20}[\"\\x{201D}](?= \\p{Lu}))"

#define VERB_CORE                                                                                                  \
    "said|says|say|saying|added|adds|adding|told|tells|telling|wrote|writes|writing|asked|asks|asking|"          \
    "continued|continues|tweeted|tweets|replied|replies|responded|responds|explained|explains|declared|"        \
    "declares|stated|concluded|concludes|noted|notes|noting|remarked|admitted|admits|"           \
    "answered|argued|argues|arguing|insisted|insists|insisting|warned|warns|warning|shouted|shouts|"    \
    "yelled|yells|chanted|urged|urges|joked|jokes|charged|recalled|recalls|recalling|acknowledged|claimed|"     \
    "claiming|countered|counters|conceded|observed|quipped|cautioned|predicted|promised|vowed|"          \
    "announced|announces|complained|complains|suggested|suggests|pointed out|went on|goes on|shot back|"        \
    "read|reads|posted|emailed|texted|testified|recounted|mused|boasted|bragged|lamented|scoffed|sighed|"       \
    "cried|screamed|exclaimed|whispered|commented|reported|reports|wondered|thundered|pleaded|demanded|"        \
    "stressed|emphasized|emphasised|maintained|protested|agreed|objected|interjected|repeated|opined|"          \
    "affirmed|confirmed|contended|asserted|alleged|blasted|fumed|proclaimed|pledged|sang|sings|"                \
    "captioned|put it|puts it|retorted|snapped|explained|tweeted|wrote|writes|posted|adds|told|asserts|insists|"        \
    "acknowledges|concedes|recalled|responded|echoed|begged|pleaded|reiterated|advised|conceded|joked|"         \
    "declared|wrote|elaborated|clarified|announced|cheered|chimed in|shouted|bellowed|marveled|marvelled|"      \
    "complained|groused|griped|noted|observes|offered|ventured|speculated|summed up|summarized|surmised|"     \
    "laughed|smiled|grinned|sneered|mocked|mocks|barked|boomed|beamed|gushed|raved|"        \
    "crowed|hollered|roared|began|started|intoned|confessed|confided|reasoned|posited|pressed|challenged|"    \
    "interrupted|fired back|added later|wondered aloud|tweets|shrugged|nodded|laments|muses|recalls|"          \
    "acknowledges|concedes|contends|maintains|cautions|predicts|stresses|emphasizes|explains|jokes|warns|"     \
    "writes in|argues|counters|replies|responds|agrees|boasts|complains|declares|exclaims|insists|"           \
    "assured|assures|write|argue|note|add|tell|insist|warn|conclude|explain|contend|assert|acknowledge|"      \
    "admit|recall|predict|came the reply|quipped|reacted|exhorted|questioned|points out|"        \
    "affirms|chanting|remembered|retaliated|tweeting|yelling|shouting"
#define VERB_PARTIAL                                                                                               \
    VERB_CORE "|called|calls|calling|described|describes|describing|likened|likens|dubbed|dubs|labeled|"        \
              "labelled|labels|termed|terms|referred to|refers to|referring to|branded|brands|accused|accuses|" \
              "accusing|blamed|blames|praised|praises|criticized|criticizes|denounced|slammed|slams|"          \
              "characterized|characterizes|deemed|deems|considered|considers|believes|believed|thinks|"        \
              "thought|promising|vowing|pledging|predicting|blasting|decried|decries|derided|derides|"          \
              "mocked|mocks|attacked|attacks|hailed|hails|touted|touts|promised|promises|vowed|vows|"           \
              "pledged|pledges|cited|cites|citing|invoked|invokes|condemned|condemns|lauded|lauds|"            \
              "warned|warns|insisted|insists|argued|argues|framed|frames|declared|declaring|describing|"       \
              "dismissed|dismisses|defended|defends|questioned|questions|urged|urging|expressed|"              \
              "expresses|wants|wanted|hopes|hoped|vowing|asked|asking|told|telling|tweeted|tweeting|"         \
              "wrote|writing|referencing|referenced|mentioned|mentions|admitted|suggested|suggesting|"         \
              "added|adding|noted|noting|said|says|saying|claimed|claiming|announced|announcing"
#define ADV                                                                                                        \
    "also|later|then|had|has|have|once|again|previously|repeatedly|recently|earlier|further|simply|flatly|"  \
    "quickly|publicly|privately|would|will|subsequently|since|often|frequently|famously|reportedly|"            \
    "allegedly|angrily|bluntly|candidly|curtly|firmly|jokingly|laughingly|loudly|proudly|quietly|sharply|"      \
    "softly|sternly|tersely|wryly|emphatically|defiantly|excitedly|forcefully|happily|sarcastically|"           \
    "solemnly|succinctly|calmly|immediately|first|finally|just|always|never|even|still|only|now|recently|"      \
    "cheerfully|pointedly|plainly|bitterly|openly|directly|tearfully|confidently|matter-of-factly"
#define TIME                                                                                                       \
    "(?:on|last|this|early|late|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|"     \
    "tonight|recently|later|earlier|afterward|afterwards|then|again|also|once|previously|repeatedly|in)"

/* Placeholders in the pattern templates, expanded at compile time into the
 * word lists above as alternations factored by first letter: at each position
 * the JIT then tries the few words of one letter, not all of them. */
#define V_CORE "\001"
#define V_PARTIAL "\002"
#define V_ADV "\003"

/* After a closing mark: ', X said' / ', said X' (anchored, bounded). */
static const char AFTER_PAT[] =
    "\\G[,.!?]?" HS "*(?:(?:[\\x{2014}\\x{2013}]|--)" HS "*)?"
    "(?:(" V_CORE ")(?:" HS "+" TIME "\\b[^\\n\"\\x{201C}\\x{201D},.;]{0,30}?)?,?" HS "+(" NPCH "+)"
    "|(" NPCH "+?)" HS "+(?:" V_ADV HS "+){0,2}(" V_CORE ")(?![\\p{L}\\p{N}-]))";

/* Before an opening mark: 'X said: ' / 'X told Y, ' (anchored at the clause start, ends at the mark). */
static const char BEFORE_PAT[] =
    "\\G" HS "*(" NPCH "+?)" HS "+(?:" V_ADV HS "+){0,2}(" V_CORE ")(?![\\p{L}\\p{N}-])"
    "([^\\n\"\\x{201C}\\x{201D}]{0,90}?)([,:]?)" HS "*\\z";

/* Before an opening mark without a verb: 'According to X, "' / 'pollster Jane Doe: "' */
static const char BEFORE2_PAT[] =
    "\\G[^\\n\"\\x{201C}\\x{201D}]*?(?:(?:[Aa]ccording|[Aa]s" HS "+quoted)" HS "+(?:to|by)" HS "+(" NPCH "+?)|"
    "(?<![\\p{L}\\p{N}])((?:[\\p{Lu}][\\p{L}.'\\x{2019}-]*" HS "+){0,3}\\p{Lu}[\\p{L}'\\x{2019}-]+)(?:" HS
    "+\\([\\p{Lu}][\\p{L}.-]{1,14}\\))?)([,:])" HS "*\\z";

/* Before a partial quote: a reporting verb anywhere in the clause. */
static const char PARTIAL_PAT[] =
    "\\G" HS "*(" NPCH "+?)" HS "+(?:" V_ADV HS "+){0,2}(" V_PARTIAL ")(?![\\p{L}\\p{N}-])"
    "([^\\n\"\\x{201C}\\x{201D}]{0,260}?)" HS "*\\z";

/* After a partial quote, the sentence goes on to ', X said.' */
static const char PARTIAL_AFTER_PAT[] =
    "\\G[^\\n\"\\x{201C}\\x{201D}!?]*?," HS "*(" NPCH "+?)" HS
    "+(?:" V_ADV HS "+){0,2}(" V_CORE ")(?![\\p{L}\\p{N}-])[^\\n\"\\x{201C}\\x{201D}.!?]{0,60}?(?:[.!?]|\\z)";

/* A dash attribution without a verb: '..." - Jane Doe' */
static const char DASH_PAT[] =
    "\\G[,.]?" HS "*(?:(?:[\\x{2014}\\x{2013}\\x{2015}]|--)" HS "*|([Aa]ccording" HS "+to" HS "+))(\\p{Lu}" NPCH
    "*?)" HS "*(?:[.,;]|$)";

/* A transcript label at the start of a quote: 'SMITH: ...' */
static const char LABEL_PAT[] =
    "\\G" HS "*((?:\\p{Lu}[\\p{Lu}.'\\x{2019}-]+)(?:" HS "(?:\\p{Lu}[\\p{Lu}.'\\x{2019}-]+)){0,3}):" HS "+";

/* Indirect speech, per sentence: 'X said (that) ...', '..., X said.', 'according to X, ...' */
#define VERB_IND_SAID                                                                                              \
    "said|says|told|tells|argued|argues|claimed|claims|insisted|insists|warned|warns|noted|notes|added|adds|"     \
    "acknowledged|acknowledges|admitted|admits|announced|announces|reported|reports|stated|suggested|"           \
    "suggests|predicted|predicts|believes|believed|thinks|thought|wrote|writes|explained|explains|asserted|"     \
    "asserts|maintained|maintains|contended|contends|alleged|alleges|declared|declares|promised|promises|"       \
    "vowed|vows|denied|denies|confirmed|confirms|revealed|reveals|estimated|estimates|concluded|concludes|"      \
    "found|finds|has said|have said|had said|told reporters|said in a statement"
#define VERB_IND_AFTER                                                                                             \
    "said|says|added|adds|argued|argues|claimed|claims|insisted|warned|noted|explained|wrote|writes|reported|"    \
    "reports|told|tells|has said|had said|have said|contended|asserted|suggested|acknowledged|admitted|"         \
    "believes|thinks|predicted|maintained|stated|declared|has learned|have learned"
#define V_IND_SAID "\004"
#define V_IND_AFTER "\005"
static const char IND_SAID_PAT[] =
    "\\G" HS "*(" NPCH "+?)" HS "+(?:" V_ADV HS "+){0,2}(" V_IND_SAID ")(?![\\p{L}\\p{N}-])"
    "((?:" HS "+(?:[\\p{L}\\p{N}'\\x{2019}.-]+)){0,4}?)?" HS "+(?:that" HS "+)?(?=\\p{L}|\\p{N})";
static const char IND_AFTER_PAT[] =
    "\\G," HS "*(" NPCH "+?)" HS "+(?:" V_ADV HS "+){0,2}(" V_IND_AFTER ")(?:" HS "+[^\\n.!?\"\\x{201C}\\x{201D}]{0,60}?)?"
    "[.!?]?" HS "*\\z";
/* (NPCH+?, not NPCH{1,120}?: a counted repeat compiles its group 120 times, and
 * that pattern came within 3 % of PCRE2's 64 KiB limit; the length is checked in C) */
static const char IND_ACC_PAT[] = "\\G" HS "*(?:But|And|Yet)?" HS "*[Aa]ccording" HS "+to" HS "+(" NPCH
                                  "+?)," HS "+(?=\\p{L}|\\p{N})";
#define IND_ACC_MAX_CHARS 120

enum { P_NAMES, P_AFTER, P_BEFORE, P_BEFORE2, P_PARTIAL, P_PARTIAL_AFTER, P_DASH, P_LABEL, P_IND_SAID, P_IND_AFTER, P_IND_ACC,
       P_COUNT };

static const char *const PATTERNS[P_COUNT] = {
    NULL, AFTER_PAT, BEFORE_PAT, BEFORE2_PAT, PARTIAL_PAT, PARTIAL_AFTER_PAT, DASH_PAT, LABEL_PAT, IND_SAID_PAT, IND_AFTER_PAT,
    IND_ACC_PAT};

struct stance_qpatterns {
    pcre2_general_context *gctx;
    pcre2_match_context *mctx;
    pcre2_code *pat[P_COUNT];
};

/* Bounds on any one match: every pattern looks at a few hundred bytes. */
#define MATCH_LIMIT 200000u
#define DEPTH_LIMIT 2000u
#define HEAP_LIMIT_KIB 2048u
/* Longest window a pattern sees around a quote. */
#define WINDOW 320
/* a subject this much further back than the nearest name still wins (bytes) */
#define SUBJECT_REACH 200
/* sentences a pronoun looks back over for a subject */
#define PRON_MAX_SENTS 6
#define BEFORE_WINDOW 160
#define AFTER_WINDOW 220

typedef struct sbuf {
    char *p;
    size_t n, cap;
    int oom;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
    if (b->oom || stance_grow((void **)&b->p, &b->cap, b->n + n + 1, 1)) {
        b->oom = 1;
        return;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}

typedef struct wref {
    const char *s;
    size_t n;
} wref;

static int wref_cmp(const void *x, const void *y)
{
    const wref *a = x, *b = y;
    if (a->s[0] != b->s[0])
        return (unsigned char)a->s[0] < (unsigned char)b->s[0] ? -1 : 1;
    if (a->n != b->n)
        return a->n > b->n ? -1 : 1; /* longest first */
    return memcmp(a->s, b->s, a->n);
}

/* "(?:a(?:dded|dds)|s(?:aid|ays))" from "said|added|says|adds". */
static void sb_alternation(sbuf *b, const char *list)
{
    size_t n = 1, k = 0;
    wref *w;
    for (const char *q = list; *q; q++)
        n += *q == '|';
    if (b->oom || !(w = stance_malloc_array(n, sizeof *w))) {
        b->oom = 1;
        return;
    }
    for (const char *q = list; *q;) {
        const char *e = strchr(q, '|');
        size_t l = e ? (size_t)(e - q) : strlen(q);
        if (l)
            w[k++] = (wref){q, l};
        q += l + (e != NULL);
    }
    qsort(w, k, sizeof *w, wref_cmp);
    sb_put(b, "(?:", 3);
    for (size_t i = 0; i < k;) {
        size_t j = i;
        if (i)
            sb_put(b, "|", 1);
        sb_put(b, w[i].s, 1);
        sb_put(b, "(?:", 3);
        for (; j < k && w[j].s[0] == w[i].s[0]; j++) {
            if (j > i && w[j].n == w[j - 1].n && memcmp(w[j].s, w[j - 1].s, w[j].n) == 0)
                continue; /* duplicate */
            if (j > i)
                sb_put(b, "|", 1);
            sb_put(b, w[j].s + 1, w[j].n - 1);
        }
        sb_put(b, ")", 1);
        i = j;
    }
    sb_put(b, ")", 1);
    stance_free(w);
}

/* The pattern template with its placeholders expanded (NULL when out of memory). */
static char *expand(const char *tmpl)
{
    sbuf b = {0};
    for (const char *q = tmpl; *q; q++) {
        if (*q == '\001')
            sb_alternation(&b, VERB_CORE);
        else if (*q == '\002')
            sb_alternation(&b, VERB_PARTIAL);
        else if (*q == '\003')
            sb_alternation(&b, ADV);
        else if (*q == '\004')
            sb_alternation(&b, VERB_IND_SAID);
        else if (*q == '\005')
            sb_alternation(&b, VERB_IND_AFTER);
        else
            sb_put(&b, q, 1);
    }
    if (b.oom) {
        stance_free(b.p);
        return NULL;
    }
    return b.p;
}

int stance_quotes_compile(stance_qpatterns **out, stance_error *err)
{
    stance_qpatterns *p = NULL;
    pcre2_compile_context *cctx = NULL;
    int rc = STANCE_OK;
    if (!out)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "NULL out-pointer");
    *out = NULL;
    if (!(p = stance_calloc(1, sizeof *p)))
        goto nomem;
    if (!(p->gctx = stance_pcre2_context()) || !(cctx = pcre2_compile_context_create(p->gctx)) ||
        !(p->mctx = pcre2_match_context_create(p->gctx)))
        goto nomem;
    pcre2_set_match_limit(p->mctx, MATCH_LIMIT);
    pcre2_set_depth_limit(p->mctx, DEPTH_LIMIT);
    pcre2_set_heap_limit(p->mctx, HEAP_LIMIT_KIB);
    for (int i = 0; i < P_COUNT; i++) {
        int ec;
        PCRE2_SIZE eo;
        if (i == P_NAMES)
            p->pat[i] = stance_names_pattern(cctx, &ec, &eo);
        else {
            char *pat = expand(PATTERNS[i]);
            if (!pat)
                goto nomem;
            p->pat[i] = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &ec, &eo, cctx);
            stance_free(pat);
        }
        if (!p->pat[i]) {
            rc = stance_pcre2_error(err, ec, STANCE_NO_OFFSET, "quote pattern");
            goto fail;
        }
        /* JIT is an optimisation: without it (or out of memory for it) the interpreter runs. */
        if (pcre2_jit_compile(p->pat[i], PCRE2_JIT_COMPLETE) == PCRE2_ERROR_NOMEMORY)
            goto nomem;
    }
    pcre2_compile_context_free(cctx);
    *out = p;
    return STANCE_OK;
nomem:
    rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
fail:
    pcre2_compile_context_free(cctx);
    stance_quotes_free(p);
    return rc;
}

size_t stance_quotes_max_pattern_size(const stance_qpatterns *p)
{
    size_t max = 0;
    for (int i = 0; p && i < P_COUNT; i++) {
        size_t sz = 0;
        if (p->pat[i] && pcre2_pattern_info(p->pat[i], PCRE2_INFO_SIZE, &sz) == 0 && sz > max)
            max = sz;
    }
    return max;
}

void stance_quotes_free(stance_qpatterns *p)
{
    if (!p)
        return;
    for (int i = 0; i < P_COUNT; i++)
        pcre2_code_free(p->pat[i]);
    pcre2_match_context_free(p->mctx);
    pcre2_general_context_free(p->gctx);
    stance_free(p);
}

void stance_quotelist_clear(stance_quotelist *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++) {
        stance_free(l->q[i].speaker);
        stance_free(l->q[i].role);
    }
    stance_free(l->q);
    stance_namelist_clear(&l->names);
    memset(l, 0, sizeof *l);
}

/* ---- per-call state ------------------------------------------------------ */

enum { MK_NONE, MK_STRAIGHT, MK_LEFT, MK_RIGHT };
enum { PC_PARA, PC_SENT, PC_COLON, PC_COMMA, PC_WORD, PC_CAPWORD, PC_DASH, PC_PAREN, PC_OTHER };
enum { K_SKIP, K_DIRECT, K_PARTIAL };

#define SEG_UNCLOSED 1u
#define SEG_MULTI 2u

typedef struct attr {
    int how;                 /* STANCE_ATTR_* */
    int rule;                /* STANCE_RULE_*: the rule that found it */
    stance_span spk;         /* speaker mention */
    stance_span role;        /* appositive */
    stance_span cue;
    size_t a_start, a_end;   /* extent of the attribution text */
    long name;               /* canonical name index, or -1 */
    stance_span canon;       /* canonical text span */
    int gender;
} attr;

typedef struct seg {
    size_t open, cs, ce, close;  /* opening mark, content [cs, ce), end of the closing mark */
    size_t para, close_para;     /* paragraph starts (opening / closing) */
    unsigned flags;
    int kind, pc;
    attr a;
    int after_reaches;           /* the attribution after it runs up to the next quote */
} seg;

typedef struct ctx {
    const stance_qpatterns *p;
    const char *t;
    size_t len;
    pcre2_match_data *md;
    seg *s;
    size_t n, cap;
    stance_namelist *names;
    int *sur_gender;             /* per names entry: gender of its surname group */
    size_t *group;               /* per names entry: its surname group */
    int *ggender;                /* per group: gender, learned from pronouns as they resolve */
    stance_error *err;
} ctx;

static const stance_span NOSPAN = {STANCE_NO_OFFSET, STANCE_NO_OFFSET};

/* Bytes to step over at @p i: a whole space character, else one byte. */
static size_t step1(const char *t, size_t i, size_t len)
{
    int h = stance_hspace(t, i, len);
    return h ? (size_t)h : 1;
}

/* Past the spaces (any width: U+00A0 is two bytes) that start at @p i. */
static size_t skip_hs(const char *t, size_t i, size_t len)
{
    size_t h;
    while (i < len && (h = (size_t)stance_hspace(t, i, len)) != 0)
        i += h;
    return i;
}

/* Step back one code point. */
static size_t back1(const char *t, size_t i)
{
    if (i == 0)
        return 0;
    i--;
    while (i > 0 && ((unsigned char)t[i] & 0xC0) == 0x80)
        i--;
    return i;
}

static int mark_at(const char *t, size_t i, size_t len, size_t *mlen)
{
    unsigned char c;
    *mlen = 1;
    if (i >= len)
        return MK_NONE; /* (the end of the text: no byte to read) */
    c = (unsigned char)t[i];
    if (c == '"')
        return MK_STRAIGHT;
    if (c == 0xE2 && i + 2 < len && (unsigned char)t[i + 1] == 0x80) {
        unsigned char d = (unsigned char)t[i + 2];
        *mlen = 3;
        if (d == 0x9C || d == 0x9E || d == 0x9F)
            return MK_LEFT;
        if (d == 0x9D)
            return MK_RIGHT;
    }
    if (c == 0xC2 && i + 1 < len) {
        *mlen = 2;
        if ((unsigned char)t[i + 1] == 0xAB)
            return MK_LEFT;
        if ((unsigned char)t[i + 1] == 0xBB)
            return MK_RIGHT;
    }
    return MK_NONE;
}

static int is_dash_at(const char *t, size_t i, size_t len)
{
    /* em dash, en dash, horizontal bar */
    return (unsigned char)t[i] == 0xE2 && i + 2 < len && (unsigned char)t[i + 1] == 0x80 &&
           ((unsigned char)t[i + 2] >= 0x93 && (unsigned char)t[i + 2] <= 0x95);
}

static int ascii_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static int ascii_lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}

/* Case of the letter at i: 1 upper, -1 lower, 0 other, by Unicode category (tokens.c). */
static int letter_case(const char *t, size_t i, size_t len)
{
    unsigned char c = (unsigned char)t[i];
    if (ascii_upper(c))
        return 1;
    if (ascii_lower(c))
        return -1;
    return c < 0x80 ? 0 : stance_letter_case(t, i, len);
}

static int is_word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || ascii_lower(c) || ascii_upper(c);
}

static int push_seg(ctx *c, size_t open, size_t cs, size_t ce, size_t close, size_t para, size_t close_para,
                    unsigned flags)
{
    seg *s;
    while (ce > cs && stance_hspace(c->t, back1(c->t, ce), c->len))
        ce = back1(c->t, ce);
    while (cs < ce && stance_hspace(c->t, cs, c->len))
        cs += (size_t)stance_hspace(c->t, cs, c->len);
    if (ce <= cs)
        return STANCE_OK; /* "" */
    if (stance_grow((void **)&c->s, &c->cap, c->n + 1, sizeof *c->s))
        return stance_error_set(c->err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    s = &c->s[c->n++];
    memset(s, 0, sizeof *s);
    s->open = open;
    s->cs = cs;
    s->ce = ce;
    s->close = close;
    s->para = para;
    s->close_para = close_para;
    s->flags = flags;
    s->a.spk = s->a.role = s->a.cue = s->a.canon = NOSPAN;
    s->a.name = -1;
    return STANCE_OK;
}

static int ascii_upper(unsigned char c);
static int is_word_byte(unsigned char c);
/* A transcript label ("SMITH: ") at i: the continuation rule does not apply. */
static int label_at(ctx *c, size_t i, size_t *lab_s, size_t *lab_e, size_t *after);

/* May the quote opened at @p open (paragraph @p para) and left open at the end
 * of its paragraph run on into the next one? Not when it is the second part of
 * a quote split by its attribution ('"A," Jane Doe said. "B...'): that part
 * ends with its paragraph, and the next paragraph is a quote of its own. */
static int continues(ctx *c, size_t open, size_t para)
{
    size_t k = open;
    int word = 0;
    while (k > para) {
        size_t p = k - 1;
        unsigned char b = (unsigned char)c->t[p];
        if (b == ' ' || b == '\t' || (b == 0xA0 && p > para) || (b == 0xC2)) {
            k = p;
            continue;
        }
        break;
    }
    if (k == para)
        return 1; /* the paragraph opens with the quote */
    if (c->t[k - 1] == ':')
        return 1; /* 'Jane Doe said: "...' */
    if (c->t[k - 1] == '.' || c->t[k - 1] == ',') {
        /* after an attribution sentence: is there a closing mark earlier in the paragraph? */
        for (size_t j = para; j < open; j++) {
            size_t ml;
            int mk = mark_at(c->t, j, c->len, &ml);
            if (mk == MK_RIGHT || mk == MK_STRAIGHT)
                word = 1;
        }
        return !word;
    }
    return 1;
}

/* A nickname in marks inside a name, 'Marcia "Cia" Price': the mark at @p i
 * (@p ml bytes) opens one capitalised word after a capitalised word that is no
 * title or function word, and a capitalised word that is no function word
 * follows the closing mark. Returns the end of the closing mark, or 0. */
static size_t nickname_end(ctx *c, size_t i, size_t ml, size_t para)
{
    const char *t = c->t;
    size_t ws = i - 1, k = i + ml, cl = 0;
    int mk;
    if (i < para + 3 || t[i - 1] != ' ')
        return 0;
    while (ws > para && i - ws < 24 && ascii_lower((unsigned char)t[ws - 1]))
        ws--; /* (bounded: a first name is short) */
    if (ws > para && ascii_upper((unsigned char)t[ws - 1]))
        ws--;
    if (ws + 2 > i - 1 || !ascii_upper((unsigned char)t[ws]) || (ws > para && is_word_byte((unsigned char)t[ws - 1])) ||
        stance_names_is_stopword(t + ws, i - 1 - ws) || stance_names_is_title(t + ws, i - 1 - ws))
        return 0; /* (a headline: 'Trump Says "Rigged" Vote') */
    if (k >= c->len || !ascii_upper((unsigned char)t[k]))
        return 0;
    for (k++; k < c->len && k - i < 24 && (ascii_lower((unsigned char)t[k]) || t[k] == '.'); k++)
        ;
    if (k >= c->len)
        return 0; /* the text ends inside it */
    mk = mark_at(t, k, c->len, &cl);
    if (!(mk == MK_RIGHT || (mk == MK_STRAIGHT && t[i] == '"')))
        return 0;
    k += cl;
    if (k + 1 >= c->len || t[k] != ' ' || !ascii_upper((unsigned char)t[k + 1]))
        return 0;
    {
        size_t e = k + 1;
        while (e < c->len && (ascii_lower((unsigned char)t[e]) || ascii_upper((unsigned char)t[e])))
            e++;
        return stance_names_is_stopword(t + k + 1, e - k - 1) ? 0 : k;
    }
}

/* The opening mark of the nickname whose closing mark is at @p p, or STANCE_NO_OFFSET. */
static size_t nickname_open(ctx *c, size_t p, size_t floor)
{
    const char *t = c->t;
    size_t k = p, ml = 0, cl = 0, o;
    while (k > floor && k + 24 > p && (ascii_lower((unsigned char)t[k - 1]) || t[k - 1] == '.'))
        k--;
    if (k <= floor || !ascii_upper((unsigned char)t[k - 1]))
        return STANCE_NO_OFFSET;
    k--;
    if (k <= floor)
        return STANCE_NO_OFFSET;
    o = back1(t, k);
    if (o < floor || mark_at(t, o, c->len, &ml) == MK_NONE || o + ml != k)
        return STANCE_NO_OFFSET;
    mark_at(t, p, c->len, &cl);
    return nickname_end(c, o, ml, floor) == p + cl ? o : STANCE_NO_OFFSET;
}

/* Pair the quote marks of the whole text. */
static int scan_marks(ctx *c)
{
    const char *t = c->t;
    size_t len = c->len, i = 0, para = 0, qopen = 0, qcs = 0, qpara = 0, pend_ce = 0;
    int inq = 0, pending = 0, at_head = 1;
    int straight_open = 0; /* the open quote was opened by a straight mark */
    int nested = 0;        /* marks of the other family open inside it */
    unsigned qflags = 0;
    int rc;
    while (i < len) {
        size_t ml, h;
        int mk;
        unsigned char ch = (unsigned char)t[i];
        /* fast path: an ordinary ASCII byte inside a paragraph */
        if (!at_head && ch < 0x80 && ch != '"' && ch != '\n') {
            i++;
            continue;
        }
        if (ch == '\n') {
            if (inq && !pending) {
                pending = 1;
                pend_ce = i;
            }
            para = i + 1;
            at_head = 1;
            i++;
            continue;
        }
        if ((h = (size_t)stance_hspace(t, i, len))) {
            i += h;
            continue;
        }
        mk = mark_at(t, i, len, &ml);
        if (at_head) {
            at_head = 0;
            if (pending) {
                size_t a, b, d;
                pending = 0;
                if ((mk == MK_LEFT || mk == MK_STRAIGHT) && !label_at(c, i + ml, &a, &b, &d) &&
                    !(i + ml < len && t[i + ml] == '(') && continues(c, qopen, qpara)) {
                    qflags |= SEG_MULTI;
                    nested = 0;
                    i += ml;
                    continue;
                }
                if ((rc = push_seg(c, qopen, qcs, pend_ce, pend_ce, qpara, qpara, qflags | SEG_UNCLOSED)))
                    return rc;
                inq = 0;
            }
        }
        if (mk == MK_NONE) {
            i++;
            continue;
        }
        {
            size_t pv = i > para ? back1(t, i) : i;
            unsigned char pb = i > para ? (unsigned char)t[pv] : ' ';
            unsigned char nb = i + ml < len ? (unsigned char)t[i + ml] : '\n';
            int openish = i == para || stance_hspace(t, pv, len) || pb == '(' || pb == '[' || pb == '{' || pb == '/' ||
                          pb == '-' || is_dash_at(t, pv, len);
            int closeish = i + ml >= len || nb == '\n' || stance_hspace(t, i + ml, len) || nb == '.' || nb == ',' ||
                           nb == ';' || nb == ':' || nb == '!' || nb == '?' || nb == ')' || nb == ']' ||
                           is_dash_at(t, i + ml, len) || mark_at(t, i + ml, len, &h) != MK_NONE ||
                           (nb == 0xE2 && i + ml + 2 < len && (unsigned char)t[i + ml + 1] == 0x80 &&
                            (unsigned char)t[i + ml + 2] == 0xA6);
            int close_now = 0, open_now = 0;
            /* Inside a quote, marks of the other family are nested quotes
             * ("She said “no” to me"), unless a lone one can only close it. */
            if (inq && ((straight_open && mk != MK_STRAIGHT) || (!straight_open && mk == MK_STRAIGHT))) {
                if (mk == MK_LEFT || (mk == MK_STRAIGHT && !nested && openish && !closeish))
                    nested = 1;
                else if (nested)
                    nested = 0;
                else if (closeish && !openish)
                    close_now = 1; /* a mismatched closing mark */
            } else {
                switch (mk) {
                case MK_LEFT:
                    if (inq) {
                        if (closeish && !openish)
                            close_now = 1;
                        else {
                            if ((rc = push_seg(c, qopen, qcs, i, i, qpara, para, qflags | SEG_UNCLOSED)))
                                return rc;
                            inq = 0;
                            open_now = 1;
                        }
                    } else
                        open_now = 1;
                    break;
                case MK_RIGHT:
                    if (inq)
                        close_now = 1;
                    break;
                default:
                    if (inq)
                        close_now = 1;
                    else if (openish != closeish || !openish)
                        open_now = !closeish || !openish; /* a mark between spaces is no quote mark */
                    break;
                }
            }
            if (close_now) {
                if ((rc = push_seg(c, qopen, qcs, i, i + ml, qpara, para, qflags)))
                    return rc;
                inq = 0;
            } else if (open_now && (h = nickname_end(c, i, ml, para)) != 0) {
                i = h; /* no quote */
                continue;
            } else if (open_now) {
                inq = 1;
                qopen = i;
                qcs = i + ml;
                qpara = para;
                qflags = 0;
                straight_open = mk == MK_STRAIGHT;
                nested = 0;
            }
        }
        i += ml;
    }
    if (inq) {
        size_t e = pending ? pend_ce : len;
        if ((rc = push_seg(c, qopen, qcs, e, e, qpara, qpara, qflags | SEG_UNCLOSED)))
            return rc;
    }
    return STANCE_OK;
}

/* ---- matching helpers ---------------------------------------------------- */

/* Run pattern @p which anchored at @p start on text[0, end). 1 = match, 0 = none
 * (including hitting a limit: a bad window never stops the extraction), <0 error. */
static int run(ctx *c, int which, size_t start, size_t end)
{
    int m;
    if (start > end)
        return 0;
    m = pcre2_match(c->p->pat[which], (PCRE2_SPTR)c->t, end, start, PCRE2_NO_UTF_CHECK, c->md, c->p->mctx);
    if (m >= 0)
        return 1;
    if (m == PCRE2_ERROR_NOMATCH || m == PCRE2_ERROR_PARTIAL)
        return 0;
    if (stance_pcre2_status(m) == STANCE_ERR_NOMEM)
        return stance_pcre2_error(c->err, m, start, "quote matching");
    return 0; /* match/depth/heap/JIT stack limit: treat as no attribution */
}

static stance_span group(ctx *c, int g)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
    if (ov[2 * g] == PCRE2_UNSET)
        return NOSPAN;
    return (stance_span){ov[2 * g], ov[2 * g + 1]};
}

static size_t match_end(ctx *c)
{
    return pcre2_get_ovector_pointer(c->md)[1];
}

static int label_at(ctx *c, size_t i, size_t *lab_s, size_t *lab_e, size_t *after)
{
    size_t end = i + 80 < c->len ? i + 80 : c->len, k = i;
    int r;
    while (k < end && (c->t[k] == ' ' || c->t[k] == '\t'))
        k++;
    /* a label starts with two capitals */
    if (k + 1 >= end || !ascii_upper((unsigned char)c->t[k]) ||
        !(ascii_upper((unsigned char)c->t[k + 1]) || c->t[k + 1] == '.' || c->t[k + 1] == '\''))
        return 0;
    r = run(c, P_LABEL, i, end);
    if (r <= 0)
        return 0;
    {
        stance_span g = group(c, 1);
        *lab_s = g.start;
        *lab_e = g.end;
        *after = match_end(c);
        /* A label is a word of at least two letters: "U.S.:" or "A:" do not count. */
        if (g.end - g.start < 2)
            return 0;
    }
    return 1;
}

static size_t trim_l(const char *t, size_t s, size_t e, size_t len)
{
    while (s < e) {
        size_t h = (size_t)stance_hspace(t, s, len);
        if (h)
            s += h;
        else if (t[s] == ',' || t[s] == ':' || t[s] == ';' || t[s] == '>')
            s++; /* ('>' of markup left in a feed: '...">Jane Roe said') */
        else
            break;
    }
    return s;
}

static size_t trim_r(const char *t, size_t s, size_t e, size_t len)
{
    while (e > s) {
        size_t p = back1(t, e);
        if (stance_hspace(t, p, len) || t[p] == ',' || t[p] == ':' || t[p] == ';')
            e = p;
        else if (t[p] == ')' && !memchr(t + s, '(', p - s)) {
            e = p; /* '("...," said one party activist.)': the aside's end */
            if (e > s + 1 && t[e - 1] == '.' && ascii_lower((unsigned char)t[e - 2]))
                e--;
        } else
            break;
    }
    return e;
}

/* Is [s, e) in one of the quotes.c word lists of @p mask (STANCE_LQ bits of lexicon.def)? */
static int lq(const char *t, size_t s, size_t e, uint64_t mask)
{
    return e > s && stance_lex_in_rules(t + s, e - s, mask);
}

/* Is [s, e) the word @p w? */
static int word_eq(const char *t, size_t s, size_t e, const char *w)
{
    return strlen(w) == e - s && memcmp(t + s, w, e - s) == 0;
}

/* Is [s, e) a participle ("saying", "speaking"): longer than four letters, ending in -ing? */
static int ing_word(const char *t, size_t s, size_t e)
{
    return e - s > 4 && memcmp(t + e - 3, "ing", 3) == 0;
}

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

/*
 * Parse the subject chunk [s, e) of an attribution into speaker, role and kind.
 * @p flags: NP_VERB_FIRST, the chunk followed the verb ("said Jane Doe, the
 * mayor"); NP_AT_VERB, it sits right at the reporting verb of an attribution
 * after a quote, where even words that are no names elsewhere name the speaker
 * ('"...," From said.').
 */
#define NP_VERB_FIRST 1u
#define NP_AT_VERB 2u
static long name_before(ctx *c, size_t pos);

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

static int parse_np(ctx *c, size_t s, size_t e, unsigned flags, attr *a)
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

static int abbrev_dot(ctx *c, size_t p, size_t floor);

/* The start of the clause that ends at @p pos: the previous sentence end,
 * quote mark or paragraph start, at most WINDOW bytes back. */
static size_t clause_start(ctx *c, size_t pos, size_t floor)
{
    const char *t = c->t;
    size_t lim = pos > WINDOW ? pos - WINDOW : 0, i = pos, depth = 0;
    if (lim < floor)
        lim = floor;
    while (i > lim) {
        size_t p = back1(t, i), ml;
        unsigned char b = (unsigned char)t[p];
        if (b == '\n' || b == ';')
            return i;
        /* an aside still open at @p pos starts the clause ('... it is (Jane Roe
         * once said, "'), one closed before it does not ('Roe (R-Fla.) said') */
        if (b == ')')
            depth++;
        else if (b == '(' && depth)
            depth--;
        else if (b == '(')
            return i;
        if (mark_at(t, p, c->len, &ml) != MK_NONE && p + ml <= pos) {
            size_t o = nickname_open(c, p, lim);
            if (o == STANCE_NO_OFFSET)
                return p + ml;
            i = o; /* 'Marcia "Cia" Price' */
            continue;
        }
        if (is_dash_at(t, p, c->len) && p > lim && stance_hspace(t, p - 1, c->len) && i < pos && stance_hspace(t, i, c->len))
            return i;
        if ((b == '.' || b == '?' || b == '!') && i < pos && stance_hspace(t, i, c->len)) {
            /* not after an abbreviation or an initial */
            size_t k = p;
            while (k > lim && (ascii_lower((unsigned char)t[k - 1]) || ascii_upper((unsigned char)t[k - 1])))
                k--;
            if (b != '.' || !abbrev_dot(c, p, lim)) {
                size_t nx = i;
                while (nx < pos && stance_hspace(t, nx, c->len))
                    nx += (size_t)stance_hspace(t, nx, c->len);
                /* "the No. 2 in the party", "Art. 5": an abbreviation before a number */
                if (b == '.' && p - k >= 2 && p - k <= 3 && ascii_upper((unsigned char)t[k]) && nx < pos &&
                    t[nx] >= '0' && t[nx] <= '9')
                    ;
                else if (!(b == '.' && p - k == 1 && ascii_upper((unsigned char)t[k])))
                    return i;
            }
        }
        i = p;
    }
    /* Do not start inside a word. */
    while (i < pos && !stance_hspace(t, i, c->len) && i > lim && i != floor)
        i++;
    return i;
}

/* End of the sentence that contains @p pos (bounded). */
static size_t sentence_end(ctx *c, size_t pos)
{
    const char *t = c->t;
    size_t lim = pos + WINDOW < c->len ? pos + WINDOW : c->len, i = pos;
    while (i < lim) {
        unsigned char b = (unsigned char)t[i];
        if (b == '\n')
            return i;
        if ((b == '.' || b == '?' || b == '!') && (i + 1 >= c->len || t[i + 1] == '\n' || stance_hspace(t, i + 1, c->len)))
            return i + 1;
        i++;
    }
    return i;
}

static size_t para_end(ctx *c, size_t pos)
{
    const char *nl = memchr(c->t + pos, '\n', c->len - pos);
    return nl ? (size_t)(nl - c->t) : c->len;
}

/* para_end() looking at most @p win bytes ahead: callers only need
 * min(pos + win, paragraph end), and scanning a long paragraph without
 * newlines for every quote was quadratic. */
static size_t para_end_near(ctx *c, size_t pos, size_t win)
{
    size_t n = c->len - pos < win ? c->len - pos : win;
    const char *nl = memchr(c->t + pos, '\n', n);
    return nl ? (size_t)(nl - c->t) : pos + n;
}

/* ---- attribution ---------------------------------------------------------- */

/* End of the window after the closing mark of @p q where its attribution may
 * lie: at most @p win bytes, within the paragraph, up to the next quote mark. */
static size_t after_end(ctx *c, const seg *q, size_t win)
{
    size_t pe = para_end_near(c, q->close, win), end = q->close + win < pe ? q->close + win : pe;
    for (size_t i = q->close; i < end; i++) {
        size_t ml;
        if (mark_at(c->t, i, c->len, &ml) != MK_NONE) {
            size_t ne = nickname_end(c, i, ml, 0);
            if (!ne)
                return i;
            i = ne - 1; /* 'Marcia "Cia" Price said' */
        }
    }
    return end;
}

static int try_after(ctx *c, seg *q, attr *a)
{
    size_t end = after_end(c, q, AFTER_WINDOW);
    int r;
    if (q->close >= end)
        return 0;
    if ((r = run(c, P_AFTER, q->close, end)) <= 0) {
        if (r < 0)
            return r;
        if ((r = run(c, P_DASH, q->close, end)) <= 0)
            return r;
        {
            /* '..." - Jane Doe' (a name only) / '..." according to Judicial Watch.' */
            stance_span acc = group(c, 1), g = group(c, 2);
            attr b = *a;
            b.role = NOSPAN;
            if (!parse_np(c, g.start, g.end, NP_VERB_FIRST | (acc.start != STANCE_NO_OFFSET ? NP_AT_VERB : 0u), &b) ||
                (b.how != STANCE_ATTR_NAME && (acc.start == STANCE_NO_OFFSET || b.how != STANCE_ATTR_NOUN)))
                return 0;
            if (acc.start != STANCE_NO_OFFSET)
                b.cue = (stance_span){acc.start, trim_r(c->t, acc.start, acc.end, c->len)};
            b.a_start = q->close;
            b.a_end = match_end(c);
            *a = b;
            return 1;
        }
    }
    {
        stance_span v1 = group(c, 1), n1 = group(c, 2), n2 = group(c, 3), v2 = group(c, 4);
        size_t mend = match_end(c);
        attr b = *a;
        b.role = NOSPAN;
        if (v1.start != STANCE_NO_OFFSET) {
            /* '"...?" asked Jane Doe' is the speaker; '", told POLITICO' the addressee */
            if (lq(c->t, v1.start, v1.end, STANCE_LQ(TO_WHOM)))
                return 0; /* ', told POLITICO': the addressee, not the speaker */
            if (!parse_np(c, n1.start, n1.end, NP_VERB_FIRST, &b)) {
                return 0;
            }
            b.cue = v1;
            /* the subject ends at the first comma of the chunk */
            mend = b.role.end != STANCE_NO_OFFSET ? b.role.end : b.spk.end;
        } else {
            if (!parse_np(c, n2.start, n2.end, NP_AT_VERB, &b))
                return 0;
            b.cue = v2;
        }
        b.a_start = q->close;
        b.a_end = mend;
        *a = b;
        return 1;
    }
}

/* 'X said: "' in the clause [cs, q->open). */
static int in_quote(ctx *c, size_t pos, size_t upto);
static size_t surname_runs(ctx *c, long k);
static int after_prep(ctx *c, size_t pos, size_t floor);

/* Is the name a dateline: capitals only, then a dash or "(AP)" ("WASHINGTON -"), or a
 * comma at the start of its paragraph ("WASHINGTON, Dec. 8 (UPI) -")? */
static int dateline_at(ctx *c, const stance_name *nm)
{
    size_t k = nm->start, e = nm->end;
    if (k > 0 && c->t[k - 1] == '(' && e < c->len && c->t[e] == ')')
        return 1; /* "(UPI)", "(AP)" */
    for (; k < e; k++)
        if (ascii_lower((unsigned char)c->t[k]))
            return 0;
    if (e - nm->start < 3)
        return 0;
    e = skip_hs(c->t, e, c->len);
    if (e < c->len && (c->t[e] == '-' || c->t[e] == '(' || is_dash_at(c->t, e, c->len)))
        return 1;
    /* "WASHINGTON, Dec. 8 (UPI) -" opening its paragraph */
    return e < c->len && c->t[e] == ',' && (nm->start == 0 || c->t[nm->start - 1] == '\n');
}

/* Does a possessive "'s" / "’s" start at @p pos? */
static int possessive_at(ctx *c, size_t pos)
{
    const char *t = c->t + pos;
    size_t n = c->len - pos;
    return (n >= 2 && t[0] == '\'' && t[1] == 's' && (n == 2 || !is_word_byte((unsigned char)t[2]))) ||
           (n >= 4 && memcmp(t, "\xE2\x80\x99s", 4) == 0 && (n == 4 || !is_word_byte((unsigned char)t[4])));
}

/* The lowercase word [*s, *e) that ends at @p pos, past spaces, within @p floor
 * (empty when none). */
static void lower_word_before(ctx *c, size_t pos, size_t floor, size_t *s, size_t *e)
{
    *e = pos;
    while (*e > floor && stance_hspace(c->t, back1(c->t, *e), c->len))
        *e = back1(c->t, *e);
    *s = *e;
    while (*s > floor && ascii_lower((unsigned char)c->t[*s - 1]))
        (*s)--;
}

/* Is the word before @p pos a lowercase article ("the", "a", "an")? */
static int after_article(ctx *c, size_t pos, size_t floor)
{
    size_t s, e;
    lower_word_before(c, pos, floor, &s, &e);
    return lq(c->t, s, e, STANCE_LQ(ARTICLE));
}

/* Is the word after @p pos (past spaces) lowercase? */
static int lower_follows(ctx *c, size_t pos)
{
    pos = skip_hs(c->t, pos, c->len);
    return pos < c->len && letter_case(c->t, pos, c->len) == -1;
}

static size_t sent_start(ctx *c, size_t pos, size_t floor);

/* 'Clinton riffed on the incident, telling the crowd, "...': a participle
 * takes the subject of its sentence, its first name (or pronoun). */
static int sentence_subject(ctx *c, seg *q, stance_span v, attr *b)
{
    size_t vl = v.end - v.start, ss, ws, we, i, fw = STANCE_NO_OFFSET;
    long k, first = -1, last;
    int g;
    if (vl < 4 || memcmp(c->t + v.end - 3, "ing", 3) != 0)
        return 0;
    ss = sent_start(c, v.start, v.start - q->para > WINDOW ? v.start - WINDOW : q->para);
    i = ss;
    if (stance_chunk_next(c->t, &i, v.start, c->len, &ws, &we)) {
        fw = ws; /* the sentence's first word */
        if (stance_names_pronoun(c->t, ws, we, &g) == 1) {
            b->how = STANCE_ATTR_PRONOUN;
            b->spk = (stance_span){ws, we};
            b->gender = g;
            return 1;
        }
    }
    last = name_before(c, v.start);
    for (k = last; k >= 0 && c->names->v[k].start >= ss; k--)
        first = k;
    if (first < 0)
        return 0;
    /* the first name that is not inside a lead-in ("At Sunday's debate, Sanders
     * compared ...", "Hours after the vote, Trump ...") */
    for (k = first; k <= last; k++) {
        const stance_name *nm = &c->names->v[k];
        size_t a1 = nm->start, a2, n1, n2;
        i = a1;
        if (stance_chunk_next(c->t, &i, nm->end, c->len, &a1, &a2) && lq(c->t, a1, a2, STANCE_LQ(PREP_LEAD)))
            continue;
        i = nm->end;
        if (stance_chunk_next(c->t, &i, v.start, c->len, &n1, &n2) && lq(c->t, n1, n2, STANCE_LQ(NOT_SUBJ)))
            continue;
        if (in_quote(c, nm->start, c->n))
            continue;
        if (nm->ntok == 1 && stance_names_is_title(c->t + nm->bare, nm->last_end - nm->bare))
            continue; /* "Republican presidential candidate Donald Trump" */
        if (possessive_at(c, nm->last_end))
            continue; /* "Hillary Clinton's right-hand woman rallied supporters, saying" */
        if (dateline_at(c, nm))
            continue; /* "WASHINGTON - Jane Roe's aide rallied supporters, saying" */
        if (nm->start > ss && (after_prep(c, nm->start, ss) || after_article(c, nm->start, ss)))
            continue; /* "the fatal shooting of Keith Scott", "along the Mexican border" */
        if (nm->ntok == 1 && nm->start == fw && lower_follows(c, nm->end) &&
            surname_runs(c, k) == 1)
            continue; /* "Band member Flea", "Small groups of protesters": a capital word
                       * the article never uses again opens the sentence */
        b->how = STANCE_ATTR_NAME;
        b->spk = (stance_span){nm->start, nm->end};
        return 1;
    }
    return 0;
}

static int word_before(ctx *c, size_t pos, size_t floor, size_t *ws, size_t *we);

/* Does the name ending at @p pos follow "with" ("with Trump yelling")? */
static int with_name(ctx *c, size_t pos, size_t floor)
{
    long k = name_before(c, pos);
    size_t ws, we;
    return k >= 0 && c->names->v[k].end == pos && c->names->v[k].start > floor &&
           word_before(c, c->names->v[k].start, floor, &ws, &we) && we - ws == 4 && memcmp(c->t + ws, "with", 4) == 0;
}

/* Before the -ly adverb that ends at @p pos ("reportedly"), past spaces; @p pos
 * itself when there is none. */
static size_t before_ly(ctx *c, size_t pos, size_t floor)
{
    size_t s, e;
    lower_word_before(c, pos, floor, &s, &e);
    if (e != pos || pos - s < 4 || memcmp(c->t + pos - 2, "ly", 2) != 0 || s == floor ||
        !stance_hspace(c->t, back1(c->t, s), c->len))
        return pos;
    while (s > floor && stance_hspace(c->t, back1(c->t, s), c->len))
        s = back1(c->t, s);
    return s;
}

/* A name of @p min_tok words or more ending at @p pos (after @p floor): the speaker. */
static int name_ends_at(ctx *c, size_t pos, size_t floor, unsigned min_tok, attr *b)
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

/* Does [s, e) open with a determiner ("the", "a", "another", ...)? */
static int starts_determiner(ctx *c, size_t s, size_t e)
{
    size_t i = s, ws, we;
    return stance_chunk_next(c->t, &i, e, c->len, &ws, &we) && lq(c->t, ws, we, STANCE_LQ(DETERMINERS));
}

static int try_before(ctx *c, seg *q, size_t cs, size_t end, attr *a, int *that_clause, size_t *tail_len)
{
    int r, tries = 0;
    if (cs >= end)
        return 0;
again:
    if ((r = run(c, P_BEFORE, cs, end)) <= 0)
        return r;
    {
        stance_span np = group(c, 1), v = group(c, 2), tail = group(c, 3), punct = group(c, 4);
        attr b = *a;
        b.role = NOSPAN;
        size_t pv = v.start;
        while (pv > np.start && stance_hspace(c->t, back1(c->t, pv), c->len))
            pv = back1(c->t, pv);
        /* 'Sanders compared himself to Clinton, saying, "': the words before
         * ', saying' are a clause, whose subject speaks */
        size_t pw, pe, pa;
        const int part = ing_word(c->t, v.start, v.end);
        lower_word_before(c, pv, np.start, &pw, &pe);
        if (part && pv > np.start && (c->t[pv - 1] == ',' || (pw < pv && lq(c->t, pw, pv, STANCE_LQ(PART_LEAD)))) &&
            sentence_subject(c, q, v, &b))
            ;
        else if (part && pv > np.start && c->t[pv - 1] != ',' &&
                 (name_ends_at(c, pv, np.start, 2, &b) ||
                  (((pa = before_ly(c, pv, np.start)) != pv || with_name(c, pa, np.start)) &&
                   name_ends_at(c, pa, np.start, 1, &b))))
            ; /* 'footage of Jane Doe asking, "', 'with Trump (reportedly) yelling: "': the name
               * right before the participle or its adverb; one word will do after an adverb or "with" */
        else if (!(parse_np(c, np.start, np.end, 0, &b) &&
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
            if ((r2 = try_before(c, q, we, end, &b2, &tc2, &tl2)) < 0)
                return r2;
            if (r2 && (b2.how == STANCE_ATTR_NAME || b2.how == STANCE_ATTR_PRONOUN)) {
                *a = b2;
                *that_clause = tc2;
                *tail_len = tl2;
                return 1;
            }
            break;
        }
        b.cue = v;
        b.a_start = np.start;
        b.a_end = tail.end;
        *tail_len = tail.end - tail.start;
        *that_clause = 0;
        {
            size_t k = tail.end;
            while (k > tail.start && stance_hspace(c->t, k - 1, c->len))
                k--;
            if (k - tail.start >= 4 && memcmp(c->t + k - 4, "that", 4) == 0 &&
                (k - tail.start == 4 || !is_word_byte((unsigned char)c->t[k - 5])))
                *that_clause = 1;
        }
        if (tail.end == tail.start && punct.end == punct.start &&
            !(v.end - v.start == 4 && memcmp(c->t + v.start, "that", 4) == 0))
            *that_clause = 0;
        (void)q;
        *a = b;
        return 1;
    }
}

/* Pattern @p which on [start, end): its noun phrase (group 1) as the speaker,
 * its verb (group 2) as the cue. */
static int np_verb(ctx *c, int which, size_t start, size_t end, attr *a)
{
    int r;
    if (start >= end)
        return 0;
    if ((r = run(c, which, start, end)) > 0) {
        stance_span np = group(c, 1), v = group(c, 2);
        attr b = *a;
        b.role = NOSPAN;
        if (parse_np(c, np.start, np.end, 0, &b)) {
            b.cue = v;
            b.a_start = np.start;
            b.a_end = v.end;
            *a = b;
            return 1;
        }
    }
    return r < 0 ? r : 0;
}

static int try_partial(ctx *c, seg *q, size_t cs, attr *a)
{
    return np_verb(c, P_PARTIAL, cs, q->open, a);
}

static int try_partial_after(ctx *c, seg *q, attr *a)
{
    return np_verb(c, P_PARTIAL_AFTER, q->close, after_end(c, q, WINDOW), a);
}

/* Context of the preceding character of the opening mark. */
static int prev_ctx(ctx *c, seg *q)
{
    const char *t = c->t;
    size_t i = q->open;
    while (i > q->para) {
        size_t p = back1(t, i), ml;
        unsigned char b = (unsigned char)t[p];
        if (stance_hspace(t, p, c->len)) {
            i = p;
            continue;
        }
        if (b == '.' || b == '?' || b == '!')
            return PC_SENT;
        if (mark_at(t, p, c->len, &ml) != MK_NONE) {
            size_t pp = p > q->para ? back1(t, p) : p;
            unsigned char bb = (unsigned char)t[pp];
            if (bb == '.' || bb == '?' || bb == '!')
                return PC_SENT;
            return PC_OTHER;
        }
        if (b == ':')
            return PC_COLON;
        if (b == ',')
            return PC_COMMA;
        if (is_dash_at(t, p, c->len))
            return PC_DASH;
        if (b == '(')
            return PC_PAREN;
        if (is_word_byte(b)) {
            /* Bounded: a run of non-ASCII bytes (e.g. nested curly marks) counts as
             * one "word", and rescanning it for every mark was quadratic. */
            size_t k = p, stop = p - q->para > 128 ? p - 128 : q->para;
            while (k > stop && is_word_byte((unsigned char)t[k - 1]) && !stance_hspace(t, k - 1, c->len))
                k--;
            return letter_case(t, k, c->len) == 1 ? PC_CAPWORD : PC_WORD;
        }
        return PC_OTHER;
    }
    return PC_PARA;
}

/* Does @p o close in the paragraph just before the one where @p q opens? */
static int in_para_before(ctx *c, const seg *o, const seg *q)
{
    size_t k;
    if (o->close_para >= q->para)
        return 0;
    k = para_end(c, o->close);
    while (k < q->para && (c->t[k] == '\n' || stance_hspace(c->t, k, c->len)))
        k += step1(c->t, k, c->len);
    return k >= q->para;
}

/* ---- speakers -------------------------------------------------------------- */

/* Index of the last names entry starting before @p pos, or -1. */
static long name_before(ctx *c, size_t pos)
{
    size_t lo = 0, hi = c->names->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->names->v[mid].start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (long)lo - 1;
}

/* Canonical span and gender of a name mention [s, e). */
static void canonicalise(ctx *c, attr *a)
{
    size_t s = a->spk.start, e = a->spk.end, last;
    unsigned n;
    long k;
    if (a->how == STANCE_ATTR_LABEL) {
        a->canon = a->spk;
        return;
    }
    n = stance_names_bare(c->t, &s, &e, &last);
    if (!n) {
        a->canon = a->spk;
        return;
    }
    k = stance_names_canonical(c->names, c->t, s, e, last);
    if (k >= 0) {
        a->name = k;
        a->canon = (stance_span){c->names->v[k].bare, c->names->v[k].last_end};
    } else {
        a->canon = (stance_span){s, e};
        k = name_before(c, a->spk.end);
        if (k >= 0 && c->names->v[k].last_end == e)
            a->name = k;
    }
    if (a->name >= 0 && c->sur_gender)
        a->gender = c->sur_gender[a->name];
    if (a->gender == STANCE_G_UNKNOWN) {
        a->gender = stance_names_gender(c->t, a->spk.start, a->spk.end);
        if (a->gender == STANCE_G_UNKNOWN)
            a->gender = stance_names_gender(c->t, a->canon.start, a->canon.end);
    }
}

/* Gender per surname group, from the hints of all its runs. */
static int surname_genders(ctx *c)
{
    stance_namelist *l = c->names;
    size_t i = 0;
    if (!l->n)
        return STANCE_OK;
    c->sur_gender = stance_calloc(l->n, sizeof *c->sur_gender);
    c->group = stance_calloc(l->n, sizeof *c->group);
    c->ggender = stance_calloc(l->n, sizeof *c->ggender);
    if (!c->sur_gender || !c->group || !c->ggender)
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
            if (b->gender == STANCE_G_MALE)
                m++;
            else if (b->gender == STANCE_G_FEMALE)
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
static size_t surname_runs(ctx *c, long k)
{
    size_t g, n = 0;
    if (!c->group)
        return 1;
    for (g = c->group[k]; g < c->names->n && same_surname(c, (long)c->names->by_last[g], k); g++)
        n++;
    return n;
}

static int in_quote(ctx *c, size_t pos, size_t upto)
{
    size_t lo = 0, hi = upto;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->s[mid].cs <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
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
    if (nm->last_end - nm->last < 2 || stance_names_is_title(c->t + nm->last, nm->last_end - nm->last))
        return 1; /* "(R)", an initial, a bare title ("Attorney General") */
    if (nm->ntok == 1 && lq(c->t, nm->last, nm->last_end, STANCE_LQ(ORG_ALONE)))
        return 1;
    return place_first(c, nm);
}

/* Is the name in subject position: followed by a verb-like word or an appositive? */
static int is_subject(ctx *c, const stance_name *nm)
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
    while (we < c->len && ascii_lower((unsigned char)t[we]))
        we++;
    return we > ws && !lq(t, ws, we, STANCE_LQ(SUBJ_NOT_VERB));
}

/* ---- pronoun antecedents: sentences and their subjects ------------------------ */

/* Is the '.' at @p p the end of an abbreviation or initial ("Sen.", "J.", "U.S.")? */
static int abbrev_dot(ctx *c, size_t p, size_t floor)
{
    size_t k = p;
    while (k > floor && (is_word_byte((unsigned char)c->t[k - 1]) && (unsigned char)c->t[k - 1] < 0x80))
        k--;
    if (p - k == 1 && ascii_upper((unsigned char)c->t[k]))
        return 1; /* an initial */
    if (k > floor && c->t[k - 1] == '.' && p - k == 1 && ascii_upper((unsigned char)c->t[k]))
        return 1; /* U.S. / D.C. (not "7 p.m. He said") */
    if (p - k <= 4 && ascii_upper((unsigned char)c->t[k]) && stance_names_is_title(c->t + k, p - k + 1))
        return 1; /* a title written with its dot ("Sen.", "Gov.", "Gen.") */
    return lq(c->t, k, p, STANCE_LQ(ABBR_DOT));
}

/* Start of the sentence holding @p pos, no further back than @p floor: after
 * a paragraph break, or after [.?!] (and closing marks) followed by a space
 * and a capital or an opening mark. */
static size_t sent_start(ctx *c, size_t pos, size_t floor)
{
    const char *t = c->t;
    size_t i = pos;
    while (i > floor) {
        unsigned char b = (unsigned char)t[i - 1];
        if (b == '\n')
            return i;
        if (b == '.' || b == '?' || b == '!') {
            size_t j = i, ml, h;
            int sp = 0;
            while (j < pos && j < c->len) {
                int m = mark_at(t, j, c->len, &ml);
                if (m == MK_RIGHT || m == MK_STRAIGHT || t[j] == '\'' || t[j] == ')' || t[j] == ']')
                    j += m != MK_NONE ? ml : 1;
                else if ((unsigned char)t[j] == 0xE2 && j + 2 < c->len && (unsigned char)t[j + 1] == 0x80 &&
                         (unsigned char)t[j + 2] == 0x99)
                    j += 3; /* ’ */
                else
                    break;
            }
            while (j < pos && (h = (size_t)stance_hspace(t, j, c->len))) {
                j += h;
                sp = 1;
            }
            if (sp && j <= pos && j < c->len &&
                (ascii_upper((unsigned char)t[j]) || mark_at(t, j, c->len, &ml) == MK_LEFT ||
                 mark_at(t, j, c->len, &ml) == MK_STRAIGHT) &&
                !(b == '.' && abbrev_dot(c, i - 1, floor)))
                return j;
        }
        i--;
    }
    return floor;
}

/* The word before @p pos within [floor, pos), skipping spaces: 1 and its span
 * if it directly precedes, 0 if punctuation or the floor comes first. */
static int word_before(ctx *c, size_t pos, size_t floor, size_t *ws, size_t *we)
{
    size_t e = pos, s;
    while (e > floor && stance_hspace(c->t, back1(c->t, e), c->len))
        e = back1(c->t, e);
    s = e;
    while (s > floor && (ascii_lower((unsigned char)c->t[s - 1]) || ascii_upper((unsigned char)c->t[s - 1])))
        s--;
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
    if (word_before(c, nm->start, ss, &ws, &we) && lq(t, ws, we, STANCE_LQ(OBJ_LEFT)) &&
        !((we - ws == 2 && memcmp(t + ws, "of", 2) == 0) && word_before(c, ws, ss, &w2s, &w2e) &&
          ascii_upper((unsigned char)t[w2s])))
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
    if (k + 3 < c->len && memcmp(t + k, "of ", 3) == 0 && ascii_upper((unsigned char)t[k + 3])) {
        /* "Jane Roe of Ohio, a delegate, said" / "John Doe of Dayton said" */
        size_t j = k + 3, stop = k + 40 < c->len ? k + 40 : c->len;
        while (j < stop && t[j] != ',' && t[j] != '\n' &&
               !(ascii_lower((unsigned char)t[j]) && stance_hspace(t, j - 1, c->len)))
            j++; /* up to the comma, unless a lowercase word comes first */
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
            while (j < c->len && ascii_upper((unsigned char)t[j]) && caps < 5) {
                size_t stop = j + 40 < c->len ? j + 40 : c->len; /* (bounded: words are short) */
                while (j < stop && !stance_hspace(t, j, c->len) && t[j] != ',' && t[j] != '\n')
                    j++;
                caps++;
                j = skip_hs(t, j, c->len);
            }
            for (e2 = j; e2 < c->len && e2 - j < 40 && ascii_lower((unsigned char)t[e2]);)
                e2++;
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
    while (we < c->len && ascii_lower((unsigned char)t[we]))
        we++;
    if (we - ws == 3 && memcmp(t + ws, "and", 3) == 0 && we + 1 < c->len && ascii_upper((unsigned char)t[we + 1]))
        return 1; /* "Jane Roe and John Doe are ..." */
    if (we == ws || lq(t, ws, we, STANCE_LQ(SLOT_NOT_VERB)))
        return 0;
    if (we - ws > 4 && we < c->len && stance_hspace(t, we, c->len) &&
        (memcmp(t + we - 2, "er", 2) == 0 || memcmp(t + we - 2, "or", 2) == 0 || memcmp(t + we - 3, "ist", 3) == 0 ||
         memcmp(t + we - 3, "ant", 3) == 0 || memcmp(t + we - 3, "man", 3) == 0)) {
        /* "Obama consultant Cornell Belcher": a noun before a name */
        size_t i = we + (size_t)stance_hspace(t, we, c->len);
        if (i < c->len && ascii_upper((unsigned char)t[i]))
            return 0;
    }
    return 1;
}

/* The first token of a run, all capitals ("CBS", "XM"): a broadcaster or firm. */
static int acronym_head(ctx *c, const stance_name *nm)
{
    size_t i = nm->bare, n = 0;
    while (i < nm->last_end && ascii_upper((unsigned char)c->t[i])) {
        i++;
        n++;
    }
    return n >= 2 && (i >= c->len || !is_word_byte((unsigned char)c->t[i]));
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
        if (k2 + 4 < c->len && memcmp(c->t + k2, "who", 3) == 0 && !is_word_byte((unsigned char)c->t[k2 + 3]))
            return 1;
    }
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
    if (we - ws <= 4 || !ascii_upper((unsigned char)t[ws]))
        return 0;
    if (memcmp(t + we - 3, "ing", 3) != 0 && memcmp(t + we - 2, "ed", 2) != 0)
        return 0;
    if (we < lim && t[we] == ',')
        return 0;
    return stance_chunk_next(t, &i, lim, c->len, &s2, &e2) && lq(t, s2, e2, STANCE_LQ(INTRO_NEXT));
}

/* person_like() and "org or acronym" of the names a resolution looks at,
 * computed once per pronoun: bit 1 known, bit 2 person, bit 4 org. */
#define PMEMO 96
typedef struct pmemo {
    long top; /* the names entry of v[0]; v[i] is top - i */
    unsigned char v[PMEMO];
} pmemo;

static unsigned name_class(ctx *c, size_t qi, long k, pmemo *m)
{
    long i = m->top - k;
    unsigned r;
    if (i >= 0 && i < PMEMO && m->v[i])
        return m->v[i];
    r = org_like(c, &c->names->v[k]) || acronym_head(c, &c->names->v[k]) ? 5u : 1u;
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
    if (word_before(c, s0, ss, &ws, &we) && we - ws == 1 && t[ws] == 's' && ws >= ss + 2) {
        /* "noted NBC's Jane Roe": step over the possessive */
        size_t q = ws - 1;
        if (t[q] == '\'' || (q >= ss + 2 && memcmp(t + q - 2, "\xE2\x80\x99", 3) == 0)) {
            q = t[q] == '\'' ? q : q - 2;
            while (q > ss && !stance_hspace(t, q - 1, c->len))
                q--;
            s0 = q;
        }
    }
    if (word_before(c, s0, ss, &ws, &we)) {
        if (we - ws == 2 && memcmp(t + ws, "to", 2) == 0 && word_before(c, ws, ss, &ws, &we) &&
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
        while (we < c->len && ascii_lower((unsigned char)t[we]))
            we++;
        if (!lq(t, ws, we, STANCE_LQ(SAYS)))
            return 0;
    }
    while (p > ss && stance_hspace(t, back1(t, p), c->len))
        p = back1(t, p);
    return p > ss && t[p - 1] == ',';
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
            mid = p > 0 && (ascii_lower((unsigned char)t[p - 1]) || t[p - 1] == ',');
        }
        if (!mid)
            return 0;
    }
    k = skip_hs(t, k, c->len);
    ws = we = k;
    while (we < c->len && ascii_lower((unsigned char)t[we]))
        we++;
    return we - ws > 3 && (memcmp(t + we - 2, "ed", 2) == 0 || memcmp(t + we - 2, "ly", 2) == 0 ||
                           (we - ws == 4 && memcmp(t + ws, "said", 4) == 0) ||
                           (we - ws == 4 && memcmp(t + ws, "says", 4) == 0) ||
                           (we - ws == 4 && memcmp(t + ws, "told", 4) == 0));
}

enum { SI_NONE, SI_NAME, SI_OTHER, SI_SAME };

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
            size_t lo = 0, hi = c->n;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (c->s[mid].open < ss)
                    lo = mid + 1;
                else
                    hi = mid;
            }
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
        while (w2 > ws && !is_word_byte((unsigned char)t[w2 - 1]))
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
        long k = name_before(c, ss) + 1;
        for (int n = 0; k < (long)c->names->n && c->names->v[k].start < lim && n < 12; k++, n++) {
            const stance_name *nm = &c->names->v[k];
            int ng;
            if (nm->end <= from || in_quote(c, nm->start, c->n) || !attributes_sentence(c, nm, ss) ||
                !(name_class(c, qi, k, m) & 2u))
                continue;
            ng = c->ggender ? c->ggender[c->group[k]] : nm->gender;
            *first = k;
            return ng != STANCE_G_UNKNOWN && ng != g ? SI_OTHER : SI_NAME;
        }
    }
    {
        long k = name_before(c, ss) + 1;
        for (int n = 0; k < (long)c->names->n && c->names->v[k].start < lim && n < 12; k++, n++) {
            const stance_name *nm = &c->names->v[k];
            int ng;
            if (nm->end <= from)
                continue; /* in the opening phrase */
            if (in_quote(c, nm->start, c->n) || !subject_slot(c, nm, ss) ||
                (!(name_class(c, qi, k, m) & 2u) && ((name_class(c, qi, k, m) & 4u) || !opening_subject(c, nm, from))))
                continue;
            ng = c->ggender ? c->ggender[c->group[k]] : nm->gender;
            *first = k;
            return ng != STANCE_G_UNKNOWN && ng != g ? SI_OTHER : SI_NAME;
        }
    }
    return SI_NONE;
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
static void resolve_pronoun(ctx *c, size_t qi, attr *a)
{
    size_t pos = a->spk.start;
    int g = a->gender;
    long k, best = -1, nearest = -1, pick = -1;
    size_t floor = pos > 2000 ? pos - 2000 : 0, cur_ss = (size_t)-1, lim = pos;
    int kind = SI_NONE, sents = 0, nopick = 0, old_done = 0, person;
    unsigned cls;
    pmemo memo;
    long first = -1;
    if (g == STANCE_G_UNKNOWN)
        return; /* they / we / I: left unresolved */
    k = name_before(c, pos);
    memset(&memo, 0, sizeof memo);
    memo.top = k + 8; /* sentence scans look a little past the pronoun's name */
    for (int steps = 0; k >= 0 && steps < 40; k--, steps++) {
        const stance_name *nm = &c->names->v[k];
        int ng = c->ggender ? c->ggender[c->group[k]] : nm->gender;
        if (nm->start < floor)
            break;
        if (in_quote(c, nm->start, c->n))
            continue; /* names inside quotes (this one included) are not antecedents */
        if (ng != STANCE_G_UNKNOWN && ng != g)
            continue;
        cls = name_class(c, qi, k, &memo);
        person = (cls & 2u) != 0;
        if (!person && (nopick || nm->ntok != 1 || (cls & 4u)))
            continue;
        if (!nopick && (nm->start < cur_ss || cur_ss == (size_t)-1)) {
            if (cur_ss != (size_t)-1)
                lim = cur_ss;
            cur_ss = sent_start(c, nm->start, floor);
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
        if (!old_done && is_subject(c, nm)) {
            if (c->names->v[best].start - nm->start < SUBJECT_REACH)
                best = k;
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
            (nearest < 0 || c->names->v[nearest].start < prev_end))
            best = pk;
    }
    if (best < 0)
        return;
    {
        const stance_name *nm = &c->names->v[best];
        long kk = stance_names_canonical(c->names, c->t, nm->bare, nm->last_end, nm->last);
        a->name = kk >= 0 ? kk : best;
        a->canon = (stance_span){c->names->v[a->name].bare, c->names->v[a->name].last_end};
        if (c->ggender && c->ggender[c->group[best]] == STANCE_G_UNKNOWN)
            c->ggender[c->group[best]] = g; /* "gender from the pronouns already used" */
    }
}

/* ---- main ------------------------------------------------------------------ */

/* Is the word before @p pos a preposition ("a message to Trump:")? */
static int after_prep(ctx *c, size_t pos, size_t floor)
{
    size_t s, e;
    lower_word_before(c, pos, floor, &s, &e);
    return lq(c->t, s, e, STANCE_LQ(PREPS));
}

/* Does the word before the opening mark make the quote part of a noun phrase
 * ('a goal of "Peace Through Strength"', 'on CNN's "State of the Union"')? */
static int embedded_np(ctx *c, const seg *q)
{
    const char *t = c->t;
    size_t e = q->open, s;
    while (e > q->para && stance_hspace(t, back1(t, e), c->len))
        e = back1(t, e);
    s = e;
    while (s > q->para && !stance_hspace(t, back1(t, s), c->len))
        s = back1(t, s);
    if (e - s >= 2 && (t[e - 1] == 's' || t[e - 1] == 'S') &&
        (t[e - 2] == '\'' || (e - s >= 4 && memcmp(t + e - 4, "\xE2\x80\x99", 3) == 0)))
        return 1; /* possessive: CNN's "..." */
    return lq(t, s, e, STANCE_LQ(NP_LEAD));
}

/* Is [s, e) one to four lowercase words and spaces? */
static int only_lower_words(ctx *c, size_t s, size_t e)
{
    int words = 0, in = 0;
    if (e <= s || e - s > 60)
        return 0;
    for (size_t i = s; i < e; i++) {
        if (stance_hspace(c->t, i, c->len))
            in = 0;
        else if (ascii_lower((unsigned char)c->t[i]) || (in && c->t[i] == '-')) {
            words += !in;
            in = 1;
        } else
            return 0;
    }
    return words >= 1 && words <= 4;
}

/* 'Jane Doe then addressed the crowd: "...': a clause that ends with a colon
 * and has no reporting verb introduces a quote of its subject, the name (or
 * he/she) that opens the clause [cs, ce) and is followed by a verb. */
static int colon_subject(ctx *c, size_t cs, size_t ce, attr *a)
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
        else if (lq(c->t, ws, w2, STANCE_LQ(INTRO))) {
            /* 'In 1998, Governor ...': skip the introductory phrase up to its comma */
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
        if (k >= 0 && c->names->v[k].start == ws && c->names->v[k].ntok == 1 && (size_t)k + 1 < c->names->n &&
            stance_names_is_title(c->t + c->names->v[k].bare, c->names->v[k].last_end - c->names->v[k].bare) &&
            only_lower_words(c, c->names->v[k].end, c->names->v[k + 1].start)) {
            /* "Republican presidential nominee Donald Trump issued ...:": the name after the role */
            k++;
            ws = c->names->v[k].start;
        }
        if (k < 0 || c->names->v[k].start != ws || c->names->v[k].end >= ce || !is_subject(c, &c->names->v[k]) ||
            dateline_at(c, &c->names->v[k]))
            return 0;
        if (c->names->v[k].ntok == 1 && c->names->v[k].end < ce && c->t[c->names->v[k].end] == ',' &&
            c->names->v[k].end - ws > 4 &&
            (memcmp(c->t + c->names->v[k].end - 2, "ly", 2) == 0 ||
             memcmp(c->t + c->names->v[k].end - 4, "wise", 4) == 0))
            return 0; /* 'Likewise, a paper ...': a sentence adverb, not a name */
        a->how = STANCE_ATTR_NAME;
        a->spk = (stance_span){c->names->v[k].start, c->names->v[k].end};
    }
    a->role = a->cue = NOSPAN;
    a->a_start = cs;
    a->a_end = ce;
    return 1;
}

/* An attribution after a comma or mark at @p close (as if @p q closed there)
 * that runs to within 30 bytes of @p end and has a reporting verb: '..., Jane
 * Roe said.' ending a sentence or paragraph. 1 and @p a set, 0, or <0 error. */
static int attribution_ending(ctx *c, const seg *q, size_t close, size_t end, attr *a)
{
    seg tmp = *q;
    attr b = *a;
    int r;
    tmp.close = close;
    if ((r = try_after(c, &tmp, &b)) <= 0)
        return r;
    if (b.a_end + 30 < end || b.cue.start == STANCE_NO_OFFSET)
        return 0;
    *a = b;
    return 1;
}

/* An inverted attribution before the mark: the capitalised run @p nm opens with
 * "Said"/"Says"/"Added"/"Asked" ('Said Jane Roe, "') or follows a lowercase
 * "said" ('But, said Jane Roe, "'). The run then names the speaker. */
static int inverted_said(ctx *c, stance_span *nm, size_t floor, attr *a)
{
    size_t i = nm->start, ws, we, s = STANCE_NO_OFFSET;
    attr b = *a;
    if (stance_chunk_next(c->t, &i, nm->end, c->len, &ws, &we) && lq(c->t, ws, we, STANCE_LQ(INV)))
        s = we;
    else if (word_before(c, nm->start, floor, &ws, &we) && lq(c->t, ws, we, STANCE_LQ(INV_LOWER)))
        s = nm->start;
    if (s == STANCE_NO_OFFSET)
        return 0;
    b.role = NOSPAN;
    if (!parse_np(c, s, nm->end, NP_VERB_FIRST, &b) || b.how != STANCE_ATTR_NAME)
        return 0;
    b.cue = (stance_span){ws, we};
    b.a_start = ws;
    b.a_end = nm->end;
    *a = b;
    return 1;
}

/* The paragraph after the one @p q closes is a dash and a name only, as pull
 * quotes are signed: '"..."\n\n- Jane Doe.' / '-President Jane Roe, tweeting.' */
static int dash_para(ctx *c, seg *q, attr *a)
{
    const char *t = c->t;
    size_t k = q->close, s, e, pe;
    attr b = *a;
    k = skip_hs(t, k, c->len);
    if (k >= c->len || t[k] != '\n')
        return 0; /* the quote does not end its paragraph */
    while (k < c->len && (t[k] == '\n' || stance_hspace(t, k, c->len)))
        k += step1(t, k, c->len);
    if (k + 2 >= c->len)
        return 0;
    if (t[k] == '-')
        s = k + (t[k + 1] == '-' ? 2 : 1);
    else if (is_dash_at(t, k, c->len))
        s = k + 3;
    else
        return 0;
    s = skip_hs(t, s, c->len);
    if (s >= c->len || letter_case(t, s, c->len) != 1)
        return 0;
    for (pe = s; pe < c->len && t[pe] != '\n' && pe - s <= 100; pe++)
        ;
    if (pe - s > 100)
        return 0; /* a paragraph of text, not a signature */
    for (e = s; e < pe && t[e] != ',' && t[e] != ';' && !(t[e] == '.' && (e + 1 == pe || stance_hspace(t, e + 1, c->len)) &&
                                                           !abbrev_dot(c, e, s));
         e++)
        ;
    b.role = NOSPAN;
    if (!parse_np(c, s, e, NP_VERB_FIRST, &b) || b.how != STANCE_ATTR_NAME)
        return 0;
    b.cue = NOSPAN;
    b.a_start = k;
    b.a_end = e;
    *a = b;
    return 1;
}

/* A source in brackets right after the quote ('..." [HuffPost.]'): one to three
 * capitalised words, an optional dot. */
static int bracket_source(ctx *c, const seg *q, attr *a)
{
    const char *t = c->t;
    size_t k = q->close, s, e;
    attr b = *a;
    k = skip_hs(t, k, c->len);
    if (k + 3 >= c->len || t[k] != '[' || !ascii_upper((unsigned char)t[k + 1]))
        return 0;
    s = k + 1;
    for (e = s; e < c->len && e - s < 40 && t[e] != ']' && t[e] != '\n' && t[e] != '['; e++)
        ;
    if (e >= c->len || t[e] != ']')
        return 0;
    {
        size_t te = e;
        while (te > s && (t[te - 1] == '.' || stance_hspace(t, back1(t, te), c->len)))
            te = back1(t, te);
        b.role = NOSPAN;
        if (!parse_np(c, s, te, NP_AT_VERB, &b) || b.how != STANCE_ATTR_NAME)
            return 0;
    }
    b.cue = NOSPAN;
    b.a_start = k;
    b.a_end = e + 1;
    *a = b;
    return 1;
}

/* Is the word right before the mark at @p open (past a comma or colon) a
 * participle of speech: '..., saying, "', 'writing "'? */
static int speech_lead(ctx *c, size_t open, size_t floor)
{
    size_t e = open, s;
    while (e > floor && stance_hspace(c->t, back1(c->t, e), c->len))
        e = back1(c->t, e);
    if (e > floor && (c->t[e - 1] == ',' || c->t[e - 1] == ':'))
        e--;
    lower_word_before(c, e, floor, &s, &e);
    return s < e && (s == floor || !is_word_byte((unsigned char)c->t[s - 1])) &&
           lq(c->t, s, e, STANCE_LQ(SPEECH_ING));
}

/* Pattern @p which (a subject, then a verb) on the sentence [s, e): when its
 * subject is a name (or, with @p pronoun, a pronoun), *@p a becomes that
 * attribution. 1 if it did, 0 if not, < 0 on a match error. */
static int speech_sentence(ctx *c, int which, size_t s, size_t e, int pronoun, attr *a)
{
    int r;
    if ((r = run(c, which, s, e)) <= 0)
        return r;
    stance_span np = group(c, 1), v = group(c, 2);
    attr b = *a;
    b.role = NOSPAN;
    if (!parse_np(c, np.start, np.end, 0, &b) ||
        !(b.how == STANCE_ATTR_NAME || (pronoun && b.how == STANCE_ATTR_PRONOUN)))
        return 0;
    b.cue = v;
    b.a_start = np.start;
    b.a_end = v.end;
    *a = b;
    return 1;
}

/* Is [s, e) between two quotes only a speech participle with its punctuation
 * (', adding: ', ' saying, ')? */
static int participle_link(ctx *c, size_t s, size_t e)
{
    size_t i = s, ws, we, k;
    while (i < e && (stance_hspace(c->t, i, c->len) || c->t[i] == ','))
        i += step1(c->t, i, c->len);
    if (!stance_chunk_next(c->t, &i, e, c->len, &ws, &we))
        return 0;
    k = we;
    while (k > ws && (c->t[k - 1] == ':' || c->t[k - 1] == ','))
        k--;
    if (!lq(c->t, ws, k, STANCE_LQ(SPEECH_ING)))
        return 0;
    i = we;
    while (i < e && (stance_hspace(c->t, i, c->len) || c->t[i] == ',' || c->t[i] == ':'))
        i += step1(c->t, i, c->len);
    return i == e;
}

static int classify_seg(ctx *c, size_t qi)
{
    seg *q = &c->s[qi];
    const char *t = c->t;
    int fc, endp = 0, words = 0, r, that_clause = 0;
    size_t cs, bcs, tail_len = 0, k;
    attr after = q->a, before = q->a;
    int have_after = 0, have_before = 0, need_before;
    size_t la, lb, lafter;

    /* transcript label */
    if (label_at(c, q->cs, &la, &lb, &lafter) && lafter < q->ce) {
        q->a.how = STANCE_ATTR_LABEL;
        q->a.rule = STANCE_RULE_LABEL;
        q->a.spk = (stance_span){la, lb};
        q->cs = lafter;
        q->kind = K_DIRECT;
        q->a.a_start = la;
        q->a.a_end = lb;
        return STANCE_OK;
    }
    q->pc = prev_ctx(c, q);
    fc = letter_case(t, q->cs, c->len);
    if (fc == 0 && (unsigned char)t[q->cs] == 0xE2) /* "…And" */
        fc = q->cs + 3 < q->ce ? letter_case(t, q->cs + 3, c->len) : 0;
    {
        size_t p = back1(t, q->ce);
        unsigned char b = (unsigned char)t[p];
        endp = b == '.' || b == ',' || b == '?' || b == '!' || b == '-' || is_dash_at(t, p, c->len) ||
               (b == 0xA6 && p >= 2) || b == ')' || b == ']' || b == '\'' || (b == 0x99 && p >= 2) ||
               (q->flags & SEG_UNCLOSED);
    }
    for (k = q->cs; k < q->ce && words < 8; k++)
        if (stance_hspace(t, k, c->len))
            words++;
    words++;

    if ((r = try_after(c, q, &after)) < 0)
        return r;
    have_after = r;
    if (have_after)
        after.rule = STANCE_RULE_AFTER;
    cs = clause_start(c, q->open, q->para);
    if (qi > 0 && c->s[qi - 1].close > cs && c->s[qi - 1].close <= q->open)
        cs = c->s[qi - 1].close;
    bcs = cs;
    /* the attribution before a quote is short: look at its last BEFORE_WINDOW bytes, from a word start */
    if (q->open - bcs > BEFORE_WINDOW) {
        bcs = q->open - BEFORE_WINDOW;
        while (bcs < q->open && !stance_hspace(t, bcs, c->len) && t[bcs] != ',')
            bcs++;
    }
    /* With an attribution after it, a quote that opens a paragraph or sentence
     * is direct and takes that speaker: the clause before it is not needed. */
    need_before = !(have_after && (q->pc == PC_PARA || q->pc == PC_SENT || q->pc == PC_COLON));
    if (need_before && (r = try_before(c, q, bcs, q->open, &before, &that_clause, &tail_len)) < 0)
        return r;
    have_before = need_before && r;
    if (have_before)
        before.rule = STANCE_RULE_BEFORE;
    if (need_before && !have_before && bcs < q->open) {
        /* 'According to X, "' / 'pollster Jane Doe: "' */
        if ((r = run(c, P_BEFORE2, bcs, q->open)) < 0)
            return r;
        if (r) {
            stance_span acc = group(c, 1), nm = group(c, 2), pu = group(c, 3);
            attr b2 = before;
            b2.role = NOSPAN;
            if (acc.start != STANCE_NO_OFFSET && parse_np(c, acc.start, acc.end, NP_VERB_FIRST, &b2)) {
                b2.a_start = acc.start;
                b2.a_end = acc.end;
                b2.rule = STANCE_RULE_ACCORDING;
                before = b2;
                have_before = 1;
            } else if (nm.start != STANCE_NO_OFFSET && c->t[pu.start] == ':' && !after_prep(c, nm.start, bcs) &&
                       parse_np(c, nm.start, nm.end, 0, &b2) && b2.how == STANCE_ATTR_NAME) {
                b2.a_start = nm.start;
                b2.a_end = nm.end;
                b2.rule = STANCE_RULE_NAME_COLON;
                before = b2;
                have_before = 1;
            } else if (nm.start != STANCE_NO_OFFSET && c->t[pu.start] == ',' && inverted_said(c, &nm, bcs, &b2)) {
                before = b2; /* 'Said Jane Roe, "...' / 'But, said Jane Roe, "...' */
                before.rule = STANCE_RULE_INVERTED;
                have_before = 1;
            }
        }
    }
    /* "X said:\n\n"...": the previous paragraph ends with a colon. */
    if (need_before && !have_before && q->pc == PC_PARA && q->para >= 2) {
        size_t pe = q->para - 1;
        while (pe > 0 && (t[pe - 1] == '\n' || stance_hspace(t, back1(t, pe), c->len)))
            pe = back1(t, pe);
        if (pe > 0 && t[pe - 1] == ':') {
            size_t pcs = clause_start(c, pe, 0);
            if ((r = try_before(c, q, pcs, pe, &before, &that_clause, &tail_len)) < 0)
                return r;
            have_before = r;
            if (have_before)
                before.rule = STANCE_RULE_PARA_COLON;
        }
    }

    /* '... gun laws, Clinton said.\n\n"...': a paragraph of her reported speech
     * ends with its attribution, and the quote paragraph goes on with her words */
    if (!have_after && !have_before && q->pc == PC_PARA && q->para >= 2 &&
        !(qi > 0 && c->s[qi - 1].kind == K_DIRECT && in_para_before(c, &c->s[qi - 1], q))) {
        /* (a direct quote in that paragraph: inheritance decides) */
        size_t pe = q->para - 1, kk, lim;
        while (pe > 0 && (t[pe - 1] == '\n' || stance_hspace(t, back1(t, pe), c->len)))
            pe = back1(t, pe);
        lim = pe > 120 ? pe - 120 : 0;
        /* the last comma or quote mark in the last 120 bytes of that paragraph */
        for (kk = pe > 0 ? pe - 1 : 0; kk > lim && t[kk - 1] != '\n'; kk--) {
            const int comma = t[kk - 1] == ',';
            size_t ml = 0, mp = back1(t, kk);
            if (!comma && (mark_at(t, mp, c->len, &ml) == MK_NONE || mp + ml != kk))
                continue; /* neither (or inside a multi-byte mark) */
            {
                attr b5 = before;
                if ((r = attribution_ending(c, q, comma ? kk - 1 : kk, pe, &b5)) < 0)
                    return r;
                /* ', The Hill reported.' cites a source, it does not introduce one */
                if (r && (b5.how == STANCE_ATTR_NAME || b5.how == STANCE_ATTR_PRONOUN) &&
                    !lq(t, b5.cue.start, b5.cue.end, STANCE_LQ(REPORTED))) {
                    before = b5;
                    before.rule = STANCE_RULE_PARA_ENDING;
                    have_before = 1;
                }
            }
            break;
        }
    }
    /* 'Jane Doe then addressed the crowd: "...' (also ending the previous paragraph) */
    if (need_before && !have_before && (q->pc == PC_COLON || q->pc == PC_PARA)) {
        size_t ce = q->open;
        if (q->pc == PC_PARA) {
            ce = q->para >= 2 ? q->para - 1 : 0;
            while (ce > 0 && (t[ce - 1] == '\n' || stance_hspace(t, back1(t, ce), c->len)))
                ce = back1(t, ce);
        } else
            while (ce > q->para && stance_hspace(t, back1(t, ce), c->len))
                ce = back1(t, ce);
        if (ce > 0 && t[ce - 1] == ':' && colon_subject(c, clause_start(c, ce - 1, 0), ce - 1, &before)) {
            have_before = 1;
            before.rule = STANCE_RULE_COLON_SUBJECT;
        }
    }
    /* '"..."\n\n- Jane Doe, tweeting.': a paragraph of its own, a dash and the name */
    if (!have_after && !have_before && !(q->flags & SEG_UNCLOSED) && (r = dash_para(c, q, &after)) != 0) {
        if (r < 0)
            return r;
        have_after = 1;
        after.rule = STANCE_RULE_DASH;
    }
    /* 'Jane Doe said. "..."': the sentence just before the quote attributes it. */
    if (!have_after && !have_before && q->pc == PC_SENT) {
        size_t d = q->open;
        while (d > q->para && stance_hspace(t, back1(t, d), c->len))
            d = back1(t, d);
        /* ('"A," said X, asking for anonymity. "B"': that sentence is the previous
         * quote's attribution, and B inherits its speaker below) */
        const int prev_attr = qi > 0 && c->s[qi - 1].kind == K_DIRECT && c->s[qi - 1].a.how != STANCE_ATTR_NONE &&
                              c->s[qi - 1].a.a_end != STANCE_NO_OFFSET && c->s[qi - 1].a.a_start >= c->s[qi - 1].close &&
                              c->s[qi - 1].close >= q->para && d > q->para &&
                              clause_start(c, d - 1, q->para) == c->s[qi - 1].close;
        if (d > q->para && t[d - 1] == '.' && !prev_attr) {
            size_t pcs = clause_start(c, d - 1, q->para);
            attr b2 = before;
            int tc = 0;
            size_t tl = 0;
            if ((r = try_before(c, q, pcs, d - 1, &b2, &tc, &tl)) < 0)
                return r;
            if (r && tl <= 60 && !tc) {
                before = b2;
                before.rule = STANCE_RULE_PREV_SENT;
                have_before = 1;
            } else {
                /* '..., said Ohio State professor Paul Beck.' : the last comma of that sentence */
                size_t kc = d - 1, lim = d - 1 > pcs + 160 ? d - 1 - 160 : pcs;
                while (kc > lim && t[kc - 1] != ',')
                    kc--;
                if (kc > lim) {
                    attr b3 = before;
                    if ((r = attribution_ending(c, q, kc - 1, d - 1, &b3)) < 0)
                        return r;
                    if (r) {
                        before = b3;
                        before.rule = STANCE_RULE_PREV_SENT_ENDING;
                        have_before = 1;
                    }
                }
            }
            /* 'Jane Doe told the crowd that the plan would fail. "..."': reported
             * speech of a named person (or a pronoun), then her words; 'Jane Doe
             * called him a master of impossible deals. "..."': a named person's
             * speech act about it */
            if (!have_before && words >= 4 && endp) {
                if ((r = speech_sentence(c, P_IND_SAID, pcs, d, 1, &before)) < 0)
                    return r;
                if (!r && (r = speech_sentence(c, P_PARTIAL, pcs, d - 1, 0, &before)) < 0)
                    return r;
                have_before = r;
                if (have_before)
                    before.rule = STANCE_RULE_SPEECH_SENT;
            }
        }
    }

    switch (q->pc) {
    case PC_PARA:
    case PC_SENT:
    case PC_COLON:
    case PC_DASH:
        if (fc == 1 || (fc == 0 && endp) || have_after || have_before)
            q->kind = (fc == -1 && !endp && !have_after) ? K_PARTIAL : K_DIRECT;
        else
            q->kind = K_PARTIAL;
        if (q->kind == K_DIRECT && fc == 1 && !endp && words <= 3 && !have_after && !have_before)
            q->kind = K_PARTIAL;
        break;
    case PC_COMMA:
        if (qi > 0 && c->s[qi - 1].kind == K_DIRECT && c->s[qi - 1].after_reaches)
            q->kind = K_DIRECT;
        else if (have_before && !that_clause && tail_len <= 40 && (fc == 1 || endp))
            q->kind = K_DIRECT;
        else if (fc == 1 && (endp || words >= 4) && (have_after || words >= 6) && !(have_before && that_clause))
            q->kind = K_DIRECT;
        else if (fc == 1 && endp && words >= 3 && !(have_before && that_clause) && speech_lead(c, q->open, q->para))
            q->kind = K_DIRECT; /* 'marched along the quay, chanting, "Open the gates now."' */
        else
            q->kind = K_PARTIAL;
        break;
    case PC_PAREN:
        /* '("I want my dues back," wrote Jane Roe.)': an aside that is a whole quote */
        q->kind = fc == 1 && words >= 3 && (have_after || (endp && words >= 4)) ? K_DIRECT : K_PARTIAL;
        break;
    default:
        if (have_before && !that_clause && tail_len <= 20 && fc == 1 && words >= 3 && !embedded_np(c, q))
            q->kind = K_DIRECT;
        else if (fc == 1 && endp && words >= 3 && speech_lead(c, q->open, q->para))
            q->kind = K_DIRECT; /* 'posted the news, writing "We sail on Friday."' */
        else
            q->kind = K_PARTIAL;
        break;
    }
    /* 'HEADLINE IN CAPITALS "..." [NYT.]': a digest quoting the outlet in brackets */
    if (q->kind != K_DIRECT && !have_after && !have_before && fc == 1 && words >= 4 &&
        bracket_source(c, q, &after)) {
        q->kind = K_DIRECT;
        have_after = 1;
        after.rule = STANCE_RULE_BRACKET;
    }
    /* "(CROSSTALK.)", "(Applause)": stage directions, not quotes */
    if (t[q->cs] == '(' && t[back1(t, q->ce)] == ')')
        q->kind = K_SKIP;
    else if (q->ce - q->cs > 2 && t[q->cs] == '(' && t[back1(t, q->ce)] == '.' && t[back1(t, back1(t, q->ce))] == ')')
        q->kind = K_SKIP;

    /* '"...our jobs" to China, she said': the sentence goes on outside the marks */
    if (q->kind == K_DIRECT && !(q->flags & SEG_UNCLOSED)) {
        size_t k2 = q->close;
        k2 = skip_hs(t, k2, c->len);
        if (k2 < c->len && letter_case(t, k2, c->len) == -1) {
            size_t k3 = k2;
            while (k3 < c->len && ascii_lower((unsigned char)t[k3]))
                k3++;
            /* ('Fenn said, "We will see," when asked': a whole quote after "said,"
             * that ends in a comma, and the sentence goes on) */
            /* (not '"A," and "B"' nor '"A," and, "B"': two quotes, one clause) */
            const size_t k4 = skip_hs(t, k3, c->len);
            const int whole = q->pc == PC_COMMA && have_before && !have_after && !that_clause && tail_len <= 40 &&
                              fc == 1 && q->ce > q->cs && t[back1(t, q->ce)] == ',' && k4 < c->len &&
                              letter_case(t, k4, c->len) == -1 &&
                              lq(t, k2, k3, STANCE_LQ(AFTER_WHOLE));
            if (lq(t, k2, k3, STANCE_LQ(GOES_ON)) && !whole)
                q->kind = K_PARTIAL;
            else if (!endp && !have_after && k3 > k2 && (k3 >= c->len || !is_word_byte((unsigned char)t[k3])) &&
                     !stance_names_pronoun(t, k2, k3, &(int){0}))
                q->kind = K_PARTIAL; /* '"Orange is the New Black" star Jane Roe': a title */
        }
    }
    if (q->kind == K_DIRECT) {
        if (have_after)
            q->a = after;
        else if (have_before)
            q->a = before;
        else if (qi > 0 && c->s[qi - 1].kind != K_SKIP && c->s[qi - 1].a.how != STANCE_ATTR_NONE &&
                 c->s[qi - 1].close_para == q->para && participle_link(c, c->s[qi - 1].close, q->open)) {
            /* 'X called it a "breach of trust," adding: "..."': the participle after
             * the previous quote goes on with its speaker */
            q->a = c->s[qi - 1].a;
            q->a.how = STANCE_ATTR_INHERIT;
            q->a.rule = STANCE_RULE_PARTICIPLE_LINK;
            q->a.a_start = q->a.a_end = STANCE_NO_OFFSET;
        }
        /* does the attribution run up to the next quote ("A," X said, "B") */
        if (have_after && qi + 1 < c->n) {
            size_t e = after.a_end;
            while (e < c->len && (stance_hspace(t, e, c->len) || t[e] == ','))
                e += step1(t, e, c->len);
            /* allow a short tail: ', adding, "' / ' Friday, "' */
            {
                size_t lim = e + 60 < c->s[qi + 1].open ? e + 60 : c->s[qi + 1].open;
                size_t j = e;
                int ok = 1;
                for (; j < lim; j++)
                    if (t[j] == '.' || t[j] == '\n' || t[j] == '!' || t[j] == '?')
                        ok = 0;
                if (ok && c->s[qi + 1].open <= lim + 1)
                    q->after_reaches = 1;
                if (c->s[qi + 1].open == e)
                    q->after_reaches = 1;
            }
        }
    } else {
        attr pa = q->a;
        if (have_before && !that_clause) {
            pa = before;
        } else if ((r = try_partial(c, q, cs, &pa)) < 0) {
            return r;
        } else if (r) {
            pa.rule = STANCE_RULE_PARTIAL_BEFORE;
        } else {
            if ((r = try_partial_after(c, q, &pa)) < 0)
                return r;
            if (r)
                pa.rule = STANCE_RULE_PARTIAL_AFTER;
            else if (have_after)
                pa = after;
        }
        q->a = pa;
        if (q->a.how == STANCE_ATTR_NONE) {
            /* the same sentence as the previous partial quote ('a "liar" and a "cheat"') */
            if (qi > 0 && c->s[qi - 1].kind == K_PARTIAL && c->s[qi - 1].a.how != STANCE_ATTR_NONE &&
                c->s[qi - 1].close_para == q->para) {
                size_t j;
                int same = 1;
                for (j = c->s[qi - 1].close; j < q->open; j++)
                    if ((t[j] == '.' || t[j] == '!' || t[j] == '?') && j + 1 < q->open && stance_hspace(t, j + 1, c->len))
                        same = 0;
                if (same) {
                    q->a = c->s[qi - 1].a;
                    q->a.how = STANCE_ATTR_INHERIT;
                    q->a.rule = STANCE_RULE_PARTIAL_SAME_SENT;
                }
            }
        }
        if (q->a.how == STANCE_ATTR_NONE)
            q->kind = K_SKIP; /* scare quotes, titles, names */
    }
    return STANCE_OK;
}

/* Shrink @p s to UTF-8 character boundaries of @p t (valid UTF-8, so a boundary
 * is any byte that is not a continuation byte, or the end of the text). The
 * scans that produce spans step byte by byte; every span the extractor reports
 * passes through here, in emit(). An unset span stays unset. */
stance_span stance_quotes_snap(const char *t, size_t len, stance_span s)
{
    if (s.start == STANCE_NO_OFFSET || s.end == STANCE_NO_OFFSET)
        return s;
    if (s.end > len)
        s.end = len;
    if (s.start > s.end)
        s.start = s.end;
    while (s.start < s.end && ((unsigned char)t[s.start] & 0xC0) == 0x80)
        s.start++;
    while (s.end > s.start && s.end < len && ((unsigned char)t[s.end] & 0xC0) == 0x80)
        s.end--;
    if (s.start == s.end) /* collapsed inside one character: its start */
        while (s.start > 0 && s.start < len && ((unsigned char)t[s.start] & 0xC0) == 0x80)
            s.end = --s.start;
    return s;
}

const char *stance_quotes_rule_name(int rule)
{
    static const char *const NAMES[STANCE_RULE_COUNT] = {
        "none", "label", "after", "before", "according", "name-colon", "inverted", "para-colon",
        "para-ending", "colon-subject", "dash", "prev-sent", "prev-sent-ending", "speech-sent", "bracket",
        "participle-link", "partial-before", "partial-after", "partial-same-sent", "inherit-partial-end",
        "inherit-prev", "inherit-next", "ind-according", "ind-said", "ind-after"};
    return rule >= 0 && rule < STANCE_RULE_COUNT ? NAMES[rule] : "?";
}

static int emit(ctx *c, seg *q, stance_quote_type type, stance_quotelist *out, int how)
{
    stance_rawquote *r;
    const attr *a = &q->a;
    stance_span role = stance_quotes_snap(c->t, c->len, a->role);
    if (stance_grow((void **)&out->q, &out->cap, out->n + 1, sizeof *out->q))
        return stance_error_set(c->err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    r = &out->q[out->n];
    memset(r, 0, sizeof *r);
    r->span = stance_quotes_snap(c->t, c->len, (stance_span){q->cs, q->ce});
    r->type = type;
    r->speaker_span = stance_quotes_snap(c->t, c->len, a->spk);
    r->cue_span = stance_quotes_snap(c->t, c->len, a->cue);
    r->how = how;
    r->rule = how == STANCE_ATTR_NONE ? STANCE_RULE_NONE : a->rule;
    out->n++;
    if (a->canon.start != STANCE_NO_OFFSET && how != STANCE_ATTR_NONE) {
        stance_span sp = stance_quotes_snap(c->t, c->len, a->how == STANCE_ATTR_NOUN ? a->spk : a->canon);
        if (!(r->speaker = stance_strndup(c->t + sp.start, sp.end - sp.start)))
            return stance_error_set(c->err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    }
    if (role.start != STANCE_NO_OFFSET && role.end > role.start &&
        !(r->role = stance_strndup(c->t + role.start, role.end - role.start)))
        return stance_error_set(c->err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    {
        size_t s = q->open, e = q->close;
        if (how != STANCE_ATTR_INHERIT && a->a_start != STANCE_NO_OFFSET && a->a_end > a->a_start) {
            if (a->a_start < s)
                s = a->a_start;
            if (a->a_end > e)
                e = a->a_end;
        }
        s = clause_start(c, s, s > q->para ? q->para : 0);
        while (s < q->open && stance_hspace(c->t, s, c->len))
            s += (size_t)stance_hspace(c->t, s, c->len);
        e = sentence_end(c, e);
        if (e < q->close)
            e = q->close;
        r->context = stance_quotes_snap(c->t, c->len, (stance_span){s, e});
    }
    return STANCE_OK;
}

/* Emit the indirect speech of sentence [s, e) with content [cs, ce),
 * attributed by @p a. With @p pronoun_unresolved, a pronoun speaker is
 * reported as no attribution. */
static int emit_indirect(ctx *c, size_t s, size_t e, size_t cs, size_t ce, const attr *a, int pronoun_unresolved,
                         stance_quotelist *out)
{
    seg q;
    memset(&q, 0, sizeof q);
    q.open = s;
    q.close = e;
    q.cs = cs;
    q.ce = ce;
    q.para = s;
    q.a = *a;
    canonicalise(c, &q.a);
    return emit(c, &q, STANCE_QUOTE_INDIRECT, out,
                pronoun_unresolved && q.a.how == STANCE_ATTR_PRONOUN ? STANCE_ATTR_NONE : q.a.how);
}

/* Code points in @p s of @p t (valid UTF-8). */
static size_t utf8_chars(const char *t, stance_span s)
{
    size_t n = 0;
    for (size_t i = s.start; i < s.end; i++)
        n += ((unsigned char)t[i] & 0xC0) != 0x80;
    return n;
}

/* Indirect speech in the sentences outside quotes. */
static int extract_indirect(ctx *c, stance_quotelist *out)
{
    const char *t = c->t;
    size_t i = 0, si = 0;
    while (i < c->len) {
        size_t s = i, e;
        int r;
        attr a;
        while (s < c->len && (t[s] == '\n' || stance_hspace(t, s, c->len)))
            s += step1(t, s, c->len);
        if (s >= c->len)
            break;
        e = sentence_end(c, s);
        if (e <= s)
            e = s + 1;
        i = e;
        /* skip sentences overlapping a direct or partial quote */
        while (si < c->n && c->s[si].close <= s)
            si++;
        if (si < c->n && c->s[si].open < e)
            continue;
        memset(&a, 0, sizeof a);
        a.spk = a.role = a.cue = a.canon = NOSPAN;
        a.name = -1;
        if ((r = run(c, P_IND_ACC, s, e)) < 0)
            return r;
        if (r && utf8_chars(t, group(c, 1)) > IND_ACC_MAX_CHARS)
            r = 0;
        if (r) {
            stance_span np = group(c, 1);
            size_t cs = match_end(c), ce = e;
            while (ce > cs && (t[ce - 1] == '.' || stance_hspace(t, back1(t, ce), c->len)))
                ce = back1(t, ce);
            if (parse_np(c, np.start, np.end, NP_VERB_FIRST, &a) && ce > cs) {
                a.cue = NOSPAN;
                a.rule = STANCE_RULE_IND_ACCORDING;
                if ((r = emit_indirect(c, s, e, cs, ce, &a, 0, out)))
                    return r;
                continue;
            }
        }
        if ((r = run(c, P_IND_SAID, s, e)) < 0)
            return r;
        if (r) {
            stance_span np = group(c, 1), v = group(c, 2);
            size_t cs = match_end(c), ce = e;
            while (ce > cs && (t[ce - 1] == '.' || stance_hspace(t, back1(t, ce), c->len)))
                ce = back1(t, ce);
            if (parse_np(c, np.start, np.end, 0, &a) && ce > cs + 8) {
                a.cue = v;
                a.rule = STANCE_RULE_IND_SAID;
                if ((r = emit_indirect(c, s, e, cs, ce, &a, 1, out)))
                    return r;
                continue;
            }
        }
        /* '..., X said.' : search the last comma of the sentence */
        {
            size_t k = e, lim = e > s + WINDOW ? e - WINDOW : s;
            while (k > lim && t[k - 1] != ',')
                k--;
            if (k > lim && k - 1 > s + 8) {
                if ((r = run(c, P_IND_AFTER, k - 1, e)) < 0)
                    return r;
                if (r && pcre2_get_ovector_pointer(c->md)[0] == k - 1) {
                    stance_span np = group(c, 1), v = group(c, 2);
                    memset(&a, 0, sizeof a);
                    a.spk = a.role = a.cue = a.canon = NOSPAN;
                    a.name = -1;
                    if (parse_np(c, np.start, np.end, 0, &a)) {
                        a.cue = v;
                        a.rule = STANCE_RULE_IND_AFTER;
                        if ((r = emit_indirect(c, s, e, s, k - 1, &a, 0, out)))
                            return r;
                    }
                }
            }
        }
    }
    return STANCE_OK;
}

static int span_cmp(const void *x, const void *y)
{
    const stance_rawquote *a = x, *b = y;
    if (a->span.start != b->span.start)
        return a->span.start < b->span.start ? -1 : 1;
    return a->span.end < b->span.end ? -1 : a->span.end > b->span.end;
}

typedef struct spk_key {
    size_t start, end, j;
} spk_key;

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
static int recopy_inherited(ctx *c)
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

int stance_quotes_extract(const stance_qpatterns *p, const char *text, size_t len, unsigned flags,
                          stance_quotelist *out, stance_error *err)
{
    ctx c;
    int rc;
    memset(&c, 0, sizeof c);
    if (!p || !out || (!text && len))
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "NULL argument");
    c.p = p;
    c.t = text;
    c.len = len;
    c.err = err;
    c.names = &out->names;
    if (!(c.md = pcre2_match_data_create(8, p->gctx))) {
        rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
        goto fail;
    }
    if ((rc = stance_names_scan(p->pat[P_NAMES], p->mctx, p->gctx, text, len, &out->names, err)))
        goto fail;
    if ((rc = surname_genders(&c)))
        goto fail;
    if ((rc = scan_marks(&c)))
        goto fail;
    for (size_t i = 0; i < c.n; i++)
        if ((rc = classify_seg(&c, i)))
            goto fail;
    /* Inheritance: a direct quote with no attribution takes the speaker of a
     * neighbour of the same paragraph, or of the quote just before it. */
    for (size_t i = 0; i < c.n; i++) {
        seg *q = &c.s[i];
        if (q->kind != K_DIRECT || q->a.how != STANCE_ATTR_NONE)
            continue;
        for (size_t j = i; j-- > 0;) {
            seg *o = &c.s[j];
            if (o->kind == K_PARTIAL && o->close_para == q->para && o->a.how != STANCE_ATTR_NONE &&
                o->a.how != STANCE_ATTR_INHERIT && o->a.a_end != STANCE_NO_OFFSET && o->a.a_end <= q->open &&
                o->a.a_end >= o->close) {
                /* 'But "...," said Roffman. "He turns like a light switch."': the
                 * partial quote's attribution ends the sentence just before */
                size_t k = o->a.a_end;
                while (k < q->open && (stance_hspace(c.t, k, c.len) || c.t[k] == '.' || c.t[k] == ','))
                    k += step1(c.t, k, c.len);
                if (k == q->open) {
                    q->a = o->a;
                    q->a.how = STANCE_ATTR_INHERIT;
                    q->a.rule = STANCE_RULE_INHERIT_PARTIAL_END;
                    q->a.a_start = q->a.a_end = STANCE_NO_OFFSET;
                }
                break;
            }
            if (o->kind != K_DIRECT)
                continue;
            if (o->a.how != STANCE_ATTR_NONE && (o->close_para == q->para || (q->pc == PC_PARA))) {
                /* the previous paragraph must hold that quote: no other paragraph between */
                if (o->close_para != q->para && !in_para_before(&c, o, q))
                    break;
                q->a = o->a;
                q->a.how = STANCE_ATTR_INHERIT;
                q->a.rule = STANCE_RULE_INHERIT_PREV;
                q->a.a_start = q->a.a_end = STANCE_NO_OFFSET;
            }
            break;
        }
        if (q->a.how == STANCE_ATTR_NONE) {
            for (size_t j = i + 1; j < c.n; j++) {
                seg *o = &c.s[j];
                if (o->para != q->close_para)
                    break;
                if (o->kind != K_DIRECT)
                    continue;
                /* (not from an aside: '"A" came shouts. ("B," said X.)') */
                if (o->a.how != STANCE_ATTR_NONE && o->a.how != STANCE_ATTR_INHERIT && o->pc != PC_PAREN) {
                    q->a = o->a;
                    q->a.how = STANCE_ATTR_INHERIT;
                    q->a.rule = STANCE_RULE_INHERIT_NEXT;
                    q->a.a_start = q->a.a_end = STANCE_NO_OFFSET;
                }
                break;
            }
        }
    }
    /* Canonical names and pronouns, in text order (a pronoun looks back). */
    for (size_t i = 0; i < c.n; i++) {
        seg *q = &c.s[i];
        if (q->kind == K_SKIP)
            continue;
        if (q->a.how == STANCE_ATTR_NAME || q->a.how == STANCE_ATTR_LABEL)
            canonicalise(&c, &q->a);
        else if (q->a.how == STANCE_ATTR_NOUN)
            q->a.canon = q->a.spk;
        else if (q->a.how == STANCE_ATTR_PRONOUN)
            resolve_pronoun(&c, i, &q->a);
        /* STANCE_ATTR_INHERIT: copied from its source below, once that is resolved */
    }
    /* Inherited speakers were copied before resolution: copy again. */
    if ((rc = recopy_inherited(&c)))
        goto fail;
    for (size_t i = 0; i < c.n; i++) {
        seg *q = &c.s[i];
        int how = q->a.how;
        if (q->kind == K_SKIP || (q->kind == K_PARTIAL && (flags & STANCE_OPT_NO_PARTIAL)))
            continue;
        if (how == STANCE_ATTR_PRONOUN && q->a.name < 0)
            q->a.canon = NOSPAN; /* unresolved: no speaker, the mention is still reported */
        if ((rc = emit(&c, q, q->kind == K_DIRECT ? STANCE_QUOTE_DIRECT : STANCE_QUOTE_PARTIAL, out, how)))
            goto fail;
    }
    if (flags & STANCE_OPT_INDIRECT) {
        if ((rc = extract_indirect(&c, out)))
            goto fail;
        if (out->n > 1)
            qsort(out->q, out->n, sizeof *out->q, span_cmp);
    }
    stance_free(c.s);
    stance_free(c.sur_gender);
    stance_free(c.group);
    stance_free(c.ggender);
    pcre2_match_data_free(c.md);
    return STANCE_OK;
fail:
    stance_free(c.s);
    stance_free(c.sur_gender);
    stance_free(c.group);
    stance_free(c.ggender);
    pcre2_match_data_free(c.md);
    stance_quotelist_clear(out);
    return rc;
}
