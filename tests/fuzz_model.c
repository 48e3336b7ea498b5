/* fuzz_model.c - the model reader on arbitrary bytes (stance_model_open_buffer).
 * A model that opens is then queried and used once, so a reader that accepts
 * something the rest of the library cannot handle shows up too.
 * With FUZZ_FIX_CRC defined (fuzz_model_crc.c), the CRC-32 trailer is
 * recomputed over the fuzzed bytes first, so the fuzzer gets past the
 * checksum and into the section parsers. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "fuzz.h"
#include "model.h"

void fuzz_target_cleanup(void)
{
}

static void check_error(int rc, const stance_error *err)
{
    FUZZ_CHECK(rc < 0 && rc >= STANCE_ERR_INTERNAL);
    FUZZ_CHECK(rc != STANCE_ERR_INTERNAL && rc != STANCE_ERR_INVALID);
    FUZZ_CHECK(err->code == rc);
    FUZZ_CHECK(memchr(err->message, '\0', sizeof err->message) != NULL);
    FUZZ_CHECK(err->message[0] != '\0');
}

static void use_model(const stance_model *m)
{
    static const char text[] = "\"They failed us and it is a disgrace,\" said Ana Diaz. "
                               "\xe2\x80\x9cGreat work,\xe2\x80\x9d Jo Lee added.";
    static const stance_actor actors[] = {{"Jo Lee", NULL, 0}};
    int nh = stance_model_head_count(m);
    stance_input in = STANCE_INPUT_INIT;
    stance_options opt = STANCE_OPTIONS_INIT;
    stance_result *res = NULL;
    stance_error err;
    int rc;

    FUZZ_CHECK(nh >= 1);
    for (int h = 0; h < nh; h++) {
        int nl = stance_model_label_count(m, (size_t)h);
        FUZZ_CHECK(stance_model_head_name(m, (size_t)h) != NULL);
        FUZZ_CHECK(nl >= 2);
        for (int l = 0; l < nl; l++)
            FUZZ_CHECK(stance_model_label_name(m, (size_t)h, (size_t)l) != NULL);
    }
    (void)stance_model_meta(m, "name");
    in.text = text;
    in.text_len = sizeof text - 1;
    in.actors = actors;
    in.n_actors = 1;
    opt.explain = 2;
    rc = stance_classify(m, &in, &opt, &res, &err);
    FUZZ_CHECK(rc == STANCE_OK || rc == STANCE_ERR_NOMEM);
    for (size_t i = 0; i < stance_result_count(res); i++) {
        const stance_quote *q = stance_result_quote(res, i);
        if (q->sentiment.n_labels)
            FUZZ_CHECK(q->sentiment.confidence >= 0.0 && q->sentiment.confidence <= 1.0);
        for (size_t t = 0; t < stance_quote_target_count(q); t++)
            FUZZ_CHECK(stance_quote_target(q, t)->stance.confidence >= 0.0 &&
                       stance_quote_target(q, t)->stance.confidence <= 1.0);
    }
    stance_result_free(res);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    stance_model *m = (stance_model *)&m; /* must be reset to NULL on failure */
    stance_error err;
    const uint8_t *bytes = data;
    int rc;
#ifdef FUZZ_FIX_CRC
    uint8_t *copy = NULL;
    if (size >= 20) {
        uint32_t crc;
        copy = malloc(size);
        if (!copy)
            return 0;
        memcpy(copy, data, size);
        crc = stance_crc32(0, copy, size - 4);
        copy[size - 4] = (uint8_t)crc;
        copy[size - 3] = (uint8_t)(crc >> 8);
        copy[size - 2] = (uint8_t)(crc >> 16);
        copy[size - 1] = (uint8_t)(crc >> 24);
        bytes = copy;
    }
#endif
    memset(&err, 0, sizeof err);
    rc = stance_model_open_buffer(size ? bytes : (const uint8_t *)"", size, &m, &err);
    if (rc == STANCE_OK) {
        FUZZ_CHECK(m != NULL);
        use_model(m);
        stance_model_free(m);
    } else {
        FUZZ_CHECK(m == NULL);
        check_error(rc, &err);
        FUZZ_CHECK(err.offset == STANCE_NO_OFFSET || err.offset <= size);
    }
#ifdef FUZZ_FIX_CRC
    free(copy);
#endif
    return 0;
}
