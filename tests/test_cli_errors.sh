#!/bin/sh
# test_cli_errors.sh - what a new user meets when something is wrong (tidy1): each block
# fails without its fix.
#   1. every subcommand `stance --help` lists says its option errors as "stance: CMD: ...",
#      exit 2 (getopt's own messages had no "stance: " and named the subcommand as the program)
#   2. the failure pass: every command on a missing file, a directory, an unreadable file (when
#      not root), an empty, truncated, wrong-version or corrupt model, invalid UTF-8, a line that
#      is not JSON: "stance: FILE...: what", exit 1, nothing on stdout where nothing was made
#   3. a truncated model says "truncated" (it said "corrupt" as for a changed byte); an empty
#      one "the file is empty"; train --add-to says a bad model as every other command does
#   4. train --in-domain / --no-ngram-text FILE that no --head reads is a usage error (it was
#      silently ignored: a typo left the rows general, the n-grams readable)
#   5. an output in a missing directory names the directory (it said "cannot create a
#      temporary file beside it"); nothing is created
#   6. a model named by -m that cannot be opened: no "(use -m MODEL ...)" advice to a user who
#      did; one from $STANCE_MODEL says so
#   7. train stores no string that is not UTF-8: a --head name, --name, --created or --meta
#      that is not is a usage error (predict then failed "out of memory while writing the
#      prediction"); a file name's invalid byte in the "head.NAME.data" metadata becomes '?'
#   8. eval --json (and its --report) of a file whose name is not UTF-8 has its "file", with
#      U+FFFD as classify's id has (the key was left out: jansson refuses the bytes)
#   9. (tidy2) every option check of train and classify, moved out of the two long functions
#      into option tables and check functions: its message and status, and no model written
#  10. (cli20) classify -a NAME that is not UTF-8 is a usage error naming --actor, exit 2, as
#      every other bad -a value (it exited 1: "-a: invalid UTF-8 in actor 0"); in block 9's list
#  11. (cli20) an error record's "file" for a name that is not UTF-8 has U+FFFD, as its id
#  12. (cli20) train -o and eval --report ended by SIGINT/SIGTERM/SIGHUP during their write
#      leave no temporary file (train's ".NAME.XXXXXX" stayed)
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

# ---- 2. the failure pass ----------------------------------------------------------------------
printf 'Ann Lee said "We will win," on Monday.\n' >"$W/good.txt"
printf 'Bad \377 byte "here," Bo said.\n' >"$W/bad.txt"
printf '{"id": 1, "text": "Bad \377 byte"}\n' >"$W/bad.jsonl"
printf '{"id": 1, "text": "Bo said so."}\nnot json\n' >"$W/notjson.jsonl"
: >"$W/empty.stm"
mkdir "$W/dir"
cp "$T/stance.jsonl" "$W/st.jsonl"
head -c 100 "$MODEL" >"$W/trunc.stm"
cp "$MODEL" "$W/ver.stm"; printf '\011\000' | dd of="$W/ver.stm" bs=1 seek=4 conv=notrunc 2>/dev/null
cp "$MODEL" "$W/flip.stm"; printf 'X' | dd of="$W/flip.stm" bs=1 seek=60 conv=notrunc 2>/dev/null
cp "$W/good.txt" "$W/unread.txt"; chmod 000 "$W/unread.txt"
unread=; cat "$W/unread.txt" >/dev/null 2>&1 || unread=unread.txt # root reads it anyway
for f in missing.txt dir $unread; do
  why=$(case $f in missing*) echo 'No such file or directory' ;; dir) echo 'is a directory' ;; *) echo 'Permission denied' ;; esac)
  for c in classify jsonl eval predict dump inspect model train add-to; do
    case $c in # the file as the input, or as the model
      classify) set -- classify -m "$MODEL" "$W/$f" ;;
      jsonl) set -- classify --jsonl -m "$MODEL" "$W/$f" ;;
      eval|predict) set -- $c -m "$MODEL" "$W/$f" ;;
      dump) set -- dump "$W/$f" ;;
      inspect) set -- inspect -m "$W/$f" ;;
      model) set -- classify -m "$W/$f" "$W/good.txt" ;;
      train) set -- train -q -o "$W/new.stm" --head stance="$W/$f" ;;
      add-to) set -- train -q -o "$W/new.stm" --add-to "$W/$f" --head stance="$W/st.jsonl" ;;
    esac
    expect 1 "$c: $f" "$STANCE" "$@"
    grep -q "^stance: $W/$f.*$why" "$W/err" && ok "  names the file and says: $why" ||
      { bad "  names the file and says: $why"; sed 's/^/# /' "$W/err"; }
  done
