/*
 * model.c - the public model API: open from a file or a buffer, free, and
 * the read-only queries. Opening = parse + validate (model_io.c) + compile
 * the quote patterns (quotes.c; each is JIT-compiled on its first match, as
 * the JIT of all of them was most of the open time).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "model.h"
#include "quotes.h"

#ifndef MAP_POPULATE
#define MAP_POPULATE 0 /* pre-faulting is a Linux extension; elsewhere pages fault in as read */
#endif

/* Models are a few MB; anything far larger is not a model we wrote. */
#define MAX_MODEL_FILE ((size_t)1 << 30)

static int finish_open(stance_model *m, stance_model **out, stance_error *err)
{
    int rc = STANCE_OK;
    if (!(m->gctx = stance_pcre2_context()) || !(m->utf8 = stance_utf8_validator(m->gctx)))
        rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    if (!rc)
        rc = stance_quotes_compile(&m->qpat, err);
    if (rc) {
        stance_model_free(m);
        return rc;
    }
    *out = m;
    return STANCE_OK;
}

/* Parse @p image and hand it to the model (unmapped or freed with it; on
 * failure released here). */
static int open_image(unsigned char *image, size_t len, int mapped, stance_model **out, stance_error *err)
{
    stance_model *m = NULL;
    int rc = stance_model_parse(image, len, &m, err);
    if (rc) {
        if (mapped)
            munmap(image, len);
        else
            stance_free(image);
        return rc;
    }
    stance_model_adopt_image(m, image, len, mapped);
    return finish_open(m, out, err);
}

STANCE_API int stance_model_open_buffer(const void *data, size_t size, stance_model **model, stance_error *err)
{
    unsigned char *copy;
    stance_model *m = NULL;
    int rc;
    if (!model)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "model out-pointer is NULL");
    *model = NULL;
    if (!data)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "model data is NULL");
    /* Validated in the caller's buffer first (a corrupt model costs no copy);
     * the weights stay in the file image, so the model keeps its own copy
     * (the caller may free theirs) and its rows are moved into it. */
    if ((rc = stance_model_parse(data, size, &m, err)))
        return rc;
    if (!(copy = stance_malloc(size))) {
        stance_model_destroy(m);
        stance_free(m);
        return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    }
    memcpy(copy, data, size);
    for (uint32_t h = 0; h < m->n_heads; h++)
        if (m->heads[h].rows)
            m->heads[h].rows = copy + (m->heads[h].rows - (const unsigned char *)data);
    stance_model_adopt_image(m, copy, size, 0);
    return finish_open(m, model, err);
}

/* Read a file that cannot be mapped (a pipe, a special file) into one block. */
static int read_stream(FILE *f, const char *path, size_t first, unsigned char **out, size_t *out_len,
                       stance_error *err)
{
    unsigned char *buf = NULL;
    size_t cap = 0, len = 0;
    for (;;) {
        size_t got;
        if (len == cap) {
            if (cap >= MAX_MODEL_FILE) {
                stance_free(buf);
                return stance_error_set(err, STANCE_ERR_FORMAT, STANCE_NO_OFFSET, "%s: too large for a model", path);
            }
            if (stance_grow((void **)&buf, &cap, cap ? cap * 2 : first, 1)) {
                stance_free(buf);
                return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
            }
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            if (ferror(f)) {
                stance_free(buf);
                return stance_error_set(err, STANCE_ERR_IO, STANCE_NO_OFFSET, "%s: read error", path);
            }
            break;
        }
    }
    *out = buf;
    *out_len = len;
    return STANCE_OK;
}

STANCE_API int stance_model_open(const char *path, stance_model **model, stance_error *err)
{
    FILE *f = NULL;
    unsigned char *image = NULL;
    size_t len = 0, first = 1 << 16;
    struct stat st;
    int rc;

    if (!model)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "model out-pointer is NULL");
    *model = NULL;
    if (!path)
        path = stance_default_model_path();
    f = fopen(path, "rb");
    if (!f)
        return stance_error_set(err, STANCE_ERR_IO, STANCE_NO_OFFSET, "%s: %s", path, strerror(errno));
    if (fstat(fileno(f), &st) == 0) {
        if (S_ISDIR(st.st_mode) || S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
            rc = stance_error_set(err, STANCE_ERR_IO, STANCE_NO_OFFSET, "%s: is a %s, not a model file", path,
                                  S_ISDIR(st.st_mode) ? "directory" : "device");
            goto out;
        }
        if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size >= MAX_MODEL_FILE) {
            rc = stance_error_set(err, STANCE_ERR_FORMAT, STANCE_NO_OFFSET, "%s: %ju bytes, too large for a model",
                                  path, (uintmax_t)st.st_size);
            goto out;
        }
        /* A regular file is mapped read-only and pre-faulted in one call: no
         * copy, and far fewer page faults than reading into the heap. The
         * weights stay in the mapping (replace a model file by renaming a new
         * one over it, as stance_model_write does, never by rewriting it in
         * place while a program uses it). */
        if (S_ISREG(st.st_mode) && st.st_size > 0) {
            void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fileno(f), 0);
            if (map != MAP_FAILED) {
                fclose(f);
                return open_image(map, (size_t)st.st_size, 1, model, err);
            }
            first = (size_t)st.st_size + 1; /* cannot be mapped: read it below */
        }
    }
    if ((rc = read_stream(f, path, first, &image, &len, err)))
        goto out;
    rc = open_image(image, len, 0, model, err);
out:
    fclose(f);
    return rc;
}

STANCE_API void stance_model_free(stance_model *model)
{
    if (!model)
        return;
    stance_quotes_free(model->qpat);
    pcre2_code_free(model->utf8);
    pcre2_general_context_free(model->gctx);
    model->qpat = NULL;
    stance_model_destroy(model);
    stance_free(model);
}

STANCE_API int stance_model_head_count(const stance_model *model)
{
    return model ? (int)model->n_heads : STANCE_ERR_INVALID;
}

STANCE_API const char *stance_model_head_name(const stance_model *model, size_t head)
{
    return model && head < model->n_heads ? model->heads[head].name : NULL;
}

STANCE_API int stance_model_head_find(const stance_model *model, const char *name)
{
    if (!model || !name)
        return STANCE_ERR_INVALID;
    for (uint32_t i = 0; i < model->n_heads; i++)
        if (strcmp(model->heads[i].name, name) == 0)
            return (int)i;
    return STANCE_ERR_INVALID;
}

STANCE_API int stance_model_label_count(const stance_model *model, size_t head)
{
    return model && head < model->n_heads ? (int)model->heads[head].n_labels : STANCE_ERR_INVALID;
}

STANCE_API const char *stance_model_label_name(const stance_model *model, size_t head, size_t label)
{
    if (!model || head >= model->n_heads || label >= model->heads[head].n_labels)
        return NULL;
    return model->heads[head].labels[label];
}

STANCE_API const char *stance_model_meta(const stance_model *model, const char *key)
{
    if (!model || !key)
        return NULL;
    for (uint32_t i = 0; i < model->n_meta; i++)
        if (strcmp(model->meta_keys[i], key) == 0)
            return model->meta_values[i];
    return NULL;
}
