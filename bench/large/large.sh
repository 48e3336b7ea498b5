#!/usr/bin/env bash
# bench/large/large.sh - one large record through the command line: peak RSS
# over start-up as a multiple of the text, and CPU per MB at 1x and 16x, for
# a text file and for the same text as one JSONL record. CPU time and peak RSS
# from /usr/bin/time; paired, interleaved runs; medians.
#   bench/large/large.sh [MODEL] [STANCE...]   (from the build directory)
# With several STANCE binaries (say a baseline build first), each is measured
# in the same rounds. Two texts, each at 1x (256 kB) and 16x:
#  - PolNeAR articles joined from $STANCE_DATA (default /work/shared/data), 16x
#    the 1x text repeated (skipped without the data);
#  - the synthetic text of gen_large.py, a new speaker in every paragraph, so the
#    discovered actors grow with the text: 1 MB (at 256 kB the 1x run lasts a few
#    ticks of /usr/bin/time) and 16 MB generated whole (names do not repeat), the
#    case where per-quote work over all actors would show.
# Temporary files in a mktemp directory.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=${top_builddir:-.}
model=${1:-$top/models/en-news.stm}
shift || true
bins=("$@")
[ ${#bins[@]} -gt 0 ] || bins=("$top/stance")
data=${STANCE_DATA:-/work/shared/data}
reps=${LARGE_REPS:-3}
tmp=$(mktemp -d /tmp/stance-large.XXXXXX); trap 'rm -rf "$tmp"' EXIT
[ -x /usr/bin/time ] || { echo "large: /usr/bin/time needed"; exit 0; }
: > "$tmp/empty"

run() { # BIN ARGS... < file -> "cpu_seconds maxrss_kb"
    /usr/bin/time -o "$tmp/t" -f '%U %S %M' "$@" > /dev/null 2> /dev/null || true
    awk '{printf "%.3f %d\n", $1 + $2, $3}' "$tmp/t"
}
median() { sort -g | awk '{v[NR]=$1} END {if (NR) print v[int((NR+1)/2)]; else print 0}'; }

measure() { # SOURCE-LABEL; reads $tmp/x1.txt and $tmp/x16.txt
    local src=$1
    for k in 1 16; do
        python3 -c "import json,sys; print(json.dumps({'id': 'x$k', 'text': open(sys.argv[1]).read()}))" \
            "$tmp/x$k.txt" > "$tmp/x$k.jsonl"
    done
    : > "$tmp/res"
    echo "== one large record ($src; $(date -u '+%F %H:%M UTC'), load $(cut -d' ' -f1 /proc/loadavg), $reps rounds, medians)"
    for r in $(seq "$reps"); do
        for b in $(seq 0 $((${#bins[@]} - 1))); do
            bin=${bins[$b]}
            echo "$b start $(run "$bin" classify -m "$model" < "$tmp/empty")" >> "$tmp/res"
            for k in 1 16; do
                echo "$b file$k $(run "$bin" classify -m "$model" "$tmp/x$k.txt")" >> "$tmp/res"
                echo "$b jsonl$k $(run "$bin" classify -m "$model" --jsonl "$tmp/x$k.jsonl")" >> "$tmp/res"
            done
        done
    done
    b1=$(stat -c %s "$tmp/x1.txt"); b16=$(stat -c %s "$tmp/x16.txt")
    for b in $(seq 0 $((${#bins[@]} - 1))); do
        get() { awk -v b="$b" -v w="$1" -v c="$2" '$1 == b && $2 == w {print $c}' "$tmp/res" | median; }
        s_cpu=$(get start 3); s_rss=$(get start 4)
        echo "${bins[$b]}: start-up $(python3 -c "print(round($s_cpu*1000))") ms CPU, $s_rss kB"
        for form in file jsonl; do
            t1=$(get "${form}1" 3); t16=$(get "${form}16" 3); m1=$(get "${form}1" 4); m16=$(get "${form}16" 4)
            python3 - "$form" "$t1" "$t16" "$m1" "$m16" "$s_cpu" "$s_rss" "$b1" "$b16" <<'PY'
import sys
form, t1, t16, m1, m16, sc, sr, b1, b16 = sys.argv[1], *map(float, sys.argv[2:])
ms1 = (t1 - sc) / (b1 / 1e6) * 1000; ms16 = (t16 - sc) / (b16 / 1e6) * 1000
print(f"  {form:5}: CPU per MB net of start-up 1x {ms1:.0f} ms, 16x {ms16:.0f} ms, ratio {ms16 / ms1 if ms1 > 0 else float('nan'):.2f} (<= 1.2); "
      f"peak RSS over start-up / text: 1x {(m1 - sr) * 1024 / b1:.1f}x, 16x {(m16 - sr) * 1024 / b16:.1f}x "
      f"({(m16 - sr) / 1024:.1f} MB for {b16 / 1e6:.2f} MB; <= 4x)")
PY
        done
    done
}

if [ -f "$data/polnear/dev.jsonl" ] && [ -f "$data/polnear/train.jsonl" ]; then
    python3 - "$data/polnear" "$tmp/x1.txt" <<'PY'
import json, sys
n = 0
with open(sys.argv[2], "w") as one:
    for part in ("dev", "train"):
        for line in open(f"{sys.argv[1]}/{part}.jsonl"):
            if n >= 262144:
                break
            t = json.loads(line)["text"]
            one.write(t + "\n\n"); n += len(t.encode())
PY
    for _ in $(seq 16); do cat "$tmp/x1.txt"; done > "$tmp/x16.txt"
    measure "PolNeAR articles joined"
else
    echo "== PolNeAR text skipped: no data in $data"
fi
python3 "$here/gen_large.py" 1 > "$tmp/x1.txt"
python3 "$here/gen_large.py" 16 > "$tmp/x16.txt"
measure "synthetic, gen_large.py: a new speaker every paragraph"
exit 0
