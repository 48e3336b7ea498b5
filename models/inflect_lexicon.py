#!/usr/bin/env python3
"""The VADER lexicon plus the regular inflections of its words, for `stance train --lexicon`.

usage: inflect_lexicon.py [--no-inflect] VADER_LEXICON.txt > lexicon.txt

VADER lists mostly base forms ("delay", "crime", "denounce", "refuse", "death") and the
model's tokens are never lemmatised, so "delays", "crimes", "denounced", "refuses" and "deaths"
had no prior polarity (issue 14 item 1). This writes WORD<TAB>VALENCE for every VADER entry,
in the file's order and with its own valence text (so the lexicon the model stores holds the
same values as with the VADER file itself), then the inflections of its base words, sorted,
each with its base's valence:

  -s     "delay" -> "delays"; -es after s, x, z, ch, sh and a consonant + o; y -> "ies" after a
         consonant ("worry" -> "worries")
  -ed    "denounce" -> "denounced" (e: +d); "worry" -> "worried"; "panic" -> "panicked"; a final
         consonant after a single vowel is doubled ("stop" -> "stopped"); in a word of more than
         one syllable the undoubled form is written too ("benefited", "benefitted")
  -ing   "denounce" -> "denouncing" (e dropped; kept after ee, oe, ye); "ie" -> "ying"; the same
         doubling

A base word is an entry of lower-case letters a-z only and more than three letters (the short
ones, "ha", "l", "ty", "lol", give junk: "has", "led", "ties") whose raters agree on its sign: an
entry with at least as many of its ten ratings (VADER's fourth field) against its mean's sign as
with it is the mean of a disagreement (89 of the 7,520: "excuse" 0.3 from [0, 0, 3, -1, 0, -1, -2,
0, 4, 0], "irony", "sigh", "withdrawal", "challenges"), kept as VADER lists it but not inflected,
since its forms carry the sense the raters split on ("excuses", "ironies", "withdrawals"); an entry that is itself an
inflection of another base ("abandoned" of "abandon") is not inflected again. Never written:
a form VADER lists itself (its own valence stays, and the model keeps the first of duplicates
anyway), a form two bases make with different valences, and the forms of JUNK below (checked
on the NewsMTSC and VADER nyt training texts: inflections that are other words). --no-inflect
writes the VADER entries alone (the same lexicon as the VADER file: a check of the format).
Deterministic: the same input gives the same bytes. Only the Python standard library.
"""
import argparse
import re
import sys

VOWELS = "aeiou"
# Endings of words that take no -s (adjectives, adverbs, participles) or no -ed/-ing (those and nouns).
NOT_NOUN = ("ed", "ly", "ous", "ful", "less", "able", "ible", "est", "ish")
NOT_VERB = NOT_NOUN + ("ing", "er", "ment", "tion", "sion", "ness", "ive", "ity", "ism", "ist", "ant", "ent",
                       "al", "ary", "ery", "ic", "ance", "ence", "ship", "hood")
# Forms that are another word than an inflection of their base, or whose common sense has another
# polarity: found by listing the generated forms most frequent in the NewsMTSC and VADER nyt training
# texts (bench/RESULTS.md, section lexinf).
JUNK = frozenset("""
authorities fairs fined fines fining goods gooding grands handed handing hands hearted justices kinds
leaves numbered numbering numbers overwhelming striking treated treating treats worths
""".split())


def is_base(word):
    return len(word) > 3 and re.fullmatch(r"[a-z]+", word) is not None


def cvc(word):
    """Whether the word ends in consonant, single vowel, consonant (not w, x, y): "stop", "commit"."""
    if len(word) < 3:
        return False
    a, b, c = word[-3], word[-2], word[-1]
    return c not in VOWELS + "wxy" and b in VOWELS and a not in VOWELS and not (a == "q" and b == "u")


def syllables(word):
    """Vowel groups (y after a consonant counts): "stop" 1, "commit" 2."""
    return len(re.findall(r"[aeiou]+|(?<=[^aeiou])y", word))


