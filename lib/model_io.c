/*
 * model_io.c - reading, validating and writing model files (models/FORMAT.md).
 *
 * The reader trusts nothing: the magic, version, every length and count are
 * checked against the bytes that remain, and the CRC-32 over the whole file,
 * before any field is used or any large allocation made. Fields are moved
 * byte by byte in little-endian order, never by casting structs.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__SSE2__)
#include <emmintrin.h> /* (x86: little-endian, as the file) */
#endif

#include "features.h"
#include "linear.h"
#include "model.h"
#include "vectors.h"

static const unsigned char MAGIC[4] = {'S', 'T', 'N', 'C'};
#define HEADER_SIZE 16u
#define SECTION_HEADER_SIZE 16u
#define SECTION_REQUIRED 1u

/* ---- little-endian reader ------------------------------------------------ */

typedef struct rd {
    const unsigned char *p;
    size_t pos, end;  /* absolute offsets into the file */
    stance_error *err;
    int rc;           /* first failure, sticky */
} rd;

static int rd_fail(rd *r, int code, const char *what)
{
    if (r->rc == STANCE_OK)
        r->rc = stance_error_set(r->err, code, r->pos, "%s at byte %zu", what, r->pos);
    return r->rc;
}

static inline int rd_need(rd *r, size_t n, const char *what)
{
    if (r->rc)
        return 0;
    if (n > r->end - r->pos) {
        rd_fail(r, STANCE_ERR_FORMAT, what);
        return 0;
    }
    return 1;
}


