#!/usr/bin/env python3
"""Grouped k-fold CV on train for the calibration and word-vector questions of issue #14.

`run` trains one model per fold as `make models` does (flags read from models/Makefile.inc,
`--cv 0`, EXTRA flags appended) and writes the held-out predictions of every train row, the
probabilities and, with --dec-bin, the raw pairwise decision values, to WORK/NAME-oof.jsonl;
the same for the dev file from one model on all of train (or --dev-model) to WORK/NAME-dev.jsonl.
Folds: NewsMTSC by article (the orig_id's source and article numbers), vader_nyt by `group`,
crc32 of the group modulo k. The stance head is trained on the training folds plus the in-domain
rows of models/e2e_rows.py (PolNeAR train labels, as the shipped model); a sentiment head is
trained --add-to a stance-only model built once with the shipped flags (WORK/stance-only.stm).
Test splits are never read.

--dec-bin: a `stance` built with bench/train/raw_dec.patch (STANCE_RAW_DEC=1 makes
stance_calibrate() return the n_dec decision values in place of the probabilities; a scratch
build, never shipped).

usage (from the build directory):
  bench/train/cv_calib.py run --head stance|sentiment --name NAME [--work DIR] [--folds 5]
                          [--dec-bin BIN] [--dev-model M] [--flags-drop RE] [--extra 'FLAGS']
then bench/train/calib_fit.py NAME (the calibrators) or --score NAME (macro-F1, ECE only).
Only the Python standard library.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))


def mkvar(data):
    mk = open(os.path.join(TOP, "models", "Makefile.inc")).read().replace("\\\n", " ")
    env = {"DATA_DIR": data, "srcdir": TOP}

    def var(v):
        s = re.search(r"^%s = (.*)$" % v, mk, re.M).group(1)
        return re.sub(r"\$\((\w+)\)", lambda m: env[m.group(1)] if m.group(1) in env else var(m.group(1)), s)

    return var


ARTICLES = set()  # PolNeAR train article ids, for the in-domain rows' groups


def group_of(rec):
    if rec["id"].startswith("e2e-polnear-train-"):  # models/e2e_rows.py: ARTICLE-N[-ACTOR]
        rest = rec["id"][len("e2e-"):]
        cands = [x for x in ARTICLES if rest.startswith(x + "-")]
        return max(cands, key=len) if cands else rest
    if "group" in rec:
        return str(rec["group"])
    s = rec["orig_id"].split("_")
    return "_".join(s[:3])


def gold_of(rec, band):
    if band is None or "orig_score" not in rec:
        return rec["label"]
    s = rec["orig_score"]
    return "neutral" if abs(s) < band else ("positive" if s > 0 else "negative")


def predict(binary, model, head, path, raw):
    env = dict(os.environ)
    if raw:
        env["STANCE_RAW_DEC"] = "1"
    else:
        env.pop("STANCE_RAW_DEC", None)
    out = subprocess.run([binary, "predict", "-m", model, "--head", head, path], capture_output=True,
                         text=True, check=True, env=env).stdout
    return [json.loads(l) for l in out.splitlines() if l.strip()]


def write_rows(path, model, test, recs, fold, a, band):
    """Append the held-out rows of @p test, scored by @p model, to @p path."""
    p = predict(a.stance, model, a.head, test, False)
    d = predict(a.dec_bin, model, a.head, test, True) if a.dec_bin else None
    with open(path, "a") as out:
        for i, r in enumerate(recs):
            labels = list(p[i]["probs"].keys())
            o = {"id": r["id"], "fold": fold, "gold": gold_of(r, band), "labels": labels,
                 "probs": [p[i]["probs"][c] for c in labels], "nt": r.get("n_targets_in_text"), "g": group_of(r),
                 "dom": "e2e" if r["id"].startswith("e2e-") else "main",
                 "subset": r.get("subset")}
            if d:
                o["dec"] = [d[i]["probs"][c] for c in labels]
            out.write(json.dumps(o) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("cmd", choices=["run"])
    ap.add_argument("--head", default="stance", choices=["stance", "sentiment", "sentiment-vader"])
    ap.add_argument("--name", required=True)
    ap.add_argument("--data", default=os.environ.get("STANCE_DATA", "/work/shared/data"))
    ap.add_argument("--work", default="/tmp/stance-cv-calib")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--stance", default="./stance")
    ap.add_argument("--dec-bin", default=None)
    ap.add_argument("--dev-model", default=None, help="score dev with this model instead of training one")
    ap.add_argument("--no-dev", action="store_true")
    ap.add_argument("--fold-by", default="group", choices=["group", "text", "row"],
                    help="fold key: the article/group (default), the sentence text, or the row")
    ap.add_argument("--no-e2e", action="store_true", help="train without the in-domain PolNeAR rows")
    ap.add_argument("--e2e-folds", action="store_true",
                    help="fold the in-domain rows by article too and score the held-out ones (subset \"e2e\")")
    ap.add_argument("--flags-drop", default=None, help="regex removed from the Makefile's stance flags")
    ap.add_argument("--extra", default="", help="more `stance train` flags, one string")
    ap.add_argument("--stance-extra", default="",
                    help="sentiment heads: more flags for the stance-only model they are added to (features, vectors)")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    var = mkvar(a.data)
    ARTICLES.update(json.loads(l)["id"] for l in open(var("MODEL_POLNEAR")) if l.strip())
    W = lambda s: os.path.join(a.work, s)
    py = sys.executable
    base = var("MODEL_FLAGS") + " " + var("MODEL_STANCE_FLAGS")
    if a.flags_drop:
        base = re.sub(a.flags_drop, " ", base)
    extra = a.extra
    labels = os.path.join(TOP, "bench/e2e/labels/train-*.jsonl")
    task = "stance" if a.head == "stance" else "sentiment"
    if a.head != "sentiment-vader":
        rows = W("e2e-%s.jsonl" % task)
        if not os.path.exists(rows):
            with open(rows, "w") as out:
                subprocess.run("%s %s/models/e2e_rows.py --task %s --articles %s %s" % (
                    py, TOP, task, var("MODEL_POLNEAR"), labels), shell=True, stdout=out, check=True)
    if a.head == "stance":
        src, dev = var("MODEL_STANCE_FILES"), os.path.join(a.data, "newsmtsc/dev.jsonl")
        band = None

        def train(out, files, rows):
            e2e = "" if a.no_e2e else " --no-ngram-text %s" % rows
            subprocess.run("nice %s train -q -o %s --name cv %s --cv 0 %s%s --head stance=%s%s"
                           % (a.stance, out, base, extra, e2e, files, "" if a.no_e2e else "," + rows),
                           shell=True, check=True)
    else:
        src, dev = var("MODEL_SENTIMENT_FILES"), os.path.join(a.data, "vader_nyt/dev.jsonl")
        so = W("stance-only.stm")
        if not os.path.exists(so):
            srows = W("e2e-stance.jsonl")
            if not os.path.exists(srows):
                with open(srows, "w") as out:
                    subprocess.run("%s %s/models/e2e_rows.py --task stance --articles %s %s" % (
                        py, TOP, var("MODEL_POLNEAR"), labels), shell=True, stdout=out, check=True)
            subprocess.run("nice %s train -q -o %s --name cv %s --cv 0 --no-ngram-text %s --head stance=%s,%s"
                           % (a.stance, so, base + " " + a.stance_extra, srows, var("MODEL_STANCE_FILES"), srows), shell=True, check=True)
        if a.head == "sentiment":  # gold relabelled with the recipe's own band (0.5 since 2026-12-06)
            fl = var("MODEL_SENTIMENT_FLAGS")
            band = float(re.search(r"--neutral-band ([0-9.]+)", fl).group(1))
        else:
            fl, band = var("MODEL_VADER_FLAGS"), None

        def train(out, files, rows):
            use = a.head == "sentiment" and not a.no_e2e
            more = " --no-ngram-text %s" % rows if use else ""
            files = files + ("," + rows if use else "")
            subprocess.run("nice %s train -q -o %s --add-to %s %s --cv 0 %s %s%s --head %s=%s"
                           % (a.stance, out, so, var("MODEL_FLAGS"), fl, extra, more, a.head, files),
                           shell=True, check=True)
    recs = [json.loads(l) for l in open(src) if l.strip()]
    key = {"group": group_of, "text": lambda r: r["text"], "row": lambda r: r["id"]}[a.fold_by]
    fold = [zlib.crc32(key(r).encode()) % a.folds for r in recs]
    oof = W("%s-oof.jsonl" % a.name)
    open(oof, "w").close()
    for k in range(a.folds):
        tr, te, m = W("%s-tr%d.jsonl" % (a.name, k)), W("%s-te%d.jsonl" % (a.name, k)), W("%s-%d.stm" % (a.name, k))
        with open(tr, "w") as ftr, open(te, "w") as fte:
            for r, f in zip(recs, fold):
                (fte if f == k else ftr).write(json.dumps(r) + "\n")
        frows = rows if a.head != "sentiment-vader" else None
        if a.e2e_folds:
            erecs = [json.loads(l) for l in open(rows) if l.strip()]
            frows, ete = W("%s-e2etr%d.jsonl" % (a.name, k)), W("%s-e2ete%d.jsonl" % (a.name, k))
            held = [r for r in erecs if zlib.crc32(group_of(r).encode()) % a.folds == k]
            with open(frows, "w") as ftr, open(ete, "w") as fte:
                for r in erecs:
                    (fte if r in held else ftr).write(json.dumps(r) + "\n")
        train(m, tr, frows)
        write_rows(oof, m, te, [r for r, f in zip(recs, fold) if f == k], k, a, band)
        if a.e2e_folds:
            write_rows(oof, m, ete, [dict(r, subset="e2e") for r in held], k, a, band)
        print("fold %d done" % k, flush=True)
    if a.no_dev:
        return
    dm = a.dev_model
    if not dm:
        dm = W("%s-all.stm" % a.name)
        train(dm, src, rows if a.head != "sentiment-vader" else None)
    dpath = W("%s-dev.jsonl" % a.name)
    open(dpath, "w").close()
    write_rows(dpath, dm, dev, [json.loads(l) for l in open(dev) if l.strip()], -1, a, band)
    print("dev done", flush=True)


if __name__ == "__main__":
    main()
