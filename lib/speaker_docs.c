/*
 * speaker_docs.c - speakers that are documents (speaker_names.c, step 4):
 * "the statement", "the email", "an ad" named by their issuer when the text
 * ties one; the whitespace tokens (wtok) both files read them with.
 */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "mentions.h"
#include "sort.h"
#include "speaker_names.h"
#include "speaker_names_int.h"
#include "tokens.h"

/* Speakers that are documents ("the statement", "the email", "the ad") named
 * by their issuer when the text ties one to the document: the document is
 * introduced earlier (or is the speaker itself) as a noun phrase with the
 * same head word, "a/an/the" + up to ISSUE_MODS lowercase words + the head,
 * and a referent stands either right before it as the subject of one to
 * ISSUE_VERB_WORDS lowercase words ("Cook provided a written statement",
 * "Clinton's campaign sent out an email"; a possessive subject is named as
 * written, "Clinton's campaign") or right after it behind "by"/"from"
 * ("a fundraising email sent out by Sanders", "an ad paid for by Park"). */
#define ISSUE_VERB_WORDS 3u

/* The whitespace-delimited token ending at or before @p pos (not below @p floor). */
int stance_sn_tok_before(const char *t, size_t pos, size_t floor, wtok *w)
{
    size_t i = pos;
    while (i > floor && (t[i - 1] == ' ' || t[i - 1] == '\t'))
        i--;
    if (i <= floor || t[i - 1] == '\n')
        return 0;
    w->e = i;
    while (i > floor && t[i - 1] != ' ' && t[i - 1] != '\t' && t[i - 1] != '\n')
        i--;
    w->s = i;
    return 1;
}

int stance_sn_tok_after(const char *t, size_t len, size_t pos, wtok *w)
{
    size_t i = pos;
    while (i < len && (t[i] == ' ' || t[i] == '\t'))
        i++;
    if (i >= len || t[i] == '\n')
        return 0;
    w->s = i;
    while (i < len && t[i] != ' ' && t[i] != '\t' && t[i] != '\n')
        i++;
    w->e = i;
    return 1;
}

/* A plain lowercase token: starts with a-z or a digit, letters, digits and inner hyphens only. */
int stance_sn_plain_lower(const char *t, wtok w)
{
    if (!((t[w.s] >= 'a' && t[w.s] <= 'z') || (t[w.s] >= '0' && t[w.s] <= '9')))
        return 0;
    for (size_t i = w.s; i < w.e; i++) {
        unsigned char c = (unsigned char)t[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > w.s && i + 1 < w.e)))
            return 0;
    }
    return 1;
}

int stance_sn_is_article(const char *t, wtok w)
{
    return stance_word_is(t, w.s, w.e, "a") || stance_word_is(t, w.s, w.e, "an") ||
           stance_word_is(t, w.s, w.e, "the");
}

/* @p r issues the document, named as its referent is written: 1. */
static int issued_by(issuer *is, const ref *r)
{
    is->r = r;
    is->start = is->end = is->ns = is->ne = 0;
    return 1;
}

/* Is t[w) a verb-like word of an issuing clause: plain lowercase, no determiner,
 * pronoun, conjunction or relative word? */
static int verb_word(const char *t, wtok w)
{
    uint64_t cls;
    if (!stance_sn_plain_lower(t, w))
        return 0;
    cls = stance_lex_classes_lower(t + w.s, w.e - w.s);
    return !(cls & (STANCE_LX(DET) | STANCE_LX(PRONOUN) | STANCE_LX(CONJ) | STANCE_LX(REL)));
}

/* The referent that ends at @p pos (spaces aside), or NULL. */
static const ref *ref_ending_at(const sstate *s, size_t pos)
{
    size_t lo;
    while (pos > 0 && s->t[pos - 1] == ' ')
        pos--;
    lo = stance_first_end_after(s->refs, s->n_refs, sizeof *s->refs, offsetof(ref, end), pos > 0 ? pos - 1 : 0);
    for (size_t k = lo; k < s->n_refs && s->refs[k].start < pos; k++)
        if (s->refs[k].end == pos)
            return &s->refs[k];
    return NULL;
}

