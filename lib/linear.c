/* linear.c - sparse dot products over feature-major weights and the
 * one-vs-one vote, in libsvm's pair order. */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "linear.h"
#include "vectors.h"

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif
#define ROW_BATCH 32
/* Rows are found with the compiler's popcount under GCC and clang; on x86
 * built for a baseline without the popcnt instruction, by a function built for
 * it when the CPU has it (else model.h's portable lookup). */
#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#define ROW_BUILTIN 1
#if (defined(__x86_64__) || defined(__i386__)) && !defined(__POPCNT__)
#define HAVE_POPCNT_DISPATCH 1
#else
#define HAVE_POPCNT_DISPATCH 0
#endif
#else
#define ALWAYS_INLINE inline
#define ROW_BUILTIN 0
#define HAVE_POPCNT_DISPATCH 0
#endif

/* A sparse head's row for @p bucket (stance_head_sparse_row) for a head of
 * three pairs, with the compiler's popcount (one instruction where the caller
 * is built for a CPU that has it) and the head's arrays in registers; *has is
 * 1 when the bucket has a row, else 0 and the pointer is not a row (a bucket
 * has a row or not at random: no branch; in integers, which the compiler does
 * not turn back into a branch). The bits of the word up to the bucket's own
 * are counted (the shift leaves them on top): one more than the rows before
 * it when it has one. */
static ALWAYS_INLINE uintptr_t row3_builtin(const uint64_t *present, const uint32_t *rank, uintptr_t base,
                                            uint32_t bucket, size_t *has)
{
#if ROW_BUILTIN
    const uint64_t w = present[bucket >> 6];
    const unsigned sh = bucket & 63;
    const uintptr_t r = (uintptr_t)rank[bucket >> 6] + (uint32_t)__builtin_popcountll(w << (63 - sh));
    *has = (size_t)((w >> sh) & 1);
    return base + (r - 1) * STANCE_ROW_BYTES(3);
#else
    (void)present, (void)rank, (void)bucket;
    *has = 0;
    return base;
#endif
}

/* The sparse loop below for three pairs (three labels: every head of the
 * shipped models), with the sums in registers: the same additions in the same
 * order, so the same values to the bit. The rows (1.3 MB for the shipped stance
 * head, one cache line each, in random order) are found and prefetched
 * ROW_BATCH at a time, a batch ahead of the one being added up, so that a row
 * has a batch's time to arrive (bench/RESULTS.md). A bucket without a row
 * (about half) is left out of its batch without a branch: it would add 0 * v =
 * +-0, which leaves each sum as it is (a sum that starts at +0 never becomes
 * -0), so the sums are those of adding it. @p hw: rows found with
 * row3_builtin() (inlined into a function built for popcnt). @p copies: the
 * vector's domain copies instead (x->dcopy: the rows of dcopy[idx[i]] for i <
 * dn, each times (float)(val[i] * dwt), as the copy path's value). @p tab:
 * the rows are looked up in the head's rowof table instead (h->rowof, + 1
 * for the copies; its entry is the row's offset from the row before the
 * first, 0 for none: the same rows, one load each). */
