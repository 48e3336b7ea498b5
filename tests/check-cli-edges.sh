#!/bin/sh
# check-cli-edges.sh - the stance command as a demanding user tries it (cli19): bad
# input gets a clear error and loses nothing, a failure is never reported as success,
# no command damages a file it was not asked to write. Each block fails without its fix:
#   1. classify --format html: an input that cannot be processed has a section on the page
#   2. --format text / dot: names (speaker, role, actor, id) cannot drive the terminal
#   3. an error record carries the library's byte offset as "offset"
#   4. train -o and eval --report never write over one of their inputs
#   5. eval --report goes through the one output path (no FIFO opened, checked before work)
#   6. no command reads the file its standard output appends to (`>> INPUT`)
#   7. html to a full disk: one message with its reason; a corrupt model's byte in dump too;
#      dump's unknown option is a usage error
#   8. a model's strings (meta, head, labels) and a record's in messages cannot drive the terminal
#   9. a JSONL input without line ends (/dev/zero) stops at 1 GiB instead of taking all memory
#  10. an empty input to a filter (predict, classify --jsonl) is no failure; to eval it is
#  11. -a with a blank alias is a usage error, as a record's blank alias is a bad record
set -u
name=edges; . "${top_srcdir:-.}/tests/cli-common.sh"

# Fixtures (our own words).
printf 'Ann Lee said "We will win," on Monday.\n' >"$W/good.txt"
printf 'Bad \377 byte "here," Bo said.\n' >"$W/bad.txt"
printf '\357\273\277ab\303(' >"$W/bombad.txt"
mkdir "$W/dir"
cp "$W/good.txt" "$W/<i>g&.txt"
grep -v '^$' "$T/stance.jsonl" >"$W/st.jsonl"
cp "$W/st.jsonl" "$W/st.orig"
"$STANCE" train -q -o "$W/m.stm" --table-bits 10 --cv 0 --head stance="$W/st.jsonl" ||
  { echo "not ok - fixture model"; exit 1; }
cp "$W/m.stm" "$W/m.orig"

# ---- 1. html: a section for each input that could not be processed --------------------
expect 1 "html: a bad file among good ones: exit 1" "$STANCE" classify -m "$MODEL" -f html "$W/<i>g&.txt" \
  "$W/bad.txt" "$W/dir" "$W/missing.txt"
test "$(grep -c '<section class="art failed"' "$W/out")" -eq 3 && ok "  a section for each of the three bad inputs" ||
  bad "  a section for each of the three bad inputs"
out_has 'Not processed:</b> invalid UTF-8'
out_has 'Not processed:</b> is a directory'
out_has 'Not processed:</b> No such file or directory'
out_has '3 inputs could not be processed'
out_has '&lt;i&gt;g&amp;.txt</h2>'
test "$(grep -c '<mark class="q' "$W/out")" -ge 1 && ok "  the good file's quote is on the page" ||
  bad "  the good file's quote is on the page"
grep -q '<i>g&' "$W/out" && bad "  a file name is escaped" || ok "  a file name is escaped"
printf '{"id":"<b>x</b>","text":"Ann said \\"hi,\\" ok."}\n{"id":"r2","text":"x","actors":[""]}\nnot json\n' \
  >"$W/r.jsonl"
expect 1 "html --jsonl: bad records: exit 1" "$STANCE" classify -m "$MODEL" -f html --jsonl "$W/r.jsonl"
out_has '<h2>r2</h2><p class="error" role="alert"><b>Not processed:</b> line 2: actors\[0\]'
out_has 'r.jsonl:3</h2><p class="error" role="alert"><b>Not processed:</b> line 3: malformed JSON'
out_has '<h2>&lt;b&gt;x&lt;/b&gt;</h2><p class="meta">'
expect 0 "html: good files only: exit 0, no error note" "$STANCE" classify -m "$MODEL" -f html "$W/good.txt" \
  "$S/examples/article.txt"
grep -q 'could not be processed\|class="error"' "$W/out" && bad "  no error note" || ok "  no error note"
expect 1 "html --on-error skip: exit 1" "$STANCE" classify -m "$MODEL" -f html --on-error skip "$W/good.txt" \
  "$W/bad.txt"
