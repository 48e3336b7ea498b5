/* test_classify.c - stance_classify() and stance_predict() through the public
 * API, on a model built in memory and articles written for these tests. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "features.h"
#include "linear.h"
#include "mindex.h"
#include "testutil.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

static const char article[] =
    "The mayor spoke on Tuesday.\n\n"
    "\"Governor Park failed this city and it is a disgrace,\" Mayor Ana Diaz said.\n\n"
    "\xe2\x80\x9cWe praised Park and we are proud of the work,\xe2\x80\x9d said Jo Lee.\n";

static const char *const park_aliases[] = {"Governor Park", "Park"};
static const stance_actor park_actor = {"Governor Sam Park", park_aliases, 2};

/* @p in reads the test article with one actor: Governor Sam Park ("Governor
 * Park", "Park"). */
static void park_input(stance_input *in)
{
    in->text = article;
    in->text_len = sizeof article - 1;
    in->actors = &park_actor;
    in->n_actors = 1;
}

static void check_decision(const stance_decision *d)
{
    double sum = 0;
    assert_true(d->label >= 0 && (size_t)d->label < d->n_labels);
    for (size_t i = 0; i < d->n_labels; i++) {
        assert_true(d->probs[i] >= 0.0 && d->probs[i] <= 1.0);
        assert_true(d->probs[i] <= d->probs[d->label]);
        sum += d->probs[i];
    }
    assert_true(fabs(sum - 1.0) < 1e-6);
    assert_string_equal(d->label_name, d->label_names[d->label]);
    assert_true(d->confidence == d->probs[d->label]);
}

/* stance_quote_rule(): the sieve, the inheritance, and "none" for a quote
 * without a speaker. */
static void test_classify_quote_rules(void **state)
{
    static const char text[] = "\"We will see.\"\n\n"
                               "Tom Brandt said: \"The money is there.\" \"Nobody doubts it.\"\n\n"
                               "According to Lena Fisk, \"The budget is balanced.\"\n";
    stance_input in = STANCE_INPUT_INIT;
    stance_result *res = NULL;
    in.text = text;
    in.text_len = sizeof text - 1;
    assert_int_equal(stance_classify(*state, &in, NULL, &res, NULL), STANCE_OK);
    assert_int_equal(stance_result_count(res), 4);
    assert_null(stance_result_quote(res, 0)->speaker);
    assert_string_equal(stance_quote_rule(stance_result_quote(res, 0)), "none");
    assert_string_equal(stance_quote_rule(stance_result_quote(res, 1)), "before");
    assert_string_equal(stance_quote_rule(stance_result_quote(res, 2)), "inherit-prev");
    assert_string_equal(stance_result_quote(res, 2)->speaker, "Tom Brandt");
    assert_string_equal(stance_quote_rule(stance_result_quote(res, 3)), "according");
    stance_result_free(res);
}

static void test_classify_quotes_speakers_stances(void **state)
{
    const stance_model *m = *state;
    stance_input in = STANCE_INPUT_INIT;
    stance_result *res = NULL;
    stance_error err;
    const stance_quote *q;
    park_input(&in);
    assert_int_equal(stance_classify(m, &in, NULL, &res, &err), STANCE_OK);
    assert_int_equal(stance_result_count(res), 2);
    q = stance_result_quote(res, 0);
    assert_int_equal(q->type, STANCE_QUOTE_DIRECT);
    assert_memory_equal(article + q->span.start, "Governor Park failed", 20);
    assert_non_null(q->speaker);
    assert_non_null(strstr(q->speaker, "Diaz"));
    assert_string_equal(q->cue, "said");
    check_decision(&q->sentiment);
    assert_string_equal(q->sentiment.label_name, "negative");
    assert_int_equal(stance_quote_target_count(q), 1);
    assert_string_equal(stance_quote_target(q, 0)->actor, "Governor Sam Park");
    assert_int_equal(stance_quote_target(q, 0)->where, STANCE_WHERE_QUOTE);
    check_decision(&stance_quote_target(q, 0)->stance);
    assert_string_equal(stance_quote_target(q, 0)->stance.label_name, "against");

    q = stance_result_quote(res, 1);
    assert_non_null(q->speaker);
    assert_string_equal(q->speaker, "Jo Lee");
    assert_string_equal(q->sentiment.label_name, "positive");
    assert_int_equal(stance_quote_target_count(q), 1);
    assert_string_equal(stance_quote_target(q, 0)->stance.label_name, "favor");
    assert_int_equal(stance_quote_target(q, 0)->entity, 0);
    assert_null(stance_quote_target(q, 1));
    assert_null(stance_quote_target(NULL, 0));
    assert_int_equal(stance_quote_target_count(NULL), 0);
    /* the sieve that attributed each quote: '"...," X said' and '"...," said X' */
    assert_string_equal(stance_quote_rule(stance_result_quote(res, 0)), "after");
    assert_string_equal(stance_quote_rule(q), "after");
    assert_string_equal(stance_quote_rule(NULL), "none");
    assert_null(stance_result_quote(res, 2));
    /* The enum keeps 0.1's numbers. */
    assert_int_equal(STANCE_WHERE_NONE, 0);
    assert_int_equal(STANCE_WHERE_QUOTE, 1);
    assert_int_equal(STANCE_WHERE_ATTRIBUTION, 2);

    assert_int_equal(stance_result_entity_count(res), 1);
    assert_int_equal(stance_result_entity(res, 0)->discovered, 0);
    assert_true(stance_result_entity(res, 0)->n_mentions >= 2);
    stance_result_free(res);
}

static void test_classify_result_outlives_model(void **state)
{
    size_t len;
    unsigned char *data = testutil_model_bytes(&len);
    stance_model *m = NULL;
    stance_input in = STANCE_INPUT_INIT;
    stance_result *res = NULL;
    (void)state;
    assert_int_equal(stance_model_open_buffer(data, len, &m, NULL), STANCE_OK);
    stance_free(data);
    in.text = article;
    in.text_len = sizeof article - 1;
    assert_int_equal(stance_classify(m, &in, NULL, &res, NULL), STANCE_OK);
    stance_model_free(m);
    assert_true(stance_result_count(res) > 0);
    assert_string_equal(stance_result_quote(res, 0)->sentiment.label_names[1], "negative");
    stance_result_free(res);
}

static void test_classify_bad_input(void **state)
{
    const stance_model *m = *state;
    stance_input in = STANCE_INPUT_INIT;
    stance_result *res = (stance_result *)1;
    stance_error err;
    stance_options opt = STANCE_OPTIONS_INIT;
    static const char bad[] = "\"Fine words,\" he said \xff\xfe and more.";
    in.text = bad;
    in.text_len = sizeof bad - 1;
    assert_int_equal(stance_classify(m, &in, NULL, &res, &err), STANCE_ERR_UTF8);
    assert_null(res);
    assert_int_equal(err.offset, 22);
    in.text = NULL;
    in.text_len = 4;
    assert_int_equal(stance_classify(m, &in, NULL, &res, &err), STANCE_ERR_INVALID);
    in.text = article;
    in.text_len = sizeof article - 1;
    opt.max_text_len = 10;
    assert_int_equal(stance_classify(m, &in, &opt, &res, &err), STANCE_ERR_LIMIT);
    assert_int_equal(stance_classify(NULL, &in, NULL, &res, &err), STANCE_ERR_INVALID);
    assert_int_equal(stance_classify(m, &in, NULL, NULL, &err), STANCE_ERR_INVALID);
    in.n_actors = 2;
    in.actors = NULL;
    assert_int_equal(stance_classify(m, &in, NULL, &res, &err), STANCE_ERR_INVALID);
    /* Empty text: no quotes, not an error. */
    in.n_actors = 0;
    in.text = "";
    in.text_len = 0;
    assert_int_equal(stance_classify(m, &in, NULL, &res, &err), STANCE_OK);
    assert_int_equal(stance_result_count(res), 0);
    stance_result_free(res);
}

