#!/bin/sh
# test_cli_mentioned.sh - `classify --mentioned-only` / `--all-listed` (STANCE_OPT_MENTIONED_ONLY):
# a watch list (--actors FILE) reports only the actors the article mentions by default; -a and a
# record's own "actors" report every one unless --mentioned-only; a record's "mentioned_only"
# overrides both; the quotes and stances stay the same (texts written for this test; the model
# is the test model, tests/tiny.stm).
set -u
name=mentioned; . "${top_srcdir:-.}/tests/cli-common.sh"

cat >"$W/a.txt" <<'TXT'
Mayor Dana Whitfield defended the budget on Tuesday. "This plan keeps every library open," Whitfield said.

Council member Oren Castellano disagreed. "Dana Whitfield is hiding the real costs," Castellano said.
TXT
cat >"$W/watch.jsonl" <<'TXT'
"Quinton Barlowe"
{"name": "Dana Whitfield", "side": "Blue"}
{"name": "Marisol Ferrante", "aliases": ["Ms. Ferrante"]}
{"name": "Oren Castellano", "side": "Red"}
TXT
names() { grep -o '"name":"[^"]*","discovered":[a-z]*' "$W/out" | tr '\n' ' '; }
same_quotes() { # the "quotes" of two outputs are the same
  if test "$(sed 's/"actors":\[.*//' "$1")" = "$(sed 's/"actors":\[.*//' "$2")"; then ok "  $3"; else bad "  $3"; fi
}
want_names() {
  got=$(names)
  if test "$got" = "$1"; then ok "  entities: $1"; else bad "  entities: $1 (got: $got)"; fi
}

# ---- --actors FILE: the mentioned ones by default; --all-listed: every one ------------------------
expect 0 "--actors FILE (mentioned only by default)" "$STANCE" classify -m "$MODEL" --actors "$W/watch.jsonl" "$W/a.txt"
want_names '"name":"Dana Whitfield","discovered":false "name":"Oren Castellano","discovered":false '
out_has '"actor":"Dana Whitfield","relation":"opposite-side"'
cp "$W/out" "$W/m1"
expect 0 "--actors FILE --all-listed" "$STANCE" classify -m "$MODEL" --actors "$W/watch.jsonl" --all-listed "$W/a.txt"
want_names '"name":"Quinton Barlowe","discovered":false "name":"Dana Whitfield","discovered":false "name":"Marisol Ferrante","discovered":false "name":"Oren Castellano","discovered":false '
same_quotes "$W/out" "$W/m1" "the same quotes and stances"
expect 0 "--actors FILE --discover-others" "$STANCE" classify -m "$MODEL" --actors "$W/watch.jsonl" \
  --discover-others "$W/a.txt"
if grep -q 'Quinton Barlowe\|Marisol Ferrante' "$W/out"; then bad "  no absent actor"; else ok "  no absent actor"; fi

# ---- -a: every actor by default (as in 0.1); --mentioned-only leaves out the absent ones ----------
expect 0 "-a (every actor)" "$STANCE" classify -m "$MODEL" -a "Quinton Barlowe" -a "Dana Whitfield" "$W/a.txt"
want_names '"name":"Quinton Barlowe","discovered":false "name":"Dana Whitfield","discovered":false '
cp "$W/out" "$W/a1"
expect 0 "-a --mentioned-only" "$STANCE" classify -m "$MODEL" -a "Quinton Barlowe" -a "Dana Whitfield" \
  --mentioned-only "$W/a.txt"
want_names '"name":"Dana Whitfield","discovered":false '
same_quotes "$W/out" "$W/a1" "the same quotes and stances"
expect 0 "-a --mentioned-only --format text" "$STANCE" classify -m "$MODEL" -a "Quinton Barlowe" \
  -a "Dana Whitfield" --mentioned-only --format text "$W/a.txt"
out_has '-> Dana Whitfield'
expect 0 "-a --mentioned-only --graph" "$STANCE" classify -m "$MODEL" -a "Quinton Barlowe" \
  -a "Dana Whitfield" -a "Oren Castellano" --mentioned-only --graph "$W/a.txt"
out_has 'Dana Whitfield'
if grep -q 'Quinton' "$W/out"; then bad "  graph: no absent actor"; else ok "  graph: no absent actor"; fi

# ---- JSONL: a record's own actors are every one; its "mentioned_only" overrides ------------------
T1='Mayor Dana Whitfield spoke. \"Dana Whitfield is hiding the costs,\" Oren Castellano said.'
{
  printf '{"id": "list", "text": "%s"}\n' "$T1"
  printf '{"id": "list-all", "text": "%s", "mentioned_only": false}\n' "$T1"
  printf '{"id": "own", "text": "%s", "actors": ["Quinton Barlowe", "Oren Castellano"]}\n' "$T1"
  printf '{"id": "own-m", "text": "%s", "actors": ["Quinton Barlowe", "Oren Castellano"], "mentioned_only": true}\n' "$T1"
  printf '{"id": "bad", "text": "%s", "mentioned_only": "yes"}\n' "$T1"
} >"$W/recs.jsonl"
expect 1 "--jsonl --actors FILE (a bad record)" "$STANCE" classify -m "$MODEL" --jsonl --actors "$W/watch.jsonl" \
  "$W/recs.jsonl"
line_names() { sed -n "$1p" "$W/out" | sed 's/.*"actors":\[//' | grep -o '"name":"[^"]*"' | tr '\n' ' '; }
check_line() {
  got=$(line_names "$1")
  if test "$got" = "$2"; then ok "  record $1: $2"; else bad "  record $1: $2 (got: $got)"; fi
}
check_line 1 '"name":"Dana Whitfield" "name":"Oren Castellano" '
check_line 2 '"name":"Quinton Barlowe" "name":"Dana Whitfield" "name":"Marisol Ferrante" "name":"Oren Castellano" '
check_line 3 '"name":"Quinton Barlowe" "name":"Oren Castellano" '
check_line 4 '"name":"Oren Castellano" '
err_has '"mentioned_only" must be true, false or null'
test "$fails" -eq 0
