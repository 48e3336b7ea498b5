#!/usr/bin/env python3
"""Does the gold stance lean by the speaker–target relation? A measurement (party1, #14 item 6, #19).

    bench/e2e/party_sim.py --pred SAVED.jsonl [--labels 'bench/e2e/labels/train-*.jsonl']
                           [--data /work/shared/data/polnear] [--sample 20 --seed 1] [--known]

For each gold pair (quote speaker -> actor) the relation is inferred from the article text alone, with
shallow patterns a C rule could use:
- party of a person: "Republican (presidential nominee) Donald Trump", "GOP", "Democratic Sen. X", "X (R-Ohio)",
  "X, a Republican,", "X, the Democratic nominee"; the majority of the cues over the article's mentions of the
  name (full name or surname); a staffer with no cue of their own takes their principal's party;
- principal: "Trump('s) (campaign) spokesman Y", "Y, a spokeswoman for Clinton", "Y, Clinton's campaign manager"
  (staff words: spokesman, aide, adviser, campaign manager, chairman, press secretary, ...; also running mate);
  an unnamed speaker ("a Trump aide") is read the same way from the label's speaker string;
- rival: a sentence with "S's/his/her (0-2 words) opponent/rival/challenger" and the other one's name right
  after (or "T, S's rival"), either way round.
--known adds KNOWN_LIST, a gazetteer of 46 party figures (bench/e2e/sides.tsv) the corpus quotes most (NOT from the text: what a
user passing each actor's party, or a list in the model, would give). An actor named after a party ("Republican
Party", "Democratic National Committee") has that party; "X campaign" has X's.
Relations, first that applies: self (speaker is the actor), speaks-for (speaker's principal is the actor, or
the actor's principal is the speaker), rival, same party, opposite party, unknown.
Prints per relation: pairs, share, gold favor/against/none (with 95 % Wilson intervals on the against and favor
shares), the library's stance accuracy from the saved output (an unlinked pair counts as "none"), and how often
the library says "none" where gold is favor/against. --sample N prints N classified pairs with their evidence.
"""
import argparse
import collections
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import causes  # noqa: E402
import score  # noqa: E402
import sides  # noqa: E402
from sides import PARTY_WORD, party_of  # noqa: E402
TITLES = {"sen.", "senator", "rep.", "representative", "gov.", "governor", "congressman", "congresswoman",
          "president", "vice", "presidential", "nominee", "candidate", "hopeful", "leader", "majority",
          "minority", "speaker", "house", "senate", "front-runner", "frontrunner", "former", "state", "mayor",
          "chairman", "party", "primary", "contender", "challenger", "rival", "opponent", "incumbent", "u.s.",
          "national", "committee", "strategist", "consultant", "operative", "lawmaker", "sen", "rep", "gov",
          "the", "a", "an", "fellow", "presumptive", "likely", "top", "longtime", "veteran", "activist",
          "donor", "pollster", "official", "senators", "sens.", "reps.", "rivals", "nominees", "candidates",
          "white", "delegate", "campaign", "chief", "establishment", "conservative", "liberal", "progressive",
          "socialist", "businessman", "billionaire", "mogul", "frontrunners", "front-runners", "figure"}
STAFF = (r"(?:campaign\s+)?(?:spokesman|spokeswoman|spokesperson|press\s+secretary|communications\s+director|"
         r"campaign\s+manager|manager|campaign\s+chairman|chairman|chairwoman|aide|senior\s+adviser|adviser|"
         r"advisor|senior\s+advisor|strategist|pollster|surrogate|running\s+mate|deputy\s+campaign\s+manager|"
         r"policy\s+director|national\s+spokeswoman|national\s+spokesman|press\s+secretary)")
RIVAL = r"(?:opponent|rival|challenger)"
APOS = r"(?:'s|’s)"


def occurrences(text, name):
    """(start, end) of the full name and of its surname in @text."""
    words = name.split()
    keys = {name}
    if len(words) > 1:
        keys.add(words[-1])
    out = []
    for k in keys:
        for m in re.finditer(r"(?<![\w])" + re.escape(k) + r"(?![\w])", text):
            out.append((m.start(), m.end()))
    return sorted(set(out))


def party_cues(text, name):
    """[(party, evidence)] for the mentions of @name."""
    first = {w.lower() for w in name.split()[:-1]}
    cues = []
    for s, e in occurrences(text, name):
        before = text[max(0, s - 80):s]
        frag = re.split(r"[.;:!?\"“”\n,()]", before)[-1]
        m = None
        for m in re.finditer(r"\b" + PARTY_WORD + r"\b", frag):
            pass
        if m:
            between = frag[m.end():].split()
            if len(between) <= 5 and all(w.lower() in TITLES or w.lower() in first for w in between):
                if m.group(1) not in ("Republicans", "Democrats"):
                    cues.append((party_of(m.group(1)), frag[m.start():].strip() + " " + text[s:e]))
                    continue
        after = text[e:e + 70]
        m = re.match(r"\s*\(\s*([RD])\s*[-–]", after) or re.match(r",\s*([RD])\s*[-–][A-Z]", after)
        if m:
            cues.append((m.group(1), text[s:e] + after[:m.end()]))
            continue
        m = re.match(r",\s+(?:a|an|the|who is a)\s+(?:[a-z-]+\s+){0,3}" + PARTY_WORD + r"\b", after)
        if m and m.group(1) not in ("Republicans", "Democrats"):
            cues.append((party_of(m.group(1)), text[s:e] + after[:m.end()]))
    return cues


