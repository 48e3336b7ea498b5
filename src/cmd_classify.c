/*
 * cmd_classify.c - `stance classify`: articles in (files, stdin, or JSONL
 * records), one JSON object per article out, or a readable table, or a
 * Graphviz graph of who stands how toward whom.
 */
#include "config.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_input.h"
#include "html.h"
#include "json_out.h"
#include "tokens.h"
#include "utf8_seq.h"

typedef enum { FMT_JSON, FMT_TEXT, FMT_GRAPH, FMT_HTML } out_format;

typedef struct actor_list {
    stance_actor *a;
    char ***alias_store;
    const char **sides;         /* per actor: its side label (--side, a record's "side") or NULL */
    int has_sides;              /* a side was given: pass sides (stance_input.actor_sides) */
    size_t n;
    stance_actorset *set;       /* the list compiled, when it serves many articles (or NULL) */
    char **side_specs;          /* --side NAME=LABEL as given, matched to the -a actors after the options */
    size_t n_side_specs;
    json_t *keep;               /* the --actors FILE lines, which the names point into (or NULL) */
} actor_list;

typedef struct classify_opts {
    stance_options opts;
    out_format format;
    int jsonl;
    int many;       /* several FILEs: error records name their file */
    cli_policy on_error;
    html_doc *html; /* --format html: articles collect here, one page at the end */
    json_out *out;  /* --format json: each record is written here, then to stdout */
    int mentioned_only; /* --mentioned-only 1, --all-listed 0, neither -1: on for the --actors FILE list
                           (STANCE_OPT_MENTIONED_ONLY; a record's "mentioned_only" sets it for the record) */
} classify_opts;

static void help(void)
{
    printf("Usage: stance classify [OPTIONS] [FILE...]\n"
           "Find the quotes in plain-text articles (FILEs, or stdin), their speakers, their sentiment\n"
           "and the speaker's stance toward each actor they concern.\n\n"
           "  -m, --model PATH      model file (default: $STANCE_MODEL, else %s)\n"
           "  -a, --actor SPEC      an actor: \"Name|Alias|Alias\" (repeatable); none = discover actors\n"
           "      --actors FILE     a watch list: JSON Lines, one actor a line as a record's actor\n"
           "                        ({\"name\", \"aliases\", \"side\"} or a string; blank lines skipped),\n"
           "                        compiled once for all articles; adds to the -a actors (repeatable)\n"
           "      --discover-others with actors given (-a, --actors, a record's), also discover the\n"
           "                        article's other actors (\"discovered\": true); a given actor is\n"
           "                        reported once, under its own name (without actors: as without it)\n"
           "      --mentioned-only  report only the given actors the article mentions (or a quote targets);\n"
           "                        the default with an --actors FILE list (a watch list; -a actors\n"
           "                        join it), not for -a alone or a record's \"actors\"\n"
           "      --all-listed      report every given actor, mentioned or not (as -a does), also for\n"
           "                        --actors FILE\n"
           "      --side NAME=LABEL the side of the -a or --actors actor NAME (as given, up to the first '='):\n"
           "                        a label of your choice (\"R\", \"Labour\", \"union\"; repeatable). Equal\n"
           "                        labels are one side, different labels opposite sides; each stance then\n"
           "                        says its \"relation\" to the speaker (self, speaks-for, same-side,\n"
           "                        opposite-side) when known, and a model with the side family uses it\n"
           "      --jsonl           input is JSONL records {\"id\", \"text\", \"actors\"} (a stream filter); a\n"
           "                        record without an id is written with its line number (\"id\": \"3\");\n"
           "                        an actor {\"name\", \"aliases\", \"side\"} may carry its side (as --side);\n"
           "                        a record's \"actors\" replace the -a/--actors list for that record,\n"
           "                        and its \"discover_others\": true/false overrides --discover-others,\n"
           "                        its \"mentioned_only\": true/false --mentioned-only/--all-listed\n"
           "  -f, --format FMT      json (default: one JSON object per article, \"id\" its FILE), text (whole\n"
           "                        quotes, for people), dot, or html (one self-contained page for all\n"
           "                        articles: see README)\n"
           "      --graph           same as --format dot: speaker -> actor stance graph in Graphviz DOT\n"
           "  -e, --explain K       report the K features that pushed each decision hardest:\n"
           "                        \"explain\": [{\"feature\", \"contribution\" (weight x value)}]\n"
           "      --on-error P      a bad JSONL record or a FILE that cannot be read or classified:\n"
           "                        record (default: an error record {\"id\", \"error\": {\"file\", \"line\",\n"
           "                        \"message\"}} in its place; \"file\" for a FILE, and for a record among\n"
           "                        several FILEs; \"line\" for a record), skip, or stop (ends the run);\n"
           "                        the other records and FILEs are still processed under record and skip\n"
           "      --indirect        also extract indirect (reported) speech\n"
           "      --all-actors      score every actor for every quote, mentioned or not\n"
           "      --caseless        match actor names regardless of case\n"
           "      --pool            pool each (quote, actor) stance with the same speaker's other quotes\n"
           "                        on that actor (with --explain a pooled stance has \"pooled\":\n"
           "                        {\"others\", \"own\" (the quote's own probs)})\n"
           "  -h, --help            this help\n\n"
           "Exit status: 0 ok, 1 an input, a record, the model, the --actors FILE or the output failed\n"
           "(could not be read), 2 usage error (also a bad line of an --actors FILE).\n",
           stance_default_model_path());
}

/* A name that is empty or only white space (ASCII or U+00A0) names nobody. */
static int blank(const char *s)
{
    for (; *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\v' || *s == '\f')
            continue;
        if (strncmp(s, STANCE_NBSP, 2) == 0) {
            s++;
            continue;
        }
        return 0;
    }
    return 1;
}

/* Split "Name|Alias|Alias" into an actor; strings point into @p spec (modified).
 * -1 out of memory, -2 a blank name, -3 a blank alias (as a record's would be:
 * an alias of white space matched the spaces of the text). */
/* Room for one more actor in @p l: its parallel arrays grown, the new slot
 * (index l->n) zeroed; -1 out of memory (what was grown is kept). */
static int grow_actors(actor_list *l)
{
    stance_actor *na = realloc(l->a, (l->n + 1) * sizeof *na);
    char ***ns = realloc(l->alias_store, (l->n + 1) * sizeof *ns);
    const char **nsd = realloc(l->sides, (l->n + 1) * sizeof *nsd);
    if (na)
        l->a = na;
    if (ns)
        l->alias_store = ns;
    if (nsd)
        l->sides = nsd;
    if (!na || !ns || !nsd)
        return -1;
    memset(&l->a[l->n], 0, sizeof l->a[l->n]);
    l->alias_store[l->n] = NULL;
    l->sides[l->n] = NULL;
    return 0;
}

