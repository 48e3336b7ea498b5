#!/bin/sh
# models/trial_rows.py, which turns our own blind user trials into in-domain training rows, on a
# story of our own (tests/data/trialrows): a snippet widened to its quotation marks (straight and
# curly), an indirect quote kept as its snippet, the target spans of a name and of a surname, the
# byte offsets of "group", pair_via / pair_conf lines of one pair and of several ("A 2, B 1"), a snippet not
# in the story counted and skipped, --min-conf, --repeat, the sentiment rows, and the refusal of a held-out trial
# (usertest11 and later); the class weights: --class-repeat and --match-mix (copies per label from two label
# distributions, rounded half up), and their misuse refused.
set -u
top_srcdir=${top_srcdir:-.}
py=${PYTHON_BIN:-}
[ -n "$py" ] || py=$(command -v python3) || { echo "SKIP: no python3"; exit 77; }
rows="$top_srcdir/models/trial_rows.py"
d="$top_srcdir/tests/data/trialrows"
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/trialrows.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

"$py" "$rows" --task stance --repeat 2 "$d:$d/aliases.txt" > "$tmp/st" 2> "$tmp/err" \
    || { echo "FAIL: trial_rows.py --task stance exited $?: $(cat "$tmp/err")"; fail=1; }
grep -q '^trial_rows.py: 5 quotes, 1 snippets not found; 6 pairs, 4 with target spans$' "$tmp/err" \
    && grep -q 'Q4: snippet not found' "$tmp/err" || { echo "FAIL: trial_rows.py counts: $(cat "$tmp/err")"; fail=1; }
"$py" -c 'import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
story = open(sys.argv[2], "rb").read()
assert len(rows) == 12 and all(rows[i] == rows[i + 1] for i in range(0, 12, 2)), len(rows)
a, b, c, e, f, g = rows[0::2]
assert a["text"] == "Mayor Ilse Varga closed two clinics without notice. She will do the same to the depot,", a
assert a["target"] == "Ilse Varga" and a["target_spans"] == [[6, 16]] and a["label"] == "against", a
assert b["text"] == "The depot will cut the waiting time by half, and Okafor knows it,", b
assert b["target_spans"] == [[49, 55]] and b["label"] == "against" and b["task"] == "stance", b
assert c["target"] == "Ilse Varga" and c["target_spans"] == [] and c["label"] == "favor" and c["group"] == b["group"], c
assert e["text"] == "the depot plan was sound" and e["label"] == "favor", e
# a line of several pairs: the pronoun via of the first (its spans: the he/she of the quote), the surname of the second
assert f["text"] == "She has the numbers right and Okafor has not read them," and f["target"] == "Ilse Varga", f
assert f["target_spans"] == [[0, 3]] and g["target"] == "Ben Okafor" and g["target_spans"] == [[30, 36]], (f, g)
for r in (a, b, e, f):
    s, t = r["group"].split(":")[1].split("-")
    assert r["group"].startswith("trialrows/01_depot:") and story[int(s):int(t)] == r["text"].encode(), r' "$tmp/st" "$d/01_depot.txt" \
    || { echo "FAIL: trial_rows.py stance rows: $(cat "$tmp/st")"; fail=1; }
"$py" "$rows" --task stance --min-conf 2 --quiet "$d:$d/aliases.txt" 2> /dev/null > "$tmp/st2" &&
    [ "$(grep -o '"label": "[a-z]*"' "$tmp/st2" | tr '\n' ' ')" = '"label": "against" "label": "favor" "label": "favor" "label": "favor" ' ] \
    || { echo "FAIL: trial_rows.py --min-conf 2: $(cat "$tmp/st2")"; fail=1; }
"$py" "$rows" --task sentiment --quiet "$d" 2> /dev/null > "$tmp/se" &&
    [ "$(grep -o '"label": "[a-z]*"' "$tmp/se" | tr '\n' ' ')" = '"label": "negative" "label": "positive" "label": "positive" "label": "positive" ' ] &&
    ! grep -q target "$tmp/se" || { echo "FAIL: trial_rows.py sentiment rows: $(cat "$tmp/se")"; fail=1; }
"$py" "$rows" --task sentiment --min-conf 3 --quiet "$d" 2> /dev/null > "$tmp/se3" && [ "$(wc -l < "$tmp/se3")" -eq 2 ] \
    || { echo "FAIL: trial_rows.py sentiment --min-conf 3: $(cat "$tmp/se3")"; fail=1; }
# the fixture's stance rows are 3 against, 3 favor; a mix of 2 against, 3 favor (and a none, absent from the trial:
# not counted) asks r(favor) / r(against) = (3/5 / 1/2) / (2/5 / 1/2) = 1.5: favor 2 copies
printf '{"label": "against"}\n{"label": "against"}\n{"label": "favor"}\n{"label": "favor"}\n{"label": "favor"}\n{"label": "none"}\n' > "$tmp/mix"
"$py" "$rows" --task stance --quiet --match-mix "$tmp/mix" "$d:$d/aliases.txt" > "$tmp/stm" 2> "$tmp/stmErr" &&
    grep -q '^trial_rows.py: copies per label: against=1, favor=2$' "$tmp/stmErr" &&
    [ "$(grep -c '"label": "favor"' "$tmp/stm")" -eq 6 ] && [ "$(grep -c '"label": "against"' "$tmp/stm")" -eq 3 ] \
    || { echo "FAIL: trial_rows.py --match-mix: $(cat "$tmp/stmErr")"; fail=1; }
"$py" "$rows" --task sentiment --quiet --repeat 2 --class-repeat negative=3,neutral=4 "$d" > "$tmp/sec" 2> /dev/null &&
    [ "$(grep -c '"label": "negative"' "$tmp/sec")" -eq 6 ] && [ "$(grep -c '"label": "positive"' "$tmp/sec")" -eq 6 ] \
    || { echo "FAIL: trial_rows.py --class-repeat: $(cat "$tmp/sec")"; fail=1; }
for bad in "--class-repeat negative=0" "--class-repeat negative" "--class-repeat x=1 --match-mix $tmp/mix"; do
    # shellcheck disable=SC2086
    if "$py" "$rows" --task sentiment --quiet $bad "$d" > /dev/null 2>&1; then
        echo "FAIL: trial_rows.py took $bad"; fail=1
    fi
done
mkdir "$tmp/usertest11"
if "$py" "$rows" --task stance "$tmp/usertest11" > "$tmp/held" 2> "$tmp/heldErr"; then
    echo "FAIL: trial_rows.py read a held-out trial"; fail=1
fi
grep -q 'held-out trial' "$tmp/heldErr" && [ ! -s "$tmp/held" ] || { echo "FAIL: held-out refusal: $(cat "$tmp/heldErr")"; fail=1; }
[ $fail = 0 ] && echo "PASS: trial_rows.py"
exit $fail