KNOWN = {}   # --known: a small gazetteer of the corpus's most quoted party figures (not from the text)
# the gazetteer (46 figures): bench/e2e/sides.tsv, which score.py --sides and models/e2e_rows.py --sides read too
KNOWN_LIST = {}
for _n, _p in sides.load().items():
    KNOWN_LIST.setdefault(_p, []).append(_n)


def party(text, name):
    if sides.party_in_name(name):
        return sides.party_in_name(name), "the name: " + name
    if name.endswith(" campaign") and len(name.split()) > 1:
        return party(text, name[:-len(" campaign")])
    if name in KNOWN:
        return KNOWN[name], "known: " + name
    cues = party_cues(text, name)
    c = collections.Counter(p for p, _ in cues)
    if not c:
        return None, None
    (p, n), = c.most_common(1)
    if n * 3 < sum(c.values()) * 2:          # no clear majority
        return None, cues
    return p, [x for x in cues if x[0] == p][0][1]


def surname(name):
    return name.split()[-1] if name.split() else name


def principal_evidence(text, speaker, target):
    """Evidence string when @speaker speaks for / works for @target, from the text, else None."""
    if target.endswith(" campaign") and len(target.split()) > 1:
        target = target[:-len(" campaign")]
    t = re.escape(surname(target))
    ft = re.escape(target)
    tpat = r"(?:%s|%s)" % (ft, t)
    # the unnamed speaker's own string: "a Trump aide", "Clinton's spokesman"
    m = re.search(r"\b" + tpat + APOS + r"?\s+(?:[a-z-]+\s+){0,2}" + STAFF + r"\b", speaker)
    if m:
        return "speaker string: " + speaker
    for s, e in occurrences(text, speaker) if speaker.split() and speaker.split()[0][:1].isupper() else []:
        before = text[max(0, s - 90):s]
        m = re.search(r"\b" + tpat + APOS + r"?\s+(?:[a-z-]+\s+){0,2}" + STAFF + r"\s+(?:[A-Z][\w.'-]*\s+){0,2}$",
                      before)
        if m:
            return before[m.start():] + text[s:e]
        after = text[e:e + 110]
        m = (re.match(r",\s+(?:who\s+is\s+)?(?:a|an|the)?\s*(?:[a-z-]+\s+){0,3}" + STAFF + r"\s+(?:for|to|of|with)\s+"
                      r"(?:the\s+)?" + tpat + r"\b", after)
             or re.match(r",\s+(?:the\s+)?" + tpat + APOS + r"?\s+(?:[a-z-]+\s+){0,2}" + STAFF + r"\b", after))
        if m:
            return text[s:e] + after[:m.end()]
    return None


def rival_evidence(text, a, b):
    """Evidence when the text calls one of @a, @b the other's opponent/rival/challenger."""
    for x, y in ((a, b), (b, a)):
        xs, ys = re.escape(surname(x)), re.escape(surname(y))
        xp = r"(?:%s|%s)" % (re.escape(x), xs)
        yp = r"(?:%s|%s)" % (re.escape(y), ys)
        pats = [xp + APOS + r"\s+(?:[\w-]+\s+){0,2}" + RIVAL + r",?\s+(?:[A-Z][\w.'-]*\s+){0,3}" + yp + r"\b",
                yp + r",\s+" + xp + APOS + r"\s+(?:[\w-]+\s+){0,2}" + RIVAL + r"\b",
                r"\b" + xp + r"\b[^.;\"“”]{0,120}\b(?:his|her)\s+(?:[\w-]+\s+){0,2}" + RIVAL
                + r",?\s+(?:[A-Z][\w.'-]*\s+){0,3}" + yp + r"\b"]
        for p in pats:
            m = re.search(p, text)
            if m:
                return m.group(0).replace("\n", " ")
    return None


def staff_principal(text, speaker, actors):
    for t in actors:
        if t != speaker and principal_evidence(text, speaker, t):
            return t
    return None


