/* fuzz_quotes.c - quote and speaker extraction and actor discovery
 * (lib/quotes.c, lib/actors.c) on arbitrary bytes.
 * Byte 0 chooses the STANCE_OPT_* flags; the rest is the text. Invalid UTF-8
 * must be refused with an offset inside the text; valid text must give quotes
 * whose spans lie inside it, in text order, with speakers inside the text,
 * and the patterns' prefilters must never skip a window the pattern matches. */
#include "config.h"

#include <string.h>

#include "actors.h"
#include "fuzz.h"
#include "quotes.h"
#include "quotes_int.h"

static stance_qpatterns *pat;

void fuzz_target_cleanup(void)
{
    stance_quotes_free(pat);
    pat = NULL;
}

static void check_span(stance_span s, size_t len, int optional)
{
    if (optional && s.start == STANCE_NO_OFFSET) {
        FUZZ_CHECK(s.end == STANCE_NO_OFFSET);
        return;
    }
    FUZZ_CHECK(s.start <= s.end && s.end <= len);
}

/* The prefilters of stance_q_run() never skip a window where the pattern
 * matches: starts at the first 16 character boundaries, ending at the text's
 * end and at the first quote mark after the start. (64 starts let one input
 * of 186 bytes take 1.2 s under ASan, ~1.3 ms for each of its 896 pattern
 * runs, and so trip libFuzzer's -timeout=10 on a loaded machine; the
 * library itself takes no time on it: it runs a pattern only where a
 * prefilter lets it. The fuzzer moves text to the first 16.) */
static void check_prefilters(const char *text, size_t len)
{
    static const int which[] = {P_AFTER, P_BEFORE, P_BEFORE2, P_PARTIAL, P_PARTIAL_AFTER, P_IND_SAID, P_IND_AFTER};
    ctx c;
    memset(&c, 0, sizeof c);
    c.p = pat;
    c.t = text;
    c.len = len;
    if (!(c.md = pcre2_match_data_create(8, NULL)))
        return;
    for (size_t s = 0, k = 0; s < len && k < 16; s++) {
        size_t mk = s + 1, ml;
        if (((unsigned char)text[s] & 0xC0) == 0x80)
            continue;
        k++;
        while (mk < len && mark_at(text, mk, len, &ml) == MK_NONE)
            mk++;
        for (size_t w = 0; w < sizeof which / sizeof *which; w++) {
            FUZZ_CHECK(stance_q_match(&c, which[w], s, len) <= 0 || stance_q_may_match(&c, which[w], s, len));
            FUZZ_CHECK(stance_q_match(&c, which[w], s, mk) <= 0 || stance_q_may_match(&c, which[w], s, mk));
        }
    }
    pcre2_match_data_free(c.md);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    stance_quotelist ql = {0};
    stance_entityset es = {0};
    stance_error err;
    const char *text;
    size_t len;
    unsigned flags;
    int rc;

    if (!pat && stance_quotes_compile(&pat, NULL) != STANCE_OK)
        abort();
    if (size < 1)
        return 0;
    flags = data[0];
    text = (const char *)data + 1;
    len = size - 1;
    rc = stance_utf8_check(text, len, &err);
    if (rc != STANCE_OK) {
        FUZZ_CHECK(rc == STANCE_ERR_UTF8 || rc == STANCE_ERR_NOMEM);
        if (rc == STANCE_ERR_UTF8)
            FUZZ_CHECK(err.offset < len);
        return 0;
    }
    check_prefilters(text, len);
    rc = stance_quotes_extract(pat, text, len, flags, &ql, &err);
    FUZZ_CHECK(rc == STANCE_OK || rc == STANCE_ERR_LIMIT);
    if (rc == STANCE_OK) {
        for (size_t i = 0; i < ql.n; i++) {
            const stance_rawquote *q = &ql.q[i];
            check_span(q->span, len, 0);
            check_span(q->context, len, 1);
            check_span(q->speaker_span, len, 1);
            check_span(q->cue_span, len, 1);
            FUZZ_CHECK(q->type == STANCE_QUOTE_DIRECT || q->type == STANCE_QUOTE_PARTIAL ||
                       q->type == STANCE_QUOTE_INDIRECT);
            if (i > 0)
                FUZZ_CHECK(ql.q[i - 1].span.start <= q->span.start);
            if (q->speaker)
                FUZZ_CHECK(stance_utf8_check(q->speaker, strlen(q->speaker), NULL) == STANCE_OK);
        }
        rc = stance_actors_discover(&ql, text, len, &es, &err);
        FUZZ_CHECK(rc == STANCE_OK);
        for (size_t i = 0; i < es.n; i++) {
            FUZZ_CHECK(es.e[i].name != NULL);
            for (size_t k = 0; k < es.e[i].n_mentions; k++) {
                check_span(es.e[i].mentions[k], len, 0);
                if (k > 0)
                    FUZZ_CHECK(es.e[i].mentions[k - 1].start <= es.e[i].mentions[k].start);
            }
        }
    }
    stance_entityset_clear(&es);
    stance_quotelist_clear(&ql);
    return 0;
}
