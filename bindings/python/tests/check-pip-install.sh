#!/bin/sh
# The offline install check: for each Python given (default: python3, and
# /usr/bin/python3 when different), make a fresh venv in a temporary directory,
# `pip install --no-build-isolation --no-index bindings/python`, then run the
# binding tests against the installed package (not the build tree).
#   sh bindings/python/tests/check-pip-install.sh [PYTHON...]
# Needs: the test model (make tests/tiny.stm) and, for the CLI comparison, ./stance.
set -eu
top=$(cd "$(dirname "$0")/../../.." && pwd)
model="${STANCE_TEST_MODEL:-$top/tests/tiny.stm}"
[ -f "$model" ] || { echo "FAIL: $model missing: run make tests/tiny.stm"; exit 1; }
if [ $# -eq 0 ]; then
    set -- python3
    if [ -x /usr/bin/python3 ] && [ "$(command -v python3)" != /usr/bin/python3 ]; then set -- "$@" /usr/bin/python3; fi
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/stance-pip.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
i=0
for py in "$@"; do
    i=$((i + 1))
    venv="$work/venv$i"
    echo "== $py ($("$py" -c 'import sys; print(sys.version.split()[0])'))"
    # --system-site-packages lets Debian's python3 use python3-pytest/python3-distributed;
    # the build itself needs only the venv's own setuptools.
    "$py" -m venv --system-site-packages "$venv"
    "$venv/bin/python" -m pip install -q --no-build-isolation --no-index "$top/bindings/python"
    (cd "$work" && "$venv/bin/python" -c 'import stance, sys; print("installed:", stance.__file__, stance.version())')
    cd "$top/bindings/python/tests"
    STANCE_TEST_MODEL="$model" STANCE_CLI="${STANCE_CLI:-$top/stance}" PYTHONDONTWRITEBYTECODE=1 \
        "$venv/bin/python" -m unittest test_model test_classify test_threads test_cli_equal test_sides
    cd "$top"
done
echo "pip install check passed for: $*"