static ALWAYS_INLINE void sparse3(const stance_head *h, const stance_fvec *x, double *values, int hw, int copies,
                                  const uint32_t *tab)
{
    double v0 = values[0], v1 = values[1], v2 = values[2];
    const unsigned char *rows[2][ROW_BATCH];
    double vals[2][ROW_BATCH];
    size_t kept[2] = {0, 0};
    /* the head's arrays in locals: the stores into rows[] may alias them, and
     * the compiler would load each again for every key */
    const uint64_t *const present = h->present;
    const uint32_t *const rank = h->rank;
    const uintptr_t base = (uintptr_t)h->rows;
    const uint32_t *const idx = x->idx, *const map = x->dcopy;
    const float *const val = x->val, wt = x->dwt;
    const size_t n = copies ? x->dn : x->n;
    int cur = 0;
    for (size_t at = 0; at < n + ROW_BATCH; at += ROW_BATCH, cur ^= 1) {
        /* find and prefetch the batch at `at`, then add up the one before it */
        const size_t m = at < n ? (n - at < ROW_BATCH ? n - at : ROW_BATCH) : 0;
        size_t c = 0;
        if (tab) {
            for (size_t k = 0; k < m; k++) {
                const uint32_t r = tab[2 * (size_t)idx[at + k]];
                const uintptr_t row = base - STANCE_ROW_BYTES(3) + r;
                rows[cur][c] = (const unsigned char *)row;
                vals[cur][c] = copies ? val[at + k] * wt : val[at + k];
                PREFETCH((const void *)row); /* (a hint: never a fault, even when not a row) */
                c += r != 0;
            }
        } else if (hw) {
            for (size_t k = 0; k < m; k++) {
                size_t has;
                const uint32_t b = copies ? map[idx[at + k]] : idx[at + k];
                const uintptr_t row = row3_builtin(present, rank, base, b, &has);
                rows[cur][c] = (const unsigned char *)row;
                vals[cur][c] = copies ? val[at + k] * wt : val[at + k];
                PREFETCH((const void *)row); /* (a hint: never a fault, even when not a row) */
                c += has;
            }
        } else {
            for (size_t k = 0; k < m; k++) {
                const unsigned char *row = stance_head_sparse_row(h, copies ? map[idx[at + k]] : idx[at + k]);
                if (!row)
                    continue;
                rows[cur][c] = row;
                vals[cur][c++] = copies ? val[at + k] * wt : val[at + k];
                PREFETCH(row);
            }
        }
        kept[cur] = c;
        for (size_t k = 0; k < kept[cur ^ 1]; k++) {
            const unsigned char *row = rows[cur ^ 1][k];
            const double v = vals[cur ^ 1][k];
            v0 += (double)stance_le_f32(row) * v;
            v1 += (double)stance_le_f32(row + 4) * v;
            v2 += (double)stance_le_f32(row + 8) * v;
        }
    }
    values[0] = v0;
    values[1] = v1;
    values[2] = v2;
}

#if HAVE_POPCNT_DISPATCH
/* x86 built for the baseline CPU has no popcnt instruction: the software
 * popcount of the row lookup was about a quarter of the loop's instructions. */
__attribute__((target("popcnt"))) static void sparse_values3_popcnt(const stance_head *h, const stance_fvec *x,
                                                                    double *values)
{
    sparse3(h, x, values, 1, 0, NULL);
    if (x->dcopy)
        sparse3(h, x, values, 1, 1, NULL);
}
#endif

#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#define ROWOF_AVX2 1
#define COPY_BUF 512 /* copies kept for after the general rows (a vector of more: two passes) */

/* sparse3() through the head's rowof table under AVX2: @p mode ROWOF_GENERAL
 * the general rows, ROWOF_COPIES the copies' (the rows of x->dcopy[idx[i]],
 * i < dn, times (float)(val[i] * dwt)), ROWOF_BOTH both found in the same
 * pass (one cache line holds both), the copies' kept in a buffer and added
 * after all the general ones (dn <= COPY_BUF). The sums are the four lanes of
 * one vector, the three floats of a row loaded with a mask (the fourth lane
 * adds zeros and is dropped): lane p adds (double)row[p] * v as sparse3()
 * adds to its sum p, one product and one addition each, in the same order
 * (target "avx2" alone: no FMA contraction), so the same bits. */
enum { ROWOF_GENERAL, ROWOF_COPIES, ROWOF_BOTH };
__attribute__((target("avx2"))) static inline __m256d add_row3(__m256d acc, const unsigned char *row, double v)
{
    const __m256d r = _mm256_cvtps_pd(_mm_maskload_ps((const float *)(const void *)row, _mm_setr_epi32(-1, -1, -1, 0)));
    return _mm256_add_pd(acc, _mm256_mul_pd(r, _mm256_set1_pd(v)));
}

/* add_row3() for rows[0, n) in order, two a turn of the loop. */
__attribute__((target("avx2"))) static inline __m256d add_rows3(__m256d acc, const unsigned char *const *rows,
                                                                const double *vals, size_t n)
{
    size_t k = 0;
    for (; k + 2 <= n; k += 2)
        acc = add_row3(add_row3(acc, rows[k], vals[k]), rows[k + 1], vals[k + 1]);
    if (k < n)
        acc = add_row3(acc, rows[k], vals[k]);
    return acc;
}

