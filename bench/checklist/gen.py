#!/usr/bin/env python3
"""Generate the CheckList-style behavioural cases for libstance's stance and sentiment heads.

Standard library only and deterministic: templates x fillers, cycled in a fixed order, no
randomness. Labels come from the templates (see GUIDELINES.md). Writes one JSON record per line:

  {"id", "test", "kind": "MFT"|"INV", "group": id or null, "text", "actors": [names],
   "expect": {actor: "favor"|"against"|"none"}, "sentiment": "positive"|"negative"|"neutral"|null,
   "note": template tag}

Usage: gen.py [-o bench/checklist/cases.jsonl]
"""
import argparse
import json
import os
import sys

# ---------------------------------------------------------------- fillers (all invented)
TARGETS_F = ["Mara Lindqvist", "Ines Calder", "Selma Hart", "Nora Quill", "Leona Brandt"]
TARGETS_M = ["Victor Hale", "Owen Brack", "Felix Rowan", "Dario Venn", "Anton Greve"]
SPEAKERS_F = ["Elena Diaz", "Clara Moss", "Alma Serrat", "Greta Vos"]
SPEAKERS_M = ["Sam Ortiz", "Paul Keene", "Ivo Tarrant", "Ben Solano"]
ORGS = ["Harlow Party", "Crestline Transit", "Norbury Council", "Velmont Energy", "Ashby Union"]
ORG_THE = {"Harlow Party", "Norbury Council", "Ashby Union"}  # written "the Harlow Party"

def org_text(org):
    return ("the " + org) if org in ORG_THE else org

PRON = {"f": {"p": "she", "o": "her", "pos": "her"}, "m": {"p": "he", "o": "him", "pos": "his"}}

# Forms of attribution. Q is the quote without final punctuation.
def attr(form, q, s, g_s, org):
    role = "a spokeswoman" if g_s == "f" else "a spokesman"
    if form == "A":
        return '"%s," %s said.' % (q, s)
    if form == "B":
        return '%s said: "%s."' % (s, q)
    if form == "C":
        return '"%s," said %s, %s for %s.' % (q, s, role, org_text(org))
    if form == "D":  # speaker introduced with the organisation, colon form
        return '%s, %s for %s, said: "%s."' % (s, role, org_text(org), q)
    raise ValueError(form)

