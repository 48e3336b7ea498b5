#!/usr/bin/env python3
"""Grouped k-fold cross-validation of the quote sentiment over the labelled PolNeAR *train*
articles (bench/e2e/labels/train-*.jsonl), so that choices about the sentiment head are made
without the dev labels. Folds by a hash of the article id, as bench/e2e/cv_stance.py. The
sentiment head is added, as `make models` adds it, to a stance model trained once with the
recipe's stance flags (the sentiment head keeps that model's features and word vectors; its
own flags and public rows are read from models/Makefile.inc): for each fold on VADER nyt train and
NewsMTSC train's polarity rows (models/polarity_rows.py; or --public FILES, comma-separated) plus the other folds' quote sentiments, and bench/e2e/score.py scores the held-out fold. Accuracy and
macro-F1 are pooled over the found quotes of all folds, beside the most frequent gold label
on the same quotes. Its files under --work are named NAME-sent-* (and NAME-sentK.stm), so a
cv_stance.py run of the same --name in the same directory keeps its own held-out outputs.

usage (from the build directory):
  bench/e2e/cv_sentiment.py [--data DIR] [--folds 4] [--seeds LIST [--compare NAME]] [--repeat N] [--in-domain-only] [--public FILES] [--nyt-dev]
                            [--fit-temperature] [--coverage] [--stance-flags FLAGS] [--name NAME] [--work DIR]
                            [--extra-in-domain FILE]
                            [-- EXTRA TRAIN FLAGS...]
--seeds 1,2,3 (and/or --folds 4,5,6), --compare A: the training noise, as in cv_stance.py: one run per
(fold count, seed) cell, the seed (`stance train --seed S`) given to the sentiment head (the base stance
model stays the recipe's), and this run minus run A per cell beside the seed-only null, e.g.
  bench/e2e/cv_sentiment.py --folds 4,5,6,7,8 --seeds 1,2,3 --name band04 -- --neutral-band 0.4
  bench/e2e/cv_sentiment.py --folds 4,5,6,7,8 --seeds 1,2,3 --name band05 --compare band04
EXTRA flags come after the recipe's and override them (e.g. -- --C 3 --neutral-band 0.3); they reach
the sentiment head only: `--add-to` keeps the base model's features (families, n-gram orders, table
size, vectors), so feature flags given there do nothing.
--stance-flags FLAGS: a feature variant (one quoted string, e.g. --stance-flags '--table-bits 17'
or '--families word:1,char:0.35,...'), appended to the recipe's stance flags when the base stance
model is trained; the sentiment heads added to it then have the variant's features. The base
model's file name is a hash of its flags, so each variant gets its own (kept under --work).
--domain: each fold's quote sentiment rows are also given as `stance train --in-domain` (Daume III feature
augmentation, as cv_stance.py --domain); `--add-to` keeps the base model's families, so the base needs the
domain family (--stance-flags '--families ...,domain'), and the held-out quotes are scored in-domain only by
a binary that scores the quote sentiment in-domain (the library does since 183a082). On by itself when the
base model's families name domain, as the shipped recipe's do since 2026-12-06 22:00 (the base stance model then
gets its pairs as --in-domain too, as in `make models`).
--nyt-dev: also train the head on nyt train plus every fold's rows (the shipped recipe with the
variant) and print `stance eval --head sentiment --neutral-band B` on VADER nyt dev, B the
recipe's (or the variant's) --neutral-band.
--fit-temperature: pool the held-out found quotes' sentiment probabilities and gold labels and
choose the in-domain temperature T that minimises their negative log-likelihood (as
cv_stance.py --fit-temperature): the value `make models` passes as `stance train
--in-domain-temperature sentiment=T` (models/Makefile.inc, MODEL_SENTIMENT_TEMPERATURE).
--coverage: the risk-coverage table of bench/e2e/score.py --coverage over the pooled held-out found quotes
(one table per cell), their probabilities tempered by the recipe's MODEL_SENTIMENT_TEMPERATURE (as cv_stance.py
--coverage): for confidence thresholds c, the sentiment answers kept, their accuracy and macro-F1
beside all-negative (the most frequent gold label) on the same quotes, and the positive/negative answers alone.
--extra-in-domain FILE: sentiment rows appended to every fold's quote sentiment rows (trained on, in-domain with the
domain family, never scored), e.g. our own user trials' quotes (models/trial_rows.py --task sentiment).
There is no --models-from here: each run trains its fold heads.
Needs the data directory (NewsMTSC, VADER, PolNeAR); writes the models, the folds' labels and
rows and each fold's classify output (NAME-outK.jsonl) under --work; the stance model
(base-*.stm) is kept there and reused while the stance flags stay the same.
Only the Python standard library.
"""
import collections
import glob
import json
import os
import random
import re
import subprocess
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from cv_stance import (add_extra_rows, coverage, cv_arguments, cv_cells, fit_temperature, makefile_flags, names_domain,  # noqa: E402
                       sentiment_news_rows)
