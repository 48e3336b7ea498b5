/*
 * trainer.c - reads labelled JSONL, extracts features with the runtime's
 * extractor, trains linear one-vs-one classifiers with libsvm (or pairwise
 * with liblinear) and collapses them into primal feature-major weights:
 * for pair p = (i, j) in libsvm's order, w_p = sum alpha_k y_k x_k and
 * bias = -rho, with libsvm's Platt pairs kept for calibration.
 */
#include "config.h"

#include <errno.h>
#include <jansson.h>
#include <libsvm/svm.h>
#include <linear.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "cli_input.h"
#include "linear.h"
#include "trainer.h"

static void quiet(const char *s)
{
    (void)s;
}

static char *dupn(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* ---- records --------------------------------------------------------------- */

void tr_record_free(tr_record *r)
{
    free(r->id);
    free(r->task);
    free(r->label);
    free(r->subset);
    free(r->group);
    free(r->relation);
    free(r->text);
    free(r->target);
    free(r->context);
    free(r->spans);
    memset(r, 0, sizeof *r);
}

static int get_str(json_t *o, const char *key, int required, char **out, size_t *len, char *err, size_t errlen)
{
    json_t *v = json_object_get(o, key);
    *out = NULL;
    if (len)
        *len = 0;
    if (!v || json_is_null(v)) {
        if (required) {
            snprintf(err, errlen, "missing field \"%s\"", key);
            return -1;
        }
        return 0;
    }
    if (!json_is_string(v)) {
        snprintf(err, errlen, "field \"%s\" is not a string", key);
        return -1;
    }
    if (!(*out = dupn(json_string_value(v), json_string_length(v)))) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (len)
        *len = json_string_length(v);
    return 0;
}

/* The record with its "text" read without a jansson string of it (its lexer
 * costs ~140 instructions a byte; cli_json_text_span() in src/cli_input.c):
 * jansson parses the line with the text's token replaced by "", and the token
 * is decoded into *text. When that does not apply (no such token, a "\u0000"
 * in it, which jansson refuses without JSON_ALLOW_NUL, or the shortened line
 * does not parse), jansson parses the whole line and *text is NULL, so a
 * malformed record gets jansson's own error. */
static json_t *load_record(const char *line, size_t len, char **text, size_t *text_len, json_error_t *jerr)
{
    size_t t0, t1, n;
    char *tok, *shortl;
    json_t *o = NULL;
    *text = NULL;
    *text_len = 0;
    if (cli_json_text_span(line, len, &t0, &t1) == 0 && (tok = malloc(t1 - t0 + 1)) != NULL) {
        memcpy(tok, line + t0, t1 - t0);
        n = cli_json_unescape(tok, 0, t1 - t0);
        tok[n] = '\0';
        if (!memchr(tok, '\0', n) && (shortl = malloc(len - (t1 - t0) + 2)) != NULL) {
            memcpy(shortl, line, t0);
            memcpy(shortl + t0, "\"\"", 2);
            memcpy(shortl + t0 + 2, line + t1, len - t1);
            o = json_loadb(shortl, len - (t1 - t0) + 2, JSON_REJECT_DUPLICATES, jerr);
            free(shortl);
        }
        if (o) {
            *text = tok;
            *text_len = n;
            return o;
        }
        free(tok);
    }
    return json_loadb(line, len, JSON_REJECT_DUPLICATES, jerr);
}

/* ---- the record without jansson: the happy path -------------------------------- */

#define FAST_MAX_MEMBERS 64

/* The string token [v0, v1) decoded into a new NUL-terminated string. */
static char *fast_string(const char *line, size_t v0, size_t v1, size_t *len)
{
    char *t = malloc(v1 - v0 + 1);
    size_t n;
    if (!t)
        return NULL;
    memcpy(t, line + v0, v1 - v0);
    n = cli_json_unescape(t, 0, v1 - v0);
    t[n] = '\0';
    if (len)
        *len = n;
    return t;
}

/* "target_spans" [[start, end], ...] of integers within the text; -1 for
 * anything else (the caller's jansson parse then says what is wrong). */
static int fast_spans(const char *line, size_t v0, size_t v1, tr_record *r)
{
    size_t i = v0 + 1, cap = 1, n = 0;
    if (line[v0] == 'n') /* null: no spans */
        return 0;
    if (line[v0] != '[')
        return -1;
    for (size_t j = v0 + 1; j < v1; j++)
        cap += line[j] == '[';
    if (!(r->spans = calloc(cap, sizeof *r->spans)))
        return -1;
    r->has_spans = 1;
    while (line[i] == ' ')
        i++;
    while (line[i] == '[') {
        long long ab[2];
        for (int k = 0; k < 2; k++) {
            size_t t0 = i + 1, t1;
            while (line[t0] == ' ')
                t0++;
            for (t1 = t0; line[t1] == '-' || (line[t1] >= '0' && line[t1] <= '9') || line[t1] == '.'; t1++)
                ;
            if (cli_json_integer(line, t0, t1, &ab[k]))
                return -1;
            for (i = t1; line[i] == ' ';)
                i++;
            if (line[i] != (k ? ']' : ','))
                return -1;
        }
        if (ab[0] < 0 || ab[1] < ab[0] || (unsigned long long)ab[1] > r->text_len)
            return -1;
        r->spans[n].start = (size_t)ab[0];
        r->spans[n++].end = (size_t)ab[1];
        for (i++; line[i] == ' ';)
            i++;
        if (line[i] == ',')
            for (i++; line[i] == ' ';)
                i++;
    }
    r->n_spans = n;
    return line[i] == ']' && i + 1 == v1 ? 0 : -1;
}

/* One member of the record, by its key; -1 when its value is not what the
 * happy path takes (a string field that is neither a string nor null, spans
 * that are not pairs within the text) or memory runs out. */
enum { F_OTHER, F_ID, F_SCORE, F_TASK, F_LABEL, F_SUBSET, F_TARGET, F_CONTEXT, F_TEXT, F_SPANS, F_GROUP, F_RELATION };

/* Which field of a record the key k[0, n) names. */
static int field_of(const char *k, size_t n)
{
#define IS(s) (n == sizeof s - 1 && memcmp(k, s, sizeof s - 1) == 0)
    switch (n ? k[0] : 0) {
    case 'i': return IS("id") ? F_ID : F_OTHER;
    case 'g': return IS("group") ? F_GROUP : F_OTHER;
    case 'o': return IS("orig_score") ? F_SCORE : F_OTHER;
    case 'l': return IS("label") ? F_LABEL : F_OTHER;
    case 'r': return IS("relation") ? F_RELATION : F_OTHER;
    case 's': return IS("subset") ? F_SUBSET : F_OTHER;
    case 'c': return IS("context") ? F_CONTEXT : F_OTHER;
    case 't':
        return IS("text") ? F_TEXT : IS("task") ? F_TASK : IS("target") ? F_TARGET : IS("target_spans") ? F_SPANS : F_OTHER;
    default: return F_OTHER;
    }
#undef IS
}

/* The string or integer value line[v0, v1) as text (an integer in decimal):
 * 1 set in *out, 0 neither a string nor an integer, -1 out of memory. */
static int fast_text_or_int(const char *line, size_t v0, size_t v1, char **out)
{
    long long iv;
    if (line[v0] == '"')
        return (*out = fast_string(line, v0, v1, NULL)) ? 1 : -1;
    if (cli_json_integer(line, v0, v1, &iv) == 0) {
        char tmp[32];
        snprintf(tmp, sizeof tmp, "%lld", iv);
        return (*out = dupn(tmp, strlen(tmp))) ? 1 : -1;
    }
    return 0;
}

/* One member of the record other than "text" and "target_spans", by its key
 * (field_of()); -1 when its value is not what the happy path takes (a string
 * field that is neither a string nor null, a "group" that is a real) or memory runs out. */
static int fast_member(const char *line, const cli_json_member *m, int f, tr_record *r)
{
    char **const strs[] = {&r->task, &r->label, &r->subset, &r->target, &r->context};
    size_t *const lens[] = {NULL, NULL, NULL, &r->target_len, &r->context_len};
    size_t v0 = m->v0, v1 = m->v1;
    char c = line[v0];
    long long iv;
    if (f == F_ID) {
        r->id_raw0 = v0;
        r->id_raw1 = v1;
        return fast_text_or_int(line, v0, v1, &r->id) < 0 ? -1 : 0; /* (a real id, a list, ...: no id) */
    }
    if (f == F_RELATION) /* null: none; a string; anything else: jansson's turn */
        return c == 'n' || (c == '"' && (r->relation = fast_string(line, v0, v1, NULL))) ? 0 : -1;
    if (f == F_GROUP) /* null: no group; a real or anything else: jansson's turn */
        return c == 'n' || fast_text_or_int(line, v0, v1, &r->group) == 1 ? 0 : -1;
    if (f == F_SCORE && (c == '-' || (c >= '0' && c <= '9'))) { /* jansson reads reals with strtod too */
        r->score = cli_json_integer(line, v0, v1, &iv) == 0 ? (double)iv : strtod(line + v0, NULL);
        r->has_score = 1;
    }
    if (f < F_TASK || f > F_CONTEXT || c == 'n') /* ignored, or a null string field */
        return 0;
    return c == '"' && (*strs[f - F_TASK] = fast_string(line, v0, v1, lens[f - F_TASK])) ? 0 : -1;
}

/* The record read from cli_json_members()' spans, without jansson. 0 done;
 * -1 (@p r cleared) when anything is in doubt or wrong: the caller parses the
 * line with jansson, so a bad record gets the same message either way. */
static int fast_record(const char *line, size_t len, int need_label, tr_record *r)
{
    cli_json_member m[FAST_MAX_MEMBERS];
    int n = cli_json_members(line, len, m, FAST_MAX_MEMBERS), text = -1, spans = -1;
    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        int f = field_of(line + m[i].k0, m[i].k1 - m[i].k0);
        if (f == F_TEXT)
            text = i;
        else if (f == F_SPANS)
            spans = i;
        else if (f != F_OTHER && fast_member(line, &m[i], f, r))
            goto fail;
    }
    if (text < 0 || line[m[text].v0] != '"' || (need_label && !r->label) ||
        !(r->text = fast_string(line, m[text].v0, m[text].v1, &r->text_len)) ||
        (spans >= 0 && fast_spans(line, m[spans].v0, m[spans].v1, r)))
        goto fail;
    return 0;
fail:
    tr_record_free(r);
    return -1;
}

