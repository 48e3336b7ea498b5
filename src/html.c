/*
 * html.c - the HTML report (see html.h): an article's text with its quotes,
 * attributions and actor mentions marked, a card per quote (speaker, type,
 * sentiment, stance bars, explanations), a speaker -> actor graph laid out
 * here as inline SVG, and over all articles an index and a (speaker, actor)
 * summary table. `stance eval --report` pages are written here too.
 *
 * Everything taken from the article or the record goes through esc(): markup
 * characters become entities, invalid UTF-8 and control characters U+FFFD,
 * bidi controls a visible "U+202E" marker (they could reorder the page
 * around them). Spans are UTF-8 byte ranges that may overlap or nest; the
 * sweep in emit_article() closes and reopens elements where they cross, so
 * the page is always well formed and each quote has exactly one element
 * without the class "cont" (its first piece).
 *
 * Colours are the Okabe-Ito palette (blue / orange / grey, safe for the
 * common colour-vision deficiencies) and always come with a text label and
 * a line style, so a grey printout still tells favor from against.
 */
#include "config.h"

#include "html.h"
#include "utf8_seq.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- growing arrays: the one growth path of this file ---- */

/* Make room for @p need elements of @p size bytes in *p (capacity *cap, doubling from @p first), as
 * lib's stance_grow() does (html.c is also built against the public library only, bindings/python).
 * 0, or -1 when the size would overflow or the allocation fails (*p and *cap unchanged). */
static int grow(void **p, size_t *cap, size_t need, size_t size, size_t first)
{
    size_t ncap = *cap ? *cap : first;
    void *np;
    if (need <= *cap)
        return 0;
    while (ncap < need) {
        if (ncap > ((size_t)-1) / 2)
            return -1;
        ncap *= 2;
    }
    if (ncap > ((size_t)-1) / size || !(np = realloc(*p, ncap * size)))
        return -1;
    *p = np;
    *cap = ncap;
    return 0;
}

/* A growing output buffer; after a failed allocation it only counts. */
typedef struct hbuf {
    char *p;
    size_t n, cap;
    int oom;
} hbuf;