static inline uint32_t rd_u32(rd *r, const char *what)
{
    const unsigned char *b;
    if (!rd_need(r, 4, what))
        return 0;
    b = r->p + r->pos;
    r->pos += 4;
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static uint64_t rd_u64(rd *r, const char *what)
{
    uint64_t lo = rd_u32(r, what);
    uint64_t hi = rd_u32(r, what);
    return lo | hi << 32;
}

static float rd_f32(rd *r, const char *what)
{
    uint32_t u = rd_u32(r, what);
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

static double rd_f64(rd *r, const char *what)
{
    uint64_t u = rd_u64(r, what);
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

/* A length-prefixed string: u32 length, bytes; no NUL inside, at most STANCE_MAX_STRING. */
static char *rd_str(rd *r, const char *what)
{
    size_t start = r->pos;
    uint32_t n = rd_u32(r, what);
    char *s;
    if (r->rc)
        return NULL;
    if (n > STANCE_MAX_STRING) {
        r->pos = start;
        rd_fail(r, STANCE_ERR_FORMAT, "string too long");
        return NULL;
    }
    if (!rd_need(r, n, what))
        return NULL;
    if (memchr(r->p + r->pos, '\0', n)) {
        rd_fail(r, STANCE_ERR_FORMAT, "NUL byte inside string");
        return NULL;
    }
    s = stance_strndup((const char *)r->p + r->pos, n);
    if (!s) {
        r->rc = stance_error_set(r->err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
        return NULL;
    }
    r->pos += n;
    return s;
}

static int rd_nomem(rd *r)
{
    if (r->rc == STANCE_OK)
        r->rc = stance_error_set(r->err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    return r->rc;
}

/* ---- model building helpers --------------------------------------------- */

static void head_destroy(stance_head *h)
{
    if (!h)
        return;
    stance_free(h->name);
    if (h->labels)
        for (uint32_t i = 0; i < h->n_labels; i++)
            stance_free(h->labels[i]);
    stance_free(h->labels);
    stance_free(h->weights);
    stance_free(h->present);
    stance_free(h->rank);
    stance_linear_release(h);
    stance_free(h->bias);
    stance_free(h->prob_a);
    stance_free(h->prob_b);
    memset(h, 0, sizeof *h);
}

void stance_model_destroy(stance_model *m)
{
    if (!m)
        return;
    for (uint32_t i = 0; i < m->n_heads; i++)
        head_destroy(&m->heads[i]);
    stance_free(m->heads);
    for (uint32_t i = 0; i < m->n_meta; i++) {
        stance_free(m->meta_keys[i]);
        stance_free(m->meta_values[i]);
    }
    stance_free(m->meta_keys);
    stance_free(m->meta_values);
    if (m->ngram_blob)
        stance_free(m->ngram_blob);
    else
        for (uint32_t i = 0; i < m->n_ngrams; i++)
            stance_free(m->ngrams[i].text);
    stance_free(m->ngrams);
    stance_lexicon_free(m->feat.lex);
    stance_wvec_free(m->feat.wvec);
    stance_free(m->feat.dcopy);
    if (m->image && m->image_mapped)
        munmap(m->image, m->image_len);
    else
        stance_free(m->image);
    memset(m, 0, sizeof *m);
}

void stance_model_adopt_image(stance_model *m, unsigned char *image, size_t len, int mapped)
{
    m->image = image;
    m->image_len = len;
    m->image_mapped = mapped;
}

int stance_model_densify(stance_model *m, stance_error *err)
{
    size_t buckets = (size_t)1 << m->feat.table_bits;
    for (uint32_t i = 0; i < m->n_heads; i++) {
        stance_head *h = &m->heads[i];
        float *dense;
        if (h->weights)
            continue;
        if (!(dense = stance_calloc(buckets * h->n_dec, sizeof *dense)))
            return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
        for (size_t b = 0; b < buckets; b++)
            stance_head_row(h, b, &dense[b * h->n_dec]);
        h->weights = dense;
        stance_free(h->present);
        stance_free(h->rank);
        stance_linear_release(h);
        h->present = NULL;
        h->rank = NULL;
        h->rows = NULL;
        h->n_rows = 0;
    }
    return STANCE_OK;
}

int stance_head_row(const stance_head *h, size_t bucket, float *out)
{
    int any = 0;
    if (h->weights) {
        memcpy(out, &h->weights[bucket * h->n_dec], h->n_dec * sizeof *out);
    } else {
        const unsigned char *row = bucket <= UINT32_MAX ? stance_head_sparse_row(h, (uint32_t)bucket) : NULL;
        for (uint32_t p = 0; p < h->n_dec; p++)
            out[p] = row ? stance_le_f32(row + 4 * (size_t)p) : 0.0f;
    }
    for (uint32_t p = 0; p < h->n_dec; p++)
        any |= out[p] != 0.0f;
    return any;
}

int stance_model_new_empty(stance_model **out)
{
    *out = stance_calloc(1, sizeof **out);
    return *out ? STANCE_OK : STANCE_ERR_NOMEM;
}

int stance_model_add_head(stance_model *m, const char *name, uint32_t n_labels, const char *const *labels,
                          stance_head **head)
{
    stance_head *heads, *h;
    size_t buckets;
    if (n_labels < 2 || n_labels > STANCE_MAX_LABELS || m->n_heads >= STANCE_MAX_HEADS)
        return STANCE_ERR_INVALID;
    if (m->feat.table_bits < STANCE_MIN_TABLE_BITS || m->feat.table_bits > STANCE_MAX_TABLE_BITS)
        return STANCE_ERR_INVALID;
    {
        /* The same cap as the reader's, so the trainer never writes a model it cannot read. */
        uint64_t nbuckets = (uint64_t)1 << m->feat.table_bits;
        uint64_t total = nbuckets * (n_labels * (n_labels - 1) / 2) * sizeof(float);
        for (uint32_t i = 0; i < m->n_heads; i++)
            total += nbuckets * m->heads[i].n_dec * sizeof(float);
        if (total > STANCE_MAX_WEIGHT_BYTES)
            return STANCE_ERR_LIMIT;
    }
    heads = stance_realloc_array(m->heads, m->n_heads + 1, sizeof *heads);
    if (!heads)
        return STANCE_ERR_NOMEM;
    m->heads = heads;
    h = &heads[m->n_heads];
    memset(h, 0, sizeof *h);
    h->n_labels = n_labels;
    h->n_dec = n_labels * (n_labels - 1) / 2;
    buckets = (size_t)1 << m->feat.table_bits;
    h->name = stance_strdup(name);
    h->labels = stance_calloc(n_labels, sizeof *h->labels);
    h->weights = stance_calloc(buckets * h->n_dec, sizeof *h->weights);
    h->bias = stance_calloc(h->n_dec, sizeof *h->bias);
    if (!h->name || !h->labels || !h->weights || !h->bias)
        goto nomem;
    for (uint32_t i = 0; i < n_labels; i++)
        if (!(h->labels[i] = stance_strdup(labels[i])))
            goto nomem;
    m->n_heads++;
    if (head)
        *head = h;
    return STANCE_OK;
nomem:
    head_destroy(h);
    return STANCE_ERR_NOMEM;
}

int stance_model_set_meta(stance_model *m, const char *key, const char *value)
{
    char **k, **v, *nv;
    for (uint32_t i = 0; i < m->n_meta; i++) {
        if (strcmp(m->meta_keys[i], key) == 0) {
            if (!(nv = stance_strdup(value)))
                return STANCE_ERR_NOMEM;
            stance_free(m->meta_values[i]);
            m->meta_values[i] = nv;
            return STANCE_OK;
        }
    }
    if (m->n_meta >= STANCE_MAX_META)
        return STANCE_ERR_LIMIT;
    k = stance_realloc_array(m->meta_keys, m->n_meta + 1, sizeof *k);
    if (!k)
        return STANCE_ERR_NOMEM;
    m->meta_keys = k;
    v = stance_realloc_array(m->meta_values, m->n_meta + 1, sizeof *v);
    if (!v)
        return STANCE_ERR_NOMEM;
    m->meta_values = v;
    k[m->n_meta] = stance_strdup(key);
    v[m->n_meta] = stance_strdup(value);
    if (!k[m->n_meta] || !v[m->n_meta]) {
        stance_free(k[m->n_meta]);
        stance_free(v[m->n_meta]);
        return STANCE_ERR_NOMEM;
    }
    m->n_meta++;
    return STANCE_OK;
}

/* A model read from a file keeps its n-gram texts in one block; before the
 * table is edited, give every text its own allocation. */
static int own_ngram_texts(stance_model *m)
{
    char **copies;
    if (!m->ngram_blob)
        return STANCE_OK;
    copies = stance_calloc(m->n_ngrams ? m->n_ngrams : 1, sizeof *copies);
    if (!copies)
        return STANCE_ERR_NOMEM;
    for (uint32_t i = 0; i < m->n_ngrams; i++)
        if (!(copies[i] = stance_strdup(m->ngrams[i].text))) {
            for (uint32_t k = 0; k < i; k++)
                stance_free(copies[k]);
            stance_free(copies);
            return STANCE_ERR_NOMEM;
        }
    for (uint32_t i = 0; i < m->n_ngrams; i++)
        m->ngrams[i].text = copies[i];
    stance_free(copies);
    stance_free(m->ngram_blob);
    m->ngram_blob = NULL;
    return STANCE_OK;
}

int stance_model_add_ngram(stance_model *m, uint32_t bucket, uint32_t family, const char *text, size_t len)
{
    if (own_ngram_texts(m))
        return STANCE_ERR_NOMEM;
    stance_ngram *g = stance_realloc_array(m->ngrams, (size_t)m->n_ngrams + 1, sizeof *g);
    if (!g)
        return STANCE_ERR_NOMEM;
    m->ngrams = g;
    g[m->n_ngrams].bucket = bucket;
    g[m->n_ngrams].family = family;
    g[m->n_ngrams].text = stance_strndup(text, len);
    if (!g[m->n_ngrams].text)
        return STANCE_ERR_NOMEM;
    m->n_ngrams++;
    return STANCE_OK;
}

static int ngram_cmp(const void *a, const void *b)
{
    const stance_ngram *x = a, *y = b;
    if (x->bucket != y->bucket)
        return x->bucket < y->bucket ? -1 : 1;
    if (x->family != y->family)
        return x->family < y->family ? -1 : 1;
    return strcmp(x->text, y->text);
}

void stance_model_sort_ngrams(stance_model *m)
{
    uint32_t w = 0;
    if (m->n_ngrams == 0)
        return;
    qsort(m->ngrams, m->n_ngrams, sizeof *m->ngrams, ngram_cmp);
    /* Keep the first string per (bucket, family): collisions share a bucket anyway. */
    for (uint32_t i = 0; i < m->n_ngrams; i++) {
        if (w > 0 && m->ngrams[w - 1].bucket == m->ngrams[i].bucket && m->ngrams[w - 1].family == m->ngrams[i].family) {
            stance_free(m->ngrams[i].text);
            continue;
        }
        m->ngrams[w++] = m->ngrams[i];
    }
    m->n_ngrams = w;
}

const stance_ngram *stance_model_find_ngram(const stance_model *m, uint32_t bucket)
{
    size_t lo = 0, hi = m->n_ngrams;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->ngrams[mid].bucket < bucket)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < m->n_ngrams && m->ngrams[lo].bucket == bucket)
        return &m->ngrams[lo];
    return NULL;
}

/* ---- section readers ----------------------------------------------------- */

static int read_meta(rd *r, stance_model *m)
{
    size_t at = r->pos;
    uint32_t n = rd_u32(r, "truncated META");
    if (r->rc)
        return r->rc;
    /* Each entry takes at least 8 bytes: refuse absurd counts before allocating. */
    if (n > STANCE_MAX_META || (size_t)n * 8 > r->end - r->pos) {
        r->pos = at;
        return rd_fail(r, STANCE_ERR_FORMAT, "bad META count");
    }
    if (m->n_meta)
        return rd_fail(r, STANCE_ERR_FORMAT, "duplicate META section");
    m->meta_keys = stance_calloc(n ? n : 1, sizeof(char *));
    m->meta_values = stance_calloc(n ? n : 1, sizeof(char *));
    if (!m->meta_keys || !m->meta_values)
        return rd_nomem(r);
    for (uint32_t i = 0; i < n; i++) {
        char *k = rd_str(r, "truncated META key");
        char *v = k ? rd_str(r, "truncated META value") : NULL;
        if (!k || !v) {
            stance_free(k);
            return r->rc;
        }
        m->meta_keys[i] = k;
        m->meta_values[i] = v;
        m->n_meta = i + 1;
    }
    return r->rc;
}

static int read_feat(rd *r, stance_model *m, int *seen)
{
    stance_featcfg *f = &m->feat;
    size_t at = r->pos;
    if (*seen)
        return rd_fail(r, STANCE_ERR_FORMAT, "duplicate FEAT section");
    *seen = 1;
    f->norm_flags = rd_u32(r, "truncated FEAT");
    f->tokenizer_rev = rd_u32(r, "truncated FEAT");
    f->hash_id = rd_u32(r, "truncated FEAT");
    f->table_bits = rd_u32(r, "truncated FEAT");
    f->value_mode = rd_u32(r, "truncated FEAT");
    f->n_families = rd_u32(r, "truncated FEAT");
    if (r->rc)
        return r->rc;
    if (f->n_families > STANCE_MAX_FAMILIES) {
        r->pos = at + 20;
        return rd_fail(r, STANCE_ERR_FORMAT, "too many feature families");
    }
    for (uint32_t i = 0; i < f->n_families; i++) {
        stance_family *fam = &f->families[i];
        fam->id = rd_u32(r, "truncated family");
        fam->seed = rd_u32(r, "truncated family");
        fam->min_n = rd_u32(r, "truncated family");
        fam->max_n = rd_u32(r, "truncated family");
        fam->window = rd_u32(r, "truncated family");
        fam->flags = rd_u32(r, "truncated family");
        fam->weight = rd_f32(r, "truncated family");
        if (r->rc)
            return r->rc;
        if (fam->min_n > fam->max_n || fam->max_n > STANCE_MAX_NGRAM_ORDER || !isfinite(fam->weight)) {
            r->pos -= 28;
            return rd_fail(r, STANCE_ERR_FORMAT, "bad feature family");
        }
    }
    if (f->hash_id != STANCE_HASH_XXH3_64) {
        r->pos = at + 8;
        return rd_fail(r, STANCE_ERR_VERSION, "unknown hash function");
    }
    if (f->table_bits < STANCE_MIN_TABLE_BITS || f->table_bits > STANCE_MAX_TABLE_BITS) {
        r->pos = at + 12;
        return rd_fail(r, STANCE_ERR_FORMAT, "table size out of range");
    }
    {
        int rc = stance_features_check(f, r->err);
        if (rc) {
            r->rc = rc;
            if (r->err)
                r->err->offset = at;
        }
    }
    return r->rc;
}

/* Are the @p n_rows weight rows of @p row_bytes at p sound: buckets strictly
 * increasing and below @p buckets, every weight finite? Two passes without an
 * early exit: the buckets, then every 4-byte word of the block as one array
 * (a bucket, below 2^STANCE_MAX_TABLE_BITS, never has a float's exponent bits
 * all set, so only a weight can look like an Inf or a NaN there). read_head()
 * (rows_fault()) finds the first fault again when there is one. */
_Static_assert(STANCE_MAX_TABLE_BITS <= 24, "a bucket number has no exponent bits 24..30 set");
static int rows_sound(const unsigned char *p, uint32_t n_rows, size_t row_bytes, size_t buckets)
{
    const size_t words = (size_t)n_rows * (row_bytes / 4);
    int64_t last = -1;
    uint32_t bad = 0;
    size_t w = 0;
    for (uint32_t i = 0; i < n_rows; i++) {
        uint32_t b = stance_le_u32(p + (size_t)i * row_bytes);
        bad |= (int64_t)b <= last || b >= buckets;
        last = b;
    }
#if defined(__SSE2__)
    {
        const __m128i e = _mm_set1_epi32(0x7f800000);
        __m128i acc = _mm_setzero_si128();
        for (; w + 4 <= words; w += 4) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 4 * w));
            acc = _mm_or_si128(acc, _mm_cmpeq_epi32(_mm_and_si128(v, e), e));
        }
        bad |= (uint32_t)_mm_movemask_epi8(acc);
    }
#endif
    for (; w < words; w++)
        bad |= (stance_le_u32(p + 4 * w) & 0x7f800000u) == 0x7f800000u;
    return !bad;
}