__attribute__((target("avx2"))) static ALWAYS_INLINE void rowof3_body(const stance_head *h, const stance_fvec *x,
                                                                      double *values, int mode)
{
    const unsigned char *rows[2][ROW_BATCH], *crows[COPY_BUF];
    double vals[2][ROW_BATCH], cvals[COPY_BUF];
    size_t kept[2] = {0, 0}, nc = 0;
    const uintptr_t base = (uintptr_t)h->rows;
    const uint32_t *const tab = h->rowof + (mode == ROWOF_COPIES), *const idx = x->idx;
    const float *const val = x->val, wt = x->dwt;
    const size_t n = mode == ROWOF_COPIES ? x->dn : x->n, dn = mode == ROWOF_BOTH ? x->dn : 0;
    __m256d acc = _mm256_setr_pd(values[0], values[1], values[2], 0.0);
    int cur = 0;
    for (size_t at = 0; at < n + ROW_BATCH; at += ROW_BATCH, cur ^= 1) {
        const size_t m = at < n ? (n - at < ROW_BATCH ? n - at : ROW_BATCH) : 0;
        /* [0, mc) with their copies (ROWOF_BOTH, below dn), [mc, m) without */
        const size_t mc = mode == ROWOF_BOTH && dn > at ? (dn - at < m ? dn - at : m) : 0;
        size_t c = 0, k = 0;
        for (; k < mc; k++) {
            const uint32_t *const e = tab + 2 * (size_t)idx[at + k];
            const uintptr_t row = base - STANCE_ROW_BYTES(3) + e[0], crow = base - STANCE_ROW_BYTES(3) + e[1];
            rows[cur][c] = (const unsigned char *)row;
            vals[cur][c] = val[at + k];
            PREFETCH((const void *)row); /* (a hint: never a fault, even when not a row) */
            c += e[0] != 0;
            crows[nc] = (const unsigned char *)crow;
            cvals[nc] = val[at + k] * wt;
            PREFETCH((const void *)crow);
            nc += e[1] != 0;
        }
        for (; k < m; k++) {
            const uint32_t *const e = tab + 2 * (size_t)idx[at + k];
            const uintptr_t row = base - STANCE_ROW_BYTES(3) + e[0];
            rows[cur][c] = (const unsigned char *)row;
            vals[cur][c] = mode == ROWOF_COPIES ? val[at + k] * wt : val[at + k];
            PREFETCH((const void *)row);
            c += e[0] != 0;
        }
        kept[cur] = c;
        acc = add_rows3(acc, rows[cur ^ 1], vals[cur ^ 1], kept[cur ^ 1]);
    }
    acc = add_rows3(acc, crows, cvals, nc);
    {
        double out[4];
        _mm256_storeu_pd(out, acc);
        values[0] = out[0];
        values[1] = out[1];
        values[2] = out[2];
    }
}

__attribute__((target("avx2"))) static void rowof3_avx2(const stance_head *h, const stance_fvec *x, double *values,
                                                        int mode)
{
    switch (mode) {
    case ROWOF_BOTH: rowof3_body(h, x, values, ROWOF_BOTH); break;
    case ROWOF_COPIES: rowof3_body(h, x, values, ROWOF_COPIES); break;
    default: rowof3_body(h, x, values, ROWOF_GENERAL); break;
    }
}

/* stance_linear_prepare()'s t[2 b + 1] = t[2 map[b]], eight buckets a
 * vector (a gather); returns the buckets done (a multiple of 8). */
__attribute__((target("avx2"))) static size_t copy_rows_avx2(uint32_t *t, const uint32_t *map, size_t nb)
{
    const __m256i lo = _mm256_setr_epi32(0, 0, 1, 1, 2, 2, 3, 3), hi = _mm256_setr_epi32(4, 4, 5, 5, 6, 6, 7, 7);
    size_t b = 0;
    for (; b + 8 <= nb; b += 8) {
        const __m256i at = _mm256_slli_epi32(_mm256_loadu_si256((const __m256i *)(const void *)(map + b)), 1);
        const __m256i rows = _mm256_i32gather_epi32((const int *)t, at, 4);
        __m256i *const p = (__m256i *)(void *)(t + 2 * b);
        _mm256_storeu_si256(p, _mm256_blend_epi32(_mm256_loadu_si256(p), _mm256_permutevar8x32_epi32(rows, lo), 0xAA));
        _mm256_storeu_si256(p + 1,
                            _mm256_blend_epi32(_mm256_loadu_si256(p + 1), _mm256_permutevar8x32_epi32(rows, hi), 0xAA));
    }
    return b;
}
#else
#define ROWOF_AVX2 0
#endif

