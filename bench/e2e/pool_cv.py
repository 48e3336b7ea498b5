#!/usr/bin/env python3
"""Pooling a speaker's stances toward one actor across a document, simulated on held-out outputs.

    bench/e2e/pool_cv.py DIR NAME [--folds 4] [--data DATA_DIR/polnear] [--dev OUT.jsonl --dev-w W]
                         [--confusion] [--list GOLD:PRED]

DIR/NAME-outK.jsonl is the `stance classify --jsonl` output on the held-out fold K of
bench/e2e/cv_stance.py (a model that never saw it) and DIR/NAME-testK.jsonl its labels. Gold
quotes are matched to predicted quotes as score.py does. Within an article, the stances of the
predicted quotes of one speaker toward one actor form a group; a pair's probabilities become
    linear: p' = (1 - w) p + w * mean(p of the group's other quotes)
    log:    p' ∝ p * prod(p_other)^(w / n_others)      (bench/e2e/pool_sim.py's "mean")
for groups of 2+, and the label is the argmax. Not pooling, for comparison: "multi" multiplies the
"none" probability by e^w on every quote that carries a stance for 2+ actors. Keys: "name" (the output's speaker name, lower
case), "head" (its surname: score.head()); a quote without a speaker name stays alone.
Per fold and pooled: linked-pair accuracy, all-pairs accuracy (missing = none), ECE on linked
pairs, for a grid of w; w is then chosen by leave-one-fold-out (best on the other three folds).
`--dev OUT --dev-w W` applies one weight to a saved dev output (score.py --save) once.
"""
import argparse
import collections
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score  # noqa: E402

LAB = ("favor", "against", "none")
GRID = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def spk_key(q, key):
    name = (q.get("speaker") or {}).get("name") or ""
    if key == "head":
        return score.head(name)
    return name.lower().strip()


def groups_of(doc, key, key_of=spk_key, alone=None):
    """(speaker key, actor) -> list of (quote index, stance dict) over linked stances; a quote whose speaker has no
    key (key_of(quote, key)), and a stance for which alone(stance) is true, stay by themselves."""
    g = collections.defaultdict(list)
    for i, q in enumerate(doc["quotes"]):
        k = key_of(q, key)
        for s in q.get("stances", []):
            if s.get("where") == "none" or not s.get("probs"):
                continue
            g[(k if k and not (alone and alone(s)) else ("#", i), s["actor"])].append((i, s))
    return g


def pooled(doc, key, w, mode):
    """(quote index, actor) -> (pooled probs, group size) for every linked stance of the document."""
    res = {}
    if mode == "multi":  # not pooling: "none" times e^w on a quote with 2+ linked actors (size: their number)
        for i, q in enumerate(doc["quotes"]):
            st = [s for s in q.get("stances", []) if s.get("where") != "none" and s.get("probs")]
            for s in st:
                p = dict(s["probs"])
                if len(st) >= 2 and w:
                    p["none"] *= math.exp(w)
                    z = sum(p.values())
                    p = {l: p[l] / z for l in LAB}
                res[(i, s["actor"])] = (p, len(st))
        return res
    return pool_groups(groups_of(doc, key).values(), mode, w, res)


def pool_groups(groups, mode, w, res, others_of=None):
    """Into res[(quote index, actor)]: (pooled probs, group size) of each member of groups (lists of (quote index,
    stance)). A group of one, or w == 0, keeps its probabilities; the others pooled with a member are the other
    members' probabilities, or others_of(member list, quote index, stance)'s (none: it keeps its own)."""
    for mem in groups:
        n = len(mem)
        for i, s in mem:
            p = s["probs"]
            others = None
            if n >= 2 and w != 0:
                others = others_of(mem, i, s) if others_of else [t["probs"] for j, t in mem if t is not s]
            res[(i, s["actor"])] = (pool_one(p, others, mode, w) if others else dict(p), n)
    return res


def pool_one(p, others, mode, w):
    """The probabilities p pooled with its group's others (each a dict over LAB), normalised:
    "linear" (1 - w) p + w mean(others), "log" p prod(others)^(w / n_others), "logsum" p prod(others)^w."""
    if mode == "linear":
        v = {l: (1 - w) * p[l] + w * sum(o[l] for o in others) / len(others) for l in LAB}
    else:
        ww = w / len(others) if mode == "log" else w
        lg = {l: math.log(max(p[l], 1e-9)) + ww * sum(math.log(max(o[l], 1e-9)) for o in others) for l in LAB}
        m = max(lg.values())
        v = {l: math.exp(lg[l] - m) for l in LAB}
    z = sum(v.values())
    return {l: v[l] / z for l in LAB}


