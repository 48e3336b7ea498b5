/* testutil.c - a deterministic in-memory model, fixture file access, and the
 * feature names a test saw. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "features.h"
#include "testutil.h"

/* Give every feature of @p words a weight pushing @p label (pairs in libsvm order). */
static void push_words(stance_model *m, stance_head *h, const char *words, int label, float amount)
{
    stance_fscratch *fs = NULL;
    stance_fvec x = {0};
    stance_statement st = STANCE_STATEMENT_INIT;
    st.text = words;
    st.text_len = strlen(words);
    if (stance_fscratch_new(&fs) || stance_features_extract(&m->feat, &st, fs, &x, NULL))
        abort();
    for (size_t i = 0; i < x.n; i++) {
        uint32_t p = 0;
        for (uint32_t a = 0; a < h->n_labels; a++)
            for (uint32_t b = a + 1; b < h->n_labels; b++, p++) {
                float *w = &h->weights[(size_t)x.idx[i] * h->n_dec + p];
                if ((int)a == label)
                    *w += amount;
                else if ((int)b == label)
                    *w -= amount;
            }
    }
    stance_fvec_clear(&x);
    stance_fscratch_free(fs);
}

static void calibrate(stance_head *h)
{
    h->calib = STANCE_CALIB_PLATT_PAIRWISE;
    h->prob_a = calloc(h->n_dec, sizeof *h->prob_a);
    h->prob_b = calloc(h->n_dec, sizeof *h->prob_b);
    if (!h->prob_a || !h->prob_b)
        abort();
    for (uint32_t p = 0; p < h->n_dec; p++) {
        h->prob_a[p] = -2.5 - 0.25 * p;
        h->prob_b[p] = 0.05 * p;
    }
}

stance_model *testutil_build_model(void)
{
    static const char *const stance_labels[] = {"favor", "against", "none"};
    static const char *const sent_labels[] = {"positive", "negative", "neutral"};
    stance_model *m = NULL;
    stance_head *h;
    if (stance_model_new_empty(&m))
        abort();
    stance_features_default(&m->feat);
    m->feat.table_bits = 12;
    if (stance_model_add_head(m, "stance", 3, stance_labels, &h))
        abort();
    calibrate(h);
    h->bias[0] = 0.1;
    h->bias[1] = -0.2;
    h->bias[2] = -0.3;
    push_words(m, h, "praised supports great admire thanked brilliant", 0, 2.0f);
    push_words(m, h, "attacked failed disgrace blamed corrupt liar", 1, 2.0f);
    push_words(m, h, "meeting scheduled announced tuesday", 2, 1.5f);
    if (stance_model_add_head(m, "sentiment", 3, sent_labels, &h))
        abort();
    calibrate(h);
    push_words(m, h, "great wonderful proud brilliant thanked happy", 0, 2.0f);
    push_words(m, h, "terrible disgrace failed corrupt angry liar", 1, 2.0f);
    push_words(m, h, "tuesday meeting scheduled report", 2, 1.5f);
    if (stance_model_set_meta(m, "name", "test-tiny") || stance_model_set_meta(m, "data", "written for the tests"))
        abort();
    if (stance_model_add_ngram(m, 7, 1, "great", 5) || stance_model_add_ngram(m, 3, 1, "failed", 6))
        abort();
    stance_model_sort_ngrams(m);
    return m;
}

unsigned char *testutil_model_bytes(size_t *len)
{
    stance_model *m = testutil_build_model();
    unsigned char *data = NULL;
    if (stance_model_serialize(m, &data, len, NULL))
        abort();
    stance_model_destroy(m);
    stance_free(m);
    return data;
}

stance_model *testutil_reopen(stance_model *b)
{
    stance_model *m = NULL;
    unsigned char *data = NULL;
    size_t len = 0;
    int rc = stance_model_serialize(b, &data, &len, NULL);
    stance_model_destroy(b);
    stance_free(b);
    if (rc || stance_model_open_buffer(data, len, &m, NULL))
        m = NULL;
    stance_free(data);
    return m;
}

char *testutil_read_data(const char *name, size_t *len)
{
    const char *dir = getenv("STANCE_TEST_DATA");
    char path[4096];
    FILE *f;
    char *buf;
    long n;
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/data", name);
    f = fopen(path, "rb");
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return NULL;
    }
    buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        fclose(f);
        return NULL;
    }
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

int testutil_group_open_model(void **state)
{
    size_t len;
    unsigned char *data = testutil_model_bytes(&len);
    stance_model *m = NULL;
    int rc = data ? stance_model_open_buffer(data, len, &m, NULL) : STANCE_ERR_NOMEM;
    stance_free(data);
    *state = m;
    return rc;
}

int testutil_group_free_model(void **state)
{
    stance_model_free(*state);
    *state = NULL;
    return 0;
}

void testutil_names_cb(void *user, uint32_t bucket, uint32_t family, const char *text, size_t len)
{
    testutil_names *s = user;
    (void)bucket;
    if (s->n < TESTUTIL_NAMES_MAX && len < sizeof s->text[0]) {
        s->fam[s->n] = family;
        memcpy(s->text[s->n], text, len);
        s->text[s->n][len] = '\0';
        s->n++;
    }
}

int testutil_names_has(const testutil_names *s, uint32_t fam, const char *text)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->fam[i] == fam && !strcmp(s->text[i], text))
            return 1;
    return 0;
}

size_t testutil_names_count(const testutil_names *s, uint32_t fam)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++)
        n += s->fam[i] == fam;
    return n;
}
