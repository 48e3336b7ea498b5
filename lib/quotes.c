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

#include <stdatomic.h>
#include <string.h>

#include "qfilter.h"
#include "quotes_int.h"
#include "speaker_form.h"

/* ---- patterns ---------------------------------------------------------- */

#define HS "[ \\x{A0}]"
/* Abbreviations a noun phrase may hold ("Sen. Jane Roe", "pastor in Ft. Worth"); the lookahead on
 * their first letters lets every other character skip the alternation. */
#define ABBRQ                                                                                                      \
    "(?=[ACDFGHIJLMNPRSTv])(?:Sens?|Reps?|Gov|Mrs|Mr|Ms|Dr|Gens?|Lt|Col|Rev|Sgt|Adm|Capt|Prof|Maj|Cmdr|Jr|Sr|St|"  \
    "Atty|Supt|Rt|Hon|Inc|Corp|Co|No|vs|Del|Ft|Mt)\\."
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
    "interrupted|fired back|added later|wondered aloud|cut in|tweets|shrugged|nodded|laments|muses|recalls|"          \
    "acknowledges|concedes|contends|maintains|cautions|predicts|stresses|emphasizes|explains|jokes|warns|"     \
    "writes in|argues|counters|replies|responds|agrees|boasts|complains|declares|exclaims|insists|"           \
    "assured|assures|write|argue|note|add|tell|insist|warn|conclude|explain|contend|assert|acknowledge|"      \
    "admit|recall|predict|came the reply|quipped|reacted|exhorted|questioned|points out|"        \
    "affirms|chanting|remembered|retaliated|tweeting|yelling|shouting|states|riffed|Tweeted|"               \
    "came shouts from|came cries from|came a shout from|came a voice from"
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
              "added|adding|noted|noting|said|says|saying|claimed|claiming|announced|announcing|"             \
              "stated|stating|praising|credited|credits|crediting|indicated|indicates|indicating|thanked|"     \
              "thanks|thanking|demanding|asserting|insisting|arguing|warning|touting|hailing|mocking|"         \
              "dismissing|criticizing|denouncing|lamenting|recalling|boasting|dubbing|labeling|branding|"      \
              /* the other forms of the verbs above, and verbs of criticism and speech acts */                 \
              "admits|admitting|acknowledging|blasts|blaming|brands|cautioning|charges|charging|claims|"       \
              "complaining|conceding|concluding|condemning|confirms|confirming|contending|countering|"         \
              "criticised|criticises|criticising|decrying|deriding|emphasizing|emphasising|explaining|"       \
              "expressing|implied|implies|implying|joking|lambasted|lambastes|lambasting|likening|"            \
              "maintaining|observing|pleading|proclaims|proclaiming|proposed|proposes|proposing|"             \
              "questioning|reiterates|reiterating|remarking|repeats|repeating|revealed|reveals|revealing|"     \
              "ripped|rips|ripping|scolded|scolds|scolding|chided|chides|chiding|slamming|stressing|"          \
              "taunted|taunts|taunting|voiced|voices|voicing|bemoaned|bemoans|bemoaning|lauding|pledging|"  \
              "demand|demanded|demands|countered|counter|talked about|talks about|talking about|talked up|"      \
              "heralded|heralds|portrayed|portrays|portraying|applauded|applauds|worried that|estimated that|"  \
              "found that|offering|accuse|describe|label|anticipated that|pondered|"                \
              "projects that|sees|casts|makes clear that|made clear that|recognized that|naming|echoing|"     \
              "seeks|seeking|talk about|spoke of|speaks of|spoke about|speaks about|spoken of|"           \
              "advising|advises|coached|coaches|coaching|encouraged|encourages|"                            \
              "encouraging|inviting|ruled|ruling"
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

/* After a closing mark: ', X said' / ', said X' (anchored, bounded). No verb
 * right after an article or "of": "one of the states suing" holds a noun. */
static const char AFTER_PAT[] =
    "\\G[,.!?]?" HS "*(?:(?:[\\x{2014}\\x{2013}]|--)" HS "*)?"
    "(?:(" V_CORE ")(?:" HS "+" TIME "\\b[^\\n\"\\x{201C}\\x{201D},.;]{0,30}?)?,?" HS "+(" NPCH "+)"
    "|(" NPCH "+?)" HS "+(?:" V_ADV HS "+){0,2}(?<!\\bthe |\\bThe |\\ba |\\ban |\\bof )(" V_CORE ")(?![\\p{L}\\p{N}-]))";

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

/* A dash attribution without a verb: '..." - Jane Doe', or '..." according to X' (X a name, or a
 * noun phrase: 'according to the news outlet') */
