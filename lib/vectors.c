/*
 * vectors.c - the word vector table of a model (see vectors.h and the WVEC
 * section in models/FORMAT.md): build, look up, read, write.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "model.h"
#include "vectors.h"

static void free_blocks(stance_wvec *wv);

/* The pooling, the region norms and values and the block dot products are
 * built twice on x86-64 under GCC and clang: for the baseline (SSE2) and for
 * AVX2 (twice as wide: 16 sums of 16 bits, 4 double lanes a vector), chosen at
 * each call by __builtin_cpu_supports. The same C
 * code: integer sums are exact, and each double lane adds its terms in the same
 * order, so the values are the same bits (no FMA: target "avx2" alone does not
 * allow the compiler to contract). */
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__AVX2__)
#define VEC_AVX2_DISPATCH 1
#define VEC_INLINE inline __attribute__((always_inline))
#else
#define VEC_AVX2_DISPATCH 0
#define VEC_INLINE inline
#endif

void stance_wvec_free(stance_wvec *wv)
{
    if (!wv)
        return;
    stance_free(wv->off);
    stance_free(wv->len);
    stance_free(wv->blob);
    stance_free(wv->vec);
    stance_free(wv->slot);
    stance_free(wv->bucket);
    free_blocks(wv);
    stance_free(wv);
}

static int bytes_cmp(const char *a, size_t na, const char *b, size_t nb)
{
    int c = memcmp(a, b, na < nb ? na : nb);
    return c ? c : (na > nb) - (na < nb);
}

long stance_wvec_find(const stance_wvec *wv, const char *w, size_t n)
{
    uint32_t mask = wv->n_slot - 1, j;
    if (n == 0 || n > STANCE_MAX_WVEC_WORD || !wv->n_slot)
        return -1;
    for (j = (uint32_t)XXH3_64bits(w, n) & mask; wv->slot[j]; j = (j + 1) & mask) {
        uint32_t i = wv->slot[j] - 1;
        if (wv->len[i] == n && memcmp(wv->blob + wv->off[i], w, n) == 0)
            return (long)i;
    }
    return -1;
}

/* The hash index of the n words (a power of two >= 2n slots, linear probing). */
static int build_index(stance_wvec *wv)
{
    uint32_t ns = 16, mask;
    while (ns < 2 * (uint64_t)wv->n)
        ns *= 2;
    if (!(wv->slot = stance_calloc(ns, sizeof *wv->slot)))
        return STANCE_ERR_NOMEM;
    wv->n_slot = ns;
    mask = ns - 1;
    for (uint32_t i = 0; i < wv->n; i++) {
        uint32_t j = (uint32_t)XXH3_64bits(wv->blob + wv->off[i], wv->len[i]) & mask;
        while (wv->slot[j])
            j = (j + 1) & mask;
        wv->slot[j] = i + 1;
    }
    return STANCE_OK;
}

static size_t dense_name(uint32_t region, uint32_t d, char name[8])
{
    static const char letters[] = "ALRN";
    size_t len = 1;
    name[0] = letters[region & 3];
    if (d >= 1000)
        name[len++] = (char)('0' + d / 1000 % 10);
    if (d >= 100)
        name[len++] = (char)('0' + d / 100 % 10);
    if (d >= 10)
        name[len++] = (char)('0' + d / 10 % 10);
    name[len++] = (char)('0' + d % 10);
    return len;
}

size_t stance_wvec_dense_name(uint32_t region, uint32_t d, char name[8])
{
    return dense_name(region, d, name);
}

uint32_t stance_wvec_dense_bucket(uint32_t region, uint32_t d, uint64_t seed, uint32_t table_bits)
{
    char name[8];
    size_t len = dense_name(region, d, name);
    return (uint32_t)XXH3_64bits_withSeed(name, len, seed) & (uint32_t)(((uint64_t)1 << table_bits) - 1);
}