/* The referent that starts at @p pos (a title before it allowed), or NULL. */
static const ref *ref_starting_at(const sstate *s, size_t pos)
{
    size_t lo = stance_first_end_after(s->refs, s->n_refs, sizeof *s->refs, offsetof(ref, end), pos);
    for (size_t k = lo; k < s->n_refs && s->refs[k].start <= pos + 24; k++)
        if (s->refs[k].start == pos || stance_mentions_skip_title(s->t, pos) == s->refs[k].start)
            return &s->refs[k];
    return NULL;
}

/* The nearest person of gender @p g named before @p pos: a referent that is
 * no organisation, no more than STANCE_SPEAKER_NAME_REACH bytes and one
 * paragraph break back; the one a "his"/"her" there stands for. Else NULL. */
const ref *stance_sn_owner_of_pronoun(const sstate *s, size_t pos, int g)
{
    size_t lo = stance_first_end_after(s->refs, s->n_refs, sizeof *s->refs, offsetof(ref, end), pos);
    for (size_t k = lo; k-- > 0;) {
        const ref *r = &s->refs[k];
        if (r->end > pos)
            continue;
        if (r->end + STANCE_SPEAKER_NAME_REACH < pos || stance_sn_breaks(s->t, r->end, pos) > 1)
            return NULL;
        if (!r->org && r->gender == g)
            return r;
    }
    return NULL;
}

/* The gender of a singular possessive pronoun t[w) ("his", "her"), else STANCE_G_UNKNOWN. */
int stance_sn_poss_pronoun(const char *t, size_t ws, size_t we)
{
    if (stance_word_is(t, ws, we, "his"))
        return STANCE_G_MALE;
    if (stance_word_is(t, ws, we, "her"))
        return STANCE_G_FEMALE;
    return STANCE_G_UNKNOWN;
}

/* The subject of the clause that issues the noun phrase starting at @p np. */
static int issuer_before(const sstate *s, size_t np, issuer *is)
{
    wtok w, prev;
    size_t pos = np;
    int issuing = 0; /* an issuing verb among the words passed ("received an email" issues nothing) */
    for (unsigned n = 1; n <= ISSUE_VERB_WORDS + 1 && stance_sn_tok_before(s->t, pos, 0, &w); n++, pos = w.s) {
        const ref *r;
        if (n > 1 && issuing && (r = ref_ending_at(s, pos)))
            return issued_by(is, r);
        /* "Clinton's campaign sent": the possessive's head word opens the clause */
        if (n > 1 && issuing && stance_sn_tok_before(s->t, w.s, 0, &prev) && prev.e - prev.s > 2) {
            size_t ap = stance_poss_start(s->t, prev.s, prev.e, 0);
            if (ap < prev.e && stance_sn_plain_lower(s->t, w) && (r = ref_ending_at(s, ap)) && r->end == ap) {
                is->r = r;
                is->start = r->start;
                is->end = w.e;
                is->ns = is->ne = 0;
                return 1;
            }
        }
        /* "his campaign sent out": the person the pronoun stands for, and the noun */
        if (n > 1 && issuing && stance_sn_tok_before(s->t, w.s, 0, &prev) && stance_sn_plain_lower(s->t, w) &&
            stance_sn_poss_pronoun(s->t, prev.s, prev.e) != STANCE_G_UNKNOWN &&
            (r = stance_sn_owner_of_pronoun(s, prev.s, stance_sn_poss_pronoun(s->t, prev.s, prev.e)))) {
            is->r = r;
            is->start = is->end = 0;
            is->ns = w.s;
            is->ne = w.e;
            return 1;
        }
        if (!verb_word(s->t, w) && !stance_word_is(s->t, w.s, w.e, "out"))
            return 0;
        issuing |= (stance_lex_classes_lower(s->t + w.s, w.e - w.s) & STANCE_LX(ISSUE_VERB)) != 0;
    }
    return 0;
}

