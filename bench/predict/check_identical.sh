#!/usr/bin/env bash
# Byte-identity of `stance predict`, `stance eval` and `stance classify --jsonl` outputs between two
# binaries (e.g. main's and a speed branch's) with the same model, on NewsMTSC dev and
# PolNeAR dev+train, and on hostile records of our own (predictions, error records and
# messages). Exit 0 when every output is the same bytes.
#   bench/predict/check_identical.sh BASE_STANCE NEW_STANCE [MODEL]
# (a built tree may stand for its binary: /work/main means /work/main/stance)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/bench/predict/common.sh"
fail=0
same() { # NAME args...
    local name=$1; shift
    "$base" "$@" > "$tmp/a" 2>&1 || true
    "$new" "$@" > "$tmp/b" 2>&1 || true
    if cmp -s "$tmp/a" "$tmp/b"; then echo "same: $name ($(wc -l < "$tmp/a") lines)"
    else echo "DIFFERENT: $name"; { diff "$tmp/a" "$tmp/b" || true; } | head -5 | cut -c1-300; fail=1; fi
}
dev=$data/newsmtsc/dev.jsonl
for head in "" stance sentiment; do
    h=(); [ -n "$head" ] && h=(--head "$head")
    same "predict ${head:-task}" predict -m "$model" "${h[@]}" "$dev"
    same "predict ${head:-task} -e 5" predict -m "$model" "${h[@]}" --explain 5 "$dev"
done
same "eval" eval -m "$model" "$dev"
# Hostile records (our own words): the same predictions, error records and messages.
python3 - "$tmp/hostile.jsonl" <<'PY'
import sys
good = '{"id": "h%d", "task": "stance", "text": "Mayor Ines Harrowgate said the harbour plan is a disaster.", "target": "Ines Harrowgate", "target_spans": [[6, 21]]}'
bad = ['{"id": "b1", "text": "a\\qb"}', '{"id": "b2", "text": "\\ud83d alone"}', '{"id": "b3", "text": "raw\ttab"}',
       '{"id": "b4", "text": "nul \\u0000 in"}', '{"id": "b5", "text": "a", "text": "b"}', '["text", "a"]',
       '{"id": "b7", "text": "a"} trailing', '{"id": "b8", "text": 5}', '{"id": "b9", "text": "bad \xff"}',
       '{"id": 10, "text": "abc", "target_spans": [[2, 9]]}', '{"id": 11.5, "text": "abc", "x": 1e400}',
       '{"te\\u0078t": "escaped key", "id": "b12"}', '{"id": "b13", "task": "stance", "text": "abc", "o": {"p": [1, {"q": 2}]}}',
       '{"id": "b14", "text": "caf\\u00e9 \\u201cquoted\\u201d", "task": "sentiment"}']
with open(sys.argv[1], "wb") as f:
    for i, b in enumerate(bad):
        f.write((good % i + "\n").encode())
        f.write(b.encode("utf-8", "surrogateescape").replace(b"\xc3\xbf", b"\xff") + b"\n")
PY
same "predict, hostile records" predict -m "$model" "$tmp/hostile.jsonl"
# classify --jsonl on hostile records (our own words): ids of every JSON type, escapes, long ids, keys
# repeated or escaped, actors, bad texts, more members than the scanner takes, blank lines.
python3 - "$tmp/hostile_cl.jsonl" <<'PY'
import sys
t = 'Mayor Ines Harrowgate said the harbour plan is a disaster. \\"We will fight it,\\" she said.'
ids = ['"a1"', '17', '1.5e3', '-0.25', 'null', 'true', '[1, 2 ,"x"]', '{"a": 1}', '12345678901234567890123',
       '"caf\\u00e9 \\ud83d\\ude00 \\"q\\" \\\\ \\/"', '"%s"' % ("x" * 300), '"%s"' % ("\\u00e9" * 120),
       '"%s"' % ("y" * 600), '"\\u0000nul"']
recs = ['{"id": %s, "text": "%s"}' % (i, t) for i in ids]
recs += ['{"text": "%s"}' % t, '{"text": "%s", "id": "late"}' % t, '{"id": "e1", "text": 5}', '{"id": "e2"}',
         '{"id": "e3", "text": null}', '{"id": "e4", "text": "a\\qb"}', '{"id": "e5", "text": "\\ud83d alone"}',
         '{"id": "e6", "text": "raw\ttab"}', '{"id": "e7", "text": "nul \\u0000 in Mayor Ines Harrowgate said \\"no\\"."}',
         '{"id": "e8", "text": "a", "text": "Mayor Ines Harrowgate said \\"no way\\"."}', '["text", "a"]',
         '{"id": "e10", "text": "a"} trailing', '{"te\\u0078t": "escaped key", "id": "e11"}',
         '{"i\\u0064": "e12", "text": "%s"}' % t, '{"id": "e13", "text": "%s", "actors": ["Ines Harrowgate"]}' % t,
         '{"id": "e14", "text": "%s", "actors": 5}' % t, '{"id": "e15", "text": "%s", "o": {"p": [1, {"q": 2}]}}' % t,
         '{"id": "e16", "text": "%s", "n": 1e400}' % t, '', '   ', '{"id": "e18", "text": ""}',
         '{"id": "e19", "text": "%s", %s}' % (t, ", ".join('"x%d": %d' % (i, i) for i in range(1, 16))),
         '{"id": "e20", "text": "%s", "actors": null}' % t, '{ "id" : "e21" , "text" : "%s" }' % t,
         '{"id": "e22", "id": "e22b", "text": "%s"}' % t, '{"id": "e24", "text": "bad \xff utf"}']
with open(sys.argv[1], "wb") as f:
    for r in recs:
        f.write(r.encode("utf-8", "surrogateescape").replace(b"\xc3\xbf", b"\xff") + b"\n")
PY
same "classify --jsonl, hostile records" classify -m "$model" --jsonl "$tmp/hostile_cl.jsonl"
same "classify --jsonl -f text, hostile records" classify -m "$model" --jsonl -f text "$tmp/hostile_cl.jsonl"
same "classify --jsonl -f dot, hostile records" classify -m "$model" --jsonl -f dot "$tmp/hostile_cl.jsonl"
same "classify --jsonl -e 2 --on-error stop, hostile records" classify -m "$model" --jsonl -e 2 --on-error stop "$tmp/hostile_cl.jsonl"
same "classify --jsonl" classify -m "$model" --jsonl "$tmp/polnear.jsonl"
same "classify --jsonl -e 5 --all-actors" classify -m "$model" --jsonl -e 5 --all-actors "$tmp/polnear.jsonl"
exit $fail