static void test_classify_scratch_reuse_same_results(void **state)
{
    const stance_model *m = *state;
    stance_options opt = STANCE_OPTIONS_INIT;
    stance_input in = STANCE_INPUT_INIT;
    stance_result *a = NULL, *b = NULL;
    in.text = article;
    in.text_len = sizeof article - 1;
    assert_int_equal(stance_scratch_new(&opt.scratch, NULL), STANCE_OK);
    opt.explain = 2;
    assert_int_equal(stance_classify(m, &in, &opt, &a, NULL), STANCE_OK);
    assert_int_equal(stance_classify(m, &in, &opt, &b, NULL), STANCE_OK);
    assert_int_equal(stance_result_count(a), stance_result_count(b));
    for (size_t i = 0; i < stance_result_count(a); i++) {
        const stance_quote *x = stance_result_quote(a, i), *y = stance_result_quote(b, i);
        assert_int_equal(x->span.start, y->span.start);
        assert_memory_equal(x->sentiment.probs, y->sentiment.probs, x->sentiment.n_labels * sizeof(double));
        assert_int_equal(x->sentiment.n_explain, 2);
        assert_string_equal(x->sentiment.explain[0].feature, y->sentiment.explain[0].feature);
        assert_true(x->sentiment.explain[0].contribution >= x->sentiment.explain[1].contribution);
    }
    stance_result_free(a);
    stance_result_free(b);
    stance_scratch_free(opt.scratch);
}

/* An explanation names each feature as this text made it ("w:failed this", "c: dis",
 * "d:A:neg"), not by a hash bucket nor by whatever training n-gram shares the bucket
 * (the model's table names bucket 3 "failed" and 7 "great"); the probabilities are
 * those of the same call without an explanation. */
static void test_classify_explain_names_from_text(void **state)
{
    const stance_model *m = *state;
    stance_options opt = STANCE_OPTIONS_INIT;
    stance_input in = STANCE_INPUT_INIT;
    stance_result *a = NULL, *b = NULL;
    char lower[sizeof article];
    size_t words = 0;
    for (size_t i = 0; i < sizeof article; i++)
        lower[i] = (char)(article[i] >= 'A' && article[i] <= 'Z' ? article[i] + 32 : article[i]);
    in.text = article;
    in.text_len = sizeof article - 1;
    assert_int_equal(stance_classify(m, &in, &opt, &a, NULL), STANCE_OK);
    opt.explain = 100000;
    assert_int_equal(stance_classify(m, &in, &opt, &b, NULL), STANCE_OK);
    assert_true(stance_result_count(b) > 0);
    for (size_t i = 0; i < stance_result_count(b); i++) {
        const stance_quote *x = stance_result_quote(a, i), *y = stance_result_quote(b, i);
        const stance_decision *d = &y->sentiment;
        for (size_t l = 0; l < d->n_labels; l++)
            assert_true(fabs(x->sentiment.probs[l] - d->probs[l]) < 1e-9);
        assert_true(d->n_explain > 10);
        for (size_t j = 0; j < d->n_explain; j++) {
            const char *f = d->explain[j].feature;
            assert_true(f[0] != '#' && f[1] == ':');
            if (f[0] != 'w')
                continue;
            for (const char *w = f + 2; *w;) { /* each word of a word n-gram is in the text */
                size_t n = strcspn(w, " ");
                char word[64];
                assert_true(n > 0 && n < sizeof word);
                memcpy(word, w, n);
                word[n] = '\0';
                assert_non_null(strstr(lower, word));
                words++;
                w += n + (w[n] == ' ');
            }
        }
    }
    assert_true(words > 0);
    stance_result_free(a);
    stance_result_free(b);
}

/* Two results of the same text hold the same quotes, speakers, targets,
 * decisions and entities. */
static void same_results(const stance_result *a, const stance_result *b)
{
    assert_int_equal(stance_result_count(a), stance_result_count(b));
    assert_int_equal(stance_result_entity_count(a), stance_result_entity_count(b));
    for (size_t i = 0; i < stance_result_count(a); i++) {
        const stance_quote *x = stance_result_quote(a, i), *y = stance_result_quote(b, i);
        assert_memory_equal(&x->span, &y->span, sizeof x->span);
        assert_memory_equal(&x->speaker_span, &y->speaker_span, sizeof x->speaker_span);
        assert_true((x->speaker == NULL) == (y->speaker == NULL));
        if (x->speaker)
            assert_string_equal(x->speaker, y->speaker);
        assert_memory_equal(x->sentiment.probs, y->sentiment.probs, x->sentiment.n_labels * sizeof(double));
        assert_int_equal(stance_quote_target_count(x), stance_quote_target_count(y));
        for (size_t t = 0; t < stance_quote_target_count(x); t++) {
            const stance_target *u = stance_quote_target(x, t), *v = stance_quote_target(y, t);
            assert_string_equal(u->actor, v->actor);
            assert_int_equal(u->n_mentions, v->n_mentions);
            assert_memory_equal(u->stance.probs, v->stance.probs, u->stance.n_labels * sizeof(double));
        }
    }
    for (size_t i = 0; i < stance_result_entity_count(a); i++) {
        const stance_entity *x = stance_result_entity(a, i), *y = stance_result_entity(b, i);
        assert_string_equal(x->name, y->name);
        assert_int_equal(x->n_mentions, y->n_mentions);
        assert_int_equal(stance_entity_mention_count(x), stance_entity_mention_count(y));
    }
}

/* A long text makes the scratch release its name runs, quotes, entities and
 * mention index while the result is built (classify.c, finish_result): the
 * results are those of calls without a scratch, for the long text again and
 * for a short one after it. */
