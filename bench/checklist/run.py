#!/usr/bin/env python3
"""Score libstance on the CheckList-style cases (bench/checklist/cases.jsonl).

Runs `STANCE classify -m MODEL --jsonl` once over all cases and prints, per test: the cases,
the stance judgments (one per passed actor) with accuracy, wrong labels and "not linked" (a passed
actor that got no stance) separately, the confusion, the constant baselines (all-against,
all-none), the quote sentiment with its all-negative baseline, for INV tests the share of groups
whose label changes, and a few example failures. Standard library only.

Usage: run.py --stance ./stance --model models/en-news.stm [--cases F] [--examples N] [--json OUT]
              [--test NAME]... [--extra=--all-actors]
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ST = ["favor", "against", "none"]
SE = ["positive", "negative", "neutral"]
UNLINKED = "(not linked)"
NOQUOTE = "(no quote)"


def run_stance(binary, model, cases, extra=()):
    recs = []
    for c in cases:
        r = {"id": c["id"], "text": c["text"]}
        if c["actors"]:
            r["actors"] = c["actors"]
        recs.append(json.dumps(r))
    t0 = time.time()
    p = subprocess.run([binary, "classify", "-m", model, "--jsonl"] + list(extra), input="\n".join(recs) + "\n",
                       capture_output=True, text=True)
    dt = time.time() - t0
    if p.returncode != 0:
        sys.stderr.write(p.stderr)
        sys.exit("stance classify exited %d" % p.returncode)
    out = {}
    for line in p.stdout.splitlines():
        if line.strip():
            o = json.loads(line)
            out[o["id"]] = o
    return out, dt


def predict(case, o):
    """(sentiment label or NOQUOTE, {actor: (label or UNLINKED, confidence)}, quote count)."""
    quotes = (o or {}).get("quotes") or []
    sent = quotes[0]["sentiment"]["label"] if quotes else NOQUOTE
    st = {}
    for a in case["expect"]:
        st[a] = (UNLINKED, None)
        for q in quotes:
            hit = [s for s in q.get("stances") or [] if s.get("actor") == a]
            if hit:
                st[a] = (hit[0]["label"], hit[0].get("confidence"))
                break
    return sent, st, len(quotes)


def pct(n, d):
    return "%5.2f" % (n / d) if d else "   - "


def confusion(lines, gold_labels, pred_labels, pairs):
    cm = collections.Counter(pairs)
    w = max(len(x) for x in pred_labels) + 1
    lines.append("      gold \\ pred " + "".join("%*s" % (w, p) for p in pred_labels))
    for g in gold_labels:
        if any(cm[(g, p)] for p in pred_labels):
            lines.append("      %-12s     " % g + "".join("%*d" % (w, cm[(g, p)]) for p in pred_labels))


def score_test(name, cases, preds, n_examples):
    lines = []
    kind = cases[0]["kind"]
    stp = []   # (gold, pred, case, actor, conf)
    sep = []   # (gold, pred, case)
    for c in cases:
        sent, st, _ = preds[c["id"]]
        for a, g in c["expect"].items():
            stp.append((g, st[a][0], c, a, st[a][1]))
        if c["sentiment"] is not None:
            sep.append((c["sentiment"], sent, c))
    res = {"test": name, "kind": kind, "cases": len(cases)}
    lines.append("== %s (%s, %d cases)" % (name, kind, len(cases)))
    if stp:
        n = len(stp)
        ok = sum(g == p for g, p, *_ in stp)
        unl = sum(p == UNLINKED for g, p, *_ in stp)
        wrong = n - ok - unl
        golds = collections.Counter(g for g, *_ in stp)
        res.update(stance_n=n, stance_acc=ok / n, stance_wrong=wrong / n, stance_unlinked=unl / n,
                   stance_fail=1 - ok / n, base_against=golds["against"] / n, base_none=golds["none"] / n)
        lines.append("   stance: %d judgments  acc %s  fail %s (wrong %s, not linked %s)   "
                     "baselines: all-against %s, all-none %s"
                     % (n, pct(ok, n), pct(n - ok, n), pct(wrong, n), pct(unl, n),
                        pct(golds["against"], n), pct(golds["none"], n)))
        confusion(lines, ST, ST + [UNLINKED], [(g, p) for g, p, *_ in stp])
        # Linked-only accuracy, to separate the heads from linking.
        lk = [(g, p) for g, p, *_ in stp if p != UNLINKED]
        if lk and unl:
            lines.append("      linked only: %d, acc %s" % (len(lk), pct(sum(g == p for g, p in lk), len(lk))))
        if lk:
            res["stance_acc_linked"] = sum(g == p for g, p in lk) / len(lk)
    if sep:
        n = len(sep)
        ok = sum(g == p for g, p, _ in sep)
        nq = sum(p == NOQUOTE for g, p, _ in sep)
        golds = collections.Counter(g for g, *_ in sep)
        res.update(sent_n=n, sent_acc=ok / n, sent_fail=1 - ok / n, sent_noquote=nq / n,
                   base_negative=golds["negative"] / n)
        lines.append("   sentiment: %d quotes  acc %s  fail %s (no quote %s)   baseline: all-negative %s"
                     % (n, pct(ok, n), pct(n - ok, n), pct(nq, n), pct(golds["negative"], n)))
        confusion(lines, SE, SE + [NOQUOTE], [(g, p) for g, p, _ in sep])
    if kind == "INV":
        groups = collections.OrderedDict()
        for c in cases:
            groups.setdefault(c["group"], []).append(c)
        ch_st = ch_se = 0
        for g, cs in groups.items():
            labs = set()
            for c in cs:
                (a, _), = c["expect"].items()
                labs.add(preds[c["id"]][1][a][0])
            ch_st += len(labs) > 1
            ch_se += len({preds[c["id"]][0] for c in cs}) > 1
        ng = len(groups)
        res.update(groups=ng, inv_changed_stance=ch_st / ng, inv_changed_sent=ch_se / ng)
        lines.append("   invariance: %d groups; stance label changes in %d (%s), sentiment in %d (%s)"
                     % (ng, ch_st, pct(ch_st, ng), ch_se, pct(ch_se, ng)))
        shown = 0
        for g, cs in groups.items():
            labs = [(preds[c["id"]][1][next(iter(c["expect"]))]) for c in cs]
            if len({l for l, _ in labs}) > 1 and shown < n_examples:
                lines.append("      changed %s: %s" % (g, " | ".join(
                    "%s -> %s%s" % (c["text"], l, "" if p is None else " %.2f" % p)
                    for c, (l, p) in zip(cs, labs))))
                shown += 1
    fails = [x for x in stp if x[0] != x[1]]
    for g, p, c, a, conf in fails[:: max(1, len(fails) // n_examples)][:n_examples]:
        lines.append("   fail: %s  [%s: gold %s, got %s%s]"
                     % (c["text"], a, g, p, "" if conf is None else " %.2f" % conf))
    sfails = [x for x in sep if x[0] != x[1]]
    for g, p, c in sfails[:: max(1, len(sfails) // n_examples)][:n_examples if not stp else 2]:
        lines.append("   sentiment fail: %s  [gold %s, got %s]" % (c["text"], g, p))
    return res, lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stance", required=True, help="the stance binary")
    ap.add_argument("--model", required=True, help="the model file")
    ap.add_argument("--cases", default=os.path.join(HERE, "cases.jsonl"))
    ap.add_argument("--examples", type=int, default=3, help="example failures per test")
    ap.add_argument("--json", help="write the per-test figures here")
    ap.add_argument("--test", action="append", help="only this test (repeatable)")
    ap.add_argument("--extra", action="append", default=[],
                    help="an extra `stance classify` argument, e.g. --extra=--all-actors (repeatable)")
    a = ap.parse_args()
    with open(a.cases, encoding="utf-8") as f:
        cases = [json.loads(l) for l in f if l.strip()]
    if a.test:
        cases = [c for c in cases if c["test"] in a.test]
    out, dt = run_stance(a.stance, a.model, cases, a.extra)
    preds = {}
    for c in cases:
        o = out.get(c["id"])
        if o is None or "error" in o:
            sys.exit("no output for %s: %s" % (c["id"], o))
        preds[c["id"]] = predict(c, o)
    tests = collections.OrderedDict()
    for c in cases:
        tests.setdefault(c["test"], []).append(c)
    print("checklist: %d cases in %d tests, one `stance classify --jsonl` run (%.1f s)"
          % (len(cases), len(tests), dt))
    multi = sum(1 for c in cases if preds[c["id"]][2] > 1)
    if multi:
        print("note: %d texts gave more than one quote" % multi)
    results = []
    for name, cs in tests.items():
        res, lines = score_test(name, cs, preds, a.examples)
        results.append(res)
        print()
        print("\n".join(lines))
    print()
    print("== summary (ranked by failure rate; INV tests by the share of groups whose stance changes)")
    print("%-22s %5s %6s %6s %6s %6s %6s %6s %6s %6s %6s" % (
        "test", "cases", "st.acc", "wrong", "unlink", "agnst", "none", "se.acc", "negtv", "chg.st", "chg.se"))

    def key(r):
        return r.get("inv_changed_stance", r.get("stance_fail", r.get("sent_fail", 0)))

    def f(r, k):
        return "%6.2f" % r[k] if k in r else "     -"
    for r in sorted(results, key=key, reverse=True):
        print("%-22s %5d %s %s %s %s %s %s %s %s %s" % (
            r["test"], r["cases"], f(r, "stance_acc"), f(r, "stance_wrong"), f(r, "stance_unlinked"),
            f(r, "base_against"), f(r, "base_none"), f(r, "sent_acc"), f(r, "base_negative"),
            f(r, "inv_changed_stance"), f(r, "inv_changed_sent")))
    print("(agnst / none / negtv: the accuracy of the constant guesses all-against, all-none, all-negative)")
    if a.json:
        with open(a.json, "w") as f_:
            json.dump(results, f_, indent=1)


if __name__ == "__main__":
    main()
