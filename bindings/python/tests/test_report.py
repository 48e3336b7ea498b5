"""stance.render_html and Result._repr_html_: the CLI's renderer (src/html.c) from Python."""
import json
import os
import subprocess
import tempfile
import unittest

import common
import stance
import stance.jsonl
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

    def test_sides_show_the_relation(self):
        with open(ARTICLE, encoding="utf-8") as f:
            text = f.read()
        sides = [("Tom Park", [], "B"), ("Elena Diaz", [], "A"), "Priya Shah"]
        r = self.model.classify(text, actors=sides)
        rels = [t.relation for q in r for t in q.targets if t.relation]
        self.assertIn("opposite-side", rels)
        page = stance.render_html(r)
        self.assertEqual(page.count('<span class="rel">'), len(rels))
        self.assertRegex(page, r'<b class="l-[a-z]+">[a-z]+ [0-9.]+</b> &middot; <span class="rel">opposite side</span>')
        self.assertRegex(page, r'<title>quote [0-9]+: Elena Diaz \u2192 Tom Park: [a-z]+ [0-9.]+ \(opposite side\)</title>')
        plain = stance.render_html(self.model.classify(text, actors=[a if isinstance(a, str) else a[0] for a in sides]))
        self.assertNotIn('class="rel"', plain)
        # a record's relation is text, whatever it holds; one that is not a string is refused
        rec = stance.jsonl.record(r)
        st = next(s for q in rec["quotes"] for s in q["stances"] if s.get("relation"))
        st["relation"] = "<b>ally</b>"
        page = stance.render_html(rec, text)
        self.assertIn('<span class="rel">&lt;b&gt;ally&lt;/b&gt;</span>', page)
        self.assertNotIn("<b>ally", page)
        st["relation"] = 3
        with self.assertRaisesRegex(ValueError, "relation"):
            stance.render_html(rec, text)

    @unittest.skipUnless(os.access(common.CLI, os.X_OK), "no stance CLI (set STANCE_CLI)")
    def test_same_page_as_cli_with_sides(self):
        cli = subprocess.run([common.CLI, "classify", "-m", common.MODEL, "--format", "html", "-a", "Tom Park",
                              "-a", "Elena Diaz", "-a", "Priya Shah", "--side", "Tom Park=B", "--side", "Elena Diaz=A",
                              ARTICLE], check=True, stdout=subprocess.PIPE).stdout.decode("utf-8")
        with open(ARTICLE, encoding="utf-8") as f:
            r = self.model.classify(f.read(), actors=[("Tom Park", [], "B"), ("Elena Diaz", [], "A"), "Priya Shah"])
        self.assertIn('<span class="rel">', cli)
        self.assertEqual(cli, stance.render_html(r, ids=[ARTICLE], title=ARTICLE))

    @unittest.skipUnless(os.access(common.CLI, os.X_OK), "no stance CLI (set STANCE_CLI)")
    def test_same_page_as_cli_all_options(self):
        with open(ARTICLE, encoding="utf-8") as f:
            text = f.read()
        for flags, kw in ((["-e", "3", "--all-actors", "--pool"], dict(explain=3, all_actors=True, pool=True)),
                          (["--indirect", "-e", "1"], dict(indirect=True, explain=1))):
            cli = subprocess.run([common.CLI, "classify", "-m", common.MODEL, "--format", "html"] + flags + [ARTICLE],
                                 check=True, stdout=subprocess.PIPE).stdout.decode("utf-8")
            self.assertEqual(cli, stance.render_html(self.model.classify(text, **kw), ids=[ARTICLE], title=ARTICLE),
                             " ".join(flags))

    def test_numbers_keep_full_precision(self):
        """The record the page is built from carries every double exactly (the CLI's page uses %.17g:
        with 6 digits a bar moved from 63.1% to 63.0%), and the renderer reads it exactly."""
        with open(ARTICLE, encoding="utf-8") as f:
            r = self.model.classify(f.read(), explain=3, all_actors=True)
        seen = []
        real = stance.report._stance._render_html
        stance.report._stance._render_html = lambda items, **kw: seen.extend(items) or real(items, **kw)
        try:
            stance.render_html(r)
        finally:
            stance.report._stance._render_html = real
        rec = json.loads(seen[0][2])
        decisions = [(q.sentiment, qr["sentiment"]) for q, qr in zip(r, rec["quotes"])]
        decisions += [(t.stance, tr) for q, qr in zip(r, rec["quotes"])
                      for t, tr in zip([t for t in q.targets if t.stance is not None], qr["stances"])]
        n = 0
        for d, dr in decisions:
            if d is None:
                continue
            self.assertEqual(dr["confidence"], d.confidence)  # exact: == on doubles
            self.assertEqual(dr["probs"], dict(d.probs))
            self.assertEqual([(e["feature"], e["contribution"]) for e in dr["explain"]], list(d.explain))
            n += 1
        self.assertGreater(n, 3)
        # a probability whose 6-digit form (0.6305) is drawn one bar-width step lower
        q = json.loads(seen[0][2])
        st = next(s for qq in q["quotes"] for s in qq["stances"])
        st["probs"] = {"favor": 0.15700001, "against": 0.63050001, "none": 0.21249998}
        page = stance.render_html([q], [r.text])
        self.assertIn('class="b-against" style="width:63.1%"', page)

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