done
test -e "$W/new.stm" && bad "a failed train wrote its model" || ok "no failed train wrote its model"
for m in empty.stm trunc.stm ver.stm flip.stm good.txt; do
  why=$(case $m in empty*) echo 'the file is empty' ;; trunc*) echo 'truncated' ;; ver*) echo 'model format 9 is not supported' ;;
        flip*) echo 'the model file is corrupt' ;; *) echo 'not a libstance model' ;; esac)
  for c in classify eval predict inspect dump train; do
    case $c in
      classify) set -- classify -m "$W/$m" "$W/good.txt" ;;
      eval|predict) set -- $c -m "$W/$m" "$W/st.jsonl" ;;
      inspect) set -- inspect -m "$W/$m" ;;
      dump) set -- dump "$W/$m" ;;
      train) set -- train -q -o "$W/new.stm" --add-to "$W/$m" --head sentiment="$T/sentiment.jsonl" ;;
    esac
    expect 1 "$c with model $m" "$STANCE" "$@"
    test ! -s "$W/out" && grep -q "^stance: $W/$m: .*$why" "$W/err" && ok "  nothing on stdout; names the model and says: $why" ||
      { bad "  nothing on stdout; names the model and says: $why"; sed 's/^/# /' "$W/err"; }
  done
done
test -e "$W/new.stm" && bad "a failed --add-to wrote its model" || ok "no failed --add-to wrote its model"
expect 1 "classify: invalid UTF-8" "$STANCE" classify -m "$MODEL" "$W/bad.txt"
err_has "^stance: $W/bad.txt: invalid UTF-8"
for c in "classify --jsonl -m $MODEL" "predict -m $MODEL" "eval -m $MODEL" "train -q -o $W/new.stm --head stance="; do
  for f in bad.jsonl notjson.jsonl; do
    line=$(case $f in bad*) echo 1 ;; *) echo 2 ;; esac)
    case $c in train*) set -- $c"$W/$f" ;; *) set -- $c "$W/$f" ;; esac
    expect 1 "${c%% *} on $f" "$STANCE" "$@"
    case "$c:$f" in eval*:notjson*|train*:notjson*) why='missing field "label"'; line=1 ;; *) why='malformed JSON' ;; esac
    grep -q "^stance: $W/$f:$line: $why" "$W/err" && ok "  names file and line $line: $why" ||
      { bad "  names file and line $line: $why"; sed 's/^/# /' "$W/err"; }
  done
done
test -e "$W/new.stm" && bad "a failed train wrote its model" || ok "no failed train wrote its model"
cp "$W/st.jsonl" "$W/st.orig"
expect 1 "train -o INPUT" "$STANCE" train -q -o "$W/st.jsonl" --cv 0 --head stance="$W/st.jsonl"
err_has "is also an input"
cmp -s "$W/st.jsonl" "$W/st.orig" && ok "  the input is intact" || bad "  the input is intact"
expect 1 "eval --report INPUT" "$STANCE" eval -m "$MODEL" --report "$W/st.jsonl" "$W/st.jsonl"
cmp -s "$W/st.jsonl" "$W/st.orig" && ok "  the input is intact" || bad "  the input is intact"

# ---- 3. a truncated model is called truncated; an empty one empty; --add-to says it as others do ----
expect 1 "inspect a truncated model" "$STANCE" inspect -m "$W/trunc.stm"
err_has "the model file is truncated (its 100 bytes end inside its sections)"
expect 1 "inspect a model with a changed byte" "$STANCE" inspect -m "$W/flip.stm"
grep -q "truncated" "$W/err" && bad "  a changed byte is not called truncation" || ok "  a changed byte is not called truncation"
expect 1 "train --add-to a truncated model" "$STANCE" train -q -o "$W/new.stm" --add-to "$W/trunc.stm" \
  --head sentiment="$T/sentiment.jsonl"
