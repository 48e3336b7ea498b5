#!/usr/bin/env python3
"""The sides of actors (a caller's knowledge: bench/e2e/sides.tsv) and what score.py and models/e2e_rows.py make
of them, so that the held-out articles are scored with the sides a caller would pass and the training rows carry
the relation the library would work out from them (issue 19, section side1 of bench/RESULTS.md).

- load(PATH): {name: side} from "name|side" lines.
- side_of(name, table): the listed side; "X campaign" has X's; an actor named after a party ("Republican Party",
  "Democratic National Committee", "GOP") has that party.
- watch_list(text, labelled, table): the actors a caller who follows the listed figures passes for an article:
  the labelled actors (each with side_of(), or None), then each listed figure the text names in full that is not
  labelled and shares no surname (score.head()) with an actor already in the list (a shared surname would change
  how the library reads the labelled actor's surname mentions).
- relation(text, speaker, target, actors): the relation of a labelled pair, as the library works it out from the
  actor list @actors (watch_list()'s): the speaker resolves to the actor with its surname (score.head(); first
  names, when both have one, agree); self when that is the target; speaks-for when the text or the speaker's label
  string has the speaker speak for the target (party_sim.principal_evidence(): "Y, a spokeswoman for X", "X
  spokesman Y", "a Clinton aide"); else the speaker's side (its actor's, else the side of an actor it speaks for)
  against the target's: same-side / opposite-side; None when unknown. The library's own reading of the speaker
  and principal differs in places (speaker attribution, its principal rules): the rows approximate it.
Only the Python standard library.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import score  # noqa: E402

DEFAULT = os.path.join(HERE, "sides.tsv")
PARTY_WORD = r"(Republicans?|GOP|Democrats?|Democratic)"   # a party word (party_sim.py's cues use it too)


def party_of(word):
    """The side ("R" or "D") a party word (PARTY_WORD's group) names."""
    return "R" if word.lower().startswith(("republican", "gop")) else "D"


def party_in_name(name):
    """The side of an actor named after a party ("Republican Party", "GOP", "Democratic National Committee"), or None."""
    m = re.search(r"\b" + PARTY_WORD + r"\b", name)
    return party_of(m.group(1)) if m else None


def load(path=DEFAULT):
    table = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split("|")
            if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
                sys.exit("%s:%d: not name|side" % (path, n))
            table[parts[0].strip()] = parts[1].strip()
    return table


def side_of(name, table):
    if name in table:
        return table[name]
    if name.endswith(" campaign") and len(name.split()) > 1:
        return side_of(name[:-len(" campaign")], table)
    return party_in_name(name)


def watch_list(text, labelled, table):
    """[(name, aliases, side)] for an article: @labelled [(name, aliases)] then the listed figures it names."""
    out = [(n, al, side_of(n, table)) for n, al in labelled]
    heads = {score.head(n) for n, _, _ in out}
    for name, side in table.items():
        h = score.head(name)
        if h in heads or not re.search(r"(?<![\w])" + re.escape(name) + r"(?![\w])", text):
            continue
        out.append((name, [], side))
        heads.add(h)
    return out


def same_person(a, b):
    """Whether the names @a and @b resolve to one actor by the library's surname rule (and first names agree)."""
    if not score.head(a) or score.head(a) != score.head(b):
        return False
    wa, wb = a.split(), b.split()
    return len(wa) < 2 or len(wb) < 2 or wa[0] == wb[0]


def relation(text, speaker, target, actors):
    """The relation name of the pair (@speaker's quote, @target), or None; @actors is watch_list()'s."""
    import party_sim  # (party_sim imports this module)
    sides = {n: s for n, _, s in actors}
    spk = next((n for n, _, _ in actors if same_person(speaker, n)), None)
    if spk is not None and (spk == target or same_person(spk, target)):
        return "self"
    if party_sim.principal_evidence(text, speaker, target):
        return "speaks-for"
    ss = sides.get(spk) if spk is not None else None
    if ss is None:
        boss = next((n for n, _, s in actors if s and n != spk and party_sim.principal_evidence(text, speaker, n)), None)
        ss = sides.get(boss) if boss else None
    ts = sides.get(target)
    if ss is None or ts is None:
        return None
    return "same-side" if ss == ts else "opposite-side"
