/* cli.h - shared pieces of the stance command line tool. */
#ifndef STANCE_CLI_H
#define STANCE_CLI_H
#include <stdio.h>

#include "stance.h"

/* Exit codes: 0 ok, 1 runtime failure (bad input, I/O), 2 usage error. */
#define CLI_OK 0
#define CLI_FAIL 1
#define CLI_USAGE 2

typedef struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} cli_command;

/* Subcommands (argv[0] is the subcommand name). */
int cmd_classify(int argc, char **argv);
int cmd_dump(int argc, char **argv);
int cmd_train(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_predict(int argc, char **argv);
int cmd_inspect(int argc, char **argv);

/* The model path to use: -m PATH if given, else $STANCE_MODEL, else the installed default. */
const char *cli_model_path(const char *opt);
/* Open a model, printing "stance: PATH: message" on failure. */
int cli_open_model(const char *opt_path, stance_model **model);
/* Read a whole file ("-" = stdin) into a NUL-terminated buffer; prints errors. */
int cli_read_file(const char *path, char **data, size_t *len);
/* Print an error prefixed with "stance: ". */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
#endif
