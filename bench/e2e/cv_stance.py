#!/usr/bin/env python3
"""Grouped k-fold cross-validation of end-to-end stance over the labelled PolNeAR *train*
articles (bench/e2e/labels/train-*.jsonl), so that choices about the stance head are made
without the dev labels. Folds by a hash of the article id. For each fold the stance head is
trained as `make models` trains it (the flags are read from models/Makefile.inc) on NewsMTSC
train plus the in-domain rows of the other folds, and bench/e2e/score.py scores the held-out
fold; accuracies are pooled over the pairs, beside the all-against guess on the same pairs.

usage (from the build directory):
  bench/e2e/cv_stance.py [--data DIR] [--folds 4] [--repeat N] [--in-domain-only] [--domain]
                         [--train-share F] [--name NAME] [--work DIR] [--fit-temperature] [-- EXTRA TRAIN FLAGS...]
--fit-temperature: pool the held-out folds' linked pairs (their stance probabilities and gold
labels), choose the in-domain temperature T (0.50..5.00 by 0.01) that minimises their negative
log-likelihood, and print it with the pooled ECE before and after: the value `make models` passes
as `stance train --in-domain-temperature stance=T` (models/Makefile.inc, MODEL_STANCE_TEMPERATURE).
Needs the data directory (NewsMTSC, VADER, PolNeAR); writes models, folds, each fold's held-out pairs
(NAME-pairsK.jsonl) and its classify output (NAME-outK.jsonl, for score.py --pred) under --work.
Only the Python standard library.
"""
import argparse
import math
import glob
import json
import os
import re
import subprocess
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))


def makefile_flags(data, names=("MODEL_FLAGS", "MODEL_STANCE_FLAGS")):
    """The `stance train` flags of models/Makefile.inc: the variables @names, joined."""
    mk = open(os.path.join(TOP, "models", "Makefile.inc")).read().replace("\\\n", " ")
    env = {"DATA_DIR": data}

    def var(v):
        s = re.search(r"^%s = (.*)$" % v, mk, re.M).group(1)
        return re.sub(r"\$\((\w+)\)", lambda m: env[m.group(1)] if m.group(1) in env else var(m.group(1)), s)

    return " ".join(var(n) for n in names)


def cv_arguments(doc, name, work):
    """The options of both cross-validations (this one and cv_sentiment.py)."""
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("--data", default=os.environ.get("STANCE_DATA", "/work/shared/data"))
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--repeat", default="1", help="copies of each in-domain row")
    ap.add_argument("--in-domain-only", action="store_true", help="train on the in-domain rows alone")
    ap.add_argument("--name", default=name)
    ap.add_argument("--work", default=work)
    ap.add_argument("--stance", default="./stance")
    ap.add_argument("extra", nargs="*", help="more `stance train` flags (after --)")
    return ap


