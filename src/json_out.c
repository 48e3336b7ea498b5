/*
 * json_out.c - the CLI's streaming JSON writer (see json_out.h).
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_input.h"
#include "json_out.h"

void jo_reset(json_out *w)
{
    w->len = 0;
    w->failed = 0;
    w->flushed = 0;
}

void jo_flush(json_out *w)
{
    if (!w->sink || w->failed || !w->len)
        return;
    fwrite(w->buf, 1, w->len, w->sink); /* a failed write shows in ferror(sink) */
    w->len = 0;
    w->flushed = 1;
}

void jo_free(json_out *w)
{
    free(w->buf);
    free(w->memo);
    memset(w, 0, sizeof *w);
}

static int jo_room(json_out *w, size_t n)
{
    if (w->failed)
        return 0;
    if (n > w->cap - w->len) {
        size_t cap = w->cap ? w->cap : 4096;
        char *nb;
        while (n > cap - w->len) {
            if (cap > ((size_t)-1) / 2) {
                w->failed = 1;
                return 0;
            }
            cap *= 2;
        }
        if (!(nb = realloc(w->buf, cap))) {
            w->failed = 1;
            return 0;
        }
        w->buf = nb;
        w->cap = cap;
    }
    return 1;
}

void jo_raw_slow(json_out *w, const char *s, size_t n)
{
    if (!jo_room(w, n))
        return;
    if (n)
        memcpy(w->buf + w->len, s, n);
    w->len += n;
}

/* Whether the 8 bytes at @p p are all printable ASCII other than '"' and
 * '\\' (copied as they are): no byte >= 0x80, none < 0x20, none equal to
 * either. The tests below are exact for "some byte is": borrows only ever
 * flag a byte after one that is flagged already. */
static inline int plain8(const unsigned char *p)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t x, q, b;
    memcpy(&x, p, 8);
    q = x ^ (ones * '"');
    b = x ^ (ones * '\\');
    return ((x | ((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b)) & high) == 0;
}

/* Input bytes escaped per piece when the writer streams to a sink. */
#define JO_PIECE 16384

/* A short string of plain ASCII (labels, kinds, rules, names: most strings of
 * a record) checked and copied in one loop; 0 (nothing written) when it needs
 * more: room, escapes, non-ASCII. */
static int jo_str_short(json_out *w, const unsigned char *s, size_t n)
{
    char *o;
    size_t i = 0;
    if (n > 64 || !w->buf || w->failed || n + 2 > w->cap - w->len)
        return 0;
    o = w->buf + w->len;
    if (n >= 8) { /* 8 bytes a step, the last step overlapping the one before */
        for (; i + 8 <= n; i += 8) {
            if (!plain8(s + i))
                return 0;
            memcpy(o + 1 + i, s + i, 8);
        }
        if (i < n && !plain8(s + n - 8))
            return 0;
        memcpy(o + 1 + n - 8, s + n - 8, 8);
        i = n;
    }
    for (; i < n; i++) {
        const unsigned char c = s[i];
        if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\')
            return 0;
        o[1 + i] = (char)c;
    }
    o[0] = '"';
    o[n + 1] = '"';
    w->len += n + 2;
    return 1;
}

/* "\\uXXXX" (capital hex, as jansson writes it) of @p u < 0x10000 at @p o. */
static void jo_u4(char *o, unsigned u)
{
    static const char hex[] = "0123456789ABCDEF";
    o[0] = '\\';
    o[1] = 'u';
    o[2] = hex[(u >> 12) & 15];
    o[3] = hex[(u >> 8) & 15];
    o[4] = hex[(u >> 4) & 15];
    o[5] = hex[u & 15];
}