int tr_record_parse(const char *line, size_t len, int need_label, tr_record *r, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    if (fast_record(line, len, need_label, r) == 0)
        return 0;
    return tr_record_parse_json(line, len, need_label, r, err, errlen);
}

/* A string's value or an integer in decimal (with @p reals, a real as %.17g) as
 * a new string; NULL for anything else or out of memory. */
static char *json_scalar_text(json_t *v, int reals)
{
    char tmp[40];
    if (json_is_string(v))
        return dupn(json_string_value(v), json_string_length(v));
    if (json_is_integer(v))
        snprintf(tmp, sizeof tmp, "%lld", (long long)json_integer_value(v));
    else if (reals && json_is_real(v))
        snprintf(tmp, sizeof tmp, "%.17g", json_real_value(v));
    else
        return NULL;
    return dupn(tmp, strlen(tmp));
}

int tr_record_parse_json(const char *line, size_t len, int need_label, tr_record *r, char *err, size_t errlen)
{
    json_error_t jerr;
    json_t *o, *sp, *id;
    char *text;
    size_t text_len;
    memset(r, 0, sizeof *r);
    o = load_record(line, len, &text, &text_len, &jerr);
    if (!o) {
        snprintf(err, errlen, "malformed JSON: %s (column %d)", jerr.text, jerr.column);
        return -1;
    }
    if (!json_is_object(o)) {
        free(text); /* (never set: the text's token is a top-level member of an object) */
        snprintf(err, errlen, "not a JSON object");
        goto fail;
    }
    if (text) {
        r->text = text;
        r->text_len = text_len;
    }
    if ((!text && get_str(o, "text", 1, &r->text, &r->text_len, err, errlen)) ||
        get_str(o, "target", 0, &r->target, &r->target_len, err, errlen) ||
        get_str(o, "context", 0, &r->context, &r->context_len, err, errlen) ||
        get_str(o, "task", 0, &r->task, NULL, err, errlen) || get_str(o, "subset", 0, &r->subset, NULL, err, errlen) ||
        get_str(o, "relation", 0, &r->relation, NULL, err, errlen) ||
        get_str(o, "label", need_label, &r->label, NULL, err, errlen))
        goto fail;
    {
        json_t *sc = json_object_get(o, "orig_score");
        if (json_is_number(sc)) {
            r->score = json_number_value(sc);
            r->has_score = 1;
        }
    }
    id = json_object_get(o, "id");
    r->id = json_scalar_text(id, 0);
    id = json_object_get(o, "group");
    if (id && !json_is_null(id) && !(r->group = json_scalar_text(id, 1))) {
        snprintf(err, errlen, json_is_number(id) || json_is_string(id) ? "out of memory"
                                                                        : "field \"group\" is not a string or a number");
        goto fail;
    }
    sp = json_object_get(o, "target_spans");
    if (sp && !json_is_null(sp)) {
        size_t n = json_array_size(sp);
        if (!json_is_array(sp)) {
            snprintf(err, errlen, "field \"target_spans\" is not an array");
            goto fail;
        }
        r->has_spans = 1;
        r->spans = calloc(n ? n : 1, sizeof *r->spans);
        if (!r->spans) {
            snprintf(err, errlen, "out of memory");
            goto fail;
        }
        for (size_t i = 0; i < n; i++) {
            json_t *pair = json_array_get(sp, i);
            json_int_t a, b;
            if (!json_is_array(pair) || json_array_size(pair) != 2 || !json_is_integer(json_array_get(pair, 0)) ||
                !json_is_integer(json_array_get(pair, 1))) {
                snprintf(err, errlen, "target_spans[%zu] is not a [start, end] pair", i);
                goto fail;
            }
            a = json_integer_value(json_array_get(pair, 0));
            b = json_integer_value(json_array_get(pair, 1));
            if (a < 0 || b < a || (size_t)b > r->text_len) {
                snprintf(err, errlen, "target_spans[%zu] = [%lld, %lld] is outside the text (%zu bytes)", i,
                         (long long)a, (long long)b, r->text_len);
                goto fail;
            }
            r->spans[i].start = (size_t)a;
            r->spans[i].end = (size_t)b;
        }
        r->n_spans = n;
    }
    json_decref(o);
    return 0;
fail:
    json_decref(o);
    tr_record_free(r);
    return -1;
}

int tr_record_band(tr_record *r, double band)
{
    const char *l;
    if (band <= 0 || !r->has_score || !r->label ||
        (strcmp(r->label, "positive") && strcmp(r->label, "negative") && strcmp(r->label, "neutral")))
        return 0;
    l = fabs(r->score) < band ? "neutral" : r->score > 0 ? "positive" : "negative";
    free(r->label);
    r->label = dupn(l, strlen(l));
    return r->label ? 0 : -1;
}

/* Seeds of the two key spaces of tr_group_key(). */
#define GROUP_SEED_FIELD 0x67726f7570ull
#define GROUP_SEED_TEXT 0x74657874ull

