"""Classify a JSONL corpus on a Dask cluster (dask.distributed), one model per worker.

    from dask.distributed import Client, LocalCluster
    import stance.dask
    with LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1") as cluster, \\
         Client(cluster) as client:
        stance.dask.classify_shards(client, ["corpus/part-000.jsonl", ...], "out/",
                                    model_path="/path/en-news.stm")

Each task is one shard (a JSONL file, records as for ``stance classify --jsonl``);
its output is ``<output_dir>/<shard name>`` with the CLI's JSON records, in the
shard's order, so concatenating the outputs in shard order equals a single
process run over the concatenated input. Every worker opens the model once (on
its first task) and keeps it; paths must be readable by the workers.

``classify_bag`` does the same for a dask.bag of records, for pipelines that
already hold their data in Dask.
"""
import os
import threading
import time

from . import Model
from . import jsonl as _jsonl

__all__ = ["classify_shards", "classify_bag", "worker_model"]

_local_models = {}
_local_lock = threading.Lock()


def worker_model(model_path=None):
    """The model of the current Dask worker, opened on first use and kept.

    Outside a worker (or without distributed) one model per process is kept.
    """
    cache, lock = _local_models, _local_lock
    try:
        from distributed import get_worker

        w = get_worker()
        cache = w.__dict__.setdefault("_stance_models", {})
        lock = w.__dict__.setdefault("_stance_models_lock", threading.Lock())
    except (ImportError, ValueError):
        pass
    with lock:
        m = cache.get(model_path)
        if m is None or m.closed:
            m = cache[model_path] = Model(model_path)
        return m


def _shard_task(src, dst, model_path, threads, batch, options):
    t0 = time.perf_counter()
    model = worker_model(model_path)
    n = _jsonl.classify_file(model, src, dst, threads=threads, batch=batch, **options)
    return {"input": src, "output": dst, "records": n, "seconds": time.perf_counter() - t0}


def classify_shards(client, shards, output_dir, model_path=None, threads=1, batch=256, **options):
    """Classify JSONL shards on the cluster behind ``client``; one task per shard.

    shards: list of input paths. output_dir: created if missing; shard
    ``a/b/part-3.jsonl`` is written to ``output_dir/part-3.jsonl`` (names must
    be distinct). model_path: the model every worker opens (None = each
    worker's $STANCE_MODEL or default). threads: native threads per task
    (classify_many). options: explain=, indirect=, actors= ... as for
    Model.classify_many. Returns one summary dict per shard, in shard order:
    {"input", "output", "records", "seconds"}.
    """
    shards = [os.fspath(s) for s in shards]
    os.makedirs(output_dir, exist_ok=True)
    outs = [os.path.join(output_dir, os.path.basename(s)) for s in shards]
    if len(set(outs)) != len(outs):
        raise ValueError("shard file names must be distinct")
    if model_path is not None:
        model_path = os.path.abspath(os.fspath(model_path))
    futures = client.map(_shard_task, shards, outs, model_path=model_path, threads=threads, batch=batch,
                         options=options, pure=False)
    return client.gather(futures)


def _bag_partition(records, model_path, threads, options):
    model = worker_model(model_path)
    records = list(records)
    items = [{"text": r["text"], "actors": r.get("actors")} for r in records]
    results = model.classify_many(items, threads=threads, **options)
    out = []
    for i, (r, res) in enumerate(zip(records, results), 1):
        rid = r.get("id")
        out.append(_jsonl.record(res, rid if isinstance(rid, str) else str(rid) if rid is not None else str(i)))
    return out


def classify_bag(bag, model_path=None, threads=1, **options):
    """A dask.bag of records {"text", "actors"?, "id"?} -> a bag of the CLI's output dicts.

    Example: ``dask.bag.read_text("corpus/*.jsonl").map(json.loads)``. Records
    without an id get their 1-based position within their partition. Actors
    and their "side" are read as ``stance classify --jsonl`` reads them
    (stance.jsonl), and the stances then carry "relation".
    """
    if model_path is not None:
        model_path = os.path.abspath(os.fspath(model_path))
    return bag.map_partitions(_bag_partition, model_path, threads, options)
