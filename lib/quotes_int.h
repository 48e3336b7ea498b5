/*
 * quotes_int.h - private to the quote extractor (quotes.c, np.c, sieves*.c,
 * indirect.c, speakers.c): the per-call state, the pattern ids and the small
 * text tests every stage uses. Not installed, not used outside these files
 * (and tests/test_quotes.c, which checks the prefilters of stance_q_run()).
 *
 *   quotes.c    patterns, quote marks and spans, clauses and sentences, emit
 *   np.c        noun-phrase recognisers over the words of an attribution
 *   sieves.c    the ordered attribution sieves and the direct/partial decision
 *   sieves_before.c, sieves_after.c  the attribution before / after a quote
 *   sieves_subject.c, sieves_late.c  the subject finders; the late sieves
 *   indirect.c  the indirect-speech sieves
 *   speakers.c  mention -> speaker: names, pronouns, inheritance (last stage)
 *   speakers_desc.c  pronouns that continue a description or document (speakers_int.h)
 */
#ifndef STANCE_QUOTES_INT_H
#define STANCE_QUOTES_INT_H
#include <string.h>

#include "lexicon.h"
#include "quotes.h"
#include "tokens.h"

enum { P_NAMES, P_AFTER, P_BEFORE, P_BEFORE2, P_PARTIAL, P_PARTIAL_AFTER, P_DASH, P_LABEL, P_IND_SAID, P_IND_AFTER, P_IND_ACC,
       P_COUNT };

/* Longest window a pattern sees around a quote. */
#define WINDOW 320
/* a subject this much further back than the nearest name still wins (bytes) */
#define SUBJECT_REACH 200
/* sentences a pronoun looks back over for a subject */
#define PRON_MAX_SENTS 6
/* a pronoun continues the noun phrase that said the quote this close before it (bytes) */
#define NP_PREV_REACH 600
/* attr.name of a pronoun resolved to a noun phrase (attr.canon), not to a names entry */
#define NAME_NOUN_PHRASE (-2)
#define BEFORE_WINDOW 160
#define AFTER_WINDOW 220
#define IND_ACC_MAX_CHARS 120

/* ---- per-call state ------------------------------------------------------ */

enum { MK_NONE, MK_STRAIGHT, MK_LEFT, MK_RIGHT };
enum { PC_PARA, PC_SENT, PC_COLON, PC_COMMA, PC_WORD, PC_CAPWORD, PC_DASH, PC_PAREN, PC_OTHER };
enum { K_SKIP, K_DIRECT, K_PARTIAL };

#define SEG_UNCLOSED 1u
#define SEG_MULTI 2u
#define SEG_PARTIAL_NONE 4u /* a partial quote dropped for want of an attribution */
#define SEG_TITLE 8u        /* a partial quote read as a title: attributed, not reported */

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
    unsigned char *lgender;      /* per group: gender of a he/she resolved to a lone surname run */
    unsigned char *lowseen;      /* per group: 0 not looked up, 1 written in lowercase nearby, 2 not */
    stance_error *err;
} ctx;

static const stance_span NOSPAN = {STANCE_NO_OFFSET, STANCE_NO_OFFSET};

/* parse_np() flags: NP_VERB_FIRST, the chunk followed the verb ("said Jane
 * Doe, the mayor"); NP_AT_VERB, it sits right at the reporting verb of an
 * attribution after a quote, where even words that are no names elsewhere name
 * the speaker ('"...," From said.'). */
#define NP_VERB_FIRST 1u
#define NP_AT_VERB 2u

/* ---- small text tests (inline: they sit in every hot loop) ---------------- */

/* Bytes to step over at @p i: a whole space character, else one byte. */
static inline size_t step1(const char *t, size_t i, size_t len)
{
    int h = stance_hspace(t, i, len);
    return h ? (size_t)h : 1;
}

