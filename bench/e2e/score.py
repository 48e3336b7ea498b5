#!/usr/bin/env python3
"""Score libstance end to end against the blind labels in bench/e2e/labels/.

    bench/e2e/score.py [STANCE] [-m models/en-news.stm] [--data DATA_DIR/polnear]
                       [--labels 'bench/e2e/labels/dev-*.jsonl'] [--save OUT.jsonl | --pred OUT.jsonl]
                       [--pairs-out PAIRS.jsonl] [--coverage] [--sides bench/e2e/sides.tsv]

Reads every label file, builds one record {"id", "text", "actors": [{"name",
"aliases"}]} per labelled article (text from PolNeAR, actors from the labels), pipes
them through `STANCE classify --jsonl -m MODEL` (STANCE defaults to ./stance) and
compares. `--save` keeps the library's output, `--pred` scores a saved output instead
of running the binary.

Definitions (bench/e2e/GUIDELINES.md has the labelling rules):
- found: a gold quote is found when a predicted quote overlaps it by at least half of
  the shorter of the two spans (the predicted quote with the largest overlap is used).
- speaker: on found quotes, the predicted speaker is right when its surname or head
  noun (last word, or the word before "of/on/for/at" in "Commission on ...", without a
  possessive or Jr./II; a curly apostrophe read as a straight one) equals that of the
  gold speaker or one of its aliases.
- linked: a gold pair is linked when its quote is found and the predicted quote has a
  stance for the pair's actor (an entry with "where" other than "none").
- stance: over ALL gold pairs; an unfound quote or a missing stance counts as "none".
  The baseline "everything none" is scored on the same pairs.
- calibration: on the linked pairs, the expected calibration error of the stance's
  confidence (10 equal-width bins; the gap between mean confidence and accuracy,
  weighted by the bin's share). `--pairs-out` writes each linked pair's probabilities
  and gold label (one JSON object a line), for bench/e2e/cv_stance.py --fit-temperature.
- off-target: of the favor/against stances the library gives on found quotes to
  labelled actors, the share whose (quote, actor) is not a gold pair.
- coverage (--coverage, printed after the rest): what a user who keeps only the answers
  whose confidence is at least c gets, for the stance of the linked pairs and the
  sentiment of the found quotes (coverage_lines()).
"""
import argparse
import collections
import glob
import json
import os
import re
import subprocess
import sys

import polnear

STANCES = ("favor", "against", "none")
SENTIMENTS = ("positive", "negative", "neutral")
PREPS = {"of", "on", "for", "at", "in"}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def head(name):
    """Surname or head noun of a speaker name, lower case; '' when there is none."""
    if not name:
        return ""
    # one apostrophe: the text's "O’Malley" is the label's "O'Malley"
    words = [w for w in re.findall(r"[\w'’.-]+", name.lower().replace("’", "'"))]
    words = [re.sub(r"('s?|\.)$", "", w) for w in words]
    words = [w for w in words if w and w not in SUFFIXES]
    if not words:
        return ""
    for k, w in enumerate(words[1:], 1):
        if w in PREPS:
            return words[k - 1]
    return words[-1]


def speaker_ok(pred, gold):
    h = head(pred)
    return bool(h) and any(h == head(g) for g in gold)


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def prf(gold, pred, labels):
    """Accuracy, macro-F1 over labels, and per-label (precision, recall, F1, support)."""
    n = len(gold)
    acc = sum(g == p for g, p in zip(gold, pred)) / n if n else 0.0
    per = {}
    for lab in labels:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred))
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        per[lab] = (pr, rc, f1, tp + fn)
    present = [lab for lab in labels if per[lab][3] or any(p == lab for p in pred)]
    macro = sum(per[lab][2] for lab in present) / len(present) if present else 0.0
    return acc, macro, per


def load_labels(pattern):
    arts = collections.OrderedDict()
    files = sorted(glob.glob(pattern))
    for path in files:
        for where, a, problem in polnear.label_lines(path):
            if problem == "empty line":
                continue
            if problem:
                sys.exit("%s: %s (bench/e2e/check_labels.py checks label files)" % (where, problem))
            if a["article"] in arts:
                print("note: %s labelled again in %s; the first labels are used" % (a["article"], path),
                      file=sys.stderr)
                continue
            arts[a["article"]] = a
    return files, arts


