/* fuzz.h - shared by the fuzz targets (tests/fuzz_*.c).
 *
 * Each target defines LLVMFuzzerTestOneInput(). Built with clang
 * -fsanitize=fuzzer it is a libFuzzer binary (`make fuzz`); built with the
 * normal compiler and linked with tests/fuzz_main.c it replays files (the
 * seed corpora and every crash found, tests/fuzz/<target>/) under `make check`.
 * FUZZ_CHECK() turns a broken invariant into a crash the fuzzer reports. */
#ifndef STANCE_FUZZ_H
#define STANCE_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Release what a target keeps between runs (called by fuzz_main.c only, so
 * that valgrind and LeakSanitizer see no leak at exit). */
void fuzz_target_cleanup(void);

#define FUZZ_CHECK(cond)                                                                   \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);  \
            abort();                                                                       \
        }                                                                                  \
    } while (0)
#endif
