#!/usr/bin/env bash
# Byte-identity of `stance predict` and `stance classify --jsonl` outputs between two
# binaries (e.g. main's and a speed branch's) with the same model, on NewsMTSC dev and
# PolNeAR dev+train. Exit 0 when every output is the same bytes.
#   bench/predict/check_identical.sh BASE_STANCE NEW_STANCE [MODEL]
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
base=$1; new=$2; model=${3:-$top/models/en-news.stm}
data=${STANCE_DATA:-/work/shared/data}
[ -f "$data/newsmtsc/dev.jsonl" ] && [ -f "$data/polnear/dev.jsonl" ] || { echo "SKIP: no data"; exit 0; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 - "$data" "$tmp" <<'PY'
import json, sys
data, tmp = sys.argv[1], sys.argv[2]
with open(f"{tmp}/polnear.jsonl", "w") as out:
    for part in ("dev", "train"):
        for line in open(f"{data}/polnear/{part}.jsonl"):
            r = json.loads(line)
            out.write(json.dumps({"id": r["id"], "text": r["text"]}) + "\n")
PY
fail=0
same() { # NAME args...
    local name=$1; shift
    "$base" "$@" > "$tmp/a" 2>&1 || true
    "$new" "$@" > "$tmp/b" 2>&1 || true
    if cmp -s "$tmp/a" "$tmp/b"; then echo "same: $name ($(wc -l < "$tmp/a") lines)"
    else echo "DIFFERENT: $name"; diff "$tmp/a" "$tmp/b" | head -5; fail=1; fi
}
dev=$data/newsmtsc/dev.jsonl
for head in "" stance sentiment; do
    h=(); [ -n "$head" ] && h=(--head "$head")
    same "predict ${head:-task}" predict -m "$model" "${h[@]}" "$dev"
    same "predict ${head:-task} -e 5" predict -m "$model" "${h[@]}" --explain 5 "$dev"
done
same "classify --jsonl" classify -m "$model" --jsonl "$tmp/polnear.jsonl"
same "classify --jsonl -e 5 --all-actors" classify -m "$model" --jsonl -e 5 --all-actors "$tmp/polnear.jsonl"
exit $fail
