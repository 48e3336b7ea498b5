/*
 * quotes.h - quote extraction and speaker attribution (PCRE2). Patterns are
 * compiled once per model (stance_quotes_compile, at model open) and shared
 * read-only between threads; every extraction call owns its match data.
 */
#ifndef STANCE_QUOTES_H
#define STANCE_QUOTES_H
#include "stance_internal.h"

typedef struct stance_qpatterns stance_qpatterns;

int stance_quotes_compile(stance_qpatterns **out, stance_error *err);
void stance_quotes_free(stance_qpatterns *p);

/* One extracted quote. Strings are owned by the list. */
typedef struct stance_rawquote {
    stance_span span;          /* content, quote marks excluded */
    stance_quote_type type;
    char *speaker;             /* canonical name, or NULL */
    stance_span speaker_span;  /* attributing mention, or {STANCE_NO_OFFSET, STANCE_NO_OFFSET} */
    char *role;                /* appositive role, or NULL */
    stance_span cue_span;      /* reporting verb, or {STANCE_NO_OFFSET, STANCE_NO_OFFSET} */
    stance_span context;       /* attribution sentence(s) */
} stance_rawquote;

typedef struct stance_quotelist {
    stance_rawquote *q;
    size_t n, cap;
} stance_quotelist;

/* Extract the quotes of @p text (valid UTF-8, already checked) into @p out,
 * in text order. @p flags are STANCE_OPT_* (INDIRECT, NO_PARTIAL). */
int stance_quotes_extract(const stance_qpatterns *p, const char *text, size_t len, unsigned flags,
                          stance_quotelist *out, stance_error *err);
void stance_quotelist_clear(stance_quotelist *l); /* frees strings, keeps nothing */
#endif
