#!/usr/bin/env python3
"""Paired comparison of two runs of bench/train/cv_newsmtsc.py (same --work, same head, same folds).

usage: paired_cv_nll.py [--work DIR] [--head HEAD] [--stance ./stance] [--boot 2000] BASE NAME

Scores every held-out row of both runs with its fold's model (`stance predict` on the kept fold models
NAME-HEAD-K.stm and held-out rows NAME-HEAD-teK.jsonl), then prints per fold the metric of each run and
their difference, the pooled metric of each, how many rows changed label (right -> wrong, wrong -> right),
and a paired bootstrap of the pooled difference by group (the fold key of cv_newsmtsc.py: NewsMTSC's
article, vader_nyt's group; rows resampled with their group, 95 % interval); the same for the mean negative
log-likelihood of the gold label (untempered probabilities), with its difference per fold. Metric as cv_newsmtsc.py:
macro-F1 for stance, weighted F1 for the sentiment heads, gold with the neutral band of the recipe for
the band head (--band, default 0.5) and VADER's labels for sentiment-vader. Run from the build directory;
only the Python standard library.
"""
import argparse
import json
import math
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from cv_newsmtsc import article  # noqa: E402


def f1(pairs, weighted):
    """macro-F1 (or weighted F1) of (gold, predicted) pairs over the gold labels."""
    labs = sorted(set(g for g, _ in pairs))
    n, tot = len(pairs), 0.0
    for c in labs:
        tp = sum(1 for g, p in pairs if g == c and p == c)
        gold = sum(1 for g, _ in pairs if g == c)
        pred = sum(1 for _, p in pairs if p == c)
        f = 2 * tp / (gold + pred) if gold + pred else 0.0
        tot += f * gold / n if weighted else f / len(labs)
    return tot


def predictions(a, name, k):
    """{id: (gold, predicted, group, NLL of gold)} of fold @p k of run @p name."""
    te = os.path.join(a.work, "%s-%s-te%d.jsonl" % (name, a.head, k))
    model = os.path.join(a.work, "%s-%s-%d.stm" % (name, a.head, k))
    out = subprocess.run([a.stance, "predict", "-m", model, "--head", a.head, te], check=True,
                         capture_output=True, text=True).stdout.splitlines()
    rows = {}
    for line, o in zip(open(te), out):
        r, o = json.loads(line), json.loads(o)
        gold = r["label"]
        if a.head == "sentiment" and "orig_score" in r:
            s = r["orig_score"]
            gold = "neutral" if abs(s) < a.band else ("positive" if s > 0 else "negative")
        rows[r["id"]] = (gold, o["label"], article(r), -math.log(max(o["probs"].get(gold, 0.0), 1e-12)))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--work", default="/tmp/stance-cv-newsmtsc")
    ap.add_argument("--head", default="stance", choices=["stance", "sentiment", "sentiment-vader"])
    ap.add_argument("--stance", default="./stance")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--band", type=float, default=0.5)
    ap.add_argument("--boot", type=int, default=2000)
    ap.add_argument("base")
    ap.add_argument("name")
    a = ap.parse_args()
    weighted = a.head != "stance"
    rows = {}
    for k in range(a.folds):
        b, n = predictions(a, a.base, k), predictions(a, a.name, k)
        if set(b) != set(n):
            sys.exit("fold %d: the two runs held out different rows" % k)
        fb = f1([v[:2] for v in b.values()], weighted)
        fn = f1([v[:2] for v in n.values()], weighted)
        dn = sum(n[i][3] - b[i][3] for i in b) / len(b)
        print("fold %d: n %d, %s %.4f, %s %.4f, difference %+.4f; NLL difference %+.4f"
              % (k, len(b), a.base, fb, a.name, fn, fn - fb, dn))
        for i in b:
            rows[i] = (b[i][0], b[i][1], n[i][1], b[i][2], b[i][3], n[i][3])
    ids = sorted(rows)
    score = lambda sel, c: f1([(rows[i][0], rows[i][c]) for i in sel], weighted)
    fixed = sum(1 for i in ids if rows[i][1] != rows[i][0] and rows[i][2] == rows[i][0])
    broke = sum(1 for i in ids if rows[i][1] == rows[i][0] and rows[i][2] != rows[i][0])
    print("pooled: %s %.4f, %s %.4f, difference %+.4f; %d rows changed label: %d wrong -> right, %d right -> wrong"
          % (a.base, score(ids, 1), a.name, score(ids, 2), score(ids, 2) - score(ids, 1),
             sum(1 for i in ids if rows[i][1] != rows[i][2]), fixed, broke))
    groups = {}
    for i in ids:
        groups.setdefault(rows[i][3], []).append(i)
    gl = sorted(groups)
    rnd = random.Random(1)
    nll = lambda sel, c: sum(rows[i][c] for i in sel) / len(sel)
    d, e = [], []
    for _ in range(a.boot):
        sel = [i for g in (rnd.choice(gl) for _ in gl) for i in groups[g]]
        d.append(score(sel, 2) - score(sel, 1))
        e.append(nll(sel, 5) - nll(sel, 4))
    ci = lambda v: (sorted(v)[int(0.025 * a.boot)], sorted(v)[int(0.975 * a.boot) - 1])
    print("paired bootstrap by group (%d groups, %d draws): difference 95 %% %+.4f .. %+.4f, P(diff <= 0) %.3f"
          % ((len(gl), a.boot) + ci(d) + (sum(1 for x in d if x <= 0) / len(d),)))
    print("NLL: %s %.4f, %s %.4f, difference %+.4f, 95 %% %+.4f .. %+.4f, P(diff >= 0) %.3f"
          % ((a.base, nll(ids, 4), a.name, nll(ids, 5), nll(ids, 5) - nll(ids, 4)) + ci(e)
             + (sum(1 for x in e if x >= 0) / len(e),)))


if __name__ == "__main__":
    main()
