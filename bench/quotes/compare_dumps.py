#!/usr/bin/env python3
"""Compare two `bench_quotes score --dump` files (before, after), per rule.

    bench/quotes/compare_dumps.py BEFORE.tsv AFTER.tsv

For every direct quote matched in both runs whose gold names a speaker: fixed
(wrong before, right after) and broken (right before, wrong after), counted
under the rule that attributes it after the change (the sieve that fixed or
broke it) with the rule before beside it. Quotes matched in only one run
(their span or type moved) are counted apart, with their speaker verdict.
Standard library only; the dumps hold ids and offsets, no article text.
"""
import collections
import sys


def load(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            aid, s, e, ok, rule = line.rstrip("\n").split("\t")
            out[(aid, int(s), int(e))] = (ok, rule)
    return out


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    before, after = load(argv[1]), load(argv[2])
    fixed, broken = collections.Counter(), collections.Counter()
    for k, (ok_a, rule_a) in after.items():
        if k not in before:
            continue
        ok_b, rule_b = before[k]
        if ok_b == "0" and ok_a == "1":
            fixed[(rule_a, rule_b)] += 1
        elif ok_b == "1" and ok_a == "0":
            broken[(rule_a, rule_b)] += 1
    gained = collections.Counter(after[k][0] for k in after if k not in before)
    lost = collections.Counter(before[k][0] for k in before if k not in after)
    rules = sorted({r for r, _ in fixed} | {r for r, _ in broken})
    print("rule after           fixed broken  (rule before: fixed / broken)")
    for r in rules:
        f = sum(v for (ra, _), v in fixed.items() if ra == r)
        b = sum(v for (ra, _), v in broken.items() if ra == r)
        detail = collections.defaultdict(lambda: [0, 0])
        for (ra, rb), v in fixed.items():
            if ra == r:
                detail[rb][0] += v
        for (ra, rb), v in broken.items():
            if ra == r:
                detail[rb][1] += v
        print("%-20s %6d %6d  (%s)" % (r, f, b, ", ".join("%s %d/%d" % (rb, x[0], x[1]) for rb, x in sorted(detail.items()))))
    print("total                %6d %6d" % (sum(fixed.values()), sum(broken.values())))
    print("matched only after:  %d (speaker right %d, wrong %d, unscorable %d)" %
          (sum(gained.values()), gained["1"], gained["0"], gained["u"]))
    print("matched only before: %d (speaker right %d, wrong %d, unscorable %d)" %
          (sum(lost.values()), lost["1"], lost["0"], lost["u"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