int stance_wvec_prepare(stance_wvec *wv, uint64_t seed, uint32_t table_bits)
{
    if (!wv->bucket && !(wv->bucket = stance_malloc_array((size_t)STANCE_WVEC_REGIONS * wv->dim, sizeof *wv->bucket)))
        return STANCE_ERR_NOMEM;
    for (uint32_t r = 0; r < STANCE_WVEC_REGIONS; r++)
        for (uint32_t d = 0; d < wv->dim; d++)
            wv->bucket[r * wv->dim + d] = stance_wvec_dense_bucket(r, d, seed, table_bits);
    wv->plan_seed = seed;
    wv->plan_bits = table_bits;
    return STANCE_OK;
}

const uint32_t *stance_wvec_buckets(const stance_wvec *wv, uint64_t seed, uint32_t table_bits)
{
    return wv->bucket && wv->plan_seed == seed && wv->plan_bits == table_bits ? wv->bucket : NULL;
}

/* The loops below work in lanes of 16 through restrict pointers, a shape
 * gcc -O2 vectorises; each lane sums its own terms (in double where the
 * terms are). */
#define LANES 16

/* a[0, dim) += v[0, dim), in 16-bit sums: at most SUM16 vectors are added
 * before flush16 moves the sums into 32 bits (SUM16 * 127 < 32768). */
#define SUM16 256u
static VEC_INLINE void add_vec(int16_t *restrict a, const int8_t *restrict v, uint32_t dim)
{
    uint32_t d = 0;
    for (; d + LANES <= dim; d += LANES) {
        int16_t *restrict ap = a + d;
        const int8_t *restrict vp = v + d;
        for (uint32_t k = 0; k < LANES; k++)
            ap[k] = (int16_t)(ap[k] + vp[k]);
    }
    for (; d + 4 <= dim; d += 4) {
        int16_t *restrict ap = a + d;
        const int8_t *restrict vp = v + d;
        for (uint32_t k = 0; k < 4; k++)
            ap[k] = (int16_t)(ap[k] + vp[k]);
    }
    for (; d < dim; d++)
        a[d] = (int16_t)(a[d] + v[d]);
}

/* a[0, dim) += a16[0, dim); a16 = 0. */
static VEC_INLINE void flush16(int32_t *restrict a, int16_t *restrict a16, uint32_t dim)
{
    uint32_t d = 0;
    for (; d + LANES <= dim; d += LANES) {
        int32_t *restrict ap = a + d;
        int16_t *restrict bp = a16 + d;
        for (uint32_t k = 0; k < LANES; k++) {
            ap[k] += bp[k];
            bp[k] = 0;
        }
    }
    for (; d < dim; d++) {
        a[d] += a16[d];
        a16[d] = 0;
    }
}

/* z[0, dim) = a[0, dim) * f, rounded to float. */
static VEC_INLINE void scale_vec(float *restrict z, const int32_t *restrict a, double f, uint32_t dim)
{
    uint32_t d = 0;
    for (; d + LANES <= dim; d += LANES) {
        float *restrict zp = z + d;
        const int32_t *restrict ap = a + d;
        for (uint32_t k = 0; k < LANES; k++)
            zp[k] = (float)(ap[k] * f);
    }
    for (; d < dim; d++)
        z[d] = (float)(a[d] * f);
}

/* sum of a[i]^2 over [0, n). */
static VEC_INLINE double sum_squares(const int32_t *restrict a, uint32_t n)
{
    double lane[LANES] = {0}, s = 0;
    uint32_t i = 0;
    for (; i + LANES <= n; i += LANES) {
        const int32_t *restrict ap = a + i;
        for (uint32_t k = 0; k < LANES; k++)
            lane[k] += (double)ap[k] * (double)ap[k];
    }
    for (; i < n; i++)
        s += (double)a[i] * (double)a[i];
    for (uint32_t k = 0; k < LANES; k++)
        s += lane[k];
    return s;
}