static void test_classify_scratch_after_long_text(void **state)
{
    const stance_model *m = *state;
    stance_options opt = STANCE_OPTIONS_INIT;
    stance_input in = STANCE_INPUT_INIT;
    stance_result *fresh = NULL, *r1 = NULL, *r2 = NULL, *short0 = NULL, *short1 = NULL;
    size_t reps = 4000, n = sizeof article - 1; /* more than SCRATCH_KEEP_MENTIONS mentions */
    char *text = malloc(reps * n);
    assert_non_null(text);
    for (size_t i = 0; i < reps; i++)
        memcpy(text + i * n, article, n);
    in.text = text;
    in.text_len = reps * n;
    assert_int_equal(stance_scratch_new(&opt.scratch, NULL), STANCE_OK);
    assert_int_equal(stance_classify(m, &in, NULL, &fresh, NULL), STANCE_OK);
    assert_int_equal(stance_result_count(fresh), 2 * reps);
    assert_int_equal(stance_classify(m, &in, &opt, &r1, NULL), STANCE_OK);
    assert_int_equal(stance_classify(m, &in, &opt, &r2, NULL), STANCE_OK);
    same_results(fresh, r1);
    same_results(fresh, r2);
    in.text = article;
    in.text_len = n;
    assert_int_equal(stance_classify(m, &in, NULL, &short0, NULL), STANCE_OK);
    assert_int_equal(stance_classify(m, &in, &opt, &short1, NULL), STANCE_OK);
    same_results(short0, short1);
    stance_result_free(fresh);
    stance_result_free(r1);
    stance_result_free(r2);
    stance_result_free(short0);
    stance_result_free(short1);
    stance_scratch_free(opt.scratch);
    free(text);
}

static void test_classify_predict_statement(void **state)
{
    const stance_model *m = *state;
    stance_statement st = STANCE_STATEMENT_INIT;
    stance_prediction *p = NULL;
    const stance_decision *d;
    stance_span spans[] = {{0, 4}};
    stance_error err;
    int head = stance_model_head_find(m, "stance");
    assert_true(head >= 0);
    st.text = "Park is a corrupt liar who failed us";
    st.text_len = strlen(st.text);
    st.target = "Park";
    st.target_len = 4;
    st.target_spans = spans;
    st.n_target_spans = 1;
    assert_int_equal(stance_predict(m, (size_t)head, &st, NULL, &p, &err), STANCE_OK);
    d = stance_prediction_decision(p);
    check_decision(d);
    assert_string_equal(d->label_name, "against");
    assert_int_equal(d->n_values, 3);
    stance_prediction_free(p);
    spans[0].end = 100;
    assert_int_equal(stance_predict(m, (size_t)head, &st, NULL, &p, &err), STANCE_ERR_INVALID);
    assert_null(p);
    assert_int_equal(stance_predict(m, 7, &st, NULL, &p, &err), STANCE_ERR_INVALID);
    spans[0].end = 4;
    /* A UTF-8 error names the statement's field and the byte inside it. */
    st.target = "Pa\xffk";
    assert_int_equal(stance_predict(m, (size_t)head, &st, NULL, &p, &err), STANCE_ERR_UTF8);
    assert_null(p);
    assert_int_equal(err.offset, 2);
    assert_non_null(strstr(err.message, "statement's target"));
    st.target = "Park";
    st.context = "ok \xc3";
    st.context_len = strlen(st.context);
    assert_int_equal(stance_predict(m, (size_t)head, &st, NULL, &p, &err), STANCE_ERR_UTF8);
    assert_non_null(strstr(err.message, "statement's context"));
}

/* The size rule: a struct without its size (= {0}) or shorter than 0.2's is
 * refused and the message names the INIT macro; a longer struct from a newer
 * header is read when its unknown tail is zero and refused when not. */
static void test_classify_struct_sizes(void **state)
{
    const stance_model *m = *state;
    struct {
        stance_input in;
        unsigned char newer[16]; /* fields a later stance.h might append */
    } big;
    struct {
        stance_statement st;
        unsigned char newer[8];
    } bigst;
    stance_input in = STANCE_INPUT_INIT, zero;
    stance_options opt = STANCE_OPTIONS_INIT;
    stance_statement st = STANCE_STATEMENT_INIT;
    stance_result *res = (stance_result *)1, *ref = NULL;
    stance_prediction *p = (stance_prediction *)1;
    stance_error err;

    assert_int_equal(in.size, sizeof(stance_input));
    assert_int_equal(opt.size, sizeof(stance_options));
    assert_int_equal(st.size, sizeof(stance_statement));
    assert_null(in.text);
    assert_int_equal(opt.flags, 0);
    in.text = article;
    in.text_len = sizeof article - 1;
    assert_int_equal(stance_classify(m, &in, NULL, &ref, &err), STANCE_OK);

    memset(&zero, 0, sizeof zero);
    zero.text = article;
    zero.text_len = sizeof article - 1;
    assert_int_equal(stance_classify(m, &zero, NULL, &res, &err), STANCE_ERR_INVALID);
    assert_null(res);
    assert_non_null(strstr(err.message, "STANCE_INPUT_INIT"));
    zero.size = offsetof(stance_input, n_actors); /* shorter than 0.2's */
    assert_int_equal(stance_classify(m, &zero, NULL, &res, &err), STANCE_ERR_INVALID);

    opt.size = 0;
    assert_int_equal(stance_classify(m, &in, &opt, &res, &err), STANCE_ERR_INVALID);
    assert_non_null(strstr(err.message, "STANCE_OPTIONS_INIT"));
    opt.size = sizeof opt;

    /* A newer caller's longer struct: zero tail works and gives the same result. */
    memset(&big, 0, sizeof big);
    big.in = in;
    big.in.size = sizeof big;
    assert_int_equal(stance_classify(m, &big.in, &opt, &res, &err), STANCE_OK);
    assert_int_equal(stance_result_count(res), stance_result_count(ref));
    for (size_t i = 0; i < stance_result_count(res); i++)
        assert_memory_equal(stance_result_quote(res, i)->sentiment.probs, stance_result_quote(ref, i)->sentiment.probs,
                            stance_result_quote(ref, i)->sentiment.n_labels * sizeof(double));
    stance_result_free(res);
    big.newer[3] = 1;
    assert_int_equal(stance_classify(m, &big.in, &opt, &res, &err), STANCE_ERR_VERSION);
    assert_null(res);

    st.text = "Park failed us";
    st.text_len = strlen(st.text);
    memset(&bigst, 0, sizeof bigst);
    bigst.st = st;
    bigst.st.size = sizeof bigst;
    assert_int_equal(stance_predict(m, 0, &bigst.st, NULL, &p, &err), STANCE_OK);
    stance_prediction_free(p);
    bigst.newer[7] = 0x80;
    assert_int_equal(stance_predict(m, 0, &bigst.st, NULL, &p, &err), STANCE_ERR_VERSION);
    st.size = 0;
    assert_int_equal(stance_predict(m, 0, &st, NULL, &p, &err), STANCE_ERR_INVALID);
    assert_null(p);
    assert_non_null(strstr(err.message, "STANCE_STATEMENT_INIT"));
    stance_result_free(ref);
}

