/*
 * cmd_use.c - `stance eval`, `stance predict` and `stance inspect`: use a
 * trained model on labelled or unlabelled JSONL through the public
 * stance_predict() API, so the figures are what library users get.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_input.h"
#include "html.h"
#include "json_out.h"
#include "trainer.h"

/* ---- shared ---------------------------------------------------------------- */

/* Which head a record goes to: --head, else the record's task, else the only head. */
static int pick_head(const stance_model *m, const char *opt, const tr_record *r, char *err, size_t n)
{
    const char *name = opt ? opt : r->task;
    int h;
    if (!name) {
        if (stance_model_head_count(m) == 1)
            return 0;
        snprintf(err, n, "no \"task\" field and no --head (the model has %d heads)", stance_model_head_count(m));
        return -1;
    }
    h = stance_model_head_find(m, name);
    if (h < 0)
        snprintf(err, n, "the model has no head \"%s\"", name);
    return h;
}

/* A record's handler: 0 done, 1 a bad record (@p msg says why), -1 stop
 * (output failed or out of memory, already said). */
typedef int (*line_fn)(void *user, size_t lineno, const char *line, size_t len, char *msg, size_t msglen);

/* Every record of @p path through the one input path (cli_lines: BOM, CRLF,
 * read errors with file and line). A bad record is said on stderr with its
 * line and handled by @p pol (an error record in its place, skipped, or the
 * end of the run); it makes the result CLI_FAIL. With @p need_records (eval),
 * an input without a record is a failure too; predict, a filter, passes an
 * empty input (an empty shard or partition) as classify --jsonl does. */
static int each_line(const char *path, line_fn fn, void *user, cli_policy pol, int need_records)
{
    cli_lines in;
    const char *line;
    size_t len;
    char msg[CLI_ERRLEN];
    int got, rc = CLI_OK;
    if (cli_not_stdout(path))
        return CLI_FAIL;
    if (cli_lines_open(&in, path, msg, sizeof msg)) {
        cli_error("%s", msg);
        return CLI_FAIL;
    }
    while ((got = cli_lines_next(&in, &line, &len, msg, sizeof msg)) == 1) {
        int r = fn(user, in.lineno, line, len, msg, sizeof msg);
        if (r < 0) {
            rc = CLI_FAIL;
            break;
        }
        if (r > 0) {
            rc = CLI_FAIL;
            cli_error("%s:%zu: %s", path, in.lineno, msg);
            if (pol == CLI_ON_ERROR_STOP)
                break;
            if (pol == CLI_ON_ERROR_RECORD) {
                /* the id as written, when the line is JSON at all */
                json_t *o = json_loadb(line, len, 0, NULL);
                size_t r0 = 0, r1 = 0;
                int have = o && json_object_get(o, "id") && cli_json_id_raw(line, len, &r0, &r1) == 0;
                json_decref(o);
                if (cli_put_error_record(have ? line + r0 : NULL, r1 - r0, NULL, in.lineno, STANCE_NO_OFFSET, msg))
                    break;
            }
        }
    }
    if (got < 0) {
        cli_error("%s", msg);
        rc = CLI_FAIL;
    }
    if (rc == CLI_OK && need_records && in.records == 0) {
        cli_error("%s: no records (empty file)", path);
        rc = CLI_FAIL;
    }
    cli_lines_close(&in);
    return rc;
}

/* ---- eval ------------------------------------------------------------------ */

#define MAX_SUBSETS 16

typedef struct eval_ctx {
    stance_model *m;
    const char *head_opt;
    int head;
    double band;                             /* --neutral-band: relabel gold sentiment by orig_score */
    stance_scratch *scratch;
    size_t k;
    size_t cm[STANCE_MAX_LABELS * STANCE_MAX_LABELS];
    char *subset_names[MAX_SUBSETS];
    size_t *subset_cm[MAX_SUBSETS];
    tr_reliability rel;                      /* top-label confidence of the whole file */
    tr_reliability subset_rel[MAX_SUBSETS];
    size_t n_subsets;
} eval_ctx;

/* The model for eval and predict, with the --head it must have and a scratch for the
 * records; on failure a message, nothing left open, CLI_FAIL. */
static int open_for_records(const char *model_path, const char *head_opt, stance_model **m,
                            stance_scratch **scratch)
{
    stance_error serr;
    *m = NULL;
    *scratch = NULL;
    if (cli_open_model(model_path, m))
        return CLI_FAIL;
    if (head_opt && stance_model_head_find(*m, head_opt) < 0)
        cli_error("the model has no head \"%s\" (see stance inspect)", head_opt);
    else if (stance_scratch_new(scratch, &serr))
        cli_error("%s", serr.message);
    else
        return CLI_OK;
    stance_model_free(*m);
    *m = NULL;
    return CLI_FAIL;
}

/* Parse one JSONL record (with its label when @p need_label) and choose its
 * head. On failure: @p msg says why, the record is freed, returns -1. */
