"""Grouped cross-validation of the fine-tuned no-soothing classifier on its TRAINING lines, to
choose the threshold (feedback/soothing/model.py). Held-out files are never read.

    PYTHONPATH=$PWD python scripts/finetune_soothing_cv.py [--folds 4] [--epochs 3]

Folds keep each `group` (a line and its chat variants) together; out-of-fold probabilities are
written to --out and a threshold table is printed (soothing recall against ok lines flagged).

Results (2026-11-30, 4 folds, 3 epochs, lr 4e-5, batch 32, 48 tokens, seed 13, one busy core:
6-10 minutes a fold), out of fold over all 2,630 lines: AUC 0.981

    threshold  recall  ok-flagged           phrase bar  recall  ok-flagged  (classifier at 0.5)
    0.30       0.951   0.066                none        0.939   0.055
    0.50       0.939   0.055                0.0         0.947   0.069
    0.70       0.927   0.048                0.05        0.947   0.058
    0.90       0.899   0.036                0.1         0.945   0.056
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from feedback.embedding import bundled_model_dir
from feedback.fine_tuned import training as fine_tuning
from feedback.soothing.model import LABELS
from feedback.soothing.training import SOOTHING_FINE_TUNING, SoothingRows


def threshold_table(p_soothing: np.ndarray, labels: np.ndarray) -> list[str]:
    from sklearn.metrics import roc_auc_score

    soothing = labels == "soothing"
    lines = [f"AUC {roc_auc_score(soothing, p_soothing):.4f}", "threshold  recall  ok-flagged"]
    for t in np.arange(0.3, 0.96, 0.05):
        lines.append(
            f"{t:.2f}       {(p_soothing[soothing] >= t).mean():.3f}   {(p_soothing[~soothing] >= t).mean():.3f}"
        )
    return lines


def guard_table(p_soothing: np.ndarray, labels: np.ndarray, texts: list[str]) -> list[str]:
    """The guard's verdict (classifier at `THRESHOLD`, or a soothing phrase and the classifier at
    a lower bar) for a few phrase bars: what the phrases add to the classifier alone."""
    from feedback.soothing.model import THRESHOLD
    from feedback.soothing.patterns import soothing_phrases

    soothing = labels == "soothing"
    phrase = np.array([bool(soothing_phrases(text)) for text in texts])
    lines = [f"phrase bar  recall  ok-flagged  (classifier at {THRESHOLD}; phrases in {phrase.sum()} lines)"]
    for bar in (None, 0.0, 0.02, 0.05, 0.1, 0.2, 0.3):
        flagged = p_soothing >= THRESHOLD
        if bar is not None:
            flagged |= phrase & (p_soothing >= bar)
        lines.append(
            f"{'none' if bar is None else bar:<11} {flagged[soothing].mean():.3f}   {flagged[~soothing].mean():.3f}"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--epochs", type=int, default=SOOTHING_FINE_TUNING.epochs)
    parser.add_argument("--out", type=Path, default=Path("/tmp/soothing-cv.npy"))
    args = parser.parse_args()
    from sklearn.model_selection import GroupKFold

    rows = SoothingRows.read()
    labels = np.array(rows.labels)
    settings = replace(SOOTHING_FINE_TUNING, epochs=args.epochs)
    p = np.full(len(rows.texts), np.nan)
    for number, (train, test) in enumerate(GroupKFold(n_splits=args.folds).split(rows.texts, labels, rows.groups), 1):
        start = time.time()
        fold = rows.subset(list(train))
        model, tokenizer = fine_tuning.fine_tune(fold.texts, fold.labels, LABELS, bundled_model_dir(), settings)
        p[test] = fine_tuning.probabilities(model, tokenizer, [rows.texts[i] for i in test])[:, 0]
        np.save(args.out, p)
        done = ~np.isnan(p)
        print(f"fold {number}: {time.time() - start:.0f} s", flush=True)
        print("\n".join(threshold_table(p[done], labels[done])), flush=True)
    print("\n".join(guard_table(p, labels, rows.texts)))
    json.dump({"texts": rows.texts, "labels": rows.labels, "p": p.tolist()}, args.out.with_suffix(".json").open("w"))


if __name__ == "__main__":
    main()
