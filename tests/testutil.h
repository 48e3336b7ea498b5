/* testutil.h - helpers shared by the cmocka tests. */
#ifndef STANCE_TESTUTIL_H
#define STANCE_TESTUTIL_H
#include <stddef.h>
#include <stdint.h>

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
/* Built model @p b serialised, destroyed and freed, then opened again from its
 * bytes through the public stance_model_open_buffer(); NULL if either step
 * fails (@p b is freed either way). */
stance_model *testutil_reopen(stance_model *b);
int testutil_group_free_model(void **state);
/* Read a file under $STANCE_TEST_DATA (or tests/data); NULL if missing. */
char *testutil_read_data(const char *name, size_t *len);

/* The feature names a test saw, in order: family and text (shorter than 96
 * bytes; longer ones and any past TESTUTIL_NAMES_MAX are not kept). */
#define TESTUTIL_NAMES_MAX 4096
typedef struct testutil_names {
    uint32_t fam[TESTUTIL_NAMES_MAX];
    char text[TESTUTIL_NAMES_MAX][96];
    size_t n;
} testutil_names;
/* A stance_feature_name_cb for stance_fscratch_set_name_cb(): @p user is a
 * testutil_names, to which the name is appended. */
void testutil_names_cb(void *user, uint32_t bucket, uint32_t family, const char *text, size_t len);
/* Was the name @p text of family @p fam seen? */
int testutil_names_has(const testutil_names *s, uint32_t fam, const char *text);
/* How many names of family @p fam were seen. */
size_t testutil_names_count(const testutil_names *s, uint32_t fam);
#endif
