/*
 * cmd_train.c - `stance train`: labelled JSONL -> model file with one or more
 * heads, C chosen by stratified k-fold cross-validation, Platt-calibrated.
 */
#include "config.h"

#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "trainer.h"
#include "wordvec.h"

#define MAX_HEADS_CLI 8

static void help(void)
{
    printf(
        "Usage: stance train -o MODEL --head NAME=FILE.jsonl [--head NAME=FILE.jsonl ...] [OPTIONS]\n"
        "Train linear classifiers on labelled JSONL (fields: text, label, and optionally target,\n"
        "target_spans, context, task, group) and write them as heads of one model file.\n"
        "Probabilities: each pair of labels gets Platt's sigmoid, fitted on the decision values of\n"
        "5-fold cross-validation (liblinear; libsvm draws its own folds). Rows of one group go to one\n"
        "fold: \"group\" (any string or number, e.g. the document or quote a row comes from), or\n"
        "without one the row's text (case and runs of white space aside), so that copies of a text\n"
        "or one sentence's several targets are never on both sides of a fold; otherwise the model\n"
        "has seen the copy it is scored on and the sigmoid comes out over-confident.\n\n"
        "  -o, --output PATH       model to write (through a temporary file; nothing is half written)\n"
        "      --head NAME=FILE    train head NAME (e.g. stance, sentiment) on FILE; repeatable;\n"
        "                          several FILEs for one head: NAME=A.jsonl,B.jsonl\n"
        "      --add-to MODEL      add the heads to an existing model (its feature settings are kept)\n"
        "      --solver S          liblinear (default) or libsvm. Both give the same collapsed\n"
        "                          one-vs-one weights (pairs in libsvm's order) and libsvm's Platt\n"
        "                          calibration. liblinear is the default for accuracy per second: on\n"
        "                          NewsMTSC train (8.7k rows) its whole C search with calibration takes\n"
        "                          about 15 s of CPU, while libsvm's kernel solver needs tens of CPU\n"
        "                          minutes for a single calibrated fit (bench/RESULTS.md).\n"
        "      --C LIST            comma-separated C values searched by cross-validation (default 0.1,0.3,1,3)\n"
        "      --cv K              folds for the C search (default 5; 0 or 1 = use the first C); stratified,\n"
        "                          the rows of a group (as for the calibration folds) in one fold\n"
        "      --class-weight W    balanced (default: n/(k*n_c) per class) or none\n"
        "      --seed N            seed for folds and the solvers' rand() (default 1): same seed, same model\n"
        "      --table-bits N      hash table size 2^N (default 18)\n"
        "      --families LIST     feature families with optional weights, e.g.\n"
        "                          word:1,char:0.5,neg,window,presence,context (the default);\n"
        "                          also clause (n-grams inside/outside the target's clauses),\n"
        "                          lex and lexd (prior word polarity from --lexicon: tags / pooled\n"
        "                          scores per region), rules (VADER's sentence cues), struct (the\n"
        "                          target's role, conditionals, its clause; needs --lexicon),\n"
        "                          tconj (target x word / struct conjunctions; needs --lexicon) and\n"
        "                          vec (word vectors learned from the training and --unlabelled\n"
        "                          texts, summed per region: statement, left, right, near the target);\n"
        "                          side (the target's relation to the speaker, from a row's \"relation\":\n"
        "                          speaks-for, same-side, opposite-side; classify sets it from the\n"
        "                          actors' sides); word+negmark, window+negmark: a word in a negation scope is ~word\n"
        "      --lexicon FILE      word polarity lexicon, one WORD<TAB>VALENCE[<TAB>...] a line (the\n"
        "                          VADER lexicon's format); stored in the model, which then needs no\n"
        "                          file at run time. Adds the lex and lexd families unless --families\n"
        "                          names them\n"
        "      --unlabelled FILES  comma-separated text for the vec family's word vectors, besides the\n"
        "                          texts of every --head file: JSONL with a \"text\" field, or plain\n"
        "                          text, one text a line (e.g. articles of your own domain). Adds the\n"
        "                          vec family unless --families names it\n"
        "      --unlabelled-context FILES  comma-separated text (same formats) whose words count as\n"
        "                          co-occurrences of the vocabulary's words but enter no vocabulary: a\n"
        "                          word needs --vec-min-count occurrences in the other texts (text\n"
        "                          whose words must not be copied into the model). Adds the vec family\n"
        "                          unless --families names it\n"
        "      --vec-dims N        word vector dimensions (default 100)\n"
        "      --vec-vocab N       words kept, the most frequent (default 50000)\n"
        "      --vec-context N     co-occurrence window, words each side (default 5)\n"
        "      --vec-min-count N   occurrences a word needs (default 3)\n"
        "      --word-n A-B        word n-gram orders (default 1-3)\n"
        "      --char-n A-B        character n-gram orders (default 2-5)\n"
        "      --window N          tokens around each target mention (default 6)\n"
        "      --value MODE        binary (default) or logtf, L2-normalised over the whole vector;\n"
        "                          binary-family or logtf-family: each family normalised to its weight\n"
        "      --prune EPS         drop weight rows whose largest |w| is below EPS (default 0)\n"
        "      --ngrams N          readable n-grams kept for --explain/inspect (default 20000)\n"
        "      --name TEXT         model name (meta \"name\")\n"
        "      --created TEXT      meta \"created\" (not set by default, so rebuilds are byte-identical)\n"
        "      --meta KEY=VALUE    any other metadata (e.g. data=..., licence=...); repeatable\n"
        "      --neutral-band T    sentiment records with an \"orig_score\" are relabelled: neutral when\n"
        "                          |orig_score| < T, else the score's sign (VADER's own labels use 0.05)\n"
        "      --nb ALPHA          liblinear: NBSVM log-count-ratio feature scaling, smoothing ALPHA\n"
        "                          (folded back into the weights; default off)\n"
        "      --check-collapse FILE  also train with libsvm and report the largest difference between\n"
        "                          its decision values/probabilities and the collapsed model's on FILE\n"
        "      --no-ngram-text FILE  train on FILE (named in a --head) but keep its n-gram strings out of\n"
        "                          the model's readable n-gram table (text that must not be copied into\n"
        "                          the model, e.g. news articles without a licence) and out of the\n"
        "                          text the vec family's word vectors are learned from; repeatable\n"
        "      --in-domain FILE    the rows of FILE (named in a --head) are in-domain: each of their hashed\n"
        "                          features gets a domain copy besides the general one, plus a domain\n"
        "                          bias (feature augmentation, Daume III 2007); the other files' rows get\n"
        "                          the general features only. stance_classify() scores every quote toward\n"
        "                          an actor and every quote's sentiment as in-domain (so a model with the\n"
        "                          family wants in-domain rows for both heads), `stance predict`/`eval`\n"
        "                          score the general features. Adds the domain family unless --families\n"
        "                          names it; repeatable\n"
        "      --in-domain-temperature NAME=T  soften (T > 1) or sharpen (T < 1) head NAME's probabilities\n"
        "                          where stance_classify() uses the head: a quote toward an actor (the\n"
        "                          stance head) or a quote's sentiment; p_i^(1/T), normalised. The label\n"
        "                          is unchanged, and `stance predict`/`eval` are not affected (models/\n"
        "                          FORMAT.md, DTMP); replaces --temperature there; repeatable\n"
        "      --temperature NAME=T  head NAME's general temperature, T in 0.05..20 (p_i^(1/T),\n"
        "                          normalised; the label is unchanged): applied by stance_predict()\n"
        "                          (`stance predict`/`eval`) to every statement, and by stance_classify()\n"
        "                          where the head has no --in-domain-temperature (models/FORMAT.md,\n"
        "                          GTMP). NAME is a --head, or with --add-to a head of the model; repeatable\n"
        "      --ablate            after training each head, print on stdout its K-fold CV macro-F1\n"
        "                          (--cv folds, 5 when --cv < 2; the chosen C) when trained without\n"
        "                          each feature family in turn, beside the figure with all of them\n"
        "  -q, --quiet             no progress on stderr (warnings still)\n"
        "  -h, --help              this help\n\n"
        "Exit status: 0 ok, 1 bad input or training failure, 2 usage error.\n");
}

