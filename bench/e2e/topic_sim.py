#!/usr/bin/env python3
"""Would a small learned decision link a quote to an actor it never mentions (#19, "implicit")?

    bench/e2e/score.py ./stance --labels 'bench/e2e/labels/train-*.jsonl' --save OUT.jsonl
    bench/e2e/topic_sim.py --labels 'bench/e2e/labels/train-*.jsonl' --pred OUT.jsonl [--stance ./stance]
    bench/e2e/topic_sim.py ... --dev-labels 'bench/e2e/labels/dev-*.jsonl' --dev-pred DEV.jsonl --threshold P

A candidate row is a found gold quote (score.py's matching) and a labelled actor of its article that
the library does not link to it (no stance with `where` other than none). Its label: the pair is gold.
Its features are what a C rule could compute from the library's own output (the quotes, their
speakers and targets, every actor's `all_mentions`): distances in sentences and paragraphs to the
actor's nearest mention before and after the quote, the kind of the nearest, the actor's salience,
whether it is the speaker, whether the speaker's previous quote (or the paragraph's) targets it, the
quote's other targets, length and place. A logistic regression is fitted with cross-validation
grouped by article on the first labels only; for each threshold it prints the gold pairs it would
link and the non-pairs, and, for the non-pairs, how many would get favor/against (the library's own
stance toward that actor on that quote, from a run with --all-actors), i.e. the off-target stances
added. With --dev-* it fits on all the first labels and applies one threshold to the second set.
Also prints the simple rules the model's weights suggest, counted the same way. Needs sklearn
(/usr/bin/python3). The stance head is trained on the train pairs, so its own probabilities are no
feature here (they would leak the train labels); it only says which rows would get favor/against.
"""
import argparse
import bisect
import collections
import json
import math
import os
import re
import subprocess
import sys

import causes
import score

SENT_END = re.compile(rb"[.?!](?:[\"')]|\xe2\x80\x9d|\xe2\x80\x99)*\s+|\n+")
DESC = {b"candidate", b"nominee", b"opponent", b"president", b"campaign", b"administration", b"party", b"guy",
        b"man", b"woman", b"senator", b"governor", b"secretary", b"frontrunner", b"rival", b"committee"}
CAP = 6  # distances capped here; "none" is CAP + 1


def load_out(path, arts):
    with open(path, encoding="utf-8") as f:
        d = score.outputs_by_id(f)
    if set(d) != set(arts):
        sys.exit("%s: ids differ from the labels" % path)
    return d


def run_all(stance, model, arts, texts, path):
    """The library's output with --all-actors (every actor scored on every quote), cached at @path."""
    if not os.path.exists(path):
        recs = [{"id": i, "text": texts[i], "actors": [{"name": x["name"], "aliases": x["aliases"]}
                                                       for x in a["actors"]]} for i, a in arts.items()]
        inp = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs).encode("utf-8")
        p = subprocess.run([stance, "classify", "--jsonl", "--all-actors", "-m", model], input=inp,
                           stdout=subprocess.PIPE, check=True)
        with open(path, "wb") as f:
            f.write(p.stdout)
    return load_out(path, arts)


def speaker_actor(name, actors):
    """The labelled actor a predicted speaker name stands for (score.head rule), or None."""
    if not name:
        return None
    h = score.head(name)
    hit = [a["name"] for a in actors if h and any(score.head(n) == h for n in [a["name"]] + a["aliases"])]
    return hit[0] if len(hit) == 1 else None


class Doc:
    """Sentence and paragraph index of an article's bytes."""

    def __init__(self, t):
        self.t = t
        self.sent = [0] + [m.end() for m in SENT_END.finditer(t)]
        self.para = [0] + [m.end() for m in re.finditer(rb"\n\s*\n", t)]

    def s(self, off):
        return bisect.bisect_right(self.sent, off) - 1

    def p(self, off):
        return bisect.bisect_right(self.para, off) - 1