static int add_actor(actor_list *l, char *spec)
{
    char **aliases = NULL;
    size_t n_alias = 0;
    char *p, *bar;
    if (grow_actors(l))
        return -1;
    p = spec;
    bar = strchr(p, '|');
    if (bar)
        *bar = '\0';
    l->a[l->n].name = p;
    if (blank(p)) {
        if (bar)
            *bar = '|'; /* the message quotes the whole spec as given */
        return -2;
    }
    while (bar) {
        char **nal;
        p = bar + 1;
        bar = strchr(p, '|');
        if (bar)
            *bar = '\0';
        if (blank(p)) {
            for (char *q = spec; q < p; q++) /* the message quotes the whole spec as given */
                if (!*q)
                    *q = '|';
            if (bar)
                *bar = '|';
            free(aliases);
            return -3;
        }
        nal = realloc(aliases, (n_alias + 1) * sizeof *nal);
        if (!nal) {
            free(aliases);
            return -1;
        }
        aliases = nal;
        aliases[n_alias++] = p;
    }
    l->a[l->n].aliases = (const char *const *)aliases;
    l->a[l->n].n_aliases = n_alias;
    l->alias_store[l->n] = aliases;
    l->n++;
    return 0;
}

static void free_actors(actor_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->alias_store[i]);
    free(l->alias_store);
    free(l->a);
    free(l->sides);
    free(l->side_specs);
    json_decref(l->keep);
    memset(l, 0, sizeof *l);
}

static const char *type_name(stance_quote_type t)
{
    return t == STANCE_QUOTE_DIRECT ? "direct" : t == STANCE_QUOTE_PARTIAL ? "partial" : "indirect";
}

/* ---- the record, streamed: the JSON output line, and the tree the HTML page reads ---- */

static void span_out(json_out *w, stance_span s)
{
    if (s.start == STANCE_NO_OFFSET) {
        jo_lit(w, "null");
        return;
    }
    jo_lit(w, "[");
    jo_int(w, (long long)s.start);
    jo_lit(w, ",");
    jo_int(w, (long long)s.end);
    jo_lit(w, "]");
}

/* The decision's members, without the closing brace (a target adds its own). */
static void decision_out(json_out *w, const stance_decision *d)
{
    jo_lit(w, "{\"label\":");
    jo_cstr(w, d->label_name);
    jo_lit(w, ",\"confidence\":");
    jo_real(w, d->confidence);
    jo_lit(w, ",\"probs\":");
    jo_probs(w, d->label_names, d->probs, d->n_labels);
    if (d->n_explain) {
        jo_lit(w, ",\"explain\":");
        jo_explain(w, d->explain, d->n_explain);
    }
}

static void target_out(json_out *w, const stance_target *tg)
{
    unsigned why = stance_target_reasons(tg);
    const char *sep = "";
    decision_out(w, &tg->stance);
    /* beside the 0.1 fields: "kinds" and "rules" parallel to "mentions", and "why" */
    jo_lit(w, ",\"kinds\":[");
    for (size_t k = 0; k < tg->n_mentions; k++) {
        stance_mention_kind kind = STANCE_MENTION_NAME;
        stance_target_mention(tg, k, NULL, &kind, NULL);
        if (k)
            jo_lit(w, ",");
        jo_static(w, stance_mention_kind_name(kind));
    }
    jo_lit(w, "],\"rules\":[");
    for (size_t k = 0; k < tg->n_mentions; k++) {
        const char *rule = "";
        stance_target_mention(tg, k, NULL, NULL, &rule);
        if (k)
            jo_lit(w, ",");
        jo_static(w, rule);
    }
    jo_lit(w, "],\"why\":[");
    if (why & STANCE_TARGET_MENTIONED)
        jo_lit(w, "\"mentioned\""), sep = ",";
    if (why & STANCE_TARGET_OBJECT)
        jo_lit(w, sep), jo_lit(w, "\"object\""), sep = ",";
    if (why & STANCE_TARGET_PRINCIPAL)
        jo_lit(w, sep), jo_lit(w, "\"principal\""), sep = ",";
    if (why & STANCE_TARGET_ALL)
        jo_lit(w, sep), jo_lit(w, "\"all-actors\"");
    jo_lit(w, "]");
    if (tg->stance.n_explain) { /* --explain: a stance pooled with the speaker's other quotes */
        const double *own = NULL;
        size_t others = stance_target_pooled(tg, &own);
        if (others) {
            jo_lit(w, ",\"pooled\":{\"others\":");
            jo_int(w, (long long)others);
            jo_lit(w, ",\"own\":");
            jo_probs(w, tg->stance.label_names, own, tg->stance.n_labels);
            jo_lit(w, "}");
        }
    }
    jo_lit(w, ",\"actor\":");
    jo_cstr(w, tg->actor);
    if (stance_target_relation(tg) != STANCE_RELATION_UNKNOWN) {
        jo_lit(w, ",\"relation\":");
        jo_static(w, stance_relation_name(stance_target_relation(tg)));
    }
    jo_lit(w, tg->where == STANCE_WHERE_QUOTE         ? ",\"where\":\"quote\""
              : tg->where == STANCE_WHERE_ATTRIBUTION ? ",\"where\":\"attribution\""
                                                      : ",\"where\":\"none\"");
    jo_lit(w, ",\"mentions\":[");
    for (size_t k = 0; k < tg->n_mentions; k++) {
        if (k)
            jo_lit(w, ",");
        span_out(w, tg->mentions[k]);
    }
    jo_lit(w, "]}");
}

static void quote_out(json_out *w, const char *text, const stance_quote *q)
{
    int first = 1;
    jo_lit(w, "{\"start\":");
    jo_int(w, (long long)q->span.start);
    jo_lit(w, ",\"end\":");
    jo_int(w, (long long)q->span.end);
    jo_lit(w, ",\"text\":");
    jo_str(w, text + q->span.start, q->span.end - q->span.start);
    jo_lit(w, ",\"type\":\"");
    jo_lit(w, type_name(q->type));
    jo_lit(w, "\",\"speaker\":");
    if (q->speaker) {
        jo_lit(w, "{\"name\":");
        jo_cstr(w, q->speaker);
        jo_lit(w, ",\"start\":");
        jo_int(w, (long long)q->speaker_span.start);
        jo_lit(w, ",\"end\":");
        jo_int(w, (long long)q->speaker_span.end);
        jo_lit(w, ",\"role\":");
        jo_cstr(w, q->speaker_role);
        jo_lit(w, "}");
    } else
        jo_lit(w, "null");
    jo_lit(w, ",\"cue\":");
    jo_cstr(w, q->cue);
    jo_lit(w, ",\"cue_span\":");
    span_out(w, q->cue_span);
    {
        const char *rule = stance_quote_rule(q); /* (a NULL rule: no member, as jansson's tree had) */
        if (rule) {
            jo_lit(w, ",\"rule\":");
            jo_static(w, rule);
        }
    }
    jo_lit(w, ",\"sentiment\":");
    if (q->sentiment.label >= 0) {
        decision_out(w, &q->sentiment);
        jo_lit(w, "}");
    } else
        jo_lit(w, "null");
    jo_lit(w, ",\"stances\":[");
    for (size_t t = 0; t < stance_quote_target_count(q); t++) {
        const stance_target *tg = stance_quote_target(q, t);
        if (tg->stance.label < 0) /* no decision: not listed */
            continue;
        if (!first)
            jo_lit(w, ",");
        first = 0;
        target_out(w, tg);
    }
    jo_lit(w, "]}");
}