/* sum of w[i] * z[i] over [0, n). */
static VEC_INLINE double dot_f(const float *restrict w, const float *restrict z, size_t n)
{
    double lane[LANES] = {0}, s = 0;
    size_t i = 0;
    for (; i + LANES <= n; i += LANES) {
        const float *restrict wp = w + i, *restrict zp = z + i;
        for (uint32_t k = 0; k < LANES; k++)
            lane[k] += (double)wp[k] * (double)zp[k];
    }
    for (; i < n; i++)
        s += (double)w[i] * (double)z[i];
    for (uint32_t k = 0; k < LANES; k++)
        s += lane[k];
    return s;
}

/* Add vector @p v to 16-bit sum @p slot, flushing it into @p acc before it could overflow. */
static VEC_INLINE void pool_add(int16_t *a16, int32_t *acc, unsigned *since, uint32_t slot, const int8_t *v,
                                uint32_t dim)
{
    add_vec(a16 + (size_t)slot * dim, v, dim);
    if (++since[slot] == SUM16) {
        flush16(acc + (size_t)slot * dim, a16 + (size_t)slot * dim, dim);
        since[slot] = 0;
    }
}

static VEC_INLINE void pool_body(const stance_wvec *wv, const int32_t *w, const uint32_t *dist, size_t n,
                                 size_t first, size_t last, uint32_t window, int32_t *acc, unsigned *count)
{
    const uint32_t dim = wv->dim;
    int16_t a16[STANCE_WVEC_REGIONS * STANCE_MAX_WVEC_DIM];
    unsigned since[STANCE_WVEC_REGIONS] = {0};
    memset(acc, 0, STANCE_WVEC_REGIONS * (size_t)dim * sizeof *acc);
    memset(a16, 0, STANCE_WVEC_REGIONS * (size_t)dim * sizeof *a16);
    memset(count, 0, STANCE_WVEC_REGIONS * sizeof *count);
    for (size_t i = 0; i < n; i++) {
        const int8_t *v;
        if (w[i] < 0)
            continue;
        v = wv->vec + (size_t)w[i] * dim;
        count[0]++;
        /* slot 0 takes the middle (all of it without a mention); left and right are added to it at the end */
        if (first == SIZE_MAX) {
            pool_add(a16, acc, since, 0, v, dim);
            continue;
        }
        if (i < first) {
            pool_add(a16, acc, since, 1, v, dim);
            count[1]++;
        } else if (i > last) {
            pool_add(a16, acc, since, 2, v, dim);
            count[2]++;
        } else {
            pool_add(a16, acc, since, 0, v, dim);
        }
        if (dist[i] <= window) {
            pool_add(a16, acc, since, 3, v, dim);
            count[3]++;
        }
    }
    for (uint32_t r = 0; r < STANCE_WVEC_REGIONS; r++)
        if (since[r])
            flush16(acc + (size_t)r * dim, a16 + (size_t)r * dim, dim);
    if (first != SIZE_MAX)
        for (uint32_t d = 0; d < dim; d++)
            acc[d] += acc[dim + d] + acc[2 * (size_t)dim + d];
}

#if VEC_AVX2_DISPATCH
__attribute__((target("avx2"))) static void pool_avx2(const stance_wvec *wv, const int32_t *w, const uint32_t *dist,
                                                      size_t n, size_t first, size_t last, uint32_t window,
                                                      int32_t *acc, unsigned *count)
{
    pool_body(wv, w, dist, n, first, last, window, acc, count);
}
#endif

void stance_wvec_pool(const stance_wvec *wv, const int32_t *w, const uint32_t *dist, size_t n, size_t first,
                      size_t last, uint32_t window, int32_t *acc, unsigned *count)
{
#if VEC_AVX2_DISPATCH
    if (__builtin_cpu_supports("avx2")) {
        pool_avx2(wv, w, dist, n, first, last, window, acc, count);
        return;
    }
#endif
    pool_body(wv, w, dist, n, first, last, window, acc, count);
}

