#!/bin/sh
# test_cli_hostile.sh - the stance command against hostile conditions, one
# block per class of defect (issue 16): every failure visible, nothing lost,
# nothing damaged. Each check fails without its mechanism:
#   1. one output path: write errors (/dev/full, closed stdout, EPIPE with
#      SIGPIPE ignored) are a message and exit 1, for every command
#   2. output files replace only a regular file or a new path
#   3. the trainer checks its data and options before any work
#   4. numeric options: one parser with a range, exit 2 naming the option
#   5. one input path: BOM, CRLF, ids as written, closed stdin, directories,
#      blank actor names, aliases that are not a list
#   6. bad records: --on-error record|skip|stop, positions kept
#   7. text for people never cuts a UTF-8 character; model files sized by fstat
set -u
name=hostile; . "${top_srcdir:-.}/tests/cli-common.sh"

# Fixtures (our own words).
"$STANCE" train -q -o "$W/m.stm" --table-bits 10 --cv 0 --seed 2 \
  --head stance="$T/stance.jsonl" --head sentiment="$T/sentiment.jsonl" || { echo "not ok - fixture model"; exit 1; }
i=0
while test $i -lt 400; do
  echo "{\"id\":\"r$i\",\"text\":\"\\\"We will fix the harbour,\\\" Ines Harrowgate said on day $i.\",\"actors\":[\"Ines Harrowgate\"]}"
  i=$((i + 1))
done >"$W/many.jsonl"
grep -v '^$' "$T/stance.jsonl" >"$W/stance.jsonl"

# ---- 1. one output path --------------------------------------------------------------
for cmd in "classify -m $MODEL --jsonl $W/many.jsonl" "classify -m $MODEL -f text $S/examples/article.txt" \
           "dump --weights $MODEL" "inspect -m $W/m.stm" "eval -m $W/m.stm $W/stance.jsonl" \
           "predict -m $W/m.stm $W/stance.jsonl" "--help"; do
  # shellcheck disable=SC2086
  "$STANCE" $cmd >/dev/full 2>"$W/err"; rc=$?
  test "$rc" -eq 1 && grep -q "write error on standard output: No space left" "$W/err" &&
    ok "stance $cmd > /dev/full: exit 1 with a message" || { bad "stance $cmd > /dev/full (exit $rc)"; cat "$W/err"; }
  # shellcheck disable=SC2086
  "$STANCE" $cmd >&- 2>"$W/err"; rc=$?
  test "$rc" -eq 1 && grep -q "write error on standard output" "$W/err" &&
    ok "stance $cmd >&-: exit 1" || { bad "stance $cmd with stdout closed (exit $rc)"; cat "$W/err"; }
done
# EPIPE with SIGPIPE ignored, as under Python's subprocess: the reader is gone.
# epipe CMD...: CMD's stdout is a pipe whose only reader has closed it before CMD starts,
# so CMD's first write fails with EPIPE, however fast or slow anything runs; status in
# $W/rc, stderr in $W/err. No timing: the reader closes its end first and only then
# writes a line into the FIFO $W/gone, and the writer's side waits for that line before
# it starts CMD. (A reader that took one byte and exited left a race: when the whole
# output fitted in the pipe buffer before the reader was gone, as predict's 400 short
# lines can under load, every write succeeded and the command rightly exited 0.)
epipe() {
  rm -f "$W/gone" "$W/rc"; mkfifo "$W/gone" || { bad "mkfifo"; return; }
  ( trap '' PIPE
    { read -r go <"$W/gone"; "$@" 2>"$W/err"; echo $? >"$W/rc"; } | { exec 0<&-; echo gone >"$W/gone"; } )
}
epipe "$STANCE" classify -m "$MODEL" --jsonl "$W/many.jsonl"
test "$(cat "$W/rc")" -eq 1 && grep -q "Broken pipe" "$W/err" && ok "EPIPE: exit 1, Broken pipe" ||
  { bad "EPIPE (exit $(cat "$W/rc"))"; cat "$W/err"; }