static void entity_out(json_out *w, const stance_entity *e)
{
    jo_lit(w, "{\"name\":");
    jo_cstr(w, e->name);
    jo_lit(w, e->discovered ? ",\"discovered\":true,\"mentions\":[" : ",\"discovered\":false,\"mentions\":[");
    for (size_t k = 0; k < e->n_mentions; k++) {
        if (k)
            jo_lit(w, ",");
        span_out(w, e->mentions[k]);
    }
    /* "mentions" stays the names (0.1); "all_mentions" has every kind */
    jo_lit(w, "],\"all_mentions\":[");
    for (size_t k = 0; k < stance_entity_mention_count(e); k++) {
        stance_span sp = {0, 0};
        stance_mention_kind kind = STANCE_MENTION_NAME;
        const char *rule = "";
        stance_entity_mention(e, k, &sp, &kind, &rule);
        if (k)
            jo_lit(w, ",");
        jo_lit(w, "{\"start\":");
        jo_int(w, (long long)sp.start);
        jo_lit(w, ",\"end\":");
        jo_int(w, (long long)sp.end);
        jo_lit(w, ",\"kind\":");
        jo_static(w, stance_mention_kind_name(kind));
        jo_lit(w, ",\"rule\":");
        jo_static(w, rule);
        jo_lit(w, "}");
        jo_maybe_flush(w);
    }
    jo_lit(w, "]}");
}

/* One output line: {"id": ..., "quotes": [...], "actors": [...]}; the id is
 * the input's raw JSON (@p id_raw) or the string @p id, or absent. A record
 * that outgrows the writer's flush_at goes to its sink in pieces (after each
 * quote, entity or mention, and inside long strings), so the CLI holds about
 * 64 kB of output instead of the whole record (one large article's output is
 * twice its text). */
static void result_out(json_out *w, const char *id, const char *id_raw, size_t id_raw_len, const char *text,
                       const stance_result *res)
{
    jo_reset(w);
    if (id_raw) {
        jo_lit(w, "{\"id\":");
        jo_raw(w, id_raw, id_raw_len);
        jo_lit(w, ",\"quotes\":[");
    } else if (id) {
        jo_lit(w, "{\"id\":");
        jo_cstr(w, id);
        jo_lit(w, ",\"quotes\":[");
    } else
        jo_lit(w, "{\"quotes\":[");
    for (size_t i = 0; i < stance_result_count(res); i++) {
        if (i)
            jo_lit(w, ",");
        quote_out(w, text, stance_result_quote(res, i));
        jo_maybe_flush(w);
    }
    jo_lit(w, "],\"actors\":[");
    for (size_t i = 0; i < stance_result_entity_count(res); i++) {
        if (i)
            jo_lit(w, ",");
        entity_out(w, stance_result_entity(res, i));
        jo_maybe_flush(w);
    }
    jo_lit(w, "]}\n");
}

/* Text for a terminal (quotes, names, messages): cli_put_plain(). */
static void put_plain(const char *s, size_t n)
{
    cli_put_plain(stdout, s, n, 0);
}

/* A NUL-terminated name for a terminal (NULL: @p none), as put_plain(). */
static void put_name(const char *s, const char *none)
{
    if (!s)
        s = none;
    put_plain(s, strlen(s));
}

/* @p explain: also the rule that attributed each quote (--explain). */
static void print_text(const char *id, const char *text, const stance_result *res, unsigned explain)
{
    fputs("== ", stdout);
    put_name(id, "-");
    printf(": %zu quote%s\n", stance_result_count(res), stance_result_count(res) == 1 ? "" : "s");
    for (size_t i = 0; i < stance_result_count(res); i++) {
        const stance_quote *q = stance_result_quote(res, i);
        printf("[%zu,%zu) %-8s ", q->span.start, q->span.end, type_name(q->type));
        put_name(q->speaker, "(unknown speaker)");
        if (q->speaker_role) {
            fputs(", ", stdout);
            put_name(q->speaker_role, "");
        }
        fputs("\n    \"", stdout); /* the whole quote, as the JSON's "text" has it */
        put_plain(text + q->span.start, q->span.end - q->span.start);
        fputs("\"\n", stdout);
        if (explain) {
            printf("    attribution: %s%s", stance_quote_rule(q), q->cue ? ", cue " : "");
            put_name(q->cue, "");
            putchar('\n');
        }
        if (q->sentiment.label >= 0) {
            fputs("    sentiment: ", stdout);
            put_name(q->sentiment.label_name, "?");
            printf(" %.2f\n", q->sentiment.confidence);
        }
        for (size_t t = 0; t < stance_quote_target_count(q); t++) {
            const stance_target *tg = stance_quote_target(q, t);
            fputs("    ", stdout);
            put_name(q->speaker, "?");
            fputs(" -> ", stdout);
            put_name(tg->actor, "?");
            fputs(": ", stdout);
            put_name(tg->stance.label_name, "?");
            printf(" %.2f", tg->stance.confidence);
            if (stance_target_relation(tg) != STANCE_RELATION_UNKNOWN) /* sides given: the relation to the speaker */
                printf(" (%s)", stance_relation_name(stance_target_relation(tg)));
            putchar('\n');
            if (tg->stance.n_explain) { /* --explain: why this actor is a target, and its mentions */
                unsigned why = stance_target_reasons(tg);
                printf("        target:%s%s%s%s\n", why & STANCE_TARGET_MENTIONED ? " mentioned" : "",
                       why & STANCE_TARGET_OBJECT ? " object-of-attribution" : "",
                       why & STANCE_TARGET_PRINCIPAL ? " speaker's-principal" : "",
                       why & STANCE_TARGET_ALL ? " all-actors" : "");
                {
                    const double *own = NULL;
                    size_t others = stance_target_pooled(tg, &own);
                    if (others) {
                        printf("        pooled with %zu other quote%s of the speaker on this actor; own:", others,
                               others == 1 ? "" : "s");
                        for (size_t l = 0; l < tg->stance.n_labels; l++)
                            printf(" %s %.2f", tg->stance.label_names[l], own[l]);
                        putchar('\n');
                    }
                }
                for (size_t k = 0; k < tg->n_mentions; k++) {
                    stance_span sp = tg->mentions[k];
                    stance_mention_kind kind = STANCE_MENTION_NAME;
                    const char *rule = "";
                    stance_target_mention(tg, k, NULL, &kind, &rule);
                    printf("        mention [%zu,%zu) \"", sp.start, sp.end);
                    if (sp.start != STANCE_NO_OFFSET)
                        put_plain(text + sp.start, sp.end - sp.start);
                    printf("\" %s (%s)\n", stance_mention_kind_name(kind), rule);
                }
            }
            for (size_t k = 0; k < tg->stance.n_explain; k++) {
                printf("        %+.3f ", tg->stance.explain[k].contribution);
                put_name(tg->stance.explain[k].feature, "");
                putchar('\n');
            }
        }
    }
}

/* A DOT string's contents: quotes and backslashes escaped, control
 * characters as spaces (a graph is read on a terminal too). */
