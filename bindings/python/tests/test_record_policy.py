"""Bad records in Python follow the CLI's policy: reported with their line
number, the others go on, positions stay aligned, nothing half written."""
import json
import os
import stat
import subprocess
import tempfile
import unittest
import warnings

import common
import stance
import stance.jsonl


class ClassifyManyErrorsTest(unittest.TestCase):
    def test_unencodable_str_is_returned_in_place(self):
        items = ['"Good," Bob said.', "lone \ud800 surrogate", ("x", [" "]), '"Fine," Ann said.']
        with common.open_model() as m:
            out = m.classify_many(items, threads=2, errors="return")
            self.assertEqual(len(out), 4)
            self.assertIsInstance(out[1], stance.StanceError)
            self.assertEqual(out[1].code, stance.ERR_UTF8)
            self.assertEqual(out[1].index, 1)
            self.assertIsInstance(out[1].__cause__, UnicodeError)
            self.assertEqual(out[0], m.classify(items[0]))
            self.assertEqual(out[3], m.classify(items[3]))
            with self.assertRaises(UnicodeError):
                m.classify_many(items, threads=2)
            bad_item = m.classify_many([7, "ok"], errors="return")
            self.assertEqual(bad_item[0].code, stance.ERR_INVALID)
            self.assertEqual(bad_item[1], m.classify("ok"))


class ClassifyFileTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.d = self.tmp.name
        recs = common.corpus(600, seed=5)
        lines = [json.dumps(r) for r in recs]
        lines[500] = '{"id": "bad", "text": "unterminated'     # line 501
        lines[2] = '{"id": 1.50, "text": "No quotes here."}'   # a number kept as written
        lines[3] = '{"id": 4, "text": "x", "actors": ["  "]}'  # a blank actor name
        lines[4] = '{"id": 5, "text": "x", "actors": [{"name": "Gov", "aliases": "Governor"}]}'
        self.lines = lines
        self.src = os.path.join(self.d, "in.jsonl")
        with open(self.src, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")

    def tearDown(self):
        self.tmp.cleanup()

    def test_record_policy(self):
        dst = os.path.join(self.d, "out.jsonl")
        errs = []
        with common.open_model() as m:
            n = stance.jsonl.classify_file(m, self.src, dst, threads=2, batch=64, bad_records=errs)
        with open(dst, encoding="utf-8") as f:
            out = f.read().splitlines()
        self.assertEqual(n, 600)
        self.assertEqual(len(out), 600)
        self.assertEqual([e[0] for e in errs], [4, 5, 501])
        self.assertEqual(json.loads(out[500])["error"]["line"], 501)
        self.assertIn("malformed JSON", json.loads(out[500])["error"]["message"])
        self.assertTrue(out[2].startswith('{"id":1.50,"quotes":'), out[2])
        self.assertIn("white space", json.loads(out[3])["error"]["message"])
        self.assertIn("aliases", json.loads(out[4])["error"]["message"])
        self.assertEqual(json.loads(out[599])["id"], json.loads(self.lines[599])["id"])
        if os.access(common.CLI, os.X_OK):
            cli = subprocess.run([common.CLI, "classify", "-m", common.MODEL, "--jsonl", self.src],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            self.assertEqual(cli.returncode, 1)
            cli_lines = cli.stdout.decode().splitlines()
            self.assertEqual(len(cli_lines), 600)
            for a, b in zip(cli_lines, out):
                self.assertEqual(a[:20], b[:20])
                ja, jb = json.loads(a), json.loads(b)
                if "error" in ja:  # the JSON parsers word their messages differently
                    self.assertEqual((ja["id"], ja["error"]["line"]), (jb["id"], jb["error"]["line"]))
                else:
                    self.assertTrue(common.approx_equal(ja, jb), "%s\n%s" % (a, b))

    def test_warning_without_errors_list(self):
        dst = os.path.join(self.d, "out.jsonl")
        with common.open_model() as m, warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            n = stance.jsonl.classify_file(m, self.src, dst, on_error="skip")
        self.assertEqual(n, 597)
        self.assertEqual(len(w), 3)
        self.assertIn("in.jsonl: line 501", str(w[2].message))

    def test_stop_leaves_no_partial_file(self):
        dst = os.path.join(self.d, "out.jsonl")
        with open(dst, "w") as f:
            f.write("old\n")
        with common.open_model() as m:
            with self.assertRaises(stance.jsonl.RecordError) as cm:
                stance.jsonl.classify_file(m, self.src, dst, on_error="stop")
        self.assertEqual(cm.exception.line, 4)
        with open(dst) as f:
            self.assertEqual(f.read(), "old\n")
        self.assertEqual(sorted(os.listdir(self.d)), ["in.jsonl", "out.jsonl"])

    def test_refuses_a_fifo(self):
        fifo = os.path.join(self.d, "fifo")
        os.mkfifo(fifo)
        with common.open_model() as m:
            with self.assertRaises(OSError):
                stance.jsonl.classify_file(m, self.src, fifo)
        self.assertTrue(stat.S_ISFIFO(os.lstat(fifo).st_mode))

    def test_bom_and_crlf(self):
        plain = os.path.join(self.d, "plain.jsonl")
        crlf = os.path.join(self.d, "crlf.jsonl")
        good = [l for i, l in enumerate(self.lines[:40]) if i not in (3, 4)]
        with open(plain, "w", encoding="utf-8") as f:
            f.write("\n".join(good) + "\n")
        with open(crlf, "wb") as f:
            f.write(b"\xef\xbb\xbf" + "\r\n".join(good).encode() + b"\r\n")
        with common.open_model() as m:
            a = stance.jsonl.classify_file(m, plain, os.path.join(self.d, "a.out"))
            b = stance.jsonl.classify_file(m, crlf, os.path.join(self.d, "b.out"))
            with open(crlf, "rb") as f:
                recs = list(stance.jsonl.classify_records(m, f))
        self.assertEqual(a, b)
        with open(os.path.join(self.d, "a.out"), "rb") as fa, open(os.path.join(self.d, "b.out"), "rb") as fb:
            self.assertEqual(fa.read(), fb.read())
        self.assertFalse(any("error" in r for r in recs))


if __name__ == "__main__":
    unittest.main()
