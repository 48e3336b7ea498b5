"""classify_many and concurrent use of one Model from several threads."""
import threading
import unittest
from concurrent.futures import ThreadPoolExecutor

import common
import stance


class ThreadsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.m = common.open_model()
        cls.recs = common.corpus(120, seed=5)
        cls.single = [cls.m.classify(r["text"], actors=r.get("actors")) for r in cls.recs]

    @classmethod
    def tearDownClass(cls):
        cls.m.close()

    def test_many_equals_single_any_threads(self):
        for n in (1, 2, 4, 7):
            got = self.m.classify_many(self.recs, threads=n)
            self.assertEqual(len(got), len(self.single))
            self.assertEqual(got, self.single, "threads=%d" % n)
            self.assertEqual([g.entities for g in got], [s.entities for s in self.single])
        self.assertEqual(self.m.classify_many(self.recs), self.single)  # threads=None: CPU count

    def test_many_item_forms(self):
        texts = [r["text"] for r in self.recs[:10]]
        plain = self.m.classify_many(texts, threads=2)
        self.assertEqual(plain, [self.m.classify(t) for t in texts])
        tuples = self.m.classify_many([(t, ["Acme Corp"]) for t in texts], threads=2)
        shared = self.m.classify_many(texts, actors=["Acme Corp"], threads=2)
        self.assertEqual(tuples, shared)
        self.assertEqual(self.m.classify_many(iter(texts), threads=3), plain)  # any iterable
        self.assertEqual(self.m.classify_many([], threads=4), [])
        with self.assertRaises(ValueError):
            self.m.classify_many(texts, threads=0)
        with self.assertRaises(TypeError):
            self.m.classify_many([1, 2])
        with self.assertRaises(ValueError):
            self.m.classify_many([{"id": 1}])

    def test_many_shared_actors_compiled_once(self):
        # A batch-wide actor list is compiled once (stance_actorset): same answers as per call,
        # with aliases and in caseless mode; items with their own actors keep them.
        texts = [r["text"] for r in self.recs[:12]]
        actors = [{"name": "Acme Corp", "aliases": ["Acme"]}, "Jane Doe"]
        for caseless in (False, True):
            got = self.m.classify_many(texts, actors=actors, caseless=caseless, all_actors=True, threads=3)
            self.assertEqual(got, [self.m.classify(t, actors=actors, caseless=caseless, all_actors=True)
                                   for t in texts])
        mixed = self.m.classify_many([texts[0], (texts[1], ["Bob"])], actors=actors, threads=2)
        self.assertEqual(mixed[1], self.m.classify(texts[1], actors=["Bob"]))

    def test_many_errors(self):
        items = ['"Good," Bob said.', b"bad \xff", '"Fine," Ann said.']
        with self.assertRaises(stance.StanceError) as cm:
            self.m.classify_many(items, threads=2)
        self.assertEqual(cm.exception.code, stance.ERR_UTF8)
        self.assertEqual(cm.exception.index, 1)
        out = self.m.classify_many(items, threads=2, errors="return")
        self.assertIsInstance(out[1], stance.StanceError)
        self.assertEqual(out[1].index, 1)
        self.assertEqual(out[0], self.m.classify(items[0]))
        self.assertEqual(out[2], self.m.classify(items[2]))
        with self.assertRaises(ValueError):
            self.m.classify_many(items, errors="ignore")

    def test_python_threads_share_model(self):
        def work(i):
            r = self.recs[i]
            return self.m.classify(r["text"], actors=r.get("actors"))

        with ThreadPoolExecutor(max_workers=4) as ex:
            got = list(ex.map(work, range(len(self.recs))))
        self.assertEqual(got, self.single)

    def test_gil_released_during_batch(self):
        # While one thread runs a long batch, another keeps executing Python:
        # impossible if the extension held the GIL through the library calls.
        big = [r["text"] for r in self.recs] * 10
        done = threading.Event()

        def run():
            self.m.classify_many(big, threads=1)
            done.set()

        t = threading.Thread(target=run)
        spins = 0
        t.start()
        while not done.is_set():
            spins += 1
        t.join()
        self.assertGreater(spins, 100)

    def test_close_while_running(self):
        m = common.open_model()
        big = [r["text"] for r in self.recs] * 20
        out = {}

        def run():
            out["res"] = m.classify_many(big, threads=2)

        t = threading.Thread(target=run)
        t.start()
        m.close()  # must not free the model under the running batch
        t.join()
        self.assertTrue(m.closed)
        if "res" in out:
            self.assertEqual(len(out["res"]), len(big))
        with self.assertRaises(ValueError):
            m.classify("x")


if __name__ == "__main__":
    unittest.main()