/* The first fault of the weight rows at r->pos (rows_sound() found one; the
 * whole block is in bounds): its message, r->pos at its offset. */
static int rows_fault(rd *r, uint32_t n_rows, size_t row_bytes, uint32_t n_dec, size_t buckets)
{
    const unsigned char *p = r->p + r->pos;
    int64_t last = -1;
    for (uint32_t i = 0; i < n_rows; i++, p += row_bytes) {
        uint32_t b = stance_le_u32(p);
        if ((int64_t)b <= last || b >= buckets) {
            r->pos = (size_t)(p - r->p);
            return rd_fail(r, STANCE_ERR_FORMAT, "weight rows out of order or range");
        }
        last = b;
        for (uint32_t q = 0; q < n_dec; q++)
            if ((stance_le_u32(p + 4 + 4 * (size_t)q) & 0x7f800000u) == 0x7f800000u) { /* Inf or NaN */
                r->pos = (size_t)(p - r->p) + 4 + 4 * (size_t)q;
                return rd_fail(r, STANCE_ERR_FORMAT, "non-finite weight");
            }
    }
    return rd_fail(r, STANCE_ERR_FORMAT, "weight rows"); /* (not reached: rows_sound() saw a fault) */
}

/* Where a head's weight rows are in the file (filled after the whole file is read). */
typedef struct rows_ref {
    size_t count_at, at;
    uint32_t n_rows;
} rows_ref;