uint64_t tr_group_key(const tr_record *r)
{
    XXH3_state_t st;
    char buf[256];
    size_t n = 0;
    int started = 0, pending = 0;
    if (r->group)
        return XXH3_64bits_withSeed(r->group, strlen(r->group), GROUP_SEED_FIELD);
    memset(&st, 0, sizeof st); /* (XXH3_64bits_reset_withSeed() reads a seed field it then sets) */
    XXH3_64bits_reset_withSeed(&st, GROUP_SEED_TEXT);
    for (size_t i = 0; i < r->text_len; i++) {
        char c = r->text[i];
        if (c == ' ' || (c >= '\t' && c <= '\r')) {
            pending = started; /* one space for the run, none before the first or after the last character */
            continue;
        }
        if (n + 2 > sizeof buf) {
            XXH3_64bits_update(&st, buf, n);
            n = 0;
        }
        if (pending)
            buf[n++] = ' ';
        pending = 0;
        started = 1;
        buf[n++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    XXH3_64bits_update(&st, buf, n);
    return XXH3_64bits_digest(&st);
}

void tr_record_statement(const tr_record *r, stance_statement *st)
{
    memset(st, 0, sizeof *st);
    st->size = sizeof *st;
    st->text = r->text;
    st->text_len = r->text_len;
    st->target = r->target;
    st->target_len = r->target_len;
    st->target_spans = r->has_spans ? r->spans : NULL;
    st->n_target_spans = r->n_spans;
    st->context = r->context;
    st->context_len = r->context_len;
}

/* ---- data sets ------------------------------------------------------------- */

void tr_data_free(tr_data *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->ex[i].idx);
        free(d->ex[i].val);
        free(d->ex[i].subset);
    }
    free(d->ex);
    for (size_t i = 0; i < d->n_labels; i++)
        free(d->labels[i]);
    free(d->labels);
    memset(d, 0, sizeof *d);
}

void tr_names_free(tr_names *n)
{
    free(n->off);
    free(n->fam);
    free(n->votes);
    free(n->pool);
    memset(n, 0, sizeof *n);
}

/* Keep, per bucket, the majority string of the features hashed into it
 * (Boyer-Moore vote), so --explain names the n-gram that usually lands there
 * rather than whichever collided first. */
static void name_cb(void *user, uint32_t bucket, uint32_t family, const char *text, size_t len)
{
    tr_names *n = user;
    if (len > 200)
        return;
    if (n->off[bucket]) {
        const char *cur = n->pool + n->off[bucket] - 1;
        if (n->fam[bucket] == family && strlen(cur) == len && memcmp(cur, text, len) == 0) {
            n->votes[bucket]++;
            return;
        }
        if (n->votes[bucket] > 1) {
            n->votes[bucket]--;
            return;
        }
    }
    if (n->pool_len + len + 1 > n->pool_cap) {
        size_t nc = n->pool_cap ? n->pool_cap * 2 : 1 << 20;
        char *np;
        while (nc < n->pool_len + len + 1)
            nc *= 2;
        if (nc > UINT32_MAX || !(np = realloc(n->pool, nc)))
            return; /* names are best effort */
        n->pool = np;
        n->pool_cap = nc;
    }
    memcpy(n->pool + n->pool_len, text, len);
    n->pool[n->pool_len + len] = '\0';
    n->off[bucket] = (uint32_t)n->pool_len + 1;
    n->fam[bucket] = family;
    n->votes[bucket] = 1;
    n->pool_len += len + 1;
}

static int label_index(tr_data *d, const char *label, const char *task)
{
    static const char *const stance[] = {"favor", "against", "none"};
    static const char *const sent[] = {"positive", "negative", "neutral"};
    for (size_t i = 0; i < d->n_labels; i++)
        if (strcmp(d->labels[i], label) == 0)
            return (int)i;
    if (d->n_labels == 0 && task && (!strcmp(task, "stance") || !strcmp(task, "sentiment"))) {
        const char *const *l = !strcmp(task, "stance") ? stance : sent;
        d->labels = calloc(3, sizeof *d->labels);
        if (!d->labels)
            return -2;
        for (int i = 0; i < 3; i++)
            if (!(d->labels[i] = dupn(l[i], strlen(l[i]))))
                return -2;
        d->n_labels = 3;
        return label_index(d, label, task);
    }
    return -1;
}

/* Append the example (label @p y, features @p x) of record @p r, which it
 * frees (the subset moves to the example). -1 out of memory. */
static int add_example(tr_data *d, int y, const stance_fvec *x, tr_record *r)
{
    tr_example *e;
    if (d->n == d->cap) {
        size_t nc = d->cap ? d->cap * 2 : 1024;
        tr_example *ne = realloc(d->ex, nc * sizeof *ne);
        if (!ne) {
            tr_record_free(r);
            return -1;
        }
        d->ex = ne;
        d->cap = nc;
    }
    e = &d->ex[d->n];
    memset(e, 0, sizeof *e);
    e->y = y;
    e->n = x->n;
    e->idx = malloc((x->n ? x->n : 1) * sizeof *e->idx);
    e->val = malloc((x->n ? x->n : 1) * sizeof *e->val);
    e->subset = r->subset;
    e->group = tr_group_key(r);
    r->subset = NULL;
    tr_record_free(r);
    d->n++;
    if (!e->idx || !e->val)
        return -1;
    if (x->n) { /* an example without features: x->idx may be NULL, and memcpy(_, NULL, 0) is undefined */
        memcpy(e->idx, x->idx, x->n * sizeof *e->idx);
        memcpy(e->val, x->val, x->n * sizeof *e->val);
    }
    d->nnz += x->n;
    return 0;
}

/* The row's "relation" into the extractor's scratch (family 15, features_side.c: the feature the
 * runtime emits for a target with that relation to its speaker); none: unknown. */
static int set_relation(stance_fscratch *fs, const tr_record *r, char *err, size_t errlen)
{
    int rel = r->relation ? stance_relation_parse(r->relation, strlen(r->relation)) : STANCE_RELATION_UNKNOWN;
    if (rel < 0) {
        snprintf(err, errlen, "unknown relation \"%.60s\" (unknown, self, speaks-for, same-side, opposite-side)",
                 r->relation);
        return -1;
    }
    stance_fscratch_set_relation(fs, rel);
    return 0;
}

int tr_data_load(const char *path, const stance_featcfg *cfg, tr_data *d, tr_names *names, char *err, size_t errlen)
{
    cli_lines in;
    const char *line;
    size_t len, lineno = 0;
    int got;
    stance_fscratch *fs = NULL;
    stance_fvec x = {0};
    stance_error serr;
    char msg[TR_ERRLEN];
    size_t start_n = d->n;

    if (cli_lines_open(&in, path, err, errlen))
        return -1;
    if (stance_fscratch_new(&fs))
        goto nomem;
    stance_fscratch_set_domain(fs, d->in_domain);
    if (names) {
        if (!names->off) {
            size_t nb = (size_t)1 << cfg->table_bits;
            names->off = calloc(nb, sizeof *names->off);
            names->fam = calloc(nb, sizeof *names->fam);
            names->votes = calloc(nb, sizeof *names->votes);
            names->bits = cfg->table_bits;
            if (!names->off || !names->fam || !names->votes)
                goto nomem;
        }
        stance_fscratch_set_name_cb(fs, name_cb, names);
    }
    while ((got = cli_lines_next(&in, &line, &len, err, errlen)) == 1) {
        tr_record r;
        stance_statement st;
        int y;
        lineno = in.lineno;
        if (tr_record_parse(line, len, 1, &r, msg, sizeof msg)) {
            snprintf(err, errlen, "%s:%zu: %s", path, lineno, msg);
            goto fail;
        }
        if (tr_record_band(&r, d->neutral_band)) {
            tr_record_free(&r);
            goto nomem;
        }
        y = label_index(d, r.label, r.task);
        if (y == -1) {
            /* Unknown task: labels in order of first appearance. */
            if (d->n_labels && r.task && (!strcmp(r.task, "stance") || !strcmp(r.task, "sentiment"))) {
                snprintf(err, errlen, "%s:%zu: unknown label \"%s\" for task %s", path, lineno, r.label, r.task);
                tr_record_free(&r);
                goto fail;
            }
            if (d->n_labels >= STANCE_MAX_LABELS) {
                snprintf(err, errlen, "%s:%zu: too many labels (max %d)", path, lineno, STANCE_MAX_LABELS);
                tr_record_free(&r);
                goto fail;
            }
            {
                char **nl = realloc(d->labels, (d->n_labels + 1) * sizeof *nl);
                if (!nl || !(nl[d->n_labels] = dupn(r.label, strlen(r.label)))) {
                    if (nl)
                        d->labels = nl;
                    tr_record_free(&r);
                    goto nomem;
                }
                d->labels = nl;
                y = (int)d->n_labels++;
            }
        } else if (y < 0) {
            tr_record_free(&r);
            goto nomem;
        }
        tr_record_statement(&r, &st);
        if (set_relation(fs, &r, msg, sizeof msg)) {
            snprintf(err, errlen, "%s:%zu: %s", path, lineno, msg);
            tr_record_free(&r);
            goto fail;
        }
        if (stance_features_extract(cfg, &st, fs, &x, &serr)) {
            snprintf(err, errlen, "%s:%zu: %s", path, lineno, serr.message);
            tr_record_free(&r);
            goto fail;
        }
        if (add_example(d, y, &x, &r))
            goto nomem;
    }
    if (got < 0)
        goto fail; /* err says where */
    if (d->n == start_n) {
        snprintf(err, errlen, "%s: no examples (empty file)", path);
        goto fail;
    }
    cli_lines_close(&in);
    stance_fvec_clear(&x);
    stance_fscratch_free(fs);
    return 0;
nomem:
    snprintf(err, errlen, "%s:%zu: out of memory", path, lineno);
fail:
    cli_lines_close(&in);
    stance_fvec_clear(&x);
    stance_fscratch_free(fs);
    return -1;
}

