#!/bin/sh
# The end-to-end label checker and scorer (bench/e2e) on an article of our own
# (tests/data/e2e) with known errors: a valid label file passes, a broken one is
# refused with the reason; the scorer's figures on a hand-written prediction file
# (a span slightly off, a quote overlapping too little, a wrong speaker, a missing
# and an off-target stance); the article chooser and the shared PolNeAR reader; the agreement of two labellers; no
# script named like a standard module; and one real run through the stance binary.
set -u
top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-.}
py=${PYTHON_BIN:-}
[ -n "$py" ] || py=$(command -v python3) || { echo "SKIP: no python3"; exit 77; }
e2e="$top_srcdir/bench/e2e"
data="$top_srcdir/tests/data/e2e"
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/e2e.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# no script shadows a standard module: Python puts the script's directory first on
# sys.path, so a bench/e2e/select.py once stood in for the "select" that subprocess imports
"$py" -c 'import os, sys, sysconfig
d = sys.argv[1]
mods = set(getattr(sys, "stdlib_module_names", ())) | set(sys.builtin_module_names)
std = sysconfig.get_paths()["stdlib"]
for sub in (std, os.path.join(std, "lib-dynload")):
    if os.path.isdir(sub):
        mods |= {n.split(".")[0] for n in os.listdir(sub)}
bad = sorted(n[:-3] for n in os.listdir(d) if n.endswith(".py") and n[:-3] in mods)
sys.exit("bench/e2e shadows standard modules: %s" % " ".join(bad) if bad else 0)' "$e2e" \
    || { echo "FAIL: a bench/e2e script is named like a standard module"; fail=1; }