static int read_head(rd *r, stance_model *m, int have_feat, rows_ref *rows)
{
    stance_head *heads, *h;
    uint32_t n_dec, calib, wenc, n_rows;
    size_t buckets, row_bytes, at;

    if (!have_feat)
        return rd_fail(r, STANCE_ERR_FORMAT, "HEAD before FEAT");
    if (m->n_heads >= STANCE_MAX_HEADS)
        return rd_fail(r, STANCE_ERR_FORMAT, "too many heads");
    heads = stance_realloc_array(m->heads, m->n_heads + 1, sizeof *heads);
    if (!heads)
        return rd_nomem(r);
    m->heads = heads;
    h = &heads[m->n_heads++];
    memset(h, 0, sizeof *h);

    if (!(h->name = rd_str(r, "truncated head name")))
        return r->rc;
    for (uint32_t i = 0; i + 1 < m->n_heads; i++)
        if (strcmp(m->heads[i].name, h->name) == 0)
            return rd_fail(r, STANCE_ERR_FORMAT, "duplicate head name");
    at = r->pos;
    h->n_labels = rd_u32(r, "truncated label count");
    if (r->rc)
        return r->rc;
    if (h->n_labels < 2 || h->n_labels > STANCE_MAX_LABELS) {
        r->pos = at;
        h->n_labels = 0;
        return rd_fail(r, STANCE_ERR_FORMAT, "bad label count");
    }
    h->labels = stance_calloc(h->n_labels, sizeof *h->labels);
    if (!h->labels)
        return rd_nomem(r);
    for (uint32_t i = 0; i < h->n_labels; i++)
        if (!(h->labels[i] = rd_str(r, "truncated label")))
            return r->rc;
    at = r->pos;
    n_dec = rd_u32(r, "truncated pair count");
    if (r->rc)
        return r->rc;
    if (n_dec != h->n_labels * (h->n_labels - 1) / 2) {
        r->pos = at;
        return rd_fail(r, STANCE_ERR_FORMAT, "pair count does not match label count");
    }
    h->n_dec = n_dec;
    if (!rd_need(r, (size_t)n_dec * 8, "truncated bias"))
        return r->rc;
    if (!(h->bias = stance_calloc(n_dec, sizeof *h->bias)))
        return rd_nomem(r);
    for (uint32_t p = 0; p < n_dec; p++)
        h->bias[p] = rd_f64(r, "truncated bias");
    at = r->pos;
    calib = rd_u32(r, "truncated calibration");
    if (r->rc)
        return r->rc;
    if (calib > STANCE_CALIB_PLATT_PAIRWISE) {
        r->pos = at;
        return rd_fail(r, STANCE_ERR_VERSION, "unknown calibration kind");
    }
    h->calib = calib;
    if (calib == STANCE_CALIB_PLATT_PAIRWISE) {
        if (!rd_need(r, (size_t)n_dec * 16, "truncated calibration"))
            return r->rc;
        h->prob_a = stance_calloc(n_dec, sizeof *h->prob_a);
        h->prob_b = stance_calloc(n_dec, sizeof *h->prob_b);
        if (!h->prob_a || !h->prob_b)
            return rd_nomem(r);
        for (uint32_t p = 0; p < n_dec; p++)
            h->prob_a[p] = rd_f64(r, "truncated calibration");
        for (uint32_t p = 0; p < n_dec; p++)
            h->prob_b[p] = rd_f64(r, "truncated calibration");
    }
    at = r->pos;
    wenc = rd_u32(r, "truncated weights");
    if (r->rc)
        return r->rc;
    if (wenc != STANCE_WENC_SPARSE_F32) {
        r->pos = at;
        return rd_fail(r, STANCE_ERR_VERSION, "unknown weight encoding");
    }
    at = r->pos;
    n_rows = rd_u32(r, "truncated weights");
    if (r->rc)
        return r->rc;
    buckets = (size_t)1 << m->feat.table_bits;
    row_bytes = 4 + (size_t)n_dec * 4;
    /* The rows must fit in what remains: checked before the dense table is allocated. */
    if (n_rows > buckets || (size_t)n_rows * row_bytes > r->end - r->pos) {
        r->pos = at;
        return rd_fail(r, STANCE_ERR_FORMAT, "bad weight row count");
    }
    /* Validate the rows now; they are indexed (index_weights) only once the
     * whole file has been read, so a model whose tables are too large together
     * is refused before anything is built for them. */
    rows->count_at = at;
    rows->at = r->pos;
    rows->n_rows = n_rows;
    if (!rows_sound(r->p + r->pos, n_rows, row_bytes, buckets))
        return rows_fault(r, n_rows, row_bytes, n_dec, buckets);
    r->pos += (size_t)n_rows * row_bytes;
    return r->rc;
}

/* Index the sparse rows (validated by read_head) where they lie in the file
 * image: a presence bitmap and a rank per 64 buckets per head. The dense size
 * of all heads together must stay under STANCE_MAX_WEIGHT_BYTES (the cap the
 * trainer writes under), so every readable model can also be expanded. */
static int index_weights(const unsigned char *data, stance_model *m, const rows_ref *rows, stance_error *err)
{
    size_t buckets = (size_t)1 << m->feat.table_bits, words = (buckets + 63) / 64;
    uint64_t total = 0;
    for (uint32_t h = 0; h < m->n_heads; h++) {
        total += (uint64_t)buckets * m->heads[h].n_dec * sizeof(float);
        if (total > STANCE_MAX_WEIGHT_BYTES)
            return stance_error_set(err, STANCE_ERR_FORMAT, rows[h].count_at,
                                    "weight tables too large (%llu bytes at byte %zu, limit %zu)",
                                    (unsigned long long)total, rows[h].count_at, (size_t)STANCE_MAX_WEIGHT_BYTES);
    }
    for (uint32_t h = 0; h < m->n_heads; h++) {
        stance_head *hd = &m->heads[h];
        const size_t row_bytes = STANCE_ROW_BYTES(hd->n_dec);
        const unsigned char *p = data + rows[h].at;
        uint32_t before = 0;
        hd->present = stance_calloc(words, sizeof *hd->present);
        hd->rank = stance_calloc(words, sizeof *hd->rank);
        if (!hd->present || !hd->rank)
            return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
        /* read_head validated every row (bounds, strictly increasing buckets, finiteness). */
        for (uint32_t i = 0; i < rows[h].n_rows; i++, p += row_bytes) {
            uint32_t b = stance_le_u32(p);
            hd->present[b >> 6] |= (uint64_t)1 << (b & 63);
        }
        for (size_t w = 0; w < words; w++) {
            hd->rank[w] = before;
            before += stance_popcount64(hd->present[w]);
        }
        hd->rows = data + rows[h].at + 4;
        hd->n_rows = rows[h].n_rows;
    }
    return STANCE_OK;
}