from score import SENTIMENTS, ece, overlap, prf  # noqa: E402


def e2e_rows(a, task, labels, out, repeat="1"):
    with open(out, "w") as f:
        subprocess.run([sys.executable, os.path.join(TOP, "models/e2e_rows.py"), "--task", task, "--repeat", repeat,
                        "--articles", os.path.join(a.data, "polnear/train.jsonl")] + labels, stdout=f, check=True)


def base_model(a, labels):
    """The stance model the sentiment heads are added to (trained once per stance recipe)."""
    flags = makefile_flags(a.data) + (" " + a.stance_flags if a.stance_flags else "")
    rows = os.path.join(a.work, "base-stance-rows.jsonl")
    if names_domain(flags):  # as `make models`: the stance head's own rows in-domain too
        flags += " --in-domain " + rows
    base = os.path.join(a.work, "base-%08x.stm" % zlib.crc32(flags.encode()))
    if not os.path.exists(base):
        e2e_rows(a, "stance", labels, rows)
        subprocess.run("%s train -q -o %s.tmp --name cv %s --no-ngram-text %s --head stance=%s,%s"
                       % (a.stance, base, flags, rows, os.path.join(a.data, "newsmtsc/train.jsonl"), rows),
                       shell=True, check=True)
        os.rename(base + ".tmp", base)
    return base


def add_sentiment(a, base, rows, model):
    flags = makefile_flags(a.data, ("MODEL_FLAGS", "MODEL_SENTIMENT_FLAGS")) + " " + " ".join(a.extra)
    public = a.public
    if not public:
        news = sentiment_news_rows(a.data, a.work)
        public = makefile_flags(a.data, ("MODEL_SENTIMENT_FILES",)).strip() + ("," + news if news else "")
    files = ("" if a.in_domain_only else public + ",") + rows + ("," + a.extra_general if a.extra_general else "")
    on = a.domain or names_domain(makefile_flags(a.data) + " " + (a.stance_flags or ""))
    dom = " --in-domain %s" % rows if on else ""
    subprocess.run("%s train -q -o %s --add-to %s %s --no-ngram-text %s%s --head sentiment=%s"
                   % (a.stance, model, base, flags, rows, dom, files), shell=True, check=True)


def quote_sentiments(labels, saved):
    """(gold, predicted, article, confidence, probabilities) of each found gold quote: score.py's matching
    (largest overlap of at least half the shorter span); a quote without a sentiment counts as neutral
    (confidence 1)."""
    preds = {}
    with open(saved) as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                preds[d["id"]] = d["quotes"]
    out = []
    with open(labels) as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            for q in r["quotes"]:
                g = (q["start"], q["end"])
                cands = [(overlap(g, (p["start"], p["end"])), -i, p) for i, p in enumerate(preds[r["article"]])]
                cands = [c for c in cands if c[0] > 0 and 2 * c[0] >= min(g[1] - g[0], c[2]["end"] - c[2]["start"])]
                if cands:
                    p = max(cands, key=lambda c: c[:2])[2]
                    sent = p.get("sentiment") or {"label": "neutral", "confidence": 1.0, "probs": {"neutral": 1.0}}
                    probs = sent.get("probs") or {sent["label"]: sent["confidence"]}  # a saved output may lack them
                    out.append((q["sentiment"], sent["label"], r["article"], sent["confidence"], probs))
    return out


