#!/usr/bin/env python3
"""Simulate document-level pooling of stance on a saved `stance classify --jsonl` output: within an
article, the stances of quotes by the same (predicted) speaker toward the same actor share evidence,
p'(q) ∝ p(q) · Π_{q'≠q} p(q')^(beta/n_others) ("mean") or ^beta ("sum"); a quote without a speaker
stays alone ("actor" as KEY groups by actor only). usage: pool_sim.py IN OUT BETA mean|sum [speaker|actor]
Score the result with `score.py --pred OUT`. Standard library only."""
import json, math, sys, collections
inp, outp, beta, mode = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
key = sys.argv[5] if len(sys.argv) > 5 else "speaker"
LAB = ("favor", "against", "none")
with open(inp) as f, open(outp, "w") as o:
    for line in f:
        if not line.strip():
            continue
        d = json.loads(line)
        g = collections.defaultdict(list)
        for q in d["quotes"]:
            spk = ((q.get("speaker") or {}).get("name") or "").lower()
            for s in q.get("stances", []):
                if s.get("where") == "none" or not s.get("probs"):
                    continue
                k = (spk if key == "speaker" else "", s["actor"])
                if key == "speaker" and not spk:
                    k = (id(q), s["actor"])
                g[k].append(s)
        for k, ss in g.items():
            if len(ss) < 2:
                continue
            logs = [{l: math.log(max(s["probs"][l], 1e-9)) for l in LAB} for s in ss]
            tot = {l: sum(x[l] for x in logs) for l in LAB}
            new = []
            for i, s in enumerate(ss):
                n_o = len(ss) - 1
                w = beta / n_o if mode == "mean" else beta
                v = {l: logs[i][l] + w * (tot[l] - logs[i][l]) for l in LAB}
                m = max(v.values())
                z = sum(math.exp(x - m) for x in v.values())
                new.append({l: math.exp(v[l] - m) / z for l in LAB})
            for s, p in zip(ss, new):
                s["probs"] = p
                s["label"] = max(p, key=p.get)
                s["confidence"] = p[s["label"]]
        o.write(json.dumps(d) + "\n")
