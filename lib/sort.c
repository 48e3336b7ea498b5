/*
 * sort.c - radix sort of feature keys, and the stable sorts of the mention and
 * entity lists (the end of the file). Feature vectors are sorted once per
 * statement; with qsort the comparison callbacks were the largest single cost
 * of classification. Keys are small (bucket and family: table_bits + 4 bits),
 * so a few counting passes sort them in linear time: below 4,096 keys one
 * counting pass on the top bits (about two buckets a key) and an insertion
 * sort within the buckets, from 4,096 keys of 17 to 22 bits two passes of
 * half the bits, else 8 bits a pass. Chosen by CPU time on the keys of
 * NewsMTSC dev's statements (a scratch bench), not by instructions alone; the
 * bucket pass up to 4,096 keys (it was 1,024) for PolNeAR's long statements:
 * 14 M fewer instructions in classify on PolNeAR, the same CPU time.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "sort.h"
#include "stance_internal.h"

#define BUCKET_MAX_N 4096u  /* the bucket pass up to here; the two-pass radix sort from here */
#define BUCKET_MAX_BITS 13u /* about two buckets a key for BUCKET_MAX_N keys */
#define BUCKET_CROWD 64u    /* a bucket with this many keys: the radix sort instead */
#define HALF_MAX_BITS 11u   /* the two-pass radix sort: keys of up to 22 bits */
#define COUNTS(bits) (((size_t)1 << (bits)) + 8) /* a count array: one more than the buckets, in eights */

/* Clear @p bytes at @p c in pieces of 2 kB: above that glibc's memset is a
 * `rep stosb`, no faster here, and callgrind counts it a byte an instruction,
 * which hid the rest of the sort in the per-line figures. (A loop of vector
 * stores becomes that memset again: GCC recognises it.) */
static void clear_counts(void *c, size_t bytes)
{
    for (size_t b = 0; b < bytes; b += 2048)
        memset((char *)c + b, 0, bytes - b < 2048 ? bytes - b : 2048);
}

/* Running sums of the 16-bit counts c[0, m) in place, m a multiple of 8
 * (eight at a time with SSE2). Returns the bitwise or of the counts: >=
 * BUCKET_CROWD when some count is. */
static unsigned prefix_sums16(uint16_t *c, size_t m)
{
#if defined(__SSE2__)
    __m128i carry = _mm_setzero_si128(), any = _mm_setzero_si128();
    for (size_t b = 0; b < m; b += 8) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(c + b));
        any = _mm_or_si128(any, x);
        x = _mm_add_epi16(x, _mm_slli_si128(x, 2));
        x = _mm_add_epi16(x, _mm_slli_si128(x, 4));
        x = _mm_add_epi16(x, _mm_slli_si128(x, 8));
        x = _mm_add_epi16(x, carry);
        _mm_storeu_si128((__m128i *)(void *)(c + b), x);
        carry = _mm_shufflehi_epi16(x, 0xFF);
        carry = _mm_unpackhi_epi64(carry, carry);
    }
    any = _mm_or_si128(any, _mm_srli_si128(any, 8));
    any = _mm_or_si128(any, _mm_srli_si128(any, 4));
    any = _mm_or_si128(any, _mm_srli_si128(any, 2));
    return (unsigned)_mm_cvtsi128_si32(any) & 0xFFFFu;
#else
    unsigned run = 0, any = 0;
    for (size_t b = 0; b < m; b++) {
        any |= c[b];
        run += c[b];
        c[b] = (uint16_t)run;
    }
    return any;
#endif
}

/* The same for 32-bit counts, m a multiple of 4 (four at a time). */
static void prefix_sums32(uint32_t *c, size_t m)
{
#if defined(__SSE2__)
    __m128i carry = _mm_setzero_si128();
    for (size_t b = 0; b < m; b += 4) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(c + b));
        x = _mm_add_epi32(x, _mm_slli_si128(x, 4));
        x = _mm_add_epi32(x, _mm_slli_si128(x, 8));
        x = _mm_add_epi32(x, carry);
        _mm_storeu_si128((__m128i *)(void *)(c + b), x);
        carry = _mm_shuffle_epi32(x, 0xFF);
    }
#else
    uint32_t run = 0;
    for (size_t b = 0; b < m; b++) {
        run += c[b];
        c[b] = run;
    }
#endif
}

/* Insertion step: k into the sorted keys[0, i), keys[i] free (or k itself). */
static inline void insert_sorted(uint64_t *keys, size_t i, uint64_t k)
{
    while (i > 0 && keys[i - 1] > k) {
        keys[i] = keys[i - 1];
        i--;
    }
    keys[i] = k;
}

/* The sorted distinct keys of tmp[0, n) into @p keys, tmp's keys out of order
 * only within their bucket (bucket_sort's scatter): a key no smaller than the
 * last one kept is appended and kept when it differs from it (without a
 * branch); a key that goes further back (rare: about two buckets a key) is
 * inserted as by insert_sorted(), and taken out again if it was there. Returns the number of distinct keys. */
