/*
 * quotes.h - quote extraction and speaker attribution (PCRE2). Patterns are
 * compiled once per model (stance_quotes_compile, at model open; each is
 * JIT-compiled on first use) and shared between threads; every extraction
 * call owns its match data.
 */
#ifndef STANCE_QUOTES_H
#define STANCE_QUOTES_H
#include "names.h"

typedef struct stance_qpatterns stance_qpatterns;

int stance_quotes_compile(stance_qpatterns **out, stance_error *err);
/* The largest compiled pattern, in bytes (PCRE2 refuses patterns over 64 KiB:
 * the tests keep a margin below that). */
size_t stance_quotes_max_pattern_size(const stance_qpatterns *p);
/* Each pattern is JIT-compiled on its first match (a copy, published atomically:
 * @p p stays shareable by threads); this does it now for all of them. For tests
 * that count allocations across calls: the copies live as long as @p p. */
int stance_quotes_jit_all(const stance_qpatterns *p, stance_error *err);
void stance_quotes_free(stance_qpatterns *p);

/* How the speaker of a quote was found (stance_rawquote.how). */
#define STANCE_ATTR_NONE 0      /* no speaker */
#define STANCE_ATTR_NAME 1      /* a name in the attribution */
#define STANCE_ATTR_NOUN 2      /* a noun phrase ("the group", "a spokesman") */
#define STANCE_ATTR_PRONOUN 3   /* a pronoun resolved to an earlier name */
#define STANCE_ATTR_INHERIT 4   /* no attribution of its own: the previous/next quote's speaker */
#define STANCE_ATTR_LABEL 5     /* a transcript label ("SMITH: ...") */

/* Which rule (sieve) of quotes.c attributed a quote (stance_rawquote.rule); a
 * quote that inherits its speaker names the inheritance rule, not the rule
 * that found the speaker for the other quote. Numbers are appended, never
 * reused: they may be shown to users and counted by bench_quotes. */
enum stance_quote_rule {
    STANCE_RULE_NONE = 0,          /* no speaker */
    STANCE_RULE_LABEL,             /* transcript label: 'SMITH: ...' */
    STANCE_RULE_AFTER,             /* after the quote: '"...," X said' / 'said X' */
    STANCE_RULE_BEFORE,            /* the clause before: 'X said: "' / 'X told Y, "' */
    STANCE_RULE_ACCORDING,         /* 'According to X, "' */
    STANCE_RULE_NAME_COLON,        /* 'pollster Jane Doe: "' */
    STANCE_RULE_INVERTED,          /* 'Said Jane Roe, "' */
    STANCE_RULE_PARA_COLON,        /* the previous paragraph ends 'X said:' */
    STANCE_RULE_PARA_ENDING,       /* the previous paragraph ends ', X said.' */
    STANCE_RULE_COLON_SUBJECT,     /* 'Jane Doe then addressed the crowd: "' */
    STANCE_RULE_DASH,              /* a paragraph '- Jane Doe' after the quote */
    STANCE_RULE_PREV_SENT,         /* the sentence before: 'Jane Doe said. "' */
    STANCE_RULE_PREV_SENT_ENDING,  /* the sentence before ends ', said X.' */
    STANCE_RULE_SPEECH_SENT,       /* the sentence before is X's reported speech or speech act */
    STANCE_RULE_BRACKET,           /* 'HEADLINE "..." [NYT.]' */
    STANCE_RULE_PARTICIPLE_LINK,   /* '..., adding: "' goes on with the previous quote's speaker */
    STANCE_RULE_PARTIAL_BEFORE,    /* partial quote: a reporting verb earlier in its clause */
    STANCE_RULE_PARTIAL_AFTER,     /* partial quote: the sentence goes on to ', X said.' */
    STANCE_RULE_PARTIAL_SAME_SENT, /* partial quote: the previous partial quote's sentence */
    STANCE_RULE_INHERIT_PARTIAL_END, /* the partial quote just before ends with its attribution */
    STANCE_RULE_INHERIT_PREV,      /* the previous direct quote (same or previous paragraph) */
    STANCE_RULE_INHERIT_NEXT,      /* the next direct quote of the paragraph */
    STANCE_RULE_IND_ACCORDING,     /* indirect: 'According to X, ...' */
    STANCE_RULE_IND_SAID,          /* indirect: 'X said (that) ...' */
    STANCE_RULE_IND_AFTER,         /* indirect: '..., X said.' */
    STANCE_RULE_LEAD_SUBJECT,      /* late: the subject of the lead-in 'X needled the "critic," saying, "' */
    STANCE_RULE_PREV_QUOTE,        /* late: a quote of the sentence before names its speaker */
    STANCE_RULE_PREV_SUBJECT,      /* late: the subject of the sentence before ('X praised Y.\n\n"...') */
    STANCE_RULE_SPLIT,             /* the second half of '"A," she added, "B"': the attribution between */
    STANCE_RULE_SIGNATURE,         /* late: a signature line inside the marks ('"...\nAda Brekke, Trust."') */
    STANCE_RULE_HEADLINE,          /* late: the article's headline reads 'NAME: "...' */
    STANCE_RULE_COUNT
};
/* Short name of a rule ("after", "inherit-prev"); "?" when out of range. */
const char *stance_quotes_rule_name(int rule);

