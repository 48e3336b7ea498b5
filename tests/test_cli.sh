#!/bin/sh
# The stance CLI as a user meets it: help, version, exit codes, errors that
# name the file, JSON/JSONL/text/DOT output on articles we wrote.
set -u
top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-.}
stance="$top_builddir/stance"
model="$top_builddir/tests/tiny.stm"
article="$top_srcdir/examples/article.txt"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/stance-cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*"; }
expect_status() { # expected-status description command...
    want=$1; what=$2; shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"; got=$?
    if [ "$got" = "$want" ]; then ok; else bad "$what: exit $got, want $want"; cat "$tmp/err"; fi
}

expect_status 0 "--version" "$stance" --version
grep -q '^stance [0-9]' "$tmp/out" && ok || bad "--version prints the version"
# It names the range of model formats it reads (1.4 added GTMP: models/FORMAT.md).
grep -q 'model formats 1\.0 to 1\.4)' "$tmp/out" && ok || bad "--version names the model formats 1.0 to 1.4"
expect_status 0 "--help" "$stance" --help
grep -q 'classify' "$tmp/out" && ok || bad "--help lists classify"
expect_status 2 "no arguments is a usage error" "$stance"
expect_status 2 "unknown command" "$stance" frobnicate
expect_status 0 "classify --help" "$stance" classify --help
# Every option train accepts is in its help; the temperatures say where they apply.
expect_status 0 "train --help" "$stance" train --help
grep -q -- '--temperature NAME=T' "$tmp/out" && grep -q -- '--in-domain-temperature NAME=T' "$tmp/out" && ok ||
  bad "train --help names --temperature and --in-domain-temperature"
expect_status 2 "bad --format" "$stance" classify -m "$model" --format yaml "$article"

expect_status 1 "missing model" "$stance" classify -m "$tmp/nope.stm" "$article"
grep -q "nope.stm" "$tmp/err" && ok || bad "missing model error names the file"
printf 'not a model' > "$tmp/bad.stm"
expect_status 1 "corrupt model" "$stance" classify -m "$tmp/bad.stm" "$article"
grep -q "bad.stm" "$tmp/err" && ok || bad "corrupt model error names the file"
expect_status 1 "missing input" "$stance" classify -m "$model" "$tmp/none.txt"
grep -q "none.txt" "$tmp/err" && ok || bad "missing input error names the file"
printf '"Fine,\377" she said.' > "$tmp/bad.txt"
expect_status 1 "invalid UTF-8" "$stance" classify -m "$model" "$tmp/bad.txt"
grep -q "bad.txt.*UTF-8.*byte 6" "$tmp/err" && ok || { bad "UTF-8 error names file and offset"; cat "$tmp/err"; }
grep -q "UTF-8 error\|top bits" "$tmp/err" && { bad "UTF-8 error in PCRE2's words"; cat "$tmp/err"; } || ok
expect_status 2 "an actor spec with an empty name" "$stance" classify -m "$model" -a '|Park' "$article"
grep -q "'|Park'" "$tmp/err" && ok || { bad "the empty-name error quotes the spec as given"; cat "$tmp/err"; }
head -c 70000 /dev/zero | tr '\0' 'A' > "$tmp/longname"
expect_status 1 "an actor name over PCRE2's pattern size" "$stance" classify -m "$model" -a "$(cat "$tmp/longname")" "$article"
grep -q "actor names: too long to match" "$tmp/err" && ok || { bad "a too-long actor name says so"; cat "$tmp/err"; }

expect_status 0 "classify JSON" "$stance" classify -m "$model" -a "Governor Tom Park|Park" "$article"
[ "$(wc -l < "$tmp/out")" = 1 ] && ok || bad "one JSON line per article"
grep -q '"quotes":\[{"start":' "$tmp/out" && ok || bad "JSON has quotes with byte spans"
grep -q '"stances":\[{' "$tmp/out" && ok || bad "JSON has stances toward the given actor"
if command -v python3 >/dev/null; then
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); t=open(sys.argv[2],"rb").read()
for q in d["quotes"]:
    assert t[q["start"]:q["end"]].decode() == q["text"], q
    assert abs(sum(q["sentiment"]["probs"].values()) - 1) < 1e-4
' "$tmp/out" "$article" && ok || bad "JSON spans index the input bytes; probabilities sum to 1"
fi

