"""Record the shipped crisis classifier's probabilities on fixed lines, for the test that checks
a machine gives the same figures: `python scripts/record_risk_encoder_outputs.py` after retraining."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from simulator.safety import risk_model
from simulator.safety.risk_encoder import ClassifierCard, OnnxClassifier

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "safety" / "risk-encoder-outputs.json"


def main() -> None:
    recorded = json.loads(OUT.read_text(encoding="utf-8"))
    texts = [line["text"] for line in recorded["lines"]]
    classifier = OnnxClassifier(risk_model.MODEL_PATH, ClassifierCard.load(risk_model.CARD_PATH))
    probabilities = classifier.probabilities(texts)
    OUT.write_text(
        json.dumps(
            {
                "model_sha256": hashlib.sha256(risk_model.MODEL_PATH.read_bytes()).hexdigest(),
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
    main()