static void dot_escape(const char *s)
{
    for (const char *run = s;; s++) {
        if (*s == '"' || *s == '\\' || !*s) {
            put_plain(run, (size_t)(s - run));
            if (!*s)
                return;
            putchar('\\');
            putchar(*s);
            run = s + 1;
        }
    }
}

static void print_dot(const char *id, const stance_result *res)
{
    printf("digraph \"");
    dot_escape(id ? id : "article");
    printf("\" {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n");
    for (size_t i = 0; i < stance_result_count(res); i++) {
        const stance_quote *q = stance_result_quote(res, i);
        if (!q->speaker)
            continue;
        for (size_t t = 0; t < stance_quote_target_count(q); t++) {
            const stance_target *tg = stance_quote_target(q, t);
            const char *name = tg->stance.label_name ? tg->stance.label_name : "";
            const char *colour = strcmp(name, "favor") == 0 ? "forestgreen" : strcmp(name, "against") == 0 ? "firebrick" : "gray50";
            printf("  \"");
            dot_escape(q->speaker);
            printf("\" -> \"");
            dot_escape(tg->actor);
            printf("\" [color=%s, penwidth=%.2f, label=\"%s %.2f\"];\n", colour, 0.5 + 3.0 * tg->stance.confidence,
                   name, tg->stance.confidence);
        }
    }
    printf("}\n");
}

/* The JSON record (its "cue_span" marks the cue on the page) added to the page:
 * written by result_out() as for --format json (without the id: the page has its
 * own), its reals exact, and read back as the tree html_doc_add() takes. */
static int emit_html(const classify_opts *co, const char *id, const char *text, size_t len, const stance_result *res)
{
    json_out w = JSON_OUT_INIT;
    json_t *o = NULL;
    char msg[256];
    int rc;
    w.exact = 1;
    result_out(&w, NULL, NULL, 0, text, res);
    if (!w.failed)
        o = json_loadb(w.buf, w.len, JSON_ALLOW_NUL, NULL);
    jo_free(&w);
    if (!o) {
        cli_error("%s: out of memory while writing the record", id ? id : "-");
        return CLI_FAIL;
    }
    rc = html_doc_add(co->html, id, text, len, o, msg, sizeof msg);
    json_decref(o);
    if (rc)
        cli_error("%s: html: %s", id ? id : "-", msg);
    return rc ? CLI_FAIL : CLI_OK;
}

/* An article's id: its text for people, and its raw JSON (as the input wrote
 * it) for JSON output; raw = NULL for a file or stdin, named by @p text. */
typedef struct rec_id {
    const char *text;
    const char *raw;
    size_t raw_len;
} rec_id;

static int emit(const classify_opts *co, const rec_id *id, const char *text, const stance_result *res)
{
    if (co->format == FMT_TEXT) {
        print_text(id->text, text, res, co->opts.explain);
    } else if (co->format == FMT_GRAPH) {
        print_dot(id->text, res);
    } else {
        json_out *w = co->out;
        result_out(w, id->raw ? NULL : id->text, id->raw, id->raw_len, text, res);
        if (w->failed) {
            if (w->flushed) { /* the record's start is out: end the broken line, stop */
                fputc('\n', stdout);
                cli_error("%s: out of memory while writing the record; its output line is cut short",
                          id->text ? id->text : "-");
            } else
                cli_error("%s: out of memory while writing the record", id->text ? id->text : "-");
            return CLI_FAIL;
        }
        jo_flush(w); /* a failed write shows in cli_out_failed() below */
    }
    return cli_out_failed() ? CLI_FAIL : CLI_OK;
}

/* --format html: the section of an input that could not be processed. */
static int html_error(const classify_opts *co, const char *id, const char *path, size_t lineno, const char *msg)
{
    char line[CLI_ERRLEN + 32], where[CLI_ERRLEN];
    if (lineno)
        snprintf(line, sizeof line, "line %zu: %s", lineno, msg);
    if (!id && lineno) { /* a record too broken to have an id: its file and line */
        snprintf(where, sizeof where, "%s:%zu", path, lineno);
        id = where;
    }
    if (html_doc_add_error(co->html, id ? id : path, lineno ? line : msg)) {
        cli_error("out of memory");
        return CLI_FAIL;
    }
    return CLI_OK;
}

/* A bad record (@p lineno > 0) or input file (@p lineno 0, or the line a
 * read failed at when @p whole) under --on-error: said on stderr; under
 * "record", an error record takes its place in the output so positions stay
 * aligned. A file's record names it; a record's names it among several FILEs. */
static int input_error(const classify_opts *co, const rec_id *id, const char *path, size_t lineno, int whole,
                       size_t offset, const char *msg)
{
    if (lineno)
        cli_error("%s:%zu: %s", path, lineno, msg);
    else
        cli_error("%s: %s", path, msg);
    if (co->on_error != CLI_ON_ERROR_RECORD)
        return CLI_OK;
    if (co->format == FMT_HTML) /* a section for it on the page, in its place */
        return html_error(co, id->text, path, lineno, msg);
    if (co->format == FMT_TEXT) {
        fputs("== ", stdout);
        put_name(id->text, "-");
        if (lineno)
            printf(": error at line %zu: ", lineno);
        else
            fputs(": error: ", stdout);
        put_name(msg, "");
        putchar('\n');
    } else if (co->format == FMT_GRAPH) {
        fputs("// ", stdout); /* (a line break in the name would end the comment) */
        put_name(path, "");
        if (lineno)
            printf(": error at line %zu\n", lineno);
        else
            fputs(": error\n", stdout);
    } else {
        char *name = whole || co->many ? cli_file_name(path) : NULL;
        int rc = cli_put_error_record(id->raw, id->raw_len, name, lineno, offset, msg);
        free(name);
        return rc;
    }
    return cli_out_failed() ? CLI_FAIL : CLI_OK;
}

/* A JSONL FILE that cannot be opened or read on (@p msg from cli_lines, which
 * starts with the file and line: the record has them as members). */
static int jsonl_file_error(const classify_opts *co, const char *path, size_t lineno, const char *msg)
{
    rec_id id = {NULL, NULL, 0};
    size_t n = strlen(path);
    char *name = cli_file_name(path);
    int rc;
    id.text = name ? name : path;
    if (strncmp(msg, path, n) == 0 && msg[n] == ':') {
        msg += n + 1;
        msg += strspn(msg, "0123456789");
        msg += *msg == ':';
        msg += strspn(msg, " ");
    }
    rc = input_error(co, &id, path, lineno, 1, STANCE_NO_OFFSET, msg);
    free(name);
    return rc;
}

/* Classify one article; on a library error fills @p msg and @p offset (the
 * byte it reports in the text, or STANCE_NO_OFFSET) and returns 1 (a bad
 * record), on an output failure returns -1. */
