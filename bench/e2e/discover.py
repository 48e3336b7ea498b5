#!/usr/bin/env python3
"""Score libstance's discovery mode (no actors passed) against the blind labels, beside the
figures with the labelled actors passed.

    bench/e2e/discover.py [STANCE] [-m models/en-news.stm] [--data DATA_DIR/polnear]
                          [--labels 'bench/e2e/labels/dev-*.jsonl']
                          [--save-discover D.jsonl | --pred-discover D.jsonl]
                          [--save-actors A.jsonl | --pred-actors A.jsonl] [--causes] [-v] [--lost]
                          [--watch bench/e2e/sides.tsv [--watch-nosides] [--save-watch W.jsonl | --pred-watch W.jsonl]]

Runs `STANCE classify --jsonl` twice on the labelled articles: once with records
{"id", "text"} (no actors: the library discovers them) and once with the labelled actors,
as score.py does (score.py's own label and text readers and runner are used). Both outputs
are scored by the same code here, so the two columns differ only by the mode; the
actors-passed column reproduces score.py's pairs linked, stance accuracy and off-target.

With --watch FILE (name|side lines, bench/e2e/sides.py's load(): bench/e2e/sides.tsv's figures), a third
column: the records {"id", "text"} run with the listed figures as a watch list, each with its side
(`--actors` of a JSONL file written from FILE, compiled once; --watch-nosides: without the sides) and
`--discover-others`, the media-monitoring user's setting: the listed figures are matched under their
listed names, every other actor is discovered. Its entities (listed and discovered) are mapped to the
gold actors as discovery's are, so a gold actor not on the list counts only when discovery finds it.

Mapping a discovered entity to a gold actor (per article):
- the entity's name equals the actor's name or one of its aliases (case and apostrophes
  aside): that actor;
- otherwise score.head() of the entity's name (its surname or head noun, the rule score.py
  uses for speakers) equals score.head() of the actor's name or of one of its aliases, for
  exactly one actor: that actor;
- a head shared by several of the article's actors ("Clinton" with Bill and Hillary Clinton)
  maps to none of them (counted as "ambiguous"); no match: unmapped.
Several entities may map to one actor (the library split it, or kept "Trump" apart from
"Donald Trump"): on a quote, the actor's stance is the most confident stance among those
entities (one stance per (quote, actor), as with actors passed), and the pairs where they
disagree on the label are counted.

Figures (definitions as in score.py): quotes found, speaker accuracy, pairs linked (the found
quote has a stance toward an entity that maps to the pair's actor), stance accuracy and
macro-F1 over all gold pairs (missing = none) with the all-none and all-against baselines,
the linked pairs only, off-target favor/against (toward entities that map to a labelled actor
who is not a gold pair of that quote, over favor/against toward mapped entities), and the
stances toward entities that map to no labelled actor (not errors: noise a user sees), on
found quotes. `--causes` tabulates why pairs linked with actors passed are not linked in
discovery; -v lists them; `--lost` lists them with their quote, the stances of both modes on
it and their mentions' text, the actor's mentions by kind, and the discovered entities. `--offtarget MODE` lists each off-target favor/against of that mode
(actors or discover): article, quote span, speaker, entity -> actor, label, the mention kinds and
rules, and the mentions' text in context; with --data the article text is read for it.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

import score

MODES = ("actors passed", "discovery", "watch list + others")


def norm(s):
    return " ".join(s.lower().replace("\u2019", "'").split())


class Mapper:
    """Entity name -> gold actor name (or None) for one article's labelled actors."""

    def __init__(self, actors):
        self.exact, self.heads = {}, collections.defaultdict(set)
        for x in actors:
            for n in [x["name"]] + x["aliases"]:
                self.exact[norm(n)] = x["name"]
                if score.head(n):
                    self.heads[score.head(n)].add(x["name"])

    def __call__(self, name):
        """(actor or None, why): why is exact, head, ambiguous or none."""
        if norm(name) in self.exact:
            return self.exact[norm(name)], "exact"
        cands = self.heads.get(score.head(name), ())
        if len(cands) == 1:
            return next(iter(cands)), "head"
        return None, "ambiguous" if cands else "none"


class Given:
    """With actors passed the output's actors are the labelled ones, by name."""

    def __init__(self, actors):
        self.names = {x["name"] for x in actors}

    def __call__(self, name):
        return (name, "exact") if name in self.names else (None, "none")


