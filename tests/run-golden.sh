#!/bin/sh
# Golden runs: `stance classify` on the articles in tests/data/golden/ with the
# deterministic test model must print exactly the bytes in the .expected files
# (quotes, speakers, spans and every probability), in every build: plain,
# sanitized, any optimisation level. After an intended change, regenerate with
#   make golden-update
set -u
top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-.}
dir="$top_srcdir/tests/data/golden"
stance="$top_builddir/stance"
model="$top_builddir/tests/tiny.stm"
update=${GOLDEN_UPDATE:-0}
pass=0 fail=0
for txt in "$dir"/*.txt; do
    name=$(basename "$txt" .txt)
    exp="$dir/$name.expected"
    # Run from the golden directory so the output's "id" is the bare file name.
    abs_stance=$(cd "$(dirname "$stance")" && pwd)/$(basename "$stance")
    abs_model=$(cd "$(dirname "$model")" && pwd)/$(basename "$model")
    # NAME.actors: one actor per line, "Name|Alias|Alias".
    set -- classify -m "$abs_model" --explain 2
    if [ -f "$dir/$name.actors" ]; then
        while IFS= read -r a; do [ -n "$a" ] && set -- "$@" -a "$a"; done < "$dir/$name.actors"
    fi
    out=$(cd "$dir" && "$abs_stance" "$@" "$name.txt" 2>&1) || {
        echo "FAIL: $name: stance exited non-zero: $out"; fail=$((fail + 1)); continue; }
    if [ "$update" = 1 ]; then
        printf '%s\n' "$out" > "$exp"; echo "updated $exp"; pass=$((pass + 1)); continue
    fi
    if [ ! -f "$exp" ]; then echo "FAIL: $name: no $exp (make golden-update)"; fail=$((fail + 1)); continue; fi
    if printf '%s\n' "$out" | cmp -s - "$exp"; then
        pass=$((pass + 1))
    else
        echo "FAIL: $name: output differs from $exp:"
        printf '%s\n' "$out" | diff "$exp" - | head -20
        fail=$((fail + 1))
    fi
done
echo "golden: $pass passed, $fail failed"
[ "$fail" = 0 ]