def relation(text, speaker, target, actors):
    """(relation, evidence)."""
    tgt = target[:-9] if target.endswith(" campaign") else target
    if score.head(speaker) and score.head(speaker) == score.head(tgt) and (
            len(speaker.split()) < 2 or len(tgt.split()) < 2 or speaker.split()[0] == tgt.split()[0]):
        return "self", ""
    ev = principal_evidence(text, speaker, target)
    if ev:
        return "speaks-for", ev
    ev = principal_evidence(text, target, speaker)
    if ev:
        return "speaks-for", "(reverse) " + ev
    ev = rival_evidence(text, speaker, target)
    if ev:
        return "rival", ev
    ps, es = party(text, speaker)
    if ps is None:
        boss = staff_principal(text, speaker, actors)
        if boss:
            ps, es = party(text, boss)
            es = es and "via principal %s: %s" % (boss, es)
    pt, et = party(text, target)
    if ps and pt:
        return ("same-party" if ps == pt else "opposite-party"), "S=%s [%s] T=%s [%s]" % (ps, es, pt, et)
    return "unknown", "S=%s T=%s" % (ps, pt)


def wilson(k, n):
    lo, hi = score.wilson(k, n)
    return "%.2f (%.2f-%.2f)" % (k / n if n else 0, lo, hi)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pred", required=True)
    ap.add_argument("--labels", default="bench/e2e/labels/dev-*.jsonl")
    ap.add_argument("--data", default="/work/shared/data/polnear")
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--known", action="store_true", help="also use KNOWN_LIST (not text-only)")
    args = ap.parse_args()
    if args.known:
        KNOWN.update({n: p for p, names in KNOWN_LIST.items() for n in names})
    _, arts = score.load_labels(args.labels)
    texts = score.load_texts(args.data, arts)
    preds = causes.load_pred(args.pred, arts)
    states, _ = causes.pair_states(arts, preds)
    rows = []
    for aid, a in arts.items():
        text = texts[aid]
        actors = [x["name"] for x in a["actors"]]
        for q in a["quotes"]:
            for pr in q["pairs"]:
                rel, ev = relation(text, q["speaker"], pr["actor"], actors)
                st = states[(aid, q["start"], pr["actor"])][2]
                rows.append(dict(aid=aid, start=q["start"], speaker=q["speaker"], actor=pr["actor"],
                                 gold=pr["stance"], pred=st or "none", linked=st is not None, rel=rel, ev=ev))
    order = ["self", "speaks-for", "rival", "same-party", "opposite-party", "unknown"]
    n_all = len(rows)
    print("pairs %d, articles %d" % (n_all, len(arts)))
    print("| relation | pairs | share | gold favor/against/none | favor share (95 % CI) | against share (95 % CI) "
          "| library accuracy | head none where gold polar | of those gold against |")
    print("|---|---:|---:|---|---|---|---|---:|---:|")
    for rel in order + ["all"]:
        rs = [r for r in rows if rel == "all" or r["rel"] == rel]
        if not rs:
            continue
        g = collections.Counter(r["gold"] for r in rs)
        right = sum(r["gold"] == r["pred"] for r in rs)
        miss = [r for r in rs if r["gold"] != "none" and r["pred"] == "none"]
        print("| %s | %d | %.3f | %d/%d/%d | %s | %s | %s | %d | %d |"
              % (rel, len(rs), len(rs) / n_all, g["favor"], g["against"], g["none"], wilson(g["favor"], len(rs)),
                 wilson(g["against"], len(rs)), wilson(right, len(rs)), len(miss),
                 sum(r["gold"] == "against" for r in miss)))
    # what a relation feature could move: head says none, gold polar, by relation and gold
    print("\nthe library's none on polar gold, by relation: linked (the head said none: a head feature can reach "
          "it) / unlinked (no stance: a head feature cannot)")
    for rel in order:
        c = collections.Counter((r["gold"], r["linked"]) for r in rows if r["rel"] == rel and r["gold"] != "none"
                                and r["pred"] == "none")
        nn = sum(1 for r in rows if r["rel"] == rel and r["gold"] == "none" and r["pred"] == "none" and r["linked"])
        conf = collections.Counter((r["gold"], r["pred"]) for r in rows if r["rel"] == rel and r["linked"])
        print("  %-15s gold favor: linked %3d unlinked %3d | gold against: linked %3d unlinked %3d | linked, "
              "head none, gold none (a push would break): %d" % (rel, c[("favor", True)], c[("favor", False)],
                                                                 c[("against", True)], c[("against", False)], nn))
        print("  %-15s linked confusion gold->pred: %s" % ("", ", ".join(
            "%s->%s %d" % (g, p, n) for (g, p), n in sorted(conf.items()))))
    if args.sample:
        rnd = random.Random(args.seed)
        pool = [r for r in rows if r["rel"] not in ("unknown", "self")]
        for r in rnd.sample(pool, min(args.sample, len(pool))):
            print("\n%s [%d] %s -> %s: %s (gold %s, lib %s)\n    %s"
                  % (r["aid"], r["start"], r["speaker"], r["actor"], r["rel"], r["gold"], r["pred"], r["ev"]))


if __name__ == "__main__":
    main()
