"""JSONL in, JSONL out: the same records as ``stance classify --jsonl``.

Input records are ``{"id": ..., "text": ..., "actors": [...]}`` (actors as names
or ``{"name", "aliases", "side"}``); output records are the CLI's JSON objects
(``{"id", "quotes", "actors"}``) with *byte* offsets, so a Python pipeline and
the CLI produce interchangeable files.

An actor's "side" is read as the CLI reads it: a string or null (null, "" and
white space alone unknown, any other string a label, compared without the white
space around it); anything else makes an error record. Once a record gives a side (null included), each of its stances
carries "relation" when it is known, as the CLI's do.

A record's "discover_others" and "mentioned_only" (true, false or null; anything
else makes an error record) set ``discover_others=`` and ``mentioned_only=`` of
Model.classify_many for that record, as the CLI's --jsonl reads them; null or
absent: the options given.
"""
import errno
import json
import os
import secrets
import stat
import warnings

__all__ = ["record", "classify_records", "classify_file", "dumps", "error_record", "RecordError", "RecordWarning"]

_WHERE = {"quote": "quote", "attribution": "attribution", "none": "none"}
_RECORD_OPTIONS = ("discover_others", "mentioned_only")  # a record's own, over the options (the CLI's --jsonl)


def _decision(d):
    if d is None:
        return None
    out = {"label": d.label, "confidence": d.confidence, "probs": dict(d.probs)}
    if d.explain:
        out["explain"] = [{"feature": f, "contribution": c} for f, c in d.explain]
    return out


def _span(s):
    return None if s is None else [s[0], s[1]]


def record(result, id=None):
    """The CLI's JSON object (a dict) for one classified text (a stance.Result)."""
    quotes = []
    for q in result:
        if q.speaker is not None:
            sb = q.speaker_byte_span or (None, None)
            speaker = {"name": q.speaker, "start": sb[0], "end": sb[1], "role": q.speaker_role}
        else:
            speaker = None
        stances = []
        for t in q.targets:
            d = _decision(t.stance)
            if d is None:
                continue
            d["actor"] = t.actor
            d["where"] = t.where
            d["mentions"] = [_span(m) for m in t.byte_mentions]
            d["kinds"] = list(t.kinds)
            d["rules"] = list(t.rules)
            d["why"] = list(t.why)
            if t.relation is not None:
                d["relation"] = t.relation
            stances.append(d)
        quotes.append({
            "start": q.byte_span[0], "end": q.byte_span[1], "text": q.text, "type": q.type,
            "speaker": speaker, "cue": q.cue, "cue_span": _span(q.cue_byte_span), "rule": q.rule, "sentiment": _decision(q.sentiment), "stances": stances,
        })
    actors = [{"name": e.name, "discovered": bool(e.discovered), "mentions": [_span(m) for m in e.byte_mentions],
               "all_mentions": [{"start": a, "end": b, "kind": k, "rule": r} for a, b, k, r in e.byte_all_mentions]}
              for e in result.entities]
    out = {}
    if id is not None:
        out["id"] = id
    out["quotes"] = quotes
    out["actors"] = actors
    return out


def dumps(obj):
    """One compact, ASCII-only JSON line (no newline)."""
    return json.dumps(obj, ensure_ascii=True, separators=(",", ":"))


class RecordError(ValueError):
    """A bad input record under ``on_error="stop"``: ``.line`` (1-based) and ``.message``."""

    def __init__(self, line, message):
        super().__init__("line %d: %s" % (line, message))
        self.line = line
        self.message = message


class RecordWarning(UserWarning):
    """A bad input record that was recorded or skipped, when no ``bad_records`` list was given."""


class _Raw(str):
    """A JSON number exactly as written (the CLI reproduces ids byte for byte)."""


_POLICIES = ("record", "skip", "stop")


def _decode(raw, lineno):
    """One input line (bytes) -> (str, None) or (None, message); BOM on line 1 and CRLF dropped, as the CLI does."""
    if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.endswith(b"\n"):
        raw = raw[:-1]
    if raw.endswith(b"\r"):
        raw = raw[:-1]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as e:
        return None, "not UTF-8 (byte %d)" % e.start


def _is_str(v):
    """A JSON string (a number is parsed as _Raw, a str too)."""
    return isinstance(v, str) and not isinstance(v, _Raw)


