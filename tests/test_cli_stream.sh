#!/bin/sh
# `stance classify --jsonl` as a stream filter (Hadoop streaming, Spark
# RDD.pipe, GNU parallel, xargs -P): split a JSONL corpus into shards, run one
# process per shard (stdin -> stdout), concatenate in shard order, and compare
# with a single run over the whole file. They must be byte-identical.
set -eu
: "${top_builddir:=.}"
stance="$top_builddir/stance"
model="${STANCE_TEST_MODEL:-$top_builddir/tests/tiny.stm}"
[ -x "$stance" ] || { echo "FAIL: $stance not built"; exit 1; }
[ -f "$model" ] || { echo "FAIL: $model missing (make tests/tiny.stm)"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/stance-stream.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# An invented corpus: 300 records with ids (ids must travel with the records:
# without one the CLI numbers records by line, which differs per shard).
awk 'BEGIN {
  split("Maria Lopez|Tom Becker|Anna Kowalski|Jos\\u00e9 N\\u00fa\\u00f1ez|Priya Raman", spk, "|");
  split("Acme Corp|the city council|Mayor Grant|Northwind", act, "|");
  split("has done great work for the town|is a disgrace and should resign|deserves credit for the new bridge|is to blame for this sad failure", claim, "|");
  for (i = 0; i < 300; i++) {
    s = spk[i % 5 + 1]; a = act[int(i / 5) % 4 + 1]; c = claim[int(i / 3) % 4 + 1];
    t = "\\\"" a " " c ",\\\" " s " said. The meeting lasted " i " minutes.";
    if (i % 4 == 0) t = t " \\u201cWe thank " a ",\\u201d said " spk[(i + 2) % 5 + 1] ".";
    if (i % 3 == 0) printf("{\"id\":\"doc-%d\",\"text\":\"%s\",\"actors\":[\"%s\"]}\n", i, t, a);
    else if (i % 7 == 0) printf("{\"id\":%d,\"text\":\"%s\"}\n", i, t);
    else printf("{\"id\":\"doc-%d\",\"text\":\"%s\"}\n", i, t);
  }
}' > "$work/corpus.jsonl"

"$stance" classify --jsonl -m "$model" "$work/corpus.jsonl" > "$work/single.out"
n_in=$(wc -l < "$work/corpus.jsonl")
n_out=$(wc -l < "$work/single.out")
[ "$n_in" -eq 300 ] && [ "$n_out" -eq 300 ] || { echo "FAIL: $n_in records in, $n_out out"; exit 1; }
grep -q '"quotes":\[{' "$work/single.out" || { echo "FAIL: no quotes found at all"; exit 1; }

# 1. Sequential shards through stdin, like Hadoop streaming mappers.
mkdir "$work/shards"
split -d -a 3 -n l/4 "$work/corpus.jsonl" "$work/shards/part-"
for f in "$work"/shards/part-*; do
    "$stance" classify --jsonl -m "$model" < "$f" > "$f.out"
done
cat "$work"/shards/part-???.out > "$work/sharded.out"
cmp "$work/single.out" "$work/sharded.out" || { echo "FAIL: sharded output differs"; exit 1; }
echo "ok: 4 stdin shards == single run"

# 2. Parallel shards with xargs -P (ordered by shard name on concatenation).
rm -f "$work"/shards/*.out
split -d -a 3 -l 37 "$work/corpus.jsonl" "$work/shards/small-"
ls "$work"/shards/small-* | xargs -P 2 -I{} sh -c '"$1" classify --jsonl -m "$2" "$3" > "$3.out"' sh "$stance" "$model" {}
cat "$work"/shards/small-???.out > "$work/parallel.out"
cmp "$work/single.out" "$work/parallel.out" || { echo "FAIL: xargs -P output differs"; exit 1; }
echo "ok: $(ls "$work"/shards/small-???.out | wc -l) parallel shards (xargs -P 2) == single run"

# 3. GNU parallel --pipe --keep-order, when installed.
if command -v parallel >/dev/null 2>&1 && parallel --version 2>/dev/null | grep -q GNU; then
    parallel --will-cite --pipe --keep-order -N 50 -j 2 "$stance" classify --jsonl -m "$model" \
        < "$work/corpus.jsonl" > "$work/gnu.out"
    cmp "$work/single.out" "$work/gnu.out" || { echo "FAIL: GNU parallel output differs"; exit 1; }
    echo "ok: GNU parallel --pipe --keep-order == single run"
else
    echo "(GNU parallel not installed: that variant not run)"
fi