static int read_ngrams(rd *r, stance_model *m)
{
    size_t at = r->pos;
    uint32_t n = rd_u32(r, "truncated NGRM");
    if (r->rc)
        return r->rc;
    if (m->ngrams)
        return rd_fail(r, STANCE_ERR_FORMAT, "duplicate NGRM section");
    /* Each entry takes at least 12 bytes. */
    if ((size_t)n * 12 > r->end - r->pos) {
        r->pos = at;
        return rd_fail(r, STANCE_ERR_FORMAT, "bad NGRM count");
    }
    m->ngrams = stance_calloc(n ? n : 1, sizeof *m->ngrams);
    /* One block holds every text: each string's 4-byte length prefix in the
     * file leaves room for its NUL, so the rest of the section is enough. */
    m->ngram_blob = stance_malloc(r->end - r->pos + 1);
    if (!m->ngrams || !m->ngram_blob)
        return rd_nomem(r);
    {
        char *dst = m->ngram_blob;
        for (uint32_t i = 0; i < n; i++) {
            stance_ngram *g = &m->ngrams[i];
            uint32_t len;
            g->bucket = rd_u32(r, "truncated n-gram");
            g->family = rd_u32(r, "truncated n-gram");
            if (r->rc)
                return r->rc;
            if (i > 0 && (g->bucket < g[-1].bucket || (g->bucket == g[-1].bucket && g->family <= g[-1].family))) {
                r->pos -= 8;
                return rd_fail(r, STANCE_ERR_FORMAT, "n-gram table out of order");
            }
            len = rd_u32(r, "truncated n-gram");
            if (r->rc)
                return r->rc;
            if (len > STANCE_MAX_STRING || !rd_need(r, len, "truncated n-gram")) {
                r->pos -= 4;
                return rd_fail(r, STANCE_ERR_FORMAT, len > STANCE_MAX_STRING ? "string too long" : "truncated n-gram");
            }
            if (memchr(r->p + r->pos, '\0', len)) {
                return rd_fail(r, STANCE_ERR_FORMAT, "NUL byte inside string");
            }
            memcpy(dst, r->p + r->pos, len);
            dst[len] = '\0';
            g->text = dst;
            dst += len + 1;
            r->pos += len;
            m->n_ngrams = i + 1;
        }
    }
    return r->rc;
}

/* LEXN: u32 count, then count x {str word, f32 valence}, words strictly increasing. */
static int read_lexicon(rd *r, stance_model *m)
{
    size_t at = r->pos, blob_len = 0;
    uint32_t n = rd_u32(r, "truncated LEXN");
    stance_lexicon *lx;
    if (r->rc)
        return r->rc;
    if (m->feat.lex)
        return rd_fail(r, STANCE_ERR_FORMAT, "duplicate LEXN section");
    /* Each entry takes at least 9 bytes (length, one byte, valence). */
    if (n > STANCE_MAX_LEXICON || (size_t)n * 9 > r->end - r->pos) {
        r->pos = at;
        return rd_fail(r, STANCE_ERR_FORMAT, "bad LEXN count");
    }
    if (!(lx = stance_calloc(1, sizeof *lx)))
        return rd_nomem(r);
    m->feat.lex = lx;
    lx->off = stance_calloc(n ? n : 1, sizeof *lx->off);
    lx->len = stance_calloc(n ? n : 1, sizeof *lx->len);
    lx->valence = stance_calloc(n ? n : 1, sizeof *lx->valence);
    /* the words with their NULs fit in the rest of the section (each has a 4-byte prefix) */
    lx->blob = stance_malloc(r->end - r->pos + 1);
    if (!lx->off || !lx->len || !lx->valence || !lx->blob)
        return rd_nomem(r);
    for (uint32_t i = 0; i < n; i++) {
        size_t wat = r->pos;
        uint32_t len = rd_u32(r, "truncated lexicon word");
        const unsigned char *w;
        float v;
        if (r->rc)
            return r->rc;
        if (len < 1 || len > STANCE_MAX_LEXWORD) {
            r->pos = wat;
            return rd_fail(r, STANCE_ERR_FORMAT, "bad lexicon word length");
        }
        if (!rd_need(r, len, "truncated lexicon word"))
            return r->rc;
        w = r->p + r->pos;
        for (uint32_t j = 0; j < len; j++)
            if (w[j] == '\0' || w[j] == ' ') {
                r->pos = wat;
                return rd_fail(r, STANCE_ERR_FORMAT, "NUL or space inside a lexicon word");
            }
        if (i > 0) {
            const char *prev = lx->blob + lx->off[i - 1];
            size_t pl = lx->len[i - 1];
            int c = memcmp(prev, w, pl < len ? pl : len);
            if (c > 0 || (c == 0 && pl >= len)) {
                r->pos = wat;
                return rd_fail(r, STANCE_ERR_FORMAT, "lexicon out of order");
            }
        }
        memcpy(lx->blob + blob_len, w, len);
        lx->off[i] = (uint32_t)blob_len;
        lx->len[i] = len;
        blob_len += len;
        lx->blob[blob_len++] = '\0';
        r->pos += len;
        v = rd_f32(r, "truncated lexicon valence");
        if (r->rc)
            return r->rc;
        if (!isfinite(v) || v == 0 || fabsf(v) > STANCE_MAX_VALENCE) {
            r->pos -= 4;
            return rd_fail(r, STANCE_ERR_FORMAT, "bad lexicon valence");
        }
        lx->valence[i] = v;
        lx->n = i + 1;
    }
    if (!r->rc)
        stance_lexicon_seal(lx);
    return r->rc;
}

/* WVEC: word vectors (vectors.c reads and checks the payload). */
static int read_wvec(rd *r, stance_model *m)
{
    if (r->rc)
        return r->rc;
    if (m->feat.wvec)
        return rd_fail(r, STANCE_ERR_FORMAT, "duplicate WVEC section");
    if ((r->rc = stance_wvec_parse(r->p, r->pos, r->end, &m->feat.wvec, r->err)) == STANCE_OK)
        r->pos = r->end;
    return r->rc;
}

/* The temperature of head @p h that section DTMP (in-domain) or GTMP (@p general) holds: the
 * reader sets it, the writer reads it (so, like strchr, a const head in, its field out). */
static double *head_temp(const stance_head *h, int general)
{
    return (double *)(general ? &h->temp : &h->domain_temp);
}

/* The tag of the section of head temperatures, DTMP or GTMP (@p general). */
static const char *temp_tag(int general)
{
    return general ? "GTMP" : "DTMP";
}

/* A message about that section: @p pre, its tag, @p post, in @p buf. */
static const char *temp_what(char *buf, size_t n, int general, const char *pre, const char *post)
{
    snprintf(buf, n, "%s%s%s", pre, temp_tag(general), post);
    return buf;
}

/* DTMP and GTMP: u32 count (1..STANCE_MAX_HEADS), then count x {str head name, f64 temperature};
 * each entry names a head read before it, no head twice, with a temperature in [0.05, 20].
 * @p general: the section is GTMP; @p seen: it was read before. */
static int read_temps(rd *r, stance_model *m, int general, int *seen)
{
    size_t at = r->pos;
    char what[64];
    uint32_t n = rd_u32(r, temp_what(what, sizeof what, general, "truncated ", ""));
    if (r->rc)
        return r->rc;
    if (*seen)
        return rd_fail(r, STANCE_ERR_FORMAT, temp_what(what, sizeof what, general, "duplicate ", " section"));
    *seen = 1;
    if (n == 0 || n > STANCE_MAX_HEADS) {
        r->pos = at;
        return rd_fail(r, STANCE_ERR_FORMAT, temp_what(what, sizeof what, general, "bad ", " count"));
    }
    for (uint32_t i = 0; i < n; i++) {
        size_t entry = r->pos;
        char *name = rd_str(r, "truncated temperature head name");
        double t = name ? rd_f64(r, "truncated temperature") : 0;
        double *ht = NULL;
        const char *bad = NULL;
        int k;
        if (!name || r->rc) {
            stance_free(name);
            return r->rc;
        }
        if ((k = stance_model_head_find(m, name)) >= 0)
            ht = head_temp(&m->heads[k], general);
        stance_free(name);
        if (!ht)
            bad = " names no head read before it";
        else if (*ht != 0)
            bad = " names a head twice";
        else if (!(t >= 0.05 && t <= 20))
            bad = " temperature out of range";
        if (bad) {
            r->pos = entry;
            return rd_fail(r, STANCE_ERR_FORMAT, temp_what(what, sizeof what, general, "", bad));
        }
        *ht = t;
    }
    return r->rc;
}