/* ---- heads ----------------------------------------------------------------- */

void tr_head_free(stance_head *h)
{
    if (!h)
        return;
    free(h->name);
    if (h->labels)
        for (uint32_t i = 0; i < h->n_labels; i++)
            free(h->labels[i]);
    free(h->labels);
    free(h->weights);
    free(h->bias);
    free(h->prob_a);
    free(h->prob_b);
    memset(h, 0, sizeof *h);
}

static int head_alloc(stance_head *h, uint32_t k, uint32_t bits, int probability)
{
    size_t nb = (size_t)1 << bits;
    memset(h, 0, sizeof *h);
    h->n_labels = k;
    h->n_dec = k * (k - 1) / 2;
    h->labels = calloc(k, sizeof *h->labels);
    h->weights = calloc(nb * h->n_dec, sizeof *h->weights);
    h->bias = calloc(h->n_dec, sizeof *h->bias);
    if (probability) {
        h->calib = STANCE_CALIB_PLATT_PAIRWISE;
        h->prob_a = calloc(h->n_dec, sizeof *h->prob_a);
        h->prob_b = calloc(h->n_dec, sizeof *h->prob_b);
        if (!h->prob_a || !h->prob_b)
            return -1;
    }
    return h->labels && h->weights && h->bias ? 0 : -1;
}

int tr_model_add_head(stance_model *m, const char *name, const stance_head *h)
{
    stance_head *nh;
    size_t nb = (size_t)1 << m->feat.table_bits;
    int rc = stance_model_add_head(m, name, h->n_labels, (const char *const *)h->labels, &nh);
    if (rc)
        return rc;
    memcpy(nh->weights, h->weights, nb * h->n_dec * sizeof *nh->weights);
    memcpy(nh->bias, h->bias, h->n_dec * sizeof *nh->bias);
    nh->calib = h->calib;
    nh->domain_temp = h->domain_temp;
    nh->temp = h->temp;
    if (h->calib == STANCE_CALIB_PLATT_PAIRWISE) {
        nh->prob_a = stance_calloc(h->n_dec, sizeof *nh->prob_a);
        nh->prob_b = stance_calloc(h->n_dec, sizeof *nh->prob_b);
        if (!nh->prob_a || !nh->prob_b)
            return STANCE_ERR_NOMEM;
        memcpy(nh->prob_a, h->prob_a, h->n_dec * sizeof *nh->prob_a);
        memcpy(nh->prob_b, h->prob_b, h->n_dec * sizeof *nh->prob_b);
    }
    return STANCE_OK;
}

/* ---- libsvm ---------------------------------------------------------------- */

static double *class_weights(const tr_data *d, const size_t *rows, size_t n)
{
    double *w = calloc(d->n_labels, sizeof *w);
    size_t cnt[STANCE_MAX_LABELS] = {0}, k = 0;
    if (!w)
        return NULL;
    for (size_t i = 0; i < n; i++)
        cnt[d->ex[rows ? rows[i] : i].y]++;
    for (size_t c = 0; c < d->n_labels; c++)
        k += cnt[c] > 0;
    for (size_t c = 0; c < d->n_labels; c++)
        w[c] = cnt[c] ? (double)n / ((double)k * (double)cnt[c]) : 1.0;
    return w;
}

/* svm_node arrays for the chosen rows (one block, freed by the caller). */
static struct svm_node *svm_nodes(const tr_data *d, const size_t *rows, size_t n, struct svm_node ***xs)
{
    size_t total = 0, at = 0;
    struct svm_node *pool;
    for (size_t i = 0; i < n; i++)
        total += d->ex[rows ? rows[i] : i].n + 1;
    pool = malloc(total * sizeof *pool);
    *xs = malloc((n ? n : 1) * sizeof **xs);
    if (!pool || !*xs) {
        free(pool);
        free(*xs);
        *xs = NULL;
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        const tr_example *e = &d->ex[rows ? rows[i] : i];
        (*xs)[i] = pool + at;
        for (size_t j = 0; j < e->n; j++) {
            pool[at].index = (int)e->idx[j] + 1;
            pool[at++].value = e->val[j];
        }
        pool[at].index = -1;
        pool[at++].value = 0;
    }
    return pool;
}

static void svm_params(struct svm_parameter *p, const tr_data *d, const tr_opts *o, int *wl, double *cw)
{
    memset(p, 0, sizeof *p);
    p->svm_type = C_SVC;
    p->kernel_type = LINEAR;
    p->cache_size = 200;
    p->eps = 1e-3;
    p->C = o->C;
    p->shrinking = 1;
    p->probability = o->probability;
    if (o->balanced && cw) {
        p->nr_weight = (int)d->n_labels;
        p->weight_label = wl;
        p->weight = cw;
        for (size_t c = 0; c < d->n_labels; c++)
            wl[c] = (int)c;
    }
}

/* Collapse a trained libsvm model into @p h (labels, weights, bias,
 * calibration). Pair (i, j): class i's support vectors carry their
 * coefficient in sv_coef[j-1], class j's in sv_coef[i], as in
 * svm_predict_values(); sums are kept in double and rounded once. */
static int collapse_svm(const struct svm_model *m, const tr_data *d, const struct svm_problem *prob, const tr_opts *o,
                        uint32_t bits, stance_head *h)
{
    const int k = m->nr_class;
    const size_t nb = (size_t)1 << bits;
    int start[STANCE_MAX_LABELS];
    double *acc = calloc(nb, sizeof *acc);
    int p = 0;
    if (!acc)
        return -1;
    start[0] = 0;
    for (int i = 1; i < k; i++)
        start[i] = start[i - 1] + m->nSV[i - 1];
    for (int i = 0; i < k; i++)
        if (!(h->labels[i] = dupn(d->labels[m->label[i]], strlen(d->labels[m->label[i]])))) {
            free(acc);
            return -1;
        }
    for (int i = 0; i < k; i++)
        for (int j = i + 1; j < k; j++, p++) {
            memset(acc, 0, nb * sizeof *acc);
            for (int t = 0; t < m->nSV[i]; t++) {
                double coef = m->sv_coef[j - 1][start[i] + t];
                for (const struct svm_node *x = m->SV[start[i] + t]; x->index != -1; x++)
                    acc[x->index - 1] += coef * x->value;
            }
            for (int t = 0; t < m->nSV[j]; t++) {
                double coef = m->sv_coef[i][start[j] + t];
                for (const struct svm_node *x = m->SV[start[j] + t]; x->index != -1; x++)
                    acc[x->index - 1] += coef * x->value;
            }
            for (size_t b = 0; b < nb; b++)
                h->weights[b * h->n_dec + (size_t)p] = (float)acc[b];
            h->bias[p] = -m->rho[p];
            if (h->calib == STANCE_CALIB_PLATT_PAIRWISE) {
                double a = m->probA ? m->probA[p] : 0, b = m->probB ? m->probB[p] : 0, np = 0, nn = 0;
                for (int r = 0; r < prob->l; r++) {
                    np += prob->y[r] == m->label[i];
                    nn += prob->y[r] == m->label[j];
                }
                if (m->probA && tr_platt_order_guard(&a, &b, np, nn) && o->platt_flipped)
                    ++*o->platt_flipped;
                h->prob_a[p] = a;
                h->prob_b[p] = b;
            }
        }
    free(acc);
    return 0;
}