static int run_one(const stance_model *model, const classify_opts *co, const rec_id *id, const char *text, size_t len,
                   const actor_list *actors, char *msg, size_t msglen, size_t *offset)
{
    stance_input in = STANCE_INPUT_INIT;
    stance_options opts;
    stance_result *res = NULL;
    stance_error err;
    int rc;
    in.text = text;
    in.text_len = len;
    if (actors->set)
        in.actor_set = actors->set;
    else {
        in.actors = actors->a;
        in.n_actors = actors->n;
    }
    if (actors->has_sides && actors->n)
        in.actor_sides = actors->sides;
    opts = co->opts;
    if (co->mentioned_only > 0 || (co->mentioned_only < 0 && actors->keep)) /* a watch list: its mentioned ones */
        opts.flags |= STANCE_OPT_MENTIONED_ONLY;
    rc = stance_classify(model, &in, &opts, &res, &err);
    if (rc != STANCE_OK) {
        if (err.offset != STANCE_NO_OFFSET)
            snprintf(msg, msglen, "%s (byte %zu)", err.message, err.offset);
        else
            snprintf(msg, msglen, "%s", err.message);
        *offset = err.offset;
        return 1;
    }
    rc = co->format == FMT_HTML ? emit_html(co, id->text, text, len, res) : emit(co, id, text, res);
    stance_result_free(res);
    return rc == CLI_OK ? 0 : -1;
}

/* The "side" of actor @p where of a record (object @p v) into l->sides[l->n]: a
 * string (the library checks its UTF-8 and length) or null, and the list then
 * passes sides. -1 with @p msg set for anything else. */
static int record_side(json_t *v, const char *where, actor_list *l, char *msg, size_t msglen)
{
    json_t *sd = json_object_get(v, "side");
    if (!sd)
        return 0;
    l->has_sides = 1;
    if (json_is_null(sd))
        return 0;
    if (!json_is_string(sd) || strlen(json_string_value(sd)) != json_string_length(sd)) {
        snprintf(msg, msglen, "%s: \"side\" must be a string without NUL, or null", where);
        return -1;
    }
    l->sides[l->n] = json_string_value(sd);
    return 0;
}

/* One actor (@p v: a string or {"name", "aliases": [...], "side"}) appended to
 * @p l; strings point into @p v. -1 with @p msg set for a bad one, whose
 * message starts with @p where ("actors[2]"). */
static int record_actor(json_t *v, const char *where, actor_list *l, char *msg, size_t msglen)
{
    json_t *jn = json_is_object(v) ? json_object_get(v, "name") : v;
    if (grow_actors(l)) {
        snprintf(msg, msglen, "out of memory");
        return -1;
    }
    if (!json_is_string(jn)) {
        snprintf(msg, msglen, "%s: an actor is a string or {\"name\": string, \"aliases\": [strings]}", where);
        return -1;
    }
    if (blank(json_string_value(jn)) || strlen(json_string_value(jn)) != json_string_length(jn)) {
        snprintf(msg, msglen, "%s: the name is empty, only white space, or holds a NUL", where);
        return -1;
    }
    l->a[l->n].name = json_string_value(jn);
    if (json_is_object(v) && record_side(v, where, l, msg, msglen))
        return -1;
    if (json_is_object(v)) {
        json_t *al = json_object_get(v, "aliases"), *x;
        size_t k;
        if (al && !json_is_null(al) && !json_is_array(al)) {
            snprintf(msg, msglen, "%s: \"aliases\" must be an array of strings", where);
            return -1;
        }
        if (json_array_size(al)) {
            char **as = calloc(json_array_size(al), sizeof *as);
            size_t n = 0;
            if (!as) {
                snprintf(msg, msglen, "out of memory");
                return -1;
            }
            l->alias_store[l->n] = as;
            json_array_foreach(al, k, x) {
                if (!json_is_string(x) || blank(json_string_value(x)) ||
                    strlen(json_string_value(x)) != json_string_length(x)) {
                    l->n++; /* so free_actors() frees as */
                    snprintf(msg, msglen, "%s.aliases[%zu]: an alias is a non-blank string", where, k);
                    return -1;
                }
                as[n++] = (char *)json_string_value(x);
            }
            l->a[l->n].aliases = (const char *const *)as;
            l->a[l->n].n_aliases = n;
        }
    }
    l->n++;
    return 0;
}

/* Actors of a JSONL record: an array of record_actor()'s. -1 with @p msg set for a bad one. */
static int record_actors(json_t *arr, actor_list *l, char *msg, size_t msglen)
{
    size_t i;
    json_t *v;
    if (!arr || json_is_null(arr))
        return 0;
    if (!json_is_array(arr)) {
        snprintf(msg, msglen, "\"actors\" must be an array");
        return -1;
    }
    json_array_foreach(arr, i, v) {
        char where[32];
        snprintf(where, sizeof where, "actors[%zu]", i);
        if (record_actor(v, where, l, msg, msglen))
            return -1;
    }
    return 0;
}

/* --actors FILE: a watch list, one actor a line written as a JSONL record's
 * actor (blank lines skipped), appended to @p l; the parsed lines are kept in
 * l->keep, which the names point into. CLI_OK, or CLI_FAIL (a file that
 * cannot be read) or CLI_USAGE (a bad line), said with the file and line. */
static int load_actor_file(actor_list *l, const char *path)
{
    cli_lines in;
    const char *line;
    size_t n;
    int got, status = CLI_OK;
    char msg[CLI_ERRLEN];
    if (!l->keep && !(l->keep = json_array())) {
        cli_error("out of memory");
        return CLI_FAIL;
    }
    if (cli_lines_open(&in, path, msg, sizeof msg)) {
        cli_error("classify: --actors: %s", msg);
        return CLI_FAIL;
    }
    while (status == CLI_OK && (got = cli_lines_next(&in, &line, &n, msg, sizeof msg)) == 1) {
        json_error_t jerr;
        json_t *v = json_loadb(line, n, JSON_DECODE_ANY, &jerr);
        if (!v)
            snprintf(msg, sizeof msg, "malformed JSON: %s (column %d)", jerr.text, jerr.column);
        if (!v || json_array_append_new(l->keep, v) || record_actor(v, "actor", l, msg, sizeof msg)) {
            cli_error("classify: --actors %s:%zu: %s", path, in.lineno, msg);
            status = CLI_USAGE;
        }
    }
    if (status == CLI_OK && got < 0) {
        cli_error("classify: --actors: %s", msg);
        status = CLI_FAIL;
    }
    cli_lines_close(&in);
    return status;
}

/* A record's boolean member @p key: 1 true, 0 false, -2 null or absent (as
 * the options say), -1 with @p msg set for any other value. */
static int record_bool(json_t *rec, const char *key, char *msg, size_t msglen)
{
    json_t *v = json_object_get(rec, key);
    if (!v || json_is_null(v))
        return -2;
    if (!json_is_boolean(v)) {
        snprintf(msg, msglen, "\"%s\" must be true, false or null", key);
        return -1;
    }
    return json_is_true(v);
}

/* A record's "discover_others": true or false sets or clears
 * STANCE_OPT_DISCOVER_OTHERS in @p co for it, its "mentioned_only" sets
 * co->mentioned_only (null or absent: as the options say). -1 with @p msg set
 * for any other value. */
static int record_discover(json_t *rec, classify_opts *co, char *msg, size_t msglen)
{
    int d = record_bool(rec, "discover_others", msg, msglen), m;
    if (d == -1 || (m = record_bool(rec, "mentioned_only", msg, msglen)) == -1)
        return -1;
    if (d == 1)
        co->opts.flags |= STANCE_OPT_DISCOVER_OTHERS;
    else if (d == 0)
        co->opts.flags &= ~STANCE_OPT_DISCOVER_OTHERS;
    if (m >= 0)
        co->mentioned_only = m;
    return 0;
}

