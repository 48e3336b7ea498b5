#!/usr/bin/python3
"""Calibrators fitted on grouped-CV held-out decision values (bench/train/cv_calib.py output),
checked on held-out folds (fit on the other folds' held-out rows) and on dev (fit on all of
train's held-out rows). Dev never fits anything.

usage: bench/train/calib_fit.py [--work DIR] [--score] [--rel] NAME
  --score  macro-F1 and ECE of the model's own probabilities only (no decision values needed)
  --rel    also print reliability tables
Needs numpy and scipy (python3-sklearn's dependencies).
"""
import argparse
import json
import math
import os

import numpy as np
from scipy.optimize import minimize

PAIRS = {3: [(0, 1), (0, 2), (1, 2)], 2: [(0, 1)]}


def load(path):
    rows = [json.loads(l) for l in open(path) if l.strip()]
    labels = rows[0]["labels"]
    for r in rows:
        assert r["labels"] == labels, "label order differs between fold models"
    y = np.array([labels.index(r["gold"]) for r in rows])
    P = np.array([r["probs"] for r in rows])
    D = np.array([r["dec"] for r in rows]) if "dec" in rows[0] else None
    if D is not None:
        D = D[:, :len(PAIRS[len(labels)])]
    return rows, labels, y, P, D


def ece(P, y, bins=10, table=False):
    conf = P.max(1)
    ok = P.argmax(1) == y
    b = np.minimum((conf * bins).astype(int), bins - 1)
    e, out = 0.0, []
    for i in range(bins):
        m = b == i
        if m.any():
            e += m.sum() / len(y) * abs(conf[m].mean() - ok[m].mean())
            out.append((i / bins, m.sum(), conf[m].mean(), ok[m].mean()))
    return (e, out) if table else e


def macro_f1(P, y, k):
    p = P.argmax(1)
    f = []
    for c in range(k):
        tp = ((p == c) & (y == c)).sum()
        pr = tp / max((p == c).sum(), 1)
        rc = tp / max((y == c).sum(), 1)
        f.append(2 * pr * rc / (pr + rc) if pr + rc else 0)
    return float(np.mean(f))


def weighted_f1(P, y, k):
    p = P.argmax(1)
    f = 0.0
    for c in range(k):
        tp = ((p == c) & (y == c)).sum()
        pr = tp / max((p == c).sum(), 1)
        rc = tp / max((y == c).sum(), 1)
        f += (2 * pr * rc / (pr + rc) if pr + rc else 0) * (y == c).sum() / len(y)
    return f


def nll(P, y):
    return -np.mean(np.log(np.clip(P[np.arange(len(y)), y], 1e-12, 1)))


def softmax(Z):
    Z = Z - Z.max(1, keepdims=True)
    E = np.exp(Z)
    return E / E.sum(1, keepdims=True)


def sig(x):
    return 1 / (1 + np.exp(-x))


def couple(R, k):
    """libsvm's multiclass_probability for every row; R[n, i, j] = r_ij."""
    out = np.empty((R.shape[0], k))
    for n in range(R.shape[0]):
        r = R[n]
        Q = np.empty((k, k))
        for t in range(k):
            Q[t, t] = sum(r[j, t] ** 2 for j in range(k) if j != t)
            for j in range(k):
                if j != t:
                    Q[t, j] = -r[j, t] * r[t, j]
        p = np.full(k, 1 / k)
        for _ in range(100):
            Qp = Q @ p
            pQp = p @ Qp
            if np.abs(Qp - pQp).max() < 0.005 / k:
                break
            for t in range(k):
                diff = (-Qp[t] + pQp) / Q[t, t]
                p[t] += diff
                pQp = (pQp + diff * (diff * Q[t, t] + 2 * Qp[t])) / (1 + diff) / (1 + diff)
                Qp = (Qp + diff * Q[t]) / (1 + diff)
                p /= 1 + diff
        out[n] = p
    return out


