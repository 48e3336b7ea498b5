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

typedef struct json_out {
    char *buf;
    size_t len, cap;
    int failed; /* out of memory or a string that is not UTF-8: the record is not written */
    int utf8;   /* 1: non-ASCII characters as they are (jansson without JSON_ENSURE_ASCII) */
} json_out;

void jo_reset(json_out *w);
void jo_free(json_out *w);
void jo_raw(json_out *w, const char *s, size_t n);
/* A literal (punctuation, a key with its quotes and colon): NUL-terminated. */
void jo_lit(json_out *w, const char *s);
/* A JSON string of @p n bytes of UTF-8, escaped as jansson does with
 * JSON_ENSURE_ASCII (\uXXXX, surrogate pairs above the BMP, capital hex),
 * or without it when w->utf8 is set (only '"', '\\' and controls escaped). */
void jo_str(json_out *w, const char *s, size_t n);
/* jo_str of a NUL-terminated string, or null for NULL. */
void jo_cstr(json_out *w, const char *s);
void jo_int(json_out *w, long long v);
/* A real as jansson writes it with JSON_REAL_PRECISION(6): %.6g, ".0" added
 * when it would read back as an integer, no '+' or leading zeros in the exponent. */
void jo_real(json_out *w, double v);
/* An object of @p n members names[i]: probs[i] (a decision's "probs"). */
void jo_probs(json_out *w, const char *const *names, const double *probs, size_t n);

#endif
