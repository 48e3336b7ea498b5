/* fuzz_classify.c - stance_classify() (and stance_predict()) on arbitrary
 * bytes with arbitrary actor lists, on the deterministic test model.
 *
 * Input layout (short inputs just use defaults):
 *   byte 0  STANCE_OPT_* flags
 *   byte 1  bits 0-2 explain, 3 reuse a scratch and compare, 4 tiny
 *           max_text_len, 5 also stance_predict(), 6 too many actors,
 *           7 too many aliases
 *   byte 2  number of actors (low 4 bits)
 *   per actor: name length byte + name, alias count byte (low 2 bits),
 *              per alias: length byte + alias
 *   rest    the text
 * Every call must return a documented code, and every result must be
 * well-formed: spans inside the text, probabilities in [0,1] summing to 1. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "fuzz.h"
#include "testutil.h"

#define MAX_FUZZ_ACTORS 16

static stance_model *model;

void fuzz_target_cleanup(void)
{
    stance_model_free(model);
    model = NULL;
}

static void check_span(stance_span s, size_t len, int optional)
{
    if (optional && s.start == STANCE_NO_OFFSET) {
        FUZZ_CHECK(s.end == STANCE_NO_OFFSET);
        return;
    }
    FUZZ_CHECK(s.start <= s.end && s.end <= len);
}

static void check_decision(const stance_decision *d)
{
    double sum = 0;
    if (d->n_labels == 0) {
        FUZZ_CHECK(d->label == -1);
        return;
    }
    FUZZ_CHECK(d->label >= 0 && (size_t)d->label < d->n_labels);
    FUZZ_CHECK(d->label_name && d->label_names && d->probs);
    for (size_t i = 0; i < d->n_labels; i++) {
        FUZZ_CHECK(d->probs[i] >= 0.0 && d->probs[i] <= 1.0);
        FUZZ_CHECK(d->label_names[i] != NULL);
        sum += d->probs[i];
    }
    FUZZ_CHECK(fabs(sum - 1.0) < 1e-6);
    FUZZ_CHECK(d->confidence == d->probs[d->label]);
    for (size_t i = 0; i < d->n_values; i++)
        FUZZ_CHECK(isfinite(d->values[i]));
    for (size_t i = 0; i < d->n_explain; i++)
        FUZZ_CHECK(d->explain[i].feature != NULL && isfinite(d->explain[i].contribution));
}

static void check_result(const stance_result *res, size_t len)
{
    size_t ne = stance_result_entity_count(res);
    for (size_t i = 0; i < ne; i++) {
        const stance_entity *e = stance_result_entity(res, i);
        FUZZ_CHECK(e && e->name);
        for (size_t k = 0; k < e->n_mentions; k++)
            check_span(e->mentions[k], len, 0);
    }
    for (size_t i = 0; i < stance_result_count(res); i++) {
        const stance_quote *q = stance_result_quote(res, i);
        FUZZ_CHECK(q != NULL);
        check_span(q->span, len, 0);
        check_span(q->speaker_span, len, 1);
        check_span(q->cue_span, len, 1);
        check_span(q->context, len, 1);
        check_decision(&q->sentiment);
        for (size_t t = 0; t < stance_quote_target_count(q); t++) {
            const stance_target *tg = stance_quote_target(q, t);
            FUZZ_CHECK(tg->actor && tg->entity < ne);
            FUZZ_CHECK(tg->where == STANCE_WHERE_NONE || tg->where == STANCE_WHERE_QUOTE ||
                       tg->where == STANCE_WHERE_ATTRIBUTION);
            for (size_t k = 0; k < tg->n_mentions; k++)
                check_span(tg->mentions[k], len, 0);
            check_decision(&tg->stance);
        }
    }
    FUZZ_CHECK(stance_result_quote(res, stance_result_count(res)) == NULL);
    FUZZ_CHECK(stance_result_entity(res, ne) == NULL);
}

static int same_result(const stance_result *a, const stance_result *b)
{
    if (stance_result_count(a) != stance_result_count(b) ||
        stance_result_entity_count(a) != stance_result_entity_count(b))
        return 0;
    for (size_t i = 0; i < stance_result_count(a); i++) {
        const stance_quote *x = stance_result_quote(a, i), *y = stance_result_quote(b, i);
        if (x->span.start != y->span.start || x->span.end != y->span.end ||
            stance_quote_target_count(x) != stance_quote_target_count(y) ||
            x->sentiment.label != y->sentiment.label)
            return 0;
        for (size_t t = 0; t < stance_quote_target_count(x); t++)
            if (stance_quote_target(x, t)->stance.label != stance_quote_target(y, t)->stance.label)
                return 0;
    }
    return 1;
}

/* Take a length-prefixed string from the input; returns a NUL-terminated copy. */
static char *take(const uint8_t **p, const uint8_t *end)
{
    size_t n;
    char *s;
    if (*p >= end)
        return NULL;
    n = **p;
    ++*p;
    if (n > (size_t)(end - *p))
        n = (size_t)(end - *p);
    s = malloc(n + 1);
    if (!s)
        abort();
    memcpy(s, *p, n);
    s[n] = '\0';
    *p += n;
    return s;
}