static int read_record(stance_model *m, const char *head_opt, int need_label, const char *line, size_t len,
                       tr_record *r, char *msg, size_t msglen)
{
    int h;
    if (tr_record_parse(line, len, need_label, r, msg, msglen))
        return -1;
    if ((h = pick_head(m, head_opt, r, msg, msglen)) < 0) {
        tr_record_free(r);
        return -1;
    }
    return h;
}

/* stance_predict() on a parsed record. On failure: @p msg says why, the
 * record is freed, returns 1 (a bad record). */
static int predict_record(stance_model *m, int h, tr_record *r, stance_scratch *scratch, unsigned explain,
                          stance_prediction **pr, char *msg, size_t msglen)
{
    stance_statement st;
    stance_options opts = STANCE_OPTIONS_INIT;
    stance_error serr;
    tr_record_statement(r, &st);
    opts.scratch = scratch;
    opts.explain = explain;
    if (stance_predict(m, (size_t)h, &st, &opts, pr, &serr)) {
        snprintf(msg, msglen, "%s", serr.message);
        tr_record_free(r);
        return 1;
    }
    return 0;
}

static int eval_line(void *user, size_t lineno, const char *line, size_t len, char *msg, size_t msglen)
{
    eval_ctx *c = user;
    tr_record r;
    stance_prediction *pr = NULL;
    int h, gold = -1, pred;
    double conf;
    (void)lineno;
    if ((h = read_record(c->m, c->head_opt, 1, line, len, &r, msg, msglen)) < 0)
        return 1;
    if (tr_record_band(&r, c->band)) {
        cli_error("out of memory");
        tr_record_free(&r);
        return -1;
    }
    if (c->head < 0) {
        c->head = h;
        c->k = (size_t)stance_model_label_count(c->m, (size_t)h);
    } else if (h != c->head) {
        snprintf(msg, msglen, "records for several heads; evaluate one head at a time (--head)");
        tr_record_free(&r);
        return 1;
    }
    for (size_t i = 0; i < c->k; i++)
        if (!strcmp(stance_model_label_name(c->m, (size_t)h, i), r.label))
            gold = (int)i;
    if (gold < 0) {
        snprintf(msg, msglen, "unknown label \"%s\" for head %s", r.label, stance_model_head_name(c->m, (size_t)h));
        tr_record_free(&r);
        return 1;
    }
    if (predict_record(c->m, h, &r, c->scratch, 0, &pr, msg, msglen))
        return 1;
    pred = stance_prediction_decision(pr)->label;
    conf = stance_prediction_decision(pr)->confidence;
    stance_prediction_free(pr);
    c->cm[(size_t)gold * c->k + (size_t)pred]++;
    tr_reliability_add(&c->rel, conf, pred == gold);
    if (r.subset) {
        size_t s;
        for (s = 0; s < c->n_subsets; s++)
            if (!strcmp(c->subset_names[s], r.subset))
                break;
        if (s == c->n_subsets && s < MAX_SUBSETS) {
            c->subset_names[s] = strdup(r.subset);
            c->subset_cm[s] = calloc(c->k * c->k, sizeof *c->subset_cm[s]);
            if (!c->subset_names[s] || !c->subset_cm[s]) {
                cli_error("out of memory");
                tr_record_free(&r);
                return -1;
            }
            c->n_subsets++;
        }
        if (s < c->n_subsets) {
            c->subset_cm[s][(size_t)gold * c->k + (size_t)pred]++;
            tr_reliability_add(&c->subset_rel[s], conf, pred == gold);
        }
    }
    tr_record_free(&r);
    return 0;
}

static int label_of(const eval_ctx *c, const char *name)
{
    for (size_t i = 0; i < c->k; i++)
        if (!strcmp(stance_model_label_name(c->m, (size_t)c->head, i), name))
            return (int)i;
    return -1;
}

static json_t *reliability_json(const tr_reliability *r)
{
    json_t *bins = json_array();
    for (int b = 0; b < TR_CALIB_BINS; b++) {
        double n = (double)r->n[b];
        json_array_append_new(bins, json_pack("{s:f,s:f,s:I,s:o,s:o}", "from", (double)b / TR_CALIB_BINS, "to",
                                              (double)(b + 1) / TR_CALIB_BINS, "n", (json_int_t)r->n[b],
                                              "confidence", r->n[b] ? json_real(r->conf[b] / n) : json_null(),
                                              "accuracy", r->n[b] ? json_real((double)r->correct[b] / n) : json_null()));
    }
    return bins;
}

/* The coverage a user buys with a confidence threshold: of the predictions in @p r whose
 * top-label confidence is at least COVERAGE_BIN[i] / TR_CALIB_BINS (the bins from that
 * one up, so the thresholds are bin edges), how many (*n) and how many right (*correct). */
static const int COVERAGE_BIN[] = {5, 7, 9};
#define N_COVERAGE (sizeof COVERAGE_BIN / sizeof *COVERAGE_BIN)

static void coverage_at(const tr_reliability *r, size_t i, size_t *n, size_t *correct)
{
    *n = *correct = 0;
    for (int b = COVERAGE_BIN[i]; b < TR_CALIB_BINS; b++) {
        *n += r->n[b];
        *correct += r->correct[b];
    }
}