/* A document introduced as the medium of a saying: "X said in a statement"
 * (a referent right before the reporting verb, an adverb between allowed) or
 * "In a statement, X said" (a referent, "the" before it allowed, right after
 * the comma that follows the head @p he); @p np is the article of "a
 * statement". X issued it. */
static int medium_issuer(const sstate *s, size_t np, size_t he, issuer *is)
{
    wtok in, w;
    const ref *r = NULL;
    if (!stance_sn_tok_before(s->t, np, 0, &in) ||
        !stance_word_is(s->t, in.s, in.e, "in"))
        return 0;
    if (s->t[in.s] == 'i' && stance_sn_tok_before(s->t, in.s, 0, &w) && stance_sn_plain_lower(s->t, w) &&
        (stance_lex_classes_lower(s->t + w.s, w.e - w.s) & STANCE_LX(RV_SAY))) {
        wtok adv;
        if (!(r = ref_ending_at(s, w.s)) && stance_sn_tok_before(s->t, w.s, 0, &adv) && stance_sn_plain_lower(s->t, adv) &&
            adv.e - adv.s > 3 && memcmp(s->t + adv.e - 2, "ly", 2) == 0)
            r = ref_ending_at(s, adv.s); /* "Fox News quickly said in a statement" */
    } else if (s->t[in.s] == 'I' && he < s->len && s->t[he] == ',') {
        size_t ns = he + 1;
        while (ns < s->len && s->t[ns] == ' ')
            ns++;
        if (!(r = ref_starting_at(s, ns)) && stance_sn_tok_after(s->t, s->len, ns, &w) && stance_word_is(s->t, w.s, w.e, "the"))
            for (ns = w.e; ns < s->len && s->t[ns] == ' ';)
                ns++;
        if (!r)
            r = ref_starting_at(s, ns);
    }
    if (!r || !(s->t[r->start] >= 'A' && s->t[r->start] <= 'Z'))
        return 0; /* (a name, not "the business mogul") */
    return issued_by(is, r);
}

/* Is t[w) a weekday name ("Monday": the lexicon's DAY class, capitalised)? */
static int weekday(const char *t, wtok w)
{
    return (stance_lex_classes(t + w.s, w.e - w.s) & STANCE_LX(DAY)) != 0;
}

/* Does a possessive follow the referent t[rs, re): "'s"/"\u2019s"
 * (stance_possessive_at()) or a plural's bare apostrophe ("the Parks'
 * chairman")? (A quote mark or a dash there is none.) */
static int possessive_after(const char *t, size_t len, size_t rs, size_t re)
{
    size_t we = re;
    if (stance_possessive_at(t, len, re))
        return 1;
    if (re < len && t[re] == '\'')
        we = re + 1;
    else if (re + 3 <= len && memcmp(t + re, "\xe2\x80\x99", 3) == 0)
        we = re + 3;
    return we > re && stance_poss_start(t, rs, we, 1) != we;
}
/* "... sent out by X", "... paid for by X", "... from X" after the head at @p he. */
static int issuer_after(const sstate *s, size_t he, issuer *is)
{
    wtok w;
    size_t pos = he;
    if (he < s->len && s->t[he] == ',')
        pos = ++he; /* "The lawsuit, filed by X," */
    if (he < s->len && s->t[he] != ' ')
        return 0;
    for (unsigned n = 0; n <= ISSUE_VERB_WORDS && stance_sn_tok_after(s->t, s->len, pos, &w); n++, pos = w.e) {
        if (stance_word_is(s->t, w.s, w.e, "by") || stance_word_is(s->t, w.s, w.e, "from")) {
            size_t ns = w.e;
            wtok a;
            while (ns < s->len && s->t[ns] == ' ')
                ns++;
            /* "sent out by the Clinton campaign": "the" before the referent;
             * "by the state Department of Transportation": and one lowercase word */
            if (!ref_starting_at(s, ns) && stance_sn_tok_after(s->t, s->len, ns, &a) && stance_word_is(s->t, a.s, a.e, "the"))
                for (ns = a.e; ns < s->len && s->t[ns] == ' ';)
                    ns++;
            if (!ref_starting_at(s, ns) && stance_sn_tok_after(s->t, s->len, ns, &a) && stance_sn_plain_lower(s->t, a) &&
                ns > w.e + 1 && ref_starting_at(s, a.e + 1))
                ns = a.e + 1;
            const ref *r = ref_starting_at(s, ns);
            if (!r || possessive_after(s->t, s->len, r->start, r->end))
                return 0; /* ("by the Clinton campaign's chairman": the chairman's) */
            return issued_by(is, r);
        }
        if (!stance_sn_plain_lower(s->t, w) && !(n > 0 && weekday(s->t, w)))
            return 0; /* ("A report released Monday by ...") */
    }
    return 0;
}

