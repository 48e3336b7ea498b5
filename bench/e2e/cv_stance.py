#!/usr/bin/env python3
"""Grouped k-fold cross-validation of end-to-end stance over the labelled PolNeAR *train*
articles (bench/e2e/labels/train-*.jsonl), so that choices about the stance head are made
without the dev labels. Folds by a hash of the article id. For each fold the stance head is
trained as `make models` trains it (the flags are read from models/Makefile.inc) on NewsMTSC
train plus the in-domain rows of the other folds, and bench/e2e/score.py scores the held-out
fold; accuracies are pooled over the pairs, beside the all-against guess on the same pairs.

usage (from the build directory):
  bench/e2e/cv_stance.py [--data DIR] [--folds 4] [--seeds LIST [--compare NAME [--report-only]]] [--repeat N]
                         [--in-domain-only | --no-in-domain] [--domain] [--train-share F] [--name NAME] [--work DIR]
                         [--fit-temperature] [--coverage] [--extra-in-domain FILE] [--sides FILE]
                         [-- EXTRA TRAIN FLAGS...]
--extra-in-domain FILE: stance rows appended to every fold's in-domain rows (trained on, never scored), e.g. our
own user trials' pairs (models/trial_rows.py --task stance), as `make models 'MODEL_TRIALS=$(MODEL_USER_TRIALS)'` adds them to the PolNeAR rows.
--extra-general FILE: rows given to every fold's head as one more training file, outside --in-domain.
--fit-temperature: pool the held-out folds' linked pairs (their stance probabilities and gold
labels), choose the in-domain temperature T (0.50..5.00 by 0.01) that minimises their negative
log-likelihood, and print it with the pooled ECE before and after: the value `make models` passes
as `stance train --in-domain-temperature stance=T` (models/Makefile.inc, MODEL_STANCE_TEMPERATURE).
Needs the data directory (NewsMTSC, VADER, PolNeAR); writes models, folds, each fold's held-out pairs
(NAME-pairsK.jsonl) and its classify output (NAME-outK.jsonl, for score.py --pred) under --work.
--seeds 1,2,3 (and/or --folds 4,5,6): the training noise. One run per cell (fold count, seed), the seed
given to `stance train --seed S` after the recipe's flags (here: the stance head's), each cell's files
named NAME-fFsS-*; prints each cell's pooled figures and writes them to NAME-cells.json. --compare A
then puts this run (B) beside the run A of the same cells in the same --work: B - A per cell, its mean,
cells up/down, beside the seed-only null (A - A and B - B at two seeds on the same split), e.g.
  bench/e2e/cv_stance.py --folds 4,5 --seeds 1,2,3 --name base
  bench/e2e/cv_stance.py --folds 4,5 --seeds 1,2,3 --name noe2e --compare base --no-in-domain
--no-in-domain: train on NewsMTSC alone (the recipe without the in-domain rows).
--narrow-rows: train on in-domain rows narrowed as stance_classify() scores a target (the parts of the quote that
mention it; part_starts() approximates classify.c's sentence and clause cut): whether the rows need the same view.
--models-from NAME: train nothing, score the held-out folds with the run NAME's fold models (same cells):
a run-time change of the scoring measured on the same models, free of the training noise, e.g.
  bench/e2e/cv_stance.py --folds 4 --seeds 1,2 --name base --stance /tmp/old-stance
  bench/e2e/cv_stance.py --folds 4 --seeds 1,2 --name new --models-from base --compare base
--coverage: the risk-coverage table of bench/e2e/score.py --coverage over the pooled held-out linked pairs
(each fold's model on its own pairs; one table per cell), their probabilities tempered by the recipe's in-domain
temperature (MODEL_STANCE_TEMPERATURE: the fold models have none, the shipped model's confidences are tempered
so; the answers stay the same): for confidence thresholds c, the stance answers kept,
their accuracy and macro-F1 beside all-against on the same pairs, and the favor/against answers alone, e.g.
with the fold models of an earlier run (no training):
  bench/e2e/cv_stance.py --folds 4,5,6 --seeds 1 --name cov --models-from B --coverage
Only the Python standard library.
"""
import argparse
import itertools
import math
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