static int train_libsvm(const tr_data *d, const size_t *rows, size_t n, const tr_opts *o, uint32_t bits,
                        stance_head *h, struct svm_model **keep, struct svm_node **keep_pool,
                        struct svm_problem *keep_prob, char *err, size_t errlen)
{
    struct svm_problem prob = {0};
    struct svm_parameter param;
    struct svm_node *pool;
    struct svm_model *m;
    int wl[STANCE_MAX_LABELS];
    double *cw = o->balanced ? class_weights(d, rows, n) : NULL;
    const char *msg;
    int rc = -1;

    prob.l = (int)n;
    prob.y = malloc((n ? n : 1) * sizeof *prob.y);
    pool = svm_nodes(d, rows, n, &prob.x);
    if (!prob.y || !pool || (o->balanced && !cw)) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < n; i++)
        prob.y[i] = d->ex[rows ? rows[i] : i].y;
    svm_params(&param, d, o, wl, cw);
    if ((msg = svm_check_parameter(&prob, &param))) {
        snprintf(err, errlen, "libsvm: %s", msg);
        goto out;
    }
    svm_set_print_string_function(quiet);
    srand(o->seed); /* libsvm draws its probability CV folds with rand() */
    m = svm_train(&prob, &param);
    if (!m) {
        snprintf(err, errlen, "libsvm: training failed");
        goto out;
    }
    if (m->nr_class != (int)d->n_labels) {
        snprintf(err, errlen, "training data has %d of the %zu labels", m->nr_class, d->n_labels);
        svm_free_and_destroy_model(&m);
        goto out;
    }
    if (head_alloc(h, (uint32_t)d->n_labels, bits, o->probability) || collapse_svm(m, d, &prob, o, bits, h)) {
        snprintf(err, errlen, "out of memory");
        svm_free_and_destroy_model(&m);
        tr_head_free(h);
        goto out;
    }
    if (keep) { /* the caller compares with libsvm, then frees model, nodes and problem */
        *keep = m;
        *keep_pool = pool;
        *keep_prob = prob;
        pool = NULL;
        prob.x = NULL;
        prob.y = NULL;
    } else {
        svm_free_and_destroy_model(&m); /* weights were copied out: free model before its problem */
    }
    rc = 0;
out:
    free(cw);
    free(pool);
    free(prob.x);
    free(prob.y);
    return rc;
}

/* ---- liblinear, pairwise in libsvm's order ---------------------------------- */

static uint64_t rng_next(uint64_t *s)
{
    /* splitmix64: a fixed generator so folds do not depend on the C library */
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static void shuffle(size_t *a, size_t n, uint64_t *s)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(rng_next(s) % i), t = a[i - 1];
        a[i - 1] = a[j];
        a[j] = t;
    }
}

int tr_platt_order_guard(double *a, double *b, double n_pos, double n_neg)
{
    if (*a < 0)
        return 0;
    *a = -1.0;
    *b = log((n_neg + 1.0) / (n_pos + 1.0));
    return 1;
}

/* Platt's sigmoid fit with Lin, Lin and Weng's safeguards (libsvm's sigmoid_train),
 * then tr_platt_order_guard(): 1 when the pair fell back. */
static int sigmoid_train(size_t l, const double *dec, const double *y, double *pa, double *pb)
{
    double prior1 = 0, prior0 = 0, a, b, fval = 0, hi, lo;
    const int max_iter = 100;
    const double min_step = 1e-10, sigma = 1e-12, eps = 1e-5;
    double *t = malloc((l ? l : 1) * sizeof *t);
    if (!t) {
        *pa = 0;
        *pb = 0;
        return 0;
    }
    for (size_t i = 0; i < l; i++) {
        if (y[i] > 0)
            prior1 += 1;
        else
            prior0 += 1;
    }
    hi = (prior1 + 1.0) / (prior1 + 2.0);
    lo = 1 / (prior0 + 2.0);
    a = 0.0;
    b = log((prior0 + 1.0) / (prior1 + 1.0));
    for (size_t i = 0; i < l; i++) {
        double f;
        t[i] = y[i] > 0 ? hi : lo;
        f = dec[i] * a + b;
        fval += f >= 0 ? t[i] * f + log(1 + exp(-f)) : (t[i] - 1) * f + log(1 + exp(f));
    }
    for (int iter = 0; iter < max_iter; iter++) {
        double h11 = sigma, h22 = sigma, h21 = 0, g1 = 0, g2 = 0, det, da, db, gd, step;
        for (size_t i = 0; i < l; i++) {
            double f = dec[i] * a + b, p, q, d1, d2;
            if (f >= 0) {
                p = exp(-f) / (1.0 + exp(-f));
                q = 1.0 / (1.0 + exp(-f));
            } else {
                p = 1.0 / (1.0 + exp(f));
                q = exp(f) / (1.0 + exp(f));
            }
            d2 = p * q;
            h11 += dec[i] * dec[i] * d2;
            h22 += d2;
            h21 += dec[i] * d2;
            d1 = t[i] - p;
            g1 += dec[i] * d1;
            g2 += d1;
        }
        if (fabs(g1) < eps && fabs(g2) < eps)
            break;
        det = h11 * h22 - h21 * h21;
        da = -(h22 * g1 - h21 * g2) / det;
        db = -(-h21 * g1 + h11 * g2) / det;
        gd = g1 * da + g2 * db;
        step = 1;
        while (step >= min_step) {
            double na = a + step * da, nb = b + step * db, nf = 0;
            for (size_t i = 0; i < l; i++) {
                double f = dec[i] * na + nb;
                nf += f >= 0 ? t[i] * f + log(1 + exp(-f)) : (t[i] - 1) * f + log(1 + exp(f));
            }
            if (nf < fval + 0.0001 * step * gd) {
                a = na;
                b = nb;
                fval = nf;
                break;
            }
            step /= 2.0;
        }
        if (step < min_step)
            break;
    }
    free(t);
    *pa = a;
    *pb = b;
    return tr_platt_order_guard(pa, pb, prior1, prior0);
}

/* Train one binary liblinear model on sub-rows; returns w (nb + 1 entries, last = bias) or NULL. */
static double *linear_binary(struct feature_node **xs, const double *y, size_t l, size_t nb, double C, double wp,
                             double wn, unsigned seed)
{
    struct problem prob;
    struct parameter param;
    struct model *m;
    int wl[2] = {+1, -1};
    double cw[2] = {wp, wn};
    double *w;
    memset(&prob, 0, sizeof prob);
    memset(&param, 0, sizeof param);
    prob.l = (int)l;
    prob.n = (int)nb + 1;
    prob.y = (double *)y;
    prob.x = xs;
    prob.bias = 1.0;
    /* hinge loss, as libsvm's C-SVC (the squared hinge and logistic losses measured no better) */
    param.solver_type = L2R_L1LOSS_SVC_DUAL;
    param.eps = 0.1;
    param.C = C;
    param.nr_weight = 2;
    param.weight_label = wl;
    param.weight = cw;
    srand(seed); /* liblinear's dual solver permutes with rand() */
    m = train(&prob, &param);
    if (!m)
        return NULL;
    w = calloc(nb + 1, sizeof *w);
    if (w) {
        double sign = m->label[0] == +1 ? 1.0 : -1.0;
        int nf = m->nr_feature;
        for (int b = 0; b < nf && (size_t)b < nb; b++)
            w[b] = sign * m->w[b];
        w[nb] = sign * m->w[nf]; /* bias feature, value 1 */
    }
    free_and_destroy_model(&m);
    return w;
}