def platt_fit(d, t):
    """libsvm's sigmoid_train (Platt with Lin-Lin-Weng targets); t in {+1, -1}."""
    npos, nneg = (t > 0).sum(), (t < 0).sum()
    hi, lo = (npos + 1) / (npos + 2), 1 / (nneg + 2)
    tt = np.where(t > 0, hi, lo)

    def f(ab):
        fz = d * ab[0] + ab[1]
        return np.sum(np.where(fz >= 0, tt * fz + np.log1p(np.exp(-fz)), (tt - 1) * fz + np.log1p(np.exp(fz))))
    r = minimize(f, [0.0, math.log((nneg + 1) / (npos + 1))], method="Nelder-Mead",
                 options={"xatol": 1e-6, "fatol": 1e-9, "maxiter": 4000})
    return r.x


class Current:
    name = "shipped: pairwise Platt (random 5-fold within each pair), coupling"

    def fit(self, P, D, y, k):
        pass

    def apply(self, P, D):
        return P


class Temp:
    name = "temperature on the shipped probabilities"

    def fit(self, P, D, y, k):
        f = lambda v: nll(softmax(np.log(np.clip(P, 1e-12, 1)) / math.exp(v[0])), y)
        self.t = math.exp(minimize(f, [0.0], method="Nelder-Mead").x[0])

    def apply(self, P, D):
        return softmax(np.log(np.clip(P, 1e-12, 1)) / self.t)


class TempBias:
    name = "temperature + per-class bias on the shipped probabilities"

    def fit(self, P, D, y, k):
        L = np.log(np.clip(P, 1e-12, 1))
        f = lambda v: nll(softmax(L / math.exp(v[0]) + np.r_[0, v[1:]]), y)
        self.v = minimize(f, np.zeros(k), method="Nelder-Mead", options={"maxiter": 4000}).x

    def apply(self, P, D):
        v = self.v
        return softmax(np.log(np.clip(P, 1e-12, 1)) / math.exp(v[0]) + np.r_[0, v[1:]])


class PlattGrouped:
    name = "pairwise Platt refitted on grouped-CV decision values, coupling (model format unchanged)"

    def fit(self, P, D, y, k):
        self.k, self.ab = k, []
        for p, (i, j) in enumerate(PAIRS[k]):
            m = (y == i) | (y == j)
            self.ab.append(platt_fit(D[m, p], np.where(y[m] == i, 1.0, -1.0)))

    def apply(self, P, D):
        k = self.k
        R = np.zeros((len(D), k, k))
        for p, (i, j) in enumerate(PAIRS[k]):
            s = np.clip(1 / (1 + np.exp(D[:, p] * self.ab[p][0] + self.ab[p][1])), 1e-7, 1 - 1e-7)
            R[:, i, j], R[:, j, i] = s, 1 - s
        if k == 2:
            return R[:, 0, 1:2] * np.array([1, 0]) + R[:, 1, 0:1] * np.array([0, 1])
        return couple(R, k)


class Multinomial:
    name = "multinomial logistic on the decision values (matrix scaling)"

    def fit(self, P, D, y, k):
        n_d = D.shape[1]

        def f(v):
            W = v[:k * n_d].reshape(k, n_d)
            return nll(softmax(D @ W.T + v[k * n_d:]), y) + 1e-4 * np.sum(v ** 2)
        x0 = np.zeros(k * n_d + k)
        for p, (i, j) in enumerate(PAIRS[k]):
            x0[i * n_d + p], x0[j * n_d + p] = 1, -1
        self.v, self.k, self.n_d = minimize(f, x0, method="L-BFGS-B").x, k, n_d

    def apply(self, P, D):
        k, n_d = self.k, self.n_d
        return softmax(D @ self.v[:k * n_d].reshape(k, n_d).T + self.v[k * n_d:])


class VoteScaling:
    name = "softmax of pairwise votes z_i = sum_j +-d_ij, one temperature + per-class bias"

    def fit(self, P, D, y, k):
        self.k = k
        Z = self.z(D)
        f = lambda v: nll(softmax(Z * math.exp(v[0]) + np.r_[0, v[1:]]), y)
        self.v = minimize(f, np.zeros(k), method="Nelder-Mead", options={"maxiter": 4000}).x

    def z(self, D):
        Z = np.zeros((len(D), self.k))
        for p, (i, j) in enumerate(PAIRS[self.k]):
            Z[:, i] += D[:, p]
            Z[:, j] -= D[:, p]
        return Z

    def apply(self, P, D):
        return softmax(self.z(D) * math.exp(self.v[0]) + np.r_[0, self.v[1:]])


