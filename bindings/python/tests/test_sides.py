"""Actors' sides (issue 19): actors given with a side, Target.relation, and stance.jsonl
reading a record's "side" as `stance classify --jsonl` does. Texts written for these tests."""
import json
import os
import pickle
import subprocess
import tempfile
import unittest

import common
import stance
import stance.jsonl

TEXT = (
    "Senator Ruth Hale criticised Governor Owen Marsh over the budget on Tuesday.\n\n"
    "\"Owen Marsh has wasted our money and he is a disgrace,\" Hale said in a statement.\n\n"
    "\"Owen Marsh has done great work for the people of this state,\" said Dana Cole, a spokeswoman for Marsh.\n\n"
    "\"Ruth Hale is right about the schools, and we thank her for her work,\" said Leo Brandt, a fellow senator.\n\n"
    "\"People say Owen Marsh is finished, but Owen Marsh never gives up,\" Marsh told reporters.\n"
)

# the same actors in the two forms that carry a side
DICTS = [
    {"name": "Ruth Hale", "aliases": ["Hale"], "side": "Blue"},
    {"name": "Owen Marsh", "aliases": ["Marsh"], "side": "Red"},
    {"name": "Dana Cole"},
    {"name": "Leo Brandt", "side": "Blue"},
]
TUPLES = [("Ruth Hale", ["Hale"], "Blue"), ("Owen Marsh", "Marsh", "Red"), "Dana Cole", ("Leo Brandt", None, "Blue")]
NO_SIDES = [("Ruth Hale", ["Hale"]), ("Owen Marsh", "Marsh"), "Dana Cole", "Leo Brandt"]


def relations(res):
    """(speaker, actor) -> relation for every target of a Result."""
    return {(q.speaker, t.actor): t.relation for q in res for t in q.targets}


class SidesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.model = common.open_model()

    @classmethod
    def tearDownClass(cls):
        cls.model.close()

    def test_relations(self):
        res = self.model.classify(TEXT, actors=DICTS)
        rel = relations(res)
        self.assertEqual(rel[("Ruth Hale", "Owen Marsh")], "opposite-side")  # an attack across sides
        self.assertEqual(rel[("Dana Cole", "Owen Marsh")], "speaks-for")     # "a spokeswoman for Marsh"
        self.assertEqual(rel[("Leo Brandt", "Ruth Hale")], "same-side")
        self.assertEqual(rel[("Owen Marsh", "Owen Marsh")], "self")
        attack = [t for q in res if q.speaker == "Ruth Hale" for t in q.targets][0]
        self.assertEqual(attack.label, "against")
        self.assertEqual(attack.to_dict()["relation"], "opposite-side")

    def test_forms_agree(self):
        self.assertEqual(self.model.classify(TEXT, actors=TUPLES), self.model.classify(TEXT, actors=DICTS))

    def test_no_sides_no_relation(self):
        res = self.model.classify(TEXT, actors=NO_SIDES)
        self.assertTrue(res and all(t.relation is None for q in res for t in q.targets))
        # dicts without a "side" are no sides either
        nosd = [{k: v for k, v in d.items() if k != "side"} for d in DICTS]
        self.assertEqual(self.model.classify(TEXT, actors=nosd), res)
        # the decisions of the current forms are those of a call with no sides
        self.assertEqual([t.stance for q in res for t in q.targets],
                         [t.stance for q in self.model.classify(TEXT, actors=NO_SIDES) for t in q.targets])

    def test_side_none_is_unknown(self):
        # every side unknown: no same/opposite side, but self and speaks-for need none (as in C)
        acts = [(a if isinstance(a, str) else a[0], [] if isinstance(a, str) else a[1], None) for a in TUPLES]
        rel = relations(self.model.classify(TEXT, actors=acts))
        self.assertEqual(rel[("Dana Cole", "Owen Marsh")], "speaks-for")
        self.assertEqual(rel[("Owen Marsh", "Owen Marsh")], "self")
        self.assertIsNone(rel[("Ruth Hale", "Owen Marsh")])
        self.assertIsNone(rel[("Leo Brandt", "Ruth Hale")])

    def test_blank_side_is_unknown(self):
        # "" and white space alone are unknown, as None is: the one rule of C, JSONL and Python
        none = [(a if isinstance(a, str) else a[0], [] if isinstance(a, str) else a[1], None) for a in TUPLES]
        want = self.model.classify(TEXT, actors=none)
        for blank in ("", " ", " \t\n\r\v\f"):
            acts = [(n, al, blank) for n, al, _ in none]
            self.assertEqual(self.model.classify(TEXT, actors=acts), want, repr(blank))
            self.assertEqual(self.model.classify_many([TEXT], actors=acts)[0], want, repr(blank))
        # one blank side among known ones: that actor's side is unknown, the others' known
        acts = [dict(DICTS[0]), dict(DICTS[1], side="  "), DICTS[2], DICTS[3]]
        rel = relations(self.model.classify(TEXT, actors=acts))
        self.assertIsNone(rel[("Ruth Hale", "Owen Marsh")])
        self.assertEqual(rel[("Leo Brandt", "Ruth Hale")], "same-side")
        # and the white space around a label is no part of it
        self.assertEqual(self.model.classify(TEXT, actors=[dict(d, side=" %s\t" % d["side"]) if "side" in d else d
                                                           for d in DICTS]), self.model.classify(TEXT, actors=DICTS))

    def test_bad_sides(self):
        want = self.model.classify(TEXT, actors=DICTS)
        cases = [(3, TypeError), (b"Blue", TypeError), (["Blue"], TypeError), ("Bl\0ue", ValueError),
                 ("\ud800", ValueError)]
        for side, exc in cases:
            acts = [dict(DICTS[0]), dict(DICTS[1], side=side)]
            with self.assertRaises(exc, msg=repr(side)) as cm:
                self.model.classify(TEXT, actors=acts)
            if exc is not TypeError and side != "\ud800":
                self.assertIn("side of actor 1", str(cm.exception))
        with self.assertRaises(TypeError):
            self.model.classify(TEXT, actors=[("Ruth Hale", [], "Blue", "extra")])
        with self.assertRaises(stance.StanceError) as cm:
            self.model.classify(TEXT, actors=[("Ruth Hale", [], "x" * 257)])
        self.assertEqual(cm.exception.code, stance.ERR_LIMIT)
        self.assertEqual(len(self.model.classify(TEXT, actors=[("Ruth Hale", [], "x" * 256)])), len(want))
        self.assertEqual(self.model.classify(TEXT, actors=DICTS), want)  # nothing kept from the failed calls

    def test_classify_many(self):
        want = self.model.classify(TEXT, actors=DICTS)
        other = "Elsewhere, nothing was said. " + TEXT
        # shared actors (compiled once into an actor set: the sides come in the set's order) ...
        got = self.model.classify_many([TEXT, other, TEXT], actors=DICTS, threads=2)
        self.assertEqual(got[0], want)
        self.assertEqual(got[2], want)
        self.assertEqual(got[1], self.model.classify(other, actors=DICTS))
        # ... and an item's own actors
        got = self.model.classify_many([(TEXT, TUPLES), {"text": TEXT, "actors": NO_SIDES}, TEXT], threads=2)
        self.assertEqual(got[0], want)
        self.assertTrue(all(t.relation is None for q in got[1] for t in q.targets))
        self.assertTrue(all(t.relation is None for q in got[2] for t in q.targets))
        # a bad side fails only its item with errors="return"
        got = self.model.classify_many([(TEXT, [("Ruth Hale", [], "B\0")]), (TEXT, DICTS)], errors="return")
        self.assertIsInstance(got[0], stance.StanceError)
        self.assertEqual(got[0].code, stance.ERR_INVALID)
        self.assertIsInstance(got[0].__cause__, ValueError)
        self.assertEqual(got[1], want)

    def test_target_record(self):
        t = [t for q in self.model.classify(TEXT, actors=DICTS) for t in q.targets if t.relation][0]
        self.assertEqual(pickle.loads(pickle.dumps(t)), t)
        self.assertIn("relation=", repr(t))
        # a Target built without the field added with sides: relation None
        old = stance.Target(*[getattr(t, k) for k in ("actor", "where", "mentions", "byte_mentions", "stance",
                                                      "entity", "kinds", "rules", "why")])
        self.assertIsNone(old.relation)


