"""The crisis check's classifier: patterns plus the fine-tuned MiniLM encoder.

Each segment of a turn (its sentences, and the clauses of long ones) gets crisis / check_in /
none probabilities from the fine-tuned classifier (`feedback.fine_tuned.onnx_classifier`, int8 ONNX).
The turn is a crisis when one segment is: a crisis pattern in a segment not about the resolved
past or someone else, or a crisis probability over `CRISIS_THRESHOLD`. It is a check-in when one
segment's risk (crisis + check_in) is over `RISK_THRESHOLD`, or over `FIGURE_RISK_THRESHOLD` for
a segment with a figure of speech (read as plain words first: "this is killing me" as "this is
bothering me"). An anger idiom ("I'll kill you if you leave the pans again"), the resolved past
and someone else's story cap their segment at check_in. Loaded once per process, on first use."""

from __future__ import annotations

import threading
from pathlib import Path

from feedback.fine_tuned.onnx_classifier import ClassifierCard, OnnxClassifier
from feedback.text_classifier import segments
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
MODEL_PATH = PACKAGE / "models" / "risk-encoder-int8.onnx"
CARD_PATH = PACKAGE / "models" / "risk-encoder.json"
DATA_PATH = PACKAGE / "data" / "risk-train.jsonl"
LABELS = (CrisisVerdict.CRISIS.value, CrisisVerdict.CHECK_IN.value, CrisisVerdict.NONE.value)
# Grouped 4-fold cross-validation of the fine-tuned classifier on the training lines, per line
# (scripts/finetune_risk_cv.py): at 0.8, risk recall 0.90 with 1.7% of ordinary role-play lines
# flagged (the frozen-vector head it replaced: 0.78 with 2.2%), crisis recall 0.75 with 0.7% of
# ordinary lines stopped (0.53 and 0.9%). A turn has several segments, so lower thresholds pause
# too many ordinary turns; the patterns still stop explicit risk at once.
CRISIS_THRESHOLD = 0.8
RISK_THRESHOLD = 0.8
# a sentence with a figure of speech ("this is killing me") is everyday talk unless it says more
FIGURE_RISK_THRESHOLD = 0.9


class RiskModel:
    def __init__(self, classifier: OnnxClassifier):
        if classifier.labels != LABELS:
            raise ValueError(
                f"the crisis classifier's labels are {classifier.labels}, expected {LABELS}: "
                "run `rehearse safety train --check crisis`"
            )
        self.classifier = classifier

    def assess(self, text: str) -> RiskAssessment:
        if not text.strip():
            return RiskAssessment(CrisisVerdict.NONE)
        plain = [plain_words(part) for part in segments(text)]
        probabilities = self.classifier.probabilities([words for words, _ in plain])
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
            _model = RiskModel(OnnxClassifier(MODEL_PATH, ClassifierCard.load(CARD_PATH)))
        return _model


def training_texts(texts: list[str]) -> list[str]:
    """Training rows as the model sees them at run time (figures of speech in plain words)."""
    return [plain_words(text)[0] for text in texts]
