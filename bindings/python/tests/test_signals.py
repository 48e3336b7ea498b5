"""classify_file() ended by a signal halfway through its write: nothing is left
in the output's directory (no temporary file, no half-written output), an
older output stays as it was, and the binding installs no signal handler.

The child reads its input from a FIFO that the test holds open, so it is
stopped mid-write without a race: the test waits until the child's output
file (found through /proc/PID/fd) holds bytes, then sends the signal."""
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import common
import stance
import stance.jsonl

CHILD = r"""
import signal, sys
import stance, stance.jsonl
# a background job (make check -j) may start with SIGINT ignored: Python then leaves
# it ignored, so the child asks for the usual KeyboardInterrupt itself
signal.signal(signal.SIGINT, signal.default_int_handler)
m = stance.Model(sys.argv[1])
stance.jsonl.classify_file(m, sys.argv[2], sys.argv[3], batch=4)
"""


def _open_in(pid, directory):
    """Sizes of the files process pid has open in directory (named or anonymous)."""
    sizes = []
    fds = "/proc/%d/fd" % pid
    try:
        names = os.listdir(fds)
    except OSError:
        return sizes
    for fd in names:
        try:
            target = os.readlink(os.path.join(fds, fd))
            if os.path.dirname(target) == directory:
                sizes.append(os.stat(os.path.join(fds, fd)).st_size)
        except OSError:
            pass
    return sizes