static void assert_same_results(const stance_result *a, const stance_result *b)
{
    assert_int_equal(stance_result_count(a), stance_result_count(b));
    for (size_t i = 0; i < stance_result_count(a); i++) {
        const stance_quote *x = stance_result_quote(a, i), *y = stance_result_quote(b, i);
        assert_int_equal(x->span.start, y->span.start);
        assert_int_equal(stance_quote_target_count(x), stance_quote_target_count(y));
        for (size_t t = 0; t < stance_quote_target_count(x); t++) {
            const stance_target *p = stance_quote_target(x, t), *q = stance_quote_target(y, t);
            assert_string_equal(p->actor, q->actor);
            assert_int_equal(p->where, q->where);
            assert_int_equal(p->n_mentions, q->n_mentions);
            assert_memory_equal(p->mentions, q->mentions, p->n_mentions * sizeof *p->mentions);
            assert_memory_equal(p->stance.probs, q->stance.probs, p->stance.n_labels * sizeof(double));
        }
    }
    assert_int_equal(stance_result_entity_count(a), stance_result_entity_count(b));
    for (size_t i = 0; i < stance_result_entity_count(a); i++) {
        const stance_entity *x = stance_result_entity(a, i), *y = stance_result_entity(b, i);
        assert_string_equal(x->name, y->name);
        assert_int_equal(x->input_index, y->input_index);
        assert_int_equal(x->n_mentions, y->n_mentions);
        assert_memory_equal(x->mentions, y->mentions, x->n_mentions * sizeof *x->mentions);
    }
}

/* A compiled actor set gives what the same list gives, call after call, in
 * either case mode; misuse is refused. */
static void test_classify_actor_set(void **state)
{
    const stance_model *m = *state;
    static const char *const aliases[] = {"Governor Park", "Park"};
    static const char *const bad_alias[] = {"Pa\xffrk"};
    stance_actor actors[] = {{"Governor Sam Park", aliases, 2}, {"Ana Diaz", NULL, 0}, {"Jo Lee", NULL, 0}};
    stance_actor bad[] = {{"Sam Park", bad_alias, 1}};
    stance_input in = STANCE_INPUT_INIT;
    stance_options opt = STANCE_OPTIONS_INIT;
    stance_actorset *set = NULL, *ci = NULL;
    stance_result *a = NULL, *b = NULL;
    stance_error err;
    in.text = article;
    in.text_len = sizeof article - 1;

    assert_int_equal(stance_actorset_new(m, actors, 3, 0, &set, &err), STANCE_OK);
    assert_int_equal(stance_actorset_new(NULL, actors, 3, STANCE_OPT_ACTORS_CASELESS, &ci, &err), STANCE_OK);
    for (int caseless = 0; caseless < 2; caseless++) {
        opt.flags = STANCE_OPT_ALL_ACTORS | (caseless ? STANCE_OPT_ACTORS_CASELESS : 0);
        in.actors = actors;
        in.n_actors = 3;
        in.actor_set = NULL;
        assert_int_equal(stance_classify(m, &in, &opt, &a, &err), STANCE_OK);
        in.actors = NULL;
        in.n_actors = 0;
        in.actor_set = caseless ? ci : set;
        for (int round = 0; round < 2; round++) {
            assert_int_equal(stance_classify(m, &in, &opt, &b, &err), STANCE_OK);
            assert_same_results(a, b);
            stance_result_free(b);
        }
        assert_int_equal(stance_result_entity_count(a), 3);
        assert_true(stance_result_entity(a, 0)->n_mentions >= 2);
        stance_result_free(a);
    }

    /* The set's case mode and the call's must agree; a set replaces the list. */
    in.actor_set = set;
    opt.flags = STANCE_OPT_ACTORS_CASELESS;
    assert_int_equal(stance_classify(m, &in, &opt, &b, &err), STANCE_ERR_INVALID);
    assert_null(b);
    opt.flags = 0;
    in.actors = actors;
    in.n_actors = 3;
    assert_int_equal(stance_classify(m, &in, &opt, &b, &err), STANCE_ERR_INVALID);
    assert_non_null(strstr(err.message, "actor_set"));

    /* stance_actorset_new checks what stance_classify checks. */
    stance_actorset_free(ci);
    assert_int_equal(stance_actorset_new(m, actors, 0, 0, &ci, &err), STANCE_ERR_INVALID);
    assert_null(ci);
    assert_int_equal(stance_actorset_new(m, actors, 3, STANCE_OPT_ALL_ACTORS, &ci, &err), STANCE_ERR_INVALID);
    assert_int_equal(stance_actorset_new(m, NULL, 2, 0, &ci, &err), STANCE_ERR_INVALID);
    assert_int_equal(stance_actorset_new(m, bad, 1, 0, &ci, &err), STANCE_ERR_UTF8);
    assert_int_equal(err.offset, 2);
    assert_int_equal(stance_actorset_new(NULL, bad, 1, 0, &ci, &err), STANCE_ERR_UTF8);
    assert_int_equal(stance_actorset_new(m, actors, STANCE_MAX_ACTORS + 1, 0, &ci, &err), STANCE_ERR_LIMIT);
    assert_int_equal(stance_actorset_new(m, actors, 1, 0, NULL, &err), STANCE_ERR_INVALID);
    stance_actorset_free(set);
    stance_actorset_free(NULL);
}

/* Built model @p b serialised, freed and opened again through the public API. */
static stance_model *reopen(stance_model *b)
{
    stance_model *m = testutil_reopen(b);
    assert_non_null(m);
    return m;
}

/* The test model with head @p from renamed @p to, opened through the public API. */
static stance_model *open_renamed(const char *from, const char *to)
{
    stance_model *b = testutil_build_model(), *m = NULL;
    for (uint32_t i = 0; i < b->n_heads; i++)
        if (strcmp(b->heads[i].name, from) == 0) {
            stance_free(b->heads[i].name);
            b->heads[i].name = stance_strndup(to, strlen(to));
            assert_non_null(b->heads[i].name);
        }
    m = reopen(b);
    return m;
}

/* The head-name contract of stance.h: classify uses the heads named "stance"
 * and "sentiment"; without "sentiment" every quote's sentiment is the empty
 * decision, without "stance" no quote has targets; other heads serve
 * stance_predict() only. */
static void test_classify_missing_heads(void **state)
{
    stance_input in = STANCE_INPUT_INIT;
    stance_statement st = STANCE_STATEMENT_INIT;
    stance_result *res = NULL;
    stance_prediction *p = NULL;
    stance_model *m;
    int h;
    (void)state;
    park_input(&in);

    m = open_renamed("sentiment", "tone");
    assert_int_equal(stance_model_head_find(m, "sentiment"), STANCE_ERR_INVALID);
    assert_int_equal(stance_classify(m, &in, NULL, &res, NULL), STANCE_OK);
    assert_int_equal(stance_result_count(res), 2);
    for (size_t i = 0; i < stance_result_count(res); i++) {
        const stance_quote *q = stance_result_quote(res, i);
        assert_int_equal(q->sentiment.label, -1);
        assert_null(q->sentiment.label_name);
        assert_int_equal(q->sentiment.n_labels, 0);
        assert_null(q->sentiment.probs);
        assert_true(q->sentiment.confidence == 0.0);
        assert_int_equal(stance_quote_target_count(q), 1); /* stance still scored */
        assert_int_equal(stance_quote_target(q, 0)->stance.n_labels, 3);
    }
    stance_result_free(res);
    stance_model_free(m);

    m = open_renamed("stance", "opinion");
    assert_int_equal(stance_classify(m, &in, NULL, &res, NULL), STANCE_OK);
    assert_int_equal(stance_result_count(res), 2);
    for (size_t i = 0; i < stance_result_count(res); i++) {
        const stance_quote *q = stance_result_quote(res, i);
        assert_int_equal(q->sentiment.n_labels, 3);
        assert_int_equal(stance_quote_target_count(q), 0);
    }
    assert_int_equal(stance_result_entity_count(res), 1); /* mentions are still found */
    assert_true(stance_result_entity(res, 0)->n_mentions >= 2);
    stance_result_free(res);
    /* The renamed head still scores through stance_predict(). */
    h = stance_model_head_find(m, "opinion");
    assert_true(h >= 0);
    st.text = "Park failed us";
    st.text_len = strlen(st.text);
    assert_int_equal(stance_predict(m, (size_t)h, &st, NULL, &p, NULL), STANCE_OK);
    assert_string_equal(stance_prediction_decision(p)->label_name, "against");
    stance_prediction_free(p);
    stance_model_free(m);
}