static json_t *coverage_json(const tr_reliability *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < N_COVERAGE; i++) {
        size_t n, ok;
        coverage_at(r, i, &n, &ok);
        json_array_append_new(a, json_pack("{s:f,s:I,s:f,s:o}", "min_confidence",
                                           (double)COVERAGE_BIN[i] / TR_CALIB_BINS, "n", (json_int_t)n, "share",
                                           r->total ? (double)n / (double)r->total : 0.0, "accuracy",
                                           n ? json_real((double)ok / (double)n) : json_null()));
    }
    return a;
}

static json_t *scores_json(const eval_ctx *c, const size_t *cm, const tr_reliability *rel)
{
    tr_scores s;
    double fm, fp;
    json_t *o = json_object(), *pc = json_object(), *mat = json_array();
    int fav = label_of(c, "favor"), ag = label_of(c, "against");
    tr_scores_compute(cm, c->k, &s);
    json_object_set_new(o, "n", json_integer((json_int_t)s.total));
    json_object_set_new(o, "accuracy", json_real(s.accuracy));
    json_object_set_new(o, "macro_f1", json_real(s.macro_f1));
    json_object_set_new(o, "weighted_f1", json_real(s.weighted_f1));
    if (fav >= 0 && ag >= 0)
        json_object_set_new(o, "f_avg", json_real((s.f1[fav] + s.f1[ag]) / 2));
    for (size_t i = 0; i < c->k; i++) {
        json_t *row = json_array();
        json_object_set_new(pc, stance_model_label_name(c->m, (size_t)c->head, i),
                            json_pack("{s:f,s:f,s:f,s:I}", "precision", s.p[i], "recall", s.r[i], "f1", s.f1[i],
                                      "support", (json_int_t)s.support[i]));
        for (size_t j = 0; j < c->k; j++)
            json_array_append_new(row, json_integer((json_int_t)cm[i * c->k + j]));
        json_array_append_new(mat, row);
    }
    json_object_set_new(o, "per_class", pc);
    json_object_set_new(o, "confusion", mat);
    json_object_set_new(o, "ece", json_real(tr_reliability_ece(rel)));
    if (!tr_reliability_ece_floor(rel, &fm, &fp)) {
        json_object_set_new(o, "ece_floor", json_real(fm));
        json_object_set_new(o, "ece_floor_p95", json_real(fp));
    }
    json_object_set_new(o, "reliability", reliability_json(rel));
    json_object_set_new(o, "coverage", coverage_json(rel));
    return o;
}

static void reliability_text(const tr_reliability *r)
{
    double fm, fp;
    printf("  ECE          %.4f  (expected calibration error, %d equal-width bins of top-label confidence)\n",
           tr_reliability_ece(r), TR_CALIB_BINS);
    if (!tr_reliability_ece_floor(r, &fm, &fp))
        printf("  ECE floor    %.4f  (a calibrated model's ECE on as many rows: labels drawn from its own\n"
               "               probabilities; 95 %% of draws below %.4f)\n", fm, fp);
    printf("  reliability: %-9s %6s %10s %9s %7s\n", "bin", "n", "confidence", "accuracy", "gap");
    for (int b = 0; b < TR_CALIB_BINS; b++) {
        double n = (double)r->n[b];
        if (!r->n[b])
            continue;
        printf("  %12s [%.1f,%.1f%c %6zu %10.4f %9.4f %+7.4f\n", "", (double)b / TR_CALIB_BINS,
               (double)(b + 1) / TR_CALIB_BINS, b == TR_CALIB_BINS - 1 ? ']' : ')', r->n[b], r->conf[b] / n,
               (double)r->correct[b] / n, (double)r->correct[b] / n - r->conf[b] / n);
    }
    printf("  coverage     kept/accuracy at confidence");
    for (size_t i = 0; i < N_COVERAGE; i++) {
        size_t n, ok;
        coverage_at(r, i, &n, &ok);
        printf("%s >= %.1f: %.4f/", i ? ";" : "", (double)COVERAGE_BIN[i] / TR_CALIB_BINS,
               r->total ? (double)n / (double)r->total : 0.0);
        if (n)
            printf("%.4f", (double)ok / (double)n);
        else
            printf("-");
    }
    printf("\n");
}

