/*
 * cli_io.c - the one output path of the stance command and its option
 * checking: standard streams guarded at start and checked at exit (every
 * write error, a closed stdout or EPIPE becomes a message and exit status 1),
 * output files written beside their target and renamed only over a regular
 * file (removed if SIGINT, SIGTERM or SIGHUP ends the command while it
 * exists), and every numeric option parsed by one helper with a range.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "utf8_seq.h"

/* ---- standard streams ---------------------------------------------------------- */

void cli_guard_std_fds(void)
{
    /* A closed 0, 1 or 2 would be handed to the next open() (a model being
     * written could receive our printf()s). Park /dev/null there, opened for
     * the wrong direction, so the descriptor is taken and every use of it
     * still fails as it would have: reads from a closed stdin and writes to a
     * closed stdout are reported, not silently succeed. */
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
            int n = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
            if (n >= 0 && n != fd) {
                dup2(n, fd);
                close(n);
            }
        }
    }
}

/* gnulib's close_stream(): an error seen earlier, or one on the final flush
 * and close, is a failure; EBADF on close only when something was pending. */
static int close_stream(FILE *f, int *err)
{
    int some_pending = __fpending(f) != 0, prev_fail = ferror(f) != 0, fclose_fail;
    errno = 0;
    fclose_fail = fclose(f) != 0;
    *err = errno;
    if (prev_fail || (fclose_fail && (some_pending || *err != EBADF))) {
        if (!fclose_fail)
            *err = 0;
        return -1;
    }
    return 0;
}

/* The reason of the first failed write to stdout, when seen right after it. */
static int out_errno;

int cli_finish(int status)
{
    int err = 0;
    if (close_stream(stdout, &err)) {
        if (!err)
            err = out_errno;
        cli_error("write error on standard output%s%s", err ? ": " : "", err ? strerror(err) : "");
        if (status == CLI_OK)
            status = CLI_FAIL;
    }
    if (close_stream(stderr, &err) && status == CLI_OK)
        status = CLI_FAIL;
    return status;
}

int cli_out_failed(void)
{
    if (!ferror(stdout))
        return 0;
    if (!out_errno)
        out_errno = errno;
    return 1;
}

int cli_out_flush(void)
{
    fflush(stdout);
    return cli_out_failed();
}

/* ---- text for a terminal ------------------------------------------------------------ */

void cli_put_plain(FILE *f, const char *s, size_t n, int keep_lines)
{
    for (size_t i = 0; i < n;) {
        unsigned long cp;
        size_t len = cli_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (!len) {
            fputs("\xEF\xBF\xBD", f);
            i++;
            continue;
        }
        if ((cp < 0x20 && !(keep_lines && (cp == '\n' || cp == '\t'))) || (cp >= 0x7F && cp <= 0x9F))
            putc(' ', f);
        else if (cli_is_bidi_control(cp))
            fprintf(f, "[U+%04lX]", cp);
        else
            fwrite(s + i, 1, len, f);
        i += len;
    }
}

int cli_printf_plain(const char *fmt, ...)
{
    va_list ap;
    char *s = NULL;
    int n;
    va_start(ap, fmt);
    n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n < 0) {
        cli_error("out of memory");
        return -1;
    }
    cli_put_plain(stdout, s, (size_t)n, 1);
    free(s);
    return n;
}

/* cli.h: the name as JSON output shows it. */
char *cli_file_name(const char *path)
{
    size_t n = strlen(path), k = 0;
    char *s = strcmp(path, "-") == 0 ? strdup("stdin") : malloc(3 * n + 1);
    if (!s || strcmp(path, "-") == 0)
        return s;
    for (size_t i = 0; i < n;) {
        unsigned long cp;
        size_t len = cli_utf8_decode((const unsigned char *)path + i, n - i, &cp);
        if (len) {
            memcpy(s + k, path + i, len);
            k += len;
            i += len;
        } else {
            memcpy(s + k, "\xEF\xBF\xBD", 3);
            k += 3;
            i++;
        }
    }
    s[k] = '\0';
    return s;
}

