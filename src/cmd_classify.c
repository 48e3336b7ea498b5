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

typedef enum { FMT_JSON, FMT_TEXT, FMT_GRAPH } out_format;

typedef struct actor_list {
    stance_actor *a;
    char ***alias_store;
    size_t n;
    stance_actorset *set;       /* the list compiled, when it serves many articles (or NULL) */
} actor_list;

typedef struct classify_opts {
    stance_options opts;
    out_format format;
    int jsonl;
} classify_opts;

static void help(void)
{
    printf("Usage: stance classify [OPTIONS] [FILE...]\n"
           "Find the quotes in plain-text articles (FILEs, or stdin), their speakers, their sentiment\n"
           "and the speaker's stance toward each actor they concern.\n\n"
           "  -m, --model PATH      model file (default: $STANCE_MODEL, else %s)\n"
           "  -a, --actor SPEC      an actor: \"Name|Alias|Alias\" (repeatable); none = discover actors\n"
           "      --jsonl           input is JSONL records {\"id\", \"text\", \"actors\"} (a stream filter)\n"
           "  -f, --format FMT      json (default: one JSON object per article), text, or dot\n"
           "      --graph           same as --format dot: speaker -> actor stance graph in Graphviz DOT\n"
           "  -e, --explain K       report the K features that pushed each decision hardest\n"
           "      --indirect        also extract indirect (reported) speech\n"
           "      --all-actors      score every actor for every quote, mentioned or not\n"
           "      --caseless        match actor names regardless of case\n"
           "  -h, --help            this help\n\n"
           "Exit status: 0 ok, 1 an input or the model could not be processed, 2 usage error.\n",
           stance_default_model_path());
}

