/*
 * wordvec.c - PPMI + randomized SVD word vectors for the vec family (see
 * wordvec.h for the method and its sources).
 */
#include "config.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "cli_input.h"
#include "wordvec.h"

void tr_wv_opts_default(tr_wv_opts *o)
{
    o->dim = 100;
    o->vocab = 50000;
    o->window = 5;
    o->min_count = 3;
    o->iters = 3;
    o->sif = 1e-3;
    o->seed = 1;
}

/* ---- the corpus ----------------------------------------------------------- */

static int seen_insert(tr_corpus *c, uint64_t h)
{
    size_t mask;
    if (h == 0)
        h = 1;
    if (2 * (c->n + 1) > c->seen_cap) {
        size_t nc = c->seen_cap ? 2 * c->seen_cap : 1024;
        uint64_t *ns = calloc(nc, sizeof *ns);
        if (!ns)
            return -1;
        for (size_t i = 0; i < c->seen_cap; i++)
            if (c->seen[i]) {
                size_t j = c->seen[i] & (nc - 1);
                while (ns[j])
                    j = (j + 1) & (nc - 1);
                ns[j] = c->seen[i];
            }
        free(c->seen);
        c->seen = ns;
        c->seen_cap = nc;
    }
    mask = c->seen_cap - 1;
    for (size_t j = h & mask;; j = (j + 1) & mask) {
        if (c->seen[j] == h)
            return 0; /* seen: a 64-bit hash collision between different texts is ignored */
        if (!c->seen[j]) {
            c->seen[j] = h;
            return 1;
        }
    }
}

int tr_corpus_add(tr_corpus *c, const char *text, size_t len)
{
    int fresh = seen_insert(c, XXH3_64bits(text, len));
    char *t;
    if (fresh <= 0)
        return fresh;
    if (c->n == c->cap) {
        size_t nc = c->cap ? 2 * c->cap : 1024;
        char **nt = realloc(c->texts, nc * sizeof *nt);
        size_t *nl;
        if (!nt)
            return -1;
        c->texts = nt;
        if (!(nl = realloc(c->lens, nc * sizeof *nl)))
            return -1;
        c->lens = nl;
        c->cap = nc;
    }
    if (!(t = malloc(len + 1)))
        return -1;
    memcpy(t, text, len);
    t[len] = '\0';
    c->texts[c->n] = t;
    c->lens[c->n++] = len;
    c->bytes += len;
    return 0;
}

void tr_corpus_context_only(tr_corpus *c)
{
    if (!c->has_ctx) {
        c->ctx_from = c->n;
        c->has_ctx = 1;
    }
}

int tr_corpus_add_file(tr_corpus *c, const char *path, char *err, size_t errlen)
{
    cli_lines in;
    const char *line;
    size_t len;
    int got, json = -1, rc = -1;
    if (cli_lines_open(&in, path, err, errlen))
        return -1;
    while ((got = cli_lines_next(&in, &line, &len, err, errlen)) == 1) {
        stance_error serr;
        if (json < 0)
            json = line[0] == '{';
        if (json) {
            json_error_t jerr;
            json_t *o = json_loadb(line, len, 0, &jerr), *t = o ? json_object_get(o, "text") : NULL;
            int bad = !json_is_string(t);
            if (!bad && tr_corpus_add(c, json_string_value(t), json_string_length(t))) {
                json_decref(o);
                snprintf(err, errlen, "%s: out of memory", path);
                goto out;
            }
            json_decref(o);
            if (bad) {
                snprintf(err, errlen, "%s:%zu: %s", path, in.lineno,
                         o ? "want a JSON object with a \"text\" string" : jerr.text);
                goto out;
            }
            continue;
        }
        if (stance_utf8_check(line, len, &serr)) {
            snprintf(err, errlen, "%s:%zu: not valid UTF-8 (byte %zu of the line)", path, in.lineno, serr.offset);
            goto out;
        }
        if (tr_corpus_add(c, line, len)) {
            snprintf(err, errlen, "%s: out of memory", path);
            goto out;
        }
    }
    rc = got < 0 ? -1 : 0;
out:
    cli_lines_close(&in);
    return rc;
}

