#!/usr/bin/env python3
"""What a watch list costs as it grows (disc15; not part of make check).

    python3 bench/actorset/watch_scale.py STANCE [-m MODEL] [--data PN.jsonl] [--sizes 10,100,1000,4000]
                                          [--repeat 3] [--base BASE_STANCE] [--lists DIR]

For each size N: a watch list of N actors (`--actors FILE`, compiled once per run): the 45 figures of
bench/e2e/sides.tsv (as bench/e2e/discover.py --watch writes them, with sides; the first N when N < 45)
plus N - 45 invented people ("Orvana Telbrix", aliases "O. Telbrix" and, for every other one,
"Senator Telbrix"), deterministic. Every list runs over the records of --data (default /tmp/pn.jsonl,
the 924 PolNeAR texts) twice, without and with --discover-others, next to plain discovery (no actors)
in the same run, each --repeat times (the best CPU time kept: user + system, /usr/bin/time -f); and
without --discover-others once more with --all-listed (every listed actor in every record, as before
--mentioned-only became the --actors FILE default; --no-all-listed for a binary without the option),
with the output's size.
Compile time: the same command on no records, minus the model's opening (no actors, no records).
Peak memory: the maximum resident set size of the run. With --base, the base binary is timed too
(same lists, same run) to compare two builds.

Per-article time = (run time - compile time - model opening) / records. Callgrind counts are separate
(see bench/RESULTS.md, disc15).
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))

SYL1 = ["Or", "Tel", "Vas", "Quen", "Bral", "Mir", "Zan", "Kev", "Dul", "Fen", "Gav", "Hol", "Jor", "Lum",
        "Nar", "Pel", "Rov", "Sul", "Tav", "Ul", "Wen", "Yar", "Zel", "Brin", "Cav", "Drom", "Esk", "Ful"]
SYL2 = ["ana", "brix", "ento", "ilda", "oran", "uvek", "essa", "imor", "adro", "ulin", "erra", "oskin",
        "ampel", "ivo", "eth", "onna", "arik", "ustov", "elline", "orth"]


def invented(n, seed=15):
    """@n distinct invented people: {"name", "aliases"} objects."""
    rnd = random.Random(seed)
    seen, out = set(), []
    while len(out) < n:
        first = rnd.choice(SYL1) + rnd.choice(SYL2)
        last = rnd.choice(SYL1) + rnd.choice(SYL2) + rnd.choice(["", "s", "ley", "berg", "ton"])
        name = first + " " + last
        if name in seen:
            continue
        seen.add(name)
        aliases = [first[0] + ". " + last]
        if len(out) % 2:
            aliases.append("Senator " + last)
        out.append({"name": name, "aliases": aliases})
    return out


def watch_list(n):
    import discover
    import sides
    real = discover.watch_actors(sides.load(os.path.join(HERE, "..", "e2e", "sides.tsv")), True)
    return real[:n] + invented(max(0, n - len(real)))


def timed(cmd, stdin_path):
    """(CPU seconds user+system, max RSS KiB, output bytes) of @cmd reading @stdin_path."""
    with tempfile.NamedTemporaryFile("r") as tf, tempfile.TemporaryFile() as out, open(stdin_path, "rb") as fin:
        p = subprocess.run(["/usr/bin/time", "-o", tf.name, "-f", "%U %S %M"] + cmd, stdin=fin,
                           stdout=out, stderr=subprocess.PIPE)
        if p.returncode != 0:
            sys.exit("failed (%d): %s\n%s" % (p.returncode, " ".join(cmd), p.stderr.decode()))
        u, s, m = tf.read().split()[-3:]
        size = out.seek(0, 2)
    return float(u) + float(s), int(m), size


def best(cmd, stdin_path, repeat, with_size=False):
    runs = [timed(cmd, stdin_path) for _ in range(repeat)]
    r = (min(r[0] for r in runs), max(r[1] for r in runs))
    return r + (runs[0][2],) if with_size else r


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("stance")
    ap.add_argument("-m", "--model", default="models/en-news.stm")
    ap.add_argument("--data", default="/tmp/pn.jsonl")
    ap.add_argument("--sizes", default="10,100,1000,4000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--lists", help="keep the watch lists in this directory (watchN.jsonl)")
    ap.add_argument("--no-all-listed", action="store_true", help="a binary without --all-listed (before disc15)")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    with open(args.data, encoding="utf-8") as f:
        n_rec = sum(1 for line in f if line.strip())
    tmp = tempfile.mkdtemp(prefix="watch_scale.")
    lists = args.lists or tmp
    os.makedirs(lists, exist_ok=True)
    empty = os.path.join(tmp, "empty.jsonl")
    open(empty, "w").close()
    base = [args.stance, "classify", "--jsonl", "-m", args.model]
    t_open, _ = best(base, empty, args.repeat)
    t_disc, m_disc = best(base, args.data, args.repeat)
    per_disc = (t_disc - t_open) / n_rec
    print("records %d; model opening %.3f s; plain discovery %.3f s, %.2f ms/article, peak %d KiB"
          % (n_rec, t_open, t_disc, per_disc * 1e3, m_disc))
    print("| actors | compile s | list ms/article | x discovery | list+others ms/article | x discovery "
          "| peak KiB list / +others | --all-listed ms/article | output MB list / --all-listed |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n in sizes:
        path = os.path.join(lists, "watch%d.jsonl" % n)
        with open(path, "w", encoding="utf-8") as f:
            for a in watch_list(n):
                f.write(json.dumps(a) + "\n")
        cmd = base + ["--actors", path]
        t_comp, _ = best(cmd, empty, args.repeat)
        t_comp -= t_open
        t_l, m_l, b_l = best(cmd, args.data, args.repeat, True)
        t_o, m_o = best(cmd + ["--discover-others"], args.data, args.repeat)
        t_a, _, b_a = best(cmd + ([] if args.no_all_listed else ["--all-listed"]), args.data, args.repeat, True)
        pl = (t_l - t_open - t_comp) / n_rec
        po = (t_o - t_open - t_comp) / n_rec
        pa = (t_a - t_open - t_comp) / n_rec
        print("| %d | %.3f | %.2f | %.2f | %.2f | %.2f | %d / %d | %.2f | %.1f / %.1f |"
              % (n, t_comp, pl * 1e3, pl / per_disc, po * 1e3, po / per_disc, m_l, m_o, pa * 1e3, b_l / 1e6,
                 b_a / 1e6))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