static const char DASH_PAT[] =
    "\\G[,.]?" HS "*(?:(?:[\\x{2014}\\x{2013}\\x{2015}]|--)" HS "*|([Aa]ccording" HS "+to" HS "+))(\\p{Lu}" NPCH
    "*?|(?<=to" HS ")\\p{Ll}" NPCH "*?)" HS "*(?:[.,;]|$)";

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


static const char *const PATTERNS[P_COUNT] = {
    NULL, AFTER_PAT, BEFORE_PAT, BEFORE2_PAT, PARTIAL_PAT, PARTIAL_AFTER_PAT, DASH_PAT, LABEL_PAT, IND_SAID_PAT, IND_AFTER_PAT,
    IND_ACC_PAT};

/* The verb lists as the prefilters of stance_q_run() see them: word set bits. */
enum { VL_CORE = 1, VL_PARTIAL = 2, VL_IND_SAID = 4, VL_IND_AFTER = 8 };
static const char *const VERB_LISTS[] = {VERB_CORE, VERB_PARTIAL, VERB_IND_SAID, VERB_IND_AFTER};

/* The JIT-compiled copies of the patterns, each made on the first match that
 * needs it (JIT-compiling all eleven at open was most of a model's start-up).
 * A copy is published with one compare-and-swap; a thread that loses the race
 * frees its own copy and uses the winner's. */
typedef struct qjit {
    _Atomic(pcre2_code *) code[P_COUNT];
} qjit;

/* pat[] is compiled at open and never changed after (it is only copied), so a
 * model shared by threads stays immutable to the caller: matching only ever
 * runs a published, finished copy in jit->code[]. */
struct stance_qpatterns {
    pcre2_general_context *gctx;
    pcre2_match_context *mctx;
    pcre2_code *pat[P_COUNT];
    stance_wordset *verbs; /* first words of VERB_LISTS (qfilter.h) */
    qjit *jit;
};

/* Bounds on any one match: every pattern looks at a few hundred bytes. */
#define MATCH_LIMIT 200000u
#define DEPTH_LIMIT 2000u
#define HEAP_LIMIT_KIB 2048u

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
    if (!(p = stance_calloc(1, sizeof *p)) || !(p->jit = stance_malloc(sizeof *p->jit)))
        goto nomem;
    for (int i = 0; i < P_COUNT; i++)
        atomic_init(&p->jit->code[i], NULL);
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
    }
    if ((rc = stance_wordset_new(VERB_LISTS, (int)(sizeof VERB_LISTS / sizeof *VERB_LISTS), &p->verbs, err)))
        goto fail;
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
    for (int i = 0; i < P_COUNT; i++) {
        if (p->jit)
            pcre2_code_free(atomic_load_explicit(&p->jit->code[i], memory_order_acquire));
        pcre2_code_free(p->pat[i]);
    }
    stance_free(p->jit);
    pcre2_match_context_free(p->mctx);
    pcre2_general_context_free(p->gctx);
    stance_wordset_free(p->verbs);
    stance_free(p);
}

/* The pattern @which ready to match: its JIT-compiled copy, made here on first
 * use. Out of memory for the copy or the JIT is STANCE_ERR_NOMEM (nothing is
 * published, a later call tries again); a JIT that is unavailable (another
 * error) leaves the copy to the interpreter, as a failed JIT always has. */
static int ready_pattern(const stance_qpatterns *p, int which, const pcre2_code **out, stance_error *err)
{
    pcre2_code *code = atomic_load_explicit(&p->jit->code[which], memory_order_acquire), *seen = NULL;
    if (!code) {
        if (!(code = pcre2_code_copy(p->pat[which])) ||
            pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == PCRE2_ERROR_NOMEMORY) {
            pcre2_code_free(code);
            return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
        }
        if (!atomic_compare_exchange_strong_explicit(&p->jit->code[which], &seen, code, memory_order_acq_rel,
                                                     memory_order_acquire)) {
            pcre2_code_free(code); /* another thread published its copy first */
            code = seen;
        }
    }
    *out = code;
    return STANCE_OK;
}

