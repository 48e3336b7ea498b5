/*
 * features_domain.c - family 14 (domain): for an in-domain statement
 * (stance_fscratch_set_domain), a copy of each hashed feature in a bucket of
 * its own and a constant bias feature (Daume III 2007, feature augmentation).
 * The explicit path (training, explanations) adds them to the vector's dense
 * values (stance_fdomain_copies()); a vector only scored leaves them to the
 * scorer through the model's copy table (stance_features_domain_prepare(),
 * features.c's finish_unsorted(), linear.c).
 */
#include "config.h"

#include "features_int.h"

#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#endif

/* Family 14's bucket for the copy of bucket @p bk (family index @p fi): the
 * hash of its four bytes, little-endian. */
static uint32_t domain_copy(const stance_featcfg *cfg, uint32_t fi, uint32_t bk)
{
    unsigned char b[4];
    for (int k = 0; k < 4; k++)
        b[k] = (unsigned char)(bk >> (8 * k));
    return (uint32_t)(stance_fkey(cfg, fi, (const char *)b, sizeof b) >> 4);
}

static uint32_t domain_bias(const stance_featcfg *cfg, uint32_t fi)
{
    return (uint32_t)(stance_fkey(cfg, fi, "bias", 4) >> 4);
}

/* XXH3-64 (0.8, whose output is frozen) of four bytes, written out: XXH3's
 * path for 4 to 8 bytes (XXH3_len_4to8_64b) with both of its 32-bit reads the
 * whole input @p v (the bytes read little-endian), @p bitflip its seeded
 * constant (fast_bitflip()), then XXH3_rrmxmx() with length 4. About a third
 * of the instructions of XXH3_64bits_withSeed(), which dispatches on the
 * length and re-derives the constant per call. */
static inline uint64_t xxh3_4bytes(uint32_t v, uint64_t bitflip)
{
    uint64_t h = ((uint64_t)v << 32 | v) ^ bitflip; /* input2 + (input1 << 32), no carry */
    h ^= (h << 49 | h >> 15) ^ (h << 24 | h >> 40);
    h *= 0x9FB21C651E98DF25ULL;
    h ^= (h >> 35) + 4;
    h *= 0x9FB21C651E98DF25ULL;
    return h ^ (h >> 28);
}

/* XXH3_len_4to8_64b's bitflip for @p seed: the default secret's bytes 8..15
 * and 16..23 (little-endian) xored, less the seed with its low half swapped
 * into the high one. */
static uint64_t fast_bitflip(uint32_t seed)
{
    const uint32_t swapped = seed >> 24 | (seed >> 8 & 0xff00u) | (seed << 8 & 0xff0000u) | seed << 24;
    const uint64_t s = (uint64_t)seed ^ (uint64_t)swapped << 32;
    return (0x1cad21f72c81017cULL ^ 0xdb979083e96dd4deULL) - s;
}

uint32_t stance_fdomain_copy_fast(const stance_featcfg *cfg, uint32_t fi, uint32_t bk)
{
    const uint32_t mask = (uint32_t)(((uint64_t)1 << cfg->table_bits) - 1);
    return (uint32_t)xxh3_4bytes(bk, fast_bitflip(cfg->families[fi].seed)) & mask;
}

uint32_t stance_fdomain_copy(const stance_featcfg *cfg, uint32_t fi, uint32_t bk)
{
    return domain_copy(cfg, fi, bk);
}

int stance_fdomain_copies(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi, const stance_fvec *out)
{
    const float wt = cfg->families[fi].weight;
    if (stance_grow((void **)&s->dense, &s->dense_cap, 2 * (s->n_dense + out->n + 1), sizeof *s->dense))
        return STANCE_ERR_NOMEM; /* the second half is dense_sort's scratch */
    for (size_t i = 0; i < out->n; i++) {
        s->dense[s->n_dense].bucket = domain_copy(cfg, fi, out->idx[i]);
        s->dense[s->n_dense++].val = out->val[i] * wt;
    }
    s->dense[s->n_dense].bucket = domain_bias(cfg, fi);
    s->dense[s->n_dense++].val = wt;
    return STANCE_OK;
}

int stance_fdomain_index(const stance_featcfg *cfg)
{
    for (uint32_t i = 0; i < cfg->n_families; i++)
        if (cfg->families[i].id == FAM_DOMAIN)
            return (int)i;
    return -1;
}

/* table[b] for every bucket b < @p nb: the written-out hash, low bits @p mask. */
static inline __attribute__((always_inline)) void copy_table(uint32_t *table, size_t nb, uint64_t bitflip, uint32_t mask)
{
    for (size_t b = 0; b < nb; b++)
        table[b] = (uint32_t)xxh3_4bytes((uint32_t)b, bitflip) & mask;
}

