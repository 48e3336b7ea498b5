#!/usr/bin/env bash
# bench/classify/large_record_cg.sh - callgrind instructions per byte of `stance classify` on one
# large record (ratios.sh section 3's: PolNeAR articles joined to ~256 KB) at 1x, 4x and 16x, with
# no actors (discovery) and with ratios.sh's 12 actors passed; start-up (empty input) subtracted.
# Linear cost reads ~1.0 at 4x/1x and 16x/1x. About a minute.
#   bench/classify/large_record_cg.sh [STANCE] [MODEL]   (from the build directory; lin2, 2026-12-06)
set -u
stance=${1:-./stance}; model=${2:-./models/en-news.stm}; data=${STANCE_DATA:-/work/shared/data}
command -v valgrind >/dev/null || { echo "large_record_cg: valgrind needed"; exit 0; }
[ -f "$data/polnear/train.jsonl" ] || { echo "large_record_cg: skipped: no data"; exit 0; }
tmp=$(mktemp -d /tmp/stance-lrcg.XXXXXX); trap 'rm -rf "$tmp"' EXIT
python3 - "$data/polnear" "$tmp" <<'PY'
import json, sys
src, tmp = sys.argv[1], sys.argv[2]
n = 0
with open(f"{tmp}/big1.txt", "w") as one:
    for part in ("dev", "train"):
        for line in open(f"{src}/{part}.jsonl"):
            r = json.loads(line)
            if n < 262144:
                one.write(r["text"] + "\n\n"); n += len(r["text"].encode())
PY
for _ in 1 2 3 4; do cat "$tmp/big1.txt"; done > "$tmp/big4.txt"
for _ in 1 2 3 4; do cat "$tmp/big4.txt"; done > "$tmp/big16.txt"
: > "$tmp/big0.txt"
acts=(-a "Donald Trump" -a "Hillary Clinton" -a "Barack Obama" -a "Tom Clarke" -a "Alicia Machado"
    -a "Mitt Romney" -a "Bryan Pagliano" -a "Vladimir Putin" -a "Bernie Sanders" -a "Bill Clinton"
    -a "Ed Schultz" -a "Jill Stein")
ir() { # INPUT args... -> instructions
    local in=$1; shift
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$stance" classify -m "$model" "$@" < "$in" > /dev/null 2>&1
    awk '/^(summary|totals):/ {print $2; exit}' "$tmp/cg"
}
for mode in discovery actors; do
    a=(); [ $mode = actors ] && a=("${acts[@]}")
    e=$(ir "$tmp/big0.txt" "${a[@]}"); line="$mode:"; p1=
    for k in 1 4 16; do
        b=$(stat -c %s "$tmp/big$k.txt")
        p=$(python3 -c "print(($(ir "$tmp/big$k.txt" "${a[@]}") - $e) / $b)")
        p1=${p1:-$p}
        line="$line ${k}x $(python3 -c "print(round($p))") Ir/byte (x$(python3 -c "print(round($p / $p1, 3))"));"
    done
    echo "$line"
done