# ---------------------------------------------------------------- templates
# {N}: the target (name, or pronoun in the pronoun tests); {p}/{o}/{pos}: the target's pronouns.
# Each: (template, stance, sentiment, tag). Subject templates start with {N}.
SUBJ = [
    ("{N} has done a superb job", "favor", "positive", "subj-praise"),
    ("{N} is an honest and capable leader", "favor", "positive", "subj-praise"),
    ("{N} has been a tremendous help to this city", "favor", "positive", "subj-praise"),
    ("{N} showed real courage this week", "favor", "positive", "subj-praise"),
    ("{N} kept every promise {p} made", "favor", "positive", "subj-praise"),
    ("{N} deserves our thanks", "favor", "positive", "subj-praise"),
    ("{N} is the best mayor we have ever had", "favor", "positive", "subj-praise"),
    ("{N} handled the crisis brilliantly", "favor", "positive", "subj-praise"),
    ("{N} lied to voters", "against", "negative", "subj-attack"),
    ("{N} has failed this city", "against", "negative", "subj-attack"),
    ("{N} is corrupt and incompetent", "against", "negative", "subj-attack"),
    ("{N} wasted millions of taxpayers' dollars", "against", "negative", "subj-attack"),
    ("{N} betrayed the people who elected {o}", "against", "negative", "subj-attack"),
    ("{N} is a disgrace to the office", "against", "negative", "subj-attack"),
    ("{N} has been a disaster for this town", "against", "negative", "subj-attack"),
    ("{N} cannot be trusted", "against", "negative", "subj-attack"),
    ("{N} will visit the plant on Tuesday", "none", "neutral", "subj-neutral"),
    ("{N} arrived in the capital on Monday", "none", "neutral", "subj-neutral"),
    ("{N} is expected to speak at the conference next week", "none", "neutral", "subj-neutral"),
    ("{N} will meet the committee at ten", "none", "neutral", "subj-neutral"),
    ("{N} moved to the finance ministry in 2019", "none", "neutral", "subj-neutral"),
    ("{N} signed the papers this morning", "none", "neutral", "subj-neutral"),
    ("{N} will travel to Brussels on Thursday", "none", "neutral", "subj-neutral"),
    ("{N} lives with {pos} family in Norbury", "none", "neutral", "subj-neutral"),
]
OBJ = [
    ("I admire {N}", "favor", "positive", "obj-praise"),
    ("I like {N}", "favor", "positive", "obj-praise"),
    ("We are grateful to {N}", "favor", "positive", "obj-praise"),
    ("I fully support {N}", "favor", "positive", "obj-praise"),
    ("I trust {N} completely", "favor", "positive", "obj-praise"),
    ("We owe {N} a great deal", "favor", "positive", "obj-praise"),
    ("I have great respect for {N}", "favor", "positive", "obj-praise"),
    ("I am proud to stand with {N}", "favor", "positive", "obj-praise"),
    ("I don't trust {N}", "against", "negative", "obj-attack"),
    ("I despise {N}", "against", "negative", "obj-attack"),
    ("I am ashamed of {N}", "against", "negative", "obj-attack"),
    ("We cannot support {N}", "against", "negative", "obj-attack"),
    ("I have lost all respect for {N}", "against", "negative", "obj-attack"),
    ("We will fight {N} every step of the way", "against", "negative", "obj-attack"),
    ("I am disgusted by {N}", "against", "negative", "obj-attack"),
    ("Nobody should believe a word from {N}", "against", "negative", "obj-attack"),
    ("We met {N} on Monday", "none", "neutral", "obj-neutral"),
    ("I spoke to {N} by phone this morning", "none", "neutral", "obj-neutral"),
    ("We will see {N} at the hearing on Friday", "none", "neutral", "obj-neutral"),
    ("I sat next to {N} at the dinner", "none", "neutral", "obj-neutral"),
    ("We sent {N} the report yesterday", "none", "neutral", "obj-neutral"),
    ("I have known {N} since 2010", "none", "neutral", "obj-neutral"),
    ("We called {N} after the vote", "none", "neutral", "obj-neutral"),
    ("I will meet {N} in Brussels next week", "none", "neutral", "obj-neutral"),
]
NEG = [
    ("{N} is not a liar", "favor", None, "neg-attack-subj"),
    ("{N} did nothing wrong", "favor", None, "neg-attack-subj"),
    ("{N} has never taken a bribe", "favor", None, "neg-attack-subj"),
    ("{N} is not to blame for this", "favor", None, "neg-attack-subj"),
    ("{N} has not broken a single promise", "favor", None, "neg-attack-subj"),
    ("{N} never let us down", "favor", None, "neg-attack-subj"),
    ("I never doubted {N}", "favor", None, "neg-attack-obj"),
    ("I have no complaints about {N}", "favor", None, "neg-attack-obj"),
    ("Nobody can fault {N} for this", "favor", None, "neg-attack-obj"),
    ("I would never vote against {N}", "favor", None, "neg-attack-obj"),
    ("I do not blame {N}", "favor", None, "neg-attack-obj"),
    ("I have never regretted backing {N}", "favor", None, "neg-attack-obj"),
    ("{N} has not delivered", "against", "negative", "neg-praise-subj"),
    ("{N} is not fit to lead", "against", "negative", "neg-praise-subj"),
    ("{N} has never kept a promise", "against", "negative", "neg-praise-subj"),
    ("{N} has not told the truth", "against", "negative", "neg-praise-subj"),
    ("{N} is no friend of working families", "against", "negative", "neg-praise-subj"),
    ("{N} did not lift a finger to help us", "against", "negative", "neg-praise-subj"),
    ("I can no longer support {N}", "against", "negative", "neg-praise-obj"),
    ("I would never vote for {N}", "against", "negative", "neg-praise-obj"),
    ("I cannot defend {N} anymore", "against", "negative", "neg-praise-obj"),
    ("Nobody believes {N} anymore", "against", "negative", "neg-praise-obj"),
    ("I will not stand with {N}", "against", "negative", "neg-praise-obj"),
    ("We can no longer rely on {N}", "against", "negative", "neg-praise-obj"),
    ("{N} will not attend the hearing on Friday", "none", "neutral", "neg-neutral"),
    ("{N} did not travel to Brussels this week", "none", "neutral", "neg-neutral"),
    ("{N} has not yet signed the papers", "none", "neutral", "neg-neutral"),
    ("{N} will not speak at the conference", "none", "neutral", "neg-neutral"),
    ("We did not meet {N} on Monday", "none", "neutral", "neg-neutral"),
    ("I have not spoken to {N} since Tuesday", "none", "neutral", "neg-neutral"),
]
# Two actors: {A} favor, {B} against.
TWO = [
    "{A} has been honest with us; {B} has not",
    "{A} kept every promise, unlike {B}",
    "Unlike {B}, {A} has done a superb job",
    "{A} deserves credit for this. {B} deserves none",
    "{A} fought for this town while {B} did nothing",
    "I trust {A}, but I don't trust {B}",
    "{A} told the truth and {B} lied",
    "We support {A} and we oppose {B}",
]
# Agent vs patient: (template, stance A, stance B, sentiment, tag).
AGENT = [
    ("{A} betrayed {B}", "against", "none", "negative", "agent-neg"),
    ("{A} lied to {B} for months", "against", "none", "negative", "agent-neg"),
    ("{A} bullied {B} at every meeting", "against", "none", "negative", "agent-neg"),
    ("{A} abandoned {B} when it mattered", "against", "none", "negative", "agent-neg"),
    ("{A} stood up for {B}", "favor", "none", "positive", "agent-pos"),
    ("{A} generously helped {B} through a hard year", "favor", "none", "positive", "agent-pos"),
    ("{A} bravely defended {B}", "favor", "none", "positive", "agent-pos"),
    ("{A} rescued {B} from a bad deal", "favor", "none", "positive", "agent-pos"),
    ("{A} praised {B}", "none", "none", None, "reported-eval"),
    ("{A} criticised {B}", "none", "none", None, "reported-eval"),
    ("{A} thanked {B} on Monday", "none", "none", None, "reported-eval"),
    ("{A} accused {B} of lying", "none", "none", None, "reported-eval"),
    ("{A} met {B} on Monday", "none", "none", "neutral", "agent-neutral"),
    ("{A} called {B} after the vote", "none", "none", "neutral", "agent-neutral"),
    ("{A} sat next to {B} at the dinner", "none", "none", "neutral", "agent-neutral"),
    ("{A} will visit {B} in Brussels", "none", "none", "neutral", "agent-neutral"),
]
SELF = [
    ("We are proud of what we have done", "favor", "positive", "self-praise"),
    ("Our team has delivered everything we promised", "favor", "positive", "self-praise"),
    ("We have done a superb job for this city", "favor", "positive", "self-praise"),
    ("Our record speaks for itself", "favor", "positive", "self-praise"),
    ("We kept every promise we made", "favor", "positive", "self-praise"),
    ("Our staff did wonderful work this year", "favor", "positive", "self-praise"),
    ("We let our voters down", "against", "negative", "self-critic"),
    ("We made serious mistakes and we are sorry", "against", "negative", "self-critic"),
    ("We have failed the people of this town", "against", "negative", "self-critic"),
    ("We got this badly wrong", "against", "negative", "self-critic"),
    ("We did not do enough, and that is a disgrace", "against", "negative", "self-critic"),
    ("Our management has been a disaster", "against", "negative", "self-critic"),
]
SENT = [
    ("This is wonderful news for our town", "positive"),
    ("We are thrilled with the result", "positive"),
    ("The new park is a great success", "positive"),
    ("I am delighted and grateful", "positive"),
    ("It was a beautiful day for everyone", "positive"),
    ("Our schools have never been better", "positive"),
    ("The festival was a joy from start to finish", "positive"),
    ("This is the best outcome we could have hoped for", "positive"),
    ("Families here are happier and safer than ever", "positive"),
    ("I am so proud of these students", "positive"),
    ("This is a disaster for families", "negative"),
    ("The flooding has been devastating", "negative"),
    ("I am angry and deeply disappointed", "negative"),
    ("It was a terrible, shameful decision", "negative"),
    ("People are scared and they are suffering", "negative"),
    ("The hospital is a mess", "negative"),
    ("This is the worst budget in decades", "negative"),
    ("We are heartbroken by the losses", "negative"),
    ("The plan is cruel and it will fail", "negative"),
    ("Crime has made life miserable here", "negative"),
    ("The meeting will start at nine on Tuesday", "neutral"),
    ("The report has 40 pages", "neutral"),
    ("The bus leaves from the main square", "neutral"),
    ("The council will vote on the budget in March", "neutral"),
    ("The office is on the third floor", "neutral"),
    ("The survey was sent to 2,000 households", "neutral"),
    ("The bridge will be closed for two days", "neutral"),
    ("The committee meets every second Thursday", "neutral"),
    ("Applications are due by the end of the month", "neutral"),
    ("The new line runs from the station to the airport", "neutral"),
]
# Sentences before a pronoun quote that name the target neutrally.
CONTEXT = ["{N} visited Norbury on Monday.", "{N} spoke to reporters after the vote.",
           "{N} was in the capital this week.", "{N} attended the meeting on Friday."]