static double dot_w(const double *w, size_t nb, struct feature_node *x)
{
    double s = 0;
    for (; x->index != -1; x++)
        s += w[x->index - 1] * x->value;
    (void)nb;
    return s;
}

/* NBSVM (Wang & Manning 2012): scale each feature by its log-count ratio
 * r = log((p/|p|1) / (q/|q|1)), p = alpha + sum of the feature over the
 * positive rows, q over the negative ones. The rows in @p xs are replaced by
 * scaled copies (one block in *pool); the caller folds r back into the
 * weights, so the runtime sees an ordinary linear model on unscaled features. */
static int nb_scale(struct feature_node **xs, const double *y, size_t l, size_t nb, double alpha, double **ratio,
                    struct feature_node **pool)
{
    double *pc = calloc(nb, sizeof *pc), *nc = calloc(nb, sizeof *nc), sp = 0, sn = 0;
    size_t total = 0, at = 0;
    *ratio = malloc(nb * sizeof **ratio);
    if (!pc || !nc || !*ratio)
        goto fail;
    for (size_t i = 0; i < l; i++)
        for (struct feature_node *x = xs[i]; x->index != -1; x++, total++)
            if ((size_t)x->index <= nb)
                (y[i] > 0 ? pc : nc)[x->index - 1] += x->value;
    for (size_t b = 0; b < nb; b++) {
        pc[b] += alpha;
        nc[b] += alpha;
        sp += pc[b];
        sn += nc[b];
    }
    for (size_t b = 0; b < nb; b++)
        (*ratio)[b] = log((pc[b] / sp) / (nc[b] / sn));
    *pool = malloc((total + l) * sizeof **pool);
    if (!*pool)
        goto fail;
    for (size_t i = 0; i < l; i++) {
        struct feature_node *x = xs[i];
        xs[i] = *pool + at;
        for (; x->index != -1; x++) {
            (*pool)[at] = *x;
            if ((size_t)x->index <= nb)
                (*pool)[at].value *= (*ratio)[x->index - 1];
            at++;
        }
        (*pool)[at++] = *x;
    }
    free(pc);
    free(nc);
    return 0;
fail:
    free(pc);
    free(nc);
    free(*ratio);
    *ratio = NULL;
    return -1;
}

typedef struct grp_pos {
    uint64_t key; /* the group, then the position of the group's first row */
    size_t pos;   /* position in the shuffled order */
} grp_pos;

static int cmp_grp_pos(const void *a, const void *b)
{
    const grp_pos *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Sort @p g by group, then position, and give every entry the position of its
 * group's first entry as its key (each group's rows then carry that row's place). */
static void group_firsts(grp_pos *g, size_t n)
{
    uint64_t prev = 0;
    qsort(g, n, sizeof *g, cmp_grp_pos);
    for (size_t i = 0, first = 0; i < n; i++) {
        uint64_t key = g[i].key;
        if (i == 0 || key != prev)
            first = g[i].pos;
        prev = key;
        g[i].key = first;
    }
}

int tr_group_folds(const uint64_t *group, size_t n, size_t k, uint64_t *rng, size_t *order, size_t *bounds)
{
    grp_pos *g = malloc((n ? n : 1) * sizeof *g);
    size_t f = 0;
    if (!g)
        return -1;
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    shuffle(order, n, rng);
    for (size_t i = 0; i < n; i++) {
        g[i].key = group[order[i]];
        g[i].pos = i;
    }
    group_firsts(g, n);
    /* by the position of the group's first row, then the row's own: the groups in the shuffled order */
    qsort(g, n, sizeof *g, cmp_grp_pos);
    bounds[0] = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || g[i].key != g[i - 1].key) /* a group starts: close the folds that are full */
            while (f + 1 < k && i >= (f + 1) * n / k)
                bounds[++f] = i;
        g[i].pos = order[g[i].pos];
    }
    while (f + 1 < k)
        bounds[++f] = n;
    for (size_t i = 0; i < n; i++)
        order[i] = g[i].pos;
    bounds[k] = n;
    free(g);
    return 0;
}

/* libsvm's svm_binary_svc_probability for one pair: decision values of @p k-fold
 * cross-validation, then Platt's sigmoid on them. The folds keep each calibration
 * group together (tr_group_folds()): a copy of a held-out row in the training
 * folds would make its decision value look surer than a new row's. */
static int pair_platt(struct feature_node **sub, const double *y, const uint64_t *gk, size_t l, size_t nb,
                      const tr_opts *o, double wp, double wn, uint64_t *rng, double *pa, double *pb)
{
    const size_t nf = 5;
    struct feature_node **fx = malloc((l ? l : 1) * sizeof *fx);
    double *fy = malloc((l ? l : 1) * sizeof *fy), *fd = malloc((l ? l : 1) * sizeof *fd), *w;
    size_t *perm = malloc((l ? l : 1) * sizeof *perm), bounds[6];
    int rc = -1;
    if (!fx || !fy || !fd || !perm || tr_group_folds(gk, l, nf, rng, perm, bounds))
        goto out;
    for (size_t f = 0; f < nf; f++) {
        size_t b0 = bounds[f], b1 = bounds[f + 1], m = 0, pc = 0, nc = 0;
        for (size_t r = 0; r < l; r++)
            if (r < b0 || r >= b1) {
                fx[m] = sub[perm[r]];
                fy[m] = y[perm[r]];
                pc += fy[m] > 0;
                nc += fy[m] < 0;
                m++;
            }
        if (pc == 0 || nc == 0) {
            for (size_t r = b0; r < b1; r++)
                fd[perm[r]] = pc ? 1 : nc ? -1 : 0;
            continue;
        }
        if (!(w = linear_binary(fx, fy, m, nb, o->C, wp, wn, o->seed + (unsigned)f)))
            goto out;
        for (size_t r = b0; r < b1; r++)
            fd[perm[r]] = dot_w(w, nb, sub[perm[r]]);
        free(w);
    }
    if (sigmoid_train(l, fd, y, pa, pb) && o->platt_flipped)
        ++*o->platt_flipped;
    rc = 0;
out:
    free(fx);
    free(fy);
    free(fd);
    free(perm);
    return rc;
}