def makefile_flags(data, names=("MODEL_FLAGS", "MODEL_STANCE_FLAGS")):
    """The `stance train` flags of models/Makefile.inc: the variables @names, joined."""
    mk = open(os.path.join(TOP, "models", "Makefile.inc")).read().replace("\\\n", " ")
    env = {"DATA_DIR": data}

    def var(v):
        s = re.search(r"^%s = (.*)$" % v, mk, re.M).group(1)
        return re.sub(r"\$\((\w+)\)", lambda m: env[m.group(1)] if m.group(1) in env else var(m.group(1)), s)

    return " ".join(var(n) for n in names)


def names_domain(flags):
    """Whether the last --families of the `stance train` @flags names the domain family: then the recipe passes
    its in-domain rows as --in-domain (as `make models` does since 2026-12-06 22:00), and so do the CV scripts,
    with or without --domain (a model with the family and no in-domain rows would score untrained copies)."""
    fams = re.findall(r"--families[ =](\S+)", flags)
    return bool(fams) and "domain" in [f.split(":")[0] for f in fams[-1].split(",")]


def sentiment_news_rows(data, work):
    """The polarity rows models/polarity_rows.py makes of the recipe's MODEL_SENTIMENT_NEWS, as `make models`
    passes them to the sentiment head beside MODEL_SENTIMENT_FILES (written once under @work), or None."""
    news = makefile_flags(data, ("MODEL_SENTIMENT_NEWS",)).split()
    if not news:
        return None
    out = os.path.join(work, "news-sentiment-%08x.jsonl" % zlib.crc32(" ".join(news).encode()))
    if not os.path.exists(out):
        with open(out + ".tmp", "w") as f:
            subprocess.run([sys.executable, os.path.join(TOP, "models/polarity_rows.py")] + news, stdout=f, check=True)
        os.rename(out + ".tmp", out)
    return out


def cv_arguments(doc, name, work):
    """The options of both cross-validations (this one and cv_sentiment.py)."""
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("--data", default=os.environ.get("STANCE_DATA", "/work/shared/data"))
    ap.add_argument("--repeat", default="1", help="copies of each in-domain row")
    ap.add_argument("--in-domain-only", action="store_true", help="train on the in-domain rows alone")
    ap.add_argument("--extra-in-domain", metavar="FILE",
                    help="more in-domain rows (e.g. models/trial_rows.py's, of this head's task), appended to every "
                         "fold's training rows: they train the head and, with the domain family, its in-domain copies")
    ap.add_argument("--extra-general", metavar="FILE",
                    help="more rows of this head's task given to every fold's head as a training file of its own, "
                         "not in-domain: they train the general features only")
    ap.add_argument("--name", default=name)
    ap.add_argument("--work", default=work)
    ap.add_argument("--stance", default="./stance")
    ap.add_argument("--coverage", action="store_true",
                    help="also print the risk-coverage table of the pooled held-out answers (score.py --coverage: "
                         "for confidence thresholds c, how many answers are kept and how often they are right)")
    seed_arguments(ap, 4)
    ap.add_argument("extra", nargs="*", help="more `stance train` flags (after --)")
    return ap


SEEDS_HELP = """the training noise (--seeds, --compare):
  a difference between two single CV runs mixes the change with the training noise: `stance train
  --seed S` reorders the solver and the calibration folds, and that alone moves the pooled figures
  by a few thousandths. Run both variants on the same cells (split x seed) and compare them:
    %(prog)s --folds 4,5,6 --seeds 1,2,3 --name A [FLAGS OF A]
    %(prog)s --folds 4,5,6 --seeds 1,2,3 --name B --compare A [FLAGS OF B]
  The second prints B - A per cell, their mean and cells up/down, beside the seed-only null (the
  differences between two seeds of the same run on the same split): a difference is beyond the
  seed noise when the mean of the n cells is at least 2 null sd / sqrt(n) (and the sign-flip test
  over the cells agrees). Without --seeds and with one --folds, the output is the single run's."""


def add_extra_rows(a, rows):
    """Append the rows of --extra-in-domain (if given) to the fold's in-domain rows file @rows."""
    if a.extra_in_domain:
        with open(a.extra_in_domain, "rb") as f, open(rows, "ab") as out:
            out.write(f.read())