/* Could the speaker t[sp) be a document (see thing_np)? */
int stance_sn_document_like(const char *t, stance_span sp)
{
    wtok head;
    int indef;
    return sp.end - sp.start <= 120 && stance_sn_thing_np(t, sp.start, sp.end, &head, &indef);
}

/* Is t[a, b) a document-like noun phrase: an article, up to ISSUE_MODS plain
 * lowercase words, a plain lowercase head? Sets @p head and @p indefinite. */
int stance_sn_thing_np(const char *t, size_t a, size_t b, wtok *head, int *indefinite)
{
    wtok w, last;
    size_t pos;
    unsigned n = 0;
    if (!stance_sn_tok_after(t, b, a, &w) || !stance_sn_is_article(t, w))
        return 0;
    *indefinite = !stance_word_is(t, w.s, w.e, "the");
    for (pos = w.e; stance_sn_tok_after(t, b, pos, &last); pos = last.e, n++)
        if (n > ISSUE_MODS || !stance_sn_plain_lower(t, last))
            return 0;
    if (n == 0)
        return 0;
    *head = (wtok){pos, pos};
    stance_sn_tok_before(t, pos, a, head);
    return 1;
}

/* Is the word at [ws, we) introduced by "a"/"an" and at most ISSUE_MODS plain
 * lowercase words? Sets @p np to the article's start. */
static int introduced(const char *t, size_t ws, size_t *np)
{
    wtok w;
    size_t pos = ws;
    for (unsigned n = 0; n <= ISSUE_MODS && stance_sn_tok_before(t, pos, 0, &w); n++, pos = w.s) {
        if (stance_word_is(t, w.s, w.e, "a") || stance_word_is(t, w.s, w.e, "an")) {
            *np = w.s;
            return 1;
        }
        if (!stance_sn_plain_lower(t, w))
            return 0;
    }
    return 0;
}

/* The subject of the sentence right before the one that holds the quote
 * @p qs, when it opens that sentence (after "The" at most) and a reporting
 * or issuing verb follows it within SAYER_GAP words ("The Park campaign on
 * Tuesday responded that ... . "...," the statement said"): the issuer of a
 * document named nowhere before. */
#define SAYER_GAP 3u

/* Past a time phrase opening the sentence at @p ps ("On Thursday, ",
 * "Late Monday, ", "Earlier this week, "): "On"/"Late"/"Early"/"Earlier"/
 * "Later"/"Last"/"This" and at most three more words, the last one ending
 * in a comma. Else @p ps. */
static size_t past_time_opening(const char *t, size_t ps, size_t e)
{
    static const char *const opens[] = {"on", "late", "early", "earlier", "later", "last", "this"};
    wtok w;
    size_t pos;
    unsigned k, n;
    if (!stance_sn_tok_after(t, e, ps, &w))
        return ps;
    for (k = 0; k < sizeof opens / sizeof *opens && !stance_word_is(t, w.s, w.e, opens[k]); k++)
        ;
    if (k == sizeof opens / sizeof *opens || !(t[w.s] >= 'A' && t[w.s] <= 'Z') || t[w.e - 1] == ',')
        return ps;
    for (n = 0, pos = w.e; n < 3 && stance_sn_tok_after(t, e, pos, &w); n++, pos = w.e)
        if (t[w.e - 1] == ',') {
            while (w.e < e && t[w.e] == ' ')
                w.e++;
            return w.e;
        }
    return ps;
}

