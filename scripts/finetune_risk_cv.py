"""Grouped cross-validation on the crisis check's TRAINING lines: the committed kind of head
(logistic regression over frozen int8 MiniLM vectors) against the fine-tuned encoder.

    PYTHONPATH=$PWD python scripts/finetune_risk_cv.py [--folds 4] [--ordinary-fraction 0.4]

Folds keep each `group` (a line and its variants) together. Whole lines are scored (the app
scores segments; both models are compared the same way). Held-out files are never read.
Ordinary none lines (DEAR MAN and role-play turns) are subsampled in the fine-tuning folds only,
to keep a fold to a few minutes on one slow core; the frozen head trains on every line.
Out-of-fold probabilities are written to --out, the figures are printed.

Results (2026-11-30, 4 folds, 2 epochs, lr 4e-5, batch 32, 48 tokens, seed 13, 40% of the ordinary
lines; one busy core: 6-12 minutes a fold), out of fold over all 9,030 lines:

                                        frozen head   fine-tuned
    risk AUC (crisis or check_in vs none)   0.967        0.987
    crisis AUC (crisis vs none)             0.953        0.978
    at 2% of ordinary lines flagged:
      risk recall                           0.770        0.914
      hard negatives flagged                0.205        0.185
    at the app's thresholds (0.8):
      risk recall                           0.780        0.897
      ordinary lines flagged                0.022        0.017
      idioms and past (hard) flagged        0.221        0.170
      crisis recall                         0.530        0.753
      hard negatives stopped                0.150        0.125
      ordinary lines stopped                0.009        0.007

(hard negatives here: the idiom and past_dbt themes; the app also caps them by pattern.)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from feedback.embedding import bundled_model_dir
from feedback.fine_tuned import training as fine_tuning
from feedback.text_classifier import encode_each, shared_encoder
from simulator.safety.fine_tuning import ORDINARY_THEMES, CrisisFineTuning
from simulator.safety.risk_model import DATA_PATH, LABELS, training_texts

FROZEN_HEAD_C = 2.0  # the regularisation of the logistic-regression head this replaced

ORDINARY = ORDINARY_THEMES  # the themes the fine-tuning samples from
HARD = ("idiom", "idiom_in_context", "past_dbt", "past_dbt_in_context")


def figures(p: np.ndarray, labels: np.ndarray, themes: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import roc_auc_score

    risk = p[:, 0] + p[:, 1]
    at_risk = labels != "none"
    ordinary = (labels == "none") & np.isin(themes, ORDINARY)
    hard = (labels == "none") & np.isin(themes, HARD)
    crisis = labels == "crisis"
    at_2 = float(np.quantile(risk[ordinary], 0.98))
    out = {
        "risk_auc": roc_auc_score(at_risk, risk),
        "crisis_auc_vs_none": roc_auc_score(crisis[labels != "check_in"], p[labels != "check_in", 0]),
        "threshold_2pct_ordinary": at_2,
        "risk_recall_at_2pct_ordinary": (risk[at_risk] >= at_2).mean(),
        "hard_flagged_at_2pct_ordinary": (risk[hard] >= at_2).mean(),
    }
    for t in (0.5, 0.8, 0.9):
        out[f"risk_recall@{t}"] = (risk[at_risk] >= t).mean()
        out[f"ordinary_flagged@{t}"] = (risk[ordinary] >= t).mean()
        out[f"hard_flagged@{t}"] = (risk[hard] >= t).mean()
        out[f"crisis_recall@{t}"] = (p[crisis, 0] >= t).mean()
        out[f"hard_stopped@{t}"] = (p[hard, 0] >= t).mean()
        out[f"ordinary_stopped@{t}"] = (p[ordinary, 0] >= t).mean()
    return {k: round(float(v), 4) for k, v in out.items()}


def threshold_table(p: np.ndarray, labels: np.ndarray, themes: np.ndarray) -> list[str]:
    """Per threshold: risk recall and false check-ins; crisis recall and false stops."""
    risk = p[:, 0] + p[:, 1]
    at_risk, crisis = labels != "none", labels == "crisis"
    ordinary = (labels == "none") & np.isin(themes, ORDINARY)
    hard = (labels == "none") & np.isin(themes, HARD)
    lines = ["threshold  risk-recall ordinary-flagged hard-flagged | crisis-recall ordinary-stopped hard-stopped"]
    for t in np.arange(0.5, 0.99, 0.05):
        lines.append(
            f"{t:.2f}       {(risk[at_risk] >= t).mean():.3f}       {(risk[ordinary] >= t).mean():.4f}"
            f"           {(risk[hard] >= t).mean():.3f}        | {(p[crisis, 0] >= t).mean():.3f}"
            f"         {(p[ordinary, 0] >= t).mean():.4f}          {(p[hard, 0] >= t).mean():.3f}"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--ordinary-fraction", type=float, default=0.4)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--lr", type=float, default=4e-5)
    parser.add_argument("--out", type=Path, default=Path("/tmp/risk-cv.json"))
    parser.add_argument("--skip-frozen", action="store_true")
    args = parser.parse_args()

    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    rows = [json.loads(line) for line in DATA_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = training_texts([r["text"] for r in rows])
    labels = np.array([r["label"] for r in rows])
    themes = np.array([r["theme"] for r in rows])
    groups = np.array([r["group"] for r in rows])
    folds = list(GroupKFold(n_splits=args.folds).split(texts, labels, groups))
    results: dict[str, object] = {"settings": vars(args) | {"out": str(args.out)}}

    if not args.skip_frozen:
        start = time.time()
        vectors = encode_each(shared_encoder(), texts).astype(np.float64)
        frozen = np.zeros((len(texts), 3))
        for train, test in folds:
            head = LogisticRegression(C=FROZEN_HEAD_C, max_iter=5000, tol=1e-8, class_weight="balanced")
            head.fit(vectors[train], [LABELS.index(label) for label in labels[train]])
            frozen[test] = head.predict_proba(vectors[test])
        results["frozen_head"] = figures(frozen, labels, themes)
        np.save(args.out.with_suffix(".frozen.npy"), frozen)
        print("frozen head", json.dumps(results["frozen_head"]), f"{time.time() - start:.0f} s", flush=True)

    rng = np.random.default_rng(7)
    settings = CrisisFineTuning(epochs=args.epochs, learning_rate=args.lr)
    tuned = np.full((len(texts), 3), np.nan)
    for number, (train, test) in enumerate(folds, 1):
        start = time.time()
        ordinary = (labels[train] == "none") & np.isin(themes[train], ORDINARY)
        keep = train[~ordinary | (rng.random(len(train)) < args.ordinary_fraction)]
        model, tokenizer = fine_tuning.fine_tune(
            [texts[i] for i in keep], list(labels[keep]), LABELS, bundled_model_dir(), settings
        )
        tuned[test] = fine_tuning.probabilities(model, tokenizer, [texts[i] for i in test])
        done = ~np.isnan(tuned[:, 0])
        results[f"fine_tuned_folds_1_to_{number}"] = figures(tuned[done], labels[done], themes[done])
        np.save(args.out.with_suffix(".tuned.npy"), tuned)
        args.out.write_text(json.dumps(results, indent=1))
        print(
            f"fold {number}: {len(keep)} rows, {time.time() - start:.0f} s",
            json.dumps(results[f"fine_tuned_folds_1_to_{number}"]),
            flush=True,
        )
    print("\n".join(threshold_table(tuned, labels, themes)))


if __name__ == "__main__":
    main()
