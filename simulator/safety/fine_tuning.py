"""The crisis classifier's fine-tuning recipe: which training lines it uses.

The training itself (encoder, mean pooling, linear head) is `feedback.fine_tuned.training`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from feedback.fine_tuned.training import FineTuning

# ordinary none lines (DEAR MAN and role-play turns, 60% of the data) are sampled: a fine-tuning
# run then takes minutes on one slow core, and grouped cross-validation was run this way
ORDINARY_THEMES = (
    "dearman",
    "role_play",
    "role_play_in_context",
    "none_more",
    "none_more_in_context",
    "none_4",
    "none_4_in_context",
)


@dataclass(frozen=True)
class CrisisFineTuning(FineTuning):
    """The crisis recipe (chosen by grouped cross-validation on the training lines,
    scripts/finetune_risk_cv.py): the shared settings and a sample of the ordinary lines."""

    ordinary_fraction: float = 0.4

    def kept_rows(self, labels: list[str], themes: list[str]) -> np.ndarray:
        """Indices of the training rows used: every risk and hard-negative line, and a seeded
        sample of `ordinary_fraction` of the ordinary none lines."""
        draw = np.random.default_rng(self.seed).random(len(labels))
        ordinary = np.array([label == "none" and theme in ORDINARY_THEMES for label, theme in zip(labels, themes)])
        return np.flatnonzero(~ordinary | (draw < self.ordinary_fraction))