def suffixed(word, suffix):
    """@p word with -ed or -ing (@p suffix "ed" or "ing"): the list of forms."""
    if suffix == "ing" and word.endswith("ie"):
        return [word[:-2] + "ying"]
    if word.endswith("e"):
        if suffix == "ed":
            return [word + "d"]
        return [word + "ing"] if word.endswith(("ee", "oe", "ye")) else [word[:-1] + "ing"]
    if word.endswith("y") and word[-2] not in VOWELS:
        return [word[:-1] + "ied"] if suffix == "ed" else [word + "ing"]
    if cvc(word):
        doubled = word + word[-1] + suffix
        return [doubled] if syllables(word) == 1 else [doubled, word + suffix]
    return [word + suffix]


def plural(word):
    """The -s form(s) of @p word."""
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return [word + "es"]
    if word.endswith("y") and word[-2] not in VOWELS:
        return [word[:-1] + "ies"]
    if word.endswith("o") and word[-2] not in VOWELS:
        return [word + "es", word + "s"]
    return [word + "s"]


def has_suffix(word, suffixes):
    """Whether @p word ends in one of @p suffixes after a stem of four letters or more ("harmless", not
    "want", "wish", "revive")."""
    return any(word.endswith(x) and len(word) - len(x) >= 4 for x in suffixes)


def inflections(word):
    """Every regular inflection of @p word, in a fixed order: none of a suffix that shows the word is
    not a noun (for -s) or not a verb (for -ed, -ing)."""
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return []  # already a plural or a third person ("accomplishes")
    out = [] if has_suffix(word, NOT_NOUN) else plural(word)
    return out if has_suffix(word, NOT_VERB) else out + suffixed(word, "ed") + suffixed(word, "ing")


def split_sign(valence, ratings):
    """Whether the raters split on the sign of the mean @p valence: at least as many of the @p ratings
    (VADER's fourth field, "[0, 3, -1, ...]"; none: no split) against its sign as with it."""
    if not ratings or float(valence) == 0:
        return False
    r = [float(x) for x in ratings.strip("[]").split(",") if x.strip()]
    sign = 1 if float(valence) > 0 else -1
    return sum(x * sign < 0 for x in r) >= sum(x * sign > 0 for x in r)


def read_vader(lines):
    """[(word, valence text, whether its raters split on its sign)] of the VADER file's lines
    (WORD<TAB>VALENCE[<TAB>SD<TAB>RATINGS]), in order."""
    out = []
    for n, line in enumerate(lines, 1):
        line = line.rstrip("\r\n")
        if not line:
            continue
        f = line.split("\t")
        if len(f) < 2 or not f[0]:
            raise ValueError("line %d: want WORD<TAB>VALENCE" % n)
        float(f[1])
        out.append((f[0], f[1], split_sign(f[1], f[3] if len(f) > 3 else None)))
    return out


def expand(entries, junk=JUNK):
    """The inflected entries [(form, valence text)] of the VADER @p entries, sorted by form."""
    listed = {w.lower() for w, _, _ in entries}
    bases = [(w, v) for w, v, split in entries if is_base(w) and not split]
    made = {}
    for w, _ in bases:
        for f in inflections(w):
            made.setdefault(f, set()).add(w)
    derived = {w for w, _ in bases if w in made and any(b != w for b in made[w])}
    forms = {}
    for w, v in bases:
        if w in derived:
            continue
        for f in inflections(w):
            if f not in listed and f not in junk:
                forms.setdefault(f, {}).setdefault(float(v), v)
    return [(f, next(iter(vals.values()))) for f, vals in sorted(forms.items()) if len(vals) == 1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-inflect", action="store_true", help="write the VADER entries alone")
    ap.add_argument("lexicon")
    a = ap.parse_args()
    with open(a.lexicon, encoding="utf-8") as f:
        entries = read_vader(f)
    out = sys.stdout
    for w, v in [e[:2] for e in entries] + ([] if a.no_inflect else expand(entries)):
        out.write("%s\t%s\n" % (w, v))


if __name__ == "__main__":
    main()