def actor_stances(p, mapper, tally):
    """{gold actor: stance} of predicted quote @p, one per actor (the most confident); the
    stances toward unmapped entities are counted in @tally."""
    by = collections.defaultdict(list)
    for s in (p or {}).get("stances", []):
        if s.get("where") == "none":
            continue
        actor, _ = mapper(s["actor"])
        if actor is None:
            if tally is not None:
                tally["unmapped"] += 1
                tally["unmapped favor/against"] += s["label"] in ("favor", "against")
            continue
        by[actor].append(s)
    out = {}
    for actor, ss in by.items():
        out[actor] = max(ss, key=lambda s: s.get("confidence", 0.0))
        if tally is not None and len(ss) > 1:
            tally["split stances"] += 1
            tally["split, labels differ"] += len({s["label"] for s in ss}) > 1
    return out


def evaluate(arts, preds, identity):
    """Figures of one output; @identity: the output's actors are the labelled ones."""
    f = collections.Counter()
    gold, pred, lk_gold, lk_pred = [], [], [], []
    via_n, via_lk = collections.Counter(), collections.Counter()
    linked = set()  # (article, gold quote index, actor)
    for aid, a in arts.items():
        mapper = Given(a["actors"]) if identity else Mapper(a["actors"])
        pq = preds[aid]["quotes"]
        for e in preds[aid].get("actors", []):
            f["entities"] += 1
            f["entities " + mapper(e["name"])[1]] += 1
        pairs_of = collections.defaultdict(set)
        for qi, q in enumerate(a["quotes"]):
            k = score.match_quote(q, pq)
            f["quotes"] += 1
            p = pq[k] if k is not None else None
            if p is not None:
                f["found"] += 1
                f["speaker ok"] += score.speaker_ok((p.get("speaker") or {}).get("name"),
                                                    [q["speaker"]] + q["speaker_aliases"])
            st = actor_stances(p, mapper, None)
            for pair in q["pairs"]:
                if k is not None:
                    pairs_of[k].add(pair["actor"])
                s = st.get(pair["actor"])
                via_n[pair["via"]] += 1
                gold.append(pair["stance"])
                pred.append(s["label"] if s else "none")
                if s:
                    linked.add((aid, qi, pair["actor"]))
                    via_lk[pair["via"]] += 1
                    lk_gold.append(pair["stance"])
                    lk_pred.append(s["label"])
        for k in pairs_of.keys() | {score.match_quote(q, pq) for q in a["quotes"]} - {None}:
            for actor, s in actor_stances(pq[k], mapper, f).items():
                if s["label"] in ("favor", "against"):
                    f["favor/against"] += 1
                    f["off-target"] += actor not in pairs_of[k]
    return f, (gold, pred), (lk_gold, lk_pred), (via_n, via_lk), linked


def offtarget_list(arts, preds, identity, texts):
    """Print each off-target favor/against stance of one output (as evaluate() counts them)."""
    n = 0
    for aid, a in sorted(arts.items()):
        mapper = Given(a["actors"]) if identity else Mapper(a["actors"])
        pq = preds[aid]["quotes"]
        pairs_of = collections.defaultdict(set)
        for q in a["quotes"]:
            k = score.match_quote(q, pq)
            if k is not None:
                pairs_of[k].update(p["actor"] for p in q["pairs"])
        text = texts.get(aid, "")
        for k in sorted(pairs_of.keys() | {score.match_quote(q, pq) for q in a["quotes"]} - {None}):
            p = pq[k]
            for actor, s in actor_stances(p, mapper, None).items():
                if s["label"] not in ("favor", "against") or actor in pairs_of[k]:
                    continue
                n += 1
                ctx = " | ".join(text[max(0, m0 - 50):m1 + 30].replace("\n", " ") for m0, m1 in s.get("mentions", [])[:3])
                print("OFF  %s [%d,%d) speaker %s: %s -> %s %s %.2f kinds %s rules %s why %s where %s"
                      % (aid, p["start"], p["end"], (p.get("speaker") or {}).get("name"), s["actor"], actor,
                         s["label"], s.get("confidence", 0), "/".join(s.get("kinds", [])),
                         "/".join(s.get("rules", [])), "/".join(s.get("why", [])), s.get("where")))
                print("     quote: %s" % p.get("text", "")[:160].replace("\n", " "))
                print("     ctx:   %s" % ctx)
    print("off-target favor/against listed: %d" % n)