def seed_arguments(ap, folds):
    """--folds (one count, or a list of splits) and --seeds/--compare: the options of cv_cells()."""
    ap.formatter_class = argparse.RawDescriptionHelpFormatter
    ap.epilog = SEEDS_HELP
    ints = lambda s: [int(x) for x in s.split(",")]
    ap.add_argument("--folds", type=ints, default=[folds], metavar="K[,K...]",
                    help="folds (default %d); a list (4,5,6) runs one split per count, as cells (see --seeds)" % folds)
    ap.add_argument("--seeds", type=ints, metavar="S[,S...]",
                    help="run every split with each training seed (`stance train --seed S`): one cell per (split, "
                         "seed), written to WORK/NAME-cells.json")
    ap.add_argument("--compare", metavar="NAME",
                    help="with --seeds: this run minus the run NAME (same cells, same --work) per cell, beside the "
                         "seed-only null")
    ap.add_argument("--report-only", action="store_true",
                    help="with --compare: print the comparison of the saved cells (WORK/NAME-cells.json), train nothing")
    ap.add_argument("--ece", action="store_true",
                    help="also print the pooled held-out expected calibration error (10 bins, untempered fold "
                         "models) and keep it as a figure of the cells")


def cv_cells(a, run, seeded, tag=""):
    """Run the cross-validation @run(a) once, as before, or (--seeds, or several --folds) once per cell
    (fold count, seed) on a copy of @a whose folds, name and flags (@seeded(copy, seed) adds the seed)
    are the cell's; @run returns {figure: value}. The cells' figures go to WORK/NAME@tag-cells.json, and
    --compare prints the paired differences beside the seed-only null (compare_cells())."""
    if a.seeds is None and len(a.folds) == 1 and not a.report_only:
        if a.compare:
            sys.exit("--compare needs --seeds (or several --folds)")
        a.folds = a.folds[0]
        return run(a)
    if a.report_only:
        if not a.compare:
            sys.exit("--report-only needs --compare")
        return compare_cells(a.work, a.compare, a.name, tag)
    cells, a.shared = {}, {}  # a.shared: what the cells may reuse (the copies share the dict)
    for f in a.folds:
        for s in a.seeds or [None]:
            b = argparse.Namespace(**vars(a))
            b.folds, b.extra, b.name = f, list(a.extra), "%s-f%d%s" % (a.name, f, "" if s is None else "s%d" % s)
            if s is not None:
                seeded(b, s)
            cells["%d:%s" % (f, s)] = run(b)
    with open(os.path.join(a.work, "%s%s-cells.json" % (a.name, tag)), "w") as out:
        json.dump(cells, out, indent=1)
    for m in next(iter(cells.values())):
        v = [c[m] for c in cells.values()]
        mean = sum(v) / len(v)
        print("%s cells (%d): %s mean %.4f, sd %.4f, range %.4f..%.4f" % (a.name, len(v), m, mean, sd(v, mean),
                                                                         min(v), max(v)))
    if a.compare:
        compare_cells(a.work, a.compare, a.name, tag)
    return cells


def sd(v, mean=None):
    """The standard deviation of @v about @mean (its own mean if None, with n - 1)."""
    if mean is None:
        mean = sum(v) / len(v)
        return math.sqrt(sum((x - mean) ** 2 for x in v) / max(len(v) - 1, 1))
    return math.sqrt(sum((x - mean) ** 2 for x in v) / len(v))