typedef struct head_spec {
    char *name;
    char *files;
} head_spec;

typedef struct train_ctx {
    int quiet;
    time_t t0;
} train_ctx;

static void progress(void *user, const char *msg)
{
    train_ctx *c = user;
    if (!c->quiet)
        fprintf(stderr, "stance train: [%4lds] %s\n", (long)(time(NULL) - c->t0), msg);
}

/* "A-B" or "A", 1 <= A <= B <= STANCE_MAX_NGRAM_ORDER, nothing else. */
static int parse_range(const char *s, uint32_t *a, uint32_t *b)
{
    char *end;
    unsigned long x, y;
    if (*s < '0' || *s > '9')
        return -1;
    x = y = strtoul(s, &end, 10);
    if (*end == '-') {
        if (end[1] < '0' || end[1] > '9')
            return -1;
        y = strtoul(end + 1, &end, 10);
    }
    if (*end || x < 1 || x > y || y > STANCE_MAX_NGRAM_ORDER)
        return -1;
    *a = (uint32_t)x;
    *b = (uint32_t)y;
    return 0;
}

#define N_FAMILY_NAMES 16
static const char *const family_names[N_FAMILY_NAMES] = {"",      "word", "char", "neg",    "window", "presence",
                                                         "context", "clause", "lex", "lexd", "rules", "vec",
                                                         "struct", "tconj", "domain", "side"};

const char *cli_family_name(uint32_t id)
{
    return id > 0 && id < N_FAMILY_NAMES ? family_names[id] : "?";
}

static int parse_families(const char *spec, stance_featcfg *cfg)
{
    const char *const *names = family_names;
    char *copy = strdup(spec), *save = NULL, *t;
    uint32_t n = 0;
    if (!copy)
        return -1;
    for (t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        char *colon = strchr(t, ':'), *plus;
        float w = 1.0f;
        uint32_t opts = 0;
        int id = 0;
        if (colon) {
            char *end;
            double v;
            *colon = '\0';
            v = strtod(colon + 1, &end);
            w = (float)v;
            if (end == colon + 1 || *end || !isfinite(v) || !(w > 0) || !isfinite(w)) {
                free(copy);
                return -1;
            }
        }
        while ((plus = strrchr(t, '+'))) { /* family options: "word+negmark:1" */
            *plus = '\0';
            if (strcmp(plus + 1, "negmark")) {
                free(copy);
                return -1;
            }
            opts |= STANCE_FF_NEGMARK;
        }
        for (int i = 1; i < N_FAMILY_NAMES; i++)
            if (!strcmp(t, names[i]))
                id = i;
        if (!id || n >= STANCE_MAX_FAMILIES) {
            free(copy);
            return -1;
        }
        stance_features_family_default((uint32_t)id, &cfg->families[n]);
        cfg->families[n].flags = opts; /* (stance_features_check() refuses a family's unknown options) */
        if (colon)
            cfg->families[n].weight = w;
        n++;
    }
    memset(&cfg->families[n], 0, (STANCE_MAX_FAMILIES - n) * sizeof *cfg->families);
    cfg->n_families = n;
    free(copy);
    return n ? 0 : -1;
}

static int has_family(const stance_featcfg *cfg, uint32_t id)
{
    for (uint32_t i = 0; i < cfg->n_families; i++)
        if (cfg->families[i].id == id)
            return 1;
    return 0;
}

typedef struct rank {
    uint32_t bucket;
    float w;
} rank;

static int rank_cmp(const void *a, const void *b)
{
    const rank *x = a, *y = b;
    if (x->w != y->w)
        return x->w > y->w ? -1 : 1;
    return x->bucket < y->bucket ? -1 : x->bucket > y->bucket;
}