static int train_liblinear(const tr_data *d, const size_t *rows, size_t n, const tr_opts *o, uint32_t bits,
                           stance_head *h, char *err, size_t errlen)
{
    const size_t nb = (size_t)1 << bits;
    const uint32_t k = (uint32_t)d->n_labels;
    struct feature_node *pool = NULL, **xs = NULL, **sub = NULL;
    double *y = NULL, *cw = o->balanced ? class_weights(d, rows, n) : NULL, *w = NULL, *ratio = NULL;
    struct feature_node *spool = NULL;
    size_t total = 0, at = 0;
    uint64_t *gk = NULL;
    int rc = -1, p = 0;
    uint64_t rng = 0x5eed0000ull ^ o->seed;

    for (size_t i = 0; i < n; i++)
        total += d->ex[rows ? rows[i] : i].n + 2;
    pool = malloc(total * sizeof *pool);
    xs = malloc((n ? n : 1) * sizeof *xs);
    sub = malloc((n ? n : 1) * sizeof *sub);
    y = malloc((n ? n : 1) * sizeof *y);
    gk = malloc((n ? n : 1) * sizeof *gk);
    if (!pool || !xs || !sub || !y || !gk || (o->balanced && !cw) ||
        head_alloc(h, k, bits, o->probability))
        goto nomem;
    for (size_t i = 0; i < n; i++) {
        const tr_example *e = &d->ex[rows ? rows[i] : i];
        xs[i] = pool + at;
        for (size_t j = 0; j < e->n; j++) {
            pool[at].index = (int)e->idx[j] + 1;
            pool[at++].value = e->val[j];
        }
        pool[at].index = (int)nb + 1;
        pool[at++].value = 1.0;
        pool[at].index = -1;
        pool[at++].value = 0;
    }
    for (uint32_t c = 0; c < k; c++)
        if (!(h->labels[c] = dupn(d->labels[c], strlen(d->labels[c]))))
            goto nomem;
    for (uint32_t i = 0; i < k; i++)
        for (uint32_t j = i + 1; j < k; j++, p++) {
            size_t l = 0;
            double wp = cw ? cw[i] : 1.0, wn = cw ? cw[j] : 1.0;
            for (size_t r = 0; r < n; r++) {
                int c = d->ex[rows ? rows[r] : r].y;
                if (c == (int)i || c == (int)j) {
                    sub[l] = xs[r];
                    gk[l] = d->ex[rows ? rows[r] : r].group;
                    y[l++] = c == (int)i ? +1.0 : -1.0;
                }
            }
            if (o->nb_alpha > 0 && nb_scale(sub, y, l, nb, o->nb_alpha, &ratio, &spool))
                goto nomem;
            if (o->probability &&
                pair_platt(sub, y, gk, l, nb, o, wp, wn, &rng, &h->prob_a[p], &h->prob_b[p]))
                goto nomem;
            w = linear_binary(sub, y, l, nb, o->C, wp, wn, o->seed);
            if (!w)
                goto nomem;
            for (size_t b = 0; b < nb; b++)
                h->weights[b * h->n_dec + (size_t)p] = (float)(ratio ? w[b] * ratio[b] : w[b]);
            h->bias[p] = w[nb];
            free(ratio);
            free(spool);
            ratio = NULL;
            spool = NULL;
            free(w);
            w = NULL;
        }
    rc = 0;
    goto out;
nomem:
    snprintf(err, errlen, "out of memory");
    tr_head_free(h);
out:
    free(pool);
    free(xs);
    free(sub);
    free(y);
    free(gk);
    free(cw);
    free(w);
    free(ratio);
    free(spool);
    return rc;
}

int tr_data_check(const tr_data *d, const size_t *rows, size_t n, size_t min_per_class, char *err, size_t errlen)
{
    size_t count[STANCE_MAX_LABELS] = {0};
    if (d->n_labels < 2) {
        snprintf(err, errlen, "a head needs at least two classes; the data has %zu (%s)", d->n_labels,
                 d->n_labels ? d->labels[0] : "none");
        return -1;
    }
    if (d->n_labels > STANCE_MAX_LABELS) {
        snprintf(err, errlen, "too many classes (%zu, at most %d)", d->n_labels, STANCE_MAX_LABELS);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        int y = d->ex[rows ? rows[i] : i].y;
        if (y < 0 || (size_t)y >= d->n_labels) {
            snprintf(err, errlen, "example %zu has no known label", rows ? rows[i] : i);
            return -1;
        }
        count[y]++;
    }
    for (size_t c = 0; c < d->n_labels; c++)
        if (count[c] < min_per_class) {
            snprintf(err, errlen, "class \"%s\" has %zu example%s; every class of a head needs at least %zu%s",
                     d->labels[c], count[c], count[c] == 1 ? "" : "s", min_per_class,
                     min_per_class > 1 ? " (one in each cross-validation training fold)" : "");
            return -1;
        }
    return 0;
}

int tr_train_head(const tr_data *d, const size_t *rows, size_t n_rows, const tr_opts *o, uint32_t table_bits,
                  stance_head *h, char *err, size_t errlen)
{
    size_t n = rows ? n_rows : d->n;
    set_print_string_function(quiet);
    svm_set_print_string_function(quiet);
    if (tr_data_check(d, rows, n, 1, err, errlen))
        return -1;
    if (o->solver == TR_LIBLINEAR)
        return train_liblinear(d, rows, n, o, table_bits, h, err, errlen);
    return train_libsvm(d, rows, n, o, table_bits, h, NULL, NULL, NULL, err, errlen);
}

static stance_fvec ex_vec(const tr_example *e)
{
    stance_fvec v = {0};
    v.idx = e->idx;
    v.val = e->val;
    v.n = v.cap = e->n;
    return v;
}

int tr_check_collapse(const tr_data *d, const tr_data *eval, const tr_opts *o, uint32_t table_bits,
                      double *max_dec, double *max_prob, stance_head *keep, char *err, size_t errlen)
{
    stance_head h;
    struct svm_model *m = NULL;
    struct svm_node *pool = NULL, *epool = NULL, **ex = NULL;
    struct svm_problem prob = {0};
    double dv[STANCE_MAX_LABELS * STANCE_MAX_LABELS], pv[STANCE_MAX_LABELS];
    double ov[STANCE_MAX_LABELS * STANCE_MAX_LABELS], op[STANCE_MAX_LABELS];
    double guarded[2 * STANCE_MAX_LABELS * STANCE_MAX_LABELS];
    int rc = -1;
    svm_set_print_string_function(quiet);
    if (tr_data_check(d, NULL, d->n, 1, err, errlen))
        return -1;
    if (!eval)
        eval = d;
    if (train_libsvm(d, NULL, d->n, o, table_bits, &h, &m, &pool, &prob, err, errlen))
        return -1;
    if (!(epool = svm_nodes(eval, NULL, eval->n, &ex))) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    *max_dec = 0;
    *max_prob = 0;
    if (o->probability && m->probA && m->probB) /* libsvm's own pairs: the collapse, not the guard, is checked */
        for (uint32_t p = 0; p < h.n_dec; p++) {
            guarded[2 * p] = h.prob_a[p];
            guarded[2 * p + 1] = h.prob_b[p];
            h.prob_a[p] = m->probA[p];
            h.prob_b[p] = m->probB[p];
        }
    for (size_t i = 0; i < eval->n; i++) {
        stance_fvec v = ex_vec(&eval->ex[i]);
        svm_predict_values(m, ex[i], dv);
        stance_linear_values(&h, &v, ov);
        for (uint32_t p = 0; p < h.n_dec; p++)
            *max_dec = fmax(*max_dec, fabs(dv[p] - ov[p]));
        if (o->probability) {
            svm_predict_probability(m, ex[i], pv);
            stance_calibrate(&h, ov, op);
            for (uint32_t c = 0; c < h.n_labels; c++)
                *max_prob = fmax(*max_prob, fabs(pv[c] - op[c]));
        }
    }
    if (o->probability && m->probA && m->probB)
        for (uint32_t p = 0; p < h.n_dec; p++) {
            h.prob_a[p] = guarded[2 * p];
            h.prob_b[p] = guarded[2 * p + 1];
        }
    rc = 0;
out:
    svm_free_and_destroy_model(&m); /* the model borrows prob.x: free it first */
    free(pool);
    free(prob.x);
    free(prob.y);
    free(epool);
    free(ex);
    if (keep && rc == 0)
        *keep = h;
    else
        tr_head_free(&h);
    return rc;
}

