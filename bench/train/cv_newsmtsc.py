#!/usr/bin/env python3
"""Grouped k-fold CV on train of one head, trained as `make models` trains it, scored by `stance eval`.

--head stance (default): NewsMTSC train, folds by article. The article of a row is its orig_id's
first three "_"-separated fields, the source and the two article numbers of NewsMTSC's id
("allsides_1000_401_25_Reality Leigh Winner_0_6" -> "allsides_1000_401"; the rest are the sentence
and the target), the same key as bench/train/cv_calib.py's group_of; a fold is crc32(article) mod k.
Every fold's model is trained on the other folds *plus all the in-domain rows* of models/e2e_rows.py
(the stance pairs of the blind PolNeAR train labels), because the shipped head is trained on them:
they are another domain (PolNeAR, never NewsMTSC text), so no held-out NewsMTSC article leaks through
them, and leaving them out would measure a recipe nobody ships (the summary's reference figure,
0.6696, is with them). Metric: macro-F1 (favor/against/none).
--head sentiment: VADER nyt train, folds by its `group` field, the band head: the flags of
MODEL_SENTIMENT_FLAGS (neutral band 0.5), added with --add-to to a stance model trained once on all
NewsMTSC train + in-domain rows with the stance flags and EXTRA (so a feature change reaches it as in
`make models`), with every fold's training plus all the in-domain quote sentiment rows and NewsMTSC
train's polarity rows (models/polarity_rows.py; as shipped);
scored with `stance eval --neutral-band` of the same band. --head sentiment-vader: the same folds,
MODEL_VADER_FLAGS, nyt train only, VADER's labels. Metric for both: weighted F1.
The flags are read from models/Makefile.inc (bench/e2e/cv_stance.py's makefile_flags) with `--cv 0`
(the recipe has one C, so no search is lost), then EXTRA (after --) which override them, e.g.
  bench/train/cv_newsmtsc.py --name c35 -- --char-n 3-5
EXTRA reaches the stance model only; for the sentiment heads' own flags (their C, class weights) use
--head-flags, e.g. `--head sentiment --head-flags '--C 0.5'`. bench/train/paired_cv.py compares two runs
made with --fit-temperature (per fold, a group bootstrap and a sign test).
Prints each fold's figure from `stance eval`, their mean (how the earlier sections report CV) and
the figure of the pooled confusion matrices. Needs the data directory; writes under --work (files
named NAME-HEAD-*; the fold models NAME-HEAD-K.stm and held-out rows NAME-HEAD-teK.jsonl are kept).
--fit-temperature: also score every held-out row with `stance predict` (its probabilities), pool them
(NAME-HEAD-oof.jsonl) and choose the head's general temperature T that minimises their negative
log-likelihood (cv_stance.py's fit_temperature; ECE before and after printed beside it): the value
`make models` passes as `stance train --temperature HEAD=T` (models/Makefile.inc, MODEL_TEMPERATURES).
--domain: the in-domain rows also as `stance train --in-domain` (feature augmentation, as `make models` does
once the families name domain): the stance pairs to every stance model, the quote sentiment rows to the
sentiment head; give the families with domain after --, e.g.
  bench/train/cv_newsmtsc.py --head sentiment --domain -- --families word:1,...,vec:0.25,domain
--seeds 1,2,3 (and/or --folds 5,10), --compare A: the training noise, as in bench/e2e/cv_stance.py: one
run per (fold count, seed) cell, the seed (`stance train --seed S`) given to the head that is scored
(--head stance: the stance model; the sentiment heads: their own training, the stance model they are
added to is trained once per run with the recipe's seed), and this run minus run A per cell beside the
seed-only null, e.g.
  bench/train/cv_newsmtsc.py --head sentiment --folds 5,10 --seeds 1,2,3 --name base
  bench/train/cv_newsmtsc.py --head sentiment --folds 5,10 --seeds 1,2,3 --name c05 --compare base --head-flags '--C 0.5'
Test splits are never read. Only the Python standard library; run from the build directory.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(TOP, "bench", "e2e"))
from cv_stance import (cv_cells, fit_temperature, makefile_flags, names_domain, seed_arguments,  # noqa: E402
                       sentiment_news_rows)


def article(rec):
    """The fold key: NewsMTSC's article (see the docstring), vader_nyt's group."""
    if "group" in rec:
        return str(rec["group"])
    return "_".join(rec["orig_id"].split("_")[:3])


def scores(cm):
    """macro-F1 and weighted-F1 of a confusion matrix (rows gold, columns predicted)."""
    k, n = len(cm), sum(map(sum, cm))
    macro = weighted = 0.0
    for c in range(k):
        tp, gold, pred = cm[c][c], sum(cm[c]), sum(cm[r][c] for r in range(k))
        f1 = 2 * tp / (gold + pred) if gold + pred else 0.0
        macro += f1 / k
        weighted += f1 * gold / n
    return macro, weighted


def held_out(stance, model, head, path, band):
    """The held-out rows of @p path scored by @p model: {"probs", "gold"} (gold with the neutral @p band
    on orig_score where it is set, as `stance eval --neutral-band` takes it)."""
    out = subprocess.run([stance, "predict", "-m", model, "--head", head, path], check=True, capture_output=True,
                         text=True).stdout.splitlines()
    recs = [json.loads(l) for l in open(path) if l.strip()]
    rows = []
    for rec, line in zip(recs, out):
        gold = rec["label"]
        if band is not None and "orig_score" in rec:
            s = rec["orig_score"]
            gold = "neutral" if abs(s) < float(band) else ("positive" if s > 0 else "negative")
        pred = json.loads(line)
        rows.append({"id": rec["id"], "probs": pred["probs"], "pred": pred["label"], "gold": gold})
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--head", default="stance", choices=["stance", "sentiment", "sentiment-vader"])
    ap.add_argument("--data", default=os.environ.get("STANCE_DATA", "/work/shared/data"))
    ap.add_argument("--name", default="base")
    ap.add_argument("--work", default="/tmp/stance-cv-newsmtsc")
    ap.add_argument("--stance", default="./stance")
    ap.add_argument("--fit-temperature", action="store_true",
                    help="choose the head's general temperature on the pooled held-out rows")
    ap.add_argument("--no-in-domain", action="store_true",
                    help="--head stance: train the folds on NewsMTSC alone (without the in-domain rows)")
    ap.add_argument("--domain", action="store_true",
                    help="pass the in-domain rows as `stance train --in-domain` (feature augmentation), as `make models` "
                         "does: the stance pairs to the stance model, the quote sentiments to the sentiment head; the "
                         "families must name domain (after --); on by itself when they do, as the shipped recipe's do")
    ap.add_argument("--sentiment-repeat", default="1", metavar="N",
                    help="--head sentiment: copies of each in-domain quote sentiment row (cv_sentiment.py's --repeat)")
    ap.add_argument("--head-flags", default="", metavar="FLAGS",
                    help="more `stance train` flags for the sentiment head only (one quoted string; EXTRA goes to "
                         "the stance model it is added to), e.g. --head-flags '--C 0.5'")
    seed_arguments(ap, 5)
    ap.add_argument("extra", nargs="*", help="more `stance train` flags (after --)")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)

    def seeded(b, s):
        if b.head == "stance":
            b.extra += ["--seed", str(s)]
        else:
            b.head_flags += " --seed %d" % s
    cv_cells(a, run, seeded, "-" + a.head)  # WORK/NAME-HEAD-cells.json: the heads' runs may share --work


def run(a):
    """One cross-validation (a.folds an int): prints each fold and the figures, returns them."""
    W = lambda s: os.path.join(a.work, "%s-%s-%s" % (a.name, a.head, s))  # two runs in one --work do not mix
    extra = " ".join(a.extra)
    stance_flags = "%s --cv 0 %s" % (makefile_flags(a.data), extra)
    labels = sorted(glob.glob(os.path.join(TOP, "bench/e2e/labels/train-*.jsonl")))

    def rows(task):
        out = W("e2e-%s.jsonl" % task)
        with open(out, "w") as f:
            rep = ["--repeat", a.sentiment_repeat] if task == "sentiment" else []
            subprocess.run([sys.executable, os.path.join(TOP, "models/e2e_rows.py"), "--task", task, "--articles",
                            os.path.join(a.data, "polnear/train.jsonl")] + rep + labels, stdout=f, check=True)
        return out

    def sh(cmd):
        subprocess.run(cmd, shell=True, check=True)

    srows = rows("stance")
    a.domain = a.domain or names_domain(stance_flags)
    sdom = " --in-domain %s" % srows if a.domain else ""
    if a.head == "stance":
        src = os.path.join(a.data, "newsmtsc/train.jsonl")
        evalf, metric, band = "", 0, None

        def train(model, files):
            sh("%s train -q -o %s --name cv %s --no-ngram-text %s%s --head stance=%s%s"
               % (a.stance, model, stance_flags, srows, sdom, files, "" if a.no_in_domain else "," + srows))
    else:
        src = os.path.join(a.data, "vader_nyt/train.jsonl")
        base = getattr(a, "shared", {}).get("base")  # the cells of one run share it (their seeds are the head's)
        if base is None:
            base = W("stance-all.stm")
            sh("%s train -q -o %s --name cv %s --no-ngram-text %s%s --head stance=%s,%s"
               % (a.stance, base, stance_flags, srows, sdom, os.path.join(a.data, "newsmtsc/train.jsonl"), srows))
            getattr(a, "shared", {})["base"] = base
        if a.head == "sentiment":
            fl = makefile_flags(a.data, ("MODEL_FLAGS", "MODEL_SENTIMENT_FLAGS"))
            band = re.search(r"--neutral-band ([0-9.]+)", fl).group(1)
            evalf, qrows = " --neutral-band " + band, rows("sentiment")
            more = " --no-ngram-text %s%s" % (qrows, " --in-domain " + qrows if a.domain else "")
            news = sentiment_news_rows(a.data, a.work)  # NewsMTSC's polarity rows, in every fold as shipped
            if news:
                qrows = news + "," + qrows
        else:
            fl = makefile_flags(a.data, ("MODEL_FLAGS", "MODEL_VADER_FLAGS"))
            evalf, qrows, more, band = "", None, "", None
        fl += " " + a.head_flags
        metric = 1

        def train(model, files):
            sh("%s train -q -o %s --add-to %s %s --cv 0%s --head %s=%s%s"
               % (a.stance, model, base, fl, more, a.head, files, "," + qrows if qrows else ""))
    recs = [l for l in open(src) if l.strip()]
    fold = [zlib.crc32(article(json.loads(r)).encode()) % a.folds for r in recs]
    per, pooled, oof, bins = [], None, [], {}
    for k in range(a.folds):
        tr, te, model = W("tr%d.jsonl" % k), W("te%d.jsonl" % k), W("%d.stm" % k)
        with open(tr, "w") as ftr, open(te, "w") as fte:
            for r, f in zip(recs, fold):
                (fte if f == k else ftr).write(r)
        train(model, tr)
        ev = json.loads(subprocess.run("%s eval --json -m %s --head %s%s %s" % (a.stance, model, a.head, evalf, te),
                                       shell=True, check=True, capture_output=True, text=True).stdout)
        if a.fit_temperature:
            oof += held_out(a.stance, model, a.head, te, band)
        for b in ev["reliability"]:  # pooled: n, n * confidence, n * accuracy per bin
            if b["n"]:
                t = bins.setdefault(b["from"], [0, 0.0, 0.0])
                t[0] += b["n"]
                t[1] += b["n"] * b["confidence"]
                t[2] += b["n"] * b["accuracy"]
        cm = ev["confusion"]
        pooled = cm if pooled is None else [[x + y for x, y in zip(r, s)] for r, s in zip(pooled, cm)]
        per.append(ev["macro_f1"] if metric == 0 else ev["weighted_f1"])
        print("%s %s fold %d: n %d, %s %.4f" % (a.name, a.head, k, ev["n"], ("macro-F1", "weighted-F1")[metric], per[-1]),
              flush=True)
    print("%s %s: %s mean of folds %.4f (%s), pooled %.4f; flags: %s"
          % (a.name, a.head, ("macro-F1", "weighted-F1")[metric], sum(per) / len(per),
             " ".join("%.3f" % p for p in per), scores(pooled)[metric],
             " ".join(x for x in (extra, a.head_flags and "head: " + a.head_flags) if x) or "(shipped)"))
    if a.fit_temperature:
        with open(W("oof.jsonl"), "w") as f:
            f.writelines(json.dumps(r) + "\n" for r in oof)
        fit_temperature(oof, "held-out %s rows (%s)" % (a.head, a.name))
    name = ("macro-F1", "weighted-F1")[metric]
    figures = {name + " pooled": scores(pooled)[metric], name + " mean of folds": sum(per) / len(per)}
    if a.ece:
        n = sum(t[0] for t in bins.values())
        figures["ECE pooled"] = sum(abs(t[1] - t[2]) for t in bins.values()) / n
        print("%s %s: pooled held-out ECE %.4f (%d rows, untempered)" % (a.name, a.head, figures["ECE pooled"], n))
    return figures


if __name__ == "__main__":
    main()
