#!/usr/bin/env bash
# Throughput and accuracy of `stance predict` against `fasttext predict-prob`
# on the same lines, in the same run (NewsMTSC dev, stance toward a person).
# fastText gets its own model trained on the same train split (word bigrams, 25 epochs).
# Speed is CPU time of paired, interleaved runs (medians), per line from the difference
# between REPEAT and 2 x REPEAT copies of dev, so start-up cancels out. Both programs read
# their input from a file named on the command line (fastText's faster path: from stdin,
# libstdc++'s cin synchronised with stdio costs it ~5 % more instructions a line) and every
# timed run writes to /dev/null: fastText flushes each line (one write() a line), which
# costs more into a file than into /dev/null, so a difference of a run into a file and a
# run into /dev/null is no per-line cost (pred16: it cut fastText's figure by ~1.7 us).
# fastText gives all three labels' probabilities (k = 3), as stance predict does.
#   [ROUNDS=5] bench/predict/predict_vs_fasttext.sh [MODEL] [REPEAT]   (REPEAT copies of dev, default 100)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
model=${1:-$top/models/en-news.stm}
repeat=${2:-100}   # dev x100 and x200: the difference must dwarf fastText's start-up noise (+-0.3 s CPU)
data=${STANCE_DATA:-/work/shared/data}
stance=${STANCE_BIN:-$top/stance}   # STANCE_BIN: another binary (e.g. a baseline build)
[ -f "$data/newsmtsc/train.jsonl" ] || { echo "SKIP: $data/newsmtsc not found"; exit 0; }
command -v fasttext >/dev/null || { echo "SKIP: fasttext not installed (apt-get install fasttext)"; exit 0; }
command -v python3 >/dev/null || { echo "SKIP: python3 needed"; exit 0; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

python3 - "$data" "$tmp" "$repeat" <<'PY'
import json, sys, re
data, tmp, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
def ft_line(r):
    return "__label__%s %s" % (r["label"], re.sub(r"\s+", " ", r["text"]).strip())
train = [json.loads(l) for l in open(f"{data}/newsmtsc/train.jsonl")]
dev = [json.loads(l) for l in open(f"{data}/newsmtsc/dev.jsonl")]
with open(f"{tmp}/ft.train", "w") as f:
    for r in train: f.write(ft_line(r) + "\n")
with open(f"{tmp}/dev.gold", "w") as f:
    for r in dev: f.write(r["label"] + "\n")
for suffix, reps in (("", repeat), ("2", 2 * repeat)):
    with open(f"{tmp}/dev{suffix}.ft", "w") as f, open(f"{tmp}/dev{suffix}.jsonl", "w") as g:
        for _ in range(reps):
            for r in dev:
                f.write(re.sub(r"\s+", " ", r["text"]).strip() + "\n")
                g.write(json.dumps({"id": r["id"], "task": "stance", "text": r["text"], "target": r["target"],
                                    "target_spans": r["target_spans"]}) + "\n")
PY
fasttext supervised -input "$tmp/ft.train" -output "$tmp/ft" -epoch 25 -wordNgrams 2 -thread 1 -seed 1 -verbose 0 >/dev/null
n=$(wc -l < "$tmp/dev.jsonl")
# the outputs scored for accuracy, from runs on dev alone (not timed)
head -n "$(wc -l < "$tmp/dev.gold")" "$tmp/dev.ft" > "$tmp/dev1.ft"
head -n "$(wc -l < "$tmp/dev.gold")" "$tmp/dev.jsonl" > "$tmp/dev1.jsonl"
fasttext predict-prob "$tmp/ft.bin" "$tmp/dev1.ft" 3 > "$tmp/ft.out"
"$stance" predict -m "$model" --head stance "$tmp/dev1.jsonl" > "$tmp/st.out"

# CPU time, never wall time: a busy machine inflates wall time but not CPU time. perf's
# task-clock of the child when perf works (ms steps), else user+sys from /usr/bin/time
# (10 ms steps). Runs are paired and interleaved (fastText, stance, fastText on twice the
# lines, stance on twice the lines), ROUNDS rounds (default 5), the four turned by one place
# each round: with a fixed order the second of two runs of one binary measured 3 % faster.
rounds=${ROUNDS:-5}
if perf stat -x, -e task-clock true >/dev/null 2>&1; then
    cpu() { # OUT command... -> CPU seconds
        local out=$1; shift
        perf stat -x, -e task-clock -o "$tmp/time" "$@" > "$out"
        awk -F, '/task-clock/ {printf "%.4f\n", $1 / 1000}' "$tmp/time"
    }
else
    command -v /usr/bin/time >/dev/null || { echo "SKIP: perf or /usr/bin/time needed"; exit 0; }
    cpu() {
        local out=$1; shift
        /usr/bin/time -o "$tmp/time" -f '%U %S' "$@" > "$out"
        awk '{printf "%.4f\n", $1 + $2}' "$tmp/time"
    }
fi
one() { # K -> the K-th measurement of a round (1 fastText, 2 stance, 3 and 4 the same on twice the lines)
    case $1 in
    1) cpu /dev/null fasttext predict-prob "$tmp/ft.bin" "$tmp/dev.ft" 3 ;;
    2) cpu /dev/null "$stance" predict -m "$model" --head stance "$tmp/dev.jsonl" ;;
    3) cpu /dev/null fasttext predict-prob "$tmp/ft.bin" "$tmp/dev2.ft" 3 ;;
    4) cpu /dev/null "$stance" predict -m "$model" --head stance "$tmp/dev2.jsonl" ;;
    esac
}
for r in $(seq 0 $((rounds - 1))); do
    t=(0 0 0 0 0)
    for j in 0 1 2 3; do
        k=$(( (j + r) % 4 + 1 ))
        t[$k]=$(one $k)
    done
    echo "${t[1]} ${t[2]} ${t[3]} ${t[4]}" >> "$tmp/runs"
