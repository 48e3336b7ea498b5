#!/bin/sh
# test_cli_watch.sh - a watch list on the command line: `classify --actors FILE` (JSON Lines, one
# actor a line as a record's actor, with its side), `--discover-others` (the article's other actors
# beside the given ones), a record's "discover_others", and the errors of a bad or missing FILE
# (texts written for this test; the model is the test model, tests/tiny.stm).
set -u
name=watch; . "${top_srcdir:-.}/tests/cli-common.sh"

cat >"$W/a.txt" <<'TXT'
Mayor Dana Whitfield defended the budget on Tuesday. "This plan keeps every library open," Whitfield said.

Council member Oren Castellano disagreed. "Dana Whitfield is hiding the real costs," Castellano said.

Lena Whitfield, the mayor's sister, said she was proud of her. "Dana works harder than anyone," Lena Whitfield said.
TXT
cat >"$W/watch.jsonl" <<'TXT'
{"name": "Dana Whitfield", "aliases": ["Mayor Whitfield"], "side": "Blue"}

{"name": "Oren Castellano", "side": "Red"}
"Ines Marrow"
TXT

# ---- --actors FILE: the list, its sides; only its actors without --discover-others ------------
expect 0 "classify --actors FILE --all-listed" "$STANCE" classify -m "$MODEL" --actors "$W/watch.jsonl" --all-listed \
  "$W/a.txt"
out_has '"actor":"Dana Whitfield","relation":"opposite-side"'
out_has '"name":"Ines Marrow","discovered":false'
if grep -q '"name":"Lena Whitfield","discovered"' "$W/out"; then bad "  no other actor without --discover-others"; else
  ok "  no other actor without --discover-others"; fi
expect 0 "--actors FILE and -a both add; --side names a FILE actor" "$STANCE" classify -m "$MODEL" \
  --actors "$W/watch.jsonl" -a "Lena Whitfield" --side "Oren Castellano=Blue" "$W/a.txt"
out_has '"actor":"Dana Whitfield","relation":"same-side"'
out_has '"name":"Lena Whitfield","discovered":false'

# ---- --discover-others: the list's actors once, under their names, and the others discovered ---
expect 0 "classify --actors FILE --discover-others" "$STANCE" classify -m "$MODEL" --actors "$W/watch.jsonl" \
  --discover-others "$W/a.txt"
out_has '"actors":\[{"name":"Dana Whitfield","discovered":false'
out_has '"name":"Lena Whitfield","discovered":true'
out_has '"actor":"Dana Whitfield","relation":"opposite-side"'
if grep -q '"name":"Whitfield"' "$W/out"; then bad "  the given actor's surname is no entity"; else
  ok "  the given actor's surname is no entity"; fi
n=$(grep -o '"name":"Dana Whitfield","discovered"' "$W/out" | wc -l)
if test "$n" -eq 1; then ok "  Dana Whitfield listed once"; else bad "  Dana Whitfield listed once ($n)"; fi
expect 0 "--discover-others without actors is discovery" "$STANCE" classify -m "$MODEL" --discover-others "$W/a.txt"
cp "$W/out" "$W/d1"
expect 0 "discovery" "$STANCE" classify -m "$MODEL" "$W/a.txt"
if cmp -s "$W/out" "$W/d1"; then ok "  the same output"; else bad "  the same output"; fi

# ---- JSONL: a record's own actors replace the list; its "discover_others" overrides the option --
T1='Mayor Dana Whitfield spoke. \"Dana Whitfield is hiding the costs,\" Oren Castellano said.'
T1="$T1"' \"Dana works harder than anyone,\" Lena Whitfield said.'
{
  printf '{"id": "list", "text": "%s"}\n' "$T1"
  printf '{"id": "others", "text": "%s", "discover_others": true}\n' "$T1"
  printf '{"id": "own", "text": "%s", "actors": ["Lena Whitfield"]}\n' "$T1"
  printf '{"id": "bad", "text": "%s", "discover_others": 1}\n' "$T1"
} >"$W/recs.jsonl"
expect 1 "classify --jsonl --actors FILE (a bad record)" "$STANCE" classify -m "$MODEL" --jsonl \
  --actors "$W/watch.jsonl" "$W/recs.jsonl"
if sed -n 1p "$W/out" | grep -q '"name":"Lena Whitfield","discovered"'; then bad "  record 1: the list only"; else
  ok "  record 1: the list only"; fi
if sed -n 2p "$W/out" | grep -q '"name":"Lena Whitfield","discovered":true'; then ok "  record 2: others discovered"
else bad "  record 2: others discovered"; fi
if sed -n 3p "$W/out" | grep -q '"actors":\[{"name":"Lena Whitfield","discovered":false' &&
  ! sed -n 3p "$W/out" | grep -q '"name":"Dana Whitfield","discovered"'; then
  ok "  record 3: its own actors"; else bad "  record 3: its own actors"; fi
err_has '"discover_others" must be true, false or null'

# ---- a bad FILE: a bad line is a usage error (2) naming file and line; a missing one fails (1) ---
printf '{"name": "Dana Whitfield"}\n{"name": "  "}\n' >"$W/blank.jsonl"
expect 2 "--actors FILE with a blank name" "$STANCE" classify -m "$MODEL" --actors "$W/blank.jsonl" "$W/a.txt"
err_has "blank.jsonl:2: actor: the name is empty"
printf '{"name": "Dana Whitfield"}\n\n{"name": "Oren", "aliases": "Castellano"}\n' >"$W/alias.jsonl"
expect 2 "--actors FILE with bad aliases" "$STANCE" classify -m "$MODEL" --actors "$W/alias.jsonl" "$W/a.txt"
err_has 'alias.jsonl:3: actor: "aliases" must be an array of strings'
printf '{"name": "Dana Whitfield",\n' >"$W/json.jsonl"
expect 2 "--actors FILE with malformed JSON" "$STANCE" classify -m "$MODEL" --actors "$W/json.jsonl" "$W/a.txt"
err_has "json.jsonl:1: malformed JSON"
printf '{"name": "Dana Whitfield", "side": 7}\n' >"$W/side.jsonl"
expect 2 "--actors FILE with a bad side" "$STANCE" classify -m "$MODEL" --actors "$W/side.jsonl" "$W/a.txt"
err_has 'side.jsonl:1: actor: "side" must be a string'
expect 1 "--actors with a missing FILE" "$STANCE" classify -m "$MODEL" --actors "$W/none.jsonl" "$W/a.txt"
err_has "none.jsonl: cannot open"
test "$fails" -eq 0
