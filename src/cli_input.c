/*
 * cli_input.c - the one input path of the stance command (see cli_input.h):
 * every subcommand and the trainer read their records through it, so a BOM,
 * CRLF line ends, a directory given as a file, a closed stdin or a read error
 * are handled the same way everywhere.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_input.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

size_t cli_bom_len(const char *s, size_t len)
{
    return len >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB && (unsigned char)s[2] == 0xBF ? 3
                                                                                                                    : 0;
}

int cli_lines_open(cli_lines *r, const char *path, char *err, size_t errlen)
{
    struct stat st;
    memset(r, 0, sizeof *r);
    r->path = path;
    r->f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!r->f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    if (fstat(fileno(r->f), &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s: is a directory, not a file of records", path);
        cli_lines_close(r);
        return -1;
    }
    return 0;
}

int cli_lines_next(cli_lines *r, const char **line, size_t *len, char *err, size_t errlen)
{
    char *l = NULL;
    int rc = cli_lines_next_rw(r, &l, len, err, errlen);
    *line = l;
    return rc;
}

/* More input into r->buf[end, cap - 1) (one byte kept for a NUL), the unread
 * bytes moved to the front first; the buffer grows up to CLI_MAX_LINE. read(2)
 * returns what is there, so a stream filter answers each line as it comes.
 * 0, or -1 with @p err set. */
static int fill(cli_lines *r, char *err, size_t errlen)
{
    ssize_t got;
    if (r->start) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
    }
    if (r->end + 1 >= r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 65536;
        char *b;
        if (r->cap >= CLI_MAX_LINE) {
            snprintf(err, errlen, "%s:%zu: a line of more than %zu bytes; refusing to read on", r->path,
                     r->lineno + 1, CLI_MAX_LINE);
            return -1;
        }
        if (!(b = realloc(r->buf, cap))) {
            snprintf(err, errlen, "%s:%zu: out of memory", r->path, r->lineno + 1);
            return -1;
        }
        r->buf = b;
        r->cap = cap;
    }
    do
        got = read(fileno(r->f), r->buf + r->end, r->cap - 1 - r->end);
    while (got < 0 && errno == EINTR);
    if (got < 0) {
        snprintf(err, errlen, "%s:%zu: read error: %s", r->path, r->lineno + 1, strerror(errno));
        return -1;
    }
    r->end += (size_t)got;
    r->eof = got == 0;
    return 0;
}

int cli_lines_next_rw(cli_lines *r, char **line, size_t *len, char *err, size_t errlen)
{
    for (;;) {
        char *p = r->buf ? r->buf + r->start : NULL, *nl = r->end > r->start ? memchr(p, '\n', r->end - r->start) : NULL;
        size_t n;
        if (!nl && !r->eof) {
            if (fill(r, err, errlen))
                return -1;
            continue;
        }
        if (!nl && r->start == r->end)
            return 0;
        n = nl ? (size_t)(nl - p) : r->end - r->start; /* (the last line may have no line end) */
        r->start += nl ? n + 1 : n;
        r->lineno++;
        if (n && p[n - 1] == '\r')
            n--;
        if (r->lineno == 1) {
            size_t b = cli_bom_len(p, n);
            p += b;
            n -= b;
        }
        p[n] = '\0';
        if (strspn(p, " \t\r") == n)
            continue;
        r->records++;
        *line = p;
        *len = n;
        return 1;
    }
}

void cli_lines_close(cli_lines *r)
{
    if (r->f && r->f != stdin)
        fclose(r->f);
    free(r->buf);
    memset(r, 0, sizeof *r);
}

/* ---- the raw text of "id" ---------------------------------------------------- */

static size_t skip_ws(const char *s, size_t i, size_t n)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        i++;
    return i;
}

/* Past the end of the string starting at s[i] == '"': the next '"' that an
 * even number of backslashes precedes (memchr: a record's text is most of it). */
static size_t skip_string(const char *s, size_t i, size_t n)
{
    size_t from = i + 1;
    for (;;) {
        const char *q = from < n ? memchr(s + from, '"', n - from) : NULL;
        size_t at, bs = 0;
        if (!q)
            return n;
        at = (size_t)(q - s);
        while (at - bs > i + 1 && s[at - bs - 1] == '\\')
            bs++;
        if (bs % 2 == 0)
            return at + 1;
        from = at + 1;
    }
}