/* A model with in-domain temperatures (DTMP) for both heads: stance_classify()'s
 * stance toward an actor and the quote's sentiment are the untempered
 * probabilities raised to 1/T and normalised, with the same labels;
 * stance_predict() is untouched. */
static void test_classify_domain_temperature(void **state)
{
    stance_input in = STANCE_INPUT_INIT;
    stance_statement st = STANCE_STATEMENT_INIT;
    stance_result *plain = NULL, *hot = NULL;
    stance_prediction *p0 = NULL, *p1 = NULL;
    stance_model *b = testutil_build_model(), *m = NULL;
    const stance_model *m0 = *state;
    const double t = 2.5, ts = 0.5;
    int h = stance_model_head_find(m0, "stance"), hs = stance_model_head_find(m0, "sentiment");
    assert_true(h >= 0 && hs >= 0);
    b->heads[h].domain_temp = t;
    b->heads[hs].domain_temp = ts;
    m = reopen(b);
    park_input(&in);
    assert_int_equal(stance_classify(m0, &in, NULL, &plain, NULL), STANCE_OK);
    assert_int_equal(stance_classify(m, &in, NULL, &hot, NULL), STANCE_OK);
    assert_int_equal(stance_result_count(hot), stance_result_count(plain));
    for (size_t i = 0; i < stance_result_count(plain); i++) {
        const stance_quote *a = stance_result_quote(plain, i), *c = stance_result_quote(hot, i);
        const stance_decision *da, *dc;
        double z = 0;
        assert_int_equal(stance_quote_target_count(c), stance_quote_target_count(a));
        assert_true(stance_quote_target_count(a) >= 1);
        da = &stance_quote_target(a, 0)->stance;
        dc = &stance_quote_target(c, 0)->stance;
        check_decision(dc);
        assert_int_equal(dc->label, da->label);
        assert_true(dc->confidence < da->confidence); /* a confident label is softened */
        for (size_t k = 0; k < da->n_labels; k++)
            z += pow(da->probs[k], 1 / t);
        for (size_t k = 0; k < da->n_labels; k++)
            assert_true(fabs(dc->probs[k] - pow(da->probs[k], 1 / t) / z) < 1e-9);
        z = 0;
        assert_true(a->sentiment.n_labels >= 2);
        assert_int_equal(c->sentiment.label, a->sentiment.label);
        assert_true(c->sentiment.confidence > a->sentiment.confidence); /* sharpened */
        for (size_t k = 0; k < a->sentiment.n_labels; k++)
            z += pow(a->sentiment.probs[k], 1 / ts);
        for (size_t k = 0; k < a->sentiment.n_labels; k++)
            assert_true(fabs(c->sentiment.probs[k] - pow(a->sentiment.probs[k], 1 / ts) / z) < 1e-9);
    }
    st.text = "Park is a corrupt liar who failed us";
    st.text_len = strlen(st.text);
    for (int j = 0; j < 2; j++) {
        size_t head = (size_t)(j ? hs : h);
        assert_int_equal(stance_predict(m0, head, &st, NULL, &p0, NULL), STANCE_OK);
        assert_int_equal(stance_predict(m, head, &st, NULL, &p1, NULL), STANCE_OK);
        for (size_t k = 0; k < stance_prediction_decision(p0)->n_labels; k++)
            assert_true(stance_prediction_decision(p0)->probs[k] == stance_prediction_decision(p1)->probs[k]);
        stance_prediction_free(p0);
        stance_prediction_free(p1);
    }
    stance_result_free(plain);
    stance_result_free(hot);
    stance_model_free(m);
}

/* The test model with family 14 (domain) added and pseudo-random weights in
 * every bucket of every head (seed @p z), so that the in-domain copies weigh;
 * serialised and opened again (reopen()), as a model file is. */
static stance_model *domain_model(uint32_t z)
{
    stance_model *b = testutil_build_model();
    assert_true(b->feat.n_families < STANCE_MAX_FAMILIES);
    stance_features_family_default(14, &b->feat.families[b->feat.n_families++]);
    for (uint32_t h = 0; h < b->n_heads; h++)
        for (size_t i = 0; i < ((size_t)1 << b->feat.table_bits) * b->heads[h].n_dec; i++) {
            z = z * 1103515245u + 12345u;
            b->heads[h].weights[i] = (float)((int)(z >> 16 & 1023) - 512) / 256.0f;
        }
    return reopen(b);
}

/* An explanation names family 14's in-domain copies after the features they copy
 * ("o:w:failed", "o:d:A:neg") and the family's bias "o:bias", not by whatever
 * training n-gram shares the copy's bucket: with every feature explained, each
 * "o:" name but the bias is "o:" and the name of another feature of the same
 * decision, and no feature is a bare "#bucket". */
static void test_classify_explain_domain_copies(void **state)
{
    stance_input in = STANCE_INPUT_INIT;
    stance_options opt = STANCE_OPTIONS_INIT;
    stance_result *res = NULL;
    stance_model *m = domain_model(11);
    size_t copies = 0, biases = 0;
    (void)state;
    park_input(&in);
    opt.explain = 100000;
    assert_int_equal(stance_classify(m, &in, &opt, &res, NULL), STANCE_OK);
    assert_true(stance_result_count(res) > 0);
    for (size_t i = 0; i < stance_result_count(res); i++) {
        const stance_decision *d = &stance_result_quote(res, i)->sentiment;
        for (size_t j = 0; j < d->n_explain; j++) {
            const char *f = d->explain[j].feature;
            int found = 0;
            assert_true(f[0] != '#');
            if (strncmp(f, "o:", 2) != 0)
                continue;
            if (!strcmp(f, "o:bias")) {
                biases++;
                continue;
            }
            for (size_t k = 0; k < d->n_explain && !found; k++)
                found = strcmp(d->explain[k].feature, f + 2) == 0;
            assert_true(found);
            copies++;
        }
    }
    assert_true(copies > 10);
    assert_int_equal(biases, stance_result_count(res));
    stance_result_free(res);
    stance_model_free(m);
}

/* With the domain family (14) in the model, stance_classify() scores each
 * quote's sentiment in-domain (sent4, 2026-12-06): a sentiment head whose
 * domain bias feature (the hash of "bias", models/FORMAT.md) weighs toward
 * "negative" makes every quote negative there, while stance_predict() scores
 * the same head as general ("proud" stays positive). */
