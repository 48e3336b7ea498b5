#!/usr/bin/env python3
"""Why gold pairs are not linked: a table of the unlinked pairs by `via` and cause.

    bench/e2e/score.py ./stance --labels 'bench/e2e/labels/train-*.jsonl' --save OUT.jsonl
    bench/e2e/causes.py --labels 'bench/e2e/labels/train-*.jsonl' --pred OUT.jsonl [--data DIR] [-v]
    bench/e2e/causes.py --labels ... --pred NEW.jsonl --base OLD.jsonl      # what a change fixed and broke

OUT.jsonl is the library's output for the same labels (score.py --save). For every gold pair
whose quote gets no stance for its actor (score.py's "linked", same quote matching), the cause:
- quote not found: no predicted quote matches the gold quote;
- no mention near: the actor has no mention of any kind (the output's `all_mentions`) in the
  found quote's paragraph;
- mention near, not target: it has one there, but the quote has no stance for it.
A second table places the "mention near" ones: inside the quote, in the quote's sentence
(bounds approximated by ". ", "? ", "! "), earlier or later in the paragraph. Offsets are
bytes, as in the labels and the output. -v prints each unlinked pair. With --base (the output of
an earlier build for the same labels) it lists instead the gold pairs the change linked (fixed) and
unlinked (broken), linked pairs whose label changed, and the favor/against stances on found quotes
for labelled actors that are no gold pair (off-target, as score.py counts them) added and removed.
Only the standard library.
"""
import argparse
import collections
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


def pair_states(arts, preds):
    """{(article, quote start, actor): (via, gold, predicted label or None)} over the gold pairs, and
    {(article, predicted quote start, actor): label} over the off-target favor/against stances."""
    pairs, off = {}, {}
    for aid, a in arts.items():
        pq = preds[aid]["quotes"]
        names = {x["name"] for x in a["actors"]}
        gold_of = collections.defaultdict(set)
        for q in a["quotes"]:
            k = score.match_quote(q, pq)
            st = {}
            if k is not None:
                gold_of[k] |= {pr["actor"] for pr in q["pairs"]}
                st = {s["actor"]: s["label"] for s in pq[k].get("stances", []) if s.get("where") != "none"}
            for pr in q["pairs"]:
                pairs[(aid, q["start"], pr["actor"])] = (pr["via"], pr["stance"], st.get(pr["actor"]))
        for k, actors in gold_of.items():
            for s in pq[k].get("stances", []):
                if (s.get("where") != "none" and s["actor"] in names and s["actor"] not in actors
                        and s["label"] in ("favor", "against")):
                    off[(aid, pq[k]["start"], s["actor"])] = s["label"]
    return pairs, off


def compare(arts, old, new):
    po, oo = pair_states(arts, old)
    pn, on = pair_states(arts, new)
    fixed = [k for k in pn if po[k][2] is None and pn[k][2] is not None]
    broken = [k for k in pn if po[k][2] is not None and pn[k][2] is None]
    changed = [k for k in pn if None not in (po[k][2], pn[k][2]) and po[k][2] != pn[k][2]]
    added, removed = sorted(set(on) - set(oo)), sorted(set(oo) - set(on))
    print("fixed %d, broken %d, label changed %d; off-target added %d, removed %d"
          % (len(fixed), len(broken), len(changed), len(added), len(removed)))
    for what, keys, st in (("FIXED", fixed, pn), ("BROKEN", broken, po), ("CHANGED", changed, pn)):
        for k in keys:
            print("%-8s %s [%d] %s via %s, gold %s: %s -> %s" % (what, k[0], k[1], k[2], st[k][0], st[k][1],
                                                            po[k][2] or "no stance", pn[k][2] or "no stance"))
    for what, keys, st in (("OFF+", added, on), ("OFF-", removed, oo)):
        for k in keys:
            print("%-8s %s [%d] %s %s" % (what, k[0], k[1], k[2], st[k]))


def load_pred(path, arts):
    with open(path, encoding="utf-8") as f:
        preds = score.outputs_by_id(f)
    if set(preds) != set(arts):
        sys.exit("%s: its ids differ from the labelled articles" % path)
    return preds


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", required=True)
    ap.add_argument("--pred", required=True, help="score.py --save output for the same labels")
    ap.add_argument("--data", default="/work/shared/data/polnear")
    ap.add_argument("--base", help="an earlier build's output for the same labels: list what changed")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    _, arts = score.load_labels(args.labels)
    if not arts:
        sys.exit("no labels match %s" % args.labels)
    preds = load_pred(args.pred, arts)
    if args.base:
        compare(arts, load_pred(args.base, arts), preds)
        return
    texts = score.load_texts(args.data, arts)

    n_via, unlinked = collections.Counter(), collections.Counter()
    cause, where = collections.Counter(), collections.Counter()
    for aid, a in arts.items():
        t = texts[aid].encode("utf-8")
        pq = preds[aid]["quotes"]
        ments = {x["name"]: x.get("all_mentions", []) for x in preds[aid]["actors"]}
        for q in a["quotes"]:
            k = score.match_quote(q, pq)
            best = pq[k] if k is not None else None
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
