/* One UTF-8 sequence, decoded by utf8proc: the command line's JSON reader and writer
 * (cli_input.c, json_out.c) and the HTML report (html.c, also linked alone into the
 * Python extension) share it. */
#ifndef STANCE_UTF8_SEQ_H
#define STANCE_UTF8_SEQ_H

#include <stddef.h>
#include <utf8proc.h>

/* The sequence at @p s (at most @p n bytes): its length and code point (*cp), or 0 when
 * it is not valid UTF-8 (overlong, surrogate, above U+10FFFF, cut), the rules jansson's
 * reader applies. */
static inline size_t cli_utf8_decode(const unsigned char *s, size_t n, unsigned long *cp)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t k;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    k = utf8proc_iterate(s, n < 4 ? (utf8proc_ssize_t)n : 4, &c);
    if (k <= 0)
        return 0;
    *cp = (unsigned long)c;
    return (size_t)k;
}

/* A bidi control (marks, embeddings, overrides, isolates): it can reorder the text
 * around it on a page or a terminal, so the HTML report and the CLI's text for
 * people show it as "U+202E" instead. */
static inline int cli_is_bidi_control(unsigned long cp)
{
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

#endif