/* After a checksum mismatch: whether the file ends before the sections its
 * header counts do (a copy or a download cut short) rather than holding a
 * changed byte. Only the section headers are read; nothing is trusted. */
static int cut_short(const unsigned char *data, size_t size)
{
    uint32_t n = stance_le_u32(data + 12);
    size_t pos = HEADER_SIZE, end = size - 4;
    for (uint32_t s = 0; s < n; s++) { /* each step moves 16 bytes or more, or stops */
        uint64_t len;
        if (end - pos < SECTION_HEADER_SIZE)
            return 1;
        len = stance_le_u32(data + pos + 8) | (uint64_t)stance_le_u32(data + pos + 12) << 32;
        if (len > end - pos - SECTION_HEADER_SIZE)
            return 1;
        pos += SECTION_HEADER_SIZE + (size_t)len;
    }
    return 0;
}

int stance_model_parse(const unsigned char *data, size_t size, stance_model **out, stance_error *err)
{
    rd r = {data, 0, 0, err, STANCE_OK};
    stance_model *m = NULL;
    uint32_t major, req_flags, n_sections, stored_crc;
    int have_feat = 0, have_dtmp = 0, have_gtmp = 0;
    rows_ref rows[STANCE_MAX_HEADS];

    if (!out)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "model out-pointer is NULL");
    *out = NULL;
    if (!data && size)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "model data is NULL");
    if (size == 0)
        return stance_error_set(err, STANCE_ERR_FORMAT, 0, "the file is empty");
    if (size < HEADER_SIZE + 4 || memcmp(data, MAGIC, 4) != 0)
        return stance_error_set(err, STANCE_ERR_FORMAT, 0, "not a libstance model (bad magic or too short)");
    r.end = size - 4;
    r.pos = 4;
    major = rd_u32(&r, "truncated header") & 0xffffu;
    if (major > STANCE_FORMAT_MAJOR || major == 0)
        return stance_error_set(err, major ? STANCE_ERR_VERSION : STANCE_ERR_FORMAT, 4,
                                "model format %u is not supported (this library reads %u)", major, STANCE_FORMAT_MAJOR);
    stored_crc = stance_le_u32(data + size - 4);
    if (stance_crc32(0, data, size - 4) != stored_crc)
        return cut_short(data, size)
                   ? stance_error_set(err, STANCE_ERR_FORMAT, size,
                                      "checksum mismatch: the model file is truncated (its %zu bytes end inside its sections)",
                                      size)
                   : stance_error_set(err, STANCE_ERR_FORMAT, size - 4, "checksum mismatch: the model file is corrupt");
    req_flags = rd_u32(&r, "truncated header");
    if (req_flags != 0)
        return stance_error_set(err, STANCE_ERR_VERSION, 8, "model requires unknown features (flags 0x%x)", req_flags);
    n_sections = rd_u32(&r, "truncated header");
    if (n_sections > (size - HEADER_SIZE) / SECTION_HEADER_SIZE)
        return stance_error_set(err, STANCE_ERR_FORMAT, 12, "bad section count");

    if (stance_model_new_empty(&m))
        return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    for (uint32_t s = 0; s < n_sections && r.rc == STANCE_OK; s++) {
        unsigned char tag[4];
        uint32_t flags;
        uint64_t len;
        size_t file_end = r.end, body;
        if (!rd_need(&r, 4, "truncated section header"))
            break;
        memcpy(tag, data + r.pos, 4);
        r.pos += 4;
        flags = rd_u32(&r, "truncated section header");
        len = rd_u64(&r, "truncated section header");
        if (r.rc)
            break;
        if (len > r.end - r.pos) {
            r.pos -= 8;
            rd_fail(&r, STANCE_ERR_FORMAT, "section length beyond end of file");
            break;
        }
        body = r.pos;
        r.end = r.pos + (size_t)len;
        if (memcmp(tag, "META", 4) == 0)
            read_meta(&r, m);
        else if (memcmp(tag, "FEAT", 4) == 0)
            read_feat(&r, m, &have_feat);
        else if (memcmp(tag, "HEAD", 4) == 0)
            read_head(&r, m, have_feat, &rows[m->n_heads < STANCE_MAX_HEADS ? m->n_heads : 0]);
        else if (memcmp(tag, "NGRM", 4) == 0)
            read_ngrams(&r, m);
        else if (memcmp(tag, "LEXN", 4) == 0)
            read_lexicon(&r, m);
        else if (memcmp(tag, "WVEC", 4) == 0)
            read_wvec(&r, m);
        else if (memcmp(tag, "DTMP", 4) == 0 || memcmp(tag, "GTMP", 4) == 0)
            read_temps(&r, m, tag[0] == 'G', tag[0] == 'G' ? &have_gtmp : &have_dtmp);
        else if (flags & SECTION_REQUIRED) {
            r.pos = body - SECTION_HEADER_SIZE;
            rd_fail(&r, STANCE_ERR_VERSION, "unknown required section");
        } else
            r.pos = r.end; /* unknown optional section: skip */
        if (r.rc == STANCE_OK && r.pos != r.end)
            rd_fail(&r, STANCE_ERR_FORMAT, "section length does not match its contents");
        r.end = file_end;
    }
    if (r.rc == STANCE_OK && r.pos != r.end)
        rd_fail(&r, STANCE_ERR_FORMAT, "trailing bytes after the last section");
    if (r.rc == STANCE_OK && !have_feat)
        r.rc = stance_error_set(err, STANCE_ERR_FORMAT, STANCE_NO_OFFSET, "model has no FEAT section");
    if (r.rc == STANCE_OK && m->n_heads == 0)
        r.rc = stance_error_set(err, STANCE_ERR_FORMAT, STANCE_NO_OFFSET, "model has no heads");
    if (r.rc == STANCE_OK && stance_features_need_lexicon(&m->feat) && !m->feat.lex)
        r.rc = stance_error_set(err, STANCE_ERR_FORMAT, STANCE_NO_OFFSET, "lexicon feature families without a LEXN section");
    if (r.rc == STANCE_OK && stance_features_need_vectors(&m->feat) && !m->feat.wvec)
        r.rc = stance_error_set(err, STANCE_ERR_FORMAT, STANCE_NO_OFFSET, "vec feature family without a WVEC section");
    if (r.rc == STANCE_OK)
        r.rc = index_weights(data, m, rows, err);
    if (r.rc == STANCE_OK)
        r.rc = stance_wvec_prepare_model(m, err);
    if (r.rc == STANCE_OK && stance_features_domain_prepare(&m->feat))
        r.rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    for (uint32_t h = 0; r.rc == STANCE_OK && h < m->n_heads; h++)
        if (stance_linear_prepare(&m->heads[h], &m->feat))
            r.rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    if (r.rc) {
        stance_model_destroy(m);
        stance_free(m);
        return r.rc;
    }
    *out = m;
    return STANCE_OK;
}