epipe "$STANCE" predict -m "$W/m.stm" "$W/many.jsonl"
test "$(cat "$W/rc")" -eq 1 && grep -q "Broken pipe" "$W/err" && ok "predict EPIPE: exit 1" ||
  { bad "predict EPIPE (exit $(cat "$W/rc"))"; cat "$W/err"; }
head -1 "$W/many.jsonl" >"$W/one.jsonl"
epipe "$STANCE" predict -m "$W/m.stm" "$W/one.jsonl"
test "$(cat "$W/rc")" -eq 1 && grep -q "Broken pipe" "$W/err" && ok "predict EPIPE, one short line: exit 1" ||
  { bad "predict EPIPE, one short line (exit $(cat "$W/rc"))"; cat "$W/err"; }
# train's messages: an unwritable stderr is a failure too; -q writes none
"$STANCE" train -o "$W/t1.stm" --table-bits 10 --cv 0 --head stance="$T/stance.jsonl" 2>/dev/full; rc=$?
test "$rc" -eq 1 && ok "train messages to /dev/full: exit 1" || bad "train messages to /dev/full (exit $rc)"
expect 0 "train -q: no progress" "$STANCE" train -q -o "$W/t1.stm" --table-bits 10 --cv 0 --head stance="$T/stance.jsonl"
! grep -v "^stance train: warning: " "$W/err" >/dev/null && ok "  nothing on stderr but warnings" || bad "  nothing on stderr but warnings"
# with stdout closed, a file train opens must not land on fd 1 and receive our output
"$STANCE" train -q -o "$W/t2.stm" --table-bits 10 --cv 0 --head stance="$T/stance.jsonl" >&-; rc=$?
test "$rc" -eq 0 && cmp -s "$W/t1.stm" "$W/t2.stm" && ok "train with stdout closed writes the same model" ||
  bad "train with stdout closed (exit $rc)"

# ---- 2. output files -------------------------------------------------------------------
mkfifo "$W/fifo" && mkdir "$W/dir" && ln -s fifo "$W/to-fifo" && ln -s nowhere/x "$W/dangling"
for target in fifo dir to-fifo dangling; do
  expect 1 "train -o $target: refused" "$STANCE" train -q -o "$W/$target" --table-bits 10 --cv 0 \
    --head stance="$T/stance.jsonl"
  err_has "refusing to replace it"
done
test -p "$W/fifo" && test -d "$W/dir" && test -L "$W/to-fifo" && test -L "$W/dangling" &&
  ok "the FIFO, directory and links are as they were" || bad "a refused target was changed"
if mknod "$W/full" c 1 7 2>/dev/null; then # a /dev/full-like node, in our scratch dir only
  expect 1 "train -o a character device: refused" "$STANCE" train -q -o "$W/full" --table-bits 10 --cv 0 \
    --head stance="$T/stance.jsonl"
  test -c "$W/full" && ok "  still a character device" || bad "  the device node was replaced"
  expect 1 "a model that is a device: refused unread" "$STANCE" classify -m "$W/full" "$S/examples/article.txt"
  err_has "not a model file"
else
  echo "ok - # SKIP mknod not permitted (the FIFO above covers the rule)"
fi
ls -A "$W" | grep -q '^\.' && bad "no temporary files left behind" || ok "no temporary files left behind"
cp "$W/m.stm" "$W/reg.stm"; chmod 640 "$W/reg.stm"; ln -s reg.stm "$W/to-reg"
expect 0 "train -o a symlink to a regular file" "$STANCE" train -q -o "$W/to-reg" --table-bits 10 --cv 0 \
  --head stance="$T/stance.jsonl"
test -L "$W/to-reg" && cmp -s "$W/reg.stm" "$W/t1.stm" && test "$(stat -c %a "$W/reg.stm")" = 640 &&
  ok "  replaces the file it names, keeps the link and the mode" || bad "  symlinked target"