/* ---- output files ------------------------------------------------------------------- */

/* Resolve @p path to the file to replace: itself, or a symlink's target.
 * 0 and the path (malloc'd) in @p real, or -1 after saying why. */
static int output_target(const char *path, char **real, struct stat *st, int *exists)
{
    struct stat lst;
    *real = NULL;
    *exists = 0;
    if (lstat(path, &lst) != 0) {
        if (errno != ENOENT) {
            cli_error("%s: %s", path, strerror(errno));
            return -1;
        }
        *real = strdup(path);
    } else if (S_ISLNK(lst.st_mode)) {
        *real = realpath(path, NULL);
        if (!*real) {
            cli_error("%s: a symbolic link to nothing usable (%s); refusing to replace it", path, strerror(errno));
            return -1;
        }
        if (stat(*real, st) != 0) {
            cli_error("%s: %s", path, strerror(errno));
            free(*real);
            *real = NULL;
            return -1;
        }
        *exists = 1;
    } else {
        *st = lst;
        *exists = 1;
        *real = strdup(path);
    }
    if (!*real) {
        cli_error("out of memory");
        return -1;
    }
    if (*exists && !S_ISREG(st->st_mode)) {
        cli_error("%s: not a regular file (%s); refusing to replace it", path,
                  S_ISDIR(st->st_mode) ? "a directory" : S_ISFIFO(st->st_mode) ? "a FIFO"
                  : S_ISCHR(st->st_mode) ? "a character device" : S_ISBLK(st->st_mode) ? "a block device"
                  : S_ISSOCK(st->st_mode) ? "a socket" : "not a plain file");
        free(*real);
        *real = NULL;
        return -1;
    }
    return 0;
}

int cli_output_not_input(const char *out, const char *inputs, int list)
{
    struct stat so, si;
    if (!inputs || stat(out, &so) != 0 || !S_ISREG(so.st_mode))
        return CLI_OK; /* a new path; anything else cli_check_output() refuses */
    for (const char *p = inputs;; p++) {
        size_t n = list ? strcspn(p, ",") : strlen(p);
        char *name = strndup(p, n);
        int same = name && strcmp(name, "-") != 0 && stat(name, &si) == 0 && si.st_dev == so.st_dev &&
                   si.st_ino == so.st_ino;
        if (same)
            cli_error("%s: is also an input (%s): refusing to write over it", out, name);
        free(name);
        if (same)
            return CLI_FAIL;
        p += n;
        if (!*p)
            return CLI_OK;
    }
}

/* The temporary file that exists now (at most one: set and cleared with the
 * signals below blocked), for the handler to remove when a signal ends the
 * command: a `train` interrupted during its final write left `.NAME.XXXXXX`. */
static const int temp_sigs[] = {SIGINT, SIGTERM, SIGHUP};
#define N_TEMP_SIGS (sizeof temp_sigs / sizeof temp_sigs[0])
static const char *volatile temp_live;
static struct sigaction temp_old[N_TEMP_SIGS];
static int temp_caught[N_TEMP_SIGS];

/* Async-signal-safe: remove the file, then die of the signal as before
 * (SA_RESETHAND gave it back its default action, SA_NODEFER lets it through). */
static void temp_on_signal(int sig)
{
    const char *t = temp_live;
    if (t)
        unlink(t);
    raise(sig);
}

static void temp_block(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < N_TEMP_SIGS; i++)
        sigaddset(&set, temp_sigs[i]);
    sigprocmask(SIG_BLOCK, &set, old);
}

/* Called with the signals blocked: @p tmp is the live temporary file; the
 * handler goes in for each signal not ignored (nohup, a background job). */
static void temp_track(const char *tmp)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = temp_on_signal;
    sa.sa_flags = SA_RESETHAND | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    temp_live = tmp;
    for (size_t i = 0; i < N_TEMP_SIGS; i++)
        temp_caught[i] = sigaction(temp_sigs[i], NULL, &temp_old[i]) == 0 && temp_old[i].sa_handler != SIG_IGN &&
                         sigaction(temp_sigs[i], &sa, NULL) == 0;
}