grep -q 'class="error"' "$W/out" && bad "  skip: no section for it" || ok "  skip: no section for it"

# ---- 2. names for a terminal --------------------------------------------------------------
printf '"Tom \302\233Park is a disgrace," Ann \033[2JLee said. "Zo\303\253 Bell\033]0;x\007 is late," he added.\n' \
  >"$W/esc.txt"
c1=$(printf '\302[\200-\237]')
esc=$(printf '\033')
for fmt in text dot; do
  expect 0 "--format $fmt: a text with ESC and C1 in names" "$STANCE" classify -m "$MODEL" -f "$fmt" --explain 1 \
    -a "$(printf 'Tom \302\233Park|Park\033]0;x\007')" "$W/esc.txt"
  LC_ALL=C grep -q "$esc" "$W/out" && bad "  $fmt: no ESC" || ok "  $fmt: no ESC"
  LC_ALL=C grep -q "$c1" "$W/out" && bad "  $fmt: no C1 control" || ok "  $fmt: no C1 control"
  out_has 'Ann  \[2JLee'
  out_has 'Tom  Park'
done
printf 'Ann Lee said "We will \342\200\256win\342\200\254 now," on Monday.\n' >"$W/bidi.txt"
expect 0 "--format text: a bidi override shown, not applied" "$STANCE" classify -m "$MODEL" -f text "$W/bidi.txt"
out_has 'We will \[U+202E\]win\[U+202C\] now'
expect 0 "--format text: UTF-8 kept" "$STANCE" classify -m "$MODEL" -f text "$W/esc.txt"
out_has "$(printf 'Zo\303\253 Bell ]0;x  is late')"
printf 'x' >"$W/$(printf 'n\033[1m.txt')"
expect 1 "--format text: a file name with ESC in an error line" "$STANCE" classify -m "$MODEL" -f text \
  "$W/$(printf 'n\033[1m.txt')" "$W/bad.txt"
LC_ALL=C grep -q "$esc" "$W/out" && bad "  no ESC in the output" || ok "  no ESC in the output"
out_has 'bad.txt: error: invalid UTF-8'

# ---- 3. "offset" in the error record --------------------------------------------------------
expect 1 "bad UTF-8: an error record" "$STANCE" classify -m "$MODEL" "$W/good.txt" "$W/bad.txt" "$W/bombad.txt"
out_has '"error":{"file":"[^"]*bad.txt","offset":4,"message":"invalid UTF-8'
out_has '"error":{"file":"[^"]*bombad.txt","offset":2,"message":"invalid UTF-8'
grep -c '"offset"' "$W/out" | grep -qx 2 && ok "  no offset elsewhere" || bad "  no offset elsewhere"
expect 1 "a missing file: no offset" "$STANCE" classify -m "$MODEL" "$W/missing.txt"
grep -q '"offset"' "$W/out" && bad "  no offset" || ok "  no offset"

# ---- 4. an output is never one of the inputs ------------------------------------------------
ln -s st.jsonl "$W/link.jsonl"
ln "$W/st.jsonl" "$W/hard.jsonl"
expect 1 "train -o DATA: refused" "$STANCE" train -q -o "$W/st.jsonl" --table-bits 10 --cv 0 \
  --head stance="$W/st.jsonl"
err_has "is also an input"
expect 1 "train -o DATA (a hard link, a symlink, second in a list): refused" "$STANCE" train -q -o "$W/hard.jsonl" \
  --table-bits 10 --cv 0 --head stance="$T/stance.jsonl,$W/link.jsonl"
expect 1 "train -o LEXICON: refused" "$STANCE" train -q -o "$W/lex.tsv" --table-bits 10 --cv 0 \
  --lexicon "$W/lex.tsv" --head stance="$W/st.jsonl" --families word,lex
cmp -s "$W/st.jsonl" "$W/st.orig" && ok "  the data is intact" || bad "  the data is intact"
expect 0 "train --add-to M -o M: allowed (read whole first)" "$STANCE" train -q -o "$W/m2.stm" --table-bits 10 \
  --cv 0 --head stance="$W/st.jsonl"