# every module a bench/e2e or models script imports (at the top or inside a function) is the standard library's,
# a known third-party one, or a script beside it (bench/e2e, bench, models): run from the tarball (make distcheck),
# this fails when EXTRA_DIST leaves out a script another imports (sides.py imports party_sim.py in relation())
"$py" -c 'import ast, os, sys
dirs = sys.argv[1:]
mods = set(getattr(sys, "stdlib_module_names", ())) | set(sys.builtin_module_names) | {"numpy", "sklearn", "scipy"}
here = {n[:-3] for d in dirs for n in os.listdir(d) if n.endswith(".py")}
bad = []
for d in dirs[::2]:
    for n in sorted(os.listdir(d)):
        if n.endswith(".py"):
            for node in ast.walk(ast.parse(open(os.path.join(d, n), encoding="utf-8").read())):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                    [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else []
                bad += ["%s/%s: import %s" % (d, n, m) for m in names if m.split(".")[0] not in mods | here]
sys.exit("\n".join(bad) if bad else 0)' "$e2e" "$top_srcdir/bench" "$top_srcdir/models" \
    || { echo "FAIL: a bench/e2e or models script imports a script that is not there (EXTRA_DIST?)"; fail=1; }

"$py" "$e2e/check_labels.py" --data "$data" "$data/labels/dev-t.jsonl" > "$tmp/ok" \
    || { echo "FAIL: check_labels refused the fixture: $(cat "$tmp/ok")"; fail=1; }
grep -qF '1 articles, 3 quotes, 2 pairs: 0 errors, 1 warnings' "$tmp/ok" || { echo "FAIL: check_labels summary: $(cat "$tmp/ok")"; fail=1; }

# a pair whose actor is not among the article's actors, a span past the end, a note
# copying six words of the article
"$py" -c 'import json,sys
a = json.loads(open(sys.argv[1]).read())
a["quotes"][0]["pairs"][0]["actor"] = "Nobody"
a["quotes"][2]["end"] = 100000
a["quotes"][1]["note"] = "said: has done more for this city than"
print(json.dumps(a))' "$data/labels/dev-t.jsonl" > "$tmp/dev-t.jsonl"
"$py" "$e2e/check_labels.py" --data "$data" "$tmp/dev-t.jsonl" > "$tmp/bad"
rc=$?
[ "$rc" -eq 1 ] || { echo "FAIL: broken labels gave exit $rc, want 1"; fail=1; }
grep -q "pair actor 'Nobody' is not among the article's actors" "$tmp/bad" || { echo "FAIL: no actor error in: $(cat "$tmp/bad")"; fail=1; }
grep -q 'span \[264,100000) not inside the article' "$tmp/bad" || { echo "FAIL: no span error in: $(cat "$tmp/bad")"; fail=1; }
grep -q 'quote 2: note copies article text' "$tmp/bad" || { echo "FAIL: no copied-text error in: $(cat "$tmp/bad")"; fail=1; }

# a line that is not JSON: the checker names it, the scorer stops on it (one reader, tested once for both)
mkdir "$tmp/broken"
{ cat "$data/labels/dev-t.jsonl"; echo '{"article": '; } > "$tmp/broken/dev-t.jsonl"
"$py" "$e2e/check_labels.py" --data "$data" "$tmp/broken/dev-t.jsonl" > "$tmp/bad2"
grep -q 'dev-t.jsonl:2: not JSON' "$tmp/bad2" || { echo "FAIL: check_labels on a broken line: $(cat "$tmp/bad2")"; fail=1; }
"$py" "$e2e/score.py" --data "$data" --labels "$tmp/broken/dev-*.jsonl" --pred "$data/pred.jsonl" > /dev/null 2> "$tmp/err2" \
    && { echo "FAIL: score.py scored a broken label file"; fail=1; }
grep -q 'dev-t.jsonl:2: not JSON' "$tmp/err2" || { echo "FAIL: score.py on a broken line: $(cat "$tmp/err2")"; fail=1; }

out=$("$py" "$e2e/score.py" --data "$data" --labels "$data/labels/dev-*.jsonl" --pred "$data/pred.jsonl") \
    || { echo "FAIL: score.py exited $?"; exit 1; }
want() {
    printf '%s\n' "$out" | grep -qF -- "$1" || { echo "FAIL: no line with: $1"; fail=1; }
}
want 'articles 1, gold quotes 3 (direct 2, partial 1), gold pairs 2 (favor 1, against 1, none 0)'
want 'quotes found:      all 2/3 = 0.667; direct 2/2 = 1.000; partial 0/1 = 0.000'
want 'speaker accuracy:  found quotes 1/2 = 0.500; speaker_named 1/2 = 0.500'
want 'pairs linked:      1/2 = 0.500'
want 'stance (all pairs, missing = none): accuracy 0.500, macro-F1 0.333  |  baseline all-none: accuracy 0.000, macro-F1 0.000'
want 'baseline all-favor (the most frequent gold label): accuracy 0.500, macro-F1 0.333'
want 'linked pairs only (1): accuracy 1.000, macro-F1 1.000  |  all-favor on them: accuracy 1.000'
want 'sentiment (found quotes, 2): accuracy 0.500, macro-F1 0.333'
want 'off-target favor/against stances (found quotes, labelled actors, not a gold pair): 1/2 = 0.500'
want 'linking by via:    name 1/1 = 1.000; pronoun 0/1 = 0.000'

# the article chooser: qualifying articles (2 to 20 direct quotes of five words or more),
# round-robin over publishers; and one article through the shared PolNeAR reader
"$py" -c 'import json
def art(i, pub, n):
    text = "".join("\"one two three four five %d\" she said. " % k for k in range(n))
    qs, pos = [], 0
    for k in range(n):
        s = text.index("one", pos)
        e = text.index("\"", s)
        qs.append({"type": "direct", "start": s, "end": e})
        pos = e
    return {"id": i, "publisher": pub, "text": text, "quotes": qs}
for i, pub, n in [("a1", "p", 2), ("a2", "p", 3), ("b1", "q", 2), ("c1", "r", 1), ("c2", "r", 21)]:
    print(json.dumps(art(i, pub, n)))' > "$tmp/choose.jsonl"
got=$("$py" "$e2e/choose_articles.py" "$tmp/choose.jsonl" -n 3 | tr '\n' ' ')
case $got in
    "a1 b1 a2 " | "a2 b1 a1 ") ;;
    *) echo "FAIL: choose_articles.py chose: $got"; fail=1 ;;
esac
"$py" "$e2e/candidates.py" "$data/dev.jsonl" polnear-dev-e2e-test-1 > "$tmp/cand" \
    || { echo "FAIL: candidates.py exited $?"; fail=1; }
grep -qF 'Q1 [55,119) P2 13 words' "$tmp/cand" || { echo "FAIL: candidates.py: $(cat "$tmp/cand")"; fail=1; }
"$py" "$e2e/candidates.py" "$data/dev.jsonl" no-such-id > /dev/null 2>&1 \
    && { echo "FAIL: candidates.py accepted an unknown id"; fail=1; }

