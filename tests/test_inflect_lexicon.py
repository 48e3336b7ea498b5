#!/usr/bin/env python3
"""Unit test of models/inflect_lexicon.py (the VADER lexicon's inflections for `make models`).

usage: test_inflect_lexicon.py PATH/TO/models/inflect_lexicon.py
Each inflection rule on words of our choosing, then the script run on a small lexicon in VADER's
format written here: the entries come first with their own valence text, a form the lexicon lists
keeps its own valence, short bases and junk forms give nothing, an entry that is an inflection is
not inflected again, a form two bases make with different valences is left out, the output is
sorted and the same bytes on a second run. Only the Python standard library.
"""
import importlib.util
import os
import subprocess
import sys
import tempfile
import unittest

SCRIPT = None
il = None

LEXICON = [
    ("delay", "-1.3", "0.9", "[-1, -2]"),
    ("delayed", "-0.9", "0.5", "[-1, -1]"),   # listed: its own valence stays, it is not inflected
    ("denounce", "-1.4", "0.8", "[-2, -1]"),
    ("worry", "-1.9", "0.7", "[-2, -2]"),
    ("stop", "-1.2", "0.6", "[-1, -1]"),
    ("benefit", "2.0", "0.7", "[2, 2]"),
    ("agree", "1.5", "0.5", "[1, 2]"),
    ("kiss", "1.8", "0.6", "[2, 2]"),
    ("ha", "1.4", "0.5", "[1, 2]"),          # short: "has" must not appear
    ("hand", "2.2", "0.4", "[2, 2]"),        # its forms are junk ("hands", "handed")
    ("harmless", "1.0", "0.4", "[1, 1]"),    # an adjective: no "harmlesses", "harmlessed"
    ("tidy", "0.8", "0.5", "[1, 1]"),        # "tidied"
    ("rave", "1.1", "0.5", "[1, 1]"),        # "raves" from "rave" 1.1 ...
    ("raves", "2.0", "0.5", "[2, 2]"),       # ... but listed with 2.0
    ("rever", "1.0", "0.5", "[1, 1]"),       # makes "revered" ...
    ("revere", "2.0", "0.5", "[2, 2]"),      # ... which "revere" makes too, with another valence
    (":-)", "1.3", "0.5", "[1, 1]"),
    ("excuse", "0.3", "1.7", "[0, 0, 3, -1, 0, -1, -2, 0, 4, 0]"),  # raters split on its sign: no forms
    ("accuse", "-0.8", "1.5", "[-2, -1, 1, -3, 0, 0, 2, -2, -1, -2]"),  # more against than for: inflected
]


def run(lines, *flags):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write("".join("\t".join(e) + "\n" for e in lines))
    try:
        return subprocess.run([sys.executable, SCRIPT] + list(flags) + [f.name], check=True,
                              capture_output=True).stdout.decode("utf-8")
    finally:
        os.unlink(f.name)


class Rules(unittest.TestCase):
    def check(self, word, forms):
        self.assertEqual(sorted(il.inflections(word)), sorted(forms), word)

    def test_regular(self):
        self.check("delay", ["delays", "delayed", "delaying"])
        self.check("crime", ["crimes", "crimed", "criming"])
        self.check("attack", ["attacks", "attacked", "attacking"])

    def test_e(self):
        self.check("denounce", ["denounces", "denounced", "denouncing"])
        self.check("agree", ["agrees", "agreed", "agreeing"])

    def test_y_and_es(self):
        self.check("worry", ["worries", "worried", "worrying"])
        self.check("destroy", ["destroys", "destroyed", "destroying"])
        self.check("kiss", ["kisses", "kissed", "kissing"])
        self.check("smash", ["smashes", "smashed", "smashing"])
        self.check("veto", ["vetoes", "vetos", "vetoed", "vetoing"])

    def test_doubling(self):
        self.check("stop", ["stops", "stopped", "stopping"])
        self.check("benefit", ["benefits", "benefited", "benefitted", "benefiting", "benefitting"])
        self.check("scold", ["scolds", "scolded", "scolding"])
        self.check("show", ["shows", "showed", "showing"])

    def test_not_inflected(self):
        self.check("harmless", [])       # adjective
        self.check("accomplishes", [])   # already a third person
        self.check("hostility", ["hostilities"])
        self.check("abduction", ["abductions"])
        self.check("want", ["wants", "wanted", "wanting"])  # "-ant" after a short stem is no suffix
        self.assertFalse(il.is_base("ha"))
        self.assertFalse(il.is_base("lol"))
        self.assertFalse(il.is_base(":-)"))
        self.assertTrue(il.is_base("hate"))


class Script(unittest.TestCase):
    def setUp(self):
        self.out = run(LEXICON)
        self.rows = [l.split("\t") for l in self.out.splitlines()]
        self.val = {}
        for w, v in self.rows:
            self.assertNotIn(w, self.val, "written twice: " + w)
            self.val[w] = v

    def test_entries_first_unchanged(self):
        self.assertEqual(self.rows[:len(LEXICON)], [[e[0], e[1]] for e in LEXICON])
        rest = [w for w, _ in self.rows[len(LEXICON):]]
        self.assertEqual(rest, sorted(rest))

    def test_never_overrides(self):
        listed = {e[0]: e[1] for e in LEXICON}
        for w, v in self.rows[len(LEXICON):]:
            self.assertNotIn(w, listed, "a listed form written again: " + w)
        self.assertEqual(self.val["delayed"], "-0.9")
        self.assertEqual(self.val["raves"], "2.0")

    def test_forms(self):
        for w, v in [("delays", "-1.3"), ("delaying", "-1.3"), ("denounced", "-1.4"), ("denouncing", "-1.4"),
                     ("worries", "-1.9"), ("worried", "-1.9"), ("stopped", "-1.2"), ("agreeing", "1.5"),
                     ("kisses", "1.8"), ("tidied", "0.8"), ("raved", "1.1"), ("accuses", "-0.8")]:
            self.assertEqual(self.val.get(w), v, w)

    def test_left_out(self):
        # short base, junk, adjective, wrong doubling, a listed inflection inflected again, and "revered",
        # which "rever" (1.0) and "revere" (2.0) both make
        for w in ["has", "hands", "handed", "handing", "harmlesses", "stoped", "delayeds", "delayeding",
                  "revered", "excuses", "excused", "excusing"]:
            self.assertNotIn(w, self.val, w)
        self.assertEqual(self.val.get("reverred"), "1.0")

    def test_split_sign(self):
        self.assertTrue(il.split_sign("0.3", "[0, 0, 3, -1, 0, -1, -2, 0, 4, 0]"))
        self.assertTrue(il.split_sign("-0.1", "[1, -1]"))
        self.assertFalse(il.split_sign("-0.8", "[-2, -1, 1, -3, 0, 0, 2, -2, -1, -2]"))
        self.assertFalse(il.split_sign("1.0", None))
        self.assertFalse(il.split_sign("0.0", "[1, -1]"))

    def test_deterministic(self):
        self.assertEqual(run(LEXICON), self.out)

    def test_no_inflect(self):
        self.assertEqual(run(LEXICON, "--no-inflect"), "".join("%s\t%s\n" % (e[0], e[1]) for e in LEXICON))


def main():
    global SCRIPT, il
    SCRIPT = sys.argv.pop(1)
    spec = importlib.util.spec_from_file_location("inflect_lexicon", SCRIPT)
    il = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(il)
    unittest.main(verbosity=1)


if __name__ == "__main__":
    main()
