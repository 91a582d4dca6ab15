"""Record a shipped fine-tuned classifier's probabilities on fixed lines, for the tests that
check a machine gives the same figures. After retraining:

    PYTHONPATH=$PWD python scripts/record_classifier_outputs.py crisis|soothing
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from feedback.fine_tuned.onnx_classifier import ClassifierCard, OnnxClassifier
from feedback.soothing import model as soothing
from simulator.safety import risk_model

DATA = ROOT / "tests" / "data"
CLASSIFIERS = {
    "crisis": (risk_model.MODEL_PATH, risk_model.CARD_PATH, DATA / "safety" / "risk-encoder-outputs.json"),
    "soothing": (soothing.MODEL_PATH, soothing.CARD_PATH, DATA / "safety" / "soothing-encoder-outputs.json"),
}


def record(model_path: Path, card_path: Path, out: Path) -> None:
    """Score the lines already in `out` again and write their probabilities."""
    recorded = json.loads(out.read_text(encoding="utf-8"))
    texts = [line["text"] for line in recorded["lines"]]
    classifier = OnnxClassifier(model_path, ClassifierCard.load(card_path))
    probabilities = classifier.probabilities(texts)
    out.write_text(
        json.dumps(
            {
                "model_sha256": hashlib.sha256(model_path.read_bytes()).hexdigest(),
                "labels": list(classifier.card.labels),
                "lines": [
                    {"text": text, "probabilities": [round(float(x), 6) for x in row]}
                    for text, row in zip(texts, probabilities, strict=True)
                ],
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in CLASSIFIERS:
        sys.exit(f"usage: record_classifier_outputs.py {'|'.join(CLASSIFIERS)}")
    record(*CLASSIFIERS[sys.argv[1]])
