"""Measure a rater on labelled turns: strong-vs-not macro-F1 per skill (IMBUE's metric),
3-level accuracy and Cohen's kappa, 3x3 confusion matrices, rating latency per utterance (all its
skills at once), and what the learner would see for each turn (levels and contrasts).

A turn that names a library scenario is rated exactly as in the app: with the scenario's
situation, goal, skills in play and own exemplars."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from feedback.labelled_data import LabelledUtterance
from feedback.presentation import shown_contrast
from feedback.raters.base import Rater
from feedback.rating import Rating, RatingContext, scenario_context
from feedback.skills import DEAR_MAN_IDS, LEVELS
from scenarios.schema import Scenario


class UnknownScenario(ValueError):
    """A labelled turn names a scenario the library does not have."""


@dataclass
class SkillResult:
    macro_f1: float
    support_strong: int
    confusion: list[list[int]]  # rows: gold strong/weak/none; columns: predicted
    accuracy_3: float
    kappa_3: float


@dataclass(frozen=True)
class Prediction:
    id: str
    levels: dict[str, str]
    stronger: dict[str, str | None]
    weaker: dict[str, str | None]

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "levels": self.levels, "stronger": self.stronger, "weaker": self.weaker}


@dataclass
class EvalReport:
    n: int
    macro_f1: float
    per_skill: dict[str, SkillResult] = field(default_factory=dict)
    latency_ms: dict[str, float] = field(default_factory=dict)
    predictions: list[Prediction] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "n": self.n,
            "macro_f1": round(self.macro_f1, 4),
            "per_skill": {
                s: {
                    "macro_f1": round(r.macro_f1, 4),
                    "support_strong": r.support_strong,
                    "accuracy_3": round(r.accuracy_3, 4),
                    "kappa_3": round(r.kappa_3, 4),
                }
                for s, r in self.per_skill.items()
            },
            "latency_ms": self.latency_ms,
            "predictions": [p.to_json() for p in self.predictions],
        }

    def to_text(self) -> str:
        lines = [
            f"{self.n} utterances; strong-vs-not macro-F1 {self.macro_f1:.3f} (mean over skills)",
            f"latency per utterance: p50 {self.latency_ms['p50']:.1f} ms, p95 {self.latency_ms['p95']:.1f} ms",
            "",
        ]
        for skill, result in self.per_skill.items():
            lines.append(
                f"{skill}: macro-F1 {result.macro_f1:.3f} (strong in gold: {result.support_strong}); "
                f"3-level accuracy {result.accuracy_3:.3f}, kappa {result.kappa_3:.3f}"
            )
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


def three_level_kappa(gold: list[str], predicted: list[str]) -> float:
    """Cohen's kappa over strong/weak/none; 1.0 when both sides use one and the same level."""
    from sklearn.metrics import cohen_kappa_score

    if len(set(gold) | set(predicted)) == 1:
        return 1.0
    return float(cohen_kappa_score(gold, predicted, labels=list(LEVELS)))


def context_for(row: LabelledUtterance, skills: tuple[str, ...], scenarios: Mapping[str, Scenario]) -> RatingContext:
    if row.scenario is None:
        return RatingContext(situation=row.situation, goal=row.goal, partner_last=row.partner_last, skills=skills)
    scenario = scenarios.get(row.scenario)
    if scenario is None:
        raise UnknownScenario(
            f"turn {row.id!r} names scenario {row.scenario!r}, which is not in the library; "
            "run `rehearse scenarios list` for the ids"
        )
    return scenario_context(scenario, row.partner_last)


def evaluate(
    rater: Rater, rows: list[LabelledUtterance], warmup: int = 3, scenarios: Mapping[str, Scenario] | None = None
) -> EvalReport:
    scenarios = scenarios or {}
    skills_seen = [s for s in DEAR_MAN_IDS if any(s in r.labels for r in rows)]
    skills_seen += sorted({s for r in rows for s in r.labels} - set(skills_seen))
    contexts = [context_for(row, tuple(s for s in skills_seen if s in row.labels), scenarios) for row in rows]
    for row, context in list(zip(rows, contexts))[:warmup]:
        rater.rate(row.utterance, context)
    gold: dict[str, list[str]] = {s: [] for s in skills_seen}
    predicted: dict[str, list[str]] = {s: [] for s in skills_seen}
    latencies, predictions = [], []
    for row, context in zip(rows, contexts):
        start = time.perf_counter()
        ratings = rater.rate(row.utterance, context)
        latencies.append((time.perf_counter() - start) * 1000)
        predictions.append(_prediction(row.id, ratings))
        levels = {r.skill: r.level for r in ratings}
        for skill, level in row.labels.items():
            gold[skill].append(level)
            predicted[skill].append(levels.get(skill, "none"))
    per_skill = {}
    for skill in skills_seen:
        confusion = [
            [sum(g == gl and p == pl for g, p in zip(gold[skill], predicted[skill])) for pl in LEVELS] for gl in LEVELS
        ]
        f1 = binary_macro_f1([g == "strong" for g in gold[skill]], [p == "strong" for p in predicted[skill]])
        accuracy = float(np.mean([g == p for g, p in zip(gold[skill], predicted[skill])]))
        per_skill[skill] = SkillResult(
            f1,
            sum(g == "strong" for g in gold[skill]),
            confusion,
            accuracy,
            three_level_kappa(gold[skill], predicted[skill]),
        )
    overall = float(np.mean([r.macro_f1 for r in per_skill.values()])) if per_skill else 0.0
    latency = {
        "p50": round(float(np.percentile(latencies, 50)), 2),
        "p95": round(float(np.percentile(latencies, 95)), 2),
    }
    return EvalReport(len(rows), overall, per_skill, latency, predictions)


def _prediction(row_id: str, ratings: list[Rating]) -> Prediction:
    contrasts = {r.skill: shown_contrast(r) for r in ratings}
    return Prediction(
        row_id,
        {r.skill: r.level for r in ratings},
        {skill: pair[0] for skill, pair in contrasts.items()},
        {skill: pair[1] for skill, pair in contrasts.items()},
    )