static size_t insert_distinct(uint64_t *keys, const uint64_t *tmp, size_t n)
{
    size_t d = 1;
    uint64_t last; /* keys[d - 1], in a register: loaded back from keys, it made a chain through d */
    if (!n)
        return 0;
    keys[0] = last = tmp[0];
    for (size_t i = 1; i < n; i++) {
        const uint64_t k = tmp[i];
        size_t j = d;
        if (last <= k) {
            keys[d] = k;
            d += last != k;
            last = k;
            continue;
        }
        do {
            keys[j] = keys[j - 1];
            j--;
        } while (j > 0 && keys[j - 1] > k);
        if (j > 0 && keys[j - 1] == k) {
            for (; j < d; j++) /* a repeat after all: the moved keys back */
                keys[j] = keys[j + 1];
            continue;
        }
        keys[j] = k;
        d++;
    }
    return d;
}

/* The sorted keys[0, n) made distinct in place (without a branch: a repeat is
 * a coin toss). Returns their number. */
static size_t drop_repeats(uint64_t *keys, size_t n)
{
    uint64_t prev = n ? ~keys[0] : 0;
    size_t d = 0;
    for (size_t i = 0; i < n; i++) {
        const uint64_t key = keys[i];
        keys[d] = key;
        d += key != prev;
        prev = key;
    }
    return d;
}

/* One counting pass on the top bits (about two buckets a key: the keys are
 * hashes) into @p tmp, then an insertion sort back into @p keys that only
 * moves keys within their bucket. 0 done, -1 when a bucket is crowded (the
 * keys are left as they were). With @p distinct, repeats are dropped as the
 * keys go back and *n_out is the number kept. The fastest below a thousand keys (bench on
 * NewsMTSC dev's keys: 1.8 us a statement against 2.7 for the former
 * four-keys-a-bucket pass and the two-pass sort). */