static void test_classify_sentiment_in_domain(void **state)
{
    stance_input in = STANCE_INPUT_INIT;
    stance_statement st = STANCE_STATEMENT_INIT;
    stance_result *res = NULL;
    stance_prediction *p = NULL;
    stance_model *b = testutil_build_model(), *m = NULL;
    stance_family *f = &b->feat.families[b->feat.n_families];
    int hs = stance_model_head_find(*state, "sentiment");
    stance_head *h;
    uint32_t bucket;
    assert_true(hs >= 0 && b->feat.n_families < STANCE_MAX_FAMILIES);
    stance_features_family_default(14, f);
    b->feat.n_families++;
    bucket = (uint32_t)XXH3_64bits_withSeed("bias", 4, f->seed) & ((1u << b->feat.table_bits) - 1);
    h = &b->heads[hs];
    /* pairs (positive, negative), (positive, neutral), (negative, neutral): negative wins each */
    h->weights[(size_t)bucket * h->n_dec + 0] = -20.0f;
    h->weights[(size_t)bucket * h->n_dec + 2] = 20.0f;
    m = reopen(b);
    park_input(&in);
    assert_int_equal(stance_classify(m, &in, NULL, &res, NULL), STANCE_OK);
    assert_true(stance_result_count(res) >= 2);
    for (size_t i = 0; i < stance_result_count(res); i++)
        assert_string_equal(stance_result_quote(res, i)->sentiment.label_name, "negative");
    st.text = "We are proud of the governor";
    st.text_len = strlen(st.text);
    assert_int_equal(stance_predict(m, (size_t)hs, &st, NULL, &p, NULL), STANCE_OK);
    assert_string_equal(stance_prediction_decision(p)->label_name, "positive");
    stance_prediction_free(p);
    stance_result_free(res);
    stance_model_free(m);
}

/* The probabilities of every decision of @p res, in order, into p[*n ..]. */
static void all_probs(const stance_result *res, double *p, size_t cap, size_t *n)
{
    *n = 0;
    for (size_t i = 0; i < stance_result_count(res); i++) {
        const stance_quote *q = stance_result_quote(res, i);
        for (uint32_t k = 0; k < q->sentiment.n_labels && *n < cap; k++)
            p[(*n)++] = q->sentiment.probs[k];
        for (size_t t = 0; t < stance_quote_target_count(q); t++) {
            const stance_decision *d = &stance_quote_target(q, t)->stance;
            for (uint32_t k = 0; k < d->n_labels && *n < cap; k++)
                p[(*n)++] = d->probs[k];
        }
    }
}

/* An in-domain statement only scored (no explanation) leaves family 14's
 * copies to the scorer (dom6, 2026-12-06: features.h, stance_fvec's dcopy):
 * its decision values are those of the explicit copies (explanations, training)
 * up to a float reassociation (within 1e-6; 8e-9 here), and differ from the general ones; so are the
 * probabilities of stance_classify() without and with explanations. With
 * weights in every bucket, so that the copies weigh. */
static void test_classify_domain_fused(void **state)
{
    stance_input in = STANCE_INPUT_INIT;
    stance_options opt = STANCE_OPTIONS_INIT;
    stance_statement st = STANCE_STATEMENT_INIT;
    stance_result *fused = NULL, *explicit = NULL;
    stance_model *m = NULL;
    stance_fscratch *fs = NULL;
    stance_fvec x = {0};
    size_t nf, ne;
    double pf[256], pe[256], vf[3], ve[3], vg[3];
    int hs = stance_model_head_find(*state, "stance");
    (void)state;
    assert_true(hs >= 0);
    m = domain_model(7);
    assert_non_null(m->feat.dcopy);
    /* the vectors: fused (scored only), explicit, general */
    st.text = "Governor Park failed this city and it is a disgrace";
    st.text_len = strlen(st.text);
    st.target = "Park";
    st.target_len = 4;
    assert_int_equal(stance_fscratch_new(&fs), STANCE_OK);
    stance_fscratch_set_domain(fs, 1);
    stance_fscratch_set_vec_block(fs, 1);
    assert_int_equal(stance_features_extract(&m->feat, &st, fs, &x, NULL), STANCE_OK);
    assert_true(x.dcopy == m->feat.dcopy && x.dn > 10);
    stance_linear_values(&m->heads[hs], &x, vf);
    stance_fscratch_set_vec_block(fs, 0);
    assert_int_equal(stance_features_extract(&m->feat, &st, fs, &x, NULL), STANCE_OK);
    assert_null(x.dcopy);
    stance_linear_values(&m->heads[hs], &x, ve);
    stance_fscratch_set_domain(fs, 0);
    assert_int_equal(stance_features_extract(&m->feat, &st, fs, &x, NULL), STANCE_OK);
    stance_linear_values(&m->heads[hs], &x, vg);
    for (int p = 0; p < 3; p++) {
        assert_true(fabs(vf[p] - ve[p]) < 1e-6); /* (the copy path adds a copy that collides in float) */
        assert_true(fabs(vf[p] - vg[p]) > 1e-3); /* the copies weigh */
    }
    stance_fvec_clear(&x);
    stance_fscratch_free(fs);
    /* stance_classify() without and with explanations */
    park_input(&in);
    assert_int_equal(stance_classify(m, &in, NULL, &fused, NULL), STANCE_OK);
    opt.explain = 3;
    assert_int_equal(stance_classify(m, &in, &opt, &explicit, NULL), STANCE_OK);
    all_probs(fused, pf, 256, &nf);
    all_probs(explicit, pe, 256, &ne);
    assert_int_equal(nf, ne);
    assert_true(nf >= 9); /* two quotes' sentiment and stance at least */
    for (size_t i = 0; i < nf; i++)
        assert_true(fabs(pf[i] - pe[i]) < 1e-6);
    stance_result_free(fused);
    stance_result_free(explicit);
    stance_model_free(m);
}

static int mpos_cmp(const void *a, const void *b)
{
    const stance_mpos *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->ent > y->ent) - (x->ent < y->ent);
}

/* stance_mpos_sort() (the mention index of stance_classify() and of
 * mindex.c) orders by start, then entity, as qsort does: few and many
 * positions, one entity and many, repeats, and offsets too large for the
 * packed keys (its qsort path). */
static void test_classify_mpos_sort(void **state)
{
    static const size_t sizes[] = {0, 1, 2, 3, 47, 48, 200, 1023, 1024, 5000};
    static const size_t ents[] = {1, 2, 7, 300};
    unsigned r = 12345;
    (void)state;
    for (size_t si = 0; si < sizeof sizes / sizeof *sizes; si++)
        for (size_t ei = 0; ei < sizeof ents / sizeof *ents; ei++)
            for (int big = 0; big < 2; big++) {
                size_t n = sizes[si];
                stance_mpos *a = malloc((n + 1) * sizeof *a), *b = malloc((n + 1) * sizeof *b);
                uint64_t *keys = malloc((n + 1) * sizeof *keys);
                assert_true(a && b && keys);
                for (size_t i = 0; i < n; i++) {
                    r = r * 1103515245u + 12345u;
                    a[i].start = (r >> 8) % (n / 2 + 3); /* repeats of a start, and of (start, entity) */
                    if (big && i % 5 == 0)
                        a[i].start = SIZE_MAX - (r >> 20) % 4;
                    a[i].ent = (r >> 4) % ents[ei];
                }
                memcpy(b, a, n * sizeof *a);
                stance_mpos_sort(a, n, ents[ei], keys);
                if (n > 1)
                    qsort(b, n, sizeof *b, mpos_cmp);
                for (size_t i = 0; i < n; i++) {
                    assert_int_equal(a[i].start, b[i].start);
                    assert_int_equal(a[i].ent, b[i].ent);
                }
                free(a);
                free(b);
                free(keys);
            }
}

