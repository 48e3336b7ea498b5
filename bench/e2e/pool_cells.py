#!/usr/bin/env python3
"""Pooling a speaker's stances toward one actor, simulated on the held-out outputs of cv_stance.py's cells.

    bench/e2e/pool_cells.py WORK RUN[,RUN...] [--temperature 1.62] [--variants all|short]

WORK/RUN-fFsS-outK.jsonl and -testK.jsonl are a `cv_stance.py --folds 4,5,6 --seeds S --name RUN` run's
held-out outputs and labels (one cell per fold count and seed). Each variant pools, within an article, the
linked stances of one group (speaker key, actor): p' from p and the group's other quotes
    linear:  p' = (1 - w) p + w mean(p_other)
    log:     p' ∝ p prod(p_other)^(w / n_other)          (the others' geometric mean, weight w)
    logsum:  p' ∝ p prod(p_other)^w                      (by count: each other quote weight w)
Keys: "name" (the output's speaker name, lower case), "head" (its surname, score.head()). Scope: "all"
(every linked stance, where = quote or attribution), "quote" (only stances whose actor is mentioned in the
quote pool; attribution-only targets neither pool nor are pooled), "dedup" (all, but the attribution-only
stances of quotes that share an attribution, scored on the same sentence, count as one other quote, their
geometric mean, and not at all for each other). Per cell: linked-pair accuracy, all-pairs
accuracy (missing = none), ECE on the linked pairs after the recipe's temperature (the fold models carry
none; log pooling commutes with a temperature, linear does not) and, for the chosen rows, after the
temperature refitted on the pooled outputs. The seed null: the base's and each variant's seed-1 minus
seed-2 figures on the same split (as cv_stance.py --compare prints it).
"""
import argparse
import collections
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score  # noqa: E402
import pool_cv  # noqa: E402

LAB = pool_cv.LAB


def spk_key(q, key):
    """pool_cv.spk_key()'s keys ("name", "head") and "lib"."""
    if key != "lib":
        return pool_cv.spk_key(q, key)
    # lib/pool.c's key: stance_actor_surname() of the name, else the name; ASCII case folded
    name = (q.get("speaker") or {}).get("name") or ""
    sp = name.rfind(" ")
    sur = name[sp + 1:] if sp >= 0 else ""
    if sp < 0 or len(sur.encode()) < 2 or sur in ("Jr.", "Sr.", "II", "III"):
        sur = name
    return sur.lower()


def evidence(doc, i, s):
    """What a stance was scored on: the quote, or (actor only in the attribution) its attribution sentence,
    known here by the speaker mention's span."""
    if s.get("where") == "attribution":
        sp = doc["quotes"][i].get("speaker") or {}
        return ("attr", sp.get("start"), sp.get("end"))
    return ("quote", i)


def pooled(doc, key, scope, mode, w):
    """(quote index, actor) -> (probs, group size) for every linked stance of @doc."""
    g = pool_cv.groups_of(doc, key, spk_key, (lambda s: s.get("where") != "quote") if scope == "quote" else None)

    def dedup(mem, i, s):  # one attribution sentence is one piece of evidence (its quotes score the same text)
        ev = collections.defaultdict(list)
        for j, t in mem:
            ev[evidence(doc, j, t)].append(t["probs"])
        mine = evidence(doc, i, s)
        return [{l: math.exp(sum(math.log(max(o[l], 1e-9)) for o in v) / len(v)) for l in LAB}
                for e, v in ev.items() if e != mine]
    return pool_cv.pool_groups(g.values(), mode, w, {}, dedup if scope == "dedup" else None)


def tempered(p, t):
    v = {l: max(p[l], 1e-12) ** (1 / t) for l in LAB}
    z = sum(v.values())
    return {l: v[l] / z for l in LAB}


def cell_eval(folds, key, scope, mode, w, t):
    """Pooled over a cell's folds: (linked acc, all acc, ECE at @t, linked rows [(probs, gold)], labels)."""
    n = ok_all = nl = ok_l = 0
    rows, labels = [], []
    for arts, preds, match in folds:
        e = pool_cv.tally(match, {aid: pooled(d, key, scope, mode, w) for aid, d in preds.items()})
        n, ok_all, nl, ok_l = n + e["n"], ok_all + e["all"], nl + e["nl"], ok_l + e["linked"]
        rows += e["scored"]
        labels += [x[0] if x else None for x in e["labels"]]
    return ok_l / nl, ok_all / n, ece(rows, t), rows, labels