/* Past the spaces (any width: U+00A0 is two bytes) that start at @p i. */
static inline size_t skip_hs(const char *t, size_t i, size_t len)
{
    size_t h;
    while (i < len && (h = (size_t)stance_hspace(t, i, len)) != 0)
        i += h;
    return i;
}

/* Is t[i] a comma between two digits ("30,000"): a thousands separator, no
 * clause or apposition break? */
static inline int digit_comma(const char *t, size_t i, size_t len)
{
    return t[i] == ',' && i > 0 && i + 1 < len && t[i - 1] >= '0' && t[i - 1] <= '9' && t[i + 1] >= '0' &&
           t[i + 1] <= '9';
}

/* Step back one code point. */
static inline size_t back1(const char *t, size_t i)
{
    if (i == 0)
        return 0;
    i--;
    while (i > 0 && ((unsigned char)t[i] & 0xC0) == 0x80)
        i--;
    return i;
}

static inline int mark_at(const char *t, size_t i, size_t len, size_t *mlen)
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

static inline int is_dash_at(const char *t, size_t i, size_t len)
{
    return stance_dash_at(t, i, len); /* em dash, en dash, horizontal bar */
}

/* Case of the letter at i: 1 upper, -1 lower, 0 other (or the end), by
 * Unicode category (tokens.c); ASCII is decided here. Every letter test of the
 * extractor goes through it: 'Łukasz', 'ÖZIL:', 'Ç. Demir' are letters too. */
static inline int letter_case(const char *t, size_t i, size_t len)
{
    unsigned char c;
    if (i >= len)
        return 0;
    c = (unsigned char)t[i];
    if (c < 0x80)
        return c >= 'A' && c <= 'Z' ? 1 : c >= 'a' && c <= 'z' ? -1 : 0;
    return stance_letter_case(t, i, len);
}

static inline int upper_at(const char *t, size_t i, size_t len)
{
    return letter_case(t, i, len) == 1;
}

static inline int lower_at(const char *t, size_t i, size_t len)
{
    return letter_case(t, i, len) == -1;
}

static inline int letter_at(const char *t, size_t i, size_t len)
{
    return letter_case(t, i, len) != 0;
}