int stance_sn_sayer_before(const sstate *s, stance_span qs, issuer *is)
{
    size_t e, ps, pos;
    const ref *r;
    wtok w;
    if (!stance_sn_sent_before(s->t, stance_sent_start(s->t, qs.start, 0), 1, &ps, &e))
        return 0;
    ps = past_time_opening(s->t, ps, e);
    if (stance_sn_tok_after(s->t, e, ps, &w) && stance_word_is(s->t, w.s, w.e, "the"))
        ps = w.e + 1;
    if (!(r = ref_starting_at(s, ps)))
        return 0;
    pos = r->end;
    for (unsigned n = 0; n <= SAYER_GAP && stance_sn_tok_after(s->t, e, pos, &w); n++, pos = w.e) {
        if (stance_sn_is_article(s->t, w))
            return 0; /* an object begins: "Tom Park received an email" (the noun "email" issues nothing) */
        if (stance_sn_plain_lower(s->t, w) &&
            (stance_lex_classes_lower(s->t + w.s, w.e - w.s) & (STANCE_LX(RV_SAY) | STANCE_LX(ISSUE_VERB))))
            return issued_by(is, r);
    }
    return 0;
}

/* stance_sn_sayer_before() one sentence further back, when the sentence between names
 * the document again by the head of the speaker t[sp) ("Fox News confirmed
 * that ... . According to the statement, ... . "...," the statement read"). */
int stance_sn_sayer_two_back(const sstate *s, stance_span sp, stance_span qs, issuer *is)
{
    wtok head;
    int indef;
    size_t e, ps, hn;
    if (!stance_sn_thing_np(s->t, sp.start, sp.end, &head, &indef) || indef ||
        !stance_sn_sent_before(s->t, stance_sent_start(s->t, qs.start, 0), 1, &ps, &e))
        return 0;
    hn = head.e - head.s;
    for (size_t i = ps; i + hn <= e; i++)
        if (stance_ascii_caseeq(s->t + i, s->t + head.s, hn) && i >= 4 && memcmp(s->t + i - 4, "the ", 4) == 0 &&
            (i + hn == s->len || !stance_is_word_byte((unsigned char)s->t[i + hn])) && !stance_sn_in_quote(s->quotes, i, i + hn))
            return stance_sn_sayer_before(s, (stance_span){ps, ps}, is);
    return 0;
}

/* The organisation referent nearest before @p pos (within
 * STANCE_SPEAKER_NAME_REACH bytes) whose name's last word is t[ws, we) in
 * any case ("Water Agency" for "the agency"), or NULL. */
static const ref *org_by_head(const sstate *s, size_t ws, size_t we, size_t pos)
{
    size_t lo = stance_first_end_after(s->refs, s->n_refs, sizeof *s->refs, offsetof(ref, end), pos);
    for (size_t k = lo; k-- > 0;) {
        const ref *r = &s->refs[k];
        if (r->end + STANCE_SPEAKER_NAME_REACH < pos)
            return NULL;
        if (r->org && r->end > r->start + (we - ws) && r->end <= pos && s->t[r->end - (we - ws) - 1] == ' ' &&
            stance_ascii_caseeq(s->t + r->end - (we - ws), s->t + ws, we - ws))
            return r;
    }
    return NULL;
}

/* A document written with its owner's possessive before its head @p head at
 * t[i]: "The Water Agency's report", "the agency's new report" (the
 * organisation named before whose name ends in "Agency"). The owner issues
 * it. */
static int possessive_issuer(const sstate *s, size_t i, issuer *is)
{
    wtok w, d;
    size_t pos = i, ps;
    for (unsigned n = 0; n <= ISSUE_MODS && stance_sn_tok_before(s->t, pos, 0, &w); n++, pos = w.s) {
        if ((ps = stance_poss_start(s->t, w.s, w.e, 0)) < w.e) {
            const ref *r = ref_ending_at(s, ps);
            if (!r && stance_sn_tok_before(s->t, w.s, 0, &d) &&
                stance_word_is(s->t, d.s, d.e, "the") /* (any case) */ &&
                s->t[w.s] >= 'a' && s->t[w.s] <= 'z')
                r = org_by_head(s, w.s, ps, d.s); /* "the agency's report" */
            return r ? issued_by(is, r) : 0;
        }
        if (!stance_sn_plain_lower(s->t, w))
            return 0;
    }
    return 0;
}

