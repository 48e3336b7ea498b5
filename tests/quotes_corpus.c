/* quotes_corpus.c - run the quote corpus (tests/data/quotes/, issue #15) through
 * stance_quotes_extract() and compare every case with its expectation.
 *
 *   quotes_corpus [--update] [--verbose] [DIR]
 *
 * DIR (default $STANCE_TEST_DATA/quotes, else tests/data/quotes) holds
 * NAME.txt files of cases and NAME.expected files of what each case must
 * give, in the style of PCRE2's testdata (see DIR/README). A case opens with a
 * line "=== CASE [indirect] [no-partial]", may go on with "# comment" lines, and
 * its text is every following line up to the next "===" line, trailing blank
 * lines dropped, one newline kept. Its expectation is the block of NAME.expected
 * under the same "=== CASE" line: one entry per quote, in text order,
 *
 *   q1 [11,38) direct rule=after speaker="Jane Okafor" role="the mayor"
 *      text: We will rebuild the bridge,
 *
 * or "(no quotes)". DIR/KNOWN-FAILURES lists "NAME:CASE reason" for cases whose
 * expectation is right and the library wrong: they are reported (XFAIL) but do
 * not fail the run; one that passes (XPASS) fails it, so the list stays true.
 * Any other difference fails the run with a diff of the case (- expected,
 * + got). Every rule of enum stance_quote_rule must appear in some expectation.
 *
 * --update rewrites each NAME.expected from the library's output, except the
 * blocks of known failures, which keep the expectation written by hand.
 * Expectations are reviewed by a person: an update is a proposal, read its
 * `git diff` before committing it.
 *
 * Exit: 0 all pass (known failures aside), 1 any unexpected result, 99 an
 * error (missing directory, unreadable file, extraction error).
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotes.h"

#define MAXLINE 8192

typedef struct strv {
    char **v;
    size_t n, cap;
} strv;

typedef struct tcase {
    char *name;
    unsigned flags;
    char *text;
    size_t len;
} tcase;

typedef struct block { /* one "=== CASE" block of an .expected file */
    char *name;
    strv lines;
    int used;
} block;

typedef struct known {
    char *key; /* NAME:CASE */
    char *reason;
    int seen;
} known;

typedef struct totals {
    size_t cases, pass, fail, xfail, xpass, files, quotes;
    size_t per_rule[STANCE_RULE_COUNT];
} totals;

static void die_oom(void)
{
    fputs("quotes_corpus: out of memory\n", stderr);
    exit(99);
}

static void die_path(const char *dir)
{
    fprintf(stderr, "quotes_corpus: path too long under %s\n", dir);
    exit(99);
}

static char *xstrdup(const char *s)
{
    char *d = strdup(s);
    if (!d)
        die_oom();
    return d;
}

static void strv_push(strv *s, char *str)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 16;
        char **v = realloc(s->v, cap * sizeof *v);
        if (!v)
            die_oom();
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = str;
}

static void strv_free(strv *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    memset(s, 0, sizeof *s);
}

/* The lines of @p path without their newlines; 0 when the file cannot be read. */
static int read_lines(const char *path, strv *out)
{
    FILE *f = fopen(path, "rb");
    char buf[MAXLINE];
    if (!f)
        return 0;
    while (fgets(buf, sizeof buf, f)) {
        size_t l = strlen(buf);
        if (l == sizeof buf - 1 && buf[l - 1] != '\n') {
            fprintf(stderr, "quotes_corpus: %s: line longer than %d bytes\n", path, MAXLINE - 2);
            exit(99);
        }
        while (l && (buf[l - 1] == '\n' || buf[l - 1] == '\r'))
            buf[--l] = 0;
        strv_push(out, xstrdup(buf));
    }
    fclose(f);
    return 1;
}

static int is_header(const char *l)
{
    return strncmp(l, "=== ", 4) == 0;
}