def rows_of(arts, texts, preds, alls):
    """(features dict, gold, off-target-if-linked, group, info) for every candidate row."""
    rows = []
    for aid, a in arts.items():
        t = texts[aid].encode("utf-8")
        doc = Doc(t)
        pq = preds[aid]["quotes"]
        aq = {q["start"]: q for q in alls[aid]["quotes"]}
        names = [x["name"] for x in a["actors"]]
        ments = {x["name"]: [m for m in x.get("all_mentions", [])] for x in preds[aid]["actors"]}
        n_all = sum(len(v) for v in ments.values()) or 1
        rank = {n: r for r, n in enumerate(sorted(names, key=lambda n: -len(ments.get(n, []))))}
        linked = [{s["actor"] for s in q.get("stances", []) if s.get("where") != "none"} for q in pq]
        spk = [speaker_actor((q.get("speaker") or {}).get("name"), a["actors"]) for q in pq]
        spk_name = [((q.get("speaker") or {}).get("name") or "") for q in pq]
        gold_of = {}
        for g in a["quotes"]:
            k = score.match_quote(g, pq)
            if k is not None:
                gold_of.setdefault(k, {})
                for pr in g["pairs"]:
                    gold_of[k][pr["actor"]] = pr["via"]
        for k, gold in gold_of.items():
            q = pq[k]
            qs, qe = q["start"], q["end"]
            qsent, qpara = doc.s(qs), doc.p(qs)
            sp = q.get("speaker") or {}
            # the attribution: the speaker mention's sentence (may differ from the quote's)
            asent = doc.s(sp["start"]) if sp.get("start") is not None else qsent
            prev_same = next((j for j in range(k - 1, -1, -1) if spk_name[j] and spk_name[j] == spk_name[k]), None)
            prev_para = k - 1 if k > 0 and doc.p(pq[k - 1]["start"]) == qpara else None
            next_same = next((j for j in range(k + 1, len(pq)) if spk_name[j] and spk_name[j] == spk_name[k]), None)
            for name in names:
                if name in linked[k]:
                    continue
                ms = ments.get(name, [])
                before = [m for m in ms if m["end"] <= qs]
                after = [m for m in ms if m["start"] >= qe]
                inside = [m for m in ms if m["start"] >= qs and m["end"] <= qe]
                nb = before[-1] if before else None
                na = after[0] if after else None
                f = collections.OrderedDict()
                st = next((s for s in aq.get(qs, {}).get("stances", []) if s["actor"] == name), None)
                fa = bool(st) and st["label"] in ("favor", "against")
                f["sb"] = min(qsent - doc.s(nb["start"]), CAP) if nb else CAP + 1
                f["sa"] = min(doc.s(na["start"]) - doc.s(qe - 1), CAP) if na else CAP + 1
                f["pb"] = min(qpara - doc.p(nb["start"]), CAP) if nb else CAP + 1
                f["pa"] = min(doc.p(na["start"]) - qpara, CAP) if na else CAP + 1
                f["in_attr"] = int(any(doc.s(m["start"]) in (qsent, asent) and not (qs <= m["start"] < qe)
                                       for m in ms))
                f["in_prev_sent"] = int(any(doc.s(m["start"]) == min(qsent, asent) - 1 for m in ms))
                f["in_para"] = int(any(doc.p(m["start"]) == qpara for m in ms))
                f["n_para"] = min(sum(doc.p(m["start"]) == qpara for m in ms), 5)
                f["inside_self"] = int(bool(inside))
                near = nb if (nb and (not na or qs - nb["end"] <= na["start"] - qe)) else na
                for kd in ("name", "surname", "pronoun", "title"):
                    f["near_" + kd] = int(bool(near) and (near["kind"] == kd or (kd == "name" and near["kind"] == "alias")))
                f["share"] = len(ms) / n_all
                f["rank1"] = int(rank[name] == 0)
                f["n_actors"] = len(names)
                f["is_speaker"] = int(spk[k] == name)
                f["prev_same_tgt"] = int(prev_same is not None and name in linked[prev_same])
                f["prev_same_para"] = int(prev_same is not None and doc.p(pq[prev_same]["start"]) == qpara
                                          and name in linked[prev_same])
                f["prev_para_tgt"] = int(prev_para is not None and name in linked[prev_para])
                f["next_same_tgt"] = int(next_same is not None and name in linked[next_same])
                f["n_other"] = min(len(linked[k]), 3)
                f["no_other"] = int(not linked[k])
                f["first_quote"] = int(k == 0)
                f["log_len"] = math.log(max(qe - qs, 1))
                f["partial"] = int(q.get("type") == "partial")
                f["speaker_known"] = int(spk[k] is not None)
                same = [j for j in range(len(pq)) if j != k and spk_name[j] and spk_name[j] == spk_name[k]]
                f["spk_tgt_share"] = sum(name in linked[j] for j in same) / len(same) if same else 0.0
                f["art_tgt_share"] = sum(name in linked[j] for j in range(len(pq)) if j != k) / max(len(pq) - 1, 1)
                words = re.findall(rb"[a-z]+", t[qs:qe].lower())
                covered = [(m["start"], m["end"]) for v in ments.values() for m in v if qs <= m["start"] < qe]
                n3 = 0
                for mo in re.finditer(rb"\b(he|him|his|she|her|they|them|their)\b", t[qs:qe], re.I):
                    if not any(s0 <= qs + mo.start() < e0 for s0, e0 in covered):
                        n3 += 1
                f["q_pron3_free"] = min(n3, 3)
                f["q_desc"] = int(any(w in DESC for w in words))
                f["q_you"] = int(any(w in (b"you", b"your") for w in words))
                sent = q.get("sentiment", {}).get("probs", {})
                f["q_neutral"] = sent.get("neutral", 0.0)
                rows.append((f, name in gold, fa, aid, (aid, qs, qe, name, gold.get(name), st and st["label"])))
    return rows