def against(a, pooled):
    """Paired comparison with an earlier run on the same quotes: each fold's difference in accuracy
    and macro-F1, and a 95 % interval of the pooled differences from 2,000 bootstrap samples of
    the articles (fixed seed; quotes of one article stay together)."""
    with open(os.path.join(a.work, "%s-sent-quotes.json" % a.against)) as f:
        other = [tuple(q) for q in json.load(f)]
    if [q[0] for q in other] != [q[0] for q in pooled] or [q[2] for q in other] != [q[2] for q in pooled]:
        sys.exit("cv_sentiment.py: run %s has other quotes or folds" % a.against)

    def diff(idx):
        g = [pooled[i][0] for i in idx]
        x = prf(g, [pooled[i][1] for i in idx], SENTIMENTS)
        y = prf(g, [other[i][1] for i in idx], SENTIMENTS)
        return x[0] - y[0], x[1] - y[1]

    folds = [diff([i for i, q in enumerate(pooled) if q[-1] == k]) for k in range(a.folds)]
    by_art = collections.defaultdict(list)
    for i, q in enumerate(pooled):
        by_art[q[2]].append(i)
    arts = sorted(by_art)
    rng = random.Random(1)
    boot = [diff([i for _ in arts for i in by_art[rng.choice(arts)]]) for _ in range(2000)]
    d = diff(range(len(pooled)))
    print("%s - %s: accuracy %+.3f (folds %s; 95 %% %+.3f..%+.3f), macro-F1 %+.3f (folds %s; 95 %% %+.3f..%+.3f)"
          % tuple([a.name, a.against] + [x for j in (0, 1) for x in (
              d[j], " ".join("%+.3f" % f[j] for f in folds),
              sorted(b[j] for b in boot)[49], sorted(b[j] for b in boot)[1950])]))


def main():
    ap = cv_arguments(__doc__, "cvs", "/tmp/stance-cv-sentiment")
    ap.add_argument("--public", metavar="FILES", help="the public rows (default: the recipe's, VADER nyt train and NewsMTSC train's polarity rows)")
    ap.add_argument("--nyt-dev", action="store_true", help="also score the variant's full head on nyt dev")
    ap.add_argument("--against", metavar="NAME", help="compare with the run NAME in the same --work directory")
    ap.add_argument("--fit-temperature", action="store_true",
                    help="choose the in-domain temperature on the held-out folds' found quotes")
    ap.add_argument("--domain", action="store_true",
                    help="pass each fold's quote sentiment rows as `stance train --in-domain` (feature augmentation; "
                         "the base model needs the domain family: --stance-flags '--families ...,domain'); on by "
                         "itself when the base model's families name domain, as the shipped recipe's do")
    ap.add_argument("--stance-flags", metavar="FLAGS", default="",
                    help="more `stance train` flags for the base stance model (one string), e.g. a feature variant")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    if a.against and (a.seeds or len(a.folds) > 1):
        sys.exit("cv_sentiment.py: --against compares two single runs; with --seeds use --compare")

    def seeded(b, s):
        b.extra += ["--seed", str(s)]
    cv_cells(a, run, seeded, "-sentiment")  # WORK/NAME-sentiment-cells.json: cv_stance.py writes NAME-cells.json