# ---------------------------------------------------------------- helpers
def person(i, gender, first, pool_f, pool_m):
    """(name, gender) of the i-th person of the pools, genders alternating from @first unless one is asked for."""
    if gender is None:
        gender = first if i % 2 == 0 else other(first)
        i //= 2
    pool = pool_f if gender == "f" else pool_m
    return pool[i % len(pool)], gender

def target(i, gender=None):
    """i-th target, alternating genders (a woman first) unless one is asked for."""
    return person(i, gender, "f", TARGETS_F, TARGETS_M)

def speaker(i, gender=None):
    """i-th speaker, alternating genders (a man first) unless one is asked for."""
    return person(i, gender, "m", SPEAKERS_F, SPEAKERS_M)

def other(g):
    return "m" if g == "f" else "f"

def fill(tmpl, ref, g, capital):
    pr = PRON[g]
    if ref is None:  # pronoun mode
        subj_start = tmpl.startswith("{N}")
        ref = pr["p"] if subj_start else pr["o"]
        if subj_start:
            ref = ref.capitalize()
    q = tmpl.format(N=ref, p=pr["p"], o=pr["o"], pos=pr["pos"])
    return q

class Out:
    def __init__(self):
        self.rows = []
        self.n = {}

    def add(self, test, kind, text, actors, expect, sentiment, note, group=None):
        k = self.n.get(test, 0) + 1
        self.n[test] = k
        self.rows.append({"id": "%s-%03d" % (test, k), "test": test, "kind": kind,
                          "group": group, "text": text, "actors": actors, "expect": expect,
                          "sentiment": sentiment, "note": note})

