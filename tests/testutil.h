/* testutil.h - helpers shared by the cmocka tests. */
#ifndef STANCE_TESTUTIL_H
#define STANCE_TESTUTIL_H
#include <stddef.h>

#include "model.h"

/* A small deterministic model built in memory: heads "stance" (favor, against,
 * none) and "sentiment" (positive, negative, neutral) whose weights make a few
 * words we chose push each label, with libsvm-style calibration parameters. */
stance_model *testutil_build_model(void);
/* The same model serialized (free with stance_free). */
unsigned char *testutil_model_bytes(size_t *len);
/* cmocka group setup and teardown: *state is the test model, opened from
 * testutil_model_bytes() through the public stance_model_open_buffer(). */
int testutil_group_open_model(void **state);
int testutil_group_free_model(void **state);
/* Read a file under $STANCE_TEST_DATA (or tests/data); NULL if missing. */
char *testutil_read_data(const char *name, size_t *len);
#endif