expect 0 "  extended in place" "$STANCE" train -q --add-to "$W/m2.stm" -o "$W/m2.stm" --cv 0 \
  --head sentiment="$T/sentiment.jsonl"
expect 1 "eval --report DATA: refused" "$STANCE" eval -m "$W/m.stm" --report "$W/st.jsonl" "$W/st.jsonl"
err_has "is also an input"
test ! -s "$W/out" && ok "  before any work" || bad "  before any work"
expect 1 "eval --report MODEL: refused" "$STANCE" eval -m "$W/m.stm" --report "$W/m.stm" "$W/st.jsonl"
cmp -s "$W/st.jsonl" "$W/st.orig" && cmp -s "$W/m.stm" "$W/m.orig" && ok "  data and model intact" ||
  bad "  data and model intact"

# ---- 5. eval --report through the one output path --------------------------------------------
mkfifo "$W/fifo"
run timeout 20 "$STANCE" eval -m "$W/m.stm" --report "$W/fifo" "$W/st.jsonl"
test "$rc" -eq 1 && ok "eval --report FIFO: refused, not opened" || bad "eval --report FIFO (exit $rc)"
err_has "not a regular file"
expect 1 "eval --report DIR: refused" "$STANCE" eval -m "$W/m.stm" --report "$W/dir" "$W/st.jsonl"
expect 1 "eval --report into a missing directory" "$STANCE" eval -m "$W/m.stm" --report "$W/no/r.html" "$W/st.jsonl"
test ! -s "$W/out" && ok "  before any work" || bad "  before any work"
expect 0 "eval --report: written" "$STANCE" eval -m "$W/m.stm" --report "$W/r.html" "$W/st.jsonl"
grep -q '</html>' "$W/r.html" && ok "  a whole page" || bad "  a whole page"

# ---- 6. standard output is an input ---------------------------------------------------------
for cmd in "classify -m $MODEL $W/good.txt $W/io" "classify -m $MODEL -f html $W/io" "predict -m $W/m.stm $W/io" \
           "eval -m $W/m.stm $W/io" "dump $W/io" "inspect -m $W/io" "predict -m $W/io $W/st.jsonl"; do
  case $cmd in *dump*|*inspect*|*"-m $W/io"*) cp "$W/m.stm" "$W/io" ;; *classify*) cp "$W/good.txt" "$W/io" ;;
    *) cp "$W/st.jsonl" "$W/io" ;; esac
  cp "$W/io" "$W/io.orig"
  # shellcheck disable=SC2086
  "$STANCE" $cmd >>"$W/io" 2>"$W/err"; rc=$?
  test "$rc" -eq 1 && cmp -s "$W/io" "$W/io.orig" && grep -q "is also the standard output" "$W/err" &&
    ok "stance $cmd >> INPUT: refused, the file intact" || { bad "stance $cmd >> INPUT (exit $rc)"; cat "$W/err"; }
done
cp "$W/good.txt" "$W/io"
"$STANCE" classify -m "$MODEL" <"$W/io" >>"$W/io" 2>"$W/err"; rc=$?
test "$rc" -eq 1 && cmp -s "$W/io" "$W/good.txt" && ok "classify < F >> F: refused" || bad "classify < F >> F (exit $rc)"

# ---- 7. messages ----------------------------------------------------------------------------
"$STANCE" classify -m "$MODEL" -f html "$W/good.txt" >/dev/full 2>"$W/err"; rc=$?
test "$rc" -eq 1 && test "$(wc -l <"$W/err")" -eq 1 && grep -q "write error on standard output: No space left" "$W/err" &&
  ok "html > /dev/full: one message, with the reason" || { bad "html > /dev/full (exit $rc)"; cat "$W/err"; }