err_has "^stance: $W/trunc.stm: not a libstance model, or a corrupt one: .* (byte 100 of the file)$"

# ---- 4. --in-domain / --no-ngram-text name a file of a --head ------------------------------------
for o in --in-domain --no-ngram-text; do
  expect 2 "train $o FILE that no --head reads" "$STANCE" train -q -o "$W/new.stm" --cv 0 $o "$W/typo.jsonl" \
    --head stance="$W/st.jsonl"
  err_has "^stance: train: $o $W/typo.jsonl: no --head reads that file"
  expect 0 "train $o FILE, the second file of a --head" "$STANCE" train -q -o "$W/new.stm" --cv 0 --table-bits 10 \
    $o "$W/st.jsonl" --head stance="$T/stance.jsonl,$W/st.jsonl"
done
rm -f "$W/new.stm"

# ---- 5. an output in a missing directory: the directory named, nothing created ---------------------
expect 1 "train -o in a missing directory" "$STANCE" train -q -o "$W/nodir/sub/m.stm" --cv 0 --head stance="$W/st.jsonl"
err_has "^stance: $W/nodir/sub/m.stm: cannot write it: there is no directory $W/nodir/sub$"
expect 1 "eval --report in a missing directory" "$STANCE" eval -m "$MODEL" --report "$W/nodir/r.html" "$W/st.jsonl"
err_has "^stance: $W/nodir/r.html: cannot write it: there is no directory $W/nodir$"
test -e "$W/nodir" && bad "  nothing created" || ok "  nothing created"

# ---- 6. the model's origin in the message -----------------------------------------------------------
expect 1 "classify -m a missing model" "$STANCE" classify -m "$W/missing.stm" "$W/good.txt"
grep -q "use -m" "$W/err" && bad "  no advice to use -m to a user who did" || ok "  no advice to use -m to a user who did"
run env STANCE_MODEL="$W/missing.stm" "$STANCE" classify "$W/good.txt"
test "$rc" -eq 1 && grep -q "^stance: $W/missing.stm: No such file or directory (the model \$STANCE_MODEL names" "$W/err" &&
  ok "a missing model from \$STANCE_MODEL says where it came from" ||
  { bad "a missing model from \$STANCE_MODEL says where it came from"; sed 's/^/# /' "$W/err"; }

# ---- 7. train stores UTF-8 only -----------------------------------------------------------------
for o in head name meta; do
  case $o in
    head) set -- --head "$(printf 'h\377')=$W/st.jsonl" ;;
    name) set -- --name "$(printf 'n\300\200')" --head stance="$W/st.jsonl" ;;
    meta) set -- --meta "$(printf 'k=v\377')" --head stance="$W/st.jsonl" ;;
  esac
  expect 2 "train --$o not UTF-8: usage error" "$STANCE" train -q -o "$W/new.stm" --cv 0 "$@"
  err_has "^stance: train: --$o '.*': not valid UTF-8"
done
test -e "$W/new.stm" && bad "  no model written" || ok "  no model written"
cp "$W/st.jsonl" "$W/$(printf 'f\377.jsonl')"
expect 0 "train on a file whose name is not UTF-8" "$STANCE" train -q -o "$W/new.stm" --cv 0 --table-bits 10 \
  --head stance="$W/$(printf 'f\377.jsonl')"
"$STANCE" dump "$W/new.stm" | grep -q '^meta head.stance.data = .*/f?\.jsonl$' && ok "  its name is stored with '?'" ||
  { bad "  its name is stored with '?'"; "$STANCE" dump "$W/new.stm" | grep '^meta' | sed 's/^/# /'; }

# ---- 8. a file name that is not UTF-8 in eval's JSON: U+FFFD, as classify's id --------------------
expect 0 "eval --json on a file whose name is not UTF-8" "$STANCE" eval -m "$MODEL" --json "$W/$(printf 'f\377.jsonl')"
out_has "^  \"file\": \".*/f$(printf '\357\277\275')\.jsonl\",\$"

# ---- 9. train's and classify's option checks, each: its message, its status ----------------------
rm -f "$W/new.stm"
while IFS='@' read -r code opts msg; do
  eval "set -- $opts"
  expect "$code" "train $opts" "$STANCE" train -q -o "$W/new.stm" --cv 0 --table-bits 10 "$@"
  err_has "^stance: $msg"