static void put(hbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (n >= ((size_t)-1) - b->n || grow((void **)&b->p, &b->cap, b->n + n + 1, 1, 4096)) {
        b->oom = 1;
        return;
    }
    if (n)
        memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void puts_(hbuf *b, const char *s)
{
    put(b, s, strlen(s));
}

/* The page a builder wrote into @p b, handed over (its length in *@p len when
 * given), or NULL after a failed allocation (the buffer freed). */
static char *hbuf_finish(hbuf *b, size_t *len)
{
    if (b->oom) {
        free(b->p);
        return NULL;
    }
    if (len)
        *len = b->n;
    return b->p;
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void pf(hbuf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        b->oom = 1;
    else
        put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* Text from the article or record as HTML text (attr = 0) or an attribute value (attr = 1). */
static void esc(hbuf *b, const char *s, size_t n, int attr)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, run = 0;
    while (i < n) {
        unsigned long cp = 0;
        size_t len = cli_utf8_decode(u + i, n - i, &cp);
        const char *rep = NULL;
        char tmp[64];
        if (len == 1) {
            switch (cp) {
            case '&': rep = "&amp;"; break;
            case '<': rep = "&lt;"; break;
            case '>': rep = "&gt;"; break;
            case '"': rep = "&quot;"; break;
            case '\'': rep = "&#39;"; break;
            case '\n': case '\t': rep = attr ? " " : NULL; break;
            case '\r': rep = attr ? " " : NULL; break;
            default:
                if (cp < 0x20 || cp == 0x7F)
                    rep = "\xEF\xBF\xBD";
            }
        } else if (len == 0) {
            rep = "\xEF\xBF\xBD";
            len = 1;
        } else if (cp >= 0x80 && cp <= 0x9F) {
            rep = "\xEF\xBF\xBD";
        } else if (cli_is_bidi_control(cp)) {
            snprintf(tmp, sizeof tmp, attr ? "[U+%04lX]" : "<span class=\"ctl\">U+%04lX</span>", cp);
            rep = tmp;
        }
        if (rep) {
            put(b, s + i - run, run);
            run = 0;
            puts_(b, rep);
        } else {
            run += len;
        }
        i += len;
    }
    put(b, s + n - run, run);
}

static void escs(hbuf *b, const char *s, int attr)
{
    if (s)
        esc(b, s, strlen(s), attr);
}

/* ---- the record, read once into plain structs ---- */

enum { K_QUOTE, K_SPEAKER, K_CUE, K_MENTION };
static const int kind_layer[] = {0, 1, 1, 2};

typedef struct hspan {
    size_t s, e;
    int kind;
    size_t idx; /* quote or actor index */
} hspan;

typedef struct hquote {
    size_t s, e;
    const char *type, *speaker, *role, *cue;
    size_t ss, se, cs, ce; /* speaker and cue spans, (size_t)-1 when none */
    const json_t *sent, *stances;
} hquote;

typedef struct hactor {
    const char *name;
    int discovered;
    size_t n_mentions;
} hactor;

/* One stance judgement, for the summary table over all articles. */
typedef struct srow {
    char *speaker, *actor;
    int label; /* 0 favor, 1 against, 2 none, 3 other */
    double conf;
    size_t article;
} srow;

struct html_doc {
    char *title, *prefix;
    hbuf body;
    hbuf index;
    size_t n_articles, n_quotes, n_failed;
    srow *rows;
    size_t n_rows, cap_rows;
    int oom;
};

typedef struct article {
    html_doc *d;
    size_t no; /* 1-based */
    const char *text;
    size_t len;
    hquote *q;
    size_t nq;
    hactor *a;
    size_t na, cap_a;
    hspan *sp;
    size_t nsp, cap_sp;
    char *err;
    size_t errlen;
} article;

static const char *const stance_labels[] = {"favor", "against", "none"};

static int label_no(const char *l)
{
    for (int i = 0; i < 3; i++)
        if (l && !strcmp(l, stance_labels[i]))
            return i;
    return 3;
}

static int fail(article *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static int fail(article *a, const char *fmt, ...)
{
    va_list ap;
    if (a->err && a->errlen) {
        va_start(ap, fmt);
        vsnprintf(a->err, a->errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static int is_boundary(const article *a, size_t p)
{
    return p == 0 || p == a->len || (p < a->len && ((unsigned char)a->text[p] & 0xC0) != 0x80);
}

/* A [start, end) pair from two JSON values; *s = (size_t)-1 when absent (null or negative). */
static int read_span(article *a, const json_t *js, const json_t *je, size_t *s, size_t *e, const char *what)
{
    json_int_t vs, ve;
    *s = *e = (size_t)-1;
    if ((!js || json_is_null(js)) && (!je || json_is_null(je)))
        return 0;
    if (!json_is_integer(js) || !json_is_integer(je))
        return fail(a, "%s: start and end must be integers", what);
    vs = json_integer_value(js);
    ve = json_integer_value(je);
    if (vs < 0 || ve < 0)
        return 0;
    if (vs > ve || (unsigned long long)ve > (unsigned long long)a->len)
        return fail(a, "%s: span [%lld, %lld) outside the text (%zu bytes)", what, (long long)vs, (long long)ve,
                    a->len);
    *s = (size_t)vs;
    *e = (size_t)ve;
    if (!is_boundary(a, *s) || !is_boundary(a, *e))
        return fail(a, "%s: span [%zu, %zu) splits a UTF-8 character", what, *s, *e);
    return 0;
}

static int read_pair(article *a, const json_t *arr, size_t *s, size_t *e, const char *what)
{
    *s = *e = (size_t)-1;
    if (!arr || json_is_null(arr))
        return 0;
    if (!json_is_array(arr) || json_array_size(arr) != 2)
        return fail(a, "%s: a span is [start, end]", what);
    return read_span(a, json_array_get(arr, 0), json_array_get(arr, 1), s, e, what);
}

static int add_span(article *a, size_t s, size_t e, int kind, size_t idx)
{
    if (s == (size_t)-1 || s >= e)
        return 0;
    if (grow((void **)&a->sp, &a->cap_sp, a->nsp + 1, sizeof *a->sp, 64))
        return -2;
    a->sp[a->nsp++] = (hspan){s, e, kind, idx};
    return 0;
}

static const char *opt_str(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static long actor_index(article *a, const char *name, int create)
{
    for (size_t i = 0; i < a->na; i++)
        if (!strcmp(a->a[i].name, name))
            return (long)i;
    if (!create)
        return -1;
    if (grow((void **)&a->a, &a->cap_a, a->na + 1, sizeof *a->a, 16))
        return -2;
    a->a[a->na] = (hactor){name, 0, 0};
    return (long)a->na++;
}

/* A word byte as lib/tokens.h's stance_is_word_byte() reads it (an ASCII letter or digit, or any byte
 * from 0x80 on), written again here: the Python package builds this file alone (html/ of its sdist,
 * and against an installed libstance whose one header is stance.h), where lib/tokens.h is not. */
static int word_byte(char c)
{
    unsigned char u = (unsigned char)c;
    return u >= 0x80 || (u >= '0' && u <= '9') || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z');
}

/* Whole-word occurrence of the cue nearest to [from, to), outside the quote: records without
 * "cue_span" (older or other producers' output) still get their cue marked. */
static void find_cue(article *a, hquote *q)
{
    size_t cl = strlen(q->cue), lo, hi, best = (size_t)-1, bestd = (size_t)-1;
    size_t from = q->ss != (size_t)-1 ? q->ss : q->e, to = q->ss != (size_t)-1 ? q->se : q->e;
    lo = (from < q->s ? from : q->s);
    lo = lo > 80 ? lo - 80 : 0;
    hi = (to > q->e ? to : q->e) + 80;
    if (hi > a->len)
        hi = a->len;
    if (!cl || cl > a->len)
        return;
    for (size_t p = lo; p + cl <= hi; p++) {
        size_t d;
        if (p < q->e && p + cl > q->s)
            continue;
        if (memcmp(a->text + p, q->cue, cl))
            continue;
        if ((p > 0 && word_byte(a->text[p - 1])) || (p + cl < a->len && word_byte(a->text[p + cl])))
            continue;
        if (q->ss != (size_t)-1 && (p < q->se && p + cl > q->ss))
            continue;
        d = p + cl <= from ? from - (p + cl) : p >= to ? p - to : 0;
        if (d < bestd)
            bestd = d, best = p;
    }
    if (best != (size_t)-1) {
        q->cs = best;
        q->ce = best + cl;
    }
}

static int read_quote(article *a, const json_t *jq, size_t i, hquote *q)
{
    char what[64];
    const json_t *spk = json_object_get(jq, "speaker"), *st;
    int rc;
    snprintf(what, sizeof what, "quote %zu", i + 1);
    memset(q, 0, sizeof *q);
    if (!json_is_object(jq))
        return fail(a, "%s is not an object", what);
    if ((rc = read_span(a, json_object_get(jq, "start"), json_object_get(jq, "end"), &q->s, &q->e, what)))
        return rc;
    if (q->s == (size_t)-1 || q->s >= q->e)
        return fail(a, "%s: needs a non-empty span (\"start\" < \"end\")", what);
    q->type = opt_str(jq, "type");
    q->cue = opt_str(jq, "cue");
    q->ss = q->se = q->cs = q->ce = (size_t)-1;
    if (json_is_object(spk)) {
        q->speaker = opt_str(spk, "name");
        q->role = opt_str(spk, "role");
        if ((rc = read_span(a, json_object_get(spk, "start"), json_object_get(spk, "end"), &q->ss, &q->se, what)))
            return rc;
    } else if (spk && !json_is_null(spk)) {
        return fail(a, "%s: \"speaker\" must be an object or null", what);
    }
    if ((rc = read_pair(a, json_object_get(jq, "cue_span"), &q->cs, &q->ce, what)))
        return rc;
    if (q->cue && q->cs == (size_t)-1)
        find_cue(a, q);
    q->sent = json_object_get(jq, "sentiment");
    if (q->sent && !json_is_object(q->sent) && !json_is_null(q->sent))
        return fail(a, "%s: \"sentiment\" must be an object or null", what);
    st = json_object_get(jq, "stances");
    if (st && !json_is_array(st) && !json_is_null(st))
        return fail(a, "%s: \"stances\" must be an array", what);
    q->stances = json_is_array(st) ? st : NULL;
    for (size_t k = 0; q->stances && k < json_array_size(st); k++) {
        const json_t *t = json_array_get(st, k);
        const char *actor = opt_str(t, "actor");
        const json_t *rel = json_object_get(t, "relation");
        if (!actor)
            return fail(a, "%s: stance %zu has no \"actor\" string", what, k + 1);
        if (rel && !json_is_string(rel) && !json_is_null(rel))
            return fail(a, "%s: stance %zu: \"relation\" must be a string or null", what, k + 1);
        if (actor_index(a, actor, 1) == -2)
            return -2;
    }
    if ((rc = add_span(a, q->s, q->e, K_QUOTE, i)) || (rc = add_span(a, q->ss, q->se, K_SPEAKER, i)) ||
        (rc = add_span(a, q->cs, q->ce, K_CUE, i)))
        return rc;
    return 0;
}

static int read_actors(article *a, const json_t *acts)
{
    size_t i;
    const json_t *e;
    if (!acts || json_is_null(acts))
        return 0;
    if (!json_is_array(acts))
        return fail(a, "\"actors\" must be an array");
    json_array_foreach(acts, i, e) {
        const char *name = opt_str(e, "name");
        const json_t *ms = json_object_get(e, "mentions"), *m;
        size_t k;
        long ai;
        if (!name)
            return fail(a, "actor %zu has no \"name\" string", i + 1);
        if ((ai = actor_index(a, name, 1)) < 0)
            return -2;
        a->a[ai].discovered = json_is_true(json_object_get(e, "discovered"));
        if (ms && !json_is_array(ms))
            return fail(a, "actor %zu: \"mentions\" must be an array", i + 1);
        json_array_foreach(ms, k, m) {
            size_t s, en;
            int rc;
            if ((rc = read_pair(a, m, &s, &en, "actor mention")))
                return rc;
            if (s == (size_t)-1)
                continue;
            a->a[ai].n_mentions++;
            if ((rc = add_span(a, s, en, K_MENTION, (size_t)ai)))
                return rc;
        }
    }
    return 0;
}

/* ---- the article text with its spans ---- */

static int span_open_cmp(const void *x, const void *y)
{
    const hspan *a = x, *b = y;
    if (kind_layer[a->kind] != kind_layer[b->kind])
        return kind_layer[a->kind] < kind_layer[b->kind] ? -1 : 1;
    if (a->s != b->s)
        return a->s < b->s ? -1 : 1;
    if (a->e != b->e)
        return a->e > b->e ? -1 : 1;
    return a->kind - b->kind;
}

static int span_start_cmp(const void *x, const void *y)
{
    const hspan *a = x, *b = y;
    if (a->s != b->s)
        return a->s < b->s ? -1 : 1;
    return 0;
}

static const char *sent_label(const hquote *q)
{
    const char *l = json_is_object(q->sent) ? opt_str(q->sent, "label") : NULL;
    return l ? l : "unknown";
}

static const char *sent_class(const char *l)
{
    return !strcmp(l, "positive") ? "pos" : !strcmp(l, "negative") ? "neg" : !strcmp(l, "neutral") ? "neu" : "unk";
}

static void open_tag(article *a, const hspan *s, unsigned char *seen_quote, int *in_anchor)
{
    hbuf *b = &a->d->body;
    const char *P = a->d->prefix;
    const hquote *q = s->kind == K_MENTION ? NULL : &a->q[s->idx];
    switch (s->kind) {
    case K_QUOTE: {
        const char *l = sent_label(q);
        pf(b, "<mark class=\"q s-%s%s\" data-q=\"%zu\"", sent_class(l), seen_quote[s->idx] ? " cont" : "",
           s->idx + 1);
        if (!seen_quote[s->idx])
            pf(b, " id=\"%sa%zu-q%zu\"", P, a->no, s->idx + 1);
        pf(b, " title=\"quote %zu: ", s->idx + 1);
        if (q->speaker)
            escs(b, q->speaker, 1);
        else
            puts_(b, "unknown speaker");
        puts_(b, ", sentiment ");
        escs(b, l, 1);
        puts_(b, "\">");
        if (!seen_quote[s->idx])
            pf(b, "<a class=\"qn\" href=\"#%sa%zu-c%zu\">%zu</a>", P, a->no, s->idx + 1, s->idx + 1);
        seen_quote[s->idx] = 1;
        break;
    }
    case K_SPEAKER: pf(b, "<span class=\"spk\" title=\"speaker of quote %zu\">", s->idx + 1); break;
    case K_CUE: pf(b, "<span class=\"cue\" title=\"cue of quote %zu\">", s->idx + 1); break;
    default:
        if (*in_anchor) {
            puts_(b, "<span class=\"act\" title=\"actor: ");
        } else {
            pf(b, "<a class=\"act\" href=\"#%sa%zu-e%zu\" title=\"actor: ", P, a->no, s->idx + 1);
            *in_anchor = 1;
        }
        escs(b, a->a[s->idx].name, 1);
        puts_(b, "\">");
    }
}

static void close_tag(hbuf *b, const hspan *s, int *anchor_depth, size_t depth)
{
    if (s->kind == K_QUOTE)
        puts_(b, "</mark>");
    else if (s->kind == K_MENTION && *anchor_depth == (int)depth) {
        puts_(b, "</a>");
        *anchor_depth = -1;
    } else
        puts_(b, "</span>");
}

/* Sweep over the span boundaries: at each one, close the open elements from the lowest
 * layer that starts or ends there upwards and reopen those that go on (layer order, then
 * longest first), so elements nest although spans may cross. */
static int emit_text(article *a)
{
    hbuf *b = &a->d->body;
    size_t *stack = NULL, *act = NULL, nstack = 0, nact = 0, next = 0, pos = 0;
    unsigned char *seen = calloc(a->nq ? a->nq : 1, 1);
    hspan *sorted = NULL;
    int anchor_depth = -1, rc = -2;
    if (!seen || !(stack = malloc((a->nsp + 1) * sizeof *stack)) || !(act = malloc((a->nsp + 1) * sizeof *act)))
        goto done;
    if (a->nsp) /* qsort's base may not be NULL, even for no elements */
        qsort(a->sp, a->nsp, sizeof *a->sp, span_start_cmp);
    sorted = a->sp;
    while (pos <= a->len) {
        size_t nb = a->len, k, w;
        int minl = 99;
        /* spans that end or start here, and the lowest layer among them */
        for (k = 0, w = 0; k < nact; k++) {
            if (sorted[act[k]].e == pos)
                minl = kind_layer[sorted[act[k]].kind] < minl ? kind_layer[sorted[act[k]].kind] : minl;
            else
                act[w++] = act[k];
        }
        nact = w;
        for (; next < a->nsp && sorted[next].s == pos; next++) {
            act[nact++] = next;
            minl = kind_layer[sorted[next].kind] < minl ? kind_layer[sorted[next].kind] : minl;
        }
        while (nstack && kind_layer[sorted[stack[nstack - 1]].kind] >= minl) {
            nstack--;
            close_tag(b, &sorted[stack[nstack]], &anchor_depth, nstack);
        }
        if (minl != 99) {
            size_t first = nstack;
            for (k = 0; k < nact; k++)
                if (kind_layer[sorted[act[k]].kind] >= minl)
                    stack[nstack++] = act[k];
            /* order the reopened ones: layer, start, longest first (insertion sort, few) */
            for (size_t x = first + 1; x < nstack; x++)
                for (size_t y = x; y > first && span_open_cmp(&sorted[stack[y - 1]], &sorted[stack[y]]) > 0; y--) {
                    size_t t = stack[y];
                    stack[y] = stack[y - 1];
                    stack[y - 1] = t;
                }
            for (k = first; k < nstack; k++) {
                int in_anchor = anchor_depth >= 0;
                open_tag(a, &sorted[stack[k]], seen, &in_anchor);
                if (in_anchor && anchor_depth < 0)
                    anchor_depth = (int)k;
            }
        }
        if (pos == a->len)
            break;
        if (next < a->nsp && sorted[next].s < nb)
            nb = sorted[next].s;
        for (k = 0; k < nact; k++)
            if (sorted[act[k]].e < nb)
                nb = sorted[act[k]].e;
        esc(b, a->text + pos, nb - pos, 0);
        pos = nb;
    }
    rc = 0;
done:
    free(seen);
    free(stack);
    free(act);
    return rc;
}

/* ---- the cards beside the text ---- */

static double num(const json_t *o, const char *key, double dflt)
{
    const json_t *v = json_object_get(o, key);
    return json_is_number(v) ? json_number_value(v) : dflt;
}

static double clamp01(double x)
{
    return x != x ? 0 : x < 0 ? 0 : x > 1 ? 1 : x;
}

static void explain_list(hbuf *b, const json_t *dec)
{
    const json_t *ex = json_object_get(dec, "explain"), *e;
    size_t i;
    if (!json_is_array(ex) || !json_array_size(ex))
        return;
    puts_(b, "<ul class=\"ex\">");
    json_array_foreach(ex, i, e) {
        double c = num(e, "contribution", 0);
        pf(b, "<li><span class=\"%s\">%+.3f</span> <code>", c >= 0 ? "up" : "down", c);
        escs(b, opt_str(e, "feature"), 0);
        puts_(b, "</code></li>");
    }
    puts_(b, "</ul>");
}

/* A stance's "relation" to its speaker (known only when the actors came with sides) as words
 * ("opposite side"), or NULL when the record has none or says "unknown"; another string as it is. */
static const char *relation_words(const json_t *dec)
{
    static const char *const rel[][2] = {
        {"self", "self"}, {"speaks-for", "speaks for"}, {"same-side", "same side"}, {"opposite-side", "opposite side"}};
    const char *r = opt_str(dec, "relation");
    if (!r || !*r || !strcmp(r, "unknown"))
        return NULL;
    for (size_t i = 0; i < sizeof rel / sizeof *rel; i++)
        if (!strcmp(r, rel[i][0]))
            return rel[i][1];
    return r;
}

/* favor / against / none as a stacked bar, each part with its number as text too, and the
 * relation to the speaker when known ("against 0.76 · opposite side"). */
static void stance_bar(hbuf *b, const json_t *dec)
{
    const char *rel = relation_words(dec);
    const json_t *probs = json_object_get(dec, "probs");
    const char *label = opt_str(dec, "label");
    double p[3];
    for (int i = 0; i < 3; i++)
        p[i] = clamp01(num(probs, stance_labels[i], 0));
    pf(b, "<span class=\"bar\" role=\"img\" aria-label=\"favor %.2f, against %.2f, none %.2f\">", p[0], p[1], p[2]);
    for (int i = 0; i < 3; i++)
        pf(b, "<span class=\"b-%s\" style=\"width:%.1f%%\"></span>", stance_labels[i], 100 * p[i]);
    puts_(b, "</span> <b class=\"l-");
    puts_(b, stance_labels[label_no(label) < 3 ? label_no(label) : 2]);
    puts_(b, "\">");
    escs(b, label ? label : "?", 0);
    pf(b, " %.2f</b>", clamp01(num(dec, "confidence", 0)));
    if (rel) {
        puts_(b, " &middot; <span class=\"rel\">");
        escs(b, rel, 0);
        puts_(b, "</span>");
    }
    pf(b, " <small>(favor %.2f &middot; against %.2f &middot; none %.2f)</small>", p[0], p[1], p[2]);
}

static void card(article *a, size_t i)
{
    hbuf *b = &a->d->body;
    const hquote *q = &a->q[i];
    const char *P = a->d->prefix, *sl = sent_label(q);
    pf(b, "<li class=\"card s-%s\" id=\"%sa%zu-c%zu\"><a class=\"qn\" href=\"#%sa%zu-q%zu\">%zu</a> ", sent_class(sl),
       P, a->no, i + 1, P, a->no, i + 1, i + 1);
    if (q->speaker) {
        puts_(b, "<b class=\"who\">");
        escs(b, q->speaker, 0);
        puts_(b, "</b>");
        if (q->role) {
            puts_(b, ", <i>");
            escs(b, q->role, 0);
            puts_(b, "</i>");
        }
    } else {
        puts_(b, "<b class=\"who\">unknown speaker</b>");
    }
    puts_(b, "<br><span class=\"meta\">");
    escs(b, q->type ? q->type : "quote", 0);
    if (q->cue) {
        puts_(b, " &middot; cue &ldquo;");
        escs(b, q->cue, 0);
        puts_(b, "&rdquo;");
    }
    puts_(b, " &middot; sentiment <b>");
    escs(b, sl, 0);
    if (json_is_object(q->sent))
        pf(b, " %.2f", clamp01(num(q->sent, "confidence", 0)));
    puts_(b, "</b></span>");
    if (json_is_object(q->sent))
        explain_list(b, q->sent);
    if (q->stances && json_array_size(q->stances)) {
        const json_t *t;
        size_t k;
        puts_(b, "<table class=\"st\">");
        json_array_foreach(q->stances, k, t) {
            const char *actor = opt_str(t, "actor");
            long ai = actor_index(a, actor, 0);
            puts_(b, "<tr><th scope=\"row\">");
            if (ai >= 0)
                pf(b, "<a href=\"#%sa%zu-e%ld\">", P, a->no, ai + 1);
            escs(b, actor, 0);
            puts_(b, ai >= 0 ? "</a>" : "");
            puts_(b, "</th><td>");
            stance_bar(b, t);
            explain_list(b, t);
            puts_(b, "</td></tr>");
        }
        puts_(b, "</table>");
    }
    puts_(b, "</li>\n");
}

/* ---- the speaker -> actor graph: speakers left, actors right, one curve per judgement ---- */

typedef struct gnode {
    const char *name;
    double key;
} gnode;

static long node_of(gnode *n, size_t cnt, const char *name)
{
    for (size_t i = 0; i < cnt; i++)
        if (!strcmp(n[i].name, name))
            return (long)i;
    return -1;
}

static int gnode_cmp(const void *x, const void *y)
{
    const gnode *a = x, *b = y;
    return a->key < b->key ? -1 : a->key > b->key;
}

static void svg_label(hbuf *b, const char *s)
{
    size_t n = strlen(s), cut = n;
    if (n > 30) { /* keep whole UTF-8 characters */
        cut = 28;
        while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--;
    }
    esc(b, s, cut, 1);
    if (cut < n)
        puts_(b, "&#8230;");
}

/* One judgement drawn as a curve from its speaker to its actor, with its label. */
typedef struct gedge {
    const json_t *t;  /* the stance entry */
    size_t q;         /* quote index */
    double y1, y2;    /* the curve's ends */
    double lx, ly;    /* where its label sits (the curve passes through it) */
} gedge;

static int gedge_cmp(const void *x, const void *y)
{
    const gedge *a = x, *b = y;
    double da = a->y1 + a->y2, db = b->y1 + b->y2;
    return da < db ? -1 : da > db ? 1 : a < b ? -1 : a > b; /* stable: ties keep the page order */
}

/* Labels in @p ncol columns centred on @p cx: each label as near the middle of its curve as
 * it can be, pushed down (in the column that displaces it least) until it clears the label
 * above it by @p lh. Returns the largest displacement. Labels never overlap: columns are
 * wider than a label, and within a column they are at least @p lh apart. */
static double place_labels(gedge *e, size_t ne, const double *cx, size_t ncol, double lh)
{
    double last[2] = {-1e9, -1e9}, worst = 0;
    for (size_t i = 0; i < ne; i++) {
        double want = (e[i].y1 + e[i].y2) / 2, best = 0;
        size_t bc = 0;
        for (size_t c = 0; c < ncol; c++) {
            double y = want > last[c] + lh ? want : last[c] + lh;
            if (c == 0 || y < best)
                best = y, bc = c;
        }
        e[i].lx = cx[bc];
        e[i].ly = last[bc] = best;
        if (best - want > worst)
            worst = best - want;
    }
    return worst;
}

static int graph(article *a)
{
    hbuf *b = &a->d->body;
    gnode *sp = calloc(a->nq + 1, sizeof *sp), *ac = calloc(a->na + 1, sizeof *ac);
    size_t ns = 0, nac = 0, ne = 0, cap_e = 0;
    double *acc = calloc(a->na + 1, sizeof *acc);
    gedge *e = NULL;
    const double row = 36, W = 760, lx = 8, bw = 230, rx = W - 8 - 230, lh = 15;
    const double centre[1] = {W / 2}, sides[2] = {W / 2 - 62, W / 2 + 62}; /* a label is under 110 wide */
    double H;
    if (!sp || !ac || !acc) {
        free(sp), free(ac), free(acc);
        return -2;
    }
    for (size_t i = 0; i < a->nq; i++) /* speakers by first quote */
        if (a->q[i].speaker && a->q[i].stances && json_array_size(a->q[i].stances) &&
            node_of(sp, ns, a->q[i].speaker) < 0)
            sp[ns].name = a->q[i].speaker, sp[ns].key = (double)ns, ns++;
    for (size_t i = 0; i < a->nq; i++) { /* the edges; actors by the mean row of their speakers */
        const json_t *t;
        size_t k;
        if (!a->q[i].speaker)
            continue;
        json_array_foreach(a->q[i].stances, k, t) {
            const char *actor = opt_str(t, "actor");
            long x = node_of(ac, nac, actor), si = node_of(sp, ns, a->q[i].speaker);
            if (grow((void **)&e, &cap_e, ne + 1, sizeof *e, 16)) {
                free(sp), free(ac), free(acc), free(e);
                return -2;
            }
            if (x < 0)
                x = (long)nac, ac[nac].name = actor, acc[nac++] = 0;
            ac[x].key += (double)si;
            acc[x] += 1;
            e[ne++] = (gedge){t, i, 37 + row * (double)si, 0, 0, 0};
        }
    }
    if (!ne) {
        puts_(b, "<p class=\"none\">No attributed stance: no graph.</p>");
        free(sp), free(ac), free(acc);
        return 0;
    }
    for (size_t i = 0; i < nac; i++)
        ac[i].key = ac[i].key / acc[i] + 1e-3 * (double)i;
    qsort(ac, nac, sizeof *ac, gnode_cmp);
    for (size_t j = 0; j < ne; j++)
        e[j].y2 = 37 + row * (double)node_of(ac, nac, opt_str(e[j].t, "actor"));
    qsort(e, ne, sizeof *e, gedge_cmp);
    /* one column in the middle while it keeps every label within half a row of its curve's middle */
    if (place_labels(e, ne, centre, 1, lh) > row / 2)
        place_labels(e, ne, sides, 2, lh);
    H = row * (double)(ns > nac ? ns : nac) + 40;
    for (size_t i = 0; i < ne; i++)
        if (e[i].ly + 10 > H)
            H = e[i].ly + 10;
    pf(b, "<svg class=\"graph\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" "
          "aria-labelledby=\"%sa%zu-gt\"><title id=\"%sa%zu-gt\">Who stands how toward whom (speaker to actor; "
          "see the table below for the same as text)</title>\n",
       W, H, W, H, a->d->prefix, a->no, a->d->prefix, a->no);
    pf(b, "<text x=\"%.0f\" y=\"14\" class=\"gh\">speakers</text><text x=\"%.0f\" y=\"14\" class=\"gh\">actors"
          "</text>\n", lx, rx);
    for (size_t j = 0; j < ne; j++) { /* edges under the nodes: two S-curves that meet at the label */
        const json_t *t = e[j].t;
        int l = label_no(opt_str(t, "label"));
        double c = clamp01(num(t, "confidence", 0)), x0 = lx + bw, x3 = rx - 6, m0 = (x0 + e[j].lx) / 2,
               m1 = (e[j].lx + x3) / 2;
        pf(b, "<g class=\"e e-%s\"><title>quote %zu: ", l < 3 ? stance_labels[l] : "none", e[j].q + 1);
        escs(b, a->q[e[j].q].speaker, 1);
        puts_(b, " \xE2\x86\x92 ");
        escs(b, opt_str(t, "actor"), 1);
        pf(b, ": %s %.2f", l < 3 ? stance_labels[l] : "?", c);
        if (relation_words(t)) {
            puts_(b, " (");
            escs(b, relation_words(t), 1);
            puts_(b, ")");
        }
        pf(b, "</title><path d=\"M%.1f %.1fC%.1f %.1f %.1f %.1f %.1f %.1fC%.1f %.1f %.1f %.1f %.1f %.1f\" "
              "stroke-width=\"%.2f\"/></g>\n",
           x0, e[j].y1, m0, e[j].y1, m0, e[j].ly, e[j].lx, e[j].ly, m1, e[j].ly,
           m1, e[j].y2, x3, e[j].y2, 0.5 + 3.0 * c);
    }
    for (size_t j = 0; j < ne; j++) { /* labels over every curve */
        int l = label_no(opt_str(e[j].t, "label"));
        pf(b, "<g class=\"e e-%s\"><text x=\"%.1f\" y=\"%.1f\">%zu: %s %.2f</text></g>\n",
           l < 3 ? stance_labels[l] : "none", e[j].lx, e[j].ly + 4, e[j].q + 1, l < 3 ? stance_labels[l] : "?",
           clamp01(num(e[j].t, "confidence", 0)));
    }
    for (size_t i = 0; i < ns; i++) {
        pf(b, "<g class=\"n\"><rect x=\"%.0f\" y=\"%.1f\" width=\"%.0f\" height=\"%.0f\" rx=\"6\"/><text x=\"%.0f\" "
              "y=\"%.1f\">", lx, 24 + row * (double)i, bw, 26.0, lx + 8, 41 + row * (double)i);
        svg_label(b, sp[i].name);
        puts_(b, "</text></g>\n");
    }
    for (size_t i = 0; i < nac; i++) {
        long ai = actor_index(a, ac[i].name, 0);
        pf(b, "<a href=\"#%sa%zu-e%ld\"><g class=\"n a\"><rect x=\"%.0f\" y=\"%.1f\" width=\"%.0f\" height=\"%.0f\" "
              "rx=\"6\"/><text x=\"%.0f\" y=\"%.1f\">", a->d->prefix, a->no, ai + 1, rx, 24 + row * (double)i, bw,
           26.0, rx + 8, 41 + row * (double)i);
        svg_label(b, ac[i].name);
        puts_(b, "</text></g></a>\n");
    }
    puts_(b, "</svg>\n<p class=\"legend\"><span class=\"k-favor\">&#9473;&#9473; favor</span> "
             "<span class=\"k-against\">&#9473;&#9473; against</span> <span class=\"k-none\">&#9476;&#9476; none"
             "</span> &middot; line width = confidence; labels: quote number, stance, confidence</p>\n");
    free(sp), free(ac), free(acc), free(e);
    return 0;
}

/* ---- one article ---- */

static int add_rows(article *a)
{
    html_doc *d = a->d;
    for (size_t i = 0; i < a->nq; i++) {
        const json_t *t;
        size_t k;
        if (!a->q[i].speaker)
            continue;
        json_array_foreach(a->q[i].stances, k, t) {
            srow *r;
            if (grow((void **)&d->rows, &d->cap_rows, d->n_rows + 1, sizeof *d->rows, 64))
                return -2;
            r = &d->rows[d->n_rows];
            r->speaker = strdup(a->q[i].speaker);
            r->actor = strdup(opt_str(t, "actor"));
            if (!r->speaker || !r->actor) {
                free(r->speaker), free(r->actor);
                return -2;
            }
            r->label = label_no(opt_str(t, "label"));
            r->conf = clamp01(num(t, "confidence", 0));
            r->article = a->no;
            d->n_rows++;
        }
    }
    return 0;
}

static void actor_list(article *a)
{
    hbuf *b = &a->d->body;
    if (!a->na)
        return;
    puts_(b, "<h3>Actors</h3><ul class=\"actors\">");
    for (size_t i = 0; i < a->na; i++) {
        size_t nst[4] = {0};
        for (size_t k = 0; k < a->nq; k++) {
            const json_t *t;
            size_t j;
            json_array_foreach(a->q[k].stances, j, t)
                if (!strcmp(opt_str(t, "actor"), a->a[i].name))
                    nst[label_no(opt_str(t, "label"))]++;
        }
        pf(b, "<li id=\"%sa%zu-e%zu\"><b>", a->d->prefix, a->no, i + 1);
        escs(b, a->a[i].name, 0);
        pf(b, "</b>%s &middot; %zu mention%s &middot; judged in quotes: favor %zu, against %zu, none %zu</li>",
           a->a[i].discovered ? " <small>(found in the text)</small>" : "", a->a[i].n_mentions,
           a->a[i].n_mentions == 1 ? "" : "s", nst[0], nst[1], nst[2]);
    }
    puts_(b, "</ul>\n");
}

static int emit_article(article *a, const char *id)
{
    hbuf *b = &a->d->body, *ix = &a->d->index;
    const char *P = a->d->prefix;
    int rc;
    pf(b, "<section class=\"art\" id=\"%sa%zu\"><h2>", P, a->no);
    escs(b, id, 0);
    pf(b, "</h2><p class=\"meta\">%zu quote%s &middot; %zu actor%s &middot; %zu bytes</p>\n", a->nq,
       a->nq == 1 ? "" : "s", a->na, a->na == 1 ? "" : "s", a->len);
    puts_(b, "<div class=\"cols\"><div class=\"text\">");
    if ((rc = emit_text(a)))
        return rc;
    puts_(b, "</div>\n<ol class=\"cards\">");
    for (size_t i = 0; i < a->nq; i++)
        card(a, i);
    puts_(b, "</ol></div>\n<h3>Who stands how toward whom</h3>\n");
    if ((rc = graph(a)))
        return rc;
    actor_list(a);
    puts_(b, "</section>\n");
    pf(ix, "<li><a href=\"#%sa%zu\">", P, a->no);
    escs(ix, id, 0);
    pf(ix, "</a> <small>%zu quote%s</small></li>\n", a->nq, a->nq == 1 ? "" : "s");
    return add_rows(a);
}

/* Undo what an article added to the page's body and index. */
static void cut_back(html_doc *d, size_t body_n, size_t index_n)
{
    d->body.n = body_n;
    d->index.n = index_n;
    if (d->body.p)
        d->body.p[body_n] = '\0';
    if (d->index.p)
        d->index.p[index_n] = '\0';
}

int html_doc_add(html_doc *d, const char *id, const char *text, size_t len, const json_t *record, char *err,
                 size_t errlen)
{
    article a;
    const json_t *qs;
    char idbuf[48];
    size_t body_n = d->body.n, index_n = d->index.n, rows_n = d->n_rows;
    int rc = 0;
    memset(&a, 0, sizeof a);
    a.d = d;
    a.no = d->n_articles + d->n_failed + 1;
    a.text = text ? text : "";
    a.len = text ? len : 0;
    a.err = err;
    a.errlen = errlen;
    if (err && errlen)
        err[0] = '\0';
    if (!id) {
        snprintf(idbuf, sizeof idbuf, "article %zu", a.no);
        id = idbuf;
    }
    qs = json_object_get(record, "quotes");
    if (!json_is_object(record) || (qs && !json_is_array(qs))) {
        rc = fail(&a, "a record is an object with a \"quotes\" array");
        goto done;
    }
    a.nq = json_array_size(qs);
    if (!(a.q = calloc(a.nq ? a.nq : 1, sizeof *a.q))) {
        rc = -2;
        goto done;
    }
    if ((rc = read_actors(&a, json_object_get(record, "actors"))))
        goto done;
    for (size_t i = 0; i < a.nq; i++)
        if ((rc = read_quote(&a, json_array_get(qs, i), i, &a.q[i])))
            goto done;
    rc = emit_article(&a, id);
    if (!rc && (d->body.oom || d->index.oom))
        rc = -2;
done:
    if (rc) { /* leave the doc as it was */
        cut_back(d, body_n, index_n);
        while (d->n_rows > rows_n) {
            d->n_rows--;
            free(d->rows[d->n_rows].speaker);
            free(d->rows[d->n_rows].actor);
        }
        if (rc == -2)
            fail(&a, "out of memory");
    } else {
        d->n_articles++;
        d->n_quotes += a.nq;
    }
    free(a.q);
    free(a.a);
    free(a.sp);
    return rc;
}

int html_doc_add_error(html_doc *d, const char *id, const char *message)
{
    size_t no = d->n_articles + d->n_failed + 1, body_n = d->body.n, index_n = d->index.n;
    char idbuf[48];
    if (!id) {
        snprintf(idbuf, sizeof idbuf, "article %zu", no);
        id = idbuf;
    }
    pf(&d->body, "<section class=\"art failed\" id=\"%sa%zu\"><h2>", d->prefix, no);
    escs(&d->body, id, 0);
    puts_(&d->body, "</h2><p class=\"error\" role=\"alert\"><b>Not processed:</b> ");
    escs(&d->body, message ? message : "error", 0);
    puts_(&d->body, "</p></section>\n");
    pf(&d->index, "<li class=\"failed\"><a href=\"#%sa%zu\">", d->prefix, no);
    escs(&d->index, id, 0);
    puts_(&d->index, "</a> <small>not processed</small></li>\n");
    if (d->body.oom || d->index.oom) { /* leave the doc as it was */
        cut_back(d, body_n, index_n);
        return -2;
    }
    d->n_failed++;
    return 0;
}

/* ---- the page ---- */

static const char css[] =
    "--fav:#0072B2;--ag:#D55E00;--non:#777;--pos:#cfe2f3;--neg:#fbd6b8;--neu:#e4e4e4;"
    "font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1a1a1a;max-width:1200px;"
    "margin:0 auto;padding:0 1em}\n"
    "S h1{font-size:1.5em}S h2{border-top:3px solid #333;padding-top:.4em;margin-top:1.5em}"
    "S .meta{color:#444;font-size:.9em}S .cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);"
    "gap:1.5em;align-items:start}\n"
    "S .text{white-space:pre-wrap;overflow-wrap:anywhere;line-height:1.8;unicode-bidi:plaintext}\n"
    "S mark.q{color:inherit;padding:.1em 0;border-bottom:3px solid #555;-webkit-print-color-adjust:exact;"
    "print-color-adjust:exact}\n"
    "S .s-pos{background:var(--pos)}S mark.s-pos{border-bottom:3px solid var(--fav)}"
    "S .s-neg{background:var(--neg)}S mark.s-neg{border-bottom:3px dashed var(--ag)}"
    "S .s-neu,S .s-unk{background:var(--neu)}S mark.s-neu{border-bottom:3px dotted #555}\n"
    "S a.qn{font-size:.7em;font-weight:700;vertical-align:super;text-decoration:none;color:#000;background:#fff;"
    "border:1px solid #555;border-radius:.6em;padding:0 .35em;margin-right:.2em}\n"
    "S .spk{font-weight:700;border-bottom:2px double #000}S .cue{font-style:italic;outline:1px dotted #555}"
    "S .act{text-decoration:underline;text-decoration-thickness:2px;text-underline-offset:3px;color:#00457a}\n"
    "S .ctl{font:.7em monospace;border:1px solid #a00;color:#a00;padding:0 .2em}\n"
    "S p.error{border:2px solid #a00;border-left:8px solid #a00;color:#700;padding:.4em .6em}\n"
    "S ol.cards{list-style:none;padding:0;margin:0}S .card{border:1px solid #bbb;border-left:8px solid #999;"
    "padding:.4em .6em;margin-bottom:.6em;border-radius:4px;-webkit-print-color-adjust:exact;print-color-adjust:exact;"
    "break-inside:avoid}\n"
    "S .card.s-pos{border-left:8px solid var(--fav)}S .card.s-neg{border-left:8px dashed var(--ag)}"
    "S .card.s-neu{border-left:8px dotted #555}S .card:target,S mark:target{outline:3px solid #000}\n"
    "S table.st{border-collapse:collapse;margin-top:.3em;font-size:.9em}S table.st th{text-align:left;"
    "padding-right:.5em;font-weight:600;vertical-align:top}\n"
    "S .bar{display:inline-flex;width:90px;height:.8em;border:1px solid #333;vertical-align:middle;"
    "-webkit-print-color-adjust:exact;print-color-adjust:exact}S .bar span{display:block;height:100%}\n"
    "S .b-favor{background:var(--fav)}S .b-against{background:var(--ag);background-image:repeating-linear-gradient("
    "45deg,transparent 0 3px,rgba(255,255,255,.5) 3px 5px)}S .b-none{background:#ccc}\n"
    "S .l-favor{color:var(--fav)}S .l-against{color:#a33f00}S .l-none{color:#444}S .rel{white-space:nowrap}\n"
    "S ul.ex{margin:.1em 0 .3em;padding-left:1.2em;font-size:.85em}S .up{color:var(--fav)}S .down{color:#a33f00}\n"
    "S svg.graph{max-width:100%;height:auto;font-size:12px;display:block}S svg .gh{font-weight:700;fill:#333}\n"
    "S svg .n rect{fill:#f4f4f4;stroke:#333}S svg .n.a rect{fill:#fff;stroke-dasharray:4 2}S svg .n text{fill:#000}\n"
    "S svg .e path{fill:none;stroke:var(--non);stroke-dasharray:5 3}S svg .e-favor path{stroke:var(--fav);"
    "stroke-dasharray:none}S svg .e-against path{stroke:var(--ag);stroke-dasharray:none}\n"
    "S svg .e text{font-size:11px;text-anchor:middle;paint-order:stroke;stroke:#fff;stroke-width:3px}"
    "S svg .e-favor text{fill:var(--fav)}S svg .e-against text{fill:#a33f00}\n"
    "S .legend{font-size:.85em}S .k-favor{color:var(--fav)}S .k-against{color:#a33f00}S .k-none{color:#555}\n"
    "S table.sum,S table.fig{border-collapse:collapse;font-size:.9em}S table.sum td,S table.sum th,S table.fig td,"
    "S table.fig th{border:1px solid #bbb;padding:.2em .5em;text-align:right}S table.sum td.t,S table.sum th.t{"
    "text-align:left}\n"
    "S .pair{display:flex;flex-wrap:wrap;gap:2em;align-items:flex-start}\n"
    "@media (max-width:800px){S .cols{grid-template-columns:1fr}}\n"
    "@media print{S{max-width:none;font-size:10pt}S .cols{grid-template-columns:1fr}S a{color:#000}"
    "S section.art{break-before:page}S nav{display:none}}\n";

/* The CSS with every "S" selector scoped: "body" for a page, ".stance-report" for a fragment. */
static void put_css(hbuf *b, const char *scope)
{
    const char *p = css;
    pf(b, "%s{", scope);
    for (; *p; p++) {
        if (*p == 'S' && (p == css || p[-1] == '}' || p[-1] == '\n' || p[-1] == ',' || p[-1] == '{') &&
            (p[1] == ' ' || p[1] == '{' || p[1] == ',' || p[1] == '.' || p[1] == '}'))
            puts_(b, scope);
        else
            put(b, p, 1);
    }
}

static int row_cmp(const void *x, const void *y)
{
    const srow *a = x, *b = y;
    int c = strcmp(a->speaker, b->speaker);
    return c ? c : strcmp(a->actor, b->actor);
}

static void summary(html_doc *d, hbuf *b)
{
    puts_(b, "<h2>All stances by speaker and actor</h2>\n");
    if (!d->n_rows) {
        puts_(b, "<p class=\"none\">No attributed stance.</p>\n");
        return;
    }
    qsort(d->rows, d->n_rows, sizeof *d->rows, row_cmp);
    puts_(b, "<table class=\"sum\"><thead><tr><th class=\"t\" scope=\"col\">speaker</th><th class=\"t\" scope=\"col\">"
             "actor</th><th scope=\"col\">quotes</th><th scope=\"col\" class=\"l-favor\">favor</th><th scope=\"col\" "
             "class=\"l-against\">against</th><th scope=\"col\">none</th><th scope=\"col\">mean confidence</th>"
             "<th class=\"t\" scope=\"col\">articles</th></tr></thead><tbody>\n");
    for (size_t i = 0, j; i < d->n_rows; i = j) {
        size_t cnt[4] = {0}, last = 0;
        double sum = 0;
        for (j = i; j < d->n_rows && !row_cmp(&d->rows[i], &d->rows[j]); j++)
            cnt[d->rows[j].label]++, sum += d->rows[j].conf;
        puts_(b, "<tr><td class=\"t\">");
        escs(b, d->rows[i].speaker, 0);
        puts_(b, "</td><td class=\"t\">");
        escs(b, d->rows[i].actor, 0);
        pf(b, "</td><td>%zu</td><td>%zu</td><td>%zu</td><td>%zu</td><td>%.2f</td><td class=\"t\">", j - i, cnt[0],
           cnt[1], cnt[2] + cnt[3], sum / (double)(j - i));
        for (size_t k = i; k < j; k++) /* rows of one pair keep article order (qsort is not stable: skip repeats) */
            if (d->rows[k].article != last) {
                int dup = 0;
                for (size_t m = i; m < k; m++)
                    dup |= d->rows[m].article == d->rows[k].article;
                if (!dup)
                    pf(b, "<a href=\"#%sa%zu\">%zu</a> ", d->prefix, d->rows[k].article, d->rows[k].article);
                last = d->rows[k].article;
            }
        puts_(b, "</td></tr>\n");
    }
    puts_(b, "</tbody></table>\n");
}

static void page_head(hbuf *b, const char *title)
{
    puts_(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
             "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
             "img-src data:\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
             "<meta name=\"generator\" content=\"libstance\">\n<title>");
    escs(b, title, 0);
    puts_(b, "</title>\n<style>\n");
    put_css(b, "body");
    puts_(b, "</style></head>\n<body>\n");
}

char *html_doc_render(html_doc *d, int fragment, size_t *len)
{
    hbuf b = {0};
    const char *scope = ".stance-report";
    if (fragment) {
        puts_(&b, "<style>\n");
        put_css(&b, scope);
        puts_(&b, "</style>\n<div class=\"stance-report\">\n");
    } else {
        page_head(&b, d->title);
    }
    puts_(&b, "<header><h1>");
    escs(&b, d->title, 0);
    pf(&b, "</h1><p class=\"meta\">%zu article%s &middot; %zu quote%s &middot; quotes are coloured by sentiment: "
           "<span class=\"s-pos\">positive (solid blue line)</span>, <span class=\"s-neg\">negative (dashed orange"
           " line)</span>, <span class=\"s-neu\">neutral (dotted grey line)</span>; <span class=\"spk\">speaker"
           "</span>, <span class=\"cue\">cue</span>, <span class=\"act\">actor</span></p></header>\n",
       d->n_articles, d->n_articles == 1 ? "" : "s", d->n_quotes, d->n_quotes == 1 ? "" : "s");
    if (d->n_failed)
        pf(&b, "<p class=\"error\" role=\"alert\">%zu input%s could not be processed: see below.</p>\n", d->n_failed,
           d->n_failed == 1 ? "" : "s");
    if (d->n_articles + d->n_failed > 1) {
        puts_(&b, "<nav><h2>Articles</h2><ol>\n");
        put(&b, d->index.p ? d->index.p : "", d->index.n);
        puts_(&b, "</ol></nav>\n");
    }
    summary(d, &b);
    put(&b, d->body.p ? d->body.p : "", d->body.n);
    puts_(&b, fragment ? "</div>\n" : "</body></html>\n");
    return hbuf_finish(&b, len);
}

int html_doc_new(const char *title, const char *prefix, html_doc **out)
{
    html_doc *d;
    *out = NULL;
    if (prefix)
        for (const char *p = prefix; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
                  *p == '_'))
                return -1;
    if (!(d = calloc(1, sizeof *d)))
        return -1;
    d->title = strdup(title ? title : "stance report");
    d->prefix = strdup(prefix ? prefix : "");
    if (!d->title || !d->prefix) {
        html_doc_free(d);
        return -1;
    }
    *out = d;
    return 0;
}

void html_doc_free(html_doc *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n_rows; i++) {
        free(d->rows[i].speaker);
        free(d->rows[i].actor);
    }
    free(d->rows);
    free(d->body.p);
    free(d->index.p);
    free(d->title);
    free(d->prefix);
    free(d);
}

/* ---- stance eval --report ---- */

static void confusion_svg(hbuf *b, const json_t *labels, const json_t *cm, size_t k)
{
    const double cell = 64, left = 110, top = 40;
    size_t maxv = 1;
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++) {
            json_int_t v = json_integer_value(json_array_get(json_array_get(cm, i), j));
            if (v > 0 && (size_t)v > maxv)
                maxv = (size_t)v;
        }
    pf(b, "<svg class=\"cm\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-label=\""
          "confusion matrix, rows gold, columns predicted; the table beside it has the same counts\">\n",
       left + cell * (double)k + 10, top + cell * (double)k + 10, left + cell * (double)k + 10,
       top + cell * (double)k + 10);
    pf(b, "<text x=\"%.0f\" y=\"14\" text-anchor=\"middle\" font-weight=\"700\">predicted</text>\n",
       left + cell * (double)k / 2);
    for (size_t j = 0; j < k; j++) {
        pf(b, "<text x=\"%.1f\" y=\"32\" text-anchor=\"middle\">", left + cell * ((double)j + 0.5));
        svg_label(b, json_string_value(json_array_get(labels, j)));
        puts_(b, "</text>\n");
    }
    for (size_t i = 0; i < k; i++) {
        pf(b, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">gold ", left - 6, top + cell * ((double)i + 0.5) + 4);
        svg_label(b, json_string_value(json_array_get(labels, i)));
        puts_(b, "</text>\n");
        for (size_t j = 0; j < k; j++) {
            json_int_t v = json_integer_value(json_array_get(json_array_get(cm, i), j));
            double t = (double)(v > 0 ? v : 0) / (double)maxv; /* white -> dark blue: one hue, any eyes */
            int r = (int)(255 - t * (255 - 8)), g = (int)(255 - t * (255 - 48)), bl = (int)(255 - t * (255 - 107));
            pf(b, "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" fill=\"rgb(%d,%d,%d)\" stroke=\"%s\" "
                  "stroke-width=\"%d\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"%s\">%lld</text>\n",
               left + cell * (double)j, top + cell * (double)i, cell, cell, r, g, bl, i == j ? "#000" : "#999",
               i == j ? 2 : 1, left + cell * ((double)j + 0.5), top + cell * ((double)i + 0.5) + 5,
               t > 0.5 ? "#fff" : "#000", (long long)v);
        }
    }
    puts_(b, "</svg>\n");
}

/* Bars: accuracy per confidence bin; dots: the bin's mean confidence on the diagonal. */
static void reliability_svg(hbuf *b, const json_t *bins)
{
    const double L = 50, T = 20, S = 300;
    const json_t *bin;
    size_t i;
    puts_(b, "<svg class=\"rel\" viewBox=\"0 0 380 370\" width=\"380\" height=\"370\" role=\"img\" aria-label=\""
             "reliability diagram: observed accuracy against predicted confidence per bin; the table beside it has "
             "the figures\">\n");
    pf(b, "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" stroke=\"#333\"/>\n", L, T, S, S);
    for (int t = 0; t <= 10; t += 2)
        pf(b, "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\" font-size=\"11\">%.1f</text>"
              "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\">%.1f</text>\n",
           L + S * t / 10.0, T + S + 14, t / 10.0, L - 4, T + S - S * t / 10.0 + 4, t / 10.0);
    pf(b, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#777\" stroke-dasharray=\"4 3\"/>\n", L,
       T + S, L + S, T);
    json_array_foreach(bins, i, bin) {
        double from = clamp01(num(bin, "from", 0)), to = clamp01(num(bin, "to", 0));
        double acc = clamp01(num(bin, "accuracy", 0)), conf = clamp01(num(bin, "confidence", 0));
        double n = num(bin, "n", 0);
        if (n <= 0 || to <= from)
            continue;
        pf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#0072B2\" fill-opacity=\".75\" "
              "stroke=\"#003a5c\"><title>confidence %.1f-%.1f: %.0f predictions, accuracy %.3f, mean confidence "
              "%.3f</title></rect>\n",
           L + S * from + 1, T + S - S * acc, S * (to - from) - 2, S * acc, from, to, n, acc, conf);
        pf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#D55E00\" stroke=\"#000\"/>\n", L + S * conf,
           T + S - S * conf);
    }
    pf(b, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\">predicted confidence</text>"
          "<text transform=\"translate(14 %.0f) rotate(-90)\" text-anchor=\"middle\">observed accuracy</text>\n",
       L + S / 2, T + S + 32, T + S / 2);
    puts_(b, "</svg>\n");
}

static int scores_ok(const json_t *sc, size_t k)
{
    const json_t *cm = json_object_get(sc, "confusion");
    if (!json_is_array(cm) || json_array_size(cm) != k || !json_is_array(json_object_get(sc, "reliability")))
        return 0;
    for (size_t i = 0; i < k; i++)
        if (json_array_size(json_array_get(cm, i)) != k)
            return 0;
    return 1;
}

static void eval_section(hbuf *b, const json_t *sc, const json_t *labels, const char *name)
{
    const json_t *pc = json_object_get(sc, "per_class"), *bins = json_object_get(sc, "reliability"), *bin;
    const json_t *cm = json_object_get(sc, "confusion");
    size_t k = json_array_size(labels), i;
    puts_(b, "<section class=\"ev\"><h2>");
    escs(b, name, 0);
    pf(b, "</h2>\n<table class=\"fig\"><tr><th>examples</th><td>%.0f</td></tr><tr><th>accuracy</th><td>%.4f</td>"
          "</tr><tr><th>macro-F1</th><td>%.4f</td></tr>", num(sc, "n", 0), num(sc, "accuracy", 0),
       num(sc, "macro_f1", 0));
    if (json_object_get(sc, "f_avg"))
        pf(b, "<tr><th>F_avg (mean F1 of favor and against)</th><td>%.4f</td></tr>", num(sc, "f_avg", 0));
    pf(b, "<tr><th>expected calibration error</th><td>%.4f</td></tr></table>\n", num(sc, "ece", 0));
    puts_(b, "<h3>Per class</h3><table class=\"fig\"><tr><th>class</th><th>precision</th><th>recall</th><th>F1</th>"
             "<th>support</th></tr>\n");
    for (i = 0; i < k; i++) {
        const char *l = json_string_value(json_array_get(labels, i));
        const json_t *c = json_object_get(pc, l);
        puts_(b, "<tr><th>");
        escs(b, l, 0);
        pf(b, "</th><td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%.0f</td></tr>\n", num(c, "precision", 0),
           num(c, "recall", 0), num(c, "f1", 0), num(c, "support", 0));
    }
    puts_(b, "</table>\n<h3>Confusion matrix</h3><div class=\"pair\">\n");
    confusion_svg(b, labels, cm, k);
    puts_(b, "<table class=\"fig\"><tr><th>gold \\ predicted</th>");
    for (size_t j = 0; j < k; j++) {
        puts_(b, "<th>");
        escs(b, json_string_value(json_array_get(labels, j)), 0);
        puts_(b, "</th>");
    }
    puts_(b, "</tr>\n");
    for (i = 0; i < k; i++) {
        puts_(b, "<tr><th>");
        escs(b, json_string_value(json_array_get(labels, i)), 0);
        puts_(b, "</th>");
        for (size_t j = 0; j < k; j++)
            pf(b, "<td>%lld</td>", (long long)json_integer_value(json_array_get(json_array_get(cm, i), j)));
        puts_(b, "</tr>\n");
    }
    puts_(b, "</table></div>\n<h3>Reliability of the top label's confidence</h3><div class=\"pair\">\n");
    reliability_svg(b, bins);
    puts_(b, "<table class=\"fig\"><tr><th>confidence bin</th><th>predictions</th><th>mean confidence</th>"
             "<th>accuracy</th><th>gap</th></tr>\n");
    json_array_foreach(bins, i, bin) {
        double n = num(bin, "n", 0), acc = num(bin, "accuracy", 0), conf = num(bin, "confidence", 0);
        pf(b, "<tr><td>[%.1f, %.1f%s</td><td>%.0f</td>", num(bin, "from", 0), num(bin, "to", 0),
           i + 1 == json_array_size(bins) ? "]" : ")", n);
        if (n > 0)
            pf(b, "<td>%.4f</td><td>%.4f</td><td>%+.4f</td></tr>\n", conf, acc, acc - conf);
        else
            puts_(b, "<td></td><td></td><td></td></tr>\n");
    }
    pf(b, "</table></div>\n<p class=\"legend\">Bars: accuracy of the predictions in each confidence bin; orange dots:"
          " the bin's mean confidence, on the dashed diagonal where a calibrated model's bar would end. Expected "
          "calibration error %.4f: the bins' |accuracy &minus; confidence| weighted by their share of the "
          "predictions.</p></section>\n", num(sc, "ece", 0));
}

char *html_eval_report(const json_t *scores, size_t *len)
{
    hbuf b = {0};
    const json_t *labels = json_object_get(scores, "labels"), *subs = json_object_get(scores, "subsets"), *v;
    const char *key;
    size_t k = json_array_size(labels);
    char title[512];
    if (!json_is_array(labels) || !k || !scores_ok(scores, k))
        return NULL;
    for (size_t i = 0; i < k; i++)
        if (!json_is_string(json_array_get(labels, i)))
            return NULL;
    snprintf(title, sizeof title, "stance eval: %s, head %s", opt_str(scores, "file") ? opt_str(scores, "file") : "?",
             opt_str(scores, "head") ? opt_str(scores, "head") : "?");
    page_head(&b, title);
    puts_(&b, "<h1>");
    escs(&b, title, 0);
    puts_(&b, "</h1>\n");
    eval_section(&b, scores, labels, "All examples");
    json_object_foreach((json_t *)subs, key, v) {
        char name[300];
        if (!scores_ok(v, k))
            continue;
        snprintf(name, sizeof name, "subset %s", key);
        eval_section(&b, v, labels, name);
    }
    puts_(&b, "</body></html>\n");
    return hbuf_finish(&b, len);
}