def ece(rows, t):
    conf = []
    for p, gold in rows:
        q = tempered(p, t)
        lab = max(LAB, key=lambda l: q[l])
        conf.append((q[lab], lab == gold))
    return score.ece(conf)


def fit_t(rows):
    def nll(t):
        return -sum(math.log(max(tempered(p, t)[g], 1e-12)) for p, g in rows) / len(rows)
    return min(range(50, 401, 2), key=lambda i: nll(i / 100)) / 100


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("work")
    ap.add_argument("runs", help="RUN[:SEED],...: e.g. EA:1,EA2:2")
    ap.add_argument("--splits", default="4,5,6")
    ap.add_argument("--temperature", type=float, default=1.62, help="the recipe's in-domain stance temperature")
    ap.add_argument("--variants", default="all")
    ap.add_argument("--fit", action="store_true", help="also refit the temperature on each variant's pooled rows")
    a = ap.parse_args()
    cells = {}
    for r in a.runs.split(","):
        run, seed = r.split(":")
        for f in a.splits.split(","):
            name = "%s-f%ss%s" % (run, f, seed)
            folds = []
            for k in range(int(f)):
                arts, preds = pool_cv.load_fold(a.work, name, k, None)
                folds.append((arts, preds, pool_cv.match(arts, preds)))
            cells[(int(f), int(seed))] = folds
    keys = sorted(cells)
    variants = [("-", "all", "log", 0.0)]
    if a.variants == "all":
        for key in ("name", "head"):
            for scope in ("all", "quote"):
                for mode, grid in (("linear", (0.2, 0.3, 0.4, 0.5)), ("log", (0.25, 0.5, 0.75, 1.0)),
                                   ("logsum", (0.25, 0.5, 1.0))):
                    variants += [(key, scope, mode, w) for w in grid]
    else:
        for v in a.variants.split(";"):
            key, scope, mode, w = v.split(",")
            variants.append((key, scope, mode, float(w)))
    res = {}
    for v in variants:
        res[v] = {c: cell_eval(cells[c], v[0], v[1], v[2], v[3], a.temperature) for c in keys}
    base = res[variants[0]]
    splits = sorted({c[0] for c in keys})
    print("cells: %s; linked pairs per cell: %s" % (" ".join("f%ds%d" % c for c in keys),
                                                   " ".join(str(len(base[c][3])) for c in keys)))
    print("%-26s %-6s %s | %-6s %-6s %-6s | %-6s %-6s | %s" % (
        "variant (key scope mode w)", "linked", " ".join("%-7s" % ("f%ds%d" % c) for c in keys), "d mean", "up/dn",
        "seedsd", "all", "d all", "ECE T=%.2f" % a.temperature))
    for v in variants:
        r = res[v]
        lk = [r[c][0] for c in keys]
        d = [r[c][0] - base[c][0] for c in keys]
        dall = [r[c][1] - base[c][1] for c in keys]
        # seed null: seed-1 minus seed-2 on the same split, of the base and of this variant
        null = []
        for X in (base, r):
            for f in splits:
                ss = [c for c in keys if c[0] == f]
                for i in range(len(ss)):
                    for j in range(i + 1, len(ss)):
                        null.append(X[ss[j]][0] - X[ss[i]][0])
        nsd = math.sqrt(sum(x * x for x in null) / len(null)) if null else 0.0
        print("%-26s %.4f %s | %+.4f %d/%d    %.4f | %.4f %+.4f | %.4f" % (
            " ".join(str(x) for x in v), sum(lk) / len(lk), " ".join("%+.4f" % x for x in d) if v != variants[0]
            else " ".join("%.4f " % x for x in lk), sum(d) / len(d), sum(x > 0 for x in d), sum(x < 0 for x in d), nsd,
            sum(r[c][1] for c in keys) / len(keys), sum(dall) / len(dall),
            sum(r[c][2] for c in keys) / len(keys)))
        if a.fit:
            ts = [fit_t(r[c][3]) for c in keys]
            print("    refitted T per cell %s; ECE at them %s" % (
                " ".join("%.2f" % t for t in ts), " ".join("%.4f" % ece(r[c][3], t) for c, t in zip(keys, ts))))


if __name__ == "__main__":
    main()