done <<'EOF'
2@--head st="$W/st.jsonl" --solver svm@train: --solver is libsvm or liblinear$
2@--head st="$W/st.jsonl" --class-weight some@train: --class-weight is balanced or none$
2@--head st="$W/st.jsonl" --value ''@train: --value is binary, logtf, binary-family or logtf-family$
2@--head st="$W/st.jsonl" --value tf@train: --value is binary, logtf, binary-family or logtf-family$
2@--head st="$W/st.jsonl" --word-n 3-2@train: --word-n takes A-B or A with 1 <= A <= B <= [0-9]*, not '3-2'$
2@--head st="$W/st.jsonl" --char-n 0@train: --char-n takes A-B
2@--head st="$W/st.jsonl" --cv 101@train: --cv
2@--head st="$W/st.jsonl" --window 0@train: --window
2@--head st="$W/st.jsonl" --ngrams x@train: --ngrams
2@--head st="$W/st.jsonl" --prune -1@train: --prune
2@--head st="$W/st.jsonl" --nb -1@train: --nb
2@--head st="$W/st.jsonl" --vec-vocab 5@train: --vec-vocab
2@--head st="$W/st.jsonl" --vec-min-count 0@train: --vec-min-count
2@--head st="$W/st.jsonl" --temperature st@train: --temperature wants NAME=T with T in 0.05..20 (at most 8)$
2@--head st="$W/st.jsonl" --in-domain-temperature st=30@train: --in-domain-temperature wants NAME=T
2@--head st="$W/st.jsonl" --temperature st=2 --temperature st=3@train: --temperature st given twice$
2@--head st@train: --head wants NAME=FILE (at most 8 heads)$
2@--head st="$W/st.jsonl" --meta novalue@train: --meta wants KEY=VALUE (at most 16)$
2@--head st="$W/st.jsonl" --meta "k=$(printf '%65537s' x)"@train: --meta: a key or value longer than
2@--head "$(printf '%201s' h | tr ' ' h)=$W/st.jsonl"@train: --head: a head name is at most 200 bytes$
2@--head st="$W/st.jsonl" --name "$(printf '%65537s' x)"@train: --name and --created are at most
2@--head st="$W/st.jsonl" --C 1,x@train: --C wants a comma-separated list of 1 to 32 numbers above 0, not '1,x'$
2@--head st="$W/st.jsonl" --families nosuch@train: bad --families 'nosuch'$
2@--head st="$W/st.jsonl" extra@train: need -o MODEL and at least one --head NAME=FILE
1@--head st="$W/st.jsonl" --head sentiment="$T/sentiment.jsonl" --add-to "$MODEL"@train: the model already has a head 'sentiment'$
EOF
test -e "$W/new.stm" && bad "  no model written" || ok "  no model written"
expect 0 "train --add-to with feature options" "$STANCE" train -q -o "$W/new.stm" --cv 0 --add-to "$MODEL" \
  --head extra="$W/st.jsonl" --word-n 1-2
err_has "^stance: train: --add-to keeps the model's feature settings, lexicon and word vectors; feature options ignored$"
while IFS='@' read -r code opts msg; do
  eval "set -- $opts"
  expect "$code" "classify $opts" "$STANCE" classify -m "$MODEL" "$@" "$W/good.txt"
  err_has "^stance: $msg"
  test -s "$W/out" && bad "  nothing on stdout" || ok "  nothing on stdout"
done <<'EOF'
2@--format xml@classify: unknown format 'xml' (json, text, dot, html)$
2@-f ''@classify: unknown format '' (json, text, dot, html)$
2@--explain 1001@classify: --explain
2@-a ' '@classify: --actor ' ': the name is empty or only white space$
2@-a 'Ann Lee| '@classify: --actor 'Ann Lee| ': an alias is empty or only white space$
2@-a "$(printf 'Ann\377')"@classify: --actor '.*': not valid UTF-8 (byte 3)$
2@-a "$(printf 'Ann Lee|A\300\200')"@classify: --actor '.*': not valid UTF-8 (byte 9)$
2@--on-error sometimes@classify: --on-error
EOF
for f in json text dot html; do
  expect 0 "classify -f $f" "$STANCE" classify -m "$MODEL" -f "$f" "$W/good.txt"
  test -s "$W/out" && ok "  prints its $f" || bad "  prints its $f"
