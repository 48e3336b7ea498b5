#!/bin/sh
# bench/train/run.sh - the figures of bench/RESULTS.md, sections "Stance and
# sentiment classifiers" and "Training time and collapse agreement".
# Usage: bench/train/run.sh [DATA_DIR] (default ../shared/data); run from the
# build directory after `make`. Writes scratch models to ${TMPDIR:-/tmp}.
# Set LIBSVM=1 to also time libsvm (slow: tens of CPU minutes).
set -e
D=${1:-$(dirname "$0")/../../../shared/data}
T=${TMPDIR:-/tmp}/stance-bench-train.$$
STANCE=${STANCE:-./stance}
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
test -r "$D/newsmtsc/train.jsonl" || { echo "bench/train: no data in $D" >&2; exit 1; }
SENT=$D/vader_nyt/train.jsonl,$D/vader_tweets/train.jsonl,$D/vader_movies/train.jsonl,$D/vader_amazon/train.jsonl
date -u "+date: %Y-%m-%d %H:%M UTC"

echo "== stance head, liblinear, C searched by 5-fold CV (time, peak memory)"
/usr/bin/time -v "$STANCE" train -o "$T/stance.stm" --solver liblinear --seed 1 --cv 5 --C 0.3,1,3 \
  --class-weight balanced --head stance="$D/newsmtsc/train.jsonl" 2>&1 |
  grep -E "C=|Elapsed|Maximum resident|User time"
"$STANCE" eval -m "$T/stance.stm" "$D/newsmtsc/dev.jsonl"

echo "== sentiment head, liblinear"
/usr/bin/time -v "$STANCE" train -o "$T/sent.stm" --solver liblinear --seed 1 --cv 5 --C 1,3,10 \
  --class-weight none --head sentiment="$SENT" 2>&1 | grep -E "C=|Elapsed|Maximum resident|User time"
"$STANCE" eval -m "$T/sent.stm" "$D/vader_nyt/dev.jsonl"

if test -n "$LIBSVM"; then
  echo "== stance head, libsvm, one C (no search), with the collapse check on dev"
  /usr/bin/time -v "$STANCE" train -o "$T/svm.stm" --solver libsvm --seed 1 --cv 0 --C 1 \
    --class-weight balanced --head stance="$D/newsmtsc/train.jsonl" \
    --check-collapse "$D/newsmtsc/dev.jsonl" 2>&1 | grep -E "collapse|Elapsed|Maximum resident|User time"
  "$STANCE" eval -m "$T/svm.stm" "$D/newsmtsc/dev.jsonl" | grep -E "subset|macro-F1"
fi