expect_status 0 "classify text" "$stance" classify -m "$model" --format text "$article"
grep -q 'sentiment:' "$tmp/out" && ok || bad "text format shows sentiment"
expect_status 0 "classify graph" "$stance" classify -m "$model" --graph -a "Governor Tom Park|Park" "$article"
grep -q '^digraph' "$tmp/out" && ok || bad "--graph prints DOT"

printf '{"id":"a","text":"\\"We failed,\\" said Jo Lee.","actors":["Jo Lee"]}\n\n{"id":7,"text":"No quotes."}\n' > "$tmp/in.jsonl"
expect_status 0 "JSONL filter" "$stance" classify -m "$model" --jsonl "$tmp/in.jsonl"
[ "$(wc -l < "$tmp/out")" = 2 ] && ok || bad "one output line per JSONL record"
grep -q '^{"id":7,' "$tmp/out" && ok || bad "numeric ids kept as written"
grep -q '"cue":"said","cue_span":\[13,17\],"rule":"after"' "$tmp/out" && ok || bad "each quote names its cue's bytes and its attribution rule"
printf 'JANE DOE: "We won."\n' > "$tmp/nocue.txt"
expect_status 0 "a quote without a cue" "$stance" classify -m "$model" "$tmp/nocue.txt"
grep -q '"cue":null,"cue_span":null,"rule":"name-colon"' "$tmp/out" && ok || bad "no cue: cue_span is null"
printf '"We failed," said Jo Lee.\n' > "$tmp/rule.txt"
expect_status 0 "text with --explain" "$stance" classify -m "$model" -f text -e 1 "$tmp/rule.txt"
grep -q 'attribution: after, cue said' "$tmp/out" && ok || bad "--explain shows the attribution rule"
printf '{"id":"a","text":"ok"}\n{broken\n' > "$tmp/broken.jsonl"
expect_status 1 "malformed JSONL" "$stance" classify -m "$model" --jsonl "$tmp/broken.jsonl"
grep -q "broken.jsonl:2" "$tmp/err" && ok || bad "malformed JSONL error names file and line"
[ "$(wc -l < "$tmp/out")" = 2 ] && ok || bad "good records still processed after a bad one"
sed -n 2p "$tmp/out" | grep -q '^{"id":null,"error":{"line":2,"message":"malformed JSON' && ok || bad "an error record in the bad record's place"

# predict and classify agree: a record without an id gets its line number (a string), blank lines counted;
# --explain writes {feature, contribution} (weight x value) in both.
printf '{"task":"sentiment","text":"A fine day."}\n\n{"id":"k","task":"sentiment","text":"A fine day."}\n' > "$tmp/noid.jsonl"
expect_status 0 "predict, a record without an id" "$stance" predict -m "$model" -e 1 "$tmp/noid.jsonl"
sed -n 1p "$tmp/out" | grep -q '^{"id":"1","head":"sentiment",' && ok || { bad "predict: a missing id is the line number"; cat "$tmp/out"; }
sed -n 2p "$tmp/out" | grep -q '^{"id":"k",' && ok || bad "predict: an id is kept"
grep -q '"explain":\[{"feature":"[^"]*","contribution":' "$tmp/out" && ! grep -q '"weight"' "$tmp/out" && ok ||
  { bad "predict --explain names the contribution"; cat "$tmp/out"; }
printf '{"text":"\\"We failed,\\" said Jo Lee."}\n\n{"id":"k","text":"\\"We failed,\\" said Jo Lee."}\n' > "$tmp/noidc.jsonl"
expect_status 0 "classify, a record without an id" "$stance" classify -m "$model" -e 1 --jsonl "$tmp/noidc.jsonl"
sed -n 1p "$tmp/out" | grep -q '^{"id":"1","quotes":' && ok || bad "classify: a missing id is the line number"
grep -q '"explain":\[{"feature":"[^"]*","contribution":' "$tmp/out" && ok || bad "classify --explain names the contribution"
expect_status 0 "predict --help" "$stance" predict --help
grep -q 'feature, contribution' "$tmp/out" && grep -q 'line number' "$tmp/out" && ok ||
  bad "predict --help names the contribution and the line number for a missing id"

# --format text shows a quote whole, however long.
long="We will keep the harbour open for every boat and every worker in this town, whatever the council decides next spring or the spring after that"
printf '"%s," said Jo Lee.\n' "$long" > "$tmp/long.txt"
expect_status 0 "text format, a long quote" "$stance" classify -m "$model" -f text "$tmp/long.txt"
grep -qF "\"$long,\"" "$tmp/out" && ok || { bad "text format shows the whole quote"; cat "$tmp/out"; }

