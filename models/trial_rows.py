#!/usr/bin/env python3
"""Training rows from our own blind user trials (invented news stories, tests/data/usertest*).

usage: trial_rows.py --task stance|sentiment [--repeat N] [--min-conf C] [--class-repeat L=N,... | --match-mix ROWS]
                     DIR[:ALIASES] [DIR[:ALIASES] ...] > rows.jsonl

Each DIR holds NAME.txt (a story we wrote) and NAME.expect.md (its blind labels: quotes by a snippet
of their text, speaker, sentiment, the stance toward each actor, pair_via / pair_conf lines);
ALIASES is its bench/usertest/aliases*.txt (Name|Alias|Alias lines). The rows are those
models/e2e_rows.py writes for the PolNeAR train labels, in the same format:

  stance:    one row per gold (quote, actor) pair: text = the quote's bytes, target = the actor,
             target_spans = where the quote names it (full name, an alias, the surname) or, when the
             pair's via is "pronoun", the quote's third-person pronouns (e2e_rows.find_spans());
             label = favor | against | none.
  sentiment: one row per quote: text = the quote, label = positive | negative | neutral.

The quote's bytes: the expect file gives a snippet; it is found in NAME.txt with score.py's
normalisation (case, quote marks and runs of non-word characters ignored) and widened to the
quotation marks around it on its line (the quoted segment, as the PolNeAR labels' offsets are); a
snippet outside marks (an indirect quote) is its own text. Snippets not found are counted on stderr
and skipped. "group" = TRIAL/NAME:START-END (bytes of NAME.txt) keeps a quote's rows in one
calibration fold. --min-conf C drops pairs (stance) or quotes (sentiment) whose labeller's
confidence is below C (default 1: every row, as e2e_rows.py keeps them all).

Class weights (integer copies per label, deterministic; --repeat multiplies them): --class-repeat
none=5,favor=1 writes every row of label L N times (labels not named: 1). --match-mix ROWS computes the
copies from two label distributions only, so that the trial rows' label mix matches that of ROWS (e.g.
models/e2e_rows.py's PolNeAR train rows of the same task): with p(L) the share of L in ROWS and q(L) in
the trial rows written, r(L) = p(L) / q(L); the label of smallest r gets 1 copy and every other label
round(r(L) / min r) (labels absent from either side: 1). The copies are printed on stderr.

Trials 11 and later are the held-out checks of the stance head: refused (HELD_OUT_FROM).
Deterministic output (argument order, file order). Only the Python standard library.
"""
import argparse
import glob
import json
import math
import os
import re
import sys
import unicodedata
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "bench", "usertest"))
from e2e_rows import find_spans, name_keys  # noqa: E402
from score import norm, parse_expect, read_aliases  # noqa: E402

# the blind trials from this number on are held out (scored, never trained on, never read)
HELD_OUT_FROM = 11
OPEN_CLOSE = "\"\u201c\u201d"


def trial_number(d):
    m = re.fullmatch(r"usertest(\d*)", os.path.basename(os.path.normpath(d)))
    return (int(m.group(1)) if m.group(1) else 1) if m else None


def pair_lines(path):
    """{quote id: {"via": [values], "conf": [values]}}: the raw pair_via / pair_conf lines of an expect file
    (parse_expect() keeps only the last line of each key); pair_info() reads them."""
    out, q = {}, None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("## "):
            q = out.setdefault(line[3:].strip(), {"via": [], "conf": []})
        elif q is not None and (line.startswith("pair_via:") or line.startswith("pair_conf:")):
            key, v = line.split(":", 1)
            q[key[5:]].append(v.strip())
    return out


def pair_info(lines, actor):
    """{"via": ..., "conf": ...} of @actor from a quote's pair_lines(): a line names one pair ("Ellen Kessler
    surname") or several, comma-separated ("Sabine Hollister 2, Varno Port Holdings 3"); the actor is found by
    its full name (a name may hold a comma), its value is the word after it."""
    info = {}
    for key, vals in (lines or {}).items():
        for v in vals:
            m = re.search(r"(?:^|, )" + re.escape(actor) + r" (\S+?)(?=,|$)", v)
            if m:
                info[key] = m.group(1)
    return info


def normalised(text):
    """norm(@text) char by char, with the index in @text of each normalised character."""
    out, idx = [], []
    space = True
    for i, ch in enumerate(text):
        if ch in "\"'\u2018\u2019\u201c\u201d":
            continue
        c = ch.lower()
        if re.match(r"\w", c):
            out.append(c)
            idx.append(i)
            space = False
        elif not space:
            out.append(" ")
            idx.append(i)
            space = True
    return "".join(out), idx


def locate(text, ntext, idx, snippet):
    """(start, end) in characters of @text of the quoted segment that holds @snippet, or None."""
    s = norm(snippet)
    at = re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", ntext) if s else None
    if not at:
        return None
    a, b = idx[at.start()], idx[at.end() - 1] + 1
    lo = text.rfind("\n", 0, a) + 1
    hi = text.find("\n", b)
    hi = len(text) if hi < 0 else hi
    marks = [i for i in range(lo, hi) if text[i] in OPEN_CLOSE]
    for o, c in zip(marks[0::2], marks[1::2] + [hi]):
        if o < a and b <= c:
            return o + 1, c
    return a, b


