#!/usr/bin/env python3
"""Trial 16: the two labellers (and the library) on pairs whose speaker and actor are on opposite
sides, by bench/usertest/sides16.txt (government: Labour, Centre; opposition: Reform, Front).

    python3 bench/usertest/second16/sides.py [--pred DIR --mode aliases]

Each labeller's own speaker gives the speaker's side; pairs over the union of both labellers'
pairs (a missing pair = none). Also the same for any two different camps (Isles and FPW included).
Only the Python standard library; reads agreement.py's load() and library().
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

GOV, OPP = {"Labour", "Centre"}, {"Reform", "Front"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pred")
    ap.add_argument("--mode", default="aliases")
    a = ap.parse_args()
    score.load_aliases(os.path.join(ROOT, "bench/usertest/aliases16.txt"))
    side = {}
    for line in open(os.path.join(ROOT, "bench/usertest/sides16.txt"), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            n, s = line.strip().rsplit("|", 1)
            side[n] = s
    first, _ = agreement.load(os.path.join(ROOT, "tests/data/usertest16"))
    second, _ = agreement.load(HERE)
    lib = agreement.library(a.pred, a.mode, first, second)[1] if a.pred else {}
    for what, opposite in (("government vs opposition", lambda x, y: (x in GOV and y in OPP) or (x in OPP and y in GOV)),
                           ("any two different camps", lambda x, y: x and y and x != y)):
        rows = []
        for k in sorted(first):
            for act in sorted(set(first[k]["pairs"]) | set(second[k]["pairs"])):
                s1 = side.get(first[k]["speaker"])
                s2 = side.get(second[k]["speaker"])
                if not (opposite(s1, side.get(act)) or opposite(s2, side.get(act))):
                    continue
                l1 = first[k]["pairs"].get(act, ("-",))[0]
                l2 = second[k]["pairs"].get(act, ("-",))[0]
                rows.append((k, act, l1, l2, lib.get((k[0], k[1], act))))
        print(f"## {what}: {len(rows)} pairs (union)")
        for i, who in ((2, "first"), (3, "second"), (4, "library")):
            if i == 4 and not lib:
                continue
            c = collections.Counter(r[i] for r in rows)
            print(f"  {who}: against {c['against']}, favor {c['favor']}, none {c['none']}, no pair {c['-']}")
        n = len(rows)
        agree = sum((r[2] if r[2] != "-" else "none") == (r[3] if r[3] != "-" else "none") for r in rows)
        print(f"  labellers agree (missing = none): {agree}/{n}")
        if lib:
            print(f"  library = first: {sum(r[4] == (r[2] if r[2] != '-' else 'none') for r in rows)}/{n}, "
                  f"= second: {sum(r[4] == (r[3] if r[3] != '-' else 'none') for r in rows)}/{n}")
        for r in rows:
            if (r[2] if r[2] != "-" else "none") != (r[3] if r[3] != "-" else "none"):
                print(f"  differ: {r[0][0]} {r[0][1]} {r[1]}: first {r[2]}, second {r[3]}, library {r[4]}")


if __name__ == "__main__":
    main()
