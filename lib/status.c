/* status.c - stance_strerror() and the error records every failure path fills. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "stance_internal.h"

STANCE_API const char *stance_strerror(int code)
{
    switch (code) {
    case STANCE_OK: return "success";
    case STANCE_ERR_NOMEM: return "out of memory";
    case STANCE_ERR_IO: return "input/output error";
    case STANCE_ERR_FORMAT: return "not a libstance model, or a corrupt one";
    case STANCE_ERR_VERSION: return "model format too new for this library";
    case STANCE_ERR_INVALID: return "invalid argument";
    case STANCE_ERR_UTF8: return "invalid UTF-8 in input";
    case STANCE_ERR_LIMIT: return "limit exceeded";
    case STANCE_ERR_INTERNAL: return "internal error";
    default: return "unknown status code";
    }
}

int stance_error_setv(stance_error *err, int code, size_t offset, const char *fmt, va_list ap)
{
    if (err) {
        err->code = code;
        err->offset = offset;
        if (fmt) {
            /* vsnprintf truncates and always terminates; a truncated message is still useful. */
            vsnprintf(err->message, sizeof err->message, fmt, ap);
        } else {
            snprintf(err->message, sizeof err->message, "%s", stance_strerror(code));
        }
    }
    return code;
}

int stance_error_set(stance_error *err, int code, size_t offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    stance_error_setv(err, code, offset, fmt, ap);
    va_end(ap);
    return code;
}

int stance_pcre2_status(int rc)
{
    switch (rc) {
    case PCRE2_ERROR_NOMEMORY:
    case PCRE2_ERROR_HEAP_FAILED:
        return STANCE_ERR_NOMEM;
    case PCRE2_ERROR_MATCHLIMIT:
    case PCRE2_ERROR_DEPTHLIMIT:
    case PCRE2_ERROR_HEAPLIMIT:
        return STANCE_ERR_LIMIT;
    default:
        if (rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21)
            return STANCE_ERR_UTF8;
        return STANCE_ERR_INTERNAL;
    }
}

int stance_pcre2_error(stance_error *err, int rc, size_t offset, const char *what)
{
    PCRE2_UCHAR8 msg[120];
    int code = stance_pcre2_status(rc);
    if (pcre2_get_error_message(rc, msg, sizeof msg) < 0)
        snprintf((char *)msg, sizeof msg, "PCRE2 error %d", rc);
    return stance_error_set(err, code, offset, "%s: %s", what, (const char *)msg);
}
