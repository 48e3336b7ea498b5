/* cmd_dump.c - `stance dump MODEL`: every field of a model file as text. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "vectors.h"
#include "model.h"

int cmd_dump(int argc, char **argv)
{
    stance_model *m = NULL;
    stance_error err;
    char *data = NULL;
    size_t len = 0;
    int weights = 0, rc;
    const char *path = NULL;

    for (int i = 1, opts = 1; i < argc; i++) {
        if (opts && strcmp(argv[i], "--") == 0) {
            opts = 0; /* then a MODEL named "-x" */
        } else if (opts && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--help") != 0 &&
                   strcmp(argv[i], "--weights") != 0) {
            cli_error("dump: unknown option '%s' (see --help)", argv[i]);
            return CLI_USAGE;
        } else if (opts && strcmp(argv[i], "--help") == 0) {
            printf("Usage: stance dump [--weights] MODEL\n"
                   "  Print a model file's header, metadata, features, heads (calibration, temperatures),\n"
                   "  and the sizes of its lexicon, word vectors and n-gram table, as text.\n"
                   "  --weights  also every non-zero weight row, lexicon word and word vector\n");
            return CLI_OK;
        } else if (opts && strcmp(argv[i], "--weights") == 0)
            weights = 1;
        else if (!path)
            path = argv[i];
        else {
            cli_error("dump: one model at a time");
            return CLI_USAGE;
        }
    }
    path = cli_model_path(path);
    if (cli_not_stdout(path) || cli_read_file(path, &data, &len))
        return CLI_FAIL;
    rc = stance_model_parse((unsigned char *)data, len, &m, &err);
    if (rc) {
        free(data);
        cli_model_error(path, rc, &err);
        return CLI_FAIL;
    }
    /* the version the file says it is (parse checked the header is there) */
    cli_printf_plain("file %s (%zu bytes)\nformat %u.%u\n", path, len, (unsigned)((unsigned char)data[4] | (unsigned char)data[5] << 8),
           (unsigned)((unsigned char)data[6] | (unsigned char)data[7] << 8));
    for (uint32_t i = 0; i < m->n_meta; i++)
        cli_printf_plain("meta %s = %s\n", m->meta_keys[i], m->meta_values[i]);
    printf("features norm_flags=0x%x tokenizer_rev=%u hash_id=%u table_bits=%u value_mode=0x%x families=%u\n",
           m->feat.norm_flags, m->feat.tokenizer_rev, m->feat.hash_id, m->feat.table_bits, m->feat.value_mode,
           m->feat.n_families);
    for (uint32_t i = 0; i < m->feat.n_families; i++) {
        const stance_family *f = &m->feat.families[i];
        printf("  family id=%u seed=0x%08x n=%u..%u window=%u flags=0x%x weight=%g\n", f->id, f->seed, f->min_n,
               f->max_n, f->window, f->flags, (double)f->weight);
    }
    for (uint32_t h = 0; h < m->n_heads; h++) {
        const stance_head *hd = &m->heads[h];
        size_t nz = 0, buckets = (size_t)1 << m->feat.table_bits;
        cli_printf_plain("head %s labels=", hd->name);
        for (uint32_t l = 0; l < hd->n_labels; l++)
            cli_printf_plain("%s%s", l ? "," : "", hd->labels[l]);
        printf(" pairs=%u calibration=%u", hd->n_dec, hd->calib);
        if (hd->domain_temp > 0)
            printf(" in-domain-temperature=%.9g", hd->domain_temp);
        if (hd->temp > 0)
            printf(" temperature=%.9g", hd->temp);
        printf("\n");
        for (uint32_t p = 0; p < hd->n_dec; p++)
            printf("  pair %u bias=%.9g probA=%.9g probB=%.9g\n", p, hd->bias[p], hd->prob_a ? hd->prob_a[p] : 0.0,
                   hd->prob_b ? hd->prob_b[p] : 0.0);
        for (size_t b = 0; b < buckets; b++) {
            float row[STANCE_MAX_LABELS * (STANCE_MAX_LABELS - 1) / 2];
            if (!stance_head_row(hd, b, row))
                continue;
            nz++;
            if (weights) {
                printf("  w %zu", b);
                for (uint32_t p = 0; p < hd->n_dec; p++)
                    printf(" %.9g", (double)row[p]);
                printf("\n");
            }
        }
        printf("  nonzero rows %zu of %zu\n", nz, buckets);
    }
    if (m->feat.lex) {
        const stance_lexicon *lx = m->feat.lex;
        printf("lexicon %u words\n", lx->n);
        for (uint32_t i = 0; weights && i < lx->n; i++)
            cli_printf_plain("  lex %s %g\n", lx->blob + lx->off[i], (double)lx->valence[i]);
    }
    if (m->feat.wvec) {
        const stance_wvec *wv = m->feat.wvec;
        printf("vectors %u words x %u dimensions, int8, scale %.9g\n", wv->n, wv->dim, (double)wv->scale);
        for (uint32_t i = 0; weights && i < wv->n; i++) {
            cli_printf_plain("  vec %s", wv->blob + wv->off[i]);
            for (uint32_t d = 0; d < wv->dim; d++)
                printf(" %d", wv->vec[(size_t)i * wv->dim + d]);
            printf("\n");
        }
    }
    printf("ngrams %u\n", m->n_ngrams);
    stance_model_destroy(m);
    stance_free(m);
    free(data); /* after the model: its weight rows point into the image */
    return CLI_OK;
}
