/*
 * cli_input.c - the one input path of the stance command (see cli_input.h):
 * every subcommand and the trainer read their records through it, so a BOM,
 * CRLF line ends, a directory given as a file, a closed stdin or a read error
 * are handled the same way everywhere.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli_input.h"

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
    ssize_t got;
    for (;;) {
        char *p;
        size_t n;
        errno = 0;
        got = getline(&r->buf, &r->cap, r->f);
        if (got < 0) {
            if (ferror(r->f)) {
                snprintf(err, errlen, "%s:%zu: read error: %s", r->path, r->lineno + 1,
                         errno ? strerror(errno) : "unknown");
                return -1;
            }
            if (errno == ENOMEM) {
                snprintf(err, errlen, "%s:%zu: out of memory", r->path, r->lineno + 1);
                return -1;
            }
            return 0;
        }
        r->lineno++;
        p = r->buf;
        n = (size_t)got;
        if (n && p[n - 1] == '\n')
            n--;
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

/* Past the end of the string starting at s[i] == '"'. */
static size_t skip_string(const char *s, size_t i, size_t n)
{
    for (i++; i < n; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '"')
            return i + 1;
    }
    return n;
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

int cli_json_id_raw(const char *s, size_t n, size_t *start, size_t *end)
{
    size_t i = skip_ws(s, 0, n);
    int found = -1;
    if (i >= n || s[i] != '{')
        return -1;
    i = skip_ws(s, i + 1, n);
    while (i < n && s[i] == '"') {
        size_t k0 = i + 1, k1 = skip_string(s, i, n) - 1, v0, v1;
        i = skip_ws(s, k1 + 1, n);
        if (i >= n || s[i] != ':')
            return found;
        v0 = skip_ws(s, i + 1, n);
        v1 = skip_value(s, v0, n);
        /* "id" written with escapes ("\u0069d") is not looked for: the callers fall back to the parsed value */
        if (k1 - k0 == 2 && s[k0] == 'i' && s[k0 + 1] == 'd') {
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