/* The temporary file @p tmp ends: renamed to @p real, or removed (@p real
 * NULL); the handlers as they were. rename()'s result, errno kept. */
static int temp_end(const char *tmp, const char *real)
{
    sigset_t old;
    int r, e;
    temp_block(&old);
    r = real ? rename(tmp, real) : unlink(tmp);
    e = errno;
    temp_live = NULL;
    for (size_t i = 0; i < N_TEMP_SIGS; i++)
        if (temp_caught[i])
            sigaction(temp_sigs[i], &temp_old[i], NULL);
    sigprocmask(SIG_SETMASK, &old, NULL); /* a signal that came meanwhile acts now, as it would have */
    errno = e;
    return r;
}

/* A temporary file beside @p real (so the rename stays on one file system),
 * opened in *fd and removed if a signal ends the command before temp_end();
 * its name to free, or NULL with a message naming @p path. */
static char *temp_beside(const char *path, const char *real, int *fd)
{
    const char *slash = strrchr(real, '/');
    size_t dl = slash ? (size_t)(slash - real) + 1 : 0;
    char *tmp = malloc(strlen(real) + 16);
    sigset_t old;
    *fd = -1;
    if (!tmp) {
        cli_error("out of memory");
        return NULL;
    }
    snprintf(tmp, strlen(real) + 16, "%.*s.%s.XXXXXX", (int)dl, real, real + dl);
    temp_block(&old); /* no signal between its creation and its record */
    if ((*fd = mkstemp(tmp)) >= 0)
        temp_track(tmp);
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (*fd < 0) {
        /* the file is written through a temporary one there: name the directory, not that file */
        int e = errno;
        const char *dir = dl ? tmp : ".";
        if (dl)
            tmp[dl > 1 ? dl - 1 : dl] = '\0'; /* "a/b/" -> "a/b"; "/" stays */
        if (e == ENOENT || e == ENOTDIR)
            cli_error("%s: cannot write it: there is no directory %s", path, dir);
        else
            cli_error("%s: cannot write in its directory %s: %s", path, dir, strerror(e));
        free(tmp);
        return NULL;
    }
    return tmp;
}

int cli_not_stdout(const char *path)
{
    struct stat so, si;
    int is_stdin = strcmp(path, "-") == 0;
    if (fstat(STDOUT_FILENO, &so) != 0 || !S_ISREG(so.st_mode) ||
        (is_stdin ? fstat(STDIN_FILENO, &si) : stat(path, &si)) != 0 || si.st_dev != so.st_dev ||
        si.st_ino != so.st_ino)
        return CLI_OK;
    cli_error("%s: is also the standard output: refusing to read a file while writing it", is_stdin ? "stdin" : path);
    return CLI_FAIL;
}

int cli_check_output(const char *path)
{
    char *real, *tmp;
    struct stat st;
    int exists, fd;
    if (output_target(path, &real, &st, &exists))
        return CLI_FAIL;
    tmp = temp_beside(path, real, &fd); /* a missing or unwritable directory, before any work */
    free(real);
    if (!tmp)
        return CLI_FAIL;
    close(fd);
    temp_end(tmp, NULL);
    free(tmp);
    return CLI_OK;
}

/* Test-only (tests/test_cli_errors.sh block 12): with STANCE_TEST_HOLD_TEMP set, a
 * write stops halfway, its temporary file there, until a signal ends it, so the
 * test kills a writer mid-way without a race. Never set it otherwise. */
static void test_hold_temp(void)
{
    if (getenv("STANCE_TEST_HOLD_TEMP"))
        for (;;)
            pause();
}

static int write_all(int fd, const char *tmp, const char *data, size_t size)
{
    for (size_t at = 0; at < size;) {
        ssize_t w = write(fd, data + at, size - at);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            cli_error("%s: write error: %s", tmp, w < 0 ? strerror(errno) : "no progress");
            return -1;
        }
        at += (size_t)w;
    }
    return 0;
}