/* The issuer of the document speaker t[sp) of a quote, if the text ties one. */
int stance_sn_document_issuer(const sstate *s, stance_span sp, issuer *is)
{
    wtok head;
    int indef;
    size_t hn, lo;
    unsigned far;
    if (sp.end - sp.start > 120 || !stance_sn_thing_np(s->t, sp.start, sp.end, &head, &indef))
        return 0;
    if (indef)
        return issuer_before(s, sp.start, is) || issuer_after(s, head.e, is);
    hn = head.e - head.s;
    lo = sp.start > STANCE_SPEAKER_NAME_REACH ? sp.start - STANCE_SPEAKER_NAME_REACH : 0;
    for (size_t i = sp.start; i-- > lo;) { /* the nearest "a/an ... <head>" before it */
        size_t np;
        if (i + hn > sp.start || !stance_ascii_caseeq(s->t + i, s->t + head.s, hn) ||
            (i > 0 && stance_is_word_byte((unsigned char)s->t[i - 1])) || (i + hn < s->len && stance_is_word_byte((unsigned char)s->t[i + hn])) ||
            stance_sn_in_quote(s->quotes, i, i + hn))
            continue;
        if ((far = stance_sn_breaks(s->t, i, sp.start)) > 2)
            return 0;
        if (far > 1) /* two paragraphs back: only "X said in a statement" */
            return introduced(s->t, i, &np) && medium_issuer(s, np, i + hn, is);
        if (!introduced(s->t, i, &np)) {
            if (possessive_issuer(s, i, is))
                return 1;
            continue;
        }
        return issuer_before(s, np, is) || issuer_after(s, i + hn, is) || medium_issuer(s, np, i + hn, is);
    }
    return 0;
}

/* Give quote @p q the issuer @p is; the document becomes its role. */
int stance_sn_name_issuer(sstate *s, stance_rawquote *q, const issuer *is)
{
    if (is->end > is->start)
        return stance_sn_set_described(s, q, stance_strndup(s->t + is->start, is->end - is->start));
    if (is->ne > is->ns) { /* "Jane Roe's campaign" */
        const char *nm = is->r->ent >= 0 ? s->ents->e[is->r->ent].name : NULL;
        size_t nl = nm ? strlen(nm) : is->r->end - is->r->start, wl = is->ne - is->ns;
        char *out = stance_malloc(nl + 4 + wl);
        if (out) {
            memcpy(out, nm ? nm : s->t + is->r->start, nl);
            memcpy(out + nl, "'s ", 3);
            memcpy(out + nl + 3, s->t + is->ns, wl);
            out[nl + 3 + wl] = '\0';
        }
        return stance_sn_set_described(s, q, out);
    }
    return stance_sn_rename_speaker(s, q, is->r);
}


#define INHERIT_REACH 65u /* quotes between an inheriting quote and its source (speakers.c) */

/* Is @p o a quote named here from the description @p words (its role now)? */
static int named_from(const stance_rawquote *o, const char *words)
{
    return o->speaker && o->role && strcmp(o->role, words) == 0 && strcmp(o->speaker, o->role) != 0;
}

/* A quote that took its speaker from one that was named here takes the same
 * name and role: one that inherited it (its speaker is still the description's
 * words), or one whose pronoun continues that description ('"...," the Vermont
 * senator said. "...," he said.'). The source is the nearest quote named from
 * those words before it (or, for an inherited speaker, after it). */