# ---------------------------------------------------------------- tests
def vocab(out, test, tmpls, reps, orgs=True):
    """One attributed quote per template and repetition; the speaker's organisation from ORGS in turn (none
    without @orgs)."""
    c = 0
    for t, (tmpl, st, se, tag) in enumerate(tmpls):
        for r in range(reps):
            name, g = target(t * reps + r)
            s, gs = speaker(t + r)
            q = fill(tmpl, name, g, True)
            out.add(test, "MFT", attr("A", q, s, gs, ORGS[c % len(ORGS)] if orgs else None), [name], {name: st},
                    se, tag)
            c += 1

def pronoun(out, test, tmpls, reps, mode):
    c = 0
    for t, (tmpl, st, se, tag) in enumerate(tmpls):
        for r in range(reps):
            name, g = target(t * reps + r)
            s, gs = speaker(t * reps + r, other(g))
            q = fill(tmpl, None, g, True)
            if mode == "prev":
                ctx = CONTEXT[c % len(CONTEXT)].format(N=name)
                text = ctx + " " + attr("A", q, s, gs, None)
            else:  # named in the attribution: "Q," S said of NAME.
                text = '"%s," %s said of %s.' % (q, s, name)
            out.add(test, "MFT", text, [name], {name: st}, se, tag)
            c += 1

def pairs(n):
    """n (A, B) pairs of distinct targets, each name both first and second over the list."""
    allt = [target(i)[0] for i in range(len(TARGETS_F) + len(TARGETS_M))]
    res = []
    i = 0
    while len(res) < n:
        a = allt[i % len(allt)]
        b = allt[(i * 3 + 1) % len(allt)]
        if a != b:
            res.append((a, b))
        i += 1
    return res