/* Past the end of the value starting at s[i]. */
static size_t skip_value(const char *s, size_t i, size_t n)
{
    size_t depth = 0;
    if (i < n && s[i] == '"')
        return skip_string(s, i, n);
    if (i < n && s[i] != '{' && s[i] != '[') {
        while (i < n && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' && s[i] != '\t' && s[i] != '\r' &&
               s[i] != '\n')
            i++;
        return i;
    }
    for (; i < n; i++) {
        if (s[i] == '"') {
            i = skip_string(s, i, n) - 1;
        } else if (s[i] == '{' || s[i] == '[') {
            depth++;
        } else if (s[i] == '}' || s[i] == ']') {
            if (--depth == 0)
                return i + 1;
        }
    }
    return n;
}

/* The last top-level member @p key of the JSON object @p s: its value's raw
 * span. 0 found, -1 not found (or not an object as far as scanned); *escaped
 * is set when some top-level key holds a backslash (it could spell @p key). */
static int top_member(const char *s, size_t n, const char *key, size_t klen, size_t *start, size_t *end, int *escaped)
{
    size_t i = skip_ws(s, 0, n);
    int found = -1;
    *escaped = 0;
    if (i >= n || s[i] != '{')
        return -1;
    i = skip_ws(s, i + 1, n);
    while (i < n && s[i] == '"') {
        size_t k0 = i + 1, k1 = skip_string(s, i, n) - 1, v0, v1;
        if (memchr(s + k0, '\\', k1 > k0 ? k1 - k0 : 0))
            *escaped = 1;
        i = skip_ws(s, k1 + 1, n);
        if (i >= n || s[i] != ':')
            return found;
        v0 = skip_ws(s, i + 1, n);
        v1 = skip_value(s, v0, n);
        if (k1 - k0 == klen && memcmp(s + k0, key, klen) == 0) {
            *start = v0;
            *end = v1;
            found = 0;
        }
        i = skip_ws(s, v1, n);
        if (i < n && s[i] == ',')
            i = skip_ws(s, i + 1, n);
        else
            break;
    }
    return found;
}

int cli_json_id_raw(const char *s, size_t n, size_t *start, size_t *end)
{
    int escaped;
    /* "id" written with escapes ("\u0069d") is not looked for: the callers fall back to the parsed value */
    return top_member(s, n, "id", 2, start, end, &escaped);
}

/* ---- a record's "text" decoded in place, without a jansson string ---------------- */