def match(arts, preds):
    """Every gold pair: (article, predicted quote index or None, actor, gold stance, gold speaker, quote span)."""
    rows = []
    for aid, a in arts.items():
        pq = preds[aid]["quotes"]
        for q in a["quotes"]:
            gspan = (q["start"], q["end"])
            best = score.match_quote(q, pq)
            for pair in q["pairs"]:
                rows.append((aid, best, pair["actor"], pair["stance"], q["speaker"], gspan, pair["via"]))
    return rows


def judged(rows, pools):
    """Per gold pair of match(): (gold stance, pooled probs, group size, their argmax), or (gold, None, 0, None)
    when no predicted stance is linked to it; pools: article -> pooled()'s dict."""
    for aid, best, actor, gold, _, _, _ in rows:
        got = pools[aid].get((best, actor)) if best is not None else None
        if got is None:
            yield gold, None, 0, None
        else:
            p, size = got
            yield gold, p, size, max(LAB, key=lambda l: p[l])


def tally(rows, pools):
    """The counts over the gold pairs of match() given pooled()'s dicts (article -> dict): "n" pairs, "all" right
    (an unlinked pair as "none"), "nl" linked, "linked" right among them, "groups2" linked in a group of 2+,
    "scored" [(probs, gold)] of the linked pairs, "labels" per pair: (label, group size), or None if unlinked."""
    t = {"n": 0, "all": 0, "nl": 0, "linked": 0, "groups2": 0, "scored": [], "labels": []}
    for gold, p, size, lab in judged(rows, pools):
        t["n"] += 1
        if p is None:
            t["all"] += gold == "none"
            t["labels"].append(None)
            continue
        t["nl"] += 1
        t["linked"] += lab == gold
        t["all"] += lab == gold
        t["groups2"] += size >= 2
        t["scored"].append((p, gold))
        t["labels"].append((lab, size))
    return t


def evaluate(rows, preds, key, w, mode):
    """tally() of the pooling (key, w, mode) with "ece", the linked pairs' expected calibration error."""
    t = tally(rows, {aid: pooled(d, key, w, mode) for aid, d in preds.items()})
    conf = [(p[lab], lab == gold) for (p, gold), (lab, _) in zip(t["scored"], (x for x in t["labels"] if x))]
    t["ece"] = score.ece(conf) if conf else 0.0
    return t