@unittest.skipUnless(os.path.isdir("/proc/self/fd") and hasattr(os, "mkfifo"), "needs /proc and FIFOs")
class SignalMidWriteTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.src_dir = os.path.join(self.tmp.name, "in")
        self.out_dir = os.path.realpath(os.path.join(self.tmp.name, "out"))
        os.mkdir(self.src_dir)
        os.mkdir(self.out_dir)
        self.fifo = os.path.join(self.src_dir, "in.jsonl")
        os.mkfifo(self.fifo)
        self.dst = os.path.join(self.out_dir, "out.jsonl")
        self.lines = "".join(json.dumps(r) + "\n" for r in common.corpus(200, seed=11)).encode()

    def tearDown(self):
        self.tmp.cleanup()

    def _kill_mid_write(self, sig, old=None):
        if old is not None:
            with open(self.dst, "w") as f:
                f.write(old)
        before = sorted(os.listdir(self.out_dir))
        child = subprocess.Popen([sys.executable, "-c", CHILD, common.MODEL, self.fifo, self.dst],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            fin = open(self.fifo, "wb", buffering=0)  # returns once the child opened its input
            fin.write(self.lines)                       # and the FIFO stays open: it waits for more
            deadline = time.monotonic() + 60
            while not any(s > 0 for s in _open_in(child.pid, self.out_dir)):
                if child.poll() is not None:
                    self.fail("the child ended early: %s" % child.stderr.read().decode(errors="replace"))
                self.assertLess(time.monotonic(), deadline, "no output file written in 60 s")
                time.sleep(0.02)
            during = sorted(os.listdir(self.out_dir))
            child.send_signal(sig)
            child.wait(timeout=60)
            fin.close()
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
            child.stderr.close()
        return before, during, child.returncode

    def _check_left(self, old):
        left = sorted(os.listdir(self.out_dir))
        if old is None:
            self.assertEqual(left, [], "left in the output directory")
        else:
            self.assertEqual(left, ["out.jsonl"], "left in the output directory")
            with open(self.dst) as f:
                self.assertEqual(f.read(), old, "the older output was changed")

    def test_sigterm_leaves_nothing(self):
        _, during, rc = self._kill_mid_write(signal.SIGTERM)
        self.assertEqual(rc, -signal.SIGTERM, "died of SIGTERM's default action (no handler installed)")
        self._check_left(None)
        if hasattr(os, "O_TMPFILE"):
            self.assertEqual(during, [], "the file being written has no name until it is complete")

    def test_sigterm_keeps_an_older_output(self):
        _, _, rc = self._kill_mid_write(signal.SIGTERM, old="old\n")
        self.assertEqual(rc, -signal.SIGTERM)
        self._check_left("old\n")

    def test_sigint_leaves_nothing(self):
        _, _, rc = self._kill_mid_write(signal.SIGINT)
        self.assertIn(rc, (1, -signal.SIGINT), "ended by KeyboardInterrupt")
        self._check_left(None)

    def test_sigint_keeps_an_older_output(self):
        _, _, rc = self._kill_mid_write(signal.SIGINT, old="old\n")
        self.assertIn(rc, (1, -signal.SIGINT))
        self._check_left("old\n")


class NoHandlersTest(unittest.TestCase):
    def test_handlers_untouched_and_any_thread(self):
        sigs = [signal.SIGINT, signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
        before = [signal.getsignal(s) for s in sigs]
        with tempfile.TemporaryDirectory() as d:
            src = os.path.join(d, "in.jsonl")
            with open(src, "w", encoding="utf-8") as f:
                f.write("".join(json.dumps(r) + "\n" for r in common.corpus(20, seed=3)))
            got = {}
            with common.open_model() as m:
                main = stance.jsonl.classify_file(m, src, os.path.join(d, "a.jsonl"))
                # a Dask worker runs tasks in threads, where signal.signal() is refused
                t = threading.Thread(target=lambda: got.update(
                    n=stance.jsonl.classify_file(m, src, os.path.join(d, "b.jsonl"))))
                t.start()
                t.join()
            self.assertEqual(got.get("n"), main)
            with open(os.path.join(d, "a.jsonl"), "rb") as fa, open(os.path.join(d, "b.jsonl"), "rb") as fb:
                self.assertEqual(fa.read(), fb.read())
            self.assertEqual(sorted(os.listdir(d)), ["a.jsonl", "b.jsonl", "in.jsonl"])
        self.assertEqual([signal.getsignal(s) for s in sigs], before)


class _Interrupted:
    """A model whose second classify_many() call raises KeyboardInterrupt (the first batch is written)."""

    def __init__(self, model):
        self.model, self.calls = model, 0

    def classify_many(self, *args, **kw):
        self.calls += 1
        if self.calls == 2:
            raise KeyboardInterrupt
        return self.model.classify_many(*args, **kw)


class WritePathsTest(unittest.TestCase):
    """Both ways of writing (an unnamed O_TMPFILE file; a named one where that is missing)."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.d = self.tmp.name
        self.src = os.path.join(self.d, "in.jsonl")
        with open(self.src, "w", encoding="utf-8") as f:
            f.write("".join(json.dumps(r) + "\n" for r in common.corpus(30, seed=4)))
        self.real_open = os.open

    def tearDown(self):
        self.tmp.cleanup()

    def _no_tmpfile(self, path, flags, *a, **kw):
        if flags & getattr(os, "O_TMPFILE", 0) == getattr(os, "O_TMPFILE", -1):
            raise OSError(95, "Operation not supported")  # EOPNOTSUPP, as on a file system without it
        return self.real_open(path, flags, *a, **kw)

    def _each_path(self, check):
        for named in (False, True):
            with self.subTest(named=named):
                if named:
                    stance.jsonl.os.open = self._no_tmpfile
                try:
                    check()
                finally:
                    stance.jsonl.os.open = self.real_open
                for f in os.listdir(self.d):
                    if f != "in.jsonl":
                        os.unlink(os.path.join(self.d, f))

    def test_interrupted_leaves_nothing(self):
        dst = os.path.join(self.d, "out.jsonl")

        def check():
            with common.open_model() as m:
                for old in (None, "old\n"):
                    if old is not None:
                        with open(dst, "w") as f:
                            f.write(old)
                    with self.assertRaises(KeyboardInterrupt):
                        stance.jsonl.classify_file(_Interrupted(m), self.src, dst, batch=4)
                    self.assertEqual(sorted(os.listdir(self.d)), ["in.jsonl"] + (["out.jsonl"] if old else []))
                    if old is not None:
                        with open(dst) as f:
                            self.assertEqual(f.read(), old)
        self._each_path(check)

    def test_modes_and_output(self):
        dst = os.path.join(self.d, "out.jsonl")
        with common.open_model() as m:
            stance.jsonl.classify_file(m, self.src, dst)
            with open(dst, "rb") as f:
                want = f.read()
        os.unlink(dst)

        def check():
            with common.open_model() as m:
                old = os.umask(0o027)
                try:
                    stance.jsonl.classify_file(m, self.src, dst)
                finally:
                    os.umask(old)
                self.assertEqual(os.stat(dst).st_mode & 0o777, 0o640, "a new file: 0666 less the umask")
                os.chmod(dst, 0o604)
                stance.jsonl.classify_file(m, self.src, dst)
                self.assertEqual(os.stat(dst).st_mode & 0o777, 0o604, "an existing file keeps its mode")
                with open(dst, "rb") as f:
                    self.assertEqual(f.read(), want)
                self.assertEqual(sorted(os.listdir(self.d)), ["in.jsonl", "out.jsonl"])
        self._each_path(check)


if __name__ == "__main__":
    unittest.main()
