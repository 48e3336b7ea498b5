#!/usr/bin/env python3
"""Score `stance classify` on the hand-written articles in tests/data/usertest/.

Each NAME.txt has a NAME.expect.md written blind (before the library was run):
quotes (a snippet of their text), speaker, sentiment, and the stance of the
speaker toward each actor the quote concerns.  This script runs the CLI on every
article in three ways and compares:

  disc   no -a: actors discovered by the library
  actors -a for every actor of the expect file
  jsonl  the same actors through --jsonl input (must equal "actors")
  aliases  -a with the aliases of bench/usertest/aliases.txt (written after the first run)
  sides  (with --sides FILE) the aliases mode with `--side NAME=SIDE` for each actor FILE gives a side
  watch  (with --sides FILE) the media-monitoring setting: every figure of FILE (not the article's expect
         actors) as one watch list, each with its side and its aliases (--aliases), through
         `--actors LIST --discover-others`; the article's other actors are discovered. Scored as "disc"
         is (a listed figure is named as listed, a discovered actor by its words). With --watch LIST.jsonl,
         that file is the watch list (a client's own list, e.g. bench/usertest/watch17.jsonl)

Usage: bench/usertest/score.py [--stance ./stance] [--model models/en-news.stm]
                               [--errors] [--save DIR]
                               [--data tests/data/usertest2 [--aliases FILE] [--sides FILE]]

--data reads another directory of NAME.txt / NAME.expect.md (default: the first
trial's tests/data/usertest); --aliases gives its aliases file (default:
bench/usertest/aliases.txt with the default directory, none with another one).
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "tests", "data", "usertest")


def norm(s):
    s = unicodedata.normalize("NFC", s).lower()
    s = re.sub(r"[\"'\u2018\u2019\u201c\u201d]", "", s)
    s = re.sub(r"[^\w]+", " ", s)
    return " ".join(s.split())


def parse_expect(path):
    art = {"actors": [], "quotes": []}
    q = None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("actors:"):
            art["actors"] = [a.strip() for a in line[7:].split("|") if a.strip()]
        elif line.startswith("## "):
            q = {"id": line[3:].strip(), "pairs": {}, "optional": False, "partial": False}
            art["quotes"].append(q)
        elif q is None:
            continue
        elif line.startswith("- "):
            actor, label = line[2:].rsplit(":", 1)
            q["pairs"][actor.strip()] = label.strip()
        elif ":" in line:
            k, v = line.split(":", 1)
            v = v.strip()
            if k in ("optional", "partial"):
                q[k] = v == "yes"
            else:
                q[k] = v
    return art


CONF = {}
ALIASES = {}
SIDES = {}
WATCH = None  # --watch: a client's own watch list (an `--actors` JSONL file)


def read_aliases(path):
    """{name: [alias, ...]} from an aliases file (`Name|Alias|Alias` lines, `#` comments; a later line of a
    name wins); {} for no path. models/trial_rows.py reads its trials' aliases with it too."""
    al = {}
    if path:
        for line in open(path, encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                parts = [p.strip() for p in line.strip().split("|")]
                al[parts[0]] = [p for p in parts[1:] if p]
    return al


def load_aliases(path):
    """ALIASES: each actor's `-a` argument (`Name|Alias|Alias`), by name, from read_aliases()."""
    ALIASES.clear()
    ALIASES.update((name, "|".join([name] + al)) for name, al in read_aliases(path).items())


def load_sides(path):
    """SIDES: each actor's side (`Name|Side` lines, `#` comments), by name, as a caller would pass them."""
    SIDES.clear()
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if line and not line.startswith("#"):
            name, side = line.rsplit("|", 1)
            SIDES[name.strip()] = side.strip()


def watch_list(path):
    """The --sides figures (SIDES, load_sides()) as an `--actors` JSONL file at @path: each with its side and
    its aliases (ALIASES, load_aliases())."""
    with open(path, "w", encoding="utf-8") as f:
        for name, side in SIDES.items():
            al = ALIASES.get(name, name).split("|")[1:]
            f.write(json.dumps({"name": name, "aliases": al, "side": side}, ensure_ascii=False) + "\n")


def run(stance, model, txt, actors, mode):
    if mode == "watch":
        with tempfile.TemporaryDirectory() as tmp:
            wl = WATCH
            if not wl:
                wl = os.path.join(tmp, "watch.jsonl")
                watch_list(wl)
            p = subprocess.run([stance, "classify", "-m", model, "--actors", wl, "--discover-others", txt],
                               capture_output=True, text=True)
        if p.returncode != 0:
            raise SystemExit(f"{txt} ({mode}): exit {p.returncode}: {p.stderr.strip()}")
        return json.loads(p.stdout.splitlines()[0])
    sides = []
    if mode == "sides":
        sides = [x for a in actors if a in SIDES for x in ("--side", f"{a}={SIDES[a]}")]
        mode = "aliases"
    if mode == "aliases":
        actors = [ALIASES.get(a, a) for a in actors]
        mode = "actors"
    if mode == "jsonl":
        rec = {"id": os.path.basename(txt), "text": open(txt, encoding="utf-8").read(), "actors": actors}
        p = subprocess.run([stance, "classify", "-m", model, "--jsonl"], input=json.dumps(rec) + "\n",
                           capture_output=True, text=True)
    else:
        cmd = [stance, "classify", "-m", model] + sides
        if mode == "actors":
            for a in actors:
                cmd += ["-a", a]
        p = subprocess.run(cmd + [txt], capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"{txt} ({mode}): exit {p.returncode}: {p.stderr.strip()}")
    return json.loads(p.stdout.splitlines()[0])


def quote_match(exp, outq):
    """Index of the output quote that holds the expected snippet, else None."""
    e = norm(exp["quote"])
    for i, o in enumerate(outq):
        t = norm(o["text"])
        if e in t or (len(t) >= 12 and t in e):
            return i
    return None


def named(actor, text):
    """Does the quote text name the actor (full name, an alias or one of its words)?"""
    t = set(norm(text).split())
    forms = ALIASES.get(actor, actor).split("|")
    return any(set(norm(f).split()) <= t for f in forms) or any(w in t for w in norm(actor).split())


def same_person(expected, got):
    """Strict: the expected full name appears in the output name."""
    return got is not None and norm(expected) in norm(got)


def name_words(s):
    """The words of a name, a possessive "'s" dropped ("Pardoe's Kitchen Group" -> pardoe kitchen group:
    norm() alone makes it "pardoes", which a discovered "Pardoe" never matches)."""
    return set(norm(re.sub(r"['\u2019]s\b", "", s)).split())


def actor_match(expected, got, mode):
    if mode == "watch" and expected == got:
        return True
    if mode not in ("disc", "watch"):
        return expected == got or ALIASES.get(expected, "").split("|")[0] == got
    e, g = name_words(expected), name_words(got)
    # discovered actor names may be a part of the full name ("Crunchwell", "Carter") or a longer form
    return bool(g) and (g <= e or e <= g)


def macro_f1(gold, pred, labels):
    f = []
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred) if g == lab and p != lab)
        if tp + fp + fn == 0:
            continue
        f.append(2 * tp / (2 * tp + fp + fn))
    return sum(f) / len(f) if f else 0.0