def run(a):
    """One cross-validation (a.folds an int): prints each fold and the pooled figures, returns them."""
    labels = sorted(glob.glob(os.path.join(TOP, "bench/e2e/labels/train-*.jsonl")))
    recs = [l for f in labels for l in open(f) if l.strip()]
    base = base_model(a, labels)
    pooled, probs = [], []
    for k in range(a.folds):
        path = {s: os.path.join(a.work, "%s-sent-%s%d.jsonl" % (a.name, s, k)) for s in ("train", "test", "rows", "out")}
        model = os.path.join(a.work, "%s-sent%d.stm" % (a.name, k))
        with open(path["train"], "w") as tr, open(path["test"], "w") as te:
            for r in recs:
                (te if zlib.crc32(json.loads(r)["article"].encode()) % a.folds == k else tr).write(r)
        e2e_rows(a, "sentiment", [path["train"]], path["rows"], a.repeat)
        add_extra_rows(a, path["rows"])
        add_sentiment(a, base, path["rows"], model)
        out = subprocess.run([sys.executable, os.path.join(HERE, "score.py"), a.stance, "-m", model,
                              "--data", os.path.join(a.data, "polnear"), "--labels", path["test"], "--save", path["out"]],
                             capture_output=True, text=True, check=True).stdout
        m = re.search(r"sentiment \(found quotes, (\d+)\): accuracy ([0-9.]+), macro-F1 ([0-9.]+)", out)
        pairs = quote_sentiments(path["test"], path["out"])
        acc, macro, _ = prf([q[0] for q in pairs], [q[1] for q in pairs], SENTIMENTS)
        if len(pairs) != int(m.group(1)) or "%.3f" % acc != m.group(2):
            sys.exit("cv_sentiment.py: fold %d: the quotes differ from score.py's (%d, %.3f; score.py %s, %s)"
                     % (k, len(pairs), acc, m.group(1), m.group(2)))
        pooled += [q[:4] + (k,) for q in pairs]
        probs += [{"probs": q[4], "gold": q[0]} for q in pairs]
        print("%s fold %d: quotes %d, sentiment accuracy %.3f, macro-F1 %.3f" % (a.name, k, len(pairs), acc, macro))
    with open(os.path.join(a.work, "%s-sent-quotes.json" % a.name), "w") as f:
        json.dump(pooled, f)
    gold = [q[0] for q in pooled]
    acc, macro, per = prf(gold, [q[1] for q in pooled], SENTIMENTS)
    major = collections.Counter(gold).most_common(1)[0][0]
    macc, mmacro, _ = prf(gold, [major] * len(gold), SENTIMENTS)
    print("%s pooled: quotes %d, sentiment accuracy %.3f, macro-F1 %.3f | all-%s: accuracy %.3f, macro-F1 %.3f"
          % (a.name, len(gold), acc, macro, major, macc, mmacro))
    print("%s per label P/R/F1 (support): %s" % (a.name, "; ".join(
        "%s %.2f/%.2f/%.2f (%d)" % (lab, per[lab][0], per[lab][1], per[lab][2], per[lab][3]) for lab in SENTIMENTS)))
    conf = [(q[3], q[0] == q[1]) for q in pooled]
    print("%s calibration: mean confidence %.3f, ECE %.3f" % (a.name, sum(c for c, _ in conf) / len(conf), ece(conf)))
    if a.against:
        against(a, pooled)
    if a.coverage:
        coverage(probs, a.data, "sentiment", "%s held-out sentiment, found quotes" % a.name)
    if a.fit_temperature:
        fit_temperature(probs, "held-out found quotes")
    if a.nyt_dev:
        rows, model = (os.path.join(a.work, "%s-sent-full.%s" % (a.name, s)) for s in ("jsonl", "stm"))
        e2e_rows(a, "sentiment", labels, rows, a.repeat)
        add_extra_rows(a, rows)
        add_sentiment(a, base, rows, model)
        bands = re.findall(r"--neutral-band\s+([0-9.]+)", makefile_flags(a.data, ("MODEL_SENTIMENT_FLAGS",)) + " " +
                           " ".join(a.extra))
        band = bands[-1] if bands else "0.05"
        out = subprocess.run([a.stance, "eval", "-m", model, "--head", "sentiment", "--neutral-band", band,
                              os.path.join(a.data, "vader_nyt/dev.jsonl")], capture_output=True, text=True, check=True)
        print("%s nyt dev (full head, band %s):\n%s" % (a.name, band, out.stdout.rstrip()))
    figures = {"accuracy": acc, "macro-F1": macro}
    if a.ece:
        figures["ECE"] = ece(conf)
    return figures


if __name__ == "__main__":
    main()
