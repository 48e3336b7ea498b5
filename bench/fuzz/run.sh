#!/usr/bin/env bash
# bench/fuzz/run.sh - the long fuzzing run: each libFuzzer target in turn
# (never two at once), under nice -n 19, until RUNS executions or SECONDS
# seconds, whichever comes first. Prints one line per target with executions,
# exec/s, edge coverage (cov), features (ft), corpus size and the outcome.
#
#   bench/fuzz/run.sh [-r RUNS] [-t SECONDS] [TARGET...]     (from the build root)
#
# Defaults: RUNS=10000000, SECONDS=1800, all targets. Working corpora live in
# bench/fuzz/corpus/<target> (not committed); seeds come from tests/fuzz/<target>.
# A crash leaves bench/fuzz/out/<target>-crash-* : copy it into
# tests/fuzz/<target>/ as a regression test once fixed.
set -u
runs=10000000
secs=1800
while getopts r:t: o; do
    case $o in
    r) runs=$OPTARG ;;
    t) secs=$OPTARG ;;
    *) exit 2 ;;
    esac
done
shift $((OPTIND - 1))
srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(model model_crc quotes classify $(test -x tests/fuzz-bin/fuzz_jsonl && echo jsonl))
mkdir -p bench/fuzz/out
status=0
for t in "${targets[@]}"; do
    bin=tests/fuzz-bin/fuzz_$t
    [ -x "$bin" ] || { echo "$bin missing: run make fuzz" >&2; exit 2; }
    mkdir -p "bench/fuzz/corpus/$t"
    log=bench/fuzz/out/$t.log
    start=$(date +%s)
    nice -n 19 "$bin" -runs="$runs" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="bench/fuzz/out/$t-" \
        "bench/fuzz/corpus/$t" "$srcdir/tests/fuzz/$t" >"$log" 2>&1
    rc=$?
    end=$(date +%s)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    corp=$(sed -n 's/.* corp: \([^ ]*\).*/\1/p' <<<"$last")
    outcome=ok
    [ $rc -eq 0 ] || { outcome="FAILED (exit $rc, see $log)"; status=1; }
    printf '%-10s %12s execs %6ss %8s exec/s  cov %5s  ft %6s  corpus %-12s %s\n' "$t" "${execs:-?}" \
        "$((end - start))" "$(( ${execs:-0} / (end - start > 0 ? end - start : 1) ))" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$outcome"
done
exit $status
