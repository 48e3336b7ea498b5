#!/usr/bin/env python3
"""Training rows from the blind end-to-end labels on PolNeAR *train* articles.

usage: e2e_rows.py --task stance|sentiment [--repeat N] [--exclude-articles LIST] [--sides SIDES.tsv]
                   --articles ARTICLES.jsonl LABELS.jsonl [LABELS.jsonl ...] > rows.jsonl

Reads bench/e2e/labels/train-*.jsonl (offsets, names and labels: no text) and the
PolNeAR articles they point into (not in the repository), and writes one JSONL row
per labelled item in the format `stance train` reads:

  stance:    one row per (quote, actor) pair: text = the quote's bytes, target = the
             actor's name, target_spans = where the quote names it (full name, an
             alias, the surname) or, when the labeller saw a pronoun, the quote's
             third-person pronouns; label = favor | against | none. With --sides (name|side lines, e.g.
             bench/e2e/sides.tsv: the sides a caller passes), "relation" = the target's relation to the
             speaker when known (self, speaks-for, same-side, opposite-side; bench/e2e/sides.py's relation(),
             over the actors bench/e2e/score.py --sides passes): the side family's feature
             (models/FORMAT.md, family 15) trains on it.
  sentiment: one row per quote: text = the quote, label = positive | negative | neutral.

Every row carries "group" = ARTICLE:START-END, the quote's bytes in its article: `stance
train` keeps the rows of one group (a quote's pairs, the --repeat copies) in one calibration
fold, so that the Platt sigmoid is not fitted on decision values of rows whose copies trained
the model (bench/RESULTS.md, section sent3).

Each row is written N times (--repeat, default 1): the weight of in-domain rows
beside the much larger public sets. Rows of articles whose split is not "train"
are refused: dev labels are for measuring only. Output is deterministic (file
order), so `make models` stays byte-reproducible. Only the Python standard library.
"""
import argparse
import json
import os
import re
import sys
import zlib

PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}


def name_keys(actor):
    """Byte strings that name @actor inside a quote: full name, aliases, surname."""
    names = [actor["name"]] + list(actor.get("aliases") or [])
    keys = set()
    for n in names:
        keys.add(n)
        parts = n.split()
        if len(parts) > 1:
            keys.add(parts[-1])
    # longest first; equal lengths in byte order, so that the rows (and the model trained
    # on them) do not depend on the set's iteration order (PYTHONHASHSEED): "Crooked
    # Hillary" and "Hillary Clinton" overlap in one quote and are both 15 bytes long
    return sorted((k.encode("utf-8") for k in keys if len(k) > 1), key=lambda b: (-len(b), b))


def find_spans(text, keys, pronouns):
    spans = []
    taken = bytearray(len(text))
    for k in keys:
        for m in re.finditer(rb"(?<![A-Za-z])" + re.escape(k) + rb"(?![A-Za-z])", text):
            if not any(taken[m.start():m.end()]):
                spans.append([m.start(), m.end()])
                taken[m.start():m.end()] = b"\1" * (m.end() - m.start())
    if pronouns and not spans:
        for m in re.finditer(rb"(?<![A-Za-z])[A-Za-z]+(?![A-Za-z])", text):
            if m.group(0).lower().decode() in PRONOUNS:
                spans.append([m.start(), m.end()])
    return sorted(spans)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--task", choices=("stance", "sentiment"), required=True)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--exclude-articles", default="",
                    help="file with article ids (one a line) to leave out (for cross-validation)")
    ap.add_argument("--articles", required=True, help="PolNeAR train.jsonl (the article texts)")
    ap.add_argument("--sides", help="name|side lines: write each stance row's relation (bench/e2e/sides.py)")
    ap.add_argument("--sides-share", type=float, default=1.0, metavar="F",
                    help="with --sides: write the relation in the rows of this share of the articles only (chosen by "
                         "a hash of the article id): the others train the head as a caller without sides uses it")
    ap.add_argument("labels", nargs="+")
    a = ap.parse_args()
    if a.repeat < 1:
        sys.exit("e2e_rows.py: --repeat must be at least 1")
    skip = set()
    if a.exclude_articles:
        with open(a.exclude_articles, encoding="utf-8") as f:
            skip = {l.strip() for l in f if l.strip()}
    labels = []
    for path in a.labels:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                r = json.loads(line)
                if r.get("split") != "train":
                    sys.exit("e2e_rows.py: %s:%d: article %s is not a train article; dev labels never train"
                             % (path, n, r.get("article")))
                if r["article"] not in skip:
                    labels.append(r)
    want = {r["article"] for r in labels}
    texts = {}
    with open(a.articles, encoding="utf-8") as f:
        for line in f:
            if not any(i in line[:300] for i in want):
                continue
            d = json.loads(line)
            if d["id"] in want:
                if d.get("split", "train") != "train":
                    sys.exit("e2e_rows.py: article %s is not in PolNeAR train" % d["id"])
                texts[d["id"]] = d["text"].encode("utf-8")
    missing = sorted(want - set(texts))
    if missing:
        sys.exit("e2e_rows.py: articles not in %s: %s" % (a.articles, ", ".join(missing)))
    out = sys.stdout
    sides = table = None
    if a.sides:
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bench", "e2e"))
        import sides
        table = sides.load(a.sides)
    for r in labels:
        text = texts[r["article"]]
        actors = {x["name"]: x for x in r["actors"]}
        watch = sides.watch_list(text.decode("utf-8"), [(x["name"], x.get("aliases") or []) for x in r["actors"]],
                                 table) if sides else None
        for qi, q in enumerate(r["quotes"]):
            qt = text[q["start"]:q["end"]]
            base = "e2e-%s-%d" % (r["article"], qi)
            group = "%s:%d-%d" % (r["article"], q["start"], q["end"])
            rows = []
            if a.task == "sentiment":
                rows.append({"id": base, "task": "sentiment", "text": qt.decode("utf-8"), "label": q["sentiment"],
                             "group": group})
            else:
                for p in q["pairs"]:
                    actor = actors.get(p["actor"], {"name": p["actor"]})
                    spans = find_spans(qt, name_keys(actor), p.get("via") == "pronoun")
                    row = {"id": "%s-%s" % (base, p["actor"]), "task": "stance", "text": qt.decode("utf-8"),
                           "target": actor["name"], "target_spans": spans, "label": p["stance"], "group": group}
                    rel = sides.relation(text.decode("utf-8"), q["speaker"], actor["name"], watch) if sides else None
                    if rel and zlib.crc32(("sides:" + r["article"]).encode()) % 1000 < a.sides_share * 1000:
                        row["relation"] = rel
                    rows.append(row)
            for row in rows:
                s = json.dumps(row, ensure_ascii=False) + "\n"
                for _ in range(a.repeat):
                    out.write(s)


if __name__ == "__main__":
    main()
