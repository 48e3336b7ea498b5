/*
 * json_out.h - a streaming JSON writer for the CLI's output records: values
 * are appended to one growing buffer, written with one fwrite, instead of
 * building a jansson tree and dumping it. The output is byte-identical to
 * jansson's json_dumps(JSON_COMPACT | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(6))
 * of the same values in the same order (tests/test_json_out.c checks it
 * against jansson). Reading JSON stays with jansson.
 */
#ifndef STANCE_JSON_OUT_H
#define STANCE_JSON_OUT_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "stance.h"

typedef struct json_out {
    char *buf;
    size_t len, cap;
    int failed;      /* out of memory or a string that is not UTF-8: the record is not written */
    int utf8;        /* 1: non-ASCII characters as they are (jansson without JSON_ENSURE_ASCII) */
    FILE *sink;      /* set: a record that outgrows flush_at is written here in pieces */
    size_t flush_at; /* bytes kept before jo_maybe_flush() writes them to sink (0: 64 kB) */
    int flushed;     /* part of the current record is already in sink (cannot be taken back) */
    struct jo_memo *memo; /* jo_static()'s strings as written (allocated at first use) */
    int exact;       /* 1: reals as %.17g, read back as the same double (a record that is parsed
                        again, as classify's HTML page does), not as jansson writes them */
} json_out;

#define JSON_OUT_INIT {NULL, 0, 0, 0, 0, NULL, 0, 0, NULL, 0}

/* Start a record: empty buffer, no failure, nothing flushed. */
void jo_reset(json_out *w);
/* Write what the buffer holds to w->sink (when set and nothing failed), and
 * empty it: the record so far is out. A large record is streamed so that the
 * buffer stays about flush_at bytes instead of the size of the record. */
void jo_flush(json_out *w);
/* jo_flush() once the buffer holds flush_at bytes or more; cheap to call often. */
static inline void jo_maybe_flush(json_out *w)
{
    if (w->sink && w->len >= (w->flush_at ? w->flush_at : 65536))
        jo_flush(w);
}
void jo_free(json_out *w);
/* jo_raw() when the buffer must grow (or the record failed). */
void jo_raw_slow(json_out *w, const char *s, size_t n);
/* @p n bytes as they are. Inline: a record is a few hundred of these. */
static inline void jo_raw(json_out *w, const char *s, size_t n)
{
    if (w->buf && !w->failed && n <= w->cap - w->len) {
        memcpy(w->buf + w->len, s, n);
        w->len += n;
        return;
    }
    jo_raw_slow(w, s, n);
}
/* A literal (punctuation, a key with its quotes and colon): NUL-terminated
 * (a string constant's length is known where it is written). */
static inline void jo_lit(json_out *w, const char *s)
{
    jo_raw(w, s, strlen(s));
}
/* A JSON string of @p n bytes of UTF-8, escaped as jansson does with
 * JSON_ENSURE_ASCII (\uXXXX, surrogate pairs above the BMP, capital hex),
 * or without it when w->utf8 is set (only '"', '\\' and controls escaped).
 * With a sink, a long string is escaped and flushed in pieces. */
void jo_str(json_out *w, const char *s, size_t n);
/* jo_str of a NUL-terminated string, or null for NULL. */
void jo_cstr(json_out *w, const char *s);
/* jo_cstr of a string that stays at its address, unchanged, for the life of
 * the process (the library's "static text": kind, rule and quote-rule names):
 * written once, then copied from a memo keyed by the pointer. */
void jo_static(json_out *w, const char *s);
void jo_int(json_out *w, long long v);
/* A real as jansson writes it with JSON_REAL_PRECISION(6): %.6g, ".0" added
 * when it would read back as an integer, no '+' or leading zeros in the exponent
 * (w->exact: %.17g, ".0" added when it would read back as an integer). */
void jo_real(json_out *w, double v);
/* An object of @p n members names[i]: probs[i] (a decision's "probs"). */
void jo_probs(json_out *w, const char *const *names, const double *probs, size_t n);
/* The array of a decision's @p n explanations: [{"feature": ..., "contribution": ...}, ...]
 * (a contribution is weight x value, summed over the label's pairs; classify and predict alike). */
void jo_explain(json_out *w, const stance_contrib *c, size_t n);

#endif