static VEC_INLINE unsigned values_body(const int32_t *acc, const unsigned *count, uint32_t dim, double weight,
                                      float *z)
{
    unsigned regions = 0;
    for (uint32_t r = 0; r < STANCE_WVEC_REGIONS; r++) {
        const int32_t *a = acc + (size_t)r * dim;
        float *zr = z + (size_t)r * dim;
        double norm = count[r] ? sum_squares(a, dim) : 0;
        if (norm <= 0) {
            memset(zr, 0, dim * sizeof *zr);
            continue;
        }
        scale_vec(zr, a, weight / sqrt(norm), dim);
        regions |= 1u << r;
    }
    return regions;
}

#if VEC_AVX2_DISPATCH
__attribute__((target("avx2"))) static unsigned values_avx2(const int32_t *acc, const unsigned *count, uint32_t dim,
                                                            double weight, float *z)
{
    return values_body(acc, count, dim, weight, z);
}
#endif

unsigned stance_wvec_values(const int32_t *acc, const unsigned *count, uint32_t dim, double weight, float *z)
{
#if VEC_AVX2_DISPATCH
    if (__builtin_cpu_supports("avx2"))
        return values_avx2(acc, count, dim, weight, z);
#endif
    return values_body(acc, count, dim, weight, z);
}

int stance_wvec_block(const stance_wvec *wv, const stance_head *h, float **out)
{
    size_t nv = (size_t)STANCE_WVEC_REGIONS * wv->dim;
    float *b, row[STANCE_MAX_LABELS * (STANCE_MAX_LABELS - 1) / 2];
    *out = NULL;
    if (!wv->bucket)
        return STANCE_ERR_INVALID;
    if (!(b = stance_malloc_array(nv * h->n_dec, sizeof *b)))
        return STANCE_ERR_NOMEM;
    for (size_t i = 0; i < nv; i++) {
        stance_head_row(h, wv->bucket[i], row);
        for (uint32_t p = 0; p < h->n_dec; p++)
            b[p * nv + i] = row[p];
    }
    *out = b;
    return STANCE_OK;
}

/* dot_f() of three rows @p w0, @p w1, @p w2 with one @p z (three pairs: every
 * head of the shipped models), each z value made double once for the three:
 * lanes 0-7 and then 8-15 (a lane's terms in the same order, so the same
 * sums to the bit), then each sum as dot_f() makes it. */
static VEC_INLINE void dot3_f(const float *restrict w0, const float *restrict w1, const float *restrict w2,
                              const float *restrict z, size_t n, double out[3])
{
    enum { HALF = LANES / 2 };
    double l0[LANES] = {0}, l1[LANES] = {0}, l2[LANES] = {0}, s0 = 0, s1 = 0, s2 = 0;
    const size_t whole = n / LANES * LANES;
    for (size_t h = 0; h < LANES; h += HALF)
        for (size_t i = h; i < whole; i += LANES) {
            double *restrict a0 = l0 + h, *restrict a1 = l1 + h, *restrict a2 = l2 + h;
            for (uint32_t k = 0; k < HALF; k++) {
                const double zd = (double)z[i + k];
                a0[k] += (double)w0[i + k] * zd;
                a1[k] += (double)w1[i + k] * zd;
                a2[k] += (double)w2[i + k] * zd;
            }
        }
    for (size_t i = whole; i < n; i++) {
        s0 += (double)w0[i] * (double)z[i];
        s1 += (double)w1[i] * (double)z[i];
        s2 += (double)w2[i] * (double)z[i];
    }
    for (uint32_t k = 0; k < LANES; k++) {
        s0 += l0[k];
        s1 += l1[k];
        s2 += l2[k];
    }
    out[0] = s0;
    out[1] = s1;
    out[2] = s2;
}

static VEC_INLINE void block_body(const float *block, const float *z, unsigned regions, uint32_t dim,
                                  uint32_t n_dec, double *values)
{
    const size_t nz = (size_t)STANCE_WVEC_REGIONS * dim;
    if (n_dec == 3) { /* region by region, the three pairs together: each values[p] adds its regions in order */
        for (uint32_t r = 0; r < STANCE_WVEC_REGIONS; r++)
            if (regions >> r & 1) {
                const size_t o = (size_t)r * dim;
                double d[3];
                dot3_f(block + o, block + nz + o, block + 2 * nz + o, z + o, dim, d);
                values[0] += d[0];
                values[1] += d[1];
                values[2] += d[2];
            }
        return;
    }
    for (uint32_t p = 0; p < n_dec; p++)
        for (uint32_t r = 0; r < STANCE_WVEC_REGIONS; r++)
            if (regions >> r & 1)
                values[p] += dot_f(block + p * nz + (size_t)r * dim, z + (size_t)r * dim, dim);
}