static void scores_text(const eval_ctx *c, const size_t *cm, const tr_reliability *rel, const char *title)
{
    tr_scores s;
    int fav = label_of(c, "favor"), ag = label_of(c, "against");
    tr_scores_compute(cm, c->k, &s);
    cli_printf_plain("%s: %zu examples\n", title, s.total);
    printf("  accuracy     %.4f\n  macro-F1     %.4f\n  weighted-F1  %.4f\n", s.accuracy, s.macro_f1,
           s.weighted_f1);
    if (fav >= 0 && ag >= 0)
        printf("  F_avg        %.4f  (mean F1 of favor and against)\n", (s.f1[fav] + s.f1[ag]) / 2);
    printf("  %-12s %9s %9s %9s %8s\n", "class", "precision", "recall", "F1", "support");
    for (size_t i = 0; i < c->k; i++)
        cli_printf_plain("  %-12s %9.4f %9.4f %9.4f %8zu\n", stance_model_label_name(c->m, (size_t)c->head, i), s.p[i], s.r[i],
               s.f1[i], s.support[i]);
    printf("  confusion (rows gold, columns predicted):\n  %-12s", "");
    for (size_t j = 0; j < c->k; j++)
        cli_printf_plain(" %9.9s", stance_model_label_name(c->m, (size_t)c->head, j));
    printf("\n");
    for (size_t i = 0; i < c->k; i++) {
        cli_printf_plain("  %-12s", stance_model_label_name(c->m, (size_t)c->head, i));
        for (size_t j = 0; j < c->k; j++)
            printf(" %9zu", cm[i * c->k + j]);
        printf("\n");
    }
    reliability_text(rel);
}

/* What --json prints: the scores of the file, its head and name, and per subset. */
static json_t *eval_json(const eval_ctx *c, const char *file)
{
    json_t *o = scores_json(c, c->cm, &c->rel), *subs = json_object();
    json_object_set_new(o, "head", json_string(stance_model_head_name(c->m, (size_t)c->head)));
    {
        char *name = cli_file_name(file); /* a name that is not UTF-8 was left out */
        json_object_set_new(o, "file", name ? json_string(name) : json_null());
        free(name);
    }
    for (size_t s = 0; s < c->n_subsets; s++)
        json_object_set_new(subs, c->subset_names[s], scores_json(c, c->subset_cm[s], &c->subset_rel[s]));
    if (c->n_subsets)
        json_object_set_new(o, "subsets", subs);
    else
        json_decref(subs);
    return o;
}

/* ---- eval --ablate ----------------------------------------------------------- */

typedef struct ablation {
    uint32_t family;      /* family id */
    double weight;
    size_t *cm;           /* [k * k] */
    tr_reliability rel;
    char *subset_names[MAX_SUBSETS];
    size_t *subset_cm[MAX_SUBSETS];
    tr_reliability subset_rel[MAX_SUBSETS];
    size_t n_subsets;
} ablation;

static void ablation_free(ablation *a, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(a[i].cm);
        for (size_t s = 0; s < a[i].n_subsets; s++) {
            free(a[i].subset_names[s]);
            free(a[i].subset_cm[s]);
        }
    }
    free(a);
}

/* Score @p file once per feature family of the model with that family left out
 * of the input (the weights stay as trained): what the trained model loses
 * without each family's evidence. The model's configuration is restored. */
static int eval_ablate(const eval_ctx *c, const char *file, ablation **out, size_t *n_out)
{
    stance_featcfg *cfg = &c->m->feat;
    stance_family saved[STANCE_MAX_FAMILIES];
    uint32_t nf = cfg->n_families;
    ablation *ab = calloc(nf ? nf : 1, sizeof *ab);
    int rc = CLI_OK;
    *out = NULL;
    *n_out = 0;
    if (!ab) {
        cli_error("out of memory");
        return CLI_FAIL;
    }
    memcpy(saved, cfg->families, sizeof saved);
    for (uint32_t i = 0; i < nf && rc == CLI_OK; i++) {
        eval_ctx a;
        memset(&a, 0, sizeof a);
        a.m = c->m;
        a.head_opt = c->head_opt;
        a.head = -1;
        a.band = c->band;
        a.scratch = c->scratch;
        memmove(&cfg->families[i], &saved[i + 1], (nf - i - 1) * sizeof *saved);
        cfg->n_families = nf - 1;
        rc = each_line(file, eval_line, &a, CLI_ON_ERROR_STOP, 1);
        memcpy(cfg->families, saved, sizeof saved);
        cfg->n_families = nf;
        ab[i].family = saved[i].id;
        ab[i].weight = saved[i].weight;
        ab[i].rel = a.rel;
        ab[i].n_subsets = a.n_subsets;
        for (size_t s = 0; s < a.n_subsets; s++) {
            ab[i].subset_names[s] = a.subset_names[s];
            ab[i].subset_cm[s] = a.subset_cm[s];
            ab[i].subset_rel[s] = a.subset_rel[s];
        }
        if (!(ab[i].cm = malloc(sizeof a.cm))) {
            cli_error("out of memory");
            rc = CLI_FAIL;
        } else {
            memcpy(ab[i].cm, a.cm, sizeof a.cm);
        }
        *n_out = i + 1;
    }
    if (rc != CLI_OK) {
        ablation_free(ab, *n_out);
        *n_out = 0;
        return rc;
    }
    *out = ab;
    return CLI_OK;
}

static const size_t *ablation_subset(const ablation *a, const char *name)
{
    for (size_t s = 0; s < a->n_subsets; s++)
        if (!strcmp(a->subset_names[s], name))
            return a->subset_cm[s];
    return NULL;
}

