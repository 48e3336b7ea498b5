#!/usr/bin/env python3
"""Count, before building it, what a verb-effect lexicon would tell the stance head (vfx1, #14 item 6).

    bench/e2e/verb_effect.py DIR NAME [--folds 4] [--data DATA_DIR/polnear] [--lexicon WORD<TAB>VALENCE]
                             [--tags bench/e2e/errors-tags.tsv] [--list]

The idea: an actor who does a harmful act ("X cut the program", "X shut the plant") is reproached, one who
does a beneficial act ("X created jobs") is credited, and the object or passive subject of a harmful act is
its victim. HARM and HELP below are our own lists (inflected forms written out). For every linked pair of
cell DIR/NAME (bench/e2e/errors.py's rows(): the held-out output of cv_stance.py's fold models, the library's
own mentions of the actor), each mention is placed as the agent (a HARM/HELP word within 7 tokens right of
it, no clause break; a be/get form before it makes it "passive"), the patient (the word just left of it,
through determiners and one preposition: "prep", or "byagent" after "by"). Printed per role x class, and
split by whether the word already has a valence in --lexicon ("old": the struct family reads that prior
today and emits A-/P-/...; "new": only the lexicon would add it): the gold mix and how often the head is
right on those pairs. --tags: which of err1's hand-read error causes have such a hit. --list: the words
with gold and predicted labels (no text). Only the standard library.
"""
import argparse
import collections
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import errors  # noqa: E402

HARM = set("""
abandon abandoned abandoning abandons abuse abused abuses abusing attack attacked attacking attacks betray
betrayed betraying betrays block blocked blocking blocks break breaking breaks broke bullied bullies bully
bullying cheat cheated cheating cheats close closed closes closing cut cuts cutting damage damaged damages
damaging defund defunded defunding denied denies deny denying destroy destroyed destroying destroys
dismantle dismantled dismantles dismantling eliminate eliminated eliminates eliminating endanger endangered
endangering endangers exploit exploited exploiting exploits fail failed failing fails fire fired fires
firing gut guts gutted gutting harm harmed harming harms hike hiked hikes hiking hurt hurting hurts ignore
ignored ignores ignoring insult insulted insulting insults kill killed killing kills laid lay lied lies
lying mislead misleading misleads misled mock mocked mocking mocks obstruct obstructed obstructing
obstructs raise raised raises raising refuse refused refuses refusing rig rigged rigging ruin ruined
ruining ruins sabotage sabotaged sabotaging scrap scrapped scrapping scraps shut shuts shutting slash
slashed slashes slashing squander squandered squandering steal stealing steals stole stolen threaten
threatened threatening threatens undermine undermined undermines undermining violate violated violates
violating waste wasted wastes wasting weaken weakened weakening weakens wreck wrecked wrecking wrecks
""".split())
HELP = set("""
boost boosted boosting boosts bring bringing brings brought build building builds built create created
creates creating defend defended defending defends deliver delivered delivering delivers expand expanded
expanding expands fix fixed fixes fixing fund funded funding funds help helped helping helps improve
improved improves improving invest invested investing invests keep keeping keeps kept lower lowered
lowering lowers protect protected protecting protects provide provided provides providing reduce reduced
reduces reducing rescue rescued rescues rescuing restore restored restores restoring save saved saves
saving secure secured secures securing strengthen strengthened strengthening strengthens support supported
supporting supports
""".split())
BREAK = set(',;:()[]".!?-\u2014\u201c\u201d')
BREAK_W = set("and but or because although while if when who which that where so yet however though".split())
NEG = set("not never no".split())
BE = set("was were been being is are be got gets get".split())
DET = set("the a an this that these those his her their our my its every some any".split())
PREP = set("by for to of on at with from against about".split())
TOK = re.compile(r"[A-Za-z']+|[^\sA-Za-z]")
LAB = ("favor", "against", "none")


def toks(s):
    return [m.group(0).lower() for m in TOK.finditer(s.replace("\u2019", "'"))]


def cls(x, lex):
    return ("harm" if x in HARM else "help", "old" if x in lex else "new")


def hits_of(r, lex):
    """{(role, class, old/new, word)} over the pair's mentions."""
    t, out = r["text"], set()
    for ms, me in r["mentions"]:
        be = 0
        for x in toks(t[me:me + 80].decode("utf-8", "replace"))[:7]:
            if x in BREAK or x in BREAK_W:
                break
            if x in NEG or x.endswith("n't"):
                continue
            be |= x in BE
            if x in HARM or x in HELP:
                out.add(("passive" if be else "agent",) + cls(x, lex) + (x,))
                break
        left, prep = toks(t[max(0, ms - 60):ms].decode("utf-8", "replace")), None
        for x in reversed(left[-4:]):
            if x in BREAK:
                break
            if x in DET:
                continue
            if x in PREP and prep is None:
                prep = x
                continue
            if x in HARM or x in HELP:
                out.add(("byagent" if prep == "by" else "prep" if prep else "patient",) + cls(x, lex) + (x,))
            break
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    errors.cell_args(ap)
    ap.add_argument("--lexicon", default="models/vader-inflected.txt")
    ap.add_argument("--tags")
    ap.add_argument("--list", action="store_true")
    a = ap.parse_args()
    a.explain = None
    lex = errors.load_lexicon(a.lexicon)
    rs = errors.rows(a)
    mix = collections.Counter(r["gold"] for r in rs)
    print("linked pairs %d, head right %.3f; gold %s" % (
        len(rs), sum(r["gold"] == r["pred"] for r in rs) / len(rs),
        " ".join("%s %.2f" % (g, mix[g] / len(rs)) for g in LAB)))
    cnt, right, words, hit = (collections.defaultdict(collections.Counter), collections.Counter(),
                              collections.defaultdict(list), {})
    for r in rs:
        h = hits_of(r, lex)
        hit[(r["article"], r["qs"], r["actor"])] = h
        for x in h:
            for k in (x[:2], x[:3]):
                cnt[k][r["gold"]] += 1
                right[k] += r["gold"] == r["pred"]
            words[x[:3]].append("%s %s->%s" % (x[3], r["gold"], r["pred"]))
    print("%-26s %4s  %s  head right" % ("role, class[, valence]", "n", " ".join("%7s" % g for g in LAB)))
    for k in sorted(cnt):
        n = sum(cnt[k].values())
        print("%-26s %4d  %s  %.2f" % (", ".join(k), n, " ".join("%7.2f" % (cnt[k][g] / n) for g in LAB),
                                        right[k] / n))
    if a.list:
        for k in sorted(words):
            print(", ".join(k), "|", "; ".join(words[k]))
    if a.tags:
        seen, withhit = collections.Counter(), collections.Counter()
        for line in open(a.tags, encoding="utf-8"):
            if line.startswith("#"):
                continue
            p = line.rstrip("\n").split("\t")
            seen[p[3]] += 1
            withhit[p[3]] += bool(hit.get((p[0], int(p[1]), p[2])))
        print("tagged errors with a HARM/HELP hit, by cause:",
              ", ".join("%s %d/%d" % (c, withhit[c], seen[c]) for c in sorted(seen, key=lambda c: -seen[c])))


if __name__ == "__main__":
    main()
