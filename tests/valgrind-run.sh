#!/bin/sh
# valgrind-run.sh - automake LOG_COMPILER for `make check` under valgrind
# memcheck: compiled tests (ELF binaries or libtool wrappers) run under
# memcheck with any error or definite/indirect leak fatal; scripts run as
# they are, with FUZZ_REPLAY_WRAPPER set so tests/fuzz-replay.sh puts the
# fuzz replays under memcheck too.
#   make check LOG_COMPILER=$(top_srcdir)/tests/valgrind-run.sh
# VALGRIND_SKIP (default "test_model_io test_alloc_fail test_quotes") lists tests run without valgrind.
srcdir=${top_srcdir:-.}
builddir=${top_builddir:-.}
VG="valgrind --tool=memcheck --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
--errors-for-leak-kinds=definite,indirect --track-origins=yes --num-callers=30 --quiet \
--suppressions=$srcdir/tests/valgrind.supp"
export FUZZ_REPLAY_WRAPPER="$VG"
# Tests may thin out long sweeps when they see this.
export STANCE_UNDER_VALGRIND=1
prog=$1
# Too slow under memcheck: thousands of model opens, each JIT-compiling the
# quote patterns (test_model_io > 15 min, test_alloc_fail ~1 min; test_quotes
# after the 16:00 merge > 13 min). They run
# natively here (with their own leak accounting) and under ASan+UBSan in .ci/run.
case " ${VALGRIND_SKIP-test_model_io test_alloc_fail test_quotes} " in
*" $(basename "$prog") "*)
    echo "valgrind-run: $(basename "$prog") runs without valgrind (VALGRIND_SKIP)"
    exec "$@" ;;
esac
if [ "$(head -c 4 "$prog" 2>/dev/null | od -An -c | tr -d ' ')" = '177ELF' ]; then
    exec $VG "$@"
elif grep -q 'libtool' "$prog" 2>/dev/null && [ -x "$builddir/libtool" ]; then
    exec "$builddir/libtool" --mode=execute $VG "$@"
else
    exec "$@"
fi