# the real binary on the same article: the records reach it and its output is scored
real=$("$py" "$e2e/score.py" "$top_builddir/stance" -m "$top_builddir/tests/tiny.stm" \
        --data "$data" --labels "$data/labels/dev-*.jsonl") || { echo "FAIL: score.py with the binary exited $?"; fail=1; }
printf '%s\n' "$real" | grep -q '^quotes found: .*direct [0-9]/2' || { echo "FAIL: real run: $real"; fail=1; }

# models/e2e_rows.py: train labels become training rows (the text from the article, the
# target's spans inside the quote), dev labels are refused
"$py" -c 'import json,sys
for path, out in ((sys.argv[1], sys.argv[3]), (sys.argv[2], sys.argv[4])):
    r = json.loads(open(path).read())
    r["split"] = "train"
    r["article" if "article" in r else "id"] = "polnear-train-e2e-test-1"
    open(out, "w").write(json.dumps(r) + "\n")' "$data/labels/dev-t.jsonl" "$data/dev.jsonl" "$tmp/train-t.jsonl" "$tmp/train.jsonl"
rows="$top_srcdir/models/e2e_rows.py"
"$py" "$rows" --task stance --repeat 2 --articles "$tmp/train.jsonl" "$tmp/train-t.jsonl" > "$tmp/rows" \
    || { echo "FAIL: e2e_rows.py on train labels"; fail=1; }
"$py" -c 'import json,re,sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 4 and rows[0] == rows[1] and rows[2] == rows[3], len(rows)
a, b = rows[0], rows[2]
assert a["text"].startswith("Tom Park has done more") and a["target"] == "Tom Park", a
assert a["target_spans"] == [[0, 8]] and a["label"] == "favor" and a["task"] == "stance", a
assert b["text"] == "He is a failure and the governor knows it,", b
assert b["target_spans"] == [[0, 2]] and b["label"] == "against", b
# the calibration group: the quote (article:start-end), shared by its copies and pairs only
assert re.fullmatch(r"polnear-train-e2e-test-1:\d+-\d+", a["group"]) and a["group"] != b["group"], (a, b)' "$tmp/rows" \
    || { echo "FAIL: e2e_rows.py stance rows: $(cat "$tmp/rows")"; fail=1; }
"$py" "$rows" --task sentiment --articles "$tmp/train.jsonl" "$tmp/train-t.jsonl" > "$tmp/srows" &&
    [ "$(cut -d, -f3- "$tmp/srows" | grep -o '"label": "[a-z]*"' | tr '\n' ' ')" = '"label": "positive" "label": "negative" "label": "negative" ' ] \
    || { echo "FAIL: e2e_rows.py sentiment rows: $(cat "$tmp/srows")"; fail=1; }
if "$py" "$rows" --task stance --articles "$data/dev.jsonl" "$data/labels/dev-t.jsonl" > "$tmp/devrows" 2> "$tmp/deverr"; then
    echo "FAIL: e2e_rows.py accepted dev labels"; fail=1
fi
grep -q 'dev labels never train' "$tmp/deverr" && [ ! -s "$tmp/devrows" ] || { echo "FAIL: e2e_rows.py dev refusal: $(cat "$tmp/deverr")"; fail=1; }

# models/polarity_rows.py: a target-sentiment row (NewsMTSC's format) becomes a sentiment row with the
# annotators' polarity as its label and no target; a row without a polarity label is refused
printf '%s\n' '{"id": "n-1", "task": "stance", "text": "Kell praised the mayor.", "target": "Kell", "label": "favor", "orig_label": "positive"}' \
    '{"id": "n-2", "task": "stance", "text": "Ward was blamed.", "target": "Ward", "label": "against", "orig_label": "negative"}' > "$tmp/news.jsonl"
"$py" "$top_srcdir/models/polarity_rows.py" "$tmp/news.jsonl" > "$tmp/prows" &&
    "$py" -c 'import json, sys
r = [json.loads(l) for l in open(sys.argv[1])]
assert [(x["task"], x["label"], x["text"]) for x in r] == [("sentiment", "positive", "Kell praised the mayor."),
    ("sentiment", "negative", "Ward was blamed.")] and not any("target" in x for x in r), r' "$tmp/prows" \
    || { echo "FAIL: polarity_rows.py rows: $(cat "$tmp/prows")"; fail=1; }
printf '%s\n' '{"id": "n-3", "text": "No polarity here.", "label": "none"}' > "$tmp/news-bad.jsonl"
if "$py" "$top_srcdir/models/polarity_rows.py" "$tmp/news-bad.jsonl" > /dev/null 2> "$tmp/perr"; then
    echo "FAIL: polarity_rows.py accepted a row without orig_label"; fail=1
