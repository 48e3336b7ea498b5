#!/usr/bin/env bash
# Outputs of two binaries the same up to the order of floating-point sums (a speed change that may
# add a statement's terms in another order, with the same feature values): every label, id, head
# and error the same, every number within TOL (default 1e-6) absolute, on
#   `stance predict --head H` for every head of the model, on NewsMTSC dev and train and vader_nyt
#   dev and train, and `stance classify --jsonl` on all PolNeAR records, with and without --all-actors.
# Prints, per output, the lines, the numbers compared, those that differ and the largest difference;
# exit 0 when all are within the tolerance, 1 when not, 2 on bad arguments.
#   bench/predict/check_close.sh BASE_STANCE NEW_STANCE [MODEL]
# (a built tree may stand for its binary: /work/main means /work/main/stance; TOL=1e-6 by default)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/bench/predict/common.sh"
tol=${TOL:-1e-6}
heads=$("$base" dump "$model" | awk '$1 == "head" { print $2 }')
fail=0
close() { # NAME args...
    local name=$1; shift
    "$base" "$@" > "$tmp/a" 2> "$tmp/ea" || true
    "$new" "$@" > "$tmp/b" 2> "$tmp/eb" || true
    if python3 "$top/bench/predict/compare_close.py" "$tmp/a" "$tmp/b" "$tol" "$name" && cmp -s "$tmp/ea" "$tmp/eb"; then :
    else echo "DIFFERENT: $name"; fail=1; fi
}
for part in newsmtsc/dev newsmtsc/train vader_nyt/dev vader_nyt/train; do
    for h in $heads; do
        close "predict --head $h $part" predict -m "$model" --head "$h" "$data/$part.jsonl"
    done
done
close "classify --jsonl polnear" classify -m "$model" --jsonl "$tmp/polnear.jsonl"
close "classify --jsonl --all-actors polnear" classify -m "$model" --jsonl --all-actors "$tmp/polnear.jsonl"
[ $fail = 0 ] && echo "all within $tol" || echo "NOT all within $tol"
exit $fail