int stance_sn_follow_named(stance_quotelist *quotes, size_t qi)
{
    stance_rawquote *q = &quotes->q[qi];
    const stance_rawquote *o = NULL;
    size_t lo = qi > INHERIT_REACH ? qi - INHERIT_REACH : 0;
    char *name, *role = NULL;
    if (!q->speaker || q->role)
        return STANCE_OK;
    for (size_t j = qi; j-- > lo && !o;)
        if (named_from(&quotes->q[j], q->speaker))
            o = &quotes->q[j];
    for (size_t j = qi + 1; !o && q->how == STANCE_ATTR_INHERIT && j < quotes->n && j <= qi + INHERIT_REACH; j++)
        if (named_from(&quotes->q[j], q->speaker))
            o = &quotes->q[j];
    if (!o)
        return STANCE_OK;
    if (!(name = stance_strdup(o->speaker)) || !(role = stance_strdup(o->role))) {
        stance_free(name);
        return STANCE_ERR_NOMEM;
    }
    stance_free(q->speaker);
    q->speaker = name;
    q->role = role;
    return STANCE_OK;
}

/* Is t[w) a noun of a written document that can say something ("lawsuit",
 * "letter"), a speaker "it" may stand for? */
static int document_noun(const char *t, wtok w)
{
    static const char *const nouns[] = {"statement", "letter", "email", "e-mail", "memo", "memorandum", "report",
                                        "lawsuit", "suit", "complaint", "release", "filing", "ad", "editorial",
                                        "petition", "notice", "document", "ruling", "study", "survey"};
    if (!stance_sn_plain_lower(t, w))
        return 0;
    for (size_t k = 0; k < sizeof nouns / sizeof *nouns; k++)
        if (stance_word_is(t, w.s, w.e, nouns[k]))
            return 1;
    return 0;
}

int stance_document_noun(const char *t, size_t ws, size_t we)
{
    return we > ws && document_noun(t, (wtok){ws, we});
}

/* The sentence before the one that holds the quote @p qs and its speaker @p sp
 * (the earlier of the two, back over an opening quote mark): [*ps, *e); 0 when
 * there is none. */
static int sent_before_quote(const sstate *s, stance_span sp, stance_span qs, size_t *ps, size_t *e)
{
    size_t at = sp.start < qs.start ? sp.start : qs.start;
    while (at > 0 && s->t[at - 1] != ' ' && s->t[at - 1] != '\n')
        at--;
    return stance_sn_sent_before(s->t, stance_sent_start(s->t, at, 0), 1, ps, e);
}

/* '... The lawsuit, filed by the Tenant Law Center, ... . It says the company
 * kept deposits for "..."', '... Dana Roe sent an email to the staff. "...,"
 * it read': an unresolved speaker "it" whose sentence follows one that names
 * a document ("a/an/the", up to ISSUE_MODS lowercase words, a document noun;
 * the last one there) with an issuer the text ties to it (issuer_before(),
 * issuer_after()): the issuer speaks, the document as written is the role. */
int stance_sn_it_document(sstate *s, stance_rawquote *q)
{
    size_t ps, e, pos;
    wtok w, a;
    issuer is;
    if (q->speaker || q->role || q->speaker_span.end - q->speaker_span.start != 2 ||
        !stance_word_is(s->t, q->speaker_span.start, q->speaker_span.end, "it") ||
        !sent_before_quote(s, q->speaker_span, q->span, &ps, &e))
        return STANCE_OK;
    for (pos = e; stance_sn_tok_before(s->t, pos, ps, &w); pos = w.s) {
        size_t he = w.e, np = w.s;
        unsigned n = 0;
        while (he > w.s && (s->t[he - 1] == ',' || s->t[he - 1] == '.'))
            he--;
        if (!document_noun(s->t, (wtok){w.s, he}) || stance_sn_in_quote(s->quotes, w.s, he))
            continue;
        for (; n <= ISSUE_MODS && stance_sn_tok_before(s->t, np, ps, &a) && !stance_sn_is_article(s->t, a) &&
               stance_sn_plain_lower(s->t, a); n++)
            np = a.s;
        if (!stance_sn_tok_before(s->t, np, ps, &a) || !stance_sn_is_article(s->t, a))
            return STANCE_OK; /* (the last document noun only) */
        np = a.s;
        if (!(issuer_before(s, np, &is) || issuer_after(s, he, &is)))
            return STANCE_OK;
        if (!(q->role = stance_strndup(s->t + np, he - np)))
            return STANCE_ERR_NOMEM;
        return stance_sn_name_issuer(s, q, &is);
    }
    return STANCE_OK;
}

