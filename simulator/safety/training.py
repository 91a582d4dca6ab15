"""Regenerate the crisis check's fine-tuned classifier from its data.

The crisis classifier is the packaged MiniLM encoder fine-tuned with a three-way head
(`feedback.fine_tuned.training` with the crisis recipe `simulator.safety.fine_tuning`, seeded,
one thread), exported to int8 ONNX with U8U8 kernels (`feedback.fine_tuned.onnx_classifier`).
A retrain on another CPU matches the committed file within a tolerance, not bit for bit
(tests/simulator/test_safety_training.py). The no-soothing guard's classifier is trained the same
way, in `feedback.soothing.training`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from feedback.embedding import bundled_model_dir
from feedback.fine_tuned.training import TrainedClassifier, fine_tune, training_card
from simulator.safety import risk_model
from simulator.safety.fine_tuning import CrisisFineTuning


@dataclass(frozen=True)
class TrainingRows:
    """The crisis check's training lines as the classifier sees them (figures of speech in
    plain words), with their theme and group."""

    texts: list[str]
    labels: list[str]
    themes: list[str]
    groups: list[str]

    @classmethod
    def read(cls, data: Path = risk_model.DATA_PATH) -> TrainingRows:
        rows = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line.strip()]
        return cls(
            risk_model.training_texts([r["text"] for r in rows]),
            [r["label"] for r in rows],
            [r["theme"] for r in rows],
            [r["group"] for r in rows],
        )

    def subset(self, indices: np.ndarray) -> TrainingRows:
        return TrainingRows(
            *([values[i] for i in indices] for values in (self.texts, self.labels, self.themes, self.groups))
        )


def train_crisis_classifier(
    rows: TrainingRows | None = None,
    settings: CrisisFineTuning | None = None,
    data: Path = risk_model.DATA_PATH,
    log: Callable[[str], None] | None = None,
) -> TrainedClassifier:
    """Fine-tune on `rows` (default: every line of `data`), keeping the rows `settings` selects."""
    rows = rows or TrainingRows.read(data)
    settings = settings or CrisisFineTuning()
    kept = rows.subset(settings.kept_rows(rows.labels, rows.themes))
    model, tokenizer = fine_tune(kept.texts, kept.labels, risk_model.LABELS, bundled_model_dir(), settings, log)
    card = training_card(risk_model.LABELS, data, len(rows.texts), kept.labels, settings)
    return TrainedClassifier(model, tokenizer, card)