def load_texts(data_dir, arts):
    texts = {}
    for split in sorted({a["split"] for a in arts.values()}):
        texts.update(polnear.texts(data_dir, split, arts))
    missing = [i for i in arts if i not in texts]
    if missing:
        sys.exit("articles not in the data: %s" % ", ".join(missing))
    return texts


def run_stance(stance, model, records):
    inp = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    p = subprocess.run([stance, "classify", "--jsonl", "-m", model], input=inp.encode("utf-8"),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        sys.exit("%s classify failed (exit %d): %s" % (stance, p.returncode, p.stderr.decode("utf-8", "replace")))
    return p.stdout.decode("utf-8")


def match_quote(q, pq):
    """Index in @pq (predicted quotes) of the one matched to the gold quote @q: of those whose overlap with it
    covers at least half of the shorter span, the largest overlap (the first of equals); None when none does."""
    best, best_ov = None, 0
    for k, p in enumerate(pq):
        ov = overlap((q["start"], q["end"]), (p["start"], p["end"]))
        if ov > best_ov and ov * 2 >= min(q["end"] - q["start"], p["end"] - p["start"]):
            best, best_ov = k, ov
    return best


def outputs_by_id(lines):
    """`stance classify --jsonl` output lines (blank ones skipped) as {record id: record}: a saved output's
    reader for this script and the others of bench/e2e."""
    return {d["id"]: d for d in map(json.loads, filter(str.strip, lines))}


def pct(a, b):
    return "%d/%d = %.3f" % (a, b, a / b if b else 0.0)


def ece(rows, bins=10):
    """Expected calibration error of (confidence, correct) rows, equal-width bins."""
    by = collections.defaultdict(list)
    for c, ok in rows:
        by[min(int(c * bins), bins - 1)].append((c, ok))
    n = len(rows)
    return sum(len(v) / n * abs(sum(c for c, _ in v) / len(v) - sum(ok for _, ok in v) / len(v))
               for v in by.values()) if n else 0.0


THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def wilson(k, n, z=1.96):
    """The 95 % Wilson interval of k successes in n trials."""
    if not n:
        return 0.0, 0.0
    p = k / n
    mid = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * (p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5
    return max(0.0, mid - half), min(1.0, mid + half)


def coverage_lines(rows, labels, polar, what, target=0.8):
    """The risk-coverage table of @rows (confidence, gold, predicted), one answer each, as lines: for c in
    THRESHOLDS (and "all"), the answers whose confidence is at least c: how many, their share of @rows, their
    accuracy with its 95 % Wilson interval and macro-F1 over @labels, beside the guess "every answer the most
    frequent gold label of @rows" on the same answers; then the same for the answers whose predicted label is
    in @polar (a user who ignores the third label), their accuracy (precision) beside that guess; and how many
    of the kept answers are each label (the confident answers need not have the labels' mix). Last, the
    lowest c on a 0.01 grid at which the kept answers' accuracy reaches @target, in both views."""
    n = len(rows)
    if not n:
        return ["coverage, %s: no answers with a confidence" % what]
    major = max(labels, key=lambda lab: (sum(g == lab for _, g, _ in rows), lab))
    out = ["coverage, %s (%d): the answers whose confidence >= c; beside them all-%s on the same answers"
           % (what, n, major),
           "%8s | %5s %5s %-20s %8s | %-18s | %s: %5s %5s %-20s | %s | kept by answer %s"
           % ("c", "kept", "share", "accuracy (95% CI)", "macro-F1", "all-%s acc, F1" % major,
              "%s answers" % "/".join(polar), "kept", "share", "accuracy (95% CI)", "all-%s acc" % major,
              "/".join(labels))]
    pad = len("%s answers: " % "/".join(polar))

    def view(c, only=None):
        kept = [r for r in rows if r[0] >= c and (only is None or r[2] in only)]
        return kept, sum(g == p for _, g, p in kept)

    def fmt(kept, ok):
        lo, hi = wilson(ok, len(kept))
        return "%5d %5.3f %-20s" % (len(kept), len(kept) / n, "%.3f (%.2f-%.2f)" % (ok / len(kept) if kept else 0.0,
                                                                                  lo, hi))

    for c in (0.0,) + THRESHOLDS:
        kept, ok = view(c)
        gold, pred = [g for _, g, _ in kept], [p for _, _, p in kept]
        macro = prf(gold, pred, labels)[1]
        bacc, bmacro, _ = prf(gold, [major] * len(gold), labels)
        pk, pok = view(c, polar)
        pacc = prf([g for _, g, _ in pk], [major] * len(pk), labels)[0]
        out.append("%8s | %s %8.3f | %-18s | %s%s | %-*.3f | %s" % (
            "all" if c == 0.0 else "%.2f" % c, fmt(kept, ok), macro, "%.3f, %.3f" % (bacc, bmacro), " " * pad,
            fmt(pk, pok), len("all-%s acc" % major), pacc, "/".join(str(pred.count(lab)) for lab in labels)))
    for name, only in (("all answers", None), ("%s answers only" % "/".join(polar), polar)):
        best = None
        for i in range(101):
            kept, ok = view(i / 100, only)
            if kept and ok / len(kept) >= target:
                lo, hi = wilson(ok, len(kept))
                best = "c = %.2f: kept %d (share %.3f), accuracy %.3f (%.2f-%.2f)" % (
                    i / 100, len(kept), len(kept) / n, ok / len(kept), lo, hi)
                break
        out.append("    lowest c (0.01 steps) with accuracy >= %.2f, %s: %s" % (target, name, best or "none"))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stance", nargs="?", default="./stance", help="the stance binary (default ./stance)")
    ap.add_argument("-m", "--model", default="models/en-news.stm")
    ap.add_argument("--data", default="/work/shared/data/polnear")
    ap.add_argument("--labels", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "labels", "dev-*.jsonl"))
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="print each unfound quote, wrong speaker and wrong pair (article id and offsets)")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--save", help="write the library's output here")
    g.add_argument("--pred", help="score this saved output instead of running the binary")
    ap.add_argument("--pairs-out", help="write each linked pair's stance probabilities and gold label here")
    ap.add_argument("--mixed", action="store_true",
                    help="also count the gold quotes with 2+ linked pairs: of those whose gold labels differ, how many "
                         "got one label for every actor; of those whose gold labels agree, how many got different ones")
    ap.add_argument("--coverage", action="store_true",
                    help="also print the risk-coverage tables: for confidence thresholds c, the stance answers of the "
                         "linked pairs and the sentiment answers of the found quotes whose confidence is >= c, how "
                         "many are kept and how often they are right")
    ap.add_argument("--sides", metavar="FILE",
                    help="pass actors with sides as a caller who knows them would (bench/e2e/sides.py, watch_list()): "
                         "each labelled actor with its side from FILE (name|side lines, e.g. bench/e2e/sides.tsv), "
                         "plus the figures of FILE the article names in full that are not labelled (unscored: "
                         "their sides let the library know a speaker's side)")
    args = ap.parse_args()

    files, arts = load_labels(args.labels)
    if not arts:
        sys.exit("no labels match %s" % args.labels)
    texts = load_texts(args.data, arts)
    records = [{"id": i, "text": texts[i], "actors": [{"name": x["name"], "aliases": x["aliases"]} for x in a["actors"]]}
               for i, a in arts.items()]
    if args.sides:
        import sides
        table = sides.load(args.sides)
        for r in records:
            wl = sides.watch_list(r["text"], [(x["name"], x["aliases"]) for x in r["actors"]], table)
            r["actors"] = [{"name": n, "aliases": al, "side": sd} for n, al, sd in wl]
    if args.pred:
        with open(args.pred, encoding="utf-8") as f:
            out = f.read()
    else:
        out = run_stance(args.stance, args.model, records)
        if args.save:
            with open(args.save, "w", encoding="utf-8") as f:
                f.write(out)
    preds = outputs_by_id(out.splitlines())
    if set(preds) != set(arts):
        sys.exit("output ids differ from the labelled articles")

    found = collections.Counter()
    total = collections.Counter()
    spk_ok = spk_n = named_ok = named_n = 0
    sent_gold, sent_pred = [], []
    sent_rows, lk_rows = [], []  # --coverage: (confidence, gold, predicted) of the found quotes, the linked pairs
    st_gold, st_pred = [], []
    st_gold_c, st_pred_c = [], []  # pairs with conf >= 2
    lk_gold, lk_pred = [], []  # linked pairs only: the head's own accuracy, linking aside
    lk_probs = []  # linked pairs: (probabilities, gold label)
    mixed = {True: [0, 0], False: [0, 0]}  # --mixed: gold labels differ -> [quotes, labels given differ]
    via_n, via_linked = collections.Counter(), collections.Counter()
    linked = 0
    off_fa = off_bad = 0
    n_pairs = 0
    label_dist = collections.Counter()
    for aid, a in arts.items():
        pq = [q for q in preds[aid]["quotes"]]
        actor_names = {x["name"] for x in a["actors"]}
        gold_actors_of = collections.defaultdict(set)  # predicted quote index -> gold pair actors
        matched_pred = set()
        for q in a["quotes"]:
            gspan = (q["start"], q["end"])
            best = match_quote(q, pq)
            total[q["type"]] += 1
            p = pq[best] if best is not None else None
            if p is None and args.verbose:
                print("FN    %s [%d,%d) %s" % (aid, gspan[0], gspan[1], q["type"]))
            if p is not None:
                found[q["type"]] += 1
                matched_pred.add(best)
                gold_names = [q["speaker"]] + q["speaker_aliases"]
                ps = (p.get("speaker") or {}).get("name")
                ok = speaker_ok(ps, gold_names)
                spk_n += 1
                spk_ok += ok
                if not ok and args.verbose:
                    print("SPK   %s [%d,%d) gold %r, predicted %r" % (aid, gspan[0], gspan[1], q["speaker"], ps))
                if q["speaker_named"]:
                    named_n += 1
                    named_ok += ok
                sent_gold.append(q["sentiment"])
                # a model without a sentiment head: counted as neutral
                sent_pred.append((p["sentiment"] or {"label": "neutral"})["label"])
                if p["sentiment"] and p["sentiment"].get("confidence") is not None:
                    sent_rows.append((p["sentiment"]["confidence"], q["sentiment"], p["sentiment"]["label"]))
            stances = {}
            if p is not None:
                for s in p.get("stances", []):
                    if s.get("where") != "none":
                        stances[s["actor"]] = s
            qlinked = []
            for pair in q["pairs"]:
                n_pairs += 1
                label_dist[pair["stance"]] += 1
                via_n[pair["via"]] += 1
                if p is not None:
                    gold_actors_of[best].add(pair["actor"])
                st = stances.get(pair["actor"])
                lab = st["label"] if st is not None else None
                if st is not None:
                    if st.get("probs"):  # a saved output may carry labels only
                        lk_probs.append((st["probs"], pair["stance"]))
                    if st.get("confidence") is not None:
                        lk_rows.append((st["confidence"], pair["stance"], st["label"]))
                    linked += 1
                    via_linked[pair["via"]] += 1
                    lk_gold.append(pair["stance"])
                    lk_pred.append(lab)
                    qlinked.append((pair["stance"], lab))
                if args.verbose and (lab or "none") != pair["stance"]:
                    print("PAIR  %s [%d,%d) %s via %s: gold %s, predicted %s" % (
                        aid, gspan[0], gspan[1], pair["actor"], pair["via"], pair["stance"],
                        lab or ("no stance" if p is not None else "quote not found")))
                st_gold.append(pair["stance"])
                st_pred.append(lab or "none")
                if pair["conf"] >= 2:
                    st_gold_c.append(pair["stance"])
                    st_pred_c.append(lab or "none")
            if len(qlinked) >= 2:
                differ = len(set(g for g, _ in qlinked)) > 1
                mixed[differ][0] += 1
                mixed[differ][1] += len(set(lab for _, lab in qlinked)) > 1
        for k in matched_pred:
            for s in pq[k].get("stances", []):
                if s.get("where") == "none" or s["actor"] not in actor_names:
                    continue
                if s["label"] in ("favor", "against"):
                    off_fa += 1
                    off_bad += s["actor"] not in gold_actors_of[k]
                    if args.verbose and s["actor"] not in gold_actors_of[k]:
                        print("OFF   %s [%d,%d) %s %s" % (aid, pq[k]["start"], pq[k]["end"], s["actor"], s["label"]))

    nq = sum(total.values())
    if args.mixed:
        print("quotes with 2+ linked pairs: gold labels differ %d, the labels given differ in %d (one label for all: %d); "
              "gold labels agree %d, the labels given differ in %d"
              % (mixed[True][0], mixed[True][1], mixed[True][0] - mixed[True][1], mixed[False][0], mixed[False][1]))
    print("labels: %s" % ", ".join(os.path.relpath(f) for f in files))
    print("articles %d, gold quotes %d (direct %d, partial %d), gold pairs %d (favor %d, against %d, none %d)"
          % (len(arts), nq, total["direct"], total["partial"], n_pairs,
             label_dist["favor"], label_dist["against"], label_dist["none"]))
    print("quotes found:      all %s; direct %s; partial %s"
          % (pct(sum(found.values()), nq), pct(found["direct"], total["direct"]), pct(found["partial"], total["partial"])))
    print("speaker accuracy:  found quotes %s; speaker_named %s" % (pct(spk_ok, spk_n), pct(named_ok, named_n)))
    print("pairs linked:      %s" % pct(linked, n_pairs))
    acc, macro, per = prf(st_gold, st_pred, STANCES)
    bacc, bmacro, _ = prf(st_gold, ["none"] * len(st_gold), STANCES)
    print("stance (all pairs, missing = none): accuracy %.3f, macro-F1 %.3f  |  baseline all-none: accuracy %.3f, macro-F1 %.3f"
          % (acc, macro, bacc, bmacro))
    # The other plain guess: the gold's most frequent label for every pair (on dev, "against").
    major = max(STANCES, key=lambda lab: (label_dist[lab], lab == "none"))
    macc, mmacro, _ = prf(st_gold, [major] * len(st_gold), STANCES)
    print("    baseline all-%s (the most frequent gold label): accuracy %.3f, macro-F1 %.3f" % (major, macc, mmacro))
    print("    per label P/R/F1 (support): %s" % "; ".join(
        "%s %.2f/%.2f/%.2f (%d)" % (lab, per[lab][0], per[lab][1], per[lab][2], per[lab][3]) for lab in STANCES))
    lacc, lmacro, _ = prf(lk_gold, lk_pred, STANCES)
    lmaj, _, _ = prf(lk_gold, [major] * len(lk_gold), STANCES)
    print("    linked pairs only (%d): accuracy %.3f, macro-F1 %.3f  |  all-%s on them: accuracy %.3f"
          % (len(lk_gold), lacc, lmacro, major, lmaj))
    if lk_probs:
        conf = [(max(pr.values()), max(pr, key=pr.get) == g) for pr, g in lk_probs]
        print("    calibration on the linked pairs: mean confidence %.3f, accuracy %.3f, ECE %.3f"
              % (sum(c for c, _ in conf) / len(conf), sum(ok for _, ok in conf) / len(conf), ece(conf)))
    if args.pairs_out:
        with open(args.pairs_out, "w", encoding="utf-8") as f:
            for pr, g in lk_probs:
                f.write(json.dumps({"probs": pr, "gold": g}) + "\n")
    cacc, cmacro, _ = prf(st_gold_c, st_pred_c, STANCES)
    print("    pairs with conf >= 2 (%d): accuracy %.3f, macro-F1 %.3f" % (len(st_gold_c), cacc, cmacro))
    sacc, smacro, sper = prf(sent_gold, sent_pred, SENTIMENTS)
    print("sentiment (found quotes, %d): accuracy %.3f, macro-F1 %.3f" % (len(sent_gold), sacc, smacro))
    print("off-target favor/against stances (found quotes, labelled actors, not a gold pair): %s" % pct(off_bad, off_fa))
    print("linking by via:    %s" % "; ".join("%s %s" % (v, pct(via_linked[v], via_n[v]))
                                             for v in sorted(via_n, key=lambda v: -via_n[v])))
    if args.coverage:
        for line in (coverage_lines(lk_rows, STANCES, ("favor", "against"), "stance, linked pairs")
                     + coverage_lines(sent_rows, SENTIMENTS, ("positive", "negative"), "sentiment, found quotes")):
            print(line)


if __name__ == "__main__":
    main()
