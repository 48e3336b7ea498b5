/*
 * sort.c - radix sort of feature keys. Feature vectors are sorted once per
 * statement; with qsort the comparison callbacks were the largest single cost
 * of classification. Keys are small (bucket and family: table_bits + 4 bits),
 * so a few counting passes sort them in linear time: below 512 keys one
 * counting pass on the top bits and an insertion sort within the buckets,
 * from 512 keys of 17 to 22 bits two passes of half the bits, else 8 bits a
 * pass. Chosen by CPU time (a scratch bench of statement-like keys), not by
 * instructions: the insertion sort's branches mispredict on more keys.
 */
#include "config.h"

#include <string.h>

#include "sort.h"

#define BUCKET_MAX_N 512u   /* the bucket pass up to here; the two-pass radix sort from here */
#define BUCKET_MAX_BITS 8u  /* enough buckets for BUCKET_MAX_N keys */
#define BUCKET_CROWD 64u    /* a bucket with more keys: the radix sort instead */
#define HALF_MAX_BITS 11u   /* the two-pass radix sort: keys of up to 22 bits, 16 kB of counts */

/* Insertion step: k into the sorted keys[0, i), keys[i] free (or k itself). */
static inline void insert_sorted(uint64_t *keys, size_t i, uint64_t k)
{
    while (i > 0 && keys[i - 1] > k) {
        keys[i] = keys[i - 1];
        i--;
    }
    keys[i] = k;
}

/* One counting pass on the top bits (two to four keys a bucket: the keys are
 * hashes) into @p tmp, then an insertion sort back into @p keys that only
 * moves keys within their bucket. 0 done, -1 when a bucket is crowded (the
 * keys are left as they were). The fastest for the few hundred keys of a
 * short statement (bench: 1.2 us against 1.7 for 300 keys). */
static int bucket_sort(uint64_t *keys, size_t n, uint64_t *tmp, unsigned key_bits)
{
    uint32_t count[(1u << BUCKET_MAX_BITS) + 1];
    unsigned b = 4, shift;
    uint32_t mask, most = 0;
    while (b < BUCKET_MAX_BITS && ((size_t)2 << (b + 1)) <= n)
        b++;
    if (b > key_bits)
        b = key_bits;
    shift = key_bits - b;
    mask = (1u << b) - 1;
    memset(count, 0, ((size_t)mask + 2) * sizeof *count);
    for (size_t i = 0; i < n; i++)
        count[((keys[i] >> shift) & mask) + 1]++; /* (masked: a key >= 2^key_bits costs time, not order) */
    for (uint32_t i = 1; i <= mask + 1; i++) {
        if (count[i] > most)
            most = count[i];
        count[i] += count[i - 1];
    }
    if (most > BUCKET_CROWD)
        return -1;
    for (size_t i = 0; i < n; i++)
        tmp[count[(keys[i] >> shift) & mask]++] = keys[i];
    for (size_t i = 0; i < n; i++)
        insert_sorted(keys, i, tmp[i]);
    return 0;
}

/* LSD radix sort in two passes of half the key bits (at most HALF_MAX_BITS
 * each): for the thousand-odd keys of a sentence with a 2^18 table, two
 * scatters instead of three (bench: 4.4 us against 5.3 for 1,150 keys). */
static void two_pass_sort(uint64_t *keys, size_t n, uint64_t *tmp, unsigned key_bits)
{
    uint32_t c0[(1u << HALF_MAX_BITS) + 1], c1[(1u << HALF_MAX_BITS) + 1];
    const unsigned h = (key_bits + 1) / 2;
    const uint32_t mask = (1u << h) - 1;
    memset(c0, 0, ((size_t)mask + 2) * sizeof *c0);
    memset(c1, 0, ((size_t)mask + 2) * sizeof *c1);
    for (size_t i = 0; i < n; i++) {
        const uint64_t k = keys[i];
        c0[(k & mask) + 1]++;
        c1[((k >> h) & mask) + 1]++;
    }
    for (uint32_t b = 1; b <= mask + 1; b++) {
        c0[b] += c0[b - 1];
        c1[b] += c1[b - 1];
    }
    for (size_t i = 0; i < n; i++)
        tmp[c0[keys[i] & mask]++] = keys[i];
    for (size_t i = 0; i < n; i++)
        keys[c1[(tmp[i] >> h) & mask]++] = tmp[i];
}

void stance_sort_u64(uint64_t *keys, size_t n, uint64_t *tmp, unsigned key_bits)
{
    uint64_t *src = keys, *dst = tmp;
    if (n >= 48 && n < BUCKET_MAX_N && key_bits <= 32 && bucket_sort(keys, n, tmp, key_bits) == 0)
        return;
    if (n >= BUCKET_MAX_N && key_bits > 16 && key_bits <= 2 * HALF_MAX_BITS) {
        two_pass_sort(keys, n, tmp, key_bits);
        return;
    }
    if (n < 48) {
        for (size_t i = 1; i < n; i++)
            insert_sorted(keys, i, keys[i]);
        return;
    }
    if (key_bits > 64)
        key_bits = 64;
    if (key_bits <= 32 && n <= UINT32_MAX) {
        /* The usual case (table_bits + 4 <= 32): one read for the four byte
         * histograms, then one scatter per byte that is not the same in every key. */
        uint32_t count[4][257];
        for (unsigned p = 0; p < 4; p++) /* four small clears: no rep stos */
            memset(count[p], 0, sizeof count[p]);
        for (size_t i = 0; i < n; i++) {
            const uint32_t k = (uint32_t)src[i];
            count[0][(k & 0xff) + 1]++;
            count[1][((k >> 8) & 0xff) + 1]++;
            count[2][((k >> 16) & 0xff) + 1]++;
            count[3][(k >> 24) + 1]++;
        }
        for (unsigned p = 0; p < 4; p++) {
            const unsigned shift = 8 * p;
            uint32_t *c = count[p];
            if (c[((src[0] >> shift) & 0xff) + 1] == n)
                continue; /* every key has the same byte here */
            for (size_t b = 1; b < 257; b++)
                c[b] += c[b - 1];
            for (size_t i = 0; i < n; i++)
                dst[c[(src[i] >> shift) & 0xff]++] = src[i];
            {
                uint64_t *t = src;
                src = dst;
                dst = t;
            }
        }
    } else {
        for (unsigned shift = 0; shift < key_bits; shift += 8) {
            size_t count[257];
            memset(count, 0, sizeof count);
            for (size_t i = 0; i < n; i++)
                count[((src[i] >> shift) & 0xff) + 1]++;
            if (count[((src[0] >> shift) & 0xff) + 1] == n)
                continue; /* every key has the same byte here */
            for (size_t b = 1; b < 257; b++)
                count[b] += count[b - 1];
            for (size_t i = 0; i < n; i++)
                dst[count[(src[i] >> shift) & 0xff]++] = src[i];
            {
                uint64_t *t = src;
                src = dst;
                dst = t;
            }
        }
    }
    if (src != keys)
        memcpy(keys, src, n * sizeof *keys);
}
