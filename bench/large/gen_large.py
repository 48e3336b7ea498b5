#!/usr/bin/env python3
"""Writes a synthetic article of about N MB (python3 gen_large.py N > text): every
paragraph a quote by a new speaker, so discovered actors grow with the text.
The text is written for this measurement (no corpus text)."""
import sys
syl = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "da", "fe", "go", "hu"]
def word(i, n):
    w = ""
    for _ in range(n):
        w += syl[i % len(syl)]; i //= len(syl)
    return w.capitalize()
target = int(float(sys.argv[1]) * 1e6)
out, size, i = [], 0, 0
while size < target:
    first, last = word(i, 2), word(i * 7 + 3, 4)
    p = ('"The bridge plan for this district is a failure and a disgrace," said %s %s, who leads the '
         'council there. %s later met Governor Tom Park and Mayor Elena Diaz.\n\n' % (first, last, last))
    out.append(p); size += len(p); i += 1
sys.stdout.write("".join(out))
