#!/bin/sh
# bench_quotes score --audit-speakers on articles of our own: the speaker
# figure raw and audited (a full audit and a sample), stale and unaudited
# errors, a malformed audit refused, and gold speakers that name nobody
# ("who", "his eyes") left out of the figure like bare pronouns.
set -u
top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-.}
bin="$top_builddir/bench/quotes/bench_quotes"
data="$top_srcdir/tests/data"
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/spkaudit.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
want() { # OUTPUT LINE
    printf '%s\n' "$1" | grep -qF -- "$2" || { echo "FAIL: no line with: $2"; fail=1; }
}
# scorer.jsonl: two matched direct quotes, one speaker error at 70-91 (gold "she", alias Odell Brandt)
printf '# full audit\nSPK\tscorer-test-1\t70\t91\tgold-wrong\t-\tX\tshe|Odell Brandt\tthe alias is the next speaker\nSPK\tscorer-test-1\t1\t24\tours\tpronoun\tX\tY\tno such error: stale\n' > "$tmp/full.tsv"
out=$("$bin" score "$data/scorer.jsonl" --audit-speakers "$tmp/full.tsv") || { echo "FAIL: score exited $?"; exit 1; }
want "$out" 'speakers  audit: errors 1 (on quotes whose gold names the speaker): ours 0, gold-wrong 1, gold-description 0, ambiguous 0, unaudited 0; stale lines 1 (no such error now)'
want "$out" 'speakers  direct speaker acc on named gold: raw 0.500 (1/2) | audited 1.000 (1/1, the gold'"'"'s 1 errors out)'
# the same line as an ours error, in a "sample" of 1 of 1: nothing out
printf '#sample 1 of 1\nSPK\tscorer-test-1\t70\t91\tours\tpronoun\tX\tY\tn\n' > "$tmp/sample.tsv"
out=$("$bin" score "$data/scorer.jsonl" --audit-speakers "$tmp/sample.tsv")
want "$out" 'audited ~0.500 (1/2, the gold'"'"'s ~0 errors out: 0 of a sample of 1 of 1 errors; 95% interval 0.500-0.500)'
# no line: unaudited; --verbose names the category
out=$("$bin" score "$data/scorer.jsonl" --verbose --audit-speakers "$tmp/full.tsv")
printf '%s\n' "$out" | grep -q '^SPK how=[0-9] scorer-test-1 70 91 gold-wrong |' || { echo "FAIL: verbose category"; fail=1; }
# malformed: a category we do not know, a sample that does not match the lines
printf 'SPK\tscorer-test-1\t70\t91\tmaybe\t-\tX\tY\tn\n' > "$tmp/bad.tsv"
"$bin" score "$data/scorer.jsonl" --audit-speakers "$tmp/bad.tsv" >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 2 ] && grep -q ':1: want SPK' "$tmp/err" || { echo "FAIL: bad category: exit $rc, $(cat "$tmp/err")"; fail=1; }
printf '#sample 2 of 9\nSPK\tscorer-test-1\t70\t91\tours\t-\tX\tY\tn\n' > "$tmp/bad.tsv"
"$bin" score "$data/scorer.jsonl" --audit-speakers "$tmp/bad.tsv" >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 2 ] && grep -q 'says 2 lines, the file has 1' "$tmp/err" || { echo "FAIL: bad sample: exit $rc"; fail=1; }
# gold speakers "who" and "his eyes" name nobody: not scorable, like "she"
cat > "$tmp/nobody.jsonl" <<'J'
{"id": "nobody-1", "text": "\"The ferry leaves at nine,\" said Marit Olsen.\n\n\"Nobody waits,\" said Per Lund.\n\n\"Row faster,\" said Ines Vik.\n", "quotes": [{"start": 1, "end": 26, "type": "direct", "speaker": "who", "speaker_aliases": []}, {"start": 48, "end": 62, "type": "direct", "speaker": "his eyes", "speaker_aliases": []}, {"start": 80, "end": 92, "type": "direct", "speaker": "Ines Vik", "speaker_aliases": []}]}
J
out=$("$bin" score "$tmp/nobody.jsonl")
want "$out" 'speaker acc 0.333 (1/3)'
want "$out" 'speaker acc 1.000 (1/1) on matched quotes whose gold names the speaker; 2 have only a bare pronoun'
[ "$fail" -eq 0 ] && echo "PASS: --audit-speakers raw and audited figures, sample estimate, stale/unaudited, bad files; who/his eyes unscorable"
exit "$fail"
