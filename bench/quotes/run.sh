#!/bin/sh
# bench/quotes/run.sh - quote extraction figures on PolNeAR dev (see bench/RESULTS.md).
#   bench/quotes/run.sh [DATA_DIR] [SECONDS]
# Skips (exit 77) when the data is absent.
top_builddir=${top_builddir:-.}
data=${1:-/work/shared/data/polnear}
secs=${2:-2}
bin="$top_builddir/bench/quotes/bench_quotes"
if [ ! -f "$data/dev.jsonl" ]; then
    echo "bench/quotes: $data/dev.jsonl not found; skipping"
    exit 77
fi
[ -x "$bin" ] || make -C "$top_builddir" bench/quotes/bench_quotes >/dev/null || exit 1
echo "== accuracy on $data/dev.jsonl"
"$bin" score "$data/dev.jsonl" || exit $?
echo "== throughput (one core)"
"$bin" speed "$data/dev.jsonl" "$secs"
