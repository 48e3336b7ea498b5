"""stance.render_html and Result._repr_html_: the CLI's renderer (src/html.c) from Python."""
import json
import os
import subprocess
import tempfile
import unittest

import common
import stance
import stance.report

HERE = os.path.dirname(os.path.abspath(__file__))
ARTICLE = os.path.join(HERE, "..", "..", "..", "examples", "article.txt")
HOSTILE = ('"The <script>alert(1)</script> plan is a disgrace and Acme Corp failed us," said Maria Lopez. '
           '"Close the </style> tag \' onclick=alert(2) x=\' now," she added. "We thank \u202eAcme\u202c '
           '<img src=x onerror=alert(3)>," Tom Becker said.')


def first_pieces(page):
    return page.count('<mark class="q s-') - page.count(' cont"')


class ReportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.model = common.open_model()

    @classmethod
    def tearDownClass(cls):
        cls.model.close()

    def test_one_result(self):
        with open(ARTICLE, encoding="utf-8") as f:
            text = f.read()
        r = self.model.classify(text, explain=2)
        self.assertGreater(len(r), 0)
        self.assertEqual(r.text, text)
        page = stance.render_html(r, ids=["example"])
        self.assertTrue(page.startswith("<!DOCTYPE html>"))
        self.assertEqual(first_pieces(page), len(r))
        self.assertEqual(page.count('<li class="card'), len(r))
        self.assertIn('<svg class="graph"', page)
        self.assertIn("<h2>example</h2>", page)

    @unittest.skipUnless(os.access(common.CLI, os.X_OK), "no stance CLI (set STANCE_CLI)")
    def test_same_page_as_cli(self):
        cli = subprocess.run([common.CLI, "classify", "-m", common.MODEL, "--format", "html", "--explain", "2",
                              ARTICLE], check=True, stdout=subprocess.PIPE).stdout.decode("utf-8")
        with open(ARTICLE, encoding="utf-8") as f:
            r = self.model.classify(f.read(), explain=2)
        py = stance.render_html(r, ids=[ARTICLE], title=ARTICLE)
        self.assertEqual(cli, py)

    def test_repr_html_is_a_scoped_fragment(self):
        r1 = self.model.classify(HOSTILE, actors=["Acme Corp"])
        r2 = self.model.classify(HOSTILE, actors=["Acme Corp"])
        f1, f2 = r1._repr_html_(), r2._repr_html_()
        self.assertTrue(f1.startswith("<style>"))
        self.assertNotIn("<html", f1)
        self.assertNotIn("<body", f1)
        self.assertIn('<div class="stance-report">', f1)
        ids1 = {x.split('"')[0] for x in f1.split(' id="')[1:]}
        ids2 = {x.split('"')[0] for x in f2.split(' id="')[1:]}
        self.assertTrue(ids1 and not ids1 & ids2, "two results in one notebook share element ids")
        self.assertIsNone(stance.Result([], [])._repr_html_())

    def test_hostile_text_is_text(self):
        r = self.model.classify(HOSTILE, actors=["<script>x</script>|Acme Corp"])
        self.assertGreaterEqual(len(r), 3)
        page = stance.render_html(r)
        self.assertNotIn("<script", page.lower())
        self.assertNotIn("<img", page)
        self.assertEqual(page.count("</style>"), 1)
        self.assertNotIn("\u202e", page)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", page)
        self.assertEqual(first_pieces(page), len(r))

    def test_bytes_text_and_several_results(self):
        texts = [HOSTILE.encode("utf-8"), '"It is fine," said Maria Lopez.']
        rs = self.model.classify_many(texts)
        page = stance.render_html(rs, ids=["one", "two"])
        self.assertEqual(page.count('<section class="art"'), 2)
        self.assertIn("<nav><h2>Articles</h2>", page)
        self.assertEqual(first_pieces(page), sum(len(r) for r in rs))

    def test_records_need_their_texts(self):
        r = self.model.classify(HOSTILE)
        rec = stance.jsonl.record(r, "x")
        with self.assertRaises(ValueError):
            stance.render_html([rec])
        page = stance.render_html([rec], {"x": HOSTILE})
        self.assertEqual(first_pieces(page), len(r))
        with self.assertRaisesRegex(ValueError, "outside the text"):
            stance.render_html([rec], {"x": HOSTILE[:20]})

    @unittest.skipUnless(os.access(common.CLI, os.X_OK), "no stance CLI (set STANCE_CLI)")
    def test_render_saved_jsonl(self):
        recs = common.corpus(8, seed=5)
        with tempfile.TemporaryDirectory() as d:
            src, out, html = (os.path.join(d, n) for n in ("in.jsonl", "out.jsonl", "r.html"))
            with open(src, "w", encoding="utf-8") as f:
                for r in recs:
                    f.write(json.dumps(r) + "\n")
            with open(out, "wb") as f:
                subprocess.run([common.CLI, "classify", "-m", common.MODEL, "--jsonl", src], check=True, stdout=f)
            page = stance.report.render_jsonl(out, src, html)
            with open(out, encoding="utf-8") as f:
                nq = sum(len(json.loads(line)["quotes"]) for line in f)
            with open(html, encoding="utf-8") as f:
                self.assertEqual(f.read(), page)
        self.assertEqual(page.count('<section class="art"'), len(recs))
        self.assertEqual(first_pieces(page), nq)


if __name__ == "__main__":
    unittest.main()