int cli_write_file(const char *path, const void *data, size_t size)
{
    char *real = NULL, *tmp = NULL;
    struct stat st, now;
    int exists, fd = -1, rc = CLI_FAIL;
    mode_t mode;
    if (output_target(path, &real, &st, &exists))
        return CLI_FAIL;
    if (!(tmp = temp_beside(path, real, &fd)))
        goto out;
    if (exists) {
        mode = st.st_mode & 07777;
    } else {
        mode_t um = umask(0);
        umask(um);
        mode = 0666 & ~um;
    }
    if (fchmod(fd, mode) != 0) {
        cli_error("%s: %s", tmp, strerror(errno));
        goto fail;
    }
    if (write_all(fd, tmp, data, size / 2))
        goto fail;
    test_hold_temp();
    if (write_all(fd, tmp, (const char *)data + size / 2, size - size / 2))
        goto fail;
    if (fsync(fd) != 0 && errno != EINVAL && errno != EROFS) {
        cli_error("%s: %s", tmp, strerror(errno));
        goto fail;
    }
    if (close(fd) != 0) {
        fd = -1;
        cli_error("%s: %s", tmp, strerror(errno));
        goto fail;
    }
    fd = -1;
    /* Checked again just before the rename: the target may have changed while we wrote. */
    if (lstat(real, &now) == 0 ? !S_ISREG(now.st_mode) : errno != ENOENT) {
        cli_error("%s: no longer a regular file; refusing to replace it", path);
        goto fail;
    }
    if (temp_end(tmp, real) != 0) {
        cli_error("%s: %s", path, strerror(errno));
        temp_end(tmp, NULL);
        goto out;
    }
    rc = CLI_OK;
    goto out;
fail:
    if (fd >= 0)
        close(fd);
    temp_end(tmp, NULL);
out:
    free(tmp);
    free(real);
    return rc;
}

/* ---- numeric options ------------------------------------------------------------------- */

int cli_num_long(const char *cmd, const char *opt, const char *arg, long min, long max, long *out)
{
    char *end;
    long v;
    errno = 0;
    if (!*arg || !(*arg == '-' || *arg == '+' || (*arg >= '0' && *arg <= '9')))
        goto bad;
    v = strtol(arg, &end, 10);
    if (errno || *end || end == arg || v < min || v > max)
        goto bad;
    *out = v;
    return 0;
bad:
    cli_error("%s: %s takes a whole number from %ld to %ld, not '%s'", cmd, opt, min, max, arg);
    return -1;
}

int cli_num_double(const char *cmd, const char *opt, const char *arg, double min, double max, double *out)
{
    char *end;
    double v;
    errno = 0;
    if (!*arg || !(*arg == '-' || *arg == '+' || *arg == '.' || (*arg >= '0' && *arg <= '9')))
        goto bad;
    v = strtod(arg, &end);
    if (errno || *end || end == arg || !isfinite(v) || v < min || v > max)
        goto bad;
    *out = v;
    return 0;
bad:
    cli_error("%s: %s takes a number from %g to %g, not '%s'", cmd, opt, min, max, arg);
    return -1;
}

/* Why getopt_long() refused the option it just read, as "stance: CMD: ..."
 * (getopt's own message has no "stance: " and names the subcommand as if it
 * were the program). A long option's error leaves it at argv[optind - 1] with
 * optopt 0 (unknown, ambiguous) or its val; a short one's is optopt itself. */