done
med() { awk -v k="$1" '{print $k}' "$tmp/runs" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
t_ft=$(med 1); t_st=$(med 2); t_ft2=$(med 3); t_st2=$(med 4)
# the per-line speed ratio of each round, fastText / stance of (twice - once): their median
paired=$(awk '{ft = $3 - $1; st = $4 - $2; if (ft > 0 && st > 0) print ft / st}' "$tmp/runs" | sort -g |
         awk '{v[NR] = $1} END {if (NR) printf "%.2f (%d rounds: %.2f-%.2f)", v[int((NR + 1) / 2)], NR, v[1], v[NR]; else print "n/a"}')

python3 - "$tmp" "$n" "$t_ft" "$t_st" "$repeat" "$t_ft2" "$t_st2" <<'PY'
import json, sys
tmp, n, t_ft, t_st, repeat = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
t_ft2, t_st2 = float(sys.argv[6]), float(sys.argv[7])
gold = [l.strip() for l in open(f"{tmp}/dev.gold")]
k = len(gold)
ft = [l.split()[0].replace("__label__", "") for l in open(f"{tmp}/ft.out")][:k]
st = [json.loads(l)["label"] for l in open(f"{tmp}/st.out")][:k]
def f1s(pred):
    out = {}
    for c in ("favor", "against", "none"):
        tp = sum(1 for g, p in zip(gold, pred) if g == p == c)
        fp = sum(1 for g, p in zip(gold, pred) if p == c and g != c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        pr = tp / (tp + fp) if tp + fp else 0; rc = tp / (tp + fn) if tp + fn else 0
        out[c] = 2 * pr * rc / (pr + rc) if pr + rc else 0
    return sum(out.values()) / 3, (out["favor"] + out["against"]) / 2
mf_ft, fa_ft = f1s(ft); mf_st, fa_st = f1s(st)
print(f"lines: {n} (NewsMTSC dev x{repeat}), CPU time, medians of paired interleaved runs (order turned each round), one thread")
print(f"fasttext predict-prob: {t_ft:.3f} s CPU, {n / t_ft:,.0f} lines/s; dev macro-F1 {mf_ft:.3f}, F_avg {fa_ft:.3f}")
print(f"stance predict:        {t_st:.3f} s CPU, {n / t_st:,.0f} lines/s; dev macro-F1 {mf_st:.3f}, F_avg {fa_st:.3f}")
print(f"throughput ratio stance/fasttext, whole runs (start-up included): {t_ft / t_st:.2f}")
m_ft, m_st = n / max(t_ft2 - t_ft, 1e-9), n / max(t_st2 - t_st, 1e-9)  # per line from the differences
print(f"marginal (second {n} lines, start-up excluded): fasttext {m_ft:,.0f} lines/s, stance {m_st:,.0f} lines/s, "
      f"ratio {m_st / m_ft:.2f}")
print(f"start-up: fasttext {t_ft - n / m_ft:.3f} s, stance {t_st - n / m_st:.3f} s")
PY
echo "marginal ratio stance/fasttext, median of the rounds' own ratios: $paired"