/* "=== CASE opt opt" -> the case name (first word); options into @p flags. */
static char *parse_header(const char *path, const char *l, unsigned *flags)
{
    char *copy = xstrdup(l + 4), *save = NULL, *w, *name;
    *flags = 0;
    w = strtok_r(copy, " \t", &save);
    if (!w) {
        fprintf(stderr, "quotes_corpus: %s: a case header without a name\n", path);
        exit(99);
    }
    name = xstrdup(w);
    while ((w = strtok_r(NULL, " \t", &save))) {
        if (strcmp(w, "indirect") == 0)
            *flags |= STANCE_OPT_INDIRECT;
        else if (strcmp(w, "no-partial") == 0)
            *flags |= STANCE_OPT_NO_PARTIAL;
        else {
            fprintf(stderr, "quotes_corpus: %s: case %s: unknown option \"%s\"\n", path, name, w);
            exit(99);
        }
    }
    free(copy);
    return name;
}

static size_t read_cases(const char *path, tcase **out)
{
    strv lines = {0};
    tcase *c = NULL;
    size_t n = 0;
    if (!read_lines(path, &lines)) {
        fprintf(stderr, "quotes_corpus: cannot read %s\n", path);
        exit(99);
    }
    for (size_t i = 0; i < lines.n;) {
        size_t s, e, len = 0;
        if (!is_header(lines.v[i])) {
            i++; /* the file's own comments, before the first case */
            continue;
        }
        c = realloc(c, (n + 1) * sizeof *c);
        if (!c)
            die_oom();
        c[n].name = parse_header(path, lines.v[i], &c[n].flags);
        for (size_t k = 0; k < n; k++)
            if (strcmp(c[k].name, c[n].name) == 0) {
                fprintf(stderr, "quotes_corpus: %s: case %s twice\n", path, c[n].name);
                exit(99);
            }
        i++;
        while (i < lines.n && lines.v[i][0] == '#')
            i++;
        s = i;
        while (i < lines.n && !is_header(lines.v[i]))
            i++;
        e = i;
        while (e > s && lines.v[e - 1][0] == 0)
            e--;
        for (size_t k = s; k < e; k++)
            len += strlen(lines.v[k]) + 1;
        c[n].text = malloc(len + 1);
        if (!c[n].text)
            die_oom();
        c[n].len = 0;
        for (size_t k = s; k < e; k++) {
            size_t l = strlen(lines.v[k]);
            memcpy(c[n].text + c[n].len, lines.v[k], l);
            c[n].len += l;
            c[n].text[c[n].len++] = '\n';
        }
        c[n].text[c[n].len] = 0;
        n++;
    }
    strv_free(&lines);
    *out = c;
    return n;
}

static size_t read_blocks(const char *path, block **out)
{
    strv lines = {0};
    block *b = NULL;
    size_t n = 0;
    *out = NULL;
    if (!read_lines(path, &lines))
        return 0;
    for (size_t i = 0; i < lines.n; i++) {
        if (is_header(lines.v[i])) {
            unsigned flags;
            b = realloc(b, (n + 1) * sizeof *b);
            if (!b)
                die_oom();
            memset(&b[n], 0, sizeof b[n]);
            b[n].name = parse_header(path, lines.v[i], &flags);
            n++;
        } else if (n && lines.v[i][0]) {
            strv_push(&b[n - 1].lines, xstrdup(lines.v[i]));
        }
    }
    strv_free(&lines);
    *out = b;
    return n;
}

/* @p s[0, n) with newlines, tabs, backslashes (and '"' when @p quote) escaped. */
static char *escape(const char *s, size_t n, int quote)
{
    char *d = malloc(2 * n + 1), *p = d;
    if (!d)
        die_oom();
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n')
            *p++ = '\\', *p++ = 'n';
        else if (s[i] == '\t')
            *p++ = '\\', *p++ = 't';
        else if (s[i] == '\\' || (quote && s[i] == '"'))
            *p++ = '\\', *p++ = s[i];
        else
            *p++ = s[i];
    }
    *p = 0;
    return d;
}

static const char *type_name(stance_quote_type t)
{
    return t == STANCE_QUOTE_DIRECT ? "direct" : t == STANCE_QUOTE_PARTIAL ? "partial" : "indirect";
}