/* The rows through the head's rowof table (stance_linear_prepare()): the
 * general ones, then the copies when the vector's copy table is the one the
 * head's was made with (else found as sparse_values3() finds them). */
static void sparse_values3_rowof(const stance_head *h, const stance_fvec *x, double *values)
{
    const int same = x->dcopy && x->dcopy == h->rowof_map;
#if ROWOF_AVX2
    if (__builtin_cpu_supports("avx2")) {
        if (same && x->dn <= COPY_BUF) {
            rowof3_avx2(h, x, values, ROWOF_BOTH);
            return;
        }
        rowof3_avx2(h, x, values, ROWOF_GENERAL);
        if (same)
            rowof3_avx2(h, x, values, ROWOF_COPIES);
        else if (x->dcopy)
            sparse3(h, x, values, 0, 1, NULL);
        return;
    }
#endif
    sparse3(h, x, values, 0, 0, h->rowof);
    if (!x->dcopy)
        return;
    if (same)
        sparse3(h, x, values, 0, 1, h->rowof + 1);
    else
        sparse3(h, x, values, 0, 1, NULL);
}

static void sparse_values3(const stance_head *h, const stance_fvec *x, double *values)
{
    if (h->rowof) {
        sparse_values3_rowof(h, x, values);
        return;
    }
#if HAVE_POPCNT_DISPATCH
    if (__builtin_cpu_supports("popcnt")) {
        sparse_values3_popcnt(h, x, values);
        return;
    }
    sparse3(h, x, values, 0, 0, NULL);
    if (x->dcopy)
        sparse3(h, x, values, 0, 1, NULL);
#else
    sparse3(h, x, values, ROW_BUILTIN, 0, NULL);
    if (x->dcopy)
        sparse3(h, x, values, ROW_BUILTIN, 1, NULL);
#endif
}

/* A zeroed block of @p n uint32_t for a rowof table, its allocation in
 * *block. Every page of the table is written at model open (a page fault
 * each: 512 a head at 18 bits, a third of a start-up on a virtual machine);
 * a table of 2 MB or more is placed on a 2 MB boundary and advised
 * MADV_HUGEPAGE where the system has it, so that those writes take a fault
 * or two. The advice is a hint: refused, the table is the same. */
static uint32_t *rowof_alloc(size_t n, void **block)
{
    const size_t bytes = n * sizeof(uint32_t);
#if defined(MADV_HUGEPAGE)
    const size_t huge = (size_t)2 << 20;
    if (bytes >= huge) {
        /* calloc: a block this large is a fresh mapping, zero without a write */
        unsigned char *b = stance_calloc(1, bytes + huge);
        uintptr_t at;
        if (!b)
            return NULL;
        at = ((uintptr_t)b + huge - 1) & ~(uintptr_t)(huge - 1);
        (void)madvise((void *)at, bytes & ~(huge - 1), MADV_HUGEPAGE);
        *block = b;
        return (uint32_t *)at;
    }
#endif
    *block = stance_calloc(n, sizeof(uint32_t));
    return *block;
}

void stance_linear_release(stance_head *h)
{
    stance_free(h->rowof_block);
    h->rowof_block = NULL;
    h->rowof = NULL;
    h->rowof_map = NULL;
}