/* Split "Name|Alias|Alias" into an actor; strings point into @p spec (modified). */
static int add_actor(actor_list *l, char *spec)
{
    stance_actor *na = realloc(l->a, (l->n + 1) * sizeof *na);
    char ***ns = realloc(l->alias_store, (l->n + 1) * sizeof *ns);
    char **aliases = NULL;
    size_t n_alias = 0;
    char *p, *bar;
    if (na)
        l->a = na;
    if (ns)
        l->alias_store = ns;
    if (!na || !ns)
        return -1;
    p = spec;
    bar = strchr(p, '|');
    if (bar)
        *bar = '\0';
    l->a[l->n].name = p;
    while (bar) {
        char **nal;
        p = bar + 1;
        bar = strchr(p, '|');
        if (bar)
            *bar = '\0';
        if (!*p)
            continue;
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
    memset(l, 0, sizeof *l);
}

static json_t *span_json(stance_span s)
{
    if (s.start == STANCE_NO_OFFSET)
        return json_null();
    return json_pack("[II]", (json_int_t)s.start, (json_int_t)s.end);
}

static json_t *decision_json(const stance_decision *d)
{
    json_t *o, *probs;
    if (d->label < 0)
        return json_null();
    probs = json_object();
    for (size_t i = 0; i < d->n_labels; i++)
        json_object_set_new(probs, d->label_names[i], json_real(d->probs[i]));
    o = json_pack("{s:s, s:f, s:o}", "label", d->label_name, "confidence", d->confidence, "probs", probs);
    if (d->n_explain) {
        json_t *ex = json_array();
        for (size_t i = 0; i < d->n_explain; i++)
            json_array_append_new(ex, json_pack("{s:s, s:f}", "feature", d->explain[i].feature, "contribution",
                                                d->explain[i].contribution));
        json_object_set_new(o, "explain", ex);
    }
    return o;
}

static const char *type_name(stance_quote_type t)
{
    return t == STANCE_QUOTE_DIRECT ? "direct" : t == STANCE_QUOTE_PARTIAL ? "partial" : "indirect";
}

static json_t *result_json(const char *id, const char *text, const stance_result *res)
{
    json_t *quotes = json_array(), *ents = json_array(), *o;
    for (size_t i = 0; i < stance_result_count(res); i++) {
        const stance_quote *q = stance_result_quote(res, i);
        json_t *jq = json_object(), *st = json_array();
        json_object_set_new(jq, "start", json_integer((json_int_t)q->span.start));
        json_object_set_new(jq, "end", json_integer((json_int_t)q->span.end));
        json_object_set_new(jq, "text", json_stringn(text + q->span.start, q->span.end - q->span.start));
        json_object_set_new(jq, "type", json_string(type_name(q->type)));
        if (q->speaker)
            json_object_set_new(jq, "speaker",
                                json_pack("{s:s, s:I, s:I, s:s?}", "name", q->speaker, "start",
                                          (json_int_t)q->speaker_span.start, "end", (json_int_t)q->speaker_span.end,
                                          "role", q->speaker_role));
        else
            json_object_set_new(jq, "speaker", json_null());
        json_object_set_new(jq, "cue", q->cue ? json_string(q->cue) : json_null());
        json_object_set_new(jq, "sentiment", decision_json(&q->sentiment));
        for (size_t t = 0; t < stance_quote_target_count(q); t++) {
            const stance_target *tg = stance_quote_target(q, t);
            json_t *d = decision_json(&tg->stance), *ms = json_array();
            for (size_t k = 0; k < tg->n_mentions; k++)
                json_array_append_new(ms, span_json(tg->mentions[k]));
            if (json_is_object(d)) {
                json_object_set_new(d, "actor", json_string(tg->actor));
                json_object_set_new(d, "where", json_string(tg->where == STANCE_WHERE_QUOTE         ? "quote"
                                                            : tg->where == STANCE_WHERE_ATTRIBUTION ? "attribution"
                                                                                                    : "none"));
                json_object_set_new(d, "mentions", ms);
                json_array_append_new(st, d);
            } else {
                json_decref(ms);
            }
        }
        json_object_set_new(jq, "stances", st);
        json_array_append_new(quotes, jq);
    }
    for (size_t i = 0; i < stance_result_entity_count(res); i++) {
        const stance_entity *e = stance_result_entity(res, i);
        json_t *ms = json_array();
        for (size_t k = 0; k < e->n_mentions; k++)
            json_array_append_new(ms, span_json(e->mentions[k]));
        json_array_append_new(ents, json_pack("{s:s, s:b, s:o}", "name", e->name, "discovered", e->discovered,
                                              "mentions", ms));
    }
    o = json_object();
    if (id)
        json_object_set_new(o, "id", json_string(id));
    json_object_set_new(o, "quotes", quotes);
    json_object_set_new(o, "actors", ents);
    return o;
}

static void print_text(const char *id, const char *text, const stance_result *res)
{
    printf("== %s: %zu quote%s\n", id ? id : "-", stance_result_count(res), stance_result_count(res) == 1 ? "" : "s");
    for (size_t i = 0; i < stance_result_count(res); i++) {
        const stance_quote *q = stance_result_quote(res, i);
        size_t len = q->span.end - q->span.start;
        printf("[%zu,%zu) %-8s %s%s%s\n", q->span.start, q->span.end, type_name(q->type),
               q->speaker ? q->speaker : "(unknown speaker)", q->speaker_role ? ", " : "",
               q->speaker_role ? q->speaker_role : "");
        printf("    \"%.*s%s\"\n", (int)(len > 100 ? 100 : len), text + q->span.start, len > 100 ? "..." : "");
        if (q->sentiment.label >= 0)
            printf("    sentiment: %s %.2f\n", q->sentiment.label_name, q->sentiment.confidence);
        for (size_t t = 0; t < stance_quote_target_count(q); t++) {
            const stance_target *tg = stance_quote_target(q, t);
            printf("    %s -> %s: %s %.2f\n", q->speaker ? q->speaker : "?", tg->actor, tg->stance.label_name,
                   tg->stance.confidence);
            for (size_t k = 0; k < tg->stance.n_explain; k++)
                printf("        %+.3f %s\n", tg->stance.explain[k].contribution, tg->stance.explain[k].feature);
        }
    }
}

static void dot_escape(const char *s)
{
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            putchar('\\');
        putchar(*s);
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

static int emit(const classify_opts *co, const char *id, const char *text, const stance_result *res)
{
    if (co->format == FMT_TEXT) {
        print_text(id, text, res);
    } else if (co->format == FMT_GRAPH) {
        print_dot(id, res);
    } else {
        json_t *o = result_json(id, text, res);
        char *s = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(6));
        json_decref(o);
        if (!s) {
            cli_error("out of memory");
            return CLI_FAIL;
        }
        puts(s);
        free(s);
    }
    return CLI_OK;
}

static int run_one(const stance_model *model, const classify_opts *co, const char *id, const char *text, size_t len,
                   const actor_list *actors, const char *where)
{
    stance_input in = STANCE_INPUT_INIT;
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
    rc = stance_classify(model, &in, &co->opts, &res, &err);
    if (rc != STANCE_OK) {
        if (err.offset != STANCE_NO_OFFSET)
            cli_error("%s: %s (byte %zu)", where, err.message, err.offset);
        else
            cli_error("%s: %s", where, err.message);
        return CLI_FAIL;
    }
    rc = emit(co, id, text, res);
    stance_result_free(res);
    return rc;
}

/* Actors of a JSONL record: strings or {"name", "aliases"}; strings point into @p rec. */
static int record_actors(json_t *arr, actor_list *l, const char *where)
{
    size_t i;
    json_t *v;
    if (!arr || json_is_null(arr))
        return 0;
    if (!json_is_array(arr)) {
        cli_error("%s: \"actors\" must be an array", where);
        return -1;
    }
    json_array_foreach(arr, i, v) {
        stance_actor *na = realloc(l->a, (l->n + 1) * sizeof *na);
        char ***ns = realloc(l->alias_store, (l->n + 1) * sizeof *ns);
        if (na)
            l->a = na;
        if (ns)
            l->alias_store = ns;
        if (!na || !ns)
            return -1;
        memset(&l->a[l->n], 0, sizeof l->a[l->n]);
        l->alias_store[l->n] = NULL;
        if (json_is_string(v)) {
            l->a[l->n].name = json_string_value(v);
        } else if (json_is_object(v) && json_is_string(json_object_get(v, "name"))) {
            json_t *al = json_object_get(v, "aliases"), *x;
            size_t k;
            l->a[l->n].name = json_string_value(json_object_get(v, "name"));
            if (json_is_array(al) && json_array_size(al)) {
                char **as = calloc(json_array_size(al), sizeof *as);
                size_t n = 0;
                if (!as)
                    return -1;
                json_array_foreach(al, k, x) {
                    if (!json_is_string(x)) {
                        free(as);
                        cli_error("%s: actor aliases must be strings", where);
                        return -1;
                    }
                    as[n++] = (char *)json_string_value(x);
                }
                l->alias_store[l->n] = as;
                l->a[l->n].aliases = (const char *const *)as;
                l->a[l->n].n_aliases = n;
            }
        } else {
            cli_error("%s: an actor is a string or {\"name\", \"aliases\"}", where);
            return -1;
        }
        l->n++;
    }
    return 0;
}

/* A record's actors as compact JSON, to tell whether the next record has the same ones (or NULL). */
static char *actors_key(json_t *arr)
{
    return arr && json_is_array(arr) && json_array_size(arr) ? json_dumps(arr, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
}

static int run_jsonl(const stance_model *model, const classify_opts *co, const char *path, const actor_list *cli_actors)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    char *line = NULL, *prev_key = NULL;
    stance_actorset *prev_set = NULL; /* the previous record's actors, compiled: a run of records
                                         with the same actors compiles them once */
    size_t cap = 0, lineno = 0;
    ssize_t n;
    int status = CLI_OK;
    if (!f) {
        cli_error("%s: cannot open", path);
        return CLI_FAIL;
    }
    while ((n = getline(&line, &cap, f)) != -1) {
        json_error_t jerr;
        json_t *rec, *jtext, *jid;
        char where[512], idbuf[32];
        const char *id;
        actor_list al = {0};
        lineno++;
        snprintf(where, sizeof where, "%s:%zu", path, lineno);
        if (n == 0 || strspn(line, " \t\r\n") == (size_t)n)
            continue;
        rec = json_loadb(line, (size_t)n, JSON_ALLOW_NUL, &jerr);
        if (!rec) {
            cli_error("%s: malformed JSON: %s", where, jerr.text);
            status = CLI_FAIL;
            continue;
        }
        jtext = json_object_get(rec, "text");
        jid = json_object_get(rec, "id");
        if (!json_is_string(jtext)) {
            cli_error("%s: record has no \"text\" string", where);
            json_decref(rec);
            status = CLI_FAIL;
            continue;
        }
        if (json_is_string(jid))
            id = json_string_value(jid);
        else if (json_is_integer(jid)) {
            snprintf(idbuf, sizeof idbuf, "%" JSON_INTEGER_FORMAT, json_integer_value(jid));
            id = idbuf;
        } else {
            snprintf(idbuf, sizeof idbuf, "%zu", lineno);
            id = idbuf;
        }
        if (record_actors(json_object_get(rec, "actors"), &al, where)) {
            free_actors(&al);
            json_decref(rec);
            status = CLI_FAIL;
            continue;
        }
        if (al.n) {
            char *key = actors_key(json_object_get(rec, "actors"));
            if (key && prev_key && strcmp(key, prev_key) == 0) {
                al.set = prev_set;
                free(key);
            } else {
                stance_error aerr;
                stance_actorset_free(prev_set);
                free(prev_key);
                prev_set = NULL;
                prev_key = NULL;
                /* An invalid list is reported by stance_classify() on the per-record path below. */
                if (key && stance_actorset_new(model, al.a, al.n, co->opts.flags & STANCE_OPT_ACTORS_CASELESS,
                                               &prev_set, &aerr) == STANCE_OK) {
                    prev_key = key;
                    al.set = prev_set;
                } else
                    free(key);
            }
        }
        if (run_one(model, co, id, json_string_value(jtext), json_string_length(jtext), al.n ? &al : cli_actors,
                    where))
            status = CLI_FAIL;
        free_actors(&al);
        json_decref(rec);
    }
    free(line);
    free(prev_key);
    stance_actorset_free(prev_set);
    if (f != stdin)
        fclose(f);
    return status;
}

int cmd_classify(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"model", required_argument, NULL, 'm'},   {"actor", required_argument, NULL, 'a'},
        {"jsonl", no_argument, NULL, 'J'},         {"format", required_argument, NULL, 'f'},
        {"graph", no_argument, NULL, 'G'},         {"explain", required_argument, NULL, 'e'},
        {"indirect", no_argument, NULL, 'I'},      {"all-actors", no_argument, NULL, 'A'},
        {"caseless", no_argument, NULL, 'C'},      {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    classify_opts co;
    actor_list actors = {0};
    const char *model_path = NULL;
    stance_model *model = NULL;
    stance_error err;
    int c, status = CLI_OK;

    memset(&co, 0, sizeof co);
    co.opts.size = sizeof co.opts;
    optind = 1;
    while ((c = getopt_long(argc, argv, "m:a:f:e:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'm': model_path = optarg; break;
        case 'a':
            if (add_actor(&actors, optarg)) {
                cli_error("out of memory");
                free_actors(&actors);
                return CLI_FAIL;
            }
            break;
        case 'J': co.jsonl = 1; break;
        case 'f':
            if (strcmp(optarg, "json") == 0)
                co.format = FMT_JSON;
            else if (strcmp(optarg, "text") == 0)
                co.format = FMT_TEXT;
            else if (strcmp(optarg, "dot") == 0)
                co.format = FMT_GRAPH;
            else {
                cli_error("classify: unknown format '%s' (json, text, dot)", optarg);
                free_actors(&actors);
                return CLI_USAGE;
            }
            break;
        case 'G': co.format = FMT_GRAPH; break;
        case 'e': {
            char *end;
            long k = strtol(optarg, &end, 10);
            if (*end || k < 0 || k > 1000) {
                cli_error("classify: --explain takes a number from 0 to 1000");
                free_actors(&actors);
                return CLI_USAGE;
            }
            co.opts.explain = (unsigned)k;
            break;
        }
        case 'I': co.opts.flags |= STANCE_OPT_INDIRECT; break;
        case 'A': co.opts.flags |= STANCE_OPT_ALL_ACTORS; break;
        case 'C': co.opts.flags |= STANCE_OPT_ACTORS_CASELESS; break;
        case 'h':
            help();
            free_actors(&actors);
            return CLI_OK;
        default:
            free_actors(&actors);
            return CLI_USAGE;
        }
    }
    if (cli_open_model(model_path, &model)) {
        free_actors(&actors);
        return CLI_FAIL;
    }
    if (stance_scratch_new(&co.opts.scratch, &err)) {
        cli_error("%s", err.message);
        stance_model_free(model);
        free_actors(&actors);
        return CLI_FAIL;
    }
    /* The -a actors serve every article: compile them once. */
    if (actors.n) {
        stance_actorset *set = NULL;
        if (stance_actorset_new(model, actors.a, actors.n, co.opts.flags & STANCE_OPT_ACTORS_CASELESS, &set, &err)) {
            cli_error("classify: -a: %s", err.message);
            stance_scratch_free(co.opts.scratch);
            stance_model_free(model);
            free_actors(&actors);
            return CLI_FAIL;
        }
        actors.set = set;
    }
    {
        int nfiles = argc - optind;
        for (int i = 0; i < (nfiles ? nfiles : 1); i++) {
            const char *path = nfiles ? argv[optind + i] : "-";
            if (co.jsonl) {
                if (run_jsonl(model, &co, path, &actors))
                    status = CLI_FAIL;
            } else {
                char *text = NULL;
                size_t len = 0;
                if (cli_read_file(path, &text, &len)) {
                    status = CLI_FAIL;
                    continue;
                }
                if (run_one(model, &co, strcmp(path, "-") == 0 ? "stdin" : path, text, len, &actors, path))
                    status = CLI_FAIL;
                free(text);
            }
            fflush(stdout);
        }
    }
    stance_actorset_free(actors.set);
    stance_scratch_free(co.opts.scratch);
    stance_model_free(model);
    free_actors(&actors);
    return status;
}