/* The library's output for one case, as the lines of an expectation block. */
static void run_case(const stance_qpatterns *p, const tcase *c, strv *out)
{
    stance_quotelist l;
    stance_error err;
    memset(&l, 0, sizeof l);
    if (stance_quotes_extract(p, c->text, c->len, c->flags, &l, &err) != STANCE_OK) {
        fprintf(stderr, "quotes_corpus: case %s: extraction failed: %s\n", c->name, err.message);
        exit(99);
    }
    if (l.n == 0)
        strv_push(out, xstrdup("(no quotes)"));
    for (size_t i = 0; i < l.n; i++) {
        const stance_rawquote *q = &l.q[i];
        char *spk = q->speaker ? escape(q->speaker, strlen(q->speaker), 1) : NULL;
        char *role = q->role ? escape(q->role, strlen(q->role), 1) : NULL;
        char *txt = escape(c->text + q->span.start, q->span.end - q->span.start, 0);
        char *line = malloc(strlen(txt) + (spk ? strlen(spk) : 0) + (role ? strlen(role) : 0) + 128);
        if (!line)
            die_oom();
        sprintf(line, "q%zu [%zu,%zu) %s rule=%s", i + 1, q->span.start, q->span.end, type_name(q->type),
                stance_quotes_rule_name(q->rule));
        if (spk)
            sprintf(line + strlen(line), " speaker=\"%s\"", spk);
        if (role)
            sprintf(line + strlen(line), " role=\"%s\"", role);
        strv_push(out, line);
        line = malloc(strlen(txt) + 16);
        if (!line)
            die_oom();
        sprintf(line, "   text: %s", txt);
        strv_push(out, line);
        free(spk);
        free(role);
        free(txt);
    }
    stance_quotelist_clear(&l);
}

static int same(const strv *a, const strv *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->v[i], b->v[i]) != 0)
            return 0;
    return 1;
}

/* A unified diff of two short blocks (the whole block as context): lines of
 * the longest common subsequence with ' ', expected-only '-', got-only '+'. */
static void print_diff(const strv *a, const strv *b)
{
    size_t n = a->n, m = b->n, i = 0, j = 0;
    size_t *L = calloc((n + 1) * (m + 1), sizeof *L);
    if (!L)
        die_oom();
#define AT(x, y) L[(x) * (m + 1) + (y)]
    for (size_t x = n; x-- > 0;)
        for (size_t y = m; y-- > 0;)
            AT(x, y) = strcmp(a->v[x], b->v[y]) == 0 ? AT(x + 1, y + 1) + 1
                       : AT(x + 1, y) >= AT(x, y + 1) ? AT(x + 1, y) : AT(x, y + 1);
    printf("    --- expected\n    +++ got\n");
    while (i < n || j < m) {
        if (i < n && j < m && strcmp(a->v[i], b->v[j]) == 0) {
            printf("     %s\n", a->v[i]);
            i++, j++;
        } else if (i < n && (j == m || AT(i + 1, j) >= AT(i, j + 1))) {
            printf("    -%s\n", a->v[i++]);
        } else {
            printf("    +%s\n", b->v[j++]);
        }
    }
#undef AT
    free(L);
}

static known *find_known(known *k, size_t nk, const char *file, const char *cname)
{
    size_t fl = strlen(file);
    for (size_t i = 0; i < nk; i++)
        if (strncmp(k[i].key, file, fl) == 0 && k[i].key[fl] == ':' && strcmp(k[i].key + fl + 1, cname) == 0)
            return &k[i];
    return NULL;
}

