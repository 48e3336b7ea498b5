#!/usr/bin/env python3
"""List the entities discovery mode (no actors passed) gives stances to, for judging its precision.

    bench/e2e/entities.py [STANCE] [-m models/en-news.stm] --records R.jsonl
                          [--save OUT.jsonl | --pred OUT.jsonl] [--base BASE_OUT.jsonl]
                          [--judged JUDGED.tsv] [--context N]

Runs `STANCE classify --jsonl` on records {"id", "text"} (actors, if any, are dropped so the
library discovers them), or reads a saved output (--pred). Prints each discovered entity that
has at least one stance on a quote: its name, the articles it has stances in, its stances and
how many of them are favor/against, most stances first.

--judged reads a verdict per name, one a line: `junk<TAB>name` or `ok<TAB>name` (a name a user
would call an actor, or a word, phrase or fragment that is none: a capitalised sentence opener,
shouting, a headline's capitals). It prints the junk and ok totals as entities (article, name),
distinct names and stances, and lists the names it has no verdict for.
--base compares with another saved output of the same records: the (article, name) entities
with stances found only in one of the two.
--context N prints, under each name, its first N name mentions in their article (for judging).
"""
import argparse
import collections
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score  # noqa: E402


def read_records(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(x) for x in f if x.strip()]


def stanced(out):
    """{(article id, entity name): [labels]} of the discovered entities with stances."""
    ents = collections.defaultdict(list)
    for line in out.splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        disc = {a["name"] for a in d.get("actors", []) if a.get("discovered")}
        for q in d.get("quotes", []):
            for s in q.get("stances", []):
                if s["actor"] in disc:
                    ents[(d["id"], s["actor"])].append(s["label"])
    return ents


def mentions_text(out, texts, n):
    """{(article id, name): [up to n name mentions in context]}."""
    ctx = {}
    for line in out.splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        b = texts.get(d["id"], "").encode("utf-8")
        for a in d.get("actors", []):
            got = []
            for m in a.get("all_mentions", []):
                if m["kind"] in ("name", "surname") and len(got) < n:
                    s, e = m["start"], m["end"]
                    got.append((b[max(0, s - 40):s] + b"[" + b[s:e] + b"]" + b[e:e + 30]).decode(
                        "utf-8", "replace").replace("\n", " "))
            ctx[(d["id"], a["name"])] = got
    return ctx


def read_judged(path):
    v = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                verdict, name = line.split("\t", 1)
                if verdict not in ("junk", "ok"):
                    sys.exit("%s: verdict %r is not junk or ok" % (path, verdict))
                v[name] = verdict
    return v


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("stance", nargs="?", default="./stance")
    ap.add_argument("-m", "--model", default="models/en-news.stm")
    ap.add_argument("--records", required=True, help="JSONL records {id, text}")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--save", help="write the library's output here")
    g.add_argument("--pred", help="read this saved output instead of running")
    ap.add_argument("--base", help="a saved output of the same records to compare with")
    ap.add_argument("--judged", help="TSV of verdicts: junk|ok <TAB> name")
    ap.add_argument("--context", type=int, default=0, help="print N name mentions of each entity")
    args = ap.parse_args()

    records = read_records(args.records)
    if args.pred:
        with open(args.pred, encoding="utf-8") as f:
            out = f.read()
    else:
        out = score.run_stance(args.stance, args.model, [{"id": r["id"], "text": r["text"]} for r in records])
        if args.save:
            with open(args.save, "w", encoding="utf-8") as f:
                f.write(out)
    ents = stanced(out)
    by_name = collections.defaultdict(lambda: [0, 0, 0])  # articles, stances, favor/against
    for (_, name), labels in ents.items():
        t = by_name[name]
        t[0] += 1
        t[1] += len(labels)
        t[2] += sum(x != "none" for x in labels)
    ctx = mentions_text(out, {r["id"]: r["text"] for r in records}, args.context) if args.context else {}
    judged = read_judged(args.judged) if args.judged else {}
    print("%d records, %d entities (article, name) with stances, %d names, %d stances" % (
        len(records), len(ents), len(by_name), sum(t[1] for t in by_name.values())))
    print("%-40s %8s %8s %8s %s" % ("name", "articles", "stances", "fav/ag", "verdict" if judged else ""))
    for name, t in sorted(by_name.items(), key=lambda x: (-x[1][1], x[0])):
        print("%-40s %8d %8d %8d %s" % (name, t[0], t[1], t[2], judged.get(name, "?") if judged else ""))
        if ctx:
            for (aid, nm), got in ctx.items():
                if nm == name and (aid, nm) in ents:
                    for c in got:
                        print("    %s" % c)
    if judged:
        tot = collections.defaultdict(lambda: [0, 0, 0])
        for (_, name), labels in ents.items():
            t = tot[judged.get(name, "unjudged")]
            t[0] += 1
            t[2] += len(labels)
        for name in by_name:
            tot[judged.get(name, "unjudged")][1] += 1
        for v in ("junk", "ok", "unjudged"):
            print("%-9s entities %4d, names %4d, stances %4d" % (v, *tot[v]))
        miss = sorted(n for n in by_name if n not in judged)
        if miss:
            print("no verdict:", "; ".join(miss))
    if args.base:
        with open(args.base, encoding="utf-8") as f:
            base = stanced(f.read())
        gone, new = sorted(set(base) - set(ents)), sorted(set(ents) - set(base))
        print("only in base (%d): %s" % (len(gone), "; ".join(n for _, n in gone)))
        print("only here (%d): %s" % (len(new), "; ".join(n for _, n in new)))


if __name__ == "__main__":
    main()
