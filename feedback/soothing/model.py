"""The no-soothing classifier: a fine-tuned MiniLM classifier, with the phrase patterns.

A sentence soothes when the classifier's soothing probability is at least `THRESHOLD`, or when a
pattern finds a soothing phrase in it and the probability is at least `PHRASE_THRESHOLD`: a
phrase is strong evidence, but "don't worry, the parcel's in the porch" from a partner in role
gives information and soothes nobody. The classifier is the packaged MiniLM encoder
fine-tuned with a soothing / ok head (`feedback.soothing.training`), shipped as an int8 ONNX file
run by onnxruntime (`feedback.fine_tuned.onnx_classifier`). Quoted words (the learner's, an
exemplar's; in double or single quotes, as the coach's templates quote) are blanked first: what
the coach quotes is not what the coach says. Loaded once per
process, on first use.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

from feedback.fine_tuned.onnx_classifier import ClassifierCard, OnnxClassifier
from feedback.soothing.patterns import soothing_phrases

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "soothing-encoder-int8.onnx"
CARD_PATH = MODEL_PATH.with_name("soothing-encoder.json")
DATA_PATH = Path(__file__).resolve().parent / "data" / "soothing-train.jsonl"
LABELS = ("soothing", "ok")
# Grouped 4-fold cross-validation on the training lines (scripts/finetune_soothing_cv.py), out of
# fold over all 2,630 lines: AUC 0.981; at 0.5, soothing recall 0.939 with 5.5% of ok lines flagged
# (flat from 0.3 to 0.65: the fine-tuned probabilities sit near 0 or 1). Any phrase at any score
# would add 0.008 recall and 1.4 points of ok lines flagged; phrases over 0.05 keep that recall
# (0.947) and add 0.3 points (5.8%).
THRESHOLD = 0.5
PHRASE_THRESHOLD = 0.05
# "...", “...”, ‘...’ and '...' (an apostrophe inside a word, as in don't, neither opens nor closes)
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|‘[^’]*’|(?<!\w)'(?:[^'\n]|'(?=\w))*'(?!\w)")


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
    def __init__(self, classifier: OnnxClassifier):
        if classifier.labels != LABELS:
            raise ValueError(
                f"the no-soothing classifier's labels are {classifier.labels}, expected {LABELS}: "
                "run `rehearse safety train --check soothing`"
            )
        self.classifier = classifier

    def verdicts(self, sentences: list[str]) -> list[SoothingVerdict]:
        """One verdict per sentence."""
        own = [unquoted(s).strip() for s in sentences]
        scored = [i for i, s in enumerate(own) if s.strip('" ')]
        probabilities = self.classifier.probabilities([own[i] for i in scored])
        p_soothing = {i: float(p[0]) for i, p in zip(scored, probabilities)}
        result = []
        for i, sentence in enumerate(own):
            phrases = soothing_phrases(sentence)
            p = p_soothing.get(i, 0.0)
            if p >= THRESHOLD or (phrases and p >= PHRASE_THRESHOLD):
                reasons = [f"phrase: '{phrase}'" for phrase in phrases] + [f"classifier, soothing {p:.2f}"]
                result.append(SoothingVerdict(True, tuple(reasons)))
            else:
                result.append(SoothingVerdict(False, ()))
        return result


_lock = threading.Lock()
_model: SoothingModel | None = None


def soothing_model() -> SoothingModel:
    """The process's no-soothing classifier, loaded on first use."""
    global _model
    with _lock:
        if _model is None:
            _model = SoothingModel(OnnxClassifier(MODEL_PATH, ClassifierCard.load(CARD_PATH)))
        return _model