# ---- 3. the trainer checks data and options first -----------------------------------------
cp "$W/m.stm" "$W/keep.stm"
grep '"favor"' "$T/stance.jsonl" >"$W/one-class.jsonl"
expect 1 "one class of three: refused" "$STANCE" train -q -o "$W/keep.stm" --cv 0 --head stance="$W/one-class.jsonl"
err_has 'class "against" has 0 examples'
sed 's/"task": *"stance"/"task": "mood"/' "$W/one-class.jsonl" >"$W/one-label.jsonl"
expect 1 "a single label: refused" "$STANCE" train -q -o "$W/keep.stm" --cv 0 --head mood="$W/one-label.jsonl"
err_has "at least two classes"
cmp -s "$W/m.stm" "$W/keep.stm" && ok "  the existing model is untouched" || bad "  the existing model was replaced"
grep -q WARNING "$W/err" && bad "  no solver warnings" || ok "  no solver warnings"
{ grep '"favor"' "$T/stance.jsonl"; grep '"none"' "$T/stance.jsonl"; grep '"against"' "$T/stance.jsonl" | head -1; } >"$W/thin.jsonl"
expect 1 "a class of one example with a CV search: refused" "$STANCE" train -q -o "$W/x.stm" --cv 3 \
  --head stance="$W/thin.jsonl"
err_has "cross-validation"
head -c 70000 /dev/zero | tr '\0' x >"$W/long"
expect 2 "--meta over 64 KiB: refused before training" "$STANCE" train -o "$W/x.stm" --meta "k=$(cat "$W/long")" \
  --head stance="$T/stance.jsonl"
grep -q "head stance" "$W/err" && bad "  before any training" || ok "  before any training"
expect 2 "the same head twice" "$STANCE" train -q -o "$W/x.stm" --head stance="$T/stance.jsonl" --head stance="$T/stance.jsonl"
test ! -e "$W/x.stm" && ok "nothing written" || bad "nothing written"

# ---- 4. numeric options -----------------------------------------------------------------------
while read -r opt val sub; do
  # shellcheck disable=SC2086
  case $sub in
    train) run "$STANCE" train -q -o "$W/x.stm" "$opt" "$val" --head stance="$T/stance.jsonl" ;;
    classify) run "$STANCE" classify -m "$MODEL" "$opt" "$val" "$S/examples/article.txt" ;;
    predict) run "$STANCE" predict -m "$W/m.stm" "$opt" "$val" "$W/stance.jsonl" ;;
    inspect) run "$STANCE" inspect -m "$W/m.stm" "$opt" "$val" ;;
  esac
  test "$rc" -eq 2 && grep -q -- "$opt" "$W/err" && ok "$sub $opt '$val': usage error naming it" ||
    { bad "$sub $opt '$val' (exit $rc)"; cat "$W/err"; }
done <<'EOF_OPTS'
--cv -3 train
--cv 5x train
--window -1 train
--window 0 train
--prune nan train
--prune -1 train
--nb inf train
--seed abc train
--seed -1 train
--table-bits 99 train
--ngrams 1e3 train
--C 0.1,abc train
--C 0,1 train
--word-n 1-3x train
--char-n 0-2 train
--families word:1x train
--explain abc classify
--explain 3junk classify
-e -1 predict
--explain 1.5 predict
--top -1 inspect
--top 2x inspect
--on-error never predict
--on-error sometimes classify
EOF_OPTS
test ! -e "$W/x.stm" && ok "no bad option wrote a model" || bad "no bad option wrote a model"

