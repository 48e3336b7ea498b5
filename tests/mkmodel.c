/* mkmodel.c - write the deterministic test model (testutil.c) to a file, for
 * the CLI, Python and fuzz tests: `tests/mkmodel OUT.stm`. */
#include "config.h"

#include <stdio.h>

#include "testutil.h"

int main(int argc, char **argv)
{
    stance_model *m;
    stance_error err;
    int rc;
    if (argc != 2) {
        fprintf(stderr, "usage: mkmodel OUT.stm\n");
        return 2;
    }
    m = testutil_build_model();
    rc = stance_model_write(m, argv[1], &err);
    stance_model_destroy(m);
    stance_free(m);
    if (rc) {
        fprintf(stderr, "mkmodel: %s\n", err.message);
        return 1;
    }
    return 0;
}