def rows(arts, preds, identity):
    f, (gold, pred), (lg, lp), (via_n, via_lk), linked = evaluate(arts, preds, identity)
    major = collections.Counter(gold).most_common(1)[0][0] if gold else "against"
    acc, macro, _ = score.prf(gold, pred, score.STANCES)
    nacc, nmacro, _ = score.prf(gold, ["none"] * len(gold), score.STANCES)
    macc, mmacro, _ = score.prf(gold, [major] * len(gold), score.STANCES)
    lacc, lmacro, _ = score.prf(lg, lp, score.STANCES)
    lmaj, _, _ = score.prf(lg, [major] * len(lg), score.STANCES)
    r = collections.OrderedDict()
    r["quotes found"] = score.pct(f["found"], f["quotes"])
    r["speaker accuracy (found)"] = score.pct(f["speaker ok"], f["found"])
    r["pairs linked"] = score.pct(len(lg), len(gold))
    r["stance accuracy, all pairs"] = "%.3f (macro-F1 %.3f)" % (acc, macro)
    r["  baseline all-none"] = "%.3f (macro-F1 %.3f)" % (nacc, nmacro)
    r["  baseline all-%s" % major] = "%.3f (macro-F1 %.3f)" % (macc, mmacro)
    r["linked pairs only"] = "%.3f (all-%s %.3f)" % (lacc, major, lmaj)
    r["off-target favor/against"] = score.pct(f["off-target"], f["favor/against"])
    r["stances to unmapped entities"] = "%d (favor/against %d)" % (f["unmapped"], f["unmapped favor/against"])
    r["entities: exact/head/ambiguous/none"] = "%d: %d/%d/%d/%d" % (
        f["entities"], f["entities exact"], f["entities head"], f["entities ambiguous"], f["entities none"])
    r["split (quote, actor) stances"] = "%d (labels differ %d)" % (f["split stances"], f["split, labels differ"])
    for v in sorted(via_n, key=lambda v: -via_n[v]):
        r["  linked via %s" % v] = score.pct(via_lk[v], via_n[v])
    return r, linked


