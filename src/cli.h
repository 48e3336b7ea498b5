/* cli.h - shared pieces of the stance command line tool. */
#ifndef STANCE_CLI_H
#define STANCE_CLI_H
#include <stdint.h>
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
/* The --families name of feature family @p id ("word", "char", ...; "?" when unknown). */
const char *cli_family_name(uint32_t id);

/* The model path to use: -m PATH if given, else $STANCE_MODEL, else the installed default. */
const char *cli_model_path(const char *opt);
/* Open a model, printing "stance: PATH: message" on failure. */
int cli_open_model(const char *opt_path, stance_model **model);
/* "stance: PATH: what: message (byte N of the file)" for a model the library refused. */
void cli_model_error(const char *path, int rc, const stance_error *err);
/* Read a whole file ("-" = stdin) into a NUL-terminated buffer; prints errors. */
int cli_read_file(const char *path, char **data, size_t *len);
/* The same, printing nothing: on failure @p msg says why (without the path). */
int cli_read_file_msg(const char *path, char **data, size_t *len, char *msg, size_t msglen);
/* ---- text for a terminal (cli_io.c) ---- */
/* Write @p n bytes of text to @p f for a terminal: control characters, C0
 * (but line feed and tab when @p keep_lines), DEL and C1, as spaces (ESC or
 * CSI sequences in an article, a name or a model's strings cannot drive the
 * terminal); a bidi control as "[U+202E]" (it would reorder the line), as the
 * HTML report shows it; other UTF-8 as it is; a byte outside a valid sequence
 * as U+FFFD. */
void cli_put_plain(FILE *f, const char *s, size_t n, int keep_lines);
/* A file name as output shows it (classify's id, eval's "file"): its UTF-8 as it
 * is, each byte outside a valid sequence as U+FFFD, since JSON holds UTF-8 only
 * ("stdin" for "-"). To free; NULL when out of memory. */
char *cli_file_name(const char *path);
/* printf() through cli_put_plain(..., 1): for lines that hold a model's or a
 * record's strings (head, label, meta, n-gram, subset names). */
int cli_printf_plain(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* ---- the one output path (cli_io.c) ---- */
/* At start: park /dev/null on a closed fd 0, 1 or 2 (for the wrong direction,
 * so using it still fails) so no file we open lands there. */
void cli_guard_std_fds(void);
/* At exit: flush and close stdout and stderr; a write error on either, seen
 * at any time, turns @p status 0 into 1 (with a message for stdout). */
int cli_finish(int status);
/* Has a write to stdout failed yet? Streams stop early when it has. */
int cli_out_failed(void);
/* fflush(stdout), then cli_out_failed(). */
int cli_out_flush(void);
/* Refuse an output path that exists and is not a regular file (or a symlink
 * to one), with a message. CLI_OK or CLI_FAIL. */
int cli_check_output(const char *path);
/* Refuse to read @p path ("-": standard input) when standard output is that
 * same regular file (`stance predict d.jsonl >> d.jsonl` would read its own
 * output; with `>` the shell has emptied it), with a message. CLI_OK or CLI_FAIL. */
int cli_not_stdout(const char *path);
/* Refuse to write @p out when it is the same file (device and inode: a
 * symlink or hard link too) as one of @p inputs (a comma-separated list when
 * @p list, else one name; NULL: none), with a message. CLI_OK or CLI_FAIL. */
int cli_output_not_input(const char *out, const char *inputs, int list);
/* Write @p data to @p path through a temporary file beside it, renamed only
 * over a regular file or a new path; anything else is refused and left as it
 * was. CLI_OK or CLI_FAIL (with a message). */
int cli_write_file(const char *path, const void *data, size_t size);
/* Numeric options: the whole of @p arg must be a number in [min, max] (no
 * nan, inf, junk); else "CMD: OPT takes ..." and -1 (the caller exits 2). */
int cli_num_long(const char *cmd, const char *opt, const char *arg, long min, long max, long *out);
int cli_num_double(const char *cmd, const char *opt, const char *arg, double min, double max, double *out);

struct option;
/* getopt_long() with its messages in our form: an unknown or ambiguous option,
 * a missing argument or one given to a flag is said as "stance: CMD: ..." and
 * '?' returned (the caller exits with CLI_USAGE); otherwise as getopt_long(). */
int cli_getopt(const char *cmd, int argc, char **argv, const char *shortopts, const struct option *longopts);

/* What a stream does with a bad record (--on-error): every policy reports it
 * on stderr with its line number and makes the exit status 1. */
typedef enum {
    CLI_ON_ERROR_RECORD = 0, /* default: an error record in its place in the output */
    CLI_ON_ERROR_SKIP,       /* no output line for it */
    CLI_ON_ERROR_STOP        /* stop reading */
} cli_policy;
int cli_on_error(const char *cmd, const char *arg, cli_policy *p);

struct json_t;
/* One JSON line to stdout: @p o dumped with @p flags, with "id": @p id_raw
 * (raw JSON text, as the input wrote it) first when given. CLI_FAIL when
 * stdout has failed. */
int cli_put_json(struct json_t *o, size_t flags, const char *id_raw, size_t id_len);
/* The error record of the RECORD policy: {"id": ID or null, "error": {"file": F, "line": N,
 * "offset": B, "message": ...}}, "file" only when @p file is given, "line" only when @p lineno
 * is not 0, "offset" (a byte in the text, as the library reported it) only when @p offset is
 * not STANCE_NO_OFFSET. */
int cli_put_error_record(const char *id_raw, size_t id_len, const char *file, size_t lineno, size_t offset,
                         const char *message);

/* Print an error prefixed with "stance: " on one line, through cli_put_plain()
 * (a name from a record, a model or a file name in it cannot drive the
 * terminal nor start a line of its own). */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
#endif
