"""stance.Model: opening, errors, metadata, lifetime."""
import os
import pickle
import tempfile
import unittest

import common
import stance


class ModelTest(unittest.TestCase):
    def test_model_heads_and_labels(self):
        with common.open_model() as m:
            self.assertIn("stance", m.heads)
            self.assertIn("sentiment", m.heads)
            self.assertEqual(set(m.labels("stance")), {"favor", "against", "none"})
            self.assertEqual(m.labels(m.head_index("sentiment")), m.labels("sentiment"))
            self.assertLess(m.head_index("no such head"), 0)
            self.assertEqual(m.path, common.MODEL)
            self.assertIsNone(m.meta("surely-not-a-key"))
            with self.assertRaises(KeyError):
                m.labels("no such head")

    def test_model_env_default(self):
        old = os.environ.get("STANCE_MODEL")
        os.environ["STANCE_MODEL"] = common.MODEL
        try:
            with stance.Model() as m:
                self.assertEqual(m.path, common.MODEL)
        finally:
            if old is None:
                del os.environ["STANCE_MODEL"]
            else:
                os.environ["STANCE_MODEL"] = old

    def test_model_missing_file_raises_io(self):
        with self.assertRaises(stance.StanceError) as cm:
            stance.Model("/nonexistent/dir/model.stm")
        e = cm.exception
        self.assertIsInstance(e, Exception)
        self.assertEqual(e.code, stance.ERR_IO)
        self.assertEqual(e.name, "IO")
        self.assertTrue(e.message)
        self.assertIn("IO", str(e))

    def test_model_garbage_raises_format(self):
        with tempfile.NamedTemporaryFile(suffix=".stm", delete=False) as f:
            f.write(b"this is not a model file at all" * 10)
        try:
            with self.assertRaises(stance.StanceError) as cm:
                stance.Model(f.name)
            self.assertEqual(cm.exception.code, stance.ERR_FORMAT)
        finally:
            os.unlink(f.name)
        with self.assertRaises(stance.StanceError) as cm:
            stance.Model.from_bytes(b"\0" * 64)
        self.assertEqual(cm.exception.code, stance.ERR_FORMAT)

    def test_model_from_bytes_same_results(self):
        with open(common.MODEL, "rb") as f:
            data = f.read()
        text = common.article(__import__("random").Random(3))
        with stance.Model.from_bytes(data) as a, common.open_model() as b:
            self.assertIsNone(a.path)
            self.assertEqual(a.classify(text), b.classify(text))

    def test_model_close_and_context(self):
        m = common.open_model()
        with m as same:
            self.assertIs(same, m)
            self.assertFalse(m.closed)
        self.assertTrue(m.closed)
        m.close()  # idempotent
        with self.assertRaises(ValueError):
            m.classify("text")
        with self.assertRaises(ValueError):
            m.predict("text")
        self.assertIn("closed", repr(m))

    def test_model_not_picklable(self):
        with common.open_model() as m:
            with self.assertRaises(TypeError):
                pickle.dumps(m)

    def test_model_pathlike(self):
        import pathlib
        with stance.Model(pathlib.Path(common.MODEL)) as m:
            self.assertEqual(m.path, common.MODEL)

    def test_model_bad_path_type(self):
        with self.assertRaises(TypeError):
            stance.Model(42)

    def test_module_info(self):
        self.assertEqual(stance.version(), stance.__version__)
        self.assertTrue(stance.strerror(stance.ERR_UTF8))
        self.assertTrue(stance.default_model_path().endswith(".stm"))
        self.assertEqual(stance.OK, 0)
        self.assertLess(stance.ERR_INTERNAL, 0)

    def test_error_pickles(self):
        e = stance.StanceError(stance.ERR_UTF8, "bad byte", 7)
        e2 = pickle.loads(pickle.dumps(e))
        self.assertEqual((e2.code, e2.message, e2.offset), (stance.ERR_UTF8, "bad byte", 7))


if __name__ == "__main__":
    unittest.main()
