/*
 * main.c - the `stance` command: dispatch to subcommands, --help, --version,
 * and the helpers they share (model lookup, file reading, error messages).
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli.h"
#include "cli_input.h" /* CLI_ERRLEN */
#include "model.h" /* STANCE_FORMAT_*: the model formats this build writes and reads */

static const cli_command commands[] = {
    {"classify", cmd_classify, "find quotes, speakers, sentiment and stance in articles"},
    {"dump", cmd_dump, "print a model file as text"},
    {"train", cmd_train, "train model heads on labelled JSONL (libsvm/liblinear)"},
    {"eval", cmd_eval, "accuracy, F1 and confusion matrix of a model on labelled JSONL"},
    {"predict", cmd_predict, "label JSONL statements (a stdin -> stdout filter)"},
    {"inspect", cmd_inspect, "a model's metadata, heads and top-weighted n-grams"},
};

static void usage(FILE *out)
{
    fprintf(out, "Usage: stance COMMAND [OPTIONS] [ARGS]\n"
                 "       stance --version | --help\n\nCommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nRun 'stance COMMAND --help' for a command's options.\n"
                 "The model is taken from -m PATH, else $STANCE_MODEL, else %s.\n",
            stance_default_model_path());
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    char *s = NULL;
    int n;
    fputs("stance: ", stderr);
    va_start(ap, fmt);
    n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n >= 0)
        cli_put_plain(stderr, s, (size_t)n, 0); /* one message, one line */
    else
        fputs("(out of memory formatting a message)", stderr);
    free(s);
    fputc('\n', stderr);
}

const char *cli_model_path(const char *opt)
{
    const char *env;
    if (opt)
        return opt;
    env = getenv("STANCE_MODEL");
    if (env && *env)
        return env;
    return stance_default_model_path();
}

int cli_open_model(const char *opt_path, stance_model **model)
{
    stance_error err;
    const char *path = cli_model_path(opt_path);
    int rc;
    *model = NULL;
    if (cli_not_stdout(path))
        return CLI_FAIL;
    rc = stance_model_open(path, model, &err);
    if (rc == STANCE_ERR_IO && opt_path) /* the user's own -m: nothing to add */
        cli_error("%s", err.message);
    else if (rc == STANCE_ERR_IO && path != stance_default_model_path())
        cli_error("%s (the model $STANCE_MODEL names; -m MODEL overrides it)", err.message);
    else if (rc == STANCE_ERR_IO)
        cli_error("%s (the default model; use -m MODEL or set STANCE_MODEL)", err.message);
    else if (rc != STANCE_OK)
        cli_model_error(path, rc, &err);
    return rc == STANCE_OK ? CLI_OK : CLI_FAIL;
}

void cli_model_error(const char *path, int rc, const stance_error *err)
{
    if (err->offset != STANCE_NO_OFFSET)
        cli_error("%s: %s: %s (byte %zu of the file)", path, stance_strerror(rc), err->message, err->offset);
    else
        cli_error("%s: %s: %s", path, stance_strerror(rc), err->message);
}

/* No article or model we can use is this large (the library refuses texts
 * over 64 MiB by default and models of 1 GiB): stop reading a device or a
 * runaway pipe there instead of growing without bound. */
#define CLI_MAX_READ ((size_t)1 << 30)

int cli_read_file_msg(const char *path, char **data, size_t *len, char *msg, size_t msglen)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    struct stat st;
    if (!f) {
        snprintf(msg, msglen, "%s", strerror(errno));
        return CLI_FAIL;
    }
    if (fstat(fileno(f), &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            snprintf(msg, msglen, "is a directory");
            goto fail;
        }
        /* sized once for a regular file; pipes grow below */
        if (S_ISREG(st.st_mode) && st.st_size > 0 && (uintmax_t)st.st_size < SIZE_MAX / 2)
            cap = (size_t)st.st_size + 1;
    }
    for (;;) {
        size_t got;
        if (n >= CLI_MAX_READ) {
            snprintf(msg, msglen, "more than %zu bytes; refusing to read on", (size_t)CLI_MAX_READ);
            goto fail;
        }
        if (!buf || n == cap) {
            size_t ncap = !buf ? (cap ? cap : 65536 * 2) : cap * 2;
            char *nb = ncap < cap ? NULL : realloc(buf, ncap + 1);
            if (!nb) {
                snprintf(msg, msglen, "out of memory");
                goto fail;
            }
            buf = nb;
            cap = ncap;
        }
        errno = 0;
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        snprintf(msg, msglen, "read error: %s", errno ? strerror(errno) : "unknown");
        goto fail;
    }
    if (f != stdin)
        fclose(f);
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return CLI_OK;
fail:
    free(buf);
    if (f != stdin)
        fclose(f);
    return CLI_FAIL;
}

int cli_read_file(const char *path, char **data, size_t *len)
{
    char msg[CLI_ERRLEN];
    if (cli_read_file_msg(path, data, len, msg, sizeof msg) == CLI_OK)
        return CLI_OK;
    cli_error("%s: %s", path, msg);
    return CLI_FAIL;
}

static int run(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return CLI_USAGE;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        /* Writes 1.0 to 1.4 as a model needs (models/FORMAT.md); reads all of them. */
        printf("stance %s (libstance %s, model formats %d.%d to %d.%d)\n", PACKAGE_VERSION, stance_version(),
               STANCE_FORMAT_MAJOR, STANCE_FORMAT_MINOR, STANCE_FORMAT_MAJOR, STANCE_FORMAT_MINOR_GTMP);
        return CLI_OK;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return CLI_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    cli_error("unknown command '%s'", argv[1]);
    usage(stderr);
    return CLI_USAGE;
}

int main(int argc, char **argv)
{
    cli_guard_std_fds();
#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD)
    /* The command line is the host, so the allocator policy is its call (the library sets none).
     * glibc raises its mmap threshold each time a large block is freed, after which a long
     * record's result blocks come from the heap and stay in RSS: a fixed 128 KiB threshold keeps
     * large blocks mapped and returned (peak RSS on one 4 MB record: -2 MB; CPU unchanged on the
     * PolNeAR JSONL stream; bench/RESULTS.md, "The CLI fixes glibc's mmap threshold"). */
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
    /* every command's output goes through stdout, checked here once at the end */
    return cli_finish(run(argc, argv));
}
