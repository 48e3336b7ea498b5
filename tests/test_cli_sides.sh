#!/bin/sh
# test_cli_sides.sh - the actors' sides on the command line (issue 19): `classify --side NAME=LABEL`
# for the -a actors, a JSONL actor's "side", the "relation" each stance then reports, and the errors
# of a bad side (texts written for this test; the model is the test model, tests/tiny.stm).
set -u
name=sides; . "${top_srcdir:-.}/tests/cli-common.sh"

cat >"$W/a.txt" <<'TXT'
Mayor Elena Diaz accused Governor Tom Park of abandoning the city on Monday.

"Tom Park has failed this city and he is a disgrace," Diaz said at a press conference.

"The mayor knows the money is there. Tom Park has done great work for this region," said Priya Shah, a spokeswoman for Park.
TXT

# ---- -a with --side: the relations; without --side none is reported -------------------------
expect 0 "classify -a ... --side NAME=LABEL" "$STANCE" classify -m "$MODEL" -a "Tom Park" -a "Elena Diaz|Diaz" \
  -a "Priya Shah" --side "Tom Park=B" --side "Elena Diaz=A" "$W/a.txt"
out_has '"actor":"Tom Park","relation":"opposite-side"'
out_has '"actor":"Tom Park","relation":"speaks-for"'
expect 0 "classify --format text with sides" "$STANCE" classify -m "$MODEL" --format text -a "Tom Park" \
  -a "Elena Diaz" -a "Priya Shah" --side "Tom Park=B" --side "Elena Diaz=A" "$W/a.txt"
out_has "Elena Diaz -> Tom Park: [a-z]* [0-9.]* (opposite-side)"
expect 0 "classify -a ... without --side" "$STANCE" classify -m "$MODEL" -a "Tom Park" -a "Elena Diaz" -a "Priya Shah" \
  "$W/a.txt"
if grep -q '"relation"' "$W/out"; then bad "  no relation without sides"; else ok "  no relation without sides"; fi

# ---- --side errors: usage errors, exit 2 ------------------------------------------------------
expect 2 "--side for no -a actor" "$STANCE" classify -m "$MODEL" -a "Tom Park" --side "Tom Parks=B" "$W/a.txt"
err_has "no -a or --actors actor is named 'Tom Parks'"
expect 2 "--side without =" "$STANCE" classify -m "$MODEL" -a "Tom Park" --side "Tom Park" "$W/a.txt"
err_has "give NAME=LABEL"
# an empty or white-space label is a typing mistake on the command line (data inputs take it as unknown)
expect 2 "--side with an empty label" "$STANCE" classify -m "$MODEL" -a "Tom Park" --side "Tom Park=" "$W/a.txt"
err_has "the label is empty or only white space"
expect 2 "--side with a white-space label" "$STANCE" classify -m "$MODEL" -a "Tom Park" --side "Tom Park= " "$W/a.txt"
err_has "the label is empty or only white space"
expect 2 "--side with a tab for a label" "$STANCE" classify -m "$MODEL" -a "Tom Park" --side "$(printf 'Tom Park=\t')" \
  "$W/a.txt"
err_has "the label is empty or only white space"
expect 2 "--side without a name" "$STANCE" classify -m "$MODEL" -a "Tom Park" --side "=B" "$W/a.txt"
err_has "give NAME=LABEL"
# the white space around a label is no part of it, as in the library: " B" is "B"
expect 0 "--side with white space around the label" "$STANCE" classify -m "$MODEL" -a "Tom Park" \
  -a "Elena Diaz|Diaz" -a "Priya Shah" --side "Tom Park= B " --side "Elena Diaz=A" "$W/a.txt"
out_has '"actor":"Tom Park","relation":"opposite-side"'
expect 2 "--side with a label that is not UTF-8" "$STANCE" classify -m "$MODEL" -a "Tom Park" \
  --side "$(printf 'Tom Park=\377')" "$W/a.txt"
err_has "not valid UTF-8"

