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
        const uint32_t mask = (uint32_t)(nb - 1);
        for (size_t b = 0; b < nb; b++)
            cfg->dcopy[b] = (uint32_t)xxh3_4bytes((uint32_t)b, bitflip) & mask;
    } else {
        for (size_t b = 0; b < nb; b++)
            cfg->dcopy[b] = domain_copy(cfg, (uint32_t)fi, (uint32_t)b);
    }
    cfg->dcopy[nb] = domain_bias(cfg, (uint32_t)fi);
    return STANCE_OK;
}