/* Keep readable strings for the @p keep buckets with the largest weights. */
static int add_ngrams(stance_model *m, const tr_names *nm, size_t keep)
{
    size_t nb = (size_t)1 << m->feat.table_bits, n = 0;
    rank *r = malloc(nb * sizeof *r);
    char tmp[256];
    if (!r)
        return -1;
    for (size_t b = 0; b < nb; b++) {
        float best = 0;
        if (!nm->off[b])
            continue;
        for (uint32_t hi = 0; hi < m->n_heads; hi++) {
            const stance_head *h = &m->heads[hi];
            for (uint32_t p = 0; p < h->n_dec; p++)
                best = fmaxf(best, fabsf(h->weights[b * h->n_dec + p]));
        }
        if (best > 0)
            r[n++] = (rank){(uint32_t)b, best};
    }
    qsort(r, n, sizeof *r, rank_cmp);
    if (n > keep)
        n = keep;
    for (size_t i = 0; i < n; i++) {
        uint32_t b = r[i].bucket;
        int len = snprintf(tmp, sizeof tmp, "%s%s", stance_family_prefix(nm->fam[b]), nm->pool + nm->off[b] - 1);
        if (len < 0 || (size_t)len >= sizeof tmp)
            continue;
        if (stance_model_add_ngram(m, b, nm->fam[b], tmp, (size_t)len)) {
            free(r);
            return -1;
        }
    }
    free(r);
    stance_model_sort_ngrams(m);
    return 0;
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* "newsmtsc/train.jsonl" from ".../newsmtsc/train.jsonl": no machine-specific paths in META. */
static void short_path(const char *p, char *out, size_t n)
{
    const char *b = base_name(p), *d = b;
    if (b > p + 1) {
        d = b - 2;
        while (d > p && d[-1] != '/')
            d--;
    }
    snprintf(out, n, "%s", d);
    /* it goes into the model's metadata, read back as UTF-8 (JSON, the bindings): a file
     * name's invalid byte, or a sequence the buffer cut, becomes '?' */
    for (size_t i = 0, len = strlen(out); i < len;) {
        stance_error e;
        if (stance_utf8_check(out + i, len - i, &e) != STANCE_ERR_UTF8 || e.offset >= len - i)
            break;
        i += e.offset;
        out[i++] = '?';
    }
}

/* A string stored in the model (a head's name, metadata) must be UTF-8: JSON,
 * the bindings and a terminal read it back. 0, or -1 after saying so. */
static int check_utf8(const char *opt, const char *s)
{
    stance_error e;
    if (!s || stance_utf8_check(s, strlen(s), &e) == STANCE_OK)
        return 0;
    cli_error("train: %s '%s': not valid UTF-8 (byte %zu); names and metadata are stored as UTF-8", opt, s,
              e.offset);
    return -1;
}

/* Read WORD<TAB>VALENCE[<TAB>...] lines into cfg->lex; errors name file:line. */
static int load_lexicon(const char *path, stance_featcfg *cfg)
{
    char *data = NULL, **words = NULL, *line, *end;
    size_t len = 0, n = 0, cap = 0, lineno = 0, *lens = NULL;
    float *val = NULL;
    stance_error serr;
    int rc = -1;
    if (cli_read_file(path, &data, &len))
        return -1;
    if (stance_utf8_check(data, len, &serr)) {
        cli_error("%s: %s", path, serr.message);
        goto done;
    }
    for (line = data; line < data + len; line = end + 1) {
        char *tab, *num_end;
        double v;
        end = memchr(line, '\n', (size_t)(data + len - line));
        if (!end)
            end = data + len;
        *end = '\0';
        lineno++;
        if (end > line && end[-1] == '\r')
            end[-1] = '\0';
        if (!*line)
            continue;
        tab = strchr(line, '\t');
        if (!tab || tab == line) {
            cli_error("%s:%zu: want WORD<TAB>VALENCE", path, lineno);
            goto done;
        }
        *tab = '\0';
        v = strtod(tab + 1, &num_end);
        if (num_end == tab + 1 || (*num_end && *num_end != '\t') || !isfinite(v)) {
            cli_error("%s:%zu: bad valence", path, lineno);
            goto done;
        }
        if (n == cap) {
            size_t nc = cap ? 2 * cap : 1024;
            char **nw = realloc(words, nc * sizeof *nw);
            size_t *nl = nw ? realloc(lens, nc * sizeof *nl) : NULL;
            float *nv = nl ? realloc(val, nc * sizeof *nv) : NULL;
            if (nw)
                words = nw;
            if (nl)
                lens = nl;
            if (!nv) {
                cli_error("train: out of memory");
                goto done;
            }
            val = nv;
            cap = nc;
        }
        words[n] = line;
        lens[n] = strlen(line);
        val[n++] = (float)v;
    }
    if (stance_lexicon_build(cfg, (const char *const *)words, lens, val, n, &cfg->lex, &serr)) {
        cli_error("%s: %s", path, serr.message);
        goto done;
    }
    if (cfg->lex->n == 0) {
        cli_error("%s: no usable lexicon entries (one word, non-zero valence)", path);
        goto done;
    }
    rc = 0;
done:
    free(words);
    free(lens);
    free(val);
    free(data);
    return rc;
}

/* Whether @p f is one of the @p n files in @p list. */
static int file_listed(const char *f, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(f, list[i]))
            return 1;
    return 0;
}

/* optarg appended to the @p cap files of @p list (option @p opt); -1 when it is full (said). */
static int add_file(const char **list, size_t *n, size_t cap, const char *opt)
{
    if (*n >= cap) {
        cli_error("train: at most %zu %s files", cap, opt);
        return -1;
    }
    list[(*n)++] = optarg;
    return 0;
}

/* Whether @p f is one of the files of a --head (each a comma-separated list), as named there. */
static int head_file(const char *f, const head_spec *heads, size_t n_heads)
{
    size_t n = strlen(f);
    for (size_t i = 0; i < n_heads; i++)
        for (const char *p = heads[i].files;; p++) {
            size_t k = strcspn(p, ",");
            if (k == n && !strncmp(p, f, n))
                return 1;
            p += k;
            if (!*p)
                break;
        }
    return 0;
}

/* Learn the vec family's word vectors from the texts of every head file but
 * the @p n_skip files in @p skip (--no-ngram-text: their words stay out of the
 * model's vocabulary too), of @p unlabelled and, as context only, of @p context
 * (both comma-separated) into m->feat.wvec. */
static int learn_vectors(stance_model *m, const head_spec *heads, size_t n_heads, const char *unlabelled,
                         const char *context, const char *const *skip, size_t n_skip, const tr_wv_opts *wo,
                         train_ctx *ctx)
{
    tr_corpus c = {0};
    tr_wv_stats st;
    char err[TR_ERRLEN], msg[1536], from[600] = "", ctx_from[600] = "";
    int rc = -1;
    for (size_t i = 0; i <= n_heads + 1; i++) {
        const char *list = i < n_heads ? heads[i].files : i == n_heads ? unlabelled : context;
        char *files = list ? strdup(list) : NULL, *save = NULL, *f, *names = i > n_heads ? ctx_from : from;
        if (!list)
            continue;
        if (i > n_heads)
            tr_corpus_context_only(&c);
        if (!files) {
            cli_error("train: out of memory");
            goto out;
        }
        for (f = strtok_r(files, ",", &save); f; f = strtok_r(NULL, ",", &save)) {
            char sp[256];
            int skipped = 0;
            for (size_t k = 0; i < n_heads && k < n_skip; k++)
                skipped |= !strcmp(f, skip[k]);
            if (skipped)
                continue;
            if (tr_corpus_add_file(&c, f, err, sizeof err)) {
                cli_error("%s", err);
                free(files);
                goto out;
            }
            short_path(f, sp, sizeof sp);
            if (!strstr(names, sp) && strlen(names) + strlen(sp) + 2 < sizeof from)
                snprintf(names + strlen(names), sizeof from - strlen(names), "%s%s", names[0] ? "," : "", sp);
        }
        free(files);
    }
    snprintf(msg, sizeof msg, "word vectors: %zu texts (%zu bytes), learning %u dimensions", c.n, c.bytes, wo->dim);
    progress(ctx, msg);
    if (tr_wv_learn(&m->feat, &c, wo, &m->feat.wvec, &st, err, sizeof err)) {
        cli_error("train: %s", err);
        goto out;
    }
    snprintf(msg, sizeof msg, "dims=%u vocab=%zu context=%u min-count=%u sif=%g tokens=%zu texts=%zu from=%s%s%s",
             st.dim, st.vocab, wo->window, wo->min_count, wo->sif, st.tokens, c.n, from,
             ctx_from[0] ? " context-only=" : "", ctx_from);
    if (stance_model_set_meta(m, "vectors", msg)) {
        cli_error("train: out of memory");
        goto out;
    }
    snprintf(msg, sizeof msg,
             "word vectors: %zu tokens (%zu of them in %zu context-only texts), %zu types, %zu words kept, %zu pairs, "
             "%zu PPMI cells", st.tokens, st.ctx_tokens, st.ctx_texts, st.types, st.vocab, st.pairs, st.nnz);
    progress(ctx, msg);
    rc = 0;
out:
    tr_corpus_free(&c);
    return rc;
}