int stance_linear_prepare(stance_head *h, const stance_featcfg *cfg)
{
    const size_t nb = (size_t)1 << cfg->table_bits;
    uint32_t *t;
    void *block = NULL;
    stance_linear_release(h);
    /* only for a head trained with family 14's copies (it has a row for the
     * copies' bias feature, which every in-domain statement has): the heads
     * stance_classify() scores; the table's pages cost start-up time (a
     * page fault each when first written, 512 for 18 bits), the others are
     * scored as before */
    if (h->weights || h->n_dec != 3 || !h->present || cfg->table_bits > STANCE_ROWOF_MAX_BITS || !cfg->dcopy ||
        !stance_head_sparse_row(h, cfg->dcopy[nb]))
        return STANCE_OK;
    if (!(t = rowof_alloc(2 * nb, &block)))
        return STANCE_ERR_NOMEM;
    /* the rows are in bucket order (model_io.c checked it): row i is bucket's rank */
    for (uint32_t i = 0; i < h->n_rows; i++)
        t[2 * (size_t)stance_le_u32(h->rows + (size_t)i * STANCE_ROW_BYTES(3) - 4)] = (i + 1) * (uint32_t)STANCE_ROW_BYTES(3);
    {
        size_t b = 0;
#if ROWOF_AVX2
        if (__builtin_cpu_supports("avx2"))
            b = copy_rows_avx2(t, cfg->dcopy, nb);
#endif
        for (; b < nb; b++)
            t[2 * b + 1] = t[2 * (size_t)cfg->dcopy[b]];
        h->rowof_map = cfg->dcopy;
    }
    h->rowof = t;
    h->rowof_block = block;
    return STANCE_OK;
}

/* values[p] += the row of @p bucket times @p v, for any head (dense or sparse). */
static void add_row(const stance_head *h, uint32_t bucket, double v, double *values)
{
    float row[STANCE_MAX_LABELS * (STANCE_MAX_LABELS - 1) / 2];
    stance_head_row(h, bucket, row);
    for (uint32_t p = 0; p < h->n_dec; p++)
        values[p] += (double)row[p] * v;
}

void stance_linear_values(const stance_head *h, const stance_fvec *x, double *values)
{
    const uint32_t nd = h->n_dec;
    for (uint32_t p = 0; p < nd; p++)
        values[p] = 0.0;
    /* Feature-major: one bucket's row holds all pairs, one cache line per feature. */
    if (h->weights) {
        for (size_t i = 0; i < x->n; i++) {
            const float *row = &h->weights[(size_t)x->idx[i] * nd];
            const double v = x->val[i];
            for (uint32_t p = 0; p < nd; p++)
                values[p] += (double)row[p] * v;
        }
    } else if (nd == 3) {
        sparse_values3(h, x, values);
    } else {
        /* Sparse (a read model): buckets without a row add nothing. */
        for (size_t i = 0; i < x->n; i++) {
            const unsigned char *row = stance_head_sparse_row(h, x->idx[i]);
            const double v = x->val[i];
            if (!row)
                continue;
            for (uint32_t p = 0; p < nd; p++)
                values[p] += (double)stance_le_f32(row + 4 * (size_t)p) * v;
        }
    }
    if (x->dcopy) { /* family 14's copies (features.h), after the general features */
        if (h->weights || nd != 3)
            for (size_t i = 0; i < x->dn; i++)
                add_row(h, x->dcopy[x->idx[i]], x->val[i] * x->dwt, values);
        add_row(h, x->dbias, x->dwt, values);
    }
    if (x->vz)
        stance_wvec_head_values(x->vwv, h, x->vz, x->vregions, values);
    for (uint32_t p = 0; p < nd; p++)
        values[p] += h->bias[p];
}

int stance_linear_vote(const stance_head *h, const double *values)
{
    int votes[STANCE_MAX_LABELS] = {0};
    uint32_t p = 0, best = 0;
    for (uint32_t i = 0; i < h->n_labels; i++)
        for (uint32_t j = i + 1; j < h->n_labels; j++, p++)
            votes[values[p] > 0 ? i : j]++;
    for (uint32_t i = 1; i < h->n_labels; i++)
        if (votes[i] > votes[best])
            best = i;
    return (int)best;
}

double stance_linear_contrib(const stance_head *h, const stance_fvec *x, size_t i, int label)
{
    float row[STANCE_MAX_LABELS * (STANCE_MAX_LABELS - 1) / 2];
    double c = 0.0;
    stance_head_row(h, x->idx[i], row);
    uint32_t p = 0;
    for (uint32_t a = 0; a < h->n_labels; a++)
        for (uint32_t b = a + 1; b < h->n_labels; b++, p++) {
            if ((int)a == label)
                c += row[p];
            else if ((int)b == label)
                c -= row[p];
        }
    return c * x->val[i];
}