static int bucket_sort(uint64_t *keys, size_t n, uint64_t *tmp, unsigned key_bits, int distinct, size_t *n_out)
{
    uint16_t count[COUNTS(BUCKET_MAX_BITS)]; /* (n < BUCKET_MAX_N: 16 bits hold any count) */
    unsigned b = 4, shift;
    uint32_t mask;
    size_t m;
    while (b < BUCKET_MAX_BITS && ((size_t)1 << (b - 1)) <= n)
        b++;
    if (b > key_bits)
        b = key_bits;
    shift = key_bits - b;
    mask = (1u << b) - 1;
    m = ((size_t)mask + 9) & ~(size_t)7;
    clear_counts(count, m * sizeof *count);
    for (size_t i = 0; i < n; i++)
        count[((keys[i] >> shift) & mask) + 1]++; /* (masked: a key >= 2^key_bits costs time, not order) */
    if (prefix_sums16(count, m) >= BUCKET_CROWD)
        return -1;
    for (size_t i = 0; i < n; i++)
        tmp[count[(keys[i] >> shift) & mask]++] = keys[i];
    if (distinct) {
        *n_out = insert_distinct(keys, tmp, n);
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        insert_sorted(keys, i, tmp[i]);
    *n_out = n;
    return 0;
}

/* LSD radix sort in two passes of half the key bits (at most HALF_MAX_BITS
 * each): for the thousand-odd keys of a long sentence with a 2^18 table, two
 * scatters instead of three. */
static void two_pass_sort(uint64_t *keys, size_t n, uint64_t *tmp, unsigned key_bits)
{
    uint32_t c0[COUNTS(HALF_MAX_BITS)], c1[COUNTS(HALF_MAX_BITS)];
    const unsigned h = (key_bits + 1) / 2;
    const uint32_t mask = (1u << h) - 1;
    const size_t m = ((size_t)mask + 5) & ~(size_t)3;
    clear_counts(c0, m * sizeof *c0);
    clear_counts(c1, m * sizeof *c1);
    for (size_t i = 0; i < n; i++) {
        const uint64_t k = keys[i];
        c0[(k & mask) + 1]++;
        c1[((k >> h) & mask) + 1]++;
    }
    prefix_sums32(c0, m);
    prefix_sums32(c1, m);
    for (size_t i = 0; i < n; i++)
        tmp[c0[keys[i] & mask]++] = keys[i];
    for (size_t i = 0; i < n; i++)
        keys[c1[(tmp[i] >> h) & mask]++] = tmp[i];
}

size_t stance_sort_u64_distinct(uint64_t *keys, size_t n, uint64_t *tmp, unsigned key_bits)
{
    size_t d;
    if (n < 48) {
        memcpy(tmp, keys, n * sizeof *keys);
        return insert_distinct(keys, tmp, n);
    }
    if (n < BUCKET_MAX_N && key_bits <= 32 && bucket_sort(keys, n, tmp, key_bits, 1, &d) == 0)
        return d;
    stance_sort_u64(keys, n, tmp, key_bits);
    return drop_repeats(keys, n);
}

void stance_sort_u64(uint64_t *keys, size_t n, uint64_t *tmp, unsigned key_bits)
{
    uint64_t *src = keys, *dst = tmp;
    size_t d;
    if (n >= 48 && n < BUCKET_MAX_N && key_bits <= 32 && bucket_sort(keys, n, tmp, key_bits, 0, &d) == 0)
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

/* ---- records: stable sorts of the mention and entity lists (sort.h) ---- */

static size_t field_at(const void *v, size_t i, size_t size, size_t off)
{
    size_t x;
    memcpy(&x, (const char *)v + i * size + off, sizeof x);
    return x;
}

#define STABLE_SHORT 16 /* up to here an insertion sort, in place */

/* How an insertion sort orders records: by a size_t field at @p off, or by
 * @p cmp. */
typedef struct sort_how {
    size_t off;
    int (*cmp)(const void *, const void *);
} sort_how;

static int goes_after(const sort_how *h, const char *x, const char *y)
{
    size_t a, b;
    if (h->cmp)
        return h->cmp(x, y) > 0;
    memcpy(&a, x + h->off, sizeof a);
    memcpy(&b, y + h->off, sizeof b);
    return a > b;
}

/* The insertion sort: a record moves only past the ones that go after it
 * (stable). */
static int sort_short(char *b, size_t n, size_t size, const sort_how *h)
{
    char stack[256], *tmp = size <= sizeof stack ? stack : stance_malloc(size);
    if (!tmp)
        return STANCE_ERR_NOMEM;
    for (size_t i = 1; i < n; i++) {
        size_t j = i;
        while (j > 0 && goes_after(h, b + (j - 1) * size, b + i * size))
            j--;
        if (j < i) {
            memcpy(tmp, b + i * size, size);
            memmove(b + (j + 1) * size, b + j * size, (i - j) * size);
            memcpy(b + j * size, tmp, size);
        }
    }
    if (tmp != stack)
        stance_free(tmp);
    return STANCE_OK;
}

int stance_sort_stable(void *v, size_t n, size_t size, size_t off)
{
    char *b = v, *tmp;
    size_t most = 0, total;
    unsigned ib = stance_bits_for(n - 1), vb;
    uint64_t mask;
    uint64_t *keys;
    if (n < 2)
        return STANCE_OK;
    for (size_t i = 0; i < n; i++)
        most = field_at(v, i, size, off) > most ? field_at(v, i, size, off) : most;
    vb = stance_bits_for(most);
    if (n <= STABLE_SHORT || vb + ib > 64) { /* (keys that do not fit: never, in memory) */
        sort_how h = {off, NULL};
        return sort_short(b, n, size, &h);
    }
    mask = (UINT64_C(1) << ib) - 1;
    if (stance_mul_overflow(n, 2 * sizeof *keys, &total) || total > SIZE_MAX - size ||
        !(keys = stance_malloc(total + size)))
        return STANCE_ERR_NOMEM;
    tmp = (char *)(keys + 2 * n);
    for (size_t i = 0; i < n; i++)
        keys[i] = (uint64_t)field_at(v, i, size, off) << ib | i;
    stance_sort_u64(keys, n, keys + n, vb + ib);
    /* Element i takes the one at keys[i]'s index: applied in place cycle by cycle, one
     * element aside (no second copy of the array: peak memory of a large text, issue #18). */
    for (size_t i = 0; i < n; i++) {
        size_t j = i, k;
        if ((size_t)(keys[i] & mask) == i)
            continue;
        memcpy(tmp, b + i * size, size);
        while ((k = (size_t)(keys[j] & mask)) != i) {
            memcpy(b + j * size, b + k * size, size);
            keys[j] = (keys[j] & ~mask) | j;
            j = k;
        }
        memcpy(b + j * size, tmp, size);
        keys[j] = (keys[j] & ~mask) | j;
    }
    stance_free(keys);
    return STANCE_OK;
}

void stance_sort_small(void *v, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    sort_how h = {0, cmp};
    if (n > STABLE_SHORT || size > 256) {
        if (n > 1)
            qsort(v, n, size, cmp);
        return;
    }
    (void)sort_short(v, n, size, &h); /* (no allocation at this size: no failure) */
}

/* ---- stance_u32set ---- */

int stance_u32set_reset(stance_u32set *t, size_t n)
{
    size_t cap = 16;
    t->n = 0;
    while (cap < 2 * n)
        cap *= 2;
    if (cap > t->cap) { /* one block: the slots, then the places */
        uint64_t *k = stance_realloc_array(t->slot, cap, sizeof *k + sizeof *t->pos);
        if (!k)
            return STANCE_ERR_NOMEM;
        t->slot = k;
        t->pos = (uint32_t *)(void *)(k + cap);
        t->cap = cap;
        t->gen = 0; /* every slot cleared below */
    }
    if (++t->gen == 1 || t->gen == 0) { /* new slots, or the generations went round */
        memset(t->slot, 0, t->cap * sizeof *t->slot);
        memset(t->pos, 0, t->cap * sizeof *t->pos); /* read (not used) for a new key: finish_unsorted() */
        t->gen = 1;
    }
    return STANCE_OK;
}

void stance_u32set_free(stance_u32set *t)
{
    stance_free(t->slot); /* (and the places) */
    memset(t, 0, sizeof *t);
}
