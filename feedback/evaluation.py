"""Measure a rater on labelled turns: strong-vs-not macro-F1 per skill (IMBUE's metric),
3x3 confusion matrices, and rating latency per utterance (all its skills at once)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from feedback.labelled_data import LabelledUtterance
from feedback.rating import RatingContext
from feedback.raters.base import Rater
from feedback.skills import DEAR_MAN_IDS, LEVELS


@dataclass
class SkillResult:
    macro_f1: float
    support_strong: int
    confusion: list[list[int]]  # rows: gold strong/weak/none; columns: predicted


@dataclass
class EvalReport:
    n: int
    macro_f1: float
    per_skill: dict[str, SkillResult] = field(default_factory=dict)
    latency_ms: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {"n": self.n, "macro_f1": round(self.macro_f1, 4),
                "per_skill": {s: {"macro_f1": round(r.macro_f1, 4), "support_strong": r.support_strong}
                              for s, r in self.per_skill.items()},
                "latency_ms": self.latency_ms}

    def to_text(self) -> str:
        lines = [f"{self.n} utterances; strong-vs-not macro-F1 {self.macro_f1:.3f} (mean over skills)",
                 f"latency per utterance: p50 {self.latency_ms['p50']:.1f} ms, p95 {self.latency_ms['p95']:.1f} ms", ""]
        for skill, result in self.per_skill.items():
            lines.append(f"{skill}: macro-F1 {result.macro_f1:.3f} (strong in gold: {result.support_strong})")
            lines.append("  gold \\ predicted   strong    weak    none")
            for level, row in zip(LEVELS, result.confusion):
                lines.append(f"  {level:18}" + "".join(f"{count:8d}" for count in row))
        return "\n".join(lines)


def binary_macro_f1(gold: list[bool], predicted: list[bool]) -> float:
    scores = []
    for positive in (True, False):
        tp = sum(g == positive and p == positive for g, p in zip(gold, predicted))
        fp = sum(g != positive and p == positive for g, p in zip(gold, predicted))
        fn = sum(g == positive and p != positive for g, p in zip(gold, predicted))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0)
    return float(np.mean(scores))


def evaluate(rater: Rater, rows: list[LabelledUtterance], warmup: int = 3) -> EvalReport:
    skills_seen = [s for s in DEAR_MAN_IDS if any(s in r.labels for r in rows)]
    skills_seen += sorted({s for r in rows for s in r.labels} - set(skills_seen))
    for row in rows[:warmup]:
        rater.rate(row.utterance, RatingContext(skills=tuple(row.labels)))
    gold: dict[str, list[str]] = {s: [] for s in skills_seen}
    predicted: dict[str, list[str]] = {s: [] for s in skills_seen}
    latencies = []
    for row in rows:
        context = RatingContext(situation=row.situation, goal=row.goal, partner_last=row.partner_last,
                                skills=tuple(s for s in skills_seen if s in row.labels))
        start = time.perf_counter()
        ratings = {r.skill: r.level for r in rater.rate(row.utterance, context)}
        latencies.append((time.perf_counter() - start) * 1000)
        for skill, level in row.labels.items():
            gold[skill].append(level)
            predicted[skill].append(ratings.get(skill, "none"))
    per_skill = {}
    for skill in skills_seen:
        confusion = [[sum(g == gl and p == pl for g, p in zip(gold[skill], predicted[skill])) for pl in LEVELS]
                     for gl in LEVELS]
        f1 = binary_macro_f1([g == "strong" for g in gold[skill]], [p == "strong" for p in predicted[skill]])
        per_skill[skill] = SkillResult(f1, sum(g == "strong" for g in gold[skill]), confusion)
    overall = float(np.mean([r.macro_f1 for r in per_skill.values()])) if per_skill else 0.0
    latency = {"p50": round(float(np.percentile(latencies, 50)), 2), "p95": round(float(np.percentile(latencies, 95)), 2)}
    return EvalReport(len(rows), overall, per_skill, latency)
