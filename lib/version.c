/* version.c - run-time version queries (compare with the header's macros). */
#include "config.h"

#include "stance_internal.h"

STANCE_API const char *stance_version(void)
{
    return STANCE_VERSION_STRING;
}

STANCE_API int stance_version_number(void)
{
    return STANCE_VERSION_NUMBER;
}

STANCE_API const char *stance_default_model_path(void)
{
    return STANCE_MODELDIR "/en-news.stm";
}