/* Empty or only ASCII white space (the library refuses such a name or alias). */
static int blank(const char *s)
{
    return s[strspn(s, " \t\n\v\f\r")] == '\0';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *p = data, *end = data + size;
    stance_actor actors[MAX_FUZZ_ACTORS];
    char *strings[MAX_FUZZ_ACTORS * 4];
    const char *aliases[MAX_FUZZ_ACTORS][3];
    size_t n_strings = 0, n_actors = 0;
    unsigned b1 = 0;
    stance_input in = STANCE_INPUT_INIT;
    stance_options opt = STANCE_OPTIONS_INIT;
    stance_result *res = (stance_result *)&res;
    stance_error err;
    stance_actor *many = NULL;
    int rc;

    if (!model) {
        size_t len;
        unsigned char *bytes = testutil_model_bytes(&len);
        if (stance_model_open_buffer(bytes, len, &model, NULL) != STANCE_OK)
            abort();
        stance_free(bytes);
    }
    memset(actors, 0, sizeof actors);
    if (size >= 3) {
        opt.flags = p[0];
        b1 = p[1];
        n_actors = p[2] & 0x0f;
        p += 3;
        for (size_t a = 0; a < n_actors; a++) {
            char *name = take(&p, end);
            size_t na = p < end ? (size_t)(*p++ & 3) : 0;
            if (!name)
                name = calloc(1, 1);
            strings[n_strings++] = name;
            actors[a].name = name;
            for (size_t k = 0; k < na; k++) {
                char *al = take(&p, end);
                if (!al)
                    break;
                strings[n_strings++] = al;
                aliases[a][k] = al;
                actors[a].n_aliases = k + 1;
            }
            actors[a].aliases = actors[a].n_aliases ? aliases[a] : NULL;
        }
    }
    opt.explain = b1 & 7;
    if (b1 & 0x10)
        opt.max_text_len = 8;
    in.text = (const char *)p;
    in.text_len = (size_t)(end - p);
    in.actors = n_actors ? actors : NULL;
    in.n_actors = n_actors;
    if (b1 & 0x40) {
        many = calloc(STANCE_MAX_ACTORS + 1, sizeof *many);
        if (!many)
            abort();
        for (size_t a = 0; a < STANCE_MAX_ACTORS + 1; a++)
            many[a].name = "Ana Diaz";
        in.actors = many;
        in.n_actors = STANCE_MAX_ACTORS + 1;
    } else if ((b1 & 0x80) && n_actors) {
        actors[0].n_aliases = STANCE_MAX_ALIASES + 1; /* rejected before the aliases are read */
    }

    memset(&err, 0, sizeof err);
    rc = stance_classify(model, &in, &opt, &res, &err);
    if (rc == STANCE_OK) {
        FUZZ_CHECK(res != NULL);
        FUZZ_CHECK(!(b1 & 0x40) && !((b1 & 0x80) && n_actors));
        FUZZ_CHECK(!(b1 & 0x10) || in.text_len <= 8);
        check_result(res, in.text_len);
        if (b1 & 0x08) {
            stance_scratch *s = NULL;
            stance_result *r2 = NULL, *r3 = NULL;
            FUZZ_CHECK(stance_scratch_new(&s, NULL) == STANCE_OK);
            opt.scratch = s;
            FUZZ_CHECK(stance_classify(model, &in, &opt, &r2, NULL) == STANCE_OK);
            FUZZ_CHECK(stance_classify(model, &in, &opt, &r3, NULL) == STANCE_OK);
            FUZZ_CHECK(same_result(res, r2) && same_result(res, r3));
            stance_result_free(r2);
            stance_result_free(r3);
            stance_scratch_free(s);
            opt.scratch = NULL;
        }
        stance_result_free(res);
    } else {
        FUZZ_CHECK(res == NULL);
        FUZZ_CHECK(err.code == rc && err.message[0] && memchr(err.message, '\0', sizeof err.message));
        FUZZ_CHECK(rc == STANCE_ERR_UTF8 || rc == STANCE_ERR_LIMIT || rc == STANCE_ERR_INVALID);
        if (rc == STANCE_ERR_INVALID) { /* only a blank (empty or white-space) actor name or alias is invalid here */
            int empty = 0;
            for (size_t a = 0; a < n_actors; a++) {
                empty |= blank(actors[a].name);
                /* not in the 0x80 case, whose count is past the array (stale or NULL entries) */
                for (size_t k = 0; actors[a].aliases && actors[a].n_aliases <= 3 && k < actors[a].n_aliases; k++)
                    empty |= blank(actors[a].aliases[k]);
            }
            FUZZ_CHECK(empty);
        }
        if (rc == STANCE_ERR_LIMIT)
            FUZZ_CHECK((b1 & 0x10) || (b1 & 0x40) || ((b1 & 0x80) && n_actors));
    }

    if ((b1 & 0x20) && !(b1 & 0xd0)) {
        stance_statement st = STANCE_STATEMENT_INIT;
        stance_prediction *pr = NULL;
        int nh = stance_model_head_count(model);
        st.text = in.text;
        st.text_len = in.text_len;
        if (n_actors) {
            st.target = actors[0].name;
            st.target_len = strlen(actors[0].name);
        }
        st.context = in.text;
        st.context_len = in.text_len / 2;
        rc = stance_predict(model, (size_t)(opt.flags % (unsigned)(nh + 1)), &st, &opt, &pr, &err);
        if (rc == STANCE_OK)
            check_decision(stance_prediction_decision(pr));
        else
            FUZZ_CHECK(pr == NULL && (rc == STANCE_ERR_UTF8 || rc == STANCE_ERR_INVALID));
        stance_prediction_free(pr);
    }

    free(many);
    for (size_t i = 0; i < n_strings; i++)
        free(strings[i]);
    return 0;
}