def read_output(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def watch_actors(table, with_sides):
    """The figures of @table ({name: side}, sides.load()) as `--actors` objects, in the table's order; a
    figure listed twice under two spellings (sides.same_person(): one surname, one first word, "Hillary
    Rodham Clinton" after "Hillary Clinton") is one actor, the later spelling an alias, as a watch list
    names one person once (two would share the surname and the first name, and neither would get them)."""
    import sides
    out = []
    for name, side in table.items():
        same = next((a for a in out if sides.same_person(a["name"], name) and len(name.split()) > 1
                     and len(a["name"].split()) > 1), None)
        if same is not None:
            same["aliases"].append(name)
            continue
        out.append({"name": name, "aliases": [], "side": side})
    for a in out:
        if not a["aliases"]:
            del a["aliases"]
        if not with_sides:
            del a["side"]
    return out


def watch_file(path, with_sides, out_path):
    """The figures of @path (name|side lines) as an `--actors` JSONL file at @out_path."""
    import sides
    with open(out_path, "w", encoding="utf-8") as f:
        for a in watch_actors(sides.load(path), with_sides):
            f.write(json.dumps(a) + "\n")


def run_watch(args, records):
    """`STANCE classify --jsonl --actors WATCH --discover-others` on @records (score.run_stance()'s way)."""
    with tempfile.TemporaryDirectory() as tmp:
        wl = os.path.join(tmp, "watch.jsonl")
        watch_file(args.watch, not args.watch_nosides, wl)
        inp = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        p = subprocess.run([args.stance, "classify", "--jsonl", "-m", args.model, "--actors", wl, "--discover-others"],
                           input=inp.encode("utf-8"), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        sys.exit("%s classify failed (exit %d): %s" % (args.stance, p.returncode, p.stderr.decode("utf-8", "replace")))
    return p.stdout.decode("utf-8")


def output_of(args, arts, records, mode):
    """The library's output for one mode: read (--pred-*), or run and perhaps saved (--save-*)."""
    key = {MODES[0]: "actors", MODES[1]: "discover", MODES[2]: "watch"}[mode]
    pred, save = getattr(args, "pred_" + key), getattr(args, "save_" + key)
    if pred:
        out = read_output(pred)
    else:
        if mode != MODES[0]:
            records = [{"id": r["id"], "text": r["text"]} for r in records]
        out = run_watch(args, records) if mode == MODES[2] else score.run_stance(args.stance, args.model, records)
        if save:
            with open(save, "w", encoding="utf-8") as f:
                f.write(out)
    preds = score.outputs_by_id(out.splitlines())
    if set(preds) != set(arts):
        sys.exit("%s: output ids differ from the labelled articles" % mode)
    return preds


def cause_of(a, pa, pd, q, pair, mapper):
    """Why a pair linked with actors passed is not linked in discovery."""
    actor = pair["actor"]
    ents = [e for e in pd.get("actors", []) if mapper(e["name"])[0] == actor]
    if not ents:
        if any(mapper(e["name"])[1] == "ambiguous" and score.head(e["name"]) == score.head(actor)
               for e in pd.get("actors", [])):
            return "discovered, head shared by two labelled actors"
        h = score.head(actor)
        if any(h and h in norm(e["name"]).split() for e in pd.get("actors", [])):
            return "discovered under a name that does not map"
        given = [x for x in pa.get("actors", []) if x["name"] == actor]
        kinds = collections.Counter(m["kind"] for m in (given[0].get("all_mentions", []) if given else []))
        full = kinds["name"] + kinds["alias"]
        words = "one-word" if len(actor.split()) == 1 else "multi-word"
        if not full:
            return "not discovered: never named or aliased (surname, title, pronoun only)"
        return "not discovered: %s name, name or alias found %s" % (words, "once" if full == 1 else
                                                                     "twice" if full == 2 else "3+ times")
    k = score.match_quote(q, pd["quotes"])
    if k is None:
        return "quote not found in discovery"
    ka = score.match_quote(q, pa["quotes"])
    sa = [s for s in pa["quotes"][ka].get("stances", []) if s["actor"] == actor and s.get("where") != "none"]
    kinds = set(sa[0].get("kinds", [])) if sa else set()
    split = " (split: %d entities)" % len(ents) if len(ents) > 1 else ""
    if kinds & {"name", "surname"}:
        how = "a name or surname"
    elif "alias" in kinds:
        how = "a caller's alias"
    else:
        how = "only " + "/".join(sorted(kinds))  # mentions.c's kinds, resolved otherwise in discovery
    return "discovered, no stance; linked with actors via %s%s" % (how, split)


def lost_table(arts, pa, pd, linked_a, linked_d, verbose):
    tab = collections.Counter()
    for aid, qi, actor in sorted(linked_a - linked_d):
        a = arts[aid]
        q = a["quotes"][qi]
        pair = next(p for p in q["pairs"] if p["actor"] == actor)
        c = cause_of(a, pa[aid], pd[aid], q, pair, Mapper(a["actors"]))
        tab[c] += 1
        if verbose:
            print("LOST  %s [%d,%d) %s via %s: %s" % (aid, q["start"], q["end"], actor, pair["via"], c))
    print("\npairs linked with actors passed, not in discovery: %d (and %d the other way)"
          % (len(linked_a - linked_d), len(linked_d - linked_a)))
    for c, n in tab.most_common():
        print("  %4d  %s" % (n, c))


def lost_list(arts, pa, pd, linked_a, linked_d, texts):
    """Print each pair linked with actors passed but not in discovery, with what it takes to
    see why: the cause (cause_of()), the quote, the actors-passed stance and its mentions, the
    discovery stances on that quote (entity -> actor, kinds, rules, mentions), the actor's
    mentions with actors passed by kind, and the discovered entities (name, mentions, mapping).
    The library's offsets are UTF-8 byte offsets; the labels' are characters."""
    def said(b, spans):
        return [b[x:y].decode("utf-8", "replace") for x, y in spans]

    for aid, qi, actor in sorted(linked_a - linked_d):
        a, text = arts[aid], texts.get(aid, "")
        b, q, mapper = text.encode("utf-8"), a["quotes"][qi], Mapper(a["actors"])
        pair = next(p for p in q["pairs"] if p["actor"] == actor)
        print("LOST  %s [%d,%d) %s via %s, gold %s: %s" % (aid, q["start"], q["end"], actor, pair["via"],
                                                          pair["stance"], cause_of(a, pa[aid], pd[aid], q, pair, mapper)))
        print("      quote: %s" % text[q["start"]:q["end"]][:240].replace("\n", " "))
        ka, kd = score.match_quote(q, pa[aid]["quotes"]), score.match_quote(q, pd[aid]["quotes"])
        for s in (pa[aid]["quotes"][ka].get("stances", []) if ka is not None else []):
            if s["actor"] == actor:
                print("      actors: %s %s rules %s why %s %s" % (s["label"], "/".join(s.get("kinds", [])),
                      "/".join(s.get("rules", [])), "/".join(s.get("why", [])), said(b, s.get("mentions", []))))
        for s in (pd[aid]["quotes"][kd].get("stances", []) if kd is not None else []):
            print("      discovery: %s -> %s (%s) %s %s rules %s %s" % (
                s["actor"], *mapper(s["actor"]), s["label"], "/".join(s.get("kinds", [])),
                "/".join(s.get("rules", [])), said(b, s.get("mentions", []))))
        given = [x for x in pa[aid].get("actors", []) if x["name"] == actor]
        ms = given[0].get("all_mentions", []) if given else []
        print("      actor's mentions with actors: %s; named %s" % (
            dict(collections.Counter(m["kind"] for m in ms)),
            said(b, [(m["start"], m["end"]) for m in ms if m["kind"] in ("name", "alias", "surname", "title")][:8])))
        print("      discovered: %s" % ", ".join("%s (%d, %s)" % (e["name"], len(e.get("all_mentions", [])),
                                                                 mapper(e["name"])[1]) for e in pd[aid].get("actors", [])))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # the arguments score.py takes, with its defaults
    here = os.path.dirname(os.path.abspath(__file__))
    for flags, default in ((["stance"], "./stance"), (["-m", "--model"], "models/en-news.stm"),
                           (["--data"], "/work/shared/data/polnear"),
                           (["--labels"], os.path.join(here, "labels", "dev-*.jsonl"))):
        ap.add_argument(*flags, default=default, **({"nargs": "?"} if flags == ["stance"] else {}))
    for mode in ("discover", "actors", "watch"):
        g = ap.add_mutually_exclusive_group()
        g.add_argument("--save-" + mode, help="write the library's output (%s mode) here" % mode)
        g.add_argument("--pred-" + mode, help="score this saved output (%s mode) instead of running" % mode)
    ap.add_argument("--watch", metavar="FILE", help="a third column: these figures (name|side lines, e.g. "
                    "bench/e2e/sides.tsv) as a watch list with their sides, plus --discover-others")
    ap.add_argument("--watch-nosides", action="store_true", help="the watch list without its sides")
    ap.add_argument("--causes", action="store_true", help="why pairs linked with actors are not in discovery")
    ap.add_argument("-v", "--verbose", action="store_true", help="with --causes: each lost pair")
    ap.add_argument("--lost", action="store_true", help="list each pair --causes counts, with its mentions")
    ap.add_argument("--offtarget", choices=("actors", "discover"), help="list the off-target stances of a mode")
    args = ap.parse_args()

    files, arts = score.load_labels(args.labels)
    if not arts:
        sys.exit("no labels match %s" % args.labels)
    texts = score.load_texts(args.data, arts)
    records = [{"id": i, "text": texts[i], "actors": [{"name": x["name"], "aliases": x["aliases"]} for x in a["actors"]]}
               for i, a in arts.items()]
    modes = MODES if args.watch else MODES[:2]
    outs = [output_of(args, arts, records, m) for m in modes]
    res = [rows(arts, o, m == MODES[0]) for o, m in zip(outs, modes)]
    print("labels: %s" % ", ".join(os.path.relpath(f) for f in files))
    print("articles %d, gold pairs %d" % (len(arts), sum(len(q["pairs"]) for a in arts.values() for q in a["quotes"])))
    keys = list(res[0][0]) + [k for r in res[1:] for k in r[0] if k not in res[0][0]]
    keys = list(dict.fromkeys(keys))
    w = max(len(k) for k in keys)
    print(("%-*s  %s" % (w, "", "  ".join("%-26s" % m for m in modes))).rstrip())
    for k in keys:
        print(("%-*s  %s" % (w, k, "  ".join("%-26s" % r[0].get(k, "-") for r in res))).rstrip())
    if args.causes:
        lost_table(arts, outs[0], outs[1], res[0][1], res[1][1], args.verbose)
    if args.lost:
        lost_list(arts, outs[0], outs[1], res[0][1], res[1][1], texts)
    if args.offtarget:
        m = 0 if args.offtarget == "actors" else 1
        offtarget_list(arts, outs[m], m == 0, texts)


if __name__ == "__main__":
    main()
