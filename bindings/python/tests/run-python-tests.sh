#!/bin/sh
# Shared by check-python.sh and check-dask.sh (sourced, with $suite set):
# find the staged package and the test model, pick an interpreter, run the
# suite with pytest when that interpreter has it, else with unittest.
# Exit 77 (skip) when Python or the extension is not available.
: "${top_builddir:=.}" "${top_srcdir:=.}"
stage="$top_builddir/bindings/python/build-pkg"
model="${STANCE_TEST_MODEL:-$top_builddir/tests/tiny.stm}"
if [ -z "$PYTHON_BIN" ] || ! command -v "$PYTHON_BIN" >/dev/null 2>&1; then
    echo "SKIP: no Python (configure --with-python)"; exit 77
fi
suffix=$("$PYTHON_BIN" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))') || exit 77
if [ ! -s "$stage/stance/_stance$suffix" ]; then
    echo "SKIP: the extension was not built (no Python headers, or a --disable-shared build)"; exit 77
fi
if [ ! -f "$model" ]; then
    echo "FAIL: test model $model missing (make tests/tiny.stm)"; exit 1
fi
abspath() { (cd "$(dirname "$1")" && echo "$(pwd)/$(basename "$1")"); }
stage=$(abspath "$stage"); model=$(abspath "$model")
py="$PYTHON_BIN"
if [ -n "$needs_module" ] && ! "$py" -c "import $needs_module" >/dev/null 2>&1; then
    # The interpreter configure found may lack it (e.g. a pyenv Python first on
    # PATH); Debian's python3 loads the same module if its ABI suffix matches.
    py=
    for cand in /usr/bin/python3 python3; do
        if command -v "$cand" >/dev/null 2>&1 &&
           [ "$("$cand" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))' 2>/dev/null)" = "$suffix" ] &&
           "$cand" -c "import $needs_module" >/dev/null 2>&1; then
            py=$cand; break
        fi
    done
    if [ -z "$py" ]; then
        echo "SKIP: no Python with module '$needs_module' (apt-get install python3-distributed)"; exit 77
    fi
fi
STANCE_TEST_MODEL="$model"; export STANCE_TEST_MODEL
STANCE_CLI=$(abspath "${STANCE_CLI:-$top_builddir/stance}"); export STANCE_CLI
PYTHONPATH="$stage${PYTHONPATH:+:$PYTHONPATH}"; export PYTHONPATH
PYTHONDONTWRITEBYTECODE=1; export PYTHONDONTWRITEBYTECODE
tests="$top_srcdir/bindings/python/tests"
echo "python: $("$py" -c 'import sys; print(sys.executable, sys.version.split()[0])')"
if "$py" -c 'import pytest' >/dev/null 2>&1; then
    exec "$py" -m pytest -q -p no:cacheprovider -W ignore::DeprecationWarning "$@" $suite_files
else
    cd "$tests" && exec "$py" -m unittest -v $suite_modules
fi
