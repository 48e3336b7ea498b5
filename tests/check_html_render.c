/* check_html_render.c - src/html.c on records we craft: spans that cross and nest still give
 * well-formed markup with exactly one first piece per quote; bad spans are refused with a
 * message and leave the report as it was; hostile strings come out as text. Exit 0 / 1. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

static int failures;
#define CHECK(cond, ...)                                                                                               \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            failures++;                                                                                                \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);                                                                \
            printf(__VA_ARGS__);                                                                                       \
            printf("\n");                                                                                              \
        }                                                                                                              \
    } while (0)

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* <mark>, <span>, <a> open and close in proper nesting order. */
static int well_nested(const char *s)
{
    char stack[4096];
    size_t n = 0;
    static const char *names[] = {"mark", "span", "a"};
    for (const char *p = s; (p = strchr(p, '<')); p++) {
        int close = p[1] == '/';
        const char *t = p + 1 + close;
        for (int k = 0; k < 3; k++) {
            size_t l = strlen(names[k]);
            if (strncmp(t, names[k], l) || (t[l] != '>' && t[l] != ' '))
                continue;
            if (!close) {
                if (n == sizeof stack)
                    return 0;
                stack[n++] = (char)k;
            } else if (!n || stack[--n] != (char)k) {
                return 0;
            }
        }
    }
    return n == 0;
}

static char *render_one(const char *text, const char *json, int *rc, char *err, size_t errlen)
{
    html_doc *d = NULL;
    json_error_t je;
    json_t *rec = json_loads(json, 0, &je);
    char *page = NULL;
    if (!rec) {
        printf("bad test JSON: %s\n", je.text);
        exit(1);
    }
    if (html_doc_new("t", "x-", &d)) {
        printf("html_doc_new failed\n");
        exit(1);
    }
    *rc = html_doc_add(d, "id", text, strlen(text), rec, err, errlen);
    page = html_doc_render(d, 0, NULL);
    html_doc_free(d);
    json_decref(rec);
    return page;
}