/* One extracted quote. Strings are owned by the list. */
typedef struct stance_rawquote {
    stance_span span;          /* content, quote marks excluded */
    stance_quote_type type;
    char *speaker;             /* canonical name, or NULL */
    stance_span speaker_span;  /* attributing mention, or {STANCE_NO_OFFSET, STANCE_NO_OFFSET} */
    char *role;                /* appositive role, or NULL */
    stance_span cue_span;      /* reporting verb, or {STANCE_NO_OFFSET, STANCE_NO_OFFSET} */
    stance_span context;       /* attribution sentence(s) */
    int how;                   /* STANCE_ATTR_*: how the speaker was found */
    int rule;                  /* STANCE_RULE_*: which rule attributed it */
} stance_rawquote;

typedef struct stance_quotelist {
    stance_rawquote *q;
    size_t n, cap;
    stance_namelist names; /* the name runs of the text, kept for actor discovery */
} stance_quotelist;

/* Extract the quotes of @p text (valid UTF-8, already checked) into @p out,
 * in text order. @p flags are STANCE_OPT_* (INDIRECT, NO_PARTIAL). On failure
 * @p out is left empty. */
int stance_quotes_extract(const stance_qpatterns *p, const char *text, size_t len, unsigned flags,
                          stance_quotelist *out, stance_error *err);
void stance_quotelist_clear(stance_quotelist *l); /* frees strings, keeps nothing */

/* @p s shrunk to UTF-8 character boundaries of @p t (valid UTF-8, @p len
 * bytes); unset spans ({STANCE_NO_OFFSET, ...}) are returned as they are.
 * Every span stance_quotes_extract() reports has been through it. */
stance_span stance_quotes_snap(const char *t, size_t len, stance_span s);

/* SENTENCES: the one definition of where a sentence starts for the searches
 * over bytes (the quotes module's, speaker_names.c's, mentions'); the same
 * rule as the token layer's (tokens.h, SENTENCES): a line break, or ".", "?",
 * "!" and the closing marks right after it, white space, then a capital, a
 * digit, an opening or straight quote mark, "(", "[" or a dash; not the dot of
 * an abbreviation or initial ("Sen.", "J.", "U.S.", "Calif.": a title of the
 * lexicon with its dot, or its ABBR_DOT class). The start of the sentence
 * that holds t[@p pos] (@p pos < @p len), searching back to @p floor (returned
 * when none starts after it). */
size_t stance_sent_start_in(const char *t, size_t len, size_t pos, size_t floor);
/* The same, byte by byte (what stance_sent_start_in() must equal; for tests). */
size_t stance_sent_start_in_plain(const char *t, size_t len, size_t pos, size_t floor);
/* The same where the text's length is not at hand: t[@p pos] is a character
 * of the text (or its terminating NUL), all of whose bytes may be read; the
 * search reads no further (speaker_names.c, mentions). */
size_t stance_sent_start_char(const char *t, size_t pos, size_t floor);
size_t stance_sent_start_char_plain(const char *t, size_t pos, size_t floor);

#endif