/* stance_classify() of @p text with @p n actors and @p opt (NULL: defaults), asserted to
 * succeed; the caller frees the result. */
static stance_result *classify_with(stance_model *m, const char *text, stance_actor *actors, size_t n,
                                    const stance_options *opt)
{
    stance_input in = STANCE_INPUT_INIT;
    stance_result *res = NULL;
    in.text = text;
    in.text_len = strlen(text);
    in.actors = actors;
    in.n_actors = n;
    assert_int_equal(stance_classify(m, &in, opt, &res, NULL), STANCE_OK);
    return res;
}

/* A quote that attacks one actor in a sentence and praises another in the
 * next: each is scored on its own sentence (classify.c, narrow_to_target()),
 * so the two get their own stances, not the quote's one tone. */
static void test_classify_targets_own_sentences(void **state)
{
    static const char text[] = "\"Governor Park failed this city and it is a disgrace. "
                               "We praised Mayor Lee and we are proud of the work,\" said Jo Kim.\n";
    static const char *const park[] = {"Park"}, *const lee[] = {"Lee"};
    stance_actor actors[] = {{"Governor Sam Park", park, 1}, {"Mayor Ann Lee", lee, 1}};
    stance_result *res = classify_with(*state, text, actors, 2, NULL);
    const stance_quote *q;
    const stance_target *tp, *tl;
    assert_int_equal(stance_result_count(res), 1);
    q = stance_result_quote(res, 0);
    assert_int_equal(stance_quote_target_count(q), 2);
    tp = stance_quote_target(q, 0);
    tl = stance_quote_target(q, 1);
    assert_string_equal(tp->actor, "Governor Sam Park");
    assert_string_equal(tl->actor, "Mayor Ann Lee");
    assert_string_equal(tp->stance.label_name, "against");
    assert_string_equal(tl->stance.label_name, "favor");
    /* the mentions stay where they are in the text */
    assert_memory_equal(text + tp->mentions[0].end - 4, "Park", 4);
    assert_memory_equal(text + tl->mentions[0].end - 3, "Lee", 3);
    stance_result_free(res);
}

/* The same in one sentence, its clauses joined by ";" and by ", but": each
 * actor is scored on its own clause. */
static void test_classify_targets_own_clauses(void **state)
{
    static const char *const texts[] = {
        "\"Governor Park failed this city and it is a disgrace; we praised Mayor Lee and we are proud of the work,\" "
        "said Jo Kim.\n",
        "\"Governor Park failed this city and it is a disgrace, but we praised Mayor Lee and we are proud of the work,"
        "\" said Jo Kim.\n",
    };
    static const char *const park[] = {"Park"}, *const lee[] = {"Lee"};
    stance_actor actors[] = {{"Governor Sam Park", park, 1}, {"Mayor Ann Lee", lee, 1}};
    for (size_t k = 0; k < 2; k++) {
        stance_result *res = classify_with(*state, texts[k], actors, 2, NULL);
        const stance_quote *q = stance_result_quote(res, 0);
        assert_int_equal(stance_quote_target_count(q), 2);
        assert_string_equal(stance_quote_target(q, 0)->stance.label_name, "against");
        assert_string_equal(stance_quote_target(q, 1)->stance.label_name, "favor");
        stance_result_free(res);
    }
}

/* A "but" after a word of the lexicon's class FX_EXCEPT means except ("anyone but
 * Park", "everyone but Park"), as the polarity rules read it: no clause starts
 * there, so the target is scored on the whole quote; its explanation (every
 * feature, named from the statement's text) holds the word before "but". */
static void test_classify_except_but_whole(void **state)
{
    static const char *const texts[] = {
        "\"We would back anyone but Park for the job,\" said Jo Kim.\n",
        "\"Everyone but Park came to the meeting on time,\" said Jo Kim.\n",
    };
    static const char *const words[] = {"anyone", "everyone"};
    static const char *const park[] = {"Park"};
    stance_actor actors[] = {{"Governor Sam Park", park, 1}};
    stance_options opt = STANCE_OPTIONS_INIT;
    opt.explain = 100000;
    for (size_t k = 0; k < 2; k++) {
        stance_result *res = classify_with(*state, texts[k], actors, 1, &opt);
        const stance_decision *d;
        int seen = 0;
        assert_int_equal(stance_quote_target_count(stance_result_quote(res, 0)), 1);
        d = &stance_quote_target(stance_result_quote(res, 0), 0)->stance;
        for (size_t j = 0; j < d->n_explain && !seen; j++)
            seen = strstr(d->explain[j].feature, words[k]) != NULL;
        assert_true(seen);
        stance_result_free(res);
    }
}

/* A quote that ends its own sentence: its attribution context ends there
 * (quotes.c, closing_end()), so an actor named only in the next sentence,
 * about something else, is no target of it. Before, the context ran on to
 * the next sentence's end and Ruiz, praised there, took the quote's stance. */
static void test_classify_context_ends_with_quote(void **state)
{
    static const char text[] = "Maria Lopez said Tom Baker is responsible for the chaos and accused him of "
                               "\"inciting violent behavior that is very dangerous.\" "
                               "She praised Ana Ruiz for pursuing charges in the case.\n";
    static const char *const baker[] = {"Baker"}, *const ruiz[] = {"Ruiz"};
    stance_actor actors[] = {{"Tom Baker", baker, 1}, {"Ana Ruiz", ruiz, 1}};
    stance_result *res = classify_with(*state, text, actors, 2, NULL);
    const stance_quote *q;
    assert_int_equal(stance_result_count(res), 1);
    q = stance_result_quote(res, 0);
    assert_int_equal(stance_quote_target_count(q), 1);
    assert_string_equal(stance_quote_target(q, 0)->actor, "Tom Baker");
    stance_result_free(res);
}

/* The attribution's own sentence that goes on, past the quote, its speaker
 * and its cue, with a clause of its own ("before she praised", "after she
 * called", ", who ...", "but he warned"): an actor named there is no target
 * of the quote (targets.c, own_clause_cut()). Kept: an actor the attribution
 * refers to ("referring to", "said of"), and with it its mentions in such a
 * clause (no object of the attribution, still in the attribution). */
