#!/bin/sh
# test_cli_errors.sh - what a new user meets when something is wrong (tidy1): each block
# fails without its fix.
#   1. every subcommand `stance --help` lists says its option errors as "stance: CMD: ...",
#      exit 2 (getopt's own messages had no "stance: " and named the subcommand as the program)
set -u
name=errors; . "${top_srcdir:-.}/tests/cli-common.sh"

# ---- 1. option errors: "stance: CMD: ...", exit 2, for every subcommand ----------------------
cmds=$("$STANCE" --help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }')
test "$(echo $cmds | wc -w)" -ge 6 && ok "stance --help lists the subcommands ($(echo $cmds))" ||
  bad "stance --help lists the subcommands ($cmds)"
for c in $cmds; do
  for a in --no-such-option -Z; do
    expect 2 "$c $a: usage error" "$STANCE" "$c" "$a" </dev/null
    test "$(wc -l <"$W/err")" -eq 1 && grep -q "^stance: $c: unknown option '$a' (see --help)\$" "$W/err" &&
      ok "  stance: $c: unknown option '$a'" || { bad "  stance: $c: unknown option '$a'"; sed 's/^/# /' "$W/err"; }
  done
done
for c in classify eval predict inspect; do
  for a in -m --model; do
    expect 2 "$c $a without its argument: usage error" "$STANCE" "$c" "$a" </dev/null
    test "$(wc -l <"$W/err")" -eq 1 && grep -q "^stance: $c: option '$a' needs an argument" "$W/err" &&
      ok "  stance: $c: option '$a' needs an argument" ||
      { bad "  stance: $c: option '$a' needs an argument"; sed 's/^/# /' "$W/err"; }
  done
done
expect 2 "train --quiet=1: usage error" "$STANCE" train --quiet=1
err_has "^stance: train: option '--quiet' takes no argument"
expect 2 "train --he (head or help): usage error" "$STANCE" train --he
err_has "^stance: train: ambiguous option '--he'"
expect 2 "eval --neutral (an abbreviation) without its argument" "$STANCE" eval --neutral
err_has "^stance: eval: option '--neutral-band' needs an argument"
expect 2 "train -qZ: the unknown letter of a cluster" "$STANCE" train -qZ
err_has "^stance: train: unknown option '-Z'"

test "$fails" -eq 0