void tr_corpus_free(tr_corpus *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->texts[i]);
    free(c->texts);
    free(c->lens);
    free(c->seen);
    memset(c, 0, sizeof *c);
}

/* ---- dense numerics --------------------------------------------------------- */

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* A standard normal number (Box-Muller, one of the pair). */
static double gauss(uint64_t *x)
{
    double u1 = ((double)(splitmix(x) >> 11) + 0.5) / 9007199254740992.0;
    double u2 = (double)(splitmix(x) >> 11) / 9007199254740992.0;
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

/* y = A x (x: cols, y: rows) */
static void spmv(const tr_csr *a, const double *x, double *y)
{
    for (uint32_t r = 0; r < a->rows; r++) {
        double s = 0;
        for (size_t p = a->rowptr[r]; p < a->rowptr[r + 1]; p++)
            s += a->val[p] * x[a->col[p]];
        y[r] = s;
    }
}

/* y = A' x (x: rows, y: cols) */
static void spmtv(const tr_csr *a, const double *x, double *y)
{
    memset(y, 0, a->cols * sizeof *y);
    for (uint32_t r = 0; r < a->rows; r++)
        for (size_t p = a->rowptr[r]; p < a->rowptr[r + 1]; p++)
            y[a->col[p]] += a->val[p] * x[r];
}

static double dot(const double *a, const double *b, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}

/* Orthonormalise the @p l columns of q (column-major, n rows) in place:
 * modified Gram-Schmidt, each column twice ("twice is enough"). A column that
 * vanishes (rank below l) is replaced by a unit vector and orthogonalised again. */
static void orthonormalise(double *q, size_t n, uint32_t l)
{
    for (uint32_t j = 0; j < l; j++) {
        double *y = q + (size_t)j * n, nrm = 1;
        for (int attempt = 0; attempt <= (int)l; attempt++) {
            double before = sqrt(dot(y, y, n));
            for (int pass = 0; pass < 2; pass++)
                for (uint32_t i = 0; i < j; i++) {
                    const double *qi = q + (size_t)i * n;
                    double r = dot(qi, y, n);
                    for (size_t t = 0; t < n; t++)
                        y[t] -= r * qi[t];
                }
            nrm = sqrt(dot(y, y, n));
            if (nrm > 1e-10 * before && nrm > 1e-300)
                break;
            memset(y, 0, n * sizeof *y);
            y[((size_t)j + (size_t)attempt) % n] = 1.0;
        }
        for (size_t t = 0; t < n; t++)
            y[t] /= nrm;
    }
}

/* Eigenvalues (descending, in w) and eigenvectors (column-major in v) of the
 * symmetric l x l matrix c (destroyed): cyclic Jacobi rotations. */
static void jacobi_eigen(double *c, uint32_t l, double *w, double *v)
{
    uint32_t *order;
    double *tv, *tw;
    for (uint32_t i = 0; i < l; i++)
        for (uint32_t j = 0; j < l; j++)
            v[(size_t)i * l + j] = i == j;
    for (int sweep = 0; sweep < 100; sweep++) {
        double off = 0, all = 0;
        for (uint32_t i = 0; i < l; i++)
            for (uint32_t j = 0; j < l; j++) {
                double x = c[(size_t)i * l + j] * c[(size_t)i * l + j];
                all += x;
                off += i != j ? x : 0;
            }
        if (off <= 1e-30 * all || all == 0)
            break;
        for (uint32_t p = 0; p + 1 < l; p++)
            for (uint32_t q = p + 1; q < l; q++) {
                double apq = c[(size_t)p * l + q], app, aqq, theta, t, cs, sn;
                if (fabs(apq) < 1e-300)
                    continue;
                app = c[(size_t)p * l + p];
                aqq = c[(size_t)q * l + q];
                theta = (aqq - app) / (2 * apq);
                t = (theta >= 0 ? 1.0 : -1.0) / (fabs(theta) + sqrt(theta * theta + 1));
                cs = 1 / sqrt(t * t + 1);
                sn = t * cs;
                for (uint32_t k = 0; k < l; k++) { /* columns p, q */
                    double ckp = c[(size_t)k * l + p], ckq = c[(size_t)k * l + q];
                    c[(size_t)k * l + p] = cs * ckp - sn * ckq;
                    c[(size_t)k * l + q] = sn * ckp + cs * ckq;
                }
                for (uint32_t k = 0; k < l; k++) { /* rows p, q */
                    double cpk = c[(size_t)p * l + k], cqk = c[(size_t)q * l + k];
                    c[(size_t)p * l + k] = cs * cpk - sn * cqk;
                    c[(size_t)q * l + k] = sn * cpk + cs * cqk;
                }
                for (uint32_t k = 0; k < l; k++) { /* v's columns p, q */
                    double vkp = v[(size_t)p * l + k], vkq = v[(size_t)q * l + k];
                    v[(size_t)p * l + k] = cs * vkp - sn * vkq;
                    v[(size_t)q * l + k] = sn * vkp + cs * vkq;
                }
            }
    }
    /* sort by eigenvalue, descending (stable selection: l is small) */
    order = malloc(l * sizeof *order);
    tv = malloc((size_t)l * l * sizeof *tv);
    tw = malloc(l * sizeof *tw);
    if (!order || !tv || !tw) { /* unsorted but correct: callers sort nothing else */
        for (uint32_t i = 0; i < l; i++)
            w[i] = c[(size_t)i * l + i];
        free(order);
        free(tv);
        free(tw);
        return;
    }
    for (uint32_t i = 0; i < l; i++) {
        order[i] = i;
        tw[i] = c[(size_t)i * l + i];
    }
    for (uint32_t i = 0; i < l; i++) {
        uint32_t best = i;
        for (uint32_t j = i + 1; j < l; j++)
            if (tw[order[j]] > tw[order[best]])
                best = j;
        if (best != i) {
            uint32_t t = order[best];
            memmove(order + i + 1, order + i, (best - i) * sizeof *order);
            order[i] = t;
        }
    }
    memcpy(tv, v, (size_t)l * l * sizeof *tv);
    for (uint32_t i = 0; i < l; i++) {
        w[i] = tw[order[i]];
        memcpy(v + (size_t)i * l, tv + (size_t)order[i] * l, l * sizeof *v);
    }
    free(order);
    free(tv);
    free(tw);
}

int tr_rsvd(const tr_csr *a, uint32_t k, uint32_t over, uint32_t iters, uint64_t seed, double *u, double *s)
{
    uint32_t l = k + over;
    size_t n = a->rows, m = a->cols;
    double *q = NULL, *z = NULL, *c = NULL, *w = NULL, *v = NULL;
    uint64_t rng = seed;
    int rc = -1;
    if (k == 0 || l > n || l > m)
        return -1;
    q = malloc((size_t)l * n * sizeof *q);
    z = malloc((size_t)l * m * sizeof *z);
    c = malloc((size_t)l * l * sizeof *c);
    w = malloc(l * sizeof *w);
    v = malloc((size_t)l * l * sizeof *v);
    if (!q || !z || !c || !w || !v)
        goto out;
    for (size_t i = 0; i < (size_t)l * m; i++)
        z[i] = gauss(&rng);
    for (uint32_t j = 0; j < l; j++) /* Y = A Omega */
        spmv(a, z + (size_t)j * m, q + (size_t)j * n);
    orthonormalise(q, n, l);
    for (uint32_t it = 0; it < iters; it++) {
        for (uint32_t j = 0; j < l; j++)
            spmtv(a, q + (size_t)j * n, z + (size_t)j * m);
        orthonormalise(z, m, l);
        for (uint32_t j = 0; j < l; j++)
            spmv(a, z + (size_t)j * m, q + (size_t)j * n);
        orthonormalise(q, n, l);
    }
    /* B' = A' Q (m x l); C = B B' = (A'Q)'(A'Q), l x l */
    for (uint32_t j = 0; j < l; j++)
        spmtv(a, q + (size_t)j * n, z + (size_t)j * m);
    for (uint32_t i = 0; i < l; i++)
        for (uint32_t j = i; j < l; j++)
            c[(size_t)i * l + j] = c[(size_t)j * l + i] = dot(z + (size_t)i * m, z + (size_t)j * m, m);
    jacobi_eigen(c, l, w, v);
    /* U = Q W: column t of U = sum_j Q[:, j] * v[t][j] */
    for (uint32_t t = 0; t < k; t++) {
        double *ut = u + (size_t)t * n;
        memset(ut, 0, n * sizeof *ut);
        for (uint32_t j = 0; j < l; j++) {
            double f = v[(size_t)t * l + j];
            const double *qj = q + (size_t)j * n;
            for (size_t i = 0; i < n; i++)
                ut[i] += f * qj[i];
        }
        s[t] = sqrt(w[t] > 0 ? w[t] : 0);
    }
    rc = 0;
out:
    free(q);
    free(z);
    free(c);
    free(w);
    free(v);
    return rc;
}

/* ---- counting ------------------------------------------------------------- */

/* Word types: an open-addressing table of ids over a byte pool. */
typedef struct types {
    uint32_t *slot;      /* id + 1, 0 = empty */
    size_t cap;
    size_t *off;         /* [n] word bytes at pool + off */
    uint32_t *len;
    uint64_t *count;
    uint64_t *vcount;    /* occurrences outside the context-only texts */
    uint64_t *hash;
    size_t n, ncap;
    char *pool;
    size_t pool_len, pool_cap;
} types;

typedef struct learn_ctx {
    types t;
    uint32_t *seq;       /* type id per word token, UINT32_MAX between texts */
    size_t n_seq, seq_cap;
    size_t ctx_tokens;   /* word tokens of context-only texts */
    int ctx;             /* the text being read is context-only */
    int oom;
} learn_ctx;

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    size_t nc = *cap ? *cap : 1024;
    void *np;
    if (need <= *cap)
        return 0;
    while (nc < need)
        nc *= 2;
    if (!(np = realloc(*p, nc * size)))
        return -1;
    *p = np;
    *cap = nc;
    return 0;
}