def compare_cells(work, base, name, tag=""):
    """B - A (@name minus @base, both cv_cells() runs in @work) per cell and figure, beside the seed-only
    null: the differences between two seeds of one run on the same split (A's and B's), which is what a
    comparison of two single runs differs by when nothing but the seed changed. Under that null each cell's
    difference has the null's sd, so the mean of n cells has sd/sqrt(n); the sign-flip test asks the same of
    the cells themselves (exact over all 2^n sign choices up to n = 16, else 20,000 random ones)."""
    runs = []
    for n in (base, name):
        with open(os.path.join(work, "%s%s-cells.json" % (n, tag))) as f:
            runs.append(json.load(f))
    A, B = runs
    keys = [k for k in A if k in B]
    if not keys:
        sys.exit("compare: %s and %s share no cell" % (base, name))
    splits = sorted({k.split(":")[0] for k in keys}, key=int)
    for m in A[keys[0]]:
        d = [B[k][m] - A[k][m] for k in keys]
        null = [X[k2][m] - X[k1][m] for X in (A, B) for f in splits
                for k1, k2 in itertools.combinations([k for k in keys if k.split(":")[0] == f], 2)]
        mean = sum(d) / len(d)
        print("%s - %s, %s: mean %+.4f over %d cells (sd %.4f, range %+.4f..%+.4f; up %d, down %d, equal %d)"
              % (name, base, m, mean, len(d), sd(d), min(d), max(d), sum(x > 0 for x in d), sum(x < 0 for x in d),
                 sum(x == 0 for x in d)))
        print("  cells: %s" % " ".join("f%s %+.4f" % (k.replace(":", "s"), x) for k, x in zip(keys, d)))
        by = [sum(v) / len(v) for v in ([x for k, x in zip(keys, d) if k.split(":")[0] == f] for f in splits)]
        se = sd(by) / math.sqrt(len(by)) if len(by) > 1 else 0.0
        t = sum(by) / len(by) / se if se else 0.0
        print("  by split (mean over its seeds): %s; splits up %d, down %d of %d; their mean %+.4f, se %s, t %s (the "
              "seed null below does not cover which articles share a fold: this line does)"
              % (" ".join("%s folds %+.4f" % (f, v) for f, v in zip(splits, by)), sum(v > 0 for v in by),
                 sum(v < 0 for v in by), len(by), sum(by) / len(by), "%.4f" % se if se else "-", "%+.1f" % t if se else "-"))
        if not null:
            print("  no seed-only null: give two or more --seeds")
            continue
        nsd = sd(null, 0.0)
        noise = nsd / math.sqrt(len(d))
        print("  seed-only null (%s - itself and %s - itself at two seeds, same split; %d pairs): sd %.4f, "
              "largest |d| %.4f" % (base, name, len(null), nsd, max(abs(x) for x in null)))
        beyond = abs(mean) >= 2 * noise
        print("  so: one run's difference of %+.4f is %s the seed noise (2 sd = %.4f); the mean of %d cells has "
              "noise +-%.4f (sd), mean/noise %+.1f: %s; sign-flip p = %.4f (cells as independent)"
              % (mean, "inside" if abs(mean) < 2 * nsd else "outside", 2 * nsd, len(d), noise,
                 mean / noise if noise else float("inf"),
                 "beyond the seed noise" if beyond else "within the seed noise", sign_flip(d)))
        if len(by) > 2:
            crit = T95[len(by) - 2] if len(by) - 2 < len(T95) else 2.0
            print("  verdict: %s" % ("holds: beyond the seed noise and across the splits (|t| >= %.2f)" % crit
                                     if beyond and se and abs(t) >= crit else
                                     "beyond the seed noise, but not across the splits (|t| < %.2f)" % crit
                                     if beyond else "inside the seed noise"))


# Student's t, two-sided 95 %, for 1..9 degrees of freedom (the splits' means are few; they share
# articles, so the test is a rough guide)
T95 = (12.71, 4.30, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26)


def sign_flip(d):
    """Two-sided p of the mean of the paired differences @d under random signs."""
    obs, n = abs(sum(d)), len(d)
    if n <= 16:
        signs = itertools.product((1, -1), repeat=n)
        total = 2 ** n
    else:
        rng = random.Random(1)
        signs = ([rng.choice((1, -1)) for _ in d] for _ in range(20000))
        total = 20000
    return sum(abs(sum(s * x for s, x in zip(sg, d))) >= obs - 1e-12 for sg in signs) / total


