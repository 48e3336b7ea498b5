#!/usr/bin/env python3
"""How far two blind labellers of a user trial agree: speakers, sentiment, and stance pairs.

    bench/usertest/agreement.py [--first tests/data/usertest14] [--second bench/usertest/second14]
                                [--pred DIR [--mode aliases] [--aliases FILE]] [--list]

Both directories hold NAME.expect.md files in score.py's format (read with its parse_expect()),
with the same `## Qn` ids and `quote:` snippets (the second labeller labelled the first one's
quotes and actors, blind). `pair_conf:` / `pair_via:` lines give each pair's confidence and how
the quote refers to the actor, one or more `ACTOR VALUE` entries a line, separated by ", ".

Prints:
  quotes   speaker agreement (names compared with score.py's norm()); sentiment agreement and
           Cohen's kappa over quotes, and on the quotes both labelled with confidence 3;
  pairs    (quote, actor) pairs on which both say the quote concerns the actor: stance agreement,
           kappa, confusion, via agreement, and the same on pairs both gave confidence 3;
           pairs one labeller has and the other not, split into "none"-pairs (nearly the same as
           no pair) and favor/against pairs; stance over the union of pairs with a missing pair
           counted as "none" (as score.py counts an unlinked pair), and on the union pairs whose
           every label has confidence 3.
With --pred DIR (score.py --save output: NAME.MODE.json), also the library's stance and sentiment
against each labeller on the same items, and how many of the library's answers that differ from
the first labeller's the second labeller gives. --list prints every disagreement.
Only the Python standard library. bench/e2e/agreement.py does the same for the PolNeAR pairs; Cohen's
kappa is bench/kappa.py, which both import (each imports its own directory's score.py as `score`).
"""
import argparse
import collections
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(1, os.path.dirname(HERE))
import score  # noqa: E402
from kappa import kappa  # noqa: E402
from score import norm, parse_expect  # noqa: E402

STANCES = ("favor", "against", "none")
SENTIMENTS = ("positive", "negative", "neutral")


def pair_info(path):
    """{quote id: {actor: {"conf": int, "via": str}}} from the pair_conf / pair_via lines."""
    out, q = {}, None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("## "):
            q = out.setdefault(line[3:].strip(), {})
        elif q is not None and line.startswith(("pair_conf:", "pair_via:")):
            key, v = line.split(":", 1)
            for item in v.split(", "):
                actor, val = item.strip().rsplit(" ", 1)
                q.setdefault(actor.strip(), {})[key[5:]] = int(val) if key == "pair_conf" else val
    return out


def load(d):
    """{(article, qid): quote} with pairs {actor: (stance, conf, via)}, and the actors by article."""
    quotes, actors = {}, {}
    for path in sorted(glob.glob(os.path.join(d, "*.expect.md"))):
        name = os.path.basename(path)[:-len(".expect.md")]
        art = parse_expect(path)
        info = pair_info(path)
        actors[name] = art["actors"]
        for q in art["quotes"]:
            pi = info.get(q["id"], {})
            q["pairs"] = {a: (lab, pi.get(a, {}).get("conf", 0), pi.get(a, {}).get("via", "?"))
                          for a, lab in q["pairs"].items()}
            q["sentiment_conf"] = int(q.get("sentiment_conf", 0))
            quotes[(name, q["id"])] = q
    return quotes, actors


def agree_line(what, rows, labels):
    n = len(rows)
    if not n:
        return f"{what}: 0 items"
    a = sum(x == y for x, y in rows)
    return f"{what}: {n} items, agreement {a}/{n} = {a / n:.3f}, kappa {kappa(rows, labels):.3f}"


def confusion(rows, labels):
    c = collections.Counter(rows)
    return "; ".join(f"{s} " + "/".join(str(c[(s, t)]) for t in labels) for s in labels)


