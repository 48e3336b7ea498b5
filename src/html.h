/*
 * html.h - the HTML report renderer, one for all its users: `stance classify
 * --format html`, `stance eval --report` and the Python extension
 * (stance.render_html, Result._repr_html_). It reads what the CLI prints
 * anyway, an article's text plus its record in the CLI's JSON schema, and
 * writes one self-contained page: inline CSS and SVG, no script, no network
 * (the page's Content-Security-Policy forbids both).
 *
 * Needs jansson and libc only (no libstance, no CLI helpers), so the Python
 * build compiles this file as it is.
 */
#ifndef STANCE_HTML_H
#define STANCE_HTML_H
#include <stddef.h>

#include <jansson.h>

typedef struct html_doc html_doc;

/* A new report. @p title (NULL: "stance report") is escaped; @p prefix (NULL: "")
 * is put before every element id so several fragments can share one page
 * (letters, digits, '-' and '_' only, else INVALID). Returns 0 or -1 (no memory / bad prefix). */
int html_doc_new(const char *title, const char *prefix, html_doc **out);

/* Add one article: its text (UTF-8, @p len bytes) and its record in the CLI's JSON
 * schema ({"quotes": [...], "actors": [...]}; a quote may carry "cue_span": [start, end],
 * else the cue is looked for between the quote and its speaker). @p id names the article
 * (NULL: "article N"). On a malformed record nothing is added, a message goes to @p err
 * (@p errlen bytes) and -1 is returned; -2 means out of memory. */
int html_doc_add(html_doc *d, const char *id, const char *text, size_t len, const json_t *record, char *err,
                 size_t errlen);

/* Add an input that could not be processed (unreadable, not UTF-8, a bad record): a section
 * for it, named @p id (NULL: "article N") with @p message (both escaped), listed in the index
 * and counted apart from the articles. Returns 0, or -2 when out of memory (nothing added). */
int html_doc_add_error(html_doc *d, const char *id, const char *message);

/* The finished page (@p fragment = 0: a whole HTML document; 1: a <style> + <div> fragment
 * whose CSS applies to that div only, for Jupyter). Returns a malloc'd NUL-terminated string
 * (caller frees) and its length in @p len, or NULL when out of memory. The doc stays usable. */
char *html_doc_render(html_doc *d, int fragment, size_t *len);

void html_doc_free(html_doc *d);

/* `stance eval --report`: a page with the scores, the confusion matrix and a reliability
 * diagram as inline SVG, with the figures as tables. @p scores is what `stance eval --json`
 * prints ("n", "accuracy", "macro_f1", "f_avg", "per_class", "confusion", "ece", "reliability"
 * bins {from, to, n, confidence, accuracy}, "head", "file", optional "subsets" of the same)
 * plus "labels": the label names in confusion-matrix order. Returns a malloc'd page and its
 * length in @p len, or NULL (no memory, or @p scores lacks those fields). */
char *html_eval_report(const json_t *scores, size_t *len);
#endif