/* The verbs that issue a document without naming it, and the document heads
 * they issue: "His campaign sued the party ... . The complaint says",
 * "X emailed supporters ... . "...," the email said". */
static const struct {
    const char *verb, *heads;
} verb_docs[] = {
    {"sued", " lawsuit suit complaint "}, {"sues", " lawsuit suit complaint "},
    {"emailed", " email e-mail message "}, {"e-mailed", " email e-mail message "},
    {"announced", " release statement "},
};

/* The subject right before the verb at @p vs ("will" between allowed): a
 * referent, or "his"/"her" and a lowercase noun ("His campaign sued"). */
static int subject_of_verb(const sstate *s, size_t vs, issuer *is)
{
    wtok w, p;
    const ref *r;
    int g;
    if (stance_sn_tok_before(s->t, vs, 0, &w) && stance_word_is(s->t, w.s, w.e, "will"))
        vs = w.s;
    if ((r = ref_ending_at(s, vs)) != NULL) {
        const ref *r0;
        if (!(s->t[r->start] >= 'A' && s->t[r->start] <= 'Z'))
            return 0; /* (a name, not "the business mogul") */
        issued_by(is, r);
        if (stance_sn_tok_before(s->t, r->start, 0, &w) && w.e - w.s == 2 && memcmp(s->t + w.s, "of", 2) == 0 &&
            (r0 = ref_ending_at(s, w.s)) != NULL) {
            is->r = r0; /* "the Republican Party of Wyoming announced": the whole name as written */
            is->start = r0->start;
            is->end = r->end;
        }
        return 1;
    }
    if (!stance_sn_tok_before(s->t, vs, 0, &w) || !stance_sn_plain_lower(s->t, w) ||
        !stance_sn_tok_before(s->t, w.s, 0, &p) || (g = stance_sn_poss_pronoun(s->t, p.s, p.e)) == STANCE_G_UNKNOWN ||
        !(r = stance_sn_owner_of_pronoun(s, p.s, g)))
        return 0;
    is->r = r;
    is->start = is->end = 0;
    is->ns = w.s;
    is->ne = w.e;
    return 1;
}

/* The definite document speaker t[sp) (head @p head) issued by a verb of
 * verb_docs[] in the sentence before the speaker's (one paragraph break at
 * most), outside quotes, whose subject subject_of_verb() finds. */
static int verb_issuer(const sstate *s, stance_span sp, wtok head, stance_span qs, issuer *is)
{
    size_t ps, e, pos;
    wtok w;
    if (!sent_before_quote(s, sp, qs, &ps, &e))
        return 0;
    for (pos = e; stance_sn_tok_before(s->t, pos, ps, &w); pos = w.s)
        for (size_t k = 0; k < sizeof verb_docs / sizeof *verb_docs; k++) {
            char key[24];
            size_t hn = head.e - head.s;
            if (!stance_word_is(s->t, w.s, w.e, verb_docs[k].verb) || s->t[w.s] < 'a' || hn + 3 > sizeof key ||
                stance_sn_in_quote(s->quotes, w.s, w.e))
                continue;
            key[0] = ' ';
            for (size_t i = 0; i < hn; i++)
                key[i + 1] = (char)(s->t[head.s + i] | 0x20);
            key[hn + 1] = ' ';
            key[hn + 2] = '\0';
            if (strstr(verb_docs[k].heads, key))
                return subject_of_verb(s, w.s, is);
        }
    return 0;
}

int stance_sn_verb_issuer(const sstate *s, stance_span sp, stance_span qs, issuer *is)
{
    wtok head;
    int indef;
    return sp.end - sp.start <= 120 && stance_sn_thing_np(s->t, sp.start, sp.end, &head, &indef) && !indef &&
           verb_issuer(s, sp, head, qs, is);
}
