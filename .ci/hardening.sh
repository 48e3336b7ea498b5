#!/usr/bin/env bash
# .ci/hardening.sh - the hardening part of CI (issue 7), called by .ci/run
# after the normal build, from the repository root:
#   1. the libFuzzer targets (`make fuzz`: clang, ASan + UBSan), each for a
#      bounded short time (FUZZ_SECONDS, default 45) from our seed corpora,
#      with a fixed libFuzzer seed (FUZZ_SEED, default 1) so that a CI run is
#      repeatable; the long runs in bench/fuzz/run.sh use random seeds;
#   2. the whole test suite under valgrind memcheck, errors and definite or
#      indirect leaks fatal (tests/valgrind-run.sh as LOG_COMPILER).
# The ASan + UBSan pass over the test suite is in .ci/run itself.
# Installs clang, libclang-rt-14-dev (libFuzzer + sanitizer runtimes) and
# valgrind with apt-get when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(clang libclang-rt-14-dev valgrind)
missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

jobs=$(nproc 2>/dev/null || echo 2)
# .ci/run may have left the source tree distcleaned: configure it again if so.
[ -x configure ] || autoreconf -fi >/dev/null 2>&1
[ -f Makefile ] || ./configure -q

echo "== fuzz targets (make fuzz)"
make -j"$jobs" fuzz >/dev/null
secs=${FUZZ_SECONDS:-45}
seed=${FUZZ_SEED:-1}
echo "   $secs s per target, -seed=$seed"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for bin in tests/fuzz-bin/fuzz_*; do
    t=${bin#tests/fuzz-bin/fuzz_}
    mkdir -p "$work/$t"
    log=$work/$t.log
    if "$bin" -seed="$seed" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$work/$t-" "$work/$t" "tests/fuzz/$t" >"$log" 2>&1; then
        printf '   %-10s %10s execs  %s\n' "$t" "$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")" \
            "$(grep -E '^#[0-9]+' "$log" | tail -1 | grep -oE 'cov: [0-9]+ ft: [0-9]+')"
    else
        echo "FAIL: fuzz_$t found a problem:"
        grep -E 'ERROR|SUMMARY|invariant|runtime error|Test unit' "$log" | head -20 || tail -40 "$log"
        for a in "$work/$t"-*; do [ -f "$a" ] && { echo "   reproducer (base64) $a:"; base64 "$a" | head -50; }; done
        status=1
    fi
done
[ $status -eq 0 ] || exit $status

echo "== tests under valgrind memcheck"
make check -j"$jobs" LOG_COMPILER="$PWD/tests/valgrind-run.sh"
echo "== hardening passed"
