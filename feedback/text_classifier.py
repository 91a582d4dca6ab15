"""A sentence-embedding text classifier: MiniLM vectors in, a logistic-regression head on top.

Used by the learner-move reader (simulator.partner.moves); the safety checks split text with
`segments` (their classifiers are fine-tuned encoders, feedback.fine_tuned). A text is scored as
a whole and sentence by sentence (`segments`), so one sentence inside a long turn is not averaged
away. The head is stored as JSON with rounded coefficients.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from feedback import embedding
from feedback.embedding import SentenceEncoder
from feedback.spans import split_spans

log = logging.getLogger(__name__)

DECIMALS = 5
MAX_SEGMENTS = 8
MIN_WORDS = 4
_CLAUSE = re.compile(
    r",\s+(?=(?:but|and|because|cos|so|then|though)\b)|\s+(?:but|because|cos)\s+|"
    r"\s+and\s+(?=i\b|i'm\b|i've\b|im\b|ive\b)",
    re.IGNORECASE,
)


def shared_encoder() -> SentenceEncoder:
    """The process's encoder for the sentence-vector heads (the move reader): its ONNX file cached
    under REHEARSE_CACHE_DIR when set, else ~/.cache/rehearse; the knn rater shares it when its
    cache folder is the same."""
    cache = os.environ.get("REHEARSE_CACHE_DIR", "")
    return embedding.shared_encoder(Path(cache) if cache else None, engine="onnx-int8")


def encode_each(encoder: SentenceEncoder, texts: list[str]) -> np.ndarray:
    """Each text embedded on its own. The int8 engine quantises activations per batch, so a
    text's vector (and verdict) would otherwise depend on the texts batched with it; alone, it
    is the same in training, in a turn and in `rehearse safety eval`. No padding either."""
    if not texts:
        return np.zeros((0, encoder.dimension), dtype=np.float32)
    return np.vstack([encoder.encode([text]) for text in texts])


def segments(text: str) -> list[str]:
    """The text's sentences, and the clauses of long sentences; fragments under `MIN_WORDS`
    words join their neighbour (alone, "and come back." or "You won't." say nothing)."""
    whole = text.strip()
    parts: list[str] = []
    for sentence in split_spans(whole, min_words=MIN_WORDS):
        clauses = [c.strip(" ,") for c in _CLAUSE.split(sentence) if c and c.strip(" ,")]
        if len(clauses) > 1 and all(len(c.split()) >= MIN_WORDS for c in clauses):
            parts.extend(clauses)
        else:
            parts.append(sentence)
    return parts[:MAX_SEGMENTS] or [whole]


@dataclass(frozen=True)
class TextHead:
    """A multinomial logistic regression over sentence vectors."""

    labels: tuple[str, ...]
    coef: np.ndarray  # (labels, 384)
    intercept: np.ndarray  # (labels,)
    trained_on: dict[str, object] = field(default_factory=dict)

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        """(rows, 384) -> (rows, labels)."""
        logits = np.atleast_2d(vectors).astype(np.float64) @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)

    def to_json(self) -> dict[str, object]:
        return {
            "labels": list(self.labels),
            "trained_on": self.trained_on,
            "coef": np.round(self.coef, DECIMALS).tolist(),
            "intercept": np.round(self.intercept, DECIMALS).tolist(),
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> TextHead:
        return cls(
            tuple(data["labels"]),  # type: ignore[arg-type]
            np.asarray(data["coef"], dtype=np.float64),
            np.asarray(data["intercept"], dtype=np.float64),
            dict(data.get("trained_on", {})),  # type: ignore[call-overload]
        )

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_json(), separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> TextHead:
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing: run `rehearse safety train` to write it")
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))


def read_labelled(path: Path) -> tuple[list[str], list[str]]:
    """Texts and labels of a JSONL file with "text" and "label" on every line."""
    texts, labels = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if "text" not in row or "label" not in row:
            raise ValueError(f'{path}:{number}: each line needs "text" and "label"')
        texts.append(row["text"])
        labels.append(row["label"])
    return texts, labels


def warn_on_engine(head: TextHead, encoder: SentenceEncoder, what: str) -> None:
    engine = head.trained_on.get("engine")
    if engine and engine != encoder.engine:
        log.warning(
            "the %s head was trained on %s embeddings but this encoder uses %s; run `rehearse safety train`",
            what,
            engine,
            encoder.engine,
        )
