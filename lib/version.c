/* version.c - run-time version queries (compare with the header's macros).
 * The string comes from config.h (PACKAGE_VERSION), the number from stance.h:
 * configure writes both from configure.ac, and tests/test_core.c checks they agree. */
#include "config.h"

#include "stance_internal.h"

STANCE_API const char *stance_version(void)
{
    return PACKAGE_VERSION;
}

STANCE_API int stance_version_number(void)
{
    return STANCE_VERSION_NUMBER;
}

STANCE_API const char *stance_default_model_path(void)
{
    return STANCE_MODELDIR "/en-news.stm";
}