/* A hex digit's value plus one, by byte; 0: not a hex digit. */
static const unsigned char hex_plus1[256] = {
    ['0'] = 1,  ['1'] = 2,  ['2'] = 3,  ['3'] = 4,  ['4'] = 5,  ['5'] = 6,  ['6'] = 7,  ['7'] = 8,
    ['8'] = 9,  ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
    ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

static int hex4(const unsigned char *s, unsigned long *v)
{
    const unsigned a = hex_plus1[s[0]], b = hex_plus1[s[1]], c = hex_plus1[s[2]], d = hex_plus1[s[3]];
    if (!a || !b || !c || !d)
        return -1;
    *v = ((unsigned long)(a - 1) << 12) | ((b - 1) << 8) | ((c - 1) << 4) | (d - 1);
    return 0;
}

/* The escape at s[i] == '\\': its length in the token and its code point,
 * or 0 when jansson refuses it (unknown escape, bad hex, a lone or
 * mismatched surrogate). \u0000 is allowed (JSON_ALLOW_NUL). */
static size_t escape_at(const unsigned char *s, size_t i, size_t n, unsigned long *cp)
{
    unsigned long lo;
    if (i + 1 >= n)
        return 0;
    switch (s[i + 1]) {
    case '"': *cp = '"'; return 2;
    case '\\': *cp = '\\'; return 2;
    case '/': *cp = '/'; return 2;
    case 'b': *cp = '\b'; return 2;
    case 'f': *cp = '\f'; return 2;
    case 'n': *cp = '\n'; return 2;
    case 'r': *cp = '\r'; return 2;
    case 't': *cp = '\t'; return 2;
    case 'u': break;
    default: return 0;
    }
    if (i + 6 > n || hex4(s + i + 2, cp))
        return 0;
    if (*cp >= 0xDC00 && *cp <= 0xDFFF)
        return 0;
    if (*cp < 0xD800 || *cp > 0xDBFF)
        return 6;
    if (i + 12 > n || s[i + 6] != '\\' || s[i + 7] != 'u' || hex4(s + i + 8, &lo) || lo < 0xDC00 || lo > 0xDFFF)
        return 0;
    *cp = 0x10000 + ((*cp - 0xD800) << 10) + (lo - 0xDC00);
    return 12;
}

/* Past the end of the string token at s[i] == '"' (the byte after its closing
 * quote) when jansson reads it: no raw control characters, known escapes,
 * valid UTF-8, and "\u0000" only when @p allow_nul (JSON_ALLOW_NUL); 0 when
 * not. *escaped is set when the token holds a backslash. */
static size_t scan_string(const unsigned char *s, size_t i, size_t n, int allow_nul, int *escaped)
{
    i++;
    for (;;) {
        unsigned char c;
#if defined(__SSE2__)
        /* sixteen bytes at a time while none is a control, non-ASCII (both below 0x20 as
         * signed bytes), '"' or '\\' */
        while (n - i >= 16) {
            const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            const int m = _mm_movemask_epi8(_mm_or_si128(
                _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')))));
            if (m) {
                i += (size_t)__builtin_ctz((unsigned)m);
                break;
            }
            i += 16;
        }
#else
        /* eight bytes at a time while none is a control, non-ASCII, '"' or '\\'; the lowest
         * flagged byte is the first such (a borrow only flags bytes above a true one) */
        while (n - i >= 8) {
            uint64_t w, m;
            memcpy(&w, s + i, 8);
            m = ((w - 0x2020202020202020u) | w | ((w ^ 0x2222222222222222u) - 0x0101010101010101u) |
                 ((w ^ 0x5C5C5C5C5C5C5C5Cu) - 0x0101010101010101u)) &
                0x8080808080808080u;
            if (m) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
                i += (size_t)__builtin_ctzll(m) >> 3;
#endif
                break;
            }
            i += 8;
        }
#endif
        while (i < n && (c = s[i]) >= 0x20 && c < 0x80 && c != '\\' && c != '"')
            i++;
        if (i >= n)
            return 0; /* not closed */
        c = s[i];
        if (c == '"')
            return i + 1;
        if (c == '\\') {
            unsigned long cp;
            size_t k = escape_at(s, i, n, &cp);
            if (!k || (cp == 0 && !allow_nul))
                return 0;
            *escaped = 1;
            i += k;
        } else if (c >= 0x80) {
            unsigned long cp;
            size_t k = cli_utf8_decode(s + i, n - i, &cp);
            if (!k)
                return 0;
            i += k;
        } else
            return 0; /* a control character */
    }
}

/* Does the string token s[a, b) (quotes included) read as jansson reads
 * strings (\u0000 allowed)? */
static int string_ok(const unsigned char *s, size_t a, size_t b)
{
    int escaped = 0;
    return b - a >= 2 && s[a] == '"' && scan_string(s, a, b, 1, &escaped) == b;
}

int cli_json_text_span(const char *s, size_t n, size_t *start, size_t *end)
{
    int escaped;
    if (top_member(s, n, "text", 4, start, end, &escaped) || escaped || *start >= n || s[*start] != '"' ||
        !string_ok((const unsigned char *)s, *start, *end))
        return -1;
    return 0;
}

size_t cli_json_unescape(char *s, size_t start, size_t end)
{
    unsigned char *u = (unsigned char *)s;
    size_t i = start + 1, o = start, stop = end - 1;
    while (i < stop) {
        const unsigned char *bs = memchr(u + i, '\\', stop - i);
        size_t run = bs ? (size_t)(bs - (u + i)) : stop - i;
        unsigned long cp;
        size_t k;
        memmove(u + o, u + i, run);
        o += run;
        i += run;
        if (i >= stop)
            break;
        k = escape_at(u, i, stop, &cp);
        i += k;
        if (cp < 0x80)
            u[o++] = (unsigned char)cp;
        else if (cp < 0x800) {
            u[o++] = (unsigned char)(0xC0 | (cp >> 6));
            u[o++] = (unsigned char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            u[o++] = (unsigned char)(0xE0 | (cp >> 12));
            u[o++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
            u[o++] = (unsigned char)(0x80 | (cp & 0x3F));
        } else {
            u[o++] = (unsigned char)(0xF0 | (cp >> 18));
            u[o++] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
            u[o++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
            u[o++] = (unsigned char)(0x80 | (cp & 0x3F));
        }
    }
    return o - start;
}

/* ---- a whole record checked without jansson ------------------------------------ */

#define SCAN_MAX_DEPTH 32 /* arrays in arrays; deeper: in doubt */

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Past the end of the number at s[i], or 0 when in doubt: anything jansson
 * might refuse or read as a real with an exponent (too big, out of range),
 * so only -?(0|[1-9][0-9]*)(\.[0-9]+)? of at most 18 bytes. */
static size_t scan_number(const unsigned char *s, size_t i, size_t n)
{
    size_t j = i;
    if (j < n && s[j] == '-')
        j++;
    if (j < n && s[j] == '0')
        j++;
    else if (j < n && is_digit(s[j]))
        while (j < n && is_digit(s[j]))
            j++;
    else
        return 0;
    if (j < n && s[j] == '.') {
        if (++j >= n || !is_digit(s[j]))
            return 0;
        while (j < n && is_digit(s[j]))
            j++;
    }
    if ((j < n && (s[j] == 'e' || s[j] == 'E')) || j - i > 18)
        return 0;
    return j;
}

/* Past the end of the value at s[i] (strings, numbers, literals, arrays of
 * them), or 0 when in doubt (objects inside, deep nesting, anything above). */
static size_t scan_value(const unsigned char *s, size_t i, size_t n, unsigned depth)
{
    int escaped = 0;
    if (i >= n)
        return 0;
    switch (s[i]) {
    case '"':
        return scan_string(s, i, n, 0, &escaped);
    case 't':
        return n - i >= 4 && memcmp(s + i, "true", 4) == 0 ? i + 4 : 0;
    case 'f':
        return n - i >= 5 && memcmp(s + i, "false", 5) == 0 ? i + 5 : 0;
    case 'n':
        return n - i >= 4 && memcmp(s + i, "null", 4) == 0 ? i + 4 : 0;
    case '[':
        if (depth >= SCAN_MAX_DEPTH)
            return 0;
        i = skip_ws((const char *)s, i + 1, n);
        if (i < n && s[i] == ']')
            return i + 1;
        for (;;) {
            if (!(i = scan_value(s, i, n, depth + 1)))
                return 0;
            i = skip_ws((const char *)s, i, n);
            if (i < n && s[i] == ']')
                return i + 1;
            if (i >= n || s[i] != ',')
                return 0;
            i = skip_ws((const char *)s, i + 1, n);
        }
    default:
        return scan_number(s, i, n);
    }
}

int cli_json_members(const char *line, size_t n, cli_json_member *m, size_t max)
{
    const unsigned char *s = (const unsigned char *)line;
    size_t i = skip_ws(line, 0, n), k = 0;
    if (i >= n || s[i] != '{')
        return -1;
    i = skip_ws(line, i + 1, n);
    if (i < n && s[i] == '}')
        i++;
    else
        for (;;) {
            int escaped = 0;
            size_t e;
            if (k == max || i >= n || s[i] != '"' || !(e = scan_string(s, i, n, 0, &escaped)) || escaped)
                return -1;
            m[k].k0 = i + 1;
            m[k].k1 = e - 1;
            for (size_t j = 0; j < k; j++) /* a repeated key: jansson's JSON_REJECT_DUPLICATES decides */
                if (m[j].k1 - m[j].k0 == e - 1 - (i + 1) && memcmp(s + m[j].k0, s + i + 1, e - 1 - (i + 1)) == 0)
                    return -1;
            i = skip_ws(line, e, n);
            if (i >= n || s[i] != ':')
                return -1;
            m[k].v0 = skip_ws(line, i + 1, n);
            if (!(e = scan_value(s, m[k].v0, n, 1)))
                return -1;
            m[k++].v1 = e;
            i = skip_ws(line, e, n);
            if (i < n && s[i] == '}') {
                i++;
                break;
            }
            if (i >= n || s[i] != ',')
                return -1;
            i = skip_ws(line, i + 1, n);
        }
    return skip_ws(line, i, n) == n ? (int)k : -1;
}

int cli_json_integer(const char *line, size_t start, size_t end, long long *v)
{
    const unsigned char *s = (const unsigned char *)line;
    size_t i = start;
    long long x = 0;
    int neg = i < end && s[i] == '-';
    i += (size_t)neg;
    if (i >= end || end - start > 18 || scan_number(s, start, end) != end)
        return -1;
    for (; i < end; i++) {
        if (!is_digit(s[i]))
            return -1; /* a real */
        x = x * 10 + (s[i] - '0');
    }
    *v = neg ? -x : x;
    return 0;
}
