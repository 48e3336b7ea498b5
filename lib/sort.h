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

/* The bits that hold @p v (0 for 0). */
static inline unsigned stance_bits_for(size_t v)
{
    unsigned b = 0;
    while (b < 64 && (v >> b))
        b++;
    return b;
}

/* ---- records (the mention and entity lists) ---- */

/* Sort @p n records of @p size bytes at @p v stably by the size_t at byte
 * @p off of each: the order qsort() (a merge sort in glibc) gives with a
 * comparison of that field alone, in linear time (stance_sort_u64() on the
 * field and the index). STANCE_ERR_NOMEM or STANCE_OK. */
int stance_sort_stable(void *v, size_t n, size_t size, size_t off);

/* qsort(v, n, size, cmp) for records of at most 256 bytes, in the same order
 * (glibc's qsort is a merge sort: stable), by an insertion sort up to 16
 * records, where qsort's set-up costs more than the sorting: most of the
 * mention and entity lists of an article are that short. */
void stance_sort_small(void *v, size_t n, size_t size, int (*cmp)(const void *, const void *));
#endif
