/*
 * sort.c - radix sort of feature keys. Feature vectors are sorted once per
 * statement; with qsort the comparison callbacks were the largest single cost
 * of classification. Keys are small (bucket and family: table_bits + 4 bits),
 * so a few counting passes sort them in linear time.
 */
#include "config.h"

#include <string.h>

#include "sort.h"

void stance_sort_u64(uint64_t *keys, size_t n, uint64_t *tmp, unsigned key_bits)
{
    uint64_t *src = keys, *dst = tmp;
    if (n < 48) {
        for (size_t i = 1; i < n; i++) {
            uint64_t k = keys[i];
            size_t j = i;
            while (j > 0 && keys[j - 1] > k) {
                keys[j] = keys[j - 1];
                j--;
            }
            keys[j] = k;
        }
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
