"""Shared by the binding tests: the test model, the CLI, and a corpus of invented articles."""
import os
import random
import sys
import unittest

import stance

HERE = os.path.dirname(os.path.abspath(__file__))


def _find_model():
    env = os.environ.get("STANCE_TEST_MODEL")
    if env:
        return env
    for cand in (os.path.join(HERE, "..", "..", "..", "tests", "tiny.stm"), os.path.join("tests", "tiny.stm")):
        if os.path.isfile(cand):
            return os.path.abspath(cand)
    raise unittest.SkipTest("no test model: set STANCE_TEST_MODEL or run make tests/tiny.stm")


MODEL = _find_model()
CLI = os.environ.get("STANCE_CLI") or os.path.join(HERE, "..", "..", "..", "stance")

SPEAKERS = ["Maria Lopez", "Tom Becker", "Anna Kowalski", "José Núñez", "Priya Raman", "Olaf Berg"]
ACTORS = ["Acme Corp", "the city council", "Mayor Grant", "Northwind", "Zoë Laurent"]
CLAIMS = [
    "{a} has done great work for the people of this town",
    "{a} is a disgrace and should resign",
    "We will never support {a} on this plan",
    "I thank {a} for the help, it was excellent",
    "The deal with {a} is a failure and a scandal",
    "Nobody knows what {a} wants",
    "{a} deserves credit for the new bridge",
    "This is a sad day, and {a} is to blame",
]
VERBS = ["said", "told reporters", "added", "warned"]
FILLER = [
    "The meeting lasted three hours.",
    "Officials did not comment on the report.",
    "Prices rose again in the spring — the third time this year.",
    "Residents gathered outside the hall on Tuesday.",
]


def article(rng):
    """One invented article: a few quotes with speakers, actors and filler."""
    parts = []
    for _ in range(rng.randint(1, 4)):
        spk, act = rng.choice(SPEAKERS), rng.choice(ACTORS)
        claim = rng.choice(CLAIMS).format(a=act)
        if rng.random() < 0.5:
            parts.append('"%s," %s %s.' % (claim, spk, rng.choice(VERBS)))
        else:
            parts.append('%s said: \u201c%s.\u201d' % (spk, claim))
        if rng.random() < 0.6:
            parts.append(rng.choice(FILLER))
    return " ".join(parts)


def corpus(n, seed=7):
    """n records {"id", "text", "actors"} (some without actors)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        rec = {"id": "doc-%d" % i, "text": article(rng)}
        if i % 3:
            rec["actors"] = rng.sample(ACTORS, 2)
        out.append(rec)
    return out


def open_model():
    return stance.Model(MODEL)


def approx_equal(a, b, tol=1e-5):
    """Deep equality of JSON-like data with a relative tolerance on floats."""
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and abs(a - b) <= tol * max(1.0, abs(a), abs(b))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(approx_equal(a[k], b[k], tol) for k in a)
    if isinstance(a, (list, tuple)):
        return isinstance(b, (list, tuple)) and len(a) == len(b) and all(approx_equal(x, y, tol) for x, y in zip(a, b))
    return a == b


if sys.version_info < (3, 8):
    raise unittest.SkipTest("Python 3.8+ required")