static size_t read_known(const char *dir, known **out)
{
    char path[4096];
    strv lines = {0};
    known *k = NULL;
    size_t n = 0;
    if (snprintf(path, sizeof path, "%s/KNOWN-FAILURES", dir) >= (int)sizeof path)
        die_path(dir);
    *out = NULL;
    if (!read_lines(path, &lines))
        return 0;
    for (size_t i = 0; i < lines.n; i++) {
        char *l = lines.v[i], *sp;
        if (!l[0] || l[0] == '#')
            continue;
        k = realloc(k, (n + 1) * sizeof *k);
        if (!k)
            die_oom();
        sp = l + strcspn(l, " \t");
        k[n].reason = xstrdup(sp + strspn(sp, " \t"));
        *sp = 0;
        k[n].key = xstrdup(l);
        k[n].seen = 0;
        if (!strchr(k[n].key, ':')) {
            fprintf(stderr, "quotes_corpus: %s: \"%s\" is not FILE:CASE\n", path, k[n].key);
            exit(99);
        }
        n++;
    }
    strv_free(&lines);
    *out = k;
    return n;
}

/* Count the rules named in an expectation block. */
static void count_rules(const strv *lines, totals *t)
{
    for (size_t i = 0; i < lines->n; i++) {
        const char *r = strstr(lines->v[i], " rule=");
        if (lines->v[i][0] != 'q' || !r)
            continue;
        r += 6;
        t->quotes++;
        for (int k = 0; k < STANCE_RULE_COUNT; k++) {
            const char *name = stance_quotes_rule_name(k);
            size_t l = strlen(name);
            if (strncmp(r, name, l) == 0 && (r[l] == ' ' || r[l] == 0))
                t->per_rule[k]++;
        }
    }
}