#if VEC_AVX2_DISPATCH
__attribute__((target("avx2"))) static void block_avx2(const float *block, const float *z, unsigned regions,
                                                       uint32_t dim, uint32_t n_dec, double *values)
{
    block_body(block, z, regions, dim, n_dec, values);
}
#endif

void stance_wvec_block_values(const float *block, const float *z, unsigned regions, uint32_t dim, uint32_t n_dec,
                              double *values)
{
#if VEC_AVX2_DISPATCH
    if (__builtin_cpu_supports("avx2")) {
        block_avx2(block, z, regions, dim, n_dec, values);
        return;
    }
#endif
    block_body(block, z, regions, dim, n_dec, values);
}

/* Allocate the arrays of a table of @p n words, @p blob_bytes of words with NULs. */
static stance_wvec *wvec_alloc(uint32_t n, uint32_t dim, size_t blob_bytes)
{
    stance_wvec *wv = stance_calloc(1, sizeof *wv);
    size_t cells;
    if (!wv)
        return NULL;
    wv->dim = dim;
    if (stance_mul_overflow(n ? n : 1, dim, &cells) || !(wv->off = stance_calloc(n ? n : 1, sizeof *wv->off)) ||
        !(wv->len = stance_calloc(n ? n : 1, sizeof *wv->len)) || !(wv->blob = stance_malloc(blob_bytes + 1)) ||
        !(wv->vec = stance_malloc(cells))) {
        stance_wvec_free(wv);
        return NULL;
    }
    return wv;
}

static int word_ok(const char *w, size_t n)
{
    if (n < 1 || n > STANCE_MAX_WVEC_WORD)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (w[i] == '\0' || w[i] == ' ')
            return 0;
    return 1;
}

int stance_wvec_build(const char *const *words, const size_t *lens, const float *vecs, size_t n, uint32_t dim,
                      stance_wvec **out, stance_error *err)
{
    size_t *order = NULL, *tmp = NULL, blob = 0;
    stance_wvec *wv = NULL;
    float mx = 0;
    int rc = STANCE_OK;
    *out = NULL;
    if (n < 1 || n > STANCE_MAX_WVEC_WORDS || dim < 1 || dim > STANCE_MAX_WVEC_DIM)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "bad word vector table size %zu x %u", n,
                                dim);
    for (size_t i = 0; i < n; i++) {
        if (!word_ok(words[i], lens[i]))
            return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "bad word %zu in the vector table", i);
        blob += lens[i] + 1;
    }
    for (size_t i = 0; i < n * dim; i++) {
        if (!isfinite(vecs[i]))
            return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "word vector not finite");
        mx = fmaxf(mx, fabsf(vecs[i]));
    }
    if (!(order = stance_malloc_array(n, sizeof *order)) || !(tmp = stance_malloc_array(n, sizeof *tmp)) ||
        !(wv = wvec_alloc((uint32_t)n, dim, blob))) {
        rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    for (size_t w = 1; w < n; w *= 2) { /* bottom-up merge sort by bytes: deterministic */
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n, i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = bytes_cmp(words[order[j]], lens[order[j]], words[order[i]], lens[order[i]]) < 0 ? order[j++]
                                                                                                      : order[i++];
            while (i < mid)
                tmp[k++] = order[i++];
            while (j < hi)
                tmp[k++] = order[j++];
        }
        memcpy(order, tmp, n * sizeof *order);
    }
    wv->scale = mx > 0 ? mx / 127.0f : 1.0f;
    blob = 0;
    for (size_t i = 0; i < n; i++) {
        size_t o = order[i];
        if (i && bytes_cmp(words[order[i - 1]], lens[order[i - 1]], words[o], lens[o]) == 0) {
            rc = stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "duplicate word in the vector table");
            goto out;
        }
        wv->off[i] = (uint32_t)blob;
        wv->len[i] = (uint32_t)lens[o];
        memcpy(wv->blob + blob, words[o], lens[o]);
        blob += lens[o];
        wv->blob[blob++] = '\0';
        for (uint32_t d = 0; d < dim; d++) {
            long q = lrintf(vecs[o * dim + d] / wv->scale);
            wv->vec[i * dim + d] = (int8_t)(q > 127 ? 127 : q < -127 ? -127 : q);
        }
    }
    wv->n = (uint32_t)n;
    if (build_index(wv)) {
        rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
        goto out;
    }
    *out = wv;
    wv = NULL;
