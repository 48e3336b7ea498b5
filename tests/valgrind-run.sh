#!/bin/sh
# valgrind-run.sh - automake LOG_COMPILER for `make check` under valgrind
# memcheck: compiled tests (ELF binaries or libtool wrappers) run under
# memcheck with any error or definite/indirect leak fatal; scripts run as
# they are, with FUZZ_REPLAY_WRAPPER set so tests/fuzz-replay.sh puts the
# fuzz replays under memcheck too.
#   make check LOG_COMPILER=$(top_srcdir)/tests/valgrind-run.sh
# VALGRIND_SKIP (default: none) lists tests to run without valgrind.
srcdir=${top_srcdir:-.}
builddir=${top_builddir:-.}
VG="valgrind --tool=memcheck --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
--errors-for-leak-kinds=definite,indirect --track-origins=yes --num-callers=30 --quiet \
--suppressions=$srcdir/tests/valgrind.supp"
export FUZZ_REPLAY_WRAPPER="$VG"
# Tests may thin out long sweeps when they see this.
export STANCE_UNDER_VALGRIND=1
prog=$1
# The long sweeps (test_model_io, test_alloc_fail, test_limits) open the model
# thousands of times, each JIT-compiling the patterns; they sample their sweeps
# when STANCE_UNDER_VALGRIND is set, so every test runs under memcheck.
case " ${VALGRIND_SKIP-} " in
*" $(basename "$prog") "*)
    echo "valgrind-run: $(basename "$prog") runs without valgrind (VALGRIND_SKIP)"
    exec "$@" ;;
esac
if [ "$(head -c 4 "$prog" 2>/dev/null | od -An -c | tr -d ' ')" = '177ELF' ]; then
    exec $VG "$@"
elif grep -q 'temporary wrapper script for' "$prog" 2>/dev/null && [ -x "$builddir/libtool" ]; then
    # (a libtool wrapper by its own header line: a test script that merely names libtool runs as a script)
    exec "$builddir/libtool" --mode=execute $VG "$@"
else
    exec "$@"
fi
