#!/usr/bin/env python3
"""Sentiment rows from a target-sentiment data set (NewsMTSC's format).

usage: polarity_rows.py FILE.jsonl [FILE.jsonl ...] > rows.jsonl

NewsMTSC labels the sentiment of a news sentence toward a person it names: its rows carry
the stance the stance head learns ("label": favor/against/none) and the polarity the
annotators gave ("orig_label": positive/negative/neutral). This writes, for each row, a
sentiment row in the format `stance train` reads: the same text, task "sentiment",
label = orig_label, no target. The sentiment head of models/en-news.stm learns from them
beside VADER's nyt snippets and the quote sentiments of our PolNeAR labels: news
sentences are closer to a news quote than the tweets and reviews that lowered it
(bench/RESULTS.md, "nmsent"). A sentence with several targets gives one row per target
(as in the source; their labels may differ), in file order, so `make models` stays
byte-reproducible. Rows without a polarity label are refused. Only the Python standard
library.
"""
import json
import sys

LABELS = ("positive", "negative", "neutral")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__.split("\n\n")[1])
    out = sys.stdout
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                r = json.loads(line)
                lab = r.get("orig_label")
                if lab not in LABELS:
                    sys.exit("polarity_rows.py: %s:%d: orig_label %r is not one of %s" % (path, n, lab, ", ".join(LABELS)))
                row = {"id": "%s-sentiment" % r.get("id", "%s:%d" % (path, n)), "task": "sentiment",
                       "text": r["text"], "label": lab}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