/* Past the code point at @p i. */
static inline size_t next1(const char *t, size_t i, size_t len)
{
    i++;
    while (i < len && ((unsigned char)t[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* Does the letter that ends at @p i (before it) have case @p cs (1, -1; 0: any letter)? */
static inline int letter_before(const char *t, size_t i, size_t len, int cs)
{
    int k;
    if (i == 0)
        return 0;
    k = letter_case(t, back1(t, i), len);
    return cs ? k == cs : k != 0;
}

static inline stance_span group(ctx *c, int g)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
    if (ov[2 * g] == PCRE2_UNSET)
        return NOSPAN;
    return (stance_span){ov[2 * g], ov[2 * g + 1]};
}

static inline size_t match_end(ctx *c)
{
    return pcre2_get_ovector_pointer(c->md)[1];
}

static inline size_t trim_l(const char *t, size_t s, size_t e, size_t len)
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

static inline size_t trim_r(const char *t, size_t s, size_t e, size_t len)
{
    while (e > s) {
        size_t p = back1(t, e);
        if (stance_hspace(t, p, len) || t[p] == ',' || t[p] == ':' || t[p] == ';')
            e = p;
        else if (t[p] == ')' && !memchr(t + s, '(', p - s)) {
            e = p; /* '("...," said one party activist.)': the aside's end */
            if (e > s + 1 && t[e - 1] == '.' && letter_before(t, e - 1, len, -1))
                e--;
        } else
            break;
    }
    return e;
}

/* Is [s, e) in one of the quotes.c word lists of @p mask (STANCE_LQ bits of lexicon.def)? */
static inline int lq(const char *t, size_t s, size_t e, uint64_t mask)
{
    return e > s && stance_lex_in_rules(t + s, e - s, mask);
}

/* Is [s, e) the word @p w? */
static inline int word_eq(const char *t, size_t s, size_t e, const char *w)
{
    return strlen(w) == e - s && memcmp(t + s, w, e - s) == 0;
}

/* Is [s, e) a participle ("saying", "speaking"): longer than four letters, ending in -ing? */
static inline int ing_word(const char *t, size_t s, size_t e)
{
    return e - s > 4 && memcmp(t + e - 3, "ing", 3) == 0;
}

/* Is [ws, we) an "as" that opens a clause after the lowercase past participle
 * [ps, pe) ("holidaymakers stranded as minister blames")? */
static inline int as_after_participle(const char *t, size_t ps, size_t pe, size_t ws, size_t we)
{
    return word_eq(t, ws, we, "as") && pe - ps > 4 && t[ps] >= 'a' && t[ps] <= 'z' && memcmp(t + pe - 2, "ed", 2) == 0;
}

static inline size_t para_end(ctx *c, size_t pos)
{
    const char *nl = memchr(c->t + pos, '\n', c->len - pos);
    return nl ? (size_t)(nl - c->t) : c->len;
}

/* para_end() looking at most @p win bytes ahead: callers only need
 * min(pos + win, paragraph end), and scanning a long paragraph without
 * newlines for every quote was quadratic. */
static inline size_t para_end_near(ctx *c, size_t pos, size_t win)
{
    size_t n = c->len - pos < win ? c->len - pos : win;
    const char *nl = memchr(c->t + pos, '\n', n);
    return nl ? (size_t)(nl - c->t) : pos + n;
}

/* Index of the last names entry starting before @p pos, or -1. */
static inline long name_before(ctx *c, size_t pos)
{
    return (long)stance_first_at_or_after(c->names->v, c->names->n, sizeof *c->names->v, offsetof(stance_name, start),
                                          pos) - 1;
}

/* ---- the sieves (sieves*.c) ------------------------------------------------- */

/* subject_of() flags: a he/she opening the sentence is its subject; so is a
 * name after "the" opening it ("The Board of Elections was clear"), or after a
 * comma too ("As if ..., the Board of Elections was clear"). */
#define SUBJ_PRONOUN 1u
#define SUBJ_ARTICLE 2u
#define SUBJ_ARTICLE_COMMA 4u

/* One quote on its way through the sieves: what they have found so far. */
typedef struct sv {
    size_t qi;
    seg *q;
    int fc;                  /* case of the first letter of the content (1, -1, 0) */
    int endp;                /* the content ends like a sentence (or runs open) */
    int words;               /* words of the content, counted up to 9 */
    size_t cs, bcs;          /* the clause before the opening mark; the part the before-sieves read */
    attr after, before;      /* the attribution found after / before the quote */
    int have_after, have_before;
    int that_clause;         /* the clause before ends in "that": the quote is its object */
    size_t tail_len;         /* bytes between the reporting verb before and the mark */
    int b2;                  /* BEFORE2 on [bcs, open): -1 not run, 0 no match, 1 match */
    stance_span acc, nm, pu; /* its groups: 'according to X', a name, the punctuation */
} sv;

/* A sieve fills one of the two candidate slots of a quote; a late sieve runs
 * after inheritance, on a direct quote still without a speaker. */
enum { SLOT_AFTER, SLOT_BEFORE, SLOT_LATE };

/* A sieve: 1 when it attributed the quote (its id becomes attr.rule), 0 when
 * it passes, <0 on error. The name of each id is stance_quotes_rule_name(). */
typedef struct sieve {
    int id;   /* STANCE_RULE_* */
    int slot; /* SLOT_* */
    int (*fn)(ctx *c, sv *v);
} sieve;


/* Shared by the sieve files (sieves_subject.c). */
void stance_q_lower_word_before(ctx *c, size_t pos, size_t floor, size_t *s, size_t *e);
/* After a person's "of" ending at @p from: "the", at most two lowercase words, the name @p nx, a
 * lowercase word ('Jane Roe of the pro-bridge Harbor Review imagined'): an affiliation (np.c). */
/* '... said, "A." The star then recalled': the attribution after the quote opens the next sentence (sieves_late.c). */
int stance_q_after_opens_sentence(ctx *c, const sv *v);
/* '"A," X said. "B\n\n"C." Y said the plan': the continued quote's speaker, not Y's (sieves_late.c). */
int stance_q_after_past_continued(ctx *c, const sv *v);
int stance_q_verb_list_subject(ctx *c, stance_span np, stance_span v, attr *b);
/* A colon leads in the quote: 'X said: "' or the paragraph before ends with one (sieves_late.c). */
int stance_q_colon_lead(ctx *c, const seg *q);
/* The quote's content ends a sentence and a capital follows its closing mark (sieves_late.c). */
int stance_q_closes_sentence(ctx *c, const seg *q);
/* 'Despite the media attacks, Carson said': the verb ends an opening phrase (sieves_late.c). */
int stance_q_opener_noun(ctx *c, stance_span np, stance_span v);
/* 'Then on CNN:', 'to the Dutch newspaper NRC Handelsblad:': the name before a colon does not speak
 * ('More from Jones:' does) (sieves_late.c). */
int stance_q_colon_name_speaks(ctx *c, size_t pos, size_t floor);
/* 'he "said what we all thought," said Dora Hessel': the attribution after names the partial quote (sieves_late.c). */
int stance_q_after_names_partial(ctx *c, const seg *q, const attr *a);
/* '"... ." Jane Roe said he would ...': a sentence of its own after the quote (sieves_late.c). */
int stance_q_own_sentence(ctx *c, const seg *q, stance_span v);
/* ', the Post reported, quoting X': X speaks (sieves_late.c). */
int stance_q_quoting_source(ctx *c, size_t pos, size_t end, attr *a, size_t *a_end);
int stance_q_of_the_org(ctx *c, size_t from, const stance_name *nx, size_t end);
/* sieves_subject.c: the subject of the sentence [ss, end); a name ending at pos; the subject of a clause
 * ending in a colon; a capitalised subordinator opening [s, e). */
int stance_q_subject_of(ctx *c, size_t ss, size_t end, unsigned fl, attr *b);
int stance_q_name_ends_at(ctx *c, size_t pos, size_t floor, unsigned min_tok, attr *b);
int stance_q_colon_subject(ctx *c, size_t cs, size_t ce, attr *a);
int stance_q_article_subject(ctx *c, size_t ss, size_t end, attr *b);
/* '..., a position (that) Castellano called "': the object relative's subject (sieves_subject.c). */
int stance_q_relative_after_comma(ctx *c, const seg *q, size_t from, attr *a);
/* 'Jo Roe, who ..., said the council had offered "': the outer reporting verb's subject (sieves_subject.c). */
int stance_q_outer_said(ctx *c, size_t cs, attr *a);
int stance_q_sub_opener(ctx *c, size_t s, size_t e);
/* sieves_before.c: the attribution in the clause [cs, end) before the quote @p q ('X said: "', 'X
 * told Y, "'): 1 and *@p a set, *@p that_clause when the clause ends in "that" (the quote is its
 * object), *@p tail_len the bytes after its verb; 0; <0 error. */
int stance_q_try_before(ctx *c, seg *q, size_t cs, size_t end, attr *a, int *that_clause, size_t *tail_len);
/* sieves_before.c: pattern @p which on [start, end), its noun phrase the speaker, its verb the cue;
 * with the quote @p q, a participle after a comma takes its sentence's subject first. */
int stance_q_np_verb(ctx *c, int which, size_t start, size_t end, const seg *q, attr *a);
/* sieves_before.c: the clause start @p cs moved before an aside in spaced dashes that the clause's
 * verb follows ('Park \u2014 named by the Post \u2014 told Reed that "'), or @p cs. */
size_t stance_q_before_aside(ctx *c, size_t cs, size_t open, size_t floor);
/* sieves_before.c: 'Said Jane Roe, "' / 'But, said Jane Roe, "': the capitalised run @p nm names the speaker. */
int stance_q_inverted_said(ctx *c, stance_span *nm, size_t floor, attr *a);
/* sieves_after.c: the attribution after the closing mark of @p q ('"...," X said', '"...," said X',
 * '..." - Jane Doe', '..." according to X'): 1 and *@p a set, 0, <0 error. */
int stance_q_try_after(ctx *c, seg *q, attr *a);
/* sieves_after.c: a partial quote's attribution after it, its noun phrase before the verb ('", Jane
 * Roe said') or, its sentence going on to a comma, the verb first ('"A tough year" for the farms,
 * said Jane Roe.'). */
int stance_q_try_partial_after(ctx *c, seg *q, attr *a);
int stance_q_try_partial_inverted(ctx *c, seg *q, attr *a);
/* sieves_after.c: '"..."\n\n- Jane Doe.': the paragraph after the quote is a dash and a name. */
int stance_q_dash_para(ctx *c, seg *q, attr *a);
/* sieves_after.c: '..." [HuffPost.]': a source in brackets right after the quote. */
int stance_q_bracket_source(ctx *c, const seg *q, attr *a);
/* sieves_after.c: an attribution after a comma or mark at @p close that ends a sentence or paragraph. */
int stance_q_attribution_ending(ctx *c, const seg *q, size_t close, size_t end, attr *a);
size_t stance_q_prev_para_end(ctx *c, const seg *q);
/* A quote (its q->pc set) ready for the sieves. */
void stance_q_sv_init(ctx *c, sv *v, size_t qi);

/* ---- across the four files -------------------------------------------------- */

size_t stance_q_nickname_end(ctx *c, size_t i, size_t ml, size_t para);
/* Run pattern @p which anchored at @p start on text[0, end). 1 = match, 0 = none
 * (including hitting a limit: a bad window never stops the extraction), <0 error.
 * Windows where the pattern cannot match are skipped without running it:
 * stance_q_may_match(), then stance_q_match(). */
int stance_q_run(ctx *c, int which, size_t start, size_t end);
/* 0 only when pattern @p which cannot match at @p start on text[0, end): a
 * necessary condition of the pattern, tested in C (qfilter.h); 1 otherwise. */
int stance_q_may_match(const ctx *c, int which, size_t start, size_t end);
/* Is the word [@p s, @p e) the first word of an entry of PARTIAL_PAT's verb list? */
int stance_q_partial_verb(const ctx *c, size_t s, size_t e);
/* The PCRE2 match itself, as stance_q_run() but without the test above. */
int stance_q_match(ctx *c, int which, size_t start, size_t end);
int stance_q_label_at(ctx *c, size_t i, size_t *lab_s, size_t *lab_e, size_t *after);
int stance_q_parse_np(ctx *c, size_t s, size_t e, unsigned flags, attr *a);
int stance_q_desc_then_name(ctx *c, stance_span desc, stance_span aside, stance_span *name);
size_t stance_q_clause_start(ctx *c, size_t pos, size_t floor);
size_t stance_q_sentence_end(ctx *c, size_t pos);
int stance_q_prev_ctx(ctx *c, seg *q);
size_t stance_q_para_after(ctx *c, const seg *o, const seg *q);
int stance_q_in_para_before(ctx *c, const seg *o, const seg *q);
void stance_q_canonicalise(ctx *c, attr *a);
int stance_q_surname_genders(ctx *c);
/* The runs of run @p k's surname: 1 (no group: 1), or 2 for two or more. */
size_t stance_q_surname_runs(ctx *c, long k);
int stance_q_in_quote(ctx *c, size_t pos, size_t upto);
/* *@p to takes the speaker of @p from, inherited by @p rule (no attribution span of its own). */
void stance_q_inherit(attr *to, const attr *from, int rule);
/* A sieve's find: @p b, attributed by the text [s, e), is stored in *@p to. 1. */
static inline int stance_q_found(attr *to, attr *b, size_t s, size_t e)
{
    b->a_start = s;
    b->a_end = e;
    *to = *b;
    return 1;
}
int stance_q_is_subject(ctx *c, const stance_name *nm);
int stance_q_abbrev_dot(ctx *c, size_t p, size_t floor);
size_t stance_q_sent_start(ctx *c, size_t pos, size_t floor);
/* Does a sentence end at t[@p k], a '.', '?' or '!' (its closing marks, white
 * space, then a capital or an opening mark before @p lim, as
 * stance_q_sent_start() decides; not the dot of an abbreviation or initial,
 * whose word starts after @p floor), or before a line break or the end? */
int stance_q_sent_end_at(ctx *c, size_t k, size_t lim, size_t floor);
size_t stance_q_sent_start_plain(ctx *c, size_t pos, size_t floor); /* the same byte by byte, for tests */
int stance_q_word_before(ctx *c, size_t pos, size_t floor, size_t *ws, size_t *we);
void stance_q_resolve_pronoun(ctx *c, size_t qi, attr *a);
int stance_q_classify_seg(ctx *c, size_t qi);
/* The late sieves (sieves_late.c), run by the last stage after inheritance on the
 * direct quotes that are still without a speaker. */
int stance_q_late_sieves(ctx *c);
/* A partial quote's verb of speech whose noun phrase is none (sieves_late.c). */
int stance_q_partial_fallback(ctx *c, const seg *q, stance_span np, stance_span v, attr *a);
int stance_q_who_antecedent(ctx *c, stance_span np, attr *b);
int stance_q_participle_subject(ctx *c, const seg *q, stance_span np, stance_span v, attr *b);
int stance_q_speech_noun(ctx *c, const seg *q, size_t cs, attr *a);
int stance_q_cont_after_direct(ctx *c, const sv *v, const seg *p);
void stance_q_same_sent_before(ctx *c, size_t qi);
int stance_q_same_sent_after_direct(ctx *c, const seg *q, const seg *p);
void stance_q_and_said_direct(ctx *c, seg *q);
int stance_q_emit_indirect(ctx *c, size_t s, size_t e, size_t cs, size_t ce, const attr *a, int pronoun_unresolved,
                         stance_quotelist *out);
size_t stance_q_utf8_chars(const char *t, stance_span s);
int stance_q_extract_indirect(ctx *c, stance_quotelist *out);
int stance_q_recopy_inherited(ctx *c);
/* The last stage (speakers.c): inheritance, canonical names, pronouns. */
int stance_q_speakers(ctx *c);

/* Does [s, e) open with a weekday ("Friday", "Sunday's")? */
int stance_q_weekday_at(const char *t, size_t s, size_t e);
/* The word [*s, *e) right before the opening mark of @p q. */
void stance_q_word_before_open(ctx *c, const seg *q, size_t *s, size_t *e);
/* Is the partial quote of @p v a show's title after an outlet's, a weekday's or an "on ...'s" possessive? */
int stance_q_title_after_possessive(ctx *c, const sv *v);
/* Is [s, e) "on" followed by a weekday (before @p end)? */
int stance_q_on_weekday(ctx *c, size_t s, size_t e, size_t end);
/* Is [s, e) one to four lowercase words and spaces? */
int stance_q_only_lower_words(ctx *c, size_t s, size_t e);
/* 'in Ruiz's words, "...', 'in the words of Ines Ruiz, "...': 1 and *@p a set, or 0. */
int stance_q_in_words(ctx *c, const seg *q, attr *a);
int stance_q_according_in_sent(ctx *c, const seg *q, attr *a);

#endif