static void option_error(const char *cmd, int argc, char **argv, const char *shortopts,
                         const struct option *longopts)
{
    const char *a = optind > 0 && optind <= argc ? argv[optind - 1] : "";
    if (!strncmp(a, "--", 2) && a[2]) {
        size_t n = strcspn(a + 2, "=");
        const struct option *hit = NULL;
        int matches = 0;
        for (const struct option *o = longopts; o->name; o++) {
            if (strncmp(o->name, a + 2, n) != 0)
                continue;
            hit = o;
            if (strlen(o->name) == n) { /* an exact name: no abbreviation counts */
                matches = 1;
                break;
            }
            matches++;
        }
        if (!optopt || (hit && matches == 1 && hit->val == optopt)) {
            if (matches > 1)
                cli_error("%s: ambiguous option '--%.*s' (see --help)", cmd, (int)n, a + 2);
            else if (!hit)
                cli_error("%s: unknown option '--%.*s' (see --help)", cmd, (int)n, a + 2);
            else if (a[2 + n] == '=' && hit->has_arg == no_argument)
                cli_error("%s: option '--%s' takes no argument (see --help)", cmd, hit->name);
            else
                cli_error("%s: option '--%s' needs an argument (see --help)", cmd, hit->name);
            return;
        }
    }
    if (optopt > 0 && optopt < 256 && optopt != ':' && strchr(shortopts, optopt))
        cli_error("%s: option '-%c' needs an argument (see --help)", cmd, optopt);
    else if (optopt > 32 && optopt < 127)
        cli_error("%s: unknown option '-%c' (see --help)", cmd, optopt);
    else
        cli_error("%s: unknown option '%s' (see --help)", cmd, a);
}

int cli_getopt(const char *cmd, int argc, char **argv, const char *shortopts, const struct option *longopts)
{
    int c;
    opterr = 0;
    c = getopt_long(argc, argv, shortopts, longopts, NULL);
    if (c == '?' || c == ':')
        option_error(cmd, argc, argv, shortopts, longopts);
    return c;
}

int cli_on_error(const char *cmd, const char *arg, cli_policy *p)
{
    if (!strcmp(arg, "skip"))
        *p = CLI_ON_ERROR_SKIP;
    else if (!strcmp(arg, "record"))
        *p = CLI_ON_ERROR_RECORD;
    else if (!strcmp(arg, "stop"))
        *p = CLI_ON_ERROR_STOP;
    else {
        cli_error("%s: --on-error is skip, record or stop, not '%s'", cmd, arg);
        return -1;
    }
    return 0;
}

/* ---- JSON lines out ------------------------------------------------------------------ */

int cli_put_json(json_t *o, size_t flags, const char *id_raw, size_t id_len)
{
    char *s = json_dumps(o, flags);
    if (!s) {
        cli_error("out of memory");
        return CLI_FAIL;
    }
    if (id_raw) {
        /* The id exactly as the input wrote it (a number keeps its digits),
         * spliced in front of the other members. */
        fputs("{\"id\":", stdout);
        fwrite(id_raw, 1, id_len, stdout);
        if (strcmp(s, "{}") != 0)
            putchar(',');
        fputs(s + 1, stdout);
    } else {
        fputs(s, stdout);
    }
    putchar('\n');
    free(s);
    return cli_out_failed() ? CLI_FAIL : CLI_OK;
}

int cli_put_error_record(const char *id_raw, size_t id_len, const char *file, size_t lineno, size_t offset,
                         const char *message)
{
    json_t *o = json_object(), *e = json_object();
    int rc = CLI_FAIL;
    if (!o || !e || json_object_set_new(o, "error", e)) {
        json_decref(o);
        cli_error("out of memory");
        return CLI_FAIL;
    }
    if (file) { /* a file name that is not UTF-8: U+FFFD for each bad byte, as in ids (callers pass cli_file_name()'s) */
        char *fixed = NULL;
        json_t *f = json_string(file);
        if (!f && (fixed = cli_file_name(file)))
            f = json_string(fixed);
        free(fixed);
        json_object_set_new(e, "file", f ? f : json_null());
    }
    if (lineno)
        json_object_set_new(e, "line", json_integer((json_int_t)lineno));
    if (offset != STANCE_NO_OFFSET)
        json_object_set_new(e, "offset", json_integer((json_int_t)offset));
    if (json_object_set_new(e, "message", json_string(message))) /* a message that is not UTF-8 */
        json_object_set_new(e, "message", json_string("(unprintable message)"));
    if (json_object_get(e, "message"))
        rc = cli_put_json(o, JSON_COMPACT | JSON_PRESERVE_ORDER, id_raw ? id_raw : "null", id_raw ? id_len : 4);
    else
        cli_error("out of memory");
    json_decref(o);
    return rc;
}