# Several FILEs, some bad: each gets an error record in its place, the others are classified, the status is 1.
printf '"We won," said Jo Lee.\n' > "$tmp/good.txt"
expect_status 1 "several files, one missing and one not UTF-8" "$stance" classify -m "$model" \
  "$tmp/good.txt" "$tmp/missing.txt" "$tmp/bad.txt" "$tmp/good.txt"
[ "$(wc -l < "$tmp/out")" = 4 ] && ok || { bad "one line per FILE"; cat "$tmp/out"; }
sed -n 2p "$tmp/out" | grep -q "^{\"id\":\"$tmp/missing.txt\",\"error\":{\"file\":\"$tmp/missing.txt\",\"message\":\"No such file" && ok ||
  { bad "a missing FILE's error record"; cat "$tmp/out"; }
sed -n 3p "$tmp/out" | grep -q "^{\"id\":\"$tmp/bad.txt\",\"error\":{\"file\":\"$tmp/bad.txt\",\"offset\":6,\"message\":\"invalid UTF-8" && ok ||
  { bad "a FILE that is not UTF-8: its error record"; cat "$tmp/out"; }
sed -n 4p "$tmp/out" | grep -q '"quotes":\[{' && ok || bad "the FILE after the bad ones is classified"
grep -q "missing.txt" "$tmp/err" && grep -q "bad.txt" "$tmp/err" && ok || bad "stderr names both bad FILEs"
expect_status 1 "several files, -f text" "$stance" classify -m "$model" -f text "$tmp/missing.txt" "$tmp/good.txt"
grep -q "^== $tmp/missing.txt: error: No such file" "$tmp/out" && grep -q "^== $tmp/good.txt: 1 quote" "$tmp/out" && ok ||
  { bad "text format: a bad FILE's error line"; cat "$tmp/out"; }
expect_status 1 "several files, --on-error skip" "$stance" classify -m "$model" --on-error skip "$tmp/missing.txt" "$tmp/good.txt"
[ "$(wc -l < "$tmp/out")" = 1 ] && ok || bad "--on-error skip: no line for a bad FILE"
expect_status 1 "several files, --on-error stop" "$stance" classify -m "$model" --on-error stop "$tmp/good.txt" \
  "$tmp/missing.txt" "$tmp/good.txt"
[ "$(wc -l < "$tmp/out")" = 1 ] && ok || bad "--on-error stop ends the run at a bad FILE"
expect_status 1 "several JSONL files, one missing, one broken" "$stance" classify -m "$model" --jsonl "$tmp/in.jsonl" \
  "$tmp/nope.jsonl" "$tmp/broken.jsonl"
[ "$(wc -l < "$tmp/out")" = 5 ] && ok || { bad "JSONL files: a line per record and per missing file"; cat "$tmp/out"; }
sed -n 3p "$tmp/out" | grep -q "^{\"id\":null,\"error\":{\"file\":\"$tmp/nope.jsonl\",\"message\":\"cannot open: " && ok ||
  { bad "a missing JSONL file's error record"; cat "$tmp/out"; }
sed -n 5p "$tmp/out" | grep -q "^{\"id\":null,\"error\":{\"file\":\"$tmp/broken.jsonl\",\"line\":2,\"message\":\"malformed JSON" && ok ||
  { bad "among several files a bad record's error record names its file"; cat "$tmp/out"; }
expect_status 1 "several JSONL files, --on-error stop" "$stance" classify -m "$model" --jsonl --on-error stop \
  "$tmp/broken.jsonl" "$tmp/in.jsonl"
[ "$(wc -l < "$tmp/out")" = 1 ] && ok || bad "--on-error stop ends the run, not only the file"

# A file name that is not UTF-8: its id has U+FFFD for the bad byte (it was refused as "out of memory").
badname=$(printf 'n\377.txt')
printf '"We won," said Jo Lee.\n' > "$tmp/$badname"
expect_status 0 "a file name that is not UTF-8" "$stance" classify -m "$model" "$tmp/$badname"
grep -q '^{"id":"[^"]*n\\uFFFD\.txt","quotes":\[{' "$tmp/out" && ok || { bad "its id has U+FFFD"; cat "$tmp/out" "$tmp/err"; }

STANCE_MODEL="$model" "$stance" classify "$article" > "$tmp/env.out" 2>&1 && ok || bad "STANCE_MODEL selects the model"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