# ---- 5. one input path -------------------------------------------------------------------------
printf '\357\273\277' >"$W/bom.jsonl"; sed 's/$/\r/' "$W/stance.jsonl" >>"$W/bom.jsonl"
printf '\357\273\277' >"$W/bom-s.jsonl"; sed 's/$/\r/' "$T/sentiment.jsonl" >>"$W/bom-s.jsonl"
expect 0 "train on BOM + CRLF" "$STANCE" train -q -o "$W/bom.stm" --table-bits 10 --cv 0 --seed 2 \
  --head stance="$W/bom.jsonl" --head sentiment="$W/bom-s.jsonl"
"$STANCE" dump "$W/bom.stm" | grep -v '^file\|data =' >"$W/a"; "$STANCE" dump "$W/m.stm" | grep -v '^file\|data =' >"$W/b"
cmp -s "$W/a" "$W/b" && ok "  the same model as from the plain file" || bad "  the same model as from the plain file"
"$STANCE" predict -m "$W/m.stm" "$W/stance.jsonl" >"$W/a"; "$STANCE" predict -m "$W/m.stm" "$W/bom.jsonl" >"$W/b"
cmp -s "$W/a" "$W/b" && ok "predict: BOM + CRLF read as plain" || bad "predict: BOM + CRLF read as plain"
"$STANCE" eval -m "$W/m.stm" "$W/stance.jsonl" | tail -n +2 >"$W/a"; "$STANCE" eval -m "$W/m.stm" "$W/bom.jsonl" | tail -n +2 >"$W/b"
cmp -s "$W/a" "$W/b" && ok "eval: BOM + CRLF read as plain" || bad "eval: BOM + CRLF read as plain"
head -3 "$W/many.jsonl" >"$W/c.jsonl"; { printf '\357\273\277'; sed 's/$/\r/' "$W/c.jsonl"; } >"$W/c-bom.jsonl"
"$STANCE" classify -m "$MODEL" --jsonl "$W/c.jsonl" >"$W/a"; "$STANCE" classify -m "$MODEL" --jsonl "$W/c-bom.jsonl" >"$W/b"
cmp -s "$W/a" "$W/b" && ok "classify --jsonl: BOM + CRLF read as plain" || bad "classify --jsonl: BOM + CRLF"
printf '"We will win," Ines Harrowgate said.' >"$W/t.txt"; { printf '\357\273\277'; cat "$W/t.txt"; } >"$W/t-bom.txt"
"$STANCE" classify -m "$MODEL" - <"$W/t.txt" >"$W/a"; "$STANCE" classify -m "$MODEL" - <"$W/t-bom.txt" >"$W/b"
cmp -s "$W/a" "$W/b" && grep -q '"type":"direct"' "$W/a" && ok "classify: a BOM before a direct quote" ||
  bad "classify: a BOM before a direct quote"
cat >"$W/ids.jsonl" <<'EOF_IDS'
{"id": 1.50, "text": "x"}
{"id":12345678901234567,"text":"x"}
{"id": -0, "text": "x"}
{"id": 1e3, "text": "x"}
{"id": "caf\u00e9 \"q\" \ud83d\ude00", "text": "x"}
{"id": null, "text": "x"}
{"text": "x"}
EOF_IDS
expect 0 "classify: ids" "$STANCE" classify -m "$MODEL" --jsonl "$W/ids.jsonl"
cut -d, -f1 "$W/out" | tr '\n' ' ' >"$W/got"
want='{"id":1.50 {"id":12345678901234567 {"id":-0 {"id":1e3 {"id":"caf\u00e9 \"q\" \ud83d\ude00" {"id":null {"id":"7" '
test "$(cat "$W/got")" = "$want" && ok "  ids exactly as written" || { bad "  ids exactly as written"; cat "$W/got"; echo; }
expect 0 "predict: ids" "$STANCE" predict -m "$W/m.stm" --head stance "$W/ids.jsonl"
cut -d, -f1 "$W/out" | head -4 | tr '\n' ' ' >"$W/got"
test "$(cat "$W/got")" = '{"id":1.50 {"id":12345678901234567 {"id":-0 {"id":1e3 ' && ok "  ids exactly as written" ||
  { bad "  predict ids"; cat "$W/got"; echo; }