def score(stance, model, mode, save=None):
    CONF["sent"], CONF["stance"] = [], []
    rows, errs = [], []
    allg, allp, sg, sp = [], [], [], []
    tot = dict(quotes=0, found=0, opt=0, opt_found=0, spk=0, spk_found=0, pairs=0, linked=0,
               right=0, right_linked=0, self_pairs=0, self_linked=0, extra_q=0, extra_pairs=0,
               wrong_actor=0)
    for txt in sorted(glob.glob(os.path.join(DATA, "*.txt"))):
        name = os.path.basename(txt)[:-4]
        exp = parse_expect(txt[:-4] + ".expect.md")
        out = run(stance, model, txt, exp["actors"], mode)
        if save:
            with open(os.path.join(save, f"{name}.{mode}.json"), "w", encoding="utf-8") as f:
                json.dump(out, f, ensure_ascii=False, indent=1)
        outq = out["quotes"]
        used = set()
        r = dict((k, 0) for k in tot)
        for q in exp["quotes"]:
            i = quote_match(q, outq)
            if q["optional"]:
                r["opt"] += 1
                r["opt_found"] += i is not None
            else:
                r["quotes"] += 1
                r["found"] += i is not None
            if i is None:
                if not q["optional"]:
                    errs.append(("quote missed", name, q["id"], q["quote"], ""))
                for a, g in q["pairs"].items():
                    if a == q["speaker"]:
                        r["self_pairs"] += 1
                        continue
                    if q["optional"]:
                        continue
                    r["pairs"] += 1
                    allg.append(g); allp.append("none")
                continue
            used.add(i)
            o = outq[i]
            spk = (o.get("speaker") or {}).get("name")
            if q["optional"]:
                pass
            elif same_person(q["speaker"], spk):
                r["spk_found"] += 1
                r["spk"] += 1
            else:
                r["spk_found"] += 1
                errs.append(("speaker wrong", name, q["id"], q["quote"], f"want {q['speaker']}, got {spk}"))
            sl = o["sentiment"]["label"]
            sg.append(q["sentiment"]); sp.append(sl)
            CONF["sent"].append((o["sentiment"]["confidence"], sl == q["sentiment"]))
            if sl != q["sentiment"]:
                errs.append(("wrong sentiment", name, q["id"], q["quote"],
                             f"want {q['sentiment']}, got {sl} {o['sentiment']['confidence']:.2f}"))
            got = {}
            for st in o.get("stances", []):
                got[st["actor"]] = st
            matched = set()
            for a, g in q["pairs"].items():
                hit = next((k for k in got if actor_match(a, k, mode)), None)
                if a == q["speaker"]:
                    r["self_pairs"] += 1
                    r["self_linked"] += hit is not None
                    if hit:
                        matched.add(hit)
                    continue
                r["pairs"] += 1
                if hit is None:
                    allg.append(g); allp.append("none")
                    if g != "none":
                        kind = "actor not linked, named in quote" if named(a, o["text"]) else \
                            "actor not linked, not named in quote"
                        errs.append((kind, name, q["id"], q["quote"], f"{a} ({g})"))
                    else:
                        r["right"] += 1
                    continue
                matched.add(hit)
                pl = got[hit]["label"]
                r["linked"] += 1
                allg.append(g); allp.append(pl)
                CONF["stance"].append((got[hit]["confidence"], pl == g))
                if pl == g:
                    r["right"] += 1
                    r["right_linked"] += 1
                else:
                    errs.append(("wrong stance", name, q["id"], q["quote"],
                                 f"{a}: want {g}, got {pl} {got[hit]['confidence']:.2f}"))
            for k, st in got.items():
                if k in matched:
                    continue
                r["extra_pairs"] += 1
                if st["label"] != "none":
                    r["wrong_actor"] += 1
                    errs.append(("extra pair", name, q["id"], q["quote"], f"{k}: {st['label']} {st['confidence']:.2f}"))
        for i, o in enumerate(outq):
            if i not in used:
                r["extra_q"] += 1
                errs.append(("extra quote", name, "-", o["text"][:70],
                             f"speaker {(o.get('speaker') or {}).get('name')}"))
        rows.append((name, r))
        for k in tot:
            tot[k] += r[k]
    return rows, tot, errs, (allg, allp, sg, sp)


