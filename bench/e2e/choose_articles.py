#!/usr/bin/env python3
"""Choose the PolNeAR articles of the end-to-end set, deterministically.

    bench/e2e/choose_articles.py DATA_DIR/polnear/dev.jsonl   [-n 42]
    bench/e2e/choose_articles.py DATA_DIR/polnear/train.jsonl [-n 42]

An article qualifies when the PolNeAR gold has 2 to 20 direct quotes of five words or
more (very long interview transcripts would dominate the set). Qualifying articles are
ordered by sha1(id) within each publisher and taken round-robin over the publishers
until -n are chosen, so every outlet is represented as evenly as the data allows and the
choice does not depend on the file order. Prints one id per line, in that order. Reads
only the text and the gold annotations, never libstance's output.
"""
import argparse
import collections
import hashlib
import json


def n_direct(article):
    text = article["text"].encode("utf-8")
    return sum(1 for q in article["quotes"]
               if q["type"] == "direct" and len(text[q["start"]:q["end"]].split()) >= 5)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data")
    ap.add_argument("-n", type=int, default=42, help="articles to choose (default 42)")
    args = ap.parse_args()
    by_pub = collections.defaultdict(list)
    with open(args.data, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            if 2 <= n_direct(a) <= 20:
                by_pub[a["publisher"]].append(a["id"])
    queues = [sorted(by_pub[p], key=lambda i: hashlib.sha1(i.encode()).hexdigest()) for p in sorted(by_pub)]
    chosen = []
    while len(chosen) < args.n and any(queues):
        for q in queues:
            if q and len(chosen) < args.n:
                chosen.append(q.pop(0))
    for i in chosen:
        print(i)


if __name__ == "__main__":
    main()
