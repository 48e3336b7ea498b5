/* fuzz_jsonl.c - the trainer's JSONL reader (training/trainer.c:
 * tr_data_load, and through it tr_record_parse and feature extraction) on
 * arbitrary bytes. Byte 0: bit 0 collects readable n-grams too, bit 1 loads
 * the data twice into the same set (labels must stay consistent); the rest is
 * the file, handed over through a memfd so nothing touches the disk.
 * Every call returns 0 or -1 with a message; loaded examples have labels and
 * buckets in range and sorted unique features. The same bytes, as one record,
 * also go through `stance classify --jsonl`'s fast path for "text"
 * (cli_json_text_span), which must agree with jansson, and through
 * tr_record_parse's reader without jansson, which must agree with
 * tr_record_parse_json (same result, message and fields). */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cli_input.h"
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

/* When the fast path takes the record and jansson parses it with the token as
 * "", jansson parses the whole record too, and its "text" is the decoded token. */
static void check_text_fast(const uint8_t *data, size_t size)
{
    char *line = malloc(size + 1), *shorter = malloc(size + 3);
    size_t a = 0, b = 0;
    json_t *full, *srec;
    json_error_t jerr;
    if (!line || !shorter)
        abort();
    memcpy(line, data, size);
    line[size] = '\0';
    if (cli_json_text_span(line, size, &a, &b) == 0) {
        FUZZ_CHECK(a < b && b <= size && line[a] == '"' && line[b - 1] == '"');
        memcpy(shorter, line, a);
        memcpy(shorter + a, "\"\"", 2);
        memcpy(shorter + a + 2, line + b, size - b);
        srec = json_loadb(shorter, a + 2 + size - b, JSON_ALLOW_NUL, &jerr);
        if (srec) {
            json_t *t;
            size_t len;
            full = json_loadb(line, size, JSON_ALLOW_NUL, &jerr);
            FUZZ_CHECK(full != NULL);
            t = json_object_get(full, "text");
            FUZZ_CHECK(json_is_string(t));
            len = cli_json_unescape(line, a, b);
            FUZZ_CHECK(len == json_string_length(t) && memcmp(line + a, json_string_value(t), len) == 0);
            json_decref(full);
            json_decref(srec);
        }
    }
    free(line);
    free(shorter);
}

static int same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The record read without jansson is the record jansson reads (or the same failure). */
static void check_record_fast(const uint8_t *data, size_t size)
{
    char *line = malloc(size + 1);
    if (!line)
        abort();
    memcpy(line, data, size);
    line[size] = '\0';
    for (int need_label = 0; need_label < 2; need_label++) {
        tr_record f, j;
        char ef[TR_ERRLEN] = "", ej[TR_ERRLEN] = "";
        int rf = tr_record_parse(line, size, need_label, &f, ef, sizeof ef);
        int rj = tr_record_parse_json(line, size, need_label, &j, ej, sizeof ej);
        FUZZ_CHECK(rf == rj);
        if (rf) {
            FUZZ_CHECK(strcmp(ef, ej) == 0);
            continue;
        }
        FUZZ_CHECK(f.text_len == j.text_len && memcmp(f.text, j.text, j.text_len) == 0);
        FUZZ_CHECK(same_str(f.id, j.id) && same_str(f.label, j.label) && same_str(f.task, j.task));
        FUZZ_CHECK(f.target_len == j.target_len && (!j.target || memcmp(f.target, j.target, j.target_len) == 0));
        FUZZ_CHECK(f.has_spans == j.has_spans && f.n_spans == j.n_spans && f.has_score == j.has_score);
        for (size_t i = 0; i < j.n_spans; i++)
            FUZZ_CHECK(f.spans[i].start == j.spans[i].start && f.spans[i].end == j.spans[i].end);
        tr_record_free(&f);
        tr_record_free(&j);
    }
    free(line);
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
    check_text_fast(data + 1, size - 1);
    check_record_fast(data + 1, size - 1);
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
