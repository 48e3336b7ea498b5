#!/usr/bin/env python3
"""Check end-to-end label files against GUIDELINES.md and the PolNeAR text.

    bench/e2e/check_labels.py [--data DATA_DIR/polnear] bench/e2e/labels/dev-a.jsonl ...

Every line must parse as JSON and carry the fields of the format; spans must lie inside
the article (UTF-8 byte offsets on character boundaries, start < end) and not overlap;
every pair's actor must be one of the article's actors; enums and confidences must be
valid; the split and labeller must match the file name. Notes must not copy article text
(any run of six or more words of the article is refused; a speaker may be the article's own
description of them). Prints one line per problem and a summary; exits 1 when there is a
problem. Warnings (an actor no pair uses, a quote under five words, a quote nested in
another) do not fail.
"""
import argparse
import os
import re
import sys

import polnear

TYPES = {"direct", "partial"}
VIAS = {"name", "surname", "title", "epithet", "pronoun", "you", "object", "implicit"}
STANCES = {"favor", "against", "none"}
SENTIMENTS = {"positive", "negative", "neutral"}
CONFS = {1, 2, 3}
TOP = {"article", "split", "labeller", "actors", "quotes"}
QUOTE_KEYS = {"start", "end", "type", "speaker", "speaker_named", "speaker_aliases",
              "sentiment", "sentiment_conf", "pairs", "note"}
QUOTE_REQUIRED = QUOTE_KEYS - {"note"}
PAIR_KEYS = {"actor", "via", "stance", "conf", "note"}
PAIR_REQUIRED = PAIR_KEYS - {"note"}
COPY_WORDS = 6


def word_runs(text, n):
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


def copies_text(s, runs):
    words = re.findall(r"\w+", s.lower())
    return any(" ".join(words[i:i + COPY_WORDS]) in runs for i in range(len(words) - COPY_WORDS + 1))