int main(void)
{
    /* bytes: Park 1-5, Diaz 10-14, said 22-26, Diaz 27-31, quote 3 34-48 (two 2-byte e-acute),
     * Park 51-55, said 56-60 */
    const char *text = "\"Park and Diaz lied,\" said Diaz. \"Park \xC3\xA9t\xC3\xA9 won,\" Park said <b>.";
    char err[200];
    int rc;
    /* quote 1 [1,19), quote 2 [9,24) crosses it; a mention crosses quote 1's end; speaker == mention */
    const char *rec =
        "{\"quotes\":["
        "{\"start\":1,\"end\":19,\"type\":\"direct\",\"speaker\":{\"name\":\"Diaz\",\"start\":27,\"end\":31,\"role\":null},"
        "\"cue\":\"said\",\"sentiment\":{\"label\":\"negative\",\"confidence\":0.7,\"probs\":{\"negative\":0.7}},"
        "\"stances\":[{\"label\":\"against\",\"confidence\":0.8,\"probs\":{\"favor\":0.1,\"against\":0.8,\"none\":0.1},"
        "\"actor\":\"Park\",\"relation\":\"opposite-side\",\"where\":\"quote\",\"mentions\":[[1,5]],\"explain\":[{\"feature\":\"w:</style>\","
        "\"contribution\":0.5}]}]},"
        "{\"start\":9,\"end\":24,\"type\":\"partial\",\"speaker\":null,\"cue\":null,\"sentiment\":null,\"stances\":[]},"
        "{\"start\":34,\"end\":48,\"type\":\"direct\",\"speaker\":{\"name\":\"Park <script>\",\"start\":51,\"end\":55},"
        "\"cue\":\"said\",\"cue_span\":[56,60],\"sentiment\":{\"label\":\"positive\",\"confidence\":0.9},"
        "\"stances\":[{\"label\":\"favor\",\"confidence\":0.6,\"probs\":{\"favor\":0.6,\"against\":0.3,\"none\":0.1},"
        "\"actor\":\"Diaz\",\"relation\":\"<i>ally\",\"where\":\"none\",\"mentions\":[]}]}],"
        "\"actors\":[{\"name\":\"Park\",\"discovered\":false,\"mentions\":[[1,5],[34,38],[51,55],[17,22]]},"
        "{\"name\":\"Diaz\",\"discovered\":true,\"mentions\":[[10,14],[27,31],[10,14]]}]}";
    char *page = render_one(text, rec, &rc, err, sizeof err);
    CHECK(rc == 0, "crossing spans render (rc %d: %s)", rc, err);
    CHECK(page != NULL, "a page");
    if (page) {
        const char *body = strstr(page, "<body>");
        CHECK(well_nested(body ? body : page), "tags nest properly");
        CHECK(count(page, "<mark class=\"q ") - count(page, " cont\"") == 3, "one first piece per quote (%zu, %zu)",
              count(page, "<mark class=\"q "), count(page, " cont\""));
        CHECK(count(page, "id=\"x-a1-q1\"") == 1 && count(page, "id=\"x-a1-q3\"") == 1, "quote ids are unique");
        CHECK(count(page, " cont\"") >= 1, "the crossing quote is split into pieces");
        CHECK(count(page, "<li class=\"card") == 3, "a card per quote");
        CHECK(count(page, "<script") == 0, "no <script> from the record");
        CHECK(count(page, "</style>") == 1, "only our own </style>");
        CHECK(count(page, "&lt;b&gt;") >= 1, "article markup is text");
        CHECK(count(page, "title=\"cue of quote 1\"") >= 1 && count(page, "title=\"cue of quote 3\"") == 1, "the cue is marked for both attributed quotes (%zu)",
              count(page, "title=\"cue of quote"));
        CHECK(count(page, "\xC3\xA9t\xC3\xA9") == 1, "UTF-8 text kept whole");
        CHECK(count(page, "against 0.80</b> &middot; <span class=\"rel\">opposite side</span> <small>") == 1,
              "a stance's relation beside its label");
        CHECK(count(page, "<span class=\"rel\">&lt;i&gt;ally</span>") == 1 && count(page, "<i>ally") == 0,
              "an unknown relation string is shown as text");
        CHECK(count(page, "Park: against 0.80 (opposite side)</title>") == 1, "the graph's edge names the relation");
        CHECK(count(page, "<svg class=\"graph\"") == 1, "a graph");
        CHECK(count(page, "http:") + count(page, "https:") + count(page, "src=") + count(page, "url(") == 0,
              "nothing loads from elsewhere");
    }
    free(page);

    /* bad spans: outside the text, inside a UTF-8 character, empty quote, wrong types */
    {
        static const char *bad[] = {
            "{\"quotes\":[{\"start\":1,\"end\":999}]}",
            "{\"quotes\":[{\"start\":40,\"end\":44}]}", /* 40: inside an e-acute */
            "{\"quotes\":[{\"start\":5,\"end\":5}]}",
            "{\"quotes\":[{\"start\":\"1\",\"end\":4}]}",
            "{\"quotes\":[{\"start\":1,\"end\":4,\"speaker\":{\"name\":\"X\",\"start\":2,\"end\":999}}]}",
            "{\"quotes\":[],\"actors\":[{\"name\":\"X\",\"mentions\":[[1]]}]}",
            "{\"quotes\":{}}",
            "{\"quotes\":[{\"start\":1,\"end\":4,\"stances\":[{\"actor\":\"X\",\"relation\":3}]}]}",
            "[]",
        };
        for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
            page = render_one(text, bad[i], &rc, err, sizeof err);
            CHECK(rc == -1 && err[0], "bad record %zu refused with a message (rc %d)", i, rc);
            CHECK(page && count(page, "<section") == 0, "bad record %zu leaves no article behind", i);
            free(page);
        }
    }

    /* control and bidi characters, invalid UTF-8 in a speaker name */
    {
        const char *t2 = "\"Hi\xE2\x80\xAEyo\x01\",\" said X.";
        page = render_one(t2, "{\"quotes\":[{\"start\":1,\"end\":11,\"speaker\":{\"name\":\"X\xE2\x80\xAE\\\"\","
                              "\"start\":19,\"end\":20}}]}", &rc, err, sizeof err);
        CHECK(rc == 0, "odd characters render (%s)", err);
        CHECK(page && !strstr(page, "\xE2\x80\xAE") && !strchr(page, '\x01'), "no raw bidi or control characters");
        CHECK(page && strstr(page, "U+202E"), "the bidi control is shown as text");
        free(page);
    }
    /* many speakers and actors: the graph's edge labels keep apart (without a browser: the
     * labels' anchors; tests/check-html-browser.sh measures the rendered boxes) */
    {
        char many[8192], t3[4096];
        size_t n = 0, nt = 0, nl = 0;
        double lx[64], ly[64];
        static const char *const names[] = {"Ann Aho", "Bo Berg", "Cy Cole", "Di Dahl", "Ed Eng", "Flo Fox"};
        n += (size_t)snprintf(many + n, sizeof many - n, "{\"quotes\":[");
        for (int q = 0; q < 8; q++) {
            size_t s0 = nt;
            nt += (size_t)snprintf(t3 + nt, sizeof t3 - nt, "\"We said it again,\" said %s. ", names[q % 6]);
            n += (size_t)snprintf(many + n, sizeof many - n,
                                  "%s{\"start\":%zu,\"end\":%zu,\"speaker\":{\"name\":\"%s %d\",\"start\":%zu,"
                                  "\"end\":%zu},\"stances\":[", q ? "," : "", s0 + 1, s0 + 18, names[q % 6], q,
                                  s0 + 25, s0 + 25 + strlen(names[q % 6]));
            for (int k = 0; k < 4; k++)
                n += (size_t)snprintf(many + n, sizeof many - n,
                                      "%s{\"actor\":\"%s\",\"label\":\"%s\",\"confidence\":0.5,\"relation\":%s}",
                                      k ? "," : "", names[(q + k) % 6], k % 2 ? "favor" : "against",
                                      k % 2 ? "null" : "\"unknown\"");
            n += (size_t)snprintf(many + n, sizeof many - n, "]}");
        }
        snprintf(many + n, sizeof many - n, "]}");
        page = render_one(t3, many, &rc, err, sizeof err);
        CHECK(rc == 0 && page, "many speakers render (%s)", err);
        for (const char *p = page; p && (p = strstr(p, "<g class=\"e e-")); p++) {
            const char *tx = strstr(p, "<text x=\""), *end = strstr(p, "</g>");
            if (tx && end && tx < end && nl < 64 && sscanf(tx, "<text x=\"%lf\" y=\"%lf\"", &lx[nl], &ly[nl]) == 2)
                nl++;
        }
        CHECK(nl == 32, "32 edge labels (%zu)", nl);
        CHECK(page && count(page, "class=\"rel\"") == 0 && count(page, "(unknown)") == 0,
              "a relation null or \"unknown\" is not shown");
        for (size_t i = 0; i < nl; i++)
            for (size_t j = i + 1; j < nl; j++) {
                double dx = lx[i] > lx[j] ? lx[i] - lx[j] : lx[j] - lx[i], dy = ly[i] > ly[j] ? ly[i] - ly[j] : ly[j] - ly[i];
                CHECK(dx >= 110 || dy >= 14, "labels %zu (%.1f, %.1f) and %zu (%.1f, %.1f) overlap", i, lx[i], ly[i], j,
                      lx[j], ly[j]);
            }
        free(page);
    }
    if (failures)
        printf("%d check(s) failed\n", failures);
    else
        printf("check_html_render: all checks passed\n");
    return failures ? 1 : 0;
}
