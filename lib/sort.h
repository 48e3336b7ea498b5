/* sort.h - sorting the hot paths need, faster than qsort's callbacks. */
#ifndef STANCE_SORT_H
#define STANCE_SORT_H
#include <stddef.h>
#include <stdint.h>

/* Sort @p n keys ascending, keys < 2^key_bits, using @p tmp (n entries) as
 * scratch: insertion sort for short arrays; below 1,024 keys one counting pass
 * on the top bits then an insertion sort (a bucket of more than 64 keys: the
 * radix sort); from 1,024 keys of 17-22 bits an LSD radix sort in two passes of
 * half the bits; else LSD radix sort, 8 bits a pass. */
void stance_sort_u64(uint64_t *keys, size_t n, uint64_t *tmp, unsigned key_bits);

/* stance_sort_u64() that keeps one key of each value: keys[0, return value)
 * are the distinct keys ascending (the repeats dropped as the keys go back
 * into place, not in a pass of their own). */
size_t stance_sort_u64_distinct(uint64_t *keys, size_t n, uint64_t *tmp, unsigned key_bits);
#endif
