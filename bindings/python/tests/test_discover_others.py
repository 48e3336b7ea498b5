"""discover_others=True (STANCE_OPT_DISCOVER_OTHERS): the given actors under their own names and
sides, and the article's other actors discovered beside them. Texts written for these tests."""
import unittest

import common
import stance

TEXT = (
    "Mayor Dana Whitfield defended the budget on Tuesday. \"This plan keeps every library open,\" "
    "Whitfield said.\n\nCouncil member Oren Castellano disagreed. \"The mayor is hiding the real costs,\" "
    "Castellano said. \"Whitfield has not been honest with voters.\"\n\n"
    "Lena Whitfield, the mayor's sister, said she was proud of her. \"Dana works harder than anyone,\" "
    "Lena Whitfield said.\n"
)
WATCH = [{"name": "Dana Whitfield", "aliases": ["Mayor Whitfield"], "side": "Blue"}]


def names(res):
    return [(e.name, e.discovered, e.input_index) for e in res.entities]


class DiscoverOthersTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.model = stance.Model(common.MODEL)

    @classmethod
    def tearDownClass(cls):
        cls.model.close()

    def test_given_and_others(self):
        res = self.model.classify(TEXT, WATCH, discover_others=True)
        got = names(res)
        self.assertEqual(got[0], ("Dana Whitfield", False, 0))
        self.assertIn(("Oren Castellano", True, None), got)
        self.assertIn(("Lena Whitfield", True, None), got)
        # the given actor is not listed again under a discovered name
        self.assertEqual([n for n, _, _ in got].count("Dana Whitfield"), 1)
        self.assertNotIn("Whitfield", [n for n, _, _ in got])

    def test_off_by_default(self):
        self.assertEqual(names(self.model.classify(TEXT, WATCH)), [("Dana Whitfield", False, 0)])
        self.assertEqual(names(self.model.classify(TEXT, WATCH, discover_others=False)),
                         [("Dana Whitfield", False, 0)])

    def test_without_actors_is_discovery(self):
        self.assertEqual(names(self.model.classify(TEXT, discover_others=True)), names(self.model.classify(TEXT)))

    def test_many(self):
        one = names(self.model.classify(TEXT, WATCH, discover_others=True))
        many = self.model.classify_many([TEXT, TEXT], WATCH, threads=2, discover_others=True)
        self.assertEqual([names(r) for r in many], [one, one])


if __name__ == "__main__":
    unittest.main()