def floor(Q, rng, n=1000):
    """ECE of a perfectly calibrated model with these probabilities on this many rows:
    labels drawn from Q itself; mean and 95th percentile over n draws."""
    c = Q.cumsum(1)
    e = []
    for _ in range(n):
        u = rng.random(len(Q))[:, None]
        e.append(ece(Q, (u > c).sum(1)))
    return np.mean(e), np.percentile(e, 95)


def boot_diff(Q0, Q1, y, groups, rng, n=1000):
    """Paired bootstrap over groups of ECE(Q1) - ECE(Q0): 95 % interval."""
    gs = sorted(set(groups))
    idx = {g: [] for g in gs}
    for i, g in enumerate(groups):
        idx[g].append(i)
    d = []
    for _ in range(n):
        pick = np.concatenate([idx[gs[j]] for j in rng.integers(0, len(gs), len(gs))])
        d.append(ece(Q1[pick], y[pick]) - ece(Q0[pick], y[pick]))
    return np.percentile(d, 2.5), np.percentile(d, 97.5)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("name")
    ap.add_argument("--work", default="/tmp/stance-cv-calib")
    ap.add_argument("--score", action="store_true")
    ap.add_argument("--rel", action="store_true")
    ap.add_argument("--vs", default=None, help="paired comparison with run VS (per fold, bootstrap by group)")
    ap.add_argument("--fit-on", default="all", choices=["all", "main", "e2e"],
                    help="fit the calibrators on these held-out rows only (--e2e-folds runs)")
    ap.add_argument("--noise", action="store_true", help="noise floor of ECE and paired bootstrap intervals")
    ap.add_argument("--weighted", action="store_true", help="weighted F1 (sentiment-vader) instead of macro")
    a = ap.parse_args()
    rows, labels, y, P, D = load(os.path.join(a.work, a.name + "-oof.jsonl"))
    dpath = os.path.join(a.work, a.name + "-dev.jsonl")
    drows, dl, dy, dP, dD = load(dpath) if os.path.exists(dpath) else (None,) * 5
    k = len(labels)
    F = weighted_f1 if a.weighted else macro_f1
    folds = np.array([r["fold"] for r in rows])
    main = np.array([r.get("dom") != "e2e" for r in rows])  # --e2e-folds: figures on the main data only
    fs = [F(P[(folds == f) & main], y[(folds == f) & main], k) for f in sorted(set(folds))]
    print("%s: CV %s-F1 %.4f (pooled %.4f; folds %s; sd %.4f), accuracy %.4f" % (
        a.name, "weighted" if a.weighted else "macro", np.mean(fs), F(P[main], y[main], k), " ".join("%.3f" % x for x in fs),
        np.std(fs, ddof=1), (P[main].argmax(1) == y[main]).mean()))
    if a.vs:
        vrows, _, vy, vP, _ = load(os.path.join(a.work, a.vs + "-oof.jsonl"))
        order = {r["id"]: i for i, r in enumerate(vrows)}
        mi = np.where(main)[0]
        ix = np.array([order[rows[i]["id"]] for i in mi])
        vP, vy, mP, my, mf = vP[ix], vy[ix], P[mi], y[mi], folds[mi]
        vf = [F(vP[mf == f], vy[mf == f], k) for f in sorted(set(folds))]
        g = [rows[i].get("g", rows[i]["id"]) for i in mi]
        gs = sorted(set(g))
        gi = {x: [] for x in gs}
        for i, x in enumerate(g):
            gi[x].append(i)
        rng = np.random.default_rng(1)
        d = []
        for _ in range(1000):
            pick = np.concatenate([gi[gs[j]] for j in rng.integers(0, len(gs), len(gs))])
            d.append(F(mP[pick], my[pick], k) - F(vP[pick], vy[pick], k))
        print("vs %s: fold differences %s, mean %+.4f; pooled %+.4f, 95 %% interval (bootstrap by group) [%+.4f, %+.4f]" % (
            a.vs, " ".join("%+.3f" % (x - z) for x, z in zip(fs, vf)), np.mean(fs) - np.mean(vf),
            F(mP, my, k) - F(vP, vy, k), np.percentile(d, 2.5), np.percentile(d, 97.5)))
    fit_on = {"all": np.ones(len(y), bool), "main": main, "e2e": ~main}[a.fit_on]
    cv_sub = {"all": main}
    if rows[0].get("nt") is not None:
        nt = np.array([r["nt"] or 1 for r in rows])
        cv_sub.update({"one target (rw-like)": main & (nt == 1), "several (mt-like)": main & (nt > 1)})
    if not main.all():
        cv_sub["in-domain PolNeAR rows"] = ~main
    dev_sub = {}
    if drows:
        dev_sub["all"] = np.ones(len(dy), bool)
        subs = sorted({r["subset"] for r in drows if r.get("subset")})
        for s in subs:
            dev_sub[s] = np.array([r["subset"] == s for r in drows])
        print("dev %s-F1 %s" % ("weighted" if a.weighted else "macro",
                                " ".join("%s %.4f" % (s, F(dP[m], dy[m], k)) for s, m in dev_sub.items())))
    cals = [Current, Temp, TempBias]
    if D is not None and not a.score:
        cals += [PlattGrouped, VoteScaling, Multinomial]
    if a.score:
        cals = [Current]
    print("\n| calibrator | CV ECE %s | CV NLL | dev ECE %s | dev NLL | CV acc / dev acc |" % (
        " / ".join(cv_sub), " / ".join(dev_sub)))
    print("|---|---|---:|---|---:|---|")
    rng = np.random.default_rng(1)
    ref = None
    for C in cals:
        Q = np.zeros_like(P)
        for f in sorted(set(folds)):
            c = C()
            t = (folds != f) & fit_on
            c.fit(P[t], None if D is None else D[t], y[t], k)
            Q[folds == f] = c.apply(P[folds == f], None if D is None else D[folds == f])
        line = "| %s | %s | %.4f |" % (C.name, " / ".join("%.3f" % ece(Q[m], y[m]) for m in cv_sub.values()), nll(Q, y))
        if drows:
            c = C()
            c.fit(P[fit_on], None if D is None else D[fit_on], y[fit_on], k)
            dQ = c.apply(dP, dD)
            line += " %s | %.4f | %.4f / %.4f |" % (" / ".join("%.3f" % ece(dQ[m], dy[m]) for m in dev_sub.values()),
                                                    nll(dQ, dy), (Q.argmax(1) == y).mean(), (dQ.argmax(1) == dy).mean())
            if hasattr(c, "t"):
                line += " T=%.3f" % c.t
            if hasattr(c, "v") and len(c.v) <= 4:
                line += " v=%s" % np.round(c.v, 3).tolist()
        line += " folds ECE %s |" % " ".join("%.3f" % ece(Q[folds == f], y[folds == f]) for f in sorted(set(folds)))
        print(line)
        if a.noise and drows:
            if ref is None:
                ref = (Q, dQ)
            else:
                g = [r.get("g", r["id"]) for r in rows]
                lo, hi = boot_diff(ref[0], Q, y, g, rng)
                msg = "    ECE - shipped, CV all: [%+.3f, %+.3f]" % (lo, hi)
                for s, m in dev_sub.items():
                    lo, hi = boot_diff(ref[1][m], dQ[m], dy[m], [r.get("g", r["id"]) for r, t in zip(drows, m) if t], rng)
                    msg += "; dev %s [%+.3f, %+.3f]" % (s, lo, hi)
                print(msg)
            print("    noise floor (labels drawn from the probabilities, mean / 95th pct): " + "; ".join(
                "dev %s %.3f / %.3f" % ((s,) + floor(dQ[m], rng)) for s, m in dev_sub.items()) +
                "; CV one fold %.3f / %.3f" % floor(Q[folds == 0], rng))
        if a.rel:
            for nm, QQ, yy, subs in (("CV", Q, y, cv_sub), ("dev", dQ if drows else None, dy, dev_sub)):
                if QQ is None:
                    continue
                for s, m in subs.items():
                    e, t = ece(QQ[m], yy[m], table=True)
                    print("    %s %s n=%d acc %.3f conf %.3f ECE %.3f: %s" % (
                        nm, s, m.sum(), (QQ[m].argmax(1) == yy[m]).mean(), QQ[m].max(1).mean(), e,
                        " ".join("[%.1f n%d %.2f/%.2f]" % b for b in t)))


if __name__ == "__main__":
    main()