@unittest.skipUnless(os.access(common.CLI, os.X_OK), "no stance CLI (set STANCE_CLI)")
class SidesCliEqualTest(unittest.TestCase):
    def test_jsonl_equals_cli(self):
        recs = [
            {"id": "sides", "text": TEXT, "actors": DICTS},
            {"id": "null-and-empty", "text": TEXT,
             "actors": [dict(DICTS[0], side=None), dict(DICTS[1], side=""), "Dana Cole", "Leo Brandt"]},
            {"id": "blank-label", "text": TEXT, "actors": [dict(DICTS[0], side=" "), dict(DICTS[1], side=" ")]},
            {"id": "none", "text": TEXT, "actors": ["Ruth Hale", "Owen Marsh", "Dana Cole"]},
            {"id": "not-a-string", "text": TEXT, "actors": [dict(DICTS[0], side=3)]},
            {"id": "nul", "text": TEXT, "actors": [dict(DICTS[0], side="B\0")]},
            {"id": "too-long", "text": TEXT, "actors": [dict(DICTS[0], side="x" * 300)]},
            {"id": "bad-name-first", "text": TEXT, "actors": [{"name": " ", "side": 3}]},
            {"id": "name-a-number", "text": TEXT, "actors": [{"name": 3, "side": "Blue"}]},
            {"id": "alias-a-number", "text": TEXT, "actors": [{"name": "Ruth Hale", "aliases": [3], "side": "Blue"}]},
        ]
        with tempfile.TemporaryDirectory() as d:
            src = os.path.join(d, "in.jsonl")
            with open(src, "w", encoding="utf-8") as f:
                for r in recs:
                    f.write(json.dumps(r) + "\n")
            out = subprocess.run([common.CLI, "classify", "-m", common.MODEL, "--jsonl", src],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            self.assertEqual(out.returncode, 1, out.stderr)  # bad records: exit 1
            cli = [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]
            with common.open_model() as m:
                with open(src, encoding="utf-8") as f:
                    bad = []
                    py = list(stance.jsonl.classify_records(m, f, threads=2, bad_records=bad))
                dst = os.path.join(d, "out.jsonl")
                stance.jsonl.classify_file(m, src, dst, threads=2, batch=3, bad_records=[])
                with open(dst, encoding="utf-8") as f:
                    from_file = [json.loads(line) for line in f]
        self.assertEqual([r["id"] for r in cli], [r["id"] for r in recs])
        for a, b in zip(cli, py):
            self.assertTrue(common.approx_equal(a, b), "CLI %s\nPython %s" % (a, b))
        self.assertEqual(py, from_file)
        self.assertEqual(len(bad), 6)
        by_id = {r["id"]: r for r in cli}
        rels = [s.get("relation") for q in by_id["sides"]["quotes"] for s in q["stances"]]
        self.assertIn("opposite-side", rels)
        self.assertIn("speaks-for", rels)
        self.assertFalse([s for q in by_id["none"]["quotes"] for s in q["stances"] if "relation" in s])


if __name__ == "__main__":
    unittest.main()
