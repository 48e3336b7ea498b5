#!/bin/sh
# fuzz-replay.sh - run every input kept in tests/fuzz/<target>/ (our seed
# corpora and the reproducer of every crash the fuzzers found) through the
# fuzz targets built with the normal compiler and tests/fuzz_main.c.
# A crash, a sanitizer report or a broken invariant fails the test.
set -u
srcdir=${top_srcdir:-.}
builddir=${top_builddir:-.}
status=0
for t in model model_crc quotes classify jsonl; do
    bin=$builddir/tests/fuzz_$t
    dir=$srcdir/tests/fuzz/$t
    [ -d "$dir" ] || continue
    if [ ! -x "$bin" ]; then
        echo "fuzz-replay: $bin not built" >&2
        status=1
        continue
    fi
    ${FUZZ_REPLAY_WRAPPER:-} "$bin" "$dir" || { echo "FAIL: fuzz_$t on $dir" >&2; status=1; }
done
exit $status