def main():
    ap = cv_arguments(__doc__, "cv", "/tmp/stance-cv")
    ap.add_argument("--domain", action="store_true",
                    help="pass each fold's in-domain rows as `stance train --in-domain` (feature augmentation; on by "
                         "itself when the families name domain, as the shipped recipe's do)")
    ap.add_argument("--fit-temperature", action="store_true",
                    help="choose the in-domain temperature on the held-out folds' linked pairs")
    ap.add_argument("--train-share", type=float, default=1.0, metavar="F",
                    help="train on the rows of this share of each fold's training articles (chosen by a hash of "
                         "the article id; the held-out folds stay whole): a learning curve of the in-domain labels")
    ap.add_argument("--no-in-domain", action="store_true",
                    help="train on NewsMTSC alone (the recipe without the other folds' in-domain rows)")
    ap.add_argument("--models-from", metavar="NAME",
                    help="train nothing: score each held-out fold with the fold model of the run NAME (same cells, "
                         "same --work), e.g. to measure a run-time change of stance_classify() that leaves training "
                         "alone without the training noise (--compare NAME then shows the change alone)")
    ap.add_argument("--sides", metavar="FILE",
                    help="the actors' sides (name|side lines, e.g. bench/e2e/sides.tsv): the fold's in-domain rows "
                         "carry each pair's relation (models/e2e_rows.py --sides) and the held-out fold is scored "
                         "with the sides passed to classify (score.py --sides); the side family needs them, e.g. "
                         "-- --families ...,side")
    ap.add_argument("--sides-share", default="1", metavar="F",
                    help="with --sides: the relation only in the rows of this share of the training articles "
                         "(models/e2e_rows.py --sides-share)")
    ap.add_argument("--narrow-rows", action="store_true",
                    help="train on in-domain rows narrowed as stance_classify() scores a target since tgt1 (the parts "
                         "of the quote that mention it: sentences, ';' and ' but ' clauses), approximately")
    a = ap.parse_args()
    a.top_name = a.name
    os.makedirs(a.work, exist_ok=True)

    def seeded(b, s):
        b.extra += ["--seed", str(s)]
    cv_cells(a, run, seeded)


SENT_END = re.compile(rb'[.?!][\x22\x27)\]]*(?:\xe2\x80[\x9d\x99])*\s+(?=[A-Z0-9\x22\x27(\[-]|\xe2\x80[\x9c\x98\x93\x94])|\n\s*')
ABBR = re.compile(rb"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|St|Jr|Sr|Inc|Corp|Co|No|vs|U\.S|[A-Z])\.)$")
NOT_BUT = {b"nothing", b"anything", b"everything", b"all", b"none"}


def part_starts(t):
    """The starts of quote @t's parts (bytes) as lib/classify.c quote_parts() cuts them, approximately: sentences
    (no abbreviation list), clauses after ";" and before a contrasting " but "."""
    starts = {0} | {m.end() for m in SENT_END.finditer(t) if m.end() < len(t) and not ABBR.search(t[:m.start() + 1])}
    for m in re.finditer(rb";\s*", t):
        starts.add(m.end())
    for m in re.finditer(rb" but (?!also[ ,])", t):
        w = re.search(rb"(\w*)$", t[:m.start()]).group(1)
        if w.lower() not in NOT_BUT:
            starts.add(m.start() + 1)
    return sorted(x for x in starts if x < len(t))


def narrow_rows(path):
    """Rewrite the in-domain rows at @path as classify.c now scores a target: its text narrowed to the parts of the
    quote that mention it (the hull of its target_spans' parts), the spans moved with it."""
    rows = [json.loads(l) for l in open(path) if l.strip()]
    with open(path, "w") as out:
        for r in rows:
            sp = r.get("target_spans") or []
            if sp:
                t = r["text"].encode()
                lo, hi = min(x[0] for x in sp), max(x[1] for x in sp)
                a, b = 0, len(t)
                for p in part_starts(t):
                    if p <= lo:
                        a = p
                    elif p >= hi:
                        b = p
                        break
                if (a, b) != (0, len(t)):
                    try:
                        r["text"] = t[a:b].decode()
                        r["target_spans"] = [[x[0] - a, x[1] - a] for x in sp]
                    except UnicodeDecodeError:
                        pass
            out.write(json.dumps(r, ensure_ascii=False) + "\n")