head -c 200 "$W/m.stm" >"$W/cut.stm"
expect 1 "dump a cut model: the byte" "$STANCE" dump "$W/cut.stm"
err_has "(byte [0-9]* of the file)"
expect 2 "dump --bogus: a usage error" "$STANCE" dump --bogus "$W/m.stm"
err_has "unknown option '--bogus'"
cp "$W/m.stm" "$W/-w"
st=$(cd "$(dirname "$STANCE")" && pwd)/$(basename "$STANCE")
(cd "$W" && "$st" dump -- -w >/dev/null) && ok "dump -- -w: a model named -w" || bad "dump -- -w"

# ---- 8. a model's and a record's strings for a terminal -------------------------------------
"$STANCE" train -q -o "$W/esc.stm" --table-bits 10 --cv 0 --meta "$(printf 'k=\033[31mred\302\233')" \
  --head "$(printf 'st\033[1mance')=$T/stance.jsonl" || bad "train a model with ESC in its strings"
for cmd in "dump --weights $W/esc.stm" "inspect -m $W/esc.stm"; do
  # shellcheck disable=SC2086
  expect 0 "$cmd" "$STANCE" $cmd
  LC_ALL=C grep -q "$esc" "$W/out" && bad "  no ESC" || ok "  no ESC"
  LC_ALL=C grep -q "$c1" "$W/out" && bad "  no C1 control" || ok "  no C1 control"
  out_has 'st \[1mance'
done
printf '{"id":"a","task":"stance","target":"Ann","label":"fa\\u001b[1mvor","text":"Ann is great"}\n' >"$W/lab.jsonl"
expect 1 "eval: a label with ESC: refused" "$STANCE" eval -m "$W/m.stm" "$W/lab.jsonl"
LC_ALL=C grep -q "$esc" "$W/err" && bad "  no ESC in the message" || ok "  no ESC in the message"
err_has 'unknown label "fa \[1mvor"'
expect 1 "a file name with a line break: one line on stderr" "$STANCE" classify -m "$MODEL" "$W/$(printf 'a\nstance: b')"
test "$(wc -l <"$W/err")" -eq 1 && ok "  one line" || bad "  one line"

# ---- 9. a line without end ------------------------------------------------------------------
# (under a 4 GB address-space limit: without the bound, getline() grew to all the machine's memory;
# a sanitizer build reserves terabytes of shadow address space at start, so it runs without the limit)
vlimit=4000000
grep -qaE '__(asan|tsan|msan)_init' "$STANCE" && vlimit=unlimited
( ulimit -v $vlimit 2>/dev/null; exec "$STANCE" predict -m "$W/m.stm" /dev/zero ) >"$W/out" 2>"$W/err"; rc=$?
test "$rc" -eq 1 && ok "predict /dev/zero: exit 1" || bad "predict /dev/zero (exit $rc)"
err_has "/dev/zero:1: a line of more than 1073741824 bytes; refusing to read on"

# ---- 10. empty input ------------------------------------------------------------------------
printf '\n\r\n' >"$W/blank.jsonl"
expect 0 "predict, an empty file: exit 0, nothing out (an empty shard)" "$STANCE" predict -m "$W/m.stm" "$W/blank.jsonl"
test ! -s "$W/out" && ok "  nothing out" || bad "  nothing out"
run "$STANCE" predict -m "$W/m.stm" </dev/null
test "$rc" -eq 0 && ok "predict, empty stdin: exit 0" || bad "predict, empty stdin (exit $rc)"
expect 0 "classify --jsonl, an empty file: exit 0" "$STANCE" classify -m "$MODEL" --jsonl "$W/blank.jsonl"
expect 1 "eval, an empty file: exit 1" "$STANCE" eval -m "$W/m.stm" "$W/blank.jsonl"
err_has "no records"

# ---- 11. a blank alias ----------------------------------------------------------------------
for spec in 'Ann Lee| ' 'Ann Lee|' 'Ann Lee||Lee'; do
  expect 2 "-a '$spec': a usage error" "$STANCE" classify -m "$MODEL" -a "$spec" "$W/good.txt"
  err_has "--actor '$spec': an alias is empty or only white space"
done
expect 0 "-a 'Ann Lee|Lee': fine" "$STANCE" classify -m "$MODEL" -a 'Ann Lee|Lee' "$W/good.txt"

test "$fails" -eq 0