def _parse(line):
    """(record, raw id text or None, message or None) for one JSONL line, the CLI's checks."""
    try:
        rec = json.loads(line, parse_int=_Raw, parse_float=_Raw)
    except ValueError as e:
        msg = getattr(e, "msg", str(e))
        col = getattr(e, "colno", None)
        return None, None, "malformed JSON: %s" % msg + (" (column %d)" % col if col else "")
    if not isinstance(rec, dict):
        return None, None, "not a JSON object"
    rid = None
    if "id" in rec:
        v = rec["id"]
        if isinstance(v, _Raw):
            rid = str(v)
        elif isinstance(v, (dict, list)):
            rid = dumps(json.loads(line)["id"])
        else:
            rid = dumps(v)
    if not _is_str(rec.get("text")):
        return None, rid, 'record has no "text" string'
    actors = rec.get("actors")
    if actors is not None:
        if not isinstance(actors, list):
            return None, rid, '"actors" must be an array'
        for i, a in enumerate(actors):
            name = a.get("name") if isinstance(a, dict) else a
            if not _is_str(name):
                return None, rid, 'actors[%d]: an actor is a string or {"name": string, "aliases": [strings]}' % i
            if not name.replace("\u00a0", " ").strip(" \t\n\r\v\f") or "\0" in name:
                return None, rid, "actors[%d]: the name is empty, only white space, or holds a NUL" % i
            if isinstance(a, dict):
                sd = a.get("side")
                if sd is not None and (not _is_str(sd) or "\0" in sd):
                    return None, rid, 'actors[%d]: "side" must be a string without NUL, or null' % i
                al = a.get("aliases")
                if al is not None and not isinstance(al, list):
                    return None, rid, 'actors[%d]: "aliases" must be an array of strings' % i
                for k, x in enumerate(al or ()):
                    if not _is_str(x) or not x.replace("\u00a0", " ").strip(" \t\n\r\v\f") or "\0" in x:
                        return None, rid, "actors[%d].aliases[%d]: an alias is a non-blank string" % (i, k)
    for key in _RECORD_OPTIONS:
        if rec.get(key) is not None and not isinstance(rec[key], bool):
            return None, rid, '"%s" must be true, false or null' % key
    return rec, rid, None


def _record_id(rec, lineno):
    """The id the CLI writes back for a parsed record: its "id" as given, else the 1-based line number as a string."""
    if "id" in rec:
        return rec["id"]
    return str(lineno)


def _value(raw_id):
    """The Python value of a raw id (numbers as int or float)."""
    return json.loads(raw_id)


def _stream(model, lines, threads, batch, actors, on_error, options, binary):
    """Yield (raw_id, line, dict-or-None, error-message-or-None) per record, in input order."""
    if on_error not in _POLICIES:
        raise ValueError("on_error must be one of %s" % ", ".join(_POLICIES))
    pending = []

    def own_options(rec):
        own = dict(options)
        for key in _RECORD_OPTIONS:
            if rec.get(key) is not None:
                own[key] = rec[key]
        return own

    def flush():
        # one classify_many() per set of options among the batch's records, the results back in order
        groups = {}
        for k, (_, _, r) in enumerate(pending):
            own = own_options(r)
            groups.setdefault(tuple(sorted(own.items())), (own, []))[1].append(k)
        results = [None] * len(pending)
        for own, ks in groups.values():
            items = [{"text": pending[k][2]["text"], "actors": pending[k][2].get("actors") or actors} for k in ks]
            for k, res in zip(ks, model.classify_many(items, threads=threads, errors="return", **own)):
                results[k] = res
        for (rid, lineno, _), res in zip(pending, results):
            if isinstance(res, Exception):
                msg = str(res.args[1]) if len(res.args) > 1 else str(res)
                if len(res.args) > 2 and res.args[2] is not None:
                    msg += " (byte %d)" % res.args[2]
                yield rid, lineno, None, msg
            else:
                yield rid, lineno, record(res), None
        pending.clear()

    for lineno, line in enumerate(lines, 1):
        err = None
        rid = None
        if binary or isinstance(line, bytes):
            line, err = _decode(line, lineno)
        elif lineno == 1 and line.startswith("\ufeff"):
            line = line[1:]
        if err is None:
            if not line.strip(" \t\r\n"):
                continue
            rec, rid, err = _parse(line)
        if err is not None:
            yield from flush()
            yield rid, lineno, None, err
            continue
        if rid is None:
            rid = dumps(str(lineno))
        pending.append((rid, lineno, rec))
        if len(pending) >= batch:
            yield from flush()
    yield from flush()


def error_record(raw_id, line, message):
    """The error record of the "record" policy, as a dict: {"id", "error": {"line", "message"}}."""
    return {"id": None if raw_id is None else _value(raw_id), "error": {"line": line, "message": message}}


def classify_records(model, lines, threads=1, batch=256, actors=None, on_error="record", bad_records=None, **options):
    """Classify JSONL lines (an iterable of str or bytes); yield output records (dicts) in order.

    Blank lines are skipped; ids are as the record gives them (else the 1-based
    line number, as a string), like the CLI. A bad record (malformed JSON, no
    "text", a blank actor name, aliases not a list, a "side" neither a string
    nor null, text or a side the library refuses)
    is handled by ``on_error``, the CLI's ``--on-error``: "record" (default)
    yields ``{"id", "error": {"line", "message"}}`` in its place, "skip" leaves
    it out, "stop" raises RecordError. Each bad record is appended to
    ``bad_records`` (a list of (line, message)) when given, else reported as a RecordWarning.
    ``options`` are passed to Model.classify_many (explain, indirect, ...).
    """
    for rid, lineno, out, err in _stream(model, lines, threads, batch, actors, on_error, options, False):
        if err is None:
            yield dict({"id": _value(rid)}, **out)
            continue
        _report(lineno, err, on_error, bad_records, "")
        if on_error == "record":
            yield error_record(rid, lineno, err)