/* jo_str() of any string: escapes, non-ASCII, long, the buffer full. */
#if defined(__GNUC__)
__attribute__((noinline)) /* (kept out of line: the fast path of its caller saves no registers) */
#endif
static void jo_str_any(json_out *w, const unsigned char *s, size_t n)
{
    size_t i = 0;
    if (!jo_room(w, 2))
        return;
    w->buf[w->len++] = '"';
    while (i < n) {
        size_t stop = w->sink && n - i > JO_PIECE ? i + JO_PIECE : n;
        /* 6 output bytes per input byte at most (a control character; a
         * 4-byte sequence becomes 12), plus one sequence that starts before
         * stop and ends past it, plus the closing quote. */
        if (stop - i > ((size_t)-1 - 16) / 6) {
            w->failed = 1;
            return;
        }
        if (!jo_room(w, 6 * (stop - i) + 16))
            return;
        while (i < stop) {
            size_t start = i, k;
            unsigned long cp;
            while (i + 8 <= stop && plain8(s + i))
                i += 8;
            while (i < stop && s[i] >= 0x20 && s[i] < 0x80 && s[i] != '"' && s[i] != '\\')
                i++;
            memcpy(w->buf + w->len, s + start, i - start);
            w->len += i - start;
            if (i == stop)
                break;
            if (!(k = cli_utf8_decode(s + i, n - i, &cp))) {
                w->failed = 1; /* jansson refuses such a string too */
                return;
            }
            if (cp >= 0x80 && w->utf8) { /* validated, kept as it is */
                memcpy(w->buf + w->len, s + i, k);
                w->len += k;
                i += k;
                continue;
            }
            i += k;
            switch (cp) {
            case '\\': memcpy(w->buf + w->len, "\\\\", 2); w->len += 2; break;
            case '"': memcpy(w->buf + w->len, "\\\"", 2); w->len += 2; break;
            case '\b': memcpy(w->buf + w->len, "\\b", 2); w->len += 2; break;
            case '\f': memcpy(w->buf + w->len, "\\f", 2); w->len += 2; break;
            case '\n': memcpy(w->buf + w->len, "\\n", 2); w->len += 2; break;
            case '\r': memcpy(w->buf + w->len, "\\r", 2); w->len += 2; break;
            case '\t': memcpy(w->buf + w->len, "\\t", 2); w->len += 2; break;
            default:
                if (cp < 0x10000)
                    jo_u4(w->buf + w->len, (unsigned)cp);
                else {
                    unsigned long v = cp - 0x10000;
                    jo_u4(w->buf + w->len, (unsigned)(0xD800 | (v >> 10)));
                    jo_u4(w->buf + w->len + 6, (unsigned)(0xDC00 | (v & 0x3FF)));
                    w->len += 6;
                }
                w->len += 6;
            }
        }
        if (i < n)
            jo_maybe_flush(w);
    }
    w->buf[w->len++] = '"';
}

void jo_str(json_out *w, const char *str, size_t n)
{
    if (!jo_str_short(w, (const unsigned char *)str, n))
        jo_str_any(w, (const unsigned char *)str, n);
}

void jo_cstr(json_out *w, const char *s)
{
    if (s)
        jo_str(w, s, strlen(s));
    else
        jo_lit(w, "null");
}

/* A memo entry: the string's address, and its JSON form (with the quotes). */
#define JO_MEMO_SLOTS 64 /* (the hash below gives 6 bits) */
#define JO_MEMO_BYTES 48
struct jo_memo {
    const char *s;
    size_t len; /* of json; 0: not kept (long, or the writer's utf8 mode changed) */
    int utf8;
    char json[JO_MEMO_BYTES];
};

static size_t jo_memo_slot(const char *s)
{
    return (size_t)(((uint64_t)(uintptr_t)s * 0x9E3779B97F4A7C15u) >> 58); /* 64 slots */
}

/* jo_static() when the string is not in its first slot, or the buffer is short. */
#if defined(__GNUC__)
__attribute__((noinline)) /* (inlined, jo_static() would save registers on every call) */
#endif
static void jo_static_slow(json_out *w, const char *s)
{
    struct jo_memo *m = NULL;
    size_t h, at, n;
    if (!s || w->failed) {
        jo_cstr(w, s);
        return;
    }
    if (!w->memo && !(w->memo = calloc(JO_MEMO_SLOTS, sizeof *w->memo))) {
        jo_cstr(w, s);
        return;
    }
    h = jo_memo_slot(s);
    for (size_t i = 0; i < JO_MEMO_SLOTS; i++) {
        m = &w->memo[(h + i) % JO_MEMO_SLOTS];
        if (m->s == s && m->len && m->utf8 == w->utf8) {
            if (w->buf && JO_MEMO_BYTES <= w->cap - w->len) { /* a copy of known size: no call */
                memcpy(w->buf + w->len, m->json, JO_MEMO_BYTES);
                w->len += m->len;
            } else
                jo_raw(w, m->json, m->len);
            return;
        }
        if (!m->s || m->s == s)
            break;
    }
    /* not kept yet (a full table keeps writing through jo_str); a short string
     * is never flushed in pieces, so what it wrote is still in the buffer */
    n = strlen(s);
    at = w->len;
    jo_str(w, s, n);
    if (n <= JO_MEMO_BYTES - 2 && !w->failed && w->len - at <= JO_MEMO_BYTES && (!m->s || m->s == s)) {
        m->s = s;
        m->len = w->len - at;
        m->utf8 = w->utf8;
        memcpy(m->json, w->buf + at, m->len);
    }
}

