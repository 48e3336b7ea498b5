#!/usr/bin/env python3
"""List the speaker errors of an end-to-end run, one block each, to classify them by cause.

    bench/quotes/spk_errors.py --pred OUT.jsonl [--labels 'bench/e2e/labels/train-*.jsonl']
                               [--data /work/shared/data/polnear] [--context 300] [--tsv]
    bench/quotes/spk_errors.py --pred A.jsonl --diff B.jsonl ...   # errors fixed and broken from A to B

OUT.jsonl is a saved output of bench/e2e/score.py --save.  A found quote and its
speaker are judged exactly as score.py judges them (same matching, same head rule).
Each error prints the article id, the gold span, the gold and predicted speakers, the
rule that attributed the quote, and the text before and after the quote (for reading
on the terminal only: use it on the train labels, never on dev).  --tsv prints one line
per error without text (id, span, rule, gold, predicted).
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
import causes  # noqa: E402
import score  # noqa: E402


def errors(arts, preds):
    """{(article, start, end): (gold names, predicted quote or None, ok)} over found quotes."""
    out = {}
    for aid, a in arts.items():
        pq = preds[aid]["quotes"]
        for q in a["quotes"]:
            g = (q["start"], q["end"])
            best = causes.match(q, pq)
            if best is None:
                continue
            p = pq[best]
            names = [q["speaker"]] + q["speaker_aliases"]
            ps = (p.get("speaker") or {}).get("name")
            out[(aid, g[0], g[1])] = (names, p, score.speaker_ok(ps, names))
    return out


def show(key, names, p, text, ctx, tsv):
    sp = p.get("speaker") or {}
    line = "%s\t%d\t%d\t%s\t%s\t%s\trole=%s" % (key[0], key[1], key[2], p.get("rule"), " | ".join(names),
                                               sp.get("name"), sp.get("role"))
    print(line)
    if tsv:
        return
    b = text.encode("utf-8")  # the offsets are byte offsets
    a = max(0, key[1] - ctx)
    before = b[a:key[1]].decode("utf-8", "replace").replace("\n", " / ")
    after = b[key[2]:key[2] + ctx // 2].decode("utf-8", "replace").replace("\n", " / ")
    print("   ...%s[[QUOTE %d chars]]%s..." % (before, key[2] - key[1], after))
    if sp.get("start") is not None:
        print("   speaker span: %r" % b[sp["start"]:sp["end"]].decode("utf-8", "replace"))
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pred", required=True)
    ap.add_argument("--diff", help="a second saved output: print the errors fixed and broken")
    ap.add_argument("--labels", default="bench/e2e/labels/train-*.jsonl")
    ap.add_argument("--data", default="/work/shared/data/polnear")
    ap.add_argument("--context", type=int, default=300)
    ap.add_argument("--tsv", action="store_true")
    args = ap.parse_args()
    _, arts = score.load_labels(args.labels)
    texts = score.load_texts(args.data, arts)
    ea = errors(arts, causes.load_pred(args.pred, arts))
    if not args.diff:
        for key, (names, p, ok) in ea.items():
            if not ok:
                show(key, names, p, texts[key[0]], args.context, args.tsv)
        return
    eb = errors(arts, causes.load_pred(args.diff, arts))
    fixed = [k for k in ea if not ea[k][2] and k in eb and eb[k][2]]
    broken = [k for k in eb if eb[k][2] is False and (k not in ea or ea[k][2])]
    print("fixed %d, broken %d" % (len(fixed), len(broken)))
    for title, keys in (("FIXED", fixed), ("BROKEN", broken)):
        for k in keys:
            print("%s (was %r)" % (title, (ea[k][1].get("speaker") or {}).get("name") if k in ea else None))
            show(k, eb[k][0], eb[k][1], texts[k[0]], args.context, args.tsv)


if __name__ == "__main__":
    main()
