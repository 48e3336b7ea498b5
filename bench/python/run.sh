#!/bin/sh
# Run the Python binding benchmarks from the top of a configured, built tree:
#   sh bench/python/run.sh [MODEL] [--quick]
# Builds tests/tiny.stm, the staged package and bench/python/bench_capi first.
# bench_dask.py runs under Debian's /usr/bin/python3 (python3-distributed).
set -eu
cd "$(dirname "$0")/../.."
model=tests/tiny.stm
case "${1:-}" in ""|--*) ;; *) model=$1; shift ;; esac
suffix=$(${PYTHON:-python3} -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
make -s tests/tiny.stm "bindings/python/build-pkg/stance/_stance$suffix" bench/python/bench_capi
export PYTHONPATH="$PWD/bindings/python/build-pkg"
echo "== bindings: ${PYTHON:-python3} ($(date -u +%Y-%m-%dT%H:%MZ), load: $(cut -d' ' -f1-3 /proc/loadavg))"
nice ${PYTHON:-python3} bench/python/bench_bindings.py "$model" "$@"
echo "== dask: /usr/bin/python3"
nice /usr/bin/python3 bench/python/bench_dask.py "$model" "$@"