static int types_rehash(types *t)
{
    size_t nc = t->cap ? 2 * t->cap : 4096;
    uint32_t *ns = calloc(nc, sizeof *ns);
    if (!ns)
        return -1;
    for (size_t id = 0; id < t->n; id++) {
        size_t j = t->hash[id] & (nc - 1);
        while (ns[j])
            j = (j + 1) & (nc - 1);
        ns[j] = (uint32_t)id + 1;
    }
    free(t->slot);
    t->slot = ns;
    t->cap = nc;
    return 0;
}

/* The id of word w[0, n), added with count 0 when new; UINT32_MAX when out of memory. */
static uint32_t types_id(types *t, const char *w, size_t n)
{
    uint64_t h = XXH3_64bits(w, n);
    size_t j;
    if (2 * (t->n + 1) > t->cap && types_rehash(t))
        return UINT32_MAX;
    for (j = h & (t->cap - 1); t->slot[j]; j = (j + 1) & (t->cap - 1)) {
        uint32_t id = t->slot[j] - 1;
        if (t->hash[id] == h && t->len[id] == n && memcmp(t->pool + t->off[id], w, n) == 0)
            return id;
    }
    if (t->n >= UINT32_MAX - 1 || grow((void **)&t->pool, &t->pool_cap, t->pool_len + n, 1))
        return UINT32_MAX;
    {
        size_t c1 = t->ncap, c2 = t->ncap, c3 = t->ncap, c4 = t->ncap, c5 = t->ncap;
        if (grow((void **)&t->off, &c1, t->n + 1, sizeof *t->off) ||
            grow((void **)&t->len, &c2, t->n + 1, sizeof *t->len) ||
            grow((void **)&t->count, &c3, t->n + 1, sizeof *t->count) ||
            grow((void **)&t->vcount, &c5, t->n + 1, sizeof *t->vcount) ||
            grow((void **)&t->hash, &c4, t->n + 1, sizeof *t->hash))
            return UINT32_MAX;
        t->ncap = c1;
    }
    memcpy(t->pool + t->pool_len, w, n);
    t->off[t->n] = t->pool_len;
    t->len[t->n] = (uint32_t)n;
    t->count[t->n] = 0;
    t->vcount[t->n] = 0;
    t->hash[t->n] = h;
    t->pool_len += n;
    t->slot[j] = (uint32_t)t->n + 1;
    return (uint32_t)t->n++;
}