expect 1 "classify --jsonl DIR" "$STANCE" classify -m "$MODEL" --jsonl "$W/dir"
err_has "is a directory"
expect 1 "classify DIR" "$STANCE" classify -m "$MODEL" "$W/dir"
expect 1 "predict DIR" "$STANCE" predict -m "$W/m.stm" "$W/dir"
expect 1 "train --head x=DIR" "$STANCE" train -q -o "$W/x.stm" --head stance="$W/dir"
expect 1 "classify -m DIR" "$STANCE" classify -m "$W/dir" "$W/t.txt"
"$STANCE" classify -m "$MODEL" --jsonl <&- >"$W/out" 2>"$W/err"; rc=$?
test "$rc" -eq 1 && grep -q "read error" "$W/err" && ok "classify --jsonl, stdin closed: exit 1" ||
  { bad "classify --jsonl, stdin closed (exit $rc)"; cat "$W/err"; }
"$STANCE" predict -m "$W/m.stm" <&- >"$W/out" 2>"$W/err"; rc=$?
test "$rc" -eq 1 && ok "predict, stdin closed: exit 1" || bad "predict, stdin closed (exit $rc)"
cat >"$W/actors.jsonl" <<'EOF_ACT'
{"id": "ok1", "text": "\"Fine,\" Jo Lee said.", "actors": ["Jo Lee"]}
{"id": "blank", "text": "\"Fine,\" Jo Lee said.", "actors": ["  "]}
{"id": "nbsp", "text": "\"Fine,\" Jo Lee said.", "actors": ["\u00a0"]}
{"id": "alias-string", "text": "\"Fine,\" Jo Lee said.", "actors": [{"name": "Jo Lee", "aliases": "Lee"}]}
{"id": "alias-blank", "text": "\"Fine,\" Jo Lee said.", "actors": [{"name": "Jo Lee", "aliases": [""]}]}
{"id": "ok2", "text": "\"Fine,\" Jo Lee said.", "actors": [{"name": "Jo Lee", "aliases": ["Lee"]}]}
EOF_ACT
expect 1 "bad actors" "$STANCE" classify -m "$MODEL" --jsonl "$W/actors.jsonl"
test "$(grep -c '"error":' "$W/out")" -eq 4 && test "$(wc -l <"$W/out")" -eq 6 && ok "  four error records, in place" ||
  bad "  four error records, in place"
err_has "actors.jsonl:2: actors\[0\]: the name is empty"
err_has "actors.jsonl:4: actors\[0\]: \"aliases\" must be an array"
expect 2 "-a with a blank name" "$STANCE" classify -m "$MODEL" -a "  " "$W/t.txt"

# ---- 6. bad records in streams ---------------------------------------------------------------
{ head -2 "$W/stance.jsonl"; echo '{"id": "b1", "text": 5}'; echo '{broken'; sed -n 3,5p "$W/stance.jsonl"; } >"$W/mixed.jsonl"
expect 1 "predict: bad records in the middle" "$STANCE" predict -m "$W/m.stm" "$W/mixed.jsonl"
test "$(wc -l <"$W/out")" -eq 7 && sed -n 3p "$W/out" | grep -q '^{"id":"b1","error":{"line":3,' &&
  sed -n 4p "$W/out" | grep -q '^{"id":null,"error":{"line":4,' && sed -n 7p "$W/out" | grep -q '"label"' &&
  ok "  record (default): error records in place, the good ones after them kept" || { bad "  record policy"; cat "$W/out"; }
