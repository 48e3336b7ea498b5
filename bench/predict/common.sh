# Sourced by check_identical.sh and check_close.sh: BASE NEW [MODEL] -> $base $new $model $data $tmp
# (a built tree may stand for its binary: /work/main means /work/main/stance), and $tmp/polnear.jsonl,
# PolNeAR dev+train as {id, text} records. Exits 2 on a path that is no executable, 0 ("SKIP") without data.
binary() { if [ -d "$1" ]; then echo "$1/stance"; else echo "$1"; fi; }
base=$(binary "$1"); new=$(binary "$2"); model=${3:-$top/models/en-news.stm}
[ -x "$base" ] && [ -x "$new" ] || { echo "$(basename "$0"): $base or $new is not an executable" >&2; exit 2; }
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
