#!/bin/sh
# train-cli.sh - the train/eval/predict/inspect subcommands end to end on
# our own small data: exit codes, file:line errors, nothing half written,
# byte-identical retraining with the same seed.
set -u
name=train-cli; . "${top_srcdir:-.}/tests/cli-common.sh"

expect 0 "train two heads" "$STANCE" train -q -o "$W/m.stm" --table-bits 12 --cv 2 --C 0.5,2 --seed 3 \
  --head stance="$T/stance.jsonl" --head sentiment="$T/sentiment.jsonl"
expect 0 "retrain, same seed" "$STANCE" train -q -o "$W/m2.stm" --table-bits 12 --cv 2 --C 0.5,2 --seed 3 \
  --head stance="$T/stance.jsonl" --head sentiment="$T/sentiment.jsonl"
if cmp -s "$W/m.stm" "$W/m2.stm"; then ok "byte-identical rebuild"; else bad "byte-identical rebuild"; fi
expect 0 "libsvm solver + add-to" "$STANCE" train -q -o "$W/m3.stm" --table-bits 12 --cv 0 --solver libsvm \
  --head stance="$T/stance.jsonl"
expect 0 "add a head" "$STANCE" train -q -o "$W/m3.stm" --add-to "$W/m3.stm" --cv 0 --head sentiment="$T/sentiment.jsonl"
expect 1 "refuse a duplicate head" "$STANCE" train -q -o "$W/m3.stm" --add-to "$W/m3.stm" --cv 0 \
  --head sentiment="$T/sentiment.jsonl"
expect 0 "eval" "$STANCE" eval -m "$W/m.stm" "$T/stance.jsonl"
grep -q "macro-F1" "$W/out" && grep -q "F_avg" "$W/out" && grep -q "subset a" "$W/out" && ok "eval text" || bad "eval text"
test "$(grep -c '^  ECE  *0\.[0-9]' "$W/out")" -ge 2 && grep -q "reliability:" "$W/out" && ok "eval ECE per file and subset" || bad "eval ECE per file and subset"
# Platt's slope on a handful of rows per class: the held-out decision values of tiny calibration folds can
# come out anti-correlated with the labels, and a fitted slope of the wrong sign turned every decision around
# (this head was right on 0 of its own 24 training rows). The pair falls back and `train` says so; both solvers.
for solver in liblinear libsvm; do
  expect 0 "train on 24 rows ($solver)" "$STANCE" train -q -o "$W/tiny.stm" --table-bits 12 --cv 0 --C 1 --seed 3 \
    --solver $solver --head stance="$T/stance.jsonl"
  err_has "ordered against the decision values"
  expect 0 "eval on its own rows ($solver)" "$STANCE" eval -m "$W/tiny.stm" "$T/stance.jsonl"
  acc=$(awk '/^  accuracy/ { print $2; exit }' "$W/out")
  awk -v a="$acc" 'BEGIN { exit !(a >= 0.9) }' && ok "a tiny head follows its own decisions ($solver: accuracy $acc)" ||
    bad "a tiny head follows its own decisions ($solver: accuracy $acc)"
done
# the coverage line of each section (file, subsets): at each confidence threshold c, the share kept and
# their accuracy are those of the reliability bins from c up (a threshold is a bin edge: c itself is kept).
# A model of subset a scored on both: its confidences spread over several bins, right and wrong.
grep '"subset": "a"' "$T/stance.jsonl" >"$W/a.jsonl"
expect 0 "train on subset a" "$STANCE" train -q -o "$W/a.stm" --table-bits 12 --cv 0 --C 1 --seed 3 \
  --head stance="$W/a.jsonl"