void jo_static(json_out *w, const char *s)
{
    /* the common case, a string kept in its first slot, in a few instructions
     * (no registers to save); the rest, and every check, in jo_static_slow() */
    if (s && !w->failed && w->memo && w->buf && JO_MEMO_BYTES <= w->cap - w->len) {
        const struct jo_memo *m = &w->memo[jo_memo_slot(s)];
        if (m->s == s && m->len && m->utf8 == w->utf8) {
            memcpy(w->buf + w->len, m->json, JO_MEMO_BYTES);
            w->len += m->len;
            return;
        }
    }
    jo_static_slow(w, s);
}

static const char jo_digits2[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                 "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                 "8081828384858687888990919293949596979899";

/* jo_int's digits end at JO_INT_END in a buffer of JO_INT_END + 24 bytes, so
 * that 8 or 24 bytes from the first digit can be copied whatever the length
 * (at most 20 digits and a sign). */
#define JO_INT_END 24

/* jo_int of 0 <= @p u < 100000 (offsets, counts: most of a record's numbers)
 * written straight into the buffer, which has room for 8 bytes. */
static inline void jo_int_small(json_out *w, unsigned u)
{
    char *o = w->buf + w->len;
    size_t n;
    if (u < 10) {
        o[0] = (char)('0' + u);
        n = 1;
    } else if (u < 100) {
        memcpy(o, jo_digits2 + 2 * u, 2);
        n = 2;
    } else if (u < 1000) {
        o[0] = (char)('0' + u / 100);
        memcpy(o + 1, jo_digits2 + 2 * (u % 100), 2);
        n = 3;
    } else if (u < 10000) {
        memcpy(o, jo_digits2 + 2 * (u / 100), 2);
        memcpy(o + 2, jo_digits2 + 2 * (u % 100), 2);
        n = 4;
    } else {
        o[0] = (char)('0' + u / 10000);
        u %= 10000;
        memcpy(o + 1, jo_digits2 + 2 * (u / 100), 2);
        memcpy(o + 3, jo_digits2 + 2 * (u % 100), 2);
        n = 5;
    }
    w->len += n;
}

/* jo_int() of any value, the buffer full or not. */
#if defined(__GNUC__)
__attribute__((noinline)) /* (kept out of line: the fast path of its caller saves no registers) */
#endif
static void jo_int_any(json_out *w, long long v)
{
    char b[JO_INT_END + 24], *p = b + JO_INT_END, *o;
    /* digits from the end, two at a time, without snprintf (offsets are most of a record's numbers) */
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    size_t n;
    while (u >= 100) {
        unsigned r = (unsigned)(u % 100);
        u /= 100;
        p -= 2;
        memcpy(p, jo_digits2 + 2 * r, 2);
    }
    if (u >= 10) {
        p -= 2;
        memcpy(p, jo_digits2 + 2 * u, 2);
    } else
        *--p = (char)('0' + u);
    if (v < 0)
        *--p = '-';
    n = (size_t)(b + JO_INT_END - p);
    if (w->buf && !w->failed && 24 <= w->cap - w->len) { /* room for any number: copies of known size */
        o = w->buf + w->len;
        memcpy(o, p, 8); /* (bytes past the digits are copied too, and not counted) */
        if (n > 8)
            memcpy(o + 8, p + 8, 16);
        w->len += n;
        return;
    }
    jo_raw(w, p, n);
}

void jo_int(json_out *w, long long v)
{
    if (v >= 0 && v < 100000 && w->buf && !w->failed && 8 <= w->cap - w->len)
        jo_int_small(w, (unsigned)v);
    else
        jo_int_any(w, v);
}

/* %.6g of @p v into @p b without printf, as jansson writes it (a point and a
 * zero when %g has no point), for 1e-4 <= |v| < 1e6 (fixed
 * notation: probabilities and confidences, most of a record's reals): 0 when
 * v is outside that range or its seventh digit is within 1e-6 of a rounding
 * tie (the scaled value is off by at most ~1e-9), and printf decides. */
static int real_fixed(double v, char *b)
{
    static const double p10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    /* 10^x for x = -4..5 (10^-k as written is the quotient 1.0 / 10^k: both correctly rounded) */
    static const double low[] = {1e-4, 1e-3, 1e-2, 1e-1, 1e0, 1e1, 1e2, 1e3, 1e4, 1e5};
    double a = fabs(v), scaled, m, frac;
    int x, n = 0, point;
    char d[6];
    if (!(a >= 1e-4 && a < 1e6))
        return 0;
    x = a < 1.0 ? -1 : 5; /* (probabilities: the search starts below 1) */
    while (x > -4 && a < low[x + 4])
        x--;
    scaled = a * p10[5 - x];
    m = (double)(long long)scaled; /* floor: scaled is positive and below 2^63 */
    frac = scaled - m;
    if (fabs(frac - 0.5) < 1e-6)
        return 0;
    if (frac > 0.5)
        m += 1.0;
    if (m >= 1e6) { /* 9.999996 -> 10.0000: one more integer digit */
        m = 1e5;
        x++;
    }
    if (m < 1e5 || x >= 6)
        return 0;
    {
        unsigned u = (unsigned)m; /* an integer in [1e5, 1e6): exact */
        memcpy(d, jo_digits2 + 2 * (u / 10000), 2);
        memcpy(d + 2, jo_digits2 + 2 * (u / 100 % 100), 2);
        memcpy(d + 4, jo_digits2 + 2 * (u % 100), 2);
    }
    if (v < 0)
        b[n++] = '-';
    if (x >= 0) {
        for (int i = 0; i <= x; i++)
            b[n++] = d[i];
        point = n;
        b[n++] = '.';
        for (int i = x + 1; i < 6; i++)
            b[n++] = d[i];
    } else {
        b[n++] = '0';
        point = n;
        b[n++] = '.';
        for (int i = 0; i < -x - 1; i++)
            b[n++] = '0';
        for (int i = 0; i < 6; i++)
            b[n++] = d[i];
    }
    /* %g drops trailing zeros, and then the point, which jansson puts back with
     * a zero ("1" -> "1.0"): one zero stays after the point */
    while (n > point + 2 && b[n - 1] == '0')
        n--;
    if (n == point + 1) /* (no digit after the point: x == 5) */
        b[n++] = '0';
    b[n] = '\0';
    return n;
}

void jo_real(json_out *w, double v)
{
    char b[64];
    int n;
    char *e;
    if (!isfinite(v)) { /* jansson has no such value: the record would lose the member */
        w->failed = 1;
        return;
    }
    if (w->exact) {
        n = snprintf(b, sizeof b, "%.17g", v);
        if (!strpbrk(b, ".e"))
            b[n++] = '.', b[n++] = '0';
        jo_raw(w, b, (size_t)n);
        return;
    }
    if ((n = real_fixed(v, b))) {
        jo_raw(w, b, (size_t)n);
        return;
    }
    n = snprintf(b, sizeof b, "%.6g", v);
    if (n < 0 || (size_t)n >= sizeof b - 3) {
        w->failed = 1;
        return;
    }
    if (!strchr(b, '.') && !strchr(b, 'e')) {
        b[n++] = '.';
        b[n++] = '0';
        b[n] = '\0';
    }
    if ((e = strchr(b, 'e'))) { /* "1e+06" -> "1e6", "1e-05" -> "1e-5" */
        char *start = e + 1, *end = e + 2;
        if (*start == '-')
            start++;
        while (*end == '0')
            end++;
        if (end != start) {
            memmove(start, end, (size_t)(b + n - end) + 1);
            n -= (int)(end - start);
        }
    }
    jo_raw(w, b, (size_t)n);
}

void jo_probs(json_out *w, const char *const *names, const double *probs, size_t n)
{
    jo_lit(w, "{");
    for (size_t i = 0; i < n; i++) {
        if (i)
            jo_lit(w, ",");
        jo_cstr(w, names[i]);
        jo_lit(w, ":");
        jo_real(w, probs[i]);
    }
    jo_lit(w, "}");
}

void jo_explain(json_out *w, const stance_contrib *c, size_t n)
{
    jo_lit(w, "[");
    for (size_t i = 0; i < n; i++) {
        jo_lit(w, i ? ",{\"feature\":" : "{\"feature\":");
        jo_cstr(w, c[i].feature);
        jo_lit(w, ",\"contribution\":");
        jo_real(w, c[i].contribution);
        jo_lit(w, "}");
    }
    jo_lit(w, "]");
}