# ---- JSONL: an actor's "side" ---------------------------------------------------------------
python3 - "$W/a.txt" >"$W/in.jsonl" <<'PY' || { bad "python3 writes the JSONL input"; exit 1; }
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
acts = [{"name": "Tom Park", "side": "B"}, {"name": "Elena Diaz", "side": "A"}, {"name": "Priya Shah", "side": None}]
print(json.dumps({"id": "ok", "text": text, "actors": acts}))
print(json.dumps({"id": "nosides", "text": text, "actors": ["Tom Park", "Elena Diaz", "Priya Shah"]}))
# in data a side "" or of white space alone is unknown, as null is (and as in C): no same/opposite side
blank = [{"name": "Tom Park", "side": ""}, {"name": "Elena Diaz", "side": " \t"}, {"name": "Priya Shah", "side": None}]
print(json.dumps({"id": "blank", "text": text, "actors": blank}))
print(json.dumps({"id": "badtype", "text": text, "actors": [{"name": "Tom Park", "side": 3}]}))
sys.stdout.flush()
# a side holding a byte that is not UTF-8 (no JSON escape writes one): the record is refused
sys.stdout.buffer.write(b'{"id": "badutf8", "text": "x", "actors": [{"name": "Tom Park", "side": "B\xff"}]}\n')
PY
expect 1 "classify --jsonl with sides (two bad records)" "$STANCE" classify --jsonl -m "$MODEL" "$W/in.jsonl"
grep '"id":"ok"' "$W/out" >"$W/ok" && grep -q '"relation":"opposite-side"' "$W/ok" && grep -q '"relation":"speaks-for"' "$W/ok" &&
  ok "  a record's sides give relations" || { bad "  a record's sides give relations"; head -c 600 "$W/out" | sed 's/^/# /'; }
grep '"id":"nosides"' "$W/out" | grep -q '"relation"' && bad "  a record without sides has no relation" ||
  ok "  a record without sides has no relation"
grep '"id":"blank"' "$W/out" >"$W/blank" && grep -q '"relation":"speaks-for"' "$W/blank" &&
  ! grep -q '"relation":"[a-z]*-side"' "$W/blank" && ! grep -q '"error"' "$W/blank" &&
  ok "  sides \"\" and white space are unknown (speaks-for needs none)" ||
  { bad "  sides \"\" and white space are unknown"; head -c 600 "$W/blank" | sed 's/^/# /'; }
grep '"id":"badtype"' "$W/out" | grep -q '\\"side\\" must be a string' && ok "  a side that is not a string: error record" ||
  { bad "  a side that is not a string: error record"; grep badtype "$W/out" | sed 's/^/# /'; }
test "$(grep -c '"error"' "$W/out")" -eq 2 && ok "  the side that is not UTF-8: an error record" ||
  { bad "  the side that is not UTF-8: an error record"; tail -n 2 "$W/out" | sed 's/^/# /'; }

# ---- train: a row's "relation" feeds family 15 (side); an unknown relation is refused ----------
python3 - "$T/stance.jsonl" "$W/rows.jsonl" "$W/badrel.jsonl" <<'PY' || { bad "python3 writes the rows"; exit 1; }
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
with open(sys.argv[2], "w") as out:
    for r in rows:
        if r["label"] == "against":
            r["relation"] = "opposite-side"
        out.write(json.dumps(r) + "\n")
with open(sys.argv[3], "w") as out:
    rows[0]["relation"] = "opposite"
    out.write(json.dumps(rows[0]) + "\n")
PY
expect 0 "train with the side family" "$STANCE" train -q -o "$W/side.stm" --table-bits 12 --cv 0 --families word,side \
  --head stance="$W/rows.jsonl"
expect 0 "  inspect lists it" "$STANCE" inspect -m "$W/side.stm"
out_has "family 15: seed 0x51de5"
expect 1 "train: an unknown relation" "$STANCE" train -q -o "$W/bad.stm" --table-bits 12 --cv 0 --families word,side \
  --head stance="$W/badrel.jsonl"
err_has 'unknown relation "opposite"'
test "$fails" -eq 0