done
out_has '</html>'

# ---- 11. an error record's "file" for a name that is not UTF-8: U+FFFD, as its id ----------------
fffd=$(printf '\357\277\275')
printf 'not json\n' >"$W/$(printf 'j\377.jsonl')"
expect 1 "classify --jsonl, a bad line in a file whose name is not UTF-8" "$STANCE" classify -m "$MODEL" \
  --on-error record --jsonl "$W/$(printf 'j\377.jsonl')" "$W/$(printf 'j\377.jsonl')"
out_has "^{\"id\":null,\"error\":{\"file\":\".*/j$fffd\.jsonl\",\"line\":1,"
expect 1 "classify, a missing file whose name is not UTF-8" "$STANCE" classify -m "$MODEL" --on-error record \
  "$W/$(printf 'm\377.txt')"
out_has "^{\"id\":\".*/m\\\\uFFFD\.txt\",\"error\":{\"file\":\".*/m$fffd\.txt\",\"message\":"

# ---- 12. a writer ended by SIGINT, SIGTERM or SIGHUP leaves no temporary file --------------------
# STANCE_TEST_HOLD_TEMP (test-only, src/cli_io.c) stops a write halfway with its temporary file
# there; the test waits for that file to hold bytes, sends the signal, and wants the command dead
# of it with nothing left in the directory (train left its ".new.stm.XXXXXX").
hold() { # hold SIG DESC KEEP CMD... (the output goes to $W/hold/; KEEP: what must be there after)
  sig=$1; desc=$2; keep=$3; shift 3
  rm -rf "$W/hold"; mkdir "$W/hold"
  # a script's background job starts with SIGINT ignored, and under nohup SIGHUP is ignored (the
  # command keeps an ignored signal ignored): env gives both back their default action
  STANCE_TEST_HOLD_TEMP=1 env --default-signal=INT,HUP "$@" >"$W/out" 2>"$W/err" &
  pid=$!
  n=0
  while test -z "$(find "$W/hold" -name '.*' -size +0 2>/dev/null)" && kill -0 "$pid" 2>/dev/null &&
    test "$n" -lt 600; do sleep 0.05; n=$((n + 1)); done
  if test -z "$(find "$W/hold" -name '.*' -size +0)"; then
    bad "$desc: a temporary file while it writes (never seen)"
    kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    return
  fi
  kill -"$sig" "$pid"
  n=0
  while kill -0 "$pid" 2>/dev/null && test "$n" -lt 100; do sleep 0.05; n=$((n + 1)); done
  kill -0 "$pid" 2>/dev/null && { kill -KILL "$pid"; bad "$desc: SIG$sig did not end it"; }
  wait "$pid"; rc=$?
  case $sig in INT) num=2 ;; TERM) num=15 ;; HUP) num=1 ;; esac
  test "$rc" -eq $((128 + num)) && ok "$desc: ended by SIG$sig" || bad "$desc: ended by SIG$sig (exit $rc)"
  left=$(ls -A "$W/hold")
  test "$left" = "$keep" && ok "  no temporary file left (${keep:-nothing} there)" ||
    bad "  no temporary file left: $left"
}
sigs="TERM HUP"
env --default-signal=INT,HUP true 2>/dev/null && sigs="INT $sigs" || ok "# SKIP SIGINT: no env --default-signal"
for sig in $sigs; do
  hold "$sig" "train -o, SIG$sig in the final write" "" "$STANCE" train -q -o "$W/hold/new.stm" --cv 0 \
    --table-bits 10 --head stance="$W/st.jsonl"
done
hold TERM "eval --report, SIGTERM in its write" "" "$STANCE" eval -m "$MODEL" --report "$W/hold/r.html" "$W/st.jsonl"
hold TERM "train -o over an existing model, SIGTERM in the final write" new.stm sh -c \
  'cp "$1" "$2"; exec "$3" train -q -o "$2" --cv 0 --table-bits 10 --head stance="$4"' sh "$MODEL" \
  "$W/hold/new.stm" "$STANCE" "$W/st.jsonl"
cmp -s "$MODEL" "$W/hold/new.stm" &&
  ok "  the old model is left as it was" || bad "  the old model is left as it was: $(ls -A "$W/hold")"

test "$fails" -eq 0
