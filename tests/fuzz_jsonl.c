/* fuzz_jsonl.c - the trainer's JSONL reader (training/trainer.c:
 * tr_data_load, and through it tr_record_parse and feature extraction) on
 * arbitrary bytes. Byte 0: bit 0 collects readable n-grams too, bit 1 loads
 * the data twice into the same set (labels must stay consistent); the rest is
 * the file, handed over through a memfd so nothing touches the disk.
 * Every call returns 0 or -1 with a message; loaded examples have labels and
 * buckets in range and sorted unique features. */
#include "config.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "features.h"
#include "fuzz.h"
#include "trainer.h"

#define FUZZ_BITS 10

void fuzz_target_cleanup(void)
{
}

static void check_data(const tr_data *d)
{
    FUZZ_CHECK(d->n_labels <= STANCE_MAX_LABELS);
    for (size_t i = 0; i < d->n_labels; i++)
        FUZZ_CHECK(d->labels[i] != NULL);
    for (size_t i = 0; i < d->n; i++) {
        const tr_example *e = &d->ex[i];
        FUZZ_CHECK(e->y >= 0 && (size_t)e->y < d->n_labels);
        for (size_t k = 0; k < e->n; k++) {
            FUZZ_CHECK(e->idx[k] < (1u << FUZZ_BITS));
            FUZZ_CHECK(k == 0 || e->idx[k - 1] < e->idx[k]);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    stance_featcfg cfg;
    tr_data d;
    tr_names names;
    char err[TR_ERRLEN], path[64];
    int fd, rc;
    unsigned mode;

    if (size < 1)
        return 0;
    mode = data[0];
    fd = memfd_create("fuzz_jsonl", 0);
    if (fd < 0)
        abort();
    if (size > 1 && write(fd, data + 1, size - 1) != (ssize_t)(size - 1))
        abort();
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    memset(&cfg, 0, sizeof cfg);
    stance_features_default(&cfg);
    cfg.table_bits = FUZZ_BITS;
    memset(&d, 0, sizeof d);
    memset(&names, 0, sizeof names);
    err[0] = '\0';
    rc = tr_data_load(path, &cfg, &d, (mode & 1) ? &names : NULL, err, sizeof err);
    FUZZ_CHECK(rc == 0 || rc == -1);
    if (rc)
        FUZZ_CHECK(err[0] != '\0' && memchr(err, '\0', sizeof err));
    else
        check_data(&d);
    if (rc == 0 && (mode & 2)) {
        size_t n0 = d.n;
        rc = tr_data_load(path, &cfg, &d, (mode & 1) ? &names : NULL, err, sizeof err);
        FUZZ_CHECK(rc == 0); /* the same bytes loaded again */
        FUZZ_CHECK(d.n == 2 * n0);
        check_data(&d);
    }
    tr_data_free(&d);
    tr_names_free(&names);
    close(fd);
    return 0;
}