static void ablation_text(const eval_ctx *c, const ablation *ab, size_t n)
{
    tr_scores full, s;
    tr_scores_compute(c->cm, c->k, &full);
    printf("\nablation: each feature family left out of the input at prediction time (weights as trained;\n"
           "`stance train --ablate` retrains without each family instead)\n");
    printf("  %-12s %9s %8s %9s %8s %7s", "without", "macro-F1", "change", "accuracy", "change", "ECE");
    for (size_t j = 0; j < c->n_subsets; j++)
        printf(" %8.8s", c->subset_names[j]);
    printf("\n  %-12s %9.4f %8s %9.4f %8s %7.4f", "(none)", full.macro_f1, "", full.accuracy, "",
           tr_reliability_ece(&c->rel));
    for (size_t j = 0; j < c->n_subsets; j++) {
        tr_scores_compute(c->subset_cm[j], c->k, &s);
        printf(" %8.4f", s.macro_f1);
    }
    printf("\n");
    for (size_t i = 0; i < n; i++) {
        tr_scores_compute(ab[i].cm, c->k, &s);
        printf("  %-12s %9.4f %+8.4f %9.4f %+8.4f %7.4f", cli_family_name(ab[i].family), s.macro_f1,
               s.macro_f1 - full.macro_f1, s.accuracy, s.accuracy - full.accuracy, tr_reliability_ece(&ab[i].rel));
        for (size_t j = 0; j < c->n_subsets; j++) {
            const size_t *cm = ablation_subset(&ab[i], c->subset_names[j]);
            tr_scores sub;
            if (cm) {
                tr_scores_compute(cm, c->k, &sub);
                printf(" %8.4f", sub.macro_f1);
            } else {
                printf(" %8s", "-");
            }
        }
        printf("\n");
    }
    printf("  (subset columns: macro-F1)\n");
}

static json_t *ablation_json(const eval_ctx *c, const ablation *ab, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = scores_json(c, ab[i].cm, &ab[i].rel), *subs = json_object();
        json_object_set_new(o, "family", json_string(cli_family_name(ab[i].family)));
        json_object_set_new(o, "weight", json_real(ab[i].weight));
        for (size_t s = 0; s < ab[i].n_subsets; s++)
            json_object_set_new(subs, ab[i].subset_names[s], scores_json(c, ab[i].subset_cm[s], &ab[i].subset_rel[s]));
        json_object_set_new(o, "subsets", subs);
        json_array_append_new(arr, o);
    }
    return arr;
}

/* --report FILE.html: the --json figures drawn by src/html.c (confusion matrix, reliability diagram). */
static int write_report(const eval_ctx *c, const char *file, const char *path)
{
    json_t *o = eval_json(c, file), *labels = json_array();
    char *page;
    size_t n = 0;
    int rc;
    for (size_t i = 0; i < c->k; i++)
        json_array_append_new(labels, json_string(stance_model_label_name(c->m, (size_t)c->head, i)));
    json_object_set_new(o, "labels", labels);
    page = html_eval_report(o, &n);
    json_decref(o);
    if (!page) {
        cli_error("%s: out of memory", path);
        return CLI_FAIL;
    }
    rc = cli_write_file(path, page, n); /* through a temporary file: no half page, no FIFO opened */
    free(page);
    return rc;
}

