#!/usr/bin/env python3
"""What the stance head gets wrong on held-out real quotes: list, tag, count, and simulate fixes.

    bench/e2e/errors.py DIR NAME [--folds 4] [--data DATA_DIR/polnear] [--explain STANCE]
                        [--list [--sample N --seed S]] [--tags TAGS.tsv] [--stats] [--sim] [--stack]
                        [--lexicon WORD<TAB>VALENCE FILE]

DIR/NAME-outK.jsonl is the `stance classify --jsonl` output of bench/e2e/cv_stance.py's fold K (a model
that never saw those articles) and DIR/NAME-testK.jsonl their labels; gold quotes are matched to predicted
quotes as score.py does (score.match_quote()). Every linked gold pair (the matched quote has a stance for the
pair's actor) is a row: article, gold quote span, actor, via, gold label, predicted label and probabilities,
the stance's where/why/kinds and mentions, the gold notes.
--explain STANCE: run STANCE classify --explain 5 with the fold model DIR/NAMEK.stm on each fold's articles
  (cached as DIR/NAME-explainK.jsonl) and print each row's top features; checks the labels equal the saved ones.
--list: print the errors (gold != predicted) with the quote text, for reading only (never commit the output);
  --sample N --seed S: a seeded random sample of them, in a stable order.
--tags TAGS.tsv: lines "article<TAB>quote start<TAB>actor<TAB>category[<TAB>comment]" (the reader's cause for
  each listed error); prints the taxonomy table, each category with its count and gold->predicted directions.
  bench/e2e/errors-tags.tsv holds err1's reading of the 160 errors of `--sample 160 --seed 1` on cell base-f4s1.
--stats: accuracy of all linked pairs by a property (a negator, no lexicon word, other linked actors, the strongest
  feature's family with --explain, ...).
--sim: the rule-based fixes simulated over ALL linked pairs (SIMS below): fixed (wrong -> right) and broken
  (right -> wrong), the linked accuracy before and after.
--stack: leave-one-fold-out multinomial logistic regression over the head's log-probabilities and surface cues
  (CUE_GROUPS), all cues, all but one group, one group alone: what the cues together can add (pure Python, ~10 min).
The lexicon for --stats/--sim/--stack: VADER's (default) or models/inflect_lexicon.py's output of it.
Example (bench/RESULTS.md, "err1"):
  bench/e2e/errors.py WORK base-f4s1 --explain ./stance --list --sample 160 --seed 1     # read, never commit
  bench/e2e/errors.py WORK base-f4s1 --explain ./stance --tags bench/e2e/errors-tags.tsv --stats --sim --stack
Only the standard library.
"""
import argparse
import collections
import json
import os
import random
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import causes  # noqa: E402
import score  # noqa: E402

LAB = ("favor", "against", "none")


def load_fold(work, name, k):
    _, arts = score.load_labels(os.path.join(work, "%s-test%d.jsonl" % (name, k)))
    preds = causes.load_pred(os.path.join(work, "%s-out%d.jsonl" % (name, k)), arts)
    return arts, preds


def explain_fold(stance, work, name, k, arts, texts, preds):
    """{(article, predicted quote start, actor): explain list} from the fold model rerun with --explain 5."""
    path = os.path.join(work, "%s-explain%d.jsonl" % (name, k))
    if not os.path.exists(path):
        recs = [{"id": i, "text": texts[i], "actors": [{"name": x["name"], "aliases": x["aliases"]}
                                                        for x in a["actors"]]} for i, a in arts.items()]
        inp = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)
        p = subprocess.run([stance, "classify", "--jsonl", "--explain", "5", "-m",
                            os.path.join(work, "%s%d.stm" % (name, k))], input=inp.encode(), stdout=subprocess.PIPE,
                           check=True)
        with open(path, "wb") as f:
            f.write(p.stdout)
    out, diff = {}, 0
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        old = {(q["start"], s["actor"]): s["label"] for q in preds[d["id"]]["quotes"] for s in q.get("stances", [])}
        for q in d["quotes"]:
            for s in q.get("stances", []):
                out[(d["id"], q["start"], s["actor"])] = s.get("explain", [])
                diff += old.get((q["start"], s["actor"])) != s["label"]
    if diff:
        print("note: fold %d: %d stances differ between the saved output and the --explain rerun" % (k, diff),
              file=sys.stderr)
    return out


