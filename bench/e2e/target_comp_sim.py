#!/usr/bin/env python3
"""Target competition, simulated on cv_stance.py's held-out outputs: does the nearness of a quote's polar words
to THIS actor's mentions, against the quote's other linked actors' mentions, carry signal the stance head lacks?

    /usr/bin/python3 bench/e2e/target_comp_sim.py DIR NAME      # DIR/NAME-outK.jsonl, DIR/NAME-testK.jsonl (K = 0..3)

Run from the top of a built tree (reads models/vader-inflected.txt). On every linked gold pair: the head's
log-probabilities, and (1) whether the quote has other linked actors, (2) this actor's share of the quote's
negative (3) positive lexicon mass, each word weighted by exp(-distance in bytes to the actor's nearest mention
/ 40), (4-5) that mass itself, (6) the number of the actor's mentions in the quote. A multinomial logistic
regression over the head's log-probabilities alone, and with subsets of (1)-(6), trained on three folds and scored on the
fourth (needs numpy and scikit-learn: /usr/bin/python3). Result: bench/RESULTS.md, "agree1"."""
import sys, json, math, re, collections
sys.path.insert(0, __import__('os').path.dirname(__import__('os').path.abspath(__file__)))
import pool_cv
import numpy as np
from sklearn.linear_model import LogisticRegression
LAB=pool_cv.LAB
lex={}
for l in open('models/vader-inflected.txt'):
    w,v=l.rstrip('\n').split('\t'); lex[w.lower()]=float(v)
def feats(q, s, allst):
    text=q['text'].encode('utf-8'); base=q['start']
    toks=[(m.start(),m.group().decode('utf-8','replace').lower()) for m in re.finditer(rb"[A-Za-z']+",text)]
    pol=[(p,lex[w]) for p,w in toks if w in lex]
    def mass(st,sign):
        ms=[m[0]-base for m in st.get('mentions',[]) if base<=m[0]<base+len(text)]
        if not ms: return 0.0, 0
        tot=0.0
        for p,v in pol:
            if v*sign>0: tot+=abs(v)*math.exp(-min(abs(p-m) for m in ms)/40.0)
        return tot, len(ms)
    own_n,nm=mass(s,-1); own_p,_=mass(s,1)
    oth=[x for x in allst if x is not s]
    on=[mass(x,-1)[0] for x in oth]; op=[mass(x,1)[0] for x in oth]
    sn=own_n/(own_n+sum(on)) if own_n+sum(on)>0 else 1.0
    sp=own_p/(own_p+sum(op)) if own_p+sum(op)>0 else 1.0
    k=len(oth)
    lp=[math.log(max(s['probs'][l],1e-6)) for l in LAB]
    return lp, [k>0, sn if k else 1.0, sp if k else 1.0, math.log1p(own_n), math.log1p(own_p), math.log1p(nm)]
X0,X1,Y,F=[],[],[],[]
for k in range(4):
    arts,preds=pool_cv.load_fold(sys.argv[1], sys.argv[2], k, None)
    rows=pool_cv.match(arts,preds)
    for r in rows:
        if r[1] is None: continue
        q=preds[r[0]]['quotes'][r[1]]
        st=[s for s in q['stances'] if s.get('where')!='none' and s.get('probs')]
        s=next((s for s in st if s['actor']==r[2]),None)
        if s is None: continue
        lp,c=feats(q,s,st)
        X0.append(lp); X1.append(lp+c); Y.append(LAB.index(r[3])); F.append(k)
X0, X1, Y, F = map(np.array, (X0, X1, Y, F))
head = np.argmax(X0, 1) == Y
multi = X1[:, 3] > 0
print("linked pairs %d (%d in quotes with other linked actors); head argmax accuracy %.3f (folds %s)" % (
    len(Y), multi.sum(), head.mean(), " ".join("%.3f" % head[F == k].mean() for k in range(4))))
for lab, cols in (("head only", []), ("+ other actors (1)", [3]), ("+ (1) and shares (2-3)", [3, 4, 5]),
                  ("+ masses (4-6)", [6, 7, 8]), ("+ all (1-6)", [3, 4, 5, 6, 7, 8])):
    X = X1[:, [0, 1, 2] + cols]
    ok = np.zeros(len(Y), bool)
    for k in range(4):
        m = LogisticRegression(C=0.1, max_iter=2000).fit(X[F != k], Y[F != k])
        ok[F == k] = m.predict(X[F == k]) == Y[F == k]
    d = sorted(ok[s].mean() - head[s].mean() for s in (np.random.RandomState(i).randint(0, len(Y), len(Y))
                                                         for i in range(1000)))
    print("LR %-24s %.3f (folds %s); minus head %+.3f, pair bootstrap 95%% [%+.3f, %+.3f]; multi %.3f single %.3f" % (
        lab, ok.mean(), " ".join("%.3f" % ok[F == k].mean() for k in range(4)), ok.mean() - head.mean(),
        d[25], d[974], ok[multi].mean(), ok[~multi].mean()))
for name, sel in (("with other linked actors", multi), ("alone", ~multi)):
    print("quotes %s: gold favor/against/none %s, head %s" % (
        name, "/".join("%.2f" % x for x in np.bincount(Y[sel], minlength=3) / sel.sum()),
        "/".join("%.2f" % x for x in np.bincount(np.argmax(X0, 1)[sel], minlength=3) / sel.sum())))
