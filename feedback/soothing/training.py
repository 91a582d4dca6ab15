"""Fine-tune the no-soothing classifier from its training lines (needs torch; `rehearse safety
train --check soothing`). The recipe is the crisis classifier's, on every line, for three epochs:
the soothing data is a quarter of the size. Thresholds come from grouped cross-validation on
these lines (scripts/finetune_soothing_cv.py), never from a held-out set."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from feedback.embedding import bundled_model_dir
from feedback.fine_tuned.training import FineTuning, TrainedClassifier, fine_tune, training_card
from feedback.soothing.model import DATA_PATH, LABELS, unquoted

SOOTHING_FINE_TUNING = FineTuning(epochs=3)


@dataclass(frozen=True)
class SoothingRows:
    """The guard's training lines as the classifier sees them (quotations blanked), with their
    group (a line and its chat variants)."""

    texts: list[str]
    labels: list[str]
    groups: list[str]

    @classmethod
    def read(cls, data: Path = DATA_PATH) -> SoothingRows:
        rows = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line.strip()]
        return cls([unquoted(r["text"]).strip() for r in rows], [r["label"] for r in rows], [r["group"] for r in rows])

    def subset(self, indices: list[int]) -> SoothingRows:
        return SoothingRows(*([values[i] for i in indices] for values in (self.texts, self.labels, self.groups)))


def train_soothing_classifier(
    rows: SoothingRows | None = None,
    settings: FineTuning = SOOTHING_FINE_TUNING,
    data: Path = DATA_PATH,
    log: Callable[[str], None] | None = None,
) -> TrainedClassifier:
    """Fine-tune on `rows` (default: every line of `data`)."""
    rows = rows or SoothingRows.read(data)
    model, tokenizer = fine_tune(rows.texts, rows.labels, LABELS, bundled_model_dir(), settings, log)
    return TrainedClassifier(model, tokenizer, training_card(LABELS, data, len(rows.texts), rows.labels, settings))