def rows(a):
    """Every linked gold pair of the cell, as dicts."""
    res = []
    texts_all = {}
    for k in range(a.folds):
        arts, preds = load_fold(a.work, a.name, k)
        texts = score.load_texts(a.data, arts)
        texts_all.update(texts)
        expl = explain_fold(a.explain, a.work, a.name, k, arts, texts, preds) if a.explain else {}
        for aid, art in arts.items():
            pq = preds[aid]["quotes"]
            t = texts[aid].encode("utf-8")
            for q in art["quotes"]:
                m = score.match_quote(q, pq)
                if m is None:
                    continue
                p = pq[m]
                st = {s["actor"]: s for s in p.get("stances", []) if s.get("where") != "none"}
                for pair in q["pairs"]:
                    s = st.get(pair["actor"])
                    if s is None:
                        continue
                    res.append({
                        "fold": k, "article": aid, "qs": q["start"], "qe": q["end"], "ps": p["start"], "pe": p["end"],
                        "actor": pair["actor"], "via": pair["via"], "gold": pair["stance"], "conf": pair["conf"],
                        "pred": s["label"], "probs": s.get("probs") or {}, "where": s.get("where"),
                        "why": s.get("why"), "kinds": s.get("kinds"), "mentions": s.get("mentions") or [],
                        "note": pair.get("note", ""), "qnote": q.get("note", ""),
                        "speaker": (p.get("speaker") or {}).get("name") or "", "gspeaker": q["speaker"],
                        "role": (p.get("speaker") or {}).get("role") or "", "cue": (p.get("cue") or "").lower(),
                        "actors": [[x["name"]] + x["aliases"] for x in art["actors"]],
                        "quote": t[q["start"]:q["end"]].decode("utf-8", "replace"),
                        "ptext": p.get("text", ""),
                        "ment_text": [t[x[0]:x[1]].decode("utf-8", "replace") for x in s.get("mentions") or []],
                        "others": sorted(x for x in st if x != pair["actor"]),
                        "other_gold": {pr["actor"]: pr["stance"] for pr in q["pairs"] if pr["actor"] != pair["actor"]},
                        "explain": expl.get((aid, p["start"], pair["actor"]), []),
                        "text": t,
                    })
    return res


def key(r):
    return "%s\t%d\t%s" % (r["article"], r["qs"], r["actor"])


def errors_of(rs, a):
    err = [r for r in rs if r["gold"] != r["pred"]]
    if a.sample:
        err = sorted(random.Random(a.seed).sample(err, min(a.sample, len(err))), key=lambda r: (r["article"], r["qs"]))
    return err


def show(r, n):
    pr = r["probs"]
    print("#%d %s [%d,%d) actor %r via %s conf %d: gold %s, predicted %s (f %.2f a %.2f n %.2f) where %s why %s"
          % (n, r["article"], r["qs"], r["qe"], r["actor"], r["via"], r["conf"], r["gold"], r["pred"],
             pr.get("favor", 0), pr.get("against", 0), pr.get("none", 0), r["where"], r["why"]))
    print("   speaker %r (gold %r); mentions %s; other linked actors %s; other gold %s"
          % (r["speaker"], r["gspeaker"], list(zip(r["mentions"], r["ment_text"])), r["others"], r["other_gold"]))
    if r["explain"]:
        print("   explain: %s" % "; ".join("%s %+.2f" % (e.get("feature"), e.get("contribution", 0))
                                          for e in r["explain"]))
    print("   note: %s | quote note: %s" % (r["note"], r["qnote"]))
    print("   QUOTE: %s" % r["quote"])
    if r["where"] != "quote":
        t = r["text"]
        lo = max(0, min([r["qs"]] + [x[0] for x in r["mentions"]]) - 80)
        hi = min(len(t), max([r["qe"]] + [x[1] for x in r["mentions"]]) + 80)
        print("   CONTEXT: %s" % t[lo:hi].decode("utf-8", "replace").replace("\n", " / "))
    print()