def parse_class_repeat(spec):
    out = {}
    for part in spec.split(","):
        label, _, n = part.partition("=")
        if not label.strip() or not n.strip().isdigit() or int(n) < 1:
            sys.exit("trial_rows.py: --class-repeat wants LABEL=N[,LABEL=N...] with N >= 1, not %r" % spec)
        out[label.strip()] = int(n)
    return out


def match_mix(rows, path):
    """{label: copies} so that @rows' label mix matches that of the rows file @path (see the usage)."""
    want, have = {}, {}
    for line in open(path, encoding="utf-8"):
        if line.strip():
            lab = json.loads(line)["label"]
            want[lab] = want.get(lab, 0) + 1
    for r in rows:
        have[r["label"]] = have.get(r["label"], 0) + 1
    both = sorted(set(want) & set(have))
    if not both:
        return {}
    nw, nh = sum(want[k] for k in both), sum(have[k] for k in both)
    ratio = {k: Fraction(want[k] * nh, nw * have[k]) for k in both}  # exact: 1.5 rounds up, not to 1.4999
    low = min(ratio.values())
    return {k: max(1, math.floor(ratio[k] / low + Fraction(1, 2))) for k in both}


def rows_of(task, spec, min_conf, stats):
    d, _, apath = spec.partition(":")
    n = trial_number(d)
    if n is not None and n >= HELD_OUT_FROM:
        sys.exit("trial_rows.py: %s is a held-out trial (%d >= %d): never a training row" % (d, n, HELD_OUT_FROM))
    aliases = read_aliases(apath)
    tag = os.path.basename(os.path.normpath(d))
    for exp in sorted(glob.glob(os.path.join(d, "*.expect.md"))):
        name = os.path.basename(exp)[:-len(".expect.md")]
        text = unicodedata.normalize("NFC", open(os.path.join(d, name + ".txt"), encoding="utf-8").read())
        ntext, idx = normalised(text)
        art = parse_expect(exp)
        extra = pair_lines(exp)
        for q in art["quotes"]:
            stats["quotes"] += 1
            at = locate(text, ntext, idx, q.get("quote", ""))
            if at is None:
                stats["not found"] += 1
                print("trial_rows.py: %s/%s %s: snippet not found: %s" % (tag, name, q["id"], q.get("quote")),
                      file=sys.stderr)
                continue
            qt = text[at[0]:at[1]]
            start = len(text[:at[0]].encode("utf-8"))
            group = "%s/%s:%d-%d" % (tag, name, start, start + len(qt.encode("utf-8")))
            base = "trial-%s-%s-%s" % (tag, name, q["id"])
            if task == "sentiment":
                if int(q.get("sentiment_conf", 3)) >= min_conf:
                    yield {"id": base, "task": "sentiment", "text": qt, "label": q["sentiment"], "group": group}
                continue
            for actor, label in q["pairs"].items():
                info = pair_info(extra.get(q["id"]), actor)
                if int(info.get("conf", 3)) < min_conf:
                    continue
                keys = name_keys({"name": actor, "aliases": aliases.get(actor, [])})
                spans = find_spans(qt.encode("utf-8"), keys, info.get("via") == "pronoun")
                stats["pairs"] += 1
                stats["pairs with spans"] += bool(spans)
                yield {"id": "%s-%s" % (base, actor), "task": "stance", "text": qt, "target": actor,
                       "target_spans": spans, "label": label, "group": group}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--task", choices=("stance", "sentiment"), required=True)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--min-conf", type=int, default=1)
    ap.add_argument("--class-repeat", metavar="L=N,...", help="copies of the rows of each label (others: 1)")
    ap.add_argument("--match-mix", metavar="ROWS", help="copies per label that match the label mix of ROWS")
    ap.add_argument("--quiet", action="store_true", help="no counts on stderr (the not-found lines stay)")
    ap.add_argument("trials", nargs="+", metavar="DIR[:ALIASES]")
    a = ap.parse_args()
    if a.repeat < 1:
        sys.exit("trial_rows.py: --repeat must be at least 1")
    if a.class_repeat and a.match_mix:
        sys.exit("trial_rows.py: --class-repeat or --match-mix, not both")
    stats = {"quotes": 0, "not found": 0, "pairs": 0, "pairs with spans": 0}
    rows = [row for spec in a.trials for row in rows_of(a.task, spec, a.min_conf, stats)]
    copies = parse_class_repeat(a.class_repeat) if a.class_repeat else match_mix(rows, a.match_mix) if a.match_mix else {}
    if copies:
        print("trial_rows.py: copies per label: %s" % ", ".join("%s=%d" % kv for kv in sorted(copies.items())),
              file=sys.stderr)
    for row in rows:
        s = json.dumps(row, ensure_ascii=False) + "\n"
        for _ in range(a.repeat * copies.get(row["label"], 1)):
            sys.stdout.write(s)
    if not a.quiet:
        print("trial_rows.py: %d quotes, %d snippets not found; %d pairs, %d with target spans"
              % (stats["quotes"], stats["not found"], stats["pairs"], stats["pairs with spans"]), file=sys.stderr)


if __name__ == "__main__":
    main()