static int prune(stance_model *m, double eps)
{
    size_t nb = (size_t)1 << m->feat.table_bits, kept = 0;
    for (uint32_t hi = 0; hi < m->n_heads; hi++) {
        stance_head *h = &m->heads[hi];
        for (size_t b = 0; b < nb; b++) {
            float *row = &h->weights[b * h->n_dec];
            float mx = 0;
            for (uint32_t p = 0; p < h->n_dec; p++)
                mx = fmaxf(mx, fabsf(row[p]));
            if (mx < eps)
                memset(row, 0, h->n_dec * sizeof *row);
            else
                kept++;
        }
    }
    return (int)(kept > 0);
}

/* --ablate: for each feature family of @p cfg, the head's K-fold CV macro-F1
 * and accuracy (same folds, C and options) when the model is trained without
 * that family, printed beside the CV figures with every family (@p full_f1,
 * @p full_acc). The data is read again from @p files for each family: what
 * each family buys. */
static int ablate_head(const stance_featcfg *cfg, const head_spec *hs, double band, const char *const *dom, size_t n_dom,
                       const tr_opts *o, int k, double full_f1, double full_acc)
{
    char err[TR_ERRLEN];
    printf("head %s: ablation, %d-fold CV macro-F1 (C=%g) when trained without each family\n", hs->name, k, o->C);
    printf("  %-12s %9s %8s %9s %8s\n", "without", "macro-F1", "change", "accuracy", "change");
    printf("  %-12s %9.4f %8s %9.4f\n", "(none)", full_f1, "", full_acc);
    for (uint32_t i = 0; i < cfg->n_families; i++) {
        stance_featcfg c = *cfg;
        tr_data d;
        char *files = strdup(hs->files), *save = NULL, *f;
        double f1, acc;
        int bad = 0;
        if (!files) {
            cli_error("train: out of memory");
            return -1;
        }
        memset(&d, 0, sizeof d);
        d.neutral_band = band;
        memmove(&c.families[i], &cfg->families[i + 1], (cfg->n_families - i - 1) * sizeof *c.families);
        c.n_families--;
        for (f = strtok_r(files, ",", &save); f && !bad; f = strtok_r(NULL, ",", &save)) {
            d.in_domain = file_listed(f, dom, n_dom);
            bad = tr_data_load(f, &c, &d, NULL, err, sizeof err);
        }
        free(files);
        if (bad || tr_cross_validate(&d, o, c.table_bits, k, &f1, &acc, NULL, NULL, err, sizeof err)) {
            cli_error("train: ablation without %s: %s", cli_family_name(cfg->families[i].id), err);
            tr_data_free(&d);
            return -1;
        }
        tr_data_free(&d);
        printf("  %-12s %9.4f %+8.4f %9.4f %+8.4f\n", cli_family_name(cfg->families[i].id), f1, f1 - full_f1, acc,
               acc - full_acc);
        fflush(stdout);
    }
    return 0;
}

/* Everything the command line says, checked before any work. */
typedef struct train_opts {
    head_spec heads[MAX_HEADS_CLI];
    size_t n_heads;
    const char *private_files[16], *domain_files[16]; /* --no-ngram-text, --in-domain */
    size_t n_private, n_domain;
    const char *temp_head[2 * MAX_HEADS_CLI]; /* --in-domain-temperature and --temperature */
    double temp_val[2 * MAX_HEADS_CLI];
    int temp_general[2 * MAX_HEADS_CLI];
    size_t n_temp;
    char *metas[16];
    size_t n_meta;
    const char *out_path, *add_to, *c_list, *families, *word_n, *char_n, *name, *created, *check_file, *lexicon,
        *unlabelled, *context;
    size_t n_ngrams;
    int ablate, cv, window, value, bits;
    double cs[32]; /* --C parsed */
    size_t n_c;
    double prune_eps, band;
    tr_opts to;
    tr_wv_opts wo;
    train_ctx ctx;
} train_opts;

static const struct option train_lopts[] = {
    {"output", required_argument, NULL, 'o'},   {"head", required_argument, NULL, 'H'},
    {"add-to", required_argument, NULL, 'A'},   {"solver", required_argument, NULL, 'S'},
    {"C", required_argument, NULL, 'C'},        {"cv", required_argument, NULL, 'K'},
    {"class-weight", required_argument, NULL, 'W'}, {"seed", required_argument, NULL, 's'},
    {"table-bits", required_argument, NULL, 'b'}, {"families", required_argument, NULL, 'F'},
    {"word-n", required_argument, NULL, 'w'},   {"char-n", required_argument, NULL, 'c'},
    {"window", required_argument, NULL, 'N'},   {"value", required_argument, NULL, 'v'},
    {"prune", required_argument, NULL, 'P'},    {"ngrams", required_argument, NULL, 'G'},
    {"name", required_argument, NULL, 'n'},     {"created", required_argument, NULL, 'T'},
    {"check-collapse", required_argument, NULL, 'X'}, {"quiet", no_argument, NULL, 'q'},
    {"nb", required_argument, NULL, 'B'},      {"lexicon", required_argument, NULL, 'L'},
    {"neutral-band", required_argument, NULL, 'Z'},      {"meta", required_argument, NULL, 'M'},
    {"ablate", no_argument, NULL, 'a'},         {"no-ngram-text", required_argument, NULL, 'x'},
    {"unlabelled", required_argument, NULL, 'U'}, {"vec-dims", required_argument, NULL, 1001},
    {"vec-vocab", required_argument, NULL, 1002}, {"vec-context", required_argument, NULL, 1003},
    {"vec-min-count", required_argument, NULL, 1004}, {"unlabelled-context", required_argument, NULL, 1005},
    {"in-domain", required_argument, NULL, 1006}, {"in-domain-temperature", required_argument, NULL, 1007},
    {"temperature", required_argument, NULL, 1008}, {"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0}};

static int nomem(void)
{
    cli_error("train: out of memory");
    return CLI_FAIL;
}

/* --temperature (@p opt 1008) or --in-domain-temperature NAME=T. */
static int option_temperature(train_opts *o, int opt)
{
    char *eq = strchr(optarg, '='), *end = NULL;
    double t = eq ? strtod(eq + 1, &end) : 0;
    if (!eq || eq == optarg || end == eq + 1 || *end || !(t >= 0.05 && t <= 20) || o->n_temp >= 2 * MAX_HEADS_CLI) {
        cli_error("train: --%s wants NAME=T with T in 0.05..20 (at most %d)",
                  opt == 1008 ? "temperature" : "in-domain-temperature", MAX_HEADS_CLI);
        return CLI_USAGE;
    }
    *eq = '\0';
    for (size_t i = 0; i < o->n_temp; i++)
        if (o->temp_general[i] == (opt == 1008) && !strcmp(o->temp_head[i], optarg)) {
            cli_error("train: --%s %s given twice", opt == 1008 ? "temperature" : "in-domain-temperature", optarg);
            return CLI_USAGE;
        }
    o->temp_general[o->n_temp] = opt == 1008;
    o->temp_head[o->n_temp] = optarg;
    o->temp_val[o->n_temp++] = t;
    return CLI_OK;
}

/* The options that may be given several times (optarg added to a list). */
static int option_list(train_opts *o, int opt)
{
    switch (opt) {
    case 'x':
        if (add_file(o->private_files, &o->n_private, sizeof o->private_files / sizeof *o->private_files,
                     "--no-ngram-text"))
            return CLI_USAGE;
        break;
    case 1006:
        if (add_file(o->domain_files, &o->n_domain, sizeof o->domain_files / sizeof *o->domain_files, "--in-domain"))
            return CLI_USAGE;
        break;
    case 1007:
    case 1008: return option_temperature(o, opt);
    case 'H': {
        char *eq = strchr(optarg, '=');
        if (!eq || eq == optarg || !eq[1] || o->n_heads >= MAX_HEADS_CLI) {
            cli_error("train: --head wants NAME=FILE (at most %d heads)", MAX_HEADS_CLI);
            return CLI_USAGE;
        }
        *eq = '\0';
        o->heads[o->n_heads].name = optarg;
        o->heads[o->n_heads++].files = eq + 1;
        break;
    }
    case 'M':
        if (!strchr(optarg, '=') || optarg[0] == '=' || o->n_meta >= 16) {
            cli_error("train: --meta wants KEY=VALUE (at most 16)");
            return CLI_USAGE;
        }
        if (strlen(optarg) > STANCE_MAX_STRING) {
            cli_error("train: --meta: a key or value longer than %d bytes cannot be stored", STANCE_MAX_STRING);
            return CLI_USAGE;
        }
        o->metas[o->n_meta++] = optarg;
        break;
    default: return CLI_USAGE;
    }
    return CLI_OK;
}

/* @p arg as the index of one of the @p n words of @p words, else a usage error @p msg (-1). */
static int option_word(const char *arg, const char *const *words, int n, const char *msg)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(arg, words[i]))
            return i;
    cli_error("train: %s", msg);
    return -1;
}

