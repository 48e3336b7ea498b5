/*
 * vectors.c - the word vector table of a model (see vectors.h and the WVEC
 * section in models/FORMAT.md): build, look up, read, write.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "vectors.h"

void stance_wvec_free(stance_wvec *wv)
{
    if (!wv)
        return;
    stance_free(wv->off);
    stance_free(wv->len);
    stance_free(wv->blob);
    stance_free(wv->vec);
    stance_free(wv);
}

static int bytes_cmp(const char *a, size_t na, const char *b, size_t nb)
{
    int c = memcmp(a, b, na < nb ? na : nb);
    return c ? c : (na > nb) - (na < nb);
}

long stance_wvec_find(const stance_wvec *wv, const char *w, size_t n)
{
    size_t lo = 0, hi = wv->n;
    if (n == 0 || n > STANCE_MAX_WVEC_WORD)
        return -1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = bytes_cmp(wv->blob + wv->off[mid], wv->len[mid], w, n);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
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