static void write_expected(const char *path, const char *file, const tcase *c, size_t n, strv *got, block *b,
                           size_t nb, known *k, size_t nk)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "quotes_corpus: cannot write %s\n", path);
        exit(99);
    }
    fprintf(f, "# %s.expected: what each case of %s.txt gives (see quotes_corpus.c, README).\n"
               "# Reviewed by hand; blocks of KNOWN-FAILURES cases are the right answer, not the output.\n",
            file, file);
    for (size_t i = 0; i < n; i++) {
        const strv *lines = &got[i];
        if (find_known(k, nk, file, c[i].name))
            for (size_t j = 0; j < nb; j++)
                if (strcmp(b[j].name, c[i].name) == 0)
                    lines = &b[j].lines;
        fprintf(f, "\n=== %s\n", c[i].name);
        for (size_t j = 0; j < lines->n; j++)
            fprintf(f, "%s\n", lines->v[j]);
    }
    if (fclose(f) != 0) {
        fprintf(stderr, "quotes_corpus: error writing %s\n", path);
        exit(99);
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_file(const stance_qpatterns *p, const char *dir, const char *file, int update, int verbose,
                     known *k, size_t nk, totals *t)
{
    char path[4096];
    tcase *c;
    block *b;
    size_t n, nb;
    strv *got;
    if (snprintf(path, sizeof path, "%s/%s.txt", dir, file) >= (int)sizeof path)
        die_path(dir);
    n = read_cases(path, &c);
    if (snprintf(path, sizeof path, "%s/%s.expected", dir, file) >= (int)sizeof path)
        die_path(dir);
    nb = read_blocks(path, &b);
    got = calloc(n ? n : 1, sizeof *got);
    if (!got)
        die_oom();
    t->files++;
    for (size_t i = 0; i < n; i++) {
        block *want = NULL;
        known *kn = find_known(k, nk, file, c[i].name);
        run_case(p, &c[i], &got[i]);
        t->cases++;
        for (size_t j = 0; j < nb; j++)
            if (strcmp(b[j].name, c[i].name) == 0)
                want = &b[j];
        if (kn)
            kn->seen = 1;
        if (want) {
            want->used = 1;
            count_rules(&want->lines, t);
        }
        if (update)
            continue;
        if (!want) {
            printf("FAIL  %s:%s: no expectation in %s.expected (make quotes-corpus-update, then review)\n", file,
                   c[i].name, file);
            t->fail++;
        } else if (same(&want->lines, &got[i])) {
            if (kn) {
                printf("XPASS %s:%s: passes now; remove it from KNOWN-FAILURES (%s)\n", file, c[i].name,
                       kn->reason);
                t->xpass++;
            } else
                t->pass++;
        } else if (kn) {
            printf("XFAIL %s:%s: %s\n", file, c[i].name, kn->reason);
            if (verbose)
                print_diff(&want->lines, &got[i]);
            t->xfail++;
        } else {
            printf("FAIL  %s:%s\n", file, c[i].name);
            print_diff(&want->lines, &got[i]);
            t->fail++;
        }
    }
    if (update) {
        write_expected(path, file, c, n, got, b, nb, k, nk);
        printf("wrote %s (%zu cases)\n", path, n);
    } else
        for (size_t j = 0; j < nb; j++)
            if (!b[j].used) {
                printf("FAIL  %s:%s: an expectation for a case %s.txt does not have\n", file, b[j].name, file);
                t->fail++;
            }
    for (size_t i = 0; i < n; i++) {
        free(c[i].name);
        free(c[i].text);
        strv_free(&got[i]);
    }
    for (size_t j = 0; j < nb; j++) {
        free(b[j].name);
        strv_free(&b[j].lines);
    }
    free(got);
    free(c);
    free(b);
}

int main(int argc, char **argv)
{
    const char *dir = NULL, *env = getenv("STANCE_TEST_DATA");
    char dbuf[4096];
    int update = 0, verbose = 0, bad = 0;
    stance_qpatterns *p = NULL;
    stance_error err;
    known *k;
    size_t nk;
    strv files = {0};
    totals t;
    DIR *d;
    struct dirent *de;
    memset(&t, 0, sizeof t);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--update") == 0)
            update = 1;
        else if (strcmp(argv[i], "--verbose") == 0 || strcmp(argv[i], "-v") == 0)
            verbose = 1;
        else if (argv[i][0] == '-') {
            fprintf(stderr, "usage: %s [--update] [--verbose] [DIR]\n", argv[0]);
            return 99;
        } else
            dir = argv[i];
    }
    if (!dir) {
        snprintf(dbuf, sizeof dbuf, "%s/quotes", env && *env ? env : "tests/data");
        dir = dbuf;
    }
    if (!(d = opendir(dir))) {
        fprintf(stderr, "quotes_corpus: cannot open %s\n", dir);
        return 99;
    }
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l > 4 && strcmp(de->d_name + l - 4, ".txt") == 0) {
            char *name = xstrdup(de->d_name);
            name[l - 4] = 0;
            strv_push(&files, name);
        }
    }
    closedir(d);
    if (files.n == 0) {
        fprintf(stderr, "quotes_corpus: no .txt cases in %s\n", dir);
        return 99;
    }
    qsort(files.v, files.n, sizeof *files.v, cmp_str);
    if (stance_quotes_compile(&p, &err) != STANCE_OK) {
        fprintf(stderr, "quotes_corpus: %s\n", err.message);
        return 99;
    }
    nk = read_known(dir, &k);
    for (size_t i = 0; i < files.n; i++)
        run_file(p, dir, files.v[i], update, verbose, k, nk, &t);
    stance_quotes_free(p);
    for (size_t i = 0; i < nk; i++) {
        if (!k[i].seen) {
            printf("FAIL  KNOWN-FAILURES names %s, which is no case\n", k[i].key);
            t.fail++;
        }
        free(k[i].key);
        free(k[i].reason);
    }
    free(k);
    strv_free(&files);
    if (update)
        return 0;
    printf("quotes per rule (expected):");
    for (int r = 0; r < STANCE_RULE_COUNT; r++) {
        printf(" %s %zu", stance_quotes_rule_name(r), t.per_rule[r]);
        if (t.per_rule[r] == 0) {
            printf(" (NO CASE)");
            bad = 1;
        }
    }
    printf("\nquotes corpus: %zu cases in %zu files, %zu quotes: %zu passed, %zu known failures (XFAIL), "
           "%zu unexpected passes (XPASS), %zu failed\n",
           t.cases, t.files, t.quotes, t.pass, t.xfail, t.xpass, t.fail);
    if (bad)
        printf("FAIL  every rule of enum stance_quote_rule needs a case in the corpus\n");
    return t.fail || t.xpass || bad ? 1 : 0;
}