def pct(a, b):
    return f"{a}/{b}" + (f" {a / b:.2f}" if b else "")


def table(mode, rows, tot, figs):
    allg, allp, sg, sp = figs
    print(f"\n### mode: {mode}\n")
    print("| article | quotes found | optional found | speaker right | pairs linked | stance right (all) |"
          " stance right (linked) | self pairs linked | extra quotes | extra pairs (fav/ag) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, r in rows + [("**total**", tot)]:
        print(f"| {name} | {pct(r['found'], r['quotes'])} | {pct(r['opt_found'], r['opt'])} | "
              f"{pct(r['spk'], r['spk_found'])} | {pct(r['linked'], r['pairs'])} | {pct(r['right'], r['pairs'])} | "
              f"{pct(r['right_linked'], r['linked'])} | {pct(r['self_linked'], r['self_pairs'])} | {r['extra_q']} | "
              f"{r['extra_pairs']} ({r['wrong_actor']}) |")
    lab = ["favor", "against", "none"]
    print(f"\nstance macro-F1, all non-self pairs (unlinked = none): {macro_f1(allg, allp, lab):.2f}"
          f"  | 'against' everywhere: {macro_f1(allg, ['against'] * len(allg), lab):.2f}"
          f"  | accuracy {sum(g == p for g, p in zip(allg, allp))}/{len(allg)}"
          f" vs 'against' everywhere {sum(g == 'against' for g in allg)}/{len(allg)}")
    for k, what in (("stance", "linked stances"), ("sent", "sentiments")):
        c = CONF[k]
        if c:
            print(f"{what}: mean confidence {sum(x for x, _ in c) / len(c):.2f}, accuracy {sum(y for _, y in c) / len(c):.2f}")
    sl = ["positive", "negative", "neutral"]
    print("sentiment confusion (rows gold, columns predicted " + "/".join(sl) + "): " + "; ".join(
        f"{g} " + "/".join(str(sum(1 for a, b in zip(sg, sp) if a == g and b == p)) for p in sl) for g in sl))
    print("stance confusion (rows gold, columns predicted, unlinked = none) " + "/".join(lab) + ": " + "; ".join(
        f"{g} " + "/".join(str(sum(1 for a, b in zip(allg, allp) if a == g and b == p)) for p in lab) for g in lab))
    print(f"sentiment on found quotes: accuracy {sum(g == p for g, p in zip(sg, sp))}/{len(sg)},"
          f" macro-F1 {macro_f1(sg, sp, sl):.2f} | 'negative' everywhere: accuracy"
          f" {sum(g == 'negative' for g in sg)}/{len(sg)}, macro-F1 {macro_f1(sg, ['negative'] * len(sg), sl):.2f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stance", default=os.path.join(ROOT, "stance"))
    ap.add_argument("--model", default=os.path.join(ROOT, "models", "en-news.stm"))
    ap.add_argument("--errors", action="store_true", help="list every error, grouped by kind")
    ap.add_argument("--save", help="directory for the raw JSON outputs")
    ap.add_argument("--data", help="directory of NAME.txt + NAME.expect.md (default tests/data/usertest)")
    ap.add_argument("--aliases", help="aliases file for --data (default: aliases.txt for the default"
                    " directory, none for another)")
    ap.add_argument("--sides", help="each actor's side (`Name|Side` lines, e.g. bench/usertest/sides16.txt): adds"
                    " the mode \"sides\", the aliases mode with `--side NAME=SIDE` for every actor that has one,"
                    " and the mode \"watch\", all of FILE's figures as a watch list with --discover-others")
    ap.add_argument("--watch", help="the mode \"watch\" with this `--actors` JSONL file as the watch list (its"
                    " own names, aliases and sides) instead of --sides' figures")
    args = ap.parse_args()
    global WATCH
    WATCH = os.path.abspath(args.watch) if args.watch else None
    if args.sides:
        load_sides(args.sides)
    global DATA
    if args.data:
        DATA = os.path.abspath(args.data)
        load_aliases(args.aliases)
    else:
        load_aliases(args.aliases or os.path.join(HERE, "aliases.txt"))
    if args.save:
        os.makedirs(args.save, exist_ok=True)
    results = {}
    for mode in ("disc", "actors", "jsonl", "aliases") + (("sides",) if args.sides else ()) + (("watch",) if args.sides or args.watch else ()):
        rows, tot, errs, figs = score(args.stance, args.model, mode, args.save)
        results[mode] = (rows, tot, errs, figs)
        table(mode, rows, tot, figs)
        results[mode] += (dict(CONF),)
    same = results["actors"][1] == results["jsonl"][1] and results["actors"][3] == results["jsonl"][3]
    print(f"\n--jsonl input gives the same figures as -a: {'yes' if same else 'NO'}")
    if args.errors:
        for mode in ("disc", "actors", "aliases") + (("sides",) if args.sides else ()) + (("watch",) if args.sides or args.watch else ()):
            errs = results[mode][2]
            kinds = {}
            for e in errs:
                kinds.setdefault(e[0], []).append(e)
            print(f"\n### errors, mode {mode} (most frequent kind first)")
            for k, lst in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
                print(f"\n{k}: {len(lst)}")
                for _, name, qid, text, det in lst:
                    print(f"  {name} {qid}: \"{text[:70]}\" {det}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
