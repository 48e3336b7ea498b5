#!/usr/bin/env python3
"""Trial 17: the two labellers (and the library) by the speaker's and the actor's side in
bench/usertest/sides17.txt (D, R, union, utility, consumer, team; officials, the court, analysts
and voters have none), as REPORT17.md's table "Where the sides would have decided the stance".

    python3 bench/usertest/second17/sides.py [--pred DIR --mode aliases] [--list]

Each labeller's own speaker gives the speaker's side. Rows are counted per labeller on that
labeller's own pairs (self pairs, speaker = actor, left out as score.py does), and over the union of
both labellers' pairs (a missing pair = none). Only the Python standard library; reads agreement.py's
load() and library().
"""
import argparse
import collections
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, os.path.dirname(HERE))
import agreement  # noqa: E402
import score  # noqa: E402


def relation(s, t):
    if not s or not t:
        return "a side unknown"
    if s == t:
        return "same side"
    if {s, t} == {"D", "R"}:
        return "D <-> R"
    return "other camps"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pred")
    ap.add_argument("--mode", default="aliases")
    ap.add_argument("--list", action="store_true")
    a = ap.parse_args()
    score.load_aliases(os.path.join(ROOT, "bench/usertest/aliases17.txt"))
    side = {}
    for line in open(os.path.join(ROOT, "bench/usertest/sides17.txt"), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            n, s = line.strip().rsplit("|", 1)
            side[n] = s
    first, _ = agreement.load(os.path.join(ROOT, "tests/data/usertest17"))
    second, _ = agreement.load(HERE)
    lib = agreement.library(a.pred, a.mode, first, second)[1] if a.pred else {}
    kinds = ("D <-> R", "same side", "other camps", "a side unknown")
    for who, lab in (("first", first), ("second", second)):
        c = collections.defaultdict(collections.Counter)
        for k in sorted(lab):
            spk = lab[k]["speaker"]
            for act, (st, _, _) in lab[k]["pairs"].items():
                if act != spk:
                    c[relation(side.get(spk), side.get(act))][st] += 1
        print(f"## {who} labeller, own pairs (favor / against / none)")
        for r in kinds:
            print(f"  {r}: {sum(c[r].values())}: {c[r]['favor']} / {c[r]['against']} / {c[r]['none']}")
    print("## union of pairs, same side for either labeller's speaker")
    rows = []
    for k in sorted(first):
        for act in sorted(set(first[k]["pairs"]) | set(second[k]["pairs"])):
            s1, s2 = first[k]["speaker"], second[k]["speaker"]
            if act in (s1, s2):
                continue
            if "same side" not in (relation(side.get(s1), side.get(act)), relation(side.get(s2), side.get(act))):
                continue
            l1 = first[k]["pairs"].get(act, ("-",))[0]
            l2 = second[k]["pairs"].get(act, ("-",))[0]
            rows.append((k, act, l1, l2, lib.get((k[0], k[1], act))))
    n = len(rows)
    agree = sum((r[2] if r[2] != "-" else "none") == (r[3] if r[3] != "-" else "none") for r in rows)
    print(f"  {n} pairs; labellers agree (missing = none): {agree}/{n}")
    if lib:
        print(f"  library = first: {sum(r[4] == (r[2] if r[2] != '-' else 'none') for r in rows)}/{n}, "
              f"= second: {sum(r[4] == (r[3] if r[3] != '-' else 'none') for r in rows)}/{n}")
    for r in rows:
        if a.list or (r[2] if r[2] != "-" else "none") != (r[3] if r[3] != "-" else "none"):
            print(f"  {r[0][0]} {r[0][1]} {r[1]}: first {r[2]}, second {r[3]}, library {r[4]}")


if __name__ == "__main__":
    main()