/* ---- writer -------------------------------------------------------------- */

typedef struct wr {
    unsigned char *buf;
    size_t len, cap;
    int rc;
} wr;

static void wr_bytes(wr *w, const void *p, size_t n)
{
    if (w->rc)
        return;
    if (n > SIZE_MAX - w->len || stance_grow((void **)&w->buf, &w->cap, w->len + n, 1)) {
        w->rc = STANCE_ERR_NOMEM;
        return;
    }
    if (n)
        memcpy(w->buf + w->len, p, n);
    w->len += n;
}

static void wr_u32(wr *w, uint32_t v)
{
    unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
    wr_bytes(w, b, 4);
}

static void wr_u64(wr *w, uint64_t v)
{
    wr_u32(w, (uint32_t)v);
    wr_u32(w, (uint32_t)(v >> 32));
}

static void wr_f32(wr *w, float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    wr_u32(w, u);
}

static void wr_f64(wr *w, double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    wr_u64(w, u);
}

static void wr_str(wr *w, const char *s)
{
    size_t n = strlen(s);
    if (n > STANCE_MAX_STRING) {
        if (!w->rc)
            w->rc = STANCE_ERR_INVALID;
        return;
    }
    wr_u32(w, (uint32_t)n);
    wr_bytes(w, s, n);
}

/* Open a section: returns the offset of its length field, patched by wr_end. */
static size_t wr_begin(wr *w, const char *tag, uint32_t flags)
{
    size_t at;
    wr_bytes(w, tag, 4);
    wr_u32(w, flags);
    at = w->len;
    wr_u64(w, 0);
    return at;
}

static void wr_end(wr *w, size_t at)
{
    uint64_t len;
    if (w->rc)
        return;
    len = w->len - at - 8;
    for (int i = 0; i < 8; i++)
        w->buf[at + i] = (unsigned char)(len >> (8 * i));
}

/* One HEAD section: name, labels, biases, calibration, then the non-zero weight rows
 * (sparse f32) in bucket order. */
static void wr_head(wr *w, const stance_head *h, size_t buckets)
{
    float row[STANCE_MAX_LABELS * (STANCE_MAX_LABELS - 1) / 2];
    uint32_t n_rows = 0;
    size_t at = wr_begin(w, "HEAD", SECTION_REQUIRED);
    wr_str(w, h->name);
    wr_u32(w, h->n_labels);
    for (uint32_t i = 0; i < h->n_labels; i++)
        wr_str(w, h->labels[i]);
    wr_u32(w, h->n_dec);
    for (uint32_t p = 0; p < h->n_dec; p++)
        wr_f64(w, h->bias[p]);
    wr_u32(w, h->calib);
    if (h->calib == STANCE_CALIB_PLATT_PAIRWISE) {
        for (uint32_t p = 0; p < h->n_dec; p++)
            wr_f64(w, h->prob_a[p]);
        for (uint32_t p = 0; p < h->n_dec; p++)
            wr_f64(w, h->prob_b[p]);
    }
    wr_u32(w, STANCE_WENC_SPARSE_F32);
    for (size_t b = 0; b < buckets; b++)
        n_rows += (uint32_t)stance_head_row(h, b, row);
    wr_u32(w, n_rows);
    for (size_t b = 0; b < buckets; b++) {
        if (!stance_head_row(h, b, row))
            continue;
        wr_u32(w, (uint32_t)b);
        for (uint32_t p = 0; p < h->n_dec; p++)
            wr_f32(w, row[p]);
    }
    wr_end(w, at);
}

/* Does head @p h carry a temperature the DTMP (GTMP: @p general) section must hold (0 and 1: none)? */
static int tempered(const stance_head *h, int general)
{
    double t = *head_temp(h, general);
    return t != 0 && t != 1;
}

/* Write the DTMP (GTMP: @p general) section of the @p n heads of @p m that carry one. */
static void wr_temps(wr *w, const stance_model *m, int general, uint32_t n)
{
    size_t at;
    if (!n)
        return;
    at = wr_begin(w, temp_tag(general), 0);
    wr_u32(w, n);
    for (uint32_t hi = 0; hi < m->n_heads; hi++)
        if (tempered(&m->heads[hi], general)) {
            wr_str(w, m->heads[hi].name);
            wr_f64(w, *head_temp(&m->heads[hi], general));
        }
    wr_end(w, at);
}

