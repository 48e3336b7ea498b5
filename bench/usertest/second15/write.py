#!/usr/bin/env python3
"""Write a second labeller's expect files for a trial from a compact form (trials 15 and 16).

    bench/usertest/second15/write.py bench/usertest/secondN/labels.txt

N, the trial, is read from the labels file's directory (secondN); the expect files are
written beside it. Reads the unit (actors line, quote ids and quote lines) by snippets.py's
rule (only those lines of tests/data/usertestN/NN_slug.expect.md are looked at), and the
labels from LABELS (`=NN` then `Qn|speaker|sentiment|conf|actor,stance,via,conf;...`).
"""
import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
OUT = os.path.dirname(os.path.abspath(sys.argv[1]))
TRIAL = re.fullmatch(r"second(\d+)", os.path.basename(OUT)).group(1)
labels, cur = {}, None
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("="):
        cur = line[1:]
        labels[cur] = {}
    elif line:
        qid, spk, sent, sc, pairs = line.split("|")
        labels[cur][qid] = (spk, sent, sc, [p.split(",") for p in pairs.split(";") if p])
for path in sorted(glob.glob(os.path.join(ROOT, "tests/data/usertest%s/*.expect.md" % TRIAL))):
    name = os.path.basename(path)
    lab = labels[name[:2]]
    out = ["# %s: second labeller (ut%sb), blind" % (name[:-10], TRIAL), ""]
    seen = set()
    actors, qid = [], None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("actors:"):
            actors = [a.strip() for a in line[7:].split("|")]
            out += [line, ""]
        elif line.startswith("## "):
            qid = line[3:].split()[0]
            out.append("## " + qid)
        elif line.startswith("quote:"):
            spk, sent, sc, pairs = lab[qid]
            seen.add(qid)
            out += [line, "speaker: " + spk, "sentiment: " + sent, "sentiment_conf: " + sc]
            for a, st, via, c in pairs:
                assert a in actors, (name, qid, a)
                out.append("- %s: %s" % (a, st))
            for a, st, via, c in pairs:
                out.append("pair_via: %s %s" % (a, via))
            for a, st, via, c in pairs:
                out.append("pair_conf: %s %s" % (a, c))
            out.append("")
    assert seen == set(lab), (name, seen ^ set(lab))
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as fh:
        fh.write("\n".join(out))
