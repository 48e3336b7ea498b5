"""JSONL in, JSONL out: the same records as ``stance classify --jsonl``.

Input records are ``{"id": ..., "text": ..., "actors": [...]}`` (actors as names
or ``{"name", "aliases"}``); output records are the CLI's JSON objects
(``{"id", "quotes", "actors"}``) with *byte* offsets, so a Python pipeline and
the CLI produce interchangeable files.
"""
import json

__all__ = ["record", "classify_records", "classify_file", "dumps"]

_WHERE = {"quote": "quote", "attribution": "attribution", "none": "none"}


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
            stances.append(d)
        quotes.append({
            "start": q.byte_span[0], "end": q.byte_span[1], "text": q.text, "type": q.type,
            "speaker": speaker, "cue": q.cue, "sentiment": _decision(q.sentiment), "stances": stances,
        })
    actors = [{"name": e.name, "discovered": bool(e.discovered), "mentions": [_span(m) for m in e.byte_mentions]}
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


def _record_id(rec, lineno):
    rid = rec.get("id")
    if isinstance(rid, str):
        return rid
    if isinstance(rid, int) and not isinstance(rid, bool):
        return str(rid)
    return str(lineno)


def classify_records(model, lines, threads=1, batch=256, actors=None, **options):
    """Classify JSONL lines (an iterable of str); yield output records (dicts) in order.

    Blank lines are skipped; ids follow the CLI (string id, integer id as text,
    else the 1-based line number). A malformed line raises ValueError.
    ``options`` are passed to Model.classify_many (explain, indirect, ...).
    """
    pending = []

    def flush():
        items = [{"text": r["text"], "actors": r.get("actors") or actors} for _, r in pending]
        results = model.classify_many(items, threads=threads, **options)
        for (rid, _), res in zip(pending, results):
            yield record(res, rid)
        pending.clear()

    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        rec = json.loads(line)
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            raise ValueError("line %d: a record needs a \"text\" string" % lineno)
        pending.append((_record_id(rec, lineno), rec))
        if len(pending) >= batch:
            yield from flush()
    if pending:
        yield from flush()


def classify_file(model, src, dst, threads=1, batch=256, **options):
    """Classify the JSONL file ``src`` into ``dst`` (paths); return the number of records."""
    n = 0
    with open(src, encoding="utf-8") as fin, open(dst, "w", encoding="utf-8") as fout:
        for rec in classify_records(model, fin, threads=threads, batch=batch, **options):
            fout.write(dumps(rec))
            fout.write("\n")
            n += 1
    return n
