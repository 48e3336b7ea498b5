/*
 * model.c - the public model API: open from a file or a buffer, free, and
 * the read-only queries. Opening = parse + validate (model_io.c) + compile
 * the quote patterns (quotes.c), so no call ever compiles lazily.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "model.h"
#include "quotes.h"

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

STANCE_API int stance_model_open_buffer(const void *data, size_t size, stance_model **model, stance_error *err)
{
    stance_model *m = NULL;
    int rc;
    if (!model)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "model out-pointer is NULL");
    *model = NULL;
    if (!data)
        return stance_error_set(err, STANCE_ERR_INVALID, STANCE_NO_OFFSET, "model data is NULL");
    if ((rc = stance_model_parse(data, size, &m, err)))
        return rc;
    return finish_open(m, model, err);
}

STANCE_API int stance_model_open(const char *path, stance_model **model, stance_error *err)
{
    FILE *f = NULL;
    unsigned char *buf = NULL;
    size_t cap = 0, len = 0, first = 1 << 16;
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
    /* Sized with fstat for a regular file (one allocation, one read; a file
     * far too large is refused unread); a pipe or a growing file grows below. */
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
        if (S_ISREG(st.st_mode) && st.st_size > 0)
            first = (size_t)st.st_size + 1;
    }
    for (;;) {
        size_t got;
        if (len == cap) {
            if (cap >= MAX_MODEL_FILE) {
                rc = stance_error_set(err, STANCE_ERR_FORMAT, STANCE_NO_OFFSET, "%s: too large for a model", path);
                goto out;
            }
            if (stance_grow((void **)&buf, &cap, cap ? cap * 2 : first, 1)) {
                rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
                goto out;
            }
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            if (ferror(f)) {
                rc = stance_error_set(err, STANCE_ERR_IO, STANCE_NO_OFFSET, "%s: read error", path);
                goto out;
            }
            break;
        }
    }
    {
        stance_model *m = NULL;
        rc = stance_model_parse(buf, len, &m, err);
        if (rc == STANCE_OK)
            rc = finish_open(m, model, err);
    }
out:
    stance_free(buf);
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