static void types_free(types *t)
{
    free(t->slot);
    free(t->off);
    free(t->len);
    free(t->count);
    free(t->vcount);
    free(t->hash);
    free(t->pool);
}

static int seq_push(learn_ctx *c, uint32_t id)
{
    if (grow((void **)&c->seq, &c->seq_cap, c->n_seq + 1, sizeof *c->seq))
        return -1;
    c->seq[c->n_seq++] = id;
    return 0;
}

static int on_token(void *user, const char *tok, size_t len, int punct)
{
    learn_ctx *c = user;
    uint32_t id;
    if (punct || len > STANCE_MAX_WVEC_WORD)
        return 0;
    if ((id = types_id(&c->t, tok, len)) == UINT32_MAX || seq_push(c, id))
        return c->oom = 1;
    c->t.count[id]++;
    if (c->ctx)
        c->ctx_tokens++;
    else
        c->t.vcount[id]++;
    return 0;
}

/* Co-occurrence weights keyed (row << 32 | col) + 1 (0 = empty). */
typedef struct pairs {
    uint64_t *key;
    double *w;
    size_t cap, n;
} pairs;

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static int pairs_add(pairs *p, uint32_t a, uint32_t b, double w)
{
    uint64_t k = ((uint64_t)a << 32 | b) + 1;
    size_t j;
    if (2 * (p->n + 1) > p->cap) {
        size_t nc = p->cap ? 2 * p->cap : (size_t)1 << 16;
        uint64_t *nk = calloc(nc, sizeof *nk);
        double *nw = nk ? malloc(nc * sizeof *nw) : NULL;
        if (!nw) {
            free(nk);
            return -1;
        }
        for (size_t i = 0; i < p->cap; i++)
            if (p->key[i]) {
                size_t t = mix64(p->key[i]) & (nc - 1);
                while (nk[t])
                    t = (t + 1) & (nc - 1);
                nk[t] = p->key[i];
                nw[t] = p->w[i];
            }
        free(p->key);
        free(p->w);
        p->key = nk;
        p->w = nw;
        p->cap = nc;
    }
    for (j = mix64(k) & (p->cap - 1); p->key[j] && p->key[j] != k; j = (j + 1) & (p->cap - 1))
        ;
    if (!p->key[j]) {
        p->key[j] = k;
        p->w[j] = 0;
        p->n++;
    }
    p->w[j] += w;
    return 0;
}