/* The options that take a number in a range: -1 when @p opt is none of them. */
static int option_number(train_opts *o, int opt)
{
    static const char *const vo[] = {"--vec-dims", "--vec-vocab", "--vec-context", "--vec-min-count"};
    static const long lo[] = {1, 100, 1, 1}, hi[] = {STANCE_MAX_WVEC_DIM, STANCE_MAX_WVEC_WORDS, 50, 1000000};
    uint32_t *dst[] = {&o->wo.dim, &o->wo.vocab, &o->wo.window, &o->wo.min_count};
    long num;
    switch (opt) {
    case 'K':
        if (cli_num_long("train", "--cv", optarg, 0, 100, &num))
            return CLI_USAGE;
        o->cv = (int)num;
        return CLI_OK;
    case 's':
        if (cli_num_long("train", "--seed", optarg, 0, (long)UINT_MAX, &num))
            return CLI_USAGE;
        o->to.seed = (unsigned)num;
        return CLI_OK;
    case 'b':
        if (cli_num_long("train", "--table-bits", optarg, STANCE_MIN_TABLE_BITS, STANCE_MAX_TABLE_BITS, &num))
            return CLI_USAGE;
        o->bits = (int)num;
        return CLI_OK;
    case 'N':
        if (cli_num_long("train", "--window", optarg, 1, 64, &num))
            return CLI_USAGE;
        o->window = (int)num;
        return CLI_OK;
    case 'G':
        if (cli_num_long("train", "--ngrams", optarg, 0, 10000000, &num))
            return CLI_USAGE;
        o->n_ngrams = (size_t)num;
        return CLI_OK;
    case 'P': return cli_num_double("train", "--prune", optarg, 0, 1e6, &o->prune_eps) ? CLI_USAGE : CLI_OK;
    case 'B': return cli_num_double("train", "--nb", optarg, 0, 1e6, &o->to.nb_alpha) ? CLI_USAGE : CLI_OK;
    case 'Z': return cli_num_double("train", "--neutral-band", optarg, 1e-9, 100, &o->band) ? CLI_USAGE : CLI_OK;
    case 1001:
    case 1002:
    case 1003:
    case 1004:
        if (cli_num_long("train", vo[opt - 1001], optarg, lo[opt - 1001], hi[opt - 1001], &num))
            return CLI_USAGE;
        *dst[opt - 1001] = (uint32_t)num;
        return CLI_OK;
    default: return -1;
    }
}

/* One option of `train` into @p o: CLI_OK, or CLI_USAGE (said). */
static int option_value(train_opts *o, int opt)
{
    static const char *const solvers[] = {"libsvm", "liblinear"}, *const weights[] = {"balanced", "none"};
    static const char *const values[] = {"binary", "logtf", "binary-family", "logtf-family"};
    static const int value_modes[] = {0, 1, 3, 4};
    int k = option_number(o, opt);
    if (k >= 0)
        return k;
    switch (opt) {
    case 'o': o->out_path = optarg; break;
    case 'a': o->ablate = 1; break;
    case 'A': o->add_to = optarg; break;
    case 'S':
        if ((k = option_word(optarg, solvers, 2, "--solver is libsvm or liblinear")) < 0)
            return CLI_USAGE;
        o->to.solver = k == 0 ? TR_LIBSVM : TR_LIBLINEAR;
        break;
    case 'C': o->c_list = optarg; break;
    case 'W':
        if ((k = option_word(optarg, weights, 2, "--class-weight is balanced or none")) < 0)
            return CLI_USAGE;
        o->to.balanced = k == 0;
        break;
    case 'F': o->families = optarg; break;
    case 'w':
    case 'c': {
        uint32_t a, b;
        if (parse_range(optarg, &a, &b)) {
            cli_error("train: %s takes A-B or A with 1 <= A <= B <= %d, not '%s'", opt == 'w' ? "--word-n" : "--char-n",
                      STANCE_MAX_NGRAM_ORDER, optarg);
            return CLI_USAGE;
        }
        *(opt == 'w' ? &o->word_n : &o->char_n) = optarg;
        break;
    }
    case 'v':
        if ((k = option_word(optarg, values, 4, "--value is binary, logtf, binary-family or logtf-family")) < 0)
            return CLI_USAGE;
        o->value = value_modes[k];
        break;
    case 'n': o->name = optarg; break;
    case 'T': o->created = optarg; break;
    case 'X': o->check_file = optarg; break;
    case 'L': o->lexicon = optarg; break;
    case 'U': o->unlabelled = optarg; break;
    case 1005: o->context = optarg; break;
    case 'q': o->ctx.quiet = 1; break;
    default: return option_list(o, opt);
    }
    return CLI_OK;
}

