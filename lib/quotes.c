/*
 * quotes.c - direct quotes and their speakers, with PCRE2.
 *
 * First revision: quotes in straight or curly double marks, and a speaker
 * named right after the quote ("...," Name said / said Name). The quotes
 * issue replaces this with the full extractor.
 */
#include "config.h"

#include <string.h>

#include "quotes.h"

struct stance_qpatterns {
    pcre2_general_context *gctx;
    pcre2_code *quote;
    pcre2_code *after;
};

static const char QUOTE_PAT[] = "[\"\\x{201C}]([^\"\\x{201C}\\x{201D}]{1,20000}?)[\"\\x{201D}]";
static const char AFTER_PAT[] =
    "\\G\\s*(?:\\p{Lu}\\p{L}*\\s+)?(?|(\\p{Lu}[\\p{L}.'-]*(?:\\s+\\p{Lu}[\\p{L}.'-]*){0,3})\\s+(said|says|added|told)"
    "|(said|says|added|told)\\s+(\\p{Lu}[\\p{L}.'-]*(?:\\s+\\p{Lu}[\\p{L}.'-]*){0,3}))";

static pcre2_code *compile(const char *pat, pcre2_compile_context *cctx, stance_error *err)
{
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *c = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &ec, &eo, cctx);
    if (!c) {
        stance_pcre2_error(err, ec, STANCE_NO_OFFSET, "quote pattern");
        return NULL;
    }
    /* JIT is an optimisation: fall back to the interpreter if it is unavailable. */
    (void)pcre2_jit_compile(c, PCRE2_JIT_COMPLETE);
    return c;
}

int stance_quotes_compile(stance_qpatterns **out, stance_error *err)
{
    stance_qpatterns *p = stance_calloc(1, sizeof *p);
    pcre2_compile_context *cctx = NULL;
    stance_error local;
    if (!err) /* the failure code is read back from the record below */
        err = &local;
    *out = NULL;
    if (!p)
        return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    if (!(p->gctx = stance_pcre2_context()) || !(cctx = pcre2_compile_context_create(p->gctx))) {
        stance_quotes_free(p);
        return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    }
    p->quote = compile(QUOTE_PAT, cctx, err);
    p->after = p->quote ? compile(AFTER_PAT, cctx, err) : NULL;
    pcre2_compile_context_free(cctx);
    if (!p->after) {
        stance_quotes_free(p);
        return err ? err->code : STANCE_ERR_INTERNAL;
    }
    *out = p;
    return STANCE_OK;
}

void stance_quotes_free(stance_qpatterns *p)
{
    if (!p)
        return;
    pcre2_code_free(p->quote);
    pcre2_code_free(p->after);
    pcre2_general_context_free(p->gctx);
    stance_free(p);
}

void stance_quotelist_clear(stance_quotelist *l)
{
    for (size_t i = 0; i < l->n; i++) {
        stance_free(l->q[i].speaker);
        stance_free(l->q[i].role);
    }
    stance_free(l->q);
    memset(l, 0, sizeof *l);
}

int stance_quotes_extract(const stance_qpatterns *p, const char *text, size_t len, unsigned flags,
                          stance_quotelist *out, stance_error *err)
{
    pcre2_match_data *md = pcre2_match_data_create(4, p->gctx);
    PCRE2_SIZE start = 0;
    int rc = STANCE_OK;
    const stance_span none = {STANCE_NO_OFFSET, STANCE_NO_OFFSET};
    (void)flags;
    if (!md)
        return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    while (start < len) {
        PCRE2_SIZE *ov;
        stance_rawquote *q;
        int m = pcre2_match(p->quote, (PCRE2_SPTR)text, len, start, PCRE2_NO_UTF_CHECK, md, NULL);
        if (m == PCRE2_ERROR_NOMATCH)
            break;
        if (m < 0) {
            rc = stance_pcre2_error(err, m, start, "quote matching");
            break;
        }
        ov = pcre2_get_ovector_pointer(md);
        if (stance_grow((void **)&out->q, &out->cap, out->n + 1, sizeof *out->q)) {
            rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
            break;
        }
        q = &out->q[out->n++];
        memset(q, 0, sizeof *q);
        q->span.start = ov[2];
        q->span.end = ov[3];
        q->type = STANCE_QUOTE_DIRECT;
        q->speaker_span = q->cue_span = none;
        q->context = (stance_span){ov[0], ov[1]};
        start = ov[1];
        {
            size_t qend = ov[1];
            int a = pcre2_match(p->after, (PCRE2_SPTR)text, len, qend, PCRE2_NO_UTF_CHECK, md, NULL);
            if (a > 0) {
                PCRE2_SIZE *ao = pcre2_get_ovector_pointer(md);
                int name = (ao[2] < ao[4] && text[ao[2]] >= 'a' && text[ao[2]] <= 'z') ? 2 : 1;
                int verb = name == 1 ? 2 : 1;
                q->speaker_span = (stance_span){ao[2 * name], ao[2 * name + 1]};
                q->cue_span = (stance_span){ao[2 * verb], ao[2 * verb + 1]};
                q->context.end = ao[1];
                while (q->speaker_span.end > q->speaker_span.start && text[q->speaker_span.end - 1] == '.')
                    q->speaker_span.end--;
                q->speaker = stance_strndup(text + q->speaker_span.start, q->speaker_span.end - q->speaker_span.start);
                if (!q->speaker) {
                    rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
                    break;
                }
            } else if (a < 0 && a != PCRE2_ERROR_NOMATCH) {
                rc = stance_pcre2_error(err, a, qend, "speaker matching");
                break;
            }
        }
    }
    pcre2_match_data_free(md);
    return rc;
}
