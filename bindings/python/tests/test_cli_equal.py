"""The bindings give the same records as `stance classify --jsonl` on the same input."""
import json
import os
import subprocess
import tempfile
import unittest

import common
import stance
import stance.jsonl


@unittest.skipUnless(os.access(common.CLI, os.X_OK), "no stance CLI (set STANCE_CLI)")
class CliEqualTest(unittest.TestCase):
    def run_cli(self, path, *args):
        out = subprocess.run([common.CLI, "classify", "-m", common.MODEL, *args, path],
                             check=True, stdout=subprocess.PIPE)
        return [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]

    def test_jsonl_equals_cli(self):
        recs = common.corpus(60, seed=21)
        with tempfile.TemporaryDirectory() as d:
            src = os.path.join(d, "in.jsonl")
            with open(src, "w", encoding="utf-8") as f:
                for r in recs:
                    f.write(json.dumps(r) + "\n")
            cli = self.run_cli(src, "--jsonl")
            with common.open_model() as m:
                with open(src, encoding="utf-8") as f:
                    py = list(stance.jsonl.classify_records(m, f, threads=2))
                dst = os.path.join(d, "out.jsonl")
                n = stance.jsonl.classify_file(m, src, dst, threads=2, batch=7)
                with open(dst, encoding="utf-8") as f:
                    from_file = [json.loads(line) for line in f]
        self.assertEqual(n, len(recs))
        self.assertEqual(len(cli), len(recs))
        self.assertEqual([r["id"] for r in cli], [r["id"] for r in recs])
        for a, b in zip(cli, py):
            self.assertTrue(common.approx_equal(a, b), "CLI %s\nPython %s" % (a, b))
        self.assertEqual(py, from_file)

    def test_explain_equals_cli(self):
        text = '"Acme Corp is a disgrace and a failure," Bob said. "We thank Acme Corp," Zoë Laurent added.'
        with tempfile.TemporaryDirectory() as d:
            src = os.path.join(d, "a.txt")
            with open(src, "w", encoding="utf-8") as f:
                f.write(text)
            cli = self.run_cli(src, "--explain", "2", "--actor", "Acme Corp")[0]
        with common.open_model() as m:
            py = stance.jsonl.record(m.classify(text, actors=["Acme Corp"], explain=2), src)
        self.assertTrue(common.approx_equal(cli, py), "CLI %s\nPython %s" % (cli, py))


if __name__ == "__main__":
    unittest.main()
