/*
 * utf8.c - UTF-8 validation (PCRE2's validator, so the rules are exactly the
 * ones the quote patterns rely on) and small code point helpers.
 */
#include "config.h"

#include "stance_internal.h"
#include "tokens.h"

pcre2_code *stance_utf8_validator(pcre2_general_context *gctx)
{
    /* An empty UTF-mode pattern: pcre2_match() validates the whole subject
     * before matching and reports where the first bad sequence starts. */
    static const PCRE2_UCHAR8 empty[] = "";
    int errcode;
    PCRE2_SIZE erroff;
    pcre2_code *code;
    pcre2_compile_context *cctx = pcre2_compile_context_create(gctx);
    if (!cctx)
        return NULL;
    code = pcre2_compile(empty, 0, PCRE2_UTF, &errcode, &erroff, cctx);
    pcre2_compile_context_free(cctx);
    return code;
}

/* The length of the ASCII prefix of text[0, len): ASCII bytes are valid UTF-8
 * on their own, so the validator need not see them (most news text is ASCII up
 * to its first curly quote; a NewsMTSC sentence often entirely). */
static size_t ascii_prefix(const char *text, size_t len)
{
    size_t i = 0;
    while (i + 8 <= len && !stance_b8_high(stance_b8_load(text + i)))
        i += 8;
    while (i < len && !((unsigned char)text[i] & 0x80))
        i++;
    return i;
}

/* Is s[0, n) valid UTF-8 by RFC 3629 (no overlong forms, no surrogates,
 * nothing above U+10FFFF; NUL and noncharacters allowed)? The set PCRE2's
 * validator accepts: a text that passes needs no match data, no match and no
 * heap frames; one that fails goes to PCRE2 for its error and offset. */
static int utf8_valid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i], c1;
        size_t k;
        if (c < 0x80) {
            i += ascii_prefix((const char *)s + i, n - i); /* (the run of ASCII 8 bytes a step) */
            continue;
        }
        k = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (!k || n - i < k)
            return 0;
        c1 = s[i + 1];
        if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0) || (c == 0xF0 && c1 < 0x90) ||
            (c == 0xF4 && c1 >= 0x90))
            return 0; /* overlong, a surrogate, above U+10FFFF */
        for (size_t j = 1; j < k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return 0;
        i += k;
    }
    return 1;
}

/* What is wrong with the character at the error's offset, in words a user
 * reads (PCRE2's own messages say "UTF-8 error: byte 2 top bits not 0x80");
 * NULL for a code this does not know (then PCRE2's message is used). */
static const char *utf8_why(int rc)
{
    switch (rc) {
    case PCRE2_ERROR_UTF8_ERR1: case PCRE2_ERROR_UTF8_ERR2: case PCRE2_ERROR_UTF8_ERR3:
    case PCRE2_ERROR_UTF8_ERR4: case PCRE2_ERROR_UTF8_ERR5:
        return "the text ends inside a multi-byte character";
    case PCRE2_ERROR_UTF8_ERR6: case PCRE2_ERROR_UTF8_ERR7: case PCRE2_ERROR_UTF8_ERR8:
    case PCRE2_ERROR_UTF8_ERR9: case PCRE2_ERROR_UTF8_ERR10:
        return "a multi-byte character is cut short (a byte after its first is no continuation byte 0x80-0xBF)";
    case PCRE2_ERROR_UTF8_ERR11: case PCRE2_ERROR_UTF8_ERR12:
        return "a 5- or 6-byte sequence (UTF-8 characters have at most 4 bytes)";
    case PCRE2_ERROR_UTF8_ERR13: case PCRE2_ERROR_UTF8_ERR14:
        return "a code point above U+10FFFF or a surrogate (U+D800-U+DFFF)";
    case PCRE2_ERROR_UTF8_ERR15: case PCRE2_ERROR_UTF8_ERR16: case PCRE2_ERROR_UTF8_ERR17:
    case PCRE2_ERROR_UTF8_ERR18: case PCRE2_ERROR_UTF8_ERR19:
        return "an overlong encoding (a character written with more bytes than it needs)";
    case PCRE2_ERROR_UTF8_ERR20:
        return "a continuation byte (0x80-0xBF) with no character to continue";
    case PCRE2_ERROR_UTF8_ERR21:
        return "a byte 0xFE or 0xFF, never part of UTF-8";
    default:
        return NULL;
    }
}

int stance_utf8_check_with(const pcre2_code *code, pcre2_general_context *gctx, const char *text, size_t len,
                           stance_error *err)
{
    pcre2_match_data *md;
    int rc, ret = STANCE_OK;
    size_t a = ascii_prefix(text, len);
    if (a == len || utf8_valid((const unsigned char *)text + a, len - a))
        return STANCE_OK;
    md = pcre2_match_data_create(1, gctx);
    if (!md)
        return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    /* PCRE2 validates from the first non-ASCII byte, a character boundary. */
    rc = pcre2_match(code, (PCRE2_SPTR)(text + a), len - a, 0, 0, md, NULL);
    if (rc < 0 && rc != PCRE2_ERROR_NOMATCH) {
        size_t off = stance_pcre2_status(rc) == STANCE_ERR_UTF8 ? a + pcre2_get_startchar(md) : STANCE_NO_OFFSET;
        const char *why = utf8_why(rc);
        ret = why ? stance_error_set(err, STANCE_ERR_UTF8, off, "invalid UTF-8: %s", why)
                  : stance_pcre2_error(err, rc, off, "invalid UTF-8");
    }
    pcre2_match_data_free(md);
    return ret;
}

int stance_utf8_check(const char *text, size_t len, stance_error *err)
{
    pcre2_general_context *gctx;
    pcre2_code *code;
    int rc;
    if (len == 0)
        return STANCE_OK;
    if (!(gctx = stance_pcre2_context()))
        return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    if (!(code = stance_utf8_validator(gctx))) {
        pcre2_general_context_free(gctx);
        return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    }
    rc = stance_utf8_check_with(code, gctx, text, len, err);
    pcre2_code_free(code);
    pcre2_general_context_free(gctx);
    return rc;
}

size_t stance_utf8_decode(const unsigned char *s, size_t len, size_t i, int32_t *cp)
{
    unsigned char c = s[i];
    size_t n;
    int32_t v;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xf0) {
        n = 4;
        v = c & 0x07;
    } else if (c >= 0xe0) {
        n = 3;
        v = c & 0x0f;
    } else {
        n = 2;
        v = c & 0x1f;
    }
    if (i + n > len) { /* cannot happen on validated text; be safe anyway */
        *cp = 0xfffd;
        return 1;
    }
    for (size_t k = 1; k < n; k++)
        v = (v << 6) | (s[i + k] & 0x3f);
    *cp = v;
    return n;
}

size_t stance_utf8_encode(int32_t cp, unsigned char *out)
{
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (unsigned char)(0xc0 | (cp >> 6));
        out[1] = (unsigned char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (unsigned char)(0xe0 | (cp >> 12));
        out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
        out[2] = (unsigned char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (unsigned char)(0xf0 | (cp >> 18));
    out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
    out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
    out[3] = (unsigned char)(0x80 | (cp & 0x3f));
    return 4;
}