/* --C's comma-separated list into o->cs. */
static int parse_c_list(train_opts *o)
{
    char *cl = strdup(o->c_list), *t, *save = NULL;
    int bad = !cl;
    for (t = cl ? strtok_r(cl, ",", &save) : NULL; t && !bad; t = strtok_r(NULL, ",", &save)) {
        if (o->n_c >= 32 || cli_num_double("train", "--C", t, 1e-9, 1e9, &o->cs[o->n_c]))
            bad = 1;
        else
            o->n_c++;
    }
    free(cl);
    if (bad || o->n_c == 0) {
        cli_error("train: --C wants a comma-separated list of 1 to 32 numbers above 0, not '%s'", o->c_list);
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* The options together (each is checked alone as it is read): -1 when they are good, else the exit status (said). */
static int check_options(train_opts *o)
{
    for (size_t i = 0; i < o->n_heads; i++) {
        if (strlen(o->heads[i].name) > 200) {
            cli_error("train: --head: a head name is at most 200 bytes");
            return CLI_USAGE;
        }
        for (size_t j = 0; j < i; j++)
            if (!strcmp(o->heads[i].name, o->heads[j].name)) {
                cli_error("train: --head %s given twice (several files for one head: NAME=A,B)", o->heads[i].name);
                return CLI_USAGE;
            }
    }
    for (size_t i = 0; i < o->n_temp && !o->add_to; i++) {
        size_t j = 0;
        while (j < o->n_heads && strcmp(o->temp_head[i], o->heads[j].name) != 0)
            j++;
        if (j == o->n_heads) {
            cli_error("train: --%s %s: no --head of that name",
                      o->temp_general[i] ? "temperature" : "in-domain-temperature", o->temp_head[i]);
            return CLI_USAGE;
        }
    }
    if (check_utf8("--name", o->name) || check_utf8("--created", o->created))
        return CLI_USAGE;
    for (size_t i = 0; i < o->n_heads; i++)
        if (check_utf8("--head", o->heads[i].name))
            return CLI_USAGE;
    for (size_t i = 0; i < o->n_meta; i++)
        if (check_utf8("--meta", o->metas[i]))
            return CLI_USAGE;
    /* a file these options name that no --head reads would be a silent no-op (a typo, another spelling of the path) */
    for (size_t i = 0; i < o->n_private + o->n_domain; i++) {
        const char *f = i < o->n_private ? o->private_files[i] : o->domain_files[i - o->n_private];
        if (!head_file(f, o->heads, o->n_heads)) {
            cli_error("train: --%s %s: no --head reads that file (name it as the --head does)",
                      i < o->n_private ? "no-ngram-text" : "in-domain", f);
            return CLI_USAGE;
        }
    }
    if ((o->name && strlen(o->name) > STANCE_MAX_STRING) || (o->created && strlen(o->created) > STANCE_MAX_STRING)) {
        cli_error("train: --name and --created are at most %d bytes", STANCE_MAX_STRING);
        return CLI_USAGE;
    }
    if (parse_c_list(o))
        return CLI_USAGE;
    if (cli_check_output(o->out_path))
        return CLI_FAIL;
    /* -o is no input (--add-to may be: it is read whole before the model is replaced) */
    for (size_t i = 0; i < o->n_heads; i++)
        if (cli_output_not_input(o->out_path, o->heads[i].files, 1))
            return CLI_FAIL;
    if (cli_output_not_input(o->out_path, o->lexicon, 0) || cli_output_not_input(o->out_path, o->unlabelled, 1) ||
        cli_output_not_input(o->out_path, o->context, 1) || cli_output_not_input(o->out_path, o->check_file, 0))
        return CLI_FAIL;
    return -1;
}

/* The command line into @p o: -1 to go on, else the exit status (--help: CLI_OK). */
static int parse_args(int argc, char **argv, train_opts *o)
{
    int opt, rc;
    memset(o, 0, sizeof *o);
    o->n_ngrams = 20000;
    o->c_list = "0.1,0.3,1,3";
    o->cv = 5;
    o->window = o->value = o->bits = -1;
    o->to = (tr_opts){TR_LIBLINEAR, 1.0, 1, 1, 1, 0, 0, NULL};
    o->ctx.t0 = time(NULL);
    tr_wv_opts_default(&o->wo);
    optind = 1;
    while ((opt = cli_getopt("train", argc, argv, "o:qh", train_lopts)) != -1) {
        if (opt == 'h') {
            help();
            return CLI_OK;
        }
        if ((rc = option_value(o, opt)) != CLI_OK)
            return rc;
    }
    if (optind < argc || !o->out_path || o->n_heads == 0) {
        cli_error("train: need -o MODEL and at least one --head NAME=FILE (see --help)");
        return CLI_USAGE;
    }
    return check_options(o);
}

/* --add-to: the model being extended, read whole (*mp NULL on failure). */
static int read_model(const train_opts *o, stance_model **mp)
{
    char *bytes;
    size_t len;
    int prc;
    stance_error serr;
    *mp = NULL;
    if (cli_read_file(o->add_to, &bytes, &len))
        return CLI_FAIL;
    if ((prc = stance_model_parse((const unsigned char *)bytes, len, mp, &serr)) ||
        (prc = stance_model_densify(*mp, &serr))) {
        cli_model_error(o->add_to, prc, &serr); /* as every command says it */
        if (*mp) {
            stance_model_destroy(*mp);
            stance_free(*mp);
            *mp = NULL;
        }
        free(bytes);
        return CLI_FAIL;
    }
    free(bytes); /* densified: the model no longer points into the file image */
    if (o->families || o->word_n || o->char_n || o->window >= 0 || o->value >= 0 || o->bits >= 0 || o->lexicon ||
        o->unlabelled || o->context)
        cli_error("train: --add-to keeps the model's feature settings, lexicon and word vectors; feature "
                  "options ignored");
    return CLI_OK;
}

/* A new model's feature configuration: defaults and the options, its lexicon and word vectors
 * (*mp is set once allocated, also on failure). */
static int new_model(train_opts *o, stance_model **mp)
{
    stance_model *m;
    stance_error serr;
    if (stance_model_new_empty(mp))
        return nomem();
    m = *mp;
    stance_features_default(&m->feat);
    if (o->bits >= 0)
        m->feat.table_bits = (uint32_t)o->bits;
    if (o->value >= 0)
        m->feat.value_mode = (uint32_t)o->value;
    if (o->families && parse_families(o->families, &m->feat)) {
        cli_error("train: bad --families '%s'", o->families);
        return CLI_USAGE;
    }
    for (uint32_t i = 0; i < m->feat.n_families; i++) {
        stance_family *f = &m->feat.families[i];
        if ((f->id == 1 && o->word_n && parse_range(o->word_n, &f->min_n, &f->max_n)) ||
            (f->id == 2 && o->char_n && parse_range(o->char_n, &f->min_n, &f->max_n))) {
            cli_error("train: bad n-gram range");
            return CLI_USAGE;
        }
        if (f->id == 4 && o->window > 0)
            f->window = (uint32_t)o->window;
    }
    if (o->lexicon && !stance_features_need_lexicon(&m->feat) && m->feat.n_families + 2 <= STANCE_MAX_FAMILIES) {
        stance_features_family_default(8, &m->feat.families[m->feat.n_families++]);
        stance_features_family_default(9, &m->feat.families[m->feat.n_families++]);
    }
    if ((o->unlabelled || o->context) && !stance_features_need_vectors(&m->feat) &&
        m->feat.n_families < STANCE_MAX_FAMILIES)
        stance_features_family_default(11, &m->feat.families[m->feat.n_families++]);
    if (o->n_domain && !has_family(&m->feat, 14) && m->feat.n_families < STANCE_MAX_FAMILIES)
        stance_features_family_default(14, &m->feat.families[m->feat.n_families++]);
    if (stance_features_need_lexicon(&m->feat) && !o->lexicon) {
        cli_error("train: the lex and lexd families need --lexicon FILE");
        return CLI_USAGE;
    }
    if (stance_features_check(&m->feat, &serr)) {
        cli_error("train: %s", serr.message);
        return CLI_USAGE;
    }
    if (o->lexicon) {
        char sp[256], lmeta[400];
        if (load_lexicon(o->lexicon, &m->feat))
            return CLI_FAIL;
        short_path(o->lexicon, sp, sizeof sp);
        snprintf(lmeta, sizeof lmeta, "%s (%u words)", sp, m->feat.lex->n);
        if (stance_model_set_meta(m, "lexicon", lmeta))
            return nomem();
    }
    if (stance_features_need_vectors(&m->feat) &&
        learn_vectors(m, o->heads, o->n_heads, o->unlabelled, o->context, o->private_files, o->n_private, &o->wo,
                      &o->ctx))
        return CLI_FAIL;
    return CLI_OK;
}

/* All data read and checked before any training: --check-collapse's into @p ev, each head's into @p data
 * (with the n-gram names of the files not under --no-ngram-text into @p names). */
static int load_data(const train_opts *o, stance_model *m, tr_data *data, tr_data *ev, tr_names *names)
{
    char err[TR_ERRLEN];
    if (o->check_file && tr_data_load(o->check_file, &m->feat, ev, NULL, err, sizeof err)) {
        cli_error("%s", err);
        return CLI_FAIL;
    }
    for (size_t hi = 0; hi < o->n_heads; hi++) {
        tr_data *d = &data[hi];
        char *files = strdup(o->heads[hi].files), *save = NULL, *f, meta_key[256], meta_val[1024] = "";
        d->neutral_band = o->band;
        if (!files)
            return nomem();
        if (stance_model_head_find(m, o->heads[hi].name) >= 0) {
            cli_error("train: the model already has a head '%s'", o->heads[hi].name);
            free(files);
            return CLI_FAIL;
        }
        for (f = strtok_r(files, ",", &save); f; f = strtok_r(NULL, ",", &save)) {
            char sp[256];
            int priv = file_listed(f, o->private_files, o->n_private);
            d->in_domain = file_listed(f, o->domain_files, o->n_domain);
            if (tr_data_load(f, &m->feat, d, priv ? NULL : names, err, sizeof err)) {
                cli_error("%s", err);
                free(files);
                return CLI_FAIL;
            }
            short_path(f, sp, sizeof sp);
            if (meta_val[0])
                strncat(meta_val, ",", sizeof meta_val - strlen(meta_val) - 1);
            strncat(meta_val, sp, sizeof meta_val - strlen(meta_val) - 1);
        }
        free(files);
        /* each class in every training fold of the C search, else in the data */
        if (tr_data_check(d, NULL, d->n, o->cv >= 2 && o->n_c > 1 ? 2 : 1, err, sizeof err)) {
            cli_error("train: head %s (%s): %s", o->heads[hi].name, o->heads[hi].files, err);
            return CLI_FAIL;
        }
        snprintf(meta_key, sizeof meta_key, "head.%s.data", o->heads[hi].name);
        if (stance_model_set_meta(m, meta_key, meta_val))
            return nomem();
    }
    return CLI_OK;
}

/* The C search of head @p hi: the best C by @p cv-fold macro-F1 (best_f1 stays -1 without a search). */
static int search_c(train_opts *o, const stance_model *m, size_t hi, tr_data *d, double *best_c, double *best_f1,
                    double *best_acc)
{
    char err[TR_ERRLEN], msg[512];
    time_t ts = time(NULL);
    *best_c = o->cs[0];
    if (!(o->cv >= 2 && o->n_c > 1))
        return CLI_OK;
    for (size_t ci = 0; ci < o->n_c; ci++) {
        double f1, acc;
        tr_opts to = o->to;
        to.C = o->cs[ci];
        if (tr_cross_validate(d, &to, m->feat.table_bits, o->cv, &f1, &acc, progress, &o->ctx, err, sizeof err)) {
            cli_error("train: %s", err);
            return CLI_FAIL;
        }
        {
            long el = (long)(time(NULL) - ts);
            long left = (long)((double)el / (double)(ci + 1) * (double)(o->n_c - ci - 1));
            snprintf(msg, sizeof msg, "head %s: C=%g  %d-fold macro-F1 %.4f  accuracy %.4f  (~%lds left in the search)",
                     o->heads[hi].name, o->cs[ci], o->cv, f1, acc, left);
            progress(&o->ctx, msg);
        }
        if (f1 > *best_f1 + 1e-12) {
            *best_f1 = f1;
            *best_acc = acc;
            *best_c = o->cs[ci];
        }
    }
    return CLI_OK;
}

/* Head @p hi trained with the chosen C (or --check-collapse's libsvm model) into @p h. */
static int fit_head(train_opts *o, const stance_model *m, size_t hi, tr_data *d, const tr_data *ev, stance_head *h)
{
    char err[TR_ERRLEN];
    int have_head = 0;
    unsigned flipped = 0;
    o->to.platt_flipped = &flipped;
    if (o->check_file) {
        double md, mp;
        tr_opts to = o->to;
        to.solver = TR_LIBSVM;
        progress(&o->ctx, "collapse check: training libsvm");
        if (tr_check_collapse(d, ev, &to, m->feat.table_bits, &md, &mp, o->to.solver == TR_LIBSVM ? h : NULL, err,
                              sizeof err)) {
            cli_error("train: %s", err);
            o->to.platt_flipped = NULL;
            return CLI_FAIL;
        }
        fprintf(stderr, "stance train: collapse check on %s (%zu examples): max |decision value diff| %.3g, "
                        "max |probability diff| %.3g\n", o->check_file, ev->n, md, mp);
        have_head = o->to.solver == TR_LIBSVM; /* the checked model is the head */
    }
    if (!have_head && tr_train_head(d, NULL, 0, &o->to, m->feat.table_bits, h, err, sizeof err)) {
        cli_error("train: %s", err);
        o->to.platt_flipped = NULL;
        return CLI_FAIL;
    }
    o->to.platt_flipped = NULL;
    if (flipped)
        fprintf(stderr, "stance train: warning: head %s: the calibration of %u of its %u class pairs came out "
                        "ordered against the decision values on held-out rows (too few rows per class?): "
                        "those pairs read the margin as log-odds with the pair's prior instead\n",
                o->heads[hi].name, flipped, h->n_dec);
    return CLI_OK;
}

/* The model's "head.NAME.train" metadata: how head @p hi was trained. */
static int head_meta(const train_opts *o, stance_model *m, size_t hi, double best_c, double best_f1, double best_acc,
                     size_t n)
{
    char meta_key[256], meta_val[1024];
    const char *solver = o->to.solver == TR_LIBSVM ? "libsvm" : "liblinear";
    snprintf(meta_key, sizeof meta_key, "head.%s.train", o->heads[hi].name);
    if (best_f1 >= 0)
        snprintf(meta_val, sizeof meta_val,
                 "solver=%s C=%g class-weight=%s seed=%u cv=%d cv-macro-f1=%.4f cv-accuracy=%.4f examples=%zu", solver,
                 best_c, o->to.balanced ? "balanced" : "none", o->to.seed, o->cv, best_f1, best_acc, n);
    else
        snprintf(meta_val, sizeof meta_val, "solver=%s C=%g class-weight=%s seed=%u examples=%zu", solver, best_c,
                 o->to.balanced ? "balanced" : "none", o->to.seed, n);
    if (o->band > 0) {
        size_t ml = strlen(meta_val);
        snprintf(meta_val + ml, sizeof meta_val - ml, " neutral-band=%g", o->band);
    }
    return stance_model_set_meta(m, meta_key, meta_val) ? nomem() : CLI_OK;
}

/* Head @p hi: its C searched, trained on all its data, added to @p m (and --ablate's table). */
static int train_head(train_opts *o, stance_model *m, size_t hi, const tr_data *data, const tr_data *ev)
{
    tr_data d = data[hi];
    stance_head h;
    double best_c = 0, best_f1 = -1, best_acc = 0;
    char err[TR_ERRLEN], msg[512];

    snprintf(msg, sizeof msg, "head %s: %zu examples, %zu labels, %.0f features per example", o->heads[hi].name, d.n,
             d.n_labels, (double)d.nnz / (double)d.n);
    progress(&o->ctx, msg);
    if (search_c(o, m, hi, &d, &best_c, &best_f1, &best_acc))
        return CLI_FAIL;
    o->to.C = best_c;
    snprintf(msg, sizeof msg, "head %s: training on all data with C=%g (%s, calibrated)", o->heads[hi].name, best_c,
             o->to.solver == TR_LIBSVM ? "libsvm" : "liblinear");
    progress(&o->ctx, msg);
    if (fit_head(o, m, hi, &d, ev, &h))
        return CLI_FAIL;
    if (tr_model_add_head(m, o->heads[hi].name, &h)) {
        tr_head_free(&h);
        return nomem();
    }
    tr_head_free(&h);
    if (o->ablate) {
        int k = o->cv >= 2 ? o->cv : 5;
        double full_f1 = best_f1, full_acc = best_acc; /* the C search's CV, else one run here */
        if (full_f1 < 0 &&
            tr_cross_validate(&d, &o->to, m->feat.table_bits, k, &full_f1, &full_acc, NULL, NULL, err, sizeof err)) {
            cli_error("train: %s", err);
            return CLI_FAIL;
        }
        if (ablate_head(&m->feat, &o->heads[hi], o->band, o->domain_files, o->n_domain, &o->to, k, full_f1, full_acc))
            return CLI_FAIL;
    }
    return head_meta(o, m, hi, best_c, best_f1, best_acc, d.n);
}

/* After the heads: temperatures, pruning, the n-gram names and the metadata. */
static int finish_model(const train_opts *o, stance_model *m, const tr_names *names)
{
    char fd[400] = "", msg[512]; /* fd leaves room in msg for the rest */
    const char *const *fn = family_names;
    size_t at = 0;
    for (size_t i = 0; i < o->n_temp; i++) {
        int k = stance_model_head_find(m, o->temp_head[i]);
        if (k < 0) {
            cli_error("train: --%s: the model has no head '%s'",
                      o->temp_general[i] ? "temperature" : "in-domain-temperature", o->temp_head[i]);
            return CLI_FAIL;
        }
        *(o->temp_general[i] ? &m->heads[k].temp : &m->heads[k].domain_temp) = o->temp_val[i];
    }
    if (o->prune_eps > 0)
        prune(m, o->prune_eps);
    if (names->off && o->n_ngrams && add_ngrams(m, names, o->n_ngrams))
        return nomem();
    if (o->name && stance_model_set_meta(m, "name", o->name))
        return nomem();
    if (o->created && stance_model_set_meta(m, "created", o->created))
        return nomem();
    for (size_t i = 0; i < o->n_meta; i++) {
        char *eq = strchr(o->metas[i], '=');
        int bad;
        *eq = '\0';
        bad = stance_model_set_meta(m, o->metas[i], eq + 1);
        *eq = '=';
        if (bad)
            return nomem();
    }
    for (uint32_t i = 0; i < m->feat.n_families && at < sizeof fd; i++) {
        const stance_family *fa = &m->feat.families[i];
        at += (size_t)snprintf(fd + at, sizeof fd - at, "%s%s:%g(%u-%u%s)", i ? "," : "",
                               fa->id < N_FAMILY_NAMES ? fn[fa->id] : "?", (double)fa->weight, fa->min_n, fa->max_n,
                               fa->id == 4 ? ",window" : "");
    }
    snprintf(msg, sizeof msg, "%s table-bits=%u value=%s", fd, m->feat.table_bits,
             m->feat.value_mode == 1   ? "logtf"
             : m->feat.value_mode == 3 ? "binary-family"
             : m->feat.value_mode == 4 ? "logtf-family"
                                       : "binary");
    return stance_model_set_meta(m, "features", msg) ? nomem() : CLI_OK;
}

/* The model serialised to -o. */
static int write_model(const train_opts *o, const stance_model *m)
{
    unsigned char *bytes = NULL;
    size_t size = 0;
    stance_error serr;
    char msg[512];
    if (stance_model_serialize(m, &bytes, &size, &serr)) {
        cli_error("%s: %s", o->out_path, serr.message);
        return CLI_FAIL;
    }
    /* beside the target, renamed only over a regular file: a device, FIFO or directory stays as it was */
    if (cli_write_file(o->out_path, bytes, size)) {
        stance_free(bytes);
        return CLI_FAIL;
    }
    stance_free(bytes);
    snprintf(msg, sizeof msg, "wrote %s", o->out_path);
    progress((void *)&o->ctx, msg);
    return CLI_OK;
}

int cmd_train(int argc, char **argv)
{
    train_opts o;
    tr_data data[MAX_HEADS_CLI], ev = {0};
    stance_model *m = NULL;
    tr_names names = {0};
    int rc = parse_args(argc, argv, &o);

    if (rc >= 0)
        return rc;
    memset(data, 0, sizeof data);
    /* The feature configuration: from the model being extended, else defaults + options. */
    rc = o.add_to ? read_model(&o, &m) : new_model(&o, &m);
    if (!rc)
        rc = load_data(&o, m, data, &ev, &names);
    for (size_t hi = 0; hi < o.n_heads && !rc; hi++)
        rc = train_head(&o, m, hi, data, &ev);
    if (!rc)
        rc = finish_model(&o, m, &names);
    if (!rc)
        rc = write_model(&o, m);
    for (size_t i = 0; i < o.n_heads; i++)
        tr_data_free(&data[i]);
    tr_data_free(&ev);
    tr_names_free(&names);
    if (m) {
        stance_model_destroy(m);
        stance_free(m);
    }
    return rc;
}
