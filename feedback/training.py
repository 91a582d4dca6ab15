"""Train the knn rater's head from our own labelled data: the exemplar bank (single spans) and
multi-sentence learner turns in `feedback/data/*.jsonl`. Never from the evaluation files.

Deterministic: fixed folds and a deterministic solver, so the same data gives the same head.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from feedback.faults import Fault
from feedback.labelled_data import LabelledUtterance, load_labelled
from feedback.raters.head import FaultHead, LinearHead, RaterHead, SkillHead
from feedback.raters.knn import KnnRater, skill_fingerprint, turn_features, utterance_features
from feedback.skills import LEVELS
from feedback.spans import split_spans

TRAINING_DIR = Path(__file__).resolve().parent / "data"
SPAN_C = 2.0
UTTERANCE_C = 0.5
BANK_WEIGHT = 0.5
FOLDS = 5
FAULT_C = 1.0
MIN_FAULT_EXAMPLES = 10


@dataclass(frozen=True)
class TrainingReport:
    skill: str
    bank_rows: int
    utterance_rows: int
    cv_macro_f1: float | None  # strong-vs-not, grouped by situation, on the labelled turns


def training_files(folder: Path = TRAINING_DIR) -> list[Path]:
    return sorted(folder.glob("*.jsonl"))


def train_head(
    rater: KnnRater, data: list[LabelledUtterance], skills: Iterable[str] | None = None, cross_validate: bool = True
) -> tuple[RaterHead, list[TrainingReport]]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    data = with_surface_variants(data)
    vectors = embed_turns(rater, data)
    head = RaterHead(
        trained_on={"utterances": len(data), "bank": rater.bank.fingerprint(), "engine": rater.encoder.engine}
    )
    reports = []
    for skill in skills or sorted({e.skill for e in rater.bank.exemplars if e.source == "bank"}):
        index = rater.index[skill]
        bank_x = np.vstack([index.vectors[level] for level in LEVELS])
        bank_y = np.array([level for level in LEVELS for _ in index.texts[level]])
        span_model = LogisticRegression(C=SPAN_C, max_iter=5000, class_weight="balanced").fit(bank_x, bank_y)
        span_head = LinearHead(tuple(span_model.classes_), span_model.coef_, span_model.intercept_)
        folds = StratifiedKFold(FOLDS, shuffle=True, random_state=0)
        out_of_fold = cross_val_predict(
            LogisticRegression(C=SPAN_C, max_iter=5000, class_weight="balanced"),
            bank_x,
            bank_y,
            cv=folds,
            method="predict_proba",
        )
        out_of_fold = out_of_fold[:, [list(span_model.classes_).index(level) for level in LEVELS]]

        bank_texts = [text for level in LEVELS for text in index.texts[level]]
        x_bank = np.array(
            [
                utterance_features(
                    skill,
                    rater.similarities(skill, bank_x[j : j + 1], exclude_self=True),
                    out_of_fold[j : j + 1],
                    bank_texts[j],
                    bank_x[j : j + 1],
                )
                for j in range(len(bank_texts))
            ]
        )
        rows = [i for i, row in enumerate(data) if skill in row.labels]
        x_turns = np.array(
            [
                utterance_features(
                    skill,
                    rater.similarities(skill, vectors[i]),
                    span_head.probabilities(vectors[i]),
                    data[i].utterance,
                    vectors[i],
                )
                for i in rows
            ]
        ).reshape(len(rows), x_bank.shape[1])
        y_turns = np.array([data[i].labels[skill] for i in rows], dtype=bank_y.dtype)
        x = np.vstack([x_turns, x_bank])
        y = np.concatenate([y_turns, bank_y])
        weights = np.concatenate([np.ones(len(rows)), np.full(len(bank_y), BANK_WEIGHT)])
        model = LogisticRegression(C=UTTERANCE_C, max_iter=5000, class_weight="balanced").fit(
            x, y, sample_weight=weights
        )
        head.skills[skill] = SkillHead(
            skill_fingerprint(rater.bank, skill),
            span_head,
            LinearHead(tuple(model.classes_), model.coef_, model.intercept_),
        )
        cv = (
            _grouped_cv(x_turns, y_turns, x_bank, bank_y, [data[i].group for i in rows])
            if cross_validate and len(rows)
            else None
        )
        reports.append(TrainingReport(skill, len(bank_y), len(rows), cv))
    if skills is None:
        head.faults = train_fault_heads(data, vectors)
    return head, reports


def embed_turns(rater: KnnRater, data: list[LabelledUtterance]) -> list[np.ndarray]:
    spans = [split_spans(row.utterance) for row in data]
    flat = rater.encoder.encode([span for row in spans for span in row])
    offsets = np.cumsum([0] + [len(row) for row in spans])
    return [flat[offsets[i] : offsets[i + 1]] for i in range(len(data))]


def with_surface_variants(data: list[LabelledUtterance]) -> list[LabelledUtterance]:
    """The turns, plus a lowercased copy of every third and a copy with "Please," in front of
    another third, labelled the same: case and a leading "please" change no skill."""
    variants = []
    for i, row in enumerate(data):
        text = row.utterance
        if i % 3 == 0:
            variants.append(
                row.model_copy(update={"id": f"{row.id}~please", "utterance": f"Please, {text[:1].lower()}{text[1:]}"})
            )
        elif i % 3 == 1 and text != text.lower():
            variants.append(row.model_copy(update={"id": f"{row.id}~lower", "utterance": text.lower()}))
    return [*data, *variants]


def train_fault_heads(data: list[LabelledUtterance], vectors: list[np.ndarray]) -> dict[str, FaultHead]:
    """One logistic regression per fault, on the turns labelled for faults."""
    from sklearn.linear_model import LogisticRegression

    rows = [i for i, row in enumerate(data) if row.faults is not None]
    if not rows:
        return {}
    x = np.array([turn_features(vectors[i], data[i].utterance) for i in rows])
    heads = {}
    for fault in Fault:
        y = np.array([fault in (data[i].faults or ()) for i in rows])
        if y.sum() < MIN_FAULT_EXAMPLES or (~y).sum() < MIN_FAULT_EXAMPLES:
            continue
        model = LogisticRegression(C=FAULT_C, max_iter=5000, class_weight="balanced").fit(x, y)
        heads[fault.value] = FaultHead(model.coef_[0], float(model.intercept_[0]))
    return heads


def _grouped_cv(
    x_turns: np.ndarray, y_turns: np.ndarray, x_bank: np.ndarray, y_bank: np.ndarray, groups: list[str]
) -> float:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    scores = []
    for train, test in GroupKFold(FOLDS).split(x_turns, y_turns, groups):
        model = LogisticRegression(C=UTTERANCE_C, max_iter=5000, class_weight="balanced").fit(
            np.vstack([x_turns[train], x_bank]),
            np.concatenate([y_turns[train], y_bank]),
            sample_weight=np.concatenate([np.ones(len(train)), np.full(len(y_bank), BANK_WEIGHT)]),
        )
        strong = model.predict_proba(x_turns[test])[:, list(model.classes_).index("strong")] >= 0.5
        scores.append(f1_score(y_turns[test] == "strong", strong, average="macro", zero_division=0))
    return float(np.mean(scores))


def load_training_data(paths: Iterable[Path] | None = None) -> list[LabelledUtterance]:
    rows: list[LabelledUtterance] = []
    for path in paths or training_files():
        rows.extend(load_labelled(path))
    return rows
