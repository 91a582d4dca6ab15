"""The no-soothing classifier: the phrase patterns, then a trained head over sentence vectors.

A sentence soothes when a pattern finds a soothing phrase in it, or when the head's soothing
probability is at least `THRESHOLD`. Quoted words (the learner's, an exemplar's) are blanked
first: what the coach quotes is not what the coach says. Loaded once per process.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from feedback.embedding import SentenceEncoder
from feedback.soothing.patterns import soothing_phrases
from feedback.text_classifier import (
    TextHead,
    encode_each,
    read_labelled,
    shared_encoder,
    train_head,
    warn_on_engine,
)

PACKAGE = Path(__file__).resolve().parent.parent
HEAD_PATH = PACKAGE / "models" / "soothing-head.json"
DATA_PATH = Path(__file__).resolve().parent / "data" / "soothing-train.jsonl"
LABELS = ("soothing", "ok")
THRESHOLD = 0.6
REGULARISATION = 2.0
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")


@dataclass(frozen=True)
class SoothingVerdict:
    soothing: bool
    reasons: tuple[str, ...]

    @property
    def label(self) -> str:
        return LABELS[0] if self.soothing else LABELS[1]


def unquoted(text: str) -> str:
    """`text` with its quotations blanked out."""
    return _QUOTED.sub('""', text)


class SoothingModel:
    def __init__(self, head: TextHead, encoder: SentenceEncoder):
        self.head = head
        self.encoder = encoder
        warn_on_engine(head, encoder, "no-soothing")

    def verdicts(self, sentences: list[str], vectors: np.ndarray | None = None) -> list[SoothingVerdict]:
        """One verdict per sentence (`vectors`: the sentences already embedded by the same
        engine, for texts without quotations)."""
        own = [unquoted(s).strip() for s in sentences]
        scored = [i for i, s in enumerate(own) if s.strip('" ')]
        if vectors is None:
            vectors = encode_each(self.encoder, [own[i] for i in scored])
        else:
            vectors = vectors[scored]
        p_soothing = dict(zip(scored, (float(p[0]) for p in self.head.probabilities(vectors)))) if scored else {}
        result = []
        for i, sentence in enumerate(own):
            reasons = [f"phrase: '{phrase}'" for phrase in soothing_phrases(sentence)]
            p = p_soothing.get(i, 0.0)
            if p >= THRESHOLD:
                reasons.append(f"classifier, soothing {p:.2f}")
            result.append(SoothingVerdict(bool(reasons), tuple(reasons)))
        return result


_lock = threading.Lock()
_model: SoothingModel | None = None


def soothing_model() -> SoothingModel:
    """The process's no-soothing classifier, loaded on first use."""
    global _model
    with _lock:
        if _model is None:
            _model = SoothingModel(TextHead.load(HEAD_PATH), shared_encoder())
        return _model


def train_soothing_head(encoder: SentenceEncoder, data: Path = DATA_PATH) -> TextHead:
    texts, labels = read_labelled(data)
    return train_head(texts, labels, LABELS, encoder, c=REGULARISATION, source=data.name)
