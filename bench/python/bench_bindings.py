"""Python binding benchmarks: per-call overhead (extension vs ctypes vs C API vs CLI) and
classify_many thread scaling. Prints a Markdown table for bench/RESULTS.md.

    bench/python/run.sh            (builds what it needs; see there)
    python3 bench_bindings.py MODEL [--quick]

Needs stance importable (PYTHONPATH=bindings/python/build-pkg), ../../.libs/libstance.so
for the ctypes baseline, bench/python/bench_capi and ./stance for the C and CLI rows.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(TOP, "bindings", "python", "tests"))

MODEL = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(TOP, "tests", "tiny.stm"))
QUICK = "--quick" in sys.argv
os.environ.setdefault("STANCE_TEST_MODEL", MODEL)

import stance  # noqa: E402
import common  # noqa: E402  (the invented corpus of the tests)
import ctypes_baseline  # noqa: E402

ARTICLE = '"Acme Corp is a disgrace and should resign," Maria Lopez said. The meeting lasted three hours.'
STATEMENT = "Acme Corp deserves credit for the new bridge"


def best_ns(fn, n, reps=5):
    """Best of reps runs of n calls, in ns per call."""
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        best = min(best, (time.perf_counter() - t0) / n * 1e9)
    return best


def capi():
    exe = os.path.join(TOP, "bench", "python", "bench_capi")
    if not os.access(exe, os.X_OK):
        return {}
    out = subprocess.run([exe, MODEL, "40000" if QUICK else "200000"], check=True,
                         stdout=subprocess.PIPE).stdout.decode()
    return {k: float(v) for k, v in (line.split() for line in out.splitlines())}


def cli_per_record(n):
    exe = os.path.join(TOP, "stance")
    if not os.access(exe, os.X_OK):
        return None
    with tempfile.TemporaryDirectory() as d:
        one, many = os.path.join(d, "one.jsonl"), os.path.join(d, "many.jsonl")
        rec = json.dumps({"id": "x", "text": ARTICLE, "actors": ["Acme Corp"]}) + "\n"
        with open(one, "w") as f:
            f.write(rec)
        with open(many, "w") as f:
            f.write(rec * n)

        def run(p):
            best = float("inf")
            for _ in range(3):
                t0 = time.perf_counter()
                subprocess.run([exe, "classify", "--jsonl", "-m", MODEL, p], check=True, stdout=subprocess.DEVNULL)
                best = min(best, time.perf_counter() - t0)
            return best

        t1, tn = run(one), run(many)
        return (tn - t1) / (n - 1) * 1e9, t1 * 1e3


def main():
    n = 20000 if QUICK else 100000
    m = stance.Model(MODEL)
    c = ctypes_baseline.CtypesModel(MODEL)
    assert c.predict(STATEMENT, "Acme Corp")["probs"] == m.predict(STATEMENT, "Acme Corp").probs
    cq, eq = c.classify(ARTICLE, ["Acme Corp"]), m.classify(ARTICLE, ["Acme Corp"])
    assert [q["sentiment"]["probs"] for q in cq] == [q.sentiment.probs for q in eq]

    rows = []
    cap = capi()
    h_ext = best_ns(lambda: m.head_index("sentiment"), n * 5)
    h_ct = best_ns(lambda: c.head_index("sentiment"), n * 5)
    p_ext = best_ns(lambda: m.predict(STATEMENT, "Acme Corp"), n)
    p_ct = best_ns(lambda: c.predict(STATEMENT, "Acme Corp"), n // 2)
    k_ext = best_ns(lambda: m.classify(ARTICLE, ["Acme Corp"]), n // 4)
    k_ct = best_ns(lambda: c.classify(ARTICLE, ["Acme Corp"]), n // 8)
    cli = cli_per_record(2000 if QUICK else 10000)

    def ov(x, key):
        return "%.2f" % ((x - cap[key]) / 1000) if key in cap else "-"

    print("| call | C API | extension | ctypes | extension overhead | ctypes overhead | ctypes / extension overhead |")
    print("|---|---|---|---|---|---|---|")
    for name, key, e, t in (("head lookup (trivial call)", "head_find", h_ext, h_ct),
                            ("predict (one statement)", "predict", p_ext, p_ct),
                            ("classify (short article, 1 actor)", "classify", k_ext, k_ct)):
        c_us = "%.2f" % (cap[key] / 1000) if key in cap else "-"
        # The C API runs in another process a moment earlier: an overhead below 5 % of
        # the call is within the machine's noise, and a ratio of it means nothing.
        ratio = "-"
        if key in cap and e - cap[key] > 0.05 * cap[key]:
            ratio = "%.1fx" % ((t - cap[key]) / (e - cap[key]))
        elif key in cap:
            ratio = "(below noise)"
        print("| %s | %s µs | %.2f µs | %.2f µs | %s µs | %s µs | %s |" % (
            name, c_us, e / 1000, t / 1000, ov(e, key), ov(t, key), ratio))
    if cli:
        print("\nCLI `stance classify --jsonl` per record (same article, JSON in/out): %.2f µs "
              "(+%.2f µs over the C API); process start + model load: %.1f ms" % (
                  cli[0] / 1000, (cli[0] - cap.get("classify", 0)) / 1000, cli[1]))

    corpus = [{"text": r["text"], "actors": r.get("actors")} for r in common.corpus(2000 if QUICK else 8000, seed=1)]
    total_chars = sum(len(r["text"]) for r in corpus)
    # Interleaved, best of 5: the machine is shared, so take each variant's quietest run.
    res = {1: float("inf"), 2: float("inf")}
    loop = float("inf")
    cpu_wall = {}
    for _ in range(5):
        for threads in (1, 2):
            t0, c0 = time.perf_counter(), time.process_time()
            out = m.classify_many(corpus, threads=threads)
            wall = time.perf_counter() - t0
            if wall < res[threads]:
                res[threads], cpu_wall[threads] = wall, (time.process_time() - c0) / wall
            assert len(out) == len(corpus)
            del out
        t0 = time.perf_counter()
        kept = [m.classify(r["text"], actors=r["actors"]) for r in corpus]  # keeps results, as classify_many
        loop = min(loop, time.perf_counter() - t0)
        del kept
    print("\nclassify_many on %d invented articles (%.0f chars avg); load average %s:" % (
        len(corpus), total_chars / len(corpus), " ".join(open("/proc/loadavg").read().split()[:3])))
    print("| run | items/s | vs threads=1 | CPU time / wall time |")
    print("|---|---|---|---|")
    print("| list of classify() calls | %.0f | %.2fx | - |" % (len(corpus) / loop, res[1] / loop))
    for t in (1, 2):
        print("| classify_many threads=%d | %.0f | %.2fx | %.2f |" % (t, len(corpus) / res[t], res[1] / res[t],
                                                                   cpu_wall[t]))
    if "capi_threads1_items_per_s" in cap:
        r1, r2 = cap["capi_threads1_items_per_s"], cap["capi_threads2_items_per_s"]
        print("| C API baseline: 1 thread, short article, no Python | %.0f | - | %.2f |" % (
            r1, cap["capi_threads1_cpu_per_wall"]))
        print("| C API baseline: 2 threads | %.0f | %.2fx of C 1 thread | %.2f |" % (
            r2, r2 / r1, cap["capi_threads2_cpu_per_wall"]))
    c.close()
    m.close()


if __name__ == "__main__":
    main()
