#!/usr/bin/env python3
"""Why gold pairs are not linked: a table of the unlinked pairs by `via` and cause.

    bench/e2e/score.py ./stance --labels 'bench/e2e/labels/train-*.jsonl' --save OUT.jsonl
    bench/e2e/causes.py --labels 'bench/e2e/labels/train-*.jsonl' --pred OUT.jsonl [--data DIR] [-v]

OUT.jsonl is the library's output for the same labels (score.py --save). For every gold pair
whose quote gets no stance for its actor (score.py's "linked", same quote matching), the cause:
- quote not found: no predicted quote matches the gold quote;
- no mention near: the actor has no mention of any kind (the output's `all_mentions`) in the
  found quote's paragraph;
- mention near, not target: it has one there, but the quote has no stance for it.
A second table places the "mention near" ones: inside the quote, in the quote's sentence
(bounds approximated by ". ", "? ", "! "), earlier or later in the paragraph. Offsets are
bytes, as in the labels and the output. -v prints each unlinked pair. Only the standard library.
"""
import argparse
import collections
import json
import sys

import polnear
import score

CAUSES = ("quote not found", "no mention near", "mention near, not target")
PLACES = ("in the quote", "in the quote's sentence", "earlier in the paragraph", "later in the paragraph")


def sentence(t, lo, hi, qs, qe):
    """Approximate bounds of the sentence around t[qs, qe) within the paragraph t[lo, hi)."""
    ss = max(t.rfind(b". ", lo, qs), t.rfind(b"? ", lo, qs), t.rfind(b"! ", lo, qs))
    ss = lo if ss < 0 else ss + 2
    ends = [x for x in (t.find(b". ", qe, hi), t.find(b"? ", qe, hi), t.find(b"! ", qe, hi)) if x >= 0]
    return ss, min(ends) if ends else hi


def place(m, qs, qe, ss, se):
    if m["start"] >= qs and m["end"] <= qe:
        return PLACES[0]
    if m["start"] >= ss and m["end"] <= se:
        return PLACES[1]
    return PLACES[2] if m["end"] <= ss else PLACES[3]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", required=True)
    ap.add_argument("--pred", required=True, help="score.py --save output for the same labels")
    ap.add_argument("--data", default="/work/shared/data/polnear")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    _, arts = score.load_labels(args.labels)
    if not arts:
        sys.exit("no labels match %s" % args.labels)
    texts = score.load_texts(args.data, arts)
    preds = {}
    with open(args.pred, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                preds[d["id"]] = d
    if set(preds) != set(arts):
        sys.exit("%s: its ids differ from the labelled articles" % args.pred)

    n_via, unlinked = collections.Counter(), collections.Counter()
    cause, where = collections.Counter(), collections.Counter()
    for aid, a in arts.items():
        t = texts[aid].encode("utf-8")
        pq = preds[aid]["quotes"]
        ments = {x["name"]: x.get("all_mentions", []) for x in preds[aid]["actors"]}
        for q in a["quotes"]:
            best, best_ov = None, 0
            for p in pq:
                ov = score.overlap((q["start"], q["end"]), (p["start"], p["end"]))
                if ov > best_ov and ov * 2 >= min(q["end"] - q["start"], p["end"] - p["start"]):
                    best, best_ov = p, ov
            linked = {s["actor"] for s in (best or {}).get("stances", []) if s.get("where") != "none"}
            for pair in q["pairs"]:
                via = "name, surname" if pair["via"] in ("name", "surname") else pair["via"]
                n_via[via] += 1
                if pair["actor"] in linked:
                    continue
                unlinked[via] += 1
                places = set()
                if best is None:
                    c = CAUSES[0]
                else:
                    qs, qe = best["start"], best["end"]
                    lo = t.rfind(b"\n", 0, qs) + 1
                    hi = t.find(b"\n", qe)
                    hi = len(t) if hi < 0 else hi
                    ss, se = sentence(t, lo, hi, qs, qe)
                    near = [m for m in ments.get(pair["actor"], []) if m["start"] >= lo and m["end"] <= hi]
                    c = CAUSES[2] if near else CAUSES[1]
                    places = {place(m, qs, qe, ss, se) for m in near}
                cause[(via, c)] += 1
                if places:  # the nearest place to the quote that holds a mention
                    where[(via, min(places, key=PLACES.index))] += 1
                if args.verbose:
                    print("%s [%d,%d) %s via %s (gold %s): %s%s" % (
                        aid, q["start"], q["end"], pair["actor"], pair["via"], pair["stance"], c,
                        " (%s)" % ", ".join(sorted(places, key=PLACES.index)) if places else ""))

    vias = sorted(n_via, key=lambda v: -unlinked[v])
    print("| via | gold pairs | unlinked | %s |" % " | ".join(CAUSES))
    print("|---|---:|---:|%s" % ("---:|" * len(CAUSES)))
    for v in vias:
        print("| %s | %d | %d | %s |" % (v, n_via[v], unlinked[v], " | ".join(str(cause[(v, c)]) for c in CAUSES)))
    print("| all | %d | %d | %s |" % (sum(n_via.values()), sum(unlinked.values()),
                                      " | ".join(str(sum(cause[(v, c)] for v in vias)) for c in CAUSES)))
    print()
    print("| via | mention near, not target | %s |" % " | ".join(PLACES))
    print("|---|---:|%s" % ("---:|" * len(PLACES)))
    for v in vias:
        if cause[(v, CAUSES[2])]:
            print("| %s | %d | %s |" % (v, cause[(v, CAUSES[2])], " | ".join(str(where[(v, p)]) for p in PLACES)))


if __name__ == "__main__":
    main()