def load_fold(d, name, k, data):
    _, arts = score.load_labels(os.path.join(d, "%s-test%d.jsonl" % (name, k)))
    with open(os.path.join(d, "%s-out%d.jsonl" % (name, k)), encoding="utf-8") as f:
        preds = score.outputs_by_id(f)
    return arts, preds


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("name")
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--data", default="/work/shared/data/polnear")
    ap.add_argument("--dev", help="a saved dev output (score.py --save) to apply --dev-w to")
    ap.add_argument("--dev-labels", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "labels", "dev-*.jsonl"))
    ap.add_argument("--dev-w", type=float, default=0.5)
    ap.add_argument("--dev-mode", default="linear")
    ap.add_argument("--dev-key", default="name")
    ap.add_argument("--confusion", action="store_true", help="confusion matrix of the linked pairs, unpooled")
    ap.add_argument("--list", metavar="GOLD:PRED", help="list the linked pairs of this confusion cell (prints quote text: "
                    "for reading, never for the repo)")
    args = ap.parse_args()

    folds = []
    for k in range(args.folds):
        arts, preds = load_fold(args.dir, args.name, k, args.data)
        folds.append((arts, preds, match(arts, preds)))

    if args.dev:
        _, arts = score.load_labels(args.dev_labels)
        with open(args.dev, encoding="utf-8") as f:
            preds = score.outputs_by_id(f)
        rows = match(arts, preds)
        b = evaluate(rows, preds, args.dev_key, 0.0, args.dev_mode)
        r = evaluate(rows, preds, args.dev_key, args.dev_w, args.dev_mode)
        fixed = sum(1 for x, y, row in zip(b["labels"], r["labels"], rows) if x and x[0] != y[0] and y[0] == row[3])
        broke = sum(1 for x, y, row in zip(b["labels"], r["labels"], rows) if x and x[0] != y[0] and x[0] == row[3])
        print("dev: pairs %d, linked %d, in groups of 2+ %d" % (b["n"], b["nl"], b["groups2"]))
        for t, e in (("base", b), ("pooled %s %s w=%.2f" % (args.dev_mode, args.dev_key, args.dev_w), r)):
            print("  %-28s linked %.3f  all %.3f  ECE %.3f" % (t, e["linked"] / e["nl"], e["all"] / e["n"], e["ece"]))
        print("  changed %d: fixed %d, broken %d" % (fixed + broke + sum(
            1 for x, y, row in zip(b["labels"], r["labels"], rows) if x and x[0] != y[0] and row[3] not in (x[0], y[0])),
            fixed, broke))
        return

    if args.confusion or args.list:
        cm = collections.Counter()
        listed = []
        for arts, preds, rows in folds:
            e = evaluate(rows, preds, "name", 0.0, "linear")
            for row, x in zip(rows, e["labels"]):
                cm[(row[3], x[0] if x else "unlinked")] += 1
                if x and args.list == "%s:%s" % (row[3], x[0]):
                    listed.append((row, preds[row[0]]["quotes"][row[1]]))
        cols = LAB + ("unlinked",)
        print("all pairs, gold (rows) x predicted (cols):", "  ".join(cols))
        for g in LAB:
            print("  %-8s %s" % (g, "  ".join("%8d" % cm[(g, p)] for p in cols)))
        for row, q in listed:  # for reading only: prints the article's text, never commit it
            st = next(s for s in q["stances"] if s["actor"] == row[2])
            print("%s [%d,%d) speaker %r (pred %r) actor %r via %s where %s probs %s\n    %s" % (
                row[0], row[5][0], row[5][1], row[4], (q.get("speaker") or {}).get("name"), row[2], row[6],
                st.get("where"), " ".join("%s %.2f" % (l, st["probs"][l]) for l in LAB), q["text"]))
        return

    for key, mode in (("name", "linear"), ("name", "log"), ("head", "linear"), ("head", "log"), ("-", "multi")):
        grid = GRID if mode == "linear" else (0.0, 0.25, 0.5, 0.75, 1.0, 1.5)
        res = {w: [evaluate(rows, preds, key, w, mode) for arts, preds, rows in folds] for w in grid}
        print("key %s, mode %s" % (key, mode))
        base = res[0.0]
        print("  linked pairs %d, in %s of 2+: %d" % (
            sum(e["nl"] for e in base), "quotes with linked actors" if mode == "multi" else "(speaker, actor) groups",
            sum(e["groups2"] for e in base)))
        for w in grid:
            ev = res[w]
            per = " ".join("%.3f" % (e["linked"] / e["nl"]) for e in ev)
            nl = sum(e["nl"] for e in ev)
            n = sum(e["n"] for e in ev)
            fixed = broke = 0
            for e0, e1, (_, _, rows) in zip(base, ev, folds):
                for x, y, row in zip(e0["labels"], e1["labels"], rows):
                    if x and x[0] != y[0]:
                        fixed += y[0] == row[3]
                        broke += x[0] == row[3]
            print("  w %.2f linked %.3f (folds %s)  all %.3f (folds %s)  ECE %.3f  fixed %d broken %d" % (
                w, sum(e["linked"] for e in ev) / nl, per, sum(e["all"] for e in ev) / n,
                " ".join("%.3f" % (e["all"] / e["n"]) for e in ev),
                sum(e["ece"] * e["nl"] for e in ev) / nl, fixed, broke))
        # leave-one-fold-out choice of w
        ok = nl = 0
        chosen = []
        for k in range(len(folds)):
            def rest(w):
                return sum(res[w][j]["linked"] for j in range(len(folds)) if j != k)
            wk = max(grid, key=lambda w: (rest(w), -w))
            chosen.append(wk)
            ok += res[wk][k]["linked"]
            nl += res[wk][k]["nl"]
        print("  w chosen on the other folds: %s -> linked %.3f (folds %s)" % (
            " ".join("%.2f" % w for w in chosen), ok / nl,
            " ".join("%.3f" % (res[w][k]["linked"] / res[w][k]["nl"]) for k, w in enumerate(chosen))))


if __name__ == "__main__":
    main()
