"""Dask throughput: stance.dask.classify_shards on a LocalCluster (127.0.0.1, 2 workers)
against one process running stance.jsonl.classify_file over the same shards.
Prints a Markdown table for bench/RESULTS.md.

    python3 bench_dask.py MODEL [--quick]      (Debian python3 with python3-distributed)
"""
import json
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(TOP, "bindings", "python", "tests"))
MODEL = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("-")
                        else os.path.join(TOP, "tests", "tiny.stm"))
QUICK = "--quick" in sys.argv
os.environ.setdefault("STANCE_TEST_MODEL", MODEL)

import common  # noqa: E402
import stance  # noqa: E402
import stance.dask  # noqa: E402
import stance.jsonl  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402


def main():
    n_shards, per_shard = (4, 1000) if QUICK else (8, 4000)
    recs = common.corpus(n_shards * per_shard, seed=2)
    with tempfile.TemporaryDirectory() as d:
        shards = []
        for s in range(n_shards):
            p = os.path.join(d, "in", "part-%03d.jsonl" % s)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "w", encoding="utf-8") as f:
                for r in recs[s * per_shard:(s + 1) * per_shard]:
                    f.write(json.dumps(r) + "\n")
            shards.append(p)
        n = len(recs)
        rows = []
        # one process, one thread
        os.makedirs(os.path.join(d, "single"))
        t0 = time.perf_counter()
        with stance.Model(MODEL) as m:
            for p in shards:
                stance.jsonl.classify_file(m, p, os.path.join(d, "single", os.path.basename(p)))
        single = time.perf_counter() - t0
        rows.append(("one process, 1 thread (classify_file per shard)", single, None))
        # one process, classify_many threads=2
        os.makedirs(os.path.join(d, "single2"))
        t0 = time.perf_counter()
        with stance.Model(MODEL) as m:
            for p in shards:
                stance.jsonl.classify_file(m, p, os.path.join(d, "single2", os.path.basename(p)), threads=2)
        rows.append(("one process, classify_many threads=2", time.perf_counter() - t0, None))
        for processes in (False, True):
            t0 = time.perf_counter()
            kw = dict(protocol="tcp") if not processes else {}
            with LocalCluster(n_workers=2, threads_per_worker=1, processes=processes, host="127.0.0.1",
                              dashboard_address=None, silence_logs=40, **kw) as cluster, Client(cluster) as client:
                startup = time.perf_counter() - t0
                out = os.path.join(d, "dask-%s" % processes)
                t1 = time.perf_counter()
                stance.dask.classify_shards(client, shards, out, model_path=MODEL)
                run = time.perf_counter() - t1
            for p in shards:
                with open(os.path.join(out, os.path.basename(p)), "rb") as a, \
                        open(os.path.join(d, "single", os.path.basename(p)), "rb") as b:
                    assert a.read() == b.read(), "Dask output differs from the single process"
            rows.append(("Dask LocalCluster 2 workers, processes=%s (start %.1f s excluded)" % (processes, startup),
                         run, startup))
    print("%d records in %d JSONL shards (invented articles, %s)" % (n, n_shards, os.path.basename(MODEL)))
    print("| run | seconds | records/s | vs one process |")
    print("|---|---|---|---|")
    for name, sec, _ in rows:
        print("| %s | %.2f | %.0f | %.2fx |" % (name, sec, n / sec, single / sec))


if __name__ == "__main__":
    main()