def _report(lineno, err, on_error, bad_records, where):
    if on_error == "stop":
        raise RecordError(lineno, err)
    if bad_records is not None:
        bad_records.append((lineno, err))
    else:
        warnings.warn("%sline %d: %s" % (where, lineno, err), RecordWarning, stacklevel=4)


def _check_target(dst):
    """The CLI's rule for output files: a new path or a regular file (through a symlink too)."""
    real = os.path.realpath(dst)
    if os.path.lexists(dst) and not os.path.exists(real):
        raise OSError(errno.ENOENT, "a symbolic link to nothing; refusing to replace it", dst)
    if os.path.exists(real) and not stat.S_ISREG(os.stat(real).st_mode):
        raise OSError(errno.EINVAL, "not a regular file; refusing to replace it", dst)
    return real


def _new_name(directory, base, make):
    """make(path) on a fresh ".BASE.XXXXXXXX" path in directory (retried while the name is taken); (its value, path)."""
    for _ in range(100):
        path = os.path.join(directory, ".%s.%s" % (base, secrets.token_hex(4)))
        try:
            return make(path), path
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", directory)


def _temp_beside(real):
    """A file in real's directory opened for writing: (fd, its name or None).

    Where the system allows it (Linux: O_TMPFILE, and /proc for linkat) the file
    has no name until _publish() gives it one, so however the process ends,
    SIGTERM or SIGKILL included, nothing is left. Elsewhere it is named
    ".NAME.XXXXXXXX" and only an exception (KeyboardInterrupt included) removes it.
    The mode is the one a new file gets (0666 less the umask, applied by the kernel).
    """
    directory = os.path.dirname(real) or "."
    if hasattr(os, "O_TMPFILE") and os.path.isdir("/proc/self/fd"):
        try:
            return os.open(directory, os.O_TMPFILE | os.O_WRONLY, 0o666), None
        except OSError as e:
            if e.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
                raise  # a missing or unwritable directory: as the named file would fail
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY
    return _new_name(directory, os.path.basename(real), lambda p: os.open(p, flags, 0o666))


def _publish(fd, name, real, dst):
    """Put the complete file open at fd (named name, or unnamed) at real, over a regular file there."""
    if os.path.exists(real):
        os.fchmod(fd, os.stat(real).st_mode & 0o7777)
    _check_target(dst)
    if name is None:
        # link(2) does not follow /proc/self/fd/N to the open file; linkat(2) with
        # AT_SYMLINK_FOLLOW does, and os.link() calls it when given a directory fd
        proc = "/proc/self/fd/%d" % fd
        dfd = os.open(os.path.dirname(real) or ".", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            def link(path):
                os.link(proc, os.path.basename(path), src_dir_fd=dfd, dst_dir_fd=dfd, follow_symlinks=True)

            try:
                link(real)  # a new path: named complete in one step
                return
            except FileExistsError:
                pass
            # linkat() does not replace: a name beside it, then rename() over the old file
            # (a signal that kills the process between these two calls leaves that name)
            _, name = _new_name(os.path.dirname(real) or ".", os.path.basename(real), link)
        finally:
            os.close(dfd)
    try:
        os.replace(name, real)
    except BaseException:
        _unlink_quietly(name)
        raise


def _unlink_quietly(path):
    try:
        os.unlink(path)
    except OSError:
        pass


def classify_file(model, src, dst, threads=1, batch=256, on_error="record", bad_records=None, **options):
    """Classify the JSONL file ``src`` into ``dst`` (paths); return the number of lines written.

    Output lines are the CLI's, byte for byte in their ids. Bad records follow
    ``on_error`` as in classify_records (with their line number in ``src``).
    ``dst`` must be a new path or a regular file (a device, FIFO or directory is
    refused). The output is written to a file in ``dst``'s directory that gets
    the name ``dst`` only when complete, so ``dst`` is never half written: an
    exception (KeyboardInterrupt included) leaves it as it was and removes the
    file being written. On Linux that file has no name while it is written
    (O_TMPFILE), so a process killed meanwhile, by SIGTERM or even SIGKILL, leaves
    nothing either; elsewhere a signal whose default action kills the process
    leaves a ``.NAME.XXXXXXXX`` there. No signal handler is installed: the
    function can run in any thread, and the process's signal handling stays yours.
    """
    real = _check_target(dst)
    n = 0
    fd, tmp = _temp_beside(real)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fout, open(src, "rb") as fin:
            for rid, lineno, out, err in _stream(model, fin, threads, batch, None, on_error, options, True):
                if err is not None:
                    _report(lineno, err, on_error, bad_records, "%s: " % src)
                    if on_error != "record":
                        continue
                    out = {"error": {"line": lineno, "message": err}}
                    rid = rid or "null"
                body = dumps(out)
                fout.write('{"id":' + rid + ("," + body[1:] if body != "{}" else "}"))
                fout.write("\n")
                n += 1
            fout.flush()
            os.fsync(fout.fileno())
            _publish(fout.fileno(), tmp, real, dst)
            tmp = None
    finally:
        if tmp is not None:
            _unlink_quietly(tmp)
    return n