int stance_model_serialize(const stance_model *m, unsigned char **data, size_t *size, stance_error *err)
{
    wr w = {NULL, 0, 0, STANCE_OK};
    size_t at, buckets;
    uint32_t n_temp = 0, n_gtemp = 0, n_sections, minor;
    for (uint32_t hi = 0; hi < m->n_heads; hi++) {
        n_temp += tempered(&m->heads[hi], 0);
        n_gtemp += tempered(&m->heads[hi], 1);
    }
    n_sections = 2 + m->n_heads + (n_temp ? 1 : 0) + (n_gtemp ? 1 : 0) + (m->n_ngrams ? 1 : 0) +
                 (m->feat.lex ? 1 : 0) + (m->feat.wvec ? 1 : 0);
    minor = n_gtemp          ? STANCE_FORMAT_MINOR_GTMP
            : n_temp         ? STANCE_FORMAT_MINOR_DTMP
            : m->feat.wvec   ? STANCE_FORMAT_MINOR_WVEC
            : m->feat.lex    ? STANCE_FORMAT_MINOR_LEXN
                             : STANCE_FORMAT_MINOR;
    *data = NULL;
    *size = 0;
    if (m->feat.table_bits < STANCE_MIN_TABLE_BITS || m->feat.table_bits > STANCE_MAX_TABLE_BITS ||
        m->feat.n_families > STANCE_MAX_FAMILIES || m->n_heads == 0)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "model is incomplete");
    buckets = (size_t)1 << m->feat.table_bits;

    wr_bytes(&w, MAGIC, 4);
    wr_u32(&w, STANCE_FORMAT_MAJOR | minor << 16);
    wr_u32(&w, 0);
    wr_u32(&w, n_sections);

    at = wr_begin(&w, "META", 0);
    wr_u32(&w, m->n_meta);
    for (uint32_t i = 0; i < m->n_meta; i++) {
        wr_str(&w, m->meta_keys[i]);
        wr_str(&w, m->meta_values[i]);
    }
    wr_end(&w, at);

    at = wr_begin(&w, "FEAT", SECTION_REQUIRED);
    wr_u32(&w, m->feat.norm_flags);
    wr_u32(&w, m->feat.tokenizer_rev);
    wr_u32(&w, m->feat.hash_id);
    wr_u32(&w, m->feat.table_bits);
    wr_u32(&w, m->feat.value_mode);
    wr_u32(&w, m->feat.n_families);
    for (uint32_t i = 0; i < m->feat.n_families; i++) {
        const stance_family *f = &m->feat.families[i];
        wr_u32(&w, f->id);
        wr_u32(&w, f->seed);
        wr_u32(&w, f->min_n);
        wr_u32(&w, f->max_n);
        wr_u32(&w, f->window);
        wr_u32(&w, f->flags);
        wr_f32(&w, f->weight);
    }
    wr_end(&w, at);

    for (uint32_t hi = 0; hi < m->n_heads; hi++)
        wr_head(&w, &m->heads[hi], buckets);
    wr_temps(&w, m, 0, n_temp);
    wr_temps(&w, m, 1, n_gtemp);

    if (m->feat.lex) {
        const stance_lexicon *lx = m->feat.lex;
        at = wr_begin(&w, "LEXN", 0);
        wr_u32(&w, lx->n);
        for (uint32_t i = 0; i < lx->n; i++) {
            wr_u32(&w, lx->len[i]);
            wr_bytes(&w, lx->blob + lx->off[i], lx->len[i]);
            wr_f32(&w, lx->valence[i]);
        }
        wr_end(&w, at);
    }
    if (m->feat.wvec) {
        unsigned char *p = NULL;
        size_t n = 0;
        at = wr_begin(&w, "WVEC", 0);
        if (!w.rc && stance_wvec_serialize(m->feat.wvec, &p, &n))
            w.rc = STANCE_ERR_NOMEM;
        wr_bytes(&w, p, n);
        stance_free(p);
        wr_end(&w, at);
    }
    if (m->n_ngrams) {
        at = wr_begin(&w, "NGRM", 0);
        wr_u32(&w, m->n_ngrams);
        for (uint32_t i = 0; i < m->n_ngrams; i++) {
            wr_u32(&w, m->ngrams[i].bucket);
            wr_u32(&w, m->ngrams[i].family);
            wr_str(&w, m->ngrams[i].text);
        }
        wr_end(&w, at);
    }
    if (!w.rc)
        wr_u32(&w, stance_crc32(0, w.buf, w.len));
    if (w.rc) {
        stance_free(w.buf);
        return stance_error_set(err, w.rc, STANCE_NO_OFFSET, "%s while writing the model", stance_strerror(w.rc));
    }
    *data = w.buf;
    *size = w.len;
    return STANCE_OK;
}

static const char *file_kind(mode_t mode)
{
    return S_ISDIR(mode) ? "a directory" : S_ISFIFO(mode) ? "a FIFO" : S_ISCHR(mode) ? "a character device"
           : S_ISBLK(mode) ? "a block device" : S_ISSOCK(mode) ? "a socket" : "not a plain file";
}

/* Where to rename the new file: @p path itself, or the file a symbolic link
 * names (the link is kept, as the CLI's train -o does). Anything that exists
 * and is not a regular file is refused: a rename would replace a directory
 * entry, a FIFO or a device node with our file. *real is a new string. */
static int write_target(const char *path, char **real, stance_error *err)
{
    struct stat st;
    *real = NULL;
    if (lstat(path, &st) != 0) {
        if (errno != ENOENT)
            return stance_error_set(err, STANCE_ERR_IO, STANCE_NO_OFFSET, "%s: %s", path, strerror(errno));
        *real = stance_strdup(path);
    } else if (S_ISLNK(st.st_mode)) {
        char *buf = stance_malloc(PATH_MAX);
        if (!buf)
            return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
        if (!realpath(path, buf) || stat(buf, &st) != 0) {
            int e = errno;
            stance_free(buf);
            return stance_error_set(err, STANCE_ERR_IO, STANCE_NO_OFFSET,
                                    "%s: a symbolic link to nothing usable (%s); refusing to replace it", path,
                                    strerror(e));
        }
        *real = buf;
    } else
        *real = stance_strdup(path);
    if (!*real)
        return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    if (lstat(*real, &st) == 0 && !S_ISREG(st.st_mode)) {
        stance_free(*real);
        *real = NULL;
        return stance_error_set(err, STANCE_ERR_IO, STANCE_NO_OFFSET,
                                "%s: not a regular file (%s); refusing to replace it", path, file_kind(st.st_mode));
    }
    return STANCE_OK;
}

int stance_model_write(const stance_model *m, const char *path, stance_error *err)
{
    unsigned char *data = NULL;
    size_t size = 0, plen;
    char *tmp = NULL, *real = NULL;
    FILE *f = NULL;
    struct stat now;
    int rc;

    if (!path)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "model path is NULL");
    if ((rc = write_target(path, &real, err)))
        return rc;
    if ((rc = stance_model_serialize(m, &data, &size, err)))
        goto out;
    plen = strlen(real);
    tmp = stance_malloc(plen + 32);
    if (!tmp) {
        rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
        goto out;
    }
    snprintf(tmp, plen + 32, "%s.tmp.%ld", real, (long)getpid());
    f = fopen(tmp, "wbx");
    if (!f) {
        rc = stance_error_set(err, STANCE_ERR_IO, STANCE_NO_OFFSET, "%s: %s", tmp, strerror(errno));
        goto out;
    }
    if (fwrite(data, 1, size, f) != size || fflush(f) != 0) {
        rc = stance_error_set(err, STANCE_ERR_IO, STANCE_NO_OFFSET, "%s: %s", tmp, strerror(errno));
        fclose(f);
        remove(tmp);
        goto out;
    }
    if (fclose(f) != 0) {
        rc = stance_error_set(err, STANCE_ERR_IO, STANCE_NO_OFFSET, "%s: %s", tmp, strerror(errno));
        remove(tmp);
        goto out;
    }
    /* Checked again just before the rename: the target may have changed while we wrote. */
    if (lstat(real, &now) == 0 && !S_ISREG(now.st_mode)) {
        rc = stance_error_set(err, STANCE_ERR_IO, STANCE_NO_OFFSET,
                              "%s: no longer a regular file (%s); refusing to replace it", path, file_kind(now.st_mode));
        remove(tmp);
        goto out;
    }
    if (rename(tmp, real) != 0) {
        rc = stance_error_set(err, STANCE_ERR_IO, STANCE_NO_OFFSET, "%s: %s", path, strerror(errno));
        remove(tmp);
        goto out;
    }
out:
    stance_free(real);
    stance_free(tmp);
    stance_free(data);
    return rc;
}