fi
grep -q 'orig_label' "$tmp/perr" || { echo "FAIL: polarity_rows.py refusal: $(cat "$tmp/perr")"; fail=1; }

# bench/e2e/agreement.py: a second labeller who agrees on the first pair and says "none" (unsure)
# on the second: agreement 1/2, kappa (0.5 - 0.25) / 0.75, one pair both sure
mkdir "$tmp/second"
"$py" -c 'import json,sys
r = json.loads(open(sys.argv[1]).read())
r["labeller"] = "x2"
r["quotes"][1]["pairs"][0].update(stance="none", conf=1)
print(json.dumps(r))' "$data/labels/dev-t.jsonl" > "$tmp/second/second-x2.jsonl"
agr=$("$py" "$e2e/agreement.py" --labels "$data/labels/dev-*.jsonl" --second "$tmp/second/*.jsonl") \
    || { echo "FAIL: agreement.py exited $?"; fail=1; }
printf '%s\n' "$agr" | grep -q '^all   pairs   2: agreement 0.500 (1), kappa 0.333; both conf 3: 1 pairs, agreement 1.000$' \
    || { echo "FAIL: agreement.py figures: $agr"; fail=1; }
printf '%s\n' "$agr" | grep -q 'confusion (rows first, columns second: favor/against/none): favor 1/0/0; against 0/0/1; none 0/0/0' \
    || { echo "FAIL: agreement.py confusion: $agr"; fail=1; }

# bench/e2e/cv_sentiment.py pools the quotes score.py scores: on the fixture, the same two found
# quotes (sentiment accuracy 0.500 above), each with its gold and predicted sentiment
"$py" -c 'import sys
sys.path.insert(0, sys.argv[1])
from cv_sentiment import quote_sentiments
q = quote_sentiments(sys.argv[2], sys.argv[3])
assert len(q) == 2 and sum(x[0] == x[1] for x in q) == 1, q' "$e2e" "$data/labels/dev-t.jsonl" "$data/pred.jsonl" \
    || { echo "FAIL: cv_sentiment.py quote_sentiments on the fixture"; fail=1; }

# the seed cells' comparison (cv_stance.py --seeds/--compare, shared by the three CV scripts) on cells
# written here: B is A + 0.004 on the 4-fold split, + 0.006 on the 5-fold, + 0.005 on the 6-fold one; A's seeds
# differ by 0.001 or 0.002 on each split
"$py" -c 'import json, os, sys
w = sys.argv[1]
a = {"4:1": 0.500, "4:2": 0.501, "4:3": 0.502, "5:1": 0.510, "5:2": 0.511, "5:3": 0.512,
     "6:1": 0.520, "6:2": 0.521, "6:3": 0.522}
b = {k: v + {"4": 0.004, "5": 0.006, "6": 0.005}[k[0]] for k, v in a.items()}
for name, run in (("A", a), ("B", b)):
    json.dump({k: {"accuracy": v} for k, v in run.items()}, open(os.path.join(w, name + "-cells.json"), "w"))
sys.path.insert(0, sys.argv[2])
from cv_stance import compare_cells
compare_cells(w, "A", "B")' "$tmp" "$e2e" > "$tmp/cells" 2>&1 || { echo "FAIL: compare_cells: $(cat "$tmp/cells")"; fail=1; }
for line in 'B - A, accuracy: mean +0.0050 over 9 cells (sd 0.0009, range +0.0040..+0.0060; up 9, down 0, equal 0)' \
    'splits up 3, down 0 of 3; their mean +0.0050, se 0.0006, t +8.7' \
    'seed-only null (A - itself and B - itself at two seeds, same split; 18 pairs): sd 0.0014, largest |d| 0.0020' \
    'one run'"'"'s difference of +0.0050 is outside the seed noise (2 sd = 0.0028); the mean of 9 cells has noise +-0.0005 (sd), mean/noise +10.6: beyond the seed noise; sign-flip p = 0.0039' \
    'verdict: holds: beyond the seed noise and across the splits (|t| >= 4.30)'; do
    grep -qF -- "$line" "$tmp/cells" || { echo "FAIL: compare_cells, no line with: $line"; cat "$tmp/cells"; fail=1; }
done

[ "$fail" -eq 0 ] && echo "PASS: label checker, scorer figures, real run, training rows, labeller agreement"
exit "$fail"