out:
    stance_free(order);
    stance_free(tmp);
    stance_wvec_free(wv);
    return rc;
}

static uint32_t get32(const unsigned char *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static void put32(unsigned char *b, uint32_t v)
{
    b[0] = (unsigned char)v;
    b[1] = (unsigned char)(v >> 8);
    b[2] = (unsigned char)(v >> 16);
    b[3] = (unsigned char)(v >> 24);
}

#define FAIL(at, ...)                                                                                                 \
    do {                                                                                                              \
        rc = stance_error_set(err, STANCE_ERR_FORMAT, (at), __VA_ARGS__);                                             \
        goto out;                                                                                                     \
    } while (0)

int stance_wvec_parse(const unsigned char *data, size_t pos, size_t end, stance_wvec **out, stance_error *err)
{
    uint32_t dim, n;
    float scale;
    size_t cells, words_at, blob = 0;
    stance_wvec *wv = NULL;
    int rc = STANCE_OK;
    *out = NULL;
    if (end - pos < 12)
        FAIL(pos, "truncated WVEC header at byte %zu", pos);
    dim = get32(data + pos);
    n = get32(data + pos + 4);
    {
        uint32_t u = get32(data + pos + 8);
        memcpy(&scale, &u, sizeof scale);
    }
    if (dim < 1 || dim > STANCE_MAX_WVEC_DIM)
        FAIL(pos, "bad word vector dimension %u at byte %zu", dim, pos);
    /* each word takes at least 5 bytes (length, one byte) plus its dim vector bytes */
    if (n < 1 || n > STANCE_MAX_WVEC_WORDS || (size_t)n * (5 + (size_t)dim) > end - pos - 12)
        FAIL(pos + 4, "bad word vector count %u at byte %zu", n, pos + 4);
    if (!isfinite(scale) || !(scale > 0))
        FAIL(pos + 8, "bad word vector scale at byte %zu", pos + 8);
    cells = (size_t)n * dim;
    words_at = pos + 12;
    /* the words with their NULs fit in what the section holds before the vectors */
    if (!(wv = wvec_alloc(n, dim, end - words_at - cells))) {
        rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
        goto out;
    }
    wv->scale = scale;
    pos = words_at;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t len;
        if (end - pos < 4 + cells)
            FAIL(pos, "truncated word vector vocabulary at byte %zu", pos);
        len = get32(data + pos);
        if (!word_ok((const char *)data + pos + 4, len > end - pos - 4 - cells ? 0 : len))
            FAIL(pos, "bad word in the vector vocabulary at byte %zu", pos);
        if (i && bytes_cmp(wv->blob + wv->off[i - 1], wv->len[i - 1], (const char *)data + pos + 4, len) >= 0)
            FAIL(pos, "word vector vocabulary out of order at byte %zu", pos);
        wv->off[i] = (uint32_t)blob;
        wv->len[i] = len;
        memcpy(wv->blob + blob, data + pos + 4, len);
        blob += len;
        wv->blob[blob++] = '\0';
        pos += 4 + (size_t)len;
    }
    if (end - pos != cells)
        FAIL(pos, "word vector table size does not match its section at byte %zu", pos);
    memcpy(wv->vec, data + pos, cells);
    wv->n = n;
    if (build_index(wv)) {
        rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
        goto out;
    }
    *out = wv;
    wv = NULL;
out:
    stance_wvec_free(wv);
    return rc;
}