def main():
    ap = cv_arguments(__doc__, "cv", "/tmp/stance-cv")
    ap.add_argument("--domain", action="store_true",
                    help="pass each fold's in-domain rows as `stance train --in-domain` (feature augmentation)")
    ap.add_argument("--fit-temperature", action="store_true",
                    help="choose the in-domain temperature on the held-out folds' linked pairs")
    ap.add_argument("--train-share", type=float, default=1.0, metavar="F",
                    help="train on the rows of this share of each fold's training articles (chosen by a hash of "
                         "the article id; the held-out folds stay whole): a learning curve of the in-domain labels")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    recs = []
    for f in sorted(glob.glob(os.path.join(TOP, "bench/e2e/labels/train-*.jsonl"))):
        recs += [l for l in open(f) if l.strip()]
    fold = lambda r: zlib.crc32(json.loads(r)["article"].encode()) % a.folds
    kept = lambda r: zlib.crc32(("share:" + json.loads(r)["article"]).encode()) % 1000 < a.train_share * 1000
    flags = makefile_flags(a.data) + " " + " ".join(a.extra)
    pooled = []
    for k in range(a.folds):
        # every file carries the run's name: two runs in one --work directory do not mix folds
        train, test, rows = (os.path.join(a.work, "%s-%s%d.jsonl" % (a.name, s, k)) for s in ("train", "test", "rows"))
        model = os.path.join(a.work, "%s%d.stm" % (a.name, k))
        with open(train, "w") as tr, open(test, "w") as te:
            for r in recs:
                if fold(r) == k:
                    te.write(r)
                elif kept(r):
                    tr.write(r)
        with open(rows, "w") as out:
            subprocess.run([sys.executable, os.path.join(TOP, "models/e2e_rows.py"), "--task", "stance",
                            "--repeat", a.repeat, "--articles", os.path.join(a.data, "polnear/train.jsonl"),
                            train], stdout=out, check=True)
        files = ("" if a.in_domain_only else os.path.join(a.data, "newsmtsc/train.jsonl") + ",") + rows
        dom = " --in-domain %s" % rows if a.domain else ""
        subprocess.run("%s train -q -o %s --name cv %s --no-ngram-text %s%s --head stance=%s"
                       % (a.stance, model, flags, rows, dom, files), shell=True, check=True)
        pairs_out = os.path.join(a.work, "%s-pairs%d.jsonl" % (a.name, k))
        out = subprocess.run([sys.executable, os.path.join(HERE, "score.py"), a.stance, "-m", model,
                              "--data", os.path.join(a.data, "polnear"), "--labels", test, "--pairs-out", pairs_out,
                              "--save", os.path.join(a.work, "%s-out%d.jsonl" % (a.name, k))],
                             capture_output=True, text=True, check=True).stdout
        n = int(re.search(r"gold pairs (\d+)", out).group(1))
        acc = float(re.search(r"stance \(all pairs.*?accuracy ([0-9.]+)", out).group(1))
        ag = float(re.search(r"all-against.*?accuracy ([0-9.]+)", out).group(1))
        link = re.search(r"pairs linked: +(\d+)/", out).group(1)
        lk = re.search(r"linked pairs only \((\d+)\): accuracy ([0-9.]+).*?accuracy ([0-9.]+)", out)
        lacc, lag = float(lk.group(2)), float(lk.group(3))
        pooled.append((n, acc, ag, int(link), lacc, lag))
        print("%s fold %d: pairs %d, linked %s, stance accuracy %.3f, all-against %.3f; linked only %.3f, all-against %.3f"
              % (a.name, k, n, link, acc, ag, lacc, lag))
    n = sum(p[0] for p in pooled)
    nl = sum(p[3] for p in pooled)
    print("%s pooled: pairs %d, linked %.3f, stance accuracy %.3f, all-against %.3f; linked pairs only: "
          "accuracy %.3f, all-against %.3f"
          % (a.name, n, nl / n, sum(p[0] * p[1] for p in pooled) / n, sum(p[0] * p[2] for p in pooled) / n,
             sum(p[3] * p[4] for p in pooled) / nl, sum(p[3] * p[5] for p in pooled) / nl))
    if a.fit_temperature:
        rows = []
        for k in range(a.folds):
            with open(os.path.join(a.work, "%s-pairs%d.jsonl" % (a.name, k))) as f:
                rows += [json.loads(l) for l in f if l.strip()]
        fit_temperature(rows, "held-out linked pairs")


def tempered(probs, t):
    v = {lab: max(p, 1e-12) ** (1 / t) for lab, p in probs.items()}
    z = sum(v.values())
    return {lab: x / z for lab, x in v.items()}


def fit_temperature(rows, what):
    """Print the temperature that minimises the negative log-likelihood of the pooled held-out @rows
    ({"probs": {label: p}, "gold": label}; @what names them)."""
    sys.path.insert(0, HERE)
    from score import ece

    def nll(t):
        return -sum(math.log(max(tempered(r["probs"], t)[r["gold"]], 1e-12)) for r in rows) / len(rows)

    def calib(t):
        conf = []
        for r in rows:
            p = tempered(r["probs"], t)
            best = max(p, key=p.get)
            conf.append((p[best], best == r["gold"]))
        return ece(conf)

    best = min(range(50, 501), key=lambda i: nll(i / 100)) / 100
    print("temperature on %d %s: T = %.2f; NLL %.4f -> %.4f, ECE %.3f -> %.3f"
          % (len(rows), what, best, nll(1), nll(best), calib(1), calib(best)))


if __name__ == "__main__":
    main()