int cmd_eval(int argc, char **argv)
{
    static const struct option lopts[] = {{"model", required_argument, NULL, 'm'},
                                          {"head", required_argument, NULL, 'H'},
                                          {"json", no_argument, NULL, 'j'},
                                          {"report", required_argument, NULL, 'R'},
                                          {"neutral-band", required_argument, NULL, 'Z'},
                                          {"ablate", no_argument, NULL, 'A'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
    const char *model_path = NULL, *report = NULL;
    int json = 0, ablate = 0, opt, rc;
    ablation *ab = NULL;
    size_t n_ab = 0;
    eval_ctx c;
    memset(&c, 0, sizeof c);
    c.head = -1;
    optind = 1;
    while ((opt = cli_getopt("eval", argc, argv, "m:h", lopts)) != -1) {
        switch (opt) {
        case 'm': model_path = optarg; break;
        case 'H': c.head_opt = optarg; break;
        case 'j': json = 1; break;
        case 'R': report = optarg; break;
        case 'A': ablate = 1; break;
        case 'Z':
            if (cli_num_double("eval", "--neutral-band", optarg, 1e-9, 100, &c.band))
                return CLI_USAGE;
            break;
        case 'h':
            printf("Usage: stance eval [-m MODEL] [--head NAME] [--json] [--neutral-band T] [--ablate] [--report OUT.html]\n"
                   "                   FILE.jsonl\n"
                   "Score labelled JSONL (text, label, optional target, target_spans, context, task, subset)\n"
                   "with stance_predict() and report accuracy, macro-F1, weighted-F1, F_avg (stance:\n"
                   "mean F1 of favor and against), per-class precision/recall/F1, the confusion matrix,\n"
                   "the expected calibration error (ECE) and reliability table of the top-label confidence,\n"
                   "the coverage (share kept and accuracy of the predictions with confidence >= 0.5, 0.7, 0.9),\n"
                   "overall and per \"subset\" value. The head is --head, else the records' task: one head\n"
                   "per run (a file whose records name several tasks is refused).\n"
                   "Probabilities are stance_predict()'s: tempered by the head's general temperature when\n"
                   "the model has one, never by the in-domain temperature stance_classify() applies.\n\n"
                   "  -m, --model PATH   model (default: $STANCE_MODEL, else %s)\n"
                   "      --head NAME    head to evaluate\n"
                   "      --json         one JSON object instead of text\n"
                   "      --report OUT.html  also write the figures as a page: confusion matrix and\n"
                   "                     reliability diagram (inline SVG) with their tables\n"
                   "      --neutral-band T  score sentiment against labels from \"orig_score\": neutral when\n"
                   "                     |orig_score| < T, else its sign (as train --neutral-band)\n"
                   "      --ablate       also score the file once per feature family of the model with that\n"
                   "                     family left out of the input (weights as trained): what each family\n"
                   "                     buys; with --json under \"ablation\"\n",
                   stance_default_model_path());
            return CLI_OK;
        default: return CLI_USAGE;
        }
    }
    if (optind != argc - 1) {
        cli_error("eval: need exactly one FILE.jsonl (see --help)");
        return CLI_USAGE;
    }
    /* the report's path before any work, and never over the data or the model */
    if (report && (cli_check_output(report) || cli_output_not_input(report, argv[optind], 0) ||
                   cli_output_not_input(report, cli_model_path(model_path), 0)))
        return CLI_FAIL;
    if (open_for_records(model_path, c.head_opt, &c.m, &c.scratch))
        return CLI_FAIL;
    /* eval stops at the first bad record: figures over part of the data would mislead */
    rc = each_line(argv[optind], eval_line, &c, CLI_ON_ERROR_STOP, 1);
    if (rc == CLI_OK && ablate && c.head >= 0)
        rc = eval_ablate(&c, argv[optind], &ab, &n_ab);
    if (rc == CLI_OK) {
        if (json) {
            json_t *o = eval_json(&c, argv[optind]);
            if (ablate)
                json_object_set_new(o, "ablation", ablation_json(&c, ab, n_ab));
            json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
            printf("\n");
            json_decref(o);
        } else {
            char title[256];
            snprintf(title, sizeof title, "%s (head %s)", argv[optind], stance_model_head_name(c.m, (size_t)c.head));
            scores_text(&c, c.cm, &c.rel, title);
            for (size_t s = 0; s < c.n_subsets; s++) {
                snprintf(title, sizeof title, "subset %s", c.subset_names[s]);
                printf("\n");
                scores_text(&c, c.subset_cm[s], &c.subset_rel[s], title);
            }
            if (ablate && c.head >= 0)
                ablation_text(&c, ab, n_ab);
        }
        if (report && c.head < 0) {
            cli_error("%s: no examples: no report written", argv[optind]);
            rc = CLI_FAIL;
        } else if (report) {
            rc = write_report(&c, argv[optind], report);
        }
    }
    for (size_t s = 0; s < c.n_subsets; s++) {
        free(c.subset_names[s]);
        free(c.subset_cm[s]);
    }
    ablation_free(ab, n_ab);
    stance_scratch_free(c.scratch);
    stance_model_free(c.m);
    return rc;
}

/* ---- predict --------------------------------------------------------------- */

typedef struct predict_ctx {
    stance_model *m;
    const char *head_opt;
    unsigned explain;
    stance_scratch *scratch;
    json_out out; /* each output line is written here, then to stdout */
} predict_ctx;

static int predict_line(void *user, size_t lineno, const char *line, size_t len, char *msg, size_t msglen)
{
    predict_ctx *c = user;
    json_out *w = &c->out;
    tr_record r;
    stance_prediction *pr = NULL;
    const stance_decision *d;
    int h;
    double margin = 0;
    size_t r0 = 0, r1 = 0;
    int rc;
    if ((h = read_record(c->m, c->head_opt, 0, line, len, &r, msg, msglen)) < 0)
        return 1;
    if (predict_record(c->m, h, &r, c->scratch, c->explain, &pr, msg, msglen))
        return 1;
    d = stance_prediction_decision(pr);
    {
        /* margin: probability of the winner minus that of the runner-up */
        double second = 0;
        for (size_t i = 0; i < d->n_labels; i++)
            if ((int)i != d->label && d->probs[i] > second)
                second = d->probs[i];
        margin = d->confidence - second;
    }
    /* One line, streamed: the same bytes as json_dumps(JSON_COMPACT |
     * JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6)) of {id, head, label,
     * probs, margin[, explain]} (tests/test_json_out.c, tests/test_cli.sh). */
    jo_reset(w);
    jo_lit(w, "{");
    if (r.id_raw1 > r.id_raw0) { /* the id exactly as written (a number keeps its digits) */
        r0 = r.id_raw0;
        r1 = r.id_raw1;
    }
    if (r1 > r0 || cli_json_id_raw(line, len, &r0, &r1) == 0) {
        jo_lit(w, "\"id\":");
        jo_raw(w, line + r0, r1 - r0);
        jo_lit(w, ",");
    } else if (r.id) {
        jo_lit(w, "\"id\":");
        jo_cstr(w, r.id);
        jo_lit(w, ",");
    } else { /* no id: its line number, as a string, as classify writes it */
        char num[24];
        snprintf(num, sizeof num, "%zu", lineno);
        jo_lit(w, "\"id\":");
        jo_cstr(w, num);
        jo_lit(w, ",");
    }
    jo_lit(w, "\"head\":");
    jo_cstr(w, stance_model_head_name(c->m, (size_t)h));
    jo_lit(w, ",\"label\":");
    jo_cstr(w, d->label_name);
    jo_lit(w, ",\"probs\":");
    jo_probs(w, d->label_names, d->probs, d->n_labels);
    jo_lit(w, ",\"margin\":");
    jo_real(w, margin);
    if (c->explain) {
        jo_lit(w, ",\"explain\":");
        jo_explain(w, d->explain, d->n_explain);
    }
    jo_lit(w, "}\n");
    if (w->failed) {
        cli_error("out of memory while writing the prediction");
        rc = CLI_FAIL;
    } else {
        fwrite(w->buf, 1, w->len, stdout);
        rc = cli_out_failed() ? CLI_FAIL : CLI_OK;
    }
    stance_prediction_free(pr);
    tr_record_free(&r);
    return rc == CLI_OK ? 0 : -1;
}

int cmd_predict(int argc, char **argv)
{
    static const struct option lopts[] = {{"model", required_argument, NULL, 'm'},
                                          {"head", required_argument, NULL, 'H'},
                                          {"explain", required_argument, NULL, 'e'},
                                          {"on-error", required_argument, NULL, 'O'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
    const char *model_path = NULL;
    predict_ctx c;
    int opt, rc;
    long k;
    cli_policy pol = CLI_ON_ERROR_RECORD;
    memset(&c, 0, sizeof c);
    c.out.utf8 = 1; /* predict has always written UTF-8 as it is */
    optind = 1;
    while ((opt = cli_getopt("predict", argc, argv, "m:e:h", lopts)) != -1) {
        switch (opt) {
        case 'm': model_path = optarg; break;
        case 'H': c.head_opt = optarg; break;
        case 'e':
            if (cli_num_long("predict", "--explain", optarg, 0, 1000, &k))
                return CLI_USAGE;
            c.explain = (unsigned)k;
            break;
        case 'O':
            if (cli_on_error("predict", optarg, &pol))
                return CLI_USAGE;
            break;
        case 'h':
            printf("Usage: stance predict [-m MODEL] [--head NAME] [--explain K] [--on-error P] [FILE.jsonl]\n"
                   "A JSONL filter (FILE or stdin -> stdout): for each record {id, text, target?,\n"
                   "target_spans?, context?, task?} one line {id, head, label, probs, margin[, explain]}.\n"
                   "id is the record's as written, else its line number as a string (\"id\": \"3\");\n"
                   "probs are the head's calibrated probabilities, tempered by its general temperature\n"
                   "when the model has one (stance inspect shows it; never the in-domain one of classify);\n"
                   "margin = probability of the label minus that of the runner-up; explain:\n"
                   "[{feature, contribution}], a contribution being weight x value, as in classify.\n\n"
                   "  -m, --model PATH   model (default: $STANCE_MODEL, else %s)\n"
                   "      --head NAME    head for every record (default: the record's task)\n"
                   "  -e, --explain K    the K features that pushed the label hardest\n"
                   "      --on-error P   a bad record: record (default: {\"id\", \"error\": {\"line\",\n"
                   "                     \"message\"}} in its place, so output line N is input record N),\n"
                   "                     skip, or stop. Each is said on stderr; any makes the exit status 1.\n",
                   stance_default_model_path());
            return CLI_OK;
        default: return CLI_USAGE;
        }
    }
    if (optind < argc - 1) {
        cli_error("predict: at most one FILE (see --help)");
        return CLI_USAGE;
    }
    if (open_for_records(model_path, c.head_opt, &c.m, &c.scratch))
        return CLI_FAIL;
    rc = each_line(optind < argc ? argv[optind] : "-", predict_line, &c, pol, 0);
    if (cli_out_flush())
        rc = CLI_FAIL;
    stance_scratch_free(c.scratch);
    stance_model_free(c.m);
    jo_free(&c.out);
    return rc;
}

/* ---- inspect --------------------------------------------------------------- */

typedef struct wrank {
    uint32_t bucket;
    double w;
} wrank;

static int wrank_cmp(const void *a, const void *b)
{
    const wrank *x = a, *y = b;
    if (x->w != y->w)
        return x->w > y->w ? -1 : 1;
    return x->bucket < y->bucket ? -1 : x->bucket > y->bucket;
}

int cmd_inspect(int argc, char **argv)
{
    static const struct option lopts[] = {{"model", required_argument, NULL, 'm'},
                                          {"top", required_argument, NULL, 't'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
    const char *model_path = NULL;
    size_t top = 15;
    stance_model *pm = NULL;
    const struct stance_model *m;
    wrank *r = NULL;
    int opt;
    optind = 1;
    while ((opt = cli_getopt("inspect", argc, argv, "m:t:h", lopts)) != -1) {
        switch (opt) {
        case 'm': model_path = optarg; break;
        case 't': {
            long k;
            if (cli_num_long("inspect", "--top", optarg, 0, 1000000, &k))
                return CLI_USAGE;
            top = (size_t)k;
            break;
        }
        case 'h':
            printf("Usage: stance inspect [-m MODEL] [--top N]\n"
                   "Print the model's metadata, feature settings, heads (labels, calibration, in-domain\n"
                   "and general temperatures) and, per class, the N n-grams whose weights push hardest\n"
                   "toward it (default 15).\n\n"
                   "  -m, --model PATH   model (default: $STANCE_MODEL, else %s)\n"
                   "      --top N        n-grams per class\n",
                   stance_default_model_path());
            return CLI_OK;
        default: return CLI_USAGE;
        }
    }
    if (optind != argc) {
        cli_error("inspect: unexpected argument '%s'", argv[optind]);
        return CLI_USAGE;
    }
    if (cli_open_model(model_path, &pm))
        return CLI_FAIL;
    m = pm;
    cli_printf_plain("model %s\n", cli_model_path(model_path));
    for (uint32_t i = 0; i < m->n_meta; i++)
        cli_printf_plain("  meta %s = %s\n", m->meta_keys[i], m->meta_values[i]);
    printf("features: table 2^%u, tokenizer rev %u, norm flags 0x%x, value mode %u, hash %u\n", m->feat.table_bits,
           m->feat.tokenizer_rev, m->feat.norm_flags, m->feat.value_mode, m->feat.hash_id);
    for (uint32_t i = 0; i < m->feat.n_families; i++) {
        const stance_family *f = &m->feat.families[i];
        printf("  family %u: seed 0x%x, n %u-%u, window %u, weight %g\n", f->id, f->seed, f->min_n, f->max_n,
               f->window, (double)f->weight);
    }
    printf("n-gram strings: %u\n", m->n_ngrams);
    r = malloc(((size_t)1 << m->feat.table_bits) * sizeof *r);
    if (!r) {
        stance_model_free(pm);
        cli_error("out of memory");
        return CLI_FAIL;
    }
    for (uint32_t hi = 0; hi < m->n_heads; hi++) {
        const stance_head *h = &m->heads[hi];
        size_t nb = (size_t)1 << m->feat.table_bits, nz = 0;
        float row[STANCE_MAX_LABELS * (STANCE_MAX_LABELS - 1) / 2];
        for (size_t b = 0; b < nb; b++)
            nz += (size_t)stance_head_row(h, b, row);
        cli_printf_plain("\nhead %s: %u labels, %u pairs, %zu non-zero rows, calibration %s", h->name, h->n_labels, h->n_dec,
               nz, h->calib == STANCE_CALIB_PLATT_PAIRWISE ? "platt-pairwise" : "none");
        if (h->domain_temp > 0)
            printf(", in-domain temperature %g", h->domain_temp);
        if (h->temp > 0)
            printf(", temperature %g", h->temp);
        putchar('\n');
        for (uint32_t p = 0, a = 0; a < h->n_labels; a++)
            for (uint32_t b = a + 1; b < h->n_labels; b++, p++)
                cli_printf_plain("  pair %s/%s: bias %.4f%s", h->labels[a], h->labels[b], h->bias[p],
                       h->prob_a ? "" : "\n");
        if (h->prob_a)
            for (uint32_t p = 0; p < h->n_dec; p++)
                printf("%s  platt[%u] A=%.4f B=%.4f\n", p == 0 ? "\n" : "", p, h->prob_a[p], h->prob_b[p]);
        for (uint32_t lab = 0; lab < h->n_labels; lab++) {
            size_t n = 0, shown = 0;
            for (size_t b = 0; b < nb; b++) {
                double c = 0;
                uint32_t p = 0;
                if (!stance_head_row(h, b, row))
                    continue;
                for (uint32_t a = 0; a < h->n_labels; a++)
                    for (uint32_t bb = a + 1; bb < h->n_labels; bb++, p++) {
                        if (a == lab)
                            c += row[p];
                        else if (bb == lab)
                            c -= row[p];
                    }
                if (c > 0 && stance_model_find_ngram(m, (uint32_t)b))
                    r[n++] = (wrank){(uint32_t)b, c};
            }
            qsort(r, n, sizeof *r, wrank_cmp);
            cli_printf_plain("  top n-grams for %s:\n", h->labels[lab]);
            for (size_t i = 0; i < n && shown < top; i++, shown++)
                cli_printf_plain("    %8.4f  %s\n", r[i].w, stance_model_find_ngram(m, r[i].bucket)->text);
        }
    }
    free(r);
    stance_model_free(pm);
    return CLI_OK;
}
