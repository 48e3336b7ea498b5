#!/usr/bin/env python3
"""How far two blind labellers agree on the stance of a quote's speaker toward an actor.

    bench/e2e/agreement.py [--second 'bench/e2e/agreement/*.jsonl'] [--labels 'bench/e2e/labels/*.jsonl']
                           [--pred OUT.jsonl ...]

A second labeller was given only the (quote, actor) pairs of a sample of labelled articles
(offsets, speaker, actor, how the quote refers to the actor: no stance, no note) and labelled
each pair's stance blind, by the rules of bench/e2e/GUIDELINES.md. This script joins both
labels by (article, quote offsets, actor) and prints, per split and overall: the share of
pairs where the two agree, Cohen's kappa, the confusion, agreement where both were sure
(conf 3), and the all-against guess against each labeller on the same pairs. With --pred
(saved `stance classify` outputs, e.g. from bench/e2e/score.py --save, one or more), it also
prints the library's accuracy against each labeller on the same pairs (a missing stance counts
as "none", as in score.py). The agreement is the ceiling any system can be expected to reach
against one labeller's labels: a system can't agree with labeller A more reliably than a
second careful labeller does. Only the Python standard library (Cohen's kappa: bench/kappa.py, shared
with bench/usertest/agreement.py).
"""
import argparse
import collections
import os
import sys

from score import load_labels, outputs_by_id

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from kappa import kappa  # noqa: E402

STANCES = ("favor", "against", "none")


def load(pattern):
    """The label records of the files matching @pattern, by article (score.py's reader)."""
    return load_labels(pattern)[1]


def pair_map(recs):
    m = {}
    for aid, r in recs.items():
        for q in r["quotes"]:
            for p in q["pairs"]:
                if p.get("stance"):
                    m[(aid, q["start"], q["end"], p["actor"])] = (p["stance"], p.get("conf") or 0, r["split"])
    return m


def predicted(paths):
    """Saved `stance classify` outputs (one record a line), by record id."""
    preds = {}
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            preds.update(outputs_by_id(fh))
    return preds


def library_label(preds, aid, start, end, actor):
    p = preds.get(aid)
    if p is None:
        return None
    best, bo = None, 0
    for q in p.get("quotes", []):
        o = max(0, min(end, q["end"]) - max(start, q["start"]))
        if o > bo:
            bo, best = o, q
    if best is None or bo * 2 < min(end - start, best["end"] - best["start"]):
        return "none"
    for s in best.get("stances", []):
        if s["actor"] == actor and s.get("where") != "none":
            return s["label"]
    return "none"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--second", default="bench/e2e/agreement/*.jsonl")
    ap.add_argument("--labels", default="bench/e2e/labels/*.jsonl")
    ap.add_argument("--pred", nargs="*", default=[])
    a = ap.parse_args()
    first = pair_map(load(a.labels))
    second = pair_map(load(a.second))
    preds = predicted(a.pred) if a.pred else None
    groups = collections.defaultdict(list)
    missing = 0
    for k, (lab2, conf2, split) in sorted(second.items()):
        if k not in first:
            missing += 1
            continue
        lab1, conf1, _ = first[k]
        row = (lab1, lab2, conf1, conf2, library_label(preds, *k) if preds is not None else None)
        groups[split].append(row)
        groups["all"].append(row)
    if missing:
        print("pairs of the second labeller with no first label: %d" % missing)
    for g in sorted(groups, key=lambda g: (g == "all", g)):
        rows = groups[g]
        n = len(rows)
        agree = sum(r[0] == r[1] for r in rows)
        sure = [r for r in rows if r[2] == 3 and r[3] == 3]
        print("%-5s pairs %3d: agreement %.3f (%d), kappa %.3f; both conf 3: %d pairs, agreement %.3f"
              % (g, n, agree / n, agree, kappa([(r[0], r[1]) for r in rows], STANCES), len(sure),
                 sum(r[0] == r[1] for r in sure) / len(sure) if sure else 0.0))
        for who, i in (("first", 0), ("second", 1)):
            dist = collections.Counter(r[i] for r in rows)
            print("      %-6s labels: %s; all-against accuracy %.3f"
                  % (who, ", ".join("%s %d" % (s, dist[s]) for s in STANCES), dist["against"] / n))
        conf = collections.Counter((r[0], r[1]) for r in rows)
        print("      confusion (rows first, columns second: favor/against/none): %s"
              % "; ".join("%s %s" % (s, "/".join(str(conf[(s, t)]) for t in STANCES)) for s in STANCES))
        if preds is not None:
            print("      library: accuracy %.3f against the first labeller, %.3f against the second"
                  % (sum(r[4] == r[0] for r in rows) / n, sum(r[4] == r[1] for r in rows) / n))


if __name__ == "__main__":
    main()
