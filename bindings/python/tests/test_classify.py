"""Model.classify and Model.predict: structure, offsets, actors, errors."""
import math
import pickle
import random
import unittest

import common
import stance


def check_decision(tc, d, labels=None):
    tc.assertIsInstance(d, stance.Decision)
    tc.assertAlmostEqual(sum(d.probs.values()), 1.0, places=9)
    for p in d.probs.values():
        tc.assertTrue(0.0 <= p <= 1.0)
    tc.assertEqual(d.confidence, d.probs[d.label])
    tc.assertEqual(d.label, max(d.probs, key=d.probs.get))
    tc.assertTrue(all(math.isfinite(v) for v in d.values))
    if labels is not None:
        tc.assertEqual(tuple(d.probs), tuple(labels))


class ClassifyTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.m = common.open_model()

    @classmethod
    def tearDownClass(cls):
        cls.m.close()

    def test_classify_said_gives_speaker(self):
        text = '"We will open the new library in May," Bob said. The rain kept falling.'
        res = self.m.classify(text)
        self.assertIsInstance(res, stance.Result)
        self.assertIsInstance(res, list)
        self.assertEqual(len(res), 1)
        q = res[0]
        self.assertEqual(q.text, "We will open the new library in May,")
        self.assertEqual(q.type, "direct")
        self.assertEqual(q.speaker, "Bob")
        self.assertEqual(text[slice(*q.speaker_span)], "Bob")
        self.assertEqual(q.cue, "said")
        self.assertEqual(text[slice(*q.cue_span)], "said")
        rec = stance.jsonl.record(res)["quotes"][0]  # the CLI's JSON: byte offsets
        self.assertEqual(text.encode()[slice(*rec["cue_span"])], b"said")
        self.assertEqual((q.start, q.end), q.span)
        self.assertEqual(q.rule, "after")
        self.assertEqual(q.to_dict()["rule"], "after")

    def test_quote_rule_names_the_sieve(self):
        text = ('Tom Brandt said: "The money is there." "Nobody doubts it."\n\n'
                'The council met. "We will see," it added.\n\nA "plain" word.')
        res = self.m.classify(text)
        rules = {q.text: q.rule for q in res}
        self.assertEqual(rules["The money is there."], "before")
        self.assertEqual(rules["Nobody doubts it."], "inherit-prev")
        for q in res:
            self.assertIsInstance(q.rule, str)
            self.assertEqual(q.rule == "none", q.speaker is None and q.speaker_span is None)

    def test_classify_structure_on_corpus(self):
        s_labels, t_labels = self.m.labels("sentiment"), self.m.labels("stance")
        for rec in common.corpus(40, seed=11):
            text = rec["text"]
            res = self.m.classify(text, actors=rec.get("actors"))
            raw = text.encode("utf-8")
            for q in res:
                self.assertEqual(text[q.start:q.end], q.text)
                self.assertEqual(raw[q.byte_span[0]:q.byte_span[1]].decode("utf-8"), q.text)
                self.assertIn(q.type, ("direct", "partial", "indirect"))
                if q.speaker_span is not None:
                    bs = q.speaker_byte_span
                    self.assertEqual(text[slice(*q.speaker_span)], raw[bs[0]:bs[1]].decode("utf-8"))
                if q.sentiment is not None:
                    check_decision(self, q.sentiment, s_labels)
                for t in q.targets:
                    self.assertIn(t.where, ("quote", "attribution", "none"))
                    self.assertEqual(res.entities[t.entity].name, t.actor)
                    self.assertIs(q.stances[t.actor], t.stance)
                    check_decision(self, t.stance, t_labels)
                    self.assertEqual(t.label, t.stance.label)
                    for (cs, ce), (bs, be) in zip(t.mentions, t.byte_mentions):
                        self.assertEqual(text[cs:ce], raw[bs:be].decode("utf-8"))
            for e in res.entities:
                for (cs, ce), (bs, be) in zip(e.mentions, e.byte_mentions):
                    self.assertEqual(text[cs:ce], raw[bs:be].decode("utf-8"))

    def test_classify_char_offsets_non_ascii(self):
        text = "Zoë and José met in Kraków. \u201cThe café deal is a disgrace,\u201d Olaf Berg said."
        res = self.m.classify(text)
        self.assertGreaterEqual(len(res), 1)
        q = res[0]
        self.assertEqual(q.text, text[q.start:q.end])
        self.assertLess(q.start, q.byte_span[0])  # multi-byte characters before the quote
        self.assertEqual(text.encode()[q.byte_span[0]:q.byte_span[1]].decode(), q.text)

    def test_classify_long_non_ascii_text(self):
        # offsets past the 4 KiB checkpoints of the byte->char map
        filler = "Ünïcödé fïllér sëntence nümber %d. "
        text = "".join(filler % i for i in range(400)) + '"We love the new park," Bob said.'
        res = self.m.classify(text)
        self.assertTrue(res)
        q = res[-1]
        self.assertEqual(q.text, "We love the new park,")
        self.assertEqual(text[slice(*q.span)], q.text)

    def test_classify_bytes_input(self):
        text = 'Zoë said: \u201cWe won.\u201d'
        a = self.m.classify(text)
        b = self.m.classify(text.encode("utf-8"))
        self.assertEqual(len(a), len(b))
        for qa, qb in zip(a, b):
            self.assertEqual(qa.text, qb.text)
            self.assertEqual(qa.byte_span, qb.byte_span)
            self.assertEqual(qb.span, qb.byte_span)  # bytes input: offsets are bytes

    def test_classify_actor_forms_equal(self):
        text = '"Acme Corp is a disgrace," Bob said. "I thank Acme for nothing," Anna Kowalski added.'
        forms = [
            ["Acme Corp"],
            "Acme Corp",
            [("Acme Corp", [])],
            [{"name": "Acme Corp"}],
            [{"name": "Acme Corp", "aliases": None}],
            {"Acme Corp": []},
        ]
        results = [self.m.classify(text, actors=f) for f in forms]
        for r in results[1:]:
            self.assertEqual(r, results[0])
        self.assertEqual(results[0].entities[0].name, "Acme Corp")
        self.assertFalse(results[0].entities[0].discovered)
        self.assertEqual(results[0].entities[0].input_index, 0)
        with_alias = [
            self.m.classify(text, actors=[("Acme Corp", ["Acme"])]),
            self.m.classify(text, actors=[("Acme Corp", "Acme")]),
            self.m.classify(text, actors=[{"name": "Acme Corp", "aliases": ["Acme"]}]),
            self.m.classify(text, actors={"Acme Corp": ["Acme"]}),
        ]
        for r in with_alias[1:]:
            self.assertEqual(r, with_alias[0])

    def test_classify_bad_arguments(self):
        with self.assertRaises(TypeError):
            self.m.classify(42)
        with self.assertRaises(TypeError):
            self.m.classify("text", actors=[42])
        with self.assertRaises(TypeError):
            self.m.classify("text", actors=[("Name", [1])])
        with self.assertRaises(ValueError):
            self.m.classify("text", actors=["Na\0me"])
        with self.assertRaises(ValueError):
            self.m.classify("text", actors=[{"aliases": ["x"]}])
        with self.assertRaises(ValueError):
            self.m.classify("text", explain=-1)
        with self.assertRaises(ValueError):
            self.m.predict("text", explain=10**6)

    def test_classify_invalid_utf8(self):
        with self.assertRaises(stance.StanceError) as cm:
            self.m.classify(b'"Fine words," Bob said. \xff\xfe')
        self.assertEqual(cm.exception.code, stance.ERR_UTF8)
        self.assertEqual(cm.exception.offset, 24)

    def test_classify_limit(self):
        with self.assertRaises(stance.StanceError) as cm:
            self.m.classify("x" * 100, max_text_len=10)
        self.assertEqual(cm.exception.code, stance.ERR_LIMIT)

    def test_classify_empty_and_no_quotes(self):
        self.assertEqual(self.m.classify(""), [])
        self.assertEqual(list(self.m.classify("No quotes here at all.")), [])

    def test_classify_explain(self):
        text = '"Acme Corp is a disgrace," Bob said.'
        res = self.m.classify(text, actors=["Acme Corp"], explain=3)
        for q in res:
            for d in [q.sentiment] + [t.stance for t in q.targets]:
                if d is None:
                    continue
                self.assertLessEqual(len(d.explain), 3)
                for feat, contrib in d.explain:
                    self.assertIsInstance(feat, str)
                    self.assertIsInstance(contrib, float)

    def test_classify_pool_flag(self):
        # one speaker's two quotes on one actor are pooled with pool=True (STANCE_OPT_POOL)
        text = ('"Acme Corp failed this city and it is a disgrace," Bob Hale said.\n\n'
                '"We praised Acme Corp and we are proud of the work," Hale said.\n')
        on = self.m.classify(text, actors=["Acme Corp"], pool=True)
        off = self.m.classify(text, actors=["Acme Corp"])
        self.assertEqual(len(on), 2)
        p_on = [q.targets[0].stance.probs for q in on]
        p_off = [q.targets[0].stance.probs for q in off]
        gap = lambda ps: sum(abs(ps[0][k] - ps[1][k]) for k in ps[0])
        self.assertLess(gap(p_on), gap(p_off))
        self.assertEqual([dict(p) for p in p_off],
                         [dict(q.targets[0].stance.probs) for q in self.m.classify_many([text], actors=["Acme Corp"],
                                                                                         threads=1)[0]])

    def test_result_values_pickle_and_dict(self):
        text = '"Acme Corp is a disgrace," Bob said.'
        res = self.m.classify(text, actors=["Acme Corp"])
        again = pickle.loads(pickle.dumps(res))
        self.assertEqual(again, res)
        self.assertEqual(again.entities, res.entities)
        d = res.to_dict()
        self.assertEqual(d["quotes"][0]["text"], res[0].text)
        self.assertIsInstance(d["quotes"][0]["sentiment"], dict)
        self.assertIn("Quote(", repr(res))
        with self.assertRaises(AttributeError):
            res[0].text = "changed"
        with self.assertRaises(TypeError):
            hash(res[0])

    def test_result_values_outside_cyclic_gc(self):
        import gc
        res = self.m.classify('"Acme Corp is a disgrace," Bob said.', actors=["Acme Corp"])
        self.assertTrue(res)
        for q in res:  # immutable and made of untracked parts: the GC never walks them
            self.assertFalse(gc.is_tracked(q))
            self.assertFalse(gc.is_tracked(q.sentiment))
            for t in q.targets:
                self.assertFalse(gc.is_tracked(t))
        self.assertEqual(res[0].to_dict()["targets"][0]["actor"], "Acme Corp")

    def test_predict(self):
        d = self.m.predict("Acme Corp did great work and deserves credit", target="Acme Corp")
        check_decision(self, d, self.m.labels("stance"))
        s = self.m.predict("What a wonderful, excellent day", head="sentiment")
        check_decision(self, s, self.m.labels("sentiment"))
        self.assertEqual(self.m.predict("a b c", head=self.m.head_index("sentiment")).probs.keys(),
                         s.probs.keys())
        self.assertIsNotNone(self.m.predict("Acme is bad", target="Acme", context="Bob said so."))
        with self.assertRaises(KeyError):
            self.m.predict("text", head="nope")
        with self.assertRaises(IndexError):
            self.m.predict("text", head=99)
        with self.assertRaises(stance.StanceError) as cm:
            self.m.predict(b"bad \xc3")
        self.assertEqual(cm.exception.code, stance.ERR_UTF8)

    def test_predict_deterministic(self):
        a = self.m.predict("We oppose the plan", target="the plan")
        b = self.m.predict("We oppose the plan", target="the plan")
        self.assertEqual(a, b)


if __name__ == "__main__":
    unittest.main()
