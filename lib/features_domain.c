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

/* The copy table is the library's XXH3_64bits_withSeed() over each bucket's
 * four bytes (domain_copy()'s bucket), one call a bucket. Inlined
 * (XXH_INLINE_ALL) with the length known, the call is XXH3's 4-to-8-byte path
 * with its per-seed constant worked out once for the loop; with the key a
 * word rather than a byte array and blocks of a known count, GCC (12, -O2)
 * vectorises that loop: four buckets a vector under AVX2, 2.6 M instructions
 * for 18 bits against 2.4 M for XXH3 written out by hand (7.1 M in the
 * baseline build, which it leaves scalar). The same C code is built for the
 * baseline and for AVX2, chosen once by __builtin_cpu_supports: integer
 * arithmetic, so the same bits either way. */
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__AVX2__)
#define COPY_AVX2_DISPATCH 1
#define COPY_INLINE inline __attribute__((always_inline))
#else
#define COPY_AVX2_DISPATCH 0
#define COPY_INLINE inline
#endif

/* buckets a block: every table holds whole blocks, and a loop of a known count
 * is one the compiler vectorises without peeling */
#define COPY_BLOCK 8u
_Static_assert(((size_t)1 << STANCE_MIN_TABLE_BITS) % COPY_BLOCK == 0, "tables of whole blocks");

static COPY_INLINE void copy_table_body(uint32_t *table, size_t nb, XXH64_hash_t seed)
{
    const uint32_t mask = (uint32_t)(nb - 1);
    for (size_t b0 = 0; b0 < nb; b0 += COPY_BLOCK) {
        uint32_t *const t = table + b0;
        for (uint32_t j = 0; j < COPY_BLOCK; j++) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            const uint32_t key = (uint32_t)b0 + j; /* in memory, its bytes little-endian */
#else
            unsigned char key[4];
            for (int k = 0; k < 4; k++)
                key[k] = (unsigned char)((b0 + j) >> (8 * k));
#endif
            t[j] = (uint32_t)XXH3_64bits_withSeed(&key, sizeof key, seed) & mask;
        }
    }
}

#if COPY_AVX2_DISPATCH
__attribute__((target("avx2"))) static void copy_table_avx2(uint32_t *table, size_t nb, XXH64_hash_t seed)
{
    copy_table_body(table, nb, seed);
}
#endif

static void copy_table(uint32_t *table, size_t nb, XXH64_hash_t seed)
{
#if COPY_AVX2_DISPATCH
    if (__builtin_cpu_supports("avx2")) {
        copy_table_avx2(table, nb, seed);
        return;
    }
#endif
    copy_table_body(table, nb, seed);
}

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
    copy_table(cfg->dcopy, nb, cfg->families[fi].seed);
    cfg->dcopy[nb] = domain_bias(cfg, (uint32_t)fi);
    return STANCE_OK;
}
