#!/usr/bin/env python3
"""The unit of comparison for a second blind labelling, and nothing more.

    bench/usertest/second14/snippets.py tests/data/usertestN/NN_slug.expect.md ...

(for any trial: trial 15's second labelling used it too)

Prints, for each expect file: its name, its `actors:` line, and for each `## Qn` block the
block's id (the header's first word) and its `quote:` line. It prints no other line of the
file (no speaker, sentiment, pair, via, conf, note or optional line), so that the second
labeller sees the same quotes and actors as the first, and none of the first labeller's
labels. Only the Python standard library.
"""
import os
import sys

for path in sys.argv[1:]:
    print("=== " + os.path.basename(path))
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("actors:"):
                print(line)
            elif line.startswith("## "):
                words = line[3:].split()
                print("## " + (words[0] if words else ""))
            elif line.startswith("quote:"):
                print(line)
