#!/usr/bin/env python3
"""Paired comparison of two grouped CV runs of bench/train/cv_newsmtsc.py (run with --fit-temperature,
which keeps every held-out row's prediction in NAME-HEAD-oof.jsonl).

usage: bench/train/paired_cv.py [--metric macro|weighted] [--folds 5] [--data FILE] NEW-oof.jsonl BASE-oof.jsonl
Prints the pooled metric of both runs, the per-fold differences (folds as cv_newsmtsc.py makes them:
crc32 of the article mod k), how many folds are up, and a 95 % interval of the pooled difference from
2,000 bootstrap samples of the articles (fixed seed; the rows of one article stay together), plus the
rows one run gets right and the other wrong (a sign test, two-sided p by the binomial). --data is the
train file the rows come from (for the article of each id): NewsMTSC train for stance (macro-F1),
VADER nyt train for the sentiment heads (weighted F1). Only the Python standard library.
"""
import argparse
import collections
import json
import math
import random
import zlib

from cv_newsmtsc import article


def f1(gold, pred, weighted):
    labels = sorted(set(gold))
    n = len(gold)
    tp, g, p = collections.Counter(), collections.Counter(gold), collections.Counter(pred)
    for x, y in zip(gold, pred):
        if x == y:
            tp[x] += 1
    s = 0.0
    for c in labels:
        v = 2 * tp[c] / (g[c] + p[c]) if g[c] + p[c] else 0.0
        s += v * g[c] / n if weighted else v / len(labels)
    return s


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--metric", choices=["macro", "weighted"], default="macro")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--data", default="/work/shared/data/newsmtsc/train.jsonl")
    ap.add_argument("new")
    ap.add_argument("base")
    a = ap.parse_args()
    w = a.metric == "weighted"
    art = {}
    for line in open(a.data):
        if line.strip():
            r = json.loads(line)
            art[r["id"]] = article(r)
    new = {r["id"]: r for r in map(json.loads, open(a.new))}
    base = {r["id"]: r for r in map(json.loads, open(a.base))}
    if sorted(new) != sorted(base):
        raise SystemExit("paired_cv.py: the two runs hold other rows")
    ids = sorted(new)
    gold = [new[i]["gold"] for i in ids]
    pn = [new[i]["pred"] for i in ids]
    pb = [base[i]["pred"] for i in ids]
    fold = [zlib.crc32(art[i].encode()) % a.folds for i in ids]

    def diff(idx):
        g = [gold[i] for i in idx]
        return f1(g, [pn[i] for i in idx], w) - f1(g, [pb[i] for i in idx], w)

    per = [diff([i for i in range(len(ids)) if fold[i] == k]) for k in range(a.folds)]
    by_art = collections.defaultdict(list)
    for i, x in enumerate(ids):
        by_art[art[x]].append(i)
    arts = sorted(by_art)
    rng = random.Random(1)
    boot = sorted(diff([i for _ in arts for i in by_art[rng.choice(arts)]]) for _ in range(2000))
    won = sum(1 for i in range(len(ids)) if pn[i] == gold[i] != pb[i])
    lost = sum(1 for i in range(len(ids)) if pb[i] == gold[i] != pn[i])
    m = won + lost
    p = min(1.0, 2 * sum(math.comb(m, j) for j in range(min(won, lost) + 1)) / 2 ** m) if m else 1.0
    print("%s-F1 new %.4f, base %.4f: %+.4f (folds %s; %d of %d up; 95 %% %+.4f..%+.4f); rows right only in new %d, "
          "only in base %d (sign test p %.3f)"
          % (a.metric, f1(gold, pn, w), f1(gold, pb, w), diff(range(len(ids))), " ".join("%+.4f" % d for d in per),
             sum(d > 0 for d in per), a.folds, boot[49], boot[1950], won, lost, p))


if __name__ == "__main__":
    main()