int stance_wvec_serialize(const stance_wvec *wv, unsigned char **out, size_t *len)
{
    size_t cells = (size_t)wv->n * wv->dim, size = 12 + cells, at;
    unsigned char *b;
    uint32_t u;
    *out = NULL;
    *len = 0;
    for (uint32_t i = 0; i < wv->n; i++)
        size += 4 + (size_t)wv->len[i];
    if (!(b = stance_malloc(size)))
        return STANCE_ERR_NOMEM;
    put32(b, wv->dim);
    put32(b + 4, wv->n);
    memcpy(&u, &wv->scale, sizeof u);
    put32(b + 8, u);
    at = 12;
    for (uint32_t i = 0; i < wv->n; i++) {
        put32(b + at, wv->len[i]);
        memcpy(b + at + 4, wv->blob + wv->off[i], wv->len[i]);
        at += 4 + (size_t)wv->len[i];
    }
    if (cells)
        memcpy(b + at, wv->vec, cells);
    *out = b;
    *len = size;
    return STANCE_OK;
}

static void free_blocks(stance_wvec *wv)
{
    for (uint32_t i = 0; i < wv->n_block; i++)
        stance_free(wv->block[i]);
    stance_free(wv->block);
    stance_free(wv->block_head);
    stance_free(wv->block_weights);
    wv->block = NULL;
    wv->block_head = NULL;
    wv->block_weights = NULL;
    wv->n_block = 0;
}

/* What identifies a head's weight storage: its dense table, or NULL for the
 * rows of a file image (which may move with the image, unchanged). */
static const void *head_weights(const stance_head *h)
{
    return h->weights;
}

int stance_wvec_prepare_model(stance_model *m, stance_error *err)
{
    const stance_family *f = NULL;
    stance_wvec *wv = m->feat.wvec;
    for (uint32_t i = 0; i < m->feat.n_families && i < STANCE_MAX_FAMILIES; i++)
        if (m->feat.families[i].id == 11)
            f = &m->feat.families[i];
    if (!f || !wv)
        return STANCE_OK;
    free_blocks(wv);
    if (stance_wvec_prepare(wv, f->seed, m->feat.table_bits))
        goto nomem;
    if (m->n_heads && (!(wv->block = stance_calloc(m->n_heads, sizeof *wv->block)) ||
                       !(wv->block_head = stance_calloc(m->n_heads, sizeof *wv->block_head)) ||
                       !(wv->block_weights = stance_calloc(m->n_heads, sizeof *wv->block_weights))))
        goto nomem;
    for (uint32_t i = 0; i < m->n_heads; i++) {
        if (stance_wvec_block(wv, &m->heads[i], &wv->block[i]))
            goto nomem;
        wv->block_head[i] = &m->heads[i];
        wv->block_weights[i] = head_weights(&m->heads[i]);
        wv->n_block = i + 1;
    }
    return STANCE_OK;
nomem:
    free_blocks(wv);
    return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
}

void stance_wvec_head_values(const stance_wvec *wv, const stance_head *h, const float *z, unsigned regions,
                             double *values)
{
    float row[STANCE_MAX_LABELS * (STANCE_MAX_LABELS - 1) / 2];
    const size_t nz = (size_t)STANCE_WVEC_REGIONS * wv->dim;
    for (uint32_t i = 0; i < wv->n_block; i++)
        if (wv->block_head[i] == h && wv->block_weights[i] == head_weights(h)) {
            stance_wvec_block_values(wv->block[i], z, regions, wv->dim, h->n_dec, values);
            return;
        }
    for (size_t i = 0; i < nz; i++) {
        if (!(regions >> (i / wv->dim) & 1) || z[i] == 0.0f || !stance_head_row(h, wv->bucket[i], row))
            continue;
        for (uint32_t p = 0; p < h->n_dec; p++)
            values[p] += (double)row[p] * (double)z[i];
    }
}
