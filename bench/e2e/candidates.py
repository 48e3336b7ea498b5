#!/usr/bin/env python3
"""Show one PolNeAR article for labelling: numbered paragraphs with byte offsets, then
every passage inside double quote marks with its byte span and word count.

    bench/e2e/candidates.py DATA_DIR/polnear/dev.jsonl ARTICLE-ID [--min-words 5]

It scans quote marks only (curly and straight double quotes); it never runs libstance,
so using it keeps the labelling blind. Spans are UTF-8 byte offsets [start, end) of the
content, quote marks excluded, as in the PolNeAR gold. A paragraph that ends inside an
open quote and is followed by a paragraph that opens with a mark continues the same
quote (the newspaper convention), so the two pieces form one span.
"""
import argparse
import re

import polnear

OPEN = {"\u201c", '"'}
CLOSE = {"\u201d", '"'}


def paragraphs(text):
    """(start, end) character ranges of the non-empty paragraphs."""
    out, pos = [], 0
    for m in re.finditer(r"\n\s*\n|\n", text):
        if text[pos:m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


def passages(text, paras):
    """Quoted passages as character ranges of their content, in text order."""
    out = []
    carry = None  # start of a quote left open at the end of the previous paragraph
    for ps, pe in paras:
        i = ps
        if carry is not None and text[ps] not in OPEN:
            out.append((carry, prev_end))  # noqa: F821 (set below before use)
            carry = None
        open_at = None
        while i < pe:
            ch = text[i]
            if open_at is None and ch in OPEN:
                open_at = i + 1
            elif open_at is not None and ch in CLOSE and (ch != '"' or i > open_at):
                start = carry if carry is not None and open_at == ps + 1 else open_at
                out.append((start, i))
                carry = None
                open_at = None
            i += 1
        if open_at is not None:
            carry = carry if carry is not None and open_at == ps + 1 else open_at
            prev_end = pe.__index__()
            while prev_end > open_at and text[prev_end - 1].isspace():
                prev_end -= 1
        elif carry is not None:
            carry = None
    if carry is not None:
        out.append((carry, prev_end))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data")
    ap.add_argument("id")
    ap.add_argument("--min-words", type=int, default=5)
    args = ap.parse_args()
    art = polnear.read(args.data, [args.id]).get(args.id)
    if art is None:
        raise SystemExit("no article %s in %s" % (args.id, args.data))
    text = art["text"]
    # character index -> byte offset
    boff = [0] * (len(text) + 1)
    b = 0
    for k, ch in enumerate(text):
        boff[k] = b
        b += len(ch.encode("utf-8"))
    boff[len(text)] = b
    paras = paragraphs(text)
    print("# %s (%s, %s): %d paragraphs, %d bytes" % (art["id"], art["publisher"], art["date"], len(paras), b))
    for n, (ps, pe) in enumerate(paras, 1):
        print("P%d @%d: %s" % (n, boff[ps], text[ps:pe]))
    print()
    n = 0
    for s, e in passages(text, paras):
        words = len(text[s:e].split())
        if words < args.min_words:
            continue
        n += 1
        para = next(k for k, (ps, pe) in enumerate(paras, 1) if ps <= s < pe)
        print("Q%d [%d,%d) P%d %d words: %s" % (n, boff[s], boff[e], para, words, text[s:e]))


if __name__ == "__main__":
    main()
