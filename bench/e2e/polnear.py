"""What the bench/e2e scripts (check_labels.py, score.py, candidates.py) read: PolNeAR
articles by id and the label files, one reader each, so the scripts agree on both.

A line is parsed only when one of the wanted ids occurs in its first 300
characters (the id comes first in the PolNeAR files), which keeps a pass over
the large train file quick.
"""
import json
import os


def read(path, ids):
    """{id: article dict} for those of @ids found in the JSON-lines file @path."""
    wanted = {i for i in ids if isinstance(i, str)}
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            head = line[:300]
            if not any(i in head for i in wanted):
                continue
            a = json.loads(line)
            if a["id"] in wanted:
                out[a["id"]] = a
    return out


def texts(data_dir, split, ids):
    """{id: text} for those of @ids found in DATA_DIR/<split>.jsonl."""
    return {i: a["text"] for i, a in read(os.path.join(data_dir, "%s.jsonl" % split), ids).items()}


def label_lines(path):
    """Each line of a label file as (where, article labels or None, problem or None); where
    is "PATH:LINE". An empty line or one that is not JSON gives None and the problem."""
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            where = "%s:%d" % (path, n)
            if not line.strip():
                yield where, None, "empty line"
                continue
            try:
                yield where, json.loads(line), None
            except json.JSONDecodeError as e:
                yield where, None, "not JSON: %s" % e
