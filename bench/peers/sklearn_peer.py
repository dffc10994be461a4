"""Peer models for `rb train` on the same split: sklearn LogisticRegressionCV(cv=5) on WOE of
decile bins, and HistGradientBoostingClassifier with default settings.

Run with Debian's system Python (PyPI is unreachable here; the python3 first on PATH may not see
Debian's packages): `bench/peers/run-peer.sh <file.csv> <target> [--exclude a,b] [--holdout 0.3 --seed 42]`
finds it. The hold-out is the same row hash as shared/domain/rating/training/folds.ts `inHoldout`.
Prints one JSON line per model: AUC, KS, Brier on the hold-out and fit time (median of --repeat).
"""
import argparse
import json
import statistics
import time

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegressionCV
from sklearn.metrics import brier_score_loss, roc_auc_score, roc_curve

M32 = 0xFFFFFFFF


def in_holdout(index: int, seed: int, share: float) -> bool:
    """murmur3 finaliser of (index * 0x9E3779B1 + seed) mod 2^32, as folds.ts inHoldout."""
    h = ((index * 0x9E3779B1) + seed) & M32
    h = ((h ^ (h >> 16)) * 0x85EBCA6B) & M32
    h = ((h ^ (h >> 13)) * 0xC2B2AE35) & M32
    h = (h ^ (h >> 16)) & M32
    return h / 4294967296 < share


def ks(y, p):
    fpr, tpr, _ = roc_curve(y, p)
    return float(np.max(tpr - fpr))


def woe_frame(train: pd.DataFrame, y: np.ndarray, test: pd.DataFrame):
    """Decile bins (numbers) or categories, missing as its own bin, WOE smoothed by 0.5."""
    out_train, out_test = {}, {}
    goods, bads = (y == 0).sum(), (y == 1).sum()
    for col in train.columns:
        s, t = train[col], test[col]
        num = pd.to_numeric(s, errors="coerce")
        if num.notna().sum() == s.notna().sum() and s.nunique() > 10:
            edges = np.unique(np.nanquantile(num, np.linspace(0, 1, 11)[1:-1]))
            key_tr = np.where(num.isna(), -1, np.searchsorted(edges, num, side="right"))
            tnum = pd.to_numeric(t, errors="coerce")
            key_te = np.where(tnum.isna(), -1, np.searchsorted(edges, tnum, side="right"))
        else:
            key_tr = s.astype(str).fillna("missing").to_numpy()
            key_te = t.astype(str).fillna("missing").to_numpy()
        frame = pd.DataFrame({"k": key_tr, "y": y})
        g = frame.groupby("k")["y"].agg(["sum", "count"])
        woe = np.log(((g["count"] - g["sum"] + 0.5) / (goods + 0.5)) / ((g["sum"] + 0.5) / (bads + 0.5)))
        mapping = woe.to_dict()
        out_train[col] = [mapping.get(k, 0.0) for k in key_tr]
        out_test[col] = [mapping.get(k, 0.0) for k in key_te]
    return pd.DataFrame(out_train), pd.DataFrame(out_test)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("target")
    ap.add_argument("--exclude", default="")
    ap.add_argument("--holdout", type=float, default=0.3)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    df = pd.read_csv(a.input, dtype=str, keep_default_na=False, na_values=[""])
    df = df[df[a.target].notna()].reset_index(drop=True)
    y = (df[a.target].str.strip() == "1").astype(int).to_numpy()
    x = df.drop(columns=[a.target] + [c for c in a.exclude.split(",") if c])
    hold = np.array([in_holdout(i, a.seed, a.holdout) for i in range(len(df))])
    xtr, xte, ytr, yte = x[~hold], x[hold], y[~hold], y[hold]

    def lr_fit():
        wtr, wte = woe_frame(xtr.reset_index(drop=True), ytr, xte.reset_index(drop=True))
        model = LogisticRegressionCV(cv=5, max_iter=1000, scoring="neg_log_loss").fit(wtr, ytr)
        return model.predict_proba(wte)[:, 1]

    def hgb_fit():
        num = xtr.apply(pd.to_numeric, errors="coerce")
        cat = [c for c in x.columns if num[c].notna().sum() < xtr[c].notna().sum()]
        enc = {c: {v: i for i, v in enumerate(sorted(xtr[c].dropna().unique()))} for c in cat}

        def prep(frame):
            out = frame.apply(pd.to_numeric, errors="coerce")
            for c in cat:
                out[c] = frame[c].map(enc[c]).astype(float)
            return out

        model = HistGradientBoostingClassifier(random_state=0, categorical_features=[x.columns.get_loc(c) for c in cat] or None)
        model.fit(prep(xtr), ytr)
        return model.predict_proba(prep(xte))[:, 1]

    for name, fit in (("logistic_regression_cv_woe", lr_fit), ("hist_gradient_boosting", hgb_fit)):
        times, pred = [], None
        for _ in range(a.repeat):
            t0 = time.perf_counter()
            pred = fit()
            times.append(time.perf_counter() - t0)
        print(json.dumps({
            "model": name, "rows": int(len(df)), "train_rows": int((~hold).sum()), "holdout_rows": int(hold.sum()),
            "auc": round(float(roc_auc_score(yte, pred)), 4), "ks": round(ks(yte, pred), 4),
            "brier": round(float(brier_score_loss(yte, pred)), 4), "fit_seconds_median": round(statistics.median(times), 3),
        }))


if __name__ == "__main__":
    main()