/* ---- vocabulary, PPMI matrix, vectors -------------------------------------- */

typedef struct vent {
    uint64_t count;
    const char *w;
    uint32_t len, id;
} vent;

static int by_count(const void *x, const void *y)
{
    const vent *a = x, *b = y;
    int c;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    c = memcmp(a->w, b->w, a->len < b->len ? a->len : b->len);
    return c ? c : (a->len > b->len) - (a->len < b->len);
}

/* The kept types, most frequent first (ties by bytes): rank[id] or UINT32_MAX.
 * A type needs min_count occurrences outside the context-only texts. */
static uint32_t *pick_vocab(const types *t, const tr_wv_opts *o, uint32_t **rank_out, size_t *nv)
{
    uint32_t *ids = malloc((t->n ? t->n : 1) * sizeof *ids), *rank = malloc((t->n ? t->n : 1) * sizeof *rank);
    vent *e = malloc((t->n ? t->n : 1) * sizeof *e);
    size_t n = 0;
    if (!ids || !rank || !e) {
        free(ids);
        free(rank);
        free(e);
        return NULL;
    }
    for (size_t i = 0; i < t->n; i++) {
        rank[i] = UINT32_MAX;
        if (t->vcount[i] >= o->min_count)
            e[n++] = (vent){t->count[i], t->pool + t->off[i], t->len[i], (uint32_t)i};
    }
    qsort(e, n, sizeof *e, by_count);
    if (n > o->vocab)
        n = o->vocab;
    for (size_t i = 0; i < n; i++) {
        ids[i] = e[i].id;
        rank[ids[i]] = (uint32_t)i;
    }
    free(e);
    *rank_out = rank;
    *nv = n;
    return ids;
}

