# cli-common.sh - sourced by the shell tests of the stance command (test_cli_hostile.sh,
# train-cli.sh): where things are, a scratch directory removed on exit, and TAP-style
# checks that count failures in $fails. The test ends with `test "$fails" -eq 0`.
#   name=NAME; . "${top_srcdir:-.}/tests/cli-common.sh"   (NAME names the scratch directory)
B=${top_builddir:-.}
S=${top_srcdir:-.}
STANCE=$B/stance
MODEL=$B/tests/tiny.stm
T=$S/tests/data/train
W=$(mktemp -d "${TMPDIR:-/tmp}/stance-${name:-cli}.XXXXXX") || exit 99
trap 'rm -rf "$W"' EXIT
fails=0
ok() { echo "ok - $1"; }
bad() { echo "not ok - $1"; fails=$((fails + 1)); }
run() { # run CMD... : status in $rc, stdout in $W/out, stderr in $W/err
  "$@" >"$W/out" 2>"$W/err"; rc=$?
}
expect() { # expect CODE DESC CMD...
  code=$1; desc=$2; shift 2
  run "$@"
  if test "$rc" -eq "$code"; then ok "$desc"; else bad "$desc (exit $rc, wanted $code)"; sed 's/^/# /' "$W/err"; fi
}
err_has() { if grep -q -- "$1" "$W/err"; then ok "  says: $1"; else bad "  says: $1"; sed 's/^/# /' "$W/err"; fi; }
out_has() { if grep -q -- "$1" "$W/out"; then ok "  prints: $1"; else bad "  prints: $1"; head -c 600 "$W/out" | sed 's/^/# /'; fi; }
