"""mentioned_only=True (STANCE_OPT_MENTIONED_ONLY): a watch list's absent actors left out of
Result.entities, the kept ones in order with their input_index, Target.entity indexing them; and
stance.jsonl reading a record's "discover_others" and "mentioned_only" as the CLI does. Texts
written for these tests."""
import json
import os
import subprocess
import tempfile
import unittest

import common
import stance
import stance.jsonl

TEXT = (
    "Mayor Dana Whitfield defended the budget on Tuesday. \"This plan keeps every library open,\" "
    "Whitfield said.\n\nCouncil member Oren Castellano disagreed. \"Dana Whitfield is hiding the real "
    "costs,\" Castellano said.\n\nResident Tamsin Okafor praised the plan. \"It helps my children,\" "
    "Okafor said.\n"
)
WATCH = [{"name": "Quinton Barlowe", "side": "Red"}, {"name": "Dana Whitfield", "side": "Blue"},
         {"name": "Marisol Ferrante", "aliases": ["Ms. Ferrante"]}, {"name": "Oren Castellano", "side": "Red"}]


def names(res):
    return [(e.name, e.discovered, e.input_index) for e in res.entities]


class MentionedOnlyTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.model = stance.Model(common.MODEL)

    @classmethod
    def tearDownClass(cls):
        cls.model.close()

    def test_absent_left_out(self):
        full = self.model.classify(TEXT, WATCH)
        self.assertEqual(len(full.entities), 4)
        res = self.model.classify(TEXT, WATCH, mentioned_only=True)
        self.assertEqual(names(res), [("Dana Whitfield", False, 1), ("Oren Castellano", False, 3)])
        # the same quotes and stances; each target's entity is the kept entity of its name
        self.assertEqual(len(res), len(full))
        n_targets = 0
        for q, fq in zip(res, full):
            self.assertEqual([(t.actor, t.stance.label) for t in q.targets],
                             [(t.actor, t.stance.label) for t in fq.targets])
            for t in q.targets:
                self.assertEqual(res.entities[t.entity].name, t.actor)
                n_targets += 1
        self.assertGreater(n_targets, 0)

    def test_off_by_default_and_discover_others(self):
        self.assertEqual(len(self.model.classify(TEXT, WATCH, mentioned_only=False).entities), 4)
        res = self.model.classify(TEXT, WATCH, discover_others=True, mentioned_only=True)
        given = [n for n in names(res) if not n[1]]
        self.assertEqual(given, [("Dana Whitfield", False, 1), ("Oren Castellano", False, 3)])

    def test_many(self):
        one = names(self.model.classify(TEXT, WATCH, mentioned_only=True))
        many = self.model.classify_many([TEXT, TEXT], WATCH, threads=2, mentioned_only=True)
        self.assertEqual([names(r) for r in many], [one, one])

    def lines(self):
        return [json.dumps(r) + "\n" for r in (
            {"id": "a", "text": TEXT, "actors": WATCH},
            {"id": "b", "text": TEXT, "actors": WATCH, "discover_others": True},
            {"id": "c", "text": TEXT, "actors": WATCH, "mentioned_only": True, "discover_others": None},
            {"id": "d", "text": TEXT, "actors": WATCH, "discover_others": "yes"},
            {"id": "e", "text": TEXT, "actors": WATCH, "discover_others": True, "mentioned_only": True})]

    def test_jsonl_record_options(self):
        out = list(stance.jsonl.classify_records(self.model, self.lines(), bad_records=[]))
        self.assertEqual([r["id"] for r in out], ["a", "b", "c", "d", "e"])
        ent = {r["id"]: [(a["name"], a["discovered"]) for a in r.get("actors", [])] for r in out}
        self.assertEqual(len(ent["a"]), 4)
        self.assertFalse(any(d for _, d in ent["a"]))
        self.assertTrue(any(d for _, d in ent["b"]))  # "discover_others": true honoured
        self.assertEqual(ent["c"], [("Dana Whitfield", False), ("Oren Castellano", False)])
        self.assertEqual(out[3]["error"]["message"], '"discover_others" must be true, false or null')
        self.assertEqual([n for n, d in ent["e"] if not d], ["Dana Whitfield", "Oren Castellano"])
        self.assertTrue(any(d for _, d in ent["e"]))
        # the options given apply where a record says nothing
        out = list(stance.jsonl.classify_records(self.model, self.lines()[:1], mentioned_only=True))
        self.assertEqual(len(out[0]["actors"]), 2)

    @unittest.skipUnless(os.access(common.CLI, os.X_OK), "no stance CLI (set STANCE_CLI)")
    def test_jsonl_equals_cli(self):
        with tempfile.TemporaryDirectory() as d:
            src = os.path.join(d, "in.jsonl")
            with open(src, "w", encoding="utf-8") as f:
                f.writelines(self.lines())
            cli = subprocess.run([common.CLI, "classify", "--jsonl", "-m", common.MODEL, src],
                                 check=False, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.decode("utf-8").splitlines()
        cli = [json.loads(line) for line in cli]
        py = list(stance.jsonl.classify_records(self.model, self.lines(), bad_records=[]))
        self.assertEqual(len(cli), len(py))
        for a, b in zip(cli, py):
            if "error" in a:
                self.assertEqual(a["error"]["message"], b["error"]["message"])
                continue
            self.assertTrue(common.approx_equal(a, b), "CLI %s\nPython %s" % (a, b))


if __name__ == "__main__":
    unittest.main()