void tr_scores_compute(const size_t *cm, size_t k, tr_scores *s)
{
    size_t correct = 0;
    memset(s, 0, sizeof *s);
    for (size_t g = 0; g < k; g++)
        for (size_t p = 0; p < k; p++) {
            s->total += cm[g * k + p];
            s->support[g] += cm[g * k + p];
            if (g == p)
                correct += cm[g * k + p];
        }
    for (size_t c = 0; c < k; c++) {
        size_t tp = cm[c * k + c], pred = 0;
        for (size_t g = 0; g < k; g++)
            pred += cm[g * k + c];
        s->p[c] = pred ? (double)tp / (double)pred : 0;
        s->r[c] = s->support[c] ? (double)tp / (double)s->support[c] : 0;
        s->f1[c] = s->p[c] + s->r[c] > 0 ? 2 * s->p[c] * s->r[c] / (s->p[c] + s->r[c]) : 0;
        s->macro_f1 += s->f1[c] / (double)k;
        if (s->total)
            s->weighted_f1 += s->f1[c] * (double)s->support[c] / (double)s->total;
    }
    s->accuracy = s->total ? (double)correct / (double)s->total : 0;
}

void tr_reliability_add(tr_reliability *r, double confidence, int correct)
{
    int b;
    if (!(confidence >= 0))  /* NaN too */
        confidence = 0;
    if (confidence > 1)
        confidence = 1;
    b = (int)(confidence * TR_CALIB_BINS);
    if (b >= TR_CALIB_BINS)
        b = TR_CALIB_BINS - 1;
    r->n[b]++;
    r->correct[b] += correct != 0;
    r->conf[b] += confidence;
    r->total++;
}

double tr_reliability_ece(const tr_reliability *r)
{
    double ece = 0;
    if (!r->total)
        return 0;
    for (int b = 0; b < TR_CALIB_BINS; b++)
        if (r->n[b])
            ece += (double)r->n[b] / (double)r->total *
                   fabs((double)r->correct[b] / (double)r->n[b] - r->conf[b] / (double)r->n[b]);
    return ece;
}

/* CDF of Binomial(n, p) into cdf[0..n]; *mad = E|X/n - p|. */
static void binomial_cdf(size_t n, double p, double *cdf, double *mad)
{
    double acc = 0, lp = log(p), lq = log1p(-p);
    *mad = 0;
    for (size_t k = 0; k <= n; k++) {
        double pk;
        if (p <= 0)
            pk = k == 0;
        else if (p >= 1)
            pk = k == n;
        else
            pk = exp(lgamma((double)n + 1) - lgamma((double)k + 1) - lgamma((double)(n - k) + 1) + (double)k * lp +
                     (double)(n - k) * lq);
        acc += pk;
        cdf[k] = acc;
        *mad += pk * fabs((double)k / (double)n - p);
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int tr_reliability_ece_floor(const tr_reliability *r, double *mean, double *p95)
{
    double *cdf[TR_CALIB_BINS] = {0}, *draw = NULL, pb[TR_CALIB_BINS];
    uint64_t rng = 0xece0f100ull;
    int rc = -1;
    *mean = *p95 = 0;
    if (!r->total)
        return 0;
    for (int b = 0; b < TR_CALIB_BINS; b++) {
        double mad;
        if (!r->n[b])
            continue;
        pb[b] = fmin(fmax(r->conf[b] / (double)r->n[b], 0), 1);
        if (!(cdf[b] = malloc((r->n[b] + 1) * sizeof *cdf[b])))
            goto out;
        binomial_cdf(r->n[b], pb[b], cdf[b], &mad);
        *mean += (double)r->n[b] / (double)r->total * mad;
    }
    if (!(draw = malloc(TR_FLOOR_DRAWS * sizeof *draw)))
        goto out;
    for (int t = 0; t < TR_FLOOR_DRAWS; t++) {
        double e = 0;
        for (int b = 0; b < TR_CALIB_BINS; b++) {
            double u = (double)(rng_next(&rng) >> 11) * 0x1.0p-53;
            size_t lo = 0, hi = r->n[b];
            if (!r->n[b])
                continue;
            while (lo < hi) { /* the first k with cdf[k] > u */
                size_t mid = lo + (hi - lo) / 2;
                if (cdf[b][mid] > u)
                    hi = mid;
                else
                    lo = mid + 1;
            }
            e += (double)r->n[b] / (double)r->total * fabs((double)lo / (double)r->n[b] - pb[b]);
        }
        draw[t] = e;
    }
    qsort(draw, TR_FLOOR_DRAWS, sizeof *draw, cmp_double);
    *p95 = draw[(TR_FLOOR_DRAWS * 95) / 100];
    rc = 0;
out:
    for (int b = 0; b < TR_CALIB_BINS; b++)
        free(cdf[b]);
    free(draw);
    return rc;
}

/* Stratified folds: each class shuffled, then dealt round-robin; then every row
 * of a calibration group (tr_group_key()) joins the fold of the group's row
 * dealt first, so that no copy is scored by a model trained on its twin.
 * Without copies, the plain stratified deal. @p rows is scratch of d->n. */
static int cv_folds(const tr_data *d, size_t k, uint64_t *rng, size_t *fold, size_t *rows)
{
    grp_pos *g = malloc((d->n ? d->n : 1) * sizeof *g);
    size_t *row_of = malloc((d->n ? d->n : 1) * sizeof *row_of), dealt = 0;
    if (!g || !row_of) {
        free(g);
        free(row_of);
        return -1;
    }
    for (size_t c = 0; c < d->n_labels; c++) {
        size_t m = 0;
        for (size_t i = 0; i < d->n; i++)
            if (d->ex[i].y == (int)c)
                rows[m++] = i;
        shuffle(rows, m, rng);
        for (size_t i = 0; i < m; i++, dealt++) {
            fold[rows[i]] = dealt % k;
            g[dealt].key = d->ex[rows[i]].group;
            g[dealt].pos = dealt;
            row_of[dealt] = rows[i];
        }
    }
    group_firsts(g, dealt); /* each row: the place its group's first row was dealt */
    for (size_t i = 0; i < dealt; i++)
        fold[row_of[g[i].pos]] = g[i].key % k;
    free(g);
    free(row_of);
    return 0;
}

int tr_cross_validate(const tr_data *d, const tr_opts *o, uint32_t table_bits, int k, double *macro_f1,
                      double *accuracy, tr_progress_cb cb, void *user, char *err, size_t errlen)
{
    size_t *fold = malloc((d->n ? d->n : 1) * sizeof *fold), *rows = malloc((d->n ? d->n : 1) * sizeof *rows);
    size_t *cm = calloc(d->n_labels * d->n_labels, sizeof *cm);
    uint64_t rng = 0xcf0000ull ^ o->seed;
    tr_opts fo = *o;
    tr_scores sc;
    int rc = -1;
    fo.probability = 0;
    if (!fold || !rows || !cm) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    if (cv_folds(d, (size_t)k, &rng, fold, rows)) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    for (int f = 0; f < k; f++) {
        stance_head h;
        size_t m = 0;
        uint32_t map[STANCE_MAX_LABELS];
        char msg[160];
        for (size_t i = 0; i < d->n; i++)
            if (fold[i] != (size_t)f)
                rows[m++] = i;
        if (tr_train_head(d, rows, m, &fo, table_bits, &h, err, errlen))
            goto out;
        for (uint32_t c = 0; c < h.n_labels; c++)
            for (uint32_t t = 0; t < d->n_labels; t++)
                if (!strcmp(h.labels[c], d->labels[t]))
                    map[c] = t;
        for (size_t i = 0; i < d->n; i++) {
            double v[STANCE_MAX_LABELS * STANCE_MAX_LABELS];
            stance_fvec x;
            if (fold[i] != (size_t)f)
                continue;
            x = ex_vec(&d->ex[i]);
            stance_linear_values(&h, &x, v);
            cm[(size_t)d->ex[i].y * d->n_labels + map[stance_linear_vote(&h, v)]]++;
        }
        tr_head_free(&h);
        if (cb) {
            snprintf(msg, sizeof msg, "fold %d/%d done", f + 1, k);
            cb(user, msg);
        }
    }
    tr_scores_compute(cm, d->n_labels, &sc);
    *macro_f1 = sc.macro_f1;
    *accuracy = sc.accuracy;
    rc = 0;
out:
    free(fold);
    free(rows);
    free(cm);
    return rc;
}
