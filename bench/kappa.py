"""Cohen's kappa, shared by the two agreement scripts (bench/e2e/agreement.py: two labellers of the
PolNeAR pairs; bench/usertest/agreement.py: two labellers of a user trial).

It lives in bench/, not beside either script: each script's directory holds a score.py that the
script imports as `score`, so neither can import the other's directory. Only the standard library.
"""
import collections


def kappa(rows, labels):
    """Cohen's kappa of (a, b) label rows over the label set @labels; nan for no rows."""
    n = len(rows)
    if not n:
        return float("nan")
    po = sum(a == b for a, b in rows) / n
    ca = collections.Counter(a for a, _ in rows)
    cb = collections.Counter(b for _, b in rows)
    pe = sum(ca[s] * cb[s] for s in labels) / (n * n)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0
