#!/bin/sh
# The quote corpus runner (tests/quotes_corpus) on a copy of the corpus: it
# passes on the corpus as it is, and fails when an expectation changes, when a
# case loses its expectation, when a known failure starts passing, and when
# KNOWN-FAILURES names no case; a known failure whose output changes stays
# known (XFAIL), so the list holds the right answer, not the output.
set -u
top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-.}
runner="$top_builddir/tests/quotes_corpus"
src="$top_srcdir/tests/data/quotes"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/qcorpus.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
fresh() { rm -rf "$tmp/q"; mkdir "$tmp/q" && cp "$src"/* "$tmp/q/" && chmod u+w "$tmp/q"/*; }
run() { "$runner" "$tmp/q" > "$tmp/out" 2>&1; echo $?; }
expect() { # expect WHAT CODE PATTERN
    if [ "$2" != "$got" ]; then echo "FAIL: $1: exit $got, wanted $2"; sed 's/^/  | /' "$tmp/out" | tail -15; fail=1
    elif [ -n "$3" ] && ! grep -q -e "$3" "$tmp/out"; then echo "FAIL: $1: no \"$3\" in the output"; fail=1
    else echo "ok: $1"; fi
}

fresh; got=$(run); expect "the corpus as it is" 0 "quotes corpus:"

# a speaker changed in one expectation: the run fails with a diff of that case
fresh
sed -i '0,/speaker="Jane Okafor"/s//speaker="Jane Okafore"/' "$tmp/q/after.expected"
got=$(run); expect "a changed speaker" 1 '^    -q1 .*speaker="Jane Okafore"'
grep -q '^    +q1 .*speaker="Jane Okafor"' "$tmp/out" || { echo "FAIL: no + line with the real speaker"; fail=1; }

# a changed span
fresh
sed -i '0,/^q1 \[1,/s//q1 [2,/' "$tmp/q/after.expected"
got=$(run); expect "a changed span" 1 '^FAIL  after:'

# an expectation removed (the case header stays, its lines go): an unexpected
# "(no quotes)" is a failure too
fresh
awk 'BEGIN{cut=0} /^=== said-name$/{print; cut=1; next} /^===/{cut=0} !cut' "$src/after.expected" > "$tmp/q/after.expected"
got=$(run); expect "an empty expectation" 1 '^FAIL  after:said-name'

# a case with no block at all
fresh
printf '\n=== selftest-new-case\n"A new case," said Ada Quill.\n' >> "$tmp/q/after.txt"
got=$(run); expect "a case without expectation" 1 'no expectation'

# a passing case listed as a known failure: XPASS fails the run
fresh
echo "after:said-name selftest" >> "$tmp/q/KNOWN-FAILURES"
got=$(run); expect "a known failure that passes" 1 '^XPASS after:said-name'

# a known failure naming no case
fresh
echo "after:no-such-case selftest" >> "$tmp/q/KNOWN-FAILURES"
got=$(run); expect "a stale known failure" 1 'no-such-case, which is no case'

# a changed expectation of a case listed as known: reported, not failed
fresh
sed -i '0,/speaker="Jane Okafor"/s//speaker="Jane Okafore"/' "$tmp/q/after.expected"
echo "after:said-name selftest" >> "$tmp/q/KNOWN-FAILURES"
got=$(run); expect "a listed difference is XFAIL" 0 '^XFAIL after:said-name'

# --update keeps a known failure's hand-written block and rewrites the rest
fresh
sed -i '0,/speaker="Jane Okafor"/s//speaker="Jane Okafore"/' "$tmp/q/after.expected"
echo "after:said-name selftest" >> "$tmp/q/KNOWN-FAILURES"
sed -i '0,/speaker="Tom Brandt"/s//speaker="Tom Brandtt"/' "$tmp/q/after.expected"
"$runner" --update "$tmp/q" > /dev/null 2>&1 || { echo "FAIL: --update exited non-zero"; fail=1; }
grep -q 'speaker="Jane Okafore"' "$tmp/q/after.expected" || { echo "FAIL: --update overwrote a known failure"; fail=1; }
grep -q 'speaker="Tom Brandtt"' "$tmp/q/after.expected" && { echo "FAIL: --update kept a wrong expectation"; fail=1; }
got=$(run); expect "after --update" 0 "quotes corpus:"

[ "$fail" = 0 ] && echo "quotes corpus self-test: all checks passed"
exit $fail
