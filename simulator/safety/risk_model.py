"""The crisis check's classifier: patterns plus a trained head over sentence vectors.

Each segment of a turn (its sentences, and the clauses of long ones) gets crisis / check_in /
none probabilities from the head. The turn is a crisis when one segment is: a crisis pattern in
a segment not about the resolved past or someone else, or a crisis probability over
`CRISIS_THRESHOLD`. It is a check-in when one segment's risk (crisis + check_in) is over
`RISK_THRESHOLD`, or over `FIGURE_RISK_THRESHOLD` for a segment with a figure of speech (read
as plain words first: "this is killing me" as "this is bothering me"). An anger idiom ("I'll
kill you if you leave the pans again"), the resolved past and someone else's story cap their
segment at check_in. Loaded once per process, on first use."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from feedback.embedding import SentenceEncoder
from feedback.text_classifier import (
    TextHead,
    encode_each,
    segments,
    shared_encoder,
    train_head,
    warn_on_engine,
)
from simulator.safety.crisis import CrisisVerdict, RiskAssessment
from simulator.safety.risk_patterns import (
    ANGER_IDIOM,
    CRISIS,
    DISTANCED,
    PRESENT,
    matches,
    plain_words,
)

PACKAGE = Path(__file__).resolve().parent
HEAD_PATH = PACKAGE / "models" / "risk-head.json"
DATA_PATH = PACKAGE / "data" / "risk-train.jsonl"
LABELS = (CrisisVerdict.CRISIS.value, CrisisVerdict.CHECK_IN.value, CrisisVerdict.NONE.value)
CRISIS_THRESHOLD = 0.8
# Grouped cross-validation on the training lines, per sentence: at 0.7 recall 0.85 with 2.5% of
# role-play sentences flagged; at 0.8 recall 0.79 with 1.4%. A turn has several sentences, so 0.7
# paused about one ordinary turn in eleven ("I'll stop leaving notes on the fridge."); the patterns
# still stop explicit risk at once.
RISK_THRESHOLD = 0.8
# a sentence with a figure of speech ("this is killing me") is everyday talk unless it says more
FIGURE_RISK_THRESHOLD = 0.9
REGULARISATION = 2.0


class RiskModel:
    def __init__(self, head: TextHead, encoder: SentenceEncoder):
        self.head = head
        self.encoder = encoder
        warn_on_engine(head, encoder, "crisis-check")

    def assess(self, text: str) -> RiskAssessment:
        if not text.strip():
            return RiskAssessment(CrisisVerdict.NONE)
        plain = [plain_words(part) for part in segments(text)]
        probabilities = self.head.probabilities(encode_each(self.encoder, [words for words, _ in plain]))
        crisis_reasons: list[str] = []
        check_in_reasons: list[str] = []
        for (part, figures), (p_crisis, p_check_in, _) in zip(plain, probabilities):
            distanced = bool(matches(DISTANCED, part)) and not matches(PRESENT, part)
            patterns = [] if distanced else matches(CRISIS, part)
            capped = not patterns and (distanced or bool(figures) or bool(matches(ANGER_IDIOM, part)))
            risk_needed = FIGURE_RISK_THRESHOLD if figures and not patterns else RISK_THRESHOLD
            quoted = _quote(part)
            if patterns:
                crisis_reasons.extend(f"{name}: {quoted}" for name in patterns)
            elif p_crisis >= CRISIS_THRESHOLD and not capped:
                crisis_reasons.append(f"classifier, crisis {p_crisis:.2f}: {quoted}")
            elif p_crisis + p_check_in >= risk_needed:
                check_in_reasons.append(f"classifier, risk {p_crisis + p_check_in:.2f}: {quoted}")
        notes = tuple(f"figure of speech read as plain words: '{f}'" for _, figures in plain for f in figures)
        if crisis_reasons:
            return RiskAssessment(CrisisVerdict.CRISIS, tuple(dict.fromkeys(crisis_reasons)) + notes)
        if check_in_reasons:
            return RiskAssessment(CrisisVerdict.CHECK_IN, tuple(dict.fromkeys(check_in_reasons)) + notes)
        return RiskAssessment(CrisisVerdict.NONE, notes)


def _quote(part: str, limit: int = 80) -> str:
    return f'"{part}"' if len(part) <= limit else f'"{part[: limit - 3]}..."'


_lock = threading.Lock()
_model: RiskModel | None = None


def risk_model() -> RiskModel:
    """The process's crisis classifier, loaded on first use."""
    global _model
    with _lock:
        if _model is None:
            _model = RiskModel(TextHead.load(HEAD_PATH), shared_encoder())
        return _model


def training_texts(texts: list[str]) -> list[str]:
    """Training rows as the model sees them at run time (figures of speech in plain words)."""
    return [plain_words(text)[0] for text in texts]


def train_risk_head(encoder: SentenceEncoder, data: Path = DATA_PATH) -> TextHead:
    from feedback.text_classifier import read_labelled

    texts, labels = read_labelled(data)
    return train_head(training_texts(texts), labels, LABELS, encoder, c=REGULARISATION, source=data.name)


def probabilities_for(model: RiskModel, texts: list[str]) -> np.ndarray:
    """The head's probabilities for whole texts (for tests and evaluation)."""
    return model.head.probabilities(encode_each(model.encoder, training_texts(texts)))