#if defined(__GNUC__) && defined(__x86_64__)
#define COPY_AVX2 1
/* The low 64 bits of a * k in each 64-bit lane (AVX2 has no such multiply):
 * lo(a) lo(k) + (hi(a) lo(k) + lo(a) hi(k)) << 32, all modulo 2^64 (@p khi:
 * k >> 32 in each lane). */
__attribute__((target("avx2"))) static inline __m256i mul64(__m256i a, __m256i k, __m256i khi)
{
    const __m256i cross = _mm256_add_epi64(_mm256_mul_epu32(_mm256_srli_epi64(a, 32), k), _mm256_mul_epu32(a, khi));
    return _mm256_add_epi64(_mm256_mul_epu32(a, k), _mm256_slli_epi64(cross, 32));
}

/* copy_table() four buckets a vector, xxh3_4bytes() step by step in each
 * 64-bit lane (integer arithmetic: the same bits); the rest one by one. */
__attribute__((target("avx2"))) static void copy_table_avx2(uint32_t *table, size_t nb, uint64_t bitflip, uint32_t mask)
{
    const __m256i k = _mm256_set1_epi64x((long long)0x9FB21C651E98DF25ULL), khi = _mm256_srli_epi64(k, 32);
    const __m256i flip = _mm256_set1_epi64x((long long)bitflip), four = _mm256_set1_epi64x(4);
    const __m256i m = _mm256_set1_epi64x((long long)mask), pick = _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7);
    __m256i v = _mm256_setr_epi64x(0, 1, 2, 3);
    size_t b = 0;
    for (; b + 4 <= nb; b += 4, v = _mm256_add_epi64(v, four)) {
        __m256i h = _mm256_xor_si256(_mm256_or_si256(_mm256_slli_epi64(v, 32), v), flip);
        h = _mm256_xor_si256(h, _mm256_xor_si256(_mm256_or_si256(_mm256_slli_epi64(h, 49), _mm256_srli_epi64(h, 15)),
                                                 _mm256_or_si256(_mm256_slli_epi64(h, 24), _mm256_srli_epi64(h, 40))));
        h = mul64(h, k, khi);
        h = _mm256_xor_si256(h, _mm256_add_epi64(_mm256_srli_epi64(h, 35), four));
        h = mul64(h, k, khi);
        h = _mm256_and_si256(_mm256_xor_si256(h, _mm256_srli_epi64(h, 28)), m);
        _mm_storeu_si128((__m128i *)(void *)(table + b),
                         _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(h, pick)));
    }
    for (; b < nb; b++)
        table[b] = (uint32_t)xxh3_4bytes((uint32_t)b, bitflip) & mask;
}
#else
#define COPY_AVX2 0
#endif

/* The copy table with the written-out hash, checked against the library's at
 * both ends of the table (should a future xxhash differ, the table is made
 * with the library's hash, one call per bucket, as before). */
int stance_features_domain_prepare(stance_featcfg *cfg)
{
    const size_t nb = (size_t)1 << cfg->table_bits;
    const int fi = stance_fdomain_index(cfg);
    stance_free(cfg->dcopy);
    cfg->dcopy = NULL;
    if (fi < 0)
        return STANCE_OK;
    if (!(cfg->dcopy = stance_malloc_array(nb + 1, sizeof *cfg->dcopy)))
        return STANCE_ERR_NOMEM;
    if (stance_fdomain_copy_fast(cfg, (uint32_t)fi, 0) == domain_copy(cfg, (uint32_t)fi, 0) &&
        stance_fdomain_copy_fast(cfg, (uint32_t)fi, (uint32_t)(nb - 1)) == domain_copy(cfg, (uint32_t)fi, (uint32_t)(nb - 1))) {
        const uint64_t bitflip = fast_bitflip(cfg->families[fi].seed);
#if COPY_AVX2
        if (__builtin_cpu_supports("avx2"))
            copy_table_avx2(cfg->dcopy, nb, bitflip, (uint32_t)(nb - 1));
        else
#endif
            copy_table(cfg->dcopy, nb, bitflip, (uint32_t)(nb - 1));
    } else {
        for (size_t b = 0; b < nb; b++)
            cfg->dcopy[b] = domain_copy(cfg, (uint32_t)fi, (uint32_t)b);
    }
    cfg->dcopy[nb] = domain_bias(cfg, (uint32_t)fi);
    return STANCE_OK;
}