def table(title, sel, rows, base):
    """Counts of the selected rows: gold, non-gold, non-gold with favor/against, and the figures."""
    g = sum(1 for r, s in zip(rows, sel) if s and r[1])
    gfa = sum(1 for r, s in zip(rows, sel) if s and r[1] and r[2])
    n = sum(1 for r, s in zip(rows, sel) if s and not r[1])
    nfa = sum(1 for r, s in zip(rows, sel) if s and not r[1] and r[2])
    lk, npairs, off, offd = base
    print("| %s | %d | %d | %d | %.3f | %.3f |" % (title, g, n, nfa, (lk + g) / npairs,
                                                   (off + nfa) / (offd + gfa + nfa)))


def base_figures(arts, preds):
    """(linked, pairs, off-target favor/against, all favor/against on labelled actors of found quotes)."""
    pairs, off = causes.pair_states(arts, preds)
    lk = sum(1 for v in pairs.values() if v[2] is not None)
    fa = 0
    for aid, a in arts.items():
        pq = preds[aid]["quotes"]
        names = {x["name"] for x in a["actors"]}
        ks = {score.match_quote(q, pq) for q in a["quotes"]} - {None}
        fa += sum(1 for k in ks for s in pq[k].get("stances", [])
                  if s.get("where") != "none" and s["actor"] in names and s["label"] in ("favor", "against"))
    return lk, len(pairs), len(off), fa


def header():
    print("| rows chosen | gold added | non-pairs added | of them favor/against | linked | off-target |")
    print("|---|---:|---:|---:|---:|---:|")