/* The previous JSONL record's actors, compiled: a run of records with the
 * same actors compiles them once. */
typedef struct actor_cache {
    char *key; /* the actors as compact JSON */
    stance_actorset *set;
} actor_cache;

/* Point @p al at a compiled set of its actors, reusing the cached one when the
 * record's actors equal the previous record's. An invalid list is left to the
 * per-record path, where stance_classify() reports it. */
static void cache_actors(const stance_model *model, const classify_opts *co, json_t *arr, actor_list *al,
                         actor_cache *c)
{
    stance_error aerr;
    char *key = json_is_array(arr) && json_array_size(arr) ? json_dumps(arr, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
    if (!key)
        return;
    if (c->key && strcmp(key, c->key) == 0) {
        free(key);
        al->set = c->set;
        return;
    }
    stance_actorset_free(c->set);
    free(c->key);
    c->set = NULL;
    c->key = NULL;
    if (stance_actorset_new(model, al->a, al->n, co->opts.flags & STANCE_OPT_ACTORS_CASELESS, &c->set, &aerr) ==
        STANCE_OK) {
        c->key = key;
        al->set = c->set;
    } else
        free(key);
}

/* The record's "text" without a jansson string of it (cli_json_text_span):
 * jansson parses the record with the text's token replaced by "" (in
 * @p shortbuf), the token is decoded in place in @p line. NULL when the fast
 * path does not apply or the shortened record does not parse (the caller
 * parses the whole line, so errors read as jansson words them). */
static json_t *load_short(char *line, size_t n, char **shortbuf, size_t *shortcap, size_t *t0, size_t *t1)
{
    size_t len;
    json_error_t jerr;
    if (cli_json_text_span(line, n, t0, t1))
        return NULL;
    len = *t0 + 2 + (n - *t1);
    if (len > *shortcap) {
        char *nb = realloc(*shortbuf, len);
        if (!nb)
            return NULL;
        *shortbuf = nb;
        *shortcap = len;
    }
    memcpy(*shortbuf, line, *t0);
    memcpy(*shortbuf + *t0, "\"\"", 2);
    memcpy(*shortbuf + *t0 + 2, line + *t1, n - *t1);
    return json_loadb(*shortbuf, len, JSON_ALLOW_NUL, &jerr);
}

#define FAST_MEMBERS 16
#define FAST_ID_MAX 512 /* an "id" token decoded on the stack: idbuf keeps 255 bytes of it */

/* A record read without jansson: when cli_json_members() finds nothing in
 * doubt (so jansson would read it, and with the same members), the record has
 * a "text" string and no "actors", "discover_others" nor "mentioned_only": 0, the text's token [*t0, *t1) and the id's
 * [*i0, *i1) (empty without one). Else -1, and the caller takes jansson's path,
 * whose checks and messages are the same as before. */
static int fast_members(const char *line, size_t n, size_t *t0, size_t *t1, size_t *i0, size_t *i1)
{
    cli_json_member m[FAST_MEMBERS];
    int k = cli_json_members(line, n, m, FAST_MEMBERS), text = -1;
    *i0 = *i1 = 0;
    for (int i = 0; i < k; i++) {
        const char *key = line + m[i].k0;
        const size_t len = m[i].k1 - m[i].k0;
        if (len == 4 && !memcmp(key, "text", 4))
            text = i;
        else if (len == 2 && !memcmp(key, "id", 2)) {
            *i0 = m[i].v0;
            *i1 = m[i].v1;
        } else if ((len == 6 && !memcmp(key, "actors", 6)) || (len == 15 && !memcmp(key, "discover_others", 15)) ||
                   (len == 14 && !memcmp(key, "mentioned_only", 14)))
            return -1;
    }
    if (text < 0 || line[m[text].v0] != '"' || (*i1 > *i0 && line[*i0] == '"' && *i1 - *i0 > FAST_ID_MAX))
        return -1;
    *t0 = m[text].v0;
    *t1 = m[text].v1;
    return 0;
}

/* The id as jsonl_record() gives it from jansson's value: a string's decoded
 * bytes (at most idlen - 1), any other value as written (at most 200 bytes),
 * the line number without one; @p id->raw is the token as written. */
static void fast_id(const char *line, size_t i0, size_t i1, size_t lineno, rec_id *id, char *idbuf, size_t idlen)
{
    if (i1 == i0) {
        snprintf(idbuf, idlen, "%zu", lineno);
    } else if (line[i0] == '"') {
        char tok[FAST_ID_MAX];
        size_t len;
        memcpy(tok, line + i0, i1 - i0);
        len = cli_json_unescape(tok, 0, i1 - i0);
        snprintf(idbuf, idlen, "%.*s", (int)len, tok);
    } else {
        snprintf(idbuf, idlen, "%.*s", (int)(i1 - i0 < 200 ? i1 - i0 : 200), line + i0);
    }
    if (i1 > i0) {
        id->raw = line + i0;
        id->raw_len = i1 - i0;
    }
    id->text = idbuf;
}

/* Reused from record to record by jsonl_record(). */
typedef struct jsonl_bufs {
    char *shortbuf;
    size_t shortcap;
} jsonl_bufs;

/* One JSONL record: 0 done, 1 a bad record (@p msg says why, @p offset
 * where in the text if the library says; @p id is filled as far as known),
 * -1 output failed. @p line is changed in place. */
static int jsonl_record(const stance_model *model, const classify_opts *co, char *line, size_t n, size_t lineno,
                        const actor_list *cli_actors, actor_cache *cache, jsonl_bufs *bufs, rec_id *id, char *idbuf,
                        size_t idlen, char *msg, size_t msglen, size_t *offset)
{
    json_error_t jerr;
    json_t *rec, *jtext, *jid;
    actor_list al = {0};
    classify_opts rco = *co; /* with the record's own "discover_others", "mentioned_only" */
    size_t r0, r1, t0 = 0, t1 = 0;
    const char *text = NULL;
    size_t text_len = 0;
    int rc, fast;
    if (fast_members(line, n, &t0, &t1, &r0, &r1) == 0) {
        fast_id(line, r0, r1, lineno, id, idbuf, idlen); /* (before the text is decoded in place) */
        text_len = cli_json_unescape(line, t0, t1);
        return run_one(model, co, id, line + t0, text_len, cli_actors, msg, msglen, offset);
    }
    rec = load_short(line, n, &bufs->shortbuf, &bufs->shortcap, &t0, &t1);
    fast = rec != NULL;
    if (!rec)
        rec = json_loadb(line, n, JSON_ALLOW_NUL, &jerr);
    if (!rec) {
        snprintf(msg, msglen, "malformed JSON: %s (column %d)", jerr.text, jerr.column);
        return 1;
    }
    jid = json_object_get(rec, "id");
    if (jid && cli_json_id_raw(line, n, &r0, &r1) == 0) { /* (before the text is decoded in place) */
        id->raw = line + r0;
        id->raw_len = r1 - r0;
    }
    if (json_is_string(jid))
        snprintf(idbuf, idlen, "%s", json_string_value(jid));
    else if (jid && id->raw)
        snprintf(idbuf, idlen, "%.*s", (int)(id->raw_len < 200 ? id->raw_len : 200), id->raw);
    else
        snprintf(idbuf, idlen, "%zu", lineno);
    id->text = idbuf;
    if (!json_is_object(rec)) {
        snprintf(msg, msglen, "not a JSON object");
        json_decref(rec);
        return 1;
    }
    jtext = json_object_get(rec, "text");
    if (!json_is_string(jtext)) {
        snprintf(msg, msglen, "record has no \"text\" string");
        json_decref(rec);
        return 1;
    }
    if (fast) {
        text = line + t0;
        text_len = cli_json_unescape(line, t0, t1);
    } else {
        text = json_string_value(jtext);
        text_len = json_string_length(jtext);
    }
    if (record_discover(rec, &rco, msg, msglen) || record_actors(json_object_get(rec, "actors"), &al, msg, msglen)) {
        free_actors(&al);
        json_decref(rec);
        return 1;
    }
    if (al.n)
        cache_actors(model, co, json_object_get(rec, "actors"), &al, cache);
    if (jid && !id->raw) { /* "id" spelt with escapes: the parsed value */
        char *s = json_dumps(jid, JSON_ENCODE_ANY | JSON_COMPACT);
        if (s) {
            size_t k = strlen(s) < idlen - 1 ? strlen(s) : idlen - 1;
            memmove(idbuf, s, k);
            idbuf[k] = '\0';
            free(s);
            id->raw = idbuf;
            id->raw_len = k;
        }
    }
    rc = run_one(model, &rco, id, text, text_len, al.n ? &al : cli_actors, msg, msglen, offset);
    free_actors(&al);
    json_decref(rec);
    return rc;
}

static int run_jsonl(const stance_model *model, const classify_opts *co, const char *path, const actor_list *cli_actors)
{
    cli_lines in;
    char *line;
    size_t n;
    int got, status = CLI_OK;
    char msg[CLI_ERRLEN];
    actor_cache cache = {NULL, NULL};
    jsonl_bufs bufs = {NULL, 0};
    if (cli_lines_open(&in, path, msg, sizeof msg)) {
        jsonl_file_error(co, path, 0, msg);
        return CLI_FAIL;
    }
    while ((got = cli_lines_next_rw(&in, &line, &n, msg, sizeof msg)) == 1) {
        char idbuf[256];
        rec_id id = {NULL, NULL, 0};
        size_t offset = STANCE_NO_OFFSET;
        int rc = jsonl_record(model, co, line, n, in.lineno, cli_actors, &cache, &bufs, &id, idbuf, sizeof idbuf,
                              msg, sizeof msg, &offset);
        if (rc < 0)
            break;
        if (rc > 0) {
            status = CLI_FAIL;
            if (input_error(co, &id, path, in.lineno, 0, offset, msg) || co->on_error == CLI_ON_ERROR_STOP)
                break;
        }
    }
    if (got < 0) {
        jsonl_file_error(co, path, in.lineno + 1, msg);
        status = CLI_FAIL;
    }
    cli_lines_close(&in);
    free(bufs.shortbuf);
    free(cache.key);
    stance_actorset_free(cache.set);
    return cli_out_failed() ? CLI_FAIL : status;
}

/* One plain-text article FILE ("-": stdin) whose record's id is its name. A
 * file that cannot be read or classified gets an error record in its place. */
static int run_file(const stance_model *model, const classify_opts *co, const char *path, const actor_list *actors)
{
    char *text = NULL, *raw, *name = cli_file_name(path), msg[CLI_ERRLEN];
    size_t len = 0, bom, offset = STANCE_NO_OFFSET;
    rec_id id = {NULL, NULL, 0};
    json_t *js;
    int rc;
    id.text = name ? name : path;
    if (cli_read_file_msg(path, &text, &len, msg, sizeof msg) == CLI_OK) {
        /* a byte-order mark is not text: offsets count from after it */
        bom = cli_bom_len(text, len);
        rc = run_one(model, co, &id, text + bom, len - bom, actors, msg, sizeof msg, &offset);
        free(text);
        if (rc <= 0) {
            free(name);
            return rc ? CLI_FAIL : CLI_OK;
        }
    }
    /* the error record's id as a record's would be ("stdin" or the name, as JSON) */
    js = json_string(id.text);
    raw = js ? json_dumps(js, JSON_ENCODE_ANY | JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
    json_decref(js);
    if (raw) {
        id.raw = raw;
        id.raw_len = strlen(raw);
    }
    input_error(co, &id, path, 0, 1, offset, msg);
    free(raw);
    free(name);
    return CLI_FAIL;
}

static const struct option classify_lopts[] = {
    {"model", required_argument, NULL, 'm'},   {"actor", required_argument, NULL, 'a'},
    {"jsonl", no_argument, NULL, 'J'},         {"format", required_argument, NULL, 'f'},
    {"graph", no_argument, NULL, 'G'},         {"explain", required_argument, NULL, 'e'},
    {"indirect", no_argument, NULL, 'I'},      {"all-actors", no_argument, NULL, 'A'},
    {"caseless", no_argument, NULL, 'C'},      {"help", no_argument, NULL, 'h'},
    {"on-error", required_argument, NULL, 'O'}, {"pool", no_argument, NULL, 'P'},
    {"side", required_argument, NULL, 'S'},    {"actors", required_argument, NULL, 'L'},
    {"discover-others", no_argument, NULL, 'D'}, {"mentioned-only", no_argument, NULL, 'W'},
    {"all-listed", no_argument, NULL, 'w'},    {NULL, 0, NULL, 0}};

/* One option (@p c, optarg) of `classify`: -1 to go on, else the exit status (said; --help: CLI_OK). */
static int classify_option(classify_opts *co, actor_list *actors, const char **model_path, int c)
{
    static const char *const formats[] = {"json", "text", "dot", "html"};
    static const out_format format_of[] = {FMT_JSON, FMT_TEXT, FMT_GRAPH, FMT_HTML};
    switch (c) {
    case 'm': *model_path = optarg; break;
    case 'a': {
        stance_error e;
        int r;
        if (stance_utf8_check(optarg, strlen(optarg), &e) != STANCE_OK) { /* a usage error, as other bad -a values */
            cli_error("classify: --actor '%s': not valid UTF-8 (byte %zu)", optarg, e.offset);
            return CLI_USAGE;
        }
        r = add_actor(actors, optarg);
        if (r == -2)
            cli_error("classify: --actor '%s': the name is empty or only white space", optarg);
        else if (r == -3)
            cli_error("classify: --actor '%s': an alias is empty or only white space", optarg);
        else if (r)
            cli_error("out of memory");
        if (r)
            return r == -1 ? CLI_FAIL : CLI_USAGE;
        break;
    }
    case 'S': {
        char **nsp = realloc(actors->side_specs, (actors->n_side_specs + 1) * sizeof *nsp);
        if (!nsp) {
            cli_error("out of memory");
            return CLI_FAIL;
        }
        actors->side_specs = nsp;
        nsp[actors->n_side_specs++] = optarg;
        break;
    }
    case 'O':
        if (cli_on_error("classify", optarg, &co->on_error))
            return CLI_USAGE;
        break;
    case 'J': co->jsonl = 1; break;
    case 'f': {
        size_t k = 0;
        while (k < 4 && strcmp(optarg, formats[k]) != 0)
            k++;
        if (k == 4) {
            cli_error("classify: unknown format '%s' (json, text, dot, html)", optarg);
            return CLI_USAGE;
        }
        co->format = format_of[k];
        break;
    }
    case 'G': co->format = FMT_GRAPH; break;
    case 'e': {
        long k;
        if (cli_num_long("classify", "--explain", optarg, 0, 1000, &k))
            return CLI_USAGE;
        co->opts.explain = (unsigned)k;
        break;
    }
    case 'I': co->opts.flags |= STANCE_OPT_INDIRECT; break;
    case 'A': co->opts.flags |= STANCE_OPT_ALL_ACTORS; break;
    case 'C': co->opts.flags |= STANCE_OPT_ACTORS_CASELESS; break;
    case 'P': co->opts.flags |= STANCE_OPT_POOL; break;
    case 'D': co->opts.flags |= STANCE_OPT_DISCOVER_OTHERS; break;
    case 'W': co->mentioned_only = 1; break;
    case 'w': co->mentioned_only = 0; break;
    case 'L': {
        int r = load_actor_file(actors, optarg);
        if (r != CLI_OK)
            return r;
        break;
    }
    case 'h': help(); return CLI_OK;
    default: return CLI_USAGE;
    }
    return -1;
}

/* Each --side NAME=LABEL onto the -a actor named NAME: CLI_OK, or CLI_USAGE (said) for a spec
 * without '=' or NAME, an invalid label, or a NAME no -a actor has. A label that is empty or only
 * ASCII white space (what stance_input.actor_sides and a record's "side" take as unknown) is
 * refused too: a flag without its value is a typing mistake, and no --side leaves a side unknown. */
static int resolve_sides(actor_list *actors)
{
    for (size_t k = 0; k < actors->n_side_specs; k++) {
        char *spec = actors->side_specs[k], *eq = strchr(spec, '=');
        stance_error e;
        size_t i;
        if (!eq || eq == spec) {
            cli_error("classify: --side '%s': give NAME=LABEL, both non-empty", spec);
            return CLI_USAGE;
        }
        if (!eq[strspn(eq + 1, " \t\n\v\f\r") + 1]) {
            cli_error("classify: --side '%s': the label is empty or only white space (for an unknown side "
                      "give no --side)", spec);
            return CLI_USAGE;
        }
        if (stance_utf8_check(eq + 1, strlen(eq + 1), &e) != STANCE_OK) {
            cli_error("classify: --side '%s': the label is not valid UTF-8 (byte %zu)", spec, e.offset);
            return CLI_USAGE;
        }
        for (i = 0; i < actors->n; i++)
            if (strlen(actors->a[i].name) == (size_t)(eq - spec) && !memcmp(actors->a[i].name, spec, eq - spec))
                break;
        if (i == actors->n) {
            cli_error("classify: --side '%s': no -a or --actors actor is named '%.*s'", spec, (int)(eq - spec), spec);
            return CLI_USAGE;
        }
        actors->sides[i] = eq + 1;
        actors->has_sides = 1;
    }
    return CLI_OK;
}

/* The model, the scratch, the page (--format html) and the compiled -a actors: CLI_OK, or CLI_FAIL (said). */
static int classify_setup(int argc, char **argv, const char *model_path, stance_model **model, classify_opts *co,
                          actor_list *actors)
{
    stance_error err;
    if (cli_open_model(model_path, model))
        return CLI_FAIL;
    if (stance_scratch_new(&co->opts.scratch, &err)) {
        cli_error("%s", err.message);
        return CLI_FAIL;
    }
    if (co->format == FMT_HTML &&
        html_doc_new(argc - optind == 1 && !co->jsonl ? argv[optind] : "stance report", NULL, &co->html)) {
        cli_error("out of memory");
        return CLI_FAIL;
    }
    /* The -a actors serve every article: compile them once. */
    if (actors->n && stance_actorset_new(*model, actors->a, actors->n, co->opts.flags & STANCE_OPT_ACTORS_CASELESS,
                                         &actors->set, &err)) {
        cli_error("classify: -a: %s", err.message);
        return CLI_FAIL;
    }
    return CLI_OK;
}

/* Every input (the FILEs, else stdin) classified and written. */
static int classify_inputs(int argc, char **argv, const stance_model *model, classify_opts *co,
                           const actor_list *actors)
{
    int nfiles = argc - optind, status = CLI_OK;
    for (int i = 0; i < (nfiles > 0 ? nfiles : 1); i++) /* before any output: no input is stdout */
        if (cli_not_stdout(nfiles > 0 ? argv[optind + i] : "-")) {
            html_doc_free(co->html); /* (no page either) */
            co->html = NULL;
            return CLI_FAIL;
        }
    co->many = nfiles > 1;
    for (int i = 0; i < (nfiles ? nfiles : 1); i++) {
        const char *path = nfiles ? argv[optind + i] : "-";
        int rc = co->jsonl ? run_jsonl(model, co, path, actors) : run_file(model, co, path, actors);
        if (rc)
            status = CLI_FAIL;
        if (cli_out_flush() || (rc && co->on_error == CLI_ON_ERROR_STOP))
            break;
    }
    return status;
}

/* --format html: the page, with what could be read even when some input failed. */
static int write_page(html_doc *html)
{
    size_t n = 0;
    char *page = html_doc_render(html, 0, &n);
    int status = CLI_OK;
    if (!page)
        cli_error("out of memory");
    else
        fwrite(page, 1, n, stdout);
    if (!page || cli_out_flush()) /* a write error is said once, with its reason, at exit */
        status = CLI_FAIL;
    free(page);
    return status;
}

int cmd_classify(int argc, char **argv)
{
    classify_opts co;
    json_out out = JSON_OUT_INIT;
    actor_list actors = {0};
    const char *model_path = NULL;
    stance_model *model = NULL;
    int c, status = -1;

    memset(&co, 0, sizeof co);
    co.opts.size = sizeof co.opts;
    co.mentioned_only = -1;
    out.sink = stdout; /* a large record is written in pieces */
    co.out = &out;
    optind = 1;
    while (status < 0 && (c = cli_getopt("classify", argc, argv, "m:a:f:e:h", classify_lopts)) != -1)
        status = classify_option(&co, &actors, &model_path, c);
    if (status < 0 && resolve_sides(&actors))
        status = CLI_USAGE;
    if (status < 0 && (status = classify_setup(argc, argv, model_path, &model, &co, &actors)) == CLI_OK) {
        status = classify_inputs(argc, argv, model, &co, &actors);
        if (co.html && write_page(co.html))
            status = CLI_FAIL;
    }
    html_doc_free(co.html);
    stance_actorset_free(actors.set);
    stance_scratch_free(co.opts.scratch);
    stance_model_free(model);
    free_actors(&actors);
    jo_free(&out);
    return status;
}
