"""stance.dask on a LocalCluster (127.0.0.1, 2 workers): same output as one process."""
import json
import os
import tempfile
import unittest

import common
import stance
import stance.jsonl

try:
    import dask.bag
    from distributed import Client, LocalCluster
except ImportError:  # pragma: no cover - the runner skips before this
    raise unittest.SkipTest("dask.distributed is not installed (apt-get install python3-distributed)")

import stance.dask


class DaskTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp", host="127.0.0.1",
                                   dashboard_address=None, silence_logs=40)
        cls.client = Client(cls.cluster)

    @classmethod
    def tearDownClass(cls):
        cls.client.close()
        cls.cluster.close()
        cls.tmp.cleanup()

    def write_shards(self, recs, k):
        paths = []
        for s in range(k):
            p = os.path.join(self.tmp.name, "in", "part-%03d.jsonl" % s)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "w", encoding="utf-8") as f:
                for r in recs[s::k]:
                    f.write(json.dumps(r) + "\n")
            paths.append(p)
        return paths

    def test_dask_shards_equal_single_process(self):
        recs = common.corpus(90, seed=33)
        shards = self.write_shards(recs, 6)
        out_dir = os.path.join(self.tmp.name, "out")
        summary = stance.dask.classify_shards(self.client, shards, out_dir, model_path=common.MODEL)
        self.assertEqual([s["input"] for s in summary], shards)
        self.assertEqual(sum(s["records"] for s in summary), len(recs))
        with common.open_model() as m:
            for s in summary:
                single = os.path.join(self.tmp.name, "single-" + os.path.basename(s["input"]))
                stance.jsonl.classify_file(m, s["input"], single)
                with open(s["output"], "rb") as a, open(single, "rb") as b:
                    self.assertEqual(a.read(), b.read(), s["input"])
        # every worker opened the model once and kept it
        opened = self.client.run(lambda dask_worker: len(getattr(dask_worker, "_stance_models", {})))
        self.assertEqual(len(opened), 2)
        self.assertTrue(all(v <= 1 for v in opened.values()))
        self.assertGreaterEqual(sum(opened.values()), 1)

    def test_dask_bag_equals_single_process(self):
        recs = common.corpus(40, seed=34)
        bag = dask.bag.from_sequence(recs, npartitions=4)
        got = stance.dask.classify_bag(bag, model_path=common.MODEL).compute()
        with common.open_model() as m:
            want = [stance.jsonl.record(m.classify(r["text"], actors=r.get("actors")), r["id"]) for r in recs]
        self.assertEqual(got, want)

    def test_dask_sides_survive(self):
        # actors with sides pass through shards and bags unchanged: the stances carry "relation"
        from test_sides import DICTS, TEXT
        recs = [{"id": "s%d" % i, "text": TEXT, "actors": DICTS if i % 2 else [dict(DICTS[0], side=""), DICTS[1]]}
                for i in range(6)]
        shards = self.write_shards(recs, 2)
        out_dir = os.path.join(self.tmp.name, "out-sides")
        summary = stance.dask.classify_shards(self.client, shards, out_dir, model_path=common.MODEL)
        got = stance.dask.classify_bag(dask.bag.from_sequence(recs, npartitions=2), model_path=common.MODEL).compute()
        with common.open_model() as m:
            for s in summary:
                single = os.path.join(self.tmp.name, "single-sides-" + os.path.basename(s["input"]))
                stance.jsonl.classify_file(m, s["input"], single)
                with open(s["output"], "rb") as a, open(single, "rb") as b:
                    body = a.read()
                    self.assertEqual(body, b.read(), s["input"])
                self.assertIn(b'"relation":"speaks-for"', body)
            with open(shards[0], encoding="utf-8") as f:
                want = list(stance.jsonl.classify_records(m, f))
        self.assertEqual([r for r in got if r["id"] in {w["id"] for w in want}], want)
        self.assertIn("opposite-side", [st.get("relation") for r in got for q in r["quotes"] for st in q["stances"]])


if __name__ == "__main__":
    unittest.main()