err_has "mixed.jsonl:3:"
err_has "mixed.jsonl:4: malformed JSON"
expect 1 "predict --on-error skip" "$STANCE" predict -m "$W/m.stm" --on-error skip "$W/mixed.jsonl"
test "$(wc -l <"$W/out")" -eq 5 && ! grep -q error "$W/out" && ok "  five predictions" || bad "  skip"
expect 1 "predict --on-error stop" "$STANCE" predict -m "$W/m.stm" --on-error stop "$W/mixed.jsonl"
test "$(wc -l <"$W/out")" -eq 2 && ok "  the two before it" || bad "  stop"
{ head -2 "$W/many.jsonl"; echo '{"id": 9, "text": 5}'; sed -n 3,4p "$W/many.jsonl"; } >"$W/cmixed.jsonl"
expect 1 "classify --on-error record" "$STANCE" classify -m "$MODEL" --jsonl "$W/cmixed.jsonl"
test "$(wc -l <"$W/out")" -eq 5 && sed -n 3p "$W/out" | grep -q '^{"id":9,"error":{"line":3,' && ok "  in place" ||
  bad "  classify record"
expect 1 "classify --on-error skip" "$STANCE" classify -m "$MODEL" --jsonl --on-error skip "$W/cmixed.jsonl"
test "$(wc -l <"$W/out")" -eq 4 && ok "  four" || bad "  classify skip"
expect 1 "classify --on-error stop" "$STANCE" classify -m "$MODEL" --jsonl --on-error stop "$W/cmixed.jsonl"
test "$(wc -l <"$W/out")" -eq 2 && ok "  two" || bad "  classify stop"
expect 1 "predict --head that the model lacks: one error, before reading" "$STANCE" predict -m "$W/m.stm" --head nope "$W/stance.jsonl"
test ! -s "$W/out" && test "$(wc -l <"$W/err")" -eq 1 && ok "  no output, one message" || bad "  predict --head nope"
expect 1 "eval stops at a bad record" "$STANCE" eval -m "$W/m.stm" "$W/mixed.jsonl"
test ! -s "$W/out" && ok "  and prints no figures" || bad "  eval printed figures from part of the data"

# ---- 7. text for people; model files sized by fstat -------------------------------------------
{ printf '"'; i=0; while test $i -lt 40; do printf 'Zoë façade déjà vu '; i=$((i + 1)); done; printf '," Jo Lee said.'; } >"$W/long.txt"
for n in 1 2 3; do
  { printf '"'; printf 'x%.0s' $(seq $n); tail -c +2 "$W/long.txt"; } >"$W/long$n.txt"
  expect 0 "--format text, shifted by $n" "$STANCE" classify -m "$MODEL" -f text "$W/long$n.txt"
  if command -v iconv >/dev/null; then
    iconv -f UTF-8 -t UTF-8 "$W/out" >/dev/null 2>&1 && ok "  valid UTF-8" || bad "  cuts a UTF-8 character"
  fi
  # the whole quote: all 40 repetitions, no "..." (the text format used to cut at 100 bytes)
  test "$(grep -o 'déjà vu' "$W/out" | wc -l)" -eq 40 && ! grep -q '\.\.\."$' "$W/out" && ok "  whole" || bad "  whole"
done
printf '"Stop \033[2J\033]0;pwned\007 this now," Jo Lee said.' >"$W/esc.txt"
expect 0 "--format text: control characters" "$STANCE" classify -m "$MODEL" -f text "$W/esc.txt"
if tr -d '\n' <"$W/out" | LC_ALL=C grep -q "$(printf '[\033\007]')"; then bad "  no ESC or BEL reaches the terminal"; else ok "  no ESC or BEL reaches the terminal"; fi
grep -q '"Stop  \[2J ]0;pwned  this now,"' "$W/out" && ok "  controls as spaces" || { bad "  controls as spaces"; cat "$W/out"; }
truncate -s 1073741825 "$W/huge.stm" 2>/dev/null &&
  { expect 1 "a 1 GiB model file" "$STANCE" classify -m "$W/huge.stm" "$W/t.txt"; err_has "1073741825 bytes, too large"; }
test "$fails" -eq 0