static int by_key(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

/* Count pairs of kept words within the window (weight 1/distance, both
 * directions), then turn them into the PPMI matrix. */
static int ppmi_matrix(const learn_ctx *c, const uint32_t *rank, uint32_t nv, const tr_wv_opts *o, tr_csr *a,
                       size_t *n_pairs)
{
    pairs p = {0};
    uint64_t *keys = NULL;
    double *row = NULL, *ctx = NULL, total = 0;
    size_t n = 0;
    int rc = -1;
    for (size_t i = 0; i < c->n_seq; i++) {
        uint32_t ra = c->seq[i] == UINT32_MAX ? UINT32_MAX : rank[c->seq[i]];
        if (ra == UINT32_MAX)
            continue;
        for (size_t d = 1; d <= o->window && i + d < c->n_seq && c->seq[i + d] != UINT32_MAX; d++) {
            uint32_t rb = rank[c->seq[i + d]];
            if (rb == UINT32_MAX)
                continue;
            if (pairs_add(&p, ra, rb, 1.0 / (double)d) || pairs_add(&p, rb, ra, 1.0 / (double)d))
                goto out;
        }
    }
    *n_pairs = p.n;
    keys = malloc((p.n ? p.n : 1) * sizeof *keys);
    row = calloc(nv, sizeof *row);
    ctx = calloc(nv, sizeof *ctx);
    a->rowptr = calloc((size_t)nv + 1, sizeof *a->rowptr);
    a->col = malloc((p.n ? p.n : 1) * sizeof *a->col);
    a->val = malloc((p.n ? p.n : 1) * sizeof *a->val);
    if (!keys || !row || !ctx || !a->rowptr || !a->col || !a->val)
        goto out;
    for (size_t i = 0; i < p.cap; i++)
        if (p.key[i]) {
            uint32_t r = (uint32_t)((p.key[i] - 1) >> 32);
            keys[n++] = p.key[i] - 1;
            row[r] += p.w[i];
        }
    qsort(keys, n, sizeof *keys, by_key);
    for (uint32_t i = 0; i < nv; i++) { /* symmetric counts: column sums = row sums */
        ctx[i] = pow(row[i], 0.75);
        total += ctx[i];
    }
    a->rows = a->cols = nv;
    n = 0;
    for (size_t i = 0; i < p.n; i++) {
        uint64_t k = keys[i] + 1;
        uint32_t r = (uint32_t)(keys[i] >> 32), cc = (uint32_t)keys[i];
        size_t j = mix64(k) & (p.cap - 1);
        double pmi;
        while (p.key[j] != k)
            j = (j + 1) & (p.cap - 1);
        pmi = log(p.w[j] * total / (row[r] * ctx[cc]));
        if (pmi <= 0)
            continue;
        a->col[n] = cc;
        a->val[n++] = pmi;
        a->rowptr[r + 1]++;
    }
    for (uint32_t i = 0; i < nv; i++)
        a->rowptr[i + 1] += a->rowptr[i];
    rc = 0;
out:
    free(p.key);
    free(p.w);
    free(keys);
    free(row);
    free(ctx);
    return rc;
}

/* Rows U_k S_k^0.5 with canonical column signs (largest |entry| positive),
 * each scaled to unit length and by a / (a + p(w)). */
static void finish_vectors(const double *u, const double *s, size_t nv, uint32_t k, const types *t, const uint32_t *ids,
                           uint64_t tokens, double sif, float *out)
{
    for (uint32_t j = 0; j < k; j++) {
        const double *uj = u + (size_t)j * nv;
        size_t best = 0;
        double sign, f;
        for (size_t i = 1; i < nv; i++)
            if (fabs(uj[i]) > fabs(uj[best]))
                best = i;
        sign = uj[best] < 0 ? -1.0 : 1.0;
        f = sign * sqrt(s[j]);
        for (size_t i = 0; i < nv; i++)
            out[i * k + j] = (float)(uj[i] * f);
    }
    for (size_t i = 0; i < nv; i++) {
        double nrm = 0, f;
        for (uint32_t j = 0; j < k; j++)
            nrm += (double)out[i * k + j] * out[i * k + j];
        f = nrm > 0 ? 1.0 / sqrt(nrm) : 0;
        if (sif > 0)
            f *= sif / (sif + (double)t->count[ids[i]] / (double)(tokens ? tokens : 1));
        for (uint32_t j = 0; j < k; j++)
            out[i * k + j] = (float)(out[i * k + j] * f);
    }
}

int tr_wv_learn(const stance_featcfg *cfg, const tr_corpus *c, const tr_wv_opts *o, stance_wvec **out,
                tr_wv_stats *st, char *err, size_t errlen)
{
    learn_ctx lc = {0};
    stance_fscratch *s = NULL;
    uint32_t *ids = NULL, *rank = NULL, k, over;
    size_t nv = 0, n_pairs = 0;
    tr_csr a = {0};
    double *u = NULL, *sv = NULL;
    float *vec = NULL;
    const char **words = NULL;
    size_t *lens = NULL;
    stance_error serr;
    int rc = -1;
    *out = NULL;
    if (stance_fscratch_new(&s))
        goto nomem;
    for (size_t i = 0; i < c->n; i++) {
        lc.ctx = c->has_ctx && i >= c->ctx_from;
        if (stance_features_tokens(cfg, s, c->texts[i], c->lens[i], on_token, &lc) || lc.oom ||
            seq_push(&lc, UINT32_MAX))
            goto nomem;
    }
    if (!(ids = pick_vocab(&lc.t, o, &rank, &nv)))
        goto nomem;
    k = o->dim;
    over = 10;
    if (nv < (size_t)k + over) {
        snprintf(err, errlen, "word vectors: %zu words occur at least %u times, need at least %u for %u dimensions",
                 nv, o->min_count, k + over, k);
        goto out;
    }
    if (ppmi_matrix(&lc, rank, (uint32_t)nv, o, &a, &n_pairs))
        goto nomem;
    if (!(u = malloc((size_t)k * nv * sizeof *u)) || !(sv = malloc(k * sizeof *sv)) ||
        !(vec = malloc((size_t)k * nv * sizeof *vec)) || !(words = malloc(nv * sizeof *words)) ||
        !(lens = malloc(nv * sizeof *lens)))
        goto nomem;
    if (tr_rsvd(&a, k, over, o->iters, o->seed, u, sv))
        goto nomem;
    finish_vectors(u, sv, nv, k, &lc.t, ids, lc.n_seq - c->n, o->sif, vec);
    for (size_t i = 0; i < nv; i++) {
        words[i] = lc.t.pool + lc.t.off[ids[i]];
        lens[i] = lc.t.len[ids[i]];
    }
    if (stance_wvec_build(words, lens, vec, nv, k, out, &serr)) {
        snprintf(err, errlen, "word vectors: %s", serr.message);
        goto out;
    }
    if (st) {
        st->tokens = lc.n_seq - c->n;
        st->types = lc.t.n;
        st->vocab = nv;
        st->pairs = n_pairs;
        st->nnz = a.rowptr[nv];
        st->dim = k;
        st->top_sv = sv[0];
        st->ctx_texts = c->has_ctx ? c->n - c->ctx_from : 0;
        st->ctx_tokens = lc.ctx_tokens;
    }
    rc = 0;
    goto out;
nomem:
    snprintf(err, errlen, "word vectors: out of memory");
out:
    stance_fscratch_free(s);
    types_free(&lc.t);
    free(lc.seq);
    free(ids);
    free(rank);
    free(a.rowptr);
    free(a.col);
    free(a.val);
    free(u);
    free(sv);
    free(vec);
    free(words);
    free(lens);
    return rc;
}