expect 0 "eval: coverage" "$STANCE" eval -m "$W/a.stm" "$T/stance.jsonl"
awk '/^  reliability:/ { tot = 0; for (b in n) delete n[b]; next }
     /^ +\[[01]\.[0-9],/ { split(substr($1, 2), e, ","); n[e[1]] = $2; ok[e[1]] = $2 * $4; tot += $2; next }
     /^  coverage / { for (i = 1; i < NF; i++) if ($i == ">=") {
         c = $(i + 1) + 0; split($(i + 2), v, "/"); kn = 0; kok = 0
         for (b in n) if (b + 0 >= c - 1e-9) { kn += n[b]; kok += ok[b] }
         if (v[1] - kn / tot > 0.0001 || kn / tot - v[1] > 0.0001 ||
             (kn && (v[2] - kok / kn > 0.0001 || kok / kn - v[2] > 0.0001)) ||
             (!kn && v[2] != "-;" && v[2] != "-")) bad++
         checked++ } }
     END { if (bad || checked != 9) { print "# coverage: " bad + 0 " wrong of " checked + 0; exit 1 } }' "$W/out" &&
  ok "eval coverage per file and subset: the bins from c up" || bad "eval coverage per file and subset: the bins from c up"
kept=$(awk '/^ +\[0\.[5-9],/ { k += $2 } /^  coverage / { print k + 0; exit }' "$W/out")
expect 0 "eval --json: coverage" "$STANCE" eval --json -m "$W/a.stm" "$T/stance.jsonl"
grep -A3 '^  "coverage": \[' "$W/out" | tr -d ' \n' | grep -q "^\"coverage\":\[{\"min_confidence\":0.5,\"n\":$kept," &&
  test "$kept" -gt 0 && ok "eval json coverage ($kept kept at 0.5)" || bad "eval json coverage ($kept kept at 0.5)"
expect 0 "eval --json" "$STANCE" eval --json -m "$W/m.stm" "$T/sentiment.jsonl"
grep -q '"weighted_f1"' "$W/out" && grep -q '"confusion"' "$W/out" && ok "eval json" || bad "eval json"
grep -q '"ece": 0\.' "$W/out" && grep -q '"reliability"' "$W/out" && ok "eval json ECE" || bad "eval json ECE"
expect 0 "predict --explain" "$STANCE" predict -m "$W/m.stm" --explain 2 "$T/stance.jsonl"
test "$(wc -l <"$W/out")" -eq "$(wc -l <"$T/stance.jsonl")" && ok "one line per input" || bad "one line per input"
grep -q '"explain":\[{"feature"' "$W/out" && grep -q '"margin"' "$W/out" && ok "predict fields" || bad "predict fields"
echo '{"id":"s1","text":"A calm and pleasant day.","task":"sentiment"}' | "$STANCE" predict -m "$W/m.stm" >"$W/out" 2>"$W/err" &&
  grep -q '"head":"sentiment"' "$W/out" && ok "predict stdin, head from task" || bad "predict stdin, head from task"
expect 0 "inspect" "$STANCE" inspect -m "$W/m.stm" --top 3
grep -q "top n-grams for favor" "$W/out" && ok "inspect n-grams" || bad "inspect n-grams"
expect 0 "train --help" "$STANCE" train --help

# bad input: file and line, non-zero exit, no output file
expect 1 "malformed JSON" "$STANCE" train -q -o "$W/x.stm" --head stance="$T/bad_json.jsonl"
err_has "bad_json.jsonl:2: malformed JSON"
expect 1 "unknown label" "$STANCE" train -q -o "$W/x.stm" --head stance="$T/bad_label.jsonl"
err_has "bad_label.jsonl:3: unknown label"
expect 1 "missing field" "$STANCE" train -q -o "$W/x.stm" --head stance="$T/missing_text.jsonl"
err_has "missing_text.jsonl:1: missing field \"text\""
expect 1 "empty file" "$STANCE" train -q -o "$W/x.stm" --head stance="$T/empty.jsonl"
err_has "empty.jsonl: no examples"
test ! -e "$W/x.stm" && ok "nothing written" || bad "nothing written"
expect 1 "eval: unknown label" "$STANCE" eval -m "$W/m.stm" "$T/bad_label.jsonl"
err_has "bad_label.jsonl:3: unknown label"
expect 1 "predict: malformed JSON" "$STANCE" predict -m "$W/m.stm" "$T/bad_json.jsonl"
err_has "bad_json.jsonl:2"
expect 1 "eval: empty file" "$STANCE" eval -m "$W/m.stm" "$T/empty.jsonl"
expect 2 "usage error" "$STANCE" train -o "$W/x.stm"

# in-domain temperature: stored for the named head (format 1.3), shown by dump and inspect,
# kept by --add-to; refused for a head not trained or out of range, before anything is written
expect 0 "train --in-domain-temperature" "$STANCE" train -q -o "$W/t.stm" --table-bits 12 --cv 0 --seed 3 \
  --in-domain-temperature stance=2.5 --head stance="$T/stance.jsonl"
expect 0 "dump a tempered model" "$STANCE" dump "$W/t.stm"
grep -q "^format 1.3" "$W/out" && grep -q "^head stance .*in-domain-temperature=2.5$" "$W/out" && ok "dump temperature" ||
  bad "dump temperature"
expect 0 "add a head to a tempered model" "$STANCE" train -q -o "$W/t2.stm" --add-to "$W/t.stm" --cv 0 \
  --head sentiment="$T/sentiment.jsonl"
expect 0 "inspect the extended model" "$STANCE" inspect -m "$W/t2.stm"
grep -q "^head stance: .*in-domain temperature 2.5$" "$W/out" && ! grep -q "^head sentiment: .*temperature" "$W/out" &&
  ok "temperature kept by --add-to" || bad "temperature kept by --add-to"
expect 0 "temperature for an existing head" "$STANCE" train -q -o "$W/t3.stm" --add-to "$W/t2.stm" --cv 0 \
  --in-domain-temperature sentiment=0.5 --head extra="$T/sentiment.jsonl"
expect 0 "dump it" "$STANCE" dump "$W/t3.stm"
grep -q "^head sentiment .*in-domain-temperature=0.5$" "$W/out" && ok "temperature set on an --add-to head" ||
  bad "temperature set on an --add-to head"
expect 2 "temperature for a head not trained" "$STANCE" train -q -o "$W/x.stm" --cv 0 --in-domain-temperature sentiment=2 \
  --head stance="$T/stance.jsonl"
err_has "no --head of that name"
expect 2 "temperature out of range" "$STANCE" train -q -o "$W/x.stm" --cv 0 --in-domain-temperature stance=50 \
  --head stance="$T/stance.jsonl"
expect 2 "temperature not a number" "$STANCE" train -q -o "$W/x.stm" --cv 0 --in-domain-temperature stance=hot \
  --head stance="$T/stance.jsonl"
expect 1 "temperature for a head the --add-to model lacks" "$STANCE" train -q -o "$W/x.stm" --add-to "$W/t.stm" --cv 0 \
  --in-domain-temperature tone=2 --head sentiment="$T/sentiment.jsonl"
err_has "the model has no head 'tone'"
test ! -e "$W/x.stm" && ok "nothing written for a bad temperature" || bad "nothing written for a bad temperature"
# general temperature: format 1.4 beside the in-domain one, applied by predict (the label kept), refused twice
expect 0 "train --temperature" "$STANCE" train -q -o "$W/g.stm" --table-bits 12 --cv 0 --seed 3 \
  --in-domain-temperature stance=2.5 --temperature stance=0.5 --head stance="$T/stance.jsonl"
expect 0 "dump it" "$STANCE" dump "$W/g.stm"
grep -q "^format 1.4" "$W/out" && grep -q "^head stance .*in-domain-temperature=2.5 temperature=0.5$" "$W/out" &&
  ok "dump general temperature" || bad "dump general temperature"
"$STANCE" predict -m "$W/t.stm" "$T/stance.jsonl" > "$W/p1" && "$STANCE" predict -m "$W/g.stm" "$T/stance.jsonl" > "$W/p2" &&
  ! cmp -s "$W/p1" "$W/p2" && test "$(sed 's/"probs".*//' "$W/p1")" = "$(sed 's/"probs".*//' "$W/p2")" &&
  ok "predict tempered, same labels" || bad "predict tempered, same labels"
expect 2 "general temperature twice" "$STANCE" train -q -o "$W/x.stm" --cv 0 --temperature stance=2 --temperature stance=3 \
  --head stance="$T/stance.jsonl"
err_has "given twice"

# prior word polarity: --lexicon adds the lex/lexd families and stores the words in the model
expect 0 "train --lexicon" "$STANCE" train -q -o "$W/lex.stm" --table-bits 12 --cv 0 --seed 3 --lexicon "$T/lexicon.tsv" \
  --families word,neg,window,presence,rules --head sentiment="$T/sentiment.jsonl"
expect 0 "dump a lexicon model" "$STANCE" dump "$W/lex.stm"
grep -q "^format 1.1" "$W/out" && grep -q "^lexicon 6 words" "$W/out" && grep -q "family id=8 " "$W/out" &&
  grep -q "family id=9 " "$W/out" && grep -q "family id=10 " "$W/out" && ok "dump lexicon" || bad "dump lexicon"
expect 0 "eval a lexicon model" "$STANCE" eval -m "$W/lex.stm" "$T/sentiment.jsonl"
expect 0 "retrain --lexicon" "$STANCE" train -q -o "$W/lex2.stm" --table-bits 12 --cv 0 --seed 3 --lexicon "$T/lexicon.tsv" \
  --families word,neg,window,presence,rules --head sentiment="$T/sentiment.jsonl"
if cmp -s "$W/lex.stm" "$W/lex2.stm"; then ok "byte-identical lexicon rebuild"; else bad "byte-identical lexicon rebuild"; fi
expect 2 "lex family without --lexicon" "$STANCE" train -q -o "$W/x.stm" --families word,lex --head sentiment="$T/sentiment.jsonl"
err_has "need --lexicon"
expect 1 "bad lexicon line" "$STANCE" train -q -o "$W/x.stm" --lexicon "$T/bad_lexicon.tsv" --head sentiment="$T/sentiment.jsonl"
err_has "bad_lexicon.tsv:2: bad valence"
test ! -e "$W/x.stm" && ok "nothing written for a bad lexicon" || bad "nothing written for a bad lexicon"

# word vectors: --unlabelled adds the vec family; learned from the head files and the extra text
printf '%s\n' 'The harbour plan was praised by the town.' 'The town praised the plan for the harbour.' \
  'The workers thanked the town for the plan.' 'The plan for the workers was a disgrace, the town said.' >"$W/plain.txt"
expect 0 "train --unlabelled" "$STANCE" train -q -o "$W/vec.stm" --table-bits 12 --cv 0 --seed 3 --vec-dims 4 \
  --vec-min-count 2 --unlabelled "$W/plain.txt" --families word,neg,window,presence --head stance="$T/stance.jsonl"
expect 0 "dump a vector model" "$STANCE" dump "$W/vec.stm"
grep -q "^format 1.2" "$W/out" && grep -q "^vectors [0-9]* words x 4 dimensions" "$W/out" &&
  grep -q "family id=11 " "$W/out" && grep -q "plain.txt" "$W/out" && ok "dump vectors" || bad "dump vectors"
expect 0 "predict with a vector model" "$STANCE" predict -m "$W/vec.stm" "$T/stance.jsonl"
expect 0 "retrain --unlabelled" "$STANCE" train -q -o "$W/vec2.stm" --table-bits 12 --cv 0 --seed 3 --vec-dims 4 \
  --vec-min-count 2 --unlabelled "$W/plain.txt" --families word,neg,window,presence --head stance="$T/stance.jsonl"
if cmp -s "$W/vec.stm" "$W/vec2.stm"; then ok "byte-identical vector rebuild"; else bad "byte-identical vector rebuild"; fi
expect 1 "vectors skip --no-ngram-text files" "$STANCE" train -q -o "$W/x.stm" --table-bits 12 --cv 0 --vec-dims 4 \
  --vec-min-count 2 --unlabelled "$W/plain.txt" --no-ngram-text "$T/stance.jsonl" --families word,neg,window,presence \
  --head stance="$T/stance.jsonl"
grep_err "need at least"
# --unlabelled-context: co-occurrences only; its words (here "zorbled") enter no vocabulary
for i in 1 2 3 4 5 6; do echo "The town zorbled the plan and the harbour zorbled the workers $i."; done >"$W/ctx.txt"
expect 0 "train --unlabelled-context" "$STANCE" train -q -o "$W/vecc.stm" --table-bits 12 --cv 0 --seed 3 --vec-dims 4 \
  --vec-min-count 2 --unlabelled "$W/plain.txt" --unlabelled-context "$W/ctx.txt" --families word,neg,window,presence \
  --head stance="$T/stance.jsonl"
expect 0 "dump a context-vector model" "$STANCE" dump "$W/vecc.stm"
grep -q "context-only=.*ctx.txt" "$W/out" && ok "dump names the context-only text" || bad "dump names the context-only text"
words_c=$(grep "^vectors " "$W/out" | sed 's/, scale.*//')
"$STANCE" dump "$W/vec.stm" >"$W/out" 2>&1
# the vocabulary (stored as words in the file) is the one learned without the context text
test -n "$words_c" && test "$words_c" = "$(grep "^vectors " "$W/out" | sed 's/, scale.*//')" &&
  grep -qa "harbour" "$W/vecc.stm" && ! grep -qa "zorbled" "$W/vecc.stm" && ok "context-only words stay out" ||
  bad "context-only words stay out"
if cmp -s "$W/vec.stm" "$W/vecc.stm"; then bad "context changes the vectors"; else ok "context changes the vectors"; fi
expect 1 "too few words for the vectors" "$STANCE" train -q -o "$W/x.stm" --table-bits 12 --cv 0 \
  --unlabelled "$W/plain.txt" --head stance="$T/stance.jsonl"
grep_err "need at least"
printf '%s\n' '{"text": "fine"}' '{"txt": "no"}' >"$W/bad_unl.jsonl"
expect 1 "unlabelled JSONL without text" "$STANCE" train -q -o "$W/x.stm" --unlabelled "$W/bad_unl.jsonl" \
  --head stance="$T/stance.jsonl"
grep_err "bad_unl.jsonl:2"
test ! -e "$W/x.stm" && ok "nothing written for bad unlabelled text" || bad "nothing written for bad unlabelled text"
expect 2 "bad --vec-dims" "$STANCE" train -q -o "$W/x.stm" --vec-dims 0 --head stance="$T/stance.jsonl"

# a neutral band from orig_score: train and eval relabel by |score| < T
printf '%s\n' '{"text":"A fine and pleasant day.","task":"sentiment","label":"positive","orig_score":0.1}' \
  '{"text":"What a truly wonderful result.","task":"sentiment","label":"positive","orig_score":2.5}' \
  '{"text":"An awful, terrible failure.","task":"sentiment","label":"negative","orig_score":-2.8}' \
  '{"text":"The meeting is on Tuesday.","task":"sentiment","label":"negative","orig_score":-0.2}' >"$W/band.jsonl"
expect 0 "eval --neutral-band" "$STANCE" eval --json --neutral-band 0.3 -m "$W/m.stm" --head sentiment "$W/band.jsonl"
grep -A4 '"neutral": {' "$W/out" | grep -q '"support": 2' && ok "eval band relabels gold" || bad "eval band relabels gold"
expect 0 "eval without band" "$STANCE" eval --json -m "$W/m.stm" --head sentiment "$W/band.jsonl"
grep -A4 '"neutral": {' "$W/out" | grep -q '"support": 0' && ok "eval keeps labels without band" || bad "eval keeps labels without band"
expect 2 "bad --neutral-band" "$STANCE" eval --neutral-band x -m "$W/m.stm" "$W/band.jsonl"
expect 0 "train --neutral-band" "$STANCE" train -q -o "$W/band.stm" --table-bits 12 --cv 0 --neutral-band 0.3 \
  --head sentiment="$W/band.jsonl"
"$STANCE" dump "$W/band.stm" | grep -q "neutral-band=0.3" && ok "band in meta" || bad "band in meta"

# per-family ablations (issue 14 item 9): train --ablate retrains without each family, eval --ablate
# leaves each family out of the input; neither changes the model or the main figures
expect 0 "train --ablate" "$STANCE" train -q -o "$W/abl.stm" --table-bits 12 --cv 2 --C 0.5,2 --seed 3 --ablate \
  --head stance="$T/stance.jsonl" --head sentiment="$T/sentiment.jsonl"
cmp -s "$W/abl.stm" "$W/m.stm" && ok "train --ablate writes the same model" || bad "train --ablate writes the same model"
test "$(grep -c '^head .*: ablation, 2-fold CV macro-F1' "$W/out")" -eq 2 &&
  test "$(grep -cE '^  (word|char|neg|window|presence|context) +[01]\.[0-9]{4} +[+-][01]\.[0-9]{4} ' "$W/out")" -eq 12 &&
  ok "train --ablate: a row per family and head" || { bad "train --ablate: a row per family and head"; cat "$W/out"; }
full=$(sed -n '/^head stance: ablation/,/^head sentiment/p' "$W/out" | awk '$1 == "(none)" { print $2 }')
"$STANCE" dump "$W/m.stm" | grep -q "head.stance.train = .*cv-macro-f1=$full " && ok "train --ablate: reference is the C search's CV" ||
  bad "train --ablate: reference is the C search's CV ($full)"
acc=$(sed -n '/^head stance: ablation/,/^head sentiment/p' "$W/out" | awk '$1 == "(none)" { print $3 }')
test -n "$acc" && "$STANCE" dump "$W/m.stm" | grep -q "head.stance.train = .*cv-accuracy=$acc " &&
  ok "train --ablate: the reference row has the C search's CV accuracy too" ||
  bad "train --ablate: the reference row has the C search's CV accuracy too ($acc)"
expect 0 "eval --ablate" "$STANCE" eval --ablate -m "$W/lex.stm" "$T/sentiment.jsonl"
cp "$W/out" "$W/abl.out"
expect 0 "eval without --ablate" "$STANCE" eval -m "$W/lex.stm" "$T/sentiment.jsonl"
sed -n '/^ablation:/q;p' "$W/abl.out" | sed '$d' | cmp -s - "$W/out" && ok "eval --ablate keeps the main figures" ||
  bad "eval --ablate keeps the main figures"
test "$(sed -n '/^ablation:/,$p' "$W/abl.out" | grep -cE '^  (word|neg|window|presence|rules|lex|lexd) ')" -eq 7 &&
  ok "eval --ablate: a row per family" || { bad "eval --ablate: a row per family"; cat "$W/abl.out"; }
expect 0 "eval --ablate --json" "$STANCE" eval --ablate --json -m "$W/lex.stm" "$T/sentiment.jsonl"
if test -n "${PYTHON_BIN:-}"; then
  "$PYTHON_BIN" -c '
import json, sys
o = json.load(open(sys.argv[1]))
a = {x["family"]: x for x in o["ablation"]}
assert sorted(a) == ["lex", "lexd", "neg", "presence", "rules", "window", "word"], sorted(a)
assert all(x["n"] == o["n"] for x in a.values())
assert any(abs(x["ece"] - o["ece"]) > 1e-9 for x in a.values()), "no family changed anything"
' "$W/out" && ok "eval --ablate --json: every family, each scored" || bad "eval --ablate --json: every family, each scored"
fi

# --no-ngram-text: the same weights, but none of that file's n-gram strings in the readable table
expect 0 "train --no-ngram-text" "$STANCE" train -q -o "$W/priv.stm" --table-bits 12 --cv 0 --seed 3 \
  --no-ngram-text "$T/sentiment.jsonl" --head sentiment="$T/sentiment.jsonl"
expect 0 "train with n-gram text" "$STANCE" train -q -o "$W/pub.stm" --table-bits 12 --cv 0 --seed 3 --head sentiment="$T/sentiment.jsonl"
"$STANCE" inspect -m "$W/pub.stm" --top 3 | grep -q '^      [-0-9.]*  w:' && ! "$STANCE" inspect -m "$W/priv.stm" --top 3 | grep -q '  [wc]:' &&
  ok "no n-gram strings from a --no-ngram-text file" || bad "no n-gram strings from a --no-ngram-text file"
"$STANCE" predict -m "$W/pub.stm" "$T/sentiment.jsonl" >"$W/pub.out" && "$STANCE" predict -m "$W/priv.stm" "$T/sentiment.jsonl" >"$W/priv.out" &&
  cmp -s "$W/pub.out" "$W/priv.out" && ok "--no-ngram-text keeps the weights" || bad "--no-ngram-text keeps the weights"

# --in-domain: that file's rows get the domain family's copies and bias (the family is added);
# predict scores the general features, which then differ from a model trained without it
expect 0 "train --in-domain" "$STANCE" train -q -o "$W/dom.stm" --table-bits 12 --cv 0 --seed 3 \
  --families word,neg,window,presence --in-domain "$T/stance.jsonl" --head stance="$T/stance.jsonl"
expect 0 "train without --in-domain" "$STANCE" train -q -o "$W/nodom.stm" --table-bits 12 --cv 0 --seed 3 \
  --families word,neg,window,presence --head stance="$T/stance.jsonl"
"$STANCE" dump "$W/dom.stm" >"$W/out" 2>&1 && grep -q "domain:1" "$W/out" && ! "$STANCE" dump "$W/nodom.stm" | grep -q "domain:" &&
  ok "--in-domain adds the domain family" || bad "--in-domain adds the domain family"
"$STANCE" predict -m "$W/dom.stm" "$T/stance.jsonl" >"$W/dom.out" && "$STANCE" predict -m "$W/nodom.stm" "$T/stance.jsonl" >"$W/nodom.out" &&
  ! cmp -s "$W/dom.out" "$W/nodom.out" && ok "--in-domain changes the model" || bad "--in-domain changes the model"
printf '"Mara Velden has done a wonderful job for this town," Pavel Dunmore said.\n' >"$W/dom.txt"
expect 0 "classify with a domain model" "$STANCE" classify -m "$W/dom.stm" -a "Mara Velden" "$W/dom.txt"
grep -q '"actor":"Mara Velden"' "$W/out" && ok "domain model: a stance toward the actor" || bad "domain model: a stance toward the actor"

# a model file written by format 1.0 (before the lexicon families) scores exactly as it did
"$STANCE" predict -m "$S/tests/data/tiny-1.0.stm" "$T/stance.jsonl" >"$W/old.out" 2>"$W/err" &&
  "$STANCE" predict -m "$S/tests/data/tiny-1.0.stm" --head sentiment "$T/sentiment.jsonl" >>"$W/old.out" 2>>"$W/err" &&
  cmp -s "$W/old.out" "$S/tests/data/tiny-1.0.predict" && ok "format 1.0 model scores unchanged" ||
  { bad "format 1.0 model scores unchanged"; diff "$W/old.out" "$S/tests/data/tiny-1.0.predict" | head -5; }
test "$fails" -eq 0
