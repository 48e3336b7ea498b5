"""HTML reports: the page of ``stance classify --format html``, for Python results.

One renderer: the C file behind the CLI (src/html.c), compiled into the extension.
It reads the CLI's JSON records, which ``stance.jsonl.record`` builds from a Result.

    >>> page = stance.render_html(model.classify(text))           # one article
    >>> page = stance.render_html([r1, r2], ids=["a", "b"])       # several: index + summary
    >>> stance.report.render_jsonl("out.jsonl", "in.jsonl", "report.html")  # saved CLI output

In Jupyter a Result shows itself as this report (``Result._repr_html_``).
"""
import json

from . import _stance
from ._base import Result
from .jsonl import record

__all__ = ["render_html", "render_jsonl"]


def _record_id(rec, lineno):
    """An input record's id as the CLI names its output: a string id, an integer id as
    text, else the 1-based line number."""
    rid = rec.get("id")
    if isinstance(rid, str):
        return rid
    if isinstance(rid, int) and not isinstance(rid, bool):
        return str(rid)
    return str(lineno)


def _text_of(texts, i, rid):
    if texts is None:
        return None
    if isinstance(texts, dict):
        return texts.get(rid)
    return texts[i]


def render_html(results, texts=None, *, ids=None, title=None, fragment=False, prefix=None):
    """The report page (a str) for one Result or a list of them.

    ``results``: a Result from Model.classify / classify_many (it remembers its text), or a
    list of them, or CLI records (dicts as ``stance classify --jsonl`` prints them, e.g.
    ``json.loads`` of each output line). ``texts``: the article texts, a list parallel to
    ``results`` or a dict id -> text; needed for records, optional for Results.
    ``ids``: article names (default: a record's "id", else "article N").
    ``fragment=True`` gives a <style> + <div> fragment for embedding (its CSS applies to
    that div only); ``prefix`` then keeps element ids apart from other fragments.
    Raises ValueError on a record whose spans do not fit its text.
    """
    if isinstance(results, (Result, dict)):
        results = [results]
        if texts is not None and not isinstance(texts, dict):
            texts = [texts]
    items = []
    for i, r in enumerate(results):
        rid = ids[i] if ids is not None else (r.get("id") if isinstance(r, dict) else None)
        if isinstance(r, dict):
            rec = r
            text = _text_of(texts, i, rid)
        else:
            rec = record(r)  # its "cue_span" marks the cue where the library found it
            text = _text_of(texts, i, rid)
            if text is None:
                text = getattr(r, "text", None)
        if text is None:
            raise ValueError("article %d%s: no text (pass texts=)" % (i + 1, "" if rid is None else " (%s)" % rid))
        items.append((None if rid is None else str(rid), text, json.dumps(rec)))
    return _stance._render_html(items, title=title, prefix=prefix, fragment=fragment)


def render_jsonl(output_path, input_path, html_path=None, title=None):
    """Re-render saved ``stance classify --jsonl`` output: ``output_path`` holds the
    records, ``input_path`` the input records ({"id", "text"}) they came from, matched by
    id as the CLI assigns them. Writes ``html_path`` when given; returns the page.
    The saved numbers have 6 significant digits: a bar width or a contribution at a
    rounding edge may differ in its last digit from the CLI's ``--format html`` page."""
    texts = {}
    with open(input_path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if line.strip():
                rec = json.loads(line)
                texts[_record_id(rec, lineno)] = rec["text"]
    records = []
    with open(output_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                records.append(json.loads(line))
    missing = [r.get("id") for r in records if r.get("id") not in texts]
    if missing:
        raise ValueError("%d record(s) without a text in %s, first id %r" % (len(missing), input_path, missing[0]))
    page = render_html(records, texts, title=title)
    if html_path is not None:
        with open(html_path, "w", encoding="utf-8") as f:
            f.write(page)
    return page