static void test_classify_attribution_own_clause(void **state)
{
    static const char *const cut[] = {
        "\"Tom Baker is inciting violent behavior that is very dangerous,\" Maria Lopez said, before she praised "
        "Ana Ruiz for pursuing charges.\n",
        "\"People here have every right to be angry,\" Tom Baker said on Monday, shortly after he called Ana Ruiz "
        "to congratulate her.\n",
        "Tom Baker said the city council should \"stop wasting money\", but he also warned Ana Ruiz against "
        "raising taxes.\n",
        "Tom Baker said he asked the question \"to build on the earlier remarks\" of a council member who has long "
        "criticized Ana Ruiz.\n",
    };
    static const char *const kept[] = {
        "\"We need steady hands at city hall,\" Tom Baker said, referring to Ana Ruiz.\n",
        "\"People here have every right to be angry,\" Tom Baker said of Ana Ruiz, shortly after he called her.\n",
    };
    static const char *const baker[] = {"Baker"}, *const ruiz[] = {"Ruiz"};
    stance_actor actors[] = {{"Tom Baker", baker, 1}, {"Ana Ruiz", ruiz, 1}};
    for (size_t k = 0; k < 6; k++) {
        const char *text = k < 4 ? cut[k] : kept[k - 4];
        stance_result *res = classify_with(*state, text, actors, 2, NULL);
        const stance_quote *q;
        size_t ruiz_mentions = 0; /* 0: no target */
        assert_int_equal(stance_result_count(res), 1);
        q = stance_result_quote(res, 0);
        for (size_t j = 0; j < (size_t)stance_quote_target_count(q); j++)
            if (!strcmp(stance_quote_target(q, j)->actor, "Ana Ruiz"))
                ruiz_mentions = stance_quote_target(q, j)->n_mentions;
        if ((ruiz_mentions > 0) != (k >= 4))
            fail_msg("text %zu: Ana Ruiz %s a target: %s", k, ruiz_mentions ? "is" : "is not", text);
        if (k == 5) /* "Ana Ruiz", and the "her" of the clause after: it stays in the attribution */
            assert_int_equal(ruiz_mentions, 2);
        stance_result_free(res);
    }
}

/* Pooling (pool.c, STANCE_OPT_POOL): one speaker's two quotes on one actor
 * move toward each other; another speaker's quote on the same actor, and a
 * quote alone, keep their own stances; without the flag each quote has its own
 * probabilities exactly. */
static void test_classify_pool_speaker_actor(void **state)
{
    static const char text[] = "Mayor Ana Diaz spoke on Tuesday.\n\n"
                               "\"Governor Park failed this city and it is a disgrace,\" Diaz said.\n\n"
                               "\"We praised Park and we are proud of the work,\" Diaz said.\n\n"
                               "\"Park is a disgrace,\" said Jo Lee.\n\n"
                               "\"We are proud of Mayor Kim,\" said Jo Lee.\n";
    static const char *const park[] = {"Park"}, *const kim[] = {"Kim"};
    stance_actor actors[] = {{"Governor Sam Park", park, 1}, {"Mayor Kim", kim, 1}};
    stance_options on = STANCE_OPTIONS_INIT;
    stance_result *res, *raw;
    const stance_target *t[4], *r[4];
    const double *own = (const double *)1;
    double before = 0, after = 0;
    on.flags = STANCE_OPT_POOL;
    res = classify_with(*state, text, actors, 2, &on);
    raw = classify_with(*state, text, actors, 2, NULL);
    assert_int_equal(stance_result_count(res), 4);
    assert_int_equal(stance_result_count(raw), 4);
    for (size_t k = 0; k < 4; k++) {
        assert_int_equal(stance_quote_target_count(stance_result_quote(res, k)), 1);
        t[k] = stance_quote_target(stance_result_quote(res, k), 0);
        r[k] = stance_quote_target(stance_result_quote(raw, k), 0);
        check_decision(&t[k]->stance);
        check_decision(&r[k]->stance);
        assert_int_equal(stance_target_pooled(r[k], &own), 0); /* default: every stance its own */
        assert_null(own);
    }
    assert_string_equal(stance_result_quote(res, 1)->speaker, stance_result_quote(res, 0)->speaker);
    assert_string_equal(t[3]->actor, "Mayor Kim");
    /* Diaz's two quotes on Park: pooled, each with the other */
    for (size_t k = 0; k < 2; k++) {
        const double *o = NULL, *p = t[k]->stance.probs, *ro = r[1 - k]->stance.probs;
        double z = 0, want[3];
        assert_int_equal(stance_target_pooled(t[k], &o), 1);
        assert_non_null(o);
        assert_memory_equal(o, r[k]->stance.probs, 3 * sizeof *o); /* its own: the unpooled call's, exactly */
        for (size_t l = 0; l < 3; l++)
            z += want[l] = o[l] * pow(ro[l], 0.3);
        for (size_t l = 0; l < 3; l++)
            assert_true(fabs(p[l] - want[l] / z) < 1e-9);
    }
    for (size_t l = 0; l < 3; l++) {
        before += fabs(r[0]->stance.probs[l] - r[1]->stance.probs[l]);
        after += fabs(t[0]->stance.probs[l] - t[1]->stance.probs[l]);
    }
    assert_true(before > 0.05);        /* the two quotes differ */
    assert_true(after < before * 0.9); /* and pooling draws them together */
    /* Jo Lee on Park (another speaker) and on Kim (alone): untouched, exactly */
    for (size_t k = 2; k < 4; k++) {
        assert_int_equal(stance_target_pooled(t[k], &own), 0);
        assert_null(own);
        assert_memory_equal(t[k]->stance.probs, r[k]->stance.probs, 3 * sizeof(double));
        assert_int_equal(t[k]->stance.label, r[k]->stance.label);
    }
    assert_int_equal(stance_target_pooled(NULL, &own), 0);
    assert_null(own);
    stance_result_free(res);
    stance_result_free(raw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_classify_quotes_speakers_stances),
        cmocka_unit_test(test_classify_targets_own_sentences),
        cmocka_unit_test(test_classify_targets_own_clauses),
        cmocka_unit_test(test_classify_except_but_whole),
        cmocka_unit_test(test_classify_context_ends_with_quote),
        cmocka_unit_test(test_classify_attribution_own_clause),
        cmocka_unit_test(test_classify_domain_temperature),
        cmocka_unit_test(test_classify_sentiment_in_domain),
        cmocka_unit_test(test_classify_domain_fused),
        cmocka_unit_test(test_classify_explain_domain_copies),
        cmocka_unit_test(test_classify_result_outlives_model),
        cmocka_unit_test(test_classify_quote_rules),
        cmocka_unit_test(test_classify_bad_input),
        cmocka_unit_test(test_classify_explain_names_from_text),
        cmocka_unit_test(test_classify_scratch_reuse_same_results),
        cmocka_unit_test(test_classify_scratch_after_long_text),
        cmocka_unit_test(test_classify_predict_statement),
        cmocka_unit_test(test_classify_struct_sizes),
        cmocka_unit_test(test_classify_missing_heads),
        cmocka_unit_test(test_classify_actor_set),
        cmocka_unit_test(test_classify_mpos_sort),
        cmocka_unit_test(test_classify_pool_speaker_actor),
    };
    return cmocka_run_group_tests(tests, testutil_group_open_model, testutil_group_free_model);
}