def run(a):
    """One cross-validation (a.folds an int): prints each fold and the pooled figures, returns them."""
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
        if a.models_from:
            model = os.path.join(a.work, "%s%s%d.stm" % (a.models_from, a.name[len(a.top_name):], k))
        with open(train, "w") as tr, open(test, "w") as te:
            for r in recs:
                if fold(r) == k:
                    te.write(r)
                elif kept(r):
                    tr.write(r)
        with open(rows, "w") as out:
            subprocess.run([sys.executable, os.path.join(TOP, "models/e2e_rows.py"), "--task", "stance",
                            "--repeat", a.repeat, "--articles", os.path.join(a.data, "polnear/train.jsonl"),
                            train] + (["--sides", a.sides, "--sides-share", a.sides_share] if a.sides else []),
                           stdout=out, check=True)
        add_extra_rows(a, rows)
        if a.narrow_rows:
            narrow_rows(rows)
        files = ([] if a.in_domain_only else [os.path.join(a.data, "newsmtsc/train.jsonl")]) \
            + ([] if a.no_in_domain else [rows]) + ([a.extra_general] if a.extra_general else [])
        dom = " --in-domain %s" % rows if a.domain or names_domain(flags) else ""
        if not a.models_from:
            subprocess.run("%s train -q -o %s --name cv %s --no-ngram-text %s%s --head stance=%s"
                           % (a.stance, model, flags, rows, dom, ",".join(files)), shell=True, check=True)
        pairs_out = os.path.join(a.work, "%s-pairs%d.jsonl" % (a.name, k))
        out = subprocess.run([sys.executable, os.path.join(HERE, "score.py"), a.stance, "-m", model,
                              "--data", os.path.join(a.data, "polnear"), "--labels", test, "--pairs-out", pairs_out,
                              "--save", os.path.join(a.work, "%s-out%d.jsonl" % (a.name, k))]
                             + (["--sides", a.sides] if a.sides else []),
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
    rows = []
    for k in range(a.folds):
        with open(os.path.join(a.work, "%s-pairs%d.jsonl" % (a.name, k))) as f:
            rows += [json.loads(l) for l in f if l.strip()]
    if a.fit_temperature:
        fit_temperature(rows, "held-out linked pairs")
    if a.coverage:
        coverage(rows, a.data, "stance", "%s held-out stance, linked pairs" % a.name)
    figures = {"accuracy": sum(p[0] * p[1] for p in pooled) / n, "linked accuracy": sum(p[3] * p[4] for p in pooled) / nl}
    if a.ece:
        figures["linked ECE"] = probs_ece(rows)
        print("%s linked pairs: ECE %.4f (%d pairs, untempered)" % (a.name, figures["linked ECE"], len(rows)))
    return figures


def coverage(rows, data, head, what):
    """Print score.py's risk-coverage table of the held-out @rows ({"probs", "gold"}, one answer each) of @head,
    their probabilities tempered by the recipe's in-domain temperature of @head (models/Makefile.inc,
    MODEL_STANCE_TEMPERATURE or MODEL_SENTIMENT_TEMPERATURE): the fold models carry none, and the shipped model's
    confidences are tempered so; the answers (the top labels) stay the same."""
    sys.path.insert(0, HERE)
    from score import SENTIMENTS, STANCES, coverage_lines
    var = "MODEL_%s_TEMPERATURE" % head.upper()
    m = re.search(r"\b%s=([0-9.]+)" % head, makefile_flags(data, (var,)))
    t = float(m.group(1)) if m else 1.0
    top = []
    for r in rows:
        p = tempered(r["probs"], t)
        best = max(p, key=p.get)
        top.append((p[best], r["gold"], best))
    labels, polar = (STANCES, ("favor", "against")) if head == "stance" else (SENTIMENTS, ("positive", "negative"))
    print("%s: the probabilities tempered by the recipe's %s, T = %.2f (as the shipped model's)" % (what, var, t))
    print("\n".join(coverage_lines(top, labels, polar, what)))


def probs_ece(rows):
    """The ECE (score.py's, 10 bins) of rows {"probs": {label: p}, "gold": label} by their top label."""
    sys.path.insert(0, HERE)
    from score import ece
    return ece([(max(r["probs"].values()), max(r["probs"], key=r["probs"].get) == r["gold"]) for r in rows])


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