def two(out, test, tmpls, reps, skip, first_speaker):
    """Quotes of two targets {A} and {B}: each template (TEMPLATE, STANCE A, STANCE B, SENTIMENT, TAG) @reps
    times, with the pairs() after the first @skip and the speakers from speaker(@first_speaker) on."""
    ps = pairs(len(tmpls) * reps + skip)[skip:]
    c = 0
    for tmpl, sa, sb, se, tag in tmpls:
        for r in range(reps):
            a, b = ps[c]
            s, gs = speaker(first_speaker + c)
            q = tmpl.format(A=a, B=b)
            out.add(test, "MFT", attr("A", q, s, gs, None), [a, b], {a: sa, b: sb}, se, tag)
            c += 1

def self_first(out, reps):
    c = 0
    for t, (tmpl, st, se, tag) in enumerate(SELF):
        for r in range(reps):
            org = ORGS[(t + r) % len(ORGS)]
            s, gs = speaker(c)
            form = "C" if c % 2 == 0 else "D"
            out.add("self_first_person", "MFT", attr(form, tmpl, s, gs, org), [org], {org: st}, se, tag)
            c += 1

INV_BASE = [SUBJ[i] for i in (0, 2, 5, 8, 10, 14, 16, 19)] + [OBJ[i] for i in (0, 1, 3, 8, 9, 12, 16, 20)]

def invariance(out, reps):
    g = 0
    for t, (tmpl, st, se, tag) in enumerate(INV_BASE):
        for r in range(reps):
            # (a) target name: three targets of the same gender.
            gender = "f" if (t + r) % 2 == 0 else "m"
            s, gs = speaker(t + r)
            grp = "name-%02d" % g
            for k in range(3):
                name, _ = target(t + r + k, gender)
                q = fill(tmpl, name, gender, True)
                out.add("inv_target_name", "INV", attr("A", q, s, gs, None), [name], {name: st}, se, tag, grp)
            # (b) speaker name.
            name, _ = target(t + r, gender)
            q = fill(tmpl, name, gender, True)
            grp = "speaker-%02d" % g
            for k in range(3):
                s, gs = speaker(t + r + k * 3)
                out.add("inv_speaker_name", "INV", attr("A", q, s, gs, None), [name], {name: st}, se, tag, grp)
            # (c) attribution form.
            s, gs = speaker(t + r)
            grp = "form-%02d" % g
            for form in ("A", "B", "C"):
                out.add("inv_attribution", "INV", attr(form, q, s, gs, ORGS[(t + r) % len(ORGS)]),
                        [name], {name: st}, se, tag, grp)
            g += 1

def sentiment(out, reps):
    c = 0
    for t, (q, se) in enumerate(SENT):
        for r in range(reps):
            s, gs = speaker(c)
            form = ("A", "B", "C")[r % 3]
            out.add("sentiment_mft", "MFT", attr(form, q, s, gs, ORGS[c % len(ORGS)]), [], {}, se,
                    "sent-" + se)
            c += 1

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                        "cases.jsonl"))
    a = ap.parse_args()
    out = Out()
    vocab(out, "vocab_subject", SUBJ, 5)
    vocab(out, "vocab_object", OBJ, 5)
    pronoun(out, "pronoun_prev_sentence", SUBJ + OBJ, 2, "prev")
    pronoun(out, "pronoun_said_of", SUBJ + OBJ, 2, "of")
    vocab(out, "negation", NEG, 3, orgs=False)
    two(out, "two_actors", [(t, "favor", "against", None, "two-opposite") for t in TWO], 10, 0, 0)
    two(out, "agent_patient", AGENT, 5, 3, 1)
    self_first(out, 5)
    invariance(out, 2)
    sentiment(out, 3)
    with open(a.out, "w", encoding="utf-8") as f:
        for row in out.rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    for test, n in out.n.items():
        sys.stderr.write("%-24s %4d\n" % (test, n))
    sys.stderr.write("%-24s %4d -> %s\n" % ("total", len(out.rows), a.out))

if __name__ == "__main__":
    main()