GROUPS = (("polarity not aimed at this actor", ("polar-not-stance", "other-actor", "other-target", "victim",
                                                "reported-speech", "own-side")),
          ("a stance with no evaluative word about the actor", ("implicit", "context", "behalf")),
          ("a polarity operator misread", ("negation", "question", "irony", "conditional", "word-sense")),
          ("explicit evaluation of the actor missed", ("explicit-miss", "actor-prior")),
          ("label doubtful", ("doubtful",)))


def tags_table(rs, path):
    by = {key(r): r for r in rs}
    cat = collections.defaultdict(list)
    for line in open(path, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.rstrip("\n").split("\t")
        k = "\t".join(f[:3])
        if k not in by:
            sys.exit("tags: %s is not a linked pair" % k)
        cat[f[3]].append(by[k])
    n = sum(len(v) for v in cat.values())
    n_err = sum(r["gold"] != r["pred"] for r in rs)
    print("| cause | errors read | share (95 %% CI) | of all %d errors, about | gold -> predicted |" % n_err)
    print("|---|---:|---|---:|---|")

    def line(c, v):
        d = collections.Counter("%s->%s" % (r["gold"], r["pred"]) for r in v)
        lo, hi = score.wilson(len(v), n)
        print("| %s | %d | %.2f (%.2f-%.2f) | %d | %s |" % (c, len(v), len(v) / n, lo, hi, round(len(v) / n * n_err),
                                                         ", ".join("%s %d" % x for x in d.most_common())))
    for c, v in sorted(cat.items(), key=lambda x: -len(x[1])):
        line(c, v)
    line("all", [r for v in cat.values() for r in v])
    print()
    for g, cs in GROUPS:
        line("%s (%s)" % (g, ", ".join(cs)), [r for c in cs for r in cat.get(c, [])])
    missing = set(cat) - {c for _, cs in GROUPS for c in cs}
    if missing:
        print("not in a group: %s" % ", ".join(sorted(missing)))


NEGATORS = {"not", "n't", "never", "no", "nothing", "without", "nor", "none", "neither", "nobody", "hardly",
            "cannot"}
TOKEN = re.compile(rb"[A-Za-z]+(?:'[a-z]+)?|n't|[?.!;:]")
SENT_END = {"?", ".", "!"}


def load_lexicon(path):
    lex = {}
    for line in open(path, encoding="utf-8", errors="replace"):
        f = line.rstrip("\n").split("\t")
        if len(f) >= 2:
            try:
                lex[f[0].lower()] = float(f[1])
            except ValueError:
                pass
    return lex


def tokens(t, lo, hi):
    """(start, end, lower-case word) of the words and sentence marks of t[lo:hi] (bytes); "don't" gives "do", "n't"."""
    out = []
    for m in TOKEN.finditer(t, lo, hi):
        w = m.group().decode("ascii").lower()
        if w.endswith("n't") and len(w) > 3:
            out.append((m.start(), m.end() - 3, w[:-3]))
            out.append((m.end() - 3, m.end(), "n't"))
        else:
            out.append((m.start(), m.end(), w))
    return out


def polar(toks, lex, scope=3, flip=True):
    """[(token index, valence)] of the lexicon words of @toks; with @flip, a word within @scope tokens after a negator
    (same sentence) has its valence times -0.74 (VADER's rule)."""
    out, neg_at = [], -99
    for i, (_, _, w) in enumerate(toks):
        if w in SENT_END:
            neg_at = -99
            continue
        if w in NEGATORS:
            neg_at = i
            continue
        v = lex.get(w)
        if v:
            out.append((i, v * (-0.74 if flip and i - neg_at <= scope else 1.0)))
    return out


def sign(x, eps=0.0):
    return "favor" if x > eps else "against" if x < -eps else "none"


def features(r, lex):
    """What the rules read of a linked pair: the predicted quote's tokens, the positions of the actor's mentions in
    them, its lexicon words (plain and negation-flipped) and whether a mention's sentence is a question."""
    t = r["text"]
    toks = tokens(t, r["ps"], r["pe"])
    ment = [i for i, (s, e, _) in enumerate(toks) if any(s >= m[0] and e <= m[1] for m in r["mentions"])]
    return {"toks": toks, "ment": ment, "plain": polar(toks, lex, flip=False), "flip": polar(toks, lex),
            "neg": any(w in NEGATORS for _, _, w in toks)}


def rule_negation(r, f, lex):
    """A polar answer whose quote's net valence changes sign when negated words are flipped: the other polarity."""
    if r["pred"] == "none" or not f["neg"]:
        return r["pred"]
    a, b = sum(v for _, v in f["plain"]), sum(v for _, v in f["flip"])
    if sign(a) != sign(b) and sign(b) != "none":
        return sign(b)
    return r["pred"]


def rule_negation_none(r, f, lex):
    """rule_negation, and an "against" whose quote has a negator and no negative word once negation is read: none."""
    p = rule_negation(r, f, lex)
    if p == "against" and f["neg"] and not any(v < 0 for _, v in f["flip"]):
        return "none"
    return p


def near(f, k):
    """The flipped lexicon words within @k tokens of a mention of the actor in the quote (None: no mention in it)."""
    if not f["ment"]:
        return None
    return [(i, v) for i, v in f["flip"] if min(abs(i - m) for m in f["ment"]) <= k]


def rule_near_none(k):
    def rule(r, f, lex):
        """A polar answer with no lexicon word within k tokens of the actor's mention in the quote: none."""
        w = near(f, k)
        if r["pred"] != "none" and w is not None and not w:
            return "none"
        return r["pred"]
    rule.__doc__ = "polar answer, no lexicon word within %d tokens of a mention in the quote -> none" % k
    return rule


def rule_near_sign(k):
    def rule(r, f, lex):
        """A polar answer whose words near the actor (within k tokens) sum to the other sign: that sign; none if 0."""
        w = near(f, k)
        if r["pred"] == "none" or w is None:
            return r["pred"]
        return sign(sum(v for _, v in w))
    rule.__doc__ = "polar answer -> the sign of the (negation-flipped) lexicon words within %d tokens of a mention" % k
    return rule


def rule_question(r, f, lex):
    """An "against" whose actor's mentions all stand in sentences ending with '?': none."""
    if r["pred"] != "against" or not f["ment"]:
        return r["pred"]
    toks = f["toks"]
    for m in f["ment"]:
        j = m
        while j < len(toks) and toks[j][2] not in SENT_END:
            j += 1
        if j >= len(toks) or toks[j][2] != "?":
            return r["pred"]
    return "none"


def rule_quote_sign(t):
    def rule(r, f, lex):
        """A "none" whose quote's (negation-flipped) net valence is beyond +-t: that sign."""
        if r["pred"] != "none":
            return r["pred"]
        return sign(sum(v for _, v in f["flip"]), t) if abs(sum(v for _, v in f["flip"])) > t else "none"
    rule.__doc__ = "none -> the sign of the quote's negation-flipped net valence when beyond +-%g" % t
    return rule


NUMERIC = re.compile(rb"[0-9]|\bpercent\b|\bpoll|\bdelegates?\b|\bvotes\b", re.I)


def rule_numeric(r, f, lex):
    """A polar answer on a quote with numbers, 'percent', polls, delegates or votes (analysis): none."""
    return "none" if r["pred"] != "none" and NUMERIC.search(r["text"], r["ps"], r["pe"]) else r["pred"]


DEONTIC = {"should", "must", "need", "needs", "ought"}
SUPPORT = {"vote", "voting", "voted", "support", "supporting", "endorse", "endorsing", "endorsed", "back", "backing"}


def rule_deontic(r, f, lex):
    """A "none" with 'should/must/need(s)/ought' within 4 tokens after a mention of the actor: against."""
    if r["pred"] != "none":
        return r["pred"]
    toks = f["toks"]
    return "against" if any(w in DEONTIC for m in f["ment"] for _, _, w in toks[m + 1:m + 5]) else r["pred"]


def rule_support(r, f, lex):
    """A "none" with 'vote/support/endorse/back' (not after a negator) within 3 tokens before a mention: favor."""
    if r["pred"] != "none":
        return r["pred"]
    toks = f["toks"]
    for m in f["ment"]:
        ws = [w for _, _, w in toks[max(0, m - 4):m]]
        if any(w in SUPPORT for w in ws[-3:]) and not any(w in NEGATORS for w in ws):
            return "favor"
    return r["pred"]


NEG_CUES = {"blamed", "accused", "attacked", "criticized", "criticised", "slammed", "mocked", "blasted", "ripped",
            "complained", "lamented", "charged", "warned", "derided", "dismissed", "scolded", "condemned"}
POS_CUES = {"praised", "thanked", "hailed", "commended", "applauded", "lauded", "defended", "endorsed", "credited"}


def rule_cue(r, f, lex):
    """The quote's cue verb is a reproach (blamed, accused, warned, ...): against; a credit (praised, ...): favor."""
    return "against" if r["cue"] in NEG_CUES else "favor" if r["cue"] in POS_CUES else r["pred"]


SIMS = (("negation flip", rule_negation), ("negation flip + negator-only against -> none", rule_negation_none),
        ("question: against -> none", rule_question)) + tuple(
    (rule_near_none(k).__doc__, rule_near_none(k)) for k in (2, 4, 6, 10)) + tuple(
    (rule_near_sign(k).__doc__, rule_near_sign(k)) for k in (4, 8)) + tuple(
    (rule_quote_sign(t).__doc__, rule_quote_sign(t)) for t in (1.0, 3.0, 6.0)) + (
    (rule_numeric.__doc__.split(":")[0] + " -> none", rule_numeric),
    ("none + 'should/must/need' after a mention -> against", rule_deontic),
    ("none + 'vote/support/endorse/back' before a mention -> favor", rule_support),
    ("evaluative cue verb (blamed, accused, warned / praised, thanked ...) -> against / favor", rule_cue))


def simulate(rs, lex):
    """Each rule of SIMS over all linked pairs: changed, fixed (wrong -> right), broken (right -> wrong), accuracy."""
    fs = [features(r, lex) for r in rs]
    base = sum(r["gold"] == r["pred"] for r in rs)
    print("| rule | changed | fixed | broken | net | linked accuracy %.3f -> | fixed by gold->pred |" % (base / len(rs)))
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, rule in SIMS:
        new = [rule(r, f, lex) for r, f in zip(rs, fs)]
        ch = [(r, p) for r, p in zip(rs, new) if p != r["pred"]]
        fixed = [(r, p) for r, p in ch if p == r["gold"]]
        broken = [(r, p) for r, p in ch if r["pred"] == r["gold"]]
        acc = sum(r["gold"] == p for r, p in zip(rs, new)) / len(rs)
        print("| %s | %d | %d | %d | %+d | %.3f | %s |" % (name, len(ch), len(fixed), len(broken),
                                                    len(fixed) - len(broken), acc, ", ".join(
            "%s %d" % x for x in collections.Counter("%s->%s" % (r["gold"], r["pred"]) for r, _ in fixed).most_common())))


def stats(rs, lex):
    """Counts over all linked pairs that bear on the causes: accuracy by a property of the pair."""
    fs = [features(r, lex) for r in rs]

    def acc(what, sub):
        print("| %s | %d | %.3f | %d | %s |" % (what, len(sub), sum(r["gold"] == r["pred"] for r in sub) / max(1, len(sub)),
                                             sum(r["gold"] != r["pred"] for r in sub), "/".join(
            str(sum(r["gold"] == lab for r in sub)) for lab in LAB)))
    print("| linked pairs | n | accuracy | errors | gold favor/against/none |")
    print("|---|---:|---:|---:|---|")
    acc("all", rs)
    acc("a negator in the quote", [r for r, f in zip(rs, fs) if f["neg"]])
    acc("no lexicon word in the quote", [r for r, f in zip(rs, fs) if not f["flip"]])
    acc("the quote has 2+ linked actors", [r for r in rs if r["others"]])
    acc("... and their gold labels differ", [r for r in rs if any(g != r["gold"] for g in r["other_gold"].values())])
    acc("errors whose answer is another actor's gold label in the quote",
        [r for r in rs if r["gold"] != r["pred"] and any(g == r["pred"] for g in r["other_gold"].values())])
    acc("the actor's mention outside the quote", [r for r in rs if r["where"] != "quote"])
    for c in (1, 2, 3):
        acc("gold confidence %d" % c, [r for r in rs if r["conf"] == c])
    if any(r["explain"] for r in rs):
        for fam, what in (("d", "lexicon scores (d:)"), ("s", "structure (s:)"), ("v", "word vectors (v:)"),
                          ("j", "the actor's name (j:)")):
            acc("strongest feature from %s" % what, [r for r in rs if r["explain"] and
                                                     r["explain"][0]["feature"].startswith(fam + ":")])
        for ft in ("r:negs", "r:quest"):
            acc("%s among the top 5 (all answered against)" % ft,
                [r for r in rs if any(e["feature"] == ft for e in r["explain"][:5])])


CUE_GROUPS = {
    "others": ("has_others", "n_others"),
    "negation": ("neg_near", "neg_any"),
    "question": ("quest",),
    "conditional": ("cond",),
    "own side": ("we",),
    "analysis": ("numeric",),
    "lexicon near": ("near_pos", "near_neg"),
    "lexicon quote": ("q_pos", "q_neg"),
    "place/kind": ("outside", "pronoun", "length"),
}
CONDITIONAL = {"if", "unless", "would", "imagine", "whether"}
OWN = {"we", "our", "us", "my"}


def cues(r, f):
    """The surface cues of a linked pair (CUE_GROUPS), each a number."""
    import math
    toks, ment = f["toks"], f["ment"]

    def sentence(m):
        lo = m
        while lo > 0 and toks[lo - 1][2] not in SENT_END:
            lo -= 1
        hi = m
        while hi < len(toks) and toks[hi][2] not in SENT_END:
            hi += 1
        return lo, hi
    quest = cond = neg_near = 0
    for m in ment:
        lo, hi = sentence(m)
        quest |= hi < len(toks) and toks[hi][2] == "?"
        cond |= any(w in CONDITIONAL for _, _, w in toks[lo:m])
        neg_near |= any(w in NEGATORS for _, _, w in toks[max(lo, m - 5):min(hi, m + 5)])
    w4 = near(f, 4) or []
    return {"has_others": float(bool(r["others"])), "n_others": min(len(r["others"]), 3) / 3,
            "neg_near": float(neg_near), "neg_any": float(f["neg"]), "quest": float(quest), "cond": float(cond),
            "we": float(any(w in OWN for _, _, w in toks)),
            "numeric": float(bool(NUMERIC.search(r["text"], r["ps"], r["pe"]))),
            "near_pos": sum(v for _, v in w4 if v > 0) / 4, "near_neg": -sum(v for _, v in w4 if v < 0) / 4,
            "q_pos": sum(v for _, v in f["flip"] if v > 0) / 8, "q_neg": -sum(v for _, v in f["flip"] if v < 0) / 8,
            "outside": float(r["where"] != "quote"), "pronoun": float("pronoun" in (r["kinds"] or [])),
            "length": math.log(1 + len(toks)) / 5}


def fit_lr(X, y, l2=1.0, iters=400, lr=0.5):
    """Multinomial logistic regression by batch gradient descent (no library): weights [class][feature]."""
    import math
    n, d = len(X), len(X[0])
    W = [[0.0] * d for _ in LAB]
    for _ in range(iters):
        G = [[0.0] * d for _ in LAB]
        for x, t in zip(X, y):
            z = [sum(w * v for w, v in zip(W[c], x)) for c in range(len(LAB))]
            mx = max(z)
            e = [math.exp(v - mx) for v in z]
            s = sum(e)
            for c in range(len(LAB)):
                g = e[c] / s - (1.0 if c == t else 0.0)
                if g:
                    Gc = G[c]
                    for j, v in enumerate(x):
                        if v:
                            Gc[j] += g * v
        for c in range(len(LAB)):
            for j in range(d):
                W[c][j] -= lr * (G[c][j] / n + (l2 * W[c][j] / n if j else 0.0))
    return W


def stack(rs, lex, folds):
    """Leave-one-fold-out: a logistic regression over the head's log-probabilities and the surface cues, trained on
    the other folds' held-out pairs, answers the fold's pairs; with all cues, without each group, and with one group."""
    import math
    fs = [features(r, lex) for r in rs]
    cs = [cues(r, f) for r, f in zip(rs, fs)]
    y = [LAB.index(r["gold"]) for r in rs]

    def vec(r, c, names):
        return [1.0] + [math.log(max(r["probs"].get(lab, 1e-6), 1e-6)) for lab in LAB] + [c[nm] for nm in names]

    def run(names):
        pred = [None] * len(rs)
        for k in range(folds):
            tr = [i for i, r in enumerate(rs) if r["fold"] != k]
            W = fit_lr([vec(rs[i], cs[i], names) for i in tr], [y[i] for i in tr])
            for i, r in enumerate(rs):
                if r["fold"] == k:
                    x = vec(r, cs[i], names)
                    z = [sum(w * v for w, v in zip(W[c], x)) for c in range(len(LAB))]
                    pred[i] = LAB[z.index(max(z))]
        fixed = sum(p == r["gold"] != r["pred"] for p, r in zip(pred, rs))
        broken = sum(p != r["gold"] == r["pred"] for p, r in zip(pred, rs))
        return sum(p == r["gold"] for p, r in zip(pred, rs)) / len(rs), fixed, broken
    allc = [nm for g in CUE_GROUPS.values() for nm in g]
    print("| stacked LR, leave one fold out | linked accuracy | fixed | broken |")
    print("|---|---:|---:|---:|")
    print("| head argmax | %.3f | | |" % (sum(r["gold"] == r["pred"] for r in rs) / len(rs)))
    rows_ = [("head log-probabilities only", [])] + [("+ all cues", allc)] + [
        ("+ all cues but %s" % g, [nm for nm in allc if nm not in CUE_GROUPS[g]]) for g in CUE_GROUPS] + [
        ("+ %s only" % g, list(CUE_GROUPS[g])) for g in CUE_GROUPS]
    for what, names in rows_:
        print("| %s | %.3f | %d | %d |" % ((what,) + run(names)))


def cell_args(ap):
    """The arguments rows() reads: a cv_stance work dir, a cell name, its folds, the data."""
    ap.add_argument("work")
    ap.add_argument("name")
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--data", default="/work/shared/data/polnear")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cell_args(ap)
    ap.add_argument("--explain", metavar="STANCE")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--sample", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--tags")
    ap.add_argument("--sim", action="store_true")
    ap.add_argument("--stats", action="store_true")
    ap.add_argument("--stack", action="store_true")
    ap.add_argument("--lexicon", default="/work/shared/data/lexicons/vader/vader_lexicon.txt",
                    help="word<TAB>valence (VADER's, or models/inflect_lexicon.py's output) for --sim")
    a = ap.parse_args()
    rs = rows(a)
    conf = collections.Counter((r["gold"], r["pred"]) for r in rs)
    ok = sum(v for (g, p), v in conf.items() if g == p)
    print("linked pairs %d, right %d (%.3f), all-against %.3f; errors %d"
          % (len(rs), ok, ok / len(rs), sum(r["gold"] == "against" for r in rs) / len(rs), len(rs) - ok))
    print("confusion (rows gold, columns predicted %s): %s" % ("/".join(LAB), "; ".join(
        "%s %s" % (g, "/".join(str(conf[(g, p)]) for p in LAB)) for g in LAB)))
    if a.list:
        for n, r in enumerate(errors_of(rs, a), 1):
            show(r, n)
    if a.tags:
        tags_table(rs, a.tags)
    if a.stats:
        stats(rs, load_lexicon(a.lexicon))
    if a.stack:
        stack(rs, load_lexicon(a.lexicon), a.folds)
    if a.sim:
        simulate(rs, load_lexicon(a.lexicon))


if __name__ == "__main__":
    main()