def library(pred_dir, mode, first, second):
    """The library's sentiment by quote and stance by (quote, actor), read from score.py --save output
    and matched as score.py matches them (quote_match(), actor_match()); an unlinked pair is "none"."""
    sent, stance = {}, {}
    for name in sorted({k[0] for k in first}):
        path = os.path.join(pred_dir, f"{name}.{mode}.json")
        out = json.load(open(path, encoding="utf-8"))["quotes"]
        for (art, qid), q in first.items():
            if art != name:
                continue
            i = score.quote_match(q, out)
            o = out[i] if i is not None else None
            sent[(art, qid)] = o["sentiment"]["label"] if o else None
            got = {st["actor"]: st["label"] for st in (o or {}).get("stances", [])}
            actors = set(q["pairs"]) | set(second[(art, qid)]["pairs"])
            for a in actors:
                hit = next((k for k in got if score.actor_match(a, k, mode)), None)
                stance[(art, qid, a)] = got[hit] if hit else "none"
    return sent, stance


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--first", default=os.path.join(ROOT, "tests", "data", "usertest14"))
    ap.add_argument("--second", default=os.path.join(HERE, "second14"))
    ap.add_argument("--pred", help="score.py --save directory of the library's outputs")
    ap.add_argument("--mode", default="aliases", help="which saved outputs (disc, actors, aliases)")
    ap.add_argument("--aliases", default=os.path.join(HERE, "aliases14.txt"),
                    help="aliases file the outputs were made with (for actor matching)")
    ap.add_argument("--list", action="store_true", help="print every disagreement")
    a = ap.parse_args()
    first, act1 = load(a.first)
    second, act2 = load(a.second)
    if set(first) != set(second):
        raise SystemExit(f"quote ids differ: {sorted(set(first) ^ set(second))}")
    for k in first:
        if norm(first[k]["quote"]) != norm(second[k]["quote"]):
            raise SystemExit(f"{k}: the quote snippets differ")
    if act1 != act2:
        raise SystemExit("the actors: lines differ")
    keys = sorted(first, key=lambda k: (k[0], int(k[1][1:]) if k[1][1:].isdigit() else k[1]))
    out = []

    spk = [(norm(first[k]["speaker"]), norm(second[k]["speaker"])) for k in keys]
    n = len(keys)
    sa = sum(x == y for x, y in spk)
    out.append(f"quotes: {n}")
    out.append(f"speaker: agreement {sa}/{n} = {sa / n:.3f}")
    sent = [(first[k]["sentiment"], second[k]["sentiment"]) for k in keys]
    out.append(agree_line("sentiment, all quotes", sent, SENTIMENTS))
    out.append("  confusion (rows first, columns second: positive/negative/neutral): "
               + confusion(sent, SENTIMENTS))
    s3 = [(first[k]["sentiment"], second[k]["sentiment"]) for k in keys
          if first[k]["sentiment_conf"] == 3 and second[k]["sentiment_conf"] == 3]
    out.append(agree_line("sentiment, both conf 3", s3, SENTIMENTS))
    for who, d in (("first", first), ("second", second)):
        out.append(f"  {who}: " + ", ".join(f"{s} {sum(d[k]['sentiment'] == s for k in keys)}" for s in SENTIMENTS)
                   + f"; conf 3 on {sum(d[k]['sentiment_conf'] == 3 for k in keys)} quotes")

    both, only1, only2 = [], [], []
    for k in keys:
        p1, p2 = first[k]["pairs"], second[k]["pairs"]
        for actor in sorted(set(p1) | set(p2)):
            item = (k[0], k[1], actor)
            if actor in p1 and actor in p2:
                both.append((item, p1[actor], p2[actor]))
            elif actor in p1:
                only1.append((item, p1[actor]))
            else:
                only2.append((item, p2[actor]))
    n1 = sum(len(first[k]["pairs"]) for k in keys)
    n2 = sum(len(second[k]["pairs"]) for k in keys)
    self1 = sum(a == first[k]["speaker"] for k in keys for a in first[k]["pairs"])
    self2 = sum(a == second[k]["speaker"] for k in keys for a in second[k]["pairs"])
    out.append(f"\npairs: first {n1} (self pairs {self1}), second {n2} (self pairs {self2}); "
               f"both {len(both)}, first only {len(only1)}, second only {len(only2)}, union "
               f"{len(both) + len(only1) + len(only2)}")
    rows = [(l1[0], l2[0]) for _, l1, l2 in both]
    out.append(agree_line("stance, pairs both have", rows, STANCES))
    out.append("  confusion (rows first, columns second: favor/against/none): " + confusion(rows, STANCES))
    via = sum(l1[2] == l2[2] for _, l1, l2 in both)
    out.append(f"  via agreement: {via}/{len(both)}")
    rows3 = [(l1[0], l2[0]) for _, l1, l2 in both if l1[1] == 3 and l2[1] == 3]
    out.append(agree_line("stance, pairs both have, both conf 3", rows3, STANCES))
    for who, lst in (("first", only1), ("second", only2)):
        c = collections.Counter(lab[0] for _, lab in lst)
        c3 = collections.Counter(lab[0] for _, lab in lst if lab[1] == 3)
        out.append(f"pairs only the {who} has: {len(lst)}: none {c['none']}, favor/against "
                   f"{c['favor'] + c['against']} (favor {c['favor']}, against {c['against']}); of them conf 3: "
                   f"none {c3['none']}, favor/against {c3['favor'] + c3['against']}")
    union = rows + [(lab[0], "none") for _, lab in only1] + [("none", lab[0]) for _, lab in only2]
    out.append(agree_line("stance over the union (missing pair = none)", union, STANCES))
    out.append("  confusion (rows first, columns second: favor/against/none): " + confusion(union, STANCES))
    union3 = rows3 + [(lab[0], "none") for _, lab in only1 if lab[1] == 3] + \
        [("none", lab[0]) for _, lab in only2 if lab[1] == 3]
    out.append(agree_line("stance over the union, every label present conf 3", union3, STANCES))

    if a.pred:
        score.load_aliases(a.aliases)
        lsent, lst = library(a.pred, a.mode, first, second)
        out.append(f"\nlibrary ({a.mode} outputs of {a.pred}):")
        for what, items, lab1, lab2 in (
                ("sentiment, quotes", [(k,) for k in keys],
                 lambda it: first[it[0]]["sentiment"], lambda it: second[it[0]]["sentiment"]),
                ("stance, pairs both have", [(it,) for it, _, _ in both],
                 lambda it: first[it[0][:2]]["pairs"][it[0][2]][0], lambda it: second[it[0][:2]]["pairs"][it[0][2]][0]),
                ("stance, union (missing = none)", [(it,) for it, _, _ in both] + [(it,) for it, _ in only1]
                 + [(it,) for it, _ in only2],
                 lambda it: first[it[0][:2]]["pairs"].get(it[0][2], ("none",))[0],
                 lambda it: second[it[0][:2]]["pairs"].get(it[0][2], ("none",))[0])):
            lib = (lambda it: lsent[it[0]]) if what.startswith("sentiment") else (lambda it: lst[it[0]])
            m = len(items)
            r1 = sum(lib(it) == lab1(it) for it in items)
            r2 = sum(lib(it) == lab2(it) for it in items)
            wrong1 = [it for it in items if lib(it) != lab1(it)]
            w2 = sum(lib(it) == lab2(it) for it in wrong1)
            both_agree = [it for it in items if lab1(it) == lab2(it)]
            rb = sum(lib(it) == lab1(it) for it in both_agree)
            if a.list:
                gives = [f"{'/'.join(it[0])}: first {lab1(it)}, second {lab2(it)}, library {lib(it)}"
                         for it in wrong1 if lib(it) == lab2(it)]
                out.append(f"  ({what}: the second labeller gives the library's answer on: "
                           f"{'; '.join(gives) or 'none'})")
            out.append(f"  {what}: {m} items; library = first {r1} ({r1 / m:.3f}), = second {r2} ({r2 / m:.3f}); "
                       f"of the {len(wrong1)} answers that differ from the first, the second labeller gives {w2}; "
                       f"on the {len(both_agree)} items both labellers agree on, library right {rb} "
                       f"({rb / len(both_agree):.3f})")

    if a.list:
        out.append("\n### speaker disagreements")
        out += [f"  {k[0]} {k[1]}: first {first[k]['speaker']!r}, second {second[k]['speaker']!r}"
                for k in keys if norm(first[k]["speaker"]) != norm(second[k]["speaker"])]
        out.append("\n### sentiment disagreements (label conf)")
        out += [f"  {k[0]} {k[1]}: first {first[k]['sentiment']} {first[k]['sentiment_conf']}, second "
                f"{second[k]['sentiment']} {second[k]['sentiment_conf']} | {first[k]['quote'][:80]}"
                for k in keys if first[k]["sentiment"] != second[k]["sentiment"]]
        out.append("\n### stance disagreements on pairs both have (label conf via)")
        out += [f"  {it[0]} {it[1]} {it[2]}: first {' '.join(map(str, l1))}, second {' '.join(map(str, l2))}"
                for it, l1, l2 in both if l1[0] != l2[0]]
        for who, lst in (("first", only1), ("second", only2)):
            out.append(f"\n### pairs only the {who} has (label conf via)")
            out += [f"  {it[0]} {it[1]} {it[2]}: {' '.join(map(str, lab))}" for it, lab in lst]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