class Checker:
    def __init__(self):
        self.errors = 0
        self.warnings = 0

    def err(self, where, msg):
        self.errors += 1
        print("ERROR %s: %s" % (where, msg))

    def warn(self, where, msg):
        self.warnings += 1
        print("warning %s: %s" % (where, msg))

    def conf(self, where, value, name):
        if not isinstance(value, int) or isinstance(value, bool) or value not in CONFS:
            self.err(where, "%s must be 1, 2 or 3, not %r" % (name, value))

    def strings(self, where, value, name):
        if not isinstance(value, list) or not all(isinstance(s, str) and s.strip() for s in value):
            self.err(where, "%s must be a list of non-empty strings" % name)
            return []
        return value

    def pair(self, where, p, names, runs):
        if not isinstance(p, dict):
            self.err(where, "pair is not an object")
            return
        for k in PAIR_REQUIRED - p.keys():
            self.err(where, "pair lacks %s" % k)
        for k in p.keys() - PAIR_KEYS:
            self.err(where, "unknown pair field %s" % k)
        if p.get("actor") not in names:
            self.err(where, "pair actor %r is not among the article's actors" % p.get("actor"))
        if p.get("via") not in VIAS:
            self.err(where, "via %r not one of %s" % (p.get("via"), sorted(VIAS)))
        if p.get("stance") not in STANCES:
            self.err(where, "stance %r not one of %s" % (p.get("stance"), sorted(STANCES)))
        self.conf(where, p.get("conf"), "conf")
        if isinstance(p.get("note"), str) and copies_text(p["note"], runs):
            self.err(where, "pair note copies article text")

    def quote(self, where, q, raw, names, runs):
        if not isinstance(q, dict):
            self.err(where, "quote is not an object")
            return None
        for k in QUOTE_REQUIRED - q.keys():
            self.err(where, "quote lacks %s" % k)
        for k in q.keys() - QUOTE_KEYS:
            self.err(where, "unknown quote field %s" % k)
        s, e = q.get("start"), q.get("end")
        span = None
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(raw)):
            self.err(where, "span [%r,%r) not inside the article (%d bytes)" % (s, e, len(raw)))
        else:
            try:
                content = raw[s:e].decode("utf-8")
                span = (s, e)
                if len(content.split()) < 5:
                    self.warn(where, "quote of %d words (guidelines: five or more)" % len(content.split()))
                if content != content.strip():
                    self.warn(where, "span starts or ends with white space")
            except UnicodeDecodeError:
                self.err(where, "span [%d,%d) cuts a UTF-8 character" % (s, e))
        if q.get("type") not in TYPES:
            self.err(where, "type %r not one of %s" % (q.get("type"), sorted(TYPES)))
        if not isinstance(q.get("speaker"), str) or not q.get("speaker", "").strip():
            self.err(where, "speaker must be a non-empty string")
        if not isinstance(q.get("speaker_named"), bool):
            self.err(where, "speaker_named must be true or false")
        aliases = self.strings(where, q.get("speaker_aliases"), "speaker_aliases")
        if q.get("sentiment") not in SENTIMENTS:
            self.err(where, "sentiment %r not one of %s" % (q.get("sentiment"), sorted(SENTIMENTS)))
        self.conf(where, q.get("sentiment_conf"), "sentiment_conf")
        if "note" in q and not isinstance(q["note"], str):
            self.err(where, "note must be a string")
        if isinstance(q.get("note"), str) and copies_text(q["note"], runs):
            self.err(where, "note copies article text")
        pairs = q.get("pairs")
        if not isinstance(pairs, list):
            self.err(where, "pairs must be a list")
            pairs = []
        seen = set()
        for k, p in enumerate(pairs):
            self.pair("%s pair %d" % (where, k + 1), p, names, runs)
            if isinstance(p, dict):
                if p.get("actor") in seen:
                    self.err(where, "two pairs for actor %r" % p.get("actor"))
                seen.add(p.get("actor"))
        return span, seen

    def article(self, where, obj, split, labeller, text):
        for k in TOP - obj.keys():
            self.err(where, "lacks %s" % k)
        for k in obj.keys() - TOP:
            self.err(where, "unknown field %s" % k)
        if obj.get("split") != split:
            self.err(where, "split %r but the file is for %r" % (obj.get("split"), split))
        if obj.get("labeller") != labeller:
            self.err(where, "labeller %r but the file is for %r" % (obj.get("labeller"), labeller))
        raw = text.encode("utf-8")
        runs = word_runs(text, COPY_WORDS)
        names = set()
        actors = obj.get("actors")
        if not isinstance(actors, list):
            self.err(where, "actors must be a list")
            actors = []
        for a in actors:
            if not isinstance(a, dict) or set(a.keys()) != {"name", "aliases"} or not isinstance(a.get("name"), str) or not a["name"].strip():
                self.err(where, "actor %r must be {name, aliases}" % (a,))
                continue
            if a["name"] in names:
                self.err(where, "actor %r listed twice" % a["name"])
            names.add(a["name"])
            self.strings(where, a["aliases"], "aliases of %s" % a["name"])
        quotes = obj.get("quotes")
        if not isinstance(quotes, list):
            self.err(where, "quotes must be a list")
            quotes = []
        spans, used = [], set()
        for k, q in enumerate(quotes):
            r = self.quote("%s quote %d" % (where, k + 1), q, raw, names, runs)
            if r:
                if r[0]:
                    spans.append(r[0])
                used |= r[1]
        spans.sort(key=lambda se: (se[0], -se[1]))
        for k, (s1, e1) in enumerate(spans):
            for s2, e2 in spans[k + 1:]:
                if s2 >= e1:
                    break
                if e2 <= e1:
                    self.warn(where, "quote [%d,%d) nested in [%d,%d)" % (s2, e2, s1, e1))
                else:
                    self.err(where, "quotes [%d,%d) and [%d,%d) overlap" % (s1, e1, s2, e2))
        for n in sorted(names - used):
            self.warn(where, "actor %r has no pair" % n)
        return len(quotes), sum(len(q.get("pairs", [])) for q in quotes if isinstance(q, dict))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="/work/shared/data/polnear",
                    help="directory with PolNeAR dev.jsonl and train.jsonl")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    c = Checker()
    total = [0, 0, 0]
    for path in args.files:
        m = re.match(r"(dev|train)-(\w+)\.jsonl$", os.path.basename(path))
        if not m:
            c.err(path, "file name must be <split>-<labeller>.jsonl")
            continue
        split, labeller = m.groups()
        objs = []
        for where, o, problem in polnear.label_lines(path):
            if problem:
                c.err(where, problem)
            else:
                objs.append((where, o))
        wanted = {o.get("article") for _, o in objs if isinstance(o, dict)}
        texts = polnear.texts(args.data, split, wanted)
        seen = set()
        for where, o in objs:
            if not isinstance(o, dict):
                c.err(where, "not a JSON object")
                continue
            aid = o.get("article")
            if aid in seen:
                c.err(where, "article %s labelled twice" % aid)
            seen.add(aid)
            if aid not in texts:
                c.err(where, "article %r not in %s/%s.jsonl" % (aid, args.data, split))
                continue
            nq, npairs = c.article("%s %s" % (where, aid), o, split, labeller, texts[aid])
            total[0] += 1
            total[1] += nq
            total[2] += npairs
    print("%d articles, %d quotes, %d pairs: %d errors, %d warnings"
          % (total[0], total[1], total[2], c.errors, c.warnings))
    return 1 if c.errors else 0


if __name__ == "__main__":
    sys.exit(main())
