"""The knn rater's trained head: small linear models stored as JSON, applied with numpy.

Per skill, a span head maps one span's embedding to strong/weak/none probabilities, and an
utterance head maps the utterance's features (neighbour similarities, cues, span-head
probabilities) to the final probabilities. Trained by `rehearse feedback train`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from feedback.skills import LEVELS

HEAD_PATH = Path(__file__).resolve().parent.parent / "models" / "knn-head.json"


@dataclass(frozen=True)
class LinearHead:
    classes: tuple[str, ...]
    coef: np.ndarray  # (classes, features)
    intercept: np.ndarray  # (classes,)

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """(rows, features) -> (rows, 3) probabilities in LEVELS order."""
        logits = np.atleast_2d(features) @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        return p[:, [self.classes.index(level) for level in LEVELS]]

    def to_json(self) -> dict[str, object]:
        return {
            "classes": list(self.classes),
            "coef": np.round(self.coef, 6).tolist(),
            "intercept": np.round(self.intercept, 6).tolist(),
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> LinearHead:
        return cls(
            tuple(data["classes"]),  # type: ignore[arg-type]
            np.asarray(data["coef"], dtype=np.float32),
            np.asarray(data["intercept"], dtype=np.float32),
        )


@dataclass(frozen=True)
class FaultHead:
    """Logistic regression for one fault: turn features -> probability the fault is in the words."""

    coef: np.ndarray  # (features,)
    intercept: float

    def probability(self, features: np.ndarray) -> np.ndarray:
        """(rows, features) -> (rows,) probabilities."""
        return 1.0 / (1.0 + np.exp(-(np.atleast_2d(features) @ self.coef + self.intercept)))

    def to_json(self) -> dict[str, object]:
        return {"coef": np.round(self.coef, 6).tolist(), "intercept": round(float(self.intercept), 6)}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> FaultHead:
        return cls(np.asarray(data["coef"], dtype=np.float32), float(data["intercept"]))  # type: ignore[arg-type]


@dataclass(frozen=True)
class SkillHead:
    fingerprint: str  # of the skill's bank exemplars the head was trained with
    span: LinearHead
    utterance: LinearHead


@dataclass
class RaterHead:
    skills: dict[str, SkillHead] = field(default_factory=dict)
    trained_on: dict[str, object] = field(default_factory=dict)
    faults: dict[str, FaultHead] = field(default_factory=dict)

    def save(self, path: Path = HEAD_PATH) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "trained_on": self.trained_on,
            "skills": {
                s: {"fingerprint": h.fingerprint, "span": h.span.to_json(), "utterance": h.utterance.to_json()}
                for s, h in sorted(self.skills.items())
            },
            "faults": {f: h.to_json() for f, h in sorted(self.faults.items())},
        }
        path.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path = HEAD_PATH) -> RaterHead | None:
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        skills = {
            s: SkillHead(h["fingerprint"], LinearHead.from_json(h["span"]), LinearHead.from_json(h["utterance"]))
            for s, h in data["skills"].items()
        }
        faults = {f: FaultHead.from_json(h) for f, h in data.get("faults", {}).items()}
        return cls(skills, data.get("trained_on", {}), faults)