def rules(rows, base):
    """Simple rules, counted like the model."""
    R = [
        ("no other target, previous quote of the same speaker in the paragraph targets it",
         lambda f: f["no_other"] and f["prev_same_para"]),
        ("no other target, previous quote of the same speaker targets it",
         lambda f: f["no_other"] and f["prev_same_tgt"]),
        ("no other target, previous quote in the paragraph targets it",
         lambda f: f["no_other"] and f["prev_para_tgt"]),
        ("no other target, in the attribution sentence, not the speaker",
         lambda f: f["no_other"] and f["in_attr"] and not f["is_speaker"]),
        ("no other target, prev same-speaker quote targets it, in attribution or sentence before",
         lambda f: f["no_other"] and f["prev_same_tgt"] and (f["in_attr"] or f["in_prev_sent"])),
        ("no other target, the article's most mentioned actor, not the speaker, in the paragraph",
         lambda f: f["no_other"] and f["rank1"] and not f["is_speaker"] and f["in_para"]),
    ]
    for title, fn in R:
        table(title, [bool(fn(r[0])) for r in rows], rows, base)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", default="bench/e2e/labels/train-*.jsonl")
    ap.add_argument("--pred", required=True, help="score.py --save output for --labels")
    ap.add_argument("--pred-all", help="the same with --all-actors (made with --stance when missing)")
    ap.add_argument("--dev-labels")
    ap.add_argument("--dev-pred")
    ap.add_argument("--dev-pred-all")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--stance", default="./stance")
    ap.add_argument("-m", "--model", default="models/en-news.stm")
    ap.add_argument("--data", default="/work/shared/data/polnear")
    ap.add_argument("--C", type=float, default=0.3)
    ap.add_argument("--trees", action="store_true", help="gradient-boosted trees (depth 3) instead of the regression")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the rows chosen at --threshold")
    args = ap.parse_args()
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold
    from sklearn.preprocessing import StandardScaler
    from sklearn.pipeline import make_pipeline

    def load(labels, pred, pred_all):
        _, arts = score.load_labels(labels)
        texts = score.load_texts(args.data, arts)
        preds = load_out(pred, arts)
        alls = run_all(args.stance, args.model, arts, texts, pred_all or pred + ".all")
        return arts, rows_of(arts, texts, preds, alls), base_figures(arts, preds)

    arts, rows, base = load(args.labels, args.pred, args.pred_all)
    X = np.array([list(r[0].values()) for r in rows], dtype=float)
    y = np.array([r[1] for r in rows], dtype=int)
    groups = [r[3] for r in rows]
    names = list(rows[0][0])
    print("candidate rows %d, gold %d (by via: %s); base linked %d/%d, off-target %d/%d" % (
        len(rows), y.sum(), dict(collections.Counter(r[4][4] for r in rows if r[1])), base[0], base[1],
        base[2], base[3]))

    def model():
        if args.trees:
            from sklearn.ensemble import GradientBoostingClassifier
            return make_pipeline(StandardScaler(), GradientBoostingClassifier(max_depth=3, n_estimators=100,
                                                                              learning_rate=0.05, random_state=0))
        return make_pipeline(StandardScaler(), LogisticRegression(C=args.C, max_iter=2000))

    p = np.zeros(len(rows))
    for tr, te in GroupKFold(n_splits=5).split(X, y, groups):
        m = model().fit(X[tr], y[tr])
        p[te] = m.predict_proba(X[te])[:, 1]
    # one actor per quote at most: the most probable
    best = {}
    for i, r in enumerate(rows):
        key = r[4][:3]
        if key not in best or p[i] > p[best[key]]:
            best[key] = i
    top = set(best.values())
    from sklearn.metrics import average_precision_score, roc_auc_score
    print("CV ranking: ROC AUC %.3f, average precision %.3f (base rate %.3f)" % (
        roc_auc_score(y, p), average_precision_score(y, p), y.mean()))
    print("\nTrain, 5-fold CV grouped by article (%s):" % ("trees" if args.trees else "C=%g" % args.C))
    header()
    for th in (0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2):
        table("p >= %.1f" % th, [x >= th for x in p], rows, base)
        table("p >= %.1f, top actor of the quote" % th, [x >= th and i in top for i, x in enumerate(p)], rows, base)
    m = model().fit(X, y)
    coef = m[-1].coef_[0] if not args.trees else m[-1].feature_importances_
    print("\n%s (standardised features, all train rows):" % ("Importances" if args.trees else "Weights"))
    for n, c in sorted(zip(names, coef), key=lambda x: -abs(x[1])):
        print("  %-16s %+.2f" % (n, c))
    print("\nSimple rules on train:")
    header()
    rules(rows, base)
    if args.verbose:
        for i, r in enumerate(rows):
            if p[i] >= args.threshold:
                print("%.2f %s %s" % (p[i], "GOLD" if r[1] else "----", r[4]))
    if args.dev_labels:
        darts, drows, dbase = load(args.dev_labels, args.dev_pred, args.dev_pred_all)
        DX = np.array([list(r[0].values()) for r in drows], dtype=float)
        dp = m.predict_proba(DX)[:, 1]
        print("\nDev (model fitted on all train rows), base linked %d/%d, off-target %d/%d:" % (
            dbase[0], dbase[1], dbase[2], dbase[3]))
        header()
        for th in sorted({args.threshold, 0.5, 0.4, 0.3}, reverse=True):
            table("p >= %.2f" % th, [x >= th for x in dp], drows, dbase)
        print("\nSimple rules on dev:")
        header()
        rules(drows, dbase)


if __name__ == "__main__":
    main()
