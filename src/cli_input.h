/*
 * cli_input.h - the one input path of the stance command: JSONL (or any
 * line-oriented) input from a file or stdin, read line by line with the line
 * number kept, a UTF-8 byte-order mark dropped once at the start, CRLF and LF
 * both accepted, blank lines skipped, and read errors reported with file and
 * line. Reports go into a caller's buffer (no printing), so the trainer and
 * the subcommands share it.
 */
#ifndef STANCE_CLI_INPUT_H
#define STANCE_CLI_INPUT_H
#include <stddef.h>
#include <stdio.h>

#include "utf8_seq.h" /* cli_utf8_decode(), for the reader here and json_out.c's writer */

typedef struct cli_lines {
    FILE *f;
    const char *path;    /* as given; "-" = standard input */
    char *buf;
    size_t cap;
    size_t start, end;   /* bytes read and not yet returned: buf[start, end) */
    int eof;
    size_t lineno;       /* number of the line last returned (1-based) */
    size_t records;      /* non-blank lines returned */
} cli_lines;

#define CLI_ERRLEN 512

/* Open @p path ("-" = stdin). Refuses directories. 0 ok, -1 with @p err set. */
int cli_lines_open(cli_lines *r, const char *path, char *err, size_t errlen);
/* The next non-blank line, without its line end (LF or CRLF) and, on line 1,
 * without a UTF-8 BOM. The line is NUL-terminated and stays valid until the
 * next call. Returns 1 for a line, 0 at the end of the input, -1 on a read
 * error (with "PATH:LINE: read error: reason" in @p err) or a line of
 * CLI_MAX_LINE bytes or more (a binary file, /dev/zero: memory stays bounded). */
#define CLI_MAX_LINE ((size_t)1 << 30)
int cli_lines_next(cli_lines *r, const char **line, size_t *len, char *err, size_t errlen);
/* The same, for a caller that changes the line in place (the reader's buffer,
 * until the next call). */
int cli_lines_next_rw(cli_lines *r, char **line, size_t *len, char *err, size_t errlen);
void cli_lines_close(cli_lines *r);

/* Strip a UTF-8 byte-order mark: returns how many bytes to skip (0 or 3). */
size_t cli_bom_len(const char *s, size_t len);

/* The raw JSON text of the value of the top-level key "id" in the JSON object
 * @p line (already known to parse), exactly as written: 0 and the span
 * [*start, *end) when present (the last one if repeated, as jansson keeps),
 * -1 when absent. */
int cli_json_id_raw(const char *line, size_t len, size_t *start, size_t *end);

/* A JSONL record's "text" read without jansson building a string of it (its
 * lexer costs ~140 instructions a byte): the span [*start, *end) of the last
 * top-level "text" member's string token, quotes included, when the token is
 * one jansson would accept (known escapes, surrogate pairs, no raw control
 * characters, valid UTF-8) and no top-level key is written with escapes;
 * -1 otherwise (the caller parses the whole line with jansson). The caller
 * still parses the record with jansson, the token replaced by "", so that a
 * malformed record gets jansson's error. */
int cli_json_text_span(const char *line, size_t len, size_t *start, size_t *end);

/* Decode the token [start, end) that cli_json_text_span() accepted, in place:
 * the text is at line + start afterwards; returns its length (never more
 * than the token's). */
size_t cli_json_unescape(char *line, size_t start, size_t end);

/* The top-level members of a JSONL record, checked without jansson: key
 * [k0, k1) without its quotes, value token [v0, v1). */
typedef struct cli_json_member {
    size_t k0, k1, v0, v1;
} cli_json_member;

/* When @p line is a JSON object that jansson reads with JSON_REJECT_DUPLICATES
 * (and no JSON_ALLOW_NUL), and nothing in it is in doubt: its members (at most
 * @p max) into @p m, and their count. In doubt, -1: keys written with escapes
 * or repeated, objects below the top level, numbers with exponents or of more
 * than 18 bytes, "\u0000", deep arrays, more than @p max members; the caller
 * then parses the line with jansson, whose errors it reports. Keys hold no
 * escapes, so their raw bytes are their values. */
int cli_json_members(const char *line, size_t len, cli_json_member *m, size_t max);

/* The number token [start, end) of a line that cli_json_members() accepted,
 * when it is an integer (what jansson reads as one): 0 and *v; -1 for a real. */
int cli_json_integer(const char *line, size_t start, size_t end, long long *v);
#endif
