"""Regenerate the committed heads of the crisis check and the no-soothing guard from their data.

Deterministic for a given embedding engine and CPU: the same JSONL gives the same JSON files.
The int8 embeddings differ slightly between CPUs, so a retrain elsewhere matches the committed
heads within a tolerance (tests/simulator/test_safety_training.py), not bit for bit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from feedback.soothing import model as soothing
from feedback.text_classifier import TextHead, shared_encoder
from simulator.safety import risk_model


@dataclass(frozen=True)
class TrainedHead:
    name: str
    head: TextHead
    path: Path


def train_heads() -> list[TrainedHead]:
    """Both heads trained from the packaged data (nothing written)."""
    encoder = shared_encoder()
    return [TrainedHead("crisis", risk_model.train_risk_head(encoder), risk_model.HEAD_PATH),
            TrainedHead("soothing", soothing.train_soothing_head(encoder), soothing.HEAD_PATH)]