int stance_quotes_jit_all(const stance_qpatterns *p, stance_error *err)
{
    const pcre2_code *code;
    int rc = STANCE_OK;
    for (int i = 0; p && !rc && i < P_COUNT; i++)
        rc = ready_pattern(p, i, &code, err);
    return rc;
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

static int push_seg(ctx *c, size_t open, size_t cs, size_t ce, size_t close, size_t para, size_t close_para,
                    unsigned flags);
static int continues(ctx *c, size_t open, size_t para, size_t next);
static int fills_para(const ctx *c, size_t from);
static int closes_like(const char *t, size_t j, size_t len);
static size_t nickname_open(ctx *c, size_t p, size_t floor);
static int scan_marks(ctx *c);
stance_span stance_quotes_snap(const char *t, size_t len, stance_span s);
const char *stance_quotes_rule_name(int rule);
static int emit(ctx *c, seg *q, stance_quote_type type, stance_quotelist *out, int how);
static int span_cmp(const void *x, const void *y);
int stance_quotes_extract(const stance_qpatterns *p, const char *text, size_t len, unsigned flags,
                          stance_quotelist *out, stance_error *err);

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

/* May the quote opened at @p open (paragraph @p para) and left open at the end
 * of its paragraph run on into the next one, whose opening mark ends at @p next?
 * Not when it is the second part of a quote split by its attribution ('"A,"
 * Jane Doe said. "B...'): that part ends with its paragraph, and the next
 * paragraph is a quote of its own -- unless that paragraph is all quote (its
 * quote closes at the paragraph's end or is left open again), with no
 * attribution of its own: then it is the same quote going on. */
static int continues(ctx *c, size_t open, size_t para, size_t next)
{
    size_t k = open;
    int word = 0;
    while (k > para) {
        size_t p = k - 1;
        unsigned char b = (unsigned char)c->t[p];
        if (b == ' ' || b == '\t') {
            k = p;
            continue;
        }
        if (stance_nbsp_ends(c->t, para, k)) {
            k -= 2;
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
        return !word || fills_para(c, next);
    }
    return 1;
}

/* Does the quote whose opening mark ends at @p from close at the end of its
 * paragraph, or not at all in it? Its first closing mark of either family (a
 * straight one after no space) is the one read. */
static int fills_para(const ctx *c, size_t from)
{
    const char *t = c->t;
    size_t i = from, ml;
    while (i < c->len && t[i] != '\n') {
        int mk = mark_at(t, i, c->len, &ml);
        if ((mk == MK_RIGHT || (mk == MK_STRAIGHT && i > from && !stance_hspace(t, back1(t, i), c->len))) &&
            closes_like(t, i + ml, c->len)) {
            i += ml;
            while (i < c->len && t[i] != '\n' && stance_hspace(t, i, c->len))
                i += (size_t)stance_hspace(t, i, c->len);
            return i >= c->len || t[i] == '\n';
        }
        i += mk == MK_NONE ? 1 : ml;
    }
    return 1;
}

/* A nickname in marks inside a name, 'Marcia "Cia" Price': the mark at @p i
 * (@p ml bytes) opens one capitalised word after a capitalised word that is no
 * title or function word, and a capitalised word that is no function word
 * follows the closing mark. Returns the end of the closing mark, or 0. */
size_t stance_q_nickname_end(ctx *c, size_t i, size_t ml, size_t para)
{
    const char *t = c->t;
    size_t ws = i - 1, k = i + ml, cl = 0;
    int mk;
    if (i < para + 3 || t[i - 1] != ' ')
        return 0;
    while (ws > para && i - ws < 24 && letter_before(t, ws, c->len, -1))
        ws = back1(t, ws); /* (bounded: a first name is short) */
    if (ws > para && letter_before(t, ws, c->len, 1))
        ws = back1(t, ws);
    if (ws + 2 > i - 1 || !upper_at(t, ws, c->len) || (ws > para && stance_is_word_byte((unsigned char)t[ws - 1])) ||
        stance_names_is_stopword(t + ws, i - 1 - ws) || stance_names_is_title(t + ws, i - 1 - ws))
        return 0; /* (a headline: 'Trump Says "Rigged" Vote') */
    if (!upper_at(t, k, c->len))
        return 0;
    for (k = next1(t, k, c->len); k < c->len && k - i < 24 && (lower_at(t, k, c->len) || t[k] == '.');)
        k = next1(t, k, c->len);
    if (k >= c->len)
        return 0; /* the text ends inside it */
    mk = mark_at(t, k, c->len, &cl);
    if (!(mk == MK_RIGHT || (mk == MK_STRAIGHT && t[i] == '"')))
        return 0;
    k += cl;
    if (k + 1 >= c->len || t[k] != ' ' || !upper_at(t, k + 1, c->len))
        return 0;
    {
        size_t e = k + 1;
        while (letter_at(t, e, c->len))
            e = next1(t, e, c->len);
        return stance_names_is_stopword(t + k + 1, e - k - 1) ? 0 : k;
    }
}

/* The opening mark of the nickname whose closing mark is at @p p, or STANCE_NO_OFFSET. */
static size_t nickname_open(ctx *c, size_t p, size_t floor)
{
    const char *t = c->t;
    size_t k = p, ml = 0, cl = 0, o;
    while (k > floor && k + 24 > p && (letter_before(t, k, c->len, -1) || t[k - 1] == '.'))
        k = back1(t, k);
    if (k <= floor || !letter_before(t, k, c->len, 1))
        return STANCE_NO_OFFSET;
    k = back1(t, k);
    if (k <= floor)
        return STANCE_NO_OFFSET;
    o = back1(t, k);
    if (o < floor || mark_at(t, o, c->len, &ml) == MK_NONE || o + ml != k)
        return STANCE_NO_OFFSET;
    mark_at(t, p, c->len, &cl);
    return stance_q_nickname_end(c, o, ml, floor) == p + cl ? o : STANCE_NO_OFFSET;
}

/* Does the mark at @p i stand where a quote opens: at the paragraph start,
 * after a space, an opening bracket, a slash or a dash? */
static int opens_like(const char *t, size_t i, size_t para, size_t len)
{
    size_t pv = i > para ? back1(t, i) : i;
    unsigned char pb = i > para ? (unsigned char)t[pv] : ' ';
    return i == para || stance_hspace(t, pv, len) || pb == '(' || pb == '[' || pb == '{' || pb == '/' || pb == '-' ||
           is_dash_at(t, pv, len);
}

/* Does the mark that ends at @p j stand where a quote closes: before the end,
 * a space, punctuation, a dash, another mark or an ellipsis? */
static int closes_like(const char *t, size_t j, size_t len)
{
    size_t h;
    unsigned char nb = j < len ? (unsigned char)t[j] : '\n';
    return j >= len || nb == '\n' || stance_hspace(t, j, len) || nb == '.' || nb == ',' || nb == ';' || nb == ':' ||
           nb == '!' || nb == '?' || nb == ')' || nb == ']' || is_dash_at(t, j, len) || mark_at(t, j, len, &h) != MK_NONE ||
           (nb == 0xE2 && j + 2 < len && (unsigned char)t[j + 1] == 0x80 && (unsigned char)t[j + 2] == 0xA6);
}

/* The first byte at or after @p i that is '"', '\n' or not ASCII (or @p len):
 * eight bytes at a time over the rest. */
static size_t plain_end(const char *t, size_t i, size_t len)
{
    for (;;) {
        size_t end;
        while (i + 8 <= len) {
            uint64_t w = stance_b8_load(t + i);
            if (stance_b8_high(w) || stance_b8_has(w, '"') || stance_b8_has(w, '\n'))
                break;
            i += 8;
        }
        for (end = i + 8 < len ? i + 8 : len; i < end; i++) {
            unsigned char ch = (unsigned char)t[i];
            if (ch >= 0x80 || ch == '"' || ch == '\n')
                return i;
        }
        if (i >= len)
            return len;
    }
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
        /* fast path: ordinary ASCII bytes inside a paragraph */
        if (!at_head && ch < 0x80 && ch != '"' && ch != '\n') {
            i = plain_end(t, i + 1, len);
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
                if ((mk == MK_LEFT || mk == MK_STRAIGHT) && !stance_q_label_at(c, i + ml, &a, &b, &d) &&
                    !(i + ml < len && t[i + ml] == '(') && continues(c, qopen, qpara, i + ml)) {
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
            const int openish = opens_like(t, i, para, len), closeish = closes_like(t, i + ml, len);
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
            } else if (open_now && (h = stance_q_nickname_end(c, i, ml, para)) != 0) {
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

/* Can pattern @p which match at @p start on text[0, end)? 0 only when it
 * cannot: each test is a necessary condition read off the pattern (qfilter.h).
 *   AFTER, IND_SAID, IND_AFTER: the verb follows a noun phrase (or, in AFTER,
 *     opens the window after one of ",.!?"), so it comes before the first
 *     character no noun phrase holds.
 *   PARTIAL_AFTER: a ',' comes before the first of '\n', '"', '!', '?', U+201C,
 *     U+201D; the verb follows a noun phrase after it (which may hold ';').
 *   BEFORE, PARTIAL: what follows the verb up to the end holds no line break
 *     and no double quote mark.
 *   BEFORE2: it ends in [,:] and spaces.
 *   DASH: a dash or "according" opens it, after [,.]? and spaces. */
int stance_q_may_match(const ctx *c, int which, size_t start, size_t end)
{
    const stance_wordset *v = c->p->verbs;
    switch (which) {
    case P_AFTER:
        return stance_qf_verb_ahead(v, c->t, start, end, VL_CORE, STANCE_QF_STOP_NPCH);
    case P_IND_SAID:
        return stance_qf_verb_ahead(v, c->t, start, end, VL_IND_SAID, STANCE_QF_STOP_NPCH);
    case P_IND_AFTER:
        return stance_qf_verb_ahead(v, c->t, start, end, VL_IND_AFTER, STANCE_QF_STOP_NPCH);
    case P_PARTIAL_AFTER: {
        size_t k = stance_qf_first_comma(c->t, start, end);
        return k < end && stance_qf_verb_ahead(v, c->t, k + 1, end, VL_CORE, STANCE_QF_STOP_SENT);
    }
    case P_BEFORE:
        return stance_qf_verb_behind(v, c->t, start, end, VL_CORE);
    case P_PARTIAL:
        return stance_qf_verb_behind(v, c->t, start, end, VL_PARTIAL);
    case P_BEFORE2:
        return stance_qf_ends_comma_colon(c->t, start, end);
    case P_DASH:
        return stance_qf_dash_next(c->t, start, end);
    default:
        return 1;
    }
}

int stance_q_partial_verb(const ctx *c, size_t s, size_t e)
{
    return (stance_wordset_lists(c->p->verbs, c->t + s, e - s) & VL_PARTIAL) != 0;
}

int stance_q_run(ctx *c, int which, size_t start, size_t end)
{
    if (start > end || !stance_q_may_match(c, which, start, end))
        return 0;
    return stance_q_match(c, which, start, end);
}

int stance_q_match(ctx *c, int which, size_t start, size_t end)
{

    const pcre2_code *code;
    int m;
    if (start > end)
        return 0;
    if ((m = ready_pattern(c->p, which, &code, c->err)))
        return m;
    m = pcre2_match(code, (PCRE2_SPTR)c->t, end, start, PCRE2_NO_UTF_CHECK, c->md, c->p->mctx);
    if (m >= 0)
        return 1;
    if (m == PCRE2_ERROR_NOMATCH || m == PCRE2_ERROR_PARTIAL)
        return 0;
    if (stance_pcre2_status(m) == STANCE_ERR_NOMEM)
        return stance_pcre2_error(c->err, m, start, "quote matching");
    return 0; /* match/depth/heap/JIT stack limit: treat as no attribution */
}

int stance_q_label_at(ctx *c, size_t i, size_t *lab_s, size_t *lab_e, size_t *after)
{
    size_t end = i + 80 < c->len ? i + 80 : c->len, k = i;
    int r;
    while (k < end && (c->t[k] == ' ' || c->t[k] == '\t'))
        k++;
    /* a label starts with two capitals */
    if (k + 1 >= end || !upper_at(c->t, k, c->len) || next1(c->t, k, c->len) >= end ||
        !(upper_at(c->t, next1(c->t, k, c->len), c->len) || c->t[next1(c->t, k, c->len)] == '.' ||
          c->t[next1(c->t, k, c->len)] == '\''))
        return 0;
    r = stance_q_run(c, P_LABEL, i, end);
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

/* Nonzero when the eight bytes of @p w are ASCII and none of them is one the
 * walk of stance_q_clause_start() stops or counts at ('\n', ';', '(', ')',
 * '"', '.', '?', '!'): each would only step back one byte. */
static inline int clause_plain8(uint64_t w)
{
    return !(stance_b8_high(w) | stance_b8_has(w, '\n') | stance_b8_has(w, ';') | stance_b8_has(w, '(') |
             stance_b8_has(w, ')') | stance_b8_has(w, '"') | stance_b8_has(w, '.') | stance_b8_has(w, '?') |
             stance_b8_has(w, '!'));
}

/* The start of the clause that ends at @p pos: the previous sentence end,
 * quote mark or paragraph start, at most WINDOW bytes back. */
size_t stance_q_clause_start(ctx *c, size_t pos, size_t floor)
{
    const char *t = c->t;
    size_t lim = pos > WINDOW ? pos - WINDOW : 0, i = pos, depth = 0, slow = 0;
    if (lim < floor)
        lim = floor;
    while (i > lim) {
        size_t p, ml;
        unsigned char b;
        if (i >= lim + 8 && i > slow) { /* ordinary text: eight bytes a step */
            if (clause_plain8(stance_b8_load(t + i - 8))) {
                i -= 8;
                continue;
            }
            slow = i - 8; /* byte by byte down to there */
        }
        p = back1(t, i);
        b = (unsigned char)t[p];
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
            while (k > lim && letter_before(t, k, c->len, 0))
                k = back1(t, k);
            if (b != '.' || !stance_q_abbrev_dot(c, p, lim)) {
                size_t nx = i;
                while (nx < pos && stance_hspace(t, nx, c->len))
                    nx += (size_t)stance_hspace(t, nx, c->len);
                /* "the No. 2 in the party", "Art. 5": an abbreviation before a number */
                if (b == '.' && p - k >= 2 && p - k <= 3 && upper_at(t, k, c->len) && nx < pos &&
                    t[nx] >= '0' && t[nx] <= '9')
                    ;
                else if (!(b == '.' && k < p && next1(t, k, c->len) == p && upper_at(t, k, c->len)))
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

static size_t q_sent_break(ctx *c, size_t i, size_t pos, size_t floor);

/* End of the sentence that contains @p pos (bounded): a line break, or a
 * [.?!] (with the closing marks right after it) where stance_q_sent_start()
 * would start the next sentence (white space then a capital or an opening
 * mark; not the dot of an abbreviation or initial: '... apology to Sen.
 * Bernie Sanders'), or the end of the text or line after it. */
size_t stance_q_sentence_end(ctx *c, size_t pos)
{
    const char *t = c->t;
    size_t lim = pos + WINDOW < c->len ? pos + WINDOW : c->len, i = pos, j, floor = pos > WINDOW ? pos - WINDOW : 0;
    while (i < lim) {
        unsigned char b = (unsigned char)t[i];
        if (b == '\n')
            return i;
        if (b == '.' || b == '?' || b == '!') {
            j = i + 1;
            while (j < c->len && stance_hspace(t, j, c->len))
                j += (size_t)stance_hspace(t, j, c->len);
            if (j >= c->len || t[j] == '\n')
                return i + 1;
            if ((j = q_sent_break(c, i + 1, lim, floor)) != 0) {
                while (j > i + 1 && stance_hspace(t, back1(t, j), c->len))
                    j = back1(t, j);
                return j; /* past its closing marks */
            }
        }
        i++;
    }
    return i;
}

/* Where the sentence end is looked for after a quote whose attribution
 * ends before its closing mark: at the [.?!] that ends its content when
 * there is one ("Lopez said: \"... families.\" Baker will visit ...": the
 * quote ends its sentence, and the next one is not its context), else
 * after the closing mark. */
static size_t closing_end(ctx *c, const seg *q)
{
    size_t i = q->ce;
    while (i > q->cs && stance_hspace(c->t, back1(c->t, i), c->len))
        i = back1(c->t, i);
    if (i > q->cs && q->ce < q->close && (c->t[i - 1] == '.' || c->t[i - 1] == '?' || c->t[i - 1] == '!'))
        return i - 1;
    return q->close;
}

/* Context of the preceding character of the opening mark. */
int stance_q_prev_ctx(ctx *c, seg *q)
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
        if (stance_is_word_byte(b)) {
            /* Bounded: a run of non-ASCII bytes (e.g. nested curly marks) counts as
             * one "word", and rescanning it for every mark was quadratic. */
            size_t k = p, stop = p - q->para > 128 ? p - 128 : q->para;
            while (k > stop && stance_is_word_byte((unsigned char)t[k - 1]) && !stance_hspace(t, k - 1, c->len))
                k--;
            return letter_case(t, k, c->len) == 1 ? PC_CAPWORD : PC_WORD;
        }
        return PC_OTHER;
    }
    return PC_PARA;
}

/* Where the paragraph after the one @p o closes in starts (past blank lines,
 * at most q's paragraph start), or STANCE_NO_OFFSET when @p o closes in the
 * paragraph of @p q or after it. */
size_t stance_q_para_after(ctx *c, const seg *o, const seg *q)
{
    size_t k;
    if (o->close_para >= q->para)
        return STANCE_NO_OFFSET;
    k = para_end(c, o->close);
    while (k < q->para && (c->t[k] == '\n' || stance_hspace(c->t, k, c->len)))
        k += step1(c->t, k, c->len);
    return k;
}

/* Does @p o close in the paragraph just before the one where @p q opens? */
int stance_q_in_para_before(ctx *c, const seg *o, const seg *q)
{
    size_t k = stance_q_para_after(c, o, q);
    return k != STANCE_NO_OFFSET && k >= q->para;
}

/* Is the '.' at @p p the end of an abbreviation or initial ("Sen.", "J.", "U.S.")? */
static int abbrev_dot(const char *t, size_t len, size_t p, size_t floor)
{
    size_t k = p;
    while (k > floor && ((stance_is_word_byte((unsigned char)t[k - 1]) && (unsigned char)t[k - 1] < 0x80) ||
                         letter_before(t, k, len, 0)))
        k = back1(t, k);
    const int one = k < p && next1(t, k, len) == p && upper_at(t, k, len);
    if (one)
        return 1; /* an initial ("J.", "Ł.") */
    if (k > floor && t[k - 1] == '.' && one)
        return 1; /* U.S. / D.C. (not "7 p.m. He said") */
    if (p - k <= 4 && upper_at(t, k, len) && stance_names_is_title(t + k, p - k + 1))
        return 1; /* a title written with its dot ("Sen.", "Gov.", "Gen.") */
    return lq(t, k, p, STANCE_LQ(ABBR_DOT));
}

int stance_q_abbrev_dot(ctx *c, size_t p, size_t floor)
{
    return abbrev_dot(c->t, c->len, p, floor);
}

/* Can a sentence open at t[j] (after a stop and white space)? What the token
 * layer takes (tokens.h, SENTENCES): a capital, a digit, an opening or straight
 * quote mark, an opening bracket or a dash ("\u2014", "--", " - "). */
static int q_sent_opener(const char *t, size_t j, size_t len)
{
    size_t ml;
    int m = mark_at(t, j, len, &ml);
    return upper_at(t, j, len) || (t[j] >= '0' && t[j] <= '9') || m == MK_LEFT || m == MK_STRAIGHT || t[j] == '(' ||
           t[j] == '[' || is_dash_at(t, j, len) ||
           (t[j] == '-' && j + 1 < len && (t[j + 1] == '-' || stance_hspace(t, j + 1, len)));
}

/* Does a sentence start after t[i - 1] (a paragraph break, or [.?!] and
 * closing marks followed by a space and a sentence opener (q_sent_opener()), looked
 * for up to @p pos)? Its start, else 0. */
static size_t sent_break(const char *t, size_t len, size_t i, size_t pos, size_t floor)
{
    unsigned char b = (unsigned char)t[i - 1];
    size_t j = i, ml, h;
    int sp = 0;
    if (b == '\n')
        return i;
    if (b != '.' && b != '?' && b != '!')
        return 0;
    while (j < pos && j < len) {
        int m = mark_at(t, j, len, &ml);
        if (m == MK_RIGHT || m == MK_STRAIGHT || t[j] == '\'' || t[j] == ')' || t[j] == ']')
            j += m != MK_NONE ? ml : 1;
        else if ((unsigned char)t[j] == 0xE2 && j + 2 < len && (unsigned char)t[j + 1] == 0x80 &&
                 (unsigned char)t[j + 2] == 0x99)
            j += 3; /* ’ */
        else
            break;
    }
    while (j < pos && (h = (size_t)stance_hspace(t, j, len))) {
        j += h;
        sp = 1;
    }
    if (sp && j <= pos && j < len && q_sent_opener(t, j, len) && !(b == '.' && abbrev_dot(t, len, i - 1, floor)))
        return j;
    return 0;
}

static size_t q_sent_break(ctx *c, size_t i, size_t pos, size_t floor)
{
    return sent_break(c->t, c->len, i, pos, floor);
}

int stance_q_sent_end_at(ctx *c, size_t k, size_t lim, size_t floor)
{
    const char *t = c->t;
    size_t j = k + 1;
    if (k >= c->len || (t[k] != '.' && t[k] != '?' && t[k] != '!'))
        return 0;
    while (j < c->len && stance_hspace(t, j, c->len))
        j += (size_t)stance_hspace(t, j, c->len);
    return j >= c->len || t[j] == '\n' || q_sent_break(c, k + 1, lim, floor) != 0;
}

size_t stance_sent_start_in_plain(const char *t, size_t len, size_t pos, size_t floor)
{
    size_t j;
    for (size_t i = pos; i > floor; i--)
        if ((j = sent_break(t, len, i, pos, floor)) != 0)
            return j;
    return floor;
}

/* As stance_sent_start_in_plain(), sixteen bytes a step where none is a stop
 * or line break (only those can start a sentence after them). */
size_t stance_sent_start_in(const char *t, size_t len, size_t pos, size_t floor)
{
#if defined(__SSE2__)
    size_t i = pos, j;
    while (i > floor) {
        if (i - floor >= 16) { /* to the last stop of t[i - 16, i), or past all sixteen */
            unsigned m = stance_stops16(t + i - 16);
            if (!m) {
                i -= 16;
                continue;
            }
            i = i - 15 + (unsigned)(31 - __builtin_clz(m));
        }
        if ((j = sent_break(t, len, i, pos, floor)) != 0)
            return j;
        i--;
    }
    return floor;
#else
    return stance_sent_start_in_plain(t, len, pos, floor);
#endif
}

/* The end of the character at t[@p pos] (the text holds all of it). */
static size_t char_end(const char *t, size_t pos)
{
    const unsigned char b = (unsigned char)t[pos];
    return pos + (b < 0xC0u ? 1 : b < 0xE0u ? 2 : b < 0xF0u ? 3 : 4);
}

size_t stance_sent_start_char(const char *t, size_t pos, size_t floor)
{
    return stance_sent_start_in(t, char_end(t, pos), pos, floor);
}

size_t stance_sent_start_char_plain(const char *t, size_t pos, size_t floor)
{
    return stance_sent_start_in_plain(t, char_end(t, pos), pos, floor);
}

size_t stance_q_sent_start_plain(ctx *c, size_t pos, size_t floor)
{
    return stance_sent_start_in_plain(c->t, c->len, pos, floor);
}

size_t stance_q_sent_start(ctx *c, size_t pos, size_t floor)
{
    return stance_sent_start_in(c->t, c->len, pos, floor);
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
        "inherit-prev", "inherit-next", "ind-according", "ind-said", "ind-after", "lead-subject", "prev-quote",
        "prev-subject", "split", "signature", "headline"};
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
    if (role.start != STANCE_NO_OFFSET && a->canon.start != STANCE_NO_OFFSET && how != STANCE_ATTR_NONE &&
        a->how != STANCE_ATTR_NOUN && role.start >= a->canon.start && role.end <= a->canon.end)
        role.start = STANCE_NO_OFFSET; /* words of the name itself: "Harlan Gas &" of "Harlan Gas & Electric" */
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
        s = stance_q_clause_start(c, s, s > q->para ? q->para : 0);
        while (s < q->open && stance_hspace(c->t, s, c->len))
            s += (size_t)stance_hspace(c->t, s, c->len);
        e = stance_q_sentence_end(c, e == q->close ? closing_end(c, q) : e);
        if (e < q->close)
            e = q->close;
        r->context = stance_quotes_snap(c->t, c->len, (stance_span){s, e});
    }
    return STANCE_OK;
}

/* Emit the indirect speech of sentence [s, e) with content [cs, ce),
 * attributed by @p a. With @p pronoun_unresolved, a pronoun speaker is
 * reported as no attribution. */
int stance_q_emit_indirect(ctx *c, size_t s, size_t e, size_t cs, size_t ce, const attr *a, int pronoun_unresolved,
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
    stance_q_canonicalise(c, &q.a);
    return emit(c, &q, STANCE_QUOTE_INDIRECT, out,
                pronoun_unresolved && q.a.how == STANCE_ATTR_PRONOUN ? STANCE_ATTR_NONE : q.a.how);
}

/* Code points in @p s of @p t (valid UTF-8). */
size_t stance_q_utf8_chars(const char *t, stance_span s)
{
    size_t n = 0;
    for (size_t i = s.start; i < s.end; i++)
        n += ((unsigned char)t[i] & 0xC0) != 0x80;
    return n;
}

static int span_cmp(const void *x, const void *y)
{
    const stance_rawquote *a = x, *b = y;
    if (a->span.start != b->span.start)
        return a->span.start < b->span.start ? -1 : 1;
    return a->span.end < b->span.end ? -1 : a->span.end > b->span.end;
}

int stance_quotes_extract(const stance_qpatterns *p, const char *text, size_t len, unsigned flags,
                          stance_quotelist *out, stance_error *err)
{
    ctx c;
    const pcre2_code *names;
    int rc;
    memset(&c, 0, sizeof c);
    if (!p || !out || (!text && len))
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "NULL argument");
    if (len == 0)
        return STANCE_OK; /* no quotes and no names (and no pattern JIT-compiled for them) */
    c.p = p;
    c.t = text;
    c.len = len;
    c.err = err;
    c.names = &out->names;
    if (!(c.md = pcre2_match_data_create(8, p->gctx))) {
        rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
        goto fail;
    }
    if ((rc = ready_pattern(p, P_NAMES, &names, err)) ||
        (rc = stance_names_scan(names, p->mctx, p->gctx, text, len, &out->names, err)))
        goto fail;
    if ((rc = stance_q_surname_genders(&c)))
        goto fail;
    if ((rc = scan_marks(&c)))
        goto fail;
    for (size_t i = 0; i < c.n; i++) {
        if ((rc = stance_q_classify_seg(&c, i)))
            goto fail;
        stance_q_and_said_direct(&c, &c.s[i]);
    }
    if ((rc = stance_q_speakers(&c)))
        goto fail;
    for (size_t i = 0; i < c.n; i++) {
        seg *q = &c.s[i];
        int how = q->a.how;
        if (q->kind == K_SKIP || (q->flags & SEG_TITLE) || (q->kind == K_PARTIAL && (flags & STANCE_OPT_NO_PARTIAL)))
            continue;
        if (how == STANCE_ATTR_PRONOUN && q->a.name < 0 && q->a.name != NAME_NOUN_PHRASE)
            q->a.canon = NOSPAN; /* unresolved: no speaker, the mention is still reported */
        if ((rc = emit(&c, q, q->kind == K_DIRECT ? STANCE_QUOTE_DIRECT : STANCE_QUOTE_PARTIAL, out, how)))
            goto fail;
    }
    if (flags & STANCE_OPT_INDIRECT) {
        if ((rc = stance_q_extract_indirect(&c, out)))
            goto fail;
        if (out->n > 1)
            qsort(out->q, out->n, sizeof *out->q, span_cmp);
    }
    if ((rc = stance_speaker_forms(out, text, len, err))) /* a name and a role (speaker_form.h) */
        goto fail;
    rc = STANCE_OK;
fail: /* (also the way out on success: rc is STANCE_OK there) */
    stance_free(c.s);
    stance_free(c.sur_gender);
    stance_free(c.group);
    stance_free(c.ggender);
    stance_free(c.lgender);
    stance_free(c.lowseen);
    pcre2_match_data_free(c.md);
    stance_wordix_free(&out->names.firsts); /* the speakers' (names.c's glued words), not the runs' later users' */
    if (rc)
        stance_quotelist_clear(out);
    return rc;
}
